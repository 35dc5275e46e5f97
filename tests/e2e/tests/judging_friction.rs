//! End-to-end: 评审 friction fixed in issue #11 — auto panels asking how many judges each gets, suggested 回避
//! dismissed in bulk with one reason, a totals-only round keyed as one 总分 per judge and ranked on it, 检查 of a
//! score file naming the hand-keyed scores it would change (and 导入 asking first), and 全部评审组 printing every
//! panel's sheets into one PDF. The contest file is prepared with the command-line program (entries, judges).
//! Run: `bash tests/e2e/run.sh judging_friction`.

use std::path::Path;

use saiwu_e2e::*;
use serde_json::json;
use thirtyfour::Key;

const V1: &str = "fixtures/generated/export_v1.xlsx";
const MSGBOX_PRIMARY: &str = ".el-message-box__btns .el-button--primary";

/// Hand-keyed totals of entry A, one per judge of its panel (four judges: no trimming).
/// (80 + 85.5 + 90 + 70) ÷ 4 = 81.375 → 81.38.
const TOTALS: [&str; 4] = ["80", "85.5", "90", "70"];

/// The entrants of the first two eligible entries (what the CLI stored), for two judges who work there.
fn two_entrants(db: &Path) -> (String, String) {
    let verdicts = saiwu_json(db, &["check", "--json"]);
    let eligible: Vec<&str> = verdicts
        .as_array()
        .expect("check --json is an array")
        .iter()
        .filter(|v| v["verdict"].as_str() == Some("eligible"))
        .filter_map(|v| v["project_no"].as_str())
        .collect();
    let entries = saiwu_json(db, &["entries", "--json"]);
    let entrant = |no: &str| -> String {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["project_no"].as_str() == Some(no))
            .and_then(|e| e["entrant_name"].as_str())
            .unwrap()
            .to_string()
    };
    let mut names: Vec<String> = Vec::new();
    for no in eligible {
        let n = entrant(no);
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
        if names.len() == 2 {
            break;
        }
    }
    assert_eq!(names.len(), 2, "two eligible entries with entrants");
    (names[0].clone(), names[1].clone())
}

fn prepare(db: &Path) {
    saiwu_ok(db, &["import", "entries", &repo_file(V1).to_string_lossy(), "--json"]);
    let (a, b) = two_entrants(db);
    // 冯 and 陈 work for two entrants: each gets a 回避 suggestion to dismiss (a name-alike, say).
    let judges =
        [("冯评一", a.as_str()), ("陈评二", b.as_str()), ("赵评三", "太原理工大学"), ("钱评四", "山西省科技厅专家库"), ("孙评五", "长治市投资基金")];
    let csv = db.parent().unwrap().join("评委名单.csv");
    let mut text = String::from("姓名,工作单位\n");
    for (n, o) in judges {
        text.push_str(&format!("{n},{o}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    saiwu_ok(db, &["import", "reference", "judges", &csv.to_string_lossy()]);
}

/// A round's panels as the window's IPC sees them: (name, judges (id, name), entry keys).
async fn panels(app: &App) -> Vec<(String, Vec<(i64, String)>, Vec<String>)> {
    let ov = app.invoke("round_overview", json!({ "roundCode": "preliminary" })).await;
    ov["panels"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let judges =
                p["judges"].as_array().unwrap().iter().map(|j| (j["id"].as_i64().unwrap(), j["name"].as_str().unwrap().to_string())).collect();
            let keys = p["entries"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
            (p["name"].as_str().unwrap().to_string(), judges, keys)
        })
        .collect()
}

/// Chooses a judge's sheet in the grid and waits until it is on screen with entry `no` in it.
async fn choose_judge(app: &mut App, id: i64, name: &str, no: &str) {
    app.step(&format!("评分录入：选择评委 {name}"));
    app.click(&format!("{} option[value=\"{id}\"]", tid("grid-judge"))).await;
    app.wait_for(&format!("{}[data-judge=\"{name}\"][data-loading=\"0\"]", tid("score-grid"))).await;
    app.wait_for(&tid(&format!("grid-cell-{no}-0"))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn judging_friction_totals_bulk_dismiss_overwrite_and_print_all() {
    let mut app = App::launch_prepared("judging_friction", prepare).await;
    let out_dir = tempfile::tempdir().unwrap();

    app.step("评审组：按组别自动分组，每组 4 位评委");
    app.nav("judging").await;
    app.click_testid("judging-round-preliminary").await;
    app.wait_text("judging-count-judges", "5").await;
    app.click_testid("judging-tab-panels").await;
    app.click_testid("panels-auto").await;
    app.wait_testid("panels-auto-dialog").await;
    let count = format!("{} input", tid("panels-auto-count"));
    app.type_into(&count, "9").await;
    app.press(&count, Key::Tab).await;
    // The number input holds to its range: 9 judges of 5 is not possible.
    app.wait_value(&count, "5").await;
    app.type_into(&count, "4").await;
    app.press(&count, Key::Tab).await;
    app.shot("auto-panels-dialog").await;
    app.click_testid("panels-auto-ok").await;
    app.wait_text("judging-count-panels", "2").await;
    let list = panels(&app).await;
    app.check(list.len() == 2 && list.iter().all(|p| p.1.len() == 4), format!("two panels of four judges each: {list:?}")).await;
    app.shot("panels").await;

    app.step("回避：查找，勾选全部提示，一个理由批量排除");
    app.click_testid("judging-tab-conflicts").await;
    app.wait_testid("conflicts-table").await;
    app.type_into(&tid("conflicts-by"), "秘书处甲").await;
    app.click_testid("conflicts-suggest").await;
    app.wait_for("tr.conflict-row[data-status=\"suggested\"]").await;
    let suggested = app.count("tr.conflict-row[data-status=\"suggested\"]").await;
    app.check(suggested >= 2, format!("冯评一 and 陈评二 are suggested at least, saw {suggested}")).await;
    app.click_testid("conflicts-tick-all").await;
    app.wait_text_where(&tid("conflicts-ticked"), "all ticked", |t| t.contains(&format!("已选 {suggested} 条"))).await;
    app.type_into(&tid("conflicts-bulk-reason"), "工作单位同名，已电话核实无关").await;
    app.shot("bulk-dismiss").await;
    app.click_testid("conflicts-bulk-dismiss").await;
    app.wait_gone("tr.conflict-row[data-status=\"suggested\"]").await;
    let dismissed = app.count("tr.conflict-row[data-status=\"dismissed\"]").await;
    app.check(dismissed == suggested, format!("{suggested} dismissed in one action, saw {dismissed}")).await;
    let stored = app.invoke("conflicts_list", json!({ "roundCode": "preliminary", "suggest": false })).await;
    let rows = stored.as_array().cloned().unwrap_or_default();
    let all_noted = rows.iter().all(|c| {
        c["status"].as_str() == Some("dismissed")
            && c["note"].as_str() == Some("工作单位同名，已电话核实无关")
            && c["decided_by"].as_str() == Some("秘书处甲")
    });
    app.check(rows.len() == suggested && all_noted, format!("each dismissal keeps the one reason and who: {stored}")).await;
    app.wait_text_where(&format!("{} .reason", tid("conflicts-table")), "the reason shown", |t| t.contains("排除理由：工作单位同名")).await;
    app.shot("bulk-dismissed").await;

    app.step("评分录入：本轮只录总分，四位评委各录一个总分");
    let (panel_name, judges, keys) = list[0].clone();
    let group = if panel_name.starts_with("企业组") { "enterprise" } else { "startup" };
    let entries = app.invoke("round_entries", json!({ "roundCode": "preliminary" })).await;
    let no_of = |key: &str| -> String {
        entries.as_array().unwrap().iter().find(|e| e["key"].as_str() == Some(key)).map(|e| e["project_no"].as_str().unwrap().to_string()).unwrap()
    };
    let a = no_of(&keys[0]);
    app.click_testid("judging-tab-scores").await;
    app.wait_testid("scores-tab").await;
    app.type_into(&tid("grid-keyed-by"), "录入员甲").await;
    choose_judge(&mut app, judges[0].0, &judges[0].1, &a).await;
    // Before: one box per criterion.
    app.wait_for(&tid(&format!("grid-cell-{a}-1"))).await;
    app.click_testid("grid-total-only").await;
    app.wait_gone(&tid(&format!("grid-cell-{a}-1"))).await;
    app.wait_text_where(&tid("score-grid"), "the 总分 column", |t| t.contains("只录总分")).await;
    let st = app.invoke("settings_get", json!({})).await;
    app.check(st["total_only_rounds"] == json!(["preliminary"]), format!("the round is stored as totals-only: {}", st["total_only_rounds"])).await;
    for (i, (id, name)) in judges.iter().enumerate() {
        choose_judge(&mut app, *id, name, &a).await;
        app.type_into(&tid(&format!("grid-cell-{a}-0")), TOTALS[i]).await;
        app.press(&tid(&format!("grid-cell-{a}-0")), Key::Enter).await;
        app.wait_for(&format!("tr.grid-row[data-project-no=\"{a}\"][data-state=\"saved\"]")).await;
        if i == 0 {
            app.shot("totals-only-grid").await;
        }
    }
    let grid = app.invoke("score_grid", json!({ "roundCode": "preliminary", "judgeId": judges[1].0, "pass": 1 })).await;
    let cell = grid["rows"].as_array().unwrap().iter().find(|r| r["project_no"].as_str() == Some(&a)).unwrap()["cell"].clone();
    app.check(cell["total"] == json!(8550) && cell["criteria"].is_null(), format!("a lone 总分 is stored: {cell}")).await;

    app.step("排名：A 按四个总分的平均分 81.38 排名");
    app.click_testid("judging-tab-ranking").await;
    let a_row = format!("{} tr.rank-row[data-project-no=\"{a}\"]", tid(&format!("ranking-table-{group}")));
    app.wait_for(&format!("{a_row}[data-rank=\"1\"]")).await;
    app.wait_text_where(&format!("{a_row} .score-cell"), "81.38", |t| t == "81.38").await;
    app.shot("totals-ranked").await;

    app.step("评分表：检查一份会覆盖手工录入分数的文件，导入前确认");
    let (feng_id, feng) = judges[0].clone();
    let file = out_dir.path().join("评分表-修改.csv");
    std::fs::write(&file, format!("项目编号,评委,总分\n{a},{feng},60\n")).unwrap();
    app.click_testid("judging-tab-sheets").await;
    app.wait_testid("sheets-tab").await;
    app.type_into(&tid("sheets-path"), &file.to_string_lossy()).await;
    app.click_testid("sheets-check").await;
    app.wait_testid("sheets-overwrite-alert").await;
    let over = format!("{} tr.overwrite-row[data-project-no=\"{a}\"]", tid("sheets-overwrites"));
    let line = app.wait_text_where(&over, "the overwritten score", |t| t.contains(&feng) && t.contains("80.00") && t.contains("60.00")).await;
    app.check(line.contains("录入员甲"), format!("who keyed it is named: {line}")).await;
    app.type_into(&tid("sheets-by"), "录入员乙").await;
    app.shot("overwrite-check").await;
    app.click_testid("sheets-import").await;
    app.wait_for(".el-message-box").await;
    app.wait_text_where(".el-message-box", "the confirmation", |t| t.contains("覆盖 1 个手工录入")).await;
    app.click(MSGBOX_PRIMARY).await;
    app.wait_testid("sheets-imported").await;
    let grid = app.invoke("score_grid", json!({ "roundCode": "preliminary", "judgeId": feng_id, "pass": 1 })).await;
    let cell = grid["rows"].as_array().unwrap().iter().find(|r| r["project_no"].as_str() == Some(&a)).unwrap()["cell"].clone();
    app.check(cell["total"] == json!(6000), format!("the file's 60 replaced 80 after the confirmation: {cell}")).await;

    app.step("评分表：全部评审组打印到一个 PDF");
    let pdf = out_dir.path().join("初赛全部评审组评分表.pdf");
    app.next_save_path(&pdf).await;
    app.click_testid("sheets-pdf").await;
    app.wait_text_where(".el-message", "the saved message", |t| t.contains("评分表 PDF 已保存")).await;
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    app.check(bytes.starts_with(b"%PDF"), format!("{} should be a PDF ({} bytes)", pdf.display(), bytes.len())).await;
    let text = pdf_text(&pdf);
    for (name, judges, _) in &list {
        app.check(text.contains(&format!("评审组：{name}")), format!("the PDF holds {name}'s sheets")).await;
        for (_, j) in judges {
            app.check(text.contains(&format!("评委：{j}")), format!("{name}: a sheet for {j}")).await;
        }
    }
    // The totals-only round prints 总分 alone, no criterion columns.
    app.check(!text.contains("市场前景"), "a totals-only round's sheets have no criterion columns").await;
    app.shot("printed").await;

    app.close().await;
}
