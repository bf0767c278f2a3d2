// The plain rules the Reports page follows: which documents there are, which
// formats and groups each allows, and how a result is described.
import { openPath } from "@tauri-apps/plugin-opener";
import type { Generated, ReportDocument, ReportFormat } from "./commands";

export type DocumentInfo = {
  id: ReportDocument;
  label: string;
  description: string;
  formats: readonly ReportFormat[];
  /** Whether it covers classes (and so takes the class checkboxes). */
  byClass: boolean;
  /** Whether adult groups (staff, governors…) may be chosen too. */
  adultGroups: boolean;
};

export const DOCUMENTS: readonly DocumentInfo[] = [
  {
    id: "consent_register",
    label: "Consent register",
    description: "Each pupil's photo and video consent, purpose by purpose, a class per section.",
    formats: ["pdf", "csv"],
    byClass: true,
    adultGroups: false,
  },
  {
    id: "aup_register",
    label: "Acceptable use register",
    description: "Who has signed their acceptable use agreement, with signature thumbnails.",
    formats: ["pdf", "csv"],
    byClass: true,
    adultGroups: true,
  },
  {
    id: "do_not_photograph",
    label: "Do-not-photograph sheet",
    description: "Pupils who must not be photographed, large and clear, for a trip or an event.",
    formats: ["pdf", "csv"],
    byClass: true,
    adultGroups: false,
  },
  {
    id: "outstanding",
    label: "Outstanding agreements",
    description: "Agreements not signed, waiting for a parent, or to sign again after a change.",
    formats: ["pdf", "csv"],
    byClass: true,
    adultGroups: true,
  },
  {
    id: "chase_letters",
    label: "Chase letters",
    description: "A letter to each family with an agreement to sign, siblings together (PDF only).",
    formats: ["pdf"],
    byClass: true,
    adultGroups: false,
  },
  {
    id: "consent_letters",
    label: "Consent letters",
    description: "A letter to each family with photo and video questions still unanswered, siblings together (PDF only).",
    formats: ["pdf"],
    byClass: true,
    adultGroups: false,
  },
  {
    id: "certificate",
    label: "Agreement certificate",
    description: "One agreement exactly as signed, with its signatures and fingerprints (PDF only).",
    formats: ["pdf"],
    byClass: false,
    adultGroups: false,
  },
];

/** The adult groups the AUP register and the outstanding list also take. */
export const ADULT_GROUPS: readonly { id: string; label: string }[] = [
  { id: "staff", label: "Staff" },
  { id: "governors", label: "Governors" },
  { id: "volunteers", label: "Volunteers" },
  { id: "visitors", label: "Visitors" },
  { id: "parents", label: "Parents and carers" },
];

export function documentInfo(id: ReportDocument): DocumentInfo {
  const found = DOCUMENTS.find((d) => d.id === id);
  if (found === undefined) throw new Error(`unknown document ${id}`);
  return found;
}

/** The format to use after choosing a document: the current one if it allows it, else PDF. */
export function formatFor(id: ReportDocument, current: ReportFormat): ReportFormat {
  return documentInfo(id).formats.includes(current) ? current : "pdf";
}

/** A path with its extension changed to the format's (or added, if it has none). */
export function withExtension(path: string, format: ReportFormat): string {
  const trimmed = path.trim();
  if (trimmed === "") return trimmed;
  const slash = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  const dot = trimmed.lastIndexOf(".");
  const stem = dot > slash + 1 ? trimmed.slice(0, dot) : trimmed;
  return `${stem}.${format}`;
}

/** "3 pages, 48 KB" or "12 KB". */
export function sizeText(made: Pick<Generated, "pages" | "bytes">): string {
  const kb = Math.max(1, Math.ceil(made.bytes / 1024));
  const size = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
  if (made.pages === null) return size;
  return `${made.pages} ${made.pages === 1 ? "page" : "pages"}, ${size}`;
}

/** What the selection covers, in words, for the status line. */
export function coverText(classes: readonly string[]): string {
  if (classes.length === 0) return "the whole school";
  if (classes.length === 1) return classes[0] ?? "";
  return `${classes.slice(0, -1).join(", ")} and ${classes[classes.length - 1] ?? ""}`;
}

/** Opens a saved document in the computer's own viewer. */
export function openDocument(path: string): Promise<void> {
  return openPath(path);
}

/** A file-name-safe form of a class or group's name: "Oak 3" → "oak-3"; "" for nothing usable. */
export function fileSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A suggested path with who it covers in the file name, before the date:
 * ".../chase-letters-2026-12-02.pdf" with "Oak" → ".../chase-letters-oak-2026-12-02.pdf".
 */
export function pathFor(suggested: string, who: string): string {
  const slug = fileSlug(who);
  if (slug === "") return suggested;
  const dated = /-(\d{4}-\d{2}-\d{2})(\.[A-Za-z0-9]+)$/;
  if (dated.test(suggested)) return suggested.replace(dated, `-${slug}-$1$2`);
  const dot = suggested.lastIndexOf(".");
  const slash = Math.max(suggested.lastIndexOf("/"), suggested.lastIndexOf("\\"));
  return dot > slash ? `${suggested.slice(0, dot)}-${slug}${suggested.slice(dot)}` : `${suggested}-${slug}`;
}
