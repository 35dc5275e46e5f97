//! `saiwu scores import|export|correct|sheets`: the score workbook and the printed score sheets.
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
    /// 更正一位评委已提交（手机评分锁定）的分数：必须写明原因，记入评分日志与审计日志
    Correct {
        #[arg(long)]
        round: String,
        /// 评委姓名
        #[arg(long)]
        judge: String,
        /// 项目编号
        #[arg(long)]
        entry: String,
        /// 各项评分，按评分表顺序，逗号分隔（如 28,18,12.5,13,8,9）
        #[arg(long, conflicts_with = "total", required_unless_present = "total")]
        criteria: Option<String>,
        /// 总分（只打总分的轮次）
        #[arg(long)]
        total: Option<String>,
        /// 更正原因（如“评委当场口头更正，已签字确认”）
        #[arg(long)]
        reason: String,
        /// 更正人（写入评分日志）
        #[arg(long, default_value = "秘书处")]
        by: String,
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
        ScoresAction::Correct { round, judge, entry, criteria, total, reason, by } => {
            let round = judging::Round::parse(&round)?;
            let number = |t: &str, what: &str| -> Result<i64, CoreError> {
                let x: f64 = t.trim().parse().map_err(|_| CoreError::validation(Some("score"), format!("{what}“{}”不是数字。", t.trim())))?;
                judging::lan::to_hundredths(x, what)
            };
            let value = match (criteria, total) {
                (Some(c), _) => judging::ScoreValue::Criteria {
                    values: c.split([',', '，']).enumerate().map(|(i, t)| number(t, &format!("第 {} 项评分", i + 1))).collect::<Result<_, _>>()?,
                },
                (None, Some(t)) => judging::ScoreValue::Total { total: number(&t, "总分")? },
                (None, None) => return Err(CoreError::validation(Some("score"), "请用 --criteria 或 --total 给出更正后的分数。")),
            };
            let changed = saiwu_core::actions::lan::correct_score(store, round, &judge, &entry, &value, &reason, &by, now())?;
            if changed {
                out(&format!("已更正评委“{judge}”对项目 {entry} 的{}评分（原因：{}）。", round.label(), reason.trim()));
            } else {
                out(&format!("评委“{judge}”对项目 {entry} 的评分与更正值相同，未改动。"));
            }
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
