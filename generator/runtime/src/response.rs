//! A whole answer as received, and its decoding into the types the spec documents.

use super::error::{ApiError, Error};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

/// An answer read in full: status, headers and body bytes, shared behind an `Arc`: errors that carry one
/// stay small, and the copy every call keeps for `send_with_response()` costs a reference count, not a
/// header-map clone. Its `Debug` shows the body's length, never its bytes, which may hold a token.
#[derive(Clone)]
pub struct RawResponse(std::sync::Arc<Parts>);

impl std::fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.0.status)
            .field("headers", &self.0.headers)
            .field("body_bytes", &self.0.body.len())
            .finish()
    }
}

#[derive(Debug, Clone)]
struct Parts {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
}

impl RawResponse {
    /// Reads a reqwest answer to its end.
    pub async fn read(response: reqwest::Response) -> Result<Self, reqwest::Error> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(RawResponse::from_parts(status, headers, body))
    }

    /// Builds an answer from its parts (for tests and custom transports).
    pub fn from_parts(status: StatusCode, headers: HeaderMap, body: bytes::Bytes) -> Self {
        RawResponse(std::sync::Arc::new(Parts {
            status,
            headers,
            body,
        }))
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// Decodes a documented success body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        match decode_json(self.body()) {
            Ok(value) => Ok(value),
            Err(source) => Err(Error::Decode {
                source,
                response: self,
            }),
        }
    }

    /// Reads a documented text body (invalid UTF-8 is replaced, never an error: the bytes stay in `body()`).
    pub fn text<E>(self) -> Result<String, Error<E>> {
        Ok(String::from_utf8_lossy(self.body()).into_owned())
    }

    /// Returns a documented binary body as it came.
    pub fn bytes<E>(self) -> Result<bytes::Bytes, Error<E>> {
        Ok(self.0.body.clone())
    }

    /// Accepts a documented success that carries no body (whatever the server sent is ignored).
    pub fn empty<E>(self) -> Result<(), Error<E>> {
        Ok(())
    }

    /// Decodes a documented error body into [`Error::Api`].
    pub fn api_error<T, E: DeserializeOwned>(self) -> Result<T, Error<E>> {
        match decode_json(self.body()) {
            Ok(value) => Err(self.into_api_error(value)),
            Err(source) => Err(Error::Decode {
                source,
                response: self,
            }),
        }
    }

    /// Wraps an already decoded error value with this answer's status, headers and body.
    pub fn into_api_error<E>(self, value: E) -> Error<E> {
        let Parts {
            status,
            headers,
            body,
        } = std::sync::Arc::unwrap_or_clone(self.0);
        Error::Api(Box::new(ApiError {
            status,
            headers,
            body,
            value,
        }))
    }

    /// Reports a status the spec does not document.
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus(self))
    }
}

/// Decodes JSON, reading an empty body as `null` so that optional and free-form answers accept it
/// while a promised object still fails with a clear error.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::from_slice(b"null")
    } else {
        serde_json::from_slice(body)
    }
}

/// A decoded answer together with its status, headers and raw body (from `send_with_response()`).
#[derive(Debug, Clone)]
pub struct Answer<T> {
    value: T,
    raw: RawResponse,
}

impl<T> Answer<T> {
    /// Joins a decoded value with the answer it came from.
    pub fn new(value: T, raw: RawResponse) -> Self {
        Answer { value, raw }
    }

    /// Decodes an answer with an operation's decoder, keeping the answer beside the value.
    pub fn decode<E>(
        raw: RawResponse,
        decode: fn(RawResponse) -> Result<T, Error<E>>,
    ) -> Result<Self, Error<E>> {
        decode(raw.clone()).map(|value| Answer { value, raw })
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Takes the decoded value.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.raw.status()
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        self.raw.headers()
    }

    /// The body bytes as received.
    pub fn body(&self) -> &[u8] {
        self.raw.body()
    }

    /// The whole answer as received.
    pub fn raw(&self) -> &RawResponse {
        &self.raw
    }
}

/// A documented response header, parsed into its type: JSON scalars (numbers, booleans) first, then the
/// text itself as a string value. Absent, non-text or unparsable values are `None`.
pub fn header_value<T: DeserializeOwned>(headers: &HeaderMap, name: &str) -> Option<T> {
    let text = headers.get(name)?.to_str().ok()?.trim();
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_value(serde_json::Value::String(text.to_owned())).ok())
}
