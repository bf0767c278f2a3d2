import type { Filter, KeyStage, PersonKind, PersonSummary } from "./bindings";

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

/** A count as people read it: 1,000 rather than 1000. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

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

/** Year groups in school order, with the codes the core stores and filters by. */
export const YEAR_GROUPS: readonly { code: string; label: string }[] = [
  { code: "N", label: "Nursery" },
  { code: "R", label: "Reception" },
  { code: "Y1", label: "Year 1" },
  { code: "Y2", label: "Year 2" },
  { code: "Y3", label: "Year 3" },
  { code: "Y4", label: "Year 4" },
  { code: "Y5", label: "Year 5" },
  { code: "Y6", label: "Year 6" },
];

/** A year group's name for a code ("Y3" → "Year 3"); a label or anything else is kept. */
export function yearGroupLabel(codeOrLabel: string): string {
  return YEAR_GROUPS.find((y) => y.code === codeOrLabel)?.label ?? codeOrLabel;
}

/** The code for a year group's name ("Year 3" → "Y3"); a code or anything else is kept. */
export function yearGroupCode(labelOrCode: string): string {
  return YEAR_GROUPS.find((y) => y.label === labelOrCode)?.code ?? labelOrCode;
}

const KEY_STAGES: Record<KeyStage, string> = { eyfs: "EYFS", ks1: "KS1", ks2: "KS2" };

export function keyStageLabel(stage: KeyStage): string {
  return KEY_STAGES[stage];
}

const GENDERS: Record<string, string> = { M: "Male", F: "Female", X: "Other or not known" };

/** "F" → "Female"; anything unrecognised is shown as stored. */
export function genderLabel(code: string): string {
  return GENDERS[code] ?? code;
}

/** What the people list is filtered by, as the controls hold it ("" = any). */
export type ListFilters = {
  kind: PersonKind | "";
  class: string;
  year: string;
  search: string;
  includeLeavers: boolean;
};

export function emptyFilters(): ListFilters {
  return { kind: "", class: "", year: "", search: "", includeLeavers: false };
}

/** Whether the class and year group filters apply: only pupils have them. */
export function showsPupilFilters(kind: PersonKind | ""): boolean {
  return kind === "" || kind === "pupil";
}

/**
 * While a name is being typed, only the first matches are fetched, so each keystroke
 * stays quick even for a large trust (see docs/benchmarks.md).
 */
export const SEARCH_LIMIT = 200;

/**
 * Without a search, a list shows this many at a time: everyone at a large primary,
 * while a trust's tens of thousands are not all drawn at once (each row drawn costs
 * the window memory). "Show more" adds as many again.
 */
export const LIST_LIMIT = 1000;

/**
 * The filter to send to `list_people`; pupil-only filters are dropped for adult kinds.
 * `lots` is how many lots of rows to show (1, then one more for each "Show more");
 * one row more than that is asked for, so the list knows whether there are more.
 */
export function buildFilter(f: ListFilters, lots = 1): Filter {
  const pupilFilters = showsPupilFilters(f.kind);
  const search = f.search.trim();
  return {
    kind: f.kind === "" ? null : f.kind,
    class: pupilFilters && f.class !== "" ? f.class : null,
    year: pupilFilters && f.year !== "" ? f.year : null,
    search: search === "" ? null : search,
    include_leavers: f.includeLeavers,
    limit: (search === "" ? LIST_LIMIT : SEARCH_LIMIT) * Math.max(1, lots) + 1,
  };
}

/** What a list fetched with `filter` shows: all it fetched but the row asked for to tell whether there are more. */
export function shownPeople(filter: Filter, fetched: PersonSummary[]): PersonSummary[] {
  return filter.limit === undefined ? fetched : fetched.slice(0, filter.limit - 1);
}

/** Whether a list fetched with `filter` has more people than it shows. */
export function hasMore(filter: Filter, fetched: number): boolean {
  return filter.limit !== undefined && fetched >= filter.limit;
}

/** Two filters ask for the same list. */
export function sameFilter(a: Filter, b: Filter): boolean {
  return (
    a.kind === b.kind &&
    a.class === b.class &&
    a.year === b.year &&
    a.search === b.search &&
    a.include_leavers === b.include_leavers &&
    a.limit === b.limit
  );
}

/** Whether anything beyond the kind narrows the list. */
export function isNarrowed(filter: Filter): boolean {
  return filter.class !== null || filter.year !== null || filter.search !== null;
}

/** What to say when a filtered list comes back empty. */
export function noMatches(filter: Filter): string {
  if (!isNarrowed(filter)) return noneYet(filter.kind);
  const who = filter.kind === null ? "Nobody" : `No ${WORDING[filter.kind].many}`;
  const verb = filter.kind === null ? "matches" : "match";
  return filter.search !== null && filter.class === null && filter.year === null
    ? `${who} ${verb} “${filter.search}”.`
    : `${who} ${verb} these filters.`;
}
