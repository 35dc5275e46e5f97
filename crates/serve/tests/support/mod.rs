//! What the server's tests share: a contest with a final ready to score, and a tiny blocking HTTP client
//! (plain std TCP, `Connection: close`), enough for JSON requests to 127.0.0.1.
#![allow(dead_code)]
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use saiwu_core::import::ApplyRequest;
use saiwu_core::judges::JudgeInput;
use saiwu_core::judging;
use saiwu_core::model::{Group, Round};
use saiwu_core::Store;

pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-09-20T09:30:00+08:00").unwrap()
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A contest at `db` whose final holds `entries` enterprise entries and `judges` judges (评委01 …), no panels.
/// Returns the finalists' project numbers.
pub fn final_ready(db: &Path, entries: usize, judges: usize) -> Vec<String> {
    let mut store = Store::open(db).unwrap();
    saiwu_core::actions::import::apply(
        &mut store,
        &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() },
        now(),
        &mut |_| {},
    )
    .unwrap();
    for i in 1..=judges {
        saiwu_core::actions::judges::add(&mut store, &JudgeInput { name: format!("评委{i:02}"), ..Default::default() }, now()).unwrap();
    }
    let prelim = judging::round_entries(&store, Round::Preliminary).unwrap();
    let nos: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).take(entries).map(|e| e.project_no.clone()).collect();
    assert_eq!(nos.len(), entries, "the fixture has enough enterprise entries");
    for no in &nos {
        saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：直接进入决赛", "秘书处", now()).unwrap();
    }
    nos
}

/// An HTTP answer: status, raw head, body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Percent-encodes a path segment.
pub fn seg(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// One request; an error when the server cannot be reached or drops the connection.
pub fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&str>) -> std::io::Result<Answer> {
    let mut s = TcpStream::connect(addr)?;
    let body = body.unwrap_or("");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").ok_or_else(|| std::io::Error::other(format!("no HTTP head: {text:?}")))?;
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other(format!("no status: {head:?}")))?;
    Ok(Answer { status, head: head.to_string(), body: rest.to_string() })
}

/// The score judge `j` gives entry `e` on the enterprise sheet, in hundredths per criterion (50–99 % of each
/// maximum, so the values have up to two decimals and the totals differ).
pub fn planned(j: usize, e: usize) -> Vec<i64> {
    [30i64, 20, 15, 15, 10, 10].iter().enumerate().map(|(k, max)| max * (50 + ((j * 7 + e * 13 + k * 5 + j * e) % 50) as i64)).collect()
}

pub fn points(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

pub fn criteria_body(v: &[i64]) -> String {
    format!("{{\"criteria\":[{}]}}", v.iter().map(|h| points(*h)).collect::<Vec<_>>().join(","))
}
