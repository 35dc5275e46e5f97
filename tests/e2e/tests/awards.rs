//! End-to-end: 获奖与推荐 — a scored final prepared with the command-line program (entries, judges, panels,
//! preliminary sheet filled and imported, advancement, final sheet filled and imported, with one tie on purpose
//! across the 一等奖 / 二等奖 line in 企业组); in the window: the pending tie and its hint, the committee's order
//! recorded in 评审 → 排名 (决赛), the levels settling, the lock, one amendment with a reason, the 公示名单
//! export, the recommendation and unit tabs, and the 导出 page.
//! Run: `bash tests/e2e/run.sh awards`.
//!
//! The native save dialog cannot be driven through WebDriver: the test puts the target path into
//! `window.__SAIWU_TEST_SAVE_PATH__` (read once by `ui/src/api/dialogs.ts`) and clicks the real export button.

use std::path::Path;

use saiwu_e2e::*;
use serde_json::json;

fn prepare(db: &Path) {
    prepare_scored_final(db, 5, true);
    eprintln!("[awards] prepared: final scored with a tie at 企业组 rank 1");
}

fn row(group: &str, no: &str) -> String {
    format!("{} tr.award-row[data-project-no=\"{no}\"]", tid(&format!("awards-table-{group}")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn awards_tie_lock_amend_and_export() {
    let mut app = App::launch_prepared("awards", prepare).await;
    let out_dir = app.db.parent().unwrap().to_path_buf();

    // Ground truth over IPC (read only): the two tied entries.
    let list = app.invoke("awards_list", json!({})).await;
    let pending: Vec<String> = list["awards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["group"] == "enterprise" && a["level"].is_null())
        .map(|a| a["project_no"].as_str().unwrap().to_string())
        .collect();
    app.check(pending.len() == 2, format!("two 企业组 entries should be pending, awards_list = {list}")).await;
    let enterprise: Vec<String> = list["awards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["group"] == "enterprise")
        .map(|a| a["project_no"].as_str().unwrap().to_string())
        .collect();

    app.step("获奖名单：并列待定及提示");
    app.nav("awards").await;
    app.wait_testid("awards-list-tab").await;
    app.wait_text_where(&tid("awards-tie-hint"), "the tie hint pointing to 评审 → 排名", |t| t.contains("评审 → 排名")).await;
    for no in &pending {
        app.wait_for(&format!("{}[data-level=\"pending\"]", row("enterprise", no))).await;
        app.wait_text_where(&format!("{} .pending-cell", row("enterprise", no)), "the pending reason", |t| t.contains("并列第 1 名")).await;
    }
    let startup_first = app.count(&format!("{} tr.award-row[data-level=\"first\"]", tid("awards-table-startup"))).await;
    app.check(startup_first == 1, format!("创业组 should have its 一等奖 settled, saw {startup_first}")).await;
    let lock_disabled = app.wait_testid("awards-lock").await.attr("disabled").await.ok().flatten().is_some();
    app.check(lock_disabled, "锁定 must be disabled while a tie is pending").await;
    app.shot("pending-tie").await;

    app.step("前往 评审 → 排名（决赛），记录评审委员会的决定");
    app.click_testid("awards-goto-ranking").await;
    app.wait_testid("page-judging").await;
    app.click_testid("judging-tab-ranking").await;
    app.wait_testid("ranking-table-enterprise").await;
    app.wait_testid("ranking-tie-enterprise-1").await;
    app.click_testid("tie-open-enterprise-1").await;
    app.wait_testid("tie-dialog").await;
    let mut order = Vec::new();
    for li in app.visible(&format!("{} li.tie-item", tid("tie-dialog"))).await {
        order.push(li.attr("data-project-no").await.ok().flatten().unwrap_or_default());
    }
    app.check(order.len() == 2, format!("the tie dialog should list the two entries, saw {order:?}")).await;
    // The committee puts the second one first.
    app.click_testid("tie-down-0").await;
    let (winner, runner_up) = (order[1].clone(), order[0].clone());
    app.wait_for(&format!("{} li.tie-item:first-child[data-project-no=\"{winner}\"]", tid("tie-dialog"))).await;
    app.type_into(&tid("tie-reason"), "评审委员会投票 5:2").await;
    app.type_into(&tid("tie-by"), "王秘书").await;
    app.shot("tie-dialog").await;
    app.click_testid("tie-submit").await;
    app.wait_gone(&tid("tie-dialog")).await;
    app.wait_gone(&tid("ranking-tie-enterprise-1")).await;
    app.wait_for(&format!("{} tr.rank-row[data-project-no=\"{winner}\"][data-rank=\"1\"]", tid("ranking-table-enterprise"))).await;
    app.wait_for(&format!("{} tr.rank-row[data-project-no=\"{runner_up}\"][data-rank=\"2\"]", tid("ranking-table-enterprise"))).await;

    app.step("获奖名单：奖项随决定确定");
    app.nav("awards").await;
    app.wait_for(&format!("{}[data-level=\"first\"]", row("enterprise", &winner))).await;
    app.wait_for(&format!("{}[data-level=\"second\"]", row("enterprise", &runner_up))).await;
    app.wait_gone(&tid("awards-tie-hint")).await;
    let truth = app.invoke("awards_list", json!({})).await;
    let cash_of =
        |no: &str| truth["awards"].as_array().unwrap().iter().find(|a| a["project_no"] == no).and_then(|a| a["cash_yuan"].as_i64()).unwrap_or(-1);
    let first_cash = cash_of(&winner);
    app.check(first_cash > 0, format!("the 一等奖 should carry cash: {truth}")).await;
    let cash_text = app.text(&format!("{} .cash-cell", row("enterprise", &winner))).await;
    let want = format!("{} 元", group_thousands(first_cash));
    app.check(cash_text == want, format!("cash shown {cash_text:?}, expected {want:?}")).await;
    let (count, cash): (i64, i64) =
        truth["totals"].as_array().unwrap().iter().fold((0, 0), |(n, c), t| (n + t["count"].as_i64().unwrap(), c + t["cash_yuan"].as_i64().unwrap()));
    let want_sum = format!("{count} 项 · {} 元", group_thousands(cash));
    app.wait_text("awards-total-all-sum", &want_sum).await;
    app.shot("levels-settled").await;

    app.step("锁定获奖名单");
    app.click_testid("awards-lock").await;
    app.wait_testid("awards-lock-dialog").await;
    app.type_into(&tid("awards-lock-by"), "王秘书").await;
    app.shot("lock-dialog").await;
    app.click_testid("awards-lock-ok").await;
    app.wait_gone(&tid("awards-lock-dialog")).await;
    app.wait_for(&format!("{}[data-locked=\"1\"]", tid("awards-lock-state"))).await;
    app.wait_text("awards-lock-who", "王秘书").await;
    app.wait_text("awards-lock-intact", "完好").await;
    let frozen = app.invoke("awards_list", json!({})).await;
    let hash = frozen["frozen"]["content_hash"].as_str().unwrap_or_default().to_string();
    let shown = app.text(&tid("awards-lock-hash")).await;
    app.check(
        hash.len() > 12 && shown.trim_end_matches('…') == &hash[..12],
        format!("the short hash {shown:?} should start the content hash {hash:?}"),
    )
    .await;
    app.shot("locked").await;

    app.step("更正：一个三等奖改为优胜奖，写明理由");
    let third = enterprise.last().unwrap().clone();
    app.wait_for(&format!("{}[data-level=\"third\"]", row("enterprise", &third))).await;
    // The table may scroll sideways: bring the button into view first.
    let btn = app.wait_testid(&format!("award-amend-{third}")).await;
    let _ = btn.scroll_into_view().await;
    app.click_testid(&format!("award-amend-{third}")).await;
    app.wait_testid("awards-amend-dialog").await;
    app.click_testid("awards-amend-level-excellence").await;
    app.type_into(&tid("awards-amend-reason"), "经组委会复议，项目材料与路演不符，调整为优胜奖").await;
    app.type_into(&tid("awards-amend-by"), "王秘书").await;
    app.shot("amend-dialog").await;
    app.click_testid("awards-amend-ok").await;
    app.wait_gone(&tid("awards-amend-dialog")).await;
    app.wait_for(&format!("{}[data-level=\"excellence\"]", row("enterprise", &third))).await;
    app.wait_text_where(
        &format!("{} tr.amendment-row[data-project-no=\"{third}\"]", tid("awards-amendments")),
        "the amendment with its reason",
        |t| t.contains("三等奖 → 优胜奖") && t.contains("材料与路演不符") && t.contains("王秘书"),
    )
    .await;
    let after = app.invoke("awards_list", json!({})).await;
    let amended = after["awards"].as_array().unwrap().iter().find(|a| a["project_no"] == third.as_str()).cloned().unwrap_or_default();
    app.check(amended["level"] == "excellence", format!("awards_list after the amendment: {amended}")).await;
    app.check(after["frozen"]["amendments"].as_array().is_some_and(|a| a.len() == 1), "one amendment recorded").await;
    app.shot("amended").await;

    app.step("导出公示名单（xlsx）");
    let target = out_dir.join("公示名单.xlsx");
    app.next_save_path(&target).await;
    app.click_testid("awards-export-publicity").await;
    let msg = app
        .wait_text_where(&tid("awards-export-result"), "the written path", |t| t.contains("公示名单") && t.contains(&*target.to_string_lossy()))
        .await;
    let bytes = std::fs::read(&target).unwrap_or_default();
    app.check(bytes.starts_with(b"PK"), format!("{} should be an xlsx (zip) file ({} bytes); message {msg:?}", target.display(), bytes.len())).await;
    app.shot("exported-publicity").await;

    app.step("推荐省赛：名单，手机号已隐去");
    app.click_testid("awards-tab-recommendation").await;
    app.wait_testid("rec-tab").await;
    let rec = app.invoke("recommendation_list", json!({})).await;
    let included = rec["entries"].as_array().unwrap().iter().filter(|e| e["included"] == true).count();
    app.check(included > 0, format!("the recommendation should include entries: {rec}")).await;
    let t0 = std::time::Instant::now();
    while app.count(&format!("{} tr.rec-row[data-state=\"included\"]", tid("rec-table"))).await != included {
        if t0.elapsed() > TIMEOUT {
            app.fail(format!("the recommendation table should show {included} included rows")).await
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let table_text = app.text(&tid("rec-table")).await;
    for e in rec["entries"].as_array().unwrap() {
        if let Some(p) = e["leader_phone"].as_str().filter(|p| p.len() >= 7) {
            app.check(!table_text.contains(p), format!("the full phone {p} must not be shown")).await;
        }
    }
    app.shot("recommendation").await;

    app.step("优秀组织单位：统计表");
    app.click_testid("awards-tab-units").await;
    app.wait_testid("units-tab").await;
    app.wait_for(&format!("{} tr.unit-row[data-rank=\"1\"]", tid("units-table"))).await;
    let units = app.invoke("units_stats", json!({})).await;
    let n = units.as_array().map(|u| u.len()).unwrap_or(0);
    let shown_units = app.count(&format!("{} tr.unit-row", tid("units-table"))).await;
    app.check(shown_units == n, format!("the unit table should list {n} units, shows {shown_units}")).await;
    app.shot("units").await;

    app.step("导出页：各类表格，评分汇总表 PDF");
    app.nav("exports").await;
    // The cards come from the core's export registry (export_kinds): wait for the last one before counting.
    app.wait_testid("exports-card-certificate-register").await;
    let cards = app.count("[data-testid^=\"exports-card-\"]").await;
    // One card per kind that needs no round (`scores` and `ranking` are offered per round on their own cards); the
    // 复赛's kinds only while a 复赛 is held (not in this contest).
    let page_kind = |k: &serde_json::Value| k["needs_round"] == false && !k["kind"].as_str().unwrap_or("").ends_with("-semifinal");
    let kinds = app.invoke("export_kinds", json!({})).await.as_array().map(|k| k.iter().filter(|k| page_kind(k)).count()).unwrap_or(0);
    app.check(cards == kinds && kinds >= 17, format!("the 导出 page should show a card per export kind without a round ({kinds}), saw {cards}"))
        .await;
    let pdf = out_dir.join("评分汇总表.pdf");
    app.next_save_path(&pdf).await;
    app.click_testid("exports-run-signoff-pdf").await;
    app.wait_text_where(&tid("exports-result-signoff-pdf"), "the written path", |t| t.contains(&*pdf.to_string_lossy())).await;
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    app.check(bytes.starts_with(b"%PDF"), format!("{} should be a PDF ({} bytes)", pdf.display(), bytes.len())).await;
    app.shot("exports").await;

    app.step("证书：颁发日期、操作人，编号并生成全部证书到一个文件夹");
    app.nav("certificates").await;
    app.wait_testid("cert-template").await;
    let awarded =
        app.invoke("awards_list", json!({})).await["awards"].as_array().map(|a| a.iter().filter(|x| !x["level"].is_null()).count()).unwrap_or(0);
    app.wait_text("cert-subjects", &awarded.to_string()).await;
    app.wait_testid("cert-preview").await;
    app.set_date(&tid("cert-date"), "2026-08-01").await;
    app.type_into(&tid("cert-by"), "秘书处丙").await;
    let cert_dir = out_dir.join("证书");
    app.next_save_path(&cert_dir).await;
    app.click_testid("cert-write").await;
    app.wait_text("cert-result-count", &awarded.to_string()).await;
    let batch = cert_dir.join("证书-全部.pdf");
    let bytes = std::fs::read(&batch).unwrap_or_default();
    app.check(bytes.starts_with(b"%PDF"), format!("{} should be a PDF", batch.display())).await;
    let singles = std::fs::read_dir(&cert_dir)
        .map(|d| d.filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().starts_with("CZCK")).count())
        .unwrap_or(0);
    app.check(singles == awarded, format!("one PDF per certificate: {awarded} expected, {singles} written")).await;
    app.check(cert_dir.join("证书登记表.xlsx").is_file(), "the register is written beside the PDFs").await;
    // The table reloads after the result is shown (another command): wait for its rows, then count them.
    app.wait_for(&format!("{} .el-table__body tr:nth-child({awarded})", tid("cert-table"))).await;
    let rows = app.count(&format!("{} .el-table__body tr", tid("cert-table"))).await;
    app.check(rows == awarded, format!("the register table lists {awarded} certificates, shows {rows}")).await;
    // The award list now carries the numbers.
    let numbered = app.invoke("awards_list", json!({})).await["awards"]
        .as_array()
        .map(|a| a.iter().filter(|x| x["certificate_no"].is_string()).count())
        .unwrap_or(0);
    app.check(numbered == awarded, format!("every award has its certificate number ({numbered}/{awarded})")).await;
    app.shot("certificates").await;

    app.close().await;
}

/// 30000 → "30,000".
fn group_thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}
