//! `saiwu certificates --out DIR`: numbering, writing and registering the certificates.
use std::path::PathBuf;

use clap::Args;
use saiwu_core::{certificates, CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct CertificatesArgs {
    #[arg(long)]
    out: PathBuf,
    /// 证书落款日期，如 2026-11-28（默认今天）
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: CertificatesArgs) -> Result<(), CoreError> {
    let CertificatesArgs { out: dir, date, json: as_json } = args;
    let date = match date {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| CoreError::validation(Some("date"), format!("日期“{d}”无法识别，请写成 2026-11-28 的形式")))?,
        None => now().date_naive(),
    };
    // The template kept with the contest (the 证书 page edits it); the date given here wins.
    let mut template = certificates::template(store)?;
    template.date = Some(date);
    let before = certificates::list(store)?.into_iter().filter(|c| c.voided_at.is_none()).map(|c| c.number).collect::<Vec<_>>();
    let (subjects, waiting) = certificates::subjects(store)?;
    for c in &waiting {
        out(&format!(
            "注意：{}（{}）团队成员 {} 人，超过 7 人，请先在“证书”页选择印在证书上的核心成员；本次不为其出证。",
            c.project_no,
            c.entrant_name,
            c.members.len()
        ));
    }
    // Said before printing: a character the font lacks prints blank (a rare character in a name).
    let gaps = certificates::glyph_gaps(&subjects, &template)?;
    for g in &gaps {
        eprintln!("注意：{}", g.message);
    }
    let issued = saiwu_core::actions::certificates::issue(store, &subjects, &template, now())?;
    let new: Vec<&str> = issued.iter().filter(|c| !before.contains(&c.number)).map(|c| c.number.as_str()).collect();
    let orphans = certificates::orphans(store, &subjects)?;
    if certificates::list(store)?.iter().all(|c| c.voided_at.is_some()) {
        return Err(CoreError::precondition("还没有可以颁发证书的获奖名单：获奖结果确定后再生成证书。"));
    }
    let w = saiwu_core::actions::certificates::write_all(store, &dir, &template, "命令行", now())?;
    let register = dir.join("证书登记表.xlsx");
    certificates::register_xlsx(store, &register)?;
    if as_json {
        json(
            &serde_json::json!({ "written": w, "new_numbers": new, "register": register, "not_in_award_list": orphans.iter().map(|c| &c.number).collect::<Vec<_>>(), "glyph_gaps": gaps }),
        )?;
    } else {
        out(&format!(
            "有效证书 {} 张（本次新编号 {} 张{}）。",
            w.certificates,
            new.len(),
            if new.is_empty() { String::new() } else { format!("：{}", new.join("、")) }
        ));
        out(&format!(
            "已写出 {}（{} 页，{} KB）和单张证书 PDF {} 个到 {}，登记表 {}。",
            w.batch.display(),
            w.certificates,
            w.batch_bytes / 1024,
            w.files.len(),
            dir.display(),
            register.display()
        ));
        if !w.removed.is_empty() {
            out(&format!("已删除作废证书的旧文件 {} 个。", w.removed.len()));
        }
        for c in &orphans {
            out(&format!("注意：证书 {}（{} {}）的获奖主体已不在获奖名单中，请核实后作废。", c.number, c.entrant_name, c.prize));
        }
    }
    Ok(())
}
