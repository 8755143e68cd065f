//! Customer satisfaction surveys (R4): the template a survey is given on, a customer's response, the bad-review
//! rule and the survey settings everyone shares.
//!
//! Owns: `SurveyTemplate` (star-rated aspects, the optional questions, a version bumped on every edit),
//! `SurveyResponse` with `is_bad_review` (R4.5), `SurveyDraft::check` (what a survey screen hands over), the link
//! token and `SurveySettings` (template + what a second response does, R4.4). Must not: decide whether a ticket
//! may take a response (that is the ticket's fold) or encode receipts (that is `receipt`).

use crate::domain::slug::slugs;
use serde::{Deserialize, Serialize};

use super::calendar::Instant;
use super::error::{Checked, Field, FieldError, Problem};
use super::ids::Id;

/// The id of the one survey settings record.
pub const SURVEY_SETTINGS_ID: Id = Id::from_u128(0x05e7_5e7e);

/// Most star-rated aspects a template may have besides the overall rating (a receipt code packs them in 3 bits
/// each).
pub const MAX_ASPECTS: usize = 6;

/// Longest comment a response keeps, in characters.
pub const COMMENT_MAX: usize = 200;

/// Longest name of an aspect, in characters.
pub const ASPECT_NAME_MAX: usize = 20;

/// A star-rated aspect of the service.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// 服务态度
    Attitude,
    /// 专业技能
    Skill,
    /// 服务效率
    Timeliness,
    /// One a company added, named as it typed it.
    Other(String),
}

/// 满意 / 基本满意 / 不满意.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    FairlySatisfied,
    Dissatisfied,
}

slugs!(Satisfaction {
    Satisfied => "Satisfied",
    FairlySatisfied => "FairlySatisfied",
    Dissatisfied => "Dissatisfied",
});

/// What a survey asks. The overall rating is always asked: the bad-review rule stands on it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SurveyTemplate {
    /// Bumped on every edit; a response keeps the version it was given on.
    pub version: u32,
    pub aspects: Vec<Aspect>,
    pub asks_solved: bool,
    pub asks_satisfaction: bool,
    pub asks_comment: bool,
}

impl Default for SurveyTemplate {
    /// The seed's form (S13 三.7, S14): attitude, skill, timeliness and overall in stars, solved or not, a
    /// comment.
    fn default() -> Self {
        SurveyTemplate {
            version: 1,
            aspects: vec![Aspect::Attitude, Aspect::Skill, Aspect::Timeliness],
            asks_solved: true,
            asks_satisfaction: false,
            asks_comment: true,
        }
    }
}

impl SurveyTemplate {
    /// The edited template, or what is wrong with it: at most `MAX_ASPECTS` aspects, each named once, names not
    /// empty or too long. The version is the current one plus one — unless nothing changed (names compared
    /// trimmed), when it is the current template itself.
    pub fn check_edit(&self, edited: SurveyTemplate) -> Checked<SurveyTemplate> {
        let mut problems = Vec::new();
        if edited.aspects.len() > MAX_ASPECTS {
            problems.push(FieldError::new(
                Field::Record,
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_ASPECTS as i64,
                },
            ));
        }
        for (index, aspect) in edited.aspects.iter().enumerate() {
            let problem = match aspect {
                Aspect::Other(name) if super::text::is_blank(name) => Some(Problem::Required),
                Aspect::Other(name) if name.chars().count() > ASPECT_NAME_MAX => {
                    Some(Problem::TooLong {
                        max: ASPECT_NAME_MAX,
                    })
                }
                _ if edited.aspects[..index].contains(aspect) => Some(Problem::DuplicateName),
                _ => None,
            };
            if let Some(problem) = problem {
                problems.push(FieldError::new(Field::Line(index), problem));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let normalised = SurveyTemplate {
            version: self.version,
            aspects: edited
                .aspects
                .into_iter()
                .map(|aspect| match aspect {
                    Aspect::Other(name) => Aspect::Other(super::text::cleaned(&name)),
                    builtin => builtin,
                })
                .collect(),
            ..edited
        };
        Ok(match normalised == *self {
            true => normalised,
            false => SurveyTemplate {
                version: self.version + 1,
                ..normalised
            },
        })
    }
}

/// How a response reached the system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Filled in on the engineer's tablet in kiosk mode.
    Kiosk,
    /// Filled in on the customer's own device from the survey link, imported from its receipt code.
    Receipt,
}

/// A customer's answers, as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SurveyResponse {
    pub template_version: u32,
    /// Stars (1–5) per aspect of the template, in its order.
    pub ratings: Vec<(Aspect, u8)>,
    /// Overall stars, 1–5.
    pub overall: u8,
    pub solved: Option<bool>,
    pub satisfaction: Option<Satisfaction>,
    pub comment: String,
    /// When the customer submitted it.
    pub answered_at: Instant,
    pub via: Via,
    /// Set when this response replaces an earlier one on purpose (R4.4, by setting).
    #[serde(default)]
    pub replaces_earlier: bool,
}

impl SurveyResponse {
    /// 差评 (R4.5): overall 1–2 stars, or 不满意.
    pub fn is_bad_review(&self) -> bool {
        self.overall <= 2 || self.satisfaction == Some(Satisfaction::Dissatisfied)
    }
}

/// A survey as the screen holds it while the customer answers: `0` stars means not answered yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyDraft {
    pub ratings: Vec<u8>,
    pub overall: u8,
    pub solved: Option<bool>,
    pub satisfaction: Option<Satisfaction>,
    pub comment: String,
}

impl SurveyDraft {
    /// The response, or the questions still unanswered: every star rating, and the questions the template
    /// asks (solved, satisfaction). The comment is optional and cut to `COMMENT_MAX`.
    pub fn check(
        &self,
        template: &SurveyTemplate,
        answered_at: Instant,
        via: Via,
    ) -> Checked<SurveyResponse> {
        let mut problems = Vec::new();
        let stars_ok = |stars: u8| (1..=5).contains(&stars);
        for (index, _) in template.aspects.iter().enumerate() {
            if !stars_ok(self.ratings.get(index).copied().unwrap_or(0)) {
                problems.push(FieldError::new(Field::Line(index), Problem::Required));
            }
        }
        if !stars_ok(self.overall) {
            problems.push(FieldError::new(Field::Overall, Problem::Required));
        }
        if template.asks_solved && self.solved.is_none() {
            problems.push(FieldError::new(Field::Solved, Problem::Required));
        }
        if template.asks_satisfaction && self.satisfaction.is_none() {
            problems.push(FieldError::new(Field::Satisfaction, Problem::Required));
        }
        if self.comment.chars().count() > COMMENT_MAX {
            problems.push(FieldError::new(
                Field::Text,
                Problem::TooLong { max: COMMENT_MAX },
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SurveyResponse {
            template_version: template.version,
            ratings: template
                .aspects
                .iter()
                .cloned()
                .zip(self.ratings.iter().copied())
                .collect(),
            overall: self.overall,
            solved: self.solved.filter(|_| template.asks_solved),
            satisfaction: self.satisfaction.filter(|_| template.asks_satisfaction),
            comment: match template.asks_comment {
                true => self.comment.trim().to_string(),
                false => String::new(),
            },
            answered_at,
            via,
            replaces_earlier: false,
        })
    }
}

/// The secret of one ticket's survey link: the link carries it, the staff device keeps it, and a receipt code is
/// authenticated with it (R4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LinkToken(pub [u8; 16]);

/// A survey link handed out for a ticket: its token and the template the customer will answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SurveyLink {
    pub token: LinkToken,
    pub template: SurveyTemplate,
}

/// What a second response to a ticket does (R4.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondResponse {
    /// Refused: the first response stands.
    #[default]
    Refuse,
    /// Replaces the first, which stays in the ticket's record.
    Replace,
}

impl SecondResponse {
    /// `response` as it is to be recorded on a ticket that already has a response or not: marked as the
    /// replacement when a second one replaces the first. Under `Refuse` it stays unmarked and the ticket refuses it.
    pub fn mark(self, already_answered: bool, response: SurveyResponse) -> SurveyResponse {
        SurveyResponse {
            replaces_earlier: already_answered && self == SecondResponse::Replace,
            ..response
        }
    }
}

/// The survey settings everyone shares: one record, last writer wins.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySettings {
    pub template: SurveyTemplate,
    pub second_response: SecondResponse,
}
