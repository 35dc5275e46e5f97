//! Text normalisation shared by the importer and (later) the matching rules.
use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Full-width → half-width and compatibility forms folded (NFKC); used for codes, numbers and dates,
/// not for names shown to people (Chinese names keep their full-width brackets).
pub fn nfkc(s: &str) -> String {
    nfkc_cow(s).into_owned()
}

/// `nfkc` without a copy when the text is already normal (most cells: ASCII and CJK ideographs).
pub fn nfkc_cow(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_plain) || unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.nfkc().collect())
}

/// ASCII or a CJK Unified Ideograph (U+4E00–U+9FFF): unchanged by NFKC in any sequence (no
/// decomposition, combining class 0, never composed) and without case, so a text of these
/// alone needs neither normalising nor the context rules of `str::to_lowercase`.
fn is_plain(c: char) -> bool {
    c.is_ascii() || is_ideograph(c)
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Trims and collapses inner runs of whitespace (including the ideographic space and line breaks)
/// to one ASCII space. For free text such as names and addresses.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}') {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// A code (credit code, ID number, phone, project number): NFKC, no whitespace or dashes, upper case.
pub fn clean_code(s: &str) -> String {
    nfkc(s).chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '—' | '_' | '\'' | '"' | '`')).flat_map(char::to_uppercase).collect()
}

/// A header for matching against the alias lists: NFKC, lower case, no whitespace or punctuation.
/// Bracketed parts are removed (units are read separately by `header_unit`).
pub fn header_key(s: &str) -> String {
    let folded = nfkc(s).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '{' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '}' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c) => {}
            _ => out.push(c),
        }
    }
    // "单位:万元" written after the name without brackets.
    for tail in ["单位万元", "单位元", "单位亿元", "单位人", "万元", "亿元"] {
        if out.len() > tail.len() && out.ends_with(tail) {
            out.truncate(out.len() - tail.len());
            break;
        }
    }
    out
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '、' | '，' | '。' | '：' | '；' | '！' | '？' | '“' | '”' | '‘' | '’' | '·' | '…' | '※' | '★' | '☆' | '—')
}

/// The unit a header declares for its numbers: "上年营业收入（元）" → 元, "资产总额(单位:亿元)" → 亿元.
pub fn header_unit(s: &str) -> Option<&'static str> {
    let folded: String = nfkc(s).chars().filter(|c| !c.is_whitespace()).collect();
    // Longest first: "万元" contains "元".
    for (needle, unit) in
        [("亿元", "亿元"), ("万元", "万元"), ("(元)", "元"), ("单位:元", "元"), ("元)", "元"), ("(人)", "人"), ("人)", "人"), ("(名)", "人")]
    {
        if folded.contains(needle) {
            return Some(unit);
        }
    }
    if folded.ends_with('元') {
        return Some("元");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_fold_full_width_spaces_and_case() {
        assert_eq!(clean_code(" ９１１４０４ 00-mak2tx345n "), "91140400MAK2TX345N");
        assert_eq!(clean_code("14040219900101123x"), "14040219900101123X");
    }

    #[test]
    fn text_collapses_whitespace() {
        assert_eq!(clean_text("  长治市　潞州区\n英雄南路  "), "长治市 潞州区 英雄南路");
    }

    #[test]
    fn header_keys_ignore_brackets_punctuation_and_width() {
        assert_eq!(header_key("上年营业收入（万元）"), "上年营业收入");
        assert_eq!(header_key(" 统一社会信用代码* "), "统一社会信用代码");
        assert_eq!(header_key("资产总额 单位：万元"), "资产总额");
        assert_eq!(header_key("从业人员(人)"), "从业人员");
        assert_eq!(header_key("ＩＤ"), "id");
        assert_eq!(header_key("企业/团队名称"), "企业团队名称");
    }

    #[test]
    fn units_from_headers() {
        assert_eq!(header_unit("上年营业收入（元）"), Some("元"));
        assert_eq!(header_unit("营业收入(万元)"), Some("万元"));
        assert_eq!(header_unit("资产总额（单位：亿元）"), Some("亿元"));
        assert_eq!(header_unit("从业人员（人）"), Some("人"));
        assert_eq!(header_unit("营业收入"), None);
        assert_eq!(header_unit("营业收入/元"), Some("元"));
    }
}

/// Legal-form suffixes dropped before comparing entrant names (longest first).
const LEGAL_SUFFIXES: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司"];

/// A name for matching (entrants, projects): NFKC, lower case, no spaces, punctuation or brackets
/// (their content kept: "阿里巴巴（中国）" → "阿里巴巴中国"), legal-form suffix removed.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // One pass without copies for the usual name: ASCII, ideographs, full-width ASCII forms and the
    // dropped CJK punctuation. NFKC maps each of these alone (none composes with a neighbour) and
    // lower-casing is per character, so character by character gives the general path's result.
    // Anything else takes the general path.
    let mut plain = true;
    for c in s.chars() {
        // Full-width ASCII forms (！ to ～) are their ASCII characters under NFKC.
        let c = if ('\u{ff01}'..='\u{ff5e}').contains(&c) { char::from_u32(c as u32 - 0xfee0).unwrap_or(c) } else { c };
        if is_ideograph(c) {
            out.push(c);
        } else if c.is_ascii() {
            if !(c.is_whitespace() || c.is_ascii_punctuation()) {
                out.push(c.to_ascii_lowercase());
            }
        } else if !is_dropped_as_is(c) {
            plain = false;
            break;
        }
    }
    if !plain {
        out.clear();
        let folded = nfkc_cow(s).to_lowercase();
        out.extend(folded.chars().filter(|&c| !is_name_punct(c)));
    }
    for suffix in LEGAL_SUFFIXES {
        if out.len() > suffix.len() && out.ends_with(suffix) {
            out.truncate(out.len() - suffix.len());
            break;
        }
    }
    out
}

/// Punctuation `name_key` drops whatever NFKC makes of it (it stays, or becomes ASCII
/// punctuation or a space), and that composes with nothing.
fn is_dropped_as_is(c: char) -> bool {
    is_cjk_punct(c) || matches!(c, '【' | '】' | '《' | '》' | '〔' | '〕' | '\u{3000}')
}

/// Characters `name_key` drops: spaces, punctuation and brackets (their content is kept).
fn is_name_punct(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c) || matches!(c, '（' | '）' | '【' | '】' | '《' | '》' | '〔' | '〕')
}

/// How alike two names are after `name_key`, 0.0–1.0: normalised Levenshtein over characters, and
/// at least 0.8 when one name contains the other ("智能巡检机器人" in "智能巡检机器人研发及产业化").
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (name_key(a), name_key(b));
    let lev = strsim::normalized_levenshtein(&a, &b);
    let shorter = a.chars().count().min(b.chars().count());
    if shorter >= 4 && (a.contains(&b) || b.contains(&a)) {
        lev.max(0.8)
    } else {
        lev
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn names_compare_without_form_width_and_punctuation() {
        assert_eq!(name_key("阿里巴巴（中国）有限公司"), "阿里巴巴中国");
        assert_eq!(name_key("长治市 智巡科技 有限责任公司"), "长治市智巡科技");
        assert_eq!(name_key("山西瑞科新材料股份有限公司"), "山西瑞科新材料");
        assert_eq!(name_key("ＡＢＣ科技公司"), "abc科技");
        assert_eq!(name_similarity("智能巡检机器人", "智能巡检机器人"), 1.0);
        assert!(name_similarity("智能巡检机器人研发", "智能巡检机器人研发及产业化") > 0.6);
        assert!(name_similarity("智能巡检机器人", "智能巡检机器人研发及产业化") >= 0.8, "containment");
        assert!(name_similarity("平台", "中药材溯源平台") < 0.6, "a short word inside a name is not containment");
        assert!(name_similarity("智能巡检机器人", "中药材溯源平台") < 0.2);
    }

    /// `name_key` as it was before its one-pass path: the general path the fast one must equal.
    fn name_key_reference(s: &str) -> String {
        let folded = s.nfkc().collect::<String>().to_lowercase();
        let mut out: String = folded.chars().filter(|&c| !is_name_punct(c)).collect();
        for suffix in LEGAL_SUFFIXES {
            if out.len() > suffix.len() && out.ends_with(suffix) {
                out.truncate(out.len() - suffix.len());
                break;
            }
        }
        out
    }

    #[test]
    fn name_key_fast_path_equals_the_general_one() {
        for s in [
            "",
            " ",
            "ABC科技公司",
            "ＡＢＣ科技公司",
            "Ab\u{b}C\t\r\n x",
            "ΟΔΟΣ ΣΑΣ 科技",
            "İstanbul 有限公司",
            "ǅemal",
            "e\u{301}cole",
            "㈱长治",
            "长治（Ａ）有限责任公司",
            "有限公司",
            "“智巡”·科技…有限公司",
            "\u{3000}长治\u{a0}市",
        ] {
            assert_eq!(name_key(s), name_key_reference(s), "{s:?}");
        }
        // Every ideograph and every ASCII character passes NFKC and lower-casing unchanged (the
        // fast path's premise).
        for c in ('\u{4e00}'..='\u{9fff}').chain('\0'..='\u{7f}').chain('\u{ff01}'..='\u{ff5e}') {
            let s = c.to_string();
            if c < '\u{ff01}' {
                assert_eq!(s.nfkc().collect::<String>(), s, "{c:?}");
                assert_eq!(nfkc(&s), s);
            }
            assert_eq!(name_key(&s), name_key_reference(&s), "{c:?}");
            assert_eq!(name_key(&format!("a{s}b")), name_key_reference(&format!("a{s}b")), "{c:?}");
        }
        // The punctuation the fast path drops is dropped by the general path too, alone and
        // between letters.
        for c in [
            '、', '，', '。', '：', '；', '！', '？', '“', '”', '‘', '’', '·', '…', '※', '★', '☆', '—', '【', '】', '《', '》', '〔', '〕',
            '\u{3000}',
        ] {
            assert!(is_dropped_as_is(c) || ('\u{ff01}'..='\u{ff5e}').contains(&c), "{c:?}");
            for s in [c.to_string(), format!("A{c}b"), format!("长{c}治")] {
                assert_eq!(name_key(&s), name_key_reference(&s), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn name_key_and_nfkc_equal_their_general_forms(s in "[ -~长治市智巡科技有限公司（）【】〔〕、，。：“”‘’·…※—《》ＡＢｃ１２！～\u{3000}\u{a0}ΣσİǅéÉ\u{301}\u{338}\u{3099}㈱①ﬁ]{0,24}") {
            proptest::prop_assert_eq!(name_key(&s), name_key_reference(&s));
            proptest::prop_assert_eq!(nfkc(&s), s.nfkc().collect::<String>());
        }
    }
}
