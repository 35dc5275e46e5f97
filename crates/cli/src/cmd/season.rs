//! The season after the scores (SPEC §12): `saiwu objections add|list|close`, `saiwu followup add|list|flag`,
//! `saiwu provincial set|list`.
use clap::{Args, Subcommand};
use saiwu_core::actions::season::{self as act, FollowUpInput};
use saiwu_core::model::{beijing, FollowUpKind, ObjectionOutcome, ProvincialOutcome};
use saiwu_core::{season, CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct ObjectionsArgs {
    #[command(subcommand)]
    action: ObjectionsAction,
}

#[derive(Subcommand)]
enum ObjectionsAction {
    /// 登记公示期间收到的异议
    Add {
        /// 项目编号
        #[arg(long)]
        entry: String,
        /// 异议人（实名或单位名称）
        #[arg(long)]
        from: String,
        /// 收到日期（2026-08-01）
        #[arg(long)]
        received: String,
        /// 异议内容
        #[arg(long)]
        content: String,
    },
    /// 列出全部异议
    List {
        #[arg(long)]
        json: bool,
    },
    /// 办结异议：--outcome upheld（成立）| rejected（不成立）| withdrawn（撤回）
    Close {
        id: i64,
        #[arg(long)]
        outcome: String,
        /// 处理情况
        #[arg(long)]
        handling: String,
        /// 异议成立时同时取消该项目参赛资格（填写操作人）
        #[arg(long, value_name = "操作人")]
        disqualify: Option<String>,
    },
}

pub fn run_objections(store: &mut Store, args: ObjectionsArgs) -> Result<(), CoreError> {
    match args.action {
        ObjectionsAction::Add { entry, from, received, content } => {
            let id = act::add_objection(store, &entry, &from, &received, &content, now())?;
            out(&format!("已登记异议 {id}（项目 {}）。", entry.trim()));
        }
        ObjectionsAction::List { json: as_json } => {
            let list = season::objections(store)?;
            if as_json {
                // SPEC §12's shape: [{id, entry, from, received, content, handling, outcome, status, closed_at}].
                let v: Vec<serde_json::Value> = list
                    .iter()
                    .map(|o| {
                        serde_json::json!({
                            "id": o.id, "entry": o.entry, "from": o.from, "received": o.received, "content": o.content,
                            "handling": o.handling, "outcome": o.outcome, "status": o.status, "closed_at": o.closed_at,
                        })
                    })
                    .collect();
                json(&v)?;
            } else if list.is_empty() {
                out("没有异议。");
            } else {
                for o in &list {
                    let state = match (&o.outcome, &o.closed_at) {
                        (Some(r), Some(at)) => format!("{}（{at} 办结）", r.label()),
                        _ => "处理中".into(),
                    };
                    out(&format!("{}\t{}\t{}\t{}\t{}\t{state}", o.id, o.entry, o.received, o.from, o.content));
                }
            }
        }
        ObjectionsAction::Close { id, outcome, handling, disqualify } => {
            let outcome = ObjectionOutcome::parse(&outcome)?;
            let o = act::close_objection(store, id, outcome, &handling, disqualify.as_deref(), now())?;
            let more = if o.linked.as_deref() == Some("disqualified") { "，并已取消该项目参赛资格" } else { "" };
            out(&format!("异议 {id} 已办结：{}{more}。", outcome.label()));
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct FollowupArgs {
    #[command(subcommand)]
    action: FollowupAction,
}

#[derive(Subcommand)]
enum FollowupAction {
    /// 添加跟踪服务记录
    Add {
        /// 项目编号
        #[arg(long)]
        entry: String,
        /// 日期（2026-10-08）
        #[arg(long)]
        date: String,
        /// contact（联系回访）| service（服务）| financing（融资）| matching（对接活动）| policy（政策服务）| note（备注）
        #[arg(long)]
        kind: String,
        /// 内容
        #[arg(long)]
        note: String,
        /// 金额（万元）：融资需求或已融资金额
        #[arg(long)]
        amount: Option<f64>,
        /// 下次联系日期
        #[arg(long)]
        next: Option<String>,
    },
    /// 列出跟踪记录；--overdue 只列出已过下次联系日期的项目
    List {
        #[arg(long)]
        entry: Option<String>,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// 标记成长快（fast）或潜力大（potential）的项目并写明理由；--clear 取消标记
    Flag {
        #[arg(long)]
        entry: String,
        #[arg(long, required_unless_present = "clear")]
        kind: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        clear: bool,
    },
}

pub fn run_followup(store: &mut Store, args: FollowupArgs) -> Result<(), CoreError> {
    match args.action {
        FollowupAction::Add { entry, date, kind, note, amount, next } => {
            let kind = FollowUpKind::parse(&kind)?;
            let input = FollowUpInput { entry: &entry, date: &date, kind, note: &note, amount_wan: amount, next_due: next.as_deref() };
            let id = act::add_followup(store, &input, now())?;
            out(&format!("已添加跟踪记录 {id}（项目 {}）。", entry.trim()));
        }
        FollowupAction::List { entry, overdue, json: as_json } => {
            let today = overdue.then(|| now().with_timezone(&beijing()).date_naive());
            let list = season::followups(store, entry.as_deref(), today)?;
            if as_json {
                // SPEC §12's shape: [{id, entry, date, kind, note, amount_wan, next_due}].
                let v: Vec<serde_json::Value> = list
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "id": f.id, "entry": f.entry, "date": f.date, "kind": f.kind, "note": f.note,
                            "amount_wan": f.amount_wan, "next_due": f.next_due,
                        })
                    })
                    .collect();
                json(&v)?;
            } else if list.is_empty() {
                out(if overdue { "没有逾期未联系的项目。" } else { "没有跟踪记录。" });
            } else {
                for f in &list {
                    let amount = f.amount_wan.map(|a| format!("\t{a} 万元")).unwrap_or_default();
                    let next = f.next_due.as_ref().map(|d| format!("\t下次联系 {d}")).unwrap_or_default();
                    out(&format!("{}\t{}\t{}\t{}\t{}{amount}{next}", f.id, f.entry, f.date, f.kind.label(), f.note));
                }
            }
        }
        FollowupAction::Flag { entry, kind, reason, clear } => {
            let flag = if clear { None } else { kind.as_deref() };
            act::set_growth_flag(store, &entry, flag, &reason, now())?;
            out(&match flag {
                Some(_) => format!("已标记项目 {}。", entry.trim()),
                None => format!("已取消项目 {} 的标记。", entry.trim()),
            });
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct ProvincialArgs {
    #[command(subcommand)]
    action: ProvincialAction,
}

#[derive(Subcommand)]
enum ProvincialAction {
    /// 登记推荐项目的省赛结果：一等奖 | 二等奖 | 三等奖 | 优秀奖 | 未获奖 | 推荐国赛
    Set { entry: String, outcome: String },
    /// 推荐省赛的项目及其省赛结果
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run_provincial(store: &mut Store, args: ProvincialArgs) -> Result<(), CoreError> {
    match args.action {
        ProvincialAction::Set { entry, outcome } => {
            let o = ProvincialOutcome::parse(&outcome)?;
            act::set_provincial(store, &entry, o, now())?;
            out(&format!("已登记项目 {} 的省赛结果：{}。", entry.trim(), o.label()));
        }
        ProvincialAction::List { json: as_json } => {
            let rows = season::provincial(store)?;
            if as_json {
                json(&rows)?;
            } else if rows.is_empty() {
                out("推荐省赛名单为空。");
            } else {
                for r in &rows {
                    out(&format!("{}\t{}\t{}\t{}", r.group_label, r.project_no, r.project_name, r.outcome_label.as_deref().unwrap_or("未登记")));
                }
            }
        }
    }
    Ok(())
}
