// The dashboard's figures in the shapes its page draws: the table of
// agreement statuses per group, the progress bars and the term's trend.
import type { AgreementCount, AgreementStatus, ConsentProgress, PersonKind, Term, TermName, Trend } from "./bindings";
import { PERSON_KINDS, formatCount } from "./people";

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

// The bars: how far a class or group has got, in figures and in words.

export type Bar = {
  /** Done, out of `total`. */
  done: number;
  total: number;
  /** 0 to 100, whole numbers, for the bar's width. */
  percent: number;
  /** Those still to do, for the link to their list. */
  missing: number;
};

/** A bar for `done` out of `total`; `missing` defaults to what is left. */
export function bar(done: number, total: number, missing: number = total - done): Bar {
  const percent = total === 0 ? 0 : Math.round((100 * done) / total);
  return { done, total, percent, missing: Math.max(0, missing) };
}

/** The consent bar counts only pupils the school may ask: a pupil under a safeguarding hold is never chased. */
export function consentBar(c: ConsentProgress): Bar {
  return bar(c.answered, c.answered + c.missing, c.missing);
}

/** "12 of 30 signed (40%)": what the bar shows, in words. */
export function barText(b: Bar, done: string): string {
  return `${formatCount(b.done)} of ${formatCount(b.total)} ${done} (${b.percent}%)`;
}

// The trend: agreements current through the term, one line per group.

export type TrendSeries = {
  kind: PersonKind;
  /** One value per point (null where the group had nobody on roll): percent current. */
  values: (number | null)[];
  /** The SVG path through the values, in the chart's coordinates. */
  path: string;
  /** Each point drawn: x, y and its value. */
  dots: { x: number; y: number; percent: number; day: string }[];
};

export const CHART = { width: 640, height: 220, left: 44, right: 16, top: 12, bottom: 30 } as const;

const DAY = 24 * 60 * 60 * 1000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Where each point's day falls across the chart, from the term's first day to its last. */
export function xFor(day: string, starts: string, ends: string): number {
  const span = Math.max(1, dayNumber(ends) - dayNumber(starts));
  const share = Math.min(1, Math.max(0, (dayNumber(day) - dayNumber(starts)) / span));
  return CHART.left + share * (CHART.width - CHART.left - CHART.right);
}

/** Where a percentage sits up the chart. */
export function yFor(percent: number): number {
  return CHART.top + (1 - percent / 100) * (CHART.height - CHART.top - CHART.bottom);
}

/** One line per group that has anyone on roll at some point, pupils first. */
export function trendSeries(trend: Trend): TrendSeries[] {
  return PERSON_KINDS.flatMap((kind) => {
    const values = trend.points.map((p) => {
      const c = p.counts.find((x) => x.kind === kind);
      return c === undefined || c.on_roll === 0 ? null : Math.round((100 * c.current) / c.on_roll);
    });
    if (values.every((v) => v === null)) return [];
    const dots = trend.points.flatMap((p, i) => {
      const v = values[i];
      if (v === null || v === undefined) return [];
      return [{ x: xFor(p.day, trend.term.starts, trend.term.ends), y: yFor(v), percent: v, day: p.day }];
    });
    const path = dots.map((d, i) => `${i === 0 ? "M" : "L"}${d.x.toFixed(1)},${d.y.toFixed(1)}`).join(" ");
    return [{ kind, values, path, dots }];
  });
}

/** "Pupils: 0% on 1 September, 40% on 2 December." — what a line shows, for a screen reader. */
export function seriesSummary(s: TrendSeries, label: string, formatDay: (iso: string) => string): string {
  const first = s.dots[0];
  const last = s.dots[s.dots.length - 1];
  if (first === undefined || last === undefined) return `${label}: nobody on roll.`;
  if (first === last) return `${label}: ${last.percent}% on ${formatDay(last.day)}.`;
  return `${label}: ${first.percent}% on ${formatDay(first.day)}, ${last.percent}% on ${formatDay(last.day)}.`;
}

const TERM_NAMES: Record<TermName, string> = { autumn: "Autumn", spring: "Spring", summer: "Summer" };

/** "Autumn term 2026" (by the calendar year the term falls in). */
export function termLabel(term: Term): string {
  return `${TERM_NAMES[term.name]} term ${term.starts.slice(0, 4)}`;
}
