//! Emits what request bodies need: the Rust type an operation takes, the enum over several media types,
//! multipart form types, and the one runtime call that encodes the body.

use super::params::style_tokens;
use super::tokens::{decimal_form, doc, ident, rust_type};
use crate::ir::{
    Api, BodyEncoding, BodyMedia, BodyType, FormFieldKind, MultipartForm, RequestBody,
};
use proc_macro2::TokenStream;
use quote::quote;

/// How a body is taken by the method or setter.
pub struct BodyArgument {
    /// The type it is converted to.
    pub field: TokenStream,
    /// The argument's type.
    pub argument: TokenStream,
    /// Whether the argument is converted with `.into()`.
    pub into: bool,
}

/// The Rust type of one media type's value.
fn media_type(api: &Api, ty: &BodyType) -> TokenStream {
    match ty {
        BodyType::Typed(ty) => rust_type(api, ty),
        BodyType::Text => quote!(String),
        BodyType::Bytes => quote!(::bytes::Bytes),
        BodyType::MultipartForm(form) => {
            let name = ident(&form.name);
            quote!(#name)
        }
        BodyType::AnyMultipart => quote!(runtime::Multipart),
    }
}

/// The type a body is taken as: an enum (converted with `Into`) when there are several media types; text
/// and bytes through `Into` too, so callers can pass `&str`, `Vec<u8>` and friends.
pub fn body_argument(api: &Api, body: &RequestBody) -> BodyArgument {
    if let Some(name) = &body.enum_name {
        let name = ident(name);
        return BodyArgument {
            field: quote!(#name),
            argument: quote!(impl Into<#name>),
            into: true,
        };
    }
    let Some(only) = body.media.first() else {
        return BodyArgument {
            field: quote!(()),
            argument: quote!(()),
            into: false,
        };
    };
    let field = media_type(api, &only.ty);
    match only.ty {
        BodyType::Text | BodyType::Bytes => BodyArgument {
            argument: quote!(impl Into<#field>),
            field,
            into: true,
        },
        _ => BodyArgument {
            argument: field.clone(),
            field,
            into: false,
        },
    }
}

/// The runtime call that puts `value` (an expression owning the body) into `request`.
fn encode(api: &Api, media: &BodyMedia, value: TokenStream) -> TokenStream {
    let content_type = &media.media_type;
    match (media.encoding, &media.ty) {
        (_, BodyType::MultipartForm(_) | BodyType::AnyMultipart) => {
            quote!(request.multipart(&#value);)
        }
        (_, BodyType::Text | BodyType::Bytes) => quote!(request.bytes(#value, #content_type);),
        (BodyEncoding::Form, _) if media.form_styles.is_empty() => {
            quote!(request.form(&#value, #content_type);)
        }
        (BodyEncoding::Form, _) => {
            let styles = media.form_styles.iter().map(|styled| {
                let wire = &styled.wire_name;
                let style = style_tokens(
                    styled.style,
                    styled.explode,
                    styled.allow_reserved,
                    styled.deep_arrays,
                );
                quote!((#wire, #style))
            });
            quote!(request.form_styled(&#value, #content_type, &[#(#styles),*]);)
        }
        (_, BodyType::Typed(ty)) => match decimal_form(api, ty) {
            Some(true) => {
                quote!(request.json(&runtime::decimal::Exact::text(&#value), #content_type);)
            }
            Some(false) => {
                quote!(request.json(&runtime::decimal::Exact::number(&#value), #content_type);)
            }
            None => quote!(request.json(&#value, #content_type);),
        },
    }
}

/// The statements that put a present body, held in `body`, into `request`.
pub fn body_encoding(api: &Api, body: &RequestBody) -> TokenStream {
    match &body.enum_name {
        Some(name) => {
            let name = ident(name);
            let arms = body.media.iter().map(|media| {
                let variant = ident(&media.variant);
                let call = encode(api, media, quote!(value));
                quote!(#name::#variant(value) => { #call })
            });
            quote!(match body { #(#arms)* })
        }
        None => match body.media.first() {
            Some(media) => encode(api, media, quote!(body)),
            None => quote!(),
        },
    }
}

/// The items a body needs: its media-type enum (with `From` for each unambiguous variant) and its
/// multipart form types.
pub fn body_items(api: &Api, operation_id: &str, body: &RequestBody) -> TokenStream {
    let forms = body.media.iter().filter_map(|media| match &media.ty {
        BodyType::MultipartForm(form) => Some(multipart_form(api, form)),
        _ => None,
    });
    let enumeration = body.enum_name.as_ref().map(|name| {
        let name = ident(name);
        let variants = body.media.iter().map(|media| {
            let variant = ident(&media.variant);
            let ty = media_type(api, &media.ty);
            let docs = doc(Some(&format!("Sent as `{}`.", media.media_type)));
            quote!(#docs #variant(#ty),)
        });
        // Compared as the compiler sees them: aliases (a type a spec repeats is an alias of its first copy)
        // read through.
        let types: Vec<String> = body
            .media
            .iter()
            .map(|m| match &m.ty {
                BodyType::Typed(ty) => rust_type(api, &api.without_aliases(ty)).to_string(),
                other => media_type(api, other).to_string(),
            })
            .collect();
        // `From` only where the type picks one variant: two media types of one type need the variant named.
        let conversions = body
            .media
            .iter()
            .zip(&types)
            .filter(|(_, ty)| types.iter().filter(|other| other == ty).count() == 1);
        let conversions = conversions.map(|(media, _)| {
            let variant = ident(&media.variant);
            let ty = media_type(api, &media.ty);
            quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        #name::#variant(value)
                    }
                }
            }
        });
        let docs = doc(Some(&format!(
            "The request body of `{operation_id}`, in one of the media types it accepts."
        )));
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#variants)* }
            #(#conversions)*
        }
    });
    quote! {
        #enumeration
        #(#forms)*
    }
}

/// A multipart form type: a struct with a field per part, and the runtime trait that writes its parts.
fn multipart_form(api: &Api, form: &MultipartForm) -> TokenStream {
    let name = ident(&form.name);
    let fields = form.fields.iter().map(|field| {
        let rust_name = ident(&field.rust_name);
        let ty = match &field.kind {
            FormFieldKind::Value(ty) => rust_type(api, ty),
            FormFieldKind::File => quote!(runtime::FilePart),
            FormFieldKind::Files => quote!(Vec<runtime::FilePart>),
        };
        let ty = if field.required || field.kind == FormFieldKind::Files {
            ty
        } else {
            quote!(Option<#ty>)
        };
        let mut text = format!("Part `{}`.", field.wire_name);
        if let Some(description) = &field.doc {
            text.push_str("\n\n");
            text.push_str(description);
        }
        let docs = doc(Some(&text));
        let headers = field.headers.iter().map(|header| {
            let header_name = ident(&header.rust_name);
            let ty = if header.required {
                quote!(String)
            } else {
                quote!(Option<String>)
            };
            let mut text = format!(
                "Header `{}` of part `{}`.",
                header.wire_name, field.wire_name
            );
            if let Some(description) = &header.doc {
                text.push_str("\n\n");
                text.push_str(description);
            }
            let docs = doc(Some(&text));
            quote!(#docs pub #header_name: #ty,)
        });
        quote!(#docs pub #rust_name: #ty, #(#headers)*)
    });
    let writes = form.fields.iter().map(|field| {
        let rust_name = ident(&field.rust_name);
        let wire = &field.wire_name;
        let headers = field.headers.iter().map(|header| {
            let header_name = ident(&header.rust_name);
            let header_wire = &header.wire_name;
            quote!(form.part_header(#wire, #header_wire, &self.#header_name);)
        });
        let write = match &field.kind {
            FormFieldKind::Value(ty) => {
                let value = match decimal_form(api, ty) {
                    Some(true) => quote!(&runtime::decimal::Exact::text(&self.#rust_name)),
                    Some(false) => quote!(&runtime::decimal::Exact::number(&self.#rust_name)),
                    None => quote!(&self.#rust_name),
                };
                match &field.content_type {
                    Some(media) => quote!(form.value_as(#wire, #value, Some(#media));),
                    None => quote!(form.value(#wire, #value);),
                }
            }
            FormFieldKind::File | FormFieldKind::Files => match &field.content_type {
                Some(media) => quote!(form.file_as(#wire, &self.#rust_name, Some(#media));),
                None => quote!(form.file(#wire, &self.#rust_name);),
            },
        };
        quote!(#write #(#headers)*)
    });
    let docs = doc(Some(
        "A `multipart/form-data` body: one field per part; files are [`runtime::FilePart`]s.",
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name { #(#fields)* }

        impl runtime::MultipartBody for #name {
            fn write_parts(&self, form: &mut runtime::Multipart) {
                #(#writes)*
            }
        }
    }
}
