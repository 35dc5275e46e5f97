//! The certificate register's tables (`certificates`, `certificate_prints`, `certificate_members`).
use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;

/// Live (not voided) award certificates: entry key → number. The award list shows them.
pub fn live_award_numbers(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT subject_key, number FROM certificates WHERE kind = 'award' AND voided_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
