//! End-to-end: the judges' phone page (issue #13) in a real browser — headless Chromium at a phone's
//! viewport (360×740, mobile emulation) through ChromeDriver — against `saiwu serve` on 127.0.0.1. A judge
//! meets an out-of-range value (the message, no submit), scores an entry, meets a 回避 entry, sees the
//! secretariat's correction (made with `saiwu scores correct`) and loses the server mid-round: the unsent
//! score is kept on the phone and sent again when the server is back.
//! Needs the Debian packages chromium and chromium-driver (scripts/setup.sh --test).
//! Run: `cargo build -p saiwu-cli && cargo test -p saiwu-e2e --test lan_phone`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use saiwu_e2e::*;
use serde_json::{json, Value};
use thirtyfour::prelude::*;

const V1: &str = "fixtures/generated/export_v1.xlsx";
/// How long a condition may take to hold before the test fails (the page polls every 3–5 s).
const PATIENCE: Duration = Duration::from_secs(60);

/// `saiwu serve` for the final, in the background; SIGKILLed when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
}

impl Serve {
    fn start(db: &Path, bind: &str) -> Serve {
        let data_dir = db.parent().unwrap().join("data");
        let mut child = Command::new(cli_binary())
            .arg("--db")
            .arg(db)
            .arg("--data-dir")
            .arg(data_dir)
            .args(["serve", "--round", "final", "--bind", bind])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start saiwu serve");
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
        assert!(first.contains("手机评分已开放：http://"), "saiwu serve printed {first:?}");
        let addr = first.trim().rsplit("http://").next().unwrap().parse().unwrap();
        Serve { child, addr }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// ChromeDriver on a free port; killed when dropped.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    fn start() -> ChromeDriver {
        let bin = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].into_iter().map(PathBuf::from).find(|p| p.exists());
        let Some(bin) = bin else {
            panic!("chromedriver is missing: install the Debian packages chromium and chromium-driver (bash scripts/setup.sh --test)");
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(bin).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("start chromedriver");
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < PATIENCE, "chromedriver did not listen on {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        ChromeDriver { child, port }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get_json(addr: SocketAddr, path: &str) -> Value {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("GET {path}: {e}\n{text}"))
}

async fn testid(d: &WebDriver, id: &str) -> WebElement {
    let css = format!("[data-testid='{id}']");
    let start = Instant::now();
    loop {
        if let Ok(e) = d.find(By::Css(&css)).await {
            return e;
        }
        assert!(start.elapsed() < PATIENCE, "no {css} on the phone page");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the element's text satisfies `ok` (a displayed element; hidden ones read as "").
async fn wait_text(d: &WebDriver, id: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    let mut last = String::new();
    loop {
        let e = testid(d, id).await;
        if e.is_displayed().await.unwrap_or(false) {
            last = e.text().await.unwrap_or_default();
            if ok(&last) {
                return last;
            }
        }
        if start.elapsed() > PATIENCE {
            let _ = std::fs::write(screenshots_dir().join("lan_phone-failure.png"), d.screenshot_as_png().await.unwrap_or_default());
            panic!("[data-testid='{id}'] never showed {what}; last text {last:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn type_into(d: &WebDriver, id: &str, text: &str) {
    let e = testid(d, id).await;
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

/// Walks the list to its start, then forward until the page shows entry `no`.
async fn go_to(d: &WebDriver, no: &str) {
    loop {
        let prev = testid(d, "phone-prev").await;
        if !prev.is_enabled().await.unwrap_or(false) {
            break;
        }
        prev.click().await.unwrap();
    }
    loop {
        if testid(d, "phone-entry-no").await.text().await.unwrap_or_default() == no {
            return;
        }
        let next = testid(d, "phone-next").await;
        assert!(next.is_enabled().await.unwrap_or(false), "entry {no} is not on the phone's list");
        next.click().await.unwrap();
    }
}

/// The stored total of entry `no` on the judge's list, as the API reports it.
fn stored_total(addr: SocketAddr, token: &str, no: &str) -> Option<f64> {
    let list = get_json(addr, &format!("/api/judge/{token}"));
    list["entries"].as_array()?.iter().find(|e| e["project_no"] == no)?["score"]["total"].as_f64()
}

async fn enter_scores(d: &WebDriver, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        type_into(d, &format!("phone-input-{i}"), v).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_judge_scores_from_a_phone_browser_through_a_recusal_a_correction_and_a_lost_server() {
    let tmp = tempfile::Builder::new().prefix("saiwu-lan-phone-").tempdir().unwrap();
    let db = tmp.path().join("contest.sqlite");
    saiwu_ok(&db, &["import", "entries", &repo_file(V1).to_string_lossy(), "--json"]);
    saiwu_ok(&db, &["import", "reference", "judges", &repo_file("fixtures/handmade/judges.xlsx").to_string_lossy(), "--json"]);
    saiwu_ok(&db, &["panels", "--round", "preliminary", "--auto", "--json"]);
    let prelim = fill_scores(&db, "preliminary", false);
    saiwu_ok(&db, &["scores", "import", "--round", "preliminary", &prelim.to_string_lossy(), "--json"]);
    saiwu_ok(&db, &["advance", "--round", "final", "--top", "3", "--json"]);
    saiwu_ok(&db, &["panels", "--round", "final", "--auto", "--json"]);

    let server = Serve::start(&db, "127.0.0.1:0");
    let tokens = saiwu_json(&db, &["judges", "tokens", "--round", "final", "--json"]);
    // A judge of the enterprise panel: the first whose list has the three enterprise finalists.
    let (judge, token, url, list) = tokens
        .as_array()
        .unwrap()
        .iter()
        .find_map(|t| {
            let tok = t["token"].as_str().unwrap();
            let list = get_json(server.addr, &format!("/api/judge/{tok}"));
            let n = list["entries"].as_array().map_or(0, |e| e.iter().filter(|x| x["group"] == "enterprise").count());
            (n >= 3).then(|| (t["judge"].as_str().unwrap().to_string(), tok.to_string(), t["url"].as_str().unwrap().to_string(), list))
        })
        .expect("a judge with the enterprise finalists");
    let entries: Vec<String> = list["entries"].as_array().unwrap().iter().map(|e| e["project_no"].as_str().unwrap().to_string()).collect();
    let (first, recused, third) = (entries[0].clone(), entries[1].clone(), entries[2].clone());
    // The judge stands aside for the second entry (keyed from the paper 回避 mark).
    let csv = tmp.path().join("recusal.csv");
    std::fs::write(&csv, format!("项目编号,评委,总分\n{recused},{judge},回避\n")).unwrap();
    saiwu_ok(&db, &["scores", "import", "--round", "final", &csv.to_string_lossy(), "--json"]);

    let chromedriver = ChromeDriver::start();
    let mut caps = DesiredCapabilities::chrome();
    caps.set_headless().unwrap();
    caps.add_arg("--no-sandbox").unwrap();
    caps.add_arg("--disable-gpu").unwrap();
    caps.add_arg("--window-size=360,740").unwrap();
    caps.add_experimental_option("mobileEmulation", json!({"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0, "touch": true}}))
        .unwrap();
    let d = WebDriver::new(format!("http://127.0.0.1:{}", chromedriver.port), caps).await.expect("start headless Chromium");
    d.goto(&url).await.unwrap();
    assert!(url.ends_with(&format!("/j/{token}")));

    wait_text(&d, "phone-judge", "the judge's name", |t| t.contains(&judge)).await;
    let width: i64 = d.execute("return window.innerWidth", Vec::<Value>::new()).await.unwrap().json().as_i64().unwrap();
    assert_eq!(width, 360, "a phone's viewport");
    let scroll: i64 = d.execute("return document.documentElement.scrollWidth", Vec::<Value>::new()).await.unwrap().json().as_i64().unwrap();
    assert!(scroll <= 360, "nothing wider than the phone's screen ({scroll}px)");
    wait_text(&d, "phone-entry-no", "the first entry", |t| t == first).await;

    // Out of range: the message names the criterion's maximum and the button stays off.
    enter_scores(&d, &["31", "18", "12", "13", "8", "9"]).await;
    wait_text(&d, "phone-error-0", "the range message", |t| t.contains("超出范围") && t.contains("30")).await;
    assert!(!testid(&d, "phone-submit").await.is_enabled().await.unwrap());
    let _ = std::fs::write(screenshots_dir().join("lan_phone-range.png"), d.screenshot_as_png().await.unwrap());

    // A valid score, confirmed, then locked.
    type_into(&d, "phone-input-0", "28.5").await;
    wait_text(&d, "phone-total", "the sum", |t| t == "88.5").await;
    testid(&d, "phone-submit").await.click().await.unwrap();
    wait_text(&d, "phone-confirm-text", "the confirmation", |t| t.contains("88.5") && t.contains("确认")).await;
    testid(&d, "phone-confirm").await.click().await.unwrap();
    wait_text(&d, "phone-message", "the acknowledgement", |t| t.contains("已提交")).await;
    assert_eq!(stored_total(server.addr, &token, &first), Some(88.5));

    // The 回避 entry: shown as such, nothing to fill in.
    go_to(&d, &recused).await;
    wait_text(&d, "phone-recused", "the 回避 note", |t| t.contains("回避")).await;
    assert!(!testid(&d, "phone-submit").await.is_displayed().await.unwrap());

    // The secretariat corrects the first score; the phone shows the corrected, locked value.
    saiwu_ok(
        &db,
        &["scores", "correct", "--round", "final", "--judge", &judge, "--entry", &first, "--criteria", "25,18,12,13,8,9", "--reason", "评委当场更正"],
    );
    go_to(&d, &first).await;
    wait_text(&d, "phone-locked", "the corrected score", |t| t.contains("85") && t.contains("锁定")).await;
    let _ = std::fs::write(screenshots_dir().join("lan_phone-locked.png"), d.screenshot_as_png().await.unwrap());

    // The server goes away mid-round: the score is kept on the phone and sent when it is back.
    let addr = server.addr;
    drop(server);
    go_to(&d, &third).await;
    enter_scores(&d, &["20", "15", "10", "10", "5", "5"]).await;
    testid(&d, "phone-submit").await.click().await.unwrap();
    testid(&d, "phone-confirm").await.click().await.unwrap();
    wait_text(&d, "phone-pending", "the kept score", |t| t.contains("1 个评分尚未送达")).await;
    let kept: Value = d.execute(&format!("return localStorage.getItem('saiwu-pending-{token}')"), Vec::<Value>::new()).await.unwrap().json().clone();
    assert!(kept.as_str().is_some_and(|s| s.contains(&third)), "{kept}");
    let server = Serve::start(&db, &addr.to_string());
    wait_text(&d, "phone-locked", "the resent score, locked", |t| t.contains("65") && t.contains("锁定")).await;
    let pending_shown = testid(&d, "phone-pending").await.is_displayed().await.unwrap();
    assert!(!pending_shown, "nothing left unsent");
    assert_eq!(stored_total(server.addr, &token, &third), Some(65.0));
    d.quit().await.unwrap();
}
