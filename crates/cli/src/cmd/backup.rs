//! `saiwu backup`, `backups` and `restore`.
use std::path::PathBuf;

use clap::Args;
use saiwu_core::actions;
use saiwu_core::store::backups;
use saiwu_core::{CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct BackupArgs {
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

pub fn run_backup(store: &Store, args: BackupArgs) -> Result<(), CoreError> {
    match args.out {
        None => {
            let b = actions::backups::backup_now(store, now())?;
            if args.json {
                json(&b)?;
            } else {
                out(&format!("已备份到 {}（{} KB）。", b.path.display(), (b.bytes / 1024).max(1)));
            }
        }
        Some(target) => {
            let bytes = actions::backups::export_contest(store, &target)?;
            if args.json {
                json(&serde_json::json!({ "path": target, "bytes": bytes }))?;
            } else {
                out(&format!("已把整个赛事导出为 {}（{} KB）：用“打开赛事文件”或 saiwu restore 可取回。", target.display(), bytes / 1024));
            }
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct BackupsArgs {
    #[arg(long)]
    json: bool,
}

pub fn run_backups(store: &Store, args: BackupsArgs) -> Result<(), CoreError> {
    let list = backups::list(store)?;
    if args.json {
        json(&list)?;
    } else if list.is_empty() {
        out("还没有备份。");
    } else {
        let kb = |bytes: u64| format!("{} KB", (bytes / 1024).max(1));
        for b in &list {
            // Older versions wrote no record: the time shown is the file's.
            let when = if b.recorded { b.taken_at.clone() } else { format!("{}（文件时间，旧版本备份）", b.taken_at) };
            out(&format!("{when}\t{}\t{}\t{}", b.reason_label, kb(b.bytes), b.path.display()));
        }
        out(&format!("共 {} 个备份，合计 {}。", list.len(), kb(list.iter().map(|b| b.bytes).sum())));
        out(&format!("保留规则：{}", backups::POLICY));
    }
    Ok(())
}

#[derive(Args)]
pub struct RestoreArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn run_restore(store: &mut Store, args: RestoreArgs) -> Result<(), CoreError> {
    let r = actions::backups::restore(store, &args.file, now())?;
    if args.json {
        json(&r)?;
    } else {
        out(&format!(
            "已从 {} 恢复：报名项目 {} 个，评委 {} 位，评分 {} 条，有效证书 {} 张。",
            r.from.display(),
            r.summary.entries,
            r.summary.judges,
            r.summary.scores,
            r.summary.certificates
        ));
        out(&format!("恢复前的状态已备份到 {}，需要时可再恢复回来。", r.safety_backup.path.display()));
    }
    Ok(())
}
