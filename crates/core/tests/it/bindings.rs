//! The generated TypeScript (ui/src/api/gen, ts-rs) says what the JSON really is: real values from a contest —
//! an import, screening, a scored final, awards — serialised and checked against the generated declarations, field
//! by field and nested type by nested type (no missing or extra key, null only where the TS allows it, the literal
//! strings of the unions). A serde attribute ts-rs did not honour, or a stale file, fails here.
use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::support::root;
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::judging::{self, ScoreValue};
use saiwu_core::model::{Group, Round};
use saiwu_core::{CoreError, ErrorPayload, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-28T15:00:00+08:00").unwrap()
}

#[derive(Debug, Clone)]
enum Ty {
    Str,
    Num,
    Bool,
    Null,
    Any,
    Lit(String),
    Array(Box<Ty>),
    Tuple(Vec<Ty>),
    /// (key, optional, type)
    Obj(Vec<(String, bool, Ty)>),
    Map(Box<Ty>),
    Named(String),
    Union(Vec<Ty>),
}

/// Tokens of the small part of TypeScript ts-rs writes.
fn tokens(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let cs: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && cs.get(i + 1) == Some(&'*') {
            while !(cs[i] == '*' && cs.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '/' && cs.get(i + 1) == Some(&'/') {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
        } else if c == '"' {
            let start = i;
            i += 1;
            while cs[i] != '"' {
                i += 1;
            }
            i += 1;
            out.push(cs[start..i].iter().collect());
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_' || cs[i] == '$') {
                i += 1;
            }
            out.push(cs[start..i].iter().collect());
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

struct Parser {
    t: Vec<String>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> &str {
        self.t.get(self.i).map(String::as_str).unwrap_or("")
    }
    fn next(&mut self) -> String {
        self.i += 1;
        self.t[self.i - 1].clone()
    }
    fn eat(&mut self, s: &str) {
        assert_eq!(self.next(), s, "TS parse: expected {s} at token {}", self.i);
    }
    fn union(&mut self) -> Ty {
        if self.peek() == "|" {
            self.next();
        }
        let mut terms = vec![self.term()];
        while self.peek() == "|" {
            self.next();
            terms.push(self.term());
        }
        if terms.len() == 1 {
            terms.pop().unwrap()
        } else {
            Ty::Union(terms)
        }
    }
    fn term(&mut self) -> Ty {
        let tok = self.next();
        match tok.as_str() {
            "{" if self.peek() == "[" => {
                // { [key in string]?: T }
                while self.next() != "]" {}
                if self.peek() == "?" {
                    self.next();
                }
                self.eat(":");
                let v = self.union();
                if self.peek() == "," {
                    self.next();
                }
                self.eat("}");
                Ty::Map(Box::new(v))
            }
            "{" => {
                let mut fields = Vec::new();
                while self.peek() != "}" {
                    let key = self.next().trim_matches('"').to_string();
                    let optional = self.peek() == "?";
                    if optional {
                        self.next();
                    }
                    self.eat(":");
                    fields.push((key, optional, self.union()));
                    if self.peek() == "," {
                        self.next();
                    }
                }
                self.eat("}");
                Ty::Obj(fields)
            }
            "[" => {
                let mut items = Vec::new();
                while self.peek() != "]" {
                    items.push(self.union());
                    if self.peek() == "," {
                        self.next();
                    }
                }
                self.eat("]");
                Ty::Tuple(items)
            }
            "string" => Ty::Str,
            "number" | "bigint" => Ty::Num,
            "boolean" => Ty::Bool,
            "null" => Ty::Null,
            "unknown" | "any" => Ty::Any,
            "Array" => {
                self.eat("<");
                let t = self.union();
                self.eat(">");
                Ty::Array(Box::new(t))
            }
            s if s.starts_with('"') => Ty::Lit(s.trim_matches('"').to_string()),
            s => Ty::Named(s.to_string()),
        }
    }
}

struct Bindings {
    dir: PathBuf,
    decls: HashMap<String, Ty>,
}

impl Bindings {
    fn new() -> Self {
        Bindings { dir: root().join("ui/src/api/gen"), decls: HashMap::new() }
    }

    fn decl(&mut self, name: &str) -> Ty {
        if let Some(t) = self.decls.get(name) {
            return t.clone();
        }
        let path = self.dir.join(format!("{name}.ts"));
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run scripts/gen-bindings.sh)", path.display()));
        let head = format!("export type {name} =");
        let body = &src[src.find(&head).unwrap_or_else(|| panic!("no `{head}` in {}", path.display())) + head.len()..];
        let mut p = Parser { t: tokens(body), i: 0 };
        let ty = p.union();
        assert_eq!(p.peek(), ";", "{name}: unparsed rest at token {}", p.i);
        self.decls.insert(name.to_string(), ty.clone());
        ty
    }

    fn check(&mut self, v: &Value, ty: &Ty, path: &str) -> Result<(), String> {
        let fail = |what: &str| Err(format!("{path}: {what}, got {}", short(v)));
        match ty {
            Ty::Any => Ok(()),
            Ty::Str if v.is_string() => Ok(()),
            Ty::Num if v.is_number() => Ok(()),
            Ty::Bool if v.is_boolean() => Ok(()),
            Ty::Null if v.is_null() => Ok(()),
            Ty::Lit(l) if v.as_str() == Some(l) => Ok(()),
            Ty::Str | Ty::Num | Ty::Bool | Ty::Null | Ty::Lit(_) => fail(&format!("expected {ty:?}")),
            Ty::Named(n) => {
                let t = self.decl(n);
                self.check(v, &t, &format!("{path}<{n}>"))
            }
            Ty::Array(t) => match v.as_array() {
                Some(items) => items.iter().enumerate().try_for_each(|(i, x)| self.check(x, t, &format!("{path}[{i}]"))),
                None => fail("expected an array"),
            },
            Ty::Tuple(ts) => match v.as_array() {
                Some(items) if items.len() == ts.len() => {
                    items.iter().zip(ts).enumerate().try_for_each(|(i, (x, t))| self.check(x, t, &format!("{path}[{i}]")))
                }
                _ => fail(&format!("expected a tuple of {}", ts.len())),
            },
            Ty::Map(t) => match v.as_object() {
                Some(m) => m.iter().try_for_each(|(k, x)| self.check(x, t, &format!("{path}.{k}"))),
                None => fail("expected an object"),
            },
            Ty::Obj(fields) => {
                let Some(m) = v.as_object() else { return fail("expected an object") };
                for (k, optional, t) in fields {
                    match m.get(k) {
                        Some(x) => self.check(x, t, &format!("{path}.{k}"))?,
                        None if *optional => {}
                        None => return Err(format!("{path}: the TS requires `{k}`, the JSON has no such key")),
                    }
                }
                match m.keys().find(|k| !fields.iter().any(|(f, _, _)| f == *k)) {
                    Some(extra) => Err(format!("{path}: the JSON has `{extra}`, the TS type does not")),
                    None => Ok(()),
                }
            }
            Ty::Union(ts) => {
                let mut why = Vec::new();
                for t in ts {
                    match self.check(v, t, path) {
                        Ok(()) => return Ok(()),
                        Err(e) => why.push(e),
                    }
                }
                Err(format!("{path}: matches no member of the union: {}", why.join(" / ")))
            }
        }
    }

    /// Serialises `value` and checks the JSON against the generated `name`.
    fn assert_matches<T: serde::Serialize>(&mut self, name: &str, value: &T) -> Value {
        let json = serde_json::to_value(value).unwrap();
        if let Err(e) = self.check(&json, &Ty::Named(name.to_string()), name) {
            panic!("the generated TypeScript does not match the JSON: {e}");
        }
        json
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

#[test]
fn the_checker_catches_a_missing_key_an_extra_key_and_a_null_the_ts_forbids() {
    let mut b = Bindings::new();
    let ok = serde_json::json!({"code": "FROZEN", "message": "已锁定"});
    assert!(b.check(&ok, &Ty::Named("ErrorPayload".into()), "p").is_ok());
    let missing = serde_json::json!({"code": "FROZEN"});
    assert!(b.check(&missing, &Ty::Named("ErrorPayload".into()), "p").unwrap_err().contains("`message`"));
    let extra = serde_json::json!({"code": "FROZEN", "message": "x", "detail": 1});
    assert!(b.check(&extra, &Ty::Named("ErrorPayload".into()), "p").unwrap_err().contains("`detail`"));
    let bad_code = serde_json::json!({"code": "frozen", "message": "x"});
    assert!(b.check(&bad_code, &Ty::Named("ErrorPayload".into()), "p").is_err());
    let null_message = serde_json::json!({"code": "FROZEN", "message": null});
    assert!(b.check(&null_message, &Ty::Named("ErrorPayload".into()), "p").is_err());
    // A tagged union (ScoreValue: serde tag = "kind").
    assert!(b.check(&serde_json::json!({"kind": "total", "total": 8550}), &Ty::Named("ScoreValue".into()), "s").is_ok());
    assert!(b.check(&serde_json::json!({"kind": "total", "values": [1]}), &Ty::Named("ScoreValue".into()), "s").is_err());
}

#[test]
fn generated_typescript_matches_the_json_of_a_real_contest() {
    let mut b = Bindings::new();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite")).unwrap();

    // Import and entries: ImportResult carries sheet and backup, ImportRecord skipped_rows (the drift of the
    // hand-written types).
    let req = ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() };
    let result = saiwu_core::actions::import::apply(&mut store, &req, now(), &mut |_| {}).unwrap();
    let json = b.assert_matches("ImportResult", &result);
    assert!(json.get("sheet").is_some() && json.get("backup").is_some(), "{}", short(&json));
    let records = import::list_imports(&store).unwrap();
    assert!(b.assert_matches("ImportRecord", &records[0]).get("skipped_rows").is_some());
    let rows = saiwu_core::entries::list_rows(&store).unwrap();
    assert!(rows.len() > 10);
    for r in &rows {
        b.assert_matches("EntryRow", r);
    }
    let no = rows.iter().find_map(|r| r.project_no.clone()).unwrap();
    b.assert_matches("EntryDetail", &saiwu_core::entries::detail(&store, &no, false).unwrap());
    for p in import::problems(&store, None).unwrap() {
        b.assert_matches("Problem", &p);
    }
    b.assert_matches("Settings", &saiwu_core::settings::load(&store).unwrap());
    for v in saiwu_core::screening::check(&store).unwrap() {
        b.assert_matches("EntryVerdict", &v);
    }

    // A scored final: three judges, totals only, seven enterprise finalists (two tied).
    for name in ["评委甲", "评委乙", "评委丙"] {
        let input = saiwu_core::judges::JudgeInput { name: name.into(), organization: None, title: None, expertise: None, phone: None };
        b.assert_matches("Judge", &saiwu_core::actions::judges::add(&mut store, &input, now()).unwrap());
    }
    let prelim = judging::round_entries(&store, Round::Preliminary).unwrap();
    let nos: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).take(7).map(|e| e.project_no.clone()).collect();
    for no in &nos {
        saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：直接进入决赛", "秘书处", now()).unwrap();
    }
    let judges: Vec<i64> = saiwu_core::judges::list(&store).unwrap().iter().map(|j| j.id).collect();
    for (no, total) in nos.iter().zip([9000, 8500, 8500, 8000, 7500, 7000, 6500]) {
        for j in &judges {
            saiwu_core::actions::judging::set_score(&mut store, Round::Final, *j, no, 1, &ScoreValue::Total { total }, "录入员", "", now()).unwrap();
        }
    }
    for e in judging::round_entries(&store, Round::Final).unwrap() {
        b.assert_matches("RoundEntry", &e);
    }
    for g in judging::ranking(&store, Round::Final).unwrap() {
        b.assert_matches("RoundGroup", &g);
    }
    for g in judging::leniency(&store, Round::Final).unwrap() {
        b.assert_matches("GroupLeniency", &g);
    }
    b.assert_matches("Grid", &judging::grid(&store, Round::Final, judges[0], 1).unwrap());
    for a in judging::advancement(&store, Round::Final).unwrap() {
        b.assert_matches("AdvancementRow", &a);
    }
    let awards = saiwu_core::awards::awards(&store).unwrap();
    assert!(!awards.awards.is_empty());
    b.assert_matches("AwardList", &awards);
    b.assert_matches("Recommendation", &saiwu_core::awards::recommendation(&store).unwrap());
    for u in saiwu_core::awards::unit_stats(&store).unwrap() {
        b.assert_matches("UnitStats", &u);
    }
    b.assert_matches("CertificateTemplate", &saiwu_core::certificates::template(&store).unwrap());
    b.assert_matches("Dashboard", &saiwu_core::overview::dashboard(&store).unwrap());

    // The error shape, with and without the field.
    b.assert_matches("ErrorPayload", &ErrorPayload::from(&CoreError::validation(Some("year"), "年份必须是四位数字。")));
    b.assert_matches("ErrorPayload", &ErrorPayload::from(&CoreError::NoHeader { file: "a.xlsx".into() }));
}
