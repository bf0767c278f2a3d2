// The e-safety incident log's commands and the plain rules the Incidents page
// follows: the categories and checklist steps in words, and how a form's
// typed text becomes what the core is sent.
import { invoke } from "./api";
import type {
  ActionInput,
  ActionKind,
  AttachmentInfo,
  AttachmentInput,
  IncidentCategory,
  IncidentDetail,
  IncidentFilter,
  IncidentInput,
  IncidentStatus,
  IncidentSummary,
  Sanction,
} from "./bindings";

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

export function listIncidents(filter: IncidentFilter): Promise<IncidentSummary[]> {
  return invoke<IncidentSummary[]>("incidents_list", { filter });
}

export function incidentDetail(id: string): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_detail", { id });
}

export function recordIncident(input: IncidentInput): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("record_incident", { input });
}

/** Keeps another file (a screenshot, say) with an incident. */
export function addAttachment(id: string, file: AttachmentInput): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_add_attachment", { id, file });
}

/** Saves a copy of a file kept with an incident to `path`. */
export function saveAttachment(id: string, attachmentId: string, path: string): Promise<AttachmentInfo> {
  return invoke<AttachmentInfo>("incident_save_attachment", { id, attachmentId, path });
}

export function addAction(id: string, input: ActionInput): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_add_action", { id, input });
}

export function liftSanction(actionId: string, note: string | null): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_lift_sanction", { actionId, note });
}

export function setStatus(id: string, status: IncidentStatus, outcome: string | null): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_set_status", { id, status, outcome });
}

export function setChildProtection(id: string, childProtection: boolean): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_set_child_protection", { id, childProtection });
}

export function sanctions(): Promise<Sanction[]> {
  return invoke<Sanction[]>("incident_sanctions");
}
