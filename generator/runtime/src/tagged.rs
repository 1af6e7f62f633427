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

/// Writes a variant, adding the tag when its type did not write the property itself (or wrote `null`). Members
/// are passed on as the JSON text the variant wrote (never through `f64`), so decimals stay exact.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    property: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let json = serde_json::to_string(value).map_err(S::Error::custom)?;
    if !json.starts_with('{') {
        let raw = serde_json::value::RawValue::from_string(json).map_err(S::Error::custom)?;
        return raw.serialize(serializer);
    }
    let members = super::params::raw_members(&json).map_err(S::Error::custom)?;
    let tagged = members
        .iter()
        .any(|(key, raw)| key == property && raw.get() != "null");
    let mut map = serializer.serialize_map(None)?;
    let mut wrote_tag = false;
    for (key, raw) in &members {
        if key == property && !tagged {
            map.serialize_entry(key, tag)?;
            wrote_tag = true;
        } else {
            map.serialize_entry(key, raw)?;
        }
    }
    if !tagged && !wrote_tag {
        map.serialize_entry(property, tag)?;
    }
    map.end()
}
