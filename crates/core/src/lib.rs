//! 创客大赛秘书处 — the domain core. Plain Rust: no Tauri, no window; time is passed in.
//!
//! - `certificates` 荣誉证书: template, numbers per series (never reused), PDFs, print log, register
//! - `store`    the contest file (SQLite, migrations, backups)
//! - `awards`   prizes by quota, freeze and amendments, the provincial recommendation, 优秀组织单位, public lists
//! - `settings` contest settings with the 长治 defaults
//! - `import`   reading the national site's exports into entries, with problems and undo
//! - `reference` reference lists (rule lists replaced per import) and `judges` (评委, stable ids)
//! - `entries`  the entries as the rest of the app sees them (SPEC §11 shape)
//! - `mask`     masking ID numbers and phones, also inside free text (a leaf: import, entries and exports use it)
//! - `export`   xlsx outputs
//! - `scoring`  the scoring mathematics: exact entry scores, tie chain, ranking, leniency, advancement
//! - `ids`      credit-code and ID-number check characters
//! - `judging`  rounds, panels, 回避, score keeping and score sheets, ranking, advancement, the draw
//! - `pdf`      printable PDFs with the embedded CJK font (score sheets, order sheets, lists)
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
pub mod settings;
pub mod store;
pub mod text;

pub use error::{CoreError, ErrorCode, ErrorPayload, Result};
pub use store::Store;
