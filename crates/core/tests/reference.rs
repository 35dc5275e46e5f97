//! Reference lists through the importer, and the rules that need them: the lists written here name
//! entries of the generated export, so each rule must find exactly those.
use std::path::{Path, PathBuf};

use chrono::DateTime;
use rust_xlsxwriter::Workbook;
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::reference::{self, RefKind};
use saiwu_core::rules::Outcome;
use saiwu_core::screening;
use saiwu_core::{entries, Store};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sheet(path: &Path, title: Option<&str>, header: &[&str], rows: &[Vec<String>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut r = 0;
    if let Some(t) = title {
        ws.write_string(0, 0, t).unwrap();
        r = 2;
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string(r, c as u16, *h).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r + 1 + i as u32, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn finding(vs: &[screening::EntryVerdict], no: &str, rule: &str) -> (Outcome, String) {
    let v = vs.iter().find(|v| v.project_no.as_deref() == Some(no)).unwrap();
    let f = v.findings.iter().find(|f| f.rule == rule).unwrap();
    (f.outcome, f.message.clone())
}

#[test]
fn lists_make_their_rules_checked_and_find_the_named_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-07-12T09:00:00+08:00").unwrap();
    import::apply(&mut store, &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() }, now, &mut |_| {}).unwrap();
    let all = entries::list(&store).unwrap();
    let company = all.iter().find(|e| e.credit_code.is_some() && e.project_no.as_deref() == Some("CZ2026-00001")).unwrap();
    let with_id = all.iter().find(|e| e.leader.as_ref().and_then(|l| l.id_number.clone()).is_some() && e.project_no != company.project_no).unwrap();

    let before = screening::check(&store).unwrap();
    assert_eq!(finding(&before, "CZ2026-00001", "R03").0, Outcome::Unchecked);

    // 近三届省赛获奖名单, with a title row and one row that is this year's entry again.
    let winners = dir.path().join("省赛获奖.xlsx");
    sheet(
        &winners,
        Some("近三届“创客中国”山西省大赛获奖名单"),
        &["年份", "组别", "项目名称", "企业名称", "统一社会信用代码", "奖项"],
        &[
            vec!["2025".into(), "企业组".into(), company.project_name.clone().unwrap(), company.entrant_name.clone().unwrap(), company.credit_code.clone().unwrap(), "二等奖".into()],
            vec!["2021".into(), "企业组".into(), "很久以前的项目".into(), "某某公司".into(), "".into(), "一等奖".into()],
            vec!["二〇二四".into(), "创客组".into(), "年份写错的项目".into(), "某团队".into(), "".into(), "优胜奖".into()],
        ],
    );
    let r = reference::import(&mut store, RefKind::ProvincialWinners, &winners, now).unwrap();
    assert_eq!(r.rows, 3);
    assert_eq!(r.problems.len(), 1, "the year 二〇二四 is reported: {:?}", r.problems);
    assert_eq!(r.problems[0].row, Some(6));
    assert_eq!(r.problems[0].column.as_deref(), Some("A 年份"));

    // 失信名单 naming one leader's ID number.
    let list = dir.path().join("失信名单.xlsx");
    let leader = with_id.leader.clone().unwrap();
    sheet(&list, None, &["姓名", "身份证号", "列入日期", "来源"], &[vec![leader.name.clone().unwrap_or_default(), leader.id_number.clone().unwrap(), "2025-03-01".into(), "信用中国".into()]]);
    reference::import(&mut store, RefKind::Dishonesty, &list, now).unwrap();

    let after = screening::check(&store).unwrap();
    let (o, m) = finding(&after, "CZ2026-00001", "R03");
    assert_eq!(o, Outcome::Fail, "{m}");
    assert!(m.contains("2025年") && m.contains("二等奖"), "{m}");
    let (o, m) = finding(&after, with_id.project_no.as_deref().unwrap(), "R09");
    assert_eq!(o, Outcome::Fail, "{m}");
    assert!(m.contains("2025-03-01") && m.contains("信用中国"), "{m}");
    let warnings = screening::unchecked_summary(&after);
    assert!(!warnings.iter().any(|w| w.starts_with("R03") || w.starts_with("R09")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.starts_with("R16")));

    // Importing a list again replaces it.
    sheet(&list, None, &["姓名", "身份证号"], &[]);
    let again = reference::import(&mut store, RefKind::Dishonesty, &list, now).unwrap();
    assert_eq!((again.rows, again.replaced), (0, 1));
    let (o, _) = finding(&screening::check(&store).unwrap(), with_id.project_no.as_deref().unwrap(), "R09");
    assert_eq!(o, Outcome::Pass);

    // A file that is not this list is refused with its name; nothing changes.
    let e = reference::import(&mut store, RefKind::OtherAwards, &root().join("fixtures/handmade/no_header.xlsx"), now).unwrap_err();
    assert!(e.to_string().contains("no_header.xlsx"), "{e}");
    assert!(reference::rows(&store, RefKind::OtherAwards).unwrap().is_none());
    assert_eq!(RefKind::parse("judges-x").unwrap_err().code(), "INVALID_INPUT");
    // An entries export is not a dishonesty list, however many of its columns look like one.
    let e = reference::import(&mut store, RefKind::Dishonesty, &root().join("fixtures/generated/export_v1.xlsx"), now).unwrap_err();
    assert!(e.to_string().contains("看起来是报名表"), "{e}");
    assert_eq!(reference::rows(&store, RefKind::Dishonesty).unwrap().map(|r| r.len()), Some(0));
}
