//! 参赛组别: the two groups of the notice. One enum, one label; JSON and tables use the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
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

    /// The label of an entry's group, which an entry without one (a person may still have ruled it
    /// 符合) shows as 组别未知.
    pub fn label_of(group: Option<Group>) -> &'static str {
        group.map(Group::label).unwrap_or("组别未知")
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

impl Group {
    /// A group as a person types it: the code or the label.
    pub fn parse(s: &str) -> crate::error::Result<Group> {
        let s = s.trim();
        match Group::ALL.into_iter().find(|g| g.code() == s || g.label() == s) {
            Some(g) => Ok(g),
            None => {
                Err(crate::error::CoreError::validation(Some("group"), format!("未知的组别“{s}”。可用：enterprise（企业组）、startup（创业组）。")))
            }
        }
    }
}

impl std::fmt::Display for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Group;

    #[test]
    fn codes_labels_and_typed_input() {
        for g in Group::ALL {
            assert_eq!(Group::from_code(g.code()), Some(g));
            assert_eq!(Group::parse(g.code()).unwrap(), g);
            assert_eq!(Group::parse(&format!(" {} ", g.label())).unwrap(), g);
            // JSON and the TypeScript union use the code.
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{}\"", g.code()));
        }
        assert_eq!(Group::label_of(None), "组别未知");
        let err = Group::parse("junior").unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_INPUT", Some("group")));
        assert!(err.to_string().contains("未知的组别“junior”"), "{err}");
    }
}
