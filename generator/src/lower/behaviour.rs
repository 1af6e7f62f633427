//! The runtime behaviours a spec switches on with extensions: whether an operation may be retried
//! (`x-specgen-idempotent`, `x-specgen-idempotency-key`) and which envelope codes ask for a retry
//! (`x-specgen-retryable-codes`).

use crate::diagnostics::Diagnostic;
use crate::ir::{Envelope, Method};

/// Whether sending the operation twice acts like sending it once, and the header of its idempotency
/// key (lowercase), if it has one.
pub fn idempotency(
    operation: &openapiv3::Operation,
    method: Method,
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (bool, Option<String>) {
    // RFC 9110: these methods are idempotent; POST and PATCH are not.
    let by_method = matches!(
        method,
        Method::Get | Method::Head | Method::Options | Method::Put | Method::Delete | Method::Trace
    );
    let idempotent = match operation.extensions.get("x-specgen-idempotent") {
        None => by_method,
        Some(serde_json::Value::Bool(value)) => *value,
        Some(_) => {
            diagnostics.push(
                Diagnostic::error(
                    format!("{pointer}/x-specgen-idempotent"),
                    "x-specgen-idempotent must be true or false",
                )
                .with_hint("false keeps the client from ever sending the operation twice"),
            );
            by_method
        }
    };
    let key = match operation.extensions.get("x-specgen-idempotency-key") {
        None => None,
        Some(serde_json::Value::String(name)) if is_header_name(name) => {
            Some(name.to_ascii_lowercase())
        }
        Some(_) => {
            diagnostics.push(
                Diagnostic::error(
                    format!("{pointer}/x-specgen-idempotency-key"),
                    "x-specgen-idempotency-key must name the header that carries the key",
                )
                .with_hint("for example `Idempotency-Key`"),
            );
            None
        }
    };
    // A key header the operation also documents as a parameter is sent as the caller gives it; the
    // runtime fills it in only when it is absent.
    (idempotent, key)
}

/// The envelope error codes that ask for another attempt; they need an envelope to be read from.
pub fn retryable_codes(
    raw: &serde_json::Value,
    envelope: Option<&Envelope>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(value) = raw.get("x-specgen-retryable-codes") else {
        return Vec::new();
    };
    let pointer = "/x-specgen-retryable-codes";
    let codes: Option<Vec<String>> = value.as_array().and_then(|items| {
        items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect()
    });
    let Some(codes) = codes else {
        diagnostics.push(Diagnostic::error(
            pointer,
            "x-specgen-retryable-codes must be a list of error code strings",
        ));
        return Vec::new();
    };
    if envelope.is_none() {
        diagnostics.push(
            Diagnostic::error(
                pointer,
                "x-specgen-retryable-codes needs x-specgen-envelope",
            )
            .with_hint("the envelope's errorCodeProperty says where an answer's code is"),
        );
        return Vec::new();
    }
    codes
}

/// Whether text is a valid HTTP header name (RFC 9110 token characters).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
