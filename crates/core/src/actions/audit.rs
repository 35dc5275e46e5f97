//! 审计校验 as an action: walking the chain reads only, but a clean chain becomes the head this laptop
//! remembers (`<data dir>/audit-heads/`), which is a change outside the contest file.
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::error::Result;
use crate::store::audit::{self, AuditReport};
use crate::store::Store;

/// Walks the audit log's hash chain, checks every audited row against it and compares the chain with the
/// head kept on this laptop; `printed` is a head printed on the 评分汇总表 (16 or more hex digits), if given.
/// A clean chain is then the one this laptop remembers.
pub fn verify(store: &Store, printed: Option<&str>, now: DateTime<FixedOffset>) -> Result<AuditReport> {
    let report = audit::verify_with_head(store, printed)?;
    if report.ok {
        store.persist_audit_head(now)?;
    }
    Ok(report)
}

/// After anything that may have changed data: the chain head this laptop keeps follows the chain when it grew
/// (cheap otherwise: one lookup). A chain that no longer holds the kept head leaves it alone, for `verify` to
/// name. Returns the head file written, if any.
pub fn keep_head(store: &Store, now: DateTime<FixedOffset>) -> Result<Option<PathBuf>> {
    store.persist_audit_head(now)
}
