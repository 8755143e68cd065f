//! Words for KPIs (R5): each figure's name, what it counts (the formula a user reads in its explanation), its
//! numerator and denominator, values in their units, why an item was left out, breakdowns and periods.
//!
//! Owns: only wording and number formatting. Must not: decide anything (that is `domain::kpi`).

use super::Lang;
use crate::domain::inputs::CostKind;
use crate::domain::kpi::engine::Reason;
use crate::domain::kpi::{Breakdown, Kpi, TargetStanding, Unit};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::ratio::Ratio;

pub fn kpi_name(lang: Lang, kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::ResponseOnTime => lang.pick("响应及时率", "On-time response"),
        Kpi::ResponseHours => lang.pick("平均响应时长", "Mean response time"),
        Kpi::Resolution => lang.pick("问题解决率", "Resolution rate"),
        Kpi::FirstTimeFix => lang.pick("一次修复率", "First-time fix"),
        Kpi::RepeatRepair => lang.pick("重复维修率", "Repeat repairs"),
        Kpi::OnTimeCompletion => lang.pick("完工及时率", "On-time completion"),
        Kpi::Satisfaction => lang.pick("客户满意度", "Customer satisfaction"),
        Kpi::MeanRating => lang.pick("平均评分", "Mean rating"),
        Kpi::BadReviews => lang.pick("差评率", "Bad reviews"),
        Kpi::ComplaintRate => lang.pick("投诉率", "Complaint rate"),
        Kpi::ComplaintsPerSales => lang.pick("投诉率（按销量）", "Complaints per units sold"),
        Kpi::ComplaintOnTime => lang.pick("投诉处理及时率", "Complaints verified on time"),
        Kpi::RepairRate => lang.pick("返修率", "Repair rate"),
        Kpi::ReturnRate => lang.pick("退货率", "Return rate"),
        Kpi::ReturningCustomers => lang.pick("回头客比例", "Returning customers"),
        Kpi::Accuracy => lang.pick("解决准确率", "Resolution accuracy"),
        Kpi::CostPerTicket => lang.pick("单均成本", "Cost per ticket"),
        Kpi::CostTotal => lang.pick("总成本", "Total cost"),
        Kpi::TrainingCompletion => lang.pick("培训计划完成率", "Training plan completion"),
        Kpi::Visits => lang.pick("走访次数", "Visits made"),
        Kpi::Workload => lang.pick("人均工作量", "Workload per engineer"),
        Kpi::SampleConformity => lang.pick("抽检符合率", "Sample conformity"),
    }
}

/// What is counted, over what, and on which day an item belongs.
pub fn kpi_formula(lang: Lang, kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::ResponseOnTime => lang.pick(
            "在服务时限内首次答复的工单 ÷ 答复已到期的工单；按受理登记日计入期间。尚未答复且未超时的工单不计，已超时未答复的计为未及时。",
            "Tickets first answered within the service level ÷ tickets whose answer was due; counted in the period they were received. Unanswered tickets not yet due are left out; overdue ones count as late.",
        ),
        Kpi::ResponseHours => lang.pick(
            "从登记到首次答复的工作时长（按营业日历）之和 ÷ 已答复工单数；按登记日计入期间。",
            "Business hours from receipt to the first answer, summed ÷ tickets answered; counted in the period received.",
        ),
        Kpi::Resolution => lang.pick(
            "期间内登记的工单中当前已解决（已解决、已确认或已关闭）的 ÷ 期间内登记的工单（作废和驳回的投诉不计）。",
            "Of the tickets received in the period, those resolved now (resolved, confirmed or closed) ÷ all received (voided tickets and rejected complaints left out).",
        ),
        Kpi::FirstTimeFix => lang.pick(
            "维修、安装、更换工单中一次修好（未重开、上门不超过一次）的 ÷ 首次解决的工单；按首次解决日计入期间——之后在任何期间重开，都说明这次修复没有成功。",
            "Repairs, installations and replacements fixed at the first go (never reopened, at most one visit) ÷ those first resolved; counted on the day first resolved — a reopen in any later period shows that fix did not hold.",
        ),
        Kpi::RepeatRepair => lang.pick(
            "维修、安装、更换工单中重开或再次上门的 ÷ 首次解决的工单；按首次解决日计入期间。",
            "Repairs, installations and replacements reopened or visited again ÷ those first resolved; counted on the day first resolved.",
        ),
        Kpi::OnTimeCompletion => lang.pick(
            "在解决时限内解决的工单 ÷ 已解决的工单；按最近一次解决日计入期间，挂起时间不计入时限。",
            "Tickets resolved within their resolution target ÷ tickets resolved; counted on the latest resolution day. Time on hold does not count.",
        ),
        Kpi::Satisfaction => lang.pick(
            "总体评分 4–5 星（问卷含满意度时以「满意」为准）的答卷 ÷ 答卷；按答卷日计入期间。",
            "Responses rated 4–5 stars overall (or “satisfied” where the survey asks it) ÷ responses; counted on the day answered.",
        ),
        Kpi::MeanRating => lang.pick(
            "总体评分星数之和 ÷ 答卷数；按答卷日计入期间。",
            "Overall stars summed ÷ responses; counted on the day answered.",
        ),
        Kpi::BadReviews => lang.pick(
            "差评（总体 1–2 星或「不满意」）÷ 答卷；同一顾客（同一电话和地址）在同一期间内的多个差评只计一次（R7.2）。",
            "Bad reviews (1–2 stars overall or “dissatisfied”) ÷ responses; several bad reviews from the same customer (same phone and address) in one period count once (R7.2).",
        ),
        Kpi::ComplaintRate => lang.pick(
            "投诉工单 ÷ 期间内登记的工单（作废不计）。",
            "Complaint tickets ÷ tickets received in the period (voided left out).",
        ),
        Kpi::ComplaintsPerSales => lang.pick(
            "投诉工单 ÷ 期间内销量；销量按月录入，只计完全落在期间内的月份。",
            "Complaint tickets ÷ units sold in the period; sales are entered per month and only months wholly inside the period count.",
        ),
        Kpi::ComplaintOnTime => lang.pick(
            "在 3 个工作日内核实（或驳回）的投诉 ÷ 核实已到期的投诉；按登记日计入期间。",
            "Complaints verified (or rejected) within 3 working days ÷ complaints whose verification was due; counted in the period received.",
        ),
        Kpi::RepairRate => lang.pick(
            "维修工单 ÷ 期间内销量（按产品类别）；销量只计完全落在期间内的月份。",
            "Repair tickets ÷ units sold in the period (per product category); only months wholly inside the period count.",
        ),
        Kpi::ReturnRate => lang.pick(
            "退货工单 ÷ 期间内销量；销量只计完全落在期间内的月份。",
            "Return tickets ÷ units sold in the period; only months wholly inside the period count.",
        ),
        Kpi::ReturningCustomers => lang.pick(
            "期间内有服务的顾客中，此前已有过服务记录的 ÷ 期间内有服务的顾客（按电话识别，每位顾客计一次）。",
            "Of the customers served in the period, those served before it ÷ customers served (known by phone; each counted once).",
        ),
        Kpi::Accuracy => lang.pick(
            "已解决且经顾客确认的工单 ÷ 已解决的工单；按最近一次解决日计入期间。",
            "Tickets resolved and confirmed by the customer ÷ tickets resolved; counted on the latest resolution day.",
        ),
        Kpi::CostPerTicket => lang.pick(
            "期间内的成本（配件、人工、差旅等）÷ 期间内解决的工单。",
            "Cost lines of the period (parts, labour, travel, …) ÷ tickets resolved in the period.",
        ),
        Kpi::CostTotal => lang.pick(
            "期间内所有成本明细之和。",
            "All cost lines of the period, summed.",
        ),
        Kpi::TrainingCompletion => lang.pick(
            "计划在期间内的培训中已举办的 ÷ 计划的培训场次。",
            "Training sessions planned in the period that were held ÷ sessions planned.",
        ),
        Kpi::Visits => lang.pick(
            "期间内完成的回访，加上期间内完成的回访 / 走访工单。",
            "Follow-up visits done in the period, plus follow-up / visit tickets resolved in it.",
        ),
        Kpi::Workload => lang.pick(
            "期间内解决的工单 ÷ 解决过工单的工程师人数。",
            "Tickets resolved in the period ÷ engineers who resolved them.",
        ),
        Kpi::SampleConformity => lang.pick(
            "抽查中审为符合的工单 ÷ 抽查已审的工单；按工单关闭日计入期间。同一工单被多次抽查时以最近一次审查为准。",
            "Sampled tickets reviewed as conforming ÷ sampled tickets reviewed; counted on the day the ticket was closed. A ticket sampled more than once counts by its latest review.",
        ),
    }
}

pub fn numerator_label(lang: Lang, kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::ResponseOnTime => lang.pick("及时答复", "Answered on time"),
        Kpi::ResponseHours => lang.pick("答复工作时长合计", "Business time to answer, summed"),
        Kpi::Resolution => lang.pick("已解决", "Resolved"),
        Kpi::FirstTimeFix => lang.pick("一次修好", "Fixed first time"),
        Kpi::RepeatRepair => lang.pick("重开或再次上门", "Reopened or visited again"),
        Kpi::OnTimeCompletion => lang.pick("按时解决", "Resolved on time"),
        Kpi::Satisfaction => lang.pick("满意答卷", "Satisfied responses"),
        Kpi::MeanRating => lang.pick("星数合计", "Stars, summed"),
        Kpi::BadReviews => lang.pick("差评（去重后）", "Bad reviews (de-duplicated)"),
        Kpi::ComplaintRate | Kpi::ComplaintsPerSales => lang.pick("投诉", "Complaints"),
        Kpi::ComplaintOnTime => lang.pick("按时核实", "Verified on time"),
        Kpi::RepairRate => lang.pick("维修工单", "Repair tickets"),
        Kpi::ReturnRate => lang.pick("退货工单", "Return tickets"),
        Kpi::ReturningCustomers => lang.pick("回头客", "Returning customers"),
        Kpi::Accuracy => lang.pick("顾客已确认", "Confirmed by the customer"),
        Kpi::CostPerTicket | Kpi::CostTotal => lang.pick("成本合计", "Cost, summed"),
        Kpi::TrainingCompletion => lang.pick("已举办", "Held"),
        Kpi::Visits => lang.pick("走访", "Visits"),
        Kpi::Workload => lang.pick("解决的工单", "Tickets resolved"),
        Kpi::SampleConformity => lang.pick("审为符合", "Reviewed as conforming"),
    }
}

pub fn denominator_label(lang: Lang, kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::ResponseOnTime => lang.pick("答复已到期的工单", "Tickets whose answer was due"),
        Kpi::ResponseHours => lang.pick("已答复的工单", "Tickets answered"),
        Kpi::Resolution | Kpi::ComplaintRate => lang.pick("登记的工单", "Tickets received"),
        Kpi::FirstTimeFix | Kpi::RepeatRepair => {
            lang.pick("首次解决的工单", "Tickets first resolved")
        }
        Kpi::OnTimeCompletion | Kpi::Accuracy | Kpi::CostPerTicket => {
            lang.pick("解决的工单", "Tickets resolved")
        }
        Kpi::Satisfaction | Kpi::MeanRating | Kpi::BadReviews => lang.pick("答卷", "Responses"),
        Kpi::ComplaintsPerSales | Kpi::RepairRate | Kpi::ReturnRate => {
            lang.pick("销量（台）", "Units sold")
        }
        Kpi::ComplaintOnTime => lang.pick("核实已到期的投诉", "Complaints due for verification"),
        Kpi::ReturningCustomers => lang.pick("有服务的顾客", "Customers served"),
        Kpi::CostTotal | Kpi::Visits => lang.pick("（合计，无分母）", "(a total)"),
        Kpi::TrainingCompletion => lang.pick("计划场次", "Sessions planned"),
        Kpi::Workload => lang.pick("工程师人数", "Engineers"),
        Kpi::SampleConformity => lang.pick("抽查已审的工单", "Sampled tickets reviewed"),
    }
}

/// A value in its unit, or "no data" with nothing to divide by.
pub fn value_text(lang: Lang, kpi: Kpi, value: Option<Ratio>) -> String {
    match kpi.unit().shown(value) {
        Some(steps) => steps_text(lang, kpi.unit(), steps),
        None => lang.pick("无数据", "No data").into(),
    }
}

/// The value beside its target: with the digit that decides when rounding would show it on the target
/// (`Unit::shown_against`).
pub fn value_text_against(
    lang: Lang,
    kpi: Kpi,
    value: Option<Ratio>,
    target: Option<u64>,
) -> String {
    let unit = kpi.unit();
    match unit.shown_against(value, target) {
        Some((steps, decimals)) if decimals != unit.decimals() && unit != Unit::Fen => {
            let number = decimal(steps, decimals);
            match unit {
                Unit::Percent | Unit::PercentFine => format!("{number}%"),
                Unit::Hours => format!("{number} {}", lang.pick("小时", "h")),
                Unit::Stars => format!("{number} ★"),
                Unit::PerPerson => format!("{number} {}", lang.pick("件/人", "per person")),
                Unit::Count | Unit::Fen => number,
            }
        }
        _ => value_text(lang, kpi, value),
    }
}

/// A number of shown steps in its unit: 953 → "95.3%", 36 → "3.6 小时".
pub fn steps_text(lang: Lang, unit: Unit, steps: u64) -> String {
    let number = decimal(steps, unit.decimals());
    match unit {
        Unit::Percent | Unit::PercentFine => format!("{number}%"),
        Unit::Hours => format!("{number} {}", lang.pick("小时", "h")),
        Unit::Stars => format!("{number} ★"),
        Unit::Fen => crate::domain::money::Fen(steps as i64).to_string(),
        Unit::Count => number,
        Unit::PerPerson => format!("{number} {}", lang.pick("件/人", "per person")),
    }
}

/// A threshold as typed in its field: "95.0", "24.0", "42.50" (yuan for money).
pub fn steps_input(unit: Unit, steps: u64) -> String {
    match unit {
        Unit::Fen => crate::domain::money::Fen(steps as i64).to_yuan_text(),
        _ => decimal(steps, unit.decimals()),
    }
}

/// The change from the last period, in shown steps, with its sign: "▲ 2.1 个百分点", "▼ ¥3.20", "持平".
pub fn change_text(lang: Lang, unit: Unit, delta: i64) -> String {
    if delta == 0 {
        return lang.pick("持平", "no change").into();
    }
    let arrow = if delta > 0 { "▲" } else { "▼" };
    let size = delta.unsigned_abs();
    let amount = match unit {
        Unit::Percent | Unit::PercentFine => format!(
            "{} {}",
            decimal(size, unit.decimals()),
            lang.pick("个百分点", "pts")
        ),
        _ => steps_text(lang, unit, size),
    };
    format!("{arrow} {amount}")
}

fn decimal(steps: u64, places: u32) -> String {
    crate::export::Cell::number_text(steps as i64, places)
}

pub fn standing_name(lang: Lang, standing: TargetStanding) -> &'static str {
    match standing {
        TargetStanding::Met => lang.pick("达标", "On target"),
        TargetStanding::Missed => lang.pick("未达标", "Target missed"),
        TargetStanding::NoTarget => lang.pick("未设目标", "No target"),
        TargetStanding::NoData => lang.pick("无数据", "No data"),
    }
}

pub fn reason_text(lang: Lang, reason: &Reason) -> String {
    match reason {
        Reason::OutsidePeriod(day) => match lang {
            Lang::Zh => format!("计入其他期间（{day}）"),
            Lang::En => format!("Counted in another period ({day})"),
        },
        Reason::PartMonth => lang
            .pick(
                "该月只有部分落在期间内",
                "Only part of this month is in the period",
            )
            .into(),
        Reason::Voided => lang.pick("已作废", "Voided").into(),
        Reason::Rejected => lang.pick("投诉经核实不成立", "Complaint rejected").into(),
        Reason::NotAnswered => lang.pick("尚未答复", "Not answered").into(),
        Reason::NotDueYet => lang.pick("尚未到期", "Not due yet").into(),
        Reason::Paused => lang
            .pick("挂起中，时限暂停", "On hold: the clock is paused")
            .into(),
        Reason::NotResolved => lang.pick("尚未解决", "Not resolved").into(),
        Reason::NoSurvey => lang.pick("没有答卷", "No survey response").into(),
        Reason::SameCustomer => lang
            .pick(
                "同一顾客本期已计入",
                "The same customer is already counted this period",
            )
            .into(),
        Reason::NoEngineer => lang.pick("未指派工程师", "No engineer assigned").into(),
    }
}

pub fn breakdown_name(lang: Lang, by: Breakdown) -> &'static str {
    match by {
        Breakdown::Staff => lang.pick("工程师", "Engineer"),
        Breakdown::Unit => lang.pick("部门 / 区域", "Unit"),
        Breakdown::Provider => lang.pick("服务商", "Provider"),
        Breakdown::Product => lang.pick("产品类别", "Product"),
        Breakdown::Kind => lang.pick("工单类型", "Kind"),
        Breakdown::Channel => lang.pick("渠道", "Channel"),
    }
}

pub fn period_kind_name(lang: Lang, kind: Option<PeriodKind>) -> &'static str {
    match kind {
        Some(PeriodKind::Week) => lang.pick("周", "Week"),
        Some(PeriodKind::Month) => lang.pick("月", "Month"),
        Some(PeriodKind::Quarter) => lang.pick("季度", "Quarter"),
        Some(PeriodKind::Year) => lang.pick("年", "Year"),
        None => lang.pick("自定义", "Custom"),
    }
}

/// "2026年10月", "October 2026", "2026年第4季度", "2026-10-05 – 2026-10-11".
pub fn period_label(lang: Lang, period: &Period) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match (*period, lang) {
        (Period::Month { year, month }, Lang::Zh) => format!("{year}年{month}月"),
        (Period::Month { year, month }, Lang::En) => {
            format!("{} {year}", MONTHS[usize::from(month - 1)])
        }
        (Period::Quarter { year, quarter }, Lang::Zh) => format!("{year}年第{quarter}季度"),
        (Period::Quarter { year, quarter }, Lang::En) => format!("Q{quarter} {year}"),
        (Period::Year { year }, Lang::Zh) => format!("{year}年"),
        (Period::Year { year }, Lang::En) => year.to_string(),
        (Period::Week { .. } | Period::Custom { .. }, _) => {
            format!("{} – {}", period.first_day(), period.last_day())
        }
    }
}

/// A short label for a chart's axis: "10月" / "Oct", "Q4", "10-05".
/// A trend's axis label: short, with the year on the first point and wherever the year changes (a 12-month trend
/// crosses a new year: "12月" then "26年1月").
pub fn period_tick(lang: Lang, period: &Period, previous: Option<&Period>) -> String {
    let year_of = |p: &Period| match *p {
        Period::Month { year, .. } | Period::Quarter { year, .. } => Some(year),
        _ => None,
    };
    let new_year = year_of(period).filter(|year| previous.and_then(year_of) != Some(*year));
    let short = |year: i32| year.rem_euclid(100);
    match (*period, lang) {
        (Period::Month { month, .. }, Lang::Zh) => match new_year {
            Some(year) => format!("{:02}年{month}月", short(year)),
            None => format!("{month}月"),
        },
        (Period::Month { month, .. }, Lang::En) => {
            let name = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ][usize::from(month - 1)];
            match new_year {
                Some(year) => format!("{name} {:02}", short(year)),
                None => name.into(),
            }
        }
        (Period::Quarter { quarter, .. }, _) => match new_year {
            Some(year) => format!("{:02}Q{quarter}", short(year)),
            None => format!("Q{quarter}"),
        },
        (Period::Year { year }, _) => year.to_string(),
        (Period::Week { monday }, _) => format!("{:02}-{:02}", monday.month(), monday.day()),
        (Period::Custom { from, .. }, _) => format!("{:02}-{:02}", from.month(), from.day()),
    }
}

pub fn cost_kind_name(lang: Lang, kind: CostKind) -> &'static str {
    match kind {
        CostKind::Parts => lang.pick("配件", "Parts"),
        CostKind::Labour => lang.pick("人工", "Labour"),
        CostKind::Travel => lang.pick("差旅", "Travel"),
        CostKind::Other => lang.pick("其他", "Other"),
    }
}
