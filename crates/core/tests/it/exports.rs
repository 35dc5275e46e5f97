//! The export registry: every kind writes a non-empty file that opens (xlsx with calamine, PDF with poppler)
//! on a small scored contest, and says what it wrote.
use calamine::{open_workbook_auto, Reader};
use chrono::{DateTime, FixedOffset};
use saiwu_core::export::registry::{self, FileFormat};
use saiwu_core::model::{Group, Round};
use saiwu_core::{awards, certificates};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-28T16:00:00+08:00").unwrap()
}

#[test]
fn every_registry_kind_writes_a_readable_file() {
    let mut f = crate::awards::scored_final();
    // A decided tie and issued certificates, so the award lists and the register have rows.
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
    let (subjects, _) = certificates::subjects(&f.store).unwrap();
    saiwu_core::actions::certificates::issue(&mut f.store, &subjects, &t, now()).unwrap();

    let out = f._dir.path().join("导出");
    std::fs::create_dir_all(&out).unwrap();
    assert!(registry::kinds().len() >= 14, "every list of SPEC §8 has a kind");
    for k in registry::kinds() {
        let path = out.join(format!("{}.{}", k.kind, k.format.extension()));
        let round = k.needs_round().then_some(Round::Final);
        if k.kind.ends_with("-semifinal") {
            // This contest holds no 复赛: its kinds are refused, saying how to turn it on (SPEC §12 "Rounds").
            let e = registry::run(&f.store, k.kind, &path, round).unwrap_err();
            assert!(e.code() == "PRECONDITION" && e.to_string().contains("rounds.semifinal"), "{}: {e}", k.kind);
            continue;
        }
        let done = registry::run(&f.store, k.kind, &path, round).unwrap_or_else(|e| panic!("{}: {e}", k.kind));
        assert_eq!(done.path, path);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{} wrote no file: {e}", k.kind));
        assert!(!bytes.is_empty(), "{}: empty file", k.kind);
        match k.format {
            FileFormat::Xlsx => {
                let mut wb = open_workbook_auto(&path).unwrap_or_else(|e| panic!("{}: not a readable workbook: {e}", k.kind));
                let names = wb.sheet_names();
                assert!(!names.is_empty(), "{}: no sheet", k.kind);
                let first = wb.worksheet_range(&names[0]).unwrap();
                // The header row at least, and as many data rows as the message says were written.
                assert!(first.height() >= 1, "{}: empty sheet", k.kind);
                let n = done.count.unwrap_or_else(|| panic!("{}: an xlsx reports its count", k.kind));
                assert!(done.message.starts_with("已导出") && done.message.contains(&format!("（{n} ")), "{}: {}", k.kind, done.message);
            }
            FileFormat::Pdf => {
                assert!(bytes.starts_with(b"%PDF"), "{}: not a PDF", k.kind);
                if let Some(pages) = crate::support::page_count(&bytes) {
                    assert!(pages >= 1, "{}: {pages} pages", k.kind);
                }
                assert_eq!(done.message, format!("已写出 {}", path.display()));
            }
        }
    }
    // The register lists the certificates just issued: the count is theirs, not a header-only file.
    let reg = registry::run(&f.store, "certificate-register", &out.join("证书登记表.xlsx"), None).unwrap();
    assert_eq!(reg.count, Some(certificates::list(&f.store).unwrap().len()));
    assert!(reg.count.unwrap() > 0);
}
