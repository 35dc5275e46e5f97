//! `saiwu manual --out FILE.pdf`: the 操作手册 (docs/manual) as a PDF made by the core's PDF code, with the
//! screenshots the window tests produced (scripts/manual-screenshots.sh).
use std::path::PathBuf;

use clap::Args;
use saiwu_core::{export::manual, CoreError};

use crate::output::out;

#[derive(Args)]
pub struct ManualArgs {
    /// 写出的 PDF 文件
    #[arg(long)]
    out: PathBuf,
    /// 操作手册所在文件夹（默认：源代码中的 docs/manual）
    #[arg(long)]
    dir: Option<PathBuf>,
}

pub fn run(a: ManualArgs) -> Result<(), CoreError> {
    let dir = a.dir.unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/manual")));
    let pages = manual::read_pages(&dir)?;
    let pdf = manual::manual_pdf(&pages, &dir)?;
    std::fs::write(&a.out, &pdf).map_err(|e| CoreError::FileOpen { file: a.out.display().to_string(), reason: e.to_string() })?;
    out(&format!("已生成操作手册：{}（{} 章，{} KB）", a.out.display(), pages.len(), pdf.len() / 1024));
    Ok(())
}
