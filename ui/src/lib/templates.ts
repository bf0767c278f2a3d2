// Pure helpers for the Agreements pages: kinds, review dates, history and diffs.
import type { DiffLine, TemplateKind, TemplateSummary } from "./bindings";
import { describeError, isApiError, sentence } from "./errors";

export const TEMPLATE_KINDS: readonly TemplateKind[] = ["ks1", "ks2", "staff", "governor-visitor", "parent"];

const KIND_LABELS: Record<TemplateKind, string> = {
  ks1: "KS1 (Nursery to Year 2)",
  ks2: "KS2 (Years 3 to 6)",
  staff: "Staff and volunteers",
  "governor-visitor": "Governors and visitors",
  parent: "Parents and carers",
};

export function templateKindLabel(kind: TemplateKind): string {
  return KIND_LABELS[kind];
}

/** The youngest children read the agreement in large type. */
export function isLargeType(kind: TemplateKind): boolean {
  return kind === "ks1";
}

/** The version signed now of each kind, in display order; kinds with no version are left out. */
export function currentVersions(list: readonly TemplateSummary[]): TemplateSummary[] {
  return TEMPLATE_KINDS.flatMap((kind) => {
    const mine = list.filter((t) => t.kind === kind);
    const current = mine.find((t) => t.current) ?? [...mine].sort((a, b) => b.version - a.version)[0];
    return current === undefined ? [] : [current];
  });
}

const LONDON_DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The date in the UK at `when`, as YYYY-MM-DD (built from parts: locales order them differently). */
export function londonIsoDate(when: Date): string {
  const parts = LONDON_DAY.formatToParts(when);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** An RFC 3339 time → its date in the UK, as YYYY-MM-DD; anything else is returned as it is. */
export function instantToIsoDate(rfc3339: string): string {
  const when = new Date(rfc3339);
  return Number.isNaN(when.getTime()) ? rfc3339 : londonIsoDate(when);
}

function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m === null ? null : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export type ReviewState = "overdue" | "soon" | "later";

/** Whether a review date has passed, falls within 30 days of `today`, or is further off. */
export function reviewState(due: string, today: string): ReviewState {
  const d = dayNumber(due);
  const t = dayNumber(today);
  if (d === null || t === null) return "later";
  if (d < t) return "overdue";
  return d - t <= 30 ? "soon" : "later";
}

/** Words for a review date's state, or null when nothing needs saying. */
export function reviewNote(state: ReviewState): string | null {
  if (state === "overdue") return "Overdue";
  return state === "soon" ? "Due soon" : null;
}

export function changeLabel(material: boolean): string {
  return material ? "Material" : "Minor";
}

export function peopleToSignAgain(count: number): string {
  if (count === 0) return "No one has signed this agreement yet, so no one will need to sign again.";
  return count === 1 ? "1 person will need to sign again." : `${count} people will need to sign again.`;
}

export type DiffChange = "added" | "removed" | "same";

/** The core words each line "same", "added" or "removed"; anything else is treated as unchanged. */
export function diffChange(line: DiffLine): DiffChange {
  return line.change === "added" || line.change === "removed" ? line.change : "same";
}

export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    const change = diffChange(line);
    if (change === "added") added += 1;
    else if (change === "removed") removed += 1;
  }
  return { added, removed };
}

export function diffSummary(lines: readonly DiffLine[]): string {
  const { added, removed } = diffCounts(lines);
  if (added === 0 && removed === 0) return "The two versions read the same.";
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return `${plural(added, "line")} added, ${plural(removed, "line")} removed.`;
}

/**
 * A template the core refused, in plain words. The core gives the reason as a
 * predicate ("templates cannot contain HTML; …"); it reads well as a sentence of its own.
 */
export function describeTemplateError(e: unknown): string {
  if (isApiError(e) && e.kind === "invalid_input" && e.reason.trim() !== "") {
    const reason = e.reason.trim();
    const first = reason.charAt(0);
    const predicate = first !== first.toUpperCase();
    if (!predicate) return sentence(reason);
    return `This text cannot be published yet: ${/[.!?]$/.test(reason) ? reason : `${reason}.`}`;
  }
  return describeError(e);
}

/** The reason a minor change needs, or null when it has one (a material change needs none). */
export function minorReasonProblem(material: boolean, summary: string): string | null {
  return !material && summary.trim() === ""
    ? "Say why this change is minor, for example “spelling corrected in the second rule”."
    : null;
}

/**
 * Why a previewed text cannot be published as this agreement: its front matter
 * names another kind. Null when it names this one.
 */
export function kindMismatch(kind: TemplateKind, named: TemplateKind): string | null {
  return named === kind
    ? null
    : `The front matter says “kind: ${named}”, but this is the ${templateKindLabel(kind)} agreement. Change it back to “kind: ${kind}”.`;
}

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
});

/** The line after a draft is saved at `when`, while people sign `version`. */
export function draftSaved(when: Date, version: number): string {
  return `Draft saved at ${LONDON_TIME.format(when)}. It is not published: people still sign version ${version}.`;
}
