//! Settings of one call that override the client's: extra headers, a timeout, a retry policy, an
//! idempotency key.

use super::retry::RetryPolicy;
use reqwest::header::{HeaderName, HeaderValue};
use std::time::Duration;

/// Per-call settings, given to an operation's builder with `.options(...)`.
///
/// ```text
/// client.list_things().options(CallOptions::new().timeout(Duration::from_secs(2)).retry(RetryPolicy::none()))
/// ```
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) problem: Option<String>,
}

impl CallOptions {
    /// No overrides: the client's settings apply.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Adds a header to this call (after the operation's own; an invalid name or value fails the call
    /// with `Error::InvalidRequest`). Mark secrets with [`CallOptions::sensitive_header`] instead.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.add_header(name, value, false)
    }

    /// Adds a header whose value is never logged (reqwest and hyper skip sensitive values).
    pub fn sensitive_header(self, name: &str, value: &str) -> Self {
        self.add_header(name, value, true)
    }

    fn add_header(mut self, name: &str, value: &str, sensitive: bool) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(sensitive);
                self.headers.push((name, value));
            }
            _ => {
                // The value may be a secret: only the name is reported.
                self.problem
                    .get_or_insert(format!("the extra header {name:?} is not a valid header"));
            }
        }
        self
    }

    /// Total time allowed for each attempt of this call, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The retry policy of this call, instead of the client's.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The idempotency key sent with an operation that declares one (`x-specgen-idempotency-key`);
    /// without it a fresh key is generated per call and reused by its retries.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}
