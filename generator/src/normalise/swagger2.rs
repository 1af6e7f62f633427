//! Swagger 2.0 documents to the OpenAPI 3.0 shape: `host`/`basePath`/`schemes` become `servers`;
//! `definitions`, `parameters`, `responses` and `securityDefinitions` become `components`; operations are
//! converted by [`super::swagger2_operations`] and schemas by [`super::swagger2_schemas`].

use super::Normalised;
use super::swagger2_operations::{Context, convert_parameter, convert_response, operation};
use super::walk::walk;
use crate::bundle::kinds::{Kind, METHODS};
use crate::diagnostics::{Diagnostic, pointer_token};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Converts a Swagger 2.0 document in place.
pub fn convert(document: &mut Value, out: &mut Normalised) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    let mut old = std::mem::take(root);
    let consumes = media_types(old.shift_remove("consumes"));
    let produces = media_types(old.shift_remove("produces"));
    let mut converted = Map::new();
    converted.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    out.map.record("/openapi", "/swagger");
    old.shift_remove("swagger");
    if let Some(info) = old.shift_remove("info") {
        converted.insert("info".to_owned(), info);
    }
    let servers = servers(
        old.shift_remove("host"),
        old.shift_remove("basePath"),
        old.shift_remove("schemes"),
    );
    converted.insert("servers".to_owned(), Value::Array(servers));
    out.map.record("/servers", "/host");

    // Global body and form parameters have no component of their own in 3.0: operations that refer to
    // them take a converted copy.
    let mut bodies: BTreeMap<String, Value> = BTreeMap::new();
    let mut components = Map::new();
    if let Some(Value::Object(definitions)) = old.shift_remove("definitions") {
        components.insert("schemas".to_owned(), Value::Object(definitions));
        out.map.record("/components/schemas", "/definitions");
    }
    let context = Context { consumes, produces };
    if let Some(Value::Object(parameters)) = old.shift_remove("parameters") {
        let mut converted_parameters = Map::new();
        for (name, parameter) in parameters {
            let at = format!("/parameters/{}", pointer_token(&name));
            let location = parameter.get("in").and_then(Value::as_str);
            if matches!(location, Some("body" | "formData")) {
                bodies.insert(name, parameter);
                continue;
            }
            let to = format!("/components/parameters/{}", pointer_token(&name));
            out.map.record(to.clone(), at.clone());
            let parameter = convert_parameter(parameter, &to, &at, out);
            converted_parameters.insert(name, parameter);
        }
        if !converted_parameters.is_empty() {
            components.insert("parameters".to_owned(), Value::Object(converted_parameters));
        }
    }
    if let Some(Value::Object(responses)) = old.shift_remove("responses") {
        let mut converted_responses = Map::new();
        for (name, response) in responses {
            let at = format!("/responses/{}", pointer_token(&name));
            let to = format!("/components/responses/{}", pointer_token(&name));
            out.map.record(to.clone(), at.clone());
            let response = convert_response(
                response,
                &to,
                &at,
                context.produces.as_deref().unwrap_or_default(),
                out,
            );
            converted_responses.insert(name, response);
        }
        components.insert("responses".to_owned(), Value::Object(converted_responses));
    }
    if let Some(Value::Object(schemes)) = old.shift_remove("securityDefinitions") {
        let mut converted_schemes = Map::new();
        for (name, scheme) in schemes {
            let at = format!("/securityDefinitions/{}", pointer_token(&name));
            let to = format!("/components/securitySchemes/{}", pointer_token(&name));
            out.map.record(to.clone(), at.clone());
            converted_schemes.insert(name, security_scheme(scheme, &to, out));
        }
        components.insert(
            "securitySchemes".to_owned(),
            Value::Object(converted_schemes),
        );
    }
    let mut paths = match old.shift_remove("paths") {
        Some(Value::Object(paths)) => paths,
        _ => Map::new(),
    };
    for (path, item) in paths.iter_mut() {
        let at = format!("/paths/{}", pointer_token(path));
        path_item(item, &at, &context, &bodies, out);
    }
    converted.insert("paths".to_owned(), Value::Object(paths));
    if !components.is_empty() {
        converted.insert("components".to_owned(), Value::Object(components));
    }
    // Everything else (security, tags, externalDocs, extensions) means the same in 3.0.
    for (key, value) in old {
        converted.insert(key, value);
    }
    *root = converted;
    // Schemas are converted in a second pass, over the converted tree.
    out.map.next_layer();
    walk(document, "", Kind::Document, &mut |node, pointer, kind| {
        if kind == Kind::Schema {
            super::swagger2_schemas::convert(node, pointer, out);
        }
    });
}

/// A list of media types (`consumes`, `produces`); anything else is no list.
pub fn media_types(value: Option<Value>) -> Option<Vec<String>> {
    let Some(Value::Array(items)) = value else {
        return None;
    };
    Some(
        items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
    )
}

/// One server per scheme, `{scheme}://{host}{basePath}`; without a host the URL is relative (the base
/// path, served from wherever the document is), and without schemes it is HTTPS.
fn servers(host: Option<Value>, base_path: Option<Value>, schemes: Option<Value>) -> Vec<Value> {
    let base_path = base_path
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_owned();
    let server = |url: String| {
        let mut server = Map::new();
        server.insert("url".to_owned(), Value::String(url));
        Value::Object(server)
    };
    let Some(host) = host.as_ref().and_then(Value::as_str) else {
        let url = if base_path.is_empty() {
            "/".to_owned()
        } else {
            base_path
        };
        return vec![server(url)];
    };
    let mut schemes: Vec<String> = media_types(schemes)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| matches!(s.as_str(), "http" | "https"))
        .collect();
    // The client prefers the first server: HTTPS goes first when both are offered.
    schemes.sort_by_key(|s| s != "https");
    schemes.dedup();
    if schemes.is_empty() {
        schemes.push("https".to_owned());
    }
    schemes
        .into_iter()
        .map(|scheme| server(format!("{scheme}://{host}{base_path}")))
        .collect()
}

/// A path item: its shared parameters and each operation.
fn path_item(
    item: &mut Value,
    at: &str,
    context: &Context,
    bodies: &BTreeMap<String, Value>,
    out: &mut Normalised,
) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    // Body and form parameters shared by the path's operations go into each operation's body.
    let shared = item.shift_remove("parameters");
    let mut kept = Vec::new();
    let mut shared_bodies = Vec::new();
    for (index, parameter) in shared
        .and_then(|p| {
            if let Value::Array(p) = p {
                Some(p)
            } else {
                None
            }
        })
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let origin = format!("{at}/parameters/{index}");
        let (parameter, origin) =
            super::swagger2_operations::resolve(parameter, origin, bodies, out);
        let location = parameter.get("in").and_then(Value::as_str);
        if matches!(location, Some("body" | "formData")) {
            shared_bodies.push((parameter, origin));
            continue;
        }
        let to = format!("{at}/parameters/{}", kept.len());
        out.map.record(to.clone(), origin.clone());
        kept.push(convert_parameter(parameter, &to, &origin, out));
    }
    if !kept.is_empty() {
        item.insert("parameters".to_owned(), Value::Array(kept));
    }
    for (method, value) in item.iter_mut() {
        if !METHODS.contains(&method.as_str()) {
            continue;
        }
        let at = format!("{at}/{method}");
        operation(value, &at, context, bodies, &shared_bodies, out);
    }
}

/// A security definition as a 3.0 security scheme (basic, apiKey, and the four OAuth2 flows).
fn security_scheme(scheme: Value, at: &str, out: &mut Normalised) -> Value {
    let Value::Object(mut scheme) = scheme else {
        return scheme;
    };
    match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => {
            scheme.insert("type".to_owned(), Value::String("http".to_owned()));
            scheme.insert("scheme".to_owned(), Value::String("basic".to_owned()));
        }
        Some("oauth2") => {
            let flow = scheme.shift_remove("flow");
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = scheme.shift_remove(key) {
                    details.insert(key.to_owned(), url);
                }
            }
            details.insert(
                "scopes".to_owned(),
                scheme
                    .shift_remove("scopes")
                    .unwrap_or_else(|| Value::Object(Map::new())),
            );
            let name = match flow.as_ref().and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    out.problems.push(
                        Diagnostic::warning(
                            format!("{at}/flow"),
                            format!(
                                "OAuth2 flow {} is not one of implicit, password, application, accessCode; it is read as application",
                                other.map_or_else(|| "(none)".to_owned(), |f| format!("{f:?}"))
                            ),
                        ),
                    );
                    "clientCredentials"
                }
            };
            let mut flows = Map::new();
            flows.insert(name.to_owned(), Value::Object(details));
            scheme.insert("flows".to_owned(), Value::Object(flows));
            out.map.record(format!("{at}/flows"), format!("{at}/flow"));
        }
        _ => {}
    }
    Value::Object(scheme)
}
