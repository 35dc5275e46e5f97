//! docs/ARCHITECTURE.md, enforced: reads every `.rs` file of the core, the desktop shell and the CLI and
//! checks (a) the layers and the `crate::` paths allowed between them, (b) SQL only in `store/`, (c) `&mut Store`
//! only in `actions/` and `store/`, (d) edges without rusqlite or SQL that change a contest only through
//! `saiwu_core::actions`.
//!
//! Test code is exempt (`#[cfg(test)]` items, files named `tests.rs` or declared `#[cfg(test)] mod x;`): it
//! builds hostile states on purpose (raw SQL that tampers with a file, fixtures made through any layer) and is
//! not part of the shipped program whose layering the rules protect.
//!
//! Today's code still breaks rules that other work is fixing: [`ALLOWED`] lists those (file + rule). A
//! violation not listed fails, and so does a listed one that no longer occurs, so the list only shrinks.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::root;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    /// (a) a module names a module of a higher layer (or its own tier), or is in no layer at all.
    Layers,
    /// (b) SQL text or a rusqlite call outside `crates/core/src/store/`.
    Sql,
    /// (c) a function outside `actions/` and `store/` takes `&mut Store` / `&mut Connection`.
    MutStore,
    /// (d) an edge names rusqlite or reaches for the raw connection.
    EdgeRusqlite,
    /// (d) SQL text or a rusqlite call in an edge.
    EdgeSql,
    /// (d) an edge calls a core function that takes `&mut Store` other than through `saiwu_core::actions`.
    EdgeMut,
}

impl Rule {
    fn says(self) -> &'static str {
        match self {
            Rule::Layers => "docs/ARCHITECTURE.md rules 1–5: a layer may name only the layers below it",
            Rule::Sql => "rule 3: SQL text and prepare/execute/query_row/transaction only in crates/core/src/store/",
            Rule::MutStore => "rule 4: only actions/ and store/ have functions taking &mut Store",
            Rule::EdgeRusqlite => "rule 6: the edges do not use rusqlite or the raw connection",
            Rule::EdgeSql => "rule 6: no SQL in the edges",
            Rule::EdgeMut => "rule 6: the edges change a contest only through saiwu_core::actions",
        }
    }
}

#[derive(Debug, Clone)]
struct Violation {
    file: String,
    line: usize,
    rule: Rule,
    detail: String,
}

/// Known violations (file, rule) tolerated while a refactoring is under way: none since issue #10 — every
/// file keeps the rules. A listed entry that no longer occurs fails the test, so the list can only shrink.
const ALLOWED: &[(&str, Rule)] = &[];

// ---------------------------------------------------------------------------------------------------
// The layers.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Leaf,
    Model,
    Store,
    /// A domain and its tier: a domain names only domains of a lower tier.
    Domain(u8),
    Actions,
}

fn layer_of(module: &str) -> Option<Layer> {
    Some(match module {
        "error" | "text" | "ids" | "mask" | "scoring" | "pdf" | "xlsx" => Layer::Leaf,
        "model" => Layer::Model,
        "store" => Layer::Store,
        "import" => Layer::Domain(0),
        "judges" | "settings" | "entries" => Layer::Domain(1),
        // The 评委名单 is one of the reference lists: reference reads and upserts judges through it.
        "reference" => Layer::Domain(2),
        "rules" => Layer::Domain(3),
        "screening" => Layer::Domain(4),
        "judging" => Layer::Domain(5),
        "awards" => Layer::Domain(6),
        "certificates" => Layer::Domain(7),
        "season" => Layer::Domain(8),
        "export" => Layer::Domain(9),
        "overview" => Layer::Domain(10),
        "actions" => Layer::Actions,
        _ => return None,
    })
}

/// Whether top-level module `from` may name top-level module `to` (both placed).
fn allowed(from: &str, to: &str) -> bool {
    if from == to || to == "error" {
        return true;
    }
    let (Some(f), Some(t)) = (layer_of(from), layer_of(to)) else { return false };
    match (f, t) {
        (Layer::Leaf, _) => false,
        (Layer::Model, Layer::Leaf) => true,
        (Layer::Store, Layer::Leaf | Layer::Model) => true,
        (Layer::Domain(_), Layer::Leaf | Layer::Model | Layer::Store) => true,
        (Layer::Domain(a), Layer::Domain(b)) => b < a,
        (Layer::Actions, _) => true,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------------
// Reading Rust source: comments and string contents blanked (newlines kept), the literals kept aside.

struct Scanned {
    /// The source with comments and the insides of string/char literals replaced by spaces (same byte offsets).
    code: Vec<u8>,
    /// Each string literal's content and the byte offset of its opening quote.
    literals: Vec<(usize, String)>,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn scan(src: &str) -> Scanned {
    let s = src.as_bytes();
    let mut code = s.to_vec();
    let mut literals = Vec::new();
    let blank = |code: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut code[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let mut i = 0;
    while i < s.len() {
        let prev_ident = i > 0 && is_ident(s[i - 1]);
        if s[i..].starts_with(b"//") {
            let end = s[i..].iter().position(|&b| b == b'\n').map_or(s.len(), |p| i + p);
            blank(&mut code, i, end);
            i = end;
        } else if s[i..].starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < s.len() && depth > 0 {
                if s[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if s[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut code, i, j);
            i = j;
        } else if !prev_ident && (s[i] == b'r' || s[i..].starts_with(b"br")) && {
            let k = i + if s[i] == b'b' { 2 } else { 1 };
            let hashes = s[k..].iter().take_while(|&&b| b == b'#').count();
            s.get(k + hashes) == Some(&b'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let k = i + if s[i] == b'b' { 2 } else { 1 };
            let hashes = s[k..].iter().take_while(|&&b| b == b'#').count();
            let open = k + hashes + 1;
            let mut close = vec![b'"'];
            close.extend(std::iter::repeat_n(b'#', hashes));
            let end = s[open..].windows(close.len()).position(|w| w == close.as_slice()).map_or(s.len(), |p| open + p);
            literals.push((i, String::from_utf8_lossy(&s[open..end]).into_owned()));
            blank(&mut code, open, end);
            i = (end + close.len()).min(s.len());
        } else if s[i] == b'"' {
            let mut j = i + 1;
            while j < s.len() && s[j] != b'"' {
                j += if s[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(s.len());
            literals.push((i, String::from_utf8_lossy(&s[i + 1..end]).into_owned()));
            blank(&mut code, i + 1, end);
            i = end + 1;
        } else if s[i] == b'\'' {
            // A char literal ('x', '\n', '中') or a lifetime ('a): a literal closes within a few bytes.
            let end = if s.get(i + 1) == Some(&b'\\') {
                s[i + 2..].iter().position(|&b| b == b'\'').map(|p| i + 2 + p)
            } else {
                let ch = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (s.get(i + 1 + ch) == Some(&b'\'')).then_some(i + 1 + ch)
            };
            match end {
                Some(e) => {
                    blank(&mut code, i + 1, e);
                    i = e + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    Scanned { code, literals }
}

fn line_at(src: &[u8], offset: usize) -> usize {
    src[..offset.min(src.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The end (exclusive) of the brace block opening at `open` (a `{`).
fn block_end(code: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, &b) in code.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Byte ranges of `#[cfg(test)]` items, and the names of test modules declared as `#[cfg(test)] mod x;`.
fn test_regions(code: &[u8]) -> (Vec<(usize, usize)>, Vec<String>) {
    let text = String::from_utf8_lossy(code);
    let (mut ranges, mut files) = (Vec::new(), Vec::new());
    for (at, _) in text.match_indices("#[cfg(test)]") {
        let start = at + "#[cfg(test)]".len();
        let Some(stop) = code[start..].iter().position(|&b| b == b'{' || b == b';').map(|p| start + p) else { continue };
        if code[stop] == b';' {
            let item = text[start..stop].trim();
            if let Some(name) = item.strip_prefix("mod ").or_else(|| item.strip_prefix("pub mod ")) {
                files.push(name.trim().to_string());
            }
            ranges.push((at, stop + 1));
        } else {
            ranges.push((at, block_end(code, stop)));
        }
    }
    (ranges, files)
}

/// Every path a `use` tree names, e.g. `a::{b, c::{self, d}}` → `a::b`, `a::c`, `a::c::d` (segments).
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    fn go(prefix: &[String], t: &str, out: &mut Vec<Vec<String>>) {
        let t = t.trim();
        if t.is_empty() {
            return;
        }
        if let Some(open) = t.find('{') {
            let head: Vec<String> = t[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
            let mut base = prefix.to_vec();
            base.extend(head);
            let inner = &t[open + 1..t.rfind('}').unwrap_or(t.len())];
            let (mut depth, mut from) = (0, 0);
            for (k, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        go(&base, &inner[from..k], out);
                        from = k + 1;
                    }
                    _ => {}
                }
            }
            go(&base, &inner[from..], out);
        } else {
            // `x as y` keeps the path of x.
            let t = t.split(" as ").next().unwrap_or(t);
            let mut p = prefix.to_vec();
            for seg in t.split("::").map(str::trim).filter(|s| !s.is_empty()) {
                if seg != "self" {
                    p.push(seg.to_string());
                }
            }
            out.push(p);
        }
    }
    let mut out = Vec::new();
    go(&[], tree, &mut out);
    out
}

/// A `use` statement: its byte offset, whether it is `pub use` (a re-export), and the paths it names.
type Use = (usize, bool, Vec<Vec<String>>);

/// `use` statements outside test code, and the code with them blanked.
fn uses(code: &[u8], in_test: &dyn Fn(usize) -> bool) -> (Vec<Use>, Vec<u8>) {
    let text = String::from_utf8_lossy(code).into_owned();
    let mut rest = code.to_vec();
    let mut found = Vec::new();
    for (at, _) in text.match_indices("use ") {
        if (at > 0 && is_ident(code[at - 1])) || in_test(at) {
            continue;
        }
        let Some(end) = text[at..].find(';').map(|p| at + p) else { continue };
        let public = text[..at].trim_end().ends_with("pub");
        found.push((at, public, expand_use(&text[at + 4..end])));
        for b in &mut rest[at..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    (found, rest)
}

/// Every `a::b::c` path in `code` (outside test code) with its offset: the chain of identifiers joined by `::`.
fn paths(code: &[u8], in_test: &dyn Fn(usize) -> bool) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        if is_ident(code[i]) && (i == 0 || !is_ident(code[i - 1]) && code[i - 1] != b':') {
            let start = i;
            let mut segs = Vec::new();
            loop {
                let s = i;
                while i < code.len() && is_ident(code[i]) {
                    i += 1;
                }
                segs.push(String::from_utf8_lossy(&code[s..i]).into_owned());
                if code[i..].starts_with(b"::") && code.get(i + 2).is_some_and(|&b| is_ident(b)) {
                    i += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 && !in_test(start) {
                out.push((start, segs));
            }
        } else {
            i += 1;
        }
    }
    out
}

const SQL_WORDS: &[&str] = &["SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "PRAGMA", "WITH", "REPLACE", "VACUUM", "BEGIN"];
const SQL_CALLS: &[&str] = &[
    ".prepare(",
    ".prepare_cached(",
    ".execute(",
    ".execute_batch(",
    ".query_row(",
    ".transaction(",
    ".unchecked_transaction(",
    ".savepoint(",
    ".pragma_update(",
];

/// Opening a transaction: allowed in actions/ besides store/ (rule 3).
const TX_CALLS: &[&str] = &[".transaction(", ".unchecked_transaction(", ".savepoint("];

/// Store methods that write (files beside the contest, the kept audit head) without `&mut`: only actions call them.
const STORE_WRITES: &[&str] = &[".backup(", ".persist_audit_head("];

/// SQL text and rusqlite calls outside test code: (offset, what).
fn sql_uses(sc: &Scanned, in_test: &dyn Fn(usize) -> bool) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, lit) in &sc.literals {
        let t = lit.trim_start();
        let word = t.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
        if SQL_WORDS.contains(&word) && t.len() > word.len() && !in_test(*at) {
            out.push((*at, format!("SQL text \"{}…\"", t.chars().take(30).collect::<String>())));
        }
    }
    let text = String::from_utf8_lossy(&sc.code);
    for call in SQL_CALLS {
        for (at, _) in text.match_indices(call) {
            if !in_test(at) {
                out.push((at, format!("call {}…)", &call[..call.len() - 1])));
            }
        }
    }
    out
}

/// Functions whose parameters take `&mut Store` or `&mut Connection` (outside test code): (offset, name).
fn mut_store_fns(code: &[u8], in_test: &dyn Fn(usize) -> bool) -> Vec<(usize, String, bool)> {
    let text = String::from_utf8_lossy(code);
    let mut out = Vec::new();
    for (at, _) in text.match_indices("fn ") {
        if (at > 0 && is_ident(code[at - 1])) || in_test(at) {
            continue;
        }
        let name: String = text[at + 3..].trim_start().chars().take_while(|&c| c.is_alphanumeric() || c == '_').collect();
        let Some(open) = text[at..].find('(').map(|p| at + p) else { continue };
        let mut depth = 0;
        let mut close = open;
        for (k, c) in text[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + k;
                        break;
                    }
                }
                _ => {}
            }
        }
        let params = &text[open..close];
        let takes_mut = params.match_indices('&').any(|(k, _)| {
            let mut after = params[k + 1..].trim_start();
            // An optional lifetime: &'a mut Store.
            if let Some(a) = after.strip_prefix('\'') {
                after = a.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_').trim_start();
            }
            let Some(ty) = after.strip_prefix("mut").filter(|t| t.starts_with(char::is_whitespace)) else { return false };
            let path: String = ty.trim_start().chars().take_while(|&c| c.is_alphanumeric() || c == '_' || c == ':').collect();
            matches!(path.rsplit("::").next(), Some("Store" | "Connection"))
        });
        if takes_mut {
            let public = text[..at].trim_end().ends_with("pub");
            out.push((at, name, public));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------
// The checker: files are (path from the repository root, text).

struct Parsed<'a> {
    path: &'a str,
    src: &'a str,
    sc: Scanned,
    tests: Vec<(usize, usize)>,
    whole_file_is_test: bool,
}

impl Parsed<'_> {
    fn in_test(&self, at: usize) -> bool {
        self.whole_file_is_test || self.tests.iter().any(|&(a, b)| at >= a && at < b)
    }
    fn line(&self, at: usize) -> usize {
        line_at(self.src.as_bytes(), at)
    }
}

const CORE: &str = "crates/core/src/";
const EDGES: &[&str] = &["src-tauri/src/", "crates/cli/src/", "crates/serve/src/"];

/// The module path of a core file: `store/backups.rs` → [store, backups], `import/mod.rs` → [import].
fn module_path(rel: &str) -> Vec<String> {
    let rel = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut segs: Vec<String> = rel.split('/').map(String::from).collect();
    if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
        segs.pop();
    }
    segs
}

fn check(files: &[(String, String)]) -> Vec<Violation> {
    let mut parsed: Vec<Parsed> = files
        .iter()
        .map(|(path, src)| {
            let sc = scan(src);
            let (tests, _) = test_regions(&sc.code);
            let name = path.rsplit('/').next().unwrap_or("");
            let whole_file_is_test = name == "tests.rs" || path.contains("/tests/");
            Parsed { path, src, sc, tests, whole_file_is_test }
        })
        .collect();
    // Files declared `#[cfg(test)] mod x;` are test code too.
    let mut test_files = BTreeSet::new();
    for p in &parsed {
        let (_, mods) = test_regions(&p.sc.code);
        let dir = match p.path.rsplit_once('/') {
            Some((d, f)) if f == "mod.rs" || f == "lib.rs" || f == "main.rs" => d.to_string(),
            Some((d, f)) => format!("{d}/{}", f.trim_end_matches(".rs")),
            None => String::new(),
        };
        for m in mods {
            test_files.insert(format!("{dir}/{m}.rs"));
            test_files.insert(format!("{dir}/{m}/mod.rs"));
        }
    }
    for p in &mut parsed {
        if test_files.contains(p.path) {
            p.whole_file_is_test = true;
        }
    }

    let mut out = Vec::new();
    let mut push =
        |p: &Parsed, at: usize, rule: Rule, detail: String| out.push(Violation { file: p.path.to_string(), line: p.line(at), rule, detail });
    // Core functions taking &mut Store outside actions/: the edges may not call them.
    let mut mut_fns: BTreeSet<Vec<String>> = BTreeSet::new();
    // `pub use` in the core: (the re-exporting module, the path as written), to follow re-exported names.
    let mut reexports: Vec<(Vec<String>, Vec<String>)> = Vec::new();

    for p in parsed.iter().filter(|p| p.path.starts_with(CORE)) {
        let rel = &p.path[CORE.len()..];
        let module = module_path(rel);
        let top = module.first().cloned().unwrap_or_default();
        let in_test = |at: usize| p.in_test(at);
        let is_root = module.is_empty();
        if !is_root && !p.whole_file_is_test && layer_of(&top).is_none() {
            push(p, 0, Rule::Layers, format!("module `{top}` is in no layer of docs/ARCHITECTURE.md: place it there and in architecture.rs"));
        }
        // (a) The modules this file names.
        if !is_root {
            let (use_list, rest) = uses(&p.sc.code, &in_test);
            let mut named: Vec<(usize, String)> = Vec::new();
            for (at, public, list) in use_list {
                for path in list {
                    if let Some(t) = resolve(&module, &path) {
                        named.push((at, t));
                    }
                    if public {
                        reexports.push((module.clone(), path));
                    }
                }
            }
            for (at, path) in paths(&rest, &in_test) {
                if let Some(t) = resolve(&module, &path) {
                    named.push((at, t));
                }
            }
            for (at, to) in named {
                if !allowed(&top, &to) {
                    let why = match (layer_of(&top), layer_of(&to)) {
                        (_, None) => format!("names `{to}`, which is in no layer"),
                        (_, Some(Layer::Actions)) => "names actions/: nothing in the core calls an action".to_string(),
                        (Some(f), Some(t)) => format!("`{top}` ({f:?}) names `{to}` ({t:?})"),
                        (None, _) => format!("`{top}` (no layer) names `{to}`"),
                    };
                    push(p, at, Rule::Layers, why);
                }
            }
        }
        // (b) SQL only in store/.
        if top != "store" {
            for (at, what) in sql_uses(&p.sc, &in_test) {
                // Actions own every change, so they open its transaction (the SQL inside stays in store/).
                if top == "actions" && TX_CALLS.iter().any(|c| what.contains(&c[..c.len() - 1])) {
                    continue;
                }
                push(p, at, Rule::Sql, what);
            }
        }
        // (c) &mut Store only in actions/ and store/.
        for (at, name, public) in mut_store_fns(&p.sc.code, &in_test) {
            if top != "actions" {
                if public {
                    let mut full = module.clone();
                    full.push(name.clone());
                    mut_fns.insert(full);
                }
                if top != "store" {
                    push(p, at, Rule::MutStore, format!("fn {name} takes &mut Store"));
                }
            }
        }
    }

    // A function re-exported (`pub use panels::create_panel;` in judging/) is reachable by its new path too.
    loop {
        let before = mut_fns.len();
        for (module, path) in &reexports {
            let target = absolute(module, path);
            if mut_fns.contains(&target) {
                let mut new = module.clone();
                new.push(target.last().cloned().unwrap_or_default());
                mut_fns.insert(new);
            }
        }
        if mut_fns.len() == before {
            break;
        }
    }

    for p in parsed.iter().filter(|p| EDGES.iter().any(|e| p.path.starts_with(e))) {
        let in_test = |at: usize| p.in_test(at);
        let text = String::from_utf8_lossy(&p.sc.code).into_owned();
        for (at, _) in text.match_indices("rusqlite") {
            if !in_test(at) && !(at > 0 && is_ident(p.sc.code[at - 1])) {
                push(p, at, Rule::EdgeRusqlite, "names rusqlite".into());
            }
        }
        for call in [".conn()", ".conn_mut()"] {
            for (at, _) in text.match_indices(call) {
                if !in_test(at) {
                    push(p, at, Rule::EdgeRusqlite, format!("takes the raw connection ({call})"));
                }
            }
        }
        for (at, what) in sql_uses(&p.sc, &in_test) {
            push(p, at, Rule::EdgeSql, what);
        }
        // The store's own writes (a backup, the kept audit head) are actions' business too.
        for call in STORE_WRITES {
            for (at, _) in text.match_indices(call) {
                if !in_test(at) {
                    push(p, at, Rule::EdgeMut, format!("calls the store's {}…) (not an action)", &call[..call.len() - 1]));
                }
            }
        }
        // (d) &mut-taking core functions only through actions: resolve each path through the file's `use`s.
        let (use_list, rest) = uses(&p.sc.code, &in_test);
        let mut alias: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (at, _, list) in &use_list {
            for path in list {
                if path.first().is_some_and(|s| s == "saiwu_core") {
                    let core_path = path[1..].to_vec();
                    if mut_fns.contains(&core_path) {
                        push(p, *at, Rule::EdgeMut, format!("imports saiwu_core::{}", core_path.join("::")));
                    }
                    if let Some(last) = path.last() {
                        alias.insert(last.clone(), core_path);
                    }
                }
            }
        }
        for (at, path) in paths(&rest, &in_test) {
            let full: Vec<String> = if path[0] == "saiwu_core" {
                path[1..].to_vec()
            } else if let Some(base) = alias.get(&path[0]) {
                base.iter().cloned().chain(path[1..].iter().cloned()).collect()
            } else {
                continue;
            };
            if mut_fns.contains(&full) {
                push(p, at, Rule::EdgeMut, format!("calls saiwu_core::{} (not an action)", full.join("::")));
            }
        }
    }
    out
}

/// A path written in `module` as a path from the crate root (2018 paths: `crate::`, `self::`, `super::` or a child).
fn absolute(module: &[String], path: &[String]) -> Vec<String> {
    match path.first().map(String::as_str) {
        Some("crate") => path[1..].to_vec(),
        Some("self") => module.iter().chain(&path[1..]).cloned().collect(),
        Some("super") => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            module[..module.len().saturating_sub(ups)].iter().chain(&path[ups..]).cloned().collect()
        }
        _ => module.iter().chain(path).cloned().collect(),
    }
}

/// The top-level core module a path names from a file of `module`, if it leaves the file's own module.
fn resolve(module: &[String], path: &[String]) -> Option<String> {
    match path.first().map(String::as_str) {
        Some("crate") => path.get(1).cloned(),
        Some("super") => {
            // `super` from `a/b.rs` is `a`; from `a/mod.rs` or `a.rs` it is the crate root.
            let mut at = module.len();
            let mut k = 0;
            while path.get(k).is_some_and(|s| s == "super") {
                at = at.saturating_sub(1);
                k += 1;
            }
            if at == 0 {
                path.get(k).cloned()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The violations as `file: rule` keys, with the first place of each.
fn by_key(found: &[Violation]) -> BTreeMap<(String, Rule), &Violation> {
    let mut m = BTreeMap::new();
    for v in found {
        m.entry((v.file.clone(), v.rule)).or_insert(v);
    }
    m
}

/// What fails against the allowlist: new violations, and listed ones that no longer occur.
fn compare(found: &[Violation], allowed: &[(&str, Rule)]) -> Vec<String> {
    let keys = by_key(found);
    let allow: BTreeSet<(String, Rule)> = allowed.iter().map(|(f, r)| (f.to_string(), *r)).collect();
    let mut errors = Vec::new();
    for ((file, rule), v) in &keys {
        if !allow.contains(&(file.clone(), *rule)) {
            let more = found.iter().filter(|w| &w.file == file && w.rule == *rule).count() - 1;
            let more = if more > 0 { format!(" (and {more} more in this file)") } else { String::new() };
            errors.push(format!("{file}:{}: {:?} — {}; {}{more}", v.line, rule, v.detail, rule.says()));
        }
    }
    for (file, rule) in &allow {
        if !keys.contains_key(&(file.clone(), *rule)) {
            errors.push(format!("{file}: {rule:?} is allowlisted but no longer occurs: remove it from ALLOWED in architecture.rs"));
        }
    }
    errors
}

fn read_tree(root: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, root, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    for dir in [CORE, EDGES[0], EDGES[1], EDGES[2]] {
        walk(&root.join(dir), root, &mut out);
    }
    out
}

#[test]
fn the_code_keeps_the_layers_of_architecture_md() {
    let files = read_tree(&root());
    assert!(files.iter().filter(|(p, _)| p.starts_with(CORE)).count() > 50, "the core's sources were not found");
    let found = check(&files);
    if std::env::var_os("ARCH_PRINT").is_some() {
        // `ARCH_PRINT=1 cargo test … architecture`: the allowlist the code would need now.
        for (file, rule) in by_key(&found).keys() {
            println!("    (\"{file}\", Rule::{rule:?}),");
        }
    }
    let errors = compare(&found, ALLOWED);
    assert!(errors.is_empty(), "{} architecture problem(s):\n{}", errors.len(), errors.join("\n"));
}

/// The domain order the test enforces is the one docs/ARCHITECTURE.md states (rule 4), so the two cannot drift.
#[test]
fn the_domain_order_is_the_one_architecture_md_states() {
    let doc = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let start = doc.find("in this order").expect("rule 4 states the domain order");
    let text = &doc[start..];
    let order = &text[text.find("first):").expect("“(lowest first):”") + 7..text.find(". Domains of one tier").expect("the end of the order")];
    let tiers: Vec<Vec<String>> =
        order.split('→').map(|t| t.split(',').map(|d| d.trim().trim_matches('`').to_string()).filter(|d| !d.is_empty()).collect()).collect();
    assert!(tiers.len() > 5, "{tiers:?}");
    for (i, tier) in tiers.iter().enumerate() {
        for d in tier {
            assert_eq!(
                layer_of(d),
                Some(Layer::Domain(i as u8)),
                "docs/ARCHITECTURE.md puts `{d}` in tier {i}; architecture.rs's layer_of must agree"
            );
        }
    }
    let listed: usize = tiers.iter().map(Vec::len).sum();
    let known =
        ["import", "reference", "judges", "settings", "entries", "rules", "screening", "judging", "awards", "certificates", "season", "export", "overview"];
    assert_eq!(listed, known.iter().filter(|d| matches!(layer_of(d), Some(Layer::Domain(_)))).count(), "every domain of layer_of is in the doc");
}

/// The checker itself can fail: a small tree that breaks each rule once, and code that looks like a
/// violation but is not (comments, test modules, actions).
#[test]
fn the_checker_reports_each_kind_of_violation() {
    let f = |p: &str, s: &str| (p.to_string(), s.to_string());
    let files = vec![
        f("crates/core/src/lib.rs", "pub mod text;\npub use store::Store;\n"),
        // A leaf naming the store; a comment naming judging does not count.
        f("crates/core/src/text.rs", "// crate::judging::x\nuse crate::store::Store;\nuse crate::error::Result;\n"),
        // The model naming a domain inline.
        f("crates/core/src/model/entry.rs", "pub fn k() -> u8 {\n    crate::import::kind()\n}\n"),
        // The store naming a domain inside a grouped use.
        f("crates/core/src/store/mod.rs", "use crate::{model::Group, judging::Round};\nfn m(c: &mut Connection) { c.execute(\"SELECT 1\", []); }\n"),
        // A lower domain naming a higher one through super::super.
        f("crates/core/src/import/cells.rs", "use super::fields;\nuse super::super::rules::check;\n"),
        // A domain naming actions; SQL text, a raw string and a prepare call; a fn taking &mut Store.
        f(
            "crates/core/src/awards/mod.rs",
            "use crate::actions::awards;\nuse crate::judging::ranking;\n\
             pub fn freeze(store: &mut Store, who: &str) -> Result<()> {\n    let q = r#\"INSERT INTO award_sets\"#;\n    store.conn().prepare(\"x\")?;\n    Ok(())\n}\n\
             /// SELECT in a doc comment is prose.\nconst NOTE: &str = \"选择 SELECT\";\n\
             #[cfg(test)]\nmod tests {\n    fn t(c: &mut Connection) { c.execute(\"DELETE FROM award_sets\", []).unwrap(); }\n}\n",
        ),
        // A private helper with a lifetime still counts.
        f("crates/core/src/judging/scores.rs", "fn set<'a>(s: &'a mut crate::store::Store) {}\nfn ok(s: &Store) {}\n"),
        // A module in no layer.
        f("crates/core/src/newthing.rs", "pub fn x() {}\n"),
        // A test file declared in its parent may do anything.
        f("crates/core/src/rules/mod.rs", "#[cfg(test)]\nmod checks;\npub fn r() -> char { '\"' }\n"),
        f("crates/core/src/rules/checks.rs", "use crate::overview::x;\nfn t(c: &mut Connection) { c.execute(\"UPDATE t SET x = 1\", []); }\n"),
        // Actions may name everything and take &mut Store.
        f("crates/core/src/actions/awards.rs", "use crate::{awards, overview};\npub fn freeze(store: &mut Store) { awards::freeze(store, \"\"); }\n"),
        // The edges: rusqlite, SQL, the raw connection, and a &mut core function through an alias and a full path.
        f(
            "src-tauri/src/commands/awards.rs",
            "use rusqlite::Connection;\nuse saiwu_core::awards::{self, AwardList};\n\
             fn a(s: &mut Store) {\n    let n = s.conn().query_row(\"SELECT count(*) FROM judges\", [], |r| r.get(0));\n    awards::freeze(s, \"x\");\n}\n\
             fn b(s: &mut Store) { saiwu_core::actions::awards::freeze(s); }\n",
        ),
        f("crates/cli/src/cmd/awards.rs", "fn run(s: &mut Store) { saiwu_core::awards::freeze(s, \"x\"); }\nfn after(s: &Store) {\n    s.persist_audit_head(now());\n}\n"),
        // A &mut function reached through a re-export.
        f("crates/core/src/judging/mod.rs", "mod panels;\npub use panels::{create_panel, Panel};\n"),
        f("crates/core/src/judging/panels.rs", "pub fn create_panel(store: &mut Store) {}\n"),
        f("crates/cli/src/cmd/judging.rs", "use saiwu_core::{judging, Store};\nfn run(s: &mut Store) {\n    judging::create_panel(s);\n}\n"),
        f("crates/cli/src/cmd/ok.rs", "use saiwu_core::actions::awards;\nfn run(s: &mut Store) { awards::freeze(s); }\n"),
        // An action opens its transaction (allowed) but its SQL text still belongs in store/.
        f(
            "crates/core/src/actions/judging.rs",
            "pub fn set(store: &mut Store) {\n    let tx = store.conn_mut().transaction()?;\n    tx.execute(\"UPDATE scores SET x = 1\", [])?;\n}\n",
        ),
    ];
    let found = check(&files);
    let got: BTreeSet<(String, usize, Rule)> = found.iter().map(|v| (v.file.clone(), v.line, v.rule)).collect();
    let want: BTreeSet<(String, usize, Rule)> = [
        ("crates/core/src/text.rs", 2, Rule::Layers),
        ("crates/core/src/model/entry.rs", 2, Rule::Layers),
        ("crates/core/src/store/mod.rs", 1, Rule::Layers),
        ("crates/core/src/import/cells.rs", 2, Rule::Layers),
        ("crates/core/src/awards/mod.rs", 1, Rule::Layers),
        ("crates/core/src/awards/mod.rs", 3, Rule::MutStore),
        ("crates/core/src/awards/mod.rs", 4, Rule::Sql),
        ("crates/core/src/awards/mod.rs", 5, Rule::Sql),
        ("crates/core/src/judging/scores.rs", 1, Rule::MutStore),
        ("crates/core/src/newthing.rs", 1, Rule::Layers),
        ("src-tauri/src/commands/awards.rs", 1, Rule::EdgeRusqlite),
        ("src-tauri/src/commands/awards.rs", 4, Rule::EdgeRusqlite),
        ("src-tauri/src/commands/awards.rs", 4, Rule::EdgeSql),
        ("src-tauri/src/commands/awards.rs", 5, Rule::EdgeMut),
        ("crates/cli/src/cmd/awards.rs", 1, Rule::EdgeMut),
        ("crates/cli/src/cmd/awards.rs", 3, Rule::EdgeMut),
        ("crates/core/src/judging/panels.rs", 1, Rule::MutStore),
        ("crates/cli/src/cmd/judging.rs", 3, Rule::EdgeMut),
        ("crates/core/src/actions/judging.rs", 3, Rule::Sql),
    ]
    .into_iter()
    .map(|(f, l, r)| (f.to_string(), l, r))
    .collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:?}\nextra: {extra:?}\nall: {found:#?}");
    // The message names the file, the line and the rule.
    let errors = compare(&found, &[]);
    assert!(errors.iter().any(|e| e.starts_with("crates/core/src/text.rs:2: Layers") && e.contains("rules 1–5")), "{errors:#?}");

    // The allowlist: a listed violation passes, an unlisted one fails, a listed one that is gone fails.
    let allow = [("crates/core/src/text.rs", Rule::Layers), ("crates/core/src/mask.rs", Rule::Sql)];
    let errors = compare(&found, &allow);
    assert!(!errors.iter().any(|e| e.starts_with("crates/core/src/text.rs")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("crates/core/src/model/entry.rs:2")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("crates/core/src/mask.rs: Sql is allowlisted but no longer occurs")), "{errors:#?}");
}
