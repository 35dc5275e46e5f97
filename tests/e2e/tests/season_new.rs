//! End-to-end: the next season from this one and the dashboard's overdue follow-ups (issue #12 items 6, 7) — on a
//! contest scored to the final (prepared with the command-line program) with a recommended project's provincial
//! result (二等奖) and a follow-up record whose next contact is past due: the dashboard's overdue card links to
//! 跟踪服务; 公示与跟踪 → 新建下一届 shows what is carried, creates the next season's file through the save
//! dialog and opens it; 赛事设置 shows the 请核对 banner with the moved dates and edition, 已核对 clears it; the
//! new contest's provincial-winners list holds the project (R03 fails it when it enters again).
//! Run: `bash tests/e2e/run.sh season_new`.

use std::path::Path;

use saiwu_e2e::*;
use serde_json::json;

fn prepare(db: &Path) {
    prepare_scored_final(db, 5, false);
    let rec = saiwu_json(db, &["provincial", "list", "--json"]);
    let no = rec[0]["project_no"].as_str().expect("a recommended project").to_string();
    saiwu_ok(db, &["provincial", "set", &no, "二等奖"]);
    // Next contact 2026-09-01: past due on any day the test runs (the app reads today's date).
    saiwu_ok(db, &["followup", "add", "--entry", &no, "--date", "2026-08-10", "--kind", "contact", "--note", "电话回访", "--next", "2026-09-01"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_season_from_the_window_and_overdue_followups_on_the_dashboard() {
    let mut app = App::launch_prepared("season_new", prepare).await;
    let out_dir = app.db.parent().unwrap().to_path_buf();
    let rows = app.invoke("provincial_list", json!({})).await;
    let winner = rows
        .as_array()
        .and_then(|a| a.iter().find(|r| r["outcome"] == "second"))
        .and_then(|r| r["project_no"].as_str())
        .unwrap_or_default()
        .to_string();
    app.check(!winner.is_empty(), format!("a project with 省赛二等奖: {rows}")).await;

    app.step("概览：逾期未跟进的项目，附应联系日期和逾期天数");
    app.nav("dashboard").await;
    app.wait_testid("dash-overdue").await;
    let row =
        app.wait_text_where(&tid(&format!("dash-overdue-{winner}")), "the overdue project with its due date", |t| t.contains("2026-09-01")).await;
    let d = app.invoke("dashboard", json!({})).await;
    let days = d["overdue_followups"][0]["days_overdue"].as_i64().unwrap_or(0);
    app.check(days > 0 && row.contains(&format!("{days} 天")), format!("days overdue {days} shown in {row:?}")).await;
    app.shot("overdue-card").await;
    app.click_testid("dash-overdue-open").await;
    app.wait_testid("followup-tab").await;

    app.step("公示与跟踪 → 新建下一届：带入与不带入的内容、省赛获奖项目");
    app.click_testid("season-tab-next").await;
    app.wait_testid("season-next-tab").await;
    app.wait_text_where(&tid("season-next-name"), "the next contest's name", |t| t.contains("第十二届")).await;
    let carried = app.text(&tid("season-next-carried")).await;
    app.check(carried.contains("评委名单") && carried.contains("证书模板"), format!("carried: {carried}")).await;
    let not = app.text(&tid("season-next-not-carried")).await;
    app.check(not.contains("报名项目") && not.contains("公示异议"), format!("not carried: {not}")).await;
    app.wait_text_where(
        &format!("{} tr.season-next-winner[data-no=\"{winner}\"]", tid("season-next-winners")),
        "the provincial winner with its source",
        |t| t.contains("第十一届长治市赛推荐，省赛二等奖"),
    )
    .await;
    app.shot("next-season-plan").await;

    app.step("新建下一届赛事：保存位置，创建后打开");
    let target = out_dir.join("第十二届创客大赛.sqlite");
    app.next_save_path(&target).await;
    app.click_testid("season-next-create").await;
    app.wait_text_where(&tid("season-next-done"), "the new file", |t| t.contains(&*target.to_string_lossy())).await;
    app.check(target.is_file(), format!("{} should exist", target.display())).await;
    app.shot("next-season-made").await;
    app.click_testid("season-next-open").await;
    app.wait_testid("page-settings").await;
    let current = app.invoke("contest_current", json!({})).await;
    app.check(current["db_path"] == target.to_string_lossy().as_ref(), format!("the new contest is open: {current}")).await;

    app.step("赛事设置：请核对横幅列出顺延的届次和日期，已核对后消失");
    let banner =
        app.wait_text_where(&tid("settings-season-check"), "the 请核对 banner", |t| t.contains("2027-07-10") && t.contains("第十二届")).await;
    app.check(banner.contains("2026-07-10") && banner.contains("2027-12-31"), format!("moved dates listed: {banner}")).await;
    let s = app.invoke("settings_get", json!({})).await;
    app.check(s["edition"] == "第十二届" && s["year"] == 2027 && s["deadline"] == "2027-07-10", format!("settings: {s}")).await;
    app.shot("settings-check").await;
    app.type_into(&tid("settings-season-check-who"), "杨希").await;
    app.click_testid("settings-season-check-confirm").await;
    app.wait_gone(&tid("settings-season-check")).await;
    app.wait_text_where(&tid("settings-season-check-done"), "who checked", |t| t.contains("杨希")).await;
    let c = app.invoke("season_check_get", json!({})).await;
    app.check(c["confirmed_by"] == "杨希" && c["confirmed_at"].is_string(), format!("season_check_get: {c}")).await;

    app.step("新赛事的近三届省赛获奖名单含该项目：再次报名时 R03 不通过");
    let refs = app.invoke("reference_status", json!({})).await;
    let pw = refs.as_array().and_then(|a| a.iter().find(|r| r["kind"] == "provincial-winners")).cloned().unwrap_or_default();
    app.check(pw["imported"] == true && pw["rows"].as_i64().unwrap_or(0) >= 1, format!("provincial-winners: {pw}")).await;
    let entries = app.invoke("entries_list", json!({})).await;
    app.check(entries.as_array().is_some_and(|a| a.is_empty()), format!("no entries carried: {entries}")).await;
    saiwu_ok(&target, &["import", "entries", &repo_file("fixtures/generated/export_v1.xlsx").to_string_lossy(), "--json"]);
    let check = saiwu_json(&target, &["check", "--json"]);
    let r03 = check
        .as_array()
        .and_then(|a| a.iter().find(|v| v["project_no"] == winner.as_str()))
        .and_then(|v| v["findings"].as_array())
        .and_then(|f| f.iter().find(|f| f["rule"] == "R03"))
        .cloned()
        .unwrap_or_default();
    app.check(
        r03["outcome"] == "fail" && r03["message"].as_str().is_some_and(|m| m.contains("省赛二等奖")),
        format!("R03 of {winner} in the new contest: {r03}"),
    )
    .await;
    app.close().await;
}
