//! Decides where a recursive type needs a `Box`: once for the whole API, from the strongly connected
//! components of the "holds without indirection" graph, instead of one graph walk per field (which made a
//! chain of thousands of types quadratic). The decision is written into the IR: a field or variant that
//! needs one holds a [`Type::Boxed`], and an alias that contains itself becomes a [`TypeKind::Newtype`].

use crate::graph;
use crate::ir::{Type, TypeDef, TypeId, TypeKind};

/// Boxes every field and variant that holds its own type again without indirection, and turns every alias
/// that contains itself (`L: array of L`, which cannot be a type alias) into a newtype.
pub fn place_boxes(types: &mut [TypeDef]) {
    let recursion = Recursion::new(types);
    for (index, def) in types.iter_mut().enumerate() {
        let id = TypeId(index);
        let boxed = |ty: &mut Type| {
            if recursion.needs_box(ty, id) {
                let inner = std::mem::replace(ty, Type::Json);
                *ty = Type::Boxed(Box::new(inner));
            }
        };
        match &mut def.kind {
            TypeKind::Struct(fields) => fields.iter_mut().for_each(|f| boxed(&mut f.ty)),
            TypeKind::Untagged(variants) => variants.iter_mut().for_each(|v| boxed(&mut v.ty)),
            TypeKind::Tagged(union) => union.variants.iter_mut().for_each(|v| boxed(&mut v.ty)),
            TypeKind::Alias(ty) if recursion.alias_contains_itself(id) => {
                def.kind = TypeKind::Newtype(std::mem::replace(ty, Type::Json));
            }
            _ => {}
        }
    }
}

/// Which named types hold each other without indirection (a struct's fields, a union's variants, an alias).
struct Recursion {
    /// The strongly connected component of each type, by type index.
    component: Vec<usize>,
    /// Whether each type is an alias that contains itself through containers and aliases (`L: array of L`).
    recursive_alias: Vec<bool>,
}

impl Recursion {
    /// Computes the components of every type of the API (Tarjan's algorithm, iterative so that a long
    /// chain of types cannot overflow the stack).
    fn new(types: &[TypeDef]) -> Self {
        let edges: Vec<Vec<usize>> = types.iter().map(|def| direct(&def.kind)).collect();
        let alias_next: Vec<Option<usize>> = types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Alias(ty) => innermost_named(ty),
                _ => None,
            })
            .collect();
        Recursion {
            component: graph::components(&edges),
            recursive_alias: graph::on_cycles(&alias_next),
        }
    }

    /// Whether a value of `ty`, held by `holder` without indirection, contains `holder` again without
    /// indirection, so that the field or variant needs a `Box`. `holder` holds `ty` directly, so this is
    /// whether `ty` is `holder` or in its component.
    fn needs_box(&self, ty: &Type, holder: TypeId) -> bool {
        let Type::Named(id) = ty else { return false };
        *id == holder
            || matches!(
                (self.component.get(id.0), self.component.get(holder.0)),
                (Some(a), Some(b)) if a == b
            )
    }
}

impl Recursion {
    /// Whether the alias `id` mentions itself through containers and aliases, so that it cannot be a type
    /// alias and becomes a newtype.
    fn alias_contains_itself(&self, id: TypeId) -> bool {
        self.recursive_alias.get(id.0).copied().unwrap_or(false)
    }
}

/// The named type inside arrays and maps, if any.
fn innermost_named(ty: &Type) -> Option<usize> {
    match ty {
        Type::Array(inner) | Type::Map(inner) => innermost_named(inner),
        Type::Named(id) => Some(id.0),
        _ => None,
    }
}

/// The named types a value of this kind holds without indirection (a `Vec` or map is an indirection).
fn direct(kind: &TypeKind) -> Vec<usize> {
    let named = |ty: &Type| match ty {
        Type::Named(id) => Some(id.0),
        _ => None,
    };
    match kind {
        TypeKind::Struct(fields) => fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Untagged(variants) => variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Tagged(union) => union.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Alias(inner) | TypeKind::Newtype(inner) => named(inner).into_iter().collect(),
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
    }
}
