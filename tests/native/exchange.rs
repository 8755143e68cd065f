//! Two devices exchanging files through the worker's jobs and the store, as the app does (R9.2–R9.4): a
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
use aftersales::store::memory::MemoryBackend;
use aftersales::store::{Store, StoreError, StoreSource};
use aftersales::sync::crypt::Randomness;
use aftersales::sync::format::FileProblem;
use aftersales::sync::work::{ExportRequest, ImportProblem, ImportRequest, ImportWrite, Previewed};

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
        // The file travels beside the worker's answer (a `Blob` the page never copies).
        let answer = jobs::answer_in_worker(
            &jobs::export_request(&self.export_request(at, passphrase)),
            None,
            None,
            &mut |_| {},
        );
        let exported = jobs::exported_of(&answer.reply).unwrap();
        assert!(exported.file.is_empty(), "the answer carries no copy");
        answer.file.expect("an export answers with its file")
    }

    /// What the page asks the worker for an export of everything by the administrator.
    fn export_request(&self, at: i64, passphrase: Option<&str>) -> ExportRequest {
        ExportRequest {
            source: self.sent(),
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
        }
    }

    /// What the store holds, sent with a request (as the page does over localStorage).
    fn sent(&self) -> StoreSource {
        StoreSource::Sent(block_on(self.store.stored()).unwrap())
    }

    /// What the page asks the worker for an import's preview of `file`.
    fn import_request(&self, file: &[u8], passphrase: Option<&str>) -> ImportRequest {
        ImportRequest {
            source: self.sent(),
            file: file.to_vec(),
            passphrase: passphrase.map(str::to_string),
            now: 1_900_000_000_000,
        }
    }

    fn preview(&self, file: &[u8], passphrase: Option<&str>) -> Result<Previewed, ImportProblem> {
        self.preview_and_write(file, passphrase)
            .map(|(preview, _)| preview)
    }

    /// The preview and, the store's bytes having been sent, what to write.
    fn preview_and_write(
        &self,
        file: &[u8],
        passphrase: Option<&str>,
    ) -> Result<(Previewed, ImportWrite), ImportProblem> {
        let request = self.import_request(file, passphrase);
        let (preview, write) = jobs::previewed_of(&jobs::answer(&jobs::import_request(&request)))?;
        Ok((preview, write.expect("sent data: the write comes back")))
    }

    /// Previews `file` and imports it as the page does: the store writes the worker's snapshots, the state reads them.
    fn import(&mut self, file: &[u8]) -> Previewed {
        let (preview, write) = self
            .preview_and_write(file, None)
            .expect("a good file previews");
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
        block_on(
            self.store
                .import(write.before, write.after, write.covers, write.read, audit),
        )
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
fn a_field_both_devices_changed_shows_with_its_values_in_the_preview_and_on_both_conflicts_screens()
{
    let (mut tablet, mut office) = tablet_and_office();
    for (device, phone, at) in [
        (&mut tablet, "13900000001", 5_000),
        (&mut office, "13800000002", 6_000),
    ] {
        let opened = device.data.staff.version(id(14)).unwrap().clone();
        let mut body = opened.body.clone();
        body.phone = phone.into();
        let change =
            Change::Staff(opened.edited(body, crate::import::stamp(at, device.id.as_u128())));
        block_on(device.store.save(&change)).unwrap();
        device.data.apply(change);
    }
    let values = |shown: &[aftersales::sync::conflicts::Shown]| -> Vec<(String, String)> {
        shown
            .iter()
            .map(|s| (s.kept_value.clone(), s.other_value.clone()))
            .collect()
    };
    let expected = vec![("13800000002".to_string(), "13900000001".to_string())];
    let preview = office.import(&tablet.export(7_000, None));
    assert_eq!(values(&preview.conflicts), expected);
    tablet.import(&office.export(8_000, None));
    for device in [&tablet, &office] {
        let listed =
            jobs::conflicts_of(&jobs::answer(&jobs::conflicts_request(&device.sent()))).unwrap();
        assert_eq!(values(&listed), expected, "{}", device.name);
    }
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

// Five devices (R9.3, "proven, not hoped"): starting from the same small company, each edits offline —
// people's fields, notes on tickets, cost lines added and deleted, the survey settings, a scheme's name — and files
// travel between them in a random order, some twice, some lost; once every device has taken in everyone's last
// file, all hold the same data and compute the same KPI figures, and nothing deleted has come back.

/// A small deterministic random source (the run is the same every time; the seed varies the history).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Device `n`'s next edit at `wall_ms`, made on its own data with its own clock.
fn offline_edit(
    data: &Dataset,
    clock: &mut aftersales::domain::clock::Hlc,
    dice: &mut Dice,
    wall_ms: u64,
    n: usize,
) -> Option<Change> {
    use aftersales::domain::inputs::{CostKind, CostLine};
    use aftersales::domain::money::Fen;
    use aftersales::domain::record::Versioned;
    use aftersales::domain::ticket::{Happening, TicketEvent};
    let stamp = clock.tick(wall_ms);
    match dice.roll(9) {
        0 | 1 => {
            let staff: Vec<_> = data.staff.versions().filter(|v| !v.deleted).collect();
            let person = staff[dice.roll(staff.len())];
            let mut body = person.body.clone();
            match dice.roll(2) {
                0 => body.phone = format!("139{:08}", dice.roll(100_000_000)),
                _ => {
                    body.name = format!("{}·{n}", person.body.name.split('·').next().unwrap_or(""))
                }
            }
            Some(Change::Staff(person.edited(body, stamp)))
        }
        2 => {
            let tickets: Vec<Id> = data.tickets.owners().map(|(id, _)| id).collect();
            Some(Change::TicketEvent(TicketEvent {
                id: Id::from_u128((n as u128) << 64 | u128::from(wall_ms)),
                ticket: tickets[dice.roll(tickets.len())],
                stamp,
                at: wall_ms as i64,
                by: None,
                what: Happening::Noted {
                    text: format!("设备{n}的备注"),
                },
            }))
        }
        3 => Some(Change::Cost(Versioned::new(
            Id::from_u128((n as u128) << 96 | u128::from(wall_ms)),
            stamp,
            CostLine {
                day: aftersales::domain::calendar::Date::parse("2026-10-15").unwrap(),
                kind: CostKind::Parts,
                amount: Fen(100 * (1 + dice.roll(50) as i64)),
                ticket: None,
                unit: None,
                note: format!("设备{n}"),
            },
        ))),
        4 => {
            let costs: Vec<_> = data.costs.versions().filter(|v| !v.deleted).collect();
            let cost = costs.get(dice.roll(costs.len().max(1)))?;
            Some(Change::Cost(cost.deleted_at(stamp)))
        }
        6 => {
            let schemes: Vec<_> = data.schemes.versions().filter(|v| !v.deleted).collect();
            let scheme = schemes[dice.roll(schemes.len())];
            let mut body = scheme.body.clone();
            body.name = format!("{}·{n}", scheme.body.name.split('·').next().unwrap_or(""));
            Some(Change::Scheme(scheme.edited(body, stamp)))
        }
        7 | 8 => {
            use crate::assessment_cycle::{ASSESSMENT, BOSS, PEER, rated, scored};
            use aftersales::domain::assessment::cycle::Relation;
            let score = format!("{}", 60 + dice.roll(40));
            let (by, what) = match dice.roll(2) {
                0 => (PEER, rated(Relation::Peer, &score)),
                _ => (BOSS, scored(&score)),
            };
            Some(Change::AssessmentEvent(
                aftersales::domain::assessment::cycle::AssessmentEvent {
                    id: Id::from_u128((n as u128) << 80 | u128::from(wall_ms)),
                    assessment: ASSESSMENT,
                    stamp,
                    at: wall_ms as i64,
                    by,
                    what,
                },
            ))
        }
        _ => {
            let opened = data.survey_settings.version_or_defaults(
                aftersales::domain::survey::SURVEY_SETTINGS_ID,
                Default::default,
            );
            let mut body = opened.body.clone();
            body.template.asks_comment = !body.template.asks_comment;
            Some(Change::Survey(opened.edited(body, stamp)))
        }
    }
}

/// Every assessment's sheet as computed (each indicator's score, the weighted total), its final score and the
/// events its fold refused.
fn assessment_scores(data: &Dataset) -> Vec<String> {
    aftersales::domain::assessment::cycle::fold_all(data)
        .iter()
        .map(|a| {
            let scheme = &data
                .cycles
                .get(crate::assessment_cycle::CYCLE)
                .unwrap()
                .scheme;
            format!(
                "{:?} {:?} {:?} refused {}",
                a.stage,
                a.computed(scheme),
                a.final_score(scheme),
                a.conflicts.len()
            )
        })
        .collect()
}

fn kpi_figures(data: &Dataset) -> Vec<Option<u64>> {
    use aftersales::domain::calendar::{Calendar, Date};
    use aftersales::domain::kpi::Kpi;
    use aftersales::domain::kpi::engine::{self, Filter, Inputs};
    use aftersales::domain::kpi::facts::Facts;
    use aftersales::domain::period::{Period, PeriodKind};
    let calendar = Calendar::china_default();
    let tickets = data.tickets.fold_all(&calendar);
    let facts = Facts::new(&tickets, data, &data.service_settings().policy, &calendar);
    let inputs = Inputs {
        facts: &facts,
        now: calendar.instant(Date::parse("2026-11-28").unwrap(), 17 * 60),
    };
    let october = Period::containing(PeriodKind::Month, Date::parse("2026-10-15").unwrap());
    Kpi::ALL
        .iter()
        .map(|kpi| {
            let totals = engine::totals(*kpi, inputs, &Filter::default(), &[october]);
            kpi.unit().shown(totals[0].value(*kpi))
        })
        .collect()
}

/// Five devices start from the same small company (with the assessment schemes and a quarter's assessment up to the
/// raters' forms) and edit offline — people's fields, notes on tickets, cost lines added and deleted, the survey
/// settings, schemes renamed, the assessment rated and scored again — exchanging files through the export format in a
/// random order, some twice, some lost. Once every file has reached everyone, all hold the same data, compute the
/// same KPI figures and the same assessment scores, and no deleted cost line has come back (four histories).
#[test]
fn five_devices_exchanging_files_in_any_order_end_with_the_same_data_and_figures() {
    use aftersales::demo::{DemoSpec, generate};
    use aftersales::domain::calendar::{Calendar, Date};
    use aftersales::domain::clock::Hlc;
    use aftersales::sync::format::{self, DeviceInfo, Origin};
    let calendar = Calendar::china_default();
    let now = calendar.instant(Date::parse("2026-11-28").unwrap(), 17 * 60);
    let company: Dataset = {
        let mut data = Dataset::default();
        for change in generate(
            DemoSpec {
                seed: 11,
                tickets: 120,
                now,
            },
            &calendar,
        ) {
            data.apply(change);
        }
        // The assessment schemes, and a quarter's assessment up to the raters' forms: devices rename schemes and
        // rate and score it again offline.
        use crate::assessment_cycle::{CYCLE, event, quarter, quarter_cycle, scheme};
        for (n, scheme) in aftersales::domain::assessment::scheme::built_in()
            .into_iter()
            .enumerate()
        {
            data.apply(Change::Scheme(crate::common::versioned(
                0x5C4E + n as u128,
                1_000,
                scheme,
            )));
        }
        data.apply(Change::Cycle(crate::common::versioned(
            CYCLE.as_u128(),
            1_000,
            quarter_cycle(scheme(), 3),
        )));
        for (n, (by, day, what)) in quarter().into_iter().take(15).enumerate() {
            data.apply(Change::AssessmentEvent(event(n as u64, by, day, what)));
        }
        data
    };
    let file_of = |n: usize, data: &Dataset| {
        let origin = Origin {
            device: DeviceInfo {
                id: DeviceId::from_u128(n as u128 + 1),
                name: format!("设备{n}"),
            },
            exported_at: 0,
            exported_by: "测试".into(),
            selection: Selection::All,
        };
        format::write(&origin, data.changes().collect())
    };
    for seed in 0..4 {
        let mut dice = Dice(seed);
        let mut devices: Vec<(Dataset, Hlc)> = (0..5)
            .map(|n| {
                (
                    company.clone(),
                    Hlc::new(DeviceId::from_u128(n as u128 + 1)),
                )
            })
            .collect();
        let mut deleted = Vec::new();
        let mut wall = now as u64;
        for _ in 0..60 {
            wall += 1 + dice.roll(3) as u64;
            let n = dice.roll(5);
            match dice.roll(3) {
                // Work offline.
                0 | 1 => {
                    let (data, clock) = &mut devices[n];
                    if let Some(change) = offline_edit(data, clock, &mut dice, wall, n) {
                        if let Change::Cost(v) = &change
                            && v.deleted
                        {
                            deleted.push(v.id);
                        }
                        data.apply(change);
                    }
                }
                // A file from another device arrives (or is lost: then nothing happens), maybe for the second time.
                _ => {
                    let from = dice.roll(5);
                    if dice.roll(5) == 0 {
                        continue;
                    }
                    let file = file_of(from, &devices[from].0);
                    let parsed = format::read(file.as_bytes()).unwrap();
                    let (data, clock) = &mut devices[n];
                    let preview = aftersales::domain::import::preview(
                        data,
                        parsed.records,
                        &calendar,
                        wall + 1,
                    );
                    assert!(preview.refused.is_empty(), "{:?}", preview.refused);
                    *data = preview.merged;
                    if let Some(latest) = data.latest_stamp() {
                        clock.observe(latest, wall);
                    }
                }
            }
        }
        // Until quiet: everyone's file reaches everyone, twice round.
        for _ in 0..2 {
            for from in 0..5 {
                let file = file_of(from, &devices[from].0);
                for (data, _) in devices.iter_mut() {
                    let records = format::read(file.as_bytes()).unwrap().records;
                    *data = aftersales::domain::import::preview(data, records, &calendar, wall + 1)
                        .merged;
                }
            }
        }
        let first = &devices[0].0;
        let figures = kpi_figures(first);
        let scores = assessment_scores(first);
        assert_ne!(
            scores,
            assessment_scores(&company),
            "seed {seed}: the devices' forms changed the scores"
        );
        for (n, (data, _)) in devices.iter().enumerate() {
            assert_eq!(data, first, "seed {seed}: device {n} holds the same data");
            assert_eq!(
                kpi_figures(data),
                figures,
                "seed {seed}: device {n} computes the same KPIs"
            );
            assert_eq!(
                assessment_scores(data),
                scores,
                "seed {seed}: device {n} computes the same assessment scores"
            );
        }
        for id in &deleted {
            assert!(
                !first.costs.contains(*id),
                "seed {seed}: a deleted cost line stays deleted"
            );
        }
    }
}

/// A long import's preview reports its progress (R11.3): the four steps in order, records counted up within the
/// reading and the merging, every report a message the page reads back — and the same answer as without reports.
#[test]
fn an_import_preview_reports_its_steps_and_records_as_it_goes() {
    use aftersales::sync::work::{Progress, Stage};
    let (_, office) = tablet_and_office();
    // Enough records for several reports.
    let big = Device::new(0xC, "大平板", crate::retention::company().changes());
    let file = big.export(1_000, None);
    let request = office.import_request(&file, None);
    let mut messages = Vec::new();
    let answer = jobs::answer_in_worker(&jobs::import_request(&request), None, None, &mut |m| {
        messages.push(m.to_string())
    });
    assert_eq!(answer.reply, jobs::answer(&jobs::import_request(&request)));
    let reports: Vec<Progress> = messages
        .iter()
        .map(|m| Progress::parse(m).unwrap_or_else(|| panic!("{m}")))
        .collect();
    let stages: Vec<Stage> = reports
        .iter()
        .map(|r| r.stage)
        .fold(Vec::new(), |mut seen, s| {
            if seen.last() != Some(&s) {
                seen.push(s);
            }
            seen
        });
    assert_eq!(stages, Stage::IMPORT);
    let merging: Vec<u64> = reports
        .iter()
        .filter(|r| r.stage == Stage::Merging)
        .map(|r| r.done)
        .collect();
    assert!(merging.len() > 3, "{merging:?}");
    assert!(merging.windows(2).all(|w| w[0] < w[1]), "{merging:?}");
    assert!(reports.iter().all(|r| r.done <= r.total));
}

/// An export reports its progress too: its four steps in order, the records counted up as they are written — and
/// the body written record by record is exactly the serialisation of the records as one `Body`.
#[test]
fn an_export_reports_its_steps_and_writes_the_body_serde_would() {
    use aftersales::sync::format::{self, Body};
    use aftersales::sync::work::{Progress, Stage};
    let big = Device::new(0xC, "大平板", crate::retention::company().changes());
    let mut messages = Vec::new();
    let answer = jobs::answer_in_worker(
        &jobs::export_request(&big.export_request(1_000, None)),
        None,
        None,
        &mut |m| messages.push(m.to_string()),
    );
    assert!(answer.file.is_some());
    let reports: Vec<Progress> = messages
        .iter()
        .map(|m| Progress::parse(m).unwrap_or_else(|| panic!("{m}")))
        .collect();
    let mut stages: Vec<Stage> = reports.iter().map(|r| r.stage).collect();
    stages.dedup();
    assert_eq!(stages, Stage::EXPORT);
    let written: Vec<u64> = reports
        .iter()
        .filter(|r| r.stage == Stage::WritingFile)
        .map(|r| r.done)
        .collect();
    assert!(written.len() > 3, "{written:?}");
    assert!(written.windows(2).all(|w| w[0] < w[1]), "{written:?}");

    let records: Vec<_> = big.data.changes().collect();
    let origin = format::Origin {
        device: format::DeviceInfo {
            id: big.id,
            name: big.name.into(),
        },
        exported_at: 1_000,
        exported_by: "管理员".into(),
        selection: Selection::All,
    };
    let (body, header) = format::body_and_header(&origin, records.clone());
    assert_eq!(body, serde_json::to_string(&Body { records }).unwrap());
    assert_eq!(header.sha256.len(), 64);
}

/// Files travel beside the worker's requests and answers (the page never copies them): an import given its file
/// apart previews as one given it inside.
#[test]
fn an_import_s_file_apart_from_the_request_previews_as_one_inside_it() {
    let (tablet, office) = tablet_and_office();
    let file = tablet.export(5_000, None);
    let inside = office.import_request(&file, None);
    let without = ImportRequest {
        file: Vec::new(),
        ..inside.clone()
    };
    let apart = jobs::answer_in_worker(
        &jobs::import_request(&without),
        None,
        Some(file),
        &mut |_| {},
    );
    assert_eq!(apart.file, None);
    assert_eq!(
        apart.kept, None,
        "sent data: the write goes back to the page"
    );
    assert_eq!(
        jobs::previewed_of(&apart.reply),
        jobs::previewed_of(&jobs::answer(&jobs::import_request(&inside)))
    );
}

/// Where the page names its IndexedDB database instead of sending what is stored, the worker reads it and keeps the
/// import's merge: the reply carries the preview alone (the page never receives the merged data), the write kept is
/// the one sent data would have brought back, and a `write_import_request` names the database and the audit line.
/// What the worker could not read is the reply's error. Sent data is never mistaken for a database to read.
#[test]
fn a_worker_that_reads_the_database_itself_keeps_the_import_s_merge() {
    let (tablet, office) = tablet_and_office();
    let file = tablet.export(5_000, None);
    let sent = office.import_request(&file, None);
    let named = ImportRequest {
        source: StoreSource::IndexedDb {
            database: "aftersales".into(),
        },
        ..sent.clone()
    };
    assert_eq!(jobs::database_to_read(&jobs::import_request(&sent)), None);
    assert_eq!(
        jobs::database_to_read(&jobs::import_request(&named)),
        Some("aftersales".into())
    );
    let stored = block_on(office.store.stored()).unwrap();
    let kept = jobs::answer_in_worker(
        &jobs::import_request(&named),
        Some(Ok(stored)),
        None,
        &mut |_| {},
    );
    let (preview, write) = jobs::previewed_of(&kept.reply).unwrap();
    assert_eq!(write, None);
    let (sent_preview, sent_write) =
        jobs::previewed_of(&jobs::answer(&jobs::import_request(&sent))).unwrap();
    assert_eq!(preview, sent_preview);
    assert_eq!(kept.kept, sent_write);

    let request = jobs::write_import_request("aftersales", vec![7, 7]);
    assert_eq!(
        jobs::write_import_of(&request),
        Some(("aftersales".into(), vec![7, 7]))
    );
    assert_eq!(jobs::write_import_of(&jobs::import_request(&sent)), None);
    assert!(
        jobs::written_of(&jobs::answer(&request)).is_err(),
        "nothing previewed in a fresh worker"
    );

    let unreadable = jobs::answer_in_worker(
        &jobs::import_request(&named),
        Some(Err(StoreError::Unavailable("blocked".into()))),
        None,
        &mut |_| {},
    );
    assert_eq!(
        jobs::previewed_of(&unreadable.reply),
        Err(ImportProblem::Store(StoreError::Unavailable(
            "blocked".into()
        )))
    );
    assert_eq!(unreadable.kept, None);
    let exported = jobs::answer_in_worker(
        &jobs::export_request(&ExportRequest {
            source: StoreSource::IndexedDb {
                database: "aftersales".into(),
            },
            ..tablet.export_request(6_000, None)
        }),
        Some(Ok(block_on(tablet.store.stored()).unwrap())),
        None,
        &mut |_| {},
    );
    assert_eq!(
        exported.file.map(|f| without_time(&f)),
        Some(without_time(&tablet.export(6_000, None)))
    );
}

/// A file that deletes every user here is refused: nobody could sign in again (found by the attack review).
#[test]
fn a_file_that_deletes_every_user_is_refused() {
    let (tablet, office) = tablet_and_office();
    let mut emptied = Device::new(0xD, "清空的平板", std::iter::empty());
    for change in tablet.data.changes() {
        let change = match change {
            Change::User(v) => Change::User(v.deleted_at(aftersales::domain::clock::Stamp {
                wall_ms: 1_800_000_000_000,
                counter: 0,
                device: DeviceId::from_u128(0xD),
            })),
            other => other,
        };
        block_on(emptied.store.save(&change)).unwrap();
        emptied.data.apply(change);
    }
    assert_eq!(
        office.preview(&emptied.export(1_000, None), None).err(),
        Some(ImportProblem::File(FileProblem::RemovesEveryUser))
    );
}
