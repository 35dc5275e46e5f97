//! The phone API over HTTP on 127.0.0.1 (issue #13 item 5, docs/LAN.md): statuses, `{code, message}`
//! errors in Chinese, the page's headers, the limits, and the server stopping when the round closes.
mod support;

use rand::SeedableRng;
use saiwu_core::judging::ScoreValue;
use saiwu_core::model::Round;
use saiwu_core::Store;
use saiwu_serve::{Limits, Options, Server};
use support::*;

fn start(db: &std::path::Path, limits: Limits) -> Server {
    let opts = Options { db: db.to_path_buf(), round: Round::Final, bind: "127.0.0.1:0".parse().unwrap(), limits, stop_on_signals: false };
    Server::start(opts, &mut rand_chacha::ChaCha8Rng::seed_from_u64(11), now(), None).unwrap()
}

#[test]
fn the_api_answers_every_case_with_its_status_and_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let nos = final_ready(&db, 3, 2);
    {
        let mut s = Store::open(&db).unwrap();
        let j1 = saiwu_core::judging::lan::round_judges(&s, Round::Final).unwrap()[0].id;
        saiwu_core::actions::judging::declare_conflict(&mut s, Round::Final, j1, &nos[2], "曾任该企业顾问", "秘书处", now()).unwrap();
    }
    let server = start(&db, Limits { max_body: 512, ..Default::default() });
    assert!(server.url.starts_with("http://127.0.0.1:"));
    let tok = server.state.tokens.iter().find(|t| t.judge == "评委01").unwrap().token.clone();
    let a = server.addr;

    // The page: served from the binary with a strict CSP and no referrer.
    let page = http(a, "GET", &format!("/j/{tok}"), None).unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("评委手机评分"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(page.header("referrer-policy").as_deref(), Some("no-referrer"));
    assert_eq!(http(a, "GET", "/phone.js", None).unwrap().status, 200);

    let list = http(a, "GET", &format!("/api/judge/{tok}"), None).unwrap();
    assert_eq!(list.status, 200, "{}", list.body);
    let v = list.json();
    assert_eq!(v["judge"], "评委01");
    assert_eq!(v["round"], "final");
    assert_eq!(v["entries"].as_array().unwrap().len(), 3);
    assert_eq!(v["entries"][0]["sheet"]["criteria"][0]["max"], 30);
    assert!(v["entries"][0]["score"].is_null());
    assert!(!list.body.contains("id_number") && !list.body.contains("phone\""));

    let put = |no: &str, body: &str| http(a, "PUT", &format!("/api/judge/{tok}/scores/{}", seg(no)), Some(body)).unwrap();
    let body = criteria_body(&planned(1, 1));
    let ok = put(&nos[0], &body);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.json()["locked"], true);
    let again = put(&nos[0], &body);
    assert_eq!((again.status, again.json()), (200, ok.json()), "an identical resend is the same answer");
    let other = put(&nos[0], &criteria_body(&planned(2, 2)));
    assert_eq!(other.status, 409);
    assert_eq!(other.json()["code"], "LOCKED");
    assert!(other.json()["message"].as_str().unwrap().contains("秘书处"));

    let out_of_range = put(&nos[1], "{\"criteria\":[31,10,10,10,5,5]}");
    assert_eq!(out_of_range.status, 422);
    assert_eq!(out_of_range.json()["code"], "INVALID_SCORE");
    assert!(out_of_range.json()["message"].as_str().unwrap().contains("超出 0～30 分"), "{}", out_of_range.body);
    let recused = put(&nos[2], &body);
    assert_eq!((recused.status, recused.json()["code"].as_str()), (422, Some("RECUSED")));
    let garbage = put(&nos[1], "{\"score\": 5}");
    assert_eq!(garbage.status, 422);
    let not_mine = put("NOT-AN-ENTRY", &body);
    assert_eq!((not_mine.status, not_mine.json()["code"].as_str()), (404, Some("NOT_ON_LIST")));
    let unknown = http(a, "GET", "/api/judge/abcdefghjkmnpqrstuvwxyz2", None).unwrap();
    assert_eq!((unknown.status, unknown.json()["code"].as_str()), (403, Some("TOKEN_INVALID")));
    let big = put(&nos[1], &format!("{{\"criteria\":[{}]}}", vec!["1"; 400].join(",")));
    assert_eq!((big.status, big.json()["code"].as_str()), (413, Some("TOO_LARGE")));

    // The secretariat's correction shows in the phone's list.
    {
        let mut s = Store::open(&db).unwrap();
        let value = ScoreValue::Criteria { values: vec![2000, 1500, 1000, 1000, 500, 500] };
        saiwu_core::actions::lan::correct_score(&mut s, Round::Final, "评委01", &nos[0], &value, "评委当场更正", "秘书处", now()).unwrap();
    }
    let v = http(a, "GET", &format!("/api/judge/{tok}"), None).unwrap().json();
    let e0 = v["entries"].as_array().unwrap().iter().find(|e| e["project_no"] == nos[0].as_str()).unwrap().clone();
    assert_eq!(e0["score"]["total"], 65.0);

    // Closing the round ends the tokens at once and stops the server.
    {
        let mut s = Store::open(&db).unwrap();
        assert!(saiwu_core::actions::lan::close_round(&mut s, Round::Final, now()).unwrap());
    }
    let mut closed = None;
    while server.is_running() {
        match http(a, "GET", &format!("/api/judge/{tok}"), None) {
            Ok(ans) => closed = Some(ans),
            Err(_) => break,
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if let Some(ans) = closed {
        assert_eq!(ans.status, 403, "a closed round's token opens nothing: {}", ans.body);
    }
    while server.is_running() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(http(a, "GET", "/", None).is_err(), "nothing listens after the round closed");
}

#[test]
fn the_server_refuses_all_interfaces_and_a_token_beyond_its_rate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    final_ready(&db, 1, 1);
    let opts = Options { db: db.clone(), round: Round::Final, bind: "0.0.0.0:0".parse().unwrap(), limits: Limits::default(), stop_on_signals: false };
    let e = Server::start(opts, &mut rand_chacha::ChaCha8Rng::seed_from_u64(1), now(), None).err().unwrap();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(e.to_string().contains("127.0.0.1"));

    let server = start(&db, Limits { per_token_per_minute: 5, ..Default::default() });
    let tok = server.state.tokens[0].token.clone();
    let statuses: Vec<u16> = (0..7).map(|_| http(server.addr, "GET", &format!("/api/judge/{tok}"), None).unwrap().status).collect();
    assert_eq!(statuses, vec![200, 200, 200, 200, 200, 429, 429]);
    server.stop();
}
