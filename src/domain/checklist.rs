//! The standards checklist (售后服务标准检查表, R8.1, S19) and the self-assessments made with it: the clauses
//! (number, requirement, indicator, points, evidence documents, responsible unit), versioned as they are edited;
//! one dated assessment with a finding and an evidence note per clause; its score, its shortfalls, and two
//! assessments compared clause by clause.
//!
//! Owns: `Clause`, `Checklist` (the record: its `version` grows with every edit; the seed's clauses ship as
//! `Checklist::seed`), `SelfAssessment` (the record: a copy of the clauses it was made with, so editing the
//! checklist never changes a past assessment), `AssessmentDraft::check`, `ChecklistDraft::check`, `compare`.
//! Must not: compute the score's arithmetic (`standards` does), open corrective actions (`corrective` does; a
//! shortfall only names the clause), or read the sampling audit (a sampled finding arrives as its two counts).

use serde::{Deserialize, Serialize};

use super::assessment::exact::Exact;
use super::calendar::Date;
use super::error::{Checked, Field, Problem, Problems, required_text};
use super::ids::Id;
use super::standards::{self, Finding, Indicator, Score, Special};
use crate::domain::ticket::intake::{SHORT_MAX, TEXT_MAX};

/// The id of the checklist shipped with the app (its clauses are the seed's until someone edits them).
pub const SEED_CHECKLIST_ID: Id = Id::from_u128(0x5747_2792_2000_0000_0000_0000_0000_0001);

/// The most points one clause can carry.
pub const POINTS_MAX: u32 = 100;

/// One requirement of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Clause {
    /// The clause number, e.g. "5.2.1.1".
    pub number: String,
    pub requirement: String,
    /// The standard's indicator it belongs to (and so its group).
    pub indicator: Indicator,
    /// The points it is worth (whole points).
    pub points: u32,
    /// 涉及文件: the documents that evidence it.
    pub evidence: String,
    /// 归口单位: who answers for it.
    pub unit: String,
    /// Checked on a sample (staff qualification, service records, complaint resolution): it loses points in
    /// proportion to the sample's non-conforming share.
    pub sampled: bool,
}

/// The checklist as it stands: its clauses and how many times they have been edited.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Checklist {
    pub name: String,
    /// 1 for the clauses as first written; each saved edit adds one.
    pub version: u32,
    pub clauses: Vec<Clause>,
}

/// What the assessor recorded for one clause.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    /// `None` while the clause is not assessed yet.
    pub finding: Option<Finding>,
    /// What was looked at (documents, records, the sample).
    pub evidence: String,
}

/// One dated self-assessment: who made it, the clauses as they were, a finding per clause, the specials.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SelfAssessment {
    /// The checklist it was made with, and that checklist's name and version then.
    pub checklist: Id,
    pub name: String,
    pub version: u32,
    pub clauses: Vec<Clause>,
    /// The day it was made (the day of its evidence).
    pub day: Date,
    /// The user who assessed, and their name then.
    pub assessor: Id,
    pub assessor_name: String,
    /// One per clause, in the clauses' order.
    pub entries: Vec<Entry>,
    pub specials: Vec<Special>,
    /// Finished: every clause assessed; then it no longer changes (a new assessment is made instead).
    pub finished: bool,
}

/// How each clause scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseScore {
    pub finding: Option<Finding>,
    /// `None` for a clause not assessed or not applicable.
    pub earned: Option<Exact>,
    /// The points it lost (a shortfall when above zero).
    pub lost: Exact,
}

impl Checklist {
    /// The checklist the app ships: the seed's clauses (S19 售后服务标准检查表: 5.1.7.2, 5.1.7.3, 5.2.1.1–5.2.1.5,
    /// 5.2.2.1–5.2.2.2, 5.2.3.2, 5.2.4.1), with the three clauses R8.2 checks on a sample and the customer
    /// relations clause completing GB/T 27922's groups. Points and units are the seed's where it names them; all
    /// of it is editable.
    pub fn seed() -> Checklist {
        let clause = |number: &str,
                      indicator: Indicator,
                      points: u32,
                      requirement: &str,
                      evidence: &str,
                      unit: &str,
                      sampled: bool| Clause {
            number: number.into(),
            requirement: requirement.into(),
            indicator,
            points,
            evidence: evidence.into(),
            unit: unit.into(),
            sampled,
        };
        use Indicator::*;
        Checklist {
            name: "售后服务标准检查表".into(),
            version: 1,
            clauses: vec![
                clause(
                    "5.1.2.1",
                    Staffing,
                    4,
                    "售后服务人员持证上岗，具备相应的专业技能。",
                    "人员资质证书、培训记录（抽查）",
                    "人力资源部",
                    true,
                ),
                clause(
                    "5.1.7.2",
                    ServiceCulture,
                    3,
                    "对售后服务的目标或水平作出承诺，服务承诺在广告、宣传品、保修卡、销售合同等各种文档材料中的表述准确一致，并有效地传递给顾客。",
                    "售后服务相关部门的可量化的考核目标及实施记录",
                    "售后服务部",
                    false,
                ),
                clause(
                    "5.1.7.3",
                    ServiceCulture,
                    3,
                    "以多种方式向社会公众做服务文化和活动的宣传，形成有效的顾客认知和口碑。",
                    "企业实验室建设、企业图书馆建设、文娱文化活动记录",
                    "市场部",
                    false,
                ),
                clause(
                    "5.2.1.1",
                    ProductInformation,
                    4,
                    "商品包装有完整、准确的企业和商品有关信息，便于顾客识别和了解。",
                    "商品包装、合格证",
                    "质量部",
                    false,
                ),
                clause(
                    "5.2.1.2",
                    ProductInformation,
                    4,
                    "商品附属文档中应明确技术参数、操作使用及保养要求等。文档应便于顾客理解，各条款符合国家有关规定要求。",
                    "产品说明书、合格证",
                    "技术部",
                    false,
                ),
                clause(
                    "5.2.1.3",
                    ProductInformation,
                    4,
                    "明示服务收费标准和备品备件价格，上门服务时向顾客出示。",
                    "服务收费价格表，备品备件价格表",
                    "售后服务部",
                    false,
                ),
                clause(
                    "5.2.1.4",
                    ProductInformation,
                    4,
                    "在保修卡等文档中明确质量保证（三包）的范围、期限和方式。",
                    "保修卡、三包凭证",
                    "售后服务部",
                    false,
                ),
                clause(
                    "5.2.1.5",
                    ProductInformation,
                    4,
                    "建立商品系统性缺陷信息公开机制，及时告知顾客。",
                    "商品系统性缺陷公开机制相关文件制度",
                    "质量部",
                    false,
                ),
                clause(
                    "5.2.2.1",
                    TechnicalSupport,
                    4,
                    "根据商品的特点，在售出后提供及时、必要的安装和调试服务。",
                    "安装调试记录",
                    "售后服务部",
                    false,
                ),
                clause(
                    "5.2.2.2",
                    TechnicalSupport,
                    4,
                    "提供商品使用所必须的使用指导或顾客培训，解答并解决顾客的疑问。",
                    "顾客培训记录、咨询记录",
                    "售后服务部",
                    false,
                ),
                clause(
                    "5.2.3.2",
                    Delivery,
                    4,
                    "对顾客所承诺的送货范围、送货时间及时兑现。",
                    "配送的制度及实施记录，如第三方物流的方式，有合同、协议",
                    "物流部",
                    false,
                ),
                clause(
                    "5.2.4.1",
                    Repair,
                    4,
                    "售后服务网点和服务部门应安排专人负责报修登记和接待服务。",
                    "配送、报修、维修、退换货、回访、投诉处理等记录文件",
                    "售后服务部",
                    false,
                ),
                clause(
                    "5.2.4.3",
                    Repair,
                    4,
                    "维修服务记录完整，有顾客签字确认。",
                    "售后服务报告单（抽查）",
                    "售后服务部",
                    true,
                ),
                clause(
                    "5.3.1.1",
                    CustomerRelations,
                    4,
                    "建立顾客档案，记录顾客的服务历史，并定期回访。",
                    "顾客档案、回访记录",
                    "客服中心",
                    false,
                ),
                clause(
                    "5.3.2.2",
                    ComplaintHandling,
                    4,
                    "顾客投诉在承诺时限内处理完毕，并将处理结果告知顾客。",
                    "投诉处理记录（抽查）",
                    "客服中心",
                    true,
                ),
            ],
        }
    }

    /// The clauses' total points.
    pub fn total_points(&self) -> u32 {
        self.clauses.iter().map(|c| c.points).sum()
    }
}

impl SelfAssessment {
    /// A new assessment of `checklist` on `day` by `assessor`: every clause not yet assessed.
    pub fn start(
        checklist: Id,
        list: &Checklist,
        day: Date,
        assessor: Id,
        assessor_name: &str,
    ) -> SelfAssessment {
        SelfAssessment {
            checklist,
            name: list.name.clone(),
            version: list.version,
            clauses: list.clauses.clone(),
            day,
            assessor,
            assessor_name: assessor_name.into(),
            entries: vec![Entry::default(); list.clauses.len()],
            specials: Vec::new(),
            finished: false,
        }
    }

    /// Each clause with its entry (a missing entry reads as not assessed).
    pub fn rows(&self) -> impl Iterator<Item = (&Clause, Entry)> + '_ {
        self.clauses
            .iter()
            .enumerate()
            .map(|(index, clause)| (clause, self.entries.get(index).cloned().unwrap_or_default()))
    }

    /// How each clause scored, in order.
    pub fn clause_scores(&self) -> Vec<ClauseScore> {
        self.rows()
            .map(|(clause, entry)| {
                let points = Exact::whole(u64::from(clause.points));
                let earned = entry.finding.and_then(|f| f.earned(points));
                let lost = match (entry.finding, earned) {
                    (Some(_), Some(earned)) => points.saturating_sub(earned),
                    _ => Exact::ZERO,
                };
                ClauseScore {
                    finding: entry.finding,
                    earned,
                    lost,
                }
            })
            .collect()
    }

    fn assessed(&self) -> Vec<(Indicator, Exact, Finding)> {
        self.rows()
            .filter_map(|(clause, entry)| {
                let finding = entry.finding?;
                Some((
                    clause.indicator,
                    Exact::whole(u64::from(clause.points)),
                    finding,
                ))
            })
            .collect()
    }

    /// The score over the clauses assessed so far (all of them once finished), with the specials.
    pub fn score(&self) -> Score {
        let clauses: Vec<(Exact, Finding)> = self
            .assessed()
            .into_iter()
            .map(|(_, points, finding)| (points, finding))
            .collect();
        standards::score(&clauses, &self.specials)
    }

    /// Each of GB/T 27922's groups scored on its own clauses.
    pub fn group_scores(&self) -> Vec<(standards::Group, Score)> {
        standards::group_scores(&self.assessed())
    }

    /// How many clauses are not assessed yet.
    pub fn unassessed(&self) -> usize {
        self.rows().filter(|(_, e)| e.finding.is_none()).count()
    }

    /// The clauses that lost points (their index): each should have a corrective action.
    pub fn shortfalls(&self) -> Vec<usize> {
        self.clause_scores()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.lost > Exact::ZERO)
            .map(|(index, _)| index)
            .collect()
    }
}

/// What the assessment form hands over: an entry per clause and the specials, and whether to finish it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssessmentDraft {
    pub entries: Vec<Entry>,
    pub specials: Vec<Special>,
    pub finish: bool,
}

impl AssessmentDraft {
    /// `assessment` with the draft's entries: refused once it is finished; a sample must hold together
    /// (`standards::check_findings`, problems at `Field::Line(clause)`); a special needs its reason, one bonus at
    /// most (`Field::Special(index)`); finishing needs every clause assessed (`Field::Line` of the first missing).
    pub fn check(&self, assessment: &SelfAssessment) -> Checked<SelfAssessment> {
        let mut problems = Problems::default();
        if assessment.finished {
            problems.add(Field::Record, Problem::AlreadyClosed);
        }
        let mut entries = self.entries.clone();
        entries.resize(assessment.clauses.len(), Entry::default());
        let findings: Vec<Finding> = entries
            .iter()
            .map(|e| e.finding.unwrap_or(Finding::NotApplicable))
            .collect();
        standards::check_findings(&findings, &mut problems);
        for (index, entry) in entries.iter_mut().enumerate() {
            if entry.evidence.chars().count() > TEXT_MAX {
                problems.add(Field::Line(index), Problem::TooLong { max: TEXT_MAX });
            }
            entry.evidence = entry.evidence.trim().to_string();
        }
        let mut special_problems = Problems::default();
        standards::check_specials(&self.specials, &mut special_problems);
        for error in special_problems.errors() {
            let field = match error.field {
                Field::Line(index) => Field::Special(index),
                other => other,
            };
            problems.add(field, error.problem);
        }
        if self.finish
            && let Some(missing) = entries.iter().position(|e| e.finding.is_none())
        {
            problems.add(Field::Line(missing), Problem::Required);
        }
        problems.finish(|| SelfAssessment {
            entries,
            specials: self
                .specials
                .iter()
                .map(|s| match s {
                    Special::Deduction { reason } => Special::Deduction {
                        reason: reason.trim().into(),
                    },
                    Special::Bonus { reason } => Special::Bonus {
                        reason: reason.trim().into(),
                    },
                })
                .collect(),
            finished: self.finish,
            ..assessment.clone()
        })
    }
}

/// What the checklist editor hands over: the clauses as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseDraft {
    pub number: String,
    pub requirement: String,
    pub indicator: Option<Indicator>,
    pub points: String,
    pub evidence: String,
    pub unit: String,
    pub sampled: bool,
}

impl ClauseDraft {
    pub fn of(clause: &Clause) -> ClauseDraft {
        ClauseDraft {
            number: clause.number.clone(),
            requirement: clause.requirement.clone(),
            indicator: Some(clause.indicator),
            points: clause.points.to_string(),
            evidence: clause.evidence.clone(),
            unit: clause.unit.clone(),
            sampled: clause.sampled,
        }
    }
}

/// The checklist editor's whole form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChecklistDraft {
    pub name: String,
    pub clauses: Vec<ClauseDraft>,
}

impl ChecklistDraft {
    pub fn of(list: &Checklist) -> ChecklistDraft {
        ChecklistDraft {
            name: list.name.clone(),
            clauses: list.clauses.iter().map(ClauseDraft::of).collect(),
        }
    }

    /// The checklist as edited over `before` (its version one higher): a name; at least one clause; each with a
    /// number unique in the list, a requirement, an indicator and 1–100 points. Problems name a clause by its
    /// place (`Field::Line`), the first of its fields that is wrong.
    pub fn check(&self, before: &Checklist) -> Checked<Checklist> {
        let mut problems = Problems::default();
        let name = required_text(&self.name, SHORT_MAX, Field::Name, &mut problems);
        if self.clauses.is_empty() {
            // No clause to show it on: the list's own problem.
            problems.add(Field::Record, Problem::Required);
        }
        let mut clauses = Vec::with_capacity(self.clauses.len());
        let mut numbers = std::collections::BTreeSet::new();
        for (index, draft) in self.clauses.iter().enumerate() {
            let mut own = Problems::default();
            let number = required_text(&draft.number, SHORT_MAX, Field::Line(index), &mut own);
            if !number.is_empty() && !numbers.insert(number.clone()) {
                own.add(Field::Line(index), Problem::DuplicateName);
            }
            let requirement =
                required_text(&draft.requirement, TEXT_MAX, Field::Line(index), &mut own);
            let points = match draft.points.trim().parse::<u32>() {
                Ok(points) if (1..=POINTS_MAX).contains(&points) => points,
                _ => {
                    own.add(
                        Field::Line(index),
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(POINTS_MAX),
                        },
                    );
                    0
                }
            };
            if draft.indicator.is_none() {
                own.add(Field::Line(index), Problem::Required);
            }
            for (text, max) in [(&draft.evidence, TEXT_MAX), (&draft.unit, SHORT_MAX)] {
                if text.chars().count() > max {
                    own.add(Field::Line(index), Problem::TooLong { max });
                }
            }
            if let Some(first) = own.errors().into_iter().next() {
                problems.add(first.field, first.problem);
            }
            clauses.push(Clause {
                number,
                requirement,
                indicator: draft.indicator.unwrap_or(Indicator::Norms),
                points,
                evidence: draft.evidence.trim().into(),
                unit: draft.unit.trim().into(),
                sampled: draft.sampled,
            });
        }
        problems.finish(|| Checklist {
            name,
            version: before.version + 1,
            clauses,
        })
    }
}

/// One clause of two assessments side by side (matched by clause number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compared {
    pub number: String,
    pub requirement: String,
    pub points: u32,
    /// What each earned (`None`: not in that assessment, not assessed, or not applicable) and its finding.
    pub before: Option<(Option<Finding>, Option<Exact>)>,
    pub after: Option<(Option<Finding>, Option<Exact>)>,
}

impl Compared {
    /// Whether the clause scored differently (or was only in one of them).
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// `before` and `after` clause by clause: `after`'s clauses in its order, then those only `before` had.
pub fn compare(before: &SelfAssessment, after: &SelfAssessment) -> Vec<Compared> {
    let scored = |assessment: &SelfAssessment| -> Vec<(Clause, Option<Finding>, Option<Exact>)> {
        assessment
            .rows()
            .zip(assessment.clause_scores())
            .map(|((clause, _), score)| (clause.clone(), score.finding, score.earned))
            .collect()
    };
    let (old, new) = (scored(before), scored(after));
    let find = |list: &[(Clause, Option<Finding>, Option<Exact>)], number: &str| {
        list.iter()
            .find(|(c, _, _)| c.number == number)
            .map(|(_, f, e)| (*f, *e))
    };
    let mut rows: Vec<Compared> = new
        .iter()
        .map(|(clause, finding, earned)| Compared {
            number: clause.number.clone(),
            requirement: clause.requirement.clone(),
            points: clause.points,
            before: find(&old, &clause.number),
            after: Some((*finding, *earned)),
        })
        .collect();
    rows.extend(
        old.iter()
            .filter(|(c, _, _)| find(&new, &c.number).is_none())
            .map(|(clause, finding, earned)| Compared {
                number: clause.number.clone(),
                requirement: clause.requirement.clone(),
                points: clause.points,
                before: Some((*finding, *earned)),
                after: None,
            }),
    );
    rows
}
