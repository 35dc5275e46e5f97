//! The shared types at the bottom of the core (docs/ARCHITECTURE.md): every domain speaks in these.
//! They import only the leaves (`error`, `mask`, `text`) and each other — never a domain, the store or
//! an action.
mod award;
mod certificate;
mod entry;
mod group;
mod judge;
mod judging;
mod person;
mod problem;
mod round;
mod season;
mod time;
mod verdict;

pub use award::{Amendment, Level};
pub use certificate::{Certificate, CertificateSubject, PrintReason, SubjectKind};
pub use entry::{kind_of, Entry, Kind, Source};
pub use group::Group;
pub use judge::Judge;
pub use judging::{Conflict, LogEntry};
pub use person::Person;
pub use problem::Problem;
pub use round::{AdvancementRow, Round};
pub use season::{FollowUp, FollowUpKind, Objection, ObjectionOutcome, ProvincialOutcome, ProvincialResult};
pub use time::beijing;
pub use verdict::{verdict_of, Finding, Outcome, Verdict};
