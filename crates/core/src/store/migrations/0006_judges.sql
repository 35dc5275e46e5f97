-- Judges (评委名单, SPEC §5). Unlike the reference lists, a judge keeps a stable id across imports:
-- scores will reference it. Imports upsert by name (and phone when both are known); a judge is never
-- deleted, only set inactive.
CREATE TABLE judges (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    organization TEXT,
    title        TEXT,
    expertise    TEXT,
    phone        TEXT,
    source       TEXT NOT NULL CHECK (source IN ('import', 'manual')),
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
