//! Two devices exchanging files through the worker's jobs and the store, as the app does (SPEC R9.2–R9.4): a
//! tablet's export previewed and imported at the office and back, both ending with the same data; the same file
//! again brings nothing; an undone import leaves the data — and its next export — exactly as before.

use aftersales::codec;
use aftersales::domain::access::Role;
use aftersales::domain::dataset::{Change, Dataset};
use aftersales::domain::ids::{DeviceId, Id};
use aftersales::domain::import::{AuditEntry, Audited};
use aftersales::domain::org::{Position, UnitKind};
use aftersales::domain::selection::{Exporter, Selection};
use aftersales::jobs;
use aftersales::store::Store;
use aftersales::store::memory::MemoryBackend;
use aftersales::sync::crypt::Randomness;
use aftersales::sync::format::FileProblem;
use aftersales::sync::work::{ExportRequest, ImportProblem, ImportRequest, Previewed};

use crate::common::{block_on, fixture_org, id, person, unit};

struct Device {
    id: DeviceId,
    name: &'static str,
    store: Store<MemoryBackend>,
    data: Dataset,
}

impl Device {
    fn new(n: u128, name: &'static str, changes: impl IntoIterator<Item = Change>) -> Device {
        let (store, mut data) = block_on(Store::open(MemoryBackend::default())).unwrap();
        for change in changes {
            block_on(store.save(&change)).unwrap();
            data.apply(change);
        }
        Device {
            id: DeviceId::from_u128(n),
            name,
            store,
            data,
        }
    }

    fn export(&self, at: i64, passphrase: Option<&str>) -> Vec<u8> {
        let request = ExportRequest {
            stored: block_on(self.store.stored()).unwrap(),
            device: self.id,
            device_name: self.name.into(),
            at,
            by: "管理员".into(),
            exporter: Exporter {
                role: Role::Admin,
                user: id(20),
                staff: None,
            },
            selection: Selection::All,
            passphrase: passphrase.map(|p| {
                (
                    p.to_string(),
                    Randomness {
                        salt: [1; 16],
                        nonce: [2; 12],
                    },
                )
            }),
        };
        jobs::exported_of(&jobs::answer(&jobs::export_request(&request)))
            .unwrap()
            .file
    }

    fn preview(&self, file: &[u8], passphrase: Option<&str>) -> Result<Previewed, ImportProblem> {
        let request = ImportRequest {
            stored: block_on(self.store.stored()).unwrap(),
            file: file.to_vec(),
            passphrase: passphrase.map(str::to_string),
            now: 1_900_000_000_000,
        };
        jobs::previewed_of(&jobs::answer(&jobs::import_request(&request)))
    }

    /// Previews `file` and imports it as the page does: the store writes the worker's snapshots, the state reads them.
    fn import(&mut self, file: &[u8]) -> Previewed {
        let preview = self.preview(file, None).expect("a good file previews");
        let audit = codec::to_bytes(&AuditEntry {
            at: 1_800_000_000_000,
            by: "李主管".into(),
            what: Audited::Imported {
                file: "export.json".into(),
                device: preview.origin.device_name.clone(),
                device_id: preview.origin.device,
                exported_at: preview.origin.exported_at,
                new: 0,
                updated: 0,
                unchanged: 0,
                conflicting: 0,
                refused: 0,
            },
        });
        block_on(self.store.import(
            preview.before.clone(),
            preview.after.clone(),
            preview.covers,
            audit,
        ))
        .unwrap();
        self.data = block_on(self.store.read()).unwrap();
        preview
    }
}

/// A file's text with its header's time left out: what must be equal byte for byte.
fn without_time(file: &[u8]) -> String {
    String::from_utf8(file.to_vec())
        .unwrap()
        .lines()
        .filter(|line| !line.contains("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tablet_and_office() -> (Device, Device) {
    let tablet = Device::new(
        0xA,
        "平板A",
        fixture_org().changes().chain([person(
            40,
            "S040",
            "平板新增工程师",
            Position::Engineer,
            3,
            Some(12),
        )]),
    );
    let office = Device::new(
        0xB,
        "办公室",
        fixture_org()
            .changes()
            .chain([unit(5, "华北区", UnitKind::Region, Some(2))]),
    );
    (tablet, office)
}

#[test]
fn a_tablet_and_the_office_exchange_files_and_end_with_the_same_data() {
    let (mut tablet, mut office) = tablet_and_office();
    let preview = office.import(&tablet.export(1_000, None));
    let staff = preview.counts.iter().find(|(k, _)| k == "staff").unwrap().1;
    assert_eq!(
        (staff.new, staff.unchanged),
        (1, fixture_org().staff.len_with_tombstones() as u64)
    );
    assert_eq!(preview.origin.device_name, "平板A");
    assert!(office.data.staff.contains(Id::from_u128(40)));

    tablet.import(&office.export(2_000, None));
    assert_eq!(tablet.data, office.data);

    let again = office.preview(&tablet.export(3_000, None), None).unwrap();
    assert!(
        again.nothing_new(),
        "the same data again brings nothing new"
    );
}

#[test]
fn undoing_an_import_leaves_the_data_and_its_export_exactly_as_before() {
    let (tablet, mut office) = tablet_and_office();
    let first = office.export(1_000, None);
    office.import(&tablet.export(1_500, None));
    assert!(block_on(office.store.can_undo_import()).unwrap());
    office.data = block_on(office.store.undo_import(Vec::new())).unwrap();
    let after_undo = office.export(2_000, None);
    assert_ne!(first, after_undo, "the header's time differs");
    assert_eq!(without_time(&first), without_time(&after_undo));
}

#[test]
fn an_encrypted_export_previews_with_its_passphrase_and_says_which_problem_otherwise() {
    let (tablet, office) = tablet_and_office();
    let file = tablet.export(1_000, Some("晚上八点"));
    assert_eq!(
        office.preview(&file, None).err(),
        Some(ImportProblem::File(FileProblem::Encrypted))
    );
    assert_eq!(
        office.preview(&file, Some("早上八点")).err(),
        Some(ImportProblem::File(FileProblem::WrongPassphrase))
    );
    let preview = office.preview(&file, Some("晚上八点")).unwrap();
    assert!(preview.origin.encrypted);
    assert!(!preview.nothing_new());
}
