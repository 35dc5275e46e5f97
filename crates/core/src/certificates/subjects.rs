//! Who holds a certificate, from the store: every award with a level (the frozen list with its
//! amendments once frozen) and every organizing unit the committee chose; the team members printed
//! (≤ 7, chosen by a person when a team lists more); the template kept with the contest.
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{CertificateSubject, CertificateTemplate, SubjectKind, MAX_MEMBERS};
use crate::error::{CoreError, Result};
use crate::model::{Entry, Kind};
use crate::settings;
use crate::store::Store;

const TEMPLATE_KEY: &str = "certificate_template";

/// The template stored with the contest (defaults: DOMAIN §4.4), with the contest's name,
/// organizer and year from the settings.
pub fn template(store: &Store) -> Result<CertificateTemplate> {
    let s = settings::load(store)?;
    let stored: Option<String> = store.conn().query_row("SELECT value FROM settings WHERE key = ?1", [TEMPLATE_KEY], |r| r.get(0)).optional()?;
    let t = match stored {
        Some(json) => serde_json::from_str::<CertificateTemplate>(&json)
            .map_err(|e| CoreError::Invalid(format!("证书模板无法读取（{e}），请在“证书”页重新保存模板。")))?,
        None => CertificateTemplate::default(),
    };
    // The contest's own settings win: one place to change the name, organizer and year.
    Ok(t.with_settings(&s))
}

/// Validates and stores the template.
pub fn save_template(store: &mut Store, t: &CertificateTemplate, now: DateTime<FixedOffset>) -> Result<CertificateTemplate> {
    t.validate()?;
    let json = serde_json::to_string(t).map_err(|e| CoreError::Invalid(e.to_string()))?;
    store.conn().execute(
        "INSERT INTO settings(key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![TEMPLATE_KEY, json, now.to_rfc3339()],
    )?;
    template(store)
}

/// A team's members and the ones chosen for its certificate.
#[derive(Debug, Clone, Serialize)]
pub struct MemberChoice {
    pub key: String,
    pub project_no: String,
    pub project_name: String,
    pub entrant_name: String,
    /// Every member the entry lists (names only), the leader first.
    pub members: Vec<String>,
    /// The ≤ 7 names a person chose; None while not chosen.
    pub chosen: Option<Vec<String>>,
    /// More than 7 members and nothing chosen yet: no certificate until a person chooses.
    pub needs_choice: bool,
}

fn member_names(e: &Entry) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for n in e.leader.iter().filter_map(|l| l.name.clone()).chain(e.members.iter().filter_map(|m| m.name.clone())) {
        let n = n.trim().to_string();
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

fn chosen(store: &Store) -> Result<HashMap<String, Vec<String>>> {
    let mut stmt = store.conn().prepare("SELECT entry_key, names FROM certificate_members")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut m = HashMap::new();
    for row in rows {
        let (k, n) = row?;
        m.insert(k, serde_json::from_str(&n).unwrap_or_default());
    }
    Ok(m)
}

/// The awarded teams and whose members must be chosen.
pub fn member_choices(store: &Store) -> Result<Vec<MemberChoice>> {
    member_choices_from(store, &crate::awards::awards(store)?)
}

fn member_choices_from(store: &Store, awards: &crate::awards::AwardList) -> Result<Vec<MemberChoice>> {
    let all = crate::entries::by_key(store, false)?;
    let picked = chosen(store)?;
    let mut out = Vec::new();
    for a in awards.awards.iter().filter(|a| a.level.is_some()) {
        let Some(e) = all.get(&a.key) else { continue };
        if e.kind != Kind::Team {
            continue;
        }
        let members = member_names(e);
        let chosen = picked.get(&a.key).cloned();
        out.push(MemberChoice {
            key: a.key.clone(),
            project_no: a.project_no.clone(),
            project_name: a.project_name.clone(),
            entrant_name: a.entrant_name.clone(),
            needs_choice: members.len() > MAX_MEMBERS && chosen.is_none(),
            members,
            chosen,
        });
    }
    Ok(out)
}

/// A person chooses the ≤ 7 names printed on a team's certificate (from the names the entry lists).
pub fn set_members(store: &mut Store, entry: &str, names: &[String], who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if who.trim().is_empty() {
        return Err(CoreError::Invalid("请填写操作人。".into()));
    }
    let choices = member_choices(store)?;
    let c = choices
        .iter()
        .find(|c| c.key == entry.trim() || c.project_no == entry.trim())
        .ok_or_else(|| CoreError::NotFound(format!("“{}”不是获奖的创客团队。", entry.trim())))?;
    let names: Vec<String> = names.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    if names.is_empty() || names.len() > MAX_MEMBERS {
        return Err(CoreError::Invalid(format!("证书上的核心成员应为 1 到 {MAX_MEMBERS} 人，现选择了 {} 人。", names.len())));
    }
    if let Some(n) = names.iter().find(|n| !c.members.contains(n)) {
        return Err(CoreError::Invalid(format!("“{n}”不是项目 {} 的团队成员。", c.project_no)));
    }
    store.conn().execute(
        "INSERT INTO certificate_members(entry_key, names, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(entry_key) DO UPDATE SET names = excluded.names, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![c.key, serde_json::to_string(&names).unwrap_or_default(), who.trim(), now.to_rfc3339()],
    )?;
    Ok(())
}

/// Who should hold a certificate now, and the teams still waiting for a member choice (they are left out).
pub fn subjects(store: &Store) -> Result<(Vec<CertificateSubject>, Vec<MemberChoice>)> {
    let awards = crate::awards::awards(store)?;
    let choices = member_choices_from(store, &awards)?;
    let mut out = Vec::new();
    let mut waiting = Vec::new();
    for a in awards.awards.iter().filter(|a| a.level.is_some()) {
        let members = match choices.iter().find(|c| c.key == a.key) {
            Some(c) if c.needs_choice => {
                waiting.push(c.clone());
                continue;
            }
            Some(c) => c.chosen.clone().unwrap_or_else(|| c.members.clone()),
            None => Vec::new(),
        };
        out.push(CertificateSubject {
            kind: SubjectKind::Award,
            key: a.key.clone(),
            group: Some(a.group.clone()),
            group_label: a.group_label.clone(),
            prize: a.level_label.clone().unwrap_or_default(),
            project_no: a.project_no.clone(),
            project_name: a.project_name.clone(),
            entrant_name: a.entrant_name.clone(),
            members,
        });
    }
    for u in crate::awards::unit_stats(store)?.into_iter().filter(|u| u.chosen) {
        out.push(CertificateSubject {
            kind: SubjectKind::Unit,
            key: u.unit.clone(),
            group: None,
            group_label: String::new(),
            prize: "优秀组织单位奖".into(),
            project_no: String::new(),
            project_name: String::new(),
            entrant_name: u.unit.clone(),
            members: Vec::new(),
        });
    }
    Ok((out, waiting))
}
