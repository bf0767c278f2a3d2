// Generated from the Rust types in assent-core by `UPDATE_BINDINGS=1 cargo test -p assent-core`. Do not edit.

export type PersonKind = "pupil" | "parent" | "staff" | "volunteer" | "governor" | "visitor";
export type KeyStage = "eyfs" | "ks1" | "ks2";
export type TemplateKind = "ks1" | "ks2" | "staff" | "governor-visitor" | "parent";
export type ReviewDue = { 
/**
 * Which agreement.
 */
kind: TemplateKind, 
/**
 * Its title.
 */
title: string, 
/**
 * The current version.
 */
version: number, 
/**
 * The review date (YYYY-MM-DD).
 */
review_due: string, 
/**
 * Whether the date has passed.
 */
overdue: boolean, };
export type KindCount = { 
/**
 * The kind counted.
 */
kind: PersonKind, 
/**
 * How many.
 */
count: number, };
export type Role = "office" | "teacher" | "head" | "it";
export type Permission = "view_people" | "edit_people" | "import" | "view_templates" | "publish_templates" | "view_agreements" | "collect_signatures" | "record_paper" | "withdraw_agreement" | "view_consent" | "record_consent" | "safeguarding" | "manage_users" | "settings" | "accounts" | "view_audit" | "backup" | "data_protection" | "report_incident" | "manage_incidents" | "view_sanctions";
export type Session = { 
/**
 * The user's id.
 */
user_id: string, 
/**
 * Their sign-in name (lower case).
 */
username: string, 
/**
 * Their name as shown and written in the audit log.
 */
display_name: string, 
/**
 * Their role.
 */
role: Role, 
/**
 * For teachers, the classes they may see; empty for other roles.
 */
classes: Array<string>, };
export type Admin = { 
/**
 * Sign-in name.
 */
username: string, 
/**
 * Name as shown.
 */
display_name: string, 
/**
 * Their password, which seals the database key.
 */
password: string, };
export type NewUser = { 
/**
 * Sign-in name: letters, digits, dots, hyphens or underscores.
 */
username: string, 
/**
 * Their name as shown and written in the audit log.
 */
display_name: string, 
/**
 * Their role.
 */
role: Role, 
/**
 * Their first password.
 */
password: string, 
/**
 * For teachers, the classes they teach.
 */
classes: Array<string>, };
export type UserSummary = { 
/**
 * The user's id.
 */
id: string, 
/**
 * Sign-in name.
 */
username: string, 
/**
 * Name as shown.
 */
display_name: string, 
/**
 * Role.
 */
role: Role, 
/**
 * For teachers, their classes.
 */
classes: Array<string>, 
/**
 * False once the user has been removed; their past actions stay in the audit log.
 */
active: boolean, };
export type BackupInfo = { 
/**
 * The school the backup belongs to.
 */
school_id: string, 
/**
 * When it was taken (UTC, RFC 3339).
 */
taken_at: string, 
/**
 * Who took it.
 */
taken_by: string, 
/**
 * Bytes of key file that follow the description.
 */
keys_len: bigint, 
/**
 * Bytes of encrypted database that follow the key file.
 */
db_len: bigint, 
/**
 * SHA-256 (hex) over the key file and database bytes.
 */
sha256: string, };
export type RestoreOutcome = { 
/**
 * The backup's description.
 */
info: BackupInfo, 
/**
 * Where the database that was replaced now is, if there was one.
 */
kept: string | null, };
export type BackupContents = { 
/**
 * When and by whom it was taken.
 */
info: BackupInfo, 
/**
 * The school's name in the backup.
 */
school_name: string, 
/**
 * Pupils, staff, parents and carers, governors and visitors, leavers included.
 */
people: number, 
/**
 * Agreements signed.
 */
agreements: number, 
/**
 * Consent decisions recorded, every change counted.
 */
consent_decisions: number, 
/**
 * Incidents logged.
 */
incidents: number, 
/**
 * Staff users.
 */
users: number, 
/**
 * Entries in the audit log.
 */
audit_entries: number, };
export type AutomaticBackups = { 
/**
 * The folder backups are written to when the app closes; `None` turns them off.
 */
folder: string | null, 
/**
 * How many to keep; older ones in that folder are removed.
 */
keep: number, };
export type AuditCategory = "people" | "agreements" | "consent" | "accounts" | "incidents" | "users" | "data_protection" | "settings" | "school";
export type AuditCategoryOption = { 
/**
 * The category, as [`AuditFilter::category`] takes it.
 */
category: AuditCategory, 
/**
 * Its name in the list.
 */
label: string, };
export type AuditFilter = { 
/**
 * Only entries about this person (or their agreements).
 */
person_id: string | null, 
/**
 * Only entries whose actor contains this text (any case).
 */
user: string | null, 
/**
 * Only entries on or after this date (YYYY-MM-DD, UK).
 */
from: string | null, 
/**
 * Only entries on or before this date (YYYY-MM-DD, UK).
 */
to: string | null, 
/**
 * Only entries whose action starts with this (e.g. "consent" or "agreement.sign").
 */
action: string | null, 
/**
 * Only entries of this category.
 */
category: AuditCategory | null, 
/**
 * At most this many, newest first.
 */
limit: number | null, };
export type AuditPerson = { 
/**
 * Their id, while their records are kept.
 */
id: string | null, 
/**
 * Their name now, or `None` once their records were destroyed.
 */
name: string | null, 
/**
 * Pupil, parent, staff…, while their records are kept.
 */
kind: PersonKind | null, };
export type AuditRow = { 
/**
 * Position in the log.
 */
seq: bigint, 
/**
 * When, in UK time, ready to show.
 */
at: string, 
/**
 * Who, as recorded ("Helen Okafor (head)").
 */
actor: string, 
/**
 * Who, by name alone.
 */
actor_name: string, 
/**
 * The role they hold now, while their user is on file.
 */
actor_role: Role | null, 
/**
 * What kind of change ("person.add").
 */
action: string, 
/**
 * Its category, if one claims the code.
 */
category: AuditCategory | null, 
/**
 * The kind of thing changed ("person", "agreement", "settings").
 */
entity: string, 
/**
 * Which one, when it has an id.
 */
entity_id: string | null, 
/**
 * The person it was about, when it was about one.
 */
about: AuditPerson | null, 
/**
 * What happened, in a sentence naming the person it was about.
 */
sentence: string, 
/**
 * What changed, as written when it happened.
 */
summary: string, };
export type BrokenEntry = { 
/**
 * Its position in the log (1 = first).
 */
seq: bigint, 
/**
 * Its id.
 */
id: string, 
/**
 * What is wrong, in words.
 */
reason: string, };
export type ChainReport = { 
/**
 * Entries checked.
 */
entries: number, 
/**
 * The first entry that does not fit the chain, if any.
 */
first_broken: BrokenEntry | null, };
export type PurgeCandidate = { 
/**
 * Their id.
 */
person_id: string, 
/**
 * Their name (shown in the preview only; never kept after the purge).
 */
name: string, 
/**
 * What they were to the school.
 */
kind: string, 
/**
 * Their leaving or end date, if any (a parent goes with their children).
 */
left_on: string | null, 
/**
 * Agreements recorded for them.
 */
agreements: number, 
/**
 * Consent decisions recorded for them.
 */
consent_decisions: number, };
export type RetentionPreview = { 
/**
 * The retention period in years.
 */
years: number, 
/**
 * Records of people who left before this date are destroyed.
 */
cutoff: string, 
/**
 * Everyone who would be destroyed.
 */
people: Array<PurgeCandidate>, 
/**
 * E-safety incidents closed before the cutoff, which would be destroyed
 * (people involved in an incident that is kept are kept with it).
 */
incidents: number, };
export type DestructionRow = { 
/**
 * When, in UK time.
 */
destroyed_at: string, 
/**
 * By whom.
 */
destroyed_by: string, 
/**
 * Why ("retention: 6 years after leaving", or the erasure request's reason).
 */
reason: string, 
/**
 * What the person was to the school.
 */
person_kind: string, 
/**
 * Their leaving or end date.
 */
left_on: string | null, 
/**
 * How many records of each sort were destroyed, as JSON.
 */
records: string, };
export type AgreementCount = { 
/**
 * The group.
 */
kind: PersonKind, 
/**
 * The status.
 */
status: AgreementStatus, 
/**
 * How many people on roll.
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
db_path: string, 
/**
 * The academic year, by the calendar year it starts in (2026 for 2026/27).
 */
academic_year: number, 
/**
 * Agreements whose review is due within 30 days, or overdue.
 */
reviews_due: Array<ReviewDue>, 
/**
 * Who is signed in.
 */
user: Session, 
/**
 * Minutes without use after which the app locks itself.
 */
idle_lock_minutes: number, 
/**
 * Agreement statuses counted per group (for a teacher, their own classes),
 * only the pairs that occur, in group then status order.
 */
agreements: Array<AgreementCount>, };
export type Launch = { "status": "no_database", 
/**
 * Where the database will be created.
 */
db_path: string, } | { "status": "sign_in", 
/**
 * The database file.
 */
db_path: string, } | { "status": "ready", 
/**
 * Its dashboard.
 */
dashboard: Dashboard, };
export type Filter = { 
/**
 * Only this kind of person.
 */
kind: PersonKind | null, 
/**
 * Only pupils in this registration class.
 */
class: string | null, 
/**
 * Only pupils in this year group (a code: N, R, Y1 … Y6).
 */
year: string | null, 
/**
 * Text to find in legal or preferred names (any case, accents optional).
 */
search: string | null, 
/**
 * Also list pupils who have left.
 */
include_leavers: boolean, 
/**
 * At most this many, the first ones in list order (the window asks for a lot
 * at a time, and one more, to know whether there are more to show).
 */
limit?: number, };
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
class: string | null, 
/**
 * Unique Pupil Number, for pupils.
 */
upn: string | null, 
/**
 * Key stage, derived from the year group.
 */
key_stage: KeyStage | null, 
/**
 * Role or job title, for adults.
 */
role: string | null, 
/**
 * Whether the pupil has left (their leaving date has passed; they are on roll on the day itself).
 */
left: boolean, };
export type LinkedPerson = { 
/**
 * Their id.
 */
id: string, 
/**
 * Given name (preferred if recorded).
 */
given_name: string, 
/**
 * Family name (preferred if recorded).
 */
family_name: string, 
/**
 * The relationship as stored: a DfE code such as PAM, or words.
 */
relationship: string, 
/**
 * The relationship in words ("Mother").
 */
relationship_label: string, 
/**
 * Contact priority, 1 first.
 */
priority: number, 
/**
 * Whether the contact has parental responsibility for the pupil.
 */
parental_responsibility: boolean, 
/**
 * Email address.
 */
email: string | null, 
/**
 * Mobile number.
 */
mobile: string | null, 
/**
 * The pupil's class, when the linked person is a pupil.
 */
class: string | null, };
export type PersonDetail = { 
/**
 * The summary fields.
 */
summary: PersonSummary, 
/**
 * Middle names.
 */
middle_names: string | null, 
/**
 * Date of birth (YYYY-MM-DD).
 */
date_of_birth: string | null, 
/**
 * M, F or X.
 */
gender: string | null, 
/**
 * The MIS's id.
 */
mis_id: string | null, 
/**
 * Admission date (YYYY-MM-DD).
 */
admission_date: string | null, 
/**
 * Leaving date (YYYY-MM-DD).
 */
leaving_date: string | null, 
/**
 * Email address.
 */
email: string | null, 
/**
 * Mobile number.
 */
mobile: string | null, 
/**
 * Start date (YYYY-MM-DD).
 */
start_date: string | null, 
/**
 * End date (YYYY-MM-DD).
 */
end_date: string | null, 
/**
 * For a pupil: their parents and carers, by priority.
 */
contacts: Array<LinkedPerson>, 
/**
 * For a parent or carer: their children at the school.
 */
pupils: Array<LinkedPerson>, };
export type ClassSummary = { 
/**
 * The class name.
 */
name: string, 
/**
 * The year group most of its pupils are in ("Year 3").
 */
year_group: string | null, 
/**
 * Pupils on roll.
 */
pupils: number, };
export type PersonInput = { 
/**
 * What they are to the school.
 */
kind: PersonKind | null, 
/**
 * Legal given name.
 */
given_name: string, 
/**
 * Legal family name.
 */
family_name: string, 
/**
 * Preferred given name.
 */
preferred_given_name: string | null, 
/**
 * Preferred family name.
 */
preferred_family_name: string | null, 
/**
 * Middle names.
 */
middle_names: string | null, 
/**
 * Date of birth, `dd/mm/yyyy` or `YYYY-MM-DD`.
 */
date_of_birth: string | null, 
/**
 * Gender (M, F, X or words).
 */
gender: string | null, 
/**
 * Unique Pupil Number.
 */
upn: string | null, 
/**
 * The MIS's id.
 */
mis_id: string | null, 
/**
 * Year group in any usual spelling ("Year 3", "Y3", "R").
 */
year_group: string | null, 
/**
 * Registration class.
 */
class: string | null, 
/**
 * Admission date.
 */
admission_date: string | null, 
/**
 * Leaving date.
 */
leaving_date: string | null, 
/**
 * Role or job title.
 */
role: string | null, 
/**
 * Email address.
 */
email: string | null, 
/**
 * Mobile number.
 */
mobile: string | null, 
/**
 * First day (a visitor's first day of the visit).
 */
start_date: string | null, 
/**
 * Last day (a visitor's last day of the visit).
 */
end_date: string | null, };
export type FieldProblem = { 
/**
 * The field's name in [`PersonInput`] (e.g. `date_of_birth`).
 */
field: string, 
/**
 * Why, in plain words.
 */
reason: string, };
export type ImportKind = "pupils" | "contacts" | "staff" | "ctf";
export type ColumnChoice = { 
/**
 * The header as written in the file.
 */
header: string, 
/**
 * The canonical header of the field, or `None` to leave the column out.
 */
field: string | null, };
export type MappedColumn = { 
/**
 * The header as written in the file.
 */
header: string, 
/**
 * The canonical header of its field; `None` when it maps to nothing.
 */
field: string | null, 
/**
 * Whether the user chose this (rather than it being recognised).
 */
chosen: boolean, };
export type ColumnMap = { 
/**
 * For each column of the file, the canonical header it maps to, if any.
 */
columns: Array<MappedColumn>, 
/**
 * Required fields that no column maps to.
 */
missing: Array<string>, 
/**
 * Fields that several columns could fill, each said in words; the user must choose.
 */
ambiguous: Array<string>, };
export type Problem = { 
/**
 * 1-based line in the file (1 is the header row of a CSV).
 */
line: number, 
/**
 * The column (or CTF element) as named in the file; empty for whole-file problems.
 */
column: string, 
/**
 * The value as found.
 */
value: string, 
/**
 * Why it cannot be accepted, in plain words.
 */
reason: string, };
export type FieldChange = { 
/**
 * The field, in words ("Year group").
 */
field: string, 
/**
 * The value now, if any.
 */
from: string | null, 
/**
 * The value after the import, if any.
 */
to: string | null, };
export type PreviewEntry = { 
/**
 * The line in the file, when the entry comes from one.
 */
line: number | null, 
/**
 * "pupil", "contact", "staff", "volunteer", "governor" or "visitor".
 */
entity: string, 
/**
 * Who, in words ("Zoë O'Brien", or "Amara Okafor for Zoë O'Brien (Mother)").
 */
name: string, 
/**
 * For changes: what changes.
 */
changes: Array<FieldChange>, };
export type ImportPreview = { 
/**
 * What kind of file it is.
 */
kind: ImportKind, 
/**
 * The file's path.
 */
file: string, 
/**
 * Data rows read (pupils plus contacts for a CTF).
 */
rows: number, 
/**
 * How the columns were mapped (CSV files only).
 */
columns: ColumnMap | null, 
/**
 * Columns that map to nothing and will be left out.
 */
unmapped_columns: Array<string>, 
/**
 * New people or links.
 */
added: Array<PreviewEntry>, 
/**
 * Existing people or links whose details change.
 */
changed: Array<PreviewEntry>, 
/**
 * Rows that match the database exactly.
 */
unchanged: number, 
/**
 * Pupils missing from a full roll, proposed as leavers (never deleted).
 */
leaving: Array<PreviewEntry>, 
/**
 * Pupils on roll now (without a leaving date), against which the leavers are weighed.
 */
roll: number, 
/**
 * The leavers are more than a tenth of the roll, so the import goes ahead
 * only with their number confirmed ([`super::ImportRequest::confirmed_leavers`]).
 */
leavers_need_confirmation: boolean, 
/**
 * Every problem found; any problem means the file cannot be imported.
 */
problems: Array<Problem>, };
export type ImportOutcome = { 
/**
 * The import's record, by which its leaving dates can be cleared ([`super::clear_leavers`]).
 */
import_id: string, 
/**
 * People or links added.
 */
added: number, 
/**
 * People or links changed.
 */
changed: number, 
/**
 * Rows that changed nothing.
 */
unchanged: number, 
/**
 * Pupils marked as leaving.
 */
leaving: number, };
export type ImportInput = { 
/**
 * What the file holds.
 */
kind: ImportKind, 
/**
 * The file's name, for messages.
 */
file_name: string, 
/**
 * The file's contents.
 */
bytes: Array<number>, 
/**
 * "utf-8" or "windows-1252"; detected when absent.
 */
encoding: string | null, 
/**
 * Column choices made in the mapping step.
 */
choices: Array<ColumnChoice>, 
/**
 * For pupils: the file lists every pupil on roll, so those missing from it are leaving.
 */
full_roll: boolean, 
/**
 * For pupils: the leaving date for those missing (default today).
 */
leaving_date: string | null, 
/**
 * The number of leavers the user confirmed, when the preview asked for it.
 */
confirmed_leavers: number | null, };
export type ImportProgress = { 
/**
 * Changes written so far.
 */
done: number, 
/**
 * Changes to write in all.
 */
total: number, };
export type LeaversCleared = { 
/**
 * Pupils whose leaving date was cleared: they are on roll again.
 */
cleared: number, 
/**
 * Pupils left alone because their leaving date has changed since the
 * import (edited by hand or set by a later import), or they are gone.
 */
kept: number, };
export type Block = { "type": "heading", 
/**
 * Its text.
 */
text: string, } | { "type": "paragraph", 
/**
 * Its text.
 */
text: string, } | { "type": "list", 
/**
 * Each item's text.
 */
items: Array<string>, };
export type TemplateVersion = { 
/**
 * Which agreement.
 */
kind: TemplateKind, 
/**
 * 1, 2, 3 …
 */
version: number, 
/**
 * The title signers see.
 */
title: string, 
/**
 * Who it is for.
 */
audience: string, 
/**
 * The text, block by block, for showing on screen.
 */
blocks: Array<Block>, 
/**
 * The canonical rendered text the hash is taken over.
 */
rendered: string, 
/**
 * The Markdown it was published from.
 */
source: string, 
/**
 * SHA-256 of `rendered`.
 */
sha256: string, 
/**
 * Whether everyone on an older version must sign again.
 */
material: boolean, 
/**
 * What changed (for a minor change, why it is minor).
 */
change_summary: string, 
/**
 * From when it applies (YYYY-MM-DD).
 */
effective_date: string, 
/**
 * When it should next be reviewed (YYYY-MM-DD).
 */
review_due: string, 
/**
 * When it was published, in UK time.
 */
published_at: string, 
/**
 * Who published it.
 */
published_by: string, 
/**
 * Whether this is the version people sign now.
 */
current: boolean, };
export type TemplatePreview = { 
/**
 * Which agreement the front matter names.
 */
kind: TemplateKind, 
/**
 * The title signers see.
 */
title: string, 
/**
 * Who it is for.
 */
audience: string, 
/**
 * The text, block by block.
 */
blocks: Array<Block>, 
/**
 * SHA-256 of the rendered text, as it would be published.
 */
sha256: string, };
export type TemplateSummary = { 
/**
 * Which agreement.
 */
kind: TemplateKind, 
/**
 * Its version number.
 */
version: number, 
/**
 * Its title.
 */
title: string, 
/**
 * When it was published (RFC 3339, UTC).
 */
published_at: string, 
/**
 * SHA-256 of the text signers see.
 */
sha256: string, 
/**
 * Next review (YYYY-MM-DD).
 */
review_due: string, 
/**
 * Whether this is the version people sign now.
 */
current: boolean, 
/**
 * Whether the change was material.
 */
material: boolean, };
export type TemplateReview = { 
/**
 * Which agreement.
 */
kind: TemplateKind, 
/**
 * The version signed now.
 */
version: number, 
/**
 * Whether that version was published by someone at the school (not Assent's default text).
 */
by_school: boolean, 
/**
 * When the school adopted Assent's default text as it is, if it did (YYYY-MM-DD).
 */
adopted_on: string | null, 
/**
 * Who adopted it.
 */
adopted_by: string | null, };
export type DiffLine = { 
/**
 * "same", "added" or "removed".
 */
change: string, 
/**
 * The line of rendered text.
 */
text: string, };
export type ConsentMethod = "agreement" | "paper" | "phone" | "email" | "in_person";
export type ConsentState = "yes" | "no" | "expired" | "hold";
export type Purpose = { 
/**
 * Short code used on the command line ("website").
 */
code: string, 
/**
 * Its name ("School website").
 */
name: string, 
/**
 * What families are told when they choose.
 */
explanation: string, 
/**
 * Whether it is no longer asked (kept because it has decisions).
 */
retired: boolean, };
export type ConsentCell = { 
/**
 * Where it stands.
 */
state: ConsentState, 
/**
 * Two people with parental responsibility gave different answers (the "no" applies).
 */
conflict: boolean, 
/**
 * The date of the last decision, if any (YYYY-MM-DD).
 */
changed_on: string | null, 
/**
 * Whether the family has answered (or the answer was withdrawn) in the
 * period consents last for: false when nothing was ever recorded, or
 * only answers that have expired.
 */
answered: boolean, };
export type ConsentRow = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * Their class.
 */
class: string | null, 
/**
 * Whether a safeguarding hold is in force.
 */
hold: boolean, 
/**
 * One cell per purpose, in the grid's purpose order.
 */
cells: Array<ConsentCell>, };
export type ConsentGrid = { 
/**
 * The purposes, as (code, name), in column order.
 */
purposes: Array<[string, string]>, 
/**
 * One row per pupil, by class then surname.
 */
rows: Array<ConsentRow>, };
export type NoPhotoRow = { 
/**
 * The pupil.
 */
person_id: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Their class.
 */
class: string | null, 
/**
 * Never photograph or publish, whatever else is recorded.
 */
hold: boolean, 
/**
 * The purposes not consented to (refused, withdrawn, expired or never given).
 */
refused: Array<string>, };
export type Decision = { 
/**
 * The person it is about.
 */
person_id: string, 
/**
 * Their name.
 */
person_name: string, 
/**
 * The purpose's name.
 */
purpose: string, 
/**
 * "yes" or "no".
 */
answer: string, 
/**
 * Whether this was a withdrawal.
 */
withdrawal: boolean, 
/**
 * Who gave it.
 */
given_by: string, 
/**
 * How it reached the school.
 */
method: string, 
/**
 * The date given (YYYY-MM-DD).
 */
decided_on: string, 
/**
 * What the family had been told.
 */
explanation: string, 
/**
 * A withdrawal's reason, if given.
 */
reason: string | null, 
/**
 * When it was recorded, in UK time.
 */
recorded_at: string, 
/**
 * Who recorded it.
 */
recorded_by: string, };
export type YearMove = { 
/**
 * The year group now ("Year 2").
 */
from: string, 
/**
 * The year group after the rollover ("Year 3"), or "Left" for Year 6.
 */
to: string, 
/**
 * How many pupils.
 */
pupils: number, };
export type RolloverPreview = { 
/**
 * The academic year now, by the calendar year it starts in (2026 for 2026/27).
 */
from_year: number, 
/**
 * The academic year after the rollover.
 */
to_year: number, 
/**
 * Pupils moving, by year group.
 */
moves: Array<YearMove>, 
/**
 * Year 6 pupils who will leave.
 */
leavers: number, 
/**
 * The leaving date given to them (31 August, YYYY-MM-DD).
 */
leaving_date: string, 
/**
 * Pupils moving from Year 2 to Year 3, who will now need the KS2 agreement.
 */
now_key_stage_2: number, };
export type IoProblem = "not_found" | "folder_missing" | "not_allowed" | "in_use" | "already_exists" | "disk_full" | "read_only" | "is_folder" | "not_a_folder" | "bad_name" | "other";
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
supported: number, } | { "kind": "server_text_settings", 
/**
 * The database on the server.
 */
database: string, 
/**
 * Its settings, as the server names them (encoding, collation, character classes).
 */
found: string, } | { "kind": "invalid_input", 
/**
 * Which field or argument was wrong.
 */
field: string, 
/**
 * Why, in plain words.
 */
reason: string, } | { "kind": "invalid_fields", 
/**
 * Each field and why.
 */
problems: Array<FieldProblem>, } | { "kind": "file_rejected", 
/**
 * The file.
 */
path: string, 
/**
 * Why, in plain words.
 */
reason: string, } | { "kind": "import_rejected", 
/**
 * The file.
 */
path: string, 
/**
 * Every problem, with line, column, value and reason.
 */
problems: Array<Problem>, } | { "kind": "leavers_not_confirmed", 
/**
 * Pupils the import would mark as leaving.
 */
leavers: number, 
/**
 * Pupils on roll before the import.
 */
roll: number, 
/**
 * The number that was confirmed, if any.
 */
confirmed: number | null, } | { "kind": "domains_missing", 
/**
 * The groups without a domain, in the school's order.
 */
groups: Array<AccountGroup>, } | { "kind": "export_not_provisioned", 
/**
 * The export.
 */
export_id: string, 
/**
 * What it is marked instead (`cancelled`), or `None` while it is pending.
 */
outcome: string | null, } | { "kind": "later_export", 
/**
 * The export whose marking was to be undone.
 */
export_id: string, 
/**
 * The first export made after it.
 */
later: string, 
/**
 * When that was made (UK time).
 */
later_at: string, } | { "kind": "not_empty", 
/**
 * The database file.
 */
path: string, } | { "kind": "choices_unanswered", 
/**
 * The first child with a question unanswered.
 */
child_id: string, 
/**
 * Their name as the school uses it.
 */
child: string, 
/**
 * The code of the purpose not answered ("website").
 */
purpose: string, 
/**
 * Its name, as the family saw it.
 */
purpose_name: string, 
/**
 * How many answers are missing, over every child and purpose.
 */
unanswered: number, } | { "kind": "not_signed_in" } | { "kind": "sign_in_failed" } | { "kind": "forbidden", 
/**
 * What was attempted, in words ("publish agreement templates").
 */
action: string, 
/**
 * The user's role, in words.
 */
role: string, } | { "kind": "keys_missing", 
/**
 * Where the key file should be.
 */
path: string, } | { "kind": "keys_damaged", 
/**
 * The key file.
 */
path: string, } | { "kind": "damaged", 
/**
 * The database file.
 */
path: string, } | { "kind": "io", 
/**
 * The file or folder the problem is about: when a folder on the way
 * is missing, the first one missing; when a file stands where a
 * folder should be, that file.
 */
path: string, 
/**
 * What went wrong, in terms the user can act on.
 */
problem: IoProblem, } | { "kind": "database_in_use", 
/**
 * The database file.
 */
path: string, } | { "kind": "program_damaged", 
/**
 * Which part, in words ("the built-in font DejaVu Sans").
 */
part: string, } | { "kind": "kiosk_locked" } | { "kind": "kiosk_wrong_pin", 
/**
 * Wrong tries since kiosk mode started; each makes the next answer slower.
 */
failures: number, } | { "kind": "database", 
/**
 * The database's explanation.
 */
message: string, };
export type SignerRole = "self" | "pupil" | "parent" | "child_mark";
export type Method = "drawn" | "typed" | "paper";
export type Point = { 
/**
 * Across.
 */
x: number, 
/**
 * Down.
 */
y: number, };
export type SignatureInput = { 
/**
 * Who is signing.
 */
role: SignerRole, 
/**
 * The signer, when they are someone other than the person the agreement is for (a parent).
 */
signer_person_id: string | null, 
/**
 * The signer's name as they wrote or typed it.
 */
signer_name: string, 
/**
 * How they signed.
 */
method: Method, 
/**
 * For a typed signature: the "I agree" tick.
 */
agreed: boolean, 
/**
 * For a drawn signature: the picture.
 */
image_png: Array<number> | null, 
/**
 * For a drawn signature: the strokes, as drawn.
 */
strokes: Array<Array<Point>> | null, 
/**
 * For a paper form: the date written on it (YYYY-MM-DD or dd/mm/yyyy).
 */
signed_on: string | null, };
export type ConsentChoice = { 
/**
 * The child it is about.
 */
pupil_id: string, 
/**
 * The purpose's code ("website").
 */
purpose: string, 
/**
 * Yes or no.
 */
yes: boolean, };
export type SignRequest = { 
/**
 * An id the signing screen made for this attempt; sending it twice records one agreement.
 */
submission_id: string, 
/**
 * Whose agreement it is.
 */
person_id: string, 
/**
 * Which agreement.
 */
kind: TemplateKind, 
/**
 * The version that was on screen.
 */
version: number, 
/**
 * The hash of the text that was on screen.
 */
template_sha256: string, 
/**
 * The signatures given now.
 */
signatures: Array<SignatureInput>, 
/**
 * A scan of a returned paper form (PNG, JPEG or PDF, up to 10 MB).
 */
scan: Array<number> | null, 
/**
 * The computer or tablet it was signed on.
 */
device: string, 
/**
 * For the parent agreement: the photo and video choices made while signing it.
 */
consents: Array<ConsentChoice>, };
export type RecordedSignature = { 
/**
 * Who signed, by role.
 */
role: SignerRole, 
/**
 * Their name as given.
 */
signer_name: string, 
/**
 * Their relationship to the pupil, for a parent ("Mother").
 */
relationship: string | null, 
/**
 * drawn, typed or paper.
 */
method: string, 
/**
 * When it was signed (UTC; a paper form's date at midnight).
 */
signed_at: string, 
/**
 * SHA-256 of the drawn picture, if any.
 */
image_sha256: string | null, 
/**
 * The staff member who witnessed or recorded it.
 */
recorded_by: string, 
/**
 * The SHA-256 sealing this signature.
 */
evidence_sha256: string, };
export type AgreementRecord = { 
/**
 * Its id.
 */
id: string, 
/**
 * Whose agreement it is.
 */
person_id: string, 
/**
 * Which agreement.
 */
kind: TemplateKind, 
/**
 * The version signed.
 */
version: number, 
/**
 * The hash of the exact text signed.
 */
template_sha256: string, 
/**
 * When it was first recorded (UTC).
 */
recorded_at: string, 
/**
 * Who recorded it.
 */
recorded_by: string, 
/**
 * On which device.
 */
device: string, 
/**
 * The SHA-256 sealing the agreement record.
 */
evidence_sha256: string, 
/**
 * Its signatures, in the order given.
 */
signatures: Array<RecordedSignature>, 
/**
 * Whether a paper scan is attached.
 */
has_scan: boolean, 
/**
 * When, by whom and why it was withdrawn, if it was.
 */
withdrawn: string | null, };
export type AgreementStatus = "signed" | "awaiting_parent" | "needs_resigning" | "expired" | "withdrawn" | "not_signed";
export type StatusFilter = { 
/**
 * Only pupils in this class.
 */
class: string | null, 
/**
 * Only people of this kind.
 */
kind: PersonKind | null, 
/**
 * Only one person.
 */
person_id: string | null, };
export type StatusRow = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * What they are to the school.
 */
kind: PersonKind, 
/**
 * Their class, for pupils.
 */
class: string | null, 
/**
 * The agreement they must sign.
 */
agreement_kind: TemplateKind, 
/**
 * Where they stand.
 */
status: AgreementStatus, 
/**
 * The version of their latest agreement, if any.
 */
version: number | null, 
/**
 * When their latest agreement was completed, if it was: the date written on
 * a paper form, or the UK date and time it was signed.
 */
signed_at: string | null, 
/**
 * Their latest agreement's id, if any.
 */
agreement_id: string | null, };
export type PlannedSigner = { 
/**
 * Who signs.
 */
role: SignerRole, 
/**
 * Whether the agreement is complete without it (a KS1 child's mark).
 */
optional: boolean, };
export type PlanContact = { 
/**
 * Their id.
 */
id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * How they are related ("Mother"), or the child's class.
 */
detail: string | null, };
export type SigningPlan = { 
/**
 * Whose agreement it is.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * Their first name as the school uses it, for speaking to a child.
 */
first_name: string, 
/**
 * What they are to the school.
 */
person_kind: PersonKind, 
/**
 * Their class, for pupils.
 */
class: string | null, 
/**
 * The agreement they sign.
 */
kind: TemplateKind, 
/**
 * Its current version, exactly as it is shown and hashed.
 */
template: TemplateVersion, 
/**
 * The signatures to collect, in order.
 */
signers: Array<PlannedSigner>, 
/**
 * For a pupil: the parents and carers with parental responsibility, who alone may sign.
 */
parents: Array<PlanContact>, 
/**
 * For a parent or carer: their children on roll, whose photo consent they give.
 */
children: Array<PlanContact>, 
/**
 * Where they stand now.
 */
status: StatusRow, 
/**
 * An agreement on the current text that is waiting only for a parent's signature.
 */
awaiting_parent: string | null, };
export type BatchPupil = { 
/**
 * Their id.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * Their first name as the school uses it (a KS1 child's mark is recorded under it).
 */
first_name: string, 
/**
 * The MIS's admission number, which a scanned form may carry.
 */
admission_number: string | null, 
/**
 * Their unique pupil number, which a scanned form may carry.
 */
upn: string | null, 
/**
 * The agreement they sign (KS1 or KS2).
 */
kind: TemplateKind, 
/**
 * Where they stand now.
 */
status: AgreementStatus, 
/**
 * When their latest agreement was completed, as the school reads it.
 */
signed_at: string | null, 
/**
 * Their agreement on the current text that waits only for a parent's signature.
 */
awaiting_parent: string | null, 
/**
 * The parents and carers with parental responsibility, who alone may sign, first contact first.
 */
parents: Array<PlanContact>, };
export type BatchParent = { 
/**
 * Their id.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * Where their own parent agreement stands.
 */
status: AgreementStatus, 
/**
 * When they last completed it, as the school reads it.
 */
signed_at: string | null, 
/**
 * Their children on roll, in this class or another, whose photo and video
 * choices the parent agreement asks.
 */
children: Array<PlanContact>, };
export type PaperBatch = { 
/**
 * The class.
 */
class: string, 
/**
 * Its pupils on roll, in register order.
 */
pupils: Array<BatchPupil>, 
/**
 * Every parent or carer with parental responsibility for one of them.
 */
parents: Array<BatchParent>, 
/**
 * The version in use now of each agreement the forms can be (KS1, KS2, parent).
 */
templates: Array<TemplateSummary>, 
/**
 * The photo and video questions the parent agreement asks now.
 */
purposes: Array<Purpose>, };
export type ConsentProgress = { 
/**
 * Pupils whose family has answered every purpose in this consent period.
 */
answered: number, 
/**
 * Pupils under a safeguarding hold: never photographed, so never chased.
 */
held: number, 
/**
 * Pupils with at least one purpose still unanswered (not held).
 */
missing: number, };
export type ClassProgress = { 
/**
 * The class.
 */
class: string, 
/**
 * The year group most of its pupils are in ("Year 3").
 */
year_group: string | null, 
/**
 * Pupils on roll.
 */
on_roll: number, 
/**
 * Pupils whose agreement is signed on the current text.
 */
current: number, 
/**
 * Their consent, if the signed-in user may see consent.
 */
consent: ConsentProgress | null, };
export type AudienceProgress = { 
/**
 * The group.
 */
kind: PersonKind, 
/**
 * On roll.
 */
on_roll: number, 
/**
 * With an agreement signed on the current text.
 */
current: number, 
/**
 * For pupils, their consent (if the signed-in user may see consent).
 */
consent: ConsentProgress | null, };
export type Progress = { 
/**
 * Each class with pupils on roll, youngest year first.
 */
classes: Array<ClassProgress>, 
/**
 * Each group with anyone on roll, pupils first.
 */
audiences: Array<AudienceProgress>, };
export type TermName = "autumn" | "spring" | "summer";
export type Term = { 
/**
 * Which term.
 */
name: TermName, 
/**
 * The school year, by the calendar year it starts in (2026 for 2026/27).
 */
academic_year: number, 
/**
 * Its first day (YYYY-MM-DD).
 */
starts: string, 
/**
 * Its last day (YYYY-MM-DD).
 */
ends: string, };
export type TrendCount = { 
/**
 * The group.
 */
kind: PersonKind, 
/**
 * How many were on roll.
 */
on_roll: number, 
/**
 * How many of them had a current (fully signed) agreement.
 */
current: number, };
export type TrendPoint = { 
/**
 * The day (YYYY-MM-DD); figures are as the records stood at its end (or now, for today).
 */
day: string, 
/**
 * One entry per group with anyone on roll that day, pupils first.
 */
counts: Array<TrendCount>, };
export type Trend = { 
/**
 * The term.
 */
term: Term, 
/**
 * The first day of the term and every seventh day after it, then today;
 * days before Assent holds any record are left out.
 */
points: Array<TrendPoint>, };
export type SetupStep = "school_details" | "staff" | "import" | "templates" | "account_settings" | "backups";
export type ChecklistStep = { 
/**
 * Which step.
 */
step: SetupStep, 
/**
 * Whether the records show it done.
 */
done: boolean, 
/**
 * For a step of several parts (the agreements), how many are done.
 */
parts_done: number | null, 
/**
 * And how many there are.
 */
parts: number | null, };
export type Checklist = { 
/**
 * In order.
 */
steps: Array<ChecklistStep>, 
/**
 * Whether the head has put the list away.
 */
dismissed: boolean, 
/**
 * Whether this user may put it away or bring it back.
 */
may_dismiss: boolean, };
export type Overview = { 
/**
 * The figures the window keeps from sign-in, read afresh.
 */
dashboard: Dashboard, 
/**
 * Agreements and consent per class and per group.
 */
progress: Progress, 
/**
 * Agreements current through this term.
 */
trend: Trend, 
/**
 * The set-up steps this user can act on (`None` for a role with none).
 */
checklist: Checklist | null, };
export type AccountGroup = "pupils" | "staff" | "volunteers" | "governors" | "visitors";
export type PasswordStyle = "words" | "characters";
export type GroupSettings = { 
/**
 * Whether this group gets accounts at all.
 */
enabled: boolean, 
/**
 * The username pattern, from `{forename}`, `{surname}`, `{initial}`,
 * `{surname_initial}`, `{yy}` and `{yyyy}` (year of admission, or of
 * starting for adults) and the characters a–z, 0–9, `.`, `-` and `_`.
 */
pattern: string, 
/**
 * The email domain, such as `pupils.example.sch.uk`; empty until the school sets it.
 */
domain: string, 
/**
 * The organisational unit path, from `{year}` ("Year 4"), `{class}` and
 * `{role}`, such as `/Pupils/{year}`.
 */
org_unit: string, 
/**
 * How the initial passwords of new accounts are made.
 */
password: PasswordStyle, };
export type SlipSettings = { 
/**
 * Where to sign in (a web address such as `classroom.google.com`, or
 * words such as "any school computer"); empty for no such line.
 */
sign_in_at: string, 
/**
 * Whether each slip ends with a reminder of the agreement its holder signed.
 */
reminder: boolean, };
export type AccountSettings = { 
/**
 * Pupils from Year 1 (and Reception or Nursery if included below).
 */
pupils: GroupSettings, 
/**
 * Staff.
 */
staff: GroupSettings, 
/**
 * Regular volunteers.
 */
volunteers: GroupSettings, 
/**
 * Governors.
 */
governors: GroupSettings, 
/**
 * Visitors, whose accounts end with their visit.
 */
visitors: GroupSettings, 
/**
 * Whether Nursery children get accounts (off by default).
 */
include_nursery: boolean, 
/**
 * Whether Reception children get accounts (off by default).
 */
include_reception: boolean, 
/**
 * What the login slips say.
 */
slips: SlipSettings, };
export type UsernameExample = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * The username the pattern makes for them (made unique with a number
 * where someone already has it), or the placeholder they would get.
 */
username: string, 
/**
 * Whether their name has no Latin letters, so that the username is only
 * a placeholder and someone must type the one they should have.
 */
placeholder: boolean, };
export type AccountStatus = "blocked" | "ready" | "provisioned" | "to_suspend" | "suspended";
export type Blocker = "not_signed" | "awaiting_parent" | "needs_resigning" | "expired" | "withdrawn" | "left" | "group_off" | "needs_username" | "sanction";
export type AccountRow = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * The given name on the account (the one they go by).
 */
first_name: string, 
/**
 * The family name on the account (the one they go by).
 */
last_name: string, 
/**
 * What they are to the school.
 */
kind: PersonKind, 
/**
 * Their account group.
 */
group: AccountGroup, 
/**
 * Their class, for pupils.
 */
class: string | null, 
/**
 * Their year group ("Year 4"), for pupils.
 */
year_group: string | null, 
/**
 * Their role or job title, for adults.
 */
role: string | null, 
/**
 * The agreement their account depends on.
 */
agreement_kind: TemplateKind, 
/**
 * Where the account stands.
 */
status: AccountStatus, 
/**
 * Why they may not have an account (empty when they may).
 */
blockers: Array<Blocker>, 
/**
 * The same reasons, in words.
 */
reasons: Array<string>, 
/**
 * The account's username: stored, or proposed from the group's pattern.
 */
username: string, 
/**
 * Whether the username was typed by hand.
 */
username_edited: boolean, 
/**
 * The account's address, once the group's domain is set.
 */
email: string | null, 
/**
 * When the account was last created or turned back on (UK time).
 */
provisioned_at: string | null, 
/**
 * Who marked that export provisioned.
 */
provisioned_by: string | null, 
/**
 * When the account was suspended, if it is now (UK time).
 */
suspended_at: string | null, 
/**
 * The export they are in that has not been marked provisioned yet.
 */
pending_export: string | null, 
/**
 * The last day of a visitor's visit, when the account should end.
 */
expires: string | null, 
/**
 * Notes for the person setting the account up (only what their role may see).
 */
notes: Array<string>, };
export type ExportFormat = "google" | "entra" | "csv";
export type AccountAction = "create" | "suspend" | "reactivate" | "keep";
export type InitialPassword = string;
export type ExportedAccount = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * Given name on the account.
 */
first_name: string, 
/**
 * Family name on the account.
 */
last_name: string, 
/**
 * Their account group.
 */
group: AccountGroup, 
/**
 * Their class, for pupils.
 */
class: string | null, 
/**
 * Their role, for adults.
 */
role: string | null, 
/**
 * The agreement the account depends on.
 */
agreement_kind: TemplateKind, 
/**
 * The username.
 */
username: string, 
/**
 * The full address.
 */
email: string, 
/**
 * The organisational unit.
 */
org_unit: string, 
/**
 * What to do.
 */
action: AccountAction, 
/**
 * The initial password, for a new account only. Never stored in plain text.
 */
password: InitialPassword | null, 
/**
 * Whether they must choose their own password at first sign-in (adults).
 */
change_password_at_next_sign_in: boolean, 
/**
 * The last day of a visitor's visit.
 */
expires: string | null, };
export type LeftOut = { 
/**
 * The person.
 */
person_id: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Why they are not in the file.
 */
reason: string, };
export type AccountExport = { 
/**
 * Its id, for marking it provisioned; `None` when there was nothing to export
 * (no file was written and nothing was recorded).
 */
export_id: string | null, 
/**
 * The format.
 */
format: ExportFormat, 
/**
 * Whether it lists everyone with an account, not only the changes.
 */
everything: boolean, 
/**
 * The file written.
 */
file: string | null, 
/**
 * The rows, with the new accounts' passwords (kept sealed only until the export is marked).
 */
accounts: Array<ExportedAccount>, 
/**
 * People with a change due who are not in the file.
 */
left_out: Array<LeftOut>, };
export type LoginSlip = { 
/**
 * Their name as the school uses it.
 */
name: string, 
/**
 * Their class, for pupils.
 */
class: string | null, 
/**
 * Their account group.
 */
group: AccountGroup, 
/**
 * The username.
 */
username: string, 
/**
 * The full address they sign in with.
 */
email: string, 
/**
 * The initial password.
 */
password: InitialPassword, 
/**
 * Where to sign in, as the school's settings say; `None` when they say nothing.
 */
sign_in_at: string | null, 
/**
 * A one-line reminder of the agreement they signed, unless the school's
 * settings leave it out.
 */
reminder: string | null, };
export type ExportSummary = { 
/**
 * Its id.
 */
id: string, 
/**
 * The format.
 */
format: ExportFormat, 
/**
 * Whether it listed everyone with an account.
 */
everything: boolean, 
/**
 * The file it was written to.
 */
file: string, 
/**
 * When (UK time).
 */
created_at: string, 
/**
 * By whom.
 */
created_by: string, 
/**
 * New accounts in it.
 */
creates: number, 
/**
 * Suspensions in it.
 */
suspends: number, 
/**
 * Accounts turned back on in it.
 */
reactivates: number, 
/**
 * Accounts listed unchanged.
 */
keeps: number, 
/**
 * `provisioned`, `cancelled`, or `None` while it is pending.
 */
outcome: string | null, 
/**
 * When and by whom it was marked, if it was.
 */
outcome_by: string | null, 
/**
 * Login slips that can still be printed (the export is waiting to be uploaded).
 */
slips_available: number, 
/**
 * Whether marking it provisioned can still be undone: it is marked
 * provisioned and no later export has been made.
 */
undoable: boolean, 
/**
 * Whether it was marked provisioned once and that was undone (its
 * initial passwords went when it was marked).
 */
unmarked: boolean, };
export type ExportDone = { 
/**
 * Its id, for marking it provisioned; `None` when nothing was due.
 */
export_id: string | null, 
/**
 * The format.
 */
format: ExportFormat, 
/**
 * Whether it lists everyone with an account, not only the changes.
 */
everything: boolean, 
/**
 * The file written.
 */
file: string | null, 
/**
 * Rows in the file.
 */
rows: number, 
/**
 * New accounts.
 */
created: number, 
/**
 * Accounts to suspend.
 */
suspended: number, 
/**
 * Accounts to turn back on.
 */
reactivated: number, 
/**
 * Accounts listed unchanged.
 */
unchanged: number, 
/**
 * People with a change due who are not in the file, with the reason.
 */
left_out: Array<LeftOut>, 
/**
 * How many login slips were printed with it, if any were asked for.
 */
slips: number | null, 
/**
 * Where the slips were saved.
 */
slips_file: string | null, };
export type PendingSlips = { 
/**
 * The export they come from.
 */
export_id: string, 
/**
 * The class asked for, if any.
 */
class: string | null, 
/**
 * In class and name order.
 */
slips: Array<LoginSlip>, };
export type SlipsPrinted = { 
/**
 * The export they come from.
 */
export_id: string, 
/**
 * How many slips.
 */
slips: number, 
/**
 * The file written.
 */
file: string, };
export type MarkedExport = { 
/**
 * The export.
 */
export_id: string, 
/**
 * Accounts recorded as created.
 */
created: number, 
/**
 * Accounts recorded as suspended.
 */
suspended: number, 
/**
 * Accounts recorded as turned back on.
 */
reactivated: number, };
export type IncidentCategory = "illegal_material" | "inappropriate_material" | "bypassing_filtering" | "account_misuse" | "cyberbullying" | "copyright_data_protection" | "unauthorised_device" | "damage" | "other";
export type IncidentStatus = "open" | "under_review" | "closed";
export type ActionKind = "class_teacher" | "head_of_computing" | "headteacher" | "police" | "technical_support" | "parents_informed" | "warning" | "further_sanction" | "access_removed";
export type InvolvedRole = "pupil" | "staff" | "other";
export type InvolvedInput = { 
/**
 * Their record, when the school has one (name and role then come from it).
 */
person_id: string | null, 
/**
 * Their name, when they have no record.
 */
name: string | null, 
/**
 * How they were involved, when they have no record (default: other).
 */
role: InvolvedRole | null, };
export type AttachmentInput = { 
/**
 * The file's name as chosen.
 */
file_name: string, 
/**
 * Its contents: a PNG or JPEG picture or a PDF, up to 10 MB.
 */
bytes: Array<number>, };
export type IncidentInput = { 
/**
 * The day it happened (`YYYY-MM-DD` or `dd/mm/yyyy`).
 */
date: string, 
/**
 * The time it happened (`HH:MM`, UK time), if known.
 */
time: string | null, 
/**
 * Who reported it.
 */
reported_by: string, 
/**
 * Everyone involved.
 */
people: Array<InvolvedInput>, 
/**
 * What sort of misuse.
 */
category: IncidentCategory, 
/**
 * What happened.
 */
description: string, 
/**
 * Web addresses involved.
 */
urls: Array<string>, 
/**
 * Screenshots and other files.
 */
attachments: Array<AttachmentInput>, 
/**
 * A child-protection matter (only the head or DSL may say so, and see it).
 */
child_protection: boolean, };
export type ActionInput = { 
/**
 * Which step.
 */
kind: ActionKind, 
/**
 * Who did it.
 */
done_by: string, 
/**
 * When (`YYYY-MM-DD` or `dd/mm/yyyy`; default today).
 */
date: string | null, 
/**
 * Anything worth noting.
 */
note: string | null, 
/**
 * For an access removal: whose access (someone involved, with a record).
 */
person_id: string | null, 
/**
 * For an access removal: the last day it is removed; none means until review.
 */
until: string | null, };
export type IncidentFilter = { 
/**
 * Happened on or after this day (`YYYY-MM-DD` or `dd/mm/yyyy`).
 */
from: string | null, 
/**
 * Happened on or before this day.
 */
to: string | null, 
/**
 * Only this category.
 */
category: IncidentCategory | null, 
/**
 * Only those involving this person.
 */
person_id: string | null, 
/**
 * Only those involving a pupil in this class.
 */
class: string | null, 
/**
 * Only those with this status.
 */
status: IncidentStatus | null, };
export type InvolvedPerson = { 
/**
 * Their record, if linked.
 */
person_id: string | null, 
/**
 * Their name.
 */
name: string, 
/**
 * How they were involved.
 */
role: InvolvedRole, 
/**
 * Their class, for a linked pupil.
 */
class: string | null, };
export type IncidentSummary = { 
/**
 * Its id.
 */
id: string, 
/**
 * The number the school uses for it.
 */
number: number, 
/**
 * When it happened, in UK time, ready to show.
 */
occurred: string, 
/**
 * The day it happened (`YYYY-MM-DD`).
 */
occurred_on: string, 
/**
 * Who reported it.
 */
reported_by: string, 
/**
 * What sort of misuse.
 */
category: IncidentCategory, 
/**
 * The category in words.
 */
category_label: string, 
/**
 * Where it stands.
 */
status: IncidentStatus, 
/**
 * A child-protection matter.
 */
child_protection: boolean, 
/**
 * The details are for the head or DSL only, so they are left out here.
 */
restricted: boolean, 
/**
 * The names of those involved (empty when restricted).
 */
people: Array<string>, 
/**
 * Access removals in force now.
 */
active_sanctions: number, };
export type IncidentAction = { 
/**
 * Its id (used to lift an access removal).
 */
id: string, 
/**
 * Which step.
 */
kind: ActionKind, 
/**
 * The step in words.
 */
label: string, 
/**
 * Who did it.
 */
done_by: string, 
/**
 * When (`YYYY-MM-DD`).
 */
done_on: string, 
/**
 * Any note.
 */
note: string | null, 
/**
 * For an access removal: whose.
 */
person_id: string | null, 
/**
 * For an access removal: their name.
 */
person_name: string | null, 
/**
 * For an access removal: its last day; none means until review.
 */
until: string | null, 
/**
 * For an access removal lifted early: the day.
 */
lifted_on: string | null, 
/**
 * For an access removal: whether it is in force today.
 */
in_force: boolean, 
/**
 * Who recorded the step, and when (UK time).
 */
recorded: string, };
export type StatusChange = { 
/**
 * The new status.
 */
status: IncidentStatus, 
/**
 * The outcome, when closed.
 */
outcome: string | null, 
/**
 * When (UK time).
 */
at: string, 
/**
 * Who.
 */
by: string, };
export type AttachmentInfo = { 
/**
 * Its id.
 */
id: string, 
/**
 * Its name.
 */
file_name: string, 
/**
 * Its type.
 */
mime: string, 
/**
 * Its size in bytes.
 */
size: number, };
export type IncidentDetail = { 
/**
 * The log's line for it.
 */
summary: IncidentSummary, 
/**
 * What happened (empty when restricted).
 */
description: string, 
/**
 * Web addresses involved.
 */
urls: Array<string>, 
/**
 * Everyone involved.
 */
people: Array<InvolvedPerson>, 
/**
 * Files kept with it.
 */
attachments: Array<AttachmentInfo>, 
/**
 * Who was told and what was done, oldest first.
 */
actions: Array<IncidentAction>, 
/**
 * Its status changes, oldest first.
 */
history: Array<StatusChange>, 
/**
 * The outcome, once closed.
 */
outcome: string | null, 
/**
 * Who recorded it, and when (UK time).
 */
recorded: string, 
/**
 * Whether the viewer may add actions and change its status.
 */
can_manage: boolean, };
export type Sanction = { 
/**
 * The removal's id.
 */
action_id: string, 
/**
 * The incident's number.
 */
incident_number: number, 
/**
 * Whose access.
 */
person_id: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Removed from (`YYYY-MM-DD`).
 */
from: string, 
/**
 * The last day it is removed; none means until review.
 */
until: string | null, 
/**
 * The same, in words ("Access removed until 12 December 2026 (e-safety incident 3)").
 */
reason: string, };
export type CategoryCount = { 
/**
 * The category in words.
 */
category: string, 
/**
 * The count in each month of the summary, in order.
 */
by_month: Array<number>, 
/**
 * The count over the whole period.
 */
total: number, };
export type OpenIncident = { 
/**
 * The incident's number.
 */
number: number, 
/**
 * When it happened (`YYYY-MM-DD`).
 */
occurred_on: string, 
/**
 * The category in words.
 */
category: string, 
/**
 * Where it stands.
 */
status: IncidentStatus, 
/**
 * A child-protection matter.
 */
child_protection: boolean, 
/**
 * Who was involved.
 */
people: Array<string>, 
/**
 * Access removals in force.
 */
active_sanctions: number, };
export type IncidentReport = { 
/**
 * The school's name.
 */
school: string, 
/**
 * The first day covered (`YYYY-MM-DD`).
 */
from: string, 
/**
 * The last day covered (`YYYY-MM-DD`).
 */
to: string, 
/**
 * The months covered, in words ("September 2026").
 */
months: Array<string>, 
/**
 * Each category's counts, in the log's order (categories with none included).
 */
categories: Array<CategoryCount>, 
/**
 * Every category together, in each month.
 */
month_totals: Array<number>, 
/**
 * Every incident in the period.
 */
total: number, 
/**
 * How many of them are closed.
 */
closed: number, 
/**
 * How many times each step was taken, in checklist order.
 */
actions: Array<[string, number]>, 
/**
 * Every incident not yet closed, whenever it happened, oldest first.
 */
open: Array<OpenIncident>, };

/** What each role may do (from `Permission::allows` in the core). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  head: ["view_people", "edit_people", "import", "view_templates", "publish_templates", "view_agreements", "collect_signatures", "record_paper", "withdraw_agreement", "view_consent", "record_consent", "safeguarding", "manage_users", "settings", "accounts", "view_audit", "backup", "data_protection", "report_incident", "manage_incidents", "view_sanctions"],
  office: ["view_people", "edit_people", "import", "view_templates", "view_agreements", "collect_signatures", "record_paper", "withdraw_agreement", "view_consent", "record_consent", "backup", "report_incident"],
  teacher: ["view_people", "view_templates", "view_agreements", "collect_signatures", "view_consent", "record_consent", "report_incident"],
  it: ["view_people", "view_templates", "view_agreements", "accounts", "backup", "view_sanctions"],
};
