import { describe, expect, it } from "vitest";
import { academicYearLabel, formatDate, isoToTyped } from "./dates";

describe("formatDate", () => {
  it("writes stored dates the UK way", () => {
    expect(formatDate("2019-03-14")).toBe("14 March 2019");
    expect(formatDate("2026-09-01")).toBe("1 September 2026");
    expect(formatDate("2024-02-29")).toBe("29 February 2024");
    expect(formatDate("2027-12-31")).toBe("31 December 2027");
  });

  it("leaves anything that is not a real YYYY-MM-DD date as it is", () => {
    expect(formatDate("2023-02-29")).toBe("2023-02-29");
    expect(formatDate("2019-13-01")).toBe("2019-13-01");
    expect(formatDate("14/03/2019")).toBe("14/03/2019");
    expect(formatDate("")).toBe("");
  });
});

describe("isoToTyped", () => {
  it("gives the day/month/year form people type", () => {
    expect(isoToTyped("2019-03-04")).toBe("04/03/2019");
    expect(isoToTyped("not a date")).toBe("not a date");
  });
});

describe("academicYearLabel", () => {
  it("names the year by its two calendar years", () => {
    expect(academicYearLabel(2026)).toBe("2026/27");
    expect(academicYearLabel(2099)).toBe("2099/00");
    expect(academicYearLabel(2009)).toBe("2009/10");
  });
});
