-- Stored screening runs (SPEC §3, issue #3 item 4). Verdicts are recomputed after every import,
-- undo, reference-list import and settings change; each run is recorded, the current automatic
-- verdict of every entry is kept with its findings, and an entry's history gains a row only when
-- its automatic verdict or findings changed — so "why did this verdict change?" has an answer.
CREATE TABLE screening_runs (
    id         INTEGER PRIMARY KEY,
    ran_at     TEXT NOT NULL,
    trigger    TEXT NOT NULL,          -- what caused the run, in Chinese ("导入报名数据 export.xlsx")
    entries    INTEGER NOT NULL,
    eligible   INTEGER NOT NULL,
    ineligible INTEGER NOT NULL,
    review     INTEGER NOT NULL,
    changed    INTEGER NOT NULL         -- entries whose automatic verdict or findings changed in this run
);

-- The current automatic verdict of each entry; its findings are the history row it points to.
CREATE TABLE verdicts (
    entry_key     TEXT PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES screening_runs(id),
    auto_verdict  TEXT NOT NULL,
    findings_hash TEXT NOT NULL,
    history_id    INTEGER NOT NULL
);

CREATE TABLE verdict_history (
    id           INTEGER PRIMARY KEY,
    entry_key    TEXT NOT NULL,
    run_id       INTEGER NOT NULL REFERENCES screening_runs(id),
    auto_verdict TEXT NOT NULL,
    findings     TEXT NOT NULL          -- JSON array of {rule, outcome, message}
);
CREATE INDEX verdict_history_entry ON verdict_history(entry_key, id);
