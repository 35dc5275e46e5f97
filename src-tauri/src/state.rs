//! The open contest file, shared by every command.
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use saiwu_core::Store;

use crate::error::CommandError;

pub struct AppState {
    store: Mutex<Store>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        AppState { store: Mutex::new(store) }
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock leaves the store itself consistent (transactions), so recover.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn replace(&self, store: Store) {
        *self.store() = store;
    }
}

/// The app's start-up options, read from its arguments (tests pass `--db FILE`; environment
/// variables do not reach an app started by WebDriver).
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub db: Option<PathBuf>,
}

impl Options {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Options, CommandError> {
        let mut o = Options::default();
        let mut it = args.into_iter().skip(1);
        while let Some(a) = it.next() {
            if a == "--db" {
                o.db = Some(it.next().ok_or_else(|| CommandError::internal("--db 后面需要赛事文件路径"))?.into());
            } else if let Some(p) = a.strip_prefix("--db=") {
                o.db = Some(p.into());
            }
        }
        Ok(o)
    }
}
