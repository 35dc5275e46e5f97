//! xlsx outputs (rust_xlsxwriter): bold frozen header, sensible widths, numbers as numbers, and
//! never a formula built from data (every text is written as a string).
use std::path::Path;

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};

use crate::error::Result;
use crate::import::Problem;

/// A plain table writer shared by every list export.
pub struct Table<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
}

impl<'a> Table<'a> {
    pub fn new(sheet: &'a mut Worksheet, headers: &[(&str, f64)]) -> Result<Self> {
        let bold = Format::new().set_bold().set_border_bottom(FormatBorder::Thin).set_background_color("#EEF3FA");
        for (i, (h, w)) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, *h, &bold)?;
            sheet.set_column_width(i as u16, *w)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, 0, headers.len().saturating_sub(1) as u16)?;
        Ok(Table { sheet, row: 1 })
    }

    /// Writes one row; `None` leaves the cell empty. Text is always a string cell, so "=1+1"
    /// from a file stays text.
    pub fn row(&mut self, cells: &[Value]) -> Result<()> {
        for (i, v) in cells.iter().enumerate() {
            let c = i as u16;
            match v {
                Value::Text(Some(s)) => {
                    self.sheet.write_string(self.row, c, s)?;
                }
                Value::Int(Some(n)) => {
                    self.sheet.write_number(self.row, c, *n as f64)?;
                }
                Value::Num(Some(n)) => {
                    self.sheet.write_number(self.row, c, *n)?;
                }
                _ => {}
            }
        }
        self.row += 1;
        Ok(())
    }
}

pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Num(Option<f64>),
}

/// The import problem list (问题清单) as xlsx.
pub fn problems_xlsx(problems: &[Problem], path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("导入问题清单")?;
    let mut t = Table::new(
        sheet,
        &[("文件", 24.0), ("工作表", 12.0), ("行", 6.0), ("列", 22.0), ("项目编号", 14.0), ("级别", 6.0), ("问题代码", 20.0), ("问题", 60.0), ("处理建议", 60.0)],
    )?;
    for p in problems {
        t.row(&[
            Value::Text(Some(p.file.clone())),
            Value::Text(Some(p.sheet.clone())),
            Value::Int(p.row.map(|r| r as i64)),
            Value::Text(p.column.clone()),
            Value::Text(p.project_no.clone()),
            Value::Text(Some(if p.severity == "error" { "错误" } else { "提示" }.into())),
            Value::Text(Some(p.code.clone())),
            Value::Text(Some(crate::entries::mask_free_text(&p.message))),
            Value::Text(Some(p.hint.clone())),
        ])?;
    }
    wb.save(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook_auto, Data, Reader};

    #[test]
    fn problems_read_back_with_text_kept_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.xlsx");
        let p = Problem {
            file: "a.xlsx".into(),
            sheet: "报名项目".into(),
            row: Some(7),
            column: Some("D 统一社会信用代码".into()),
            code: "CREDIT_CODE_CHECK".into(),
            message: "=1+1 负责人 14040219900101123X".into(),
            hint: "核对".into(),
            project_no: Some("CZ2026-00001".into()),
            severity: "warning".into(),
        };
        problems_xlsx(&[p], &path).unwrap();
        let mut wb = open_workbook_auto(&path).unwrap();
        let range = wb.worksheet_range("导入问题清单").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&Data::String("文件".into())));
        assert_eq!(range.get_value((1, 2)), Some(&Data::Float(7.0)), "row numbers are numbers");
        assert_eq!(range.get_value((1, 5)), Some(&Data::String("提示".into())));
        let msg = range.get_value((1, 7)).unwrap().to_string();
        assert!(msg.starts_with("=1+1"), "a formula-looking message stays text: {msg}");
        assert!(msg.contains("140402********123X"), "ID numbers masked in the exported list: {msg}");
        let formulas = wb.worksheet_formula("导入问题清单").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }
}
