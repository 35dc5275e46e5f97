-- Awards, the provincial recommendation and 优秀组织单位奖 (SPEC §6, issue #5).
-- Awards are computed from the final ranking until the committee freezes them: a frozen set is a
-- snapshot with a content hash; after that, changes are amendments with a reason, never edits.
CREATE TABLE award_sets (
    id           INTEGER PRIMARY KEY,
    frozen_at    TEXT NOT NULL,
    frozen_by    TEXT NOT NULL,
    content_hash TEXT NOT NULL,         -- sha256 of `data`
    data         TEXT NOT NULL          -- JSON array of awards as frozen
);

CREATE TABLE award_amendments (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES award_sets(id),
    entry_key  TEXT NOT NULL,
    old_level  TEXT,
    new_level  TEXT,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    amended_by TEXT NOT NULL,
    amended_at TEXT NOT NULL
);
CREATE TRIGGER award_sets_no_update BEFORE UPDATE ON award_sets BEGIN SELECT RAISE(ABORT, 'award_sets are frozen'); END;
CREATE TRIGGER award_amendments_no_update BEFORE UPDATE ON award_amendments BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
CREATE TRIGGER award_amendments_no_delete BEFORE DELETE ON award_amendments BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;

-- Manual changes to the provincial recommendation list (the rest follows the quota).
CREATE TABLE recommendation_changes (
    id         INTEGER PRIMARY KEY,
    entry_key  TEXT NOT NULL UNIQUE,
    included   INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);

-- Organizing units chosen by the committee for 优秀组织单位奖.
CREATE TABLE unit_awards (
    unit       TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);

-- 取消资格 (notice §五(四)): at any stage, with a reason; the entry leaves the rounds, its award is
-- withdrawn (an amendment when the list is frozen) and its certificate voided. Kept, never deleted.
CREATE TABLE disqualifications (
    entry_key  TEXT PRIMARY KEY,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);

-- The ≤ 7 core members printed on a team certificate, chosen by a person when a team lists more.
CREATE TABLE certificate_members (
    entry_key  TEXT PRIMARY KEY,
    names      TEXT NOT NULL,            -- JSON array, at most 7
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
