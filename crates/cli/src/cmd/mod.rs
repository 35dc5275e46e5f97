//! One module per subcommand family: each owns its clap arguments and its `run`.
pub mod audit;
pub mod awards;
pub mod backup;
pub mod certificates;
pub mod check;
pub mod entries;
pub mod export;
pub mod import;
pub mod judging;
pub mod manual;
pub mod letters;
pub mod lan;
pub mod scores;
pub mod season;
pub mod season_new;
pub mod settings;
