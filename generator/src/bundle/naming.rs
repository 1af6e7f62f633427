//! The component name a hoisted node gets: taken from its JSON pointer (or file name), made unique within
//! its `components` section by a number, in the order nodes are found, so output is deterministic.

use super::kinds::METHODS;
use std::collections::BTreeSet;
use std::path::Path;

/// Pointer tokens that say where a node sits rather than what it is; they do not make names.
const STRUCTURAL: &[&str] = &[
    "additionalProperties",
    "allOf",
    "anyOf",
    "callbacks",
    "components",
    "content",
    "definitions",
    "examples",
    "headers",
    "items",
    "links",
    "not",
    "oneOf",
    "parameters",
    "paths",
    "properties",
    "requestBodies",
    "requestBody",
    "responses",
    "schema",
    "schemas",
    "securitySchemes",
];

/// The name a node at `pointer` of the document `value` (read from `path`) is known by: the meaningful
/// tokens of the pointer (`#/components/schemas/Pet/properties/owner` is `Pet owner`), an operation's id
/// standing for its path and method; the file's stem when the whole file is the node.
pub fn derive(path: &Path, value: &serde_json::Value, pointer: &str, kind_name: &str) -> String {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut rest = tokens.as_slice();
    if let [paths, path_name, method, tail @ ..] = rest {
        if paths == "paths" && METHODS.contains(&method.as_str()) {
            let operation_id = value
                .get("paths")
                .and_then(|p| p.get(path_name))
                .and_then(|p| p.get(method))
                .and_then(|o| o.get("operationId"))
                .and_then(serde_json::Value::as_str);
            words.push(operation_id.map_or_else(|| format!("{method} {path_name}"), str::to_owned));
            rest = tail;
        }
    }
    for (index, token) in rest.iter().enumerate() {
        // A media type (`application/json`) only says how the node is sent; the key right under
        // `properties` (or another map) is a name even when it reads like a structural word.
        let previous = index.checked_sub(1).and_then(|i| rest.get(i));
        let under_map = previous
            .is_some_and(|p| matches!(p.as_str(), "properties" | "schemas" | "definitions"));
        let structural = STRUCTURAL.contains(&token.as_str()) && !under_map;
        let media_type = previous.is_some_and(|p| p == "content");
        if !structural && !media_type && !token.is_empty() {
            words.push(token.clone());
        }
    }
    if words.is_empty() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The extension-less stem of `pet.schema.yaml` is `pet.schema`; only its first part names the node.
        let stem = stem.split('.').next().unwrap_or_default().to_owned();
        if tokens.is_empty() && !stem.is_empty() {
            return stem;
        }
        return kind_name.to_owned();
    }
    words.join(" ")
}

/// `base`, or `base2`, `base3`... : the first not yet in `taken`, which it joins.
pub fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = base.to_owned();
    let mut number = 2u32;
    while taken.contains(&candidate) {
        candidate = format!("{base}{number}");
        number += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::{derive, unique};
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn names_come_from_pointers_and_files() {
        let doc = serde_json::json!({"paths": {"/pets": {"get": {"operationId": "listPets"}}}});
        let file = Path::new("specs/shared/pet.schema.yaml");
        assert_eq!(derive(file, &doc, "", "schema"), "pet");
        assert_eq!(
            derive(file, &doc, "/components/schemas/Pet", "schema"),
            "Pet"
        );
        assert_eq!(derive(file, &doc, "/Pet", "schema"), "Pet");
        assert_eq!(
            derive(
                file,
                &doc,
                "/components/schemas/Pet/properties/owner",
                "schema"
            ),
            "Pet owner"
        );
        assert_eq!(
            derive(
                file,
                &doc,
                "/paths/~1pets/get/responses/200/content/application~1json/schema",
                "schema"
            ),
            "listPets 200"
        );
        assert_eq!(
            derive(file, &doc, "/paths/~1pets/post/requestBody", "request body"),
            "post /pets"
        );
        assert_eq!(
            derive(
                file,
                &doc,
                "/components/schemas/A/properties/items",
                "schema"
            ),
            "A items"
        );
    }

    #[test]
    fn names_are_numbered_until_unique() {
        let mut taken = BTreeSet::from(["Pet".to_owned()]);
        assert_eq!(unique("Pet", &mut taken), "Pet2");
        assert_eq!(unique("Pet", &mut taken), "Pet3");
        assert_eq!(unique("Owner", &mut taken), "Owner");
    }
}
