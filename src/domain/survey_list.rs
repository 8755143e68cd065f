//! The list of survey responses (R4, "survey results … and a list of responses with filters"): which tickets'
//! responses pass the filters, newest answer first, and the summary line above them.
//!
//! Owns: `SurveyFilter`, `select_responses`, `SurveySummary`. Must not: format for display or compute KPIs (the
//! KPI engine counts satisfaction over periods with its own rules for what is left out and why).

use super::calendar::{Calendar, Date};
use super::ids::Id;
use super::sorting;
use super::survey::SurveyResponse;
use super::ticket::Ticket;

/// The filters of the list. Dates are local days of the answer, both ends included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyFilter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The engineer the ticket is assigned to (who did the work).
    pub engineer: Option<Id>,
    pub bad_reviews_only: bool,
}

/// The tickets whose response in force passes `filter`, the latest answer first. Replaced responses are not
/// listed: the ticket shows them.
pub fn select_responses<'a>(
    tickets: &'a [Ticket],
    filter: &SurveyFilter,
    calendar: &Calendar,
) -> Vec<(&'a Ticket, &'a SurveyResponse)> {
    let mut out: Vec<(&Ticket, &SurveyResponse)> = tickets
        .iter()
        .filter_map(|ticket| ticket.survey.as_ref().map(|response| (ticket, response)))
        .filter(|(ticket, _)| filter.engineer.is_none_or(|e| ticket.assignee == Some(e)))
        .filter(|(_, response)| !filter.bad_reviews_only || response.is_bad_review())
        .filter(|(_, response)| {
            let day = calendar.local_date(response.answered_at);
            filter.from.is_none_or(|from| day >= from) && filter.to.is_none_or(|to| day <= to)
        })
        .collect();
    sorting::by_key(&mut out, |(ticket, response)| {
        (std::cmp::Reverse(response.answered_at), ticket.id)
    });
    out
}

/// What the listed responses add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SurveySummary {
    pub responses: u32,
    pub bad_reviews: u32,
    /// Sum of the overall stars.
    pub overall_stars: u32,
}

impl SurveySummary {
    pub fn of<'a>(responses: impl IntoIterator<Item = &'a SurveyResponse>) -> SurveySummary {
        responses
            .into_iter()
            .fold(SurveySummary::default(), |sum, r| SurveySummary {
                responses: sum.responses + 1,
                bad_reviews: sum.bad_reviews + u32::from(r.is_bad_review()),
                overall_stars: sum.overall_stars + u32::from(r.overall),
            })
    }

    /// The mean overall rating in tenths of a star, rounded half up (`43` is 4.3 ★); `None` without responses.
    pub fn mean_overall_tenths(&self) -> Option<u32> {
        (self.responses > 0)
            .then(|| (self.overall_stars * 20 + self.responses) / (self.responses * 2))
    }
}
