//! Changing the contest settings: stored and re-screened in one transaction (the deadline, the
//! reference date, the year and the 个体工商户 setting change verdicts).
use chrono::{DateTime, FixedOffset};

use crate::actions::screening::{rescreen, Scope};
use crate::error::Result;
use crate::settings::{self, Settings};
use crate::store::Store;

/// Validates and stores every setting, then re-screens every entry, all in one transaction: a
/// failure anywhere leaves both the settings and the verdicts as they were.
pub fn save(store: &mut Store, settings: &Settings, now: DateTime<FixedOffset>) -> Result<Settings> {
    let rows = settings::to_rows(settings)?;
    let tx = store.conn_mut().transaction()?;
    if !settings.rounds.semifinal {
        refuse_dropping_a_used_semifinal(&tx)?;
    }
    let at = now.to_rfc3339();
    for (k, v) in &rows {
        crate::store::settings::put(&tx, k, v, &at)?;
    }
    rescreen(&tx, &Scope::Inputs, "修改赛事设置", now)?;
    let saved = settings::load_from(&tx)?;
    tx.commit()?;
    Ok(saved)
}

/// The 复赛 cannot be switched off while it holds work: its panels, scores and list would be hidden
/// (and the 决赛 would silently take from the 初赛 again). Says what to remove first.
fn refuse_dropping_a_used_semifinal(conn: &rusqlite::Connection) -> Result<()> {
    let used = crate::store::rounds::round_usage(conn, crate::model::Round::Semifinal.code())?;
    if used.is_empty() {
        return Ok(());
    }
    let what = used.iter().map(|(what, n)| format!("{what} {n} 条")).collect::<Vec<_>>().join("、");
    Err(crate::error::CoreError::precondition(format!(
        "复赛已有{what}，不能关闭复赛。请先在“评审”页的复赛中删除这些评审组、评分和晋级名单（决赛名单若取自复赛也要重新晋级），再关闭复赛。"
    )))
}

/// Sets one setting from text (`saiwu settings set KEY VALUE`); see `settings::with_text`.
pub fn set(store: &mut Store, key: &str, value: &str, now: DateTime<FixedOffset>) -> Result<Settings> {
    let next = settings::with_text(&settings::load(store)?, key, value)?;
    save(store, &next, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{get, load};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-06-01T10:00:00+08:00").unwrap()
    }

    #[test]
    fn defaults_are_the_changzhi_11th_edition() {
        let s = Store::open_in_memory().unwrap();
        let st = load(&s).unwrap();
        assert_eq!(st.deadline.to_string(), "2026-07-10");
        assert_eq!(st.reference_date, st.deadline);
        assert_eq!(st.year, 2026);
        assert_eq!(st.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["企业组", "创业组"]);
        assert!(st.organizing_units.iter().any(|u| u == "长治高新区经济运行与安全监管部"));
        assert!(st.organizing_units.iter().any(|u| u == "长治学院"));
        assert_eq!(st.organizing_units.iter().filter(|u| u.ends_with("工信局")).count(), 12);
    }

    #[test]
    fn set_and_get_by_key() {
        let mut s = Store::open_in_memory().unwrap();
        set(&mut s, "reference_date", "2026-07-31", now()).unwrap();
        assert_eq!(get(&s, Some("reference_date")).unwrap(), "2026-07-31");
        set(&mut s, "year", "2027", now()).unwrap();
        assert_eq!(get(&s, Some("year")).unwrap(), 2027);
        set(&mut s, "edition", "2027", now()).unwrap();
        assert_eq!(get(&s, Some("edition")).unwrap(), "2027");
        set(&mut s, "organizing_units", r#"["甲","乙"]"#, now()).unwrap();
        assert_eq!(load(&s).unwrap().organizing_units, ["甲", "乙"]);
    }

    /// Turning the 复赛 off while it has a panel is refused, naming what to remove; once removed it goes.
    #[test]
    fn a_used_semifinal_cannot_be_switched_off() {
        let mut s = Store::open_in_memory().unwrap();
        set(&mut s, "rounds.semifinal", "true", now()).unwrap();
        assert_eq!(get(&s, Some("rounds.semifinal")).unwrap(), true);
        let panel = crate::store::panels::insert(s.conn(), "semifinal", "复赛企业组", "2026-07-20T09:00:00+08:00").unwrap();
        let e = set(&mut s, "rounds.semifinal", "false", now()).unwrap_err();
        assert_eq!(e.code(), "PRECONDITION");
        assert!(e.to_string().contains("评审组 1 条") && e.to_string().contains("删除"), "{e}");
        assert!(load(&s).unwrap().rounds.semifinal);
        crate::store::panels::delete(s.conn(), panel).unwrap();
        set(&mut s, "rounds.semifinal", "false", now()).unwrap();
        assert!(!load(&s).unwrap().rounds.semifinal);
    }

    #[test]
    fn bad_values_are_refused_and_nothing_changes() {
        let mut s = Store::open_in_memory().unwrap();
        let e = set(&mut s, "deadline", "7月10日", now()).unwrap_err();
        assert_eq!(e.code(), "INVALID_INPUT");
        assert!(e.to_string().contains("2026-07-10"));
        assert_eq!(set(&mut s, "no_such", "1", now()).unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(set(&mut s, "organizing_units", r#"["甲","甲"]"#, now()).unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(load(&s).unwrap(), Settings::default());
    }
}
