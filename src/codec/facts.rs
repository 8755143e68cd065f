//! The KPI facts (`domain::kpi::facts`) in the binary encoding, so the store can keep them beside a snapshot and the
//! dashboard can open from them before the tickets' history is read (`store::derived`).
//!
//! Unlike `records`, this is not a stored format users' data depends on: what is kept is derived, carries the build
//! that derived it, and is derived again whenever it is missing, from another build or unreadable. A layout here may
//! change freely. Must not: be read as the truth — the history is; a test derives the facts again from the events and
//! compares (`tests/native/derived.rs`).

use super::{Codec, CodecError, Reader, Writer};
use crate::domain::kpi::facts::{
    Clock, CostFact, Dims, Facts, Flags, Row, SalesFact, TrainingFact,
};
use crate::domain::survey::Aspect;

codec_struct!(Dims {
    staff,
    unit,
    provider,
    category,
    kind,
    channel
});
codec_enum!(Clock { 0 => Absent(), 1 => Met(), 2 => Late(), 3 => Paused(), 4 => Running { deadline } });
codec_struct!(Row {
    dims,
    received,
    first_resolved,
    resolved,
    answered,
    response,
    verification,
    resolution,
    response_business_ms,
    customer,
    household,
    overall,
    arrivals,
    flags
});
codec_struct!(CostFact {
    id,
    day,
    amount,
    dims
});
codec_struct!(SalesFact {
    id,
    first,
    last,
    units,
    category
});
codec_struct!(TrainingFact {
    id,
    planned,
    due,
    held,
    unit
});

impl Codec for Flags {
    fn encode(&self, out: &mut Writer) {
        self.bits().encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        u16::decode(input).map(Flags::from_bits)
    }
}

impl Codec for Facts {
    fn encode(&self, out: &mut Writer) {
        self.rows.encode(out);
        self.ids.encode(out);
        out.len(self.ratings.len());
        for (row, aspect, stars) in &self.ratings {
            row.encode(out);
            out.byte(*aspect);
            out.byte(*stars);
        }
        self.aspects.encode(out);
        self.follow_ups.encode(out);
        out.len(self.reviews.len());
        for (row, day, conforming) in &self.reviews {
            row.encode(out);
            day.encode(out);
            conforming.encode(out);
        }
        self.costs.encode(out);
        self.sales.encode(out);
        self.training.encode(out);
        self.staff.encode(out);
        self.units.encode(out);
        self.providers.encode(out);
        self.categories.encode(out);
    }

    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let rows: Vec<Row> = Codec::decode(input)?;
        let ids: Vec<_> = Codec::decode(input)?;
        if ids.len() != rows.len() {
            return Err(CodecError::Invalid { type_name: "Facts" });
        }
        let count = input.len()?;
        let mut ratings = Vec::with_capacity(count);
        for _ in 0..count {
            ratings.push((u32::decode(input)?, input.byte()?, input.byte()?));
        }
        let aspects: Vec<Aspect> = Codec::decode(input)?;
        let follow_ups = Codec::decode(input)?;
        let count = input.len()?;
        let mut reviews = Vec::with_capacity(count);
        for _ in 0..count {
            reviews.push((
                u32::decode(input)?,
                i32::decode(input)?,
                bool::decode(input)?,
            ));
        }
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i as u32))
            .collect();
        Ok(Facts {
            rows,
            ids,
            ratings,
            aspects,
            follow_ups,
            reviews,
            costs: Codec::decode(input)?,
            sales: Codec::decode(input)?,
            training: Codec::decode(input)?,
            staff: Codec::decode(input)?,
            units: Codec::decode(input)?,
            providers: Codec::decode(input)?,
            categories: Codec::decode(input)?,
            index,
        })
    }
}
