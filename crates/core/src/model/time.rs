//! The contest's clock: the national site and the notice use Beijing time.
use chrono::FixedOffset;

/// Beijing time (UTC+8), the national site's clock.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("constant offset")
}
