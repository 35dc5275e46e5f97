//! Golden digests of what the import's reader and normaliser produce, taken from the code as it was
//! before the reading and normalising were made cheaper (main at d0c31a8): every message of the
//! streaming reader (cells, row numbers, strays, date system) and every parsed row (key, data JSON,
//! raw JSON, content hash, problems), skipped counts and file problems, for the committed fixtures and
//! generated 2,000-row exports. A speed-up that changes any byte of any of these fails here.
//! On a mismatch the dump is written to the temp directory, to diff against one made on main. The
//! generated cases also depend on the fixtures generator: a change there needs new digests from main's
//! reader and parser, never from the code under test.
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::mpsc;

use crate::support::root;
use saiwu_core::import::parse::{self, MembersStage, RowParser};
use saiwu_core::import::workbook::{self, Cell, Msg};
use saiwu_fixtures::{write_export_csv_gbk, write_export_xlsx, ExportSpec, Variant};
use sha2::{Digest, Sha256};

fn cells(out: &mut String, row: &[Cell]) {
    for c in row {
        let _ = write!(out, "{c:?}\u{1f}");
    }
    out.push('\n');
}

fn parsed(out: &mut String, p: &parse::ParsedRow) {
    let _ = writeln!(out, "row {} key {} hash {}", p.entry.source.row, p.key, p.hash);
    let _ = writeln!(out, "data {}", p.data_json);
    let _ = writeln!(out, "raw {}", p.raw_json);
    for pr in &p.problems {
        let _ = writeln!(out, "problem {}", serde_json::to_string(pr).unwrap());
    }
}

fn finish(out: &mut String, parser: RowParser, strays: Vec<saiwu_core::model::Problem>) {
    let (problems, skipped) = parser.finish(strays);
    let _ = writeln!(out, "skipped {skipped}");
    for pr in &problems {
        let _ = writeln!(out, "file problem {}", serde_json::to_string(pr).unwrap());
    }
}

/// The streaming path, as `actions::import` drives it, and everything it sends and parses.
fn dump_streamed(path: &Path) -> String {
    let mut out = String::new();
    let src = workbook::open_source(path).unwrap();
    assert!(src.can_stream(), "{}", path.display());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Msg>(64);
        let (choose, chosen) = mpsc::channel();
        let src = &src;
        scope.spawn(move || src.stream(&chosen, &tx));
        let Ok(Msg::Heads(heads, declared)) = rx.recv() else { panic!("heads first") };
        let _ = writeln!(out, "declared {declared:?} date1904 {}", heads.date1904);
        for s in &heads.sheets {
            let _ = writeln!(out, "head {}", s.name);
            for r in &s.rows {
                cells(&mut out, r);
            }
        }
        let layout = parse::plan(&heads, None, None, None).unwrap();
        let sheet_name = heads.sheets[layout.sheet].name.clone();
        let members_at = layout.members.map(|(i, hr, mc)| (heads.sheets[i].name.clone(), hr, mc));
        choose.send(Some((layout.sheet, layout.members.map(|(i, _, _)| i)))).unwrap();
        let Ok(Msg::Sheets(others)) = rx.recv() else { panic!("sheets second") };
        let _ = writeln!(out, "others date1904 {}", others.date1904);
        for s in &others.sheets {
            let _ = writeln!(out, "sheet {}", s.name);
            for r in &s.rows {
                cells(&mut out, r);
            }
        }
        let mut members = (HashMap::new(), Vec::new());
        if let Some((name, hr, mc)) = &members_at {
            let mut stage = MembersStage::new(&src.file, name, *hr, *mc);
            loop {
                match rx.recv().unwrap() {
                    Msg::MemberRows(rows) => {
                        for (r, c) in rows {
                            let _ = write!(out, "member {r} ");
                            cells(&mut out, &c);
                            stage.row(r, &c);
                        }
                    }
                    Msg::MembersDone => break,
                    _ => panic!("member rows, then MembersDone"),
                }
            }
            members = stage.finish();
        }
        let mut parser = RowParser::with_members(layout, &src.file, &sheet_name, others.date1904, members, members_at.map(|m| m.0));
        loop {
            match rx.recv().unwrap() {
                Msg::Rows(rows) => {
                    for (r, c) in rows {
                        let _ = write!(out, "cells {r} ");
                        cells(&mut out, &c);
                        if let Some(p) = parser.row(r, &c) {
                            parsed(&mut out, &p);
                        }
                    }
                }
                Msg::End(e) => {
                    let _ = writeln!(out, "end exact {} ignored {:?} total {} date1904 {}", e.exact, e.ignored, e.ignored_total, e.date1904);
                    finish(&mut out, parser, parse::stray_problems(&src.file, &e.ignored, e.ignored_total));
                    break;
                }
                Msg::Err(e) => panic!("{e}"),
                _ => panic!("rows, then End"),
            }
        }
    });
    out
}

/// The whole-file path (CSV, .xls, .ods, and the fallback of the stream).
fn dump_whole(path: &Path) -> String {
    let mut out = String::new();
    let wb = workbook::read(path).unwrap();
    let layout = parse::plan(&wb, None, None, None).unwrap();
    let sheet = &wb.sheets[layout.sheet];
    let mut parser = RowParser::new(&wb, layout, &wb.file, &sheet.name, wb.date1904);
    for (r, row) in sheet.rows.iter().enumerate() {
        let _ = write!(out, "cells {r} ");
        cells(&mut out, row);
        if let Some(p) = parser.row(r, row) {
            parsed(&mut out, &p);
        }
    }
    finish(&mut out, parser, parse::stray_problems(&wb.file, &wb.ignored, wb.ignored_total));
    out
}

/// Every case is checked before failing, so one run shows all that differ.
fn check(cases: Vec<(&str, String, &str)>) {
    let mut wrong = Vec::new();
    for (name, dump, want) in cases {
        let got = format!("{:x}", Sha256::digest(dump.as_bytes()));
        if got != want {
            let at = std::env::temp_dir().join(format!("import_golden_{name}.txt"));
            std::fs::write(&at, &dump).unwrap();
            wrong.push(format!("{name}: digest {got}, golden {want}; the dump is in {}", at.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn streamed_reading_and_parsing_match_the_golden_digests() {
    let dir = tempfile::tempdir().unwrap();
    let gen = |variant, seed| {
        let p = dir.path().join(format!("{variant:?}_{seed}.xlsx"));
        write_export_xlsx(&ExportSpec { rows: 2000, seed, variant }, &p).unwrap();
        p
    };
    let cases = [
        ("v1_2000", gen(Variant::V1, 101), "94667d38a1e5a031cf9cdafc179cc328caa15a5672b7e5e580d2405b6e74d07c"),
        ("v2_2000", gen(Variant::V2, 102), "baffcd3a235fc1f5c0efa610797b226a1cfe8358ab7b24e853f88c51c4872677"),
        ("v3_2000", gen(Variant::V3, 103), "f430f4c3402cac93c183f7ba9ead9513831f4ffb67195ca928502f4c121612ef"),
        ("export_v1", root().join("fixtures/generated/export_v1.xlsx"), "3709ed2e9138e2e87a3fcd0ae1fd86ca85ed44f107f61aaa59be1a130a375bc1"),
        (
            "export_v1_update",
            root().join("fixtures/generated/export_v1_update.xlsx"),
            "6487014612f6764301ccfd9b9879a59ca988e771e99ff96077707a91c54400d5",
        ),
        ("small", root().join("fixtures/handmade/small.xlsx"), "a0312f827dd1dec59a5061c19747fb5f39b6fb4a62eeec1a5af29b8f7939ea28"),
        ("dates_1904", root().join("fixtures/handmade/dates_1904.xlsx"), "246ebdfdcac6396508e1adea0155f841805d1c9e079c90104fa173ae356f0520"),
    ];
    check(cases.into_iter().map(|(name, path, want)| (name, dump_streamed(&path), want)).collect());
}

#[test]
fn whole_file_reading_and_parsing_match_the_golden_digests() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk_2000.csv");
    write_export_csv_gbk(&ExportSpec { rows: 2000, seed: 104, variant: Variant::V1 }, &gbk).unwrap();
    let cases = [
        ("gbk_2000", gbk, "aa937b4d19a8cccc403a74824fe77dbf7b22f01b798e62e60b1d86d2c0c0e66d"),
        ("export_v2_whole", root().join("fixtures/generated/export_v2.xlsx"), "c22465d40fe944c862ca28a55ed46fd47f57bc159c0645117e8a50e81afbc53f"),
        ("export_utf8", root().join("fixtures/generated/export_utf8.csv"), "fbc4d5020f5147f996b650f99e28cbd305a0bca883cba43072f50c2bc2b6762f"),
        ("small_xls", root().join("fixtures/handmade/export_small.xls"), "34f19843203716d6445d2e7a71fb328703c6ece2118ae76ef3573da09166f3fb"),
        ("small_ods", root().join("fixtures/handmade/export_small.ods"), "386101e0bf529e1d47227b338ec2699d5f0f3b9c7d4c459cafbe7a5a27c928ca"),
    ];
    check(cases.into_iter().map(|(name, path, want)| (name, dump_whole(&path), want)).collect());
}
