//! Settings of one call that override the client's: extra headers, a timeout, a deadline, a retry policy,
//! an idempotency key, and whether a redirect of a call that must not be sent twice is followed.

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
    pub(crate) deadline: Option<Duration>,
    pub(crate) walk_deadline: Option<Duration>,
    pub(crate) follow_redirects: bool,
    /// The end of the page walk this call belongs to, and the walk's deadline (set by `paging`).
    pub(crate) walk_ends: Option<(tokio::time::Instant, Duration)>,
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

    /// Time allowed for everything this call does, instead of the client's deadline (by default none):
    /// every attempt, the waits between them (backoff and `Retry-After`) and a token exchange the call
    /// triggers. Past it, whatever is in flight is abandoned and the call ends with
    /// `Error::DeadlineExceeded`; a retry whose wait would end after it is not started (the last answer
    /// or error is returned at once). Each attempt still has its own timeout too.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// For a page or item stream (`pages()`, `items()`): time allowed for the whole walk, from the request
    /// of the first page (when the stream is first read) to the answer of the last, the time the reader
    /// spends between pages included. Past it the stream yields `Error::DeadlineExceeded` and ends. Each
    /// page's request is still bounded by the call deadline ([`CallOptions::deadline`]). By default none.
    pub fn walk_deadline(mut self, deadline: Duration) -> Self {
        self.walk_deadline = Some(deadline);
        self
    }

    /// Follows redirects even when the operation must not be sent twice (POST, PATCH,
    /// `x-specgen-idempotent: false`, without an idempotency key). Off by default: such a call's redirect
    /// answer proves the request reached the server, so it is returned as `Error::Redirect` (with the
    /// answer and its `Location`) instead of being sent again. Redirects of idempotent calls are always
    /// followed.
    pub fn follow_redirects(mut self, follow: bool) -> Self {
        self.follow_redirects = follow;
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
