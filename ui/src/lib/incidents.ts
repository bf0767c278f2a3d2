// The plain rules the e-safety incident log's pages follow: the categories and
// checklist steps in words, and how a form's typed text becomes what the core
// is sent.
import type {
  ActionKind,
  AttachmentInput,
  IncidentCategory,
  IncidentStatus,
} from "./bindings";
import { isApiError, sentence } from "./errors";

export const CATEGORIES: readonly { id: IncidentCategory; label: string }[] = [
  { id: "illegal_material", label: "Illegal material" },
  { id: "inappropriate_material", label: "Inappropriate material" },
  { id: "bypassing_filtering", label: "Getting round the filtering" },
  { id: "account_misuse", label: "Sharing passwords or using another's account" },
  { id: "cyberbullying", label: "Cyberbullying or offensive messages" },
  { id: "copyright_data_protection", label: "Copyright or data protection breach" },
  { id: "unauthorised_device", label: "Unauthorised device or social media use" },
  { id: "damage", label: "Damage to data or equipment" },
  { id: "other", label: "Other" },
];

export const ACTIONS: readonly { id: ActionKind; label: string }[] = [
  { id: "class_teacher", label: "Referred to the class teacher" },
  { id: "head_of_computing", label: "Referred to the head of computing or IT" },
  { id: "headteacher", label: "Referred to the headteacher" },
  { id: "police", label: "Referred to the police" },
  { id: "technical_support", label: "Referred to technical support (filtering or security)" },
  { id: "parents_informed", label: "Parents or carers informed" },
  { id: "warning", label: "Warning given" },
  { id: "further_sanction", label: "Further sanction" },
  { id: "access_removed", label: "Network and internet access removed" },
];

export const STATUSES: readonly { id: IncidentStatus; label: string }[] = [
  { id: "open", label: "Open" },
  { id: "under_review", label: "Under review" },
  { id: "closed", label: "Closed" },
];

export function statusLabel(status: IncidentStatus): string {
  return STATUSES.find((s) => s.id === status)?.label ?? status;
}

/** One web address a line; blank lines dropped (the core checks each). */
export function urlLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** An access removal's end in words. */
export function untilText(until: string | null): string {
  return until === null ? "until review" : `until ${until}`;
}

/** A file chosen in the form, read into bytes for the core. */
export async function readAttachment(file: File): Promise<AttachmentInput> {
  const buffer = await file.arrayBuffer();
  return { file_name: file.name, bytes: Array.from(new Uint8Array(buffer)) };
}

/** Each field of the incident form the core may name, and the id of its box. */
export const INCIDENT_FIELDS: Readonly<Record<string, string>> = {
  date: "incident-date",
  time: "incident-time",
  "reported by": "incident-reporter",
  people: "incident-person-search",
  description: "incident-description",
  urls: "incident-urls",
  attachments: "incident-files",
};

/**
 * The core's refusal of a new incident as the problem of the one form field it
 * names, so that it is shown next to that field; null for any other error.
 */
export function incidentProblem(e: unknown): Record<string, string> | null {
  if (!isApiError(e) || e.kind !== "invalid_input" || !Object.hasOwn(INCIDENT_FIELDS, e.field)) return null;
  return { [e.field]: sentence(e.reason) };
}
