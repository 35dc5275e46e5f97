//! `saiwu import …` (entries, reference lists, undo, history) and `saiwu problems`.
use std::path::PathBuf;

use clap::{Args, Subcommand};
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::{actions, export, CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    what: ImportWhat,
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
        /// 在标准错误输出上逐行报告进度（“进度：阶段 已完成/总数”）
        #[arg(long)]
        progress: bool,
    },
    /// 导入参考名单：provincial-winners（近三届省赛获奖名单）| dishonesty（失信名单）|
    /// other-awards（本年度其他市级赛事获奖名单）| recommendations（组织单位推荐名单）|
    /// judges（评委名单：按姓名更新或新增，文件中没有的评委保留）。默认替换该名单原有的内容
    Reference {
        kind: String,
        file: PathBuf,
        /// 追加到原有名单：原有的行保留，名单中已有的行不重复添加（评委名单不适用）
        #[arg(long)]
        append: bool,
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

pub fn run(store: &mut Store, args: ImportArgs) -> Result<(), CoreError> {
    match args.what {
        ImportWhat::Entries { file, sheet, profile, json: as_json, progress } => {
            let req = ApplyRequest { path: file, sheet, mapping: None, profile, save_profile: None };
            // Each stage as it starts, unbuffered: long imports show they are alive, and the crash test kills on them.
            let mut report = |p: import::Progress| {
                if progress {
                    eprintln!("进度：{} {}/{}", p.stage, p.done, p.total);
                }
            };
            let result = actions::import::apply(store, &req, now(), &mut report)?;
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
        ImportWhat::Reference { kind, file, append, json: as_json } => {
            let kind = saiwu_core::reference::RefKind::parse(&kind)?;
            let options = saiwu_core::reference::RefImportOptions { append, ..Default::default() };
            let r = saiwu_core::actions::reference::import_with(store, kind, &file, &options, now())?;
            if as_json {
                json(&r)?;
            } else if r.appended {
                out(&format!(
                    "已追加到{}“{}”（工作表“{}”）：新增 {} 条，{} 条名单中已有、未重复添加，原有 {} 条保留；跳过 {} 行，问题 {} 条。",
                    r.label,
                    r.file,
                    r.sheet,
                    r.added.unwrap_or(0),
                    r.unchanged.unwrap_or(0),
                    r.kept.unwrap_or(0),
                    r.skipped_rows,
                    r.problems.len()
                ));
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
                    _ => out(&format!(
                        "已导入{}“{}”（工作表“{}”）：{} 条（替换原有 {} 条），跳过 {} 行，问题 {} 条。",
                        r.label,
                        r.file,
                        r.sheet,
                        r.rows,
                        r.replaced,
                        r.skipped_rows,
                        r.problems.len()
                    )),
                }
                for p in &r.problems {
                    out(&format!("  第{}行 {}：{}（{}）", p.row.unwrap_or(0), p.column.clone().unwrap_or_default(), p.message, p.hint));
                }
            }
        }
        ImportWhat::Undo { json: as_json } => {
            let r = actions::import::undo_last(store, now())?;
            if as_json {
                json(&r)?;
            } else {
                out(&r.message);
            }
        }
        ImportWhat::History { json: as_json } => {
            let list = import::list_imports(store)?;
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
    }
    Ok(())
}

#[derive(Args)]
pub struct ProblemsArgs {
    #[arg(long)]
    json: bool,
    /// 写成 xlsx 文件
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run_problems(store: &Store, args: ProblemsArgs) -> Result<(), CoreError> {
    let list = import::problems(store, None)?;
    if let Some(path) = args.out {
        export::problems_xlsx(&list, &path)?;
        out(&format!("已写出问题清单：{}（{} 条）", path.display(), list.len()));
    } else if args.json {
        json(&list)?;
    } else {
        for p in &list {
            out(&format!("{} {} 第{}行 {}：{}", p.file, p.sheet, p.row.unwrap_or(0), p.column.clone().unwrap_or_default(), p.message));
        }
    }
    Ok(())
}
