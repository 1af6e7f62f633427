//! OpenAPI's default `explode` for form encodings, written into the tree: `openapiv3` reads an absent
//! `explode` as false, so a `style: form` entry without one would be read against the standard. Only keys are
//! added; no node moves, so no pointer needs remembering.

/// Writes OpenAPI's default `explode` (true for `form`, the default style) into every encoding entry that
/// gives a `style` or `allowReserved` but no `explode`, on the raw tree, before it is typed: the typed model
/// reads an absent `explode` as false and could not tell the two apart.
pub fn default_explodes(raw: &mut serde_json::Value) {
    if let Some(paths) = raw.get_mut("paths").and_then(|p| p.as_object_mut()) {
        for item in paths.values_mut().filter_map(|i| i.as_object_mut()) {
            for operation in item.values_mut() {
                if let Some(body) = operation.get_mut("requestBody") {
                    explode_defaults_of(body);
                }
            }
        }
    }
    if let Some(shared) = raw
        .pointer_mut("/components/requestBodies")
        .and_then(|b| b.as_object_mut())
    {
        for body in shared.values_mut() {
            explode_defaults_of(body);
        }
    }
}

fn explode_defaults_of(body: &mut serde_json::Value) {
    let Some(content) = body.get_mut("content").and_then(|c| c.as_object_mut()) else {
        return;
    };
    for media in content.values_mut() {
        let Some(encoding) = media.get_mut("encoding").and_then(|e| e.as_object_mut()) else {
            continue;
        };
        for entry in encoding.values_mut().filter_map(|e| e.as_object_mut()) {
            let styled = entry.contains_key("style") || entry.contains_key("allowReserved");
            if styled && !entry.contains_key("explode") {
                let form = entry.get("style").is_none_or(|s| s == "form");
                entry.insert("explode".to_owned(), serde_json::Value::Bool(form));
            }
        }
    }
}
