//! S18's de-duplication of a provider's bad reviews (R7.2), one table per rule and one month with every rule
//! at once: each review as a line — source, kind, origin, customer, the user's reason — and what became of it.

use aftersales::domain::provider_reviews::{
    BadReview, Origin, Source, Verdict, WorkKind, deduplicate,
};

/// A review from a line `id source kind origin customer [reason]`: `sys`/`web`, `inst`/`rep`, `on`/`off`, a
/// customer letter (the same letter: the same phone and address, written differently each time).
fn review(n: usize, line: &str) -> BadReview {
    let parts: Vec<&str> = line.split_whitespace().collect();
    let customer = parts[4];
    BadReview {
        id: parts[0].to_string(),
        source: match parts[1] {
            "sys" => Source::System,
            _ => Source::Platform,
        },
        kind: match parts[2] {
            "inst" => WorkKind::Installation,
            _ => WorkKind::Repair,
        },
        origin: match parts[3] {
            "on" => Origin::Online,
            _ => Origin::Offline,
        },
        // Spelled differently per review (spaces, +86, punctuation, case): the same customer all the same.
        phone: match n % 2 {
            0 => format!("+86 138-0000-{:04}", customer.as_bytes()[0]),
            _ => format!("1380000{:04}", customer.as_bytes()[0]),
        },
        address: match n % 2 {
            0 => format!("上海市 某路 {customer} 号"),
            _ => format!("上海市某路{}号。", customer.to_lowercase()),
        },
        not_about_service: parts.get(5).map(|reason| reason.to_string()),
    }
}

/// The verdicts as a table: `id  counted` or `id  2.1.x → kept id`.
fn table(lines: &str) -> String {
    let reviews: Vec<BadReview> = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| review(n, line))
        .collect();
    reviews
        .iter()
        .zip(deduplicate(&reviews))
        .map(|(review, verdict)| match verdict {
            Verdict::Counted => format!("{:<4} counted\n", review.id),
            Verdict::Excluded { rule, into } => format!(
                "{:<4} {} → {}\n",
                review.id,
                rule.clause(),
                into.as_deref().unwrap_or("—")
            ),
        })
        .collect()
}

#[test]
fn a_platform_review_about_something_else_is_excluded_with_the_reason_recorded() {
    assert_eq!(
        table(
            "w1 web inst on A 快递破损，与安装无关
             w2 web inst on B
             s1 sys inst on C 系统评价不适用此条"
        ),
        "w1   2.1.5.1 → —\nw2   counted\ns1   counted\n"
    );
}

#[test]
fn an_installation_order_online_and_offline_drops_the_offline_one() {
    assert_eq!(
        table(
            "s1 sys inst off A
             s2 sys inst on A
             s3 sys inst off B
             s4 sys inst off B"
        ),
        // B's two offline orders are no online/offline pair: 2.1.3 leaves them, 2.1.5.2 assesses B once.
        "s1   2.1.3 → s2\ns2   counted\ns3   counted\ns4   2.1.5.2 → s3\n"
    );
}

#[test]
fn a_system_review_duplicated_by_a_platform_review_counts_the_platform_one() {
    assert_eq!(
        table(
            "s1 sys rep off A
             w1 web rep on A
             w2 web inst on B
             w3 web inst on B"
        ),
        "s1   2.1.5.3 → w1\nw1   counted\nw2   counted\nw3   2.1.5.2 → w2\n"
    );
}

#[test]
fn a_customers_repair_orders_count_one_bad_review() {
    assert_eq!(
        table(
            "s1 sys rep off A
             s2 sys rep off A
             s3 sys rep on A
             s4 sys rep off B"
        ),
        "s1   counted\ns2   2.1.4 → s1\ns3   2.1.4 → s1\ns4   counted\n"
    );
}

#[test]
fn the_same_customer_with_several_orders_is_assessed_once() {
    assert_eq!(
        table(
            "s1 sys inst on A
             s2 sys rep off A
             s3 sys inst on B"
        ),
        "s1   counted\ns2   2.1.5.2 → s1\ns3   counted\n"
    );
}

/// One provider's month with every rule at once, worked by hand: 10 bad reviews, 5 counted.
/// A: an installation ordered online and offline, reviewed in the system on both → the offline one dropped (2.1.3).
/// B: a system review and a platform review → the platform one (2.1.5.3).
/// C: two repairs → one (2.1.4). D: a platform review about the courier → excluded (2.1.5.1).
/// E: an installation and a repair → once (2.1.5.2). F: one review → counted.
#[test]
fn a_month_with_every_rule_at_once_counts_what_s18_counts() {
    assert_eq!(
        table(
            "a1 sys inst off A
             a2 sys inst on A
             b1 sys inst on B
             b2 web inst on B
             c1 sys rep off C
             c2 sys rep off C
             d1 web inst on D 物流延误，非安装环节
             e1 sys inst on E
             e2 sys rep off E
             f1 web rep on F"
        ),
        "\
a1   2.1.3 → a2
a2   counted
b1   2.1.5.3 → b2
b2   counted
c1   counted
c2   2.1.4 → c1
d1   2.1.5.1 → —
e1   counted
e2   2.1.5.2 → e1
f1   counted
"
    );
}
