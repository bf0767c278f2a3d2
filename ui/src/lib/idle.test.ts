import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ACTIVITY_EVENTS, startIdleLock } from "./idle";

const MINUTE = 60_000;

describe("startIdleLock", () => {
  let target: EventTarget;

  beforeEach(() => {
    vi.useFakeTimers();
    target = new EventTarget();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const input = (type: (typeof ACTIVITY_EVENTS)[number] = "keydown") => target.dispatchEvent(new Event(type));

  it("locks once the time passes with no input", () => {
    const onidle = vi.fn();
    startIdleLock({ minutes: 15, onidle, target });
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onidle).toHaveBeenCalledTimes(1);
    // Only once, however long the window then stays idle.
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it.each(ACTIVITY_EVENTS)("counts %s as use and starts the time again", (type) => {
    const onidle = vi.fn();
    startIdleLock({ minutes: 15, onidle, target });
    vi.advanceTimersByTime(10 * MINUTE);
    input(type);
    vi.advanceTimersByTime(14 * MINUTE);
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 * MINUTE);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it("ignores events that are not input", () => {
    const onidle = vi.fn();
    startIdleLock({ minutes: 1, onidle, target });
    vi.advanceTimersByTime(30_000);
    target.dispatchEvent(new Event("focus"));
    vi.advanceTimersByTime(30_000);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it("keeps going while someone keeps working, and locks when they stop", () => {
    const onidle = vi.fn();
    startIdleLock({ minutes: 5, onidle, target });
    for (let i = 0; i < 60; i += 1) {
      vi.advanceTimersByTime(MINUTE);
      input("pointermove");
    }
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5 * MINUTE);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it("locks at once when the computer wakes after the time has passed", () => {
    const onidle = vi.fn();
    startIdleLock({ minutes: 15, onidle, target });
    // Asleep: the clock moves on but no timer fires until it wakes.
    vi.setSystemTime(Date.now() + 2 * 60 * MINUTE);
    vi.advanceTimersByTime(15 * MINUTE);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it("never runs after stop, and stops listening", () => {
    const onidle = vi.fn();
    const onactivity = vi.fn();
    const lock = startIdleLock({ minutes: 1, onidle, onactivity, activityEveryMs: 0, target });
    lock.stop();
    input();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(onidle).not.toHaveBeenCalled();
    expect(onactivity).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports use at most once a minute", () => {
    const onactivity = vi.fn();
    startIdleLock({ minutes: 15, onidle: vi.fn(), onactivity, target });
    input();
    expect(onactivity).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MINUTE);
    input();
    input("pointerdown");
    input("wheel");
    expect(onactivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30_000);
    input();
    expect(onactivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30_000);
    input();
    expect(onactivity).toHaveBeenCalledTimes(2);
  });

  it("treats less than a minute as one minute", () => {
    const onidle = vi.fn();
    startIdleLock({ minutes: 0, onidle, target });
    vi.advanceTimersByTime(MINUTE - 1);
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onidle).toHaveBeenCalledTimes(1);
  });
});
