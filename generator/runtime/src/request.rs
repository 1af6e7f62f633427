//! A request under construction: path, query, headers and body, with problems kept until it is sent.
//! Parameters are added by the methods of `params`.

use super::body::Body;
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
    /// Whether sending it twice has the effect of sending it once, so that it may be retried after it
    /// may have reached the server.
    pub idempotent: bool,
    /// The header carrying an idempotency key (`x-specgen-idempotency-key`): one key per call, reused
    /// by its retries, makes any operation safe to retry.
    pub idempotency_key: Option<&'static str>,
}

/// A request being built by a generated operation; cloned for each page of a paged call.
#[derive(Debug, Clone)]
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

    /// Replaces a query parameter's value (the next page's offset, say).
    pub(crate) fn set_query(&mut self, name: &str, value: &str) {
        let name = super::params::encode_query(name, false);
        self.query.retain(|(known, _)| *known != name);
        self.query
            .push((name, super::params::encode_query(value, false)));
    }

    /// Adds what a parameter wrote into its own request part (see `Call::param`).
    pub(crate) fn absorb(&mut self, part: Request) {
        self.query.extend(part.query);
        self.headers.extend(part.headers);
        self.cookies.extend(part.cookies);
        if let Some(problem) = part.problem {
            self.note_problem(problem);
        }
    }

    /// Keeps the first problem found; the request is refused with it when sent.
    pub(crate) fn note_problem(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}
