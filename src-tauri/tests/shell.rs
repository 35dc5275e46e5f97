//! The shell itself: the start-up asset check (on fake assets and through Tauri's real asset resolver on the mock
//! runtime), the app command list the window permissions are built from, and the debug-only test hook.
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use saiwu_core::Store;
use saiwu_desk::acl::{APP_COMMANDS, MAIN_WINDOW_SET};
use saiwu_desk::assets_check::{check, check_app, referenced_files, Served};
use saiwu_desk::state::AppState;
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, MockRuntime, INVOKE_KEY};
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::webview::InvokeRequest;

fn crate_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Like the index.html Vite writes (base './'): a module script, a preload and a stylesheet.
const INDEX: &str = r#"<!doctype html>
<html lang="zh-CN">
  <head>
    <link rel="icon" type="image/svg+xml" href="./favicon.svg" />
    <script type="module" crossorigin src="./assets/index-Ab12.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/vendor-Cd34.js">
    <link rel="stylesheet" crossorigin href="./assets/index-Ef56.css">
    <link rel="preconnect" href="https://example.com/x.js">
  </head>
  <body><div id="app"></div></body>
</html>"#;

fn served(bytes: &str, mime: &str) -> Option<Served> {
    Some(Served { bytes: bytes.as_bytes().to_vec(), mime: mime.to_string() })
}

/// A resolver over `files` (path → (content, MIME)) that, like Tauri's, serves index.html for what it cannot read.
fn fake<'a>(files: &'a [(&'a str, &'a str, &'a str)]) -> impl Fn(&str) -> Option<Served> + 'a {
    move |p: &str| {
        let hit = files.iter().find(|(k, _, _)| *k == p).or_else(|| files.iter().find(|(k, _, _)| *k == "index.html"));
        hit.and_then(|(_, b, m)| served(b, m))
    }
}

const WHOLE: &[(&str, &str, &str)] = &[
    ("index.html", INDEX, "text/html"),
    ("assets/index-Ab12.js", "import './vendor-Cd34.js'", "text/javascript"),
    ("assets/vendor-Cd34.js", "export const x = 1", "text/javascript"),
    ("assets/index-Ef56.css", "body{margin:0}", "text/css"),
];

#[test]
fn referenced_files_are_the_local_scripts_and_styles() {
    assert_eq!(referenced_files(INDEX), vec!["assets/index-Ab12.js", "assets/vendor-Cd34.js", "assets/index-Ef56.css"]);
    assert_eq!(referenced_files(r#"<script src="/a.js?v=1"></script><script src='/a.js'></script>"#), vec!["a.js"]);
}

#[test]
fn whole_assets_pass() {
    let r = check(fake(WHOLE));
    assert!(r.ok, "{r:?}");
    assert!(r.problems.is_empty());
    let paths: Vec<&str> = r.checked.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, vec!["index.html", "assets/index-Ab12.js", "assets/vendor-Cd34.js", "assets/index-Ef56.css"]);
    assert_eq!(r.checked[1].mime, "text/javascript");
}

#[test]
fn a_script_served_as_the_index_fallback_is_reported() {
    // The blank-window build: the script could not be read, so the resolver answered with index.html.
    let files: Vec<_> = WHOLE.iter().copied().filter(|(k, _, _)| *k != "assets/vendor-Cd34.js").collect();
    let r = check(fake(&files));
    assert!(!r.ok);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].starts_with("assets/vendor-Cd34.js：读到的是 index.html"), "{:?}", r.problems);
}

#[test]
fn wrong_type_missing_and_empty_files_are_reported() {
    let files = [
        ("index.html", INDEX, "text/html"),
        ("assets/index-Ab12.js", "x", "text/plain"),
        ("assets/vendor-Cd34.js", "", "text/javascript"),
        ("assets/index-Ef56.css", "body{}", "text/css"),
    ];
    let r = check(fake(&files));
    assert!(!r.ok);
    assert_eq!(r.problems, vec!["assets/index-Ab12.js：类型为 text/plain，应为 javascript", "assets/vendor-Cd34.js：内容为空"]);

    let missing = |p: &str| if p == "index.html" { served(INDEX, "text/html") } else { None };
    assert_eq!(check(missing).problems.len(), 3);
    assert_eq!(check(|_| None).problems, vec!["index.html：缺失"]);
}

#[test]
fn an_index_without_a_script_is_reported() {
    // A truncated index.html still parses as a page, but nothing would start.
    let cut = &INDEX[..INDEX.find("<script").unwrap()];
    let r = check(|p: &str| if p == "index.html" { served(cut, "text/html") } else { None });
    assert!(!r.ok);
    assert!(r.problems.iter().any(|p| p.contains("没有引用任何程序脚本")), "{:?}", r.problems);
}

/// Assets for the mock runtime; a missing key is what a half-written (undecodable) embedded file amounts to.
struct FakeAssets(HashMap<String, Vec<u8>>);

impl tauri::Assets<MockRuntime> for FakeAssets {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        self.0.get(key.as_ref()).map(|b| Cow::Borrowed(b.as_slice()))
    }
    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(self.0.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v.as_slice()))))
    }
    fn csp_hashes(&self, _: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

fn mock_app(files: &[(&str, &str, &str)]) -> tauri::App<MockRuntime> {
    let map = files.iter().map(|(k, b, _)| (AssetKey::from(*k).as_ref().to_string(), b.as_bytes().to_vec())).collect();
    let store = Store::open_in_memory().unwrap();
    // An in-memory store keeps no audit head; the data folder is never written here.
    saiwu_desk::register(mock_builder().manage(AppState::new(Some(store), None, std::env::temp_dir().join("saiwu-shell-test"))))
        .build(mock_context(FakeAssets(map)))
        .unwrap()
}

#[test]
fn the_check_sees_through_tauris_asset_resolver() {
    let app = mock_app(WHOLE);
    let r = check_app(app.handle());
    assert!(r.ok, "{r:?}");
    assert_eq!(r.checked.len(), 4);

    // The resolver itself falls back to index.html (text/html) for the unreadable script.
    let files: Vec<_> = WHOLE.iter().copied().filter(|(k, _, _)| *k != "assets/index-Ab12.js").collect();
    let app = mock_app(&files);
    let r = check_app(app.handle());
    assert!(!r.ok);
    assert!(r.problems.iter().any(|p| p.starts_with("assets/index-Ab12.js：读到的是 index.html")), "{:?}", r.problems);
}

fn invoke(app: &tauri::App<MockRuntime>, cmd: &str) -> Result<Value, Value> {
    let webview = tauri::WebviewWindowBuilder::new(app, "main", Default::default()).build().unwrap();
    get_ipc_response(
        &webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::from(json!({})),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn the_test_hook_command_answers_in_debug_builds() {
    // Debug test builds only; in release the command is not compiled in (src/test_hooks.rs), so the UI's hook is off.
    let app = mock_app(WHOLE);
    assert_eq!(invoke(&app, "test_hooks_enabled").unwrap(), json!(true));
}

/// The command names in lib.rs's `generate_handler![…]`.
fn registered_commands() -> Vec<String> {
    let lib = std::fs::read_to_string(crate_dir().join("src/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").expect("generate_handler! in lib.rs") + "generate_handler![".len();
    let end = start + lib[start..].find("])").expect("end of generate_handler!");
    lib[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//"))
        .map(|l| l.trim_end_matches(',').rsplit("::").next().unwrap().to_string())
        .collect()
}

#[test]
fn every_registered_command_has_a_permission_and_no_more() {
    let mut registered = registered_commands();
    assert!(registered.len() > 50, "parsed too few commands from lib.rs: {registered:?}");
    registered.sort();
    let mut listed: Vec<String> = APP_COMMANDS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    // A command missing from src/acl.rs is refused in every window; one listed but not registered is a stale entry.
    let unlisted: Vec<_> = registered.iter().filter(|c| !listed.contains(c)).collect();
    let stale: Vec<_> = listed.iter().filter(|c| !registered.contains(c)).collect();
    assert!(unlisted.is_empty() && stale.is_empty(), "add to src/acl.rs: {unlisted:?}; remove from it: {stale:?}");
}

fn capability(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(crate_dir().join("capabilities").join(name)).unwrap()).unwrap()
}

#[test]
fn the_projector_may_only_read_the_ranking() {
    let p = capability("projector.json");
    assert_eq!(p["windows"], json!(["projector"]));
    // App permissions have no "plugin:" prefix.
    let app_perms: Vec<&str> = p["permissions"].as_array().unwrap().iter().filter_map(Value::as_str).filter(|s| !s.contains(':')).collect();
    assert_eq!(app_perms, vec!["allow-ranking"]);
    let main = capability("default.json");
    assert_eq!(main["windows"], json!(["main"]));
    assert!(main["permissions"].as_array().unwrap().contains(&json!(MAIN_WINDOW_SET)));
    // The set build.rs generated grants exactly the listed commands.
    let set = std::fs::read_to_string(crate_dir().join("permissions/autogenerated").join(format!("{MAIN_WINDOW_SET}.toml"))).unwrap();
    for c in APP_COMMANDS {
        assert!(set.contains(&format!("\"allow-{}\"", c.replace('_', "-"))), "{c} missing from the main-window set");
    }
}

#[test]
fn the_test_hook_command_is_compiled_in_debug_builds_only() {
    // A release build must not answer test_hooks_enabled: both its definition and its registration sit behind
    // cfg(debug_assertions) (a release cargo build is too slow for a test; this keeps the guard from going).
    let hooks = std::fs::read_to_string(crate_dir().join("src/test_hooks.rs")).unwrap();
    assert!(hooks.contains("#[cfg(debug_assertions)]\n#[tauri::command]\npub fn test_hooks_enabled"), "{hooks}");
    let lib = std::fs::read_to_string(crate_dir().join("src/lib.rs")).unwrap();
    let lines: Vec<&str> = lib.lines().map(str::trim).collect();
    let at = lines.iter().position(|l| l.ends_with("test_hooks_enabled,")).expect("test_hooks_enabled registered in lib.rs");
    assert_eq!(lines[at - 1], "#[cfg(debug_assertions)]");
}
