//! Schema checks: `type` must exist, `format` must be one specgen knows for the type, and `default`,
//! `example` and `enum` values must fit the schema.
//!
//! An unknown type is an error (the value's shape is unknown). The rest are warnings: a format specgen does
//! not know gives the type's plain Rust type, and defaults and examples are only ever documentation, so a
//! spec with a wrong one still generates correct code; the warning says what was ignored.

use super::{closest, short};
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// The types of OpenAPI 3.0 (`null` is OpenAPI 3.1, accepted as the null alternative of a union).
const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object"];

/// String formats specgen maps to a type of their own.
const STRING_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "byte",
    "binary",
    "password",
    "uuid",
    "decimal",
];

/// String formats of OpenAPI and JSON Schema that are plain strings in Rust, knowingly.
const PLAIN_STRING_FORMATS: &[&str] = &[
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "url",
    "time",
    "duration",
    "regex",
    "json-pointer",
    "relative-json-pointer",
];

/// How deep `$ref`s and nested values are followed when checking a value against a schema.
const MAX_DEPTH: usize = 16;

/// Checks one schema object at `pointer`.
pub fn check(
    document: &Value,
    schema: &Map<String, Value>,
    pointer: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let ty = schema.get("type");
    match ty {
        None => {}
        Some(Value::String(name)) if TYPES.contains(&name.as_str()) || name == "null" => {}
        Some(Value::String(name)) => {
            let hint = match closest(name, TYPES) {
                Some(near) => format!("did you mean `type: {near}`?"),
                None => format!("the types are {}", TYPES.join(", ")),
            };
            problems.push(
                Diagnostic::error(
                    format!("{pointer}/type"),
                    format!("type {name:?} does not exist"),
                )
                .with_hint(hint),
            );
        }
        Some(Value::Array(_)) => problems.push(
            Diagnostic::error(
                format!("{pointer}/type"),
                "a list of types is OpenAPI 3.1; OpenAPI 3.0 takes one type",
            )
            .with_hint("write one type, and `nullable: true` for a list with \"null\""),
        ),
        Some(other) => problems.push(
            Diagnostic::error(
                format!("{pointer}/type"),
                format!("type must be a string, found {}", kind_of(other)),
            )
            .with_hint(format!("the types are {}", TYPES.join(", "))),
        ),
    }
    let ty = ty.and_then(Value::as_str);
    if let Some(format) = schema.get("format") {
        check_format(ty, format, pointer, problems);
    }
    for (index, value) in schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(ty) = ty else { break };
        if value.is_null() || fits_type(ty, value) {
            continue;
        }
        problems.push(
            Diagnostic::warning(
                format!("{pointer}/enum/{index}"),
                format!(
                    "enum value {} is not of type {ty}; it cannot be represented",
                    short(value)
                ),
            )
            .with_hint(format!("write the value as {}", article(ty))),
        );
    }
    for key in ["default", "example"] {
        let Some(value) = schema.get(key) else {
            continue;
        };
        if let Some(reason) = misfit(document, schema, value, 0) {
            problems.push(
                Diagnostic::warning(
                    format!("{pointer}/{key}"),
                    format!(
                        "the {key} {} does not fit its schema: {reason}; it is only documented",
                        short(value)
                    ),
                )
                .with_hint(format!("fix the {key}, or the schema")),
            );
        }
    }
}

/// The `example` beside the `schema` of a parameter, header or media type must fit that schema.
pub fn check_example_beside(
    document: &Value,
    node: &Map<String, Value>,
    pointer: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let (Some(example), Some(Value::Object(schema))) = (node.get("example"), node.get("schema"))
    else {
        return;
    };
    if let Some(reason) = misfit(document, schema, example, 0) {
        problems.push(
            Diagnostic::warning(
                format!("{pointer}/example"),
                format!(
                    "the example {} does not fit its schema: {reason}; it is only documented",
                    short(example)
                ),
            )
            .with_hint("fix the example, or the schema"),
        );
    }
}

fn check_format(ty: Option<&str>, format: &Value, pointer: &str, problems: &mut Vec<Diagnostic>) {
    let at = format!("{pointer}/format");
    let Some(format) = format.as_str() else {
        problems.push(Diagnostic::warning(
            at,
            format!(
                "format must be a string, found {}; it is ignored",
                kind_of(format)
            ),
        ));
        return;
    };
    let known: &[&str] = match ty {
        Some("integer") => &["int32", "int64"],
        Some("number") => &["float", "double", "decimal"],
        Some("string") => STRING_FORMATS,
        _ => return,
    };
    if known.contains(&format) || (ty == Some("string") && PLAIN_STRING_FORMATS.contains(&format)) {
        return;
    }
    let all: Vec<&str> = known
        .iter()
        .chain(PLAIN_STRING_FORMATS.iter().filter(|_| ty == Some("string")))
        .copied()
        .collect();
    let fallback = match ty {
        Some("integer") => "an i64",
        Some("number") => "an f64",
        _ => "a String",
    };
    let hint = match closest(format, &all) {
        Some(near) => format!("did you mean `format: {near}`?"),
        None => format!("specgen knows {}", known.join(", ")),
    };
    problems.push(
        Diagnostic::warning(
            at,
            format!(
                "format {format:?} is not a known {} format; the value is {fallback}",
                ty.unwrap_or_default()
            ),
        )
        .with_hint(hint),
    );
}

/// Why `value` does not fit `schema`, if it does not (only what can be told without a validator:
/// type, enum, nullability, array items and object properties, through local `$ref`s).
fn misfit(
    document: &Value,
    schema: &Map<String, Value>,
    value: &Value,
    depth: usize,
) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = document.pointer(&crate::bundle::files::percent_decode(
            reference.strip_prefix('#')?,
        ))?;
        return misfit(document, target.as_object()?, value, depth + 1);
    }
    if value.is_null() {
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        let listed = schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e.contains(value));
        return (!nullable && !listed && schema.contains_key("type"))
            .then(|| "null, but the schema is not nullable".to_owned());
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(value) {
            return Some("it is not one of the enum values".to_owned());
        }
    }
    let ty = schema.get("type").and_then(Value::as_str)?;
    if !fits_type(ty, value) {
        return Some(format!(
            "{} where the schema's type is {ty}",
            kind_of(value)
        ));
    }
    match value {
        Value::Array(items) => {
            let item_schema = schema.get("items").and_then(Value::as_object)?;
            items.iter().enumerate().find_map(|(index, item)| {
                misfit(document, item_schema, item, depth + 1)
                    .map(|why| format!("item {index}: {why}"))
            })
        }
        Value::Object(members) => {
            let properties = schema.get("properties").and_then(Value::as_object)?;
            members.iter().find_map(|(name, member)| {
                let property = properties.get(name)?.as_object()?;
                misfit(document, property, member, depth + 1)
                    .map(|why| format!("property {name:?}: {why}"))
            })
        }
        _ => None,
    }
}

/// Whether a JSON value is of an OpenAPI type (integers written `5.0` count as integers).
fn fits_type(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

/// How a problem names the kind of a value.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn article(ty: &str) -> String {
    match ty {
        "integer" | "array" | "object" => format!("an {ty}"),
        _ => format!("a {ty}"),
    }
}
