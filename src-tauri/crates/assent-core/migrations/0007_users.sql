-- Staff who sign in. Passwords are not here: each user's password seals a
-- copy of the database key in the key file beside the database.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) >= 2),
    display_name  TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('office', 'teacher', 'head', 'it')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- The classes a teacher may see.
CREATE TABLE user_classes (
    user_id     TEXT NOT NULL REFERENCES users (id),
    class_name  TEXT NOT NULL,
    PRIMARY KEY (user_id, class_name)
) STRICT;

INSERT INTO settings (key, value, updated_at)
VALUES ('idle_lock_minutes', '15', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
