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
    assert_eq!(refs.key("长治市 智巡科技 有限责任公司").key, name_key("长治市 智巡科技 有限责任公司"));
    assert_eq!(refs.key("不在名单中的名称").key, name_key("不在名单中的名称"));
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
