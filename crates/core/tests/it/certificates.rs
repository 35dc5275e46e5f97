//! 荣誉证书: numbering (per series, idempotent, never reused, void + new number on a changed prize),
//! the PDFs (one page each, subset font, extractable text, 套打 with offsets, calibration page,
//! images), the files written for printing and the register read back with calamine.
//! Without poppler-utils the PDF text/font checks print a notice and skip.
use std::path::Path;

use crate::support::{assert_font_subset, flat, page_count, poppler, text_of};
use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use saiwu_core::actions::certificates::{issue, log_print, void, write_all};
use saiwu_core::certificates::{
    self, calibration_page, list, render_batch, render_one, Certificate, CertificateImages, CertificateSubject, CertificateTemplate, Image,
    PrintMode, PrintReason, SubjectKind,
};
use saiwu_core::model::Group;
use saiwu_core::{CoreError, Store};

fn at(day: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600).unwrap().with_ymd_and_hms(2026, 11, day, 9, 30, 0).unwrap()
}

fn template() -> CertificateTemplate {
    CertificateTemplate { date: NaiveDate::from_ymd_opt(2026, 11, 28), ..Default::default() }
}

fn award(key: &str, group: &str, prize: &str, entrant: &str, members: &[&str]) -> CertificateSubject {
    let (label, no) = if group == "enterprise" { ("企业组", "QY") } else { ("创业组", "CY") };
    CertificateSubject {
        kind: SubjectKind::Award,
        key: key.into(),
        group: Some(Group::parse(group).unwrap()),
        group_label: label.into(),
        prize: prize.into(),
        project_no: format!("{no}{key}"),
        project_name: format!("{entrant}的智能矿山安全监测系统"),
        entrant_name: entrant.into(),
        members: members.iter().map(|s| s.to_string()).collect(),
    }
}

fn unit(name: &str) -> CertificateSubject {
    CertificateSubject {
        kind: SubjectKind::Unit,
        key: name.into(),
        group: None,
        group_label: String::new(),
        prize: "优秀组织单位奖".into(),
        project_no: String::new(),
        project_name: String::new(),
        entrant_name: name.into(),
        members: vec![],
    }
}

fn subjects() -> Vec<CertificateSubject> {
    vec![
        award("e1", "enterprise", "一等奖", "长治市卓远智能装备有限公司", &[]),
        award("e2", "enterprise", "二等奖", "山西潞安新材料科技股份有限公司", &[]),
        award("s1", "startup", "一等奖", "智能制造技术与装备团队", &["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊"]),
        award("e3", "enterprise", "三等奖", "襄垣县恒信机械制造有限公司", &[]),
        award("s2", "startup", "优胜奖", "长治学院青年创客团队", &["孙七", "周八"]),
        unit("潞州区工信局"),
    ]
}

fn numbers(certs: &[Certificate]) -> Vec<&str> {
    certs.iter().map(|c| c.number.as_str()).collect()
}

// --- poppler helpers (as in tests/pdf.rs) ---

/// (xMin, yMin) in pt of the first `pdftotext -bbox` word that contains `needle`.
fn bbox_of(pdf: &[u8], needle: &str) -> Option<(f32, f32)> {
    let html = poppler("pdftotext", &["-bbox"], pdf)?;
    let line = html.lines().find(|l| l.contains("<word") && l.contains(needle)).unwrap_or_else(|| panic!("no word {needle:?}:\n{html}"));
    let attr = |name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    Some((attr("xMin"), attr("yMin")))
}

fn store_with_certificates() -> (Store, Vec<Certificate>) {
    let mut store = Store::open_in_memory().unwrap();
    let certs = issue(&mut store, &subjects(), &template(), at(20)).unwrap();
    (store, certs)
}

// --- numbering ---

#[test]
fn numbers_are_sequential_per_series_in_the_set_format() {
    let (_store, certs) = store_with_certificates();
    assert_eq!(numbers(&certs), ["CZCK2026-QY-001", "CZCK2026-QY-002", "CZCK2026-CY-001", "CZCK2026-QY-003", "CZCK2026-CY-002", "CZCK2026-YX-001"]);
    assert_eq!(certs[2].members.len(), 7);
    assert_eq!(certs[5].kind, SubjectKind::Unit);
    assert_eq!(certs[5].group, None);
    assert!(certs.iter().all(|c| c.voided_at.is_none() && c.prints == 0));
}

#[test]
fn re_issuing_the_same_list_keeps_every_number() {
    let (mut store, first) = store_with_certificates();
    let again = issue(&mut store, &subjects(), &template(), at(21)).unwrap();
    assert_eq!(numbers(&first), numbers(&again));
    assert_eq!(list(&store).unwrap().len(), 6, "no new rows");
    // The issue time is that of the first issue.
    assert_eq!(again[0].issued_at, first[0].issued_at);
    // A corrected name keeps the number (the certificate is printed again).
    let mut fixed = subjects();
    fixed[1].entrant_name = "山西潞安新材料科技股份有限公司（更正）".into();
    let fixed = issue(&mut store, &fixed, &template(), at(22)).unwrap();
    assert_eq!(fixed[1].number, "CZCK2026-QY-002");
    assert!(fixed[1].entrant_name.ends_with("（更正）"));
}

#[test]
fn voided_numbers_are_never_reused() {
    let (mut store, _) = store_with_certificates();
    let v = void(&mut store, "CZCK2026-QY-003", "获奖资格被撤销", "王秘书", at(21)).unwrap();
    assert_eq!(v.void_reason.as_deref(), Some("获奖资格被撤销"));
    assert_eq!(v.voided_by.as_deref(), Some("王秘书"));
    // Twice is refused, and an unknown number is a not-found error.
    assert!(void(&mut store, "CZCK2026-QY-003", "再次", "王秘书", at(21)).unwrap_err().to_string().contains("已于"));
    assert!(matches!(void(&mut store, "CZCK2026-QY-999", "x", "王秘书", at(21)), Err(CoreError::NotFound(_))));
    assert!(void(&mut store, "CZCK2026-QY-001", " ", "王秘书", at(21)).is_err(), "a reason is required");

    // A new winner gets 004, not the voided 003; the subject of 003, still listed, gets 005.
    let mut list2 = subjects();
    list2.push(award("e4", "enterprise", "优胜奖", "黎城县新能源有限公司", &[]));
    let certs = issue(&mut store, &list2, &template(), at(22)).unwrap();
    let by_key = |k: &str| certs.iter().find(|c| c.subject_key == k).unwrap().number.clone();
    assert_eq!(by_key("e3"), "CZCK2026-QY-004");
    assert_eq!(by_key("e4"), "CZCK2026-QY-005");
    let all = list(&store).unwrap();
    assert_eq!(all.len(), 8);
    assert!(all.iter().find(|c| c.number == "CZCK2026-QY-003").unwrap().voided_at.is_some());
    // The store itself refuses to delete a certificate or renumber it.
    let conn = store.conn();
    assert!(conn.execute("DELETE FROM certificates WHERE number = 'CZCK2026-QY-003'", []).is_err());
    assert!(conn.execute("UPDATE certificates SET number = 'X' WHERE number = 'CZCK2026-QY-001'", []).is_err());
}

#[test]
fn a_changed_prize_voids_the_old_certificate_and_gives_a_new_number() {
    let (mut store, _) = store_with_certificates();
    let mut changed = subjects();
    changed[0].prize = "二等奖".into();
    let certs = issue(&mut store, &changed, &template(), at(23)).unwrap();
    assert_eq!(certs[0].number, "CZCK2026-QY-004");
    assert_eq!(certs[0].prize, "二等奖");
    let old = certificates::get(&store, "CZCK2026-QY-001").unwrap();
    assert!(old.voided_at.is_some());
    let reason = old.void_reason.unwrap();
    assert!(reason.contains("一等奖") && reason.contains("二等奖"), "{reason}");
    // Others untouched.
    assert_eq!(numbers(&certs)[1..], ["CZCK2026-QY-002", "CZCK2026-CY-001", "CZCK2026-QY-003", "CZCK2026-CY-002", "CZCK2026-YX-001"]);
    // Removing a winner from the list voids nothing: it is listed for a person to decide.
    let fewer = &changed[1..];
    issue(&mut store, fewer, &template(), at(24)).unwrap();
    let orphans = certificates::orphans(&store, fewer).unwrap();
    assert_eq!(numbers(&orphans), ["CZCK2026-QY-004"]);
    assert!(certificates::get(&store, "CZCK2026-QY-004").unwrap().voided_at.is_none());
}

#[test]
fn more_than_seven_members_is_refused_and_nothing_is_issued() {
    let mut store = Store::open_in_memory().unwrap();
    let mut list1 = subjects();
    list1[2].members.push("第八人".into());
    let e = issue(&mut store, &list1, &template(), at(20)).unwrap_err();
    assert!(matches!(&e, CoreError::Validation { field: Some(f), .. } if f == "members"), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("8 名团队成员") && msg.contains("不超过 7 名"), "{msg}");
    assert!(list(&store).unwrap().is_empty(), "all or nothing");
    // Blank names do not count.
    list1[2].members[7] = "  ".into();
    let certs = issue(&mut store, &list1, &template(), at(20)).unwrap();
    assert_eq!(certs[2].members.len(), 7);
}

#[test]
fn bad_subjects_are_refused_with_chinese_messages() {
    let mut store = Store::open_in_memory().unwrap();
    let mut dup = subjects();
    dup.push(dup[0].clone());
    assert!(issue(&mut store, &dup, &template(), at(20)).unwrap_err().to_string().contains("两次"));
    // A group the template has no series code for.
    let odd = subjects();
    let code = odd[0].group.unwrap().code();
    let mut no_series = template();
    no_series.series_codes.remove(code);
    assert!(issue(&mut store, &odd, &no_series, at(20)).unwrap_err().to_string().contains(&format!("组别“{code}”没有设置证书编号代码")));
    let mut no_group = subjects();
    no_group[0].group = None;
    assert!(issue(&mut store, &no_group, &template(), at(20)).unwrap_err().to_string().contains("没有组别"));
    let mut no_prize = subjects();
    no_prize[0].prize = "".into();
    assert!(issue(&mut store, &no_prize, &template(), at(20)).unwrap_err().to_string().contains("没有奖项"));
    assert!(list(&store).unwrap().is_empty());
}

#[test]
fn template_placeholders_are_validated() {
    let t = CertificateTemplate { body: "{获奖主体名称}：荣获{获奖等级}。".into(), ..template() };
    let msg = t.validate().unwrap_err().to_string();
    assert!(msg.contains("{获奖等级}") && msg.contains("证书正文") && msg.contains("{奖项}"), "{msg}");
    let mut store = Store::open_in_memory().unwrap();
    assert!(issue(&mut store, &subjects(), &t, at(20)).is_err(), "issue validates the template");
    let mut t = template();
    t.overlay_fields[0].text = "{获奖者}".into();
    assert!(t.validate().unwrap_err().to_string().contains("{获奖者}"));
    let t = CertificateTemplate { number_line: "编号：{证书编号".into(), ..template() };
    assert!(t.validate().is_err());
    // Every DOMAIN §4.4 placeholder is accepted.
    let all: String = certificates::PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect();
    CertificateTemplate { body: all, ..template() }.validate().unwrap();
    // The template travels as settings JSON, missing keys taking their defaults.
    let t: CertificateTemplate = serde_json::from_str(r#"{"offset_x_mm": 2.5, "mode": "overlay"}"#).unwrap();
    assert_eq!((t.offset_x_mm, t.mode, t.title.as_str()), (2.5, PrintMode::Overlay, "荣誉证书"));
}

// --- PDFs ---

#[test]
fn batch_has_one_page_per_live_certificate_with_subset_font_and_wording() {
    let (mut store, _) = store_with_certificates();
    void(&mut store, "CZCK2026-QY-002", "重复颁发", "王秘书", at(21)).unwrap();
    let certs = list(&store).unwrap();
    let pdf = render_batch(&certs, &template(), &CertificateImages::default()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
    if let Some(n) = page_count(&pdf) {
        assert_eq!(n, 5, "6 issued, 1 voided");
    }
    assert_font_subset(&pdf);
    let Some(all) = poppler("pdftotext", &[], &pdf) else { return };
    assert!(!all.contains("山西潞安新材料"), "the voided certificate is not printed");
    // 企业组 before 创业组, each by level then number, the units last (not the register's CY, QY, YX).
    let page = |n| flat(&text_of(&pdf, n, n).unwrap());
    let order: Vec<String> = (1..=5)
        .map(|n| ["QY-001", "QY-003", "CY-001", "CY-002", "YX-001"].iter().find(|no| page(n).contains(*no)).unwrap_or(&"?").to_string())
        .collect();
    assert_eq!(order, ["QY-001", "QY-003", "CY-001", "CY-002", "YX-001"]);
    let p1 = page(1);
    for s in [
        "荣誉证书",
        "长治市卓远智能装备有限公司：",
        "你单位“长治市卓远智能装备有限公司的智能矿山安全监测系统”项目在第十一届“创客中国”长治市中小企业创新创业大赛中荣获企业组一等奖。",
        "特发此证，以资鼓励。",
        "长治市工业和信息化局",
        "二〇二六年十一月二十八日",
        "盖章处",
        "证书编号：CZCK2026-QY-001",
    ] {
        assert!(p1.contains(s), "page 1 lacks {s:?}:\n{p1}");
    }
    assert!(!p1.contains("团队成员"), "no members line without members");
    let team = (1..=5).map(page).find(|p| p.contains("智能制造技术与装备团队")).unwrap();
    assert!(team.contains("团队成员：王建国、李秀英、张伟、刘洋、陈静、杨帆、赵磊"), "{team}");
    assert!(team.contains("你团队“智能制造技术与装备团队的智能矿山安全监测系统”项目在") && !team.contains("你单位"), "{team}");
    assert!(team.contains("创业组一等奖") && team.contains("CZCK2026-CY-001"));
    let unit = (1..=5).map(page).find(|p| p.contains("潞州区工信局")).unwrap();
    assert!(
        unit.contains("潞州区工信局：在第十一届“创客中国”长治市中小企业创新创业大赛组织工作中成绩突出，被评为优秀组织单位。")
            && unit.contains("CZCK2026-YX-001"),
        "{unit}"
    );
    for n in 1..=5 {
        let p = page(n);
        assert!(!p.contains("项目项目") && !p.contains("（团队）"), "{p}");
    }
    // No page numbers on a certificate.
    assert!(!all.contains("第 1 页") && !flat(&all).contains("第1页"));
}

#[test]
fn single_certificate_pdf_and_refusals() {
    let (mut store, certs) = store_with_certificates();
    let pdf = render_one(&certs[2], &template(), &CertificateImages::default()).unwrap();
    if let Some(n) = page_count(&pdf) {
        assert_eq!(n, 1);
    }
    if let Some(t) = text_of(&pdf, 1, 1) {
        assert!(flat(&t).contains("CZCK2026-CY-001") && t.contains("赵磊"));
    }
    // No date → refused; voided → refused; a hand-made subject with 8 members → refused.
    let no_date = CertificateTemplate { date: None, ..template() };
    assert!(render_one(&certs[0], &no_date, &CertificateImages::default()).unwrap_err().to_string().contains("日期"));
    let v = void(&mut store, &certs[0].number, "误发", "王秘书", at(21)).unwrap();
    assert!(render_one(&v, &template(), &CertificateImages::default()).unwrap_err().to_string().contains("已作废"));
    let mut eight = certs[2].clone();
    eight.members.push("第八人".into());
    assert!(render_one(&eight, &template(), &CertificateImages::default()).unwrap_err().to_string().contains("最多列 7 名"));
    assert!(render_batch(&[v], &template(), &CertificateImages::default()).is_err(), "nothing live to print");
}

#[test]
fn a_very_long_project_name_shrinks_the_body_instead_of_overprinting() {
    let mut store = Store::open_in_memory().unwrap();
    let mut s = award("long", "enterprise", "一等奖", "长治市卓远智能装备有限公司", &["甲", "乙", "丙", "丁", "戊", "己", "庚"]);
    s.project_name = "面向新能源汽车动力电池全生命周期管理的梯次利用与回收关键技术研究及产业化示范".repeat(3);
    let certs = issue(&mut store, &[s.clone()], &template(), at(20)).unwrap();
    let pdf = render_one(&certs[0], &template(), &CertificateImages::default()).unwrap();
    if let Some(t) = text_of(&pdf, 1, 1) {
        assert!(flat(&t).contains("特发此证"));
    }
    s.key = "longer".into();
    s.project_name = s.project_name.repeat(6);
    let certs = issue(&mut store, &[s], &template(), at(20)).unwrap();
    let e = render_one(&certs[0], &template(), &CertificateImages::default()).unwrap_err().to_string();
    assert!(e.contains("太长"), "{e}");
}

#[test]
fn overlay_mode_prints_only_the_variable_text_and_honours_offsets() {
    let (_store, certs) = store_with_certificates();
    let plain = CertificateTemplate { mode: PrintMode::Overlay, ..template() };
    let shifted = CertificateTemplate { offset_x_mm: 10.0, offset_y_mm: -5.0, ..plain.clone() };
    let a = render_one(&certs[2], &plain, &CertificateImages::default()).unwrap();
    let b = render_one(&certs[2], &shifted, &CertificateImages::default()).unwrap();
    assert_ne!(a, b);
    assert_font_subset(&a);
    let Some(t) = text_of(&a, 1, 1) else { return };
    let f = flat(&t);
    for s in ["智能制造技术与装备团队", "创业组一等奖", "王建国、李秀英", "二〇二六年十一月二十八日", "CZCK2026-CY-001"]
    {
        assert!(f.contains(s), "overlay lacks {s:?}:\n{t}");
    }
    for s in ["荣誉证书", "特发此证", "你单位", "证书编号", "长治市工业和信息化局", "创客中国"] {
        assert!(!f.contains(s), "overlay prints fixed wording {s:?}:\n{t}");
    }
    // The text moves by exactly the offsets: 10 mm right, 5 mm up (in pt).
    let (ax, ay) = bbox_of(&a, "智能制造技术与装备团队").unwrap();
    let (bx, by) = bbox_of(&b, "智能制造技术与装备团队").unwrap();
    let mm = 72.0 / 25.4;
    assert!((bx - ax - 10.0 * mm).abs() < 0.5, "x moved {} pt", bx - ax);
    assert!((by - ay + 5.0 * mm).abs() < 0.5, "y moved {} pt", by - ay);
    // And sits where the template says: 50 mm from the left edge.
    assert!((ax - 50.0 * mm).abs() < 1.0, "x = {ax} pt");
    // A certificate without members prints nothing for the members field.
    let none = render_one(&certs[0], &plain, &CertificateImages::default()).unwrap();
    let t = flat(&text_of(&none, 1, 1).unwrap());
    assert!(t.contains("长治市卓远智能装备有限公司") && !t.contains("、"));
}

#[test]
fn calibration_page_shows_positions_and_offsets() {
    let t = CertificateTemplate { mode: PrintMode::Overlay, offset_x_mm: 3.0, offset_y_mm: -1.5, ..template() };
    let pdf = calibration_page(&t).unwrap();
    if let Some(n) = page_count(&pdf) {
        assert_eq!(n, 1);
    }
    let Some(text) = text_of(&pdf, 1, 1) else { return };
    let f = flat(&text);
    for s in ["套打校准页", "横向偏移3.0毫米", "纵向偏移-1.5毫米", "获奖主体（50.0,82.0）", "证书编号（60.0,190.0）", "100"]
    {
        assert!(f.contains(s), "calibration page lacks {s:?}:\n{text}");
    }
    // The crosshair labels move with the offsets.
    let plain = calibration_page(&CertificateTemplate { mode: PrintMode::Overlay, ..template() }).unwrap();
    let (ax, _) = bbox_of(&plain, "获奖主体").unwrap();
    let (bx, _) = bbox_of(&pdf, "获奖主体").unwrap();
    assert!((bx - ax - 3.0 * 72.0 / 25.4).abs() < 0.5, "{ax} → {bx}");
}

/// A 60 × 60 red ring with a transparent background, as a seal is.
fn seal_png() -> Vec<u8> {
    let (w, h) = (60u32, 60u32);
    let mut px = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let d = ((x as f32 - 29.5).powi(2) + (y as f32 - 29.5).powi(2)).sqrt();
            let on = (24.0..29.0).contains(&d);
            px.extend_from_slice(&[200, 20, 20, if on { 255 } else { 0 }]);
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header().unwrap().write_image_data(&px).unwrap();
    }
    out
}

#[test]
fn background_and_seal_images_are_embedded_once_and_text_stays_extractable() {
    let (_store, certs) = store_with_certificates();
    let dir = tempfile::tempdir().unwrap();
    let seal = dir.path().join("公章.png");
    std::fs::write(&seal, seal_png()).unwrap();
    let bg = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/certificate-background.jpg");
    let t = CertificateTemplate { seal_image: Some(seal), background_image: Some(bg), ..template() };
    let images = CertificateImages::load(&t).unwrap();
    assert_eq!(images.background.as_ref().map(|i| (i.width, i.height)), Some((594, 420)));
    let pdf = render_batch(&certs, &t, &images).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    // The JPEG goes in as it is, once for all six pages; the seal's transparency is a soft mask.
    assert_eq!(raw.matches("/DCTDecode").count(), 1);
    assert!(raw.contains("/SMask"));
    let plain = render_batch(&certs, &template(), &CertificateImages::default()).unwrap();
    assert!(pdf.len() < plain.len() + 20_000, "{} vs {}", pdf.len(), plain.len());
    if let Some(n) = page_count(&pdf) {
        assert_eq!(n, 6);
    }
    if let Some(text) = text_of(&pdf, 1, 1) {
        assert!(flat(&text).contains("长治市工业和信息化局"));
    }
    // A renamed file is refused by its content, not its name.
    let fake = dir.path().join("假的.png");
    std::fs::write(&fake, b"not an image").unwrap();
    let e = Image::from_file(&fake, "印章图片").unwrap_err().to_string();
    assert!(e.contains("不是 PNG 或 JPEG"), "{e}");
    let t = CertificateTemplate { seal_image: Some(dir.path().join("印章.gif")), ..template() };
    assert!(t.validate().unwrap_err().to_string().contains("PNG 或 JPEG"));
}

// --- files and register ---

#[test]
fn write_all_writes_batch_and_singles_logs_prints_and_removes_voided_files() {
    let (mut store, _) = store_with_certificates();
    let dir = tempfile::tempdir().unwrap();
    let w = write_all(&mut store, dir.path(), &template(), "王秘书", at(25)).unwrap();
    assert_eq!(w.certificates, 6);
    assert_eq!(w.batch, dir.path().join("证书-全部.pdf"));
    assert!(w.batch.is_file());
    assert_eq!(w.files.len(), 6);
    assert!(dir.path().join("CZCK2026-QY-001.pdf").is_file());
    assert!(dir.path().join("CZCK2026-YX-001.pdf").is_file());
    assert!(list(&store).unwrap().iter().all(|c| c.prints == 1));
    if let Some(n) = page_count(&std::fs::read(&w.batch).unwrap()) {
        assert_eq!(n, 6);
    }

    void(&mut store, "CZCK2026-QY-001", "获奖资格被撤销", "王秘书", at(26)).unwrap();
    log_print(&mut store, "CZCK2026-QY-002", PrintReason::Replacement, "王秘书", at(26)).unwrap();
    assert!(log_print(&mut store, "CZCK2026-QY-001", PrintReason::Reprint, "王秘书", at(26)).is_err());
    let w = write_all(&mut store, dir.path(), &template(), "王秘书", at(27)).unwrap();
    assert_eq!(w.certificates, 5);
    assert_eq!(w.removed, vec![dir.path().join("CZCK2026-QY-001.pdf")]);
    assert!(!dir.path().join("CZCK2026-QY-001.pdf").exists());
    let reasons: Vec<String> = store
        .conn()
        .prepare(
            "SELECT reason FROM certificate_prints p JOIN certificates c ON c.id = p.certificate_id WHERE c.number = 'CZCK2026-QY-002' ORDER BY p.id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(reasons, ["首次打印", "补打", "重印"]);
    assert!(store.conn().execute("DELETE FROM certificate_prints", []).is_err(), "the print log is append-only");

    // A template that cannot print changes nothing on disk.
    let before = std::fs::read(dir.path().join("CZCK2026-QY-002.pdf")).unwrap();
    assert!(write_all(&mut store, dir.path(), &CertificateTemplate { date: None, ..template() }, "王秘书", at(28)).is_err());
    assert_eq!(std::fs::read(dir.path().join("CZCK2026-QY-002.pdf")).unwrap(), before);
    assert!(list(&store).unwrap().iter().filter(|c| c.voided_at.is_none()).all(|c| c.prints >= 2));
}

#[test]
fn register_reads_back_with_calamine() {
    let (mut store, _) = store_with_certificates();
    void(&mut store, "CZCK2026-QY-002", "重复颁发", "王秘书", at(21)).unwrap();
    log_print(&mut store, "CZCK2026-CY-001", PrintReason::First, "王秘书", at(22)).unwrap();
    log_print(&mut store, "CZCK2026-CY-001", PrintReason::Reprint, "王秘书", at(23)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("证书登记表.xlsx");
    assert_eq!(certificates::register_xlsx(&store, &path).unwrap(), 6);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("证书登记表").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["证书编号", "组别", "奖项", "项目编号", "项目名称", "获奖主体", "团队成员", "颁发日期", "状态", "作废原因", "打印次数"]);
    let rows: Vec<&[Data]> = range.rows().skip(1).collect();
    assert_eq!(rows.len(), 6);
    // Register order: series, then sequence.
    let nums: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(nums, ["CZCK2026-CY-001", "CZCK2026-CY-002", "CZCK2026-QY-001", "CZCK2026-QY-002", "CZCK2026-QY-003", "CZCK2026-YX-001"]);
    let cy1 = rows[0];
    assert_eq!(cy1[6].to_string(), "王建国、李秀英、张伟、刘洋、陈静、杨帆、赵磊");
    assert_eq!(cy1[8].to_string(), "有效");
    assert_eq!(cy1[10], Data::Float(2.0));
    // The date is a real date cell.
    match &cy1[7] {
        Data::DateTime(d) => assert_eq!(d.as_datetime().unwrap().date(), NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        other => panic!("颁发日期 is not a date: {other:?}"),
    }
    let qy2 = rows[3];
    assert_eq!(qy2[8].to_string(), "已作废");
    assert!(qy2[9].to_string().starts_with("重复颁发（2026-11-21 09:30，王秘书"), "{}", qy2[9]);
    assert_eq!(rows[5][1].to_string(), "", "a unit has no group");
}

#[test]
fn a_template_stored_with_the_old_wording_prints_the_new_way() {
    let mut store = Store::open_in_memory().unwrap();
    // As saved by the app before issue #11: "你单位（团队）{项目名称} 项目", the old unit wording, no date style.
    let old = r#"{"title": "荣誉证书", "date": "2026-12-01",
        "body": "{获奖主体名称}：\n　　你单位（团队）{项目名称} 项目在{赛事名称}中荣获{组别}{奖项}。\n　　特发此证，以资鼓励。",
        "unit_body": "{获奖主体名称}：\n　　你单位在{赛事名称}组织工作中成绩突出，荣获{奖项}。\n　　特发此证，以资鼓励。"}"#;
    saiwu_core::store::certificates::save_template_json(store.conn(), old, "2026-11-01T09:00:00+08:00").unwrap();
    let t = certificates::template(&store).unwrap();
    assert!(t.body.contains("{称谓}{项目}在") && !t.body.contains("（团队）"), "{}", t.body);
    let mut s = award("e1", "enterprise", "一等奖", "长治市卓远智能装备有限公司", &[]);
    s.project_name = "光伏储能逆变器项目".into();
    let certs = issue(&mut store, &[s, unit("长治学院")], &t, at(20)).unwrap();
    let pdf = render_batch(&certs, &t, &CertificateImages::default()).unwrap();
    let Some(text) = text_of(&pdf, 1, 2) else { return };
    let f = flat(&text);
    assert!(f.contains("你单位“光伏储能逆变器项目”在第十一届"), "{text}");
    assert!(f.contains("二〇二六年十二月一日"), "{text}");
    assert!(f.contains("长治学院：在第十一届“创客中国”长治市中小企业创新创业大赛组织工作中成绩突出，被评为优秀组织单位。"), "{text}");
    assert!(!f.contains("项目项目"), "{text}");
}
