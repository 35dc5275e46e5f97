//! 证书: the template, who gets a certificate, team members to print, issuing and writing the PDFs
//! into a folder the user chose, voiding, reprints, the calibration page, the register, and opening
//! a written file in the system viewer.
use std::path::PathBuf;

use saiwu_core::certificates::{self, Certificate, CertificateSubject, CertificateTemplate, GlyphGap, MemberChoice, PrintReason};
use serde::Serialize;
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CertificatesOverview {
    pub template: CertificateTemplate,
    /// Every certificate issued so far (live and voided), by series and number.
    pub certificates: Vec<Certificate>,
    /// Who should hold one now (awards in force, chosen units).
    pub subjects: Vec<CertificateSubject>,
    /// Teams with more than 7 members and no choice yet: left out until a person chooses.
    pub waiting: Vec<MemberChoice>,
    pub member_choices: Vec<MemberChoice>,
    /// Live certificates whose holder is no longer on the award list (void them after checking).
    pub orphans: Vec<Certificate>,
    /// Texts with characters the embedded font lacks: they would print blank.
    pub glyph_gaps: Vec<GlyphGap>,
    /// Warnings of the award list (pending ties, not frozen …).
    pub warnings: Vec<String>,
    pub frozen: bool,
}

#[tauri::command]
pub async fn certificates_overview<R: Runtime>(app: AppHandle<R>) -> CmdResult<CertificatesOverview> {
    with_store(app, move |store| {
        let (subjects, waiting) = certificates::subjects(&*store)?;
        let awards = saiwu_core::awards::awards(&*store)?;
        let template = certificates::template(&*store)?;
        Ok(CertificatesOverview {
            glyph_gaps: certificates::glyph_gaps(&subjects, &template)?,
            template,
            certificates: certificates::list(&*store)?,
            orphans: certificates::orphans(&*store, &subjects)?,
            member_choices: certificates::member_choices(&*store)?,
            subjects,
            waiting,
            warnings: awards.warnings,
            frozen: awards.frozen.is_some(),
        })
    })
    .await
}

#[tauri::command]
pub async fn certificate_template_save<R: Runtime>(app: AppHandle<R>, template: CertificateTemplate) -> CmdResult<CertificateTemplate> {
    with_store(app, move |store| Ok(saiwu_core::actions::certificates::save_template(&mut *store, &template, now())?)).await
}

/// The laid-out page of one certificate under a template that may not be saved yet: the same page the
/// PDF draws, for the 证书 page's preview.
#[tauri::command]
pub async fn certificate_preview<R: Runtime>(
    app: AppHandle<R>,
    template: CertificateTemplate,
    subject: CertificateSubject,
    number: Option<String>,
) -> CmdResult<certificates::CertificatePage> {
    with_store(app, move |store| {
        // The contest's name, edition, city and year come from the settings, as when printing.
        let settings = saiwu_core::settings::load(&*store)?;
        Ok(certificates::preview(&subject, number.as_deref(), &template.with_settings(&settings))?)
    })
    .await
}

#[tauri::command]
pub async fn certificate_members_set<R: Runtime>(app: AppHandle<R>, entry: String, names: Vec<String>, decided_by: String) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::certificates::set_members(&mut *store, &entry, &names, &decided_by, now())?)).await
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WriteResult {
    pub written: certificates::Written,
    /// Numbers given in this run.
    pub new_numbers: Vec<String>,
    pub register: String,
}

/// Issues numbers to everyone who should hold a certificate and writes the batch PDF, one PDF per
/// certificate and the register (xlsx) into `dir`.
#[tauri::command]
pub async fn certificates_write<R: Runtime>(app: AppHandle<R>, dir: PathBuf, printed_by: String) -> CmdResult<WriteResult> {
    with_store(app, move |store| {
        let template = certificates::template(&*store)?;
        // The date first: numbers are not issued for certificates that cannot be printed.
        template.ready_to_print()?;
        let before: Vec<String> = certificates::list(&*store)?.into_iter().filter(|c| c.voided_at.is_none()).map(|c| c.number).collect();
        let (subjects, _) = certificates::subjects(&*store)?;
        if subjects.is_empty() {
            return Err(saiwu_core::CoreError::precondition("还没有可以颁发证书的获奖项目：请先在“获奖与推荐”中确定奖项。").into());
        }
        let issued = saiwu_core::actions::certificates::issue(&mut *store, &subjects, &template, now())?;
        let new_numbers = issued.iter().filter(|c| !before.contains(&c.number)).map(|c| c.number.clone()).collect();
        let written = saiwu_core::actions::certificates::write_all(&mut *store, &dir, &template, &printed_by, now())?;
        let register = dir.join("证书登记表.xlsx");
        certificates::register_xlsx(&*store, &register)?;
        Ok(WriteResult { written, new_numbers, register: register.display().to_string() })
    })
    .await
}

#[tauri::command]
pub async fn certificate_void<R: Runtime>(app: AppHandle<R>, number: String, reason: String, voided_by: String) -> CmdResult<Certificate> {
    with_store(app, move |store| Ok(saiwu_core::actions::certificates::void(&mut *store, &number, &reason, &voided_by, now())?)).await
}

/// A single certificate again (补打), logged; returns the written path.
#[tauri::command]
pub async fn certificate_reprint<R: Runtime>(app: AppHandle<R>, number: String, path: PathBuf, printed_by: String) -> CmdResult<String> {
    with_store(app, move |store| {
        let template = certificates::template(&*store)?;
        let cert = certificates::get(&*store, &number)?;
        if cert.voided_at.is_some() {
            return Err(saiwu_core::CoreError::precondition(format!("证书 {number} 已作废，不能补打。")).into());
        }
        let images = certificates::CertificateImages::load(&template)?;
        let bytes = certificates::render_one(&cert, &template, &images)?;
        let path = super::with_extension(path, "pdf");
        std::fs::write(&path, bytes).map_err(saiwu_core::CoreError::from)?;
        saiwu_core::actions::certificates::log_print(&mut *store, &number, PrintReason::Replacement, &printed_by, now())?;
        Ok(path.display().to_string())
    })
    .await
}

/// The 套打 calibration page (print it on plain paper, hold it over the pre-printed sheet, adjust the offsets).
#[tauri::command]
pub async fn certificate_calibration<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<String> {
    with_store(app, move |store| {
        let template = certificates::template(&*store)?;
        let bytes = certificates::calibration_page(&template)?;
        let path = super::with_extension(path, "pdf");
        std::fs::write(&path, bytes).map_err(saiwu_core::CoreError::from)?;
        Ok(path.display().to_string())
    })
    .await
}

#[tauri::command]
pub async fn certificate_register<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<String> {
    with_store(app, move |store| super::exports::run(store, "certificate-register", path, None)).await
}

/// Opens a file the app wrote (PDF or xlsx) in the system's viewer, e.g. to print it.
#[tauri::command]
pub fn open_path(path: PathBuf) -> CmdResult<()> {
    let ok_ext = path.extension().and_then(|e| e.to_str()).map(|e| matches!(e.to_ascii_lowercase().as_str(), "pdf" | "xlsx")).unwrap_or(false);
    if !ok_ext || !path.is_file() {
        return Err(saiwu_core::CoreError::validation(Some("path"), format!("只能打开本软件生成的 PDF 或 xlsx 文件：{}", path.display())).into());
    }
    #[cfg(target_os = "linux")]
    let r = std::process::Command::new("xdg-open").arg(&path).spawn();
    #[cfg(target_os = "macos")]
    let r = std::process::Command::new("open").arg(&path).spawn();
    #[cfg(target_os = "windows")]
    let r = std::process::Command::new("explorer").arg(&path).spawn();
    r.map(|_| ())
        .map_err(|e| saiwu_core::CoreError::precondition(format!("无法用系统程序打开“{}”：{e}。请在文件管理器中打开。", path.display())).into())
}
