//! Helpers the test modules share: the repository root and the poppler checks of generated PDFs.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (fixtures/ lives there).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn has_tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

/// Runs a poppler tool on the PDF; None (with a notice) when the tool is not installed.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    if !has_tool(tool) {
        eprintln!("注意：未安装 {tool}（poppler-utils），跳过 PDF 文本/字体检查");
        return None;
    }
    let mut f = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    f.write_all(pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(f.path());
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let info = poppler("pdfinfo", &[], pdf)?;
    let line = info.lines().find(|l| l.starts_with("Pages:"))?;
    line.trim_start_matches("Pages:").trim().parse().ok()
}

/// Text of pages `first..=last`.
pub fn text_of(pdf: &[u8], first: usize, last: usize) -> Option<String> {
    poppler("pdftotext", &["-f", &first.to_string(), "-l", &last.to_string()], pdf)
}

/// The text without whitespace: pdftotext drops narrow ASCII spaces ("第 1 页" comes out as "第1页"),
/// letter-spaced titles come out spaced, and wrapped lines break.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Exactly one font, embedded, subset (`ABCDEF+` prefix), Noto Serif SC, with a ToUnicode map.
pub fn assert_font_subset(pdf: &[u8]) {
    let Some(out) = poppler("pdffonts", &[], pdf) else { return };
    let fonts: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(fonts.len(), 1, "exactly one font expected:\n{out}");
    for l in fonts {
        let cols: Vec<&str> = l.split_whitespace().collect();
        let name = cols[0];
        let (prefix, family) = name.split_once('+').unwrap_or(("", name));
        assert!(prefix.len() == 6 && prefix.chars().all(|c| c.is_ascii_uppercase()), "not a subset name: {l}");
        assert!(family.starts_with("NotoSerifSC"), "{l}");
        // … emb sub uni  object ID
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "emb/sub/uni: {l}");
    }
}
