import { describe, expect, it } from "vitest";
import type { Checklist } from "./bindings";
import { doneCount, showOpen, stepDestination, stepText } from "./firstRun";

const list = (dismissed: boolean, done: boolean[]): Checklist => ({
  dismissed,
  may_dismiss: true,
  steps: done.map((d, i) => ({
    step: (["school_details", "staff", "templates"] as const)[i] ?? "backups",
    done: d,
    parts_done: i === 2 ? 3 : null,
    parts: i === 2 ? 5 : null,
  })),
});

describe("the set-up checklist", () => {
  it("is shown open until it is put away or everything is done", () => {
    expect(showOpen(list(false, [true, false]))).toBe(true);
    expect(showOpen(list(true, [true, false]))).toBe(false);
    expect(showOpen(list(false, [true, true]))).toBe(false);
    expect(doneCount(list(false, [true, false, true]))).toBe(2);
  });

  it("says how far a step of several parts has got", () => {
    const templates = list(false, [true, false, false]).steps[2];
    expect(templates && stepText(templates)).toMatch(/3 of 5 done so far\.$/);
  });

  it("links the staff step to the users panel for the head, to the staff import for the office", () => {
    expect(stepDestination("staff", "head")).toEqual({ section: "settings", panel: "users-heading" });
    expect(stepDestination("staff", "office")).toEqual({ section: "people", view: "import" });
    expect(stepDestination("backups", "head")).toEqual({ section: "settings", panel: "backups-heading" });
    expect(stepDestination("account_settings", "it")).toEqual({ section: "accounts", view: "settings" });
  });
});
