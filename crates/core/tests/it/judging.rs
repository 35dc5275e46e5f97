//! Rounds end to end over the store: panels, score sheets out and back in, refused sheets leaving
//! the store unchanged, the score log, 回避 from the data, ranking, advancement and the draw.
use std::path::Path;

use crate::support::{add_judges, v1_contest};
use chrono::{DateTime, FixedOffset};
use rust_xlsxwriter::Workbook;
use saiwu_core::judging::{self, ScoreValue};
use saiwu_core::model::{Group, Round};
use saiwu_core::Store;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap()
}

const JUDGES: [(&str, &str); 7] = [
    ("赵评一", "长治学院"),
    ("钱评二", "山西某某投资有限公司"),
    ("孙评三", "长治医学院"),
    ("李评四", "长治市科技咨询中心"),
    ("周评五", "太原理工大学"),
    ("吴评六", "长治市生产力促进中心"),
    ("郑评七", "山西机电职业技术学院"),
];

/// export_v1 imported (135 entries 符合) and seven judges; returns the store and a temp dir.
fn contest() -> (Store, tempfile::TempDir) {
    let (store, dir) = v1_contest(now());
    let judges: Vec<(&str, Option<&str>)> = JUDGES.iter().map(|(n, o)| (*n, Some(*o))).collect();
    add_judges(&store, &judges, now());
    (store, dir)
}

fn score_count(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM scores", [], |r| r.get(0)).unwrap()
}

/// A deterministic, distinct-enough score per judge and entry (hundredths per criterion).
fn criteria_for(entry_idx: usize, judge_idx: usize, maxes: &[u32]) -> Vec<f64> {
    maxes
        .iter()
        .enumerate()
        .map(|(c, m)| {
            let frac = 0.55 + ((entry_idx * 7 + judge_idx * 3 + c * 5) % 40) as f64 / 100.0; // 0.55..0.94
            ((*m as f64) * frac * 2.0).round() / 2.0 // half points
        })
        .collect()
}

/// Writes a filled score file in the SPEC §11 layout for every entry and judge of a round.
fn filled_sheet(store: &Store, round: Round, path: &Path, tweak: impl Fn(usize, usize, &str, &mut Vec<String>)) {
    let settings = saiwu_core::settings::load(store).unwrap();
    let entries = judging::round_entries(store, round).unwrap();
    let mut wb = Workbook::new();
    for sheet in &settings.score_sheets {
        let ws = wb.add_worksheet();
        ws.set_name(format!("{}评分", sheet.group)).unwrap();
        let mut head = vec!["项目编号".to_string(), "评委".to_string()];
        head.extend(sheet.criteria.iter().map(|c| format!("{}（{}分）", c.name, c.max)));
        for (c, h) in head.iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        let maxes: Vec<u32> = sheet.criteria.iter().map(|c| c.max).collect();
        let mut r = 1;
        for (ei, e) in entries.iter().enumerate().filter(|(_, e)| e.group == Some(sheet.group)) {
            for (ji, (judge, _)) in JUDGES.iter().enumerate() {
                let mut cells: Vec<String> = criteria_for(ei, ji, &maxes).iter().map(|v| v.to_string()).collect();
                tweak(ei, ji, &e.project_no, &mut cells);
                ws.write_string(r, 0, &e.project_no).unwrap();
                ws.write_string(r, 1, *judge).unwrap();
                for (c, v) in cells.iter().enumerate() {
                    match v.parse::<f64>() {
                        Ok(n) => ws.write_number(r, (2 + c) as u16, n).unwrap(),
                        Err(_) => ws.write_string(r, (2 + c) as u16, v).unwrap(),
                    };
                }
                r += 1;
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn score_sheets_round_trip_and_rank() {
    let (mut store, dir) = contest();
    let eligible = judging::round_entries(&store, Round::Preliminary).unwrap();
    assert!(eligible.len() > 50, "the fixture has many eligible entries");
    let panels = saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    assert_eq!(panels.len(), 2);
    assert_eq!(panels.iter().map(|p| p.entries.len()).sum::<usize>(), eligible.len());
    assert!(panels.iter().all(|p| p.judges.len() == 7));

    // The app's own sheet: one row per judge and entry, SPEC §11 headers.
    let blank = dir.path().join("blank.xlsx");
    let rows = judging::export_score_workbook(&store, Round::Preliminary, &blank).unwrap();
    assert_eq!(rows, eligible.len() * 7);

    // Filled in and imported back: every entry ranked; one judge recused on the first entry.
    let filled = dir.path().join("filled.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |ei, ji, _, cells| {
        if ei == 0 && ji == 2 {
            cells[0] = "回避".into();
            for c in cells.iter_mut().skip(1) {
                c.clear();
            }
        }
    });
    let r = saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    assert_eq!(r.rows, eligible.len() * 7);
    assert_eq!(r.recusals, 1);
    assert_eq!(r.written, r.rows);

    let ranking = judging::ranking(&store, Round::Preliminary).unwrap();
    let all: Vec<_> = ranking.iter().flat_map(|g| g.entries.iter()).collect();
    assert_eq!(all.len(), eligible.len());
    assert!(all.iter().all(|e| e.complete && e.rank.is_some()));
    for g in &ranking {
        let ranks: Vec<u32> = g.entries.iter().map(|e| e.rank.unwrap()).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "ranks ascend within {}", g.label);
        assert_eq!(ranks[0], 1);
    }
    // The recused entry: 6 valid judges, trimmed, the recused judge named.
    let first = all.iter().find(|e| e.project_no == eligible[0].project_no).unwrap();
    assert_eq!(first.valid_judges, 6);
    assert_eq!(first.recused, vec!["孙评三".to_string()]);
    assert_eq!(first.dropped.len(), 2);
    // Hand check of one entry without recusal: mean of the five middle totals, exactly.
    let e1 = &eligible[1];
    let sheet = saiwu_core::settings::load(&store).unwrap().score_sheet(e1.group.unwrap()).unwrap().clone();
    let maxes: Vec<u32> = sheet.criteria.iter().map(|c| c.max).collect();
    let mut totals: Vec<i64> = (0..7).map(|j| criteria_for(1, j, &maxes).iter().map(|v| (v * 100.0).round() as i64).sum()).collect();
    totals.sort();
    let kept: i64 = totals[1..6].iter().sum();
    let ranked = all.iter().find(|e| e.project_no == e1.project_no).unwrap();
    let exact = saiwu_core::scoring::Ratio::new(kept, 500);
    assert_eq!(ranked.score.as_deref(), Some(saiwu_core::scoring::exact_string(&exact).as_str()));

    // The ranking export read back: one sheet per group, every entry, numbers as numbers.
    let xlsx = dir.path().join("ranking.xlsx");
    assert_eq!(judging::ranking_xlsx(&store, Round::Preliminary, &xlsx).unwrap(), eligible.len());
    {
        use calamine::{open_workbook_auto, Data, Reader};
        let mut wb = open_workbook_auto(&xlsx).unwrap();
        let names = wb.sheet_names().to_vec();
        assert_eq!(names.len(), 2);
        let rows: usize = names.iter().map(|n| wb.worksheet_range(n).unwrap().height() - 1).sum();
        assert_eq!(rows, eligible.len());
        let r = wb.worksheet_range(&names[0]).unwrap();
        assert_eq!(r.get((1, 0)), Some(&Data::Float(1.0)), "rank 1 first, as a number");
        assert!(matches!(r.get((1, 4)), Some(Data::Float(_))), "the score as a number");
    }

    // The same file again changes nothing.
    let again = saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    assert_eq!(again.written, 0);
    assert_eq!(again.unchanged, again.rows);
}

#[test]
fn a_refused_sheet_leaves_the_store_unchanged_and_names_the_cells() {
    let (mut store, dir) = contest();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let good = dir.path().join("good.xlsx");
    filled_sheet(&store, Round::Preliminary, &good, |_, _, _, _| {});
    saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &good, "录入员", false, now()).unwrap();
    let before = score_count(&store);
    let log_before: i64 = store.conn().query_row("SELECT count(*) FROM score_log", [], |r| r.get(0)).unwrap();
    let ranking_before = serde_json::to_string(
        &judging::ranking(&store, Round::Preliminary)
            .unwrap()
            .iter()
            .map(|g| g.entries.iter().map(|e| e.score.clone()).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    )
    .unwrap();

    let bad = dir.path().join("bad.xlsx");
    filled_sheet(&store, Round::Preliminary, &bad, |ei, ji, _, cells| {
        if ei == 0 && ji == 0 {
            cells[0] = "95".into(); // first criterion is out of 30 / 30 points
        }
        if ei == 1 && ji == 1 {
            cells[1] = "十八".into();
        }
        if ei == 2 && ji == 0 {
            cells[2] = "12.345".into();
        }
    });
    let err = saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &bad, "录入员", false, now()).unwrap_err();
    assert_eq!(err.code(), "SCORES_REFUSED");
    let msg = err.to_string();
    assert!(msg.contains("3 处问题"), "{msg}");
    assert!(msg.contains("第 2 行") && msg.contains("C "), "names the row and the column: {msg}");
    let check = judging::validate_scores_file(&store, Round::Preliminary, &bad).unwrap();
    assert_eq!(check.problems.len(), 3);
    assert!(check.problems.iter().any(|p| p.message.contains("超出")));
    assert!(check.problems.iter().any(|p| p.message.contains("不是分数")));
    assert!(check.problems.iter().any(|p| p.message.contains("两位小数")));
    // Nothing stored.
    assert_eq!(score_count(&store), before);
    let log_after: i64 = store.conn().query_row("SELECT count(*) FROM score_log", [], |r| r.get(0)).unwrap();
    assert_eq!(log_after, log_before);
    let ranking_after = serde_json::to_string(
        &judging::ranking(&store, Round::Preliminary)
            .unwrap()
            .iter()
            .map(|g| g.entries.iter().map(|e| e.score.clone()).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_eq!(ranking_after, ranking_before);

    // An unknown judge and a duplicated row are refused too.
    let dup = dir.path().join("dup.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let no = judging::round_entries(&store, Round::Preliminary).unwrap()[0].project_no.clone();
    for (c, h) in ["项目编号", "评委", "总分"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, j) in [(1, "赵评一"), (2, "赵评一"), (3, "王不存在")] {
        ws.write_string(r, 0, &no).unwrap();
        ws.write_string(r, 1, j).unwrap();
        ws.write_number(r, 2, 80.0).unwrap();
    }
    wb.save(&dup).unwrap();
    let check = judging::validate_scores_file(&store, Round::Preliminary, &dup).unwrap();
    assert_eq!(check.problems.len(), 2, "{:?}", check.problems);
    assert!(check.problems.iter().any(|p| p.message.contains("重复") && p.row == Some(3)));
    assert!(check.problems.iter().any(|p| p.message.contains("王不存在") && p.row == Some(4)));
    assert!(saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &dup, "录入员", false, now()).is_err());
    assert_eq!(score_count(&store), before);
}

#[test]
fn keyed_changes_need_a_reason_and_are_logged() {
    let (mut store, _dir) = contest();
    let e = judging::round_entries(&store, Round::Preliminary).unwrap()[0].clone();
    let jid: i64 = store.conn().query_row("SELECT id FROM judges WHERE name = '赵评一'", [], |r| r.get(0)).unwrap();
    let n = saiwu_core::settings::load(&store).unwrap().score_sheet(e.group.unwrap()).unwrap().criteria.len();
    let v1 = ScoreValue::Criteria { values: vec![800; n] };
    assert!(saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &e.project_no, 1, &v1, "甲", "", now()).unwrap());
    let v2 = ScoreValue::Criteria { values: vec![900; n] };
    let err = saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &e.project_no, 1, &v2, "甲", " ", now()).unwrap_err();
    assert!(err.to_string().contains("原因"), "{err}");
    assert!(matches!(&err, saiwu_core::CoreError::Validation { field: Some(f), .. } if f == "reason"), "{err:?}");
    saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &e.project_no, 1, &v2, "乙", "评委更正笔误", now()).unwrap();
    let over = ScoreValue::Criteria { values: vec![99_00; n] };
    let err = saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &e.project_no, 1, &over, "乙", "x", now()).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT", "{err}");
    // An entry outside the round (not 符合) takes no score: NOT_IN_ROUND, nothing stored.
    let outside: String = store
        .conn()
        .query_row("SELECT e.project_no FROM entries e JOIN verdicts v ON v.entry_key = e.key WHERE v.auto_verdict = 'ineligible' LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let err = saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &outside, 1, &v1, "乙", "", now()).unwrap_err();
    assert_eq!(err.code(), "NOT_IN_ROUND", "{err}");
    let log = judging::score_log(&store, Some(Round::Preliminary), 10).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].who, "乙");
    assert_eq!(log[0].reason, "评委更正笔误");
    // The store joins the judge's name and the entry's number in.
    assert_eq!((log[0].judge_name.as_str(), log[0].project_no.as_str()), ("赵评一", e.project_no.as_str()));
    assert!(log[0].old_value.as_deref().unwrap().starts_with(&format!("{}.00", 8 * n)), "{:?}", log[0].old_value);
    assert!(log[0].new_value.as_deref().unwrap().starts_with(&format!("{}.00", 9 * n)));
    // The log cannot be edited behind the app's back.
    assert!(store.conn().execute("UPDATE score_log SET who = 'x'", []).is_err());
    assert!(store.conn().execute("DELETE FROM score_log", []).is_err());

    // Double entry: a second keying that differs is listed until corrected.
    saiwu_core::actions::judging::set_score(
        &mut store,
        Round::Preliminary,
        jid,
        &e.project_no,
        2,
        &ScoreValue::Criteria { values: vec![850; n] },
        "丙",
        "",
        now(),
    )
    .unwrap();
    let m = judging::double_entry_mismatches(&store, Round::Preliminary).unwrap();
    assert_eq!(m.len(), 1);
    assert!(m[0].message.contains("第一遍") && m[0].message.contains("第二遍"), "{}", m[0].message);
    saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &e.project_no, 2, &v2, "丙", "核对纸质表", now()).unwrap();
    assert!(judging::double_entry_mismatches(&store, Round::Preliminary).unwrap().is_empty());
}

#[test]
fn conflicts_are_suggested_from_the_data_and_confirmed_by_a_person() {
    let (mut store, dir) = contest();
    let e = judging::round_entries(&store, Round::Preliminary).unwrap().into_iter().find(|e| e.group == Some(Group::Enterprise)).unwrap();
    // A judge working for the entrant (written with a different legal-form suffix and spacing).
    let org = format!(" {} ", e.entrant_name.replace("有限公司", "有限责任公司"));
    store
        .conn()
        .execute(
            "INSERT INTO judges(name, organization, source, created_at, updated_at) VALUES ('冯评八', ?1, 'manual', ?2, ?2)",
            rusqlite::params![org, now().to_rfc3339()],
        )
        .unwrap();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let n = saiwu_core::actions::judging::suggest_conflicts(&mut store, Round::Preliminary, now()).unwrap();
    assert!(n >= 1);
    let list = judging::conflicts(&store, Round::Preliminary).unwrap();
    let c = list.iter().find(|c| c.judge_name == "冯评八" && c.project_no == e.project_no).expect("suggested");
    assert_eq!(c.status, "suggested");
    assert!(c.reason.contains("参赛主体"), "{}", c.reason);
    // Suggesting again adds nothing.
    assert_eq!(saiwu_core::actions::judging::suggest_conflicts(&mut store, Round::Preliminary, now()).unwrap(), 0);
    saiwu_core::actions::judging::decide_conflict(&mut store, c.id, true, "秘书处", now()).unwrap();

    // Scores for everyone (the conflicted judge too): the confirmed conflict makes the cell 回避.
    let filled = dir.path().join("f.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |_, _, _, _| {});
    // 冯评八 is in the panel but not in the file: the entries are incomplete until the cell exists.
    saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    let r = judging::ranking(&store, Round::Preliminary).unwrap();
    let ent = r.iter().flat_map(|g| g.entries.iter()).find(|x| x.project_no == e.project_no).unwrap();
    assert!(ent.complete, "the confirmed conflict completes the sheet for 冯评八");
    assert_eq!(ent.recused, vec!["冯评八".to_string()]);
    assert_eq!(ent.valid_judges, 7);
    let other = r.iter().flat_map(|g| g.entries.iter()).find(|x| x.group == Some(Group::Enterprise) && x.project_no != e.project_no).unwrap();
    assert!(!other.complete && other.rank.is_none(), "others still wait for 冯评八");
    assert_eq!(other.judges_done, 7);
    assert_eq!(other.judges_expected, 8);
}

#[test]
fn advancement_and_a_reproducible_draw() {
    let (mut store, dir) = contest();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let filled = dir.path().join("f.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |_, _, _, _| {});
    saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    let r = saiwu_core::actions::judging::advance(&mut store, 5, "秘书处", now()).unwrap();
    let finalists = judging::round_entries(&store, Round::Final).unwrap();
    let advanced: usize = r.groups.iter().map(|g| g.advanced.len()).sum();
    assert_eq!(finalists.len(), advanced);
    for g in &r.groups {
        let tie = g.line_tie.as_ref().map(|t| t.candidates.len()).unwrap_or(0);
        assert!(g.advanced.len() <= 5 && g.advanced.len() + tie >= 5, "{}", g.summary);
    }
    // A manual change with a reason survives advancing again.
    let outsider = judging::ranking(&store, Round::Preliminary).unwrap()[0].entries.last().unwrap().project_no.clone();
    saiwu_core::actions::judging::adjust_advancement(&mut store, &outsider, true, "评审委员会决定增补", "主任", now()).unwrap();
    saiwu_core::actions::judging::advance(&mut store, 5, "秘书处", now()).unwrap();
    let rows = judging::advancement(&store, Round::Final).unwrap();
    let row = rows.iter().find(|a| a.project_no == outsider).unwrap();
    assert!(row.included && row.manual);
    assert_eq!(judging::round_entries(&store, Round::Final).unwrap().len(), advanced + 1);

    // The draw: the same seed gives the same order; the order is a permutation of the finalists.
    let d1 = saiwu_core::actions::judging::draw(&mut store, Round::Final, Group::Enterprise, 20260720, "秘书处", now()).unwrap();
    let d2 = saiwu_core::actions::judging::draw(&mut store, Round::Final, Group::Enterprise, 20260720, "秘书处", now()).unwrap();
    let d3 = saiwu_core::actions::judging::draw(&mut store, Round::Final, Group::Enterprise, 7, "秘书处", now()).unwrap();
    let order = |d: &judging::Draw| d.order.iter().map(|e| e.project_no.clone()).collect::<Vec<_>>();
    assert_eq!(order(&d1), order(&d2));
    assert_ne!(order(&d1), order(&d3));
    let mut sorted = order(&d1);
    sorted.sort();
    let mut expected: Vec<String> = judging::round_entries(&store, Round::Final)
        .unwrap()
        .into_iter()
        .filter(|e| e.group == Some(Group::Enterprise))
        .map(|e| e.project_no)
        .collect();
    expected.sort();
    assert_eq!(sorted, expected);
    assert_eq!(d1.seed, "20260720");
    assert_eq!(judging::draws(&store, Round::Final).unwrap().len(), 3);

    // Printable: the order sheet of the draw names its seed; score sheets per panel.
    let pdf = judging::order_sheet_pdf(&store, Round::Final, d1.id).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdftotext(&pdf, dir.path()) {
        assert!(text.contains("20260720"), "the seed is printed");
        assert!(text.contains(&d1.order[0].project_no));
    }
    let docs = judging::score_sheet_docs(&store, Round::Preliminary).unwrap();
    assert_eq!(docs.len(), 2, "one per panel");
    let sheets = judging::score_sheets_pdf(&store, Round::Preliminary, Some(&docs[0].1.panel_name)).unwrap();
    assert!(sheets.starts_with(b"%PDF"));
    if let Some(text) = pdftotext(&sheets, dir.path()) {
        assert!(text.contains("赵评一") && text.contains("评委签字"));
        assert!(!text.contains("身份证"), "no personal data");
    }
    // 全部评审组: every panel's sheets in one PDF (it used to refuse).
    let all = judging::score_sheets_pdf(&store, Round::Preliminary, None).unwrap();
    if let Some(text) = pdftotext(&all, dir.path()) {
        for (_, d) in &docs {
            assert!(text.contains(&format!("评审组：{}", d.panel_name)), "{} printed", d.panel_name);
        }
    }
}

fn judge_id(store: &Store, name: &str) -> i64 {
    store.conn().query_row("SELECT id FROM judges WHERE name = ?1", [name], |r| r.get(0)).unwrap()
}

/// The final's sheets follow the roadshow order of the latest draw and mark a confirmed 回避 on that judge's
/// sheet only; a panel without judges is named when every panel is printed.
#[test]
fn printed_sheets_follow_the_draw_and_mark_confirmed_recusals() {
    let (mut store, dir) = contest();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let filled = dir.path().join("f.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |_, _, _, _| {});
    saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    saiwu_core::actions::judging::advance(&mut store, 4, "秘书处", now()).unwrap();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Final, Some(3), now()).unwrap();
    let d = saiwu_core::actions::judging::draw(&mut store, Round::Final, Group::Enterprise, 99, "秘书处", now()).unwrap();
    let drawn: Vec<String> = d.order.iter().map(|e| e.project_no.clone()).collect();
    let mut sorted = drawn.clone();
    sorted.sort();
    assert_ne!(drawn, sorted, "seed 99 gives an order other than the list order");
    let panel = judging::panels(&store, Round::Final).unwrap().into_iter().find(|p| p.name.starts_with("企业组")).unwrap();
    let judge = panel.judges[0].name.clone();
    saiwu_core::actions::judging::declare_conflict(&mut store, Round::Final, panel.judges[0].id, &drawn[1], "评委为该企业顾问", "秘书处", now())
        .unwrap();

    let docs = judging::score_sheet_docs(&store, Round::Final).unwrap();
    let doc = &docs.iter().find(|(_, d)| d.panel_name == panel.name).unwrap().1;
    let group = doc.groups.iter().find(|g| g.group_label == "企业组").unwrap();
    assert_eq!(group.entries.iter().map(|e| e.project_no.clone()).collect::<Vec<_>>(), drawn, "roadshow order");
    assert_eq!(group.entries[1].recused, vec![judge.clone()]);
    assert!(group.entries.iter().enumerate().all(|(i, e)| i == 1 || e.recused.is_empty()));

    let pdf = judging::score_sheets_pdf(&store, Round::Final, Some(&panel.name)).unwrap();
    if let Some(text) = pdftotext(&pdf, dir.path()) {
        assert_eq!(text.matches("已确认回避").count(), 1, "only the recused judge's sheet marks it:\n{text}");
        let first = text.find(&drawn[0]).unwrap();
        assert!(first < text.find(&drawn[1]).unwrap() && text.find(&drawn[1]).unwrap() < text.find(&drawn[2]).unwrap());
    }

    // A panel without judges is named, not silently skipped.
    let empty = saiwu_core::actions::judging::create_panel(&mut store, Round::Final, "备用组", now()).unwrap();
    let err = judging::score_sheets_pdf(&store, Round::Final, None).unwrap_err();
    assert!(err.to_string().contains("备用组"), "{err}");
    saiwu_core::actions::judging::delete_panel(&mut store, empty).unwrap();
    assert!(judging::score_sheets_pdf(&store, Round::Final, None).unwrap().starts_with(b"%PDF"));
}

#[test]
fn auto_panels_take_the_asked_number_of_judges_in_turn() {
    let (mut store, _dir) = contest();
    for bad in [0, 8] {
        let err = saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, Some(bad), now()).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT", "{err}");
        assert!(err.to_string().contains("1 到 7"), "{err}");
    }
    assert!(judging::panels(&store, Round::Preliminary).unwrap().is_empty(), "nothing made when refused");
    let panels = saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, Some(4), now()).unwrap();
    assert_eq!(panels.len(), 2);
    assert!(panels.iter().all(|p| p.judges.len() == 4));
    let ids: Vec<Vec<i64>> = panels.iter().map(|p| p.judges.iter().map(|j| j.id).collect()).collect();
    // Seven judges, two panels of four: the second panel starts where the first stopped (one judge shared).
    let shared = ids[0].iter().filter(|j| ids[1].contains(j)).count();
    assert_eq!(shared, 1, "{ids:?}");
}

/// A round configured as totals-only keys one 总分 per judge and entry, exports and prints only 总分,
/// and ranks on those totals; a sheet without criteria is a 总分 out of 100.
#[test]
fn a_totals_only_round_keys_totals_and_ranks_on_them() {
    let (mut store, dir) = contest();
    let mut st = saiwu_core::settings::load(&store).unwrap();
    st.total_only_rounds = vec![Round::Preliminary];
    saiwu_core::actions::settings::save(&mut store, &st, now()).unwrap();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, Some(3), now()).unwrap();
    let grid = judging::grid(&store, Round::Preliminary, judge_id(&store, "赵评一"), 1).unwrap();
    assert!(grid.total_only);
    assert!(!judging::grid(&store, Round::Final, judge_id(&store, "赵评一"), 1).unwrap().total_only);

    // The workbook has only 总分; filled with totals it imports and ranks.
    let blank = dir.path().join("blank.xlsx");
    judging::export_score_workbook(&store, Round::Preliminary, &blank).unwrap();
    let read = saiwu_core::import::workbook::read(&blank).unwrap();
    let head: Vec<String> = read.sheets[0].rows[0].iter().map(|c| c.display()).collect();
    assert!(head.contains(&"总分".to_string()) && !head.iter().any(|h| h.contains("市场前景")), "{head:?}");

    let entries = judging::round_entries(&store, Round::Preliminary).unwrap();
    let panels = judging::panels(&store, Round::Preliminary).unwrap();
    let e = entries.iter().find(|e| e.group == Some(Group::Startup)).unwrap();
    let p = panels.iter().find(|p| p.entries.contains(&e.key)).unwrap();
    for (i, j) in p.judges.iter().enumerate() {
        let v = ScoreValue::Total { total: 8000 + 150 * i as i64 };
        saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, j.id, &e.project_no, 1, &v, "甲", "", now()).unwrap();
    }
    let r = judging::ranking(&store, Round::Preliminary).unwrap();
    let ranked = r.iter().flat_map(|g| g.entries.iter()).find(|x| x.key == e.key).unwrap();
    assert!(ranked.complete);
    assert_eq!(ranked.score_display.as_deref(), Some("81.50"));

    // The printed sheet has no criterion columns.
    let pdf = judging::score_sheets_pdf(&store, Round::Preliminary, Some(&p.name)).unwrap();
    if let Some(text) = pdftotext(&pdf, dir.path()) {
        assert!(text.contains("总分") && !text.contains("市场前景"));
    }

    // A sheet without criteria is valid: a 总分 out of 100.
    st.score_sheets.retain(|s| s.group != Group::Startup);
    st.score_sheets.push(saiwu_core::settings::ScoreSheet { group: Group::Startup, criteria: vec![] });
    st.total_only_rounds.clear();
    saiwu_core::actions::settings::save(&mut store, &st, now()).unwrap();
    let j = p.judges[0].id;
    let over = ScoreValue::Total { total: 100_01 };
    assert_eq!(
        saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, j, &e.project_no, 1, &over, "甲", "改", now()).unwrap_err().code(),
        "INVALID_INPUT"
    );
    let ok = ScoreValue::Total { total: 95_00 };
    assert!(saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, j, &e.project_no, 1, &ok, "甲", "改", now()).unwrap());
}

/// 检查 of a score file lists the hand-keyed scores it would change; importing refuses until confirmed.
#[test]
fn a_score_file_overwriting_hand_keyed_scores_is_named_and_needs_confirmation() {
    let (mut store, dir) = contest();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let entries = judging::round_entries(&store, Round::Preliminary).unwrap();
    let (e0, e1) = (&entries[0], &entries[1]);
    let n = saiwu_core::settings::load(&store).unwrap().score_sheet(e0.group.unwrap()).unwrap().criteria.len();
    let jid = judge_id(&store, "赵评一");
    // Hand-keyed: one value that the file repeats exactly is no overwrite; it is the other that counts.
    let file = dir.path().join("f.xlsx");
    filled_sheet(&store, Round::Preliminary, &file, |_, _, _, _| {});
    let same = judging::validate_scores_file(&store, Round::Preliminary, &file).unwrap();
    assert!(same.overwrites.is_empty());
    assert_eq!(same.written, same.rows, "the check says what would be written");
    let keyed = ScoreValue::Criteria { values: vec![500; n] };
    saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, jid, &e0.project_no, 1, &keyed, "王录入", "", now()).unwrap();

    let check = judging::validate_scores_file(&store, Round::Preliminary, &file).unwrap();
    assert!(check.problems.is_empty());
    assert_eq!(check.overwrites.len(), 1, "{:?}", check.overwrites);
    let o = &check.overwrites[0];
    assert_eq!((o.judge_name.as_str(), o.project_no.as_str(), o.keyed_by.as_str()), ("赵评一", e0.project_no.as_str(), "王录入"));
    assert!(o.stored.starts_with(&format!("{}.00", 5 * n)), "{}", o.stored);
    assert_ne!(o.stored, o.incoming);

    let before = score_count(&store);
    let err = saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &file, "录入员", false, now()).unwrap_err();
    assert_eq!(err.code(), "CONFLICT", "{err}");
    assert!(err.to_string().contains("赵评一") && err.to_string().contains(&e0.project_no), "{err}");
    assert_eq!(score_count(&store), before, "nothing stored");
    let r = saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &file, "录入员", true, now()).unwrap();
    assert!(r.applied);
    assert_eq!(r.overwrites.len(), 1);
    // A score written by a file is not hand-keyed: a corrected file may replace it without asking.
    filled_sheet(&store, Round::Preliminary, &file, |ei, ji, _, cells| {
        if ei == 1 && ji == 1 {
            cells[0] = "1".into();
        }
    });
    let again = judging::validate_scores_file(&store, Round::Preliminary, &file).unwrap();
    assert!(again.overwrites.is_empty(), "{:?}", again.overwrites);
    assert_eq!(again.written, 1, "the corrected cell of {} would be written", e1.project_no);
}

/// 回避 confirmed in the 初赛 stand in the 决赛 for the same judge and entry, shown as carried over; several
/// suggestions are dismissed at once with one reason, all or nothing, audited.
#[test]
fn confirmed_conflicts_carry_to_the_final_and_suggestions_dismiss_in_bulk() {
    let (mut store, dir) = contest();
    let e = judging::round_entries(&store, Round::Preliminary).unwrap().into_iter().find(|e| e.group == Some(Group::Enterprise)).unwrap();
    // Two judges tied to the same entrant: two suggestions for the entry.
    let entrant = Some(e.entrant_name.as_str());
    add_judges(&store, &[("冯评八", entrant), ("陈评九", entrant)], now());
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    saiwu_core::actions::judging::suggest_conflicts(&mut store, Round::Preliminary, now()).unwrap();
    let list = judging::conflicts(&store, Round::Preliminary).unwrap();
    let feng = list.iter().find(|c| c.judge_name == "冯评八" && c.project_no == e.project_no).unwrap().id;
    let chen = list.iter().find(|c| c.judge_name == "陈评九" && c.project_no == e.project_no).unwrap().id;
    saiwu_core::actions::judging::decide_conflict(&mut store, feng, true, "秘书处", now()).unwrap();

    // Bulk dismissal: refused whole when one id is not a suggestion; reason required.
    let others: Vec<i64> = list.iter().filter(|c| c.id != feng && c.id != chen).map(|c| c.id).collect();
    let err =
        saiwu_core::actions::judging::dismiss_conflicts(&mut store, Round::Preliminary, &[chen, feng], "同名不同人", "秘书处", now()).unwrap_err();
    assert_eq!(err.code(), "CONFLICT", "{err}");
    assert_eq!(judging::conflicts(&store, Round::Preliminary).unwrap().iter().find(|c| c.id == chen).unwrap().status, "suggested");
    let err = saiwu_core::actions::judging::dismiss_conflicts(&mut store, Round::Preliminary, &[chen], " ", "秘书处", now()).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    let audit_before: i64 = store.conn().query_row("SELECT count(*) FROM audit_log WHERE tbl = 'conflicts'", [], |r| r.get(0)).unwrap();
    let mut ids = vec![chen];
    ids.extend(&others);
    let n = saiwu_core::actions::judging::dismiss_conflicts(&mut store, Round::Preliminary, &ids, "工作单位同名，已电话核实无关", "秘书处", now())
        .unwrap();
    assert_eq!(n, ids.len());
    let after = judging::conflicts(&store, Round::Preliminary).unwrap();
    for id in &ids {
        let c = after.iter().find(|c| c.id == *id).unwrap();
        assert_eq!(
            (c.status.as_str(), c.note.as_deref(), c.decided_by.as_deref()),
            ("dismissed", Some("工作单位同名，已电话核实无关"), Some("秘书处"))
        );
    }
    let audit_after: i64 = store.conn().query_row("SELECT count(*) FROM audit_log WHERE tbl = 'conflicts'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit_after - audit_before, ids.len() as i64, "each dismissal is in the audit log");

    // To the final: the confirmed 回避 is carried when the final's panels are made; the dismissed one is not.
    let filled = dir.path().join("f.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |_, _, _, _| {});
    saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    saiwu_core::actions::judging::adjust_advancement(&mut store, &e.project_no, true, "测试", "秘书处", now()).unwrap();
    assert!(judging::conflicts(&store, Round::Final).unwrap().is_empty());
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Final, None, now()).unwrap();
    let fin = judging::conflicts(&store, Round::Final).unwrap();
    assert_eq!(fin.len(), 1, "{fin:?}");
    assert_eq!((fin[0].judge_name.as_str(), fin[0].project_no.as_str(), fin[0].status.as_str()), ("冯评八", e.project_no.as_str(), "confirmed"));
    assert_eq!(fin[0].carried_from.as_deref(), Some("沿用初赛回避（秘书处 2026-07-20 确认）"));
    // Computing suggestions for the final keeps it confirmed and does not suggest it again.
    saiwu_core::actions::judging::suggest_conflicts(&mut store, Round::Final, now()).unwrap();
    let fin = judging::conflicts(&store, Round::Final).unwrap();
    let feng_final: Vec<_> = fin.iter().filter(|c| c.judge_name == "冯评八").collect();
    assert_eq!(feng_final.len(), 1);
    assert_eq!(feng_final[0].status, "confirmed");
    let grid = judging::grid(&store, Round::Final, judge_id(&store, "冯评八"), 1).unwrap();
    assert!(grid.rows.iter().find(|r| r.entry_key == e.key).unwrap().conflict.is_some(), "the final's grid shows the 回避");
}

/// Text of a PDF through poppler's pdftotext (fails under CI when it is missing: see support::poppler).
fn pdftotext(pdf: &[u8], _dir: &Path) -> Option<String> {
    crate::support::pdf_text(pdf)
}

/// An entry without a group that a person ruled 符合 takes part in the rounds under 组别未知: its
/// group is null in the JSON (no made-up code), and a draw or a tie decision needs a real group.
#[test]
fn an_entry_without_a_group_is_ranked_under_an_unknown_group() {
    let (store, _dir) = contest();
    // export_v1 has none: take the group off an eligible entry's column (what every reader reads).
    let no_group = judging::round_entries(&store, Round::Preliminary).unwrap().pop().unwrap().key;
    store.conn().execute("UPDATE entries SET group_code = NULL WHERE key = ?1", [&no_group]).unwrap();
    let entries = judging::round_entries(&store, Round::Preliminary).unwrap();
    assert_eq!(entries.iter().find(|e| e.key == no_group).unwrap().group, None);
    let ranking = judging::ranking(&store, Round::Preliminary).unwrap();
    let unknown = ranking.iter().find(|g| g.group.is_none()).unwrap();
    assert_eq!(unknown.label, "组别未知");
    assert_eq!(ranking.last().unwrap().group, None, "after the settings' groups");
    let json = serde_json::to_value(unknown).unwrap();
    assert_eq!(json["group"], serde_json::Value::Null);
    assert_eq!(json["entries"][0]["group"], serde_json::Value::Null);
    let named = serde_json::to_value(&ranking[0]).unwrap();
    assert_eq!(named["group"], "enterprise");
    assert_eq!(named["entries"][0]["group"], "enterprise");
}

/// The optional 复赛 (SPEC §12): refused while off; once on, the 初赛's top N enter it, its confirmed 回避 come
/// from the 初赛, the 决赛 is taken from the 复赛's ranking (and its 回避 from the 复赛), and the dashboard walks
/// the three rounds.
#[test]
fn the_semifinal_sits_between_the_rounds_and_feeds_the_final() {
    use saiwu_core::actions::judging as act;
    let (mut store, dir) = contest();
    let err = judging::round_entries(&store, Round::Semifinal).unwrap_err();
    assert_eq!(err.code(), "PRECONDITION");
    assert!(err.to_string().contains("rounds.semifinal"), "{err}");
    assert_eq!(act::create_panel(&mut store, Round::Semifinal, "复赛组", now()).unwrap_err().code(), "PRECONDITION");
    assert_eq!(act::advance_to(&mut store, Round::Semifinal, 5, "秘书处", now()).unwrap_err().code(), "PRECONDITION");
    saiwu_core::actions::settings::set(&mut store, "rounds.semifinal", "true", now()).unwrap();

    act::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let filled = dir.path().join("p.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |_, _, _, _| {});
    act::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    let r = act::advance_to(&mut store, Round::Semifinal, 5, "秘书处", now()).unwrap();
    assert_eq!(r.top_n, 5);
    let semi = judging::round_entries(&store, Round::Semifinal).unwrap();
    let advanced: usize = r.groups.iter().map(|g| g.advanced.len()).sum();
    assert_eq!(semi.len(), advanced);
    assert!(judging::round_entries(&store, Round::Final).unwrap().is_empty(), "nothing in the 决赛 yet");
    assert!(judging::advancement(&store, Round::Semifinal).unwrap().iter().all(|a| a.reason.starts_with("初赛")));

    // A 回避 confirmed in the 初赛 for a 复赛 entry is carried when the 复赛's panels are made.
    // The last 复赛 entry: the reversed 复赛 scores below put it first in its group, so it reaches the 决赛.
    let x = semi.last().unwrap().clone();
    let zhao = judge_id(&store, "赵评一");
    act::declare_conflict(&mut store, Round::Preliminary, zhao, &x.project_no, "曾任该企业顾问", "秘书处", now()).unwrap();
    act::auto_panels(&mut store, Round::Semifinal, None, now()).unwrap();
    let carried = judging::conflicts(&store, Round::Semifinal).unwrap();
    assert_eq!(carried.len(), 1, "{carried:?}");
    assert_eq!(carried[0].carried_from.as_deref(), Some("沿用初赛回避（秘书处 2026-07-20 确认）"));

    // The 复赛 scored with 赵评一 standing aside on X; reversed from the 初赛 so the 决赛 shows its source.
    let filled = dir.path().join("s.xlsx");
    filled_sheet(&store, Round::Semifinal, &filled, |ei, ji, no, cells| {
        if ji == 0 && no == x.project_no {
            cells[0] = "回避".into();
        } else {
            for c in cells.iter_mut() {
                let v: f64 = c.parse().unwrap();
                *c = (v * (0.5 + ei as f64 / 20.0)).floor().to_string();
            }
        }
    });
    act::import_scores(&mut store, Round::Semifinal, &filled, "录入员", false, now()).unwrap();
    let ranking = judging::ranking(&store, Round::Semifinal).unwrap();
    let r = act::advance_to(&mut store, Round::Final, 2, "秘书处", now()).unwrap();
    let mut expected: Vec<String> = ranking
        .iter()
        .flat_map(|g| g.entries.iter().filter(|e| e.rank.is_some_and(|r| r <= 2) && !e.tie_unresolved))
        .map(|e| e.project_no.clone())
        .collect();
    let mut finals: Vec<String> = judging::round_entries(&store, Round::Final).unwrap().into_iter().map(|e| e.project_no).collect();
    expected.sort();
    finals.sort();
    assert_eq!(finals, expected, "{:?}", r.groups.iter().map(|g| &g.summary).collect::<Vec<_>>());
    assert!(judging::advancement(&store, Round::Final).unwrap().iter().all(|a| a.reason.starts_with("复赛")));
    // A manual change to the 决赛 must name a 复赛 entry.
    let outsider = judging::round_entries(&store, Round::Preliminary).unwrap().into_iter().find(|e| !semi.iter().any(|s| s.key == e.key)).unwrap();
    let err = act::adjust_advancement_to(&mut store, Round::Final, &outsider.project_no, true, "增补", "主任", now()).unwrap_err();
    assert_eq!(err.code(), "NOT_IN_ROUND", "{err}");

    // The 决赛's 回避 come from the 复赛 (which carried the 初赛's).
    assert!(finals.contains(&x.project_no), "{finals:?}");
    act::auto_panels(&mut store, Round::Final, None, now()).unwrap();
    let fin = judging::conflicts(&store, Round::Final).unwrap();
    assert_eq!(fin.len(), 1, "{fin:?}");
    assert_eq!(fin[0].carried_from.as_deref(), Some("沿用复赛回避（秘书处 2026-07-20 确认）"));

    // The dashboard: a distribution per round and the 复赛's steps between the 初赛 and the 决赛.
    let d = saiwu_core::overview::dashboard(&store).unwrap();
    let rounds: Vec<Round> = d.score_distributions.iter().map(|s| s.round).collect();
    assert_eq!(rounds, [Round::Preliminary, Round::Semifinal, Round::Final]);
    let keys: Vec<&str> = d.progress.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(&keys[3..8], ["preliminary", "semifinal_advancement", "semifinal", "advancement", "final"]);
    let step = |k: &str| d.progress.iter().find(|p| p.key == k).unwrap();
    assert_eq!(step("semifinal_advancement").detail, format!("{} 个项目进入复赛", semi.len()));
    assert_eq!(step("advancement").detail, format!("{} 个项目进入决赛", finals.len()));

    // Work in the 复赛: it cannot be switched off.
    let err = saiwu_core::actions::settings::set(&mut store, "rounds.semifinal", "false", now()).unwrap_err();
    assert_eq!(err.code(), "PRECONDITION");
}

/// 入围通知 with a 复赛 held: the letters go to the 复赛's entries, name the 复赛 and the 初赛 before it.
#[test]
fn advance_letters_name_the_semifinal_when_it_is_held() {
    use saiwu_core::season::letters::{self, LetterKind, LetterTemplate};
    let (mut store, dir) = contest();
    saiwu_core::actions::settings::set(&mut store, "rounds.semifinal", "true", now()).unwrap();
    saiwu_core::actions::judging::auto_panels(&mut store, Round::Preliminary, None, now()).unwrap();
    let filled = dir.path().join("p.xlsx");
    filled_sheet(&store, Round::Preliminary, &filled, |_, _, _, _| {});
    saiwu_core::actions::judging::import_scores(&mut store, Round::Preliminary, &filled, "录入员", false, now()).unwrap();
    saiwu_core::actions::judging::advance_to(&mut store, Round::Semifinal, 3, "秘书处", now()).unwrap();

    let semi: Vec<String> = judging::round_entries(&store, Round::Semifinal).unwrap().into_iter().map(|e| e.project_no).collect();
    let list = letters::ready(&store, LetterKind::Advance).unwrap();
    let mut got: Vec<String> = list.iter().map(|l| l.project_no.clone()).collect();
    let mut want = semi.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want, "one 入围通知 per 复赛 entry");
    assert!(list.iter().all(|l| l.round == Some(Round::Semifinal) && l.round_label == "复赛"), "{list:?}");
    let s = saiwu_core::settings::load(&store).unwrap();
    let v = letters::values(&list[0], &LetterTemplate::for_kind(LetterKind::Advance), &s);
    assert_eq!((v["轮次"].as_str(), v["上一轮"].as_str()), ("复赛", "初赛"));
}
