//! Lowers JSON schemas to IR types: named structs, enums and unions for components and inline shapes.
//! Enumerations and unions have submodules of their own.

mod enums;
mod objects;
mod unions;

use super::refs::{component_name, component_pointer, unsupported_ref};
use crate::diagnostics::Diagnostic;
use crate::extensions as ext;
use crate::ir::{Type, TypeDef, TypeId, TypeKind};
use crate::names::{RESERVED_TYPE_NAMES, Scope, type_name};
use indexmap::IndexMap;
use objects::own_properties;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type as OaType, VariantOrUnknownOrEmpty,
};
use std::collections::BTreeMap;

/// Inline schemas nested deeper than this are refused rather than recursed into.
const MAX_DEPTH: usize = 64;

/// A schema, or a reference to one, however `openapiv3` boxes it.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    /// `$ref`.
    Ref(&'a str),
    /// An inline schema.
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

/// Builds the type table of one API.
pub struct SchemaLowerer<'a> {
    components: Option<&'a IndexMap<String, ReferenceOr<Schema>>>,
    /// Types defined so far.
    pub types: Vec<TypeDef>,
    /// Component schema name to its type.
    pub by_component: BTreeMap<String, TypeId>,
    scope: Scope,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    depth: usize,
    /// Inline schemas already lowered, by JSON pointer: a schema reached twice (a shared parameter, an
    /// `allOf` part copied into several types, a recursive `allOf`) is lowered once and keeps one type.
    inline: BTreeMap<String, Type>,
    /// Every `type: number` without a format is an exact decimal (the generator's `decimal_numbers`).
    pub decimal_numbers: bool,
}

/// The `properties` of an object schema.
type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// One property to lower: wire name, schema, the pointer where it is written, and the name of the type that
/// declares it (inline types are named after their declaring type and property).
type Property<'s> = (String, &'s ReferenceOr<Box<Schema>>, String, String);

impl<'a> SchemaLowerer<'a> {
    /// Reserves a named type for every component schema, so references resolve before definitions.
    pub fn new(components: Option<&'a IndexMap<String, ReferenceOr<Schema>>>) -> Self {
        let mut lowerer = SchemaLowerer {
            components,
            types: Vec::new(),
            by_component: BTreeMap::new(),
            scope: Scope::with_reserved(RESERVED_TYPE_NAMES),
            diagnostics: Vec::new(),
            depth: 0,
            inline: BTreeMap::new(),
            decimal_numbers: false,
        };
        for name in components.into_iter().flat_map(|map| map.keys()) {
            let id = lowerer.add_type(
                name,
                &component_pointer("schemas", name),
                None,
                TypeKind::Alias(Type::Json),
            );
            lowerer.by_component.insert(name.clone(), id);
        }
        lowerer
    }

    /// Claims a type name from this API's scope (used for operation builders and other generated types).
    pub fn claim_name(&mut self, raw: &str) -> String {
        self.scope.claim(&type_name(raw))
    }

    /// Defines every component schema.
    pub fn define_components(&mut self) {
        let Some(components) = self.components else {
            return;
        };
        for (name, item) in components {
            let Some(&id) = self.by_component.get(name) else {
                continue;
            };
            let pointer = component_pointer("schemas", name);
            let type_name = self.types[id.0].name.clone();
            let (kind, doc, deprecated) = match item {
                ReferenceOr::Reference { reference } => (
                    TypeKind::Alias(self.lower(SchemaRef::Ref(reference), &type_name, &pointer)),
                    None,
                    false,
                ),
                ReferenceOr::Item(schema) => {
                    let kind = match self.named_kind(schema, &type_name, &pointer) {
                        Some(kind) => kind,
                        None => TypeKind::Alias(self.plain_type(schema, &type_name, &pointer)),
                    };
                    (kind, describe(schema), schema.schema_data.deprecated)
                }
            };
            let def = &mut self.types[id.0];
            def.kind = kind;
            def.doc = doc;
            def.deprecated = deprecated;
        }
    }

    /// Reports components that are nothing but a `$ref` chain back to themselves (`A: $ref B`, `B: $ref A`):
    /// they describe no value. Their aliases are cut to `serde_json::Value` so no cyclic alias is emitted.
    pub fn check_alias_cycles(&mut self) {
        let next: Vec<Option<usize>> = self
            .types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Alias(Type::Named(next)) => Some(next.0),
                _ => None,
            })
            .collect();
        let mut cyclic = crate::graph::on_cycles(&next);
        // One error per cycle, on its first member; the rest of the cycle then leads to a value.
        for start in 0..self.types.len() {
            if !cyclic.get(start).copied().unwrap_or(false) {
                continue;
            }
            let mut member = Some(start);
            while let Some(index) = member.filter(|&i| cyclic.get(i).copied().unwrap_or(false)) {
                cyclic[index] = false;
                member = next.get(index).copied().flatten();
            }
            let Some(def) = self.types.get_mut(start) else {
                continue;
            };
            self.diagnostics.push(
                Diagnostic::error(
                    def.pointer.clone(),
                    "this schema is a cycle of $refs that never reaches a type",
                )
                .with_hint(
                    "one schema of the cycle must describe a value (an object, array or scalar)",
                ),
            );
            def.kind = TypeKind::Alias(Type::Json);
        }
    }

    /// The IR type of a schema used at `pointer`; inline named shapes are called `hint`.
    pub fn lower(&mut self, schema: SchemaRef<'_>, hint: &str, pointer: &str) -> Type {
        match schema {
            SchemaRef::Ref(reference) => match component_name(reference, "schemas") {
                Some(name) => match self.by_component.get(&name) {
                    Some(&id) => Type::Named(id),
                    None => {
                        let names: Vec<&str> =
                            self.by_component.keys().map(String::as_str).collect();
                        let hint = match crate::validate::closest(&name, &names) {
                            Some(near) => format!("did you mean \"#/components/schemas/{near}\"?"),
                            None => "define it under components.schemas, or fix the reference"
                                .to_owned(),
                        };
                        self.diagnostics.push(
                            Diagnostic::error(
                                format!("{pointer}/$ref"),
                                format!("dangling $ref {reference:?}: no such schema"),
                            )
                            .with_hint(hint),
                        );
                        Type::Json
                    }
                },
                None => {
                    self.diagnostics
                        .push(unsupported_ref(pointer, reference, "schemas"));
                    Type::Json
                }
            },
            SchemaRef::Item(schema) => {
                if let Some(known) = self.inline.get(pointer) {
                    return known.clone();
                }
                if self.depth >= MAX_DEPTH {
                    self.diagnostics
                        .push(Diagnostic::error(pointer, "schema nesting is too deep"));
                    return Type::Json;
                }
                self.depth += 1;
                let ty = if needs_name(schema) {
                    // The type exists before its fields, so that a recursive reference finds it.
                    let id =
                        self.add_type(hint, pointer, describe(schema), TypeKind::Alias(Type::Json));
                    self.inline.insert(pointer.to_owned(), Type::Named(id));
                    let name = self
                        .types
                        .get(id.0)
                        .map(|def| def.name.clone())
                        .unwrap_or_default();
                    if let Some(kind) = self.named_kind(schema, &name, pointer) {
                        if let Some(def) = self.types.get_mut(id.0) {
                            def.kind = kind;
                        }
                    }
                    Type::Named(id)
                } else {
                    self.plain_type(schema, hint, pointer)
                };
                self.inline.insert(pointer.to_owned(), ty.clone());
                self.depth -= 1;
                ty
            }
        }
    }

    /// Whether a schema admits `null` (directly, through its component, or a nullable `allOf` wrapper).
    pub fn is_nullable(&self, schema: SchemaRef<'_>) -> bool {
        self.resolve(schema).is_some_and(|s| s.schema_data.nullable)
    }

    /// The schema a reference points to (through component chains).
    pub fn resolve<'s>(&self, schema: SchemaRef<'s>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        let mut current = schema;
        for _ in 0..MAX_DEPTH {
            match current {
                SchemaRef::Item(schema) => return Some(schema),
                SchemaRef::Ref(reference) => {
                    let name = component_name(reference, "schemas")?;
                    current = SchemaRef::from(self.components?.get(&name)?);
                }
            }
        }
        None
    }

    /// The property `name` of an object schema (after references), with its required flag.
    pub fn property<'s>(&self, schema: SchemaRef<'s>, name: &str) -> Option<(SchemaRef<'s>, bool)>
    where
        'a: 's,
    {
        match &self.resolve(schema)?.schema_kind {
            SchemaKind::Type(OaType::Object(object)) => {
                let property = object.properties.get(name)?;
                Some((
                    SchemaRef::from(property),
                    object.required.iter().any(|r| r == name),
                ))
            }
            _ => None,
        }
    }

    fn add_type(
        &mut self,
        hint: &str,
        pointer: &str,
        doc: Option<String>,
        kind: TypeKind,
    ) -> TypeId {
        let id = TypeId(self.types.len());
        let name = self.scope.claim(&type_name(hint));
        self.types.push(TypeDef {
            name,
            pointer: pointer.to_owned(),
            doc,
            deprecated: false,
            kind,
            gate: crate::ir::Gate::Always,
        });
        id
    }

    /// The kind of a schema that needs a named type of its own, or `None` for plain types.
    fn named_kind(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Option<TypeKind> {
        if let Some(listed) = enums::listed(schema) {
            return Some(enums::enum_kind(schema, listed));
        }
        let discriminator = schema.schema_data.discriminator.as_ref();
        if discriminator.is_some() && alternatives(schema).is_none() {
            self.diagnostics.push(Diagnostic::warning(
                pointer,
                "a discriminator outside oneOf/anyOf is not used: values are read as this schema's own properties",
            ).with_hint("list the subtypes in a oneOf beside the discriminator to get a tagged enum"));
        }
        if let Some((keyword, alternatives)) = alternatives(schema) {
            let non_null: Vec<_> = alternatives.iter().filter(|a| !is_null_schema(a)).collect();
            if non_null.len() == 1 {
                return None;
            }
            let list_pointer = format!("{pointer}/{keyword}");
            return Some(self.union(&non_null, discriminator, hint, &list_pointer, pointer));
        }
        match &schema.schema_kind {
            SchemaKind::Type(OaType::Object(object)) if !object.properties.is_empty() => {
                let properties = own_properties(&object.properties, pointer, hint);
                let extra = object.additional_properties.as_ref();
                Some(self.structure(properties, &object.required, extra, hint, pointer))
            }
            SchemaKind::AllOf { all_of } if all_of.len() > 1 => {
                Some(self.merged(all_of, None, hint, pointer))
            }
            SchemaKind::Any(any) if !any.all_of.is_empty() => {
                // `allOf` beside `properties`: openapiv3 keeps both here; the siblings are one more part.
                Some(self.merged(&any.all_of, Some(any), hint, pointer))
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                let properties = own_properties(&any.properties, pointer, hint);
                let extra = any.additional_properties.as_ref();
                Some(self.structure(properties, &any.required, extra, hint, pointer))
            }
            _ => None,
        }
    }

    /// The type of a schema that needs no name of its own.
    fn plain_type(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Type {
        match &schema.schema_kind {
            SchemaKind::Type(OaType::Boolean(_)) => Type::Bool,
            SchemaKind::Type(OaType::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Type::I32,
                _ => Type::I64,
            },
            SchemaKind::Type(OaType::Number(number)) => match &number.format {
                _ if is_marked_decimal(schema) => Type::Decimal { text: false },
                VariantOrUnknownOrEmpty::Unknown(format) if format == "decimal" => {
                    Type::Decimal { text: false }
                }
                VariantOrUnknownOrEmpty::Empty if self.decimal_numbers => {
                    Type::Decimal { text: false }
                }
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Type::F32,
                _ => Type::F64,
            },
            SchemaKind::Type(OaType::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                    let assume_utc =
                        ext::ASSUME_UTC.read(&schema.schema_data.extensions) == Some(true);
                    Type::DateTime { assume_utc }
                }
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Type::Date,
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Type::Bytes,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => Type::Uuid,
                // Amounts several billing APIs send as strings, kept exact.
                VariantOrUnknownOrEmpty::Unknown(format) if format == "decimal" => {
                    Type::Decimal { text: true }
                }
                // `binary` in JSON is still text (JSON has no raw bytes); `password`, `email`, … are strings.
                _ => Type::String,
            },
            SchemaKind::Type(OaType::Array(array)) => match &array.items {
                Some(items) => {
                    let item = self.lower(
                        SchemaRef::from(items),
                        &format!("{hint}Item"),
                        &format!("{pointer}/items"),
                    );
                    Type::Array(Box::new(item))
                }
                None => Type::Array(Box::new(Type::Json)),
            },
            SchemaKind::Type(OaType::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.lower(
                        SchemaRef::from(value.as_ref()),
                        &format!("{hint}Value"),
                        &format!("{pointer}/additionalProperties"),
                    );
                    Type::Map(Box::new(value))
                }
                _ => Type::Json,
            },
            SchemaKind::OneOf {
                one_of: alternatives,
            }
            | SchemaKind::AnyOf {
                any_of: alternatives,
            } => match alternatives.iter().find(|a| !is_null_schema(a)) {
                Some(only) => self.lower(SchemaRef::from(only), hint, pointer),
                None => Type::Json,
            },
            SchemaKind::AllOf { all_of } => match all_of.first() {
                Some(only) => {
                    self.lower(SchemaRef::from(only), hint, &format!("{pointer}/allOf/0"))
                }
                None => Type::Json,
            },
            SchemaKind::Not { .. } => {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    "`not` cannot be expressed as a Rust type; falling back to serde_json::Value",
                ));
                Type::Json
            }
            SchemaKind::Any(any) => match any.typ.as_deref() {
                Some("boolean") => Type::Bool,
                Some("integer") => Type::I64,
                Some("number") if self.decimal_numbers || is_marked_decimal(schema) => {
                    Type::Decimal { text: false }
                }
                Some("number") => Type::F64,
                Some("string") => Type::String,
                _ => Type::Json,
            },
        }
    }
}

/// Whether a schema becomes a named type of its own (mirrors `named_kind`).
fn needs_name(schema: &Schema) -> bool {
    if enums::listed(schema).is_some() {
        return true;
    }
    if let Some((_, alternatives)) = alternatives(schema) {
        return alternatives.iter().filter(|a| !is_null_schema(a)).count() != 1;
    }
    match &schema.schema_kind {
        SchemaKind::Type(OaType::Object(object)) => !object.properties.is_empty(),
        SchemaKind::AllOf { all_of } => all_of.len() > 1,
        SchemaKind::Any(any) => !any.all_of.is_empty() || !any.properties.is_empty(),
        _ => false,
    }
}

/// The `oneOf` or `anyOf` list of a schema (with its keyword), also when `type` or other keywords sit beside
/// it; `None` for a schema with `properties` or `allOf` beside it, which is an object first.
fn alternatives(schema: &Schema) -> Option<(&'static str, &[ReferenceOr<Schema>])> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => Some(("oneOf", one_of)),
        SchemaKind::AnyOf { any_of } => Some(("anyOf", any_of)),
        SchemaKind::Any(any) if any.properties.is_empty() && any.all_of.is_empty() => {
            if !any.one_of.is_empty() {
                Some(("oneOf", &any.one_of))
            } else if !any.any_of.is_empty() {
                Some(("anyOf", &any.any_of))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A schema's title and description, then notes on what else it says about its values: the values allowed
/// (when they make no enum), the default, and the format of binary strings.
fn describe(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    let mut doc = match (&data.title, &data.description) {
        (Some(title), Some(description)) => Some(format!("{title}\n\n{description}")),
        (Some(text), None) | (None, Some(text)) => Some(text.clone()),
        (None, None) => None,
    };
    if let Some(note) = enums::allowed_values_note(schema) {
        append(&mut doc, &note);
    }
    if let Some(default) = &data.default {
        append(&mut doc, &format!("Default: `{default}`."));
    }
    if let SchemaKind::Type(OaType::String(string)) = &schema.schema_kind {
        match &string.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => {
                append(&mut doc, "Base64-encoded bytes (`format: byte`).");
            }
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => {
                append(
                    &mut doc,
                    "Binary data, as the JSON text carries it (`format: binary`).",
                );
            }
            _ => {}
        }
    }
    doc
}

/// Adds a paragraph to documentation.
fn append(doc: &mut Option<String>, paragraph: &str) {
    match doc {
        Some(text) => {
            text.push_str("\n\n");
            text.push_str(paragraph);
        }
        None => *doc = Some(paragraph.to_owned()),
    }
}

/// Whether a number is marked `x-specgen-decimal: true` (an exact decimal whatever its `format`).
fn is_marked_decimal(schema: &Schema) -> bool {
    ext::DECIMAL.read(&schema.schema_data.extensions) == Some(true)
}

/// Whether a value is a secret: `format: password` or `x-specgen-sensitive: true`.
fn is_sensitive(schema: &Schema) -> bool {
    let password = matches!(
        &schema.schema_kind,
        SchemaKind::Type(OaType::String(string))
            if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Password)
    );
    password || ext::SENSITIVE.read(&schema.schema_data.extensions) == Some(true)
}

/// Whether an alternative only admits null (`{nullable: true}` with nothing else, or `type: 'null'`).
fn is_null_schema(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Any(any) => any.typ.as_deref() == Some("null"),
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}
