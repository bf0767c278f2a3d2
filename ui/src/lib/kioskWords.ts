// Every word the kiosk shows to a pupil (or a parent beside them), in one
// place, so that a kiosk screen cannot fall back to the staff wording used
// elsewhere. Written for a child of 5 to 11: short sentences, no staff terms,
// no error kinds. Only the staff exit ("Staff only: leave") talks to staff.
import type { StatusRow } from "./bindings";
import { describeError } from "./errors";
import { nextAction } from "./signing";

/** The one line a child sees when anything fails. */
export const CHILD_ERROR = "Something went wrong. Please ask your teacher.";

/**
 * Words a failure for the child at the screen: always {@link CHILD_ERROR}. The
 * staff wording is kept off screen, in the console, for whoever looks later.
 */
export function childError(error: unknown): string {
  console.warn(`Kiosk: ${describeError(error)}`);
  return CHILD_ERROR;
}

/** Minutes without a touch before an unfinished signing is dropped and the start screen comes back. */
export const KIOSK_IDLE_MINUTES = 3;

export const kioskWords = {
  /** The bar at the top: where the device is. */
  where: (cls: string | null) => (cls ? `${cls} class` : "Signing"),
  pickLetter: "Tap the first letter of your name",
  pickName: "Now tap your name",
  backToLetters: "Back to the letters",
  nobodyLeft: "Everyone has signed. Thank you!",
  giveBack: "Please give the device back to your teacher.",
  allDone: "All done",
  loading: "Getting ready…",
  tryAgain: "Try again",
  /** Leaves the signing without saving, for the wrong name or a child who stops. */
  stop: "Go back to the start",
  hello: (first: string) => `Hello, ${first}`,
  sorry: "Sorry",
  readNext: "I have read it. Next",
  grownUpSignsNow: "A grown-up signs now",
  next: "Next",
  /** After the photo choices, which come before the signature. */
  nextSign: "Next: sign",
  finish: "Finish",
  saving: "Saving…",
  done: (grownUpStillToSign: boolean) =>
    grownUpStillToSign ? "Thank you! Now a grown-up from home needs to sign too." : "Thank you! You have signed.",
  nextPerson: "Tap Finished, then give the device to the next person.",
  finished: "Finished",
  padHelp: "Use your finger or the pen to write in the box.",
  /** The pupil's own parent is not here: save now, the grown-up signs another day. */
  grownUpLater: "My grown-up is not here. They can sign another day.",
  noGrownUp: "A grown-up from home needs to sign this, but they cannot sign here yet. Please ask your teacher.",
} as const;

/**
 * Words the kiosk's own screens never use: staff terms and error kinds. The
 * tests check every kiosk word against it, and the end-to-end test checks
 * the screens.
 */
export const STAFF_WORDS = [
  "record",
  "status",
  "template",
  "purpose",
  "database",
  "kiosk",
  "PIN",
  "version",
  "key stage",
  "awaiting",
  "not signed",
  "withdrawn",
  "expired",
  "re-signing",
  "locked",
  "member of staff",
  "IT technician",
  "on roll",
];

/** The staff words in `text`, ignoring case; empty when there are none. */
export function staffWordsIn(text: string): string[] {
  const lower = text.toLowerCase();
  return STAFF_WORDS.filter((w) => lower.includes(w.toLowerCase()));
}

/** One person the child may pick: a short name, never a status. */
export type KioskChoice = {
  id: string;
  /** First name and the start of the family name: "Amara C.". */
  label: string;
  /** The letter the child taps to find it. */
  letter: string;
  addParent: boolean;
};

const splitName = (name: string): { given: string; family: string } => {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { given: words[0] ?? "", family: "" };
  return { given: words[0] ?? "", family: words[words.length - 1] ?? "" };
};

// Greek and Cyrillic capitals that look just like a Latin one share its button,
// so that the screen never shows two "E"s.
const LOOKALIKES: Record<string, string> = {
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", У: "Y", Х: "X",
};

/** The letter a name is found under: its first letter without accents, in capitals. */
export function firstLetter(name: string): string {
  const first = (Array.from(name.trim().normalize("NFD").replace(/\p{M}/gu, ""))[0] ?? "?").toLocaleUpperCase("en-GB");
  return LOOKALIKES[first] ?? first;
}

/**
 * Those still to sign, each as a short name: the first name and as little of
 * the family name as tells them apart ("Amara Ch.", "Amara Co."). Nobody who
 * has signed is offered, and no status is given.
 */
export function kioskChoices(rows: readonly StatusRow[]): KioskChoice[] {
  const open = rows.filter((r) => nextAction(r.status) !== null);
  const parts = open.map((r) => splitName(r.name));
  const lengths = parts.map(() => 1);
  const label = (i: number) => {
    const p = parts[i] ?? { given: "", family: "" };
    const n = lengths[i] ?? 1;
    if (p.family === "") return p.given;
    const family = Array.from(p.family);
    return n >= family.length ? `${p.given} ${p.family}` : `${p.given} ${family.slice(0, n).join("")}.`;
  };
  // Lengthen the family part of any label that two people share, until none do.
  for (let round = 0; round < 40; round += 1) {
    // "Leo Li" and "Leo Li." look the same to a child, so the dot does not count.
    const seen = new Map<string, number[]>();
    open.forEach((_, i) => {
      const bare = label(i).replace(/\.$/, "");
      seen.set(bare, [...(seen.get(bare) ?? []), i]);
    });
    const clashes = [...seen.values()].filter((ids) => ids.length > 1);
    if (clashes.length === 0) break;
    for (const ids of clashes) for (const i of ids) lengths[i] = (lengths[i] ?? 1) + 1;
  }
  return open.map((r, i) => ({
    id: r.person_id,
    label: label(i),
    letter: firstLetter(r.name),
    addParent: nextAction(r.status) === "add-parent",
  }));
}

/** The letters that have someone to pick, in alphabetical order. */
export function kioskLetters(choices: readonly KioskChoice[]): string[] {
  return [...new Set(choices.map((c) => c.letter))].sort((a, b) => a.localeCompare(b, "en-GB"));
}
