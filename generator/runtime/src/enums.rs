//! Open enums: what a generated enum's impls do, written once. A generated enum lists its variants and
//! states its wire values once, in one [`string_enum!`] or [`integer_enum!`] line; the macro writes the two
//! matches between variants and values (`as_str`/`value` and `From`), and `Display`, `FromStr` and serde
//! impls that are one-line calls to the functions here, so that every enum of an API does not carry (and
//! the compiler does not check) its own copy of each body.
//!
//! An open enum keeps values it does not list in a catch-all variant, so a server adding a value never
//! breaks reading an answer; the value is written back as it was read.

use serde::{Deserialize, Deserializer, Serializer};
use std::convert::Infallible;
use std::fmt;

/// An enum whose wire values are strings: `From<String>` gives the listed variant for a value, else the
/// catch-all holding it; `Into<String>` gives the value back (the catch-all's string moved out).
pub trait StringEnum: Sized + From<String> + Into<String> {
    /// The value as it travels on the wire.
    fn wire(&self) -> &str;
}

/// An enum whose wire values are integers, converted as a [`StringEnum`] is.
pub trait IntegerEnum: Sized + Copy + From<i64> + Into<i64> {
    /// The value as it travels on the wire.
    fn wire(self) -> i64;
}

/// `Serialize` of a string enum: its wire value.
pub fn serialize_str<E: StringEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.wire())
}

/// `Deserialize` of a string enum: any string, listed or not (anything else is an error).
pub fn deserialize_str<'de, E: StringEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    String::deserialize(deserializer).map(E::from)
}

/// `Display` of a string enum: its wire value.
pub fn display_str<E: StringEnum>(value: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(value.wire())
}

/// `FromStr` of a string enum: never fails, an unlisted value is kept in the catch-all.
pub fn parse_str<E: StringEnum>(value: &str) -> Result<E, Infallible> {
    Ok(E::from(value.to_owned()))
}

/// `Serialize` of an integer enum: its wire value.
pub fn serialize_int<E: IntegerEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(value.wire())
}

/// `Deserialize` of an integer enum: any `i64`, listed or not (a string or a fraction is an error).
pub fn deserialize_int<'de, E: IntegerEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    i64::deserialize(deserializer).map(E::from)
}

/// `Display` of an integer enum: its wire value in decimal.
pub fn display_int<E: IntegerEnum>(value: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    fmt::Display::fmt(&value.wire(), f)
}

/// Implements an open string enum from its catch-all variant and `Variant("wire")` pairs: `as_str`,
/// [`StringEnum`], `From<String>`, `From<Enum> for String`, `Display`, `FromStr`, `Serialize` and
/// `Deserialize`. The first argument is the name the invoking module knows this runtime by (generated
/// modules call it `runtime`), so that the expansion works for the crate and for an embedded copy alike.
/// (`tests/enums.rs` shows it; an example here would be copied into every embedded runtime's docs.)
pub use crate::__string_enum as string_enum;

/// Implements an open integer enum from its catch-all variant and `Variant(wire)` pairs: `value`,
/// [`IntegerEnum`], `From<i64>`, `From<Enum> for i64`, `Display`, `Serialize` and `Deserialize`. The first
/// argument names this runtime, as for [`string_enum!`].
pub use crate::__integer_enum as integer_enum;

// Exported at this crate's root, which `crate::` names; only the re-exports above are meant to be used. An
// embedded copy keeps them in its own module instead (generator/src/emit/runtime.rs).
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($rt:ident, $name:ident, $other:ident $(, $variant:ident($wire:literal))* $(,)?) => {
        impl $name {
            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => value,
                }
            }
        }
        impl $rt::enums::StringEnum for $name {
            fn wire(&self) -> &str {
                self.as_str()
            }
        }
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$other(value),
                }
            }
        }
        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                match value {
                    $name::$other(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $rt::enums::display_str(self, f)
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            // Not `Self::Err`: a variant called `Err` (the wire value "err") would make that ambiguous.
            fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                $rt::enums::parse_str(value)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $rt::enums::serialize_str(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $rt::enums::deserialize_str(deserializer)
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __integer_enum {
    ($rt:ident, $name:ident, $other:ident $(, $variant:ident($wire:literal))* $(,)?) => {
        impl $name {
            /// The value as it travels on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => value,
                }
            }
        }
        impl $rt::enums::IntegerEnum for $name {
            fn wire(self) -> i64 {
                self.value()
            }
        }
        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    _ => Self::$other(value),
                }
            }
        }
        impl ::std::convert::From<$name> for i64 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $rt::enums::display_int(self, f)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $rt::enums::serialize_int(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $rt::enums::deserialize_int(deserializer)
            }
        }
    };
}
