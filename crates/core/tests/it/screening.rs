//! Screening over a whole generated export: every deliberate eligibility problem the generator
//! tagged (fixtures/generated/export_v1.truth.jsonl `tags`) is caught by the rule that owns it, and
//! a person's decision is kept and flagged when the data under it changes.
use std::collections::HashMap;

use crate::support::root;
use chrono::DateTime;
use saiwu_core::import::ApplyRequest;
use saiwu_core::model::{Outcome, Verdict};
use saiwu_core::screening::{self, EntryVerdict};
use saiwu_core::Store;
use serde_json::Value;

fn imported(rel: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap();
    saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: root().join(rel), ..Default::default() }, now, &mut |_| {}).unwrap();
    store
}

fn outcome(v: &EntryVerdict, rule: &str) -> Option<Outcome> {
    v.findings.iter().find(|f| f.rule == rule).map(|f| f.outcome)
}

#[test]
fn every_tagged_problem_is_caught_by_its_rule() {
    let store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    let by_no: HashMap<String, &EntryVerdict> = verdicts.iter().map(|v| (v.project_no.clone().unwrap(), v)).collect();
    let truth = std::fs::read_to_string(root().join("fixtures/generated/export_v1.truth.jsonl")).unwrap();
    let mut checked = 0;
    let mut misses = Vec::new();
    for line in truth.lines() {
        let t: Value = serde_json::from_str(line).unwrap();
        let no = t["project_no"].as_str().unwrap();
        let v = by_no[no];
        for tag in t["tags"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()) {
            let (rule, want): (&str, &[Outcome]) = match tag.split(':').next().unwrap() {
                "registered_after_deadline" => ("R02", &[Outcome::Fail]),
                "startup_founded_before_2024" => ("R10", &[Outcome::Fail]),
                "member_shared_with" => ("R12", &[Outcome::Review]),
                "more_than_7_members" => ("R13", &[Outcome::Warn]),
                "individual_business_92" => ("R11", &[Outcome::Review]),
                "large_enterprise" => ("R05", &[Outcome::Fail]),
                "address_outside_changzhi" => ("R04", &[Outcome::Fail, Outcome::Review]),
                "duplicate_of" | "duplicated_by" => ("R15", &[Outcome::Review]),
                "negative_employees" => ("R14", &[Outcome::Review]),
                "ip_holder_other" => (if t["group"] == "enterprise" { "R07" } else { "R08" }, &[Outcome::Review]),
                _ => continue,
            };
            checked += 1;
            match outcome(v, rule) {
                Some(o) if want.contains(&o) => {}
                other => misses.push(format!("{no} {tag}: {rule} gave {other:?}")),
            }
        }
    }
    assert!(checked > 40, "the fixture should carry many tagged problems, saw {checked}");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    // Rules without their reference lists are reported, never passed.
    let warnings = screening::unchecked_summary(&verdicts);
    assert!(warnings.iter().any(|w| w.starts_with("R03")) && warnings.iter().any(|w| w.starts_with("R16")), "{warnings:?}");
}

#[test]
fn a_decision_is_kept_and_flagged_when_the_data_changes() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let now = DateTime::parse_from_rfc3339("2026-07-12T10:00:00+08:00").unwrap();
    let before = screening::check(&store).unwrap();
    let target = before.iter().find(|v| v.verdict == Verdict::Review).unwrap().clone();
    let no = target.project_no.clone().unwrap();
    assert_eq!(saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, " ", "张三", now).unwrap_err().code(), "INVALID_INPUT");
    saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, "已电话核实，身份证号为笔误", "张三", now).unwrap();
    let after = screening::check(&store).unwrap();
    let v = after.iter().find(|v| v.project_no.as_deref() == Some(&no)).unwrap();
    assert_eq!(v.verdict, Verdict::Eligible);
    assert_eq!(v.auto_verdict, Verdict::Review, "the rules' own verdict stays visible");
    assert!(v.decided_by_person && !v.needs_reconfirmation);
    assert_eq!(v.decision.as_ref().unwrap().decided_by, "张三");
    // The re-export changes some entries; a decision on a changed entry asks for re-confirmation.
    let exp: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("fixtures/generated/export_v1_update.expected.json")).unwrap()).unwrap();
    let changed = exp["changed"][0].as_str().unwrap().to_string();
    saiwu_core::actions::screening::decide(&mut store, &changed, Verdict::Ineligible, "材料不全", "李四", now).unwrap();
    saiwu_core::actions::import::apply(
        &mut store,
        &ApplyRequest { path: root().join("fixtures/generated/export_v1_update.xlsx"), ..Default::default() },
        now,
        &mut |_| {},
    )
    .unwrap();
    let again = screening::check(&store).unwrap();
    let c = again.iter().find(|v| v.project_no.as_deref() == Some(&changed)).unwrap();
    assert!(c.decided_by_person && c.needs_reconfirmation, "{c:?}");
    assert_eq!(c.verdict, Verdict::Ineligible);
    if let Some(v) = again.iter().find(|v| v.project_no.as_deref() == Some(&no)) {
        if !exp["changed"].as_array().unwrap().iter().any(|x| x == no.as_str()) {
            assert!(!v.needs_reconfirmation, "an unchanged entry keeps its decision as it was");
        }
    }
}

/// Verdicts are stored per run with their findings; an entry's history gains a row only when its
/// verdict or findings changed, and names what caused the change.
#[test]
fn runs_store_verdicts_and_history_follows_changes() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let runs = screening::runs(&store, 10).unwrap();
    let first = runs.iter().find(|r| r.trigger.contains("export_v1.xlsx")).expect("the import re-screened");
    let current = screening::check(&store).unwrap();
    assert_eq!(first.entries as usize, current.len());
    assert_eq!(first.review as usize, current.iter().filter(|v| v.auto_verdict == Verdict::Review).count());
    assert_eq!(first.changed as usize, current.len(), "the first run records every entry");
    let stored: i64 = store.conn().query_row("SELECT count(*) FROM verdicts", [], |r| r.get(0)).unwrap();
    assert_eq!(stored as usize, current.len());

    // Nothing changed: a run records no change and no history.
    let now = DateTime::parse_from_rfc3339("2026-07-12T10:00:00+08:00").unwrap();
    let again = saiwu_core::actions::screening::rescreen_all(&mut store, "手动复查", now).unwrap();
    assert_eq!(again.changed, 0);

    // Moving the deadline a year back makes every entry registered after it fail R02.
    saiwu_core::actions::settings::set(&mut store, "deadline", "2025-07-10", now).unwrap();
    let latest = &screening::runs(&store, 1).unwrap()[0];
    assert_eq!(latest.trigger, "修改赛事设置");
    assert!(latest.changed > 0);
    let some = current.iter().find(|v| v.auto_verdict != Verdict::Ineligible).unwrap();
    let hist = screening::history(&store, some.project_no.as_deref().unwrap()).unwrap();
    assert_eq!(hist.len(), 2, "imported, then the deadline change");
    assert!(hist[0].trigger.contains("export_v1.xlsx"));
    assert_eq!(hist[1].trigger, "修改赛事设置");
    assert_eq!(hist[1].auto_verdict, Verdict::Ineligible);
    let r02 = hist[1].findings.iter().find(|f| f.rule == "R02").unwrap();
    assert_eq!(r02.outcome, Outcome::Fail);
    assert!(r02.message.contains("2025-07-10"), "{}", r02.message);
}

#[test]
fn recommendation_list_is_cross_checked_when_imported() {
    let store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    assert!(verdicts.iter().all(|v| v.recommendation.is_none()), "no list imported, nothing said");
    let v = verdicts.iter().find(|v| v.unit.is_some() && v.entrant_name.is_some() && v.project_name.is_some()).unwrap();
    let row = |unit: &str| {
        let mut m = serde_json::Map::new();
        m.insert("unit".into(), unit.into());
        m.insert("project_name".into(), v.project_name.clone().unwrap().into());
        m.insert("entrant_name".into(), format!(" {} ", v.entrant_name.clone().unwrap()).into());
        m
    };
    let entries = saiwu_core::entries::list(&store).unwrap();
    let e = entries.iter().find(|e| e.project_no == v.project_no).unwrap();
    let same = screening::recommendation_note(e, &[row(v.unit.as_deref().unwrap())]);
    assert!(same.contains("与报名表一致"), "{same}");
    let other = screening::recommendation_note(e, &[row("某某县工信局")]);
    assert!(other.contains("某某县工信局") && other.contains("请核对"), "{other}");
    let none = screening::recommendation_note(e, &[]);
    assert!(none.contains("未找到"), "{none}");
}

// ---- Stored verdicts: incremental, in the caller's transaction (issue #10 items 1–2) ----

use saiwu_core::actions::screening::{ensure_current, rescreen, Scope};
use std::collections::BTreeSet;

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Changes an entry's stored data the way a re-import would (the canonical JSON and its hash).
fn edit_entry(store: &Store, key: &str, edit: impl FnOnce(&mut Value)) {
    let data: String = store.conn().query_row("SELECT data FROM entries WHERE key = ?1", [key], |r| r.get(0)).unwrap();
    let mut v: Value = serde_json::from_str(&data).unwrap();
    edit(&mut v);
    store
        .conn()
        .execute(
            "UPDATE entries SET data = ?2, credit_code = ?3, content_hash = content_hash || 'x' WHERE key = ?1",
            rusqlite::params![key, v.to_string(), v["credit_code"].as_str()],
        )
        .unwrap();
}

fn rescreen_some(store: &mut Store, keys: &[String], trigger: &str) -> saiwu_core::screening::Run {
    let tx = store.conn_mut().transaction().unwrap();
    let run = rescreen(&tx, &Scope::Entries(keys.to_vec()), trigger, at("2026-07-12T10:00:00+08:00")).unwrap();
    tx.commit().unwrap();
    run
}

/// Which entries gained a history row in a run.
fn touched(store: &Store, run_id: i64) -> BTreeSet<String> {
    let mut stmt = store.conn().prepare("SELECT entry_key FROM verdict_history WHERE run_id = ?1").unwrap();
    let rows = stmt.query_map([run_id], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// A full pass after an incremental one must find nothing left to change: the incremental run
/// screened every entry the change affected, with the findings a full pass gives.
fn assert_full_pass_agrees(store: &mut Store) {
    let full = saiwu_core::actions::screening::rescreen_all(store, "核对：全部重新审查", at("2026-07-12T11:00:00+08:00")).unwrap();
    assert_eq!(full.changed, 0, "entries the incremental run missed: {:?}", touched(store, full.id));
}

#[test]
fn incremental_rescreen_touches_only_the_changed_entry_and_its_r15_partners() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    let dup = verdicts.iter().find(|v| outcome(v, "R15") == Some(Outcome::Review)).expect("the fixture has duplicate entries");
    let partners: Vec<&EntryVerdict> = verdicts
        .iter()
        .filter(|v| v.key != dup.key && outcome(v, "R15") == Some(Outcome::Review))
        .filter(|v| v.findings.iter().any(|f| f.rule == "R15" && f.message.contains(dup.project_no.as_deref().unwrap())))
        .collect();
    assert!(!partners.is_empty());
    let before_runs = screening::runs(&store, 100).unwrap().len();

    // A project renamed beyond similarity: it is no longer a duplicate, nor are its partners of it.
    edit_entry(&store, &dup.key, |v| v["project_name"] = "完全不同的一个新项目名称甲乙丙".into());
    let run = rescreen_some(&mut store, &[dup.key.clone()], "修改一个报名项目");
    assert_eq!(screening::runs(&store, 100).unwrap().len(), before_runs + 1);
    let mut expected: BTreeSet<String> = partners.iter().map(|p| p.key.clone()).collect();
    expected.insert(dup.key.clone());
    assert_eq!(touched(&store, run.id), expected, "only the entry and its R15 partners change");
    assert_eq!(run.changed as usize, expected.len());
    assert_eq!(run.entries as usize, verdicts.len(), "the run's counts are over every current entry");
    let after = screening::check(&store).unwrap();
    let renamed = after.iter().find(|v| v.key == dup.key).unwrap();
    assert_eq!(outcome(renamed, "R15"), Some(Outcome::Pass));
    assert_full_pass_agrees(&mut store);
}

#[test]
fn incremental_rescreen_follows_the_old_credit_code_too() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    let dup = verdicts.iter().find(|v| outcome(v, "R15") == Some(Outcome::Review)).unwrap();
    // The entry moves to a credit code nobody else has: its old partners are found through the
    // keys stored at the last screening, not through its new data.
    edit_entry(&store, &dup.key, |v| v["credit_code"] = "91140400MA0TEST001".into());
    let run = rescreen_some(&mut store, &[dup.key.clone()], "修改信用代码");
    let t = touched(&store, run.id);
    assert!(t.contains(&dup.key));
    assert!(t.len() >= 2, "the old partners were re-screened: {t:?}");
    assert_full_pass_agrees(&mut store);
}

#[test]
fn incremental_rescreen_follows_r12_shared_members() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    let shared = verdicts.iter().find(|v| outcome(v, "R12") == Some(Outcome::Review)).expect("the fixture shares a member");
    let total = verdicts.len();
    // Every member of the team leaves it: the other team no longer shares anyone with it.
    edit_entry(&store, &shared.key, |v| v["members"] = serde_json::json!([]));
    let run = rescreen_some(&mut store, &[shared.key.clone()], "修改团队成员");
    let t = touched(&store, run.id);
    assert!(t.contains(&shared.key) && t.len() >= 2 && t.len() < total / 10, "the team and its partners only: {t:?}");
    assert_full_pass_agrees(&mut store);
}

#[test]
fn an_entry_gone_from_the_current_set_leaves_its_partners_rescreened() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    let dup = verdicts.iter().find(|v| outcome(v, "R15") == Some(Outcome::Review)).unwrap();
    store.conn().execute("UPDATE entries SET missing = 1 WHERE key = ?1", [&dup.key]).unwrap();
    let run = rescreen_some(&mut store, &[dup.key.clone()], "报名项目不在最新导入中");
    assert!(!touched(&store, run.id).is_empty());
    let stored: i64 = store.conn().query_row("SELECT count(*) FROM verdicts WHERE entry_key = ?1", [&dup.key], |r| r.get(0)).unwrap();
    assert_eq!(stored, 0, "a gone entry leaves the current verdicts");
    assert_eq!(run.entries as usize, verdicts.len() - 1);
    assert_full_pass_agrees(&mut store);
}

#[test]
fn check_reads_the_stored_findings_instead_of_running_the_rules() {
    let store = imported("fixtures/generated/export_v1.xlsx");
    let first = screening::check(&store).unwrap().remove(0);
    let marker = r#"[{"rule":"R01","outcome":"fail","message":"（测试）存储的审查结果"}]"#;
    store
        .conn()
        .execute("UPDATE verdict_history SET findings = ?2 WHERE id = (SELECT history_id FROM verdicts WHERE entry_key = ?1)", [&first.key, marker])
        .unwrap();
    store.conn().execute("UPDATE verdicts SET auto_verdict = 'ineligible' WHERE entry_key = ?1", [&first.key]).unwrap();
    let again = screening::check(&store).unwrap();
    let v = again.iter().find(|v| v.key == first.key).unwrap();
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].message, "（测试）存储的审查结果");
    assert_eq!(v.auto_verdict, Verdict::Ineligible);
    // The effective verdicts read the same store, a decision over the rules' verdict.
    assert_eq!(screening::effective(&store).unwrap()[&first.key], Verdict::Ineligible);
}

#[test]
fn effective_verdicts_put_the_decision_over_the_rules() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let verdicts = screening::check(&store).unwrap();
    let review = verdicts.iter().find(|v| v.auto_verdict == Verdict::Review).unwrap();
    let eff = screening::effective(&store).unwrap();
    assert_eq!(eff.len(), verdicts.len());
    assert_eq!(eff[&review.key], Verdict::Review);
    let now = at("2026-07-12T10:00:00+08:00");
    saiwu_core::actions::screening::decide(&mut store, &review.key, Verdict::Eligible, "已核实", "张三", now).unwrap();
    assert_eq!(screening::effective(&store).unwrap()[&review.key], Verdict::Eligible);
}

#[test]
fn a_settings_change_and_its_rescreening_commit_or_fail_together() {
    let mut store = imported("fixtures/generated/export_v1.xlsx");
    let runs_before = screening::runs(&store, 100).unwrap().len();
    // The re-screening's write fails: the setting must not be stored without it.
    store
        .conn()
        .execute_batch("CREATE TEMP TRIGGER refuse_run BEFORE INSERT ON screening_runs BEGIN SELECT RAISE(ABORT, '测试：拒绝写入'); END;")
        .unwrap();
    let now = at("2026-07-12T10:00:00+08:00");
    assert!(saiwu_core::actions::settings::set(&mut store, "deadline", "2025-07-10", now).is_err());
    assert_eq!(saiwu_core::settings::load(&store).unwrap().deadline.to_string(), "2026-07-10", "rolled back with the run");
    store.conn().execute_batch("DROP TRIGGER refuse_run;").unwrap();
    assert_eq!(screening::runs(&store, 100).unwrap().len(), runs_before);
    // And when it works, the verdicts are current as soon as the setting is.
    saiwu_core::actions::settings::set(&mut store, "deadline", "2025-07-10", now).unwrap();
    let v = screening::check(&store).unwrap();
    assert!(v.iter().all(|v| outcome(v, "R02") != Some(Outcome::Pass)), "every registration is after a 2025 deadline");
}

#[test]
fn a_contest_screened_by_older_rules_is_rescreened_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contest.saiwu");
    {
        let mut store = Store::create_new(&path).unwrap();
        let now = at("2026-07-11T09:30:00+08:00");
        saiwu_core::actions::import::apply(
            &mut store,
            &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() },
            now,
            &mut |_| {},
        )
        .unwrap();
        assert!(ensure_current(&mut store, now).unwrap().is_none(), "just screened by these rules");
        // What an older release left: another rules version and a verdict these rules would not give.
        store.conn().execute("UPDATE screening_state SET value = '2025.1' WHERE key = 'rules_version'", []).unwrap();
        store.conn().execute("UPDATE verdicts SET findings_hash = 'old' WHERE entry_key = (SELECT min(entry_key) FROM verdicts)", []).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let run = ensure_current(&mut store, at("2026-07-13T09:00:00+08:00")).unwrap().expect("re-screened on open");
    assert!(run.trigger.contains("2025.1"), "{}", run.trigger);
    assert_eq!(run.changed, 1, "only the verdict the old rules gave differently changes");
    assert_eq!(screening::runs(&store, 1).unwrap()[0].id, run.id);
    assert!(ensure_current(&mut store, at("2026-07-13T09:01:00+08:00")).unwrap().is_none(), "once is enough");
}

#[test]
fn a_new_empty_contest_records_the_rules_without_a_run() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(ensure_current(&mut store, at("2026-07-13T09:00:00+08:00")).unwrap().is_none());
    assert!(screening::runs(&store, 10).unwrap().is_empty());
    let v: String = store.conn().query_row("SELECT value FROM screening_state WHERE key = 'rules_version'", [], |r| r.get(0)).unwrap();
    assert_eq!(v, saiwu_core::rules::RULES_VERSION);
}

#[test]
fn an_entry_without_a_stored_verdict_is_screened_for_the_answer_but_not_stored() {
    let store = imported("fixtures/generated/export_v1.xlsx");
    let before = screening::check(&store).unwrap();
    let dup = before.iter().find(|v| outcome(v, "R15") == Some(Outcome::Review)).unwrap();
    store.conn().execute("DELETE FROM verdicts WHERE entry_key = ?1", [&dup.key]).unwrap();
    let after = screening::check(&store).unwrap();
    let again = after.iter().find(|v| v.key == dup.key).unwrap();
    assert_eq!(serde_json::to_value(&again.findings).unwrap(), serde_json::to_value(&dup.findings).unwrap());
    let stored: i64 = store.conn().query_row("SELECT count(*) FROM verdicts WHERE entry_key = ?1", [&dup.key], |r| r.get(0)).unwrap();
    assert_eq!(stored, 0, "a read writes nothing");
}

fn import_at(store: &mut Store, rel: &str, when: &str) -> saiwu_core::screening::Run {
    saiwu_core::actions::import::apply(store, &ApplyRequest { path: root().join(rel), ..Default::default() }, at(when), &mut |_| {}).unwrap();
    screening::runs(store, 1).unwrap().remove(0)
}

fn history_rows(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM verdict_history", [], |r| r.get(0)).unwrap()
}

/// The import screens its rows as they stream (each as if alone, then the entries with partners again
/// once the whole file is in): what it stores is exactly what a full pass stores — on a first import,
/// on the same file again (nothing changes, no history row, even for the entries whose result was
/// corrected in place), on an update, on the way back, and through the whole-file path (.csv).
#[test]
fn an_import_stores_exactly_what_a_full_pass_would() {
    let mut store = Store::open_in_memory().unwrap();
    let first = import_at(&mut store, "fixtures/generated/export_v1.xlsx", "2026-07-11T09:30:00+08:00");
    let v = screening::check(&store).unwrap();
    assert_eq!(first.changed as usize, v.len(), "a first import stores every entry's result once");
    assert_eq!(history_rows(&store) as usize, v.len());
    assert!(v.iter().any(|v| outcome(v, "R15") == Some(Outcome::Review)), "the fixture has R15 partners");
    assert!(v.iter().any(|v| matches!(outcome(v, "R12"), Some(Outcome::Review | Outcome::Warn))), "and R12 partners");
    assert_full_pass_agrees(&mut store);

    let rows = history_rows(&store);
    let again = import_at(&mut store, "fixtures/generated/export_v1.xlsx", "2026-07-11T10:00:00+08:00");
    assert_eq!(again.changed, 0, "the same file again changes no result: {:?}", touched(&store, again.id));
    assert_eq!(history_rows(&store), rows, "and leaves no history row behind");
    assert_eq!(again.entries as usize, v.len());

    let update = import_at(&mut store, "fixtures/generated/export_v1_update.xlsx", "2026-07-11T11:00:00+08:00");
    assert!(update.changed > 0);
    assert_eq!(touched(&store, update.id).len() as i64, update.changed, "one history row per changed entry");
    assert_full_pass_agrees(&mut store);
    let back = import_at(&mut store, "fixtures/generated/export_v1.xlsx", "2026-07-11T12:00:00+08:00");
    assert_eq!(touched(&store, back.id).len() as i64, back.changed);
    assert_full_pass_agrees(&mut store);

    // A settings change re-screens every entry but leaves their stored cross-entry keys as they are
    // (the entries did not change): an incremental re-screening afterwards still finds the partners.
    let keys = |s: &Store| -> Vec<(String, String, String)> {
        let mut q = s.conn().prepare("SELECT entry_key, kind, value FROM screening_keys ORDER BY 1, 2, 3").unwrap();
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    let stored_keys = keys(&store);
    assert!(!stored_keys.is_empty());
    saiwu_core::actions::settings::set(&mut store, "deadline", "2026-07-11", at("2026-07-11T13:00:00+08:00")).unwrap();
    assert_eq!(keys(&store), stored_keys);
    assert_full_pass_agrees(&mut store);
    assert_eq!(keys(&store), stored_keys, "a full pass rebuilds the same keys");

    // A contest's first import loads the keys in one sorted batch and makes the by-entry index afterwards:
    // the same keys as a full pass writes, and the index is there.
    let mut fresh = Store::open_in_memory().unwrap();
    import_at(&mut fresh, "fixtures/generated/export_v1.xlsx", "2026-07-11T09:30:00+08:00");
    let loaded = keys(&fresh);
    assert!(!loaded.is_empty());
    let index: i64 = fresh.conn().query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'screening_keys_entry'", [], |r| r.get(0)).unwrap();
    assert_eq!(index, 1, "the by-entry index is made again after the load");
    assert_full_pass_agrees(&mut fresh);
    assert_eq!(keys(&fresh), loaded, "a full pass rebuilds exactly the keys the first import loaded");

    let mut csv = Store::open_in_memory().unwrap();
    import_at(&mut csv, "fixtures/generated/export_utf8.csv", "2026-07-11T09:30:00+08:00");
    assert_full_pass_agrees(&mut csv);
}
