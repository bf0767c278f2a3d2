import { describe, expect, it } from "vitest";
import type { AccountRow } from "./bindings";
import {
  fieldLabel,
  fieldName,
  groupsInWords,
  groupsWithoutDomain,
  inputId,
  previewAddress,
  problemsByField,
} from "./accountSettings";

function row(group: AccountRow["group"], email: string | null): AccountRow {
  return { person_id: `${group}-${email ?? "none"}`, group, email } as AccountRow;
}

describe("account settings", () => {
  it("names each field as the core does, and gives it an input id of its own", () => {
    expect(fieldName("pupils", "org_unit")).toBe("pupils.org_unit");
    expect(inputId("pupils.org_unit")).toBe("account-pupils-org-unit");
    expect(inputId("slips.sign_in_at")).toBe("account-slips-sign-in-at");
    expect(inputId("staff.domain")).not.toBe(inputId("pupils.domain"));
  });

  it("labels each field for the list of problems", () => {
    expect(fieldLabel("staff.domain")).toBe("Staff: email domain");
    expect(fieldLabel("visitors.pattern")).toBe("Visitors: username pattern");
    expect(fieldLabel("governors.org_unit")).toBe("Governors: organisational unit");
    expect(fieldLabel("slips.sign_in_at")).toBe("Login slips: where to sign in");
  });

  it("keeps the first problem said for a field", () => {
    expect(
      problemsByField([
        { field: "pupils.domain", reason: "first" },
        { field: "pupils.domain", reason: "second" },
        { field: "staff.pattern", reason: "other" },
      ]),
    ).toEqual({ "pupils.domain": "first", "staff.pattern": "other" });
  });

  it("finds the groups listed without an address, in the school's order", () => {
    const rows = [
      row("visitors", null),
      row("staff", "a.b@example.sch.uk"),
      row("pupils", null),
      row("pupils", null),
    ];
    expect(groupsWithoutDomain(rows)).toEqual(["pupils", "visitors"]);
    expect(groupsWithoutDomain([row("staff", "a.b@example.sch.uk")])).toEqual([]);
    expect(groupsWithoutDomain([])).toEqual([]);
  });

  it("lists groups in words", () => {
    expect(groupsInWords(["pupils"])).toBe("pupils");
    expect(groupsInWords(["pupils", "staff"])).toBe("pupils and staff");
    expect(groupsInWords(["pupils", "staff", "visitors"])).toBe("pupils, staff and visitors");
    expect(groupsInWords([])).toBe("");
  });

  it("adds the typed domain to a previewed username once there is one", () => {
    expect(previewAddress("zoe.a21", "")).toBe("zoe.a21");
    expect(previewAddress("zoe.a21", "  Pupils.Example.sch.uk ")).toBe("zoe.a21@pupils.example.sch.uk");
  });
});
