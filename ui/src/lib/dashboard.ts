// The dashboard's table of agreement statuses per group.
import type { AgreementCount, AgreementStatus, PersonKind } from "./bindings";
import { PERSON_KINDS } from "./people";

/** The statuses as columns, in the order a head reads them: done first, then what needs doing. */
export const STATUS_COLUMNS: readonly AgreementStatus[] = [
  "signed",
  "awaiting_parent",
  "needs_resigning",
  "expired",
  "withdrawn",
  "not_signed",
];

export type AgreementRow = { kind: PersonKind; counts: Record<AgreementStatus, number>; total: number };

/** One row per group that has anyone, with a count (zero included) for every status. */
export function agreementTable(counts: readonly AgreementCount[]): AgreementRow[] {
  return PERSON_KINDS.flatMap((kind) => {
    const mine = counts.filter((c) => c.kind === kind);
    if (mine.length === 0) return [];
    const row = Object.fromEntries(STATUS_COLUMNS.map((s) => [s, 0])) as Record<AgreementStatus, number>;
    for (const c of mine) row[c.status] += c.count;
    return [{ kind, counts: row, total: mine.reduce((n, c) => n + c.count, 0) }];
  });
}
