//! 新建下一届赛事 (issue #12 item 6): a new contest file made from this one — what `season::next::CARRIED`
//! lists, with the settings moved a year and flagged for a person to check, and this season's provincial
//! winners added to the provincial-winners list. The new file records a `season-new` event naming this one
//! (file and contest id); this one records a `season-new` note naming the new file, so its dashboard knows the
//! next season exists. Nothing of this season's entries, scores, awards, objections or follow-up goes along.
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::season::next::{self, SeasonCheck, Source, CARRIED, CHECK_KEY};
use crate::settings;
use crate::store::{self, audit, Store};

/// What was carried, as the CLI and the window report it.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct CarriedCount {
    pub label: String,
    /// Rows copied (judges, profiles, list rows); None for the settings and a template.
    pub count: Option<i64>,
}

/// The new contest file and what it took.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct NewSeason {
    pub db_path: String,
    pub contest_id: String,
    pub contest_name: String,
    pub edition: String,
    pub year: i32,
    pub from_contest_id: String,
    pub carried: Vec<CarriedCount>,
    /// This season's provincial winners added to the new provincial-winners list.
    pub winners_added: Vec<next::ProvincialWinner>,
    pub moved: Vec<next::MovedSetting>,
    pub warnings: Vec<String>,
}

/// Creates the next season's contest file at `new_path` from `old` (refused when the file exists:
/// `STORE_EXISTS`, nothing touched). All of it is written in one transaction; on failure the half-made file
/// is removed.
pub fn create_next(old: &mut Store, new_path: &Path, now: DateTime<FixedOffset>) -> Result<NewSeason> {
    if new_path.exists() {
        return Err(CoreError::AlreadyExists(new_path.to_path_buf()));
    }
    let st = settings::load(old)?;
    let (moved_st, moved, mut warnings) = next::moved_settings(&st);
    let winners = next::provincial_winners(old, &st)?;
    let winners_kind = crate::reference::RefKind::ProvincialWinners.code();
    if !winners.is_empty() && store::reference::import_count(old.conn(), winners_kind)? == 0 {
        warnings.push("本届没有导入近三届省赛获奖名单：新赛事的这份名单只有本届获省赛奖项的项目，请再导入往届的名单。".into());
    }
    let from_contest_id = audit::contest_id(old.conn())?.unwrap_or_default();
    let mut new = Store::create_new(new_path)?;
    new.set_data_dir(old.data_dir().map(Path::to_path_buf));
    let filled = fill(old, &mut new, &moved_st, &winners, (&moved, &warnings), &from_contest_id, now);
    let carried = match filled {
        Ok(c) => c,
        Err(e) => {
            drop(new);
            for suffix in ["", "-wal", "-shm"] {
                let mut p = new_path.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
    };
    new.persist_audit_head(now)?;
    let contest_id = audit::contest_id(new.conn())?.unwrap_or_default();
    // The old season's note: the next season exists (its dashboard then stops suggesting it).
    let tx = old.conn_mut().transaction()?;
    audit::record_event(
        &tx,
        "season-new",
        &serde_json::json!({ "next_file": new_path.display().to_string(), "next_contest_id": contest_id, "next_contest_name": moved_st.contest_name }),
        now,
    )?;
    tx.commit()?;
    Ok(NewSeason {
        db_path: new_path.display().to_string(),
        contest_id,
        contest_name: moved_st.contest_name,
        edition: moved_st.edition,
        year: moved_st.year,
        from_contest_id,
        carried,
        winners_added: winners.into_iter().map(|(w, _)| w).collect(),
        moved,
        warnings,
    })
}

type Winners = [(next::ProvincialWinner, store::reference::RefRow)];

fn fill(
    old: &Store,
    new: &mut Store,
    moved_st: &settings::Settings,
    winners: &Winners,
    (moved, warnings): (&[next::MovedSetting], &[String]),
    from_contest_id: &str,
    now: DateTime<FixedOffset>,
) -> Result<Vec<CarriedCount>> {
    let at = now.to_rfc3339();
    let from = old.conn();
    let tx = new.conn_mut().transaction()?;
    let mut carried = Vec::new();
    for item in CARRIED {
        let count = match item.source {
            Source::Settings => {
                for (k, v) in settings::to_rows(moved_st)? {
                    store::settings::put(&tx, &k, &v, &at)?;
                }
                None
            }
            Source::InSettings => None,
            Source::Table(t) => Some(store::next_season::copy_table(from, &tx, t)? as i64),
            Source::SettingsRow(key) => {
                if let Some(v) = store::next_season::settings_row(from, key)? {
                    store::next_season::put_settings_row(&tx, key, &v, &at)?;
                }
                None
            }
            Source::Reference(kind) => {
                let mut n = store::next_season::copy_reference(from, &tx, kind)?;
                if kind == crate::reference::RefKind::ProvincialWinners.code() && !winners.is_empty() {
                    let old_st = settings::load_from(from)?;
                    let file = format!("{}省赛结果（由上一届赛事带入）", old_st.contest_name);
                    let id = store::reference::record_import(&tx, kind, &file, "省赛结果", &at, winners.len(), 0)?;
                    let rows: Vec<(usize, store::reference::RefRow)> = winners.iter().enumerate().map(|(i, (_, r))| (i + 1, r.clone())).collect();
                    store::reference::insert_rows(&tx, kind, id, &rows)?;
                    n += rows.len();
                }
                Some(n as i64)
            }
        };
        carried.push(CarriedCount { label: item.label.into(), count });
    }
    let old_st = settings::load_from(from)?;
    let check = SeasonCheck {
        from_file: old.path().display().to_string(),
        from_contest_id: from_contest_id.into(),
        from_contest_name: old_st.contest_name.clone(),
        created_at: at.clone(),
        moved: moved.to_vec(),
        warnings: warnings.to_vec(),
        confirmed_by: None,
        confirmed_at: None,
    };
    let json = serde_json::to_string(&check).map_err(|e| CoreError::validation(None, e.to_string()))?;
    store::next_season::put_settings_row(&tx, CHECK_KEY, &json, &at)?;
    audit::record_event(
        &tx,
        "season-new",
        &serde_json::json!({
            "from_file": check.from_file,
            "from_contest_id": from_contest_id,
            "from_contest_name": old_st.contest_name,
            "carried": carried.iter().map(|c| serde_json::json!({ "what": c.label, "count": c.count })).collect::<Vec<_>>(),
            "provincial_winners_added": winners.len(),
        }),
        now,
    )?;
    tx.commit()?;
    Ok(carried)
}

/// 已核对: a person confirms the moved settings of a contest made from the previous one (who and when kept).
pub fn confirm_check(store: &mut Store, who: &str, now: DateTime<FixedOffset>) -> Result<SeasonCheck> {
    let who = who.trim();
    if who.is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写核对人姓名。"));
    }
    let Some(mut check) = next::check(store)? else {
        return Err(CoreError::precondition("本赛事不是由上一届赛事新建的，没有需要核对的顺延设置。"));
    };
    if check.confirmed_at.is_some() {
        return Ok(check);
    }
    check.confirmed_by = Some(who.into());
    check.confirmed_at = Some(now.to_rfc3339());
    let json = serde_json::to_string(&check).map_err(|e| CoreError::validation(None, e.to_string()))?;
    let tx = store.conn_mut().transaction()?;
    store::next_season::put_settings_row(&tx, CHECK_KEY, &json, &now.to_rfc3339())?;
    tx.commit()?;
    Ok(check)
}
