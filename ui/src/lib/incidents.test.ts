import { describe, expect, it } from "vitest";
import { ACTIONS, CATEGORIES, incidentProblem, INCIDENT_FIELDS, statusLabel, untilText, urlLines } from "./incidents";

describe("incidents", () => {
  it("splits web addresses one a line, dropping blanks", () => {
    expect(urlLines(" https://a.example/\n\n b.example \r\n")).toEqual(["https://a.example/", "b.example"]);
    expect(urlLines("")).toEqual([]);
  });

  it("words statuses and removals", () => {
    expect(statusLabel("under_review")).toBe("Under review");
    expect(untilText(null)).toBe("until review");
    expect(untilText("12/12/2026")).toBe("until 12/12/2026");
  });

  it("lists every category and checklist step once", () => {
    expect(new Set(CATEGORIES.map((c) => c.id)).size).toBe(9);
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(9);
  });

  it("puts the core's refusal of a field next to that field, in a sentence", () => {
    expect(incidentProblem({ kind: "invalid_input", field: "date", reason: "The date is in the future" })).toEqual({
      date: "The date is in the future.",
    });
    expect(incidentProblem({ kind: "invalid_input", field: "reported by", reason: "must not be empty" })).toEqual({
      "reported by": "Must not be empty.",
    });
    expect(Object.keys(INCIDENT_FIELDS)).toContain("reported by");
  });

  it("leaves any other error to the form's alert", () => {
    expect(incidentProblem({ kind: "invalid_input", field: "category", reason: "unknown" })).toBeNull();
    expect(incidentProblem({ kind: "invalid_input", field: "toString", reason: "odd" })).toBeNull();
    expect(incidentProblem({ kind: "not_signed_in" })).toBeNull();
    expect(incidentProblem(new Error("date"))).toBeNull();
    expect(incidentProblem(null)).toBeNull();
  });
});
