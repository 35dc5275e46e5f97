//! Reads a spreadsheet file into plain grids of cells: .xlsx / .xls / .ods through calamine,
//! .csv (UTF-8 or GBK) through the csv crate. Hostile files get a clear error, never a crash:
//! the file type is sniffed from its bytes, zip archives are checked for size before parsing, and
//! the number of rows is capped.
use std::io::Read;
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use chrono::NaiveDateTime;

use crate::error::{CoreError, Result};

/// At least 200,000 rows must import (SPEC §9); beyond this a file is refused with a message.
pub const MAX_ROWS: usize = 300_000;
/// Refuse files larger than this on disk.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Refuse zip archives (xlsx, ods) that would unpack to more than this (zip bombs).
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    DateTime(NaiveDateTime),
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person sees it in Excel, for previews, raw rows and `extra`.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::DateTime(dt) => {
                if dt.time() == chrono::NaiveTime::MIN {
                    dt.format("%Y-%m-%d").to_string()
                } else {
                    dt.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            Cell::Error(e) => format!("#{e}"),
        }
    }
}

/// Numbers without a trailing ".0" and without exponent notation.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{n:.0}")
    } else {
        let s = format!("{n}");
        if s.contains('e') {
            format!("{n:.6}")
        } else {
            s
        }
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub struct Workbook {
    /// Base name of the file, as problems and provenance name it.
    pub file: String,
    pub sheets: Vec<Sheet>,
    /// True when the workbook counts dates from 1904 (old Mac Excel): serial numbers typed as plain
    /// numbers must then be read in that system.
    pub date1904: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Ole,
    Text,
}

pub fn read(path: &Path) -> Result<Workbook> {
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let open_err = |e: std::io::Error| CoreError::FileOpen { file: file.clone(), reason: io_reason(&e) };
    let meta = std::fs::metadata(path).map_err(open_err)?;
    if meta.is_dir() {
        return Err(CoreError::FileOpen { file, reason: "这是一个文件夹，不是文件".into() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(CoreError::TooLarge { file, what: format!("文件大小 {} MB", meta.len() / 1024 / 1024), limit: "200 MB".into() });
    }
    let bytes = std::fs::read(path).map_err(open_err)?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    read_bytes(&file, &ext, bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

/// Reads a workbook from bytes; `ext` (lower case, no dot) is only a hint, the bytes decide.
pub fn read_bytes(file: &str, ext: &str, bytes: Vec<u8>) -> Result<Workbook> {
    let kind = sniff(&bytes);
    let unsupported = |detail: &str| CoreError::UnsupportedType { file: file.to_string(), detail: detail.to_string() };
    match (kind, ext) {
        (Kind::Text, "csv" | "txt" | "tsv") => read_csv(file, &bytes),
        (Kind::Text, _) if looks_like_csv(&bytes) && !matches!(ext, "xlsx" | "xls" | "ods" | "xlsm" | "et") => read_csv(file, &bytes),
        (Kind::Text, "xlsx" | "xls" | "ods" | "xlsm" | "et") => {
            if looks_like_html(&bytes) {
                Err(unsupported("其实是网页（HTML）文件，只是扩展名为表格；请用 Excel/WPS 打开后另存为 .xlsx"))
            } else {
                Err(unsupported("扩展名是表格，但内容是纯文本；如果是 CSV，请把扩展名改为 .csv"))
            }
        }
        (Kind::Text, _) => Err(unsupported("无法识别的文件类型")),
        (Kind::Zip, _) => {
            check_zip(file, &bytes)?;
            let date1904 = zip_date1904(&bytes);
            read_calamine_guarded(file, bytes, date1904)
        }
        (Kind::Ole, _) => read_calamine_guarded(file, bytes, false),
    }
}

fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Ole
    } else {
        Kind::Text
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    head.contains("<html") || head.contains("<!doctype") || head.contains("<table")
}

fn looks_like_csv(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    !head.contains(&0) && (head.contains(&b',') || head.contains(&b'\t'))
}

/// Refuses zip bombs before calamine inflates anything: the central directory's declared sizes
/// are summed and capped, and so is the compression ratio.
fn check_zip(file: &str, bytes: &[u8]) -> Result<()> {
    let corrupt = |d: String| CoreError::Corrupt { file: file.to_string(), detail: d };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| corrupt(format!("压缩包结构错误：{e}")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|e| corrupt(format!("压缩包条目错误：{e}")))?;
        total = total.saturating_add(f.size());
        if f.compressed_size() > 0 && f.size() / f.compressed_size().max(1) > 500 && f.size() > 50 * 1024 * 1024 {
            return Err(CoreError::TooLarge {
                file: file.into(),
                what: format!("“{}”解压后 {} MB，压缩比异常", f.name().map(|n| n.into_owned()).unwrap_or_default(), f.size() / 1024 / 1024),
                limit: "压缩比 500:1".into(),
            });
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(CoreError::TooLarge { file: file.into(), what: format!("解压后 {} MB", total / 1024 / 1024), limit: "1024 MB".into() });
    }
    if archive.by_name("EncryptedPackage").is_ok() {
        return Err(corrupt("文件设置了打开密码".into()));
    }
    Ok(())
}

/// Whether an .xlsx uses the 1904 date system (`<workbookPr date1904="1"/>` in xl/workbook.xml).
fn zip_date1904(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return false };
    let Ok(mut f) = archive.by_name("xl/workbook.xml") else { return false };
    let mut xml = String::new();
    if f.by_ref().take(4 * 1024 * 1024).read_to_string(&mut xml).is_err() {
        return false;
    }
    xml.contains("date1904=\"1\"") || xml.contains("date1904=\"true\"")
}

/// calamine asserts on some malformed files (found by tests/hostile.rs): a damaged workbook must be
/// an error the user can act on, never a crash of the app.
fn read_calamine_guarded(file: &str, bytes: Vec<u8>, date1904: bool) -> Result<Workbook> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_calamine(file, bytes, date1904)))
        .unwrap_or_else(|_| Err(CoreError::Corrupt { file: file.to_string(), detail: "文件内部结构损坏".into() }))
}

fn read_calamine(file: &str, bytes: Vec<u8>, date1904: bool) -> Result<Workbook> {
    let corrupt = |d: String| CoreError::Corrupt { file: file.to_string(), detail: d };
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        let msg = e.to_string();
        if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("encrypt") {
            corrupt("文件设置了打开密码".into())
        } else {
            corrupt(msg)
        }
    })?;
    let names = wb.sheet_names().to_vec();
    let mut sheets = Vec::with_capacity(names.len());
    let mut saw_1904 = date1904;
    for name in names {
        let range = wb.worksheet_range(&name).map_err(|e| corrupt(format!("工作表“{name}”：{e}")))?;
        if range.height() > MAX_ROWS {
            return Err(CoreError::TooLarge {
                file: file.into(),
                what: format!("工作表“{name}”有 {} 行", range.height()),
                limit: format!("{MAX_ROWS} 行"),
            });
        }
        // Keep absolute positions: a sheet whose used range starts at C5 still reports row 5, column C.
        let (r0, c0) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); r0];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; c0];
            cells.extend(row.iter().map(|d| {
                let (cell, is_1904) = convert(d);
                saw_1904 |= is_1904;
                cell
            }));
            while matches!(cells.last(), Some(Cell::Empty)) {
                cells.pop();
            }
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Workbook { file: file.into(), sheets, date1904: saw_1904 })
}

/// calamine's cell → ours; the flag says the cell was a date counted from 1904.
fn convert(d: &Data) -> (Cell, bool) {
    match d {
        Data::Empty => (Cell::Empty, false),
        Data::String(s) => (Cell::Text(s.clone()), false),
        Data::Float(f) => (Cell::Number(*f), false),
        Data::Int(i) => (Cell::Number(*i as f64), false),
        Data::Bool(b) => (Cell::Bool(*b), false),
        // Match date cells before anything numeric: as_date() would turn any number into a date.
        Data::DateTime(x) if x.is_datetime() => match x.as_datetime() {
            Some(dt) => {
                // calamine hides the 1904 flag; a 1900-system reading of the serial differs by 1462 days.
                let naive_1900 = serial_to_datetime(x.as_f64(), false);
                (Cell::DateTime(dt), naive_1900.map(|n| n != dt).unwrap_or(false))
            }
            None => (Cell::Number(x.as_f64()), false),
        },
        Data::DateTime(x) => (Cell::Number(x.as_f64()), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (Cell::Text(s.clone()), false),
        Data::Error(e) => (Cell::Error(format!("{e:?}")), false),
    }
}

/// An Excel serial number as a date-time, in the 1900 or the 1904 system. Serials outside
/// 1900-01-01 … 9999-12-31 give None.
pub fn serial_to_datetime(serial: f64, date1904: bool) -> Option<NaiveDateTime> {
    if !serial.is_finite() || serial < 1.0 || serial > 2_958_465.0 {
        return None;
    }
    let epoch = if date1904 {
        chrono::NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if serial < 61.0 {
        // Excel's phantom 1900-02-29: serials before March 1900 count from 1899-12-31.
        chrono::NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let days = serial.floor() as i64;
    let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    epoch.and_hms_opt(0, 0, 0)?.checked_add_signed(chrono::Duration::days(days) + chrono::Duration::seconds(secs))
}

fn read_csv(file: &str, bytes: &[u8]) -> Result<Workbook> {
    let text = decode_text(bytes);
    let delimiter = if text.lines().next().map(|l| l.matches('\t').count() > l.matches(',').count()).unwrap_or(false) { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        if i >= MAX_ROWS {
            return Err(CoreError::TooLarge { file: file.into(), what: format!("超过 {MAX_ROWS} 行"), limit: format!("{MAX_ROWS} 行") });
        }
        let rec = rec.map_err(|e| CoreError::Corrupt { file: file.into(), detail: format!("第 {} 行：{e}", i + 1) })?;
        let mut cells: Vec<Cell> = rec.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect();
        while matches!(cells.last(), Some(Cell::Empty)) {
            cells.pop();
        }
        rows.push(cells);
    }
    let name = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "CSV".into());
    Ok(Workbook { file: file.into(), sheets: vec![Sheet { name, rows }], date1904: false })
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK (GB18030), as WPS and
/// older Excel save Chinese CSV.
fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_in_both_systems() {
        let d = |s, b| serial_to_datetime(s, b).unwrap().format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(d(45356.0, false), "2024-03-05 00:00");
        assert_eq!(d(45356.0 - 1462.0, true), "2024-03-05 00:00");
        assert_eq!(d(46212.75, false), "2026-07-09 18:00");
        assert_eq!(d(1.0, false), "1900-01-01 00:00");
        assert_eq!(d(61.0, false), "1900-03-01 00:00");
        assert!(serial_to_datetime(0.0, false).is_none());
        assert!(serial_to_datetime(f64::NAN, false).is_none());
    }

    #[test]
    fn csv_in_utf8_bom_and_gbk() {
        let text = "项目编号,项目名称\nCK001,智能 装备\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let wb = read_bytes("a.csv", "csv", bom).unwrap();
        assert_eq!(wb.sheets[0].rows[0][0], Cell::Text("项目编号".into()));
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        let wb = read_bytes("b.csv", "csv", gbk).unwrap();
        assert_eq!(wb.sheets[0].rows[1][1], Cell::Text("智能 装备".into()));
    }

    #[test]
    fn renamed_and_html_files_are_refused_clearly() {
        let e = read_bytes("x.xlsx", "xlsx", "hello world".into()).unwrap_err();
        assert_eq!(e.code(), "IMPORT_UNSUPPORTED_TYPE");
        let e = read_bytes("x.xls", "xls", "<html><table><tr><td>1</td></tr></table></html>".into()).unwrap_err();
        assert!(e.to_string().contains("网页"));
        let e = read_bytes("x.xlsx", "xlsx", b"PK\x03\x04garbage".to_vec()).unwrap_err();
        assert_eq!(e.code(), "IMPORT_CORRUPT");
        let e = read_bytes("x.xls", "xls", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap_err();
        assert_eq!(e.code(), "IMPORT_CORRUPT");
    }

    #[test]
    fn numbers_display_as_excel_shows_them() {
        assert!(format_number(140402199001011230.0).starts_with("1404021990010112"));
        assert!(!format_number(1.4e17).contains('e'));
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(3.0), "3");
    }
}
