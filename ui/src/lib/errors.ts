import type { ApiError, FieldProblem, IoProblem } from "./bindings";

type FieldType = "string" | "number" | "array" | "io_problem";

// Keyed by every IoProblem, so a new Rust variant fails the type-check here too.
const IO_PROBLEMS: { [K in IoProblem]: true } = {
  not_found: true,
  folder_missing: true,
  not_allowed: true,
  in_use: true,
  already_exists: true,
  disk_full: true,
  read_only: true,
  is_folder: true,
  not_a_folder: true,
  bad_name: true,
  other: true,
};

function isIoProblem(value: unknown): value is IoProblem {
  return typeof value === "string" && Object.hasOwn(IO_PROBLEMS, value);
}

// Keyed by every ApiError kind, so a new Rust variant fails the type-check here too.
const SHAPES: { [K in ApiError["kind"]]: Record<string, FieldType> } = {
  no_database: { path: "string" },
  already_exists: { path: "string" },
  not_assent_database: { path: "string" },
  newer_schema: { path: "string", found: "number", supported: "number" },
  server_text_settings: { database: "string", found: "string" },
  invalid_input: { field: "string", reason: "string" },
  invalid_fields: { problems: "array" },
  file_rejected: { path: "string", reason: "string" },
  not_empty: { path: "string" },
  io: { path: "string", problem: "io_problem" },
  database_in_use: { path: "string" },
  program_damaged: { part: "string" },
  database: { message: "string" },
  import_rejected: { path: "string", problems: "array" },
  leavers_not_confirmed: { leavers: "number", roll: "number" },
  domains_missing: { groups: "array" },
  export_not_provisioned: { export_id: "string" },
  later_export: { export_id: "string", later: "string", later_at: "string" },
  choices_unanswered: {
    child_id: "string",
    child: "string",
    purpose: "string",
    purpose_name: "string",
    unanswered: "number",
  },
  kiosk_locked: {},
  kiosk_wrong_pin: { failures: "number" },
  not_signed_in: {},
  sign_in_failed: {},
  forbidden: { action: "string", role: "string" },
  keys_missing: { path: "string" },
  keys_damaged: { path: "string" },
  damaged: { path: "string" },
};

export const GENERIC_ERROR =
  "Something unexpected went wrong. Please try again. If it keeps happening, ask your IT technician for help.";

export function isApiError(e: unknown): e is ApiError {
  if (typeof e !== "object" || e === null) return false;
  const record = e as Record<string, unknown>;
  const kind = record["kind"];
  if (typeof kind !== "string" || !Object.hasOwn(SHAPES, kind)) return false;
  const shape = SHAPES[kind as ApiError["kind"]];
  return Object.entries(shape).every(([key, type]) => {
    if (type === "array") return Array.isArray(record[key]);
    if (type === "io_problem") return isIoProblem(record[key]);
    return typeof record[key] === type;
  });
}

const FIELD_LABELS: Record<string, string> = {
  name: "school name",
  school_name: "school name",
  kind: "kind of person",
  given_name: "legal forename",
  family_name: "legal surname",
  preferred_given_name: "preferred forename",
  preferred_family_name: "preferred surname",
  upn: "UPN",
  mis_id: "MIS ID",
  class: "class",
  email: "email address",
  mobile: "mobile number",
  role: "role or job title",
  username: "username",
  display_name: "name",
  password: "password",
  classes: "classes",
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/_/g, " ");
}

/** A reason as a sentence of its own: capital first letter, full stop at the end. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

// The core may give a reason as a predicate ("must not be empty") or as a whole
// sentence ("The name is too long."); only the first needs the field in front.
function describeInvalidInput(field: string, reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === "") return sentence(`Please check the ${fieldLabel(field)}`);
  const first = trimmed.charAt(0);
  const isSentence = first !== first.toLowerCase();
  return isSentence ? sentence(trimmed) : sentence(`${fieldLabel(field)} ${trimmed}`);
}

function problemSentence(p: FieldProblem): string {
  const label = fieldLabel(p.field);
  const reason = p.reason.trim().replace(/[.]$/, "");
  const named = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  return reason === "" ? sentence(`Please check the ${label}`) : `${named}: ${reason}.`;
}

function describeInvalidFields(problems: readonly FieldProblem[]): string {
  const count = problems.length;
  if (count === 0) return "Some details need checking. Nothing has been saved.";
  const each = problems.map(problemSentence).join(" ");
  return count === 1
    ? `${each} Nothing has been saved.`
    : `${count} details need checking. Nothing has been saved. ${each}`;
}

/**
 * What went wrong with a file or folder, in words a school office can act on.
 * `path` is the file or folder the problem is about: for `folder_missing` the
 * first missing folder, for `not_a_folder` the file standing in its way.
 */
export function describeIoProblem(path: string, problem: IoProblem): string {
  switch (problem) {
    case "not_found":
      return `Assent could not find ${path}. It may have been moved, renamed or deleted.`;
    case "folder_missing":
      return `The folder ${path} does not exist, or the drive or network share it is on is not connected. Check that the drive is connected, or choose another folder.`;
    case "not_allowed":
      return `Your account on this computer is not allowed to use ${path}. Choose another folder, or ask your IT technician for access.`;
    case "in_use":
      return `${path} is open in another program, such as Excel or a PDF viewer. Close it there and try again.`;
    case "already_exists":
      return `${path} already exists. Choose another name, or move the existing one first.`;
    case "disk_full":
      return `There is not enough space on the drive for ${path}. Free some space, or choose another drive.`;
    case "read_only":
      return `${path} is on a drive that cannot be written to (it is read-only or write-protected). Choose another folder.`;
    case "is_folder":
      return `${path} is a folder. Choose a file name inside it.`;
    case "not_a_folder":
      return `${path} is a file, not a folder, so nothing can be saved inside it. Choose another folder.`;
    case "bad_name":
      return `${path} cannot be used as a file name: it may be too long, or have a character such as : * ? " < > | in it. Choose another name.`;
    case "other":
      return `Assent could not use ${path}. Check that the drive is connected and try again. If it keeps happening, ask your IT technician for help.`;
    default: {
      const unreachable: never = problem;
      return unreachable;
    }
  }
}

export function describeApiError(e: ApiError): string {
  switch (e.kind) {
    case "no_database":
      return `There is no Assent database at ${e.path} yet. Create your school or open the demo school to begin.`;
    case "already_exists":
      return `There is already a database at ${e.path}. Assent has not changed it. Open it instead, or move it somewhere else first.`;
    case "not_assent_database":
      return `The file at ${e.path} is not an Assent database. Nothing in it has been changed. Choose another file or restore a backup.`;
    case "newer_schema":
      return `The database at ${e.path} was saved by a newer version of Assent (format ${e.found}; this version understands up to format ${e.supported}). Nothing in it has been changed. Please update Assent on this computer.`;
    case "server_text_settings":
      return `The server database ${e.database} was created with text settings Assent cannot use (${e.found}). Nothing has been changed. Ask your IT technician to create it again with UTF-8 encoding and the C collation.`;
    case "invalid_input":
      return describeInvalidInput(e.field, e.reason);
    case "invalid_fields":
      return describeInvalidFields(e.problems);
    case "file_rejected":
      return `Assent could not import ${e.path}: ${e.reason.trim().replace(/\.$/, "")}. Nothing has been changed.`;
    case "not_empty":
      return `Assent has stopped because ${e.path} already has information in it. Nothing has been changed.`;
    case "io":
      return describeIoProblem(e.path, e.problem);
    case "database_in_use":
      return `The database at ${e.path} is open in another program: Assent on this computer, perhaps for another user who is signed in. Close Assent wherever it has this database open, then restore again. Nothing has been changed.`;
    case "program_damaged":
      return `Part of Assent (${e.part}) could not be read, so Assent needs reinstalling. Nothing has been changed. Ask your IT technician to reinstall it.`;
    case "import_rejected": {
      const count = e.problems.length;
      const first = e.problems[0];
      const where = first ? ` The first is on line ${first.line}: ${first.reason}.` : "";
      return `${e.path} was not imported because it has ${count} ${count === 1 ? "problem" : "problems"}. Nothing has been changed.${where}`;
    }
    case "leavers_not_confirmed":
      return `This file would mark ${e.leavers} of the ${e.roll} pupils on roll as leaving, and that number was not confirmed${e.confirmed === null ? "" : ` (the number typed was ${e.confirmed})`}. Nothing has been changed. Check the list of leavers, then type their number to confirm.`;
    case "domains_missing": {
      const groups = e.groups.join(" and ");
      return `Assent does not know the email domain for ${groups} yet, so it cannot make their addresses. Nothing has been exported. Set it in Account settings (the button at the top of the Accounts page), then export again.`;
    }
    case "export_not_provisioned":
      return e.outcome === null
        ? "This export is not marked as provisioned, so there is nothing to undo: it is waiting to be marked already. Nothing has been changed."
        : `This export was ${e.outcome === "cancelled" ? "cancelled" : `marked ${e.outcome}`}, not marked as provisioned, so there is nothing to undo. Nothing has been changed.`;
    case "later_export":
      return `Marking this export as provisioned can no longer be undone: another export was made after it (${e.later_at}), from the accounts as marked. Nothing has been changed.`;
    case "choices_unanswered":
      return `The agreement has not been saved: "${e.purpose_name}" has no answer for ${e.child}${e.unanswered > 1 ? `, and ${e.unanswered - 1} more ${e.unanswered === 2 ? "question has" : "questions have"} no answer` : ""}. Answer yes or no to every photo and video question for each child, then sign.`;
    case "kiosk_locked":
      return "This device is handed over for signing only. A member of staff must leave kiosk mode with their PIN or password first.";
    case "kiosk_wrong_pin":
      return e.failures === 1
        ? "That PIN or password is not right. Please try again."
        : `That PIN or password is not right. ${e.failures} wrong tries so far: each one makes the next answer slower.`;
    case "database":
      return `The database reported a problem: ${e.message}. Please try again. If it keeps happening, ask your IT technician for help.`;
    case "not_signed_in":
      return "You are not signed in any more: Assent locks itself after a time without use. Please sign in again.";
    case "sign_in_failed":
      return "The username or password is not right. Please check them and try again.";
    case "forbidden":
      return `Your role (${e.role}) does not allow you to ${e.action.trim().replace(/[.]$/, "")}. If you need to, ask your headteacher.`;
    case "keys_missing":
      return `Assent cannot open the school's database because its key file is missing. It should be at ${e.path}. Nothing has been changed. Ask your IT technician to restore the latest backup.`;
    case "keys_damaged":
      return `Assent cannot open the school's database because its key file at ${e.path} is damaged or belongs to another database. Nothing has been changed. Ask your IT technician to restore the latest backup.`;
    case "damaged":
      return `The database at ${e.path} cannot be opened with the key file beside it: one of them is damaged, or they belong to different schools. Nothing has been changed. Ask your IT technician to restore the latest backup.`;
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

export function describeError(e: unknown): string {
  return isApiError(e) ? describeApiError(e) : GENERIC_ERROR;
}

/**
 * The problems of a form, by field, when the error is about what was typed:
 * `invalid_fields` as it is, or an `invalid_input` whose field ("given name")
 * names a form field ("given_name"). `null` for any other error.
 */
export function formProblems(e: unknown): FieldProblem[] | null {
  if (!isApiError(e)) return null;
  if (e.kind === "invalid_fields") {
    return e.problems.filter(
      (p): p is FieldProblem =>
        typeof p === "object" && p !== null && typeof p.field === "string" && typeof p.reason === "string",
    );
  }
  if (e.kind === "invalid_input") return [{ field: e.field.trim().replace(/ /g, "_"), reason: e.reason }];
  return null;
}

/** The field an error belongs to, so the form can show it next to that input. */
export function errorField(e: unknown): string | null {
  return isApiError(e) && e.kind === "invalid_input" ? e.field : null;
}
