//! Hostile spreadsheets made at run time (issue #9): a stray note far from the data, absurd .xls/.ods
//! areas, a million rows, a zip bomb, an encrypted workbook, files past the size limit, renamed and
//! damaged files, error cells and formulas. Reading must never allocate from a sheet's declared
//! size, and the whole import either applies or changes nothing, refusing with a typed error that
//! names the file.
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use saiwu_core::import::{self, workbook, ApplyRequest};
use saiwu_core::Store;

use crate::support::root;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap()
}

const HEADER: [&str; 4] = ["项目编号", "参赛组别", "项目名称", "企业名称"];

fn data_rows() -> Vec<[String; 4]> {
    (1..=3).map(|i| [format!("CK202600{i}"), "企业组".into(), format!("项目{i}"), format!("长治市测试{i}有限公司")]).collect()
}

/// An ordinary export (header and three projects) with a note typed at (row, col), 0-based.
fn write_with_stray(path: &Path, stray: Option<(u32, u16)>) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("报名表").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in data_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    if let Some((r, c)) = stray {
        ws.write_string(r, c, "备注：请勿删除").unwrap();
    }
    wb.save(path).unwrap();
}

/// A minimal .xlsx written straight through the zip crate: `rows` is the sheetData XML.
fn write_xlsx_xml(path: &Path, dimension: &str, rows: &mut dyn FnMut(&mut dyn Write)) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(std::io::BufWriter::new(f));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
    let parts: [(&str, &str); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, xml) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
    }
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>"#
    )
    .unwrap();
    rows(&mut z);
    z.write_all(b"</sheetData></worksheet>").unwrap();
    z.finish().unwrap();
}

fn inline(w: &mut dyn Write, cell: &str, text: &str) {
    write!(w, r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#).unwrap();
}

/// Header and three projects as sheetData rows, then `extra` (more cells of row 5).
fn xml_rows(w: &mut dyn Write, extra: &str) {
    let letters = ["A", "B", "C", "D"];
    w.write_all(b"<row r=\"1\">").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        inline(w, &format!("{}1", letters[c]), h);
    }
    w.write_all(b"</row>").unwrap();
    for (r, row) in data_rows().iter().enumerate() {
        write!(w, "<row r=\"{}\">", r + 2).unwrap();
        for (c, v) in row.iter().enumerate() {
            inline(w, &format!("{}{}", letters[c], r + 2), v);
        }
        w.write_all(b"</row>").unwrap();
    }
    write!(w, "<row r=\"5\">{extra}</row>").unwrap();
}

/// A minimal .ods: `body` goes inside the one table after its header and three projects.
fn write_ods(path: &Path, body: &str) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    z.start_file("META-INF/manifest.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    let cell = |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let mut rows = format!("<table:table-row>{}</table:table-row>", HEADER.iter().map(|h| cell(h)).collect::<String>());
    for row in data_rows() {
        rows += &format!("<table:table-row>{}</table:table-row>", row.iter().map(|v| cell(v)).collect::<String>());
    }
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="报名表">{rows}{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    z.finish().unwrap();
}

/// The handmade .xls with its first sheet's first cell record moved to (row, col), or its DIMENSIONS
/// record declaring `dims` (rows, cols) — edited inside the OLE container with the cfb crate.
fn xls_edited(far_cell: Option<(u16, u16)>, dims: Option<(u32, u16)>) -> Vec<u8> {
    let original = std::fs::read(root().join("fixtures/handmade/export_small.xls")).unwrap();
    let mut cfb = cfb::CompoundFile::open(Cursor::new(original)).unwrap();
    let mut stream = Vec::new();
    cfb.open_stream("Workbook").unwrap().read_to_end(&mut stream).unwrap();
    let u16_at = |s: &[u8], i: usize| u16::from_le_bytes([s[i], s[i + 1]]) as usize;
    // The first BoundSheet gives the first sheet's position.
    let mut at = 0;
    let mut sheet = None;
    while at + 4 <= stream.len() {
        let (typ, len) = (u16_at(&stream, at), u16_at(&stream, at + 2));
        if typ == 0x0085 {
            sheet = Some(u32::from_le_bytes(stream[at + 4..at + 8].try_into().unwrap()) as usize);
            break;
        }
        at += 4 + len;
    }
    let mut at = sheet.expect("a BoundSheet record");
    let (mut moved, mut declared) = (far_cell.is_none(), dims.is_none());
    while at + 4 <= stream.len() && !(moved && declared) {
        let (typ, len) = (u16_at(&stream, at), u16_at(&stream, at + 2));
        let data = at + 4;
        match typ {
            0x0203 | 0x0204 | 0x00FD | 0x027E if !moved => {
                let (r, c) = far_cell.unwrap();
                stream[data..data + 2].copy_from_slice(&r.to_le_bytes());
                stream[data + 2..data + 4].copy_from_slice(&c.to_le_bytes());
                moved = true;
            }
            0x0200 if !declared && len == 14 => {
                let (rows, cols) = dims.unwrap();
                stream[data + 4..data + 8].copy_from_slice(&rows.to_le_bytes());
                stream[data + 10..data + 12].copy_from_slice(&cols.to_le_bytes());
                declared = true;
            }
            _ => {}
        }
        at += 4 + len;
    }
    assert!(moved && declared, "the handmade .xls has the records to edit");
    let mut s = cfb.open_stream("Workbook").unwrap();
    s.seek(SeekFrom::Start(0)).unwrap();
    s.write_all(&stream).unwrap();
    drop(s);
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

/// An encrypted workbook as Excel saves one: an OLE container with EncryptionInfo and
/// EncryptedPackage streams (the contents do not matter to a reader that refuses them).
fn encrypted_workbook() -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("EncryptionInfo").unwrap().write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
    cfb.create_stream("EncryptedPackage").unwrap().write_all(&[0x5A; 4096]).unwrap();
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

/// What an import may change: entries, imports and their problems, and the file's integrity.
fn snapshot(store: &Store) -> (i64, String, i64, i64, String) {
    let c = store.conn();
    let one = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    let keys: String = c
        .query_row(
            "SELECT coalesce(group_concat(key || ':' || content_hash || ':' || missing, ','), '') FROM (SELECT * FROM entries ORDER BY key)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    (one("SELECT count(*) FROM entries"), keys, one("SELECT count(*) FROM imports"), one("SELECT count(*) FROM import_problems"), ok)
}

fn apply(store: &mut Store, path: &Path) -> saiwu_core::Result<import::ImportResult> {
    saiwu_core::actions::import::apply(store, &ApplyRequest { path: path.into(), ..Default::default() }, now(), &mut |_| {})
}

#[test]
fn stray_far_cell_imports_reported_and_costs_nothing() {
    for (row, col, name) in [(1_048_575u32, 16_383u16, "XFD1048576"), (59_999, 701, "ZZ60000")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("报名导出.xlsx");
        write_with_stray(&path, Some((row, col)));
        // The retained grid is the data block: 4 rows of 4 cells, not the declared A1:XFD1048576.
        let wb = workbook::read(&path).unwrap();
        assert_eq!(workbook::grid_size(&wb.sheets[0]), (4, 16), "{name}");
        assert_eq!(wb.ignored.len(), 1);
        assert_eq!(wb.ignored[0].cell(), name);
        assert_eq!(wb.ignored[0].text, "备注：请勿删除");

        let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
        // The preview already says the cell will be left out.
        let preview = import::preview(&store, &path, None, None).unwrap();
        assert_eq!(preview.data_rows, 3);
        assert!(preview.ignored_cells.len() == 1 && preview.ignored_cells[0].contains(name), "{:?}", preview.ignored_cells);
        let r = apply(&mut store, &path).unwrap();
        assert_eq!(r.new, 3, "{name}");
        let stray = r.problems.iter().find(|p| p.code == "STRAY_CELL").expect("the stray cell is reported");
        assert!(stray.message.contains("报名表") && stray.message.contains(name) && stray.message.contains("已忽略"), "{}", stray.message);
        assert_eq!(stray.row, Some(row as usize + 1));
        // Stored with the import, as every problem is.
        let stored = import::problems(&store, Some(r.import_id)).unwrap();
        assert!(stored.iter().any(|p| p.code == "STRAY_CELL" && p.message.contains(name)));
    }
}

#[test]
fn stray_cell_before_the_data_and_far_right_in_a_data_row() {
    // A note far right on a data row, written as raw XML, and a declared dimension of the whole sheet.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("右侧备注.xlsx");
    write_xlsx_xml(&path, "A1:XFD1048576", &mut |w| {
        xml_rows(w, "");
        w.write_all(br#"<row r="3"><c r="XFC3" t="inlineStr"><is><t>note</t></is></c></row>"#).unwrap();
        // Beyond Excel's own sheet: never part of the data block, however close to it.
        w.write_all(br#"<row r="99999999"><c r="A99999999"><v>1</v></c></row>"#).unwrap();
    });
    let wb = workbook::read(&path).unwrap();
    assert_eq!(wb.ignored.iter().map(|c| c.cell()).collect::<Vec<_>>(), ["XFC3", "A99999999"]);
    assert_eq!(workbook::grid_size(&wb.sheets[0]).1, 16);
}

#[test]
fn absurd_ods_area_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("导出.ods");
    // Empty rows down to row 60000, then a note in column ZZ: calamine would build 60000 × 702 cells.
    write_ods(
        &path,
        r#"<table:table-row table:number-rows-repeated="59995"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="701"/><table:table-cell office:value-type="string"><text:p>备注</text:p></table:table-cell></table:table-row>"#,
    );
    let e = workbook::read(&path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE", "{e}");
    let msg = e.to_string();
    assert!(msg.contains("导出.ods") && msg.contains("报名表") && msg.contains("ZZ60000"), "{msg}");

    // The same file without the note imports: empty repeated rows cost nothing.
    write_ods(
        &path,
        r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
    );
    let wb = workbook::read(&path).unwrap();
    assert_eq!(workbook::grid_size(&wb.sheets[0]), (4, 16));
}

#[test]
fn absurd_xls_area_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    // A cell moved to IV65536, the far corner of an .xls sheet: a dense grid of 16.7 million cells.
    let path = dir.path().join("导出.xls");
    std::fs::write(&path, xls_edited(Some((65_535, 255)), None)).unwrap();
    let e = workbook::read(&path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE", "{e}");
    assert!(e.to_string().contains("导出.xls") && e.to_string().contains("IV65536"), "{e}");
    // A DIMENSIONS record declaring a million rows × 256 columns (calamine reserves that up front).
    std::fs::write(&path, xls_edited(None, Some((1_000_000, 256)))).unwrap();
    let e = workbook::read(&path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE", "{e}");
    assert!(e.to_string().contains("IV1000000"), "{e}");
    // Unedited, the handmade file still reads.
    std::fs::write(&path, xls_edited(None, None)).unwrap();
    assert!(!workbook::read(&path).unwrap().sheets.is_empty());
}

#[test]
fn size_limit_applies_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("巨大.xlsx");
    // A sparse terabyte: reading it into memory first would fail or take all memory.
    std::fs::File::create(&path).unwrap().set_len(1 << 40).unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let before = snapshot(&store);
    let e = apply(&mut store, &path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE", "{e}");
    assert!(e.to_string().contains("巨大.xlsx") && e.to_string().contains("200 MB"), "{e}");
    assert_eq!(snapshot(&store), before);
}

/// A pipe reports no size: the reader itself must stop at the limit (as for a file that grows).
#[cfg(unix)]
#[test]
fn size_limit_holds_while_reading_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("管道.csv");
    let status = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo (coreutils)");
    assert!(status.success());
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(writer_path).unwrap();
        let chunk = vec![b'a'; 64 * 1024];
        let mut written = 0usize;
        while written < 8 * 1024 * 1024 {
            match f.write(&chunk) {
                Ok(n) => written += n,
                Err(_) => break,
            }
        }
        written
    });
    let e = workbook::read_limited(&path, 1024 * 1024).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE", "{e}");
    assert!(e.to_string().contains("管道.csv"));
    // The reader stopped: the writer could not hand over its 8 MB.
    assert!(writer.join().unwrap() < 8 * 1024 * 1024);
}

#[test]
fn a_million_rows_is_refused_with_the_row_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("百万行.xlsx");
    write_xlsx_xml(&path, "A1:D1000001", &mut |w| {
        xml_rows(w, "");
        // Rows without positions (they count on from row 6) keep the file small and quick to write.
        let row = b"<row><c><v>1</v></c></row>".repeat(1000);
        for _ in 0..1000 {
            w.write_all(&row).unwrap();
        }
    });
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let before = snapshot(&store);
    let e = apply(&mut store, &path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_TOO_LARGE", "{e}");
    let msg = e.to_string();
    assert!(msg.contains("百万行.xlsx") && msg.contains(&format!("{} 行", workbook::MAX_ROWS)), "{msg}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn two_hundred_thousand_rows_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("二十万行.xlsx");
    write_xlsx_xml(&path, "A1:B200005", &mut |w| {
        xml_rows(w, "");
        let row = b"<row><c><v>1</v></c><c t=\"inlineStr\"><is><t>x</t></is></c></row>".repeat(1000);
        for _ in 0..200 {
            w.write_all(&row).unwrap();
        }
    });
    let wb = workbook::read(&path).unwrap();
    // Header, three projects, the empty row 5, then 200,000 rows of two cells.
    assert_eq!(workbook::grid_size(&wb.sheets[0]), (200_005, 16 + 400_000));
    assert_eq!(wb.ignored_total, 0);
}

#[test]
fn encrypted_workbook_is_refused_as_password_protected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("加密.xlsx");
    std::fs::write(&path, encrypted_workbook()).unwrap();
    let e = workbook::read(&path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_CORRUPT");
    assert!(e.to_string().contains("加密.xlsx") && e.to_string().contains("密码"), "{e}");
}

/// The fuzz corpus: every hostile shape above plus the committed workbooks, made once.
fn corpus() -> &'static Vec<(String, Vec<u8>)> {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, make: &dyn Fn(&Path)| {
            let p = dir.path().join(name);
            make(&p);
            (name.to_string(), std::fs::read(&p).unwrap())
        };
        let mut c = vec![
            file("stray_xfd.xlsx", &|p| write_with_stray(p, Some((1_048_575, 16_383)))),
            file("stray_zz.xlsx", &|p| write_with_stray(p, Some((59_999, 701)))),
            file("plain.xlsx", &|p| write_with_stray(p, None)),
            file("errors_formulas.xlsx", &|p| {
                write_xlsx_xml(p, "A1:F5", &mut |w| {
                    xml_rows(
                        w,
                        r##"<c r="A5" t="inlineStr"><is><t>CK2026009</t></is></c><c r="B5" t="e"><v>#DIV/0!</v></c><c r="C5"><f>SUM(A1:A3)</f><v>6</v></c><c r="D5" t="e"><f>1/0</f><v>#REF!</v></c><c r="E5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>"##,
                    )
                })
            }),
            file("beyond_excel.xlsx", &|p| {
                write_xlsx_xml(p, "A1:D4", &mut |w| {
                    xml_rows(w, r#"<c r="A5" t="inlineStr"><is><t>CK2026010</t></is></c>"#);
                    w.write_all(br#"<row r="99999999"><c r="A99999999"><v>1</v></c><c r="ZZZZ7"><v>2</v></c></row>"#).unwrap();
                })
            }),
            file("far_ods.ods", &|p| {
                write_ods(
                    p,
                    r#"<table:table-row table:number-rows-repeated="59995"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="701"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
                )
            }),
            file("repeated.ods", &|p| {
                write_ods(p, r#"<table:table-row table:number-rows-repeated="2000000000"><table:table-cell table:number-columns-repeated="2000000000" office:value-type="float" office:value="1"/></table:table-row>"#)
            }),
            file("bomb.xlsx", &crate::hostile::write_zip_bomb),
        ];
        c.push(("far_cell.xls".into(), xls_edited(Some((65_535, 255)), None)));
        c.push(("dims.xls".into(), xls_edited(None, Some((u32::MAX, u16::MAX)))));
        c.push(("encrypted.xlsx".into(), encrypted_workbook()));
        for rel in ["fixtures/handmade/small.xlsx", "fixtures/handmade/export_small.xls", "fixtures/handmade/export_small.ods", "fixtures/generated/export_gbk.csv"] {
            let p = root().join(rel);
            c.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(p).unwrap()));
        }
        c
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: f64, byte: u8 },
    Truncate { at: f64 },
    Drop { at: f64, len: usize },
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len.saturating_sub(1));
    match *m {
        Mutation::Flip { at, byte } if !bytes.is_empty() => {
            let i = pos(at, bytes.len());
            bytes[i] = byte;
        }
        Mutation::Truncate { at } => bytes.truncate(pos(at, bytes.len())),
        Mutation::Drop { at, len } if !bytes.is_empty() => {
            let i = pos(at, bytes.len());
            bytes.drain(i..(i + len).min(bytes.len()));
        }
        _ => {}
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (0.0..1.0f64).prop_map(|at| Mutation::Truncate { at }),
        (0.0..1.0f64, 1..256usize).prop_map(|(at, len)| Mutation::Drop { at, len }),
    ]
}

/// read → normalise → apply over the corpus, mutated and renamed: never a panic; either the import
/// applies (one more import recorded) or nothing changes and the refusal is a typed error whose
/// Chinese message names the file.
#[test]
fn fuzz_import_applies_completely_or_changes_nothing() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    // A contest that already holds entries, so "changes nothing" has something to keep.
    let base = dir.path().join("base.xlsx");
    write_with_stray(&base, None);
    apply(&mut store, &base).unwrap();
    let store = std::cell::RefCell::new(store);
    let typed = ["IMPORT_TOO_LARGE", "IMPORT_CORRUPT", "IMPORT_UNSUPPORTED_TYPE", "IMPORT_NO_HEADER", "FILE_OPEN", "INVALID_INPUT"];
    let config = Config { cases: 96, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]));
    let ext = prop_oneof![Just(None), Just(Some("xlsx")), Just(Some("xls")), Just(Some("ods")), Just(Some("csv"))];
    let strategy = (0..corpus.len(), proptest::collection::vec(mutation(), 0..4), ext);
    let seq = std::cell::Cell::new(0usize);
    runner
        .run(&strategy, |(i, mutations, ext)| {
            let (name, original) = &corpus[i];
            let mut bytes = original.clone();
            for m in &mutations {
                mutate(&mut bytes, m);
            }
            seq.set(seq.get() + 1);
            let stem = Path::new(name).file_stem().unwrap().to_string_lossy().into_owned();
            let ext = ext.map(str::to_string).unwrap_or_else(|| Path::new(name).extension().unwrap().to_string_lossy().into_owned());
            let file_name = format!("样本{}_{stem}.{ext}", seq.get());
            let path: PathBuf = dir.path().join(&file_name);
            std::fs::write(&path, &bytes).unwrap();
            let mut store = store.borrow_mut();
            let before = snapshot(&store);
            match apply(&mut store, &path) {
                Ok(r) => {
                    let after = snapshot(&store);
                    prop_assert_eq!(after.2, before.2 + 1, "an applied import is recorded");
                    prop_assert_eq!(&after.4, "ok");
                    prop_assert_eq!(after.0 as usize, before.0 as usize + r.new, "entries: new ones added, none lost");
                }
                Err(e) => {
                    prop_assert!(typed.contains(&e.code()), "untyped refusal {}: {}", e.code(), e);
                    let msg = e.to_string();
                    prop_assert!(msg.contains(&file_name), "{} does not name {}", msg, file_name);
                    prop_assert!(msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: {}", msg);
                    prop_assert_eq!(snapshot(&store), before, "a refused import changed the contest");
                }
            }
            std::fs::remove_file(&path).ok();
            Ok(())
        })
        .unwrap();
}

/// What the streaming reader sends for `path` (sheet 0 chosen): one label per message, and the end.
fn stream_messages(path: &Path) -> (Vec<String>, workbook::StreamEnd) {
    let src = workbook::open_source(path).unwrap();
    assert!(src.can_stream(), "an .xlsx streams");
    // A channel of one row: the reader can never run ahead of the import by more than that.
    let (out, rx) = std::sync::mpsc::sync_channel(1);
    let (choose, chosen) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        let src = &src;
        s.spawn(move || src.stream(&chosen, &out));
        let (mut seen, mut end) = (Vec::new(), None);
        for m in rx.iter() {
            match m {
                workbook::Msg::Heads(h, _) => {
                    seen.push(format!("heads {}", h.sheets.len()));
                    choose.send(Some((0, None))).unwrap();
                }
                workbook::Msg::Sheets(wb) => seen.push(format!("sheets {}", wb.sheets.len())),
                workbook::Msg::Rows(rows) => {
                    for (r, cells) in rows {
                        seen.push(format!("row {r}: {}", cells.iter().map(|c| c.display()).collect::<Vec<_>>().join("|")));
                    }
                }
                workbook::Msg::MemberRows(rows) => seen.extend(rows.iter().map(|(r, _)| format!("member row {r}"))),
                workbook::Msg::MembersDone => seen.push("members done".into()),
                workbook::Msg::End(e) => end = Some(e),
                workbook::Msg::Err(e) => panic!("{e}"),
            }
        }
        (seen, end.expect("the stream ends with End"))
    })
}

#[test]
fn the_chosen_sheet_streams_row_by_row_and_far_cells_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("流式.xlsx");
    write_with_stray(&path, Some((59_999, 701)));
    let (seen, end) = stream_messages(&path);
    assert_eq!(
        seen,
        [
            "heads 1",
            "sheets 1",
            "row 0: 项目编号|参赛组别|项目名称|企业名称",
            "row 1: CK2026001|企业组|项目1|长治市测试1有限公司",
            "row 2: CK2026002|企业组|项目2|长治市测试2有限公司",
            "row 3: CK2026003|企业组|项目3|长治市测试3有限公司",
        ]
    );
    assert!(end.exact);
    assert_eq!(end.ignored.iter().map(|c| c.cell()).collect::<Vec<_>>(), ["ZZ60000"]);
    assert_eq!(end.ignored_total, 1);
}

#[test]
fn cells_out_of_row_order_fall_back_to_the_whole_file_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("乱序.xlsx");
    let letters = ["A", "B", "C", "D"];
    write_xlsx_xml(&path, "A1:D4", &mut |w| {
        let rows = data_rows();
        let mut row = |r: usize, values: &[String]| {
            write!(w, "<row r=\"{r}\">").unwrap();
            for (c, v) in values.iter().enumerate() {
                inline(w, &format!("{}{r}", letters[c]), v);
            }
            w.write_all(b"</row>").unwrap();
        };
        row(1, &HEADER.map(String::from));
        // Row 4 before rows 2 and 3: legal XML, but not what a streaming reader can trust.
        row(4, &rows[2]);
        row(2, &rows[0]);
        row(3, &rows[1]);
    });
    let (_, end) = stream_messages(&path);
    assert!(!end.exact, "the stream must say it cannot be trusted");
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    let r = apply(&mut store, &path).unwrap();
    assert_eq!((r.new, r.skipped_rows), (3, 0));
    let rows: Vec<(String, i64)> = {
        let c = rusqlite::Connection::open(dir.path().join("c.sqlite")).unwrap();
        let mut stmt = c.prepare("SELECT project_no, source_row FROM entries ORDER BY source_row").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(rows, [("CK2026001".into(), 2), ("CK2026002".into(), 3), ("CK2026003".into(), 4)]);
    // Exactly one import and one backup: the rolled-back stream left nothing behind.
    assert_eq!(import::list_imports(&store).unwrap().len(), 1);
    assert_eq!(
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sqlite"))
            .count(),
        1
    );
}

#[test]
fn a_file_broken_half_way_leaves_the_previous_import_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("好.xlsx");
    write_with_stray(&good, None);
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    apply(&mut store, &good).unwrap();
    let before = snapshot(&store);
    // Two thousand new projects written into the transaction, then the XML breaks off inside a cell.
    let path = dir.path().join("半截.xlsx");
    write_xlsx_xml(&path, "A1:D2100", &mut |w| {
        xml_rows(w, "");
        for i in 0..2000 {
            let r = i + 6;
            write!(w, "<row r=\"{r}\">").unwrap();
            inline(w, &format!("A{r}"), &format!("CK2026{i:05}"));
            inline(w, &format!("B{r}"), "创业组");
            inline(w, &format!("C{r}"), &format!("新项目{i}"));
            w.write_all(b"</row>").unwrap();
        }
        w.write_all(br#"<row r="3000"><c r="A3000" t="inlineStr"><is><t>CK"#).unwrap();
    });
    let e = apply(&mut store, &path).unwrap_err();
    assert_eq!(e.code(), "IMPORT_CORRUPT", "{e}");
    assert!(e.to_string().contains("半截.xlsx"), "{e}");
    assert_eq!(snapshot(&store), before);
}
