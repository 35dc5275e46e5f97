//! 评审 → 手机评分 (issue #13, docs/LAN.md): the scoring server judges' phones reach on the venue network,
//! opened for one round at the address the secretariat chooses. It runs on its own thread (never blocks the
//! window), emits `scores-changed` for every accepted score (the matrix and the projector follow), and stops
//! when the round is closed or the app quits.
use std::net::{SocketAddr, UdpSocket};
use std::sync::Mutex;

use saiwu_core::judging::lan::{self, LanView, QrMatrix};
use saiwu_core::model::Round;
use saiwu_core::CoreError;
use tauri::{AppHandle, Emitter, Runtime};

use super::{blocking, now, with_store};
use crate::error::CmdResult;

/// The app's one server (one round at a time). The process ending ends its thread.
static SERVER: Mutex<Option<(Round, saiwu_serve::Server)>> = Mutex::new(None);

fn round(r: &str) -> CmdResult<Round> {
    Ok(Round::parse(r)?)
}

fn running(r: Round) -> bool {
    let mut s = SERVER.lock().unwrap_or_else(|p| p.into_inner());
    // A server that stopped by itself (the round closed from the command line) is forgotten.
    if s.as_ref().is_some_and(|(_, srv)| !srv.is_running()) {
        *s = None;
    }
    s.as_ref().is_some_and(|(sr, _)| *sr == r)
}

/// The addresses this laptop can serve on: its LAN IPv4 addresses (the route the system would use towards
/// each private range, no packet is sent) and 127.0.0.1 for a test on the laptop itself.
#[tauri::command]
pub async fn lan_addresses() -> CmdResult<Vec<String>> {
    blocking(|| {
        let mut out: Vec<String> = Vec::new();
        for probe in ["192.168.255.255:9", "10.255.255.255:9", "172.31.255.255:9", "8.8.8.8:9"] {
            let Ok(sock) = UdpSocket::bind("0.0.0.0:0") else { continue };
            if sock.connect(probe).is_err() {
                continue;
            }
            if let Ok(a) = sock.local_addr() {
                let ip = a.ip().to_string();
                if !a.ip().is_loopback() && !a.ip().is_unspecified() && !out.contains(&ip) {
                    out.push(ip);
                }
            }
        }
        out.push("127.0.0.1".into());
        Ok(out)
    })
    .await
}

#[tauri::command]
pub async fn lan_status<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<LanView> {
    with_store(app, move |store| {
        let r = round(&round_code)?;
        Ok(lan::lan_view(&*store, r, running(r))?)
    })
    .await
}

/// Opens the round's scoring at `bind` ("ADDR:PORT", port 0 = any free one): issues the judges' tokens and
/// starts the server. A server already running (any round) is stopped first.
#[tauri::command]
pub async fn lan_open<R: Runtime>(app: AppHandle<R>, round_code: String, bind: String) -> CmdResult<LanView> {
    let emitter = app.clone();
    with_store(app, move |store| {
        let r = round(&round_code)?;
        let addr: SocketAddr = bind
            .trim()
            .parse()
            .map_err(|_| CoreError::validation(Some("bind"), format!("“{bind}”不是“地址:端口”（如 192.168.1.20:8080 或 127.0.0.1:8080）。")))?;
        if let Some((_, old)) = SERVER.lock().unwrap_or_else(|p| p.into_inner()).take() {
            old.stop();
        }
        let on_score: saiwu_serve::OnScore = std::sync::Arc::new(move |r: Round| {
            let _ = emitter.emit("scores-changed", r.code());
        });
        let opts = saiwu_serve::Options { db: store.path().to_path_buf(), round: r, bind: addr, limits: Default::default(), stop_on_signals: false };
        let server = saiwu_serve::Server::start(opts, &mut rand::thread_rng(), now(), Some(on_score))?;
        *SERVER.lock().unwrap_or_else(|p| p.into_inner()) = Some((r, server));
        Ok(lan::lan_view(&*store, r, true)?)
    })
    .await
}

/// Revokes a judge's token and issues a new one.
#[tauri::command]
pub async fn lan_revoke<R: Runtime>(app: AppHandle<R>, round_code: String, judge: String) -> CmdResult<LanView> {
    with_store(app, move |store| {
        let r = round(&round_code)?;
        saiwu_core::actions::lan::revoke_token(&mut *store, r, &judge, &mut rand::thread_rng(), now())?;
        Ok(lan::lan_view(&*store, r, running(r))?)
    })
    .await
}

/// Closes the round's phone scoring: every token ends and the server stops.
#[tauri::command]
pub async fn lan_close<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<LanView> {
    with_store(app, move |store| {
        let r = round(&round_code)?;
        saiwu_core::actions::lan::close_round(&mut *store, r, now())?;
        let mut s = SERVER.lock().unwrap_or_else(|p| p.into_inner());
        if s.as_ref().is_some_and(|(sr, _)| *sr == r) {
            if let Some((_, srv)) = s.take() {
                srv.stop();
            }
        }
        drop(s);
        Ok(lan::lan_view(&*store, r, false)?)
    })
    .await
}

/// A QR code of `text` (a judge's phone URL) as modules for the window to draw.
#[tauri::command]
pub async fn lan_qr(text: String) -> CmdResult<QrMatrix> {
    blocking(move || Ok(lan::qr_matrix(&text)?))
    .await
}
