//! Eligibility screening (SPEC §3): every rule of the notice as a small pure function over one
//! entry and the contest's context, yielding an outcome and a Chinese message that names the data
//! it used. A rule whose data is absent is `unchecked` (未检查), never passed silently.
pub mod region;
pub mod sme;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, TimeZone};

use crate::model::Problem;
use crate::model::{beijing, Group};
pub use crate::model::{verdict_of, Finding, Outcome, Verdict};
use crate::model::{Entry, Kind};
use crate::reference::{text as ref_text, RefRow};
use crate::settings::Settings;
use crate::text::{name_key, name_similarity};

/// One entry as the rules see it: the canonical fields, which columns its import had, and the
/// problems the import found in its cells.
pub struct EntryInput<'a> {
    pub key: &'a str,
    pub entry: &'a Entry,
    /// Canonical fields mapped by the import that read this entry ("site_status", …).
    pub fields: &'a HashSet<String>,
    pub problems: &'a [Problem],
}

/// The reference lists; `None` = never imported, so the rule that needs it is 未检查.
#[derive(Default)]
pub struct References {
    pub provincial_winners: Option<Vec<RefRow>>,
    pub dishonesty: Option<Vec<RefRow>>,
    pub other_awards: Option<Vec<RefRow>>,
    /// The lists' names normalised and indexed once, on first use — not once per entry and row.
    pub(crate) index: std::sync::OnceLock<ListIndexes>,
}

pub(crate) struct ListIndexes {
    winners: ListIndex,
    dishonesty: ListIndex,
    awards: ListIndex,
}

impl References {
    fn indexes(&self) -> &ListIndexes {
        self.index.get_or_init(|| {
            let of = |l: &Option<Vec<RefRow>>, p, n, c| ListIndex::new(l.as_deref().unwrap_or(&[]), p, n, c);
            ListIndexes {
                winners: of(&self.provincial_winners, "project_name", "entrant_name", "credit_code"),
                dishonesty: of(&self.dishonesty, "", "name", "code"),
                awards: of(&self.other_awards, "project_name", "entrant_name", ""),
            }
        })
    }
}

/// One column of names of a list, normalised once, with an index from each character to the rows
/// whose name has it (and how often): an entry's name is compared by the similarity function only
/// with the rows sharing enough characters to reach the threshold; every other row's similarity is
/// known to be below it. Results are exactly those of comparing with every row.
#[derive(Default)]
pub(crate) struct NameColumn {
    keys: Vec<Option<Named<'static>>>,
    chars: FxMap<Vec<(u32, u32)>, char>,
    /// Normalised name → rows, and the text as written → rows (R09 compares both exactly).
    by_key: FxMap<Vec<u32>>,
    by_text: FxMap<Vec<u32>>,
}

impl NameColumn {
    fn new(list: &[RefRow], field: &str) -> Self {
        let mut col = NameColumn::default();
        for (i, row) in list.iter().enumerate() {
            let i = i as u32;
            let key = ref_text(row, field).map(|t| {
                col.by_text.entry(t.to_string()).or_default().push(i);
                let named = Named::owned(t);
                col.by_key.entry(named.key.to_string()).or_default().push(i);
                for run in named.chars.chunk_by(|a, b| a == b) {
                    col.chars.entry(run[0]).or_default().push((i, run.len() as u32));
                }
                named
            });
            col.keys.push(key);
        }
        col
    }

    /// Appends the rows whose name `similarity_at_least(row, k, min)` may put at or above `min`;
    /// for every other row it is below `min` (the shared-characters bound, as that function uses).
    fn similar(&self, k: &Named, min: f64, out: &mut Vec<u32>) {
        if k.chars.is_empty() {
            // An empty name is alike to every empty name: compare with every row that has one.
            out.extend(self.keys.iter().enumerate().filter(|(_, n)| n.is_some()).map(|(i, _)| i as u32));
            return;
        }
        // Shared characters per row in a plain array (rows touched listed once): hashing each
        // posting was most of the time of a pass with lists. The array is kept between calls (and
        // zeroed where touched), not allocated for every entry.
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = Default::default();
        }
        SCRATCH.with(|scratch| {
            let (shared, touched) = &mut *scratch.borrow_mut();
            // Left over only if a call panicked half-way.
            for &row in touched.iter() {
                shared[row as usize] = 0;
            }
            touched.clear();
            if shared.len() < self.keys.len() {
                shared.resize(self.keys.len(), 0);
            }
            // Prefix filter: a row kept shares at least `t` characters with the name (`needed`), so
            // it still shares one after the name loses any t − 1 of its characters: the postings
            // of the most frequent characters, t − 1 at most, are not read. Counts from the
            // postings read fall short by at most `skipped`; a row that may pass with that much
            // more has its shared characters counted exactly.
            let t = needed(k.chars.len(), min);
            let mut runs: Vec<(u32, &[(u32, u32)])> = k
                .chars
                .chunk_by(|a, b| a == b)
                .map(|run| (run.len() as u32, self.chars.get(&run[0]).map(Vec::as_slice).unwrap_or_default()))
                .collect();
            runs.sort_by_key(|r| std::cmp::Reverse(r.1.len()));
            let mut skipped = 0;
            let mut first = 0;
            while first < runs.len() && skipped + runs[first].0 < t {
                skipped += runs[first].0;
                first += 1;
            }
            for &(count, postings) in &runs[first..] {
                for &(row, n) in postings {
                    if shared[row as usize] == 0 {
                        touched.push(row);
                    }
                    shared[row as usize] += count.min(n);
                }
            }
            for &row in touched.iter() {
                let partial = std::mem::take(&mut shared[row as usize]) as usize;
                let Some(other) = &self.keys[row as usize] else { continue };
                let common = if skipped == 0 {
                    partial
                } else if passes(k, other, partial + skipped as usize, min) {
                    common_chars(&k.chars, &other.chars)
                } else {
                    continue;
                };
                if passes(k, other, common, min) {
                    out.push(row);
                }
            }
            touched.clear();
        })
    }
}

/// The fewest characters a row must share with a name of `len` characters for `passes` at `min`:
/// sharing `c` passes only if c / longer ≥ min, hence c / len ≥ min (longer ≥ len), or if the
/// shorter name (≥ 4 characters) is all shared, hence c ≥ 4. At least 1 (rows sharing nothing
/// are never compared).
fn needed(len: usize, min: f64) -> u32 {
    let by_ratio = (1..=len).find(|&c| c as f64 / len as f64 >= min).unwrap_or(len + 1);
    by_ratio.min(4) as u32
}

/// Whether sharing `common` characters may make `other` `min` alike to `k` (the bound of
/// `similarity_at_least`); true for any larger `common` too.
fn passes(k: &Named, other: &Named, common: usize, min: f64) -> bool {
    let longer = k.chars.len().max(other.chars.len());
    let shorter = k.chars.len().min(other.chars.len());
    // One name containing the other shares all of the shorter one's characters.
    let maybe_contained = shorter >= 4 && common >= shorter;
    maybe_contained || common as f64 / longer as f64 >= min
}

/// A reference list's names and codes, indexed (see `NameColumn`).
#[derive(Default)]
pub(crate) struct ListIndex {
    years: Vec<Option<i64>>,
    project: NameColumn,
    entrant: NameColumn,
    codes: Vec<Option<String>>,
    by_code: HashMap<String, Vec<u32>>,
}

impl ListIndex {
    fn new(list: &[RefRow], project: &str, entrant: &str, code: &str) -> Self {
        let mut by_code: HashMap<String, Vec<u32>> = HashMap::new();
        let codes: Vec<Option<String>> = list.iter().map(|r| ref_text(r, code).map(str::to_string)).collect();
        for (i, c) in codes.iter().enumerate() {
            if let Some(c) = c {
                by_code.entry(c.clone()).or_default().push(i as u32);
            }
        }
        ListIndex {
            years: list.iter().map(|w| w.get("year").and_then(|v| v.as_i64())).collect(),
            project: NameColumn::new(list, project),
            entrant: NameColumn::new(list, entrant),
            codes,
            by_code,
        }
    }

    fn code_rows(&self, code: &str) -> &[u32] {
        self.by_code.get(code).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Rows in list order, each once: the rules report the first (or first worst) match, as a scan would.
fn in_order(mut rows: Vec<u32>) -> Vec<u32> {
    rows.sort_unstable();
    rows.dedup();
    rows
}

use std::borrow::Cow;

/// A name normalised (`name_key`) with its characters sorted (for the similarity bound).
pub(crate) struct Named<'a> {
    key: Cow<'a, str>,
    chars: Cow<'a, [char]>,
}

impl Named<'_> {
    fn owned(raw: &str) -> Named<'static> {
        let k = name_key(raw);
        let c = sorted_chars(&k);
        Named { key: Cow::Owned(k), chars: Cow::Owned(c) }
    }
}

fn sorted_chars(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v
}

/// How many characters two sorted character lists share (as multisets).
fn common_chars(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// `similarity_of_keys(a, b)` where only reaching `min` matters: exact when it is ≥ `min`, else some
/// value below `min`. Skips the Levenshtein distance when the shared characters already bound it
/// below: an alignment keeps at most the shared characters, so distance ≥ longer − shared.
fn similarity_at_least(a: &Named, b: &Named, min: f64) -> f64 {
    let longer = a.chars.len().max(b.chars.len());
    let shorter = a.chars.len().min(b.chars.len());
    let contained = shorter >= 4 && (a.key.contains(&*b.key) || b.key.contains(&*a.key));
    if longer > 0 && !contained {
        let bound = common_chars(&a.chars, &b.chars) as f64 / longer as f64;
        if bound < min {
            return bound;
        }
    }
    similarity_of_keys(&a.key, &b.key)
}

/// `text::name_similarity` over names already normalised with `name_key` (it is exactly this
/// after normalising both): the lists' names are normalised once, not per comparison.
fn similarity_of_keys(a: &str, b: &str) -> f64 {
    let lev = strsim::normalized_levenshtein(a, b);
    let shorter = a.chars().count().min(b.chars().count());
    if shorter >= 4 && (a.contains(b) || b.contains(a)) {
        lev.max(0.8)
    } else {
        lev
    }
}

/// The version of the rules that produced a contest's stored verdicts. Change it whenever a rule's
/// outcome or message changes: a contest screened by other rules is re-screened in full on open.
pub const RULES_VERSION: &str = "2026.10.1";

/// Each rule's Chinese name (SPEC §12 "Rule names"), shown beside its code.
pub const RULE_NAMES: [(&str, &str); 16] = [
    ("R01", "报名状态"),
    ("R02", "报名时间"),
    ("R03", "往届省赛获奖"),
    ("R04", "注册地"),
    ("R05", "企业规模"),
    ("R06", "产品上市"),
    ("R07", "企业知识产权"),
    ("R08", "团队知识产权"),
    ("R09", "失信记录"),
    ("R10", "创业组成立时间"),
    ("R11", "组别与主体"),
    ("R12", "一人一队"),
    ("R13", "核心成员人数"),
    ("R14", "数据有效性"),
    ("R15", "重复报名"),
    ("R16", "其他赛事获奖"),
];

/// "R05 企业规模" for a rule code (the code alone when it is not one of the sixteen).
pub fn rule_label(code: &str) -> String {
    match RULE_NAMES.iter().find(|(c, _)| *c == code) {
        Some((c, n)) => format!("{c} {n}"),
        None => code.to_string(),
    }
}

/// The keys through which the cross-entry rules link entries: (kind, value). `cc` credit code
/// (R15), and for 创业组 core members `id` ID number, `np` name + phone (no ID), `name` (R12).
pub fn cross_keys(e: &Entry) -> Vec<(&'static str, String)> {
    keys_of(e).into_iter().map(|(k, v)| (k, v.into_owned())).collect()
}

/// `cross_keys` borrowing what the entry already holds (only a name + phone key is built).
fn keys_of(e: &Entry) -> Vec<(&'static str, Cow<'_, str>)> {
    let mut out = Vec::new();
    if let Some(cc) = &e.credit_code {
        out.push(("cc", Cow::Borrowed(cc.as_str())));
    }
    // 创业组 core members, of teams and of startup companies alike (the notice's rule is about
    // people, and a startup's certificate lists its core members too).
    if e.group == Some(Group::Startup) {
        out.reserve(2 * e.members.len());
        for m in &e.members {
            if let Some(id) = &m.id_number {
                out.push(("id", Cow::Borrowed(id.as_str())));
            } else if let (Some(n), Some(p)) = (&m.name, &m.phone) {
                out.push(("np", Cow::Owned(np_key(n, p))));
            }
            if let Some(n) = m.name.as_ref().filter(|n| !n.is_empty()) {
                out.push(("name", Cow::Borrowed(n.as_str())));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn np_key(name: &str, phone: &str) -> String {
    format!("{name}\u{1f}{phone}")
}

/// An entry as the cross-entry rules name it; its texts are spans of `CrossIndex::text` (one
/// buffer instead of three Strings per entry).
#[derive(Clone)]
struct Owner {
    /// Where the entry stands in the contest's order (first import, source row, id): messages list
    /// partners in this order whichever subset of entries the index holds.
    ord: (i64, i64, i64),
    key: Span,
    project_no: Option<Span>,
    project: Span,
}

#[derive(Clone, Copy)]
struct Span(u32, u32);

/// An entry a cross-entry rule names (an `Owner` with its texts).
struct Partner<'s> {
    project_no: Option<&'s str>,
    project: &'s str,
}

impl Partner<'_> {
    /// "编号（项目名称）" — made only for the few partners a message names, not for every entry.
    fn label(&self) -> String {
        let no = self.project_no.unwrap_or("无编号");
        let mut s = String::with_capacity(no.len() + self.project.len() + 6);
        s.push_str(no);
        s.push('（');
        s.push_str(self.project);
        s.push('）');
        s
    }
}

/// The entries under one key, in the contest's order after `finish`. Most keys (ID numbers,
/// credit codes) have one entry: it is held inline, not in a Vec of its own.
#[derive(Clone)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }

    fn push(&mut self, i: u32) {
        match self {
            Ids::One(first) => *self = Ids::Many(vec![*first, i]),
            Ids::Many(v) => v.push(i),
        }
    }
}

/// FxHash (as rustc uses): the cross-entry maps are keyed by ID numbers, codes and names built
/// by the import, not by anyone choosing keys to collide, and SipHash was a tenth of the pass.
#[derive(Clone, Copy, Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<V, K = String> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Indexes over the entries the cross-entry rules compare with: every current entry for a full
/// pass, or only the entries sharing a key with the ones re-screened. Owns its data, so entries
/// can be screened in slices against one index.
#[derive(Clone, Default)]
pub struct CrossIndex {
    owners: Vec<Owner>,
    /// The owners' keys, project numbers and names, one after another.
    text: String,
    /// Normalised ID number → 创业组 teams listing that person.
    members_by_id: FxMap<Ids>,
    /// (name, phone) → teams, for members without ID numbers.
    members_by_name_phone: FxMap<Ids>,
    members_by_name: FxMap<Ids>,
    /// Credit code → entries.
    by_credit_code: FxMap<Ids>,
}

impl CrossIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one entry (each entry once), in insertion order.
    pub fn add(&mut self, key: &str, e: &Entry) {
        let ord = (0, 0, self.owners.len() as i64);
        self.add_at(key, e, ord);
    }

    /// Adds one entry at its place in the contest's order; call `finish` after the last one.
    pub fn add_at(&mut self, key: &str, e: &Entry, ord: (i64, i64, i64)) {
        self.add_joined(key, e, ord);
    }

    /// [`add_at`](Self::add_at), telling whether the entry shares a cross-entry key with an entry
    /// added before it (a partner already known).
    pub fn add_joined(&mut self, key: &str, e: &Entry, ord: (i64, i64, i64)) -> bool {
        let keys = keys_of(e);
        if keys.is_empty() {
            return false;
        }
        let i = self.owners.len() as u32;
        let mut span = |s: &str| {
            let start = self.text.len() as u32;
            self.text.push_str(s);
            Span(start, s.len() as u32)
        };
        let owner = Owner {
            ord,
            key: span(key),
            project_no: e.project_no.as_deref().map(&mut span),
            project: span(e.project_name.as_deref().unwrap_or_default()),
        };
        self.owners.push(owner);
        let (owners, text) = (&self.owners, &self.text);
        let key_of = |o: u32| {
            let k = owners[o as usize].key;
            text.get(k.0 as usize..(k.0 + k.1) as usize).unwrap_or_default()
        };
        let mut joined = false;
        for (kind, value) in keys {
            let map = match kind {
                "cc" => &mut self.by_credit_code,
                "id" => &mut self.members_by_id,
                "np" => &mut self.members_by_name_phone,
                _ => &mut self.members_by_name,
            };
            match map.get_mut(&*value) {
                Some(list) => {
                    joined |= list.as_slice().iter().any(|o| key_of(*o) != key);
                    list.push(i)
                }
                None => {
                    map.insert(value.into_owned(), Ids::One(i));
                }
            }
        }
        joined
    }

    /// Puts each key's entries in the contest's order.
    pub fn finish(&mut self) {
        let owners = &self.owners;
        for map in [&mut self.members_by_id, &mut self.members_by_name_phone, &mut self.members_by_name, &mut self.by_credit_code] {
            for list in map.values_mut() {
                if let Ids::Many(list) = list {
                    list.sort_by_key(|i| owners[*i as usize].ord);
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.owners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }

    /// The keys of the entries that share a cross-entry key with another entry: the only ones whose
    /// R12/R15 findings differ from what they are for an entry alone.
    pub fn partnered(&self) -> std::collections::BTreeSet<&str> {
        let mut out = std::collections::BTreeSet::new();
        for map in [&self.members_by_id, &self.members_by_name_phone, &self.members_by_name, &self.by_credit_code] {
            for list in map.values().map(Ids::as_slice).filter(|l| l.len() > 1) {
                let first = self.text_of(self.owners[list[0] as usize].key);
                if list.iter().any(|i| self.text_of(self.owners[*i as usize].key) != first) {
                    out.extend(list.iter().map(|i| self.text_of(self.owners[*i as usize].key)));
                }
            }
        }
        out
    }

    fn text_of(&self, s: Span) -> &str {
        // Spans are made by `add_at` from whole strings: always in bounds and on char boundaries.
        self.text.get(s.0 as usize..(s.0 + s.1) as usize).unwrap_or_default()
    }

    fn others<'s>(&'s self, list: Option<&'s Ids>, key: &'s str) -> impl Iterator<Item = Partner<'s>> + 's {
        list.map(Ids::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|i| &self.owners[*i as usize])
            .filter(move |o| self.text_of(o.key) != key)
            .map(|o| Partner { project_no: o.project_no.map(|s| self.text_of(s)), project: self.text_of(o.project) })
    }
}

/// What the rules need besides the entry: settings, reference lists and indexes over the entries.
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub refs: &'a References,
    index: std::borrow::Cow<'a, CrossIndex>,
}

impl<'a> Context<'a> {
    /// A context whose cross-entry indexes cover exactly `inputs`.
    pub fn new(settings: &'a Settings, refs: &'a References, inputs: &[EntryInput<'a>]) -> Self {
        let mut index = CrossIndex::new();
        for i in inputs {
            index.add(i.key, i.entry);
        }
        index.finish();
        Context { settings, refs, index: std::borrow::Cow::Owned(index) }
    }

    /// A context over an index built beforehand (screening in slices).
    pub fn with_index(settings: &'a Settings, refs: &'a References, index: &'a CrossIndex) -> Self {
        Context { settings, refs, index: std::borrow::Cow::Borrowed(index) }
    }
}

fn finding(rule: &str, outcome: Outcome, message: impl Into<String>) -> Finding {
    Finding { rule: rule.into(), outcome, message: message.into() }
}

fn unchecked(rule: &str, what: &str) -> Finding {
    let mut m = String::with_capacity("未检查：".len() + what.len());
    m.push_str("未检查：");
    m.push_str(what);
    finding(rule, Outcome::Unchecked, m)
}

/// Runs every rule that applies to the entry, in rule order.
pub fn check_entry(input: &EntryInput, ctx: &Context) -> Vec<Finding> {
    // At most 16 findings: no regrowth.
    let mut out = Vec::with_capacity(16);
    let e = input.entry;
    let has = |f: &str| input.fields.contains(f);
    out.push(r01_site_status(e, has("site_status")));
    out.push(r02_deadline(e, has("registered_at"), ctx.settings));
    out.push(r03_provincial_winners(e, ctx));
    if e.kind == Kind::Company {
        out.push(region::r04_registered_in_changzhi(e, has("address"), has("credit_code")));
        out.push(r05_sme(e, has("industry")));
    }
    if e.group == Some(Group::Enterprise) {
        out.push(r06_on_market(e, has("on_market")));
        out.push(r07_ip_enterprise(e, has("ip_summary") || has("ip_holder"), has("ip_dispute")));
    }
    if e.group == Some(Group::Startup) {
        out.push(r08_ip_startup(e, has("ip_holder"), has("ip_dispute")));
    }
    let ix = ctx.refs.indexes();
    out.push(r09_indexed(e, ctx.refs.dishonesty.as_deref(), Some(&ix.dishonesty)));
    if e.group == Some(Group::Startup) && e.kind == Kind::Company {
        out.push(r10_startup_age(e, has("founded_on"), ctx.settings));
    }
    out.push(r11_group_fit(e, ctx.settings));
    if e.group == Some(Group::Startup) && (e.kind == Kind::Team || !e.members.is_empty()) {
        out.push(r12_one_team_per_person(input.key, e, ctx));
        out.push(r13_certificate_names(e));
    }
    out.push(r14_data_validity(input.problems));
    out.push(r15_duplicates(input.key, e, ctx));
    out.push(r16_indexed(e, ctx.refs.other_awards.as_deref(), Some(&ix.awards)));
    out
}

pub fn r01_site_status(e: &Entry, column: bool) -> Finding {
    if !column {
        return unchecked("R01", "报名表中没有“审核状态”列");
    }
    let Some(s) = e.site_status.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return finding("R01", Outcome::Review, "国家平台审核状态为空，无法确认已完成报名");
    };
    if s.contains("未通过") || s.contains("不通过") || s.contains("驳回") || s.contains("退回") {
        finding("R01", Outcome::Fail, format!("国家平台审核状态为“{s}”，未完成报名"))
    } else if s.contains("通过") || s.contains("成功") {
        finding("R01", Outcome::Pass, format!("国家平台审核状态为“{s}”"))
    } else {
        finding("R01", Outcome::Review, format!("国家平台审核状态为“{s}”，尚未审核通过"))
    }
}

pub fn r02_deadline(e: &Entry, column: bool, s: &Settings) -> Finding {
    if !column {
        return unchecked("R02", "报名表中没有“报名时间”列");
    }
    let Some(at) = e.registered_at else {
        return finding("R02", Outcome::Review, "报名时间为空或无法识别，无法确认是否在截止前报名");
    };
    let deadline = s.deadline.and_hms_opt(23, 59, 59).and_then(|d| beijing().from_local_datetime(&d).single());
    let shown = beijing_time_text(at);
    match deadline {
        Some(d) if at <= d => finding("R02", Outcome::Pass, format!("报名时间 {shown}，在截止时间 {} 23:59:59 之前", s.deadline)),
        _ => finding("R02", Outcome::Fail, format!("报名时间 {shown}，晚于截止时间 {} 23:59:59（北京时间）", s.deadline)),
    }
}

/// "%Y-%m-%d %H:%M:%S" in Beijing time, written by hand for the usual years (chrono's formatter
/// was a tenth of a screening pass); other years and leap seconds go through chrono.
fn beijing_time_text(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    use chrono::Timelike;
    let t = at.with_timezone(&beijing()).naive_local();
    if !(1000..=9999).contains(&t.year()) || t.nanosecond() >= 1_000_000_000 {
        return t.format("%Y-%m-%d %H:%M:%S").to_string();
    }
    let mut out = String::with_capacity(19);
    let two = |out: &mut String, sep: char, n: u32| {
        out.push(sep);
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    let y = t.year() as u32;
    out.push(char::from(b'0' + (y / 1000) as u8));
    out.push(char::from(b'0' + (y / 100 % 10) as u8));
    out.push(char::from(b'0' + (y / 10 % 10) as u8));
    out.push(char::from(b'0' + (y % 10) as u8));
    two(&mut out, '-', t.month());
    two(&mut out, '-', t.day());
    two(&mut out, ' ', t.hour());
    two(&mut out, ':', t.minute());
    two(&mut out, ':', t.second());
    out
}

/// R05: SME per 《中小企业划型标准规定》; always names the size class and the thresholds used.
pub fn r05_sme(e: &Entry, industry_column: bool) -> Finding {
    if !industry_column {
        return unchecked("R05", "报名表中没有“所属行业”列，无法按《中小企业划型标准规定》划型");
    }
    let Some(text) = e.industry.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return finding("R05", Outcome::Review, "所属行业为空，无法按《中小企业划型标准规定》划型，请核实");
    };
    sme::with_industry_group(text, |m| r05_sized(e, text, m))
}

fn r05_sized(e: &Entry, text: &str, m: Option<&sme::IndustryMatch>) -> Finding {
    let Some(m) = m else {
        return finding("R05", Outcome::Review, format!("无法识别所属行业“{text}”对应的划型行业，请人工判断企业规模"));
    };
    let c = match &m.group {
        sme::IndustryGroup::Covered { id, .. } => sme::classify(*id, e.employees, e.revenue_wan, e.assets_wan),
        sme::IndustryGroup::NotCovered { category } => {
            return finding("R05", Outcome::Review, format!("所属行业“{text}”属于{category}，不适用《中小企业划型标准规定》，请人工判断"));
        }
        sme::IndustryGroup::Ambiguous { ids } => match sme::classify_candidates(ids, e.employees, e.revenue_wan, e.assets_wan) {
            Some(c) => c,
            None => {
                return finding(
                    "R05",
                    Outcome::Review,
                    format!("所属行业“{text}”可能属于多个划型行业（{}），且划型结果不同，请人工判断", m.explanation),
                )
            }
        },
    };
    let size = c.size.label();
    let mut message = String::with_capacity("规模：。".len() + size.len() + c.explanation.len());
    message.push_str("规模：");
    message.push_str(size);
    message.push('。');
    message.push_str(&c.explanation);
    let outcome = match c.size.is_sme() {
        Some(false) => Outcome::Fail,
        Some(true) => Outcome::Pass,
        None => Outcome::Review,
    };
    finding("R05", outcome, message)
}

pub fn r06_on_market(e: &Entry, column: bool) -> Finding {
    if !column {
        return unchecked("R06", "报名表中没有“是否已进入市场”列");
    }
    match e.on_market {
        Some(true) => finding("R06", Outcome::Pass, "参赛项目已进入市场"),
        Some(false) => finding("R06", Outcome::Fail, "企业组要求参赛项目已进入市场，报名表填写为“否”"),
        None => finding("R06", Outcome::Review, "“是否已进入市场”未填写，请核实"),
    }
}

fn says_none(s: &str) -> bool {
    let t = name_key(s);
    t.is_empty() || matches!(t.as_str(), "无" | "暂无" | "没有" | "否" | "0" | "无知识产权")
}

pub fn r07_ip_enterprise(e: &Entry, ip_columns: bool, dispute_column: bool) -> Finding {
    if !ip_columns && !dispute_column {
        return unchecked("R07", "报名表中没有知识产权相关列");
    }
    if e.ip_dispute == Some(true) {
        return finding("R07", Outcome::Fail, "报名表填写存在知识产权纠纷");
    }
    if let Some(summary) = e.ip_summary.as_deref() {
        if says_none(summary) {
            return finding("R07", Outcome::Fail, format!("知识产权情况填写为“{summary}”，企业组要求拥有自主知识产权"));
        }
    }
    // `name_similarity` is `similarity_of_keys` of the two `name_key`s: each key made once.
    let differs = |h: &str, n: &str| {
        let (hk, nk) = (name_key(h), name_key(n));
        hk != nk && similarity_of_keys(&hk, &nk) < 0.9
    };
    match (e.ip_holder.as_deref(), e.entrant_name.as_deref()) {
        (Some(h), Some(n)) if differs(h, n) => {
            finding("R07", Outcome::Review, format!("知识产权权利人“{h}”与报名企业“{n}”不一致，需核实知识产权是否隶属于报名企业"))
        }
        (Some(h), _) => finding("R07", Outcome::Pass, format!("知识产权权利人为报名企业“{h}”")),
        (None, _) if e.ip_summary.is_none() => finding("R07", Outcome::Review, "知识产权情况和权利人均未填写，请核实"),
        (None, _) => finding("R07", Outcome::Review, "未填写知识产权权利人，无法确认知识产权隶属于报名企业"),
    }
}

pub fn r08_ip_startup(e: &Entry, holder_column: bool, dispute_column: bool) -> Finding {
    if !holder_column && !dispute_column {
        return unchecked("R08", "报名表中没有知识产权相关列");
    }
    if e.ip_dispute == Some(true) {
        return finding("R08", Outcome::Fail, "报名表填写存在知识产权纠纷");
    }
    let Some(h) = e.ip_holder.as_deref().filter(|h| !says_none(h)) else {
        return finding("R08", Outcome::Pass, "未填写知识产权权利人，无纠纷");
    };
    let hk = name_key(h);
    let member = e.members.iter().filter_map(|m| m.name.as_deref()).find(|n| !n.is_empty() && hk.contains(&name_key(n)));
    let company = e.entrant_name.as_deref().filter(|n| {
        let nk = name_key(n);
        nk == hk || similarity_of_keys(&nk, &hk) >= 0.9
    });
    match (member, company) {
        (Some(m), _) => finding("R08", Outcome::Pass, format!("知识产权权利人“{h}”为团队核心成员{m}")),
        (_, Some(c)) => finding("R08", Outcome::Pass, format!("知识产权权利人为参赛主体“{c}”")),
        _ => finding("R08", Outcome::Review, format!("知识产权权利人“{h}”不是团队核心成员或参赛主体，需核实归属")),
    }
}

/// Same entrant: the credit code when both have one, else the normalised name.
fn same_entrant(e: &Entry, entrant: Option<&Named>, listed: Option<&Named>, code: Option<&str>) -> bool {
    match (e.credit_code.as_deref(), code) {
        (Some(a), Some(b)) => a == b,
        _ => match (entrant, listed) {
            (Some(a), Some(b)) => a.key == b.key || similarity_at_least(a, b, 0.9) >= 0.9,
            _ => false,
        },
    }
}

pub fn r03_provincial_winners(e: &Entry, ctx: &Context) -> Finding {
    let Some(list) = ctx.refs.provincial_winners.as_deref() else {
        return unchecked("R03", "未导入近三届省赛获奖名单");
    };
    let ix = &ctx.refs.indexes().winners;
    let year = ctx.settings.year;
    let (from, to) = (year - 3, year - 1);
    let project = e.project_name.clone().unwrap_or_default();
    let project_key = Named::owned(&project);
    let entrant_key = e.entrant_name.as_deref().map(Named::owned);
    let mut worst: Option<(Outcome, String)> = None;
    let in_window = ix.years.iter().filter(|y| y.map(|y| y >= from as i64 && y <= to as i64).unwrap_or(true)).count();
    // A row says something only when its project is similar (≥ 0.6) or its entrant is the same
    // (same credit code when both have one, else a name ≥ 0.9 alike): only those rows are read.
    let mut rows = Vec::new();
    if !project.is_empty() {
        ix.project.similar(&project_key, 0.6, &mut rows);
    }
    if let Some(cc) = e.credit_code.as_deref() {
        rows.extend_from_slice(ix.code_rows(cc));
    }
    if let Some(k) = &entrant_key {
        let mut named = Vec::new();
        ix.entrant.similar(k, 0.9, &mut named);
        rows.extend(named.into_iter().filter(|&i| e.credit_code.is_none() || ix.codes[i as usize].is_none()));
    }
    for i in in_order(rows) {
        let w = &list[i as usize];
        let y = ix.years[i as usize];
        if let Some(y) = y {
            if y < from as i64 || y > to as i64 {
                continue;
            }
        }
        let wp = ref_text(w, "project_name").unwrap_or("");
        let listed = ix.entrant.keys[i as usize].as_ref();
        let entrant = same_entrant(e, entrant_key.as_ref(), listed, ix.codes[i as usize].as_deref());
        // Once a row said 需复核, only a 不通过 (same entrant, same project ≥ 0.9) changes the
        // finding: other entrants' rows are not compared, and projects only as far as 0.9.
        let review_found = worst.as_ref().is_some_and(|(w, _)| *w == Outcome::Review);
        if review_found && !entrant {
            continue;
        }
        let listed_project = ix.project.keys[i as usize].as_ref();
        let sim = match listed_project {
            Some(p) if !project.is_empty() => similarity_at_least(p, &project_key, if review_found { 0.9 } else { 0.6 }),
            _ => 0.0,
        };
        let same_project = sim >= 0.9;
        let similar = sim >= 0.6;
        // Formatted only for a row that matches: most rows of the list do not.
        let record = || {
            format!(
                "{}年 {}“{}”（{}）",
                y.map(|y| y.to_string()).unwrap_or_else(|| "年份不详".into()),
                ref_text(w, "entrant_name").unwrap_or("?"),
                wp,
                ref_text(w, "prize").unwrap_or("获奖")
            )
        };
        let o = match (entrant, same_project, similar) {
            (true, true, _) => Outcome::Fail,
            (true, false, true) | (false, _, true) => Outcome::Review,
            (true, false, false) => Outcome::Warn,
            _ => continue,
        };
        // The first of the worst rows is reported: a row no worse than it is not formatted.
        if worst.as_ref().is_some_and(|(w, _)| o <= *w) {
            continue;
        }
        let m = match (entrant, same_project, similar) {
            (true, true, _) => format!("近三届省赛获奖项目不得重复报名：省赛获奖记录 {}，与本项目为同一参赛主体、同一项目", record()),
            (true, false, true) => format!("同一参赛主体曾获省赛奖项，项目名称相似（{:.0}%）：{}，请核实是否为同一项目", sim * 100.0, record()),
            (false, _, true) => format!("项目名称与省赛获奖项目相似（{:.0}%）：{}，参赛主体不同，请核实", sim * 100.0, record()),
            _ => format!("同一参赛主体曾获省赛奖项，但项目明显不同：{}", record()),
        };
        worst = Some((o, m));
        if o == Outcome::Fail {
            // Nothing is worse: the rows after it cannot change the finding.
            break;
        }
    }
    match worst {
        Some((o, m)) => finding("R03", o, m),
        None => finding("R03", Outcome::Pass, format!("未出现在{from}–{to}年省赛获奖名单中（共 {in_window} 条记录）")),
    }
}

pub fn r09_dishonesty(e: &Entry, list: Option<&[RefRow]>) -> Finding {
    let ix = list.map(|l| ListIndex::new(l, "", "name", "code"));
    r09_indexed(e, list, ix.as_ref())
}

/// R09 over the list's index (made once per screening in `References`).
fn r09_indexed(e: &Entry, list: Option<&[RefRow]>, ix: Option<&ListIndex>) -> Finding {
    if e.dishonesty_declared == Some(true) {
        return finding("R09", Outcome::Fail, "报名表自报存在失信记录");
    }
    let (Some(list), Some(ix)) = (list, ix) else {
        return unchecked("R09", "未导入失信名单");
    };
    let people: Vec<&crate::model::Person> = e.members.iter().chain(e.leader.iter()).collect();
    let entrant_key = e.entrant_name.as_deref().map(name_key);
    // Only rows with the entry's code, a person's ID number, the entrant's normalised name or a
    // person's name can say anything: those rows, in list order.
    let mut rows = Vec::new();
    for c in e.credit_code.iter().chain(people.iter().filter_map(|p| p.id_number.as_ref())) {
        rows.extend_from_slice(ix.code_rows(c));
    }
    if let Some(k) = &entrant_key {
        rows.extend(ix.entrant.by_key.get(k).into_iter().flatten());
    }
    for n in people.iter().filter_map(|p| p.name.as_ref()) {
        rows.extend(ix.entrant.by_text.get(n).into_iter().flatten());
    }
    let mut review = None;
    for i in in_order(rows) {
        let r = &list[i as usize];
        let code = ref_text(r, "code");
        let name = ref_text(r, "name");
        // Formatted only for a row that matches.
        let when = || ref_text(r, "date").map(|d| format!("，列入日期 {d}")).unwrap_or_default();
        let source = || ref_text(r, "source").map(|s| format!("，来源：{s}")).unwrap_or_default();
        if let Some(c) = code {
            if e.credit_code.as_deref() == Some(c) {
                return finding("R09", Outcome::Fail, format!("统一社会信用代码 {c} 在失信名单中（{}{}{}）", name.unwrap_or(""), when(), source()));
            }
            if let Some(p) = people.iter().find(|p| p.id_number.as_deref() == Some(c)) {
                let who = p.name.clone().unwrap_or_default();
                return finding("R09", Outcome::Fail, format!("团队成员{who}的身份证号在失信名单中{}{}", when(), source()));
            }
        }
        if let Some(n) = name {
            let listed = ix.entrant.keys[i as usize].as_ref().map(|k| &*k.key);
            let entrant = entrant_key.as_deref().map(|x| Some(x) == listed).unwrap_or(false);
            let person = people.iter().any(|p| p.name.as_deref() == Some(n));
            if (entrant || person) && review.is_none() {
                review = Some(format!("名称“{n}”与失信名单中的记录同名（无代码或证件号可比对{}{}），请人工核实是否为同一主体", when(), source()));
            }
        }
    }
    match review {
        Some(m) => finding("R09", Outcome::Review, m),
        None => finding("R09", Outcome::Pass, format!("未出现在失信名单中（共 {} 条记录；自报无失信记录）", list.len())),
    }
}

pub fn r16_other_awards(e: &Entry, list: Option<&[RefRow]>) -> Finding {
    let ix = list.map(|l| ListIndex::new(l, "project_name", "entrant_name", ""));
    r16_indexed(e, list, ix.as_ref())
}

/// R16 over the list's index (made once per screening in `References`).
fn r16_indexed(e: &Entry, list: Option<&[RefRow]>, ix: Option<&ListIndex>) -> Finding {
    let (Some(list), Some(ix)) = (list, ix) else {
        return unchecked("R16", "未导入本年度其他市级赛事获奖名单");
    };
    let project_key = Named::owned(e.project_name.as_deref().unwrap_or(""));
    let entrant_key = e.entrant_name.as_deref().map(Named::owned);
    // A row matches only with a project name at least 0.6 alike: only those rows, in list order.
    let mut rows = Vec::new();
    ix.project.similar(&project_key, 0.6, &mut rows);
    for i in in_order(rows) {
        let a = &list[i as usize];
        let listed = ix.entrant.keys[i as usize].as_ref();
        let entrant = same_entrant(e, entrant_key.as_ref(), listed, None);
        // Another entrant's row counts only from 0.9: compared only as far as that.
        let min = if entrant { 0.6 } else { 0.9 };
        let sim = ix.project.keys[i as usize].as_ref().map(|p| similarity_at_least(p, &project_key, min)).unwrap_or(0.0);
        if entrant && sim >= 0.6 || sim >= 0.9 {
            return finding(
                "R16",
                Outcome::Warn,
                format!(
                    "本年度已在“{}”获{}（{}“{}”）：按通知不再重复资金奖励",
                    ref_text(a, "contest").unwrap_or("其他市级赛事"),
                    ref_text(a, "prize").unwrap_or("奖"),
                    ref_text(a, "entrant_name").unwrap_or(""),
                    ref_text(a, "project_name").unwrap_or("")
                ),
            );
        }
    }
    finding("R16", Outcome::Pass, format!("未出现在本年度其他市级赛事获奖名单中（共 {} 条记录）", list.len()))
}

/// The second anniversary of a founding date; 29 February → 28 February.
pub fn second_anniversary(founded: NaiveDate) -> NaiveDate {
    let y = founded.year() + 2;
    NaiveDate::from_ymd_opt(y, founded.month(), founded.day()).or_else(|| NaiveDate::from_ymd_opt(y, founded.month(), 28)).unwrap_or(founded)
}

pub fn r10_startup_age(e: &Entry, column: bool, s: &Settings) -> Finding {
    if !column {
        return unchecked("R10", "报名表中没有“成立日期”列");
    }
    let Some(f) = e.founded_on else {
        return finding("R10", Outcome::Review, "创业组初创企业的成立日期为空或无法识别，请核实");
    };
    let earliest = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(f);
    let ann = second_anniversary(f);
    let refd = s.reference_date;
    if f < earliest {
        finding("R10", Outcome::Fail, format!("成立日期 {f}，早于 2024-01-01，不符合创业组初创企业条件；如符合企业组条件，建议改报企业组"))
    } else if ann <= refd {
        finding("R10", Outcome::Fail, format!("成立日期 {f}，至基准日 {refd} 已满2年（满2年之日 {ann}）；如符合企业组条件，建议改报企业组"))
    } else {
        finding("R10", Outcome::Pass, format!("成立日期 {f}，至基准日 {refd} 不满2年（满2年之日 {ann}）"))
    }
}

pub fn r11_group_fit(e: &Entry, s: &Settings) -> Finding {
    let Some(g) = e.group else {
        return finding("R11", Outcome::Review, "参赛组别为空或无法识别，请核实");
    };
    match (g, e.kind, e.credit_code.as_deref()) {
        (Group::Enterprise, Kind::Team, _) => finding("R11", Outcome::Fail, "企业组参赛主体须为企业，该项目为团队（无统一社会信用代码）"),
        (Group::Enterprise, Kind::Company, Some(cc)) if cc.starts_with("91") => {
            finding("R11", Outcome::Pass, format!("企业组，统一社会信用代码 {cc} 为企业"))
        }
        (Group::Enterprise, Kind::Company, Some(cc)) if cc.starts_with("92") => match s.individual_business_in_enterprise_group.as_str() {
            "allow" => finding("R11", Outcome::Pass, format!("统一社会信用代码 {cc} 为个体工商户，按赛事设置允许参加企业组")),
            "refuse" => finding("R11", Outcome::Fail, format!("统一社会信用代码 {cc} 为个体工商户，按赛事设置不可参加企业组")),
            _ => finding("R11", Outcome::Review, format!("统一社会信用代码 {cc} 以 92 开头，为个体工商户，是否可参加企业组需人工确认")),
        },
        (Group::Enterprise, Kind::Company, Some(cc)) => {
            finding("R11", Outcome::Review, format!("统一社会信用代码 {cc} 不以 91 开头，可能不是企业，请核实"))
        }
        (Group::Enterprise, Kind::Company, None) => finding("R11", Outcome::Review, "企业组的统一社会信用代码未填写或无法读取（见 R14），请核实"),
        (Group::Startup, Kind::Company, _) => finding("R11", Outcome::Pass, "创业组初创企业（成立时间见 R10）"),
        (Group::Startup, Kind::Team, _) => finding("R11", Outcome::Pass, "创业组创客团队"),
    }
}

pub fn r12_one_team_per_person(key: &str, e: &Entry, ctx: &Context) -> Finding {
    let idx = &*ctx.index;
    let others = |list: Option<&Ids>| -> Vec<String> { idx.others(list, key).map(|o| o.label()).collect() };
    let mut review = Vec::new();
    let mut warn = Vec::new();
    for m in &e.members {
        let name = m.name.as_deref().unwrap_or_default();
        if let Some(id) = &m.id_number {
            let o = others(idx.members_by_id.get(id));
            if !o.is_empty() {
                review.push(format!("{name}（身份证号相同）同时是{}的核心成员", o.join("、")));
                continue;
            }
        } else if let (Some(n), Some(p)) = (&m.name, &m.phone) {
            let o = others(idx.members_by_name_phone.get(&np_key(n, p)));
            if !o.is_empty() {
                review.push(format!("{name}（姓名和手机号相同）同时是{}的核心成员", o.join("、")));
                continue;
            }
        }
        if !name.is_empty() {
            let o = others(idx.members_by_name.get(name));
            if !o.is_empty() {
                warn.push(format!("{name}与{}的成员同名", o.join("、")));
            }
        }
    }
    if !review.is_empty() {
        finding("R12", Outcome::Review, format!("同一人员不得作为多个团队核心成员：{}", review.join("；")))
    } else if !warn.is_empty() {
        finding("R12", Outcome::Warn, format!("{}（仅姓名相同，可能不是同一人）", warn.join("；")))
    } else {
        finding("R12", Outcome::Pass, format!("{} 名核心成员均未出现在其他团队", e.members.len()))
    }
}

pub fn r13_certificate_names(e: &Entry) -> Finding {
    let n = e.members.len();
    if n > 7 {
        finding("R13", Outcome::Warn, format!("团队有 {n} 名核心成员，获奖证书最多列 7 人，打印证书前需选定 7 人"))
    } else {
        finding("R13", Outcome::Pass, format!("团队核心成员 {n} 人（证书最多 7 人）"))
    }
}

const DATA_CODES: &[&str] = &[
    "ID_DAMAGED",
    "ID_CHECK",
    "ID_FORMAT",
    "CREDIT_CODE_DAMAGED",
    "CREDIT_CODE_CHECK",
    "CREDIT_CODE_FORMAT",
    "DATE_UNPARSED",
    "NUMBER_UNPARSED",
    "NUMBER_IMPOSSIBLE",
    "CELL_ERROR",
    "BOOL_UNPARSED",
    "GROUP_UNKNOWN",
    // Members' IDs that could not be paired with the names: R12 cannot see those people.
    "MEMBERS_COUNT_MISMATCH",
];

pub fn r14_data_validity(problems: &[Problem]) -> Finding {
    let bad: Vec<String> = problems
        .iter()
        .filter(|p| DATA_CODES.contains(&p.code.as_str()))
        .map(|p| format!("{} 第{}行 {}：{}", p.sheet, p.row.unwrap_or(0), p.column.clone().unwrap_or_default(), p.message))
        .collect();
    if bad.is_empty() {
        finding("R14", Outcome::Pass, "证件号码、信用代码、日期和数值均可识别且校验通过")
    } else {
        finding("R14", Outcome::Review, format!("数据需核实：{}", bad.join("；")))
    }
}

pub fn r15_duplicates(key: &str, e: &Entry, ctx: &Context) -> Finding {
    let Some(cc) = &e.credit_code else {
        return finding("R15", Outcome::Pass, "无重复报名");
    };
    let name = e.project_name.as_deref().unwrap_or_default();
    let idx = &*ctx.index;
    let dups: Vec<String> = idx
        .others(idx.by_credit_code.get(cc), key)
        .map(|o| {
            let sim = name_similarity(o.project, name);
            (o, sim)
        })
        .filter(|(_, sim)| *sim >= 0.6)
        .map(|(o, sim)| format!("{}（项目名称相似度 {:.0}%）", o.label(), sim * 100.0))
        .collect();
    if dups.is_empty() {
        finding("R15", Outcome::Pass, "无重复报名")
    } else {
        finding("R15", Outcome::Review, format!("同一统一社会信用代码 {cc} 以相似项目重复报名：{}", dups.join("、")))
    }
}

#[cfg(test)]
mod tests;
