// Generated from the app's commands (src-tauri/src/commands/) by `UPDATE_BINDINGS=1 cargo test -p assent-app`. Do not edit.

import { Channel } from "@tauri-apps/api/core";
import type { AccountGroup, AccountRow, AccountSettings, ActionInput, Admin, AgreementRecord, AttachmentInfo, AttachmentInput, AuditCategoryOption, AuditFilter, AuditRow, AutomaticBackups, BackupContents, BackupInfo, Block, ChainReport, Checklist, ClassSummary, ConsentGrid, Dashboard, Decision, DestructionRow, DiffLine, ExportDone, ExportFormat, ExportSummary, Filter, ImportInput, ImportOutcome, ImportPreview, ImportProgress, IncidentDetail, IncidentFilter, IncidentInput, IncidentStatus, IncidentSummary, Launch, LeaversCleared, MarkedExport, NewUser, NoPhotoRow, Overview, PaperBatch, PersonDetail, PersonInput, PersonSummary, Purpose, RestoreOutcome, RetentionPreview, RolloverPreview, Sanction, Session, SignRequest, SignatureInput, SigningPlan, SlipsPrinted, StatusFilter, StatusRow, TemplateKind, TemplatePreview, TemplateReview, TemplateSummary, TemplateVersion, UserSummary, UsernameExample } from "./bindings";
import { invoke } from "./invoke";

export type KioskScope = { 
/**
 * A class to work through.
 */
class: string | null, 
/**
 * One person.
 */
person_id: string | null, };
export type ReportDocument = "consent_register" | "aup_register" | "do_not_photograph" | "outstanding" | "chase_letters" | "consent_letters" | "certificate" | "incidents_summary" | "incidents_for_head";
export type ReportFormat = "pdf" | "csv";
export type ReportRequest = { document: ReportDocument, 
/**
 * For a certificate: the agreement's id.
 */
agreement_id: string | null, 
/**
 * Classes or groups; empty for the whole school.
 */
classes: Array<string>, format: ReportFormat, 
/**
 * For the incident summaries: the first and last days covered.
 */
from: string | null, to: string | null, 
/**
 * Where to save it.
 */
path: string, };
export type Generated = { path: string, 
/**
 * For a PDF.
 */
pages: number | null, 
/**
 * The file's size in bytes.
 */
bytes: number, 
/**
 * Characters no built-in font could print (they show as empty boxes).
 */
missing: Array<string>, };

export function accountsStatus(): Promise<AccountRow[]> {
  return invoke<AccountRow[]>("accounts_status");
}

/**
 * Writes the file to upload (and the login slips, if asked for): the changes, or everything.
 */
export function accountsExport(format: ExportFormat, all: boolean, path: string, slipsPath: string | null, class_: string | null): Promise<ExportDone> {
  return invoke<ExportDone>("accounts_export", { format, all, path, slipsPath, class: class_ });
}

/**
 * Prints the login slips of a pending export (the newest unless one is named).
 */
export function accountsSlips(exportId: string | null, class_: string | null, path: string): Promise<SlipsPrinted> {
  return invoke<SlipsPrinted>("accounts_slips", { exportId, class: class_, path });
}

export function accountsMarkProvisioned(exportId: string): Promise<MarkedExport> {
  return invoke<MarkedExport>("accounts_mark_provisioned", { exportId });
}

/**
 * Undoes marking an export provisioned, while no later export has been made:
 * its people are waiting in it again. Its initial passwords do not come back.
 */
export function accountsUnmarkProvisioned(exportId: string): Promise<MarkedExport> {
  return invoke<MarkedExport>("accounts_unmark_provisioned", { exportId });
}

export function accountsCancelExport(exportId: string): Promise<null> {
  return invoke<null>("accounts_cancel_export", { exportId });
}

/**
 * Sets the username a person's account will have; resolves to the username as stored.
 */
export function accountsSetUsername(personId: string, username: string): Promise<string> {
  return invoke<string>("accounts_set_username", { personId, username });
}

export function accountsExports(): Promise<ExportSummary[]> {
  return invoke<ExportSummary[]>("accounts_exports");
}

/**
 * Every account setting: each group's domain, patterns and paths, and the slips' options.
 */
export function accountsSettings(): Promise<AccountSettings> {
  return invoke<AccountSettings>("accounts_settings");
}

/**
 * Saves every account setting at once; resolves to them as stored (trimmed).
 */
export function accountsSetSettings(settings: AccountSettings): Promise<AccountSettings> {
  return invoke<AccountSettings>("accounts_set_settings", { settings });
}

/**
 * The usernames a pattern, saved or not, would give five people of the group on roll.
 */
export function accountsPreviewUsernames(group: AccountGroup, pattern: string): Promise<UsernameExample[]> {
  return invoke<UsernameExample[]>("accounts_preview_usernames", { group, pattern });
}

/**
 * Where an export is suggested to go: `<Documents>/Assent/<name>-<date>.<ext>`.
 */
export function accountsDefaultPath(name: string, extension: string): Promise<string> {
  return invoke<string>("accounts_default_path", { name, extension });
}

export function listUsers(): Promise<UserSummary[]> {
  return invoke<UserSummary[]>("list_users");
}

export function addUser(user: NewUser): Promise<UserSummary> {
  return invoke<UserSummary>("add_user", { user });
}

export function resetUserPassword(username: string, password: string): Promise<null> {
  return invoke<null>("reset_user_password", { username, password });
}

/**
 * Removes a user's access; their past actions stay in the audit log.
 */
export function removeUser(username: string): Promise<null> {
  return invoke<null>("remove_user", { username });
}

export function changeOwnPassword(current: string, new_: string): Promise<null> {
  return invoke<null>("change_own_password", { current, new: new_ });
}

export function auditList(filter: AuditFilter): Promise<AuditRow[]> {
  return invoke<AuditRow[]>("audit_list", { filter });
}

/**
 * The kinds of entry the audit log can be narrowed to, with their names.
 */
export function auditCategories(): Promise<AuditCategoryOption[]> {
  return invoke<AuditCategoryOption[]>("audit_categories");
}

export function auditVerify(): Promise<ChainReport> {
  return invoke<ChainReport>("audit_verify");
}

export function backupSettings(): Promise<AutomaticBackups> {
  return invoke<AutomaticBackups>("backup_settings");
}

export function setBackupSettings(settings: AutomaticBackups): Promise<null> {
  return invoke<null>("set_backup_settings", { settings });
}

export function backupNow(path: string): Promise<BackupInfo> {
  return invoke<BackupInfo>("backup_now", { path });
}

/**
 * What a backup holds, read with the head's password before it is restored.
 */
export function backupContents(path: string, password: string): Promise<BackupContents> {
  return invoke<BackupContents>("backup_contents", { path, password });
}

/**
 * Restores a backup over the school's data, keeping the data it replaces
 * beside it; the head stays signed in, on the restored data.
 */
export function restoreBackup(path: string, password: string): Promise<RestoreOutcome> {
  return invoke<RestoreOutcome>("restore_backup", { path, password });
}

export function retentionPreview(): Promise<RetentionPreview> {
  return invoke<RetentionPreview>("retention_preview");
}

/**
 * Destroys the records the preview listed; resolves to how many people's records went.
 */
export function retentionPurge(): Promise<number> {
  return invoke<number>("retention_purge");
}

export function setRetentionYears(years: number): Promise<null> {
  return invoke<null>("set_retention_years", { years });
}

export function destructionLog(): Promise<DestructionRow[]> {
  return invoke<DestructionRow[]>("destruction_log");
}

export function erasePerson(id: string, reason: string): Promise<null> {
  return invoke<null>("erase_person", { id, reason });
}

/**
 * Writes everything held about a person into `folder`; resolves to the files written.
 */
export function subjectAccess(id: string, folder: string): Promise<string[]> {
  return invoke<string[]>("subject_access", { id, folder });
}

/**
 * Each person's agreement status: a class, a kind of person or one person, in one call.
 */
export function agreementStatus(filter: StatusFilter): Promise<StatusRow[]> {
  return invoke<StatusRow[]>("agreement_status", { filter });
}

/**
 * What the person should sign now: the current text, the signers in order, who may sign.
 */
export function signingPlan(id: string): Promise<SigningPlan> {
  return invoke<SigningPlan>("signing_plan", { id });
}

/**
 * Everything needed to enter a class's returned paper forms one after another, in one call.
 */
export function paperBatch(class_: string): Promise<PaperBatch> {
  return invoke<PaperBatch>("paper_batch", { class: class_ });
}

/**
 * Everything recorded for one person, newest first, withdrawn ones included.
 */
export function personAgreements(id: string): Promise<AgreementRecord[]> {
  return invoke<AgreementRecord[]>("person_agreements", { id });
}

/**
 * Records an agreement. The app fills in the device; resending the same submission records it once.
 */
export function signAgreement(request: SignRequest): Promise<AgreementRecord> {
  return invoke<AgreementRecord>("sign_agreement", { request });
}

/**
 * Adds a later signature (a parent's) to an agreement already recorded.
 */
export function addAgreementSignature(agreementId: string, signature: SignatureInput): Promise<AgreementRecord> {
  return invoke<AgreementRecord>("add_agreement_signature", { agreementId, signature });
}

export function withdrawAgreement(agreementId: string, reason: string): Promise<AgreementRecord> {
  return invoke<AgreementRecord>("withdraw_agreement", { agreementId, reason });
}

/**
 * How many people would need to sign again after a material change.
 */
export function affectedByChange(kind: TemplateKind): Promise<number> {
  return invoke<number>("affected_by_change", { kind });
}

/**
 * Whether agreements expire at the start of each school year.
 */
export function agreementRenewal(): Promise<boolean> {
  return invoke<boolean>("agreement_renewal");
}

export function setAgreementRenewal(annual: boolean): Promise<boolean> {
  return invoke<boolean>("set_agreement_renewal", { annual });
}

/**
 * The purposes families are asked about, retired ones included.
 */
export function consentPurposes(): Promise<Purpose[]> {
  return invoke<Purpose[]>("consent_purposes");
}

/**
 * Adds a purpose families are asked about (the head).
 */
export function consentAddPurpose(code: string, name: string, explanation: string): Promise<Purpose> {
  return invoke<Purpose>("consent_add_purpose", { code, name, explanation });
}

/**
 * Renames a purpose or changes what families are told; decisions already made
 * keep the explanation they were given.
 */
export function consentEditPurpose(code: string, name: string | null, explanation: string | null): Promise<Purpose> {
  return invoke<Purpose>("consent_edit_purpose", { code, name, explanation });
}

/**
 * Stops asking about a purpose; its decisions are kept.
 */
export function consentRetirePurpose(code: string): Promise<null> {
  return invoke<null>("consent_retire_purpose", { code });
}

/**
 * Each pupil's answer for each purpose in these classes (every class when empty).
 */
export function consentGrid(classes: string[]): Promise<ConsentGrid> {
  return invoke<ConsentGrid>("consent_grid", { classes });
}

/**
 * Withdrawals recorded on or after `since` (a date as typed), newest first.
 */
export function consentWithdrawnSince(since: string): Promise<Decision[]> {
  return invoke<Decision[]>("consent_withdrawn_since", { since });
}

/**
 * Every consent decision about one person, oldest first.
 */
export function consentHistory(id: string): Promise<Decision[]> {
  return invoke<Decision[]>("consent_history", { id });
}

/**
 * Pupils who must not be photographed for at least one purpose, by class then surname.
 */
export function noPhotoList(classes: string[]): Promise<NoPhotoRow[]> {
  return invoke<NoPhotoRow[]>("no_photo_list", { classes });
}

/**
 * Withdraws consent for one purpose at once.
 */
export function withdrawConsent(personId: string, purpose: string, reason: string | null): Promise<null> {
  return invoke<null>("withdraw_consent", { personId, purpose, reason });
}

export function incidentsList(filter: IncidentFilter): Promise<IncidentSummary[]> {
  return invoke<IncidentSummary[]>("incidents_list", { filter });
}

export function incidentDetail(id: string): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_detail", { id });
}

export function recordIncident(input: IncidentInput): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("record_incident", { input });
}

/**
 * Keeps another file (a screenshot, say) with an incident.
 */
export function incidentAddAttachment(id: string, file: AttachmentInput): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_add_attachment", { id, file });
}

/**
 * Saves a copy of a file kept with an incident where the user chose.
 */
export function incidentSaveAttachment(id: string, attachmentId: string, path: string): Promise<AttachmentInfo> {
  return invoke<AttachmentInfo>("incident_save_attachment", { id, attachmentId, path });
}

export function incidentAddAction(id: string, input: ActionInput): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_add_action", { id, input });
}

export function incidentLiftSanction(actionId: string, note: string | null): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_lift_sanction", { actionId, note });
}

export function incidentSetStatus(id: string, status: IncidentStatus, outcome: string | null): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_set_status", { id, status, outcome });
}

export function incidentSetChildProtection(id: string, childProtection: boolean): Promise<IncidentDetail> {
  return invoke<IncidentDetail>("incident_set_child_protection", { id, childProtection });
}

export function incidentSanctions(): Promise<Sanction[]> {
  return invoke<Sanction[]>("incident_sanctions");
}

/**
 * The kiosk scope if the device is handed over now, else null.
 */
export function kioskState(): Promise<KioskScope | null> {
  return invoke<KioskScope | null>("kiosk_state");
}

/**
 * Hands the device over: full screen, signing only, until `secret` is given again.
 */
export function enterKiosk(secret: string, scope: KioskScope): Promise<KioskScope> {
  return invoke<KioskScope>("enter_kiosk", { secret, scope });
}

/**
 * Leaves kiosk mode; a wrong PIN or password is refused, more slowly each time.
 */
export function exitKiosk(secret: string): Promise<null> {
  return invoke<null>("exit_kiosk", { secret });
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

/**
 * What importing the file would change. Writes nothing.
 */
export function importPreview(input: ImportInput): Promise<ImportPreview> {
  return invoke<ImportPreview>("import_preview", { input });
}

/**
 * Imports the file in one transaction, reporting progress as it goes.
 */
export function importApply(input: ImportInput, onProgress: (message: ImportProgress) => void): Promise<ImportOutcome> {
  const onProgressChannel = new Channel<ImportProgress>();
  onProgressChannel.onmessage = onProgress;
  return invoke<ImportOutcome>("import_apply", { input, onProgress: onProgressChannel });
}

/**
 * Clears the leaving dates that a full-roll import set, where nobody has changed them since.
 */
export function importClearLeavers(importId: string): Promise<LeaversCleared> {
  return invoke<LeaversCleared>("import_clear_leavers", { importId });
}

/**
 * What moving into the academic year starting in `to` would do. Writes nothing.
 */
export function rolloverPreview(to: number): Promise<RolloverPreview> {
  return invoke<RolloverPreview>("rollover_preview", { to });
}

export function rolloverApply(to: number): Promise<RolloverPreview> {
  return invoke<RolloverPreview>("rollover_apply", { to });
}

/**
 * Makes the document and saves it, away from the window's thread so the
 * window stays responsive while a long register is laid out.
 */
export function generateReport(request: ReportRequest): Promise<Generated> {
  return invoke<Generated>("generate_report", { request });
}

/**
 * `<Documents>/Assent/<document>-<YYYY-MM-DD>.<pdf|csv>` (the home folder if
 * there is no Documents folder).
 */
export function suggestReportPath(document: ReportDocument, format: ReportFormat): Promise<string> {
  return invoke<string>("suggest_report_path", { document, format });
}

export function launchState(): Promise<Launch> {
  return invoke<Launch>("launch_state");
}

/**
 * Creates the school's database with its first headteacher or DSL user, who is then signed in.
 */
export function createSchool(name: string, admin: Admin): Promise<Dashboard> {
  return invoke<Dashboard>("create_school", { name, admin });
}

/**
 * Renames the school (head users); resolves to the name as stored.
 */
export function setSchoolName(name: string): Promise<string> {
  return invoke<string>("set_school_name", { name });
}

/**
 * Creates the fictional demo school with `admin` as its headteacher; the demo
 * users office, teacher and it get the same password. `admin` is then signed in.
 */
export function openDemo(admin: Admin): Promise<Dashboard> {
  return invoke<Dashboard>("open_demo", { admin });
}

/**
 * Signs a staff user in; refused with `sign_in_failed` without saying which part was wrong.
 */
export function signIn(username: string, password: string): Promise<Dashboard> {
  return invoke<Dashboard>("sign_in", { username, password });
}

/**
 * Signs out (or locks after the idle time): everything is refused until someone signs in.
 */
export function signOut(): Promise<null> {
  return invoke<null>("sign_out");
}

/**
 * Who is signed in. Also tells the backend that the window is still in use.
 */
export function currentUser(): Promise<Session> {
  return invoke<Session>("current_user");
}

export function dashboard(): Promise<Dashboard> {
  return invoke<Dashboard>("dashboard");
}

/**
 * Everything the dashboard page draws: the figures, the bars per class and
 * group, the term's trend and the set-up checklist. Worked out away from the
 * window's thread, since a large school's history takes a moment to recount.
 */
export function dashboardOverview(): Promise<Overview> {
  return invoke<Overview>("dashboard_overview");
}

/**
 * Puts the set-up checklist away for everyone, or brings it back (head users).
 */
export function setChecklistDismissed(dismissed: boolean): Promise<Checklist | null> {
  return invoke<Checklist | null>("set_checklist_dismissed", { dismissed });
}

/**
 * Every published version of every agreement; `current` marks the one signed now.
 */
export function listTemplates(): Promise<TemplateSummary[]> {
  return invoke<TemplateSummary[]>("list_templates");
}

/**
 * Each agreement's current version, and whether the school has published its own or adopted Assent's.
 */
export function templateReviews(): Promise<TemplateReview[]> {
  return invoke<TemplateReview[]>("template_reviews");
}

/**
 * Records that the school has read Assent's default text of `kind` and keeps it as it is.
 */
export function adoptTemplate(kind: TemplateKind): Promise<TemplateReview> {
  return invoke<TemplateReview>("adopt_template", { kind });
}

/**
 * The saved draft's Markdown, or null when there is none.
 */
export function templateDraft(kind: TemplateKind): Promise<string | null> {
  return invoke<string | null>("template_draft", { kind });
}

/**
 * How a template's Markdown will look once published. Writes nothing.
 */
export function previewTemplate(source: string): Promise<TemplatePreview> {
  return invoke<TemplatePreview>("preview_template", { source });
}

export function saveTemplateDraft(kind: TemplateKind, source: string): Promise<Block[]> {
  return invoke<Block[]>("save_template_draft", { kind, source });
}

/**
 * Publishes a new version. A minor change needs `summary`: why it is minor.
 */
export function publishTemplate(kind: TemplateKind, source: string, material: boolean, summary: string | null): Promise<TemplateVersion> {
  return invoke<TemplateVersion>("publish_template", { kind, source, material, summary });
}

export function diffTemplates(kind: TemplateKind, from: number, to: number): Promise<DiffLine[]> {
  return invoke<DiffLine[]>("diff_templates", { kind, from, to });
}

/**
 * One version of an agreement; `null` for the current one.
 */
export function templateHistory(kind: TemplateKind): Promise<TemplateVersion[]> {
  return invoke<TemplateVersion[]>("template_history", { kind });
}
