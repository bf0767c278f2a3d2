// How signing is shown and checked on screen: statuses in words and symbols,
// who signs, the KS1 picture for each promise, and the drawn signature's data.
import type { AgreementStatus, Point, SignerRole, TemplateKind } from "./bindings";

export type StatusLabel = { symbol: string; word: string };

const STATUS: Record<AgreementStatus, StatusLabel> = {
  signed: { symbol: "✓", word: "Signed" },
  awaiting_parent: { symbol: "◐", word: "Awaiting parent" },
  needs_resigning: { symbol: "↻", word: "Needs re-signing" },
  expired: { symbol: "⌛", word: "Expired" },
  withdrawn: { symbol: "⊘", word: "Withdrawn" },
  not_signed: { symbol: "○", word: "Not signed" },
};

/** A status as a symbol and a word, never colour alone. */
export function statusLabel(status: AgreementStatus): StatusLabel {
  return STATUS[status];
}

/** What a person can do next from the class list or their page. */
export function nextAction(status: AgreementStatus): "sign" | "add-parent" | null {
  if (status === "awaiting_parent") return "add-parent";
  return status === "signed" ? null : "sign";
}

const ROLES: Record<SignerRole, string> = {
  self: "Themselves",
  pupil: "Pupil",
  parent: "Parent or carer",
  child_mark: "Child's name or mark",
};

export function roleLabel(role: SignerRole): string {
  return ROLES[role];
}

const METHODS: Record<string, string> = {
  drawn: "Drawn on screen",
  typed: "Typed name",
  paper: "Paper form",
};

export function methodLabel(method: string): string {
  return METHODS[method] ?? method;
}

const KINDS: Record<TemplateKind, string> = {
  ks1: "Key Stage 1 agreement",
  ks2: "Key Stage 2 agreement",
  staff: "Staff and volunteer agreement",
  "governor-visitor": "Governor and visitor agreement",
  parent: "Parent and carer agreement",
};

export function kindLabel(kind: TemplateKind): string {
  return KINDS[kind];
}

const SHORT_KINDS: Record<TemplateKind, string> = {
  ks1: "KS1",
  ks2: "KS2",
  staff: "Staff",
  "governor-visitor": "Governor and visitor",
  parent: "Parent and carer",
};

/** The agreement in a few words, for a table column: "KS2, version 1". */
export function shortKind(kind: TemplateKind, version: number | null): string {
  return version === null ? SHORT_KINDS[kind] : `${SHORT_KINDS[kind]}, version ${version}`;
}

export type Ks1Icon = "talk" | "help" | "secret" | "kind" | "screen" | "grown-up" | "star";

// The first match wins, so the most telling words come first.
const ICON_WORDS: Array<[Ks1Icon, RegExp]> = [
  ["talk", /\b(sad|scared|worr|upset|tell)/i],
  ["help", /\b(help|stuck)/i],
  ["secret", /\b(secret|private|password)/i],
  ["kind", /\b(kind|nice|friend|polite)/i],
  ["screen", /\b(computer|tablet|games?|apps?|device|screen)/i],
  ["grown-up", /\b(grown-?ups?|adults?|teacher)/i],
];

/** The picture shown beside a KS1 promise; a star when no picture fits. */
export function ks1Icon(text: string): Ks1Icon {
  return ICON_WORDS.find(([, words]) => words.test(text))?.[0] ?? "star";
}

/** The points of each stroke, as the core stores them. */
export function strokesFrom(groups: ReadonlyArray<{ points: ReadonlyArray<{ x: number; y: number }> }>): Point[][] {
  return groups.map((g) => g.points.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 })));
}

/**
 * Why a drawing is not yet a signature, or null when it is. The same test as
 * the core's: at least two points, spread over 10 pixels, 20 pixels of ink.
 */
export function drawingProblem(strokes: ReadonlyArray<ReadonlyArray<Point>>): string | null {
  const points = strokes.flat();
  if (points.length < 2) return "The box is empty. Please sign in the box.";
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const spread = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  let ink = 0;
  for (const s of strokes) {
    for (let i = 1; i < s.length; i += 1) {
      const a = s[i - 1];
      const b = s[i];
      if (a !== undefined && b !== undefined) ink += Math.hypot(b.x - a.x, b.y - a.y);
    }
  }
  return spread < 10 || ink < 20 ? "That is only a dot. Please sign your name or make your mark." : null;
}

/** The bytes of a `data:…;base64,` URL, as the core takes them. */
export function dataUrlBytes(url: string): number[] {
  const comma = url.indexOf(",");
  const text = atob(comma < 0 ? url : url.slice(comma + 1));
  const out = new Array<number>(text.length);
  for (let i = 0; i < text.length; i += 1) out[i] = text.charCodeAt(i);
  return out;
}

/** The largest scan the core accepts. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/** What locks a device handed over for signing: a PIN of digits, or a password. */
export type KioskSecretKind = "pin" | "password";

/**
 * Why a new kiosk PIN or password cannot be used, or null when it can. The
 * core checks the length again; only the page can tell that the two typed
 * differ, which would lock the member of staff out by a typing slip.
 */
export function kioskSecretProblem(kind: KioskSecretKind, secret: string, again: string): string | null {
  if (kind === "pin" && !/^\d{4,8}$/.test(secret)) return "A PIN has 4 to 8 digits.";
  if (kind === "password" && secret.length < 8) return "Use a password of at least 8 characters.";
  if (secret !== again) return `The two ${kind === "pin" ? "PINs" : "passwords"} are different. Type the same one twice.`;
  return null;
}

/** A fresh id for one signing attempt, so a double click records one agreement. */
export function submissionId(): string {
  // randomUUID needs a secure context; getRandomValues works everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** dd/mm/yyyy, as the date on a paper form is typed; the core also takes YYYY-MM-DD. */
export function todayTyped(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(now.getDate())}/${two(now.getMonth() + 1)}/${now.getFullYear()}`;
}

/** A stored UTC time shown in UK time: "22 November 2026 at 19:20". */
export function ukTime(stored: string): string {
  const at = new Date(stored);
  if (Number.isNaN(at.getTime())) return stored;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}`;
}

/** A stored UTC time's UK date only: "1 September 2026" (paper forms carry no time). */
export function ukDate(stored: string): string {
  return ukTime(stored).replace(/ at \d\d:\d\d$/, "");
}

/** "Withdrawn on 22 November 2026 at 19:20 by Office: moved school", from the stored record. */
export function withdrawnText(stored: string): string {
  const match = /^(\S+) by (.*?): (.*)$/s.exec(stored);
  if (match === null) return `Withdrawn: ${stored}`;
  return `Withdrawn on ${ukTime(match[1] ?? "")} by ${match[2] ?? ""}: ${match[3] ?? ""}`;
}
