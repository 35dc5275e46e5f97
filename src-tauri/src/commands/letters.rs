//! 通知书: per kind (入围通知 / 决赛通知 / 获奖通知) who gets a letter and what is missing, the template with a
//! live preview (the page the PDF draws), writing the letters into a folder the user chose, and the log.
use std::path::PathBuf;

use saiwu_core::actions::letters::LettersWritten;
use saiwu_core::certificates::CertificatePage;
use saiwu_core::season::letters::{self, Letter, LetterGap, LetterKind, LetterLogEntry, LetterTemplate, LetterTemplates};
use serde::Serialize;
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LettersOverview {
    pub kind: LetterKind,
    pub template: LetterTemplate,
    /// Who gets a letter now, in printing order (phones full: the window masks them).
    pub letters: Vec<Letter>,
    /// What must be set first, with where (a link in the window).
    pub missing: Vec<LetterGap>,
    /// Every letter written, newest first (all kinds).
    pub log: Vec<LetterLogEntry>,
}

#[tauri::command]
pub async fn letters_overview<R: Runtime>(app: AppHandle<R>, kind: LetterKind) -> CmdResult<LettersOverview> {
    with_store(app, move |store| {
        let (letters, missing) = letters::recipients(&*store, kind)?;
        Ok(LettersOverview { kind, template: letters::templates(&*store)?.get(kind).clone(), letters, missing, log: letters::log(&*store)? })
    })
    .await
}

#[tauri::command]
pub async fn letter_template_save<R: Runtime>(app: AppHandle<R>, kind: LetterKind, template: LetterTemplate) -> CmdResult<LetterTemplates> {
    with_store(app, move |store| Ok(saiwu_core::actions::letters::save_template(&mut *store, kind, &template, now())?)).await
}

/// The laid-out page of one letter (a sample when none is given) under a template that may not be saved yet.
#[tauri::command]
pub async fn letter_preview<R: Runtime>(
    app: AppHandle<R>,
    kind: LetterKind,
    template: LetterTemplate,
    letter: Option<Letter>,
) -> CmdResult<CertificatePage> {
    with_store(app, move |store| {
        let settings = saiwu_core::settings::load(&*store)?;
        let letter = letter.unwrap_or_else(|| letters::sample(kind, &settings));
        Ok(letters::lay_out(&letter, &template, &settings)?)
    })
    .await
}

/// Gives the numbers and writes the batch PDF, one PDF per letter and the phoning list into `dir`.
#[tauri::command]
pub async fn letters_write<R: Runtime>(app: AppHandle<R>, kind: LetterKind, dir: PathBuf, printed_by: String) -> CmdResult<LettersWritten> {
    with_store(app, move |store| Ok(saiwu_core::actions::letters::write_all(&mut *store, kind, &dir, &printed_by, now())?)).await
}
