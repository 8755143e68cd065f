//! The demo company (R11.5): a year of realistic after-sales data, generated deterministically from a seed so a
//! newcomer sees every screen populated and tests and benchmarks can rely on the same data. 星河电器's 售后服务部:
//! three regions, a dozen engineers and two outside providers, agents, a manager, HR, a general manager and the
//! committee as local users (each with the demo PIN, which the chooser says); tickets of every kind and channel with response and repair times, holds,
//! quotes, second visits, reopens, rejected and voided complaints, confirmations, follow-ups and surveys (most
//! happy, some bad reviews, worse when the work was late or had to be redone); sales volumes, cost lines,
//! training sessions and a few industry averages;
//! and performance assessments under way and finished (`assessments`). `DemoSpec::tickets` scales it (the benchmarks' 100,000).
//!
//! Must not: hold a rule (every event it writes is one the ticket's state machine accepts — a test replays them
//! all and finds no conflict), read the clock or the browser (the caller passes `now`), or use floating point.

mod assessments;
mod quality;

use std::sync::Arc;

use crate::domain::access::{Role, User};
use crate::domain::calendar::{Calendar, Date, Instant};
use crate::domain::clock::Stamp;
use crate::domain::dataset::Change;
use crate::domain::fast_hash::FastMap;
use crate::domain::ids::{DeviceId, Id};
use crate::domain::inputs::{CostKind, CostLine, Month, SalesVolume, TrainingSession};
use crate::domain::kpi::{KPI_SETTINGS_ID, Kpi, KpiSettings};
use crate::domain::money::Fen;
use crate::domain::org::{
    Affiliation, Certificate, Employment, OrgUnit, Position, Provider, Staff, UnitKind,
};
use crate::domain::penalties::{BadReviewRule, PenaltyRules, RateBand};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::pin::PinHash;
use crate::domain::provider_inputs::{ComplaintCause, InputDetail, PeakEvent, ProviderInput};
use crate::domain::random::SplitMix64;
use crate::domain::record::Versioned;
use crate::domain::settings::{PriceItem, SETTINGS_ID, ServiceSettings};
use crate::domain::sorting;
use crate::domain::survey::{Aspect, SurveyResponse, Via};
use crate::domain::ticket::{
    Channel, Customer, Happening, Kind, Priority, Product, Quote, QuoteLine, QuoteLineKind,
    Registration, ServiceReport, TicketEvent,
};

/// The device every demo record is stamped by.
pub const DEMO_DEVICE: DeviceId = DeviceId::from_u128(0xde30_de30_de30_de30);

/// The demo users' PIN, shown on the chooser beside each of them.
pub const DEMO_PIN: &str = "1234";
/// `DEMO_PIN` hashed once with a fixed salt, so generating the demo hashes nothing (a test holds it equal to
/// `PinHash::new(DEMO_PIN, …)` of that salt).
const DEMO_PIN_SALT: &str = "de30de30de30de301234123412341234";
const DEMO_PIN_HASH: &str = "cb449d3ab3378ea30c1f9672b8fd75a8656599f7bf8562e200690aa18b22c9d8";

/// The demo users' PIN hash.
pub fn demo_pin_hash() -> PinHash {
    PinHash {
        salt: DEMO_PIN_SALT.into(),
        rounds: crate::domain::pin::PBKDF2_ROUNDS,
        hash: DEMO_PIN_HASH.into(),
    }
}

/// Whether `user` still has the demo PIN (the chooser says it; a PIN of one's own replaces it).
pub fn has_demo_pin(user: &User) -> bool {
    user.pin.as_ref().is_some_and(|pin| *pin == demo_pin_hash())
}

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSpec {
    pub seed: u64,
    /// Tickets over the year before `now` (the demo company has about 5,000).
    pub tickets: usize,
    /// The end of the year generated: nothing happens after it, so the newest tickets are still open.
    pub now: Instant,
}

impl DemoSpec {
    /// The demo company a first start offers.
    pub fn company(now: Instant) -> DemoSpec {
        DemoSpec {
            seed: 20_261_128,
            tickets: 5_000,
            now,
        }
    }
}

/// Every record of the demo company, org first, then tickets' events in time order per ticket.
pub fn generate(spec: DemoSpec, calendar: &Calendar) -> Vec<Change> {
    let mut demo = Demo {
        rng: SplitMix64::new(spec.seed),
        calendar,
        now: spec.now,
        out: Vec::with_capacity(spec.tickets * 9 + 500),
        start: spec.now - 365 * DAY,
        numbered: FastMap::default(),
    };
    let org = demo.org();
    demo.tickets(&org, spec.tickets);
    demo.sales();
    demo.training(&org);
    demo.kpi_settings();
    demo.service_settings();
    // Last: what they draw leaves every earlier record as it was.
    demo.provider_assessment(&org);
    demo.assessments(&org);
    demo.period_report();
    demo.out
}

struct Demo<'a> {
    rng: SplitMix64,
    calendar: &'a Calendar,
    now: Instant,
    start: Instant,
    out: Vec<Change>,
    /// The tickets numbered so far per day (the demo device's sequence).
    numbered: FastMap<Date, u32>,
}

/// An engineer tickets can go to, with how well they work (0 best … 3 worst).
#[derive(Clone, Copy)]
struct Engineer {
    id: Id,
    region: usize,
    provider: bool,
    slack: u64,
}

struct Org {
    regions: Vec<Id>,
    engineers: Vec<Engineer>,
    department: Id,
    /// Each provider and its engineers.
    providers: Vec<(Id, Vec<Id>)>,
    deciders: assessments::Deciders,
}

const REGIONS: [(&str, &str); 3] = [("华东区", "上海"), ("华南区", "广州"), ("华北区", "北京")];
const SURNAMES: [&str; 20] = [
    "陈", "刘", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢",
];
const GIVEN: [&str; 16] = [
    "伟", "芳", "强", "敏", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚",
];
const CATEGORIES: [(&str, &str, i64); 5] = [
    ("空调", "KFR-35GW", 2_400),
    ("洗衣机", "XQG100", 1_700),
    ("冰箱", "BCD-470", 1_400),
    ("热水器", "JSQ30", 1_100),
    ("电视", "65E8", 1_900),
];
const ROADS: [&str; 8] = [
    "人民路",
    "中山路",
    "解放路",
    "建设路",
    "和平路",
    "长江路",
    "新华路",
    "文化路",
];

impl Demo<'_> {
    /// The next ticket number of the demo device for a ticket received at `at` (drawn from nothing random).
    fn number(&mut self, at: Instant) -> String {
        let day = self.calendar.local_date(at);
        let sequence = self.numbered.entry(day).or_default();
        *sequence += 1;
        let code = crate::domain::ticket::number::default_code(DEMO_DEVICE);
        format!(
            "{:02}{:02}{:02}-{code}-{:02}",
            day.year() % 100,
            day.month(),
            day.day(),
            *sequence
        )
    }

    fn id(&mut self, at: Instant) -> Id {
        id_from(&mut self.rng, at)
    }

    fn record<T>(&mut self, at: Instant, body: T) -> (Id, Versioned<T>) {
        let id = self.id(at);
        (
            id,
            Versioned {
                id,
                stamp: stamp(at, 0),
                deleted: false,
                history: None,
                body,
            },
        )
    }

    fn person_name(&mut self) -> String {
        let surname = *self.rng.pick(&SURNAMES);
        let given = *self.rng.pick(&GIVEN);
        format!("{surname}{given}")
    }

    fn org(&mut self) -> Org {
        let at = self.start - 30 * DAY;
        let unit = |name: &str, kind, parent| OrgUnit {
            name: name.into(),
            kind,
            parent,
        };
        let (company, v) = self.record(at, unit(DEMO_COMPANY, UnitKind::Company, None));
        self.out.push(Change::Unit(v));
        let (department, v) =
            self.record(at, unit("售后服务部", UnitKind::Department, Some(company)));
        self.out.push(Change::Unit(v));
        let (service_desk, v) = self.record(at, unit("客服中心", UnitKind::Team, Some(department)));
        self.out.push(Change::Unit(v));
        let regions: Vec<Id> = REGIONS
            .iter()
            .map(|(name, _)| {
                let (id, v) = self.record(at, unit(name, UnitKind::Region, Some(department)));
                self.out.push(Change::Unit(v));
                id
            })
            .collect();
        let mut number = 0;
        let mut staff =
            |demo: &mut Demo, name: String, position: Position, affiliation, superior| {
                number += 1;
                // Engineers hold certificates for two of the categories (持证上岗), one in seven of them lapsed last
                // month: dispatch then has someone certified and someone not to tell apart. Drawn from nothing random.
                let today = demo.calendar.local_date(demo.now);
                let certificates = match position {
                    Position::Engineer | Position::Specialist => [number, number + 2]
                        .into_iter()
                        .map(|n| Certificate {
                            category: CATEGORIES[n % CATEGORIES.len()].0.into(),
                            number: format!("SG-{number:03}-{}", n % CATEGORIES.len()),
                            expires: match number % 7 {
                                0 => today.add_days(-30),
                                _ => today.add_months(12),
                            },
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let (id, v) = demo.record(
                    at,
                    Staff {
                        number: format!("XH{number:03}"),
                        name,
                        position,
                        affiliation,
                        superior,
                        employment: Employment::Formal,
                        phone: format!("1390000{number:04}"),
                        certificates,
                    },
                );
                demo.out.push(Change::Staff(v));
                id
            };
        let director = staff(
            self,
            "周总监".into(),
            Position::SalesDirector,
            Affiliation::Unit(company),
            None,
        );
        let manager = staff(
            self,
            "王经理".into(),
            Position::Manager,
            Affiliation::Unit(department),
            Some(director),
        );
        let hr = staff(
            self,
            "孙人事".into(),
            Position::HumanResources,
            Affiliation::Unit(company),
            None,
        );
        let general = staff(
            self,
            "钱总".into(),
            Position::GeneralManager,
            Affiliation::Unit(company),
            None,
        );
        let mut users: Vec<(String, Role, Option<Id>)> = vec![
            ("管理员".into(), Role::Admin, None),
            ("王经理".into(), Role::Manager, Some(manager)),
            ("孙人事".into(), Role::HumanResources, Some(hr)),
            ("钱总".into(), Role::GeneralManager, Some(general)),
            ("考核委员会".into(), Role::Committee, None),
        ];
        let lead = staff(
            self,
            "许主管".into(),
            Position::Supervisor,
            Affiliation::Unit(service_desk),
            Some(manager),
        );
        users.push(("许主管".into(), Role::Supervisor, Some(lead)));
        for _ in 0..3 {
            let name = self.person_name();
            let agent = staff(
                self,
                name.clone(),
                Position::CustomerService,
                Affiliation::Unit(service_desk),
                Some(lead),
            );
            users.push((format!("客服 {name}"), Role::Agent, Some(agent)));
        }
        let mut engineers = Vec::new();
        for (region, unit_id) in regions.iter().enumerate() {
            let supervisor_name = format!("{}主管", self.rng.pick(&SURNAMES));
            let supervisor = staff(
                self,
                supervisor_name.clone(),
                Position::Supervisor,
                Affiliation::Unit(*unit_id),
                Some(manager),
            );
            users.push((
                format!("{supervisor_name} · {}", REGIONS[region].0),
                Role::Supervisor,
                Some(supervisor),
            ));
            for _ in 0..4 {
                let name = format!("{}工", self.person_name());
                let id = staff(
                    self,
                    name.clone(),
                    Position::Engineer,
                    Affiliation::Unit(*unit_id),
                    Some(supervisor),
                );
                let slack = self.rng.weighted(&[(0, 4), (1, 4), (2, 2), (3, 1)]);
                engineers.push(Engineer {
                    id,
                    region,
                    provider: false,
                    slack,
                });
                users.push((name, Role::Engineer, Some(id)));
            }
        }
        let mut providers = Vec::new();
        for (region, name) in [(0, "速修家电服务公司"), (1, "安家维修服务中心")] {
            let contact = format!("{}经理", self.rng.pick(&SURNAMES));
            let phone = format!("400-800-{:04}", self.rng.below(10_000));
            let (provider, v) = self.record(
                at,
                Provider {
                    name: name.into(),
                    contact,
                    phone,
                    region: Some(regions[region]),
                },
            );
            self.out.push(Change::Provider(v));
            providers.push((provider, Vec::new()));
            for _ in 0..2 {
                let name = format!("{}师傅", self.rng.pick(&SURNAMES));
                let id = staff(
                    self,
                    name,
                    Position::Engineer,
                    Affiliation::Provider(provider),
                    None,
                );
                let slack = self.rng.weighted(&[(0, 2), (1, 3), (2, 3), (3, 2)]);
                engineers.push(Engineer {
                    id,
                    region,
                    provider: true,
                    slack,
                });
                if let Some((_, theirs)) = providers.last_mut() {
                    theirs.push(id);
                }
            }
        }
        let mut committee = None;
        for (name, role, staff) in users {
            let (id, v) = self.record(
                at,
                User {
                    name,
                    role,
                    staff,
                    pin: Some(demo_pin_hash()),
                },
            );
            self.out.push(Change::User(v));
            if role == Role::Committee {
                committee = Some(id);
            }
        }
        Org {
            regions,
            engineers,
            department,
            providers,
            deciders: assessments::Deciders {
                hr,
                manager,
                general,
                committee: committee.expect("the committee's user"),
            },
        }
    }

    fn tickets(&mut self, org: &Org, count: usize) {
        let customers = (count * 2).max(1);
        for _ in 0..count {
            let customer = self.rng.below(customers as u64);
            self.ticket(org, customer);
        }
    }

    /// A customer's fixed particulars, from their number.
    fn customer(&self, number: u64) -> (Customer, usize) {
        let mut rng = SplitMix64::new(number.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
        let region = rng.below(3) as usize;
        let surname = *rng.pick(&SURNAMES);
        let title = *rng.pick(&["先生", "女士"]);
        let customer = Customer {
            name: format!("{surname}{title}"),
            phone: format!("13{:09}", rng.below(1_000_000_000)),
            address: format!(
                "{}市{}{}号",
                REGIONS[region].1,
                rng.pick(&ROADS),
                rng.between(1, 999)
            ),
        };
        (customer, region)
    }

    fn ticket(&mut self, org: &Org, customer_number: u64) {
        let (customer, region) = self.customer(customer_number);
        let kind = self.rng.weighted(&[
            (Kind::Repair, 40),
            (Kind::Installation, 20),
            (Kind::Consultation, 12),
            (Kind::FollowUp, 6),
            (Kind::Complaint, 7),
            (Kind::Replacement, 6),
            (Kind::Return, 5),
            (Kind::Training, 4),
        ]);
        let channel = match kind {
            Kind::Installation | Kind::Return => self.rng.weighted(&[
                (Channel::ECommerce, 45),
                (Channel::SalesReferral, 30),
                (Channel::Phone, 25),
            ]),
            _ => self.rng.weighted(&[
                (Channel::Phone, 45),
                (Channel::WeChat, 20),
                (Channel::OnlineForm, 12),
                (Channel::ECommerce, 10),
                (Channel::Email, 5),
                (Channel::WalkIn, 4),
                (Channel::SalesReferral, 4),
            ]),
        };
        let priority = self.rng.weighted(&[
            (Priority::Normal, 70),
            (Priority::High, 18),
            (Priority::Urgent, 5),
            (Priority::Low, 7),
        ]);
        let received = self.received_at();
        let (category, model, _) = *self.rng.pick(&CATEGORIES);
        let purchase = self
            .calendar
            .local_date(received)
            .add_days(-self.rng.between(20, 1_600));
        let warranty_end = purchase.add_months(36).add_days(-1);
        let out_of_warranty = warranty_end < self.calendar.local_date(received);
        let requested_visit = matches!(kind, Kind::Repair | Kind::Installation)
            .then(|| received + self.rng.between(20, 72) * HOUR);
        let registration = Registration {
            customer: customer.clone(),
            product: Product {
                category: category.into(),
                model: model.into(),
                serial: format!("SN{:010}", self.rng.below(10_000_000_000)),
                purchase_date: Some(purchase),
                warranty_end: Some(warranty_end),
            },
            description: describe(kind, category).into(),
            kind,
            priority,
            channel,
            received_at: received,
            requested_visit,
            unit: Some(org.regions[region]),
            order_number: match channel {
                // Derived, not drawn: the generator's sequence (and every figure tested on it) stays as it was.
                Channel::ECommerce | Channel::SalesReferral => {
                    format!("{}{:04}", received / 1000, customer_number % 10_000)
                }
                _ => String::new(),
            },
            number: self.number(received),
        };
        let ticket = self.id(received);
        let mut story = Story {
            ticket,
            at: received,
            now: self.now,
            events: Vec::new(),
            open: true,
        };
        story.push(self, 0, Happening::Registered(Arc::new(registration)));
        self.play(org, &mut story, kind, region, out_of_warranty, &customer);
        let Story { events, .. } = story;
        self.out.extend(events.into_iter().map(Change::TicketEvent));
    }

    /// Received on a day of the year, mostly in the daytime, fewer at weekends.
    fn received_at(&mut self) -> Instant {
        loop {
            let day = self
                .calendar
                .local_date(self.start)
                .add_days(self.rng.between(1, 365));
            let working = self.calendar.is_working_day(day);
            if !working && self.rng.chance(55) {
                continue;
            }
            let minute =
                self.rng
                    .weighted(&[(8 * 60, 3), (9 * 60, 80), (18 * 60, 12), (21 * 60, 5)])
                    + self.rng.between(0, 179);
            let at = self.calendar.instant(day, minute.min(23 * 60 + 59));
            if at < self.now {
                return at;
            }
        }
    }

    /// The ticket's life after registration, cut off at `now`.
    fn play(
        &mut self,
        org: &Org,
        story: &mut Story,
        kind: Kind,
        region: usize,
        out_of_warranty: bool,
        customer: &Customer,
    ) {
        // A few are voided at once: duplicates, and some false records (S18 2.1.2).
        if self.rng.chance(2) {
            let false_record = self.rng.chance(35);
            let delay = self.rng.between(1, 20) * HOUR;
            let reason = match false_record {
                true => "客户信息虚假",
                false => "重复登记",
            };
            story.push(
                self,
                delay,
                Happening::Voided {
                    reason: reason.into(),
                    false_record,
                },
            );
            return;
        }
        let answer_delay = match self.rng.weighted(&[(0, 82), (1, 12), (2, 6)]) {
            0 => self.rng.between(5, 180) * MINUTE,
            1 => self.rng.between(3, 20) * HOUR,
            _ => self.rng.between(25, 60) * HOUR,
        };
        if kind == Kind::Complaint {
            story.push(
                self,
                answer_delay,
                Happening::Responded {
                    note: "已致电顾客了解情况".into(),
                },
            );
            let verify = match self.rng.chance(88) {
                true => self.rng.between(2, 50) * HOUR,
                false => self.rng.between(4, 8) * DAY,
            };
            if self.rng.chance(15) {
                story.push(
                    self,
                    verify,
                    Happening::Rejected {
                        reason: "经核实与产品及服务无关".into(),
                    },
                );
                return;
            }
            story.push(
                self,
                verify,
                Happening::Triaged {
                    note: "投诉属实".into(),
                },
            );
        } else {
            story.push(
                self,
                answer_delay,
                Happening::Triaged {
                    note: "已受理".into(),
                },
            );
        }
        let engineer = self.engineer_for(org, region);
        let minutes = self.rng.between(5, 90) * MINUTE;
        story.push(
            self,
            minutes,
            Happening::Assigned {
                engineer: engineer.id,
            },
        );
        let on_site = matches!(kind, Kind::Repair | Kind::Installation | Kind::Replacement);
        if on_site && out_of_warranty {
            let quote = Quote {
                lines: vec![
                    QuoteLine {
                        kind: QuoteLineKind::Part,
                        description: "主板".into(),
                        quantity: 1,
                        unit_price: Fen::yuan(self.rng.between(80, 600)),
                    },
                    QuoteLine {
                        kind: QuoteLineKind::Labour,
                        description: "维修工时".into(),
                        quantity: 1,
                        unit_price: Fen::yuan(80),
                    },
                ],
            };
            let delay = self.rng.between(1, 6) * HOUR;
            story.push(self, delay, Happening::QuoteIssued(quote));
            let delay = self.rng.between(1, 24) * HOUR;
            if self.rng.chance(12) {
                story.push(
                    self,
                    delay,
                    Happening::QuoteDeclined {
                        reason: "顾客认为价格过高".into(),
                    },
                );
                let delay = self.rng.between(1, 4) * HOUR;
                story.push(
                    self,
                    delay,
                    Happening::Voided {
                        reason: "顾客拒绝报价".into(),
                        false_record: false,
                    },
                );
                return;
            }
            story.push(self, delay, Happening::QuoteAccepted);
        }
        // Waiting for parts (or for the customer) now and then: the SLA clock stops.
        if self.rng.chance(8) {
            let delay = self.rng.between(1, 8) * HOUR;
            story.push(
                self,
                delay,
                Happening::Held {
                    reason: "等待配件".into(),
                },
            );
            let delay = self.rng.between(1, 4) * DAY;
            story.push(self, delay, Happening::Resumed);
        }
        let slack = engineer.slack as i64;
        let travel = self.rng.between(2, 20 + 12 * slack) * HOUR;
        story.push(
            self,
            travel / 2,
            Happening::VisitScheduled {
                at: story.at + travel / 2,
            },
        );
        let mut arrivals = 0;
        if on_site {
            story.push(self, travel / 2, Happening::Arrived);
            arrivals += 1;
            if self.rng.chance(4 + 2 * engineer.slack) {
                let delay = self.rng.between(20, 72) * HOUR;
                story.push(self, delay, Happening::Arrived);
                arrivals += 1;
            }
        }
        let work = self.rng.between(1, 6 + 6 * slack) * HOUR;
        let report = (on_site && self.rng.chance(30)).then(|| {
            Box::new(ServiceReport {
                work_done: "检修并更换故障部件".into(),
                lines: vec![QuoteLine {
                    kind: QuoteLineKind::Travel,
                    description: "上门服务费".into(),
                    quantity: 1,
                    unit_price: Fen::yuan(50),
                }],
                signed_by: customer.name.clone(),
                signature: None,
            })
        });
        story.push(
            self,
            work,
            Happening::Resolved {
                solution: solution(kind).into(),
                report,
            },
        );
        if !story.open {
            return;
        }
        let resolved_at = story.at;
        let mut reopened = false;
        if on_site && self.rng.chance(3 + 2 * engineer.slack) {
            let delay = self.rng.between(3, 25) * DAY;
            story.push(
                self,
                delay,
                Happening::Reopened {
                    reason: "故障再次出现".into(),
                },
            );
            let delay = self.rng.between(6, 30) * HOUR;
            story.push(self, delay, Happening::Arrived);
            let delay = self.rng.between(1, 5) * HOUR;
            story.push(
                self,
                delay,
                Happening::Resolved {
                    solution: "再次检修，更换部件".into(),
                    report: None,
                },
            );
            reopened = true;
            arrivals += 1;
        }
        self.costs(story, engineer, arrivals, resolved_at, out_of_warranty);
        if self.rng.chance(85) {
            let delay = self.rng.between(10, 600) * MINUTE;
            story.push(self, delay, Happening::Confirmed);
        }
        if self.rng.chance(72) {
            let late = story.at - resolved_at > 3 * DAY;
            let response = self.survey(engineer, reopened || late, story.at);
            let delay = response.answered_at - story.at;
            // A bad review is called back the next day (all but the last days' ones, which wait on the
            // supervisor's home screen).
            let called_back = response.answered_at + DAY;
            let bad = response.is_bad_review();
            story.push(self, delay, Happening::Surveyed(Box::new(response)));
            if bad && called_back <= self.now - 2 * DAY {
                story.note(
                    called_back,
                    Happening::FollowUpDone {
                        outcome: "已致电顾客致歉，约定复查，顾客接受".into(),
                    },
                );
            }
        }
        if self.rng.chance(12) {
            let delay = self.rng.between(1, 3) * HOUR;
            let planned = story.at + delay + 3 * DAY;
            story.push(
                self,
                delay,
                Happening::FollowUpPlanned {
                    at: planned,
                    purpose: "回访使用情况".into(),
                },
            );
            let delay = planned - story.at;
            story.push(
                self,
                delay,
                Happening::FollowUpDone {
                    outcome: "运行正常，顾客满意".into(),
                },
            );
        }
        // A solved complaint's customer is told the result (how, the cause found) half an hour after it was solved,
        // before it may close (S9 四.4); chosen from the ticket's id, so the generator's draws stay as they were.
        let solved = story
            .events
            .iter()
            .any(|e| matches!(e.what, Happening::Resolved { .. }));
        if kind == Kind::Complaint && solved {
            let pick = (story.ticket.as_u128() % 5) as usize;
            let cause = crate::domain::provider_inputs::ComplaintCause::ALL
                .get(pick)
                .copied();
            let told = Happening::Informed {
                how: crate::domain::ticket::Told::ALL[pick % 4],
                cause,
                note: String::new(),
            };
            story.note(story.at + 30 * MINUTE, told);
        }
        if self.rng.chance(70) {
            let delay = self.rng.between(1, 72) * HOUR;
            story.push(self, delay, Happening::Closed);
        }
    }

    fn engineer_for(&mut self, org: &Org, region: usize) -> Engineer {
        let providers: Vec<&Engineer> = org
            .engineers
            .iter()
            .filter(|e| e.region == region && e.provider)
            .collect();
        let own: Vec<&Engineer> = org
            .engineers
            .iter()
            .filter(|e| e.region == region && !e.provider)
            .collect();
        match !providers.is_empty() && self.rng.chance(25) {
            true => **self.rng.pick(&providers),
            false => **self.rng.pick(&own),
        }
    }

    /// The customer's answer: mostly happy; worse with a slack engineer or when the work was late or redone.
    fn survey(&mut self, engineer: Engineer, troubled: bool, after: Instant) -> SurveyResponse {
        let penalty = engineer.slack * 3 + if troubled { 12 } else { 0 };
        let overall = self.rng.weighted(&[
            (5, 62u64.saturating_sub(penalty * 2)),
            (4, 24),
            (3, 7 + penalty),
            (2, 3 + penalty / 2),
            (1, 2 + penalty / 3),
        ]);
        let near = |rng: &mut SplitMix64| {
            let shifted = i64::from(overall) + rng.weighted(&[(-1i64, 2), (0, 6), (1, 2)]);
            shifted.clamp(1, 5) as u8
        };
        let ratings = vec![
            (Aspect::Attitude, near(&mut self.rng)),
            (Aspect::Skill, near(&mut self.rng)),
            (Aspect::Timeliness, near(&mut self.rng)),
        ];
        let comment = match overall {
            1 | 2 => *self
                .rng
                .pick(&["上门太慢", "没有修好", "态度一般", "收费不透明"]),
            5 => *self.rng.pick(&["", "师傅很专业", "非常满意", ""]),
            _ => "",
        };
        SurveyResponse {
            template_version: 1,
            ratings,
            overall,
            solved: Some(overall >= 3),
            satisfaction: None,
            comment: comment.into(),
            answered_at: after + self.rng.between(10, 4_000) * MINUTE,
            via: match self.rng.chance(70) {
                true => Via::Kiosk,
                false => Via::Receipt,
            },
            replaces_earlier: false,
        }
    }

    /// Travel per visit, parts under warranty, a provider's labour.
    fn costs(
        &mut self,
        story: &Story,
        engineer: Engineer,
        arrivals: u32,
        resolved_at: Instant,
        out_of_warranty: bool,
    ) {
        let day = self.calendar.local_date(resolved_at);
        let mut lines = Vec::new();
        for _ in 0..arrivals {
            if self.rng.chance(40) {
                lines.push((CostKind::Travel, self.rng.between(30, 120)));
            }
        }
        if arrivals > 0 && !out_of_warranty && self.rng.chance(45) {
            lines.push((CostKind::Parts, self.rng.between(40, 900)));
        }
        if engineer.provider {
            lines.push((CostKind::Labour, self.rng.between(80, 220)));
        }
        for (kind, yuan) in lines {
            let (_, v) = self.record(
                resolved_at,
                CostLine {
                    day,
                    kind,
                    amount: Fen::yuan(yuan),
                    ticket: Some(story.ticket),
                    unit: None,
                    note: String::new(),
                },
            );
            self.out.push(Change::Cost(v));
        }
    }

    /// Units sold per category and month of the year, air conditioners peaking in summer.
    fn sales(&mut self) {
        let first = Month::of(self.calendar.local_date(self.start));
        for offset in 0..13 {
            let index = i64::from(first.year) * 12 + i64::from(first.month) - 1 + offset;
            let month = Month {
                year: index.div_euclid(12) as i32,
                month: (index.rem_euclid(12) + 1) as u8,
            };
            if month.first_day() > self.calendar.local_date(self.now) {
                break;
            }
            for (category, _, base) in CATEGORIES {
                let season = match (category, month.month) {
                    ("空调", 5..=8) => 180,
                    ("空调", 11 | 12 | 1 | 2) => 60,
                    _ => 100,
                };
                let units = base * season / 100 * self.rng.between(85, 115) / 100;
                let at = self.calendar.instant(month.last_day(), 18 * 60);
                let (_, v) = self.record(
                    at.min(self.now),
                    SalesVolume {
                        category: category.into(),
                        month,
                        units: units as u32,
                    },
                );
                self.out.push(Change::Sales(v));
            }
        }
    }

    /// Two sessions planned a month; most held, on the day or a few days late.
    fn training(&mut self, org: &Org) {
        let titles = [
            "新品安装培训",
            "安全操作规范",
            "服务礼仪",
            "制冷维修技能",
            "投诉处理技巧",
        ];
        let first = self.calendar.local_date(self.start);
        let last = self.calendar.local_date(self.now);
        let mut day = first.add_days(10);
        while day <= last.add_days(20) {
            let planned_at = self.calendar.instant(day, 14 * 60);
            let held = (planned_at < self.now && self.rng.chance(85)).then(|| {
                let late = self.rng.weighted(&[(0i64, 7), (2, 2), (5, 1)]);
                day.add_days(late)
            });
            let held = held.filter(|d| *d <= last);
            let unit = match self.rng.chance(40) {
                true => org.department,
                false => *self.rng.pick(&org.regions),
            };
            let title = *self.rng.pick(&titles);
            // Drawn as before attendance was listed, so the rest of the demo stays as it was.
            let _count = self.rng.between(6, 20);
            // The unit's own engineers (the whole department's for a department session), most of them: chosen
            // without the generator for the same reason.
            let region = org.regions.iter().position(|r| *r == unit);
            let attended: Vec<Id> = match held {
                None => Vec::new(),
                Some(_) => org
                    .engineers
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| !e.provider && region.is_none_or(|r| e.region == r))
                    .filter(|(i, _)| (*i as i64 + day.days_since_epoch()) % 5 != 0)
                    .map(|(_, e)| e.id)
                    .collect(),
            };
            let (_, v) = self.record(
                (planned_at - 20 * DAY).min(self.now),
                TrainingSession {
                    title: title.into(),
                    planned: day,
                    held,
                    unit: Some(unit),
                    attendees: attended.len() as u32,
                    attended,
                    certificate: None,
                },
            );
            self.out.push(Change::Training(v));
            day = day.add_days(self.rng.between(12, 18));
        }
    }

    /// The default calendar and service levels with a price list of common parts besides the fees, so a report's
    /// part is one tap (the line editor's price-list picker).
    fn service_settings(&mut self) {
        let mut settings = ServiceSettings::default();
        let part = |name: &str, yuan: i64| PriceItem {
            kind: QuoteLineKind::Part,
            name: name.into(),
            unit_price: Fen::yuan(yuan),
        };
        settings.price_list.extend([
            part("启动电容", 35),
            part("温控器", 68),
            part("排水泵", 120),
            part("加热管", 150),
            part("主板", 380),
        ]);
        let at = self.start - 30 * DAY;
        self.out.push(Change::Settings(Versioned {
            id: SETTINGS_ID,
            stamp: stamp(at, 0),
            deleted: false,
            history: None,
            body: settings,
        }));
    }

    /// Industry averages to compare with (S5 第十五条), as an association's survey might give them.
    fn kpi_settings(&mut self) {
        let settings = KpiSettings::default()
            .with_industry(Kpi::Satisfaction, Some(900))
            .with_industry(Kpi::ComplaintRate, Some(60))
            .with_industry(Kpi::ReturningCustomers, Some(200))
            .with_industry(Kpi::FirstTimeFix, Some(850))
            .with_industry(Kpi::ResponseOnTime, Some(900));
        let at = self.start - 29 * DAY;
        self.out.push(Change::KpiSettings(Versioned {
            id: KPI_SETTINGS_ID,
            stamp: stamp(at, 0),
            deleted: false,
            history: None,
            body: settings,
        }));
    }
}

impl Demo<'_> {
    /// The providers' month just ended (R7): this year's penalty rules with a bad-review rule by rate band, a
    /// complaint against each provider (the second one's serious), a ticket voided as a false record, and a 双11
    /// understaffing incident — so the statements have every kind of item on a first start. The platforms' reviews
    /// come as a file to import (`platform_review_sample`).
    fn provider_assessment(&mut self, org: &Org) {
        let today = self.calendar.local_date(self.now);
        let month = Period::containing(PeriodKind::Month, today).previous();
        let first = month.first_day();
        let at_day = |demo: &Demo, day: Date, minute: i64| demo.calendar.instant(day, minute);
        let year_start = Date::new(today.year(), 1, 1).expect("a date");
        let (_, v) = self.record(
            at_day(self, year_start, 9 * 60).max(self.start),
            PenaltyRules {
                from: year_start,
                bad_reviews: BadReviewRule::RateBands(vec![
                    RateBand {
                        above_basis_points: 200,
                        per_review: Fen::yuan(100),
                    },
                    RateBand {
                        above_basis_points: 500,
                        per_review: Fen::yuan(200),
                    },
                ]),
                ..PenaltyRules::seed()
            },
        );
        self.out.push(Change::PenaltyRules(v));
        let complaints = [
            (
                ComplaintCause::Late,
                false,
                8,
                "上门比约定晚了一天，客户投诉到 12315",
            ),
            (
                ComplaintCause::BreachOfRules,
                false,
                15,
                "安装未按规范打孔，墙面开裂",
            ),
            (
                ComplaintCause::FeesNotShown,
                true,
                22,
                "未出示收费标准，多收材料费 380 元，客户已曝光",
            ),
        ];
        for (i, (cause, serious, day, text)) in complaints.into_iter().enumerate() {
            let provider = org.providers[usize::from(i > 0)].0;
            let day = first.add_days(day);
            let (_, v) = self.record(
                at_day(self, day, 10 * 60),
                ProviderInput {
                    provider,
                    day,
                    ticket: None,
                    detail: InputDetail::Complaint { cause, serious },
                    text: text.into(),
                },
            );
            self.out.push(Change::ProviderInput(v));
        }
        // The latest 双11: in the month just ended when that is November.
        let november = match (today.month(), today.day()) >= (11, 11) {
            true => today.year(),
            false => today.year() - 1,
        };
        let double11 = Date::new(november, 11, 11).expect("a date");
        let (_, v) = self.record(
            at_day(self, double11.add_days(2), 9 * 60),
            ProviderInput {
                provider: org.providers[0].0,
                day: double11,
                ticket: None,
                detail: InputDetail::PeakIncident {
                    event: PeakEvent::Double11,
                },
                text: "双11 当周只有 2 名安装工，37 单安装延误 3–5 天".into(),
            },
        );
        self.out.push(Change::ProviderInput(v));
        // A ticket whose customer does not exist: voided as a false record.
        let engineer = org.providers[1].1[0];
        let received = at_day(self, first.add_days(11), 9 * 60 + 30);
        let ticket = self.id(received);
        let registration = Registration {
            customer: Customer {
                name: "李先生".into(),
                phone: "13100000000".into(),
                address: "广州市文化路999号".into(),
            },
            product: Product {
                category: "空调".into(),
                model: "KFR-35GW".into(),
                serial: String::new(),
                purchase_date: None,
                warranty_end: None,
            },
            description: "安装".into(),
            kind: Kind::Installation,
            priority: Priority::Normal,
            channel: Channel::Phone,
            received_at: received,
            requested_visit: None,
            unit: Some(org.regions[1]),
            order_number: String::new(),
            number: self.number(received),
        };
        let mut story = Story {
            ticket,
            at: received,
            now: self.now,
            events: Vec::new(),
            open: true,
        };
        story.push(self, 0, Happening::Registered(Arc::new(registration)));
        story.push(
            self,
            20 * MINUTE,
            Happening::Triaged {
                note: String::new(),
            },
        );
        story.push(self, 30 * MINUTE, Happening::Assigned { engineer });
        story.push(
            self,
            26 * HOUR,
            Happening::Voided {
                reason: "电话为空号，地址查无此处：服务商报单信息虚假".into(),
                false_record: true,
            },
        );
        self.out
            .extend(story.events.into_iter().map(Change::TicketEvent));
    }
}

/// The demo company's name: a device holding a company unit of this name holds the demo (the import screen then
/// offers the platform's sample file).
pub const DEMO_COMPANY: &str = "星河电器";

/// The platform the demo's sample file comes from.
pub const DEMO_PLATFORM: &str = "京东";

/// Whether `data` is the demo company's.
pub fn is_demo(data: &crate::domain::dataset::Dataset) -> bool {
    data.units
        .live()
        .any(|(_, u)| u.kind == UnitKind::Company && u.name == DEMO_COMPANY)
}

/// A platform's CSV export of its 1★ and 2★ reviews for `month`, as the demo company's 京东 store would download it
/// (UTF-8 with a byte-order mark): reviews of the providers' orders resolved that month — about one in four of
/// those the platform sold, and every one whose own survey was a bad review (so 2.1.5.3 has something to merge; one
/// not sold there comes with the customer's phone and address) —, one about the
/// delivery rather than the service, one of an order the tickets do not know, and one an unquoted comma broke.
pub fn platform_review_sample(
    data: &crate::domain::dataset::Dataset,
    tickets: &[crate::domain::ticket::Ticket],
    calendar: &Calendar,
    month: Period,
) -> String {
    use crate::domain::contact::mask_phone;
    use crate::domain::provider_inputs::provider_of;
    let mut out =
        String::from("\u{feff}订单编号,评价星级,评价内容,评价时间,收货人手机,收货地址\r\n");
    let texts = [
        "师傅迟到两个小时，也没提前打电话",
        "安装得很粗糙，管子都没包好",
        "乱收费，说好免费安装结果收了两百",
        "装完就走，垃圾也不带走",
        "态度很差，问什么都不耐烦",
    ];
    // A customer with one ticket only: a row matched by phone and address then finds it unambiguously.
    let mut tickets_of: crate::domain::fast_hash::FastMap<&str, u32> = Default::default();
    for ticket in tickets {
        *tickets_of
            .entry(ticket.registration.customer.phone.as_str())
            .or_default() += 1;
    }
    let mut rows: Vec<(Date, String)> = Vec::new();
    for ticket in tickets {
        let registration = &ticket.registration;
        let Some(resolved) = ticket.first_resolved_at.map(|at| calendar.local_date(at)) else {
            continue;
        };
        if !month.contains(resolved) || provider_of(ticket, data).is_none() {
            continue;
        }
        let bad_survey = ticket.survey.as_ref().is_some_and(|s| s.is_bad_review());
        let pick = (ticket.id.as_u128() >> 7) % 4 == 0;
        // An order the platform sold has its number; a bad review of one sold elsewhere (a dealer's store on the
        // platform) comes with the customer's full phone and address, and is matched by them.
        let (order, phone) = match (registration.order_number.is_empty(), bad_survey, pick) {
            (false, true, _) | (false, _, true) => (
                registration.order_number.clone(),
                mask_phone(&registration.customer.phone),
            ),
            (true, true, _) if tickets_of.get(registration.customer.phone.as_str()) == Some(&1) => {
                (String::new(), registration.customer.phone.clone())
            }
            _ => continue,
        };
        let n = (ticket.id.as_u128() % 5) as usize;
        let day = resolved.add_days(1 + (n as i64 % 3)).min(month.last_day());
        let text = texts[n];
        rows.push((
            day,
            format!(
                "{order},{}星,{text},{day} {:02}:{:02}:00,{phone},{}\r\n",
                1 + n % 2,
                9 + n,
                (n * 13) % 60,
                registration.customer.address
            ),
        ));
    }
    sorting::natural(&mut rows);
    for (_, row) in &rows {
        out += row;
    }
    let last = month.last_day();
    out += &format!(
        "{},2星,\"物流太慢，外包装破损，和安装无关\",{last} 20:15:00,138****0000,广州市人民路8号\r\n",
        // An order of the month's that the platform sold: its delivery, not its installation, was the trouble.
        rows.iter()
            .map(|(_, r)| r.split(',').next().unwrap_or_default())
            .find(|order| !order.is_empty())
            .unwrap_or("1")
    );
    out += &format!(
        "3199999999990001,1星,找不到的订单,{last} 21:00:00,139****0001,北京市长江路1号\r\n"
    );
    out += &format!(
        "3199999999990002,1星,送货慢,安装也慢,{last} 21:30:00,139****0002,北京市长江路2号\r\n"
    );
    out
}

/// One ticket's events being written, each a little after the one before, none after `now`.
struct Story {
    ticket: Id,
    at: Instant,
    now: Instant,
    events: Vec<TicketEvent>,
    /// False once an event would have happened after `now`: the ticket stays as it is.
    open: bool,
}

impl Story {
    /// An event at `at` that draws nothing from the generator (so every later draw stays as it was) and leaves the
    /// story's time where it is; its id comes from the ticket's and the time (one such event per ticket and time).
    fn note(&mut self, at: Instant, what: Happening) {
        if !self.open || at > self.now {
            return;
        }
        let random: [u8; 10] =
            std::array::from_fn(|i| (self.ticket.as_u128() >> (8 * i)) as u8 ^ 0x5a);
        self.events.push(TicketEvent {
            id: Id::from_parts(at.max(0) as u64, random),
            ticket: self.ticket,
            stamp: stamp(at, 1),
            at,
            by: None,
            what,
        });
    }

    fn push(&mut self, demo: &mut Demo, delay: Instant, what: Happening) {
        if !self.open {
            return;
        }
        let at = self.at + delay.max(MINUTE);
        let at = match self.events.is_empty() {
            true => self.at,
            false => at,
        };
        if at > self.now {
            self.open = false;
            return;
        }
        self.at = at;
        self.events.push(TicketEvent {
            id: demo.id(at),
            ticket: self.ticket,
            stamp: stamp(at, 0),
            at,
            by: None,
            what,
        });
    }
}

/// A record's id made at `at`, its random part drawn from `rng`.
fn id_from(rng: &mut SplitMix64, at: Instant) -> Id {
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    random[8..].copy_from_slice(&rng.next_u64().to_le_bytes()[..2]);
    Id::from_parts(at.max(0) as u64, random)
}

fn stamp(at: Instant, counter: u32) -> Stamp {
    Stamp {
        wall_ms: at.max(0) as u64,
        counter,
        device: DEMO_DEVICE,
    }
}

fn describe(kind: Kind, category: &str) -> &'static str {
    match (kind, category) {
        (Kind::Repair, "空调") => "空调不制冷",
        (Kind::Repair, "洗衣机") => "洗衣机不脱水",
        (Kind::Repair, "冰箱") => "冰箱冷藏室不冷",
        (Kind::Repair, "热水器") => "热水器点不着火",
        (Kind::Repair, _) => "电视无信号",
        (Kind::Installation, _) => "新机安装",
        (Kind::Replacement, _) => "故障机更换",
        (Kind::Return, _) => "七天无理由退货",
        (Kind::Consultation, _) => "咨询使用方法",
        (Kind::Complaint, _) => "投诉上门不及时",
        (Kind::Training, _) => "顾客使用培训",
        (Kind::FollowUp, _) => "重点客户走访",
    }
}

fn solution(kind: Kind) -> &'static str {
    match kind {
        Kind::Repair => "更换故障部件，试机正常",
        Kind::Installation => "安装调试完成",
        Kind::Replacement => "已更换新机",
        Kind::Return => "已办理退货",
        Kind::Consultation => "已电话指导",
        Kind::Complaint => "已向顾客致歉并处理",
        Kind::Training => "已完成使用培训",
        Kind::FollowUp => "走访完成",
    }
}

/// The demo company's records with `count` providers of two engineers each doing every ticket's work (each ticket's
/// engineer replaced by one of theirs, chosen by the ticket), and, for the month before `now`, twenty platform
/// reviews and a complaint per provider: the providers' statements at their heaviest, for the benchmarks.
pub fn with_providers(
    mut changes: Vec<Change>,
    count: usize,
    now: Instant,
    calendar: &Calendar,
) -> Vec<Change> {
    let at = now - 400 * DAY;
    let mut rng = SplitMix64::new(0xbe_4c4);
    let record = |rng: &mut SplitMix64| {
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
        Id::from_parts(at as u64, random)
    };
    let versioned = |id: Id, stamp_at: Instant| (id, stamp(stamp_at, 0));
    let mut providers = Vec::with_capacity(count);
    let mut engineers = Vec::with_capacity(count * 2);
    for n in 0..count {
        let (provider, stamp) = versioned(record(&mut rng), at);
        changes.push(Change::Provider(Versioned {
            id: provider,
            stamp,
            deleted: false,
            history: None,
            body: Provider {
                name: format!("服务商{n:02}"),
                contact: String::new(),
                phone: String::new(),
                region: None,
            },
        }));
        providers.push(provider);
        for e in 0..2 {
            let (id, stamp) = versioned(record(&mut rng), at);
            changes.push(Change::Staff(Versioned {
                id,
                stamp,
                deleted: false,
                history: None,
                body: Staff {
                    number: format!("P{n:02}{e}"),
                    name: format!("服务商{n:02}工程师{e}"),
                    position: Position::Engineer,
                    affiliation: Affiliation::Provider(provider),
                    superior: None,
                    employment: Employment::Formal,
                    phone: String::new(),
                    certificates: Vec::new(),
                },
            }));
            engineers.push(id);
        }
    }
    for change in &mut changes {
        if let Change::TicketEvent(event) = change {
            let pick = engineers[(event.ticket.as_u128() % engineers.len() as u128) as usize];
            match &mut event.what {
                Happening::Assigned { engineer } | Happening::Reassigned { engineer, .. } => {
                    *engineer = pick
                }
                _ => {}
            }
        }
    }
    let month = Period::containing(PeriodKind::Month, calendar.local_date(now)).previous();
    for provider in providers {
        for i in 0..21 {
            let day = month.first_day().add_days(rng.below(28) as i64);
            let (id, stamp) = versioned(record(&mut rng), calendar.instant(day, 12 * 60));
            let detail = match i {
                20 => InputDetail::Complaint {
                    cause: ComplaintCause::Late,
                    serious: false,
                },
                _ => InputDetail::PlatformReview(crate::domain::provider_inputs::PlatformReview {
                    platform: "京东".into(),
                    order_number: format!("{}", 3_100_000 + rng.below(1_000_000)),
                    phone: format!("13{:09}", rng.below(1_000_000_000)),
                    address: format!("上海市人民路{}号", rng.below(500)),
                    stars: 1 + rng.below(2) as u8,
                    kind: crate::domain::provider_inputs::ReviewedWork::Installation,
                    not_about_service: None,
                }),
            };
            changes.push(Change::ProviderInput(Versioned {
                id,
                stamp,
                deleted: false,
                history: None,
                body: ProviderInput {
                    provider,
                    day,
                    ticket: None,
                    detail,
                    text: "差评".into(),
                },
            }));
        }
    }
    changes
}
