//! Lowers a parsed document into the IR: the only stage that reads `openapiv3` types.

mod behaviour;
mod bodies;
mod features;
mod operation_items;
mod operations;
mod outputs;
mod params;
mod recursion;
mod refs;
mod schemas;
mod security;
mod shared;
#[cfg(test)]
mod tests;

use crate::diagnostics::Diagnostic;
use crate::extensions as ext;
use crate::ir::{Api, Envelope, Server, ServerVariable};
use crate::load::Document;
use crate::names::{BUILDER_METHODS, CLIENT_METHODS, Scope, value_name};
use schemas::SchemaLowerer;

/// Choices the user makes about the types of the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Every `type: number` without a `format` becomes `rust_decimal::Decimal`.
    pub decimal_numbers: bool,
    /// One cargo feature per tag gates the operations and the types they reach (see `features`).
    pub features_by_tag: bool,
}

/// Lowers a document; problems come back with it (errors mean the API must not be emitted).
///
/// The document's paths are moved out of it and given back one path item at a time, as soon as its
/// operations are lowered: they are a third of the typed document, nothing reads a path item twice, and
/// the IR grows while they shrink (GitHub's peak memory falls by about their size). Its component examples
/// are made text before anything else (see `operations::example_texts`). What is left of the document
/// (components, security, info) is only read.
pub fn lower(document: &mut Document, options: Options) -> (Api, Vec<Diagnostic>) {
    let paths = std::mem::take(&mut document.openapi.paths);
    let examples = document
        .openapi
        .components
        .as_mut()
        .map(|c| operations::example_texts(std::mem::take(&mut c.examples)))
        .unwrap_or_default();
    let openapi = &document.openapi;
    let mut diagnostics = Vec::new();
    let mut schemas = SchemaLowerer::new(openapi.components.as_ref().map(|c| &c.schemas));
    schemas.decimal_numbers = options.decimal_numbers;
    schemas.define_components();
    schemas.check_alias_cycles();
    let mut envelope = envelope(
        ext::ENVELOPE.read(&openapi.extensions),
        &schemas,
        &mut diagnostics,
    );
    let retryable = behaviour::retryable_codes(
        ext::RETRYABLE_CODES.read(&openapi.extensions),
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
        paths,
        &examples,
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
    let components = schemas.by_component.values().copied().collect();
    shared::share_identical_types(&mut schemas.types, &components);
    recursion::place_boxes(&mut schemas.types);
    let mut api = Api {
        title: openapi.info.title.clone(),
        version: openapi.info.version.clone(),
        description: openapi.info.description.clone(),
        servers,
        types: schemas.types,
        operations,
        security_schemes,
        envelope,
        universal_params,
        gating: Default::default(),
    };
    if options.features_by_tag {
        features::decide(&mut api);
    }
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

/// Lowers `x-specgen-envelope` (from the document root): its schema references must name component
/// schemas, and its codes' schema must be text.
fn envelope(
    value: Option<ext::Envelope>,
    schemas: &SchemaLowerer<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Envelope> {
    let value = value?;
    let pointer = "/x-specgen-envelope";
    let schema_name = |key: &str, reference: &Option<String>, diagnostics: &mut Vec<Diagnostic>| {
        let reference = reference.as_ref()?;
        match refs::component_name(reference, "schemas") {
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
    let error_codes = schema_name("errorCodes", &value.error_codes, diagnostics)
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
    let failure_schema = schema_name("failureSchema", &value.failure_schema, diagnostics);
    Some(Envelope {
        content_property: value.content_property,
        error_code_property: value.error_code_property,
        error_message_property: value.error_message_property,
        error_codes,
        failure_schema,
        retryable_codes: Vec::new(),
    })
}
