//! xlsx outputs (rust_xlsxwriter): bold frozen header, sensible widths, numbers as numbers, and
//! never a formula built from data (every text is written as a string).
use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::error::Result;
use crate::model::Problem;

pub mod manual;
pub mod registry;

pub use crate::xlsx::{Table, Value};

/// The import problem list (问题清单) as xlsx.
pub fn problems_xlsx(problems: &[Problem], path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("导入问题清单")?;
    let mut t = Table::new(
        sheet,
        &[
            ("文件", 24.0),
            ("工作表", 12.0),
            ("行", 6.0),
            ("列", 22.0),
            ("项目编号", 14.0),
            ("级别", 6.0),
            ("问题代码", 20.0),
            ("问题", 60.0),
            ("处理建议", 60.0),
        ],
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

/// The eligibility report (资格审查结果): one row per entry with its verdict, decision and the
/// findings by outcome; a second sheet with every finding; a third with the rules not checked.
/// Personal data in messages is masked (the report leaves the secretariat).
pub fn eligibility_xlsx(verdicts: &[crate::screening::EntryVerdict], unchecked: &[String], path: &Path) -> Result<()> {
    use crate::model::Outcome;
    let mask = crate::entries::mask_free_text;
    let rules_with = |v: &crate::screening::EntryVerdict, o: Outcome| -> String {
        v.findings.iter().filter(|f| f.outcome == o).map(|f| format!("{} {}", f.rule, mask(&f.message))).collect::<Vec<_>>().join("\n")
    };
    let mut wb = Workbook::new();
    {
        let sheet = wb.add_worksheet();
        sheet.set_name("资格审查结果")?;
        let mut t = Table::new(
            sheet,
            &[
                ("项目编号", 14.0),
                ("组别", 8.0),
                ("项目名称", 30.0),
                ("参赛主体", 28.0),
                ("推荐单位", 22.0),
                ("结论", 10.0),
                ("系统结论", 10.0),
                ("人工决定理由", 30.0),
                ("审核人", 8.0),
                ("审核时间", 20.0),
                ("需重新确认", 10.0),
                ("不通过", 50.0),
                ("需人工审核", 50.0),
                ("提示", 40.0),
                ("推荐名单核对", 40.0),
            ],
        )?;
        for v in verdicts {
            let d = v.decision.as_ref();
            t.row(&[
                Value::Text(v.project_no.clone()),
                Value::Text(Some(crate::model::Group::label_of(v.group).to_string())),
                Value::Text(v.project_name.clone()),
                Value::Text(v.entrant_name.clone()),
                Value::Text(v.unit.clone()),
                Value::Text(Some(v.verdict.label().into())),
                Value::Text(Some(v.auto_verdict.label().into())),
                Value::Text(d.map(|d| d.reason.clone())),
                Value::Text(d.map(|d| d.decided_by.clone())),
                Value::Text(d.map(|d| d.decided_at.chars().take(19).collect::<String>().replace('T', " "))),
                Value::Text(Some(if v.needs_reconfirmation { "是" } else { "" }.into())),
                Value::Text(Some(rules_with(v, Outcome::Fail))),
                Value::Text(Some(rules_with(v, Outcome::Review))),
                Value::Text(Some(rules_with(v, Outcome::Warn))),
                Value::Text(v.recommendation.clone()),
            ])?;
        }
    }
    {
        let sheet = wb.add_worksheet();
        sheet.set_name("审查明细")?;
        let mut t = Table::new(sheet, &[("项目编号", 14.0), ("规则", 6.0), ("结果", 10.0), ("说明", 90.0)])?;
        for v in verdicts {
            for f in &v.findings {
                let label = match f.outcome {
                    Outcome::Pass => "通过",
                    Outcome::Warn => "提示",
                    Outcome::Review => "需人工审核",
                    Outcome::Fail => "不通过",
                    Outcome::Unchecked => "未检查",
                };
                t.row(&[
                    Value::Text(v.project_no.clone()),
                    Value::Text(Some(f.rule.clone())),
                    Value::Text(Some(label.into())),
                    Value::Text(Some(mask(&f.message))),
                ])?;
            }
        }
    }
    {
        let sheet = wb.add_worksheet();
        sheet.set_name("未检查的规则")?;
        let mut t = Table::new(sheet, &[("说明", 90.0)])?;
        for u in unchecked {
            t.row(&[Value::Text(Some(u.clone()))])?;
        }
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
