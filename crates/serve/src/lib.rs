//! The scoring server judges' phones reach on the venue network (issue #13, SPEC §12 "LAN scoring",
//! docs/LAN.md). Off unless the secretariat opens it for one round; it binds only the address chosen, serves
//! the phone page from the binary and the JSON API, and stops when the round's scoring is closed, when it is
//! told to, or (for `saiwu serve`) on Ctrl-C/SIGTERM. An edge: it reads through the core's queries and
//! changes the contest only through `saiwu_core::actions::lan`, on its own connection to the contest file
//! (WAL, busy timeout, every commit synchronous=FULL).
//!
//! Limits (tower layers and a small per-token counter): request body size, requests in flight, open
//! connections, requests per token per minute.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, FixedOffset};
use saiwu_core::actions::lan as act;
use saiwu_core::judging::lan::{self as view, LanState, PhoneInput};
use saiwu_core::model::Round;
use saiwu_core::{CoreError, Store};
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

const PAGE: &str = include_str!("../assets/phone.html");
const SCRIPT: &str = include_str!("../assets/phone.js");
const STYLE: &str = include_str!("../assets/phone.css");

/// Strict: only this server's own script, style and API; no inline code, no frames, no forms elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The server's limits (docs/LAN.md). A judge sends a few dozen requests in a session; the defaults leave
/// room for a phone resending after a dropped network without letting one token flood the laptop.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body, bytes (a score is under 200).
    pub max_body: usize,
    /// Open TCP connections at once; more wait to be accepted.
    pub max_connections: usize,
    /// Requests being handled at once.
    pub max_in_flight: usize,
    /// Requests per token per rolling minute; more get 429.
    pub per_token_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_body: 4 * 1024, max_connections: 256, max_in_flight: 64, per_token_per_minute: 240 }
    }
}

/// What to serve: the contest file, the round, the address to bind (a LAN address or loopback, never all
/// interfaces), the limits, and whether Ctrl-C/SIGTERM stop it (the CLI; the window stops it itself).
#[derive(Debug, Clone)]
pub struct Options {
    pub db: PathBuf,
    pub round: Round,
    pub bind: SocketAddr,
    pub limits: Limits,
    pub stop_on_signals: bool,
}

/// Called after every accepted score (the window emits `scores-changed`).
pub type OnScore = Arc<dyn Fn(Round) + Send + Sync>;

/// A running server. Dropping it stops the server.
pub struct Server {
    /// The address phones open, e.g. `http://192.168.1.20:8080`.
    pub url: String,
    pub addr: SocketAddr,
    /// The round's scoring as opened, with each judge's token and phone URL.
    pub state: LanState,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds `opts.bind`, opens the round's scoring at the URL it got (issuing the judges' tokens with
    /// `rng`) and serves on a thread of its own: never blocks the caller.
    pub fn start(opts: Options, rng: &mut dyn rand::RngCore, now: DateTime<FixedOffset>, on_score: Option<OnScore>) -> Result<Server, CoreError> {
        if opts.bind.ip().is_unspecified() {
            return Err(CoreError::validation(
                Some("bind"),
                format!(
                    "不能在 {} 上开放评分服务（会向所有网络开放）。请选择本机在会场网络中的地址（如 192.168.1.20）或 127.0.0.1。",
                    opts.bind.ip()
                ),
            ));
        }
        let listener = std::net::TcpListener::bind(opts.bind).map_err(|e| {
            CoreError::validation(Some("bind"), format!("无法在 {} 上开放评分服务：{e}。请确认这是本机的地址，或换一个端口。", opts.bind))
        })?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}");
        let mut store = act::server_store(&opts.db)?;
        let state = act::open_scoring(&mut store, opts.round, Some(&url), rng, now)?;
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let app = AppState {
            store: Arc::new(Mutex::new(store)),
            round: opts.round,
            limits: opts.limits.clone(),
            rate: Arc::new(Mutex::new(HashMap::new())),
            on_score,
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("saiwu-serve")
            .build()
            .map_err(|e| CoreError::precondition(format!("无法启动评分服务：{e}")))?;
        let signals = opts.stop_on_signals;
        let thread = std::thread::Builder::new().name("saiwu-serve".into()).spawn(move || {
            runtime.block_on(async move {
                let Ok(tcp) = tokio::net::TcpListener::from_std(listener) else { return };
                let bounded = Bounded { inner: tcp, slots: Arc::new(Semaphore::new(app.limits.max_connections.max(1))) };
                let router = router(app.clone());
                let _ = axum::serve(bounded, router.into_make_service_with_connect_info::<Peer>())
                    .with_graceful_shutdown(until_stopped(app, stop_rx, signals))
                    .await;
            });
            // Connections still open (idle keep-alives) are dropped with the runtime.
            runtime.shutdown_timeout(Duration::from_secs(1));
        })?;
        Ok(Server { url, addr, state, stop: Some(stop_tx), thread: Some(thread) })
    }

    /// Stops the server (requests under way finish) and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Waits until the server ends by itself (round closed, or a signal with `stop_on_signals`).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Whether the server is still serving.
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    fn shutdown(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Resolves when told to stop, when the round's scoring is no longer open (closed from the window or
/// `saiwu round close`), or on Ctrl-C/SIGTERM when asked.
async fn until_stopped(app: AppState, mut stop: tokio::sync::watch::Receiver<bool>, signals: bool) {
    let closed = async {
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let store = app.store.clone();
            let round = app.round;
            let open = tokio::task::spawn_blocking(move || {
                let s = store.lock().unwrap_or_else(|p| p.into_inner());
                view::lan_state(&s, round).map(|st| st.status == "open")
            })
            .await;
            // A read that fails (file busy) is tried again; only a closed round stops the server.
            if let Ok(Ok(false)) = open {
                return;
            }
        }
    };
    let told = async {
        while !*stop.borrow() {
            if stop.changed().await.is_err() {
                return;
            }
        }
    };
    let signal = async {
        if !signals {
            return std::future::pending::<()>().await;
        }
        #[cfg(unix)]
        {
            let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => return std::future::pending::<()>().await,
            };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    };
    tokio::select! {
        _ = closed => {}
        _ = told => {}
        _ = signal => {}
    }
}

#[derive(Clone)]
struct AppState {
    store: Arc<Mutex<Store>>,
    round: Round,
    limits: Limits,
    /// token → (start of the current minute, requests in it).
    rate: Arc<Mutex<HashMap<String, (Instant, u32)>>>,
    on_score: Option<OnScore>,
}

fn router(app: AppState) -> Router {
    let limits = app.limits.clone();
    Router::new()
        .route("/", get(|| async { (StatusCode::OK, html(PAGE)) }))
        .route("/j/{token}", get(|| async { (StatusCode::OK, html(PAGE)) }))
        .route("/phone.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT) }))
        .route("/phone.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }))
        .route("/api/judge/{token}", get(get_list))
        .route("/api/judge/{token}/scores/{project_no}", axum::routing::put(put_score))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "NOT_FOUND", "没有这个页面。请扫描秘书处发给您的评分二维码。")
        })
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(tower::limit::ConcurrencyLimitLayer::new(limits.max_in_flight.max(1)))
        .layer(axum::middleware::map_response(secure_headers))
        .with_state(app)
}

fn html(body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}

/// Every answer: the CSP, no sniffing, no referrer (the URL holds the token), no caching.
async fn secure_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Errors as `{code, message}` with a Chinese message (docs/LAN.md lists the codes).
#[derive(Debug, Serialize)]
struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> ApiError {
        let message = e.to_string();
        let (status, code) = match &e {
            CoreError::Frozen(_) => (StatusCode::FORBIDDEN, "TOKEN_INVALID"),
            CoreError::NotInRound(_) | CoreError::NotFound(_) => (StatusCode::NOT_FOUND, "NOT_ON_LIST"),
            CoreError::Conflict(_) => (StatusCode::CONFLICT, "LOCKED"),
            CoreError::Validation { field: Some(f), .. } if f == "recused" => (StatusCode::UNPROCESSABLE_ENTITY, "RECUSED"),
            CoreError::Validation { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "INVALID_SCORE"),
            CoreError::Precondition(_) => (StatusCode::UNPROCESSABLE_ENTITY, "NOT_READY"),
            CoreError::Db(_) => (StatusCode::SERVICE_UNAVAILABLE, "BUSY"),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL"),
        };
        ApiError { status, code, message }
    }
}

/// The only place the server reads the clock (the core is handed `now`).
fn now() -> DateTime<FixedOffset> {
    chrono::Utc::now().with_timezone(&saiwu_core::model::beijing())
}

fn check_rate(app: &AppState, token: &str) -> Result<(), ApiError> {
    let mut m = app.rate.lock().unwrap_or_else(|p| p.into_inner());
    // Forget quiet tokens so guessed ones cannot grow the map without bound.
    if m.len() > 10_000 {
        m.retain(|_, (start, _)| start.elapsed() < Duration::from_secs(60));
    }
    let e = m.entry(token.chars().take(64).collect()).or_insert((Instant::now(), 0));
    if e.0.elapsed() >= Duration::from_secs(60) {
        *e = (Instant::now(), 0);
    }
    e.1 += 1;
    if e.1 > app.limits.per_token_per_minute {
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", "提交过于频繁，请稍等一分钟再试。"));
    }
    Ok(())
}

async fn blocking<T: Send + 'static>(app: &AppState, f: impl FnOnce(&mut Store) -> Result<T, CoreError> + Send + 'static) -> Result<T, ApiError> {
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        let mut s = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut s)
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", "服务器内部错误，请重试。"))?
    .map_err(ApiError::from)
}

async fn get_list(State(app): State<AppState>, Path(token): Path<String>) -> Result<Response, ApiError> {
    check_rate(&app, &token)?;
    let round = app.round;
    let v = blocking(&app, move |s| {
        let v = view::phone_view(s, &token)?;
        // A token of another round does not open this server's round.
        if v.round != round {
            return Err(CoreError::Frozen(format!("这个二维码属于{}，本机现在开放的是{}的手机评分。", v.round_label, round.label())));
        }
        Ok(v)
    })
    .await?;
    Ok(Json(v).into_response())
}

async fn put_score(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    Path((token, project_no)): Path<(String, String)>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_rate(&app, &token)?;
    let body = body
        .map_err(|_| ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "TOO_LARGE", format!("提交的内容过大（上限 {} 字节）。", app.limits.max_body)))?;
    let input: PhoneInput = serde_json::from_slice(&body).map_err(|_| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "INVALID_SCORE", "提交的内容无法识别：应为 {\"criteria\": [各项得分]} 或 {\"total\": 总分}。")
    })?;
    let round = app.round;
    let device = peer.0.ip().to_string();
    let score = blocking(&app, move |s| {
        let (r, _) = view::authorize(s, &token)?;
        if r != round {
            return Err(CoreError::Frozen(format!("这个二维码属于{}，本机现在开放的是{}的手机评分。", r.label(), round.label())));
        }
        act::phone_score(s, &token, &project_no, &input, &device, now())
    })
    .await?;
    if let Some(f) = &app.on_score {
        f(round);
    }
    Ok(Json(score).into_response())
}

/// The phone's address, for the score log.
#[derive(Debug, Clone, Copy)]
struct Peer(SocketAddr);

impl Connected<axum::serve::IncomingStream<'_, Bounded>> for Peer {
    fn connect_info(s: axum::serve::IncomingStream<'_, Bounded>) -> Self {
        Peer(*s.remote_addr())
    }
}

/// A listener that holds at most `slots` connections open; the next waits until one closes.
struct Bounded {
    inner: tokio::net::TcpListener,
    slots: Arc<Semaphore>,
}

impl axum::serve::Listener for Bounded {
    type Io = Held;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Held, SocketAddr) {
        loop {
            let Ok(permit) = self.slots.clone().acquire_owned().await else {
                std::future::pending::<()>().await;
                continue;
            };
            match self.inner.accept().await {
                Ok((io, addr)) => {
                    let _ = io.set_nodelay(true);
                    return (Held { io, _permit: permit }, addr);
                }
                // Out of file descriptors and the like: wait a moment instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// A connection holding its slot until it closes.
struct Held {
    io: tokio::net::TcpStream,
    _permit: OwnedSemaphorePermit,
}

impl AsyncRead for Held {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Held {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
