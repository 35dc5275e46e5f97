//! `saiwu audit verify`: the hash chain and the rows it vouches for.
use clap::{Args, Subcommand};
use saiwu_core::actions;
use saiwu_core::{CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    action: AuditAction,
}

#[derive(Subcommand)]
enum AuditAction {
    /// 校验审计日志（未通过时退出码 2，并列出每处问题）；同时与本机记录的审计链核对
    Verify {
        /// 核对评分汇总表上打印的审计链（至少前 16 位十六进制数字）
        #[arg(long)]
        head: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, args: AuditArgs) -> Result<(), CoreError> {
    let AuditAction::Verify { head, json: as_json } = args.action;
    let r = actions::audit::verify(store, head.as_deref(), now())?;
    if as_json {
        json(&r)?;
    } else {
        if r.ok {
            out(&format!("审计校验通过：日志 {} 条，核对记录 {} 条，没有发现在软件之外的改动。", r.entries, r.rows_checked));
        } else {
            for p in &r.problems {
                out(p);
            }
        }
        for n in &r.notes {
            out(n);
        }
        out(&format!("审计链：{}（前 16 位）　共 {} 条", r.head.get(..16).unwrap_or(&r.head), r.entries));
    }
    if !r.ok {
        return Err(CoreError::precondition(format!(
            "审计校验未通过：{} 处问题。赛事文件在软件之外被改动过，请从改动前的备份恢复（saiwu backups、saiwu restore）。",
            r.problems.len()
        )));
    }
    Ok(())
}
