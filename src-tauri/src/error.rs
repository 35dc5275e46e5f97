//! What a failed command hands the window: `{code, message}` with a Chinese message.
use saiwu_core::{CoreError, ErrorPayload};

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
        CommandError(ErrorPayload { code: "INTERNAL".into(), message: message.into() })
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
