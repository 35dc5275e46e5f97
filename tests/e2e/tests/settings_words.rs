//! End-to-end: issue #11 items 1 and 6 — 赛事设置 holds the award quota, the cash (元) and the provincial quota
//! per group; changing 企业组's in the window changes the award list of a contest scored to the final. And the
//! small truths of item 6 that only the window shows.
//! Run: `bash tests/e2e/run.sh settings_words`.

use std::path::Path;

use saiwu_e2e::*;
use serde_json::json;

/// Five finalists per group, scored without ties (tests/e2e/src/lib.rs `prepare_scored_final`).
fn scored_final(db: &Path) {
    prepare_scored_final(db, 5, false);
}

fn levels_of(list: &serde_json::Value, group: &str) -> Vec<(String, i64)> {
    list["awards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["group"] == group && !a["level"].is_null())
        .map(|a| (a["level"].as_str().unwrap_or_default().to_string(), a["cash_yuan"].as_i64().unwrap_or(-1)))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_quota_and_cash_change_the_award_list() {
    let mut app = App::launch_prepared("settings_words_quota", scored_final).await;

    app.step("获奖名单：默认名额（每组一等奖 1 个）");
    app.nav("awards").await;
    app.wait_testid("awards-list-tab").await;
    let before = app.invoke("awards_list", json!({})).await;
    let startup_before = levels_of(&before, "startup");
    let firsts = |l: &serde_json::Value| levels_of(l, "enterprise").iter().filter(|(lv, _)| lv == "first").count();
    app.check(firsts(&before) == 1, format!("the default 企业组 quota has one 一等奖: {before}")).await;
    app.wait_for(&format!("{} tr.award-row[data-level=\"first\"]", tid("awards-table-enterprise"))).await;

    app.step("从获奖名单的提示进入赛事设置的名额与奖金");
    app.click_testid("awards-settings-link").await;
    app.wait_testid("page-settings").await;
    app.wait_testid("settings-award-table").await;
    // 企业组: 一等奖 2 × 50000 元, 二等奖 1 × 25000 元, 三等奖 1, 优胜奖 0; provincial quota 3.
    for (id, v) in [
        ("settings-quota-enterprise-first", "2"),
        ("settings-cash-enterprise-first", "50000"),
        ("settings-quota-enterprise-second", "1"),
        ("settings-cash-enterprise-second", "25000"),
        ("settings-quota-enterprise-third", "1"),
        ("settings-quota-enterprise-excellence", "0"),
        ("settings-provincial-enterprise", "3"),
    ] {
        app.type_into(&tid(id), v).await;
        app.press(&tid(id), thirtyfour::Key::Tab).await;
    }
    app.shot("quotas-typed").await;
    app.click_testid("settings-save").await;
    app.wait_text_where(".el-message--success", "已保存", |t| t.contains("已保存")).await;
    let saved = app.invoke("settings_get", json!({})).await;
    app.check(
        saved["award_quota"]["enterprise"] == json!({"first": 2, "second": 1, "third": 1, "excellence": 0})
            && saved["award_cash"]["enterprise"]["first"] == 50_000
            && saved["award_cash"]["enterprise"]["second"] == 25_000
            && saved["provincial_quota"]["enterprise"] == 3
            && saved["award_quota"]["startup"] == before_quota_startup(),
        format!("settings_get after save: {saved}"),
    )
    .await;

    app.step("获奖名单随名额与奖金变化");
    app.nav("awards").await;
    let first_rows = format!("{} tr.award-row[data-level=\"first\"]", tid("awards-table-enterprise"));
    app.wait_for(&format!("{first_rows}:nth-of-type(2)")).await;
    let after = app.invoke("awards_list", json!({})).await;
    let ent = levels_of(&after, "enterprise");
    let want = [("first", 50_000), ("first", 50_000), ("second", 25_000), ("third", 10_000)];
    app.check(ent.iter().map(|(l, c)| (l.as_str(), *c)).collect::<Vec<_>>() == want, format!("企业组 levels and cash after the change: {ent:?}"))
        .await;
    app.check(levels_of(&after, "startup") == startup_before, "创业组's list is untouched").await;
    let shown_first = app.count(&first_rows).await;
    let shown_exc = app.count(&format!("{} tr.award-row[data-level=\"excellence\"]", tid("awards-table-enterprise"))).await;
    app.check(shown_first == 2 && shown_exc == 0, format!("the window shows {shown_first} 一等奖 and {shown_exc} 优胜奖 in 企业组")).await;
    let cash = app.text(&format!("{first_rows} .cash-cell")).await;
    app.check(cash == "50,000 元", format!("the 一等奖 cash shown: {cash:?}")).await;
    app.shot("award-list-after").await;

    app.step("推荐省赛：企业组名额 3");
    app.click_testid("awards-tab-recommendation").await;
    app.wait_testid("rec-tab").await;
    let rec = app.invoke("recommendation_list", json!({})).await;
    let n = rec["entries"].as_array().map(|a| a.iter().filter(|e| e["group"] == "enterprise" && e["included"] == true).count());
    app.check(n == Some(3), format!("three 企业组 entries recommended: {rec}")).await;
    app.wait_testid("recommendation-settings-link").await;
    app.close().await;
}

/// The default 创业组 quota (saving 企业组's must leave it as it was).
fn before_quota_startup() -> serde_json::Value {
    json!({"first": 1, "second": 2, "third": 3, "excellence": 10})
}

fn imported(db: &Path) {
    saiwu_ok(db, &["import", "entries", &repo_file("fixtures/generated/export_v1.xlsx").to_string_lossy(), "--json"]);
}

/// Item 6's small truths as the window shows them: the season strip says what its counts count, rule ids carry
/// their names, a prefilled 审核人 is replaced when typed into, 评审 opens the judges list, 备份与恢复 in plain words.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn words_and_small_truths_in_the_window() {
    let mut app = App::launch_prepared("settings_words_small", imported).await;

    app.step("概览：进度条上的数字说明自己数的是什么");
    app.nav("dashboard").await;
    app.wait_text_where(&tid("dash-step-setup"), "设置 counts its settings", |t| t.contains("项设置")).await;
    app.wait_text_where(&tid("dash-step-awards"), "获奖与推荐 counts prize places", |t| t.contains("个获奖名额")).await;
    let d = app.invoke("dashboard", json!({})).await;
    let title = d["next_step"]["title"].as_str().unwrap_or_default().to_string();
    app.wait_text("dash-next-title", &title).await;
    app.shot("dashboard").await;

    app.step("资格审查：规则编号带中文名称");
    app.nav("screening").await;
    app.click_testid("screen-count-review").await;
    let cell = app
        .wait_text_where(".rules-cell", "a rule id with its name", |t| {
            t.starts_with('R') && t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .await;
    app.check(!cell.is_empty(), "the 问题规则 cell names its rules").await;

    app.step("审核人：输入时替换预填的姓名，而不是接在后面");
    let first = app.wait_for(".screen-row[data-verdict=\"review\"]").await;
    let no = first.attr("data-project-no").await.ok().flatten().unwrap_or_default();
    app.click(&format!(".screen-row[data-project-no=\"{no}\"]")).await;
    app.wait_testid("screen-drawer").await;
    let by = tid("screen-decide-by");
    app.type_into(&by, "王秘书").await;
    app.press(&by, thirtyfour::Key::Tab).await;
    // Typed the way WebDriver types (no clearing first): the caret lands after the prefilled name.
    let field = app.wait_for(&by).await;
    let _ = field.click().await;
    if let Err(e) = field.send_keys("李主任").await {
        app.fail::<()>(format!("typing into 审核人 failed: {e}")).await;
    }
    app.wait_value(&by, "李主任").await;
    app.shot("decided-by-replaced").await;

    app.step("评审：可以直接打开评委名单");
    app.nav("judging").await;
    app.click_testid("judging-judges-manage").await;
    app.wait_testid("judges-dialog").await;
    app.shot("judges-dialog").await;
    app.press(&tid("judges-search"), thirtyfour::Key::Escape).await;
    app.wait_gone(&tid("judges-dialog")).await;

    app.step("备份与恢复：不用技术词");
    app.nav("backups").await;
    let files = app.wait_text_where(&tid("backups-files-text"), "the contest files explained", |t| t.contains("赛事文件")).await;
    app.check(files.contains(".sqlite"), format!("the .sqlite names are explained: {files:?}")).await;
    let page = app.text(&tid("page-backups")).await;
    app.check(!page.contains("哈希"), format!("备份与恢复 still says 哈希: {page}")).await;
    app.close().await;
}
