-- Staff who sign in. Passwords are not here: each user's password seals a
-- copy of the database key in the key file beside the database.
--
-- BOOLEAN columns made in this file:
--   users.active
--
-- A username must already be in lower case. SQLite's lower() changes only the
-- letters A to Z, so the same rule is written with translate(), which does
-- not depend on the database's locale.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (
        username = translate(username, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
        AND length(username) >= 2),
    display_name  TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('office', 'teacher', 'head', 'it')),
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The classes a teacher may see.
CREATE TABLE user_classes (
    user_id     TEXT NOT NULL REFERENCES users (id),
    class_name  TEXT NOT NULL,
    PRIMARY KEY (user_id, class_name)
);

INSERT INTO settings (key, value, updated_at)
VALUES ('idle_lock_minutes', '15',
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
