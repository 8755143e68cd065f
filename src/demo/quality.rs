//! The demo company's quality records (R8, R5.4), so the quality screens are populated on a first look: last
//! month's standards self-assessment, finished (one clause not conforming, a sampled clause with one record in ten
//! short, one clause not applicable), a corrective action from each shortfall — one already done, one past its
//! day on the supervisor's home —, and a finished sampling audit for each of the last three months (the busiest
//! engineer's closed tickets), the latest with one finding and its corrective action; and last month's period
//! report, issued by the manager with findings and proposals.
//!
//! Must not: hold a rule. The sample is drawn by `sampling::draw` from `sampling::population`, the assessment is
//! checked by its draft, and nothing is written after `now`.

use super::Demo;
use crate::domain::access::Role;
use crate::domain::checklist::{AssessmentDraft, Checklist, SEED_CHECKLIST_ID, SelfAssessment};
use crate::domain::corrective::{CorrectiveAction, Source, Status};
use crate::domain::dataset::{Change, Dataset};
use crate::domain::ids::Id;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::sampling::{self, Audit, AuditDraft, Auditee, FindingKind, Review};
use crate::domain::standards::Finding;
use crate::domain::ticket::Ticket;

/// One month's audit as the demo makes it.
struct AuditPlan<'a> {
    month: Period,
    /// The day it is reviewed.
    day: crate::domain::calendar::Date,
    /// The sampled tickets (by place) that do not conform.
    findings: &'a [usize],
    with_action: bool,
}

/// The seed of the demo's draw (the same sample on every first start with the same tickets).
const AUDIT_SEED: u64 = 20_261_130;

impl Demo<'_> {
    pub(super) fn quality(&mut self, data: &Dataset, tickets: &[Ticket]) {
        let user = |role: Role| {
            data.users
                .live()
                .filter(|(_, u)| u.role == role)
                .map(|(id, u)| (id, u.name.clone()))
                .min_by(|a, b| a.1.cmp(&b.1))
        };
        let (Some((manager, manager_name)), Some((supervisor, _))) =
            (user(Role::Manager), user(Role::Supervisor))
        else {
            return;
        };
        let today = self.calendar.local_date(self.now);
        let month = Period::last_complete(PeriodKind::Month, today);
        let assessed_on = month.last_day().add_days(-3);
        let at = self.working_time(assessed_on, 15).min(self.now);
        let assessment = self.self_assessment(at, manager, &manager_name);
        let (assessment_id, v) = self.record(at, assessment);
        self.out.push(Change::SelfAssessment(v));

        let opened = self.calendar.local_date(at);
        let action =
            |what: &str, owner: Id, due, source: Source, status: Status| CorrectiveAction {
                what: what.into(),
                owner,
                due,
                opened,
                source,
                status,
            };
        let clause = |number: &str| Source::Clause {
            assessment: assessment_id,
            clause: number.into(),
        };
        let overdue = action(
            "建立商品系统性缺陷公开机制，制定告知顾客的流程",
            supervisor,
            today.add_days(-3).max(opened),
            clause("5.2.1.5"),
            Status::Open,
        );
        let done = action(
            "服务报告单签字当场核对，漏签的补签",
            supervisor,
            opened.add_days(7),
            clause("5.2.4.3"),
            Status::Closed {
                on: opened.add_days(5).min(today),
                note: "已在班前会培训，并补签两份报告单".into(),
            },
        );
        for body in [overdue, done] {
            let (_, v) = self.record(at, body);
            self.out.push(Change::CorrectiveAction(v));
        }
        // An audit a month for the last quarter (the dashboard's trend has its points), the latest with an action.
        let mut audited = month;
        for (ago, findings) in [&[1usize][..], &[], &[0, 3]].into_iter().enumerate() {
            let day = audited.last_day().add_days(3).min(today);
            let plan = AuditPlan {
                month: audited,
                day,
                findings,
                with_action: ago == 0,
            };
            self.audit(data, tickets, &plan, (manager, manager_name.as_str()));
            audited = audited.previous();
        }
    }

    /// The checklist assessed: all conforming but three.
    fn self_assessment(&mut self, at: i64, manager: Id, name: &str) -> SelfAssessment {
        let list = Checklist::seed();
        let day = self.calendar.local_date(at);
        let started = SelfAssessment::start(SEED_CHECKLIST_ID, &list, day, manager, name);
        let entries = started
            .rows()
            .map(|(clause, mut entry)| {
                entry.finding = Some(match clause.number.as_str() {
                    "5.2.1.5" => Finding::NotConforming,
                    "5.2.4.3" => Finding::Sampled {
                        checked: 10,
                        not_conforming: 1,
                    },
                    "5.1.7.3" => Finding::NotApplicable,
                    _ => Finding::Conforming,
                });
                entry.evidence = match clause.number.as_str() {
                    "5.2.1.5" => "尚无缺陷信息公开的制度文件".into(),
                    "5.2.4.3" => "抽查报告单 10 份，1 份无顾客签字".into(),
                    "5.1.7.3" => "本年度未开展对外服务文化宣传".into(),
                    _ => format!("已查阅：{}", clause.evidence),
                };
                entry
            })
            .collect();
        AssessmentDraft {
            entries,
            specials: Vec::new(),
            finish: true,
        }
        .check(&started)
        .expect("the demo's findings hold together")
    }

    /// A finished audit of the engineer with the most tickets closed in the plan's month: five reviewed, those at
    /// the plan's `findings` not conforming; the first finding opens a corrective action when it says so.
    fn audit(
        &mut self,
        data: &Dataset,
        tickets: &[Ticket],
        plan: &AuditPlan<'_>,
        (reviewer, reviewer_name): (Id, &str),
    ) {
        let AuditPlan {
            month,
            day,
            findings,
            with_action,
        } = *plan;
        let busiest = data
            .staff
            .live()
            .map(|(id, _)| {
                let closed = sampling::population(
                    tickets,
                    Auditee::Engineer(id),
                    month,
                    data,
                    self.calendar,
                );
                (closed.len(), id, closed)
            })
            .max_by_key(|(count, id, _)| (*count, *id));
        let Some((_, engineer, population)) = busiest.filter(|(count, _, _)| *count > 0) else {
            return;
        };
        let Ok(mut audit) = (AuditDraft {
            auditee: Some(Auditee::Engineer(engineer)),
            period: month,
            size: "5".into(),
            seed: AUDIT_SEED,
        })
        .check(&population, [], reviewer, reviewer_name) else {
            return;
        };
        let sample = audit.sample.clone();
        for (n, ticket) in sample.iter().enumerate() {
            let conforming = !findings.contains(&n);
            audit = audit.with_review(Review {
                ticket: *ticket,
                conforming,
                kind: (!conforming).then_some(FindingKind::ReportWithoutSignature),
                note: match conforming {
                    true => String::new(),
                    false => "服务报告单无顾客签字".into(),
                },
            });
        }
        let audit: Audit = sampling::finish(&audit).expect("every sampled ticket reviewed");
        let at = self.working_time(day, 11).min(self.now);
        let (audit_id, v) = self.record(at, audit);
        self.out.push(Change::Audit(v));
        let owner = data
            .users
            .live()
            .find(|(_, u)| u.staff == Some(engineer))
            .map(|(id, _)| id)
            .unwrap_or(reviewer);
        if let Some(ticket) = findings
            .first()
            .and_then(|n| sample.get(*n))
            .filter(|_| with_action)
        {
            let (_, v) = self.record(
                at,
                CorrectiveAction {
                    what: "服务完成后当场请顾客在报告单上签字".into(),
                    owner,
                    due: self.calendar.local_date(self.now).add_days(14),
                    opened: self.calendar.local_date(at),
                    source: Source::Audit {
                        audit: audit_id,
                        ticket: *ticket,
                    },
                    status: Status::Open,
                },
            );
            self.out.push(Change::CorrectiveAction(v));
        }
    }
}

impl Demo<'_> {
    /// Last month's period report, issued by the manager on the first working days after it, from everything the
    /// demo holds by then (tickets, inputs, assessments, the quality records above), with the manager's text.
    pub(super) fn period_report(&mut self) {
        use crate::domain::assessment::cycle::fold_all;
        use crate::domain::kpi::facts::Facts;
        use crate::domain::period_report::{ReportDraft, ReportInputs, compute, issued_id};
        let mut data = Dataset::default();
        for change in &self.out {
            data.apply(change.clone());
        }
        let Some((manager, manager_name)) = data
            .users
            .live()
            .filter(|(_, u)| u.role == Role::Manager)
            .map(|(id, u)| (id, u.name.clone()))
            .min_by(|a, b| a.1.cmp(&b.1))
        else {
            return;
        };
        let today = self.calendar.local_date(self.now);
        let month = Period::last_complete(PeriodKind::Month, today);
        let at = self
            .working_time(month.last_day().add_days(2), 10)
            .min(self.now);
        let service = data.service_settings();
        let tickets: Vec<Ticket> = data.tickets.fold_all(self.calendar);
        let facts = Facts::new(&tickets, &data, &service.policy, self.calendar);
        let assessments = fold_all(&data);
        let settings = data.kpi_settings();
        let body = compute(
            ReportInputs {
                data: &data,
                tickets: &tickets,
                facts: &facts,
                assessments: &assessments,
                settings: &settings,
                policy: &service.policy,
                calendar: self.calendar,
                now: at,
            },
            month,
        );
        let draft = ReportDraft {
            findings: "华东区维修完工及时率低于目标，主要因备件到货慢；差评集中在上门不准时。"
                .into(),
            proposals: "常用备件在区域仓库提前备货；预约上门时间改为两小时窗口并提前电话确认。"
                .into(),
            lessons: "投诉须当天核实并向客户承诺解决日期，解决后及时告知客户结果。".into(),
        };
        let issued = draft.issue(
            None,
            body,
            (Some(manager), manager_name),
            at,
            self.calendar.local_date(at),
        );
        if let Ok(report) = issued {
            self.out
                .push(Change::PeriodReport(crate::domain::record::Versioned {
                    id: issued_id(month),
                    stamp: super::stamp(at, 0),
                    deleted: false,
                    history: None,
                    body: report,
                }));
        }
    }
}
