-- The season after the scores (issue #12, SPEC §12): objections during the 公示, the provincial results of
-- the recommended projects and the follow-up to year end. All three are audited (they decide or record results).
CREATE TABLE objections (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT NOT NULL,
    from_who    TEXT NOT NULL CHECK (length(trim(from_who)) > 0),   -- a real name or a unit
    received    TEXT NOT NULL,                                     -- YYYY-MM-DD
    content     TEXT NOT NULL CHECK (length(trim(content)) > 0),
    recorded_at TEXT NOT NULL,
    handling    TEXT,
    outcome     TEXT CHECK (outcome IN ('upheld', 'rejected', 'withdrawn')),
    closed_at   TEXT,                                              -- YYYY-MM-DD; NULL while open
    linked      TEXT,                                              -- 'disqualified' when closing withdrew the entry
    CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX objections_entry ON objections(entry_key);

CREATE TABLE provincial_results (
    entry_key TEXT PRIMARY KEY,
    outcome   TEXT NOT NULL CHECK (outcome IN ('first', 'second', 'third', 'excellence', 'none', 'national')),
    set_at    TEXT NOT NULL
);

CREATE TABLE followups (
    id          INTEGER PRIMARY KEY,
    entry_key   TEXT NOT NULL,
    date        TEXT NOT NULL,                                     -- YYYY-MM-DD
    kind        TEXT NOT NULL CHECK (kind IN ('contact', 'service', 'financing', 'matching', 'policy', 'note')),
    note        TEXT NOT NULL CHECK (length(trim(note)) > 0),
    amount_wan  REAL,
    next_due    TEXT,                                              -- YYYY-MM-DD
    recorded_at TEXT NOT NULL
);
CREATE INDEX followups_entry ON followups(entry_key, date, id);

-- 成长快 / 潜力大 (notice §六: report fast-growing projects), one flag per project with its reason.
CREATE TABLE growth_flags (
    entry_key TEXT PRIMARY KEY,
    flag      TEXT NOT NULL CHECK (flag IN ('fast', 'potential')),
    reason    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    set_at    TEXT NOT NULL
);

-- Finalising the award list while an objection is open needs a reason, kept with the set.
ALTER TABLE award_sets ADD COLUMN override_reason TEXT;
