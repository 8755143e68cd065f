//! One stable name per value of an enum without fields (its "slug"), and the list of every value, from one table
//! per enum: `slugs!(Kind { Repair => "Repair", Installation => "Installation" })` gives `Kind::ALL` in the
//! table's order, `kind.slug()` and `Kind::from_slug(text)`.
//!
//! The slugs are what URLs, form values and the page's test hooks carry: a bookmarked `/tickets?kind=Repair` must
//! open the same list after a variant is renamed, so a slug is written out, never derived from the variant's name.
//! The table lists every variant: `slug` matches exhaustively (a new variant does not compile until it has its
//! slug) and a slug written twice is an unreachable pattern in `from_slug` (a warning, which the build denies).
//!
//! Must not: name a value for people (that is `i18n`'s), or stand in for the stored layouts (the codec's tags are
//! their own, and frozen).

/// `slugs!(Type { Variant => "slug", … })`: `Type::ALL`, `slug` and `from_slug` for an enum without fields, every
/// variant listed once, in the order lists and choices show them.
macro_rules! slugs {
    ($ty:ident { $($variant:ident => $slug:literal),+ $(,)? }) => {
        // A type need not use all three: a private enum may only show its slug.
        #[allow(dead_code)]
        impl $ty {
            /// Every value, in the order lists and choices show them.
            pub const ALL: [$ty; [$($slug),+].len()] = [$($ty::$variant),+];

            /// The value's stable name in URLs, form values and test hooks.
            pub fn slug(self) -> &'static str {
                match self {
                    $($ty::$variant => $slug,)+
                }
            }

            /// The value named `slug`, if any.
            pub fn from_slug(slug: &str) -> Option<$ty> {
                match slug {
                    $($slug => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use slugs;
