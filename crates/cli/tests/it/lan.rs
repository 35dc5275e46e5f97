//! Phone scoring from the command line (issue #13): `saiwu serve` killed with SIGKILL in the middle of a
//! round loses no score a phone was told is stored (200), and the file stays whole; `judges tokens`,
//! `scores correct` and `round close` do what docs/LAN.md says.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use saiwu_core::import::ApplyRequest;
use saiwu_core::judges::JudgeInput;
use saiwu_core::model::{Group, Round};

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-09-20T09:30:00+08:00").unwrap()
}

fn saiwu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saiwu")).arg("--db").arg(db).arg("--data-dir").arg(db.parent().unwrap()).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = saiwu(db, args);
    assert!(o.status.success(), "saiwu {} failed ({:?}): {}", args.join(" "), o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// A final of `entries` enterprise entries and `judges` judges (评委01 …); the finalists' numbers.
fn final_ready(db: &Path, entries: usize, judges: usize) -> Vec<String> {
    let mut store = saiwu_core::Store::open(db).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    saiwu_core::actions::import::apply(
        &mut store,
        &ApplyRequest { path: root.join("fixtures/generated/export_v1.xlsx"), ..Default::default() },
        now(),
        &mut |_| {},
    )
    .unwrap();
    for i in 1..=judges {
        saiwu_core::actions::judges::add(&mut store, &JudgeInput { name: format!("评委{i:02}"), ..Default::default() }, now()).unwrap();
    }
    let prelim = saiwu_core::judging::round_entries(&store, Round::Preliminary).unwrap();
    let nos: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).take(entries).map(|e| e.project_no.clone()).collect();
    for no in &nos {
        saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：直接进入决赛", "秘书处", now()).unwrap();
    }
    nos
}

fn seg(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// One PUT; the status, or an error when the server is gone.
fn put(addr: SocketAddr, path: &str, body: &str) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(addr)?;
    write!(
        s,
        "PUT {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut buf = String::new();
    s.read_to_string(&mut buf)?;
    buf.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other("no status"))
}

/// Judge `j`'s total for entry `e` on the enterprise sheet's six criteria, hundredths per criterion.
fn planned(j: usize, e: usize) -> Vec<i64> {
    [30i64, 20, 15, 15, 10, 10].iter().enumerate().map(|(k, max)| max * (50 + ((j * 3 + e * 11 + k * 7) % 50) as i64)).collect()
}

fn body(v: &[i64]) -> String {
    format!("{{\"criteria\":[{}]}}", v.iter().map(|h| format!("{}.{:02}", h / 100, h % 100)).collect::<Vec<_>>().join(","))
}

/// Starts `saiwu serve` on a free port of 127.0.0.1; the child and the address it printed.
fn serve(db: &Path) -> (std::process::Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saiwu"))
        .arg("--db")
        .arg(db)
        .arg("--data-dir")
        .arg(db.parent().unwrap())
        .args(["serve", "--round", "final", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
    assert!(first.contains("手机评分已开放：http://"), "{first}");
    let addr = first.trim().rsplit("http://").next().unwrap().parse().unwrap();
    (child, addr)
}

#[cfg(unix)]
#[test]
fn serve_killed_mid_round_keeps_every_score_it_acknowledged() {
    use std::os::unix::process::ExitStatusExt;
    const JUDGES: usize = 10;
    const ENTRIES: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let nos = final_ready(&db, ENTRIES, JUDGES);
    let (mut child, addr) = serve(&db);
    let tokens: serde_json::Value = serde_json::from_str(&ok(&db, &["judges", "tokens", "--round", "final", "--json"])).unwrap();
    let tokens: Vec<(usize, String)> = tokens
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["judge"].as_str().unwrap().trim_start_matches("评委").parse().unwrap(), t["token"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(tokens.len(), JUDGES);

    let acked: Arc<Mutex<Vec<(usize, usize)>>> = Arc::default();
    let threads: Vec<_> = tokens
        .into_iter()
        .map(|(j, tok)| {
            let (acked, nos) = (acked.clone(), nos.clone());
            std::thread::spawn(move || {
                for (e, no) in nos.iter().enumerate() {
                    match put(addr, &format!("/api/judge/{tok}/scores/{}", seg(no)), &body(&planned(j, e))) {
                        Ok(200) => acked.lock().unwrap().push((j, e)),
                        Ok(other) => panic!("judge {j} entry {e}: status {other}"),
                        Err(_) => return, // the server was killed
                    }
                }
            })
        })
        .collect();
    // Kill in the middle: once some scores are acknowledged, while the others are still being sent.
    while acked.lock().unwrap().len() < JUDGES * ENTRIES / 4 {
        std::thread::yield_now();
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "killed by SIGKILL");
    for t in threads {
        t.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() < JUDGES * ENTRIES, "the kill came before the end of the round");

    let c = rusqlite::Connection::open(&db).unwrap();
    let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    for (j, e) in &acked {
        let judge = format!("评委{j:02}");
        let total: Option<i64> = c
            .query_row(
                "SELECT s.total FROM scores s JOIN judges jd ON jd.id = s.judge_id JOIN entries en ON en.key = s.entry_key
                 WHERE s.round = 'final' AND s.pass = 1 AND jd.name = ?1 AND en.project_no = ?2",
                rusqlite::params![judge, nos[*e]],
                |r| r.get(0),
            )
            .ok();
        assert_eq!(total, Some(planned(*j, *e).iter().sum()), "{judge} × {} was acknowledged but is not in the file", nos[*e]);
    }
    drop(c);
    ok(&db, &["audit", "verify"]);
}

#[test]
fn tokens_corrections_and_closing_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let nos = final_ready(&db, 2, 2);
    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["judges", "tokens", "--round", "final", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list[0]["url"].is_null(), "no address before scoring opens");
    let old = list[0]["token"].as_str().unwrap().to_string();
    let revoked: serde_json::Value =
        serde_json::from_str(&ok(&db, &["judges", "tokens", "--round", "final", "--revoke", list[0]["judge"].as_str().unwrap(), "--json"])).unwrap();
    assert!(revoked.as_array().unwrap().iter().all(|t| t["token"] != old.as_str()));
    assert!(ok(&db, &["judges"]).contains("共 2 位评委"), "the plain list still works");

    let (mut child, addr) = serve(&db);
    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["judges", "tokens", "--round", "final", "--json"])).unwrap();
    let tok = list.as_array().unwrap().iter().find(|t| t["judge"] == "评委01").unwrap()["token"].as_str().unwrap().to_string();
    assert_eq!(list[0]["url"].as_str().unwrap(), format!("http://{addr}/j/{}", list[0]["token"].as_str().unwrap()));
    assert_eq!(put(addr, &format!("/api/judge/{tok}/scores/{}", seg(&nos[0])), &body(&planned(1, 0))).unwrap(), 200);

    // A correction needs a reason; with one it replaces the locked score and is logged.
    let o = saiwu(&db, &["scores", "correct", "--round", "final", "--judge", "评委01", "--entry", &nos[0], "--total", "80", "--reason", " "]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    ok(
        &db,
        &[
            "scores",
            "correct",
            "--round",
            "final",
            "--judge",
            "评委01",
            "--entry",
            &nos[0],
            "--criteria",
            "25,18,12.5,13,8,9",
            "--reason",
            "评委当场更正",
        ],
    );

    // Closing the round stops the server by itself.
    assert!(ok(&db, &["round", "close", "--round", "final"]).contains("已结束"));
    let status = child.wait().unwrap();
    assert!(status.success(), "serve ends cleanly when the round closes: {status:?}");
    let mut rest = String::new();
    child.stdout.take().unwrap().read_to_string(&mut rest).unwrap();
    assert!(rest.contains("评分服务已停止"), "{rest}");
    let o = saiwu(&db, &["judges", "tokens", "--round", "final"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已结束"));
    let c = rusqlite::Connection::open(&db).unwrap();
    let (total, reason): (i64, String) = c
        .query_row(
            "SELECT s.total, (SELECT reason FROM score_log ORDER BY id DESC LIMIT 1) FROM scores s JOIN entries e ON e.key = s.entry_key WHERE e.project_no = ?1",
            [&nos[0]],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((total, reason.as_str()), (8550, "更正：评委当场更正"));
}
