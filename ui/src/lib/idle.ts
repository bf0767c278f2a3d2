// The idle lock: after a set time without pointer, keyboard or touch input the
// window signs out, so a computer left in a classroom or the office does not
// stay open on pupils' records. The backend keeps its own lock too.

/** The input that counts as someone using the window. */
export const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;

/** The part of `window` the lock needs, so tests can pass their own. */
export type ActivityTarget = Pick<EventTarget, "addEventListener" | "removeEventListener">;

export type IdleLockOptions = {
  /** Minutes without input before `onidle` runs. */
  minutes: number;
  /** Runs once, when the time is up. */
  onidle: () => void;
  /** Runs on input, at most once per `activityEveryMs`: lets the backend know the window is in use. */
  onactivity?: () => void;
  /** How often `onactivity` may run; a minute unless set. */
  activityEveryMs?: number;
  /** Where input is listened for; `window` unless set. */
  target?: ActivityTarget;
  /** The clock; `Date.now` unless set. */
  now?: () => number;
};

export type IdleLock = {
  /** Stops listening and cancels the timer; `onidle` will not run. */
  stop: () => void;
};

// Capture, so input is seen even where a page stops it from bubbling.
const LISTEN: AddEventListenerOptions = { capture: true, passive: true };

/** The longest a timer is set for at once; browsers cap timeouts near 24.8 days anyway. */
const MAX_WAIT_MS = 60 * 60 * 1000;

/**
 * Starts the idle lock. Input only records the time, so busy typing costs
 * nothing; the timer checks the clock when it fires and waits again for
 * whatever is left. Using the clock, not counting timeouts, also means a
 * computer woken from sleep locks at once if the time has passed.
 */
export function startIdleLock(options: IdleLockOptions): IdleLock {
  const now = options.now ?? (() => Date.now());
  const target: ActivityTarget = options.target ?? window;
  const limitMs = Math.max(1, options.minutes) * 60_000;
  const activityEveryMs = options.activityEveryMs ?? 60_000;
  let last = now();
  let lastReported = last;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function onInput() {
    if (stopped) return;
    last = now();
    if (options.onactivity !== undefined && last - lastReported >= activityEveryMs) {
      lastReported = last;
      options.onactivity();
    }
  }

  function check() {
    timer = null;
    if (stopped) return;
    const left = last + limitMs - now();
    if (left <= 0) {
      stop();
      options.onidle();
    } else {
      timer = setTimeout(check, Math.min(left, MAX_WAIT_MS));
    }
  }

  function stop() {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onInput, true);
  }

  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onInput, LISTEN);
  timer = setTimeout(check, Math.min(limitMs, MAX_WAIT_MS));
  return { stop };
}
