//! `saiwu settings get|set`.
use clap::{Args, Subcommand};
use saiwu_core::{settings, CoreError, Store};

use crate::output::{json, now, out};

#[derive(Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    action: SettingsAction,
}

#[derive(Subcommand)]
enum SettingsAction {
    /// 查看设置（不写 KEY 时列出全部）
    Get { key: Option<String> },
    /// 修改设置，例如：saiwu settings set reference_date 2026-07-10
    Set { key: String, value: String },
}

pub fn run(store: &mut Store, args: SettingsArgs) -> Result<(), CoreError> {
    match args.action {
        SettingsAction::Get { key } => {
            let v = settings::get(store, key.as_deref())?;
            match v {
                serde_json::Value::String(s) => out(&s),
                other => json(&other)?,
            }
        }
        SettingsAction::Set { key, value } => {
            saiwu_core::actions::settings::set(store, &key, &value, now())?;
            out(&format!("已设置 {key}。"));
        }
    }
    Ok(())
}
