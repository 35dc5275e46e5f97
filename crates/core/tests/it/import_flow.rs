//! The importer end to end on small workbooks written here, so each case is visible in the test:
//! title rows, totals and notes rows, messy cells, re-import, undo, atomicity, profiles.
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rust_xlsxwriter::{Format, Workbook};
use saiwu_core::import::{self, ApplyRequest, MappingChoice};
use saiwu_core::{entries, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap()
}

const HEADER: &[&str] = &[
    "序号",
    "项目编号",
    "参赛组别",
    "项目名称",
    "企业名称",
    "统一社会信用代码",
    "成立日期",
    "从业人员（人）",
    "上年营业收入（元）",
    "产品是否已进入市场",
    "项目负责人",
    "负责人身份证号",
    "负责人手机",
    "推荐单位",
    "报名时间",
    "项目简介",
];

enum V<'a> {
    S(&'a str),
    N(f64),
    E,
}

fn write(path: &Path, rows: &[Vec<V>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("报名项目").unwrap();
    ws.write_string(0, 0, "第十一届“创客中国”长治市中小企业创新创业大赛报名项目汇总表").unwrap();
    ws.write_string(1, 0, "导出时间：2026-07-11 09:30:00").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (4 + r as u32, c as u16);
            match v {
                V::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                V::N(n) if c == 6 => {
                    ws.write_number_with_format(r, c, *n, &date_fmt).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::E => {}
            }
        }
    }
    let last = 4 + rows.len() as u32 + 1;
    ws.write_string(last, 0, "合计：共 3 项").unwrap();
    ws.write_string(last + 1, 0, "注：本表由国家大赛平台导出。").unwrap();
    wb.save(path).unwrap();
}

use V::*;

fn base_rows() -> Vec<Vec<V<'static>>> {
    vec![
        vec![
            N(1.0),
            S("CK2026001"),
            S("企业组"),
            S("智能巡检机器人"),
            S("长治市智巡科技有限公司"),
            S("91140491MAK2TX345N"),
            N(45356.0),
            S("120人"),
            S("12,345,678"),
            S("是"),
            S("王建国"),
            S("11010519491231002x"),
            N(13812345678.0),
            S("长治高新区经济运行与安全监管部"),
            S("2026-07-09 18:22:05"),
            S("巡检"),
        ],
        vec![E],
        vec![
            N(2.0),
            S("CK2026002"),
            S("创客组"),
            S("高效单晶电池技术"),
            S("长治学院光伏团队"),
            E,
            E,
            E,
            E,
            S("×"),
            S("李娜"),
            N(1.40402199001011e17),
            S("139 0000 1111"),
            S("长治学院"),
            S("2026/7/10 23:59:59"),
            E,
        ],
        vec![
            N(3.0),
            S("CK2026003"),
            S("企业组"),
            S("上党中药材溯源平台"),
            S("长治市上党药业有限公司"),
            S("９１１４０４０３ＭＡ０Ｃ２Ｗ４Ｘ１Ｗ"),
            S("2019年3月5日"),
            N(-3.0),
            S("500万元"),
            S("有"),
            S("赵强"),
            S("340524198001010013"),
            S("13700001111"),
            S("上党区工信局"),
            S("2026-07-11 08:00:00"),
            E,
        ],
    ]
}

fn setup() -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let file = dir.path().join("报名导出.xlsx");
    write(&file, &base_rows());
    (dir, store, file)
}

fn apply(store: &mut Store, file: &Path) -> import::ImportResult {
    saiwu_core::actions::import::apply(store, &ApplyRequest { path: file.into(), ..Default::default() }, now(), &mut |_| {}).unwrap()
}

#[test]
fn preview_finds_the_header_below_title_rows() {
    let (_d, store, file) = setup();
    let p = import::preview(&store, &file, None, None).unwrap();
    assert_eq!(p.header_row, 4);
    assert_eq!(p.sheet, "报名项目");
    assert_eq!(p.data_rows, 3, "blank, totals and notes rows are not data");
    let f: Vec<_> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(f[0], None);
    assert_eq!(f[1], Some("project_no"));
    assert_eq!(f[8], Some("revenue_wan"));
    assert_eq!(p.columns[8].unit, Some("元"));
    assert_eq!(f[15], None, "项目简介 is not a canonical field");
    assert_eq!(p.sample_rows[0][1], "CK2026001");
}

#[test]
fn import_normalises_cells_and_reports_problems_by_cell() {
    let (_d, mut store, file) = setup();
    let r = apply(&mut store, &file);
    assert_eq!((r.new, r.changed, r.unchanged, r.missing), (3, 0, 0, 0));
    assert_eq!(r.skipped_rows, 4, "the blank row between entries, the blank row after them, the totals row and the notes row");
    // The problem count adds up to what 报名项目's 仅看有问题 shows: entries with problems, and the file's own.
    let rows = entries::list_rows(&store).unwrap();
    let with_problems: Vec<_> = rows.iter().filter(|e| e.problem_count > 0 && !e.missing).collect();
    assert_eq!(r.problem_entries, with_problems.len());
    assert!(r.problem_entries > 0);
    assert_eq!(r.problems.len() - r.file_problems, with_problems.iter().map(|e| e.problem_count as usize).sum::<usize>());
    // Every skipped row is explained, in sheet order (the window lists them under 跳过的行).
    assert_eq!(r.skipped.len(), r.skipped_rows, "{:?}", r.skipped);
    assert!(r.skipped.windows(2).all(|w| w[0].row < w[1].row), "{:?}", r.skipped);
    assert_eq!(r.skipped.iter().filter(|s| s.reason == "空行").count(), 2, "{:?}", r.skipped);
    assert!(r.skipped.iter().any(|s| s.reason.starts_with("说明或合计行（“合计")), "{:?}", r.skipped);
    assert!(r.skipped.iter().any(|s| s.reason.starts_with("说明或合计行（“注")), "{:?}", r.skipped);
    let list = entries::list(&store).unwrap();
    assert_eq!(list.len(), 3);
    let e1 = &list[0];
    assert_eq!(e1.project_no.as_deref(), Some("CK2026001"));
    assert_eq!(e1.founded_on.unwrap().to_string(), "2024-03-05");
    assert_eq!(e1.employees, Some(120));
    assert_eq!(e1.revenue_wan, Some(1234.5678), "元 in the header → 万元");
    assert_eq!(e1.on_market, Some(true));
    assert_eq!(e1.leader.as_ref().unwrap().id_number.as_deref(), Some("11010519491231002X"));
    assert_eq!(e1.leader.as_ref().unwrap().phone.as_deref(), Some("13812345678"));
    assert_eq!(e1.registered_at.unwrap().to_rfc3339(), "2026-07-09T18:22:05+08:00");
    assert_eq!(e1.extra.get("项目简介").map(String::as_str), Some("巡检"));
    assert_eq!(e1.extra.get("序号").map(String::as_str), Some("1"));
    assert_eq!(e1.source.row, 5);
    assert_eq!(e1.source.sheet, "报名项目");
    assert_eq!(e1.source.file, "报名导出.xlsx");

    let e2 = &list[1];
    assert_eq!(e2.group.map(|g| g.code()), Some("startup"), "创客组 is the national name of 创业组");
    assert_eq!(e2.kind, entries::Kind::Team);
    assert_eq!(e2.on_market, Some(false));
    assert_eq!(e2.leader.as_ref().unwrap().id_number, None, "a damaged ID is null, never guessed");
    assert_eq!(e2.members.len(), 1, "the leader is a member");

    let e3 = &list[2];
    assert_eq!(e3.credit_code.as_deref(), Some("91140403MA0C2W4X1W"));
    assert_eq!(e3.founded_on.unwrap().to_string(), "2019-03-05");
    assert_eq!(e3.employees, None);
    assert_eq!(e3.revenue_wan, Some(500.0), "a unit in the cell wins over the header's");

    let codes = |row: usize| -> Vec<String> { r.problems.iter().filter(|p| p.row == Some(row)).map(|p| p.code.clone()).collect() };
    assert_eq!(codes(7), ["ID_DAMAGED"]);
    let mut c9 = codes(8);
    c9.sort();
    assert!(c9.contains(&"NUMBER_IMPOSSIBLE".to_string()), "{c9:?}");
    assert!(c9.contains(&"ID_CHECK".to_string()), "{c9:?}");
    let p = r.problems.iter().find(|p| p.code == "ID_DAMAGED").unwrap();
    assert_eq!(p.column.as_deref(), Some("L 负责人身份证号"));
    assert_eq!(p.sheet, "报名项目");
    assert_eq!(p.file, "报名导出.xlsx");
    assert!(!p.hint.is_empty());
    assert_eq!(p.project_no.as_deref(), Some("CK2026002"));
}

#[test]
fn reimport_reports_new_changed_unchanged_missing_and_never_duplicates() {
    let (d, mut store, file) = setup();
    apply(&mut store, &file);
    let mut rows = base_rows();
    rows.remove(3); // CK2026003 gone
    rows[0][12] = N(13900000000.0); // CK2026001 changed phone
    rows.insert(0, vec![N(0.0), S("CK2026009"), S("企业组"), S("新项目"), S("长治市新企业有限公司")]);
    let f2 = d.path().join("第二次导出.xlsx");
    write(&f2, &rows);
    let r = apply(&mut store, &f2);
    assert_eq!((r.new, r.changed, r.unchanged, r.missing), (1, 1, 1, 1));
    let rows = entries::list_rows(&store).unwrap();
    assert_eq!(rows.len(), 4, "missing entries are kept, flagged");
    assert!(rows.iter().find(|e| e.project_no.as_deref() == Some("CK2026003")).unwrap().missing);
    // The same file again: everything unchanged.
    let r = apply(&mut store, &f2);
    assert_eq!((r.new, r.changed, r.unchanged, r.missing), (0, 0, 3, 1));
}

#[test]
fn undo_restores_the_state_before_the_last_import() {
    let (d, mut store, file) = setup();
    apply(&mut store, &file);
    let before = entries::list(&store).unwrap();
    let mut rows = base_rows();
    rows[0][3] = S("改了名字的项目");
    rows.remove(2);
    let f2 = d.path().join("2.xlsx");
    write(&f2, &rows);
    apply(&mut store, &f2);
    assert_ne!(entries::list(&store).unwrap(), before);
    let u = saiwu_core::actions::import::undo_last(&mut store, now()).unwrap();
    assert!(u.message.contains("2.xlsx"));
    assert_eq!(entries::list(&store).unwrap(), before);
    assert!(!entries::list_rows(&store).unwrap().iter().any(|e| e.missing));
    // Only once.
    assert_eq!(saiwu_core::actions::import::undo_last(&mut store, now()).unwrap_err().code(), "NOTHING_TO_UNDO");
    // The first import can be undone when it is the latest: back to empty.
    let mut s2 = Store::open_in_memory().unwrap();
    apply(&mut s2, &file);
    saiwu_core::actions::import::undo_last(&mut s2, now()).unwrap();
    assert!(entries::list(&s2).unwrap().is_empty());
    let hist = import::list_imports(&s2).unwrap();
    assert!(hist[0].undone);
    // A backup was taken before the import and before the undo.
    let backups: Vec<_> = std::fs::read_dir(d.path().join("backups")).unwrap().collect();
    assert!(backups.len() >= 3);
}

#[test]
fn refused_file_changes_nothing() {
    let (d, mut store, file) = setup();
    apply(&mut store, &file);
    let before = entries::list(&store).unwrap();
    let bad = d.path().join("坏文件.xlsx");
    std::fs::write(&bad, "not a workbook").unwrap();
    let e = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: bad, ..Default::default() }, now(), &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "IMPORT_UNSUPPORTED_TYPE");
    assert!(e.to_string().contains("坏文件.xlsx"));
    assert_eq!(entries::list(&store).unwrap(), before);
    assert_eq!(import::list_imports(&store).unwrap().len(), 1);
}

#[test]
fn user_mapping_and_saved_profile() {
    let (_d, mut store, file) = setup();
    // The user says 项目简介 is the 知识产权情况 column and drops 推荐单位.
    let p = import::preview(&store, &file, None, None).unwrap();
    let mut mapping: Vec<MappingChoice> = p.columns.iter().map(|c| MappingChoice { index: c.index, field: c.field.map(str::to_string) }).collect();
    mapping[15].field = Some("ip_summary".into());
    mapping[13].field = None;
    let req = ApplyRequest { path: file.clone(), mapping: Some(mapping.clone()), save_profile: Some("平台2026版".into()), ..Default::default() };
    saiwu_core::actions::import::apply(&mut store, &req, now(), &mut |_| {}).unwrap();
    let e = &entries::list(&store).unwrap()[0];
    assert_eq!(e.ip_summary.as_deref(), Some("巡检"));
    assert_eq!(e.unit, None);
    assert_eq!(e.extra.get("推荐单位").map(String::as_str), Some("长治高新区经济运行与安全监管部"));
    // The profile reproduces the mapping next time.
    assert_eq!(import::profiles(&store).unwrap(), ["平台2026版"]);
    let p2 = import::preview(&store, &file, None, Some("平台2026版")).unwrap();
    assert_eq!(p2.columns[15].field, Some("ip_summary"));
    assert_eq!(p2.columns[13].field, None);
    // A field chosen twice is refused with both columns named.
    mapping[14].field = Some("ip_summary".into());
    let req = ApplyRequest { path: file, mapping: Some(mapping), ..Default::default() };
    let err = saiwu_core::actions::import::apply(&mut store, &req, now(), &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("知识产权情况"), "{err}");
}

/// Each entry is stored once: the raw row keeps only the cells the entry does not already hold as
/// they are, and the detail view still shows every cell of the source row exactly as the file does.
#[test]
fn the_raw_row_is_stored_once_and_shown_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/generated/export_v1.xlsx");
    saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file.clone(), ..Default::default() }, now(), &mut |_| {}).unwrap();
    let preview = import::preview(&store, &file, None, None).unwrap();
    let wb = saiwu_core::import::workbook::read(&file).unwrap();
    let sheet = wb.sheets.iter().find(|s| s.name == preview.sheet).unwrap();
    let headers: Vec<String> = sheet.rows[preview.header_row - 1].iter().map(|c| c.display()).collect();
    let (mut checked, mut nulls) = (0, 0);
    let rows: Vec<(String, String)> = {
        let mut stmt = store.conn().prepare("SELECT project_no, raw FROM entries WHERE project_no IS NOT NULL ORDER BY source_row LIMIT 50").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    for (no, raw) in rows {
        nulls += raw.matches("null").count();
        let d = entries::detail(&store, &no, true).unwrap();
        let cells = &sheet.rows[d.entry.source.row - 1];
        let want: Vec<(String, String)> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (headers.get(i).cloned().unwrap_or_default(), c.display()))
            .filter(|(h, v)| !h.is_empty() || !v.is_empty())
            .collect();
        let got: Vec<(String, String)> = d.raw.iter().map(|c| (c.header.clone(), c.value.clone())).collect();
        // Trailing empty cells are not stored.
        assert_eq!(got, want[..got.len()], "{no}");
        assert!(want[got.len()..].iter().all(|(_, v)| v.is_empty()), "{no}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
    // Text the entry holds as the file shows it (names, addresses, unmapped cells) is not stored twice.
    assert!(nulls >= checked * 5, "{nulls} cells of {checked} rows left to the entry");
}

/// The load runs with the rollback journal (each page written once, not into the WAL and again at the
/// checkpoint), the backup is taken before the switch, and the file is back in WAL mode afterwards.
#[test]
fn an_import_loads_through_the_rollback_journal_and_returns_to_the_wal() {
    let (d, mut store, file) = setup();
    let db = d.path().join("c.sqlite");
    let journal = d.path().join("c.sqlite-journal");
    let wal = d.path().join("c.sqlite-wal");
    let mut seen = Vec::new();
    let r = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file.clone(), ..Default::default() }, now(), &mut |p| {
        if p.stage == "写入数据" {
            seen.push((journal.exists(), wal.exists()));
        }
    })
    .unwrap();
    let first = r.new;
    assert!(first > 0);
    assert!(!seen.is_empty() && seen.iter().all(|&(j, w)| j && !w), "during the load: a rollback journal, no WAL: {seen:?}");
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert!(!journal.exists());
    // The backup taken before the load is a whole contest file.
    let backup = Store::open_existing(std::path::Path::new(r.backup.as_deref().unwrap())).unwrap();
    drop(backup);

    // Another connection holding the file (the phone-scoring server): the load keeps the WAL, at once.
    let other = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = other.query_row("SELECT count(*) FROM entries", [], |r| r.get(0)).unwrap();
    let mut seen = Vec::new();
    let r = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file, ..Default::default() }, now(), &mut |p| {
        if p.stage == "写入数据" {
            seen.push(wal.exists());
        }
    })
    .unwrap();
    assert_eq!((r.new, r.changed, r.unchanged), (0, 0, first));
    assert!(seen.iter().all(|&w| w), "{seen:?}");
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(other);
}
