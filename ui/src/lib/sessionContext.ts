// The signed-in user, for pages deep in the shell that offer a button only to
// roles that may use it. The shell sets it; the core still decides.
import { getContext, setContext } from "svelte";
import type { Session } from "./bindings";
import { can, type Permission } from "./permissions";

const KEY = Symbol("session");

/** Called by the shell: `get` returns the signed-in user. */
export function provideSession(get: () => Session): void {
  setContext(KEY, get);
}

/**
 * Whether the signed-in user's role may do `permission`. Outside a shell (a
 * page tested on its own) everything is offered and the core has the last word.
 */
export function allowed(permission: Permission): boolean {
  const get = getContext<(() => Session) | undefined>(KEY);
  if (get === undefined) return true;
  return can(get().role, permission);
}
