//! Unions: untagged enums tried in order, and tagged enums whose `discriminator` property picks the variant.

use super::super::tokens::{decimal_with, doc, ident, rust_type};
use crate::ir::{Api, TaggedUnion, UnionVariant};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `oneOf`/`anyOf` without a discriminator: serde tries the variants in order.
pub fn untagged(
    api: &Api,
    name: &Ident,
    header: TokenStream,
    variants: &[UnionVariant],
) -> TokenStream {
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = rust_type(api, &variant.ty);
        match decimal_with(api, &variant.ty) {
            Some(with) => quote! { #variant_name(#[serde(#with)] #ty), },
            None => quote! { #variant_name(#ty), },
        }
    });
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variants)* }
    }
}

/// `oneOf`/`anyOf` with a discriminator. Serde's own internal tagging would hide the tag from the variant's
/// type (whose schema usually requires it) and write it twice, so the impls go through `runtime::tagged`:
/// the variant reads the whole object, and the tag is added on writing only when the variant lacks it.
/// Objects with a tag the spec does not map are kept whole in the catch-all.
pub fn tagged(api: &Api, name: &Ident, header: TokenStream, union: &TaggedUnion) -> TokenStream {
    let property = &union.property;
    let catch_all = ident(&union.catch_all);
    let mut variants = Vec::new();
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for variant in &union.variants {
        let variant_name = ident(&variant.rust_name);
        let ty = rust_type(api, &variant.ty);
        let listed: Vec<String> = variant.tags.iter().map(|tag| format!("`{tag}`")).collect();
        let docs = doc(Some(&format!("`{property}` is {}.", listed.join(" or "))));
        variants.push(quote! { #docs #variant_name(#ty), });
        // Lowering gives every variant a tag; without one the value is written as it is.
        writes.push(match variant.tags.first() {
            Some(first) => quote! {
                Self::#variant_name(value) => runtime::tagged::serialize(serializer, #property, #first, value),
            },
            None => quote! {
                Self::#variant_name(value) => ::serde::Serialize::serialize(value, serializer),
            },
        });
        if variant.tags.is_empty() {
            continue;
        }
        let tags = &variant.tags;
        reads.push(quote! {
            #(#tags)|* => runtime::tagged::variant(value).map(Self::#variant_name),
        });
    }
    let catch_all_doc = doc(Some(&format!(
        "An object whose `{property}` this client does not know, kept as it was sent."
    )));
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #catch_all_doc
            #catch_all(::serde_json::Value),
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                    Self::#catch_all(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (tag, value) = runtime::tagged::split(deserializer, #property)?;
                match tag.as_str() {
                    #(#reads)*
                    _ => Ok(Self::#catch_all(value)),
                }
            }
        }
    }
}
