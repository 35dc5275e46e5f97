//! The next season from this one (issue #12 item 6): a new contest file with the settings moved a year and
//! flagged for checking, the judges, profiles and templates, no entries or results, this season's provincial
//! winners on the provincial-winners list (so R03 catches them next year), and a `season-new` event in both
//! files; an existing target is refused untouched.
use crate::awards::scored_final;
use crate::support::root;
use chrono::{DateTime, FixedOffset};
use saiwu_core::actions::season_new;
use saiwu_core::import::ApplyRequest;
use saiwu_core::model::{Group, Outcome, ProvincialOutcome, Round};
use saiwu_core::reference::{self, RefKind};
use saiwu_core::season::next;
use saiwu_core::{settings, store, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2027-01-05T10:00:00+08:00").unwrap()
}

#[test]
fn the_next_season_takes_the_settings_judges_templates_and_provincial_winners() {
    let mut f = scored_final();
    let order = [f.nos[1].clone(), f.nos[2].clone()];
    saiwu_core::actions::judging::decide_tie(&mut f.store, Round::Final, Group::Enterprise, &order, "评委会投票", "秘书处", now()).unwrap();
    let rec = saiwu_core::awards::recommendation(&f.store).unwrap();
    let inside: Vec<String> = rec.entries.iter().filter(|e| e.included).map(|e| e.project_no.clone()).collect();
    assert!(inside.len() >= 2);
    saiwu_core::actions::season::set_provincial(&mut f.store, &inside[0], ProvincialOutcome::Second, now()).unwrap();
    saiwu_core::actions::season::set_provincial(&mut f.store, &inside[1], ProvincialOutcome::None, now()).unwrap();
    store::imports::save_profile(f.store.conn(), "国家平台2026版", r#"{"项目编号":"project_no"}"#, "2026-06-01T10:00:00+08:00").unwrap();
    store::certificates::save_template_json(f.store.conn(), r#"{"title":"荣誉证书"}"#, "2026-06-01T10:00:00+08:00").unwrap();
    saiwu_core::actions::settings::set(&mut f.store, "final_date", "2026-07-25", now()).unwrap();

    let plan = next::plan(&f.store).unwrap();
    assert_eq!((plan.to_edition.as_str(), plan.to_year), ("第十二届", 2027));
    assert_eq!(plan.winners.iter().map(|w| w.project_no.as_str()).collect::<Vec<_>>(), [inside[0].as_str()], "未获奖 is no prize");
    assert!(plan.carried.iter().any(|c| c.label.starts_with("评委名单") && c.count == Some(3)));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("第十二届.sqlite");
    let made = season_new::create_next(&mut f.store, &path, now()).unwrap();
    assert_eq!((made.edition.as_str(), made.year), ("第十二届", 2027));
    assert_eq!(made.winners_added.len(), 1);
    assert_eq!(made.winners_added[0].source, "第十一届长治市赛推荐，省赛二等奖");

    let mut new = Store::open_existing(&path).unwrap();
    let st = settings::load(&new).unwrap();
    assert_eq!((st.edition.as_str(), st.year, st.contest_name.as_str()), ("第十二届", 2027, "第十二届“创客中国”长治市中小企业创新创业大赛"));
    assert_eq!((st.deadline.to_string(), st.milestones.followup_end.to_string()), ("2027-07-10".into(), "2027-12-31".into()));
    assert_eq!(st.final_date.map(|d| d.to_string()).as_deref(), Some("2027-07-25"));
    let old_st = settings::load(&f.store).unwrap();
    assert_eq!((st.score_sheets, st.award_quota), (old_st.score_sheets, old_st.award_quota), "the score sheets and quotas as they were");
    // Judges, the profile and the template; no entries, scores, awards or results.
    assert_eq!(saiwu_core::judges::list(&new).unwrap().len(), 3);
    assert!(store::imports::profile_json(new.conn(), "国家平台2026版").unwrap().is_some());
    assert!(store::certificates::template_json(new.conn()).unwrap().is_some());
    assert!(saiwu_core::entries::by_key(&new, false).unwrap().is_empty());
    assert!(saiwu_core::season::provincial(&new).unwrap().is_empty());
    assert!(saiwu_core::season::followups(&new, None, None).unwrap().is_empty());
    let count = |s: &Store, t: &str| -> i64 { s.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap() };
    for t in ["scores", "conflicts", "panels", "award_sets", "certificates", "objections"] {
        assert_eq!(count(&new, t), 0, "{t}");
    }
    // The flag a person clears, listing what moved.
    let check = next::check(&new).unwrap().expect("to be checked");
    assert!(check.confirmed_at.is_none());
    assert!(check.moved.iter().any(|m| m.key == "deadline" && m.from == "2026-07-10" && m.to == "2027-07-10"));
    // Its own contest id; the event names the previous contest; the previous one keeps a note.
    let old_id = store::audit::contest_id(f.store.conn()).unwrap().unwrap();
    let new_id = store::audit::contest_id(new.conn()).unwrap().unwrap();
    assert_ne!(old_id, new_id);
    assert_eq!(made.contest_id, new_id);
    let events = store::next_season::season_new_events(new.conn()).unwrap();
    assert_eq!(events.len(), 1);
    let detail: serde_json::Value = serde_json::from_str(&events[0].1).unwrap();
    assert_eq!(detail["from_contest_id"].as_str(), Some(old_id.as_str()));
    let note: serde_json::Value = serde_json::from_str(&store::next_season::season_new_events(f.store.conn()).unwrap()[0].1).unwrap();
    assert_eq!(note["next_contest_id"].as_str(), Some(new_id.as_str()));
    assert!(store::audit::verify(&new).unwrap().ok, "the new file's log is whole");

    // The provincial-winners list holds the winner with its source, and R03 catches it next year.
    let rows = reference::rows(&new, RefKind::ProvincialWinners).unwrap().expect("the list is there");
    let winner = rows.iter().find(|r| reference::text(r, "source") == Some("第十一届长治市赛推荐，省赛二等奖")).unwrap();
    assert_eq!(winner["year"], 2026);
    saiwu_core::actions::import::apply(
        &mut new,
        &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() },
        now(),
        &mut |_| {},
    )
    .unwrap();
    let verdicts = saiwu_core::screening::check(&new).unwrap();
    let v = verdicts.iter().find(|v| v.project_no.as_deref() == Some(inside[0].as_str())).unwrap();
    let r03 = v.findings.iter().find(|f| f.rule == "R03").unwrap();
    assert_eq!(r03.outcome, Outcome::Fail, "{}", r03.message);
    assert!(r03.message.contains("省赛二等奖"), "{}", r03.message);
    let other = verdicts.iter().find(|v| v.project_no.as_deref() == Some(inside[1].as_str())).unwrap();
    assert_ne!(other.findings.iter().find(|f| f.rule == "R03").unwrap().outcome, Outcome::Fail, "未获奖 is not barred");

    // 已核对 keeps who and when; a blank name is refused.
    assert_eq!(season_new::confirm_check(&mut new, " ", now()).unwrap_err().field(), Some("who"));
    let c = season_new::confirm_check(&mut new, "杨希", now()).unwrap();
    assert_eq!((c.confirmed_by.as_deref(), c.confirmed_at.is_some()), (Some("杨希"), true));
    assert_eq!(next::check(&new).unwrap().unwrap().confirmed_by.as_deref(), Some("杨希"));
    // A contest not made from another has nothing to confirm.
    assert_eq!(season_new::confirm_check(&mut f.store, "杨希", now()).unwrap_err().code(), "PRECONDITION");
}

#[test]
fn an_existing_target_is_refused_untouched() {
    let mut f = scored_final();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("已有.sqlite");
    std::fs::write(&path, b"not mine").unwrap();
    let err = season_new::create_next(&mut f.store, &path, now()).unwrap_err();
    assert_eq!(err.code(), "STORE_EXISTS");
    assert_eq!(std::fs::read(&path).unwrap(), b"not mine");
    assert!(store::next_season::season_new_events(f.store.conn()).unwrap().is_empty(), "no note without a new file");
}

/// The dashboard's overdue card (issue #12 item 7): each project's latest record whose next contact is past the
/// day asked, with the due date and the days overdue; nothing without a date; the note of a next season made.
#[test]
fn the_dashboard_lists_overdue_followups_on_the_day_asked() {
    use saiwu_core::actions::season::{add_followup, FollowUpInput};
    use saiwu_core::model::FollowUpKind;
    let mut f = scored_final();
    let (a, b, c) = (f.nos[0].clone(), f.nos[1].clone(), f.nos[2].clone());
    let mut add = |entry: &str, date: &str, next: Option<&str>| {
        add_followup(
            &mut f.store,
            &FollowUpInput { entry, date, kind: FollowUpKind::Contact, note: "电话回访", amount_wan: None, next_due: next },
            now(),
        )
        .unwrap();
    };
    add(&a, "2026-08-10", Some("2026-09-01"));
    add(&a, "2026-09-01", Some("2026-10-15")); // the latest record counts
    add(&b, "2026-08-20", Some("2026-09-20"));
    add(&c, "2026-08-20", None); // no next contact: never overdue
    let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    let d = saiwu_core::overview::dashboard_on(&f.store, today).unwrap();
    let got: Vec<(&str, &str, i64)> = d.overdue_followups.iter().map(|o| (o.project_no.as_str(), o.due.as_str(), o.days_overdue)).collect();
    assert_eq!(got, [(b.as_str(), "2026-09-20", 30), (a.as_str(), "2026-10-15", 5)]);
    assert!(d.overdue_followups[0].project_name.is_some());
    // Due today is not overdue yet; without a date nothing is.
    let d = saiwu_core::overview::dashboard_on(&f.store, chrono::NaiveDate::from_ymd_opt(2026, 9, 20).unwrap()).unwrap();
    assert!(d.overdue_followups.is_empty(), "{:?}", d.overdue_followups);
    assert!(saiwu_core::overview::dashboard(&f.store).unwrap().overdue_followups.is_empty());

    assert_eq!(next::next_season_file(&f.store).unwrap(), None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("下一届.sqlite");
    season_new::create_next(&mut f.store, &path, now()).unwrap();
    assert_eq!(next::next_season_file(&f.store).unwrap(), Some(path.display().to_string()));
    let new = Store::open_existing(&path).unwrap();
    assert_eq!(next::next_season_file(&new).unwrap(), None, "the new file names where it came from, not a next one");
}
