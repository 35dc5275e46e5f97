//! Unit tests of the number texts, rule validation and edge cases of `aggregate`.
use super::*;

fn r(n: i64, d: i64) -> Ratio<i64> {
    Ratio::new(n, d)
}

#[test]
fn exact_string_terminating_and_fraction() {
    assert_eq!(exact_string(&r(661, 8)), "82.625"); // 661/8 = 82.625
    assert_eq!(exact_string(&r(85, 1)), "85");
    assert_eq!(exact_string(&r(171, 2)), "85.5");
    assert_eq!(exact_string(&r(250, 3)), "250/3"); // denominator 3: not terminating
    assert_eq!(exact_string(&r(511, 6)), "511/6"); // 6 = 2·3
    assert_eq!(exact_string(&r(-3, 4)), "-0.75");
    assert_eq!(exact_string(&r(1, 1024)), "0.0009765625"); // 2^-10
    assert_eq!(exact_string(&r(0, 7)), "0");
    // Reduced before printing: 8550/100 = 171/2.
    assert_eq!(exact_string(&Ratio::new_raw(8550, 100)), "85.5");
    assert_eq!(exact_string(&Ratio::new_raw(3, -4)), "-0.75");
}

#[test]
fn display_rounds_half_up_on_the_exact_value() {
    assert_eq!(display_2dp(&r(661, 8)), "82.63"); // 82.625 → 82.63 (half up)
    assert_eq!(display_2dp(&r(16523, 200)), "82.62"); // 82.615 exactly → 82.62
    assert_eq!(display_2dp(&r(826249, 10000)), "82.62"); // 82.6249 → down
    assert_eq!(display_2dp(&r(250, 3)), "83.33"); // 83.333…
    assert_eq!(display_2dp(&r(85, 1)), "85.00");
    assert_eq!(display_2dp(&r(19999, 200)), "100.00"); // 99.995 → carries into the integer part
    assert_eq!(display_2dp(&r(-661, 8)), "-82.63"); // half away from zero
    assert_eq!(display_2dp(&r(-1, 1000)), "0.00"); // no "-0.00"
    assert_eq!(round_half_up(&r(511, 6), 4), "85.1667"); // 85.16666…
    assert_eq!(round_half_up(&r(5, 2), 0), "3");
}

#[test]
fn formula_value_and_hundredths() {
    assert_eq!(formula_value(&r(511, 6)), "85.1667（精确值 511/6）");
    assert_eq!(formula_value(&r(85, 1)), "85.00");
    assert_eq!(formula_value(&r(171, 2)), "85.50");
    assert_eq!(formula_value(&r(661, 8)), "82.625");
    assert_eq!(hundredths_display(8550), "85.50");
    assert_eq!(hundredths_display(5), "0.05");
    assert_eq!(hundredths_display(-5), "-0.05");
    assert_eq!(hundredths_display(i64::MIN), "-92233720368547758.08");
    assert!(is_terminating(&r(661, 8)));
    assert!(!is_terminating(&r(250, 3)));
}

#[test]
fn rule_validation() {
    assert!(AggregateRule::default().validate().is_ok());
    assert_eq!(AggregateRule::default(), AggregateRule { trim_min: 5, min_valid: 3 });
    let e = AggregateRule { trim_min: 2, min_valid: 3 }.validate().unwrap_err();
    assert!(e.to_string().contains("不能小于 3"), "{e}");
    assert!(AggregateRule { trim_min: 5, min_valid: 0 }.validate().is_err());
}

#[test]
fn trim_min_below_three_never_trims_two_of_two() {
    // Even a mis-set rule keeps something to average: 2 valid judges → plain mean (80 + 90) / 2 = 85.
    let cells = vec![JudgeCell::total_only(1, "甲", 8000), JudgeCell::total_only(2, "乙", 9000)];
    let a = aggregate(&cells, &AggregateRule { trim_min: 1, min_valid: 1 });
    assert_eq!(a.rule, RuleUsed::PlainMean);
    assert_eq!(a.score, Some(r(85, 1)));
    assert!(a.dropped.is_empty());
}

#[test]
fn all_equal_totals_drop_two_different_judges() {
    // Five judges all 80.00: the highest is the first (甲), the lowest the first of the others (乙).
    let cells: Vec<JudgeCell> = ["甲", "乙", "丙", "丁", "戊"].iter().enumerate().map(|(i, n)| JudgeCell::total_only(i as i64, *n, 8000)).collect();
    let a = aggregate(&cells, &AggregateRule::default());
    assert_eq!(a.dropped, vec!["甲", "乙"]);
    assert_eq!(a.card.lines[0].status, LineStatus::DroppedHighest);
    assert_eq!(a.card.lines[1].status, LineStatus::DroppedLowest);
    assert_eq!(a.score, Some(r(80, 1)));
}

#[test]
fn absurd_totals_give_no_score_instead_of_panicking() {
    // (i64::MAX + i64::MAX − 1) / 200 = (2^64 − 3)/200 is already reduced (odd, not a multiple of 5)
    // and its numerator does not fit in i64.
    let cells = vec![JudgeCell::total_only(1, "甲", i64::MAX), JudgeCell::total_only(2, "乙", i64::MAX - 1)];
    let a = aggregate(&cells, &AggregateRule::default());
    assert_eq!(a.score, None);
    assert_eq!(a.rule, RuleUsed::NoScore);
    assert!(a.card.notes.iter().any(|n| n.contains("超出可计算范围")));
    // Criteria sums that overflow i64 give no criterion-1 total rather than a wrapped one.
    let cells = vec![JudgeCell::scored(1, "甲", vec![i64::MAX]), JudgeCell::scored(2, "乙", vec![i64::MAX])];
    assert_eq!(aggregate(&cells, &AggregateRule::default()).criterion1_total, None);
}

#[test]
fn criterion1_needs_every_valid_judge_to_have_criteria() {
    let mut cells = vec![JudgeCell::scored(1, "甲", vec![3000, 5000]), JudgeCell::recused(2, "乙"), JudgeCell::scored(3, "丙", vec![2800, 5500])];
    // 30.00 + 28.00; the recused judge does not count.
    assert_eq!(aggregate(&cells, &AggregateRule::default()).criterion1_total, Some(5800));
    cells.push(JudgeCell::total_only(4, "丁", 8000));
    assert_eq!(aggregate(&cells, &AggregateRule::default()).criterion1_total, None);
}

#[test]
fn validate_cells_messages() {
    let ok = vec![JudgeCell::scored(1, "甲", vec![3000, 5000]), JudgeCell::recused(2, "乙")];
    assert!(validate_cells("P1", &ok).is_ok());
    let dup = vec![JudgeCell::total_only(1, "甲", 8000), JudgeCell::total_only(1, "甲", 8100)];
    assert!(validate_cells("P1", &dup).unwrap_err().to_string().contains("不止一次"));
    let mismatch =
        vec![JudgeCell { judge_id: 1, judge_name: "甲".into(), value: CellValue::Scored { total: 8000, criteria: Some(vec![3000, 4000]) } }];
    let e = validate_cells("P1", &mismatch).unwrap_err().to_string();
    assert!(e.contains("80.00") && e.contains("70.00"), "{e}");
    assert!(validate_cells("P1", &[JudgeCell::total_only(1, "甲", -1)]).is_err());
    assert!(validate_cells("P1", &[JudgeCell::scored(1, "甲", vec![])]).is_err());
}
