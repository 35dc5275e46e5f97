//! Writing the letters out: numbers given once per kind, round and entry (a re-print keeps its number and
//! its date), one PDF per letter, the batch PDF, the phoning list, and a log line per letter written.
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::season::letters::{self, contacts_xlsx, render, Letter, LetterKind, LetterTemplate, LetterTemplates};
use crate::settings;
use crate::store::{self, Store};

/// One letter written.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct WrittenLetter {
    pub number: String,
    pub project_no: String,
    pub kind: LetterKind,
    pub file: PathBuf,
}

/// What [`write_all`] wrote.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LettersWritten {
    pub kind: LetterKind,
    /// `决赛通知-全部.pdf`: every letter, for printing in one go.
    pub batch: PathBuf,
    /// `决赛通知-联系名单.xlsx`: the phoning list (full phones).
    pub contacts: PathBuf,
    /// Every file written: the batch, the list, then one PDF per letter.
    pub files: Vec<PathBuf>,
    pub letters: Vec<WrittenLetter>,
    /// Numbers given in this run (the others were kept from an earlier one).
    pub new_numbers: Vec<String>,
}

/// Characters a file name cannot hold on Windows or Linux, replaced in the project name.
fn file_safe(s: &str) -> String {
    let t: String = s.trim().chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    t.chars().take(40).collect()
}

/// Gives the numbers, writes `<种类>-全部.pdf`, `<种类>-联系名单.xlsx` and `<编号>-<项目名称>.pdf` per
/// letter into `dir`, and logs each letter. Everything is rendered before anything is written or
/// committed: a missing venue or a bad template changes nothing.
pub fn write_all(store: &mut Store, kind: LetterKind, dir: &Path, who: &str, now: DateTime<FixedOffset>) -> Result<LettersWritten> {
    let who = who.trim();
    if who.is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写操作人（经办人姓名）。"));
    }
    let mut list = letters::ready(store, kind)?;
    let s = settings::load(store)?;
    let t = letters::templates(store)?.get(kind).clone();
    t.validate()?;
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    let mut ids = Vec::with_capacity(list.len());
    let mut new_numbers = Vec::new();
    for l in &mut list {
        let round = l.round.map(|r| r.code()).unwrap_or("");
        let (id, number, issued_at) = match store::letters::issued(&tx, kind.code(), round, &l.entry_key)? {
            Some(x) => x,
            None => {
                let seq = store::letters::next_seq(&tx, kind.code())?;
                let number = t.number(kind, s.year, seq);
                if store::letters::number_taken(&tx, &number)? {
                    return Err(CoreError::conflict(format!(
                        "通知编号“{number}”已被使用过（编号前缀可能改过），编号不能重复使用；请调整通知编号前缀。"
                    )));
                }
                let id = store::letters::insert(&tx, kind.code(), round, &l.entry_key, seq, &number, &at, who)?;
                new_numbers.push(number.clone());
                (id, number, at.clone())
            }
        };
        l.number = Some(number);
        l.issued_on = Some(letters::recipients_day(&issued_at));
        ids.push(id);
    }
    let batch_pdf = render(&list, &t, &s, &format!("{}{}", s.contest_name, kind.label()))?;
    let singles: Vec<(String, Vec<u8>)> = list
        .iter()
        .map(|l| {
            let number = l.number.clone().unwrap_or_default();
            render(std::slice::from_ref(l), &t, &s, &format!("{} {number}", kind.label()))
                .map(|b| (format!("{number}-{}.pdf", file_safe(&l.project_name)), b))
        })
        .collect::<Result<_>>()?;

    std::fs::create_dir_all(dir)?;
    let batch = dir.join(format!("{}-全部.pdf", kind.label()));
    write_replacing(&batch, &batch_pdf)?;
    let contacts = dir.join(format!("{}-联系名单.xlsx", kind.label()));
    contacts_xlsx(kind, &list, &contacts)?;
    let mut files = vec![batch.clone(), contacts.clone()];
    let mut written = Vec::with_capacity(list.len());
    for ((l, id), (name, bytes)) in list.iter().zip(&ids).zip(singles) {
        let p = dir.join(name);
        write_replacing(&p, &bytes)?;
        store::letters::insert_log(&tx, *id, &at, who, &p.display().to_string())?;
        written.push(WrittenLetter { number: l.number.clone().unwrap_or_default(), project_no: l.project_no.clone(), kind, file: p.clone() });
        files.push(p);
    }
    tx.commit()?;
    Ok(LettersWritten { kind, batch, contacts, files, letters: written, new_numbers })
}

/// Writes through a temporary file and a rename: a crash never leaves half a PDF under the real name.
fn write_replacing(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Validates and stores one kind's template (the other kinds keep theirs).
pub fn save_template(store: &mut Store, kind: LetterKind, t: &LetterTemplate, now: DateTime<FixedOffset>) -> Result<LetterTemplates> {
    t.validate()?;
    let mut all = letters::templates(store)?;
    all.set(kind, t.clone());
    let json = serde_json::to_string(&all).map_err(|e| CoreError::validation(Some("template"), e.to_string()))?;
    store::letters::save_templates_json(store.conn(), &json, &now.to_rfc3339())?;
    letters::templates(store)
}

/// The letters a kind would write now (for the CLI's dry look and the window's list).
pub fn preview_list(store: &Store, kind: LetterKind) -> Result<Vec<Letter>> {
    Ok(letters::recipients(store, kind)?.0)
}
