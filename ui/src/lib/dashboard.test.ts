import { describe, expect, it } from "vitest";
import { STATUS_COLUMNS, agreementTable } from "./dashboard";

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
