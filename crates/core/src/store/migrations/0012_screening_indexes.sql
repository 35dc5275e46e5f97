-- Incremental screening (issue #10 item 2). The cross-entry rules (R12 一人一队, R15 重复报名) link
-- entries through keys: a 创业组 core member's ID number, name + phone, or name, and an entry's
-- credit code. Each screened entry's keys are kept here as of its last screening, so that an
-- incremental re-screen finds the partners of a changed entry — under its new keys and under the
-- keys it had before the change — through an index instead of reading every entry.
CREATE TABLE IF NOT EXISTS screening_keys (
    entry_key TEXT NOT NULL,
    kind      TEXT NOT NULL,       -- 'cc' credit code, 'id' member ID, 'np' member name+phone, 'name' member name
    value     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS screening_keys_value ON screening_keys(kind, value);
CREATE INDEX IF NOT EXISTS screening_keys_entry ON screening_keys(entry_key);

-- Screening's own state: which version of the rules produced the stored verdicts. When the program's
-- rules differ (a new release), the contest is re-screened in full on open.
CREATE TABLE IF NOT EXISTS screening_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
