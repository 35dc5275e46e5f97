//! Hostile input: mutated and truncated workbooks, zip bombs, error cells. The importer must answer
//! with an error or a result — never a panic — and a refused file must leave the store unchanged.
use std::io::Write;

use crate::support::root;
use chrono::DateTime;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use saiwu_core::import::{workbook, ApplyRequest};
use saiwu_core::{entries, Store};

/// Deterministic mutation fuzzing of the reader over every committed workbook format.
#[test]
fn mutated_files_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(20260711);
    for (rel, ext) in [
        ("fixtures/handmade/small.xlsx", "xlsx"),
        ("fixtures/handmade/export_small.xls", "xls"),
        ("fixtures/handmade/export_small.ods", "ods"),
        ("fixtures/generated/export_gbk.csv", "csv"),
    ] {
        let original = std::fs::read(root().join(rel)).unwrap();
        for i in 0..60 {
            let mut bytes = original.clone();
            match i % 3 {
                0 => {
                    for _ in 0..rng.gen_range(1..16) {
                        let at = rng.gen_range(0..bytes.len());
                        bytes[at] = rng.gen();
                    }
                }
                1 => bytes.truncate(rng.gen_range(0..bytes.len())),
                _ => {
                    let at = rng.gen_range(0..bytes.len());
                    let len = rng.gen_range(1..64).min(bytes.len() - at);
                    bytes.drain(at..at + len);
                }
            }
            // Either outcome is fine; a panic fails the test.
            let _ = workbook::read_bytes("mutated", ext, bytes);
        }
    }
}

/// An .xlsx whose one sheet is 60 MB of zeros: it packs into ~60 KB, far beyond any real sheet's
/// compression ratio.
pub(crate) fn write_zip_bomb(path: &std::path::Path) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..60 {
        z.write_all(&zeros).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn zip_bomb_is_refused_before_inflating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    write_zip_bomb(&path);
    assert!(std::fs::metadata(&path).unwrap().len() < 1024 * 1024);
    let mut store = Store::open_in_memory().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap();
    let e = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path, ..Default::default() }, now, &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE");
    assert!(e.to_string().contains("bomb.xlsx"));
    assert!(entries::list(&store).unwrap().is_empty());
}
