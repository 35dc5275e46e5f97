//! 参赛组别: the two groups of the notice. One enum, one label; JSON and tables use the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Enterprise,
    Startup,
}

impl Group {
    pub fn code(self) -> &'static str {
        match self {
            Group::Enterprise => "enterprise",
            Group::Startup => "startup",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Group::Enterprise => "企业组",
            Group::Startup => "创业组",
        }
    }
}

impl Group {
    pub const ALL: [Group; 2] = [Group::Enterprise, Group::Startup];

    /// The stored / JSON code ("enterprise" | "startup").
    pub fn from_code(code: &str) -> Option<Group> {
        match code {
            "enterprise" => Some(Group::Enterprise),
            "startup" => Some(Group::Startup),
            _ => None,
        }
    }
}

impl std::fmt::Display for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
