-- Contest settings: one row per key, the value as JSON. Defaults live in code (settings.rs).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Saved column mappings of the importer ("映射方案"): normalised header → canonical field (or null).
CREATE TABLE mapping_profiles (
    name       TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
