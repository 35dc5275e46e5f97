//! The `entries` table: one row per entry as the last applied import left it — the canonical fields
//! (`data`, SPEC §11 JSON) with a few of them copied into columns for listing and filtering, and the
//! source row as shown (`raw`).
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Statement};
use serde::Serialize;

use crate::error::Result;
use crate::model::{Entry, Group, Kind};

/// Every column an import writes, in the order `EntryWriter` binds them (also the undo snapshot's).
pub const ENTRY_COLUMNS: &str = "key, project_no, group_code, kind, project_name, entrant_name, credit_code, unit, county, field, leader_name, member_count, problem_count, data, raw, content_hash, source_file, source_sheet, source_row, import_id, first_import_id, missing";

/// A row of the entries table in the window: no ID numbers, no phones.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct EntryRow {
    pub project_no: Option<String>,
    pub key: String,
    pub group: Option<Group>,
    pub kind: String,
    pub project_name: Option<String>,
    pub entrant_name: Option<String>,
    pub credit_code: Option<String>,
    pub unit: Option<String>,
    pub county: Option<String>,
    pub field: Option<String>,
    pub leader_name: Option<String>,
    pub member_count: i64,
    pub problem_count: i64,
    pub missing: bool,
}

pub fn list_rows(conn: &Connection) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare(
        "SELECT project_no, key, group_code, kind, project_name, entrant_name, credit_code, unit, county, field,
                leader_name, member_count, problem_count, missing
         FROM entries ORDER BY first_import_id, source_row, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(EntryRow {
            project_no: r.get(0)?,
            key: r.get(1)?,
            group: r.get(2)?,
            kind: r.get(3)?,
            project_name: r.get(4)?,
            entrant_name: r.get(5)?,
            credit_code: r.get(6)?,
            unit: r.get(7)?,
            county: r.get(8)?,
            field: r.get(9)?,
            leader_name: r.get(10)?,
            member_count: r.get(11)?,
            problem_count: r.get(12)?,
            missing: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The `data` JSON of every entry in table order.
pub fn data_in_order(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT data FROM entries ORDER BY first_import_id, source_row, id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// (key, data JSON) of every entry, or of the current ones only (not missing from the latest import).
pub fn data_by_key(conn: &Connection, current_only: bool) -> Result<Vec<(String, String)>> {
    let sql = if current_only { "SELECT key, data FROM entries WHERE missing = 0" } else { "SELECT key, data FROM entries" };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// One entry by 项目编号 or key, for the detail view.
pub struct DetailRow {
    pub key: String,
    pub data: String,
    pub raw: String,
    pub import_id: i64,
    pub imported_at: String,
    pub missing: bool,
    /// The headers of the import that last read it (JSON array).
    pub columns: String,
    /// That import's column mapping (JSON).
    pub mapping: String,
}

pub fn detail_row(conn: &Connection, project_no_or_key: &str) -> Result<Option<DetailRow>> {
    Ok(conn
        .query_row(
            "SELECT e.key, e.data, e.raw, e.import_id, i.imported_at, e.missing, i.columns, i.mapping FROM entries e JOIN imports i ON i.id = e.import_id
             WHERE e.project_no = ?1 OR e.key = ?1 LIMIT 1",
            params![project_no_or_key],
            |r| {
                Ok(DetailRow {
                    key: r.get(0)?,
                    data: r.get(1)?,
                    raw: r.get(2)?,
                    import_id: r.get(3)?,
                    imported_at: r.get(4)?,
                    missing: r.get(5)?,
                    columns: r.get(6)?,
                    mapping: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// What an import needs of an entry already stored: its content hash and its place in the contest's
/// order (row id, first import).
pub struct Existing {
    pub hash: String,
    pub id: i64,
    pub first_import_id: i64,
}

/// key → [`Existing`] of every stored entry.
pub fn existing(conn: &Connection) -> Result<HashMap<String, Existing>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare("SELECT key, content_hash, id, first_import_id FROM entries")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, Existing { hash: r.get(1)?, id: r.get(2)?, first_import_id: r.get(3)? })))? {
        let (k, e) = row?;
        out.insert(k, e);
    }
    Ok(out)
}

/// One entry as an import writes it.
pub struct EntryRecord<'a> {
    pub key: &'a str,
    pub entry: &'a Entry,
    pub problem_count: usize,
    pub data_json: &'a str,
    pub raw_json: &'a str,
    pub hash: &'a str,
    pub import_id: i64,
}

/// The prepared statements of one import's writes (one transaction, each statement compiled once).
pub struct EntryWriter<'c> {
    insert: Statement<'c>,
    update: Statement<'c>,
    flag_missing: Statement<'c>,
}

impl<'c> EntryWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(EntryWriter {
            insert: conn.prepare(&format!(
                "INSERT INTO entries({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, 0)"
            ))?,
            update: conn.prepare(
                "UPDATE entries SET project_no=?2, group_code=?3, kind=?4, project_name=?5, entrant_name=?6, credit_code=?7, unit=?8, county=?9, field=?10,
                 leader_name=?11, member_count=?12, problem_count=?13, data=?14, raw=?15, content_hash=?16, source_file=?17, source_sheet=?18, source_row=?19,
                 import_id=?20, missing=0 WHERE key=?1",
            )?,
            flag_missing: conn.prepare("UPDATE entries SET missing = 1 WHERE key = ?1")?,
        })
    }

    /// Inserts (`is_new`, returning the new row id) or updates the entry with `r.key` (returning 0).
    pub fn write(&mut self, r: &EntryRecord, is_new: bool) -> Result<i64> {
        let e = r.entry;
        let kind = match e.kind {
            Kind::Company => "company",
            Kind::Team => "team",
        };
        let values = params![
            r.key,
            e.project_no,
            e.group,
            kind,
            e.project_name,
            e.entrant_name,
            e.credit_code,
            e.unit,
            e.county,
            e.field,
            e.leader.as_ref().and_then(|l| l.name.clone()),
            e.members.len() as i64,
            r.problem_count as i64,
            r.data_json,
            r.raw_json,
            r.hash,
            e.source.file,
            e.source.sheet,
            e.source.row as i64,
            r.import_id
        ];
        if is_new {
            Ok(self.insert.insert(values)?)
        } else {
            self.update.execute(values)?;
            Ok(0)
        }
    }

    /// Entries a new import no longer has are flagged, never deleted: decisions may hang on them.
    pub fn flag_missing(&mut self, key: &str) -> Result<()> {
        self.flag_missing.execute([key])?;
        Ok(())
    }
}
