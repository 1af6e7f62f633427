//! Emits one method per operation and what makes its request builder (`runtime::Call` of a marker type):
//! how the operation is sent and decodes every documented answer, and setters for its optional inputs.
//! Sending itself is the runtime's; each operation only states its parts.

use super::behaviour::{Output, paging_methods, poll_method};
use super::bodies::{BodyArgument, body_argument, body_encoding, body_items};
use super::params::{param_call, param_write};
use super::tokens::{doc, ident, rust_type};
use crate::diagnostics::Diagnostic;
use crate::ir::{
    Api, Operation, Param, ParamLocation, PathPart, Response, ResponseBody, ResponseHeaders,
    StatusMatch, Type,
};
use proc_macro2::TokenStream;
use quote::quote;

/// Checks that every operation can be emitted, reporting those that cannot (errors) and those whose errors
/// lose their type (warnings); returns the indexes of the operations to emit.
pub fn check_operations(api: &Api, diagnostics: &mut Vec<Diagnostic>) -> Vec<usize> {
    let mut emitted = Vec::new();
    for (index, operation) in api.operations.iter().enumerate() {
        let pointer = format!(
            "/paths/{}",
            crate::diagnostics::pointer_token(&operation.path)
        );
        match shape(api, operation) {
            Ok(_) => emitted.push(index),
            Err(message) => diagnostics.push(Diagnostic::error(
                pointer.clone(),
                format!("operation {:?}: {message}", operation.id),
            )),
        }
        if let Some(problem) = super::behaviour::poll_problem(api, operation) {
            diagnostics.push(Diagnostic::warning(pointer.clone(), problem));
        }
        if shape_is_lossy(operation, api.envelope.is_some()) {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!(
                    "operation {:?} documents several error body types; its errors decode as serde_json::Value",
                    operation.id
                ),
            ));
        }
    }
    emitted
}

/// The methods on `Client`, one per operation (and the envelope constant they read), and the marker type
/// of each operation, which names it in its builder's type (`runtime::Call<'_, Client, operations::Marker>`).
pub fn emit_methods(api: &Api, emitted: &[usize], markers: &[String]) -> TokenStream {
    let mut methods = Vec::new();
    let mut marker_items = Vec::new();
    for &index in emitted {
        let (Some(operation), Some(marker)) = (api.operations.get(index), markers.get(index))
        else {
            continue;
        };
        methods.push(emit_method(api, operation));
        let marker = ident(marker);
        let docs = doc(Some(&format!(
            "`{} {}` (operation `{}`), sent by [`super::Client::{}`].",
            operation.method.as_str(),
            operation.path,
            operation.id,
            operation.method_name.trim_start_matches("r#")
        )));
        marker_items.push(quote!(#docs pub enum #marker {}));
    }
    let envelope = api.envelope.as_ref().filter(|_| !methods.is_empty()).map(|envelope| {
        let content = &envelope.content_property;
        let code = &envelope.error_code_property;
        let message = &envelope.error_message_property;
        quote! {
            /// Where this API's answer envelope keeps its parts (`x-specgen-envelope`).
            const ENVELOPE: runtime::EnvelopeSpec =
                runtime::EnvelopeSpec { content: #content, error_code: #code, error_message: #message };
        }
    });
    let operations = (!marker_items.is_empty()).then(|| {
        quote! {
            /// One type per operation: each request builder is a [`runtime::Call`] of its operation, which
            /// implements [`runtime::Operation`] (how it is sent and how its answers decode).
            pub mod operations {
                #(#marker_items)*
            }
        }
    });
    quote! {
        #envelope
        impl Client { #(#methods)* }
        #operations
    }
}

/// The request builder of one operation, which sends the call and decodes its answers.
pub fn emit_builder(api: &Api, index: usize, marker: &str, universal: &[Param]) -> TokenStream {
    let Some(operation) = api.operations.get(index) else {
        return TokenStream::new();
    };
    match shape(api, operation) {
        Ok(shape) => emit_operation(api, operation, &shape, marker, universal),
        Err(_) => TokenStream::new(),
    }
}

/// The optional parameters every emitted operation has, identically (Google's `alt`, `fields`, `key`...):
/// their setters are written once for all the API's builders, not once per operation. None for an API of
/// one operation, whose parameters are its own.
pub fn universal_params(api: &Api, emitted: &[usize]) -> Vec<Param> {
    let mut operations = emitted
        .iter()
        .filter_map(|&index| api.operations.get(index));
    let (Some(first), Some(_)) = (operations.next(), operations.next()) else {
        return Vec::new();
    };
    first
        .params
        .iter()
        .filter(|param| !param.required)
        .filter(|param| {
            emitted
                .iter()
                .filter_map(|&index| api.operations.get(index))
                .all(|operation| operation.params.contains(param))
        })
        .cloned()
        .collect()
}

/// The setters of the universal parameters, on every builder of the API at once. They go out after each
/// operation's own parameters.
pub fn emit_universal_setters(api: &Api, universal: &[Param]) -> TokenStream {
    if universal.is_empty() {
        return TokenStream::new();
    }
    let setters = universal
        .iter()
        .enumerate()
        .map(|(index, param)| setter(api, param, position(UNIVERSAL_POSITIONS + index)));
    quote! {
        /// Parameters every operation of this API takes.
        impl<'a, Op: runtime::Operation> runtime::Call<'a, Client, Op> {
            #(#setters)*
        }
    }
}

/// Where the positions of universal parameters start: after any operation's own.
const UNIVERSAL_POSITIONS: usize = 0x8000;

/// The setter of an optional parameter, which writes it at `position` among the request's parameters.
fn setter(api: &Api, param: &Param, position: proc_macro2::Literal) -> TokenStream {
    let name = ident(&param.rust_name);
    let (arg_ty, as_ref) = argument_type(api, &param.ty);
    let value = ident("value");
    let write = param_write(api, param, argument_ref(&value, as_ref));
    let docs = doc(Some(&param_doc(param)));
    quote! {
        #docs
        pub fn #name(self, value: #arg_ty) -> Self {
            self.param(#position, |request| #write)
        }
    }
}

/// The name of each operation's marker type in the `operations` module: its builder's name without the
/// `Builder` suffix, numbered if that clashes within the module.
pub fn marker_names(api: &Api) -> Vec<String> {
    let mut scope = crate::names::Scope::with_reserved(&["Self"]);
    api.operations
        .iter()
        .map(|operation| {
            let name = &operation.builder_name;
            let stem = name.strip_suffix("Builder").filter(|stem| !stem.is_empty());
            scope.claim(stem.unwrap_or(name))
        })
        .collect()
}

/// The Rust types an operation answers with, and how each documented status is decoded.
pub(super) struct Shape {
    pub(super) success: TokenStream,
    pub(super) error: TokenStream,
    pub(super) arms: TokenStream,
}

/// The Rust type of a response body.
fn response_type(api: &Api, body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(ty) => rust_type(api, ty),
        ResponseBody::Text => quote!(String),
        ResponseBody::Bytes => quote!(::bytes::Bytes),
    }
}

/// The runtime call that reads a response body.
fn read_body(body: Option<&ResponseBody>) -> TokenStream {
    match body {
        Some(ResponseBody::Json(_)) => quote!(response.json()),
        Some(ResponseBody::Text) => quote!(response.text()),
        Some(ResponseBody::Bytes) => quote!(response.bytes()),
        None => quote!(response.empty()),
    }
}

/// The JSON type of an error body; text and bytes are kept raw on the error, as for undocumented bodies.
fn error_body(response: &Response) -> Option<&Type> {
    match &response.body {
        Some(ResponseBody::Json(ty)) => Some(ty),
        _ => None,
    }
}

/// The success type and one decoding arm per success response.
fn success_shape(
    api: &Api,
    operation: &Operation,
    successes: &[&Response],
) -> Result<(TokenStream, Vec<TokenStream>), String> {
    if let Some(name) = &operation.success_enum {
        let name = ident(name);
        let arms = successes
            .iter()
            .map(|r| {
                let pattern = status_pattern(r.status);
                let variant = ident(&r.variant);
                let read = read_body(r.body.as_ref());
                match r.body {
                    Some(_) => quote!(#pattern => #read.map(#name::#variant),),
                    None => quote!(#pattern => #read.map(|()| #name::#variant),),
                }
            })
            .collect();
        return Ok((quote!(#name), arms));
    }
    let mut bodies: Vec<&ResponseBody> = successes.iter().filter_map(|r| r.body.as_ref()).collect();
    bodies.sort();
    bodies.dedup();
    let some_empty = successes.iter().any(|r| r.body.is_none());
    let arms = |read: &dyn Fn(&Response) -> TokenStream| -> Vec<TokenStream> {
        successes
            .iter()
            .map(|r| {
                let pattern = status_pattern(r.status);
                let read = read(r);
                quote!(#pattern => #read,)
            })
            .collect()
    };
    match bodies.as_slice() {
        [] => Ok((quote!(()), arms(&|_| quote!(response.empty())))),
        // An empty JSON answer decodes as `None` (`decode_json` reads it as null), whatever its status.
        [one @ ResponseBody::Json(_)] if some_empty => {
            let ty = response_type(api, one);
            Ok((quote!(Option<#ty>), arms(&|_| quote!(response.json()))))
        }
        [one] if some_empty => {
            let ty = response_type(api, one);
            let arms = arms(&|r| match &r.body {
                Some(body) => {
                    let read = read_body(Some(body));
                    quote!(#read.map(Some))
                }
                None => quote!(response.empty().map(|()| None)),
            });
            Ok((quote!(Option<#ty>), arms))
        }
        [one] => Ok((
            response_type(api, one),
            arms(&|r| read_body(r.body.as_ref())),
        )),
        _ => {
            Err("several different success body types need an enum, which was not named".to_owned())
        }
    }
}

pub(super) fn shape(api: &Api, operation: &Operation) -> Result<Shape, String> {
    let (successes, failures): (Vec<&Response>, Vec<&Response>) = operation
        .responses
        .iter()
        .partition(|r| r.status.is_success());
    if let Some(envelope) = &api.envelope {
        if operation.success_enum.is_some() {
            return Err("an enveloped operation must document one success body type".to_owned());
        }
        let (success, _) = success_shape(api, operation, &successes)?;
        let code = match envelope.error_codes {
            Some(id) => rust_type(api, &Type::Named(id)),
            None => quote!(String),
        };
        let documented = status_patterns(&successes);
        let arms = if documented.is_empty() {
            quote!(ENVELOPE.decode(response, false))
        } else {
            quote! {
                let documented = matches!(response.status().as_u16(), #(#documented)|*);
                ENVELOPE.decode(response, documented)
            }
        };
        return Ok(Shape {
            success,
            error: quote!(runtime::EnvelopeError<#code>),
            arms,
        });
    }
    let (success, success_arms) = success_shape(api, operation, &successes)?;
    let mut error_types: Vec<&Type> = failures.iter().filter_map(|r| error_body(r)).collect();
    error_types.sort();
    error_types.dedup();
    let all_have_bodies = failures.iter().all(|r| error_body(r).is_some());
    let (error, error_decode, free_form) = match (error_types.as_slice(), failures.is_empty()) {
        (_, true) => (quote!(::std::convert::Infallible), quote!(), false),
        ([], false) => (quote!(()), quote!(Err(response.into_api_error(()))), false),
        ([one], false) if all_have_bodies => {
            (rust_type(api, one), quote!(response.api_error()), false)
        }
        _ => (
            quote!(::serde_json::Value),
            quote!(response.api_error()),
            true,
        ),
    };
    let specific: Vec<&Response> = failures
        .iter()
        .copied()
        .filter(|r| r.status != StatusMatch::Default)
        .collect();
    // With `serde_json::Value` as the error type, a status documented without a JSON body keeps `null`
    // rather than failing to decode whatever text it carries.
    let decode_failure = |r: &Response| {
        if free_form && error_body(r).is_none() {
            quote!(Err(response.into_api_error(::serde_json::Value::Null)))
        } else {
            error_decode.clone()
        }
    };
    let failure_arms = specific.iter().map(|r| {
        let pattern = status_pattern(r.status);
        let decode = decode_failure(r);
        quote!(#pattern => #decode,)
    });
    let fallback_expression = failures
        .iter()
        .find(|r| r.status == StatusMatch::Default)
        .map(|r| decode_failure(r));
    let fallback = match &fallback_expression {
        Some(expression) => quote!(_ => #expression,),
        None => quote!(_ => response.unexpected(),),
    };
    let arms = if successes.is_empty() && specific.is_empty() {
        // Only a fallback: a `match` with a single `_` arm is noise (and a clippy lint).
        match fallback_expression {
            Some(expression) => expression,
            None => quote!(response.unexpected()),
        }
    } else {
        quote! {
            match response.status().as_u16() {
                #(#success_arms)*
                #(#failure_arms)*
                #fallback
            }
        }
    };
    Ok(Shape {
        success,
        error,
        arms,
    })
}

/// Whether the error type falls back to JSON because several error body types are documented.
fn shape_is_lossy(operation: &Operation, enveloped: bool) -> bool {
    if enveloped {
        return false;
    }
    let mut types: Vec<&Type> = operation
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .filter_map(error_body)
        .collect();
    types.sort();
    types.dedup();
    types.len() > 1
}

fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(class) => {
            let low = proc_macro2::Literal::u16_unsuffixed(class.saturating_mul(100));
            let high =
                proc_macro2::Literal::u16_unsuffixed(class.saturating_mul(100).saturating_add(99));
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

fn status_patterns(responses: &[&Response]) -> Vec<TokenStream> {
    responses.iter().map(|r| status_pattern(r.status)).collect()
}

/// The type a parameter is taken as: strings as `impl AsRef<str>` (written as `value.as_ref()`),
/// everything else as itself (written as `&value`).
pub(super) fn argument_type(api: &Api, ty: &Type) -> (TokenStream, bool) {
    match ty {
        Type::String => (quote!(impl AsRef<str>), true),
        other => (rust_type(api, other), false),
    }
}

/// A reference to an argument taken as [`argument_type`] says.
pub(super) fn argument_ref(name: &proc_macro2::Ident, as_ref: bool) -> TokenStream {
    if as_ref {
        quote!(#name.as_ref())
    } else {
        quote!(&#name)
    }
}

/// The position of a parameter among its operation's, which orders them in the request.
fn position(index: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::u16_unsuffixed(u16::try_from(index).unwrap_or(u16::MAX))
}

/// The statements that put a body argument named `body` into `request`.
fn body_statements(api: &Api, body: &crate::ir::RequestBody) -> TokenStream {
    let BodyArgument { field, into, .. } = body_argument(api, body);
    let set = body_encoding(api, body);
    if into {
        quote!(let body: #field = body.into(); #set)
    } else {
        set
    }
}

/// The method on `Client`: required inputs as arguments, written into the request at once; the
/// request builder it returns takes the rest.
fn emit_method(api: &Api, operation: &Operation) -> TokenStream {
    let method_name = ident(&operation.method_name);
    let builder = ident(&operation.builder_name);
    let mut arguments = Vec::new();
    let mut chained = Vec::new();
    for (index, param) in operation
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required)
    {
        let name = ident(&param.rust_name);
        let (arg_ty, as_ref) = argument_type(api, &param.ty);
        arguments.push(quote!(#name: #arg_ty));
        if param.location != ParamLocation::Path {
            let position = position(index);
            let write = param_write(api, param, argument_ref(&name, as_ref));
            chained.push(quote!(.param(#position, |request| #write)));
        }
    }
    let path_steps = operation.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(request.path(#text);),
        PathPart::Param(index) => match operation.params.get(*index) {
            Some(param) => {
                let name = ident(&param.rust_name);
                let (_, as_ref) = argument_type(api, &param.ty);
                param_call(api, param, argument_ref(&name, as_ref))
            }
            None => TokenStream::new(),
        },
    });
    let body = operation.body.as_ref().filter(|b| b.required).map(|body| {
        let BodyArgument { argument, .. } = body_argument(api, body);
        arguments.push(quote!(body: #argument));
        body_statements(api, body)
    });
    let accept_step = accept_step(operation);
    let http_method = ident(operation.method.as_str());
    let method_doc = doc(Some(&method_doc(api, operation)));
    let deprecated = operation
        .deprecated
        .then(|| quote!(#[deprecated = "deprecated by the spec"]));
    quote! {
        #method_doc
        #deprecated
        pub fn #method_name(&self, #(#arguments),*) -> #builder<'_> {
            let mut request = runtime::Request::new(::reqwest::Method::#http_method);
            #(#path_steps)*
            #accept_step
            #body
            runtime::Call::new(self, request) #(#chained)*
        }
    }
}

/// An operation's own items: its builder type (a `runtime::Call` of its marker), how it is sent and
/// decoded (`runtime::Operation`), and the setters of its optional inputs.
fn emit_operation(
    api: &Api,
    operation: &Operation,
    own_shape: &Shape,
    marker: &str,
    universal: &[Param],
) -> TokenStream {
    let builder = ident(&operation.builder_name);
    let marker = ident(marker);
    let own_params: Vec<(usize, &Param)> = operation
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.required && !universal.contains(p))
        .collect();
    let setters = own_params
        .iter()
        .map(|(index, param)| setter(api, param, position(*index)));
    let body_setter = operation.body.as_ref().filter(|b| !b.required).map(|body| {
        let BodyArgument { argument, .. } = body_argument(api, body);
        let statements = body_statements(api, body);
        let docs = doc(Some(
            body.doc
                .as_deref()
                .unwrap_or("The request body (optional)."),
        ));
        quote! {
            #docs
            pub fn body(self, body: #argument) -> Self {
                self.with(|request| { #statements })
            }
        }
    });
    let body_items = operation
        .body
        .as_ref()
        .map(|body| body_items(api, &operation.id, body));

    let id = &operation.id;
    let security = operation
        .security
        .iter()
        .map(|alternative| quote!(&[ #(#alternative),* ]));
    let Shape {
        success,
        error,
        arms,
    } = own_shape;
    let own = Output { success, error };
    let paging = paging_methods(api, operation, &own);
    let target_shape = operation
        .poll
        .as_ref()
        .and_then(|poll| api.operations.iter().find(|o| o.id == poll.operation_id))
        .and_then(|target| shape(api, target).ok());
    let target_output = target_shape.as_ref().map(|s| Output {
        success: &s.success,
        error: &s.error,
    });
    let wait = poll_method(api, operation, &own, target_output);
    let received = operation.token_exchange.as_ref().map(|exchange| {
        let scheme = &exchange.scheme;
        let field = ident(&exchange.token_field);
        quote! {
            // The operation yields the credential of a scheme: every later call of this client uses it.
            fn received(core: &runtime::ClientCore, value: &Self::Output) {
                core.credentials().set(#scheme, runtime::token(value.#field.clone()));
            }
        }
    });
    let idempotent = operation.idempotent;
    let idempotency_key = match &operation.idempotency_key {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };
    let mut builder_text = format!(
        "Request builder for [`Client::{}`]: set optional inputs, then `.send().await` or `.await` it.",
        operation.method_name.trim_start_matches("r#")
    );
    if let Some(headers) = &operation.response_headers {
        builder_text.push_str(&format!(
            " `{}::from(answer.headers())` reads the documented headers of `.send_with_response()`'s answer.",
            headers.name
        ));
    }
    let builder_doc = doc(Some(&builder_text));
    let success_enum = success_enum(api, operation);
    let headers_type = operation
        .response_headers
        .as_ref()
        .map(|h| headers_type(api, operation, h));
    let has_members =
        !own_params.is_empty() || body_setter.is_some() || paging.is_some() || wait.is_some();
    let members = has_members.then(|| {
        quote! {
            impl<'a> #builder<'a> {
                #(#setters)*
                #body_setter
                #paging
                #wait
            }
        }
    });
    quote! {
        #success_enum
        #headers_type
        #body_items
        #builder_doc
        pub type #builder<'a> = runtime::Call<'a, Client, operations::#marker>;

        impl runtime::Operation for operations::#marker {
            type Output = #success;
            type Error = #error;
            const INFO: runtime::OperationInfo = runtime::OperationInfo {
                id: #id,
                security: &[ #(#security),* ],
                idempotent: #idempotent,
                idempotency_key: #idempotency_key,
            };

            fn decode(response: runtime::RawResponse) -> Result<Self::Output, runtime::Error<Self::Error>> {
                #arms
            }

            #received
        }

        #members
    }
}

/// The typed headers of an operation's successful answers, read from a header map.
fn headers_type(api: &Api, operation: &Operation, headers: &ResponseHeaders) -> TokenStream {
    let name = ident(&headers.name);
    let fields = headers.fields.iter().map(|field| {
        let rust_name = ident(&field.rust_name);
        let ty = rust_type(api, &field.ty);
        let mut text = format!("`{}`.", field.wire_name);
        if let Some(description) = &field.doc {
            text.push_str("\n\n");
            text.push_str(description);
        }
        let docs = doc(Some(&text));
        quote!(#docs pub #rust_name: Option<#ty>,)
    });
    let reads = headers.fields.iter().map(|field| {
        let rust_name = ident(&field.rust_name);
        let wire = &field.wire_name;
        quote!(#rust_name: runtime::header_value(headers, #wire),)
    });
    let docs = doc(Some(&format!(
        "The headers documented on the successful answers of `{}`; each is `None` when absent or unreadable.",
        operation.id
    )));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name { #(#fields)* }

        impl From<&::reqwest::header::HeaderMap> for #name {
            fn from(headers: &::reqwest::header::HeaderMap) -> Self {
                #name { #(#reads)* }
            }
        }
    }
}

/// The enum over an operation's success answers, when they differ in type: one variant per status.
fn success_enum(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let name = ident(operation.success_enum.as_ref()?);
    let variants = operation
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .map(|r| {
            let variant = ident(&r.variant);
            let docs = doc(Some(&format!("{}: {}", r.status.key(), r.doc)));
            match &r.body {
                Some(body) => {
                    let ty = response_type(api, body);
                    quote!(#docs #variant(#ty),)
                }
                None => quote!(#docs #variant,),
            }
        });
    let docs = doc(Some(&format!(
        "The successful answers of `{}`, by status.",
        operation.id
    )));
    Some(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }
    })
}

/// Sets `Accept` when the operation answers with something other than plain JSON (the runtime's default).
fn accept_step(operation: &Operation) -> Option<TokenStream> {
    if operation.accept.is_empty() || operation.accept == ["application/json"] {
        return None;
    }
    let accept = operation.accept.join(", ");
    Some(quote!(request.accept(#accept);))
}

fn param_doc(param: &Param) -> String {
    let place = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let mut text = format!("`{}` ({place} parameter)", param.wire_name);
    match &param.doc {
        // Prose runs on after the name; anything else (a list, a code fence) keeps a paragraph of its own,
        // where markdown still reads it as such.
        Some(description) if description.starts_with(|c: char| c.is_alphanumeric() || c == '(') => {
            text.push_str(": ");
            text.push_str(description);
        }
        Some(description) => {
            text.push_str(".\n\n");
            text.push_str(description);
        }
        None => text.push('.'),
    }
    if param.deprecated {
        text.push_str("\n\nDeprecated by the spec.");
    }
    text
}

fn method_doc(api: &Api, operation: &Operation) -> String {
    let mut text = operation
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` operation.", operation.id));
    text.push_str(&format!(
        "\n\n`{} {}` (operation `{}`).",
        operation.method.as_str(),
        operation.path,
        operation.id
    ));
    let arguments: Vec<String> = operation
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| {
            format!(
                "- `{}`: {}",
                p.rust_name.trim_start_matches("r#"),
                param_doc(p).replace("\n\n", " ")
            )
        })
        .collect();
    if !arguments.is_empty() {
        text.push_str("\n\nArguments:\n");
        text.push_str(&arguments.join("\n"));
    }
    if !operation.error_codes.is_empty() {
        text.push_str("\n\nDocumented error codes: ");
        let codes: Vec<String> = operation
            .error_codes
            .iter()
            .map(|c| format!("`{c}`"))
            .collect();
        text.push_str(&codes.join(", "));
        text.push('.');
    }
    if api.envelope.is_some() {
        text.push_str("\n\nEvery answer is an envelope: a non-empty error code is returned as `runtime::Error::Api` whatever the HTTP status; on success this returns the envelope's content.");
    }
    let responses: Vec<String> = operation
        .responses
        .iter()
        .map(|r| {
            let status = r.status.key();
            format!("- {status}: {}", r.doc.lines().next().unwrap_or_default())
        })
        .collect();
    if !responses.is_empty() {
        text.push_str("\n\nResponses:\n");
        text.push_str(&responses.join("\n"));
    }
    if let Some(exchange) = &operation.token_exchange {
        text.push_str(&format!(
            "\n\nOn success the returned token becomes this client's `{}` credential{}.",
            exchange.scheme,
            exchange
                .lifetime_seconds
                .map(|s| format!(" (valid for {s} seconds)"))
                .unwrap_or_default()
        ));
    }
    text
}
