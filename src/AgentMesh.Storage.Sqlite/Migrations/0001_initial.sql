-- 0001: meshes, agents, messages with full-text search, deliveries, and the per-mesh event log.
-- Times are INTEGER unix milliseconds (UTC). Tables are STRICT so a wrong type fails loudly.

CREATE TABLE meshes (
    name        TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE agents (
    id               TEXT PRIMARY KEY,
    mesh             TEXT NOT NULL REFERENCES meshes (name),
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL,
    host             TEXT,
    cwd              TEXT,
    pid              INTEGER,
    session_id       TEXT,
    transcript_path  TEXT,
    registered_at    INTEGER NOT NULL,
    last_seen        INTEGER NOT NULL,
    UNIQUE (mesh, name)
) STRICT;

-- pk is the insertion order (history, inbox and thread order) and the rowid full-text search joins on;
-- id is the ULID clients see.
CREATE TABLE messages (
    pk               INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    mesh             TEXT NOT NULL REFERENCES meshes (name),
    from_id          TEXT NOT NULL,
    from_name        TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    body             TEXT NOT NULL,
    in_reply_to      TEXT,
    thread_id        TEXT NOT NULL,
    metadata         TEXT,
    created_at       INTEGER NOT NULL,
    idempotency_key  TEXT
) STRICT;

CREATE INDEX messages_mesh ON messages (mesh);            -- (mesh, pk): mesh history, newest first
CREATE INDEX messages_from ON messages (from_id);         -- (from_id, pk): what an agent sent
CREATE INDEX messages_thread ON messages (thread_id);
CREATE UNIQUE INDEX messages_idempotency ON messages (mesh, from_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- External-content FTS5 over bodies. The writer indexes a batch's new messages at the end of the batch,
-- in the same transaction: FTS5 flushes its pending terms at every savepoint, so indexing per message
-- (or from an insert trigger) would write one index segment per message.
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    body,
    content = 'messages',
    content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.pk, old.body);
END;

-- One row per (recipient, message), clustered by recipient so an inbox is one contiguous range.
CREATE TABLE deliveries (
    recipient_id  TEXT NOT NULL REFERENCES agents (id),
    message_pk    INTEGER NOT NULL REFERENCES messages (pk),
    -- Spelled as ORs: an IN list of more than two constants makes SQLite build a temporary table per row.
    state         TEXT NOT NULL CHECK (state = 'queued' OR state = 'delivered' OR state = 'acknowledged' OR state = 'dead'),
    attempts      INTEGER NOT NULL DEFAULT 0,
    lease_until   INTEGER,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (recipient_id, message_pk)
) STRICT, WITHOUT ROWID;

CREATE INDEX deliveries_message ON deliveries (message_pk);
-- Only what is still waiting: peek and consume read this, so they cost the inbox size, not the history.
-- state and lease_until make it covering for counts and for skipping leased deliveries. Queries must
-- repeat the WHERE term literally for SQLite to pick a partial index.
CREATE INDEX deliveries_waiting ON deliveries (recipient_id, message_pk, state, lease_until)
    WHERE state IN ('queued', 'delivered');
CREATE INDEX deliveries_leases ON deliveries (lease_until)
    WHERE state = 'delivered';

-- The per-mesh event log, clustered by (mesh, seq). json is the serialised MeshEvent (type and time are
-- in it), except that a message event keeps the message by reference (message_pk) instead of a copy of
-- its body per recipient; reads put it back. mesh, seq and agent_id are columns to be indexed.
CREATE TABLE events (
    mesh        TEXT NOT NULL REFERENCES meshes (name),
    seq         INTEGER NOT NULL,
    agent_id    TEXT,
    message_pk  INTEGER,
    json        TEXT NOT NULL,
    PRIMARY KEY (mesh, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX events_agent ON events (mesh, agent_id, seq);
