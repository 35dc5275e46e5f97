//! `saiwu` — every capability of the core, scriptable without a window (SPEC §10).
//! Exit codes: 0 done (an import applied with row problems is done), 2 bad input the user can fix
//! (nothing changed), 1 internal error. Lists print as a top-level JSON array with `--json`.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::rules::Outcome;
use saiwu_core::store::{audit, backups};
use saiwu_core::{entries, export, judging, screening, settings, CoreError, ErrorPayload, Store};

#[derive(Parser)]
#[command(name = "saiwu", version, about = "创客大赛秘书处 命令行工具：导入报名表、查看报名项目、修改赛事设置")]
struct Cli {
    /// 赛事文件（SQLite）；默认与桌面程序相同：系统数据目录下 com.saiwu.desk/contest.sqlite
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// 数据文件夹（默认系统数据目录下 com.saiwu.desk）：默认赛事文件 contest.sqlite 与本机记录的审计链（audit-heads/）都在这里
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
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
    /// 导出：eligibility | problems | scores-* | ranking-* | awards | publicity | recommendation | units
    /// （xlsx）；publicity-pdf | recommendation-pdf | signoff-pdf（PDF）
    Export {
        kind: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 获奖名单（SPEC §6、§11）；--freeze 姓名 锁定名单
    Awards {
        #[arg(long)]
        json: bool,
        /// 锁定获奖名单（填写锁定人）；锁定后只能以更正记录修改
        #[arg(long)]
        freeze: Option<String>,
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
    /// 评分表：import（导入评分 xlsx）| export（导出评分表 xlsx，已录入的分数预先填好）
    Scores {
        #[command(subcommand)]
        action: ScoresAction,
    },
    /// 某一轮的排名（SPEC §5、§11）
    Ranking {
        /// preliminary（初赛）| final（决赛）
        #[arg(long)]
        round: String,
        #[arg(long)]
        json: bool,
    },
    /// 晋级：初赛各组前 N 名进入决赛（并列跨线时列出待决定，不自动取舍）
    Advance {
        /// 只能是 final
        #[arg(long, default_value = "final")]
        round: String,
        /// 每组晋级数（默认取设置 final_top_n）
        #[arg(long)]
        top: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// 评审组：列出；--auto 时按组别自动建立（每组一个评审组，含全部在用评委）
    Panels {
        #[arg(long)]
        round: String,
        #[arg(long)]
        auto: bool,
        #[arg(long)]
        json: bool,
    },
    /// 回避：列出；--suggest 时根据评委单位与参赛主体、知识产权人、推荐单位及团队成员自动提示
    Conflicts {
        #[arg(long)]
        round: String,
        #[arg(long)]
        suggest: bool,
        #[arg(long)]
        json: bool,
    },
    /// 荣誉证书：为获奖项目和优秀组织单位颁发证书（编号按组别连续、作废不复用），写出
    /// 证书-全部.pdf、每张证书一个 PDF（以编号命名）和 证书登记表.xlsx
    Certificates {
        #[arg(long)]
        out: PathBuf,
        /// 证书落款日期，如 2026-11-28（默认今天）
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 备份：不带 --out 时在赛事文件旁的 backups/ 中留一份手动备份；带 --out 时把整个赛事导出为一个文件
    Backup {
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 列出本赛事的备份（新的在前；导入、撤销、锁定获奖结果、恢复等操作前自动备份）
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// 从备份（或导出的赛事文件）恢复整个赛事；恢复前先备份当前状态，可再恢复回来
    Restore {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 审计日志：verify 校验哈希链，并核对评分、决定、获奖、证书编号等是否都是经本软件写入的
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// 路演顺序抽签（记录随机种子，同一种子可复现）
    Draw {
        #[arg(long)]
        round: String,
        /// enterprise（企业组）| startup（创业组）
        #[arg(long)]
        group: String,
        /// 随机种子（不填则随机产生并记录）
        #[arg(long)]
        seed: Option<u64>,
        /// 同时写出打印用出场顺序表（PDF）
        #[arg(long)]
        pdf: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// 校验审计日志（未通过时退出码 2，并列出每处问题）；同时与本机记录的审计链核对
    Verify {
        /// 核对评分汇总表上打印的审计链（至少前 16 位十六进制数字）
        #[arg(long)]
        head: Option<String>,
        #[arg(long)]
        json: bool,
    },
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

/// The contest (`--db`, else `contest.sqlite` in the data folder), keeping its audit head in the data folder.
fn open_store(db: Option<PathBuf>, data_dir: Option<PathBuf>) -> Result<Store, CoreError> {
    let data_dir = match data_dir {
        Some(d) => d,
        None => saiwu_core::store::default_data_dir()?,
    };
    let path = db.unwrap_or_else(|| saiwu_core::store::default_contest_in(&data_dir));
    Ok(Store::open(&path)?.with_data_dir(data_dir))
}

fn run(cli: Cli) -> Result<(), CoreError> {
    let mut store = open_store(cli.db, cli.data_dir)?;
    match cli.command {
        Command::Import { what: ImportWhat::Entries { file, sheet, profile, json: as_json, progress } } => {
            let req = ApplyRequest { path: file, sheet, mapping: None, profile, save_profile: None };
            // Each stage as it starts, unbuffered: long imports show they are alive, and the crash test kills on them.
            let mut report = |p: import::Progress| {
                if progress {
                    eprintln!("进度：{} {}/{}", p.stage, p.done, p.total);
                }
            };
            let result = import::apply(&mut store, &req, now(), &mut report)?;
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
            "awards" => {
                let n = saiwu_core::awards::awards_xlsx(&store, &path)?;
                out(&format!("已导出获奖名单：{}（{n} 项）", path.display()));
            }
            "publicity" => {
                let n = saiwu_core::awards::publicity_xlsx(&store, &path)?;
                out(&format!("已导出公示名单：{}（{n} 项）", path.display()));
            }
            "recommendation" => {
                let n = saiwu_core::awards::recommendation_xlsx(&store, &path)?;
                out(&format!("已导出推荐参加省赛项目表：{}（{n} 项）", path.display()));
            }
            "units" => {
                let n = saiwu_core::awards::units_xlsx(&store, &path)?;
                out(&format!("已导出组织单位统计：{}（{n} 个单位）", path.display()));
            }
            "ranking-preliminary" | "ranking-final" => {
                let round = if kind == "ranking-final" { judging::Round::Final } else { judging::Round::Preliminary };
                let n = judging::ranking_xlsx(&store, round, &path)?;
                out(&format!("已导出{}排名：{}（{n} 个项目）", round.label(), path.display()));
            }
            "scores-preliminary" | "scores-final" => {
                let round = if kind == "scores-final" { judging::Round::Final } else { judging::Round::Preliminary };
                let n = judging::export_score_workbook(&store, round, &path)?;
                out(&format!("已导出{}评分明细：{}（{n} 行）", round.label(), path.display()));
            }
            "publicity-pdf" | "recommendation-pdf" | "signoff-pdf" => {
                let bytes = match kind.as_str() {
                    "publicity-pdf" => saiwu_core::awards::publicity_pdf(&store)?,
                    "recommendation-pdf" => saiwu_core::awards::recommendation_pdf(&store)?,
                    _ => saiwu_core::awards::signoff_pdf(&store)?,
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
        },
        Command::Awards { json: as_json, freeze } => {
            if let Some(who) = freeze {
                let h = saiwu_core::awards::freeze(&mut store, &who, now())?;
                out(&format!("获奖名单已锁定，校验值 {h}。"));
            }
            let list = saiwu_core::awards::awards(&store)?;
            if as_json {
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
        }
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
        Command::Scores { action: ScoresAction::Import { file, round, by, json: as_json } } => {
            let round = judging::Round::parse(&round)?;
            let r = judging::import_scores(&mut store, round, &file, &by, now())?;
            if as_json {
                json(&r)?;
            } else {
                out(&format!("已导入{}评分表“{}”：{} 行（其中回避 {}），更新 {} 个分数，{} 个未变。", round.label(), r.file, r.rows, r.recusals, r.written, r.unchanged));
            }
        }
        Command::Scores { action: ScoresAction::Export { round, out: path } } => {
            let round = judging::Round::parse(&round)?;
            let n = judging::export_score_workbook(&store, round, &path)?;
            out(&format!("已写出{}评分表 {}（{n} 行）。", round.label(), path.display()));
        }
        Command::Scores { action: ScoresAction::Sheets { round, out: dir } } => {
            let round = judging::Round::parse(&round)?;
            std::fs::create_dir_all(&dir)?;
            for (stem, doc) in judging::score_sheet_docs(&store, round)? {
                if doc.judges.is_empty() || doc.groups.is_empty() {
                    out(&format!("跳过“{}”：没有评委或项目。", doc.panel_name));
                    continue;
                }
                let path = dir.join(format!("{stem}.pdf"));
                std::fs::write(&path, saiwu_core::pdf::score_sheet(&doc)?)?;
                out(&format!("已写出 {}", path.display()));
            }
        }
        Command::Ranking { round, json: as_json } => {
            let round = judging::Round::parse(&round)?;
            let groups = judging::ranking(&store, round)?;
            if as_json {
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
                            e.rank.map(|r| format!("第{r}名")).unwrap_or_else(|| if e.complete { "无有效分".into() } else { format!("评分未完成 {}/{}", e.judges_done, e.judges_expected) }),
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
        }
        Command::Advance { round, top, json: as_json } => {
            if judging::Round::parse(&round)? != judging::Round::Final {
                return Err(CoreError::Invalid("晋级只能进入决赛：--round final。".into()));
            }
            let top = match top {
                Some(n) => n,
                None => settings::load(&store)?.final_top_n as usize,
            };
            let r = judging::advance(&mut store, top, "命令行", now())?;
            if as_json {
                json(&r)?;
            } else {
                for g in &r.groups {
                    out(&format!("{}：{}", g.label, g.summary));
                }
                if r.manual_kept > 0 {
                    out(&format!("保留了 {} 条人工调整。", r.manual_kept));
                }
            }
        }
        Command::Panels { round, auto, json: as_json } => {
            let round = judging::Round::parse(&round)?;
            let list = if auto { judging::auto_panels(&mut store, round, now())? } else { judging::panels(&store, round)? };
            if as_json {
                json(&list)?;
            } else {
                for p in &list {
                    out(&format!("{}：评委 {} 人（{}），项目 {} 个", p.name, p.judges.len(), p.judges.iter().map(|j| j.name.as_str()).collect::<Vec<_>>().join("、"), p.entries.len()));
                }
                if list.is_empty() {
                    out("还没有评审组。可用 --auto 按组别自动建立。");
                }
            }
        }
        Command::Conflicts { round, suggest, json: as_json } => {
            let round = judging::Round::parse(&round)?;
            if suggest {
                let n = judging::suggest_conflicts(&mut store, round, now())?;
                if !as_json {
                    out(&format!("新增回避提示 {n} 条。"));
                }
            }
            let list = judging::conflicts(&store, round)?;
            if as_json {
                json(&list)?;
            } else {
                for c in &list {
                    out(&format!("[{}] 评委“{}” × {} {}：{}", c.status, c.judge_name, c.project_no, c.project_name, c.reason));
                }
            }
        }
        Command::Certificates { out: dir, date, json: as_json } => {
            use saiwu_core::certificates;
            let date = match date {
                Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                    .map_err(|_| CoreError::Invalid(format!("日期“{d}”无法识别，请写成 2026-11-28 的形式")))?,
                None => now().date_naive(),
            };
            // The template kept with the contest (the 证书 page edits it); the date given here wins.
            let mut template = certificates::template(&store)?;
            template.date = Some(date);
            let before = certificates::list(&store)?.into_iter().filter(|c| c.voided_at.is_none()).map(|c| c.number).collect::<Vec<_>>();
            let (subjects, waiting) = certificates::subjects(&store)?;
            for c in &waiting {
                out(&format!("注意：{}（{}）团队成员 {} 人，超过 7 人，请先在“证书”页选择印在证书上的核心成员；本次不为其出证。", c.project_no, c.entrant_name, c.members.len()));
            }
            // Said before printing: a character the font lacks prints blank (a rare character in a name).
            let gaps = certificates::glyph_gaps(&subjects, &template)?;
            for g in &gaps {
                eprintln!("注意：{}", g.message);
            }
            let issued = certificates::issue(&mut store, &subjects, &template, now())?;
            let new: Vec<&str> = issued.iter().filter(|c| !before.contains(&c.number)).map(|c| c.number.as_str()).collect();
            let orphans = certificates::orphans(&store, &subjects)?;
            if certificates::list(&store)?.iter().all(|c| c.voided_at.is_some()) {
                return Err(CoreError::Invalid("还没有可以颁发证书的获奖名单：获奖结果确定后再生成证书。".into()));
            }
            let w = certificates::write_all(&mut store, &dir, &template, "命令行", now())?;
            let register = dir.join("证书登记表.xlsx");
            certificates::register_xlsx(&store, &register)?;
            if as_json {
                json(&serde_json::json!({ "written": w, "new_numbers": new, "register": register, "not_in_award_list": orphans.iter().map(|c| &c.number).collect::<Vec<_>>(), "glyph_gaps": gaps }))?;
            } else {
                out(&format!("有效证书 {} 张（本次新编号 {} 张{}）。", w.certificates, new.len(), if new.is_empty() { String::new() } else { format!("：{}", new.join("、")) }));
                out(&format!("已写出 {}（{} 页，{} KB）和单张证书 PDF {} 个到 {}，登记表 {}。", w.batch.display(), w.certificates, w.batch_bytes / 1024, w.files.len(), dir.display(), register.display()));
                if !w.removed.is_empty() {
                    out(&format!("已删除作废证书的旧文件 {} 个。", w.removed.len()));
                }
                for c in &orphans {
                    out(&format!("注意：证书 {}（{} {}）的获奖主体已不在获奖名单中，请核实后作废。", c.number, c.entrant_name, c.prize));
                }
            }
        }
        Command::Backup { out: None, json: as_json } => {
            let b = backups::backup_now(&store, now())?;
            if as_json {
                json(&b)?;
            } else {
                out(&format!("已备份到 {}（{} KB）。", b.path.display(), (b.bytes / 1024).max(1)));
            }
        }
        Command::Backup { out: Some(target), json: as_json } => {
            let bytes = backups::export_contest(&store, &target)?;
            if as_json {
                json(&serde_json::json!({ "path": target, "bytes": bytes }))?;
            } else {
                out(&format!("已把整个赛事导出为 {}（{} KB）：用“打开赛事文件”或 saiwu restore 可取回。", target.display(), bytes / 1024));
            }
        }
        Command::Backups { json: as_json } => {
            let list = backups::list(&store)?;
            if as_json {
                json(&list)?;
            } else if list.is_empty() {
                out("还没有备份。");
            } else {
                let kb = |bytes: u64| format!("{} KB", (bytes / 1024).max(1));
                for b in &list {
                    // Older versions wrote no record: the time shown is the file's.
                    let when = if b.recorded { b.taken_at.clone() } else { format!("{}（文件时间，旧版本备份）", b.taken_at) };
                    out(&format!("{when}\t{}\t{}\t{}", b.reason_label, kb(b.bytes), b.path.display()));
                }
                out(&format!("共 {} 个备份，合计 {}。", list.len(), kb(list.iter().map(|b| b.bytes).sum())));
                out(&format!("保留规则：{}", backups::POLICY));
            }
        }
        Command::Restore { file, json: as_json } => {
            let r = backups::restore(&mut store, &file, now())?;
            if as_json {
                json(&r)?;
            } else {
                out(&format!(
                    "已从 {} 恢复：报名项目 {} 个，评委 {} 位，评分 {} 条，有效证书 {} 张。",
                    r.from.display(),
                    r.summary.entries,
                    r.summary.judges,
                    r.summary.scores,
                    r.summary.certificates
                ));
                out(&format!("恢复前的状态已备份到 {}，需要时可再恢复回来。", r.safety_backup.path.display()));
            }
        }
        Command::Audit { action: AuditAction::Verify { head, json: as_json } } => {
            let r = audit::verify_with_head(&store, head.as_deref())?;
            if as_json {
                json(&r)?;
            } else {
                if r.ok {
                    out(&format!("审计校验通过：日志 {} 条，核对记录 {} 条，没有发现在软件之外的改动。", r.entries, r.rows_checked));
                } else {
                    for p in &r.problems {
                        out(p);
                    }
                }
                for n in &r.notes {
                    out(n);
                }
                out(&format!("审计链：{}（前 16 位）　共 {} 条", r.head.get(..16).unwrap_or(&r.head), r.entries));
            }
            if !r.ok {
                return Err(CoreError::Invalid(format!(
                    "审计校验未通过：{} 处问题。赛事文件在软件之外被改动过，请从改动前的备份恢复（saiwu backups、saiwu restore）。",
                    r.problems.len()
                )));
            }
        }
        Command::Draw { round, group, seed, pdf, json: as_json } => {
            let round = judging::Round::parse(&round)?;
            let seed = seed.unwrap_or_else(rand::random);
            let d = judging::draw(&mut store, round, &group, seed, "命令行", now())?;
            if let Some(path) = pdf {
                std::fs::write(&path, judging::order_sheet_pdf(&store, round, d.id)?)?;
            }
            if as_json {
                json(&d)?;
            } else {
                out(&format!("{}{}路演顺序（抽签种子 {}）：", round.label(), d.group_label, d.seed));
                for e in &d.order {
                    out(&format!("  {}\t{}\t{}", e.position, e.project_no, e.project_name));
                }
            }
        }
    }
    // The chain head kept outside the contest file follows every change (cheap when nothing changed).
    store.persist_audit_head(now())?;
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
