-- The audit log (SPEC §9): every change to scores, 回避, decisions, disqualifications, advancement, tie decisions,
-- awards, the recommendation list, unit awards and certificate numbers, hash chained. The rows are written by
-- triggers that `store::audit` (re)creates from the audited tables' columns on every open; `hash` is
-- sha256(previous hash, table, op, key, data), computed by a function only the app's connections have, so a
-- change made with another tool either fails or shows up in `saiwu audit verify`.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    tbl     TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('baseline', 'insert', 'update', 'delete')),
    row_key TEXT NOT NULL,              -- JSON array of the row's primary key
    data    TEXT,                       -- the row after the change as a JSON object; NULL for a delete
    hash    TEXT NOT NULL
);
CREATE INDEX audit_log_row ON audit_log(tbl, row_key, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
