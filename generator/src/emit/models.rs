//! Emits the API's named types: serde structs and aliases here; enums and unions in the submodules.

mod enums;
mod unions;

use super::tokens::{decimal_with, doc, ident, rust_type};
use crate::ir::{Api, Field, Presence, Type, TypeDef, TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// One named type of the API (with its impls).
pub fn emit_model(api: &Api, id: TypeId) -> TokenStream {
    match api.types.get(id.0) {
        Some(def) => emit_type(api, def),
        None => TokenStream::new(),
    }
}

fn emit_type(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc(def.doc.as_deref());
    let deprecated = deprecated(def.deprecated);
    let header = quote! { #docs #deprecated };
    match &def.kind {
        TypeKind::Struct(fields) => emit_struct(api, &name, header, fields),
        TypeKind::StringEnum { values, catch_all } => {
            enums::string_enum(&name, header, values, catch_all)
        }
        TypeKind::IntegerEnum { values, catch_all } => {
            enums::integer_enum(&name, header, values, catch_all)
        }
        TypeKind::Untagged(variants) => unions::untagged(api, &name, header, variants),
        TypeKind::Tagged(union) => unions::tagged(api, &name, header, union),
        TypeKind::Newtype(ty) => {
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
    // The runtime reads and writes the struct (one path each, objects only) unless a field needs serde's own
    // machinery: a `with` module or `flatten`, rare enough to keep serde's derives for.
    let lean = !fields
        .iter()
        .any(|field| field.flatten || field_with(api, field).is_some());
    if lean {
        let table = object_table(name, fields);
        let fields = fields.iter().map(|field| emit_lean_field(api, field));
        return quote! {
            #header
            #[derive(#derive_debug Clone, PartialEq)]
            pub struct #name { #(#fields)* }
            #table
            #debug
        };
    }
    let camel_case = is_camel_case(fields);
    let rename_all = camel_case.then(|| quote!(#[serde(rename_all = "camelCase")]));
    let fields = fields
        .iter()
        .map(|field| emit_field(api, field, camel_case));
    quote! {
        #header
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #rename_all
        pub struct #name { #(#fields)* }
        #debug
    }
}

/// `runtime::object::fields!`: the struct's fields in order, each as `Presence(field, "wire")` (the presence
/// says how a missing entry is read and whether an empty value is written).
fn object_table(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let entries = fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let presence = match field.presence() {
            Presence::Required => quote!(Required),
            Presence::Optional => quote!(Optional),
            Presence::Nullable => quote!(Nullable),
            Presence::OptionalNullable => quote!(OptionalNullable),
        };
        let wire = &field.wire_name;
        quote!(#presence(#field_name, #wire))
    });
    quote! {
        runtime::object::fields!(runtime, #name #(, #entries)*);
    }
}

/// The `with` module that reads and writes a field, when serde's own impls for its type will not do.
fn field_with(api: &Api, field: &Field) -> Option<TokenStream> {
    if field.ty == (Type::DateTime { assume_utc: true }) {
        let with = match field.presence() {
            Presence::Required => "runtime::datetime::assume_utc",
            Presence::Optional | Presence::Nullable => "runtime::datetime::assume_utc_option",
            Presence::OptionalNullable => "runtime::datetime::assume_utc_nullable",
        };
        Some(quote!(with = #with))
    } else {
        decimal_with(api, &field.ty)
    }
}

/// Whether serde's `rename_all = "camelCase"` gives every field its wire name, and some field needs it:
/// one attribute on the struct then replaces a `rename` on each field.
fn is_camel_case(fields: &[Field]) -> bool {
    let named = || fields.iter().filter(|f| !f.flatten);
    named().all(|f| {
        serde_camel_case(f.rust_name.trim_start_matches("r#")).as_deref()
            == Some(f.wire_name.as_str())
    }) && named().any(|f| f.rust_name.trim_start_matches("r#") != f.wire_name)
}

/// What serde's `rename_all = "camelCase"` makes of a field name: PascalCase (a letter after `_` or at the
/// start is capitalised, underscores dropped), then the first byte lowered. ASCII only, since serde slices
/// that first byte.
fn serde_camel_case(field: &str) -> Option<String> {
    if !field.is_ascii() {
        return None;
    }
    let mut pascal = String::with_capacity(field.len());
    let mut capitalize = true;
    for c in field.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(c);
        }
    }
    let first = pascal.get(..1)?.to_ascii_lowercase();
    Some(first + pascal.get(1..).unwrap_or_default())
}

/// A field of a struct the runtime reads and writes: its type says all (the table says the rest).
fn emit_lean_field(api: &Api, field: &Field) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let ty = field_type(api, field);
    let docs = doc(field.doc.as_deref());
    let deprecated = deprecated(field.deprecated);
    quote! { #docs #deprecated pub #field_name: #ty, }
}

/// A field's Rust type: its schema's type, in `Option` or `runtime::Nullable` by its presence.
fn field_type(api: &Api, field: &Field) -> TokenStream {
    let ty = rust_type(api, &field.ty);
    match field.presence() {
        Presence::Required => ty,
        Presence::Optional | Presence::Nullable => quote!(Option<#ty>),
        Presence::OptionalNullable => quote!(runtime::Nullable<#ty>),
    }
}

/// A field of a struct serde's derives read and write, with the attributes they need.
fn emit_field(api: &Api, field: &Field, camel_case: bool) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let ty = field_type(api, field);
    let mut serde_args = Vec::new();
    if field.flatten {
        serde_args.push(quote!(flatten));
    } else if field.rust_name.trim_start_matches("r#") != field.wire_name && !camel_case {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    let presence = field.presence();
    let with = field_with(api, field);
    // serde reads a missing `Option` field as `None` by itself, but not through a `with` module: `default`
    // is written only there, and for `Nullable`, which must read a missing field as `Absent`.
    if presence != Presence::Required && (with.is_some() || presence == Presence::OptionalNullable)
    {
        serde_args.push(quote!(default));
    }
    match presence {
        Presence::Required | Presence::Nullable => {}
        Presence::Optional => serde_args.push(quote!(skip_serializing_if = "Option::is_none")),
        Presence::OptionalNullable => {
            serde_args.push(quote!(skip_serializing_if = "runtime::Nullable::is_absent"))
        }
    }
    serde_args.extend(with);
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

#[cfg(test)]
mod tests {
    use super::serde_camel_case;

    #[test]
    fn camel_case_is_serdes() {
        assert_eq!(
            serde_camel_case("expiration_time").as_deref(),
            Some("expirationTime")
        );
        assert_eq!(serde_camel_case("kind").as_deref(), Some("kind"));
        assert_eq!(
            serde_camel_case("ipv4_enabled").as_deref(),
            Some("ipv4Enabled")
        );
        assert_eq!(serde_camel_case("a_b_c").as_deref(), Some("aBC"));
        assert_eq!(serde_camel_case("_1st").as_deref(), Some("1st"));
        assert_eq!(serde_camel_case("caf\u{e9}"), None);
    }
}
