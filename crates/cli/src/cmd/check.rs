//! `saiwu check`: screening every entry (SPEC §3, §11).
use clap::Args;
use saiwu_core::rules::Outcome;
use saiwu_core::{screening, CoreError, Store};

use crate::output::{json, out};

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: CheckArgs) -> Result<(), CoreError> {
    let verdicts = screening::check(store)?;
    if args.json {
        // SPEC §11 verdict shape, a top-level array.
        let list: Vec<serde_json::Value> = verdicts
            .iter()
            .map(|v| {
                serde_json::json!({
                    "project_no": v.project_no,
                    "verdict": v.verdict,
                    "auto_verdict": v.auto_verdict,
                    "decided_by_person": v.decided_by_person,
                    "needs_reconfirmation": v.needs_reconfirmation,
                    "findings": v.findings,
                })
            })
            .collect();
        json(&list)?;
    } else {
        for v in &verdicts {
            let notes: Vec<String> = v
                .findings
                .iter()
                .filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Review | Outcome::Warn))
                .map(|f| format!("{} {}", f.rule, f.message))
                .collect();
            out(&format!("{}\t{}\t{}", v.project_no.clone().unwrap_or_default(), v.verdict.label(), notes.join("；")));
        }
        let count = |x| verdicts.iter().filter(|v| v.verdict == x).count();
        out(&format!(
            "共 {} 个项目：符合 {}，不符合 {}，待人工审核 {}。",
            verdicts.len(),
            count(saiwu_core::rules::Verdict::Eligible),
            count(saiwu_core::rules::Verdict::Ineligible),
            count(saiwu_core::rules::Verdict::Review)
        ));
        for w in screening::unchecked_summary(&verdicts) {
            out(&format!("注意：{w}"));
        }
    }
    Ok(())
}
