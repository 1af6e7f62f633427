//! Swagger 2.0 schemas to 3.0: `x-nullable`, `type: file`, a `discriminator` that is a property name,
//! `x-ms-enum` value names and descriptions, `$ref`s to `#/definitions`, lists of types; and the schema of a non-body
//! parameter or header, made from the keywords written on it.

use super::Normalised;
use serde_json::{Map, Value};

/// The keywords of a 2.0 non-body parameter, header or `items` object that describe its value.
const VALUE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The schema of a 2.0 parameter, header or `items` object (its value keywords and extensions); nested
/// `items` are converted the same way, and their `collectionFormat` dropped (3.0 has no nested styles).
pub fn parameter_schema(mut parameter: Map<String, Value>) -> Map<String, Value> {
    let mut schema = Map::new();
    for key in VALUE_KEYS {
        let Some(value) = parameter.shift_remove(*key) else {
            continue;
        };
        let value = match (*key, value) {
            ("items", Value::Object(mut items)) => {
                items.shift_remove("collectionFormat");
                Value::Object(parameter_schema(items))
            }
            (_, value) => value,
        };
        schema.insert((*key).to_owned(), value);
    }
    if let Some(schema_ref) = parameter.shift_remove("$ref") {
        schema.insert("$ref".to_owned(), schema_ref);
    }
    for (key, value) in parameter {
        if key.starts_with("x-") {
            schema.insert(key, value);
        }
    }
    schema
}

/// Rewrites a `$ref` to a 2.0 section (`#/definitions/`, `#/parameters/`, `#/responses/`) to its 3.0
/// component.
pub fn rewrite_reference(node: &mut Value) {
    let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
        return;
    };
    let sections = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ];
    for (old, new) in sections {
        if let Some(rest) = reference.strip_prefix(old) {
            let rewritten = format!("{new}{rest}");
            if let Some(object) = node.as_object_mut() {
                object.insert("$ref".to_owned(), Value::String(rewritten));
            }
            return;
        }
    }
}

/// Converts one schema in place.
pub fn convert(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    if let Some(Value::String(reference)) = schema.get("$ref") {
        if let Some(rest) = reference.strip_prefix("#/definitions/") {
            let rewritten = format!("#/components/schemas/{rest}");
            schema.insert("$ref".to_owned(), Value::String(rewritten));
        }
    }
    if let Some(nullable) = schema.shift_remove("x-nullable") {
        if nullable == Value::Bool(true) {
            if schema.contains_key("$ref") {
                // A `$ref`'s siblings are ignored in 3.0: the nullable reference is written with allOf.
                if let Some(reference) = schema.shift_remove("$ref") {
                    let mut branch = Map::new();
                    branch.insert("$ref".to_owned(), reference);
                    schema.insert(
                        "allOf".to_owned(),
                        Value::Array(vec![Value::Object(branch)]),
                    );
                    out.map.record(format!("{pointer}/allOf/0"), pointer);
                }
            }
            schema.insert("nullable".to_owned(), Value::Bool(true));
            out.map.record(
                format!("{pointer}/nullable"),
                format!("{pointer}/x-nullable"),
            );
        }
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), Value::String("string".to_owned()));
        schema.insert("format".to_owned(), Value::String("binary".to_owned()));
    }
    if let Some(Value::String(property)) = schema.get("discriminator") {
        let mut discriminator = Map::new();
        discriminator.insert("propertyName".to_owned(), Value::String(property.clone()));
        schema.insert("discriminator".to_owned(), Value::Object(discriminator));
    }
    ms_enum(schema);
    // Swagger 2.0 forbids lists of types, but its schemas are JSON Schema draft 4, which has them, and
    // real documents use them (Slack's): they are read as in 3.1.
    super::schema31::tuple_items(schema, pointer, out);
    super::schema31::type_list(schema, pointer, out);
}

/// `x-ms-enum` (AutoRest) names and describes each value of an `enum`: its names become
/// `x-enum-varnames` and its descriptions `x-enum-descriptions`, when it covers the enum in order.
fn ms_enum(schema: &mut Map<String, Value>) {
    let Some(values) = schema
        .get("x-ms-enum")
        .and_then(|e| e.get("values"))
        .and_then(Value::as_array)
    else {
        return;
    };
    let Some(enumeration) = schema.get("enum").and_then(Value::as_array) else {
        return;
    };
    let in_order = values.len() == enumeration.len()
        && values
            .iter()
            .zip(enumeration)
            .all(|(v, e)| v.get("value") == Some(e));
    if !in_order {
        return;
    }
    let names: Option<Vec<Value>> = values
        .iter()
        .map(|v| v.get("name").filter(|n| n.is_string()).cloned())
        .collect();
    let descriptions: Vec<Value> = values
        .iter()
        .map(|v| {
            v.get("description")
                .filter(|d| d.is_string())
                .cloned()
                .unwrap_or_else(|| Value::String(String::new()))
        })
        .collect();
    let described = descriptions.iter().any(|d| d.as_str() != Some(""));
    if let Some(names) = names {
        schema
            .entry("x-enum-varnames")
            .or_insert(Value::Array(names));
    }
    if described {
        schema
            .entry("x-enum-descriptions")
            .or_insert(Value::Array(descriptions));
    }
}
