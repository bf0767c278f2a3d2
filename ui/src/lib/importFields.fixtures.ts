// Test data for the import's unit tests: a preview of a clean one-pupil file,
// changed as each test needs.
import type { ImportPreview, PreviewEntry } from "./bindings";

export function previewOf(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    kind: "pupils",
    file: "pupils.csv",
    rows: 1,
    columns: null,
    unmapped_columns: [],
    added: [{ line: 2, entity: "pupil", name: "Zoë O'Brien", changes: [] }],
    changed: [],
    unchanged: 0,
    leaving: [],
    roll: 0,
    leavers_need_confirmation: false,
    problems: [],
    ...overrides,
  };
}

/** A pupil on roll who is missing from the file. */
export function leaver(name: string): PreviewEntry {
  return { line: null, entity: "pupil", name, changes: [] };
}
