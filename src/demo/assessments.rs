//! The demo company's performance assessments (R6, R11.5), so every assessment screen is populated on a first
//! look: the supervisors' quarter just finished — plans filed, forms and 360° ratings in, compiled with the KPI
//! figures of their regions, approved up the chain, published, and one appeal decided by the committee — and the
//! engineers' last month under way, each engineer at another step (a plan waiting for approval, forms still out,
//! results climbing the approval chain).
//!
//! Must not: hold a rule. Cycles open through `open_cycle`, KPI figures come from the KPI engine as HR's compile
//! takes them, and every step is one the assessment's fold accepts (a native test folds them all and finds no
//! conflict). Nothing is written after `now`: a chain whose next step would be later stops there, as it would
//! have that day.

use super::{Demo, HOUR, Org, stamp};
use crate::domain::assessment::cycle::{
    ApprovalStep, AssessmentEvent, AssessmentStep, Cycle, CyclePeriod, Goal, Opening, Relation,
    open_cycle,
};
use crate::domain::assessment::exact::Exact;
use crate::domain::assessment::kpi_source::{cycle_span, kpi_entries, kpi_filter, last_finished};
use crate::domain::assessment::roster::roster;
use crate::domain::assessment::rule::{Entry, Rule};
use crate::domain::assessment::scheme::{Cadence, Scheme, Source, built_in};
use crate::domain::calendar::{Date, Instant};
use crate::domain::dataset::{Change, Dataset};
use crate::domain::ids::Id;
use crate::domain::kpi::engine::Inputs;
use crate::domain::kpi::facts::Facts;
use crate::domain::org::Affiliation;
use crate::domain::period::Period;
use crate::domain::random::SplitMix64;
use crate::i18n::{Lang, assessment::period_name};

/// The built-in schemes the demo runs, by name.
const SUPERVISORS_SCHEME: &str = "售后服务主管/专员 季度考核";
const ENGINEERS_SCHEME: &str = "家电售后工程师 月度考核";

/// The goals a supervisor's 工作目标计划表 draws from: the region's.
const SUPERVISOR_GOALS: Goals = [
    ("辖区工单按时完工率达到95%", "以系统完工及时率为准"),
    ("辖区客户满意度达到95%", "以回访与评价结果为准"),
    ("组织两次技能培训", "以培训签到记录为准"),
    ("重复维修率控制在3%以内", "以30天内同一故障返修次数计"),
    ("投诉3个工作日内核实完毕", "以投诉处理时限表为准"),
    ("备件申领与使用账实相符", "以月末盘点为准"),
];

/// An engineer's: their own work.
const ENGINEER_GOALS: Goals = [
    ("上门准时率达到95%", "以系统到场记录为准"),
    ("一次修复率不低于90%", "以系统一次修复率为准"),
    ("客户满意度达到95%", "以回访与评价结果为准"),
    ("完成一次新品技能培训", "以培训签到与考试成绩为准"),
    ("服务报告当场签字率100%", "以报告签名记录为准"),
    ("旧件按时返还", "以旧件返还登记为准"),
];

type Goals = [(&'static str, &'static str); 6];

/// Who runs and approves the cycles: the staff (or, for the committee, the user) each step is taken by.
pub(super) struct Deciders {
    pub hr: Id,
    pub manager: Id,
    pub general: Id,
    pub committee: Id,
}

/// The company so far, as the app would hold it: the records, the folded tickets' KPI facts.
struct Company {
    data: Dataset,
    facts: Facts,
}

impl Demo<'_> {
    /// Both cycles, over everything generated so far (they read its org and its tickets' KPIs).
    pub(super) fn assessments(&mut self, org: &Org) {
        let mut data = Dataset::default();
        for change in &self.out {
            data.apply(change.clone());
        }
        let tickets = data.tickets.fold_all(self.calendar);
        let facts = Facts::new(
            &tickets,
            &data,
            &data.service_settings().policy,
            self.calendar,
        );
        let company = Company { data, facts };
        let today = self.calendar.local_date(self.now);
        let year_start = Date::new(today.year(), 1, 1).expect("a date");
        let mut schemes = Vec::new();
        for name in [SUPERVISORS_SCHEME, ENGINEERS_SCHEME] {
            let scheme = built_in()
                .into_iter()
                .find(|s| s.name == name)
                .expect("a built-in scheme");
            let at = self.working_time(year_start, 10);
            let (_, v) = self.record(at.max(self.start), scheme.clone());
            self.out.push(Change::Scheme(v));
            schemes.push(scheme);
        }
        let engineers = schemes.pop().expect("two schemes");
        let supervisors = schemes.pop().expect("two schemes");
        self.finished_quarter(&company, org, supervisors, today);
        self.month_under_way(&company, org, engineers, today);
        self.quality(&company.data, &tickets);
    }

    /// The supervisors' last quarter, from plans to publication, with one appeal decided.
    fn finished_quarter(&mut self, company: &Company, org: &Org, scheme: Scheme, today: Date) {
        let period = last_finished(Cadence::Quarterly, today);
        let span = cycle_span(Cadence::Quarterly, period).expect("a quarter");
        let (first, last) = (span.first_day(), span.last_day());
        let people = roster(&scheme, &company.data).included;
        let opened = self.open(
            company,
            org,
            scheme.clone(),
            period,
            &people,
            [first.add_days(10), last.add_days(12), last.add_days(30)],
        );
        for (n, (assessment, person)) in opened.into_iter().enumerate() {
            let superior = superior_of(&company.data, person).unwrap_or(org.deciders.manager);
            let mut steps = Steps::new(assessment);
            let planned = first.add_days(1 + n as i64 % 2);
            self.plan(
                &mut steps,
                (person, superior),
                org,
                planned,
                &SUPERVISOR_GOALS,
            );
            // The one who appeals was scored lower than the others.
            let (scored, lower) = (last.add_days(6 + n as i64 % 3), if n == 1 { 12 } else { 0 });
            self.score(
                &mut steps,
                company,
                &scheme,
                (person, superior),
                scored,
                lower,
            );
            let compiled = self.working_time(last.add_days(14), 10);
            let figures = kpi_figures(company, &scheme, person, span, self.now);
            steps.take(
                self,
                compiled,
                org.deciders.hr,
                AssessmentStep::Compiled { kpis: figures },
            );
            let mut day = last.add_days(15);
            let chain = [
                superior,
                org.deciders.manager,
                org.deciders.hr,
                org.deciders.general,
            ];
            for (step, by) in ApprovalStep::CHAIN.into_iter().zip(chain) {
                let at = self.working_time(day, 11);
                steps.take(self, at, by, AssessmentStep::Approved { step });
                day = self.calendar.local_date(at).add_days(1);
            }
            let published = self.working_time(day, 9);
            steps.take(self, published, org.deciders.hr, AssessmentStep::Published);
            if n == 1 {
                let appealed =
                    self.working_time(self.calendar.local_date(published).add_days(2), 15);
                let reason = "问题解决率里有两起跨区域转派的工单计入本区域，申请复核".to_string();
                steps.take(self, appealed, person, AssessmentStep::Appealed { reason });
                let decided = self.working_time(self.calendar.local_date(appealed).add_days(4), 16);
                let reason = "经核查，两起工单转派前已由本区域受理，计入无误".to_string();
                let decision = AssessmentStep::AppealDecided {
                    score: None,
                    reason,
                };
                steps.take(self, decided, org.deciders.committee, decision);
            }
        }
    }

    /// The engineers' last month: each at another step of the way, as a cycle board mid-way looks.
    fn month_under_way(&mut self, company: &Company, org: &Org, scheme: Scheme, today: Date) {
        let period = last_finished(Cadence::Monthly, today);
        let span = cycle_span(Cadence::Monthly, period).expect("a month");
        let (first, last) = (span.first_day(), span.last_day());
        let people: Vec<Id> = roster(&scheme, &company.data)
            .included
            .into_iter()
            .filter(|p| {
                company
                    .data
                    .staff
                    .get(*p)
                    .is_some_and(|s| matches!(s.affiliation, Affiliation::Unit(_)))
            })
            .collect();
        let opened = self.open(
            company,
            org,
            scheme.clone(),
            period,
            &people,
            // The plans were due in the month's first week (the two still out show late); the forms and the
            // results are due in the coming days.
            [first.add_days(7), today.add_days(3), today.add_days(10)],
        );
        let count = opened.len();
        for (n, (assessment, person)) in opened.into_iter().enumerate() {
            let superior = superior_of(&company.data, person).unwrap_or(org.deciders.manager);
            let mut steps = Steps::new(assessment);
            let planned = first.add_days(1 + n as i64 % 3);
            // How far this one has come: the first is still waiting for its plan's approval, the next for HR to
            // file it, then forms out, scored, and the last third on their way up the approval chain.
            let reached = n * 6 / count.max(1);
            match reached {
                0 => {
                    let at = self.working_time(planned, 10);
                    let goals = goals(&ENGINEER_GOALS, n);
                    steps.take(self, at, person, AssessmentStep::PlanSubmitted { goals });
                    continue;
                }
                1 if n % 2 == 0 => {
                    let at = self.working_time(planned, 10);
                    let goals = goals(&ENGINEER_GOALS, n);
                    steps.take(self, at, person, AssessmentStep::PlanSubmitted { goals });
                    let at = self.working_time(planned.add_days(1), 14);
                    steps.take(self, at, superior, AssessmentStep::PlanApproved);
                    continue;
                }
                _ => self.plan(
                    &mut steps,
                    (person, superior),
                    org,
                    planned,
                    &ENGINEER_GOALS,
                ),
            }
            if reached < 3 {
                continue;
            }
            self.score(
                &mut steps,
                company,
                &scheme,
                (person, superior),
                last.add_days(1),
                0,
            );
            if reached < 4 {
                continue;
            }
            let compiled = self.working_time(last.add_days(2), 10);
            let figures = kpi_figures(company, &scheme, person, span, self.now);
            steps.take(
                self,
                compiled,
                org.deciders.hr,
                AssessmentStep::Compiled { kpis: figures },
            );
            let at = self.working_time(last.add_days(3), 11);
            steps.take(
                self,
                at,
                superior,
                AssessmentStep::Approved {
                    step: ApprovalStep::Superior,
                },
            );
            if reached == 5 {
                let at = self.working_time(last.add_days(4), 10);
                let step = ApprovalStep::DepartmentManager;
                steps.take(
                    self,
                    at,
                    org.deciders.manager,
                    AssessmentStep::Approved { step },
                );
            }
        }
    }

    /// Opens a cycle of `scheme` for `period` (HR, at 9:00 on the period's first working day), its dates due as
    /// given; each opened assessment with its person.
    fn open(
        &mut self,
        company: &Company,
        org: &Org,
        scheme: Scheme,
        period: CyclePeriod,
        people: &[Id],
        [plans_due, forms_due, results_due]: [Date; 3],
    ) -> Vec<(Id, Id)> {
        let span = cycle_span(scheme.cadence, period).expect("a period of the cadence");
        let at = self.working_time(span.first_day(), 9);
        let name = format!(
            "{} {}",
            period_name(Lang::Zh, scheme.cadence, period),
            scheme.name
        );
        let cycle = Cycle {
            name,
            scheme,
            period,
            appeal_days: 5,
            plans_due,
            forms_due,
            results_due,
        };
        let opening = Opening {
            cycle,
            people,
            by: org.deciders.hr,
            at,
        };
        let mut ids = SplitMix64::new(self.rng.next_u64());
        let mut counter = 0;
        let changes = open_cycle(
            opening,
            &company.data,
            || super::id_from(&mut ids, at),
            || {
                counter += 1;
                stamp(at, counter)
            },
        );
        let opened = changes
            .iter()
            .filter_map(|change| match change {
                Change::AssessmentEvent(AssessmentEvent {
                    assessment,
                    what: AssessmentStep::Opened { person, .. },
                    ..
                }) => Some((*assessment, *person)),
                _ => None,
            })
            .collect();
        self.out.extend(changes);
        opened
    }

    /// The plan written by the person on `day` (three of `choices`), approved by the superior the next working
    /// day, filed by HR.
    fn plan(
        &mut self,
        steps: &mut Steps,
        (person, superior): (Id, Id),
        org: &Org,
        day: Date,
        choices: &Goals,
    ) {
        let goals = goals(choices, self.rng.below(choices.len() as u64) as usize);
        let at = self.working_time(day, 10);
        steps.take(self, at, person, AssessmentStep::PlanSubmitted { goals });
        let at = self.working_time(self.calendar.local_date(at).add_days(1), 14);
        steps.take(self, at, superior, AssessmentStep::PlanApproved);
        let at = self.working_time(self.calendar.local_date(at).add_days(1), 11);
        steps.take(self, at, org.deciders.hr, AssessmentStep::PlanFiled);
    }

    /// The superior's 工作业绩评估表 and every rater's 综合能力评估表, from `day`; `lower` takes that much off
    /// every score.
    fn score(
        &mut self,
        steps: &mut Steps,
        company: &Company,
        scheme: &Scheme,
        (person, superior): (Id, Id),
        day: Date,
        lower: u64,
    ) {
        let of = |source: Source| -> Vec<u32> {
            let positions = scheme.indicators.iter().enumerate();
            positions
                .filter(|(_, i)| i.source == source)
                .map(|(at, _)| at as u32)
                .collect()
        };
        let (manual, rated) = (of(Source::Manual), of(Source::Raters));
        if !manual.is_empty() {
            let entries = manual
                .iter()
                .map(|at| {
                    let score = Exact::whole(72 + self.rng.below(24) - lower);
                    let reason = String::new();
                    (*at, Entry::Score { score, reason })
                })
                .collect();
            let at = self.working_time(day, 15);
            steps.take(
                self,
                at,
                superior,
                AssessmentStep::PerformanceScored { entries },
            );
        }
        if rated.is_empty() {
            return;
        }
        let raters = crate::domain::assessment::cycle::default_raters(person, &company.data);
        for (n, (rater, relation)) in raters.into_iter().enumerate() {
            let scores = rated
                .iter()
                .map(|at| {
                    let base = match relation {
                        Relation::Superior => 75,
                        Relation::Peer => 78,
                        Relation::Subordinate => 80,
                    };
                    (*at, Exact::whole(base + self.rng.below(18) - lower))
                })
                .collect();
            let at = self.working_time(day.add_days(n as i64 % 3), 9) + (n as i64 % 8) * HOUR;
            steps.take(self, at, rater, AssessmentStep::Rated { relation, scores });
        }
    }

    /// `hour` o'clock on `day`, or on the first working day after it.
    pub(super) fn working_time(&self, day: Date, hour: i64) -> Instant {
        let mut day = day;
        while !self.calendar.is_working_day(day) {
            day = day.add_days(1);
        }
        self.calendar.instant(day, hour * 60)
    }
}

/// One assessment's steps as the demo writes them, each after the one before and none after `now`: the first
/// step that would be later ends the chain (as the assessment would stand today).
struct Steps {
    assessment: Id,
    counter: u32,
    last: Instant,
    stopped: bool,
}

impl Steps {
    fn new(assessment: Id) -> Steps {
        Steps {
            assessment,
            counter: 100,
            last: Instant::MIN,
            stopped: false,
        }
    }

    fn take(&mut self, demo: &mut Demo, at: Instant, by: Id, what: AssessmentStep) {
        let at = at.max(self.last + 1);
        if self.stopped || at > demo.now {
            self.stopped = true;
            return;
        }
        self.counter += 1;
        self.last = at;
        let id = demo.id(at);
        demo.out.push(Change::AssessmentEvent(AssessmentEvent {
            id,
            assessment: self.assessment,
            stamp: stamp(at, self.counter),
            at,
            by,
            what,
        }));
    }
}

fn superior_of(data: &Dataset, person: Id) -> Option<Id> {
    data.staff.get(person).and_then(|s| s.superior)
}

/// Three goals of `choices` for a plan, starting at the `n`th.
fn goals(choices: &Goals, n: usize) -> Vec<Goal> {
    (0..3)
        .map(|k| {
            let (goal, measure) = choices[(n + k) % choices.len()];
            Goal {
                goal: goal.into(),
                measure: measure.into(),
            }
        })
        .collect()
}

/// The KPI indicators' entries as HR's compile freezes them; where the engine has no figure (nothing to count in
/// the period) HR types one: the target met, or no occurrence for a deduction.
fn kpi_figures(
    company: &Company,
    scheme: &Scheme,
    person: Id,
    span: Period,
    now: Instant,
) -> Vec<(u32, Entry)> {
    let inputs = Inputs {
        facts: &company.facts,
        now,
    };
    let filter = kpi_filter(person, &company.data);
    kpi_entries(scheme, inputs, &filter, span)
        .into_iter()
        .map(|(at, entry)| {
            let indicator = &scheme.indicators[at as usize];
            let typed = || match (&indicator.rule, indicator.target) {
                (Rule::Deduction { .. }, _) => Entry::Count(0),
                (_, Some(target)) => Entry::Value(target),
                (_, None) => Entry::Value(Exact::ZERO),
            };
            (at, entry.unwrap_or_else(typed))
        })
        .collect()
}
