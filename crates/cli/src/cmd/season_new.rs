//! `saiwu season new --from OLD --db NEW [--json]`: the next season's contest file from this one (issue #12
//! item 6); `saiwu season confirm --by NAME`: the moved settings checked by a person (已核对).
use std::path::PathBuf;

use clap::{Args, Subcommand};
use saiwu_core::actions::season_new;
use saiwu_core::{CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct SeasonArgs {
    #[command(subcommand)]
    action: SeasonAction,
}

#[derive(Subcommand)]
enum SeasonAction {
    /// 新建下一届赛事：--db 指定新赛事文件（不能已存在），--from 指定本届赛事文件。带入设置（届次、年份和日期顺延一年，
    /// 需人工核对）、评委、评分表、映射方案和模板，并把本届获省赛奖项的项目加入近三届省赛获奖名单
    New {
        /// 本届赛事文件
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 已核对：确认由上一届新建的赛事中顺延的设置已经人工核对（记录核对人和时间）
    Confirm {
        /// 核对人
        #[arg(long)]
        by: String,
        #[arg(long)]
        json: bool,
    },
}

impl SeasonArgs {
    /// `season new` opens two files itself: the global `--db` names the file to create, not one to open.
    pub fn is_new(&self) -> bool {
        matches!(self.action, SeasonAction::New { .. })
    }
}

/// `season new`: `db` is the file to create (required), `from` must exist.
pub fn run_new(db: Option<PathBuf>, data_dir: Option<PathBuf>, args: SeasonArgs) -> Result<(), CoreError> {
    let SeasonAction::New { from, json: as_json } = args.action else { return Ok(()) };
    let Some(target) = db else {
        return Err(CoreError::validation(Some("db"), "请用 --db 指定要新建的下一届赛事文件（该文件不能已存在）。"));
    };
    let data_dir = match data_dir {
        Some(d) => d,
        None => saiwu_core::store::default_data_dir()?,
    };
    let mut old: Store = saiwu_core::actions::contest::open_existing(&from)?.with_data_dir(data_dir);
    let made = season_new::create_next(&mut old, &target, now())?;
    saiwu_core::actions::audit::keep_head(&old, now())?;
    if as_json {
        return json(&made);
    }
    out(&format!("已新建 {}：{}", made.contest_name, made.db_path));
    for c in &made.carried {
        match c.count {
            Some(n) => out(&format!("  带入 {}：{n} 条", c.label)),
            None => out(&format!("  带入 {}", c.label)),
        }
    }
    for w in &made.winners_added {
        out(&format!("  加入省赛获奖名单：{}（{}，{}）", w.project_name, w.entrant_name, w.source));
    }
    for m in &made.moved {
        out(&format!("  顺延 {}：{} → {}", m.label, m.from, m.to));
    }
    for w in &made.warnings {
        out(&format!("  注意：{w}"));
    }
    out("请在新赛事的“赛事设置”中核对顺延的届次和日期，核对后执行 saiwu --db 新文件 season confirm --by 姓名。");
    Ok(())
}

/// `season confirm` on the open contest.
pub fn run(store: &mut Store, args: SeasonArgs) -> Result<(), CoreError> {
    let SeasonAction::Confirm { by, json: as_json } = args.action else { return Ok(()) };
    let check = season_new::confirm_check(store, &by, now())?;
    if as_json {
        return json(&check);
    }
    out(&format!("已核对：{}（{}）", check.confirmed_by.unwrap_or_default(), check.confirmed_at.unwrap_or_default()));
    Ok(())
}
