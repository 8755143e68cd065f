//! The export file (`sync::format`, R9.2–R9.3): what is written reads back as it was, with a header that
//! counts it; every kind of bad file is refused with its own reason and nothing read; and merging datasets through
//! files is idempotent, commutative and associative, like merging them directly.

use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::DeviceId;
use aftersales::domain::selection::Selection;
use aftersales::sync::crypt;
use aftersales::sync::format::{
    self, DeviceInfo, FileProblem, MAX_FILE_BYTES, Origin, VERSION, iso_utc, parse_iso_utc,
};
use proptest::prelude::*;

use crate::codec::every_change;
use crate::merge::devices;

fn origin() -> Origin {
    Origin {
        device: DeviceInfo {
            id: DeviceId::from_u128(0xA),
            name: "前台平板 <b>A</b>".into(),
        },
        exported_at: 1_764_871_205_123,
        exported_by: "王经理".into(),
        selection: Selection::All,
    }
}

fn file_of(data: &Dataset) -> String {
    format::write(&origin(), data.changes().collect())
}

fn dataset_of(file: &str) -> Dataset {
    let parsed = format::read(file.as_bytes()).expect("a file this code wrote reads back");
    let mut data = Dataset::default();
    for change in parsed.records {
        data.apply(change);
    }
    data
}

#[test]
fn every_kind_of_record_reads_back_as_written_with_its_counts() {
    let changes = every_change();
    let file = format::write(&origin(), changes.clone());
    let parsed = format::read(file.as_bytes()).unwrap();
    assert_eq!(parsed.records, changes);
    assert_eq!(parsed.header.format, "aftersales-export");
    assert_eq!(parsed.header.version, VERSION);
    assert_eq!(parsed.header.device, origin().device);
    assert_eq!(parsed.header.exported_at, "2025-12-04T18:00:05.123Z");
    let total: u64 = parsed.header.counts.values().sum();
    assert_eq!(total as usize, changes.len());
    assert_eq!(parsed.header.counts["ticket_event"], 24 + 1 + 1 + 1 + 2);
}

#[test]
fn field_names_are_readable_and_the_kinds_are_the_tags_written() {
    let file = format::write(&origin(), every_change());
    for needle in [
        "\"kind\":\"unit\"",
        "\"exported_by\": \"王经理\"",
        "\"name\":\"华东大区\"",
        "\"wall_ms\":",
    ] {
        assert!(file.contains(needle), "{needle} in the file");
    }
    for change in every_change() {
        let json = serde_json::to_value(&change).unwrap();
        assert_eq!(json["kind"], change.kind(), "{change:?}");
    }
}

#[test]
fn instants_are_written_in_utc_and_read_back() {
    for at in [0, 1_764_871_205_123, 1_767_225_599_999, -86_400_000] {
        assert_eq!(parse_iso_utc(&iso_utc(at)), Some(at), "{}", iso_utc(at));
    }
    assert_eq!(parse_iso_utc("2026-12-04T25:00:00.000Z"), None);
    assert_eq!(parse_iso_utc("2026-12-04 18:00"), None);
}

/// A file this code wrote, with `edit` applied to its text.
fn altered(edit: impl FnOnce(String) -> String) -> Vec<u8> {
    edit(format::write(&origin(), every_change())).into_bytes()
}

#[test]
fn bad_files_are_refused_each_with_its_reason() {
    let good = format::write(&origin(), every_change());
    let body_at = good.find("\"body\":").unwrap();
    let cases: Vec<(&str, Vec<u8>, FileProblem)> = vec![
        (
            "not JSON",
            b"PK\x03\x04 a spreadsheet".to_vec(),
            FileProblem::NotJson,
        ),
        (
            "another program's JSON",
            br#"{"version": 1, "items": [1, 2, 3]}"#.to_vec(),
            FileProblem::NotAnExport,
        ),
        (
            "another program's header",
            br#"{"header": {"format": "other-app", "version": 1}}"#.to_vec(),
            FileProblem::NotAnExport,
        ),
        (
            "a newer format version",
            altered(|f| {
                f.replacen(
                    &format!("\"version\": {VERSION}"),
                    &format!("\"version\": {}", VERSION + 1),
                    1,
                )
            }),
            FileProblem::NewerVersion {
                found: VERSION + 1,
                supported: VERSION,
            },
        ),
        (
            "a changed byte in the body",
            altered(|f| f.replacen("华东大区", "华西大区", 1)),
            FileProblem::Checksum,
        ),
        (
            "cut off",
            good.as_bytes()[..body_at + 500].to_vec(),
            FileProblem::Truncated,
        ),
        // serde_json skips what it does not need without recursing, and refuses deeper typed nesting than 128:
        // nesting cannot overflow the stack, and a deep file is just not an export.
        (
            "deeply nested",
            format!(
                r#"{{"header": {{"format": "aftersales-export", "version": 1, "x": {}{}}}}}"#,
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into_bytes(),
            FileProblem::NotAnExport,
        ),
        (
            "deeply nested, not even an object",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            FileProblem::NotAnExport,
        ),
        (
            "too large",
            vec![b' '; MAX_FILE_BYTES + 1],
            FileProblem::TooLarge {
                bytes: MAX_FILE_BYTES + 1,
            },
        ),
    ];
    for (what, bytes, expected) in cases {
        assert_eq!(format::read(&bytes).err(), Some(expected), "{what}");
    }
}

/// A file whose body is `body` with a checksum that matches it: what a newer app or a careless tool could write.
fn with_body(body: &str) -> Vec<u8> {
    let (_, mut header) = format::body_and_header(&origin(), Vec::new());
    header.sha256 = format::sha256_hex(body.as_bytes());
    format::envelope(&header, "body", body).into_bytes()
}

#[test]
fn records_that_do_not_read_are_named_with_their_place() {
    let unknown = with_body(
        r#"{"records":[{"kind":"unit","id":"0190a000-0000-7000-8000-000000000001","stamp":{"wall_ms":1,"counter":0,"device":"0190a000-0000-7000-8000-000000000002"},"body":{"name":"x","kind":"team","parent":null}},{"kind":"hologram","id":"x"}]}"#,
    );
    assert_eq!(
        format::read(&unknown).err(),
        Some(FileProblem::UnknownKind {
            index: 1,
            kind: "hologram".into()
        })
    );
    let bad = with_body(r#"{"records":[{"kind":"staff","id":"not-an-id"}]}"#);
    match format::read(&bad).err() {
        Some(FileProblem::BadRecord { index, kind, .. }) => {
            assert_eq!((index, kind.as_str()), (0, "staff"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_record_whose_field_writes_do_not_hold_together_is_refused() {
    let mut changes = every_change();
    let at = changes
        .iter()
        .rposition(|c| matches!(c, Change::Provider(v) if v.history.is_some()))
        .expect("the fixture has an edited provider");
    let Change::Provider(edited) = &mut changes[at] else {
        unreachable!()
    };
    edited.stamp.wall_ms += 1; // no longer the latest of its writes
    let file = format::write(&origin(), changes.clone());
    match format::read(file.as_bytes()).err() {
        Some(FileProblem::BadRecord { index, kind, .. }) => {
            assert_eq!((index, kind.as_str()), (at, "provider"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn markup_in_text_is_kept_as_the_text_it_is() {
    let file = format::write(&origin(), every_change());
    let parsed = format::read(file.as_bytes()).unwrap();
    assert_eq!(parsed.header.device.name, "前台平板 <b>A</b>");
}

fn merged(a: &Dataset, b: &Dataset) -> Dataset {
    let mut out = a.clone();
    out.merge(b);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Through the file format (export → read → merge): idempotent, commutative and associative, and the same as
    /// merging the datasets directly.
    #[test]
    fn merging_through_files_is_idempotent_commutative_and_associative(devices in devices()) {
        let [a, b, c] = [0, 1, 2].map(|i| dataset_of(&file_of(&devices[i])));
        prop_assert_eq!(&a, &devices[0], "a file carries everything");
        prop_assert_eq!(merged(&a, &a), a.clone());
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        let through_file = dataset_of(&file_of(&merged(&a, &b)));
        prop_assert_eq!(through_file, merged(&devices[0], &devices[1]));
    }
}

#[test]
fn the_kind_names_are_one_list() {
    let kinds: std::collections::BTreeSet<&str> = every_change().iter().map(Change::kind).collect();
    assert_eq!(kinds.len(), aftersales::domain::dataset::KINDS.len());
}

const RANDOM: crypt::Randomness = crypt::Randomness {
    salt: [7; 16],
    nonce: [9; 12],
};

#[test]
fn an_encrypted_file_opens_with_its_passphrase_only() {
    let changes = every_change();
    let file = format::write_encrypted(&origin(), changes.clone(), "正确的口令 correct", RANDOM);
    assert!(!file.contains("华东大区"), "no record in clear");
    assert!(
        file.contains("\"exported_by\": \"王经理\""),
        "the header stays readable"
    );
    assert_eq!(
        format::read(file.as_bytes()).err(),
        Some(FileProblem::Encrypted)
    );
    assert_eq!(
        format::read_with(file.as_bytes(), Some("错误的口令")).err(),
        Some(FileProblem::WrongPassphrase)
    );
    let parsed = format::read_with(file.as_bytes(), Some("正确的口令 correct")).unwrap();
    assert_eq!(parsed.records, changes);
}

#[test]
fn a_damaged_encrypted_file_reads_as_damaged_not_as_a_wrong_passphrase() {
    let file = format::write_encrypted(&origin(), every_change(), "口令", RANDOM);
    let at = file.find("\"ciphertext\": \"").unwrap() + 40;
    let mut bytes = file.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        format::read_with(&bytes, Some("口令")).err(),
        Some(FileProblem::Checksum)
    );
}

/// The README's Python decrypts a file this code encrypted (the block is run as it stands in the README).
#[test]
fn the_readme_shows_how_another_tool_decrypts_an_export() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("<!-- decrypt-export:")
        .nth(1)
        .and_then(|rest| rest.split("```python\n").nth(1))
        .and_then(|rest| rest.split("```").next())
        .expect("the README has the decryption block");
    let dir = std::env::temp_dir().join(format!("aftersales-decrypt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("decrypt.py");
    let export = dir.join("export.json");
    std::fs::write(&script, block).unwrap();
    let changes = every_change();
    let random = crypt::Randomness {
        salt: [0x5a; 16],
        nonce: [0xa5; 12],
    };
    std::fs::write(
        &export,
        format::write_encrypted(&origin(), changes.clone(), "口令 passphrase", random),
    )
    .unwrap();
    let output = std::process::Command::new("python3")
        .arg(&script)
        .arg(&export)
        .arg("口令 passphrase")
        .output()
        .expect("python3 runs (make test installs python3-cryptography)");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (body, _) = format::body_and_header(&origin(), changes);
    assert_eq!(String::from_utf8(output.stdout).unwrap(), body);
}

#[test]
fn padded_base64_reads_back_and_refuses_what_is_not() {
    use aftersales::codec::text::{from_padded, to_padded};
    for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", "口令".as_bytes()] {
        assert_eq!(from_padded(&to_padded(bytes)).as_deref(), Some(bytes));
    }
    assert_eq!(to_padded(b"fo"), "Zm8=");
    for bad in ["Zm8", "Zm=8", "Z===", "Zm8*"] {
        assert_eq!(from_padded(bad), None, "{bad}");
    }
}

/// How many of `every_change`'s records the frozen export holds.
const EXPORT_FROZEN_RECORDS: usize = 61;

/// An export of format version 1 as this code first wrote it (2026-12-04), never regenerated: every later version
/// must read it to the same records. If this fails, do not fix the test or the file: teach the reader the old
/// format.
#[test]
fn the_first_format_version_stays_readable() {
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export/v1.json"
    ))
    .unwrap();
    let parsed = format::read(&file).expect("a version 1 export reads");
    assert_eq!(parsed.header.version, 1);
    assert_eq!(parsed.header.device, origin().device);
    assert_eq!(
        parse_iso_utc(&parsed.header.exported_at),
        Some(origin().exported_at)
    );
    let frozen: Vec<Change> = every_change()
        .into_iter()
        .take(EXPORT_FROZEN_RECORDS)
        .map(without_order_number)
        .collect();
    assert_eq!(parsed.records, frozen);
}

/// An export of format version 2 as this code wrote it on 2026-12-05, before version 3 gave tickets their order
/// numbers (written by the code of that day, never regenerated). The same rule as for version 1.
#[test]
fn the_second_format_version_stays_readable() {
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export/v2.json"
    ))
    .unwrap();
    let parsed = format::read(&file).expect("a version 2 export reads");
    assert_eq!(parsed.header.version, 2);
    let frozen: Vec<Change> = every_change()
        .into_iter()
        .take(63)
        .map(without_order_number)
        .collect();
    assert_eq!(parsed.records, frozen);
}

/// An export of format version 3 as this code wrote it on 2026-12-05, before version 4 gave tickets their numbers
/// and the phone reveal its event (never regenerated). The same rule as for version 1.
#[test]
fn the_third_format_version_stays_readable() {
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export/v3.json"
    ))
    .unwrap();
    let parsed = format::read(&file).expect("a version 3 export reads");
    assert_eq!(parsed.header.version, 3);
    let frozen: Vec<Change> = every_change()
        .into_iter()
        .take(68)
        .map(without_number)
        .collect();
    assert_eq!(parsed.records, frozen);
}

/// An export of format version 4 as this code wrote it on 2026-12-06, before version 5 added the quality records
/// (never regenerated). The same rule as for version 1.
#[test]
fn the_fourth_format_version_stays_readable() {
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export/v4.json"
    ))
    .unwrap();
    let parsed = format::read(&file).expect("a version 4 export reads");
    assert_eq!(parsed.header.version, 4);
    let frozen: Vec<Change> = every_change().into_iter().take(69).collect();
    assert_eq!(parsed.records, frozen);
}

/// An export of format version 5 as this code wrote it on 2026-12-06, before version 6 added the period report, a
/// complaint's promised date and the customer told of its result, and a training session's attendees (never
/// regenerated). The same rule as for version 1.
#[test]
fn the_fifth_format_version_stays_readable() {
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export/v5.json"
    ))
    .unwrap();
    let parsed = format::read(&file).expect("a version 5 export reads");
    assert_eq!(parsed.header.version, 5);
    let frozen: Vec<Change> = every_change().into_iter().take(75).collect();
    assert_eq!(parsed.records, frozen);
}

/// A record as a file of format 1 or 2 has it: a ticket had no order number (nor a number).
fn without_order_number(change: Change) -> Change {
    edit_registration(without_number(change), |r| r.order_number.clear())
}

/// A record as a file of format 1 to 3 has it: a ticket had no number, the KPI settings no minimum sample.
fn without_number(change: Change) -> Change {
    match edit_registration(change, |r| r.number.clear()) {
        Change::KpiSettings(mut v) => {
            v.body.min_sample = None;
            Change::KpiSettings(v)
        }
        other => other,
    }
}

fn edit_registration(
    mut change: Change,
    edit: impl FnOnce(&mut aftersales::domain::ticket::Registration),
) -> Change {
    use aftersales::domain::ticket::Happening;
    if let Change::TicketEvent(event) = &mut change
        && let Happening::Registered(registration) = &mut event.what
    {
        edit(std::sync::Arc::make_mut(registration));
    }
    change
}

/// `docs/export.schema.json`, compiled.
fn schema() -> (serde_json::Value, jsonschema::Validator) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/export.schema.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a JSON Schema");
    (schema, validator)
}

fn errors(validator: &jsonschema::Validator, file: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(file).unwrap();
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn real_exports_are_valid_by_the_documented_schema() {
    let (_, validator) = schema();
    let demo = {
        let calendar = aftersales::domain::calendar::Calendar::china_default();
        let now = calendar.instant(
            aftersales::domain::calendar::Date::parse("2026-11-28").unwrap(),
            17 * 60,
        );
        aftersales::demo::generate(
            aftersales::demo::DemoSpec {
                seed: 3,
                tickets: 200,
                now,
            },
            &calendar,
        )
    };
    let files = [
        format::write(&origin(), every_change()),
        format::write(&origin(), demo.clone()),
        format::write_encrypted(&origin(), demo, "晚上八点在老地方见面", RANDOM),
        String::from_utf8(
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/export/v1.json"
            ))
            .unwrap(),
        )
        .unwrap(),
    ];
    for file in &files {
        assert_eq!(errors(&validator, file), Vec::<String>::new());
    }
    // And it is a real check: a file with a header field missing or a record of no known kind is not valid.
    let good = &files[0];
    assert!(!errors(&validator, &good.replacen("\"sha256\"", "\"sha_256\"", 1)).is_empty());
    assert!(
        !errors(
            &validator,
            &good.replacen("\"kind\":\"unit\"", "\"kind\":\"hologram\"", 1)
        )
        .is_empty()
    );
    assert!(!errors(&validator, &good.replacen("\"wall_ms\":", "\"wall\":", 1)).is_empty());
}

/// The schema lists each kind's fields in merge order: held to the code, so the document cannot drift.
#[test]
fn the_schema_names_each_kinds_fields_as_the_code_merges_them() {
    use aftersales::domain::access::User;
    use aftersales::domain::assessment::{cycle::Cycle, scheme::Scheme};
    use aftersales::domain::inputs::{CostLine, SalesVolume, TrainingSession};
    use aftersales::domain::kpi::KpiSettings;
    use aftersales::domain::org::{OrgUnit, Provider, Staff};
    use aftersales::domain::record::Fields;
    use aftersales::domain::settings::ServiceSettings;
    use aftersales::domain::survey::SurveySettings;
    let (schema, _) = schema();
    let code: [(&str, &[&str]); 12] = [
        ("unit", OrgUnit::NAMES),
        ("staff", Staff::NAMES),
        ("provider", Provider::NAMES),
        ("user", User::NAMES),
        ("settings", ServiceSettings::NAMES),
        ("survey", SurveySettings::NAMES),
        ("sales", SalesVolume::NAMES),
        ("cost", CostLine::NAMES),
        ("training", TrainingSession::NAMES),
        ("kpi_settings", KpiSettings::NAMES),
        ("scheme", Scheme::NAMES),
        ("cycle", Cycle::NAMES),
    ];
    for (kind, names) in code {
        let listed: Vec<&str> = schema["$defs"]["fields"][kind]["x-merge-order"]
            .as_array()
            .unwrap_or_else(|| panic!("{kind} is in the schema"))
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(listed, names, "{kind}");
    }
    let kinds: Vec<&str> = schema["$defs"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(kinds, aftersales::domain::dataset::KINDS);
}

/// Data that does not open: every part that reads is saved as an export file, the damaged part alone is lost, and
/// data of a newer version is not guessed at.
#[test]
fn what_still_reads_of_damaged_data_is_saved_as_an_export() {
    use aftersales::domain::ids::DeviceId;
    use aftersales::store::{CURRENT_SCHEMA, StoreError, Stored, snapshot};
    use aftersales::sync::salvage::salvage;
    let changes = every_change();
    let mut data = aftersales::domain::dataset::Dataset::default();
    for change in changes.iter().cloned() {
        data.apply(change);
    }
    let mut chunks = snapshot::encode(&data, 10).chunks;
    let damaged = chunks.len() / 2;
    let lost: Vec<_> = {
        let mut bytes = chunks[damaged].clone();
        let held: Vec<aftersales::domain::dataset::Change> =
            aftersales::codec::from_bytes(&bytes).unwrap();
        bytes.truncate(bytes.len() / 2);
        chunks[damaged] = bytes;
        held
    };
    let extra = crate::common::unit(
        99,
        "日志里的班组",
        aftersales::domain::org::UnitKind::Team,
        None,
    );
    let stored = Stored {
        unread: None,
        generation: 0,
        schema_version: Some(CURRENT_SCHEMA),
        chunks,
        log: vec![(7, aftersales::store::snapshot::encode_change(&extra))],
        // A chunk the backend found missing counts as lost too.
        damaged: aftersales::store::quarantine::missing_chunks(&[0, 2], None, CURRENT_SCHEMA, &[]),
    };
    let saved = salvage(&stored, DeviceId::from_u128(5), "平板", 1_800_000_000_000).unwrap();
    assert_eq!(saved.lost_parts, 2);
    let parsed = format::read(&saved.file).unwrap();
    assert_eq!(saved.records as usize, parsed.records.len());
    assert_eq!(
        parsed.records.len(),
        data.changes().count() - lost.len() + 1
    );
    assert!(parsed.records.contains(&extra), "the log is read too");
    assert!(lost.iter().all(|c| !parsed.records.contains(c)));

    let newer = Stored {
        unread: None,
        generation: 0,
        schema_version: Some(CURRENT_SCHEMA + 1),
        ..stored
    };
    assert!(matches!(
        salvage(&newer, DeviceId::from_u128(5), "平板", 0),
        Err(StoreError::NewerSchema { .. })
    ));
}

/// Texts beyond what the app itself writes are refused (found by the attack review: a 50 MB exporter name was kept
/// in the audit, 3,000-character names broke the org screen), and so is a key derivation that would take minutes.
#[test]
fn oversized_texts_and_a_hostile_key_derivation_are_refused() {
    let unit = |name: &str| {
        format!(
            r#"{{"records":[{{"kind":"unit","id":"0190a000-0000-7000-8000-000000000001","stamp":{{"wall_ms":1,"counter":0,"device":"0190a000-0000-7000-8000-000000000002"}},"body":{{"name":"{name}","kind":"team","parent":null}}}}]}}"#
        )
    };
    assert!(format::read(&with_body(&unit(&"名".repeat(50)))).is_ok());
    for (what, name) in [
        ("a long name", "名".repeat(51)),
        ("a huge text", "字".repeat(2_001)),
    ] {
        match format::read(&with_body(&unit(&name))).err() {
            Some(FileProblem::BadRecord { index: 0, kind, .. }) => {
                assert_eq!(kind, "unit", "{what}")
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    let mut long_device = origin();
    long_device.device.name = "平".repeat(format::HEADER_TEXT_MAX + 1);
    let file = format::write(&long_device, Vec::new());
    assert_eq!(
        format::read(file.as_bytes()).err(),
        Some(FileProblem::NotAnExport)
    );

    let encrypted = format::write_encrypted(
        &origin(),
        every_change(),
        "晚上八点在老地方见面",
        aftersales::sync::crypt::Randomness {
            salt: [3; 16],
            nonce: [4; 12],
        },
    );
    let slow = encrypted.replacen("\"iterations\": 600000", "\"iterations\": 3000000", 1);
    assert_ne!(slow, encrypted);
    assert_eq!(
        format::read_with(slow.as_bytes(), Some("晚上八点在老地方见面")).err(),
        Some(FileProblem::NotAnExport)
    );
}
