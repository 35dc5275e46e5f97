//! The shell around the window: the built binary serves its bundle whole and as JavaScript, and the projector
//! window may call only what it shows (the mock runtime checks no permissions, so this needs the real window).
//! Run: `xvfb-run -a cargo test -p saiwu-e2e --test shell -- --test-threads=1`.

use saiwu_e2e::*;
use serde_json::{json, Value};

/// Resolves when a `<script type="module">` with `src` loads, rejects when WebKit refuses it (e.g. a text/html
/// answer: "'text/html' is not a valid JavaScript MIME type"). A module already loaded is not run twice.
const LOAD_MODULE: &str = "const s = document.createElement('script'); s.type = 'module'; s.src = arguments[0]; \
    return new Promise((ok) => { s.onload = () => ok('loaded'); s.onerror = () => ok('refused'); document.head.appendChild(s); })";

async fn load_module(app: &App, url: &str) -> String {
    match app.driver().execute(LOAD_MODULE, vec![json!(url)]).await {
        Ok(r) => r.json().as_str().unwrap_or_default().to_string(),
        Err(e) => format!("error: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bundle_is_served_whole_and_as_javascript() {
    let mut app = App::launch("bundle_is_served_whole_and_as_javascript").await;

    app.step("页面的模块脚本");
    let src = match app.driver().execute("const s = document.querySelector('script[type=module][src]'); return s ? s.src : null", vec![]).await {
        Ok(r) => r.json().as_str().unwrap_or_default().to_string(),
        Err(e) => app.fail(format!("could not read the module script: {e}")).await,
    };
    app.check(src.contains("/assets/") && src.ends_with(".js"), format!("unexpected module script URL {src:?}")).await;
    let key = src.split("/assets/").nth(1).map(|f| format!("assets/{f}")).unwrap_or_default();

    app.step("启动检查：app_assets_check 报告完好，脚本的类型是 JavaScript");
    let report = app.invoke("app_assets_check", json!({})).await;
    app.check(report["ok"] == json!(true), format!("the asset check failed: {report}")).await;
    let checked = report["checked"].as_array().cloned().unwrap_or_default();
    let script = checked.iter().find(|c| c["path"] == json!(key));
    let mime = script.and_then(|c| c["mime"].as_str()).unwrap_or_default().to_string();
    app.check(mime.contains("javascript"), format!("{key} should be served as JavaScript, the check saw {mime:?} in {report}")).await;
    app.check(checked.iter().any(|c| c["path"].as_str().is_some_and(|p| p.ends_with(".css"))), format!("no stylesheet checked: {report}")).await;

    app.step("WebKit 接受这个脚本为模块；一个不存在的脚本（服务端回退为 index.html）被拒绝");
    let real = load_module(&app, &src).await;
    let missing = load_module(&app, &src.replace(&key, "assets/no-such-file-1234.js")).await;
    app.check(real == "loaded", format!("the app's own module script was not accepted: {real}")).await;
    // The negative control: the same probe does see a text/html answer.
    app.check(missing == "refused", format!("a missing script should be refused (index.html fallback), got {missing}")).await;
    app.check(app.count(&tid("nav")).await == 1, "the window should show its navigation once (the app was not mounted twice)").await;
    app.close().await;
}

fn not_allowed(r: &Result<Value, String>) -> bool {
    matches!(r, Err(e) if e.contains("not allowed"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn projector_may_only_read_the_ranking() {
    let mut app = App::launch("projector_may_only_read_the_ranking").await;

    app.step("主窗口可以调用全部命令");
    let main_get = app.try_invoke("settings_get", json!({})).await;
    app.check(main_get.is_ok(), format!("settings_get from the main window: {main_get:?}")).await;
    let main_list = app.try_invoke("entries_list", json!({})).await;
    app.check(!not_allowed(&main_list), format!("entries_list from the main window must not be refused: {main_list:?}")).await;
    // Arguments missing: refused by the command, not by the permissions.
    let main_save = app.try_invoke("settings_save", json!({})).await;
    app.check(main_save.is_err() && !not_allowed(&main_save), format!("settings_save from the main window: {main_save:?}")).await;

    app.step("打开投屏窗口");
    let main = app.driver().window().await.expect("main window handle");
    app.invoke("projector_open", json!({ "roundCode": "preliminary" })).await;
    let projector = app.second_window(&main).await;
    app.driver().switch_to_window(projector).await.expect("switch to the projector");
    app.wait_testid("projector").await;
    app.shot("projector").await;

    app.step("投屏窗口：排名可以读取");
    let ranking = app.try_invoke("ranking", json!({ "roundCode": "preliminary" })).await;
    app.check(ranking.is_ok(), format!("ranking from the projector: {ranking:?}")).await;

    app.step("投屏窗口：其他命令被拒绝");
    for (cmd, args) in [
        ("settings_save", json!({ "settings": {} })),
        ("settings_get", json!({})),
        ("entries_list", json!({})),
        ("contest_open", json!({ "path": "/tmp/x.sqlite" })),
        ("projector_open", json!({ "roundCode": "final" })),
        ("plugin:dialog|save", json!({ "options": {} })),
    ] {
        let r = app.try_invoke(cmd, args).await;
        app.check(not_allowed(&r), format!("{cmd} from the projector should be refused by its permissions, got {r:?}")).await;
    }

    app.step("主窗口仍可调用");
    app.driver().switch_to_window(main).await.expect("back to the main window");
    let again = app.try_invoke("settings_get", json!({})).await;
    app.check(again.is_ok(), format!("settings_get from the main window after the projector: {again:?}")).await;
    app.close().await;
}
