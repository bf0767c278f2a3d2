// The one way the window calls the app: the generated client (commands.ts)
// goes through here.
import { invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";
import { isNotSignedIn, signedOut } from "./session";

/**
 * Calls a command. When the backend says nobody is signed in (its idle lock
 * has passed), the app is told at once, whichever page asked, so it can take
 * the window back to the sign-in screen.
 */
export async function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await tauriInvoke<T>(command, args);
  } catch (e) {
    if (isNotSignedIn(e)) signedOut({ kind: "refused" });
    throw e;
  }
}
