//! Helpers the test modules share: the repository root, a contest with export_v1 imported and judges added,
//! and the poppler checks of generated PDFs.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A contest file in a temp folder (returned with it, kept while the test runs) with
/// `fixtures/generated/export_v1.xlsx` imported at `at`.
pub fn v1_contest(at: chrono::DateTime<chrono::FixedOffset>) -> (saiwu_core::Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = saiwu_core::Store::open(&dir.path().join("c.sqlite")).unwrap();
    let req = saiwu_core::import::ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() };
    saiwu_core::actions::import::apply(&mut store, &req, at, &mut |_| {}).unwrap();
    (store, dir)
}

/// Judges (name, organization) added by hand at `at`, in order; returns their ids.
pub fn add_judges(store: &saiwu_core::Store, judges: &[(&str, Option<&str>)], at: chrono::DateTime<chrono::FixedOffset>) -> Vec<i64> {
    let mut ins = store
        .conn()
        .prepare("INSERT INTO judges(name, organization, source, created_at, updated_at) VALUES (?1, ?2, 'manual', ?3, ?3)")
        .unwrap();
    judges.iter().map(|(name, org)| ins.insert(rusqlite::params![name, org, at.to_rfc3339()]).unwrap()).collect()
}

/// The repository root (fixtures/ lives there).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn has_tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

/// Under CI a missing tool fails the test: a check that quietly skips proves nothing there.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Runs a poppler tool on the PDF. When the tool is not installed: under `CI=true` the test fails
/// (saying what to install); elsewhere None, with a printed notice, and the caller skips the check.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    if !has_tool(tool) {
        let install = "请安装 poppler-utils（Debian/Ubuntu：sudo apt-get install -y poppler-utils，或 bash scripts/setup.sh）";
        assert!(!in_ci(), "CI=true 但未安装 {tool}：PDF 文本/字体检查不能跳过。{install}");
        eprintln!("注意：未安装 {tool}，跳过 PDF 文本/字体检查（CI 中会失败）。{install}");
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

/// The page count from pdfinfo; None only when poppler is missing outside CI.
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let info = poppler("pdfinfo", &[], pdf)?;
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap_or_else(|| panic!("pdfinfo printed no Pages line:\n{info}"));
    Some(line.trim_start_matches("Pages:").trim().parse().unwrap_or_else(|_| panic!("pdfinfo: {line}")))
}

/// Text of a whole PDF; None only when poppler is missing outside CI.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    poppler("pdftotext", &[], pdf)
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
