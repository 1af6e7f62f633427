//! Request bodies of every media type: JSON, form-urlencoded, multipart (files and fields), text and bytes.
//! Each is encoded when the operation is built, except multipart, whose parts stay owned so that the body can
//! be sent again (reqwest's own form is single-use).

use super::params::{Style, Tree, form_body_pairs, raw_members, undefined_if_empty};
use super::request::Request;
use bytes::Bytes;

/// A body ready to send.
#[derive(Debug, Clone)]
pub enum Body {
    /// Encoded bytes with their `Content-Type`.
    Encoded {
        /// The media type, as the spec writes it.
        content_type: &'static str,
        /// The encoded body.
        bytes: Bytes,
    },
    /// A `multipart/form-data` body; reqwest adds the boundary to the `Content-Type`.
    Multipart(Multipart),
}

/// A file (or any binary part) of a multipart body.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part with these bytes, no file name and `application/octet-stream`.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's `Content-Type`.
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl<T: Into<Bytes>> From<T> for FilePart {
    fn from(bytes: T) -> Self {
        FilePart::new(bytes)
    }
}

impl std::fmt::Debug for FilePart {
    // Files can be large or private: show their size, never their content.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text, with the `Content-Type` the spec's `encoding` gives (else none: `text/plain` by default).
    Text(String, Option<String>),
    /// JSON text, sent as `application/json` unless the `encoding` names another JSON type.
    Json(String, Option<String>),
    File(FilePart),
}

/// The parts of a `multipart/form-data` body, in order. Build one by hand for operations whose spec gives no
/// properties, or let a generated form type fill it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<(String, Part)>,
    /// Headers of parts, by part name (the spec's `encoding` `headers`): sent on every part of that name.
    headers: Vec<(String, String, String)>,
    problem: Option<String>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a field: text for strings, numbers and booleans, one part per item for arrays, JSON for
    /// objects; `None` adds nothing. Numbers keep their JSON text, so decimals stay exact.
    pub fn value<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        self.value_as(name, value, None)
    }

    /// Adds a field like [`Multipart::value`], each part with this `Content-Type` (the spec's `encoding`
    /// `contentType`); a JSON media type sends every part as JSON text, strings included.
    pub fn value_as<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> &mut Self {
        if let Err(error) = self.push_values(name, value, content_type) {
            self.problem
                .get_or_insert(format!("multipart field {name:?}: {error}"));
        }
        self
    }

    fn push_values<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Result<(), String> {
        let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
        let items = if json.starts_with('[') {
            serde_json::from_str::<Vec<&serde_json::value::RawValue>>(&json)
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|item| item.get().to_owned())
                .collect()
        } else {
            vec![json]
        };
        let as_json = content_type.is_some_and(|media| {
            let essence = media.split(';').next().unwrap_or(media).trim();
            essence.ends_with("/json") || essence.ends_with("+json")
        });
        for text in items {
            let part = match text.as_bytes().first() {
                _ if text == "null" => continue,
                _ if as_json => Part::Json(text, content_type.map(str::to_owned)),
                Some(b'"') => Part::Text(
                    serde_json::from_str::<String>(&text).map_err(|e| e.to_string())?,
                    content_type.map(str::to_owned),
                ),
                Some(b'{' | b'[') => Part::Json(text, content_type.map(str::to_owned)),
                _ => Part::Text(text, content_type.map(str::to_owned)),
            };
            self.parts.push((name.to_owned(), part));
        }
        Ok(())
    }

    /// Adds a header to the parts named `name` (all of them, for an array): text as a `simple`-style parameter
    /// writes it; `None` adds nothing. An invalid header name or value is reported when the request is sent.
    pub fn part_header<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        header: &str,
        value: &T,
    ) -> &mut Self {
        let text = serde_json::to_string(value)
            .map_err(|e| e.to_string())
            .and_then(|json| Tree::parse(&json));
        match text {
            Ok(Tree::Null) => {}
            Ok(Tree::Text(text)) => {
                self.headers
                    .push((name.to_owned(), header.to_owned(), text));
            }
            Ok(_) => {
                self.problem.get_or_insert(format!(
                    "multipart part {name:?}: header {header:?} must be a single value"
                ));
            }
            Err(error) => {
                self.problem.get_or_insert(format!(
                    "multipart part {name:?}: header {header:?}: {error}"
                ));
            }
        }
        self
    }

    /// Adds files: one part per file, none for `None`.
    pub fn file<F: FileParts + ?Sized>(&mut self, name: &str, files: &F) -> &mut Self {
        self.file_as(name, files, None)
    }

    /// Adds files like [`Multipart::file`]; a file without a content type of its own is sent as
    /// `content_type` (the spec's `encoding` `contentType`) rather than `application/octet-stream`.
    pub fn file_as<F: FileParts + ?Sized>(
        &mut self,
        name: &str,
        files: &F,
        content_type: Option<&str>,
    ) -> &mut Self {
        files.each(&mut |file| {
            let mut file = file.clone();
            if file.content_type.is_none() {
                file.content_type = content_type.map(str::to_owned);
            }
            self.parts.push((name.to_owned(), Part::File(file)));
        });
        self
    }

    /// The reqwest form for one attempt.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        if let Some(problem) = &self.problem {
            return Err(problem.clone());
        }
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            let part = match part {
                Part::Text(text, None) => reqwest::multipart::Part::text(text.clone()),
                Part::Text(text, Some(media)) => reqwest::multipart::Part::text(text.clone())
                    .mime_str(media)
                    .map_err(|_| {
                        format!("multipart field {name:?}: invalid content type {media:?}")
                    })?,
                Part::Json(text, media) => {
                    let media = media.as_deref().unwrap_or("application/json");
                    reqwest::multipart::Part::text(text.clone())
                        .mime_str(media)
                        .map_err(|_| {
                            format!("multipart field {name:?}: invalid content type {media:?}")
                        })?
                }
                Part::File(file) => {
                    let mut part = reqwest::multipart::Part::stream(file.bytes.clone());
                    if let Some(file_name) = &file.file_name {
                        part = part.file_name(file_name.clone());
                    }
                    let media = file
                        .content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream");
                    part.mime_str(media).map_err(|_| {
                        format!("multipart file {name:?}: invalid content type {media:?}")
                    })?
                }
            };
            let mut headers = reqwest::header::HeaderMap::new();
            for (_, header, value) in self.headers.iter().filter(|(part, ..)| part == name) {
                let invalid = || format!("multipart part {name:?}: invalid header {header:?}");
                let header_name = reqwest::header::HeaderName::from_bytes(header.as_bytes())
                    .map_err(|_| invalid())?;
                let header_value =
                    reqwest::header::HeaderValue::from_str(value).map_err(|_| invalid())?;
                headers.append(header_name, header_value);
            }
            let part = if headers.is_empty() {
                part
            } else {
                part.headers(headers)
            };
            form = form.part(name.clone(), part);
        }
        Ok(form)
    }
}

/// What a multipart file field can hold: one file, an optional one, or several.
pub trait FileParts {
    /// Calls `f` for each file.
    fn each(&self, f: &mut dyn FnMut(&FilePart));
}

impl FileParts for FilePart {
    fn each(&self, f: &mut dyn FnMut(&FilePart)) {
        f(self)
    }
}

impl<T: FileParts> FileParts for Option<T> {
    fn each(&self, f: &mut dyn FnMut(&FilePart)) {
        if let Some(inner) = self {
            inner.each(f);
        }
    }
}

impl<T: FileParts> FileParts for Vec<T> {
    fn each(&self, f: &mut dyn FnMut(&FilePart)) {
        for inner in self {
            inner.each(f);
        }
    }
}

/// A type that can be sent as a multipart body: generated form types, and [`Multipart`] itself.
pub trait MultipartBody {
    /// Appends this value's parts.
    fn write_parts(&self, form: &mut Multipart);
}

impl MultipartBody for Multipart {
    fn write_parts(&self, form: &mut Multipart) {
        form.parts.extend(self.parts.iter().cloned());
        form.headers.extend(self.headers.iter().cloned());
        if let Some(problem) = &self.problem {
            form.problem.get_or_insert(problem.clone());
        }
    }
}

impl Request {
    /// Sets a JSON body (`application/json` or a `+json` type); a value that cannot be serialised is
    /// reported when the request is sent.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T, content_type: &'static str) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.set_body(content_type, bytes.into()),
            Err(error) => self.note_problem(format!("the JSON body cannot be serialised: {error}")),
        }
    }

    /// Sets an `application/x-www-form-urlencoded` body from an object, each property written the way
    /// OpenAPI describes when the spec's `encoding` gives it no `style`: scalars as text, arrays as the key
    /// repeated, objects (and objects inside arrays) as JSON text; `null` fields are left out.
    pub fn form<T: serde::Serialize + ?Sized>(&mut self, body: &T, content_type: &'static str) {
        self.form_styled(body, content_type, &[]);
    }

    /// Sets an `application/x-www-form-urlencoded` body whose properties named in `styles` are written in their
    /// `style` (the spec's `encoding` object), exactly as a query parameter of that style would be:
    /// `deepObject` writes nested objects and arrays in bracket form at any depth (`a[b][c]=1`,
    /// `items[0][price]=1`), `form` with `explode` flattens an object's members into the body. Every other
    /// property is written as [`Request::form`] says. Numbers keep their JSON text, so decimals stay exact.
    pub fn form_styled<T: serde::Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
        styles: &[(&str, Style)],
    ) {
        match form_text(body, styles) {
            Ok(text) => self.set_body(content_type, text.into()),
            Err(problem) => self.note_problem(problem),
        }
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart<T: MultipartBody + ?Sized>(&mut self, body: &T) {
        let mut form = Multipart::new();
        body.write_parts(&mut form);
        self.body = Some(Body::Multipart(form));
    }

    /// Sets a body sent as it is (text, octet-stream, images and every other media type).
    pub fn bytes(&mut self, body: impl Into<Bytes>, content_type: &'static str) {
        self.set_body(content_type, body.into());
    }

    /// Sets the `Accept` header to the media types the operation documents.
    pub fn accept(&mut self, media_types: &'static str) {
        match reqwest::header::HeaderValue::from_str(media_types) {
            Ok(value) => self.headers.push((reqwest::header::ACCEPT, value)),
            Err(_) => self.note_problem(format!("invalid Accept media types {media_types:?}")),
        }
    }

    fn set_body(&mut self, content_type: &'static str, bytes: Bytes) {
        self.body = Some(Body::Encoded {
            content_type,
            bytes,
        });
    }
}

/// The encoded text of a form body (see [`Request::form_styled`]).
fn form_text<T: serde::Serialize + ?Sized>(
    body: &T,
    styles: &[(&str, Style)],
) -> Result<String, String> {
    let json = serde_json::to_string(body)
        .map_err(|error| format!("the form body cannot be serialised: {error}"))?;
    if !json.starts_with('{') {
        return Err("a form body must be an object".to_owned());
    }
    let members = raw_members(&json).map_err(|error| format!("the form body: {error}"))?;
    let mut pairs: Vec<String> = Vec::new();
    for (name, raw) in members {
        if let Some((_, style)) = styles.iter().find(|(styled, _)| *styled == name) {
            let tree = undefined_if_empty(Tree::parse(raw.get())?);
            let encoded = form_body_pairs(&name, tree, *style)
                .map_err(|problem| format!("form field {name:?}: {problem}"))?;
            pairs.extend(
                encoded
                    .into_iter()
                    .map(|(key, value)| format!("{key}={value}")),
            );
            continue;
        }
        let items = match raw.get().as_bytes().first() {
            Some(b'[') => serde_json::from_str::<Vec<&serde_json::value::RawValue>>(raw.get())
                .map_err(|error| format!("form field {name:?}: {error}"))?,
            _ => vec![raw],
        };
        for item in items {
            let text = item.get();
            let value = match text.as_bytes().first() {
                Some(b'"') => serde_json::from_str::<String>(text)
                    .map_err(|error| format!("form field {name:?}: {error}"))?,
                _ if text == "null" => continue,
                // Numbers and booleans as JSON spells them; objects (and arrays) as their JSON text.
                _ => text.to_owned(),
            };
            pairs.push(format!("{}={}", form_encode(&name), form_encode(&value)));
        }
    }
    Ok(pairs.join("&"))
}

/// `application/x-www-form-urlencoded` encoding of a name or value (space as `+`).
fn form_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
