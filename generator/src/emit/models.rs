//! Emits the API's named types: serde structs and aliases here; enums and unions in the submodules.

mod enums;
mod unions;

use super::tokens::{doc, ident, rust_type};
use crate::ir::{Api, Field, Presence, Type, TypeDef, TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// Every named type of the API.
pub fn emit_models(api: &Api) -> TokenStream {
    let types = api
        .types
        .iter()
        .enumerate()
        .map(|(index, def)| emit_type(api, TypeId(index), def));
    quote! { #(#types)* }
}

fn emit_type(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc(def.doc.as_deref());
    let deprecated = deprecated(def.deprecated);
    let header = quote! { #docs #deprecated };
    match &def.kind {
        TypeKind::Struct(fields) => emit_struct(api, id, &name, header, fields),
        TypeKind::StringEnum { values, catch_all } => {
            enums::string_enum(&name, header, values, catch_all)
        }
        TypeKind::IntegerEnum { values, catch_all } => {
            enums::integer_enum(&name, header, values, catch_all)
        }
        TypeKind::Untagged(variants) => unions::untagged(api, id, &name, header, variants),
        TypeKind::Tagged(union) => unions::tagged(api, id, &name, header, union),
        // An alias that contains itself (`L: array of L`) cannot be a type alias: it becomes a newtype.
        TypeKind::Alias(ty) if contains(api, ty, id, &mut BTreeSet::new()) => {
            let ty = rust_type(api, ty);
            quote! {
                #header
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty);
            quote! { #header pub type #name = #ty; }
        }
    }
}

/// A doc note and `#[deprecated]` for what the spec deprecates. Uses inside the generated module are allowed
/// there (see `emit_api`); the attribute is for the users of the type.
fn deprecated(is: bool) -> TokenStream {
    if is {
        let note = doc(Some("Deprecated by the spec."));
        quote! { #note #[deprecated] }
    } else {
        TokenStream::new()
    }
}

fn emit_struct(
    api: &Api,
    id: TypeId,
    name: &proc_macro2::Ident,
    header: TokenStream,
    fields: &[Field],
) -> TokenStream {
    let debug = redacting_debug(name, fields);
    let derive_debug = if debug.is_empty() {
        quote!(Debug,)
    } else {
        quote!()
    };
    let fields = fields.iter().map(|field| emit_field(api, id, field));
    quote! {
        #header
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name { #(#fields)* }
        #debug
    }
}

fn emit_field(api: &Api, id: TypeId, field: &Field) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let mut ty = rust_type(api, &field.ty);
    if reaches(api, &field.ty, id) {
        ty = quote!(Box<#ty>);
    }
    let mut serde_args = Vec::new();
    if field.flatten {
        serde_args.push(quote!(flatten));
    } else if field.rust_name.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    let presence = field.presence();
    match presence {
        Presence::Required => {}
        Presence::Optional => {
            ty = quote!(Option<#ty>);
            serde_args.push(quote!(default, skip_serializing_if = "Option::is_none"));
        }
        Presence::Nullable => {
            ty = quote!(Option<#ty>);
            serde_args.push(quote!(default));
        }
        Presence::OptionalNullable => {
            ty = quote!(runtime::Nullable<#ty>);
            serde_args.push(quote!(
                default,
                skip_serializing_if = "runtime::Nullable::is_absent"
            ));
        }
    }
    if field.ty == (Type::DateTime { assume_utc: true }) {
        let with = match presence {
            Presence::Required => "runtime::datetime::assume_utc",
            Presence::Optional | Presence::Nullable => "runtime::datetime::assume_utc_option",
            Presence::OptionalNullable => "runtime::datetime::assume_utc_nullable",
        };
        serde_args.push(quote!(with = #with));
    }
    let serde_attr = if serde_args.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#serde_args),*)])
    };
    let docs = doc(field.doc.as_deref());
    let deprecated = deprecated(field.deprecated);
    quote! { #docs #deprecated #serde_attr pub #field_name: #ty, }
}

/// A `Debug` impl that prints sensitive fields as `<redacted>`; empty when no field is sensitive.
fn redacting_debug(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    if !fields.iter().any(|f| f.sensitive) {
        return TokenStream::new();
    }
    let type_name = name.to_string();
    let entries = fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let label = field.rust_name.trim_start_matches("r#");
        if field.sensitive {
            quote!(.field(#label, &"<redacted>"))
        } else {
            quote!(.field(#label, &self.#field_name))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#entries)* .finish()
            }
        }
    }
}

/// Whether `ty` mentions `target` through containers and aliases (what makes an alias cyclic).
fn contains(api: &Api, ty: &Type, target: TypeId, seen: &mut BTreeSet<TypeId>) -> bool {
    match ty {
        Type::Array(inner) | Type::Map(inner) => contains(api, inner, target, seen),
        Type::Named(id) if *id == target => true,
        Type::Named(id) if seen.insert(*id) => match api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Alias(inner)) => contains(api, inner, target, seen),
            _ => false,
        },
        _ => false,
    }
}

/// Whether a value of `ty` contains `target` without indirection, so that `target` holding it needs a `Box`.
fn reaches(api: &Api, ty: &Type, target: TypeId) -> bool {
    reaches_inner(api, ty, target, &mut BTreeSet::new())
}

fn reaches_inner(api: &Api, ty: &Type, target: TypeId, seen: &mut BTreeSet<TypeId>) -> bool {
    let Type::Named(id) = ty else { return false };
    if *id == target {
        return true;
    }
    if !seen.insert(*id) {
        return false;
    }
    match api.types.get(id.0).map(|def| &def.kind) {
        Some(TypeKind::Struct(fields)) => fields
            .iter()
            .any(|f| reaches_inner(api, &f.ty, target, seen)),
        Some(TypeKind::Untagged(variants)) => variants
            .iter()
            .any(|v| reaches_inner(api, &v.ty, target, seen)),
        Some(TypeKind::Tagged(union)) => union
            .variants
            .iter()
            .any(|v| reaches_inner(api, &v.ty, target, seen)),
        Some(TypeKind::Alias(inner)) => reaches_inner(api, inner, target, seen),
        Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }) | None => false,
    }
}
