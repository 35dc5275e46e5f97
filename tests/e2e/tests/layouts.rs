//! End-to-end: nothing important off-screen. A contest scored to the final with awards locked and certificates
//! issued (prepared with the command-line program); for each common office screen (1366×768, 1400×900,
//! 1920×1080) the window is set to that size through WebDriver and every page (and every tab of 评审 and
//! 获奖与推荐) is visited: a screenshot `tests/e2e/screenshots/layout-<size>-<page>.png` each, and the test fails
//! when the header of a must-see column (marked `data-key-col` / class `key-col` in the UI: 项目名称, 问题, 结论,
//! 奖项, 操作 …) lies outside the viewport or is clipped by a scroll container (a hidden horizontal scrollbar).
//! Run: `CI=true xvfb-run -a --server-args="-screen 0 1400x900x24" cargo test -p saiwu-e2e --test layouts`
//! (Xvfb lets the window be larger than its screen; the test checks the viewport got each size.)

use std::path::Path;

use saiwu_e2e::*;
use serde_json::{json, Value};

const SIZES: [(u32, u32); 3] = [(1366, 768), (1400, 900), (1920, 1080)];
/// A header narrower than this is squeezed out of use even when it is on screen.
const MIN_HEADER_WIDTH: i64 = 36;

fn prepare(db: &Path) {
    prepare_scored_final(db, 5, false);
    saiwu_ok(db, &["awards", "--freeze", "王秘书", "--json"]);
    let out = db.parent().unwrap().join("certificates");
    saiwu_ok(db, &["certificates", "--out", &out.to_string_lossy(), "--date", "2026-11-28", "--json"]);
    // The season after the scores: an objection, a follow-up record and a provincial result.
    let rec = saiwu_json(db, &["provincial", "list", "--json"]);
    let no = rec[0]["project_no"].as_str().expect("a recommended project").to_string();
    saiwu_ok(db, &["provincial", "set", &no, "二等奖"]);
    saiwu_ok(
        db,
        &[
            "objections",
            "add",
            "--entry",
            &no,
            "--from",
            "长治市某某科技有限公司",
            "--received",
            "2026-08-01",
            "--content",
            "对该项目的知识产权归属有异议，请核查",
        ],
    );
    saiwu_ok(
        db,
        &[
            "followup",
            "add",
            "--entry",
            &no,
            "--date",
            "2026-09-01",
            "--kind",
            "financing",
            "--note",
            "对接银行授信，融资需求 500 万元",
            "--amount",
            "500",
            "--next",
            "2026-10-01",
        ],
    );
    eprintln!("[layout] prepared: final scored, awards locked, certificates issued, season records added");
}

/// Where a view is: the navigation page, then an optional tab (its test id) and the round of 评审.
struct View {
    slug: &'static str,
    page: &'static str,
    round: Option<&'static str>,
    tab: Option<&'static str>,
    /// Key headers the view must show once its data is in (so a page that lost its marks fails too).
    keys: &'static [&'static str],
}

const VIEWS: &[View] = &[
    View { slug: "dashboard", page: "dashboard", round: None, tab: None, keys: &[] },
    View { slug: "settings", page: "settings", round: None, tab: None, keys: &[] },
    View { slug: "import", page: "import", round: None, tab: None, keys: &["文件", "问题"] },
    View { slug: "entries", page: "entries", round: None, tab: None, keys: &["项目名称", "问题"] },
    View { slug: "screening", page: "screening", round: None, tab: None, keys: &["项目名称", "结论"] },
    View { slug: "judging-panels", page: "judging", round: Some("final"), tab: Some("judging-tab-panels"), keys: &[] },
    View {
        slug: "judging-conflicts",
        page: "judging",
        round: Some("final"),
        tab: Some("judging-tab-conflicts"),
        keys: &["项目名称", "状态", "操作"],
    },
    View { slug: "judging-scores", page: "judging", round: Some("final"), tab: Some("judging-tab-scores"), keys: &["项目名称"] },
    View { slug: "judging-sheets", page: "judging", round: Some("final"), tab: Some("judging-tab-sheets"), keys: &[] },
    View { slug: "judging-ranking", page: "judging", round: Some("final"), tab: Some("judging-tab-ranking"), keys: &["项目名称", "得分"] },
    View { slug: "judging-leniency", page: "judging", round: Some("final"), tab: Some("judging-tab-leniency"), keys: &["评委"] },
    View { slug: "judging-draw", page: "judging", round: Some("final"), tab: Some("judging-tab-draw"), keys: &[] },
    View { slug: "judging-log", page: "judging", round: Some("final"), tab: Some("judging-tab-log"), keys: &["项目编号"] },
    View {
        slug: "judging-advance", page: "judging", round: Some("preliminary"), tab: Some("judging-tab-advance"), keys: &["项目名称", "操作"]
    },
    View { slug: "awards-list", page: "awards", round: None, tab: Some("awards-tab-list"), keys: &["项目名称", "奖项", "奖金"] },
    View { slug: "awards-recommendation", page: "awards", round: None, tab: Some("awards-tab-recommendation"), keys: &["项目名称", "操作"] },
    View { slug: "awards-units", page: "awards", round: None, tab: Some("awards-tab-units"), keys: &["组织单位", "操作"] },
    View { slug: "season-objections", page: "season", round: None, tab: Some("season-tab-objections"), keys: &["项目", "状态", "操作"] },
    View { slug: "season-provincial", page: "season", round: None, tab: Some("season-tab-provincial"), keys: &["项目名称", "省赛结果"] },
    View { slug: "season-followup", page: "season", round: None, tab: Some("season-tab-followup"), keys: &["项目", "内容"] },
    View { slug: "certificates", page: "certificates", round: None, tab: None, keys: &["项目名称", "状态", "操作"] },
    View { slug: "exports", page: "exports", round: None, tab: None, keys: &[] },
    View { slug: "backups", page: "backups", round: None, tab: None, keys: &["备份时间", "操作"] },
];

/// For every displayed key header: its label, and whether it lies fully inside the viewport and inside every
/// clipping ancestor (overflow other than visible), at least MIN_HEADER_WIDTH wide. The page may scroll
/// vertically, so each header is first brought into view vertically (never sideways: that is what is checked).
const KEY_COLUMNS_JS: &str = r#"
const minW = arguments[0];
const vw = window.innerWidth, vh = window.innerHeight;
const clips = (a) => { const s = getComputedStyle(a); return s.overflowX !== 'visible' || s.overflowY !== 'visible'; };
const out = [];
for (const el of document.querySelectorAll('[data-key-col], .key-col')) {
  if (el.getClientRects().length === 0) continue; // not rendered: an inactive tab, a closed dialog
  const label = (el.getAttribute('data-key-col') || el.textContent || '').trim();
  for (let a = el.parentElement; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (!/(auto|scroll)/.test(s.overflowY) || a.scrollHeight <= a.clientHeight) continue;
    const r = el.getBoundingClientRect(), ar = a.getBoundingClientRect();
    if (r.top < ar.top) a.scrollTop -= ar.top - r.top + 8;
    else if (r.bottom > ar.bottom) a.scrollTop += r.bottom - ar.bottom + 8;
  }
  const r = el.getBoundingClientRect();
  let left = 0, right = vw, top = 0, bottom = vh;
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    if (!clips(a)) continue;
    const ar = a.getBoundingClientRect();
    left = Math.max(left, ar.left); right = Math.min(right, ar.right);
    top = Math.max(top, ar.top); bottom = Math.min(bottom, ar.bottom);
  }
  const inside = r.left >= left - 1 && r.right <= right + 1 && r.top >= top - 1 && r.bottom <= bottom + 1;
  out.push({ label, ok: inside && r.width >= minW,
    rect: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)],
    clip: [Math.round(left), Math.round(top), Math.round(right), Math.round(bottom)] });
}
return out;
"#;

async fn key_columns(app: &App) -> Vec<Value> {
    match app.driver().execute(KEY_COLUMNS_JS, vec![json!(MIN_HEADER_WIDTH)]).await {
        Ok(r) => r.json().as_array().cloned().unwrap_or_default(),
        Err(e) => app.fail(format!("could not measure the key columns: {e}")).await,
    }
}

/// Waits (condition-based, the harness's timeout) until every expected key header is displayed; returns all
/// measured headers and the expected ones still missing after the wait.
async fn wait_keys(app: &App, view: &View) -> (Vec<Value>, Vec<&'static str>) {
    let t0 = std::time::Instant::now();
    loop {
        let cols = key_columns(app).await;
        let labels: Vec<&str> = cols.iter().filter_map(|c| c["label"].as_str()).collect();
        let missing: Vec<&'static str> = view.keys.iter().copied().filter(|k| !labels.contains(k)).collect();
        if missing.is_empty() || t0.elapsed() > TIMEOUT {
            return (cols, missing);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

async fn open(app: &App, view: &View) {
    app.nav(view.page).await;
    if let Some(round) = view.round {
        app.click_testid(&format!("judging-round-{round}")).await;
        app.wait_for(&format!("{}.is-active", tid(&format!("judging-round-{round}")))).await;
    }
    if let Some(tab) = view.tab {
        app.click_testid(tab).await;
        app.wait_for(&format!(".el-tabs__item.is-active {}", tid(tab))).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_shows_its_key_columns_at_office_screen_sizes() {
    let mut app = App::launch_prepared("layout", prepare).await;
    let mut failures = Vec::new();
    let mut measured = 0;
    for (w, h) in SIZES {
        let size = format!("{w}x{h}");
        app.step(&format!("窗口 {size}"));
        let (iw, ih) = app.set_viewport(w, h).await;
        app.check((iw, ih) == (w as i64, h as i64), format!("the viewport should be {w}×{h}, it is {iw}×{ih} (is the X screen large enough?)")).await;
        for view in VIEWS {
            app.step(&format!("{size} {}", view.slug));
            open(&app, view).await;
            let (cols, missing) = wait_keys(&app, view).await;
            if !missing.is_empty() {
                failures.push(format!("{size} {}: the key columns {missing:?} are not shown", view.slug));
            }
            app.shot_named(&format!("layout-{size}-{}", view.slug)).await;
            measured += cols.len();
            for c in cols.iter().filter(|c| c["ok"] != json!(true)) {
                failures.push(format!("{size} {}: «{}» at {} outside {}", view.slug, c["label"].as_str().unwrap_or("?"), c["rect"], c["clip"]));
            }
        }
    }
    app.step("资格审查：参考名单已导入时折叠为一行摘要，点开后可导入");
    app.nav("screening").await;
    app.wait_testid("ref-panel").await;
    // textContent: the summary line clips with “…” on narrow windows, which WebDriver counts as not displayed.
    let summary = app.wait_content_where(&tid("ref-summary"), "the folded summary with the judges count", |t| t.contains("评委名单 6 位")).await;
    app.check(summary.starts_with("已导入 1 / 5 个名单"), format!("the summary should count the lists in: {summary:?}")).await;
    app.check(app.count(&tid("ref-path-dishonesty")).await == 0, "the reference panel should be folded once a list is in").await;
    app.click(&format!("{} .el-collapse-item__header", tid("ref-panel"))).await;
    app.wait_testid("ref-path-dishonesty").await;
    app.wait_testid("ref-status-judges").await;

    app.step("结果");
    eprintln!("[layout] {measured} key headers measured");
    app.check(failures.is_empty(), format!("key columns off-screen or clipped:\n  {}", failures.join("\n  "))).await;
    app.close().await;
}
