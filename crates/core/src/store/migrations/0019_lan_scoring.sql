-- Scoring from the judges' phones on the venue network (issue #13, SPEC §12 "LAN scoring"). The scores
-- themselves go into `scores` (audited) like keyed ones; these tables only say who may send them.
-- Neither table is audited: a token is an access key, not a result, and every score it sends is.

-- Whether a round's phone scoring is open, and the address phones reach (known when it opened: the QR codes
-- carry it). Closing the round ends every token of it; opening again issues new ones.
CREATE TABLE lan_rounds (
    round      TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    url        TEXT,                    -- e.g. http://192.168.1.20:8080 (no trailing slash)
    opened_at  TEXT NOT NULL,
    closed_at  TEXT
);

-- One token per judge per round, reusable until the round closes or the secretariat revokes it.
CREATE TABLE lan_tokens (
    token      TEXT PRIMARY KEY,
    round      TEXT NOT NULL,
    judge_id   INTEGER NOT NULL REFERENCES judges(id),
    issued_at  TEXT NOT NULL,
    ended_at   TEXT,                    -- NULL while it works
    ended_why  TEXT CHECK (ended_why IN ('revoked', 'closed'))
);
CREATE UNIQUE INDEX lan_tokens_live ON lan_tokens(round, judge_id) WHERE ended_at IS NULL;
