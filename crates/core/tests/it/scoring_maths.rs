//! The scoring mathematics (SPEC §5, §11) on hand-computed golden cases, plus a deterministic
//! property test. All totals are hundredths: 8550 = 85.50 points.
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use saiwu_core::scoring::*;

const NAMES: [&str; 9] = ["评委一", "评委二", "评委三", "评委四", "评委五", "评委六", "评委七", "评委八", "评委九"];

/// Cells in sheet order from totals; `None` = 回避.
fn cells(totals: &[Option<i64>]) -> Vec<JudgeCell> {
    totals
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            Some(t) => JudgeCell::total_only(i as i64 + 1, NAMES[i], *t),
            None => JudgeCell::recused(i as i64 + 1, NAMES[i]),
        })
        .collect()
}

fn all(totals: &[i64]) -> Vec<JudgeCell> {
    cells(&totals.iter().map(|t| Some(*t)).collect::<Vec<_>>())
}

fn agg(c: &[JudgeCell]) -> Aggregate {
    aggregate(c, &AggregateRule::default())
}

fn input(no: &str, c: &[JudgeCell]) -> RankInput {
    RankInput { project_no: no.into(), agg: agg(c) }
}

fn r(n: i64, d: i64) -> Ratio<i64> {
    Ratio::new(n, d)
}

fn find<'a>(ranked: &'a [Ranked], no: &str) -> &'a Ranked {
    ranked.iter().find(|x| x.project_no == no).unwrap()
}

#[test]
fn a_recusal_taking_n_from_5_to_4_switches_trimming_off() {
    // 5 valid: 92.00 85.50 80.00 78.50 70.00 → drop 92.00 and 70.00 → (85.5 + 80 + 78.5)/3 = 244/3 = 81.333…
    let five = agg(&all(&[9200, 8550, 8000, 7850, 7000]));
    assert_eq!(five.rule, RuleUsed::Trimmed);
    assert_eq!(five.score, Some(r(244, 3)));
    assert_eq!(five.dropped, vec!["评委一", "评委五"]);
    assert_eq!(five.card.score.as_deref(), Some("244/3"));
    assert_eq!(five.card.score_display.as_deref(), Some("81.33"));
    assert_eq!(five.card.formula.as_deref(), Some("(85.50 + 80.00 + 78.50) ÷ 3 = 81.3333（精确值 244/3）"));
    assert_eq!(five.card.rule_text, "去掉一个最高分和一个最低分后取平均");
    // 评委三 recused → 4 valid → plain mean (92 + 85.5 + 78.5 + 70)/4 = 326/4 = 81.5.
    let four = agg(&cells(&[Some(9200), Some(8550), None, Some(7850), Some(7000)]));
    assert_eq!(four.rule, RuleUsed::PlainMean);
    assert_eq!(four.valid_judges, 4);
    assert_eq!(four.score, Some(r(163, 2)));
    assert_eq!(four.recused, vec!["评委三"]);
    assert!(four.dropped.is_empty());
    assert_eq!(four.card.rule_text, "有效评委不足5人，取算术平均");
    assert_eq!(four.card.formula.as_deref(), Some("(92.00 + 85.50 + 78.50 + 70.00) ÷ 4 = 81.50"));
    assert_eq!(four.card.lines[2].status, LineStatus::Recused);
    assert_eq!(four.card.lines[2].total_display, "回避");
    assert!(!four.below_minimum);
}

#[test]
fn below_five_is_the_plain_mean_and_below_three_is_flagged() {
    // (88.00 + 86.50 + 84.25)/3 = 258.75/3 = 86.25.
    let three = agg(&all(&[8800, 8650, 8425]));
    assert_eq!(three.score, Some(r(345, 4)));
    assert_eq!(three.card.score.as_deref(), Some("86.25"));
    assert!(!three.below_minimum);
    // (88 + 85)/2 = 86.5, only 2 valid judges (< 3).
    let two = agg(&all(&[8800, 8500]));
    assert_eq!(two.score, Some(r(173, 2)));
    assert!(two.below_minimum);
    assert!(two.card.notes.iter().any(|n| n.contains("有效评委 2 人")), "{:?}", two.card.notes);
    // The brief's own example: (86 + 85.5 + 84)/3 = 255.5/3 = 511/6 = 85.1666…
    let ex = agg(&all(&[8600, 8550, 8400]));
    assert_eq!(ex.card.formula.as_deref(), Some("(86.00 + 85.50 + 84.00) ÷ 3 = 85.1667（精确值 511/6）"));
}

#[test]
fn seven_judges_trim_one_each_end() {
    // 81.00 95.50 77.25 88.00 90.00 69.50 84.75: max 95.50 (评委二), min 69.50 (评委六).
    // Kept sum 81 + 77.25 + 88 + 90 + 84.75 = 421.00; 421/5 = 84.2.
    let a = agg(&all(&[8100, 9550, 7725, 8800, 9000, 6950, 8475]));
    assert_eq!(a.score, Some(r(421, 5)));
    assert_eq!(a.card.score.as_deref(), Some("84.2"));
    assert_eq!(a.card.score_display.as_deref(), Some("84.20"));
    assert_eq!(a.dropped, vec!["评委二", "评委六"]);
    assert_eq!(a.card.lines[1].status, LineStatus::DroppedHighest);
    assert_eq!(a.card.lines[5].status, LineStatus::DroppedLowest);
    // Untrimmed: (421 + 95.5 + 69.5)/7 = 586/7 = 83.714…
    assert_eq!(a.untrimmed_mean, Some(r(586, 7)));
    assert_eq!(a.card.formula.as_deref(), Some("(81.00 + 77.25 + 88.00 + 90.00 + 84.75) ÷ 5 = 84.20"));
}

#[test]
fn of_two_equal_extremes_the_first_in_sheet_order_is_dropped() {
    // 80 90 85 90 80: highest 90 twice → 评委二 dropped; lowest 80 twice → 评委一 dropped.
    // Kept 85 + 90 + 80 = 255; 255/3 = 85.
    let a = agg(&all(&[8000, 9000, 8500, 9000, 8000]));
    assert_eq!(a.dropped, vec!["评委一", "评委二"]);
    let st: Vec<LineStatus> = a.card.lines.iter().map(|l| l.status).collect();
    use LineStatus::*;
    assert_eq!(st, vec![DroppedLowest, DroppedHighest, Kept, Kept, Kept]);
    assert_eq!(a.score, Some(r(85, 1)));
}

#[test]
fn tie_step_1_untrimmed_mean() {
    // A: 95 85 85 85 70 → trimmed 85; untrimmed 420/5 = 84.
    // B: 90 85 85 85 80 → trimmed 85; untrimmed 425/5 = 85 → B first.
    let ranked = rank_group(vec![input("A", &all(&[9500, 8500, 8500, 8500, 7000])), input("B", &all(&[9000, 8500, 8500, 8500, 8000]))], &[]);
    assert_eq!(ranked.iter().map(|x| x.project_no.as_str()).collect::<Vec<_>>(), vec!["B", "A"]);
    assert_eq!((find(&ranked, "B").rank, find(&ranked, "A").rank), (Some(1), Some(2)));
    for x in &ranked {
        assert_eq!(x.decided_by, Some(TieStep::UntrimmedMean));
        assert!(!x.tie_unresolved);
        assert_eq!(x.score.as_deref(), Some("85"));
    }
    let note = &find(&ranked, "A").tie_notes[0];
    assert!(note.contains("本项目 84，对方 85") && note.contains("排在其后"), "{note}");
}

#[test]
fn tie_step_2_criterion_1_and_its_skip() {
    // D: [30,55]=85 [28,56]=84 [29,57]=86 → (85+84+86)/3 = 85; untrimmed 85; criterion 1: 30+28+29 = 87.00.
    // E: [27,58]=85 [29,55]=84 [30,56]=86 → 85; untrimmed 85; criterion 1: 27+29+30 = 86.00.
    let d = vec![
        JudgeCell::scored(1, "甲", vec![3000, 5500]),
        JudgeCell::scored(2, "乙", vec![2800, 5600]),
        JudgeCell::scored(3, "丙", vec![2900, 5700]),
    ];
    let e = vec![
        JudgeCell::scored(1, "甲", vec![2700, 5800]),
        JudgeCell::scored(2, "乙", vec![2900, 5500]),
        JudgeCell::scored(3, "丙", vec![3000, 5600]),
    ];
    let ranked = rank_group(vec![input("E", &e), input("D", &d)], &[]);
    assert_eq!(find(&ranked, "D").criterion1_total, Some(8700));
    assert_eq!((find(&ranked, "D").rank, find(&ranked, "E").rank), (Some(1), Some(2)));
    assert_eq!(find(&ranked, "D").decided_by, Some(TieStep::Criterion1));
    assert!(find(&ranked, "E").tie_notes[0].contains("本项目 86.00，对方 87.00"));

    // F = E with 丙 recording only a 总分 86.00: criterion 1 is skipped for the set {D, F}, which stays tied.
    let mut f = e.clone();
    f[2] = JudgeCell::total_only(3, "丙", 8600);
    let report = rank_group_report(vec![input("D", &d), input("F", &f)], &[]);
    assert_eq!(report.entries.iter().map(|x| x.rank).collect::<Vec<_>>(), vec![Some(1), Some(1)]);
    assert!(report.entries.iter().all(|x| x.tie_unresolved && x.decided_by.is_none()));
    assert!(report.entries[0].tie_notes[0].contains("第1项评分比较已跳过"));
    assert_eq!(report.open_ties.len(), 1);
    assert_eq!(report.open_ties[0].project_nos, vec!["D", "F"]);
}

/// X 90; Y and Z identical at 85 (every step equal); W 80.
fn four_with_a_tie() -> Vec<RankInput> {
    vec![
        input("W", &all(&[8000, 8000, 8000])),
        input("Y", &all(&[8600, 8500, 8400])),
        input("X", &all(&[9000, 9000, 9000])),
        input("Z", &all(&[8400, 8500, 8600])),
    ]
}

#[test]
fn an_unresolved_tie_shares_the_rank_and_skips_the_next() {
    let report = rank_group_report(four_with_a_tie(), &[]);
    let got: Vec<(&str, Option<u32>, bool)> = report.entries.iter().map(|x| (x.project_no.as_str(), x.rank, x.tie_unresolved)).collect();
    // Y before Z: equal entries keep the input order.
    assert_eq!(got, vec![("X", Some(1), false), ("Y", Some(2), true), ("Z", Some(2), true), ("W", Some(4), false)]);
    assert_eq!(
        report.open_ties,
        vec![OpenTie {
            rank: 2,
            project_nos: vec!["Y".into(), "Z".into()],
            message: "第2名并列：Y、Z，按规则无法区分，需评审委员会决定先后。".into()
        }]
    );
    assert!(find(&report.entries, "Y").tie_notes[0].contains("并列第2名"));
}

#[test]
fn a_committee_decision_resolves_the_tie_and_a_stale_one_is_reported() {
    let decisions = vec![
        TieDecision { order: vec!["Y".into(), "W".into()] }, // not a tied set: unused
        TieDecision { order: vec!["Z".into(), "Y".into()] },
    ];
    let report = rank_group_report(four_with_a_tie(), &decisions);
    let got: Vec<(&str, Option<u32>, bool, Option<TieStep>)> =
        report.entries.iter().map(|x| (x.project_no.as_str(), x.rank, x.tie_unresolved, x.decided_by)).collect();
    assert_eq!(
        got,
        vec![
            ("X", Some(1), false, None),
            ("Z", Some(2), false, Some(TieStep::Committee)),
            ("Y", Some(3), false, Some(TieStep::Committee)),
            ("W", Some(4), false, None),
        ]
    );
    assert!(report.open_ties.is_empty());
    assert_eq!(report.unused_decisions, vec![0]);
    assert!(find(&report.entries, "Y").tie_notes[0].contains("按评审委员会决定排在其后"));
    // A decision naming more projects than are tied does not apply (it was made for another set).
    let wider = vec![TieDecision { order: vec!["Z".into(), "Y".into(), "W".into()] }];
    let report = rank_group_report(four_with_a_tie(), &wider);
    assert_eq!(report.open_ties.len(), 1);
    assert_eq!(report.unused_decisions, vec![0]);
}

#[test]
fn half_up_rounding_on_exact_scores() {
    // (82.00 + 83.00 + 82.50 + 83.00)/4 = 330.50/4 = 82.625 → display 82.63.
    let a = agg(&all(&[8200, 8300, 8250, 8300]));
    assert_eq!(a.card.score.as_deref(), Some("82.625"));
    assert_eq!(a.card.score_display.as_deref(), Some("82.63"));
    assert_eq!(a.card.formula.as_deref(), Some("(82.00 + 83.00 + 82.50 + 83.00) ÷ 4 = 82.625"));
    // (82.60 + 82.63 + 82.61 + 82.62)/4 = 330.46/4 = 82.615 exactly → display 82.62.
    let b = agg(&all(&[8260, 8263, 8261, 8262]));
    assert_eq!(b.card.score.as_deref(), Some("82.615"));
    assert_eq!(b.card.score_display.as_deref(), Some("82.62"));
    // (80 + 85 + 85)/3 = 250/3 = 83.333… → "250/3", "83.33".
    let c = agg(&all(&[8000, 8500, 8500]));
    assert_eq!(c.card.score.as_deref(), Some("250/3"));
    assert_eq!(c.card.score_display.as_deref(), Some("83.33"));
}

#[test]
fn mean_and_trimmed_mean_order_differently() {
    // P: 95 80 80 80 60 → trimmed 80, plain 395/5 = 79.
    // Q: 85 79 79 79 78 → trimmed 79, plain 400/5 = 80.
    let group = vec![("P".to_string(), all(&[9500, 8000, 8000, 8000, 6000])), ("Q".to_string(), all(&[8500, 7900, 7900, 7900, 7800]))];
    let l = leniency(&group, &AggregateRule::default());
    let (p, q) = (&l.entries[0], &l.entries[1]);
    assert_eq!((p.plain_mean, p.trimmed_mean), (Some(79.0), Some(80.0)));
    assert_eq!((q.plain_mean, q.trimmed_mean), (Some(80.0), Some(79.0)));
    assert_eq!((p.rank_trimmed, q.rank_trimmed), (Some(1), Some(2)));
    assert_eq!((p.rank_plain, q.rank_plain), (Some(2), Some(1)));
    // z: each judge scored two entries, so z = ±1 (population sd = half the gap). 评委一–四 favour P,
    // 评委五 favours Q: P = (1+1+1+1−1)/5 = 0.6, Q = −0.6.
    assert!((p.z_mean.unwrap() - 0.6).abs() < 1e-12 && (q.z_mean.unwrap() + 0.6).abs() < 1e-12);
    assert_eq!((p.rank_z, q.rank_z), (Some(1), Some(2)));
    assert!(p.ranks_differ && q.ranks_differ);
    // 评委一: 95, 85 → mean 90, sd 5; all valid totals average (395 + 400)/10 = 79.5 → offset +10.5.
    // 评委五: 60, 78 → mean 69, sd 9, offset −10.5.
    let j1 = &l.judges[0];
    assert_eq!((j1.count, j1.mean, j1.sd, j1.offset), (2, Some(90.0), Some(5.0), Some(10.5)));
    let j5 = &l.judges[4];
    assert_eq!((j5.mean, j5.sd, j5.offset), (Some(69.0), Some(9.0), Some(-10.5)));
    // The official ranking follows the trimmed mean.
    let ranked = rank_group(group.iter().map(|(no, c)| input(no, c)).collect(), &[]);
    assert_eq!(ranked[0].project_no, "P");
}

#[test]
fn leniency_zero_sd_and_recusals() {
    // 甲 gives both 80 (sd 0 → z 0); 乙 gives 90 and 70 (z +1, −1); 丙 recused on E2.
    // 丙 scored only E1 → sd 0 → z 0. E1 z = (0 + 1 + 0)/3 = 1/3; E2 z = (0 − 1)/2 = −0.5.
    let e1 = vec![JudgeCell::total_only(1, "甲", 8000), JudgeCell::total_only(2, "乙", 9000), JudgeCell::total_only(3, "丙", 7500)];
    let e2 = vec![JudgeCell::total_only(1, "甲", 8000), JudgeCell::total_only(2, "乙", 7000), JudgeCell::recused(3, "丙")];
    let l = leniency(&[("E1".into(), e1), ("E2".into(), e2), ("E3".into(), vec![])], &AggregateRule::default());
    assert!((l.entries[0].z_mean.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert!((l.entries[1].z_mean.unwrap() + 0.5).abs() < 1e-12);
    assert_eq!(l.entries[2].z_mean, None);
    assert_eq!(l.entries[2].rank_z, None);
    let bing = l.judges.iter().find(|j| j.judge_name == "丙").unwrap();
    assert_eq!((bing.count, bing.recused, bing.sd), (1, 1, Some(0.0)));
}

#[test]
fn entries_without_scores_come_last_unranked() {
    let ranked = rank_group(vec![input("空", &[]), input("全回避", &cells(&[None, None, None])), input("有分", &all(&[8000, 8200, 8400]))], &[]);
    assert_eq!(ranked.iter().map(|x| (x.project_no.as_str(), x.rank)).collect::<Vec<_>>(), vec![("有分", Some(1)), ("空", None), ("全回避", None)]);
    let none = find(&ranked, "全回避");
    assert_eq!((none.score.as_deref(), none.score_display.as_deref(), none.valid_judges), (None, None, 0));
    assert_eq!(none.recused.len(), 3);
    assert!(none.below_minimum && !none.tie_unresolved);
    assert_eq!(none.card.rule, RuleUsed::NoScore);
    assert!(none.card.notes[0].contains("没有有效评分"));
}

fn line_group() -> Vec<Ranked> {
    // A 90, B 88, C/D/E 85 (identical), F 80, G no score → ranks 1, 2, 3, 3, 3, 6, none.
    let same = all(&[8500, 8500, 8500]);
    rank_group(
        vec![
            input("A", &all(&[9000, 9000, 9000])),
            input("B", &all(&[8800, 8800, 8800])),
            input("C", &same),
            input("D", &same),
            input("E", &same),
            input("F", &all(&[8000, 8000, 8000])),
            input("G", &cells(&[None])),
        ],
        &[],
    )
}

#[test]
fn advancement_reports_the_tie_at_the_line() {
    let ranked = line_group();
    assert_eq!(ranked.iter().map(|x| x.rank).collect::<Vec<_>>(), vec![Some(1), Some(2), Some(3), Some(3), Some(3), Some(6), None]);
    // 4 seats: A, B in; C/D/E share positions 3–5 and straddle seat 4 → 2 seats left for 3 entries.
    let a = advance_top_n(&ranked, 4);
    assert_eq!(a.advanced, vec!["A", "B"]);
    let t = a.line_tie.as_ref().unwrap();
    assert_eq!((t.rank, t.seats_left, t.candidates.clone()), (3, 2, vec!["C".to_string(), "D".into(), "E".into()]));
    assert!(t.message.contains("只剩 2 个晋级名额"));
    assert_eq!(a.not_advanced, vec!["F"]);
    assert_eq!(a.unranked, vec!["G"]);
    assert_eq!(a.summary, "晋级名额 4 个：确定晋级 2 个，另有 3 个项目并列争 2 个名额待决定；1 个项目没有有效得分，未参加排名。");
    // 5 seats: the tied set fits whole; 2 seats: the line falls before it.
    let a5 = advance_top_n(&ranked, 5);
    assert_eq!((a5.advanced.len(), a5.line_tie.is_none()), (5, true));
    let a2 = advance_top_n(&ranked, 2);
    assert_eq!((a2.advanced, a2.line_tie, a2.not_advanced.len()), (vec!["A".to_string(), "B".into()], None, 4));
    assert!(advance_top_n(&ranked, 0).advanced.is_empty());
    assert_eq!(advance_top_n(&ranked, 100).advanced.len(), 6);
}

#[test]
fn json_shapes() {
    let ranked = rank_group(vec![input("A", &all(&[9500, 8500, 8500, 8500, 7000])), input("B", &all(&[9000, 8500, 8500, 8500, 8000]))], &[]);
    let v = serde_json::to_value(&ranked[1]).unwrap();
    assert_eq!(v["project_no"], "A");
    assert_eq!(v["score"], "85");
    assert_eq!(v["score_display"], "85.00");
    assert_eq!(v["rank"], 2);
    assert_eq!(v["tie_unresolved"], false);
    assert_eq!(v["decided_by"], "untrimmed_mean");
    assert_eq!(v["untrimmed_mean"], "84");
    assert_eq!(v["dropped"], serde_json::json!(["评委一", "评委五"]));
    assert_eq!(v["card"]["lines"][0]["status"], "dropped_highest");
    assert!(v.get("exact_score").is_none());
    let a = serde_json::to_value(agg(&all(&[8000, 8500, 8500]))).unwrap();
    assert_eq!(a["score"], "250/3");
    let c = serde_json::to_value(JudgeCell::recused(3, "丙")).unwrap();
    assert_eq!(c["value"]["kind"], "recused");
    let back: JudgeCell = serde_json::from_value(c).unwrap();
    assert_eq!(back, JudgeCell::recused(3, "丙"));
}

#[test]
fn property_exact_score_times_count_is_the_kept_sum() {
    let mut rng = ChaCha8Rng::seed_from_u64(20260711);
    let mut trimmed_seen = 0;
    for _ in 0..3000 {
        let n_cells = rng.gen_range(0..=9);
        // Totals on a narrow range so that equal extremes happen often.
        let totals: Vec<Option<i64>> = (0..n_cells).map(|_| (!rng.gen_bool(0.15)).then(|| 8000 + rng.gen_range(0..=20) * 25)).collect();
        let rule = AggregateRule { trim_min: rng.gen_range(3..=6), min_valid: rng.gen_range(1..=4) };
        let a = aggregate(&cells(&totals), &rule);
        let valid: Vec<(usize, i64)> = totals.iter().enumerate().filter_map(|(i, t)| t.map(|t| (i, t))).collect();
        let kept: Vec<i64> = a.card.lines.iter().filter(|l| l.status == LineStatus::Kept).map(|l| l.total.unwrap()).collect();
        assert_eq!(a.valid_judges, valid.len());
        assert_eq!(a.below_minimum, valid.len() < rule.min_valid);
        match a.score {
            None => assert!(valid.is_empty()),
            Some(s) => {
                // score · count = Σ kept / 100, exactly.
                assert_eq!(s * Ratio::from_integer(kept.len() as i64), Ratio::new(kept.iter().sum::<i64>(), 100));
                let shown: f64 = a.card.score_display.as_deref().unwrap().parse().unwrap();
                assert!((shown - *s.numer() as f64 / *s.denom() as f64).abs() <= 0.005 + 1e-9);
            }
        }
        if valid.len() >= rule.trim_min {
            trimmed_seen += 1;
            assert_eq!(kept.len(), valid.len() - 2);
            let max = valid.iter().map(|v| v.1).max().unwrap();
            let first_max = valid.iter().find(|v| v.1 == max).unwrap().0;
            assert_eq!(a.card.lines[first_max].status, LineStatus::DroppedHighest);
            let low = a.card.lines.iter().position(|l| l.status == LineStatus::DroppedLowest).unwrap();
            let min_rest = valid.iter().filter(|v| v.0 != first_max).map(|v| v.1).min().unwrap();
            let first_min = valid.iter().find(|v| v.0 != first_max && v.1 == min_rest).unwrap().0;
            assert_eq!(low, first_min);
            assert!(kept.iter().all(|k| *k <= max && *k >= min_rest));
        } else {
            assert_eq!(kept.len(), valid.len());
        }
    }
    assert!(trimmed_seen > 500, "too few trimmed cases: {trimmed_seen}");
}

#[test]
fn property_rankings_are_consistent() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..300 {
        let inputs: Vec<RankInput> = (0..rng.gen_range(1..=12))
            .map(|k| {
                let t: Vec<Option<i64>> =
                    (0..rng.gen_range(0..=6)).map(|_| (!rng.gen_bool(0.1)).then(|| 8000 + rng.gen_range(0..=4) * 100)).collect();
                input(&format!("P{k:02}"), &cells(&t))
            })
            .collect();
        let n = inputs.len();
        let ranked = rank_group(inputs, &[]);
        assert_eq!(ranked.len(), n);
        for w in ranked.windows(2) {
            match (w[0].rank, w[1].rank) {
                (Some(a), Some(b)) => {
                    assert!(a <= b);
                    assert!(w[0].exact_score >= w[1].exact_score);
                    if a == b {
                        assert!(w[0].tie_unresolved && w[1].tie_unresolved && w[0].exact_score == w[1].exact_score);
                    } else if w[0].exact_score == w[1].exact_score {
                        // Equal scores but different ranks: a tie-break step separated them.
                        assert!(w[0].decided_by.is_some() && w[1].decided_by.is_some());
                    }
                }
                (None, Some(_)) => panic!("an unranked entry before a ranked one"),
                _ => {}
            }
        }
        // Standard competition rank = 1 + number of entries strictly ahead.
        for (pos, x) in ranked.iter().enumerate() {
            if let Some(rk) = x.rank {
                let ahead = ranked[..pos].iter().filter(|y| y.rank != Some(rk)).count() as u32;
                assert_eq!(rk, ahead + 1);
            }
        }
        let seats = rng.gen_range(0..=n);
        let adv = advance_top_n(&ranked, seats);
        let line = adv.line_tie.as_ref();
        assert!(adv.advanced.len() + line.map_or(0, |t| t.seats_left) == seats.min(ranked.iter().filter(|x| x.rank.is_some()).count()));
        assert_eq!(adv.advanced.len() + line.map_or(0, |t| t.candidates.len()) + adv.not_advanced.len() + adv.unranked.len(), n);
    }
}
