//! End-to-end: the optional 复赛 (SPEC §12 "Rounds"). Switched on in 赛事设置, it appears between 初赛 and 决赛
//! in the 评审 page's round selector; 晋级 on the 初赛 fills the 复赛, the 复赛 has its own panels, sheets, draw,
//! scores and ranking, and 晋级 on the 复赛 fills the 决赛 with the 复赛 ranking's top N. The 初赛 is scored with
//! the command-line program before the app starts; the 复赛's scores are keyed over IPC (bulk keying).
//! Run: `bash tests/e2e/run.sh semifinal`.

use std::collections::BTreeSet;

use saiwu_e2e::*;
use serde_json::{json, Value};
use thirtyfour::Key;

const V1: &str = "fixtures/generated/export_v1.xlsx";

/// The 初赛 scored: entries, judges, panels per group, distinct totals in entry order (no ties).
fn prepare(db: &std::path::Path) {
    saiwu_ok(db, &["import", "entries", &repo_file(V1).to_string_lossy(), "--json"]);
    saiwu_ok(db, &["import", "reference", "judges", &repo_file("fixtures/handmade/judges.xlsx").to_string_lossy(), "--json"]);
    saiwu_ok(db, &["panels", "--round", "preliminary", "--auto", "--json"]);
    let scores = fill_scores(db, "preliminary", false);
    let r = saiwu_json(db, &["scores", "import", "--round", "preliminary", &scores.to_string_lossy(), "--json"]);
    assert!(r["problems"].as_array().is_some_and(|p| p.is_empty()), "初赛 scores refused: {r}");
}

/// Project numbers of the entries ranked `top` or better per group (no open tie) in a `ranking` answer.
fn top_of(ranking: &Value, top: u64) -> BTreeSet<String> {
    ranking
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().iter())
        .filter(|e| e["rank"].as_u64().is_some_and(|r| r <= top) && e["tie_unresolved"] != json!(true))
        .map(|e| e["project_no"].as_str().unwrap().to_string())
        .collect()
}

/// The 晋级 tab of the round shown: top `n` per group, run, and wait for the list's title.
async fn advance_in_window(app: &App, n: &str, title: &str) {
    app.click_testid("judging-tab-advance").await;
    app.wait_testid("advance-list").await;
    let input = format!("{} input", tid("advance-top-n"));
    app.type_into(&input, n).await;
    app.press(&input, Key::Tab).await;
    app.type_into(&tid("advance-by"), "秘书处甲").await;
    app.click_testid("advance-run").await;
    app.wait_text_where(&tid("advance-list-title"), title, |t| t.starts_with(title)).await;
}

#[tokio::test]
async fn a_semifinal_between_the_preliminary_and_the_final() {
    let mut app = App::launch_prepared("semifinal", prepare).await;

    app.step("复赛未启用：评审页只有初赛和决赛");
    app.nav("judging").await;
    app.wait_testid("judging-round-final").await;
    app.check(app.count(&tid("judging-round-semifinal")).await == 0, "the 复赛 must not be offered while it is off").await;

    app.step("赛事设置：打开“设置复赛”并保存");
    app.nav("settings").await;
    app.click_testid("settings-semifinal").await;
    app.wait_text_where(&tid("settings-semifinal-hint"), "the three-round hint", |t| t.contains("初赛、复赛、决赛三轮")).await;
    app.shot("settings-semifinal").await;
    app.click_testid("settings-save").await;
    app.wait_text_where(".el-message--success", "已保存", |t| t.contains("已保存")).await;
    let saved = app.invoke("settings_get", json!({})).await;
    app.check(saved["rounds"]["semifinal"] == json!(true), format!("settings_get after save: {}", saved["rounds"])).await;

    app.step("评审：轮次依次为 初赛、复赛、决赛");
    app.nav("judging").await;
    app.wait_testid("judging-round-semifinal").await;
    let mut order = Vec::new();
    let mut tops = BTreeSet::new();
    for b in app.visible(&format!("{} .el-radio-button", tid("judging-round"))).await {
        order.push(b.text().await.unwrap_or_default().trim().to_string());
        tops.insert(b.rect().await.map(|r| r.y.round() as i64).unwrap_or(-1));
    }
    app.check(tops.len() == 1, format!("the three rounds sit on one line at 1400×900, tops {tops:?}")).await;
    app.check(order == ["初赛", "复赛", "决赛"], format!("round selector reads {order:?}")).await;

    app.step("初赛 → 复赛：每组前 5 名");
    app.click_testid("judging-round-preliminary").await;
    advance_in_window(&app, "5", "复赛名单（10 个项目）").await;
    app.shot("advance-to-semifinal").await;
    let prelim = app.invoke("ranking", json!({ "roundCode": "preliminary" })).await;
    let semi_list = app.invoke("advancement_list", json!({ "toRound": "semifinal" })).await;
    let semi_set: BTreeSet<String> = semi_list.as_array().unwrap().iter().map(|r| r["project_no"].as_str().unwrap().to_string()).collect();
    app.check(semi_set == top_of(&prelim, 5), format!("复赛 list {semi_set:?} is the 初赛 top 5 per group")).await;

    app.step("复赛：10 个项目，自动分组");
    app.click_testid("judging-round-semifinal").await;
    app.wait_text("judging-count-entries", "10").await;
    app.click_testid("judging-tab-panels").await;
    app.click_testid("panels-auto").await;
    app.wait_testid("panels-auto-dialog").await;
    app.click_testid("panels-auto-ok").await;
    app.wait_for("[data-panel-name=\"企业组评审组\"]").await;
    app.wait_for("[data-panel-name=\"创业组评审组\"]").await;
    app.shot("semifinal-panels").await;

    app.step("复赛：回避、评分表、抽签");
    app.click_testid("judging-tab-conflicts").await;
    app.wait_testid("conflicts-table").await;
    app.click_testid("judging-tab-sheets").await;
    let sheet = app.db.parent().unwrap().join("复赛评分表.xlsx");
    app.next_save_path(&sheet).await;
    app.click_testid("sheets-export").await;
    app.wait_text_where(".el-message--success", "评分表已导出", |t| t.contains("评分表已导出")).await;
    app.check(std::fs::metadata(&sheet).is_ok_and(|m| m.len() > 0), "the 复赛 score sheet was written").await;
    app.click_testid("judging-tab-draw").await;
    app.type_into(&tid("draw-by"), "秘书处乙").await;
    app.type_into(&tid("draw-seed-enterprise"), "7").await;
    app.click_testid("draw-run-enterprise").await;
    app.wait_text("draw-seed-shown-enterprise", "7").await;
    let drawn = app.count(&format!("{} tr.draw-row", tid("draw-order-enterprise"))).await;
    app.check(drawn == 5, format!("the draw orders the 复赛's 5 企业组 entries, saw {drawn}")).await;

    app.step("复赛评分（IPC 批量录入）：后面的项目分数更高，排名与初赛相反");
    let overview = app.invoke("round_overview", json!({ "roundCode": "semifinal" })).await;
    for p in overview["panels"].as_array().unwrap() {
        for (i, entry) in p["entries"].as_array().unwrap().iter().enumerate() {
            for j in p["judges"].as_array().unwrap() {
                let total = 8000 + 100 * i as i64;
                let r = app
                    .invoke(
                        "score_set",
                        json!({ "roundCode": "semifinal", "judgeId": j["id"], "entry": entry, "pass": 1,
                                "value": { "kind": "total", "total": total }, "keyedBy": "录入员甲", "reason": "" }),
                    )
                    .await;
                app.check(r == json!(true), format!("score_set 复赛 {entry} × {}: {r}", j["name"])).await;
            }
        }
    }
    app.click_testid("judging-tab-ranking").await;
    app.wait_for(&format!("{} tr.rank-row[data-rank=\"1\"]", tid("ranking-table-enterprise"))).await;
    app.shot("semifinal-ranking").await;
    let semi_ranking = app.invoke("ranking", json!({ "roundCode": "semifinal" })).await;
    let top2 = top_of(&semi_ranking, 2);
    app.check(top2.len() == 4, format!("2 per group on the 复赛 ranking: {top2:?}")).await;
    app.check(top2 != top_of(&prelim, 2), "the 复赛 ranking differs from the 初赛's, so the 决赛 shows where it came from").await;

    app.step("复赛 → 决赛：每组前 2 名");
    advance_in_window(&app, "2", "决赛名单（4 个项目）").await;
    let rows = app.visible(&format!("{} tr.advance-row[data-included=\"1\"]", tid("advance-list"))).await;
    let mut shown = BTreeSet::new();
    for r in rows {
        shown.insert(r.attr("data-project-no").await.ok().flatten().unwrap_or_default());
    }
    app.check(shown == top2, format!("the 决赛 list {shown:?} is the 复赛 ranking's top 2 per group {top2:?}")).await;
    app.shot("advance-to-final").await;

    app.step("决赛：4 个项目");
    app.click_testid("judging-round-final").await;
    app.wait_text("judging-count-entries", "4").await;
    let finals = app.invoke("round_entries", json!({ "roundCode": "final" })).await;
    let final_set: BTreeSet<String> = finals.as_array().unwrap().iter().map(|e| e["project_no"].as_str().unwrap().to_string()).collect();
    app.check(final_set == top2, format!("the 决赛's entries {final_set:?}")).await;
    app.shot("final").await;

    app.close().await;
}
