//! The season summary (工作总结 data, issue #12 item 5): entries by unit, county, group and field, the
//! screening outcome rule by rule, the rounds, awards and cash, the recommendation and its provincial
//! results, the objections and the follow-up — one xlsx (a sheet per part) and one PDF (the same tables and
//! the dashboard's bar charts), for the report to the provincial secretariat.
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::error::Result;
use crate::model::{Group, Outcome, Round, Verdict};
use crate::pdf::{Align, Column, Document, Paper, TableStyle, MARGIN};
use crate::store::Store;
use crate::xlsx::{Table, Value};

/// One part of the summary: a title, its columns (header, xlsx width, PDF width in mm) and rows of text
/// or numbers.
pub struct Part {
    pub title: &'static str,
    pub columns: Vec<(&'static str, f64, f32)>,
    pub rows: Vec<Vec<Cell>>,
    /// A bar chart of (label, value) drawn above the table in the PDF.
    pub chart: Option<Vec<(String, f64)>>,
}

pub enum Cell {
    Text(String),
    Num(f64),
}

impl Cell {
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Cell::Num(n) => format!("{n}"),
        }
    }
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn n(v: impl Into<f64>) -> Cell {
    Cell::Num(v.into())
}

/// The summary's title: "{contest name}工作总结数据".
pub fn title(store: &Store) -> Result<String> {
    let s = crate::settings::load(store)?;
    Ok(format!("{}工作总结数据", s.contest_name))
}

/// Every part of the summary, read from the contest as it stands.
pub fn parts(store: &Store) -> Result<Vec<Part>> {
    let verdicts = crate::screening::check(store)?;
    let rows = crate::store::entries::list_rows(store.conn())?;
    let current: Vec<_> = rows.iter().filter(|r| !r.missing).collect();
    let eligible: HashMap<&str, bool> =
        verdicts.iter().map(|v| (v.key.as_str(), v.verdict == Verdict::Eligible && v.disqualified.is_none())).collect();
    let ok = |key: &str| eligible.get(key).copied().unwrap_or(false);
    let awards = crate::awards::awards(store)?;
    let provincial = super::provincial(store)?;
    let objections = super::objections(store)?;
    let followups = super::followups(store, None, None)?;
    let flags = super::growth_flags(store)?;
    let mut parts = Vec::new();

    // 概况
    let count = |v: Verdict| verdicts.iter().filter(|x| x.verdict == v && x.disqualified.is_none()).count();
    let in_group = |g: Group| current.iter().filter(|r| r.group == Some(g)).count();
    let prelim = crate::judging::ranking(store, Round::Preliminary)?;
    let fin = crate::judging::ranking(store, Round::Final)?;
    let size = |r: &[crate::judging::RoundGroup]| r.iter().map(|g| g.entries.len()).sum::<usize>();
    let awarded: Vec<_> = awards.awards.iter().filter(|a| a.level.is_some()).collect();
    let cash: i64 = awards.totals.iter().map(|t| t.cash_yuan).sum();
    let recommended = provincial.iter().filter(|p| p.group_label != "（已不在推荐名单）").count();
    let prov_prizes = provincial.iter().filter(|p| p.outcome.is_some_and(|o| o.is_prize())).count();
    // Summing nothing gives -0.0 in Rust; + 0.0 makes it 0.
    let raised: f64 = followups.iter().filter_map(|f| f.amount_wan).sum::<f64>() + 0.0;
    let overview: Vec<(&str, Cell)> = vec![
        ("报名项目", n(current.len() as f64)),
        ("其中企业组", n(in_group(Group::Enterprise) as f64)),
        ("其中创业组", n(in_group(Group::Startup) as f64)),
        ("资格审查：符合", n(count(Verdict::Eligible) as f64)),
        ("资格审查：不符合", n(count(Verdict::Ineligible) as f64)),
        ("资格审查：待人工审核", n(count(Verdict::Review) as f64)),
        ("取消资格", n(verdicts.iter().filter(|v| v.disqualified.is_some()).count() as f64)),
        ("参加初赛", n(size(&prelim) as f64)),
        ("进入决赛", n(size(&fin) as f64)),
        ("获奖项目", n(awarded.len() as f64)),
        ("奖金合计（元）", n(cash as f64)),
        ("推荐省赛", n(recommended as f64)),
        ("省赛获奖（含推荐国赛）", n(prov_prizes as f64)),
        ("公示异议（已办结/全部）", t(format!("{}/{}", objections.iter().filter(|o| o.status == "closed").count(), objections.len()))),
        ("跟踪服务记录", n(followups.len() as f64)),
        ("跟踪项目涉及金额（万元）", n(raised)),
        ("成长快、潜力大项目", n(flags.len() as f64)),
    ];
    parts.push(Part {
        title: "概况",
        columns: vec![("项目", 28.0, 80.0), ("数量", 14.0, 40.0)],
        rows: overview.into_iter().map(|(k, v)| vec![t(k), v]).collect(),
        chart: None,
    });

    // 按组织单位 (the committee's 优秀组织单位 statistics)
    let units = crate::awards::unit_stats(store)?;
    parts.push(Part {
        title: "按组织单位",
        columns: vec![
            ("组织单位", 30.0, 70.0),
            ("报名", 8.0, 18.0),
            ("符合", 8.0, 18.0),
            ("决赛", 8.0, 18.0),
            ("获奖", 8.0, 18.0),
            ("优秀组织单位", 12.0, 28.0),
        ],
        rows: units
            .iter()
            .map(|u| {
                vec![
                    t(u.unit.clone()),
                    n(u.entries as f64),
                    n(u.valid as f64),
                    n(u.finalists as f64),
                    n(u.awards as f64),
                    t(if u.chosen { "是" } else { "" }),
                ]
            })
            .collect(),
        chart: None,
    });

    // 按县区, 按领域 (with the dashboard's charts)
    let mut by_county: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_field: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for r in &current {
        let c = by_county.entry(r.county.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "（未填写）".into())).or_default();
        c.0 += 1;
        c.1 += ok(&r.key) as usize;
        let f = by_field.entry(r.field.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "（未填写）".into())).or_default();
        match r.group {
            Some(Group::Enterprise) => f[0] += 1,
            Some(Group::Startup) => f[1] += 1,
            None => {}
        }
        f[2] += 1;
    }
    let mut county: Vec<_> = by_county.into_iter().collect();
    county.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    parts.push(Part {
        title: "按县区",
        columns: vec![("县区", 20.0, 60.0), ("报名", 10.0, 30.0), ("资格审查符合", 14.0, 40.0)],
        chart: Some(county.iter().map(|(k, v)| (k.clone(), v.0 as f64)).collect()),
        rows: county.iter().map(|(k, v)| vec![t(k.clone()), n(v.0 as f64), n(v.1 as f64)]).collect(),
    });
    let mut field: Vec<_> = by_field.into_iter().collect();
    field.sort_by(|a, b| b.1[2].cmp(&a.1[2]).then(a.0.cmp(&b.0)));
    parts.push(Part {
        title: "按组别和领域",
        columns: vec![("领域", 24.0, 60.0), ("企业组", 10.0, 28.0), ("创业组", 10.0, 28.0), ("合计", 10.0, 28.0)],
        chart: Some(field.iter().map(|(k, v)| (k.clone(), v[2] as f64)).collect()),
        rows: field.iter().map(|(k, v)| vec![t(k.clone()), n(v[0] as f64), n(v[1] as f64), n(v[2] as f64)]).collect(),
    });

    // 资格审查 rule by rule
    let mut per_rule: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for v in &verdicts {
        for f in &v.findings {
            let c = per_rule.entry(f.rule.clone()).or_default();
            match f.outcome {
                Outcome::Fail => c[0] += 1,
                Outcome::Review => c[1] += 1,
                Outcome::Warn => c[2] += 1,
                Outcome::Unchecked => c[3] += 1,
                Outcome::Pass => {}
            }
        }
    }
    parts.push(Part {
        title: "资格审查（按规则）",
        columns: vec![("规则", 22.0, 56.0), ("不符合", 10.0, 26.0), ("需人工审核", 12.0, 28.0), ("提示", 10.0, 26.0), ("未检查", 10.0, 26.0)],
        rows: per_rule
            .iter()
            .map(|(r, c)| vec![t(crate::rules::rule_label(r)), n(c[0] as f64), n(c[1] as f64), n(c[2] as f64), n(c[3] as f64)])
            .collect(),
        chart: None,
    });

    // 轮次
    let round_row = |label: &str, r: &[crate::judging::RoundGroup]| {
        let entries: Vec<_> = r.iter().flat_map(|g| &g.entries).collect();
        let complete = entries.iter().filter(|e| e.complete).count();
        let judges = entries.iter().map(|e| e.valid_judges).max().unwrap_or(0);
        vec![t(label), n(entries.len() as f64), n(complete as f64), n(judges as f64)]
    };
    parts.push(Part {
        title: "评审轮次",
        columns: vec![("轮次", 12.0, 40.0), ("参赛项目", 10.0, 30.0), ("评分完成", 10.0, 30.0), ("有效评委（最多）", 16.0, 40.0)],
        // The 复赛 only when it is held this season (rounds.semifinal).
        rows: {
            let mut rows = vec![round_row(Round::Preliminary.label(), &prelim)];
            if crate::settings::load(store)?.rounds.semifinal {
                rows.push(round_row(Round::Semifinal.label(), &crate::judging::ranking(store, Round::Semifinal)?));
            }
            rows.push(round_row(Round::Final.label(), &fin));
            rows
        },
        chart: None,
    });

    // 获奖与奖金
    let mut award_rows: Vec<Vec<Cell>> = awarded
        .iter()
        .map(|a| {
            vec![
                t(a.group_label.clone()),
                t(a.level_label.clone().unwrap_or_default()),
                t(a.project_no.clone()),
                t(a.project_name.clone()),
                t(a.entrant_name.clone()),
                n(a.cash_yuan.unwrap_or(0) as f64),
            ]
        })
        .collect();
    award_rows.push(vec![t("合计"), t(format!("{} 项", awarded.len())), t(""), t(""), t(""), n(cash as f64)]);
    parts.push(Part {
        title: "获奖与奖金",
        columns: vec![
            ("组别", 8.0, 16.0),
            ("奖项", 8.0, 16.0),
            ("项目编号", 16.0, 30.0),
            ("项目名称", 30.0, 50.0),
            ("参赛主体", 28.0, 40.0),
            ("奖金（元）", 12.0, 22.0),
        ],
        rows: award_rows,
        chart: None,
    });

    // 推荐与省赛结果
    parts.push(Part {
        title: "推荐省赛与省赛结果",
        columns: vec![("组别", 10.0, 24.0), ("项目编号", 16.0, 32.0), ("项目名称", 30.0, 64.0), ("市赛奖项", 10.0, 22.0), ("省赛结果", 12.0, 28.0)],
        rows: provincial
            .iter()
            .map(|p| {
                vec![
                    t(p.group_label.clone()),
                    t(p.project_no.clone()),
                    t(p.project_name.clone()),
                    t(p.prize.clone().unwrap_or_default()),
                    t(p.outcome_label.clone().unwrap_or_else(|| "未登记".into())),
                ]
            })
            .collect(),
        chart: None,
    });

    // 跟踪服务: per project
    let mut per_project: BTreeMap<String, (Option<String>, usize, String, f64)> = BTreeMap::new();
    for f in &followups {
        let p = per_project.entry(f.entry.clone()).or_insert((f.project_name.clone(), 0, String::new(), 0.0));
        p.1 += 1;
        p.2 = p.2.clone().max(f.date.clone());
        p.3 += f.amount_wan.unwrap_or(0.0);
    }
    let flag_of: HashMap<&str, &str> = flags.iter().map(|f| (f.entry.as_str(), f.flag_label.as_str())).collect();
    parts.push(Part {
        title: "跟踪服务",
        columns: vec![
            ("项目编号", 16.0, 32.0),
            ("项目名称", 30.0, 60.0),
            ("记录", 8.0, 16.0),
            ("最近一次", 12.0, 26.0),
            ("金额（万元）", 12.0, 24.0),
            ("标记", 10.0, 18.0),
        ],
        rows: per_project
            .iter()
            .map(|(no, (name, k, last, amount))| {
                vec![
                    t(no.clone()),
                    t(name.clone().unwrap_or_default()),
                    n(*k as f64),
                    t(last.clone()),
                    n(*amount),
                    t(flag_of.get(no.as_str()).copied().unwrap_or("")),
                ]
            })
            .collect(),
        chart: None,
    });
    Ok(parts)
}

/// 工作总结数据.xlsx: one sheet per part. Returns the number of sheets.
pub fn summary_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let parts = parts(store)?;
    let mut wb = Workbook::new();
    for p in &parts {
        let ws = wb.add_worksheet();
        ws.set_name(p.title.replace(['（', '）'], ""))?;
        let headers: Vec<(&str, f64)> = p.columns.iter().map(|(h, w, _)| (*h, *w)).collect();
        let mut table = Table::new(ws, &headers)?;
        for row in &p.rows {
            let cells: Vec<Value> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => Value::Text(Some(s.clone())),
                    Cell::Num(v) => Value::Num(Some(*v)),
                })
                .collect();
            table.row(&cells)?;
        }
    }
    wb.save(path)?;
    Ok(parts.len())
}

/// The same parts as a printable A4 document, with horizontal bar charts where the dashboard has them.
pub fn summary_pdf(store: &Store) -> Result<Vec<u8>> {
    let title = title(store)?;
    let parts = parts(store)?;
    let paper = Paper::A4Portrait;
    let width = paper.width() - 2.0 * MARGIN;
    let bottom = paper.height() - 18.0;
    let mut doc = Document::new(&title)?;
    doc.set_page_numbers(true);
    doc.new_page(paper);
    let mut y = 14.0;
    y += doc.paragraph(MARGIN, y, width, 16.0, Align::Center, &title)?;
    y += 4.0;
    let style = TableStyle { size: 9.5, header_size: 9.5, pad: 1.4, min_row: 6.5, bottom };
    let mut page = |doc: &mut Document| -> Result<f32> {
        doc.new_page(paper);
        Ok(16.0)
    };
    for p in &parts {
        // A heading never sits alone at a page's foot.
        if y + 30.0 > bottom {
            y = page(&mut doc)?;
        }
        y += doc.paragraph(MARGIN, y, width, 13.0, Align::Left, p.title)?;
        y += 2.0;
        if let Some(bars) = p.chart.as_ref().filter(|b| !b.is_empty()) {
            y = bar_chart(&mut doc, y, width, bars, bottom, &mut page)?;
            y += 3.0;
        }
        // Numbers centred, text from the left.
        let numeric = |i: usize| p.rows.first().is_some_and(|r| matches!(r.get(i), Some(Cell::Num(_))));
        let cols: Vec<Column> =
            p.columns.iter().enumerate().map(|(i, (h, _, w))| Column::new(h, *w, if numeric(i) { Align::Center } else { Align::Left })).collect();
        let rows: Vec<Vec<String>> = if p.rows.is_empty() {
            vec![p.columns.iter().enumerate().map(|(i, _)| if i == 0 { "（无）".to_string() } else { String::new() }).collect()]
        } else {
            p.rows.iter().map(|r| r.iter().map(Cell::shown).collect()).collect()
        };
        y = doc.table(MARGIN, y, &cols, &rows, &style, &mut page)? + 8.0;
    }
    doc.finish()
}

/// Horizontal bars, the twenty largest (the rest summed as 其他); returns the y below the chart.
fn bar_chart(
    doc: &mut Document,
    mut y: f32,
    width: f32,
    bars: &[(String, f64)],
    bottom: f32,
    page: &mut dyn FnMut(&mut Document) -> Result<f32>,
) -> Result<f32> {
    let mut shown: Vec<(String, f64)> = bars.iter().take(20).cloned().collect();
    let rest: f64 = bars.iter().skip(20).map(|b| b.1).sum();
    if rest > 0.0 {
        shown.push(("其他".into(), rest));
    }
    let max = shown.iter().map(|b| b.1).fold(0.0, f64::max).max(1.0);
    let (label_w, row_h, size) = (40.0, 6.0, 9.0);
    if y + row_h * shown.len() as f32 > bottom {
        y = page(doc)?;
    }
    for (label, v) in &shown {
        let label = if doc.metrics().text_width(label, size) > label_w - 2.0 {
            format!("{}…", label.chars().take(8).collect::<String>())
        } else {
            label.clone()
        };
        doc.text_in(MARGIN, label_w - 2.0, y + 4.2, size, Align::Right, &label)?;
        let w = ((width - label_w - 16.0) as f64 * v / max) as f32;
        doc.rect(MARGIN + label_w, y + 1.0, w.max(0.3), row_h - 2.0, Some(0.55))?;
        doc.text(MARGIN + label_w + w + 1.5, y + 4.2, size, &format!("{v:.0}"))?;
        y += row_h;
    }
    Ok(y)
}
