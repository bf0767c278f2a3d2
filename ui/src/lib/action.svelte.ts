// The one way a page runs something that takes time: a load, a save, a
// withdrawal. Busy, error and success state live together here, a second run
// is refused while one is in flight (a double click saves once), and every
// failure is worded by describeError unless the page words it better.
import { describeError } from "./errors";

export type ActionOptions<A extends unknown[], R> = {
  /** The status line to show after a success, if any. */
  success?: (result: R, ...args: A) => string;
  /**
   * Takes a failure the page shows in its own place, such as a field's own
   * problem next to that field. Return true when it was handled there: no
   * alert is shown then.
   */
  handle?: (error: unknown) => boolean;
  /** Words a failure when the page has better words than describeError. */
  describe?: (error: unknown) => string;
};

export class Action<A extends unknown[], R> {
  /** True while the action runs. */
  busy = $state(false);
  /** What went wrong the last time, worded for the user, or null. */
  error = $state<string | null>(null);
  /** The success line of the last run, or "" before one. */
  status = $state("");
  /** What the last successful run returned; undefined before one. */
  result = $state.raw<R | undefined>(undefined);

  readonly #run: (...args: A) => Promise<R>;
  readonly #options: ActionOptions<A, R>;

  constructor(run: (...args: A) => Promise<R>, options: ActionOptions<A, R> = {}) {
    this.#run = run;
    this.#options = options;
  }

  /**
   * Runs the action unless it is running already. Resolves to true when it
   * succeeded; a failure is kept in `error` (or handed to `handle`), never thrown.
   */
  async run(...args: A): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    this.status = "";
    try {
      const result = await this.#run(...args);
      this.result = result;
      this.status = this.#options.success?.(result, ...args) ?? "";
      return true;
    } catch (e) {
      if (this.#options.handle?.(e) !== true) {
        this.error = (this.#options.describe ?? describeError)(e);
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Forgets the last error and status, as when a form is closed or edited. */
  clear(): void {
    this.error = null;
    this.status = "";
  }
}

/** An action over `run`; see {@link Action}. */
export function action<A extends unknown[], R>(
  run: (...args: A) => Promise<R>,
  options?: ActionOptions<A, R>,
): Action<A, R> {
  return new Action(run, options);
}
