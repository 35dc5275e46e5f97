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
    assert_eq!(screening::decide(&mut store, &no, Verdict::Eligible, " ", "张三", now).unwrap_err().code(), "INVALID_INPUT");
    screening::decide(&mut store, &no, Verdict::Eligible, "已电话核实，身份证号为笔误", "张三", now).unwrap();
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
    screening::decide(&mut store, &changed, Verdict::Ineligible, "材料不全", "李四", now).unwrap();
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
    let again = screening::rerun(&mut store, "手动复查", now).unwrap();
    assert_eq!(again.changed, 0);

    // Moving the deadline a year back makes every entry registered after it fail R02.
    saiwu_core::settings::set(&mut store, "deadline", "2025-07-10", now).unwrap();
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
