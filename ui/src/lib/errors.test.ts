import { describe, expect, it } from "vitest";
import type { ApiError, IoProblem } from "./bindings";
import {
  GENERIC_ERROR,
  describeError,
  describeIoProblem,
  errorField,
  formProblems,
  isApiError,
  sentence,
} from "./errors";

const PATH = "C:\\Users\\office\\AppData\\Local\\Assent\\assent.db";
const CSV = "C:\\Users\\office\\Downloads\\pupils.csv";
const FOLDER = "C:\\Users\\office\\Documents\\Assent\\new folder";
const REPORT = "C:\\Users\\office\\Documents\\Assent\\consent-register.pdf";

describe("describeError", () => {
  const cases: Array<[ApiError, string[]]> = [
    [{ kind: "no_database", path: PATH }, ["no Assent database", PATH]],
    [{ kind: "already_exists", path: PATH }, ["already a database", PATH, "has not changed"]],
    [
      { kind: "not_assent_database", path: PATH },
      [
        `The file at ${PATH} is not an Assent database. Nothing in it has been changed. Choose another file or restore a backup.`,
      ],
    ],
    [{ kind: "newer_schema", path: PATH, found: 7, supported: 3 }, ["newer version", "format 7", "format 3", PATH]],
    [
      { kind: "server_text_settings", database: "brookside", found: "encoding UTF8, collation en_GB.UTF-8, character classes en_GB.UTF-8" },
      ["brookside", "collation en_GB.UTF-8", "Nothing has been changed", "C collation"],
    ],
    [{ kind: "not_empty", path: PATH }, [PATH, "Nothing has been changed"]],
    [{ kind: "kiosk_locked" }, ["handed over for signing only", "leave kiosk mode"]],
    [
      { kind: "choices_unanswered", child_id: "p1", child: "Amara Okafor", purpose: "press", purpose_name: "Local press", unanswered: 1 },
      ['The agreement has not been saved: "Local press" has no answer for Amara Okafor. Answer yes or no'],
    ],
    [
      { kind: "choices_unanswered", child_id: "p1", child: "Amara Okafor", purpose: "press", purpose_name: "Local press", unanswered: 3 },
      ["for Amara Okafor, and 2 more questions have no answer", "then sign"],
    ],
    [{ kind: "kiosk_wrong_pin", failures: 1 }, ["not right. Please try again."]],
    [{ kind: "kiosk_wrong_pin", failures: 3 }, ["3 wrong tries", "slower"]],
    [
      { kind: "file_rejected", path: CSV, reason: "the file is empty" },
      [`Assent could not import ${CSV}: the file is empty. Nothing has been changed.`],
    ],
    [
      {
        kind: "file_rejected",
        path: CSV,
        reason:
          "this is not a CSV file (it looks like an Excel XLSX spreadsheet or another zipped file); save it from the MIS as CSV",
      },
      [CSV, "XLSX", "save it from the MIS as CSV. Nothing has been changed."],
    ],
    [
      {
        kind: "import_rejected",
        path: CSV,
        problems: [
          { line: 4, column: "DOB", value: "31/02/2019", reason: "there is no 31 February 2019" },
          { line: 9, column: "UPN", value: "A999", reason: "a UPN has 13 characters" },
        ],
      },
      [CSV, "2 problems", "Nothing has been changed", "line 4: there is no 31 February 2019"],
    ],
    [
      { kind: "leavers_not_confirmed", leavers: 40, roll: 210, confirmed: null },
      ["40 of the 210 pupils", "not confirmed. Nothing has been changed", "type their number"],
    ],
    [{ kind: "leavers_not_confirmed", leavers: 40, roll: 210, confirmed: 39 }, ["the number typed was 39"]],
    [
      { kind: "domains_missing", groups: ["pupils", "visitors"] },
      ["email domain for pupils and visitors", "Nothing has been exported", "Set it in Account settings"],
    ],
    [
      { kind: "export_not_provisioned", export_id: "e1", outcome: null },
      ["not marked as provisioned", "waiting to be marked already", "Nothing has been changed"],
    ],
    [{ kind: "export_not_provisioned", export_id: "e1", outcome: "cancelled" }, ["This export was cancelled"]],
    [
      { kind: "later_export", export_id: "e1", later: "e2", later_at: "2 December 2026, 09:14" },
      ["can no longer be undone", "2 December 2026, 09:14", "Nothing has been changed"],
    ],
    [{ kind: "io", path: REPORT, problem: "in_use" }, [REPORT, "open in another program", "Close it there"]],
    [{ kind: "io", path: FOLDER, problem: "folder_missing" }, [`The folder ${FOLDER} does not exist`, "not connected"]],
    [{ kind: "io", path: REPORT, problem: "not_found" }, [`could not find ${REPORT}`]],
    [{ kind: "io", path: FOLDER, problem: "not_allowed" }, [FOLDER, "not allowed", "IT technician"]],
    [{ kind: "io", path: REPORT, problem: "already_exists" }, [REPORT, "already exists"]],
    [{ kind: "io", path: REPORT, problem: "disk_full" }, [REPORT, "not enough space"]],
    [{ kind: "io", path: REPORT, problem: "read_only" }, [REPORT, "cannot be written to"]],
    [{ kind: "io", path: FOLDER, problem: "is_folder" }, [`${FOLDER} is a folder`, "file name inside it"]],
    [{ kind: "io", path: CSV, problem: "not_a_folder" }, [`${CSV} is a file, not a folder`]],
    [{ kind: "io", path: REPORT, problem: "bad_name" }, [REPORT, "cannot be used as a file name"]],
    [{ kind: "io", path: REPORT, problem: "other" }, [`could not use ${REPORT}`, "IT technician"]],
    [
      { kind: "database_in_use", path: PATH },
      [PATH, "open in another program", "another user", "Nothing has been changed."],
    ],
    [{ kind: "program_damaged", part: "the built-in font DejaVu Sans" }, ["DejaVu Sans", "reinstall"]],
    [
      { kind: "invalid_fields", problems: [{ field: "date_of_birth", reason: "there is no 31 February 2019" }] },
      ["Date of birth: there is no 31 February 2019.", "Nothing has been saved."],
    ],
    [
      {
        kind: "invalid_fields",
        problems: [
          { field: "upn", reason: "a UPN has 13 characters (a letter then 12 digits), but this has 4" },
          { field: "given_name", reason: "this name is needed" },
        ],
      },
      ["2 details need checking", "UPN: a UPN has 13 characters", "Legal forename: this name is needed."],
    ],
    [{ kind: "invalid_fields", problems: [] }, ["Some details need checking"]],
    [{ kind: "database", message: "disk I/O error" }, ["disk I/O error", "try again"]],
    [{ kind: "not_signed_in" }, ["not signed in", "sign in again"]],
    [{ kind: "sign_in_failed" }, ["The username or password is not right."]],
    [
      { kind: "forbidden", action: "change school settings", role: "Teacher" },
      ["Your role (Teacher) does not allow you to change school settings."],
    ],
    [
      { kind: "keys_missing", path: `${PATH}.keys` },
      ["key file is missing", `${PATH}.keys`, "Nothing has been changed", "restore the latest backup"],
    ],
    [
      { kind: "keys_damaged", path: `${PATH}.keys` },
      ["key file", `${PATH}.keys`, "damaged or belongs to another database", "restore the latest backup"],
    ],
    [{ kind: "damaged", path: PATH }, [PATH, "cannot be opened with the key file", "has been changed", "restore the latest backup"]],
  ];

  it.each(cases)("describes %o in plain words", (error, fragments) => {
    const text = describeError(error);
    for (const fragment of fragments) expect(text).toContain(fragment);
    expect(text).not.toContain("{");
    expect(text).not.toContain("os error");
    expect(text).not.toContain("undefined");
    expect(text).toMatch(/\.$/);
  });

  it("puts the field in front of a predicate reason", () => {
    expect(describeError({ kind: "invalid_input", field: "name", reason: "must not be empty" })).toBe(
      "School name must not be empty.",
    );
  });

  it("keeps a reason that is already a sentence", () => {
    expect(
      describeError({ kind: "invalid_input", field: "name", reason: "The name is too long (at most 200 characters)." }),
    ).toBe("The name is too long (at most 200 characters).");
  });

  it("names an unknown field in words and copes with an empty reason", () => {
    expect(describeError({ kind: "invalid_input", field: "year_group", reason: "" })).toBe(
      "Please check the year group.",
    );
  });

  it.each([
    undefined,
    null,
    "command launch_state not found",
    42,
    new Error("boom"),
    { kind: "something_new", path: PATH },
    { kind: "io", path: PATH },
    { kind: "io", path: PATH, message: "Sharing violation. (os error 32)" },
    { kind: "io", path: PATH, problem: "sharing_violation" },
    { kind: "io", path: PATH, problem: 32 },
    { kind: "database_in_use" },
    { kind: "program_damaged", part: 1 },
    { kind: "file_rejected", path: PATH },
    { kind: "newer_schema", path: PATH, found: "7", supported: 3 },
    { kind: "invalid_fields", problems: "upn" },
    { kind: "forbidden", action: "publish agreement templates" },
    { kind: "keys_missing" },
    { kind: "damaged", path: 3 },
  ])("gives a generic sentence for %o", (value) => {
    expect(describeError(value)).toBe(GENERIC_ERROR);
  });
});

describe("describeIoProblem", () => {
  // Keyed by every IoProblem, so a new Rust variant needs a case here too.
  const everyProblem: { [K in IoProblem]: null } = {
    not_found: null,
    folder_missing: null,
    not_allowed: null,
    in_use: null,
    already_exists: null,
    disk_full: null,
    read_only: null,
    is_folder: null,
    not_a_folder: null,
    bad_name: null,
    other: null,
  };

  it.each(Object.keys(everyProblem) as IoProblem[])("words %s as sentences naming the path", (problem) => {
    const text = describeIoProblem(REPORT, problem);
    expect(text).toContain(REPORT);
    expect(text).not.toMatch(/os error|errno|\(\d+\)/i);
    expect(text).toMatch(/^[A-Z]/);
    expect(text).toMatch(/\.$/);
    expect(isApiError({ kind: "io", path: REPORT, problem })).toBe(true);
  });

  it("gives each problem its own words", () => {
    const texts = (Object.keys(everyProblem) as IoProblem[]).map((p) => describeIoProblem(REPORT, p));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe("isApiError", () => {
  it("accepts every well-formed variant and rejects malformed ones", () => {
    expect(isApiError({ kind: "database", message: "x" })).toBe(true);
    expect(isApiError({ kind: "database" })).toBe(false);
    expect(isApiError({ kind: "toString", message: "x" })).toBe(false);
    expect(isApiError({ kind: "not_signed_in" })).toBe(true);
    expect(isApiError({ kind: "sign_in_failed" })).toBe(true);
    expect(isApiError({ kind: "forbidden", action: "take backups", role: "Teacher" })).toBe(true);
    expect(isApiError({ kind: "keys_damaged", path: PATH })).toBe(true);
  });

  it("never says which of the username or password was wrong", () => {
    const text = describeError({ kind: "sign_in_failed" });
    expect(text).not.toMatch(/no user|unknown user|wrong password/i);
  });

  it("does not end a refusal with two full stops", () => {
    expect(describeError({ kind: "forbidden", action: "take backups.", role: "IT technician" })).toBe(
      "Your role (IT technician) does not allow you to take backups. If you need to, ask your headteacher.",
    );
  });

  it("names the password and username fields in words", () => {
    expect(describeError({ kind: "invalid_input", field: "password", reason: "Use at least 10 characters." })).toBe(
      "Use at least 10 characters.",
    );
    expect(describeError({ kind: "invalid_input", field: "username", reason: "must not be empty" })).toBe(
      "Username must not be empty.",
    );
  });
});

describe("errorField", () => {
  it("returns the field only for invalid input", () => {
    expect(errorField({ kind: "invalid_input", field: "name", reason: "must not be empty" })).toBe("name");
    expect(errorField({ kind: "database", message: "x" })).toBeNull();
    expect(errorField("nonsense")).toBeNull();
  });
});

describe("formProblems", () => {
  it("passes field problems through and keeps only well-formed ones", () => {
    const problems = [{ field: "end_date", reason: "the end date is before the start date" }];
    expect(formProblems({ kind: "invalid_fields", problems })).toEqual(problems);
    expect(formProblems({ kind: "invalid_fields", problems: [...problems, { field: 3 }, null] })).toEqual(problems);
  });

  it("turns a single invalid input into a problem on the matching form field", () => {
    expect(formProblems({ kind: "invalid_input", field: "given name", reason: "must not be empty" })).toEqual([
      { field: "given_name", reason: "must not be empty" },
    ]);
  });

  it("is null for errors that are not about the form", () => {
    expect(formProblems({ kind: "database", message: "locked" })).toBeNull();
    expect(formProblems(new Error("x"))).toBeNull();
  });
});

describe("sentence", () => {
  it("capitalises and ends with a full stop", () => {
    expect(sentence("there is no 31 February 2019")).toBe("There is no 31 February 2019.");
    expect(sentence("Already done!")).toBe("Already done!");
  });
});
