//! Certificates as stored: who gets one ([`CertificateSubject`]), an issued certificate
//! ([`Certificate`]) and why it was printed. The store maps its rows to these; the certificates
//! domain renders them; the awards side fills the subjects.
use serde::{Deserialize, Serialize};

use super::Group;

/// An award to an entry, or 优秀组织单位奖 to an organizing unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Award,
    Unit,
}

impl SubjectKind {
    pub fn code(self) -> &'static str {
        match self {
            SubjectKind::Award => "award",
            SubjectKind::Unit => "unit",
        }
    }
}

/// Who gets a certificate, as the awards module hands it over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct CertificateSubject {
    pub kind: SubjectKind,
    /// The stable identity: the entry key for an award, the unit's name for 优秀组织单位奖.
    pub key: String,
    /// None for a unit.
    pub group: Option<Group>,
    /// 企业组 / 创业组; empty for a unit.
    pub group_label: String,
    /// 一等奖 / 二等奖 / 三等奖 / 优胜奖 / 优秀组织单位奖
    pub prize: String,
    pub project_no: String,
    pub project_name: String,
    /// 获奖主体: the company or team, or the unit.
    pub entrant_name: String,
    /// Team core members to print, at most `certificates::MAX_MEMBERS`.
    pub members: Vec<String>,
}

impl CertificateSubject {
    /// The group that decides the number series: none for a unit, whatever its group field says.
    pub fn series_group(&self) -> Option<Group> {
        match self.kind {
            SubjectKind::Unit => None,
            SubjectKind::Award => self.group,
        }
    }
}

/// An issued certificate as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Certificate {
    pub id: i64,
    /// e.g. CZCK2026-QY-001
    pub number: String,
    /// QY / CY / YX
    pub series: String,
    pub seq: i64,
    pub kind: SubjectKind,
    pub subject_key: String,
    pub group: Option<Group>,
    pub group_label: String,
    pub prize: String,
    pub project_no: String,
    pub project_name: String,
    pub entrant_name: String,
    pub members: Vec<String>,
    /// RFC 3339
    pub issued_at: String,
    pub voided_at: Option<String>,
    pub voided_by: Option<String>,
    pub void_reason: Option<String>,
    /// How many times it was printed (written out for printing).
    pub prints: i64,
}

/// Why a certificate is printed: the first time, a replacement for a lost or spoilt one, or again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub enum PrintReason {
    #[serde(rename = "首次打印")]
    First,
    #[serde(rename = "补打")]
    Replacement,
    #[serde(rename = "重印")]
    Reprint,
}

impl PrintReason {
    pub fn label(self) -> &'static str {
        match self {
            PrintReason::First => "首次打印",
            PrintReason::Replacement => "补打",
            PrintReason::Reprint => "重印",
        }
    }
}
