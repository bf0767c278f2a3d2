// Signing out from anywhere: the backend refuses every command with
// `not_signed_in` once its idle lock has passed, whichever page sent it. The
// command wrapper in api.ts reports that here, and the app listens, so one
// place takes the window back to the sign-in screen.
import type { Role } from "./bindings";
import { isApiError } from "./errors";

/** Why the sign-in screen came back. */
export type SignedOutReason =
  /** The window locked itself after this many minutes without use. */
  | { kind: "idle"; minutes: number }
  /** A command was refused because the session had ended on the computer's side. */
  | { kind: "refused" }
  /** The user chose Sign out. */
  | { kind: "signed_out" };

type Listener = (reason: SignedOutReason) => void;

const listeners = new Set<Listener>();

/** Calls `listener` whenever the session ends; returns a function that stops listening. */
export function onSignedOut(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells every listener that the session has ended. */
export function signedOut(reason: SignedOutReason): void {
  for (const listener of [...listeners]) listener(reason);
}

/** Whether a command failed because nobody is signed in any more. */
export function isNotSignedIn(e: unknown): boolean {
  return isApiError(e) && e.kind === "not_signed_in";
}

/** The short notice shown above the sign-in form, or null after choosing Sign out. */
export function signedOutNotice(reason: SignedOutReason | null): string | null {
  if (reason === null) return null;
  switch (reason.kind) {
    case "idle":
      return `Locked after ${reason.minutes} ${reason.minutes === 1 ? "minute" : "minutes"} without use. Sign in again to carry on.`;
    case "refused":
      return "Assent locked itself after a time without use. Sign in again to carry on.";
    case "signed_out":
      return "You have signed out.";
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

const ROLE_LABELS: Record<Role, string> = {
  office: "Office",
  teacher: "Teacher",
  head: "Headteacher or DSL",
  it: "IT technician",
};

/** A role in words, as the core writes it in its messages. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
