import { describe, expect, it } from "vitest";
import type { PersonDetail } from "./bindings";
import {
  emptyValues,
  fieldLabelFor,
  firstProblemField,
  problemsByField,
  toPersonInput,
  valuesFromDetail,
  visibleFields,
} from "./personForm";

const pupil: PersonDetail = {
  summary: {
    id: "p1",
    kind: "pupil",
    given_name: "芳",
    family_name: "王",
    preferred_given_name: "Fang",
    preferred_family_name: "Wang",
    year_group: "Reception",
    class: "Acorns",
    upn: "F999200124006",
    key_stage: "eyfs",
    role: null,
    left: false,
  },
  middle_names: null,
  date_of_birth: "2021-02-08",
  gender: "F",
  mis_id: "5006",
  admission_date: "2025-09-03",
  leaving_date: "2027-07-20",
  email: null,
  mobile: null,
  start_date: null,
  end_date: null,
  contacts: [],
  pupils: [],
};

describe("visibleFields", () => {
  it("shows each kind only the fields it has", () => {
    expect(visibleFields("pupil")).toEqual([
      "given_name",
      "family_name",
      "preferred_given_name",
      "preferred_family_name",
      "middle_names",
      "date_of_birth",
      "gender",
      "upn",
      "mis_id",
      "year_group",
      "class",
      "admission_date",
    ]);
    expect(visibleFields("parent")).toEqual([
      "given_name",
      "family_name",
      "preferred_given_name",
      "preferred_family_name",
      "email",
      "mobile",
    ]);
    for (const kind of ["staff", "volunteer", "governor", "visitor"] as const) {
      expect(visibleFields(kind)).toEqual(expect.arrayContaining(["role", "email", "mobile", "start_date", "end_date"]));
      expect(visibleFields(kind)).not.toContain("upn");
    }
  });

  it("names a visitor's dates as the days of the visit", () => {
    expect(fieldLabelFor("visitor", "start_date")).toBe("First day of the visit");
    expect(fieldLabelFor("staff", "start_date")).toBe("Start date");
    expect(fieldLabelFor("parent", "leaving_date")).toBe("Leaving date");
  });
});

describe("valuesFromDetail", () => {
  it("fills the form with UK-typed dates and the year group code", () => {
    const v = valuesFromDetail(pupil);
    expect(v.date_of_birth).toBe("08/02/2021");
    expect(v.year_group).toBe("R");
    expect(v.preferred_given_name).toBe("Fang");
    expect(v.email).toBe("");
  });
});

describe("toPersonInput", () => {
  it("sends blanks as null and trims what was typed", () => {
    const values = { ...emptyValues(), given_name: "  Ada ", family_name: "Lovelace", start_date: " 01/05/2026 " };
    const input = toPersonInput("visitor", values, "add");
    expect(input.kind).toBe("visitor");
    expect(input.given_name).toBe("Ada");
    expect(input.start_date).toBe("01/05/2026");
    expect(input.email).toBeNull();
    expect(input.upn).toBeNull();
  });

  it("drops fields another kind had when adding", () => {
    const values = { ...emptyValues(), given_name: "A", family_name: "B", upn: "N999200122001", role: "Caretaker" };
    const input = toPersonInput("staff", values, "add");
    expect(input.upn).toBeNull();
    expect(input.role).toBe("Caretaker");
  });

  it("keeps fields the form does not show when editing", () => {
    const values = { ...valuesFromDetail(pupil), preferred_given_name: "Fangfang" };
    const input = toPersonInput("pupil", values, "edit");
    expect(input.leaving_date).toBe("20/07/2027");
    expect(input.preferred_given_name).toBe("Fangfang");
    expect(input.class).toBe("Acorns");
    expect(input.year_group).toBe("R");
  });
});

describe("firstProblemField", () => {
  it("picks the first problem in form order", () => {
    expect(firstProblemField("pupil", ["upn", "date_of_birth", "given_name"])).toBe("given_name");
    expect(firstProblemField("visitor", ["end_date", "start_date"])).toBe("start_date");
    expect(firstProblemField("parent", ["kind"])).toBeNull();
  });
});

describe("problemsByField", () => {
  it("gives each field one message, its reasons as sentences in turn", () => {
    expect(
      problemsByField([
        { field: "upn", reason: "must be 13 characters" },
        { field: "date_of_birth", reason: "" },
        { field: "upn", reason: "is also Zoë O'Brien's." },
      ]),
    ).toEqual({
      upn: "Must be 13 characters. Is also Zoë O'Brien's.",
      date_of_birth: "Please check this.",
    });
  });
});
