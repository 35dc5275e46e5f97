//! Changes to the 评委 list by hand: add, edit, retire. (An imported list is upserted by the
//! reference-list import through `judges::upsert`.) A judge is never deleted: scores reference it.
use chrono::{DateTime, FixedOffset};

use crate::error::{CoreError, Result};
use crate::import::cells::mask_phone;
use crate::judges::{all, duplicate_error, get_in, opt_text, same_person, typed_phone, Judge, JudgeInput};
use crate::store::{self, Store};
use crate::text::clean_text;

/// Adds a judge by hand.
pub fn add(store: &mut Store, input: &JudgeInput, now: DateTime<FixedOffset>) -> Result<Judge> {
    let name = clean_text(&input.name);
    if name.is_empty() {
        return Err(CoreError::validation(Some("name"), "评委姓名不能为空。"));
    }
    let phone = match input.phone.as_deref() {
        Some(p) => typed_phone(p)?,
        None => None,
    };
    let tx = store.conn_mut().transaction()?;
    if let Some(other) = same_person(&all(&tx)?, None, &name, phone.as_deref()) {
        return Err(duplicate_error(&other));
    }
    let id = with_fields(&name, input, phone.as_deref(), |f| store::judges::insert(&tx, f, "manual", &now.to_rfc3339()))?;
    let judge = get_in(&tx, id)?;
    tx.commit()?;
    Ok(judge)
}

/// The stored fields of a judge from the window's input (texts trimmed, empty ones none), handed to `write`.
fn with_fields<T>(name: &str, input: &JudgeInput, phone: Option<&str>, write: impl FnOnce(&store::judges::Fields) -> Result<T>) -> Result<T> {
    let (organization, title, expertise) =
        (opt_text(input.organization.as_deref()), opt_text(input.title.as_deref()), opt_text(input.expertise.as_deref()));
    write(&store::judges::Fields { name, organization: organization.as_deref(), title: title.as_deref(), expertise: expertise.as_deref(), phone })
}

/// Edits a judge. `input.phone` None keeps the stored phone; "" clears it.
pub fn update(store: &mut Store, id: i64, input: &JudgeInput, now: DateTime<FixedOffset>) -> Result<Judge> {
    let name = clean_text(&input.name);
    if name.is_empty() {
        return Err(CoreError::validation(Some("name"), "评委姓名不能为空。"));
    }
    let tx = store.conn_mut().transaction()?;
    let current = get_in(&tx, id)?;
    let phone = match input.phone.as_deref() {
        None => current.phone.clone(),
        // The masked phone sent back unchanged means "keep it".
        Some(p) if current.phone.as_deref().map(mask_phone).as_deref() == Some(p.trim()) => current.phone.clone(),
        Some(p) => typed_phone(p)?,
    };
    if let Some(other) = same_person(&all(&tx)?, Some(id), &name, phone.as_deref()) {
        return Err(duplicate_error(&other));
    }
    with_fields(&name, input, phone.as_deref(), |f| store::judges::update(&tx, id, f, &now.to_rfc3339()))?;
    let judge = get_in(&tx, id)?;
    tx.commit()?;
    Ok(judge)
}

/// Retires (or brings back) a judge; a judge is never deleted because scores may reference it.
pub fn set_active(store: &mut Store, id: i64, active: bool, now: DateTime<FixedOffset>) -> Result<Judge> {
    let tx = store.conn_mut().transaction()?;
    let current = get_in(&tx, id)?;
    if current.active != active {
        store::judges::set_active(&tx, id, active, &now.to_rfc3339())?;
    }
    let judge = get_in(&tx, id)?;
    tx.commit()?;
    Ok(judge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judges::{count, list, list_for_window, name_key, upsert, Incoming};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-07-20T09:00:00+08:00").unwrap()
    }

    fn input(name: &str, phone: Option<&str>) -> JudgeInput {
        JudgeInput { name: name.into(), organization: Some(" 长治示范学院 ".into()), phone: phone.map(str::to_string), ..Default::default() }
    }

    #[test]
    fn names_match_across_spaces_width_and_dots() {
        assert_eq!(name_key("欧阳 娜"), name_key("欧阳娜"));
        assert_eq!(name_key("买买提·艾力"), name_key("买买提•艾力"));
        assert_eq!(name_key("ＬＩ　Ｌｅｉ"), "lilei");
    }

    #[test]
    fn add_update_and_retire_by_hand() {
        let mut s = Store::open_in_memory().unwrap();
        let j = add(&mut s, &input("郑思远", Some("139 0000 0001")), now()).unwrap();
        assert_eq!((j.source.as_str(), j.active, j.phone.as_deref()), ("manual", true, Some("13900000001")));
        assert_eq!(j.organization.as_deref(), Some("长治示范学院"));
        assert_eq!(list_for_window(&s).unwrap()[0].phone.as_deref(), Some("139****0001"));

        // Same name without a distinguishing phone is refused; with another phone it is another person.
        let e = add(&mut s, &input("郑 思远", None), now()).unwrap_err();
        assert!(e.to_string().contains("已有同名评委"), "{e}");

        // The masked phone sent back means "keep"; None keeps too; a bad phone is refused.
        let u = update(
            &mut s,
            j.id,
            &JudgeInput { name: "郑思远".into(), title: Some("教授".into()), phone: Some("139****0001".into()), ..Default::default() },
            now(),
        )
        .unwrap();
        assert_eq!((u.phone.as_deref(), u.title.as_deref(), u.organization.as_deref()), (Some("13900000001"), Some("教授"), None));
        let kept = update(&mut s, j.id, &JudgeInput { name: "郑思远".into(), ..Default::default() }, now()).unwrap();
        assert_eq!(kept.phone.as_deref(), Some("13900000001"));
        assert!(update(&mut s, j.id, &JudgeInput { name: "郑思远".into(), phone: Some("12*".into()), ..Default::default() }, now()).is_err());
        assert!(update(&mut s, j.id, &JudgeInput { name: "郑思远".into(), phone: Some("abc".into()), ..Default::default() }, now()).is_err());
        let cleared = update(&mut s, j.id, &JudgeInput { name: "郑思远".into(), phone: Some("".into()), ..Default::default() }, now()).unwrap();
        assert_eq!(cleared.phone, None);
        update(&mut s, j.id, &JudgeInput { name: "郑思远".into(), phone: Some("13900000001".into()), ..Default::default() }, now()).unwrap();

        // With another phone a namesake is another person; then neither may lose the phone that tells them apart.
        let other = add(&mut s, &input("郑思远", Some("13900000009")), now()).unwrap();
        assert_ne!(other.id, j.id);
        let e = update(&mut s, j.id, &JudgeInput { name: "郑思远".into(), phone: Some("".into()), ..Default::default() }, now()).unwrap_err();
        assert!(e.to_string().contains("已有同名评委"), "{e}");
        assert_eq!(update(&mut s, 999, &input("某", None), now()).unwrap_err().code(), "NOT_FOUND");
        assert_eq!(add(&mut s, &input("  ", None), now()).unwrap_err().code(), "INVALID_INPUT");

        let off = set_active(&mut s, j.id, false, now()).unwrap();
        assert!(!off.active);
        assert_eq!(count(&s).unwrap(), 2);
    }

    #[test]
    fn upsert_matches_by_name_and_phone() {
        let mut s = Store::open_in_memory().unwrap();
        let first = add(&mut s, &input("秦晓岚", Some("13900000002")), now()).unwrap();
        let inc = |row, name: &str, phone: Option<&str>, title: Option<&str>| Incoming {
            row,
            name: name.into(),
            phone: phone.map(str::to_string),
            title: title.map(str::to_string),
            ..Default::default()
        };
        let tx = s.conn_mut().transaction().unwrap();
        let out = upsert(
            &tx,
            &[
                inc(2, "秦晓岚", Some("13900000002"), Some("研究员")),
                inc(3, "秦晓岚", Some("13900000003"), None), // another 秦晓岚
                inc(4, "韩立新", None, None),
                inc(5, "韩立新", None, None), // repeated row
            ],
            now(),
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!((out.added, out.updated, out.unchanged, out.kept), (2, 1, 0, 0));
        assert_eq!(out.notes.len(), 1);
        assert_eq!((out.notes[0].0, out.notes[0].1), (5, "DUPLICATE_IN_FILE"));
        let all = list(&s).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].id, first.id);
        assert_eq!(all[0].title.as_deref(), Some("研究员"));
        assert_eq!(all[0].organization.as_deref(), Some("长治示范学院"), "an empty cell never clears a stored value");
    }
}
