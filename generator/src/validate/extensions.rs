//! Checks `x-specgen-*` extensions against their declarations in `crate::extensions`: each has its places
//! and a shape. A value that does not fit is an error (silently ignoring `x-specgen-sensitive: "yes"` would
//! print a secret; an unknown field of `x-specgen-pagination` is a typo that would change how it pages); an
//! unknown name or a known one in the wrong place is a warning, since it is ignored.

use super::{closest, short};
use crate::bundle::kinds::Kind;
use crate::diagnostics::Diagnostic;
use crate::extensions::{EXTENSIONS, Entry, Misfit};
use serde_json::{Map, Value};

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
        let Some(entry) = EXTENSIONS.iter().find(|entry| entry.name == key) else {
            let names: Vec<&str> = EXTENSIONS.iter().map(|entry| entry.name).collect();
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
        if !entry.places.contains(&kind) {
            let names: Vec<&str> = entry
                .places
                .iter()
                .map(|place| place_name(*place))
                .collect();
            problems.push(Diagnostic::warning(
                at(),
                format!(
                    "{key} belongs on {}; here it is ignored",
                    names.join(" or ")
                ),
            ));
            continue;
        }
        if let Err(misfit) = entry.check(value) {
            problems.push(misfit_problem(entry, value, &at(), misfit));
        }
    }
}

/// The error for a value that does not fit its extension's shape, at the part that does not fit. A scalar
/// or list, or an object given something else, is reported whole; inside an object, the field is named.
fn misfit_problem(entry: &Entry, value: &Value, pointer: &str, misfit: Misfit) -> Diagnostic {
    let key = entry.name;
    let whole = || {
        Diagnostic::error(
            pointer,
            format!("{key} must be {}, found {}", entry.expected, short(value)),
        )
        .with_hint("see the table of extensions in specgen's README")
    };
    let (Some(fields), true) = (entry.fields, value.is_object()) else {
        return whole();
    };
    let fields_hint = format!("{key} has the fields {fields}");
    let quoted = quoted_words(&misfit.message);
    if misfit.message.starts_with("missing field") {
        let field = quoted.first().copied().unwrap_or_default();
        return Diagnostic::error(
            format!("{pointer}{}", misfit.at),
            format!("{key} needs `{field}`"),
        )
        .with_hint(fields_hint);
    }
    if misfit.message.starts_with("unknown field") {
        // serde's message quotes the field, then the fields it knows; the path ends at the field.
        let (field, known) = quoted.split_first().map_or(("", &[][..]), |(f, k)| (*f, k));
        let hint = match closest(field, known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => fields_hint,
        };
        return Diagnostic::error(
            format!("{pointer}{}", misfit.at),
            format!("{key} has no field `{field}`"),
        )
        .with_hint(hint);
    }
    let field = misfit.at.trim_start_matches('/');
    Diagnostic::error(
        format!("{pointer}{}", misfit.at),
        format!("{key}: `{field}`: {}", misfit.message),
    )
    .with_hint(fields_hint)
}

/// The words of a serde message quoted in backticks, in order.
fn quoted_words(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
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
