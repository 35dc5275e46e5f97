//! The `judges` table: the 评委 list (stable ids; never deleted) and what the rounds read of it.
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::Judge;

const COLUMNS: &str = "id, name, organization, title, expertise, phone, source, active, created_at, updated_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Judge> {
    Ok(Judge {
        id: r.get(0)?,
        name: r.get(1)?,
        organization: r.get(2)?,
        title: r.get(3)?,
        expertise: r.get(4)?,
        phone: r.get(5)?,
        source: r.get(6)?,
        active: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

/// Every judge, by id.
pub fn all(conn: &Connection) -> Result<Vec<Judge>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM judges ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Judge>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM judges WHERE id = ?1"), [id], from_row).optional()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM judges", [], |r| r.get(0))?)
}

/// The fields a person or an import sets.
pub struct Fields<'a> {
    pub name: &'a str,
    pub organization: Option<&'a str>,
    pub title: Option<&'a str>,
    pub expertise: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// Adds an active judge; `source` is "manual" or "import". Returns the new id.
pub fn insert(conn: &Connection, f: &Fields<'_>, source: &str, at: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO judges(name, organization, title, expertise, phone, source, active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
        params![f.name, f.organization, f.title, f.expertise, f.phone, source, at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, f: &Fields<'_>, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE judges SET name = ?2, organization = ?3, title = ?4, expertise = ?5, phone = ?6, updated_at = ?7 WHERE id = ?1",
        params![id, f.name, f.organization, f.title, f.expertise, f.phone, at],
    )?;
    Ok(())
}

pub fn set_active(conn: &Connection, id: i64, active: bool, at: &str) -> Result<()> {
    conn.execute("UPDATE judges SET active = ?2, updated_at = ?3 WHERE id = ?1", params![id, active, at])?;
    Ok(())
}

/// Every judge: (id, name, organization), by id.
pub fn refs(conn: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, organization FROM judges ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Ids of the active judges, by id.
pub fn active_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM judges WHERE active = 1 ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Names of the active judges, by id.
pub fn active_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM judges WHERE active = 1 ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
