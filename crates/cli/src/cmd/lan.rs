//! Phone scoring on the venue network (issue #13, docs/LAN.md): `saiwu serve`, `saiwu judges tokens`,
//! `saiwu round close`.
use std::net::SocketAddr;

use clap::{Args, Subcommand};
use saiwu_core::judging::{self, lan::phone_url};
use saiwu_core::{CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct ServeArgs {
    /// 开放手机评分的轮次：preliminary | final
    #[arg(long)]
    round: String,
    /// 绑定的地址与端口：本机在会场网络中的地址（如 192.168.1.20:8080）或 127.0.0.1:8080；端口 0 表示任选
    #[arg(long)]
    bind: String,
}

pub fn run_serve(store: &mut Store, args: ServeArgs) -> Result<(), CoreError> {
    let round = judging::Round::parse(&args.round)?;
    let bind: SocketAddr =
        args.bind.trim().parse().map_err(|_| {
            CoreError::validation(Some("bind"), format!("“{}”不是“地址:端口”（如 192.168.1.20:8080 或 127.0.0.1:8080）。", args.bind))
        })?;
    let opts = saiwu_serve::Options { db: store.path().to_path_buf(), round, bind, limits: Default::default(), stop_on_signals: true };
    let server = saiwu_serve::Server::start(opts, &mut rand::thread_rng(), now(), None)?;
    out(&format!("{}手机评分已开放：{}", round.label(), server.url));
    for t in &server.state.tokens {
        out(&format!("{}\t{}", t.judge, phone_url(&server.url, &t.token)));
    }
    out("结束本轮手机评分：saiwu round close --round ROUND（或按 Ctrl-C 暂停服务，二维码仍有效）。");
    server.wait();
    out("评分服务已停止。");
    Ok(())
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct JudgesArgs {
    #[command(flatten)]
    list: super::entries::ListArgs,
    #[command(subcommand)]
    action: Option<JudgesAction>,
}

#[derive(Subcommand)]
enum JudgesAction {
    /// 各位评委在某一轮的手机评分二维码（令牌与网址）；没有的先发放；--revoke 姓名 作废并换发
    Tokens {
        #[arg(long)]
        round: String,
        /// 作废这位评委的二维码并立即换发新的（手机丢失、二维码被拍走时）
        #[arg(long)]
        revoke: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_judges(store: &mut Store, args: JudgesArgs) -> Result<(), CoreError> {
    let Some(JudgesAction::Tokens { round, revoke, json: as_json }) = args.action else {
        return super::entries::run_judges(store, args.list);
    };
    let round = judging::Round::parse(&round)?;
    let list = match revoke {
        Some(name) => saiwu_core::actions::lan::revoke_token(store, round, &name, &mut rand::thread_rng(), now())?,
        None => saiwu_core::actions::lan::tokens(store, round, &mut rand::thread_rng(), now())?,
    };
    if as_json {
        json(&list)?;
    } else {
        for t in &list {
            out(&format!("{}\t{}\t{}", t.judge, t.token, t.url.clone().unwrap_or_else(|| "（开放手机评分后才有网址）".into())));
        }
        out(&format!("{}共 {} 位评委有评分二维码。", round.label(), list.len()));
    }
    Ok(())
}

#[derive(Args)]
pub struct RoundArgs {
    #[command(subcommand)]
    action: RoundAction,
}

#[derive(Subcommand)]
enum RoundAction {
    /// 结束某一轮的手机评分：该轮所有二维码失效，正在运行的评分服务随之停止
    Close {
        #[arg(long)]
        round: String,
    },
}

pub fn run_round(store: &mut Store, args: RoundArgs) -> Result<(), CoreError> {
    let RoundAction::Close { round } = args.action;
    let round = judging::Round::parse(&round)?;
    if saiwu_core::actions::lan::close_round(store, round, now())? {
        out(&format!("{}手机评分已结束，所有评分二维码已失效。", round.label()));
    } else {
        out(&format!("{}的手机评分没有开放，无需结束。", round.label()));
    }
    Ok(())
}
