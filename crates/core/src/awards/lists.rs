//! The committee's lists (SPEC §6, §8): the award list, the 公示名单 (no personal data), the
//! provincial recommendation list, organizing-unit statistics — xlsx with rust_xlsxwriter and
//! printable PDFs — and the 评分汇总表 sign-off sheet for the judges, the supervisor and the notary.
use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::{awards, recommendation, unit_stats, Award};
use crate::error::{CoreError, Result};
use crate::xlsx::{Table, Value};
use crate::judging::{self};
use crate::model::{Group, Round};
use crate::pdf::{self, Align, Column, Document, Paper, TableStyle, MARGIN};
use crate::settings;
use crate::store::Store;

fn text(s: impl Into<String>) -> Value {
    Value::Text(Some(s.into()))
}

fn opt(s: &Option<String>) -> Value {
    Value::Text(s.clone())
}

/// Awards with a level, in group and rank order; pending ones are not published.
fn settled(store: &Store) -> Result<Vec<Award>> {
    let list = awards(store)?;
    let mut v: Vec<Award> = list.awards.into_iter().filter(|a| a.level.is_some()).collect();
    v.sort_by_key(|a| (a.group != Group::Enterprise, a.level, a.rank));
    Ok(v)
}

/// 获奖名单 (the secretariat's working list: levels, scores, cash, the no-cash reason, pending ones).
pub fn awards_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let list = awards(store)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("获奖名单")?;
    let mut t = Table::new(
        ws,
        &[
            ("组别", 8.0),
            ("奖项", 8.0),
            ("名次", 6.0),
            ("项目编号", 16.0),
            ("项目名称", 32.0),
            ("参赛主体", 28.0),
            ("推荐单位", 20.0),
            ("得分", 9.0),
            ("奖金（元）", 10.0),
            ("不发奖金原因", 30.0),
            ("证书编号", 18.0),
            ("待决定", 40.0),
        ],
    )?;
    for a in &list.awards {
        t.row(&[
            text(a.group_label.clone()),
            opt(&a.level_label),
            Value::Int(a.rank.map(i64::from)),
            text(a.project_no.clone()),
            text(a.project_name.clone()),
            text(a.entrant_name.clone()),
            opt(&a.unit),
            Value::Num(a.score_display.as_deref().and_then(|s| s.parse().ok())),
            Value::Int(a.cash_yuan),
            opt(&a.no_cash_reason),
            opt(&a.certificate_no),
            opt(&a.pending_reason),
        ])?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("合计")?;
    let mut t = Table::new(ws, &[("组别", 10.0), ("奖项", 10.0), ("项目数", 8.0), ("奖金合计（元）", 14.0)])?;
    let mut all = 0;
    for s in &list.totals {
        all += s.cash_yuan;
        t.row(&[text(s.group_label.clone()), text(s.level_label.clone()), Value::Int(Some(s.count as i64)), Value::Int(Some(s.cash_yuan))])?;
    }
    t.row(&[text("总计"), Value::Text(None), Value::Int(Some(list.totals.iter().map(|s| s.count as i64).sum())), Value::Int(Some(all))])?;
    wb.save(path)?;
    Ok(list.awards.len())
}

fn publicity_rows(store: &Store) -> Result<Vec<Vec<String>>> {
    Ok(settled(store)?
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                a.group_label.clone(),
                a.level_label.clone().unwrap_or_default(),
                a.project_name.clone(),
                a.entrant_name.clone(),
            ]
        })
        .collect())
}

/// 公示名单: group, prize, project, entrant — nothing else, no personal data.
pub fn publicity_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let rows = publicity_rows(store)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("公示名单")?;
    let mut t = Table::new(ws, &[("序号", 6.0), ("组别", 8.0), ("奖项", 8.0), ("项目名称", 40.0), ("参赛主体", 36.0)])?;
    for r in &rows {
        t.row(&[Value::Int(r[0].parse().ok()), text(r[1].clone()), text(r[2].clone()), text(r[3].clone()), text(r[4].clone())])?;
    }
    wb.save(path)?;
    Ok(rows.len())
}

pub fn publicity_pdf(store: &Store) -> Result<Vec<u8>> {
    let settings = settings::load(store)?;
    let rows = publicity_rows(store)?;
    if rows.is_empty() {
        return Err(CoreError::precondition("还没有确定的获奖项目，无法生成公示名单。"));
    }
    pdf::table_document(
        &format!("{}获奖项目公示名单", settings.contest_name),
        &format!("{}　共 {} 项", settings.organizer, rows.len()),
        &[("序号", 12.0), ("组别", 18.0), ("奖项", 18.0), ("项目名称", 72.0), ("参赛主体", 60.0)],
        &rows,
        false,
    )
}

/// 推荐参加省赛项目表 (DOMAIN §5 columns). The contact phone is in full: the list goes to the
/// provincial department, not to the public.
pub fn recommendation_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let rec = recommendation(store)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("推荐项目表")?;
    let mut t = Table::new(
        ws,
        &[
            ("序号", 6.0),
            ("组别", 8.0),
            ("项目名称", 32.0),
            ("参赛主体", 28.0),
            ("统一社会信用代码", 22.0),
            ("所属领域", 14.0),
            ("所在县区", 12.0),
            ("市赛奖项", 10.0),
            ("市赛得分", 10.0),
            ("排名", 6.0),
            ("负责人", 10.0),
            ("手机", 14.0),
            ("推荐单位意见", 24.0),
            ("备注", 30.0),
        ],
    )?;
    let mut n = 0;
    for e in rec.entries.iter().filter(|e| e.included) {
        n += 1;
        t.row(&[
            Value::Int(Some(n)),
            text(e.group_label.clone()),
            text(e.project_name.clone()),
            text(e.entrant_name.clone()),
            if e.group == Some(Group::Enterprise) { opt(&e.credit_code) } else { Value::Text(None) },
            opt(&e.field),
            opt(&e.county),
            opt(&e.prize),
            Value::Num(e.score_display.as_deref().and_then(|s| s.parse().ok())),
            Value::Int(e.rank.map(i64::from)),
            opt(&e.leader_name),
            opt(&e.leader_phone),
            Value::Text(None),
            Value::Text(if e.manual { Some(format!("人工调整：{}", e.reason)) } else { None }),
        ])?;
    }
    wb.save(path)?;
    Ok(n as usize)
}

/// The printable recommendation list; phones masked on paper (it may be passed around).
pub fn recommendation_pdf(store: &Store) -> Result<Vec<u8>> {
    let settings = settings::load(store)?;
    let rec = recommendation(store)?;
    let rows: Vec<Vec<String>> = rec
        .entries
        .iter()
        .filter(|e| e.included)
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                e.group_label.clone(),
                e.project_name.clone(),
                e.entrant_name.clone(),
                if e.group == Some(Group::Enterprise) { e.credit_code.clone().unwrap_or_default() } else { String::new() },
                e.county.clone().unwrap_or_default(),
                e.prize.clone().unwrap_or_default(),
                e.score_display.clone().unwrap_or_default(),
                e.leader_name.clone().unwrap_or_default(),
                e.leader_phone.as_deref().map(crate::import::cells::mask_phone).unwrap_or_default(),
                String::new(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return Err(CoreError::precondition("推荐名单为空：请先完成决赛评分，或在设置中填写推荐名额。"));
    }
    pdf::table_document(
        &format!("{}推荐参加省赛项目表", settings.contest_name),
        &format!("推荐单位：{}（盖章）", settings.organizer),
        &[
            ("序号", 10.0),
            ("组别", 14.0),
            ("项目名称", 50.0),
            ("参赛主体", 44.0),
            ("信用代码", 38.0),
            ("县区", 16.0),
            ("奖项", 14.0),
            ("得分", 14.0),
            ("负责人", 16.0),
            ("手机", 24.0),
            ("推荐意见", 26.0),
        ],
        &rows,
        true,
    )
}

/// 组织单位统计 (for 优秀组织单位奖).
pub fn units_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let stats = unit_stats(store)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("组织单位统计")?;
    let mut t = Table::new(
        ws,
        &[
            ("排名", 6.0),
            ("组织单位", 30.0),
            ("报名项目", 9.0),
            ("有效项目", 9.0),
            ("进入决赛", 9.0),
            ("获奖", 6.0),
            ("一等奖", 7.0),
            ("二等奖", 7.0),
            ("三等奖", 7.0),
            ("优胜奖", 7.0),
            ("优秀组织单位", 12.0),
            ("评选理由", 30.0),
        ],
    )?;
    for s in &stats {
        let n = |x: usize| Value::Int(Some(x as i64));
        t.row(&[
            Value::Int(Some(i64::from(s.rank))),
            text(s.unit.clone()),
            n(s.entries),
            n(s.valid),
            n(s.finalists),
            n(s.awards),
            n(s.first),
            n(s.second),
            n(s.third),
            n(s.excellence),
            text(if s.chosen { "是" } else { "" }),
            opt(&s.chosen_reason),
        ])?;
    }
    wb.save(path)?;
    Ok(stats.len())
}

/// 评分汇总表: per group of the final, every judge's total per entry (dropped ones marked), the
/// final score and the prize, then signature lines for the judges, the supervisor and the notary.
pub fn signoff_pdf(store: &Store) -> Result<Vec<u8>> {
    let settings = settings::load(store)?;
    let ranking = judging::ranking(store, Round::Final)?;
    let list = awards(store)?;
    if ranking.is_empty() {
        return Err(CoreError::precondition("还没有决赛项目，无法生成评分汇总表。"));
    }
    // The audit chain's head as signed: `saiwu audit verify --head` checks it later (docs/AUDIT.md).
    let chain = crate::store::audit::chain_head(store.conn())?;
    let chain_line = format!("审计链：{}（前 16 位）　共 {} 条", chain.short(), chain.count);
    let paper = Paper::A4Landscape;
    let mut doc = Document::new("评分汇总表")?;
    let title = format!("{}决赛评分汇总表", settings.contest_name);
    for g in &ranking {
        // Judges in sheet order, from the first complete score card.
        let judges: Vec<String> =
            g.entries.iter().find(|e| e.complete).map(|e| e.detail.card.lines.iter().map(|l| l.judge_name.clone()).collect()).unwrap_or_default();
        let avail = paper.width() - 2.0 * MARGIN;
        let fixed = 12.0 + 30.0 + 62.0 + 22.0 + 18.0;
        let jw = if judges.is_empty() { 0.0 } else { ((avail - fixed) / judges.len() as f32).clamp(12.0, 24.0) };
        let mut cols =
            vec![Column::new("名次", 12.0, Align::Center), Column::new("项目编号", 30.0, Align::Left), Column::new("项目名称", 62.0, Align::Left)];
        cols.extend(judges.iter().map(|j| Column::new(j, jw, Align::Center)));
        cols.push(Column::new("最终得分", 22.0, Align::Center));
        cols.push(Column::new("奖项", 18.0, Align::Center));
        let rows: Vec<Vec<String>> = g
            .entries
            .iter()
            .map(|e| {
                let mut r = vec![e.rank.map(|x| x.to_string()).unwrap_or_else(|| "—".into()), e.project_no.clone(), e.project_name.clone()];
                for j in &judges {
                    let cell = e.detail.card.lines.iter().find(|l| &l.judge_name == j).map(|l| {
                        let dropped = l.status_label.contains("去掉");
                        format!("{}{}", l.total_display, if dropped { "*" } else { "" })
                    });
                    r.push(cell.unwrap_or_default());
                }
                r.push(e.score_display.clone().unwrap_or_else(|| "未完成".into()));
                r.push(list.awards.iter().find(|a| a.key == e.key).and_then(|a| a.level_label.clone()).unwrap_or_default());
                r
            })
            .collect();
        let total: f32 = cols.iter().map(|c| c.width).sum();
        let x = (paper.width() - total) / 2.0;
        let style = TableStyle { size: 9.0, header_size: 9.0, pad: 1.4, min_row: 7.0, bottom: paper.height() - 48.0 };
        let label = g.label.clone();
        let mut page = |d: &mut Document| -> Result<f32> {
            d.new_page(paper);
            d.text_centered(MARGIN + 6.0, 16.0, &title)?;
            d.text_centered(MARGIN + 14.0, 11.0, &format!("{label}　（* 为按规则去掉的最高分或最低分）"))?;
            Ok(MARGIN + 22.0)
        };
        let y = page(&mut doc)?;
        let y = doc.table(x, y, &cols, &rows, &style, &mut page)?;
        // Signatures under the table (they fit: the table stops 48 mm above the page's bottom).
        let y = y + 10.0;
        doc.text(MARGIN, y, 11.0, &format!("评委签字：{}", "＿＿＿＿　".repeat(judges.len().max(5))))?;
        doc.text(MARGIN, y + 12.0, 11.0, "监督人签字：＿＿＿＿＿＿＿＿　　公证员签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日")?;
        doc.text(MARGIN, y + 22.0, 9.0, &chain_line)?;
    }
    doc.finish()
}
