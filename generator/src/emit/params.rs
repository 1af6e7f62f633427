//! Emits the one runtime call that writes a parameter into the request: the location's plain call for the
//! default style, or its `_styled` call with a `runtime::Style` constant. The encoding lives in the runtime.

use super::tokens::ident;
use crate::ir::{Param, ParamLocation, ParamStyle};
use proc_macro2::TokenStream;
use quote::quote;

/// `request.<call>(wire, value[, style]);`, for a value expression that is a reference.
pub fn param_call(param: &Param, value: TokenStream) -> TokenStream {
    let write = param_write(param, value);
    quote!(#write;)
}

/// `request.<call>(wire, value[, style])` as an expression (a mock stub's closure body).
pub fn param_write(param: &Param, value: TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    let base = match param.location {
        ParamLocation::Path => "path_param",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    if param.has_default_style() {
        let call = ident(base);
        return quote!(request.#call(#wire, #value));
    }
    let call = ident(&format!("{base}_styled"));
    let style = style_const(param);
    quote!(request.#call(#wire, #value, #style))
}

/// `runtime::Style::<CONST>`, with `.allow_reserved()` when asked for.
fn style_const(param: &Param) -> TokenStream {
    let name = match (param.style, param.explode) {
        (ParamStyle::Simple, false) => "SIMPLE",
        (ParamStyle::Simple, true) => "SIMPLE_EXPLODE",
        (ParamStyle::Label, false) => "LABEL",
        (ParamStyle::Label, true) => "LABEL_EXPLODE",
        (ParamStyle::Matrix, false) => "MATRIX",
        (ParamStyle::Matrix, true) => "MATRIX_EXPLODE",
        (ParamStyle::Form, false) => "FORM",
        (ParamStyle::Form, true) => "FORM_EXPLODE",
        // Lowering turns the exploded delimited styles (undefined by OpenAPI) into `form`.
        (ParamStyle::SpaceDelimited, _) => "SPACE_DELIMITED",
        (ParamStyle::PipeDelimited, _) => "PIPE_DELIMITED",
        // deepObject is written the same whatever `explode` says (OpenAPI only defines it exploded).
        (ParamStyle::DeepObject, _) => "DEEP_OBJECT",
        (ParamStyle::Json, _) => "JSON",
    };
    let name = ident(name);
    if param.allow_reserved {
        quote!(runtime::Style::#name.allow_reserved())
    } else {
        quote!(runtime::Style::#name)
    }
}
