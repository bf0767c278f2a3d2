// How consent is shown: a symbol and a word for every state, never colour alone.
import type { ConsentState, Decision } from "./bindings";

export type StateLabel = { symbol: string; word: string };

const STATE_LABELS: Record<ConsentState, StateLabel> = {
  yes: { symbol: "✓", word: "Yes" },
  no: { symbol: "✗", word: "No" },
  expired: { symbol: "⌛", word: "Expired" },
  hold: { symbol: "⛔", word: "Hold" },
};

export function stateLabel(state: ConsentState): StateLabel {
  return STATE_LABELS[state];
}

// Short column headings for the grid; the full name is the accessible label.
const SHORT_PURPOSES: Record<string, string> = {
  website: "Website",
  print: "Print",
  social: "Social media",
  press: "Press",
  named: "Named",
  video: "Video",
  live: "Live lessons",
  displays: "Displays",
  learning: "Learning platform",
};

/** A short heading for a purpose: a known code's, or the name's first word. */
export function shortPurpose(code: string, name: string): string {
  const known = SHORT_PURPOSES[code];
  if (known !== undefined) return known;
  const first = name.trim().split(/\s+/)[0] ?? "";
  return first === "" ? code : first;
}

/**
 * "Not for: School website, Local press" — the purposes a pupil must not be photographed for.
 * When that is every purpose still asked about, it says so in a few words instead of a long list.
 */
export function notForText(refused: readonly string[], asked: readonly string[] = []): string {
  if (refused.length === 0) return "";
  if (asked.length > 0 && asked.every((name) => refused.includes(name))) {
    return "Not for: any purpose (no yes recorded)";
  }
  return `Not for: ${refused.join(", ")}`;
}

const METHODS: Record<string, string> = {
  agreement: "With a signed agreement",
  paper: "On paper",
  phone: "By phone",
  email: "By email",
  in_person: "In person",
};

/** How a choice reached the school, in words. Unknown methods are shown as they are. */
export function methodLabel(method: string): string {
  return METHODS[method] ?? method.replace(/_/g, " ");
}

/** A decision's answer in words: "Yes", "No" or "Withdrawn". */
export function decisionAnswer(d: Pick<Decision, "answer" | "withdrawal">): "Yes" | "No" | "Withdrawn" {
  if (d.withdrawal) return "Withdrawn";
  return d.answer === "yes" ? "Yes" : "No";
}

/**
 * The purposes whose latest decision is a yes, by name, from a history in the
 * order the core gives it (oldest first): the choices a family can withdraw
 * from the pupil's page.
 */
export function currentYes(history: readonly Pick<Decision, "purpose" | "answer" | "withdrawal">[]): string[] {
  const latest = new Map<string, boolean>();
  for (const d of history) latest.set(d.purpose, !d.withdrawal && d.answer === "yes");
  return [...latest].filter(([, yes]) => yes).map(([purpose]) => purpose);
}
