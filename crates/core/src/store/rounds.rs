//! The rounds' tables: advancement to the final (`advancement`) and the committee's tie decisions.
use std::collections::HashSet;

use rusqlite::Connection;

use crate::error::Result;

/// Keys of the entries recorded as advanced to the final.
pub fn finalists(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT entry_key FROM advancement WHERE round = 'final' AND included = 1")?;
    let keys = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(keys)
}
