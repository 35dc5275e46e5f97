//! The first run as a person meets it (issue #14): the app started without `--db` on an empty data folder shows
//! the welcome page and creates nothing; 新建赛事 with the form pre-filled from the notice opens the dashboard and
//! names the contest in the title; a restart reopens it at the size the window was left; 切换赛事 lists it among
//! the recent files; the demo contest opens with the fixture's entries; a file gone from disk is marked and removed.
use saiwu_e2e::*;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_welcome_create_reopen_and_recent_files() {
    let mut app = App::launch_first_run("first-run").await;
    let data = app.data_dir();

    app.step("欢迎页");
    app.wait_testid("no-contest").await;
    app.wait_testid("recent-empty").await;
    app.check(app.count(&tid("page-dashboard")).await == 0, "no page before a contest is chosen").await;
    let title = app.document_title().await;
    app.check(title == "创客大赛秘书处", format!("the title without a contest: {title}")).await;
    let shown = app.text(&tid("welcome-data-dir")).await;
    app.check(shown == data.to_string_lossy(), format!("the data folder is shown: {shown}")).await;
    let made: Vec<_> = std::fs::read_dir(&data).map(|d| d.flatten().map(|e| e.file_name()).collect()).unwrap_or_default();
    app.check(!made.iter().any(|f| f.to_string_lossy().ends_with(".sqlite")), format!("no contest created silently: {made:?}")).await;
    app.shot("welcome").await;

    app.step("新建赛事：表单按通知预填");
    let defaults = app.invoke("contest_defaults", json!({})).await;
    app.click_testid("no-contest-new").await;
    app.wait_value(&tid("contest-dialog-name"), defaults["contest_name"].as_str().unwrap()).await;
    app.wait_value(&tid("contest-dialog-city"), defaults["city"].as_str().unwrap()).await;
    let name = "第十二届“创客中国”长治市中小企业创新创业大赛（练习）";
    app.type_into(&tid("contest-dialog-name"), name).await;
    app.type_into(&tid("contest-dialog-edition"), "第十二届").await;
    let file = app.temp_dir().join("赛事文件").join("2027长治市创客大赛.sqlite");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    app.next_save_path(&file).await;
    app.click_testid("contest-dialog-browse").await;
    app.wait_value(&tid("contest-dialog-path"), &file.to_string_lossy()).await;
    app.shot("new-contest-form").await;
    app.click_testid("contest-dialog-ok").await;

    app.step("新建后：概览和标题");
    app.wait_gone(&tid("no-contest")).await;
    app.wait_testid("page-dashboard").await;
    app.wait_content_where(&tid("contest-name"), "the contest's name", |t| t.trim() == name).await;
    app.wait_text("contest-path", &file.to_string_lossy()).await;
    let expected_title = format!("{name}（2027长治市创客大赛.sqlite）— 创客大赛秘书处");
    let title = app.document_title().await;
    app.check(title == expected_title, format!("the title names the contest and its file: {title}")).await;
    app.check(file.is_file(), "the contest file is where the save dialog said").await;
    let s = app.invoke("settings_get", json!({})).await;
    app.check(
        s["contest_name"] == name && s["edition"] == "第十二届" && s["city"] == defaults["city"] && s["year"] == defaults["year"],
        format!("what was typed is stored, the rest pre-filled: {s}"),
    )
    .await;
    app.check(s["award_quota"]["enterprise"]["first"].as_i64().unwrap_or(0) > 0, format!("the notice's quotas: {s}")).await;
    app.shot("created").await;

    app.step("改变窗口大小");
    let (w, h) = app.set_viewport(1180, 720).await;
    app.check((w, h) == (1180, 720), format!("the viewport became 1180×720: {w}×{h}")).await;

    app.step("重新启动：同一赛事、同一窗口大小");
    app.relaunch().await;
    app.wait_testid("page-dashboard").await;
    app.wait_content_where(&tid("contest-name"), "the contest's name", |t| t.trim() == name).await;
    app.wait_text("contest-path", &file.to_string_lossy()).await;
    let title = app.document_title().await;
    app.check(title == expected_title, format!("the title after the restart: {title}")).await;
    let size = app.driver().execute("return [window.innerWidth, window.innerHeight]", Vec::<Value>::new()).await.unwrap();
    app.check(size.json() == &json!([1180, 720]), format!("the window keeps its size: {:?}", size.json())).await;
    let saved: Value = serde_json::from_slice(&std::fs::read(data.join("window.json")).unwrap_or_default()).unwrap_or(Value::Null);
    app.check(saved["width"] == 1180 && saved["height"] == 720, format!("window.json in the data folder: {saved}")).await;

    app.step("切换赛事：最近的赛事文件");
    app.click_testid("contest-switch").await;
    app.wait_testid("no-contest").await;
    app.wait_testid("recent-list").await;
    let first = app.text(&format!("{} {}", tid("recent-list"), tid("recent-path"))).await;
    app.check(first == file.to_string_lossy(), format!("the contest is first among the recent files: {first}")).await;
    app.check(app.text(&tid("recent-name")).await == name, "the recent file shows the contest's name").await;
    app.shot("recent").await;
    app.click_testid("welcome-back").await;
    app.wait_testid("page-dashboard").await;

    app.step("打开演示赛事");
    let truth = truth_entries("fixtures/generated/export_v1.truth.jsonl").len() as i64;
    app.click_testid("contest-switch").await;
    app.click_testid("welcome-demo").await;
    app.wait_gone(&tid("no-contest")).await;
    app.wait_text("contest-path", &data.join("演示赛事.sqlite").to_string_lossy()).await;
    app.wait_text_where(&tid("dash-entries-total"), "the demo's entries", |t| num(t) == truth).await;
    let round = app.invoke("round_overview", json!({ "roundCode": "preliminary" })).await;
    let panels = round["panels"].as_array().map(|p| p.len()).unwrap_or(0);
    app.check(panels > 0 && round["judges"].as_i64().unwrap_or(0) > 0, format!("the demo has judges and preliminary panels: {round}")).await;
    app.shot("demo").await;

    app.step("文件已不在原处：标出并移除");
    std::fs::rename(&file, file.with_extension("moved")).unwrap();
    app.click_testid("contest-switch").await;
    app.wait_testid("recent-list").await;
    app.wait_testid("recent-missing").await;
    app.check(app.count(&tid("recent-path")).await == 2, "the demo and the moved file are listed").await;
    let paths = app.visible(&tid("recent-path")).await;
    app.check(paths[0].text().await.unwrap_or_default() == data.join("演示赛事.sqlite").to_string_lossy(), "newest first: the demo").await;
    app.shot("missing").await;
    let remove = app.visible(&tid("recent-remove")).await;
    remove[1].click().await.unwrap();
    app.wait_gone(&tid("recent-missing")).await;
    app.check(app.count(&tid("recent-path")).await == 1, "the moved file is gone from the list").await;
    let list = app.invoke("recent_list", json!({})).await;
    app.check(list.as_array().map(|l| l.len()) == Some(1), format!("recent_list agrees: {list}")).await;
    app.close().await;
}
