//! Free industry text → one of the 16 industry groups of the standard (GB/T 4754-2017 names and codes).
use std::sync::OnceLock;

use serde::Serialize;

use super::size::table;
// ───────────────────────────── industry mapping ─────────────────────────────

/// Where free industry text lands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndustryGroup {
    /// One of the 16 groups of the table.
    Covered { id: u8, name: &'static str },
    /// Outside the standard (金融业, 教育, 卫生, 公共管理, 国际组织, 铁路运输业, 房地产租赁经营):
    /// R05 says REVIEW.
    NotCovered { category: &'static str },
    /// Too coarse to pick one group (e.g. the 门类 "信息传输、软件和信息技术服务业"): the candidate
    /// group ids. See [`classify_candidates`]; otherwise REVIEW.
    Ambiguous { ids: Vec<u8> },
}

/// How the text was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchVia {
    /// A GB/T 4754 code ("C", "C39", "39", "7010").
    Code,
    /// A GB/T 4754-2017 门类/大类/中类 name.
    Name,
    /// A common word ("软件", "餐饮", "物流").
    Keyword,
}

/// The result of [`industry_group`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndustryMatch {
    pub group: IndustryGroup,
    pub via: MatchVia,
    /// The code (normalised, e.g. "C39") or the name/keyword found in the text.
    pub matched: String,
    /// For messages: "行业代码“C39”（大类 39 计算机、通信和其他电子设备制造业）→ 划型行业“工业”".
    pub explanation: String,
}

impl IndustryMatch {
    /// The group id when exactly one group applies.
    pub fn id(&self) -> Option<u8> {
        match self.group {
            IndustryGroup::Covered { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// Internal target of a code or name, before names are attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum G {
    C(u8),
    Not(&'static str),
    Amb(&'static [u8]),
}

const NC_FINANCE: &str = "金融业";
const NC_EDUCATION: &str = "教育";
const NC_HEALTH: &str = "卫生";
const NC_Q: &str = "卫生和社会工作（卫生不适用本规定，社会工作按其他未列明行业，请确认）";
const NC_PUBLIC: &str = "公共管理、社会保障和社会组织";
const NC_INTL: &str = "国际组织";
const NC_RAIL: &str = "铁路运输业（交通运输业不含铁路运输业）";
const NC_OWN_ESTATE: &str = "房地产租赁经营（自有房地产经营活动，不在其他未列明行业之列）";

/// GB/T 4754-2017 门类: letter, name, first and last 大类.
const SECTIONS: &[(char, &str, u8, u8)] = &[
    ('A', "农、林、牧、渔业", 1, 5),
    ('B', "采矿业", 6, 12),
    ('C', "制造业", 13, 43),
    ('D', "电力、热力、燃气及水生产和供应业", 44, 46),
    ('E', "建筑业", 47, 50),
    ('F', "批发和零售业", 51, 52),
    ('G', "交通运输、仓储和邮政业", 53, 60),
    ('H', "住宿和餐饮业", 61, 62),
    ('I', "信息传输、软件和信息技术服务业", 63, 65),
    ('J', "金融业", 66, 69),
    ('K', "房地产业", 70, 70),
    ('L', "租赁和商务服务业", 71, 72),
    ('M', "科学研究和技术服务业", 73, 75),
    ('N', "水利、环境和公共设施管理业", 76, 79),
    ('O', "居民服务、修理和其他服务业", 80, 82),
    ('P', "教育", 83, 83),
    ('Q', "卫生和社会工作", 84, 85),
    ('R', "文化、体育和娱乐业", 86, 90),
    ('S', "公共管理、社会保障和社会组织", 91, 96),
    ('T', "国际组织", 97, 97),
];

/// GB/T 4754-2017 大类.
const DIVISIONS: &[(u8, &str)] = &[
    (1, "农业"),
    (2, "林业"),
    (3, "畜牧业"),
    (4, "渔业"),
    (5, "农、林、牧、渔专业及辅助性活动"),
    (6, "煤炭开采和洗选业"),
    (7, "石油和天然气开采业"),
    (8, "黑色金属矿采选业"),
    (9, "有色金属矿采选业"),
    (10, "非金属矿采选业"),
    (11, "开采专业及辅助性活动"),
    (12, "其他采矿业"),
    (13, "农副食品加工业"),
    (14, "食品制造业"),
    (15, "酒、饮料和精制茶制造业"),
    (16, "烟草制品业"),
    (17, "纺织业"),
    (18, "纺织服装、服饰业"),
    (19, "皮革、毛皮、羽毛及其制品和制鞋业"),
    (20, "木材加工和木、竹、藤、棕、草制品业"),
    (21, "家具制造业"),
    (22, "造纸和纸制品业"),
    (23, "印刷和记录媒介复制业"),
    (24, "文教、工美、体育和娱乐用品制造业"),
    (25, "石油、煤炭及其他燃料加工业"),
    (26, "化学原料和化学制品制造业"),
    (27, "医药制造业"),
    (28, "化学纤维制造业"),
    (29, "橡胶和塑料制品业"),
    (30, "非金属矿物制品业"),
    (31, "黑色金属冶炼和压延加工业"),
    (32, "有色金属冶炼和压延加工业"),
    (33, "金属制品业"),
    (34, "通用设备制造业"),
    (35, "专用设备制造业"),
    (36, "汽车制造业"),
    (37, "铁路、船舶、航空航天和其他运输设备制造业"),
    (38, "电气机械和器材制造业"),
    (39, "计算机、通信和其他电子设备制造业"),
    (40, "仪器仪表制造业"),
    (41, "其他制造业"),
    (42, "废弃资源综合利用业"),
    (43, "金属制品、机械和设备修理业"),
    (44, "电力、热力生产和供应业"),
    (45, "燃气生产和供应业"),
    (46, "水的生产和供应业"),
    (47, "房屋建筑业"),
    (48, "土木工程建筑业"),
    (49, "建筑安装业"),
    (50, "建筑装饰、装修和其他建筑业"),
    (51, "批发业"),
    (52, "零售业"),
    (53, "铁路运输业"),
    (54, "道路运输业"),
    (55, "水上运输业"),
    (56, "航空运输业"),
    (57, "管道运输业"),
    (58, "多式联运和运输代理业"),
    (59, "装卸搬运和仓储业"),
    (60, "邮政业"),
    (61, "住宿业"),
    (62, "餐饮业"),
    (63, "电信、广播电视和卫星传输服务"),
    (64, "互联网和相关服务"),
    (65, "软件和信息技术服务业"),
    (66, "货币金融服务"),
    (67, "资本市场服务"),
    (68, "保险业"),
    (69, "其他金融业"),
    (70, "房地产业"),
    (71, "租赁业"),
    (72, "商务服务业"),
    (73, "研究和试验发展"),
    (74, "专业技术服务业"),
    (75, "科技推广和应用服务业"),
    (76, "水利管理业"),
    (77, "生态保护和环境治理业"),
    (78, "公共设施管理业"),
    (79, "土地管理业"),
    (80, "居民服务业"),
    (81, "机动车、电子产品和日用产品修理业"),
    (82, "其他服务业"),
    (83, "教育"),
    (84, "卫生"),
    (85, "社会工作"),
    (86, "新闻和出版业"),
    (87, "广播、电视、电影和录音制作业"),
    (88, "文化艺术业"),
    (89, "体育"),
    (90, "娱乐业"),
    (91, "中国共产党机关"),
    (92, "国家机构"),
    (93, "人民政协、民主党派"),
    (94, "社会保障"),
    (95, "群众团体、社会团体和其他成员组织"),
    (96, "基层群众自治组织及其他组织"),
    (97, "国际组织"),
];

/// 中类 of 大类 70 房地产业, which the standard splits across groups.
const K70: &[(&str, &str)] =
    &[("701", "房地产开发经营"), ("702", "物业管理"), ("703", "房地产中介服务"), ("704", "房地产租赁经营"), ("709", "其他房地产业")];

/// Common wording that is not an official name. Longer entries win over the ones they contain.
const KEYWORDS: &[(&str, G)] = &[
    ("工业", G::C(2)),
    ("制造", G::C(2)),
    ("加工", G::C(2)),
    ("采矿", G::C(2)),
    ("矿业", G::C(2)),
    ("冶炼", G::C(2)),
    ("电力", G::C(2)),
    ("发电", G::C(2)),
    ("供电", G::C(2)),
    ("供热", G::C(2)),
    ("燃气", G::C(2)),
    ("供水", G::C(2)),
    ("自来水", G::C(2)),
    ("工业软件", G::C(12)),
    ("建筑施工", G::C(3)),
    ("建筑工程", G::C(3)),
    ("工程施工", G::C(3)),
    ("装饰装修", G::C(3)),
    ("批发", G::C(4)),
    ("零售", G::C(5)),
    ("交通运输", G::C(6)),
    ("运输", G::C(6)),
    ("货运", G::C(6)),
    ("客运", G::C(6)),
    ("铁路运输", G::Not(NC_RAIL)),
    ("物流", G::Amb(&[6, 7])),
    ("仓储", G::C(7)),
    ("邮政", G::C(8)),
    ("快递", G::C(8)),
    ("住宿", G::C(9)),
    ("酒店", G::C(9)),
    ("宾馆", G::C(9)),
    ("民宿", G::C(9)),
    ("餐饮", G::C(10)),
    ("电信", G::C(11)),
    ("卫星传输", G::C(11)),
    ("互联网", G::C(11)),
    ("软件", G::C(12)),
    ("软件开发", G::C(12)),
    ("信息技术", G::C(12)),
    ("信息技术服务", G::C(12)),
    ("信息系统集成", G::C(12)),
    ("集成电路设计", G::C(12)),
    ("数据处理", G::C(12)),
    ("房地产开发", G::C(13)),
    ("物业", G::C(14)),
    ("房地产中介", G::C(16)),
    ("房地产租赁", G::Not(NC_OWN_ESTATE)),
    ("自有房地产经营", G::Not(NC_OWN_ESTATE)),
    ("租赁", G::C(15)),
    ("商务服务", G::C(15)),
    ("广告", G::C(15)),
    ("人力资源", G::C(15)),
    ("科学研究", G::C(16)),
    ("技术服务", G::C(16)),
    ("科技服务", G::C(16)),
    ("科技推广", G::C(16)),
    ("研发", G::C(16)),
    ("检验检测", G::C(16)),
    ("工程设计", G::C(16)),
    ("环境治理", G::C(16)),
    ("环保", G::C(16)),
    ("家政", G::C(16)),
    ("文化", G::C(16)),
    ("娱乐", G::C(16)),
    ("金融", G::Not(NC_FINANCE)),
    ("银行", G::Not(NC_FINANCE)),
    ("证券", G::Not(NC_FINANCE)),
    ("保险", G::Not(NC_FINANCE)),
    ("培训", G::Not(NC_EDUCATION)),
    ("医院", G::Not(NC_HEALTH)),
    ("诊所", G::Not(NC_HEALTH)),
    ("种植", G::C(1)),
    ("养殖", G::C(1)),
    ("畜牧", G::C(1)),
    ("农林牧渔", G::C(1)),
];

fn by_section(letter: char) -> Option<G> {
    Some(match letter {
        'A' => G::C(1),
        'B' | 'C' | 'D' => G::C(2),
        'E' => G::C(3),
        'F' => G::Amb(&[4, 5]),
        'G' => G::Amb(&[6, 7, 8]),
        'H' => G::Amb(&[9, 10]),
        'I' => G::Amb(&[11, 12]),
        'J' => G::Not(NC_FINANCE),
        'K' => G::Amb(&[13, 14, 16]),
        'L' => G::C(15),
        'M' | 'N' | 'O' | 'R' => G::C(16),
        'P' => G::Not(NC_EDUCATION),
        'Q' => G::Not(NC_Q),
        'S' => G::Not(NC_PUBLIC),
        'T' => G::Not(NC_INTL),
        _ => return None,
    })
}

/// A 2–4 digit code: 大类, 中类 or 小类.
fn by_digits(code: &str) -> Option<G> {
    let division: u8 = code.get(..2)?.parse().ok()?;
    let sub = code[2..].chars().next();
    Some(match division {
        1..=5 => G::C(1),
        6..=46 => G::C(2),
        47..=50 => G::C(3),
        51 => G::C(4),
        52 => G::C(5),
        53 => G::Not(NC_RAIL),
        54..=58 => G::C(6),
        59 => G::C(7),
        60 => G::C(8),
        61 => G::C(9),
        62 => G::C(10),
        63 | 64 => G::C(11),
        65 => G::C(12),
        66..=69 => G::Not(NC_FINANCE),
        70 => match sub {
            None => G::Amb(&[13, 14, 16]),
            Some('1') => G::C(13),
            Some('2') => G::C(14),
            Some('3') | Some('9') => G::C(16),
            Some('4') => G::Not(NC_OWN_ESTATE),
            Some(_) => return None,
        },
        71 | 72 => G::C(15),
        73..=82 => G::C(16),
        83 => G::Not(NC_EDUCATION),
        84 => G::Not(NC_HEALTH),
        85..=90 => G::C(16),
        91..=96 => G::Not(NC_PUBLIC),
        97 => G::Not(NC_INTL),
        _ => return None,
    })
}

/// Full-width → half-width, ideographic space → space, ASCII upper case.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Key for name matching: folded, letters/digits/CJK only (punctuation and spaces dropped).
fn name_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A GB/T 4754 code in the text: (normalised code, section letter, digits).
/// Letter-only and digit-only codes count only at the start; "C39"-style anywhere on a word boundary.
fn find_code(folded: &str) -> Option<(String, Option<char>, String)> {
    let chars: Vec<char> = folded.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let is_word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    for start in first..chars.len() {
        if start > 0 && is_word(chars.get(start - 1)) {
            continue;
        }
        let mut j = start;
        let letter = chars.get(j).copied().filter(|c| c.is_ascii_uppercase());
        if letter.is_some() {
            j += 1;
            while matches!(chars.get(j), Some(' ' | '-' | '_' | '.' | '·' | '—')) && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
        }
        let d0 = j;
        while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        let digits: String = chars[d0..j].iter().collect();
        if is_word(chars.get(j)) {
            continue;
        }
        let at_start = start == first;
        let ok = match (letter, digits.len()) {
            (Some(_), 2..=4) => true,
            (Some(_), 0) | (None, 2..=4) => at_start,
            _ => false,
        };
        if ok {
            let code = format!("{}{}", letter.map(String::from).unwrap_or_default(), digits);
            return Some((code, letter, digits));
        }
    }
    None
}

fn resolve_code(letter: Option<char>, digits: &str) -> Option<(G, String)> {
    let section = |l: char| SECTIONS.iter().find(|s| s.0 == l);
    if digits.is_empty() {
        let s = section(letter?)?;
        return Some((by_section(s.0)?, format!("门类 {} {}", s.0, s.1)));
    }
    let division: u8 = digits[..2].parse().ok()?;
    if let Some(l) = letter {
        let s = section(l)?;
        if !(s.2..=s.3).contains(&division) {
            return None; // e.g. "C65": letter and digits disagree
        }
    }
    let g = by_digits(digits)?;
    let name = DIVISIONS.iter().find(|d| d.0 == division)?.1;
    let mut desc = format!("大类 {division:02} {name}");
    if division == 70 && digits.len() >= 3 {
        if let Some(k) = K70.iter().find(|k| k.0 == &digits[..3]) {
            desc = format!("中类 {} {}", k.0, k.1);
        }
    }
    Some((g, desc))
}

struct Pattern {
    key: String,
    shown: &'static str,
    group: G,
    /// 1 门类, 2 keyword or very short 大类 name, 3 大类, 4 中类.
    rank: u8,
    via: MatchVia,
}

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v = Vec::new();
        for &(letter, name, _, _) in SECTIONS {
            if let Some(g) = by_section(letter) {
                v.push(Pattern { key: name_key(name), shown: name, group: g, rank: 1, via: MatchVia::Name });
            }
        }
        for &(d, name) in DIVISIONS {
            if let Some(g) = by_digits(&format!("{d:02}")) {
                let rank = if name.chars().count() <= 2 { 2 } else { 3 };
                v.push(Pattern { key: name_key(name), shown: name, group: g, rank, via: MatchVia::Name });
            }
        }
        for &(code, name) in K70 {
            if let Some(g) = by_digits(code) {
                v.push(Pattern { key: name_key(name), shown: name, group: g, rank: 4, via: MatchVia::Name });
            }
        }
        for &(kw, g) in KEYWORDS {
            v.push(Pattern { key: name_key(kw), shown: kw, group: g, rank: 2, via: MatchVia::Keyword });
        }
        v
    })
}

fn to_public(g: G) -> IndustryGroup {
    match g {
        G::C(id) => IndustryGroup::Covered { id, name: group_name(id) },
        G::Not(category) => IndustryGroup::NotCovered { category },
        G::Amb(ids) => IndustryGroup::Ambiguous { ids: ids.to_vec() },
    }
}

pub(super) fn group_name(id: u8) -> &'static str {
    table().industry(id).map(|i| i.name.as_str()).unwrap_or("未知行业")
}

/// Best name/keyword match: matches inside a longer match are dropped; then the highest rank,
/// then the longest wins; ties naming different groups give `Ambiguous`.
fn match_name(text: &str) -> Option<(IndustryGroup, MatchVia, &'static str)> {
    let key = name_key(text);
    if key.is_empty() {
        return None;
    }
    let pats = patterns();
    let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, pattern index)
    for (pi, p) in pats.iter().enumerate() {
        for (start, _) in key.match_indices(p.key.as_str()) {
            hits.push((start, start + p.key.len(), pi));
        }
    }
    let kept: Vec<&(usize, usize, usize)> = hits.iter().filter(|a| !hits.iter().any(|b| b.0 <= a.0 && a.1 <= b.1 && b.1 - b.0 > a.1 - a.0)).collect();
    let score = |h: &(usize, usize, usize)| (pats[h.2].rank, h.1 - h.0);
    let best = kept.iter().map(|h| score(h)).max()?;
    let mut top: Vec<&(usize, usize, usize)> = kept.into_iter().filter(|h| score(h) == best).collect();
    top.sort();
    let first = &pats[top[0].2];
    let groups: Vec<G> = top.iter().map(|h| pats[h.2].group).collect();
    if groups.iter().all(|g| *g == groups[0]) {
        return Some((to_public(groups[0]), first.via, first.shown));
    }
    let mut ids: Vec<u8> = groups
        .iter()
        .flat_map(|g| match g {
            G::C(id) => vec![*id],
            G::Amb(ids) => ids.to_vec(),
            G::Not(_) => vec![],
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let group = if ids.is_empty() { to_public(groups[0]) } else { IndustryGroup::Ambiguous { ids } };
    Some((group, first.via, first.shown))
}

pub(super) fn covered_ids(g: &IndustryGroup) -> Vec<u8> {
    match g {
        IndustryGroup::Covered { id, .. } => vec![*id],
        IndustryGroup::Ambiguous { ids } => ids.clone(),
        IndustryGroup::NotCovered { .. } => vec![],
    }
}

/// Maps free industry text to one of the 16 groups of the standard.
///
/// Accepts GB/T 4754-2017 codes ("C", "C39", "c-39", "39", "I65", "7010", full-width too), 门类/大类
/// names ("制造业", "软件和信息技术服务业", "C39 计算机、通信和其他电子设备制造业", "制造业-医药制造业")
/// and common wording ("软件开发", "餐饮", "物业"). A code wins over a name unless the code is only a
/// 门类 that the name narrows down. `None` when nothing is recognised.
pub fn industry_group(text: &str) -> Option<IndustryMatch> {
    with_industry_group(text, |m| m.cloned())
}

/// `industry_group` handed to `f` by reference: R05 reads the remembered answer without a copy.
pub(crate) fn with_industry_group<R>(text: &str, f: impl FnOnce(Option<&IndustryMatch>) -> R) -> R {
    // Exports repeat a few hundred industry texts across thousands of entries; matching one against
    // every name and keyword of the table is the costliest step of screening, so remember the answers.
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, Option<IndustryMatch>>> = Default::default();
    }
    CACHE.with(|c| {
        if let Some(hit) = c.borrow().get(text) {
            return f(hit.as_ref());
        }
        let result = industry_group_uncached(text);
        let out = f(result.as_ref());
        let mut c = c.borrow_mut();
        if c.len() > 20_000 {
            c.clear();
        }
        c.insert(text.to_string(), result);
        out
    })
}

fn industry_group_uncached(text: &str) -> Option<IndustryMatch> {
    let folded = fold(text);
    let code = find_code(&folded).and_then(|(code, letter, digits)| resolve_code(letter, &digits).map(|(g, desc)| (to_public(g), code, desc)));
    let name = match_name(&folded);

    let (group, via, matched, how) = match (code, name) {
        (Some((cg, _, _)), Some((ng, nvia, nshown)))
            if matches!(cg, IndustryGroup::Ambiguous { .. })
                && ng != cg
                && !covered_ids(&ng).is_empty()
                && covered_ids(&ng).iter().all(|id| covered_ids(&cg).contains(id)) =>
        {
            (ng, nvia, nshown.to_string(), describe_name(nvia, nshown))
        }
        (Some((cg, code, desc)), _) => {
            let how = format!("行业代码“{code}”（GB/T 4754-2017 {desc}）");
            (cg, MatchVia::Code, code, how)
        }
        (None, Some((ng, nvia, nshown))) => (ng, nvia, nshown.to_string(), describe_name(nvia, nshown)),
        (None, None) => return None,
    };
    let explanation = match &group {
        IndustryGroup::Covered { id, name } => {
            let scope = table().industry(*id).map(|i| i.scope.as_str()).unwrap_or("");
            format!("{how} → 划型行业“{name}”（{scope}）")
        }
        IndustryGroup::NotCovered { category } => {
            format!("{how} → {category}，不在《中小企业划型标准规定》适用范围内，需人工复核")
        }
        IndustryGroup::Ambiguous { ids } => {
            let names: Vec<&str> = ids.iter().map(|&id| group_name(id)).collect();
            format!("{how} → 可能属于“{}”，行业不够具体，需人工确认", names.join("”“"))
        }
    };
    Some(IndustryMatch { group, via, matched, explanation })
}

fn describe_name(via: MatchVia, shown: &str) -> String {
    match via {
        MatchVia::Keyword => format!("行业描述含关键词“{shown}”"),
        _ => format!("行业名称“{shown}”"),
    }
}
