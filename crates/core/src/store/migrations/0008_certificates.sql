-- Award certificates (SPEC §7). A number is never reused: rows are never deleted, a voided
-- certificate keeps its number, and the next number of a series is the highest ever issued + 1.

CREATE TABLE certificates (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    series       TEXT NOT NULL,              -- QY / CY / YX
    seq          INTEGER NOT NULL CHECK (seq > 0),
    subject_key  TEXT NOT NULL,              -- the entry key, or the unit's name for 优秀组织单位奖
    kind         TEXT NOT NULL CHECK (kind IN ('award', 'unit')),
    group_code   TEXT,                       -- enterprise / startup; NULL for units
    group_label  TEXT NOT NULL DEFAULT '',
    prize        TEXT NOT NULL,
    project_no   TEXT NOT NULL DEFAULT '',
    project_name TEXT NOT NULL DEFAULT '',
    entrant_name TEXT NOT NULL,
    members      TEXT NOT NULL DEFAULT '[]', -- JSON array of names, at most 7
    issued_at    TEXT NOT NULL,
    voided_at    TEXT,
    voided_by    TEXT,
    void_reason  TEXT,
    UNIQUE (series, seq)
);

-- At most one live certificate per subject.
CREATE UNIQUE INDEX certificates_live ON certificates(kind, subject_key) WHERE voided_at IS NULL;

CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never deleted'); END;
CREATE TRIGGER certificates_number_fixed BEFORE UPDATE OF number, series, seq ON certificates
BEGIN SELECT RAISE(ABORT, 'a certificate number never changes'); END;
CREATE TRIGGER certificates_void_final BEFORE UPDATE OF voided_at ON certificates WHEN OLD.voided_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided certificate stays voided'); END;

-- Every time a certificate is printed (written out for printing).
CREATE TABLE certificate_prints (
    id             INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    at             TEXT NOT NULL,
    who            TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (reason IN ('首次打印', '补打', '重印'))
);
CREATE INDEX certificate_prints_cert ON certificate_prints(certificate_id);
CREATE TRIGGER certificate_prints_no_update BEFORE UPDATE ON certificate_prints
BEGIN SELECT RAISE(ABORT, 'certificate_prints is append-only'); END;
CREATE TRIGGER certificate_prints_no_delete BEFORE DELETE ON certificate_prints
BEGIN SELECT RAISE(ABORT, 'certificate_prints is append-only'); END;
