//! Lowers paths and operations: parameters, bodies, responses, security and operation extensions.

use super::refs::resolve;
use super::schemas::{SchemaLowerer, SchemaRef};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::ir::{
    Envelope, Method, Operation, Param, ParamLocation, PathPart, RequestBody, Response,
    StatusMatch, TokenExchange, Type,
};
use crate::names::{Scope, value_name};
use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, StatusCode};

/// Lowers every operation of the document, in path order then method order.
pub fn lower_operations(
    openapi: &OpenAPI,
    schemas: &mut SchemaLowerer<'_>,
    envelope: Option<&Envelope>,
    method_names: &mut Scope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let mut operations = Vec::new();
    let mut seen_ids = std::collections::BTreeMap::new();
    for (path, item) in &openapi.paths.paths {
        let path_pointer = format!("/paths/{}", pointer_token(path));
        let item = match item {
            ReferenceOr::Item(item) => item,
            // The loader copies every referenced path item in place (see `bundle`); one left here was not
            // followed, which is a loader bug rather than a spec problem, but still not a panic.
            ReferenceOr::Reference { reference } => {
                diagnostics.push(Diagnostic::error(
                    path_pointer,
                    format!("path item $ref {reference:?} was not followed"),
                ));
                continue;
            }
        };
        let methods = [
            (Method::Get, &item.get),
            (Method::Put, &item.put),
            (Method::Post, &item.post),
            (Method::Delete, &item.delete),
            (Method::Options, &item.options),
            (Method::Head, &item.head),
            (Method::Patch, &item.patch),
            (Method::Trace, &item.trace),
        ];
        for (method, operation) in methods {
            let Some(operation) = operation else { continue };
            let pointer = format!("{path_pointer}/{}", method.as_str().to_ascii_lowercase());
            let id = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{} {path}", method.as_str().to_ascii_lowercase()));
            if let Some(first) = seen_ids.insert(id.clone(), pointer.clone()) {
                diagnostics.push(
                    Diagnostic::error(
                        format!("{pointer}/operationId"),
                        format!("duplicate operationId {id:?}"),
                    )
                    .with_hint(format!("it is also used at {first}")),
                );
                continue;
            }
            let context = OperationContext {
                openapi,
                pointer: &pointer,
                id: &id,
                envelope,
            };
            let lowered = context.lower(
                method,
                path,
                &item.parameters,
                operation,
                schemas,
                diagnostics,
            );
            if let Some(mut lowered) = lowered {
                lowered.method_name = method_names.claim(&value_name(&id));
                lowered.builder_name = schemas.claim_name(&format!("{id} Builder"));
                operations.push(lowered);
            }
        }
    }
    operations
}

struct OperationContext<'a> {
    openapi: &'a OpenAPI,
    pointer: &'a str,
    id: &'a str,
    envelope: Option<&'a Envelope>,
}

impl OperationContext<'_> {
    fn lower(
        &self,
        method: Method,
        path: &str,
        path_params: &[ReferenceOr<Parameter>],
        operation: &openapiv3::Operation,
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Operation> {
        let errors_before = diagnostics.len();
        let params = self.params(path_params, &operation.parameters, schemas, diagnostics);
        let path_parts = self.path_parts(path, &params, diagnostics);
        let body = self.body(operation, schemas, diagnostics);
        let responses = self.responses(operation, schemas, diagnostics);
        let security = operation
            .security
            .as_ref()
            .or(self.openapi.security.as_ref())
            .map(|requirements| {
                requirements
                    .iter()
                    .map(|r| r.keys().cloned().collect())
                    .collect()
            })
            .unwrap_or_default();
        let token_exchange = self.token_exchange(operation, &responses, schemas, diagnostics);
        let error_codes = match operation.extensions.get("x-specgen-error-codes") {
            Some(serde_json::Value::Array(codes)) => codes
                .iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        let doc = match (&operation.summary, &operation.description) {
            (Some(summary), Some(description)) => Some(format!("{summary}\n\n{description}")),
            (Some(text), None) | (None, Some(text)) => Some(text.clone()),
            (None, None) => None,
        };
        if diagnostics[errors_before..]
            .iter()
            .any(|d| d.severity == crate::diagnostics::Severity::Error)
        {
            return None;
        }
        Some(Operation {
            id: self.id.to_owned(),
            method_name: String::new(),
            builder_name: String::new(),
            method,
            path: path.to_owned(),
            path_parts,
            doc,
            deprecated: operation.deprecated,
            params,
            body,
            responses,
            security,
            token_exchange,
            error_codes,
        })
    }

    /// Path-level parameters overridden by operation-level ones; path parameters first.
    fn params(
        &self,
        path_level: &[ReferenceOr<Parameter>],
        operation_level: &[ReferenceOr<Parameter>],
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Param> {
        let components = self.openapi.components.as_ref().map(|c| &c.parameters);
        let mut merged: Vec<(String, String, &Parameter)> = Vec::new();
        let path_pointer = self
            .pointer
            .rsplit_once('/')
            .map_or(self.pointer, |(path, _)| path);
        let path_level = path_level
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{path_pointer}/parameters/{i}")));
        let operation_level = operation_level
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{}/parameters/{i}", self.pointer)));
        for (parameter, pointer) in path_level.chain(operation_level) {
            match resolve(parameter, "parameters", components, &pointer) {
                Ok(resolved) => {
                    let data = resolved.parameter_data_ref();
                    let key = (data.name.clone(), location_of(resolved));
                    merged.retain(|(_, _, p)| {
                        (p.parameter_data_ref().name.clone(), location_of(p)) != key
                    });
                    // A shared component parameter is lowered at its own place, so it has one type everywhere.
                    let origin = component_origin(parameter, "parameters")
                        .unwrap_or_else(|| pointer.clone());
                    merged.push((pointer, origin, resolved));
                }
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        merged.sort_by_key(|(_, _, p)| location_of(p) != ParamLocation::Path);
        // Builder fields and setters share one namespace with the builder's own members.
        let mut scope = Scope::with_reserved(&["client", "body", "send", "into_future"]);
        let mut params = Vec::new();
        for (pointer, origin, parameter) in merged {
            let data = parameter.parameter_data_ref();
            let location = location_of(parameter);
            let hint = format!("{} {}", self.id, data.name);
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    schemas.lower(SchemaRef::from(schema), &hint, &format!("{origin}/schema"))
                }
                ParameterSchemaOrContent::Content(_) => {
                    diagnostics.push(Diagnostic::warning(
                        format!("{pointer}/content"),
                        "parameters described by `content` are sent as JSON text (serde_json::Value)",
                    ));
                    Type::Json
                }
            };
            params.push(Param {
                wire_name: data.name.clone(),
                rust_name: scope.claim(&value_name(&data.name)),
                location,
                required: data.required || location == ParamLocation::Path,
                ty,
                doc: data.description.clone(),
                deprecated: data.deprecated.unwrap_or(false),
            });
        }
        params
    }

    /// Splits the path template, checking it against the declared path parameters.
    fn path_parts(
        &self,
        path: &str,
        params: &[Param],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<PathPart> {
        let mut parts = Vec::new();
        let mut rest = path;
        let mut used = Vec::new();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                break;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            match params.iter().position(|p| p.location == ParamLocation::Path && p.wire_name == name) {
                Some(index) => {
                    parts.push(PathPart::Param(index));
                    used.push(index);
                }
                None => diagnostics.push(
                    Diagnostic::error(self.pointer, format!("the path template names {{{name}}}, which is not a declared path parameter"))
                        .with_hint("declare it under parameters with `in: path` and `required: true`"),
                ),
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        for (index, param) in params.iter().enumerate() {
            if param.location == ParamLocation::Path && !used.contains(&index) {
                diagnostics.push(Diagnostic::error(
                    format!("{}/parameters", self.pointer),
                    format!(
                        "path parameter {:?} does not appear in the path template",
                        param.wire_name
                    ),
                ));
            }
        }
        parts
    }

    fn body(
        &self,
        operation: &openapiv3::Operation,
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<RequestBody> {
        let pointer = format!("{}/requestBody", self.pointer);
        let components = self.openapi.components.as_ref().map(|c| &c.request_bodies);
        let body = match resolve(
            operation.request_body.as_ref()?,
            "requestBodies",
            components,
            &pointer,
        ) {
            Ok(body) => body,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                return None;
            }
        };
        let Some((media, content)) = body.content.iter().find(|(media, _)| is_json(media)) else {
            let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            diagnostics.push(Diagnostic::error(
                format!("{pointer}/content"),
                format!(
                    "request bodies of media type {types:?} are not supported yet; only JSON is"
                ),
            ));
            return None;
        };
        let ty = match &content.schema {
            Some(schema) => schemas.lower(
                SchemaRef::from(schema),
                &format!("{} Body", self.id),
                &format!("{pointer}/content/{}/schema", pointer_token(media)),
            ),
            None => Type::Json,
        };
        Some(RequestBody {
            ty,
            required: body.required,
            doc: body.description.clone(),
        })
    }

    fn responses(
        &self,
        operation: &openapiv3::Operation,
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Response> {
        let components = self.openapi.components.as_ref().map(|c| &c.responses);
        let listed = operation.responses.responses.iter().map(|(status, r)| {
            let status = match status {
                StatusCode::Code(code) => StatusMatch::Code(*code),
                StatusCode::Range(class) => StatusMatch::Range(*class),
            };
            (status, r)
        });
        let all = listed.chain(
            operation
                .responses
                .default
                .as_ref()
                .map(|r| (StatusMatch::Default, r)),
        );
        let mut responses = Vec::new();
        for (status, response) in all {
            let key = match status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(class) => format!("{class}XX"),
                StatusMatch::Default => "default".to_owned(),
            };
            let pointer = format!("{}/responses/{key}", self.pointer);
            let response = match resolve(response, "responses", components, &pointer) {
                Ok(response) => response,
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    continue;
                }
            };
            let json = response.content.iter().find(|(media, _)| is_json(media));
            if json.is_none() && !response.content.is_empty() {
                diagnostics.push(Diagnostic::warning(
                    format!("{pointer}/content"),
                    "non-JSON response bodies are not decoded; the raw body stays available on the error or response",
                ));
            }
            let body = json.map(|(media, content)| {
                let schema_pointer = format!("{pointer}/content/{}/schema", pointer_token(media));
                match &content.schema {
                    Some(schema) => self.response_type(
                        SchemaRef::from(schema),
                        status,
                        &key,
                        &schema_pointer,
                        schemas,
                        diagnostics,
                    ),
                    None => Type::Json,
                }
            });
            responses.push(Response {
                status,
                body,
                doc: response.description.clone(),
            });
        }
        // A spec that documents no success but a `default` means "any answer looks like this": the default
        // then also describes the successes (petstore's logoutUser, for one).
        if !responses.iter().any(|r| r.status.is_success()) {
            if let Some(default) = responses.iter().find(|r| r.status == StatusMatch::Default) {
                let success = Response {
                    status: StatusMatch::Range(2),
                    ..default.clone()
                };
                responses.push(success);
            }
        }
        responses.sort_by_key(|r| r.status);
        responses
    }

    /// The type of a response body; for enveloped APIs, the type of the success content.
    fn response_type(
        &self,
        schema: SchemaRef<'_>,
        status: StatusMatch,
        key: &str,
        pointer: &str,
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Type {
        let hint = format!("{} Response {key}", self.id);
        let Some(envelope) = self.envelope else {
            return schemas.lower(schema, &hint, pointer);
        };
        // An enveloped body: its success alternative (the one that is not the failure schema) holds the content.
        let failure = envelope
            .failure_schema
            .as_deref()
            .map(|name| format!("#/components/schemas/{name}"));
        let alternatives: Vec<SchemaRef<'_>> = match schemas.resolve(schema).map(|s| &s.schema_kind) {
            Some(openapiv3::SchemaKind::OneOf { one_of: list }) | Some(openapiv3::SchemaKind::AnyOf { any_of: list }) => list
                .iter()
                .filter(|a| !matches!(a, ReferenceOr::Reference { reference } if Some(reference) == failure.as_ref()))
                .map(SchemaRef::from)
                .collect(),
            _ => vec![schema],
        };
        let content = match alternatives.as_slice() {
            [single] => schemas
                .property(*single, &envelope.content_property)
                .map(|(s, _)| s),
            _ => None,
        };
        match content {
            Some(content) => schemas.lower(content, &hint, pointer),
            None if !status.is_success() => Type::Json,
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        pointer,
                        format!(
                            "x-specgen-envelope: the success body has no single object alternative with a {:?} property",
                            envelope.content_property
                        ),
                    )
                    .with_hint("make the schema an object with the content property, or oneOf it and the failure schema"),
                );
                Type::Json
            }
        }
    }

    fn token_exchange(
        &self,
        operation: &openapiv3::Operation,
        responses: &[Response],
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<TokenExchange> {
        let value = operation.extensions.get("x-specgen-token-exchange")?;
        let pointer = format!("{}/x-specgen-token-exchange", self.pointer);
        let text = |key: &str| {
            value
                .get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let (Some(scheme), Some(property)) = (text("scheme"), text("tokenProperty")) else {
            diagnostics.push(Diagnostic::error(
                pointer,
                "x-specgen-token-exchange needs `scheme` and `tokenProperty` strings",
            ));
            return None;
        };
        if responses
            .iter()
            .any(|r| r.status.is_success() && r.body.is_none())
        {
            diagnostics.push(Diagnostic::error(
                pointer,
                "x-specgen-token-exchange: every success response must carry the token in its body",
            ));
            return None;
        }
        let success = responses
            .iter()
            .find(|r| r.status.is_success())
            .and_then(|r| r.body.clone());
        let fields = match success {
            Some(Type::Named(id)) => match schemas.types.get_mut(id.0).map(|def| &mut def.kind) {
                Some(crate::ir::TypeKind::Struct(fields)) => Some(fields),
                _ => None,
            },
            _ => None,
        };
        match fields.and_then(|fields| fields.iter_mut().find(|f| f.wire_name == property)) {
            Some(field) if field.ty == Type::String && !field.is_option() => {
                // The property is a credential: its type must never print it.
                field.sensitive = true;
                Some(TokenExchange {
                    scheme,
                    token_field: field.rust_name.clone(),
                    lifetime_seconds: value
                        .get("lifetimeSeconds")
                        .and_then(serde_json::Value::as_u64),
                })
            }
            _ => {
                diagnostics.push(Diagnostic::error(
                    pointer,
                    format!("x-specgen-token-exchange: the success body has no required string property {property:?}"),
                ));
                None
            }
        }
    }
}

/// The pointer of the component a reference names, when it is a local component reference.
fn component_origin<T>(item: &ReferenceOr<T>, kind: &str) -> Option<String> {
    match item {
        ReferenceOr::Reference { reference } => super::refs::component_name(reference, kind)
            .map(|name| super::refs::component_pointer(kind, &name)),
        ReferenceOr::Item(_) => None,
    }
}

fn location_of(parameter: &Parameter) -> ParamLocation {
    match parameter {
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// `application/json` and every `+json` media type.
pub fn is_json(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}
