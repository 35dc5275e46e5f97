//! The top of the core (docs/ARCHITECTURE.md): every change to a contest and its consequences.
//! An action opens the transaction, writes through `store`, re-screens what its change affects in
//! the same transaction, writes audit events and takes the backups the change needs. The desktop
//! commands and the CLI change a contest only through these functions; domains never write.

pub mod audit;
pub mod awards;
pub mod backups;
pub mod certificates;
pub mod contest;
pub mod import;
pub mod judges;
pub mod judging;
pub mod letters;
pub mod lan;
pub mod reference;
pub mod screening;
pub mod season;
pub mod season_new;
pub mod settings;
