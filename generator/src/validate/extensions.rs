//! `x-specgen-*` extensions: each has one place and one shape. A mistyped value is an error (silently
//! ignoring `x-specgen-sensitive: "yes"` would print a secret); an unknown name or a known one in the wrong
//! place is a warning, since it is ignored.

use super::{closest, short};
use crate::bundle::kinds::Kind;
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// The shape an extension's value must have.
#[derive(Clone, Copy)]
enum Shape {
    Bool,
    Text,
    /// An array of strings (or numbers: envelope codes may be numeric).
    Codes,
    Object,
    /// One of a fixed list of strings.
    OneOf(&'static [&'static str]),
}

/// Every extension specgen reads: name, where it belongs, and its shape.
const EXTENSIONS: &[(&str, &[Kind], Shape)] = &[
    ("x-specgen-envelope", &[Kind::Document], Shape::Object),
    ("x-specgen-retryable-codes", &[Kind::Document], Shape::Codes),
    ("x-specgen-error-codes", &[Kind::Operation], Shape::Codes),
    (
        "x-specgen-token-exchange",
        &[Kind::Operation],
        Shape::Object,
    ),
    // The retry policy: whether the operation may be sent twice (against its method's default).
    ("x-specgen-idempotent", &[Kind::Operation], Shape::Bool),
    ("x-specgen-idempotency-key", &[Kind::Operation], Shape::Text),
    ("x-specgen-pagination", &[Kind::Operation], Shape::Object),
    ("x-specgen-poll", &[Kind::Operation], Shape::Object),
    (
        "x-specgen-value-prefix",
        &[Kind::SecurityScheme],
        Shape::Text,
    ),
    // A note that the scheme is modelled from incomplete vendor documentation (documentation only).
    ("x-specgen-unverified", &[Kind::SecurityScheme], Shape::Bool),
    ("x-specgen-assume-utc", &[Kind::Schema], Shape::Bool),
    ("x-specgen-sensitive", &[Kind::Schema], Shape::Bool),
    ("x-specgen-decimal", &[Kind::Schema], Shape::Bool),
    (
        "x-specgen-deep-arrays",
        &[Kind::Parameter, Kind::Encoding],
        Shape::OneOf(&["indexed", "brackets", "repeated"]),
    ),
];

/// Checks the `x-specgen-*` keys of one node, and the enum name lists specgen reads.
pub fn check(node: &Map<String, Value>, pointer: &str, kind: Kind, problems: &mut Vec<Diagnostic>) {
    for (key, value) in node {
        // Most keys are fine: their pointer is made only for a problem.
        let at = || format!("{pointer}/{}", crate::diagnostics::pointer_token(key));
        if kind == Kind::Schema
            && matches!(
                key.as_str(),
                "x-enum-varnames" | "x-enumNames" | "x-enum-descriptions"
            )
            && !is_list_of_text(value)
        {
            problems.push(Diagnostic::warning(
                at(),
                format!("{key} must be a list of strings; it is ignored"),
            ));
            continue;
        }
        if !key.starts_with("x-specgen-") {
            continue;
        }
        let names: Vec<&str> = EXTENSIONS.iter().map(|(name, _, _)| *name).collect();
        let Some((_, places, shape)) = EXTENSIONS.iter().find(|(name, _, _)| name == key) else {
            let hint = match closest(key, &names) {
                Some(near) => format!("did you mean {near}?"),
                None => format!("specgen reads {}", names.join(", ")),
            };
            problems.push(
                Diagnostic::warning(
                    at(),
                    format!("{key} is not a specgen extension; it is ignored"),
                )
                .with_hint(hint),
            );
            continue;
        };
        if !places.contains(&kind) {
            let names: Vec<&str> = places.iter().map(|place| place_name(*place)).collect();
            problems.push(Diagnostic::warning(
                at(),
                format!(
                    "{key} belongs on {}; here it is ignored",
                    names.join(" or ")
                ),
            ));
            continue;
        }
        let fits = match shape {
            Shape::Bool => value.is_boolean(),
            Shape::Text => value.is_string(),
            Shape::Codes => value
                .as_array()
                .is_some_and(|codes| codes.iter().all(|c| c.is_string() || c.is_number())),
            Shape::Object => value.is_object(),
            Shape::OneOf(words) => value.as_str().is_some_and(|text| words.contains(&text)),
        };
        if !fits {
            let expected = match shape {
                Shape::Bool => "true or false".to_owned(),
                Shape::Text => "a string".to_owned(),
                Shape::Codes => "a list of codes (strings or numbers)".to_owned(),
                Shape::Object => "an object".to_owned(),
                Shape::OneOf(words) => format!("one of {}", words.join(", ")),
            };
            problems.push(
                Diagnostic::error(
                    at(),
                    format!("{key} must be {expected}, found {}", short(value)),
                )
                .with_hint("see the table of extensions in specgen's README"),
            );
        }
    }
}

fn is_list_of_text(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|items| items.iter().all(|item| item.is_string() || item.is_null()))
}

fn place_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Document => "the document root",
        Kind::Operation => "an operation",
        Kind::SecurityScheme => "a security scheme",
        Kind::Parameter => "a parameter",
        Kind::Encoding => "an encoding entry",
        _ => "a schema",
    }
}
