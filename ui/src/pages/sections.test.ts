import { describe, expect, it } from "vitest";
import type { Role } from "../lib/bindings";
import { can } from "../lib/permissions";
import { SECTIONS, sectionsFor } from "./sections";

const ids = (role: Role) => sectionsFor(role).map((s) => s.id);

describe("sectionsFor", () => {
  it("offers the headteacher every section", () => {
    expect(ids("head")).toEqual(SECTIONS.map((s) => s.id));
  });

  it("offers the IT technician no consent details", () => {
    expect(ids("it")).toEqual(["dashboard", "people", "agreements", "accounts", "incidents", "settings"]);
  });

  it("offers a teacher no accounts, and settings only for their own password", () => {
    expect(ids("teacher")).toEqual([
      "dashboard",
      "people",
      "signing",
      "agreements",
      "consent",
      "incidents",
      "reports",
      "settings",
    ]);
  });

  it("offers the office everything but accounts", () => {
    expect(ids("office")).toEqual([
      "dashboard",
      "people",
      "signing",
      "agreements",
      "consent",
      "incidents",
      "reports",
      "settings",
    ]);
  });
});

describe("can", () => {
  it("follows the core's rules for the buttons the window hides", () => {
    expect(can("head", "publish_templates")).toBe(true);
    expect(can("office", "publish_templates")).toBe(false);
    expect(can("office", "import")).toBe(true);
    expect(can("teacher", "edit_people")).toBe(false);
    expect(can("teacher", "record_consent")).toBe(true);
    expect(can("it", "view_consent")).toBe(false);
    expect(can("it", "backup")).toBe(true);
    expect(can("teacher", "report_incident")).toBe(true);
    expect(can("teacher", "manage_incidents")).toBe(false);
    expect(can("it", "report_incident")).toBe(false);
    expect(can("it", "view_sanctions")).toBe(true);
  });
});
