import { afterEach, describe, expect, it, vi } from "vitest";
import type { AgreementStatus, StatusRow } from "./bindings";
import { CHILD_ERROR, childError, firstLetter, kioskChoices, kioskLetters, kioskWords, staffWordsIn } from "./kioskWords";

const row = (person_id: string, name: string, status: AgreementStatus = "not_signed"): StatusRow => ({
  person_id,
  name,
  kind: "pupil",
  class: "Beech",
  agreement_kind: "ks1",
  status,
  version: null,
  signed_at: null,
  agreement_id: null,
});

function everyWord(): string[] {
  return Object.values(kioskWords).flatMap((w) =>
    typeof w === "function" ? [w("Beech" as never), w(true as never), w(false as never)].map(String) : [w],
  );
}

describe("kiosk words", () => {
  it("use no staff terms", () => {
    for (const word of [...everyWord(), CHILD_ERROR]) expect(staffWordsIn(word), word).toEqual([]);
  });

  it("are short sentences", () => {
    for (const word of everyWord()) {
      for (const sentence of word.split(/[.!?]\s/)) expect(sentence.split(/\s+/).length, word).toBeLessThanOrEqual(14);
    }
  });

  it("finds staff terms whatever their case", () => {
    expect(staffWordsIn("Leave Kiosk mode with your PIN")).toEqual(["kiosk", "PIN"]);
    expect(staffWordsIn("Thank you! You have signed.")).toEqual([]);
  });
});

describe("child errors", () => {
  afterEach(() => vi.restoreAllMocks());

  it("show one child-facing line and keep the staff wording off screen", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const shown = childError({ kind: "kiosk_locked" });
    expect(shown).toBe("Something went wrong. Please ask your teacher.");
    expect(staffWordsIn(shown)).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain("kiosk mode");
    expect(childError(new Error("boom"))).toBe(CHILD_ERROR);
    expect(childError({ kind: "database", message: "disk I/O error" })).toBe(CHILD_ERROR);
  });
});

describe("choosing yourself", () => {
  it("offers only those still to sign, by first name and initial, with no status", () => {
    const choices = kioskChoices([
      row("1", "Ines Ashworth"),
      row("2", "Ayşe Begum", "signed"),
      row("3", "Björn Begum", "awaiting_parent"),
      row("4", "Amara Chen", "needs_resigning"),
    ]);
    expect(choices).toEqual([
      { id: "1", label: "Ines A.", letter: "I", addParent: false },
      { id: "3", label: "Björn B.", letter: "B", addParent: true },
      { id: "4", label: "Amara C.", letter: "A", addParent: false },
    ]);
    for (const c of choices) expect(staffWordsIn(c.label)).toEqual([]);
  });

  it("tells apart two children whose short names would be the same", () => {
    const labels = kioskChoices([
      row("1", "Amara Chen"),
      row("2", "Amara Costa"),
      row("3", "Amara Evans"),
      row("4", "Seun Ødegård"),
      row("5", "Seun O'Brien"),
      row("6", "Leo Li"),
      row("7", "Leo Lim"),
    ]).map((c) => c.label);
    expect(labels).toEqual(["Amara Ch.", "Amara Co.", "Amara E.", "Seun Ø.", "Seun O.", "Leo Li", "Leo Lim"]);
  });

  it("groups names under their first letter, accents aside", () => {
    expect(firstLetter("Émile Dubois")).toBe("E");
    expect(firstLetter("zoë Ødegård")).toBe("Z");
    expect(firstLetter("Łukasz Lindqvist")).toBe("Ł");
    expect(firstLetter("Ελένη Παππάς")).toBe("E");
    expect(firstLetter("Ελένη Παππάς")).toBe(firstLetter("Ethan Dubois"));
    expect(firstLetter("Мария Иванова")).toBe("M");
    expect(firstLetter("Γιώργος Π")).toBe("Γ");
    expect(firstLetter("静 李")).toBe("静");
    const choices = kioskChoices([row("1", "Zoë Ødegård"), row("2", "Amara Chen"), row("3", "Émile Dubois"), row("4", "Aoife Hussain")]);
    expect(kioskLetters(choices)).toEqual(["A", "E", "Z"]);
  });
});
