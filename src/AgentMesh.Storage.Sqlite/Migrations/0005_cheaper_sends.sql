-- 0005: cheaper sends (0004 is another feature's number; the migrator applies whichever is missing, in order).
--
-- (1) Full-text indexing leaves the per-message commit path. A send stores its message only; the writer
-- indexes new messages in bulk in a later transaction (see BulkIndexer) and records here how far it got.
-- Index and mark change in the same transaction, so after a crash they still agree and indexing resumes
-- from the mark. Until 0005 every message was indexed as it was stored, so the mark starts at the newest.

CREATE TABLE search_index (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_pk  INTEGER NOT NULL  -- every message with pk <= indexed_pk is in messages_fts, none above it
) STRICT;

INSERT INTO search_index (id, indexed_pk) SELECT 1, coalesce(max(pk), 0) FROM messages;

-- Removing a row that was never indexed from an external-content FTS5 table corrupts the index: only
-- messages at or below the mark are in it.
DROP TRIGGER messages_fts_delete;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.pk <= (SELECT indexed_pk FROM search_index WHERE id = 1) BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.pk, old.body);
END;

-- (2) Only replies are indexed by thread. A thread's id is its first message's id, so the first message is
-- found by its own id (the UNIQUE index) and a send that starts a thread, nearly every send, writes one
-- index entry fewer. Queries must repeat `thread_id <> id` literally for SQLite to pick the partial index.
DROP INDEX messages_thread;
CREATE INDEX messages_thread_replies ON messages (thread_id) WHERE thread_id <> id;
