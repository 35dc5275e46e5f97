//! `saiwu certificates --out DIR`: refuses (exit 2) while there is nothing to certify, and writes the
//! batch, the single PDFs and the register for the certificates in the contest file.

use crate::support::saiwu;
use chrono::{DateTime, NaiveDate};
use saiwu_core::certificates::{self, CertificateSubject, CertificateTemplate, SubjectKind};
use saiwu_core::Store;

#[test]
fn certificates_command_writes_pdfs_and_register() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let out = dir.path().join("证书");

    // No award list yet: a message and exit 2, nothing written.
    let o = saiwu(&db, &["certificates", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("获奖名单"));
    assert!(!out.exists());

    // Certificates issued through the core (what the awards module will feed).
    {
        let mut store = Store::open(&db).unwrap();
        let s = CertificateSubject {
            kind: SubjectKind::Award,
            key: "k1".into(),
            group: Some(saiwu_core::model::Group::Enterprise),
            group_label: "企业组".into(),
            prize: "一等奖".into(),
            project_no: "QY001".into(),
            project_name: "智能矿山安全监测系统".into(),
            entrant_name: "长治市卓远智能装备有限公司".into(),
            members: vec![],
        };
        let t = CertificateTemplate { date: NaiveDate::from_ymd_opt(2026, 11, 28), ..Default::default() };
        let now = DateTime::parse_from_rfc3339("2026-11-20T09:30:00+08:00").unwrap();
        saiwu_core::actions::certificates::issue(&mut store, &[s], &t, now).unwrap();
    }
    let o = saiwu(&db, &["certificates", "--out", out.to_str().unwrap(), "--date", "2026-11-28"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("有效证书 1 张"), "{stdout}");
    // Not in the (still empty) award list: flagged for a person, not voided.
    assert!(stdout.contains("CZCK2026-QY-001") && stdout.contains("请核实后作废"), "{stdout}");
    for f in ["证书-全部.pdf", "CZCK2026-QY-001.pdf", "证书登记表.xlsx"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }

    let o = saiwu(&db, &["certificates", "--out", out.to_str().unwrap(), "--date", "28/11/2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2026-11-28"));

    // A character the font lacks (here in the template's issuer line) is named before printing.
    {
        let mut store = Store::open(&db).unwrap();
        let t = CertificateTemplate { issuer: "长治市工业和信息化局😀".into(), ..certificates::template(&store).unwrap() };
        saiwu_core::actions::certificates::save_template(&mut store, &t, DateTime::parse_from_rfc3339("2026-11-20T10:00:00+08:00").unwrap()).unwrap();
    }
    let o = saiwu(&db, &["certificates", "--out", out.to_str().unwrap(), "--json"]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("证书模板的落款单位") && stderr.contains("“😀”字体中没有"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["glyph_gaps"][0]["missing"], "😀");
    assert_eq!(v["written"]["certificates"], 1);
    assert_eq!(v["new_numbers"].as_array().unwrap().len(), 0);
    let store = Store::open(&db).unwrap();
    assert_eq!(certificates::get(&store, "CZCK2026-QY-001").unwrap().prints, 2);
}
