//! `saiwu scores import|export|sheets`: the score workbook and the printed score sheets.
use std::path::PathBuf;

use clap::{Args, Subcommand};
use saiwu_core::{judging, CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct ScoresArgs {
    #[command(subcommand)]
    action: ScoresAction,
}

#[derive(Subcommand)]
enum ScoresAction {
    /// 导入评分表（每行一位评委对一个项目：项目编号、评委、各项评分或总分；“回避”表示回避）
    Import {
        file: PathBuf,
        #[arg(long)]
        round: String,
        /// 录入人（写入评分日志）
        #[arg(long, default_value = "命令行导入")]
        by: String,
        /// 确认以文件为准，覆盖手工录入的不同分数（否则遇到这种情况不导入）
        #[arg(long)]
        overwrite: bool,
        #[arg(long)]
        json: bool,
    },
    /// 导出评分表（xlsx，每组一个工作表），可填写后导入
    Export {
        #[arg(long)]
        round: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 打印用评分表（PDF，每个评审组一个文件，每位评委一份）写入目录
    Sheets {
        #[arg(long)]
        round: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(store: &mut Store, args: ScoresArgs) -> Result<(), CoreError> {
    match args.action {
        ScoresAction::Import { file, round, by, overwrite, json: as_json } => {
            let round = judging::round_in_force(store, &round)?;
            let r = saiwu_core::actions::judging::import_scores(store, round, &file, &by, overwrite, now())?;
            if as_json {
                json(&r)?;
            } else {
                out(&format!(
                    "已导入{}评分表“{}”：{} 行（其中回避 {}），更新 {} 个分数，{} 个未变。",
                    round.label(),
                    r.file,
                    r.rows,
                    r.recusals,
                    r.written,
                    r.unchanged
                ));
            }
        }
        ScoresAction::Export { round, out: path } => {
            let round = judging::round_in_force(store, &round)?;
            let n = judging::export_score_workbook(store, round, &path)?;
            out(&format!("已写出{}评分表 {}（{n} 行）。", round.label(), path.display()));
        }
        ScoresAction::Sheets { round, out: dir } => {
            let round = judging::round_in_force(store, &round)?;
            std::fs::create_dir_all(&dir)?;
            for (stem, doc) in judging::score_sheet_docs(store, round)? {
                if doc.judges.is_empty() || doc.groups.is_empty() {
                    out(&format!("跳过“{}”：没有评委或项目。", doc.panel_name));
                    continue;
                }
                let path = dir.join(format!("{stem}.pdf"));
                std::fs::write(&path, saiwu_core::pdf::score_sheet(&doc)?)?;
                out(&format!("已写出 {}", path.display()));
            }
        }
    }
    Ok(())
}
