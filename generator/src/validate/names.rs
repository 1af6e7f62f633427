//! Names that must not be empty: a parameter's `name` and a header's key, since nothing can be sent or
//! read under an empty name. Such a parameter or header is left out with a warning (lowering drops it),
//! since a call cannot send it anyway and real documents have them (a placeholder query parameter `''`); a
//! path parameter stays an error, as its place in the path template cannot be named. (An empty property
//! name is valid JSON, `{"": 1}`, and is read: the field gets a made-up Rust name and keeps its wire name.)

use crate::bundle::kinds::Kind;
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// Checks the names one node (a `kind` at `pointer`) gives to what it holds.
pub fn check(
    object: &Map<String, Value>,
    pointer: &str,
    kind: Kind,
    problems: &mut Vec<Diagnostic>,
) {
    match kind {
        Kind::Parameter
            if object
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.trim().is_empty()) =>
        {
            let at = format!("{pointer}/name");
            let problem = if object.get("in").and_then(Value::as_str) == Some("path") {
                Diagnostic::error(at, "the path parameter's name is empty")
                    .with_hint("name the parameter as its path template does: /items/{id}")
            } else {
                Diagnostic::warning(at, "the parameter's name is empty; it is left out")
                    .with_hint("name the parameter as it is sent")
            };
            problems.push(problem);
        }
        Kind::Response | Kind::Encoding => {
            empty_key(object, "headers", "a header", pointer, problems)
        }
        _ => {}
    }
}

/// An empty key of the map under `key`, located at the map (an empty key has no line of its own in
/// every syntax, and its pointer token is empty).
fn empty_key(
    object: &Map<String, Value>,
    key: &str,
    what: &str,
    pointer: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(map) = object.get(key).and_then(Value::as_object) else {
        return;
    };
    if map.keys().any(|name| name.trim().is_empty()) {
        problems.push(
            Diagnostic::warning(
                format!("{pointer}/{key}"),
                format!("{what} has an empty name; it is left out"),
            )
            .with_hint(format!("give {what} the name it has on the wire")),
        );
    }
}
