//! Resolves local `$ref`s to components of every kind, following chains and refusing cycles.

use crate::diagnostics::Diagnostic;
use indexmap::IndexMap;
use openapiv3::ReferenceOr;

pub use crate::components::{MAX_CHAIN, component_name, component_pointer};

/// The pointer of the component a reference names, when it is a local component reference: a shared
/// component is lowered at its own place, so it has one type everywhere it is used.
pub fn component_origin<T>(item: &ReferenceOr<T>, kind: &str) -> Option<String> {
    match item {
        ReferenceOr::Reference { reference } => {
            component_name(reference, kind).map(|name| component_pointer(kind, &name))
        }
        ReferenceOr::Item(_) => None,
    }
}

/// Follows `item` through references into `components.<kind>` until a value is found.
pub fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    kind: &str,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    pointer: &str,
) -> Result<&'a T, Diagnostic> {
    let mut current = item;
    for _ in 0..MAX_CHAIN {
        match current {
            ReferenceOr::Item(value) => return Ok(value),
            ReferenceOr::Reference { reference } => {
                let Some(name) = component_name(reference, kind) else {
                    return Err(unsupported_ref(pointer, reference, kind));
                };
                current = components.and_then(|map| map.get(&name)).ok_or_else(|| {
                    Diagnostic::error(
                        format!("{pointer}/$ref"),
                        format!("dangling $ref {reference:?}: no such {kind} component"),
                    )
                    .with_hint(format!(
                        "define it under components.{kind}, or fix the reference"
                    ))
                })?;
            }
        }
    }
    Err(Diagnostic::error(
        pointer.to_owned(),
        format!("$ref chain through components.{kind} is cyclic"),
    ))
}

/// The diagnostic for a reference specgen cannot follow.
pub fn unsupported_ref(pointer: &str, reference: &str, kind: &str) -> Diagnostic {
    Diagnostic::error(
        pointer.to_owned(),
        format!(
            "unsupported $ref {reference:?}: only local references to #/components/{kind}/<name> are followed"
        ),
    )
}
