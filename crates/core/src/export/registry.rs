//! The one list of exports (SPEC §8, §10): each kind with its stable CLI name, its Chinese title, its format,
//! whether it carries full personal data, the round it needs, and the writer it points at. The CLI
//! (`saiwu export`), the desktop commands (`export_kinds`, `export_run`) and the 导出 page all read this list,
//! so a new export is added here once. The writers stay in their own modules; this only points at them.
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::model::Round;
use crate::store::Store;
use crate::{awards, certificates, import, judging, screening, season};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Xlsx,
    Pdf,
}

impl FileFormat {
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Xlsx => "xlsx",
            FileFormat::Pdf => "pdf",
        }
    }
}

/// How a kind relates to the rounds: most are whole-contest lists; `ranking-final` is bound to its round;
/// `ranking` takes the round from the caller (`--round`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundUse {
    None,
    Fixed(Round),
    Needed,
}

/// Writes the file at `path` and returns how many rows/items it holds (PDFs: 0, not reported).
type Writer = fn(&Store, Option<Round>, &Path) -> Result<usize>;

pub struct ExportKind {
    /// The CLI name; stable (scripts and the window's test ids use it).
    pub kind: &'static str,
    pub title: &'static str,
    pub format: FileFormat,
    /// Carries full personal data (a leader's complete phone number …): for the secretariat and the
    /// provincial channel only. Public lists never do.
    pub personal: bool,
    /// Suggested file name in a save dialog.
    pub file_name: &'static str,
    /// Who it is for and what is in it (the 导出 page's card).
    pub description: &'static str,
    /// What personal data it holds, in one sentence.
    pub personal_note: &'static str,
    pub round: RoundUse,
    /// What the done message names ("已导出{noun}：…"); for round kinds the round's label goes in front.
    noun: &'static str,
    /// The unit of the count in the done message; None for PDFs ("已写出 …").
    unit: Option<&'static str>,
    write: Writer,
}

impl ExportKind {
    pub fn needs_round(&self) -> bool {
        self.round == RoundUse::Needed
    }

    pub fn info(&self) -> ExportKindInfo {
        ExportKindInfo {
            kind: self.kind,
            title: self.title,
            format: self.format,
            personal: self.personal,
            needs_round: self.needs_round(),
            file_name: self.file_name,
            description: self.description,
            personal_note: self.personal_note,
        }
    }

    /// The round to write for, from the one the caller gave: refused when a round is missing, or given to a
    /// kind that has none or another one.
    fn resolve_round(&self, given: Option<Round>) -> Result<Option<Round>> {
        match (self.round, given) {
            (RoundUse::None, None) => Ok(None),
            (RoundUse::None, Some(_)) => {
                Err(CoreError::validation(Some("round"), format!("导出“{}”（{}）不分轮次，请不要指定轮次（--round）。", self.kind, self.title)))
            }
            (RoundUse::Fixed(r), None) => Ok(Some(r)),
            (RoundUse::Fixed(r), Some(g)) if g == r => Ok(Some(r)),
            (RoundUse::Fixed(r), Some(g)) => Err(CoreError::validation(
                Some("round"),
                format!(
                    "导出“{}”（{}）只用于{}，与指定的轮次“{}”不符：请去掉 --round，或改用不带轮次的类型并指定轮次。",
                    self.kind,
                    self.title,
                    r.label(),
                    g.label()
                ),
            )),
            (RoundUse::Needed, Some(g)) => Ok(Some(g)),
            (RoundUse::Needed, None) => Err(CoreError::validation(
                Some("round"),
                format!("导出“{}”（{}）需要指定轮次：--round preliminary（初赛）、semifinal（复赛）或 final（决赛）。", self.kind, self.title),
            )),
        }
    }
}

/// A kind as the CLI's `export --list --json` and the window see it.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ExportKindInfo {
    pub kind: &'static str,
    pub title: &'static str,
    pub format: FileFormat,
    pub personal: bool,
    pub needs_round: bool,
    pub file_name: &'static str,
    pub description: &'static str,
    pub personal_note: &'static str,
}

/// What one export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDone {
    pub kind: &'static str,
    pub path: PathBuf,
    /// Rows or items written (None for PDFs).
    pub count: Option<usize>,
    /// The Chinese line the CLI prints, e.g. “已导出获奖名单：/tmp/a.xlsx（5 项）”.
    pub message: String,
}

const PUBLIC: &str = "不含个人信息。";
const JUDGE_NAMES: &str = "含评委姓名，不含联系方式。";
const SCORES_DESC: &str = "供秘书处存档和复核：每位评委对每个项目的各项评分（回避注明“回避”），也可作为评分表填写后导入。";
const RANKING_DESC: &str = "每组一个工作表：名次、得分（两位小数和精确值）、有效评委、回避和去掉的评分、并列说明。";

static KINDS: &[ExportKind] = &[
    ExportKind {
        kind: "eligibility",
        title: "资格审查结果",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "资格审查结果.xlsx",
        description: "供秘书处和组委会核对：每个项目的审查结论、人工决定的理由和审核人，以及逐条规则的审查明细。",
        personal_note: "不含证件号和手机号（说明中出现的已隐去）；含审核人姓名。",
        round: RoundUse::None,
        noun: "资格审查结果",
        unit: Some("个项目"),
        write: write_eligibility,
    },
    ExportKind {
        kind: "problems",
        title: "导入问题清单",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "导入问题清单.xlsx",
        description: "供秘书处联系报名单位补正：最近一次报名导入发现的问题，含所在行列和处理建议。",
        personal_note: "不含证件号和手机号（已隐去）。",
        round: RoundUse::None,
        noun: "问题清单",
        unit: Some("条"),
        write: write_problems,
    },
    ExportKind {
        kind: "scores-preliminary",
        title: "初赛评分明细",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "初赛评分明细.xlsx",
        description: SCORES_DESC,
        personal_note: JUDGE_NAMES,
        round: RoundUse::Fixed(Round::Preliminary),
        noun: "评分明细",
        unit: Some("行"),
        write: write_scores,
    },
    // The 复赛's kinds: written only while it is held (rounds.semifinal); the 导出 page shows them then.
    ExportKind {
        kind: "scores-semifinal",
        title: "复赛评分明细",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "复赛评分明细.xlsx",
        description: "供秘书处存档和复核：复赛每位评委对每个项目的各项评分（回避注明“回避”）。",
        personal_note: JUDGE_NAMES,
        round: RoundUse::Fixed(Round::Semifinal),
        noun: "评分明细",
        unit: Some("行"),
        write: write_scores,
    },
    ExportKind {
        kind: "scores-final",
        title: "决赛评分明细",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "决赛评分明细.xlsx",
        description: "供秘书处存档和复核：决赛每位评委对每个项目的各项评分（回避注明“回避”）。",
        personal_note: JUDGE_NAMES,
        round: RoundUse::Fixed(Round::Final),
        noun: "评分明细",
        unit: Some("行"),
        write: write_scores,
    },
    ExportKind {
        kind: "ranking-preliminary",
        title: "初赛排名",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "初赛排名.xlsx",
        description: RANKING_DESC,
        personal_note: PUBLIC,
        round: RoundUse::Fixed(Round::Preliminary),
        noun: "排名",
        unit: Some("个项目"),
        write: write_ranking,
    },
    ExportKind {
        kind: "ranking-semifinal",
        title: "复赛排名",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "复赛排名.xlsx",
        description: RANKING_DESC,
        personal_note: PUBLIC,
        round: RoundUse::Fixed(Round::Semifinal),
        noun: "排名",
        unit: Some("个项目"),
        write: write_ranking,
    },
    ExportKind {
        kind: "ranking-final",
        title: "决赛排名",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "决赛排名.xlsx",
        description: RANKING_DESC,
        personal_note: PUBLIC,
        round: RoundUse::Fixed(Round::Final),
        noun: "排名",
        unit: Some("个项目"),
        write: write_ranking,
    },
    ExportKind {
        kind: "awards",
        title: "获奖名单",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "获奖名单.xlsx",
        description: "秘书处工作名单：各组奖项、名次、得分、奖金、不发奖金的原因、证书编号和待决定事项，附各奖项合计。",
        personal_note: PUBLIC,
        round: RoundUse::None,
        noun: "获奖名单",
        unit: Some("项"),
        write: |s, _, p| awards::awards_xlsx(s, p),
    },
    ExportKind {
        kind: "publicity",
        title: "公示名单",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "公示名单.xlsx",
        description: "对外公示用：组别、奖项、项目名称和参赛主体。",
        personal_note: "不含个人信息，可以公开。",
        round: RoundUse::None,
        noun: "公示名单",
        unit: Some("项"),
        write: |s, _, p| awards::publicity_xlsx(s, p),
    },
    ExportKind {
        kind: "publicity-pdf",
        title: "公示名单（PDF）",
        format: FileFormat::Pdf,
        personal: false,
        file_name: "公示名单.pdf",
        description: "对外公示用的打印版：组别、奖项、项目名称和参赛主体。",
        personal_note: "不含个人信息，可以公开。",
        round: RoundUse::None,
        noun: "公示名单（PDF）",
        unit: None,
        write: |s, _, p| write_pdf(awards::publicity_pdf(s)?, p),
    },
    ExportKind {
        kind: "recommendation",
        title: "推荐参加省赛项目表",
        format: FileFormat::Xlsx,
        personal: true,
        file_name: "推荐参加省赛项目表.xlsx",
        description: "报送省工业和信息化厅：推荐项目的信用代码、领域、县区、市赛奖项和得分、负责人及推荐意见。",
        personal_note: "含负责人姓名和完整手机号：只报送省里，不要公开。",
        round: RoundUse::None,
        noun: "推荐参加省赛项目表",
        unit: Some("项"),
        write: |s, _, p| awards::recommendation_xlsx(s, p),
    },
    ExportKind {
        kind: "recommendation-pdf",
        title: "推荐参加省赛项目表（PDF）",
        format: FileFormat::Pdf,
        personal: true,
        file_name: "推荐参加省赛项目表.pdf",
        description: "报送省里的盖章打印版，内容同上。",
        personal_note: "含负责人姓名，手机号中间四位已隐藏。",
        round: RoundUse::None,
        noun: "推荐参加省赛项目表（PDF）",
        unit: None,
        write: |s, _, p| write_pdf(awards::recommendation_pdf(s)?, p),
    },
    ExportKind {
        kind: "units",
        title: "组织单位统计",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "组织单位统计.xlsx",
        description: "供组委会评选优秀组织单位：各推荐单位的报名、有效、决赛和获奖项目数，以及评选结果和理由。",
        personal_note: PUBLIC,
        round: RoundUse::None,
        noun: "组织单位统计",
        unit: Some("个单位"),
        write: |s, _, p| awards::units_xlsx(s, p),
    },
    ExportKind {
        kind: "followup",
        title: "跟踪服务记录",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "跟踪服务记录.xlsx",
        description: "决赛后至年底的跟踪服务（联系、服务、融资、对接活动、政策）记录和下次联系日期，以及成长快、潜力大项目的名单和理由。",
        personal_note: PUBLIC,
        round: RoundUse::None,
        noun: "跟踪服务记录",
        unit: Some("条记录"),
        write: |s, _, p| season::followup_xlsx(s, p),
    },
    ExportKind {
        kind: "summary",
        title: "工作总结数据",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "工作总结数据.xlsx",
        description: "向省大赛秘书处报送工作总结用：报名（按单位、县区、组别和领域）、资格审查结果、评审轮次、获奖与奖金、推荐省赛与省赛结果、公示异议和跟踪服务，每部分一张表。",
        personal_note: PUBLIC,
        round: RoundUse::None,
        noun: "工作总结数据",
        unit: Some("张表"),
        write: |s, _, p| season::summary::summary_xlsx(s, p),
    },
    ExportKind {
        kind: "summary-pdf",
        title: "工作总结数据（PDF）",
        format: FileFormat::Pdf,
        personal: false,
        file_name: "工作总结数据.pdf",
        description: "工作总结数据的打印版：同样的各部分表格，以及按县区、按领域的报名数量图。",
        personal_note: "不含个人信息，可以公开。",
        round: RoundUse::None,
        noun: "工作总结数据（PDF）",
        unit: None,
        write: |s, _, p| write_pdf(season::summary::summary_pdf(s)?, p),
    },
    ExportKind {
        kind: "signoff-pdf",
        title: "评分汇总表（PDF）",
        format: FileFormat::Pdf,
        personal: false,
        file_name: "决赛评分汇总表.pdf",
        description: "决赛结束时由评委、监督人员和公证人员签字确认：每个项目各评委的总分、去掉的分数、最终得分和奖项。",
        personal_note: JUDGE_NAMES,
        round: RoundUse::None,
        noun: "评分汇总表（PDF）",
        unit: None,
        write: |s, _, p| write_pdf(awards::signoff_pdf(s)?, p),
    },
    ExportKind {
        kind: "certificate-register",
        title: "证书登记表",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "证书登记表.xlsx",
        description: "每张证书的编号、组别、奖项、获奖主体、团队成员、颁发日期、状态（有效/作废及理由）和打印次数。",
        personal_note: "含团队成员姓名，不含证件号和手机号。",
        round: RoundUse::None,
        noun: "证书登记表",
        unit: Some("张"),
        write: |s, _, p| certificates::register_xlsx(s, p),
    },
    // The same two lists for the round the caller names (`--round`), for scripts; the window offers the
    // per-round kinds above.
    ExportKind {
        kind: "scores",
        title: "评分明细（指定轮次）",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "评分明细.xlsx",
        description: SCORES_DESC,
        personal_note: JUDGE_NAMES,
        round: RoundUse::Needed,
        noun: "评分明细",
        unit: Some("行"),
        write: write_scores,
    },
    ExportKind {
        kind: "ranking",
        title: "排名（指定轮次）",
        format: FileFormat::Xlsx,
        personal: false,
        file_name: "排名.xlsx",
        description: RANKING_DESC,
        personal_note: PUBLIC,
        round: RoundUse::Needed,
        noun: "排名",
        unit: Some("个项目"),
        write: write_ranking,
    },
];

/// Every export kind, in the order the 导出 page shows them.
pub fn kinds() -> &'static [ExportKind] {
    KINDS
}

/// The kind by its CLI name; an unknown name is refused with the list of valid ones.
pub fn find(kind: &str) -> Result<&'static ExportKind> {
    let kind = kind.trim();
    KINDS.iter().find(|k| k.kind == kind).ok_or_else(|| {
        let valid: Vec<String> = KINDS.iter().map(|k| format!("{}（{}）", k.kind, k.title)).collect();
        CoreError::validation(Some("kind"), format!("未知的导出类型“{kind}”。可用：{}。", valid.join("、")))
    })
}

/// Writes export `kind` to exactly `path` (the caller chooses the name and extension).
pub fn run(store: &Store, kind: &str, path: &Path, round: Option<Round>) -> Result<ExportDone> {
    let k = find(kind)?;
    let round = k.resolve_round(round)?;
    let n = (k.write)(store, round, path)?;
    let (count, message) = match k.unit {
        Some(unit) => {
            let noun = match (k.round, round) {
                (RoundUse::None, _) | (_, None) => k.noun.to_string(),
                (_, Some(r)) => format!("{}{}", r.label(), k.noun),
            };
            (Some(n), format!("已导出{noun}：{}（{n} {unit}）", path.display()))
        }
        None => (None, format!("已写出 {}", path.display())),
    };
    Ok(ExportDone { kind: k.kind, path: path.to_path_buf(), count, message })
}

// A round kind is only reached with its round resolved; the message names the kind, not a panic.
fn round_of(round: Option<Round>) -> Result<Round> {
    round.ok_or_else(|| CoreError::validation(Some("round"), "这个导出需要指定轮次：preliminary（初赛）、semifinal（复赛）或 final（决赛）。"))
}

fn write_eligibility(store: &Store, _: Option<Round>, path: &Path) -> Result<usize> {
    let verdicts = screening::check(store)?;
    super::eligibility_xlsx(&verdicts, &screening::unchecked_summary(&verdicts), path)?;
    Ok(verdicts.len())
}

fn write_problems(store: &Store, _: Option<Round>, path: &Path) -> Result<usize> {
    let list = import::problems(store, None)?;
    super::problems_xlsx(&list, path)?;
    Ok(list.len())
}

fn write_scores(store: &Store, round: Option<Round>, path: &Path) -> Result<usize> {
    judging::export_score_workbook(store, round_of(round)?, path)
}

fn write_ranking(store: &Store, round: Option<Round>, path: &Path) -> Result<usize> {
    judging::ranking_xlsx(store, round_of(round)?, path)
}

fn write_pdf(bytes: Vec<u8>, path: &Path) -> Result<usize> {
    std::fs::write(path, bytes)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_unique_and_described() {
        let mut names: Vec<&str> = kinds().iter().map(|k| k.kind).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), kinds().len(), "a kind name appears twice");
        for k in kinds() {
            assert!(!k.title.is_empty() && !k.description.is_empty() && !k.personal_note.is_empty(), "{}", k.kind);
            assert!(k.file_name.ends_with(&format!(".{}", k.format.extension())), "{}: {}", k.kind, k.file_name);
            // A PDF reports no count; an xlsx always says how many rows it wrote.
            assert_eq!(k.unit.is_none(), k.format == FileFormat::Pdf, "{}", k.kind);
        }
    }

    #[test]
    fn public_lists_carry_no_personal_data() {
        let personal: Vec<&str> = kinds().iter().filter(|k| k.personal).map(|k| k.kind).collect();
        assert_eq!(personal, vec!["recommendation", "recommendation-pdf"]);
        assert!(!find("publicity").unwrap().personal && !find("publicity-pdf").unwrap().personal);
    }

    #[test]
    fn unknown_kind_lists_the_valid_ones_in_chinese() {
        let msg = find("nope").err().expect("unknown kind refused").to_string();
        assert!(msg.contains("未知的导出类型“nope”"), "{msg}");
        for k in kinds() {
            assert!(msg.contains(&format!("{}（{}）", k.kind, k.title)), "{} missing from: {msg}", k.kind);
        }
    }

    #[test]
    fn rounds_are_checked_before_anything_is_written() {
        let needs = find("ranking").unwrap();
        assert!(needs.needs_round());
        assert!(needs.resolve_round(None).is_err());
        assert_eq!(needs.resolve_round(Some(Round::Final)).unwrap(), Some(Round::Final));
        let fixed = find("ranking-final").unwrap();
        assert!(!fixed.needs_round());
        assert_eq!(fixed.resolve_round(None).unwrap(), Some(Round::Final));
        assert_eq!(fixed.resolve_round(Some(Round::Final)).unwrap(), Some(Round::Final));
        assert!(fixed.resolve_round(Some(Round::Preliminary)).is_err());
        assert!(find("awards").unwrap().resolve_round(Some(Round::Final)).is_err());
    }
}
