//! `saiwu manual --out FILE.pdf`: the 操作手册 laid out by the core's PDF code, read back with pdftotext.
use crate::support::root;
use std::path::Path;
use std::process::Command;

/// pdftotext is required (poppler-utils): a missing tool fails the test, nothing is skipped.
fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is needed to read the manual back (apt-get install poppler-utils): {e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).split_whitespace().collect()
}

#[test]
fn the_manual_pdf_has_every_chapter_its_lists_and_screenshots() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("操作手册.pdf");
    let manual = root().join("docs/manual");
    let o = Command::new(env!("CARGO_BIN_EXE_saiwu")).args(["manual", "--dir"]).arg(&manual).arg("--out").arg(&pdf).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("已生成操作手册"));
    let text = pdf_text(&pdf);
    // Every chapter's title and one line of each kind of block, as the Markdown has them.
    for f in std::fs::read_dir(&manual).unwrap().flatten().filter(|f| f.path().extension().is_some_and(|x| x == "md")) {
        let md = std::fs::read_to_string(f.path()).unwrap();
        let title = md.lines().find_map(|l| l.strip_prefix("# ")).unwrap();
        assert!(text.contains(title), "chapter {title} is missing");
        if let Some(item) = md.lines().find_map(|l| l.strip_prefix("- ")).filter(|i| !i.contains('*') && !i.contains('`')) {
            let item: String = item.split_whitespace().collect();
            let head: String = item.chars().take(12).collect();
            assert!(text.contains(&head), "{title}: list item {head} is missing");
        }
    }
    assert!(text.contains("第1页/共"), "page numbers");
    // The screenshots the Markdown names are embedded (as many images as there are screenshot files named).
    let named: Vec<String> = std::fs::read_dir(&manual)
        .unwrap()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|x| x == "md"))
        .flat_map(|f| {
            std::fs::read_to_string(f.path())
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once("](").map(|(_, r)| r.trim_end_matches(')').to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!named.is_empty());
    let present = named.iter().filter(|src| manual.join(src).is_file()).count();
    let list = Command::new("pdfimages").arg("-list").arg(&pdf).output().expect("pdfimages (poppler-utils) is needed");
    let images = String::from_utf8_lossy(&list.stdout).lines().skip(2).filter(|l| l.contains(" image ")).count();
    assert_eq!(images, present, "one image per screenshot present in docs/manual/img");
    for src in named.iter().filter(|src| !manual.join(src).is_file()) {
        assert!(text.contains(&format!("截图{src}尚未生成")), "a missing screenshot {src} is named in its place");
    }
}

#[test]
fn a_folder_without_the_manual_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_saiwu"))
        .args(["manual", "--dir"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有操作手册"), "{}", String::from_utf8_lossy(&o.stderr));
}
