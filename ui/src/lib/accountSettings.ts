// The account settings page's rules: the groups in the school's order and
// their names, the password styles in words, where each field's problem goes,
// and which groups the Accounts page must ask a domain for.
import type { AccountGroup, AccountRow, FieldProblem, PasswordStyle } from "./bindings";

export const ACCOUNT_GROUPS: readonly { id: AccountGroup; label: string; members: string }[] = [
  { id: "pupils", label: "Pupils", members: "pupils" },
  { id: "staff", label: "Staff", members: "staff" },
  { id: "volunteers", label: "Volunteers", members: "volunteers" },
  { id: "governors", label: "Governors", members: "governors" },
  { id: "visitors", label: "Visitors", members: "visitors" },
];

export const PASSWORD_STYLES: readonly { id: PasswordStyle; label: string; example: string }[] = [
  { id: "words", label: "Two words and two digits, easy to read and type", example: "tiger-moon-47" },
  { id: "characters", label: "Sixteen letters and digits in four groups", example: "Kx7p-Qm3v-Tz8c-Wd4h" },
];

/** The placeholders a username pattern may use, for the hint under the box. */
export const PATTERN_PLACEHOLDERS = "{forename}, {surname}, {initial}, {surname_initial}, {yy}, {yyyy}";

/** The fields of one group, as the core names them after the group (`pupils.domain`). */
export type GroupField = "domain" | "pattern" | "org_unit";

/** The core's name for a group's field: `pupils.pattern`. */
export function fieldName(group: AccountGroup, field: GroupField): string {
  return `${group}.${field}`;
}

/** The input's id for a field the core names: `pupils.org_unit` → `account-pupils-org-unit`. */
export function inputId(field: string): string {
  return `account-${field.replace(/[._]/g, "-")}`;
}

/** What a field is called on the page, for the list of problems at the top. */
export function fieldLabel(field: string): string {
  if (field === "slips.sign_in_at") return "Login slips: where to sign in";
  const [group, name] = field.split(".");
  const label = ACCOUNT_GROUPS.find((g) => g.id === group)?.label ?? group ?? field;
  const what = name === "domain" ? "email domain" : name === "pattern" ? "username pattern" : "organisational unit";
  return `${label}: ${what}`;
}

/** Each field's problem, by the core's name for the field; the first one said for a field wins. */
export function problemsByField(found: readonly FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of found) out[p.field] ??= p.reason;
  return out;
}

/** The groups, in the school's order, with someone listed on the Accounts page but no email domain yet. */
export function groupsWithoutDomain(rows: readonly AccountRow[]): AccountGroup[] {
  const missing = new Set(rows.filter((r) => r.email === null).map((r) => r.group));
  return ACCOUNT_GROUPS.filter((g) => missing.has(g.id)).map((g) => g.id);
}

/** Groups in words: "pupils", "pupils and staff", "pupils, staff and visitors". */
export function groupsInWords(groups: readonly AccountGroup[]): string {
  const names = groups.map((g) => ACCOUNT_GROUPS.find((x) => x.id === g)?.members ?? g);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The address a previewed username would have, once a domain is typed. */
export function previewAddress(username: string, domain: string): string {
  const d = domain.trim().toLowerCase();
  return d === "" ? username : `${username}@${d}`;
}
