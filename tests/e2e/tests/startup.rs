//! The start-up path without a usable contest, and a window that keeps answering during a long import.
use std::time::Duration;

use saiwu_e2e::*;
use serde_json::{json, Value};

const SLOW: Duration = Duration::from_secs(120);

/// Calls a command and returns `{ok}` or `{err}` instead of failing on an error.
async fn try_invoke(app: &App, cmd: &str, args: Value) -> Value {
    let js = "return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(ok => ({ ok }), err => ({ err }))";
    match app.driver().execute(js, vec![json!(cmd), args]).await {
        Ok(r) => r.json().clone(),
        Err(e) => app.fail(format!("invoke {cmd}: {e}")).await,
    }
}

/// `--db` names a text file renamed .sqlite: the app opens no contest (no in-memory one), the window says
/// which file and why and offers open/create; creating a new contest brings the normal pages back and the
/// bad file is left byte for byte as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_contest_shows_why_and_offers_open_or_create() {
    let text = "这是一份会议纪要，不是赛事文件。\n".repeat(64);
    let t2 = text.clone();
    let mut app = App::launch_prepared("startup-bad-file", move |db| std::fs::write(db, &t2).unwrap()).await;
    let bad = app.db.clone();

    app.step("无赛事文件页面");
    app.wait_testid("no-contest").await;
    let shown = app.text(&tid("no-contest-path")).await;
    app.check(shown == bad.to_string_lossy(), format!("the page names the file: {shown}")).await;
    let reason = app.text(&tid("no-contest-reason")).await;
    app.check(reason.contains("不是本软件的赛事文件"), format!("the page says why: {reason}")).await;
    app.check(app.count(&tid("no-contest-open")).await == 1 && app.count(&tid("no-contest-new")).await == 1, "open and create are offered").await;
    app.shot("no-contest").await;
    let err = try_invoke(&app, "dashboard", json!({})).await;
    app.check(err["err"]["code"] == "NO_CONTEST", format!("store commands say NO_CONTEST: {err}")).await;
    // A page reached through the navigation shows the same page, not a broken one.
    app.click_testid("nav-entries").await;
    app.wait_testid("no-contest").await;
    app.check(app.count(&tid("page-entries")).await == 0, "no page works without a contest").await;

    app.step("新建赛事文件");
    let fresh = bad.with_file_name("新的赛事.sqlite");
    app.click_testid("no-contest-new").await;
    app.wait_testid("contest-dialog-path").await;
    app.type_into(&tid("contest-dialog-path"), &fresh.to_string_lossy()).await;
    app.click_testid("contest-dialog-ok").await;
    app.wait_gone(&tid("no-contest")).await;
    app.wait_testid("page-entries").await;
    app.wait_text("contest-path", &fresh.to_string_lossy()).await;
    let dash = try_invoke(&app, "dashboard", json!({})).await;
    app.check(dash["ok"].is_object(), format!("the new contest answers: {dash}")).await;
    app.check(fresh.is_file(), "the new contest file exists").await;
    app.check(std::fs::read_to_string(&bad).unwrap() == text, "the bad file is untouched").await;
    app.shot("created").await;
    app.close().await;
}

/// While an import holds the contest, the window still answers: `app_ping` resolves first, before the import
/// and before a store command (the dashboard) and a navigation queued behind the import. With the dashboard
/// made a sync command again (the old code), this fails with the order ["dashboard", "ping pong", "import"]:
/// the dashboard waited for the lock on the main thread and the ping waited behind it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_answers_while_an_import_holds_the_contest() {
    let mut app = App::launch("startup-import-ping").await;
    let big = app.db.with_file_name("大报名表.xlsx");
    saiwu_fixtures::write_export_xlsx(&saiwu_fixtures::ExportSpec { rows: 4000, seed: 20261206, variant: saiwu_fixtures::Variant::V3 }, &big)
        .expect("write the big export");

    app.step("导入时调用 app_ping");
    // The first progress event is sent from inside the import, with the contest locked: only then are the
    // dashboard, the navigation and the ping sent. What is compared is the order the promises resolve in.
    let js = r#"
        const [path, done] = [arguments[0], arguments[arguments.length - 1]];
        (async () => {
            const I = window.__TAURI_INTERNALS__;
            const order = [];
            let started;
            const holding = new Promise(r => { started = r; });
            await I.invoke('plugin:event|listen', { event: 'import-progress', target: { kind: 'Any' }, handler: I.transformCallback(() => started()) });
            const imp = I.invoke('import_apply', { path, sheet: null, mapping: null, saveProfile: null, profile: null })
                .then(r => { order.push('import'); return r; }, e => { order.push('import failed'); return { error: e }; });
            await holding;
            const dash = I.invoke('dashboard').then(() => order.push('dashboard'), e => order.push('dashboard failed'));
            document.querySelector('[data-testid="nav-entries"]').click();
            const pong = await I.invoke('app_ping');
            order.push('ping ' + pong);
            const result = await imp;
            await dash;
            return { order, result };
        })().then(done, e => done({ error: String(e) }));
    "#;
    let out = match app.driver().execute_async(js, vec![json!(big.to_string_lossy())]).await {
        Ok(r) => r.json().clone(),
        Err(e) => app.fail(format!("script failed: {e}")).await,
    };
    let order: Vec<String> = out["order"].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
    app.check(out["result"]["new"] == 4000, format!("the import went through: {}", out["result"])).await;
    app.check(order.first().map(String::as_str) == Some("ping pong"), format!("ping answered first: {order:?}")).await;
    // The dashboard waited for the lock and then answered; which of it and the import resolves first is not ordered.
    app.check(order.iter().any(|o| o == "dashboard"), format!("the dashboard answered after the import: {order:?}")).await;
    // The navigation clicked during the import lands on its page once the import is done.
    app.wait_for_within(&tid("page-entries"), SLOW).await;
    app.close().await;
}
