//! Assessment schemes (R6.1, R6.2): who is assessed how often on which weighted indicators.
//!
//! Owns: `Scheme` (positions, optional pilot units, cadence, the indicator sheet, the 360° weights, the grade scale
//! and what each grade leads to), `Indicator` (dimension, name, weight, target, rule, source), the check of an
//! edited scheme — weights total exactly 100 % or it is refused with the total there is — and the schemes the seed
//! describes, built in. Must not: score anything (that is `sheet`) or store itself (the dataset does).

use serde::{Deserialize, Serialize};

use super::composite::RaterWeights;
use super::exact::{Exact, Shown, Weight};
use super::grade::GradeScale;
use super::outcome::{BandOutcome, OutcomeRules};
use super::rule::{Rule, ScoreBand};
use crate::domain::error::{Checked, Field, Problem, Problems};
use crate::domain::ids::Id;
use crate::domain::kpi::Kpi;
use crate::domain::org::Position;

/// How often a scheme assesses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cadence {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// Where an indicator's entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// The KPI engine, for the person and the period: the figure (or, for a deduction, how many it counted).
    Kpi(Kpi),
    /// Typed in by the direct superior on the 工作业绩评估表.
    Manual,
    /// Scored by the raters on the 综合能力评估表 and combined 360° (superior, peers, subordinates).
    Raters,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Indicator {
    /// The dimension it belongs to (个人业绩, 工作能力, …): a heading on the forms.
    pub dimension: String,
    pub name: String,
    pub weight: Weight,
    /// In the KPI's unit as shown (95 for 95 %), for rules that compare with one.
    pub target: Option<Exact>,
    pub rule: Rule,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scheme {
    pub name: String,
    pub cadence: Cadence,
    /// The year's result is the arithmetic mean of this scheme's quarters (S21 第12条).
    pub yearly_from_quarters: bool,
    pub positions: Vec<Position>,
    /// Only staff of these org units (and below) — the seed's pilot regions; empty: everyone in the positions.
    pub units: Vec<Id>,
    pub indicators: Vec<Indicator>,
    pub raters: RaterWeights,
    pub grades: GradeScale,
    /// What each grade leads to, one per band in the scale's order; `None`: the seed's rules
    /// (`OutcomeRules::default_for`) — the built-in schemes, and schemes saved before outcomes were editable.
    #[serde(default)]
    pub outcomes: Option<OutcomeRules>,
}

impl Scheme {
    /// The sum of the indicators' weights.
    pub fn total_weight(&self) -> Weight {
        Weight::total(self.indicators.iter().map(|i| i.weight))
    }

    /// The scheme as it may be saved: a name, at least one position, indicators named (distinctly within their
    /// dimension), each weighing something, with a target where its rule compares with one, rater indicators
    /// scored by hand, and the weights totalling exactly 100 % — refused otherwise with the total there is
    /// (for example "权重合计必须为100%，当前为95%").
    pub fn check(self) -> Checked<Scheme> {
        let mut problems = Problems::default();
        if crate::domain::text::is_blank(&self.name) {
            problems.add(Field::Name, Problem::Required);
        }
        if self.positions.is_empty() {
            problems.add(Field::Position, Problem::Required);
        }
        if self.indicators.is_empty() {
            problems.add(Field::Weights, Problem::Required);
        }
        for (at, indicator) in self.indicators.iter().enumerate() {
            let field = Field::Indicator(at);
            if crate::domain::text::is_blank(&indicator.name) {
                problems.add(field, Problem::Required);
            } else if self.indicators[..at].iter().any(|other| {
                other.name.trim() == indicator.name.trim()
                    && other.dimension.trim() == indicator.dimension.trim()
            }) {
                problems.add(field, Problem::DuplicateName);
            }
            if indicator.weight == Weight(0) {
                problems.add(field, Problem::WeightZero);
            }
            if indicator.rule.needs_target() && indicator.target.is_none_or(|t| t.is_zero()) {
                problems.add(field, Problem::TargetRequired);
            }
            match (&indicator.source, &indicator.rule) {
                (Source::Raters, rule) if !rule.is_manual() => {
                    problems.add(field, Problem::RatersScoreByHand)
                }
                (Source::Kpi(_), rule) if rule.is_manual() => {
                    problems.add(field, Problem::KpiNotTyped)
                }
                _ => {}
            }
            if let Some(problem) = rule_problem(&indicator.rule) {
                problems.add(field, problem);
            }
        }
        if let Some(rules) = &self.outcomes {
            if rules.by_band.len() != self.grades.bands().len() {
                problems.add(Field::Grades, Problem::OutcomePerGrade);
            }
            for (at, outcome) in rules.by_band.iter().enumerate() {
                if outcome.bonus > OutcomeRules::MAX_BONUS {
                    problems.add(Field::Outcome(at), Problem::BonusAboveMax);
                }
            }
        }
        let total = self.total_weight();
        if !self.indicators.is_empty() && total != Weight::WHOLE {
            problems.add(Field::Weights, Problem::WeightsTotal { total: total.0 });
        }
        problems.finish(|| self)
    }

    /// What each grade leads to: the scheme's own rules, or the seed's.
    pub fn outcome_rules(&self) -> OutcomeRules {
        match &self.outcomes {
            Some(rules) => rules.clone(),
            None => OutcomeRules::default_for(&self.grades),
        }
    }

    /// What a score (as shown) leads to.
    pub fn outcome(&self, score: Shown) -> Option<BandOutcome> {
        self.outcome_rules()
            .by_band
            .get(self.grades.rank(score))
            .cloned()
    }

    /// Whether the scheme uses raters (then the cycle issues 综合能力评估表).
    pub fn has_raters(&self) -> bool {
        self.has_source(Source::Raters)
    }

    /// Whether any indicator takes its score from `source` (a paper form lists only its own indicators: the
    /// 工作业绩评估表 the manual ones, the 综合能力评估表 the rated ones).
    pub fn has_source(&self, source: Source) -> bool {
        self.indicators.iter().any(|i| i.source == source)
    }
}

/// What is wrong with a rule's own numbers, if anything.
fn rule_problem(rule: &Rule) -> Option<Problem> {
    match rule {
        Rule::Proportional { cap } | Rule::Inverse { cap } if *cap < Exact::HUNDRED => {
            Some(Problem::CapBelow100)
        }
        Rule::Banded { bands, .. } if bands.is_empty() => Some(Problem::Required),
        Rule::Banded { bands, .. } if bands.iter().any(|b| b.score > Exact::HUNDRED) => {
            Some(Problem::ScoreAbove100)
        }
        Rule::Deduction { full, floor, .. } if floor > full || *full > Exact::HUNDRED => {
            Some(Problem::FloorAboveFull)
        }
        Rule::Manual { reason_below } if *reason_below > Exact::HUNDRED => {
            Some(Problem::ScoreAbove100)
        }
        _ => None,
    }
}

fn indicator(
    dimension: &str,
    name: &str,
    weight: u32,
    source: Source,
    rule: Rule,
    target: Option<u64>,
) -> Indicator {
    Indicator {
        dimension: dimension.to_string(),
        name: name.to_string(),
        weight: Weight::percent(weight),
        target: target.map(Exact::whole),
        rule,
        source,
    }
}

fn manual(dimension: &str, name: &str, weight: u32) -> Indicator {
    indicator(
        dimension,
        name,
        weight,
        Source::Manual,
        Rule::manual(),
        None,
    )
}

fn rated(dimension: &str, name: &str, weight: u32) -> Indicator {
    indicator(
        dimension,
        name,
        weight,
        Source::Raters,
        Rule::manual(),
        None,
    )
}

fn kpi(dimension: &str, name: &str, weight: u32, kpi: Kpi, target: u64) -> Indicator {
    indicator(
        dimension,
        name,
        weight,
        Source::Kpi(kpi),
        Rule::proportional(),
        Some(target),
    )
}

fn scheme(
    name: &str,
    cadence: Cadence,
    positions: &[Position],
    grades: GradeScale,
    indicators: Vec<Indicator>,
) -> Scheme {
    Scheme {
        name: name.to_string(),
        cadence,
        yearly_from_quarters: cadence == Cadence::Quarterly,
        positions: positions.to_vec(),
        units: Vec::new(),
        indicators,
        raters: RaterWeights::default(),
        grades,
        outcomes: None,
    }
}

/// The schemes the seed describes (R6.1), each a valid sheet; where the seed names dimensions but no weights, the
/// weights are ours and say so in nothing but being editable.
pub fn built_in() -> Vec<Scheme> {
    const BUSINESS: &str = "部门目标";
    const OPERATIONS: &str = "部门营运绩效";
    const MANAGEMENT: &str = "管理绩效";
    const RESULTS: &str = "个人业绩";
    const ABILITY: &str = "工作能力";
    const ATTITUDE: &str = "工作态度";
    let bad_reviews = Rule::Deduction {
        full: Exact::HUNDRED,
        per: Exact::whole(20),
        floor: Exact::ZERO,
    };
    let repeat_repairs = Rule::Banded {
        higher_is_better: false,
        bands: [(2, 100), (5, 80), (10, 60)]
            .into_iter()
            .map(|(bound, score)| ScoreBand {
                bound: Exact::whole(bound),
                score: Exact::whole(score),
            })
            .collect(),
        otherwise: Exact::ZERO,
    };
    vec![
        // S21 第11条, S14: the manager, yearly, on the department's targets, operations and management.
        scheme(
            "售后服务经理 年度考核",
            Cadence::Yearly,
            &[Position::Manager],
            GradeScale::four_levels(),
            vec![
                kpi(BUSINESS, "客户满意度", 20, Kpi::Satisfaction, 95),
                kpi(BUSINESS, "问题解决率", 10, Kpi::Resolution, 98),
                kpi(BUSINESS, "投诉处理及时率", 10, Kpi::ComplaintOnTime, 100),
                kpi(OPERATIONS, "响应及时率", 10, Kpi::ResponseOnTime, 100),
                kpi(OPERATIONS, "一次修复率", 10, Kpi::FirstTimeFix, 90),
                manual(OPERATIONS, "成本控制", 10),
                kpi(
                    MANAGEMENT,
                    "培训计划完成率",
                    10,
                    Kpi::TrainingCompletion,
                    100,
                ),
                rated(MANAGEMENT, "团队管理", 20),
            ],
        ),
        // S8: the department head's sheet, 40/15/15/10/20.
        scheme(
            "部门负责人 月度考核",
            Cadence::Monthly,
            &[Position::Manager],
            GradeScale::default(),
            vec![
                manual("部门量化指标", "部门可量化的关键业绩指标", 40),
                manual("部门非量化指标", "部门非量化的重要指标", 15),
                manual("追加目标和任务", "工作中的追加目标和任务", 15),
                manual("部门管理与改进", "部门管理与改进状况", 10),
                kpi(
                    "培训管理",
                    "培训计划完成率",
                    20,
                    Kpi::TrainingCompletion,
                    100,
                ),
            ],
        ),
        // S3 第12条, S21 第11–12条: supervisors and specialists, quarterly; the year is the quarters' mean.
        scheme(
            "售后服务主管/专员 季度考核",
            Cadence::Quarterly,
            &[Position::Supervisor, Position::Specialist],
            GradeScale::default(),
            vec![
                kpi(RESULTS, "问题解决率", 20, Kpi::Resolution, 98),
                kpi(RESULTS, "客户满意度", 20, Kpi::Satisfaction, 95),
                manual(RESULTS, "工作目标完成情况", 20),
                rated(ABILITY, "专业能力", 10),
                rated(ABILITY, "沟通协调", 10),
                rated(ATTITUDE, "责任心", 10),
                rated(ATTITUDE, "团队合作", 10),
            ],
        ),
        // S5: the home-appliance engineer, monthly, on attitude, skill, efficiency and satisfaction.
        scheme(
            "家电售后工程师 月度考核",
            Cadence::Monthly,
            &[Position::Engineer],
            GradeScale::default(),
            vec![
                manual("服务态度", "服务态度", 20),
                kpi("服务技能", "一次修复率", 10, Kpi::FirstTimeFix, 90),
                indicator(
                    "服务技能",
                    "重复维修率",
                    10,
                    Source::Kpi(Kpi::RepeatRepair),
                    repeat_repairs,
                    None,
                ),
                kpi("服务效率", "响应及时率", 15, Kpi::ResponseOnTime, 100),
                kpi("服务效率", "完工及时率", 15, Kpi::OnTimeCompletion, 95),
                kpi("客户满意度", "客户满意度", 20, Kpi::Satisfaction, 95),
                indicator(
                    "客户满意度",
                    "差评",
                    10,
                    Source::Kpi(Kpi::BadReviews),
                    bad_reviews,
                    None,
                ),
            ],
        ),
        // S20: customer-service agents, quarterly and yearly; attitude, ability, performance, teamwork.
        scheme(
            "客服 季度考核",
            Cadence::Quarterly,
            &[Position::CustomerService],
            GradeScale::default(),
            vec![
                kpi("工作业绩", "响应及时率", 20, Kpi::ResponseOnTime, 100),
                kpi("工作业绩", "客户满意度", 20, Kpi::Satisfaction, 95),
                rated(ATTITUDE, "服务态度", 20),
                rated(ABILITY, "业务能力", 20),
                rated("团队协作", "团队协作", 20),
            ],
        ),
        // S2 3.2: the semi-annual skills exam, five levels.
        scheme(
            "技能考试 半年",
            Cadence::HalfYearly,
            &[
                Position::Engineer,
                Position::Specialist,
                Position::CustomerService,
            ],
            GradeScale::five_levels(),
            vec![manual("技能考试", "技能考试成绩", 100)],
        ),
    ]
}
