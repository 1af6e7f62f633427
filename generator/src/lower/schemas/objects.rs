//! Objects: structs of `properties` (with a flattened map for `additionalProperties`), and `allOf` parts
//! merged into one struct.

use super::{
    MAX_DEPTH, Properties, Property, SchemaLowerer, SchemaRef, append, describe, is_sensitive,
};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::ir::{Field, Type, TypeKind};
use crate::lower::refs::{component_name, component_pointer};
use crate::names::{Scope, value_name};
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, Type as OaType};

impl<'a> SchemaLowerer<'a> {
    /// A struct of `properties`, with a flattened map for `additionalProperties` when the schema allows
    /// properties it does not list (`true` keeps them as JSON, a schema types them).
    pub(super) fn structure(
        &mut self,
        properties: Vec<Property<'_>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> TypeKind {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        // `required` names the schema never declares: a request without them is invalid, so the type must
        // still let them be sent (through the map of extra properties, added if the schema has none).
        let mut undeclared: Vec<&String> = Vec::new();
        for name in required {
            if !properties.iter().any(|(wire, ..)| wire == name) && !undeclared.contains(&name) {
                undeclared.push(name);
            }
        }
        for name in &undeclared {
            self.diagnostics.push(
                Diagnostic::warning(
                    pointer,
                    format!("required property {name:?} is not declared in `properties`; set it through the type's `additional_properties` map"),
                )
                .with_hint(format!("declare {name:?} under `properties`, or remove it from `required`")),
            );
        }
        for (wire_name, property, property_pointer, owner) in properties {
            let wire_name = &wire_name;
            let schema = SchemaRef::from(property);
            let ty = self.lower(schema, &format!("{owner} {wire_name}"), &property_pointer);
            let own = match property {
                ReferenceOr::Item(schema) => Some(schema.as_ref()),
                ReferenceOr::Reference { .. } => None,
            };
            let resolved = self.resolve(schema);
            let read_only = resolved.is_some_and(|s| s.schema_data.read_only);
            let write_only = resolved.is_some_and(|s| s.schema_data.write_only);
            let required = required.iter().any(|r| r == wire_name);
            let mut doc = own.and_then(describe);
            if read_only {
                append(
                    &mut doc,
                    "Read-only: the server sends it; requests leave it out (`None`).",
                );
            }
            if write_only {
                append(
                    &mut doc,
                    "Write-only: requests send it; the server never returns it.",
                );
            }
            fields.push(Field {
                rust_name: scope.claim(&value_name(wire_name)),
                wire_name: wire_name.clone(),
                ty,
                required,
                nullable: self.is_nullable(schema),
                doc,
                deprecated: own.is_some_and(|s| s.schema_data.deprecated),
                sensitive: resolved.is_some_and(is_sensitive),
                one_way: read_only || write_only,
                flatten: false,
            });
        }
        let value = match additional {
            Some(AdditionalProperties::Any(true)) => Some(Type::Json),
            Some(AdditionalProperties::Schema(value)) => Some(self.lower(
                SchemaRef::from(value.as_ref()),
                &format!("{hint}Value"),
                &format!("{pointer}/additionalProperties"),
            )),
            Some(AdditionalProperties::Any(false)) | None if !undeclared.is_empty() => {
                Some(Type::Json)
            }
            Some(AdditionalProperties::Any(false)) | None => None,
        };
        if let Some(value) = value {
            fields.push(Field {
                rust_name: scope.claim("additional_properties"),
                wire_name: "additionalProperties".to_owned(),
                ty: Type::Map(Box::new(value)),
                required: true,
                nullable: false,
                doc: Some(
                    "Properties the schema does not list (`additionalProperties`).".to_owned(),
                ),
                deprecated: false,
                sensitive: false,
                one_way: false,
                flatten: true,
            });
        }
        TypeKind::Struct(fields)
    }

    /// Merges the object parts of an `allOf` (and any sibling properties) into one struct. Properties keep
    /// the pointer where they are written, so a part shared by several types is lowered once.
    pub(super) fn merged(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        siblings: Option<&AnySchema>,
        hint: &str,
        pointer: &str,
    ) -> TypeKind {
        let mut properties: Vec<Property<'_>> = Vec::new();
        let mut required = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{index}");
            self.collect_part(
                SchemaRef::from(part),
                &part_pointer,
                hint,
                &mut properties,
                &mut required,
                0,
            );
        }
        if let Some(own) = siblings {
            properties.extend(own_properties(&own.properties, pointer, hint));
            required.extend(own.required.iter().cloned());
        }
        // A later part's property replaces an earlier one of the same name, keeping the first position.
        let mut merged: Vec<Property<'_>> = Vec::new();
        for property in properties {
            match merged.iter_mut().find(|(name, ..)| *name == property.0) {
                Some(slot) => *slot = property,
                None => merged.push(property),
            }
        }
        let additional = siblings.and_then(|own| own.additional_properties.as_ref());
        self.structure(merged, &required, additional, hint, pointer)
    }

    /// Collects the properties of one `allOf` part, following references and nested `allOf`s.
    fn collect_part<'s>(
        &mut self,
        part: SchemaRef<'s>,
        pointer: &str,
        owner: &str,
        properties: &mut Vec<Property<'s>>,
        required: &mut Vec<String>,
        depth: usize,
    ) where
        'a: 's,
    {
        let (part_pointer, owner) = match part {
            SchemaRef::Ref(reference) => match component_name(reference, "schemas") {
                Some(name) => {
                    let owner = self
                        .by_component
                        .get(&name)
                        .and_then(|id| self.types.get(id.0));
                    let owner = owner.map_or_else(|| name.clone(), |def| def.name.clone());
                    (component_pointer("schemas", &name), owner)
                }
                None => (pointer.to_owned(), owner.to_owned()),
            },
            SchemaRef::Item(_) => (pointer.to_owned(), owner.to_owned()),
        };
        let Some(schema) = self.resolve(part) else {
            self.diagnostics
                .push(Diagnostic::error(pointer, "dangling $ref in allOf"));
            return;
        };
        if depth >= MAX_DEPTH {
            self.diagnostics.push(Diagnostic::error(
                pointer,
                "allOf nesting is too deep (or cyclic)",
            ));
            return;
        }
        // Nested `allOf`s first, so that this part's own properties override what it inherits.
        let nested: &[ReferenceOr<Schema>] = match &schema.schema_kind {
            SchemaKind::Any(any) => &any.all_of,
            SchemaKind::AllOf { all_of } => all_of,
            _ => &[],
        };
        for (index, inner) in nested.iter().enumerate() {
            let inner_pointer = format!("{part_pointer}/allOf/{index}");
            self.collect_part(
                SchemaRef::from(inner),
                &inner_pointer,
                &owner,
                properties,
                required,
                depth + 1,
            );
        }
        match &schema.schema_kind {
            SchemaKind::Type(OaType::Object(object)) => {
                properties.extend(own_properties(&object.properties, &part_pointer, &owner));
                required.extend(object.required.iter().cloned());
            }
            SchemaKind::Any(any) => {
                properties.extend(own_properties(&any.properties, &part_pointer, &owner));
                required.extend(any.required.iter().cloned());
            }
            SchemaKind::AllOf { .. } => {}
            _ => self.diagnostics.push(Diagnostic::warning(
                pointer,
                "only object parts of allOf are merged; this part is ignored",
            )),
        }
    }
}

/// The properties of an object schema written at `pointer`, each with its own pointer.
pub(super) fn own_properties<'s>(
    properties: &'s Properties,
    pointer: &str,
    owner: &str,
) -> Vec<Property<'s>> {
    properties
        .iter()
        .map(|(name, schema)| {
            let property_pointer = format!("{pointer}/properties/{}", pointer_token(name));
            (name.clone(), schema, property_pointer, owner.to_owned())
        })
        .collect()
}
