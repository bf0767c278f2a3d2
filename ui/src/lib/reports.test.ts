import { describe, expect, it } from "vitest";
import { coverText, DOCUMENTS, formatFor, sizeText, withExtension } from "./reports";

describe("reports", () => {
  it("offers CSV only where the document allows it", () => {
    expect(formatFor("consent_register", "csv")).toBe("csv");
    expect(formatFor("chase_letters", "csv")).toBe("pdf");
    expect(formatFor("certificate", "csv")).toBe("pdf");
    expect(DOCUMENTS.filter((d) => d.formats.includes("csv")).map((d) => d.id)).toEqual([
      "consent_register",
      "aup_register",
      "do_not_photograph",
      "outstanding",
    ]);
  });

  it("changes a file's extension to the format", () => {
    expect(withExtension("/home/a/Documents/Assent/consent-register-2026-11-22.pdf", "csv")).toBe(
      "/home/a/Documents/Assent/consent-register-2026-11-22.csv",
    );
    expect(withExtension("C:\\Users\\a\\oak", "pdf")).toBe("C:\\Users\\a\\oak.pdf");
    expect(withExtension("/tmp/v1.2/register", "pdf")).toBe("/tmp/v1.2/register.pdf");
    expect(withExtension("  ", "pdf")).toBe("");
  });

  it("describes pages and size", () => {
    expect(sizeText({ pages: 1, bytes: 100 })).toBe("1 page, 1 KB");
    expect(sizeText({ pages: 3, bytes: 48 * 1024 })).toBe("3 pages, 48 KB");
    expect(sizeText({ pages: null, bytes: 3 * 1024 * 1024 })).toBe("3.0 MB");
  });

  it("says what a selection covers", () => {
    expect(coverText([])).toBe("the whole school");
    expect(coverText(["Oak"])).toBe("Oak");
    expect(coverText(["Oak", "Ash", "Staff"])).toBe("Oak, Ash and Staff");
  });
});
