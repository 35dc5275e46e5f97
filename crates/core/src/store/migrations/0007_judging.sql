-- Rounds, panels, conflicts, scores (SPEC §5, issue #4). Rounds are fixed: 'preliminary' (初赛) and
-- 'final' (决赛). Scores are integer hundredths of a point; a recused cell is a row with
-- recused = 1, never a zero. Every change to a score goes into score_log, which cannot be edited.

-- 评审组: a named set of judges and entries within one round.
CREATE TABLE panels (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL CHECK (round IN ('preliminary', 'final')),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (round, name)
);

-- The judges of a panel, in score-sheet order (the order decides which of two equal totals is dropped).
CREATE TABLE panel_judges (
    panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES judges(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (panel_id, judge_id)
);

-- The entries a panel scores; an entry is in at most one panel per round.
CREATE TABLE panel_entries (
    panel_id  INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    round     TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    PRIMARY KEY (panel_id, entry_key),
    UNIQUE (round, entry_key)
);

-- One judge's sheet for one entry. `pass` 1 is the score in force; pass 2 is the second keying in
-- double-entry mode, compared with pass 1 until every mismatch is resolved.
CREATE TABLE scores (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL CHECK (round IN ('preliminary', 'final')),
    judge_id   INTEGER NOT NULL REFERENCES judges(id),
    entry_key  TEXT NOT NULL,
    pass       INTEGER NOT NULL DEFAULT 1 CHECK (pass IN (1, 2)),
    recused    INTEGER NOT NULL DEFAULT 0,
    criteria   TEXT,                    -- JSON array of hundredths in criterion order, or NULL for a lone 总分
    total      INTEGER,                 -- hundredths; NULL when recused
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (round, judge_id, entry_key, pass)
);

CREATE TABLE score_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    round     TEXT NOT NULL,
    judge_id  INTEGER NOT NULL,
    entry_key TEXT NOT NULL,
    pass      INTEGER NOT NULL,
    old_value TEXT,                     -- "85.50 (30.00/20.00/…)" or "回避"; NULL when new
    new_value TEXT,                     -- NULL when deleted
    reason    TEXT NOT NULL
);
CREATE TRIGGER score_log_no_update BEFORE UPDATE ON score_log BEGIN SELECT RAISE(ABORT, 'score_log is append-only'); END;
CREATE TRIGGER score_log_no_delete BEFORE DELETE ON score_log BEGIN SELECT RAISE(ABORT, 'score_log is append-only'); END;

-- 回避: suggested from the data (confirmed or dismissed by a person) or declared by hand.
CREATE TABLE conflicts (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL,
    judge_id   INTEGER NOT NULL REFERENCES judges(id),
    entry_key  TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('suggested', 'declared')),
    status     TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'dismissed')),
    reason     TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    UNIQUE (round, judge_id, entry_key)
);

-- Who is in the final: the top N per group of the preliminary ranking plus manual changes.
CREATE TABLE advancement (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL CHECK (round IN ('final')),
    entry_key  TEXT NOT NULL,
    included   INTEGER NOT NULL,
    manual     INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    UNIQUE (round, entry_key)
);

-- The committee's order for entries the tie chain cannot separate.
CREATE TABLE tie_decisions (
    id          INTEGER PRIMARY KEY,
    round       TEXT NOT NULL,
    group_code  TEXT NOT NULL,
    entry_keys  TEXT NOT NULL,          -- JSON array, best first
    reason      TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);

-- Roadshow order drawn by lot; the seed makes the draw reproducible.
CREATE TABLE draws (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL,
    group_code TEXT NOT NULL,
    seed       TEXT NOT NULL,
    drawn_at   TEXT NOT NULL,
    drawn_by   TEXT NOT NULL,
    entry_keys TEXT NOT NULL            -- JSON array in roadshow order
);
