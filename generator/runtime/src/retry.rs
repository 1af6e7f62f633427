//! When a failed attempt is tried again, and how long to wait first: exponential backoff with jitter,
//! capped, and never shorter than the server's `Retry-After`.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::time::Duration;

/// How a client retries: per client ([`ClientBuilder::retry`](super::ClientBuilder::retry)), overridable
/// per call ([`CallOptions::retry`](super::CallOptions::retry)).
///
/// An attempt is retried when the connection could not be made, when an idempotent operation timed
/// out or lost its answer, or when an idempotent operation is answered 408, 429, 502, 503, 504 or an
/// error code the spec marks retryable (`x-specgen-retryable-codes`). An operation is idempotent when
/// its method is GET, HEAD, OPTIONS, PUT, DELETE or TRACE and the spec does not say otherwise
/// (`x-specgen-idempotent`), or when it carries an idempotency key (`x-specgen-idempotency-key`).
/// Anything else is never sent twice once it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// Three attempts, backoff from 200 ms doubling up to 5 s with full jitter, and waits of up to
    /// 60 s when the server asks for them with `Retry-After`.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// Never retries: every call is one attempt.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first included (at least one).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; each later retry waits twice as long as the one before.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest backoff between two attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured: a server asking for a longer wait gets its answer returned
    /// instead of a retry.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// Whether each backoff is drawn at random between zero and its exponential value ("full jitter",
    /// so that many clients failing together do not retry together). On by default.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The number of attempts allowed.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// How long to wait after failed attempt number `attempt` (1-based), given the server's wish, or
    /// `None` when no attempt is left or the server wants a longer wait than this policy allows.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let exponent = attempt.saturating_sub(1).min(31);
        let backoff = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let backoff = if self.jitter {
            backoff.mul_f64(random_fraction())
        } else {
            backoff
        };
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait.max(backoff)),
            None => Some(backoff),
        }
    }
}

/// Whether a status asks for another attempt: request timeout, too many requests, and the gateway
/// and availability failures that say nothing was done.
pub fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

/// The wait a `Retry-After` header asks for: delay-seconds, or an HTTP date (a date in the past means now).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        // More seconds than a u64 holds is still a wait, longer than any policy allows: never "no wish".
        return Some(text.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let wait = http_date(text)? - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP date: the IMF-fixdate (read as RFC 2822, which also takes numeric zones), or the obsolete RFC 850
/// and asctime formats, which RFC 9110 (section 5.6.7) still asks recipients to accept.
fn http_date(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    if let Ok(date) = chrono::DateTime::parse_from_rfc2822(text) {
        return Some(date.with_timezone(&chrono::Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
}

/// A fraction in `[0, 1)` from the operating system's randomness (a v4 UUID's random bits).
fn random_fraction() -> f64 {
    // The low 64 bits of a v4 UUID start with its variant bits (`10`), which are not random: only the
    // 62 bits below them are used, 53 of them (an f64's precision).
    let random = uuid::Uuid::new_v4().as_u128() as u64 & (u64::MAX >> 2);
    (random >> 9) as f64 / (1u64 << 53) as f64
}
