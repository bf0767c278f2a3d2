import { describe, expect, it } from "vitest";
import { decisionAnswer, methodLabel, notForText, shortPurpose, stateLabel } from "./consent";

describe("stateLabel", () => {
  it("gives every state a symbol and a word", () => {
    expect(stateLabel("yes")).toEqual({ symbol: "✓", word: "Yes" });
    expect(stateLabel("no")).toEqual({ symbol: "✗", word: "No" });
    expect(stateLabel("expired").word).toBe("Expired");
    expect(stateLabel("hold").word).toBe("Hold");
  });
});

describe("shortPurpose", () => {
  it("uses the short heading for a known code", () => {
    expect(shortPurpose("website", "School website")).toBe("Website");
    expect(shortPurpose("press", "Local press")).toBe("Press");
  });
  it("falls back to the first word of the name, then the code", () => {
    expect(shortPurpose("trips", "  Trips and visits ")).toBe("Trips");
    expect(shortPurpose("odd", "   ")).toBe("odd");
  });
});

describe("notForText", () => {
  it("lists the refused purposes", () => {
    expect(notForText(["School website", "Local press"])).toBe("Not for: School website, Local press");
  });
  it("says 'any purpose' when every purpose asked about is refused", () => {
    const asked = ["School website", "Local press"];
    expect(notForText(["Local press", "School website", "Old purpose"], asked)).toBe(
      "Not for: any purpose (no yes recorded)",
    );
    expect(notForText(["Local press"], asked)).toBe("Not for: Local press");
  });
  it("is empty when nothing is refused", () => {
    expect(notForText([])).toBe("");
  });
});

describe("methodLabel", () => {
  it("describes each method in words", () => {
    expect(methodLabel("paper")).toBe("On paper");
    expect(methodLabel("in_person")).toBe("In person");
    expect(methodLabel("carrier_pigeon")).toBe("carrier pigeon");
  });
});

describe("decisionAnswer", () => {
  it("shows a withdrawal as withdrawn, whatever its answer", () => {
    expect(decisionAnswer({ answer: "no", withdrawal: true })).toBe("Withdrawn");
    expect(decisionAnswer({ answer: "yes", withdrawal: false })).toBe("Yes");
    expect(decisionAnswer({ answer: "no", withdrawal: false })).toBe("No");
  });
});
