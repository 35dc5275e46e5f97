//! `saiwu letters`: exit 2 naming what to set and where while the final has no venue, date or draw; then the
//! 决赛通知 batch PDF read back with pdftotext (order, slot, venue, contacts), the phoning list with calamine,
//! and SPEC §12's JSON shape.
use std::path::Path;
use std::process::Command;

use crate::support::{ok, saiwu};
use calamine::{open_workbook_auto, Reader};
use chrono::DateTime;
use saiwu_core::import::ApplyRequest;
use saiwu_core::model::{Group, Round};
use saiwu_core::Store;

/// pdftotext is required (CI installs poppler-utils): a missing tool fails the test.
fn pdf_text(p: &Path) -> String {
    let o = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(p).arg("-").output().expect("pdftotext (poppler-utils) is required");
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).split_whitespace().collect()
}

#[test]
fn finalist_letters_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let out = dir.path().join("决赛通知");
    let now = DateTime::parse_from_rfc3339("2026-07-20T10:00:00+08:00").unwrap();
    // Three enterprise entries put in the final by hand (the scores do not matter to a 决赛通知).
    let nos: Vec<String> = {
        let mut store = Store::open(&db).unwrap();
        let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/generated/export_v1.xlsx");
        saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: export, ..Default::default() }, now, &mut |_| {}).unwrap();
        let prelim = saiwu_core::judging::round_entries(&store, Round::Preliminary).unwrap();
        let nos: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).take(3).map(|e| e.project_no.clone()).collect();
        for no in &nos {
            saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：直接进入决赛", "秘书处", now).unwrap();
        }
        nos
    };

    let o = saiwu(&db, &["letters", "--kind", "finalist", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("决赛地点") && err.contains("赛事设置 → 赛程与联系人") && err.contains("抽签"), "{err}");
    assert!(!out.exists(), "nothing written");
    let o = saiwu(&db, &["letters", "--kind", "notice", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));

    ok(&saiwu(&db, &["settings", "set", "venue", "长治市科技创新中心报告厅"]));
    ok(&saiwu(&db, &["settings", "set", "final_date", "2026-07-25"]));
    ok(&saiwu(&db, &["settings", "set", "slot_minutes", "20"]));
    let order: Vec<String> = {
        let mut store = Store::open(&db).unwrap();
        let d = saiwu_core::actions::judging::draw(&mut store, Round::Final, Group::Enterprise, 7, "秘书处", now).unwrap();
        d.order.iter().map(|e| e.project_no.clone()).collect()
    };
    let v: serde_json::Value =
        serde_json::from_str(&ok(&saiwu(&db, &["letters", "--kind", "finalist", "--out", out.to_str().unwrap(), "--by", "王五", "--json"]))).unwrap();
    let letters = v["letters"].as_array().expect("letters array");
    assert_eq!(letters.len(), 3);
    let keys: std::collections::BTreeSet<&str> = letters[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["file", "kind", "number", "project_no"].into());
    let got: Vec<&str> = letters.iter().map(|l| l["project_no"].as_str().unwrap()).collect();
    assert_eq!(got, order, "in roadshow order");
    let mut sorted = got.clone();
    sorted.sort();
    let mut want = nos.clone();
    want.sort();
    assert_eq!(sorted, want);
    assert_eq!(letters[1]["number"], "长治创客〔2026〕决赛通知第002号");
    assert!(Path::new(letters[1]["file"].as_str().unwrap()).is_file());
    assert_eq!(v["files"].as_array().unwrap().len(), 5, "batch, list, three letters");

    // The batch read back: the second on stage 9:20–9:40 (09:00 + 20 minutes), the venue and the contacts.
    let text = pdf_text(Path::new(v["batch"].as_str().unwrap()));
    for want in ["长治创客〔2026〕决赛通知第002号", "第2位出场", "9:20–9:40", "长治市科技创新中心报告厅", "2026年7月25日", "杨希0355-3032370"]
    {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    // The phoning list: the full phone of every leader, with its letter number and slot.
    let mut wb = open_workbook_auto(v["contacts"].as_str().unwrap()).unwrap();
    let r = wb.worksheet_range("决赛通知联系名单").unwrap();
    let rows: Vec<Vec<String>> = r.rows().map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
    assert!(rows[0][0].contains("完整号码"));
    assert_eq!(rows.len(), 5);
    assert_eq!((rows[3][0].as_str(), rows[3][1].as_str(), rows[3][9].as_str()), ("长治创客〔2026〕决赛通知第002号", order[1].as_str(), "9:20–9:40"));
    assert!(rows[2..].iter().all(|r| r[5].chars().filter(|c| c.is_ascii_digit()).count() >= 7 && !r[5].contains('*')), "{rows:?}");

    // Again: the same numbers, nothing new.
    let v2: serde_json::Value =
        serde_json::from_str(&ok(&saiwu(&db, &["letters", "--kind", "finalist", "--out", out.to_str().unwrap(), "--json"]))).unwrap();
    assert_eq!(v2["letters"], v["letters"]);
    assert_eq!(v2["new_numbers"].as_array().unwrap().len(), 0);
}
