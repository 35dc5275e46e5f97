//! The streaming import's reader and normaliser measured apart (SPEC §9's import bar): streams an
//! .xlsx as `actions::import` does and reports each stage's own CPU time (from /proc/thread-self/schedstat,
//! so a busy machine's waiting is not counted). No store, no writer, no screening.
//! Run: `cargo run --release -p saiwu-core --example import_stages -- FILE [runs]`
//! (make FILE with `SAIWU_BENCH_ROWS=50000 import_100k --bench --step write FILE DB`).
use std::collections::HashMap;
use std::sync::mpsc;

use saiwu_core::import::parse::{self, MembersStage, RowParser};
use saiwu_core::import::workbook::{self, Msg};

/// This thread's time on the CPU so far, in seconds (Linux).
fn thread_cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    s.split_whitespace().next().and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN) / 1e9
}

/// (reader CPU, members stage CPU, normaliser CPU, rows parsed).
fn run(path: &std::path::Path) -> (f64, f64, f64, usize) {
    let src = workbook::open_source(path).expect("file opens");
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Msg>(512);
        let (choose, chosen) = mpsc::channel();
        let src = &src;
        let reader = scope.spawn(move || {
            src.stream(&chosen, &tx);
            thread_cpu()
        });
        let Ok(Msg::Heads(heads, _)) = rx.recv() else { panic!("heads first") };
        let layout = parse::plan(&heads, None, None, None).expect("layout");
        let sheet = heads.sheets[layout.sheet].name.clone();
        let members_at = layout.members.map(|(i, hr, mc)| (heads.sheets[i].name.clone(), hr, mc));
        choose.send(Some((layout.sheet, layout.members.map(|(i, _, _)| i)))).expect("reader waits");
        let Ok(Msg::Sheets(others)) = rx.recv() else { panic!("sheets second") };
        let t0 = thread_cpu();
        let mut members = (HashMap::new(), Vec::new());
        if let Some((name, hr, mc)) = &members_at {
            let mut stage = MembersStage::new(&src.file, name, *hr, *mc);
            loop {
                match rx.recv().expect("stream") {
                    Msg::MemberRows(rows) => rows.iter().for_each(|(r, c)| stage.row(*r, c)),
                    Msg::MembersDone => break,
                    _ => panic!("member rows, then MembersDone"),
                }
            }
            members = stage.finish();
        }
        let t1 = thread_cpu();
        let mut parser = RowParser::with_members(layout, &src.file, &sheet, others.date1904, members, members_at.map(|m| m.0));
        let mut n = 0;
        loop {
            match rx.recv().expect("stream") {
                Msg::Rows(rows) => {
                    for (r, c) in rows {
                        if parser.row(r, &c).is_some() {
                            n += 1;
                        }
                    }
                }
                Msg::End(_) => break,
                Msg::Err(e) => panic!("{e}"),
                _ => panic!("rows, then End"),
            }
        }
        let t2 = thread_cpu();
        (reader.join().expect("reader"), t1 - t0, t2 - t1, n)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(args.get(1).expect("FILE"));
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    for _ in 0..runs {
        let (reader, members, normaliser, n) = run(&path);
        println!("reader {reader:.3} s  members {members:.3} s  normaliser {normaliser:.3} s  ({n} rows)");
    }
}
