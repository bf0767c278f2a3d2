import { describe, expect, it } from "vitest";
import type { ImportInput, MappedColumn } from "./bindings";
import { leaver, previewOf as preview } from "./importFields.fixtures";
import {
  IMPORT_KINDS,
  chooseColumn,
  confirmedLeavers,
  countOf,
  fileBytes,
  importFields,
  importKindHint,
  importKindRows,
  needsColumns,
  sameImportInput,
  whyNotImport,
} from "./importFields";

const columns: MappedColumn[] = [
  { header: "Forename", field: "Legal Forename", chosen: false },
  { header: "Known As", field: "Preferred Forename", chosen: false },
  { header: "Surname", field: "Legal Surname", chosen: false },
  { header: "NC Yr", field: null, chosen: false },
];

describe("importFields", () => {
  it("has the canonical headers of each CSV kind and none for a CTF", () => {
    expect(importFields("pupils").map((f) => f.header)).toContain("Reg Group");
    expect(importFields("pupils").filter((f) => f.required).map((f) => f.header)).toEqual([
      "Legal Forename",
      "Legal Surname",
      "Year Group",
    ]);
    expect(importFields("contacts").filter((f) => f.required)).toHaveLength(4);
    expect(importFields("staff")[0]).toEqual({ header: "Kind", required: true });
    expect(importFields("ctf")).toEqual([]);
    expect(IMPORT_KINDS.map((k) => k.kind)).toEqual(["pupils", "contacts", "staff", "ctf"]);
  });

  it("words every kind", () => {
    for (const { kind } of IMPORT_KINDS) {
      expect(importKindRows(kind)).not.toBe("");
      expect(importKindHint(kind)).toMatch(/\.$/);
    }
    expect(importKindRows("contacts")).toBe("parents and carers");
  });
});

describe("chooseColumn", () => {
  it("records a choice for an unmapped column", () => {
    expect(chooseColumn(columns, [], "NC Yr", "Year Group")).toEqual([{ header: "NC Yr", field: "Year Group" }]);
  });

  it("leaves out another column that held the same field", () => {
    expect(chooseColumn(columns, [], "Known As", "Legal Forename")).toEqual([
      { header: "Forename", field: null },
      { header: "Known As", field: "Legal Forename" },
    ]);
  });

  it("respects earlier choices when looking for the same field, and keeps the file's order", () => {
    const earlier = [{ header: "NC Yr", field: "Legal Surname" }];
    const next = chooseColumn(columns, earlier, "Surname", "Legal Surname");
    expect(next).toEqual([
      { header: "Surname", field: "Legal Surname" },
      { header: "NC Yr", field: null },
    ]);
  });

  it("can leave a column out", () => {
    expect(chooseColumn(columns, [], "Known As", null)).toEqual([{ header: "Known As", field: null }]);
  });
});

describe("confirmedLeavers", () => {
  const many = preview({
    leaving: [leaver("Ada Quill"), leaver("Bo Reyes"), leaver("Cai Lund")],
    roll: 20,
    leavers_need_confirmation: true,
  });

  it("takes the number only when it matches the leavers", () => {
    expect(confirmedLeavers(many, "3")).toBe(3);
    expect(confirmedLeavers(many, " 3 ")).toBe(3);
    expect(confirmedLeavers(many, "")).toBeNull();
    expect(confirmedLeavers(many, "2")).toBeNull();
    expect(confirmedLeavers(many, "three")).toBeNull();
  });

  it("asks for nothing when the preview does not need it", () => {
    expect(confirmedLeavers({ ...many, leavers_need_confirmation: false }, "3")).toBeNull();
  });
});

describe("whyNotImport", () => {
  it("allows a clean file that changes something", () => {
    expect(whyNotImport(preview())).toBeNull();
  });

  it("says why a file with problems cannot be imported", () => {
    const problems = [
      { line: 3, column: "DOB", value: "31/02/2019", reason: "there is no 31 February 2019" },
      { line: 4, column: "UPN", value: "", reason: "blank" },
    ];
    expect(whyNotImport(preview({ problems }))).toContain("while it has 2 problems");
    expect(whyNotImport(preview({ problems: problems.slice(0, 1) }))).toContain("while it has a problem");
  });

  it("says when there is nothing to import", () => {
    expect(whyNotImport(preview({ added: [], unchanged: 7 }))).toContain("nothing to import");
  });
});

describe("fileBytes", () => {
  it("reads a file into plain numbers", async () => {
    const bytes = await fileBytes(new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x41])]));
    expect(bytes).toEqual([0xef, 0xbb, 0xbf, 0x41]);
  });
});

describe("needsColumns", () => {
  const map = { columns, missing: [], ambiguous: [] };

  it("skips the columns step when every column is recognised and used", () => {
    expect(needsColumns(preview())).toBe(false);
    expect(needsColumns(preview({ columns: map }))).toBe(false);
  });

  it("stops there when a field is missing or unclear, or a column is unused", () => {
    expect(needsColumns(preview({ columns: { ...map, missing: ["Year Group"] } }))).toBe(true);
    expect(needsColumns(preview({ columns: { ...map, ambiguous: ["Forename or Known As"] } }))).toBe(true);
    expect(needsColumns(preview({ columns: map, unmapped_columns: ["Notes"] }))).toBe(true);
  });
});

describe("sameImportInput", () => {
  const bytes = [0x41, 0x42];
  const input = (overrides: Partial<ImportInput> = {}): ImportInput => ({
    kind: "pupils",
    file_name: "pupils.csv",
    bytes,
    encoding: null,
    choices: [{ header: "NC Yr", field: "Year Group" }],
    full_roll: false,
    leaving_date: null,
    confirmed_leavers: null,
    ...overrides,
  });

  it("counts equal choices made afresh as the same request", () => {
    expect(sameImportInput(input(), input({ choices: [{ header: "NC Yr", field: "Year Group" }] }))).toBe(true);
    expect(sameImportInput(null, null)).toBe(true);
  });

  it("tells apart a change of file, kind, roll or column", () => {
    expect(sameImportInput(input(), input({ bytes: [0x41, 0x42] }))).toBe(false);
    expect(sameImportInput(input(), input({ kind: "contacts" }))).toBe(false);
    expect(sameImportInput(input(), input({ full_roll: true }))).toBe(false);
    expect(sameImportInput(input(), input({ choices: [{ header: "NC Yr", field: null }] }))).toBe(false);
    expect(sameImportInput(input(), input({ choices: [] }))).toBe(false);
    expect(sameImportInput(input(), null)).toBe(false);
  });
});

describe("countOf", () => {
  it("words one and many", () => {
    expect(countOf(1, "pupil", "pupils")).toBe("1 pupil");
    expect(countOf(0, "pupil", "pupils")).toBe("0 pupils");
    expect(countOf(5, "pupil is", "pupils are")).toBe("5 pupils are");
  });
});
