import type { PersonKind, PersonSummary } from "./bindings";

export const PERSON_KINDS: readonly PersonKind[] = [
  "pupil",
  "parent",
  "staff",
  "volunteer",
  "governor",
  "visitor",
];

type Wording = {
  /** Heading for a group of this kind, e.g. on a dashboard card. */
  group: string;
  /** Label for one person of this kind, e.g. in a table cell. */
  single: string;
  /** Nouns for counting: "1 pupil", "2 pupils". */
  one: string;
  many: string;
};

const WORDING: Record<PersonKind, Wording> = {
  pupil: { group: "Pupils", single: "Pupil", one: "pupil", many: "pupils" },
  parent: {
    group: "Parents and carers",
    single: "Parent or carer",
    one: "parent or carer",
    many: "parents and carers",
  },
  staff: { group: "Staff", single: "Staff", one: "member of staff", many: "members of staff" },
  volunteer: { group: "Volunteers", single: "Volunteer", one: "volunteer", many: "volunteers" },
  governor: { group: "Governors", single: "Governor", one: "governor", many: "governors" },
  visitor: { group: "Visitors", single: "Visitor", one: "visitor", many: "visitors" },
};

export function kindGroupLabel(kind: PersonKind): string {
  return WORDING[kind].group;
}

export function kindLabel(kind: PersonKind): string {
  return WORDING[kind].single;
}

const numberFormat = new Intl.NumberFormat("en-GB");

/** "1 pupil", "210 pupils"; with no kind, "Showing 1 person", "Showing 612 people". */
export function countPhrase(count: number, kind: PersonKind | null): string {
  const n = numberFormat.format(count);
  if (kind === null) return `Showing ${n} ${count === 1 ? "person" : "people"}`;
  const wording = WORDING[kind];
  return `${n} ${count === 1 ? wording.one : wording.many}`;
}

function present(value: string | null): string | null {
  return value !== null && value.trim() !== "" ? value : null;
}

export function legalName(p: PersonSummary): string {
  return `${p.given_name} ${p.family_name}`;
}

/** The name the person goes by: preferred names where set, legal names otherwise. */
export function displayName(p: PersonSummary): string {
  const given = present(p.preferred_given_name) ?? p.given_name;
  const family = present(p.preferred_family_name) ?? p.family_name;
  return `${given} ${family}`;
}

/** The legal name, only when it differs from the name shown. */
export function legalNameIfDifferent(p: PersonSummary): string | null {
  const legal = legalName(p);
  return legal === displayName(p) ? null : legal;
}

export function countFor(counts: readonly { kind: PersonKind; count: number }[], kind: PersonKind): number {
  return counts.find((c) => c.kind === kind)?.count ?? 0;
}

/** What to say when a list comes back empty. */
export function noneYet(kind: PersonKind | null): string {
  return kind === null
    ? "There is nobody in the database yet."
    : `There are no ${WORDING[kind].many} in the database yet.`;
}
