-- The audit log made hard to reset quietly (issue #9): a contest id, contest-level events, and `schema` entries.
--
-- audit_log is rebuilt to admit 'schema' entries (a migration changed an audited table's shape; the rows' new
-- images follow as 'baseline' entries). Ids and hashes are kept, so the chain verifies as before. Its append-only
-- guards are remade by `store::audit` on every open.
--
-- Copied aside and back rather than renamed: a rename re-checks every trigger, and the audit triggers on the
-- audited tables name audit_log.
CREATE TABLE audit_log_copy AS SELECT id, tbl, op, row_key, data, hash FROM audit_log;
DROP TABLE audit_log;
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    tbl     TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('baseline', 'insert', 'update', 'delete', 'schema')),
    row_key TEXT NOT NULL,              -- JSON array of the row's primary key; for 'schema', [migration]
    data    TEXT,                       -- the row after the change as a JSON object; NULL for a delete
    hash    TEXT NOT NULL
);
INSERT INTO audit_log(id, tbl, op, row_key, data, hash) SELECT id, tbl, op, row_key, data, hash FROM audit_log_copy ORDER BY id;
DROP TABLE audit_log_copy;
CREATE INDEX audit_log_row ON audit_log(tbl, row_key, id);
-- The head kept outside the file is looked up by hash.
CREATE INDEX audit_log_hash ON audit_log(hash);

-- The contest's id (a random UUID, made once): names the head file kept in `<data dir>/audit-heads/`. Audited,
-- so a log emptied behind the app's back always leaves a row it does not explain.
CREATE TABLE contest_identity (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    contest_id TEXT NOT NULL
);

-- Contest-level events (audited): a restore, a whole contest imported, a new season. `prev_head` is the chain
-- head (hex) before the event: a restore rewinds the log to the backup's, and this row says from where.
CREATE TABLE contest_events (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('restore', 'contest-import', 'season-new')),
    detail    TEXT NOT NULL,
    prev_head TEXT NOT NULL,
    prev_count INTEGER NOT NULL
);
