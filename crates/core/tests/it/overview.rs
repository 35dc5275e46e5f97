//! The dashboard's chart data (SPEC §8) over export_v1 imported into a temp contest file: entries by
//! group, county, unit and field (with 其他 / 未填写 buckets), effective verdicts per group, score
//! histograms per round and group, and the season's progress from setup to certificates; plus a
//! 10,000-entry contest that must stay fast.
use std::collections::HashMap;

use crate::support::{root, v1_contest};
use chrono::{DateTime, FixedOffset};
use saiwu_core::judging::{self, ScoreValue};
use saiwu_core::model::Verdict;
use saiwu_core::model::{Group, Round};
use saiwu_core::overview::{self, bucket_index, parse_hundredths, ranked_counts, Dashboard, NamedCount, ProgressStep, StepState};
use saiwu_core::Store;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap()
}

fn contest() -> (Store, tempfile::TempDir) {
    v1_contest(now())
}

fn add_judges(store: &Store, n: usize) -> Vec<i64> {
    let names: Vec<String> = (0..n).map(|i| format!("评委{i}")).collect();
    let judges: Vec<(&str, Option<&str>)> = names.iter().map(|n| (n.as_str(), None)).collect();
    crate::support::add_judges(store, &judges, now());
    let mut stmt = store.conn().prepare("SELECT id FROM judges ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(|x| x.unwrap()).collect()
}

fn truth() -> Vec<serde_json::Value> {
    std::fs::read_to_string(root().join("fixtures/generated/export_v1.truth.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn truth_counts(key: &str) -> HashMap<String, i64> {
    let mut m = HashMap::new();
    for r in truth() {
        let name = r[key].as_str().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("未填写").to_string();
        *m.entry(name).or_insert(0) += 1;
    }
    m
}

fn as_map(v: &[NamedCount]) -> HashMap<String, i64> {
    v.iter().map(|n| (n.name.clone(), n.count)).collect()
}

fn step<'a>(d: &'a Dashboard, key: &str) -> &'a ProgressStep {
    d.progress.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no step {key}"))
}

/// Most first, ties by name, with 其他 and 未填写 (when present) last, in that order.
fn assert_ranked(v: &[NamedCount]) {
    let named: Vec<&NamedCount> = v.iter().filter(|n| n.name != "其他" && n.name != "未填写").collect();
    for w in named.windows(2) {
        assert!(w[0].count > w[1].count || (w[0].count == w[1].count && w[0].name < w[1].name), "{:?} before {:?}", w[0], w[1]);
    }
    let tail: Vec<&str> = v[named.len()..].iter().map(|n| n.name.as_str()).collect();
    assert!(matches!(tail.as_slice(), [] | ["其他"] | ["未填写"] | ["其他", "未填写"]), "tail {tail:?}");
}

#[test]
fn an_empty_contest_has_empty_charts_and_nothing_started() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let d = overview::dashboard(&store).unwrap();
    assert_eq!(d.entries_total, 0);
    assert!(d.by_county.is_empty() && d.by_unit.is_empty() && d.by_field.is_empty());
    assert!(d.verdicts_by_group.is_empty());
    assert_eq!(d.score_distributions.len(), 2);
    assert_eq!(d.score_distributions[0].round, Round::Preliminary);
    assert_eq!(d.score_distributions[1].round, Round::Final);
    for rs in &d.score_distributions {
        assert!(rs.buckets.is_empty());
        assert!(rs.groups.iter().all(|g| g.entries == 0 && g.scored == 0 && g.counts.is_empty() && g.mean.is_none()));
    }
    let keys: Vec<&str> = d.progress.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["setup", "import", "screening", "preliminary", "advancement", "final", "awards", "certificates"]);
    let titles: Vec<&str> = d.progress.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["设置", "报名导入", "资格审查", "初赛评分", "晋级", "决赛评分", "获奖与推荐", "证书"]);
    assert!(d.progress.iter().all(|s| s.state == StepState::NotStarted && s.state_label == "未开始"), "{:?}", d.progress);
    assert_eq!(step(&d, "setup").done, step(&d, "setup").total, "the defaults cover every setting");
    // The JSON the window reads.
    let j = serde_json::to_value(&d).unwrap();
    assert_eq!(j["progress"][0]["state"], "not_started");
    assert_eq!(j["score_distributions"][0]["round"], "preliminary");
    assert_eq!(j["score_distributions"][1]["label"], "决赛");
}

#[test]
fn entries_by_group_county_unit_and_field_match_the_fixture() {
    let (store, _dir) = contest();
    let d = overview::dashboard(&store).unwrap();
    assert_eq!(d.entries_total, 240);
    let by_group: HashMap<String, i64> = d.by_group.iter().map(|g| (g.group.map(|g| g.code().to_string()).unwrap_or_default(), g.count)).collect();
    let tg = truth_counts("group");
    assert_eq!(by_group["enterprise"], tg["enterprise"]);
    assert_eq!(by_group["startup"], tg["startup"]);
    for (list, key) in [(&d.by_county, "county"), (&d.by_unit, "unit"), (&d.by_field, "field")] {
        assert_eq!(list.iter().map(|n| n.count).sum::<i64>(), d.entries_total, "{key} adds up");
        assert_eq!(as_map(list), truth_counts(key), "{key} counts");
        assert_ranked(list);
    }
    assert_eq!(d.by_county[0], NamedCount { name: "潞州区".into(), count: 26 });
    assert_eq!(d.by_field.len(), 12, "exactly 12 fields: no 其他");
    // Existing fields are unchanged.
    assert_eq!(d.next_step.route, "/screening");
    assert!(d.screening.is_some());
}

#[test]
fn blank_and_many_fields_go_to_the_other_and_blank_buckets() {
    let (store, _dir) = contest();
    let c = store.conn();
    // Ten entries without a field or unit, five with whitespace only, and 20 entries in new fields.
    c.execute_batch(
        "UPDATE entries SET field = NULL, unit = NULL, county = '' WHERE id IN (SELECT id FROM entries ORDER BY id LIMIT 10);
         UPDATE entries SET field = '  ', unit = '   ' WHERE id IN (SELECT id FROM entries ORDER BY id LIMIT 5 OFFSET 10);
         UPDATE entries SET field = '领域' || (id % 20) WHERE id IN (SELECT id FROM entries ORDER BY id LIMIT 20 OFFSET 15);
         UPDATE entries SET field = '其他' WHERE id IN (SELECT id FROM entries ORDER BY id LIMIT 3 OFFSET 35);
         UPDATE entries SET county = ' 潞州区 ' WHERE id IN (SELECT id FROM entries ORDER BY id LIMIT 1 OFFSET 200);",
    )
    .unwrap();
    let d = overview::dashboard(&store).unwrap();
    assert_eq!(d.by_field.len(), 14, "12 named + 其他 + 未填写: {:?}", d.by_field);
    assert_ranked(&d.by_field);
    let f = as_map(&d.by_field);
    assert_eq!(f["未填写"], 15);
    assert!(f["其他"] >= 3 + 20, "the 20 one-entry fields and the literal 其他 are in 其他: {:?}", d.by_field);
    assert_eq!(d.by_field.iter().map(|n| n.count).sum::<i64>(), 240);
    assert_eq!(as_map(&d.by_unit)["未填写"], 15);
    assert_eq!(d.by_unit.last().unwrap().name, "未填写");
    let county = as_map(&d.by_county);
    assert_eq!(county["未填写"], 10);
    assert_eq!(d.by_county.iter().filter(|n| n.name.contains("潞州区")).count(), 1, "trimmed names are one bucket");
}

#[test]
fn ranked_counts_orders_caps_and_merges() {
    let m: HashMap<String, i64> =
        [("b", 5), ("a", 5), ("c", 9), ("其他", 2), ("未填写", 4), ("d", 1), ("e", 1)].iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let v = ranked_counts(m.clone(), 3);
    let got: Vec<(&str, i64)> = v.iter().map(|n| (n.name.as_str(), n.count)).collect();
    assert_eq!(got, [("c", 9), ("a", 5), ("b", 5), ("其他", 4), ("未填写", 4)]);
    let all = ranked_counts(m, 12);
    assert_eq!(all.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["c", "a", "b", "d", "e", "其他", "未填写"]);
    assert!(ranked_counts(HashMap::new(), 12).is_empty());
}

#[test]
fn score_parsing_and_buckets() {
    assert_eq!(parse_hundredths("85.50"), Some(8550));
    assert_eq!(parse_hundredths("85.5"), Some(8550));
    assert_eq!(parse_hundredths("85"), Some(8500));
    assert_eq!(parse_hundredths("83.339"), Some(8333));
    assert_eq!(parse_hundredths(""), None);
    assert_eq!(parse_hundredths("-3"), None);
    assert_eq!(parse_hundredths("8a"), None);
    assert_eq!(bucket_index(6000, 100), 12);
    assert_eq!(bucket_index(6499, 100), 12);
    assert_eq!(bucket_index(6500, 100), 13);
    assert_eq!(bucket_index(10000, 100), 19, "a full score joins 95–100");
    assert_eq!(bucket_index(0, 100), 0);
    assert_eq!(bucket_index(12000, 120), 23);
}

#[test]
fn verdicts_per_group_are_the_effective_ones() {
    let (mut store, _dir) = contest();
    let before = overview::dashboard(&store).unwrap();
    let s = before.screening.as_ref().unwrap();
    let sum = |d: &Dashboard, f: fn(&overview::GroupVerdicts) -> usize| d.verdicts_by_group.iter().map(f).sum::<usize>();
    assert_eq!(sum(&before, |g| g.eligible), s.eligible);
    assert_eq!(sum(&before, |g| g.ineligible), s.ineligible);
    assert_eq!(sum(&before, |g| g.review), s.review);
    assert_eq!(before.verdicts_by_group.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["企业组", "创业组"]);
    // Per group, against screening::check directly.
    let verdicts = saiwu_core::screening::check(&store).unwrap();
    for g in &before.verdicts_by_group {
        let n = |v: Verdict| verdicts.iter().filter(|e| e.group == g.group && e.verdict == v).count();
        assert_eq!((g.eligible, g.ineligible, g.review), (n(Verdict::Eligible), n(Verdict::Ineligible), n(Verdict::Review)), "{}", g.name);
    }
    // A person's decision moves an entry from 待人工审核 to 不符合 in its group.
    let e = verdicts.iter().find(|e| e.verdict == Verdict::Review).expect("the fixture has entries to review");
    let gi = before.verdicts_by_group.iter().position(|g| g.group == e.group).unwrap();
    saiwu_core::actions::screening::decide(&mut store, &e.key, Verdict::Ineligible, "测试：材料不全", "秘书处", now()).unwrap();
    let after = overview::dashboard(&store).unwrap();
    assert_eq!(after.verdicts_by_group[gi].review, before.verdicts_by_group[gi].review - 1);
    assert_eq!(after.verdicts_by_group[gi].ineligible, before.verdicts_by_group[gi].ineligible + 1);
    let sc = step(&after, "screening");
    assert_eq!(sc.total, 240);
    assert_eq!(sc.done, step(&before, "screening").done + 1);
}

/// Sets every judge's total for an entry (hundredths).
fn score_all(store: &mut Store, round: Round, judges: &[i64], no: &str, total: i64) {
    for j in judges {
        saiwu_core::actions::judging::set_score(store, round, *j, no, 1, &ScoreValue::Total { total }, "录入员", "", now()).unwrap();
    }
}

#[test]
fn the_season_from_scores_to_frozen_awards() {
    let (mut store, _dir) = contest();
    let judges = add_judges(&store, 3);
    let prelim = judging::round_entries(&store, Round::Preliminary).unwrap();
    let ent: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).map(|e| e.project_no.clone()).collect();
    let st: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Startup)).map(|e| e.project_no.clone()).collect();
    assert!(ent.len() >= 8 && st.len() >= 2);

    let d0 = overview::dashboard(&store).unwrap();
    let p0 = &d0.score_distributions[0];
    assert!(p0.buckets.is_empty(), "还没有评分");
    assert_eq!(p0.groups.iter().map(|g| g.entries).sum::<usize>(), prelim.len());
    assert_eq!(step(&d0, "preliminary").state, StepState::NotStarted);
    assert_eq!(step(&d0, "preliminary").total, prelim.len() as i64);
    assert_eq!(step(&d0, "import").state, StepState::Done);

    // 初赛: six enterprise entries and two startup entries complete; one more only half keyed.
    let ent_scores = [10000, 9850, 8550, 8500, 6000, 6499];
    for (no, t) in ent.iter().zip(ent_scores) {
        score_all(&mut store, Round::Preliminary, &judges, no, t);
    }
    score_all(&mut store, Round::Preliminary, &judges, &st[0], 7200);
    score_all(&mut store, Round::Preliminary, &judges, &st[1], 9000);
    saiwu_core::actions::judging::set_score(
        &mut store,
        Round::Preliminary,
        judges[0],
        &ent[6],
        1,
        &ScoreValue::Total { total: 7000 },
        "录入员",
        "",
        now(),
    )
    .unwrap();

    let d1 = overview::dashboard(&store).unwrap();
    let p1 = &d1.score_distributions[0];
    let labels: Vec<&str> = p1.buckets.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["60–65", "65–70", "70–75", "75–80", "80–85", "85–90", "90–95", "95–100"], "continuous from the lowest to the highest");
    assert_eq!((p1.buckets[0].from, p1.buckets[0].to), (60, 65));
    let e = p1.groups.iter().find(|g| g.group == Some(Group::Enterprise)).unwrap();
    let s = p1.groups.iter().find(|g| g.group == Some(Group::Startup)).unwrap();
    assert_eq!(e.name, "企业组");
    assert_eq!(e.counts, [2, 0, 0, 0, 0, 2, 0, 2], "60 and 64.99 | 85.5 and 85 | 98.5 and 100");
    assert_eq!(s.counts, [0, 0, 1, 0, 0, 0, 1, 0]);
    assert!(p1.groups.iter().all(|g| g.counts.len() == p1.buckets.len()));
    assert_eq!((e.complete, e.scored), (6, 6));
    assert_eq!(e.entries, ent.len());
    assert_eq!(e.min.as_deref(), Some("60.00"));
    assert_eq!(e.max.as_deref(), Some("100.00"));
    // (100 + 98.5 + 85.5 + 85 + 60 + 64.99) / 6 = 493.99 / 6 = 82.331…
    assert_eq!(e.mean.as_deref(), Some("82.33"));
    assert_eq!(s.mean.as_deref(), Some("81.00"));
    let pre = step(&d1, "preliminary");
    assert_eq!((pre.done, pre.total, pre.state), (8, prelim.len() as i64, StepState::InProgress));
    assert_eq!(pre.state_label, "进行中");
    assert!(d1.score_distributions[1].buckets.is_empty());
    assert_eq!(step(&d1, "advancement").state, StepState::NotStarted);

    // 晋级: five enterprise finalists by hand; 决赛 scores for all five (distinct, so no tie).
    for no in &ent[..5] {
        saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：进入决赛", "秘书处", now()).unwrap();
    }
    let d2 = overview::dashboard(&store).unwrap();
    let adv = step(&d2, "advancement");
    assert_eq!((adv.done, adv.total, adv.state), (5, 5, StepState::Done));
    let fin = step(&d2, "final");
    assert_eq!((fin.done, fin.total, fin.state), (0, 5, StepState::NotStarted));
    assert_eq!(d2.score_distributions[1].groups.iter().map(|g| g.entries).sum::<usize>(), 5);

    for (no, t) in ent[..5].iter().zip([9100, 8800, 8300, 7900, 7400]) {
        score_all(&mut store, Round::Final, &judges, no, t);
    }
    saiwu_core::actions::settings::set(
        &mut store,
        "award_quotas",
        r#"[{"group":"enterprise","first":1,"second":1,"third":1,"excellence":1},{"group":"startup","first":1,"second":1,"third":1,"excellence":1}]"#,
        now(),
    )
    .unwrap();
    let d3 = overview::dashboard(&store).unwrap();
    let fin = step(&d3, "final");
    assert_eq!((fin.done, fin.total, fin.state), (5, 5, StepState::Done));
    let f = &d3.score_distributions[1];
    assert_eq!(f.buckets.first().unwrap().label, "70–75");
    assert_eq!(f.buckets.last().unwrap().label, "90–95");
    assert_eq!(f.groups.iter().find(|g| g.group == Some(Group::Enterprise)).unwrap().counts.iter().sum::<usize>(), 5);
    let aw = step(&d3, "awards");
    assert_eq!((aw.done, aw.total, aw.state), (0, 8, StepState::InProgress));
    assert_eq!(step(&d3, "certificates").state, StepState::NotStarted);
    assert_eq!(step(&d3, "setup").state, StepState::Done, "settings saved");

    // 获奖与推荐: freezing the awards completes the step.
    saiwu_core::actions::awards::freeze(&mut store, "主任", None, now()).unwrap();
    let d4 = overview::dashboard(&store).unwrap();
    let aw = step(&d4, "awards");
    assert_eq!(aw.state, StepState::Done);
    assert_eq!((aw.done, aw.total), (4, 4), "four enterprise awards (the startup group has no finalists)");
    assert!(aw.detail.contains("已冻结"), "{}", aw.detail);
    let cert = step(&d4, "certificates");
    assert_eq!((cert.done, cert.total, cert.state), (0, 4, StepState::NotStarted));

    // 证书: counted from the live award certificates. Two issued: in progress; one of them voided: one done.
    let subjects: Vec<_> = saiwu_core::certificates::subjects_from_store(&store)
        .unwrap()
        .into_iter()
        .filter(|s| s.kind == saiwu_core::certificates::SubjectKind::Award)
        .collect();
    assert_eq!(subjects.len(), 4, "{subjects:?}");
    let template = saiwu_core::certificates::template(&store).unwrap();
    let certs = saiwu_core::actions::certificates::issue(&mut store, &subjects[..2], &template, now()).unwrap();
    assert_eq!(certs.len(), 2);
    let d5 = overview::dashboard(&store).unwrap();
    let cert = step(&d5, "certificates");
    assert_eq!((cert.done, cert.total, cert.state), (2, 4, StepState::InProgress));
    saiwu_core::actions::certificates::void(&mut store, &certs[0].number, "测试：作废", "秘书处", now()).unwrap();
    let d6 = overview::dashboard(&store).unwrap();
    assert_eq!(step(&d6, "certificates").done, 1, "a voided certificate no longer counts");
    saiwu_core::actions::certificates::issue(&mut store, &subjects, &template, now()).unwrap();
    let d7 = overview::dashboard(&store).unwrap();
    let cert = step(&d7, "certificates");
    assert_eq!((cert.done, cert.total, cert.state), (4, 4, StepState::Done));
}

const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Copies every entry `n` times as distinct companies: new keys, project numbers, names, valid
/// credit codes and leader ID numbers (so the copies are not duplicates of each other).
fn copy_entries(store: &Store, n: usize) {
    let c = store.conn();
    let cols = "key, project_no, group_code, kind, project_name, entrant_name, credit_code, unit, county, field, leader_name, member_count, problem_count, data, raw, content_hash, source_file, source_sheet, source_row, import_id, first_import_id, missing";
    let rows: Vec<Vec<rusqlite::types::Value>> = {
        let mut stmt = c.prepare(&format!("SELECT {cols} FROM entries")).unwrap();
        stmt.query_map([], |r| (0..22).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect()).unwrap().map(|x| x.unwrap()).collect()
    };
    let text = |v: &rusqlite::types::Value| match v {
        rusqlite::types::Value::Text(s) => Some(s.clone()),
        _ => None,
    };
    c.execute_batch("BEGIN").unwrap();
    let mut ins =
        c.prepare(&format!("INSERT INTO entries({cols}) VALUES ({})", (1..=22).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", "))).unwrap();
    let mut serial = 0usize;
    for copy in 1..=n {
        for row in &rows {
            serial += 1;
            let mut row = row.clone();
            let mut data: serde_json::Value = serde_json::from_str(&text(&row[13]).unwrap()).unwrap();
            let suffix = format!("-{copy}");
            let no = text(&row[1]).map(|p| p + &suffix);
            let name = text(&row[5]).map(|p| format!("{p}{copy}号"));
            let project = text(&row[4]).map(|p| format!("{p}（{copy}）"));
            let credit = text(&row[6]).filter(|c| c.len() == 18).map(|old| {
                let mut k = serial;
                let mut org = String::new();
                for _ in 0..9 {
                    org.insert(0, CODE_CHARS[k % 31] as char);
                    k /= 31;
                }
                let first17 = format!("{}{}", &old[..8], org);
                format!("{first17}{}", saiwu_core::ids::credit_code_check_char(&first17).unwrap())
            });
            if let Some(id) = data["leader"]["id_number"].as_str().filter(|s| s.len() == 18 && s[..17].bytes().all(|b| b.is_ascii_digit())) {
                let first17 = format!("{}{:03}", &id[..14], copy);
                let new = format!("{first17}{}", saiwu_core::ids::id_number_check_char(&first17).unwrap());
                data["leader"]["id_number"] = new.into();
            }
            for (k, v) in [("project_no", &no), ("entrant_name", &name), ("project_name", &project), ("credit_code", &credit)] {
                if let Some(v) = v {
                    data[k] = v.clone().into();
                }
            }
            row[0] = format!("{}{suffix}", text(&row[0]).unwrap()).into();
            for (i, v) in [(1, no), (4, project), (5, name), (6, credit)] {
                if let Some(v) = v {
                    row[i] = v.into();
                }
            }
            row[13] = data.to_string().into();
            ins.execute(rusqlite::params_from_iter(row.iter())).unwrap();
        }
    }
    drop(ins);
    c.execute_batch("COMMIT").unwrap();
}

/// 10,000 entries (export_v1's rows copied as distinct companies), every one scored by three judges in
/// the preliminary: the dashboard's counts and histograms hold at that size. (Its speed is for benchmarks,
/// not tests.)
#[test]
fn ten_thousand_scored_entries() {
    let (store, _dir) = contest();
    copy_entries(&store, 41);
    let c = store.conn();
    // Every entry 符合 by a person's decision (the copies share leaders, which the rules flag).
    c.execute(
        "INSERT INTO decisions(entry_key, verdict, reason, decided_by, decided_at, data_hash) SELECT key, 'eligible', '测试', '秘书处', ?1, content_hash FROM entries",
        [now().to_rfc3339()],
    )
    .unwrap();
    let total: i64 = c.query_row("SELECT count(*) FROM entries WHERE missing = 0", [], |r| r.get(0)).unwrap();
    assert!(total >= 10_000, "{total}");
    let d = overview::dashboard(&store).unwrap();
    assert_eq!(d.verdicts_by_group.iter().map(|g| g.eligible as i64).sum::<i64>(), total);
    let judges = add_judges(&store, 3);
    let keys: Vec<String> = {
        let mut stmt = c.prepare("SELECT key FROM entries WHERE missing = 0").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|x| x.unwrap()).collect()
    };
    {
        let mut ins = c.prepare("INSERT INTO scores(round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by) VALUES ('preliminary', ?1, ?2, 1, 0, NULL, ?3, '2026-07-20', 'test')").unwrap();
        c.execute_batch("BEGIN").unwrap();
        for (i, k) in keys.iter().enumerate() {
            for (ji, j) in judges.iter().enumerate() {
                ins.execute(rusqlite::params![j, k, 5000 + ((i * 37 + ji * 11) % 5000) as i64]).unwrap();
            }
        }
        c.execute_batch("COMMIT").unwrap();
    }
    let d = overview::dashboard(&store).unwrap();
    assert_eq!(d.entries_total, total);
    let p = &d.score_distributions[0];
    assert_eq!(p.groups.iter().map(|g| g.scored).sum::<usize>(), keys.len());
    assert_eq!(p.buckets.first().unwrap().label, "50–55");
    assert_eq!(p.buckets.last().unwrap().label, "95–100");
    assert_eq!(step(&d, "preliminary").state, StepState::Done);
    assert_eq!(d.by_county.iter().map(|n| n.count).sum::<i64>(), total);
}

/// A disqualified entry leaves the rounds: the dashboard's count of a round's entries is what the rounds hold.
#[test]
fn a_disqualified_entry_leaves_the_round_counts() {
    let (mut store, _dir) = contest();
    let in_round =
        |store: &Store| -> usize { overview::dashboard(store).unwrap().score_distributions[0].groups.iter().map(|g| g.entries).sum::<usize>() };
    let before = judging::round_entries(&store, Round::Preliminary).unwrap();
    assert_eq!(in_round(&store), before.len());
    saiwu_core::actions::screening::disqualify(&mut store, &before[0].project_no, "提供虚假材料（监督组核实）", "秘书处", now()).unwrap();
    let after = judging::round_entries(&store, Round::Preliminary).unwrap();
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(in_round(&store), after.len());
}
