//! Emits one method per operation and what makes its request builder (the API's `operations::Call` of a
//! marker type): how the operation is sent and decodes every documented answer (as lowering decided), and
//! setters for its optional inputs. Sending itself is the runtime's; each operation only states its parts.

use super::behaviour::{paging_methods, poll_method};
use super::bodies::{BodyArgument, body_argument, body_encoding, body_items};
use super::params::{param_call, param_place};
use super::tokens::{answer_type, doc, ident, rust_type};
use crate::ir::{
    AnswerType, Api, BodyRead, Decode, Operation, Output, Param, ParamLocation, PathPart, Read,
    ResponseHeaders, StatusMatch, Type,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The methods on `Client`, one per operation (and the envelope constant they read), and the marker type
/// of each operation, which names it in its builder's type (`operations::Call<'_, operations::Marker>`).
/// A large API's are formatted in runs of operations (see `Plan`), from the parts below.
pub fn emit_methods(api: &Api) -> TokenStream {
    let all = 0..api.operations.len();
    let envelope = envelope_const(api);
    let methods = client_methods(api, all.clone());
    let operations =
        (!api.operations.is_empty()).then(|| operations_module(operation_markers(api, all)));
    quote! {
        #envelope
        impl Client { #methods }
        #operations
    }
}

/// The envelope constant the methods read (`x-specgen-envelope`), if the API has one and any operation.
pub fn envelope_const(api: &Api) -> Option<TokenStream> {
    let envelope = api
        .envelope
        .as_ref()
        .filter(|_| !api.operations.is_empty())?;
    let content = &envelope.content_property;
    let code = &envelope.error_code_property;
    let message = &envelope.error_message_property;
    let gate = super::gate::cfg(&api.gating.any_operation);
    Some(quote! {
        #gate
        /// Where this API's answer envelope keeps its parts (`x-specgen-envelope`).
        const ENVELOPE: runtime::EnvelopeSpec =
            runtime::EnvelopeSpec { content: #content, error_code: #code, error_message: #message };
    })
}

/// The `Client` methods of the operations in `range`, each behind its gate.
pub fn client_methods(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let operations = api.operations.get(range).unwrap_or_default();
    let methods = operations.iter().map(|operation| {
        let gate = super::gate::cfg(&operation.gate);
        let method = emit_method(api, operation);
        quote!(#gate #method)
    });
    quote!(#(#methods)*)
}

/// The marker types of the operations in `range`.
pub fn operation_markers(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    let operations = api.operations.get(range).unwrap_or_default();
    let markers = operations.iter().map(|operation| {
        let gate = super::gate::cfg(&operation.gate);
        let marker = ident(&operation.marker);
        let docs = doc(Some(&format!(
            "`{} {}` (operation `{}`), sent by [`super::Client::{}`].",
            operation.method.as_str(),
            operation.path,
            operation.id,
            operation.method_name.trim_start_matches("r#")
        )));
        quote!(#docs #gate pub enum #marker {})
    });
    quote!(#(#markers)*)
}

/// The `operations` module, holding the request builder type and `markers`.
pub fn operations_module(markers: TokenStream) -> TokenStream {
    let call = super::call::call_type();
    quote! {
        /// One type per operation: each request builder is a [`Call`] of its operation, which
        /// implements [`runtime::Operation`] (how it is sent and how its answers decode).
        pub mod operations {
            use super::runtime;

            #call
            #markers
        }
    }
}

/// The request builder of one operation, which sends the call and decodes its answers.
pub fn emit_builder(api: &Api, index: usize) -> TokenStream {
    match api.operations.get(index) {
        Some(operation) => emit_operation(api, operation),
        None => TokenStream::new(),
    }
}

/// The setters of the universal parameters, on every builder of the API at once. They go out after each
/// operation's own parameters.
pub fn emit_universal_setters(api: &Api) -> TokenStream {
    let universal = &api.universal_params;
    if universal.is_empty() {
        return TokenStream::new();
    }
    let setters = universal.iter().enumerate().map(|(index, param)| {
        let gate = api.gating.universal.get(index).and_then(super::gate::cfg);
        let setter = setter(api, param, position(UNIVERSAL_POSITIONS + index));
        quote!(#gate #setter)
    });
    quote! {
        /// Parameters every operation of this API takes.
        impl<'a, Op: runtime::Operation> operations::Call<'a, Op> {
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
    let place = param_place(api, param, argument_ref(&value, as_ref));
    let docs = doc(Some(&param_doc(param)));
    quote! {
        #docs
        pub fn #name(self, value: #arg_ty) -> Self {
            self.set(#position, #place)
        }
    }
}

/// The runtime call that reads a body.
fn read_body(body: BodyRead) -> TokenStream {
    match body {
        BodyRead::Json => quote!(response.json()),
        BodyRead::Text => quote!(response.text()),
        BodyRead::Bytes => quote!(response.bytes()),
        BodyRead::Empty => quote!(response.empty()),
    }
}

/// The expression that reads one answer as lowering decided.
fn read_answer(read: &Read, success: &AnswerType) -> TokenStream {
    match read {
        Read::Body(body) => read_body(*body),
        Read::Some(body) => {
            let read = read_body(*body);
            quote!(#read.map(Some))
        }
        Read::None => quote!(response.empty().map(|()| None)),
        Read::Variant { variant, body } => {
            let name = match success {
                AnswerType::SuccessEnum(name) => ident(name),
                _ => ident("Self"),
            };
            let variant = ident(variant);
            match body {
                Some(body) => {
                    let read = read_body(*body);
                    quote!(#read.map(#name::#variant))
                }
                None => quote!(response.empty().map(|()| #name::#variant)),
            }
        }
        Read::ApiError => quote!(response.api_error()),
        Read::ApiErrorUnit => quote!(Err(response.into_api_error(()))),
        Read::ApiErrorNull => quote!(Err(response.into_api_error(::serde_json::Value::Null))),
        Read::Unexpected => quote!(response.unexpected()),
    }
}

/// The body of an operation's `decode`.
fn decode_body(output: &Output) -> TokenStream {
    match &output.decode {
        Decode::Envelope { documented } if documented.is_empty() => {
            quote!(ENVELOPE.decode(response, false))
        }
        Decode::Envelope { documented } => {
            let documented = documented.iter().map(|status| status_pattern(*status));
            quote! {
                let documented = matches!(response.status().as_u16(), #(#documented)|*);
                ENVELOPE.decode(response, documented)
            }
        }
        Decode::ByStatus { arms, fallback } => {
            // Neighbouring statuses read alike share one arm (`403 | 404 => response.api_error()`): the
            // same answer whichever of them matches first, in fewer lines for the reader and the compiler.
            let arms = arms.chunk_by(|(_, a), (_, b)| a == b).filter_map(|group| {
                let (_, read) = group.first()?;
                let patterns = group.iter().map(|(status, _)| status_pattern(*status));
                let read = read_answer(read, &output.success);
                Some(quote!(#(#patterns)|* => #read,))
            });
            let fallback = read_answer(fallback, &output.success);
            quote! {
                match response.status().as_u16() {
                    #(#arms)*
                    _ => #fallback,
                }
            }
        }
        Decode::Always(read) => read_answer(read, &output.success),
    }
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
            let place = param_place(api, param, argument_ref(&name, as_ref));
            chained.push(quote!(.set(#position, #place)));
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
            operations::Call::new(self, request) #(#chained)*
        }
    }
}

/// An operation's own items: its builder type (an `operations::Call` of its marker), how it is sent and
/// decoded (`runtime::Operation`), and the setters of its optional inputs.
fn emit_operation(api: &Api, operation: &Operation) -> TokenStream {
    let universal = &api.universal_params;
    let builder = ident(&operation.builder_name);
    let marker = ident(&operation.marker);
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
    let success = answer_type(api, &operation.output.success);
    let error = answer_type(api, &operation.output.error);
    let arms = decode_body(&operation.output);
    let paging = paging_methods(api, operation);
    let wait = poll_method(api, operation);
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
        pub type #builder<'a> = operations::Call<'a, operations::#marker>;

        impl runtime::Operation for operations::#marker {
            type Output = #success;
            type Error = #error;
            const INFO: runtime::OperationInfo = runtime::OperationInfo {
                id: #id,
                security: &[ #(#security),* ],
                idempotent: #idempotent,
                idempotency_key: #idempotency_key,
            };

            fn decode(response: runtime::RawResponse) -> runtime::Decoded<Self> {
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
                    let ty = answer_type(api, &AnswerType::from(body));
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
