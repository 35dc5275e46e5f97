//! Awards from a scored final: quota allocation with a tie across a line held for the committee,
//! cash with the R16 exception, freeze and amendment, the recommendation list, organizing-unit
//! statistics and the lists read back with calamine.

use crate::support::{add_judges, v1_contest};
use calamine::{open_workbook_auto, Data, Reader};
use chrono::{DateTime, FixedOffset};
use saiwu_core::awards::{self, Level};
use saiwu_core::judging::{self, ScoreValue};
use saiwu_core::model::{Group, Round};
use saiwu_core::Store;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-28T15:00:00+08:00").unwrap()
}

/// Final scores (plain mean of three judges, totals only) for seven enterprise finalists:
/// A 90, B 85, C 85 (tied across the 二等奖/三等奖 line), D 80, E 75, F 70, G 65.
/// Quotas: 一等奖1 二等奖1 三等奖1 优胜奖2.
pub(crate) struct Final {
    pub(crate) store: Store,
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) nos: Vec<String>,
}

pub(crate) fn scored_final() -> Final {
    let (mut store, dir) = v1_contest(now());
    add_judges(&store, &[("评委甲", None), ("评委乙", None), ("评委丙", None)], now());
    saiwu_core::actions::settings::set(
        &mut store,
        "award_quotas",
        r#"[{"group":"enterprise","first":1,"second":1,"third":1,"excellence":2},{"group":"startup","first":1,"second":1,"third":1,"excellence":2}]"#,
        now(),
    )
    .unwrap();
    saiwu_core::actions::settings::set(&mut store, "provincial_quotas", r#"[{"group":"enterprise","count":2},{"group":"startup","count":2}]"#, now())
        .unwrap();
    let prelim = judging::round_entries(&store, Round::Preliminary).unwrap();
    let nos: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).take(7).map(|e| e.project_no.clone()).collect();
    for no in &nos {
        saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：直接进入决赛", "秘书处", now()).unwrap();
    }
    let scores = [9000, 8500, 8500, 8000, 7500, 7000, 6500];
    let judges: Vec<i64> = {
        let mut stmt = store.conn().prepare("SELECT id FROM judges ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|x| x.unwrap()).collect()
    };
    for (no, total) in nos.iter().zip(scores) {
        for j in &judges {
            saiwu_core::actions::judging::set_score(&mut store, Round::Final, *j, no, 1, &ScoreValue::Total { total }, "录入员", "", now()).unwrap();
        }
    }
    Final { store, _dir: dir, nos }
}

fn level_of(list: &awards::AwardList, no: &str) -> (Option<Level>, Option<String>) {
    list.awards.iter().find(|a| a.project_no == no).map(|a| (a.level, a.pending_reason.clone())).unwrap_or((None, None))
}

#[test]
fn quota_allocation_holds_a_tie_across_a_line_until_the_committee_decides() {
    let mut f = scored_final();
    let list = awards::awards(&f.store).unwrap();
    assert_eq!(level_of(&list, &f.nos[0]).0, Some(Level::First));
    let (b, reason) = level_of(&list, &f.nos[1]);
    assert_eq!(b, None);
    assert!(reason.unwrap().contains("并列第 2 名"), "held for the committee");
    assert_eq!(level_of(&list, &f.nos[2]).0, None);
    // The third-placed block is at positions 4 and 5: 优胜奖 ×2; the sixth is out.
    assert_eq!(level_of(&list, &f.nos[3]).0, Some(Level::Excellence));
    assert_eq!(level_of(&list, &f.nos[4]).0, Some(Level::Excellence));
    assert!(list.awards.iter().all(|a| a.project_no != f.nos[5]));
    assert!(list.warnings.iter().any(|w| w.contains("并列")));
    // Freezing is refused while a decision is pending.
    assert_eq!(saiwu_core::actions::awards::freeze(&mut f.store, "主任", None, now()).unwrap_err().code(), "PRECONDITION");

    // The committee puts C before B: C 二等奖, B 三等奖.
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[2].clone(), f.nos[1].clone()],
        "评委会投票 4:1",
        "秘书处",
        now(),
    )
    .unwrap();
    let list = awards::awards(&f.store).unwrap();
    assert_eq!(level_of(&list, &f.nos[2]).0, Some(Level::Second));
    assert_eq!(level_of(&list, &f.nos[1]).0, Some(Level::Third));
    // Cash per level and the totals.
    let a = list.awards.iter().find(|a| a.project_no == f.nos[0]).unwrap();
    assert_eq!(a.cash_yuan, Some(30_000));
    let total: i64 = list.totals.iter().map(|t| t.cash_yuan).sum();
    assert_eq!(total, 30_000 + 20_000 + 10_000 + 5_000 * 2);
}

/// Quotas and cash are per group (SPEC §12 `award_quota`, `award_cash`): 企业组's own numbers decide
/// its list and its cash, and the startup group's cash does not leak into it.
#[test]
fn per_group_quota_and_cash_decide_the_list() {
    let mut f = scored_final();
    saiwu_core::actions::settings::set(
        &mut f.store,
        "award_quota",
        r#"{"enterprise":{"first":2,"second":0,"third":0,"excellence":1},"startup":{"first":1,"second":1,"third":1,"excellence":2}}"#,
        now(),
    )
    .unwrap();
    saiwu_core::actions::settings::set(
        &mut f.store,
        "award_cash",
        r#"{"enterprise":{"first":50000,"second":20000,"third":10000,"excellence":4000},"startup":{"first":1,"second":2,"third":3,"excellence":4}}"#,
        now(),
    )
    .unwrap();
    let list = awards::awards(&f.store).unwrap();
    // A 90 alone; B and C tie at 85 across the 一等奖/优胜奖 line of 2 + 1: held.
    let a = list.awards.iter().find(|a| a.project_no == f.nos[0]).unwrap();
    assert_eq!((a.level, a.cash_yuan), (Some(Level::First), Some(50_000)));
    assert!(level_of(&list, &f.nos[1]).1.is_some());
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[1].clone(), f.nos[2].clone()],
        "抽签决定",
        "秘书处",
        now(),
    )
    .unwrap();
    let list = awards::awards(&f.store).unwrap();
    let got: Vec<(Option<Level>, Option<i64>)> = f.nos[..4]
        .iter()
        .map(|no| list.awards.iter().find(|a| &a.project_no == no).map(|a| (a.level, a.cash_yuan)).unwrap_or((None, None)))
        .collect();
    assert_eq!(got, [(Some(Level::First), Some(50_000)), (Some(Level::First), Some(50_000)), (Some(Level::Excellence), Some(4_000)), (None, None)]);
    let total: i64 = list.totals.iter().filter(|t| t.group == Group::Enterprise).map(|t| t.cash_yuan).sum();
    assert_eq!(total, 104_000);
}

#[test]
fn r16_flag_means_no_cash() {
    let mut f = scored_final();
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[1].clone(), f.nos[2].clone()],
        "抽签决定",
        "秘书处",
        now(),
    )
    .unwrap();
    // An other-awards list naming the first-placed entrant and project.
    let e = judging::round_entries(&f.store, Round::Final).unwrap().into_iter().find(|e| e.project_no == f.nos[0]).unwrap();
    let path = f._dir.path().join("other.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["赛事名称", "项目名称", "参赛主体", "奖项", "奖金"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["长治市某某创新大赛", e.project_name.as_str(), e.entrant_name.as_str(), "一等奖", "20000"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(&path).unwrap();
    saiwu_core::actions::reference::import(&mut f.store, saiwu_core::reference::RefKind::OtherAwards, &path, now()).unwrap();
    let list = awards::awards(&f.store).unwrap();
    let a = list.awards.iter().find(|a| a.project_no == f.nos[0]).unwrap();
    assert_eq!(a.level, Some(Level::First), "the prize stands");
    assert_eq!(a.cash_yuan, Some(0), "but no cash");
    assert!(a.no_cash_reason.as_deref().unwrap().contains("R16"));
}

#[test]
fn freeze_then_only_amendments_change_the_list() {
    let mut f = scored_final();
    let err = saiwu_core::actions::awards::amend(&mut f.store, &f.nos[5], Some(Level::Excellence), "x", "主任", now()).unwrap_err();
    assert_eq!(err.code(), "PRECONDITION", "nothing to amend before the freeze: {err}");
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[1].clone(), f.nos[2].clone()],
        "评委会投票",
        "秘书处",
        now(),
    )
    .unwrap();
    let hash = saiwu_core::actions::awards::freeze(&mut f.store, "主任", None, now()).unwrap();
    assert_eq!(hash.len(), 64);
    let err = saiwu_core::actions::awards::freeze(&mut f.store, "主任", None, now()).unwrap_err();
    assert_eq!(err.code(), "FROZEN", "frozen once: {err}");
    assert!(err.to_string().contains("已经锁定"), "{err}");

    // A score changes after the freeze: the frozen list stands, and the difference is reported.
    let j: i64 = f.store.conn().query_row("SELECT min(id) FROM judges", [], |r| r.get(0)).unwrap();
    saiwu_core::actions::judging::set_score(
        &mut f.store,
        Round::Final,
        j,
        &f.nos[6],
        1,
        &ScoreValue::Total { total: 9900 },
        "录入员",
        "评委更正",
        now(),
    )
    .unwrap();
    let list = awards::awards(&f.store).unwrap();
    assert!(list.live_differs);
    assert!(list.frozen.as_ref().unwrap().intact);
    assert!(list.awards.iter().all(|a| a.project_no != f.nos[6]), "not in the frozen list");

    // An amendment with a reason adds it; a withdrawal removes one.
    saiwu_core::actions::awards::amend(&mut f.store, &f.nos[6], Some(Level::Excellence), "评分更正后经评审委员会审定增补", "主任", now()).unwrap();
    saiwu_core::actions::awards::amend(&mut f.store, &f.nos[4], None, "取消资格（剽窃）", "主任", now()).unwrap();
    assert!(saiwu_core::actions::awards::amend(&mut f.store, &f.nos[0], Some(Level::First), "同", "主任", now()).is_err(), "no-op refused");
    let list = awards::awards(&f.store).unwrap();
    assert_eq!(level_of(&list, &f.nos[6]).0, Some(Level::Excellence));
    assert!(list.awards.iter().all(|a| a.project_no != f.nos[4]));
    assert_eq!(list.frozen.as_ref().unwrap().amendments.len(), 2);
    // 取消资格 after the freeze: the award is withdrawn by an amendment that says why; the entry leaves the final.
    saiwu_core::actions::screening::disqualify(&mut f.store, &f.nos[0], "剽窃他人创新成果", "主任", now()).unwrap();
    let list = awards::awards(&f.store).unwrap();
    assert!(list.awards.iter().all(|a| a.project_no != f.nos[0]));
    let last = list.frozen.as_ref().unwrap().amendments.last().unwrap();
    assert_eq!(last.old_level, Some(Level::First));
    assert!(last.reason.starts_with("取消资格"));
    assert!(judging::round_entries(&f.store, Round::Final).unwrap().iter().all(|e| e.project_no != f.nos[0]));
    let v = saiwu_core::screening::check(&f.store).unwrap().into_iter().find(|v| v.project_no.as_deref() == Some(f.nos[0].as_str())).unwrap();
    assert!(v.disqualified.unwrap().contains("剽窃"));
    // The frozen rows cannot be edited behind the app's back — and tampering is detected.
    assert!(f.store.conn().execute("UPDATE award_sets SET data = '[]'", []).is_err());
    assert!(f.store.conn().execute("DELETE FROM award_amendments", []).is_err());
}

#[test]
fn recommendation_units_and_lists() {
    let mut f = scored_final();
    let rec = awards::recommendation(&f.store).unwrap();
    // Quota 2: A is in; B and C tie across the line.
    let inc: Vec<&str> = rec.entries.iter().filter(|e| e.included).map(|e| e.project_no.as_str()).collect();
    assert_eq!(inc, vec![f.nos[0].as_str()]);
    assert!(rec.entries.iter().filter(|e| e.pending).count() == 2);
    saiwu_core::actions::awards::set_recommendation(&mut f.store, &f.nos[1], true, "评审委员会决定推荐", "主任", now()).unwrap();
    let rec = awards::recommendation(&f.store).unwrap();
    let b = rec.entries.iter().find(|e| e.project_no == f.nos[1]).unwrap();
    assert!(b.included && b.manual);
    assert!(rec.entries.iter().find(|e| e.project_no == f.nos[2]).unwrap().pending);

    let stats = awards::unit_stats(&f.store).unwrap();
    assert!(stats.iter().map(|s| s.entries).sum::<usize>() == 240);
    assert!(stats.windows(2).all(|w| (w[0].awards, w[0].finalists, w[0].valid) >= (w[1].awards, w[1].finalists, w[1].valid)));
    let top = stats[0].unit.clone();
    saiwu_core::actions::awards::choose_unit(&mut f.store, &top, true, "组织报名数量多、获奖多", "主任", now()).unwrap();
    assert!(awards::unit_stats(&f.store).unwrap()[0].chosen);

    // Lists read back: 公示名单 has exactly group, prize, project, entrant (no personal data).
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[1].clone(), f.nos[2].clone()],
        "投票",
        "秘书处",
        now(),
    )
    .unwrap();
    let dir = f._dir.path();
    let p = dir.join("gs.xlsx");
    assert_eq!(awards::publicity_xlsx(&f.store, &p).unwrap(), 5);
    let mut wb = open_workbook_auto(&p).unwrap();
    let r = wb.worksheet_range("公示名单").unwrap();
    let head: Vec<String> = r.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(head, vec!["序号", "组别", "奖项", "项目名称", "参赛主体"]);
    assert_eq!(r.height(), 6);
    assert!(matches!(r.get((1, 0)), Some(Data::Float(_))), "numbers as numbers");
    assert_eq!(r.get((1, 2)).unwrap().to_string(), "一等奖");
    let looks_personal = |s: &str| {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        d.len() >= 11 && (d.starts_with('1') || d.len() >= 15)
    };
    assert!(r.rows().flatten().all(|c| !looks_personal(&c.to_string())), "no phone or ID numbers");

    let p = dir.join("hj.xlsx");
    awards::awards_xlsx(&f.store, &p).unwrap();
    let mut wb = open_workbook_auto(&p).unwrap();
    let r = wb.worksheet_range("合计").unwrap();
    let last = r.rows().last().unwrap();
    assert_eq!(last[0].to_string(), "总计");
    assert_eq!(last[3], Data::Float(70_000.0), "30000 + 20000 + 10000 + 2 × 5000");

    let p = dir.join("tj.xlsx");
    awards::recommendation_xlsx(&f.store, &p).unwrap();
    awards::units_xlsx(&f.store, &p).unwrap();
    let pdfs = [awards::publicity_pdf(&f.store).unwrap(), awards::recommendation_pdf(&f.store).unwrap(), awards::signoff_pdf(&f.store).unwrap()];
    assert!(pdfs.iter().all(|b| b.starts_with(b"%PDF")));
    // Through the shared poppler check: a missing pdftotext fails under CI instead of passing quietly.
    if let Some(text) = crate::support::pdf_text(&pdfs[2]) {
        assert!(text.contains("评委甲") && text.contains("公证员") && text.contains("监督人"), "{text}");
        assert!(text.contains("90.00") && text.contains("一等奖"));
    }
}

/// From a scored final to the certificates: every award and chosen unit gets a number, the award
/// list shows it, the batch and single PDFs are written; 取消资格 voids the certificate for good.
#[test]
fn certificates_from_the_award_list() {
    use saiwu_core::certificates;
    let mut f = scored_final();
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[1].clone(), f.nos[2].clone()],
        "评委会投票",
        "秘书处",
        now(),
    )
    .unwrap();
    let unit = awards::unit_stats(&f.store).unwrap()[0].unit.clone();
    saiwu_core::actions::awards::choose_unit(&mut f.store, &unit, true, "组织得力", "主任", now()).unwrap();
    let mut t = certificates::template(&f.store).unwrap();
    t.date = Some(chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap());
    let t = saiwu_core::actions::certificates::save_template(&mut f.store, &t, now()).unwrap();
    assert!(t.contest_name.contains("长治"), "the contest's name comes from the settings");
    let (subjects, waiting) = certificates::subjects(&f.store).unwrap();
    assert!(waiting.is_empty());
    assert_eq!(subjects.len(), 6, "five awards and one unit");
    saiwu_core::actions::certificates::issue(&mut f.store, &subjects, &t, now()).unwrap();
    let list = awards::awards(&f.store).unwrap();
    let first = list.awards.iter().find(|a| a.project_no == f.nos[0]).unwrap();
    assert_eq!(first.certificate_no.as_deref(), Some("CZCK2026-QY-001"));
    let dir = f._dir.path().join("证书");
    let w = saiwu_core::actions::certificates::write_all(&mut f.store, &dir, &t, "秘书处", now()).unwrap();
    assert_eq!(w.certificates, 6);
    assert!(dir.join("证书-全部.pdf").is_file() && dir.join("CZCK2026-QY-001.pdf").is_file());

    saiwu_core::actions::screening::disqualify(&mut f.store, &f.nos[0], "剽窃", "主任", now()).unwrap();
    let c = certificates::get(&f.store, "CZCK2026-QY-001").unwrap();
    assert!(c.voided_at.is_some());
    assert!(c.void_reason.unwrap().contains("取消资格"));
    // Re-issuing gives nobody the voided number again.
    let (subjects, _) = certificates::subjects(&f.store).unwrap();
    let issued = saiwu_core::actions::certificates::issue(&mut f.store, &subjects, &t, now()).unwrap();
    assert!(issued.iter().all(|c| c.number != "CZCK2026-QY-001"));
}
