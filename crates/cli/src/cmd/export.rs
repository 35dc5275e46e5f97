//! `saiwu export KIND --out FILE`: the lists and forms as xlsx or PDF files.
use std::path::PathBuf;

use clap::Args;
use saiwu_core::{export, import, judging, screening, CoreError, Store};

use crate::output::out;

#[derive(Args)]
pub struct ExportArgs {
    kind: String,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(store: &Store, args: ExportArgs) -> Result<(), CoreError> {
    let ExportArgs { kind, out: path } = args;
    match kind.as_str() {
        "eligibility" => {
            let verdicts = screening::check(store)?;
            export::eligibility_xlsx(&verdicts, &screening::unchecked_summary(&verdicts), &path)?;
            out(&format!("已导出资格审查结果：{}（{} 个项目）", path.display(), verdicts.len()));
        }
        "problems" => {
            let list = import::problems(store, None)?;
            export::problems_xlsx(&list, &path)?;
            out(&format!("已导出问题清单：{}（{} 条）", path.display(), list.len()));
        }
        "awards" => {
            let n = saiwu_core::awards::awards_xlsx(store, &path)?;
            out(&format!("已导出获奖名单：{}（{n} 项）", path.display()));
        }
        "publicity" => {
            let n = saiwu_core::awards::publicity_xlsx(store, &path)?;
            out(&format!("已导出公示名单：{}（{n} 项）", path.display()));
        }
        "recommendation" => {
            let n = saiwu_core::awards::recommendation_xlsx(store, &path)?;
            out(&format!("已导出推荐参加省赛项目表：{}（{n} 项）", path.display()));
        }
        "units" => {
            let n = saiwu_core::awards::units_xlsx(store, &path)?;
            out(&format!("已导出组织单位统计：{}（{n} 个单位）", path.display()));
        }
        "ranking-preliminary" | "ranking-final" => {
            let round = if kind == "ranking-final" { judging::Round::Final } else { judging::Round::Preliminary };
            let n = judging::ranking_xlsx(store, round, &path)?;
            out(&format!("已导出{}排名：{}（{n} 个项目）", round.label(), path.display()));
        }
        "scores-preliminary" | "scores-final" => {
            let round = if kind == "scores-final" { judging::Round::Final } else { judging::Round::Preliminary };
            let n = judging::export_score_workbook(store, round, &path)?;
            out(&format!("已导出{}评分明细：{}（{n} 行）", round.label(), path.display()));
        }
        "publicity-pdf" | "recommendation-pdf" | "signoff-pdf" => {
            let bytes = match kind.as_str() {
                "publicity-pdf" => saiwu_core::awards::publicity_pdf(store)?,
                "recommendation-pdf" => saiwu_core::awards::recommendation_pdf(store)?,
                _ => saiwu_core::awards::signoff_pdf(store)?,
            };
            std::fs::write(&path, bytes)?;
            out(&format!("已写出 {}", path.display()));
        }
        other => {
            return Err(CoreError::Invalid(format!(
                "未知的导出类型“{other}”。可用：eligibility（资格审查结果）、problems（导入问题清单）、scores-preliminary / scores-final（评分明细）、ranking-preliminary / ranking-final（排名）、\
                 awards（获奖名单）、publicity（公示名单）、recommendation（推荐参加省赛项目表）、units（组织单位统计）、\
                 publicity-pdf、recommendation-pdf、signoff-pdf（评分汇总表）。"
            )))
        }
    }
    Ok(())
}
