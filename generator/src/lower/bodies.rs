//! Lowers request and response bodies by media type: JSON, form-urlencoded, multipart (files and fields),
//! text and raw bytes; an operation that takes several media types gets an enum with a variant per type.

use super::schemas::{SchemaLowerer, SchemaRef};
use crate::diagnostics::{Diagnostic, pointer_token};
use crate::ir::{
    BodyEncoding, BodyMedia, BodyType, FormField, FormFieldKind, MultipartForm, RequestBody,
    ResponseBody, Type,
};
use crate::names::{Scope, type_name, value_name};
use openapiv3::{
    MediaType, ReferenceOr, Schema, SchemaKind, StringFormat, VariantOrUnknownOrEmpty,
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
        let schema_pointer = format!("{pointer}/content/{}/schema", pointer_token(media_type));
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
        media.push(BodyMedia {
            media_type: media_type.clone(),
            encoding,
            ty,
            variant: variants.claim(&variant),
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
            match schema.and_then(|s| multipart_form(s, hint, pointer, schemas)) {
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
        });
    }
    Some(MultipartForm { name, fields })
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
