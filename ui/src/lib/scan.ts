// A scan of a returned paper form, read from the file the office chose, as the
// core takes it. The core checks its type and size again.
import { MAX_SCAN_BYTES } from "./signing";

/** A scan ready to send, with the words that say which file it is. */
export type Scan = { bytes: number[]; note: string };

/** The file's bytes and a note ("form.pdf, 120 KB"), or why it cannot be attached. */
export async function readScan(file: File): Promise<Scan | { problem: string }> {
  if (file.size > MAX_SCAN_BYTES) {
    return { problem: "The scan is larger than 10 MB. Scan it again at a lower resolution, or save it as a smaller PDF." };
  }
  const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
  return { bytes, note: `${file.name}, ${Math.max(1, Math.round(file.size / 1024))} KB` };
}
