//! OpenAPI 3.1 documents to the 3.0 shape: the document-level differences (`webhooks`,
//! `jsonSchemaDialect`, `components/pathItems`, optional `paths`, `mutualTLS` schemes); schemas are
//! converted by [`super::schema31`].

use super::Normalised;
use super::walk::walk;
use crate::bundle::kinds::Kind;
use crate::diagnostics::{Diagnostic, pointer_token};
use serde_json::{Map, Value};

/// The dialect a 3.1 document's schemas follow unless it says otherwise.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// Converts a 3.1 document in place.
pub fn convert(document: &mut Value, out: &mut Normalised) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    root.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    if let Some(dialect) = root.remove("jsonSchemaDialect") {
        if dialect.as_str() != Some(DEFAULT_DIALECT) {
            out.problems.push(
                Diagnostic::warning(
                    "/jsonSchemaDialect",
                    format!(
                        "jsonSchemaDialect {} is not OpenAPI 3.1's own; schemas are read as OpenAPI 3.1 schemas",
                        crate::validate::short(&dialect)
                    ),
                )
                .with_hint("keywords of other dialects are ignored"),
            );
        }
    }
    webhooks(root, out);
    path_items(root, out);
    mutual_tls(root, out);
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    // Schemas are converted in a second pass, over the tree with its path items in place.
    out.map.next_layer();
    walk(document, "", Kind::Document, &mut |node, pointer, kind| {
        if kind == Kind::Schema {
            super::schema31::convert(node, pointer, out);
        }
    });
}

/// Webhooks are requests the API sends, not operations a client calls: each is reported and dropped.
fn webhooks(root: &mut Map<String, Value>, out: &mut Normalised) {
    let Some(webhooks) = root.remove("webhooks") else {
        return;
    };
    for name in webhooks.as_object().into_iter().flatten().map(|(k, _)| k) {
        out.problems.push(
            Diagnostic::warning(
                format!("/webhooks/{}", pointer_token(name)),
                format!("webhook {name:?} is a request the API sends, not a client operation; it is not generated"),
            )
            .with_hint("payload schemas under components.schemas are still generated as types, to deserialise webhook bodies with"),
        );
    }
}

/// `components/pathItems` (3.1) has no 3.0 place: each path that refers to one takes a copy of it, which
/// problems then locate at the component.
fn path_items(root: &mut Map<String, Value>, out: &mut Normalised) {
    let items = root
        .get_mut("components")
        .and_then(Value::as_object_mut)
        .and_then(|components| components.remove("pathItems"));
    let Some(Value::Object(items)) = items else {
        return;
    };
    let prefix = "#/components/pathItems/";
    for (path, item) in root
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flatten()
    {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            continue;
        };
        let Some(name) = reference.strip_prefix(prefix) else {
            continue;
        };
        let name = crate::bundle::files::percent_decode(name)
            .replace("~1", "/")
            .replace("~0", "~");
        let at = format!("/paths/{}", pointer_token(path));
        let Some(copy) = items.get(&name).and_then(|target| out.copy(target, &at)) else {
            continue;
        };
        *item = copy;
        out.map.record(
            at,
            format!("/components/pathItems/{}", pointer_token(&name)),
        );
    }
}

/// Mutual TLS is configured on the HTTP client, not sent with requests; 3.0 has no such scheme type.
fn mutual_tls(root: &mut Map<String, Value>, out: &mut Normalised) {
    let Some(schemes) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let tls: Vec<String> = schemes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &tls {
        schemes.shift_remove(name);
        out.problems.push(
            Diagnostic::warning(
                format!("/components/securitySchemes/{}", pointer_token(name)),
                format!("security scheme {name:?} is mutual TLS, which the client does not configure; it is skipped"),
            )
            .with_hint("give the client a reqwest::Client with its certificate (ClientBuilder::identity)"),
        );
    }
    // Requirements that name a skipped scheme ask for nothing the client can send.
    let mut requirement_lists: Vec<&mut Value> = Vec::new();
    for (key, value) in root.iter_mut() {
        match key.as_str() {
            "security" => requirement_lists.push(value),
            "paths" => {
                for item in value.as_object_mut().into_iter().flatten().map(|(_, v)| v) {
                    for (method, operation) in item.as_object_mut().into_iter().flatten() {
                        if crate::bundle::kinds::METHODS.contains(&method.as_str()) {
                            if let Some(security) = operation.get_mut("security") {
                                requirement_lists.push(security);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for list in requirement_lists {
        for requirement in list.as_array_mut().into_iter().flatten() {
            if let Some(requirement) = requirement.as_object_mut() {
                for name in &tls {
                    requirement.shift_remove(name);
                }
            }
        }
    }
}
