// The import wizard's vocabulary: what a file can hold, and the fields a CSV
// column can be mapped to. The headers are the canonical ones of
// assent-core's import::mapping (PUPIL_FIELDS, CONTACT_FIELDS, ADULT_FIELDS).
import type { ColumnChoice, ImportInput, ImportKind, ImportPreview, MappedColumn } from "./bindings";

export type ImportField = { header: string; required: boolean };

const PUPIL_FIELDS: readonly ImportField[] = [
  { header: "UPN", required: false },
  { header: "Legal Forename", required: true },
  { header: "Legal Surname", required: true },
  { header: "Preferred Forename", required: false },
  { header: "Preferred Surname", required: false },
  { header: "Middle Names", required: false },
  { header: "Date of Birth", required: false },
  { header: "Gender", required: false },
  { header: "Year Group", required: true },
  { header: "Reg Group", required: false },
  { header: "Admission Date", required: false },
  { header: "MIS ID", required: false },
];

const CONTACT_FIELDS: readonly ImportField[] = [
  { header: "Pupil UPN", required: false },
  { header: "Pupil MIS ID", required: false },
  { header: "Contact Forename", required: true },
  { header: "Contact Surname", required: true },
  { header: "Relationship", required: true },
  { header: "Parental Responsibility", required: true },
  { header: "Priority", required: false },
  { header: "Email", required: false },
  { header: "Mobile", required: false },
];

const ADULT_FIELDS: readonly ImportField[] = [
  { header: "Kind", required: true },
  { header: "Forename", required: true },
  { header: "Surname", required: true },
  { header: "Role", required: false },
  { header: "Email", required: false },
  { header: "Start Date", required: false },
  { header: "End Date", required: false },
];

/** The fields a CSV of this kind can fill (none for a Common Transfer File). */
export function importFields(kind: ImportKind): readonly ImportField[] {
  switch (kind) {
    case "pupils":
      return PUPIL_FIELDS;
    case "contacts":
      return CONTACT_FIELDS;
    case "staff":
      return ADULT_FIELDS;
    case "ctf":
      return [];
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

export const IMPORT_KINDS: readonly { kind: ImportKind; label: string }[] = [
  { kind: "pupils", label: "Pupils" },
  { kind: "contacts", label: "Parents and carers (contacts)" },
  { kind: "staff", label: "Staff, governors, volunteers and visitors" },
  { kind: "ctf", label: "Common Transfer File (CTF)" },
];

/** What the rows of a file of this kind are, for "7 rows of pupils read". */
export function importKindRows(kind: ImportKind): string {
  switch (kind) {
    case "pupils":
      return "pupils";
    case "contacts":
      return "parents and carers";
    case "staff":
      return "staff, governors, volunteers and visitors";
    case "ctf":
      return "pupils and contacts";
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** What a file of this kind is, explained on the first step. */
export function importKindHint(kind: ImportKind): string {
  switch (kind) {
    case "pupils":
      return "A CSV file from your MIS with one row for each pupil.";
    case "contacts":
      return "A CSV file with one row for each parent or carer of each pupil. Import the pupils first.";
    case "staff":
      return "A CSV file with one row for each adult and a column saying whether they are staff, a governor, a volunteer or a visitor.";
    case "ctf":
      return "An XML file your MIS makes when a pupil joins from or leaves for another school. It holds pupils and their contacts.";
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/**
 * The choices to send after the user maps the column `header` to `field`
 * (null: leave it out). Each field comes from one column only, so another
 * column that held the same field is left out, and that is sent too.
 */
export function chooseColumn(
  columns: readonly MappedColumn[],
  choices: readonly ColumnChoice[],
  header: string,
  field: string | null,
): ColumnChoice[] {
  const next = new Map<string, string | null>(choices.map((c) => [c.header, c.field]));
  next.set(header, field);
  if (field !== null) {
    for (const column of columns) {
      const current = next.has(column.header) ? next.get(column.header) : column.field;
      if (column.header !== header && current === field) next.set(column.header, null);
    }
  }
  // Keep the file's column order, so the same choices always read the same way.
  const order = columns.map((c) => c.header);
  return [...next.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([h, f]) => ({ header: h, field: f }));
}

/** Whether the preview would change anything at all. */
export function changesAnything(p: ImportPreview): boolean {
  return p.added.length + p.changed.length + p.leaving.length > 0;
}

/** Why the Import button is disabled, or null when it may be pressed. */
export function whyNotImport(p: ImportPreview): string | null {
  const n = p.problems.length;
  if (n > 0) {
    return `The file cannot be imported while it has ${n === 1 ? "a problem" : `${n} problems`}. Correct ${n === 1 ? "it" : "them"} in your MIS or in the file, save it again and choose it again.`;
  }
  if (!changesAnything(p)) return "Everyone in the file is already in Assent exactly as the file has them, so there is nothing to import.";
  return null;
}

/**
 * The number typed to confirm the leavers, when the preview asks for it: the
 * number itself when it matches, else null (the Import button stays off).
 */
export function confirmedLeavers(p: ImportPreview, typed: string): number | null {
  if (!p.leavers_need_confirmation) return null;
  const n = p.leaving.length;
  return typed.trim() === String(n) ? n : null;
}

/** The bytes of a chosen file, in the form the import commands take. */
export async function fileBytes(file: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}

/**
 * Whether two requests ask about the same import: the same file as read (its
 * bytes, by identity, since a file chosen again is read again), kind, encoding,
 * column choices, roll and leavers. A preview of one answers the other.
 */
export function sameImportInput(a: ImportInput | null, b: ImportInput | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.kind === b.kind &&
    a.file_name === b.file_name &&
    a.bytes === b.bytes &&
    a.encoding === b.encoding &&
    a.full_roll === b.full_roll &&
    a.leaving_date === b.leaving_date &&
    a.confirmed_leavers === b.confirmed_leavers &&
    a.choices.length === b.choices.length &&
    a.choices.every((c, i) => c.header === b.choices[i]?.header && c.field === b.choices[i]?.field)
  );
}

/** Whether the columns need the user before the changes can be checked: some missing, unclear or unused. */
export function needsColumns(p: ImportPreview): boolean {
  const columns = p.columns;
  return (
    columns !== null &&
    (columns.missing.length > 0 || columns.ambiguous.length > 0 || p.unmapped_columns.length > 0)
  );
}

/** A count with its noun: "1 pupil", "5 pupils". */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
