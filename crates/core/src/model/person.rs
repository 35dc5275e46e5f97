//! A person named in an entry (leader or member).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Person {
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
}
