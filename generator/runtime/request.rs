//! A request under construction: path, query, headers and body, with problems kept until it is sent.
//! Parameters are added by the methods of `params`.

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
    /// Query pairs, names and values already percent-encoded (see `params`).
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

    /// Sets a JSON body; a value that cannot be serialised is reported when the request is sent.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(Body::Json(bytes)),
            Err(error) => self.note_problem(format!("the JSON body cannot be serialised: {error}")),
        }
    }

    /// Keeps the first problem found; the request is refused with it when sent.
    pub(crate) fn note_problem(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}
