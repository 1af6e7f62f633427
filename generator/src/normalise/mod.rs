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
