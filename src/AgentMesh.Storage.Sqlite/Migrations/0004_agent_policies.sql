-- 0004: agent policies. One row per agent whose policy was ever set; no row means the default (no control
-- command allowed). allowed_commands is a JSON array of command names with their slash, e.g. ["/compact"].
-- 0005 is reserved for another feature; the migrator applies every number it has not recorded, in order.

CREATE TABLE agent_policies (
    agent_id          TEXT PRIMARY KEY REFERENCES agents (id),
    allowed_commands  TEXT NOT NULL CHECK (json_valid(allowed_commands) AND json_type(allowed_commands) = 'array'),
    updated_at        INTEGER NOT NULL
) STRICT;
