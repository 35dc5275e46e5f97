-- Letters to the entrants (入围通知 / 决赛通知 / 获奖通知): one number per kind, round and entry, kept for
-- re-prints (a re-print never gets a new number), and a log of every time a letter was written out.
CREATE TABLE letters (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('advance', 'finalist', 'award')),
    round      TEXT NOT NULL,           -- the round the letter names ('' for award letters)
    entry_key  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    number     TEXT NOT NULL UNIQUE,
    issued_at  TEXT NOT NULL,
    issued_by  TEXT NOT NULL,
    UNIQUE (kind, round, entry_key)
);

CREATE TABLE letter_log (
    id         INTEGER PRIMARY KEY,
    letter_id  INTEGER NOT NULL REFERENCES letters(id),
    at         TEXT NOT NULL,
    who        TEXT NOT NULL,
    file       TEXT NOT NULL
);
