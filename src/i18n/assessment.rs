//! Words for performance assessment (R6): stages, whose move it is, steps, refusals, and every score's explanation —
//! the rule applied, the 360° composite with the fallback used, the weight and contribution, the rounding and the
//! grade band — in the user's language.
//!
//! Owns: only wording. Must not: compute (the domain's results are passed in) or name a rater (only means are).

use super::Lang;
use crate::domain::assessment::board::Waiting;
use crate::domain::assessment::composite::{Composite, Fallback};
use crate::domain::assessment::cycle::{
    ApprovalStep, AssessmentRefusal, CyclePeriod, Relation, ScoreSource, Stage,
};
use crate::domain::assessment::exact::{Exact, Shown};
use crate::domain::assessment::grade::{Band, GradeScale};
use crate::domain::assessment::moves::Move;
use crate::domain::assessment::outcome::{BandOutcome, SalaryProposal};
use crate::domain::assessment::rule::{RuleError, ScoreBasis};
use crate::domain::assessment::scheme::{Cadence, Indicator};
use crate::domain::assessment::sheet::{How, IndicatorResult, SheetResult};
use crate::domain::error::Problem;

pub fn cadence_name(lang: Lang, cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Monthly => lang.pick("月度", "Monthly"),
        Cadence::Quarterly => lang.pick("季度", "Quarterly"),
        Cadence::HalfYearly => lang.pick("半年度", "Half-yearly"),
        Cadence::Yearly => lang.pick("年度", "Yearly"),
    }
}

pub fn approval_step_name(lang: Lang, step: ApprovalStep) -> &'static str {
    match step {
        ApprovalStep::Superior => lang.pick("上级主管", "Direct superior"),
        ApprovalStep::DepartmentManager => lang.pick("职能部门经理", "Department manager"),
        ApprovalStep::HrDirector => lang.pick("人力资源总监", "HR director"),
        ApprovalStep::GeneralManager => lang.pick("总经理", "General manager"),
    }
}

pub fn relation_name(lang: Lang, relation: Relation) -> &'static str {
    match relation {
        Relation::Superior => lang.pick("上级", "Superior"),
        Relation::Peer => lang.pick("同级", "Peers"),
        Relation::Subordinate => lang.pick("下级", "Subordinates"),
    }
}

pub fn stage_name(lang: Lang, stage: Stage) -> String {
    match stage {
        Stage::Planning => lang
            .pick("填写工作目标计划表", "Writing the target plan")
            .into(),
        Stage::PlanAwaitingApproval => lang.pick("计划待上级审核", "Plan awaiting approval").into(),
        Stage::PlanApproved => lang
            .pick("计划待人力资源备案", "Plan awaiting filing")
            .into(),
        Stage::Scoring => lang.pick("评估打分中", "Forms being scored").into(),
        Stage::Approving(step) => match lang {
            Lang::Zh => format!("待{}审批", approval_step_name(lang, step)),
            Lang::En => format!(
                "Awaiting the {}",
                in_sentence(approval_step_name(lang, step))
            ),
        },
        Stage::Approved => lang
            .pick("已审批，待公示", "Approved, to be published")
            .into(),
        Stage::Published => lang.pick("已公示", "Published").into(),
        Stage::Appealed => lang.pick("申诉中", "Under appeal").into(),
        Stage::Decided => lang.pick("申诉已裁定", "Appeal decided").into(),
        Stage::Archived => lang.pick("已归档", "Archived").into(),
    }
}

/// A form or decision waiting for someone, as their list of things to do names it.
pub fn move_name(lang: Lang, step: Move) -> String {
    match step {
        Move::WritePlan => lang
            .pick("填写工作目标计划表", "Write the target plan")
            .into(),
        Move::AdjustPlan => lang.pick("调整工作目标", "Adjust the plan").into(),
        Move::ReviewPlan => lang
            .pick("审核工作目标计划表", "Review the target plan")
            .into(),
        Move::FilePlan => lang.pick("计划备案", "File the plan").into(),
        Move::AssignRaters => lang.pick("调整评估人", "Change the raters").into(),
        Move::ScorePerformance => lang
            .pick("填写工作业绩评估表", "Score the performance form")
            .into(),
        Move::Rate(relation) => match lang {
            Lang::Zh => format!("填写综合能力评估表（{}评）", relation_name(lang, relation)),
            Lang::En => format!(
                "Fill in the ability form (as {})",
                in_sentence(relation_name(lang, relation))
            ),
        },
        Move::Compile => lang
            .pick("汇总绩效考核结果处理表", "Compile the result form")
            .into(),
        Move::Approve(step) => match lang {
            Lang::Zh => format!("审批（{}）", approval_step_name(lang, step)),
            Lang::En => format!(
                "Approve (as {})",
                in_sentence(approval_step_name(lang, step))
            ),
        },
        Move::Publish => lang.pick("公示结果", "Publish the result").into(),
        Move::Appeal => lang.pick("提出申诉", "Appeal").into(),
        Move::DecideAppeal => lang.pick("裁定申诉", "Decide the appeal").into(),
        Move::Archive => lang.pick("归档", "Archive").into(),
        Move::OpenCorrection => lang.pick("开立更正版本", "Open a correction").into(),
    }
}

/// A cycle's period: "2026年第3季度", "2026 Q3".
pub fn period_name(lang: Lang, cadence: Cadence, period: CyclePeriod) -> String {
    let (year, part) = (period.year, period.part);
    match (lang, cadence) {
        (Lang::Zh, Cadence::Monthly) => format!("{year}年{part}月"),
        (Lang::Zh, Cadence::Quarterly) => format!("{year}年第{part}季度"),
        (Lang::Zh, Cadence::HalfYearly) => {
            format!("{year}年{}", if part == 1 { "上半年" } else { "下半年" })
        }
        (Lang::Zh, Cadence::Yearly) => format!("{year}年度"),
        (Lang::En, Cadence::Monthly) => format!("{year}-{part:02}"),
        (Lang::En, Cadence::Quarterly) => format!("{year} Q{part}"),
        (Lang::En, Cadence::HalfYearly) => format!("{year} H{part}"),
        (Lang::En, Cadence::Yearly) => format!("{year}"),
    }
}

pub fn waiting_name(lang: Lang, waiting: Waiting) -> String {
    match waiting {
        Waiting::Person => lang.pick("被考核人", "The person assessed").into(),
        Waiting::Superior => lang.pick("直接上级", "The direct superior").into(),
        Waiting::Forms => lang
            .pick("评估人填表 / 人力资源汇总", "Raters' forms, then HR")
            .into(),
        Waiting::Approver(step) => approval_step_name(lang, step).into(),
        Waiting::HumanResources => lang.pick("人力资源部", "HR").into(),
        Waiting::AppealWindow => lang.pick("申诉期内", "Appeal window open").into(),
        Waiting::Committee => lang.pick("考核委员会", "The committee").into(),
        Waiting::Nobody => lang.pick("—", "—").into(),
    }
}

pub fn refusal_text(lang: Lang, refusal: &AssessmentRefusal) -> String {
    match refusal {
        AssessmentRefusal::NotNow(stage) => match lang {
            Lang::Zh => format!("当前阶段（{}）不能进行此操作", stage_name(lang, *stage)),
            Lang::En => format!("Not possible at this stage ({})", stage_name(lang, *stage)),
        },
        AssessmentRefusal::Opening => lang
            .pick("考核只能开启一次", "An assessment is opened once")
            .into(),
        AssessmentRefusal::TextRequired => lang
            .pick("请填写内容或理由", "Write the goals or the reason")
            .into(),
        AssessmentRefusal::NoSuchIndicator(at) => match lang {
            Lang::Zh => format!("第 {} 项指标不在此表中", at + 1),
            Lang::En => format!("Indicator {} is not on this form", at + 1),
        },
        AssessmentRefusal::Incomplete(at) => match lang {
            Lang::Zh => format!("第 {} 项指标尚未评分", at + 1),
            Lang::En => format!("Indicator {} has no score yet", at + 1),
        },
        AssessmentRefusal::ScoreAbove100 => super::problem(lang, &Problem::ScoreAbove100),
        AssessmentRefusal::WrongStep(due) => match lang {
            Lang::Zh => format!("当前应由{}审批", approval_step_name(lang, *due)),
            Lang::En => format!(
                "The {} approves now",
                in_sentence(approval_step_name(lang, *due))
            ),
        },
        AssessmentRefusal::NotARater => lang
            .pick(
                "您不是此表的评估人",
                "You are not asked to rate on this form",
            )
            .into(),
        AssessmentRefusal::AppealClosed { .. } => lang
            .pick("申诉期已过", "The appeal window has closed")
            .into(),
        AssessmentRefusal::Archived => lang
            .pick(
                "已归档，不能修改；如需更正请新建更正版本",
                "Archived: it cannot change; open a correction",
            )
            .into(),
    }
}

/// How a rule turned the entry into a score, with the arithmetic.
pub fn applied_text(lang: Lang, applied: &ScoreBasis, score: Exact) -> String {
    let zh = lang == Lang::Zh;
    let capped = |capped: bool| match capped {
        false => "",
        true => lang.pick("（封顶）", " (capped)"),
    };
    match applied {
        ScoreBasis::Proportional {
            value,
            target,
            capped: c,
        } => match zh {
            true => format!(
                "实际 {value} ÷ 目标 {target} × 100 = {score} 分{}",
                capped(*c)
            ),
            false => format!(
                "actual {value} ÷ target {target} × 100 = {score}{}",
                capped(*c)
            ),
        },
        ScoreBasis::Inverse {
            value,
            target,
            capped: c,
        } => match zh {
            true => format!(
                "目标 {target} ÷ 实际 {value} × 100 = {score} 分（越低越好）{}",
                capped(*c)
            ),
            false => format!(
                "target {target} ÷ actual {value} × 100 = {score} (lower is better){}",
                capped(*c)
            ),
        },
        ScoreBasis::Banded {
            value,
            band: Some(at),
        } => match zh {
            true => format!("实际 {value}，落在第 {} 档：{score} 分", at + 1),
            false => format!("actual {value}, band {}: {score}", at + 1),
        },
        ScoreBasis::Banded { value, band: None } => match zh {
            true => format!("实际 {value}，未达任何档：{score} 分"),
            false => format!("actual {value}, no band reached: {score}"),
        },
        ScoreBasis::Deduction {
            occurrences,
            floored,
        } => {
            let floor = if *floored {
                lang.pick("（保底）", " (the floor)")
            } else {
                ""
            };
            match zh {
                true => format!("{occurrences} 次扣分后 {score} 分{floor}"),
                false => format!("{score} after {occurrences} deduction(s){floor}"),
            }
        }
        ScoreBasis::Manual { reason } => match (zh, reason.is_empty()) {
            (true, true) => format!("评分 {score}"),
            (true, false) => format!("评分 {score}（理由：{reason}）"),
            (false, true) => format!("scored {score}"),
            (false, false) => format!("scored {score} (reason: {reason})"),
        },
        ScoreBasis::PassFail { met } => match met {
            true => lang.pick("达标：100 分", "met: 100").into(),
            false => lang.pick("未达标：0 分", "not met: 0").into(),
        },
    }
}

/// The 360° composite: each group's mean, the weights used and which situation decided them. Means only — who gave
/// which score is never shown.
pub fn composite_text(lang: Lang, composite: &Composite) -> String {
    let (w_superior, w_peer, w_subordinate) = composite.weights;
    let mut parts = vec![(
        Relation::Superior,
        Some(composite.superior_mean),
        w_superior,
    )];
    parts.push((Relation::Peer, composite.peer_mean, w_peer));
    parts.push((
        Relation::Subordinate,
        composite.subordinate_mean,
        w_subordinate,
    ));
    let terms: Vec<String> = parts
        .into_iter()
        .filter_map(|(relation, mean, weight)| {
            mean.map(|mean| {
                let name = relation_name(lang, relation);
                match lang {
                    Lang::Zh => format!("{name}平均 {mean} × {weight}"),
                    Lang::En => format!("{} mean {mean} × {weight}", name.to_lowercase()),
                }
            })
        })
        .collect();
    let situation = match (composite.fallback, lang) {
        (Fallback::AllThree, Lang::Zh) => "上级、同级、下级均有评分",
        (Fallback::AllThree, Lang::En) => "superior, peers and subordinates rated",
        (Fallback::NoPeers, Lang::Zh) => "无同级：上级与下级加权",
        (Fallback::NoPeers, Lang::En) => "no peers: superior and subordinates",
        (Fallback::NoSubordinates, Lang::Zh) => "无下级：上级与同级加权",
        (Fallback::NoSubordinates, Lang::En) => "no subordinates: superior and peers",
        (Fallback::SuperiorOnly, Lang::Zh) => "无同级和下级：仅上级评分",
        (Fallback::SuperiorOnly, Lang::En) => "no peers or subordinates: the superior alone",
    };
    match lang {
        Lang::Zh => format!("{} = {}（{situation}）", terms.join(" + "), composite.value),
        Lang::En => format!("{} = {} ({situation})", terms.join(" + "), composite.value),
    }
}

pub fn rule_error_text(lang: Lang, error: &RuleError) -> String {
    match error {
        RuleError::NoTarget => lang.pick("缺少目标值", "No target").into(),
        RuleError::WrongEntry => lang
            .pick(
                "录入的内容与评分规则不符",
                "The entry does not fit the rule",
            )
            .into(),
        RuleError::ScoreAbove100 => super::problem(lang, &Problem::ScoreAbove100),
        RuleError::ReasonRequired { below } => match lang {
            Lang::Zh => format!("低于 {below} 分须填写理由"),
            Lang::En => format!("A score below {below} needs a reason"),
        },
    }
}

/// One indicator's line: how it was scored, its weight and what it adds.
pub fn indicator_line(lang: Lang, indicator: &Indicator, result: &IndicatorResult) -> String {
    let how = match (&result.how, result.score) {
        (How::Rule(applied), Some(score)) => applied_text(lang, applied, score),
        (How::Raters(composite), _) => composite_text(lang, composite),
        (How::Refused(error), _) => rule_error_text(lang, error),
        _ => lang.pick("尚未评分", "not scored yet").into(),
    };
    match (result.contribution, lang) {
        (Some(added), Lang::Zh) => format!(
            "{}：{how}；× 权重 {} = {added}",
            indicator.name, indicator.weight
        ),
        (Some(added), Lang::En) => format!(
            "{}: {how}; × weight {} = {added}",
            indicator.name, indicator.weight
        ),
        (None, Lang::Zh) => format!("{}：{how}", indicator.name),
        (None, Lang::En) => format!("{}: {how}", indicator.name),
    }
}

/// The total, its one rounding and the grade band it falls in on `scale`.
pub fn total_line(lang: Lang, result: &SheetResult, scale: &GradeScale) -> String {
    let (Some(total), Some(shown)) = (result.total, result.shown) else {
        return lang
            .pick(
                "尚有指标未评分，暂无总分",
                "Some indicators have no score yet: no total",
            )
            .into();
    };
    let rank = scale.rank(shown);
    let next_above = rank.checked_sub(1).map(|above| scale.bands()[above].from);
    grade_line(lang, total, shown, scale.grade(shown), next_above)
}

/// "合计 91.7222，四舍五入为 91.72，等级 优（90 分及以上）".
pub fn grade_line(
    lang: Lang,
    total: Exact,
    shown: Shown,
    band: &Band,
    next_above: Option<Shown>,
) -> String {
    let range = match (next_above, lang) {
        (None, Lang::Zh) => format!("{} 分及以上", band.from),
        (None, Lang::En) => format!("{} and above", band.from),
        (Some(top), Lang::Zh) => format!("{} 至 {} 分以下", band.from, top),
        (Some(top), Lang::En) => format!("{} to below {}", band.from, top),
    };
    match lang {
        Lang::Zh => format!(
            "合计 {total}，四舍五入为 {shown}，等级 {}（{range}）",
            band.label
        ),
        Lang::En => format!(
            "Total {total}, rounded half up to {shown}: grade {} ({range})",
            band.label
        ),
    }
}

/// The result that stands: "最终得分 80.00（上级调整），等级 良".
pub fn final_line(lang: Lang, score: Shown, standing: ScoreSource, band: &Band) -> String {
    let why = match standing {
        ScoreSource::Computed => lang.pick("按指标计算", "as computed"),
        ScoreSource::Adjusted => lang.pick("上级调整", "adjusted by the superior"),
        ScoreSource::Appeal => lang.pick("申诉裁定", "decided on appeal"),
    };
    match lang {
        Lang::Zh => format!("最终得分 {score}（{why}），等级 {}", band.label),
        Lang::En => format!("Final score {score} ({why}): grade {}", band.label),
    }
}

/// What a grade leads to (R6.6), as proposals: "奖金系数 120%；调薪：上调一档；可参加晋升评选；优秀员工提名".
pub fn outcome_line(lang: Lang, outcome: &BandOutcome) -> String {
    let mut parts = vec![match lang {
        Lang::Zh => format!("奖金系数 {}", outcome.bonus),
        Lang::En => format!("bonus × {}", outcome.bonus),
    }];
    parts.push(
        match outcome.salary {
            SalaryProposal::Raise => lang.pick("调薪：上调一档", "salary: one step up"),
            SalaryProposal::Keep => lang.pick("调薪：维持", "salary: unchanged"),
            SalaryProposal::Review => {
                lang.pick("调薪：降档评审", "salary: review towards a step down")
            }
        }
        .to_string(),
    );
    if outcome.promotion_eligible {
        parts.push(lang.pick("可参加晋升评选", "eligible for promotion").into());
    }
    if outcome.training_required {
        parts.push(lang.pick("须参加培训辅导", "training required").into());
    }
    if outcome.nomination {
        parts.push(
            lang.pick("优秀员工提名", "nominated as an excellent employee")
                .into(),
        );
    }
    parts.join(lang.pick("；", "; "))
}

/// A bulk step of the cycle board, done: for how many people.
pub fn bulk_done(lang: Lang, people: usize) -> String {
    match lang {
        Lang::Zh => format!("已为 {people} 人完成"),
        Lang::En => match people {
            1 => "Done for 1 person".into(),
            n => format!("Done for {n} people"),
        },
    }
}

/// An English name as it reads inside a sentence: its first letter small, unless it starts an abbreviation
/// ("the HR director", "the direct superior").
/// How many of a year's four quarters its mean is taken over: "已公示 3/4 个季度", "3 of 4 quarters published".
/// Under a cycle's grade distribution: how many of its people have a grade yet (the bars are shares of them all).
pub fn graded_of(lang: Lang, graded: usize, people: usize) -> String {
    match lang {
        Lang::Zh => format!("已评定等级 {graded} 人，共 {people} 人"),
        Lang::En => format!("{graded} of {people} graded"),
    }
}

pub fn quarters_counted(lang: Lang, quarters: usize) -> String {
    match lang {
        Lang::Zh => format!("已公示 {quarters}/4 个季度"),
        Lang::En => format!("{quarters} of 4 quarters published"),
    }
}

fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !(first.is_uppercase() && second.is_uppercase()) => first
            .to_lowercase()
            .chain(name[first.len_utf8()..].chars())
            .collect(),
        _ => name.to_string(),
    }
}
