-- Reference lists (SPEC §2 step 3): provincial winners of past editions, the dishonesty list, other
-- municipal awards of this year, recommendations from organizing units. Each import of a kind
-- replaces that kind's rows in one transaction; the import runs are kept.
CREATE TABLE reference_imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file        TEXT NOT NULL,
    sheet       TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    row_count   INTEGER NOT NULL,
    problem_count INTEGER NOT NULL
);

CREATE TABLE reference_rows (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES reference_imports(id),
    row       INTEGER NOT NULL,
    data      TEXT NOT NULL            -- JSON object of the kind's canonical fields
);
CREATE INDEX reference_rows_kind ON reference_rows(kind);
