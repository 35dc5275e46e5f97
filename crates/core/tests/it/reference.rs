//! Reference lists through the importer, and the rules that need them: the lists written here name
//! entries of the generated export, so each rule must find exactly those.
use std::path::{Path, PathBuf};

use crate::support::root;
use chrono::DateTime;
use rust_xlsxwriter::Workbook;
use saiwu_core::import::ApplyRequest;
use saiwu_core::model::Outcome;
use saiwu_core::reference::{self, RefImportOptions, RefKind};
use saiwu_core::screening;
use saiwu_core::{entries, judges, Store};

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
    saiwu_core::actions::import::apply(
        &mut store,
        &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() },
        now,
        &mut |_| {},
    )
    .unwrap();
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
            vec![
                "2025".into(),
                "企业组".into(),
                company.project_name.clone().unwrap(),
                company.entrant_name.clone().unwrap(),
                company.credit_code.clone().unwrap(),
                "二等奖".into(),
            ],
            vec!["2021".into(), "企业组".into(), "很久以前的项目".into(), "某某公司".into(), "".into(), "一等奖".into()],
            vec!["二〇二四".into(), "创客组".into(), "年份写错的项目".into(), "某团队".into(), "".into(), "优胜奖".into()],
        ],
    );
    let r = saiwu_core::actions::reference::import(&mut store, RefKind::ProvincialWinners, &winners, now).unwrap();
    assert_eq!(r.rows, 3);
    assert_eq!(r.problems.len(), 1, "the year 二〇二四 is reported: {:?}", r.problems);
    assert_eq!(r.problems[0].row, Some(6));
    assert_eq!(r.problems[0].column.as_deref(), Some("A 年份"));

    // 失信名单 naming one leader's ID number.
    let list = dir.path().join("失信名单.xlsx");
    let leader = with_id.leader.clone().unwrap();
    sheet(
        &list,
        None,
        &["姓名", "身份证号", "列入日期", "来源"],
        &[vec![leader.name.clone().unwrap_or_default(), leader.id_number.clone().unwrap(), "2025-03-01".into(), "信用中国".into()]],
    );
    saiwu_core::actions::reference::import(&mut store, RefKind::Dishonesty, &list, now).unwrap();

    let after = screening::check(&store).unwrap();
    let (o, m) = finding(&after, "CZ2026-00001", "R03");
    assert_eq!(o, Outcome::Fail, "{m}");
    assert!(m.contains("2025年") && m.contains("二等奖"), "{m}");
    let (o, m) = finding(&after, with_id.project_no.as_deref().unwrap(), "R09");
    assert_eq!(o, Outcome::Fail, "{m}");
    assert!(m.contains("2025-03-01") && m.contains("信用中国"), "{m}");
    // The list import re-screened: the stored history of that entry names the dishonesty list.
    let hist = screening::history(&store, with_id.project_no.as_deref().unwrap()).unwrap();
    assert!(hist.last().unwrap().trigger.contains("失信名单"), "{:?}", hist.last().unwrap().trigger);
    let warnings = screening::unchecked_summary(&after);
    assert!(!warnings.iter().any(|w| w.starts_with("R03") || w.starts_with("R09")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.starts_with("R16")));

    // Importing a list again replaces it.
    sheet(&list, None, &["姓名", "身份证号"], &[]);
    let again = saiwu_core::actions::reference::import(&mut store, RefKind::Dishonesty, &list, now).unwrap();
    assert_eq!((again.rows, again.replaced), (0, 1));
    let (o, _) = finding(&screening::check(&store).unwrap(), with_id.project_no.as_deref().unwrap(), "R09");
    assert_eq!(o, Outcome::Pass);

    // 追加: the official provincial list imported over the carried one keeps the carried rows (R03 still finds the
    // entry) and adds only what is new; the same file appended again adds nothing; a replacement drops them.
    let official = dir.path().join("省级公布名单.xlsx");
    sheet(
        &official,
        None,
        &["年份", "组别", "项目名称", "企业名称", "统一社会信用代码", "奖项"],
        &[
            vec!["2023".into(), "企业组".into(), "另一个省赛项目".into(), "另一家公司".into(), "".into(), "三等奖".into()],
            vec!["2021".into(), "企业组".into(), "很久以前的项目".into(), "某某公司".into(), "".into(), "一等奖".into()],
        ],
    );
    let stored = |s: &Store| reference::rows(s, RefKind::ProvincialWinners).unwrap().map(|r| r.len());
    assert_eq!(stored(&store), Some(3));
    let add = RefImportOptions { append: true, ..Default::default() };
    let r = saiwu_core::actions::reference::import_with(&mut store, RefKind::ProvincialWinners, &official, &add, now).unwrap();
    assert!(r.appended);
    assert_eq!((r.rows, r.replaced, r.added, r.unchanged, r.kept), (2, 0, Some(1), Some(1), Some(3)), "the 2021 row was there already");
    assert_eq!(stored(&store), Some(4));
    let (o, m) = finding(&screening::check(&store).unwrap(), "CZ2026-00001", "R03");
    assert_eq!(o, Outcome::Fail, "the carried row stays: {m}");
    let r = saiwu_core::actions::reference::import_with(&mut store, RefKind::ProvincialWinners, &official, &add, now).unwrap();
    assert_eq!((r.added, r.unchanged), (Some(0), Some(2)));
    assert_eq!(stored(&store), Some(4));
    let r = saiwu_core::actions::reference::import(&mut store, RefKind::ProvincialWinners, &official, now).unwrap();
    assert!(!r.appended);
    assert_eq!((r.rows, r.replaced, r.added), (2, 4, None));
    assert_eq!(stored(&store), Some(2));
    assert_eq!(finding(&screening::check(&store).unwrap(), "CZ2026-00001", "R03").0, Outcome::Pass);
    // A list that holds a row twice (a replacement stores the file as it is): appending keeps, and counts, both.
    let twice = dir.path().join("重复行.xlsx");
    let row = vec!["2022".into(), "企业组".into(), "重复的项目".into(), "重复公司".into(), "".into(), "二等奖".into()];
    sheet(&twice, None, &["年份", "组别", "项目名称", "企业名称", "统一社会信用代码", "奖项"], &[row.clone(), row]);
    saiwu_core::actions::reference::import(&mut store, RefKind::ProvincialWinners, &twice, now).unwrap();
    assert_eq!(stored(&store), Some(2));
    let r = saiwu_core::actions::reference::import_with(&mut store, RefKind::ProvincialWinners, &official, &add, now).unwrap();
    assert_eq!((r.added, r.unchanged, r.kept), (Some(2), Some(0), Some(2)), "both stored rows are kept and counted");
    assert_eq!(stored(&store), Some(4));

    // A file that is not this list is refused with its name; nothing changes.
    let e =
        saiwu_core::actions::reference::import(&mut store, RefKind::OtherAwards, &root().join("fixtures/handmade/no_header.xlsx"), now).unwrap_err();
    assert!(e.to_string().contains("no_header.xlsx"), "{e}");
    assert!(reference::rows(&store, RefKind::OtherAwards).unwrap().is_none());
    assert_eq!(RefKind::parse("judges-x").unwrap_err().code(), "INVALID_INPUT");
    // An entries export is not a dishonesty list, however many of its columns look like one.
    let e =
        saiwu_core::actions::reference::import(&mut store, RefKind::Dishonesty, &root().join("fixtures/generated/export_v1.xlsx"), now).unwrap_err();
    assert!(e.to_string().contains("看起来是报名表"), "{e}");
    assert_eq!(reference::rows(&store, RefKind::Dishonesty).unwrap().map(|r| r.len()), Some(0));
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T09:00:00+08:00").unwrap()
}

fn judges_file() -> PathBuf {
    root().join("fixtures/handmade/judges.xlsx")
}

#[test]
fn preview_shows_the_automatic_mapping_samples_and_catalogue() {
    let p = reference::preview(RefKind::Judges, &judges_file(), None).unwrap();
    assert_eq!((p.kind.as_str(), p.label.as_str(), p.file.as_str()), ("judges", "评委名单", "judges.xlsx"));
    assert_eq!((p.sheet.as_str(), p.header_row), ("评委名单", 3));
    let fields: Vec<Option<&str>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(fields, [None, Some("name"), Some("organization"), Some("title"), Some("expertise"), Some("phone")]);
    assert_eq!(p.columns[1].header, "评委姓名");
    assert_eq!(p.columns[1].letter, "B");
    assert_eq!(p.columns[1].samples, ["郑思远", "秦晓岚", "  韩立新 "]);
    assert_eq!(p.columns[5].samples[1], "13900000102", "a number-typed phone shows as Excel shows it");
    // The 合计 and 注 lines are not data.
    assert_eq!((p.data_rows, p.rows.len()), (6, 6));
    assert_eq!(p.rows[3][1], "冯雅琴");
    let required: Vec<&str> = p.fields.iter().filter(|f| f.required).map(|f| f.label).collect();
    assert_eq!(required, ["姓名"]);
    assert_eq!(p.fields.len(), 5);
    assert!(p.required_hint.contains("姓名"), "{}", p.required_hint);
    assert!(p.problems.is_empty(), "{:?}", p.problems);

    // A file whose header names only one of the list's fields: the header row is a guess, said so.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("名单.xlsx");
    sheet(&f, None, &["序号", "主体", "号码"], &[vec!["1".into(), "某公司".into(), "91140400MA0K7Q2D3L".into()]]);
    let p = reference::preview(RefKind::Dishonesty, &f, None).unwrap();
    assert_eq!(p.header_row, 1);
    let codes: Vec<&str> = p.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["NO_HEADER", "REQUIRED_UNMAPPED"]);
    assert!(p.problems[1].message.contains("名称或姓名") && p.problems[1].severity == "error", "{:?}", p.problems[1]);
    // Without a mapping the import is refused; with one it goes through.
    let mut store = Store::open_in_memory().unwrap();
    assert!(saiwu_core::actions::reference::import(&mut store, RefKind::Dishonesty, &f, now())
        .unwrap_err()
        .to_string()
        .contains("没有找到失信名单的表头"));
    let opts = RefImportOptions { mapping: Some(vec![(1, "name".into()), (2, "code".into())]), ..Default::default() };
    let r = saiwu_core::actions::reference::import_with(&mut store, RefKind::Dishonesty, &f, &opts, now()).unwrap();
    assert_eq!(r.rows, 1);
    let rows = reference::rows(&store, RefKind::Dishonesty).unwrap().unwrap();
    assert_eq!(reference::text(&rows[0], "code"), Some("91140400MA0K7Q2D3L"));

    // An unknown sheet names the ones there are.
    let e = reference::preview(RefKind::Judges, &judges_file(), Some("Sheet9")).unwrap_err();
    assert!(e.to_string().contains("评委名单"), "{e}");
}

#[test]
fn a_manual_mapping_overrides_the_automatic_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("获奖.xlsx");
    // 企业名称 is taken for 参赛主体 automatically; the real entrant is in 获奖单位 here.
    sheet(
        &f,
        None,
        &["赛事名称", "项目名称", "企业名称", "获奖单位", "奖项", "奖金"],
        &[vec!["市科技创新大赛".into(), "智能巡检".into(), "（牵头单位）".into(), "长治示例科技有限公司".into(), "一等奖".into(), "5000".into()]],
    );
    let p = reference::preview(RefKind::OtherAwards, &f, None).unwrap();
    assert_eq!(p.columns[2].field, Some("entrant_name"));
    assert_eq!(p.columns[3].field, None);

    let mut store = Store::open_in_memory().unwrap();
    saiwu_core::actions::reference::import(&mut store, RefKind::OtherAwards, &f, now()).unwrap();
    let auto = reference::rows(&store, RefKind::OtherAwards).unwrap().unwrap();
    assert_eq!(reference::text(&auto[0], "entrant_name"), Some("（牵头单位）"));
    // 奖金 without a unit in its header is in 元, as the field says.
    assert_eq!(auto[0]["cash"], serde_json::json!(5000.0));

    let mapping = vec![(0, "contest".to_string()), (1, "project_name".into()), (3, "entrant_name".into()), (4, "prize".into())];
    let opts = RefImportOptions { mapping: Some(mapping), ..Default::default() };
    let r = saiwu_core::actions::reference::import_with(&mut store, RefKind::OtherAwards, &f, &opts, now()).unwrap();
    assert_eq!((r.rows, r.replaced), (1, 1));
    let manual = reference::rows(&store, RefKind::OtherAwards).unwrap().unwrap();
    assert_eq!(reference::text(&manual[0], "entrant_name"), Some("长治示例科技有限公司"));
    assert!(manual[0].get("cash").is_none(), "an unlisted column is not imported: {:?}", manual[0]);

    // The sheet and header row can be given too (1-based, as the preview shows them).
    let opts = RefImportOptions { sheet: Some("Sheet1".into()), header_row: Some(1), ..Default::default() };
    assert_eq!(saiwu_core::actions::reference::import_with(&mut store, RefKind::OtherAwards, &f, &opts, now()).unwrap().rows, 1);
    let opts = RefImportOptions { header_row: Some(9), ..Default::default() };
    assert_eq!(saiwu_core::actions::reference::import_with(&mut store, RefKind::OtherAwards, &f, &opts, now()).unwrap_err().code(), "INVALID_INPUT");

    // Mistakes in a mapping are refused in Chinese, naming what is wrong; nothing changes.
    let bad = |m: Vec<(usize, &str)>| {
        let opts = RefImportOptions { mapping: Some(m.into_iter().map(|(i, k)| (i, k.to_string())).collect()), ..Default::default() };
        saiwu_core::actions::reference::import_with(&mut store_for_errors(), RefKind::OtherAwards, &f, &opts, now()).unwrap_err().to_string()
    };
    assert!(bad(vec![(1, "project_name"), (3, "project_name")]).contains("同时对应了 B 列和 D 列"));
    assert!(bad(vec![(1, "project_name"), (2, "no_such")]).contains("no_such"));
    assert!(bad(vec![(1, "project_name"), (40, "prize")]).contains("AO 列"));
}

/// A money header's unit is kept: "奖金（万元）" is read in 万元 (stored in 元), shown as 万元 in the preview,
/// also when the column is mapped by hand; the field's own name carries no unit to contradict it.
#[test]
fn a_money_header_keeps_its_unit() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("获奖.xlsx");
    sheet(
        &f,
        None,
        &["赛事名称", "项目名称", "参赛主体", "奖项", "奖金（万元）", "备注（元）"],
        &[vec!["市科技创新大赛".into(), "智能巡检".into(), "长治示例科技有限公司".into(), "一等奖".into(), "2".into(), "".into()]],
    );
    let p = reference::preview(RefKind::OtherAwards, &f, None).unwrap();
    assert_eq!((p.columns[4].field, p.columns[4].unit), (Some("cash"), Some("万元")));
    assert!(p.fields.iter().any(|fd| fd.key == "cash" && !fd.label.contains('元')), "{:?}", p.fields);
    let mut store = Store::open_in_memory().unwrap();
    saiwu_core::actions::reference::import(&mut store, RefKind::OtherAwards, &f, now()).unwrap();
    let rows = reference::rows(&store, RefKind::OtherAwards).unwrap().unwrap();
    assert_eq!(rows[0]["cash"], serde_json::json!(20000.0));
    let mapping = vec![(0, "contest".to_string()), (1, "project_name".into()), (2, "entrant_name".into()), (3, "prize".into()), (4, "cash".into())];
    let opts = RefImportOptions { mapping: Some(mapping), ..Default::default() };
    saiwu_core::actions::reference::import_with(&mut store, RefKind::OtherAwards, &f, &opts, now()).unwrap();
    let rows = reference::rows(&store, RefKind::OtherAwards).unwrap().unwrap();
    assert_eq!(rows[0]["cash"], serde_json::json!(20000.0));
}

fn store_for_errors() -> Store {
    Store::open_in_memory().unwrap()
}

#[test]
fn an_unmapped_required_field_is_refused_by_name() {
    let mut store = Store::open_in_memory().unwrap();
    let opts = RefImportOptions { mapping: Some(vec![(2, "organization".into()), (5, "phone".into())]), ..Default::default() };
    let e = saiwu_core::actions::reference::import_with(&mut store, RefKind::Judges, &judges_file(), &opts, now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(e.to_string().contains("“姓名”") && e.to_string().contains("评委名单"), "{e}");
    assert!(judges::list(&store).unwrap().is_empty());

    let e = saiwu_core::actions::reference::import_with(
        &mut store,
        RefKind::ProvincialWinners,
        &judges_file(),
        &RefImportOptions { mapping: Some(vec![(1, "prize".into())]), ..Default::default() },
        now(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("“项目名称”或“参赛主体”"), "{e}");
}

#[test]
fn judges_upsert_keeps_ids_and_judges_absent_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let r = saiwu_core::actions::reference::import(&mut store, RefKind::Judges, &judges_file(), now()).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged, r.kept), (Some(6), Some(0), Some(0), Some(0)));
    assert_eq!((r.rows, r.skipped_rows), (6, 3), "blank, 合计 and 注 rows are skipped");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let first = judges::list(&store).unwrap();
    let names: Vec<&str> = first.iter().map(|j| j.name.as_str()).collect();
    assert_eq!(names, ["郑思远", "秦晓岚", "韩立新", "冯雅琴", "褚建平", "卫子涵"]);
    assert_eq!(first[1].phone.as_deref(), Some("13900000102"));
    assert_eq!(first[2].phone.as_deref(), Some("13900000103"));
    assert_eq!(first[3].phone, None);
    assert!(first.iter().all(|j| j.source == "import" && j.active));

    // The same file again changes nothing.
    let again = saiwu_core::actions::reference::import(&mut store, RefKind::Judges, &judges_file(), now()).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged, again.kept), (Some(0), Some(0), Some(6), Some(0)));
    assert_eq!(judges::list(&store).unwrap(), first);

    // A judge added by hand, and one retired; then a new list: one changed, one missing, one new,
    // and a second 郑思远 with another phone (another person).
    let manual = saiwu_core::actions::judges::add(&mut store, &judges::JudgeInput { name: "蒋文博".into(), ..Default::default() }, now()).unwrap();
    saiwu_core::actions::judges::set_active(&mut store, first[4].id, false, now()).unwrap();
    let f = dir.path().join("评委名单（第二版）.xlsx");
    sheet(
        &f,
        None,
        &["姓名", "单位", "职务", "专业", "联系电话"],
        &[
            vec!["郑思远".into(), "长治示范学院".into(), "二级教授".into(), "".into(), "13900000101".into()],
            vec!["韩立新".into(), "".into(), "".into(), "".into(), "".into()],
            vec!["冯雅琴".into(), "示例大学长治校区".into(), "副教授".into(), "电子信息".into(), "13900000104".into()],
            vec!["褚建平".into(), "长治示例会计师事务所".into(), "注册会计师".into(), "财务".into(), "03550000104".into()],
            vec!["卫子涵".into(), "山西示例医药科技有限公司".into(), "高级工程师".into(), "生物医药".into(), "13900000106".into()],
            vec!["郑思远".into(), "山西示例研究所".into(), "".into(), "".into(), "13900000199".into()],
            vec!["韩立新".into(), "".into(), "".into(), "".into(), "".into()],
            vec!["沈一鸣".into(), "长治示例园区".into(), "主任".into(), "".into(), "".into()],
        ],
    );
    let later = chrono::DateTime::parse_from_rfc3339("2026-07-25T10:00:00+08:00").unwrap();
    let r = saiwu_core::actions::reference::import(&mut store, RefKind::Judges, &f, later).unwrap();
    // 郑思远 (title), 冯雅琴 (phone filled in): updated; 韩立新, 褚建平, 卫子涵: unchanged (an empty cell
    // does not clear); the second 郑思远 and 沈一鸣: added; 秦晓岚 and 蒋文博: kept.
    assert_eq!((r.added, r.updated, r.unchanged, r.kept), (Some(2), Some(2), Some(3), Some(2)));
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!((r.problems[0].row, r.problems[0].code.as_str()), (Some(8), "DUPLICATE_IN_FILE"));
    assert!(r.problems[0].message.contains("第 3 行"), "{}", r.problems[0].message);

    let now_list = judges::list(&store).unwrap();
    assert_eq!(now_list.len(), 9);
    for j in &first {
        let same = now_list.iter().find(|x| x.id == j.id).expect("every judge keeps its id");
        assert_eq!(same.name, j.name);
    }
    let zheng = now_list.iter().find(|x| x.id == first[0].id).unwrap();
    assert_eq!((zheng.title.as_deref(), zheng.expertise.as_deref()), (Some("二级教授"), Some("机械工程")));
    assert_eq!(zheng.updated_at, later.to_rfc3339());
    assert_eq!(now_list.iter().find(|x| x.id == first[3].id).unwrap().phone.as_deref(), Some("13900000104"));
    assert_eq!(now_list.iter().find(|x| x.id == first[2].id).unwrap().organization.as_deref(), Some("长治市示例创业投资有限公司"));
    assert!(!now_list.iter().find(|x| x.id == first[4].id).unwrap().active, "an import does not bring back a retired judge");
    assert!(now_list.iter().any(|x| x.id == first[1].id && x.name == "秦晓岚"), "a judge absent from the file is kept");
    assert!(now_list.iter().any(|x| x.id == manual.id && x.source == "manual"));
    assert_eq!(now_list.iter().filter(|x| x.name == "郑思远").count(), 2);

    // The status counts judges; the window's list masks phones.
    let st = reference::status(&store).unwrap();
    let js = st.iter().find(|s| s.kind == "judges").unwrap();
    assert_eq!((js.imported, js.rows, js.label.as_str()), (true, 9, "评委名单"));
    assert_eq!(js.file.as_deref(), Some("评委名单（第二版）.xlsx"));
    assert!(judges::list_for_window(&store).unwrap().iter().filter_map(|j| j.phone.as_deref()).all(|p| p.contains("****")));
    // The rule lists are untouched by a judges import.
    assert!(st.iter().filter(|s| s.kind != "judges").all(|s| !s.imported));
    assert_eq!(reference::rows(&store, RefKind::Judges).unwrap().map(|r| r.len()), Some(9));
}
