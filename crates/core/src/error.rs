//! Typed errors of the core. Each has a stable `code` for programs and a Chinese message for people;
//! the edges (CLI, desktop commands) show the message as it is.
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("无法读取文件“{file}”：{reason}。请确认文件存在、未被其他程序占用，然后重试。")]
    FileOpen { file: String, reason: String },

    #[error("“{file}”不是可以导入的表格文件（{detail}）。请在 Excel/WPS 中另存为 .xlsx、.xls、.ods 或 .csv 后重试。")]
    UnsupportedType { file: String, detail: String },

    #[error("“{file}”已损坏或被加密，无法读取（{detail}）。请用 Excel/WPS 打开确认，取消密码后另存为 .xlsx 再导入。")]
    Corrupt { file: String, detail: String },

    #[error("“{file}”超出导入限制：{what}（上限 {limit}）。请拆分文件或删除无关内容后重试。")]
    TooLarge { file: String, what: String, limit: String },

    #[error("在“{file}”中没有找到表头行（应包含“项目名称”“参赛组别”“企业名称”等列名）。请确认选择了报名数据所在的工作表，或在预览中手动指定列。")]
    NoHeader { file: String },

    #[error("“{file}”中没有名为“{sheet}”的工作表。现有工作表：{available}。")]
    NoSuchSheet { file: String, sheet: String, available: String },

    #[error("赛事文件“{path}”由更新版本的软件创建（数据格式版本 {found}，本软件只支持到 {supported}）。请升级软件后再打开，文件未被改动。")]
    StoreTooNew { path: PathBuf, found: i64, supported: i64 },

    #[error("“{path}”不是本软件的赛事文件：{detail}")]
    NotAContestFile { path: PathBuf, detail: String },

    #[error("赛事文件“{0}”已存在。请换一个文件名，或使用“打开赛事文件”。")]
    AlreadyExists(PathBuf),

    /// A value the user gave is not acceptable; `field` names it (a setting key, a column, a form field).
    #[error("{message}")]
    Validation { field: Option<String>, message: String },

    /// The action is not possible in the contest's present state (a step is missing first).
    #[error("{0}")]
    Precondition(String),

    /// The data the action would change is frozen (award list finalised, round closed, …).
    #[error("{0}")]
    Frozen(String),

    /// The entry is not part of the round the action is about.
    #[error("{0}")]
    NotInRound(String),

    /// The change conflicts with existing data (a duplicate name, a number in use, …).
    #[error("{0}")]
    Conflict(String),

    #[error("{0}")]
    NotFound(String),

    #[error("没有可以撤销的导入：{0}")]
    NothingToUndo(String),

    /// Undoing the import would delete or change entries that judging data refers to: nothing changed.
    #[error("不能撤销对“{file}”的导入：{reason}。撤销会删除或改动这些项目，这些评审数据将失去依据，因此没有撤销，数据未被改动。如确需回到这次导入之前，请在“备份与恢复”中恢复导入前的备份“{backup}”（其后的评审工作也会一并回到导入之前）。")]
    UndoRefused { file: String, reason: String, backup: String },

    /// A score file with any invalid cell is refused whole: nothing is stored.
    #[error("评分表“{file}”有 {count} 处问题，整个文件未导入，已录入的分数没有改动：\n{summary}\n请改正后重新导入。")]
    ScoresRefused { file: String, count: usize, summary: String },

    #[error("数据库操作失败：{0}。数据未被改动，请重试；如果反复出现，请从备份恢复。")]
    Db(#[from] rusqlite::Error),

    #[error("文件读写失败：{0}")]
    Io(#[from] std::io::Error),

    #[error("生成 Excel 文件失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    #[error("生成 PDF 文件失败：{0}")]
    Pdf(String),
}

/// The stable codes every edge hands over (the window's `ErrorCode` union is generated from this enum:
/// `ui/src/api/gen/ErrorCode.ts`). The strings never change: programs and tests match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[ts(export)]
pub enum ErrorCode {
    FileOpen,
    ImportUnsupportedType,
    ImportCorrupt,
    ImportTooLarge,
    ImportNoHeader,
    ImportNoSuchSheet,
    StoreTooNew,
    StoreNotContest,
    StoreExists,
    /// A value the user gave is not acceptable (`ErrorPayload::field` names it when known).
    InvalidInput,
    Precondition,
    Frozen,
    NotInRound,
    Conflict,
    NotFound,
    NothingToUndo,
    UndoRefused,
    ScoresRefused,
    Db,
    Io,
    Xlsx,
    Pdf,
    /// The desktop shell's own: no contest file is open.
    NoContest,
    /// The desktop shell's own: a background task broke off.
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 24] = [
        ErrorCode::FileOpen,
        ErrorCode::ImportUnsupportedType,
        ErrorCode::ImportCorrupt,
        ErrorCode::ImportTooLarge,
        ErrorCode::ImportNoHeader,
        ErrorCode::ImportNoSuchSheet,
        ErrorCode::StoreTooNew,
        ErrorCode::StoreNotContest,
        ErrorCode::StoreExists,
        ErrorCode::InvalidInput,
        ErrorCode::Precondition,
        ErrorCode::Frozen,
        ErrorCode::NotInRound,
        ErrorCode::Conflict,
        ErrorCode::NotFound,
        ErrorCode::NothingToUndo,
        ErrorCode::UndoRefused,
        ErrorCode::ScoresRefused,
        ErrorCode::Db,
        ErrorCode::Io,
        ErrorCode::Xlsx,
        ErrorCode::Pdf,
        ErrorCode::NoContest,
        ErrorCode::Internal,
    ];

    /// The code as text, the same string serde writes.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::FileOpen => "FILE_OPEN",
            ErrorCode::ImportUnsupportedType => "IMPORT_UNSUPPORTED_TYPE",
            ErrorCode::ImportCorrupt => "IMPORT_CORRUPT",
            ErrorCode::ImportTooLarge => "IMPORT_TOO_LARGE",
            ErrorCode::ImportNoHeader => "IMPORT_NO_HEADER",
            ErrorCode::ImportNoSuchSheet => "IMPORT_NO_SUCH_SHEET",
            ErrorCode::StoreTooNew => "STORE_TOO_NEW",
            ErrorCode::StoreNotContest => "STORE_NOT_CONTEST",
            ErrorCode::StoreExists => "STORE_EXISTS",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::Precondition => "PRECONDITION",
            ErrorCode::Frozen => "FROZEN",
            ErrorCode::NotInRound => "NOT_IN_ROUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::NothingToUndo => "NOTHING_TO_UNDO",
            ErrorCode::UndoRefused => "UNDO_REFUSED",
            ErrorCode::ScoresRefused => "SCORES_REFUSED",
            ErrorCode::Db => "DB",
            ErrorCode::Io => "IO",
            ErrorCode::Xlsx => "XLSX",
            ErrorCode::Pdf => "PDF",
            ErrorCode::NoContest => "NO_CONTEST",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl CoreError {
    /// A stable identifier for programs and tests; never shown as the only explanation.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    pub fn error_code(&self) -> ErrorCode {
        match self {
            CoreError::FileOpen { .. } => ErrorCode::FileOpen,
            CoreError::UnsupportedType { .. } => ErrorCode::ImportUnsupportedType,
            CoreError::Corrupt { .. } => ErrorCode::ImportCorrupt,
            CoreError::TooLarge { .. } => ErrorCode::ImportTooLarge,
            CoreError::NoHeader { .. } => ErrorCode::ImportNoHeader,
            CoreError::NoSuchSheet { .. } => ErrorCode::ImportNoSuchSheet,
            CoreError::StoreTooNew { .. } => ErrorCode::StoreTooNew,
            CoreError::NotAContestFile { .. } => ErrorCode::StoreNotContest,
            CoreError::AlreadyExists(_) => ErrorCode::StoreExists,
            CoreError::Validation { .. } => ErrorCode::InvalidInput,
            CoreError::Precondition(_) => ErrorCode::Precondition,
            CoreError::Frozen(_) => ErrorCode::Frozen,
            CoreError::NotInRound(_) => ErrorCode::NotInRound,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::NotFound(_) => ErrorCode::NotFound,
            CoreError::NothingToUndo(_) => ErrorCode::NothingToUndo,
            CoreError::UndoRefused { .. } => ErrorCode::UndoRefused,
            CoreError::ScoresRefused { .. } => ErrorCode::ScoresRefused,
            CoreError::Db(_) => ErrorCode::Db,
            CoreError::Io(_) => ErrorCode::Io,
            CoreError::Xlsx(_) => ErrorCode::Xlsx,
            CoreError::Pdf(_) => ErrorCode::Pdf,
        }
    }

    /// The field the user should correct, when the error names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Validation { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// A value the user gave is not acceptable (`field`: which one, when known).
    pub fn validation(field: Option<&str>, message: impl Into<String>) -> CoreError {
        CoreError::Validation { field: field.map(str::to_string), message: message.into() }
    }
    pub fn precondition(message: impl Into<String>) -> CoreError {
        CoreError::Precondition(message.into())
    }
    pub fn frozen(message: impl Into<String>) -> CoreError {
        CoreError::Frozen(message.into())
    }
    pub fn not_in_round(message: impl Into<String>) -> CoreError {
        CoreError::NotInRound(message.into())
    }
    pub fn not_found(message: impl Into<String>) -> CoreError {
        CoreError::NotFound(message.into())
    }
    pub fn conflict(message: impl Into<String>) -> CoreError {
        CoreError::Conflict(message.into())
    }

    /// True when the user can fix the input (CLI exit code 2); false for internal failures (exit 1).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, CoreError::Db(_) | CoreError::Io(_) | CoreError::Xlsx(_) | CoreError::Pdf(_))
    }
}

/// The `{code, message}` shape every edge hands to a person or a program; `field` only when a
/// validation error names the value to correct (absent otherwise, so the shape stays `{code, message}`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorPayload {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorPayload { code, message: message.into(), field: None }
    }
}

impl From<&CoreError> for ErrorPayload {
    fn from(e: &CoreError) -> Self {
        ErrorPayload { code: e.error_code(), message: e.to_string(), field: e.field().map(str::to_string) }
    }
}

pub type Result<T> = std::result::Result<T, CoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_json_has_code_and_chinese_message() {
        let e = CoreError::NoHeader { file: "报名.xlsx".into() };
        let json = serde_json::to_value(ErrorPayload::from(&e)).unwrap();
        assert_eq!(json["code"], "IMPORT_NO_HEADER");
        assert!(json["message"].as_str().unwrap().contains("报名.xlsx"));
        assert!(json["message"].as_str().unwrap().contains("表头"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }

    #[test]
    fn payload_of_a_validation_error_names_the_field() {
        let e = CoreError::validation(Some("final_top_n"), "晋级名额必须大于 0。");
        let json = serde_json::to_string(&ErrorPayload::from(&e)).unwrap();
        assert_eq!(json, r#"{"code":"INVALID_INPUT","message":"晋级名额必须大于 0。","field":"final_top_n"}"#);
        // Without a field the key is left out, not null: the shape stays {code, message}.
        let json = serde_json::to_string(&ErrorPayload::from(&CoreError::frozen("获奖名单已锁定。"))).unwrap();
        assert_eq!(json, r#"{"code":"FROZEN","message":"获奖名单已锁定。"}"#);
        let back: ErrorPayload = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ErrorPayload::new(ErrorCode::Frozen, "获奖名单已锁定。"));
    }

    #[test]
    fn error_codes_serialise_as_their_stable_strings() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(code.as_str().into()), "{code:?}");
            assert_eq!(serde_json::from_value::<ErrorCode>(code.as_str().into()).unwrap(), code);
        }
        // The codes that existed before the enum keep their bytes.
        assert_eq!(CoreError::validation(None, "x").code(), "INVALID_INPUT");
        assert_eq!(CoreError::TooLarge { file: "a".into(), what: "b".into(), limit: "c".into() }.code(), "IMPORT_TOO_LARGE");
        assert_eq!(CoreError::NotAContestFile { path: "a".into(), detail: "b".into() }.code(), "STORE_NOT_CONTEST");
        assert_eq!(CoreError::Xlsx(rust_xlsxwriter::XlsxError::ParameterError("x".into())).code(), "XLSX");
        let unique: std::collections::HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(unique.len(), ErrorCode::ALL.len());
    }

    #[test]
    fn generated_error_code_union_lists_every_code() {
        use ts_rs::TS;
        let decl = ErrorCode::decl(&ts_rs::Config::default());
        for code in ErrorCode::ALL {
            assert!(decl.contains(&format!("\"{}\"", code.as_str())), "{code:?} missing from {decl}");
        }
    }

    #[test]
    fn internal_errors_are_not_user_errors() {
        assert!(CoreError::validation(None, "x").is_user_error());
        assert!(!CoreError::Io(std::io::Error::other("x")).is_user_error());
    }
}
