//! SPEC §9's large-import bar: 100,000 entries imported (and screened) in under 15 s and 1 GB of memory.
//! One run each is enough at this size (criterion's ten samples would take minutes), so this is a plain
//! bench binary: it writes a generated export (V3 layout, members sheet), times calamine alone reading it
//! (the reference), then the import into a fresh contest file, and reports the process's peak memory.
//! Run: `cargo bench -p saiwu-cli --bench import_100k`.
use std::path::Path;
use std::time::Instant;

use calamine::{open_workbook_auto, Reader};
use chrono::DateTime;
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::Store;
use saiwu_fixtures::{write_export_xlsx, ExportSpec, Variant};

const ROWS: usize = 100_000;

fn calamine_only(path: &Path) -> usize {
    let mut wb = open_workbook_auto(path).expect("fixture opens");
    let names = wb.sheet_names().to_vec();
    names.iter().map(|n| wb.worksheet_range(n).expect("sheet reads").height()).sum()
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Each measurement runs in its own process (this binary again), so the peak memory it reports is that
/// step's alone, not the generator's.
fn child(step: &str, file: &Path, db: &Path) -> String {
    let exe = std::env::current_exe().expect("own path");
    let out = std::process::Command::new(exe).args(["--bench", "--step", step]).arg(file).arg(db).output().expect("child runs");
    assert!(out.status.success(), "{step}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing useful: run only when benchmarking.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--step") {
        let (step, file, db) = (args[i + 1].as_str(), Path::new(&args[i + 2]), Path::new(&args[i + 3]));
        let t = Instant::now();
        let n = match step {
            "write" => {
                write_export_xlsx(&ExportSpec { rows: ROWS, seed: 7, variant: Variant::V3 }, file).expect("fixture written");
                ROWS
            }
            "calamine" => calamine_only(file),
            _ => {
                let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").expect("constant");
                let mut store = Store::open(db).expect("store");
                let r =
                    import::apply(&mut store, &ApplyRequest { path: file.to_path_buf(), ..Default::default() }, now, &mut |_| {}).expect("import");
                assert_eq!(r.new, ROWS);
                r.new
            }
        };
        println!("{:.2} {n} {:.0}", t.elapsed().as_secs_f64(), peak_mb().unwrap_or(f64::NAN));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("export_100k.xlsx");
    let db = dir.path().join("c.sqlite");
    child("write", &file, &db);
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!("export: {ROWS} entries, {:.1} MB", size as f64 / 1e6);
    let parse = |s: String| -> (f64, String, String) {
        let mut it = s.split_whitespace();
        (it.next().and_then(|x| x.parse().ok()).unwrap_or(f64::NAN), it.next().unwrap_or("").into(), it.next().unwrap_or("").into())
    };
    let (reference, rows, ref_mb) = parse(child("calamine", &file, &db));
    println!("calamine reading every sheet (reference): {reference:.2} s ({rows} rows), peak memory {ref_mb} MB");
    let (ours, _, our_mb) = parse(child("import", &file, &db));
    println!("saiwu import + all checks into a new contest file: {ours:.2} s ({:.1}× the reference), peak memory {our_mb} MB", ours / reference);
}
