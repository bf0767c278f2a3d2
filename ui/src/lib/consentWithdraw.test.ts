import { describe, expect, it } from "vitest";
import { currentYes } from "./consent";

const d = (purpose: string, answer: "yes" | "no", withdrawal = false) => ({ purpose, answer, withdrawal });

describe("currentYes", () => {
  it("keeps only purposes whose latest decision is yes", () => {
    expect(
      currentYes([
        d("School website", "yes"),
        d("Local press", "yes"),
        d("Local press", "no", true),
        d("Displays in school", "no"),
        d("Displays in school", "yes"),
      ]),
    ).toEqual(["School website", "Displays in school"]);
  });

  it("has nothing to withdraw when nothing was given", () => {
    expect(currentYes([])).toEqual([]);
  });
});
