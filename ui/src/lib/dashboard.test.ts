import { describe, expect, it } from "vitest";
import type { Trend } from "./bindings";
import {
  CHART,
  STATUS_COLUMNS,
  agreementTable,
  bar,
  barText,
  consentBar,
  seriesSummary,
  termLabel,
  trendSeries,
  xFor,
  yFor,
} from "./dashboard";
import { formatDate } from "./dates";

describe("agreementTable", () => {
  it("makes one row per group with every status counted, zeros included", () => {
    const rows = agreementTable([
      { kind: "staff", status: "signed", count: 20 },
      { kind: "pupil", status: "not_signed", count: 150 },
      { kind: "pupil", status: "signed", count: 60 },
      { kind: "staff", status: "expired", count: 2 },
    ]);
    expect(rows.map((r) => r.kind)).toEqual(["pupil", "staff"]);
    expect(rows[0]?.counts).toEqual({
      signed: 60,
      awaiting_parent: 0,
      needs_resigning: 0,
      expired: 0,
      withdrawn: 0,
      not_signed: 150,
    });
    expect(rows[0]?.total).toBe(210);
    expect(rows[1]?.counts.expired).toBe(2);
    expect(Object.keys(rows[1]?.counts ?? {})).toEqual([...STATUS_COLUMNS]);
  });

  it("has no rows when nobody has an agreement to sign", () => {
    expect(agreementTable([])).toEqual([]);
  });
});

describe("bars", () => {
  it("give what is left as the missing count and round the width", () => {
    expect(bar(1, 3)).toEqual({ done: 1, total: 3, percent: 33, missing: 2 });
    expect(bar(0, 0)).toEqual({ done: 0, total: 0, percent: 0, missing: 0 });
    expect(barText(bar(12, 30), "signed")).toBe("12 of 30 signed (40%)");
  });

  it("leave pupils under a safeguarding hold out of consent: they are never chased", () => {
    expect(consentBar({ answered: 20, held: 2, missing: 8 })).toEqual({ done: 20, total: 28, percent: 71, missing: 8 });
  });
});

const trend: Trend = {
  term: { name: "autumn", academic_year: 2026, starts: "2026-09-01", ends: "2026-12-31" },
  points: [
    { day: "2026-09-01", counts: [{ kind: "staff", on_roll: 4, current: 0 }] },
    {
      day: "2026-09-08",
      counts: [
        { kind: "pupil", on_roll: 10, current: 5 },
        { kind: "staff", on_roll: 4, current: 2 },
      ],
    },
    {
      day: "2026-12-31",
      counts: [
        { kind: "pupil", on_roll: 10, current: 10 },
        { kind: "staff", on_roll: 4, current: 1 },
      ],
    },
  ],
};

describe("the term's trend", () => {
  it("draws one line per group, pupils first, in percent, skipping days a group had nobody", () => {
    const lines = trendSeries(trend);
    expect(lines.map((l) => l.kind)).toEqual(["pupil", "staff"]);
    expect(lines[0]?.values).toEqual([null, 50, 100]);
    expect(lines[0]?.dots.length).toBe(2);
    expect(lines[1]?.values).toEqual([0, 50, 25]);
    expect(lines[1]?.path.startsWith(`M${CHART.left.toFixed(1)},${yFor(0).toFixed(1)}`)).toBe(true);
  });

  it("places days across the term and percentages up the chart", () => {
    expect(xFor("2026-09-01", "2026-09-01", "2026-12-31")).toBe(CHART.left);
    expect(xFor("2026-12-31", "2026-09-01", "2026-12-31")).toBe(CHART.width - CHART.right);
    expect(yFor(100)).toBe(CHART.top);
    expect(yFor(0)).toBe(CHART.height - CHART.bottom);
  });

  it("says what each line shows, and names the term", () => {
    const [pupils] = trendSeries(trend);
    expect(pupils && seriesSummary(pupils, "Pupils", formatDate)).toBe(
      "Pupils: 50% on 8 September 2026, 100% on 31 December 2026.",
    );
    expect(termLabel(trend.term)).toBe("Autumn term 2026");
    expect(termLabel({ name: "spring", academic_year: 2026, starts: "2027-01-01", ends: "2027-03-28" })).toBe(
      "Spring term 2027",
    );
  });
});
