// Generated from the Rust types in assent-core by `UPDATE_BINDINGS=1 cargo test -p assent-core`. Do not edit.

export type PersonKind = "pupil" | "parent" | "staff" | "volunteer" | "governor" | "visitor";
export type KindCount = { 
/**
 * The kind counted.
 */
kind: PersonKind, 
/**
 * How many.
 */
count: number, };
export type Dashboard = { 
/**
 * The school's name.
 */
school_name: string, 
/**
 * One entry per kind, in display order, zeros included.
 */
counts: Array<KindCount>, 
/**
 * Everyone.
 */
total: number, 
/**
 * When the last change was made, in UK time, ready to show.
 */
last_change: string | null, 
/**
 * Where the database file is.
 */
db_path: string, };
export type PersonSummary = { 
/**
 * The person's id (a UUIDv7).
 */
id: string, 
/**
 * What they are to the school.
 */
kind: PersonKind, 
/**
 * Legal given name, exactly as recorded.
 */
given_name: string, 
/**
 * Legal family name, exactly as recorded.
 */
family_name: string, 
/**
 * The given name they go by, if different.
 */
preferred_given_name: string | null, 
/**
 * The family name they go by, if different.
 */
preferred_family_name: string | null, 
/**
 * Year group label, for pupils ("Reception", "Year 4").
 */
year_group: string | null, 
/**
 * Registration class, for pupils.
 */
class_name: string | null, };
export type Launch = { "status": "no_database", 
/**
 * Where the database will be created.
 */
db_path: string, } | { "status": "ready", 
/**
 * Its dashboard.
 */
dashboard: Dashboard, };
export type ApiError = { "kind": "no_database", 
/**
 * The path that was looked for.
 */
path: string, } | { "kind": "already_exists", 
/**
 * The existing file.
 */
path: string, } | { "kind": "not_assent_database", 
/**
 * The file that was refused.
 */
path: string, } | { "kind": "newer_schema", 
/**
 * The database file.
 */
path: string, 
/**
 * The schema version found in the file.
 */
found: number, 
/**
 * The newest schema version this build understands.
 */
supported: number, } | { "kind": "invalid_input", 
/**
 * Which field or argument was wrong.
 */
field: string, 
/**
 * Why, in plain words.
 */
reason: string, } | { "kind": "not_empty", 
/**
 * The database file.
 */
path: string, } | { "kind": "io", 
/**
 * The file or folder involved.
 */
path: string, 
/**
 * The operating system's explanation.
 */
message: string, } | { "kind": "database", 
/**
 * SQLite's explanation.
 */
message: string, };
