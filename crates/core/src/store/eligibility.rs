//! Who is eligible, read from what screening stored: the current entries with their stored automatic
//! verdict (`verdicts`), the person's decision in force (`decisions`, newest per entry) and 取消资格
//! (`disqualifications`). Every action that changes a screening input re-screens in its transaction,
//! so readers (rounds, ranking, awards, certificates, dashboard) ask here instead of re-running rules.
use rusqlite::Connection;

use crate::error::{CoreError, Result};
use crate::model::{Finding, Group, Verdict};

/// One current entry as the readers see its screening.
#[derive(Debug, Clone)]
pub struct Effective {
    pub key: String,
    pub project_no: Option<String>,
    pub group: Option<Group>,
    pub project_name: Option<String>,
    pub entrant_name: Option<String>,
    pub unit: Option<String>,
    /// The person's decision when there is one, else the stored automatic verdict.
    pub verdict: Verdict,
    pub auto_verdict: Verdict,
    pub decided_by_person: bool,
    /// The entry's data changed after the person decided.
    pub needs_reconfirmation: bool,
    /// "取消资格：reason（who，date）" when the entry was disqualified.
    pub disqualified: Option<String>,
}

impl Effective {
    /// Takes part in the rounds: 符合 and not disqualified.
    pub fn in_rounds(&self) -> bool {
        self.verdict == Verdict::Eligible && self.disqualified.is_none()
    }
}

fn verdict_from(code: &str) -> Verdict {
    match code {
        "eligible" => Verdict::Eligible,
        "ineligible" => Verdict::Ineligible,
        _ => Verdict::Review,
    }
}

/// Every reader stands on this query: the covering index `entries_current` (migration 0013) serves
/// the filter and the order without reading the entries' rows.
const EFFECTIVE: &str = "SELECT e.key, e.project_no, e.group_code, e.project_name, e.entrant_name, e.unit,
        v.auto_verdict, d.verdict, d.data_hash = e.content_hash, q.reason, q.decided_by, q.decided_at
 FROM entries e
 LEFT JOIN verdicts v ON v.entry_key = e.key
 LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE entry_key = e.key)
 LEFT JOIN disqualifications q ON q.entry_key = e.key
 WHERE e.missing = 0
 ORDER BY e.first_import_id, e.source_row, e.id";

/// The current entries (not missing from the latest import) in the entries' order, each with its
/// effective verdict. An entry not screened yet counts as 待人工审核 (never eligible by default).
pub fn effective(conn: &Connection) -> Result<Vec<Effective>> {
    let mut stmt = conn.prepare_cached(EFFECTIVE)?;
    let rows = stmt.query_map([], |r| {
        let auto = verdict_from(r.get::<_, Option<String>>(6)?.as_deref().unwrap_or("review"));
        let decided: Option<String> = r.get(7)?;
        let same_data: Option<bool> = r.get(8)?;
        let dq: Option<String> = r.get(9)?;
        let disqualified = match dq {
            Some(reason) => {
                let who: String = r.get(10)?;
                let at: String = r.get(11)?;
                Some(format!("取消资格：{reason}（{who}，{}）", at.chars().take(10).collect::<String>()))
            }
            None => None,
        };
        Ok(Effective {
            key: r.get(0)?,
            project_no: r.get(1)?,
            group: r.get(2)?,
            project_name: r.get(3)?,
            entrant_name: r.get(4)?,
            unit: r.get(5)?,
            verdict: decided.as_deref().map(verdict_from).unwrap_or(auto),
            auto_verdict: auto,
            decided_by_person: decided.is_some(),
            needs_reconfirmation: decided.is_some() && same_data == Some(false),
            disqualified,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// The stored findings of the current entries whose findings mention `needle` (a rule code such as
/// "R16", or an outcome such as "unchecked"), in the entries' order. The text filter only narrows
/// what is parsed; callers still look at the parsed findings.
pub fn findings_mentioning(conn: &Connection, needle: &str) -> Result<Vec<(String, Vec<Finding>)>> {
    findings_text_mentioning(conn, needle)?.into_iter().map(|(key, json)| parse_findings(&key, &json).map(|f| (key, f))).collect()
}

/// As [`findings_mentioning`], the findings still as stored (JSON), for callers that parse only a part.
pub fn findings_text_mentioning(conn: &Connection, needle: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.key, h.findings FROM entries e
         JOIN verdicts v ON v.entry_key = e.key
         JOIN verdict_history h ON h.id = v.history_id
         WHERE e.missing = 0 AND instr(h.findings, ?1) > 0
         ORDER BY e.first_import_id, e.source_row, e.id",
    )?;
    let rows = stmt.query_map([needle], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// An entry's stored findings (JSON) parsed.
pub fn parse_findings(key: &str, json: &str) -> Result<Vec<Finding>> {
    serde_json::from_str(json).map_err(|e| CoreError::precondition(format!("项目“{key}”的审查记录无法读取（{e}），请在“资格审查”中重新审查。")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
    }

    /// The readers' speed rests on the covering index: the effective verdicts and the findings
    /// filter read the current entries from it, in order, without a sort and without the rows.
    #[test]
    fn readers_use_the_covering_index() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let p = plan(store.conn(), EFFECTIVE);
        assert!(p.contains("SCAN e USING COVERING INDEX entries_current") || p.contains("SCAN e USING INDEX entries_current"), "{p}");
        assert!(!p.contains("TEMP B-TREE"), "{p}");
        assert!(!p.contains("SCAN e\n") && !p.ends_with("SCAN e"), "{p}");
    }
}
