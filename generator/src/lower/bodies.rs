//! Lowers request and response bodies by media type: JSON, form-urlencoded, multipart (files and fields),
//! text and raw bytes; an operation that takes several media types gets an enum with a variant per type.

use super::schemas::{SchemaLowerer, SchemaRef};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::ir::{
    BodyEncoding, BodyMedia, BodyType, Field, FormField, FormFieldKind, FormStyle, MultipartForm,
    Param, ParamLocation, ParamStyle, PartHeader, RequestBody, ResponseBody, Type, TypeDef,
    TypeKind,
};
use crate::names::{Scope, type_name, value_name};
use openapiv3::{
    MediaType, QueryStyle, ReferenceOr, Schema, SchemaKind, StringFormat, VariantOrUnknownOrEmpty,
};

/// The essence of a media type (`type/subtype`, lower case, without parameters).
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase()
}

/// `application/json`, every `+json` type, and `text/json`-style types.
pub fn is_json(media: &str) -> bool {
    let essence = essence(media);
    essence.ends_with("/json") || essence.ends_with("+json")
}

/// Whether a media type is text that reads well as a `String`.
fn is_text(media: &str) -> bool {
    let essence = essence(media);
    essence.starts_with("text/")
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/javascript"
                | "application/x-yaml"
                | "application/yaml"
                | "application/csv"
        )
}

/// How a request body of this media type is encoded.
pub fn encoding_of(media: &str) -> BodyEncoding {
    let essence = essence(media);
    if is_json(&essence) {
        BodyEncoding::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyEncoding::Form
    } else if essence.starts_with("multipart/") {
        BodyEncoding::Multipart
    } else {
        BodyEncoding::Raw
    }
}

/// The name of a media type's variant in a body enum.
fn media_variant(media: &str, encoding: BodyEncoding) -> String {
    let essence = essence(media);
    match (encoding, essence.as_str()) {
        (BodyEncoding::Json, "application/json") => "Json".to_owned(),
        (BodyEncoding::Form, _) => "Form".to_owned(),
        (BodyEncoding::Multipart, "multipart/form-data") => "Multipart".to_owned(),
        (_, "text/plain") => "Text".to_owned(),
        (_, "application/octet-stream") => "Bytes".to_owned(),
        (_, "application/xml" | "text/xml") => "Xml".to_owned(),
        _ => type_name(&essence.replace(['/', '+', '.', '*'], " ")),
    }
}

/// Lowers a request body's media types. `pointer` is the body's (`.../requestBody`) or its component's.
pub fn lower_request_body(
    body: &openapiv3::RequestBody,
    operation_id: &str,
    pointer: &str,
    schemas: &mut SchemaLowerer<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RequestBody> {
    if body.content.is_empty() {
        diagnostics.push(Diagnostic::warning(
            format!("{pointer}/content"),
            "the request body lists no media type; the operation is generated without a body",
        ));
        return None;
    }
    let several = body.content.len() > 1;
    let mut variants = Scope::default();
    let mut media = Vec::new();
    for (media_type, content) in &body.content {
        let encoding = encoding_of(media_type);
        let variant = media_variant(media_type, encoding);
        let hint = if several {
            format!("{operation_id} {variant} Body")
        } else {
            format!("{operation_id} Body")
        };
        let media_pointer = format!("{pointer}/content/{}", pointer_token(media_type));
        let schema_pointer = format!("{media_pointer}/schema");
        let ty = body_type(
            content,
            encoding,
            media_type,
            &hint,
            &schema_pointer,
            schemas,
        );
        // JSON types of one schema (`application/json`, `text/json`...) are interchangeable: keep the first.
        let duplicate = media.iter().any(|m: &BodyMedia| {
            m.encoding == BodyEncoding::Json && encoding == BodyEncoding::Json && m.ty == ty
        });
        if duplicate {
            continue;
        }
        let form_styles = match encoding {
            BodyEncoding::Form => form_styles(content, &ty, &media_pointer, schemas, diagnostics),
            _ => Vec::new(),
        };
        media.push(BodyMedia {
            media_type: media_type.clone(),
            encoding,
            ty,
            variant: variants.claim(&variant),
            form_styles,
        });
    }
    // Named only when still several once interchangeable JSON types are merged.
    let enum_name = (media.len() > 1).then(|| schemas.claim_name(&format!("{operation_id} Body")));
    Some(RequestBody {
        required: body.required,
        doc: body.description.clone(),
        media,
        enum_name,
    })
}

fn body_type(
    content: &MediaType,
    encoding: BodyEncoding,
    media_type: &str,
    hint: &str,
    pointer: &str,
    schemas: &mut SchemaLowerer<'_>,
) -> BodyType {
    let schema = content.schema.as_ref().map(SchemaRef::from);
    match encoding {
        BodyEncoding::Json | BodyEncoding::Form => match schema {
            Some(schema) => BodyType::Typed(schemas.lower(schema, hint, pointer)),
            None => BodyType::Typed(Type::Json),
        },
        BodyEncoding::Multipart => {
            match schema.and_then(|s| multipart_form(s, content, hint, pointer, schemas)) {
                Some(form) => BodyType::MultipartForm(form),
                None => BodyType::AnyMultipart,
            }
        }
        BodyEncoding::Raw if is_text(media_type) => BodyType::Text,
        BodyEncoding::Raw => BodyType::Bytes,
    }
}

/// The form type of a multipart body whose schema is an object with properties.
fn multipart_form(
    schema: SchemaRef<'_>,
    content: &MediaType,
    hint: &str,
    pointer: &str,
    schemas: &mut SchemaLowerer<'_>,
) -> Option<MultipartForm> {
    let resolved = schemas.resolve(schema)?;
    let (properties, required) = match &resolved.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(object)) => (&object.properties, &object.required),
        SchemaKind::Any(any) => (&any.properties, &any.required),
        _ => return None,
    };
    if properties.is_empty() {
        return None;
    }
    // Properties are lowered where they are written: inline ones under this body, referenced ones at home.
    let base = match schema {
        SchemaRef::Ref(reference) => super::refs::component_name(reference, "schemas")
            .map(|name| super::refs::component_pointer("schemas", &name))
            .unwrap_or_else(|| pointer.to_owned()),
        SchemaRef::Item(_) => pointer.to_owned(),
    };
    let name = schemas.claim_name(&format!("{} Form", hint.trim_end_matches(" Body")));
    let mut scope = Scope::with_reserved(&["write_parts"]);
    let mut fields = Vec::new();
    for (wire_name, property) in properties {
        let property_pointer = format!("{base}/properties/{}", pointer_token(wire_name));
        let property = SchemaRef::from(property);
        let resolved = schemas.resolve(property);
        let kind = if resolved.is_some_and(is_binary) {
            FormFieldKind::File
        } else if resolved.and_then(array_items).is_some_and(|items| {
            schemas
                .resolve(SchemaRef::from(items))
                .is_some_and(is_binary)
        }) {
            FormFieldKind::Files
        } else {
            FormFieldKind::Value(schemas.lower(
                property,
                &format!("{name} {wire_name}"),
                &property_pointer,
            ))
        };
        fields.push(FormField {
            rust_name: scope.claim(&value_name(wire_name)),
            wire_name: wire_name.clone(),
            required: required.iter().any(|r| r == wire_name),
            kind,
            doc: resolved.and_then(|s| s.schema_data.description.clone()),
            content_type: content
                .encoding
                .get(wire_name)
                .and_then(|e| e.content_type.clone()),
            headers: part_headers(content, wire_name, &mut scope),
        });
    }
    Some(MultipartForm { name, fields })
}

/// The properties of a form body whose `encoding` entry gives a `style` (or `explode`, `allowReserved`): they
/// are written like query parameters of that style, checked like them (a nesting the style cannot write is a
/// warning here, and the value is refused when the request is built). Entries without any of the three keep
/// OpenAPI's `contentType` rule (scalars as text, arrays repeated, objects as JSON), which needs no entry.
fn form_styles(
    content: &MediaType,
    ty: &BodyType,
    media_pointer: &str,
    schemas: &SchemaLowerer<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FormStyle> {
    let fields = match ty {
        BodyType::Typed(ty) => struct_fields(&schemas.types, ty),
        _ => None,
    };
    let mut styles = Vec::new();
    for (wire_name, encoding) in &content.encoding {
        let pointer = format!("{media_pointer}/encoding/{}", pointer_token(wire_name));
        let Some(field) = fields.and_then(|f| f.iter().find(|f| f.wire_name == *wire_name)) else {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!("the encoding of {wire_name:?} names no property of the body's schema; it is ignored"),
            ));
            continue;
        };
        if encoding.style.is_none() && !encoding.explode && !encoding.allow_reserved {
            continue;
        }
        let style = match encoding.style.as_ref().unwrap_or(&QueryStyle::Form) {
            QueryStyle::Form => ParamStyle::Form,
            QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
            QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
            QueryStyle::DeepObject => ParamStyle::DeepObject,
        };
        // The loader writes OpenAPI's default (`form` explodes) where the spec leaves `explode` out.
        let mut param = Param {
            wire_name: wire_name.clone(),
            rust_name: String::new(),
            location: ParamLocation::Query,
            required: field.required,
            ty: field.ty.clone(),
            doc: None,
            deprecated: false,
            style,
            explode: encoding.explode,
            allow_reserved: encoding.allow_reserved,
            deep_arrays: super::params::deep_arrays(&encoding.extensions),
        };
        if super::params::check_style(
            &mut param,
            "form property",
            &schemas.types,
            &pointer,
            diagnostics,
        ) {
            styles.push(FormStyle {
                wire_name: wire_name.clone(),
                style: param.style,
                explode: param.explode,
                allow_reserved: param.allow_reserved,
                deep_arrays: param.deep_arrays,
            });
        }
    }
    styles
}

/// The fields of a struct type (through aliases), if it is one.
fn struct_fields<'t>(types: &'t [TypeDef], ty: &Type) -> Option<&'t [Field]> {
    let mut ty = ty;
    for _ in 0..32 {
        match ty {
            Type::Named(id) => match &types.get(id.0)?.kind {
                TypeKind::Struct(fields) => return Some(fields),
                TypeKind::Alias(target) => ty = target,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}

/// The headers the `encoding` entry of a multipart part documents, each a field of the form type named after
/// the part and the header. `Content-Type` is left out, as OpenAPI says (it is `contentType`'s); a header given
/// by `$ref` is optional and undocumented here. A header with an empty name cannot be sent (validation warned).
fn part_headers(content: &MediaType, property: &str, scope: &mut Scope) -> Vec<PartHeader> {
    let Some(encoding) = content.encoding.get(property) else {
        return Vec::new();
    };
    encoding
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type") && !name.trim().is_empty())
        .map(|(name, header)| {
            let (required, doc) = match header {
                ReferenceOr::Item(header) => (header.required, header.description.clone()),
                ReferenceOr::Reference { .. } => (false, None),
            };
            PartHeader {
                wire_name: name.clone(),
                rust_name: scope.claim(&value_name(&format!("{property} {name}"))),
                required,
                doc,
            }
        })
        .collect()
}

/// `type: string` with `format: binary` (a file).
fn is_binary(schema: &Schema) -> bool {
    matches!(
        &schema.schema_kind,
        SchemaKind::Type(openapiv3::Type::String(string))
            if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    )
}

fn array_items(schema: &Schema) -> Option<&ReferenceOr<Box<Schema>>> {
    match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Array(array)) => array.items.as_ref(),
        _ => None,
    }
}

/// The media type a response is read as (JSON preferred, then text, then anything), and how.
pub fn pick_response_media(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&String, &MediaType, ResponseBodyKind)> {
    if let Some((media, content)) = content.iter().find(|(media, _)| is_json(media)) {
        return Some((media, content, ResponseBodyKind::Json));
    }
    if let Some((media, content)) = content.iter().find(|(media, _)| is_text(media)) {
        return Some((media, content, ResponseBodyKind::Text));
    }
    content
        .iter()
        .next()
        .map(|(media, content)| (media, content, ResponseBodyKind::Bytes))
}

/// How a picked response media type is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseBodyKind {
    /// Decoded from JSON.
    Json,
    /// Read as text.
    Text,
    /// Read as bytes.
    Bytes,
}

impl ResponseBodyKind {
    /// The IR body for this kind; JSON needs its lowered type.
    pub fn body(self, json: impl FnOnce() -> Type) -> ResponseBody {
        match self {
            ResponseBodyKind::Json => ResponseBody::Json(json()),
            ResponseBodyKind::Text => ResponseBody::Text,
            ResponseBodyKind::Bytes => ResponseBody::Bytes,
        }
    }
}
