-- The optional 复赛 (SPEC §12 "Rounds"): the tables that CHECK the round admit 'semifinal' — panels and
-- scores (初赛/决赛 until now) and advancement ('final' only until now: the 复赛 has its own list, taken from
-- the 初赛's ranking). SQLite cannot change a CHECK in place, so each table is rebuilt with every row and
-- id kept. The rows are held in plain copies first and the children dropped before `panels`: dropping a
-- parent with foreign keys on deletes its children's rows (ON DELETE CASCADE). Runs on a file whose
-- version number is older than its tables too (the audit tests make such files). `scores` and
-- `advancement` are audited: store/mod.rs declares this rebuild, so it is logged as a `schema` event
-- with the rows' images.
CREATE TABLE v18_panels AS SELECT * FROM panels;
CREATE TABLE v18_panel_judges AS SELECT * FROM panel_judges;
CREATE TABLE v18_panel_entries AS SELECT * FROM panel_entries;
CREATE TABLE v18_scores AS SELECT * FROM scores;
CREATE TABLE v18_advancement AS SELECT * FROM advancement;
DROP TABLE panel_judges;
DROP TABLE panel_entries;
DROP TABLE panels;
DROP TABLE scores;
DROP TABLE advancement;

CREATE TABLE panels (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL CHECK (round IN ('preliminary', 'semifinal', 'final')),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (round, name)
);

CREATE TABLE panel_judges (
    panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    judge_id INTEGER NOT NULL REFERENCES judges(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (panel_id, judge_id)
);

CREATE TABLE panel_entries (
    panel_id  INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    round     TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    PRIMARY KEY (panel_id, entry_key),
    UNIQUE (round, entry_key)
);

CREATE TABLE scores (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL CHECK (round IN ('preliminary', 'semifinal', 'final')),
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

-- Who is in the 复赛 and the 决赛: the top N per group of the previous round in force plus manual changes.
CREATE TABLE advancement (
    id         INTEGER PRIMARY KEY,
    round      TEXT NOT NULL CHECK (round IN ('semifinal', 'final')),
    entry_key  TEXT NOT NULL,
    included   INTEGER NOT NULL,
    manual     INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    UNIQUE (round, entry_key)
);

INSERT INTO panels(id, round, name, created_at) SELECT id, round, name, created_at FROM v18_panels;
INSERT INTO panel_judges(panel_id, judge_id, position) SELECT panel_id, judge_id, position FROM v18_panel_judges;
INSERT INTO panel_entries(panel_id, round, entry_key) SELECT panel_id, round, entry_key FROM v18_panel_entries;
INSERT INTO scores(id, round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by)
    SELECT id, round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by FROM v18_scores;
INSERT INTO advancement(id, round, entry_key, included, manual, reason, decided_by, decided_at)
    SELECT id, round, entry_key, included, manual, reason, decided_by, decided_at FROM v18_advancement;
DROP TABLE v18_panels;
DROP TABLE v18_panel_judges;
DROP TABLE v18_panel_entries;
DROP TABLE v18_scores;
DROP TABLE v18_advancement;
