//! End-to-end: 通知书 (issue #12, item 2). A contest scored to the final with the command-line program, the final's
//! roadshow order drawn for both groups and the award list frozen. In the window, on 通知书: 决赛通知 first says what
//! is missing (决赛地点, 决赛日期) with a link to 赛事设置; the venue, date, start and slot length are then saved (over
//! IPC: the settings page has its own tests) and the list shows each finalist's order and slot; the template
//! preview is the core's page; 生成 writes into the folder given through the test hook; the batch PDF is read back
//! with pdftotext (numbers, order, slot, venue, contacts) and the phoning list with calamine; then 获奖通知 are
//! generated and the log lists both kinds.
//! Run: `bash tests/e2e/run.sh letters` (needs poppler-utils for pdftotext).

use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use saiwu_e2e::*;
use serde_json::{json, Value};

fn prepare(db: &Path) {
    prepare_scored_final(db, 4, false);
    for (group, seed) in [("enterprise", "11"), ("startup", "12")] {
        saiwu_ok(db, &["draw", "--round", "final", "--group", group, "--seed", seed, "--json"]);
    }
    saiwu_ok(db, &["awards", "--freeze", "主任"]);
    eprintln!("[letters] prepared: final scored and drawn, award list frozen");
}

/// The pages of a PDF as text without whitespace (pdftotext is required: no skipping).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let mut pages: Vec<String> = pdf_text(pdf).split('\u{c}').map(|p| p.split_whitespace().collect::<String>()).collect();
    while pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finalist_and_award_letters_from_the_window() {
    let mut app = App::launch_prepared("letters", prepare).await;
    let out_dir = app.db.parent().unwrap().join("通知书");

    app.step("决赛通知：缺少决赛地点和日期时说明并给出链接");
    app.nav("letters").await;
    app.wait_text_where(&tid("letters-missing"), "the missing venue and date", |t| t.contains("决赛地点") && t.contains("决赛日期")).await;
    app.wait_testid("letters-fix-settings").await;
    let disabled = app.driver().execute("return document.querySelector('[data-testid=\"letters-write\"]').disabled", Vec::<Value>::new()).await;
    app.check(disabled.map(|r| r.json() == &json!(true)).unwrap_or(false), "生成 is disabled while something is missing").await;
    app.shot("missing").await;

    app.step("设置决赛地点、日期、开始时间和每个时段的分钟数");
    let mut s = app.invoke("settings_get", json!({})).await;
    s["venue"] = json!("长治市科技创新中心报告厅");
    s["final_date"] = json!("2026-07-25");
    s["final_start"] = json!("08:30");
    s["slot_minutes"] = json!(20);
    app.invoke("settings_save", json!({ "settings": s })).await;
    // Back to the page: the list now shows the order and slot of every finalist.
    app.nav("dashboard").await;
    app.nav("letters").await;
    let overview = app.invoke("letters_overview", json!({ "kind": "finalist" })).await;
    let letters = overview["letters"].as_array().cloned().unwrap_or_default();
    app.check(overview["missing"].as_array().is_some_and(|m| m.is_empty()), format!("nothing missing now: {}", overview["missing"])).await;
    app.check(letters.len() == 8, format!("4 finalists per group: {}", letters.len())).await;
    app.check(
        letters[0]["slot"] == "8:30–8:50" && letters[5]["slot"] == "10:10–10:30",
        format!("slots: {} {}", letters[0]["slot"], letters[5]["slot"]),
    )
    .await;
    let first_slot = "企业组第 1 位 8:30–8:50";
    app.wait_content_where(&tid("letters-list"), "the first slot in the list", |t| t.contains(first_slot)).await;

    app.step("模板预览即 PDF 的版面");
    app.wait_text_where(&format!("{} text[data-role=\"title\"]", tid("letters-preview")), "the title", |t| t == "决赛通知").await;
    let body = app.driver().execute("return document.querySelector('[data-testid=\"letters-preview\"]').textContent", Vec::<Value>::new()).await;
    let body: String = body.map(|r| r.json().as_str().unwrap_or_default().split_whitespace().collect()).unwrap_or_default();
    app.check(body.contains("长治市科技创新中心报告厅") && body.contains("8:30–8:50"), format!("the preview names the venue and the slot: {body}"))
        .await;
    app.shot("ready").await;

    app.step("生成决赛通知");
    app.type_into(&tid("letters-by"), "王秘书").await;
    app.next_save_path(&out_dir).await;
    app.click_testid("letters-write").await;
    app.wait_text_where_within(&tid("letters-result-count"), "the letters written", SLOW, |t| num(t) == 8).await;
    app.shot("written").await;

    app.step("用 pdftotext 读回决赛通知");
    let batch = out_dir.join("决赛通知-全部.pdf");
    let pages = pdf_pages(&batch);
    app.check(pages.len() == 8, format!("8 pages expected, got {}", pages.len())).await;
    let _ = std::fs::copy(&batch, screenshots_dir().join("letters-batch.pdf"));
    for (i, (p, l)) in pages.iter().zip(&letters).enumerate() {
        let n = i + 1;
        let number = format!("长治创客〔2026〕决赛通知第{n:03}号");
        let order = format!("第{}位出场", l["order"]);
        let slot = l["slot"].as_str().unwrap_or("?");
        for want in [
            number.as_str(),
            order.as_str(),
            slot,
            "长治市科技创新中心报告厅",
            "2026年7月25日",
            "杨希0355-3032370",
            l["project_no"].as_str().unwrap_or("?"),
        ] {
            app.check(p.contains(want), format!("page {n} should contain {want}: {p}")).await;
        }
    }
    app.check(
        out_dir.join(format!("长治创客〔2026〕决赛通知第001号-{}.pdf", letters[0]["project_name"].as_str().unwrap_or(""))).is_file(),
        "one PDF per letter, named by number and project",
    )
    .await;

    app.step("联系名单（xlsx）");
    let mut wb = open_workbook_auto(out_dir.join("决赛通知-联系名单.xlsx")).unwrap();
    let r = wb.worksheet_range("决赛通知联系名单").unwrap();
    let rows: Vec<Vec<String>> = r.rows().map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
    app.check(rows[0][0].contains("完整号码"), format!("the title says the phones are full: {:?}", rows[0])).await;
    app.check(rows.len() == 10, format!("title, header and 8 rows: {}", rows.len())).await;
    app.check(rows[2][0] == "长治创客〔2026〕决赛通知第001号" && rows[2][9] == "8:30–8:50", format!("first row: {:?}", rows[2])).await;

    app.step("获奖通知");
    app.click_testid("letters-kind-award").await;
    app.wait_text_where(&format!("{} text[data-role=\"title\"]", tid("letters-preview")), "the award title", |t| t == "获奖通知").await;
    let awards = app.invoke("letters_overview", json!({ "kind": "award" })).await["letters"].as_array().cloned().unwrap_or_default();
    app.check(!awards.is_empty(), "the frozen list has awards").await;
    app.next_save_path(&out_dir).await;
    app.click_testid("letters-write").await;
    app.wait_text_where_within(&tid("letters-result-count"), "the award letters written", SLOW, |t| num(t) == awards.len() as i64).await;
    let pages = pdf_pages(&out_dir.join("获奖通知-全部.pdf"));
    app.check(pages.len() == awards.len(), format!("{} award pages, got {}", awards.len(), pages.len())).await;
    let prize = awards[0]["prize"].as_str().unwrap_or("?");
    app.check(
        pages[0].contains("长治创客〔2026〕获奖通知第001号") && pages[0].contains(prize) && pages[0].contains("奖金"),
        format!("first award page: {}", pages[0]),
    )
    .await;
    app.wait_content_where(&tid("letters-log"), "both kinds in the log", |t| {
        t.contains("获奖通知") && t.contains("决赛通知") && t.contains("王秘书")
    })
    .await;
    app.shot("award-written").await;
    app.close().await;
}
