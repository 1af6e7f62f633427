//! The error every generated operation returns: typed documented errors, and everything else with its raw answer.

use super::response::RawResponse;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// What can go wrong with one call. `E` is the operation's documented error body (`Infallible` when it has none).
#[derive(Debug, thiserror::Error)]
pub enum Error<E> {
    /// The request could not be built (an invalid header value, an unserialisable body, a bad base URL).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The request did not complete: connection refused, TLS, or a broken connection before an answer.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// No complete answer arrived within the time allowed for an attempt.
    #[error("no answer within {after:?}")]
    Timeout {
        /// The time allowed.
        after: std::time::Duration,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The answer began but its body broke off; `response` holds the status, headers and the bytes received.
    #[error("the {} answer broke off after {} body bytes: {source}", .response.status(), .response.body().len())]
    Interrupted {
        /// Why the body stopped.
        #[source]
        source: reqwest::Error,
        /// The answer as far as it arrived.
        response: RawResponse,
    },
    /// The answer's body is larger than the client accepts; `response` holds its first `limit` bytes.
    #[error("the {} answer's body exceeds the {limit} byte limit", .response.status())]
    TooLarge {
        /// The limit (`ClientBuilder::max_response_bytes`).
        limit: usize,
        /// The answer, its body cut at the limit.
        response: RawResponse,
    },
    /// A token could not be obtained for the call (the exchange operation's error).
    #[error("could not obtain a token for security scheme {scheme:?}: {source}")]
    Authentication {
        /// The security scheme.
        scheme: &'static str,
        /// The exchange operation's error.
        #[source]
        source: super::token::TokenError,
    },
    /// An asynchronous request was still pending when its polling deadline passed.
    #[error("still pending after {polls} polls over {waited:?}")]
    StillPending {
        /// How many times the status was read.
        polls: u32,
        /// How long polling went on.
        waited: std::time::Duration,
    },
    /// The call did not finish within its deadline (`CallOptions::deadline` or `ClientBuilder::deadline`, or
    /// a page stream's `CallOptions::walk_deadline`): whatever was in flight was abandoned.
    #[error("not finished within the {deadline:?} deadline")]
    DeadlineExceeded {
        /// The deadline that passed.
        deadline: std::time::Duration,
    },
    /// The server redirected the call and the redirect was not followed: the operation must not be sent
    /// twice (the redirect proves it reached the server; `CallOptions::follow_redirects` follows it anyway),
    /// its body cannot be sent again, or it was the eleventh redirect in a row. `response` is the redirect
    /// answer, `location` its `Location` resolved against the request's URL.
    #[error("the server redirected the call ({}) to {}; not followed", .response.status(), shown(.location))]
    Redirect {
        /// Where the server redirected the call.
        location: reqwest::Url,
        /// The redirect answer.
        response: RawResponse,
    },
    /// The server answered with a documented error, decoded into its typed body.
    #[error("the server answered {} with a documented error", .0.status)]
    Api(Box<ApiError<E>>),
    /// The server answered with a status the spec does not document.
    #[error("the server answered with undocumented status {}", .0.status())]
    UnexpectedStatus(RawResponse),
    /// The answer's status was documented but its body did not match the spec.
    #[error("could not decode the {} answer: {source}", .response.status())]
    Decode {
        /// Why decoding failed.
        #[source]
        source: serde_json::Error,
        /// The answer as received.
        response: RawResponse,
    },
}

/// A documented error answer: its typed body plus everything received.
#[derive(Debug, Clone)]
pub struct ApiError<E> {
    /// HTTP status of the answer.
    pub status: StatusCode,
    /// Headers of the answer.
    pub headers: HeaderMap,
    /// The raw body bytes.
    pub body: bytes::Bytes,
    /// The body decoded as the documented error type.
    pub value: E,
}

impl<E> Error<E> {
    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::UnexpectedStatus(response) | Error::Decode { response, .. } => {
                Some(response.status())
            }
            Error::Interrupted { response, .. }
            | Error::TooLarge { response, .. }
            | Error::Redirect { response, .. } => Some(response.status()),
            _ => None,
        }
    }

    /// The headers of the answer, when there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(error) => Some(&error.headers),
            Error::UnexpectedStatus(response)
            | Error::Decode { response, .. }
            | Error::Interrupted { response, .. }
            | Error::TooLarge { response, .. }
            | Error::Redirect { response, .. } => Some(response.headers()),
            _ => None,
        }
    }

    /// The raw body of the answer, when there was one.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(error) => Some(&error.body),
            Error::UnexpectedStatus(response)
            | Error::Decode { response, .. }
            | Error::Interrupted { response, .. }
            | Error::TooLarge { response, .. }
            | Error::Redirect { response, .. } => Some(response.body()),
            _ => None,
        }
    }

    /// The typed documented error body, if the server sent one.
    pub fn api_value(&self) -> Option<&E> {
        match self {
            Error::Api(error) => Some(&error.value),
            _ => None,
        }
    }

    /// Whether the call failed because a timeout or its deadline elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. } | Error::DeadlineExceeded { .. })
    }
}

impl Error<std::convert::Infallible> {
    /// The same error for an operation whose documented error body is `E` (an error raised before any
    /// answer was decoded carries no error body).
    pub fn widen<E>(self) -> Error<E> {
        match self {
            Error::InvalidRequest(message) => Error::InvalidRequest(message),
            Error::Transport(source) => Error::Transport(source),
            Error::Timeout { after, source } => Error::Timeout { after, source },
            Error::Interrupted { source, response } => Error::Interrupted { source, response },
            Error::TooLarge { limit, response } => Error::TooLarge { limit, response },
            Error::Authentication { scheme, source } => Error::Authentication { scheme, source },
            Error::StillPending { polls, waited } => Error::StillPending { polls, waited },
            Error::DeadlineExceeded { deadline } => Error::DeadlineExceeded { deadline },
            Error::Redirect { location, response } => Error::Redirect { location, response },
            Error::Api(error) => match error.value {},
            Error::UnexpectedStatus(response) => Error::UnexpectedStatus(response),
            Error::Decode { source, response } => Error::Decode { source, response },
        }
    }
}

/// A URL as an error message shows it: without user information, query or fragment, which may hold
/// credentials (a signed link, a key in the query).
fn shown(url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    // Both fail only for URLs that cannot have user information, which then have none to remove.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The base URL is not an absolute URL.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The underlying HTTP client could not be built.
    #[error("could not build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}
