import { describe, expect, it } from "vitest";
import { action } from "./action.svelte";
import { GENERIC_ERROR } from "./errors";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("action", () => {
  it("is busy while it runs, keeps the result and words the success", async () => {
    const gate = deferred<number>();
    const save = action((n: number) => gate.promise.then((v) => v + n), {
      success: (total, n) => `Saved ${total} (added ${n}).`,
    });
    const running = save.run(2);
    expect(save.busy).toBe(true);
    gate.resolve(40);
    expect(await running).toBe(true);
    expect(save.busy).toBe(false);
    expect(save.result).toBe(42);
    expect(save.status).toBe("Saved 42 (added 2).");
    expect(save.error).toBeNull();
  });

  it("refuses a second run while one is in flight", async () => {
    const gate = deferred<void>();
    let calls = 0;
    const save = action(() => {
      calls += 1;
      return gate.promise;
    });
    const first = save.run();
    expect(await save.run()).toBe(false);
    gate.resolve();
    expect(await first).toBe(true);
    expect(calls).toBe(1);
  });

  it("keeps a failure worded for the user and never throws it", async () => {
    const save = action(() => Promise.reject({ kind: "kiosk_locked" }));
    expect(await save.run()).toBe(false);
    expect(save.busy).toBe(false);
    expect(save.error).not.toBeNull();
    expect(save.error).not.toBe(GENERIC_ERROR);
    expect(save.result).toBeUndefined();
  });

  it("lets the page word or place a failure itself", async () => {
    let placed: unknown = null;
    const placedHere = action(() => Promise.reject(new Error("field")), {
      handle: (e) => {
        placed = e;
        return true;
      },
    });
    expect(await placedHere.run()).toBe(false);
    expect(placed).toBeInstanceOf(Error);
    expect(placedHere.error).toBeNull();

    const worded = action(() => Promise.reject(new Error("x")), { describe: () => "In the page's words." });
    await worded.run();
    expect(worded.error).toBe("In the page's words.");
  });

  it("clears the last error and status, and a new run starts clean", async () => {
    let fail = true;
    const save = action(() => (fail ? Promise.reject(new Error("no")) : Promise.resolve("ok")), {
      success: (r) => r,
    });
    await save.run();
    expect(save.error).toBe(GENERIC_ERROR);
    save.clear();
    expect(save.error).toBeNull();
    await save.run();
    fail = false;
    expect(await save.run()).toBe(true);
    expect(save.error).toBeNull();
    expect(save.status).toBe("ok");
  });
});
