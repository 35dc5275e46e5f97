//! Issuing, voiding and listing certificates, and the print log. Numbers are sequential per series
//! and never reused: the next number of a series is the highest ever issued + 1, voided ones included.
use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension, Transaction};

use super::template::{CertificateTemplate, MAX_MEMBERS};
use super::{Certificate, CertificateSubject, PrintReason, SubjectKind};
use crate::error::{CoreError, Result};
use crate::store::Store;

const SELECT: &str = "SELECT c.id, c.number, c.series, c.seq, c.kind, c.subject_key, c.group_code, c.group_label, c.prize,
        c.project_no, c.project_name, c.entrant_name, c.members, c.issued_at, c.voided_at, c.voided_by, c.void_reason,
        (SELECT count(*) FROM certificate_prints p WHERE p.certificate_id = c.id)
    FROM certificates c";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Certificate> {
    let kind: String = r.get(4)?;
    let members: String = r.get(12)?;
    Ok(Certificate {
        id: r.get(0)?,
        number: r.get(1)?,
        series: r.get(2)?,
        seq: r.get(3)?,
        kind: if kind == "unit" { SubjectKind::Unit } else { SubjectKind::Award },
        subject_key: r.get(5)?,
        group: r.get(6)?,
        group_label: r.get(7)?,
        prize: r.get(8)?,
        project_no: r.get(9)?,
        project_name: r.get(10)?,
        entrant_name: r.get(11)?,
        // Written by this module only; an unreadable value prints no members rather than failing.
        members: serde_json::from_str(&members).unwrap_or_default(),
        issued_at: r.get(13)?,
        voided_at: r.get(14)?,
        voided_by: r.get(15)?,
        void_reason: r.get(16)?,
        prints: r.get(17)?,
    })
}

/// Every certificate, live and voided, by series and sequence.
pub fn list(store: &Store) -> Result<Vec<Certificate>> {
    let mut stmt = store.conn().prepare(&format!("{SELECT} ORDER BY c.series, c.seq"))?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One certificate by its number.
pub fn get(store: &Store, number: &str) -> Result<Certificate> {
    find_by_number(store.conn(), number)?.ok_or_else(|| CoreError::NotFound(format!("没有编号为“{number}”的证书")))
}

fn find_by_number(conn: &rusqlite::Connection, number: &str) -> Result<Option<Certificate>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE c.number = ?1"), [number.trim()], row).optional()?)
}

fn live_of(tx: &Transaction<'_>, kind: SubjectKind, key: &str) -> Result<Option<Certificate>> {
    Ok(tx
        .query_row(&format!("{SELECT} WHERE c.kind = ?1 AND c.subject_key = ?2 AND c.voided_at IS NULL"), params![kind.code(), key], row)
        .optional()?)
}

/// Refuses a subject the certificate cannot be printed for, with a message naming it.
pub fn check_subject(s: &CertificateSubject) -> Result<()> {
    let name = if s.entrant_name.trim().is_empty() { s.key.as_str() } else { s.entrant_name.as_str() };
    if s.key.trim().is_empty() {
        return Err(CoreError::Invalid(format!("“{name}”缺少标识（项目或单位），无法颁发证书")));
    }
    if s.entrant_name.trim().is_empty() {
        return Err(CoreError::Invalid(format!("“{}”缺少获奖主体名称，无法颁发证书", s.key)));
    }
    if s.prize.trim().is_empty() {
        return Err(CoreError::Invalid(format!("“{name}”没有奖项，无法颁发证书")));
    }
    if s.kind == SubjectKind::Award && s.group.as_deref().is_none_or(|g| g.trim().is_empty()) {
        return Err(CoreError::Invalid(format!("“{name}”没有组别，无法编号")));
    }
    let members: Vec<&String> = s.members.iter().filter(|m| !m.trim().is_empty()).collect();
    if members.len() > MAX_MEMBERS {
        return Err(CoreError::Invalid(format!(
            "“{name}”（{}）填写了 {} 名团队成员，证书最多列 {MAX_MEMBERS} 名核心成员；请选择不超过 {MAX_MEMBERS} 名成员后再颁发证书",
            if s.project_no.is_empty() { s.key.as_str() } else { s.project_no.as_str() },
            members.len()
        )));
    }
    Ok(())
}

fn clean_members(m: &[String]) -> Vec<String> {
    m.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// Issues certificates in one transaction. A subject without a live certificate gets the next number
/// of its series; one whose prize or group changed has its certificate voided (with the reason) and
/// gets a new number; corrected names or members keep the number (the certificate is reprinted).
/// Returns the live certificates of `subjects`, in their order. Re-issuing the same list changes nothing.
pub fn issue(
    store: &mut Store,
    subjects: &[CertificateSubject],
    template: &CertificateTemplate,
    now: DateTime<FixedOffset>,
) -> Result<Vec<Certificate>> {
    template.validate()?;
    let mut seen = std::collections::HashSet::new();
    for s in subjects {
        check_subject(s)?;
        template.series_for(s.series_group())?;
        if !seen.insert((s.kind, s.key.trim())) {
            return Err(CoreError::Invalid(format!("“{}”在获奖名单中出现了两次，请先核对名单", s.entrant_name)));
        }
    }
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    let mut numbers = Vec::with_capacity(subjects.len());
    for s in subjects {
        let key = s.key.trim();
        let members = clean_members(&s.members);
        let members_json = serde_json::to_string(&members).map_err(|e| CoreError::Invalid(e.to_string()))?;
        if let Some(old) = live_of(&tx, s.kind, key)? {
            if old.prize == s.prize.trim() && old.group.as_deref() == s.series_group() {
                tx.execute(
                    "UPDATE certificates SET group_label = ?2, project_no = ?3, project_name = ?4, entrant_name = ?5, members = ?6
                     WHERE id = ?1",
                    params![old.id, s.group_label.trim(), s.project_no.trim(), s.project_name.trim(), s.entrant_name.trim(), members_json],
                )?;
                numbers.push(old.number);
                continue;
            }
            let reason = if old.prize != s.prize.trim() {
                format!("奖项由“{}”改为“{}”，已重新颁发", old.prize, s.prize.trim())
            } else {
                format!("组别由“{}”改为“{}”，已重新颁发", old.group_label, s.group_label.trim())
            };
            tx.execute(
                "UPDATE certificates SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1",
                params![old.id, at, "颁发证书时自动作废", reason],
            )?;
        }
        let series = template.series_for(s.series_group())?;
        let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM certificates WHERE series = ?1", [&series], |r| r.get(0))?;
        let number = template.number(&series, seq)?;
        let taken: bool = tx.query_row("SELECT count(*) > 0 FROM certificates WHERE number = ?1", [&number], |r| r.get(0))?;
        if taken {
            // Only possible when the number format was changed between issues.
            return Err(CoreError::Invalid(format!("证书编号“{number}”已被使用过（编号格式可能改过），编号不能重复使用；请调整证书编号格式")));
        }
        tx.execute(
            "INSERT INTO certificates(number, series, seq, subject_key, kind, group_code, group_label, prize, project_no,
                project_name, entrant_name, members, issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                number,
                series,
                seq,
                key,
                s.kind.code(),
                s.series_group(),
                s.group_label.trim(),
                s.prize.trim(),
                s.project_no.trim(),
                s.project_name.trim(),
                s.entrant_name.trim(),
                members_json,
                at
            ],
        )?;
        numbers.push(number);
    }
    tx.commit()?;
    numbers.iter().map(|n| get(store, n)).collect()
}

/// Voids a live certificate. Its number stays taken for ever.
pub fn void(store: &mut Store, number: &str, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<Certificate> {
    if reason.trim().is_empty() {
        return Err(CoreError::Invalid("作废证书必须填写原因".into()));
    }
    if who.trim().is_empty() {
        return Err(CoreError::Invalid("作废证书必须填写操作人".into()));
    }
    let c = get(store, number)?;
    if let Some(at) = &c.voided_at {
        return Err(CoreError::Invalid(format!("证书“{}”已于 {} 作废，不能重复作废", c.number, short_time(at))));
    }
    store.conn().execute(
        "UPDATE certificates SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1 AND voided_at IS NULL",
        params![c.id, now.to_rfc3339(), who.trim(), reason.trim()],
    )?;
    get(store, number)
}

/// Records that a live certificate was printed (or written out for printing).
pub fn log_print(store: &mut Store, number: &str, reason: PrintReason, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let c = get(store, number)?;
    if c.voided_at.is_some() {
        return Err(CoreError::Invalid(format!("证书“{}”已作废，不能打印", c.number)));
    }
    store.conn().execute(
        "INSERT INTO certificate_prints(certificate_id, at, who, reason) VALUES (?1, ?2, ?3, ?4)",
        params![c.id, now.to_rfc3339(), who.trim(), reason.label()],
    )?;
    Ok(())
}

/// Logs one print per certificate in one transaction: 首次打印 when never printed, else 重印.
pub(super) fn log_prints(store: &mut Store, certs: &[Certificate], who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    for c in certs {
        let reason = if c.prints == 0 { PrintReason::First } else { PrintReason::Reprint };
        tx.execute(
            "INSERT INTO certificate_prints(certificate_id, at, who, reason) VALUES (?1, ?2, ?3, ?4)",
            params![c.id, at, who.trim(), reason.label()],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Live certificates whose subject is no longer in `subjects` (an award withdrawn): listed for a
/// person to void, never voided silently.
pub fn orphans(store: &Store, subjects: &[CertificateSubject]) -> Result<Vec<Certificate>> {
    let keys: std::collections::HashSet<(SubjectKind, &str)> = subjects.iter().map(|s| (s.kind, s.key.trim())).collect();
    Ok(list(store)?.into_iter().filter(|c| c.voided_at.is_none() && !keys.contains(&(c.kind, c.subject_key.as_str()))).collect())
}

/// "2026-11-28 09:30" from an RFC 3339 time.
pub(super) fn short_time(rfc3339: &str) -> String {
    rfc3339.chars().take(16).collect::<String>().replace('T', " ")
}
