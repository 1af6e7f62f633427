//! Swagger 2.0 operations to 3.0: `in: body` and `in: formData` parameters become the request body (with
//! the operation's `consumes`), the other parameters take a `schema` and a `style`/`explode` from their
//! `collectionFormat`, and responses take `content` from `produces`.

use super::Normalised;
use super::swagger2_schemas::{parameter_schema, rewrite_reference};
use crate::diagnostics::{Diagnostic, pointer_token};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What a Swagger 2.0 document says for all its operations.
pub struct Context {
    /// The document's `consumes`.
    pub consumes: Option<Vec<String>>,
    /// The document's `produces`.
    pub produces: Option<Vec<String>>,
}

/// A form of fields (`in: formData` parameters are sent as one of the two form types).
const URLENCODED: &str = "application/x-www-form-urlencoded";
/// A form of parts, which can carry files.
const MULTIPART: &str = "multipart/form-data";
/// The form media types of 2.0.
const FORM_TYPES: &[&str] = &[URLENCODED, MULTIPART];

/// Keys of a parameter that stay on the 3.0 parameter (the rest describe its value: its schema).
const PARAMETER_KEYS: &[&str] = &[
    "name",
    "in",
    "description",
    "required",
    "allowEmptyValue",
    "deprecated",
];

/// A parameter that is a `$ref` to a global body or form parameter is replaced by a copy of it (with the
/// pointer it was written at); a `$ref` to another global parameter names its 3.0 component.
pub fn resolve(
    parameter: Value,
    origin: String,
    bodies: &BTreeMap<String, Value>,
    out: &mut Normalised,
) -> (Value, String) {
    let Some(reference) = parameter.get("$ref").and_then(Value::as_str) else {
        return (parameter, origin);
    };
    if let Some(name) = reference.strip_prefix("#/parameters/") {
        let name = crate::bundle::files::percent_decode(name)
            .replace("~1", "/")
            .replace("~0", "~");
        if let Some(copy) = bodies.get(&name).and_then(|body| out.copy(body, &origin)) {
            return (copy, format!("/parameters/{}", pointer_token(&name)));
        }
    }
    let mut parameter = parameter;
    rewrite_reference(&mut parameter);
    (parameter, origin)
}

/// One operation, in place.
pub fn operation(
    value: &mut Value,
    at: &str,
    context: &Context,
    bodies: &BTreeMap<String, Value>,
    shared_bodies: &[(Value, String)],
    out: &mut Normalised,
) {
    let Some(operation) = value.as_object_mut() else {
        return;
    };
    let own_consumes = super::swagger2::media_types(operation.shift_remove("consumes"));
    let consumes: &[String] = own_consumes
        .as_deref()
        .or(context.consumes.as_deref())
        .unwrap_or_default();
    let own_produces = super::swagger2::media_types(operation.shift_remove("produces"));
    let produces: &[String] = own_produces
        .as_deref()
        .or(context.produces.as_deref())
        .unwrap_or_default();
    operation.shift_remove("schemes");
    let parameters = match operation.shift_remove("parameters") {
        Some(Value::Array(parameters)) => parameters,
        _ => Vec::new(),
    };
    let mut kept = Vec::new();
    let mut body: Option<(Value, String)> = None;
    let mut form: Vec<(Value, String)> = Vec::new();
    let own: Vec<(Value, String)> = parameters
        .into_iter()
        .enumerate()
        .map(|(index, p)| resolve(p, format!("{at}/parameters/{index}"), bodies, out))
        .collect();
    // An operation's own body or form field overrides the path's of the same name.
    let overridden = |p: &Value| {
        own.iter().any(|(o, _)| {
            o.get("name") == p.get("name") && o.get("in") == p.get("in") && p.get("name").is_some()
        })
    };
    let mut shared: Vec<(Value, String)> = Vec::new();
    for (parameter, origin) in shared_bodies.iter().filter(|(p, _)| !overridden(p)) {
        if let Some(copy) = out.copy(parameter, origin) {
            shared.push((copy, origin.clone()));
        }
    }
    for (parameter, origin) in shared.into_iter().chain(own) {
        match parameter.get("in").and_then(Value::as_str) {
            Some("body") => body = Some((parameter, origin)),
            Some("formData") => form.push((parameter, origin)),
            _ => {
                let to = format!("{at}/parameters/{}", kept.len());
                out.map.record(to.clone(), origin.clone());
                kept.push(convert_parameter(parameter, &to, &origin, out));
            }
        }
    }
    if !kept.is_empty() {
        operation.insert("parameters".to_owned(), Value::Array(kept));
    }
    let at_body = format!("{at}/requestBody");
    if let Some((parameter, origin)) = body {
        operation.insert(
            "requestBody".to_owned(),
            body_parameter(parameter, &at_body, &origin, consumes, out),
        );
    } else if !form.is_empty() {
        operation.insert(
            "requestBody".to_owned(),
            form_body(form, &at_body, consumes, out),
        );
    }
    if let Some(Value::Object(responses)) = operation.get_mut("responses") {
        for (status, response) in responses.iter_mut() {
            let at = format!("{at}/responses/{}", pointer_token(status));
            let taken = std::mem::take(response);
            *response = convert_response(taken, &at, &at, produces, out);
        }
    }
}

/// A non-body parameter as 3.0 writes it: what describes its value moves into `schema`, and an array's
/// `collectionFormat` becomes `style` and `explode`.
pub fn convert_parameter(parameter: Value, to: &str, origin: &str, out: &mut Normalised) -> Value {
    let Value::Object(mut parameter) = parameter else {
        return parameter;
    };
    if parameter.contains_key("$ref") {
        return Value::Object(parameter);
    }
    let location = parameter
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut converted = Map::new();
    for key in PARAMETER_KEYS {
        if let Some(value) = parameter.shift_remove(*key) {
            converted.insert((*key).to_owned(), value);
        }
    }
    let collection = parameter.shift_remove("collectionFormat");
    let is_array = parameter.get("type").and_then(Value::as_str) == Some("array");
    // Extensions about the parameter itself stay on it; the rest (x-nullable, x-ms-enum...) are the value's.
    let keep_on_parameter: Vec<String> = parameter
        .keys()
        .filter(|k| k.starts_with("x-specgen") || *k == "x-example")
        .cloned()
        .collect();
    for key in keep_on_parameter {
        if let Some(value) = parameter.shift_remove(&key) {
            let key = if key == "x-example" {
                "example".to_owned()
            } else {
                key
            };
            converted.insert(key, value);
        }
    }
    if is_array {
        let format = collection
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or("csv")
            .to_owned();
        let at_format = format!("{to}/collectionFormat");
        let (style, explode) = style_of(&format, &location, &at_format, out);
        converted.insert("style".to_owned(), Value::String(style.to_owned()));
        converted.insert("explode".to_owned(), Value::Bool(explode));
        if collection.is_some() {
            out.map
                .record(format!("{to}/style"), format!("{origin}/collectionFormat"));
            out.map.record(
                format!("{to}/explode"),
                format!("{origin}/collectionFormat"),
            );
        }
    }
    let schema = parameter_schema(parameter);
    converted.insert("schema".to_owned(), Value::Object(schema));
    out.map.record(format!("{to}/schema"), origin);
    Value::Object(converted)
}

/// The 3.0 `style` and `explode` of a 2.0 `collectionFormat` for a parameter `in` a location; formats 3.0
/// has no style for fall back to comma-separated values, with a warning.
fn style_of(format: &str, location: &str, at: &str, out: &mut Normalised) -> (&'static str, bool) {
    let query = location == "query" || location == "formData";
    let plain = if query { "form" } else { "simple" };
    match (format, query) {
        ("csv", _) => (plain, false),
        ("multi", true) => ("form", true),
        ("ssv", true) => ("spaceDelimited", false),
        ("pipes", true) => ("pipeDelimited", false),
        _ => {
            let why = match format {
                "tsv" => "tab-separated values have no OpenAPI 3.0 style".to_owned(),
                "multi" | "ssv" | "pipes" => {
                    format!("{format} is only defined for query and form parameters")
                }
                other => format!("{other:?} is not a collectionFormat"),
            };
            out.problems.push(
                Diagnostic::warning(
                    at,
                    format!("collectionFormat {format:?}: {why}; the values are sent comma-separated (csv)"),
                )
                .with_hint("use csv, or a query parameter with ssv, pipes or multi"),
            );
            (plain, false)
        }
    }
}

/// The media types a body is sent as: the operation's `consumes` (JSON when it names none).
fn body_types(consumes: &[String]) -> Vec<String> {
    let types: Vec<String> = consumes
        .iter()
        .filter(|t| !FORM_TYPES.contains(&t.as_str()))
        .cloned()
        .collect();
    if types.is_empty() {
        vec!["application/json".to_owned()]
    } else {
        types
    }
}

/// An `in: body` parameter as a request body.
fn body_parameter(
    parameter: Value,
    to: &str,
    origin: &str,
    consumes: &[String],
    out: &mut Normalised,
) -> Value {
    out.map.record(to, origin);
    let mut body = Map::new();
    if let Some(description) = parameter.get("description") {
        body.insert("description".to_owned(), description.clone());
    }
    if let Some(required) = parameter.get("required") {
        body.insert("required".to_owned(), required.clone());
    }
    let schema = parameter
        .get("schema")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    let mut content = Map::new();
    for media in body_types(consumes) {
        let at = format!("{to}/content/{}/schema", pointer_token(&media));
        let Some(schema) = out.copy(&schema, &at) else {
            break;
        };
        out.map.record(at, format!("{origin}/schema"));
        let mut media_type = Map::new();
        media_type.insert("schema".to_owned(), schema);
        content.insert(media, Value::Object(media_type));
    }
    body.insert("content".to_owned(), Value::Object(content));
    Value::Object(body)
}

/// `in: formData` parameters as one form body: an object with a property per field (`type: file` fields
/// are binary), sent as `multipart/form-data` when a file is among them or `consumes` says so, else as
/// `application/x-www-form-urlencoded`.
fn form_body(
    fields: Vec<(Value, String)>,
    to: &str,
    consumes: &[String],
    out: &mut Normalised,
) -> Value {
    let has_file = fields
        .iter()
        .any(|(f, _)| f.get("type").and_then(Value::as_str) == Some("file"));
    let mut types: Vec<String> = consumes
        .iter()
        .filter(|t| FORM_TYPES.contains(&t.as_str()))
        .filter(|t| !has_file || *t == MULTIPART)
        .cloned()
        .collect();
    if types.is_empty() {
        let default = if has_file { MULTIPART } else { URLENCODED };
        types.push(default.to_owned());
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut styles: Vec<(String, &'static str, bool)> = Vec::new();
    let mut origins = Vec::new();
    let first_origin = fields.first().map(|(_, o)| o.clone()).unwrap_or_default();
    for (field, origin) in fields {
        let Value::Object(mut field) = field else {
            continue;
        };
        let Some(name) = field.get("name").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        if field.get("required") == Some(&Value::Bool(true)) {
            required.push(Value::String(name.clone()));
        }
        let description = field.shift_remove("description");
        let collection = field.shift_remove("collectionFormat");
        let is_array = field.get("type").and_then(Value::as_str) == Some("array");
        for key in PARAMETER_KEYS {
            field.shift_remove(*key);
        }
        let mut schema = parameter_schema(field);
        if let Some(description) = description {
            schema.insert("description".to_owned(), description);
        }
        if is_array {
            let written = collection.as_ref().and_then(Value::as_str);
            let format = written.unwrap_or("csv").to_owned();
            let at = format!("{origin}/collectionFormat");
            // A URL-encoded form writes the array in the style of its `encoding` entry.
            if types.iter().any(|t| t == URLENCODED) {
                let (style, explode) = style_of(&format, "formData", &at, out);
                styles.push((name.clone(), style, explode));
            }
            // OpenAPI 3.0 ignores `style` in multipart forms: an array is one part per value (`multi`).
            // A delimiter written out is reported; the 2.0 default (csv, unwritten) is read as multi.
            if types.iter().any(|t| t == MULTIPART) && written.is_some_and(|f| f != "multi") {
                out.problems.push(
                    Diagnostic::warning(
                        at,
                        format!("collectionFormat {format:?} in a multipart form: OpenAPI 3.0 has no delimited part; each value is sent as a part of its own (multi)"),
                    )
                    .with_hint("write collectionFormat: multi, or send the form URL-encoded"),
                );
            }
        }
        origins.push((name.clone(), origin));
        properties.insert(name, Value::Object(schema));
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), Value::String("object".to_owned()));
    schema.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".to_owned(), Value::Array(required.clone()));
    }
    let mut content = Map::new();
    out.map.record(to, first_origin);
    for media in types {
        let at = format!("{to}/content/{}/schema", pointer_token(&media));
        for (name, origin) in &origins {
            out.map.record(
                format!("{at}/properties/{}", pointer_token(name)),
                origin.clone(),
            );
        }
        let Some(schema) = out.copy(&Value::Object(schema.clone()), &at) else {
            break;
        };
        let mut media_type = Map::new();
        media_type.insert("schema".to_owned(), schema);
        if media == URLENCODED && !styles.is_empty() {
            let mut encoding = Map::new();
            for (name, style, explode) in &styles {
                let mut one = Map::new();
                one.insert("style".to_owned(), Value::String((*style).to_owned()));
                one.insert("explode".to_owned(), Value::Bool(*explode));
                encoding.insert(name.clone(), Value::Object(one));
            }
            media_type.insert("encoding".to_owned(), Value::Object(encoding));
        }
        content.insert(media, Value::Object(media_type));
    }
    let mut body = Map::new();
    if !required.is_empty() {
        body.insert("required".to_owned(), Value::Bool(true));
    }
    body.insert("content".to_owned(), Value::Object(content));
    Value::Object(body)
}

/// A response (or a `$ref` to a global one) as 3.0 writes it: its `schema` under `content` for each
/// media type it is produced as (JSON when `produces` names none), its headers with schemas.
pub fn convert_response(
    response: Value,
    to: &str,
    origin: &str,
    produces: &[String],
    out: &mut Normalised,
) -> Value {
    let Value::Object(mut response) = response else {
        return response;
    };
    if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
        if let Some(name) = reference.strip_prefix("#/responses/") {
            let rewritten = format!("#/components/responses/{name}");
            response.insert("$ref".to_owned(), Value::String(rewritten));
        }
        return Value::Object(response);
    }
    let mut converted = Map::new();
    converted.insert(
        "description".to_owned(),
        response
            .shift_remove("description")
            .unwrap_or_else(|| Value::String(String::new())),
    );
    if let Some(Value::Object(headers)) = response.shift_remove("headers") {
        let mut converted_headers = Map::new();
        for (name, header) in headers {
            let Value::Object(mut header) = header else {
                continue;
            };
            let mut one = Map::new();
            if let Some(description) = header.shift_remove("description") {
                one.insert("description".to_owned(), description);
            }
            header.shift_remove("collectionFormat");
            let at = format!("{to}/headers/{}", pointer_token(&name));
            out.map.record(
                format!("{at}/schema"),
                format!("{origin}/headers/{}", pointer_token(&name)),
            );
            one.insert("schema".to_owned(), Value::Object(parameter_schema(header)));
            converted_headers.insert(name, Value::Object(one));
        }
        converted.insert("headers".to_owned(), Value::Object(converted_headers));
    }
    let examples = match response.shift_remove("examples") {
        Some(Value::Object(examples)) => examples,
        _ => Map::new(),
    };
    if let Some(schema) = response.shift_remove("schema") {
        let json = ["application/json".to_owned()];
        let types = if produces.is_empty() {
            &json[..]
        } else {
            produces
        };
        let mut content = Map::new();
        for media in types {
            let at = format!("{to}/content/{}", pointer_token(media));
            let Some(copy) = out.copy(&schema, &at) else {
                break;
            };
            out.map
                .record(format!("{at}/schema"), format!("{origin}/schema"));
            let mut media_type = Map::new();
            media_type.insert("schema".to_owned(), copy);
            if let Some(example) = examples.get(media).and_then(|e| out.copy(e, &at)) {
                media_type.insert("example".to_owned(), example);
                out.map.record(
                    format!("{at}/example"),
                    format!("{origin}/examples/{}", pointer_token(media)),
                );
            }
            content.insert(media.clone(), Value::Object(media_type));
        }
        converted.insert("content".to_owned(), Value::Object(content));
    }
    // Extensions stay with the response.
    for (key, value) in response {
        if key.starts_with("x-") {
            converted.insert(key, value);
        }
    }
    Value::Object(converted)
}
