//! Exact decimals (`format: decimal`, `x-specgen-decimal`): `rust_decimal::Decimal` values read from and written
//! to JSON with every digit, as numbers or as strings, through `#[serde(with = "runtime::decimal")]` (numbers)
//! or `runtime::decimal::text` (strings) on every field that holds one (also inside `Option`, `Vec`, maps and
//! [`Nullable`]).
//!
//! Why our own glue: serde_json reads a number as `f64` unless its `arbitrary_precision` feature is on, and
//! rust_decimal's own serde code writes strings or floats depending on which of its features some crate of the
//! build turned on. Neither is ours to decide, so numbers are read from their JSON text (serde_json's raw value
//! protocol, which this crate turns on with serde_json's `raw_value` feature) and written as raw JSON text; the
//! same holds whatever features other crates enable. Strings are read and written as strings. Either way a
//! decimal is accepted in both forms when read.
//!
//! One limit, which serde sets: inside a value that serde buffers before deciding its shape (an untagged
//! union, a struct with a flattened map of extra properties), a JSON *number* has already been read as `f64`
//! when it reaches this code; it is then taken at its shortest `f64` spelling. Amounts sent as strings, and
//! numbers everywhere else, are exact.

use super::nullable::Nullable;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use std::collections::BTreeMap;

/// serde_json's name for its raw-value protocol (`serde_json::value::RawValue`): asked for a newtype of this
/// name, serde_json's deserializer hands over the value's JSON text as a one-entry map.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";
/// The key under which serde_json with `arbitrary_precision` hands over a number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// How a decimal travels in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A JSON number (`type: number`), written with every digit.
    Number,
    /// A JSON string (`type: string, format: decimal`).
    Text,
}

/// A decimal, or a container of decimals, that this module can read and write: `Decimal`, and `Option`,
/// `Vec`, `BTreeMap<String, _>`, `Nullable` and `Box` of such values.
pub trait DecimalShape: Sized {
    /// Writes the value in `form`.
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value (numbers and strings are both accepted).
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// `#[serde(with = "runtime::decimal")]`: writes JSON numbers.
pub fn serialize<T: DecimalShape, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.write(Form::Number, serializer)
}

/// `#[serde(with = "runtime::decimal")]`: reads JSON numbers (or strings) exactly.
pub fn deserialize<'de, T: DecimalShape, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::read(deserializer)
}

/// `#[serde(with = "runtime::decimal::text")]`: decimals that travel as JSON strings.
pub mod text {
    use super::{DecimalShape, Form};
    use serde::{Deserializer, Serializer};

    /// Writes JSON strings.
    pub fn serialize<T: DecimalShape, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.write(Form::Text, serializer)
    }

    /// Reads JSON strings (or numbers) exactly.
    pub fn deserialize<'de, T: DecimalShape, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::read(deserializer)
    }
}

/// A decimal value (or container) borrowed for writing in a given form: what generated code passes where a
/// parameter holds decimals, so that query, path, header and form values keep every digit too.
#[derive(Debug, Clone, Copy)]
pub struct Exact<'a, T: ?Sized>(&'a T, Form);

impl<'a, T: DecimalShape> Exact<'a, T> {
    /// Written as a JSON number.
    pub fn number(value: &'a T) -> Self {
        Exact(value, Form::Number)
    }

    /// Written as a JSON string.
    pub fn text(value: &'a T) -> Self {
        Exact(value, Form::Text)
    }
}

impl<T: DecimalShape> Serialize for Exact<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(self.1, serializer)
    }
}

/// A value read through [`DecimalShape::read`], for containers.
struct Read<T>(T);

impl<'de, T: DecimalShape> de::Deserialize<'de> for Read<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Read)
    }
}

impl DecimalShape for Decimal {
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.to_string();
        match form {
            Form::Text => serializer.serialize_str(&text),
            Form::Number => {
                // Plain notation with every digit is valid JSON number text; serde_json writes it as is.
                let raw = serde_json::value::RawValue::from_string(text)
                    .map_err(serde::ser::Error::custom)?;
                raw.serialize(serializer)
            }
        }
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, DecimalVisitor)
    }
}

impl<T: DecimalShape> DecimalShape for Option<T> {
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Exact(value, form)),
            None => serializer.serialize_none(),
        }
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value: Option<Read<T>> = de::Deserialize::deserialize(deserializer)?;
        Ok(value.map(|read| read.0))
    }
}

impl<T: DecimalShape> DecimalShape for Nullable<T> {
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(&Exact(value, form)),
            // `Absent` is skipped by the field attribute; written on its own it can only be null.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::read(deserializer).map(Nullable::from)
    }
}

impl<T: DecimalShape> DecimalShape for Vec<T> {
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|value| Exact(value, form)))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values: Vec<Read<T>> = de::Deserialize::deserialize(deserializer)?;
        Ok(values.into_iter().map(|read| read.0).collect())
    }
}

impl<T: DecimalShape> DecimalShape for BTreeMap<String, T> {
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, Exact(value, form))))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values: BTreeMap<String, Read<T>> = de::Deserialize::deserialize(deserializer)?;
        Ok(values
            .into_iter()
            .map(|(key, read)| (key, read.0))
            .collect())
    }
}

impl<T: DecimalShape> DecimalShape for Box<T> {
    fn write<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).write(form, serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Box::new)
    }
}

/// Parses a decimal from JSON number text or a string's content: plain (`12.50`) or scientific (`1.25e1`)
/// notation. More digits than a `Decimal` holds (28) is an error, never a rounding.
pub fn parse(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let parsed = if trimmed.contains(['e', 'E']) {
        Decimal::from_scientific(trimmed)
    } else {
        Decimal::from_str_exact(trimmed)
    };
    parsed.map_err(|error| format!("{text:?} is not an exact decimal: {error}"))
}

/// Reads a decimal from whatever the deserializer offers: its raw JSON text (serde_json), a string, an integer,
/// or, where serde buffered the value, a float.
struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a decimal number or a string holding one")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Decimal, E> {
        parse(value).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(value, 0).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        // Only reached for values serde buffered (see the module docs): the float's shortest spelling.
        match serde_json::Number::from_f64(value) {
            Some(number) => parse(&number.to_string()).map_err(E::custom),
            None => Err(E::custom(format!("{value} is not a decimal"))),
        }
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        // serde_json's raw value (or, with `arbitrary_precision`, its number): one entry holding the JSON text.
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom("expected a decimal, found an object"));
        };
        if key != RAW_VALUE_TOKEN && key != NUMBER_TOKEN {
            return Err(de::Error::custom("expected a decimal, found an object"));
        }
        let text: String = map.next_value()?;
        if text.trim_start().starts_with('"') {
            let inner: String = serde_json::from_str(&text).map_err(de::Error::custom)?;
            return parse(&inner).map_err(de::Error::custom);
        }
        if text.trim_start().starts_with(['{', '[', 't', 'f', 'n']) {
            return Err(de::Error::custom(format!(
                "expected a decimal, found {}",
                text.trim()
            )));
        }
        parse(&text).map_err(de::Error::custom)
    }
}
