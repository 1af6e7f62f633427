//! Brings OpenAPI 3.1 and Swagger 2.0 documents to the OpenAPI 3.0 shape that `openapiv3` reads and every
//! later stage handles, on the JSON tree of the spec before it is bundled and typed.
//!
//! Every node the conversion moves or makes is recorded in a [`PointerMap`] (converted pointer to original
//! pointer), which `load` consults when it locates a problem, so that warnings and errors about a converted
//! document name the line and pointer the user wrote. A 3.0 document passes through untouched.

mod map;
mod schema31;
mod swagger2;
mod swagger2_operations;
mod swagger2_schemas;
mod v31;
mod version;
mod walk;

pub use map::PointerMap;
use version::Version;

use crate::diagnostics::Diagnostic;
use serde_json::Value;

/// What converting a document produced besides the converted tree.
#[derive(Debug, Default)]
pub struct Normalised {
    /// Where converted nodes came from.
    pub map: PointerMap,
    /// Warnings for constructs read with a fallback, at converted pointers (located through `map`).
    pub problems: Vec<Diagnostic>,
}

/// Converts `document` in place to the OpenAPI 3.0 shape. An error (a version specgen cannot read, or a
/// document mixing versions) is at a pointer of the original document.
pub fn normalise(document: &mut Value) -> Result<Normalised, Diagnostic> {
    let version = version::detect(document)?;
    let mut normalised = Normalised::default();
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
}
