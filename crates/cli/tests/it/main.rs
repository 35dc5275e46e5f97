//! The `saiwu` command's tests, linked into one test binary (each binary carries saiwu-core and its font).
mod support;

mod certificates;
mod cli;
#[cfg(unix)]
mod crash;
mod export;
mod lan;
mod letters;
mod manual;
mod season;
mod season_new;
mod semifinal;
