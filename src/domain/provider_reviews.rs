//! Which bad reviews of a service provider's period count (R7.2, seed S18 二.2.1.3–2.1.5): the orders
//! duplicated online and offline, the same customer's repeated orders, system reviews duplicated by a platform's,
//! and platform reviews about something other than the service — each excluded review with the rule that excluded
//! it and the review it was merged into, so a statement can say why.
//!
//! Owns: `BadReview` (one candidate, whatever it came from), `Rule`, `Verdict` and `deduplicate`. Must not: decide
//! what a bad review is (`survey`, the platform import), which period an item falls in, or what it costs (the
//! penalty rules); it sees one provider's one period.

use super::contact::{address_key, normalise_phone};

/// Where a bad review came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The product's own survey (不满意, 1–2 ★), on one of the provider's tickets.
    System,
    /// An e-commerce platform's page review (1 ★ / 2 ★), entered or imported.
    Platform,
}

/// What the order was for (S18 tells installation and repair orders apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkKind {
    Installation,
    Repair,
}

/// Where the order came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// From an e-commerce platform (线上).
    Online,
    /// Entered by the department (线下).
    Offline,
}

/// One bad review that may count against the provider in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadReview {
    /// Its id, for naming what it was merged into (any stable text: a ticket event, an imported row).
    pub id: String,
    pub source: Source,
    pub kind: WorkKind,
    pub origin: Origin,
    /// The customer's phone and address as recorded (compared normalised).
    pub phone: String,
    pub address: String,
    /// Why the user judged it to be about something other than the installation service (2.1.5.1), if they did.
    pub not_about_service: Option<String>,
}

/// The rule that excluded a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// 2.1.5.1 a platform review clearly about something other than the installation service.
    NotAboutService,
    /// 2.1.3 an installation order present online and offline in the period: the offline one is dropped.
    OfflineDuplicate,
    /// 2.1.5.3 a system review duplicated by a platform review: the platform one counts.
    SystemDuplicatedByPlatform,
    /// 2.1.4 repair orders of the same customer (same phone and address) in the period: one bad review counts.
    SameCustomerRepair,
    /// 2.1.5.2 the same customer with several orders in the period: assessed once.
    SameCustomerOnce,
}

impl Rule {
    /// The clause of S18 it is.
    pub fn clause(self) -> &'static str {
        match self {
            Rule::NotAboutService => "2.1.5.1",
            Rule::OfflineDuplicate => "2.1.3",
            Rule::SystemDuplicatedByPlatform => "2.1.5.3",
            Rule::SameCustomerRepair => "2.1.4",
            Rule::SameCustomerOnce => "2.1.5.2",
        }
    }
}

/// What became of one review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Counted,
    /// Excluded by `rule`; `into` is the review it was merged into (none for 2.1.5.1, which stands alone).
    Excluded {
        rule: Rule,
        into: Option<String>,
    },
}

/// The customer a review is about: the phone's digits and the address without spaces or punctuation.
fn customer(review: &BadReview) -> (String, String) {
    (normalise_phone(&review.phone), address_key(&review.address))
}

/// The verdict on each of one provider's bad reviews of one period, in the order given. The rules apply in the
/// order of `Rule` — a review excluded by one is not looked at by the next — and the review kept of a group is the
/// one S18 says counts (the online order, the platform review), else the first given, so the same reviews always
/// give the same verdicts.
pub fn deduplicate(reviews: &[BadReview]) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Counted; reviews.len()];
    for (i, review) in reviews.iter().enumerate() {
        if review.source == Source::Platform && review.not_about_service.is_some() {
            verdicts[i] = Verdict::Excluded {
                rule: Rule::NotAboutService,
                into: None,
            };
        }
    }
    // Each review's customer, worked out once (the rules below group by it four times).
    let customers: Vec<String> = reviews
        .iter()
        .map(|r| {
            let (phone, address) = customer(r);
            format!("{phone}|{address}")
        })
        .collect();
    let same_customer = |i: usize| Some(customers[i].as_str());
    let v = &mut verdicts;
    // 2.1.3: an installation order online and offline (the same customer's); a group all of one origin is not
    // this rule's and stands again.
    let installation = |i: usize| {
        (reviews[i].kind == WorkKind::Installation)
            .then(|| same_customer(i))
            .flatten()
    };
    merge(reviews, v, Rule::OfflineDuplicate, installation, |r| {
        r.origin == Origin::Online
    });
    undo_groups_without_both_origins(reviews, v);
    // 2.1.5.3: the system's review and a platform's of the same customer; two of one source stand again.
    merge(
        reviews,
        v,
        Rule::SystemDuplicatedByPlatform,
        same_customer,
        |r| r.source == Source::Platform,
    );
    undo_groups_of_one_source(reviews, v);
    // 2.1.4: repair orders of one customer.
    let repair = |i: usize| {
        (reviews[i].kind == WorkKind::Repair)
            .then(|| same_customer(i))
            .flatten()
    };
    merge(reviews, v, Rule::SameCustomerRepair, repair, |_| false);
    // 2.1.5.2: whatever is left of one customer, once.
    merge(reviews, v, Rule::SameCustomerOnce, same_customer, |_| false);
    verdicts
}

/// Each group of still-counted reviews sharing a `key` keeps one — the first `prefer`red, else the first — and the
/// others are excluded by `rule`, into the kept one.
fn merge<'k>(
    reviews: &[BadReview],
    verdicts: &mut [Verdict],
    rule: Rule,
    key: impl Fn(usize) -> Option<&'k str>,
    prefer: impl Fn(&BadReview) -> bool,
) {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, verdict) in verdicts.iter().enumerate() {
        let Some(key) = key(i).filter(|_| *verdict == Verdict::Counted) else {
            continue;
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    for (_, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        let kept = members
            .iter()
            .copied()
            .find(|&i| prefer(&reviews[i]))
            .unwrap_or(members[0]);
        for i in members.into_iter().filter(|&i| i != kept) {
            verdicts[i] = Verdict::Excluded {
                rule,
                into: Some(reviews[kept].id.clone()),
            };
        }
    }
}

/// 2.1.3 drops only the offline side of an order present both ways: a review merged by it whose group had no
/// online or no offline member stands again.
fn undo_groups_without_both_origins(reviews: &[BadReview], verdicts: &mut [Verdict]) {
    undo_where(reviews, verdicts, Rule::OfflineDuplicate, |kept, merged| {
        kept.origin == merged.origin
    });
}

/// 2.1.5.3 merges a system review into a platform review only: two of one source stand again (the later rules
/// decide about them).
fn undo_groups_of_one_source(reviews: &[BadReview], verdicts: &mut [Verdict]) {
    undo_where(
        reviews,
        verdicts,
        Rule::SystemDuplicatedByPlatform,
        |kept, merged| kept.source == merged.source,
    );
}

fn undo_where(
    reviews: &[BadReview],
    verdicts: &mut [Verdict],
    rule: Rule,
    not_this_rule: impl Fn(&BadReview, &BadReview) -> bool,
) {
    for i in 0..reviews.len() {
        let Verdict::Excluded {
            rule: excluded_by,
            into: Some(into),
        } = &verdicts[i]
        else {
            continue;
        };
        if *excluded_by != rule {
            continue;
        }
        if let Some(kept) = reviews.iter().find(|r| r.id == *into)
            && not_this_rule(kept, &reviews[i])
        {
            verdicts[i] = Verdict::Counted;
        }
    }
}
