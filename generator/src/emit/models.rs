//! Emits the API's named types: serde structs, forward-compatible string enums, untagged unions, aliases.

use super::tokens::{doc, ident, rust_type};
use crate::ir::{Api, EnumValue, Field, Type, TypeDef, TypeId, TypeKind, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

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
    let deprecated_note = def.deprecated.then_some("Deprecated by the spec.");
    let docs = doc(def.doc.as_deref());
    let deprecated_doc = doc(deprecated_note);
    let header = quote! { #docs #deprecated_doc };
    match &def.kind {
        TypeKind::Struct(fields) => emit_struct(api, id, &name, header, fields),
        TypeKind::StringEnum { values, catch_all } => emit_enum(&name, header, values, catch_all),
        TypeKind::Untagged(variants) => emit_union(api, id, &name, header, variants),
        // An alias that contains itself (`L: array of L`) cannot be a type alias: it becomes a newtype.
        TypeKind::Alias(ty) if contains(api, ty, id, &mut std::collections::BTreeSet::new()) => {
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
    let fields = fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let mut ty = rust_type(api, &field.ty);
        if reaches(api, &field.ty, id) {
            ty = quote!(Box<#ty>);
        }
        let mut serde_args = Vec::new();
        let bare_name = field.rust_name.trim_start_matches("r#");
        if bare_name != field.wire_name {
            let wire = &field.wire_name;
            serde_args.push(quote!(rename = #wire));
        }
        if field.is_option() {
            ty = quote!(Option<#ty>);
            serde_args.push(quote!(default));
            if !field.required {
                serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
            }
        }
        if field.ty == (Type::DateTime { assume_utc: true }) {
            let with = if field.is_option() {
                "runtime::datetime::assume_utc_option"
            } else {
                "runtime::datetime::assume_utc"
            };
            serde_args.push(quote!(with = #with));
        }
        let serde_attr = if serde_args.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#serde_args),*)])
        };
        let docs = doc(field.doc.as_deref());
        let deprecated = doc(field.deprecated.then_some("Deprecated by the spec."));
        quote! { #docs #deprecated #serde_attr pub #field_name: #ty, }
    });
    quote! {
        #header
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name { #(#fields)* }
        #debug
    }
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

fn emit_enum(
    name: &proc_macro2::Ident,
    header: TokenStream,
    values: &[EnumValue],
    catch_all: &str,
) -> TokenStream {
    let catch_all = ident(catch_all);
    let variants = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = &value.wire;
        let docs = match &value.doc {
            Some(text) => doc(Some(&format!("`{wire}`: {text}"))),
            None => doc(Some(&format!("`{wire}`"))),
        };
        quote! { #docs #variant, }
    });
    let to_text = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = &value.wire;
        quote! { Self::#variant => #wire, }
    });
    let from_text = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = &value.wire;
        quote! { #wire => Self::#variant, }
    });
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        #[allow(clippy::enum_variant_names)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it was sent.
            #catch_all(String),
        }
        impl #name {
            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_text)*
                    Self::#catch_all(value) => value,
                }
            }
        }
        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#from_text)*
                    _ => Self::#catch_all(value),
                }
            }
        }
        impl From<#name> for String {
            fn from(value: #name) -> Self {
                match value {
                    #name::#catch_all(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            // Not `Self::Err`: a variant called `Err` (the wire value "err") would make that ambiguous.
            fn from_str(value: &str) -> Result<Self, ::std::convert::Infallible> {
                Ok(Self::from(value.to_owned()))
            }
        }
    }
}

fn emit_union(
    api: &Api,
    id: TypeId,
    name: &proc_macro2::Ident,
    header: TokenStream,
    variants: &[UnionVariant],
) -> TokenStream {
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let mut ty = rust_type(api, &variant.ty);
        if reaches(api, &variant.ty, id) {
            ty = quote!(Box<#ty>);
        }
        quote! { #variant_name(#ty), }
    });
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variants)* }
    }
}

/// Whether `ty` mentions `target` through containers and aliases (what makes an alias cyclic).
fn contains(
    api: &Api,
    ty: &Type,
    target: TypeId,
    seen: &mut std::collections::BTreeSet<TypeId>,
) -> bool {
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
    let mut seen = std::collections::BTreeSet::new();
    reaches_inner(api, ty, target, &mut seen)
}

fn reaches_inner(
    api: &Api,
    ty: &Type,
    target: TypeId,
    seen: &mut std::collections::BTreeSet<TypeId>,
) -> bool {
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
        Some(TypeKind::Alias(inner)) => reaches_inner(api, inner, target, seen),
        Some(TypeKind::StringEnum { .. }) | None => false,
    }
}
