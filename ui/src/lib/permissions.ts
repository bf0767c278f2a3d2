// What each role may do, so the window offers only what the user can use. The
// core decides: it refuses anything a role may not do, whatever the window
// shows. This copy of its rules (assent-core auth.rs, Permission::allows) only
// hides buttons and sections that would end in a refusal.
import type { Role } from "./bindings";

export type Permission =
  | "view_people"
  | "edit_people"
  | "import"
  | "view_templates"
  | "publish_templates"
  | "view_agreements"
  | "collect_signatures"
  | "record_paper"
  | "withdraw_agreement"
  | "view_consent"
  | "record_consent"
  | "safeguarding"
  | "manage_users"
  | "settings"
  | "accounts"
  | "view_audit"
  | "backup"
  | "data_protection"
  | "report_incident"
  | "manage_incidents"
  | "view_sanctions";

const ALLOWED: Record<Exclude<Role, "head">, ReadonlySet<Permission>> = {
  office: new Set<Permission>([
    "view_people",
    "edit_people",
    "import",
    "view_templates",
    "view_agreements",
    "collect_signatures",
    "record_paper",
    "withdraw_agreement",
    "view_consent",
    "record_consent",
    "backup",
    "report_incident",
  ]),
  teacher: new Set<Permission>([
    "view_people",
    "view_templates",
    "view_agreements",
    "collect_signatures",
    "view_consent",
    "record_consent",
    "report_incident",
  ]),
  it: new Set<Permission>(["view_people", "view_templates", "view_agreements", "accounts", "backup", "view_sanctions"]),
};

/** Whether `role` may do `permission`. The headteacher or DSL may do everything. */
export function can(role: Role, permission: Permission): boolean {
  return role === "head" || ALLOWED[role].has(permission);
}
