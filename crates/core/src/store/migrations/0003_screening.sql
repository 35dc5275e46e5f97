-- Human screening decisions (符合 / 不符合 with a reason), append-only: the newest row per entry
-- is in force. `data_hash` is the entry's content hash when decided; when the entry's data later
-- changes, the decision is flagged for re-confirmation.
CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    entry_key  TEXT NOT NULL,
    verdict    TEXT NOT NULL CHECK (verdict IN ('eligible', 'ineligible')),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    data_hash  TEXT NOT NULL
);
CREATE INDEX decisions_entry ON decisions(entry_key, id);
