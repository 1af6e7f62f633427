//! Which version of the specification a document is written in, and the documents specgen cannot read: an
//! unknown version, a version written as a number, no version at all, or two versions at once.

use crate::diagnostics::Diagnostic;
use serde_json::Value;

/// The versions specgen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3.0.x, read as it is.
    OpenApi30,
    /// OpenAPI 3.1.x, converted.
    OpenApi31,
    /// Swagger 2.0, converted.
    Swagger20,
}

/// The version `document` declares, or why it cannot be read.
pub fn detect(document: &Value) -> Result<Version, Diagnostic> {
    let swagger = document.get("swagger");
    let openapi = document.get("openapi");
    if let (Some(_), Some(openapi)) = (swagger, openapi) {
        return Err(Diagnostic::error(
            "/swagger",
            format!(
                "the document declares both `swagger` and `openapi` ({}); it must be one version",
                crate::validate::short(openapi)
            ),
        )
        .with_hint(
            "keep `openapi` for an OpenAPI 3 document, or `swagger: '2.0'` for Swagger 2.0",
        ));
    }
    if let Some(swagger) = swagger {
        return match swagger.as_str() {
            Some("2.0") => mixed_swagger(document).map(|()| Version::Swagger20),
            Some(other) => Err(Diagnostic::error(
                "/swagger",
                format!("unknown Swagger version {other:?}; specgen reads Swagger 2.0"),
            )),
            None => Err(
                Diagnostic::error("/swagger", "the Swagger version is not a string")
                    .with_hint("write `swagger: '2.0'` (quoted: YAML reads 2.0 as a number)"),
            ),
        };
    }
    match openapi.and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0") => Ok(Version::OpenApi30),
        Some(version) if version.starts_with("3.1") => Ok(Version::OpenApi31),
        Some(version) => Err(Diagnostic::error(
            "/openapi",
            format!("unknown OpenAPI version {version:?}"),
        )
        .with_hint("specgen reads OpenAPI 3.0 and 3.1, and Swagger 2.0")),
        None if openapi.is_some_and(Value::is_number) => Err(Diagnostic::error(
            "/openapi",
            "the OpenAPI version is written as a number",
        )
        .with_hint(
            "quote it, `openapi: '3.0.3'`, or write all three parts (YAML reads `3.0` as a number)",
        )),
        None => Err(Diagnostic::error(
            "",
            "not an OpenAPI document: the `openapi` field is missing",
        )
        .with_hint("an OpenAPI 3.0 document starts with `openapi: 3.0.3`")),
    }
}

/// A Swagger 2.0 document must not hold OpenAPI 3 sections: half-converted documents are refused rather
/// than guessed at.
fn mixed_swagger(document: &Value) -> Result<(), Diagnostic> {
    for key in ["components", "servers", "webhooks"] {
        if document.get(key).is_some() {
            return Err(Diagnostic::error(
                format!("/{key}"),
                format!("a Swagger 2.0 document holds OpenAPI 3 `{key}`; it mixes two versions"),
            )
            .with_hint("finish converting it to OpenAPI 3 (and drop `swagger`), or write it all as Swagger 2.0"));
        }
    }
    Ok(())
}
