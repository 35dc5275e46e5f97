//! The core's integration tests, linked into one test binary: each binary carries the whole core (and its 15 MB
//! font), so one binary instead of eleven keeps a cold build's disk use and link time down.
mod architecture;
mod audit;
mod awards;
mod backups;
mod bindings;
mod certificates;
mod exports;
mod fixtures_truth;
mod hostile;
mod hostile_read;
mod import_flow;
mod import_golden;
mod judging;
mod members;
mod overview;
mod pdf;
mod readers;
mod reference;
mod rules_golden;
mod scoring_maths;
mod screening;
mod season;
mod season_new;
mod support;
