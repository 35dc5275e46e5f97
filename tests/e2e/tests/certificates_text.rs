//! End-to-end: certificates a committee signs (issue #11, item 2). A contest scored to the final with the command-line
//! program (as in awards.rs, without a tie, so both groups' levels settle); in the window, on 证书: the preview is
//! the page the core lays out for the PDF (red double frame, red title, dashed 盖章处 circle — the same texts as
//! `certificate_preview` returns); 生成 without a date is refused before any folder is asked for; with the date the
//! preview shows it in Chinese numerals; the certificates of both groups are written, and the batch PDF read back
//! with `pdftotext`: 你单位 on 企业组 pages, 你团队 on 创业组 pages, the project name in “…”, never "项目项目" or
//! "项目 项目", the date 二〇二六年九月二十日, and every 企业组 page before the first 创业组 page.
//! Run: `bash tests/e2e/run.sh certificates_text` (needs poppler-utils for pdftotext).

use std::path::Path;

use saiwu_e2e::*;
use serde_json::{json, Value};

fn prepare(db: &Path) {
    prepare_scored_final(db, 5, false);
    eprintln!("[certificates_text] prepared: final scored, every level settled");
}

/// The pages of a PDF as text (`pdftotext -layout`, split at form feeds). pdftotext is required: no skipping.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(|p| p.split_whitespace().collect::<String>()).collect();
    while pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// The preview's SVG items as the window draws them: [{tag, role, text, fill, stroke, dash}].
async fn preview_items(app: &App) -> Vec<Value> {
    let script = "const svg = document.querySelector('[data-testid=\"cert-preview\"]'); if (!svg) return []; \
        return Array.from(svg.querySelectorAll('text, rect, circle')).map(e => ({ tag: e.tagName.toLowerCase(), \
        role: e.getAttribute('data-role'), text: e.textContent, fill: e.getAttribute('fill'), stroke: e.getAttribute('stroke'), \
        dash: e.getAttribute('stroke-dasharray') }))";
    match app.driver().execute(script, Vec::<Value>::new()).await {
        Ok(r) => r.json().as_array().cloned().unwrap_or_default(),
        Err(e) => app.fail(format!("could not read the preview: {e}")).await,
    }
}

fn texts_of(items: &[Value], tag_role: Option<&str>) -> Vec<String> {
    items
        .iter()
        .filter(|i| i["tag"] == "text" && tag_role.is_none_or(|r| i["role"] == r))
        .map(|i| i["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificates_read_back_for_both_groups() {
    let mut app = App::launch_prepared("certificates_text", prepare).await;
    let out_dir = app.db.parent().unwrap().join("证书");

    // Ground truth over IPC (read only): who gets a certificate, both groups present.
    let overview = app.invoke("certificates_overview", json!({})).await;
    let subjects = overview["subjects"].as_array().cloned().unwrap_or_default();
    let of_group = |g: &str| subjects.iter().filter(|s| s["group"] == g).cloned().collect::<Vec<_>>();
    let (enterprise, startup) = (of_group("enterprise"), of_group("startup"));
    app.check(!enterprise.is_empty() && !startup.is_empty(), format!("both groups should have awards: {overview}")).await;

    app.step("证书页：样张即 PDF 的版面");
    app.nav("certificates").await;
    app.wait_for(&format!("{} text[data-role=\"title\"]", tid("cert-preview"))).await;
    let items = preview_items(&app).await;
    let title = items.iter().find(|i| i["role"] == "title").cloned().unwrap_or_default();
    app.check(title["text"] == "荣誉证书" && title["fill"] == "rgb(179, 20, 20)", format!("a red 荣誉证书 title: {title}")).await;
    let frames = items.iter().filter(|i| i["tag"] == "rect" && i["stroke"] == "rgb(179, 20, 20)").count();
    app.check(frames == 2, format!("a red double-line frame, saw {frames} red rectangles")).await;
    let circle = items.iter().find(|i| i["tag"] == "circle").cloned().unwrap_or_default();
    app.check(circle["dash"].as_str().is_some_and(|d| !d.is_empty()), format!("a dashed seal circle: {circle}")).await;
    app.check(texts_of(&items, Some("seal_hint")) == ["盖章处"], "盖章处 in the circle").await;
    // The same page the core lays out for the PDF: the window shows exactly its texts.
    let template = overview["template"].clone();
    let first = subjects[0].clone();
    let page = app.invoke("certificate_preview", json!({ "template": template, "subject": first, "number": null })).await;
    let core_texts: Vec<String> =
        page["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "text").map(|i| i["text"].as_str().unwrap().to_string()).collect();
    app.check(texts_of(&items, None) == core_texts, format!("preview texts {:?} should be the core page's {core_texts:?}", texts_of(&items, None)))
        .await;
    let body: String = texts_of(&items, Some("body")).concat();
    let want = if first["group"] == "startup" { "你团队" } else { "你单位" };
    app.check(body.contains(want) && body.contains('“') && !body.contains("（团队）"), format!("the preview body should address {want}: {body}"))
        .await;
    app.check(texts_of(&items, Some("date")) == ["（未设颁发日期）"], "no date yet: the preview says so").await;
    app.shot("preview").await;

    app.step("没有颁发日期：先提示，不弹出选择文件夹");
    app.type_into(&tid("cert-by"), "王秘书").await;
    app.next_save_path(&out_dir).await;
    app.click_testid("cert-write").await;
    app.wait_text_where(".cert-write-problem", "the date asked for", |t| t.contains("颁发日期")).await;
    let still = app.driver().execute("return window.__SAIWU_TEST_SAVE_PATH__ ?? null", Vec::<Value>::new()).await;
    let still = still.map(|r| r.json().clone()).unwrap_or(Value::Null);
    app.check(still.as_str().is_some(), format!("the folder must not have been asked for (the test hook was taken: {still})")).await;
    app.check(!out_dir.exists(), "nothing written without a date").await;
    app.shot("date-missing").await;

    app.step("填写颁发日期：样张显示中文数字日期");
    let date_input = tid("cert-date");
    app.set_date(&date_input, "2026-09-20").await;
    app.wait_text_where(&format!("{} text[data-role=\"date\"]", tid("cert-preview")), "the date in Chinese numerals", |t| {
        t == "二〇二六年九月二十日"
    })
    .await;
    app.shot("preview-dated").await;

    app.step("编号并生成全部证书");
    app.click_testid("cert-write").await;
    let total = subjects.len();
    app.wait_text_where_within(&tid("cert-result-count"), "the number written", SLOW, |t| num(t) == total as i64).await;
    app.shot("written").await;

    app.step("用 pdftotext 读回证书");
    let batch = out_dir.join("证书-全部.pdf");
    app.check(batch.is_file(), format!("{} should exist", batch.display())).await;
    // Kept beside the screenshots for a look at the printed design.
    let _ = std::fs::copy(&batch, screenshots_dir().join("certificates_text-batch.pdf"));
    let pages = pdf_pages(&batch);
    app.check(pages.len() == total, format!("{} pages expected in the batch, got {}", total, pages.len())).await;
    let certs = app.invoke("certificates_overview", json!({})).await["certificates"].as_array().cloned().unwrap_or_default();
    let mut groups_in_order = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let cert = certs.iter().find(|c| p.contains(c["number"].as_str().unwrap_or("?"))).cloned().unwrap_or_default();
        let group = cert["group"].as_str().unwrap_or("unit").to_string();
        let project = cert["project_name"].as_str().unwrap_or_default().split_whitespace().collect::<String>();
        let n = i + 1;
        app.check(!p.contains("项目项目"), format!("page {n}: 项目 doubled (whitespace removed, so 项目 项目 too): {p}")).await;
        app.check(p.contains("二〇二六年九月二十日"), format!("page {n}: the date in Chinese numerals: {p}")).await;
        match group.as_str() {
            "enterprise" => app.check(p.contains("你单位") && !p.contains("你团队"), format!("page {n} (企业组) should say 你单位: {p}")).await,
            "startup" => app.check(p.contains("你团队") && !p.contains("你单位"), format!("page {n} (创业组) should say 你团队: {p}")).await,
            _ => {}
        }
        if !project.is_empty() {
            app.check(p.contains(&format!("“{project}")), format!("page {n}: the project name “{project}” in Chinese quotes: {p}")).await;
        }
        groups_in_order.push(group);
    }
    let last_enterprise = groups_in_order.iter().rposition(|g| g == "enterprise");
    let first_startup = groups_in_order.iter().position(|g| g == "startup");
    app.check(
        matches!((last_enterprise, first_startup), (Some(e), Some(s)) if e < s),
        format!("every 企业组 page before the first 创业组 page: {groups_in_order:?}"),
    )
    .await;
    app.close().await;
}
