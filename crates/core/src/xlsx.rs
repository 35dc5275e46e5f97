//! The plain table writer every xlsx list uses (a leaf: exports, awards and judging all write with it):
//! bold frozen header, widths, numbers as numbers, text always as text (never a formula from data).
use rust_xlsxwriter::{Format, FormatBorder, Worksheet};

use crate::error::Result;

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
        set_footer(sheet);
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

/// The printed footer of an exported sheet: which program and release made it, and the page (Excel's header and
/// footer codes: &L left, &R right, &P page, &N pages). Every list written with [`Table`] has it; other writers
/// call this.
pub fn footer_text() -> String {
    format!("&L创客大赛秘书处 {}&R第 &P 页 / 共 &N 页", env!("CARGO_PKG_VERSION"))
}

pub fn set_footer(sheet: &mut Worksheet) {
    sheet.set_footer(footer_text());
}

pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Num(Option<f64>),
}
