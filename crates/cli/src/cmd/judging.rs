//! The judging rounds: `saiwu ranking`, `advance`, `panels`, `conflicts` and `draw`.
use std::path::PathBuf;

use clap::Args;
use saiwu_core::model::Group;
use saiwu_core::{judging, settings, CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct RankingArgs {
    /// preliminary（初赛）| semifinal（复赛，启用时）| final（决赛）
    #[arg(long)]
    round: String,
    #[arg(long)]
    json: bool,
}

pub fn run_ranking(store: &Store, args: RankingArgs) -> Result<(), CoreError> {
    let round = judging::round_in_force(store, &args.round)?;
    let groups = judging::ranking(store, round)?;
    if args.json {
        // SPEC §11 ranking shape, a top-level array over all groups.
        let list: Vec<serde_json::Value> = groups
            .iter()
            .flat_map(|g| g.entries.iter())
            .map(|e| {
                serde_json::json!({
                    "project_no": e.project_no,
                    "group": e.group,
                    "score": e.score,
                    "score_display": e.score_display,
                    "rank": e.rank,
                    "tie_unresolved": e.tie_unresolved,
                    "valid_judges": e.valid_judges,
                    "recused": e.recused,
                    "dropped": e.dropped,
                })
            })
            .collect();
        json(&list)?;
    } else {
        for g in &groups {
            out(&format!("{}{}：", round.label(), g.label));
            for e in &g.entries {
                out(&format!(
                    "  {}\t{}\t{}\t{}{}",
                    e.rank.map(|r| format!("第{r}名")).unwrap_or_else(|| if e.complete {
                        "无有效分".into()
                    } else {
                        format!("评分未完成 {}/{}", e.judges_done, e.judges_expected)
                    }),
                    e.score_display.clone().unwrap_or_default(),
                    e.project_no,
                    e.project_name,
                    if e.tie_unresolved { "（并列，待评审委员会决定）" } else { "" }
                ));
            }
            for t in &g.open_ties {
                out(&format!("  注意：{}", t.message));
            }
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct AdvanceArgs {
    /// 晋级进入的轮次：semifinal（复赛，从初赛排名晋级）| final（决赛，从复赛排名晋级，未启用复赛时从初赛）
    #[arg(long, default_value = "final")]
    round: String,
    /// 每组晋级数（默认取设置 final_top_n）
    #[arg(long)]
    top: Option<usize>,
    #[arg(long)]
    json: bool,
}

pub fn run_advance(store: &mut Store, args: AdvanceArgs) -> Result<(), CoreError> {
    let to = judging::round_in_force(store, &args.round)?;
    if to == judging::Round::Preliminary {
        return Err(CoreError::validation(Some("round"), "初赛是第一轮，没有晋级：--round semifinal（进入复赛）或 final（进入决赛）。"));
    }
    let top = match args.top {
        Some(n) => n,
        None => settings::load(store)?.final_top_n as usize,
    };
    let r = saiwu_core::actions::judging::advance_to(store, to, top, "命令行", now())?;
    if args.json {
        json(&r)?;
    } else {
        for g in &r.groups {
            out(&format!("{}：{}", g.label, g.summary));
        }
        if r.manual_kept > 0 {
            out(&format!("保留了 {} 条人工调整。", r.manual_kept));
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct PanelsArgs {
    #[arg(long)]
    round: String,
    #[arg(long)]
    auto: bool,
    /// 自动分组时每个评审组的评委人数（默认全部在用评委）
    #[arg(long, requires = "auto")]
    judges_per_panel: Option<usize>,
    #[arg(long)]
    json: bool,
}

pub fn run_panels(store: &mut Store, args: PanelsArgs) -> Result<(), CoreError> {
    let round = judging::round_in_force(store, &args.round)?;
    let list = if args.auto {
        saiwu_core::actions::judging::auto_panels(store, round, args.judges_per_panel, now())?
    } else {
        judging::panels(store, round)?
    };
    if args.json {
        json(&list)?;
    } else {
        for p in &list {
            out(&format!(
                "{}：评委 {} 人（{}），项目 {} 个",
                p.name,
                p.judges.len(),
                p.judges.iter().map(|j| j.name.as_str()).collect::<Vec<_>>().join("、"),
                p.entries.len()
            ));
        }
        if list.is_empty() {
            out("还没有评审组。可用 --auto 按组别自动建立。");
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct ConflictsArgs {
    #[arg(long)]
    round: String,
    #[arg(long)]
    suggest: bool,
    /// 批量排除待确认的回避提示（编号以逗号分隔，如 3,5,8），需 --reason 与 --by
    #[arg(long, value_delimiter = ',')]
    dismiss: Vec<i64>,
    /// 排除的理由（一条理由适用于全部所选提示）
    #[arg(long)]
    reason: Option<String>,
    /// 确认人
    #[arg(long)]
    by: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run_conflicts(store: &mut Store, args: ConflictsArgs) -> Result<(), CoreError> {
    let round = judging::round_in_force(store, &args.round)?;
    if !args.dismiss.is_empty() {
        let n = saiwu_core::actions::judging::dismiss_conflicts(
            store,
            round,
            &args.dismiss,
            args.reason.as_deref().unwrap_or(""),
            args.by.as_deref().unwrap_or(""),
            now(),
        )?;
        if !args.json {
            out(&format!("已排除回避提示 {n} 条。"));
        }
    }
    if args.suggest {
        let n = saiwu_core::actions::judging::suggest_conflicts(store, round, now())?;
        if !args.json {
            out(&format!("新增回避提示 {n} 条。"));
        }
    }
    let list = judging::conflicts(store, round)?;
    if args.json {
        json(&list)?;
    } else {
        for c in &list {
            let mut line = format!("#{} [{}] 评委“{}” × {} {}：{}", c.id, c.status, c.judge_name, c.project_no, c.project_name, c.reason);
            if let Some(from) = &c.carried_from {
                line += &format!("（{from}）");
            }
            if let Some(note) = &c.note {
                line += &format!("（理由：{note}）");
            }
            out(&line);
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct DrawArgs {
    #[arg(long)]
    round: String,
    /// enterprise（企业组）| startup（创业组）
    #[arg(long, value_parser = parse_group)]
    group: Group,
    /// 随机种子（不填则随机产生并记录）
    #[arg(long)]
    seed: Option<u64>,
    /// 同时写出打印用出场顺序表（PDF）
    #[arg(long)]
    pdf: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

/// `--group` as a person types it (code or label); a bad value is refused by the parser with the core's message.
fn parse_group(s: &str) -> Result<Group, String> {
    Group::parse(s).map_err(|e| e.to_string())
}

pub fn run_draw(store: &mut Store, args: DrawArgs) -> Result<(), CoreError> {
    let round = judging::round_in_force(store, &args.round)?;
    // The seed is drawn here, at the edge, and recorded, so the core stays reproducible.
    let seed = args.seed.unwrap_or_else(rand::random);
    let d = saiwu_core::actions::judging::draw(store, round, args.group, seed, "命令行", now())?;
    if let Some(path) = args.pdf {
        std::fs::write(&path, judging::order_sheet_pdf(store, round, d.id)?)?;
    }
    if args.json {
        json(&d)?;
    } else {
        out(&format!("{}{}路演顺序（抽签种子 {}）：", round.label(), d.group_label, d.seed));
        for e in &d.order {
            out(&format!("  {}\t{}\t{}", e.position, e.project_no, e.project_name));
        }
    }
    Ok(())
}
