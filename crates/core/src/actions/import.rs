//! Importing an entries file and undoing the latest import, with their consequences: the backup
//! before, one transaction for the whole file, the undo snapshot, the re-screening after.
//!
//! The import streams (SPEC §9, §12 "Import"): a reader thread parses the workbook's XML and sends the
//! chosen sheet's rows through a bounded channel while this thread normalises each row and writes it
//! in the open transaction, so both cores work and neither the sheet nor the parsed rows are ever held
//! whole. Formats calamine can only read whole (.xls, .ods, .csv) take the same path from the grid.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use chrono::{DateTime, FixedOffset};
use rusqlite::Transaction;

use crate::actions::screening::{ImportScreening, Scope};
use crate::error::{CoreError, Result};
use crate::import::parse::{self, Layout, MembersStage, ParsedRow, RowParser};
use crate::import::workbook::{self, Msg, Source, Workbook};
pub use crate::import::{ApplyRequest, ImportResult, MappingChoice, Problem, Progress, UndoResult};
use crate::screening::{self, Inputs, Screened};
use crate::store::entries::{EntryRecord, EntryWriter};
use crate::store::imports::{self, NewImport, ProblemWriter};
use crate::store::Store;

/// Rows in flight between the reader thread and the writer: enough to keep both busy, few enough
/// that memory does not grow with the file.
const ROWS_IN_FLIGHT: usize = 512;
/// Entries handed from the normalising thread to the writer at a time.
const BATCH: usize = 32;
/// Progress is reported every this many rows.
const PROGRESS_EVERY: usize = 5000;

/// Imports an entries file: all of it or nothing, with a backup taken first; then re-screens.
pub fn apply(store: &mut Store, req: &ApplyRequest, now: DateTime<FixedOffset>, progress: &mut dyn FnMut(Progress)) -> Result<ImportResult> {
    progress(Progress { stage: "读取文件".into(), done: 0, total: 1 });
    // One bounded read: the size limit holds before anything is parsed, and the hash is taken on the way.
    let src = workbook::open_source(&req.path)?;
    let profile = match &req.profile {
        Some(p) => Some(crate::import::load_profile(store, p)?),
        None => None,
    };
    let mut backup: Option<Option<PathBuf>> = None;
    // The backup is taken first (in WAL mode, like every other copy of the file), then the load runs with the
    // rollback journal: the entries are written once instead of twice (Store::begin_bulk).
    let loaded = (|| {
        let streamed = if src.can_stream() { apply_streamed(store, &src, req, profile.as_ref(), now, &mut backup, progress)? } else { None };
        match streamed {
            Some(done) => Ok(done),
            // Not streamable, or the stream met a sheet only the whole-file reader reads exactly.
            None => apply_whole(store, &src, req, profile.as_ref(), now, &mut backup, progress),
        }
    })();
    // Back to the WAL whether the load committed or not.
    let restored = store.end_bulk();
    let mut result = loaded?;
    restored?;
    progress(Progress { stage: "完成".into(), done: 1, total: 1 });
    result.problems.sort_by_key(|p| p.row);
    Ok(result)
}

fn apply_streamed(
    store: &mut Store,
    src: &Source,
    req: &ApplyRequest,
    profile: Option<&HashMap<String, Option<String>>>,
    now: DateTime<FixedOffset>,
    backup: &mut Option<Option<PathBuf>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<ImportResult>> {
    let lost = || CoreError::Corrupt { file: src.file.clone(), detail: "读取过程意外中断".into() };
    // What the rules read besides the entries (settings and lists the import does not change), and
    // the fields the chosen mapping reads: borrowed by the normalising thread, so they outlive it.
    let inputs = Inputs::load(store.conn())?;
    let fields_of_layout = std::sync::OnceLock::new();
    std::thread::scope(|scope| {
        let (out, rx) = mpsc::sync_channel::<Msg>(ROWS_IN_FLIGHT / workbook::ROW_BATCH);
        let (choose, chosen) = mpsc::channel::<Option<(usize, Option<usize>)>>();
        scope.spawn(move || src.stream(&chosen, &out));
        // Leaving this closure early drops `rx` and `choose`: the reader stops at its next send.
        let (heads, declared) = match rx.recv() {
            Ok(Msg::Heads(h, d)) => (h, d),
            Ok(Msg::Err(e)) => return Err(e),
            _ => return Err(lost()),
        };
        let layout = parse::plan(&heads, req.sheet.as_deref(), profile, req.mapping.as_deref())?;
        let sheet_name = heads.sheets[layout.sheet].name.clone();
        let total = declared.get(layout.sheet).map(|&d| (d as usize).saturating_sub(layout.header_row) as u64).unwrap_or(0);
        let members_at = layout.members.map(|(i, hr, mc)| (heads.sheets[i].name.clone(), hr, mc));
        drop(heads);
        choose.send(Some((layout.sheet, layout.members.map(|(i, _, _)| i)))).map_err(|_| lost())?;
        let others = match rx.recv() {
            Ok(Msg::Sheets(wb)) => wb,
            Ok(Msg::Err(e)) => return Err(e),
            _ => return Err(lost()),
        };
        let d1904 = others.date1904;
        drop(others);
        // The members sheet is staged first (SPEC §12): its rows are parsed here while the reader reads on.
        let mut members = (HashMap::new(), Vec::new());
        if let Some((name, hr, mc)) = &members_at {
            let mut stage = MembersStage::new(&src.file, name, *hr, *mc);
            loop {
                match rx.recv() {
                    Ok(Msg::MemberRows(rows)) => {
                        for (r, cells) in rows {
                            stage.row(r, &cells);
                        }
                    }
                    Ok(Msg::MembersDone) => break,
                    // Only an inexact members sheet ends the stream here: read the file whole.
                    Ok(Msg::End(_)) => return Ok(None),
                    Ok(Msg::Err(e)) => return Err(e),
                    _ => return Err(lost()),
                }
            }
            members = stage.finish();
        }
        let mut parser = RowParser::with_members(layout.clone(), &src.file, &sheet_name, d1904, members, members_at.map(|m| m.0));
        let fields: &HashSet<String> = fields_of_layout.get_or_init(|| mapped_fields(&layout));
        let (inputs_ref, fields_ref) = (&inputs, fields);
        // Normalising is the third stage, on its own thread: reading, normalising (and screening each
        // entry as if alone) and writing overlap.
        // Entries travel in batches: one wake-up of the writer per batch, not per row.
        let (parsed_out, parsed) = mpsc::sync_channel::<Parsed>(ROWS_IN_FLIGHT / BATCH);
        scope.spawn(move || {
            let mut seen = 0usize;
            let mut end = None;
            let mut batch = Vec::with_capacity(BATCH);
            for m in rx {
                match m {
                    Msg::Rows(rows) => {
                        for (r, cells) in rows {
                            seen += 1;
                            if seen.is_multiple_of(PROGRESS_EVERY) {
                                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                                if parsed_out.send(Parsed::Entries(full)).is_err() || parsed_out.send(Parsed::Seen(seen)).is_err() {
                                    return;
                                }
                            }
                            if let Some(p) = parser.row(r, &cells) {
                                let s = screening::provisional(&p.key, &p.entry, &p.problems, fields_ref, inputs_ref);
                                batch.push((p, s));
                            }
                            if batch.len() == BATCH
                                && parsed_out.send(Parsed::Entries(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))).is_err()
                            {
                                return;
                            }
                        }
                    }
                    Msg::End(e) => {
                        end = Some(e);
                        break;
                    }
                    Msg::Err(e) => {
                        let _ = parsed_out.send(Parsed::Err(e));
                        return;
                    }
                    _ => break,
                };
            }
            if !batch.is_empty() && parsed_out.send(Parsed::Entries(batch)).is_err() {
                return;
            }
            let _ = parsed_out.send(match end {
                Some(e) => Parsed::End(e, Box::new(parser)),
                None => Parsed::Err(lost()),
            });
        });
        let backup_path = take_backup(store, backup, now, progress)?;
        let tx = store.conn_mut().transaction()?;
        let import_id = begin(&tx, src, req, &layout, &sheet_name, &backup_path, now)?;
        let mut end = None;
        let mut screen = ImportScreening::begin(&tx, &trigger(src), now)?;
        let written = write_rows(&tx, import_id, total, &mut screen, progress, &mut |f| loop {
            match parsed.recv() {
                Ok(Parsed::Entries(batch)) => {
                    for p in batch {
                        f(Step::Entry(Box::new(p)))?;
                    }
                }
                Ok(Parsed::Seen(n)) => f(Step::Seen(n))?,
                Ok(Parsed::End(e, parser)) => {
                    end = Some((e, parser));
                    return Ok(());
                }
                Ok(Parsed::Err(e)) => return Err(e),
                Err(_) => return Err(lost()),
            }
        })?;
        let (end, parser) = end.ok_or_else(lost)?;
        if !end.exact || end.date1904 != d1904 {
            // Dropping the transaction rolls it back; the caller reads the file whole.
            return Ok(None);
        }
        let strays = parse::stray_problems(&src.file, &end.ignored, end.ignored_total);
        let screening = Screening { run: screen, fields, inputs: &inputs };
        let r = finish(tx, src, req, &layout, sheet_name, import_id, *parser, strays, written, screening, backup_path, now, progress)?;
        Ok(Some(r))
    })
}

fn apply_whole(
    store: &mut Store,
    src: &Source,
    req: &ApplyRequest,
    profile: Option<&HashMap<String, Option<String>>>,
    now: DateTime<FixedOffset>,
    backup: &mut Option<Option<PathBuf>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportResult> {
    let wb: Workbook = src.read_whole()?;
    let layout = parse::plan(&wb, req.sheet.as_deref(), profile, req.mapping.as_deref())?;
    let sheet_name = wb.sheets[layout.sheet].name.clone();
    let mut parser = RowParser::new(&wb, layout.clone(), &src.file, &sheet_name, wb.date1904);
    let strays = parse::stray_problems(&wb.file, &wb.ignored, wb.ignored_total);
    let backup_path = take_backup(store, backup, now, progress)?;
    let tx = store.conn_mut().transaction()?;
    let import_id = begin(&tx, src, req, &layout, &sheet_name, &backup_path, now)?;
    let rows = &wb.sheets[layout.sheet].rows;
    let total = rows.len().saturating_sub(layout.header_row + 1) as u64;
    let inputs = Inputs::load(&tx)?;
    let fields = mapped_fields(&layout);
    let mut screen = ImportScreening::begin(&tx, &trigger(src), now)?;
    let written = write_rows(&tx, import_id, total, &mut screen, progress, &mut |f| {
        for (r, row) in rows.iter().enumerate() {
            if r > 0 && r.is_multiple_of(PROGRESS_EVERY) {
                f(Step::Seen(r))?;
            }
            if let Some(p) = parser.row(r, row) {
                let s = screening::provisional(&p.key, &p.entry, &p.problems, &fields, &inputs);
                f(Step::Entry(Box::new((p, s))))?;
            }
        }
        Ok(())
    })?;
    let screening = Screening { run: screen, fields: &fields, inputs: &inputs };
    finish(tx, src, req, &layout, sheet_name, import_id, parser, strays, written, screening, backup_path, now, progress)
}

/// The canonical fields the import's mapping reads (a rule whose column is absent says 未检查).
fn mapped_fields(layout: &Layout) -> HashSet<String> {
    layout.columns.iter().filter_map(|c| c.field.map(str::to_string)).collect()
}

/// What the import's screening run says caused it.
fn trigger(src: &Source) -> String {
    format!("导入报名数据“{}”", src.file)
}

/// The import's screening, handed to `finish`.
struct Screening<'a> {
    run: ImportScreening,
    fields: &'a HashSet<String>,
    inputs: &'a Inputs,
}

/// The backup before the import, taken once even when the stream falls back to the whole file, then the
/// switch to the rollback journal for the load (`apply` switches back).
fn take_backup(
    store: &mut Store,
    backup: &mut Option<Option<PathBuf>>,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<PathBuf>> {
    if backup.is_none() {
        progress(Progress { stage: "备份赛事文件".into(), done: 0, total: 1 });
        *backup = Some(store.backup("before-import", now)?);
    }
    store.begin_bulk();
    Ok(backup.clone().flatten())
}

/// The import's row in `imports` and the undo snapshot, first thing in the transaction.
fn begin(
    tx: &Transaction,
    src: &Source,
    req: &ApplyRequest,
    layout: &Layout,
    sheet: &str,
    backup: &Option<PathBuf>,
    now: DateTime<FixedOffset>,
) -> Result<i64> {
    let mapping_json = serde_json::to_string(
        &layout.columns.iter().map(|c| MappingChoice { index: c.index, field: c.field.map(str::to_string) }).collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let columns_json = serde_json::to_string(&layout.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>()).unwrap_or_default();
    let backup = backup.as_ref().map(|b| b.display().to_string());
    let id = imports::insert_entries_import(
        tx,
        &NewImport {
            file: &src.file,
            path: &req.path.display().to_string(),
            sha256: &src.sha256,
            sheet,
            header_row: layout.header_row as i64 + 1,
            mapping_json: &mapping_json,
            columns_json: &columns_json,
            imported_at: &now.to_rfc3339(),
            backup_path: backup.as_deref(),
        },
    )?;
    imports::snapshot_for_undo(tx, id)?;
    Ok(id)
}

/// What writing the rows left for `finish`.
struct Written {
    new: usize,
    changed: usize,
    unchanged: usize,
    /// Entries stored before and not in this file: flagged missing by `finish`.
    absent: Vec<String>,
    row_problems: Vec<Problem>,
    /// Where each entry's problems are in `row_problems` (entries with problems only).
    problems_at: HashMap<String, std::ops::Range<usize>>,
}

/// What the normalising stage hands the writer.
enum Parsed<'a> {
    Seen(usize),
    Entries(Vec<(ParsedRow, Screened)>),
    End(workbook::StreamEnd, Box<RowParser<'a>>),
    Err(CoreError),
}

/// What `write_rows` is fed: progress (rows of the sheet seen so far) or an entry to write.
enum Step {
    Seen(usize),
    Entry(Box<(ParsedRow, Screened)>),
}

type StepSink<'f> = &'f mut dyn FnMut(Step) -> Result<()>;

/// Writes each entry `feed` gives, in the open transaction; `feed` calls its argument in sheet order.
fn write_rows(
    tx: &Transaction,
    import_id: i64,
    total: u64,
    screen: &mut ImportScreening,
    progress: &mut dyn FnMut(Progress),
    feed: &mut dyn FnMut(StepSink) -> Result<()>,
) -> Result<Written> {
    let mut existing = crate::store::entries::existing(tx)?;
    let mut writer = EntryWriter::new(tx)?;
    let mut problems = ProblemWriter::new(tx, import_id)?;
    let (mut new, mut changed, mut unchanged) = (0, 0, 0);
    let mut row_problems = Vec::new();
    let mut problems_at = HashMap::new();
    progress(Progress { stage: "解析数据行".into(), done: 0, total });
    progress(Progress { stage: "写入数据".into(), done: 0, total });
    feed(&mut |step| {
        let p = match step {
            Step::Seen(n) => {
                progress(Progress { stage: "写入数据".into(), done: n as u64, total: total.max(n as u64) });
                return Ok(());
            }
            Step::Entry(p) => *p,
        };
        let (p, screened) = p;
        let old = existing.remove(&p.key);
        let record = EntryRecord {
            key: &p.key,
            entry: &p.entry,
            problem_count: p.problems.len(),
            data_json: &p.data_json,
            raw_json: &p.raw_json,
            hash: &p.hash,
            import_id,
        };
        let id = writer.write(&record, old.is_none())?;
        let content_changed = match &old {
            None => {
                new += 1;
                true
            }
            Some(o) if o.hash == p.hash => {
                unchanged += 1;
                false
            }
            Some(_) => {
                changed += 1;
                true
            }
        };
        // The contest's order: (first import, source row, row id), as the stored entries give it.
        let ord = match &old {
            None => (import_id, p.entry.source.row as i64, id),
            Some(o) => (o.first_import_id, p.entry.source.row as i64, o.id),
        };
        screen.entry(tx, &p.key, &p.entry, ord, &screened, content_changed)?;
        for pr in &p.problems {
            problems.add(Some(&p.key), pr)?;
        }
        if !p.problems.is_empty() {
            problems_at.insert(p.key, row_problems.len()..row_problems.len() + p.problems.len());
        }
        row_problems.extend(p.problems);
        Ok(())
    })?;
    Ok(Written { new, changed, unchanged, absent: existing.into_keys().collect(), row_problems, problems_at })
}

/// The file's own problems, the missing flags, the counts and the profile; then the commit.
#[allow(clippy::too_many_arguments)]
fn finish(
    tx: Transaction,
    src: &Source,
    req: &ApplyRequest,
    layout: &Layout,
    sheet: String,
    import_id: i64,
    parser: RowParser,
    strays: Vec<Problem>,
    w: Written,
    screening: Screening,
    backup: Option<PathBuf>,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportResult> {
    let skipped = parser.skipped_rows().to_vec();
    let (file_problems, skipped_rows) = parser.finish(strays);
    {
        let mut add = ProblemWriter::new(&tx, import_id)?;
        for pr in &file_problems {
            add.add(None, pr)?;
        }
        let mut writer = EntryWriter::new(&tx)?;
        for key in &w.absent {
            writer.flag_missing(key)?;
        }
    }
    let missing = w.absent.len();
    let mut problems = file_problems;
    // Each entry's problems, for the screening of the entries with partners below.
    let base = problems.len();
    problems.extend(w.row_problems);
    imports::set_counts(&tx, import_id, [w.new, w.changed, w.unchanged, missing, skipped_rows, problems.len()])?;
    if let Some(name) = req.save_profile.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        imports::save_profile(&tx, name, &crate::import::profile_mapping_json(&layout.columns), &now.to_rfc3339())?;
    }
    progress(Progress { stage: "资格审查".into(), done: 0, total: 1 });
    // The stored verdicts follow the data in the same transaction: an import and its screening commit together.
    let (at, all) = (&w.problems_at, &problems);
    let problems_of = |key: &str| at.get(key).map(|r| &all[base + r.start..base + r.end]).unwrap_or(&[]);
    screening.run.finish(&tx, &w.absent, screening.fields, screening.inputs, &problems_of)?;
    tx.commit()?;
    Ok(ImportResult {
        import_id,
        file: src.file.clone(),
        sheet,
        new: w.new,
        changed: w.changed,
        unchanged: w.unchanged,
        missing,
        skipped_rows,
        skipped,
        problems,
        file_problems: base,
        problem_entries: w.problems_at.len(),
        backup: backup.map(|b| b.display().to_string()),
    })
}

/// Undoes the latest import: the entries return to exactly what they were before it.
pub fn undo_last(store: &mut Store, now: DateTime<FixedOffset>) -> Result<UndoResult> {
    let (id, file) = match imports::latest_entries_import(store.conn())? {
        None => return Err(CoreError::NothingToUndo("还没有导入过报名数据。".into())),
        Some((_, _, true)) => return Err(CoreError::NothingToUndo("上次导入已经撤销；更早的导入不能再撤销，如需恢复请使用备份。".into())),
        Some((id, file, false)) => (id, file),
    };
    // Once judging refers to what the import added or changed, undoing it would orphan scores, awards…:
    // refused, naming the backup taken before the import (restoring it is the honest way back).
    let refs: Vec<String> = imports::undo_blockers(store.conn(), id)?
        .into_iter()
        .map(|(what, n, nos)| {
            let some: Vec<&str> = nos.split('、').take(3).collect();
            let more = if n > 3 { " 等" } else { "" };
            format!("已有{what}涉及这次导入新增或改动的 {n} 个项目（{}{more}）", some.join("、"))
        })
        .collect();
    if !refs.is_empty() {
        let backup = match imports::backup_path(store.conn(), id)? {
            Some(p) => {
                let name = Path::new(&p).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(p.clone());
                // The folder may have moved with its contest file: the backup is looked for beside it too.
                let here = store.path().parent().unwrap_or(Path::new(".")).join("backups").join(&name);
                if Path::new(&p).is_file() || here.is_file() {
                    name
                } else {
                    format!("{name}（该文件已不在备份文件夹中，请选择这次导入之前最近的一个备份）")
                }
            }
            None => "导入之前最近的一个备份".into(),
        };
        return Err(CoreError::UndoRefused { file, reason: refs.join("；"), backup });
    }
    store.backup("before-undo", now)?;
    let tx = store.conn_mut().transaction()?;
    imports::restore_undo(&tx, id)?;
    // An undo may change any entry back: every entry, its stored keys rebuilt.
    crate::actions::screening::rescreen(&tx, &Scope::All, &format!("撤销导入“{file}”"), now)?;
    tx.commit()?;
    Ok(UndoResult {
        import_id: id, file: file.clone(), message: format!("已撤销对“{file}”的导入，报名数据已恢复到导入之前。")
    })
}
