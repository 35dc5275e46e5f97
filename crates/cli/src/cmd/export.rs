//! `saiwu export KIND --out FILE [--round R]` and `saiwu export --list [--json]`: every kind comes from the
//! core's export registry (the same list the window's 导出 page shows).
use std::path::PathBuf;

use clap::Args;
use saiwu_core::export::registry;
use saiwu_core::{CoreError, Store};

use crate::output::{json, out};

#[derive(Args)]
pub struct ExportArgs {
    /// 导出类型（saiwu export --list 列出全部）
    #[arg(required_unless_present = "list")]
    kind: Option<String>,
    #[arg(long, required_unless_present = "list")]
    out: Option<PathBuf>,
    /// 轮次：preliminary（初赛）| semifinal（复赛，启用时）| final（决赛），只用于需要轮次的类型（scores、ranking）
    #[arg(long)]
    round: Option<String>,
    /// 列出全部导出类型（不打开赛事文件）
    #[arg(long, conflicts_with_all = ["kind", "out", "round"])]
    list: bool,
    /// 与 --list 一起使用：以 JSON 数组输出
    #[arg(long, requires = "list")]
    json: bool,
}

impl ExportArgs {
    /// `--list` reads only the registry: no contest file is opened (or created).
    pub fn is_list(&self) -> bool {
        self.list
    }
}

pub fn list(args: &ExportArgs) -> Result<(), CoreError> {
    let kinds = registry::kinds();
    if args.json {
        // Top-level array, the fields scripts need (SPEC §10: lists print as a JSON array).
        let v: Vec<serde_json::Value> = kinds
            .iter()
            .map(|k| {
                serde_json::json!({
                    "kind": k.kind,
                    "title": k.title,
                    "format": k.format,
                    "personal": k.personal,
                    "needs_round": k.needs_round(),
                })
            })
            .collect();
        json(&v)?;
    } else {
        for k in kinds {
            let mut notes = vec![k.format.extension()];
            if k.needs_round() {
                notes.push("需 --round");
            }
            if k.personal {
                notes.push("含个人信息");
            }
            out(&format!("{}\t{}\t{}", k.kind, k.title, notes.join("，")));
        }
        out(&format!("共 {} 种导出。", kinds.len()));
    }
    Ok(())
}

pub fn run(store: &Store, args: ExportArgs) -> Result<(), CoreError> {
    // clap requires both unless --list, and --list is handled before the store is opened.
    let (Some(kind), Some(path)) = (args.kind, args.out) else {
        return list(&ExportArgs { kind: None, out: None, round: None, list: true, json: args.json });
    };
    let round = args.round.as_deref().map(|r| saiwu_core::judging::round_in_force(store, r)).transpose()?;
    // SPEC §12: `summary --out X.pdf` writes the PDF.
    let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let kind = if kind.trim() == "summary" && is_pdf { "summary-pdf".to_string() } else { kind };
    let done = registry::run(store, &kind, &path, round)?;
    out(&done.message);
    Ok(())
}
