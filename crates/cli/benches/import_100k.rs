//! SPEC §9's large-import bar: import + all checks within 1.5× the time calamine alone needs to read the
//! same file, at 100,000 entries with a peak under 400 MB. Criterion's ten samples would take minutes at
//! this size, so this is a plain bench binary: it writes a generated export (V3 layout, members sheet),
//! then alternates calamine alone reading it (the reference) and the import into a fresh contest file,
//! each in its own process so each reports its own peak memory, and prints every run and the medians
//! (the machine is shared: the two are measured side by side, several times).
//! Run: `cargo bench -p saiwu-cli --bench import_100k`; `SAIWU_BENCH_ROWS=50000` for the 50,000 bar,
//! `SAIWU_BENCH_RUNS=5` for more runs (default 3).
use std::path::Path;
use std::time::Instant;

use calamine::{open_workbook_auto, Reader};
use chrono::DateTime;
use saiwu_core::import::ApplyRequest;
use saiwu_core::Store;
use saiwu_fixtures::{write_export_xlsx, ExportSpec, Variant};

// The same allocator as the `saiwu` binary and the app, for the import and the calamine reference alike.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn rows() -> usize {
    std::env::var("SAIWU_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

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
    let err = String::from_utf8_lossy(&out.stderr);
    for l in err.lines().filter(|l| l.starts_with("phases:") || l.starts_with("peak before")) {
        println!("  {step} {l}");
    }
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
                write_export_xlsx(&ExportSpec { rows: rows(), seed: 7, variant: Variant::V3 }, file).expect("fixture written");
                rows()
            }
            "calamine" => calamine_only(file),
            _ => {
                let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").expect("constant");
                let mut store = Store::open(db).expect("store");
                // Where the time goes: the moment each stage starts, from the progress reports.
                let mut stages: Vec<(String, Instant)> = Vec::new();
                let r =
                    saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file.to_path_buf(), ..Default::default() }, now, &mut |p| {
                        if stages.last().is_none_or(|(s, _)| *s != p.stage) {
                            if p.stage == "资格审查" {
                                // The import's own peak, before screening loads the entries back.
                                eprintln!("peak before screening: {:.0} MB", peak_mb().unwrap_or(f64::NAN));
                            }
                            stages.push((p.stage, Instant::now()));
                        }
                    })
                    .expect("import");
                assert_eq!(r.new, rows());
                let phases: Vec<String> = stages.windows(2).map(|w| format!("{}={:.2}s", w[0].0, (w[1].1 - w[0].1).as_secs_f64())).collect();
                eprintln!("phases: {}", phases.join(" "));
                r.new
            }
        };
        println!("{:.2} {n} {:.0}", t.elapsed().as_secs_f64(), peak_mb().unwrap_or(f64::NAN));
        return;
    }
    let rows = rows();
    let runs: usize = std::env::var("SAIWU_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(3).max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("export_{rows}.xlsx"));
    child("write", &file, &dir.path().join("unused.sqlite"));
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!("export: {rows} entries, {:.1} MB", size as f64 / 1e6);
    let parse = |s: String| -> (f64, f64) {
        let mut it = s.split_whitespace();
        let t = it.next().and_then(|x| x.parse().ok()).unwrap_or(f64::NAN);
        (t, it.nth(1).and_then(|x| x.parse().ok()).unwrap_or(f64::NAN))
    };
    let (mut refs, mut ours) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let (rt, rm) = parse(child("calamine", &file, &dir.path().join("unused.sqlite")));
        let db = dir.path().join(format!("c{run}.sqlite"));
        let (ot, om) = parse(child("import", &file, &db));
        let _ = std::fs::remove_file(&db);
        println!("run {run}: calamine {rt:.2} s (peak {rm:.0} MB) · saiwu import + all checks {ot:.2} s (peak {om:.0} MB) · {:.2}×", ot / rt);
        refs.push((rt, rm));
        ours.push((ot, om));
    }
    let median = |v: &mut Vec<(f64, f64)>| {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v[v.len() / 2]
    };
    let (rt, _) = median(&mut refs);
    let (ot, _) = median(&mut ours);
    let peak = ours.iter().map(|o| o.1).fold(0.0, f64::max);
    println!(
        "median: calamine {rt:.2} s, saiwu {ot:.2} s ({:.2}× the reference; bar 1.5×), highest peak {peak:.0} MB (bar 400 MB at 100,000)",
        ot / rt
    );
}
