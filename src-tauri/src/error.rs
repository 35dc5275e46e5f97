//! What a failed command hands the window: `{code, message}` (and `field` for a validation error naming
//! one) with a Chinese message; `code` is an `ErrorCode`, the TS union in ui/src/api/gen/ErrorCode.ts.
use saiwu_core::{CoreError, ErrorCode, ErrorPayload};

#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
pub struct CommandError(pub ErrorPayload);

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        CommandError(ErrorPayload::from(&e))
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError(ErrorPayload::new(ErrorCode::Internal, message))
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

impl CommandError {
    /// Every store command while no contest file is open (start-up failed or first run).
    pub fn no_contest() -> Self {
        CommandError(ErrorPayload::new(ErrorCode::NoContest, "还没有打开赛事文件：请点击“打开赛事文件”选择已有的赛事文件，或点击“新建赛事文件”。"))
    }
}
