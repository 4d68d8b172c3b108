-- 0007: the sender index is built in bulk, like the full-text index (see BulkIndexer).
--
-- messages_from (from_id, pk) was written by every send. With many agents sending at once, every commit
-- rewrote one index page per sender: about a third of the WAL a send wrote, and the WAL's writes and fsync
-- are most of a commit (docs/benchmarks.md, "Session 7"). messages_sent holds the same pairs, added by the
-- indexing pass for every message up to search_index.indexed_pk, so a page is rewritten once per pass. What
-- an agent sent is messages_sent up to the mark plus the messages above it, read from the table directly.

CREATE TABLE messages_sent (
    from_id  TEXT NOT NULL,
    pk       INTEGER NOT NULL,
    PRIMARY KEY (from_id, pk)
) STRICT, WITHOUT ROWID;

-- In key order (read from messages_from itself): every row is an append. In pk order, 1M messages took ~60 s
-- of random inserts at start-up; in key order 0.7 s.
INSERT INTO messages_sent (from_id, pk)
SELECT from_id, pk FROM messages WHERE pk <= (SELECT indexed_pk FROM search_index WHERE id = 1)
ORDER BY from_id, pk;

DROP INDEX messages_from;

-- Like messages_fts_delete: only messages at or below the mark have a row.
CREATE TRIGGER messages_sent_delete AFTER DELETE ON messages
WHEN old.pk <= (SELECT indexed_pk FROM search_index WHERE id = 1) BEGIN
    DELETE FROM messages_sent WHERE from_id = old.from_id AND pk = old.pk;
END;
