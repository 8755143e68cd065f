//! What the KPI screens show — the period, the filters, the KPI followed in the trend and ranking, and what the
//! ranking is by — kept in the URL's query, so a drill-down link carries it, a reload keeps it and the back
//! button undoes a change. Also the names of a breakdown's groups.
//!
//! Must not: compute figures (`domain::kpi::engine` does).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use crate::domain::calendar::Date;
use crate::domain::dataset::Dataset;
use crate::domain::ids::Id;
use crate::domain::kpi::engine::{Filter, Group};
use crate::domain::kpi::{Breakdown, Kpi};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::ticket::{Channel, Kind};
use crate::i18n::Lang;
use crate::i18n::tickets::{channel_name, kind_name};
use crate::ui::state::use_app_state;

#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub period: Period,
    pub unit: Option<Id>,
    pub staff: Option<Id>,
    pub provider: Option<Id>,
    pub product: Option<String>,
    pub kind: Option<Kind>,
    pub channel: Option<Channel>,
    /// The KPI of the trend and the ranking.
    pub kpi: Kpi,
    pub by: Breakdown,
}

pub fn breakdown_slug(by: Breakdown) -> &'static str {
    match by {
        Breakdown::Staff => "staff",
        Breakdown::Unit => "unit",
        Breakdown::Provider => "provider",
        Breakdown::Product => "product",
        Breakdown::Kind => "kind",
        Breakdown::Channel => "channel",
    }
}

impl Scope {
    /// The scope a query describes; the last complete month (`Period::last_complete`: a month compared with a whole
    /// month, never four days with thirty) and everything where it says nothing (or nonsense).
    pub fn from_query(query: &ParamsMap, today: Date) -> Scope {
        let id = |key: &str| query.get_str(key).and_then(|text| text.parse().ok());
        Scope {
            period: query
                .get_str("p")
                .and_then(Period::from_key)
                .unwrap_or_else(|| Period::last_complete(PeriodKind::Month, today)),
            unit: id("unit"),
            staff: id("staff"),
            provider: id("provider"),
            product: query.get("product").filter(|p| !p.trim().is_empty()),
            kind: query.get_str("kind").and_then(Kind::from_slug),
            channel: query.get_str("channel").and_then(Channel::from_slug),
            kpi: query
                .get_str("k")
                .and_then(Kpi::from_slug)
                .unwrap_or(Kpi::Satisfaction),
            by: query
                .get_str("by")
                .and_then(|text| {
                    Breakdown::ALL
                        .into_iter()
                        .find(|b| breakdown_slug(*b) == text)
                })
                .unwrap_or(Breakdown::Staff),
        }
    }

    /// Whether anything narrows the figures beyond the period: the filters' panel then opens with the screen, so a
    /// reloaded or shared link never shows one engineer's figures as if they were the department's.
    pub fn filtered(&self) -> bool {
        self.unit.is_some()
            || self.staff.is_some()
            || self.provider.is_some()
            || self.product.is_some()
            || self.kind.is_some()
            || self.channel.is_some()
    }

    /// As a query string, starting with `?`.
    pub fn query(&self) -> String {
        let mut map = ParamsMap::new();
        map.replace("p", self.period.key());
        let mut put = |key: &'static str, value: Option<String>| {
            if let Some(value) = value {
                map.replace(key, value);
            }
        };
        put("unit", self.unit.map(|id| id.to_string()));
        put("staff", self.staff.map(|id| id.to_string()));
        put("provider", self.provider.map(|id| id.to_string()));
        put("product", self.product.clone());
        put("kind", self.kind.map(|k| k.slug().to_string()));
        put("channel", self.channel.map(|c| c.slug().to_string()));
        put("k", Some(self.kpi.slug().to_string()));
        put("by", Some(breakdown_slug(self.by).to_string()));
        map.to_query_string()
    }

    /// The engine's filter (a unit includes the units below it).
    pub fn filter(&self, data: &Dataset) -> Filter {
        Filter {
            staff: self.staff,
            units: self.unit.map(|unit| Filter::unit_and_below(unit, data)),
            provider: self.provider,
            category: self.product.clone(),
            kind: self.kind,
            channel: self.channel,
        }
    }
}

/// The scope of the current URL (tracked), and a way to change it: the new scope replaces the query.
pub fn use_scope(path: &'static str) -> (Memo<Scope>, impl Fn(Scope) + Clone + 'static) {
    let state = use_app_state();
    let query = use_query_map();
    let today = Memo::new(move |_| {
        let now = state.now.get();
        state.settings.with(|s| s.calendar.local_date(now))
    });
    let scope = Memo::new(move |_| query.with(|q| Scope::from_query(q, today.get())));
    let navigate = use_navigate();
    let set = move |scope: Scope| {
        navigate(
            &format!("{path}{}", scope.query()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    (scope, set)
}

/// A breakdown group's name: a person, unit or provider (deleted ones keep their last name), a category, a kind
/// or a channel, or "not given".
pub fn group_name(lang: Lang, data: &Dataset, group: &Group, not_given: &str) -> String {
    match group {
        Group::None => not_given.to_string(),
        Group::Id(id) => data
            .staff
            .version(*id)
            .map(|v| v.body.name.clone())
            .or_else(|| data.units.version(*id).map(|v| v.body.name.clone()))
            .or_else(|| data.providers.version(*id).map(|v| v.body.name.clone()))
            .unwrap_or_else(|| not_given.to_string()),
        Group::Category(name) => name.clone(),
        Group::Kind(kind) => kind_name(lang, *kind).to_string(),
        Group::Channel(channel) => channel_name(lang, *channel).to_string(),
    }
}
