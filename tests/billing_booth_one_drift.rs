//! The Billing Booth One spec cannot drift from the facts: every operation of
//! `tests/fixtures/billing_booth_one_actions.json` (476, from the public integration) is in the bundled spec under its
//! method and path, with its tag and every documented path, query and body field, each with its place, required flag,
//! type and enum values; and the spec holds nothing else but the token exchange.

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

const FACTS: &str = include_str!("fixtures/billing_booth_one_actions.json");

/// The root spec bundled with its resource files, as JSON (`$ref`s to other files are local after bundling).
fn bundled_spec() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/billing_booth_one.yaml");
    let document =
        specgen::load::load(&root).unwrap_or_else(|problems| panic!("spec loads: {problems:?}"));
    serde_json::to_value(&document.openapi).expect("an OpenAPI document serialises")
}

/// Follows a local `$ref` (one level at a time) to the node it names.
fn resolve<'a>(spec: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(pointer) => {
                let pointer = pointer
                    .strip_prefix('#')
                    .unwrap_or_else(|| panic!("non-local $ref {pointer}"));
                node = spec
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling $ref {pointer}"));
            }
            None => return node,
        }
    }
    panic!("$ref chain too long at {node}")
}

/// What a fact's n8n type must look like in the spec's schema; `Err` says why it does not.
fn check_type(field: &Value, schema: &Value) -> Result<(), String> {
    let kind = field["type"].as_str().unwrap_or_default();
    let ty = schema["type"].as_str().unwrap_or_default();
    let picker = field.get("load_options_method").is_some();
    let expect = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("{kind} must be {what}, spec has {schema}"))
        }
    };
    match kind {
        // A number may be an identifier or count (integer) or an amount (number, exact decimal).
        "number" => expect(ty == "integer" || ty == "number", "integer or number"),
        "boolean" => expect(ty == "boolean", "boolean"),
        "dateTime" => expect(
            ty == "string" && schema["format"] == "date-time",
            "a date-time string",
        ),
        "binary" => expect(
            ty == "string" && schema["format"] == "binary",
            "a binary string",
        ),
        "json" => expect(ty == "array" || ty == "object", "an array or object"),
        // Pickers send the chosen customer's or bundle's numeric id.
        "options" if picker => expect(ty == "integer", "an integer id"),
        "multiOptions" if picker => expect(
            ty == "array" && schema["items"]["type"] == "integer",
            "an array of ids",
        ),
        "options" => {
            let values: Vec<&Value> = schema["enum"]
                .as_array()
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            let facts: Vec<&Value> = field["options"]
                .as_array()
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            expect(
                ty == "string" && values == facts,
                "a string enum of exactly the documented values",
            )
        }
        "multiOptions" => {
            let facts = &field["options"];
            expect(
                ty == "array" && schema["items"]["enum"] == *facts,
                "an array of the documented values",
            )
        }
        // Strings may be dates (format date or date-time) or enums of documented sort keys.
        "string" => expect(ty == "string", "a string"),
        other => Err(format!("unknown fact type {other}")),
    }
}

/// Identifiers the integration takes as text are integers in the spec (VENDORS.md: customer ids are integers).
fn check_path_type(field: &Value, schema: &Value) -> Result<(), String> {
    let name = field["name"].as_str().unwrap_or_default();
    if field["type"] == "string" && matches!(name, "customerId" | "organisationId") {
        return if schema["type"] == "integer" {
            Ok(())
        } else {
            Err(format!("{name} must be an integer"))
        };
    }
    check_type(field, schema)
}

#[test]
fn every_documented_operation_is_in_the_spec_with_its_fields() {
    let facts: Vec<Value> = serde_json::from_str(FACTS).expect("the facts are JSON");
    assert_eq!(facts.len(), 476, "the facts list 476 operations");
    let spec = bundled_spec();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for fact in &facts {
        let method = fact["method"]
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let path = fact["path"].as_str().unwrap_or_default();
        let name = format!(
            "{} {path} ({})",
            method.to_uppercase(),
            fact["operation"].as_str().unwrap_or_default()
        );
        seen.insert((method.clone(), path.to_owned()));
        let Some(operation) = spec["paths"].get(path).and_then(|item| item.get(&method)) else {
            problems.push(format!("{name}: missing from the spec"));
            continue;
        };
        if operation["tags"] != json!([fact["resource"]]) {
            problems.push(format!(
                "{name}: tags {} should be [{}]",
                operation["tags"], fact["resource"]
            ));
        }
        if operation["security"] == json!([]) {
            problems.push(format!("{name}: must need the bearer token"));
        }
        let parameters: Vec<&Value> = operation["parameters"]
            .as_array()
            .map(|list| list.iter().map(|p| resolve(&spec, p)).collect())
            .unwrap_or_default();
        let body = operation
            .get("requestBody")
            .map(|body| resolve(&spec, body))
            .and_then(|body| body["content"].as_object())
            .and_then(|content| content.values().next())
            .map(|media| resolve(&spec, &media["schema"]));
        for field in fact["fields"].as_array().into_iter().flatten() {
            let field_name = field["name"].as_str().unwrap_or_default();
            let required = field["required"].as_bool().unwrap_or(false);
            // `from`/`to` of CDR pricing sit in the body group but are routed to the query since release 0.3.0.
            let place = if field.get("routing_send_type").is_some_and(|t| t == "query") {
                "query"
            } else {
                field["in"].as_str().unwrap_or_default()
            };
            let what = format!("{name}: {place} field {field_name}");
            let outcome = if place == "body" {
                match body {
                    None => Err("no request body".to_owned()),
                    Some(body) => match body["properties"].get(field_name) {
                        None => Err("not a property of the body".to_owned()),
                        Some(property) => {
                            let listed = body["required"]
                                .as_array()
                                .is_some_and(|r| r.iter().any(|n| n == field_name));
                            if listed != required {
                                Err(format!("required is {listed}, the facts say {required}"))
                            } else {
                                check_type(field, resolve(&spec, property))
                            }
                        }
                    },
                }
            } else {
                match parameters
                    .iter()
                    .find(|p| p["name"] == field_name && p["in"] == place)
                {
                    None => Err("no such parameter".to_owned()),
                    Some(parameter) => {
                        let listed = parameter["required"].as_bool().unwrap_or(false);
                        // A JSON-typed query value is sent as JSON text: a `content` parameter.
                        let schema = match parameter.get("content") {
                            Some(content) => content["application/json"]["schema"].clone(),
                            None => resolve(&spec, &parameter["schema"]).clone(),
                        };
                        if place == "path" && !listed {
                            Err("a path parameter must be required".to_owned())
                        } else if place != "path" && listed != required {
                            Err(format!("required is {listed}, the facts say {required}"))
                        } else if field["type"] == "json" && parameter.get("content").is_none() {
                            Err("a JSON-typed query value must be a content parameter".to_owned())
                        } else if place == "path" {
                            check_path_type(field, &schema)
                        } else {
                            check_type(field, &schema)
                        }
                    }
                }
            };
            if let Err(why) = outcome {
                problems.push(format!("{what}: {why}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(seen.len(), 476, "no two facts share a method and path");

    // Nothing else: the spec's operations are the facts' plus the token exchange.
    let mut extra = Vec::new();
    let mut count = 0;
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for method in [
            "get", "put", "post", "delete", "patch", "head", "options", "trace",
        ] {
            if item.get(method).is_some() {
                count += 1;
                if !seen.contains(&(method.to_owned(), path.clone())) && path != "/token" {
                    extra.push(format!("{method} {path}"));
                }
            }
        }
    }
    assert!(
        extra.is_empty(),
        "operations the facts do not document: {extra:?}"
    );
    assert_eq!(
        count, 477,
        "476 documented operations and the token exchange"
    );
}

#[test]
fn only_the_token_exchange_goes_without_the_bearer_token() {
    let spec = bundled_spec();
    assert_eq!(spec["security"], json!([{"bearerAuth": []}]));
    let mut open = Vec::new();
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if operation
                .get("security")
                .is_some_and(|s| s != &json!([{"bearerAuth": []}]))
            {
                open.push(format!("{method} {path}"));
            }
        }
    }
    assert_eq!(open, vec!["post /token".to_owned()]);
}

#[test]
fn operations_that_are_not_safe_to_repeat_are_marked() {
    // POST is never resent by default; these PUT and DELETE actions move money, deliver messages or post
    // entries on every call, so the spec must turn the method's default off.
    let spec = bundled_spec();
    let unsafe_to_repeat = [
        ("put", "/customer/{customerId}/charge/terminate"),
        ("put", "/customer/{customerId}/charge/terminate/early"),
        ("put", "/webhooks/event/retry"),
        ("put", "/webhooks/event/{id}/retry"),
        ("put", "/payments/{id}/retry"),
        ("put", "/forgotten-password"),
        ("put", "/invoice/settle"),
        ("put", "/invoice/settle/batch"),
        ("put", "/invoice/{id}/settle"),
        ("put", "/invoice/{id}/settle/ledger"),
        ("delete", "/customer/{customerId}/ledger/{id}/reverse"),
    ];
    for (method, path) in unsafe_to_repeat {
        assert_eq!(
            spec["paths"][path][method]["x-specgen-idempotent"],
            json!(false),
            "{method} {path} must be marked non-idempotent"
        );
    }
}
