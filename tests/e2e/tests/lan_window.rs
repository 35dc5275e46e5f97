//! End-to-end: 评审 → 手机评分 (issue #13). The secretariat opens phone scoring for the final in the window
//! (127.0.0.1, any free port), sees each judge's QR code and prints the score sheets that now carry them; the test then sends every judge's scores over HTTP
//! the way the phones do, and the judges × entries matrix and the projector window follow as they arrive.
//! Closing the round in the window stops the server. The contest is prepared with the command-line program.
//! Run: `bash tests/e2e/run.sh lan_window`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;

use saiwu_e2e::*;
use serde_json::{json, Value};

const V1: &str = "fixtures/generated/export_v1.xlsx";

/// Every judge gives each of the three enterprise finalists the same sheet: 90, 85 and 80 points.
const SCORES: [&str; 3] = ["[28,18,13,13,9,9]", "[26,17,12,12,9,9]", "[24,16,11,11,9,9]"];
const SHOWN: [&str; 3] = ["90.00", "85.00", "80.00"];

fn prepare(db: &Path) {
    saiwu_ok(db, &["import", "entries", &repo_file(V1).to_string_lossy(), "--json"]);
    saiwu_ok(db, &["import", "reference", "judges", &repo_file("fixtures/handmade/judges.xlsx").to_string_lossy(), "--json"]);
    saiwu_ok(db, &["panels", "--round", "preliminary", "--auto", "--json"]);
    let prelim = fill_scores(db, "preliminary", false);
    saiwu_ok(db, &["scores", "import", "--round", "preliminary", &prelim.to_string_lossy(), "--json"]);
    saiwu_ok(db, &["advance", "--round", "final", "--top", "3", "--json"]);
    saiwu_ok(db, &["panels", "--round", "final", "--auto", "--json"]);
}

/// One request as a phone sends it; (status, body).
fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(addr)?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut text = String::new();
    s.read_to_string(&mut text)?;
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()))
}

fn seg(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lan_scoring_opened_in_the_window_feeds_the_matrix_and_the_projector() {
    let mut app = App::launch_prepared("lan_window", prepare).await;

    app.step("评审 → 决赛 → 手机评分");
    app.nav("judging").await;
    app.click_testid("judging-round-final").await;
    app.click_testid("judging-tab-lan").await;
    app.wait_testid("lan-tab").await;
    app.wait_text_where(&tid("lan-status"), "not open yet", |t| t.contains("尚未开放")).await;

    app.step("绑定 127.0.0.1，端口 0（任选），开放");
    app.click_testid("lan-address").await;
    let mut chosen = false;
    for _ in 0..50 {
        for item in app.visible(".el-select-dropdown__item").await {
            if item.text().await.unwrap_or_default().trim() == "127.0.0.1" {
                chosen = item.click().await.is_ok();
                break;
            }
        }
        if chosen {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.check(chosen, "127.0.0.1 should be offered").await;
    app.type_into(&format!("{} input", tid("lan-port")), "0").await;
    app.click_testid("lan-open").await;
    let url = app.wait_text_where(&tid("lan-url"), "the server's URL", |t| t.starts_with("http://127.0.0.1:")).await;
    let addr: SocketAddr = url.trim().trim_start_matches("http://").parse().unwrap();
    let qrs = app.count(&format!("{} [data-testid=\"lan-qr\"] rect", tid("lan-tokens"))).await;
    app.check(qrs > 100, format!("every judge's QR code is drawn as rects ({qrs})")).await;
    app.shot("opened").await;

    // The judges and their tokens, as the window has them.
    let view = app.invoke("lan_status", json!({ "roundCode": "final" })).await;
    let tokens: Vec<(String, String)> = view["state"]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["judge"].as_str().unwrap().to_string(), t["token"].as_str().unwrap().to_string()))
        .collect();
    app.check(!tokens.is_empty() && view["running"] == true, format!("tokens and a running server: {view}")).await;

    app.step("评分表：开放之后打印的评分表带每位评委自己的二维码和网址");
    app.wait_testid("lan-sheet-hint").await;
    app.click_testid("judging-tab-sheets").await;
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let pdf = out_dir.path().join("决赛评分表.pdf");
    app.next_save_path(&pdf).await;
    app.click_testid("sheets-pdf").await;
    app.wait_text_where(".el-message", "the saved message", |t| t.contains("评分表 PDF 已保存")).await;
    let text: String = pdf_text(&pdf).split_whitespace().collect();
    for (judge, token) in &tokens {
        let want = format!("手机评分网址：{}/j/{token}", url.trim());
        app.check(text.contains(&want), format!("{judge}'s sheet carries {want}")).await;
    }
    app.check(text.matches("手机扫码评分").count() >= tokens.len(), "a QR caption on every judge's page").await;
    app.click_testid("judging-tab-lan").await;
    app.wait_testid("lan-tab").await;
    // The enterprise finalists in the order of the ranking.
    let ranking = saiwu_json(&app.db, &["ranking", "--round", "final", "--json"]);
    let nos: Vec<String> =
        ranking.as_array().unwrap().iter().filter(|e| e["group"] == "enterprise").map(|e| e["project_no"].as_str().unwrap().to_string()).collect();
    app.check(nos.len() == 3, format!("three enterprise finalists: {ranking}")).await;

    app.step("投屏：打开决赛的投屏");
    let main = app.driver().window().await.expect("main window handle");
    app.click_testid("judging-tab-ranking").await;
    app.click_testid("ranking-projector").await;
    let projector = app.second_window(&main).await;
    app.driver().switch_to_window(projector.clone()).await.expect("switch to the projector");
    let row = |no: &str| format!("{} tr.projector-row[data-project-no=\"{no}\"]", tid("projector-group-enterprise"));
    app.wait_for(&format!("{}[data-round=\"final\"]", tid("projector"))).await;

    app.step("手机：每位评委提交三个项目的评分（HTTP）");
    let mut sent = 0;
    for (judge, tok) in &tokens {
        let (status, list) = http(addr, "GET", &format!("/api/judge/{tok}"), "").unwrap();
        app.check(status == 200, format!("GET for {judge}: {status} {list}")).await;
        let list: Value = serde_json::from_str(&list).unwrap();
        let mine: Vec<String> = list["entries"].as_array().unwrap().iter().map(|e| e["project_no"].as_str().unwrap().to_string()).collect();
        for (i, no) in nos.iter().enumerate() {
            if !mine.contains(no) {
                continue;
            }
            let (status, body) =
                http(addr, "PUT", &format!("/api/judge/{tok}/scores/{}", seg(no)), &format!("{{\"criteria\":{}}}", SCORES[i])).unwrap();
            app.check(status == 200, format!("PUT {judge} × {no}: {status} {body}")).await;
            sent += 1;
        }
    }
    app.check(sent >= 9, format!("at least three judges score each entry ({sent} scores sent)")).await;

    app.step("投屏：名次与得分随手机评分出现");
    for (i, no) in nos.iter().enumerate() {
        app.wait_for(&format!("{}[data-rank=\"{}\"]", row(no), i + 1)).await;
        app.wait_text_where(&format!("{} .score", row(no)), SHOWN[i], |t| t == SHOWN[i]).await;
    }
    app.shot("projector").await;

    app.step("主窗口：评分进度矩阵");
    app.driver().switch_to_window(main.clone()).await.expect("back to the main window");
    app.click_testid("judging-tab-lan").await;
    app.wait_testid("lan-matrix").await;
    let want = format!("已评 {sent}");
    app.wait_text_where(&tid("lan-counts"), &want, |t| t.starts_with(&want)).await;
    for no in &nos {
        let scored = app.count(&format!("{} td.lan-cell[data-state=\"scored\"]", tid(&format!("lan-row-{no}")))).await;
        app.check(scored >= 3, format!("{no} should show its judges' scores in the matrix ({scored})")).await;
    }
    app.shot("matrix").await;

    app.step("结束本轮手机评分：服务停止");
    app.click_testid("lan-close").await;
    app.click(".el-message-box__btns .el-button--primary").await;
    app.wait_text_where(&tid("lan-status"), "closed", |t| t.contains("已结束")).await;
    let after = http(addr, "GET", &format!("/api/judge/{}", tokens[0].1), "");
    app.check(after.is_err(), format!("nothing listens after the round closed: {after:?}")).await;
    app.shot("closed").await;
    app.close().await;
}
