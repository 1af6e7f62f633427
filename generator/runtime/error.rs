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
    /// The request did not complete: connection refused, timeout, TLS, or the body stream broke.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
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
            Error::Transport(error) => error.status(),
            Error::InvalidRequest(_) => None,
        }
    }

    /// The headers of the answer, when there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(error) => Some(&error.headers),
            Error::UnexpectedStatus(response) | Error::Decode { response, .. } => {
                Some(response.headers())
            }
            Error::Transport(_) | Error::InvalidRequest(_) => None,
        }
    }

    /// The raw body of the answer, when there was one.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(error) => Some(&error.body),
            Error::UnexpectedStatus(response) | Error::Decode { response, .. } => {
                Some(response.body())
            }
            Error::Transport(_) | Error::InvalidRequest(_) => None,
        }
    }

    /// The typed documented error body, if the server sent one.
    pub fn api_value(&self) -> Option<&E> {
        match self {
            Error::Api(error) => Some(&error.value),
            _ => None,
        }
    }

    /// Whether the call failed because a timeout elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_timeout())
    }
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
