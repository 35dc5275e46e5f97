//! `saiwu awards`: the award list (SPEC §6, §11), and freezing it.
use clap::Args;
use saiwu_core::{CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct AwardsArgs {
    #[arg(long)]
    json: bool,
    /// 锁定获奖名单（填写锁定人）；锁定后只能以更正记录修改
    #[arg(long)]
    freeze: Option<String>,
    /// 仍有未办结的公示异议时强制锁定的理由（与 --freeze 一起用）
    #[arg(long, requires = "freeze")]
    override_reason: Option<String>,
}

pub fn run(store: &mut Store, args: AwardsArgs) -> Result<(), CoreError> {
    if let Some(who) = args.freeze {
        let h = saiwu_core::actions::awards::freeze(store, &who, args.override_reason.as_deref(), now())?;
        out(&format!("获奖名单已锁定，校验值 {h}。"));
    }
    let list = saiwu_core::awards::awards(store)?;
    if args.json {
        // SPEC §11 award shape, a top-level array.
        let v: Vec<serde_json::Value> = list
            .awards
            .iter()
            .map(|a| {
                serde_json::json!({
                    "project_no": a.project_no,
                    "group": a.group,
                    "level": a.level,
                    "pending_reason": a.pending_reason,
                    "cash_yuan": a.cash_yuan,
                    "certificate_no": a.certificate_no,
                })
            })
            .collect();
        json(&v)?;
    } else {
        for a in &list.awards {
            out(&format!(
                "{}\t{}\t{}\t{}\t{}{}",
                a.group_label,
                a.level_label.clone().unwrap_or_else(|| "待定".into()),
                a.project_no,
                a.project_name,
                a.cash_yuan.map(|c| format!("奖金 {c} 元")).unwrap_or_default(),
                a.pending_reason.as_ref().map(|r| format!("（{r}）")).unwrap_or_default()
            ));
        }
        for w in &list.warnings {
            out(&format!("注意：{w}"));
        }
    }
    Ok(())
}
