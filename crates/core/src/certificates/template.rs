//! The certificate template in settings terms (serde, with the DOMAIN §4.4 wording as default), its
//! validation, the placeholders and the certificate number format.
use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::model::{Certificate, Group, SubjectKind};
use crate::pdf::layout::Paper;

/// The placeholders a template text may use (DOMAIN §4.4), and three that make the wording natural:
/// {称谓} is 你单位 (企业组, units) or 你团队 (创业组); {项目} is the project name in Chinese quotes
/// followed by 项目 unless the name already ends with it (“光伏储能逆变器”项目, “智慧农业项目”);
/// {届次} and {城市} come from the contest settings (第十一届, 长治市).
pub const PLACEHOLDERS: &[&str] =
    &["获奖主体名称", "项目名称", "项目", "称谓", "组别", "奖项", "赛事名称", "届次", "城市", "主办单位", "日期", "证书编号", "团队成员"];

/// The placeholders of the number format.
pub const NUMBER_PLACEHOLDERS: &[&str] = &["年份", "组别代码", "序号"];

/// At most this many team members are printed (the notice: ≤ 7 core members).
pub const MAX_MEMBERS: usize = 7;

/// Full page (blank paper, optional background) or 套打 (pre-printed paper: variable texts only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PrintMode {
    #[default]
    Full,
    Overlay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PaperSetting {
    #[default]
    A4Landscape,
    A4Portrait,
}

impl PaperSetting {
    pub fn paper(self) -> Paper {
        match self {
            PaperSetting::A4Landscape => Paper::A4Landscape,
            PaperSetting::A4Portrait => Paper::A4Portrait,
        }
    }
}

/// How {日期} is printed: full Chinese numerals by default (SPEC §12: 二〇二六年九月二十日), the month
/// only (二〇二六年十二月), or Arabic digits (2026年9月20日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    #[default]
    Chinese,
    ChineseMonth,
    Arabic,
}

/// Font sizes of the full-page certificate, in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct FontSizes {
    pub title: f32,
    pub body: f32,
    pub members: f32,
    pub issuer: f32,
    pub number: f32,
}

impl Default for FontSizes {
    fn default() -> Self {
        FontSizes { title: 44.0, body: 18.0, members: 14.0, issuer: 16.0, number: 11.0 }
    }
}

/// One text printed in 套打 mode. (x, y) is the left end of the text's baseline, in mm from the
/// top-left corner of the paper, before the global offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct OverlayField {
    /// Shown on the calibration page ("获奖主体").
    pub label: String,
    /// Usually a single placeholder, e.g. "{获奖主体名称}".
    pub text: String,
    pub x_mm: f32,
    pub y_mm: f32,
    pub size_pt: f32,
    /// Wrap width in mm; 0 = one line.
    pub width_mm: f32,
}

impl Default for OverlayField {
    fn default() -> Self {
        OverlayField { label: String::new(), text: String::new(), x_mm: 0.0, y_mm: 0.0, size_pt: 16.0, width_mm: 0.0 }
    }
}

fn field(label: &str, text: &str, x: f32, y: f32, size: f32, width: f32) -> OverlayField {
    OverlayField { label: label.into(), text: text.into(), x_mm: x, y_mm: y, size_pt: size, width_mm: width }
}

/// The default 套打 positions for A4 landscape paper; every one is adjustable.
pub fn default_overlay_fields() -> Vec<OverlayField> {
    vec![
        field("获奖主体", "{获奖主体名称}", 50.0, 82.0, 18.0, 0.0),
        field("项目名称", "{项目名称}", 80.0, 98.0, 16.0, 170.0),
        field("组别奖项", "{组别}{奖项}", 110.0, 118.0, 18.0, 0.0),
        field("团队成员", "{团队成员}", 80.0, 134.0, 14.0, 170.0),
        field("日期", "{日期}", 190.0, 170.0, 16.0, 0.0),
        field("证书编号", "{证书编号}", 60.0, 190.0, 11.0, 0.0),
    ]
}

/// The award wording (DOMAIN §4.4): 你单位 or 你团队 by group, the project quoted, 项目 never doubled.
pub const DEFAULT_BODY: &str = "{获奖主体名称}：\n　　{称谓}{项目}在{赛事名称}中荣获{组别}{奖项}。\n　　特发此证，以资鼓励。";
/// 优秀组织单位 (SPEC §12), edition and city from the settings.
pub const DEFAULT_UNIT_BODY: &str = "{获奖主体名称}：在{届次}“创客中国”{城市}中小企业创新创业大赛组织工作中成绩突出，被评为优秀组织单位。";
/// The defaults before issue #11: a stored template still holding them gets the new wording.
const OLD_BODY_PIECES: &[(&str, &str)] = &[
    ("你单位（团队）", "{称谓}"),
    ("你单位(团队)", "{称谓}"),
    ("{项目名称} 项目", "{项目}"),
    ("{项目名称}　项目", "{项目}"),
    ("{项目名称}项目", "{项目}"),
];
const OLD_UNIT_BODY: &str = "{获奖主体名称}：\n　　你单位在{赛事名称}组织工作中成绩突出，荣获{奖项}。\n　　特发此证，以资鼓励。";

/// The certificate template. Everything is a setting; `Default` gives the DOMAIN §4.4 wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct CertificateTemplate {
    pub title: String,
    /// Body of an award certificate: one paragraph per line, placeholders in braces.
    pub body: String,
    /// Body of a 优秀组织单位奖 certificate (a unit has no project).
    pub unit_body: String,
    /// Printed under the body only when the subject has team members.
    pub members_line: String,
    pub issuer: String,
    pub date_line: String,
    pub number_line: String,
    /// {赛事名称}
    pub contest_name: String,
    /// {届次}, from the settings.
    pub edition: String,
    /// {城市}, from the settings.
    pub city: String,
    /// {主办单位}
    pub organizer: String,
    /// The date printed on the certificate ({日期}); must be set before printing.
    pub date: Option<NaiveDate>,
    /// How the date is written.
    pub date_style: DateStyle,
    /// {年份} in the number: the contest year.
    pub year: i32,
    /// e.g. `CZCK{年份}-{组别代码}-{序号:3}`: `{序号:3}` pads the sequence to 3 digits.
    pub number_format: String,
    /// Group code → the series code in the number (enterprise → QY, startup → CY).
    pub series_codes: BTreeMap<String, String>,
    /// The series of 优秀组织单位奖.
    pub unit_series: String,
    pub paper: PaperSetting,
    pub sizes: FontSizes,
    pub mode: PrintMode,
    /// 套打 positions.
    pub overlay_fields: Vec<OverlayField>,
    /// Printer correction for 套打, mm: positive moves everything right / down.
    pub offset_x_mm: f32,
    pub offset_y_mm: f32,
    /// Full-page background (PNG/JPEG), stretched to the paper.
    pub background_image: Option<PathBuf>,
    /// Seal (PNG with transparency, or JPEG) drawn over the issuer line.
    pub seal_image: Option<PathBuf>,
    pub seal_size_mm: f32,
    /// A printed double border when there is no background image.
    pub border: bool,
}

impl Default for CertificateTemplate {
    fn default() -> Self {
        let settings = crate::settings::Settings::default();
        CertificateTemplate {
            title: "荣誉证书".into(),
            body: DEFAULT_BODY.into(),
            unit_body: DEFAULT_UNIT_BODY.into(),
            members_line: "团队成员：{团队成员}".into(),
            issuer: "{主办单位}".into(),
            date_line: "{日期}".into(),
            number_line: "证书编号：{证书编号}".into(),
            contest_name: settings.contest_name,
            edition: settings.edition,
            city: settings.city,
            organizer: settings.organizer,
            date: None,
            date_style: DateStyle::Chinese,
            year: settings.year,
            number_format: "CZCK{年份}-{组别代码}-{序号:3}".into(),
            series_codes: [(Group::Enterprise, "QY"), (Group::Startup, "CY")].iter().map(|(g, c)| (g.code().to_string(), c.to_string())).collect(),
            unit_series: "YX".into(),
            paper: PaperSetting::A4Landscape,
            sizes: FontSizes::default(),
            mode: PrintMode::Full,
            overlay_fields: default_overlay_fields(),
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
            background_image: None,
            seal_image: None,
            seal_size_mm: 40.0,
            border: true,
        }
    }
}

/// A piece of a template text: literal text or a placeholder name (with its `:N` suffix, if any).
#[derive(Debug, PartialEq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

/// Splits `text` into literal text and `{…}` placeholders; a brace without its partner is an error.
pub(crate) fn pieces<'a>(text: &'a str, what: &str) -> Result<Vec<Piece<'a>>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(CoreError::validation(None, format!("{what}中有多余的“}}”：{text}")));
        }
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| CoreError::validation(None, format!("{what}中的“{{”没有对应的“}}”：{text}")))?;
        let name = &after[..close];
        if name.contains('{') {
            return Err(CoreError::validation(None, format!("{what}中的“{{”没有对应的“}}”：{text}")));
        }
        out.push(Piece::Slot(name));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

fn unknown_placeholder(what: &str, name: &str, known: &[&str]) -> CoreError {
    let list: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
    CoreError::validation(None, format!("{what}中的占位符“{{{name}}}”无法识别。可用的占位符：{}", list.join("、")))
}

/// Checks a text's placeholders against [`PLACEHOLDERS`].
pub fn check_placeholders(text: &str, what: &str) -> Result<()> {
    for p in pieces(text, what)? {
        if let Piece::Slot(name) = p {
            if !PLACEHOLDERS.contains(&name) {
                return Err(unknown_placeholder(what, name, PLACEHOLDERS));
            }
        }
    }
    Ok(())
}

/// The values of the placeholders for one certificate.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub subject: String,
    pub project: String,
    /// {项目}: “name”项目, see [`quoted_project`].
    pub project_quoted: String,
    /// {称谓}: 你单位 / 你团队.
    pub address: String,
    /// The group's label as printed (企业组 / 创业组).
    pub group_label: String,
    pub prize: String,
    pub contest: String,
    pub edition: String,
    pub city: String,
    pub organizer: String,
    pub date: String,
    pub number: String,
    pub members: String,
}

impl Values {
    /// The values printed on `c` under template `t`, with the date already written out.
    pub fn of(c: &Certificate, t: &CertificateTemplate, date: &str) -> Values {
        let group = match c.kind {
            SubjectKind::Unit => None,
            SubjectKind::Award => c.group,
        };
        Values {
            subject: c.entrant_name.clone(),
            project: c.project_name.clone(),
            project_quoted: quoted_project(&c.project_name),
            address: address_for(group).to_string(),
            group_label: c.group_label.clone(),
            prize: c.prize.clone(),
            contest: t.contest_name.clone(),
            edition: t.edition.clone(),
            city: t.city.clone(),
            organizer: t.organizer.clone(),
            date: date.to_string(),
            number: c.number.clone(),
            members: c.members.join("、"),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        Some(match name {
            "获奖主体名称" => &self.subject,
            "项目名称" => &self.project,
            "项目" => &self.project_quoted,
            "称谓" => &self.address,
            "组别" => &self.group_label,
            "奖项" => &self.prize,
            "赛事名称" => &self.contest,
            "届次" => &self.edition,
            "城市" => &self.city,
            "主办单位" => &self.organizer,
            "日期" => &self.date,
            "证书编号" => &self.number,
            "团队成员" => &self.members,
            _ => return None,
        })
    }
}

/// Replaces the placeholders of `text`.
pub fn fill(text: &str, values: &Values, what: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len() + 32);
    for p in pieces(text, what)? {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot(name) => out.push_str(values.get(name).ok_or_else(|| unknown_placeholder(what, name, PLACEHOLDERS))?),
        }
    }
    Ok(out)
}

/// The date as the template prints it; [`DateStyle::Chinese`] by default: 二〇二六年九月二十日.
pub fn date_text(d: NaiveDate, style: DateStyle) -> String {
    match style {
        DateStyle::Chinese => format!("{}年{}月{}日", chinese_year(d.year()), chinese_number(d.month()), chinese_number(d.day())),
        DateStyle::ChineseMonth => format!("{}年{}月", chinese_year(d.year()), chinese_number(d.month())),
        DateStyle::Arabic => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A year digit by digit, zero as 〇: 2026 → 二〇二六.
pub fn chinese_year(y: i32) -> String {
    y.to_string().chars().map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize])).collect()
}

/// A month or day (1–31) as counted in Chinese: 九, 十, 十二, 二十, 三十一.
pub fn chinese_number(n: u32) -> String {
    let (tens, ones) = (n / 10, n % 10);
    let mut out = String::new();
    match tens {
        0 => {}
        1 => out.push('十'),
        t => {
            out.push(DIGITS[(t % 10) as usize]);
            out.push('十');
        }
    }
    if ones != 0 || tens == 0 {
        out.push(DIGITS[ones as usize]);
    }
    out
}

/// {称谓}: 你团队 for 创业组, 你单位 for 企业组 and for organizing units.
pub fn address_for(group: Option<Group>) -> &'static str {
    match group {
        Some(Group::Startup) => "你团队",
        _ => "你单位",
    }
}

/// {项目}: the project name in Chinese quotes followed by 项目, unless the name already ends with
/// 项目 (“光伏储能逆变器”项目, “智慧农业项目”). Quotes the name already carries are not doubled.
pub fn quoted_project(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    let bare = name.strip_prefix('“').and_then(|n| n.strip_suffix('”')).filter(|n| !n.contains(['“', '”'])).unwrap_or(name).trim();
    if bare.ends_with("项目") {
        format!("“{bare}”")
    } else {
        format!("“{bare}”项目")
    }
}

/// Characters that cannot be in a file name on Windows or Linux (the number names its PDF).
fn bad_file_char(c: char) -> bool {
    c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
}

impl CertificateTemplate {
    /// Every check that does not need the subjects: placeholders, number format, series codes,
    /// sizes, positions and images.
    pub fn validate(&self) -> Result<()> {
        let texts: [(&str, &str); 7] = [
            (&self.title, "证书标题"),
            (&self.body, "证书正文"),
            (&self.unit_body, "优秀组织单位奖证书正文"),
            (&self.members_line, "团队成员行"),
            (&self.issuer, "落款单位行"),
            (&self.date_line, "落款日期行"),
            (&self.number_line, "证书编号行"),
        ];
        for (t, what) in texts {
            check_placeholders(t, what)?;
        }
        for f in &self.overlay_fields {
            check_placeholders(&f.text, &format!("套打字段“{}”", f.label))?;
        }
        self.check_number_format()?;
        self.check_series()?;
        let s = &self.sizes;
        for (v, what) in [(s.title, "标题"), (s.body, "正文"), (s.members, "团队成员"), (s.issuer, "落款"), (s.number, "证书编号")] {
            check_size(v, &format!("{what}字号"))?;
        }
        let (w, h) = self.paper.paper().size_mm();
        for f in &self.overlay_fields {
            check_size(f.size_pt, &format!("套打字段“{}”的字号", f.label))?;
            let inside = |v: f32, max: f32| v.is_finite() && (0.0..=max).contains(&v);
            if !inside(f.x_mm, w) || !inside(f.y_mm, h) || !inside(f.width_mm, w) {
                return Err(CoreError::validation(
                    Some("overlay_fields"),
                    format!(
                        "套打字段“{}”的位置（{:.1}, {:.1}）或宽度 {:.1} 毫米超出纸张（{w:.0} × {h:.0} 毫米）",
                        f.label, f.x_mm, f.y_mm, f.width_mm
                    ),
                ));
            }
        }
        for (v, what) in [(self.offset_x_mm, "横向偏移"), (self.offset_y_mm, "纵向偏移")] {
            if !v.is_finite() || v.abs() > 50.0 {
                return Err(CoreError::validation(Some("overlay_offset"), format!("套打{what}应在 −50 到 50 毫米之间，现为 {v}")));
            }
        }
        if !self.seal_size_mm.is_finite() || !(10.0..=80.0).contains(&self.seal_size_mm) {
            return Err(CoreError::validation(Some("seal_size_mm"), format!("印章大小应在 10 到 80 毫米之间，现为 {}", self.seal_size_mm)));
        }
        for (p, what) in [(&self.background_image, "背景图片"), (&self.seal_image, "印章图片")] {
            if let Some(p) = p {
                let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
                if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") {
                    return Err(CoreError::validation(Some("image"), format!("{what}“{}”应为 PNG 或 JPEG 文件", p.display())));
                }
            }
        }
        Ok(())
    }

    /// Everything [`validate`](Self::validate) checks, and the date every certificate prints: checked before
    /// numbers are issued or a folder is asked for, so a missing date costs nothing.
    pub fn ready_to_print(&self) -> Result<()> {
        self.validate()?;
        if self.date.is_none() {
            return Err(CoreError::validation(Some("date"), "请先在证书模板中填写颁发日期（落款日期）：每张证书都要印这个日期。"));
        }
        Ok(())
    }

    fn check_number_format(&self) -> Result<()> {
        let what = "证书编号格式";
        let mut has_seq = false;
        let mut has_series = false;
        for p in pieces(&self.number_format, what)? {
            match p {
                Piece::Text(t) => {
                    if let Some(c) = t.chars().find(|c| bad_file_char(*c)) {
                        return Err(CoreError::validation(
                            Some("number_format"),
                            format!("{what}“{}”含有字符“{}”，不能用作文件名；请改用字母、数字、汉字或“-”", self.number_format, c.escape_default()),
                        ));
                    }
                }
                Piece::Slot("年份") => {}
                Piece::Slot("组别代码") => has_series = true,
                Piece::Slot(s) if s == "序号" || s.starts_with("序号:") => {
                    seq_width(s).ok_or_else(|| {
                        CoreError::validation(Some("number_format"), format!("{what}中的“{{{s}}}”无效：位数应为 1 到 9，例如 {{序号:3}}"))
                    })?;
                    has_seq = true;
                }
                Piece::Slot(s) => return Err(unknown_placeholder(what, s, NUMBER_PLACEHOLDERS)),
            }
        }
        if !has_seq || !has_series {
            return Err(CoreError::validation(
                Some("number_format"),
                format!("{what}“{}”必须包含 {{组别代码}} 和 {{序号}}，否则编号会重复", self.number_format),
            ));
        }
        Ok(())
    }

    fn check_series(&self) -> Result<()> {
        let mut seen: Vec<&str> = Vec::new();
        let all = self.series_codes.iter().map(|(g, c)| (g.as_str(), c.as_str())).chain([("优秀组织单位奖", self.unit_series.as_str())]);
        for (group, code) in all {
            if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(CoreError::validation(Some("series_codes"), format!("“{group}”的证书编号代码“{code}”无效：应为 1 到 8 位字母或数字")));
            }
            if seen.contains(&code) {
                return Err(CoreError::validation(
                    Some("series_codes"),
                    format!("证书编号代码“{code}”被两个组别共用，编号会重复；请为每个组别设置不同的代码"),
                ));
            }
            seen.push(code);
        }
        Ok(())
    }

    /// The series code of an award in `group`, or of a unit when `group` is None.
    pub fn series_for(&self, group: Option<Group>) -> Result<String> {
        match group {
            None => Ok(self.unit_series.clone()),
            // The template file keys its series by the group's code.
            Some(g) => self.series_codes.get(g.code()).cloned().ok_or_else(|| {
                CoreError::validation(Some("series_codes"), format!("组别“{g}”没有设置证书编号代码（如 QY、CY），请在证书模板中补充"))
            }),
        }
    }

    /// The number of the `seq`-th certificate of `series`.
    pub fn number(&self, series: &str, seq: i64) -> Result<String> {
        let mut out = String::new();
        for p in pieces(&self.number_format, "证书编号格式")? {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Slot("年份") => out.push_str(&self.year.to_string()),
                Piece::Slot("组别代码") => out.push_str(series),
                Piece::Slot(s) => match seq_width(s) {
                    Some(w) => out.push_str(&format!("{seq:0w$}")),
                    None => return Err(unknown_placeholder("证书编号格式", s, NUMBER_PLACEHOLDERS)),
                },
            }
        }
        Ok(out)
    }

    /// The template with the contest's name, edition, city, organizer and year from the settings.
    pub fn with_settings(mut self, s: &crate::settings::Settings) -> Self {
        self.contest_name = s.contest_name.clone();
        self.edition = s.edition.clone();
        self.city = s.city.clone();
        self.organizer = s.organizer.clone();
        self.year = s.year;
        self
    }

    /// A template stored before the wording had {称谓} and {项目} gets them: "你单位（团队）{项目名称} 项目"
    /// becomes "{称谓}{项目}", and the old default unit wording the SPEC §12 one. Other texts stay as typed.
    pub fn upgraded(mut self) -> Self {
        for (old, new) in OLD_BODY_PIECES {
            if self.body.contains(old) {
                self.body = self.body.replace(old, new);
            }
        }
        if self.unit_body == OLD_UNIT_BODY {
            self.unit_body = DEFAULT_UNIT_BODY.into();
        }
        self
    }
}

/// Width of `序号` / `序号:N`; None when not a sequence slot or N is not 1..=9.
fn seq_width(slot: &str) -> Option<usize> {
    match slot.strip_prefix("序号")? {
        "" => Some(1),
        rest => rest.strip_prefix(':')?.parse::<usize>().ok().filter(|w| (1..=9).contains(w)),
    }
}

fn check_size(v: f32, what: &str) -> Result<()> {
    if !v.is_finite() || !(5.0..=120.0).contains(&v) {
        return Err(CoreError::validation(Some("size_pt"), format!("{what}应在 5 到 120 磅之间，现为 {v}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_numbers_match_the_domain_examples() {
        let t = CertificateTemplate::default();
        t.validate().unwrap();
        assert_eq!(t.number(&t.series_for(Some(Group::Enterprise)).unwrap(), 1).unwrap(), "CZCK2026-QY-001");
        assert_eq!(t.number(&t.series_for(Some(Group::Startup)).unwrap(), 12).unwrap(), "CZCK2026-CY-012");
        assert_eq!(t.number(&t.series_for(None).unwrap(), 1000).unwrap(), "CZCK2026-YX-1000");
        let mut no_startup = t.clone();
        no_startup.series_codes.remove("startup");
        assert!(no_startup.series_for(Some(Group::Startup)).unwrap_err().to_string().contains("组别“startup”没有设置证书编号代码"));
    }

    #[test]
    fn fill_replaces_every_placeholder_and_keeps_text() {
        let v = Values { subject: "甲公司".into(), prize: "一等奖".into(), ..Values::default() };
        assert_eq!(fill("{获奖主体名称}：荣获{组别}{奖项}。", &v, "正文").unwrap(), "甲公司：荣获一等奖。");
        assert!(fill("{获奖人}", &v, "正文").is_err());
    }

    #[test]
    fn number_format_needs_series_and_sequence() {
        let mut t = CertificateTemplate { number_format: "CZCK{年份}-{序号:3}".into(), ..Default::default() };
        assert!(t.validate().unwrap_err().to_string().contains("{组别代码}"));
        t.number_format = "CZ/{组别代码}{序号}".into();
        assert!(t.validate().unwrap_err().to_string().contains("文件名"));
        t.number_format = "{组别代码}{序号:0}".into();
        assert!(t.validate().unwrap_err().to_string().contains("{序号:0}"));
        t.number_format = "{组别代码}-{序号}-{届次}".into();
        assert!(t.validate().unwrap_err().to_string().contains("{届次}"));
        t.number_format = "{组别代码}{序号}".into();
        t.validate().unwrap();
        assert_eq!(t.number("QY", 7).unwrap(), "QY7");
    }

    #[test]
    fn printing_needs_the_date() {
        let t = CertificateTemplate::default();
        t.validate().unwrap();
        let e = t.ready_to_print().unwrap_err().to_string();
        assert!(e.contains("颁发日期"), "{e}");
        CertificateTemplate { date: NaiveDate::from_ymd_opt(2026, 9, 20), ..t }.ready_to_print().unwrap();
    }

    #[test]
    fn dates_in_chinese_numerals() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_text(d(2026, 9, 20), DateStyle::Chinese), "二〇二六年九月二十日");
        assert_eq!(date_text(d(2026, 12, 1), DateStyle::ChineseMonth), "二〇二六年十二月");
        assert_eq!(date_text(d(2030, 10, 31), DateStyle::Chinese), "二〇三〇年十月三十一日");
        assert_eq!(date_text(d(2026, 11, 28), DateStyle::Arabic), "2026年11月28日");
        assert_eq!(chinese_year(1987), "一九八七");
        assert_eq!(chinese_year(2000), "二〇〇〇");
        let days: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 29, 30, 31].into_iter().map(chinese_number).collect();
        assert_eq!(days, ["一", "九", "十", "十一", "十九", "二十", "二十一", "二十九", "三十", "三十一"]);
        assert_eq!(chinese_number(12), "十二");
        // Every digit appears in some year.
        assert_eq!(chinese_year(1234567890), "一二三四五六七八九〇");
    }

    #[test]
    fn project_quoted_once_and_never_followed_by_a_second_xiangmu() {
        assert_eq!(quoted_project("光伏储能逆变器"), "“光伏储能逆变器”项目");
        assert_eq!(quoted_project(" 智慧农业项目 "), "“智慧农业项目”");
        assert_eq!(quoted_project("“智慧农业”"), "“智慧农业”项目");
        assert_eq!(quoted_project("基于 AI 的巡检机器人 2.0"), "“基于 AI 的巡检机器人 2.0”项目");
        assert_eq!(quoted_project(""), "");
        assert_eq!(address_for(Some(Group::Enterprise)), "你单位");
        assert_eq!(address_for(Some(Group::Startup)), "你团队");
        assert_eq!(address_for(None), "你单位");
    }

    #[test]
    fn default_wording_reads_naturally_for_both_groups() {
        let t = CertificateTemplate::default();
        let v = |group: Group, project: &str| Values {
            subject: "甲".into(),
            project_quoted: quoted_project(project),
            address: address_for(Some(group)).into(),
            group_label: group.label().into(),
            prize: "一等奖".into(),
            contest: t.contest_name.clone(),
            ..Values::default()
        };
        let e = fill(&t.body, &v(Group::Enterprise, "光伏储能逆变器项目"), "正文").unwrap();
        assert!(e.contains("　　你单位“光伏储能逆变器项目”在第十一届“创客中国”长治市中小企业创新创业大赛中荣获企业组一等奖。"), "{e}");
        let s = fill(&t.body, &v(Group::Startup, "光伏储能逆变器"), "正文").unwrap();
        assert!(s.contains("你团队“光伏储能逆变器”项目在"), "{s}");
        for text in [&e, &s] {
            assert!(!text.contains("项目项目") && !text.contains("项目 项目") && !text.contains(' '), "{text}");
        }
        let u = Values { subject: "长治学院".into(), edition: "第十一届".into(), city: "长治市".into(), ..Values::default() };
        assert_eq!(
            fill(&t.unit_body, &u, "正文").unwrap(),
            "长治学院：在第十一届“创客中国”长治市中小企业创新创业大赛组织工作中成绩突出，被评为优秀组织单位。"
        );
    }

    #[test]
    fn a_template_stored_with_the_old_wording_gets_the_new_behaviour() {
        let json = r#"{"body": "{获奖主体名称}：\n　　你单位（团队）{项目名称} 项目在{赛事名称}中荣获{组别}{奖项}。\n　　特发此证，以资鼓励。",
            "unit_body": "{获奖主体名称}：\n　　你单位在{赛事名称}组织工作中成绩突出，荣获{奖项}。\n　　特发此证，以资鼓励。", "title": "荣誉证书"}"#;
        let old: CertificateTemplate = serde_json::from_str(json).unwrap();
        let t = old.upgraded();
        assert_eq!(t.body, DEFAULT_BODY);
        assert_eq!(t.unit_body, DEFAULT_UNIT_BODY);
        assert_eq!(t.date_style, DateStyle::Chinese, "an old template prints the date in Chinese numerals");
        // A hand-written unit wording is kept.
        let mine = CertificateTemplate { unit_body: "{获奖主体名称}：特此表彰。".into(), ..Default::default() }.upgraded();
        assert_eq!(mine.unit_body, "{获奖主体名称}：特此表彰。");
    }

    #[test]
    fn brace_errors_are_reported() {
        assert!(check_placeholders("荣获{奖项", "正文").unwrap_err().to_string().contains("没有对应"));
        assert!(check_placeholders("荣获}奖项", "正文").unwrap_err().to_string().contains("多余"));
        check_placeholders("无占位符", "正文").unwrap();
    }
}
