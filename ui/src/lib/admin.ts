// Staff users, backups, the audit log, retention and erasure: the small rules
// the admin panels share. The core checks every role and every value again;
// these only help the form say what is wrong before asking.
import type { AuditCategory, AuditFilter, AuditRow, BackupInfo, ChainReport } from "./bindings";
import { kindLabel } from "./people";
import { roleLabel } from "./session";

/** The core's minimum (assent-core auth.rs, MIN_PASSWORD_CHARS). */
export const MIN_PASSWORD_CHARS = 10;

/** What is wrong with a new password and its repeat, or null when both are fine. */
export function passwordProblem(password: string, again: string): string | null {
  if ([...password].length < MIN_PASSWORD_CHARS) {
    return `Use at least ${MIN_PASSWORD_CHARS} characters for the password.`;
  }
  if (password !== again) return "The two passwords are not the same. Type the new password again.";
  return null;
}

/** A sign-in name as the core accepts it: letters, digits, dots, hyphens or underscores. */
export function usernameProblem(username: string): string | null {
  const trimmed = username.trim();
  if (trimmed === "") return "Enter a username.";
  if (!/^[A-Za-z0-9._-]+$/.test(trimmed)) {
    return "Use only letters, digits, dots, hyphens or underscores in the username.";
  }
  return null;
}

/**
 * A UK date as typed ("5/3/2026" or "05/03/2026") → "2026-03-05". Empty text
 * gives null (no limit); anything that is not a real date gives "invalid".
 */
export function parseUkDate(typed: string): string | null | "invalid" {
  const trimmed = typed.trim();
  if (trimmed === "") return null;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (match === null) return "invalid";
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return "invalid";
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return "invalid";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${year}-${two(month)}-${two(day)}`;
}

/** A whole number typed into a box, when it is one from `min` to `max`; otherwise null. */
export function wholeNumberIn(typed: string, min: number, max: number): number | null {
  const trimmed = typed.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : null;
}

/** The audit view's filter boxes as typed; an empty type is every type. */
export type AuditForm = { personId: string; user: string; from: string; to: string; category: AuditCategory | "" };

/** The filter to ask the core for, or the problems to show next to the boxes. */
export function auditFilterFrom(
  form: AuditForm,
  limit: number,
): { filter: AuditFilter; problems: Partial<Record<"from" | "to", string>> } {
  const text = (s: string) => (s.trim() === "" ? null : s.trim());
  const from = parseUkDate(form.from);
  const to = parseUkDate(form.to);
  const problems: Partial<Record<"from" | "to", string>> = {};
  if (from === "invalid") problems.from = "Enter the date as day/month/year, for example 05/03/2026.";
  if (to === "invalid") problems.to = "Enter the date as day/month/year, for example 31/03/2026.";
  if (from !== null && from !== "invalid" && to !== null && to !== "invalid" && from > to) {
    problems.to = "The end date is before the start date.";
  }
  return {
    filter: {
      person_id: text(form.personId),
      user: text(form.user),
      from: from === "invalid" ? null : from,
      to: to === "invalid" ? null : to,
      action: null,
      category: form.category === "" ? null : form.category,
      limit,
    },
    problems,
  };
}

/** Who made an audit entry: their name, and their role now while they are a user. */
export function auditWho(row: Pick<AuditRow, "actor_name" | "actor_role">): { name: string; role: string | null } {
  return { name: row.actor_name, role: row.actor_role === null ? null : roleLabel(row.actor_role) };
}

/** The raw record behind an audit entry, for its "Details" disclosure: label and value. */
export function auditDetails(row: AuditRow): [string, string][] {
  const details: [string, string][] = [["Action code", row.action]];
  details.push(["Recorded about", row.entity_id === null ? row.entity : `${row.entity} ${row.entity_id}`]);
  if (row.about !== null) {
    const person =
      row.about.name === null
        ? "Their records have been destroyed under the retention policy"
        : row.about.kind === null
          ? row.about.name
          : `${row.about.name} (${kindLabel(row.about.kind).toLowerCase()})`;
    details.push(["Person", person]);
  }
  if (row.summary !== row.sentence) details.push(["As recorded", row.summary]);
  details.push(["Recorded by", row.actor]);
  details.push(["Entry", `${row.seq}`]);
  return details;
}

/** How many audit entries are shown, when at most `limit` are fetched. */
export function auditCountMessage(count: number, limit: number): string {
  if (count === 0) return "No entries match.";
  if (count >= limit) return `Showing the newest ${limit} entries. Narrow the filters to see older ones.`;
  return `${count} ${count === 1 ? "entry" : "entries"}, newest first.`;
}

/** The result of checking the audit chain, in plain words. */
export function chainMessage(report: ChainReport): { intact: boolean; text: string } {
  const entries = `${report.entries} ${report.entries === 1 ? "entry" : "entries"}`;
  if (report.first_broken === null) {
    return {
      intact: true,
      text: `The log is intact: all ${entries} were checked and none has been changed, removed or reordered.`,
    };
  }
  const broken = report.first_broken;
  return {
    intact: false,
    text:
      `The log has been tampered with. Entry ${broken.seq} of ${entries} does not fit: ${broken.reason} ` +
      "Keep this computer as it is and tell your data protection officer.",
  };
}

/** The folder's own separator: a Windows path keeps its backslashes. */
function join(folder: string, name: string): string {
  const trimmed = folder.trim();
  const sep = trimmed.includes("\\") && !trimmed.includes("/") ? "\\" : "/";
  if (trimmed === "") return name;
  return trimmed.endsWith(sep) ? `${trimmed}${name}` : `${trimmed}${sep}${name}`;
}

/**
 * A path for a backup taken now, in `folder`: "…/assent-manual-2026-03-05-1430.assentbak".
 * Its name differs from the automatic ones so that keeping the last N never removes it.
 */
export function manualBackupPath(folder: string, now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  return join(folder, `assent-manual-${stamp}.assentbak`);
}

/** A file size in words: 1536 → "1.5 KB". */
export function formatBytes(bytes: number | bigint): string {
  const n = Number(bytes);
  if (n < 1024) return `${n} ${n === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The total size of a backup file's contents. */
export function backupSize(info: BackupInfo): string {
  return formatBytes(Number(info.keys_len) + Number(info.db_len));
}

/** An RFC 3339 instant → "5 March 2026 at 14:30", in UK time. */
export function ukDateTime(rfc3339: string): string {
  const when = new Date(rfc3339);
  if (Number.isNaN(when.getTime())) return rfc3339;
  const date = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(when);
  const time = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Europe/London",
  }).format(when);
  return `${date} at ${time}`;
}

/** The destruction log's counts ({"agreements": 2, …}) in words: "2 agreements, 1 consent decision". */
export function recordCounts(json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return json;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== "number" || value === 0) continue;
    const words = key.replace(/_/g, " ");
    const singular = words.endsWith("s") ? words.slice(0, -1) : words;
    parts.push(`${value} ${value === 1 ? singular : words}`);
  }
  return parts.length === 0 ? "No records" : parts.join(", ");
}

/** The phrase typed to confirm destroying records. */
export const DESTROY_PHRASE = "destroy";
/** The phrase typed to confirm erasing one person's records. */
export const ERASE_PHRASE = "erase";
