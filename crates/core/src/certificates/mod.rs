//! 荣誉证书 (SPEC §7, DOMAIN §4.4): who gets one, their numbers, the PDFs and the register.
//!
//! - `template`  the template in settings terms (wording with placeholders, number format, paper,
//!   sizes, 套打 positions and offsets, background and seal images) and its validation
//! - `numbering` issuing (numbers per series, never reused), voiding, listing, the print log
//! - `page`      the laid-out page (texts, frame, seal circle, images with positions and colours) that
//!   both the PDF and the window's preview draw
//! - `render`    full-page and 套打 PDFs from those pages, the batch order, the 套打 calibration page
//! - `images`    the user's PNG/JPEG background and seal
//! - `glyphs`    characters the embedded font lacks (they would print blank), listed before printing
//!
//! The awards side fills [`CertificateSubject`]s; [`subjects_from_store`] is where it plugs in.
//! Only names, project numbers and names and the prize reach a certificate: never ID numbers or phones.
pub mod glyphs;
pub mod images;
pub mod numbering;
pub mod page;
pub mod render;
pub mod subjects;
pub mod template;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use rust_xlsxwriter::{Format, FormatBorder, Workbook};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::store::Store;

pub use crate::model::{Certificate, CertificateSubject, PrintReason, SubjectKind};
pub use glyphs::{glyph_gaps, GlyphGap};
pub use images::{CertificateImages, Image};
pub use numbering::{check_subject, clean_members, find, get, list, orphans, short_time};
pub use page::{lay_out, preview, CertificatePage, ImageRole, PageItem, Rgb};
pub use render::{calibration_page, print_order, render_batch, render_one};
pub use subjects::{member_choices, subjects, template, MemberChoice};
pub use template::{CertificateTemplate, DateStyle, FontSizes, OverlayField, PaperSetting, PrintMode, MAX_MEMBERS, PLACEHOLDERS};

/// The entries and units that should hold a certificate, from the awards in force (teams still
/// waiting for a member choice are left out: see [`subjects`]).
pub fn subjects_from_store(store: &Store) -> Result<Vec<CertificateSubject>> {
    Ok(subjects(store)?.0)
}

/// What [`write_all`] wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Written {
    /// `证书-全部.pdf`: every live certificate, for printing in one go.
    pub batch: PathBuf,
    pub batch_bytes: u64,
    /// One PDF per certificate, named by its number.
    pub files: Vec<PathBuf>,
    /// PDFs of voided certificates found in the folder and removed, so nobody prints them.
    pub removed: Vec<PathBuf>,
    pub certificates: usize,
}

/// The name of the PDF holding every certificate.
pub const BATCH_FILE: &str = "证书-全部.pdf";

/// The certificate register (证书登记表) as xlsx: every certificate, voided ones included. Returns the
/// number of rows.
pub fn register_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let certs = list(store)?;
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("证书登记表")?;
    crate::xlsx::set_footer(sheet);
    let bold = Format::new().set_bold().set_border_bottom(FormatBorder::Thin).set_background_color("#EEF3FA");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let headers: [(&str, f64); 11] = [
        ("证书编号", 20.0),
        ("组别", 10.0),
        ("奖项", 14.0),
        ("项目编号", 14.0),
        ("项目名称", 36.0),
        ("获奖主体", 30.0),
        ("团队成员", 36.0),
        ("颁发日期", 12.0),
        ("状态", 8.0),
        ("作废原因", 36.0),
        ("打印次数", 9.0),
    ];
    for (i, (h, w)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &bold)?;
        sheet.set_column_width(i as u16, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, 0, headers.len() as u16 - 1)?;
    for (i, c) in certs.iter().enumerate() {
        let r = i as u32 + 1;
        // Every text is a string cell: a name like "=1+1" stays text.
        sheet.write_string(r, 0, &c.number)?;
        sheet.write_string(r, 1, &c.group_label)?;
        sheet.write_string(r, 2, &c.prize)?;
        sheet.write_string(r, 3, &c.project_no)?;
        sheet.write_string(r, 4, &c.project_name)?;
        sheet.write_string(r, 5, &c.entrant_name)?;
        sheet.write_string(r, 6, c.members.join("、"))?;
        match DateTime::parse_from_rfc3339(&c.issued_at) {
            Ok(t) => sheet.write_date_with_format(r, 7, t.date_naive(), &date)?,
            Err(_) => sheet.write_string(r, 7, &c.issued_at)?,
        };
        let voided = c.voided_at.is_some();
        sheet.write_string(r, 8, if voided { "已作废" } else { "有效" })?;
        let reason = match (&c.void_reason, &c.voided_at, &c.voided_by) {
            (Some(why), Some(at), Some(by)) => format!("{why}（{}，{by}）", numbering::short_time(at)),
            (Some(why), Some(at), None) => format!("{why}（{}）", numbering::short_time(at)),
            _ => String::new(),
        };
        sheet.write_string(r, 9, reason)?;
        sheet.write_number(r, 10, c.prints as f64)?;
    }
    wb.save(path).map_err(|e| match e {
        rust_xlsxwriter::XlsxError::IoError(io) => CoreError::FileOpen { file: path.display().to_string(), reason: io.to_string() },
        other => CoreError::Xlsx(other),
    })?;
    Ok(certs.len())
}
