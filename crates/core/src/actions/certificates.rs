//! Changes to the certificate register: issuing (numbers per series, never reused), voiding, the
//! print log, writing the PDFs out, the template and the team members printed.
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use crate::certificates::{
    self, check_subject, clean_members, find, render_batch, render_one, short_time, Certificate, CertificateImages, CertificateSubject,
    CertificateTemplate, PrintReason, Written, BATCH_FILE, MAX_MEMBERS,
};
use crate::error::{CoreError, Result};
use crate::store::certificates::{Names, NewCertificate};
use crate::store::{self, Store};

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
            return Err(CoreError::conflict(format!("“{}”在获奖名单中出现了两次，请先核对名单", s.entrant_name)));
        }
    }
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    let mut numbers = Vec::with_capacity(subjects.len());
    for s in subjects {
        let key = s.key.trim();
        let members = clean_members(&s.members);
        let members_json = serde_json::to_string(&members).map_err(|e| CoreError::precondition(e.to_string()))?;
        let names = Names {
            group_label: s.group_label.trim(),
            project_no: s.project_no.trim(),
            project_name: s.project_name.trim(),
            entrant_name: s.entrant_name.trim(),
            members: &members_json,
        };
        if let Some(old) = store::certificates::live_of(&tx, s.kind, key)? {
            if old.prize == s.prize.trim() && old.group == s.series_group() {
                store::certificates::update_names(&tx, old.id, &names)?;
                numbers.push(old.number);
                continue;
            }
            let reason = if old.prize != s.prize.trim() {
                format!("奖项由“{}”改为“{}”，已重新颁发", old.prize, s.prize.trim())
            } else {
                format!("组别由“{}”改为“{}”，已重新颁发", old.group_label, s.group_label.trim())
            };
            store::certificates::set_voided(&tx, old.id, &at, "颁发证书时自动作废", &reason)?;
        }
        let series = template.series_for(s.series_group())?;
        let seq = store::certificates::next_seq(&tx, &series)?;
        let number = template.number(&series, seq)?;
        if store::certificates::number_taken(&tx, &number)? {
            // Only possible when the number format was changed between issues.
            return Err(CoreError::conflict(format!("证书编号“{number}”已被使用过（编号格式可能改过），编号不能重复使用；请调整证书编号格式")));
        }
        store::certificates::insert(
            &tx,
            &NewCertificate {
                number: &number,
                series: &series,
                seq,
                subject_key: key,
                kind: s.kind,
                group: s.series_group(),
                names,
                prize: s.prize.trim(),
                issued_at: &at,
            },
        )?;
        numbers.push(number);
    }
    tx.commit()?;
    numbers.iter().map(|n| certificates::get(store, n)).collect()
}

/// Voids a live certificate. Its number stays taken for ever.
pub fn void(store: &mut Store, number: &str, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<Certificate> {
    void_in(store.conn(), number, reason, who, now)
}

/// [`void`] on a connection or inside another action's transaction (取消资格 voids the entry's
/// certificate in its own transaction).
pub fn void_in(conn: &Connection, number: &str, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<Certificate> {
    if reason.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "作废证书必须填写原因"));
    }
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "作废证书必须填写操作人"));
    }
    let c = find(conn, number)?;
    if let Some(at) = &c.voided_at {
        return Err(CoreError::precondition(format!("证书“{}”已于 {} 作废，不能重复作废", c.number, short_time(at))));
    }
    store::certificates::set_voided(conn, c.id, &now.to_rfc3339(), who.trim(), reason.trim())?;
    find(conn, number)
}

/// Records that a live certificate was printed (or written out for printing).
pub fn log_print(store: &mut Store, number: &str, reason: PrintReason, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let c = certificates::get(store, number)?;
    if c.voided_at.is_some() {
        return Err(CoreError::precondition(format!("证书“{}”已作废，不能打印", c.number)));
    }
    store::certificates::insert_print(store.conn(), c.id, &now.to_rfc3339(), who.trim(), reason.label())
}

/// Logs one print per certificate in one transaction: 首次打印 when never printed, else 重印.
fn log_prints(store: &mut Store, certs: &[Certificate], who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    for c in certs {
        let reason = if c.prints == 0 { PrintReason::First } else { PrintReason::Reprint };
        store::certificates::insert_print(&tx, c.id, &at, who.trim(), reason.label())?;
    }
    tx.commit()?;
    Ok(())
}

/// Writes `证书-全部.pdf` and one `<number>.pdf` per live certificate into `dir`, removes the PDFs of
/// voided certificates left there by an earlier run, and logs a print per certificate (首次打印 or
/// 重印). Everything is rendered before anything is written, so a bad template changes nothing.
pub fn write_all(store: &mut Store, dir: &Path, template: &CertificateTemplate, who: &str, now: DateTime<FixedOffset>) -> Result<Written> {
    let all = certificates::list(store)?;
    let live: Vec<Certificate> = all.iter().filter(|c| c.voided_at.is_none()).cloned().collect();
    let images = CertificateImages::load(template)?;
    let batch_pdf = render_batch(&live, template, &images)?;
    let singles: Vec<(String, Vec<u8>)> =
        live.iter().map(|c| render_one(c, template, &images).map(|b| (format!("{}.pdf", c.number), b))).collect::<Result<_>>()?;

    std::fs::create_dir_all(dir)?;
    let batch = dir.join(BATCH_FILE);
    write_replacing(&batch, &batch_pdf)?;
    let mut files = Vec::with_capacity(singles.len());
    for (name, bytes) in singles {
        let p = dir.join(name);
        write_replacing(&p, &bytes)?;
        files.push(p);
    }
    let mut removed = Vec::new();
    for c in all.iter().filter(|c| c.voided_at.is_some()) {
        let p = dir.join(format!("{}.pdf", c.number));
        if p.is_file() {
            std::fs::remove_file(&p)?;
            removed.push(p);
        }
    }
    log_prints(store, &live, who, now)?;
    Ok(Written { batch, batch_bytes: batch_pdf.len() as u64, files, removed, certificates: live.len() })
}

/// Writes through a temporary file and a rename: a crash never leaves half a PDF under the real name.
fn write_replacing(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Validates and stores the template.
pub fn save_template(store: &mut Store, t: &CertificateTemplate, now: DateTime<FixedOffset>) -> Result<CertificateTemplate> {
    t.validate()?;
    let json = serde_json::to_string(t).map_err(|e| CoreError::validation(Some("template"), e.to_string()))?;
    store::certificates::save_template_json(store.conn(), &json, &now.to_rfc3339())?;
    certificates::template(store)
}

/// A person chooses the ≤ 7 names printed on a team's certificate (from the names the entry lists).
pub fn set_members(store: &mut Store, entry: &str, names: &[String], who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写操作人。"));
    }
    let choices = certificates::member_choices(store)?;
    let c = choices
        .iter()
        .find(|c| c.key == entry.trim() || c.project_no == entry.trim())
        .ok_or_else(|| CoreError::NotFound(format!("“{}”不是获奖的创客团队。", entry.trim())))?;
    let names: Vec<String> = names.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    if names.is_empty() || names.len() > MAX_MEMBERS {
        return Err(CoreError::validation(Some("members"), format!("证书上的核心成员应为 1 到 {MAX_MEMBERS} 人，现选择了 {} 人。", names.len())));
    }
    if let Some(n) = names.iter().find(|n| !c.members.contains(n)) {
        return Err(CoreError::validation(Some("members"), format!("“{n}”不是项目 {} 的团队成员。", c.project_no)));
    }
    let json = serde_json::to_string(&names).map_err(|e| CoreError::precondition(e.to_string()))?;
    store::certificates::set_member_choice(store.conn(), &c.key, &json, who.trim(), &now.to_rfc3339())?;
    Ok(())
}
