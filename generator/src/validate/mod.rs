//! Checks a bundled document for what `openapiv3` accepts without a word but specgen cannot honour: types
//! that do not exist, formats it does not know, defaults, examples and enum values that do not fit their
//! schema, parameter styles their location does not allow, security requirements naming no scheme, empty
//! names, and mistyped `x-specgen-*` extensions.
//!
//! Runs on the raw JSON tree before it is typed, walking it by its OpenAPI shape (so example data is never
//! mistaken for a schema), and reports every problem at once. Errors stop generation; warnings name the
//! lossy fallback taken.

mod extensions;
mod names;
mod schemas;
mod styles;

use crate::bundle::kinds::{Children, Kind};
use crate::diagnostics::{Diagnostic, pointer_token};
use serde_json::Value;

/// Every problem of the document, errors and warnings, at bundled pointers.
pub fn validate(document: &Value) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    walk(document, document, "", Kind::Document, &mut problems);
    security_requirements(document, &mut problems);
    problems
}

/// Visits `node` (a `kind` at `pointer`) and every node under it; depth is bounded by the parsers' own
/// nesting limit (128), so the recursion is too.
fn walk(document: &Value, node: &Value, pointer: &str, kind: Kind, problems: &mut Vec<Diagnostic>) {
    let Some(object) = node.as_object() else {
        return;
    };
    if object.contains_key("$ref") {
        return;
    }
    extensions::check(object, pointer, kind, problems);
    names::check(object, pointer, kind, problems);
    match kind {
        Kind::Schema => schemas::check(document, object, pointer, problems),
        Kind::Parameter => {
            styles::check(object, pointer, problems);
            schemas::check_example_beside(document, object, pointer, problems);
        }
        Kind::Header | Kind::MediaType => {
            schemas::check_example_beside(document, object, pointer, problems);
        }
        _ => {}
    }
    for (key, value) in object {
        // The child's pointer is made only for the keys that are walked into.
        let Some(children) = kind.children(key) else {
            continue;
        };
        let child = format!("{pointer}/{}", pointer_token(key));
        match children {
            Children::One(kind) => walk(document, value, &child, kind, problems),
            Children::Map(kind) => {
                for (name, value) in value.as_object().into_iter().flatten() {
                    let at = format!("{child}/{}", pointer_token(name));
                    walk(document, value, &at, kind, problems);
                }
            }
            Children::List(kind) => {
                for (index, value) in value.as_array().into_iter().flatten().enumerate() {
                    walk(document, value, &format!("{child}/{index}"), kind, problems);
                }
            }
        }
    }
}

/// Security requirements (the document's and each operation's) must name schemes of
/// `components.securitySchemes`: an unknown name would send no credential at all.
fn security_requirements(document: &Value, problems: &mut Vec<Diagnostic>) {
    let schemes: Vec<&str> = document
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .map(|schemes| schemes.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut check = |requirements: &Value, pointer: String| {
        for (index, requirement) in requirements.as_array().into_iter().flatten().enumerate() {
            for name in requirement
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                if schemes.contains(&name.as_str()) {
                    continue;
                }
                let at = format!("{pointer}/{index}/{}", pointer_token(name));
                let hint = match closest(name, &schemes) {
                    Some(near) => format!("did you mean {near:?}?"),
                    None if schemes.is_empty() => {
                        "define the scheme under components.securitySchemes".to_owned()
                    }
                    None => format!("the schemes defined are {}", schemes.join(", ")),
                };
                problems.push(
                    Diagnostic::error(
                        at,
                        format!("security requirement names {name:?}, which is not a security scheme of this document"),
                    )
                    .with_hint(hint),
                );
            }
        }
    };
    if let Some(requirements) = document.get("security") {
        check(requirements, "/security".to_owned());
    }
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if !crate::bundle::kinds::METHODS.contains(&method.as_str()) {
                continue;
            }
            if let Some(requirements) = operation.get("security") {
                let pointer = format!("/paths/{}/{method}/security", pointer_token(path));
                check(requirements, pointer);
            }
        }
    }
}

/// A value as quoted in a message: its JSON (control characters escaped), cut short.
pub fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

/// The candidate closest to `word` when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| (distance(&word.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance (insertions, deletions, substitutions), on characters; words here are short.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row.get(j + 1).copied().unwrap_or(0);
            let best = substitution
                .min(previous + 1)
                .min(row.get(j).copied().unwrap_or(0) + 1);
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::{closest, distance};

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(closest("strng", &["string", "integer"]), Some("string"));
        assert_eq!(
            closest("datetime", &["date", "date-time"]),
            Some("date-time")
        );
        assert_eq!(closest("colour", &["string", "integer"]), None);
    }
}
