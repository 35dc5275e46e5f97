//! Start-up check that the window's embedded files are whole. A build that embedded a half-written asset serves
//! index.html in its place (the resolver falls back to it when an asset cannot be read), and the window stays
//! blank with only a console error. This cheap pass (index.html plus the scripts and styles it names) turns that
//! into a clear native message instead.
use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// What the user is told when the check fails.
pub const BROKEN_MESSAGE: &str = "程序文件不完整，请重新安装或重新构建。";

/// One file as the app's asset resolver serves it.
pub struct Served {
    pub bytes: Vec<u8>,
    pub mime: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub path: String,
    /// The MIME type the resolver serves it with ("" when it has none).
    pub mime: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetReport {
    pub ok: bool,
    /// The files looked at, index.html first.
    pub checked: Vec<Checked>,
    /// One line per broken file, in Chinese.
    pub problems: Vec<String>,
}

/// Checks index.html and every local script/stylesheet it references through `get` (the asset resolver).
pub fn check(get: impl Fn(&str) -> Option<Served>) -> AssetReport {
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    let index = get("index.html");
    checked.push(Checked { path: "index.html".into(), mime: index.as_ref().map(|s| s.mime.clone()).unwrap_or_default() });
    let index = match index {
        Some(s) if s.mime.starts_with("text/html") && !s.bytes.is_empty() => s,
        Some(s) => {
            problems.push(format!("index.html：类型为 {}，内容 {} 字节，不是网页", s.mime, s.bytes.len()));
            return AssetReport { ok: false, checked, problems };
        }
        None => {
            problems.push("index.html：缺失".to_string());
            return AssetReport { ok: false, checked, problems };
        }
    };
    let html = String::from_utf8_lossy(&index.bytes).into_owned();
    let refs = referenced_files(&html);
    if !refs.iter().any(|r| r.ends_with(".js") || r.ends_with(".mjs")) {
        problems.push("index.html：没有引用任何程序脚本（文件可能被截断）".to_string());
    }
    for path in refs {
        let want = if path.ends_with(".css") { "text/css" } else { "javascript" };
        let got = get(&path);
        checked.push(Checked { path: path.clone(), mime: got.as_ref().map(|s| s.mime.clone()).unwrap_or_default() });
        match got {
            None => problems.push(format!("{path}：缺失")),
            // The resolver's fallback for a file it cannot read.
            Some(s) if s.mime.starts_with("text/html") || s.bytes == index.bytes => {
                problems.push(format!("{path}：读到的是 index.html（文件损坏或不完整）"))
            }
            Some(s) if !s.mime.contains(want) => problems.push(format!("{path}：类型为 {}，应为 {want}", s.mime)),
            Some(s) if s.bytes.is_empty() => problems.push(format!("{path}：内容为空")),
            Some(_) => {}
        }
    }
    AssetReport { ok: problems.is_empty(), checked, problems }
}

/// Local `.js`/`.mjs`/`.css` paths named by `src="…"` or `href="…"` in `html`, as resolver keys (no leading
/// `./` or `/`, no query), in order, without duplicates.
pub fn referenced_files(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for attr in ["src=", "href="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            let Some(end) = rest[1..].find(q) else { break };
            let value = &rest[1..1 + end];
            rest = &rest[1 + end..];
            let path = value.split(['?', '#']).next().unwrap_or_default();
            if path.contains("://") || path.starts_with("//") || path.starts_with("data:") {
                continue;
            }
            let path = path.trim_start_matches("./").trim_start_matches('/');
            if (path.ends_with(".js") || path.ends_with(".mjs") || path.ends_with(".css")) && !out.iter().any(|p| p == path) {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// The check on this app's embedded assets.
pub fn check_app<R: Runtime>(app: &AppHandle<R>) -> AssetReport {
    let resolver = app.asset_resolver();
    check(|p| resolver.get(p.to_string()).map(|a| Served { mime: a.mime_type().to_string(), bytes: a.bytes }))
}

/// Run from `setup`: when the assets are broken, say so in a native dialog and quit when it is closed, instead
/// of leaving a blank window.
pub fn on_startup<R: Runtime>(app: &tauri::App<R>) {
    let report = check_app(app.handle());
    if report.ok {
        return;
    }
    let msg = format!("{BROKEN_MESSAGE}\n\n{}", report.problems.join("\n"));
    eprintln!("{msg}");
    let handle = app.handle().clone();
    app.dialog()
        .message(msg)
        .title("程序文件不完整")
        .kind(MessageDialogKind::Error)
        .buttons(MessageDialogButtons::OkCustom("退出".into()))
        .show(move |_| handle.exit(1));
}

/// The same check, for the window tests (the built binary really serves its bundle).
#[tauri::command]
pub fn app_assets_check<R: Runtime>(app: AppHandle<R>) -> AssetReport {
    check_app(&app)
}
