import { dashboard, listPeople, signIn, signOut } from "./commands";
import { afterEach, describe, expect, it, vi } from "vitest";

const tauriInvoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({
  invoke: tauriInvoke,
  Channel: class {},
}));


import { isNotSignedIn, onSignedOut, roleLabel, signedOutNotice, type SignedOutReason } from "./session";

describe("the command wrapper", () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    tauriInvoke.mockReset();
  });

  function listen(): SignedOutReason[] {
    const seen: SignedOutReason[] = [];
    stops.push(onSignedOut((r) => seen.push(r)));
    return seen;
  }

  it("brings the sign-in screen back when any command is refused for want of a sign-in", async () => {
    const seen = listen();
    tauriInvoke.mockRejectedValueOnce({ kind: "not_signed_in" });
    const filter = { kind: null, class: null, year: null, search: null, include_leavers: false };
    await expect(listPeople(filter)).rejects.toEqual({ kind: "not_signed_in" });
    expect(seen).toEqual([{ kind: "refused" }]);
  });

  it("leaves other errors to the page that asked", async () => {
    const seen = listen();
    const forbidden = { kind: "forbidden", action: "change school settings", role: "Teacher" };
    tauriInvoke.mockRejectedValueOnce(forbidden);
    await expect(dashboard()).rejects.toBe(forbidden);
    tauriInvoke.mockRejectedValueOnce({ kind: "sign_in_failed" });
    await expect(signIn("head", "not the password")).rejects.toEqual({ kind: "sign_in_failed" });
    tauriInvoke.mockRejectedValueOnce("command dashboard not found");
    await expect(dashboard()).rejects.toBe("command dashboard not found");
    expect(seen).toEqual([]);
  });

  it("passes results and arguments through unchanged", async () => {
    tauriInvoke.mockResolvedValueOnce(null);
    await expect(signOut()).resolves.toBeNull();
    expect(tauriInvoke).toHaveBeenLastCalledWith("sign_out", undefined);
    tauriInvoke.mockResolvedValueOnce({ school_name: "Juniper Hill" });
    await signIn("head", "correct horse battery");
    expect(tauriInvoke).toHaveBeenLastCalledWith("sign_in", { username: "head", password: "correct horse battery" });
  });

  it("stops telling a listener once it has stopped listening", async () => {
    const seen: SignedOutReason[] = [];
    const stop = onSignedOut((r) => seen.push(r));
    stop();
    tauriInvoke.mockRejectedValueOnce({ kind: "not_signed_in" });
    await expect(dashboard()).rejects.toBeDefined();
    expect(seen).toEqual([]);
  });
});

describe("isNotSignedIn", () => {
  it("is true only for the not-signed-in error", () => {
    expect(isNotSignedIn({ kind: "not_signed_in" })).toBe(true);
    expect(isNotSignedIn({ kind: "sign_in_failed" })).toBe(false);
    expect(isNotSignedIn("not_signed_in")).toBe(false);
    expect(isNotSignedIn(null)).toBe(false);
  });
});

describe("signedOutNotice", () => {
  it("says how long the window was left", () => {
    expect(signedOutNotice({ kind: "idle", minutes: 15 })).toBe(
      "Locked after 15 minutes without use. Sign in again to carry on.",
    );
    expect(signedOutNotice({ kind: "idle", minutes: 1 })).toContain("after 1 minute without");
  });

  it("explains a lock the backend made, and a plain sign-out", () => {
    expect(signedOutNotice({ kind: "refused" })).toContain("locked itself");
    expect(signedOutNotice({ kind: "signed_out" })).toBe("You have signed out.");
    expect(signedOutNotice(null)).toBeNull();
  });
});

describe("roleLabel", () => {
  it("uses the core's words", () => {
    expect(roleLabel("head")).toBe("Headteacher or DSL");
    expect(roleLabel("it")).toBe("IT technician");
    expect(roleLabel("teacher")).toBe("Teacher");
    expect(roleLabel("office")).toBe("Office");
  });
});
