//! Letters from a scored final (SPEC §12 "Letters"): what is missing is named with where to set it; 决赛通知
//! carry the drawn order, the slot from the start time and slot length, the venue and the contacts; a re-print
//! keeps every number; 获奖通知 wait for the frozen award list; the phoning list carries the full phones.
use calamine::{open_workbook_auto, Reader};
use chrono::{DateTime, FixedOffset};
use saiwu_core::actions::letters::write_all;
use saiwu_core::model::{Group, Round};
use saiwu_core::season::letters::{self, LetterKind, LetterTemplate};

use crate::awards::scored_final;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T10:00:00+08:00").unwrap()
}

#[test]
fn finalist_letters_carry_order_slot_venue_and_keep_their_numbers() {
    let mut f = scored_final();
    let dir = tempfile::tempdir().unwrap();

    // Nothing set yet: one precondition naming every gap and where to fix it; nothing written.
    let e = write_all(&mut f.store, LetterKind::Finalist, dir.path(), "秘书处", now()).unwrap_err();
    assert_eq!(e.code(), "PRECONDITION");
    let msg = e.to_string();
    for want in ["决赛地点", "决赛日期", "赛事设置 → 赛程与联系人", "企业组还没有抽取决赛路演顺序"] {
        assert!(msg.contains(want), "{want}: {msg}");
    }
    let (_, gaps) = letters::recipients(&f.store, LetterKind::Finalist).unwrap();
    assert!(gaps.iter().any(|g| g.place == "评审 → 抽签" && g.route == "/judging"), "{gaps:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    for (k, v) in [("venue", "长治市科技创新中心报告厅"), ("final_date", "2026-07-25"), ("final_start", "08:30"), ("slot_minutes", "12")]
    {
        saiwu_core::actions::settings::set(&mut f.store, k, v, now()).unwrap();
    }
    let draw = saiwu_core::actions::judging::draw(&mut f.store, Round::Final, Group::Enterprise, 20260725, "秘书处", now()).unwrap();
    let w = write_all(&mut f.store, LetterKind::Finalist, dir.path(), "秘书处", now()).unwrap();
    assert_eq!(w.letters.len(), 7);
    assert_eq!(w.new_numbers.len(), 7);
    // Letters in roadshow order, numbered in that order.
    let drawn: Vec<&str> = draw.order.iter().map(|d| d.project_no.as_str()).collect();
    let written: Vec<&str> = w.letters.iter().map(|l| l.project_no.as_str()).collect();
    assert_eq!(written, drawn);
    assert_eq!(w.letters[0].number, "长治创客〔2026〕决赛通知第001号");
    assert!(w.batch.ends_with("决赛通知-全部.pdf") && w.batch.is_file());
    assert!(w.letters.iter().all(|l| l.file.is_file() && l.file.file_name().unwrap().to_string_lossy().starts_with(&l.number)));

    // The third on stage: 08:30 + 2 × 12 minutes.
    let list = letters::ready(&f.store, LetterKind::Finalist).unwrap();
    let third = &list[2];
    assert_eq!((third.order, third.slot.as_deref()), (Some(3), Some("8:54–9:06")));
    assert_eq!(third.number.as_deref(), Some("长治创客〔2026〕决赛通知第003号"));
    if let Some(text) = crate::support::pdf_text(&std::fs::read(&w.batch).unwrap()) {
        let flat = crate::support::flat(&text);
        for want in
            ["决赛通知", "长治创客〔2026〕决赛通知第003号", "8:54–9:06", "第3位出场", "长治市科技创新中心报告厅", "2026年7月25日", "杨希0355-3032370"]
        {
            assert!(flat.contains(want), "{want} missing from the batch PDF: {flat}");
        }
    }

    // The phoning list: title says the phones are full, one row per letter with its number and slot.
    let mut wb = open_workbook_auto(&w.contacts).unwrap();
    let r = wb.worksheet_range("决赛通知联系名单").unwrap();
    let rows: Vec<Vec<String>> = r.rows().map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
    assert!(rows[0][0].contains("完整号码") && rows[0][0].contains("仅供秘书处"), "{:?}", rows[0]);
    assert_eq!(rows[1][..6], ["通知编号", "项目编号", "项目名称", "参赛主体", "负责人", "联系电话"]);
    assert_eq!(rows.len(), 2 + 7);
    assert_eq!((rows[4][0].as_str(), rows[4][9].as_str()), ("长治创客〔2026〕决赛通知第003号", "8:54–9:06"));

    // A re-print a day later keeps every number and the letters' date; the log has both runs.
    let later = DateTime::parse_from_rfc3339("2026-07-21T09:00:00+08:00").unwrap();
    let again = write_all(&mut f.store, LetterKind::Finalist, dir.path(), "李四", later).unwrap();
    assert!(again.new_numbers.is_empty());
    assert_eq!(again.letters.iter().map(|l| &l.number).collect::<Vec<_>>(), w.letters.iter().map(|l| &l.number).collect::<Vec<_>>());
    assert_eq!(letters::ready(&f.store, LetterKind::Finalist).unwrap()[0].issued_on.as_deref(), Some("2026-07-20"));
    let log = letters::log(&f.store).unwrap();
    assert_eq!(log.len(), 14);
    assert_eq!((log[0].who.as_str(), log[0].kind_label.as_str()), ("李四", "决赛通知"));
}

#[test]
fn advance_and_award_letters() {
    let mut f = scored_final();
    let dir = tempfile::tempdir().unwrap();
    // 入围通知 name the round entered.
    let adv = write_all(&mut f.store, LetterKind::Advance, dir.path(), "秘书处", now()).unwrap();
    assert_eq!(adv.letters.len(), 7);
    assert_eq!(adv.letters[0].number, "长治创客〔2026〕入围通知第001号");
    let list = letters::ready(&f.store, LetterKind::Advance).unwrap();
    assert!(list.iter().all(|l| l.round == Some(Round::Final) && l.round_label == "决赛"));

    // 获奖通知 wait for the frozen list.
    let e = write_all(&mut f.store, LetterKind::Award, dir.path(), "秘书处", now()).unwrap_err();
    assert!(e.to_string().contains("锁定"), "{e}");
    saiwu_core::actions::judging::decide_tie(
        &mut f.store,
        Round::Final,
        Group::Enterprise,
        &[f.nos[2].clone(), f.nos[1].clone()],
        "评委会投票",
        "秘书处",
        now(),
    )
    .unwrap();
    saiwu_core::actions::awards::freeze(&mut f.store, "主任", None, now()).unwrap();
    let w = write_all(&mut f.store, LetterKind::Award, dir.path(), "秘书处", now()).unwrap();
    assert_eq!(w.letters.len(), 5);
    assert_eq!(w.letters[0].project_no, f.nos[0], "一等奖 first");
    let first = &letters::ready(&f.store, LetterKind::Award).unwrap()[0];
    let s = saiwu_core::settings::load(&f.store).unwrap();
    let page: String = letters::lay_out(first, &LetterTemplate::for_kind(LetterKind::Award), &s).unwrap().texts().collect();
    assert!(page.contains("企业组一等奖（奖金：30000 元）") && page.contains("长治创客〔2026〕获奖通知第001号"), "{page}");

    // An edited template is kept per kind and used.
    let t = LetterTemplate { title: "获奖喜报".into(), ..letters::templates(&f.store).unwrap().award };
    saiwu_core::actions::letters::save_template(&mut f.store, LetterKind::Award, &t, now()).unwrap();
    let all = letters::templates(&f.store).unwrap();
    assert_eq!((all.award.title.as_str(), all.finalist.title.as_str()), ("获奖喜报", "决赛通知"));
    let bad = LetterTemplate { body: "{奖状}".into(), ..t };
    assert_eq!(saiwu_core::actions::letters::save_template(&mut f.store, LetterKind::Award, &bad, now()).unwrap_err().code(), "INVALID_INPUT");
}
