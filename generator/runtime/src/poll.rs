//! Waiting for an asynchronous request (`x-specgen-poll`): its status is read again and again, with a
//! growing interval, until it is no longer pending or a deadline passes (a read in flight then is
//! abandoned).

use super::error::Error;
use super::response::Answer;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollOptions {
    interval: Duration,
    max_interval: Duration,
    timeout: Duration,
}

impl Default for PollOptions {
    /// First wait 1 s, doubling up to 10 s between reads, for at most 5 minutes.
    fn default() -> Self {
        PollOptions {
            interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(10),
            timeout: Duration::from_secs(300),
        }
    }
}

impl PollOptions {
    /// The defaults (see [`PollOptions::default`]).
    pub fn new() -> Self {
        PollOptions::default()
    }

    /// The wait after the first pending status; each later wait doubles, up to the maximum.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The longest wait between two reads.
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval;
        self
    }

    /// How long to keep polling before giving up with `Error::StillPending` (default 5 minutes), counted
    /// from the first status read. It bounds the reads too: a read still in flight then (a hanging
    /// server, its retries) is abandoned. The request that starts the work is not counted: its own
    /// deadline ([`CallOptions::deadline`](super::CallOptions::deadline)) bounds it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// Reads the status with `read` until the value at `status_at` is none of `pending`; returns that
/// final status. A status without a value there is returned as final, since it cannot be pending.
pub async fn poll<T, E, F, Fut>(
    options: PollOptions,
    status_at: &str,
    pending: &[&str],
    mut read: F,
) -> Result<T, Error<E>>
where
    T: Serialize,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error<E>>>,
{
    let started = Instant::now();
    // A timeout too long for the clock is none.
    let ends = started.checked_add(options.timeout);
    let mut wait = options.interval;
    let mut polls: u32 = 0;
    loop {
        let status = match ends {
            Some(ends) => match tokio::time::timeout_at(ends, read()).await {
                Ok(status) => status?,
                Err(_) => {
                    let waited = started.elapsed();
                    return Err(Error::StillPending { polls, waited });
                }
            },
            None => read().await?,
        };
        polls += 1;
        let value = serde_json::to_value(&status).unwrap_or(serde_json::Value::Null);
        let still_pending = value
            .pointer(status_at)
            .and_then(serde_json::Value::as_str)
            .is_some_and(|text| pending.contains(&text));
        if !still_pending {
            return Ok(status);
        }
        let waited = started.elapsed();
        if waited.saturating_add(wait) > options.timeout {
            return Err(Error::StillPending { polls, waited });
        }
        tracing::debug!(polls, wait_ms = wait.as_millis() as u64, "still pending");
        tokio::time::sleep(wait).await;
        wait = wait.saturating_mul(2).min(options.max_interval);
    }
}

/// The value at `pointer` in an operation's result, for the status operation's parameter; a result
/// without it is a decode error that keeps the answer.
pub fn poll_argument<A, T, E>(answer: &Answer<T>, pointer: &str) -> Result<A, Error<E>>
where
    A: DeserializeOwned,
    T: Serialize,
{
    let missing = |what: String| Error::Decode {
        source: <serde_json::Error as serde::de::Error>::custom(what),
        response: answer.raw().clone(),
    };
    let value = serde_json::to_value(answer.value())
        .map_err(|e| missing(format!("the result cannot be read back: {e}")))?;
    let found = value
        .pointer(pointer)
        .ok_or_else(|| missing(format!("the result has no value at {pointer}")))?;
    A::deserialize(found).map_err(|e| missing(format!("the value at {pointer}: {e}")))
}
