//! A problem found while reading an entry's row: where it is, what is wrong, what to do.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Problem {
    pub file: String,
    pub sheet: String,
    /// 1-based, as Excel shows it; None for problems of the whole file.
    pub row: Option<usize>,
    /// Column letter and header, e.g. "D 统一社会信用代码".
    pub column: Option<String>,
    pub code: String,
    pub message: String,
    pub hint: String,
    pub project_no: Option<String>,
    pub severity: String,
}
