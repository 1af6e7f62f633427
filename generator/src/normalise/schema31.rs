//! One OpenAPI 3.1 (JSON Schema 2020-12) schema object to its OpenAPI 3.0 form: type lists, `const`,
//! `examples`, numeric exclusive bounds, `$ref` beside other keywords, `contentEncoding` and
//! `contentMediaType`, boolean schemas. Keywords 3.0 has no form for are dropped with a located warning
//! naming the fallback.

use super::Normalised;
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// Keywords that only identify or annotate a schema for JSON Schema tools; dropped without a word.
const SILENT: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
];

/// Keywords 3.0 cannot express, with the fallback each leaves (the schema is read without them).
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "if",
        "the schema is read without its `if`/`then`/`else` condition",
    ),
    (
        "then",
        "the schema is read without its `if`/`then`/`else` condition",
    ),
    (
        "else",
        "the schema is read without its `if`/`then`/`else` condition",
    ),
    (
        "prefixItems",
        "the array's items are read as `items` says, or as any JSON value",
    ),
    (
        "unevaluatedProperties",
        "properties the schema does not name are accepted as they come",
    ),
    ("unevaluatedItems", "items are read as `items` says"),
    (
        "dependentSchemas",
        "the schema is read without its dependent schemas",
    ),
    (
        "dependentRequired",
        "the properties it names are read as optional",
    ),
    (
        "patternProperties",
        "properties matching the patterns are read as `additionalProperties` says",
    ),
    ("propertyNames", "property names are not checked"),
    ("contains", "the array's items are read as `items` says"),
    ("minContains", "the array's items are read as `items` says"),
    ("maxContains", "the array's items are read as `items` says"),
    ("$dynamicRef", "the schema is read as any JSON value"),
];

/// Keywords that belong to one JSON type: a union made from a list of types gives each branch its own.
fn keywords_of(ty: &str) -> &'static [&'static str] {
    match ty {
        "string" => &["format", "pattern", "minLength", "maxLength"],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        _ => &[],
    }
}

/// Converts the schema at `pointer` in place; its children are visited afterwards by the walker.
pub fn convert(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    for key in SILENT {
        schema.shift_remove(*key);
    }
    for (key, fallback) in UNSUPPORTED {
        if schema.shift_remove(*key).is_some() {
            out.problems.push(
                Diagnostic::warning(
                    format!("{pointer}/{}", crate::diagnostics::pointer_token(key)),
                    format!("`{key}` (JSON Schema 2020-12) has no OpenAPI 3.0 form; {fallback}"),
                )
                .with_hint("the generated type may accept values the schema forbids"),
            );
        }
    }
    malformed_type(schema, pointer, out);
    tuple_items(schema, pointer, out);
    boolean_schemas(schema);
    examples(schema, pointer, out);
    constant(schema, pointer, out);
    exclusive_bound(schema, pointer, "exclusiveMinimum", "minimum", out);
    exclusive_bound(schema, pointer, "exclusiveMaximum", "maximum", out);
    content(schema, pointer, out);
    if schema.contains_key("$ref") {
        reference_with_siblings(schema, pointer, out);
    } else {
        type_list(schema, pointer, out);
    }
}

/// A `type` that is neither a name nor a list of names makes the schema say nothing a reader can use
/// (JSON Schema tools reject it): it is dropped, the value read as any JSON value.
fn malformed_type(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    let well_formed = match schema.get("type") {
        None | Some(Value::String(_)) => true,
        Some(Value::Array(types)) => types.iter().all(Value::is_string),
        Some(_) => false,
    };
    if well_formed {
        return;
    }
    if let Some(ty) = schema.shift_remove("type") {
        out.problems.push(
            Diagnostic::warning(
                format!("{pointer}/type"),
                format!(
                    "type must be a type name or a list of them, found {}; the value is read as any JSON value",
                    crate::validate::short(&ty)
                ),
            )
            .with_hint("write `type: string` (or a list such as `type: [string, \"null\"]`)"),
        );
    }
}

/// `items` as a list of schemas (draft 4 tuples, 2020-12's `prefixItems`) has no 3.0 form: the array's
/// items are read as any JSON value.
pub(super) fn tuple_items(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    if !schema.get("items").is_some_and(Value::is_array) {
        return;
    }
    schema.shift_remove("items");
    out.problems.push(
        Diagnostic::warning(
            format!("{pointer}/items"),
            "`items` is a list of schemas (a tuple), which OpenAPI 3.0 cannot express; the items are read as any JSON value",
        )
        .with_hint("write one schema for every item (a oneOf of the alternatives, if that is what is meant)"),
    );
}

/// `true` (any value) and `false` (no value) may stand for schemas in 2020-12; 3.0 reads `{}` for either,
/// and an `items: false` (no items past `prefixItems`) goes, as `prefixItems` does.
fn boolean_schemas(schema: &mut Map<String, Value>) {
    if schema.get("items").is_some_and(Value::is_boolean) {
        schema.shift_remove("items");
    }
    let any = || Value::Object(Map::new());
    for key in ["not"] {
        if let Some(value) = schema.get_mut(key).filter(|v| v.is_boolean()) {
            *value = any();
        }
    }
    for key in ["properties", "$defs"] {
        for (_, value) in schema
            .get_mut(key)
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            if value.is_boolean() {
                *value = any();
            }
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for value in schema
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if value.is_boolean() {
                *value = any();
            }
        }
    }
}

/// `examples` (a list in 2020-12) becomes 3.0's single `example`: the first one.
fn examples(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    if !schema.get("examples").is_some_and(Value::is_array) {
        return;
    }
    let Some(Value::Array(examples)) = schema.shift_remove("examples") else {
        return;
    };
    if schema.contains_key("example") {
        return;
    }
    if let Some(first) = examples.into_iter().next() {
        schema.insert("example".to_owned(), first);
        out.map.record(
            format!("{pointer}/example"),
            format!("{pointer}/examples/0"),
        );
    }
}

/// `const: v` is a one-value `enum`; a schema without a type takes the value's.
fn constant(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    let Some(value) = schema.shift_remove("const") else {
        return;
    };
    if !schema.contains_key("type") {
        let ty = match &value {
            Value::String(_) => Some("string"),
            Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            Value::Bool(_) => Some("boolean"),
            _ => None,
        };
        if let Some(ty) = ty {
            schema.insert("type".to_owned(), Value::String(ty.to_owned()));
            out.map
                .record(format!("{pointer}/type"), format!("{pointer}/const"));
        }
    }
    if !schema.contains_key("enum") {
        schema.insert("enum".to_owned(), Value::Array(vec![value]));
        out.map
            .record(format!("{pointer}/enum"), format!("{pointer}/const"));
        out.map
            .record(format!("{pointer}/enum/0"), format!("{pointer}/const"));
    }
}

/// A numeric `exclusiveMinimum: n` (2020-12) is 3.0's `minimum: n` with `exclusiveMinimum: true`, unless an
/// inclusive bound beside it is stricter.
fn exclusive_bound(
    schema: &mut Map<String, Value>,
    pointer: &str,
    exclusive: &str,
    inclusive: &str,
    out: &mut Normalised,
) {
    let Some(bound) = schema.get(exclusive).and_then(Value::as_f64) else {
        return;
    };
    let Some(number) = schema.shift_remove(exclusive) else {
        return;
    };
    let stricter = schema
        .get(inclusive)
        .and_then(Value::as_f64)
        .is_some_and(|other| {
            if inclusive == "minimum" {
                other > bound
            } else {
                other < bound
            }
        });
    if stricter {
        return;
    }
    schema.insert(inclusive.to_owned(), number);
    schema.insert(exclusive.to_owned(), Value::Bool(true));
    out.map.record(
        format!("{pointer}/{inclusive}"),
        format!("{pointer}/{exclusive}"),
    );
}

/// `contentEncoding: base64` is 3.0's `format: byte`; a `contentMediaType` without an encoding is raw
/// content, 3.0's `format: binary`.
fn content(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    let encoding = schema.shift_remove("contentEncoding");
    let media_type = schema.shift_remove("contentMediaType");
    if schema.contains_key("format") {
        return;
    }
    let is_string = match schema.get("type") {
        None => true,
        Some(Value::String(ty)) => ty == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        Some(_) => false,
    };
    if !is_string {
        return;
    }
    let (format, from) = match (encoding.as_ref().and_then(Value::as_str), &media_type) {
        (Some("base64" | "base64url"), _) => ("byte", "contentEncoding"),
        (None, Some(_)) => ("binary", "contentMediaType"),
        _ => return,
    };
    schema.insert("format".to_owned(), Value::String(format.to_owned()));
    if !schema.contains_key("type") {
        schema.insert("type".to_owned(), Value::String("string".to_owned()));
    }
    out.map
        .record(format!("{pointer}/format"), format!("{pointer}/{from}"));
}

/// In 3.1 a `$ref` may have siblings, which 3.0 ignores: 3.0 says the same with `allOf: [{$ref}]` beside
/// them. `summary` and `description` override the referenced schema's (a `summary` documents the place
/// when there is no description); other keywords constrain the referenced schema further.
fn reference_with_siblings(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    if let Some(summary) = schema.shift_remove("summary") {
        if !schema.contains_key("description") {
            schema.insert("description".to_owned(), summary);
            out.map.record(
                format!("{pointer}/description"),
                format!("{pointer}/summary"),
            );
        }
    }
    let meaningful = |key: &str| !matches!(key, "$ref" | "$defs") && !key.starts_with("x-");
    if !schema.keys().any(|key| meaningful(key)) {
        return;
    }
    let Some(reference) = schema.shift_remove("$ref") else {
        return;
    };
    let mut branch = Map::new();
    branch.insert("$ref".to_owned(), reference);
    let mut all_of = vec![Value::Object(branch)];
    if let Some(Value::Array(existing)) = schema.shift_remove("allOf") {
        all_of.extend(existing);
    }
    schema.insert("allOf".to_owned(), Value::Array(all_of));
    out.map.record(format!("{pointer}/allOf/0"), pointer);
    // A list of types beside a `$ref` still says whether null is allowed.
    type_list(schema, pointer, out);
}

/// A list of types: `"null"` among them is `nullable: true`; one other type is that type; several are a
/// `oneOf` with a branch per type, each with the keywords that belong to it.
pub(super) fn type_list(schema: &mut Map<String, Value>, pointer: &str, out: &mut Normalised) {
    let Some(Value::Array(types)) = schema.get("type") else {
        return;
    };
    let Some(names) = types
        .iter()
        .map(|t| t.as_str().map(str::to_owned))
        .collect::<Option<Vec<String>>>()
    else {
        // Not a list of names: validate reports it where it is.
        return;
    };
    let nullable = names.iter().any(|n| n == "null");
    let mut others: Vec<String> = Vec::new();
    for name in names.iter().filter(|n| *n != "null") {
        if !others.contains(name) {
            others.push(name.clone());
        }
    }
    let at_type = format!("{pointer}/type");
    if nullable && !others.is_empty() {
        schema.insert("nullable".to_owned(), Value::Bool(true));
        out.map
            .record(format!("{pointer}/nullable"), at_type.clone());
    }
    match others.as_slice() {
        [] if nullable => {
            schema.insert("type".to_owned(), Value::String("null".to_owned()));
        }
        [] => {
            schema.shift_remove("type");
        }
        [one] => {
            schema.insert("type".to_owned(), Value::String(one.clone()));
        }
        several => {
            if schema.contains_key("oneOf")
                || schema.contains_key("anyOf")
                || schema.contains_key("$ref")
                || schema.contains_key("allOf")
            {
                // Already a composition: the first type is kept, as 3.0 can hold only one beside it.
                schema.insert(
                    "type".to_owned(),
                    Value::String(several.first().cloned().unwrap_or_default()),
                );
                out.problems.push(
                    Diagnostic::warning(
                        at_type,
                        "a list of several types beside a composition has no OpenAPI 3.0 form; the first type is kept",
                    )
                    .with_hint("write the alternatives as oneOf branches"),
                );
                return;
            }
            let several = several.to_vec();
            schema.shift_remove("type");
            let mut branches = Vec::new();
            for (index, ty) in several.iter().enumerate() {
                let written = names.iter().position(|n| n == ty).unwrap_or(index);
                let mut branch = Map::new();
                branch.insert("type".to_owned(), Value::String(ty.clone()));
                for key in keywords_of(ty) {
                    if *key == "format" && !format_belongs(schema.get("format"), ty, &several) {
                        continue;
                    }
                    if let Some(value) = schema.get(*key) {
                        branch.insert((*key).to_owned(), value.clone());
                        out.map.record(
                            format!("{pointer}/oneOf/{index}/{key}"),
                            format!("{pointer}/{key}"),
                        );
                    }
                }
                if let Some(Value::Array(values)) = schema.get("enum") {
                    let fitting: Vec<Value> =
                        values.iter().filter(|v| fits(ty, v)).cloned().collect();
                    if !fitting.is_empty() {
                        branch.insert("enum".to_owned(), Value::Array(fitting));
                    }
                }
                out.map.record(
                    format!("{pointer}/oneOf/{index}"),
                    format!("{pointer}/type/{written}"),
                );
                branches.push(Value::Object(branch));
            }
            for key in several.iter().flat_map(|ty| keywords_of(ty)) {
                schema.shift_remove(*key);
            }
            schema.shift_remove("enum");
            schema.insert("oneOf".to_owned(), Value::Array(branches));
        }
    }
}

/// Whether the `format` beside a list of types belongs to the branch of type `ty`: a numeric format to the
/// numeric branches, any other to the string branch (or, without one, to the first branch).
fn format_belongs(format: Option<&Value>, ty: &str, types: &[String]) -> bool {
    let numeric = format
        .and_then(Value::as_str)
        .is_some_and(|f| matches!(f, "int32" | "int64" | "float" | "double"));
    let numeric_type = matches!(ty, "integer" | "number");
    if numeric {
        return numeric_type;
    }
    if types.iter().any(|t| t == "string") {
        ty == "string"
    } else {
        types.first().is_some_and(|first| first == ty)
    }
}

/// Whether an enum value belongs to a branch of JSON type `ty`.
fn fits(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}
