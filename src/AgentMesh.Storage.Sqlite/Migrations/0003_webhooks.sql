-- 0003: webhook agents. One row per agent that the broker delivers to by HTTP POST. The secret signs each
-- request (HMAC-SHA256); it is stored here in the clear because the broker needs it to sign, so the
-- database file and its -wal/-shm companions are created 0600 (see SqliteFiles). 0002 is reserved for rooms
-- and roles; the migrator applies every number it has not recorded, in order, so the gap is harmless.

CREATE TABLE webhooks (
    agent_id       TEXT PRIMARY KEY REFERENCES agents (id),
    url            TEXT NOT NULL,
    format         TEXT NOT NULL,
    template       TEXT,
    secret         TEXT NOT NULL,
    allow_private  INTEGER NOT NULL CHECK (allow_private = 0 OR allow_private = 1),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;
