//! Lowers a parsed document into the IR: the only stage that reads `openapiv3` types.

mod behaviour;
mod bodies;
mod operation_items;
mod operations;
mod outputs;
mod params;
mod recursion;
mod refs;
mod schemas;
mod security;
#[cfg(test)]
mod tests;

use crate::diagnostics::Diagnostic;
use crate::ir::{Api, Envelope, Server, ServerVariable};
use crate::load::Document;
use crate::names::{BUILDER_METHODS, CLIENT_METHODS, Scope, value_name};
use schemas::SchemaLowerer;

/// Choices the user makes about the types of the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Every `type: number` without a `format` becomes `rust_decimal::Decimal`.
    pub decimal_numbers: bool,
}

/// Lowers a document; problems come back with it (errors mean the API must not be emitted).
pub fn lower(document: &Document, options: Options) -> (Api, Vec<Diagnostic>) {
    let openapi = &document.openapi;
    let mut diagnostics = Vec::new();
    let mut schemas = SchemaLowerer::new(openapi.components.as_ref().map(|c| &c.schemas));
    schemas.decimal_numbers = options.decimal_numbers;
    schemas.define_components();
    schemas.check_alias_cycles();
    let extension = |name: &str| openapi.extensions.get(name);
    let mut envelope = envelope(extension("x-specgen-envelope"), &schemas, &mut diagnostics);
    let retryable = behaviour::retryable_codes(
        extension("x-specgen-retryable-codes"),
        envelope.as_ref(),
        &mut diagnostics,
    );
    if let Some(envelope) = &mut envelope {
        envelope.retryable_codes = retryable;
    }
    // One namespace per generated impl: builder setters, then client methods (credential setters first).
    let mut builder_methods = Scope::with_reserved(BUILDER_METHODS);
    let mut client_methods = Scope::with_reserved(CLIENT_METHODS);
    let servers = servers(openapi, &mut builder_methods);
    let security_schemes = security::lower_schemes(
        openapi,
        &mut builder_methods,
        &mut client_methods,
        &mut diagnostics,
    );
    let mut operations = operations::lower_operations(
        openapi,
        &mut schemas,
        envelope.as_ref(),
        &mut client_methods,
        &mut diagnostics,
    );
    outputs::decide_outputs(&mut operations, envelope.as_ref(), &mut diagnostics);
    behaviour::resolve_polls(&mut operations, &mut diagnostics);
    let universal_params = operation_items::universal_params(&operations);
    operation_items::name_operation_items(&mut operations, envelope.is_some(), &universal_params);
    diagnostics.append(&mut schemas.diagnostics);
    recursion::place_boxes(&mut schemas.types);
    let api = Api {
        title: openapi.info.title.clone(),
        version: openapi.info.version.clone(),
        description: openapi.info.description.clone(),
        servers,
        types: schemas.types,
        operations,
        security_schemes,
        envelope,
        universal_params,
    };
    (api, diagnostics)
}

/// The servers; only the first (the default) gets builder setters for its variables.
fn servers(openapi: &openapiv3::OpenAPI, builder_methods: &mut Scope) -> Vec<Server> {
    let mut unused = Scope::default();
    openapi
        .servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let scope = if index == 0 {
                &mut *builder_methods
            } else {
                &mut unused
            };
            Server {
                url: server.url.clone(),
                description: server.description.clone(),
                variables: server
                    .variables
                    .iter()
                    .flatten()
                    .map(|(name, variable)| ServerVariable {
                        name: name.clone(),
                        rust_name: scope.claim(&value_name(&format!("server {name}"))),
                        default: variable.default.clone(),
                        description: variable.description.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Reads `x-specgen-envelope` (`value`, from the document root).
fn envelope(
    value: Option<&serde_json::Value>,
    schemas: &SchemaLowerer<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Envelope> {
    let value = value?;
    let pointer = "/x-specgen-envelope";
    let text = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let (Some(content), Some(code), Some(message)) = (
        text("contentProperty"),
        text("errorCodeProperty"),
        text("errorMessageProperty"),
    ) else {
        diagnostics.push(
            Diagnostic::error(pointer, "x-specgen-envelope needs contentProperty, errorCodeProperty and errorMessageProperty")
                .with_hint("each names a property of the envelope object"),
        );
        return None;
    };
    let schema_name = |key: &str, diagnostics: &mut Vec<Diagnostic>| {
        let reference = text(key)?;
        match refs::component_name(&reference, "schemas") {
            Some(name) if schemas.by_component.contains_key(&name) => Some(name),
            _ => {
                diagnostics.push(Diagnostic::error(
                    format!("{pointer}/{key}"),
                    format!("{reference:?} is not a component schema of this document"),
                ));
                None
            }
        }
    };
    let error_codes = schema_name("errorCodes", diagnostics)
        .and_then(|name| schemas.by_component.get(&name).copied());
    // The runtime reads codes as text (`From<String>`): only a string enum or a string fits.
    let textual = |id: &crate::ir::TypeId| {
        matches!(
            schemas.types.get(id.0).map(|def| &def.kind),
            Some(
                crate::ir::TypeKind::StringEnum { .. }
                    | crate::ir::TypeKind::Alias(crate::ir::Type::String)
            )
        )
    };
    if error_codes.is_some_and(|id| !textual(&id)) {
        diagnostics.push(Diagnostic::error(
            format!("{pointer}/errorCodes"),
            "x-specgen-envelope: errorCodes must name a string enum (or a string) schema",
        ));
    }
    let error_codes = error_codes.filter(textual);
    let failure_schema = schema_name("failureSchema", diagnostics);
    Some(Envelope {
        content_property: content,
        error_code_property: code,
        error_message_property: message,
        error_codes,
        failure_schema,
        retryable_codes: Vec::new(),
    })
}
