//! `saiwu season new --from OLD --db NEW` (issue #12 item 6) as a script uses it: the new file read back with
//! the CLI — settings moved a year, judges there, no entries, last season's provincial winner on the
//! provincial-winners list (R03 fails it when it enters again) — and an existing target refused with exit 2.
use std::path::Path;

use crate::support::{json, ok, root, saiwu};

/// Scores every entry of a round from its panels: one 总分 per judge, descending within each group.
fn score_round(db: &Path, round: &str) {
    ok(&saiwu(db, &["panels", "--round", round, "--auto", "--json"]));
    let panels = json(&saiwu(db, &["panels", "--round", round, "--json"]));
    let ranking = json(&saiwu(db, &["ranking", "--round", round, "--json"]));
    let mut csv = String::from("项目编号,评委,总分\n");
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for e in ranking.as_array().unwrap() {
        let group = e["group"].as_str().unwrap().to_string();
        let label = if group == "enterprise" { "企业" } else { "创业" };
        let panel = panels.as_array().unwrap().iter().find(|p| p["name"].as_str().is_some_and(|n| n.starts_with(label))).unwrap();
        let i = seen.entry(group).or_default();
        for j in panel["judges"].as_array().unwrap() {
            csv.push_str(&format!("{},{},{}\n", e["project_no"].as_str().unwrap(), j["name"].as_str().unwrap(), 90.0 - 0.5 * *i as f64));
        }
        *i += 1;
    }
    let path = db.parent().unwrap().join(format!("{round}.csv"));
    std::fs::write(&path, csv).unwrap();
    ok(&saiwu(db, &["scores", "import", "--round", round, path.to_str().unwrap(), "--json"]));
}

#[test]
fn season_new_carries_the_settings_judges_and_provincial_winners() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("第十一届.sqlite");
    let export = root().join("fixtures/generated/export_v1.xlsx");
    ok(&saiwu(&old, &["import", "entries", export.to_str().unwrap()]));
    ok(&saiwu(&old, &["import", "reference", "judges", root().join("fixtures/handmade/judges.xlsx").to_str().unwrap()]));
    score_round(&old, "preliminary");
    ok(&saiwu(&old, &["advance", "--round", "final", "--top", "3", "--json"]));
    score_round(&old, "final");
    let rec = json(&saiwu(&old, &["provincial", "list", "--json"]));
    let winner = rec[0]["project_no"].as_str().expect("a recommended project").to_string();
    ok(&saiwu(&old, &["provincial", "set", &winner, "二等奖"]));

    let new = dir.path().join("第十二届.sqlite");
    let made = json(&saiwu(&new, &["season", "new", "--from", old.to_str().unwrap(), "--json"]));
    assert_eq!((made["edition"].as_str(), made["year"].as_i64()), (Some("第十二届"), Some(2027)));
    assert_eq!(made["winners_added"][0]["source"].as_str(), Some("第十一届长治市赛推荐，省赛二等奖"));

    // The new file, read back with the CLI.
    let settings = json(&saiwu(&new, &["settings", "get"]));
    assert_eq!((settings["edition"].as_str(), settings["year"].as_i64()), (Some("第十二届"), Some(2027)));
    assert_eq!(settings["deadline"].as_str(), Some("2027-07-10"));
    assert_eq!(settings["milestones"]["followup_end"].as_str(), Some("2027-12-31"));
    assert_eq!(json(&saiwu(&new, &["judges", "--json"])).as_array().unwrap().len(), 6);
    assert!(json(&saiwu(&new, &["entries", "--json"])).as_array().unwrap().is_empty(), "no entries");
    // Last season's provincial winner is on the R03 list: entering again, it fails R03.
    ok(&saiwu(&new, &["import", "entries", export.to_str().unwrap()]));
    let check = json(&saiwu(&new, &["check", "--json"]));
    let v = check.as_array().unwrap().iter().find(|v| v["project_no"].as_str() == Some(winner.as_str())).unwrap();
    let r03 = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "R03").unwrap();
    assert_eq!(r03["outcome"].as_str(), Some("fail"), "{r03}");
    assert!(r03["message"].as_str().unwrap().contains("第十一届长治市赛推荐，省赛二等奖"), "{r03}");
    // The province's own list appended (--append): the carried winner stays on it, R03 still fails it.
    let official = new.with_file_name("省级公布的获奖名单.csv");
    std::fs::write(&official, "年份,组别,项目名称,企业名称,统一社会信用代码,奖项\n2025,企业组,外市的省赛项目,外市某公司,,一等奖\n").unwrap();
    let r = json(&saiwu(&new, &["import", "reference", "provincial-winners", official.to_str().unwrap(), "--append", "--json"]));
    assert_eq!((r["appended"].as_bool(), r["added"].as_u64(), r["replaced"].as_u64()), (Some(true), Some(1), Some(0)), "{r}");
    assert!(r["kept"].as_u64().unwrap_or(0) >= 1, "{r}");
    let check = json(&saiwu(&new, &["check", "--json"]));
    let v = check.as_array().unwrap().iter().find(|v| v["project_no"].as_str() == Some(winner.as_str())).unwrap();
    let r03 = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "R03").unwrap();
    assert_eq!(r03["outcome"].as_str(), Some("fail"), "appending kept the carried row: {r03}");
    // 已核对 from the command line.
    let c = json(&saiwu(&new, &["season", "confirm", "--by", "杨希", "--json"]));
    assert_eq!(c["confirmed_by"].as_str(), Some("杨希"));

    // An existing target: exit 2, a message naming it, the file untouched.
    let before = std::fs::read(&new).unwrap();
    let o = saiwu(&new, &["season", "new", "--from", old.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("第十二届.sqlite"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&new).unwrap(), before);
    // A missing source is exit 2 too, and is not created.
    let gone = dir.path().join("无.sqlite");
    let o = saiwu(&dir.path().join("另一个.sqlite"), &["season", "new", "--from", gone.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!gone.exists() && !dir.path().join("另一个.sqlite").exists());
}
