//! Who holds a certificate, from the store: every award with a level (the frozen list with its
//! amendments once frozen) and every organizing unit the committee chose; the team members printed
//! (≤ 7, chosen by a person when a team lists more); the template kept with the contest.
use std::collections::HashMap;

use serde::Serialize;

use super::{CertificateSubject, CertificateTemplate, SubjectKind, MAX_MEMBERS};
use crate::error::{CoreError, Result};
use crate::model::{Entry, Kind};
use crate::settings;
use crate::store::{self, Store};

/// The template stored with the contest (defaults: DOMAIN §4.4), with the contest's name,
/// organizer and year from the settings.
pub fn template(store: &Store) -> Result<CertificateTemplate> {
    let s = settings::load(store)?;
    let stored = store::certificates::template_json(store.conn())?;
    let t = match stored {
        Some(json) => serde_json::from_str::<CertificateTemplate>(&json)
            .map_err(|e| CoreError::precondition(format!("证书模板无法读取（{e}），请在“证书”页重新保存模板。")))?,
        None => CertificateTemplate::default(),
    };
    // The contest's own settings win: one place to change the name, organizer and year. A template
    // stored with the old wording ("你单位（团队）{项目名称} 项目") gets {称谓}{项目}.
    Ok(t.upgraded().with_settings(&s))
}

/// A team's members and the ones chosen for its certificate.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
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
    // Written by the action only; an unreadable value counts as not chosen.
    Ok(store::certificates::member_choices(store.conn())?.into_iter().map(|(k, n)| (k, serde_json::from_str(&n).unwrap_or_default())).collect())
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
