//! The Assent desktop app. Every command here is a thin adapter: it takes the
//! open [`Store`] from the app state, calls `assent-core`, and hands back the
//! core's result. Errors cross to the UI as the core's tagged [`Error`] enum.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// Tauri hands command arguments over by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use assent_core::agreements::{
    self, AgreementRecord, SignRequest, SignatureInput, StatusFilter, StatusRow,
};
use assent_core::consent::{
    self, ConsentGrid, ConsentMethod, Decision, DecisionInput, NoPhotoRow, Purpose,
};
use assent_core::dashboard::{self, Dashboard, Launch};
use assent_core::import::{self, ImportInput, ImportOutcome, ImportPreview, ImportProgress};
use assent_core::people::{self, ClassSummary, Filter, PersonDetail, PersonInput, PersonSummary};
use assent_core::rollover::{self, RolloverPreview};
use assent_core::templates::{
    self, Block, DiffLine, PublishOptions, TemplateKind, TemplatePreview, TemplateSummary,
    TemplateVersion,
};
use assent_core::{Actor, Error, Result, Store, demo, paths, values};
use clap::Parser;
use tauri::State;
use tauri::ipc::Channel;

/// Command-line options; tests use `--db` to point the app at a temporary file.
#[derive(Parser)]
#[command(name = "assent-app", version, about = "The Assent desktop app")]
struct Args {
    /// The database file to open or create.
    #[arg(long, value_name = "PATH", env = paths::DB_ENV)]
    db: Option<PathBuf>,
}

/// The database path and, once opened or created, the one long-lived store.
struct AppState {
    db_path: PathBuf,
    store: Mutex<Option<Store>>,
}

impl AppState {
    fn lock(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock cannot leave the store half-written
        // (every write is one transaction), so a poisoned lock is still usable.
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.lock();
        let store = guard.as_mut().ok_or_else(|| Error::NoDatabase {
            path: self.db_path.display().to_string(),
        })?;
        f(store)
    }
}

fn actor() -> Actor {
    Actor::local("Assent app")
}

#[tauri::command]
fn launch_state(state: State<'_, AppState>) -> Result<Launch> {
    let mut guard = state.lock();
    if guard.is_none() {
        if !state.db_path.exists() {
            return Ok(Launch::NoDatabase {
                db_path: state.db_path.display().to_string(),
            });
        }
        *guard = Some(Store::open(&state.db_path)?);
    }
    let store = guard.as_ref().expect("opened above");
    Ok(Launch::Ready {
        dashboard: dashboard::load(store)?,
    })
}

#[tauri::command]
fn create_school(state: State<'_, AppState>, name: String) -> Result<Dashboard> {
    let store = Store::create(&state.db_path, &name, &actor())?;
    let dashboard = dashboard::load(&store)?;
    *state.lock() = Some(store);
    Ok(dashboard)
}

#[tauri::command]
fn open_demo(state: State<'_, AppState>) -> Result<Dashboard> {
    let (store, _) = demo::create_or_fill(&state.db_path, &actor())?;
    let dashboard = dashboard::load(&store)?;
    *state.lock() = Some(store);
    Ok(dashboard)
}

#[tauri::command]
fn dashboard(state: State<'_, AppState>) -> Result<Dashboard> {
    state.with_store(|store| dashboard::load(store))
}

#[tauri::command]
fn list_people(state: State<'_, AppState>, filter: Filter) -> Result<Vec<PersonSummary>> {
    state.with_store(|store| people::list(store.conn(), &filter))
}

#[tauri::command]
fn person_detail(state: State<'_, AppState>, id: String) -> Result<PersonDetail> {
    state.with_store(|store| people::detail(store.conn(), &id))
}

#[tauri::command]
fn list_classes(state: State<'_, AppState>) -> Result<Vec<ClassSummary>> {
    state.with_store(|store| people::classes(store.conn()))
}

#[tauri::command]
fn add_person(state: State<'_, AppState>, person: PersonInput) -> Result<PersonDetail> {
    state.with_store(|store| people::add(store, &person, &actor()))
}

#[tauri::command]
fn update_person(
    state: State<'_, AppState>,
    id: String,
    person: PersonInput,
) -> Result<PersonDetail> {
    state.with_store(|store| people::edit(store, &id, &person, &actor()))
}

// Imports run off the main thread so the window keeps drawing the progress bar.
#[tauri::command]
async fn import_preview(state: State<'_, AppState>, input: ImportInput) -> Result<ImportPreview> {
    let request = input.into_request()?;
    state.with_store(|store| import::preview(store, &request))
}

#[tauri::command]
async fn import_apply(
    state: State<'_, AppState>,
    input: ImportInput,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportOutcome> {
    let request = input.into_request()?;
    state.with_store(|store| {
        import::apply_with_progress(store, &request, &actor(), &mut |done, total| {
            // A closed window cannot take progress; the import carries on regardless.
            let _ = on_progress.send(ImportProgress { done, total });
        })
    })
}

#[tauri::command]
fn rollover_preview(state: State<'_, AppState>, to: i32) -> Result<RolloverPreview> {
    state.with_store(|store| rollover::preview(store.conn(), to))
}

#[tauri::command]
async fn rollover_apply(state: State<'_, AppState>, to: i32) -> Result<RolloverPreview> {
    state.with_store(|store| rollover::apply(store, to, &actor()))
}

#[tauri::command]
fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateSummary>> {
    state.with_store(|store| templates::list(store.conn()))
}

#[tauri::command]
fn template_version(
    state: State<'_, AppState>,
    kind: TemplateKind,
    version: Option<u32>,
) -> Result<TemplateVersion> {
    state.with_store(|store| templates::version(store.conn(), kind, version))
}

#[tauri::command]
fn template_draft(state: State<'_, AppState>, kind: TemplateKind) -> Result<Option<String>> {
    state.with_store(|store| templates::draft(store.conn(), kind))
}

#[tauri::command]
fn preview_template(source: String) -> Result<TemplatePreview> {
    templates::preview(&source).map_err(|reason| Error::invalid("template", reason))
}

#[tauri::command]
fn save_template_draft(
    state: State<'_, AppState>,
    kind: TemplateKind,
    source: String,
) -> Result<Vec<Block>> {
    state.with_store(|store| templates::save_draft(store, kind, &source, &actor()))
}

#[tauri::command]
fn publish_template(
    state: State<'_, AppState>,
    kind: TemplateKind,
    source: String,
    material: bool,
    summary: Option<String>,
) -> Result<TemplateVersion> {
    let options = PublishOptions {
        material,
        summary,
        ..PublishOptions::default()
    };
    state.with_store(|store| templates::publish(store, kind, &source, &options, &actor()))
}

#[tauri::command]
fn diff_templates(
    state: State<'_, AppState>,
    kind: TemplateKind,
    from: u32,
    to: u32,
) -> Result<Vec<DiffLine>> {
    state.with_store(|store| templates::diff(store.conn(), kind, from, to))
}

#[tauri::command]
fn agreement_status(state: State<'_, AppState>, filter: StatusFilter) -> Result<Vec<StatusRow>> {
    state.with_store(|store| agreements::status(store.conn(), &filter))
}

#[tauri::command]
fn person_agreements(state: State<'_, AppState>, id: String) -> Result<Vec<AgreementRecord>> {
    state.with_store(|store| agreements::agreements_for(store.conn(), Some(&id)))
}

#[tauri::command]
fn sign_agreement(state: State<'_, AppState>, request: SignRequest) -> Result<AgreementRecord> {
    state.with_store(|store| agreements::sign(store, &request, &actor()))
}

#[tauri::command]
fn add_agreement_signature(
    state: State<'_, AppState>,
    agreement_id: String,
    signature: SignatureInput,
    device: String,
) -> Result<AgreementRecord> {
    state.with_store(|store| {
        agreements::add_signature(store, &agreement_id, &signature, &device, &actor())
    })
}

#[tauri::command]
fn withdraw_agreement(
    state: State<'_, AppState>,
    agreement_id: String,
    reason: String,
) -> Result<AgreementRecord> {
    state.with_store(|store| agreements::withdraw(store, &agreement_id, &reason, &actor()))
}

#[tauri::command]
fn affected_by_change(state: State<'_, AppState>, kind: TemplateKind) -> Result<u32> {
    state.with_store(|store| agreements::affected_by_change(store.conn(), kind))
}

#[tauri::command]
fn consent_purposes(state: State<'_, AppState>) -> Result<Vec<Purpose>> {
    state.with_store(|store| consent::purposes(store.conn()))
}

#[tauri::command]
fn consent_grid(state: State<'_, AppState>, classes: Vec<String>) -> Result<ConsentGrid> {
    state.with_store(|store| consent::grid(store.conn(), &classes))
}

#[tauri::command]
fn consent_history(state: State<'_, AppState>, id: String) -> Result<Vec<Decision>> {
    state.with_store(|store| consent::history(store.conn(), &id))
}

#[tauri::command]
fn no_photo_list(state: State<'_, AppState>, classes: Vec<String>) -> Result<Vec<NoPhotoRow>> {
    state.with_store(|store| consent::no_photo(store.conn(), &classes))
}

#[tauri::command]
fn set_consent(
    state: State<'_, AppState>,
    person_id: String,
    purpose: String,
    yes: bool,
    given_by: String,
    method: ConsentMethod,
    date: Option<String>,
) -> Result<()> {
    let date = date
        .as_deref()
        .map(|d| values::parse_date(d).map_err(|reason| Error::invalid("date", reason)))
        .transpose()?;
    let input = DecisionInput {
        person_id,
        purpose,
        yes,
        given_by,
        method,
        date,
    };
    state.with_store(|store| consent::set(store, &input, &actor()))
}

#[tauri::command]
fn withdraw_consent(
    state: State<'_, AppState>,
    person_id: String,
    purpose: String,
    reason: Option<String>,
) -> Result<()> {
    state.with_store(|store| {
        consent::withdraw(store, &person_id, &purpose, reason.as_deref(), &actor())
    })
}

fn main() {
    let args = Args::parse();
    let state = AppState {
        db_path: paths::resolve_database_path(args.db),
        store: Mutex::new(None),
    };
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            launch_state,
            create_school,
            open_demo,
            dashboard,
            list_people,
            person_detail,
            list_classes,
            add_person,
            update_person,
            import_preview,
            import_apply,
            rollover_preview,
            rollover_apply,
            list_templates,
            template_version,
            template_draft,
            preview_template,
            save_template_draft,
            publish_template,
            diff_templates,
            agreement_status,
            person_agreements,
            sign_agreement,
            add_agreement_signature,
            withdraw_agreement,
            affected_by_change,
            consent_purposes,
            consent_grid,
            consent_history,
            no_photo_list,
            set_consent,
            withdraw_consent
        ])
        .run(tauri::generate_context!())
        .expect("the Assent window could not be started");
}
