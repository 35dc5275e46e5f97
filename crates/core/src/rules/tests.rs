//! One test per rule and outcome, including the edges the notice makes hard.
use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate};

use super::*;
use crate::model::Person;
use crate::model::Source;
use crate::reference::RefRow;

fn base() -> Entry {
    Entry {
        project_no: Some("CZ2026-00001".into()),
        group: Some(Group::Enterprise),
        kind: Kind::Company,
        project_name: Some("智能巡检机器人".into()),
        field: None,
        entrant_name: Some("长治市智巡科技有限公司".into()),
        credit_code: Some("91140403MA0K7Q2D3L".into()),
        founded_on: NaiveDate::from_ymd_opt(2018, 5, 20),
        address: Some("山西省长治市潞州区英雄南路1号".into()),
        county: None,
        industry: Some("制造业".into()),
        employees: Some(80),
        revenue_wan: Some(1200.0),
        assets_wan: None,
        on_market: Some(true),
        ip_summary: Some("发明专利2项".into()),
        ip_holder: Some("长治市智巡科技有限公司".into()),
        ip_dispute: Some(false),
        dishonesty_declared: Some(false),
        members: vec![],
        leader: None,
        unit: None,
        registered_at: DateTime::parse_from_rfc3339("2026-07-01T10:00:00+08:00").ok(),
        site_status: Some("审核通过".into()),
        source: Source { file: "a.xlsx".into(), sheet: "报名项目".into(), row: 5 },
        extra: BTreeMap::new(),
    }
}

fn team(no: &str, members: &[(&str, Option<&str>, Option<&str>)]) -> Entry {
    let mut e = base();
    e.project_no = Some(no.into());
    e.group = Some(Group::Startup);
    e.kind = Kind::Team;
    e.credit_code = None;
    e.entrant_name = Some(format!("{no}团队"));
    e.members =
        members.iter().map(|(n, id, p)| Person { name: Some(n.to_string()), id_number: id.map(Into::into), phone: p.map(Into::into) }).collect();
    e
}

fn settings() -> Settings {
    Settings::default()
}

fn o(f: Finding) -> Outcome {
    f.outcome
}

#[test]
fn r01_status() {
    let mut e = base();
    assert_eq!(o(r01_site_status(&e, true)), Outcome::Pass);
    e.site_status = Some("未通过".into());
    assert_eq!(o(r01_site_status(&e, true)), Outcome::Fail);
    e.site_status = Some("待审核".into());
    assert_eq!(o(r01_site_status(&e, true)), Outcome::Review);
    e.site_status = None;
    assert_eq!(o(r01_site_status(&e, true)), Outcome::Review);
    assert_eq!(o(r01_site_status(&e, false)), Outcome::Unchecked);
}

#[test]
fn r02_deadline_is_end_of_day_beijing_time() {
    let s = settings();
    let mut e = base();
    e.registered_at = DateTime::parse_from_rfc3339("2026-07-10T23:59:59+08:00").ok();
    assert_eq!(o(r02_deadline(&e, true, &s)), Outcome::Pass);
    e.registered_at = DateTime::parse_from_rfc3339("2026-07-11T00:00:00+08:00").ok();
    let f = r02_deadline(&e, true, &s);
    assert_eq!(f.outcome, Outcome::Fail);
    assert!(f.message.contains("2026-07-11 00:00:00") && f.message.contains("2026-07-10"), "{}", f.message);
    // 16:00 UTC on the 10th is midnight in Beijing: already late.
    e.registered_at = DateTime::parse_from_rfc3339("2026-07-10T16:00:00+00:00").ok();
    assert_eq!(o(r02_deadline(&e, true, &s)), Outcome::Fail);
    e.registered_at = None;
    assert_eq!(o(r02_deadline(&e, true, &s)), Outcome::Review);
    assert_eq!(o(r02_deadline(&e, false, &s)), Outcome::Unchecked);
}

#[test]
fn r04_decision_table() {
    let mut e = base();
    assert_eq!(o(region::r04_registered_in_changzhi(&e, true, true)), Outcome::Pass);
    e.credit_code = Some("91140000MA0K7Q2D3L".into()); // provincial registration, address in 长治
    let f = region::r04_registered_in_changzhi(&e, true, true);
    assert_eq!(f.outcome, Outcome::Pass);
    assert!(f.message.contains("以地址为准"));
    e.address = Some("山西省太原市小店区".into());
    assert_eq!(o(region::r04_registered_in_changzhi(&e, true, true)), Outcome::Fail);
    e.credit_code = Some("91140402MA0K7Q2D3L".into()); // pre-2018 城区 code
    assert_eq!(o(region::r04_registered_in_changzhi(&e, true, true)), Outcome::Review);
    e.address = None;
    assert_eq!(o(region::r04_registered_in_changzhi(&e, true, true)), Outcome::Review);
    e.credit_code = None;
    assert_eq!(o(region::r04_registered_in_changzhi(&e, true, true)), Outcome::Fail);
    for old in ["140402", "140411", "140421", "140424", "140481", "140491"] {
        let mut e = base();
        e.credit_code = Some(format!("91{old}MA0K7Q2D3L"));
        e.address = None;
        assert_eq!(o(region::r04_registered_in_changzhi(&e, true, true)), Outcome::Review, "{old}: code alone supports, never proves");
    }
    assert_eq!(o(region::r04_registered_in_changzhi(&base(), false, false)), Outcome::Unchecked);
}

#[test]
fn r06_on_market_outcomes() {
    let mut e = base();
    assert_eq!(o(r06_on_market(&e, true)), Outcome::Pass);
    e.on_market = Some(false);
    assert_eq!(o(r06_on_market(&e, true)), Outcome::Fail);
    e.on_market = None;
    assert_eq!(o(r06_on_market(&e, true)), Outcome::Review);
    assert_eq!(o(r06_on_market(&e, false)), Outcome::Unchecked);
}

#[test]
fn r07_ip_of_the_entrant() {
    let mut e = base();
    assert_eq!(o(r07_ip_enterprise(&e, true, true)), Outcome::Pass);
    e.ip_holder = Some("长治市智巡科技有限责任公司".into()); // same entrant, other legal-form suffix
    assert_eq!(o(r07_ip_enterprise(&e, true, true)), Outcome::Pass);
    e.ip_holder = Some("太原理工大学".into());
    assert_eq!(o(r07_ip_enterprise(&e, true, true)), Outcome::Review);
    e.ip_dispute = Some(true);
    assert_eq!(o(r07_ip_enterprise(&e, true, true)), Outcome::Fail);
    let mut e = base();
    e.ip_summary = Some("无".into());
    assert_eq!(o(r07_ip_enterprise(&e, true, true)), Outcome::Fail);
    assert_eq!(o(r07_ip_enterprise(&e, false, false)), Outcome::Unchecked);
}

#[test]
fn r08_ip_of_the_team() {
    let mut e = team("CZ2026-00100", &[("张三", None, None), ("李四", None, None)]);
    e.ip_holder = Some("张三".into());
    assert_eq!(o(r08_ip_startup(&e, true, true)), Outcome::Pass);
    e.ip_holder = Some("某某大学".into());
    assert_eq!(o(r08_ip_startup(&e, true, true)), Outcome::Review);
    e.ip_dispute = Some(true);
    assert_eq!(o(r08_ip_startup(&e, true, true)), Outcome::Fail);
    assert_eq!(o(r08_ip_startup(&e, false, false)), Outcome::Unchecked);
}

#[test]
fn r09_self_declared_dishonesty() {
    let mut e = base();
    e.dishonesty_declared = Some(true);
    assert_eq!(o(r09_dishonesty(&e, None)), Outcome::Fail);
    e.dishonesty_declared = Some(false);
    let f = r09_dishonesty(&e, None);
    assert_eq!(f.outcome, Outcome::Unchecked, "without the list it is never passed silently");
    assert!(f.message.contains("失信名单"));
}

#[test]
fn r10_two_year_boundary_is_day_exact() {
    let s = settings(); // reference date 2026-07-10
    let mut e = base();
    e.group = Some(Group::Startup);
    e.founded_on = NaiveDate::from_ymd_opt(2024, 7, 10);
    let f = r10_startup_age(&e, true, &s);
    assert_eq!(f.outcome, Outcome::Fail, "2 years exactly on the reference date is not 不满2年");
    assert!(f.message.contains("2024-07-10") && f.message.contains("2026-07-10") && f.message.contains("企业组"), "{}", f.message);
    e.founded_on = NaiveDate::from_ymd_opt(2024, 7, 11);
    assert_eq!(o(r10_startup_age(&e, true, &s)), Outcome::Pass);
    e.founded_on = NaiveDate::from_ymd_opt(2023, 12, 31);
    assert_eq!(o(r10_startup_age(&e, true, &s)), Outcome::Fail, "before 2024-01-01");
    e.founded_on = None;
    assert_eq!(o(r10_startup_age(&e, true, &s)), Outcome::Review);
    assert_eq!(o(r10_startup_age(&e, false, &s)), Outcome::Unchecked);
    // 29 February: the anniversary is 28 February.
    assert_eq!(second_anniversary(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    let mut s2 = settings();
    s2.reference_date = NaiveDate::from_ymd_opt(2026, 2, 27).unwrap();
    e.founded_on = NaiveDate::from_ymd_opt(2024, 2, 29);
    assert_eq!(o(r10_startup_age(&e, true, &s2)), Outcome::Pass);
    s2.reference_date = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
    assert_eq!(o(r10_startup_age(&e, true, &s2)), Outcome::Fail);
}

#[test]
fn r11_who_may_enter_which_group() {
    let s = settings();
    let mut e = base();
    assert_eq!(o(r11_group_fit(&e, &s)), Outcome::Pass);
    e.credit_code = Some("92140403MA0K7Q2D3L".into());
    let f = r11_group_fit(&e, &s);
    assert_eq!(f.outcome, Outcome::Review, "个体工商户 → REVIEW by default");
    assert!(f.message.contains("个体工商户"));
    let mut strict = settings();
    strict.individual_business_in_enterprise_group = "refuse".into();
    assert_eq!(o(r11_group_fit(&e, &strict)), Outcome::Fail);
    strict.individual_business_in_enterprise_group = "allow".into();
    assert_eq!(o(r11_group_fit(&e, &strict)), Outcome::Pass);
    let mut t = team("CZ2026-00100", &[("张三", None, None)]);
    t.group = Some(Group::Enterprise);
    assert_eq!(o(r11_group_fit(&t, &s)), Outcome::Fail);
    t.group = Some(Group::Startup);
    assert_eq!(o(r11_group_fit(&t, &s)), Outcome::Pass);
    t.group = None;
    assert_eq!(o(r11_group_fit(&t, &s)), Outcome::Review);
}

fn run_ctx(entries: &[Entry]) -> Vec<Vec<Finding>> {
    let s = settings();
    let fields: HashSet<String> = ["site_status", "registered_at"].iter().map(|s| s.to_string()).collect();
    let keys: Vec<String> = entries.iter().map(|e| format!("no:{}", e.project_no.clone().unwrap_or_default())).collect();
    let inputs: Vec<EntryInput> = entries.iter().zip(&keys).map(|(e, k)| EntryInput { key: k, entry: e, fields: &fields, problems: &[] }).collect();
    let refs = References::default();
    let ctx = Context::new(&s, &refs, &inputs);
    inputs.iter().map(|i| check_entry(i, &ctx)).collect()
}

fn rule<'a>(fs: &'a [Finding], id: &str) -> &'a Finding {
    fs.iter().find(|f| f.rule == id).unwrap_or_else(|| panic!("no {id} in {fs:?}"))
}

#[test]
fn r12_a_person_in_two_teams() {
    let a = team("CZ2026-00101", &[("张三", Some("11010519491231002X"), None), ("李四", None, None)]);
    let b = team("CZ2026-00102", &[("王五", None, None), ("张三", Some("11010519491231002X"), None)]);
    let c = team("CZ2026-00103", &[("李四", None, Some("13800000000"))]);
    let d = team("CZ2026-00104", &[("赵六", None, Some("13900000000"))]);
    let e = team("CZ2026-00105", &[("赵六", None, Some("13900000000"))]);
    let r = run_ctx(&[a, b, c, d, e]);
    let f = rule(&r[0], "R12");
    assert_eq!(f.outcome, Outcome::Review);
    assert!(f.message.contains("CZ2026-00102"), "{}", f.message);
    assert_eq!(rule(&r[1], "R12").outcome, Outcome::Review, "every entry involved");
    assert_eq!(rule(&r[2], "R12").outcome, Outcome::Warn, "same name alone");
    assert_eq!(rule(&r[3], "R12").outcome, Outcome::Review, "same name and phone");
    assert_eq!(verdict_of(&r[0]), Verdict::Review);
}

#[test]
fn r13_seven_names_on_the_certificate() {
    let names: Vec<(&str, Option<&str>, Option<&str>)> = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"].iter().map(|n| (*n, None, None)).collect();
    assert_eq!(o(r13_certificate_names(&team("X", &names[..7]))), Outcome::Pass);
    let f = r13_certificate_names(&team("X", &names));
    assert_eq!(f.outcome, Outcome::Warn);
    assert!(f.message.contains('8'));
}

#[test]
fn r14_names_the_cell() {
    let p = Problem {
        file: "a.xlsx".into(),
        sheet: "报名项目".into(),
        row: Some(9),
        column: Some("U 负责人身份证号".into()),
        code: "ID_DAMAGED".into(),
        message: "身份证号被 Excel 存成了数字".into(),
        hint: String::new(),
        project_no: None,
        severity: "error".into(),
    };
    let f = r14_data_validity(std::slice::from_ref(&p));
    assert_eq!(f.outcome, Outcome::Review);
    assert!(f.message.contains("第9行") && f.message.contains("U 负责人身份证号"));
    assert_eq!(o(r14_data_validity(&[])), Outcome::Pass);
    let mut other = p;
    other.code = "PHONE_FORMAT".into();
    assert_eq!(o(r14_data_validity(&[other])), Outcome::Pass);
}

#[test]
fn r15_same_code_similar_project() {
    let a = base();
    let mut b = base();
    b.project_no = Some("CZ2026-00002".into());
    b.project_name = Some("智能巡检机器人研发".into());
    let mut c = base();
    c.project_no = Some("CZ2026-00003".into());
    c.project_name = Some("中药材溯源平台".into());
    let r = run_ctx(&[a, b, c]);
    assert_eq!(rule(&r[0], "R15").outcome, Outcome::Review);
    assert!(rule(&r[0], "R15").message.contains("CZ2026-00002"));
    assert_eq!(rule(&r[2], "R15").outcome, Outcome::Pass, "a clearly different project of the same company");
}

#[test]
fn verdicts_and_unchecked_rules() {
    let r = run_ctx(&[base()]);
    assert_eq!(verdict_of(&r[0]), Verdict::Eligible);
    assert_eq!(rule(&r[0], "R03").outcome, Outcome::Unchecked);
    assert_eq!(rule(&r[0], "R16").outcome, Outcome::Unchecked);
    let mut late = base();
    late.registered_at = DateTime::parse_from_rfc3339("2026-07-12T08:00:00+08:00").ok();
    late.on_market = None;
    let r = run_ctx(&[late]);
    assert_eq!(verdict_of(&r[0]), Verdict::Ineligible, "a FAIL beats a REVIEW");
}

fn refrow(pairs: &[(&str, serde_json::Value)]) -> RefRow {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn ctx_with<'a>(s: &'a Settings, refs: &'a References) -> Context<'a> {
    Context::new(s, refs, &[])
}

#[test]
fn r03_provincial_winners_of_the_last_three_editions() {
    use serde_json::json;
    let s = settings(); // year 2026 → 2023–2025
    let e = base();
    let list = |y: i64, entrant: &str, code: Option<&str>, project: &str| {
        refrow(&[
            ("year", json!(y)),
            ("entrant_name", json!(entrant)),
            ("credit_code", json!(code)),
            ("project_name", json!(project)),
            ("prize", json!("三等奖")),
        ])
    };
    let run = |rows: Vec<RefRow>| {
        let refs = References { provincial_winners: Some(rows), ..Default::default() };
        r03_provincial_winners(&e, &ctx_with(&s, &refs))
    };
    // Same entrant (by code), same project → FAIL naming the record.
    let f = run(vec![list(2025, "别的名字有限公司", Some("91140403MA0K7Q2D3L"), "智能巡检机器人")]);
    assert_eq!(f.outcome, Outcome::Fail);
    assert!(f.message.contains("2025年") && f.message.contains("三等奖"), "{}", f.message);
    // Same entrant by name, similar project → REVIEW.
    assert_eq!(run(vec![list(2024, "长治市智巡科技有限责任公司", None, "智能巡检机器人研发及产业化")]).outcome, Outcome::Review);
    // Another entrant, same project → REVIEW.
    assert_eq!(run(vec![list(2023, "太原某某有限公司", Some("91140100MA0000000X"), "智能巡检机器人")]).outcome, Outcome::Review);
    // Same entrant, clearly different project → WARN.
    assert_eq!(run(vec![list(2025, "长治市智巡科技有限公司", Some("91140403MA0K7Q2D3L"), "中药材溯源平台")]).outcome, Outcome::Warn);
    // Outside the window (2022, or this year) → PASS.
    assert_eq!(run(vec![list(2022, "长治市智巡科技有限公司", Some("91140403MA0K7Q2D3L"), "智能巡检机器人")]).outcome, Outcome::Pass);
    assert_eq!(run(vec![list(2026, "长治市智巡科技有限公司", Some("91140403MA0K7Q2D3L"), "智能巡检机器人")]).outcome, Outcome::Pass);
    assert_eq!(run(vec![]).outcome, Outcome::Pass);
    let refs = References::default();
    assert_eq!(r03_provincial_winners(&e, &ctx_with(&s, &refs)).outcome, Outcome::Unchecked);
}

#[test]
fn r09_dishonesty_list_by_code_id_and_name() {
    use serde_json::json;
    let mut e = team("CZ2026-00100", &[("张三", Some("11010519491231002X"), None), ("李四", None, None)]);
    e.dishonesty_declared = Some(false);
    let by_id = vec![refrow(&[("name", json!("张三")), ("code", json!("11010519491231002X")), ("date", json!("2025-03-01"))])];
    let f = r09_dishonesty(&e, Some(&by_id));
    assert_eq!(f.outcome, Outcome::Fail);
    assert!(f.message.contains("张三") && f.message.contains("2025-03-01"));
    let by_name = vec![refrow(&[("name", json!("李四")), ("code", json!(null))])];
    assert_eq!(r09_dishonesty(&e, Some(&by_name)).outcome, Outcome::Review);
    let c = base();
    let by_code = vec![refrow(&[("name", json!("某公司")), ("code", json!("91140403MA0K7Q2D3L"))])];
    assert_eq!(r09_dishonesty(&c, Some(&by_code)).outcome, Outcome::Fail);
    assert_eq!(r09_dishonesty(&c, Some(&[])).outcome, Outcome::Pass);
}

#[test]
fn r16_other_municipal_award_means_no_second_cash() {
    use serde_json::json;
    let e = base();
    let list = vec![refrow(&[
        ("contest", json!("长治市科技创新大赛")),
        ("entrant_name", json!("长治市智巡科技有限公司")),
        ("project_name", json!("智能巡检机器人")),
        ("prize", json!("二等奖")),
    ])];
    let f = r16_other_awards(&e, Some(&list));
    assert_eq!(f.outcome, Outcome::Warn);
    assert!(f.message.contains("不再重复资金奖励") && f.message.contains("长治市科技创新大赛"));
    assert_eq!(r16_other_awards(&e, Some(&[])).outcome, Outcome::Pass);
    assert_eq!(r16_other_awards(&e, None).outcome, Outcome::Unchecked);
}

#[test]
fn similarity_of_normalised_names_is_name_similarity() {
    let names = [
        "智能巡检机器人",
        "智能巡检机器人研发及产业化",
        "中药材溯源平台",
        "长治市智巡科技有限公司",
        "长治市 智巡科技 有限责任公司",
        "ＡＢＣ科技公司",
        "平台",
        "",
    ];
    for a in names {
        for b in names {
            assert_eq!(similarity_of_keys(&name_key(a), &name_key(b)), name_similarity(a, b), "{a} / {b}");
        }
    }
    // The lists' cached keys are the same normalisation.
    let mut row = RefRow::new();
    row.insert("project_name".into(), "长治市 智巡科技 有限责任公司".into());
    let refs = References { other_awards: Some(vec![row]), ..Default::default() };
    let cached = refs.indexes().awards.project.keys[0].as_ref().map(|k| k.key.to_string());
    assert_eq!(cached, Some(name_key("长治市 智巡科技 有限责任公司")));
    // The bound only skips pairs below the threshold: at or above it the value is exact.
    for a in names {
        for b in names {
            let exact = name_similarity(a, b);
            for min in [0.6, 0.9] {
                let got = similarity_at_least(&Named::owned(a), &Named::owned(b), min);
                if exact >= min {
                    assert_eq!(got, exact, "{a} / {b}");
                } else {
                    assert!(got < min, "{a} / {b}: {got}");
                }
            }
        }
    }
}

/// The reference-list rules as they were before the lists were indexed: every entry compared with
/// every row. The indexed rules must give exactly the same findings.
mod scan {
    use super::*;

    fn key(t: &str) -> Named<'static> {
        Named::owned(t)
    }

    pub fn r03(e: &Entry, year: i32, list: &[RefRow]) -> Finding {
        let (from, to) = (year - 3, year - 1);
        let project = e.project_name.clone().unwrap_or_default();
        let project_key = Named::owned(&project);
        let entrant_key = e.entrant_name.as_deref().map(Named::owned);
        let mut worst: Option<(Outcome, String)> = None;
        let mut consider = |o: Outcome, m: String| {
            if worst.as_ref().map(|(w, _)| o > *w).unwrap_or(true) {
                worst = Some((o, m));
            }
        };
        let mut in_window = 0;
        for w in list {
            let y = w.get("year").and_then(|v| v.as_i64());
            if let Some(y) = y {
                if y < from as i64 || y > to as i64 {
                    continue;
                }
            }
            in_window += 1;
            let wp = ref_text(w, "project_name").unwrap_or("");
            let sim = if wp.is_empty() || project.is_empty() { 0.0 } else { similarity_at_least(&key(wp), &project_key, 0.6) };
            let record = || {
                format!(
                    "{}年 {}“{}”（{}）",
                    y.map(|y| y.to_string()).unwrap_or_else(|| "年份不详".into()),
                    ref_text(w, "entrant_name").unwrap_or("?"),
                    wp,
                    ref_text(w, "prize").unwrap_or("获奖")
                )
            };
            let listed = ref_text(w, "entrant_name").map(key);
            let entrant = same_entrant(e, entrant_key.as_ref(), listed.as_ref(), ref_text(w, "credit_code"));
            match (entrant, sim >= 0.9, sim >= 0.6) {
                (true, true, _) => {
                    consider(Outcome::Fail, format!("近三届省赛获奖项目不得重复报名：省赛获奖记录 {}，与本项目为同一参赛主体、同一项目", record()))
                }
                (true, false, true) => consider(
                    Outcome::Review,
                    format!("同一参赛主体曾获省赛奖项，项目名称相似（{:.0}%）：{}，请核实是否为同一项目", sim * 100.0, record()),
                ),
                (false, _, true) => {
                    consider(Outcome::Review, format!("项目名称与省赛获奖项目相似（{:.0}%）：{}，参赛主体不同，请核实", sim * 100.0, record()))
                }
                (true, false, false) => consider(Outcome::Warn, format!("同一参赛主体曾获省赛奖项，但项目明显不同：{}", record())),
                _ => {}
            }
        }
        match worst {
            Some((o, m)) => finding("R03", o, m),
            None => finding("R03", Outcome::Pass, format!("未出现在{from}–{to}年省赛获奖名单中（共 {in_window} 条记录）")),
        }
    }

    pub fn r09(e: &Entry, list: &[RefRow]) -> Finding {
        if e.dishonesty_declared == Some(true) {
            return finding("R09", Outcome::Fail, "报名表自报存在失信记录");
        }
        let people: Vec<&Person> = e.members.iter().chain(e.leader.iter()).collect();
        let entrant_key = e.entrant_name.as_deref().map(name_key);
        let mut review = None;
        for r in list {
            let code = ref_text(r, "code");
            let name = ref_text(r, "name");
            let when = || ref_text(r, "date").map(|d| format!("，列入日期 {d}")).unwrap_or_default();
            let source = || ref_text(r, "source").map(|s| format!("，来源：{s}")).unwrap_or_default();
            if let Some(c) = code {
                if e.credit_code.as_deref() == Some(c) {
                    return finding(
                        "R09",
                        Outcome::Fail,
                        format!("统一社会信用代码 {c} 在失信名单中（{}{}{}）", name.unwrap_or(""), when(), source()),
                    );
                }
                if let Some(p) = people.iter().find(|p| p.id_number.as_deref() == Some(c)) {
                    let who = p.name.clone().unwrap_or_default();
                    return finding("R09", Outcome::Fail, format!("团队成员{who}的身份证号在失信名单中{}{}", when(), source()));
                }
            }
            if let Some(n) = name {
                let entrant = entrant_key.as_deref().map(|x| x == key(n).key).unwrap_or(false);
                let person = people.iter().any(|p| p.name.as_deref() == Some(n));
                if (entrant || person) && review.is_none() {
                    review = Some(format!("名称“{n}”与失信名单中的记录同名（无代码或证件号可比对{}{}），请人工核实是否为同一主体", when(), source()));
                }
            }
        }
        match review {
            Some(m) => finding("R09", Outcome::Review, m),
            None => finding("R09", Outcome::Pass, format!("未出现在失信名单中（共 {} 条记录；自报无失信记录）", list.len())),
        }
    }

    pub fn r16(e: &Entry, list: &[RefRow]) -> Finding {
        let project_key = Named::owned(e.project_name.as_deref().unwrap_or(""));
        let entrant_key = e.entrant_name.as_deref().map(Named::owned);
        for a in list {
            let listed = ref_text(a, "entrant_name").map(key);
            let entrant = same_entrant(e, entrant_key.as_ref(), listed.as_ref(), None);
            let sim = ref_text(a, "project_name").map(|p| similarity_at_least(&key(p), &project_key, 0.6)).unwrap_or(0.0);
            if entrant && sim >= 0.6 || sim >= 0.9 {
                return finding(
                    "R16",
                    Outcome::Warn,
                    format!(
                        "本年度已在“{}”获{}（{}“{}”）：按通知不再重复资金奖励",
                        ref_text(a, "contest").unwrap_or("其他市级赛事"),
                        ref_text(a, "prize").unwrap_or("奖"),
                        ref_text(a, "entrant_name").unwrap_or(""),
                        ref_text(a, "project_name").unwrap_or("")
                    ),
                );
            }
        }
        finding("R16", Outcome::Pass, format!("未出现在本年度其他市级赛事获奖名单中（共 {} 条记录）", list.len()))
    }
}

#[test]
fn indexed_reference_lists_give_exactly_the_findings_of_a_full_scan() {
    use serde_json::json;
    // Names that share characters, contain one another, normalise to the same or to nothing,
    // and codes that match or not: every combination of entry and list row below.
    let projects = [
        "智能巡检机器人",
        "智能巡检机器人研发及产业化",
        "巡检机器人",
        "机器人巡检智能",
        "中药材溯源平台",
        "中药材溯源平台（二期）",
        "平台",
        "（）",
        "",
        "ＡＢＣ智能平台",
        "abc智能平台",
        "智能智能智能",
    ];
    let entrants = ["长治市智巡科技有限公司", "长治市 智巡科技 有限责任公司", "长治市智巡科技", "智巡", "（）", "", "张三", "李四"];
    let codes = [None, Some("91140403MA0K7Q2D3L"), Some("91140100MA0000000X"), Some("11010519491231002X")];
    let text = |s: &str| if s.is_empty() { json!(null) } else { json!(s) };
    let mut winners = Vec::new();
    let mut dishonesty = Vec::new();
    let mut awards = Vec::new();
    for (i, p) in projects.iter().enumerate() {
        for (j, n) in entrants.iter().enumerate() {
            let code = codes[(i + j) % codes.len()];
            let year = [json!(2022), json!(2024), json!(2025), json!(null), json!("2024")][(i * 3 + j) % 5].clone();
            winners.push(refrow(&[
                ("year", year),
                ("project_name", text(p)),
                ("entrant_name", text(n)),
                ("credit_code", json!(code)),
                ("prize", json!(format!("{}等奖", i % 3 + 1))),
            ]));
            awards.push(refrow(&[("project_name", text(p)), ("entrant_name", text(n)), ("contest", json!(format!("赛事{i}-{j}")))]));
        }
    }
    for (j, n) in entrants.iter().enumerate() {
        for code in codes {
            dishonesty.push(refrow(&[("name", text(n)), ("code", json!(code)), ("date", json!(format!("2025-0{}-01", j % 9 + 1)))]));
        }
    }
    let refs = References { provincial_winners: Some(winners), dishonesty: Some(dishonesty), other_awards: Some(awards), ..Default::default() };
    let s = settings();
    let ctx = ctx_with(&s, &refs);
    let lists = (refs.provincial_winners.as_deref().unwrap(), refs.dishonesty.as_deref().unwrap(), refs.other_awards.as_deref().unwrap());
    let mut seen = HashSet::new();
    for (i, p) in projects.iter().chain(["农业无人机植保"].iter()).enumerate() {
        for (j, n) in entrants.iter().enumerate() {
            for code in codes {
                let mut e = team("CZ2026-00001", &[("张三", Some("11010519491231002X"), None), ("李四", None, None)]);
                e.project_name = (!p.is_empty()).then(|| p.to_string());
                e.entrant_name = (!n.is_empty()).then(|| n.to_string());
                e.credit_code = code.map(str::to_string);
                e.dishonesty_declared = Some(false);
                if (i + j) % 2 == 0 {
                    e.members.clear();
                }
                let ix = refs.indexes();
                let got = [
                    r03_provincial_winners(&e, &ctx),
                    r09_indexed(&e, Some(lists.1), Some(&ix.dishonesty)),
                    r16_indexed(&e, Some(lists.2), Some(&ix.awards)),
                ];
                let want = [scan::r03(&e, s.year, lists.0), scan::r09(&e, lists.1), scan::r16(&e, lists.2)];
                assert_eq!(got, want, "{p} / {n} / {code:?}");
                seen.extend(got.into_iter().map(|f| (f.rule, f.outcome)));
            }
        }
    }
    // The cases reach every outcome of the three rules, so the comparison covers each branch.
    for (rule, outcomes) in [
        ("R03", &[Outcome::Fail, Outcome::Review, Outcome::Warn, Outcome::Pass][..]),
        ("R09", &[Outcome::Fail, Outcome::Review, Outcome::Pass][..]),
        ("R16", &[Outcome::Warn, Outcome::Pass][..]),
    ] {
        for o in outcomes {
            assert!(seen.contains(&(rule.to_string(), *o)), "{rule} {o:?} never reached");
        }
    }
}

#[test]
fn registration_time_text_is_chronos_format() {
    use chrono::{FixedOffset, NaiveDateTime, NaiveTime, TimeZone};
    let chrono_text = |at: DateTime<FixedOffset>| at.with_timezone(&beijing()).format("%Y-%m-%d %H:%M:%S").to_string();
    let mut checked = 0;
    for offset in [-12 * 3600, -3600, 0, 8 * 3600, 14 * 3600] {
        let tz = FixedOffset::east_opt(offset).expect("valid offset");
        for (y, m, d) in [(999, 12, 31), (1000, 1, 1), (2026, 3, 31), (2026, 7, 10), (2024, 2, 29), (9999, 12, 31), (10000, 1, 1), (-1, 6, 1)] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
            for (h, mi, s, ns) in [(0, 0, 0, 0), (7, 5, 9, 0), (15, 59, 59, 999_999_999), (23, 59, 59, 0), (23, 59, 59, 1_500_000_000)] {
                let time = NaiveTime::from_hms_nano_opt(h, mi, s, ns).expect("valid time");
                let Some(at) = tz.from_local_datetime(&NaiveDateTime::new(date, time)).single() else { continue };
                assert_eq!(beijing_time_text(at), chrono_text(at), "{at:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "{checked}");
}

/// `NameColumn::similar` as it was before the prefix filter: every shared character counted.
fn similar_reference(col: &NameColumn, k: &Named, min: f64) -> Vec<u32> {
    if k.chars.is_empty() {
        return col.keys.iter().enumerate().filter(|(_, n)| n.is_some()).map(|(i, _)| i as u32).collect();
    }
    let mut shared = vec![0usize; col.keys.len()];
    let mut touched = Vec::new();
    for run in k.chars.chunk_by(|a, b| a == b) {
        for &(row, n) in col.chars.get(&run[0]).into_iter().flatten() {
            if shared[row as usize] == 0 {
                touched.push(row);
            }
            shared[row as usize] += run.len().min(n as usize);
        }
    }
    let mut out = Vec::new();
    for row in touched {
        let common = shared[row as usize];
        let Some(other) = &col.keys[row as usize] else { continue };
        let longer = k.chars.len().max(other.chars.len());
        let shorter = k.chars.len().min(other.chars.len());
        if (shorter >= 4 && common == shorter) || common as f64 / longer as f64 >= min {
            out.push(row);
        }
    }
    out.sort_unstable();
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// The prefix filter finds exactly the rows the full count finds, for names drawn from a few
    /// characters (many shared, repeated, frequent ones) and the thresholds the rules use.
    #[test]
    fn similar_rows_are_those_of_the_full_count(
        names in proptest::collection::vec("[长治智能巡检机器人平台aab ]{0,8}", 0..40),
        query in "[长治智能巡检机器人平台aab ]{0,14}",
        min in proptest::sample::select(vec![0.0, 0.3, 0.6, 0.8, 0.9, 1.0]),
    ) {
        let list: Vec<RefRow> = names
            .iter()
            .map(|n| [("name".to_string(), serde_json::Value::from(n.as_str()))].into_iter().collect())
            .collect();
        let col = NameColumn::new(&list, "name");
        let k = Named::owned(&query);
        let mut got = Vec::new();
        col.similar(&k, min, &mut got);
        got.sort_unstable();
        proptest::prop_assert_eq!(got, similar_reference(&col, &k, min));
    }
}
