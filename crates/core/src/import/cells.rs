//! Cell normalisation: one function per kind of value. Each returns the value, `None` for an empty
//! cell, or an issue that names what is wrong and what to do — never a guess.
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::workbook::{format_number, serial_to_datetime, Cell};
use crate::ids::{check_credit_code, check_id_number, CreditCodeIssue, IdNumberIssue};
pub use crate::mask::{mask_id, mask_phone};
pub use crate::model::{beijing, Group};
use crate::text::{clean_code, clean_text, nfkc};

#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub code: &'static str,
    pub message: String,
    pub hint: String,
    /// Warnings keep the value; errors leave it null.
    pub error: bool,
}

fn err(code: &'static str, message: String, hint: &str) -> Issue {
    Issue { code, message, hint: hint.into(), error: true }
}

fn warn(code: &'static str, message: String, hint: &str) -> Issue {
    Issue { code, message, hint: hint.into(), error: false }
}

/// A parsed value plus, possibly, a warning about it.
pub type Parsed<T> = Result<(Option<T>, Option<Issue>), Issue>;

fn ok<T>(v: Option<T>) -> Parsed<T> {
    Ok((v, None))
}

fn error_cell(e: &str) -> Issue {
    err("CELL_ERROR", format!("单元格是 Excel 错误值 #{e}"), "在原表中修正公式或改为直接填写数值，然后重新导入")
}

pub fn text(cell: &Cell) -> Parsed<String> {
    match cell {
        Cell::Error(e) => Err(error_cell(e)),
        // Cleaning leaves nothing exactly when the cell is blank: no separate check first; and text
        // without any space (most names) is clean as it is.
        Cell::Text(s) => {
            let t = if s.chars().any(char::is_whitespace) { clean_text(s) } else { s.clone() };
            ok((!t.is_empty()).then_some(t))
        }
        c if c.is_empty() => ok(None),
        c => ok(Some(clean_text(&c.shown()))),
    }
}

/// A code that Excel may have turned into a number (18 digits exceed a double's 15–16 significant
/// digits, so the tail is gone and cannot be recovered).
fn damaged_number(n: f64) -> bool {
    n.abs() >= 1e15 || n.fract() != 0.0
}

fn scientific(s: &str) -> bool {
    // Plain ASCII without a '+' cannot read as "E+" (most codes): no need to fold it.
    if s.is_ascii() && !s.contains('+') {
        return false;
    }
    let t = nfkc(s).replace(' ', "");
    let t = t.to_uppercase();
    t.contains("E+") && t.replace("E+", "").chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `clean_code(s)` without the folding when `s` is already clean: ASCII digits and capitals only
/// (most codes as the site exports them).
fn code_of(s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
        s.to_string()
    } else {
        clean_code(s)
    }
}

pub fn project_no(cell: &Cell) -> Parsed<String> {
    match cell {
        Cell::Error(e) => Err(error_cell(e)),
        c if c.is_empty() => ok(None),
        Cell::Number(n) => ok(Some(format_number(*n))),
        // Dashes are part of the site's numbers (CZ2026-00014): only width, spaces and case fold.
        c => {
            let shown = c.shown();
            // ASCII without spaces or lower case is already folded.
            if shown.bytes().all(|b| b.is_ascii() && !(b as char).is_whitespace() && !b.is_ascii_lowercase()) {
                return ok(Some(shown.into_owned()));
            }
            ok(Some(nfkc(&shown).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()))
        }
    }
}

pub fn credit_code(cell: &Cell) -> Parsed<String> {
    let damaged = |shown: String| {
        err(
            "CREDIT_CODE_DAMAGED",
            format!("统一社会信用代码被 Excel 存成了数字（显示为 {shown}），末几位已经丢失，无法还原"),
            "在原表中把该列设为“文本”格式，按营业执照重新填写后再导入；不要直接改成数字",
        )
    };
    let code = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        Cell::Number(n) => return Err(damaged(format_number(*n))),
        Cell::Text(s) if scientific(s) => return Err(damaged(s.trim().to_string())),
        c => code_of(&c.shown()),
    };
    match check_credit_code(&code) {
        Ok(()) => ok(Some(code)),
        Err(CreditCodeIssue::CheckChar { expected }) => Ok((
            Some(code.clone()),
            Some(warn(
                "CREDIT_CODE_CHECK",
                format!("统一社会信用代码 {code} 的校验位不对（按国标计算应为 {expected}），可能填错了某一位"),
                "对照营业执照核对全部 18 位；确认无误的（少数老代码如此）可在资格审查时人工确认",
            )),
        )),
        Err(CreditCodeIssue::Length) => Ok((
            Some(code.clone()),
            Some(warn(
                "CREDIT_CODE_FORMAT",
                format!("统一社会信用代码 {code} 不是 18 位（现为 {} 位）", code.chars().count()),
                "对照营业执照补全或更正",
            )),
        )),
        Err(CreditCodeIssue::Charset) => Ok((
            Some(code.clone()),
            Some(warn(
                "CREDIT_CODE_FORMAT",
                format!("统一社会信用代码 {code} 含有不允许的字符（代码中不用 I、O、S、V、Z）"),
                "对照营业执照更正，注意数字 0 与字母 O、数字 1 与字母 I",
            )),
        )),
    }
}

pub fn id_number(cell: &Cell) -> Parsed<String> {
    let damaged = |shown: String| {
        err(
            "ID_DAMAGED",
            format!("身份证号被 Excel 存成了数字（显示为 {}），后几位已经丢失，无法还原", crate::mask::mask_free_text(&shown)),
            "在原表中把该列设为“文本”格式，按身份证重新填写后再导入",
        )
    };
    let id = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        Cell::Number(n) if damaged_number(*n) => return Err(damaged(format_number(*n))),
        Cell::Number(n) => format_number(*n),
        Cell::Text(s) if scientific(s) => return Err(damaged(s.trim().to_string())),
        c => code_of(&c.shown()),
    };
    id_text(&id)
}

/// Validates an ID number already cleaned to text (also used for members listed in one cell).
pub fn id_text(id: &str) -> Parsed<String> {
    let id = id.to_string();
    match check_id_number(&id) {
        Ok(()) => ok(Some(id)),
        Err(IdNumberIssue::CheckChar { expected }) => Ok((
            Some(id.clone()),
            Some(warn(
                "ID_CHECK",
                format!("身份证号 {} 的校验位不对（应为 {expected}），可能填错了某一位", mask_id(&id)),
                "请参赛人对照身份证核对后在国家平台更正，再重新导出导入",
            )),
        )),
        Err(IdNumberIssue::BirthDate) => {
            Ok((Some(id.clone()), Some(warn("ID_FORMAT", format!("身份证号 {} 中的出生日期不存在", mask_id(&id)), "请对照身份证核对出生日期部分"))))
        }
        Err(IdNumberIssue::Length | IdNumberIssue::Charset) => Ok((
            Some(id.clone()),
            Some(warn(
                "ID_FORMAT",
                format!("身份证号 {} 不是 18 位（或 15 位）数字", mask_id(&id)),
                "请对照身份证核对；港澳台及外国人证件请在备注中说明",
            )),
        )),
    }
}

pub fn phone(cell: &Cell) -> Parsed<String> {
    let p = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        Cell::Number(n) => format_number(*n),
        c => {
            let p = code_of(&c.shown());
            if p.contains(['(', ')']) {
                p.replace(['(', ')'], "")
            } else {
                p
            }
        }
    };
    let p = p.strip_prefix("+86").or_else(|| p.strip_prefix("0086")).map(str::to_string).unwrap_or(p);
    let mobile = p.len() == 11 && p.starts_with('1') && p.bytes().all(|b| b.is_ascii_digit());
    let landline = (7..=12).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if mobile || landline {
        ok(Some(p))
    } else {
        Ok((Some(p.clone()), Some(warn("PHONE_FORMAT", format!("电话号码“{p}”不像手机号或座机号"), "请核对号码；多个号码请只保留一个手机号"))))
    }
}

fn date_issue(shown: &str) -> Issue {
    err("DATE_UNPARSED", format!("无法识别日期“{shown}”"), "请写成 2024-03-05、2024/3/5、2024.03.05、2024年3月5日 或 20240305 这样的形式")
}

/// Dates from date cells, Excel serial numbers (1900 or 1904 system) and text in the forms
/// 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日, 20240305 (a time part is ignored).
pub fn date(cell: &Cell, date1904: bool) -> Parsed<NaiveDate> {
    match cell {
        Cell::Error(e) => Err(error_cell(e)),
        c if c.is_empty() => ok(None),
        Cell::DateTime(dt) => ok(Some(dt.date())),
        Cell::Number(n) => {
            if let Some(d) = yyyymmdd(&format_number(*n)) {
                return ok(Some(d));
            }
            if (10_000.0..100_000.0).contains(n) {
                if let Some(dt) = serial_to_datetime(*n, date1904) {
                    return ok(Some(dt.date()));
                }
            }
            Err(date_issue(&format_number(*n)))
        }
        c => {
            let shown = c.shown();
            if let Some(d) = plain_date(shown.as_bytes()) {
                return ok(Some(d));
            }
            let t = shown.trim();
            // CSV has no cell types: a bare 5-digit number in a date column is an Excel serial.
            if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
                if let Some(dt) = t.parse::<f64>().ok().and_then(|n| serial_to_datetime(n, date1904)) {
                    return ok(Some(dt.date()));
                }
            }
            parse_date_text(&shown).map(|d| (Some(d), None)).ok_or_else(|| date_issue(t))
        }
    }
}

fn yyyymmdd(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(s, "%Y%m%d").ok().filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)))
    } else {
        None
    }
}

/// Splits "2024年3月5日 10:20" / "2024-03-05T10:20:00" into (date, optional time) and parses both.
fn parse_date_text(s: &str) -> Option<NaiveDate> {
    parse_datetime_text(s).map(|(d, _)| d)
}

fn parse_datetime_text(s: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let t = nfkc(s).trim().to_string();
    let t = t.replace('T', " ");
    let (date_part, time_part) = match t.split_once(' ') {
        Some((d, rest)) => (d.trim().to_string(), Some(rest.trim().to_string())),
        None => (t.clone(), None),
    };
    let d = date_part.trim_end_matches('日').replace(['年', '月', '/', '.'], "-");
    let date = if let Some(d) = yyyymmdd(&d) {
        d
    } else {
        let parts: Vec<&str> = d.split('-').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let (y, m, dd) = (parts[0].parse::<i32>().ok()?, parts[1].parse::<u32>().ok()?, parts[2].parse::<u32>().ok()?);
        if !(1900..=2100).contains(&y) {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m, dd)?
    };
    let time = match time_part {
        None => None,
        Some(tp) if tp.is_empty() => None,
        Some(tp) => {
            let tp = tp.replace(['时', '分'], ":").replace('秒', "");
            let tp = tp.trim_end_matches(':');
            Some(
                NaiveTime::parse_from_str(tp, "%H:%M:%S")
                    .or_else(|_| NaiveTime::parse_from_str(tp, "%H:%M"))
                    .or_else(|_| NaiveTime::parse_from_str(tp, "%H:%M:%S%.f"))
                    .ok()?,
            )
        }
    };
    Some((date, time))
}

/// Submission times: date-time cells, serials and text; read as Beijing time unless the text
/// carries its own offset. A date without a time is read as 00:00:00.
pub fn datetime(cell: &Cell, date1904: bool) -> Parsed<DateTime<FixedOffset>> {
    let local = |ndt: NaiveDateTime| beijing().from_local_datetime(&ndt).single();
    match cell {
        Cell::Error(e) => Err(error_cell(e)),
        c if c.is_empty() => ok(None),
        Cell::DateTime(dt) => ok(local(*dt)),
        Cell::Number(n) => match serial_to_datetime(*n, date1904).filter(|_| (10_000.0..100_000.0).contains(n)) {
            Some(dt) => ok(local(dt)),
            None => Err(date_issue(&format_number(*n))),
        },
        c => {
            let shown = c.shown();
            if let Some(ndt) = plain_datetime(&shown) {
                return ok(local(ndt));
            }
            let t = nfkc(&shown).trim().to_string();
            if let Ok(dt) = DateTime::parse_from_rfc3339(&t) {
                return ok(Some(dt.with_timezone(&beijing())));
            }
            match parse_datetime_text(&t) {
                Some((d, time)) => ok(local(d.and_time(time.unwrap_or(NaiveTime::MIN)))),
                None => Err(date_issue(shown.trim())),
            }
        }
    }
}

/// "2026-07-09 18:22:00" exactly, as the site exports submission times, read without the general
/// parser; None for anything else (and for what the general parser might read otherwise: years
/// outside 1900–2100, impossible dates and times, leap seconds).
fn plain_datetime(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19 || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = plain_date(&b[..10])?;
    Some(date.and_time(NaiveTime::from_hms_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?)?))
}

/// "2018-05-20" exactly, as `plain_datetime` reads its date.
fn plain_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&b[0..4])?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// ASCII digits as a number; None for anything else.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
}

fn number_issue(shown: &str) -> Issue {
    err("NUMBER_UNPARSED", format!("无法识别数字“{shown}”"), "请只填写数字，例如 1234.5；单位写在表头里")
}

/// A number with separators and an optional unit suffix; returns (value, unit found in the cell).
fn parse_number_text(s: &str) -> Option<(f64, Option<&'static str>)> {
    let t: String = nfkc(s).chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '，').collect();
    let t = t.trim_start_matches('约').trim_start_matches('¥').trim_start_matches('￥').to_string();
    let (num, unit) = if let Some(n) = t.strip_suffix("亿元") {
        (n, Some("亿元"))
    } else if let Some(n) = t.strip_suffix("万元") {
        (n, Some("万元"))
    } else if let Some(n) = t.strip_suffix("万") {
        (n, Some("万元"))
    } else if let Some(n) = t.strip_suffix('元') {
        (n, Some("元"))
    } else if let Some(n) = t.strip_suffix('人').or_else(|| t.strip_suffix('名')) {
        (n, Some("人"))
    } else {
        (t.as_str(), None)
    };
    num.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| (v, unit))
}

/// Employees: a whole, non-negative number of persons.
pub fn integer(cell: &Cell) -> Parsed<i64> {
    let v = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        Cell::Number(n) => *n,
        c => parse_number_text(&c.shown()).map(|(v, _)| v).ok_or_else(|| number_issue(c.shown().trim()))?,
    };
    if v < 0.0 || v.fract() != 0.0 || v > 10_000_000.0 {
        return Err(err("NUMBER_IMPOSSIBLE", format!("人数“{}”不可能（应为不小于 0 的整数）", format_number(v)), "请核对从业人员数"));
    }
    ok(Some(v as i64))
}

/// Money converted to 万元: the cell's own unit wins over the header's (元 / 万元 / 亿元).
pub fn money(cell: &Cell, header_unit: Option<&str>) -> Parsed<f64> {
    let (v, cell_unit) = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        Cell::Number(n) => (*n, None),
        c => parse_number_text(&c.shown()).ok_or_else(|| number_issue(c.shown().trim()))?,
    };
    if v < 0.0 {
        return Err(err("NUMBER_IMPOSSIBLE", format!("金额“{}”为负数", format_number(v)), "营业收入、资产总额应为不小于 0 的数；亏损请不要填在这里"));
    }
    let factor = match cell_unit.or(header_unit).unwrap_or("万元") {
        "元" => 1e-4,
        "亿元" => 1e4,
        _ => 1.0,
    };
    // Round to 1 元 (4 decimals of 万元) so 元 → 万元 conversions compare exactly.
    ok(Some(((v * factor) * 1e4).round() / 1e4))
}

/// 是/否 in every form the sheets use; text that says neither is reported, not guessed.
pub fn boolean(cell: &Cell) -> Parsed<bool> {
    let s = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        Cell::Bool(b) => return ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => return ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => return ok(Some(false)),
        // The usual answers, as the lists below read them, without folding.
        Cell::Text(s) if matches!(s.as_str(), "是" | "有" | "Y" | "y") => return ok(Some(true)),
        Cell::Text(s) if matches!(s.as_str(), "否" | "无" | "N" | "n") => return ok(Some(false)),
        c => nfkc(&c.shown()).trim().to_lowercase(),
    };
    const YES: &[&str] = &["是", "有", "√", "✓", "✔", "y", "yes", "true", "对", "已上市", "已进入", "已进入市场", "存在", "已"];
    const NO: &[&str] = &["否", "无", "×", "✗", "✘", "x", "n", "no", "false", "没有", "未上市", "未进入", "不存在", "未", "暂无"];
    if YES.contains(&s.as_str()) {
        return ok(Some(true));
    }
    if NO.contains(&s.as_str()) {
        return ok(Some(false));
    }
    // Longer phrases: a negation anywhere decides ("无纠纷", "未进入市场", "不存在失信记录").
    if ["无", "否", "未", "不", "没"].iter().any(|n| s.contains(n)) {
        return ok(Some(false));
    }
    if ["是", "有", "已"].iter().any(|y| s.contains(y)) {
        return ok(Some(true));
    }
    Err(err("BOOL_UNPARSED", format!("无法判断“{s}”是“是”还是“否”"), "请填写 是/否（也可写 有/无、√/×、Y/N）"))
}

/// 企业组 / 创业组; the national site calls 创业组 "创客组".
pub fn group(cell: &Cell) -> Parsed<Group> {
    let s = match cell {
        Cell::Error(e) => return Err(error_cell(e)),
        c if c.is_empty() => return ok(None),
        // The site's own spellings, as the checks below read them, without folding.
        Cell::Text(s) if s == "企业组" => return ok(Some(Group::Enterprise)),
        Cell::Text(s) if s == "创业组" || s == "创客组" => return ok(Some(Group::Startup)),
        c => nfkc(&c.shown()).replace(char::is_whitespace, ""),
    };
    if s.contains("企业") && !s.contains("初创") {
        ok(Some(Group::Enterprise))
    } else if s.contains("创业") || s.contains("创客") || s.contains("团队") || s.contains("初创") {
        ok(Some(Group::Startup))
    } else {
        Err(err("GROUP_UNKNOWN", format!("无法识别参赛组别“{s}”"), "组别应为“企业组”或“创业组”（国家平台也写作“创客组”）"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn val<T>(p: Parsed<T>) -> Option<T> {
        p.unwrap().0
    }

    #[test]
    fn dates_in_every_listed_form() {
        let want = NaiveDate::from_ymd_opt(2024, 3, 5);
        for s in ["2024-03-05", "2024/3/5", "2024.03.05", "2024年3月5日", "20240305", " 2024-3-5 ", "２０２４－０３－０５", "2024/03/05 10:20"]
        {
            assert_eq!(val(date(&t(s), false)), want, "{s}");
        }
        assert_eq!(val(date(&Cell::Number(45356.0), false)), want);
        assert_eq!(val(date(&Cell::Number(45356.0 - 1462.0), true)), want);
        assert_eq!(val(date(&Cell::Number(20240305.0), false)), want);
        let dt = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(val(date(&Cell::DateTime(dt), false)), want);
        for bad in ["2024-13-05", "2024年", "去年三月", "2024-02-30", "1234"] {
            assert_eq!(date(&t(bad), false).unwrap_err().code, "DATE_UNPARSED", "{bad}");
        }
        assert_eq!(date(&Cell::Number(12.0), false).unwrap_err().code, "DATE_UNPARSED");
    }

    #[test]
    fn submission_times_are_beijing_time() {
        let v = val(datetime(&t("2026-07-10 23:59:59"), false)).unwrap();
        assert_eq!(v.to_rfc3339(), "2026-07-10T23:59:59+08:00");
        let v = val(datetime(&t("2026年7月9日 18:22"), false)).unwrap();
        assert_eq!(v.to_rfc3339(), "2026-07-09T18:22:00+08:00");
        let v = val(datetime(&t("2026-07-10T16:00:00Z"), false)).unwrap();
        assert_eq!(v.to_rfc3339(), "2026-07-11T00:00:00+08:00");
        let v = val(datetime(&Cell::Number(46212.75), false)).unwrap();
        assert_eq!(v.to_rfc3339(), "2026-07-09T18:00:00+08:00");
    }

    #[test]
    fn damaged_ids_are_reported_never_repaired() {
        let damaged = id_number(&Cell::Number(1.40402199001011e17)).unwrap_err();
        assert_eq!(damaged.code, "ID_DAMAGED");
        assert!(damaged.message.contains("140402********") && !damaged.message.contains("14040219900"), "{}", damaged.message);
        assert_eq!(id_number(&t("1.40402E+17")).unwrap_err().code, "ID_DAMAGED");
        assert_eq!(val(id_number(&t("11010519491231002x"))), Some("11010519491231002X".into()));
        let (v, w) = id_number(&t("340524198001010013")).unwrap();
        assert_eq!(v.as_deref(), Some("340524198001010013"));
        assert_eq!(w.unwrap().code, "ID_CHECK");
        assert_eq!(credit_code(&Cell::Number(9.1140400123e17)).unwrap_err().code, "CREDIT_CODE_DAMAGED");
    }

    #[test]
    fn credit_codes_normalised_and_checked() {
        assert_eq!(val(credit_code(&t("９１１４０４９１ＭＡＫ２ＴＸ３４５Ｎ"))), Some("91140491MAK2TX345N".into()));
        assert_eq!(val(credit_code(&t("91140491 mak2tx345n"))), Some("91140491MAK2TX345N".into()));
        let (v, w) = credit_code(&t("914403001922038217")).unwrap();
        assert_eq!(v.as_deref(), Some("914403001922038217"));
        assert_eq!(w.unwrap().code, "CREDIT_CODE_CHECK");
        assert_eq!(credit_code(&t("9144")).unwrap().1.unwrap().code, "CREDIT_CODE_FORMAT");
    }

    #[test]
    fn numbers_with_separators_and_units() {
        assert_eq!(val(money(&t("1,234.5"), Some("万元"))), Some(1234.5));
        assert_eq!(val(money(&t("500万元"), Some("元"))), Some(500.0));
        assert_eq!(val(money(&Cell::Number(12_345_678.0), Some("元"))), Some(1234.5678));
        assert_eq!(val(money(&Cell::Number(1.5), Some("亿元"))), Some(15000.0));
        assert_eq!(val(money(&t("￥ 80 万"), None)), Some(80.0));
        assert_eq!(money(&t("-5"), None).unwrap_err().code, "NUMBER_IMPOSSIBLE");
        assert_eq!(money(&t("很多"), None).unwrap_err().code, "NUMBER_UNPARSED");
        assert_eq!(val(integer(&t("300人"))), Some(300));
        assert_eq!(val(integer(&t("1,200"))), Some(1200));
        assert_eq!(integer(&Cell::Number(-3.0)).unwrap_err().code, "NUMBER_IMPOSSIBLE");
        assert_eq!(integer(&Cell::Number(2.5)).unwrap_err().code, "NUMBER_IMPOSSIBLE");
    }

    #[test]
    fn yes_no_variants() {
        for y in ["是", "有", "√", "Y", "y", "yes", "已上市", "TRUE"] {
            assert_eq!(val(boolean(&t(y))), Some(true), "{y}");
        }
        for n in ["否", "无", "×", "N", "no", "无纠纷", "未进入市场", "不存在"] {
            assert_eq!(val(boolean(&t(n))), Some(false), "{n}");
        }
        assert_eq!(val(boolean(&Cell::Bool(true))), Some(true));
        assert_eq!(val(boolean(&Cell::Empty)), None);
        assert_eq!(boolean(&t("待定")).unwrap_err().code, "BOOL_UNPARSED");
    }

    #[test]
    fn groups_including_the_national_name() {
        assert_eq!(val(group(&t("企业组"))), Some(Group::Enterprise));
        assert_eq!(val(group(&t("创客组"))), Some(Group::Startup));
        assert_eq!(val(group(&t(" 创业组 "))), Some(Group::Startup));
        assert_eq!(group(&t("青年组")).unwrap_err().code, "GROUP_UNKNOWN");
    }

    /// The shortcuts for values already clean give what the general folding gives.
    #[test]
    fn shortcuts_agree_with_the_general_folding() {
        for s in
            ["91140403MA0K7Q2D3L", "14040219900101123X", "13812345678", "0355-1234567", "CZ2026-90001", "cz2026-1", "A B", "ABC\u{b}", "９１", ""]
        {
            assert_eq!(code_of(s), clean_code(s), "{s}");
            let folded: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect();
            assert_eq!(val(project_no(&t(s))), (!s.trim().is_empty()).then_some(folded), "{s}");
        }
        for (s, want) in [
            ("是", true),
            ("有", true),
            ("Y", true),
            ("y", true),
            ("否", false),
            ("无", false),
            ("N", false),
            ("n", false),
            (" 是 ", true),
            ("无纠纷", false),
        ] {
            assert_eq!(val(boolean(&t(s))), Some(want), "{s}");
        }
        for s in [
            "2026-07-09 18:22:00",
            "1900-01-01 00:00:00",
            "2100-12-31 23:59:59",
            "2026-02-29 10:00:00",
            "2026-07-09 24:00:00",
            "1899-12-31 10:00:00",
            "2026-07-09 18:22:60",
            "2026-7-9 18:22:00",
            "2026-07-09T18:22:00",
        ] {
            let general = parse_datetime_text(s).map(|(d, t)| d.and_time(t.unwrap_or(NaiveTime::MIN)));
            if let Some(quick) = plain_datetime(s) {
                assert_eq!(Some(quick), general, "{s}");
            }
            let via_cell = datetime(&t(s), false).ok().and_then(|(v, _)| v);
            assert_eq!(via_cell, general.and_then(|g| beijing().from_local_datetime(&g).single()), "{s}");
        }
        assert!(plain_datetime("2026-07-09 18:22:00").is_some() && plain_datetime(" 2026-07-09 18:22:00").is_none());
        for s in ["2018-05-20", "2024-02-29", "2023-02-29", "1899-12-31", "2101-01-01", "2018-5-20", "2018/05/20", "2018-05-2x"] {
            assert_eq!(date(&t(s), false).ok().and_then(|(v, _)| v), parse_date_text(s), "{s}");
        }
        for s in ["张三", "长治市 潞州区", "  a\u{3000}b ", "\u{a0}", "x"] {
            assert_eq!(val(text(&t(s))), Some(clean_text(s)).filter(|c| !c.is_empty()), "{s:?}");
        }
        for s in ["企业组", "创业组", "创客组"] {
            let general = nfkc(s).replace(char::is_whitespace, "");
            let want = if general.contains("企业") { Group::Enterprise } else { Group::Startup };
            assert_eq!(val(group(&t(s))), Some(want), "{s}");
        }
    }

    #[test]
    fn phones_and_masks() {
        assert_eq!(val(phone(&Cell::Number(13812345678.0))), Some("13812345678".into()));
        assert_eq!(val(phone(&t("+86 138-1234-5678"))), Some("13812345678".into()));
        assert_eq!(phone(&t("1381234")).unwrap().1, None);
        assert_eq!(phone(&t("138abc")).unwrap().1.unwrap().code, "PHONE_FORMAT");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_id("14040219900101123X"), "140402********123X");
    }
}
