//! The season after the scores: `objections`, `provincial_results`, `followups`, `growth_flags`.
//! Entries are named by key in the tables and by project number (their key when they have none) outward.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{CoreError, Result};
use crate::model::{FollowUp, FollowUpKind, Objection, ObjectionOutcome, ProvincialOutcome, ProvincialResult};

/// A stored code this version does not know (the CHECKs admit only the codes it writes, so the file was
/// changed by something else): a `DB` error naming it, never a guess.
#[derive(Debug)]
struct UnknownCode(String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "赛事文件中的{}无法识别，文件可能被其他程序改动过", self.0)
    }
}

impl std::error::Error for UnknownCode {}

fn unknown(column: usize, what: String) -> CoreError {
    CoreError::Db(rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(UnknownCode(what))))
}

/// What an objection is recorded with.
pub struct NewObjection<'a> {
    pub entry_key: &'a str,
    pub from: &'a str,
    pub received: &'a str,
    pub content: &'a str,
    pub recorded_at: &'a str,
}

pub fn insert_objection(conn: &Connection, o: &NewObjection) -> Result<i64> {
    conn.execute(
        "INSERT INTO objections(entry_key, from_who, received, content, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![o.entry_key, o.from, o.received, o.content, o.recorded_at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn close_objection(conn: &Connection, id: i64, outcome: ObjectionOutcome, handling: &str, closed_at: &str, linked: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE objections SET outcome = ?2, handling = ?3, closed_at = ?4, linked = ?5 WHERE id = ?1",
        params![id, outcome.code(), handling, closed_at, linked],
    )?;
    Ok(())
}

const OBJECTION_COLS: &str = "o.id, coalesce(e.project_no, o.entry_key), e.project_name, o.from_who, o.received, o.content, o.handling,
     o.outcome, o.closed_at, o.linked, o.entry_key";

fn objection_row(r: &Row) -> rusqlite::Result<(Objection, String)> {
    let outcome: Option<String> = r.get(7)?;
    let closed_at: Option<String> = r.get(8)?;
    Ok((
        Objection {
            id: r.get(0)?,
            entry: r.get(1)?,
            project_name: r.get(2)?,
            from: r.get(3)?,
            received: r.get(4)?,
            content: r.get(5)?,
            handling: r.get(6)?,
            // The CHECK admits only the codes this version writes.
            outcome: outcome.and_then(|c| ObjectionOutcome::parse(&c).ok()),
            status: if closed_at.is_some() { "closed" } else { "open" }.into(),
            closed_at,
            linked: r.get(9)?,
        },
        r.get(10)?,
    ))
}

/// Every objection, oldest first, each with its entry's key.
pub fn objections(conn: &Connection) -> Result<Vec<(Objection, String)>> {
    let sql = format!("SELECT {OBJECTION_COLS} FROM objections o LEFT JOIN entries e ON e.key = o.entry_key ORDER BY o.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], objection_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn objection(conn: &Connection, id: i64) -> Result<Option<(Objection, String)>> {
    let sql = format!("SELECT {OBJECTION_COLS} FROM objections o LEFT JOIN entries e ON e.key = o.entry_key WHERE o.id = ?1");
    Ok(conn.query_row(&sql, [id], objection_row).optional()?)
}

pub fn open_objection_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM objections WHERE closed_at IS NULL", [], |r| r.get(0))?)
}

/// Records (or replaces) a recommended project's provincial result.
pub fn set_provincial(conn: &Connection, entry_key: &str, outcome: ProvincialOutcome, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO provincial_results(entry_key, outcome, set_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(entry_key) DO UPDATE SET outcome = excluded.outcome, set_at = excluded.set_at",
        params![entry_key, outcome.code(), at],
    )?;
    Ok(())
}

pub fn provincial_results(conn: &Connection) -> Result<Vec<ProvincialResult>> {
    let mut stmt = conn.prepare(
        "SELECT coalesce(e.project_no, p.entry_key), e.project_name, p.outcome, p.set_at
         FROM provincial_results p LEFT JOIN entries e ON e.key = p.entry_key ORDER BY e.group_code, e.project_no, p.entry_key",
    )?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (entry, project_name, code, set_at) = row?;
        let outcome = ProvincialOutcome::parse(&code).map_err(|_| unknown(2, format!("省赛结果代码“{code}”")))?;
        out.push(ProvincialResult { entry, project_name, outcome, outcome_label: outcome.label().into(), set_at });
    }
    Ok(out)
}

/// What a follow-up record is written with.
pub struct NewFollowUp<'a> {
    pub entry_key: &'a str,
    pub date: &'a str,
    pub kind: FollowUpKind,
    pub note: &'a str,
    pub amount_wan: Option<f64>,
    pub next_due: Option<&'a str>,
    pub recorded_at: &'a str,
}

pub fn insert_followup(conn: &Connection, f: &NewFollowUp) -> Result<i64> {
    conn.execute(
        "INSERT INTO followups(entry_key, date, kind, note, amount_wan, next_due, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![f.entry_key, f.date, f.kind.code(), f.note, f.amount_wan, f.next_due, f.recorded_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Follow-up records in date order (of one entry when `entry_key` is given), each with its entry's key.
pub fn followups(conn: &Connection, entry_key: Option<&str>) -> Result<Vec<(FollowUp, String)>> {
    let mut stmt = conn.prepare(
        "SELECT f.id, coalesce(e.project_no, f.entry_key), e.project_name, f.date, f.kind, f.note, f.amount_wan, f.next_due, f.entry_key
         FROM followups f LEFT JOIN entries e ON e.key = f.entry_key
         WHERE ?1 IS NULL OR f.entry_key = ?1 ORDER BY f.date, f.id",
    )?;
    let rows = stmt.query_map([entry_key], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, entry, project_name, date, kind, note, amount_wan, next_due, key) = row?;
        let kind = FollowUpKind::parse(&kind).map_err(|_| unknown(4, format!("跟踪记录类型代码“{kind}”")))?;
        out.push((FollowUp { id, entry, project_name, date, kind, note, amount_wan, next_due }, key));
    }
    Ok(out)
}

pub fn followup_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM followups", [], |r| r.get(0))?)
}

/// Marks a project 成长快 (`fast`) or 潜力大 (`potential`) with the reason; None clears the mark.
pub fn set_growth_flag(conn: &Connection, entry_key: &str, flag: Option<(&str, &str)>, at: &str) -> Result<()> {
    match flag {
        Some((flag, reason)) => conn.execute(
            "INSERT INTO growth_flags(entry_key, flag, reason, set_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(entry_key) DO UPDATE SET flag = excluded.flag, reason = excluded.reason, set_at = excluded.set_at",
            params![entry_key, flag, reason, at],
        )?,
        None => conn.execute("DELETE FROM growth_flags WHERE entry_key = ?1", [entry_key])?,
    };
    Ok(())
}

/// (project number, project name, flag, reason) of every flagged project.
pub fn growth_flags(conn: &Connection) -> Result<Vec<(String, Option<String>, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT coalesce(e.project_no, g.entry_key), e.project_name, g.flag, g.reason
         FROM growth_flags g LEFT JOIN entries e ON e.key = g.entry_key ORDER BY e.project_no, g.entry_key",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Records why the award list was finalised while objections were open (kept beside the frozen set).
pub fn override_reason(conn: &Connection, set_id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT override_reason FROM award_sets WHERE id = ?1", [set_id], |r| r.get(0)).optional()?.flatten())
}
