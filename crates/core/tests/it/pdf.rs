//! The printable PDFs: structure, page counts, size, and — with poppler-utils (`pdffonts`, `pdftotext`,
//! `pdfinfo`) — that the font is embedded as a subset and the Chinese text can be extracted.
//! Without poppler-utils those checks print a notice and skip (scripts/setup.sh --test installs it).

use crate::support::{assert_font_subset, flat, page_count, text_of};
use saiwu_core::pdf::{order_sheet, score_sheet, table_document, Criterion, OrderEntry, OrderSheetDoc, ScoreSheetDoc, SheetEntry, SheetGroup};
use saiwu_core::CoreError;

fn assert_pdf_shape(pdf: &[u8]) {
    assert!(pdf.starts_with(b"%PDF-"), "no %PDF header");
    let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(32)..]).into_owned();
    assert!(tail.trim_end().ends_with("%%EOF"), "no %%EOF at the end: {tail:?}");
}

fn sheet_input(judges: &[&str], entries: usize) -> ScoreSheetDoc {
    let crit = |n: &str, m: u32| Criterion { name: n.into(), max_points: m };
    ScoreSheetDoc {
        contest_title: "第十一届“创客中国”长治市中小企业创新创业大赛".into(),
        round_label: "初赛".into(),
        panel_name: "第一评审组".into(),
        judges: judges.iter().map(|s| s.to_string()).collect(),
        groups: vec![SheetGroup {
            group_label: "企业组".into(),
            criteria: vec![
                crit("技术/产品创新", 30),
                crit("市场前景", 20),
                crit("商业模式", 15),
                crit("团队", 15),
                crit("经营与财务", 10),
                crit("社会效益", 10),
            ],
            entries: (1..=entries)
                .map(|i| SheetEntry {
                    project_no: format!("QY{i:03}"),
                    project_name: format!("基于工业互联网的智能矿山安全监测系统第{i}号"),
                    recused: vec![],
                })
                .collect(),
        }],
        phone_links: vec![],
    }
}

#[test]
fn score_sheet_one_page_per_judge_with_font_subset_and_text() {
    let pdf = score_sheet(&sheet_input(&["王建国", "李秀英"], 5)).unwrap();
    assert_pdf_shape(&pdf);
    if let Some(n) = page_count(&pdf) {
        assert_eq!(n, 2);
    }
    assert_font_subset(&pdf);
    let Some(p1) = text_of(&pdf, 1, 1) else { return };
    let f1 = flat(&p1);
    for s in ["第十一届", "初赛评分表", "第一评审组", "企业组", "王建国", "序号", "项目编号", "项目名称", "评委签字", "日期", "QY005"]
    {
        assert!(p1.contains(s), "page 1 lacks {s:?}:\n{p1}");
    }
    // Header cells wrap; their parts are all there.
    for s in ["技术/产品创新（30分）", "社会效益（10分）", "总分（100分）", "备注（回避请注明）", "第1页/共1页"] {
        assert!(f1.contains(s), "page 1 lacks {s:?}:\n{p1}");
    }
    assert!(!p1.contains("李秀英"), "judge 2 on judge 1's page");
    let p2 = text_of(&pdf, 2, 2).unwrap();
    assert!(p2.contains("李秀英") && p2.contains("评委签字"));
}

#[test]
fn long_score_sheet_repeats_header_and_signature_on_every_page() {
    let pdf = score_sheet(&sheet_input(&["赵敏"], 60)).unwrap();
    assert_pdf_shape(&pdf);
    let Some(n) = page_count(&pdf) else { return };
    assert!(n >= 3, "60 rows of 10 mm cannot fit on {n} landscape pages");
    let mut last_no = 0;
    for p in 1..=n {
        let t = text_of(&pdf, p, p).unwrap();
        assert!(t.contains("项目编号") && t.contains("项目名称"), "page {p} lacks the header row:\n{t}");
        assert!(t.contains("评委签字") && t.contains("赵敏"), "page {p}");
        assert!(flat(&t).contains(&format!("第{p}页/共{n}页")), "page {p} number:\n{t}");
        // Rows continue without loss from page to page.
        let nos: Vec<u32> = t.split_whitespace().filter_map(|w| w.strip_prefix("QY")).filter_map(|d| d.parse().ok()).collect();
        assert!(!nos.is_empty(), "page {p} has no rows");
        assert_eq!(nos[0], last_no + 1, "page {p} does not continue the list");
        last_no = *nos.iter().max().unwrap();
    }
    assert_eq!(last_no, 60);
}

#[test]
fn two_hundred_entries_for_seven_judges_stay_under_one_megabyte() {
    let judges = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵敏"];
    let started = std::time::Instant::now();
    let pdf = score_sheet(&sheet_input(&judges, 200)).unwrap();
    assert_pdf_shape(&pdf);
    assert!(pdf.len() < 1_000_000, "{} bytes", pdf.len());
    eprintln!("200 项 × 7 位评委：{} 字节，{:?}", pdf.len(), started.elapsed());
    let Some(n) = page_count(&pdf) else { return };
    assert_eq!(n % 7, 0, "every judge gets the same number of pages: {n}");
    let per_judge = n / 7;
    assert!(per_judge > 1);
    // Each judge's run is numbered on its own.
    let t = text_of(&pdf, per_judge + 1, per_judge + 1).unwrap();
    assert!(t.contains("李秀英") && flat(&t).contains(&format!("第1页/共{per_judge}页")), "{t}");
    assert_font_subset(&pdf);
}

#[test]
fn score_sheet_covers_every_group_and_allows_total_only() {
    let mut input = sheet_input(&["王建国"], 3);
    input.groups.push(SheetGroup {
        group_label: "创业组".into(),
        criteria: vec![],
        entries: vec![SheetEntry { project_no: "CY001".into(), project_name: "智慧农业无人机植保服务".into(), recused: vec![] }],
    });
    input.groups.push(SheetGroup { group_label: "空组".into(), criteria: vec![], entries: vec![] });
    let pdf = score_sheet(&input).unwrap();
    let Some(n) = page_count(&pdf) else { return };
    assert_eq!(n, 2, "an empty group prints nothing");
    let t = text_of(&pdf, 2, 2).unwrap();
    assert!(t.contains("创业组") && t.contains("智慧农业无人机植保服务") && t.contains("总分"), "{t}");
}

#[test]
fn score_sheet_refuses_bad_input_with_chinese_messages() {
    let no_judges = sheet_input(&[], 3);
    let e = score_sheet(&no_judges).unwrap_err();
    assert!(matches!(&e, CoreError::Precondition(m) if m.contains("评委")), "{e}");

    let no_entries = sheet_input(&["王建国"], 0);
    assert!(matches!(score_sheet(&no_entries), Err(CoreError::Precondition(m)) if m.contains("项目")));

    let mut zero = sheet_input(&["王建国"], 2);
    zero.groups[0].criteria[0].max_points = 0;
    assert!(matches!(score_sheet(&zero), Err(CoreError::Validation { message: m, .. }) if m.contains("满分")));

    let mut too_many = sheet_input(&["王建国"], 2);
    too_many.groups[0].criteria = (1..=12).map(|i| Criterion { name: format!("评分项{i}"), max_points: 5 }).collect();
    assert!(matches!(score_sheet(&too_many), Err(CoreError::Validation { message: m, .. }) if m.contains("评分项")));
}

fn order_input(n: u32) -> OrderSheetDoc {
    OrderSheetDoc {
        contest_title: "第十一届“创客中国”长治市中小企业创新创业大赛".into(),
        round_label: "决赛".into(),
        group_label: "企业组".into(),
        seed: "20260912-7F3A9C".into(),
        drawn_at: "2026-09-12 09:30".into(),
        entries: (1..=n)
            .map(|i| OrderEntry {
                order: i,
                project_no: format!("QY{:03}", 100 + i),
                project_name: format!("高端装备精密轴承智能制造项目{i}"),
                entrant: format!("长治市潞州区示范科技有限公司{i}"),
            })
            .collect(),
    }
}

#[test]
fn order_sheet_has_seed_time_table_and_signatures() {
    let pdf = order_sheet(&order_input(12)).unwrap();
    assert_pdf_shape(&pdf);
    assert_font_subset(&pdf);
    if let Some(n) = page_count(&pdf) {
        assert_eq!(n, 1);
    }
    let Some(t) = text_of(&pdf, 1, 1) else { return };
    for s in [
        "决赛路演出场顺序（企业组）",
        "抽签种子：20260912-7F3A9C",
        "抽签时间：2026-09-1209:30",
        "出场顺序",
        "参赛主体",
        "QY112",
        "长治市潞州区示范科技有限公司12",
        "抽签监督人",
        "公证员",
        "第1页/共1页",
    ] {
        assert!(flat(&t).contains(s), "lacks {s:?}:\n{t}");
    }
}

#[test]
fn long_order_sheet_breaks_pages_and_signs_at_the_end() {
    let pdf = order_sheet(&order_input(80)).unwrap();
    let Some(n) = page_count(&pdf) else { return };
    assert!(n >= 3, "{n}");
    for p in 1..=n {
        let t = text_of(&pdf, p, p).unwrap();
        // "出场顺序" is in the subtitle too; the other header cells are only in the table.
        assert!(t.contains("项目编号") && t.contains("参赛主体") && t.contains("抽签种子"), "page {p} heading/header:\n{t}");
    }
    let last = text_of(&pdf, n, n).unwrap();
    assert!(last.contains("抽签监督人") && last.contains("公证员"));
    let first = text_of(&pdf, 1, 1).unwrap();
    assert!(!first.contains("抽签监督人"), "signatures belong after the last row");
    let all = text_of(&pdf, 1, n).unwrap();
    assert!(all.contains("QY180"));
    assert!(order_sheet(&OrderSheetDoc { entries: vec![], ..order_input(1) }).is_err());
}

#[test]
fn table_document_repeats_header_wraps_and_validates() {
    let columns = [("序号", 12.0), ("组别", 22.0), ("奖项", 22.0), ("项目名称", 70.0), ("参赛主体", 54.0)];
    let rows: Vec<Vec<String>> = (1..=70)
        .map(|i| {
            vec![
                i.to_string(),
                "企业组".into(),
                "优胜奖".into(),
                // Long enough to wrap onto two lines in a 70 mm cell.
                format!("面向新能源汽车动力电池全生命周期管理的梯次利用与回收关键技术研究及产业化示范项目{i}"),
                format!("山西省长治市高新技术产业开发区某某新材料科技股份有限公司{i}"),
            ]
        })
        .collect();
    let pdf = table_document("2026年长治市创客中国大赛获奖名单公示", "（公示期：2026年10月1日至10月7日）", &columns, &rows, false).unwrap();
    assert_pdf_shape(&pdf);
    assert_font_subset(&pdf);
    if let Some(n) = page_count(&pdf) {
        assert!(n >= 3, "{n}");
        for p in 1..=n {
            let t = text_of(&pdf, p, p).unwrap();
            assert!(t.contains("参赛主体") && t.contains("获奖名单公示"), "page {p}:\n{t}");
            assert!(flat(&t).contains(&format!("第{p}页/共{n}页")), "page {p}:\n{t}");
        }
        let all = flat(&text_of(&pdf, 1, n).unwrap());
        assert!(all.contains("梯次利用与回收关键技术研究及产业化示范项目70"), "wrapped text lost");
    }
    let landscape = table_document("名单", "", &[("序号", 12.0), ("项目名称", 250.0)], &[vec!["1".into(), "甲".into()]], true);
    assert!(landscape.is_ok());
    let too_wide = table_document("名单", "", &[("序号", 12.0), ("项目名称", 250.0)], &[], false);
    assert!(matches!(too_wide, Err(CoreError::Validation { message: m, .. }) if m.contains("列宽")));
    let ragged = table_document("名单", "", &columns, &[vec!["1".into()]], false);
    assert!(matches!(ragged, Err(CoreError::Validation { message: m, .. }) if m.contains("单元格")));
}

#[test]
fn a_cell_taller_than_a_page_is_cut_not_lost_in_a_loop() {
    let huge = "超长文本".repeat(1500);
    let rows = vec![vec!["1".into(), huge], vec!["2".into(), "正常行".into()]];
    let pdf = table_document("名单", "", &[("序号", 12.0), ("说明", 100.0)], &rows, false).unwrap();
    assert_pdf_shape(&pdf);
    let Some(n) = page_count(&pdf) else { return };
    assert!(n <= 3, "{n} pages");
    let all = text_of(&pdf, 1, n).unwrap();
    assert!(all.contains('…') && all.contains("正常行"), "{all}");
}
