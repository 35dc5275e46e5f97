-- One row per import run, kept forever (history, provenance, undo).
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,              -- 'entries' for now; reference lists later
    file         TEXT NOT NULL,              -- base name
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    sheet        TEXT NOT NULL,
    header_row   INTEGER NOT NULL,
    mapping      TEXT NOT NULL,              -- JSON of the applied column mapping
    columns      TEXT NOT NULL,              -- JSON of the sheet's headers, in column order
    imported_at  TEXT NOT NULL,
    backup_path  TEXT,
    new_count       INTEGER NOT NULL,
    changed_count   INTEGER NOT NULL,
    unchanged_count INTEGER NOT NULL,
    missing_count   INTEGER NOT NULL,
    skipped_rows    INTEGER NOT NULL,
    problem_count   INTEGER NOT NULL,
    undone       INTEGER NOT NULL DEFAULT 0
);

-- The entries as the last applied import left them. `key` is the 项目编号 when there is one,
-- else credit code + project name (SPEC §4 re-import rule). Canonical fields live in `data` (JSON,
-- SPEC §11 shape); the columns beside it are copies for listing, searching and filtering.
CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    project_no    TEXT,
    group_code    TEXT,
    kind          TEXT NOT NULL,
    project_name  TEXT,
    entrant_name  TEXT,
    credit_code   TEXT,
    unit          TEXT,
    county        TEXT,
    field         TEXT,
    leader_name   TEXT,
    member_count  INTEGER NOT NULL,
    problem_count INTEGER NOT NULL,
    data          TEXT NOT NULL,
    raw           TEXT NOT NULL,             -- every cell of the source row as shown, aligned with imports.columns
    content_hash  TEXT NOT NULL,
    source_file   TEXT NOT NULL,
    source_sheet  TEXT NOT NULL,
    source_row    INTEGER NOT NULL,
    import_id     INTEGER NOT NULL REFERENCES imports(id),
    first_import_id INTEGER NOT NULL REFERENCES imports(id),
    missing       INTEGER NOT NULL DEFAULT 0  -- absent from the latest import; never deleted silently
);
CREATE INDEX entries_group ON entries(group_code);
CREATE INDEX entries_credit ON entries(credit_code);

-- Problems found by an import, naming file, sheet, row and column (SPEC §4, §11).
CREATE TABLE import_problems (
    id         INTEGER PRIMARY KEY,
    import_id  INTEGER NOT NULL REFERENCES imports(id),
    entry_key  TEXT,
    project_no TEXT,
    file       TEXT NOT NULL,
    sheet      TEXT NOT NULL,
    row        INTEGER,
    col        TEXT,
    code       TEXT NOT NULL,
    severity   TEXT NOT NULL,
    message    TEXT NOT NULL,
    hint       TEXT NOT NULL
);
CREATE INDEX import_problems_import ON import_problems(import_id, entry_key);

-- The entries table as it was just before the latest import, so that import can be undone.
-- Only the latest import is undoable; older snapshots are dropped when a new import applies.
CREATE TABLE entries_undo AS SELECT * FROM entries WHERE 0;
ALTER TABLE entries_undo ADD COLUMN undo_import_id INTEGER;
