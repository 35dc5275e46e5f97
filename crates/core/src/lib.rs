//! 创客大赛秘书处 — the domain core. Plain Rust: no Tauri, no window; time is passed in.
//!
//! Built in layers (docs/ARCHITECTURE.md; `tests/it/architecture.rs` enforces them): a module names only
//! the layers below it.
//!
//! - leaves: `error` (typed errors, `{code, message}`), `text`, `ids` (credit-code and ID-number check
//!   characters), `mask` (ID numbers and phones, also inside free text), `scoring` (the exact maths: entry
//!   scores, tie chain, ranking, leniency, advancement), `pdf` (printable PDFs with the embedded CJK font),
//!   `xlsx` (the table writer every list uses)
//! - `model`: the shared types (Group, Round, Person, Entry, Kind, Source, Problem, Verdict, Outcome, Finding,
//!   the contest time zone)
//! - `store`: the contest file (SQLite, migrations, backups, the audit chain) and all SQL
//! - domains, lowest first: `import` (parsing the national site's exports into entries, with problems) →
//!   `judges` (评委, stable ids), `settings` (the 长治 defaults), `entries` (the entries as the rest of the app
//!   sees them, SPEC §11) → `reference` (rule lists replaced per import) → `rules` → `screening` → `judging`
//!   (rounds, panels, 回避, scores and score sheets, ranking, advancement, the draw) → `awards` (prizes by
//!   quota, freeze and amendments, the provincial recommendation, 优秀组织单位, public lists) →
//!   `certificates` (荣誉证书: template, numbers never reused, PDFs, print log, register) → `season` (公示异议,
//!   provincial results, follow-up to year end) → `export` (xlsx outputs) → `overview` (the dashboard)
//! - `actions`: every change and its consequences; the desktop commands and the CLI change a contest only
//!   through these (`contest`, `backups`, `audit`, `import`, `screening` (rescreen in the caller's
//!   transaction, decisions, disqualification), `settings`, `reference`, `judges`, `judging`, `awards`,
//!   `certificates`)
pub mod actions;
pub mod awards;
pub mod certificates;
pub mod entries;
pub mod error;
pub mod export;
pub mod ids;
pub mod import;
pub mod judges;
pub mod judging;
pub mod mask;
pub mod model;
pub mod overview;
pub mod pdf;
pub mod reference;
pub mod rules;
pub mod scoring;
pub mod screening;
pub mod season;
pub mod settings;
pub mod store;
pub mod text;
pub mod xlsx;

pub use error::{CoreError, ErrorCode, ErrorPayload, Result};

/// The release (the workspace version, the same as tauri.conf.json's): shown in 关于 and printed in every
/// export's footer, so a printed list says which program made it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub use store::Store;
