//! Enumerations: string and integer `enum`s (and a single-valued `x-const`) become forward-compatible Rust
//! enums; enumerations of other types stay their plain type, with the allowed values documented.

use crate::ir::{EnumValue, IntegerValue, TypeKind};
use crate::names::{Scope, type_name, variant_name};
use openapiv3::{Schema, SchemaKind, Type as OaType};

/// The values a schema is limited to, when they make a Rust enum.
pub enum Listed<'s> {
    /// `type: string` with `enum` (or a string `x-const`).
    Strings(Vec<&'s str>),
    /// `type: integer` with `enum` (or an integer `x-const`).
    Integers(Vec<i64>),
}

/// The string or integer values a schema lists; `None` when it lists none (`enum: [null]` lists none).
pub fn listed(schema: &Schema) -> Option<Listed<'_>> {
    let constant = schema.schema_data.extensions.get("x-const");
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(string)) => {
            let mut values: Vec<&str> = string
                .enumeration
                .iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if values.is_empty() {
                values.extend(constant.and_then(serde_json::Value::as_str));
            }
            (!values.is_empty()).then_some(Listed::Strings(values))
        }
        SchemaKind::Type(OaType::Integer(integer)) => {
            let mut values: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
            if values.is_empty() {
                values.extend(constant.and_then(serde_json::Value::as_i64));
            }
            (!values.is_empty()).then_some(Listed::Integers(values))
        }
        _ => None,
    }
}

/// Documentation of the values a schema allows when they do not make an enum (numbers, booleans, and
/// constants of other types): "Allowed values: `0.5`, `1.5`." or "Always `true`.".
pub fn allowed_values_note(schema: &Schema) -> Option<String> {
    if listed(schema).is_some() {
        return None;
    }
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(OaType::Number(number)) => number
            .enumeration
            .iter()
            .flatten()
            .map(f64::to_string)
            .collect(),
        SchemaKind::Type(OaType::Boolean(boolean)) => boolean
            .enumeration
            .iter()
            .flatten()
            .map(bool::to_string)
            .collect(),
        SchemaKind::Any(any) => any
            .enumeration
            .iter()
            .map(serde_json::Value::to_string)
            .collect(),
        _ => Vec::new(),
    };
    match (
        values.as_slice(),
        schema.schema_data.extensions.get("x-const"),
    ) {
        ([], Some(constant)) => Some(format!("Always `{constant}`.")),
        ([], None) => None,
        ([only], _) => Some(format!("Always `{only}`.")),
        (many, _) => {
            let quoted: Vec<String> = many.iter().map(|value| format!("`{value}`")).collect();
            Some(format!("Allowed values: {}.", quoted.join(", ")))
        }
    }
}

/// Names and docs given by extensions, by position: `x-enum-varnames` (or `x-enumNames`) and
/// `x-enum-descriptions`.
struct Extras {
    names: Vec<Option<String>>,
    descriptions: Vec<Option<String>>,
}

impl Extras {
    fn of(schema: &Schema) -> Self {
        let strings = |key: &str| -> Vec<Option<String>> {
            match schema.schema_data.extensions.get(key) {
                Some(serde_json::Value::Array(items)) => items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let mut names = strings("x-enum-varnames");
        if names.is_empty() {
            names = strings("x-enumNames");
        }
        Extras {
            names,
            descriptions: strings("x-enum-descriptions"),
        }
    }

    fn name(&self, index: usize) -> Option<String> {
        self.names
            .get(index)
            .cloned()
            .flatten()
            .filter(|name| !name.trim().is_empty())
            .map(|name| type_name(&name))
    }

    fn doc(&self, index: usize) -> Option<String> {
        self.descriptions.get(index).cloned().flatten()
    }
}

/// The kind of a schema that lists values.
pub fn enum_kind(schema: &Schema, listed: Listed<'_>) -> TypeKind {
    let extras = Extras::of(schema);
    let mut scope = Scope::default();
    match listed {
        Listed::Strings(values) => {
            let mut seen = std::collections::BTreeSet::new();
            let mut out = Vec::new();
            for (index, value) in values.iter().enumerate() {
                if !seen.insert(*value) {
                    continue;
                }
                let raw = if value.is_empty() { "Empty" } else { value };
                let name = extras.name(index).unwrap_or_else(|| variant_name(raw));
                out.push(EnumValue {
                    rust_name: scope.claim(&name),
                    wire: (*value).to_owned(),
                    doc: extras.doc(index),
                });
            }
            TypeKind::StringEnum {
                values: out,
                catch_all: scope.claim("Unknown"),
            }
        }
        Listed::Integers(values) => {
            let mut seen = std::collections::BTreeSet::new();
            let mut out = Vec::new();
            for (index, value) in values.iter().enumerate() {
                if !seen.insert(*value) {
                    continue;
                }
                // `1` is `Value1`, `-1` is `ValueMinus1`: a bare number is no identifier.
                let name = extras.name(index).unwrap_or_else(|| {
                    variant_name(&format!("value {value}").replace(" -", " minus "))
                });
                out.push(IntegerValue {
                    rust_name: scope.claim(&name),
                    wire: *value,
                    doc: extras.doc(index),
                });
            }
            TypeKind::IntegerEnum {
                values: out,
                catch_all: scope.claim("Unknown"),
            }
        }
    }
}
