//! `saiwu letters --kind advance|finalist|award --out DIR [--by NAME] [--json]`: numbers, PDFs (one per
//! letter and the batch), the phoning list and the log.
use std::path::PathBuf;

use clap::Args;
use saiwu_core::season::letters::LetterKind;
use saiwu_core::{CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct LettersArgs {
    /// advance（入围通知）| finalist（决赛通知）| award（获奖通知）
    #[arg(long)]
    kind: String,
    /// 输出文件夹
    #[arg(long)]
    out: PathBuf,
    /// 经办人（记入通知书发放记录），默认“命令行”
    #[arg(long, default_value = "命令行")]
    by: String,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: LettersArgs) -> Result<(), CoreError> {
    let kind = LetterKind::parse(&args.kind)?;
    let w = saiwu_core::actions::letters::write_all(store, kind, &args.out, &args.by, now())?;
    if args.json {
        json(&serde_json::json!({
            "kind": kind.code(),
            "batch": w.batch,
            "contacts": w.contacts,
            "files": w.files,
            "new_numbers": w.new_numbers,
            "letters": w.letters.iter().map(|l| serde_json::json!({"number": l.number, "project_no": l.project_no, "kind": kind.code(), "file": l.file})).collect::<Vec<_>>(),
        }))?;
    } else {
        out(&format!("{} {} 份（本次新编号 {} 份，其余沿用原编号）。", kind.label(), w.letters.len(), w.new_numbers.len()));
        out(&format!(
            "已写出 {}、联系名单 {}（含完整电话，仅供秘书处使用）和单份 PDF {} 个到 {}。",
            w.batch.display(),
            w.contacts.display(),
            w.letters.len(),
            args.out.display()
        ));
    }
    Ok(())
}
