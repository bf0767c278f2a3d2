import { describe, expect, it } from "vitest";
import type { AccountRow } from "./bindings";
import { describeExport, formatLabel, matches, placeOf, slipsText, tabCounts, tabOf, type ExportDone } from "./accounts";

function row(over: Partial<AccountRow>): AccountRow {
  return {
    person_id: "p1",
    name: "Zoë Łukasiewicz",
    first_name: "Zoë",
    last_name: "Łukasiewicz",
    kind: "pupil",
    group: "pupils",
    class: "Oak",
    year_group: "Year 5",
    role: null,
    agreement_kind: "ks2",
    status: "ready",
    blockers: [],
    reasons: [],
    username: "zoel26",
    username_edited: false,
    email: "zoel26@pupils.example.sch.uk",
    provisioned_at: null,
    provisioned_by: null,
    suspended_at: null,
    pending_export: null,
    expires: null,
    notes: [],
    ...over,
  } as AccountRow;
}

describe("tabOf", () => {
  it("lists suspended accounts with the provisioned ones", () => {
    expect(tabOf("suspended")).toBe("provisioned");
    expect(tabOf("to_suspend")).toBe("to_suspend");
    expect(tabOf("blocked")).toBe("blocked");
  });
});

describe("tabCounts", () => {
  it("counts each tab", () => {
    const rows = [row({}), row({ status: "blocked" }), row({ status: "suspended" }), row({ status: "provisioned" })];
    expect(tabCounts(rows)).toEqual({ ready: 1, blocked: 1, to_suspend: 0, provisioned: 2 });
  });
});

describe("matches", () => {
  it("filters by class or group and searches names and usernames in any case", () => {
    const zoe = row({});
    expect(matches(zoe, "", "")).toBe(true);
    expect(matches(zoe, "", "Oak")).toBe(true);
    expect(matches(zoe, "", "Beech")).toBe(false);
    expect(matches(zoe, "", "pupils")).toBe(true);
    expect(matches(zoe, "łuka", "")).toBe(true);
    expect(matches(zoe, "ZOEL", "")).toBe(true);
    expect(matches(zoe, "smith", "")).toBe(false);
  });
});

describe("placeOf", () => {
  it("gives a pupil's class and an adult's role", () => {
    expect(placeOf(row({}))).toBe("Oak (pupils)");
    expect(placeOf(row({ class: null, role: "Teacher", group: "staff" }))).toBe("Teacher (staff)");
    expect(placeOf(row({ class: null, role: null, group: "governors" }))).toBe("Governors");
  });
});

describe("describeExport", () => {
  it("says what the file holds", () => {
    const done: ExportDone = {
      export_id: "e1",
      format: "google",
      everything: false,
      rows: 4,
      created: 3,
      suspended: 1,
      reactivated: 0,
      unchanged: 0,
      file: "/tmp/a.csv",
      slips_file: null,
      slips: null,
      left_out: [],
    };
    expect(describeExport(done)).toBe("3 new accounts, 1 to suspend");
    expect(describeExport({ ...done, created: 1, suspended: 0 })).toBe("1 new account");
  });
});

describe("formatLabel and slipsText", () => {
  it("names a format as the export list shows it", () => {
    expect(formatLabel("google")).toBe("Google Workspace");
    expect(formatLabel("entra")).toBe("Microsoft Entra");
    expect(formatLabel("csv")).toBe("Plain CSV");
  });

  it("counts login slips in words", () => {
    expect(slipsText(1)).toBe("1 login slip");
    expect(slipsText(0)).toBe("0 login slips");
    expect(slipsText(30)).toBe("30 login slips");
  });
});
