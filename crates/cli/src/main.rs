//! `saiwu` — every capability of the core, scriptable without a window (SPEC §10).
//! Exit codes: 0 done (an import applied with row problems is done), 2 bad input the user can fix
//! (nothing changed), 1 internal error. Lists print as a top-level JSON array with `--json`.
//! This file is the clap root and the dispatch; each subcommand family lives in `cmd/`.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use saiwu_core::{CoreError, ErrorPayload};

mod cmd;
mod output;

use output::{now, open_store};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Import(cmd::import::ImportArgs),
    /// 列出报名项目（SPEC §11 字段）
    Entries(cmd::entries::ListArgs),
    /// 列出评委（编号稳定，评分引用它）；tokens：手机评分二维码
    Judges(cmd::lan::JudgesArgs),
    /// 资格审查：逐条检查报名项目并给出结论（SPEC §3、§11）
    Check(cmd::check::CheckArgs),
    /// 导出：eligibility | problems | scores-* | ranking-* | awards | publicity | recommendation | units |
    /// certificate-register（xlsx）；publicity-pdf | recommendation-pdf | signoff-pdf（PDF）；--list 列出全部
    Export(cmd::export::ExportArgs),
    /// 获奖名单（SPEC §6、§11）；--freeze 姓名 锁定名单
    Awards(cmd::awards::AwardsArgs),
    /// 最近一次导入的问题清单
    Problems(cmd::import::ProblemsArgs),
    /// 赛事设置
    Settings(cmd::settings::SettingsArgs),
    /// 评分表：import（导入评分 xlsx）| export（导出评分表 xlsx，已录入的分数预先填好）
    Scores(cmd::scores::ScoresArgs),
    /// 某一轮的排名（SPEC §5、§11）
    Ranking(cmd::judging::RankingArgs),
    /// 晋级：上一轮各组前 N 名进入复赛或决赛（--round semifinal|final；并列跨线时列出待决定，不自动取舍）
    Advance(cmd::judging::AdvanceArgs),
    /// 评审组：列出；--auto 时按组别自动建立（每组一个评审组，含全部在用评委）
    Panels(cmd::judging::PanelsArgs),
    /// 回避：列出；--suggest 时根据评委单位与参赛主体、知识产权人、推荐单位及团队成员自动提示
    Conflicts(cmd::judging::ConflictsArgs),
    /// 荣誉证书：为获奖项目和优秀组织单位颁发证书（编号按组别连续、作废不复用），写出
    /// 证书-全部.pdf、每张证书一个 PDF（以编号命名）和 证书登记表.xlsx
    Certificates(cmd::certificates::CertificatesArgs),
    /// 备份：不带 --out 时在赛事文件旁的 backups/ 中留一份手动备份；带 --out 时把整个赛事导出为一个文件
    Backup(cmd::backup::BackupArgs),
    /// 列出本赛事的备份（新的在前；导入、撤销、锁定获奖结果、恢复等操作前自动备份）
    Backups(cmd::backup::BackupsArgs),
    /// 从备份（或导出的赛事文件）恢复整个赛事；恢复前先备份当前状态，可再恢复回来
    Restore(cmd::backup::RestoreArgs),
    /// 审计日志：verify 校验哈希链，并核对评分、决定、获奖、证书编号等是否都是经本软件写入的
    Audit(cmd::audit::AuditArgs),
    /// 路演顺序抽签（记录随机种子，同一种子可复现）
    Draw(cmd::judging::DrawArgs),
    /// 公示异议：add（登记）| list（列出）| close（办结，可同时取消资格）
    Objections(cmd::season::ObjectionsArgs),
    /// 跟踪服务（至 12 月 31 日）：add | list [--overdue] | flag（成长快/潜力大）
    Followup(cmd::season::FollowupArgs),
    /// 省赛结果：set 项目编号 结果 | list
    Provincial(cmd::season::ProvincialArgs),
    /// 操作手册：把 docs/manual 的各章（含截图）排成一个 PDF，不打开赛事文件
    Manual(cmd::manual::ManualArgs),
    /// 通知书：--kind advance（入围通知）| finalist（决赛通知）| award（获奖通知），写出每份一个 PDF、
    /// 全部通知一个 PDF 和联系名单 xlsx，编号重印不变
    Letters(cmd::letters::LettersArgs),
    /// 手机评分服务：在会场网络上为某一轮开放评分（评委扫码用手机打分），直到该轮结束或 Ctrl-C
    Serve(cmd::lan::ServeArgs),
    /// 轮次：close 结束某一轮的手机评分（二维码失效）
    Round(cmd::lan::RoundArgs),
    /// 赛季：new --from 本届文件 --db 新文件（新建下一届赛事）| confirm --by 姓名（已核对顺延的设置）
    Season(cmd::season_new::SeasonArgs),
}

fn run(cli: Cli) -> Result<(), CoreError> {
    if let Command::Export(a) = &cli.command {
        if a.is_list() {
            return cmd::export::list(a);
        }
    }
    // The manual opens no contest; `season new` opens its two files itself (`--db` is the file it creates).
    let command = match cli.command {
        Command::Manual(a) => return cmd::manual::run(a),
        Command::Season(a) if a.is_new() => return cmd::season_new::run_new(cli.db, cli.data_dir, a),
        c => c,
    };
    let mut store = open_store(cli.db, cli.data_dir)?;
    match command {
        Command::Import(a) => cmd::import::run(&mut store, a)?,
        Command::Entries(a) => cmd::entries::run_entries(&store, a)?,
        Command::Judges(a) => cmd::lan::run_judges(&mut store, a)?,
        Command::Check(a) => cmd::check::run(&store, a)?,
        Command::Export(a) => cmd::export::run(&store, a)?,
        Command::Awards(a) => cmd::awards::run(&mut store, a)?,
        Command::Problems(a) => cmd::import::run_problems(&store, a)?,
        Command::Settings(a) => cmd::settings::run(&mut store, a)?,
        Command::Scores(a) => cmd::scores::run(&mut store, a)?,
        Command::Ranking(a) => cmd::judging::run_ranking(&store, a)?,
        Command::Advance(a) => cmd::judging::run_advance(&mut store, a)?,
        Command::Panels(a) => cmd::judging::run_panels(&mut store, a)?,
        Command::Conflicts(a) => cmd::judging::run_conflicts(&mut store, a)?,
        Command::Certificates(a) => cmd::certificates::run(&mut store, a)?,
        Command::Backup(a) => cmd::backup::run_backup(&store, a)?,
        Command::Backups(a) => cmd::backup::run_backups(&store, a)?,
        Command::Restore(a) => cmd::backup::run_restore(&mut store, a)?,
        Command::Audit(a) => cmd::audit::run(&store, a)?,
        Command::Draw(a) => cmd::judging::run_draw(&mut store, a)?,
        Command::Objections(a) => cmd::season::run_objections(&mut store, a)?,
        Command::Followup(a) => cmd::season::run_followup(&mut store, a)?,
        Command::Provincial(a) => cmd::season::run_provincial(&mut store, a)?,
        Command::Manual(_) => {}
        Command::Letters(a) => cmd::letters::run(&mut store, a)?,
        Command::Serve(a) => cmd::lan::run_serve(&mut store, a)?,
        Command::Round(a) => cmd::lan::run_round(&mut store, a)?,
        Command::Season(a) => cmd::season_new::run(&mut store, a)?,
    }
    // The chain head kept outside the contest file follows every change (cheap when nothing changed).
    saiwu_core::actions::audit::keep_head(&store, now())?;
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
