//! End-to-end: the 概览 dashboard's charts (SPEC §8). The contest file is prepared with the command-line
//! program (export_v1 imported, 初赛 scores for some entries imported) plus three judges (sqlite3), so every chart has
//! data: each chart container must hold an ECharts canvas, the county/unit and round switches redraw, the 决赛
//! histogram shows 还没有评分, the season strip shows the states the `dashboard` command reports, and the charts
//! follow the window's size.
//! Run: `bash tests/e2e/run.sh dashboard`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use saiwu_e2e::*;
use serde_json::{json, Value};

const V1: &str = "fixtures/generated/export_v1.xlsx";
const CHARTS: [&str; 5] = ["dash-chart-group", "dash-chart-verdicts", "dash-chart-place", "dash-chart-field", "dash-chart-scores"];

fn prepare(db: &Path) {
    saiwu_ok(db, &["import", "entries", &repo_file(V1).to_string_lossy(), "--json"]);
    // Three judges (straight into the judges table, which is not audited); each scores the first 25 entries of
    // each group in the 初赛 (totals 60.00–99.99) through `saiwu scores import`, as the secretariat would: score
    // tables are audited and only the app can write them.
    let sql = "INSERT INTO judges(name, organization, source, active, created_at, updated_at) VALUES
          ('赵评一', '长治学院', 'manual', 1, '2026-08-01T09:00:00+08:00', '2026-08-01T09:00:00+08:00'),
          ('钱评二', '太原理工大学', 'manual', 1, '2026-08-01T09:00:00+08:00', '2026-08-01T09:00:00+08:00'),
          ('孙评三', '长治医学院', 'manual', 1, '2026-08-01T09:00:00+08:00', '2026-08-01T09:00:00+08:00');";
    let st = Command::new("sqlite3").arg(db).arg(sql).status().expect("sqlite3 (apt-get install -y sqlite3)");
    assert!(st.success(), "sqlite3 could not insert the judges");
    let ranking = saiwu_json(db, &["ranking", "--round", "preliminary", "--json"]);
    let mut csv = String::from("项目编号,评委,总分\n");
    let mut per_group: std::collections::HashMap<String, usize> = Default::default();
    for (i, e) in ranking.as_array().expect("a list").iter().enumerate() {
        let n = per_group.entry(e["group"].as_str().unwrap_or_default().to_string()).or_default();
        *n += 1;
        if *n > 25 {
            continue;
        }
        for (j, judge) in ["赵评一", "钱评二", "孙评三"].iter().enumerate() {
            let hundredths = 6000 + (i * 137 + (j + 1) * 71) % 4000;
            csv.push_str(&format!("{},{judge},{}.{:02}\n", e["project_no"].as_str().unwrap(), hundredths / 100, hundredths % 100));
        }
    }
    let file = db.parent().unwrap().join("初赛评分.csv");
    std::fs::write(&file, csv).unwrap();
    saiwu_ok(db, &["scores", "import", "--round", "preliminary", &file.to_string_lossy(), "--json"]);
}

/// Waits until the chart container holds a canvas of non-zero size; returns its width in CSS pixels.
async fn wait_canvas(app: &App, id: &str) -> f64 {
    let t0 = Instant::now();
    loop {
        let w = app
            .driver()
            .execute(
                "const c = document.querySelector(`[data-testid=\"${arguments[0]}\"] canvas`); return c ? c.getBoundingClientRect().width * (c.getBoundingClientRect().height > 0 ? 1 : 0) : 0",
                vec![json!(id)],
            )
            .await
            .ok()
            .and_then(|r| r.json().as_f64())
            .unwrap_or(0.0);
        if w > 0.0 {
            return w;
        }
        if t0.elapsed() > Duration::from_secs(15) {
            return app.fail(format!("{id} should hold a drawn canvas")).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn scroll_to(app: &App, id: &str) {
    let _ = app
        .driver()
        .execute("document.querySelector(`[data-testid=\"${arguments[0]}\"]`)?.scrollIntoView({ block: 'center' })", vec![json!(id)])
        .await;
}

async fn inner_width(app: &App) -> f64 {
    app.driver().execute("return window.innerWidth", Vec::<Value>::new()).await.ok().and_then(|r| r.json().as_f64()).unwrap_or(0.0)
}

fn step_of<'a>(d: &'a Value, key: &str) -> &'a Value {
    d["progress"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap_or_else(|| panic!("no step {key} in {d}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_charts_render() {
    let mut app = App::launch_prepared("dashboard", prepare).await;

    let d = app.invoke("dashboard", json!({})).await;
    let total = d["entries_total"].as_i64().unwrap();
    assert_eq!(total, 240, "export_v1 has 240 entries");
    let pre = &d["score_distributions"][0];
    assert_eq!(pre["round"], "preliminary");
    let scored: i64 = pre["groups"].as_array().unwrap().iter().map(|g| g["scored"].as_i64().unwrap()).sum();
    assert!(scored > 0, "some 初赛 entries should be scored: {pre}");

    app.step("概览：计数与图表");
    app.nav("dashboard").await;
    app.wait_text("dash-entries-total", &total.to_string()).await;
    for id in CHARTS {
        app.wait_for(&format!("{}[data-empty=\"0\"]", tid(id))).await;
        wait_canvas(&app, id).await;
    }
    app.shot("progress").await;
    for (id, label) in [("dash-chart-group", "charts-top"), ("dash-chart-scores", "charts-scores")] {
        scroll_to(&app, id).await;
        app.shot(label).await;
    }

    app.step("赛季进度：状态与命令一致");
    app.wait_testid("dash-progress").await;
    for key in ["setup", "import", "screening", "preliminary", "advancement", "final", "awards", "certificates"] {
        let want = step_of(&d, key)["state"].as_str().unwrap().to_string();
        app.wait_for(&format!("{}[data-state=\"{want}\"]", tid(&format!("dash-step-{key}")))).await;
    }
    app.check(step_of(&d, "import")["state"] == "done", "报名导入 已完成").await;
    app.check(step_of(&d, "preliminary")["state"] == "in_progress", "初赛评分 进行中").await;

    app.step("评分分布：各组已评数");
    for g in pre["groups"].as_array().unwrap().iter().filter(|g| g["entries"].as_i64().unwrap() > 0) {
        let line = format!("{}：已评 {} / {}", g["name"].as_str().unwrap(), g["scored"], g["entries"]);
        app.wait_text_where(&tid("dash-score-summary"), &line, |t| t.contains(&line)).await;
    }

    app.step("县区 → 推荐单位");
    app.click_testid("dash-place-unit").await;
    app.wait_text_where(".chart-card .card-head", "各推荐单位报名项目", |t| t.contains("各推荐单位报名项目")).await;
    wait_canvas(&app, "dash-chart-place").await;

    app.step("评分分布：决赛还没有评分，切回初赛");
    app.click_testid("dash-score-round-final").await;
    app.wait_for(&format!("{}[data-empty=\"1\"]", tid("dash-chart-scores"))).await;
    app.wait_text_where(&tid("dash-chart-scores"), "还没有评分", |t| t.contains("还没有评分")).await;
    scroll_to(&app, "dash-chart-scores").await;
    app.shot("final-empty").await;
    app.click_testid("dash-score-round-preliminary").await;
    app.wait_for(&format!("{}[data-empty=\"0\"]", tid("dash-chart-scores"))).await;
    wait_canvas(&app, "dash-chart-scores").await;

    app.step("图表随窗口大小变化");
    let win = app.driver().get_window_rect().await.expect("window rect");
    let inner_before = inner_width(&app).await;
    let before = wait_canvas(&app, "dash-chart-field").await;
    app.driver().set_window_rect(win.x, win.y, (win.width as f64 * 0.6) as u32, win.height as u32).await.expect("resize the window");
    let t0 = Instant::now();
    loop {
        let now = wait_canvas(&app, "dash-chart-field").await;
        if (now - before).abs() > 20.0 {
            eprintln!("[dashboard] field chart {before:.0}px → {now:.0}px wide");
            break;
        }
        if t0.elapsed() > Duration::from_secs(15) {
            // Only fail when the page itself got narrower (a window manager may ignore the resize).
            let inner_after = inner_width(&app).await;
            if (inner_after - inner_before).abs() < 20.0 && std::env::var_os("CI").is_none() {
                // Under CI (plain Xvfb, no window manager) the resize always takes: there a skip would hide a failure.
                eprintln!("[dashboard] the window was not resized (innerWidth {inner_before} → {inner_after}); resize check skipped");
                break;
            }
            return app
                .fail(format!("the field chart should follow the window (width {before} → {now}, innerWidth {inner_before} → {inner_after})"))
                .await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    scroll_to(&app, "dash-chart-place").await;
    app.shot("narrow").await;
    let _ = app.driver().set_window_rect(win.x, win.y, win.width as u32, win.height as u32).await;

    app.close().await;
}
