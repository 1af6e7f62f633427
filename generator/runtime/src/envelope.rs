//! Answers wrapped in an envelope (`x-specgen-envelope`) that reports failure in its body, whatever the status.

use super::error::Error;
use super::response::{RawResponse, decode_json};
use serde::de::DeserializeOwned;

/// Where an envelope keeps its parts (the property names of `x-specgen-envelope`).
#[derive(Debug, Clone, Copy)]
pub struct EnvelopeSpec {
    /// Holds the operation's result on success.
    pub content: &'static str,
    /// Holds the error code; empty or absent means success.
    pub error_code: &'static str,
    /// Holds the error message.
    pub error_message: &'static str,
}

/// A failure reported by an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeError<C> {
    /// The error code, typed (documented codes are variants; unknown codes are kept).
    pub code: C,
    /// The error message as sent.
    pub message: String,
}

impl<C: std::fmt::Display> std::fmt::Display for EnvelopeError<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl EnvelopeSpec {
    /// Decodes an enveloped answer: the typed content on success, [`Error::Api`] with the code on failure.
    /// `documented` says whether the status was documented; an undocumented one that carries no envelope
    /// failure is reported as [`Error::UnexpectedStatus`].
    pub fn decode<T, C>(
        &self,
        response: RawResponse,
        documented: bool,
    ) -> Result<T, Error<EnvelopeError<C>>>
    where
        T: DeserializeOwned,
        C: From<String>,
    {
        let mut envelope: serde_json::Map<String, serde_json::Value> =
            match decode_json(response.body()) {
                Ok(map) => map,
                Err(_) if !documented || !response.status().is_success() => {
                    return response.unexpected();
                }
                Err(source) => return Err(Error::Decode { source, response }),
            };
        let code = text_of(envelope.get(self.error_code));
        if !code.is_empty() {
            let message = text_of(envelope.get(self.error_message));
            return Err(response.into_api_error(EnvelopeError {
                code: C::from(code),
                message,
            }));
        }
        if !documented || !response.status().is_success() {
            return response.unexpected();
        }
        let content = envelope
            .remove(self.content)
            .unwrap_or(serde_json::Value::Null);
        match serde_json::from_value(content) {
            Ok(value) => Ok(value),
            Err(source) => Err(Error::Decode { source, response }),
        }
    }
}

/// A property read as text: strings as they are, null or absent as empty, anything else as its JSON.
fn text_of(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}
