//! The open contest file (if any), shared by every command, and the app's data folder.
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use saiwu_core::actions::contest;
use saiwu_core::{CoreError, Store};
use serde::Serialize;

use crate::error::{CmdResult, CommandError};

/// Why no contest is open at start-up: the file and the core's Chinese message, shown by the window.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct StartupProblem {
    pub path: String,
    #[ts(as = "saiwu_core::ErrorCode")]
    pub code: String,
    pub message: String,
}

impl StartupProblem {
    pub fn new(path: &Path, e: &CoreError) -> Self {
        StartupProblem { path: path.display().to_string(), code: e.code().to_string(), message: e.to_string() }
    }
}

pub struct AppState {
    // None until a contest file is open: there is no in-memory fallback, so nothing is ever
    // imported into a contest that would vanish on close.
    store: Mutex<Option<Store>>,
    problem: Mutex<Option<StartupProblem>>,
    data_dir: PathBuf,
}

/// The locked, open store; only handed out when a contest is open.
pub struct StoreGuard<'a>(MutexGuard<'a, Option<Store>>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        match self.0.as_ref() {
            Some(s) => s,
            None => unreachable!("StoreGuard is only made for an open store"),
        }
    }
}

/// When a command lets go of the store, the audit chain's head is saved outside the contest file
/// (`<data dir>/audit-heads/`, written only when the chain grew), so a log later shortened, emptied or
/// rewound behind the app's back is named by `verify`. A head that cannot be saved is not the
/// command's failure: verify says so instead.
impl Drop for StoreGuard<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.0.as_ref() {
            if let Err(e) = saiwu_core::actions::audit::keep_head(s, crate::commands::now()) {
                eprintln!("无法保存审计链编号：{e}");
            }
        }
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match self.0.as_mut() {
            Some(s) => s,
            None => unreachable!("StoreGuard is only made for an open store"),
        }
    }
}

impl AppState {
    /// An app with `store` open (None: no contest yet, `problem` says why if opening failed).
    pub fn new(store: Option<Store>, problem: Option<StartupProblem>, data_dir: PathBuf) -> Self {
        let store = store.map(|s| s.with_data_dir(data_dir.clone()));
        AppState { store: Mutex::new(store), problem: Mutex::new(problem), data_dir }
    }

    /// The open store, or `NO_CONTEST` when no contest file is open.
    pub fn store(&self) -> CmdResult<StoreGuard<'_>> {
        // A panic while holding the lock leaves the store itself consistent (transactions), so recover.
        let guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            return Err(CommandError::no_contest());
        }
        Ok(StoreGuard(guard))
    }

    /// Makes `store` the open contest; the start-up problem no longer applies.
    pub fn replace(&self, store: Store) {
        let store = store.with_data_dir(self.data_dir.clone());
        *self.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(store);
        *self.problem.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub fn problem(&self) -> Option<StartupProblem> {
        self.problem.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The app's data folder (default contest, audit heads); `--data-dir` overrides it.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

/// The OS data folder for the app identifier (e.g. `~/.local/share/com.saiwu.desk`), where the
/// default contest file and the audit heads live.
pub fn default_data_dir() -> CmdResult<PathBuf> {
    Ok(saiwu_core::store::default_data_dir()?)
}

/// The app's start-up options, read from its arguments (tests pass `--db FILE --data-dir DIR`;
/// environment variables do not reach an app started by WebDriver).
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub db: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
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
            } else if a == "--data-dir" {
                o.data_dir = Some(it.next().ok_or_else(|| CommandError::internal("--data-dir 后面需要数据文件夹路径"))?.into());
            } else if let Some(p) = a.strip_prefix("--data-dir=") {
                o.data_dir = Some(p.into());
            }
        }
        Ok(o)
    }

    /// The data folder: `--data-dir`, else the OS default.
    pub fn data_dir(&self) -> CmdResult<PathBuf> {
        match &self.data_dir {
            Some(d) => Ok(d.clone()),
            None => default_data_dir(),
        }
    }
}

/// Opens the contest the app starts with. `--db FILE` is opened (created when missing, as the
/// tests and the CLI expect); without it the default `<data dir>/contest.sqlite` is opened only if
/// it exists: a first run shows the welcome page instead of creating a file the user never chose.
/// A file that cannot be opened leaves no contest open and says why.
pub fn open_startup(db: Option<&Path>, data_dir: &Path) -> (Option<Store>, Option<StartupProblem>) {
    let result = match db {
        Some(p) => contest::open_or_create(p).map_err(|e| StartupProblem::new(p, &e)),
        // The contest open when the app was last used; an older install's default file otherwise.
        None => match crate::recent::last(data_dir) {
            Some(p) if !p.is_file() => {
                let e = CoreError::not_found(format!(
                    "上次打开的赛事文件已不在原处：{}。它可能被移动、改名或删除，或在未插入的U盘上；请在“最近的赛事文件”中另选，或点击“打开赛事文件”找到它。",
                    p.display()
                ));
                return (None, Some(StartupProblem::new(&p, &e)));
            }
            Some(p) => contest::open_existing(&p).map_err(|e| StartupProblem::new(&p, &e)),
            None => {
                let p = saiwu_core::store::default_contest_in(data_dir);
                if !p.exists() {
                    return (None, None);
                }
                contest::open_existing(&p).map_err(|e| StartupProblem::new(&p, &e))
            }
        },
    };
    // A contest screened by an older release's rules is re-screened before the window reads it.
    let result = result.and_then(|mut s| match contest::bring_current(&mut s, crate::commands::now()) {
        Ok(_) => Ok(s),
        Err(e) => Err(StartupProblem::new(s.path(), &e)),
    });
    match result {
        Ok(s) => (Some(s), None),
        Err(problem) => (None, Some(problem)),
    }
}

/// Records `store` as the newest recent contest file. Failing to write the list is not the
/// caller's failure (the contest is open); it is reported on stderr.
pub fn remember(data_dir: &Path, store: &Store) {
    let name = contest::info(store).map(|i| i.contest_name).unwrap_or_default();
    if let Err(e) = crate::recent::remember(data_dir, store.path(), &name, &crate::commands::now().to_rfc3339()) {
        eprintln!("无法保存最近的赛事文件列表：{e}");
    }
}
