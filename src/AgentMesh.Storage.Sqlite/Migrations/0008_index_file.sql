-- 0008: the bulk-built indexes move to a file of their own (mesh.db → mesh-index.db, see IndexDatabase).
--
-- The full-text index (0001, 0005, 0006) and the sender index (0007) were built in passes by the store's single
-- writer, inside its transactions: about a sixth of the writer's time under a steady stream of sends, and the
-- writer is what bounds how many sends a second the broker takes (docs/benchmarks.md, "Session 8"). In their own
-- file they have their own write lock, so a thread of their own builds them beside the writer. They are derived
-- data: the new file starts empty and the indexer fills it from the first message, while searches wait for it and
-- histories read the messages not indexed yet from the table, as they did above the old mark.
DROP TRIGGER messages_fts_delete;
DROP TABLE messages_fts;
DROP TRIGGER messages_sent_delete;
DROP TABLE messages_sent;
DROP TABLE search_index;
