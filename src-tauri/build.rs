//! Generates the permission set for the app's own commands, so the capability
//! file can allow exactly these and nothing else.

/// Keep in step with the `invoke_handler` list in `src/main.rs`.
const COMMANDS: &[&str] = &[
    "launch_state",
    "create_school",
    "open_demo",
    "sign_in",
    "sign_out",
    "current_user",
    "dashboard",
    "list_people",
    "person_detail",
    "list_classes",
    "add_person",
    "update_person",
    "import_preview",
    "import_apply",
    "rollover_preview",
    "rollover_apply",
    "list_templates",
    "template_version",
    "template_history",
    "template_draft",
    "preview_template",
    "save_template_draft",
    "publish_template",
    "diff_templates",
    "agreement_status",
    "person_agreements",
    "sign_agreement",
    "add_agreement_signature",
    "withdraw_agreement",
    "affected_by_change",
    "consent_purposes",
    "consent_grid",
    "consent_history",
    "no_photo_list",
    "set_consent",
    "withdraw_consent",
    "list_users",
    "add_user",
    "reset_user_password",
    "remove_user",
    "change_own_password",
    "audit_list",
    "audit_verify",
    "backup_settings",
    "set_backup_settings",
    "backup_now",
    "retention_preview",
    "retention_purge",
    "set_retention_years",
    "destruction_log",
    "erase_person",
    "subject_access",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
