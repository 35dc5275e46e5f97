//! `saiwu` — every capability of the core, scriptable without a window (SPEC §10).
//! Exit codes: 0 done (an import applied with row problems is done), 2 bad input the user can fix
//! (nothing changed), 1 internal error. Lists print as a top-level JSON array with `--json`.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::rules::Outcome;
use saiwu_core::{entries, export, screening, settings, CoreError, ErrorPayload, Store};

#[derive(Parser)]
#[command(name = "saiwu", version, about = "创客大赛秘书处 命令行工具：导入报名表、查看报名项目、修改赛事设置")]
struct Cli {
    /// 赛事文件（SQLite）；默认与桌面程序相同：系统数据目录下 com.saiwu.desk/contest.sqlite
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 导入文件
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// 列出报名项目（SPEC §11 字段）
    Entries {
        #[arg(long)]
        json: bool,
    },
    /// 列出评委（编号稳定，评分引用它）
    Judges {
        #[arg(long)]
        json: bool,
    },
    /// 资格审查：逐条检查报名项目并给出结论（SPEC §3、§11）
    Check {
        #[arg(long)]
        json: bool,
    },
    /// 导出 xlsx：eligibility（资格审查结果）| problems（导入问题清单）
    Export {
        kind: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 最近一次导入的问题清单
    Problems {
        #[arg(long)]
        json: bool,
        /// 写成 xlsx 文件
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 赛事设置
    Settings {
        #[command(subcommand)]
        action: SettingsAction,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// 导入国家平台导出的报名表（.xlsx/.xls/.ods/.csv）
    Entries {
        file: PathBuf,
        /// 指定工作表（默认自动识别）
        #[arg(long)]
        sheet: Option<String>,
        /// 使用已保存的映射方案
        #[arg(long)]
        profile: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 导入参考名单：provincial-winners（近三届省赛获奖名单）| dishonesty（失信名单）|
    /// other-awards（本年度其他市级赛事获奖名单）| recommendations（组织单位推荐名单）|
    /// judges（评委名单：按姓名更新或新增，文件中没有的评委保留）
    Reference {
        kind: String,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 撤销上次导入
    Undo {
        #[arg(long)]
        json: bool,
    },
    /// 列出导入记录
    History {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum SettingsAction {
    /// 查看设置（不写 KEY 时列出全部）
    Get { key: Option<String> },
    /// 修改设置，例如：saiwu settings set reference_date 2026-07-10
    Set { key: String, value: String },
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&saiwu_core::import::cells::beijing())
}

fn out(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{s}");
}

fn json<T: serde::Serialize>(v: &T) -> Result<(), CoreError> {
    let s = serde_json::to_string_pretty(v).map_err(|e| CoreError::Invalid(e.to_string()))?;
    out(&s);
    Ok(())
}

fn open_store(db: Option<PathBuf>) -> Result<Store, CoreError> {
    let path = match db {
        Some(p) => p,
        None => saiwu_core::store::default_store_path()?,
    };
    Store::open(&path)
}

fn run(cli: Cli) -> Result<(), CoreError> {
    let mut store = open_store(cli.db)?;
    match cli.command {
        Command::Import { what: ImportWhat::Entries { file, sheet, profile, json: as_json } } => {
            let req = ApplyRequest { path: file, sheet, mapping: None, profile, save_profile: None };
            let result = import::apply(&mut store, &req, now(), &mut |_| {})?;
            if as_json {
                json(&result)?;
            } else {
                out(&format!(
                    "已导入“{}”（工作表“{}”）：新增 {}，变更 {}，未变 {}，本次缺失 {}，跳过 {} 行，问题 {} 条。",
                    result.file,
                    result.sheet,
                    result.new,
                    result.changed,
                    result.unchanged,
                    result.missing,
                    result.skipped_rows,
                    result.problems.len()
                ));
                for p in result.problems.iter().take(50) {
                    out(&format!(
                        "  {} 第{}行 {}：{}（{}）",
                        p.sheet,
                        p.row.map(|r| r.to_string()).unwrap_or_else(|| "-".into()),
                        p.column.clone().unwrap_or_default(),
                        p.message,
                        p.hint
                    ));
                }
                if result.problems.len() > 50 {
                    out(&format!("  ……另有 {} 条，请用 saiwu problems --out 问题清单.xlsx 导出全部。", result.problems.len() - 50));
                }
            }
        }
        Command::Import { what: ImportWhat::Reference { kind, file, json: as_json } } => {
            let kind = saiwu_core::reference::RefKind::parse(&kind)?;
            let r = saiwu_core::reference::import(&mut store, kind, &file, now())?;
            if as_json {
                json(&r)?;
            } else {
                match (r.added, r.updated, r.unchanged, r.kept) {
                    (Some(a), Some(u), Some(n), Some(k)) => out(&format!(
                        "已导入{}“{}”（工作表“{}”）：新增 {a}，更新 {u}，未变 {n}，文件中没有的 {k} 位评委保留；跳过 {} 行，问题 {} 条。",
                        r.label,
                        r.file,
                        r.sheet,
                        r.skipped_rows,
                        r.problems.len()
                    )),
                    _ => out(&format!("已导入{}“{}”（工作表“{}”）：{} 条（替换原有 {} 条），跳过 {} 行，问题 {} 条。", r.label, r.file, r.sheet, r.rows, r.replaced, r.skipped_rows, r.problems.len())),
                }
                for p in &r.problems {
                    out(&format!("  第{}行 {}：{}（{}）", p.row.unwrap_or(0), p.column.clone().unwrap_or_default(), p.message, p.hint));
                }
            }
        }
        Command::Import { what: ImportWhat::Undo { json: as_json } } => {
            let r = import::undo_last(&mut store, now())?;
            if as_json {
                json(&r)?;
            } else {
                out(&r.message);
            }
        }
        Command::Import { what: ImportWhat::History { json: as_json } } => {
            let list = import::list_imports(&store)?;
            if as_json {
                json(&list)?;
            } else {
                for r in list {
                    out(&format!(
                        "#{} {} {}：新增 {} 变更 {} 未变 {} 缺失 {} 问题 {}{}",
                        r.id,
                        r.imported_at,
                        r.file,
                        r.new,
                        r.changed,
                        r.unchanged,
                        r.missing,
                        r.problems,
                        if r.undone { "（已撤销）" } else { "" }
                    ));
                }
            }
        }
        Command::Judges { json: as_json } => {
            let list = saiwu_core::judges::list(&store)?;
            if as_json {
                json(&list)?;
            } else {
                for j in &list {
                    out(&format!(
                        "{}\t{}\t{}\t{}\t{}\t{}{}",
                        j.id,
                        j.name,
                        j.organization.clone().unwrap_or_default(),
                        j.title.clone().unwrap_or_default(),
                        j.expertise.clone().unwrap_or_default(),
                        j.phone.clone().unwrap_or_default(),
                        if j.active { "" } else { "\t（停用）" }
                    ));
                }
                out(&format!("共 {} 位评委。", list.len()));
            }
        }
        Command::Entries { json: as_json } => {
            let list = entries::list(&store)?;
            if as_json {
                json(&list)?;
            } else {
                for e in &list {
                    out(&format!(
                        "{}\t{}\t{}\t{}",
                        e.project_no.clone().unwrap_or_default(),
                        e.group.map(|g| g.name()).unwrap_or("组别未知"),
                        e.project_name.clone().unwrap_or_default(),
                        e.entrant_name.clone().unwrap_or_default()
                    ));
                }
                out(&format!("共 {} 个报名项目。", list.len()));
            }
        }
        Command::Check { json: as_json } => {
            let verdicts = screening::check(&store)?;
            if as_json {
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
        }
        Command::Export { kind, out: path } => match kind.as_str() {
            "eligibility" => {
                let verdicts = screening::check(&store)?;
                export::eligibility_xlsx(&verdicts, &screening::unchecked_summary(&verdicts), &path)?;
                out(&format!("已导出资格审查结果：{}（{} 个项目）", path.display(), verdicts.len()));
            }
            "problems" => {
                let list = import::problems(&store, None)?;
                export::problems_xlsx(&list, &path)?;
                out(&format!("已导出问题清单：{}（{} 条）", path.display(), list.len()));
            }
            other => return Err(CoreError::Invalid(format!("未知的导出类型“{other}”。可用：eligibility（资格审查结果）、problems（导入问题清单）。"))),
        },
        Command::Problems { json: as_json, out: file } => {
            let list = import::problems(&store, None)?;
            if let Some(path) = file {
                export::problems_xlsx(&list, &path)?;
                out(&format!("已写出问题清单：{}（{} 条）", path.display(), list.len()));
            } else if as_json {
                json(&list)?;
            } else {
                for p in &list {
                    out(&format!("{} {} 第{}行 {}：{}", p.file, p.sheet, p.row.unwrap_or(0), p.column.clone().unwrap_or_default(), p.message));
                }
            }
        }
        Command::Settings { action: SettingsAction::Get { key } } => {
            let v = settings::get(&store, key.as_deref())?;
            match v {
                serde_json::Value::String(s) => out(&s),
                other => json(&other)?,
            }
        }
        Command::Settings { action: SettingsAction::Set { key, value } } => {
            settings::set(&mut store, &key, &value, now())?;
            out(&format!("已设置 {key}。"));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let p = ErrorPayload::from(&e);
            let _ = writeln!(std::io::stderr(), "错误（{}）：{}", p.code, p.message);
            if e.is_user_error() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
