//! The `group_code` columns (entries, draws, tie decisions, certificates) hold `Group::code()`; they are
//! mapped to `Group` here, once, so no reader handles group codes as text.
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::Group;

/// A stored code this version does not know: only the app writes these columns, so the file was
/// changed by something else. Reading fails (a `DB` error naming the code) rather than guessing a group.
#[derive(Debug)]
struct UnknownGroup(String);

impl std::fmt::Display for UnknownGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "赛事文件中的组别代码“{}”无法识别（应为 enterprise 或 startup），文件可能被其他程序改动过", self.0)
    }
}

impl std::error::Error for UnknownGroup {}

impl FromSql for Group {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let code = value.as_str()?;
        Group::from_code(code).ok_or_else(|| FromSqlError::Other(Box::new(UnknownGroup(code.to_string()))))
    }
}

impl ToSql for Group {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Group;
    use crate::store::Store;

    #[test]
    fn codes_map_both_ways_and_an_unknown_code_is_a_db_error_naming_it() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        let back: Group = c.query_row("SELECT ?1", [Group::Startup], |r| r.get(0)).unwrap();
        assert_eq!(back, Group::Startup);
        let none: Option<Group> = c.query_row("SELECT NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(none, None);
        let err = c.query_row("SELECT 'junior'", [], |r| r.get::<_, Group>(0)).unwrap_err();
        let err = crate::error::CoreError::from(err);
        assert_eq!(err.code(), "DB");
        assert!(err.to_string().contains("组别代码“junior”无法识别"), "{err}");
    }
}
