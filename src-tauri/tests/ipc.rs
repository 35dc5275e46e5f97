//! The desktop commands driven through Tauri's real IPC path on the mock runtime (no window,
//! no display): argument names, JSON shapes and the `{code, message}` errors the UI relies on.
use std::path::{Path, PathBuf};

use saiwu_core::Store;
use saiwu_desk::state::{self, AppState, Options};
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Host {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

fn host() -> Host {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    let data_dir = dir.path().join("data");
    host_with(dir, AppState::new(Some(store), None, data_dir))
}

fn host_with(dir: tempfile::TempDir, state: AppState) -> Host {
    let app = saiwu_desk::register(mock_builder().manage(state)).build(mock_context(noop_assets())).unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Host { _dir: dir, _app: app, webview }
}

fn call(h: &Host, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &h.webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::from(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn settings_round_trip() {
    let h = host();
    let mut s = call(&h, "settings_get", json!({})).unwrap();
    assert_eq!(s["deadline"], "2026-07-10");
    assert_eq!(s["groups"][1]["name"], "创业组");
    s["reference_date"] = json!("2026-07-31");
    let saved = call(&h, "settings_save", json!({ "settings": s })).unwrap();
    assert_eq!(saved["reference_date"], "2026-07-31");
    assert_eq!(call(&h, "settings_get", json!({})).unwrap()["reference_date"], "2026-07-31");
    // A refused value comes back as {code, message} in Chinese.
    let mut bad = saved.clone();
    bad["contest_name"] = json!(" ");
    let err = call(&h, "settings_save", json!({ "settings": bad })).unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().unwrap().contains("赛事名称"));
}

#[test]
fn preview_apply_list_detail_and_undo() {
    let h = host();
    let path = root().join("fixtures/handmade/small.xlsx");
    let p = call(&h, "import_preview", json!({ "path": path, "sheet": null, "profile": null })).unwrap();
    assert_eq!(p["sheet"], "报名项目");
    assert!(p["columns"].as_array().unwrap().iter().any(|c| c["field"] == "credit_code"));
    let mapping: Vec<Value> = p["columns"].as_array().unwrap().iter().map(|c| json!({ "index": c["index"], "field": c["field"] })).collect();
    let r = call(&h, "import_apply", json!({ "path": path, "sheet": null, "mapping": mapping, "saveProfile": "测试方案", "profile": null })).unwrap();
    assert_eq!(r["new"], 6);
    let problems = r["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    assert!(problems
        .iter()
        .all(|p| p["row"].is_number() && p["file"] == "small.xlsx" && p["column"].is_string() && !p["hint"].as_str().unwrap().is_empty()));
    assert_eq!(call(&h, "profiles_list", json!({})).unwrap(), json!(["测试方案"]));

    let rows = call(&h, "entries_list", json!({})).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    // The table rows never carry ID numbers or phones.
    let text = serde_json::to_string(rows).unwrap();
    assert!(!text.contains("id_number") && !text.contains("phone"));

    let no = rows[0]["project_no"].as_str().unwrap();
    let masked = call(&h, "entry_get", json!({ "projectNo": no, "reveal": false })).unwrap();
    let id = masked["entry"]["leader"]["id_number"].as_str().unwrap();
    assert!(id.contains("********"), "{id}");
    let full = call(&h, "entry_get", json!({ "projectNo": no, "reveal": true })).unwrap();
    assert!(!full["entry"]["leader"]["id_number"].as_str().unwrap().contains('*'));
    assert_eq!(full["entry"]["source"]["row"], 5);

    let dash = call(&h, "dashboard", json!({})).unwrap();
    assert_eq!(dash["entries_total"], 6);
    // Entries to review: the next step is screening.
    assert_eq!(dash["next_step"]["route"], "/screening");
    assert!(dash["screening"]["review"].as_u64().unwrap() > 0);

    let u = call(&h, "import_undo_last", json!({})).unwrap();
    assert!(u["message"].as_str().unwrap().contains("small.xlsx"));
    assert_eq!(call(&h, "entries_list", json!({})).unwrap(), json!([]));
    assert_eq!(call(&h, "imports_list", json!({})).unwrap()[0]["undone"], true);
}

#[test]
fn errors_are_code_and_chinese_message() {
    let h = host();
    let path = root().join("fixtures/handmade/not_a_workbook.xlsx");
    let err = call(&h, "import_preview", json!({ "path": path, "sheet": null, "profile": null })).unwrap_err();
    assert_eq!(err["code"], "IMPORT_UNSUPPORTED_TYPE");
    assert!(err["message"].as_str().unwrap().contains("not_a_workbook.xlsx"));
    assert_eq!(err.as_object().unwrap().len(), 2);
    let err = call(&h, "entry_get", json!({ "projectNo": "没有", "reveal": false })).unwrap_err();
    assert_eq!(err["code"], "NOT_FOUND");
}

#[test]
fn problems_export_writes_an_xlsx() {
    let h = host();
    let path = root().join("fixtures/handmade/small.xlsx");
    call(&h, "import_apply", json!({ "path": path, "sheet": null, "mapping": null, "saveProfile": null, "profile": null })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("问题清单");
    let written = call(&h, "problems_export", json!({ "path": out, "importId": null })).unwrap();
    let written = PathBuf::from(written.as_str().unwrap());
    assert_eq!(written.extension().unwrap(), "xlsx");
    let bytes = std::fs::read(&written).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04") && bytes.len() > 2000);
}

#[test]
fn contest_files_can_be_created_and_opened() {
    let h = host();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("第二届.sqlite");
    let info = call(&h, "contest_create", json!({ "path": path })).unwrap();
    assert_eq!(info["db_path"], path.display().to_string());
    let err = call(&h, "contest_create", json!({ "path": path })).unwrap_err();
    assert_eq!(err["code"], "STORE_EXISTS");
    let info = call(&h, "contest_open", json!({ "path": path })).unwrap();
    assert_eq!(info["contest_name"], "第十一届“创客中国”长治市中小企业创新创业大赛");
    assert_eq!(call(&h, "contest_current", json!({})).unwrap()["db_path"], path.display().to_string());
    let err = call(&h, "contest_open", json!({ "path": dir.path().join("无.sqlite") })).unwrap_err();
    assert_eq!(err["code"], "NOT_FOUND");
}

#[test]
fn screening_list_and_decide() {
    let h = host();
    let path = root().join("fixtures/handmade/small.xlsx");
    call(&h, "import_apply", json!({ "path": path, "sheet": null, "mapping": null, "saveProfile": null, "profile": null })).unwrap();
    let s = call(&h, "screening_list", json!({})).unwrap();
    assert_eq!(s["counts"]["total"], 6);
    assert!(s["unchecked"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().starts_with("R03")));
    let review = s["verdicts"].as_array().unwrap().iter().find(|v| v["verdict"] == "review").expect("small.xlsx has an entry to review");
    let no = review["project_no"].as_str().unwrap();
    let err = call(&h, "screening_decide", json!({ "projectNo": no, "verdict": "eligible", "reason": "", "decidedBy": "王" })).unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    call(&h, "screening_decide", json!({ "projectNo": no, "verdict": "eligible", "reason": "已核实", "decidedBy": "王" })).unwrap();
    let s2 = call(&h, "screening_list", json!({})).unwrap();
    assert_eq!(s2["counts"]["decided"], 1);
    assert_eq!(s2["counts"]["review"].as_u64().unwrap() + 1, s["counts"]["review"].as_u64().unwrap());
    let v = s2["verdicts"].as_array().unwrap().iter().find(|v| v["project_no"] == no).unwrap();
    assert_eq!(v["verdict"], "eligible");
    assert_eq!(v["auto_verdict"], "review");
    assert_eq!(v["decision"]["reason"], "已核实");
    // The import re-screened and stored the run; the entry's history names the import.
    assert!(s2["last_run"]["trigger"].as_str().unwrap().contains("small.xlsx"), "{}", s2["last_run"]);
    let hist = call(&h, "screening_history", json!({ "projectNo": no })).unwrap();
    assert_eq!(hist.as_array().unwrap().len(), 1);
    assert_eq!(hist[0]["auto_verdict"], "review");
    assert!(hist[0]["findings"].as_array().unwrap().iter().any(|f| f["outcome"] == "review"));

    // The dashboard carries the screening summary and the contest-level 未检查 warnings.
    let d = call(&h, "dashboard", json!({})).unwrap();
    assert_eq!(d["screening"]["review"], s2["counts"]["review"]);
    assert!(d["screening"]["unchecked"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().starts_with("R16")));

    let dir = tempfile::tempdir().unwrap();
    let written = call(&h, "eligibility_export", json!({ "path": dir.path().join("资格审查结果") })).unwrap();
    let bytes = std::fs::read(written.as_str().unwrap()).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
}

#[test]
fn reference_lists_status_and_import() {
    let h = host();
    let st = call(&h, "reference_status", json!({})).unwrap();
    assert_eq!(st.as_array().unwrap().len(), 5);
    assert_eq!(st[4]["kind"], "judges");
    assert!(st.as_array().unwrap().iter().all(|s| s["imported"] == false));
    // An entries export offered as the dishonesty list is refused with a Chinese message.
    let err = call(&h, "reference_import", json!({ "kind": "dishonesty", "path": root().join("fixtures/generated/export_v1.xlsx") })).unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().unwrap().contains("报名表"));
    let err = call(&h, "reference_import", json!({ "kind": "nope", "path": "x.xlsx" })).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("dishonesty"));
}

#[test]
fn reference_preview_then_import_with_a_mapping() {
    let h = host();
    let path = root().join("fixtures/handmade/judges.xlsx");
    let p = call(&h, "reference_preview", json!({ "kind": "judges", "path": path, "sheet": null })).unwrap();
    assert_eq!((p["sheet"].as_str(), p["header_row"].as_u64(), p["data_rows"].as_u64()), (Some("评委名单"), Some(3), Some(6)));
    assert_eq!(p["columns"][1]["field"], "name");
    assert_eq!(p["columns"][1]["samples"][0], "郑思远");
    assert_eq!(p["fields"][0], json!({ "key": "name", "label": "姓名", "kind": "text", "required": true }));
    assert_eq!(p["rows"].as_array().unwrap().len(), 6);
    assert!(p["problems"].as_array().unwrap().is_empty());

    // The person leaves 职称 (D) out: mapping in import_apply's shape, null = not imported.
    let mapping: Vec<Value> = p["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!({ "index": c["index"], "field": if c["field"] == "title" { Value::Null } else { c["field"].clone() } }))
        .collect();
    let r = call(
        &h,
        "reference_import",
        json!({ "kind": "judges", "path": path, "sheet": p["sheet"], "headerRow": p["header_row"], "mapping": mapping }),
    )
    .unwrap();
    assert_eq!((r["added"].as_u64(), r["updated"].as_u64(), r["kept"].as_u64()), (Some(6), Some(0), Some(0)));

    let list = call(&h, "judges_list", json!({})).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 6);
    assert!(list.iter().all(|j| j["title"].is_null()), "职称 was not mapped");
    assert_eq!(list[0]["phone"], "139****0101", "phones are masked for the window");

    // Add by hand, then edit with the masked phone sent back unchanged: the phone is kept.
    let added = call(
        &h,
        "judge_add",
        json!({ "judge": { "name": "沈一鸣", "organization": "长治示例园区", "title": null, "expertise": null, "phone": "13900000200" } }),
    )
    .unwrap();
    assert_eq!((added["source"].as_str(), added["phone"].as_str()), (Some("manual"), Some("139****0200")));
    let id = added["id"].clone();
    let edited = call(&h, "judge_update", json!({ "id": id, "judge": { "name": "沈一鸣", "organization": "长治示例园区", "title": "主任", "expertise": null, "phone": "139****0200" } })).unwrap();
    assert_eq!((edited["title"].as_str(), edited["phone"].as_str()), (Some("主任"), Some("139****0200")));
    let off = call(&h, "judge_set_active", json!({ "id": id, "active": false })).unwrap();
    assert_eq!(off["active"], false);
    let err = call(&h, "judge_add", json!({ "judge": { "name": "郑思远", "organization": null, "title": null, "expertise": null, "phone": null } }))
        .unwrap_err();
    assert_eq!(err["code"], "CONFLICT");
    assert!(err["message"].as_str().unwrap().contains("同名"));
    let st = call(&h, "reference_status", json!({})).unwrap();
    assert_eq!(st[4]["rows"], 7);

    // A required field left unmapped is refused, naming it.
    let err =
        call(&h, "reference_import", json!({ "kind": "judges", "path": path, "mapping": [{ "index": 2, "field": "organization" }] })).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("“姓名”"), "{err}");
}

/// 评审 through the IPC: panels, keying a score (camelCase arguments, the tagged ScoreValue), the
/// ranking shape the UI reads, a refused score as {code, message}, and the award list after the final.
#[test]
fn judging_and_awards_commands() {
    let h = host();
    let path = root().join("fixtures/generated/export_v1.xlsx");
    call(&h, "import_apply", json!({ "path": path, "sheet": null, "mapping": null, "saveProfile": null, "profile": null })).unwrap();
    for name in ["甲评委", "乙评委", "丙评委"] {
        call(&h, "judge_add", json!({ "judge": { "name": name, "organization": null, "title": null, "expertise": null, "phone": null } })).unwrap();
    }
    let panels = call(&h, "panels_auto", json!({ "roundCode": "preliminary" })).unwrap();
    assert_eq!(panels.as_array().unwrap().len(), 2);
    let overview = call(&h, "round_overview", json!({ "roundCode": "preliminary" })).unwrap();
    assert_eq!(overview["judges"], 3);
    let entry = overview["panels"][0]["entries"][0].as_str().unwrap().to_string();
    let judges: Vec<i64> = overview["panels"][0]["judges"].as_array().unwrap().iter().map(|j| j["id"].as_i64().unwrap()).collect();
    let grid = call(&h, "score_grid", json!({ "roundCode": "preliminary", "judgeId": judges[0], "pass": 1 })).unwrap();
    let n = grid["sheets"][0]["criteria"].as_array().unwrap().len();
    for (i, j) in judges.iter().enumerate() {
        let values: Vec<i64> = (0..n).map(|c| 500 + 100 * i as i64 + c as i64).collect();
        let changed = call(
            &h,
            "score_set",
            json!({ "roundCode": "preliminary", "judgeId": j, "entry": entry, "pass": 1, "value": { "kind": "criteria", "values": values }, "keyedBy": "录入员", "reason": "" }),
        )
        .unwrap();
        assert_eq!(changed, true);
    }
    let err = call(
        &h,
        "score_set",
        json!({ "roundCode": "preliminary", "judgeId": judges[0], "entry": entry, "pass": 1, "value": { "kind": "total", "total": 100_000 }, "keyedBy": "录入员", "reason": "更正" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().unwrap().contains("超出"));
    let ranking = call(&h, "ranking", json!({ "roundCode": "preliminary" })).unwrap();
    let ranked = ranking
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().iter())
        .find(|e| e["key"] == entry.as_str())
        .unwrap()
        .clone();
    assert_eq!(ranked["rank"], 1);
    assert_eq!(ranked["complete"], true);
    assert_eq!(ranked["valid_judges"], 3);
    assert!(ranked["detail"]["card"]["formula"].as_str().unwrap().contains("÷ 3"));
    let log = call(&h, "score_log", json!({ "roundCode": "preliminary", "limit": 10 })).unwrap();
    assert_eq!(log.as_array().unwrap().len(), 3);

    // Advance that one entry by hand, score it in the final, and it is the 一等奖 of its group.
    call(&h, "advancement_adjust", json!({ "entry": entry, "included": true, "reason": "测试", "decidedBy": "秘书处" })).unwrap();
    for j in &judges {
        call(&h, "score_set", json!({ "roundCode": "final", "judgeId": j, "entry": entry, "pass": 1, "value": { "kind": "total", "total": 8800 }, "keyedBy": "录入员", "reason": "" })).unwrap();
    }
    let awards = call(&h, "awards_list", json!({})).unwrap();
    let a = &awards["awards"][0];
    assert_eq!(a["level"], "first");
    assert_eq!(a["cash_yuan"], 30000);
    assert!(awards["frozen"].is_null());
    let hash = call(&h, "awards_freeze", json!({ "frozenBy": "主任" })).unwrap();
    assert_eq!(hash.as_str().unwrap().len(), 64);
    let err = call(&h, "awards_amend", json!({ "entry": entry, "level": "second", "reason": "", "amendedBy": "主任" })).unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    call(&h, "awards_amend", json!({ "entry": entry, "level": "second", "reason": "评审委员会复核", "amendedBy": "主任" })).unwrap();
    assert_eq!(call(&h, "awards_list", json!({})).unwrap()["awards"][0]["level"], "second");
    let out = h._dir.path().join("公示名单");
    let written = call(&h, "export_run", json!({ "kind": "publicity", "path": out, "round": null })).unwrap();
    assert!(written.as_str().unwrap().ends_with("公示名单.xlsx"));
    assert!(std::path::Path::new(written.as_str().unwrap()).is_file());
}

#[test]
fn backups_export_and_restore() {
    let h = host();
    let path = root().join("fixtures/handmade/small.xlsx");
    let p = call(&h, "import_preview", json!({ "path": path, "sheet": null, "profile": null })).unwrap();
    let mapping: Vec<Value> = p["columns"].as_array().unwrap().iter().map(|c| json!({ "index": c["index"], "field": c["field"] })).collect();
    call(&h, "import_apply", json!({ "path": path, "sheet": null, "mapping": mapping, "saveProfile": null, "profile": null })).unwrap();
    let manual = call(&h, "backup_now", json!({})).unwrap();
    assert_eq!(manual["reason_label"], "手动备份");
    let list = call(&h, "backups_list", json!({})).unwrap();
    let reasons: Vec<&str> = list.as_array().unwrap().iter().map(|b| b["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"before-import") && reasons.contains(&"manual"), "{reasons:?}");

    // The whole contest as one file; a name without an extension gets .sqlite.
    let out = h._dir.path().join("交接");
    assert!(call(&h, "contest_export", json!({ "path": out })).unwrap().as_u64().unwrap() > 0);
    let exported = h._dir.path().join("交接.sqlite");
    assert_eq!(call(&h, "backup_summary", json!({ "path": exported })).unwrap()["entries"], 6);

    // Restore the copy taken before the import: the contest is empty again, and a safety copy exists.
    let before = list.as_array().unwrap().iter().find(|b| b["reason"] == "before-import").unwrap()["path"].clone();
    assert_eq!(call(&h, "backup_summary", json!({ "path": before })).unwrap()["entries"], 0);
    let r = call(&h, "backup_restore", json!({ "path": before })).unwrap();
    assert_eq!(r["safety_backup"]["reason"], "before-restore");
    assert_eq!(call(&h, "entries_list", json!({})).unwrap(), json!([]));
    let err = call(&h, "backup_restore", json!({ "path": path })).unwrap_err();
    assert_eq!(err["code"], "STORE_NOT_CONTEST");
    let audit = call(&h, "audit_verify", json!({})).unwrap();
    assert_eq!(audit["ok"], true, "{audit}");
    assert!(audit["problems"].as_array().unwrap().is_empty());
}

/// A contest file that cannot be opened leaves the app with no contest (never an in-memory one):
/// the window learns which file and why, every store command says NO_CONTEST, and creating a new
/// contest makes the app whole again without touching the bad file.
#[test]
fn a_file_that_is_not_a_contest_leaves_no_contest_open() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("不是赛事.sqlite");
    let text = "这只是一个改了扩展名的文本文件。\n".repeat(40);
    std::fs::write(&bad, &text).unwrap();
    let data_dir = dir.path().join("data");
    let (store, problem) = state::open_startup(Some(&bad), &data_dir);
    assert!(store.is_none(), "a file that is not a contest must not open");
    let problem = problem.expect("the reason must be kept for the window");
    assert_eq!(problem.code, "STORE_NOT_CONTEST");
    assert_eq!(problem.path, bad.display().to_string());
    assert!(problem.message.contains("不是赛事.sqlite"), "{}", problem.message);
    let h = host_with(dir, AppState::new(store, Some(problem), data_dir.clone()));

    let status = call(&h, "contest_status", json!({})).unwrap();
    assert_eq!(status["contest"], Value::Null);
    assert_eq!(status["problem"]["code"], "STORE_NOT_CONTEST");
    assert_eq!(status["problem"]["path"], bad.display().to_string());
    assert_eq!(status["data_dir"], data_dir.display().to_string());
    for (cmd, args) in [
        ("contest_current", json!({})),
        ("dashboard", json!({})),
        ("entries_list", json!({})),
        ("settings_get", json!({})),
        ("backup_now", json!({})),
        (
            "import_apply",
            json!({ "path": root().join("fixtures/handmade/small.xlsx"), "sheet": null, "mapping": null, "saveProfile": null, "profile": null }),
        ),
    ] {
        let err = call(&h, cmd, args).unwrap_err();
        assert_eq!(err["code"], "NO_CONTEST", "{cmd}: {err}");
        assert!(err["message"].as_str().unwrap().contains("还没有打开赛事文件"), "{cmd}: {err}");
    }
    assert_eq!(call(&h, "app_ping", json!({})).unwrap(), "pong");
    // Opening the bad file again fails the same way and still leaves no contest.
    assert_eq!(call(&h, "contest_open", json!({ "path": bad })).unwrap_err()["code"], "STORE_NOT_CONTEST");
    assert_eq!(call(&h, "dashboard", json!({})).unwrap_err()["code"], "NO_CONTEST");

    let fresh = h._dir.path().join("新赛事.sqlite");
    assert_eq!(call(&h, "contest_create", json!({ "path": fresh })).unwrap()["db_path"], fresh.display().to_string());
    let status = call(&h, "contest_status", json!({})).unwrap();
    assert_eq!(status["contest"]["db_path"], fresh.display().to_string());
    assert_eq!(status["problem"], Value::Null, "the start-up problem is over once a contest is open");
    assert!(call(&h, "dashboard", json!({})).is_ok());
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), text, "the bad file is left as it was");
}

/// `--data-dir` decides where the default contest is; a first run (no default contest yet) opens
/// nothing and creates nothing, so the window shows its welcome page.
#[test]
fn data_dir_and_the_default_contest() {
    let args = |a: &[&str]| Options::from_args(std::iter::once("saiwu-desk".to_string()).chain(a.iter().map(|s| s.to_string()))).unwrap();
    let o = args(&["--data-dir", "/tmp/数据", "--db=/tmp/a.sqlite"]);
    assert_eq!(o.data_dir().unwrap(), PathBuf::from("/tmp/数据"));
    assert_eq!(o.db, Some(PathBuf::from("/tmp/a.sqlite")));
    assert_eq!(args(&["--data-dir=/tmp/b"]).data_dir().unwrap(), PathBuf::from("/tmp/b"));
    assert!(args(&[]).data_dir().unwrap().ends_with("com.saiwu.desk"));
    assert!(Options::from_args(["x".to_string(), "--data-dir".to_string()]).is_err());

    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let (store, problem) = state::open_startup(None, &data_dir);
    assert!(store.is_none() && problem.is_none());
    assert!(!data_dir.join("contest.sqlite").exists(), "a first run must not create a contest file");

    Store::open(&data_dir.join("contest.sqlite")).unwrap();
    let (store, problem) = state::open_startup(None, &data_dir);
    assert_eq!(store.expect("the default contest opens").path(), data_dir.join("contest.sqlite"));
    assert!(problem.is_none());
    let h = host_with(dir, AppState::new(None, None, data_dir.clone()));
    let status = call(&h, "contest_status", json!({})).unwrap();
    assert_eq!((status["contest"].clone(), status["problem"].clone()), (Value::Null, Value::Null));
}

/// The 导出 page's two commands over the core's registry: the kinds it renders, and one writer for all of them.
#[test]
fn export_kinds_and_export_run() {
    let h = host();
    let kinds = call(&h, "export_kinds", json!({})).unwrap();
    let kinds = kinds.as_array().unwrap();
    let kind = |name: &str| kinds.iter().find(|k| k["kind"] == name).unwrap_or_else(|| panic!("{name} not listed")).clone();
    let rec = kind("recommendation");
    assert_eq!((rec["personal"].clone(), rec["format"].clone(), rec["needs_round"].clone()), (json!(true), json!("xlsx"), json!(false)));
    assert_eq!(kind("publicity")["personal"], false);
    assert_eq!(kind("signoff-pdf")["format"], "pdf");
    assert_eq!(kind("ranking")["needs_round"], true);
    for k in kinds {
        for field in ["title", "file_name", "description", "personal_note"] {
            assert!(!k[field].as_str().unwrap_or_default().is_empty(), "{field} of {k}");
        }
    }

    let path = root().join("fixtures/handmade/small.xlsx");
    call(&h, "import_apply", json!({ "path": path, "sheet": null, "mapping": null, "saveProfile": null, "profile": null })).unwrap();
    // The extension is added when the name has none, from the kind's format.
    let written = call(&h, "export_run", json!({ "kind": "eligibility", "path": h._dir.path().join("审查"), "round": null })).unwrap();
    assert!(written.as_str().unwrap().ends_with("审查.xlsx"), "{written}");
    assert!(std::fs::read(written.as_str().unwrap()).unwrap().starts_with(b"PK\x03\x04"));
    let written = call(&h, "export_run", json!({ "kind": "ranking", "path": h._dir.path().join("初赛排名"), "round": "preliminary" })).unwrap();
    assert!(std::path::Path::new(written.as_str().unwrap()).is_file());

    let err = call(&h, "export_run", json!({ "kind": "nope", "path": h._dir.path().join("x"), "round": null })).unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().unwrap().contains("未知的导出类型"), "{err}");
    let err = call(&h, "export_run", json!({ "kind": "ranking", "path": h._dir.path().join("排名"), "round": null })).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("需要指定轮次"), "{err}");
    assert!(!h._dir.path().join("排名.xlsx").exists());
}

/// Writes the TypeScript of the shapes the shell builds itself (and what they contain) into ui/src/api/gen, where
/// saiwu-core's `export_bindings_*` tests write the core's types; scripts/gen-bindings.sh runs both and CI fails
/// on a difference. (The lib has no test target, so ts-rs's own per-type tests never run for these.)
#[test]
fn export_bindings_of_the_shell_types() {
    use saiwu_desk::commands::{certificates, contest, screening};
    use ts_rs::TS;
    let cfg = ts_rs::Config::from_env();
    contest::ContestStatus::export_all(&cfg).unwrap();
    saiwu_desk::recent::RecentContest::export_all(&cfg).unwrap();
    saiwu_desk::commands::about::AboutInfo::export_all(&cfg).unwrap();
    screening::ScreeningOverview::export_all(&cfg).unwrap();
    certificates::CertificatesOverview::export_all(&cfg).unwrap();
    certificates::WriteResult::export_all(&cfg).unwrap();
    saiwu_desk::commands::letters::LettersOverview::export_all(&cfg).unwrap();
    // The start-up problem's code is the core's ErrorCode union, not any string.
    let problem = saiwu_desk::state::StartupProblem::decl(&cfg);
    assert!(problem.contains("code: ErrorCode"), "{problem}");
}

/// The welcome page's commands (issue #14): 新建赛事 with the form, the recent contest files (newest first,
/// missing ones marked, removable), the demo contest, and the start-up reopening the last contest.
#[test]
fn welcome_new_contest_recent_files_demo_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let h = host_with(tempfile::tempdir().unwrap(), AppState::new(None, None, data_dir.clone()));
    assert_eq!(call(&h, "recent_list", json!({})).unwrap(), json!([]));
    let defaults = call(&h, "contest_defaults", json!({})).unwrap();
    assert_eq!(defaults["city"], "长治市");

    let a = dir.path().join("甲届");
    let mut form = defaults.clone();
    form["contest_name"] = json!("第十二届大赛");
    let info = call(&h, "contest_new", json!({ "path": a, "contest": form })).unwrap();
    let a = dir.path().join("甲届.sqlite");
    assert_eq!(info["db_path"], a.display().to_string(), "the extension is added");
    assert_eq!(call(&h, "settings_get", json!({})).unwrap()["contest_name"], "第十二届大赛");
    let mut empty = defaults.clone();
    empty["city"] = json!(" ");
    let err = call(&h, "contest_new", json!({ "path": dir.path().join("乙.sqlite"), "contest": empty })).unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().unwrap().contains("城市"), "{err}");

    let demo = call(&h, "contest_demo", json!({})).unwrap();
    assert_eq!(demo["db_path"], data_dir.join("演示赛事.sqlite").display().to_string());
    assert!(call(&h, "dashboard", json!({})).unwrap()["entries_total"].as_i64().unwrap_or(0) > 0);
    assert!(!data_dir.join("demo-source").exists(), "the demo's source files are cleaned up");
    // Opened again, the demo is the same file, not rebuilt.
    call(&h, "contest_open", json!({ "path": a })).unwrap();
    call(&h, "contest_demo", json!({})).unwrap();

    let list = call(&h, "recent_list", json!({})).unwrap();
    let paths: Vec<_> = list.as_array().unwrap().iter().map(|r| r["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, [data_dir.join("演示赛事.sqlite").display().to_string(), a.display().to_string()], "newest first, once each");
    assert_eq!(list[1]["name"], "第十二届大赛");
    assert_eq!(list[1]["missing"], false);

    // Start-up without --db reopens the newest; a missing newest is named, not replaced by another file.
    let (store, problem) = state::open_startup(None, &data_dir);
    assert_eq!(store.expect("the last contest reopens").path(), data_dir.join("演示赛事.sqlite"));
    assert!(problem.is_none());
    call(&h, "contest_open", json!({ "path": a })).unwrap();
    std::fs::rename(&a, dir.path().join("移走.sqlite")).unwrap();
    let (store, problem) = state::open_startup(None, &data_dir);
    assert!(store.is_none());
    let problem = problem.unwrap();
    assert_eq!((problem.code.as_str(), problem.path.as_str()), ("NOT_FOUND", a.display().to_string().as_str()));
    assert!(problem.message.contains("已不在原处"), "{}", problem.message);
    assert_eq!(call(&h, "recent_list", json!({})).unwrap()[0]["missing"], true);
    let after = call(&h, "recent_forget", json!({ "path": a })).unwrap();
    assert_eq!(after.as_array().unwrap().len(), 1);
    assert!(dir.path().join("移走.sqlite").is_file(), "removing from the list leaves the file alone");
}

/// The window's size and position (`<data dir>/window.json`): kept, and an impossible size ignored.
#[test]
fn window_geometry_is_kept_in_the_data_folder() {
    use saiwu_desk::recent::{save_window_geometry, window_geometry, WindowGeometry};
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(window_geometry(dir.path()), None);
    let g = WindowGeometry { width: 1180, height: 720, x: 40, y: -8, maximized: false };
    save_window_geometry(dir.path(), &g).unwrap();
    assert_eq!(window_geometry(dir.path()), Some(g));
    std::fs::write(dir.path().join("window.json"), r#"{"width":5,"height":99999,"x":0,"y":0}"#).unwrap();
    assert_eq!(window_geometry(dir.path()), None, "a damaged file is ignored");
    std::fs::write(dir.path().join("recent-contests.json"), "不是 JSON").unwrap();
    assert!(saiwu_desk::recent::recent(dir.path()).is_empty(), "an unreadable list is an empty one");
}

/// 关于 (issue #14): the release, and the licences generated from Cargo and npm metadata, embedded in the app.
#[test]
fn about_names_the_release_and_the_bundled_licences() {
    let a = saiwu_desk::commands::about::about().unwrap();
    assert_eq!(a.version, saiwu_core::VERSION);
    let l = &a.licences;
    assert!(l.crates.iter().any(|c| c.name == "tauri" && c.license.contains("MIT")), "tauri is listed");
    assert!(l.crates.iter().any(|c| c.name == "rusqlite"), "the core's libraries are listed");
    assert!(l.crates.iter().all(|c| !c.name.starts_with("saiwu")), "our own crates are not third-party");
    assert!(l.npm.iter().any(|p| p.name == "vue" && p.license == "MIT"));
    assert!(l.npm.iter().any(|p| p.name == "element-plus"));
    assert!(!l.npm.iter().any(|p| p.name == "vitest"), "dev tools are not shipped");
    assert_eq!(l.fonts.first().map(|f| f.license.as_str()), Some("OFL-1.1"));
}
