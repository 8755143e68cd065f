//! The KPIs of R5 (K1–K13): what each figure is — code, unit, direction, how it adds up, the default target (S11:
//! satisfaction ≥ 95 %, accuracy ≥ 98 %, …) and the breakdowns it supports — and the company's own targets and
//! industry averages (one record, last writer wins).
//!
//! Owns: `Kpi` (the registry), `Unit` (how a value is shown and compared, exactly), `Direction`, `Aggregate`,
//! `Breakdown`, `KpiSettings`. The computation is in `engine` over the per-ticket `facts`. Must not: hold names or
//! formulas as text (i18n does, per language) or use floating point.

pub mod engine;
pub mod facts;

use crate::domain::slug::slugs;
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::error::{Checked, Field, Problem, Problems};
use super::ratio::Ratio;
use crate::domain::sorting;

/// One figure of the KPI table. Several share a code where the seed pairs them (K1 响应及时率 and 平均响应时长).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    /// K1 响应及时率: first answered within the SLA ÷ tickets whose answer was due.
    ResponseOnTime,
    /// K1 平均响应时长: mean business hours from receipt to the first answer.
    ResponseHours,
    /// K2 问题解决率: resolved ÷ received.
    Resolution,
    /// K3 一次修复率: fixed at the first go (no reopen, one visit at most) ÷ first resolved.
    FirstTimeFix,
    /// K3 重复维修率: reopened or visited again ÷ first resolved.
    RepeatRepair,
    /// K4 完工及时率: resolved within the resolution target ÷ resolved.
    OnTimeCompletion,
    /// K5 客户满意度: responses rated 4–5 (or 满意) ÷ responses.
    Satisfaction,
    /// K5 平均评分: mean overall stars.
    MeanRating,
    /// K6 差评率: bad reviews (one per customer and period, R7.2) ÷ responses.
    BadReviews,
    /// K7 投诉率: complaints ÷ tickets received.
    ComplaintRate,
    /// K7 投诉率 (销量): complaints ÷ units sold.
    ComplaintsPerSales,
    /// K7 投诉处理及时率: complaints verified within 3 working days ÷ complaints due.
    ComplaintOnTime,
    /// K8 返修率: repair tickets ÷ units sold.
    RepairRate,
    /// K8 退货率: return tickets ÷ units sold.
    ReturnRate,
    /// K9 回头客比例: customers served again ÷ customers served.
    ReturningCustomers,
    /// K10 解决准确率: resolved and confirmed by the customer ÷ resolved.
    Accuracy,
    /// K11 单均成本: cost ÷ tickets resolved.
    CostPerTicket,
    /// K11 总成本: the cost lines of the period.
    CostTotal,
    /// K12 培训计划完成率: sessions held ÷ sessions planned.
    TrainingCompletion,
    /// K12 走访次数: follow-up visits made.
    Visits,
    /// K13 工作量: tickets resolved per engineer.
    Workload,
    /// 抽检符合率 (R5.4, S16): sampled tickets reviewed as conforming ÷ sampled tickets reviewed.
    SampleConformity,
}

slugs!(Kpi {
    ResponseOnTime => "response_on_time",
    ResponseHours => "response_hours",
    Resolution => "resolution",
    FirstTimeFix => "first_time_fix",
    RepeatRepair => "repeat_repair",
    OnTimeCompletion => "on_time_completion",
    Satisfaction => "satisfaction",
    MeanRating => "mean_rating",
    BadReviews => "bad_reviews",
    ComplaintRate => "complaint_rate",
    ComplaintsPerSales => "complaints_per_sales",
    ComplaintOnTime => "complaint_on_time",
    RepairRate => "repair_rate",
    ReturnRate => "return_rate",
    ReturningCustomers => "returning_customers",
    Accuracy => "accuracy",
    CostPerTicket => "cost_per_ticket",
    CostTotal => "cost_total",
    TrainingCompletion => "training_completion",
    Visits => "visits",
    Workload => "workload",
    SampleConformity => "sample_conformity",
});

/// How a value is kept and shown. A value is `numerator / (denominator × per)` in the unit; it is shown with
/// `decimals` places (rounded half up, once) after multiplying by `factor` (100 for a percentage).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A share, shown in tenths of a percent.
    Percent,
    /// A small share (per units sold), shown in hundredths of a percent.
    PercentFine,
    /// Business hours from milliseconds, shown in tenths.
    Hours,
    /// Stars out of five, shown in tenths.
    Stars,
    /// 分, shown as yuan with two decimals (whole fen).
    Fen,
    /// A plain count.
    Count,
    /// Tickets per person, shown in tenths.
    PerPerson,
}

impl Unit {
    pub fn decimals(self) -> u32 {
        match self {
            Unit::Percent | Unit::Hours | Unit::Stars | Unit::PerPerson => 1,
            Unit::PercentFine => 2,
            Unit::Fen | Unit::Count => 0,
        }
    }

    /// What the value is multiplied by to be shown (100 for a percentage).
    pub fn factor(self) -> u64 {
        match self {
            Unit::Percent | Unit::PercentFine => 100,
            _ => 1,
        }
    }

    /// What the value is divided by to be shown (an hour's milliseconds for hours).
    pub fn per(self) -> u64 {
        match self {
            Unit::Hours => 3_600_000,
            _ => 1,
        }
    }

    /// What one shown step is worth: the shown integer is `value × scale()` (e.g. 1000 for tenths of a percent).
    pub fn scale(self) -> u64 {
        self.factor() * 10u64.pow(self.decimals())
    }

    /// The value as shown, in steps of `10^-decimals`: 953 for 95.3 % (half up); `None` with nothing to divide by.
    pub fn shown(self, value: Option<Ratio>) -> Option<u64> {
        let value = value?;
        let in_unit = Ratio::of(value.numerator(), value.denominator() * self.per())?;
        Some(in_unit.scaled(self.scale()))
    }

    /// The value as shown beside `threshold` (in shown steps): with the unit's decimals, unless rounding would show
    /// it equal to a threshold it is not (4.46 ★ reads "4.5 ★" against a 4.5 target it misses) — then with as many
    /// more decimals as it takes to see the difference (at most four). Returns the steps and their decimals.
    pub fn shown_against(self, value: Option<Ratio>, threshold: Option<u64>) -> Option<(u64, u32)> {
        let steps = self.shown(value)?;
        let decimals = self.decimals();
        let (Some(value), Some(threshold)) = (value, threshold) else {
            return Some((steps, decimals));
        };
        if steps != threshold || self.compare(value, threshold) == Ordering::Equal {
            return Some((steps, decimals));
        }
        let in_unit = Ratio::of(value.numerator(), value.denominator() * self.per())?;
        let mut shown = (steps, decimals);
        for extra in 1..=4u32 {
            let finer = in_unit.scaled(self.scale() * 10u64.pow(extra));
            shown = (finer, decimals + extra);
            if finer != threshold * 10u64.pow(extra) {
                break;
            }
        }
        Some(shown)
    }

    /// The exact value against a threshold given in shown steps (94.9999 % is below a 95.0 % target although it
    /// shows as 95.0 %).
    pub fn compare(self, value: Ratio, threshold: u64) -> Ordering {
        let left = u128::from(value.numerator()) * u128::from(self.scale());
        let right =
            u128::from(threshold) * u128::from(value.denominator()) * u128::from(self.per());
        left.cmp(&right)
    }
}

/// Which way is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// How the counted items add up to the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aggregate {
    /// Items in the numerator ÷ items counted (each adds 0 or 1 over 1).
    Share,
    /// Sum of the items' values ÷ items counted.
    Mean,
    /// Items over a base that is not the same items (units sold, engineers).
    Rate,
    /// A total: the sum, over nothing (a period with none is 0, not "no data").
    Sum,
}

/// What a figure can be broken down by (the period is always chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Breakdown {
    Staff,
    Unit,
    Provider,
    Product,
    Kind,
    Channel,
}

slugs!(Breakdown {
    Staff => "Staff",
    Unit => "Unit",
    Provider => "Provider",
    Product => "Product",
    Kind => "Kind",
    Channel => "Channel",
});

/// How a value stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetStanding {
    Met,
    Missed,
    NoTarget,
    NoData,
}

const TICKET_BREAKDOWNS: &[Breakdown] = &Breakdown::ALL;
const SALES_BREAKDOWNS: &[Breakdown] = &[Breakdown::Product];
const COST_BREAKDOWNS: &[Breakdown] = &[
    Breakdown::Unit,
    Breakdown::Staff,
    Breakdown::Provider,
    Breakdown::Product,
];
const UNIT_BREAKDOWNS: &[Breakdown] = &[Breakdown::Unit];
const PEOPLE_BREAKDOWNS: &[Breakdown] = &[Breakdown::Staff, Breakdown::Unit, Breakdown::Provider];

impl Kpi {
    /// The code of docs/requirements.md's table (K1–K13).
    pub fn code(self) -> &'static str {
        match self {
            Kpi::ResponseOnTime | Kpi::ResponseHours => "K1",
            Kpi::Resolution => "K2",
            Kpi::FirstTimeFix | Kpi::RepeatRepair => "K3",
            Kpi::OnTimeCompletion => "K4",
            Kpi::Satisfaction | Kpi::MeanRating => "K5",
            Kpi::BadReviews => "K6",
            Kpi::ComplaintRate | Kpi::ComplaintsPerSales | Kpi::ComplaintOnTime => "K7",
            Kpi::RepairRate | Kpi::ReturnRate => "K8",
            Kpi::ReturningCustomers => "K9",
            Kpi::Accuracy => "K10",
            Kpi::CostPerTicket | Kpi::CostTotal => "K11",
            Kpi::TrainingCompletion | Kpi::Visits => "K12",
            Kpi::Workload => "K13",
            Kpi::SampleConformity => "K14",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Kpi::ResponseHours => Unit::Hours,
            Kpi::MeanRating => Unit::Stars,
            Kpi::ComplaintsPerSales | Kpi::RepairRate | Kpi::ReturnRate => Unit::PercentFine,
            Kpi::CostPerTicket | Kpi::CostTotal => Unit::Fen,
            Kpi::Visits => Unit::Count,
            Kpi::Workload => Unit::PerPerson,
            _ => Unit::Percent,
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Kpi::ResponseHours
            | Kpi::RepeatRepair
            | Kpi::BadReviews
            | Kpi::ComplaintRate
            | Kpi::ComplaintsPerSales
            | Kpi::RepairRate
            | Kpi::ReturnRate
            | Kpi::CostPerTicket
            | Kpi::CostTotal => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    pub fn aggregate(self) -> Aggregate {
        match self {
            Kpi::ResponseHours | Kpi::MeanRating => Aggregate::Mean,
            Kpi::ComplaintsPerSales
            | Kpi::RepairRate
            | Kpi::ReturnRate
            | Kpi::CostPerTicket
            | Kpi::Workload => Aggregate::Rate,
            Kpi::CostTotal | Kpi::Visits => Aggregate::Sum,
            _ => Aggregate::Share,
        }
    }

    /// The seed's target where it gives one (S11, S9), else a usual one; in shown steps (950 = 95.0 %).
    pub fn default_target(self) -> Option<u64> {
        match self {
            Kpi::ResponseOnTime => Some(950),
            Kpi::ResponseHours => Some(240),
            Kpi::Resolution => Some(900),
            Kpi::FirstTimeFix => Some(900),
            Kpi::RepeatRepair => Some(50),
            Kpi::OnTimeCompletion => Some(900),
            Kpi::Satisfaction => Some(950),
            Kpi::MeanRating => Some(45),
            Kpi::BadReviews => Some(30),
            Kpi::ComplaintRate => Some(50),
            Kpi::ComplaintOnTime => Some(1000),
            Kpi::Accuracy => Some(980),
            Kpi::TrainingCompletion => Some(1000),
            Kpi::SampleConformity => Some(950),
            _ => None,
        }
    }

    pub fn breakdowns(self) -> &'static [Breakdown] {
        match self {
            Kpi::ComplaintsPerSales | Kpi::RepairRate | Kpi::ReturnRate => SALES_BREAKDOWNS,
            Kpi::CostPerTicket | Kpi::CostTotal => COST_BREAKDOWNS,
            Kpi::TrainingCompletion => UNIT_BREAKDOWNS,
            Kpi::Workload | Kpi::Visits | Kpi::SampleConformity => PEOPLE_BREAKDOWNS,
            _ => TICKET_BREAKDOWNS,
        }
    }

    /// The change from `previous` to `current` in shown steps (what the tile prints), `None` unless both have data.
    pub fn change(self, current: Option<Ratio>, previous: Option<Ratio>) -> Option<i64> {
        let unit = self.unit();
        let now = unit.shown(current)? as i64;
        let before = unit.shown(previous)? as i64;
        Some(now - before)
    }

    /// Whether a change of `delta` steps is for the better (`None` when there was none).
    pub fn improved(self, delta: i64) -> Option<bool> {
        match (delta.signum(), self.direction()) {
            (0, _) => None,
            (sign, Direction::HigherIsBetter) => Some(sign > 0),
            (sign, Direction::LowerIsBetter) => Some(sign < 0),
        }
    }

    /// Order for a ranking: the better value first (exactly compared), no data last.
    pub fn rank(self, a: Option<Ratio>, b: Option<Ratio>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => match self.direction() {
                Direction::HigherIsBetter => b.compare(&a),
                Direction::LowerIsBetter => a.compare(&b),
            },
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }

    /// How `value` stands against `target` (both exact).
    pub fn standing(self, value: Option<Ratio>, target: Option<u64>) -> TargetStanding {
        let Some(value) = value else {
            return TargetStanding::NoData;
        };
        let Some(target) = target else {
            return TargetStanding::NoTarget;
        };
        let good = match (self.direction(), self.unit().compare(value, target)) {
            (Direction::HigherIsBetter, order) => order != Ordering::Less,
            (Direction::LowerIsBetter, order) => order != Ordering::Greater,
        };
        match good {
            true => TargetStanding::Met,
            false => TargetStanding::Missed,
        }
    }
}

/// The id of the one `KpiSettings` record.
pub const KPI_SETTINGS_ID: super::ids::Id = super::ids::Id::from_u128(0x6b70_1565);

/// The company's targets and the industry averages it compares with (R5.2, S5 第十五条), in shown steps. A KPI
/// not listed keeps its default target and has no industry average.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KpiSettings {
    /// `None` removes the default target.
    pub targets: Vec<(Kpi, Option<u64>)>,
    pub industry: Vec<(Kpi, u64)>,
    /// Below this many items a figure is marked as a small sample (`DEFAULT_MIN_SAMPLE` when not set). Added by
    /// schema 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_sample: Option<u32>,
}

/// A rate over fewer items than this is marked "small sample" unless the settings say otherwise.
pub const DEFAULT_MIN_SAMPLE: u32 = 10;
/// The largest minimum sample the settings take.
pub const MAX_MIN_SAMPLE: u32 = 10_000;

impl KpiSettings {
    pub fn min_sample(&self) -> u32 {
        self.min_sample.unwrap_or(DEFAULT_MIN_SAMPLE)
    }

    /// Whether a figure over `items` (its denominator) is too small a sample to judge by: said beside it, and a
    /// ranking does not colour it good or bad. A figure over nothing has no value at all.
    pub fn small_sample(&self, items: u64) -> bool {
        items > 0 && items < u64::from(self.min_sample())
    }

    pub fn target(&self, kpi: Kpi) -> Option<u64> {
        match self.targets.iter().find(|(k, _)| *k == kpi) {
            Some((_, target)) => *target,
            None => kpi.default_target(),
        }
    }

    pub fn industry(&self, kpi: Kpi) -> Option<u64> {
        self.industry
            .iter()
            .find(|(k, _)| *k == kpi)
            .map(|(_, v)| *v)
    }

    /// With `kpi`'s target set (or removed with `None`).
    pub fn with_target(mut self, kpi: Kpi, target: Option<u64>) -> KpiSettings {
        self.targets.retain(|(k, _)| *k != kpi);
        if target != kpi.default_target() {
            self.targets.push((kpi, target));
            sorting::natural(&mut self.targets);
        }
        self
    }

    pub fn with_industry(mut self, kpi: Kpi, value: Option<u64>) -> KpiSettings {
        self.industry.retain(|(k, _)| *k != kpi);
        if let Some(value) = value {
            self.industry.push((kpi, value));
            sorting::natural(&mut self.industry);
        }
        self
    }
}

/// The targets and industry averages as typed on the settings screen, one `(target, industry)` pair per KPI in
/// the order of `Kpi::ALL`: an empty target means "no target", an empty average "none". A problem is on
/// `Field::Threshold(2 × position)` for a target, `+ 1` for an average.
/// `min_sample` is the smallest sample judged, as typed (empty: the default).
pub fn check_thresholds(typed: &[(String, String)], min_sample: &str) -> Checked<KpiSettings> {
    let mut problems = Problems::default();
    let mut settings = KpiSettings::default();
    match min_sample.trim() {
        "" => {}
        text => match text.parse::<u32>() {
            Ok(n) if n <= MAX_MIN_SAMPLE => {
                settings.min_sample = (n != DEFAULT_MIN_SAMPLE).then_some(n)
            }
            _ => problems.add(
                Field::MinSample,
                Problem::OutOfRange {
                    min: 0,
                    max: i64::from(MAX_MIN_SAMPLE),
                },
            ),
        },
    }
    for (position, (kpi, (target, industry))) in Kpi::ALL.iter().zip(typed).enumerate() {
        let unit = kpi.unit();
        let mut read = |text: &str, field: usize| match text.trim() {
            "" => None,
            text => {
                let steps = parse_threshold(unit, text);
                if steps.is_none() {
                    let decimals = match unit {
                        Unit::Fen => 2,
                        _ => unit.decimals(),
                    };
                    problems.add(Field::Threshold(field), Problem::InvalidNumber { decimals });
                }
                steps
            }
        };
        let target = read(target, 2 * position);
        let industry = read(industry, 2 * position + 1);
        settings = settings
            .with_target(*kpi, target)
            .with_industry(*kpi, industry);
    }
    problems.finish(|| settings)
}

/// Reads a threshold as typed ("95", "95.5", "4.5") into shown steps of `unit`; `None` if it is not a number
/// with at most the unit's decimals.
pub fn parse_threshold(unit: Unit, text: &str) -> Option<u64> {
    if unit == Unit::Fen {
        // Money is typed in yuan, with up to two decimals: the steps are fen.
        return super::money::Fen::parse_yuan(text).and_then(|fen| u64::try_from(fen.0).ok());
    }
    let text = text.trim().trim_end_matches('%').trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let decimals = unit.decimals() as usize;
    let valid = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.len() <= decimals
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        return None;
    }
    let fraction = format!("{fraction:0<decimals$}");
    let whole: u64 = whole.parse().ok()?;
    let fraction: u64 = match fraction.is_empty() {
        true => 0,
        false => fraction.parse().ok()?,
    };
    whole
        .checked_mul(10u64.pow(unit.decimals()))?
        .checked_add(fraction)
}
