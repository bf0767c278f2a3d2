import { describe, expect, it } from "vitest";
import type { AuditRow } from "./bindings";
import { confirmed } from "./confirm";
import {
  auditCountMessage,
  auditDetails,
  auditFilterFrom,
  auditWho,
  chainMessage,
  formatBytes,
  manualBackupPath,
  parseUkDate,
  passwordProblem,
  recordCounts,
  ukDateTime,
  usernameProblem,
  wholeNumberIn,
} from "./admin";

describe("passwordProblem", () => {
  it("asks for ten characters and the same password twice", () => {
    expect(passwordProblem("short", "short")).toMatch(/at least 10 characters/);
    expect(passwordProblem("long enough pass", "long enough pas")).toMatch(/not the same/);
    expect(passwordProblem("long enough pass", "long enough pass")).toBeNull();
  });
});

describe("usernameProblem", () => {
  it("accepts what the core accepts", () => {
    expect(usernameProblem("clerk")).toBeNull();
    expect(usernameProblem("j.smith_2-b")).toBeNull();
    expect(usernameProblem("  ")).toMatch(/Enter a username/);
    expect(usernameProblem("j smith")).toMatch(/only letters/);
  });
});

describe("parseUkDate", () => {
  it("reads day/month/year", () => {
    expect(parseUkDate("05/03/2026")).toBe("2026-03-05");
    expect(parseUkDate("5/3/2026")).toBe("2026-03-05");
    expect(parseUkDate(" 29/02/2024 ")).toBe("2024-02-29");
  });
  it("treats empty as no limit and refuses impossible dates", () => {
    expect(parseUkDate("")).toBeNull();
    expect(parseUkDate("29/02/2025")).toBe("invalid");
    expect(parseUkDate("2026-03-05")).toBe("invalid");
    expect(parseUkDate("13/13/2026")).toBe("invalid");
  });
});

describe("wholeNumberIn", () => {
  it("takes a whole number within the bounds, spaces around allowed", () => {
    expect(wholeNumberIn(" 7 ", 1, 50)).toBe(7);
    expect(wholeNumberIn("1", 1, 50)).toBe(1);
    expect(wholeNumberIn("50", 1, 50)).toBe(50);
  });
  it("refuses what is outside them or not a whole number", () => {
    expect(wholeNumberIn("", 1, 50)).toBeNull();
    expect(wholeNumberIn("0", 1, 50)).toBeNull();
    expect(wholeNumberIn("51", 1, 50)).toBeNull();
    expect(wholeNumberIn("2.5", 1, 50)).toBeNull();
    expect(wholeNumberIn("-3", 1, 50)).toBeNull();
    expect(wholeNumberIn("ten", 1, 50)).toBeNull();
  });
});

describe("auditCountMessage", () => {
  it("says how many are shown and when there may be more", () => {
    expect(auditCountMessage(0, 200)).toBe("No entries match.");
    expect(auditCountMessage(1, 200)).toBe("1 entry, newest first.");
    expect(auditCountMessage(12, 200)).toBe("12 entries, newest first.");
    expect(auditCountMessage(200, 200)).toMatch(/^Showing the newest 200 entries\. Narrow the filters/);
  });
});

describe("auditFilterFrom", () => {
  it("turns the boxes into a filter, leaving empty ones out", () => {
    const { filter, problems } = auditFilterFrom(
      { personId: "", user: " head ", from: "01/03/2026", to: "", category: "users" },
      200,
    );
    expect(problems).toEqual({});
    expect(filter).toEqual({
      person_id: null,
      user: "head",
      from: "2026-03-01",
      to: null,
      action: null,
      category: "users",
      limit: 200,
    });
  });
  it("asks for every type when none is chosen", () => {
    expect(auditFilterFrom({ personId: "p1", user: "", from: "", to: "", category: "" }, 10).filter).toMatchObject({
      person_id: "p1",
      category: null,
    });
  });
  it("names the box with a bad date or an end before the start", () => {
    expect(auditFilterFrom({ personId: "", user: "", from: "31/02/2026", to: "", category: "" }, 10).problems.from).toMatch(
      /day\/month\/year/,
    );
    expect(
      auditFilterFrom({ personId: "", user: "", from: "10/03/2026", to: "01/03/2026", category: "" }, 10).problems.to,
    ).toMatch(/before the start/);
  });
});

const ROW: AuditRow = {
  seq: 7n,
  at: "5 March 2026 at 14:30",
  actor: "Helen Okafor (head)",
  actor_name: "Helen Okafor",
  actor_role: "head",
  action: "consent.set",
  category: "consent",
  entity: "person",
  entity_id: "p-1",
  about: { id: "p-1", name: "Amy Ash", kind: "pupil" },
  sentence: "Recorded a photo and video consent decision for Amy Ash.",
  summary: "School website: yes from Ben Ash (paper, 05/03/2026)",
};

describe("auditWho", () => {
  it("names the user and their role in the app's words", () => {
    expect(auditWho(ROW)).toEqual({ name: "Helen Okafor", role: "Headteacher or DSL" });
    expect(auditWho({ actor_name: "Old User", actor_role: null })).toEqual({ name: "Old User", role: null });
  });
});

describe("auditDetails", () => {
  it("keeps the code, the record and the summary behind the disclosure", () => {
    expect(auditDetails(ROW)).toEqual([
      ["Action code", "consent.set"],
      ["Recorded about", "person p-1"],
      ["Person", "Amy Ash (pupil)"],
      ["As recorded", "School website: yes from Ben Ash (paper, 05/03/2026)"],
      ["Recorded by", "Helen Okafor (head)"],
      ["Entry", "7"],
    ]);
  });
  it("says when the person's records were destroyed, and leaves out a summary the sentence already is", () => {
    const details = auditDetails({
      ...ROW,
      about: { id: null, name: null, kind: null },
      action: "settings.school_name",
      entity: "school",
      entity_id: null,
      sentence: "Renamed the school",
      summary: "Renamed the school",
    });
    expect(details).toContainEqual(["Person", "Their records have been destroyed under the retention policy"]);
    expect(details).toContainEqual(["Recorded about", "school"]);
    expect(details.map(([label]) => label)).not.toContain("As recorded");
  });
});

describe("chainMessage", () => {
  it("says intact or names the first broken entry", () => {
    expect(chainMessage({ entries: 12, first_broken: null })).toEqual({
      intact: true,
      text: "The log is intact: all 12 entries were checked and none has been changed, removed or reordered.",
    });
    const broken = chainMessage({
      entries: 12,
      first_broken: { seq: 7n, id: "x", reason: "Its hash does not match its contents." },
    });
    expect(broken.intact).toBe(false);
    expect(broken.text).toContain("Entry 7 of 12 entries does not fit: Its hash does not match its contents.");
  });
});

describe("manualBackupPath", () => {
  const when = new Date(2026, 2, 5, 14, 30);
  it("puts a dated file in the folder with the folder's separator", () => {
    expect(manualBackupPath("/home/office/Backups", when)).toBe(
      "/home/office/Backups/assent-manual-2026-03-05-1430.assentbak",
    );
    expect(manualBackupPath("/home/office/Backups/", when)).toBe(
      "/home/office/Backups/assent-manual-2026-03-05-1430.assentbak",
    );
    expect(manualBackupPath("D:\\Backups", when)).toBe("D:\\Backups\\assent-manual-2026-03-05-1430.assentbak");
  });
});

describe("formatBytes", () => {
  it("reads naturally", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5n * 1024n * 1024n)).toBe("5.0 MB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MB");
  });
});

describe("ukDateTime", () => {
  it("shows London time", () => {
    expect(ukDateTime("2026-07-01T13:05:00Z")).toBe("1 July 2026 at 14:05");
    expect(ukDateTime("2026-01-01T13:05:00Z")).toBe("1 January 2026 at 13:05");
    expect(ukDateTime("not a date")).toBe("not a date");
  });
});

describe("recordCounts", () => {
  it("puts the counts in words", () => {
    expect(recordCounts('{"agreements": 2, "consent_decisions": 1, "links": 0}')).toBe(
      "2 agreements, 1 consent decision",
    );
    expect(recordCounts("{}")).toBe("No records");
    expect(recordCounts("not json")).toBe("not json");
  });
});

describe("confirmed", () => {
  it("ignores case and spaces around", () => {
    expect(confirmed(" Destroy ", "destroy")).toBe(true);
    expect(confirmed("destro", "destroy")).toBe(false);
  });
});
