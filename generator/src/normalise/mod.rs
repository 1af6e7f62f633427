//! Brings OpenAPI 3.1 and Swagger 2.0 documents to the OpenAPI 3.0 shape that `openapiv3` reads and every
//! later stage handles, on the JSON tree of the spec before it is bundled and typed.
//!
//! Every node the conversion moves or makes is recorded in a [`PointerMap`] (converted pointer to original
//! pointer), which `load` consults when it locates a problem, so that warnings and errors about a converted
//! document name the line and pointer the user wrote. A 3.0 document passes through untouched.

mod explode;
mod map;
mod schema31;
mod swagger2;
mod swagger2_operations;
mod swagger2_schemas;
mod v31;
mod version;
mod walk;

pub use explode::default_explodes;
pub use map::PointerMap;
pub use version::Version;

use crate::diagnostics::Diagnostic;
use serde_json::Value;

/// What converting a document produced besides the converted tree.
#[derive(Debug, Default)]
pub struct Normalised {
    /// The version the document declared.
    pub version: Option<Version>,
    /// Where converted nodes came from.
    pub map: PointerMap,
    /// Warnings for constructs read with a fallback, at converted pointers (located through `map`).
    pub problems: Vec<Diagnostic>,
    /// Nodes copied so far (see [`COPY_BUDGET`]).
    copied: usize,
}

/// Converts the schemas of a bundled document whose parts came from other files: `normalise` converted the
/// spec itself, but the fragments `$ref`s brought in are written in the spec's version too. Schemas already
/// converted are left as they are (the conversion of a converted schema changes nothing). What moves is
/// recorded at pointers of the bundled document.
pub fn fragments(document: &mut Value, version: Option<Version>) -> Normalised {
    let mut out = Normalised {
        version,
        ..Normalised::default()
    };
    let convert: fn(&mut serde_json::Map<String, Value>, &str, &mut Normalised) = match version {
        Some(Version::OpenApi31) => schema31::convert,
        Some(Version::Swagger20) => swagger2_schemas::convert,
        _ => return out,
    };
    walk::walk(
        document,
        "",
        crate::bundle::kinds::Kind::Document,
        &mut |node, pointer, kind| {
            if kind == crate::bundle::kinds::Kind::Schema {
                convert(node, pointer, &mut out);
            }
        },
    );
    out
}

/// How many JSON nodes a conversion may copy in all (a path item or a Swagger 2.0 body for each place
/// that refers to it, a schema for each media type). Real documents copy a few thousand; a document that
/// refers to one large node from very many places (the alias bomb of references) is refused instead of
/// exhausting memory.
const COPY_BUDGET: usize = 2_000_000;

impl Normalised {
    /// A copy of `value` (needed at `pointer`), or `None` once the conversion has copied more than
    /// [`COPY_BUDGET`] nodes, which is then reported once, as an error.
    pub(crate) fn copy(&mut self, value: &Value, pointer: &str) -> Option<Value> {
        let remaining = COPY_BUDGET.saturating_sub(self.copied);
        let size = nodes(value, remaining.saturating_add(1));
        if size > remaining {
            if self.copied <= COPY_BUDGET {
                self.copied = COPY_BUDGET.saturating_add(1);
                self.problems.push(
                    Diagnostic::error(
                        pointer,
                        format!("converting the document would copy more than {COPY_BUDGET} JSON nodes; it is refused"),
                    )
                    .with_hint("a large shared node is referred to from very many places; refer to it fewer times"),
                );
            }
            return None;
        }
        self.copied += size;
        Some(value.clone())
    }
}

/// The number of nodes of `value`, counted up to `limit` (iteratively: no depth can exhaust the stack).
fn nodes(value: &Value, limit: usize) -> usize {
    let mut count = 0;
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        count += 1;
        if count >= limit {
            return count;
        }
        match node {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.values()),
            _ => {}
        }
    }
    count
}

/// Converts another file of a Swagger 2.0 spec, when it is itself a Swagger 2.0 document (`swagger: "2.0"`),
/// to the 3.0 shape like the spec, so that the path items, parameters and responses `$ref`s take from it
/// are 3.0 nodes. Its sections move (`definitions` to `components/schemas`...): see [`swagger2_target`] for
/// where a `$ref` into it lands. Other files (a lone schema, say) are left as they are.
pub fn swagger2_file(document: &mut Value) -> Option<Normalised> {
    if document.get("swagger").and_then(Value::as_str) != Some("2.0") {
        return None;
    }
    let mut out = Normalised {
        version: Some(Version::Swagger20),
        ..Normalised::default()
    };
    swagger2::convert(document, &mut out);
    Some(out)
}

/// Where a JSON pointer written for a Swagger 2.0 document lies once [`swagger2_file`] converted it.
pub fn swagger2_target(pointer: &str) -> String {
    let sections = [
        ("/definitions/", "/components/schemas/"),
        ("/parameters/", "/components/parameters/"),
        ("/responses/", "/components/responses/"),
        ("/securityDefinitions/", "/components/securitySchemes/"),
    ];
    for (old, new) in sections {
        if let Some(rest) = pointer.strip_prefix(old) {
            return format!("{new}{rest}");
        }
    }
    pointer.to_owned()
}

/// Converts `document` in place to the OpenAPI 3.0 shape. An error (a version specgen cannot read, or a
/// document mixing versions) is at a pointer of the original document.
pub fn normalise(document: &mut Value) -> Result<Normalised, Diagnostic> {
    let version = version::detect(document)?;
    let mut normalised = Normalised {
        version: Some(version),
        ..Normalised::default()
    };
    match version {
        Version::OpenApi30 => {}
        Version::OpenApi31 => v31::convert(document, &mut normalised),
        Version::Swagger20 => swagger2::convert(document, &mut normalised),
    }
    Ok(normalised)
}

#[cfg(test)]
mod tests {
    use super::normalise;
    use serde_json::json;

    #[test]
    fn an_openapi_3_0_document_is_left_as_it_is() {
        let original = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {"A": {"type": "string", "examples": ["kept"], "const": 1}}}
        });
        let mut document = original.clone();
        let normalised = normalise(&mut document).ok();
        assert_eq!(document, original);
        assert_eq!(normalised.map(|n| n.problems.len()), Some(0));
    }

    #[test]
    fn converted_nodes_point_back_to_where_they_were_written() {
        let mut document = json!({
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"post": {
                "parameters": [
                    {"name": "q", "in": "query", "type": "string"},
                    {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/A"}}
                ],
                "responses": {"200": {"description": "ok", "schema": {"type": "integer"}}}
            }}},
            "definitions": {"A": {"type": ["string", "null"]}}
        });
        let Ok(normalised) = normalise(&mut document) else {
            panic!("a Swagger 2.0 document converts");
        };
        assert_eq!(
            document.pointer("/paths/~1a/post/requestBody/content/application~1json/schema/$ref"),
            Some(&json!("#/components/schemas/A"))
        );
        assert_eq!(
            document.pointer("/components/schemas/A"),
            Some(&json!({"type": "string", "nullable": true}))
        );
        let map = normalised.map;
        assert_eq!(
            map.original("/paths/~1a/post/requestBody/content/application~1json/schema/$ref"),
            "/paths/~1a/post/parameters/1/schema/$ref"
        );
        assert_eq!(
            map.original("/paths/~1a/post/parameters/0/schema/type"),
            "/paths/~1a/post/parameters/0/type"
        );
        assert_eq!(
            map.original("/paths/~1a/post/responses/200/content/application~1json/schema/type"),
            "/paths/~1a/post/responses/200/schema/type"
        );
        assert_eq!(
            map.original("/components/schemas/A/nullable"),
            "/definitions/A/type"
        );
    }

    #[test]
    fn copying_a_shared_node_into_very_many_places_is_refused() {
        // A path item of 10,001 nodes, referred to from 300 paths: 3 million nodes to copy.
        let big: Vec<serde_json::Value> = (0..10_000).map(|i| json!(i)).collect();
        let item = json!({"get": {"responses": {"200": {"description": "ok"}}, "x-data": big}});
        let mut paths = serde_json::Map::new();
        for index in 0..300 {
            paths.insert(
                format!("/p{index}"),
                json!({"$ref": "#/components/pathItems/Big"}),
            );
        }
        let mut document = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": paths,
            "components": {"pathItems": {"Big": item}}
        });
        let Ok(normalised) = normalise(&mut document) else {
            panic!("the document is read");
        };
        let errors: Vec<&str> = normalised
            .problems
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors.iter().all(|e| e.contains("would copy more than")));
    }
}
