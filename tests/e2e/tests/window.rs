//! End-to-end tests: the real window, driven through tauri-driver + WebKitWebDriver.
//! Run: `xvfb-run -a cargo test -p saiwu-e2e -- --test-threads=1` (or `tests/e2e/run.sh`).

use saiwu_e2e::*;
use serde_json::{json, Value};

const V1: &str = "fixtures/generated/export_v1.xlsx";
const V1_TRUTH: &str = "fixtures/generated/export_v1.truth.jsonl";
const V1_UPDATE: &str = "fixtures/generated/export_v1_update.xlsx";
const V1_UPDATE_EXPECTED: &str = "fixtures/generated/export_v1_update.expected.json";
const NOT_A_WORKBOOK: &str = "fixtures/handmade/not_a_workbook.xlsx";

const MSGBOX: &str = ".el-message-box";
const MSGBOX_PRIMARY: &str = ".el-message-box__btns .el-button--primary";

fn n(v: &Value, key: &str) -> i64 {
    v[key].as_i64().unwrap_or_else(|| panic!("missing number {key} in {v}"))
}

fn len(v: &Value, key: &str) -> i64 {
    v[key].as_array().map(|a| a.len() as i64).unwrap_or_else(|| panic!("missing list {key} in {v}"))
}

/// On the import page: type the path, preview, check the mapping dialog, apply, wait for this file's result.
/// Returns the five counters shown.
async fn import_file(app: &mut App, file: &std::path::Path, shots: bool) -> [i64; 4] {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    app.step(&format!("导入 {name}：填写路径并预览"));
    app.nav("import").await;
    app.type_into(&tid("import-path"), &file.to_string_lossy()).await;
    app.click_testid("import-preview-btn").await;

    app.step(&format!("导入 {name}：映射对话框"));
    app.wait_for_within(&tid("import-mapping-dialog"), SLOW).await;
    app.wait_text("import-file", &name).await;
    app.wait_text("import-sheet", "报名项目").await;
    app.wait_text("import-header-row", "4").await;
    if shots {
        app.shot("mapping-dialog").await;
    }

    app.step(&format!("导入 {name}：开始导入"));
    app.click_testid("import-apply-btn").await;
    app.wait_gone_within(&tid("import-mapping-dialog"), SLOW).await;
    // The result card of *this* import (the previous import's card is there until this one finishes).
    app.wait_text_where_within(&tid("import-result"), &format!("the fresh result of {name}"), SLOW, |t| t.contains(&format!("3. 导入结果：{name}")))
        .await;
    let mut out = [0i64; 4];
    for (i, id) in ["import-result-new", "import-result-changed", "import-result-unchanged", "import-result-missing"].iter().enumerate() {
        out[i] = num(&app.text(&tid(id)).await);
    }
    if shots {
        app.shot("import-result").await;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_through_the_window() {
    let v1 = repo_file(V1);
    let truth = truth_entries(V1_TRUTH);
    let cli = cli_imports(&[&v1]).remove(0);
    let expected_new = n(&cli, "new");
    assert_eq!(expected_new, truth.len() as i64, "ground truth disagrees: CLI new vs truth lines");
    let cli_problems = len(&cli, "problems");
    assert!(cli_problems > 0, "export_v1.xlsx is meant to have problems");

    // An entry whose leader has a clean 18-character ID number.
    let pick = truth
        .iter()
        .find(|e| e["leader"]["id_number"].as_str().is_some_and(|s| s.len() == 18) && e["problems"].as_array().is_some_and(|p| p.is_empty()))
        .expect("an entry with a leader ID number in the truth file");
    let project_no = pick["project_no"].as_str().unwrap().to_string();
    let id_number = pick["leader"]["id_number"].as_str().unwrap().to_string();

    let mut app = App::launch("import_through_the_window").await;

    app.step("新赛事文件：仪表盘报名总数为 0");
    app.wait_text("dash-entries-total", "0").await;
    app.shot("dashboard-empty").await;

    let [new, changed, unchanged, missing] = import_file(&mut app, &v1, true).await;
    app.step("导入结果计数");
    app.check(
        [new, changed, unchanged, missing] == [expected_new, 0, 0, 0],
        format!("import-result new/changed/unchanged/missing = {:?}, expected {:?}", [new, changed, unchanged, missing], [expected_new, 0, 0, 0]),
    )
    .await;

    app.step("问题清单");
    app.wait_text("problems-count", &cli_problems.to_string()).await;
    let rows = app.count(&format!("{} .problem-row", tid("import-problems"))).await;
    app.check(
        rows > 0 && rows as i64 == cli_problems.min(50),
        format!("expected {} .problem-row rows on the first page (problems: {cli_problems}), saw {rows}", cli_problems.min(50)),
    )
    .await;

    app.step("报名项目页：项目数");
    app.nav("entries").await;
    app.wait_text("entries-count", &expected_new.to_string()).await;
    app.wait_text("entries-total", &expected_new.to_string()).await;
    app.shot("entries").await;

    app.step(&format!("搜索项目编号 {project_no}"));
    app.type_into(&tid("entries-search"), &project_no).await;
    app.wait_text("entries-count", "1").await;
    let row_css = format!(".entry-row[data-project-no=\"{project_no}\"]");
    app.wait_for(&row_css).await;
    let rows = app.count(".entry-row").await;
    app.check(rows == 1, format!("expected exactly one .entry-row after searching {project_no}, saw {rows}")).await;

    app.step("打开项目详情：身份证号默认遮蔽");
    app.click(&row_css).await;
    app.wait_testid("entry-drawer").await;
    let id_css = tid("entry-field-leader.id_number");
    let masked = format!("{}{}{}", &id_number[..6], "*".repeat(8), &id_number[14..]);
    let shown = app.wait_text_where(&id_css, &format!("the masked ID {masked:?}"), |t| t.contains("****")).await;
    app.check(shown == masked && !shown.contains(&id_number), format!("leader ID should be shown masked as {masked:?}, shows {shown:?}")).await;
    let page = app.text(&tid("entry-drawer")).await;
    app.check(!page.contains(&id_number), "the full ID number appears in the drawer while the switch is off").await;
    app.shot("drawer-masked").await;

    app.step("打开“显示完整证件号”开关");
    app.click_testid("entry-reveal").await;
    app.wait_text("entry-field-leader.id_number", &id_number).await;
    app.shot("drawer-revealed").await;

    app.step("关闭详情，回到仪表盘");
    app.click(".el-drawer__close-btn").await;
    app.wait_gone(&tid("entry-drawer")).await;
    app.nav("dashboard").await;
    app.wait_text("dash-entries-total", &expected_new.to_string()).await;
    app.shot("dashboard-after-import").await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reimport_and_undo_through_the_window() {
    let v1 = repo_file(V1);
    let upd = repo_file(V1_UPDATE);
    let expected = read_json(V1_UPDATE_EXPECTED);
    let first_count = truth_entries(V1_TRUTH).len() as i64;
    let want = [len(&expected, "new"), len(&expected, "changed"), n(&expected, "unchanged_count"), len(&expected, "missing")];

    let mut app = App::launch("reimport_and_undo_through_the_window").await;

    // The first import is only the starting point (the window path is covered by import_through_the_window):
    // do it through IPC, as the window would with the proposed mapping, to save ~20 s of rendering.
    app.step("第一次导入（IPC）");
    let pv = app.invoke("import_preview", json!({ "path": v1, "sheet": null, "profile": null })).await;
    let mapping: Vec<Value> = pv["columns"].as_array().unwrap().iter().map(|c| json!({ "index": c["index"], "field": c["field"] })).collect();
    let first = app.invoke("import_apply", json!({ "path": v1, "sheet": pv["sheet"], "mapping": mapping, "saveProfile": null })).await;
    app.check(n(&first, "new") == first_count, format!("first import: new = {}, expected {first_count}", first["new"])).await;

    let second = import_file(&mut app, &upd, true).await;
    app.step("重新导入计数（新增/变更/未变/缺失）");
    app.check(second == want, format!("re-import new/changed/unchanged/missing = {second:?}, expected {want:?} (export_v1_update.expected.json)"))
        .await;

    app.step("重新导入后：报名项目数");
    let after_update = first_count + want[0];
    app.nav("entries").await;
    app.wait_text("entries-total", &after_update.to_string()).await;

    app.step("撤销上次导入：确认对话框");
    app.nav("import").await;
    app.click_testid("import-undo-btn").await;
    app.wait_text_where(MSGBOX, "the undo confirmation naming the file", |t| t.contains("export_v1_update.xlsx")).await;
    app.shot("undo-confirm").await;
    app.click(MSGBOX_PRIMARY).await;
    app.wait_gone(MSGBOX).await;

    app.step("撤销后：导入记录标为已撤销");
    app.wait_text_where(&tid("imports-history"), "a history with one 已撤销 row", |t| t.matches("已撤销").count() == 1).await;
    app.shot("after-undo").await;

    app.step("撤销后：报名项目数回到第一次导入");
    app.nav("entries").await;
    app.wait_text("entries-count", &first_count.to_string()).await;
    app.wait_text("entries-total", &first_count.to_string()).await;

    app.step("撤销后：仪表盘");
    app.nav("dashboard").await;
    app.wait_text("dash-entries-total", &first_count.to_string()).await;
    app.wait_text("dash-missing-total", "0").await;
    app.wait_text("dash-problems-total", &len(&first, "problems").to_string()).await;
    app.shot("dashboard-after-undo").await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_persist() {
    const DATE: &str = "2026-07-31";
    let input = tid("settings-reference-date");
    let mut app = App::launch("settings_persist").await;

    app.step("打开赛事设置");
    app.nav("settings").await;
    let before = app.invoke("settings_get", json!({})).await;
    app.check(before["reference_date"].as_str() != Some(DATE), format!("a fresh contest should not already have reference_date {DATE}: {before}"))
        .await;
    let field = app.wait_for(&input).await;
    let shown = field.prop("value").await.ok().flatten().unwrap_or_default();
    app.check(
        before["reference_date"].as_str() == Some(shown.as_str()),
        format!("the field shows {shown:?}, settings_get says {}", before["reference_date"]),
    )
    .await;

    app.step("填写基准日期 2026-07-31 并回车");
    app.set_date(&input, DATE).await;

    app.step("保存，看到“已保存”");
    app.click_testid("settings-save").await;
    app.wait_text_where(".el-message--success", "已保存", |t| t.contains("已保存")).await;
    app.shot("saved").await;

    app.step("通过 IPC 核对 settings_get");
    let after = app.invoke("settings_get", json!({})).await;
    app.check(after["reference_date"] == json!(DATE), format!("settings_get after save: {after}")).await;

    app.step("重新启动程序（同一赛事文件）");
    app.relaunch().await;
    app.nav("settings").await;
    app.wait_value(&input, DATE).await;
    let again = app.invoke("settings_get", json!({})).await;
    app.check(again["reference_date"] == json!(DATE), format!("settings_get after relaunch: {again}")).await;
    app.shot("after-relaunch").await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_file_gives_a_chinese_message() {
    let bad = repo_file(NOT_A_WORKBOOK);
    let mut app = App::launch("bad_file_gives_a_chinese_message").await;

    app.step("预览一个不是表格的文件");
    app.nav("import").await;
    app.type_into(&tid("import-path"), &bad.to_string_lossy()).await;
    app.click_testid("import-preview-btn").await;

    app.step("出现中文错误提示");
    let msg = app.wait_text_where(MSGBOX, "an error naming not_a_workbook.xlsx", |t| t.contains("not_a_workbook.xlsx")).await;
    app.check(
        has_chinese(&msg, 10) && msg.contains("不是可以导入的表格文件"),
        format!("the error should be Chinese and say 不是可以导入的表格文件; it says {msg:?}"),
    )
    .await;
    app.check(app.count(&tid("import-mapping-dialog")).await == 0, "the mapping dialog opened for a bad file").await;
    app.shot("error").await;

    app.step("关闭提示后程序仍可使用");
    app.click(MSGBOX_PRIMARY).await;
    app.wait_gone(MSGBOX).await;
    app.nav("entries").await;
    app.wait_text("entries-total", "0").await;
    app.nav("dashboard").await;
    app.wait_text("dash-entries-total", "0").await;
    app.shot("still-usable").await;

    app.close().await;
}

/// The entry with this project number in a `screening_list` result.
fn verdict_of<'a>(list: &'a Value, project_no: &str) -> &'a Value {
    list["verdicts"]
        .as_array()
        .unwrap_or_else(|| panic!("screening_list returned no verdicts: {list}"))
        .iter()
        .find(|v| v["project_no"].as_str() == Some(project_no))
        .unwrap_or_else(|| panic!("{project_no} is not in screening_list"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screening_decision_through_the_window() {
    const REASON: &str = "已电话核实：知识产权已转让给本企业（端到端测试）";
    const WHO: &str = "王审核";
    let v1 = repo_file(V1);
    let first_count = truth_entries(V1_TRUTH).len() as i64;

    let mut app = App::launch("screening_decision_through_the_window").await;

    app.step("资格审查页：没有报名项目时指向报名导入");
    app.nav("screening").await;
    app.wait_testid("screen-empty").await;
    let empty = app.text(&tid("screen-empty")).await;
    app.check(empty.contains("报名导入"), format!("the empty state should point to 报名导入; it says {empty:?}")).await;
    app.shot("empty").await;

    // The import itself is covered by import_through_the_window: do it over IPC to save time.
    app.step("导入 export_v1.xlsx（IPC）");
    let pv = app.invoke("import_preview", json!({ "path": v1, "sheet": null, "profile": null })).await;
    let mapping: Vec<Value> = pv["columns"].as_array().unwrap().iter().map(|c| json!({ "index": c["index"], "field": c["field"] })).collect();
    let res = app.invoke("import_apply", json!({ "path": v1, "sheet": pv["sheet"], "mapping": mapping, "saveProfile": null })).await;
    app.check(n(&res, "new") == first_count, format!("import: new = {}, expected {first_count}", res["new"])).await;
    let before = app.invoke("screening_list", json!({})).await;
    let counts = &before["counts"];

    app.step("资格审查页：计数与命令一致");
    app.nav("dashboard").await;
    app.nav("screening").await;
    let review = num(&app.wait_text_where(&tid("screen-count-review"), "a number > 0", |t| num(t) > 0).await);
    app.check(review == n(counts, "review"), format!("screen-count-review shows {review}, screening_list says {counts}")).await;
    for (id, key) in [
        ("screen-count-eligible", "eligible"),
        ("screen-count-ineligible", "ineligible"),
        ("screen-count-decided", "decided"),
        ("screen-count-reconfirm", "needs_reconfirmation"),
    ] {
        app.wait_text(id, &n(counts, key).to_string()).await;
    }
    app.wait_text("screen-count-decided", "0").await;
    app.wait_text("screen-shown-count", &first_count.to_string()).await;
    let unchecked = app.text(&tid("screen-unchecked")).await;
    app.check(
        unchecked.contains("未检查") && unchecked.contains("R03"),
        format!("the contest-level 未检查 warning should name R03; it says {unchecked:?}"),
    )
    .await;
    app.shot("overview").await;

    app.step("点击“待人工审核”卡片筛选");
    app.click_testid("screen-count-review").await;
    app.wait_text("screen-shown-count", &review.to_string()).await;
    let first = app.wait_for(".screen-row[data-verdict=\"review\"]").await;
    let project_no = first.attr("data-project-no").await.ok().flatten().unwrap_or_default();
    app.check(!project_no.is_empty(), "the first 待人工审核 row has no data-project-no").await;
    let all_review = app.count(".screen-row[data-verdict=\"review\"]").await == app.count(".screen-row").await;
    app.check(all_review, "the 待人工审核 filter shows rows with another verdict").await;
    app.check(verdict_of(&before, &project_no)["verdict"] == json!("review"), format!("{project_no} is not 待人工审核 according to screening_list"))
        .await;
    app.shot("filtered-review").await;

    app.step(&format!("打开 {project_no} 的审查详情"));
    app.click(&format!(".screen-row[data-project-no=\"{project_no}\"]")).await;
    app.wait_testid("screen-drawer").await;
    app.wait_text("screen-drawer-project-no", &project_no).await;
    app.wait_text("screen-drawer-verdict", "待人工审核").await;
    app.wait_text("screen-drawer-auto-verdict", "待人工审核").await;
    let findings = app.count(&format!("{} .screen-finding", tid("screen-findings"))).await;
    app.check(findings > 0, "the drawer lists no findings").await;
    let first_finding = app.text(&format!("{} .screen-finding", tid("screen-findings"))).await;
    app.check(first_finding.contains("需人工审核"), format!("the first finding of a 待人工审核 entry should be 需人工审核; it is {first_finding:?}"))
        .await;
    // The stored run that screened it: the import, in the drawer's 审查记录.
    app.wait_text_where(&format!("{} .screen-history-item", tid("screen-history")), "审查记录 names the import", |t| t.contains("导入报名数据"))
        .await;
    let submit = app.wait_testid("screen-decide-submit").await;
    app.check(!submit.is_enabled().await.unwrap_or(true), "the submit button must stay disabled until a verdict and a reason are given").await;
    app.shot("drawer").await;

    app.step("选择“符合”，填写理由和审核人，提交");
    app.click_testid("screen-decide-eligible").await;
    app.type_into(&tid("screen-decide-reason"), REASON).await;
    app.type_into(&tid("screen-decide-by"), WHO).await;
    let t0 = std::time::Instant::now();
    while !app.wait_testid("screen-decide-submit").await.is_enabled().await.unwrap_or(false) {
        if t0.elapsed() > TIMEOUT {
            app.fail::<()>("the submit button stays disabled with a verdict, a reason and 审核人").await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.click_testid("screen-decide-submit").await;
    app.wait_text_where(".el-message--success", "已记录", |t| t.contains("已记录")).await;

    app.step("计数更新：待人工审核减一，已人工决定为 1；详情仍打开");
    app.wait_text("screen-count-review", &(review - 1).to_string()).await;
    app.wait_text("screen-count-decided", "1").await;
    app.wait_text("screen-drawer-project-no", &project_no).await;
    app.wait_text("screen-drawer-verdict", "符合").await;
    app.wait_text("screen-drawer-auto-verdict", "待人工审核").await;
    app.wait_text("screen-drawer-decision-reason", REASON).await;
    app.wait_text("screen-shown-count", &(review - 1).to_string()).await;
    app.shot("decided").await;

    app.step("通过 IPC 核对 screening_list");
    let after = app.invoke("screening_list", json!({})).await;
    let e = verdict_of(&after, &project_no);
    app.check(
        e["verdict"] == json!("eligible")
            && e["auto_verdict"] == json!("review")
            && e["decided_by_person"] == json!(true)
            && e["decision"]["reason"] == json!(REASON)
            && e["decision"]["decided_by"] == json!(WHO),
        format!("screening_list entry after the decision: {e}"),
    )
    .await;
    app.check(n(&after["counts"], "review") == review - 1, format!("counts after: {}", after["counts"])).await;

    app.step("下一条待审核");
    app.click_testid("screen-next-review").await;
    let next = app.wait_text_where(&tid("screen-drawer-project-no"), "another project number", |t| !t.is_empty() && t != project_no).await;
    app.check(verdict_of(&after, &next)["verdict"] == json!("review"), format!("下一条待审核 opened {next}, which is not 待人工审核")).await;
    app.wait_text("screen-drawer-verdict", "待人工审核").await;
    app.shot("next-review").await;

    app.step("概览：资格审查计数与未检查规则的提醒");
    app.nav("dashboard").await;
    app.wait_text("dash-screen-review", &(review - 1).to_string()).await;
    app.wait_text_where(&tid("dash-unchecked"), "R03 与 R16 未检查的提醒", |t| t.contains("R03") && t.contains("R16") && t.contains("未检查")).await;
    app.shot("dashboard-screening").await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reference_list_through_the_window() {
    let v1 = repo_file(V1);
    let truth = truth_entries(V1_TRUTH);
    // An entry whose leader has an ID number, without problems and without a self-declared dishonesty record.
    let target = truth
        .iter()
        .find(|e| {
            e["leader"]["id_number"].is_string()
                && e["leader"]["name"].is_string()
                && e["project_no"].is_string()
                && e["problems"].as_array().is_some_and(|p| p.is_empty())
                && e["dishonesty_declared"] != json!(true)
        })
        .expect("export_v1.truth.jsonl has an entry whose leader has an ID number");
    let project_no = target["project_no"].as_str().unwrap().to_string();
    let leader = target["leader"]["name"].as_str().unwrap();
    let id_number = target["leader"]["id_number"].as_str().unwrap();

    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("失信名单.csv");
    std::fs::write(&csv, format!("姓名,身份证号,列入日期,来源\n{leader},{id_number},2025-03-01,端到端测试\n")).unwrap();

    let mut app = App::launch("reference_list_through_the_window").await;

    // The import itself is covered by import_through_the_window: do it over IPC to save time.
    app.step("导入 export_v1.xlsx（IPC）");
    let pv = app.invoke("import_preview", json!({ "path": v1, "sheet": null, "profile": null })).await;
    let mapping: Vec<Value> = pv["columns"].as_array().unwrap().iter().map(|c| json!({ "index": c["index"], "field": c["field"] })).collect();
    let res = app.invoke("import_apply", json!({ "path": v1, "sheet": pv["sheet"], "mapping": mapping, "saveProfile": null })).await;
    app.check(n(&res, "new") == truth.len() as i64, format!("import: new = {}, expected {}", res["new"], truth.len())).await;

    app.step("资格审查页：失信名单未导入，R09 未检查");
    app.nav("screening").await;
    app.wait_text_where(&tid("screen-unchecked"), "a warning naming R09", |t| t.contains("R09")).await;
    app.wait_text("ref-status-dishonesty", "未导入").await;
    app.shot("before").await;

    app.step("填写失信名单路径，导入前先核对列的对应关系");
    app.type_into(&tid("ref-path-dishonesty"), &csv.to_string_lossy()).await;
    app.click_testid("ref-import-dishonesty").await;
    app.wait_for(&tid("ref-mapping-dialog")).await;
    app.wait_text("ref-file", "失信名单.csv").await;
    app.wait_text("ref-header-row", "1").await;
    app.wait_text("ref-data-rows", "1").await;
    // 姓名 → 名称或姓名, 身份证号 → 信用代码或身份证号, 列入日期, 来源: the automatic mapping.
    for (i, field) in ["name", "code", "date", "source"].iter().enumerate() {
        app.wait_value(&tid(&format!("ref-map-col-{i}")), field).await;
    }
    app.check(app.count(&tid("ref-required-missing")).await == 0, "a required field is reported unmapped").await;
    app.shot("mapping").await;
    app.step("确认导入");
    app.click_testid("ref-apply").await;
    app.wait_gone(&tid("ref-mapping-dialog")).await;
    app.wait_text_where(".el-message--success", "已导入失信名单 1 条", |t| t.contains("已导入失信名单 1 条")).await;

    app.step("状态：已导入 1 条；R09 不再未检查");
    app.wait_text("ref-status-dishonesty", "已导入 1 条").await;
    app.wait_text_where(&tid("screen-unchecked"), "a warning without R09", |t| !t.contains("R09")).await;
    app.shot("after").await;

    app.step(&format!("通过 IPC 核对 {project_no} 的 R09 为不通过"));
    let list = app.invoke("screening_list", json!({})).await;
    let e = verdict_of(&list, &project_no);
    let r09 = e["findings"].as_array().and_then(|f| f.iter().find(|x| x["rule"] == json!("R09"))).cloned();
    app.check(
        r09.as_ref().is_some_and(|f| f["outcome"] == json!("fail")),
        format!("{project_no}'s R09 finding after importing the dishonesty list: {r09:?}"),
    )
    .await;
    let status = app.invoke("reference_status", json!({})).await;
    let d = status.as_array().and_then(|a| a.iter().find(|s| s["kind"] == json!("dishonesty"))).cloned();
    app.check(d.as_ref().is_some_and(|s| s["imported"] == json!(true) && s["rows"] == json!(1)), format!("reference_status for dishonesty: {d:?}"))
        .await;

    app.step("同一失信名单再导入一次，选“追加”：已有的行不重复添加，名单仍为 1 条");
    app.click_testid("ref-import-dishonesty").await;
    app.wait_for(&tid("ref-mapping-dialog")).await;
    app.wait_text_where(&tid("ref-mode-replace"), "the replace choice naming the rows", |t| t.contains("替换原有名单（1 条）")).await;
    app.click_testid("ref-mode-append").await;
    app.click_testid("ref-apply").await;
    app.wait_gone(&tid("ref-mapping-dialog")).await;
    // The first import's message may still be up: look at every message.
    app.wait_js(
        "return [...document.querySelectorAll('.el-message--success')].some(e => e.textContent.includes('已追加到失信名单：新增 0 条，1 条名单中已有'))",
        "the appended message",
    )
    .await;
    app.wait_text("ref-status-dishonesty", "已导入 1 条").await;

    app.step("评委名单：预览（手机号打码）、确认导入、查看评委");
    let judges = repo_file("fixtures/handmade/judges.xlsx");
    app.type_into(&tid("ref-path-judges"), &judges.to_string_lossy()).await;
    app.click_testid("ref-import-judges").await;
    app.wait_for(&tid("ref-mapping-dialog")).await;
    app.wait_text("ref-header-row", "3").await;
    app.wait_text("ref-data-rows", "6").await;
    for (i, field) in ["", "name", "organization", "title", "expertise", "phone"].iter().enumerate() {
        app.wait_value(&tid(&format!("ref-map-col-{i}")), field).await;
    }
    // The sample cells (clipped with an ellipsis, which WebDriver counts as not displayed): phones masked.
    let grid = app
        .driver()
        .execute("return document.querySelector(arguments[0]).textContent", vec![json!(tid("ref-mapping-table"))])
        .await
        .ok()
        .and_then(|r| r.json().as_str().map(str::to_string))
        .unwrap_or_default();
    app.check(grid.contains("郑思远") && grid.contains("139****0101") && !grid.contains("13900000101"), format!("preview grid: {grid}")).await;
    app.click_testid("ref-apply").await;
    app.wait_gone(&tid("ref-mapping-dialog")).await;
    app.wait_text_where(".el-message--success", "已导入评委名单：新增 6 位", |t| t.contains("已导入评委名单：新增 6 位")).await;
    app.wait_text("ref-status-judges", "6 位评委").await;
    app.click_testid("ref-judges-manage").await;
    app.wait_for(&tid("judges-dialog")).await;
    app.wait_text_where(&tid("judges-count"), "共 6 位", |t| t.starts_with("共 6 位")).await;
    let table = app.text(&tid("judges-table")).await;
    app.check(table.contains("韩立新") && table.contains("139****0102") && !table.contains("13900000102"), format!("judges table: {table}")).await;
    app.shot("judges").await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_export_and_restore_through_the_window() {
    let v1 = repo_file(V1);
    let count = truth_entries(V1_TRUTH).len() as i64;
    let mut app = App::launch("backup_export_and_restore_through_the_window").await;

    // The import is only the starting point (its window path is import_through_the_window): through IPC.
    app.step("导入（IPC）");
    let pv = app.invoke("import_preview", json!({ "path": v1, "sheet": null, "profile": null })).await;
    let mapping: Vec<Value> = pv["columns"].as_array().unwrap().iter().map(|c| json!({ "index": c["index"], "field": c["field"] })).collect();
    app.invoke("import_apply", json!({ "path": v1, "sheet": pv["sheet"], "mapping": mapping, "saveProfile": null })).await;

    app.step("备份与恢复：导入前的自动备份已列出");
    app.nav("backups").await;
    app.wait_content_where(&tid("backups-table"), "the automatic backup before the import", |t| t.contains("导入报名数据前")).await;

    app.step("立即备份");
    app.click_testid("backups-now").await;
    app.wait_content_where(&tid("backups-table"), "a manual backup listed first", |t| {
        t.find("手动备份").is_some_and(|m| t.find("导入报名数据前").is_some_and(|i| m < i))
    })
    .await;

    app.step("导出赛事文件（整个赛事一个文件）");
    let exported = app.db.parent().unwrap().join("交接-长治市赛事.sqlite");
    app.next_save_path(&exported).await;
    app.click_testid("backups-export").await;
    app.wait_text_where(&tid("backups-exported"), "the exported file named", |t| t.contains("交接-长治市赛事.sqlite")).await;
    let o = saiwu(&exported, &["entries", "--json"]);
    let listed: Value = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    app.check(listed.as_array().map(|a| a.len() as i64) == Some(count), format!("the exported contest holds {count} entries")).await;
    app.shot("backups-list").await;

    app.step("校验审计日志：通过");
    app.click_testid("backups-verify").await;
    app.wait_text_where(&tid("backups-audit"), "the audit check passing", |t| t.contains("审计校验通过")).await;
    // The chain head the window shows is the one printed on the 评分汇总表 and checked by `audit verify --head`.
    let shown = app.text(&tid("backups-audit-head")).await;
    app.check(shown.len() == 16 && shown.chars().all(|c| c.is_ascii_hexdigit()), format!("a 16-digit chain head: {shown}")).await;
    let cli = saiwu_json(&app.db, &["audit", "verify", "--json"]);
    app.check(cli["head"].as_str().is_some_and(|h| h.starts_with(&shown)), format!("the CLI's head {} starts with {shown}", cli["head"])).await;

    app.step("核对打印的审计链编号：不符的编号不通过");
    app.type_into(&tid("backups-printed-head"), "0123456789abcdef").await;
    app.click_testid("backups-verify").await;
    app.wait_text_where(&tid("backups-audit"), "a wrong printed head failing", |t| t.contains("审计校验未通过")).await;
    app.type_into(&tid("backups-printed-head"), &shown).await;
    app.click_testid("backups-verify").await;
    app.wait_text_where(&tid("backups-audit"), "the right printed head passing", |t| t.contains("审计校验通过")).await;

    app.step("恢复到导入前：确认对话框说明恢复后的内容");
    app.wait_loaded(&tid("backups-table")).await;
    app.click_testid("backups-restore-1").await;
    app.wait_text_where(MSGBOX, "the confirmation saying what the backup holds", |t| t.contains("导入报名数据前") && t.contains("报名项目 0 个"))
        .await;
    app.shot("restore-confirm").await;
    app.click(MSGBOX_PRIMARY).await;
    app.wait_gone(MSGBOX).await;

    app.step("恢复后：恢复前的状态已备份，列在最前");
    app.wait_content_where(&tid("backups-table"), "the safety copy first", |t| {
        t.find("恢复备份前").is_some_and(|r| t.find("手动备份").is_some_and(|m| r < m))
    })
    .await;
    app.nav("entries").await;
    app.wait_text("entries-total", "0").await;

    app.step("再恢复回来（恢复前的备份）");
    app.nav("backups").await;
    app.wait_content_where(&tid("backups-table"), "the safety copy first", |t| t.contains("恢复备份前")).await;
    app.wait_loaded(&tid("backups-table")).await;
    app.click_testid("backups-restore-0").await;
    app.wait_text_where(MSGBOX, "the confirmation", |t| t.contains(&format!("报名项目 {count} 个"))).await;
    app.click(MSGBOX_PRIMARY).await;
    app.wait_gone(MSGBOX).await;
    app.nav("entries").await;
    app.wait_text("entries-total", &count.to_string()).await;
    app.shot("entries-after-restore").await;

    app.close().await;
}
