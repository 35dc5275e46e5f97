//! Team members: listed in one cell ("张三（1404…）、李四，王五"), in parallel columns (names in one,
//! their ID numbers or phones in others, in the same order), or on a members sheet keyed by 项目编号.

use super::cells::{self, Issue};
use super::workbook::Cell;
use crate::mask::mask_free_text;
pub use crate::model::Person;
use crate::text::{header_key, nfkc};

/// Separators between people in one cell (and between the items of a parallel column).
const SEPARATORS: [char; 10] = ['、', '，', ',', ';', '；', '/', '|', '\n', '\r', '\t'];

/// Titles and roles written beside a name ("周八 负责人", "周八（CTO）"): dropped, never part of the name.
const TITLES: &[&str] = &[
    "经理",
    "总经理",
    "副总经理",
    "总监",
    "技术总监",
    "财务总监",
    "市场总监",
    "运营总监",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "cmo",
    "cio",
    "负责人",
    "项目负责人",
    "团队负责人",
    "技术负责人",
    "队长",
    "副队长",
    "组长",
    "副组长",
    "成员",
    "核心成员",
    "团队成员",
    "队员",
    "组员",
    "董事长",
    "总裁",
    "副总裁",
    "法人",
    "法定代表人",
    "创始人",
    "联合创始人",
    "合伙人",
    "主任",
    "副主任",
    "教授",
    "副教授",
    "讲师",
    "博士",
    "硕士",
    "研究生",
    "本科生",
    "学生",
    "工程师",
    "高级工程师",
    "技术员",
    "顾问",
    "导师",
    "指导老师",
    "指导教师",
    "老师",
    "院长",
    "所长",
    "主管",
    "部长",
    "设计师",
    "程序员",
];

/// Labels written in front of a number ("张三 身份证号：1404…", "张三手机138…"): not part of the name.
const LABELS: &[&str] =
    &["身份证号码", "身份证号", "身份证", "证件号码", "证件号", "手机号码", "手机号", "手机", "联系电话", "电话号码", "电话", "联系方式", "tel"];

/// What a run of digits in a members cell turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeKind {
    /// 18 or 15 characters, or a near miss (14–19) that is checked and reported as an ID.
    Id,
    /// 11 digits starting with 1 (also written `138 1234 5678` / `138-1234-5678`).
    Phone,
    /// Excel's scientific notation (1.40402E+17): the tail is lost.
    Damaged,
    /// Seven or more digits that are neither: kept out of the name and reported.
    Other,
}

#[derive(Debug, Clone)]
struct Code {
    kind: CodeKind,
    /// Digits (and a final X), without spaces or dashes; as shown for `Damaged`.
    value: String,
    /// Char range in the item.
    start: usize,
    end: usize,
}

fn classify(v: &str) -> Option<CodeKind> {
    let b = v.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    match b.len() {
        18 if digits(&b[..17]) && (b[17].is_ascii_digit() || b[17] == b'X') => Some(CodeKind::Id),
        15 if digits(b) => Some(CodeKind::Id),
        11 if digits(b) && b[0] == b'1' => Some(CodeKind::Phone),
        _ => None,
    }
}

/// `1.40402E+17` starting at `i`: its end.
fn scientific_at(s: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    let digits = |j: &mut usize| {
        let from = *j;
        while *j < s.len() && s[*j].is_ascii_digit() {
            *j += 1;
        }
        *j > from
    };
    if !digits(&mut j) || s.get(j) != Some(&'.') {
        return None;
    }
    j += 1;
    if !digits(&mut j) || !matches!(s.get(j), Some('E' | 'e')) {
        return None;
    }
    j += 1;
    if s.get(j) == Some(&'+') {
        j += 1;
    }
    digits(&mut j).then_some(j)
}

/// Finds ID numbers, phones and other long numbers in an item. Digit groups joined by one space or
/// dash are read together when together they make an ID or a phone (`138 1234 5678`), and apart
/// otherwise (`1404…1234 13812345678`).
fn find_codes(s: &[char]) -> Vec<Code> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !s[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if let Some(end) = scientific_at(s, i) {
            out.push(Code { kind: CodeKind::Damaged, value: s[i..end].iter().collect(), start: i, end });
            i = end;
            continue;
        }
        // The digit groups of this run: (start, end) char ranges.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        loop {
            let from = j;
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            if j < s.len() && matches!(s[j], 'X' | 'x') && !s.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
                j += 1;
                groups.push((from, j));
                break; // a check character ends an ID
            }
            groups.push((from, j));
            if j + 1 < s.len() && matches!(s[j], ' ' | '-') && s[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        let text = |a: usize, b: usize| -> String { groups[a..b].iter().flat_map(|&(x, y)| s[x..y].iter()).flat_map(|c| c.to_uppercase()).collect() };
        let mut g = 0;
        while g < groups.len() {
            // The longest run of groups from g that reads as an ID or a phone.
            let hit = (g + 1..=groups.len()).rev().find_map(|h| classify(&text(g, h)).map(|k| (h, k)));
            let (h, kind) = match hit {
                Some(hit) => hit,
                None => {
                    let v = text(g, g + 1);
                    // An ID and a phone typed with nothing between them (29 digits): split where
                    // both halves read.
                    if v.len() == 29 {
                        let (a, b) = groups[g];
                        let split = [18, 11].into_iter().find(|&n| classify(&v[..n]).is_some() && classify(&v[n..]).is_some());
                        if let Some(n) = split {
                            out.push(Code { kind: classify(&v[..n]).unwrap_or(CodeKind::Other), value: v[..n].into(), start: a, end: a + n });
                            out.push(Code { kind: classify(&v[n..]).unwrap_or(CodeKind::Other), value: v[n..].into(), start: a + n, end: b });
                            g += 1;
                            continue;
                        }
                    }
                    match v.len() {
                        14..=19 => (g + 1, CodeKind::Id),
                        7.. => (g + 1, CodeKind::Other),
                        _ => {
                            g += 1; // a short number ("1." before a name) is left alone
                            continue;
                        }
                    }
                }
            };
            out.push(Code { kind, value: text(g, h), start: groups[g].0, end: groups[h - 1].1 });
            g = h;
        }
        i = groups.last().map(|g| g.1).unwrap_or(j).max(i + 1);
    }
    out
}

fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '【' | '】' | '<' | '>' | '{' | '}' | '〔' | '〕' | '《' | '》')
}

/// Characters that may stand between a name and its number without gluing them together.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || is_bracket(c) || matches!(c, ':' | '：' | '.' | '。' | '=' | '#' | '-' | '—' | '_')
}

/// A name from the words of one person: titles and labels dropped; the rest is one name (an inner
/// space is typing, not two people: `张　三`, `欧阳 娜娜`). Chinese words are joined without a
/// space, Latin ones with one.
fn name_of(words: &[String]) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    for w in words {
        let mut w = w.trim_matches(|c: char| c.is_ascii_punctuation() || "。·・，、：".contains(c)).to_string();
        let lower = w.to_lowercase();
        if w.is_empty() || TITLES.contains(&lower.as_str()) || LABELS.contains(&lower.as_str()) {
            continue;
        }
        if let Some(rest) = w.strip_prefix("姓名") {
            w = rest.to_string();
        }
        if let Some(label) = LABELS.iter().find(|l| w.len() > l.len() && w.to_lowercase().ends_with(*l)) {
            w.truncate(w.len() - label.len());
        }
        if !w.is_empty() {
            kept.push(w);
        }
    }
    if kept.is_empty() {
        return None;
    }
    let latin = kept.iter().any(|w| w.chars().any(|c| c.is_ascii_alphabetic()));
    Some(kept.join(if latin { " " } else { "" }))
}

/// One person being read from an item: plain words, bracketed words, numbers.
#[derive(Default)]
struct Draft {
    words: Vec<String>,
    bracketed: Vec<String>,
    codes: Vec<Code>,
}

/// Splits text into words, plain or in brackets; `depth` carries bracket nesting across pieces.
fn words_of(text: &[char], depth: &mut usize, plain: &mut Vec<String>, bracketed: &mut Vec<String>) {
    let mut word = String::new();
    let mut flush = |word: &mut String, depth: usize| {
        if !word.is_empty() {
            if depth > 0 {
                bracketed.push(std::mem::take(word))
            } else {
                plain.push(std::mem::take(word))
            }
        }
    };
    for &ch in text {
        if is_bracket(ch) || ch.is_whitespace() || matches!(ch, ':' | '：') {
            flush(&mut word, *depth);
            match ch {
                '(' | '[' | '【' | '<' | '{' | '〔' | '《' => *depth += 1,
                ')' | ']' | '】' | '>' | '}' | '〕' | '》' => *depth = depth.saturating_sub(1),
                _ => {}
            }
        } else {
            word.push(ch);
        }
    }
    flush(&mut word, *depth);
}

/// The result of reading a members cell: the people, and what was split off or dropped on the way.
#[derive(Debug, Clone, Default)]
pub struct ParsedMembers {
    pub people: Vec<Person>,
    pub issues: Vec<Issue>,
}

/// The people of one item: usually one; several when numbers stand between names
/// (`张三1404… 李四1404…`): a number belongs to the name before it (or after it, when it comes first).
fn parse_item(item: &str, out: &mut ParsedMembers) {
    if let Some(name) = plain_name(item) {
        out.people.extend(name.map(|n| Person { name: Some(n), ..Person::default() }));
        return;
    }
    parse_item_fully(item, out);
}

/// The common item, a bare Chinese name ("张三"), read without the general machinery: `Some` with
/// what `parse_item_fully` makes of it (the name, or none for a lone title or label), `None` when the
/// item holds anything but CJK unified ideographs (which NFKC leaves alone, and which are no bracket,
/// space, digit or punctuation).
fn plain_name(item: &str) -> Option<Option<String>> {
    if item.is_empty() || !item.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return None;
    }
    // As `name_of` for one word (lower case changes nothing here).
    if TITLES.contains(&item) || LABELS.contains(&item) {
        return Some(None);
    }
    let mut w = item.strip_prefix("姓名").unwrap_or(item);
    if let Some(label) = LABELS.iter().find(|l| w.len() > l.len() && w.ends_with(*l)) {
        w = &w[..w.len() - label.len()];
    }
    Some((!w.is_empty()).then(|| w.to_string()))
}

fn parse_item_fully(item: &str, out: &mut ParsedMembers) {
    let folded = nfkc(item).replace("+86", " ");
    let s: Vec<char> = folded.chars().collect();
    let codes = find_codes(&s);
    let mut drafts: Vec<Draft> = vec![Draft::default()];
    let mut depth = 0usize;
    let mut pos = 0;
    let text_piece = |from: usize, to: usize, drafts: &mut Vec<Draft>, depth: &mut usize| {
        let (mut plain, mut bracketed) = (Vec::new(), Vec::new());
        words_of(&s[from..to], depth, &mut plain, &mut bracketed);
        let cur = drafts.last_mut().expect("one draft at least");
        if name_of(&plain).is_some() && name_of(&cur.words).is_some() && !cur.codes.is_empty() {
            drafts.push(Draft { words: plain, bracketed, codes: Vec::new() });
        } else {
            cur.words.extend(plain);
            cur.bracketed.extend(bracketed);
        }
    };
    for c in codes {
        text_piece(pos, c.start, &mut drafts, &mut depth);
        pos = c.end;
        drafts.last_mut().expect("one draft at least").codes.push(c);
    }
    text_piece(pos, s.len(), &mut drafts, &mut depth);

    for d in drafts {
        let name = name_of(&d.words).or_else(|| name_of(&d.bracketed).filter(|_| d.words.is_empty()));
        let shown_name = name.clone().unwrap_or_else(|| "（无姓名）".into());
        let mut p = Person { name, ..Person::default() };
        for c in &d.codes {
            // Typed against the name with nothing between: the case that used to end up in the name.
            let glued = (c.start > 0 && !is_gap(s[c.start - 1]) && !s[c.start - 1].is_ascii_digit())
                || (c.end < s.len() && !is_gap(s[c.end]) && !s[c.end].is_ascii_digit());
            match c.kind {
                CodeKind::Id | CodeKind::Phone => {
                    // The same handling for both kinds of number; only the slot, the word and the mask differ.
                    let (slot, word, mask, split_code): (&mut Option<String>, &str, fn(&str) -> String, &'static str) = match c.kind {
                        CodeKind::Id => (&mut p.id_number, "身份证号", cells::mask_id, "MEMBER_ID_SPLIT"),
                        _ => (&mut p.phone, "手机号", cells::mask_phone, "MEMBER_PHONE_SPLIT"),
                    };
                    if slot.is_none() {
                        *slot = Some(c.value.clone());
                        if glued {
                            out.issues.push(Issue {
                                code: split_code,
                                message: format!(
                                    "成员“{shown_name}”的姓名与{word} {} 连在一起，已拆开：姓名为“{shown_name}”，{word}记为该成员的{word}",
                                    mask(&c.value)
                                ),
                                hint: format!("请核对拆分结果；在原表中姓名与{word}之间用括号或空格隔开"),
                                error: false,
                            });
                        }
                    } else {
                        out.issues.push(Issue {
                            code: "MEMBER_EXTRA_NUMBER",
                            message: format!("成员“{shown_name}”后有第二个{word} {}，未采用", mask(&c.value)),
                            hint: format!("请核对该成员的{word}；每人只填一个"),
                            error: false,
                        });
                    }
                }
                CodeKind::Damaged => out.issues.push(damaged_id(&c.value, &shown_name)),
                CodeKind::Other => out.issues.push(Issue {
                    code: "MEMBER_NUMBER_UNKNOWN",
                    message: format!(
                        "成员“{shown_name}”旁的数字 {} 既不是身份证号也不是手机号，已从姓名中去掉，未记入成员信息",
                        mask_free_text(&c.value)
                    ),
                    hint: "请核对该成员的身份证号或手机号是否少位或多位".into(),
                    error: false,
                }),
            }
        }
        if p.name.is_some() || p.id_number.is_some() {
            out.people.push(p);
        }
    }
}

/// An ID that Excel turned into scientific notation, reported as for an ID column (R14 flags it).
fn damaged_id(shown: &str, name: &str) -> Issue {
    Issue {
        code: "ID_DAMAGED",
        message: format!("成员“{name}”的身份证号被 Excel 存成了数字（显示为 {shown}），后几位已经丢失，无法还原"),
        hint: "在原表中把该列设为“文本”格式，按身份证重新填写后再导入".into(),
        error: true,
    }
}

/// Splits a members cell into people. Separators: 、，,;；/| and line breaks; an ID number or a phone
/// may stand before or after the name — in brackets, after a space or colon, or typed right against
/// it (split off and reported). Bracketed words and known titles (a role such as "负责人") are
/// dropped; the raw cell stays with the entry.
pub fn parse_cell(cell: &str) -> ParsedMembers {
    let mut out = ParsedMembers::default();
    for item in cell.split(SEPARATORS) {
        parse_item(item, &mut out);
    }
    out
}

/// One position of a parallel column: a value, or nothing (blank, "无", unreadable).
pub type ListItem = Option<String>;

/// Which parallel column is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Ids,
    Phones,
}

/// Reads a parallel column (the members' ID numbers or phones in the names' order): one position
/// per item, so the values can be paired with the names by position. Placeholders ("无", "-")
/// keep their position with no value; unreadable items too, with a problem.
pub fn parse_list(cell: &Cell, kind: ListKind) -> (Vec<ListItem>, Vec<Issue>) {
    let mut issues = Vec::new();
    // A number cell is one value (and an ID stored as a number is damaged, as in an ID column).
    if let Cell::Number(_) = cell {
        let parsed = match kind {
            ListKind::Ids => cells::id_number(cell),
            ListKind::Phones => cells::phone(cell),
        };
        return match parsed {
            Ok((v, w)) => {
                issues.extend(w);
                (vec![v], issues)
            }
            Err(e) => (vec![None], vec![e]),
        };
    }
    let text = cell.display();
    let mut out = Vec::new();
    for item in text.split(SEPARATORS) {
        let folded = nfkc(item).replace("+86", " ");
        let trimmed = folded.trim();
        if trimmed.is_empty() {
            continue;
        }
        if matches!(trimmed, "无" | "暂无" | "-" | "—" | "--" | "／" | "空" | "未填" | "不详") {
            out.push(None);
            continue;
        }
        let s: Vec<char> = trimmed.chars().collect();
        let codes = find_codes(&s);
        if codes.is_empty() {
            out.push(None);
            issues.push(Issue {
                code: if kind == ListKind::Ids { "ID_FORMAT" } else { "PHONE_FORMAT" },
                message: format!(
                    "第 {} 项“{}”不是{}，该位置按空值处理",
                    out.len(),
                    trimmed,
                    if kind == ListKind::Ids { "身份证号" } else { "电话号码" }
                ),
                hint: "请核对该项；没有的请填“无”以保持顺序".into(),
                error: false,
            });
            continue;
        }
        for c in codes {
            match (kind, c.kind) {
                (_, CodeKind::Damaged) => {
                    out.push(None);
                    issues.push(damaged_id(&c.value, &format!("第 {} 项", out.len())));
                }
                (ListKind::Ids, CodeKind::Id) => {
                    if let Ok((_, Some(w))) | Err(w) = cells::id_text(&c.value) {
                        issues.push(w);
                    }
                    out.push(Some(c.value));
                }
                (ListKind::Phones, CodeKind::Phone | CodeKind::Other) => {
                    if let Ok((_, Some(w))) | Err(w) = cells::phone(&Cell::Text(c.value.clone())) {
                        issues.push(w);
                    }
                    out.push(Some(c.value));
                }
                (ListKind::Ids, _) | (ListKind::Phones, CodeKind::Id) => {
                    out.push(None);
                    issues.push(Issue {
                        code: if kind == ListKind::Ids { "ID_FORMAT" } else { "PHONE_FORMAT" },
                        message: format!(
                            "第 {} 项 {} 不是{}，该位置按空值处理",
                            out.len(),
                            mask_free_text(&c.value),
                            if kind == ListKind::Ids { "身份证号" } else { "手机号" }
                        ),
                        hint: "请核对该项是否填错了列或少位、多位".into(),
                        error: false,
                    });
                }
            }
        }
    }
    (out, issues)
}

/// Columns of a members sheet, found by header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MembersColumns {
    pub project_no: usize,
    pub name: usize,
    pub id_number: Option<usize>,
    pub phone: Option<usize>,
}

/// Recognises a members sheet's header row: it names the project number and a person's name.
pub fn members_columns(header: &[String]) -> Option<MembersColumns> {
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    Some(MembersColumns {
        project_no: find(&["项目编号", "报名编号", "项目id", "参赛编号"])?,
        name: find(&["姓名", "成员姓名", "成员", "团队成员", "核心成员", "成员名称"])?,
        id_number: find(&["身份证号", "身份证号码", "证件号码", "证件号", "成员身份证号"]),
        phone: find(&["手机", "手机号", "手机号码", "联系电话", "电话"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, id: Option<&str>, phone: Option<&str>) -> Person {
        Person { name: Some(name.into()), id_number: id.map(Into::into), phone: phone.map(Into::into) }
    }

    fn people(cell: &str) -> Vec<Person> {
        parse_cell(cell).people
    }

    fn codes(cell: &str) -> Vec<&'static str> {
        parse_cell(cell).issues.iter().map(|i| i.code).collect()
    }

    /// The shortcut for bare Chinese names reads them as the general parser does.
    #[test]
    fn bare_names_read_as_the_full_parser_reads_them() {
        let mut items: Vec<String> = ["张三", "欧阳娜娜", "姓名张三", "张三身份证号", "张三手机", "姓名", "负责人", "身份证", "手机号码", "张"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        items.extend(TITLES.iter().chain(LABELS).map(|s| s.to_string()));
        items.extend(TITLES.iter().map(|t| format!("李四{t}")));
        items.extend(LABELS.iter().map(|l| format!("王五{l}")));
        for item in items {
            let mut full = ParsedMembers::default();
            parse_item_fully(&item, &mut full);
            let mut quick = ParsedMembers::default();
            parse_item(&item, &mut quick);
            assert_eq!((quick.people, quick.issues), (full.people, full.issues), "{item}");
        }
        // Anything but CJK ideographs takes the long way.
        for item in ["张三（负责人）", "张 三", "张三1", "Tom", "﨑", "张三、李四", ""] {
            assert_eq!(plain_name(item), None, "{item}");
        }
    }

    #[test]
    fn one_cell_with_mixed_separators() {
        let got = parse_cell("张三（14040219900101123x）、李四(140403199205061234)；王五\n赵六 13812345678，孙七：110105194912310021/周八（负责人）");
        assert_eq!(
            got.people,
            vec![
                p("张三", Some("14040219900101123X"), None),
                p("李四", Some("140403199205061234"), None),
                p("王五", None, None),
                p("赵六", None, Some("13812345678")),
                p("孙七", Some("110105194912310021"), None),
                p("周八", None, None),
            ]
        );
        // Bracketed or spaced numbers are the normal way to write them: nothing to report.
        assert!(got.issues.is_empty(), "{:?}", got.issues);
    }

    #[test]
    fn an_id_glued_after_or_before_a_name_is_split_off_and_reported() {
        assert_eq!(people("张三140402199001011234"), vec![p("张三", Some("140402199001011234"), None)]);
        assert_eq!(codes("张三140402199001011234"), ["MEMBER_ID_SPLIT"]);
        assert_eq!(people("14040219900101123x张三"), vec![p("张三", Some("14040219900101123X"), None)]);
        assert_eq!(codes("14040219900101123x张三"), ["MEMBER_ID_SPLIT"]);
        // A 15-digit (pre-1999) number and a full-width one.
        assert_eq!(people("李四140402900101123"), vec![p("李四", Some("140402900101123"), None)]);
        assert_eq!(people("王五１４０４０２１９９００１０１１２３４"), vec![p("王五", Some("140402199001011234"), None)]);
        let msg = &parse_cell("张三140402199001011234").issues[0].message;
        assert!(msg.contains("张三") && msg.contains("140402********1234") && !msg.contains("199001011234"), "{msg}");
    }

    #[test]
    fn a_phone_glued_to_a_name_is_split_off_in_every_spelling() {
        for cell in ["赵六13812345678", "赵六138 1234 5678", "赵六138-1234-5678", "13812345678赵六"] {
            assert_eq!(people(cell), vec![p("赵六", None, Some("13812345678"))], "{cell}");
            assert_eq!(codes(cell), ["MEMBER_PHONE_SPLIT"], "{cell}");
        }
        // Spaced from the name: split, not reported.
        assert_eq!(people("赵六 138 1234 5678"), vec![p("赵六", None, Some("13812345678"))]);
        assert!(codes("赵六 138-1234-5678").is_empty());
        assert_eq!(people("赵六+86 138 1234 5678"), vec![p("赵六", None, Some("13812345678"))]);
    }

    #[test]
    fn id_and_phone_together_and_several_people_in_one_item() {
        assert_eq!(people("张三140402199001011234 13812345678"), vec![p("张三", Some("140402199001011234"), Some("13812345678"))]);
        assert_eq!(people("张三 140402199001011234-13812345678"), vec![p("张三", Some("140402199001011234"), Some("13812345678"))]);
        assert_eq!(people("张三14040219900101123413812345678"), vec![p("张三", Some("140402199001011234"), Some("13812345678"))]);
        assert_eq!(people("张三13812345678140402199001011234"), vec![p("张三", Some("140402199001011234"), Some("13812345678"))]);
        // No separator between two people, but numbers between them: one person per name.
        assert_eq!(
            people("张三140402199001011234 李四140403199205061234"),
            vec![p("张三", Some("140402199001011234"), None), p("李四", Some("140403199205061234"), None)]
        );
    }

    #[test]
    fn names_never_keep_digits_of_a_number() {
        for cell in ["张三140402199001011234", "张三1404021990010112", "张三14040219900101123456", "张三1234567", "张三1.40402E+17"] {
            for person in people(cell) {
                let name = person.name.unwrap_or_default();
                assert!(!name.chars().any(|c| c.is_ascii_digit()), "{cell} → {name}");
            }
        }
        // Excel's scientific notation is a damaged ID, reported as in an ID column.
        assert_eq!(codes("张三1.40402E+17"), ["ID_DAMAGED"]);
        assert_eq!(people("张三1.40402E+17"), vec![p("张三", None, None)]);
        // A wrong-length ID is still the member's ID (checked later as ID_FORMAT); short junk is dropped.
        assert_eq!(people("张三1404021990010112"), vec![p("张三", Some("1404021990010112"), None)]);
        assert_eq!(codes("张三1234567"), ["MEMBER_NUMBER_UNKNOWN"]);
    }

    #[test]
    fn a_name_with_an_inner_space_is_one_name_and_only_titles_split_off() {
        assert_eq!(people("欧阳 娜娜"), vec![p("欧阳娜娜", None, None)]);
        assert_eq!(people("张\u{3000}三"), vec![p("张三", None, None)]);
        assert_eq!(people("欧阳 娜娜 CTO"), vec![p("欧阳娜娜", None, None)]);
        assert_eq!(people("总监 张 三（140402199001011234）"), vec![p("张三", Some("140402199001011234"), None)]);
        assert_eq!(people("张三 经理、李四（队长）"), vec![p("张三", None, None), p("李四", None, None)]);
        assert_eq!(people("John Smith"), vec![p("John Smith", None, None)]);
        assert_eq!(people("张三 身份证号：140402199001011234 手机：13812345678"), vec![p("张三", Some("140402199001011234"), Some("13812345678"))]);
    }

    #[test]
    fn empty_and_noise_items_are_skipped() {
        assert!(people("、、 ，").is_empty());
        assert_eq!(people("欧阳 娜娜").len(), 1);
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn parallel_lists_keep_one_position_per_item_whatever_the_separator() {
        let (ids, issues) = parse_list(&t("140402199001011235；14040419850101123x\n无、140403199205061230"), ListKind::Ids);
        assert_eq!(ids, [Some("140402199001011235".into()), Some("14040419850101123X".into()), None, Some("140403199205061230".into())]);
        assert!(issues.is_empty(), "{issues:?}");
        // A wrong check character keeps its place and is reported as in an ID column.
        let (ids, issues) = parse_list(&t("140402199001011234"), ListKind::Ids);
        assert_eq!((ids.len(), issues[0].code), (1, "ID_CHECK"));
        let (phones, issues) = parse_list(&t("138 1234 5678 / 139-0000-1111,13700001111"), ListKind::Phones);
        assert_eq!(phones, [Some("13812345678".into()), Some("13900001111".into()), Some("13700001111".into())]);
        assert!(issues.is_empty(), "{issues:?}");
        // Separated by spaces only: IDs have no spaces inside, so each is its own position.
        let (ids, _) = parse_list(&t("140402199001011234 140403199205061234"), ListKind::Ids);
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn damaged_and_unreadable_list_items_keep_their_position_and_are_reported() {
        let (ids, issues) = parse_list(&t("1.40402E+17、140403199205061230、待补充"), ListKind::Ids);
        assert_eq!(ids, [None, Some("140403199205061230".into()), None]);
        assert_eq!(issues.iter().map(|i| i.code).collect::<Vec<_>>(), ["ID_DAMAGED", "ID_FORMAT"]);
        let (ids, issues) = parse_list(&Cell::Number(1.40402199001011e17), ListKind::Ids);
        assert_eq!(ids, [None]);
        assert_eq!(issues[0].code, "ID_DAMAGED");
    }

    #[test]
    fn members_sheet_header() {
        let h: Vec<String> = ["项目编号", "姓名", "身份证号", "手机", "职务"].iter().map(|s| s.to_string()).collect();
        assert_eq!(members_columns(&h), Some(MembersColumns { project_no: 0, name: 1, id_number: Some(2), phone: Some(3) }));
        let h: Vec<String> = ["项目名称", "企业名称"].iter().map(|s| s.to_string()).collect();
        assert_eq!(members_columns(&h), None);
    }
}
