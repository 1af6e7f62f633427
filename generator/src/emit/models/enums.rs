//! Forward-compatible enums: every listed value is a variant, and a catch-all keeps values the spec does not
//! list, so a server adding a value never breaks deserialisation.

use super::super::tokens::{doc, ident};
use crate::ir::{EnumValue, IntegerValue};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// A variant's doc: its wire value, then the spec's description of it.
fn value_doc(wire: &str, text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => doc(Some(&format!("`{wire}`: {text}"))),
        None => doc(Some(&format!("`{wire}`"))),
    }
}

/// A string enum: the variants, then one `runtime::enums::string_enum!` that states each variant's wire value
/// and writes the impls, each a call into the runtime (only the matches between variants and wire values are
/// the enum's own).
pub fn string_enum(
    name: &Ident,
    header: TokenStream,
    values: &[EnumValue],
    catch_all: &str,
) -> TokenStream {
    let catch_all = ident(catch_all);
    let variants = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let docs = value_doc(&value.wire, value.doc.as_deref());
        quote! { #docs #variant, }
    });
    let table = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = &value.wire;
        quote! { #variant(#wire) }
    });
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it was sent.
            #catch_all(String),
        }
        runtime::enums::string_enum!(runtime, #name, #catch_all, #(#table),*);
    }
}

/// An integer enum: the variants, then one `runtime::enums::integer_enum!`, as for [`string_enum`].
pub fn integer_enum(
    name: &Ident,
    header: TokenStream,
    values: &[IntegerValue],
    catch_all: &str,
) -> TokenStream {
    let catch_all = ident(catch_all);
    let variants = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let docs = value_doc(&value.wire.to_string(), value.doc.as_deref());
        quote! { #docs #variant, }
    });
    let table = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = Literal::i64_unsuffixed(value.wire);
        quote! { #variant(#wire) }
    });
    quote! {
        #header
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it was sent.
            #catch_all(i64),
        }
        runtime::enums::integer_enum!(runtime, #name, #catch_all, #(#table),*);
    }
}
