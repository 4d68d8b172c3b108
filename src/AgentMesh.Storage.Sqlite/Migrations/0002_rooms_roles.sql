-- 0002: rooms, roles, messages held for a role, the room a message was posted in, and a per-delivery kind
-- (a reactive room sends one post as a note to most members and as a task to those it mentions).

ALTER TABLE messages ADD COLUMN room TEXT;
ALTER TABLE deliveries ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind = 'task' OR kind = 'note');

CREATE INDEX messages_room ON messages (mesh, room) WHERE room IS NOT NULL;  -- (mesh, room, pk): room history

-- Rooms and roles are small and read whole into the broker's memory: one JSON document each.
CREATE TABLE rooms (
    mesh  TEXT NOT NULL REFERENCES meshes (name),
    name  TEXT NOT NULL,
    json  TEXT NOT NULL,
    PRIMARY KEY (mesh, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE roles (
    mesh  TEXT NOT NULL REFERENCES meshes (name),
    name  TEXT NOT NULL,
    json  TEXT NOT NULL,
    PRIMARY KEY (mesh, name)
) STRICT, WITHOUT ROWID;

-- A message sent to a role while none of its members was online: it has no delivery yet. The first member
-- to come online gets a delivery and the hold row goes.
CREATE TABLE held_messages (
    mesh        TEXT NOT NULL,
    role        TEXT NOT NULL,
    message_pk  INTEGER NOT NULL REFERENCES messages (pk),
    PRIMARY KEY (mesh, role, message_pk)
) STRICT, WITHOUT ROWID;
