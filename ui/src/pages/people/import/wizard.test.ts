import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportInput, ImportPreview } from "../../../lib/bindings";
import { leaver, previewOf as preview } from "../../../lib/importFields.fixtures";

const calls: { preview: ImportInput[]; apply: ImportInput[] } = { preview: [], apply: [] };
let answerPreview: (input: ImportInput) => Promise<ImportPreview>;
let answerApply: () => Promise<unknown>;

vi.mock("../../../lib/commands", () => ({
  importPreview: (input: ImportInput) => {
    calls.preview.push(input);
    return answerPreview(input);
  },
  importApply: (input: ImportInput) => {
    calls.apply.push(input);
    return answerApply();
  },
}));

const { ImportWizardState } = await import("./wizard.svelte");


const columns = {
  columns: [
    { header: "First", field: null, chosen: false },
    { header: "Last", field: null, chosen: false },
  ],
  missing: ["Legal Forename", "Legal Surname"],
  ambiguous: [],
};

function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

function withFile() {
  const wizard = new ImportWizardState();
  wizard.pickFile(new File(["UPN\n"], "pupils.csv"));
  return wizard;
}

beforeEach(() => {
  calls.preview = [];
  calls.apply = [];
  answerPreview = async () => preview();
  answerApply = async () => ({ import_id: "i1", added: 1, changed: 0, unchanged: 0, leaving: 0 });
});

describe("ImportWizardState", () => {
  it("asks for the file first, then goes straight to the changes when every column is known", async () => {
    const wizard = new ImportWizardState();
    expect(await wizard.continueFromFile()).toBe(false);
    expect(wizard.fileError).toBe("Choose the file to import.");

    wizard.pickFile(new File(["UPN\n"], "pupils.csv"));
    expect(await wizard.continueFromFile()).toBe(true);
    expect(wizard.fileError).toBeNull();
    expect(calls.preview).toHaveLength(1);
    expect(calls.preview[0]?.file_name).toBe("pupils.csv");
    expect(wizard.step).toBe("preview");
  });

  it("stops at the columns when some are missing", async () => {
    answerPreview = async () => preview({ columns });
    const wizard = withFile();
    await wizard.continueFromFile();
    expect(wizard.step).toBe("columns");
  });

  it("shows only the preview of the columns as last chosen", async () => {
    answerPreview = async () => preview({ columns });
    const wizard = withFile();
    await wizard.continueFromFile();

    const first = gate<ImportPreview>();
    answerPreview = () => first.promise;
    wizard.mapColumn("First", "Legal Forename");
    answerPreview = async (input) => preview({ columns, rows: input.choices.length });
    wizard.mapColumn("Last", "Legal Surname");
    first.open(preview({ columns, rows: 99 }));
    await vi.waitFor(() => expect(wizard.checking.busy).toBe(false));

    expect(wizard.preview?.rows).toBe(2);
    expect(calls.preview.at(-1)?.choices).toEqual([
      { header: "First", field: "Legal Forename" },
      { header: "Last", field: "Legal Surname" },
    ]);
  });

  it("keeps the Import button's failure in view after showing the file's state afresh", async () => {
    const wizard = withFile();
    await wizard.continueFromFile();
    answerApply = () => Promise.reject({ kind: "not_signed_in" });
    await wizard.apply();
    expect(calls.apply).toHaveLength(1);
    expect(calls.preview).toHaveLength(2);
    expect(wizard.step).toBe("preview");
    expect(wizard.error).toContain("not signed in");

    wizard.reset();
    expect(wizard.error).toBeNull();
  });

  it("imports once, then says what it did", async () => {
    const wizard = withFile();
    await wizard.continueFromFile();
    await wizard.apply();
    expect(wizard.step).toBe("done");
    expect(wizard.applying.result?.added).toBe(1);
    wizard.startAgain();
    expect(wizard.file).toBeNull();
    expect(wizard.preview).toBeNull();
  });

  it("will not import while leavers wait to be confirmed", async () => {
    answerPreview = async () =>
      preview({ leaving: [leaver("Ada Quill"), leaver("Bo Reyes")], roll: 3, leavers_need_confirmation: true });
    const wizard = withFile();
    await wizard.continueFromFile();
    expect(wizard.unconfirmed).toBe(true);
    await wizard.apply();
    expect(calls.apply).toHaveLength(0);
    wizard.leaversTyped = "2";
    expect(wizard.unconfirmed).toBe(false);
    await wizard.apply();
    expect(calls.apply[0]?.confirmed_leavers).toBe(2);
  });

  it("keeps the file chosen last when an earlier one is still being read", async () => {
    const wizard = new ImportWizardState();
    wizard.pickFile(new File(["a"], "first.csv"));
    wizard.pickFile(new File(["b"], "second.csv"));
    await wizard.continueFromFile();
    expect(wizard.file?.name).toBe("second.csv");
    expect(calls.preview[0]?.file_name).toBe("second.csv");
  });
});
