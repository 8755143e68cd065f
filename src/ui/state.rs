//! `AppState`: the one context every screen reads — the dataset, the language, who is signed in, the storage
//! status — and `commit`, the one way a screen changes data (permission check → durable write → state).
//!
//! Must not: hold rules (the domain does) or derive figures by effects (screens use `Memo`s over `data`).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::codec;
use crate::domain::access::{Action, Role, User, permitted};
use crate::domain::assessment::cycle::{AssessmentEvent, AssessmentStep};
use crate::domain::calendar::Instant;
use crate::domain::clock::{Hlc, Stamp};
use crate::domain::dataset::{Change, Dataset, Underneath};
use crate::domain::error::Problem;
use crate::domain::ids::Id;
use crate::domain::import::AuditEntry;
use crate::domain::kpi::facts::Facts;
use crate::domain::pin::{PinAttempts, STORED_WIDTH};
use crate::domain::record::{Fields, Versioned};
use crate::domain::settings::ServiceSettings;
use crate::domain::ticket::list::Row;
use crate::domain::ticket::log::FoldedTickets;
use crate::domain::ticket::{Happening, Ticket, TicketEvent};
use crate::i18n::{self, Key, Lang};
use crate::platform;
use crate::store::history::{self, History};
use crate::store::quarantine::Unreadable;
use crate::store::worker::WorkerSession;
use crate::store::{AnyBackend, BackendKind, Store, StoreError, StoreSource, Unread};
use crate::sync::work::ImportWrite;
use crate::ui::derived::Derivation;

/// An import previewed and not yet written: its merge, where the worker module made it.
pub enum PendingImport {
    /// Sent back to the page (the store is not IndexedDB): written from here.
    Here(ImportWrite),
    /// Kept in the worker that read the IndexedDB database `database`: written there.
    InWorker {
        worker: WorkerSession,
        database: String,
    },
}

/// Where opening the store stands.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Opening,
    Ready(BackendKind),
    Failed(StoreError),
}

/// Where reading the tickets' history stands: opening reads the records first and shows the first screen, and the
/// history behind it in slices (`store::history`); a screen that needs it waits (`components::history`).
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryState {
    /// `read` of `of` chunks read so far.
    Reading {
        read: usize,
        of: usize,
    },
    Read,
    /// A chunk could not be fetched, or what did not read could not be kept apart: the screens that need the
    /// history say why (and this tab does not compact: that reads everything again).
    Failed(StoreError),
}

impl HistoryState {
    /// How far reading is, in whole percent (100 once read).
    pub fn percent(&self) -> usize {
        match self {
            HistoryState::Reading { read, of } => (read * 100).checked_div(*of).unwrap_or(0),
            HistoryState::Read | HistoryState::Failed(_) => 100,
        }
    }

    /// "reading", "read" or "failed".
    pub fn slug(&self) -> &'static str {
        match self {
            HistoryState::Reading { .. } => "reading",
            HistoryState::Read => "read",
            HistoryState::Failed(_) => "failed",
        }
    }
}

/// Decoding the history stops for the browser after this long: a slice with its progress step stays under a 50 ms
/// long task at 4×, and few enough slices that yielding between them costs little.
const HISTORY_SLICE_MS: f64 = 25.0;

/// The browser's answer to `navigator.storage.persist()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    Unknown,
    Granted,
    Denied,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub kind: ToastKind,
    pub text: String,
    /// Where the message points ("export a backup" leads to the data exchange).
    pub link: Option<(&'static str, Key)>,
}

/// The data exchange, where every "export a backup" leads.
pub const BACKUP_LINK: (&str, Key) = ("/data", Key::ExportBackup);

#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<Dataset>,
    pub lang: RwSignal<Lang>,
    /// The signed-in user's id (device-local, kept across reloads).
    pub user: RwSignal<Option<Id>>,
    pub load: RwSignal<LoadState>,
    /// Whether the tickets' history is in `data` yet (opening reads it behind the first screen).
    pub history: RwSignal<HistoryState>,
    pub persistence: RwSignal<Persistence>,
    pub toast: RwSignal<Option<Toast>>,
    /// The "who is using this tablet" chooser is open.
    pub choosing_user: RwSignal<bool>,
    /// The calendar, SLA policy and warranty term in force (derived from `data`).
    pub settings: Memo<ServiceSettings>,
    /// Every ticket folded from its events (derived from `data` and the calendar).
    pub tickets: Memo<Folded>,
    /// What the KPIs read of the tickets and the other records (derived from `tickets`, `data` and the settings).
    pub facts: Memo<Shared<Facts>>,
    /// The ticket list's rows, one per ticket in the fold's order, their SLA clocks at `now`.
    pub ticket_rows: Memo<Shared<Vec<Row>>>,
    /// The time live figures are computed at; ticks every half minute.
    pub now: RwSignal<Instant>,
    /// Kiosk mode (R4.2): the ticket whose survey this device shows and nothing else, until a staff PIN.
    /// Device-local and kept across reloads.
    pub kiosk: RwSignal<Option<KioskSession>>,
    /// Parts of the stored data that did not read, kept apart (`store::quarantine`); the rest opened.
    pub quarantined: RwSignal<Vec<Unreadable>>,
    /// A form's save held back because another tab or device changed the same field meanwhile, until its user
    /// chooses (`components::underneath`).
    pub held_save: RwSignal<Option<HeldSave>, LocalStorage>,
    store: StoredValue<Option<Rc<Store<AnyBackend>>>, LocalStorage>,
    clock: StoredValue<Hlc>,
    /// One more whenever whole data is adopted: a history read started before stops there.
    history_run: StoredValue<u64>,
    /// A whole re-read is under way (`reread`), and whether another was asked for meanwhile: one runs at a time, and
    /// reads again once more when asked, so the last state adopted is of the last change.
    rereading: StoredValue<Rereading>,
    /// The KPI facts kept beside the stored data (`ui::derived`), while they are exactly `data`'s: taken at opening
    /// for the dashboard, forgotten at the first change.
    pub kept_facts: RwSignal<Option<Shared<Facts>>>,
    /// Where keeping the derived facts stands (`main[data-derived]`).
    pub derivation: RwSignal<Derivation>,
    /// One more at every change of the data since opening (this tab's, another tab's read, an import): the
    /// derivation scheduled last is the one that runs.
    derivation_due: StoredValue<u64>,
}

/// A form's save held back (`AppState::held_save`): the change as the form made it, the fields changed underneath
/// it, and how to carry on with the change chosen (`Dataset::rebased`).
pub struct HeldSave {
    pub change: Change,
    pub underneath: Vec<Underneath>,
    pub resume: Box<dyn FnOnce(Change)>,
}

const LANG_PREF: &str = "lang";
const USER_PREF: &str = "user";
const KIOSK_PREF: &str = "kiosk";

/// A device locked into one ticket's survey since a moment by a staff member: a response answered since then is this
/// session's, so a reload after submitting still shows the thank-you (also when a second response may replace the
/// first), and leaving it returns to whoever started it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KioskSession {
    pub ticket: Id,
    pub since: Instant,
    /// Who started it (`None` in a session kept by an older version: leaving it asks who).
    pub by: Option<Id>,
}

impl KioskSession {
    /// As kept in the preference: `"<ticket> <since> <by>"`.
    fn pref(&self) -> String {
        match self.by {
            Some(by) => format!("{} {} {by}", self.ticket, self.since),
            None => format!("{} {}", self.ticket, self.since),
        }
    }

    /// The device's kiosk lock as kept. A lock whose preference does not read (damaged, or edited by hand) still
    /// locks — to no ticket's survey, left with any staff member's PIN — never opens the staff screens.
    fn kept() -> Option<KioskSession> {
        platform::read_pref(KIOSK_PREF).map(|text| {
            KioskSession::parse(&text).unwrap_or(KioskSession {
                ticket: Id::from_u128(0),
                since: 0,
                by: None,
            })
        })
    }

    fn parse(text: &str) -> Option<KioskSession> {
        let mut parts = text.split(' ');
        let ticket = parts.next()?.parse().ok()?;
        let since = parts.next()?.parse().ok()?;
        let by = match parts.next() {
            Some(by) => Some(by.parse().ok()?),
            None => None,
        };
        Some(KioskSession { ticket, since, by })
    }
}

/// Why this tab refused to act: the device's signed-in user or kiosk lock changed in another tab since this one
/// last looked, so what it shows is not the device's any more (it has now caught up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceMovedOn;

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// A fixed text that follows the language: `{tr(Key::Save)}` in a view, or as an attribute value. Every call
/// returns the same closure type, so the hundreds of labels share one compiled renderer instead of each
/// `move || state.t(key)` closure bringing its own (that cost ~1 KB of wasm per label).
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = use_app_state();
    move || state.t(key)
}

impl AppState {
    pub fn new() -> Self {
        let lang = platform::read_pref(LANG_PREF)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default();
        let user = platform::read_pref(USER_PREF).and_then(|text| text.parse().ok());
        let data = RwSignal::new(Dataset::default());
        let settings = Memo::new(move |_| data.with(Dataset::service_settings));
        // Refolds only the tickets an edit touched (`FoldedTickets::refolded`); an edit to anything else leaves the
        // tickets as they were, unchanged for what reads them.
        let tickets = Memo::new_owning(move |previous: Option<Folded>| {
            settings.with(|s| {
                data.with(|d| match previous {
                    Some(previous) if previous.0.is_current(&d.tickets, &s.calendar) => {
                        (previous, false)
                    }
                    Some(previous) => {
                        // Shared with no one now (the usual case): brought up to date in place.
                        let folded =
                            Arc::try_unwrap(previous.0).unwrap_or_else(|arc| (*arc).clone());
                        (
                            Shared(Arc::new(folded.refolded(&d.tickets, &s.calendar))),
                            true,
                        )
                    }
                    None => (
                        Shared(Arc::new(platform::timed("tickets:fold", || {
                            FoldedTickets::fold(&d.tickets, &s.calendar)
                        }))),
                        true,
                    ),
                })
            })
        });
        let kept_facts = RwSignal::new(None::<Shared<Facts>>);
        let facts = Memo::new(move |_| {
            // Kept beside the stored data and still `data`'s: the dashboard shows them before the history is read,
            // and nothing is folded for them.
            if let Some(kept) = kept_facts.get() {
                return kept;
            }
            tickets.with(|folded| {
                settings.with(|s| {
                    data.with(|d| {
                        Shared(Arc::new(platform::timed("kpi:facts", || {
                            Facts::new(&folded.0, d, &s.policy, &s.calendar)
                        })))
                    })
                })
            })
        });
        let now = RwSignal::new(platform::now_ms() as Instant);
        // The ticket list's rows (each ticket's summary and SLA clock now), kept while the app runs: a return to the
        // list does not build ten thousand of them again. Computed only when a screen reads them.
        let ticket_rows = Memo::new(move |_| {
            let now = now.get();
            tickets.with(|folded| {
                settings.with(|s| {
                    let rows = folded
                        .0
                        .iter()
                        .map(|ticket| Row::new(ticket, &s.policy, &s.calendar, now));
                    Shared(Arc::new(rows.collect()))
                })
            })
        });
        AppState {
            data,
            settings,
            tickets,
            facts,
            ticket_rows,
            now,
            kiosk: RwSignal::new(KioskSession::kept()),
            quarantined: RwSignal::new(Vec::new()),
            held_save: RwSignal::new_local(None),
            lang: RwSignal::new(lang),
            user: RwSignal::new(user),
            load: RwSignal::new(LoadState::Opening),
            // Not read until the store has opened (`attach`).
            history: RwSignal::new(HistoryState::Reading { read: 0, of: 0 }),
            persistence: RwSignal::new(Persistence::Unknown),
            toast: RwSignal::new(None),
            choosing_user: RwSignal::new(false),
            store: StoredValue::new_local(None),
            clock: StoredValue::new(Hlc::new(platform::device_id())),
            history_run: StoredValue::new(0),
            rereading: StoredValue::new(Rereading::default()),
            kept_facts,
            derivation: RwSignal::new(Derivation::Idle),
            derivation_due: StoredValue::new(0),
        }
    }

    /// A fixed text in the current language (tracked: re-renders on a language switch).
    pub fn t(&self, key: Key) -> &'static str {
        key.text(self.lang.get())
    }

    pub fn set_lang(&self, lang: Lang) {
        // Not kept (a full storage): the switch still holds in this tab.
        let _ = platform::write_pref(LANG_PREF, lang.code());
        self.lang.set(lang);
    }

    /// Takes the opened store and what it held, with the tickets' history still to read into it.
    pub fn attach(&self, store: Store<AnyBackend>, data: Dataset, history: History) {
        self.load.set(LoadState::Ready(store.kind()));
        if store.recovered() {
            self.notify(self.t(Key::DataRecovered));
        }
        self.store.set_value(Some(Rc::new(store)));
        self.take_data(data);
        let state = *self;
        if !history.is_read() {
            let (read, of) = history.progress();
            self.history.set(HistoryState::Reading { read, of });
            spawn_local(async move { state.read_history(history).await });
        }
        spawn_local(async move { state.load_quarantine().await });
    }

    /// Reads the tickets' history into `data` in slices of the main thread, fetching each batch of chunks while the
    /// one before is decoded, then lets the screens that need it in (one notification: they fold the tickets once).
    /// Stops when whole data was adopted meanwhile (another tab's save read); reads everything again when the
    /// snapshot was replaced since opening.
    async fn read_history(&self, mut history: History) {
        let run = self.history_run.get_value();
        let Some(store) = self.store.get_value() else {
            return;
        };
        // The first screen first: its requests (the dashboard's kept facts) go to the backend before the history's,
        // and the history waits while they are read.
        crate::ui::yield_now().await;
        while crate::ui::derived::taking(*self) {
            crate::ui::yield_now().await;
        }
        let timing = platform::Timing::start("history:read");
        let stopped = || self.history_run.get_value() != run;
        // The time from each fetch's start to its batch arriving, summed (most of it beside the decoding).
        let fetching = std::cell::Cell::new(0.0);
        let fetch = |batch: Option<Unread>| {
            let store = Rc::clone(&store);
            let fetching = &fetching;
            async move {
                let began = platform::precise_ms();
                let batch = match batch {
                    Some(batch) => History::fetch_batch(&store, &batch).await.map(Some),
                    None => Ok(None),
                };
                fetching.set(fetching.get() + platform::precise_ms() - began);
                batch
            }
        };
        // Main-thread time spent decoding, and the time between the slices (yields, the browser's other work, a
        // fetch the decoding did not cover).
        let (mut decoding, mut waiting) = (0.0, 0.0);
        let waited = platform::precise_ms();
        let mut fetched = fetch(history.claim()).await;
        waiting += platform::precise_ms() - waited;
        loop {
            if stopped() {
                return;
            }
            match fetched {
                Err(error) => return self.history_failed(error),
                Ok(None) => break,
                Ok(Some(batch)) => {
                    if history.accept(batch) == history::Progress::Replaced {
                        // Read again whole; a failure to do so leaves the screens that need the history saying why.
                        if let Err(error) = self.reread().await {
                            self.history_failed(error);
                        }
                        return;
                    }
                }
            }
            // The next batch is read from the backend while this one is decoded.
            let began = platform::precise_ms();
            let (next, decoded) = futures::join!(
                fetch(history.claim()),
                self.decode_fetched(&mut history, &stopped)
            );
            decoding += decoded;
            waiting += platform::precise_ms() - began - decoded;
            fetched = next;
        }
        if stopped() {
            return;
        }
        if let Err(error) = history.finish(&store).await {
            return self.history_failed(error);
        }
        if stopped() {
            return;
        }
        self.observe_stamps();
        // A part of the history missing or unreadable: the facts kept are of data this page no longer holds (the
        // dashboard folds them from what reads, and the worker derives them again).
        if store.lost_parts() && self.kept_facts.with_untracked(Option::is_some) {
            self.kept_facts.set(None);
            self.derivation.set(crate::ui::derived::Derivation::Stale);
        }
        self.data.update(|_| {});
        self.history.set(HistoryState::Read);
        crate::ui::derived::after_history(*self);
        timing.end();
        platform::measure_total("history:decode", decoding);
        platform::measure_total("history:between", waiting);
        platform::measure_total("history:fetch", fetching.get());
        self.load_quarantine().await;
    }

    /// Decodes every fetched chunk into `data`, a slice of the main thread at a time, with a step of the progress
    /// bar (a whole percent) between slices, not every one; returns the time the slices took.
    async fn decode_fetched(&self, history: &mut History, stopped: &dyn Fn() -> bool) -> f64 {
        let mut spent = 0.0;
        // Whole data adopted during a yield (`stopped`) must not get this history's chunks.
        while !stopped() {
            let started = platform::precise_ms();
            let mut more = true;
            self.data.update_untracked(|data| {
                while more && platform::precise_ms() - started < HISTORY_SLICE_MS {
                    more = history.decode_next(data);
                }
            });
            spent += platform::precise_ms() - started;
            let (read, of) = history.progress();
            let shown = self.history.with_untracked(HistoryState::percent);
            if (read * 100).checked_div(of).unwrap_or(0) != shown {
                self.history.set(HistoryState::Reading { read, of });
            }
            if !more {
                break;
            }
            crate::ui::yield_now().await;
        }
        spent
    }

    fn history_failed(&self, error: StoreError) {
        self.fail_store(self.lang.get_untracked(), &error);
        self.history.set(HistoryState::Failed(error));
    }

    /// Whether the tickets' history is read (untracked): a snapshot may be written from this tab's data.
    fn history_read(&self) -> bool {
        self.history.with_untracked(|h| *h == HistoryState::Read)
    }

    /// Whether the tickets' history is read (untracked).
    pub fn history_is_read(&self) -> bool {
        self.history_read()
    }

    /// The store, once opened (`ui::derived` asks it for the kept facts).
    pub fn opened_store(&self) -> Option<Rc<Store<AnyBackend>>> {
        self.store.get_value()
    }

    /// The data changed (saved here, another tab's read, imported): facts kept for what opening read are another
    /// data's now, and the worker derives them again once the data is quiet.
    fn data_changed(&self) {
        if self.kept_facts.with_untracked(Option::is_some) {
            self.kept_facts.set(None);
        }
        crate::ui::derived::schedule(*self);
    }

    /// Whether the data changed since opening (`data_changed`).
    pub fn changed_since_opening(&self) -> bool {
        self.derivation_due.get_value() > 0
    }

    /// Schedules a derivation: its number, which stays the due one until the next change.
    pub fn next_derivation(&self) -> u64 {
        self.derivation_due.update_value(|due| *due += 1);
        self.derivation_due.get_value()
    }

    /// The number of the derivation due (`next_derivation`).
    pub fn derivation_due(&self) -> u64 {
        self.derivation_due.get_value()
    }

    /// Reads what the quarantine holds (after opening, and after another tab's save was read).
    async fn load_quarantine(&self) {
        let Some(store) = self.store.get_value() else {
            return;
        };
        match store.quarantine().await {
            Ok(parts) => {
                if parts != self.quarantined.get_untracked() {
                    self.quarantined.set(parts);
                }
            }
            Err(error) => {
                self.fail_store(self.lang.get_untracked(), &error);
            }
        }
    }

    /// Makes `data` — whole, history and all — the state, moving this device's clock past every stamp in it so the
    /// next edit wins; a history read still under way stops.
    fn adopt(&self, data: Dataset) {
        self.take_data(data);
        self.data_changed();
    }

    /// Makes `data` the state (`adopt`, and opening's own data).
    fn take_data(&self, data: Dataset) {
        self.history_run.update_value(|run| *run += 1);
        if let Some(old) = self.data.try_update(|held| std::mem::replace(held, data)) {
            release(old);
        }
        self.observe_stamps();
        if !self.history_read() {
            self.history.set(HistoryState::Read);
        }
        // Not kept (a full storage): that user's tries are refused until there is room (`check_pin`).
        let _ = self.reserve_pin_counts();
    }

    /// Moves this device's clock past every stamp in the data.
    fn observe_stamps(&self) {
        if let Some(latest) = self.data.with_untracked(Dataset::latest_stamp) {
            let now = platform::now_ms();
            self.clock.update_value(|clock| clock.observe(latest, now));
        }
    }

    /// Keeps a place for the wrong-PIN count of every user with a PIN, and of the kiosk's exit, while there is room:
    /// a count is fixed-width (`PinAttempts::to_stored`), so a storage that fills up later can still rewrite it and
    /// the right PIN is still taken. `Err` if a place could not be kept.
    fn reserve_pin_counts(&self) -> Result<(), StoreError> {
        let mut counts: Vec<String> = self.data.with_untracked(|d| {
            d.users
                .live()
                .filter(|(_, user)| user.pin.is_some())
                .map(|(id, _)| attempts_pref(id))
                .collect()
        });
        counts.push(KIOSK_EXIT_ATTEMPTS.to_string());
        for count in counts {
            if platform::read_pref(&count).is_none_or(|text| text.len() != STORED_WIDTH) {
                write_attempts(&count, read_attempts(&count))?;
            }
        }
        Ok(())
    }

    /// The signed-in user, if they still exist.
    pub fn current_user(&self) -> Option<(Id, User)> {
        let id = self.user.get()?;
        self.data
            .with(|data| data.users.get(id).cloned())
            .map(|user| (id, user))
    }

    pub fn role(&self) -> Option<Role> {
        self.current_user().map(|(_, user)| user.role)
    }

    /// Whether the signed-in user may take `action` (tracked).
    pub fn can(&self, action: Action) -> bool {
        let role = self.role();
        self.data.with(|data| permitted(role, action, data))
    }

    /// Signs `id` in on this device — every tab of the app follows (`follow_device`). Refused when the choice
    /// cannot be kept (a full storage): a reload would otherwise return to whoever was signed in before.
    pub fn sign_in(&self, id: Id) -> Result<(), StoreError> {
        platform::write_pref(USER_PREF, &id.to_string())?;
        // Best effort: the chooser's "recent" group is a convenience.
        platform::note_recent_user(id);
        self.user.set(Some(id));
        self.choosing_user.set(false);
        Ok(())
    }

    /// Locks this device into the survey of `ticket`, started by the signed-in user — written first, so a reload
    /// and every other tab are locked too; refused (nothing locked) when it cannot be written, or when the places of
    /// the PIN counts its exit writes cannot be kept (the exit would then refuse every PIN).
    pub fn start_kiosk(&self, ticket: Id) -> Result<(), StoreError> {
        let session = KioskSession {
            ticket,
            since: platform::now_ms() as Instant,
            by: self.user.get_untracked(),
        };
        self.reserve_pin_counts()?;
        platform::write_pref(KIOSK_PREF, &session.pref())?;
        self.kiosk.set(Some(session));
        Ok(())
    }

    pub fn end_kiosk(&self) {
        platform::remove_pref(KIOSK_PREF);
        self.kiosk.set(None);
    }

    /// Checks `pin` for user `id` under the device's one back-off per user (R10.1), whichever prompt asks —
    /// and, at the kiosk's exit, under one more for the device, so trying user after user there gains no free
    /// tries: refused while a wait runs; the try is counted as wrong *before* the PIN is compared and the counts
    /// cleared only when it matched (an empty PIN is refused as missing, uncounted), so a try that cannot be counted (a full storage with no place kept for the
    /// count, `reserve_pin_counts`) is refused, never free.
    ///
    /// Under the Web Lock `aftersales.pin`, which every tab takes: tries typed in several tabs at once are counted
    /// one after the other, never read and written over each other.
    pub async fn check_pin(&self, id: Id, pin: &str, prompt: PinPrompt) -> Result<(), Problem> {
        // Nothing typed (or only spaces) is no try: asked for, not counted against the user.
        if pin.trim().is_empty() {
            return Err(Problem::Required);
        }
        let _held = crate::store::lock::acquire("aftersales.pin").await;
        let now = platform::now_ms();
        let mut counts = vec![attempts_pref(id)];
        if prompt == PinPrompt::KioskExit {
            counts.push(KIOSK_EXIT_ATTEMPTS.to_string());
        }
        let attempts: Vec<PinAttempts> = counts.iter().map(|c| read_attempts(c)).collect();
        let waiting = attempts.iter().map(|a| a.wait_ms(now)).max().unwrap_or(0);
        if waiting > 0 {
            return Err(Problem::PinLocked { wait_ms: waiting });
        }
        let counted: Vec<PinAttempts> = attempts.into_iter().map(|a| a.failed(now)).collect();
        for (count, attempts) in counts.iter().zip(&counted) {
            write_attempts(count, *attempts).map_err(|_| Problem::PinNotCounted)?;
        }
        let hash = self
            .data
            .with_untracked(|data| data.users.get(id).and_then(|u| u.pin.clone()));
        match hash.is_some_and(|hash| hash.matches(pin)) {
            true => {
                for count in &counts {
                    // Rewritten in its place (a full storage cannot refuse it): the count cleared.
                    let _ = write_attempts(count, PinAttempts::default());
                }
                Ok(())
            }
            false => Err(
                match counted.iter().map(|a| a.wait_ms(now)).max().unwrap_or(0) {
                    0 => Problem::PinWrong,
                    wait_ms => Problem::PinLocked { wait_ms },
                },
            ),
        }
    }

    /// Takes the device's signed-in user and kiosk lock as stored (another tab changed them: a `storage` event, or
    /// this tab's next action); `Err` when this tab did not agree with them until now.
    pub fn follow_device(&self) -> Result<(), DeviceMovedOn> {
        let kiosk = KioskSession::kept();
        let user = platform::read_pref(USER_PREF).and_then(|text| text.parse().ok());
        let agreed = kiosk == self.kiosk.get_untracked() && user == self.user.get_untracked();
        if kiosk != self.kiosk.get_untracked() {
            self.kiosk.set(kiosk);
        }
        if user != self.user.get_untracked() {
            self.user.set(user);
            self.choosing_user.set(false);
        }
        agreed.then_some(()).ok_or(DeviceMovedOn)
    }

    /// Record `id` as a form that showed `opened` (`None`: a new record) saves `body`, stamped now: only the fields
    /// it changed are written, so another tab's or device's change to the others since is kept.
    pub fn edited<T: Fields>(
        &self,
        id: Id,
        opened: Option<&Versioned<T>>,
        body: T,
    ) -> Versioned<T> {
        let stamp = self.stamp();
        match opened {
            Some(opened) => opened.edited(body, stamp),
            None => Versioned::new(id, stamp, body),
        }
    }

    /// `change` — a form's save — written over the record as it stands now, stamped now (`Dataset::rebased`).
    pub fn rebased(&self, change: Change, keep_theirs: bool) -> Change {
        let stamp = self.stamp();
        self.data
            .with_untracked(|d| d.rebased(change, keep_theirs, stamp))
    }

    /// `record` deleted now: a tombstone keeping its last body, so references still resolve to a name.
    pub fn tombstone<T: Fields>(&self, record: &Versioned<T>) -> Versioned<T> {
        record.deleted_at(self.stamp())
    }

    /// A new event of `ticket`, recorded now by the signed-in user.
    pub fn ticket_event(&self, ticket: Id, what: Happening) -> TicketEvent {
        TicketEvent {
            id: platform::new_id(),
            ticket,
            stamp: self.stamp(),
            at: platform::now_ms() as Instant,
            by: self.user.get_untracked(),
            what,
        }
    }

    /// A new event of assessment `assessment`, taken now by staff member (or user) `by`.
    pub fn assessment_event(
        &self,
        assessment: Id,
        by: Id,
        what: AssessmentStep,
    ) -> AssessmentEvent {
        AssessmentEvent {
            id: platform::new_id(),
            assessment,
            stamp: self.stamp(),
            at: platform::now_ms() as Instant,
            by,
            what,
        }
    }

    /// A new id and a new stamp, for steps that write many records (opening an assessment cycle).
    pub fn next_stamp(&self) -> Stamp {
        self.stamp()
    }

    /// An instant as local "YYYY-MM-DD HH:MM" on the business calendar's time zone (tracked).
    pub fn local_time(&self, at: Instant) -> String {
        self.settings.with(|s| s.calendar.format_local(at, ' '))
    }

    /// One folded ticket, by id (tracked).
    pub fn ticket(&self, id: Id) -> Option<Ticket> {
        self.tickets
            .with(|t| t.0.iter().find(|t| t.id == id).cloned())
    }

    fn stamp(&self) -> Stamp {
        let now = platform::now_ms();
        let mut stamp = None;
        self.clock
            .update_value(|clock| stamp = Some(clock.tick(now)));
        stamp.expect("the clock ticks")
    }

    /// The store, if the signed-in user may take `action` and it is open (with the language to word a failure in);
    /// otherwise the refusal, shown as a toast.
    fn store_for(&self, action: Action) -> Result<(Rc<Store<AnyBackend>>, Lang), String> {
        let lang = self.lang.get_untracked();
        if self.follow_device().is_err() {
            return Err(self.fail(Key::DeviceMovedOn.text(lang).into()));
        }
        let role = self.user.get_untracked().and_then(|id| {
            self.data
                .with_untracked(|d| d.users.get(id).map(|u| u.role))
        });
        if !self
            .data
            .with_untracked(|data| permitted(role, action, data))
        {
            return Err(self.fail(i18n::problem(lang, &Problem::NotPermitted)));
        }
        match self.store.get_value() {
            Some(store) => Ok((store, lang)),
            None => Err(self.fail(Key::Loading.text(lang).into())),
        }
    }

    /// Saves one change if the signed-in user may take `action`: written durably first, then applied to the state.
    /// On failure nothing changes, the error is shown as a toast, and its text returned for the form.
    pub async fn commit(&self, action: Action, change: Change) -> Result<(), String> {
        let (store, lang) = self.store_for(action)?;
        if let Err(error) = store.save(&change).await {
            return Err(self.fail_store(lang, &error));
        }
        let user_changed = matches!(change, Change::User(_));
        self.data.update(|data| {
            data.apply(change);
        });
        self.data_changed();
        if user_changed {
            // A new PIN's count gets its place (not kept: that user's tries wait for room, `check_pin`).
            let _ = self.reserve_pin_counts();
        }
        crate::ui::sync::announce_change();
        // A compaction reads and merges everything stored: it waits until the history is read, not to read it twice
        // on the main thread meanwhile (what it writes would be whole either way).
        if store.needs_compaction() && self.history_read() {
            let snapshot = self.data.get_untracked();
            let state = *self;
            spawn_local(async move {
                if let Err(error) = store.compact(&snapshot).await {
                    state.fail_store(state.lang.get_untracked(), &error);
                }
            });
        }
        Ok(())
    }

    /// Saves several changes together, all or none, if the signed-in user may take `action`: opening an assessment
    /// cycle (a record and two events per person), or one step taken for many at once. They are written as a new
    /// snapshot of what is stored, this tab's data and them (the store's compaction, one all-or-nothing write) —
    /// slower than `commit` with much stored, so only for these rarer steps — and then applied to the state as it
    /// is by then (the history read meanwhile included). On failure nothing changes and the toast says why.
    pub async fn commit_all(&self, action: Action, changes: Vec<Change>) -> Result<(), String> {
        let (store, lang) = self.store_for(action)?;
        let written = store
            .compact_adding(|merged| {
                self.data.with_untracked(|data| merged.merge(data));
                for change in &changes {
                    merged.apply(change.clone());
                }
            })
            .await;
        if let Err(error) = written {
            return Err(self.fail_store(lang, &error));
        }
        self.data.update(|data| {
            for change in changes {
                data.apply(change);
            }
        });
        self.data_changed();
        crate::ui::sync::announce_change();
        Ok(())
    }

    /// Replaces everything on this device with `data` (durably first, then the state): the demo company on a
    /// first start, or nothing at all when it is cleared. Only an administrator, or anyone on a first start.
    pub async fn replace_data(&self, data: Dataset) -> Result<(), String> {
        let (store, lang) = self.store_for(Action::ManageUsers)?;
        if let Err(error) = store.replace_all(&data).await {
            return Err(self.fail_store(lang, &error));
        }
        self.adopt(data);
        crate::ui::sync::announce_change();
        Ok(())
    }

    /// Where the worker module finds what the store holds (for its export and import work), if the signed-in user
    /// may take `action`: it reads IndexedDB itself; localStorage's bytes are read here and sent.
    pub async fn store_source(&self, action: Action) -> Result<StoreSource, String> {
        let (store, lang) = self.store_for(action)?;
        store
            .source()
            .await
            .map_err(|error| self.fail_store(lang, &error))
    }

    /// Writes a previewed import (R9.3–R9.4): the merged data, the backup of what was stored and the audit
    /// line in one write — by the worker that made the merge where it read IndexedDB itself — then the state from
    /// what is stored. On failure nothing changes and the toast says why.
    pub async fn import(&self, pending: PendingImport, audit: AuditEntry) -> Result<(), String> {
        let (store, lang) = self.store_for(Action::ImportData)?;
        let audit = codec::to_bytes(&audit);
        let written = match pending {
            PendingImport::Here(write) => {
                store
                    .import(write.before, write.after, write.covers, write.read, audit)
                    .await
            }
            PendingImport::InWorker { worker, database } => worker
                .ask(
                    crate::jobs::write_import_request(&database, audit),
                    None,
                    |_| {},
                )
                .await
                .and_then(|(reply, _)| crate::jobs::written_of(&reply)),
        };
        if let Err(error) = written {
            return Err(self.fail_store(lang, &error));
        }
        self.refresh().await;
        crate::ui::sync::announce_change();
        Ok(())
    }

    /// Whether the last import can still be undone (nothing saved since).
    pub async fn can_undo_import(&self) -> bool {
        match self.store.get_value() {
            Some(store) => store.can_undo_import().await.unwrap_or(false),
            None => false,
        }
    }

    /// Restores the data as it was before the last import, and audits it; refused when something was saved since.
    pub async fn undo_import(&self, audit: AuditEntry) -> Result<(), String> {
        let (store, lang) = self.store_for(Action::ImportData)?;
        match store.undo_import(codec::to_bytes(&audit)).await {
            Ok(data) => {
                self.adopt(data);
                crate::ui::sync::announce_change();
                Ok(())
            }
            Err(error) => Err(self.fail_store(lang, &error)),
        }
    }

    /// Anonymises the customers whose retention period ran out (R10.2, `domain::retention::due_all`): their
    /// tickets in one write that leaves nothing stored holding their personal data (`Store::anonymise`), audited;
    /// then the platform reviews entered by hand that still hold a phone or address, in one write of a new
    /// snapshot. Both are worked out before either is written, so the reviews take the pseudonyms of the tickets
    /// anonymised with them. The number of tickets and of reviews anonymised; on failure nothing more changes and
    /// the toast says why.
    pub async fn apply_retention(&self) -> Result<(usize, usize), String> {
        let (months, calendar) = self
            .settings
            .with_untracked(|s| (s.retention_months, s.calendar.clone()));
        let now = platform::now_ms() as Instant;
        let (events, changes): (Vec<TicketEvent>, Vec<Change>) =
            self.tickets.with_untracked(|tickets| {
                self.data.with_untracked(|data| {
                    let (due_tickets, reviews) =
                        crate::domain::retention::due_all(data, &tickets.0, months, &calendar, now);
                    let events = crate::domain::retention::events_of(
                        &tickets.0,
                        due_tickets,
                        months,
                        &calendar,
                    );
                    let changes = reviews
                        .into_iter()
                        .filter_map(|(id, body)| {
                            let current = data.provider_inputs.live_version(id)?;
                            Some(Change::ProviderInput(self.edited(id, Some(current), body)))
                        })
                        .collect();
                    (events, changes)
                })
            });
        let tickets = self.anonymise_tickets(events, now).await?;
        let reviews = changes.len();
        if reviews > 0 {
            self.commit_all(Action::ApplyRetention, changes).await?;
        }
        Ok((tickets, reviews))
    }

    async fn anonymise_tickets(
        &self,
        due: Vec<TicketEvent>,
        now: Instant,
    ) -> Result<usize, String> {
        if due.is_empty() {
            return Ok(0);
        }
        let (store, lang) = self.store_for(Action::ApplyRetention)?;
        let by = self.current_user().map(|(_, u)| u.name).unwrap_or_default();
        let events = due.into_iter().map(Change::TicketEvent).collect();
        let audit = |tickets| {
            codec::to_bytes(&AuditEntry {
                at: now,
                by,
                what: crate::domain::import::Audited::Anonymised { tickets },
            })
        };
        match store.anonymise(events, audit).await {
            Ok(0) => Ok(0),
            Ok(count) => {
                self.refresh().await;
                crate::ui::sync::announce_change();
                Ok(count as usize)
            }
            Err(error) => Err(self.fail_store(lang, &error)),
        }
    }

    /// This device's import audit, newest first (lines that cannot be read are left out).
    pub async fn import_audit(&self) -> Vec<AuditEntry> {
        let Some(store) = self.store.get_value() else {
            return Vec::new();
        };
        let mut entries: Vec<AuditEntry> = store
            .audit()
            .await
            .unwrap_or_default()
            .iter()
            .filter_map(|bytes| codec::from_bytes(bytes).ok())
            .collect();
        entries.reverse();
        entries
    }

    /// Re-reads the store after another tab changed it.
    pub async fn refresh(&self) {
        if let Err(error) = self.reread().await {
            self.fail_store(self.lang.get_untracked(), &error);
        }
    }

    /// Reads everything stored again and makes it the state: the records and the log, then the tickets' history in
    /// slices of the main thread into data of its own — the screens keep the data they show meanwhile, and no task
    /// decodes a whole company (an import's write, another tab's compaction, at 100k tickets) — then adopted at once.
    /// Read again when this tab saved meanwhile (the read may have missed it); dropped when whole data was adopted
    /// meanwhile (a newer read).
    async fn reread(&self) -> Result<(), StoreError> {
        let Some(store) = self.store.get_value() else {
            return Ok(());
        };
        if self.rereading.get_value().running {
            self.rereading.update_value(|r| r.again = true);
            return Ok(());
        }
        self.rereading.set_value(Rereading {
            running: true,
            again: false,
        });
        let read = self.read_whole_in_slices(&store).await;
        self.rereading.set_value(Rereading::default());
        if let Some(data) = read? {
            self.adopt(data);
            self.load_quarantine().await;
        }
        Ok(())
    }

    /// `reread`'s reading: everything stored, read again while this tab saved or another re-read was asked for
    /// meanwhile; `None` when whole data was adopted meanwhile (an undone import, a cleared demo: newer than this).
    async fn read_whole_in_slices(
        &self,
        store: &Store<AnyBackend>,
    ) -> Result<Option<Dataset>, StoreError> {
        let run = self.history_run.get_value();
        let data = loop {
            let saved_before = store.last_seq();
            let (mut data, mut history) = store.read_in_two_steps().await?;
            let mut slice = platform::precise_ms();
            loop {
                match history.read_next(store, &mut data).await? {
                    history::Progress::Read => {
                        if platform::precise_ms() - slice >= HISTORY_SLICE_MS {
                            crate::ui::yield_now().await;
                            slice = platform::precise_ms();
                        }
                    }
                    history::Progress::Done => break,
                    history::Progress::Replaced => {
                        data = store.read().await?;
                        break;
                    }
                }
            }
            // Adopted in a task of its own, not after the last slice of reading (what happened meanwhile is
            // looked at after it).
            crate::ui::yield_now().await;
            let asked_again = self.rereading.get_value().again;
            self.rereading.update_value(|r| r.again = false);
            if store.last_seq() == saved_before && !asked_again {
                break data;
            }
        };
        Ok((self.history_run.get_value() == run).then_some(data))
    }

    pub fn notify(&self, text: impl Into<String>) {
        self.notify_with(text, None);
    }

    /// A success that points somewhere (an import with conflicts leads to them).
    pub fn notify_with(&self, text: impl Into<String>, link: Option<(&'static str, Key)>) {
        self.toast.set(Some(Toast {
            kind: ToastKind::Success,
            text: text.into(),
            link,
        }));
    }

    /// Shows an error and hands its text back.
    pub fn fail(&self, text: String) -> String {
        self.toast.set(Some(Toast {
            kind: ToastKind::Error,
            text: text.clone(),
            link: None,
        }));
        text
    }

    /// Shows a storage error in the user's language — a full storage with the way to export a backup — and hands
    /// its text back.
    pub fn fail_store(&self, lang: Lang, error: &StoreError) -> String {
        let text = i18n::store_error(lang, error);
        self.toast.set(Some(Toast {
            kind: ToastKind::Error,
            text: text.clone(),
            link: (*error == StoreError::Quota).then_some(BACKUP_LINK),
        }));
        text
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Where the whole re-read stands (`AppState::reread`): one runs at a time, and one asked for meanwhile makes it
/// read once more.
#[derive(Clone, Copy, Debug, Default)]
struct Rereading {
    running: bool,
    again: bool,
}

/// A derived value, shared: two are equal only when they are the same derivation, so a `Memo` of it never
/// compares ten thousand tickets field by field.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Every ticket folded from its events (in id order; derefs to `[Ticket]`).
pub type Folded = Shared<FoldedTickets>;

fn attempts_pref(id: Id) -> String {
    format!("pin_attempts.{id}")
}

/// The preference counting wrong PINs at the kiosk's exit, whoever's they were.
const KIOSK_EXIT_ATTEMPTS: &str = "pin_attempts.kiosk_exit";

/// Which prompt asks for a PIN (`AppState::check_pin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinPrompt {
    /// Choosing who uses the device.
    Chooser,
    /// Leaving the kiosk: a customer holds the device.
    KioskExit,
    /// Changing one's own PIN: the current one first.
    OwnPin,
}

fn read_attempts(count: &str) -> PinAttempts {
    platform::read_pref(count)
        .map_or_else(PinAttempts::default, |text| PinAttempts::from_stored(&text))
}

fn write_attempts(count: &str, attempts: PinAttempts) -> Result<(), StoreError> {
    platform::write_pref(count, &attempts.to_stored())
}

/// Drops whole data no longer held a slice at a time, after the screens have had the new (dropping 100k tickets'
/// history at once is a 0.3 s task on a slow tablet: R11.3, no frozen frame).
fn release(mut old: Dataset) {
    /// Owners dropped between looks at the clock (about a millisecond's worth at 4x).
    const OWNERS_AT_ONCE: usize = 512;
    spawn_local(async move {
        let mut more = true;
        while more {
            crate::ui::yield_now().await;
            let started = platform::precise_ms();
            while more && platform::precise_ms() - started < HISTORY_SLICE_MS {
                // Both logs each time (`|`, not `||`).
                more = old.tickets.drop_owners(OWNERS_AT_ONCE)
                    | old.assessments.drop_owners(OWNERS_AT_ONCE);
            }
        }
    });
}
