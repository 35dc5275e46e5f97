//! What the command's test modules share: the repository root and running `saiwu` on a contest file.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root (fixtures/ lives there).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `saiwu --db DB --data-dir <beside it>/data ARGS…`: the data folder beside the contest, never the real one
/// in the home folder.
pub fn saiwu(db: &Path, args: &[&str]) -> Output {
    let data = db.parent().unwrap().join("data");
    Command::new(env!("CARGO_BIN_EXE_saiwu")).arg("--db").arg(db).arg("--data-dir").arg(data).args(args).output().unwrap()
}

/// The standard output of a run that must succeed.
pub fn ok(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The JSON a successful run printed.
pub fn json(o: &Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// The message of a run refused with exit code 2.
pub fn refused(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(2), "stdout: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8_lossy(&o.stderr).into_owned()
}
