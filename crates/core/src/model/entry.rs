//! One entry (SPEC §11): the canonical fields every domain reads.
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Group, Person};
use crate::mask::{mask_id, mask_phone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Company,
    Team,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Source {
    pub file: String,
    pub sheet: String,
    pub row: usize,
}

/// One entry (SPEC §11). Absent or unreadable values are null; the reason is in the problems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Entry {
    pub project_no: Option<String>,
    pub group: Option<Group>,
    pub kind: Kind,
    pub project_name: Option<String>,
    pub field: Option<String>,
    pub entrant_name: Option<String>,
    pub credit_code: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub address: Option<String>,
    pub county: Option<String>,
    pub industry: Option<String>,
    pub employees: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub assets_wan: Option<f64>,
    pub on_market: Option<bool>,
    pub ip_summary: Option<String>,
    pub ip_holder: Option<String>,
    pub ip_dispute: Option<bool>,
    pub dishonesty_declared: Option<bool>,
    pub members: Vec<Person>,
    pub leader: Option<Person>,
    pub unit: Option<String>,
    pub registered_at: Option<DateTime<FixedOffset>>,
    pub site_status: Option<String>,
    pub source: Source,
    pub extra: BTreeMap<String, String>,
}

/// Legal forms that make an entrant a company even without a credit code (SPEC §11 `kind`).
const LEGAL_FORMS: &[&str] = &["公司", "厂", "合作社", "商行", "事务所", "企业", "中心", "商店", "门市部", "经营部"];

pub fn kind_of(credit_code: Option<&str>, entrant_name: Option<&str>) -> Kind {
    let named_company = entrant_name.map(|n| {
        let n = n.trim_end_matches([')', '）']);
        LEGAL_FORMS.iter().any(|f| n.ends_with(f)) || n.contains("有限公司")
    });
    if credit_code.is_some() || named_company == Some(true) {
        Kind::Company
    } else {
        Kind::Team
    }
}

impl Entry {
    /// ID numbers and phones masked, for the window's default view and every public list.
    pub fn masked(mut self) -> Entry {
        let mask = |p: &mut Person| {
            p.id_number = p.id_number.as_deref().map(mask_id);
            p.phone = p.phone.as_deref().map(mask_phone);
        };
        self.members.iter_mut().for_each(mask);
        if let Some(l) = self.leader.as_mut() {
            mask(l);
        }
        self
    }
}
