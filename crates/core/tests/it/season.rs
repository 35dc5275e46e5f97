//! The season after the scores (issue #12, SPEC §12): objections hold the award list until they are closed
//! (or overridden with a reason), an upheld one can withdraw the entry with its award; provincial results
//! only for recommended projects; follow-up records with their next contact and the overdue list; the
//! follow-up export read back; every table audited.
use crate::awards::scored_final;
use calamine::{open_workbook_auto, Data, DataType, Reader};
use chrono::{DateTime, FixedOffset, NaiveDate};
use saiwu_core::actions::season::{self as act, FollowUpInput};
use saiwu_core::awards;
use saiwu_core::model::{FollowUpKind, Group, ObjectionOutcome, ProvincialOutcome, Round};
use saiwu_core::season;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-08-02T10:00:00+08:00").unwrap()
}

fn settle_tie(f: &mut crate::awards::Final) {
    let order = [f.nos[1].clone(), f.nos[2].clone()];
    saiwu_core::actions::judging::decide_tie(&mut f.store, Round::Final, Group::Enterprise, &order, "评委会投票", "秘书处", now()).unwrap();
}

#[test]
fn an_open_objection_holds_the_award_list_until_closed_or_overridden() {
    let mut f = scored_final();
    settle_tie(&mut f);
    let first = f.nos[0].clone();
    let id = act::add_objection(&mut f.store, &first, "长治市某科技有限公司", "2026/8/1", "该项目核心技术与我公司专利相同", now()).unwrap();
    let list = season::objections(&f.store).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].id, list[0].entry.as_str(), list[0].received.as_str(), list[0].status.as_str()), (id, first.as_str(), "2026-08-01", "open"));

    // Refused while open, with a message that says what to do; allowed with a reason, kept beside the set.
    let err = saiwu_core::actions::awards::freeze(&mut f.store, "主任", None, now()).unwrap_err();
    assert_eq!(err.code(), "PRECONDITION");
    assert!(err.to_string().contains("1 条公示异议"), "{err}");
    assert!(saiwu_core::actions::awards::freeze(&mut f.store, "主任", Some("  "), now()).is_err(), "a blank reason is no reason");

    // Closing: the handling is required; an upheld objection may withdraw the entry.
    assert_eq!(act::close_objection(&mut f.store, id, ObjectionOutcome::Upheld, " ", None, now()).unwrap_err().field(), Some("handling"));
    let err = act::close_objection(&mut f.store, id, ObjectionOutcome::Rejected, "经核查不成立", Some("主任"), now()).unwrap_err();
    assert_eq!(err.field(), Some("outcome"), "only an upheld objection withdraws the entry: {err}");
    let o = act::close_objection(&mut f.store, id, ObjectionOutcome::Upheld, "经核查，项目剽窃他人成果", Some("主任"), now()).unwrap();
    assert_eq!(
        (o.status.as_str(), o.outcome, o.closed_at.as_deref(), o.linked.as_deref()),
        ("closed", Some(ObjectionOutcome::Upheld), Some("2026-08-02"), Some("disqualified"))
    );
    assert_eq!(act::close_objection(&mut f.store, id, ObjectionOutcome::Upheld, "再次", None, now()).unwrap_err().code(), "CONFLICT");
    let v = saiwu_core::screening::check(&f.store).unwrap().into_iter().find(|v| v.project_no.as_deref() == Some(first.as_str())).unwrap();
    assert!(v.disqualified.unwrap().contains("公示异议成立"), "the disqualification names the objection");
    let list = awards::awards(&f.store).unwrap();
    assert!(list.awards.iter().all(|a| a.project_no != first), "the withdrawn entry has no award");

    // Nothing open now: the list freezes without a reason.
    saiwu_core::actions::awards::freeze(&mut f.store, "主任", None, now()).unwrap();
}

#[test]
fn a_reasoned_override_freezes_with_an_objection_open() {
    let mut f = scored_final();
    settle_tie(&mut f);
    act::add_objection(&mut f.store, &f.nos[3], "张某", "2026-08-01", "对评分有异议", now()).unwrap();
    saiwu_core::actions::awards::freeze(&mut f.store, "主任", Some("异议仅涉及优胜奖，经组委会同意先行锁定"), now()).unwrap();
    let frozen = awards::awards(&f.store).unwrap().frozen.unwrap();
    assert_eq!(
        saiwu_core::store::season::override_reason(f.store.conn(), frozen.id).unwrap().as_deref(),
        Some("异议仅涉及优胜奖，经组委会同意先行锁定")
    );
    // A received date after today, an unknown project and a blank source are refused, naming the field.
    assert_eq!(act::add_objection(&mut f.store, &f.nos[3], "张某", "2026-08-03", "x", now()).unwrap_err().field(), Some("received"));
    assert_eq!(act::add_objection(&mut f.store, "NO-SUCH", "张某", "2026-08-01", "x", now()).unwrap_err().code(), "NOT_FOUND");
    assert_eq!(act::add_objection(&mut f.store, &f.nos[3], " ", "2026-08-01", "x", now()).unwrap_err().field(), Some("from"));
}

#[test]
fn provincial_results_only_for_recommended_projects() {
    let mut f = scored_final();
    settle_tie(&mut f);
    let rec = awards::recommendation(&f.store).unwrap();
    let inside: Vec<String> = rec.entries.iter().filter(|e| e.included).map(|e| e.project_no.clone()).collect();
    assert!(!inside.is_empty());
    let outside = f.nos.iter().find(|n| !inside.contains(n)).unwrap().clone();
    assert_eq!(act::set_provincial(&mut f.store, &outside, ProvincialOutcome::First, now()).unwrap_err().code(), "PRECONDITION");
    act::set_provincial(&mut f.store, &inside[0], ProvincialOutcome::Third, now()).unwrap();
    act::set_provincial(&mut f.store, &inside[0], ProvincialOutcome::parse("二等奖").unwrap(), now()).unwrap();
    let rows = season::provincial(&f.store).unwrap();
    assert_eq!(rows.len(), inside.len());
    let r = rows.iter().find(|r| r.project_no == inside[0]).unwrap();
    assert_eq!((r.outcome, r.outcome_label.as_deref()), (Some(ProvincialOutcome::Second), Some("二等奖")), "replaced, not added");
    assert!(rows.iter().filter(|r| r.project_no != inside[0]).all(|r| r.outcome.is_none()));
}

#[test]
fn followups_list_the_overdue_and_export() {
    let mut f = scored_final();
    let (a, b) = (f.nos[0].clone(), f.nos[1].clone());
    let add = |store: &mut saiwu_core::Store, entry: &str, date: &str, kind: FollowUpKind, note: &str, amount: Option<f64>, next: Option<&str>| {
        act::add_followup(store, &FollowUpInput { entry, date, kind, note, amount_wan: amount, next_due: next }, now())
    };
    add(&mut f.store, &a, "2026-08-10", FollowUpKind::Contact, "电话回访，了解融资需求", None, Some("2026-09-01")).unwrap();
    add(&mut f.store, &a, "2026-09-01", FollowUpKind::Financing, "对接银行授信", Some(500.0), Some("2026-10-15")).unwrap();
    add(&mut f.store, &b, "2026-08-12", FollowUpKind::Matching, "参加产融对接会", None, Some("2026-09-20")).unwrap();
    // Refusals name the field.
    assert_eq!(add(&mut f.store, &a, "2026-09-01", FollowUpKind::Note, "x", None, Some("2026-08-01")).unwrap_err().field(), Some("next_due"));
    assert_eq!(add(&mut f.store, &a, "九月", FollowUpKind::Note, "x", None, None).unwrap_err().field(), Some("date"));
    assert_eq!(add(&mut f.store, &a, "2026-09-01", FollowUpKind::Note, "x", Some(-1.0), None).unwrap_err().field(), Some("amount_wan"));
    assert_eq!(add(&mut f.store, &a, "2026-09-01", FollowUpKind::Note, " ", None, None).unwrap_err().field(), Some("note"));

    let all = season::followups(&f.store, None, None).unwrap();
    assert_eq!(all.iter().map(|f| f.date.as_str()).collect::<Vec<_>>(), ["2026-08-10", "2026-08-12", "2026-09-01"]);
    assert_eq!(season::followups(&f.store, Some(&a), None).unwrap().len(), 2);
    // On 10/1: a's latest record says 10/15 (not due), b's says 9/20 (overdue); a's older 9/1 does not count.
    let due = season::followups(&f.store, None, Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap())).unwrap();
    assert_eq!(due.iter().map(|f| f.entry.as_str()).collect::<Vec<_>>(), [b.as_str()]);
    let due = season::followups(&f.store, None, Some(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap())).unwrap();
    assert_eq!(due.len(), 2);

    act::set_growth_flag(&mut f.store, &a, Some("fast"), "营业收入同比增长 80%", now()).unwrap();
    assert_eq!(act::set_growth_flag(&mut f.store, &b, Some("fast"), " ", now()).unwrap_err().field(), Some("reason"));
    let path = f._dir.path().join("followup.xlsx");
    assert!(!saiwu_core::export::registry::find("followup").unwrap().personal);
    let done = saiwu_core::export::registry::run(&f.store, "followup", &path, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.count, Some(3));
    let mut wb = open_workbook_auto(&path).unwrap();
    let sheet = wb.worksheet_range("跟踪服务记录").unwrap();
    let row = |r: u32| (0..7).map(|c| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty)).collect::<Vec<_>>();
    assert_eq!(row(0)[0], Data::String("项目编号".into()));
    assert_eq!(row(3)[3], Data::String("融资".into()));
    assert_eq!(row(3)[5], Data::Float(500.0), "money as a number");
    let flags = wb.worksheet_range("成长快潜力大").unwrap();
    assert_eq!(flags.get_value((1, 2)), Some(&Data::String("成长快".into())));
}

#[test]
fn season_tables_are_audited() {
    let mut f = scored_final();
    act::add_followup(
        &mut f.store,
        &FollowUpInput { entry: &f.nos[0], date: "2026-08-10", kind: FollowUpKind::Contact, note: "回访", amount_wan: None, next_due: None },
        now(),
    )
    .unwrap();
    act::add_objection(&mut f.store, &f.nos[1], "李某", "2026-08-01", "异议", now()).unwrap();
    let n: i64 = f
        .store
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE tbl IN ('followups', 'objections') AND op = 'insert'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    let report = saiwu_core::actions::audit::verify(&f.store, None, now()).unwrap();
    assert!(report.ok, "{report:?}");
}

#[test]
fn the_season_summary_adds_up_in_xlsx_and_pdf() {
    let mut f = scored_final();
    settle_tie(&mut f);
    let rec = awards::recommendation(&f.store).unwrap();
    let first_rec = rec.entries.iter().find(|e| e.included).unwrap().project_no.clone();
    act::set_provincial(&mut f.store, &first_rec, ProvincialOutcome::National, now()).unwrap();
    act::add_followup(
        &mut f.store,
        &FollowUpInput {
            entry: &f.nos[0],
            date: "2026-09-01",
            kind: FollowUpKind::Financing,
            note: "银行授信",
            amount_wan: Some(300.0),
            next_due: None,
        },
        now(),
    )
    .unwrap();
    let entries = saiwu_core::entries::list_rows(&f.store).unwrap().into_iter().filter(|r| !r.missing).count();
    let list = awards::awards(&f.store).unwrap();
    let awarded = list.awards.iter().filter(|a| a.level.is_some()).count();
    let cash: i64 = list.totals.iter().map(|t| t.cash_yuan).sum();

    let path = f._dir.path().join("summary.xlsx");
    let done = saiwu_core::export::registry::run(&f.store, "summary", &path, None).unwrap();
    assert_eq!(done.count, Some(9), "{}", done.message);
    let mut wb = open_workbook_auto(&path).unwrap();
    let sheet = wb.worksheet_range("概况").unwrap();
    let value = |label: &str| {
        (0..sheet.height() as u32)
            .find(|r| sheet.get_value((*r, 0)) == Some(&Data::String(label.into())))
            .and_then(|r| sheet.get_value((r, 1)).cloned())
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(value("报名项目"), Data::Float(entries as f64));
    assert_eq!(value("获奖项目"), Data::Float(awarded as f64));
    assert_eq!(value("奖金合计（元）"), Data::Float(cash as f64));
    assert_eq!(value("省赛获奖（含推荐国赛）"), Data::Float(1.0));
    assert_eq!(value("跟踪项目涉及金额（万元）"), Data::Float(300.0));
    // The county sheet adds up to every entry; the rules sheet names rules with their Chinese names.
    let county = wb.worksheet_range("按县区").unwrap();
    let sum: f64 = (1..county.height() as u32).filter_map(|r| county.get_value((r, 1))).filter_map(|d| d.get_float()).sum();
    assert_eq!(sum, entries as f64);
    let rules = wb.worksheet_range("资格审查按规则").unwrap();
    assert!((1..rules.height() as u32).any(|r| rules.get_value((r, 0)) == Some(&Data::String("R05 企业规模".into()))));
    let prov = wb.worksheet_range("推荐省赛与省赛结果").unwrap();
    assert!((1..prov.height() as u32).any(|r| prov.get_value((r, 4)) == Some(&Data::String("推荐国赛".into()))));

    let pdf = saiwu_core::season::summary::summary_pdf(&f.store).unwrap();
    if let Some(text) = crate::support::pdf_text(&pdf) {
        let flat = crate::support::flat(&text);
        for part in [
            "工作总结数据",
            "概况",
            "按组织单位",
            "按县区",
            "按组别和领域",
            "资格审查（按规则）",
            "获奖与奖金",
            "推荐省赛与省赛结果",
            "跟踪服务",
            "R05企业规模",
            "推荐国赛",
        ] {
            assert!(flat.contains(part), "the PDF lacks {part}");
        }
    }
}
