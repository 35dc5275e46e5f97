//! Upgrades that keep data (issue #14): the contest file made by an earlier release (`fixtures/upgrade/`, built by
//! `gen-fixtures --upgrade` through the actions) opens with the current code, is migrated after a copy is taken,
//! and keeps every row and its audit chain. The committed file is never opened in place: a copy is.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OpenFlags};
use saiwu_core::actions;
use saiwu_core::store::SCHEMA_VERSION;

use crate::support::root;

/// The committed file of this release. A later release adds its own beside it and keeps this one.
const COMMITTED: &str = "fixtures/upgrade/contest-v16.sqlite";

/// The tables whose rows are the season's data: each must come through an upgrade with the same count.
const TABLES: &[&str] = &[
    "entries",
    "imports",
    "verdicts",
    "judges",
    "panels",
    "panel_judges",
    "panel_entries",
    "scores",
    "score_log",
    "advancement",
    "award_sets",
    "certificates",
    "objections",
    "provincial_results",
    "followups",
    "settings",
];

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2027-03-01T09:00:00+08:00").unwrap()
}

/// Row counts of the season's tables, and the audit log split into its events and the `schema` events that a
/// migration adds; read with plain SQLite so the store's own open (and migration) is not involved.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    tables: BTreeMap<String, i64>,
    audit_events: i64,
    schema_events: i64,
}

fn outside(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn counts(path: &Path) -> Counts {
    let c = outside(path);
    let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or_else(|e| panic!("{sql}: {e}"));
    Counts {
        tables: TABLES.iter().map(|t| (t.to_string(), n(&format!("SELECT count(*) FROM {t}")))).collect(),
        // A migration that reshapes or rebuilds an audited table logs a `schema` event and then the table's rows
        // again as `baseline` images (0018 rebuilds scores and advancement): those two kinds may grow, no other.
        audit_events: n("SELECT count(*) FROM audit_log WHERE op NOT IN ('schema', 'baseline')"),
        schema_events: n("SELECT count(*) FROM audit_log WHERE op IN ('schema', 'baseline')"),
    }
}

fn user_version(path: &Path) -> i64 {
    outside(path).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

/// The audit log's rows (id, table, op, hash) in order.
fn chain(path: &Path) -> Vec<(i64, String, String, String)> {
    let c = outside(path);
    let mut st = c.prepare("SELECT id, tbl, op, hash FROM audit_log ORDER BY id").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

/// A copy of the committed file in a fresh folder (the file alone: it was closed cleanly, nothing sits in a WAL).
fn copy_of_committed(dir: &Path) -> PathBuf {
    let from = root().join(COMMITTED);
    assert!(from.is_file(), "{COMMITTED} is missing: make it with `cargo run -p saiwu-fixtures -- --upgrade`");
    let to = dir.join("contest.sqlite");
    std::fs::copy(&from, &to).unwrap();
    to
}

#[test]
fn the_committed_contest_is_not_newer_than_this_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_committed(dir.path());
    let v = user_version(&file);
    assert!(v >= 16 && v <= SCHEMA_VERSION, "the upgrade fixture is at schema {v}; this code is at {SCHEMA_VERSION}");
}

#[test]
fn an_earlier_release_s_contest_opens_migrates_and_keeps_every_count_and_its_chain() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_committed(dir.path());
    let old_version = user_version(&file);
    let before = counts(&file);
    let old_chain = chain(&file);
    // A whole season: none of these is empty, so "the same count" means something.
    for (t, n) in &before.tables {
        assert!(*n > 0, "the upgrade fixture has no rows in {t}");
    }
    assert!(before.audit_events > 100, "{before:?}");

    let mut store = actions::contest::open_existing(&file).unwrap();
    assert_eq!(user_version(&file), SCHEMA_VERSION, "migrated to the current schema");
    let backup = file.with_extension(format!("v{old_version}.bak"));
    if old_version < SCHEMA_VERSION {
        // The copy is taken before the first migration step and is the old file, whole.
        assert!(backup.is_file(), "no copy {} before the migration", backup.display());
        assert_eq!(user_version(&backup), old_version);
        assert_eq!(counts(&backup), before);
    } else {
        assert!(!backup.exists(), "nothing to migrate: no copy is taken");
    }
    actions::contest::bring_current(&mut store, now()).unwrap();

    let after = counts(&file);
    assert_eq!(after.tables, before.tables, "every table keeps its rows");
    assert_eq!(after.audit_events, before.audit_events, "the audit log keeps its events (a migration adds only `schema` events)");
    assert!(after.schema_events >= before.schema_events);
    // The old chain is the start of the new one, link for link.
    let new_chain = chain(&file);
    assert_eq!(&new_chain[..old_chain.len()], &old_chain[..], "the old audit chain is kept as it was");

    let report = actions::audit::verify(&store, None, now()).unwrap();
    assert!(report.ok, "audit verify after the upgrade: {:?}", report.problems);
    assert_eq!(report.entries as usize, new_chain.len());

    // The season reads back through the current code as it was left: list frozen, certificates live,
    // the objection closed, the follow-ups there.
    let list = saiwu_core::awards::awards(&store).unwrap();
    assert!(list.frozen.is_some(), "the award list stays frozen");
    let certs = saiwu_core::certificates::list(&store).unwrap();
    assert_eq!(certs.len() as i64, before.tables["certificates"]);
    let objections = saiwu_core::season::objections(&store).unwrap();
    assert!(objections.iter().all(|o| o.status == "closed"), "{objections:?}");
    assert_eq!(saiwu_core::screening::check(&store).unwrap().len() as i64, before.tables["entries"]);
}

#[test]
fn the_generator_still_reproduces_the_committed_contest() {
    let dir = tempfile::tempdir().unwrap();
    let committed = counts(&copy_of_committed(dir.path()));
    let fresh = dir.path().join("fresh.sqlite");
    saiwu_fixtures::write_upgrade_contest(&fresh).unwrap();
    assert_eq!(user_version(&fresh), SCHEMA_VERSION);
    let made = counts(&fresh);
    // `schema` events depend on which migrations a file went through, not on the season.
    // Settings rows follow the code's settings keys (a later release stores more of them), not the season.
    let season = |t: &BTreeMap<String, i64>| t.iter().filter(|(k, _)| k.as_str() != "settings").map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>();
    assert_eq!(season(&made.tables), season(&committed.tables), "the generator and the committed file disagree: regenerate it or explain the change");
    assert_eq!(made.audit_events, committed.audit_events);
    // Only the closed contest file comes out: no backups folder or export beside it (the -wal/-shm files are
    // the read-only connections' of this test).
    let beside: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(beside.iter().all(|n| n.starts_with("contest.sqlite") || n.starts_with("fresh.sqlite")), "{beside:?}");
}

/// The release is printed in the footer of the exports (issue #14): an xlsx list (Excel's page footer, written by
/// the shared table writer) and a PDF (the footer line of the shared PDF layout), both of the upgrade contest.
#[test]
fn exports_carry_the_release_in_their_footer() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_committed(dir.path());
    let store = actions::contest::open_existing(&file).unwrap();
    let expected = format!("创客大赛秘书处 {}", saiwu_core::VERSION);
    assert_eq!(saiwu_core::VERSION, env!("CARGO_PKG_VERSION"));

    let xlsx = dir.path().join("获奖名单.xlsx");
    assert!(saiwu_core::awards::awards_xlsx(&store, &xlsx).unwrap() > 0);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    let footer = sheet.split("<oddFooter>").nth(1).and_then(|s| s.split("</oddFooter>").next()).unwrap_or_else(|| panic!("no page footer:\n{sheet}"));
    assert!(footer.contains(&expected), "{footer}");

    let pdf = saiwu_core::awards::publicity_pdf(&store).unwrap();
    if let Some(text) = crate::support::pdf_text(&pdf) {
        let flat = crate::support::flat(&text);
        assert!(flat.contains(&crate::support::flat(&expected)), "{text}");
    }
}
