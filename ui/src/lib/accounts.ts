// IT accounts: the small rules the Accounts page applies to the core's answers
// (which tab a person is on, what the filter matches).
import type {
  AccountRow,
  AccountStatus,
  ExportDone,
  ExportFormat,
} from "./bindings";

export type { ExportDone };

export type AccountTab = "ready" | "blocked" | "to_suspend" | "provisioned";

/** Finishing an export once it is asked for: marking it provisioned, cancelling it, or undoing the marking. */
export type ExportStep = { id: string; file: string; step: "mark" | "cancel" | "unmark" };

/** Rows of a tab drawn at a time; "Show more" draws as many again. */
export const ACCOUNT_ROWS = 500;

export const ACCOUNT_TABS: readonly { id: AccountTab; label: string }[] = [
  { id: "ready", label: "Ready" },
  { id: "blocked", label: "Blocked" },
  { id: "to_suspend", label: "To suspend" },
  { id: "provisioned", label: "Provisioned" },
];

/** The tab a status is listed under: suspended accounts sit with the provisioned ones. */
export function tabOf(status: AccountStatus): AccountTab {
  return status === "suspended" ? "provisioned" : status;
}

export const FORMATS: readonly { id: ExportFormat; label: string; file: string }[] = [
  { id: "google", label: "Google Workspace", file: "google-accounts" },
  { id: "entra", label: "Microsoft Entra", file: "entra-accounts" },
  { id: "csv", label: "Plain CSV", file: "accounts" },
];

/** A format's name, as the list of exports shows it. */
export function formatLabel(format: ExportFormat): string {
  return FORMATS.find((f) => f.id === format)?.label ?? format;
}

/** "1 login slip", "3 login slips". */
export function slipsText(count: number): string {
  return `${count} login ${count === 1 ? "slip" : "slips"}`;
}

/** A person's class or role, and their group, for the table. */
export function placeOf(row: AccountRow): string {
  const where = row.class ?? row.role;
  const group = row.group.charAt(0).toUpperCase() + row.group.slice(1);
  return where === null || where === "" ? group : `${where} (${group.toLowerCase()})`;
}

/** Whether a row matches the search box and the class or group chosen ("" for all). */
export function matches(row: AccountRow, search: string, place: string): boolean {
  if (place !== "" && row.class !== place && row.group !== place) return false;
  const q = search.trim().toLowerCase();
  if (q === "") return true;
  return [row.name, row.username, row.email ?? "", row.class ?? "", row.role ?? ""].some((f) =>
    f.toLowerCase().includes(q),
  );
}

/** How many people are on each tab. */
export function tabCounts(rows: readonly AccountRow[]): Record<AccountTab, number> {
  const counts: Record<AccountTab, number> = { ready: 0, blocked: 0, to_suspend: 0, provisioned: 0 };
  for (const r of rows) counts[tabOf(r.status)] += 1;
  return counts;
}

/** The export summary in words: "3 new accounts, 1 to suspend". */
export function describeExport(done: ExportDone): string {
  const parts = [`${done.created} new ${done.created === 1 ? "account" : "accounts"}`];
  if (done.suspended > 0) parts.push(`${done.suspended} to suspend`);
  if (done.reactivated > 0) parts.push(`${done.reactivated} to turn back on`);
  if (done.unchanged > 0) parts.push(`${done.unchanged} unchanged`);
  return parts.join(", ");
}
