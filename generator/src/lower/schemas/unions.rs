//! `oneOf`/`anyOf`: untagged unions, or, with a `discriminator`, unions tagged by a property.

use super::{SchemaLowerer, SchemaRef};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::ir::{TaggedUnion, TaggedVariant, Type, TypeKind, UnionVariant};
use crate::lower::refs::component_name;
use crate::names::Scope;
use indexmap::IndexMap;
use openapiv3::{Discriminator, ReferenceOr, Schema};

impl SchemaLowerer<'_> {
    /// A union of the non-null alternatives written at `pointer` (the `oneOf`/`anyOf` list): tagged when
    /// there is a discriminator that can name every alternative, untagged otherwise.
    pub(super) fn union(
        &mut self,
        alternatives: &[&ReferenceOr<Schema>],
        discriminator: Option<&Discriminator>,
        hint: &str,
        pointer: &str,
        schema_pointer: &str,
    ) -> TypeKind {
        if let Some(discriminator) = discriminator {
            if let Some(union) = self.tagged(alternatives, discriminator, schema_pointer) {
                return TypeKind::Tagged(union);
            }
        }
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let ty = self.lower(
                SchemaRef::from(*alternative),
                &format!("{hint}Variant{index}"),
                &format!("{pointer}/{index}"),
            );
            let raw = self.variant_name(&ty);
            variants.push(UnionVariant {
                rust_name: scope.claim(&raw),
                ty,
            });
        }
        TypeKind::Untagged(variants)
    }

    /// The tagged union of a discriminator, or `None` (with a warning) when an alternative has no schema name
    /// to serve as its implicit tag. Variants follow the alternatives, then schemas only the mapping names;
    /// each variant takes its mapping entries, or its schema name when the mapping has none for it.
    fn tagged(
        &mut self,
        alternatives: &[&ReferenceOr<Schema>],
        discriminator: &Discriminator,
        pointer: &str,
    ) -> Option<TaggedUnion> {
        let mut tags: IndexMap<String, Vec<String>> = IndexMap::new();
        for alternative in alternatives {
            let name = match alternative {
                ReferenceOr::Reference { reference } => component_name(reference, "schemas"),
                ReferenceOr::Item(_) => None,
            };
            let Some(name) = name.filter(|name| self.by_component.contains_key(name)) else {
                self.diagnostics.push(
                    Diagnostic::warning(
                        pointer,
                        "a discriminator needs every alternative to be a $ref to a component schema; this union stays untagged",
                    )
                    .with_hint("move inline alternatives to components.schemas"),
                );
                return None;
            };
            tags.entry(name).or_default();
        }
        let mut seen = std::collections::BTreeSet::new();
        for (tag, target) in &discriminator.mapping {
            // A mapping value is a reference or a bare schema name.
            let name = component_name(target, "schemas")
                .or_else(|| (!target.contains('/')).then(|| target.clone()));
            match name.filter(|name| self.by_component.contains_key(name)) {
                Some(name) if seen.insert(tag.clone()) => tags.entry(name).or_default().push(tag.clone()),
                Some(_) => {}
                None => self.diagnostics.push(Diagnostic::error(
                    format!("{pointer}/discriminator/mapping/{}", pointer_token(tag)),
                    format!("discriminator mapping {target:?} is not a component schema of this document"),
                )),
            }
        }
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (name, mut variant_tags) in tags {
            if variant_tags.is_empty() {
                if !seen.insert(name.clone()) {
                    // Its implicit tag is mapped to another schema: nothing can select it.
                    self.diagnostics.push(Diagnostic::warning(
                        pointer,
                        format!("no discriminator value selects {name:?}: its name is mapped to another schema"),
                    ));
                    continue;
                }
                variant_tags.push(name.clone());
            }
            let Some(&id) = self.by_component.get(&name) else {
                continue;
            };
            let ty = Type::Named(id);
            let rust_name = scope.claim(&self.variant_name(&ty));
            variants.push(TaggedVariant {
                rust_name,
                tags: variant_tags,
                ty,
            });
        }
        Some(TaggedUnion {
            property: discriminator.property_name.clone(),
            variants,
            catch_all: scope.claim("Unknown"),
        })
    }

    fn variant_name(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "Boolean".to_owned(),
            Type::I32 | Type::I64 => "Integer".to_owned(),
            Type::F32 | Type::F64 => "Number".to_owned(),
            Type::Decimal { .. } => "Decimal".to_owned(),
            Type::String => "String".to_owned(),
            Type::Uuid => "Uuid".to_owned(),
            Type::DateTime { .. } => "DateTime".to_owned(),
            Type::Date => "Date".to_owned(),
            Type::Bytes => "Bytes".to_owned(),
            Type::Json => "Json".to_owned(),
            Type::Array(_) => "Array".to_owned(),
            Type::Map(_) => "Map".to_owned(),
            Type::Named(id) => self
                .types
                .get(id.0)
                .map_or_else(|| "Named".to_owned(), |def| def.name.clone()),
            Type::Boxed(inner) => self.variant_name(inner),
        }
    }
}
