//! 帮助 (issue #14): the ? button in the header opens the 操作手册 at the section of the page it was pressed on,
//! rendered inside the app from the bundled Markdown (offline), with the screenshots committed in docs/manual/img.
use saiwu_e2e::*;
use serde_json::Value;

/// Where `css` lies relative to the viewport: (top, bottom, viewport height).
async fn placement(app: &App, css: &str) -> (f64, f64, f64) {
    let js = "const e = document.querySelector(arguments[0]); if (!e) return null; const r = e.getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]";
    match app.driver().execute(js, vec![Value::from(css)]).await {
        Ok(r) => {
            let v = r.json();
            (v[0].as_f64().unwrap_or(-1.0), v[1].as_f64().unwrap_or(-1.0), v[2].as_f64().unwrap_or(0.0))
        }
        Err(e) => app.fail(format!("could not measure {css}: {e}")).await,
    }
}

/// The screenshots a manual page names that exist in docs/manual/img.
fn screenshots_of(page: &str) -> usize {
    let md = std::fs::read_to_string(repo_file(&format!("docs/manual/{page}.md"))).unwrap();
    md.lines()
        .filter_map(|l| l.trim().strip_prefix("![").and_then(|r| r.split_once("](")).map(|(_, src)| src.trim_end_matches(')').to_string()))
        .filter(|src| root().join("docs/manual").join(src).is_file())
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_help_button_opens_the_manual_at_the_page_s_section() {
    let mut app = App::launch("manual").await;
    app.set_viewport(1400, 900).await;

    app.step("资格审查 → ?");
    app.nav("screening").await;
    app.click_testid("help-button").await;
    app.wait_testid("page-help").await;
    app.wait_for(&format!("{}[data-page=\"03-screening\"]", tid("help-content"))).await;
    let h1 = app.text(&format!("{} h1", tid("help-content"))).await;
    app.check(h1 == "资格审查", format!("the chapter of the page: {h1}")).await;
    let (top, _, vh) = placement(&app, "[data-testid=\"help-content\"] h1").await;
    app.check((0.0..vh).contains(&top), format!("the chapter's title is in view: top {top} of {vh}")).await;
    let text = app.text(&tid("help-content")).await;
    app.check(text.contains("待人工审核") && text.contains("常见问题"), "the chapter's text is shown").await;
    app.shot("screening-help").await;

    app.step("截图随手册一起显示（离线打包）");
    let want = screenshots_of("03-screening");
    let loaded = app
        .driver()
        .execute(
            "return [...document.querySelectorAll('[data-testid=help-image]')].filter(i => i.complete && i.naturalWidth > 0).length",
            Vec::<Value>::new(),
        )
        .await
        .unwrap();
    app.check(loaded.json().as_u64() == Some(want as u64), format!("{want} screenshots should load, {:?} did", loaded.json())).await;

    app.step("返回 → 赛事设置 → ?：打开到“赛事设置”一节");
    app.click_testid("help-back").await;
    app.wait_testid("page-screening").await;
    app.nav("settings").await;
    app.click_testid("help-button").await;
    app.wait_for(&format!("{}[data-page=\"01-setup\"]", tid("help-content"))).await;
    let section = "[id=\"01-setup--赛事设置\"]";
    app.wait_for(section).await;
    app.wait_js(
        "const r = document.getElementById('01-setup--赛事设置').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight",
        "the 赛事设置 section should be scrolled into view",
    )
    .await;
    let scrolled = app.driver().execute("return document.querySelector('.main').scrollTop", Vec::<Value>::new()).await.unwrap();
    app.check(scrolled.json().as_f64().unwrap_or(0.0) > 0.0, format!("the chapter scrolled down to the section: {:?}", scrolled.json())).await;
    app.shot("settings-help").await;

    app.step("目录：切换到“备份与恢复”");
    app.click_testid("help-toc-09-backups").await;
    app.wait_for(&format!("{}[data-page=\"09-backups\"]", tid("help-content"))).await;
    let h1 = app.text(&format!("{} h1", tid("help-content"))).await;
    app.check(h1 == "备份与恢复", format!("the table of contents opens a chapter: {h1}")).await;
    app.close().await;
}
