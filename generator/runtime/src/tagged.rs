//! Serde helpers for unions with a `discriminator`: the tag property picks the variant, and the variant's own
//! type still sees the whole object (its schema usually declares the tag property too).

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Reads an object and its tag; the object stays whole so the chosen variant can read the tag as well.
pub fn split<'de, D: Deserializer<'de>>(
    deserializer: D,
    property: &str,
) -> Result<(String, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    match value.get(property) {
        Some(Value::String(tag)) => Ok((tag.clone(), value)),
        _ => Err(D::Error::custom(format_args!(
            "expected an object with a string property `{property}`"
        ))),
    }
}

/// Reads the variant the tag chose from the whole object.
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// Writes a variant, adding the tag when its type did not write the property itself (or wrote `null`).
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    property: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(S::Error::custom)?;
    if let Value::Object(map) = &mut json {
        let slot = map.entry(property).or_insert(Value::Null);
        if slot.is_null() {
            *slot = Value::String(tag.to_owned());
        }
    }
    json.serialize(serializer)
}
