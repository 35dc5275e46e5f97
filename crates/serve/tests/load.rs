//! Issue #13's load bar on 127.0.0.1: 30 judges × 40 entries sending at once, each score twice, store
//! exactly 1,200 scores, and the ranking equals the same scores keyed from a score file.
mod support;

use std::io::Write;

use rand::SeedableRng;
use saiwu_core::judging;
use saiwu_core::model::Round;
use saiwu_core::Store;
use saiwu_serve::{Limits, Options, Server};
use support::*;

const JUDGES: usize = 30;
const ENTRIES: usize = 40;

#[test]
fn thirty_judges_by_forty_entries_sent_twice_store_exactly_1200_scores_ranked_as_from_paper() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("phones.sqlite");
    let nos = final_ready(&db, ENTRIES, JUDGES);
    let opts =
        Options { db: db.clone(), round: Round::Final, bind: "127.0.0.1:0".parse().unwrap(), limits: Limits::default(), stop_on_signals: false };
    let server = Server::start(opts, &mut rand_chacha::ChaCha8Rng::seed_from_u64(7), now(), None).unwrap();
    let mut tokens: Vec<(usize, String)> =
        server.state.tokens.iter().map(|t| (t.judge.trim_start_matches("评委").parse::<usize>().unwrap(), t.token.clone())).collect();
    tokens.sort();
    assert_eq!(tokens.len(), JUDGES);

    let addr = server.addr;
    let threads: Vec<_> = tokens
        .into_iter()
        .map(|(j, tok)| {
            let nos = nos.clone();
            std::thread::spawn(move || {
                // Each judge goes through the list twice (a phone resending everything), in an order of its own.
                let mut order: Vec<usize> = (0..ENTRIES).collect();
                order.rotate_left(j % ENTRIES);
                for pass in 0..2 {
                    for &e in &order {
                        let body = criteria_body(&planned(j, e));
                        let ans = http(addr, "PUT", &format!("/api/judge/{tok}/scores/{}", seg(&nos[e])), Some(&body)).unwrap();
                        assert_eq!(ans.status, 200, "judge {j} entry {e} pass {pass}: {}", ans.body);
                        let total: i64 = planned(j, e).iter().sum();
                        assert_eq!(ans.json()["total"].as_f64().unwrap(), total as f64 / 100.0);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    server.stop();

    let phones = Store::open(&db).unwrap();
    let cells = saiwu_core::store::scores::cells(phones.conn(), "final", 1, None).unwrap();
    assert_eq!(cells.len(), JUDGES * ENTRIES);

    // The same scores keyed from a score file into a twin contest.
    let paper_db = dir.path().join("paper.sqlite");
    assert_eq!(final_ready(&paper_db, ENTRIES, JUDGES), nos);
    let csv = dir.path().join("评分.csv");
    let mut f = std::fs::File::create(&csv).unwrap();
    writeln!(f, "项目编号,评委,技术/产品创新,市场前景,商业模式,团队,经营与财务,社会效益").unwrap();
    for j in 1..=JUDGES {
        for (e, no) in nos.iter().enumerate() {
            writeln!(f, "{no},评委{j:02},{}", planned(j, e).iter().map(|h| points(*h)).collect::<Vec<_>>().join(",")).unwrap();
        }
    }
    drop(f);
    let mut paper = Store::open(&paper_db).unwrap();
    let r = saiwu_core::actions::judging::import_scores(&mut paper, Round::Final, &csv, "录入员", false, now()).unwrap();
    assert_eq!(r.written, JUDGES * ENTRIES);

    let shape = |s: &Store| -> Vec<(String, Option<String>, Option<u32>, usize)> {
        judging::ranking(s, Round::Final)
            .unwrap()
            .into_iter()
            .flat_map(|g| g.entries.into_iter().map(|e| (e.project_no, e.score, e.rank, e.valid_judges)))
            .collect()
    };
    let from_phones = shape(&phones);
    assert_eq!(from_phones.len(), ENTRIES);
    assert!(from_phones.iter().all(|(_, score, rank, n)| score.is_some() && rank.is_some() && *n > 0));
    assert_eq!(from_phones, shape(&paper));
    let full = |s: &Store| serde_json::to_value(judging::ranking(s, Round::Final).unwrap()).unwrap();
    assert_eq!(full(&phones), full(&paper));
}
