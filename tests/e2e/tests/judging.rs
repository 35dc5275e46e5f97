//! End-to-end: 评审 — keying one judge sheet after another in the grid (Tab / Enter), the ranking, and the
//! projector window following the scores live. The contest file is prepared with the command-line program
//! before the app starts (entries, judges, panels).
//! Run: `bash tests/e2e/run.sh judging`.

use std::path::Path;
use std::time::{Duration, Instant};

use saiwu_e2e::*;
use serde_json::{json, Value};
use thirtyfour::Key;

const V1: &str = "fixtures/generated/export_v1.xlsx";

/// Five judges (five valid totals: one highest and one lowest are dropped).
const JUDGES: [(&str, &str, &str); 5] = [
    ("赵评一", "太原理工大学", "教授"),
    ("钱评二", "长治学院", "副教授"),
    ("孙评三", "山西省科技厅专家库", "高级工程师"),
    ("李评四", "长治市投资基金", "投资总监"),
    ("周评五", "潞安化工集团", "正高级工程师"),
];

/// Entry A, keyed in the window for every judge (企业组 sheet: 30, 20, 15, 15, 10, 10).
/// Totals 83, 87.5, 72, 93, 79.5 → drop 93 and 72 → (83 + 87.5 + 79.5) ÷ 3 = 250/3 → 83.33.
const A_SCORES: [[&str; 6]; 5] = [
    ["25", "18", "12", "12", "8", "8"],
    ["27.5", "17", "13", "13", "9", "8"],
    ["22", "15", "10", "11", "7", "7"],
    ["28", "19", "14", "14", "9", "9"],
    ["24", "16", "12", "12", "8", "7.5"],
];
/// Entry B: judges 1–4 over IPC (hundredths), judge 5 in the window.
/// Totals 90, 91, 92, 89, 95 → drop 95 and 89 → 91.00.
const B_IPC: [[i64; 6]; 4] =
    [[2700, 1800, 1400, 1400, 900, 800], [2700, 1900, 1400, 1400, 900, 800], [2800, 1900, 1400, 1400, 900, 800], [2600, 1800, 1400, 1400, 900, 800]];
const B_LAST: [&str; 6] = ["29", "19", "15", "14", "9", "9"];

/// Judges through `saiwu import reference judges` (a small CSV). A failing import fails the test: the
/// window is tested on what the program itself stored, never on rows written around it.
fn add_judges(db: &Path) {
    let dir = db.parent().unwrap();
    let csv = dir.join("评委名单.csv");
    let mut text = String::from("姓名,工作单位,职称\n");
    for (n, o, t) in JUDGES {
        text.push_str(&format!("{n},{o},{t}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    saiwu_ok(db, &["import", "reference", "judges", &csv.to_string_lossy()]);
    let judges = saiwu_json(db, &["judges", "--json"]);
    let names: Vec<&str> = judges.as_array().expect("judges --json is an array").iter().filter_map(|j| j["name"].as_str()).collect();
    assert_eq!(names, JUDGES.map(|j| j.0), "the five judges, in file order");
}

fn prepare(db: &Path) {
    saiwu_ok(db, &["import", "entries", &repo_file(V1).to_string_lossy(), "--json"]);
    add_judges(db);
    let panels = saiwu_ok(db, &["panels", "--round", "preliminary", "--auto", "--json"]);
    eprintln!("[judging] panels: {}", panels.chars().take(200).collect::<String>());
}

/// Chooses a judge's sheet in the grid and waits until it is on screen with entry `no` in it.
async fn choose_judge(app: &mut App, id: i64, name: &str, no: &str) {
    app.step(&format!("评分录入：选择评委 {name}"));
    app.click(&format!("{} option[value=\"{id}\"]", tid("grid-judge"))).await;
    app.wait_for(&format!("{}[data-judge=\"{name}\"][data-loading=\"0\"]", tid("score-grid"))).await;
    app.wait_for(&tid(&format!("grid-cell-{no}-0"))).await;
}

/// Keys one row like a person: click the first cell, type, Tab, …, Enter on the last; waits until it is saved.
async fn key_row(app: &mut App, no: &str, values: &[&str]) {
    // `click` retries while the loading mask of the sheet just chosen fades out.
    app.click(&tid(&format!("grid-cell-{no}-0"))).await;
    for (i, v) in values.iter().enumerate() {
        // Each value goes to the focused cell: the grid moves the focus itself on Tab.
        let cell_id = format!("grid-cell-{no}-{i}");
        wait_focus(app, &cell_id).await;
        let active = app.driver().active_element().await.expect("active element");
        let _ = active.send_keys(Key::Control + "a").await;
        active.send_keys(*v).await.expect("type a score");
        let key = if i + 1 == values.len() { Key::Enter } else { Key::Tab };
        active.send_keys(key).await.expect("Tab / Enter");
    }
    app.wait_for(&format!("tr.grid-row[data-project-no=\"{no}\"][data-state=\"saved\"]")).await;
}

/// Waits until the element with this test id has the keyboard focus.
async fn wait_focus(app: &App, id: &str) {
    let t0 = Instant::now();
    loop {
        let focused = app
            .driver()
            .execute("return document.activeElement && document.activeElement.getAttribute('data-testid')", Vec::<Value>::new())
            .await
            .ok()
            .and_then(|r| r.json().as_str().map(str::to_string));
        if focused.as_deref() == Some(id) {
            return;
        }
        if t0.elapsed() > TIMEOUT {
            return app.fail(format!("focus should be on {id}, is on {focused:?}")).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Text of the score cell of a row (e.g. in the ranking or on the projector), waiting until it equals `want`.
async fn wait_row_text(app: &App, css: &str, want: &str) {
    app.wait_text_where(css, &format!("{want:?}"), |t| t == want).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn judging_keying_ranking_and_projector() {
    let mut app = App::launch_prepared("judging", prepare).await;

    // What the contest holds (over IPC: read only).
    let ov = app.invoke("round_overview", json!({ "roundCode": "preliminary" })).await;
    let panels = ov["panels"].as_array().cloned().unwrap_or_default();
    let ent_panel = panels.iter().find(|p| p["name"].as_str() == Some("企业组评审组")).unwrap_or_else(|| panic!("no 企业组评审组 in {ov}")).clone();
    let judges: Vec<(i64, String)> =
        ent_panel["judges"].as_array().unwrap().iter().map(|j| (j["id"].as_i64().unwrap(), j["name"].as_str().unwrap().to_string())).collect();
    assert_eq!(judges.len(), 5, "the 企业组 panel should hold the five judges: {ent_panel}");
    let entries = app.invoke("round_entries", json!({ "roundCode": "preliminary" })).await;
    let no_of = |key: &str| -> String {
        entries.as_array().unwrap().iter().find(|e| e["key"].as_str() == Some(key)).map(|e| e["project_no"].as_str().unwrap().to_string()).unwrap()
    };
    let keys: Vec<String> = ent_panel["entries"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
    assert!(keys.len() >= 2, "the 企业组 panel needs two entries");
    let (a_key, b_key) = (keys[0].clone(), keys[1].clone());
    let (a, b) = (no_of(&a_key), no_of(&b_key));
    eprintln!("[judging] entry A {a}, entry B {b}");

    app.step("评审页：计数");
    app.nav("judging").await;
    // The page remembers the last round (localStorage outlives the app; another test may have left 决赛).
    app.click_testid("judging-round-preliminary").await;
    app.wait_text("judging-count-judges", "5").await;
    app.wait_text("judging-count-panels", "2").await;
    app.shot("panels").await;

    app.step("评分录入：录入人");
    app.click_testid("judging-tab-scores").await;
    app.wait_testid("scores-tab").await;
    app.type_into(&tid("grid-keyed-by"), "录入员甲").await;

    for (i, (id, name)) in judges.iter().enumerate() {
        choose_judge(&mut app, *id, name, &a).await;
        app.step(&format!("评分录入：{name} 对 {a} 的 6 项评分（Tab / Enter）"));
        key_row(&mut app, &a, &A_SCORES[i]).await;
        if i == 0 {
            app.shot("grid-first-row").await;
        }
    }
    app.step("评分录入：范围检查（31 超出 30 分）");
    app.click(&tid(&format!("grid-cell-{b}-0"))).await;
    let cell = app.wait_for(&tid(&format!("grid-cell-{b}-0"))).await;
    cell.send_keys("31").await.unwrap();
    app.wait_for(&format!("tr.grid-row[data-project-no=\"{b}\"][data-state=\"error\"]")).await;
    app.wait_text_where(&tid(&format!("grid-msg-{b}")), "a range message", |t| t.contains("超出范围")).await;
    app.shot("grid-range-error").await;
    cell.send_keys(Key::Enter).await.unwrap();
    // Nothing was sent: the row stays wrong and B has no score of this judge.
    app.wait_for(&format!("tr.grid-row[data-project-no=\"{b}\"][data-state=\"error\"]")).await;
    let _ = cell.send_keys(Key::Control + "a").await;
    cell.send_keys(Key::Backspace).await.unwrap();

    app.step("排名：A 第 1 名，83.33");
    app.click_testid("judging-tab-ranking").await;
    let a_row = format!("{} tr.rank-row[data-project-no=\"{a}\"]", tid("ranking-table-enterprise"));
    app.wait_for(&format!("{a_row}[data-rank=\"1\"]")).await;
    wait_row_text(&app, &format!("{a_row} .score-cell"), "83.33").await;
    let title = app.wait_for(&format!("{a_row} .score-cell")).await.attr("title").await.ok().flatten().unwrap_or_default();
    app.check(title.contains("250/3"), format!("the exact score should be in the tooltip, title = {title:?}")).await;
    app.click(&format!("{a_row} .score-cell")).await;
    app.wait_testid("rank-drawer").await;
    app.wait_text_where(&tid("rank-drawer-rule"), "the trimming rule", |t| t.contains("去掉")).await;
    let lines = app.count(&format!("{} .card-line", tid("rank-drawer-lines"))).await;
    app.check(lines == 5, format!("the score card should list 5 judges, saw {lines}")).await;
    app.shot("ranking-and-card").await;

    app.step("投屏：打开第二个窗口");
    let main = app.driver().window().await.expect("main window handle");
    app.click_testid("ranking-projector").await;
    let projector = app.second_window(&main).await;
    app.driver().switch_to_window(projector.clone()).await.expect("switch to the projector");
    app.step("投屏：A 出现（名次 1，83.33），不显示侧栏");
    let pa = format!("{} tr.projector-row[data-project-no=\"{a}\"]", tid("projector-group-enterprise"));
    app.wait_for(&format!("{pa}[data-rank=\"1\"]")).await;
    wait_row_text(&app, &format!("{pa} .score"), "83.33").await;
    app.check(app.count(&tid("nav")).await == 0, "the projector window must not show the navigation").await;
    let text = app.text(&tid("projector")).await;
    app.check(text.contains("评分中"), "the projector should count the entries still being scored").await;
    app.shot("projector").await;

    app.step("主窗口：B 的前四位评委（IPC），第五位在表格中录入");
    app.driver().switch_to_window(main.clone()).await.expect("back to the main window");
    for (i, values) in B_IPC.iter().enumerate() {
        let r = app
            .invoke(
                "score_set",
                json!({ "roundCode": "preliminary", "judgeId": judges[i].0, "entry": b_key, "pass": 1,
                        "value": { "kind": "criteria", "values": values }, "keyedBy": "录入员甲", "reason": "" }),
            )
            .await;
        app.check(r == json!(true), format!("score_set for B, judge {} returned {r}", judges[i].1)).await;
    }
    app.click_testid("judging-tab-scores").await;
    app.wait_testid("scores-tab").await;
    let (last_id, last_name) = judges[4].clone();
    choose_judge(&mut app, last_id, &last_name, &b).await;
    key_row(&mut app, &b, &B_LAST).await;

    app.step("投屏：B 第 1 名 91.00，A 第 2 名");
    app.driver().switch_to_window(projector.clone()).await.unwrap();
    let pb = format!("{} tr.projector-row[data-project-no=\"{b}\"]", tid("projector-group-enterprise"));
    app.wait_for(&format!("{pb}[data-rank=\"1\"]")).await;
    wait_row_text(&app, &format!("{pb} .score"), "91.00").await;
    app.wait_for(&format!("{pa}[data-rank=\"2\"]")).await;
    app.shot("projector-updated").await;

    app.step("主窗口：修改 A 已保存的分数需要原因");
    app.driver().switch_to_window(main.clone()).await.unwrap();
    let (j3_id, j3_name) = judges[2].clone();
    choose_judge(&mut app, j3_id, &j3_name, &a).await;
    app.click(&tid(&format!("grid-cell-{a}-0"))).await;
    wait_focus(&app, &format!("grid-cell-{a}-0")).await;
    let active = app.driver().active_element().await.unwrap();
    let _ = active.send_keys(Key::Control + "a").await;
    active.send_keys("30").await.unwrap();
    active.send_keys(Key::Enter).await.unwrap();
    app.wait_testid("grid-reason-dialog").await;
    app.type_into(&tid("grid-reason-input"), "对照纸质评分表更正").await;
    app.shot("grid-reason").await;
    app.click_testid("grid-reason-ok").await;
    app.wait_for(&format!("tr.grid-row[data-project-no=\"{a}\"][data-state=\"saved\"]")).await;
    wait_row_text(&app, &tid(&format!("grid-total-{a}")), "80.00").await;

    app.step("投屏：A 的得分更新为 83.50");
    app.driver().switch_to_window(projector.clone()).await.unwrap();
    wait_row_text(&app, &format!("{pa} .score"), "83.50").await;
    app.shot("projector-after-change").await;

    app.step("评分日志：修改及原因");
    app.driver().switch_to_window(main.clone()).await.unwrap();
    app.click_testid("judging-tab-log").await;
    app.wait_text_where(&format!("{} tr.log-row", tid("score-log")), "the correction first", |t| t.contains("对照纸质评分表更正")).await;
    app.shot("score-log").await;

    app.step("其他页签：回避（查找 + 矩阵）、抽签（种子 42）、晋级");
    app.click_testid("judging-tab-conflicts").await;
    app.wait_testid("conflicts-table").await;
    app.type_into(&tid("conflicts-by"), "秘书处乙").await;
    app.click_testid("conflicts-suggest").await;
    app.click_testid("conflicts-view-matrix").await;
    app.wait_testid("conflicts-matrix").await;
    app.shot("conflicts-matrix").await;
    app.click_testid("judging-tab-draw").await;
    app.type_into(&tid("draw-by"), "秘书处乙").await;
    app.type_into(&tid("draw-seed-enterprise"), "42").await;
    app.click_testid("draw-run-enterprise").await;
    app.wait_text("draw-seed-shown-enterprise", "42").await;
    let drawn = app.count(&format!("{} tr.draw-row", tid("draw-order-enterprise"))).await;
    app.check(drawn == keys.len(), format!("the draw should order all {} 企业组 entries, saw {drawn}", keys.len())).await;
    app.shot("draw").await;
    app.click_testid("judging-tab-advance").await;
    app.wait_testid("advance-list").await;
    app.shot("advance").await;

    app.step("宽严分析：五位评委的平均分和名次对照");
    app.click_testid("judging-tab-leniency").await;
    app.wait_text_where(&format!("{} tr.leniency-judge", tid("leniency-judges-enterprise")), "a judge row", |t| !t.trim().is_empty()).await;
    let judges_rows = app.count(&format!("{} tr.leniency-judge", tid("leniency-judges-enterprise"))).await;
    app.check(judges_rows == 5, format!("five judges scored 企业组, saw {judges_rows}")).await;
    let compared = app.count(&format!("{} tr.leniency-entry", tid("leniency-entries-enterprise"))).await;
    app.check(compared == 2, format!("two complete entries are compared, saw {compared}")).await;
    app.shot("leniency").await;

    app.close().await;
}
