//! Team members end to end (SPEC §12 Members): an ID or phone typed against a name, and names in one
//! column with their IDs / phones in others in the same order, through a real import, the entries
//! list (`saiwu entries --json`) and R12 (one person, one team).
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rust_xlsxwriter::Workbook;
use saiwu_core::import::{self, ApplyRequest, ImportResult};
use saiwu_core::model::Outcome;
use saiwu_core::screening::{self, EntryVerdict};
use saiwu_core::{entries, Store};
use serde_json::Value;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap()
}

// Valid check characters (GB 11643), made-up people.
const ZHANG: &str = "140402199001011235";
const LI: &str = "140403199205061230";
const WANG: &str = "11010519491231002X";
const SUN: &str = "14040419850101123X";

const HEADER: &[&str] = &["项目编号", "参赛组别", "项目名称", "团队名称", "项目负责人", "团队核心成员", "核心成员身份证号", "成员手机号"];

fn write(path: &Path, rows: &[[&str; 8]]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn import_rows(rows: &[[&str; 8]]) -> (tempfile::TempDir, Store, ImportResult) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let file = dir.path().join("成员.xlsx");
    write(&file, rows);
    let res = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file, ..Default::default() }, now(), &mut |_| {}).unwrap();
    (dir, store, res)
}

/// The entries as `saiwu entries --json` prints them, by project number.
fn entries_json(store: &Store) -> HashMap<String, Value> {
    let list = serde_json::to_value(entries::list(store).unwrap()).unwrap();
    list.as_array().unwrap().iter().map(|e| (e["project_no"].as_str().unwrap().to_string(), e.clone())).collect()
}

/// (name, id) of each member.
fn members(e: &Value) -> Vec<(String, Option<String>, Option<String>)> {
    e["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap_or("").to_string(), m["id_number"].as_str().map(Into::into), m["phone"].as_str().map(Into::into)))
        .collect()
}

fn r12(verdicts: &[EntryVerdict], no: &str) -> (Outcome, String) {
    let v = verdicts.iter().find(|v| v.project_no.as_deref() == Some(no)).unwrap();
    let f = v.findings.iter().find(|f| f.rule == "R12").unwrap();
    (f.outcome, f.message.clone())
}

fn m(name: &str, id: Option<&str>, phone: Option<&str>) -> (String, Option<String>, Option<String>) {
    (name.into(), id.map(Into::into), phone.map(Into::into))
}

#[test]
fn parallel_id_column_pairs_by_position_and_r12_finds_the_shared_person() {
    let ids_a = format!("{ZHANG}；{LI}\n{WANG}");
    let ids_b = format!("{LI}、{SUN}");
    let (_d, store, res) = import_rows(&[
        ["CK001", "创业组", "项目甲", "甲团队", "张三", "张三、李四，王五", &ids_a, ""],
        ["CK002", "创业组", "项目乙", "乙团队", "孙七", "李四/孙七", &ids_b, "138 1234 5678、139-0000-1111"],
    ]);
    let all = entries_json(&store);
    assert_eq!(members(&all["CK001"]), [m("张三", Some(ZHANG), None), m("李四", Some(LI), None), m("王五", Some(WANG), None)]);
    assert_eq!(members(&all["CK002"]), [m("李四", Some(LI), Some("13812345678")), m("孙七", Some(SUN), Some("13900001111"))]);
    // Paired values are the members' now, not left over in extra.
    assert!(all["CK001"]["extra"].get("核心成员身份证号").is_none(), "{}", all["CK001"]["extra"]);
    assert!(!res.problems.iter().any(|p| p.code == "MEMBERS_COUNT_MISMATCH"), "{:?}", res.problems);

    let verdicts = screening::check(&store).unwrap();
    for no in ["CK001", "CK002"] {
        let (outcome, msg) = r12(&verdicts, no);
        assert_eq!(outcome, Outcome::Review, "{no}: {msg}");
        assert!(msg.contains("李四（身份证号相同）"), "{no}: {msg}");
    }
    assert!(r12(&verdicts, "CK001").1.contains("乙团队") || r12(&verdicts, "CK001").1.contains("CK002"), "{}", r12(&verdicts, "CK001").1);
}

#[test]
fn an_id_glued_to_a_name_is_split_reported_and_caught_by_r12() {
    let glued = format!("张三{ZHANG}、钱八13700001111");
    let ids_a = format!("{ZHANG}、{LI}");
    let (_d, store, res) = import_rows(&[
        ["CK001", "创业组", "项目甲", "甲团队", "张三", "张三、李四", &ids_a, ""],
        ["CK002", "创业组", "项目丙", "丙团队", "钱八", &glued, "", ""],
    ]);
    let all = entries_json(&store);
    assert_eq!(members(&all["CK002"]), [m("张三", Some(ZHANG), None), m("钱八", None, Some("13700001111"))]);
    for e in all.values() {
        for (name, _, _) in members(e) {
            assert!(!name.chars().any(|c| c.is_ascii_digit()), "a name keeps digits: {name}");
        }
    }
    // Each split is a warning naming the row and the column, with the ID masked.
    let split: Vec<_> = res.problems.iter().filter(|p| p.code.starts_with("MEMBER_") && p.code.ends_with("_SPLIT")).collect();
    assert_eq!(split.len(), 2, "{:?}", res.problems);
    for p in &split {
        assert_eq!((p.row, p.column.as_deref(), p.severity.as_str()), (Some(3), Some("F 团队核心成员"), "warning"), "{p:?}");
        assert!(!p.message.contains(ZHANG), "{}", p.message);
    }
    assert!(split.iter().any(|p| p.code == "MEMBER_ID_SPLIT" && p.message.contains("张三") && p.message.contains("140402********1235")));
    assert!(split.iter().any(|p| p.code == "MEMBER_PHONE_SPLIT" && p.message.contains("钱八")));
    // The problems are stored with the import too (the window's problem list reads them back).
    let stored = import::problems(&store, None).unwrap();
    assert_eq!(stored.iter().filter(|p| p.code == "MEMBER_ID_SPLIT").count(), 1);

    let verdicts = screening::check(&store).unwrap();
    for no in ["CK001", "CK002"] {
        let (outcome, msg) = r12(&verdicts, no);
        assert_eq!(outcome, Outcome::Review, "{no}: {msg}");
        assert!(msg.contains("张三（身份证号相同）"), "{no}: {msg}");
    }
}

#[test]
fn a_count_mismatch_names_both_cells_and_guesses_no_ids() {
    let ids = format!("{ZHANG}、{LI}");
    let other = LI.to_string();
    let (_d, store, res) = import_rows(&[
        ["CK001", "创业组", "项目甲", "甲团队", "郑一", "郑一、冯二、陈三", &ids, "13812345678"],
        ["CK002", "创业组", "项目乙", "乙团队", "李四", "李四", &other, ""],
    ]);
    let all = entries_json(&store);
    // Names kept, no ID and no phone guessed onto them; the columns' text stays in extra.
    assert_eq!(members(&all["CK001"]), [m("郑一", None, None), m("冯二", None, None), m("陈三", None, None)]);
    assert_eq!(all["CK001"]["extra"]["核心成员身份证号"], Value::from(ids.clone()));
    assert_eq!(all["CK001"]["extra"]["成员手机号"], Value::from("13812345678"));
    let mism: Vec<_> = res.problems.iter().filter(|p| p.code == "MEMBERS_COUNT_MISMATCH").collect();
    assert_eq!(mism.len(), 2, "{:?}", res.problems);
    let id_problem = mism.iter().find(|p| p.column.as_deref() == Some("G 核心成员身份证号")).expect("names the ID cell");
    assert_eq!(id_problem.row, Some(2));
    for needle in ["团队核心成员", "F 列", "核心成员身份证号", "G 列", "3 名成员", "2 个身份证号"] {
        assert!(id_problem.message.contains(needle), "{needle}: {}", id_problem.message);
    }
    assert!(mism.iter().any(|p| p.column.as_deref() == Some("H 成员手机号") && p.message.contains("1 个手机号")));
    // LI's ID was not put on anybody in CK001, so CK002's 李四 is on one team only.
    let verdicts = screening::check(&store).unwrap();
    assert_eq!(r12(&verdicts, "CK002").0, Outcome::Pass, "{}", r12(&verdicts, "CK002").1);
    // …and the entry whose IDs could not be paired goes to a person (R14), since R12 cannot see them.
    let ck1 = verdicts.iter().find(|v| v.project_no.as_deref() == Some("CK001")).unwrap();
    let r14 = ck1.findings.iter().find(|f| f.rule == "R14").unwrap();
    assert_eq!(r14.outcome, Outcome::Review, "{}", r14.message);
    assert!(r14.message.contains("G 核心成员身份证号"), "{}", r14.message);
    assert_eq!(members(&all["CK002"]), [m("李四", Some(LI), None)]);
}

#[test]
fn inner_space_names_stay_whole_and_titles_split_off() {
    let (_d, store, _) =
        import_rows(&[["CK001", "创业组", "项目甲", "甲团队", "欧阳娜娜", "欧阳 娜娜（队长）、张\u{3000}三 CTO、李四 经理", "", ""]]);
    let all = entries_json(&store);
    assert_eq!(members(&all["CK001"]), [m("欧阳娜娜", None, None), m("张三", None, None), m("李四", None, None)]);
}

#[test]
fn an_id_glued_to_a_name_on_a_members_sheet_is_split_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let file = dir.path().join("成员表.xlsx");
    let mut wb = Workbook::new();
    let main = wb.add_worksheet().set_name("报名表").unwrap();
    for (c, h) in ["项目编号", "参赛组别", "项目名称", "团队名称", "项目负责人"].iter().enumerate() {
        main.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["CZ-901", "创业组", "智能灌溉", "绿野团队", "李四"].iter().enumerate() {
        main.write_string(1, c as u16, *v).unwrap();
    }
    let sheet = wb.add_worksheet().set_name("团队成员").unwrap();
    for (c, h) in ["项目编号", "姓名", "身份证号"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "CZ-901").unwrap();
    sheet.write_string(1, 1, format!("张三{ZHANG}")).unwrap();
    sheet.write_string(2, 0, "CZ-901").unwrap();
    sheet.write_string(2, 1, "李四").unwrap();
    sheet.write_string(2, 2, LI).unwrap();
    wb.save(&file).unwrap();
    let res = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file, ..Default::default() }, now(), &mut |_| {}).unwrap();
    let all = entries_json(&store);
    let got = members(&all["CZ-901"]);
    assert!(got.contains(&m("张三", Some(ZHANG), None)), "{got:?}");
    assert!(got.iter().all(|(n, _, _)| !n.chars().any(|c| c.is_ascii_digit())), "{got:?}");
    let split = res.problems.iter().find(|p| p.code == "MEMBER_ID_SPLIT").expect("the split is reported");
    assert_eq!(split.sheet, "团队成员");
    assert_eq!(split.row, Some(2));
}
