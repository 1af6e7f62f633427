//! Emits one method per operation and its request builder, which sends the call and decodes every
//! documented answer. The work itself is done by the runtime; each operation only wires its parts.

use super::params::param_step;
use super::tokens::{doc, ident, rust_type};
use crate::diagnostics::Diagnostic;
use crate::ir::{Api, Operation, Param, ParamLocation, PathPart, Response, StatusMatch, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// Methods on `Client` (one per operation) and the request builders they return.
pub fn emit_operations(api: &Api, diagnostics: &mut Vec<Diagnostic>) -> TokenStream {
    let mut methods = Vec::new();
    let mut builders = Vec::new();
    for operation in &api.operations {
        let pointer = format!(
            "/paths/{}",
            crate::diagnostics::pointer_token(&operation.path)
        );
        match shape(api, operation) {
            Ok(shape) => {
                let (method, builder) = emit_operation(api, operation, &shape);
                methods.push(method);
                builders.push(builder);
            }
            Err(message) => diagnostics.push(Diagnostic::error(
                pointer,
                format!("operation {:?}: {message}", operation.id),
            )),
        }
        if shape_is_lossy(operation, api.envelope.is_some()) {
            diagnostics.push(Diagnostic::warning(
                format!("/paths/{}", crate::diagnostics::pointer_token(&operation.path)),
                format!(
                    "operation {:?} documents several error body types; its errors decode as serde_json::Value",
                    operation.id
                ),
            ));
        }
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
    quote! {
        #envelope
        impl Client { #(#methods)* }
        #(#builders)*
    }
}

/// The Rust types an operation answers with, and how each documented status is decoded.
struct Shape {
    success: TokenStream,
    error: TokenStream,
    arms: TokenStream,
}

fn shape(api: &Api, operation: &Operation) -> Result<Shape, String> {
    let (successes, failures): (Vec<&Response>, Vec<&Response>) = operation
        .responses
        .iter()
        .partition(|r| r.status.is_success());
    let mut success_types: Vec<&Type> = successes.iter().filter_map(|r| r.body.as_ref()).collect();
    success_types.sort();
    success_types.dedup();
    let some_empty = successes.iter().any(|r| r.body.is_none());
    let success = match success_types.as_slice() {
        [] => quote!(()),
        [one] if some_empty => {
            let ty = rust_type(api, one);
            quote!(Option<#ty>)
        }
        [one] => rust_type(api, one),
        _ => return Err("several different success body types are not supported yet".to_owned()),
    };
    if let Some(envelope) = &api.envelope {
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
    let success_arms = successes.iter().map(|r| {
        let pattern = status_pattern(r.status);
        if success_types.is_empty() {
            quote!(#pattern => response.empty(),)
        } else {
            quote!(#pattern => response.json(),)
        }
    });
    let mut error_types: Vec<&Type> = failures.iter().filter_map(|r| r.body.as_ref()).collect();
    error_types.sort();
    error_types.dedup();
    let all_have_bodies = failures.iter().all(|r| r.body.is_some());
    let (error, error_decode) = match (error_types.as_slice(), failures.is_empty()) {
        (_, true) => (quote!(::std::convert::Infallible), quote!()),
        ([], false) => (quote!(()), quote!(Err(response.into_api_error(())))),
        ([one], false) if all_have_bodies => (rust_type(api, one), quote!(response.api_error())),
        _ => (quote!(::serde_json::Value), quote!(response.api_error())),
    };
    let specific: Vec<&Response> = failures
        .iter()
        .copied()
        .filter(|r| r.status != StatusMatch::Default)
        .collect();
    let failure_arms = specific.iter().map(|r| {
        let pattern = status_pattern(r.status);
        quote!(#pattern => #error_decode,)
    });
    let fallback_expression = failures
        .iter()
        .any(|r| r.status == StatusMatch::Default)
        .then(|| error_decode.clone());
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
        .filter_map(|r| r.body.as_ref())
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

/// The type a parameter is taken as: strings as `impl Into<String>`, everything else as itself.
fn argument_type(api: &Api, ty: &Type) -> (TokenStream, bool) {
    match ty {
        Type::String => (quote!(impl Into<String>), true),
        other => (rust_type(api, other), false),
    }
}

fn emit_operation(api: &Api, operation: &Operation, shape: &Shape) -> (TokenStream, TokenStream) {
    let method_name = ident(&operation.method_name);
    let builder = ident(&operation.builder_name);
    let required: Vec<&Param> = operation.params.iter().filter(|p| p.required).collect();
    let optional: Vec<&Param> = operation.params.iter().filter(|p| !p.required).collect();
    let body_required = operation.body.as_ref().is_some_and(|b| b.required);

    // The method: required inputs as arguments, the rest through the builder.
    let mut arguments = Vec::new();
    let mut initialisers = Vec::new();
    let mut fields = Vec::new();
    for param in &required {
        let name = ident(&param.rust_name);
        let (arg_ty, into) = argument_type(api, &param.ty);
        let field_ty = rust_type(api, &param.ty);
        arguments.push(quote!(#name: #arg_ty));
        initialisers.push(if into {
            quote!(#name: #name.into())
        } else {
            quote!(#name)
        });
        fields.push(quote!(#name: #field_ty));
    }
    if let Some(body) = &operation.body {
        let ty = rust_type(api, &body.ty);
        if body_required {
            arguments.push(quote!(body: #ty));
            initialisers.push(quote!(body));
            fields.push(quote!(body: #ty));
        } else {
            initialisers.push(quote!(body: None));
            fields.push(quote!(body: Option<#ty>));
        }
    }
    for param in &optional {
        let name = ident(&param.rust_name);
        let ty = rust_type(api, &param.ty);
        initialisers.push(quote!(#name: None));
        fields.push(quote!(#name: Option<#ty>));
    }

    let setters = optional.iter().map(|param| {
        let name = ident(&param.rust_name);
        let (arg_ty, into) = argument_type(api, &param.ty);
        let value = if into {
            quote!(value.into())
        } else {
            quote!(value)
        };
        let docs = doc(Some(&param_doc(param)));
        quote! {
            #docs
            pub fn #name(mut self, value: #arg_ty) -> Self {
                self.#name = Some(#value);
                self
            }
        }
    });
    let body_setter = operation.body.as_ref().filter(|b| !b.required).map(|body| {
        let ty = rust_type(api, &body.ty);
        let docs = doc(Some(
            body.doc
                .as_deref()
                .unwrap_or("The request body (optional)."),
        ));
        quote! {
            #docs
            pub fn body(mut self, value: #ty) -> Self {
                self.body = Some(value);
                self
            }
        }
    });

    let path_steps = operation.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(request.path(#text);),
        PathPart::Param(index) => operation
            .params
            .get(*index)
            .map(param_step)
            .unwrap_or_default(),
    });
    let param_steps = operation
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(param_step);
    let body_step = operation.body.as_ref().map(|body| {
        if body.required {
            quote!(request.json(&self.body);)
        } else {
            quote!(if let Some(body) = &self.body {
                request.json(body);
            })
        }
    });

    let id = &operation.id;
    let http_method = ident(operation.method.as_str());
    let security = operation
        .security
        .iter()
        .map(|alternative| quote!(&[ #(#alternative),* ]));
    let Shape {
        success,
        error,
        arms,
    } = shape;
    let output = quote!(Result<#success, runtime::Error<#error>>);
    let decode = match &operation.token_exchange {
        Some(exchange) => {
            let scheme = &exchange.scheme;
            let field = ident(&exchange.token_field);
            quote! {
                let result: #output = { #arms };
                if let Ok(answer) = &result {
                    // The operation yields the credential of a scheme: every later call of this client uses it.
                    self.client.core.credentials().set(#scheme, runtime::token(answer.#field.clone()));
                }
                result
            }
        }
        None => quote!(#arms),
    };

    let method_doc = doc(Some(&method_doc(api, operation)));
    let deprecated = operation
        .deprecated
        .then(|| quote!(#[deprecated = "deprecated by the spec"]));
    let builder_doc = doc(Some(&format!(
        "Request builder for [`Client::{}`]: set optional inputs, then `.send().await` or `.await` it.",
        operation.method_name.trim_start_matches("r#")
    )));
    let method = quote! {
        #method_doc
        #deprecated
        pub fn #method_name(&self, #(#arguments),*) -> #builder<'_> {
            #builder { client: self, #(#initialisers),* }
        }
    };
    let builder_item = quote! {
        #builder_doc
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields),*
        }

        impl #builder<'_> {
            #(#setters)*
            #body_setter

            /// Sends the request and decodes the answer.
            pub async fn send(self) -> #output {
                const OPERATION: runtime::OperationInfo =
                    runtime::OperationInfo { id: #id, security: &[ #(#security),* ] };
                let mut request = runtime::Request::new(::reqwest::Method::#http_method);
                #(#path_steps)*
                #(#param_steps)*
                #body_step
                let response = self.client.core.execute(request, &OPERATION).await?;
                #decode
            }
        }

        impl<'a> ::std::future::IntoFuture for #builder<'a> {
            type Output = #output;
            type IntoFuture = ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
    (method, builder_item)
}

fn param_doc(param: &Param) -> String {
    let place = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let mut text = format!("`{}` ({place} parameter).", param.wire_name);
    if let Some(description) = &param.doc {
        text.push_str("\n\n");
        text.push_str(description);
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
            let status = match r.status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(class) => format!("{class}XX"),
                StatusMatch::Default => "default".to_owned(),
            };
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
