//! End-to-end: 公示与跟踪 (issue #12) — on a contest scored to the final (prepared with the command-line program):
//! an objection against an award winner recorded in the window; the award list's lock asks for a reason while
//! it is open; the objection closed as upheld with the entry's qualification withdrawn, which amends the frozen
//! award list; a follow-up record whose next contact is past due shows as overdue; the follow-up export; a
//! provincial result recorded for a recommended project.
//! Run: `bash tests/e2e/run.sh season`.

use std::path::Path;

use saiwu_e2e::*;
use serde_json::json;

/// An Element Plus textarea by its test id (the id may sit on the textarea or on its wrapper).
fn textarea(id: &str) -> String {
    format!("textarea{0}, {0} textarea", tid(id))
}

fn prepare(db: &Path) {
    prepare_scored_final(db, 5, false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn objection_lock_disqualify_followup_and_provincial() {
    let mut app = App::launch_prepared("season", prepare).await;
    let out_dir = app.db.parent().unwrap().to_path_buf();
    let list = app.invoke("awards_list", json!({})).await;
    let winner = list["awards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["group"] == "enterprise" && a["level"] == "first")
        .and_then(|a| a["project_no"].as_str())
        .unwrap_or_default()
        .to_string();
    app.check(!winner.is_empty(), format!("a 企业组 一等奖 should be settled: {list}")).await;

    app.step("公示异议：登记一条针对一等奖项目的异议");
    app.nav("season").await;
    app.wait_testid("objections-tab").await;
    app.click_testid("objection-add").await;
    app.wait_testid("objection-dialog").await;
    let blocker = app.text(&tid("objection-blocker")).await;
    app.check(blocker.contains("项目"), format!("an empty form says what is missing: {blocker:?}")).await;
    app.type_into(&tid("objection-entry"), &winner).await;
    // Close the suggestion list by clicking the dialog's title (Escape would close the dialog itself).
    app.click(&format!("{} .el-dialog__title", tid("objection-dialog"))).await;
    app.type_into(&tid("objection-from"), "长治市某某科技有限公司").await;
    app.type_into(&textarea("objection-content"), "该项目核心技术与我公司已授权专利相同").await;
    app.shot("objection-dialog").await;
    app.click_testid("objection-save").await;
    app.wait_gone(&tid("objection-dialog")).await;
    app.wait_text("objections-open-count", "1").await;
    app.wait_for(&format!("{} tr.objection-row[data-status=\"open\"]", tid("objections-table"))).await;
    let truth = app.invoke("objections_list", json!({})).await;
    let o = truth.as_array().and_then(|a| a.first()).cloned().unwrap_or_default();
    app.check(o["entry"] == winner.as_str() && o["status"] == "open", format!("objections_list: {truth}")).await;
    let id = o["id"].as_i64().unwrap_or(0);

    app.step("获奖名单：有未办结异议时，锁定要写明理由");
    app.nav("awards").await;
    app.click_testid("awards-lock").await;
    app.wait_testid("awards-lock-dialog").await;
    app.wait_testid("awards-lock-objections").await;
    app.type_into(&tid("awards-lock-by"), "王秘书").await;
    let disabled = app.wait_testid("awards-lock-ok").await.attr("disabled").await.ok().flatten().is_some();
    app.check(disabled, "锁定 must wait for a reason while an objection is open").await;
    app.type_into(&textarea("awards-lock-override"), "异议经初步核查不影响其他奖项，组委会同意先行锁定").await;
    app.shot("lock-with-objection").await;
    app.click_testid("awards-lock-ok").await;
    app.wait_gone(&tid("awards-lock-dialog")).await;
    app.wait_for(&format!("{}[data-locked=\"1\"]", tid("awards-lock-state"))).await;

    app.step("办结异议：异议成立，同时取消参赛资格");
    app.nav("season").await;
    app.click_testid(&format!("objection-close-{id}")).await;
    app.wait_testid("objection-close-dialog").await;
    app.click_testid("objection-outcome-upheld").await;
    app.type_into(&textarea("objection-handling"), "经核查，项目核心技术确与异议人专利相同").await;
    app.click_testid("objection-disqualify").await;
    app.type_into(&tid("objection-by"), "王秘书").await;
    app.shot("objection-close").await;
    app.click_testid("objection-close-ok").await;
    app.wait_gone(&tid("objection-close-dialog")).await;
    app.wait_text("objections-open-count", "0").await;
    app.wait_text_where(&format!("{} tr.objection-row[data-id=\"{id}\"]", tid("objections-table")), "the closed objection", |t| {
        t.contains("异议成立") && t.contains("已取消资格")
    })
    .await;

    app.step("获奖名单：以更正记录撤销该项目的奖项");
    app.nav("awards").await;
    app.wait_text_where(
        &format!("{} tr.amendment-row[data-project-no=\"{winner}\"]", tid("awards-amendments")),
        "the withdrawal with the objection as its reason",
        |t| t.contains("公示异议成立"),
    )
    .await;
    let after = app.invoke("awards_list", json!({})).await;
    let still = after["awards"].as_array().unwrap().iter().any(|a| a["project_no"] == winner.as_str());
    app.check(!still, format!("{winner} should have no award after the disqualification: {after}")).await;
    app.shot("amended").await;

    app.step("跟踪服务：下次联系已过期的记录列为逾期");
    let other = after["awards"].as_array().unwrap().iter().find_map(|a| a["project_no"].as_str()).unwrap_or_default().to_string();
    app.nav("season").await;
    app.click_testid("season-tab-followup").await;
    app.wait_testid("followup-tab").await;
    app.click_testid("followup-add").await;
    app.wait_testid("followup-dialog").await;
    app.type_into(&tid("followup-entry"), &other).await;
    app.click(&format!("{} .el-dialog__title", tid("followup-dialog"))).await;
    app.set_date(&tid("followup-date"), "2026-08-10").await;
    app.click_testid("followup-kind-financing").await;
    app.type_into(&textarea("followup-note"), "对接银行授信，融资需求 500 万元").await;
    app.type_into(&tid("followup-amount"), "500").await;
    app.set_date(&tid("followup-next"), "2026-09-01").await;
    app.shot("followup-dialog").await;
    app.click_testid("followup-save").await;
    app.wait_gone(&tid("followup-dialog")).await;
    app.wait_for(&format!("{} tr.followup-row[data-no=\"{other}\"]", tid("followup-table"))).await;
    app.wait_for(&format!("{} tr.overdue-row[data-no=\"{other}\"]", tid("followup-overdue"))).await;
    let rows = app.invoke("followups_list", json!({"entry": null, "overdue": false})).await;
    let r = rows.as_array().and_then(|a| a.first()).cloned().unwrap_or_default();
    app.check(
        r["entry"] == other.as_str() && r["kind"] == "financing" && r["amount_wan"] == 500.0 && r["next_due"] == "2026-09-01",
        format!("followups_list: {rows}"),
    )
    .await;
    let target = out_dir.join("跟踪服务记录.xlsx");
    app.next_save_path(&target).await;
    app.click_testid("followup-export").await;
    app.wait_text_where(&tid("followup-export-result"), "the written path", |t| t.contains(&*target.to_string_lossy())).await;
    let bytes = std::fs::read(&target).unwrap_or_default();
    app.check(bytes.starts_with(b"PK"), format!("{} should be an xlsx ({} bytes)", target.display(), bytes.len())).await;
    app.shot("followup").await;

    app.step("省赛结果：为一个推荐项目登记");
    app.click_testid("season-tab-provincial").await;
    app.wait_testid("provincial-tab").await;
    let rows = app.invoke("provincial_list", json!({})).await;
    let first = rows.as_array().and_then(|a| a.first()).and_then(|r| r["project_no"].as_str()).unwrap_or_default().to_string();
    app.check(!first.is_empty(), format!("the recommendation should list projects: {rows}")).await;
    app.click(&tid(&format!("provincial-outcome-{first}"))).await;
    // Element Plus renders the options in a popper at the end of <body>: the visible one that says 二等奖.
    let mut chosen = false;
    for _ in 0..50 {
        for item in app.visible(".el-select-dropdown__item").await {
            if item.text().await.unwrap_or_default().trim() == "二等奖" {
                chosen = item.click().await.is_ok();
                break;
            }
        }
        if chosen {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.check(chosen, "the 二等奖 option should be shown and clickable").await;
    app.wait_text("provincial-recorded", "1").await;
    let rows = app.invoke("provincial_list", json!({})).await;
    let r = rows.as_array().unwrap().iter().find(|r| r["project_no"] == first.as_str()).cloned().unwrap_or_default();
    app.check(r["outcome"] == "second", format!("provincial_list after choosing 二等奖: {rows}")).await;
    app.shot("provincial").await;

    app.step("导出页：工作总结数据（PDF），读回文字");
    app.nav("exports").await;
    let pdf = out_dir.join("工作总结数据.pdf");
    app.next_save_path(&pdf).await;
    app.click_testid("exports-run-summary-pdf").await;
    app.wait_text_where(&tid("exports-result-summary-pdf"), "the written path", |t| t.contains(&*pdf.to_string_lossy())).await;
    let text: String = pdf_text(&pdf).split_whitespace().collect();
    for part in ["工作总结数据", "获奖与奖金", "推荐省赛与省赛结果", "二等奖", "跟踪服务"] {
        app.check(text.contains(part), format!("the summary PDF should contain {part}: {text}")).await;
    }
    app.close().await;
}
