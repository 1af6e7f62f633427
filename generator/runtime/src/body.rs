//! Request bodies of every media type: JSON, form-urlencoded, multipart (files and fields), text and bytes.
//! Each is encoded when the operation is built, except multipart, whose parts stay owned so that the body can
//! be sent again (reqwest's own form is single-use).

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
    Text(String),
    Json(String),
    File(FilePart),
}

/// The parts of a `multipart/form-data` body, in order. Build one by hand for operations whose spec gives no
/// properties, or let a generated form type fill it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<(String, Part)>,
    problem: Option<String>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a field: text for strings, numbers and booleans, one part per item for arrays, JSON for
    /// objects; `None` adds nothing.
    pub fn value<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Array(items)) => {
                for item in items {
                    self.push_value(name, item);
                }
            }
            Ok(other) => self.push_value(name, other),
            Err(error) => {
                self.problem
                    .get_or_insert(format!("multipart field {name:?}: {error}"));
            }
        }
        self
    }

    /// Adds files: one part per file, none for `None`.
    pub fn file<F: FileParts + ?Sized>(&mut self, name: &str, files: &F) -> &mut Self {
        files.each(&mut |file| self.parts.push((name.to_owned(), Part::File(file.clone()))));
        self
    }

    fn push_value(&mut self, name: &str, value: serde_json::Value) {
        let part = match value {
            serde_json::Value::Null => return,
            serde_json::Value::String(text) => Part::Text(text),
            serde_json::Value::Number(number) => Part::Text(number.to_string()),
            serde_json::Value::Bool(flag) => Part::Text(flag.to_string()),
            object => Part::Json(object.to_string()),
        };
        self.parts.push((name.to_owned(), part));
    }

    /// The reqwest form for one attempt.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        if let Some(problem) = &self.problem {
            return Err(problem.clone());
        }
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            let part = match part {
                Part::Text(text) => reqwest::multipart::Part::text(text.clone()),
                Part::Json(text) => reqwest::multipart::Part::text(text.clone())
                    .mime_str("application/json")
                    .map_err(|e| e.to_string())?,
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

    /// Sets an `application/x-www-form-urlencoded` body from an object: scalars as text, arrays as the key
    /// repeated (the `form, explode` default), nested objects as JSON text; `null` fields are left out.
    pub fn form<T: serde::Serialize + ?Sized>(&mut self, body: &T, content_type: &'static str) {
        let fields = match serde_json::to_value(body) {
            Ok(serde_json::Value::Object(fields)) => fields,
            Ok(_) => return self.note_problem("a form body must be an object".to_owned()),
            Err(error) => {
                return self.note_problem(format!("the form body cannot be serialised: {error}"));
            }
        };
        let mut encoder = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            let items = match value {
                serde_json::Value::Array(items) => items,
                single => vec![single],
            };
            for item in items {
                match item {
                    serde_json::Value::Null => {}
                    serde_json::Value::String(text) => {
                        encoder.append_pair(&name, &text);
                    }
                    other => {
                        encoder.append_pair(&name, &other.to_string());
                    }
                }
            }
        }
        self.set_body(content_type, encoder.finish().into());
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
