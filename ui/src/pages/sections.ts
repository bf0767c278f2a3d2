import type { Role } from "../lib/bindings";
import { can } from "../lib/permissions";

export type SectionId =
  | "dashboard"
  | "people"
  | "signing"
  | "agreements"
  | "consent"
  | "accounts"
  | "incidents"
  | "reports"
  | "settings";

export const SECTIONS: readonly { id: SectionId; label: string }[] = [
  { id: "dashboard", label: "Dashboard" },
  { id: "people", label: "People" },
  { id: "signing", label: "Signing" },
  { id: "agreements", label: "Agreements" },
  { id: "consent", label: "Consent" },
  { id: "accounts", label: "Accounts" },
  { id: "incidents", label: "Incidents" },
  { id: "reports", label: "Reports" },
  { id: "settings", label: "Settings" },
];

/** Whether a role has any use for a section. The core refuses what a role may not do anyway. */
export function offers(role: Role, id: SectionId): boolean {
  switch (id) {
    case "dashboard":
      return true;
    case "people":
      return can(role, "view_people");
    case "signing":
      return can(role, "collect_signatures") || can(role, "record_paper");
    case "agreements":
      return can(role, "view_templates") || can(role, "view_agreements");
    case "consent":
      return can(role, "view_consent");
    case "accounts":
      return can(role, "accounts");
    // IT sees only the access removals there; everyone else the incidents they may see.
    case "incidents":
      return can(role, "report_incident") || can(role, "view_sanctions");
    // Registers and letters are about pupils' agreements and consents.
    case "reports":
      return can(role, "view_consent");
    // Everyone can change their own password there; other panels show by role.
    case "settings":
      return true;
    default: {
      const unreachable: never = id;
      return unreachable;
    }
  }
}

/** The sections offered to a role, in menu order. */
export function sectionsFor(role: Role): readonly { id: SectionId; label: string }[] {
  return SECTIONS.filter((s) => offers(role, s.id));
}
