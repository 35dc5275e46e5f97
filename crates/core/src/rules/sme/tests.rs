//! Size classes at every bound, and industry text of every kind.
use super::industry::{covered_ids, group_name};
use super::size::TABLE_JSON;
use super::*;

fn size(id: u8, e: Option<i64>, r: Option<f64>, a: Option<f64>) -> Size {
    classify(id, e, r, a).size
}

// ── table ──

#[test]
fn sme_table_parses_with_16_industries() {
    let t = table();
    assert_eq!(t.version, "工信部联企业〔2011〕300号");
    assert_eq!(t.effective_from, chrono::NaiveDate::from_ymd_opt(2011, 7, 4).unwrap());
    assert_eq!(t.industries.len(), 16);
    let ids: Vec<u8> = t.industries.iter().map(|i| i.id).collect();
    assert_eq!(ids, (1..=16).collect::<Vec<u8>>());
}

/// An independent transcription of DOMAIN §1.1, so a wrong number in the JSON fails a test.
/// (id, name, [E large, medium, small], [R ...], [A ...]); 0 = indicator not used.
#[allow(clippy::type_complexity)]
const EXPECTED: &[(u8, &str, [f64; 3], [f64; 3], [f64; 3])] = &[
    (1, "农、林、牧、渔业", [0.0; 3], [20000.0, 500.0, 50.0], [0.0; 3]),
    (2, "工业", [1000.0, 300.0, 20.0], [40000.0, 2000.0, 300.0], [0.0; 3]),
    (3, "建筑业", [0.0; 3], [80000.0, 6000.0, 300.0], [80000.0, 5000.0, 300.0]),
    (4, "批发业", [200.0, 20.0, 5.0], [40000.0, 5000.0, 1000.0], [0.0; 3]),
    (5, "零售业", [300.0, 50.0, 10.0], [20000.0, 500.0, 100.0], [0.0; 3]),
    (6, "交通运输业", [1000.0, 300.0, 20.0], [30000.0, 3000.0, 200.0], [0.0; 3]),
    (7, "仓储业", [200.0, 100.0, 20.0], [30000.0, 1000.0, 100.0], [0.0; 3]),
    (8, "邮政业", [1000.0, 300.0, 20.0], [30000.0, 2000.0, 100.0], [0.0; 3]),
    (9, "住宿业", [300.0, 100.0, 10.0], [10000.0, 2000.0, 100.0], [0.0; 3]),
    (10, "餐饮业", [300.0, 100.0, 10.0], [10000.0, 2000.0, 100.0], [0.0; 3]),
    (11, "信息传输业", [2000.0, 100.0, 10.0], [100000.0, 1000.0, 100.0], [0.0; 3]),
    (12, "软件和信息技术服务业", [300.0, 100.0, 10.0], [10000.0, 1000.0, 50.0], [0.0; 3]),
    (13, "房地产开发经营", [0.0; 3], [200000.0, 1000.0, 100.0], [10000.0, 5000.0, 2000.0]),
    (14, "物业管理", [1000.0, 300.0, 100.0], [5000.0, 1000.0, 500.0], [0.0; 3]),
    (15, "租赁和商务服务业", [300.0, 100.0, 10.0], [0.0; 3], [120000.0, 8000.0, 100.0]),
    (16, "其他未列明行业", [300.0, 100.0, 10.0], [0.0; 3], [0.0; 3]),
];

#[test]
fn sme_table_matches_domain_transcription() {
    let t = table();
    for &(id, name, e, r, a) in EXPECTED {
        let ind = t.industry(id).unwrap();
        assert_eq!(ind.name, name, "industry {id}");
        for (k, tier) in [&ind.large, &ind.medium, &ind.small].into_iter().enumerate() {
            let want = |x: f64| (x > 0.0).then_some(x);
            assert_eq!(tier.employees, want(e[k]), "{name} employees tier {k}");
            assert_eq!(tier.revenue, want(r[k]), "{name} revenue tier {k}");
            assert_eq!(tier.assets, want(a[k]), "{name} assets tier {k}");
        }
        let mut expected_inds = Vec::new();
        if e[0] > 0.0 {
            expected_inds.push(Indicator::Employees);
        }
        if r[0] > 0.0 {
            expected_inds.push(Indicator::Revenue);
        }
        if a[0] > 0.0 {
            expected_inds.push(Indicator::Assets);
        }
        let mut got = ind.indicators.clone();
        got.sort();
        assert_eq!(got, expected_inds, "{name} indicators");
    }
}

#[test]
fn sme_table_rejects_bad_tables() {
    let good: serde_json::Value = serde_json::from_str(TABLE_JSON).unwrap();
    let mutate = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        SmeTable::from_json(&v.to_string())
    };
    assert!(mutate(&|_| {}).is_ok());
    assert!(matches!(mutate(&|v| v["industries"][1]["medium"]["revenue"] = 50000.into()), Err(SmeTableError::Invalid(_))));
    assert!(matches!(mutate(&|v| v["industries"][1]["small"]["assets"] = 5.into()), Err(SmeTableError::Invalid(_))));
    assert!(matches!(
        mutate(&|v| {
            v["industries"][1]["small"].as_object_mut().unwrap().remove("employees");
        }),
        Err(SmeTableError::Invalid(_))
    ));
    assert!(matches!(mutate(&|v| v["industries"][2]["id"] = 2.into()), Err(SmeTableError::Invalid(_))));
    assert!(matches!(mutate(&|v| v["industries"][0]["large"]["revenu"] = 1.into()), Err(SmeTableError::Json(_))));
    assert!(matches!(SmeTable::from_json("{"), Err(SmeTableError::Json(_))));
}

// ── DOMAIN §1.2 worked cases ──

#[test]
fn sme_domain_worked_cases() {
    let c = classify(2, Some(1200), Some(50000.0), None);
    assert_eq!(c.size, Size::Large);
    assert_eq!(c.size.is_sme(), Some(false));
    assert_eq!(size(2, Some(1200), Some(30000.0), None), Size::Medium);
    assert_eq!(size(2, Some(350), Some(1500.0), None), Size::Small);
    assert_eq!(size(12, Some(8), Some(2000.0), None), Size::Micro);
    assert_eq!(size(4, Some(25), Some(800.0), None), Size::Micro);
    assert_eq!(size(3, None, Some(90000.0), Some(70000.0)), Size::Medium);
}

#[test]
fn sme_explanation_names_numbers_and_thresholds() {
    let c = classify(2, Some(350), Some(1500.0), None);
    assert_eq!(c.industry, "工业");
    assert_eq!(c.table_version, "工信部联企业〔2011〕300号");
    assert!(c.explanation.contains("从业人员 350人"), "{}", c.explanation);
    assert!(c.explanation.contains("营业收入 1500万元 < 2000万元"), "{}", c.explanation);
    assert!(c.explanation.contains("→ 小型"), "{}", c.explanation);
    assert!(c.explanation.contains("从业人员≥20人且营业收入≥300万元"), "{}", c.explanation);
    assert!(c.explanation.contains("300号"), "{}", c.explanation);
    assert!(c.thresholds_text.contains("大型 从业人员≥1000人且营业收入≥40000万元"), "{}", c.thresholds_text);
    assert_eq!(c.thresholds.unwrap().id, 2);

    let c = classify(3, None, Some(90000.0), Some(70000.0));
    assert!(c.explanation.contains("资产总额 70000万元 < 80000万元"), "{}", c.explanation);
    let c = classify(12, Some(8), Some(2000.0), None);
    assert!(c.explanation.contains("从业人员 8人 < 10人"), "{}", c.explanation);
    let c = classify(2, Some(1200), None, None);
    assert!(c.explanation.contains("营业收入未填"), "{}", c.explanation);
    let c = classify(2, Some(350), None, None);
    assert!(c.explanation.contains("可认定为中小微企业"), "{}", c.explanation);
    assert_eq!(c.size.label(), "中小微（规模未定）");
    let c = classify(2, Some(350), Some(1500.5), None);
    assert!(c.explanation.contains("1500.5万元"), "{}", c.explanation);
}

// ── boundaries, generated from the table ──

/// Values with every listed indicator exactly at `tier`, optionally one indicator nudged down.
fn at(tier: &Bounds, nudge: Option<(Indicator, f64)>) -> (Option<i64>, Option<f64>, Option<f64>) {
    let v = |i: Indicator| {
        tier.get(i).map(|b| match nudge {
            Some((n, d)) if n == i => b - d,
            _ => b,
        })
    };
    (v(Indicator::Employees).map(|x| x as i64), v(Indicator::Revenue), v(Indicator::Assets))
}

#[test]
fn sme_every_boundary_of_every_industry_from_table() {
    let t = table();
    let mut checked = 0;
    for ind in &t.industries {
        let tiers = [(&ind.large, Size::Large, Size::Medium), (&ind.medium, Size::Medium, Size::Small), (&ind.small, Size::Small, Size::Micro)];
        for (tier, at_size, below_size) in tiers {
            let (e, r, a) = at(tier, None);
            assert_eq!(classify(ind.id, e, r, a).size, at_size, "{} exactly at {:?}", ind.name, at_size);
            for &i in &ind.indicators {
                let deltas: &[f64] = if i == Indicator::Employees { &[1.0] } else { &[1.0, 0.01] };
                for &d in deltas {
                    let (e, r, a) = at(tier, Some((i, d)));
                    let c = classify(ind.id, e, r, a);
                    assert_eq!(c.size, below_size, "{}: {} {d} below {:?} bound → {}", ind.name, i.label(), at_size, c.explanation);
                    checked += 1;
                }
            }
            // Way above on every indicator stays at the tier's own size or higher.
            let (e, r, a) = at(tier, None);
            let up = classify(ind.id, e.map(|x| x * 10), r.map(|x| x * 10.0), a.map(|x| x * 10.0)).size;
            assert!(matches!((at_size, up), (Size::Large, Size::Large) | (Size::Medium, Size::Large | Size::Medium) | (Size::Small, _)));
        }
        // Zero is micro.
        let zero = classify(ind.id, Some(0), Some(0.0), Some(0.0));
        assert_eq!(zero.size, Size::Micro, "{}", ind.name);
    }
    assert!(checked > 100, "{checked}");
}

// ── boundaries, hand-written (at least one per industry) ──

#[test]
fn sme_boundaries_industry_01_agriculture() {
    assert_eq!(size(1, None, Some(20000.0), None), Size::Large);
    assert_eq!(size(1, None, Some(19999.0), None), Size::Medium);
    assert_eq!(size(1, None, Some(500.0), None), Size::Medium);
    assert_eq!(size(1, None, Some(499.99), None), Size::Small);
    assert_eq!(size(1, None, Some(50.0), None), Size::Small);
    assert_eq!(size(1, None, Some(49.0), None), Size::Micro);
    // Employees are not an indicator for 农林牧渔业.
    assert_eq!(size(1, Some(5000), Some(49.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_02_industrial() {
    assert_eq!(size(2, Some(1000), Some(40000.0), None), Size::Large);
    assert_eq!(size(2, Some(999), Some(40000.0), None), Size::Medium);
    assert_eq!(size(2, Some(1000), Some(39999.99), None), Size::Medium);
    assert_eq!(size(2, Some(300), Some(2000.0), None), Size::Medium);
    assert_eq!(size(2, Some(299), Some(2000.0), None), Size::Small);
    assert_eq!(size(2, Some(300), Some(1999.0), None), Size::Small);
    assert_eq!(size(2, Some(20), Some(300.0), None), Size::Small);
    assert_eq!(size(2, Some(19), Some(300.0), None), Size::Micro);
    assert_eq!(size(2, Some(20), Some(299.0), None), Size::Micro);
    // 或 for the ceiling: huge revenue but few staff is not 大型.
    assert_eq!(size(2, Some(50), Some(900000.0), None), Size::Small);
}

#[test]
fn sme_boundaries_industry_03_construction() {
    assert_eq!(size(3, None, Some(80000.0), Some(80000.0)), Size::Large);
    assert_eq!(size(3, None, Some(80000.0), Some(79999.0)), Size::Medium);
    assert_eq!(size(3, None, Some(6000.0), Some(5000.0)), Size::Medium);
    assert_eq!(size(3, None, Some(5999.0), Some(5000.0)), Size::Small);
    assert_eq!(size(3, None, Some(6000.0), Some(4999.0)), Size::Small);
    assert_eq!(size(3, None, Some(300.0), Some(300.0)), Size::Small);
    assert_eq!(size(3, None, Some(300.0), Some(299.0)), Size::Micro);
    // Employees are not an indicator for 建筑业.
    assert_eq!(size(3, Some(99999), Some(300.0), Some(299.0)), Size::Micro);
}

#[test]
fn sme_boundaries_industry_04_wholesale() {
    assert_eq!(size(4, Some(200), Some(40000.0), None), Size::Large);
    assert_eq!(size(4, Some(199), Some(40000.0), None), Size::Medium);
    assert_eq!(size(4, Some(20), Some(5000.0), None), Size::Medium);
    assert_eq!(size(4, Some(19), Some(5000.0), None), Size::Small);
    assert_eq!(size(4, Some(5), Some(1000.0), None), Size::Small);
    assert_eq!(size(4, Some(4), Some(1000.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_05_retail() {
    assert_eq!(size(5, Some(300), Some(20000.0), None), Size::Large);
    assert_eq!(size(5, Some(300), Some(19999.0), None), Size::Medium);
    assert_eq!(size(5, Some(50), Some(500.0), None), Size::Medium);
    assert_eq!(size(5, Some(49), Some(500.0), None), Size::Small);
    assert_eq!(size(5, Some(10), Some(100.0), None), Size::Small);
    assert_eq!(size(5, Some(10), Some(99.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_06_transport() {
    assert_eq!(size(6, Some(1000), Some(30000.0), None), Size::Large);
    assert_eq!(size(6, Some(999), Some(30000.0), None), Size::Medium);
    assert_eq!(size(6, Some(300), Some(3000.0), None), Size::Medium);
    assert_eq!(size(6, Some(300), Some(2999.0), None), Size::Small);
    assert_eq!(size(6, Some(20), Some(200.0), None), Size::Small);
    assert_eq!(size(6, Some(20), Some(199.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_07_warehousing() {
    assert_eq!(size(7, Some(200), Some(30000.0), None), Size::Large);
    assert_eq!(size(7, Some(199), Some(30000.0), None), Size::Medium);
    assert_eq!(size(7, Some(100), Some(1000.0), None), Size::Medium);
    assert_eq!(size(7, Some(99), Some(1000.0), None), Size::Small);
    assert_eq!(size(7, Some(20), Some(100.0), None), Size::Small);
    assert_eq!(size(7, Some(19), Some(100.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_08_postal() {
    assert_eq!(size(8, Some(1000), Some(30000.0), None), Size::Large);
    assert_eq!(size(8, Some(1000), Some(29999.0), None), Size::Medium);
    assert_eq!(size(8, Some(300), Some(2000.0), None), Size::Medium);
    assert_eq!(size(8, Some(300), Some(1999.0), None), Size::Small);
    assert_eq!(size(8, Some(20), Some(100.0), None), Size::Small);
    assert_eq!(size(8, Some(20), Some(99.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_09_accommodation() {
    assert_eq!(size(9, Some(300), Some(10000.0), None), Size::Large);
    assert_eq!(size(9, Some(299), Some(10000.0), None), Size::Medium);
    assert_eq!(size(9, Some(100), Some(2000.0), None), Size::Medium);
    assert_eq!(size(9, Some(100), Some(1999.0), None), Size::Small);
    assert_eq!(size(9, Some(10), Some(100.0), None), Size::Small);
    assert_eq!(size(9, Some(9), Some(100.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_10_catering() {
    assert_eq!(size(10, Some(300), Some(10000.0), None), Size::Large);
    assert_eq!(size(10, Some(300), Some(9999.0), None), Size::Medium);
    assert_eq!(size(10, Some(100), Some(2000.0), None), Size::Medium);
    assert_eq!(size(10, Some(99), Some(2000.0), None), Size::Small);
    assert_eq!(size(10, Some(10), Some(100.0), None), Size::Small);
    assert_eq!(size(10, Some(10), Some(99.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_11_information_transmission() {
    assert_eq!(size(11, Some(2000), Some(100000.0), None), Size::Large);
    assert_eq!(size(11, Some(1999), Some(100000.0), None), Size::Medium);
    assert_eq!(size(11, Some(100), Some(1000.0), None), Size::Medium);
    assert_eq!(size(11, Some(100), Some(999.0), None), Size::Small);
    assert_eq!(size(11, Some(10), Some(100.0), None), Size::Small);
    assert_eq!(size(11, Some(9), Some(100.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_12_software() {
    assert_eq!(size(12, Some(300), Some(10000.0), None), Size::Large);
    assert_eq!(size(12, Some(300), Some(9999.0), None), Size::Medium);
    assert_eq!(size(12, Some(100), Some(1000.0), None), Size::Medium);
    assert_eq!(size(12, Some(99), Some(1000.0), None), Size::Small);
    assert_eq!(size(12, Some(10), Some(50.0), None), Size::Small);
    assert_eq!(size(12, Some(10), Some(49.99), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_13_real_estate_development() {
    assert_eq!(size(13, None, Some(200000.0), Some(10000.0)), Size::Large);
    assert_eq!(size(13, None, Some(199999.0), Some(10000.0)), Size::Medium);
    assert_eq!(size(13, None, Some(200000.0), Some(9999.0)), Size::Medium);
    assert_eq!(size(13, None, Some(1000.0), Some(5000.0)), Size::Medium);
    assert_eq!(size(13, None, Some(1000.0), Some(4999.0)), Size::Small);
    assert_eq!(size(13, None, Some(100.0), Some(2000.0)), Size::Small);
    assert_eq!(size(13, None, Some(99.0), Some(2000.0)), Size::Micro);
}

#[test]
fn sme_boundaries_industry_14_property_management() {
    assert_eq!(size(14, Some(1000), Some(5000.0), None), Size::Large);
    assert_eq!(size(14, Some(1000), Some(4999.0), None), Size::Medium);
    assert_eq!(size(14, Some(300), Some(1000.0), None), Size::Medium);
    assert_eq!(size(14, Some(299), Some(1000.0), None), Size::Small);
    assert_eq!(size(14, Some(100), Some(500.0), None), Size::Small);
    assert_eq!(size(14, Some(99), Some(500.0), None), Size::Micro);
}

#[test]
fn sme_boundaries_industry_15_leasing_business_services() {
    assert_eq!(size(15, Some(300), None, Some(120000.0)), Size::Large);
    assert_eq!(size(15, Some(300), None, Some(119999.0)), Size::Medium);
    assert_eq!(size(15, Some(100), None, Some(8000.0)), Size::Medium);
    assert_eq!(size(15, Some(99), None, Some(8000.0)), Size::Small);
    assert_eq!(size(15, Some(10), None, Some(100.0)), Size::Small);
    assert_eq!(size(15, Some(10), None, Some(99.0)), Size::Micro);
    // Revenue is not an indicator for 租赁和商务服务业.
    assert_eq!(size(15, Some(10), Some(1e9), Some(99.0)), Size::Micro);
}

#[test]
fn sme_boundaries_industry_16_other() {
    assert_eq!(size(16, Some(300), None, None), Size::Large);
    assert_eq!(size(16, Some(299), None, None), Size::Medium);
    assert_eq!(size(16, Some(100), None, None), Size::Medium);
    assert_eq!(size(16, Some(99), None, None), Size::Small);
    assert_eq!(size(16, Some(10), None, None), Size::Small);
    assert_eq!(size(16, Some(9), None, None), Size::Micro);
    // Revenue and assets are ignored for 其他未列明行业.
    assert_eq!(size(16, Some(9), Some(1e9), Some(1e9)), Size::Micro);
}

// ── missing indicators ──

#[test]
fn sme_missing_indicator_one_below_ceiling_proves_sme() {
    // Employees below the ceiling, revenue missing: SME, class open.
    let c = classify(2, Some(350), None, None);
    assert_eq!(c.size, Size::SmeUndetermined);
    assert_eq!(c.size.is_sme(), Some(true));
    // Revenue below the ceiling, employees missing.
    assert_eq!(size(2, None, Some(30000.0), None), Size::SmeUndetermined);
    // Below the medium bound already: not medium; small still open.
    assert_eq!(size(2, Some(100), None, None), Size::SmeUndetermined);
    // Below the small bound: micro regardless of the missing one.
    assert_eq!(size(2, Some(10), None, None), Size::Micro);
    assert_eq!(size(2, None, Some(299.0), None), Size::Micro);
    assert_eq!(size(3, None, None, Some(100.0)), Size::Micro);
    assert_eq!(size(13, None, Some(150000.0), None), Size::SmeUndetermined);
    // 13: assets below the SME ceiling 10000 but ≥ medium 5000: SME, class open.
    assert_eq!(size(13, None, None, Some(9000.0)), Size::SmeUndetermined);
}

#[test]
fn sme_missing_indicator_cannot_decide() {
    let c = classify(2, None, None, None);
    assert_eq!(c.size, Size::Unknown);
    assert_eq!(c.size.is_sme(), None);
    assert!(c.explanation.contains("均未填"), "{}", c.explanation);
    // Known indicator at/above the large bound, other missing → cannot decide.
    assert_eq!(size(2, Some(1200), None, None), Size::Unknown);
    assert_eq!(size(2, Some(1000), None, None), Size::Unknown);
    assert_eq!(size(2, None, Some(50000.0), None), Size::Unknown);
    assert_eq!(size(3, None, Some(90000.0), None), Size::Unknown);
    assert_eq!(size(15, Some(500), None, None), Size::Unknown);
    // The wrong indicator does not help: 建筑业 with only employees.
    assert_eq!(size(3, Some(5), None, None), Size::Unknown);
    assert_eq!(size(16, None, Some(10.0), Some(10.0)), Size::Unknown);
    // Unknown industry id.
    let c = classify(17, Some(5), Some(5.0), Some(5.0));
    assert_eq!(c.size, Size::Unknown);
    assert_eq!(c.industry, "未知行业");
    assert!(c.thresholds.is_none());
}

#[test]
fn sme_invalid_values_count_as_missing() {
    let c = classify(2, Some(-5), Some(1500.0), None);
    assert_eq!(c.size, Size::SmeUndetermined);
    assert!(c.explanation.contains("无效"), "{}", c.explanation);
    assert_eq!(size(2, Some(350), Some(f64::NAN), None), Size::SmeUndetermined);
    assert_eq!(size(2, Some(1200), Some(-1.0), None), Size::Unknown);
}

#[test]
fn sme_size_labels() {
    let labels: Vec<&str> =
        [Size::Large, Size::Medium, Size::Small, Size::Micro, Size::SmeUndetermined, Size::Unknown].iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["大型", "中型", "小型", "微型", "中小微（规模未定）", "无法判断"]);
}

#[test]
fn sme_classify_candidates() {
    // 住宿业 and 餐饮业 share thresholds.
    let c = classify_candidates(&[9, 10], Some(50), Some(500.0), None).unwrap();
    assert_eq!(c.size, Size::Small);
    assert!(c.explanation.contains("住宿业”或“餐饮业"), "{}", c.explanation);
    // 信息传输业 vs 软件: 150 persons, 1000万元 → both 中型.
    assert_eq!(classify_candidates(&[11, 12], Some(150), Some(1000.0), None).unwrap().size, Size::Medium);
    // 500 persons, 20000万元: 信息传输 中型, 软件 大型 → disagree.
    assert!(classify_candidates(&[11, 12], Some(500), Some(20000.0), None).is_none());
    assert!(classify_candidates(&[9, 10], None, None, None).is_none());
    assert!(classify_candidates(&[], Some(1), None, None).is_none());
}

// ── industry mapping ──

fn group(text: &str) -> Option<IndustryGroup> {
    industry_group(text).map(|m| m.group)
}

fn id_of(text: &str) -> Option<u8> {
    industry_group(text).and_then(|m| m.id())
}

fn not_covered(text: &str) -> bool {
    matches!(group(text), Some(IndustryGroup::NotCovered { .. }))
}

fn ambiguous(text: &str) -> Option<Vec<u8>> {
    match group(text) {
        Some(IndustryGroup::Ambiguous { ids }) => Some(ids),
        _ => None,
    }
}

#[test]
fn sme_industry_names_and_codes_from_brief() {
    let cases: &[(&str, u8)] = &[
        ("制造业", 2),
        ("C 制造业", 2),
        ("C39 计算机、通信和其他电子设备制造业", 2),
        ("39", 2),
        ("C-39", 2),
        ("C39", 2),
        ("c39", 2),
        ("Ｃ３９", 2),
        ("Ｃ－３９　计算机、通信和其他电子设备制造业", 2),
        ("软件和信息技术服务业", 12),
        ("I65", 12),
        ("I-6510", 12),
        ("互联网和相关服务", 11),
        ("批发业", 4),
        ("零售业", 5),
        ("道路运输业", 6),
        ("住宿业", 9),
        ("餐饮业", 10),
        ("房地产开发经营", 13),
        ("K7010", 13),
        ("7010", 13),
        ("物业管理", 14),
        ("702", 14),
        ("租赁和商务服务业", 15),
        ("L72", 15),
        ("科技推广和应用服务业", 16),
        ("研究和试验发展", 16),
        ("M73", 16),
        ("农业", 1),
        ("A01", 1),
        ("建筑安装业", 3),
        ("E49", 3),
    ];
    for &(text, want) in cases {
        let m = industry_group(text).unwrap_or_else(|| panic!("{text}: no match"));
        assert_eq!(m.id(), Some(want), "{text}: {:?}", m);
        assert_eq!(m.group, IndustryGroup::Covered { id: want, name: group_name(want) });
    }
    assert!(not_covered("金融业"));
    assert!(not_covered("J66"));
}

#[test]
fn sme_industry_scope_codes_per_nbs() {
    // 工业 = B, C, D.
    for t in ["B", "C", "D", "B06", "C13", "C43", "D44", "D46", "06", "43", "46"] {
        assert_eq!(id_of(t), Some(2), "{t}");
    }
    assert_eq!(id_of("E"), Some(3));
    assert_eq!(id_of("47"), Some(3));
    assert_eq!(id_of("50"), Some(3));
    assert_eq!(id_of("F51"), Some(4));
    assert_eq!(id_of("F52"), Some(5));
    for t in ["54", "55", "56", "57", "58", "G54", "G58"] {
        assert_eq!(id_of(t), Some(6), "{t}");
    }
    assert_eq!(id_of("59"), Some(7));
    assert_eq!(id_of("60"), Some(8));
    assert_eq!(id_of("61"), Some(9));
    assert_eq!(id_of("62"), Some(10));
    assert_eq!(id_of("63"), Some(11));
    assert_eq!(id_of("64"), Some(11));
    assert_eq!(id_of("65"), Some(12));
    assert_eq!(id_of("701"), Some(13));
    assert_eq!(id_of("7020"), Some(14));
    assert_eq!(id_of("L"), Some(15));
    assert_eq!(id_of("71"), Some(15));
    for t in ["M", "N", "O", "R", "74", "75", "76", "79", "80", "82", "85", "86", "90", "703", "7030", "709", "7090", "Q85"] {
        assert_eq!(id_of(t), Some(16), "{t}");
    }
    assert_eq!(id_of("01"), Some(1));
    assert_eq!(id_of("05"), Some(1));
    assert_eq!(id_of("A"), Some(1));
}

#[test]
fn sme_industry_not_covered() {
    for t in [
        "金融业",
        "J",
        "66",
        "69",
        "货币金融服务",
        "保险业",
        "银行",
        "教育",
        "P83",
        "83",
        "卫生",
        "84",
        "Q84",
        "卫生和社会工作",
        "Q",
        "公共管理、社会保障和社会组织",
        "S",
        "91",
        "96",
        "国际组织",
        "T97",
        "铁路运输业",
        "53",
        "G53",
        "704",
        "7040",
        "房地产租赁经营",
    ] {
        assert!(not_covered(t), "{t}: {:?}", industry_group(t));
    }
    let m = industry_group("53").unwrap();
    assert!(m.explanation.contains("铁路"), "{}", m.explanation);
    assert!(m.explanation.contains("人工复核"), "{}", m.explanation);
}

#[test]
fn sme_industry_ambiguous_sections() {
    assert_eq!(ambiguous("信息传输、软件和信息技术服务业"), Some(vec![11, 12]));
    assert_eq!(ambiguous("I"), Some(vec![11, 12]));
    assert_eq!(ambiguous("批发和零售业"), Some(vec![4, 5]));
    assert_eq!(ambiguous("F"), Some(vec![4, 5]));
    assert_eq!(ambiguous("住宿和餐饮业"), Some(vec![9, 10]));
    assert_eq!(ambiguous("交通运输、仓储和邮政业"), Some(vec![6, 7, 8]));
    assert_eq!(ambiguous("房地产业"), Some(vec![13, 14, 16]));
    assert_eq!(ambiguous("K70"), Some(vec![13, 14, 16]));
    assert_eq!(ambiguous("物流"), Some(vec![6, 7]));
    let m = industry_group("信息传输、软件和信息技术服务业").unwrap();
    assert!(m.explanation.contains("信息传输业") && m.explanation.contains("软件和信息技术服务业"), "{}", m.explanation);
}

#[test]
fn sme_industry_section_then_division_picks_division() {
    assert_eq!(id_of("信息传输、软件和信息技术服务业-软件和信息技术服务业"), Some(12));
    assert_eq!(id_of("信息传输、软件和信息技术服务业/互联网和相关服务"), Some(11));
    assert_eq!(id_of("制造业-医药制造业"), Some(2));
    assert_eq!(id_of("批发和零售业 > 零售业"), Some(5));
    assert_eq!(id_of("I 信息传输、软件和信息技术服务业 65 软件和信息技术服务业"), Some(12));
    assert_eq!(id_of("I 软件和信息技术服务业"), Some(12));
    assert_eq!(id_of("房地产业-物业管理"), Some(14));
    // A section-level code with a name from elsewhere does not narrow it.
    assert_eq!(ambiguous("I 制造业"), Some(vec![11, 12]));
}

#[test]
fn sme_industry_names_inside_other_names_do_not_leak() {
    // "体育" and "娱乐" (R → 16) inside a 制造业 name.
    assert_eq!(id_of("文教、工美、体育和娱乐用品制造业"), Some(2));
    // "运输" inside 运输设备制造.
    assert_eq!(id_of("铁路、船舶、航空航天和其他运输设备制造业"), Some(2));
    assert_eq!(id_of("C37"), Some(2));
    // "修理" of 设备 is 工业 (43), of 日用产品 is 16 (81).
    assert_eq!(id_of("金属制品、机械和设备修理业"), Some(2));
    assert_eq!(id_of("机动车、电子产品和日用产品修理业"), Some(16));
    assert_eq!(id_of("农副食品加工业"), Some(2));
    assert_eq!(id_of("社会工作"), Some(16));
}

#[test]
fn sme_industry_keywords() {
    for (t, want) in [
        ("软件开发", 12),
        ("计算机软件", 12),
        ("工业软件", 12),
        ("信息技术服务", 12),
        ("餐饮", 10),
        ("快递", 8),
        ("物业服务", 14),
        ("智能装备制造", 2),
        ("工业", 2),
        ("技术服务", 16),
        ("科学研究和技术服务业", 16),
        ("广告", 15),
    ] {
        let m = industry_group(t).unwrap_or_else(|| panic!("{t}"));
        assert_eq!(m.id(), Some(want), "{t}: {m:?}");
    }
    let m = industry_group("软件开发").unwrap();
    assert_eq!(m.via, MatchVia::Keyword);
    assert_eq!(m.matched, "软件开发");
}

#[test]
fn sme_industry_match_reports_how() {
    let m = industry_group("C39 计算机、通信和其他电子设备制造业").unwrap();
    assert_eq!(m.via, MatchVia::Code);
    assert_eq!(m.matched, "C39");
    assert!(m.explanation.contains("大类 39 计算机、通信和其他电子设备制造业"), "{}", m.explanation);
    assert!(m.explanation.contains("工业"), "{}", m.explanation);
    let m = industry_group("软件和信息技术服务业").unwrap();
    assert_eq!(m.via, MatchVia::Name);
    assert_eq!(m.matched, "软件和信息技术服务业");
    let m = industry_group("7010").unwrap();
    assert!(m.explanation.contains("中类 701 房地产开发经营"), "{}", m.explanation);
}

#[test]
fn sme_industry_unknown_and_odd_input() {
    assert_eq!(industry_group(""), None);
    assert_eq!(industry_group("   "), None);
    assert_eq!(industry_group("无"), None);
    assert_eq!(industry_group("其他"), None);
    assert_eq!(industry_group("abc"), None);
    assert_eq!(industry_group("X99"), None);
    assert_eq!(industry_group("99"), None);
    assert_eq!(industry_group("1"), None);
    // Letter and digits disagree → the code is not trusted; nothing else to go on.
    assert_eq!(industry_group("C65"), None);
    // "IT" is not the section letter I; "5G" is not a code.
    assert_eq!(industry_group("IT"), None);
    assert_eq!(industry_group("5G"), None);
    // Conflicting words at the same level → ambiguous, not a guess.
    assert!(ambiguous("批发零售").is_some());
}

#[test]
fn sme_industry_ids_resolve_to_table_names() {
    // Every group id the mapping can produce exists in the table.
    for t in ["A", "B", "E", "F", "G", "H", "I", "K", "L", "M"] {
        let m = industry_group(t).unwrap();
        for id in covered_ids(&m.group) {
            assert!(table().industry(id).is_some(), "{t} → {id}");
        }
    }
    for d in 1..=97u8 {
        let code = format!("{d:02}");
        let m = industry_group(&code).unwrap_or_else(|| panic!("{code}"));
        for id in covered_ids(&m.group) {
            assert!((1..=16).contains(&id), "{code}");
        }
    }
}
