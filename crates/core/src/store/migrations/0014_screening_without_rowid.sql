-- Import speed (SPEC §9, issue #10): an import writes each entry's current verdict and its cross-entry keys.
-- As WITHOUT ROWID tables each is one B-tree keyed by what it is looked up by, instead of a rowid table plus
-- an index: `verdicts` by entry, `screening_keys` by (kind, value) — the partner lookup — with the entry's
-- own keys found through a second index. Same columns, same rows.
CREATE TABLE verdicts_v14 (
    entry_key     TEXT PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES screening_runs(id),
    auto_verdict  TEXT NOT NULL,
    findings_hash TEXT NOT NULL,
    history_id    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO verdicts_v14(entry_key, run_id, auto_verdict, findings_hash, history_id)
    SELECT entry_key, run_id, auto_verdict, findings_hash, history_id FROM verdicts;
DROP TABLE verdicts;
ALTER TABLE verdicts_v14 RENAME TO verdicts;

CREATE TABLE screening_keys_v14 (
    kind      TEXT NOT NULL,       -- 'cc' credit code, 'id' member ID, 'np' member name+phone, 'name' member name
    value     TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    PRIMARY KEY (kind, value, entry_key)
) WITHOUT ROWID;
INSERT OR IGNORE INTO screening_keys_v14(kind, value, entry_key) SELECT kind, value, entry_key FROM screening_keys;
DROP TABLE screening_keys;
ALTER TABLE screening_keys_v14 RENAME TO screening_keys;
CREATE INDEX screening_keys_entry ON screening_keys(entry_key);
