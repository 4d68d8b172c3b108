-- 0006: fewer full-text merges per message.
--
-- The writer indexes new messages in passes (see BulkIndexer), each pass one FTS5 segment. FTS5 merges
-- segments level by level once `automerge` of them (default 4) sit on one level, so every indexed token is
-- rewritten about log4(segments) times; under a steady stream of sends those merges were ~7% of the broker's
-- CPU. With 16 per level a token is rewritten half as often (log16); a search reads at most 16 segments per
-- level instead of 4, which costs little next to a send's share. `crisismerge` (default 16) must stay above
-- it, or every pass would merge at once.
INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
INSERT INTO messages_fts (messages_fts, rank) VALUES ('crisismerge', 32);
