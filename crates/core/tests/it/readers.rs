//! The readers (rounds, ranking, awards, units, dashboard) take "who is eligible" from the stored
//! verdicts, not from a fresh run of the rules: a verdict changed only in the store shows everywhere,
//! and what they read agrees with a fresh screening pass when the store is current.
use std::collections::HashSet;

use crate::support::root;
use chrono::{DateTime, FixedOffset};
use saiwu_core::import::ApplyRequest;
use saiwu_core::judging;
use saiwu_core::model::{Round, Verdict};
use saiwu_core::store::eligibility;
use saiwu_core::{overview, screening, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap()
}

fn contest() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() }, now(), &mut |_| {})
        .unwrap();
    (store, dir)
}

/// After an import the stored verdicts are current: the effective verdicts, the round and the
/// dashboard's counts and 未检查 lines are what a fresh screening pass says.
#[test]
fn stored_verdicts_agree_with_a_fresh_screening_pass() {
    let (store, _dir) = contest();
    let fresh = screening::check(&store).unwrap();
    let stored = eligibility::effective(store.conn()).unwrap();
    assert!(!stored.is_empty());
    assert_eq!(
        stored.iter().map(|e| (e.key.as_str(), e.verdict, e.group)).collect::<Vec<_>>(),
        fresh.iter().map(|v| (v.key.as_str(), v.verdict, v.group)).collect::<Vec<_>>()
    );
    let eligible: Vec<&str> = fresh.iter().filter(|v| v.verdict == Verdict::Eligible).map(|v| v.key.as_str()).collect();
    let round: Vec<String> = judging::round_entries(&store, Round::Preliminary).unwrap().into_iter().map(|e| e.key).collect();
    assert_eq!(round, eligible);
    let d = overview::dashboard(&store).unwrap();
    let s = d.screening.expect("entries were imported");
    assert_eq!(s.eligible, eligible.len());
    assert_eq!(s.unchecked, screening::unchecked_summary(&fresh));
    assert!(!s.unchecked.is_empty(), "export_v1 without reference lists leaves rules 未检查");
}

/// A verdict changed only in the `verdicts` table (as an action's re-screening would store it) is
/// what the round and the dashboard show: they read the store, they do not re-run the rules.
#[test]
fn readers_follow_the_stored_verdict() {
    let (store, _dir) = contest();
    let before = judging::round_entries(&store, Round::Preliminary).unwrap();
    let gone = before[0].key.clone();
    store.conn().execute("UPDATE verdicts SET auto_verdict = 'ineligible' WHERE entry_key = ?1", [&gone]).unwrap();
    let after: HashSet<String> = judging::round_entries(&store, Round::Preliminary).unwrap().into_iter().map(|e| e.key).collect();
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&gone));
    let d = overview::dashboard(&store).unwrap();
    assert_eq!(d.screening.unwrap().eligible, before.len() - 1);
    // The 资格审查 page reads the same stored truth (no reader re-runs the rules).
    assert!(screening::check(&store).unwrap().iter().any(|v| v.key == gone && v.verdict == Verdict::Ineligible));
}

/// A person's decision wins over the stored verdict, and a disqualified entry leaves the round.
#[test]
fn decisions_and_disqualification_come_on_top_of_the_stored_verdict() {
    let (mut store, _dir) = contest();
    let before = judging::round_entries(&store, Round::Preliminary).unwrap();
    let review: Vec<String> = eligibility::effective(store.conn())
        .unwrap()
        .into_iter()
        .filter(|e| e.verdict == Verdict::Review)
        .map(|e| e.project_no.unwrap_or(e.key))
        .collect();
    assert!(!review.is_empty(), "export_v1 has entries for review");
    saiwu_core::actions::screening::decide(&mut store, &review[0], Verdict::Eligible, "材料已核实", "审核员", now()).unwrap();
    let with_decision = judging::round_entries(&store, Round::Preliminary).unwrap();
    assert_eq!(with_decision.len(), before.len() + 1);
    assert!(with_decision.iter().any(|e| e.project_no == review[0]));
    let e = eligibility::effective(store.conn()).unwrap().into_iter().find(|e| e.project_no.as_deref() == Some(&review[0])).unwrap();
    assert!(e.decided_by_person && !e.needs_reconfirmation && e.auto_verdict == Verdict::Review);

    saiwu_core::actions::screening::disqualify(&mut store, &review[0], "冒用他人成果", "秘书处", now()).unwrap();
    let e = eligibility::effective(store.conn()).unwrap().into_iter().find(|e| e.project_no.as_deref() == Some(&review[0])).unwrap();
    assert!(e.disqualified.as_deref().unwrap().starts_with("取消资格：冒用他人成果（秘书处，2026-07-20"), "{:?}", e.disqualified);
    assert_eq!(judging::round_entries(&store, Round::Preliminary).unwrap().len(), before.len());
}
