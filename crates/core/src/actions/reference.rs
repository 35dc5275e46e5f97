//! Importing a reference list: a backup, then the list replaced or appended to (the judges list upserted)
//! and, for the four rule lists, every entry re-screened — one transaction.
use chrono::{DateTime, FixedOffset};

use crate::actions::screening::{rescreen, Scope};
use crate::error::Result;
use crate::judges;
use crate::reference::{self, RefImportOptions, RefImportResult, RefKind};
use crate::store::Store;

/// Imports a reference list with the automatic sheet, header row and mapping.
pub fn import(store: &mut Store, kind: RefKind, path: &std::path::Path, now: DateTime<FixedOffset>) -> Result<RefImportResult> {
    import_with(store, kind, path, &RefImportOptions::default(), now)
}

/// Imports a reference list: the four rule lists replace that kind's previous list and re-screen
/// every entry in the same transaction; the judges list is upserted (ids stay stable, judges absent
/// from the file are kept).
pub fn import_with(
    store: &mut Store,
    kind: RefKind,
    path: &std::path::Path,
    options: &RefImportOptions,
    now: DateTime<FixedOffset>,
) -> Result<RefImportResult> {
    let list = reference::read_list(kind, path, options)?;
    let mut result = list.result.clone();
    store.backup("before-reference", now)?;
    let tx = store.conn_mut().transaction()?;
    if kind == RefKind::Judges {
        let out = judges::upsert(&tx, &list.judges(), now)?;
        for (row, code, message, hint, error) in out.notes {
            result.problems.push(list.note(row, code, message, &hint, error));
        }
        result.problems.sort_by_key(|p| p.row);
        result.added = Some(out.added);
        result.updated = Some(out.updated);
        result.unchanged = Some(out.unchanged);
        result.kept = Some(out.kept);
    } else if options.append {
        result.appended = true;
    } else {
        result.replaced = crate::store::reference::clear(&tx, kind.code())?;
    }
    let at = now.to_rfc3339();
    let id = crate::store::reference::record_import(&tx, kind.code(), &result.file, &result.sheet, &at, list.rows.len(), result.problems.len())?;
    if kind != RefKind::Judges {
        let mut rows = list.rows;
        if result.appended {
            // Rows already in the list (the same fields) are not added twice: importing the same file again
            // changes nothing.
            let stored = crate::store::reference::row_texts(&tx, kind.code())?;
            // Every stored row is kept, also one stored twice by an earlier replacement.
            result.kept = Some(stored.len());
            let mut have: std::collections::HashSet<String> = stored.into_iter().collect();
            let before = rows.len();
            rows.retain(|(_, obj)| have.insert(crate::store::reference::row_text(obj)));
            result.added = Some(rows.len());
            result.unchanged = Some(before - rows.len());
        }
        crate::store::reference::insert_rows(&tx, kind.code(), id, &rows)?;
        // The lists feed R03, R09, R16 and the recommendation check: re-screen and keep the run.
        rescreen(&tx, &Scope::Inputs, &format!("导入{}“{}”", kind.label(), result.file), now)?;
    }
    tx.commit()?;
    Ok(result)
}
