//! Lowers paths and operations: bodies, responses, security and operation extensions (parameters: `params`).

use super::behaviour;
use super::bodies::{lower_request_body, pick_response_media};
use super::params::{Declared, lower_params};
use super::refs::{component_origin, resolve};
use super::schemas::{SchemaLowerer, SchemaRef};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::extensions as ext;
use crate::ir::{
    Envelope, HeaderField, Method, Operation, Param, ParamLocation, ParamStyle, PathPart,
    RequestBody, Response, ResponseBody, ResponseHeaders, StatusMatch, TokenExchange, Type,
};
use crate::names::{Scope, value_name};
use openapiv3::{OpenAPI, Parameter, ReferenceOr, StatusCode};

/// The component examples, as compact JSON text by name (see [`example_texts`]).
pub type ExampleTexts = std::collections::BTreeMap<String, String>;

/// The values of the document's component examples as compact JSON text: the mock's answers are all that
/// reads them (see `ir::Response::example`), and text takes a fraction of a typed value's memory (GitHub's
/// 535 examples: 6 MB typed). An example that is itself a `$ref`, or has no value, is left out, as a
/// media type's example that names it gives none.
pub fn example_texts(
    examples: indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
) -> ExampleTexts {
    examples
        .into_iter()
        .filter_map(|(name, example)| {
            let value = example.into_item()?.value?;
            Some((name, serde_json::to_string(&value).ok()?))
        })
        .collect()
}

/// Lowers every operation of the document's `paths` (moved out of `openapi`), in path order then method
/// order; each path item is dropped once its operations are lowered.
pub fn lower_operations(
    openapi: &OpenAPI,
    paths: openapiv3::Paths,
    examples: &ExampleTexts,
    schemas: &mut SchemaLowerer<'_>,
    envelope: Option<&Envelope>,
    method_names: &mut Scope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let mut operations = Vec::new();
    let mut seen_ids = std::collections::BTreeMap::new();
    for (path, item) in paths.paths {
        let path = path.as_str();
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
                examples,
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
                let name = operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| derived_name(method, path));
                lowered.method_name = method_names.claim(&value_name(&name));
                lowered.builder_name = schemas.claim_name(&format!("{name} Builder"));
                operations.push(lowered);
            }
        }
    }
    behaviour::check_polls(&mut operations, diagnostics);
    operations
}

struct OperationContext<'a> {
    openapi: &'a OpenAPI,
    examples: &'a ExampleTexts,
    pointer: &'a str,
    id: &'a str,
    envelope: Option<&'a Envelope>,
}

impl<'a> OperationContext<'a> {
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
        let declared = Declared {
            pointer: self.pointer,
            id: self.id,
            path_level: path_params,
            operation_level: &operation.parameters,
        };
        let mut params = lower_params(self.openapi, &declared, schemas, diagnostics);
        // Some specs write a query into the path template (`/uploads?convert={convert}`): the path is what
        // comes before `?`, and the query's placeholders become query parameters.
        let (path_only, query_template) = path.split_once('?').unwrap_or((path, ""));
        self.query_in_template(query_template, &mut params, diagnostics);
        let path_parts = self.path_parts(path_only, &params, diagnostics);
        let body = self.body(operation, schemas, diagnostics);
        let (mut responses, accept, successes) = self.responses(operation, schemas, diagnostics);
        let success_enum = success_variants(&mut responses, self.id, schemas);
        let response_headers = self.response_headers(&successes, schemas, diagnostics);
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
        let error_codes = ext::ERROR_CODES
            .read(&operation.extensions)
            .map(|ext::Codes(codes)| codes)
            .unwrap_or_default();
        let (idempotent, idempotency_key) =
            behaviour::idempotency(operation, method, self.pointer, diagnostics);
        let pagination = behaviour::pagination(
            operation,
            &params,
            &responses,
            &schemas.types,
            self.pointer,
            diagnostics,
        );
        let poll = behaviour::poll(operation);
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
            marker: String::new(),
            stub: crate::ir::StubNames::default(),
            output: crate::ir::Output {
                success: crate::ir::AnswerType::Unit,
                error: crate::ir::AnswerType::Never,
                decode: crate::ir::Decode::Always(crate::ir::Read::Unexpected),
            },
            method,
            path: path.to_owned(),
            path_parts,
            doc,
            deprecated: operation.deprecated,
            params,
            body,
            responses,
            success_enum,
            accept,
            response_headers,
            security,
            token_exchange,
            error_codes,
            idempotent,
            idempotency_key,
            pagination,
            poll,
            tags: operation.tags.clone(),
            gate: crate::ir::Gate::Always,
        })
    }

    /// Turns the `name={placeholder}` pairs of a query written into the path template into required string
    /// query parameters, unless the spec declares them; fixed pairs cannot be sent and are reported.
    fn query_in_template(
        &self,
        template: &str,
        params: &mut Vec<Param>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if template.is_empty() {
            return;
        }
        diagnostics.push(Diagnostic::warning(
            self.pointer,
            format!("the path template carries a query (?{template}); its placeholders are sent as query parameters"),
        ));
        let mut scope = Scope::with_reserved(crate::names::REQUEST_BUILDER_MEMBERS);
        for param in params.iter() {
            scope.claim(&param.rust_name);
        }
        for pair in template.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let declared = params
                .iter()
                .any(|p| p.location == ParamLocation::Query && p.wire_name == name);
            let placeholder = value.starts_with('{') && value.ends_with('}');
            if declared || name.is_empty() {
                continue;
            }
            if !placeholder {
                diagnostics.push(Diagnostic::warning(
                    self.pointer,
                    format!("the fixed query pair {pair:?} in the path template is not sent"),
                ));
                continue;
            }
            // A placeholder declared `in: path` is really a query parameter.
            let variable = &value[1..value.len() - 1];
            if let Some(param) = params
                .iter_mut()
                .find(|p| p.location == ParamLocation::Path && p.wire_name == variable)
            {
                param.location = ParamLocation::Query;
                param.wire_name = name.to_owned();
                param.style = ParamStyle::Form;
                param.explode = true;
                continue;
            }
            params.push(Param {
                wire_name: name.to_owned(),
                rust_name: scope.claim(&value_name(name)),
                location: ParamLocation::Query,
                required: true,
                ty: Type::String,
                doc: Some(format!("From the path template's query `{pair}`.")),
                deprecated: false,
                style: ParamStyle::Form,
                explode: true,
                allow_reserved: false,
                deep_arrays: crate::ir::DeepArrays::Indexed,
            });
        }
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
                diagnostics.push(
                    Diagnostic::error(
                        format!("{}/parameters", self.pointer),
                        format!(
                            "path parameter {:?} does not appear in the path template",
                            param.wire_name
                        ),
                    )
                    .with_hint(format!(
                        "write {{{}}} in the path, or declare the parameter in another location",
                        param.wire_name
                    )),
                );
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
        // A shared component body is lowered at its own place, so it has one type everywhere.
        let origin =
            component_origin(operation.request_body.as_ref()?, "requestBodies").unwrap_or(pointer);
        lower_request_body(body, self.id, &origin, schemas, diagnostics)
    }

    /// Lowers every documented response; also returns the `Accept` media types and the resolved success
    /// responses (with their pointers), whose headers are lowered next.
    fn responses<'o>(
        &self,
        operation: &'o openapiv3::Operation,
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<Response>, Vec<String>, SuccessResponses<'o>)
    where
        'a: 'o,
    {
        let components = self.openapi.components.as_ref().map(|c| &c.responses);
        let mut accept: Vec<String> = Vec::new();
        let mut successes = Vec::new();
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
            let key = status.key();
            let pointer = format!("{}/responses/{key}", self.pointer);
            let resolved = match resolve(response, "responses", components, &pointer) {
                Ok(resolved) => resolved,
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    continue;
                }
            };
            // A shared component response is lowered at its own place, so it has one type everywhere.
            let pointer = component_origin(response, "responses").unwrap_or(pointer);
            let response = resolved;
            if status.is_success() {
                successes.push((pointer.clone(), response));
            }
            let example = pick_response_media(&response.content)
                .filter(|(_, _, kind)| *kind == super::bodies::ResponseBodyKind::Json)
                .and_then(|(_, content, _)| self.media_example(content));
            let body = pick_response_media(&response.content).map(|(media, content, kind)| {
                if !accept.contains(media) {
                    accept.push(media.clone());
                }
                let schema_pointer = format!("{pointer}/content/{}/schema", pointer_token(media));
                kind.body(|| match &content.schema {
                    Some(schema) => self.response_type(
                        SchemaRef::from(schema),
                        status,
                        &key,
                        &schema_pointer,
                        schemas,
                        diagnostics,
                    ),
                    None => Type::Json,
                })
            });
            responses.push(Response {
                status,
                body,
                doc: response.description.clone(),
                variant: String::new(),
                example,
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
        // JSON first: it is what most operations answer with.
        accept.sort_by_key(|media| !super::bodies::is_json(media));
        (responses, accept, successes)
    }

    /// A media type's `example`, else the value of its first `examples` entry (a `$ref` to
    /// `components.examples` is followed once), as compact JSON text.
    fn media_example(&self, content: &openapiv3::MediaType) -> Option<String> {
        if let Some(example) = &content.example {
            return serde_json::to_string(example).ok();
        }
        match content.examples.values().next()? {
            ReferenceOr::Item(example) => serde_json::to_string(example.value.as_ref()?).ok(),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/examples/")?;
                self.examples.get(name).cloned()
            }
        }
    }

    /// The headers documented on success responses, merged by name (case-insensitively) into one type.
    fn response_headers(
        &self,
        successes: &SuccessResponses<'_>,
        schemas: &mut SchemaLowerer<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<ResponseHeaders> {
        let components = self.openapi.components.as_ref();
        let mut scope = Scope::default();
        let mut seen = Vec::new();
        let mut fields = Vec::new();
        for (pointer, response) in successes {
            for (name, header) in &response.headers {
                let lower = name.to_ascii_lowercase();
                // `Content-Type` is described by the media type; it is not a header to type. A header
                // with an empty name cannot be read (validation warned).
                if lower == "content-type" || seen.contains(&lower) || name.trim().is_empty() {
                    continue;
                }
                let header_pointer = format!("{pointer}/headers/{}", pointer_token(name));
                let origin =
                    component_origin(header, "headers").unwrap_or_else(|| header_pointer.clone());
                let header = match resolve(
                    header,
                    "headers",
                    components.map(|c| &c.headers),
                    &header_pointer,
                ) {
                    Ok(header) => header,
                    Err(diagnostic) => {
                        diagnostics.push(diagnostic);
                        continue;
                    }
                };
                let ty = match &header.format {
                    openapiv3::ParameterSchemaOrContent::Schema(schema) => schemas.lower(
                        SchemaRef::from(schema),
                        &format!("{} {name} Header", self.id),
                        &format!("{origin}/schema"),
                    ),
                    openapiv3::ParameterSchemaOrContent::Content(_) => Type::String,
                };
                seen.push(lower);
                fields.push(HeaderField {
                    wire_name: name.clone(),
                    rust_name: scope.claim(&value_name(name)),
                    ty,
                    doc: header.description.clone(),
                });
            }
        }
        if fields.is_empty() {
            return None;
        }
        Some(ResponseHeaders {
            name: schemas.claim_name(&format!("{} Headers", self.id)),
            fields,
        })
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
        let value = ext::TOKEN_EXCHANGE.read(&operation.extensions)?;
        let pointer = format!("{}/x-specgen-token-exchange", self.pointer);
        let property = value.token_property;
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
            Some(ResponseBody::Json(Type::Named(id))) => {
                match schemas.types.get_mut(id.0).map(|def| &mut def.kind) {
                    Some(crate::ir::TypeKind::Struct(fields)) => Some(fields),
                    _ => None,
                }
            }
            _ => None,
        };
        match fields.and_then(|fields| fields.iter_mut().find(|f| f.wire_name == property)) {
            Some(field) if field.ty == Type::String && !field.is_option() => {
                // The property is a credential: its type must never print it.
                field.sensitive = true;
                Some(TokenExchange {
                    scheme: value.scheme,
                    token_field: field.rust_name.clone(),
                    lifetime_seconds: value.lifetime_seconds,
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

/// Resolved success responses, each with the pointer it is lowered at.
type SuccessResponses<'o> = Vec<(String, &'o openapiv3::Response)>;

/// Names a variant per success response when the successes differ in type (an enum is then needed), and
/// returns the enum's name.
fn success_variants(
    responses: &mut [Response],
    operation_id: &str,
    schemas: &mut SchemaLowerer<'_>,
) -> Option<String> {
    let mut bodies: Vec<Option<&ResponseBody>> = responses
        .iter()
        .filter(|r| r.status.is_success())
        .map(|r| r.body.as_ref())
        .collect();
    bodies.sort();
    bodies.dedup();
    // One body type, optionally beside empty answers, is `T` or `Option<T>`: no enum needed.
    if bodies.iter().filter(|b| b.is_some()).count() < 2 {
        return None;
    }
    let mut scope = Scope::default();
    for response in responses.iter_mut().filter(|r| r.status.is_success()) {
        let name = match response.status {
            StatusMatch::Code(200) => "Ok".to_owned(),
            StatusMatch::Code(201) => "Created".to_owned(),
            StatusMatch::Code(202) => "Accepted".to_owned(),
            StatusMatch::Code(203) => "NonAuthoritative".to_owned(),
            StatusMatch::Code(204) => "NoContent".to_owned(),
            StatusMatch::Code(205) => "ResetContent".to_owned(),
            StatusMatch::Code(206) => "PartialContent".to_owned(),
            StatusMatch::Code(207) => "MultiStatus".to_owned(),
            StatusMatch::Code(code) => format!("Status{code}"),
            StatusMatch::Range(_) | StatusMatch::Default => "Success".to_owned(),
        };
        response.variant = scope.claim(&name);
    }
    Some(schemas.claim_name(&format!("{operation_id} Response")))
}

/// The words a Rust name is made of for an operation without `operationId`: `get /users/{id}` reads
/// `get users by id` (`get_users_by_id`, `GetUsersByIdBuilder`).
fn derived_name(method: Method, path: &str) -> String {
    let words = path.replace('{', " by ").replace('}', " ");
    format!("{} {words}", method.as_str().to_ascii_lowercase())
}
