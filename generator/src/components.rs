//! Names and pointers of `components` entries, and the limit on chains of `$ref`s: written once for the
//! stages that follow references (bundling across files, lowering within the document).

use crate::diagnostics::pointer_token;

/// Chains of references longer than this are refused (a cycle is caught earlier; this bounds the rest).
pub const MAX_CHAIN: usize = 64;

/// The name of the component of `section` that a pointer (`/components/schemas/Pet`) or local reference
/// (`#/components/schemas/Pet`) names, if it names exactly one.
pub fn component_name(pointer: &str, section: &str) -> Option<String> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    let rest = pointer
        .strip_prefix("/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')?;
    if rest.contains('/') {
        return None;
    }
    Some(rest.replace("~1", "/").replace("~0", "~"))
}

/// The JSON pointer of a component.
pub fn component_pointer(section: &str, name: &str) -> String {
    format!("/components/{section}/{}", pointer_token(name))
}

#[cfg(test)]
mod tests {
    use super::{component_name, component_pointer};

    #[test]
    fn pointers_and_references_name_components() {
        assert_eq!(
            component_name("#/components/schemas/a~1b", "schemas"),
            Some("a/b".to_owned())
        );
        assert_eq!(
            component_name("/components/schemas/Pet", "schemas"),
            Some("Pet".to_owned())
        );
        assert_eq!(
            component_name("#/components/schemas/Pet/properties/a", "schemas"),
            None
        );
        assert_eq!(
            component_name("#/components/responses/Pet", "schemas"),
            None
        );
        assert_eq!(
            component_pointer("schemas", "a/b"),
            "/components/schemas/a~1b"
        );
    }
}
