//! Emits the typed mock server of an API, behind the generated crate's `mock` feature: a `mock` module with
//! the server type and one marker per operation, a stub builder method per operation, and per operation the
//! typed setters (parameters and body, encoded by the client's own writers) and answers (one per documented
//! status). The work is done by `runtime::mock`; each operation only states its parts.

use super::bodies::{BodyArgument, body_argument, body_encoding};
use super::operations::{argument_ref, argument_type};
use super::params::param_place;
use super::tokens::{doc, ident, rust_type};
use crate::ir::{
    Api, Operation, Param, ParamLocation, PathPart, Response, ResponseBody, StatusMatch, Type,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Every mock item of the API, each under `#[cfg(feature = "mock")]`.
pub fn emit_mocks(api: &Api) -> TokenStream {
    let all = 0..api.operations.len();
    let markers = mock_markers(api, all.clone());
    let constructors = mock_constructors(api, all);
    let module = mock_module(quote! {
        #markers
        impl Mock { #constructors }
    });
    let universal = universal_setters(api);
    quote! {
        #module
        #universal
    }
}

/// The mock module, with its fixed items and then `items`. A large API's is formatted in runs of
/// operations (see `Plan`): its markers, then its stub constructors.
pub fn mock_module(items: TokenStream) -> TokenStream {
    let mock_types = super::call::mock_types();
    quote! {
        /// A typed mock server for this API (cargo feature `mock`): a real HTTP server on 127.0.0.1 with a stub
        /// builder per operation whose answers are checked against the spec when mounted.
        #[cfg(feature = "mock")]
        pub mod mock {
            use super::runtime;

            #mock_types

            /// This API, as the type parameter of its [`Mock`].
            #[derive(Debug, Clone, Copy)]
            pub struct Api;

            #items
        }
    }
}

/// The marker types (with their operation specs) of the operations in `range`.
pub fn mock_markers(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let operations = api.operations.get(range).unwrap_or_default();
    let markers = operations.iter().map(|operation| {
        let marker = ident(&operation.builder_name);
        let spec = operation_spec(operation);
        let id = &operation.id;
        let marker_doc = doc(Some(&format!(
            "Operation `{id}`: the stub builder [`Mock::{}`] returns is typed by it.",
            operation.method_name.trim_start_matches("r#")
        )));
        let gate = super::gate::cfg(&operation.gate);
        quote! {
            #marker_doc
            #gate
            #[derive(Debug, Clone, Copy)]
            pub struct #marker;
            #gate
            impl runtime::mock::Operation for #marker {
                const SPEC: runtime::mock::OperationSpec = #spec;
            }
        }
    });
    quote!(#(#markers)*)
}

/// The stub constructors on `Mock` (inside the module, where the stub and marker types need no path: the
/// signatures fit a line) of the operations in `range`.
pub fn mock_constructors(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let operations = api.operations.get(range).unwrap_or_default();
    let constructors = operations.iter().map(|operation| {
        let marker = ident(&operation.builder_name);
        let name = ident(&operation.stub.constructor);
        let constructor_doc = doc(Some(&format!(
            "A stub of `{} {}` (operation `{}`): set the inputs to match and the answers, then `.mount().await`.",
            operation.method.as_str(),
            operation.path,
            operation.id
        )));
        let gate = super::gate::cfg(&operation.gate);
        quote! {
            #constructor_doc
            #gate
            pub fn #name(&self) -> Stub<'_, #marker> {
                self.stub()
            }
        }
    });
    quote!(#(#constructors)*)
}

/// The matchers of the universal parameters, on every stub at once (as the client's builders share their
/// setters). Lowering names them alike in every operation, first; the first operation's names are theirs.
pub fn universal_setters(api: &Api) -> TokenStream {
    let Some(first) = api.operations.first() else {
        return TokenStream::new();
    };
    let setters = api
        .universal_params
        .iter()
        .enumerate()
        .filter_map(|(universal, param)| {
            let index = first.params.iter().position(|own| own == param)?;
            let name = ident(first.stub.params.get(index)?);
            // Behind the same gate as the client's setter of the parameter.
            let gate = api
                .gating
                .universal
                .get(universal)
                .and_then(super::gate::cfg);
            let matcher = param_matcher(api, param, &name, quote!(None));
            Some(quote!(#gate #matcher))
        });
    let setters: Vec<TokenStream> = setters.collect();
    if setters.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// Parameters every operation of this API takes.
        #[cfg(feature = "mock")]
        impl<O: runtime::mock::Operation> mock::Stub<'_, O> { #(#setters)* }
    }
}

/// A stub's setter that matches one parameter (`target`: the path slot it fills, or `None`).
fn param_matcher(
    api: &Api,
    param: &Param,
    name: &proc_macro2::Ident,
    target: TokenStream,
) -> TokenStream {
    let (argument, as_ref) = argument_type(api, &param.ty);
    let value = argument_ref(&ident("value"), as_ref);
    let place = param_place(api, param, value);
    let docs = doc(Some(&format!(
        "Matches only requests whose `{}` is this value, as the client sends it.",
        param.wire_name
    )));
    quote! {
        #docs
        pub fn #name(self, value: #argument) -> Self {
            self.stub_set(#target, #place)
        }
    }
}

/// The typed setters and answers of one operation's stub (emitted and formatted on their own, after
/// [`emit_mocks`]: the bulk of the mock code of a large API).
pub fn emit_stub_impl(api: &Api, operation: &Operation) -> TokenStream {
    let marker = ident(&operation.builder_name);
    let methods = stub_methods(api, operation);
    if methods.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[cfg(feature = "mock")]
        impl mock::Stub<'_, mock::#marker> { #(#methods)* }
    }
}

/// `runtime::mock::OperationSpec { .. }` for an operation.
fn operation_spec(operation: &Operation) -> TokenStream {
    let id = &operation.id;
    let method = operation.method.as_str();
    let path = operation.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(Some(#text)),
        PathPart::Param(_) => quote!(None),
    });
    let responses = operation.responses.iter().map(|r| documented(r.status));
    let example = match default_answer(operation) {
        Some((status, body)) => {
            let status = Literal::u16_unsuffixed(status);
            quote!(Some((#status, #body)))
        }
        None => quote!(None),
    };
    quote! {
        runtime::mock::OperationSpec {
            id: #id,
            method: #method,
            path: &[#(#path),*],
            responses: &[#(#responses),*],
            example: #example,
        }
    }
}

/// What a stub answers when it is given no answer: the first success with an example, else the first success
/// that has no body.
fn default_answer(operation: &Operation) -> Option<(u16, String)> {
    let successes = || operation.responses.iter().filter(|r| r.status.is_success());
    let status = |r: &Response| match r.status {
        StatusMatch::Code(code) => code,
        _ => 200,
    };
    let example = successes().find_map(|r| {
        let text = r.example.clone()?;
        Some((status(r), text))
    });
    example.or_else(|| {
        successes()
            .find(|r| r.body.is_none())
            .map(|r| (status(r), String::new()))
    })
}

fn documented(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(runtime::mock::Documented::Code(#code))
        }
        StatusMatch::Range(class) => {
            let class = Literal::u16_unsuffixed(class);
            quote!(runtime::mock::Documented::Range(#class))
        }
        StatusMatch::Default => quote!(runtime::mock::Documented::Default),
    }
}

/// The setters (one per parameter, and `body`) and answers (one per documented status) of a stub.
fn stub_methods(api: &Api, operation: &Operation) -> Vec<TokenStream> {
    let names = &operation.stub;
    let mut methods = Vec::new();
    let mut slot = 0usize;
    for (param, name) in operation.params.iter().zip(&names.params) {
        let target = if param.location == ParamLocation::Path {
            let index = Literal::usize_unsuffixed(slot);
            slot += 1;
            quote!(Some(#index))
        } else {
            quote!(None)
        };
        // A universal parameter's setter is every stub's (see `universal_setters`).
        if !api.universal_params.contains(param) {
            methods.push(param_matcher(api, param, &ident(name), target));
        }
    }
    if let (Some(body), Some(name)) = (&operation.body, &names.body) {
        let name = ident(name);
        let BodyArgument {
            field,
            argument,
            into,
        } = body_argument(api, body);
        let convert = into.then(|| quote!(let body: #field = body.into();));
        let encode = body_encoding(api, body);
        methods.push(quote! {
            /// Matches only requests with this body (JSON compared as values, other media as bytes).
            pub fn #name(self, body: #argument) -> Self {
                #convert
                self.stub_body(move |request| { #encode })
            }
        });
    }
    let enveloped = api.envelope.is_some();
    for (response, name) in operation.responses.iter().zip(&names.answers) {
        if let Some(name) = name {
            methods.push(answer_method(api, response, &ident(name), enveloped));
        }
    }
    if let (Some(envelope), Some(name)) = (&api.envelope, &names.error) {
        let name = ident(name);
        let code = match envelope.error_codes {
            Some(id) => {
                let ty = rust_type(api, &Type::Named(id));
                quote!(&#ty)
            }
            None => quote!(&str),
        };
        methods.push(quote! {
            /// Answers with a failure envelope carrying `code` and `message`, at any documented `status`.
            pub fn #name(self, status: u16, code: #code, message: &str) -> Self {
                self.stub_envelope_error(ENVELOPE, status, code, message)
            }
        });
    }
    methods
}

/// `respond_<status>`: one answer with the documented body type of that response.
fn answer_method(
    api: &Api,
    response: &Response,
    name: &proc_macro2::Ident,
    enveloped: bool,
) -> TokenStream {
    let documented = documented(response.status);
    let (status_argument, status) = match response.status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            (None, quote!(#code))
        }
        _ => (Some(quote!(status: u16,)), quote!(status)),
    };
    let summary = response.doc.lines().next().unwrap_or_default();
    let docs = doc(Some(&format!(
        "Answers `{}`: {summary}",
        response.status.key()
    )));
    let (value_argument, call) = match &response.body {
        Some(ResponseBody::Json(ty)) => {
            let ty = borrowed(api, ty);
            let call = if enveloped {
                quote!(self.stub_envelope(ENVELOPE, #documented, #status, value))
            } else {
                quote!(self.stub_json(#documented, #status, value))
            };
            (Some(quote!(value: #ty)), call)
        }
        Some(ResponseBody::Text) => (
            Some(quote!(value: impl Into<String>)),
            quote!(self.stub_raw(#documented, #status, Into::<String>::into(value), "text/plain")),
        ),
        Some(ResponseBody::Bytes) => (
            Some(quote!(value: impl Into<::bytes::Bytes>)),
            quote!(self.stub_raw(#documented, #status, Into::<::bytes::Bytes>::into(value).to_vec(), "application/octet-stream")),
        ),
        None => (
            None,
            quote!(self.stub_raw(#documented, #status, Vec::new(), "")),
        ),
    };
    quote! {
        #docs
        pub fn #name(self, #status_argument #value_argument) -> Self {
            #call
        }
    }
}

/// A JSON answer is taken by reference: `&str` and `&[T]` rather than `&String` and `&Vec<T>`.
fn borrowed(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(&str),
        Type::Array(item) => {
            let item = rust_type(api, item);
            quote!(&[#item])
        }
        other => {
            let ty = rust_type(api, other);
            quote!(&#ty)
        }
    }
}
