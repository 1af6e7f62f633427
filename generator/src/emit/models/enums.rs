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

/// A string enum, read and written through `String`.
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
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "String", into = "String")]
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

/// An integer enum, read and written through `i64`.
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
    let to_number = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = Literal::i64_unsuffixed(value.wire);
        quote! { Self::#variant => #wire, }
    });
    let from_number = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let wire = Literal::i64_unsuffixed(value.wire);
        quote! { #wire => Self::#variant, }
    });
    quote! {
        #header
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "i64", into = "i64")]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it was sent.
            #catch_all(i64),
        }
        impl #name {
            /// The value as it travels on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #(#to_number)*
                    Self::#catch_all(value) => value,
                }
            }
        }
        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#from_number)*
                    _ => Self::#catch_all(value),
                }
            }
        }
        impl From<#name> for i64 {
            fn from(value: #name) -> Self {
                value.value()
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }
    }
}
