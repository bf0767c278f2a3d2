// Typed wrappers for the Tauri commands. A failing command rejects with the
// ApiError value the Rust side serialised; pass it to describeError().
import { Channel, invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";
import type {
  AgreementRecord,
  Admin,
  Block,
  ClassSummary,
  ConsentGrid,
  Dashboard,
  Decision,
  DiffLine,
  Filter,
  ImportInput,
  ImportOutcome,
  LeaversCleared,
  ImportPreview,
  ImportProgress,
  Launch,
  NoPhotoRow,
  PersonDetail,
  PersonInput,
  PersonSummary,
  Purpose,
  RolloverPreview,
  SignatureInput,
  SigningPlan,
  SignRequest,
  StatusFilter,
  StatusRow,
  Session,
  TemplateKind,
  TemplatePreview,
  TemplateSummary,
  TemplateVersion,
} from "./bindings";
import { isNotSignedIn, signedOut } from "./session";

/**
 * Every command goes through here. When the backend says nobody is signed in
 * (its idle lock has passed), the app is told at once, whichever page asked,
 * so it can take the window back to the sign-in screen.
 */
export async function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await tauriInvoke<T>(command, args);
  } catch (e) {
    if (isNotSignedIn(e)) signedOut({ kind: "refused" });
    throw e;
  }
}

export function launchState(): Promise<Launch> {
  return invoke<Launch>("launch_state");
}

/** Creates the school's database with its first headteacher or DSL user, who is then signed in. */
export function createSchool(name: string, admin: Admin): Promise<Dashboard> {
  return invoke<Dashboard>("create_school", { name, admin });
}

/**
 * Creates the fictional demo school with `admin` as its headteacher; the demo
 * users office, teacher and it get the same password. `admin` is then signed in.
 */
export function openDemo(admin: Admin): Promise<Dashboard> {
  return invoke<Dashboard>("open_demo", { admin });
}

/** Signs a staff user in; refused with `sign_in_failed` without saying which part was wrong. */
export function signIn(username: string, password: string): Promise<Dashboard> {
  return invoke<Dashboard>("sign_in", { username, password });
}

/** Signs out: every command is refused until someone signs in again. */
export function signOut(): Promise<null> {
  return invoke<null>("sign_out");
}

/** Who is signed in. Also tells the backend that the window is still in use. */
export function currentUser(): Promise<Session> {
  return invoke<Session>("current_user");
}

export function dashboard(): Promise<Dashboard> {
  return invoke<Dashboard>("dashboard");
}

export function listPeople(filter: Filter): Promise<PersonSummary[]> {
  return invoke<PersonSummary[]>("list_people", { filter });
}

export function personDetail(id: string): Promise<PersonDetail> {
  return invoke<PersonDetail>("person_detail", { id });
}

export function listClasses(): Promise<ClassSummary[]> {
  return invoke<ClassSummary[]>("list_classes");
}

export function addPerson(person: PersonInput): Promise<PersonDetail> {
  return invoke<PersonDetail>("add_person", { person });
}

export function updatePerson(id: string, person: PersonInput): Promise<PersonDetail> {
  return invoke<PersonDetail>("update_person", { id, person });
}

/** What importing the file would change. Writes nothing. */
export function importPreview(input: ImportInput): Promise<ImportPreview> {
  return invoke<ImportPreview>("import_preview", { input });
}

/** Imports the file in one transaction, reporting progress as it goes. */
export function importApply(input: ImportInput, onprogress: (p: ImportProgress) => void): Promise<ImportOutcome> {
  const onProgress = new Channel<ImportProgress>();
  onProgress.onmessage = onprogress;
  return invoke<ImportOutcome>("import_apply", { input, onProgress });
}

/** Clears the leaving dates that a full-roll import set, where nobody has changed them since. */
export function importClearLeavers(importId: string): Promise<LeaversCleared> {
  return invoke<LeaversCleared>("import_clear_leavers", { importId });
}

/** What moving into the academic year starting in `to` would do. Writes nothing. */
export function rolloverPreview(to: number): Promise<RolloverPreview> {
  return invoke<RolloverPreview>("rollover_preview", { to });
}

export function rolloverApply(to: number): Promise<RolloverPreview> {
  return invoke<RolloverPreview>("rollover_apply", { to });
}

/** Every published version of every agreement; `current` marks the one signed now. */
export function listTemplates(): Promise<TemplateSummary[]> {
  return invoke<TemplateSummary[]>("list_templates");
}

/** One version of an agreement; `null` for the current one. */
export function templateHistory(kind: TemplateKind): Promise<TemplateVersion[]> {
  return invoke<TemplateVersion[]>("template_history", { kind });
}

export function templateVersion(kind: TemplateKind, version: number | null): Promise<TemplateVersion> {
  return invoke<TemplateVersion>("template_version", { kind, version });
}

/** The saved draft's Markdown, or null when there is none. */
export function templateDraft(kind: TemplateKind): Promise<string | null> {
  return invoke<string | null>("template_draft", { kind });
}

/** How a template's Markdown will look once published. Writes nothing. */
export function previewTemplate(source: string): Promise<TemplatePreview> {
  return invoke<TemplatePreview>("preview_template", { source });
}

export function saveTemplateDraft(kind: TemplateKind, source: string): Promise<Block[]> {
  return invoke<Block[]>("save_template_draft", { kind, source });
}

/** Publishes a new version. A minor change needs `summary`: why it is minor. */
export function publishTemplate(
  kind: TemplateKind,
  source: string,
  material: boolean,
  summary: string | null,
): Promise<TemplateVersion> {
  return invoke<TemplateVersion>("publish_template", { kind, source, material, summary });
}

export function diffTemplates(kind: TemplateKind, from: number, to: number): Promise<DiffLine[]> {
  return invoke<DiffLine[]>("diff_templates", { kind, from, to });
}

/** How many people would need to sign again after a material change. */
export function affectedByChange(kind: TemplateKind): Promise<number> {
  return invoke<number>("affected_by_change", { kind });
}

/** The purposes families are asked about, retired ones included. */
export function consentPurposes(): Promise<Purpose[]> {
  return invoke<Purpose[]>("consent_purposes");
}

/** Each pupil's answer for each purpose in these classes (every class when empty). */
/** Adds a purpose families are asked about (the head). */
export function addPurpose(code: string, name: string, explanation: string): Promise<Purpose> {
  return invoke<Purpose>("consent_add_purpose", { code, name, explanation });
}

/** Renames a purpose or rewrites what families are told (null leaves it as it is). */
export function editPurpose(code: string, name: string | null, explanation: string | null): Promise<Purpose> {
  return invoke<Purpose>("consent_edit_purpose", { code, name, explanation });
}

/** Stops asking families about a purpose; the choices already made are kept. */
export function retirePurpose(code: string): Promise<null> {
  return invoke<null>("consent_retire_purpose", { code });
}

export function consentGrid(classes: string[]): Promise<ConsentGrid> {
  return invoke<ConsentGrid>("consent_grid", { classes });
}

/** Pupils who must not be photographed for at least one purpose, by class then surname. */
export function noPhotoList(classes: string[]): Promise<NoPhotoRow[]> {
  return invoke<NoPhotoRow[]>("no_photo_list", { classes });
}

/** Every consent decision about one person, oldest first. */
export function consentHistory(id: string): Promise<Decision[]> {
  return invoke<Decision[]>("consent_history", { id });
}

/** Withdraws consent for one purpose at once. */
/** Withdrawals recorded on or after `since` (YYYY-MM-DD), newest first, so published material can be taken down. */
export function consentWithdrawnSince(since: string): Promise<Decision[]> {
  return invoke<Decision[]>("consent_withdrawn_since", { since });
}

export function withdrawConsent(personId: string, purpose: string, reason: string | null): Promise<null> {
  return invoke<null>("withdraw_consent", { personId, purpose, reason });
}

/** Each person's agreement status: a class, a kind of person or one person, in one call. */
export function agreementStatus(filter: StatusFilter): Promise<StatusRow[]> {
  return invoke<StatusRow[]>("agreement_status", { filter });
}

/** Everything recorded for one person, newest first, withdrawn ones included. */
export function personAgreements(id: string): Promise<AgreementRecord[]> {
  return invoke<AgreementRecord[]>("person_agreements", { id });
}

/** What the person should sign now: the current text, the signers in order, who may sign. */
export function signingPlan(id: string): Promise<SigningPlan> {
  return invoke<SigningPlan>("signing_plan", { id });
}

/** Records an agreement. The app fills in the device; resending the same submission records it once. */
export function signAgreement(request: SignRequest): Promise<AgreementRecord> {
  return invoke<AgreementRecord>("sign_agreement", { request });
}

/** Adds a later signature (a parent's) to an agreement already recorded. */
export function addAgreementSignature(agreementId: string, signature: SignatureInput): Promise<AgreementRecord> {
  return invoke<AgreementRecord>("add_agreement_signature", { agreementId, signature });
}

export function withdrawAgreement(agreementId: string, reason: string): Promise<AgreementRecord> {
  return invoke<AgreementRecord>("withdraw_agreement", { agreementId, reason });
}

/** Whether agreements expire at the start of each school year. */
export function agreementRenewal(): Promise<boolean> {
  return invoke<boolean>("agreement_renewal");
}

export function setAgreementRenewal(annual: boolean): Promise<boolean> {
  return invoke<boolean>("set_agreement_renewal", { annual });
}

/** Whose agreements kiosk mode was started for: one class or one person. */
export type KioskScope = { class: string | null; person_id: string | null };

/** The kiosk scope if the device is handed over now, else null. */
export function kioskState(): Promise<KioskScope | null> {
  return invoke<KioskScope | null>("kiosk_state");
}

/** Hands the device over: full screen, signing only, until `secret` is given again. */
export function enterKiosk(secret: string, scope: KioskScope): Promise<KioskScope> {
  return invoke<KioskScope>("enter_kiosk", { secret, scope });
}

/** Leaves kiosk mode; a wrong PIN or password is refused, more slowly each time. */
export function exitKiosk(secret: string): Promise<null> {
  return invoke<null>("exit_kiosk", { secret });
}
