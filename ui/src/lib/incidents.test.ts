import { describe, expect, it } from "vitest";
import { ACTIONS, CATEGORIES, statusLabel, untilText, urlLines } from "./incidents";

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
});
