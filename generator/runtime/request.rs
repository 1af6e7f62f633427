//! A request under construction: path, query, headers and body, with problems kept until it is sent.

use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};

/// What an operation is, for applying security and reporting.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// The spec's `operationId` (or the name derived for it).
    pub id: &'static str,
    /// Alternative security requirements: the first whose schemes all have credentials is applied.
    /// Empty means the operation needs no credentials.
    pub security: &'static [&'static [&'static str]],
}

/// A request body, already encoded.
#[derive(Debug, Clone)]
pub enum Body {
    /// A JSON document.
    Json(Vec<u8>),
}

/// A request being built by a generated operation.
#[derive(Debug)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) cookies: Vec<(String, String)>,
    pub(crate) body: Option<Body>,
    pub(crate) problem: Option<String>,
}

impl Request {
    /// Starts a request; the path is appended piece by piece, relative to the client's base URL.
    pub fn new(method: Method) -> Self {
        Request {
            method,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            problem: None,
        }
    }

    /// Appends literal path text from the spec's template.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a path parameter, percent-encoded so it stays one segment (arrays: comma-separated).
    /// `.`, `..` and empty values are refused: URL normalisation would turn them into a different path.
    pub fn path_param<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        match param_texts(value).map(|texts| texts.join(",")) {
            Ok(text) if matches!(text.as_str(), "" | "." | "..") => {
                self.note_problem(format!("path parameter {name:?} cannot be {text:?}"));
            }
            Ok(text) => self.path.push_str(&encode_path_segment(&text)),
            Err(problem) => self.note_problem(format!("path parameter {name:?}: {problem}")),
        }
    }

    /// Adds a query parameter (arrays: the name repeated for each item, the OpenAPI default `form, explode`).
    pub fn query<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        match param_texts(value) {
            Ok(texts) => self
                .query
                .extend(texts.into_iter().map(|text| (name.to_owned(), text))),
            Err(problem) => self.note_problem(format!("query parameter {name:?}: {problem}")),
        }
    }

    /// Adds a header (arrays: comma-separated); an invalid value is reported when the request is sent.
    pub fn header<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let text = match param_texts(value) {
            Ok(texts) => texts.join(","),
            Err(problem) => return self.note_problem(format!("header {name:?}: {problem}")),
        };
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            _ => self.note_problem(format!("header {name:?} has an invalid name or value")),
        }
    }

    /// Adds a cookie (arrays: comma-separated); all cookies travel in one `Cookie` header.
    /// A value outside the cookie characters (`;`, space, quotes...) is refused, so it cannot add cookies.
    pub fn cookie<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        match param_texts(value).map(|texts| texts.join(",")) {
            Ok(text) if text.bytes().all(is_cookie_octet) => {
                self.cookies.push((name.to_owned(), text))
            }
            Ok(_) => self.note_problem(format!(
                "cookie {name:?} has characters a cookie value cannot carry"
            )),
            Err(problem) => self.note_problem(format!("cookie {name:?}: {problem}")),
        }
    }

    /// Sets a JSON body; a value that cannot be serialised is reported when the request is sent.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(Body::Json(bytes)),
            Err(error) => self.note_problem(format!("the JSON body cannot be serialised: {error}")),
        }
    }

    fn note_problem(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}

/// The texts of a parameter value: scalars as their JSON text without quotes, arrays item by item.
fn param_texts<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<String>, String> {
    fn scalar(value: serde_json::Value) -> Result<String, String> {
        match value {
            serde_json::Value::String(text) => Ok(text),
            serde_json::Value::Number(number) => Ok(number.to_string()),
            serde_json::Value::Bool(flag) => Ok(flag.to_string()),
            serde_json::Value::Null => Ok(String::new()),
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => Err(
                "nested arrays and objects are not supported as parameter values yet".to_owned(),
            ),
        }
    }
    match serde_json::to_value(value).map_err(|e| e.to_string())? {
        serde_json::Value::Array(items) => items.into_iter().map(scalar).collect(),
        other => scalar(other).map(|text| vec![text]),
    }
}

/// RFC 6265 `cookie-octet` (printable ASCII except space, `"`, `;` and `\`), plus the comma that OpenAPI's
/// `form` style puts between array items; only `;` could start another cookie.
fn is_cookie_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters is escaped,
/// so a value can never add a segment or a query to the URL.
pub fn encode_path_segment(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    encoded
}
