//! Screening (SPEC §3): which rules say what about each entry. The rules run in the action that
//! changed their inputs (`actions::screening::rescreen`, in that action's transaction), and the
//! result is stored: each current entry's automatic verdict with its findings, a history row
//! whenever they change, and a run per re-screening. This module holds the read side: `check`
//! (what the 资格审查 page lists) reads the stored findings instead of running the rules, and the
//! pure pieces the action uses to screen entries in slices or only those a change affects.
use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::error::Result;
use crate::import::MappingChoice;
use crate::model::Entry;
use crate::model::Problem;
use crate::model::{Finding, Outcome, Verdict};
use crate::reference::{self, RefKind};
use crate::rules::{check_entry, cross_keys, Context, CrossIndex, EntryInput, References};
use crate::settings::{self, Settings};
use crate::store::verdicts::{self as stored, EntryRow};
use crate::store::Store;
use rusqlite::Connection;

pub use crate::store::verdicts::{Decision, HistoryItem, Run};

/// How many entries a full pass loads and screens at a time: memory stays bounded for the
/// 100,000-entry import (SPEC §12 "in slices").
pub const SLICE: usize = 2_000;

/// One entry's screening result (SPEC §11 `check --json` shape, plus what the window shows).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct EntryVerdict {
    pub project_no: Option<String>,
    pub key: String,
    pub group: Option<crate::model::Group>,
    pub project_name: Option<String>,
    pub entrant_name: Option<String>,
    pub unit: Option<String>,
    /// The effective verdict: the person's decision when there is one.
    pub verdict: Verdict,
    /// The rules' own verdict.
    pub auto_verdict: Verdict,
    pub decided_by_person: bool,
    pub needs_reconfirmation: bool,
    pub decision: Option<Decision>,
    pub findings: Vec<Finding>,
    /// What the organizing units' recommendation list says about this entry (when imported):
    /// who recommended it, or that no unit's list names it. Advisory, not a rule.
    pub recommendation: Option<String>,
    /// 取消资格 with its reason, when the entry was disqualified.
    pub disqualified: Option<String>,
}

/// What the rules read besides the entries: settings, the reference lists, and which canonical
/// fields each import had (a rule without its column is 未检查). Loaded once per re-screening.
pub struct Inputs {
    pub settings: Settings,
    pub refs: References,
    fields: HashMap<i64, HashSet<String>>,
    no_fields: HashSet<String>,
}

impl Inputs {
    pub fn load(conn: &Connection) -> Result<Inputs> {
        let mut fields = HashMap::new();
        for (id, mapping) in stored::import_mappings(conn)? {
            // A mapping that cannot be read counts as no columns: its rules say 未检查, never pass.
            let choices: Vec<MappingChoice> = serde_json::from_str(&mapping).unwrap_or_default();
            fields.insert(id, choices.into_iter().filter_map(|m| m.field).collect());
        }
        Ok(Inputs {
            settings: settings::load_from(conn)?,
            refs: References {
                provincial_winners: reference::rows_in(conn, RefKind::ProvincialWinners)?,
                dishonesty: reference::rows_in(conn, RefKind::Dishonesty)?,
                other_awards: reference::rows_in(conn, RefKind::OtherAwards)?,
                ..Default::default()
            },
            fields,
            no_fields: HashSet::new(),
        })
    }

    fn fields(&self, import_id: i64) -> &HashSet<String> {
        self.fields.get(&import_id).unwrap_or(&self.no_fields)
    }
}

/// Every rule on one entry, against a cross-entry index that holds (at least) its partners.
pub fn findings_of(row: &EntryRow, problems: &[Problem], inputs: &Inputs, index: &CrossIndex) -> Vec<Finding> {
    findings_with(&row.key, &row.entry, problems, inputs.fields(row.import_id), inputs, index)
}

/// Every rule on one entry read by an import whose mapped fields are `fields` (the import being
/// applied, whose mapping `Inputs` has not seen yet).
pub fn findings_with(key: &str, entry: &Entry, problems: &[Problem], fields: &HashSet<String>, inputs: &Inputs, index: &CrossIndex) -> Vec<Finding> {
    let input = EntryInput { key, entry, fields, problems };
    check_entry(&input, &Context::with_index(&inputs.settings, &inputs.refs, index))
}

/// One entry's result in its stored form.
pub struct Screened {
    pub verdict: Verdict,
    /// The findings as stored (JSON) and the hash that tells whether they changed.
    pub json: String,
    pub hash: String,
}

impl Screened {
    pub fn of(findings: &[Finding]) -> Screened {
        let verdict = crate::model::verdict_of(findings);
        let (json, hash) = findings_record(verdict, findings);
        Screened { verdict, json, hash }
    }
}

/// An entry screened as an import reads it, before the other entries of the file are known: the
/// cross-entry rules (R12, R15) see no partner. Exact for every entry that shares no cross-entry key
/// with another; the import re-screens the others once the whole file is in (`CrossIndex::partnered`).
pub fn provisional(key: &str, entry: &Entry, problems: &[Problem], fields: &HashSet<String>, inputs: &Inputs) -> Screened {
    static ALONE: std::sync::OnceLock<CrossIndex> = std::sync::OnceLock::new();
    let alone = ALONE.get_or_init(|| {
        let mut i = CrossIndex::new();
        i.finish();
        i
    });
    Screened::of(&findings_with(key, entry, problems, fields, inputs, alone))
}

/// One screening pass over entries already loaded (the rules only: no loading, no storing).
pub fn screen_loaded(rows: &[EntryRow], problems: &HashMap<String, Vec<Problem>>, inputs: &Inputs) -> Vec<Vec<Finding>> {
    let mut index = CrossIndex::new();
    for r in rows {
        index.add_at(&r.key, &r.entry, r.ord);
    }
    index.finish();
    rows.iter().map(|r| findings_of(r, problems.get(&r.key).map(Vec::as_slice).unwrap_or(&[]), inputs, &index)).collect()
}

/// The cross-entry index over every current entry, read in slices (the second pass screens the
/// same slices against it). Also hands each entry's keys to `each` (the action stores them).
pub fn full_index(conn: &Connection, mut each: impl FnMut(&str, &[(&'static str, String)]) -> Result<()>) -> Result<CrossIndex> {
    let mut index = CrossIndex::new();
    let mut after = 0;
    loop {
        let rows = stored::current_entries_after(conn, after, SLICE)?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        for r in &rows {
            index.add_at(&r.key, &r.entry, r.ord);
            each(&r.key, &cross_keys(&r.entry))?;
        }
    }
    index.finish();
    Ok(index)
}

/// The entries a change to `keys` affects: those entries, and every entry the cross-entry rules
/// link to them — under their current keys and under the keys stored at their last screening
/// (a changed credit code leaves the old partners to be re-screened too). Indexed lookups only.
pub fn affected(conn: &Connection, keys: &[String]) -> Result<BTreeSet<String>> {
    let mut out: BTreeSet<String> = keys.iter().cloned().collect();
    for k in keys {
        let mut links: Vec<(String, String)> = stored::keys_of(conn, k)?;
        if let Some(row) = stored::current_entry(conn, k)? {
            links.extend(cross_keys(&row.entry).into_iter().map(|(kind, v)| (kind.to_string(), v)));
        }
        for (kind, value) in links {
            out.extend(stored::entries_with_key(conn, &kind, &value)?);
        }
    }
    Ok(out)
}

/// Screens the given current entries against an index of them and of every entry sharing a key
/// with them (read from the stored keys), so their cross-entry findings are those a full pass gives.
pub fn screen_some(conn: &Connection, rows: &[EntryRow], inputs: &Inputs) -> Result<Vec<Vec<Finding>>> {
    let own: HashSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let mut index = CrossIndex::new();
    let mut seen: HashSet<String> = HashSet::new();
    for r in rows {
        index.add_at(&r.key, &r.entry, r.ord);
        for (kind, value) in cross_keys(&r.entry) {
            for partner in stored::entries_with_key(conn, kind, &value)? {
                if own.contains(partner.as_str()) || !seen.insert(partner.clone()) {
                    continue;
                }
                if let Some(p) = stored::current_entry(conn, &partner)? {
                    index.add_at(&p.key, &p.entry, p.ord);
                }
            }
        }
    }
    index.finish();
    rows.iter().map(|r| Ok(findings_of(r, &stored::problems_of(conn, &r.key, r.import_id)?, inputs, &index))).collect()
}

/// The stored form of a result: the findings as JSON and the hash that tells whether they changed.
pub fn findings_record(verdict: Verdict, findings: &[Finding]) -> (String, String) {
    // Findings are plain strings and enums: serialising cannot fail.
    let json = serde_json::to_string(findings).unwrap_or_else(|_| "[]".into());
    let code = stored::verdict_code(verdict);
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(format!("{code}\n{json}").as_bytes()));
    (json, hash)
}

/// What the 资格审查 page lists: every current entry with its stored automatic verdict and
/// findings, the person's decision in force and the advisory notes. Reads the stored verdicts —
/// the actions keep them current; an entry never screened (a contest file written by hand) is
/// screened here for the answer but not stored.
pub fn check(store: &Store) -> Result<Vec<EntryVerdict>> {
    let conn = store.conn();
    let rows = stored::current_entries(conn)?;
    let mut found = stored::stored_findings(conn)?;
    let unscreened: Vec<&EntryRow> = rows.iter().filter(|r| !found.contains_key(&r.key)).collect();
    if !unscreened.is_empty() {
        let inputs = Inputs::load(conn)?;
        let mut index = CrossIndex::new();
        // Entries never screened have no stored keys: compare them with every current entry.
        for r in &rows {
            index.add_at(&r.key, &r.entry, r.ord);
        }
        index.finish();
        for r in unscreened {
            let f = findings_of(r, &stored::problems_of(conn, &r.key, r.import_id)?, &inputs, &index);
            found.insert(r.key.clone(), (crate::model::verdict_of(&f), f));
        }
    }
    let decided = stored::decisions(conn)?;
    let recommendations = reference::rows_in(conn, RefKind::Recommendations)?;
    let dq = stored::disqualified(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (auto, findings) = found.remove(&row.key).unwrap_or((Verdict::Review, Vec::new()));
        let decision = decided.get(&row.key);
        let e = &row.entry;
        out.push(EntryVerdict {
            project_no: e.project_no.clone(),
            key: row.key.clone(),
            group: e.group,
            project_name: e.project_name.clone(),
            entrant_name: e.entrant_name.clone(),
            unit: e.unit.clone(),
            verdict: decision.map(|(d, _)| d.verdict).unwrap_or(auto),
            auto_verdict: auto,
            decided_by_person: decision.is_some(),
            needs_reconfirmation: decision.map(|(_, h)| *h != row.hash).unwrap_or(false),
            decision: decision.map(|(d, _)| d.clone()),
            findings,
            recommendation: recommendations.as_deref().map(|list| recommendation_note(e, list)),
            disqualified: dq.get(&row.key).cloned(),
        });
    }
    Ok(out)
}

/// Contest-level warnings: rules that are 未检查 for some entries, e.g. "R09 未检查：未导入失信名单".
pub fn unchecked_summary(verdicts: &[EntryVerdict]) -> Vec<String> {
    let mut seen: Vec<(String, String, usize)> = Vec::new();
    for f in verdicts.iter().flat_map(|v| &v.findings).filter(|f| f.outcome == Outcome::Unchecked) {
        match seen.iter_mut().find(|(r, m, _)| *r == f.rule && *m == f.message) {
            Some(s) => s.2 += 1,
            None => seen.push((f.rule.clone(), f.message.clone(), 1)),
        }
    }
    seen.into_iter().map(|(r, m, n)| format!("{r} {m}（{n} 个项目）")).collect()
}

fn field<'a>(row: &'a reference::RefRow, key: &str) -> Option<&'a str> {
    row.get(key).and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty())
}

/// Looks the entry up in the organizing units' recommendation lists: same entrant (normalised
/// name) and the same or a similar project name. Says which unit listed it and whether that agrees
/// with the 推荐单位 the entry gave.
pub fn recommendation_note(e: &Entry, list: &[reference::RefRow]) -> String {
    use crate::text::{name_key, name_similarity};
    let entrant = e.entrant_name.as_deref().map(name_key).unwrap_or_default();
    let project = e.project_name.as_deref().unwrap_or("");
    let hit = list.iter().find(|r| {
        let same_entrant = !entrant.is_empty() && field(r, "entrant_name").map(name_key).as_deref() == Some(entrant.as_str());
        let similar_project = field(r, "project_name").map(|p| name_similarity(p, project) >= 0.8).unwrap_or(false);
        same_entrant && similar_project
    });
    let Some(r) = hit else {
        return "组织单位推荐名单中未找到此项目（按参赛主体和项目名称查找）".into();
    };
    let listed = field(r, "unit").unwrap_or("（未填写推荐单位）");
    match e.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(u) if name_key(u) == name_key(listed) => format!("由“{listed}”推荐，与报名表一致"),
        Some(u) => format!("推荐名单中由“{listed}”推荐，报名表填写的推荐单位为“{u}”，请核对"),
        None => format!("推荐名单中由“{listed}”推荐（报名表未填写推荐单位）"),
    }
}

/// The stored runs, newest first.
pub fn runs(store: &Store, limit: usize) -> Result<Vec<Run>> {
    stored::runs(store.conn(), limit)
}

/// How an entry's automatic verdict and findings changed over the runs, oldest first.
pub fn history(store: &Store, project_no_or_key: &str) -> Result<Vec<HistoryItem>> {
    stored::history(store.conn(), project_no_or_key)
}

/// Disqualified entries: key → "取消资格：reason（who，date）".
pub fn disqualified(store: &Store) -> Result<HashMap<String, String>> {
    stored::disqualified(store.conn())
}

/// The verdict in force of each current entry (decision over automatic), from the stored verdicts.
pub fn effective(store: &Store) -> Result<HashMap<String, Verdict>> {
    stored::effective(store.conn())
}
