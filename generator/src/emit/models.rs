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
    // The runtime reads the struct (one path, objects only) unless a field needs serde's own machinery: a
    // `with` module or `flatten`, rare enough to keep serde's derive for.
    let lean = !fields
        .iter()
        .any(|field| field.flatten || field_with(api, field).is_some());
    let (derive_deserialize, read) = if lean {
        (quote!(), object_table(name, fields))
    } else {
        (quote!(, ::serde::Deserialize), quote!())
    };
    let camel_case = is_camel_case(fields);
    let rename_all = camel_case.then(|| quote!(#[serde(rename_all = "camelCase")]));
    let fields = fields
        .iter()
        .map(|field| emit_field(api, field, camel_case, lean));
    quote! {
        #header
        #[derive(#derive_debug Clone, PartialEq, ::serde::Serialize #derive_deserialize)]
        #rename_all
        pub struct #name { #(#fields)* }
        #read
        #debug
    }
}

/// `runtime::object::deserialize!`: the struct's fields and wire names, those a missing entry leaves at
/// their default (`Nullable`'s `Absent`) after the `;`.
fn object_table(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let entry = |field: &Field| {
        let field_name = ident(&field.rust_name);
        let wire = &field.wire_name;
        quote!(#field_name(#wire))
    };
    let defaulted = |field: &&Field| field.presence() == Presence::OptionalNullable;
    let plain = fields.iter().filter(|f| !defaulted(f)).map(entry);
    let defaults: Vec<TokenStream> = fields.iter().filter(defaulted).map(entry).collect();
    let defaults = (!defaults.is_empty()).then(|| quote!(; #(#defaults),*));
    quote! {
        runtime::object::deserialize!(runtime, #name #(, #plain)* #defaults);
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

/// A field; `lean`: the struct is read by the runtime, so serde's attributes are for writing only.
fn emit_field(api: &Api, field: &Field, camel_case: bool, lean: bool) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let mut ty = rust_type(api, &field.ty);
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
    // is written only there, and for `Nullable`, which must read a missing field as `Absent` (unless the
    // runtime reads the struct: writing needs neither).
    let default = !lean && (with.is_some() || presence == Presence::OptionalNullable);
    match presence {
        Presence::Required => {}
        Presence::Optional => {
            ty = quote!(Option<#ty>);
            if default {
                serde_args.push(quote!(default));
            }
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        Presence::Nullable => {
            ty = quote!(Option<#ty>);
            if default {
                serde_args.push(quote!(default));
            }
        }
        Presence::OptionalNullable => {
            ty = quote!(runtime::Nullable<#ty>);
            if default {
                serde_args.push(quote!(default));
            }
            serde_args.push(quote!(skip_serializing_if = "runtime::Nullable::is_absent"));
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
