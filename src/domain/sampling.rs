//! The sampling audit's draw and findings (R5.4, S16 考核方法: regular sampling of service records): which closed
//! tickets a reviewer checks — a number or a share of a population, drawn with a seed so the same draw can be
//! made again and shown to the person audited — what a reviewer can find, and the sample's conformity.
//!
//! Owns: `SampleSize`, `draw` (seeded with `random::SplitMix64`, independent of the order the population arrives
//! in), `FindingKind`, `conformity`. Must not: choose the population (which tickets are closed in the period, for
//! whom — the caller filters) or keep the audit as records.

use super::assessment::exact::Weight;
use super::ids::Id;
use super::random::SplitMix64;
use super::ratio::Ratio;

/// How much of the population to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SampleSize {
    /// This many tickets (all of them when there are fewer).
    Count(u32),
    /// This share of them, rounded half up, at least one of a population that has any.
    Share(Weight),
}

impl SampleSize {
    /// How many of `population` tickets the sample takes.
    pub fn of(self, population: usize) -> usize {
        match self {
            SampleSize::Count(count) => (count as usize).min(population),
            SampleSize::Share(share) => {
                if population == 0 {
                    return 0;
                }
                // `Weight` is hundredths of a percent: `Weight::WHOLE` (10 000) is everyone.
                let whole = u128::from(Weight::WHOLE.0);
                let scaled = population as u128 * u128::from(share.0);
                let taken = ((2 * scaled + whole) / (2 * whole)) as usize;
                taken.clamp(1, population)
            }
        }
    }
}

/// The sample of `population` (ticket ids) of `size` drawn with `seed`: the same seed and population give the same
/// sample, whatever order the population is listed in. In the order drawn.
pub fn draw(population: &[Id], size: SampleSize, seed: u64) -> Vec<Id> {
    let mut pool: Vec<Id> = population.to_vec();
    pool.sort();
    pool.dedup();
    let taken = size.of(pool.len());
    let mut random = SplitMix64::new(seed);
    // A partial Fisher–Yates shuffle: the first `taken` places, each filled from what is left.
    for place in 0..taken {
        let left = (pool.len() - place) as u64;
        let pick = place + random.below(left) as usize;
        pool.swap(place, pick);
    }
    pool.truncate(taken);
    pool
}

/// What a reviewer found wrong with a sampled ticket (R5.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// The service record misses something it must hold.
    RecordIncomplete,
    /// The fee standard was not shown to the customer (S11, the provider rules' 未出示收费标准).
    FeeStandardNotShown,
    /// The service report carries no customer signature.
    ReportWithoutSignature,
    /// A service level was missed.
    Late,
    Other,
}

impl FindingKind {
    pub const ALL: [FindingKind; 5] = [
        FindingKind::RecordIncomplete,
        FindingKind::FeeStandardNotShown,
        FindingKind::ReportWithoutSignature,
        FindingKind::Late,
        FindingKind::Other,
    ];
}

/// The sample's conformity: conforming reviews over all reviews recorded (`None` before any).
pub fn conformity(reviews: impl IntoIterator<Item = bool>) -> Option<Ratio> {
    let (conforming, reviewed) = reviews
        .into_iter()
        .fold((0u64, 0u64), |(c, n), ok| (c + u64::from(ok), n + 1));
    Ratio::of(conforming, reviewed)
}
