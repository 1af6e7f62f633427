//! A parameter's `style` must be one its location allows (`deepObject` on a path is not): `openapiv3`
//! cannot even read such a parameter, so the check runs on the tree, where it can be located at `style`.

use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// Checks the parameter at `pointer`.
pub fn check(parameter: &Map<String, Value>, pointer: &str, problems: &mut Vec<Diagnostic>) {
    let text = |key: &str| parameter.get(key).and_then(Value::as_str);
    let (Some(location), Some(style)) = (text("in"), text("style")) else {
        return;
    };
    let allowed: &[&str] = match location {
        "path" => &["simple", "label", "matrix"],
        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        "header" => &["simple"],
        "cookie" => &["form"],
        _ => return,
    };
    if !allowed.contains(&style) {
        problems.push(
            Diagnostic::error(
                format!("{pointer}/style"),
                format!("style {style:?} is not allowed for {location} parameters"),
            )
            .with_hint(format!(
                "{location} parameters take style {}",
                allowed.join(", ")
            )),
        );
    }
}
