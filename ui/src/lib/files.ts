// Where a document or export is saved, and which backup is restored: the
// system's save and open dialogs, for the pages that write or read files.
import { open, save } from "@tauri-apps/plugin-dialog";

export type FileKind = "pdf" | "csv";

const FILTERS: Record<FileKind, { name: string; extensions: string[] }> = {
  pdf: { name: "PDF document", extensions: ["pdf"] },
  csv: { name: "CSV spreadsheet", extensions: ["csv"] },
};

/**
 * The system's save dialog, starting at `current` if set; `null` if the user
 * cancelled. Without a `kind` any file name is offered (a kept screenshot, say).
 */
export async function chooseSavePath(
  current: string,
  kind: FileKind | null,
  title = "Save the document as",
): Promise<string | null> {
  const filters = kind === null ? [] : [FILTERS[kind]];
  const start = current.trim();
  return await save(start === "" ? { filters, title } : { defaultPath: start, filters, title });
}

/** The system's open dialog for one Assent backup; `null` if the user cancelled. */
export async function chooseBackupFile(title = "Choose the backup to restore"): Promise<string | null> {
  return await open({
    title,
    multiple: false,
    directory: false,
    filters: [{ name: "Assent backup", extensions: ["assentbak"] }],
  });
}
