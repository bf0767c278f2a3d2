// The import wizard's state, which its steps share: what the user chose, the
// file as read, the core's preview of it, the import's progress and the step
// shown. The shell makes one and hands it to each step.
import { tick } from "svelte";
import { action } from "../../../lib/action.svelte";
import type { ColumnChoice, ImportInput, ImportKind, ImportPreview } from "../../../lib/bindings";
import { importApply, importPreview } from "../../../lib/commands";
import {
  chooseColumn,
  confirmedLeavers,
  fileBytes,
  needsColumns,
  sameImportInput,
  whyNotImport,
} from "../../../lib/importFields";
import { latestAnswer } from "../../../lib/latest";

export type Step = "choose" | "columns" | "preview" | "applying" | "done";

export const STEPS: readonly { step: Step; label: string }[] = [
  { step: "choose", label: "Choose the file" },
  { step: "columns", label: "Match the columns" },
  { step: "preview", label: "Check the changes" },
  { step: "applying", label: "Import" },
];

export class ImportWizardState {
  step = $state<Step>("choose");
  kind = $state<ImportKind>("pupils");
  // Partial unless the user says otherwise: a full roll marks everyone missing from the file as leaving.
  fullRoll = $state(false);
  leaversTyped = $state("");
  encoding = $state("");
  file = $state.raw<{ name: string; bytes: number[] } | null>(null);
  fileError = $state<string | null>(null);
  choices = $state.raw<ColumnChoice[]>([]);
  preview = $state.raw<ImportPreview | null>(null);
  progress = $state<{ done: number; total: number } | null>(null);
  /** The wizard's section, where each step's heading takes the focus. */
  root: HTMLElement | undefined = $state();

  readonly isCsv = $derived(this.kind !== "ctf");
  readonly blocked = $derived(this.preview === null ? null : whyNotImport(this.preview));
  readonly unconfirmed = $derived(
    this.preview !== null &&
      this.preview.leavers_need_confirmation &&
      confirmedLeavers(this.preview, this.leaversTyped) === null,
  );
  readonly stepIndex = $derived(
    this.step === "done" ? STEPS.length : STEPS.findIndex((s) => s.step === this.step),
  );

  // The file chosen last: a read still under way for an earlier one is not kept.
  #picked: File | undefined = undefined;
  // The read under way, so "Continue" pressed meanwhile waits for it instead of doing nothing.
  #read: Promise<unknown> = Promise.resolve();

  readonly reading = action(
    async () => {
      const { question, answer } = await latestAnswer(
        () => this.#picked,
        (a, b) => a === b,
        (picked) => (picked === undefined ? Promise.resolve(null) : fileBytes(picked)),
      );
      this.file = question === undefined || answer === null ? null : { name: question.name, bytes: answer };
    },
    {
      handle: () => {
        this.fileError = `Assent could not read ${this.#picked?.name ?? "the file"}. Check that the file is not open in another program, then choose it again.`;
        return true;
      },
    },
  );

  // Columns chosen one after another each ask again; only the preview of the latest choices is shown.
  readonly checking = action(async () => {
    const { answer } = await latestAnswer(
      () => this.input(),
      sameImportInput,
      (req) => (req === null ? Promise.resolve(null) : importPreview(req)),
    );
    if (answer !== null) this.preview = answer;
    return answer !== null;
  });

  readonly applying = action((req: ImportInput) =>
    importApply(req, (p) => (this.progress = { done: p.done, total: p.total })),
  );

  /** What went wrong last, for the steps to show: the import itself, else the preview. */
  get error(): string | null {
    return this.applying.error ?? this.checking.error;
  }

  input(): ImportInput | null {
    if (this.file === null) return null;
    return {
      kind: this.kind,
      file_name: this.file.name,
      bytes: this.file.bytes,
      encoding: this.encoding === "" ? null : this.encoding,
      choices: this.isCsv ? this.choices : [],
      full_roll: this.kind === "pupils" && this.fullRoll,
      leaving_date: null,
      confirmed_leavers: this.preview === null ? null : confirmedLeavers(this.preview, this.leaversTyped),
    };
  }

  async goTo(next: Step): Promise<void> {
    this.step = next;
    await tick();
    this.root?.querySelector<HTMLElement>("h2.step-heading")?.focus();
  }

  /** A new file, kind or encoding means the preview and any column choices no longer apply. */
  reset(): void {
    this.preview = null;
    this.choices = [];
    this.checking.clear();
    this.applying.clear();
    this.leaversTyped = "";
  }

  pickFile(picked: File | undefined): void {
    this.reset();
    this.fileError = null;
    this.file = null;
    this.#picked = picked;
    // A read under way takes up the new file itself once it is done.
    if (picked !== undefined && !this.reading.busy) this.#read = this.reading.run();
  }

  /** Runs the preview; true when its result is the one now shown. */
  async runPreview(): Promise<boolean> {
    this.applying.clear();
    return (await this.checking.run()) && this.checking.result === true;
  }

  /** Moves on from the first step; false when there is no file yet (the step says so). */
  async continueFromFile(): Promise<boolean> {
    if (this.checking.busy) return true;
    await this.#read;
    if (this.checking.busy) return true;
    if (this.file === null) {
      this.fileError = "Choose the file to import.";
      return false;
    }
    this.fileError = null;
    if (!(await this.runPreview()) || this.preview === null) return true;
    await this.goTo(needsColumns(this.preview) ? "columns" : "preview");
    return true;
  }

  mapColumn(header: string, value: string): void {
    const columns = this.preview?.columns?.columns ?? [];
    this.choices = chooseColumn(columns, this.choices, header, value === "" ? null : value);
    // One under way asks again with these choices once it is done.
    void this.runPreview();
  }

  async apply(): Promise<void> {
    const req = this.input();
    if (req === null || this.blocked !== null || this.unconfirmed || this.step !== "preview") return;
    this.progress = { done: 0, total: 0 };
    this.checking.clear();
    await this.goTo("applying");
    if (await this.applying.run(req)) {
      await this.goTo("done");
      return;
    }
    // Show the file's state now, as the database may have changed since the
    // preview, keeping the import's failure in view.
    await this.checking.run();
    await this.goTo("preview");
  }

  startAgain(): void {
    this.file = null;
    this.#picked = undefined;
    this.reset();
    void this.goTo("choose");
  }
}
