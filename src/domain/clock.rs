//! The hybrid logical clock (HLC) that stamps every record version.
//!
//! Owns: `Stamp` (wall-clock ms, counter, device) and its total order, and `Hlc`, the per-device clock that
//! issues stamps that never go backwards even when the wall clock does, and that move past any stamp seen
//! from another device. Must not: read the wall clock itself — `now_ms` is always passed in.

use serde::{Deserialize, Serialize};

use super::ids::DeviceId;

/// When and where a version was written. Ordered by wall time, then counter, then device id (the tie-break),
/// so two different devices never produce equal stamps and every merge picks the same winner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub wall_ms: u64,
    pub counter: u32,
    pub device: DeviceId,
}

impl Stamp {
    /// Before every write: the stamp of a record's built-in defaults, which any edit replaces.
    pub const ORIGIN: Stamp = Stamp {
        wall_ms: 0,
        counter: 0,
        device: DeviceId::from_u128(0),
    };
}

/// One device's clock. Its state is the last stamp it issued or observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hlc {
    last_wall_ms: u64,
    last_counter: u32,
    device: DeviceId,
}

impl Hlc {
    pub fn new(device: DeviceId) -> Self {
        Hlc {
            last_wall_ms: 0,
            last_counter: 0,
            device,
        }
    }

    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// A stamp for a local write at wall time `now_ms`: later than every stamp issued or observed before.
    pub fn tick(&mut self, now_ms: u64) -> Stamp {
        if now_ms > self.last_wall_ms {
            self.last_wall_ms = now_ms;
            self.last_counter = 0;
        } else {
            self.last_counter += 1;
        }
        self.stamp()
    }

    /// Moves the clock past a stamp received from elsewhere (an import), so the next local write wins over it.
    pub fn observe(&mut self, remote: Stamp, now_ms: u64) {
        let wall = now_ms.max(self.last_wall_ms).max(remote.wall_ms);
        let counter = match (wall == self.last_wall_ms, wall == remote.wall_ms) {
            (true, true) => self.last_counter.max(remote.counter) + 1,
            (true, false) => self.last_counter + 1,
            (false, true) => remote.counter + 1,
            (false, false) => 0,
        };
        self.last_wall_ms = wall;
        self.last_counter = counter;
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            wall_ms: self.last_wall_ms,
            counter: self.last_counter,
            device: self.device,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: DeviceId = DeviceId::from_u128(1);
    const B: DeviceId = DeviceId::from_u128(2);

    #[test]
    fn stamps_increase_even_when_the_wall_clock_stands_still_or_goes_back() {
        let mut clock = Hlc::new(A);
        let walls = [100, 100, 90, 101, 50];
        let stamps: Vec<Stamp> = walls.iter().map(|&now| clock.tick(now)).collect();
        assert!(
            stamps.windows(2).all(|pair| pair[0] < pair[1]),
            "{stamps:?}"
        );
        assert_eq!(
            stamps
                .iter()
                .map(|s| (s.wall_ms, s.counter))
                .collect::<Vec<_>>(),
            vec![(100, 0), (100, 1), (100, 2), (101, 0), (101, 1)]
        );
    }

    #[test]
    fn after_observing_a_remote_stamp_the_next_local_stamp_is_later() {
        let mut clock = Hlc::new(A);
        clock.tick(100);
        let remote = Stamp {
            wall_ms: 5_000,
            counter: 7,
            device: B,
        };
        clock.observe(remote, 200);
        let next = clock.tick(200);
        assert!(next > remote, "{next:?} should follow {remote:?}");
        assert_eq!((next.wall_ms, next.counter), (5_000, 9));
    }

    #[test]
    fn equal_wall_and_counter_are_ordered_by_device() {
        let a = Stamp {
            wall_ms: 1,
            counter: 0,
            device: A,
        };
        let b = Stamp {
            wall_ms: 1,
            counter: 0,
            device: B,
        };
        assert!(a < b);
        assert_ne!(a, b);
    }
}
