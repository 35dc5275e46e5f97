//! Harness for the end-to-end tests of 创客大赛秘书处.
//!
//! Chain: test → `tauri-driver` (a free port) → `WebKitWebDriver` (another free port) → `saiwu-desk --db <temp>`.
//! See `tests/e2e/README.md` and /work/shared/TECH.md §5.
//!
//! Rules this harness follows (all learned the hard way, TECH.md §5a):
//! - tauri-driver is stopped with SIGTERM (never SIGKILL), so it takes WebKitWebDriver down with it.
//! - Settings reach the app only as command-line arguments (`--db`), never as environment variables.
//! - Screenshots lag the DOM: wait for a DOM condition, then let two animation frames and a short pause pass.
//! - Every wait polls every 100 ms; on timeout a screenshot and the page source go to `tests/e2e/screenshots/`
//!   and the test fails naming the step.

use std::fs::{self, File};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;

/// Default time a wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// For the two steps that are slow in the window itself: opening the column-mapping dialog and applying an import.
/// On a 2-core machine under Xvfb they take 5–9 s although the backend answers in under 1 s (see README).
pub const SLOW: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);
/// How long a click waits for running transitions (a dialog opening, a picker's panel closing) to end.
const TRANSITIONS: Duration = Duration::from_secs(3);

// ---------------------------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------------------------

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = here.join("../..");
    root.canonicalize().unwrap_or(root)
}

/// An absolute path under the workspace root; panics if it does not exist.
pub fn repo_file(rel: &str) -> PathBuf {
    let p = root().join(rel);
    assert!(p.exists(), "缺少测试所需的文件 {} ", p.display());
    p.canonicalize().unwrap()
}

fn binary(env_var: &str, rel: &str, build_hint: &str) -> PathBuf {
    let p = match std::env::var_os(env_var) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => root().join(rel),
    };
    if !p.is_file() {
        panic!("E2E SETUP FAILED: the binary {} does not exist (override with the env var {env_var}). Build it first: {build_hint}", p.display());
    }
    p.canonicalize().unwrap()
}

/// The desktop app under test: `$SAIWU_APP` or `<root>/target/debug/saiwu-desk`.
pub fn app_binary() -> PathBuf {
    binary("SAIWU_APP", "target/debug/saiwu-desk", "cargo build -p saiwu-desk (needs ui/dist: npm --prefix ui run build)")
}

/// The command-line program (ground truth for counts): `$SAIWU_CLI` or `<root>/target/debug/saiwu`.
pub fn cli_binary() -> PathBuf {
    binary("SAIWU_CLI", "target/debug/saiwu", "cargo build -p saiwu-cli")
}

/// Runs `saiwu --db DB ARGS…` (to prepare a contest file before the window opens, or to read ground truth).
/// `saiwu --db DB --data-dir <DB's folder>/data ARGS`: the same data folder as the app a test launches beside
/// that contest file (so both see the same audit heads), never the real home folder.
pub fn saiwu(db: &Path, args: &[&str]) -> std::process::Output {
    let data_dir = db.parent().unwrap_or(Path::new(".")).join("data");
    Command::new(cli_binary()).arg("--db").arg(db).arg("--data-dir").arg(data_dir).args(args).output().expect("run saiwu")
}

/// `saiwu` that must succeed; its standard output.
pub fn saiwu_ok(db: &Path, args: &[&str]) -> String {
    let out = saiwu(db, args);
    assert!(
        out.status.success(),
        "saiwu {} failed: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `saiwu … --json` that must succeed, parsed.
pub fn saiwu_json(db: &Path, args: &[&str]) -> Value {
    let out = saiwu_ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("saiwu {} --json: {e}\n{out}", args.join(" ")))
}

fn on_path(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(h) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(h).join("bin"));
    }
    if let Some(h) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(h).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// `$TAURI_DRIVER`, or `tauri-driver` on PATH / in ~/.cargo/bin.
pub fn tauri_driver_binary() -> PathBuf {
    if let Some(v) = std::env::var_os("TAURI_DRIVER").filter(|v| !v.is_empty()) {
        return PathBuf::from(v);
    }
    on_path("tauri-driver").unwrap_or_else(|| {
        panic!("E2E SETUP FAILED: tauri-driver not found on PATH or in ~/.cargo/bin. Install it: cargo install tauri-driver --locked")
    })
}

/// `tests/e2e/screenshots/` (gitignored), created on demand.
pub fn screenshots_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    fs::create_dir_all(&d).expect("create tests/e2e/screenshots");
    d
}

// ---------------------------------------------------------------------------------------------------------------
// Ground truth
// ---------------------------------------------------------------------------------------------------------------

/// Runs `saiwu --db <fresh temp db> import entries FILE --json` for each file in turn and returns each result.
pub fn cli_imports(files: &[&Path]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("truth.sqlite");
    files
        .iter()
        .map(|f| {
            let out = saiwu(&db, &["import", "entries", &f.to_string_lossy(), "--json"]);
            assert!(out.status.success(), "saiwu import {} failed: {}", f.display(), String::from_utf8_lossy(&out.stderr));
            serde_json::from_slice(&out.stdout).expect("saiwu --json output")
        })
        .collect()
}

/// The lines of a `*.truth.jsonl` file.
pub fn truth_entries(rel: &str) -> Vec<Value> {
    fs::read_to_string(repo_file(rel))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("truth line"))
        .collect()
}

pub fn read_json(rel: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(repo_file(rel)).unwrap()).unwrap()
}

// ---------------------------------------------------------------------------------------------------------------
// tauri-driver
// ---------------------------------------------------------------------------------------------------------------

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running tauri-driver. Dropping it sends SIGTERM (so it also stops its WebKitWebDriver) and waits.
pub struct TauriDriver {
    child: Child,
    pub port: u16,
    pub native_port: u16,
    pub log: PathBuf,
}

impl TauriDriver {
    pub fn start(log: PathBuf) -> TauriDriver {
        let bin = tauri_driver_binary();
        if on_path("WebKitWebDriver").is_none() {
            panic!("E2E SETUP FAILED: WebKitWebDriver not found on PATH. Install it: apt-get install -y webkit2gtk-driver");
        }
        let port = free_port();
        let mut native_port = free_port();
        while native_port == port {
            native_port = free_port();
        }
        // Output goes to a file, never to the test's stdout: a stray WebKitWebDriver holding the pipe would hang CI.
        let out = File::create(&log).expect("create tauri-driver log");
        let err = out.try_clone().unwrap();
        let mut cmd = Command::new(&bin);
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()]).stdin(Stdio::null()).stdout(out).stderr(err);
        // If the test process dies without running Drop (killed by a CI timeout), the kernel sends tauri-driver
        // SIGTERM, so it still takes WebKitWebDriver and the app down with it.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("E2E SETUP FAILED: cannot start {}: {e}", bin.display()));
        let mut td = TauriDriver { child, port, native_port, log };
        let t0 = Instant::now();
        loop {
            // tauri-driver forwards the new-session request to WebKitWebDriver at once, so both must listen.
            if TcpStream::connect(("127.0.0.1", port)).is_ok() && TcpStream::connect(("127.0.0.1", native_port)).is_ok() {
                break;
            }
            if let Ok(Some(st)) = td.child.try_wait() {
                panic!("E2E SETUP FAILED: tauri-driver exited ({st}); log: {}", fs::read_to_string(&td.log).unwrap_or_default());
            }
            if t0.elapsed() > Duration::from_secs(10) {
                panic!(
                    "E2E SETUP FAILED: tauri-driver/WebKitWebDriver did not listen on ports {port}/{native_port} within 10 s; log: {}",
                    fs::read_to_string(&td.log).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        td
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // SIGTERM, never SIGKILL: only then does tauri-driver stop its WebKitWebDriver child.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!("warning: tauri-driver (pid {}) still running 10 s after SIGTERM; waiting for it", self.child.id());
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The app under test
// ---------------------------------------------------------------------------------------------------------------

/// One test's app: its own temp contest file, its own tauri-driver, one WebDriver session at a time.
///
/// Field order matters for Drop: the session goes first (thirtyfour quits it synchronously), then tauri-driver
/// (SIGTERM), then the temp dir.
pub struct App {
    driver: Option<WebDriver>,
    tauri: TauriDriver,
    pub name: String,
    pub db: PathBuf,
    _tmp: tempfile::TempDir,
    step: String,
    shots: u32,
    started: Instant,
}

impl App {
    /// Starts tauri-driver and the app on a fresh temp contest file.
    pub async fn launch(name: &str) -> App {
        App::launch_prepared(name, |_| {}).await
    }

    /// Like `launch`, but `prepare` gets the contest file's path first (before the app starts), e.g. to fill it
    /// with the command-line program.
    pub async fn launch_prepared(name: &str, prepare: impl FnOnce(&Path)) -> App {
        app_binary(); // fail early and clearly when the app is not built
        let tmp = tempfile::Builder::new().prefix("saiwu-e2e-").tempdir().unwrap();
        let db = tmp.path().join("contest.sqlite");
        prepare(&db);
        let dir = screenshots_dir();
        // Old artefacts of this test would be misleading.
        if let Ok(rd) = fs::read_dir(&dir) {
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with(&format!("{name}-")) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
        let tauri = TauriDriver::start(dir.join(format!("{name}-tauri-driver.log")));
        let mut app = App { driver: None, tauri, name: name.to_string(), db, _tmp: tmp, step: "启动".into(), shots: 0, started: Instant::now() };
        app.open_session().await;
        app
    }

    async fn open_session(&mut self) {
        let app_bin = app_binary();
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        // `--data-dir` beside the contest file: the app never touches the real home folder (audit heads, default contest).
        let data_dir = self._tmp.path().join("data");
        // An empty `db` (App::launch_first_run) starts the app as a person does: no `--db`.
        let mut args = vec![json!("--data-dir"), json!(data_dir.to_string_lossy())];
        if !self.db.as_os_str().is_empty() {
            args.splice(0..0, [json!("--db"), json!(self.db.to_string_lossy())]);
        }
        caps.set("tauri:options", json!({ "application": app_bin, "args": args })).unwrap();
        let t0 = Instant::now();
        let driver = WebDriver::new(self.tauri.url(), caps).await.unwrap_or_else(|e| {
            panic!(
                "[{}] could not start a WebDriver session with {}: {e}\ntauri-driver log ({}):\n{}",
                self.name,
                app_bin.display(),
                self.tauri.log.display(),
                fs::read_to_string(&self.tauri.log).unwrap_or_default()
            )
        });
        eprintln!("[{}] app session started in {:.1} s", self.name, t0.elapsed().as_secs_f32());
        self.driver = Some(driver);
        // The Vue app mounts asynchronously: wait for the navigation to exist.
        self.wait_testid("nav").await;
    }

    /// Quits the session and launches the app again on the same contest file.
    pub async fn relaunch(&mut self) {
        if let Some(d) = self.driver.take() {
            d.quit().await.expect("quit session");
        }
        self.open_session().await;
    }

    /// Quits the session (tauri-driver is stopped when `self` drops).
    pub async fn close(mut self) {
        if let Some(d) = self.driver.take() {
            d.quit().await.expect("quit session");
        }
        eprintln!("[{}] done in {:.1} s", self.name, self.started.elapsed().as_secs_f32());
    }

    pub fn driver(&self) -> &WebDriver {
        self.driver.as_ref().expect("no WebDriver session")
    }

    /// Names the current step (used in failure messages and the log).
    pub fn step(&mut self, s: &str) {
        self.step = s.to_string();
        eprintln!("[{} +{:5.1}s] {s}", self.name, self.started.elapsed().as_secs_f32());
    }

    // -- diagnostics ------------------------------------------------------------------------------------------

    async fn settle(&self) {
        // Two animation frames, then a little more: WebDriver screenshots lag the DOM.
        let _ = self
            .driver()
            .execute("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))", Vec::<Value>::new())
            .await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }

    /// Saves `tests/e2e/screenshots/<test>-NN-<label>.png` after letting the page settle.
    pub async fn shot(&mut self, label: &str) {
        self.settle().await;
        self.shots += 1;
        let p = screenshots_dir().join(format!("{}-{:02}-{label}.png", self.name, self.shots));
        match self.driver().screenshot_as_png().await {
            Ok(png) => fs::write(&p, png).unwrap(),
            Err(e) => eprintln!("[{}] screenshot {label} failed: {e}", self.name),
        }
    }

    /// Saves a screenshot and the page source, then fails the test naming the step.
    pub async fn fail<T>(&self, msg: impl AsRef<str>) -> T {
        let dir = screenshots_dir();
        let slug: String = self.step.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
        let png = dir.join(format!("{}-FAIL-{slug}.png", self.name));
        let html = dir.join(format!("{}-FAIL-{slug}.html", self.name));
        let mut state = String::new();
        if let Some(d) = &self.driver {
            // CI keeps only the log: say which toasts, dialogs and loading masks were on the page, shown or not.
            // A form's blocker line and field errors say why a dialog's button stayed disabled; an open dialog's
            // inputs say what the typing left in them.
            let js = "const out = Array.from(document.querySelectorAll('.el-message, .el-message-box, .el-loading-mask, .el-form-item__error')).map(e => \
                      e.className.split(' ')[0] + (e.getClientRects().length ? '' : '（隐藏）') + '：' + (e.textContent || '').trim().slice(0, 160)); \
                      for (const b of document.querySelectorAll('[data-testid$=\"-blocker\"]')) { const t = (b.textContent || '').trim(); \
                        if (t && b.getClientRects().length) out.push(b.getAttribute('data-testid') + '：' + t.slice(0, 160)); } \
                      for (const d of document.querySelectorAll('.el-dialog')) { if (!d.getClientRects().length) continue; \
                        const vals = Array.from(d.querySelectorAll('input, textarea')).filter(i => i.type !== 'radio' && i.type !== 'checkbox') \
                          .map(i => (i.closest('[data-testid]')?.getAttribute('data-testid') || i.placeholder || '?') + '=' + JSON.stringify(i.value)); \
                        const checked = Array.from(d.querySelectorAll('input:checked')).map(i => i.closest('[data-testid]')?.getAttribute('data-testid') || i.value); \
                        out.push('对话框 ' + (d.querySelector('.el-dialog__title')?.textContent || '').trim() + '：' + vals.concat(checked.map(c => c + ' ✓')).join('，')); } \
                      return out";
            if let Ok(r) = d.execute(js, Vec::<Value>::new()).await {
                if let Some(items) = r.json().as_array().filter(|a| !a.is_empty()) {
                    let lines: String = items.iter().filter_map(Value::as_str).map(|t| format!("\n    {t}")).collect();
                    state = format!("\n  on the page:{lines}");
                }
            }
            let _ = d.execute("return new Promise(r => requestAnimationFrame(() => r(true)))", Vec::<Value>::new()).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            if let Ok(b) = d.screenshot_as_png().await {
                let _ = fs::write(&png, b);
            }
            if let Ok(src) = d.source().await {
                let _ = fs::write(&html, src);
            }
        }
        panic!(
            "[{}] step «{}» failed: {}{state}\n  screenshot: {}\n  page source: {}",
            self.name,
            self.step,
            msg.as_ref(),
            png.display(),
            html.display()
        )
    }

    // -- finding and waiting -------------------------------------------------------------------------------------

    /// The displayed elements matching a CSS selector (hidden dialogs stay in the DOM; they are skipped).
    pub async fn visible(&self, css: &str) -> Vec<WebElement> {
        let mut out = Vec::new();
        if let Ok(all) = self.driver().find_all(By::Css(css)).await {
            for e in all {
                if e.is_displayed().await.unwrap_or(false) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// Waits until an element matching `css` is displayed and returns the first.
    pub async fn wait_for_within(&self, css: &str, timeout: Duration) -> WebElement {
        let t0 = Instant::now();
        loop {
            if let Some(e) = self.visible(css).await.into_iter().next() {
                return e;
            }
            if t0.elapsed() > timeout {
                return self.fail(format!("waited {:.0} s for `{css}` to be displayed", timeout.as_secs_f32())).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn wait_for(&self, css: &str) -> WebElement {
        self.wait_for_within(css, TIMEOUT).await
    }

    pub async fn wait_testid(&self, id: &str) -> WebElement {
        self.wait_for(&tid(id)).await
    }

    /// Waits until the element matching `css` holds no Element Plus loading mask (`v-loading`), not even one
    /// fading out, so a row's button is clicked only once its list has loaded. (A click the mask covers is
    /// not lost: WebKitWebDriver reports it intercepted and `click` retries.)
    pub async fn wait_loaded(&self, css: &str) {
        let js = format!("return document.querySelectorAll({} + ' .el-loading-mask').length === 0", json!(css));
        self.wait_js(&js, &format!("`{css}` still loading")).await
    }

    /// Waits until nothing matching `css` is displayed.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_gone_within(css, TIMEOUT).await
    }

    pub async fn wait_gone_within(&self, css: &str, timeout: Duration) {
        let t0 = Instant::now();
        while !self.visible(css).await.is_empty() {
            if t0.elapsed() > timeout {
                return self.fail(format!("`{css}` still displayed after {:.0} s", timeout.as_secs_f32())).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the first displayed `css` element's trimmed text satisfies `ok`; returns that text.
    pub async fn wait_text_where(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_text_where_within(css, what, TIMEOUT, ok).await
    }

    pub async fn wait_text_where_within(&self, css: &str, what: &str, timeout: Duration, ok: impl Fn(&str) -> bool) -> String {
        let t0 = Instant::now();
        let mut last = None::<String>;
        loop {
            if let Some(e) = self.visible(css).await.into_iter().next() {
                if let Ok(t) = e.text().await {
                    let t = t.trim().to_string();
                    if ok(&t) {
                        return t;
                    }
                    last = Some(t);
                }
            }
            if t0.elapsed() > timeout {
                return self
                    .fail(format!(
                        "after {:.0} s, `{css}` should be {what}; last seen: {}",
                        timeout.as_secs_f32(),
                        last.map(|t| format!("{t:?}")).unwrap_or_else(|| "(not displayed)".into())
                    ))
                    .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Like `wait_text_where`, on the element's `textContent`: Element Plus table cells clip with an ellipsis,
    /// which WebDriver counts as not displayed, so their text is missing from `text()`.
    pub async fn wait_content_where(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let t0 = Instant::now();
        let mut last = None::<String>;
        loop {
            let r = self.driver().execute("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", vec![json!(css)]).await;
            if let Some(t) = r.ok().and_then(|r| r.json().as_str().map(str::to_string)) {
                if ok(&t) {
                    return t;
                }
                last = Some(t);
            }
            if t0.elapsed() > TIMEOUT {
                return self
                    .fail(format!(
                        "after {:.0} s, `{css}` should hold {what}; last seen: {}",
                        TIMEOUT.as_secs_f32(),
                        last.map(|t| format!("{t:?}")).unwrap_or_else(|| "(not in the page)".into())
                    ))
                    .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the element with this test id shows exactly `expected`.
    pub async fn wait_text(&self, id: &str, expected: &str) -> String {
        self.wait_text_where(&tid(id), &format!("{expected:?}"), |t| t == expected).await
    }

    /// Waits until the input with this selector has exactly `expected` as its value.
    pub async fn wait_value(&self, css: &str, expected: &str) {
        let t0 = Instant::now();
        let mut last = None;
        loop {
            if let Some(e) = self.visible(css).await.into_iter().next() {
                last = e.prop("value").await.ok().flatten();
                if last.as_deref() == Some(expected) {
                    return;
                }
            }
            if t0.elapsed() > TIMEOUT {
                return self.fail(format!("value of `{css}` should be {expected:?}; last seen: {last:?}")).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Number of displayed elements matching `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.visible(css).await.len()
    }

    // -- acting ------------------------------------------------------------------------------------------------

    /// Clicks the first displayed `css` element, retrying while something (an overlay, a transition) is in the way.
    /// A disabled button is waited for, not clicked: WebDriver clicks it without an error and nothing happens, so
    /// a form still missing a value would otherwise show up later as a dialog that never closed.
    pub async fn click(&self, css: &str) {
        let t0 = Instant::now();
        let disabled_js = "const e = arguments[0]; return !!(e.disabled || e.classList.contains('is-disabled') || e.getAttribute('aria-disabled') === 'true')";
        self.wait_transitions().await;
        loop {
            let e = self.wait_for(css).await;
            let disabled = self.driver().execute(disabled_js, vec![e.to_json().unwrap_or_default()]).await.ok().and_then(|r| r.json().as_bool());
            if disabled == Some(true) {
                if t0.elapsed() > TIMEOUT {
                    return self.fail(format!("`{css}` stayed disabled for {:.0} s", TIMEOUT.as_secs_f32())).await;
                }
                tokio::time::sleep(POLL).await;
                continue;
            }
            match e.click().await {
                Ok(()) => return,
                Err(err) => {
                    if t0.elapsed() > TIMEOUT {
                        return self.fail(format!("could not click `{css}`: {err}")).await;
                    }
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits (up to 3 s) until no Vue transition is running: a click while a closed date picker's panel is still
    /// fading out over the form was seen to do nothing and report no error (a radio below the picker stayed
    /// unticked in 1–2 of 40 tries). After 3 s it clicks anyway and says which transitions were still running.
    async fn wait_transitions(&self) {
        let t0 = Instant::now();
        let js = "return Array.from(document.querySelectorAll('[class*=\"-enter-active\"], [class*=\"-leave-active\"]')) \
                  .map(e => (e.getAttribute('data-testid') || e.tagName.toLowerCase()) + '.' + (e.getAttribute('class') || '').split(' ').filter(c => /-(enter|leave)-active$/.test(c)).join('.'))";
        loop {
            let running: Vec<String> = match self.driver().execute(js, Vec::<Value>::new()).await {
                Ok(r) => r.json().as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            if running.is_empty() {
                return;
            }
            if t0.elapsed() > TRANSITIONS {
                eprintln!("[{}] still running after {} s, clicking anyway: {}", self.name, TRANSITIONS.as_secs(), running.join(", "));
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn click_testid(&self, id: &str) {
        self.click(&tid(id)).await
    }

    /// Replaces the content of an `<input>` and checks the value arrived (so Vue's v-model has it).
    pub async fn type_into(&self, css: &str, text: &str) {
        let e = self.wait_for(css).await;
        let _ = e.click().await;
        let _ = e.clear().await;
        if e.prop("value").await.ok().flatten().is_some_and(|v| !v.is_empty()) {
            let _ = e.send_keys(Key::Control + "a").await;
            let _ = e.send_keys(Key::Backspace).await;
        }
        if let Err(err) = e.send_keys(text).await {
            return self.fail(format!("typing into `{css}` failed: {err}")).await;
        }
        self.wait_value(css, text).await;
    }

    pub async fn press(&self, css: &str, key: Key) {
        let e = self.wait_for(css).await;
        if let Err(err) = e.send_keys(key).await {
            return self.fail(format!("pressing a key in `{css}` failed: {err}")).await;
        }
    }

    /// Types a date into an Element Plus date picker, presses Enter and takes the focus away, then checks that the
    /// field shows the date. Enter commits only while the picker's panel is open; leaving the field commits too,
    /// and once it has left, the field shows the stored value, so a date that did not take fails here, named.
    pub async fn set_date(&self, css: &str, date: &str) {
        self.type_into(css, date).await;
        self.press(css, Key::Enter).await;
        let _ = self.driver().execute("if (document.activeElement) document.activeElement.blur()", Vec::<Value>::new()).await;
        self.wait_value(css, date).await;
    }

    /// Opens a page through the side navigation and waits for it.
    pub async fn nav(&self, page: &str) {
        self.click_testid(&format!("nav-{page}")).await;
        self.wait_testid(&format!("page-{page}")).await;
    }

    /// Calls a Tauri command straight through IPC (withGlobalTauri is off, so via `__TAURI_INTERNALS__`).
    pub async fn invoke(&self, cmd: &str, args: Value) -> Value {
        match self.driver().execute("return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])", vec![json!(cmd), args]).await {
            Ok(r) => r.json().clone(),
            Err(e) => self.fail(format!("invoke {cmd} failed: {e}")).await,
        }
    }

    /// Waits until a second window (the projector) appears among the WebDriver handles and returns its handle;
    /// `main` is the main window's handle, taken before the projector was asked for.
    pub async fn second_window(&self, main: &thirtyfour::WindowHandle) -> thirtyfour::WindowHandle {
        let t0 = Instant::now();
        loop {
            let hs = self.driver().windows().await.unwrap_or_default();
            if let Some(h) = hs.into_iter().find(|h| h != main) {
                return h;
            }
            if t0.elapsed() > TIMEOUT {
                return self.fail("the projector window did not appear among the WebDriver window handles").await;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Like `invoke`, but a refusal is returned (its text: a string, or the `{code, message}` error as JSON) instead
    /// of failing the test, to check what a window may not do.
    pub async fn try_invoke(&self, cmd: &str, args: Value) -> Result<Value, String> {
        let script = "return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(\
            (v) => ({ ok: v === undefined ? null : v }), \
            (e) => ({ err: typeof e === 'string' ? e : JSON.stringify(e) }))";
        let r = match self.driver().execute(script, vec![json!(cmd), args]).await {
            Ok(r) => r.json().clone(),
            Err(e) => return self.fail(format!("could not run invoke {cmd} in the page: {e}")).await,
        };
        match r.get("err") {
            Some(e) => Err(e.as_str().unwrap_or_default().to_string()),
            None => Ok(r.get("ok").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Makes the next save dialog (or folder picker) return `path`: the native dialog cannot be driven through
    /// WebDriver, so `ui/src/api/dialogs.ts` reads `window.__SAIWU_TEST_SAVE_PATH__` once instead (debug builds only:
    /// it asks the debug-only command `test_hooks_enabled` first).
    pub async fn next_save_path(&self, path: &Path) {
        let r = self.driver().execute("window.__SAIWU_TEST_SAVE_PATH__ = arguments[0]; return true", vec![json!(path.to_string_lossy())]).await;
        if let Err(e) = r {
            self.fail(format!("could not set the test save path: {e}")).await
        }
    }

    /// Text of the first displayed `css` element (trimmed), failing if there is none.
    pub async fn text(&self, css: &str) -> String {
        let e = self.wait_for(css).await;
        e.text().await.unwrap_or_default().trim().to_string()
    }

    /// Fails (with diagnostics) unless `cond`.
    pub async fn check(&self, cond: bool, msg: impl AsRef<str>) {
        if !cond {
            self.fail(msg).await
        }
    }
}

/// `[data-testid="…"]`
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Parses a counter's text ("240") as a number.
pub fn num(s: &str) -> i64 {
    s.trim().parse().unwrap_or(-1)
}

/// True when the text contains at least `n` CJK ideographs.
pub fn has_chinese(s: &str, n: usize) -> bool {
    s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() >= n
}

// ---------------------------------------------------------------------------------------------------------------
// A contest scored to the final (layouts.rs, projector.rs)
// ---------------------------------------------------------------------------------------------------------------

/// A filled score file for `round`: every judge of the group's panel gives each entry the same total, distinct
/// per entry (90, 89.5, 89, …) in ranking order — except, with `tie`, the second 企业组 entry gets the first
/// one's total: a tie at rank 1 across the 一等奖 (1 place) / 二等奖 line. Returns the CSV path.
pub fn fill_scores(db: &Path, round: &str, tie: bool) -> PathBuf {
    let dir = db.parent().unwrap();
    // The app's own sheet first (as the secretariat would print it); the CSV below has the same rows.
    let sheet = dir.join(format!("{round}-sheet.xlsx"));
    saiwu_ok(db, &["scores", "export", "--round", round, "--out", &sheet.to_string_lossy()]);
    let panels = saiwu_json(db, &["panels", "--round", round, "--json"]);
    let ranking = saiwu_json(db, &["ranking", "--round", round, "--json"]);
    let judges_of = |group: &str| -> Vec<String> {
        let label = if group == "enterprise" { "企业" } else { "创业" };
        let p = panels
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"].as_str().is_some_and(|n| n.starts_with(label)))
            .unwrap_or_else(|| panic!("no {label} panel in {panels}"));
        p["judges"].as_array().unwrap().iter().map(|j| j["name"].as_str().unwrap().to_string()).collect()
    };
    let mut csv = String::from("项目编号,评委,总分\n");
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for e in ranking.as_array().unwrap() {
        let group = e["group"].as_str().unwrap().to_string();
        let i = *seen.get(&group).unwrap_or(&0);
        seen.insert(group.clone(), i + 1);
        let mut total = 90.0 - 0.5 * i as f64;
        if tie && group == "enterprise" && i == 1 {
            total = 90.0;
        }
        for j in judges_of(&group) {
            csv.push_str(&format!("{},{j},{total}\n", e["project_no"].as_str().unwrap()));
        }
    }
    let path = dir.join(format!("{round}-scores.csv"));
    fs::write(&path, csv).unwrap();
    path
}

/// A contest scored to the final with the command-line program: `export_v1.xlsx`, the handmade judges, automatic
/// panels, the preliminary scored, the top `top` of each group advanced, final panels and the final scored (with
/// `tie`, one tie at 企业组 rank 1 across the 一等奖 / 二等奖 line; without, no open tie).
pub fn prepare_scored_final(db: &Path, top: usize, tie: bool) {
    saiwu_ok(db, &["import", "entries", &repo_file("fixtures/generated/export_v1.xlsx").to_string_lossy(), "--json"]);
    saiwu_ok(db, &["import", "reference", "judges", &repo_file("fixtures/handmade/judges.xlsx").to_string_lossy(), "--json"]);
    for (round, next) in [("preliminary", Some("final")), ("final", None)] {
        saiwu_ok(db, &["panels", "--round", round, "--auto", "--json"]);
        let scores = fill_scores(db, round, tie && round == "final");
        let r = saiwu_json(db, &["scores", "import", "--round", round, &scores.to_string_lossy(), "--json"]);
        assert!(r["problems"].as_array().is_some_and(|p| p.is_empty()), "{round} scores refused: {r}");
        if let Some(next) = next {
            saiwu_ok(db, &["advance", "--round", next, "--top", &top.to_string(), "--json"]);
        }
    }
}

impl App {
    /// Sets the window to `w`×`h` through WebDriver and returns the page's viewport (innerWidth, innerHeight),
    /// correcting once for window decorations so the viewport itself gets the size.
    pub async fn set_viewport(&self, w: u32, h: u32) -> (i64, i64) {
        let inner = |r: Value| (r["w"].as_i64().unwrap_or(0), r["h"].as_i64().unwrap_or(0));
        let read = || async {
            self.settle().await;
            match self.driver().execute("return { w: window.innerWidth, h: window.innerHeight }", Vec::<Value>::new()).await {
                Ok(r) => inner(r.json().clone()),
                Err(e) => self.fail(format!("could not read the viewport: {e}")).await,
            }
        };
        if let Err(e) = self.driver().set_window_rect(0, 0, w, h).await {
            return self.fail(format!("could not set the window to {w}×{h}: {e}")).await;
        }
        let (iw, ih) = read().await;
        if (iw, ih) != (w as i64, h as i64) && iw > 0 && ih > 0 {
            let (dw, dh) = (w as i64 - iw, h as i64 - ih);
            let _ = self.driver().set_window_rect(0, 0, (w as i64 + dw) as u32, (h as i64 + dh) as u32).await;
            return read().await;
        }
        (iw, ih)
    }

    /// Saves `tests/e2e/screenshots/<stem>.png` after letting the page settle (a name chosen by the test).
    pub async fn shot_named(&self, stem: &str) {
        self.settle().await;
        let p = screenshots_dir().join(format!("{stem}.png"));
        match self.driver().screenshot_as_png().await {
            Ok(png) => fs::write(&p, png).unwrap(),
            Err(e) => eprintln!("[{}] screenshot {stem} failed: {e}", self.name),
        }
    }
}

/// The text of a PDF through poppler's pdftotext (UTF-8, pages separated by form feeds). pdftotext is required: a
/// missing tool fails the test (CI installs poppler-utils), nothing is skipped.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("E2E SETUP FAILED: pdftotext is needed to read PDFs back (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "pdftotext failed on {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---------------------------------------------------------------------------------------------------------------
// The first run (first_run.rs, manual.rs)
// ---------------------------------------------------------------------------------------------------------------

impl App {
    /// Starts the app as a person does: no `--db`, only its own empty data folder (`data_dir()`), which
    /// `relaunch` keeps, so the recent contest files and the window size carry over.
    pub async fn launch_first_run(name: &str) -> App {
        app_binary();
        let tmp = tempfile::Builder::new().prefix("saiwu-e2e-").tempdir().unwrap();
        let dir = screenshots_dir();
        if let Ok(rd) = fs::read_dir(&dir) {
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with(&format!("{name}-")) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
        let tauri = TauriDriver::start(dir.join(format!("{name}-tauri-driver.log")));
        let mut app =
            App { driver: None, tauri, name: name.to_string(), db: PathBuf::new(), _tmp: tmp, step: "启动".into(), shots: 0, started: Instant::now() };
        app.open_session().await;
        app
    }

    /// The app's `--data-dir`.
    pub fn data_dir(&self) -> PathBuf {
        self._tmp.path().join("data")
    }

    /// A temp folder of this test's own, removed with the app.
    pub fn temp_dir(&self) -> &Path {
        self._tmp.path()
    }

    /// Waits until the script `js` returns true (polling like the other waits), failing with `what`.
    pub async fn wait_js(&self, js: &str, what: &str) {
        let t0 = Instant::now();
        loop {
            if let Ok(r) = self.driver().execute(js, Vec::<Value>::new()).await {
                if r.json() == &Value::Bool(true) {
                    return;
                }
            }
            if t0.elapsed() > TIMEOUT {
                return self.fail(format!("after {:.0} s: {what}", TIMEOUT.as_secs_f32())).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The page's `document.title` (what the app sets as the window title too).
    pub async fn document_title(&self) -> String {
        match self.driver().execute("return document.title", Vec::<Value>::new()).await {
            Ok(r) => r.json().as_str().unwrap_or_default().to_string(),
            Err(e) => self.fail(format!("could not read document.title: {e}")).await,
        }
    }
}
