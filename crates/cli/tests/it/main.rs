//! The `saiwu` command's tests, linked into one test binary (each binary carries saiwu-core and its font).
mod certificates;
mod cli;
mod export;
mod manual;
mod letters;
mod lan;
mod season;
mod semifinal;
mod season_new;
#[cfg(unix)]
mod crash;
