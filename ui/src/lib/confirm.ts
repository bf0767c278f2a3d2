// Typed confirmation: before something that cannot be undone, the user types a
// word, so that a stray click or Enter cannot do it.

/** Whether `typed` is the confirmation phrase, ignoring case and spaces around it. */
export function confirmed(typed: string, phrase: string): boolean {
  return typed.trim().toLowerCase() === phrase.trim().toLowerCase();
}
