//! The standards self-assessment's score (R8.2, S19 售后服务评价指标和评分要求, mirroring GB/T 27922): what each
//! clause earns from its finding, the result over the applicable points, the special deductions and bonus outside
//! it, and the band (conforming, three to five stars).
//!
//! Owns: the standard's structure (`Group`, `Indicator`), `Finding` (conforming, not, sampled, not applicable),
//! `Special` (a deduction or the bonus, with its reason), `score`, `group_scores` and `Band`. Must not: hold the checklist's clauses as records or their text (the checklist's own module
//! does), read the sampling audit (a sampled finding arrives here as its two counts), or round: every figure is
//! `Exact` until it is shown.

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::assessment::exact::Exact;
use super::error::{Field, Problem, Problems};

/// The three groups of GB/T 27922's evaluation (R8.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// 售后服务体系.
    ServiceSystem,
    /// 商品服务.
    ProductService,
    /// 顾客服务.
    CustomerService,
}

slugs!(Group {
    ServiceSystem => "ServiceSystem",
    ProductService => "ProductService",
    CustomerService => "CustomerService",
});

/// The standard's indicators, each in one group; a checklist clause belongs to one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 组织架构.
    Organisation,
    /// 人员配置.
    Staffing,
    /// 资源配置.
    Resources,
    /// 规范要求.
    Norms,
    /// 监督.
    Supervision,
    /// 改进.
    Improvement,
    /// 服务文化.
    ServiceCulture,
    /// 商品信息.
    ProductInformation,
    /// 技术支持.
    TechnicalSupport,
    /// 配送.
    Delivery,
    /// 维修.
    Repair,
    /// 质量保证.
    QualityAssurance,
    /// 废弃商品回收.
    Recycling,
    /// 顾客关系.
    CustomerRelations,
    /// 投诉处理.
    ComplaintHandling,
}

slugs!(Indicator {
    Organisation => "Organisation",
    Staffing => "Staffing",
    Resources => "Resources",
    Norms => "Norms",
    Supervision => "Supervision",
    Improvement => "Improvement",
    ServiceCulture => "ServiceCulture",
    ProductInformation => "ProductInformation",
    TechnicalSupport => "TechnicalSupport",
    Delivery => "Delivery",
    Repair => "Repair",
    QualityAssurance => "QualityAssurance",
    Recycling => "Recycling",
    CustomerRelations => "CustomerRelations",
    ComplaintHandling => "ComplaintHandling",
});

impl Indicator {
    pub fn group(self) -> Group {
        use Indicator::*;
        match self {
            Organisation | Staffing | Resources | Norms | Supervision | Improvement
            | ServiceCulture => Group::ServiceSystem,
            ProductInformation | TechnicalSupport | Delivery | Repair | QualityAssurance
            | Recycling => Group::ProductService,
            CustomerRelations | ComplaintHandling => Group::CustomerService,
        }
    }
}

/// What the assessor found for one clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Finding {
    /// Meets the requirement: all its points.
    Conforming,
    /// Does not: none of its points.
    NotConforming,
    /// A clause checked on a sample (staff qualification, service records, complaint resolution): its points less
    /// the non-conforming share of the sample.
    Sampled { checked: u32, not_conforming: u32 },
    /// Does not apply to this business: left out of the total altogether.
    NotApplicable,
}

impl Finding {
    /// The points a clause worth `points` earns; `None` when it does not count (not applicable), or when a sample
    /// is empty or names more non-conforming items than it checked (`check_findings` refuses those).
    pub fn earned(self, points: Exact) -> Option<Exact> {
        match self {
            Finding::Conforming => Some(points),
            Finding::NotConforming => Some(Exact::ZERO),
            Finding::Sampled {
                checked,
                not_conforming,
            } if checked > 0 && not_conforming <= checked => {
                let conforming =
                    Exact::ratio(u128::from(checked - not_conforming), u128::from(checked))?;
                Some(points * conforming)
            }
            Finding::Sampled { .. } | Finding::NotApplicable => None,
        }
    }
}

/// A point taken off or given outside the clauses' result, always with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Special {
    /// One point off (a finding the clauses do not cover, such as a serious complaint in the period).
    Deduction { reason: String },
    /// One point on, at most once (an achievement beyond the standard).
    Bonus { reason: String },
}

/// Where a result stands (R8.2): below 70 the self-assessment does not conform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    NotConforming,
    /// ≥ 70.
    Conforming,
    /// ≥ 80: ★★★.
    ThreeStars,
    /// ≥ 90: ★★★★.
    FourStars,
    /// ≥ 95: ★★★★★.
    FiveStars,
}

impl Band {
    /// The band of a final result.
    pub fn of(result: Exact) -> Band {
        let at_least = |bound: u64| result >= Exact::whole(bound);
        match () {
            _ if at_least(95) => Band::FiveStars,
            _ if at_least(90) => Band::FourStars,
            _ if at_least(80) => Band::ThreeStars,
            _ if at_least(70) => Band::Conforming,
            _ => Band::NotConforming,
        }
    }

    /// How many stars the band carries (0 for conforming and below).
    pub fn stars(self) -> u8 {
        match self {
            Band::FiveStars => 5,
            Band::FourStars => 4,
            Band::ThreeStars => 3,
            Band::Conforming | Band::NotConforming => 0,
        }
    }
}

/// A self-assessment's score, each figure exact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    /// Points earned by the applicable clauses.
    pub earned: Exact,
    /// Points of the applicable clauses (not-applicable ones left out).
    pub applicable: Exact,
    /// earned ÷ applicable × 100; `None` when no clause applies.
    pub result: Option<Exact>,
    pub deductions: u32,
    pub bonus: bool,
    /// The result less the deductions (not below 0) plus the bonus: what the band is read from.
    pub total: Option<Exact>,
    pub band: Option<Band>,
}

/// The score of `clauses` (each clause's points and finding) with the `specials` outside them. The specials are
/// assumed checked (`check_specials`): a second bonus would count once.
pub fn score(clauses: &[(Exact, Finding)], specials: &[Special]) -> Score {
    let (earned, applicable) = clauses.iter().fold(
        (Exact::ZERO, Exact::ZERO),
        |(earned, applicable), (points, finding)| match finding.earned(*points) {
            Some(got) => (earned + got, applicable + *points),
            None => (earned, applicable),
        },
    );
    let result = earned
        .checked_div(applicable)
        .map(|share| share * Exact::HUNDRED);
    let deductions = specials
        .iter()
        .filter(|s| matches!(s, Special::Deduction { .. }))
        .count() as u32;
    let bonus = specials.iter().any(|s| matches!(s, Special::Bonus { .. }));
    let total = result.map(|result| {
        let less = result.saturating_sub(Exact::whole(u64::from(deductions)));
        match bonus {
            true => less + Exact::whole(1),
            false => less,
        }
    });
    Score {
        earned,
        applicable,
        result,
        deductions,
        bonus,
        band: total.map(Band::of),
        total,
    }
}

/// The findings as entered: a sample must have checked something, and cannot find more non-conforming items than
/// it checked. A problem names the clause by its place (`Field::Line`).
pub fn check_findings(findings: &[Finding], problems: &mut Problems) {
    for (index, finding) in findings.iter().enumerate() {
        if let Finding::Sampled {
            checked,
            not_conforming,
        } = *finding
        {
            if checked == 0 {
                problems.add(Field::Line(index), Problem::Required);
            } else if not_conforming > checked {
                problems.add(
                    Field::Line(index),
                    Problem::OutOfRange {
                        min: 0,
                        max: i64::from(checked),
                    },
                );
            }
        }
    }
}

/// The specials as entered: each with a reason, and at most one bonus point.
pub fn check_specials(specials: &[Special], problems: &mut Problems) {
    let mut bonuses = 0;
    for (index, special) in specials.iter().enumerate() {
        let reason = match special {
            Special::Deduction { reason } => reason,
            Special::Bonus { reason } => {
                bonuses += 1;
                if bonuses > 1 {
                    problems.add(Field::Line(index), Problem::OneSpecialBonus);
                }
                reason
            }
        };
        if reason.trim().is_empty() {
            problems.add(Field::Line(index), Problem::Required);
        }
    }
}

/// Each group's own score (its clauses only, no specials: those belong to the whole), in the standard's order;
/// a group with no clause is left out.
pub fn group_scores(clauses: &[(Indicator, Exact, Finding)]) -> Vec<(Group, Score)> {
    Group::ALL
        .into_iter()
        .filter_map(|group| {
            let own: Vec<(Exact, Finding)> = clauses
                .iter()
                .filter(|(indicator, _, _)| indicator.group() == group)
                .map(|(_, points, finding)| (*points, *finding))
                .collect();
            (!own.is_empty()).then(|| (group, score(&own, &[])))
        })
        .collect()
}
