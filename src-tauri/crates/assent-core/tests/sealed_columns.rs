//! The sealed columns: drawn signatures (picture and strokes), scanned paper
//! forms, files kept with an incident and what an incident says happened are
//! stored encrypted with the school's data key on either engine, so a copy of
//! the database without the key shows none of them. Assent's own readers give
//! them back whole, values stored plain before sealing still read, and a
//! sealed value moved onto another row is refused.

// Each test follows one situation from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use crate::common::{self, PNG, drawn};

use assent_core::agreements::{self, SignerRole};
use assent_core::incidents::{
    self, AttachmentInput, IncidentCategory, IncidentInput, InvolvedInput,
};
use assent_core::templates::TemplateKind;
use assent_core::{Error, Store, params, sar};

/// A scanned paper form (a PDF), with words no other stored value has.
const SCAN: &[u8] =
    b"%PDF-1.4\n% Scanned at the school office: the Wren family's signed paper form\n%%EOF\n";
/// A screenshot kept with an incident (a JPEG), likewise.
const SCREENSHOT: &[u8] =
    b"\xff\xd8\xff\xe0\0\x10JFIF\0 screenshot of the messages sent to Year 5 \xff\xd9";
/// What happened, as the head wrote it.
const DESCRIPTION: &str = "A pupil forwarded a classmate's photograph to a group chat after school; the classmate's parent told the DSL.";
/// The words of the description that must not show in any stored value.
const TELLING: &str = "classmate's photograph";
/// What every sealed value starts with.
const MAGIC: &str = "assent-sealed:1:";

/// What [`record_everything`] recorded.
struct Recorded {
    pupil: String,
    agreement: String,
    incident: String,
    attachment: String,
}

fn yesterday() -> String {
    (assent_core::time::today() - chrono::Days::new(1)).to_string()
}

fn incident_about(pupil: &str, description: &str, file: &[u8]) -> IncidentInput {
    IncidentInput {
        date: yesterday(),
        time: None,
        reported_by: "Mrs Example".into(),
        people: vec![InvolvedInput {
            person_id: Some(pupil.to_owned()),
            ..InvolvedInput::default()
        }],
        category: IncidentCategory::Cyberbullying,
        description: description.into(),
        urls: Vec::new(),
        attachments: vec![AttachmentInput {
            file_name: "messages.jpg".into(),
            bytes: file.to_vec(),
        }],
        child_protection: false,
    }
}

/// A KS2 agreement drawn by a pupil and their parent with a scanned form, and
/// an incident about the pupil with a description and a screenshot.
fn record_everything(store: &mut Store) -> Recorded {
    let (pupil, parent_id, parent_name) = common::ks2_pupil(store);
    let pupil_id = pupil.summary.id.clone();
    let mut req = common::request(
        store,
        &pupil_id,
        TemplateKind::Ks2,
        &format!("sealed-{}", fastrand::u64(..)),
        vec![
            drawn(SignerRole::Pupil, &pupil.summary.given_name, None),
            drawn(SignerRole::Parent, &parent_name, Some(&parent_id)),
        ],
    );
    req.scan = Some(SCAN.to_vec());
    let agreement = agreements::sign(store, &req).unwrap().id;
    let incident =
        incidents::record(store, &incident_about(&pupil_id, DESCRIPTION, SCREENSHOT)).unwrap();
    Recorded {
        pupil: pupil_id,
        agreement,
        incident: incident.summary.id.clone(),
        attachment: incident.attachments[0].id.clone(),
    }
}

/// The strokes `common::drawn` gives, as Assent stores them in plain JSON.
fn plain_strokes() -> String {
    let points: Vec<String> = common::stroke()[0]
        .iter()
        .map(|p| format!("[{:.1},{:.1}]", p.x, p.y))
        .collect();
    format!("[[{}]]", points.join(","))
}

fn is_sealed_error<T: std::fmt::Debug>(result: &assent_core::Result<T>) -> bool {
    matches!(result, Err(Error::Database { message }) if message.contains("could not be opened"))
}

/// Assent's own readers give back the plain pictures, scan, file and description.
fn readers_give_back_the_originals(store: &mut Store, r: &Recorded, out: &std::path::Path) {
    let evidence = agreements::evidence(store, &r.agreement).unwrap();
    assert_eq!(evidence.signatures.len(), 2);
    for s in &evidence.signatures {
        assert_eq!(s.image_png.as_deref(), Some(PNG), "{:?}", s.role);
    }
    let check = agreements::verify(store, &r.agreement).unwrap();
    assert!(check.matches(), "{check:?}");
    // Text, template, record, two pictures, two signatures, the scan.
    assert_eq!(check.checks.len(), 8, "{check:?}");
    let pictures = agreements::drawn_signatures(store, &[r.agreement.as_str()]).unwrap();
    assert!(pictures[&r.agreement].iter().all(|(_, png)| png == PNG));

    // The subject access export writes each picture and the scan as a file.
    let sar_dir = out.join("sar");
    let _ = std::fs::remove_dir_all(&sar_dir);
    let files = sar::export(store, &r.pupil, &sar_dir).unwrap();
    let written = |ending: &str| -> Vec<Vec<u8>> {
        files
            .iter()
            .filter(|f| f.to_string_lossy().ends_with(ending))
            .map(|f| std::fs::read(f).unwrap())
            .collect()
    };
    assert_eq!(written(".png"), [PNG, PNG]);
    assert_eq!(written("-scan.pdf"), [SCAN]);

    let detail = incidents::detail(store, &r.incident).unwrap();
    assert_eq!(detail.description, DESCRIPTION);
    assert_eq!(detail.attachments.len(), 1);
    let size = u32::try_from(SCREENSHOT.len()).unwrap();
    assert_eq!(detail.attachments[0].size, size, "the file's own size");
    let (info, bytes) = incidents::attachment(store, &r.incident, &r.attachment).unwrap();
    assert_eq!((info.size, bytes.as_slice()), (size, SCREENSHOT));
    let saved = out.join("saved.jpg");
    incidents::save_attachment(store, &r.incident, &r.attachment, &saved).unwrap();
    assert_eq!(std::fs::read(&saved).unwrap(), SCREENSHOT);
    std::fs::remove_file(&saved).unwrap();
}

#[test]
fn a_copy_of_the_database_shows_none_of_the_sealed_values_and_assent_reads_them_whole() {
    let (dir, mut store) = common::demo_school();
    let r = record_everything(&mut store);
    let conn = store.inspect();

    let signatures: Vec<(Vec<u8>, String)> = conn
        .prepare("SELECT image_png, strokes_json FROM agreement_signatures WHERE agreement_id = ?1")
        .unwrap()
        .query_map([&r.agreement], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(signatures.len(), 2);
    for (png, strokes) in &signatures {
        assert!(png.starts_with(MAGIC.as_bytes()), "the picture is sealed");
        assert!(!common::contains(png, PNG));
        assert!(strokes.starts_with(MAGIC), "the strokes are sealed");
        assert!(!strokes.contains('['), "{strokes}");
    }
    // The same picture sealed twice looks different: each has its own nonce.
    assert_ne!(signatures[0].0, signatures[1].0);
    let scan: Vec<u8> = conn
        .query_row(
            "SELECT bytes FROM agreement_scans WHERE agreement_id = ?1",
            [&r.agreement],
            |row| row.get(0),
        )
        .unwrap();
    assert!(scan.starts_with(MAGIC.as_bytes()) && !common::contains(&scan, b"Wren family"));
    let file: Vec<u8> = conn
        .query_row(
            "SELECT bytes FROM incident_attachments WHERE id = ?1",
            [&r.attachment],
            |row| row.get(0),
        )
        .unwrap();
    assert!(file.starts_with(MAGIC.as_bytes()) && !common::contains(&file, b"Year 5"));
    let description: String = conn
        .query_row(
            "SELECT description FROM incidents WHERE id = ?1",
            [&r.incident],
            |row| row.get(0),
        )
        .unwrap();
    assert!(description.starts_with(MAGIC) && !description.contains("photograph"));

    // Nowhere in any table either (the audit log names none of it).
    let everything = common::every_stored_value(&store);
    let strokes = plain_strokes();
    for (what, needle) in [
        ("the picture", PNG),
        ("the strokes", strokes.as_bytes()),
        ("the scan", SCAN),
        ("the scan's words", b"Wren family".as_slice()),
        ("the screenshot", SCREENSHOT),
        ("the screenshot's words", b"sent to Year 5".as_slice()),
        ("the description", DESCRIPTION.as_bytes()),
        ("the description's words", TELLING.as_bytes()),
    ] {
        assert!(
            !common::contains(&everything, needle),
            "{what} is stored in plain"
        );
    }

    readers_give_back_the_originals(&mut store, &r, dir.path());
    // And again after the school is opened afresh: nothing is kept in memory.
    drop(store);
    let mut store = common::open(&common::db_path(&dir));
    readers_give_back_the_originals(&mut store, &r, dir.path());
}

#[test]
fn values_stored_plain_before_sealing_still_read_and_verify() {
    let (dir, mut store) = common::demo_school();
    let r = record_everything(&mut store);
    // As a school file from before sealing has them: the same rows, plain.
    common::drop_triggers(
        store.inspect(),
        &[
            ("signatures_kept", "agreement_signatures"),
            ("scans_kept", "agreement_scans"),
            ("incidents_kept", "incidents"),
            ("incident_attachments_kept", "incident_attachments"),
        ],
    );
    store
        .inspect_write(|tx| {
            tx.execute(
                "UPDATE agreement_signatures SET image_png = ?2, strokes_json = ?3 WHERE agreement_id = ?1",
                params![r.agreement, PNG, plain_strokes()],
            )?;
            tx.execute(
                "UPDATE agreement_scans SET bytes = ?2 WHERE agreement_id = ?1",
                params![r.agreement, SCAN],
            )?;
            tx.execute(
                "UPDATE incidents SET description = ?2 WHERE id = ?1",
                params![r.incident, DESCRIPTION],
            )?;
            tx.execute(
                "UPDATE incident_attachments SET bytes = ?2 WHERE id = ?1",
                params![r.attachment, SCREENSHOT],
            )?;
            Ok(())
        })
        .unwrap();
    let plain: Vec<u8> = store
        .inspect()
        .query_row(
            "SELECT bytes FROM incident_attachments WHERE id = ?1",
            [&r.attachment],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(plain, SCREENSHOT, "the legacy value is stored as it was");
    // The certificate's check, the register's pictures, the subject access
    // export and the incident all read as they did before sealing.
    readers_give_back_the_originals(&mut store, &r, dir.path());

    // A new incident on the same school is sealed, beside the plain one.
    let newer = incidents::record(
        &mut store,
        &incident_about(
            &r.pupil,
            "A second incident, recorded after sealing.",
            SCREENSHOT,
        ),
    )
    .unwrap();
    let stored: String = store
        .inspect()
        .query_row(
            "SELECT description FROM incidents WHERE id = ?1",
            [&newer.summary.id],
            |row| row.get(0),
        )
        .unwrap();
    assert!(stored.starts_with(MAGIC));
    assert_eq!(
        incidents::detail(&store, &newer.summary.id)
            .unwrap()
            .description,
        "A second incident, recorded after sealing."
    );
}

#[test]
fn a_sealed_value_moved_to_another_row_or_column_is_refused() {
    let (dir, mut store) = common::demo_school();
    let r = record_everything(&mut store);

    // A signed agreement copied under another id, its sealed pictures and scan with it.
    let copy = format!("{}-copy", r.agreement);
    store
        .inspect_write(|tx| {
            tx.execute(
                "INSERT INTO agreements (id, submission_id, person_id, kind, version, template_sha256,
                     recorded_at, recorded_by, device, evidence_sha256)
                 SELECT ?1, ?1, person_id, kind, version, template_sha256, recorded_at, recorded_by,
                     device, evidence_sha256
                 FROM agreements WHERE id = ?2",
                params![copy, r.agreement],
            )?;
            tx.execute(
                "INSERT INTO agreement_signatures (id, agreement_id, role, signer_person_id, signer_name,
                     relationship, method, image_png, strokes_json, image_sha256, signed_at, recorded_at,
                     recorded_by, device, evidence_sha256)
                 SELECT ?1 || '-' || role, ?1, role, signer_person_id, signer_name, relationship, method,
                     image_png, strokes_json, image_sha256, signed_at, recorded_at, recorded_by, device,
                     evidence_sha256
                 FROM agreement_signatures WHERE agreement_id = ?2",
                params![copy, r.agreement],
            )?;
            tx.execute(
                "INSERT INTO agreement_scans (agreement_id, mime, bytes, sha256)
                 SELECT ?1, mime, bytes, sha256 FROM agreement_scans WHERE agreement_id = ?2",
                params![copy, r.agreement],
            )?;
            Ok(())
        })
        .unwrap();
    assert!(is_sealed_error(&agreements::evidence(&store, &copy)));
    assert!(is_sealed_error(&agreements::drawn_signatures(
        &store,
        &[copy.as_str()]
    )));
    // The check names what does not open rather than failing as a whole.
    let failed: Vec<String> = agreements::verify(&store, &copy)
        .unwrap()
        .checks
        .into_iter()
        .filter(|c| !c.matches())
        .map(|c| c.what)
        .collect();
    for needle in [
        "the picture of the pupil's signature",
        "the picture of the parent's or carer's signature",
        "the scanned paper form",
    ] {
        assert!(failed.iter().any(|f| f == needle), "{needle} in {failed:?}");
    }
    // The original is untouched by its copy.
    assert!(agreements::verify(&store, &r.agreement).unwrap().matches());

    // An incident's file kept again under another id, and the scan kept as an incident's file.
    store
        .inspect_write(|tx| {
            tx.execute(
                "INSERT INTO incident_attachments (id, incident_id, file_name, mime, bytes, sha256, added_at, added_by)
                 SELECT ?1, incident_id, file_name, mime, bytes, sha256, added_at, added_by
                 FROM incident_attachments WHERE id = ?2",
                params!["moved-file", r.attachment],
            )?;
            tx.execute(
                "INSERT INTO incident_attachments (id, incident_id, file_name, mime, bytes, sha256, added_at, added_by)
                 SELECT 'moved-scan', i.id, 'form.pdf', s.mime, s.bytes, s.sha256, i.recorded_at, i.recorded_by
                 FROM agreement_scans s, incidents i WHERE s.agreement_id = ?1 AND i.id = ?2",
                params![r.agreement, r.incident],
            )?;
            Ok(())
        })
        .unwrap();
    let detail = incidents::detail(&store, &r.incident).unwrap();
    assert_eq!(
        detail.attachments.len(),
        3,
        "the listing still shows every file"
    );
    for moved in ["moved-file", "moved-scan"] {
        assert!(is_sealed_error(&incidents::attachment(
            &store,
            &r.incident,
            moved
        )));
        let out = dir.path().join(format!("{moved}.out"));
        assert!(is_sealed_error(&incidents::save_attachment(
            &store,
            &r.incident,
            moved,
            &out
        )));
        assert!(
            !out.exists(),
            "nothing is saved from a value that does not open"
        );
    }
    assert!(incidents::attachment(&store, &r.incident, &r.attachment).is_ok());

    // One incident's description put on another.
    let other = incidents::record(
        &mut store,
        &incident_about(&r.pupil, "Another incident altogether.", SCREENSHOT),
    )
    .unwrap()
    .summary
    .id;
    common::drop_triggers(store.inspect(), &[("incidents_kept", "incidents")]);
    store
        .inspect_write(|tx| {
            tx.execute(
                "UPDATE incidents SET description = (SELECT description FROM incidents WHERE id = ?2)
                 WHERE id = ?1",
                params![other, r.incident],
            )?;
            Ok(())
        })
        .unwrap();
    assert!(is_sealed_error(&incidents::detail(&store, &other)));
    assert_eq!(
        incidents::detail(&store, &r.incident).unwrap().description,
        DESCRIPTION
    );
    // The log itself still lists both: it never opens a description.
    let listed = incidents::list(&store, &incidents::IncidentFilter::default()).unwrap();
    assert!(listed.iter().any(|i| i.id == other));
}
