-- 回避 (issue #11): `note`, the reason a person gave when deciding a conflict (one reason for a bulk dismissal),
-- and `carried_from`, for a 决赛 conflict carried over from the 初赛, the 初赛 conflict it came from. Both audited
-- with the row. Rebuilt rather than ALTERed so the migration also runs on a file whose version number is older
-- than its tables (the audit tests make such files); the rows and their ids are kept.
CREATE TABLE conflicts_v15 (
    id           INTEGER PRIMARY KEY,
    round        TEXT NOT NULL,
    judge_id     INTEGER NOT NULL REFERENCES judges(id),
    entry_key    TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('suggested', 'declared')),
    status       TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'dismissed')),
    reason       TEXT NOT NULL,
    decided_by   TEXT,
    decided_at   TEXT,
    note         TEXT,
    carried_from INTEGER,
    UNIQUE (round, judge_id, entry_key)
);
INSERT INTO conflicts_v15(id, round, judge_id, entry_key, source, status, reason, decided_by, decided_at)
    SELECT id, round, judge_id, entry_key, source, status, reason, decided_by, decided_at FROM conflicts;
DROP TABLE conflicts;
ALTER TABLE conflicts_v15 RENAME TO conflicts;
