//! Lowers an operation's parameters: path-level ones overridden by operation-level ones, each with its type
//! and how it is serialised (`style`, `explode`, `allowReserved`, or `content`), checked against what OpenAPI
//! defines for its location and the shape of its type.

use super::bodies::is_json;
use super::refs::{component_origin, resolve};
use super::schemas::{SchemaLowerer, SchemaRef};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::extensions as ext;
use crate::ir::{DeepArrays, Param, ParamLocation, ParamStyle, Type, TypeDef, TypeKind};
use crate::names::{Scope, value_name};
use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr};

/// Header parameters OpenAPI says to ignore: the client and its security schemes set these headers.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// Aliases followed at most this deep when classifying a type (cycles are cut before, this only bounds work).
const MAX_ALIAS_DEPTH: usize = 32;

/// Where an operation's parameters are declared.
pub struct Declared<'a> {
    /// The operation's JSON pointer (`/paths/~1users/get`).
    pub pointer: &'a str,
    /// Its `operationId` (or derived id), for naming inline types.
    pub id: &'a str,
    /// The path item's `parameters`.
    pub path_level: &'a [ReferenceOr<Parameter>],
    /// The operation's `parameters`.
    pub operation_level: &'a [ReferenceOr<Parameter>],
}

/// Path-level parameters overridden by operation-level ones; path parameters first, then spec order.
pub fn lower_params(
    openapi: &OpenAPI,
    declared: &Declared<'_>,
    schemas: &mut SchemaLowerer<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let components = openapi.components.as_ref().map(|c| &c.parameters);
    let mut merged: Vec<(String, String, &Parameter)> = Vec::new();
    let path_pointer = declared
        .pointer
        .rsplit_once('/')
        .map_or(declared.pointer, |(path, _)| path);
    let path_level = declared
        .path_level
        .iter()
        .enumerate()
        .map(|(i, p)| (p, format!("{path_pointer}/parameters/{i}")));
    let operation_level = declared
        .operation_level
        .iter()
        .enumerate()
        .map(|(i, p)| (p, format!("{}/parameters/{i}", declared.pointer)));
    for (parameter, pointer) in path_level.chain(operation_level) {
        match resolve(parameter, "parameters", components, &pointer) {
            Ok(resolved) => {
                let data = resolved.parameter_data_ref();
                let key = (data.name.clone(), location_of(resolved));
                merged.retain(|(_, _, p)| {
                    (p.parameter_data_ref().name.clone(), location_of(p)) != key
                });
                // A shared component parameter is lowered at its own place, so it has one type everywhere.
                let origin =
                    component_origin(parameter, "parameters").unwrap_or_else(|| pointer.clone());
                merged.push((pointer, origin, resolved));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    merged.sort_by_key(|(_, _, p)| location_of(p) != ParamLocation::Path);
    // Builder fields and setters share one namespace with the builder's own members.
    let mut scope = Scope::with_reserved(crate::names::REQUEST_BUILDER_MEMBERS);
    let mut params = Vec::new();
    for (pointer, origin, parameter) in merged {
        let data = parameter.parameter_data_ref();
        let location = location_of(parameter);
        // Nothing can be sent under an empty name: validation warned (or, in the path, refused).
        if data.name.trim().is_empty() {
            continue;
        }
        if location == ParamLocation::Header
            && IGNORED_HEADERS.contains(&data.name.to_ascii_lowercase().as_str())
        {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!(
                    "header parameter {:?} is ignored, as OpenAPI requires: the client sets it itself",
                    data.name
                ),
            ));
            continue;
        }
        let Some((ty, style)) = value(
            parameter,
            &pointer,
            &origin,
            declared.id,
            schemas,
            diagnostics,
        ) else {
            continue;
        };
        // OpenAPI: `explode` defaults to true for `form` and false for every other style.
        let explode = data.explode.unwrap_or(style == ParamStyle::Form);
        let allow_reserved = matches!(
            parameter,
            Parameter::Query {
                allow_reserved: true,
                ..
            }
        );
        let mut param = Param {
            wire_name: data.name.clone(),
            rust_name: String::new(),
            location,
            required: data.required || location == ParamLocation::Path,
            ty,
            doc: data.description.clone(),
            deprecated: data.deprecated.unwrap_or(false),
            style,
            explode,
            allow_reserved,
            deep_arrays: deep_arrays(&data.extensions),
        };
        if check_style(
            &mut param,
            "parameter",
            &schemas.types,
            &pointer,
            diagnostics,
        ) {
            param.rust_name = scope.claim(&value_name(&data.name));
            params.push(param);
        }
    }
    params
}

/// The parameter's type and style: its `schema` with its `style`, or its single `content` media type.
fn value(
    parameter: &Parameter,
    pointer: &str,
    origin: &str,
    id: &str,
    schemas: &mut SchemaLowerer<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Type, ParamStyle)> {
    let data = parameter.parameter_data_ref();
    let hint = format!("{id} {}", data.name);
    let content = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => {
            let ty = schemas.lower(SchemaRef::from(schema), &hint, &format!("{origin}/schema"));
            return Some((ty, declared_style(parameter)));
        }
        ParameterSchemaOrContent::Content(content) => content,
    };
    let mut entries = content.iter();
    let (Some((media, media_type)), None) = (entries.next(), entries.next()) else {
        diagnostics.push(Diagnostic::error(
            format!("{pointer}/content"),
            format!(
                "parameter {:?}: `content` must have exactly one media type, as OpenAPI requires",
                data.name
            ),
        ));
        return None;
    };
    let ty = match &media_type.schema {
        Some(schema) => schemas.lower(
            SchemaRef::from(schema),
            &hint,
            &format!("{origin}/content/{}/schema", pointer_token(media)),
        ),
        None => Type::Json,
    };
    if is_json(media) {
        return Some((ty, ParamStyle::Json));
    }
    diagnostics.push(Diagnostic::warning(
        format!("{pointer}/content"),
        format!(
            "parameter {:?}: media type {media:?} is not JSON; the value is written as if described by its schema",
            data.name
        ),
    ));
    Some((ty, declared_style(parameter)))
}

/// The `style` as written, or the location's default.
fn declared_style(parameter: &Parameter) -> ParamStyle {
    match parameter {
        Parameter::Path { style, .. } => match style {
            PathStyle::Simple => ParamStyle::Simple,
            PathStyle::Label => ParamStyle::Label,
            PathStyle::Matrix => ParamStyle::Matrix,
        },
        Parameter::Query { style, .. } => match style {
            QueryStyle::Form => ParamStyle::Form,
            QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
            QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
            QueryStyle::DeepObject => ParamStyle::DeepObject,
        },
        // The only styles OpenAPI defines there (the loader refuses any other).
        Parameter::Header { .. } => ParamStyle::Simple,
        Parameter::Cookie { .. } => ParamStyle::Form,
    }
}

/// What a value looks like to the style table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A string, number, boolean or string enum.
    Scalar,
    /// An array.
    Array,
    /// An object (a struct or a map).
    Object,
    /// Anything (`serde_json::Value`, untagged unions): checked when the request is built.
    Unknown,
}

fn class(types: &[TypeDef], ty: &Type) -> Class {
    let mut ty = ty;
    for _ in 0..MAX_ALIAS_DEPTH {
        match ty {
            Type::Array(_) => return Class::Array,
            Type::Map(_) => return Class::Object,
            Type::Json => return Class::Unknown,
            Type::Named(id) => match types.get(id.0).map(|def| &def.kind) {
                Some(TypeKind::Struct(_)) => return Class::Object,
                Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }) => {
                    return Class::Scalar;
                }
                Some(TypeKind::Tagged(_)) => return Class::Object,
                Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => ty = target,
                Some(TypeKind::Untagged(_)) | None => return Class::Unknown,
            },
            _ => return Class::Scalar,
        }
    }
    Class::Unknown
}

/// The classes of an array's items or an object's member values.
fn inner_classes(types: &[TypeDef], ty: &Type) -> Vec<Class> {
    let mut ty = ty;
    for _ in 0..MAX_ALIAS_DEPTH {
        match ty {
            Type::Array(item) | Type::Map(item) => return vec![class(types, item)],
            Type::Named(id) => match types.get(id.0).map(|def| &def.kind) {
                Some(TypeKind::Struct(fields)) => {
                    return fields.iter().map(|f| class(types, &f.ty)).collect();
                }
                Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => ty = target,
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// `x-specgen-deep-arrays` (on a parameter or an encoding entry): how `deepObject` writes arrays. A value
/// that does not fit was reported by validation; absent, the default applies.
pub fn deep_arrays(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> DeepArrays {
    match ext::DEEP_ARRAYS.read(extensions) {
        Some(ext::DeepArrays::Brackets) => DeepArrays::Brackets,
        Some(ext::DeepArrays::Repeated) => DeepArrays::Repeated,
        Some(ext::DeepArrays::Indexed) | None => DeepArrays::Indexed,
    }
}

/// Checks the style against the value's shape; adjusts documented fallbacks. False drops the parameter
/// (an error was reported). `what` names it in messages ("parameter", "form property").
pub fn check_style(
    param: &mut Param,
    what: &str,
    types: &[TypeDef],
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let name = &param.wire_name;
    let shape = class(types, &param.ty);
    let inner = inner_classes(types, &param.ty);
    let style = style_name(param.style);
    match param.style {
        ParamStyle::Json if param.location == ParamLocation::Cookie => {
            diagnostics.push(
                Diagnostic::error(
                    pointer,
                    format!("cookie parameter {name:?}: JSON text cannot travel in a cookie (quotes are not cookie characters)"),
                )
                .with_hint("describe the cookie with a `schema` instead of `content`"),
            );
            return false;
        }
        ParamStyle::Json => return true,
        ParamStyle::DeepObject if shape == Class::Scalar => {
            diagnostics.push(
                Diagnostic::warning(
                    pointer,
                    format!("{what} {name:?}: style deepObject applies to objects and arrays; it is sent in style form"),
                )
                .with_hint("use style form"),
            );
            param.style = ParamStyle::Form;
        }
        // Objects at any depth, arrays as `x-specgen-deep-arrays` says (`name[0]=a` by default), and the
        // scalar form of a union as `name=value`: deepObject can write every value.
        ParamStyle::DeepObject => return true,
        ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited if param.explode => {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!("{what} {name:?}: style {style} with explode: true is not defined by OpenAPI; it is sent like form with explode (the name repeated)"),
            ));
            param.style = ParamStyle::Form;
        }
        ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited if shape == Class::Scalar => {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!("{what} {name:?}: style {style} applies to arrays and objects; a single value is sent as name=value"),
            ));
        }
        _ => {}
    }
    if matches!(shape, Class::Array | Class::Object)
        && inner
            .iter()
            .any(|c| matches!(c, Class::Array | Class::Object))
    {
        // Lossy but usable: flat values still go out; only a value that really nests is refused at call time.
        diagnostics.push(
            Diagnostic::warning(
                pointer,
                format!("{what} {name:?}: style {style} cannot write arrays or objects nested in an array or object; a value holding one is refused when the request is built (InvalidRequest)"),
            )
            .with_hint(if what == "parameter" {
                "describe the parameter with `content: application/json` to send it as JSON text"
            } else {
                "give it `style: deepObject`, or no style to send it as JSON text"
            }),
        );
        return true;
    }
    if param.location == ParamLocation::Cookie
        && param.explode
        && matches!(shape, Class::Array | Class::Object)
    {
        diagnostics.push(Diagnostic::warning(
            pointer,
            format!("cookie parameter {name:?}: form with explode is not well defined for cookies; each item (or member) is sent as a cookie of its own"),
        ).with_hint("set `explode: false` to send one comma-separated cookie"));
    }
    true
}

fn style_name(style: ParamStyle) -> &'static str {
    match style {
        ParamStyle::Simple => "simple",
        ParamStyle::Label => "label",
        ParamStyle::Matrix => "matrix",
        ParamStyle::Form => "form",
        ParamStyle::SpaceDelimited => "spaceDelimited",
        ParamStyle::PipeDelimited => "pipeDelimited",
        ParamStyle::DeepObject => "deepObject",
        ParamStyle::Json => "JSON content",
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
