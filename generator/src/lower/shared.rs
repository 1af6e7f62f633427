//! Identical types are defined once. Specs repeat inline shapes: GitHub's permission objects spell out
//! `read`/`write` 722 times (3,022 enums in all, with 530 distinct value lists), and its webhook payloads
//! repeat whole objects. Every enum costs its users a dozen impls to compile and every struct seven, so an
//! inline enum or struct that repeats another's definition (values, or fields with their names, types and
//! docs) becomes an alias of the first (`pub type IssueState = PullState;`). It keeps its own name and
//! doc, so code written against either name works. Component schemas stay types of their own, since a spec
//! that names two types means two types; they are preferred as the shared definition.

use crate::ir::{Field, Type, TypeDef, TypeId, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// What makes two types the same: their kind and contents (an enum's values with their Rust names and
/// docs and its catch-all; a struct's fields with every attribute, their types read through the aliases
/// made so far), and whether they are deprecated (a shared definition carries its `#[deprecated]` to the
/// other names).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Strings(bool, &'a str, Vec<(&'a str, &'a str, Option<&'a str>)>),
    Integers(bool, &'a str, Vec<(&'a str, i64, Option<&'a str>)>),
    Struct(bool, Vec<FieldKey<'a>>),
}

/// A field's name, wire name, type (through the aliases), doc and flags.
type FieldKey<'a> = (&'a str, &'a str, Type, Option<&'a str>, [bool; 6]);

fn key<'a>(def: &'a TypeDef, shared: &BTreeMap<TypeId, TypeId>) -> Option<Key<'a>> {
    match &def.kind {
        TypeKind::StringEnum { values, catch_all } => Some(Key::Strings(
            def.deprecated,
            catch_all,
            values
                .iter()
                .map(|v| (v.rust_name.as_str(), v.wire.as_str(), v.doc.as_deref()))
                .collect(),
        )),
        TypeKind::IntegerEnum { values, catch_all } => Some(Key::Integers(
            def.deprecated,
            catch_all,
            values
                .iter()
                .map(|v| (v.rust_name.as_str(), v.wire, v.doc.as_deref()))
                .collect(),
        )),
        TypeKind::Struct(fields) => Some(Key::Struct(
            def.deprecated,
            fields
                .iter()
                .map(|field| field_key(field, shared))
                .collect(),
        )),
        _ => None,
    }
}

fn field_key<'a>(field: &'a Field, shared: &BTreeMap<TypeId, TypeId>) -> FieldKey<'a> {
    let Field {
        rust_name,
        wire_name,
        ty,
        required,
        nullable,
        doc,
        deprecated,
        sensitive,
        one_way,
        flatten,
    } = field;
    let flags = [
        *required,
        *nullable,
        *deprecated,
        *sensitive,
        *one_way,
        *flatten,
    ];
    (
        rust_name,
        wire_name,
        ty.map_named(&|id| Type::Named(shared.get(&id).copied().unwrap_or(id))),
        doc.as_deref(),
        flags,
    )
}

/// Turns every inline enum or struct that repeats an earlier definition into an alias of it, repeating
/// for structs until no more match (two structs become the same once their fields' types have). The
/// shared definition is the first component schema of that shape, else the first type of it (by type
/// order, so the output is deterministic). Returns how many types became aliases.
pub fn share_identical_types(types: &mut [TypeDef], components: &BTreeSet<TypeId>) -> usize {
    let mut shared: BTreeMap<TypeId, TypeId> = BTreeMap::new();
    loop {
        let aliases = repeats(types, components, &shared);
        if aliases.is_empty() {
            return shared.len();
        }
        for (id, first) in aliases {
            if let Some(def) = types.get_mut(id.0) {
                def.kind = TypeKind::Alias(Type::Named(first));
            }
            shared.insert(id, first);
        }
    }
}

/// The inline types that repeat another's shape, each with the definition to share.
fn repeats(
    types: &[TypeDef],
    components: &BTreeSet<TypeId>,
    shared: &BTreeMap<TypeId, TypeId>,
) -> Vec<(TypeId, TypeId)> {
    let keys: Vec<Option<Key<'_>>> = types.iter().map(|def| key(def, shared)).collect();
    let mut first: BTreeMap<&Key<'_>, TypeId> = BTreeMap::new();
    for (index, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        let id = TypeId(index);
        match first.get_mut(key) {
            Some(found) if components.contains(&id) && !components.contains(found) => *found = id,
            Some(_) => {}
            None => {
                first.insert(key, id);
            }
        }
    }
    keys.iter()
        .enumerate()
        .filter(|(index, _)| !components.contains(&TypeId(*index)))
        .filter_map(|(index, key)| {
            let found = *first.get(key.as_ref()?)?;
            (found != TypeId(index)).then_some((TypeId(index), found))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::share_identical_types;
    use crate::ir::{EnumValue, Field, Gate, Type, TypeDef, TypeId, TypeKind};
    use std::collections::BTreeSet;

    fn string_enum(name: &str, wires: &[&str]) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            pointer: format!("#/{name}"),
            doc: None,
            deprecated: false,
            kind: TypeKind::StringEnum {
                values: wires
                    .iter()
                    .map(|wire| EnumValue {
                        rust_name: wire.to_uppercase(),
                        wire: (*wire).to_owned(),
                        doc: None,
                    })
                    .collect(),
                catch_all: "Unknown".to_owned(),
            },
            gate: Gate::default(),
        }
    }

    #[test]
    fn inline_repeats_become_aliases_of_a_component_first() {
        let mut types = vec![
            string_enum("RepoPermission", &["read", "write"]),
            string_enum("OrgPermission", &["read", "write"]),
            string_enum("Permission", &["read", "write"]),
            string_enum("State", &["open", "closed"]),
            string_enum("OtherState", &["open", "closed", "draft"]),
            string_enum("Access", &["read", "write"]),
        ];
        // `Permission` and `Access` are component schemas: `Permission` is shared, `Access` stays itself.
        let components = BTreeSet::from([TypeId(2), TypeId(5)]);
        assert_eq!(share_identical_types(&mut types, &components), 2);
        let kinds: Vec<_> = types.iter().map(|def| &def.kind).collect();
        assert_eq!(kinds[0], &TypeKind::Alias(Type::Named(TypeId(2))));
        assert_eq!(kinds[1], &TypeKind::Alias(Type::Named(TypeId(2))));
        assert!(matches!(kinds[2], TypeKind::StringEnum { .. }));
        assert!(matches!(kinds[3], TypeKind::StringEnum { .. }));
        assert!(matches!(kinds[4], TypeKind::StringEnum { .. }));
        assert!(matches!(kinds[5], TypeKind::StringEnum { .. }));
    }

    #[test]
    fn enums_differing_in_a_doc_or_deprecation_stay_apart() {
        let mut documented = string_enum("B", &["a"]);
        if let TypeKind::StringEnum { values, .. } = &mut documented.kind {
            values[0].doc = Some("The first letter.".to_owned());
        }
        let mut deprecated = string_enum("C", &["a"]);
        deprecated.deprecated = true;
        let mut types = vec![string_enum("A", &["a"]), documented, deprecated];
        assert_eq!(share_identical_types(&mut types, &BTreeSet::new()), 0);
    }

    fn object(name: &str, field_type: Type) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            pointer: format!("#/{name}"),
            doc: Some(format!("{name}'s own doc")),
            deprecated: false,
            kind: TypeKind::Struct(vec![Field {
                rust_name: "state".to_owned(),
                wire_name: "state".to_owned(),
                ty: field_type,
                required: true,
                nullable: false,
                doc: None,
                deprecated: false,
                sensitive: false,
                one_way: false,
                flatten: false,
            }]),
            gate: Gate::default(),
        }
    }

    #[test]
    fn structs_repeating_fields_through_shared_enums_are_shared_too() {
        let mut types = vec![
            string_enum("IssueState", &["open", "closed"]),
            string_enum("PullState", &["open", "closed"]),
            object("Issue", Type::Named(TypeId(0))),
            object("Pull", Type::Named(TypeId(1))),
            object("Tagged", Type::Array(Box::new(Type::Named(TypeId(1))))),
        ];
        assert_eq!(share_identical_types(&mut types, &BTreeSet::new()), 2);
        assert_eq!(types[1].kind, TypeKind::Alias(Type::Named(TypeId(0))));
        assert_eq!(types[3].kind, TypeKind::Alias(Type::Named(TypeId(2))));
        assert_eq!(types[3].doc.as_deref(), Some("Pull's own doc"));
        assert!(matches!(types[4].kind, TypeKind::Struct(_)));
    }
}
