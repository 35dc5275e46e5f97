//! `saiwu entries` and `saiwu judges`: the two plain lists.
use clap::Args;
use saiwu_core::{entries, CoreError, Store};

use crate::output::{json, out};

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    json: bool,
}

pub fn run_entries(store: &Store, args: ListArgs) -> Result<(), CoreError> {
    let list = entries::list(store)?;
    if args.json {
        json(&list)?;
    } else {
        for e in &list {
            out(&format!(
                "{}\t{}\t{}\t{}",
                e.project_no.clone().unwrap_or_default(),
                e.group.map(|g| g.label()).unwrap_or("组别未知"),
                e.project_name.clone().unwrap_or_default(),
                e.entrant_name.clone().unwrap_or_default()
            ));
        }
        out(&format!("共 {} 个报名项目。", list.len()));
    }
    Ok(())
}

pub fn run_judges(store: &Store, args: ListArgs) -> Result<(), CoreError> {
    let list = saiwu_core::judges::list(store)?;
    if args.json {
        json(&list)?;
    } else {
        for j in &list {
            out(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}{}",
                j.id,
                j.name,
                j.organization.clone().unwrap_or_default(),
                j.title.clone().unwrap_or_default(),
                j.expertise.clone().unwrap_or_default(),
                j.phone.clone().unwrap_or_default(),
                if j.active { "" } else { "\t（停用）" }
            ));
        }
        out(&format!("共 {} 位评委。", list.len()));
    }
    Ok(())
}
