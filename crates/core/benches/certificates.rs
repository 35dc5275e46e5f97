//! Certificate benchmark (SPEC §9: 500 certificates into one PDF in under 2 s, the file under 5 MB).
//! Measured side by side with a reference: the same 500 pages of plain text (the same strings, one
//! `Document::text` call per line, no layout) through the pdf toolkit. Also timed once: `write_all`,
//! the batch plus 500 single PDFs, as the 打印 button does. Sizes are printed.
//! Run: `cargo bench -p saiwu-core --bench certificates`.
use std::time::Instant;

use chrono::{DateTime, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use saiwu_core::actions::certificates::{issue, write_all};
use saiwu_core::certificates::{list, render_batch, Certificate, CertificateImages, CertificateSubject, CertificateTemplate, PrintMode, SubjectKind};
use saiwu_core::pdf::{Document, Paper};
use saiwu_core::Store;

const N: usize = 500;
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
const GIVEN: &[&str] = &["建国", "秀英", "伟", "洋", "静", "帆", "磊", "敏", "强", "丽", "军", "娜", "杰", "涛", "明", "超"];
const WORDS: &[&str] = &["卓远", "恒信", "潞安", "太行", "上党", "漳泽", "华冉", "国声", "天宇", "鑫拓"];
const TRADES: &[&str] = &["智能装备", "新材料科技", "新能源", "生物医药", "数字科技", "精密机械"];
const PRIZES: &[&str] = &["一等奖", "二等奖", "三等奖", "优胜奖"];

/// 500 subjects: half enterprise, half startup teams with 3–7 members, varied names (the subset
/// font grows with the number of distinct characters).
fn subjects() -> Vec<CertificateSubject> {
    (0..N)
        .map(|i| {
            let startup = i % 2 == 1;
            let w = WORDS[i % WORDS.len()];
            let t = TRADES[(i / 3) % TRADES.len()];
            let entrant = if startup { format!("长治{w}{t}创客团队{i}") } else { format!("长治市{w}{t}有限公司{i}") };
            let members = if startup {
                (0..3 + i % 5).map(|k| format!("{}{}", SURNAMES[(i + k) % SURNAMES.len()], GIVEN[(i * 7 + k) % GIVEN.len()])).collect()
            } else {
                vec![]
            };
            CertificateSubject {
                kind: SubjectKind::Award,
                key: format!("entry-{i}"),
                group: Some(if startup { saiwu_core::model::Group::Startup } else { saiwu_core::model::Group::Enterprise }),
                group_label: if startup { "创业组" } else { "企业组" }.into(),
                prize: PRIZES[i % PRIZES.len()].into(),
                project_no: format!("CZ{i:04}"),
                project_name: format!("基于工业互联网的{t}关键技术研究及产业化项目{i}"),
                entrant_name: entrant,
                members,
            }
        })
        .collect()
}

/// The reference: the same texts, one line each, through the same toolkit, no certificate layout.
fn plain_pages(certs: &[Certificate], t: &CertificateTemplate) -> Vec<u8> {
    let mut doc = Document::new("reference").expect("document");
    doc.set_page_numbers(false);
    for c in certs {
        doc.new_page(Paper::A4Landscape);
        let lines = [
            "荣誉证书".to_string(),
            format!("{}：", c.entrant_name),
            format!("你单位“{}”在{}中荣获{}{}。", c.project_name, t.contest_name, c.group_label, c.prize),
            "特发此证，以资鼓励。".to_string(),
            format!("团队成员：{}", c.members.join("、")),
            t.organizer.clone(),
            "二〇二六年十一月二十八日".to_string(),
            format!("证书编号：{}", c.number),
        ];
        for (i, l) in lines.iter().enumerate() {
            doc.text(20.0, 30.0 + 15.0 * i as f32, 12.0, l).expect("text");
        }
    }
    doc.finish().expect("pdf")
}

fn bench(c: &mut Criterion) {
    let now = DateTime::parse_from_rfc3339("2026-11-20T09:30:00+08:00").expect("constant");
    let t = CertificateTemplate { date: NaiveDate::from_ymd_opt(2026, 11, 28), ..Default::default() };
    let overlay = CertificateTemplate { mode: PrintMode::Overlay, ..t.clone() };
    let mut store = Store::open_in_memory().expect("store");
    let certs = issue(&mut store, &subjects(), &t, now).expect("issue");
    let images = CertificateImages::default();

    let full = render_batch(&certs, &t, &images).expect("render");
    let over = render_batch(&certs, &overlay, &images).expect("render");
    let reference = plain_pages(&certs, &t);
    println!(
        "PDF sizes for {N} pages: certificates {:.0} KB, 套打 {:.0} KB, plain-text reference {:.0} KB (goal < 5 MB)",
        full.len() as f64 / 1024.0,
        over.len() as f64 / 1024.0,
        reference.len() as f64 / 1024.0
    );

    let mut g = c.benchmark_group("certificates_500");
    g.sample_size(10);
    g.bench_function("render_batch_full_page", |b| b.iter(|| render_batch(&certs, &t, &images).expect("render")));
    g.bench_function("render_batch_overlay", |b| b.iter(|| render_batch(&certs, &overlay, &images).expect("render")));
    g.bench_function("plain_text_reference", |b| b.iter(|| plain_pages(&certs, &t)));
    g.finish();

    // Once, not sampled: it writes 501 files.
    let dir = tempfile::tempdir().expect("temp dir");
    let start = Instant::now();
    let w = write_all(&mut store, dir.path(), &t, "基准测试", now).expect("write_all");
    let secs = start.elapsed().as_secs_f64();
    let singles: u64 = w.files.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    println!(
        "write_all: batch ({} pages, {:.0} KB) + {} single PDFs ({:.0} KB in all) in {secs:.2} s; {} prints logged",
        w.certificates,
        w.batch_bytes as f64 / 1024.0,
        w.files.len(),
        singles as f64 / 1024.0,
        list(&store).expect("list").iter().map(|c| c.prints).sum::<i64>()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
