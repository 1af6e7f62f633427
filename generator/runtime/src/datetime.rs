//! Serde helpers for timestamps that may lack a zone offset (`x-specgen-assume-utc`): such values are read as UTC.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Parses RFC 3339, or an ISO 8601 date-time without offset taken as UTC.
pub fn parse_assume_utc(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match DateTime::parse_from_rfc3339(text) {
        Ok(time) => Ok(time.with_timezone(&Utc)),
        Err(error) => match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
            Ok(naive) => Ok(naive.and_utc()),
            Err(_) => Err(error),
        },
    }
}

/// `#[serde(with)]` module for `DateTime<Utc>` fields.
pub mod assume_utc {
    use super::*;

    /// Writes RFC 3339.
    pub fn serialize<S: Serializer>(
        value: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_rfc3339())
    }

    /// Reads RFC 3339 or a zone-less date-time as UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_assume_utc(&text).map_err(serde::de::Error::custom)
    }
}

/// `#[serde(with)]` module for `Option<DateTime<Utc>>` fields.
pub mod assume_utc_option {
    use super::*;

    /// Writes RFC 3339 or null.
    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(time) => serializer.serialize_str(&time.to_rfc3339()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads RFC 3339, a zone-less date-time as UTC, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse_assume_utc(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

/// `#[serde(with)]` module for `Nullable<DateTime<Utc>>` fields (optional and nullable).
pub mod assume_utc_nullable {
    use super::super::nullable::Nullable;
    use super::*;

    /// Writes RFC 3339 or null (an absent value is skipped by the field attribute).
    pub fn serialize<S: Serializer>(
        value: &Nullable<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::assume_utc_option::serialize(&value.value().copied(), serializer)
    }

    /// Reads RFC 3339, a zone-less date-time as UTC, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Nullable<DateTime<Utc>>, D::Error> {
        super::assume_utc_option::deserialize(deserializer).map(Nullable::from)
    }
}
