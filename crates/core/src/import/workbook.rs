//! Reads a spreadsheet file into plain grids of cells: .xlsx / .xls / .ods through calamine,
//! .csv (UTF-8 or GBK) through the csv crate. Hostile files get a clear error, never a crash:
//! the file type is sniffed from its bytes, zip archives are checked for size before parsing, and
//! the number of rows is capped.
use std::io::Read;
use std::path::Path;

use std::borrow::Cow;

use calamine::{open_workbook_from_rs, Data, DataRef, Reader, Sheets};
use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::fields::column_letter;
use crate::error::{CoreError, Result};

/// At least 200,000 rows must import (SPEC §9); beyond this a file is refused with a message.
pub const MAX_ROWS: usize = 300_000;
/// Refuse files larger than this on disk.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Refuse zip archives (xlsx, ods) that would unpack to more than this (zip bombs).
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;
/// calamine builds .xls and .ods sheets as dense grids of its 32-byte cells (ODS twice over, with
/// formulas): a sheet whose data area is larger than this is refused before calamine sees it.
/// 200,000 rows × 20 columns still fit.
pub const MAX_DENSE_CELLS: u64 = 4_000_000;
/// Cells kept for one sheet (each row up to its last cell), about 700 MB at the peak of building
/// the grid; 200,000 rows × 50 columns fit.
pub const MAX_GRID_CELLS: usize = 10_000_000;
/// The data block may not reach beyond this column (column ALL).
pub const MAX_COLS: usize = 1000;
/// Rows/columns holding data further than this from the data block are strays: ignored and reported.
pub const FAR_ROWS: u32 = 10_000;
pub const FAR_COLS: u32 = 200;
/// Excel's own sheet size; cells beyond it are strays too.
const SHEET_ROWS: usize = 1_048_576;
const SHEET_COLS: usize = 16_384;
/// Stray cells listed one by one; the rest are counted.
pub const MAX_REPORTED_STRAYS: usize = 20;

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
            // As `s.trim().is_empty()`, stopping at the first character that is not a space.
            Cell::Text(s) => s.chars().all(char::is_whitespace),
            _ => false,
        }
    }

    /// As `display`, borrowing the text of a text cell instead of copying it (the normaliser's hot path).
    pub fn shown(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Empty => Cow::Borrowed(""),
            c => Cow::Owned(c.display()),
        }
    }

    /// The cell as a person sees it in Excel, for previews, raw rows and `extra`.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::DateTime(dt) => format_datetime(dt),
            Cell::Error(e) => format!("#{e}"),
        }
    }
}

/// "2024-03-05", or "2024-03-05 10:20:00" with a time of day.
fn format_datetime(dt: &NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let (d, t) = (dt.date(), dt.time());
    // What the chrono patterns below print, without parsing them for every cell.
    if (0..=9999).contains(&d.year()) && t.nanosecond() < 1_000_000_000 {
        return if t == chrono::NaiveTime::MIN {
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        } else {
            format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
        };
    }
    if t == chrono::NaiveTime::MIN {
        dt.format("%Y-%m-%d").to_string()
    } else {
        dt.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Numbers without a trailing ".0" and without exponent notation.
pub fn format_number(n: f64) -> String {
    // Whole numbers a double holds exactly print as the integer they are (not -0: that prints "-0").
    if n.fract() == 0.0 && n.abs() < 9e15 && !(n == 0.0 && n.is_sign_negative()) {
        return (n as i64).to_string();
    }
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
    /// Cells far from their sheet's data block, left out of `sheets` (at most MAX_REPORTED_STRAYS).
    pub ignored: Vec<IgnoredCell>,
    /// How many cells were left out in all.
    pub ignored_total: usize,
    /// SHA-256 of the file's bytes (hex), hashed while reading.
    pub sha256: String,
}

/// A cell with data far outside its sheet's data block (typically a note typed at XFD1048576).
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredCell {
    pub sheet: String,
    /// 0-based.
    pub row: u32,
    pub col: u32,
    /// The cell as Excel shows it.
    pub text: String,
}

impl IgnoredCell {
    /// "XFD1048576".
    pub fn cell(&self) -> String {
        cell_name(self.row as u64, self.col as u64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Ole,
    Text,
}

/// The file's name as problems and messages show it.
fn display_name(path: &Path) -> String {
    path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

pub fn read(path: &Path) -> Result<Workbook> {
    let file = display_name(path);
    let (bytes, sha256) = read_limited(path, MAX_FILE_BYTES)?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut wb = read_unhashed(&file, &ext, bytes)?;
    wb.sha256 = sha256;
    Ok(wb)
}

/// The file's bytes and their SHA-256, refused as soon as they pass `limit`: the size on disk is
/// checked before anything is read, and the reader stops one byte past the limit, so a file that
/// grows while it is read (or a pipe that reports no size) is refused without filling memory.
pub fn read_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, String)> {
    let file = display_name(path);
    let open_err = |e: std::io::Error| CoreError::FileOpen { file: file.clone(), reason: io_reason(&e) };
    let too_large = |len: u64| CoreError::TooLarge {
        file: file.clone(),
        what: format!("文件大小 {} MB", len.div_ceil(1024 * 1024)),
        limit: format!("{} MB", limit / 1024 / 1024),
    };
    let meta = std::fs::metadata(path).map_err(open_err)?;
    if meta.is_dir() {
        return Err(CoreError::FileOpen { file, reason: "这是一个文件夹，不是文件".into() });
    }
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let f = std::fs::File::open(path).map_err(open_err)?;
    let mut reader = f.take(limit + 1);
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let mut hasher = Sha256::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(open_err(e)),
        };
        if bytes.len() as u64 + n as u64 > limit {
            return Err(too_large(bytes.len() as u64 + n as u64));
        }
        hasher.update(&chunk[..n]);
        bytes.extend_from_slice(&chunk[..n]);
    }
    Ok((bytes, format!("{:x}", hasher.finalize())))
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
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let mut wb = read_unhashed(file, ext, bytes)?;
    wb.sha256 = sha256;
    Ok(wb)
}

fn read_unhashed(file: &str, ext: &str, bytes: Vec<u8>) -> Result<Workbook> {
    let kind = sniff(&bytes);
    let unsupported = |detail: &str| CoreError::UnsupportedType { file: file.to_string(), detail: detail.to_string() };
    match (kind, ext) {
        _ if is_csv(kind, ext, &bytes) => read_csv(file, &bytes),
        (Kind::Text, "xlsx" | "xls" | "ods" | "xlsm" | "et") => {
            if looks_like_html(&bytes) {
                Err(unsupported("其实是网页（HTML）文件，只是扩展名为表格；请用 Excel/WPS 打开后另存为 .xlsx"))
            } else {
                Err(unsupported("扩展名是表格，但内容是纯文本；如果是 CSV，请把扩展名改为 .csv"))
            }
        }
        (Kind::Text, _) => Err(unsupported("无法识别的文件类型")),
        (Kind::Zip, _) => {
            let zip_kind = check_zip(file, &bytes)?;
            if zip_kind == ZipKind::Ods {
                // calamine builds each ODS sheet as a dense grid when it opens the file.
                prescan_ods(file, &bytes)?;
            }
            let date1904 = zip_date1904(&bytes);
            read_calamine_guarded(file, bytes, date1904, Format::Zip(zip_kind))
        }
        (Kind::Ole, _) => {
            // calamine builds each .xls sheet as a dense grid when it opens the file.
            prescan_ole(file, &bytes)?;
            read_calamine_guarded(file, bytes, false, Format::Xls)
        }
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

/// A text file read as CSV: by its extension, or by its content when the extension is not a spreadsheet's.
fn is_csv(kind: Kind, ext: &str, bytes: &[u8]) -> bool {
    kind == Kind::Text && (matches!(ext, "csv" | "txt" | "tsv") || (looks_like_csv(bytes) && !matches!(ext, "xlsx" | "xls" | "ods" | "xlsm" | "et")))
}

fn looks_like_csv(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    !head.contains(&0) && (head.contains(&b',') || head.contains(&b'\t'))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Zip(ZipKind),
    Xls,
}

/// Refuses zip bombs before calamine inflates anything: the central directory's declared sizes
/// are summed and capped, and so is the compression ratio. Says which spreadsheet the zip holds.
fn check_zip(file: &str, bytes: &[u8]) -> Result<ZipKind> {
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
    let has = |archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str| archive.index_for_name(name).is_some();
    Ok(if has(&mut archive, "xl/workbook.bin") {
        ZipKind::Xlsb
    } else if !has(&mut archive, "xl/workbook.xml") && has(&mut archive, "content.xml") {
        ZipKind::Ods
    } else {
        ZipKind::Xlsx
    })
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

/// "XFD1048576" for 0-based (row, column).
pub fn cell_name(row: u64, col: u64) -> String {
    format!("{}{}", column_letter(col.min(usize::MAX as u64) as usize), row + 1)
}

/// The area of a sheet that holds data, as a pre-scan of a dense format sees it; names the cells
/// that reach furthest down and furthest right, so a refusal can point at them.
#[derive(Debug, Default)]
struct Extent {
    min_row: u64,
    max_row: u64,
    min_col: u64,
    max_col: u64,
    lowest: (u64, u64),
    rightmost: (u64, u64),
    any: bool,
}

impl Extent {
    /// Adds the block of `rows` × `cols` cells whose top-left is (row, col).
    fn add(&mut self, row: u64, col: u64, rows: u64, cols: u64) {
        let (last_row, last_col) = (row.saturating_add(rows.max(1) - 1), col.saturating_add(cols.max(1) - 1));
        if !self.any {
            *self = Extent {
                min_row: row,
                max_row: last_row,
                min_col: col,
                max_col: last_col,
                lowest: (last_row, col),
                rightmost: (row, last_col),
                any: true,
            };
            return;
        }
        self.min_row = self.min_row.min(row);
        self.min_col = self.min_col.min(col);
        if last_row > self.max_row {
            self.max_row = last_row;
            self.lowest = (last_row, col);
        }
        if last_col > self.max_col {
            self.max_col = last_col;
            self.rightmost = (row, last_col);
        }
    }

    fn area(&self) -> u64 {
        if !self.any {
            return 0;
        }
        (self.max_row - self.min_row + 1).saturating_mul(self.max_col - self.min_col + 1)
    }

    /// Refuses an area larger than MAX_DENSE_CELLS, naming the far cells.
    fn check(&self, file: &str, sheet: &str) -> Result<()> {
        if self.area() <= MAX_DENSE_CELLS {
            return Ok(());
        }
        let mut far = vec![cell_name(self.lowest.0, self.lowest.1)];
        if self.rightmost != self.lowest {
            far.push(cell_name(self.rightmost.0, self.rightmost.1));
        }
        Err(CoreError::TooLarge {
            file: file.into(),
            what: format!(
                "工作表“{sheet}”的数据区域从 {} 到 {}，共约 {} 个单元格；单元格 {} 远离其他数据（多半是误输入的内容）",
                cell_name(self.min_row, self.min_col),
                cell_name(self.max_row, self.max_col),
                self.area(),
                far.join("、")
            ),
            limit: format!("{MAX_DENSE_CELLS} 个单元格；请删除这些单元格，或另存为 .xlsx 后导入"),
        })
    }
}

/// ODS: streams content.xml with quick-xml (nothing of the grid is kept) and refuses a sheet whose
/// data area, repeats expanded as calamine expands them, is too large to build.
fn prescan_ods(file: &str, bytes: &[u8]) -> Result<()> {
    use quick_xml::events::Event;
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return Ok(()) };
    // Without content.xml calamine refuses the file itself.
    let Ok(content) = archive.by_name("content.xml") else { return Ok(()) };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<String> {
        e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.to_string())
    };
    let repeat = |v: Option<String>| v.and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1).max(1);
    let mut buf = Vec::new();
    let (mut sheet, mut extent) = (String::new(), Extent::default());
    let (mut row, mut col, mut row_repeat) = (0u64, 0u64, 1u64);
    // A cell opened without a value type holds data only if text follows before it closes.
    let mut open_cell: Option<(u64, u64, bool)> = None;
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(ev) => ev,
            // Malformed XML: calamine refuses the file with its own message.
            Err(_) => return Ok(()),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        extent.check(file, &sheet)?;
                        sheet = attr(e, "table:name").unwrap_or_default();
                        (extent, row) = (Extent::default(), 0);
                    }
                    "table:table-row" => {
                        row_repeat = repeat(attr(e, "table:number-rows-repeated"));
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let cols = repeat(attr(e, "table:number-columns-repeated"));
                        if attr(e, "office:value-type").is_some() {
                            extent.add(row, col, row_repeat, cols);
                        } else if !empty {
                            open_cell = Some((col, cols, false));
                        }
                        col = col.saturating_add(cols);
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some((_, _, seen)) = open_cell.as_mut() {
                    *seen |= !t.trim().is_empty();
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((c, cols, true)) = open_cell.take() {
                        extent.add(row, c, row_repeat, cols);
                    }
                }
                "table:table-row" => row = row.saturating_add(row_repeat),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    extent.check(file, &sheet)
}

/// .xls: calamine reserves the declared DIMENSIONS area of each sheet and then builds the
/// bounding box of its cells densely, both when the file is opened. Walk the BIFF records the same
/// way (from each sheet's BoundSheet position) and refuse absurd areas before it does. Also
/// refuses encrypted workbooks: an OLE container holding an encrypted .xlsx, or an .xls with FILEPASS.
fn prescan_ole(file: &str, bytes: &[u8]) -> Result<()> {
    let corrupt = |d: &str| CoreError::Corrupt { file: file.to_string(), detail: d.to_string() };
    let mut cfb = std::panic::catch_unwind(|| cfb::CompoundFile::open(std::io::Cursor::new(bytes)))
        .map_err(|_| corrupt("文件内部结构损坏"))?
        .map_err(|_| corrupt("文件内部结构损坏"))?;
    if cfb.exists("EncryptionInfo") || cfb.exists("EncryptedPackage") {
        return Err(corrupt("文件设置了打开密码"));
    }
    let Some(name) = ["Workbook", "Book"].into_iter().find(|n| cfb.exists(n)) else {
        return Err(corrupt("不是 Excel 工作簿（缺少 Workbook 数据流）"));
    };
    let mut stream = Vec::new();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cfb.open_stream(name).and_then(|s| s.take(MAX_FILE_BYTES).read_to_end(&mut stream))))
        .map_err(|_| corrupt("文件内部结构损坏"))?
        .map_err(|_| corrupt("文件内部结构损坏"))?;
    let records = |from: usize| BiffRecords { stream: stream.get(from..).unwrap_or(&[]) };
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
    let u32_at = |d: &[u8], i: usize| d.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    // Workbook globals: sheet positions and names, and the password flag.
    let mut sheets = Vec::new();
    for (typ, data) in records(0) {
        match typ {
            0x002F if u16_at(data, 0).unwrap_or(0) != 0 => return Err(corrupt("文件设置了打开密码")),
            0x0085 => {
                let Some(pos) = u32_at(data, 0) else { continue };
                sheets.push((pos as usize, boundsheet_name(data).unwrap_or_else(|| format!("第 {} 个工作表", sheets.len() + 1))));
            }
            0x000A => break,
            _ => {}
        }
    }
    for (pos, sheet) in sheets {
        let mut extent = Extent::default();
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (typ, data) in records(pos) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let pos2 = |d: &[u8]| Some((u16_at(d, 0)?, u16_at(d, 2)?));
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    // calamine reserves (last − first + 1)² cells from these, in u32 arithmetic.
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6)),
                        14 | 16 => (u32_at(data, 0).map(u64::from), u32_at(data, 4).map(u64::from), u16_at(data, 8), u16_at(data, 10)),
                        _ => continue,
                    };
                    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else { continue };
                    if cf > 0xFF || cl < cf {
                        cf = 0;
                    }
                    let (end_r, end_c) = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
                    let rows = (end_r as u32).wrapping_sub(rf as u32).wrapping_add(1) as u64;
                    let cols = (end_c as u32).wrapping_sub(cf as u32).wrapping_add(1) as u64;
                    if rows.saturating_mul(cols) > MAX_DENSE_CELLS {
                        return Err(CoreError::TooLarge {
                            file: file.into(),
                            what: format!(
                                "工作表“{sheet}”声明的区域从 {} 到 {}（约 {} 个单元格）；单元格 {} 远离其他数据（多半是误输入的内容）",
                                cell_name(rf, cf),
                                cell_name(end_r, end_c),
                                rows.saturating_mul(cols),
                                cell_name(end_r, end_c)
                            ),
                            limit: format!("{MAX_DENSE_CELLS} 个单元格；请删除这些单元格，或另存为 .xlsx 后导入"),
                        });
                    }
                }
                // Number, Label, RString, BoolErr, RK, LabelSst, Formula: (row, column) first.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if let Some((r, c)) = pos2(data) {
                        extent.add(r, c, 1, 1);
                    }
                }
                // MulRk: row, first column, …, last column.
                0x00BD => {
                    if let (Some((r, c)), Some(last)) = (pos2(data), data.len().checked_sub(2).and_then(|i| u16_at(data, i))) {
                        extent.add(r, c, 1, last.saturating_sub(c) + 1);
                    }
                }
                _ => {}
            }
        }
        extent.check(file, &sheet)?;
    }
    Ok(())
}

/// The sheet name of a BoundSheet8 record (BIFF8: ShortXLUnicodeString; BIFF5: 8-bit).
fn boundsheet_name(data: &[u8]) -> Option<String> {
    let cch = *data.get(6)? as usize;
    let flags = *data.get(7)?;
    if data.len() == 8 + cch && flags > 1 {
        // BIFF5: no flags byte, the name starts at 7.
        return Some(encoding_rs::GB18030.decode(data.get(7..7 + cch)?).0.into_owned());
    }
    if flags & 1 == 1 {
        let raw = data.get(8..8 + 2 * cch)?;
        Some(String::from_utf16_lossy(&raw.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect::<Vec<_>>()))
    } else {
        Some(data.get(8..8 + cch)?.iter().map(|&b| b as char).collect())
    }
}

/// BIFF records as (type, data); stops at a truncated record.
struct BiffRecords<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for BiffRecords<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let head = self.stream.get(..4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = self.stream.get(4..4 + len)?;
        self.stream = &self.stream[4 + len..];
        Some((typ, data))
    }
}

/// calamine asserts on some malformed files (found by tests/hostile.rs): a damaged workbook must be
/// an error the user can act on, never a crash of the app.
fn read_calamine_guarded(file: &str, bytes: Vec<u8>, date1904: bool, format: Format) -> Result<Workbook> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_calamine(file, bytes, date1904, format)))
        .unwrap_or_else(|_| Err(CoreError::Corrupt { file: file.to_string(), detail: "文件内部结构损坏".into() }))
}

fn read_calamine(file: &str, bytes: Vec<u8>, date1904: bool, format: Format) -> Result<Workbook> {
    let corrupt = |d: String| CoreError::Corrupt { file: file.to_string(), detail: d };
    let open_err = |msg: String| {
        if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("encrypt") {
            corrupt("文件设置了打开密码".into())
        } else {
            corrupt(msg)
        }
    };
    let rs = std::io::Cursor::new(bytes);
    let mut wb: Sheets<_> = match format {
        Format::Zip(ZipKind::Xlsx) => Sheets::Xlsx(open_workbook_from_rs(rs).map_err(|e: calamine::XlsxError| open_err(e.to_string()))?),
        Format::Zip(ZipKind::Xlsb) => Sheets::Xlsb(open_workbook_from_rs(rs).map_err(|e: calamine::XlsbError| open_err(e.to_string()))?),
        Format::Zip(ZipKind::Ods) => Sheets::Ods(open_workbook_from_rs(rs).map_err(|e: calamine::OdsError| open_err(e.to_string()))?),
        Format::Xls => Sheets::Xls(open_workbook_from_rs(rs).map_err(|e: calamine::XlsError| open_err(e.to_string()))?),
    };
    let names = wb.sheet_names().to_vec();
    let mut out = Workbook {
        file: file.into(),
        sheets: Vec::with_capacity(names.len()),
        date1904,
        ignored: Vec::new(),
        ignored_total: 0,
        sha256: String::new(),
    };
    for name in names {
        let sheet_err = |e: String| corrupt(format!("工作表“{name}”：{e}"));
        let mut cells = SparseCells::new(file, &name);
        // .xlsx/.xlsb stream their cells: the sheet's declared dimension is never allocated.
        match &mut wb {
            Sheets::Xlsx(x) => {
                let mut reader = x.worksheet_cells_reader(&name).map_err(|e| sheet_err(e.to_string()))?;
                while let Some(c) = reader.next_cell().map_err(|e| sheet_err(e.to_string()))? {
                    let (r, col) = c.get_position();
                    cells.push(r, col, &Data::from(c.get_value().clone()))?;
                }
            }
            Sheets::Xlsb(x) => {
                let mut reader = x.worksheet_cells_reader(&name).map_err(|e| sheet_err(e.to_string()))?;
                while let Some(c) = reader.next_cell().map_err(|e| sheet_err(e.to_string()))? {
                    let (r, col) = c.get_position();
                    cells.push(r, col, &Data::from(c.get_value().clone()))?;
                }
            }
            // The pre-scan bounded these grids.
            Sheets::Xls(_) | Sheets::Ods(_) => {
                let range = wb.worksheet_range(&name).map_err(|e| sheet_err(e.to_string()))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, d) in range.used_cells() {
                    cells.push(r0 + r as u32, c0 + c as u32, d)?;
                }
            }
        }
        out.date1904 |= cells.saw_1904;
        let (sheet, strays, stray_count) = cells.into_sheet()?;
        out.ignored_total += stray_count;
        out.ignored.extend(strays.into_iter().take(MAX_REPORTED_STRAYS.saturating_sub(out.ignored.len())));
        out.sheets.push(sheet);
    }
    Ok(out)
}

/// The cells of one sheet that hold data, in no particular order, before they become a grid.
struct SparseCells<'a> {
    file: &'a str,
    sheet: &'a str,
    cells: Vec<(u32, u32, Cell)>,
    /// Rows seen holding data: a bit per row of an Excel-sized sheet, a set beyond.
    row_bits: Vec<u64>,
    far_rows: std::collections::BTreeSet<u32>,
    rows: usize,
    saw_1904: bool,
}

impl<'a> SparseCells<'a> {
    fn new(file: &'a str, sheet: &'a str) -> Self {
        SparseCells { file, sheet, cells: Vec::new(), row_bits: Vec::new(), far_rows: Default::default(), rows: 0, saw_1904: false }
    }

    fn push(&mut self, row: u32, col: u32, d: &Data) -> Result<()> {
        let (cell, is_1904) = convert(d);
        self.push_cell(row, col, cell, is_1904)
    }

    fn push_cell(&mut self, row: u32, col: u32, cell: Cell, is_1904: bool) -> Result<()> {
        self.saw_1904 |= is_1904;
        if matches!(&cell, Cell::Empty) || matches!(&cell, Cell::Text(s) if s.is_empty()) {
            return Ok(());
        }
        let new_row = if (row as usize) < SHEET_ROWS {
            let (word, bit) = (row as usize / 64, 1u64 << (row % 64));
            if self.row_bits.len() <= word {
                self.row_bits.resize(word + 1, 0);
            }
            let fresh = self.row_bits[word] & bit == 0;
            self.row_bits[word] |= bit;
            fresh
        } else {
            self.far_rows.insert(row)
        };
        if new_row {
            self.rows += 1;
            // Refused while streaming: a million-row file stops here, not after it is all read.
            if self.rows > MAX_ROWS {
                return Err(CoreError::TooLarge {
                    file: self.file.into(),
                    what: format!("工作表“{}”有数据的行超过 {MAX_ROWS} 行", self.sheet),
                    limit: format!("{MAX_ROWS} 行"),
                });
            }
        }
        if self.cells.len() >= MAX_GRID_CELLS {
            return Err(self.too_many_cells());
        }
        self.cells.push((row, col, cell));
        Ok(())
    }

    fn too_many_cells(&self) -> CoreError {
        CoreError::TooLarge {
            file: self.file.into(),
            what: format!("工作表“{}”的单元格太多", self.sheet),
            limit: format!("{MAX_GRID_CELLS} 个单元格"),
        }
    }

    /// The grid of the data block and the cells far outside it (ignored, to be reported). The block
    /// is the largest cluster of rows, then of columns, that no gap of FAR_ROWS / FAR_COLS splits;
    /// cells outside Excel's own sheet size are always outside it.
    fn into_sheet(self) -> Result<(Sheet, Vec<IgnoredCell>, usize)> {
        let (file, sheet) = (self.file, self.sheet.to_string());
        let too_many = self.too_many_cells();
        let mut cells = self.cells;
        cells.sort_by_key(|c| (c.0, c.1));
        let in_sheet = |c: &(u32, u32, Cell)| (c.0 as usize) < SHEET_ROWS && (c.1 as usize) < SHEET_COLS;
        let rows = main_span(cells.iter().filter(|c| in_sheet(c)).map(|c| c.0).collect(), FAR_ROWS);
        let in_rows = |c: &(u32, u32, Cell)| in_sheet(c) && rows.is_some_and(|(lo, hi)| (lo..=hi).contains(&c.0));
        let cols = main_span(cells.iter().filter(|c| in_rows(c)).map(|c| c.1).collect(), FAR_COLS);
        let in_block = |c: &(u32, u32, Cell)| in_rows(c) && cols.is_some_and(|(lo, hi)| (lo..=hi).contains(&c.1));
        // Strays are listed up to MAX_REPORTED_STRAYS and counted; the rest is dropped in place
        // (no second copy of a sheet that may hold millions of cells).
        let mut strays = Vec::new();
        let mut stray_count = 0;
        cells.retain(|c| {
            let keep = in_block(c);
            if !keep {
                stray_count += 1;
                if strays.len() < MAX_REPORTED_STRAYS {
                    strays.push(IgnoredCell { sheet: sheet.clone(), row: c.0, col: c.1, text: c.2.display() });
                }
            }
            keep
        });
        if let Some((_, hi)) = cols {
            if hi as usize >= MAX_COLS {
                let at = cells.iter().find(|c| c.1 == hi).map(|c| cell_name(c.0 as u64, c.1 as u64)).unwrap_or_default();
                return Err(CoreError::TooLarge {
                    file: file.into(),
                    what: format!("工作表“{sheet}”的数据延伸到单元格 {at}"),
                    limit: format!("{MAX_COLS} 列"),
                });
            }
        }
        // Each row keeps the cells up to its last one: bound the total before building. Cells are
        // sorted, so a row's last cell is the one before the next row starts.
        let grid_cells: usize =
            cells.iter().enumerate().filter(|(i, c)| cells.get(i + 1).is_none_or(|n| n.0 != c.0)).map(|(_, c)| c.1 as usize + 1).sum();
        if grid_cells > MAX_GRID_CELLS {
            return Err(too_many);
        }
        let height = cells.last().map(|c| c.0 as usize + 1).unwrap_or(0);
        let mut grid: Vec<Vec<Cell>> = vec![Vec::new(); height];
        for (r, c, cell) in cells {
            let row = &mut grid[r as usize];
            if row.len() <= c as usize {
                row.resize(c as usize + 1, Cell::Empty);
            }
            row[c as usize] = cell;
        }
        Ok((Sheet { name: sheet, rows: grid }, strays, stray_count))
    }
}

// ---- Streaming (SPEC §9, §12 "Import"): the chosen sheet's rows leave the reader as they are read. ----

/// What the streaming reader sends, in this order: `Heads`, then (once the import has chosen its
/// sheet and its members sheet) `Sheets`, the members sheet's `MemberRow`s and `MembersDone`, then the
/// chosen sheet's `Row`s in sheet order, then `End`. `Err` ends the stream.
pub enum Msg {
    /// Every sheet's first rows (for finding the header and the members sheet), and the last row
    /// each sheet declares (0-based; a hint for progress, not trusted for anything else).
    Heads(Workbook, Vec<u32>),
    /// Every sheet read whole except the chosen one and the members sheet, which are left empty.
    Sheets(Workbook),
    /// Rows of the members sheet holding data (sent before the chosen sheet's rows), then `MembersDone`.
    MemberRows(Vec<(usize, Vec<Cell>)>),
    MembersDone,
    /// Rows of the chosen sheet holding data, in order: each row's 0-based number and its cells. Rows
    /// travel in batches of up to `ROW_BATCH`: one wake-up of the normalising thread per batch.
    Rows(Vec<(usize, Vec<Cell>)>),
    End(StreamEnd),
    Err(CoreError),
}

pub struct StreamEnd {
    /// False when the sheet broke an assumption of the streaming reader (cells out of row order, a far
    /// cluster of rows that outweighs the first one, …): the import then reads the file whole instead,
    /// so the result is always the one the whole-file reader gives.
    pub exact: bool,
    /// Far cells of every sheet, in sheet order, as `Workbook::ignored` / `ignored_total`.
    pub ignored: Vec<IgnoredCell>,
    pub ignored_total: usize,
    /// Whether any sheet held dates counted from 1904.
    pub date1904: bool,
}

/// An import file read into memory (bounded, hashed) and checked, not yet parsed.
pub struct Source {
    pub file: String,
    pub sha256: String,
    bytes: Vec<u8>,
    ext: String,
    /// .xlsx / .xlsb (cell-streaming in calamine) and their date system.
    stream: Option<(ZipKind, bool)>,
    /// A CSV file: its records stream too.
    csv: bool,
}

pub fn open_source(path: &Path) -> Result<Source> {
    let file = display_name(path);
    let (bytes, sha256) = read_limited(path, MAX_FILE_BYTES)?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let stream = match sniff(&bytes) {
        Kind::Zip => match check_zip(&file, &bytes)? {
            k @ (ZipKind::Xlsx | ZipKind::Xlsb) => Some((k, zip_date1904(&bytes))),
            ZipKind::Ods => None,
        },
        _ => None,
    };
    let csv = is_csv(sniff(&bytes), &ext, &bytes);
    Ok(Source { file, sha256, bytes, ext, stream, csv })
}

/// Rows per `Rows` / `MemberRows` message.
pub const ROW_BATCH: usize = 64;

/// Rows read from the top of every sheet for the `Heads` message.
pub const HEAD_ROWS: usize = 30;
/// Provisionally far cells the streaming reader keeps before it gives up and the file is read whole.
const MAX_STREAM_STRAYS: usize = 10_000;

impl Source {
    /// Whether `stream` can read this file (.xlsx, .xlsb, .csv); other formats are read whole.
    pub fn can_stream(&self) -> bool {
        self.stream.is_some() || self.csv
    }

    /// The whole workbook in memory: formats calamine reads whole, and the fallback of `stream`.
    pub fn read_whole(&self) -> Result<Workbook> {
        let mut wb = read_unhashed(&self.file, &self.ext, self.bytes.clone())?;
        wb.sha256 = self.sha256.clone();
        Ok(wb)
    }

    /// Streams the workbook to `out` (see `Msg`); `choose` answers `Heads` with the sheet to import
    /// (None: stop). Runs on a reader thread while the import normalises and writes the rows it sent;
    /// `out` is bounded, so at most its capacity of rows is ever held between the two.
    pub fn stream(&self, choose: &std::sync::mpsc::Receiver<Option<(usize, Option<usize>)>>, out: &std::sync::mpsc::SyncSender<Msg>) {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.stream_inner(choose, out)));
        let err = match r {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e,
            // calamine asserts on some malformed files (see read_calamine_guarded).
            Err(_) => CoreError::Corrupt { file: self.file.clone(), detail: "文件内部结构损坏".into() },
        };
        let _ = out.send(Msg::Err(err));
    }

    fn stream_inner(&self, choose: &std::sync::mpsc::Receiver<Option<(usize, Option<usize>)>>, out: &std::sync::mpsc::SyncSender<Msg>) -> Result<()> {
        let file = self.file.as_str();
        if self.csv {
            return self.stream_csv(choose, out);
        }
        let Some((kind, date1904)) = self.stream else {
            return Err(CoreError::Corrupt { file: file.into(), detail: "该格式不能流式读取".into() });
        };
        let corrupt = |d: String| CoreError::Corrupt { file: file.to_string(), detail: d };
        let open_err = |msg: String| {
            if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("encrypt") {
                corrupt("文件设置了打开密码".into())
            } else {
                corrupt(msg)
            }
        };
        let rs = std::io::Cursor::new(&self.bytes[..]);
        let mut wb: Sheets<_> = match kind {
            ZipKind::Xlsx => Sheets::Xlsx(open_workbook_from_rs(rs).map_err(|e: calamine::XlsxError| open_err(e.to_string()))?),
            ZipKind::Xlsb => Sheets::Xlsb(open_workbook_from_rs(rs).map_err(|e: calamine::XlsbError| open_err(e.to_string()))?),
            ZipKind::Ods => return Err(corrupt("该格式不能流式读取".into())),
        };
        let names = wb.sheet_names().to_vec();
        let book = |sheets| Workbook { file: file.into(), sheets, date1904, ignored: Vec::new(), ignored_total: 0, sha256: self.sha256.clone() };

        // 1. The top of every sheet.
        let mut heads = Vec::with_capacity(names.len());
        let mut declared = Vec::with_capacity(names.len());
        for name in &names {
            let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
            let last = each_cell(&mut wb, file, name, &mut |r, c, cell, _| {
                if r as usize >= HEAD_ROWS {
                    return Ok(false);
                }
                if !cell.is_empty() && (c as usize) < SHEET_COLS {
                    cells.push((r, c, cell));
                }
                Ok(true)
            })?;
            declared.push(last);
            heads.push(Sheet { name: name.clone(), rows: head_grid(cells) });
        }
        let head_cols: Vec<Option<(u32, u32)>> = heads
            .iter()
            .map(|s| {
                main_span(s.rows.iter().flat_map(|r| r.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, _)| i as u32)).collect(), FAR_COLS)
            })
            .collect();
        if out.send(Msg::Heads(book(heads), declared)).is_err() {
            return Ok(());
        }
        let Ok(Some((main, members))) = choose.recv() else { return Ok(()) };
        let members = members.filter(|m| *m != main && *m < names.len());

        // 2. Every other sheet whole (the members sheet is staged before the entries).
        let mut strays: Vec<(Vec<IgnoredCell>, usize)> = Vec::with_capacity(names.len());
        let mut others = Vec::with_capacity(names.len());
        let mut saw_1904 = date1904;
        for (i, name) in names.iter().enumerate() {
            if i == main || Some(i) == members {
                others.push(Sheet { name: name.clone(), rows: Vec::new() });
                strays.push((Vec::new(), 0));
                continue;
            }
            let mut cells = SparseCells::new(file, name);
            each_cell(&mut wb, file, name, &mut |r, c, cell, is_1904| cells.push_cell(r, c, cell, is_1904).map(|_| true))?;
            saw_1904 |= cells.saw_1904;
            let (sheet, s, n) = cells.into_sheet()?;
            others.push(sheet);
            strays.push((s, n));
        }
        let mut sheets_book = book(others);
        sheets_book.date1904 = saw_1904;
        if out.send(Msg::Sheets(sheets_book)).is_err() {
            return Ok(());
        }

        // 3. The members sheet, then the chosen sheet, row by row.
        let mut exact = true;
        if let Some(mi) = members {
            let mut m = MainStream::new(file, &names[mi], head_cols.get(mi).copied().flatten(), out, true);
            each_cell(&mut wb, file, &names[mi], &mut |r, c, cell, is_1904| m.push(r, c, cell, is_1904))?;
            let (ok, s, n, f) = m.finish()?;
            strays[mi] = (s, n);
            exact &= ok;
            saw_1904 |= f;
            if !ok || out.send(Msg::MembersDone).is_err() {
                let _ = out.send(Msg::End(StreamEnd { exact: false, ignored: Vec::new(), ignored_total: 0, date1904: saw_1904 }));
                return Ok(());
            }
        }
        let mut m = MainStream::new(file, &names[main], head_cols.get(main).copied().flatten(), out, false);
        each_cell(&mut wb, file, &names[main], &mut |r, c, cell, is_1904| m.push(r, c, cell, is_1904))?;
        let (ok, main_strays, main_n, main_1904) = m.finish()?;
        strays[main] = (main_strays, main_n);
        exact &= ok;
        let mut end = StreamEnd { exact, ignored: Vec::new(), ignored_total: 0, date1904: saw_1904 || main_1904 };
        for (s, n) in strays {
            end.ignored_total += n;
            end.ignored.extend(s.into_iter().take(MAX_REPORTED_STRAYS.saturating_sub(end.ignored.len())));
        }
        let _ = out.send(Msg::End(end));
        Ok(())
    }
}

impl Source {
    /// A CSV file as a stream: the first rows as `Heads`, then every record in order as `Row` (the
    /// same rows, numbered the same, as `read_csv` gives), so only the rows in flight are held.
    fn stream_csv(&self, choose: &std::sync::mpsc::Receiver<Option<(usize, Option<usize>)>>, out: &std::sync::mpsc::SyncSender<Msg>) -> Result<()> {
        let file = self.file.as_str();
        let book = |rows| Workbook {
            file: file.into(),
            sheets: vec![Sheet { name: csv_sheet_name(file), rows }],
            date1904: false,
            ignored: Vec::new(),
            ignored_total: 0,
            sha256: self.sha256.clone(),
        };
        // Lines, for progress only.
        let declared = self.bytes.iter().filter(|b| **b == b'\n').count() as u32;
        let mut head: Option<Vec<Vec<Cell>>> = Some(Vec::new());
        // Sends the first rows and waits for the choice; false: stop.
        let open = |head: Vec<Vec<Cell>>| -> bool {
            if out.send(Msg::Heads(book(head.clone()), vec![declared])).is_err() {
                return false;
            }
            if !matches!(choose.recv(), Ok(Some(_))) || out.send(Msg::Sheets(book(Vec::new()))).is_err() {
                return false;
            }
            out.send(Msg::Rows(head.into_iter().enumerate().collect())).is_ok()
        };
        let mut batch = Vec::with_capacity(ROW_BATCH);
        let mut stopped = false;
        csv_records(file, &self.bytes, &mut |r, cells| {
            if let Some(h) = head.as_mut() {
                if r < HEAD_ROWS {
                    h.push(cells);
                    return Ok(true);
                }
                let rows = head.take().unwrap_or_default();
                if !open(rows) {
                    stopped = true;
                    return Ok(false);
                }
            }
            batch.push((r, cells));
            if batch.len() == ROW_BATCH && out.send(Msg::Rows(std::mem::replace(&mut batch, Vec::with_capacity(ROW_BATCH)))).is_err() {
                stopped = true;
                return Ok(false);
            }
            Ok(true)
        })?;
        if let Some(rows) = head.take() {
            stopped = !open(rows);
        }
        if !stopped && !batch.is_empty() {
            stopped = out.send(Msg::Rows(batch)).is_err();
        }
        if !stopped {
            let _ = out.send(Msg::End(StreamEnd { exact: true, ignored: Vec::new(), ignored_total: 0, date1904: false }));
        }
        Ok(())
    }
}

/// Calls `f` with every cell of a sheet of an .xlsx / .xlsb in file order (as `convert` makes it: the
/// cell and whether it was a 1904 date) until it returns false.
fn each_cell<RS: std::io::Read + std::io::Seek>(
    wb: &mut Sheets<RS>,
    file: &str,
    name: &str,
    f: &mut dyn FnMut(u32, u32, Cell, bool) -> Result<bool>,
) -> Result<u32> {
    let sheet_err = |e: String| CoreError::Corrupt { file: file.to_string(), detail: format!("工作表“{name}”：{e}") };
    let last;
    match wb {
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| sheet_err(e.to_string()))?;
            last = reader.dimensions().end.0;
            while let Some(c) = reader.next_cell().map_err(|e| sheet_err(e.to_string()))? {
                let (r, col) = c.get_position();
                let (cell, is_1904) = convert_ref(c.get_value());
                if !f(r, col, cell, is_1904)? {
                    break;
                }
            }
        }
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| sheet_err(e.to_string()))?;
            last = reader.dimensions().end.0;
            while let Some(c) = reader.next_cell().map_err(|e| sheet_err(e.to_string()))? {
                let (r, col) = c.get_position();
                let (cell, is_1904) = convert_ref(c.get_value());
                if !f(r, col, cell, is_1904)? {
                    break;
                }
            }
        }
        _ => return Err(sheet_err("该格式不能流式读取".into())),
    }
    Ok(last)
}

/// The top rows of a sheet as a grid, cells far right of the others left out (as `into_sheet` would).
fn head_grid(mut cells: Vec<(u32, u32, Cell)>) -> Vec<Vec<Cell>> {
    let cols = main_span(cells.iter().map(|c| c.1).collect(), FAR_COLS);
    cells.retain(|c| cols.is_some_and(|(lo, hi)| (lo..=hi).contains(&c.1)));
    cells.sort_by_key(|c| (c.0, c.1));
    let height = cells.last().map(|c| c.0 as usize + 1).unwrap_or(0);
    let mut grid: Vec<Vec<Cell>> = vec![Vec::new(); height];
    for (r, c, cell) in cells {
        let row = &mut grid[r as usize];
        if row.len() <= c as usize {
            row.resize(c as usize + 1, Cell::Empty);
        }
        row[c as usize] = cell;
    }
    grid
}

/// The chosen sheet streamed: rows go out as soon as the next row starts. The data block is decided as
/// the cells come (a row more than FAR_ROWS below the block, or a cell more than FAR_COLS beside it, is
/// provisionally far); at the end the block is computed exactly as `SparseCells::into_sheet` does, from
/// the positions alone, and the stream is `exact` only when both agree.
struct MainStream<'a> {
    file: &'a str,
    sheet: &'a str,
    out: &'a std::sync::mpsc::SyncSender<Msg>,
    /// The in-sheet cells holding data, as clusters of rows that no gap wider than FAR_ROWS splits: the
    /// one being read and the largest one finished (cells arrive in row order, or the stream stops).
    /// This is all of the cells' positions that `finish` needs, without keeping 8 bytes a cell.
    cluster: Option<Cluster>,
    best: Option<Cluster>,
    strays: Vec<(u32, u32, Cell)>,
    rows: usize,
    cells: usize,
    grid_cells: usize,
    last_row: Option<u32>,
    rows_span: Option<(u32, u32)>,
    cols_span: Option<(u32, u32)>,
    cur: Option<(u32, Vec<Cell>)>,
    /// Finished rows not sent yet.
    batch: Vec<(usize, Vec<Cell>)>,
    saw_1904: bool,
    exact: bool,
    stopped: bool,
    /// Rows go out as `MemberRow` (the members sheet) instead of `Row`.
    members: bool,
    /// Capacity for the next row's cells: the widest row so far, so a row is not grown cell by cell.
    width: usize,
}

/// First and last (row or column) of a span, if any.
type Span = Option<(u32, u32)>;

/// A cluster of rows (see `MainStream::cluster`): its first and last row, its cells, and per column
/// the cells it holds and the first row holding one.
struct Cluster {
    lo: u32,
    hi: u32,
    cells: usize,
    per_col: Vec<u32>,
    first_row: Vec<u32>,
}

/// As `main_span` over the columns of a cluster's cells, from its cells per column.
fn cols_span(per_col: &[u32], far: u32) -> Option<(u32, u32)> {
    let mut best: Option<(usize, u32, u32)> = None;
    let mut cur: Option<(usize, u32, u32)> = None;
    for (c, &n) in per_col.iter().enumerate().filter(|(_, n)| **n > 0) {
        let c = c as u32;
        cur = match cur {
            Some((m, lo, hi)) if c - hi <= far => Some((m + n as usize, lo, c)),
            done => {
                if let Some(d) = done {
                    if best.is_none_or(|b| d.0 > b.0) {
                        best = Some(d);
                    }
                }
                Some((n as usize, c, c))
            }
        };
    }
    if let Some(d) = cur {
        if best.is_none_or(|b| d.0 > b.0) {
            best = Some(d);
        }
    }
    best.map(|(_, lo, hi)| (lo, hi))
}

impl<'a> MainStream<'a> {
    fn new(file: &'a str, sheet: &'a str, head_cols: Option<(u32, u32)>, out: &'a std::sync::mpsc::SyncSender<Msg>, members: bool) -> Self {
        MainStream {
            file,
            sheet,
            out,
            cluster: None,
            best: None,
            strays: Vec::new(),
            rows: 0,
            cells: 0,
            grid_cells: 0,
            last_row: None,
            rows_span: None,
            cols_span: head_cols,
            cur: None,
            batch: Vec::with_capacity(ROW_BATCH),
            saw_1904: false,
            exact: true,
            stopped: false,
            members,
            // A hint only: a wide header does not reserve much for every row.
            width: head_cols.map_or(0, |(_, hi)| hi as usize + 1).min(256),
        }
    }

    /// Counts an in-sheet cell into its cluster of rows (rows arrive in order).
    fn note(&mut self, row: u32, col: u32) {
        if self.cluster.as_ref().is_some_and(|c| row.saturating_sub(c.hi) > FAR_ROWS) {
            let done = self.cluster.take();
            self.keep_best(done);
        }
        let c = self.cluster.get_or_insert_with(|| Cluster { lo: row, hi: row, cells: 0, per_col: Vec::new(), first_row: Vec::new() });
        c.hi = row;
        c.cells += 1;
        let i = col as usize;
        if c.per_col.len() <= i {
            c.per_col.resize(i + 1, 0);
            c.first_row.resize(i + 1, u32::MAX);
        }
        c.per_col[i] += 1;
        if c.first_row[i] == u32::MAX {
            c.first_row[i] = row;
        }
    }

    /// The data block as `main_span` finds it from the in-sheet cells' positions: its rows, its columns,
    /// and the first row holding a cell in its last column (cells come in row order).
    fn block(&mut self) -> (Span, Span, Option<u32>) {
        let done = self.cluster.take();
        self.keep_best(done);
        let Some(best) = self.best.take() else { return (None, None, None) };
        let cols = cols_span(&best.per_col, FAR_COLS);
        let first = cols.and_then(|(_, hi)| best.first_row.get(hi as usize).copied());
        (Some((best.lo, best.hi)), cols, first)
    }

    /// The first of the largest clusters wins, as in `main_span`.
    fn keep_best(&mut self, done: Option<Cluster>) {
        if let Some(d) = done {
            if self.best.as_ref().is_none_or(|b| d.cells > b.cells) {
                self.best = Some(d);
            }
        }
    }

    fn too_many_cells(&self) -> CoreError {
        CoreError::TooLarge {
            file: self.file.into(),
            what: format!("工作表“{}”的单元格太多", self.sheet),
            limit: format!("{MAX_GRID_CELLS} 个单元格"),
        }
    }

    /// false: stop reading (out of order, too many far cells, or the import has gone).
    fn push(&mut self, row: u32, col: u32, cell: Cell, is_1904: bool) -> Result<bool> {
        self.saw_1904 |= is_1904;
        if matches!(&cell, Cell::Empty) || matches!(&cell, Cell::Text(s) if s.is_empty()) {
            return Ok(true);
        }
        if self.last_row.is_some_and(|l| row < l) {
            self.exact = false;
            return Ok(false);
        }
        if self.last_row != Some(row) {
            self.rows += 1;
            // The same limits as the whole-file reader, refused while streaming.
            if self.rows > MAX_ROWS {
                return Err(CoreError::TooLarge {
                    file: self.file.into(),
                    what: format!("工作表“{}”有数据的行超过 {MAX_ROWS} 行", self.sheet),
                    limit: format!("{MAX_ROWS} 行"),
                });
            }
        }
        self.last_row = Some(row);
        if self.cells >= MAX_GRID_CELLS {
            return Err(self.too_many_cells());
        }
        self.cells += 1;
        let in_sheet = (row as usize) < SHEET_ROWS && (col as usize) < SHEET_COLS;
        if in_sheet {
            self.note(row, col);
        }
        let far_row = self.rows_span.is_some_and(|(_, hi)| row > hi.saturating_add(FAR_ROWS));
        let far_col = self.cols_span.is_some_and(|(lo, hi)| col.saturating_add(FAR_COLS) < lo || col > hi.saturating_add(FAR_COLS));
        if !in_sheet || far_row || far_col {
            self.strays.push((row, col, cell));
            if self.strays.len() > MAX_STREAM_STRAYS {
                self.exact = false;
                return Ok(false);
            }
            return Ok(true);
        }
        self.rows_span = Some(self.rows_span.map_or((row, row), |(lo, _)| (lo, row)));
        self.cols_span = Some(self.cols_span.map_or((col, col), |(lo, hi)| (lo.min(col), hi.max(col))));
        if self.cur.as_ref().is_some_and(|(r, _)| *r != row) && !self.flush()? {
            return Ok(false);
        }
        let width = self.width;
        let cur = self.cur.get_or_insert_with(|| (row, Vec::with_capacity(width)));
        if cur.1.len() <= col as usize {
            cur.1.resize(col as usize + 1, Cell::Empty);
        }
        cur.1[col as usize] = cell;
        Ok(true)
    }

    fn flush(&mut self) -> Result<bool> {
        let Some((r, cells)) = self.cur.take() else { return Ok(true) };
        self.width = self.width.max(cells.len().min(256));
        self.grid_cells += cells.len();
        if self.grid_cells > MAX_GRID_CELLS {
            return Err(self.too_many_cells());
        }
        self.batch.push((r as usize, cells));
        if self.batch.len() < ROW_BATCH {
            return Ok(true);
        }
        self.send_batch()
    }

    fn send_batch(&mut self) -> Result<bool> {
        if self.batch.is_empty() {
            return Ok(true);
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(ROW_BATCH));
        let msg = if self.members { Msg::MemberRows(rows) } else { Msg::Rows(rows) };
        if self.out.send(msg).is_err() {
            self.stopped = true;
            return Ok(false);
        }
        Ok(true)
    }

    /// (exact, the far cells listed, how many in all, saw 1904 dates).
    fn finish(mut self) -> Result<(bool, Vec<IgnoredCell>, usize, bool)> {
        if self.exact && !self.stopped && self.flush()? {
            self.send_batch()?;
        }
        let (rows, cols, hi_first_row) = self.block();
        let in_rows = |r: u32| rows.is_some_and(|(lo, hi)| (lo..=hi).contains(&r));
        let in_block = |r: u32, c: u32| {
            (r as usize) < SHEET_ROWS && (c as usize) < SHEET_COLS && in_rows(r) && cols.is_some_and(|(lo, hi)| (lo..=hi).contains(&c))
        };
        if let Some((_, hi)) = cols {
            if hi as usize >= MAX_COLS {
                let at = hi_first_row.map(|r| cell_name(r as u64, hi as u64)).unwrap_or_default();
                return Err(CoreError::TooLarge {
                    file: self.file.into(),
                    what: format!("工作表“{}”的数据延伸到单元格 {at}", self.sheet),
                    limit: format!("{MAX_COLS} 列"),
                });
            }
        }
        // What was streamed must be the block, and every far cell must lie outside it.
        let span_in = |s: Option<(u32, u32)>, b: Option<(u32, u32)>| match (s, b) {
            (None, _) => true,
            (Some((a, z)), Some((lo, hi))) => lo <= a && z <= hi,
            (Some(_), None) => false,
        };
        let rows_exact = self.rows_span.is_none() || rows.is_some_and(|(lo, hi)| self.rows_span.is_some_and(|(a, z)| lo <= a && z <= hi));
        self.exact &= rows_exact && (self.rows_span.is_none() || span_in(self.cols_span, cols)) && !self.strays.iter().any(|s| in_block(s.0, s.1));
        let mut strays = std::mem::take(&mut self.strays);
        strays.sort_by_key(|s| (s.0, s.1));
        let n = strays.len();
        let sheet = self.sheet.to_string();
        let listed = strays
            .into_iter()
            .take(MAX_REPORTED_STRAYS)
            .map(|(row, col, c)| IgnoredCell { sheet: sheet.clone(), row, col, text: c.display() })
            .collect();
        Ok((self.exact, listed, n, self.saw_1904))
    }
}

/// The span (first, last) of the largest cluster of values (by count) that no gap wider than
/// `far` splits.
fn main_span(mut values: Vec<u32>, far: u32) -> Option<(u32, u32)> {
    values.sort_unstable();
    let mut best: Option<(usize, u32, u32)> = None;
    let mut start = 0;
    for i in 0..values.len() {
        let ends = i + 1 == values.len() || values[i + 1] - values[i] > far;
        if ends {
            let n = i + 1 - start;
            if best.is_none_or(|(bn, _, _)| n > bn) {
                best = Some((n, values[start], values[i]));
            }
            start = i + 1;
        }
    }
    best.map(|(_, lo, hi)| (lo, hi))
}

/// The retained grid of a sheet (rows, and cells summed over rows), for tests that show a stray
/// far cell costs nothing.
pub fn grid_size(sheet: &Sheet) -> (usize, usize) {
    (sheet.rows.len(), sheet.rows.iter().map(Vec::len).sum())
}

/// As `convert`, straight from calamine's borrowed cell (the streaming reader's hot path): the text
/// is copied once, into the cell, with no `Data` in between.
fn convert_ref(d: &DataRef<'_>) -> (Cell, bool) {
    match d {
        DataRef::SharedString(s) => (Cell::Text((*s).to_string()), false),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (Cell::Text(s.clone()), false),
        DataRef::Empty => (Cell::Empty, false),
        DataRef::Float(f) => (Cell::Number(*f), false),
        DataRef::Int(i) => (Cell::Number(*i as f64), false),
        DataRef::Bool(b) => (Cell::Bool(*b), false),
        DataRef::DateTime(x) => convert(&Data::DateTime(*x)),
        DataRef::Error(e) => convert(&Data::Error(e.clone())),
    }
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
    let mut rows = Vec::new();
    csv_records(file, bytes, &mut |_, cells| {
        rows.push(cells);
        Ok(true)
    })?;
    Ok(Workbook {
        file: file.into(),
        sheets: vec![Sheet { name: csv_sheet_name(file), rows }],
        date1904: false,
        ignored: Vec::new(),
        ignored_total: 0,
        sha256: String::new(),
    })
}

fn csv_sheet_name(file: &str) -> String {
    Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "CSV".into())
}

/// Calls `each` with every record of a CSV file (its number, its cells without trailing empty ones)
/// until it returns false; the row limit counts records holding data, as for workbooks.
fn csv_records(file: &str, bytes: &[u8], each: &mut dyn FnMut(usize, Vec<Cell>) -> Result<bool>) -> Result<()> {
    let text = decode_text(bytes);
    let delimiter = if text.lines().next().map(|l| l.matches('\t').count() > l.matches(',').count()).unwrap_or(false) { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut data_rows = 0;
    let mut rec = csv::StringRecord::new();
    let mut i = 0;
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(CoreError::Corrupt { file: file.into(), detail: format!("第 {} 行：{e}", i + 1) }),
        }
        let mut cells: Vec<Cell> = rec.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect();
        while matches!(cells.last(), Some(Cell::Empty)) {
            cells.pop();
        }
        if !cells.is_empty() {
            data_rows += 1;
            if data_rows > MAX_ROWS {
                return Err(CoreError::TooLarge { file: file.into(), what: format!("有数据的行超过 {MAX_ROWS} 行"), limit: format!("{MAX_ROWS} 行") });
            }
        }
        if !each(i, cells)? {
            return Ok(());
        }
        i += 1;
    }
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

    /// What `Source::stream` sends for a file, as (head rows, every row in order, exact).
    fn streamed(src: &Source) -> (Vec<Vec<Cell>>, Vec<(usize, Vec<Cell>)>, bool) {
        let (out, rx) = std::sync::mpsc::sync_channel::<Msg>(4);
        let (choose_tx, choose) = std::sync::mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(move || src.stream(&choose, &out));
            let (mut head, mut rows) = (Vec::new(), Vec::new());
            loop {
                match rx.recv().expect("the stream ends with End") {
                    Msg::Heads(h, _) => {
                        head = h.sheets[0].rows.clone();
                        choose_tx.send(Some((0, None))).unwrap();
                    }
                    Msg::Sheets(_) => {}
                    Msg::Rows(batch) => rows.extend(batch),
                    Msg::End(e) => return (head, rows, e.exact),
                    Msg::Err(e) => panic!("{e}"),
                    Msg::MemberRows(..) | Msg::MembersDone => panic!("a CSV has no members sheet"),
                }
            }
        })
    }

    #[test]
    fn csv_streams_exactly_the_rows_the_whole_reader_gives() {
        let dir = tempfile::tempdir().unwrap();
        let short = dir.path().join("短表.csv");
        // Fewer rows than the head, an empty record, trailing empty cells and a quoted line break.
        std::fs::write(&short, "项目编号,项目名称,,\n,,\nCK001,\"智能\n装备\",\nCK002,储能,,\n").unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/generated");
        for path in [root.join("export_utf8.csv"), root.join("export_gbk.csv"), short] {
            let src = open_source(&path).unwrap();
            assert!(src.can_stream(), "{}", path.display());
            let whole = src.read_whole().unwrap().sheets.remove(0).rows;
            let (head, rows, exact) = streamed(&src);
            assert!(exact);
            assert_eq!(head, whole[..whole.len().min(HEAD_ROWS)].to_vec(), "{}", path.display());
            let numbered: Vec<(usize, Vec<Cell>)> = whole.into_iter().enumerate().collect();
            assert_eq!(rows, numbered, "{}", path.display());
        }
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

    fn sparse(cells: &[(u32, u32, &str)]) -> (Sheet, Vec<IgnoredCell>, usize) {
        let mut s = SparseCells::new("t.xlsx", "报名表");
        for &(r, c, v) in cells {
            s.push(r, c, &Data::String(v.into())).unwrap();
        }
        s.into_sheet().unwrap()
    }

    #[test]
    fn the_data_block_is_the_largest_cluster_and_far_cells_are_strays() {
        // A note at A1 far above a block that starts at row 20001: the note is the stray.
        let block: Vec<(u32, u32, &str)> = (20_000..20_010).flat_map(|r| (0..3).map(move |c| (r, c, "x"))).collect();
        let mut cells = vec![(0, 0, "标题")];
        cells.extend(block.iter().copied());
        let (sheet, strays, n) = sparse(&cells);
        assert_eq!((n, strays[0].cell()), (1, "A1".to_string()));
        assert_eq!(grid_size(&sheet), (20_010, 30));
        // A cell far right of the block, on a block row, and one beyond Excel's sheet.
        cells.push((20_003, 5_000, "远"));
        cells.push((2_000_000, 0, "外"));
        let (sheet, strays, n) = sparse(&cells);
        assert_eq!(n, 3);
        assert!(strays.iter().any(|c| c.cell() == "GJI20004"), "{strays:?}");
        assert_eq!(grid_size(&sheet), (20_010, 30));
        // Gaps within FAR_ROWS / FAR_COLS stay in the block.
        let (sheet, _, n) = sparse(&[(0, 0, "a"), (5_000, 150, "b")]);
        assert_eq!((n, grid_size(&sheet)), (0, (5_001, 152)));
    }

    /// The streaming reader's running clusters find the block `main_span` finds from every position.
    #[test]
    fn streamed_block_is_main_spans_block() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let (tx, _rx) = std::sync::mpsc::sync_channel(1);
        // Rows in clusters (gaps around FAR_ROWS), columns around FAR_COLS apart.
        let row_gap = prop_oneof![Just(0u32), Just(1), Just(FAR_ROWS), Just(FAR_ROWS + 1), 0..3 * FAR_ROWS];
        let col = prop_oneof![0..5u32, 150..260u32, 400..410u32, Just(FAR_COLS + 4)];
        let cells = proptest::collection::vec((row_gap, col), 0..60);
        let mut runner = TestRunner::new(Config { cases: 2000, failure_persistence: None, ..Config::default() });
        runner
            .run(&cells, |cells| {
                let mut m = MainStream::new("t.xlsx", "报名表", None, &tx, false);
                let (mut row, mut positions) = (0u32, Vec::new());
                for (gap, col) in cells {
                    row += gap;
                    m.note(row, col);
                    positions.push((row, col));
                }
                let rows = main_span(positions.iter().map(|p| p.0).collect(), FAR_ROWS);
                let in_rows = |r: u32| rows.is_some_and(|(lo, hi)| (lo..=hi).contains(&r));
                let cols = main_span(positions.iter().filter(|p| in_rows(p.0)).map(|p| p.1).collect(), FAR_COLS);
                let first = cols.and_then(|(_, hi)| positions.iter().find(|p| in_rows(p.0) && p.1 == hi).map(|p| p.0));
                prop_assert_eq!(m.block(), (rows, cols, first));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn csv_row_limit_counts_rows_holding_data() {
        let mut text = "项目编号\n".to_string();
        text.push_str(&",\n".repeat(MAX_ROWS + 10));
        text.push_str("CK1\n");
        assert!(read_bytes("a.csv", "csv", text.into_bytes()).is_ok());
        let text = "x\n".repeat(MAX_ROWS + 1);
        assert_eq!(read_bytes("b.csv", "csv", text.into_bytes()).unwrap_err().code(), "IMPORT_TOO_LARGE");
    }

    /// The shortcuts for whole numbers and date-times print what the general formatting prints.
    #[test]
    fn shortcuts_print_as_the_general_formatting() {
        for n in [0.0, -0.0, 1.0, -7.0, 12345.0, 20240305.0, 13812345678.0, 8.99e15, -8.99e15, 9.1e15, 1.4e17] {
            assert_eq!(format_number(n), format!("{n:.0}"), "{n}");
        }
        let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        for t in [(0, 0, 0), (10, 20, 0), (23, 59, 59), (0, 0, 1)] {
            let dt = d.and_hms_opt(t.0, t.1, t.2).unwrap();
            let general = if dt.time() == chrono::NaiveTime::MIN { dt.format("%Y-%m-%d") } else { dt.format("%Y-%m-%d %H:%M:%S") };
            assert_eq!(Cell::DateTime(dt).display(), general.to_string());
        }
        let early = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap().and_hms_milli_opt(7, 5, 3, 400).unwrap();
        assert_eq!(Cell::DateTime(early).display(), early.format("%Y-%m-%d %H:%M:%S").to_string());
    }

    #[test]
    fn numbers_display_as_excel_shows_them() {
        assert!(format_number(140402199001011230.0).starts_with("1404021990010112"));
        assert!(!format_number(1.4e17).contains('e'));
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(3.0), "3");
    }
}
