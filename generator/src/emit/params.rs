//! Emits the one runtime call that writes a parameter into the request: the location's plain call for the
//! default style, or its `_styled` call with a `runtime::Style` constant. The encoding lives in the runtime.

use super::tokens::{decimal_form, ident};
use crate::ir::{Api, DeepArrays, Param, ParamLocation, ParamStyle};
use proc_macro2::TokenStream;
use quote::quote;

/// `request.<call>(wire, value[, style]);`, for a value expression that is a reference.
pub fn param_call(api: &Api, param: &Param, value: TokenStream) -> TokenStream {
    let write = param_write(api, param, value);
    quote!(#write;)
}

/// `request.<call>(wire, value[, style])` as an expression. Decimals go through the runtime's exact
/// wrapper, so their text keeps every digit.
fn param_write(api: &Api, param: &Param, value: TokenStream) -> TokenStream {
    let value = exact_value(api, param, value);
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

/// `runtime::Place::<LOCATION>, wire, value`: the arguments of the runtime calls that write a parameter
/// for a builder's setter or a mock stub's matcher (`set`, `stub_set`), which need no closure of their own.
pub fn param_place(api: &Api, param: &Param, value: TokenStream) -> TokenStream {
    let value = exact_value(api, param, value);
    let wire = &param.wire_name;
    let (default, styled) = match param.location {
        ParamLocation::Path => ("PATH", "Path"),
        ParamLocation::Query => ("QUERY", "Query"),
        ParamLocation::Header => ("HEADER", "Header"),
        ParamLocation::Cookie => ("COOKIE", "Cookie"),
    };
    let place = if param.has_default_style() {
        let place = ident(default);
        quote!(runtime::Place::#place)
    } else {
        let place = ident(styled);
        let style = style_const(param);
        quote!(runtime::Place::#place(#style))
    };
    quote!(#place, #wire, #value)
}

/// A parameter's value reference, through the runtime's exact wrapper when it is a decimal.
fn exact_value(api: &Api, param: &Param, value: TokenStream) -> TokenStream {
    match decimal_form(api, &param.ty) {
        Some(true) => quote!(&runtime::decimal::Exact::text(#value)),
        Some(false) => quote!(&runtime::decimal::Exact::number(#value)),
        None => value,
    }
}

/// `runtime::Style::<CONST>` for a parameter.
fn style_const(param: &Param) -> TokenStream {
    style_tokens(
        param.style,
        param.explode,
        param.allow_reserved,
        param.deep_arrays,
    )
}

/// `runtime::Style::<CONST>`, with `.allow_reserved()` and `.deep_arrays(..)` when asked for (parameters and
/// styled form-body properties alike).
pub fn style_tokens(
    style: ParamStyle,
    explode: bool,
    allow_reserved: bool,
    deep_arrays: DeepArrays,
) -> TokenStream {
    let name = match (style, explode) {
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
    let mut tokens = quote!(runtime::Style::#name);
    if allow_reserved {
        tokens = quote!(#tokens.allow_reserved());
    }
    if style == ParamStyle::DeepObject {
        let arrays = match deep_arrays {
            DeepArrays::Indexed => None,
            DeepArrays::Brackets => Some(quote!(Brackets)),
            DeepArrays::Repeated => Some(quote!(Repeated)),
        };
        if let Some(arrays) = arrays {
            tokens = quote!(#tokens.deep_arrays(runtime::DeepArrays::#arrays));
        }
    }
    tokens
}
