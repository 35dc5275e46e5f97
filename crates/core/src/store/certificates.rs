//! The certificate register's tables (`certificates`, `certificate_prints`, `certificate_members`) and
//! the stored template (a `settings` row). Numbers are never reused: rows are never deleted.
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::{Certificate, Group, SubjectKind};

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
pub fn list(conn: &Connection) -> Result<Vec<Certificate>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY c.series, c.seq"))?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn by_number(conn: &Connection, number: &str) -> Result<Option<Certificate>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE c.number = ?1"), [number.trim()], row).optional()?)
}

/// The live certificate of a subject, if any.
pub fn live_of(conn: &Connection, kind: SubjectKind, key: &str) -> Result<Option<Certificate>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE c.kind = ?1 AND c.subject_key = ?2 AND c.voided_at IS NULL"), params![kind.code(), key], row)
        .optional()?)
}

/// Live (not voided) award certificates: entry key → number. The award list shows them.
pub fn live_award_numbers(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT subject_key, number FROM certificates WHERE kind = 'award' AND voided_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The next sequence number of a series: the highest ever issued + 1, voided ones included.
pub fn next_seq(conn: &Connection, series: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM certificates WHERE series = ?1", [series], |r| r.get(0))?)
}

pub fn number_taken(conn: &Connection, number: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) > 0 FROM certificates WHERE number = ?1", [number], |r| r.get(0))?)
}

/// The fields of a certificate that a correction may change without a new number.
pub struct Names<'a> {
    pub group_label: &'a str,
    pub project_no: &'a str,
    pub project_name: &'a str,
    pub entrant_name: &'a str,
    /// JSON array of names.
    pub members: &'a str,
}

pub fn update_names(conn: &Connection, id: i64, n: &Names<'_>) -> Result<()> {
    conn.execute(
        "UPDATE certificates SET group_label = ?2, project_no = ?3, project_name = ?4, entrant_name = ?5, members = ?6 WHERE id = ?1",
        params![id, n.group_label, n.project_no, n.project_name, n.entrant_name, n.members],
    )?;
    Ok(())
}

/// Marks a live certificate voided; returns false when it was voided already.
pub fn set_voided(conn: &Connection, id: i64, at: &str, who: &str, reason: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE certificates SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1 AND voided_at IS NULL",
        params![id, at, who, reason],
    )?;
    Ok(n > 0)
}

/// A new certificate row.
pub struct NewCertificate<'a> {
    pub number: &'a str,
    pub series: &'a str,
    pub seq: i64,
    pub subject_key: &'a str,
    pub kind: SubjectKind,
    pub group: Option<Group>,
    pub names: Names<'a>,
    pub prize: &'a str,
    pub issued_at: &'a str,
}

pub fn insert(conn: &Connection, c: &NewCertificate<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO certificates(number, series, seq, subject_key, kind, group_code, group_label, prize, project_no,
            project_name, entrant_name, members, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            c.number,
            c.series,
            c.seq,
            c.subject_key,
            c.kind.code(),
            c.group,
            c.names.group_label,
            c.prize,
            c.names.project_no,
            c.names.project_name,
            c.names.entrant_name,
            c.names.members,
            c.issued_at
        ],
    )?;
    Ok(())
}

pub fn insert_print(conn: &Connection, certificate_id: i64, at: &str, who: &str, reason: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO certificate_prints(certificate_id, at, who, reason) VALUES (?1, ?2, ?3, ?4)",
        params![certificate_id, at, who, reason],
    )?;
    Ok(())
}

/// The member choices for team certificates: entry key → JSON array of names.
pub fn member_choices(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT entry_key, names FROM certificate_members")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn set_member_choice(conn: &Connection, entry_key: &str, names_json: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO certificate_members(entry_key, names, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(entry_key) DO UPDATE SET names = excluded.names, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![entry_key, names_json, who, at],
    )?;
    Ok(())
}

const TEMPLATE_KEY: &str = "certificate_template";

/// The stored certificate template (JSON), if one was saved.
pub fn template_json(conn: &Connection) -> Result<Option<String>> {
    super::settings::get(conn, TEMPLATE_KEY)
}

pub fn save_template_json(conn: &Connection, json: &str, at: &str) -> Result<()> {
    super::settings::put(conn, TEMPLATE_KEY, json, at)
}
