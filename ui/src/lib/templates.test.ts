import { describe, expect, it } from "vitest";
import type { TemplateSummary } from "./bindings";
import {
  currentVersions,
  describeTemplateError,
  diffChange,
  diffSummary,
  draftSaved,
  instantToIsoDate,
  isLargeType,
  kindMismatch,
  londonIsoDate,
  minorReasonProblem,
  peopleToSignAgain,
  reviewNote,
  reviewState,
  templateKindLabel,
} from "./templates";

function summary(kind: TemplateSummary["kind"], version: number, current: boolean): TemplateSummary {
  return {
    kind,
    version,
    title: `${kind} v${version}`,
    published_at: "2026-11-22T20:31:58Z",
    sha256: "ab",
    review_due: "2027-11-22",
    current,
    material: true,
  };
}

describe("kinds", () => {
  it("names each kind of agreement", () => {
    expect(templateKindLabel("ks1")).toBe("KS1 (Nursery to Year 2)");
    expect(templateKindLabel("governor-visitor")).toBe("Governors and visitors");
  });

  it("shows only KS1 in large type", () => {
    expect(isLargeType("ks1")).toBe(true);
    expect(isLargeType("ks2")).toBe(false);
  });
});

describe("currentVersions", () => {
  const list = [summary("parent", 1, true), summary("ks2", 1, false), summary("ks2", 2, true), summary("ks1", 1, true)];

  it("keeps the version signed now of each kind, in display order", () => {
    expect(currentVersions(list).map((t) => `${t.kind}/${t.version}`)).toEqual(["ks1/1", "ks2/2", "parent/1"]);
  });

  it("falls back to the newest version when none is marked current", () => {
    expect(currentVersions([summary("staff", 1, false), summary("staff", 3, false)])[0]?.version).toBe(3);
  });
});

describe("dates in the UK", () => {
  it("takes the date in London, not in UTC", () => {
    expect(londonIsoDate(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
    expect(londonIsoDate(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
    expect(instantToIsoDate("2026-06-30T23:15:00.123Z")).toBe("2026-07-01");
  });

  it("leaves a time it cannot read as it is", () => {
    expect(instantToIsoDate("yesterday")).toBe("yesterday");
  });
});

describe("reviewState", () => {
  it("marks a passed date as overdue", () => {
    expect(reviewState("2026-11-21", "2026-11-22")).toBe("overdue");
    expect(reviewNote("overdue")).toBe("Overdue");
  });

  it("marks a date within 30 days as due soon", () => {
    expect(reviewState("2026-11-22", "2026-11-22")).toBe("soon");
    expect(reviewState("2026-12-22", "2026-11-22")).toBe("soon");
    expect(reviewNote("soon")).toBe("Due soon");
  });

  it("says nothing about a date further off, or one it cannot read", () => {
    expect(reviewState("2026-12-23", "2026-11-22")).toBe("later");
    expect(reviewState("soon", "2026-11-22")).toBe("later");
    expect(reviewNote("later")).toBeNull();
  });
});

describe("diffs", () => {
  it("treats an unknown change as unchanged", () => {
    expect(diffChange({ change: "added", text: "x" })).toBe("added");
    expect(diffChange({ change: "moved", text: "x" })).toBe("same");
  });

  it("counts added and removed lines in words", () => {
    expect(
      diffSummary([
        { change: "same", text: "a" },
        { change: "added", text: "b" },
        { change: "removed", text: "c" },
        { change: "removed", text: "d" },
      ]),
    ).toBe("1 line added, 2 lines removed.");
    expect(diffSummary([{ change: "same", text: "a" }])).toBe("The two versions read the same.");
  });
});

describe("publishing", () => {
  it("counts who must sign again", () => {
    expect(peopleToSignAgain(0)).toBe("No one has signed this agreement yet, so no one will need to sign again.");
    expect(peopleToSignAgain(1)).toBe("1 person will need to sign again.");
    expect(peopleToSignAgain(212)).toBe("212 people will need to sign again.");
  });

  it("needs a reason for a minor change only", () => {
    expect(minorReasonProblem(false, "  ")).toMatch(/why this change is minor/);
    expect(minorReasonProblem(false, "Spelling")).toBeNull();
    expect(minorReasonProblem(true, "")).toBeNull();
  });

  it("words a refused template in plain English", () => {
    expect(
      describeTemplateError({
        kind: "invalid_input",
        field: "template",
        reason: "templates cannot contain HTML; write plain text, headings and lists",
      }),
    ).toBe("This text cannot be published yet: templates cannot contain HTML; write plain text, headings and lists.");
    expect(
      describeTemplateError({
        kind: "invalid_input",
        field: "template",
        reason: "This text is exactly version 1; there is nothing new to publish.",
      }),
    ).toBe("This text is exactly version 1; there is nothing new to publish.");
    expect(describeTemplateError(new Error("x"))).toMatch(/Something unexpected went wrong/);
  });
});

describe("editing", () => {
  it("says when the front matter names another kind of agreement", () => {
    expect(kindMismatch("ks2", "ks2")).toBeNull();
    expect(kindMismatch("ks2", "staff")).toBe(
      "The front matter says “kind: staff”, but this is the KS2 (Years 3 to 6) agreement. Change it back to “kind: ks2”.",
    );
  });

  it("gives the time a draft was saved in the UK", () => {
    expect(draftSaved(new Date("2026-07-01T13:05:00Z"), 3)).toBe(
      "Draft saved at 14:05. It is not published: people still sign version 3.",
    );
    expect(draftSaved(new Date("2026-12-01T09:30:00Z"), 1)).toMatch(/^Draft saved at 09:30\./);
  });
});
