import { describe, expect, it } from "vitest";
import { coverText, DOCUMENTS, fileSlug, formatFor, pathFor, sizeText, withExtension } from "./reports";

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

describe("one-click document paths", () => {
  it("name who the document covers before the date", () => {
    expect(pathFor("/home/o/Documents/Assent/chase-letters-2026-12-02.pdf", "Oak 3")).toBe(
      "/home/o/Documents/Assent/chase-letters-oak-3-2026-12-02.pdf",
    );
    expect(pathFor("C:\\Users\\o\\Documents\\Assent\\consent-letters-2026-12-02.pdf", "all pupils")).toBe(
      "C:\\Users\\o\\Documents\\Assent\\consent-letters-all-pupils-2026-12-02.pdf",
    );
    expect(pathFor("/tmp/list.pdf", "Staff")).toBe("/tmp/list-staff.pdf");
  });

  it("keep only letters and digits of a name, accents folded", () => {
    expect(fileSlug("Élan Class")).toBe("elan-class");
    expect(fileSlug("橡树")).toBe("");
    expect(pathFor("/tmp/x-2026-01-01.pdf", "橡树")).toBe("/tmp/x-2026-01-01.pdf");
  });
});
