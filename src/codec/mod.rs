//! The stored encoding: a compact binary form of the records, written and read by straight-line code.
//!
//! Why not serde: serde's derives and serde_json were a quarter of the app's code (its visitors, field-name
//! matching and the buffering of tagged enums), and JSON made 100k tickets slow to open. This encoding is
//! positional — a struct is its fields in order, an enum a tag byte and the variant's fields — with LEB128
//! varints for integers (zig-zag for signed ones), so it is small on disk, fast to read, and the code for each
//! type is a few calls. Tags are written out in `codec_enum!`, so reordering an enum in the code changes nothing.
//!
//! Owns: `Codec`, `Writer`, `Reader`, `CodecError`, `LAYOUT` (the schema this code writes), the impls for std
//! types and the `codec_struct!` / `codec_enum!` macros; the impls for the records are in `records`, base64 for
//! text-only storage in `text`. Must not: do IO, or change a layout without bumping `LAYOUT` and teaching the decoder
//! the older one (a stored layout is forever): a `Reader` knows the schema its bytes were written under
//! (`Reader::schema`), so a record's decoder reads a field only from the schema that added it.
//!
//! Pure and natively tested (`tests/native/codec.rs`: every record round-trips, and bad input is an error, never
//! a panic).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Why bytes could not be read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodecError {
    /// The bytes ended inside a value.
    End,
    /// An enum tag (or a bool, or an option marker) that no variant has.
    BadTag { type_name: &'static str, tag: u8 },
    /// A varint longer than its type, or a number out of its type's range.
    Overflow,
    /// A string that is not UTF-8.
    BadText,
    /// Bytes left over after the value.
    Trailing,
    /// A value whose parts do not hold together (a fraction over 0, grade bands out of order).
    Invalid { type_name: &'static str },
}

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodecError::End => f.write_str("the data ends too early"),
            CodecError::BadTag { type_name, tag } => write!(f, "unknown {type_name} tag {tag}"),
            CodecError::Overflow => f.write_str("a number is out of range"),
            CodecError::BadText => f.write_str("a text is not UTF-8"),
            CodecError::Trailing => f.write_str("bytes left after the value"),
            CodecError::Invalid { type_name } => {
                write!(f, "a {type_name} that does not hold together")
            }
        }
    }
}

/// A value with a stored form.
pub trait Codec: Sized {
    fn encode(&self, out: &mut Writer);
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError>;
}

/// `value` as bytes.
pub fn to_bytes<T: Codec>(value: &T) -> Vec<u8> {
    let mut out = Writer::default();
    value.encode(&mut out);
    out.bytes
}

/// A slice as bytes, in the stored form of a `Vec` of its items.
pub fn slice_to_bytes<T: Codec>(items: &[T]) -> Vec<u8> {
    let mut out = Writer::default();
    out.len(items.len());
    for item in items {
        item.encode(&mut out);
    }
    out.bytes
}

/// The stored schema this code writes (the store records it beside the data). Schema 1 was JSON text; 2 the first
/// binary layout; 3 added a scheme's outcome rules; 4 each record's field writes (records merge field by field); 5
/// the retention period of customers' personal data (and a ticket's anonymisation, a new event); 6 a ticket's order
/// number and the service providers' assessment (their inputs, the penalty rules, issued statements); 7 a ticket's
/// number (工单号) and the phone reveal (a new event); 8 the quality records (the standards checklist,
/// self-assessments, sampling audits, corrective actions); 9 the period report, a complaint's promised day and its
/// result told to the customer (two new events), and a training session's attendees and certificate.
pub const LAYOUT: u32 = 9;

/// The value `bytes` hold, all of them, written by this code.
pub fn from_bytes<T: Codec>(bytes: &[u8]) -> Result<T, CodecError> {
    from_bytes_written_under(bytes, LAYOUT)
}

/// The value `bytes` hold, all of them, written under stored schema `schema` (2 up to `LAYOUT`).
pub fn from_bytes_written_under<T: Codec>(bytes: &[u8], schema: u32) -> Result<T, CodecError> {
    let mut input = Reader::written_under(bytes, schema);
    let value = T::decode(&mut input)?;
    match input.is_empty() {
        true => Ok(value),
        false => Err(CodecError::Trailing),
    }
}

#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// What was written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn byte(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// LEB128: seven bits a byte, the high bit set on all but the last.
    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    /// Zig-zag, so small negative numbers stay short.
    pub fn signed(&mut self, value: i64) {
        self.varint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub fn len(&mut self, len: usize) {
        self.varint(len as u64);
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    schema: u32,
}

impl<'a> Reader<'a> {
    /// Bytes this code wrote.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader::written_under(bytes, LAYOUT)
    }

    /// Bytes written under stored schema `schema`.
    pub fn written_under(bytes: &'a [u8], schema: u32) -> Reader<'a> {
        Reader { bytes, schema }
    }

    /// The stored schema the bytes were written under: a field added in a later one is not there to read.
    pub fn schema(&self) -> u32 {
        self.schema
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes
    }

    pub fn byte(&mut self) -> Result<u8, CodecError> {
        let (&first, rest) = self.bytes.split_first().ok_or(CodecError::End)?;
        self.bytes = rest;
        Ok(first)
    }

    pub fn raw(&mut self, len: usize) -> Result<&'a [u8], CodecError> {
        if len > self.bytes.len() {
            return Err(CodecError::End);
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }

    /// `N` bytes as they are (ids, tokens).
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], CodecError> {
        self.raw(N)?.try_into().map_err(|_| CodecError::End)
    }

    pub fn varint(&mut self) -> Result<u64, CodecError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(CodecError::Overflow);
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(CodecError::Overflow)
    }

    pub fn signed(&mut self) -> Result<i64, CodecError> {
        let zigzag = self.varint()?;
        Ok(((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64))
    }

    /// A length, refused when it could not fit in what is left (every element takes at least one byte), so a
    /// corrupt length cannot make a huge allocation.
    pub fn len(&mut self) -> Result<usize, CodecError> {
        let len = self.varint()?;
        match usize::try_from(len) {
            Ok(len) if len <= self.bytes.len() => Ok(len),
            _ => Err(CodecError::End),
        }
    }
}

macro_rules! codec_unsigned {
    ($($ty:ty),*) => {$(
        impl Codec for $ty {
            fn encode(&self, out: &mut Writer) {
                out.varint(u64::from(*self));
            }
            fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
                <$ty>::try_from(input.varint()?).map_err(|_| CodecError::Overflow)
            }
        }
    )*};
}
codec_unsigned!(u16, u32, u64);

macro_rules! codec_signed {
    ($($ty:ty),*) => {$(
        impl Codec for $ty {
            fn encode(&self, out: &mut Writer) {
                out.signed(i64::from(*self));
            }
            fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
                <$ty>::try_from(input.signed()?).map_err(|_| CodecError::Overflow)
            }
        }
    )*};
}
codec_signed!(i16, i32, i64);

impl Codec for usize {
    fn encode(&self, out: &mut Writer) {
        out.varint(*self as u64);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        usize::try_from(input.varint()?).map_err(|_| CodecError::Overflow)
    }
}

impl Codec for u8 {
    fn encode(&self, out: &mut Writer) {
        out.byte(*self);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        input.byte()
    }
}

impl Codec for bool {
    fn encode(&self, out: &mut Writer) {
        out.byte(u8::from(*self));
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        match input.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            tag => Err(CodecError::BadTag {
                type_name: "bool",
                tag,
            }),
        }
    }
}

impl Codec for String {
    fn encode(&self, out: &mut Writer) {
        out.len(self.len());
        out.raw(self.as_bytes());
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let len = input.len()?;
        let bytes = input.raw(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| CodecError::BadText)
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, out: &mut Writer) {
        match self {
            None => out.byte(0),
            Some(value) => {
                out.byte(1);
                value.encode(out);
            }
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        match input.byte()? {
            0 => Ok(None),
            1 => T::decode(input).map(Some),
            tag => Err(CodecError::BadTag {
                type_name: "Option",
                tag,
            }),
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, out: &mut Writer) {
        out.len(self.len());
        for item in self {
            item.encode(out);
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let len = input.len()?;
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(T::decode(input)?);
        }
        Ok(items)
    }
}

impl<T: Codec, const N: usize> Codec for [T; N] {
    fn encode(&self, out: &mut Writer) {
        for item in self {
            item.encode(out);
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let mut items = Vec::with_capacity(N);
        for _ in 0..N {
            items.push(T::decode(input)?);
        }
        items.try_into().map_err(|_| CodecError::End)
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn encode(&self, out: &mut Writer) {
        self.0.encode(out);
        self.1.encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        Ok((A::decode(input)?, B::decode(input)?))
    }
}

impl<T: Codec> Codec for Box<T> {
    fn encode(&self, out: &mut Writer) {
        (**self).encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        T::decode(input).map(Box::new)
    }
}

impl<T: Codec> Codec for Arc<T> {
    fn encode(&self, out: &mut Writer) {
        (**self).encode(out);
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        T::decode(input).map(Arc::new)
    }
}

impl<K: Codec + Ord, V: Codec> Codec for BTreeMap<K, V> {
    fn encode(&self, out: &mut Writer) {
        out.len(self.len());
        for (key, value) in self {
            key.encode(out);
            value.encode(out);
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let len = input.len()?;
        let mut map = BTreeMap::new();
        for _ in 0..len {
            let key = K::decode(input)?;
            map.insert(key, V::decode(input)?);
        }
        Ok(map)
    }
}

impl<T: Codec + Ord> Codec for BTreeSet<T> {
    fn encode(&self, out: &mut Writer) {
        out.len(self.len());
        for item in self {
            item.encode(out);
        }
    }
    fn decode(input: &mut Reader<'_>) -> Result<Self, CodecError> {
        let len = input.len()?;
        let mut set = BTreeSet::new();
        for _ in 0..len {
            set.insert(T::decode(input)?);
        }
        Ok(set)
    }
}

/// A struct as its fields in order: `codec_struct!(Customer { name, phone, address });` — every field, in the
/// order of the stored layout.
macro_rules! codec_struct {
    ($ty:ident $(<$param:ident>)? { $($field:ident $(@ $since:ident)?),* $(,)? }) => {
        impl$(<$param: $crate::codec::Codec>)? $crate::codec::Codec for $ty$(<$param>)? {
            fn encode(&self, out: &mut $crate::codec::Writer) {
                $( $crate::codec::Codec::encode(&self.$field, out); )*
            }
            fn decode(input: &mut $crate::codec::Reader<'_>) -> Result<Self, $crate::codec::CodecError> {
                Ok($ty { $( $field: codec_struct!(@field input $($since)?), )* })
            }
        }
    };
    (@field $input:ident) => { $crate::codec::Codec::decode($input)? };
    // A field a later schema added (`field @ SINCE`, always last): bytes written before it have none, and it
    // reads as its default.
    (@field $input:ident $since:ident) => {
        match $input.schema() >= $since {
            true => $crate::codec::Codec::decode($input)?,
            false => Default::default(),
        }
    };
}

/// An enum as a tag byte and the variant's fields: each variant with its tag and its shape — `()` for none,
/// `(a, b)` for a tuple variant, `{ x, y }` for named fields.
macro_rules! codec_enum {
    ($ty:ident { $($tag:literal => $variant:ident $fields:tt),* $(,)? }) => {
        impl $crate::codec::Codec for $ty {
            fn encode(&self, out: &mut $crate::codec::Writer) {
                match self {
                    $( codec_enum!(@pattern $ty $variant $fields) => {
                        out.byte($tag);
                        codec_enum!(@encode out $fields);
                    } )*
                }
            }
            fn decode(input: &mut $crate::codec::Reader<'_>) -> Result<Self, $crate::codec::CodecError> {
                match input.byte()? {
                    $( $tag => Ok(codec_enum!(@build input $ty $variant $fields)), )*
                    tag => Err($crate::codec::CodecError::BadTag { type_name: stringify!($ty), tag }),
                }
            }
        }
    };
    (@pattern $ty:ident $variant:ident ()) => { $ty::$variant };
    (@pattern $ty:ident $variant:ident ($($field:ident),+)) => { $ty::$variant($($field),+) };
    (@pattern $ty:ident $variant:ident {$($field:ident),+}) => { $ty::$variant { $($field),+ } };
    (@encode $out:ident ()) => {};
    (@encode $out:ident ($($field:ident),+)) => { $( $crate::codec::Codec::encode($field, $out); )+ };
    (@encode $out:ident {$($field:ident),+}) => { $( $crate::codec::Codec::encode($field, $out); )+ };
    (@build $input:ident $ty:ident $variant:ident ()) => { $ty::$variant };
    (@build $input:ident $ty:ident $variant:ident ($($field:ident),+)) => {
        $ty::$variant($( { let $field = $crate::codec::Codec::decode($input)?; $field } ),+)
    };
    (@build $input:ident $ty:ident $variant:ident {$($field:ident),+}) => {
        $ty::$variant { $( $field: $crate::codec::Codec::decode($input)? ),+ }
    };
}

// The macros above are in scope for `records` by their place in this file, and for the rest of the crate by name.
pub(crate) use {codec_enum, codec_struct};
mod facts;
mod records;
pub mod text;
