//! The TypeScript declarations of every type the UI receives from the core.
//!
//! `ui/src/lib/bindings.ts` is generated from [`typescript`]. A test fails when
//! the checked-in file differs; run `UPDATE_BINDINGS=1 cargo test -p assent-core`
//! to regenerate it after changing a type.

use std::fmt::Write as _;

use ts_rs::{Config, TS};

use crate::accounts::{
    AccountAction, AccountExport, AccountGroup, AccountRow, AccountSettings, AccountStatus,
    Blocker, ExportDone, ExportFormat, ExportSummary, ExportedAccount, GroupSettings,
    InitialPassword, LeftOut, LoginSlip, MarkedExport, PasswordStyle, PendingSlips, SlipSettings,
    SlipsPrinted, UsernameExample,
};
use crate::agreements::{
    AgreementRecord, AgreementStatus, BatchParent, BatchPupil, ConsentChoice, Method, PaperBatch,
    PlanContact, PlannedSigner, Point, RecordedSignature, SignRequest, SignatureInput, SignerRole,
    SigningPlan, StatusFilter, StatusRow,
};
use crate::audit::{
    AuditCategory, AuditCategoryOption, AuditFilter, AuditPerson, AuditRow, BrokenEntry,
    ChainReport,
};
use crate::auth::{Permission, Role, Session};
use crate::backup::{AutomaticBackups, BackupContents, BackupInfo, RestoreOutcome};
use crate::consent::{
    ConsentCell, ConsentGrid, ConsentMethod, ConsentRow, ConsentState, Decision, NoPhotoRow,
    Purpose,
};
use crate::dashboard::{
    AgreementCount, AudienceProgress, Checklist, ChecklistStep, ClassProgress, ConsentProgress,
    Dashboard, KindCount, Launch, Overview, Progress, SetupStep, Trend, TrendCount, TrendPoint,
};
use crate::import::ImportProgress;
use crate::import::{
    ColumnChoice, ColumnMap, FieldChange, ImportInput, ImportKind, ImportOutcome, ImportPreview,
    LeaversCleared, MappedColumn, PreviewEntry, Problem,
};
use crate::incidents::{
    ActionInput, ActionKind, AttachmentInfo, AttachmentInput, CategoryCount, IncidentAction,
    IncidentCategory, IncidentDetail, IncidentFilter, IncidentInput, IncidentReport,
    IncidentStatus, IncidentSummary, InvolvedInput, InvolvedPerson, InvolvedRole, OpenIncident,
    Sanction, StatusChange,
};
use crate::people::{
    ClassSummary, FieldProblem, Filter, LinkedPerson, PersonDetail, PersonInput, PersonKind,
    PersonSummary,
};
use crate::retention::{DestructionRow, PurgeCandidate, RetentionPreview};
use crate::rollover::{RolloverPreview, YearMove};
use crate::templates::{
    Block, DiffLine, ReviewDue, TemplateKind, TemplatePreview, TemplateReview, TemplateSummary,
    TemplateVersion,
};
use crate::terms::{Term, TermName};
use crate::users::{NewUser, UserSummary};
use crate::values::KeyStage;
use crate::{Admin, Error, IoProblem};

/// The whole generated file.
// One line per type: splitting the list would only scatter it.
pub fn typescript() -> String {
    let cfg = Config::default();
    let decls = [
        PersonKind::decl(&cfg),
        KeyStage::decl(&cfg),
        TemplateKind::decl(&cfg),
        ReviewDue::decl(&cfg),
        KindCount::decl(&cfg),
        Role::decl(&cfg),
        Permission::decl(&cfg),
        Session::decl(&cfg),
        Admin::decl(&cfg),
        NewUser::decl(&cfg),
        UserSummary::decl(&cfg),
        BackupInfo::decl(&cfg),
        RestoreOutcome::decl(&cfg),
        BackupContents::decl(&cfg),
        AutomaticBackups::decl(&cfg),
        AuditCategory::decl(&cfg),
        AuditCategoryOption::decl(&cfg),
        AuditFilter::decl(&cfg),
        AuditPerson::decl(&cfg),
        AuditRow::decl(&cfg),
        BrokenEntry::decl(&cfg),
        ChainReport::decl(&cfg),
        PurgeCandidate::decl(&cfg),
        RetentionPreview::decl(&cfg),
        DestructionRow::decl(&cfg),
        AgreementCount::decl(&cfg),
        Dashboard::decl(&cfg),
        Launch::decl(&cfg),
        Filter::decl(&cfg),
        PersonSummary::decl(&cfg),
        LinkedPerson::decl(&cfg),
        PersonDetail::decl(&cfg),
        ClassSummary::decl(&cfg),
        PersonInput::decl(&cfg),
        FieldProblem::decl(&cfg),
        ImportKind::decl(&cfg),
        ColumnChoice::decl(&cfg),
        MappedColumn::decl(&cfg),
        ColumnMap::decl(&cfg),
        Problem::decl(&cfg),
        FieldChange::decl(&cfg),
        PreviewEntry::decl(&cfg),
        ImportPreview::decl(&cfg),
        ImportOutcome::decl(&cfg),
        ImportInput::decl(&cfg),
        ImportProgress::decl(&cfg),
        LeaversCleared::decl(&cfg),
        Block::decl(&cfg),
        TemplateVersion::decl(&cfg),
        TemplatePreview::decl(&cfg),
        TemplateSummary::decl(&cfg),
        TemplateReview::decl(&cfg),
        DiffLine::decl(&cfg),
        ConsentMethod::decl(&cfg),
        ConsentState::decl(&cfg),
        Purpose::decl(&cfg),
        ConsentCell::decl(&cfg),
        ConsentRow::decl(&cfg),
        ConsentGrid::decl(&cfg),
        NoPhotoRow::decl(&cfg),
        Decision::decl(&cfg),
        YearMove::decl(&cfg),
        RolloverPreview::decl(&cfg),
        IoProblem::decl(&cfg),
        Error::decl(&cfg).replacen("type Error =", "type ApiError =", 1),
    ];
    let decls = decls
        .into_iter()
        .chain(agreements(&cfg))
        .chain(dashboard(&cfg))
        .chain(accounts(&cfg))
        .chain(incidents(&cfg));
    let mut out = String::from(
        "// Generated from the Rust types in assent-core by `UPDATE_BINDINGS=1 cargo test -p assent-core`. Do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push('\n');
    }
    out.push_str(&role_permissions());
    out
}

/// Signing agreements: the requests, the records, each person's status and the signing plans.
fn agreements(cfg: &Config) -> Vec<String> {
    vec![
        SignerRole::decl(cfg),
        Method::decl(cfg),
        Point::decl(cfg),
        SignatureInput::decl(cfg),
        ConsentChoice::decl(cfg),
        SignRequest::decl(cfg),
        RecordedSignature::decl(cfg),
        AgreementRecord::decl(cfg),
        AgreementStatus::decl(cfg),
        StatusFilter::decl(cfg),
        StatusRow::decl(cfg),
        PlannedSigner::decl(cfg),
        PlanContact::decl(cfg),
        SigningPlan::decl(cfg),
        BatchPupil::decl(cfg),
        BatchParent::decl(cfg),
        PaperBatch::decl(cfg),
    ]
}

/// The e-safety incident log's types.
fn incidents(cfg: &Config) -> Vec<String> {
    vec![
        IncidentCategory::decl(cfg),
        IncidentStatus::decl(cfg),
        ActionKind::decl(cfg),
        InvolvedRole::decl(cfg),
        InvolvedInput::decl(cfg),
        AttachmentInput::decl(cfg),
        IncidentInput::decl(cfg),
        ActionInput::decl(cfg),
        IncidentFilter::decl(cfg),
        InvolvedPerson::decl(cfg),
        IncidentSummary::decl(cfg),
        IncidentAction::decl(cfg),
        StatusChange::decl(cfg),
        AttachmentInfo::decl(cfg),
        IncidentDetail::decl(cfg),
        Sanction::decl(cfg),
        CategoryCount::decl(cfg),
        OpenIncident::decl(cfg),
        IncidentReport::decl(cfg),
    ]
}

/// What each role may do, from [`Permission::allows`], so the window offers
/// only what the core will accept.
fn role_permissions() -> String {
    let mut out = String::from(
        "\n/** What each role may do (from `Permission::allows` in the core). */\nexport const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {\n",
    );
    for role in Role::ALL {
        let allowed: Vec<String> = Permission::ALL
            .iter()
            .filter(|p| p.allows(role))
            .map(|p| serde_json::to_string(p).unwrap_or_default())
            .collect();
        let _ = writeln!(out, "  {}: [{}],", role.code(), allowed.join(", "));
    }
    out.push_str("};\n");
    out
}

/// The dashboard page's figures: the bars, the term's trend and the set-up checklist.
fn dashboard(cfg: &Config) -> [String; 13] {
    [
        ConsentProgress::decl(cfg),
        ClassProgress::decl(cfg),
        AudienceProgress::decl(cfg),
        Progress::decl(cfg),
        TermName::decl(cfg),
        Term::decl(cfg),
        TrendCount::decl(cfg),
        TrendPoint::decl(cfg),
        Trend::decl(cfg),
        SetupStep::decl(cfg),
        ChecklistStep::decl(cfg),
        Checklist::decl(cfg),
        Overview::decl(cfg),
    ]
}

/// The IT accounts' types.
fn accounts(cfg: &Config) -> Vec<String> {
    vec![
        AccountGroup::decl(cfg),
        PasswordStyle::decl(cfg),
        GroupSettings::decl(cfg),
        SlipSettings::decl(cfg),
        AccountSettings::decl(cfg),
        UsernameExample::decl(cfg),
        AccountStatus::decl(cfg),
        Blocker::decl(cfg),
        AccountRow::decl(cfg),
        ExportFormat::decl(cfg),
        AccountAction::decl(cfg),
        InitialPassword::decl(cfg),
        ExportedAccount::decl(cfg),
        LeftOut::decl(cfg),
        AccountExport::decl(cfg),
        LoginSlip::decl(cfg),
        ExportSummary::decl(cfg),
        ExportDone::decl(cfg),
        PendingSlips::decl(cfg),
        SlipsPrinted::decl(cfg),
        MarkedExport::decl(cfg),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn bindings_file() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/lib/bindings.ts")
    }

    #[test]
    fn checked_in_bindings_match_the_rust_types() {
        let expected = super::typescript();
        let path = bindings_file();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{} is out of date: run `UPDATE_BINDINGS=1 cargo test -p assent-core`",
            path.display()
        );
    }
}
