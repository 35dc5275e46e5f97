//! End-to-end: the projector shows every ranked row. A final with 20 entries per group, all scored (prepared with
//! the command-line program); the projector window opened from the main window, set to 1280×800 (where it used to
//! cut 企业组 after rank 6 with no paging). Every ranked row must be shown inside the window — all at once, or across
//! the pages the projector turns through (“第 1/2 页”, read from its page indicator) — each name on one line.
//! The window opens full screen (checked through its own window API), then is set to 1280×800 for the check.
//! Run: `CI=true xvfb-run -a --server-args="-screen 0 1400x900x24" cargo test -p saiwu-e2e --test projector`.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use saiwu_e2e::*;
use serde_json::{json, Value};

const PER_GROUP: usize = 20;
/// The projector turns a page every 10 s; a turn may take this long before the test gives up.
const PAGE_TURN: Duration = Duration::from_secs(16);

/// The displayed projector rows: number, whether the row lies inside the viewport and inside its group's box,
/// whether the project name stays on one line, and the row's height.
const ROWS_JS: &str = r#"
const vw = window.innerWidth, vh = window.innerHeight;
return [...document.querySelectorAll('tr.projector-row')].filter((r) => r.getClientRects().length > 0).map((r) => {
  const b = r.getBoundingClientRect();
  const g = r.closest('section').getBoundingClientRect();
  const p = r.querySelector('.project');
  const pb = p.getBoundingClientRect();
  const fs = parseFloat(getComputedStyle(p).fontSize);
  return {
    no: r.getAttribute('data-project-no'),
    inside: b.left >= -1 && b.top >= -1 && b.right <= vw + 1 && b.bottom <= vh + 1
      && b.top >= g.top - 1 && b.bottom <= g.bottom + 1,
    one_line: pb.height < fs * 2,
    height: Math.round(b.height),
    font: Math.round(fs),
    rect: [Math.round(b.left), Math.round(b.top), Math.round(b.right), Math.round(b.bottom)],
  };
});
"#;

const PAGE_JS: &str = r#"
const e = document.querySelector('[data-testid="projector-page"]');
return e ? { page: Number(e.getAttribute('data-page')), pages: Number(e.getAttribute('data-pages')), text: e.textContent.trim() } : null;
"#;

async fn js(app: &App, script: &str) -> Value {
    match app.driver().execute(script, Vec::<Value>::new()).await {
        Ok(r) => r.json().clone(),
        Err(e) => app.fail(format!("script failed in the projector: {e}")).await,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn projector_shows_every_ranked_row_at_1280x800() {
    let mut app = App::launch_prepared("projector", |db| prepare_scored_final(db, PER_GROUP, false)).await;

    app.step("打开投屏窗口（决赛）");
    let main = app.driver().window().await.expect("main window handle");
    app.invoke("projector_open", json!({ "roundCode": "final", "monitor": null })).await;
    let projector = app.second_window(&main).await;
    app.driver().switch_to_window(projector).await.expect("switch to the projector");
    app.wait_testid("projector").await;
    let full = app.try_invoke("plugin:window|is_fullscreen", json!({ "label": "projector" })).await;
    // Asked from the projector itself: its capability allows exactly this (and leaving full screen, for Esc).
    app.check(full == Ok(json!(true)), format!("the projector should open full screen: is_fullscreen = {full:?}")).await;

    app.step("投屏窗口设为 1280×800");
    let (w, h) = app.set_viewport(1280, 800).await;
    app.check((w, h) == (1280, 800), format!("the projector's viewport should be 1280×800, it is {w}×{h}")).await;

    // Ground truth over IPC (the projector may read the ranking): every ranked, completely scored entry.
    let ranking = app.invoke("ranking", json!({ "roundCode": "final" })).await;
    let mut want = BTreeSet::new();
    for g in ranking.as_array().cloned().unwrap_or_default() {
        for e in g["entries"].as_array().cloned().unwrap_or_default() {
            if !e["rank"].is_null() && e["complete"] == json!(true) {
                want.insert(e["project_no"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    app.check(want.len() >= 2 * PER_GROUP, format!("the final should rank {} entries, ranking has {}", 2 * PER_GROUP, want.len())).await;
    app.wait_for("tr.projector-row").await;
    // The cells count as displayed for WebDriver (judging.rs reads the score cells' text); only the names clip
    // with “…”, which WebDriver counts as not displayed, so they are measured by script below.
    app.wait_for("tr.projector-row td.rank").await;
    app.wait_for("tr.projector-row td.score").await;

    app.step("每一页的行都在窗口内，名称各占一行");
    let mut seen = BTreeSet::new();
    let mut bad = Vec::new();
    let page = js(&app, PAGE_JS).await;
    let pages = page["pages"].as_u64().unwrap_or(1);
    eprintln!("[projector] page indicator: {page}");
    let mut current = page["page"].as_u64().unwrap_or(1);
    for turn in 0..pages {
        if turn > 0 {
            // Wait for the projector to turn to the next page by itself.
            let t0 = Instant::now();
            loop {
                let p = js(&app, PAGE_JS).await;
                let now = p["page"].as_u64().unwrap_or(0);
                if now != current && now != 0 {
                    current = now;
                    break;
                }
                if t0.elapsed() > PAGE_TURN {
                    return app.fail(format!("the projector did not turn from page {current} of {pages} within {} s", PAGE_TURN.as_secs())).await;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        app.shot(&format!("page-{current}-of-{pages}")).await;
        let rows = js(&app, ROWS_JS).await;
        for r in rows.as_array().cloned().unwrap_or_default() {
            let no = r["no"].as_str().unwrap_or_default().to_string();
            if r["inside"] != json!(true) || r["one_line"] != json!(true) || r["height"].as_i64().unwrap_or(0) < 40 {
                bad.push(format!("page {current}: {r}"));
            } else {
                seen.insert(no);
            }
        }
    }
    app.check(bad.is_empty(), format!("rows cut, wrapped or too small at 1280×800:\n  {}", bad.join("\n  "))).await;
    let unseen: Vec<&String> = want.difference(&seen).collect();
    app.check(unseen.is_empty(), format!("ranked rows never shown inside the window over {pages} page(s): {unseen:?}")).await;
    app.check(pages > 1 || seen.len() == want.len(), "all rows on one page").await;
    eprintln!("[projector] {} ranked rows shown over {pages} page(s)", seen.len());
    app.close().await;
}
