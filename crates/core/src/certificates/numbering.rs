//! Listing certificates and checking subjects. Issuing, voiding and the print log are changes:
//! `actions::certificates`. Numbers are sequential per series and never reused.
use super::template::MAX_MEMBERS;
use super::{Certificate, CertificateSubject, SubjectKind};
use crate::error::{CoreError, Result};
use crate::store::{self, Store};

/// Every certificate, live and voided, by series and sequence.
pub fn list(store: &Store) -> Result<Vec<Certificate>> {
    store::certificates::list(store.conn())
}

/// One certificate by its number.
pub fn get(store: &Store, number: &str) -> Result<Certificate> {
    find(store.conn(), number)
}

/// One certificate by its number, on a connection or inside an action's transaction.
pub fn find(conn: &rusqlite::Connection, number: &str) -> Result<Certificate> {
    store::certificates::by_number(conn, number)?.ok_or_else(|| CoreError::NotFound(format!("没有编号为“{number}”的证书")))
}

/// Refuses a subject the certificate cannot be printed for, with a message naming it.
pub fn check_subject(s: &CertificateSubject) -> Result<()> {
    let name = if s.entrant_name.trim().is_empty() { s.key.as_str() } else { s.entrant_name.as_str() };
    if s.key.trim().is_empty() {
        return Err(CoreError::precondition(format!("“{name}”缺少标识（项目或单位），无法颁发证书")));
    }
    if s.entrant_name.trim().is_empty() {
        return Err(CoreError::precondition(format!("“{}”缺少获奖主体名称，无法颁发证书", s.key)));
    }
    if s.prize.trim().is_empty() {
        return Err(CoreError::precondition(format!("“{name}”没有奖项，无法颁发证书")));
    }
    if s.kind == SubjectKind::Award && s.group.is_none() {
        return Err(CoreError::precondition(format!("“{name}”没有组别，无法编号")));
    }
    let members: Vec<&String> = s.members.iter().filter(|m| !m.trim().is_empty()).collect();
    if members.len() > MAX_MEMBERS {
        return Err(CoreError::validation(
            Some("members"),
            format!(
                "“{name}”（{}）填写了 {} 名团队成员，证书最多列 {MAX_MEMBERS} 名核心成员；请选择不超过 {MAX_MEMBERS} 名成员后再颁发证书",
                if s.project_no.is_empty() { s.key.as_str() } else { s.project_no.as_str() },
                members.len()
            ),
        ));
    }
    Ok(())
}

/// The member names as printed: trimmed, blanks dropped.
pub fn clean_members(m: &[String]) -> Vec<String> {
    m.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// Live certificates whose subject is no longer in `subjects` (an award withdrawn): listed for a
/// person to void, never voided silently.
pub fn orphans(store: &Store, subjects: &[CertificateSubject]) -> Result<Vec<Certificate>> {
    let keys: std::collections::HashSet<(SubjectKind, &str)> = subjects.iter().map(|s| (s.kind, s.key.trim())).collect();
    Ok(list(store)?.into_iter().filter(|c| c.voided_at.is_none() && !keys.contains(&(c.kind, c.subject_key.as_str()))).collect())
}

/// "2026-11-28 09:30" from an RFC 3339 time.
pub fn short_time(rfc3339: &str) -> String {
    rfc3339.chars().take(16).collect::<String>().replace('T', " ")
}
