//! Phone scoring on the venue network: `lan_rounds` (open or closed, the address phones reach) and
//! `lan_tokens` (one per judge per round).
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// A round's phone scoring as stored: status (`open` | `closed`) and the address known when it opened.
#[derive(Debug, Clone)]
pub struct RoundState {
    pub status: String,
    pub url: Option<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

/// A token as stored; `ended_why` is `revoked` or `closed` once it no longer works.
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub token: String,
    pub round: String,
    pub judge_id: i64,
    pub ended_why: Option<String>,
}

pub fn state(conn: &Connection, round: &str) -> Result<Option<RoundState>> {
    Ok(conn
        .query_row("SELECT status, url, opened_at, closed_at FROM lan_rounds WHERE round = ?1", [round], |r| {
            Ok(RoundState { status: r.get(0)?, url: r.get(1)?, opened_at: r.get(2)?, closed_at: r.get(3)? })
        })
        .optional()?)
}

pub fn open(conn: &Connection, round: &str, url: Option<&str>, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO lan_rounds(round, status, url, opened_at) VALUES (?1, 'open', ?2, ?3)
         ON CONFLICT(round) DO UPDATE SET status = 'open', url = coalesce(excluded.url, lan_rounds.url),
           opened_at = CASE WHEN lan_rounds.status = 'open' THEN lan_rounds.opened_at ELSE excluded.opened_at END,
           closed_at = NULL",
        params![round, url, at],
    )?;
    Ok(())
}

/// Closes a round's phone scoring and ends its tokens (call inside a transaction). False when it was not open.
pub fn close(conn: &Connection, round: &str, at: &str) -> Result<bool> {
    let n = conn.execute("UPDATE lan_rounds SET status = 'closed', closed_at = ?2 WHERE round = ?1 AND status = 'open'", params![round, at])?;
    conn.execute("UPDATE lan_tokens SET ended_at = ?2, ended_why = 'closed' WHERE round = ?1 AND ended_at IS NULL", params![round, at])?;
    Ok(n > 0)
}

/// The working tokens of a round: (judge id, token).
pub fn live(conn: &Connection, round: &str) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT judge_id, token FROM lan_tokens WHERE round = ?1 AND ended_at IS NULL ORDER BY judge_id")?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn token(conn: &Connection, token: &str) -> Result<Option<TokenRow>> {
    Ok(conn
        .query_row("SELECT token, round, judge_id, ended_why FROM lan_tokens WHERE token = ?1", [token], |r| {
            Ok(TokenRow { token: r.get(0)?, round: r.get(1)?, judge_id: r.get(2)?, ended_why: r.get(3)? })
        })
        .optional()?)
}

pub fn insert(conn: &Connection, token: &str, round: &str, judge_id: i64, at: &str) -> Result<()> {
    conn.execute("INSERT INTO lan_tokens(token, round, judge_id, issued_at) VALUES (?1, ?2, ?3, ?4)", params![token, round, judge_id, at])?;
    Ok(())
}

/// Ends a judge's working token of a round. False when there was none.
pub fn revoke(conn: &Connection, round: &str, judge_id: i64, at: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE lan_tokens SET ended_at = ?3, ended_why = 'revoked' WHERE round = ?1 AND judge_id = ?2 AND ended_at IS NULL",
        params![round, judge_id, at],
    )?;
    Ok(n > 0)
}

/// The server's connection waits for the disk on every commit (SPEC §12: a score a phone was told is stored
/// survives a power cut); the window's connection keeps WAL's NORMAL.
pub fn synchronous_full(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Starts a write transaction at once, so two connections that read before writing never deadlock on the
/// upgrade (the server and the window share the file). Commit or roll back through the returned guard.
pub fn immediate(conn: &mut Connection) -> Result<rusqlite::Transaction<'_>> {
    Ok(conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
}
