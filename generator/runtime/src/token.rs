//! Tokens obtained by an operation of the API itself (`x-specgen-token-exchange`): fetched before the
//! first call that needs one, cached, refreshed before they expire and once when the server answers 401,
//! with one refresh at a time however many tasks share the client.

use super::client::ClientCore;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why a token could not be obtained: the exchange operation's own error.
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

/// The future of one token exchange; on success the exchange has stored the token in the client's
/// credentials (the generated exchange operation does that).
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<(), TokenError>> + Send>>;

/// Runs the exchange operation on a client sharing `core`'s credentials.
pub type FetchToken = Arc<dyn Fn(ClientCore) -> TokenFuture + Send + Sync>;

/// How a scheme's token is obtained; the builder keeps this, each built client gets its own cache.
#[derive(Clone)]
pub struct TokenSourceConfig {
    pub(crate) scheme: &'static str,
    pub(crate) lifetime: Option<Duration>,
    pub(crate) fetch: FetchToken,
}

impl std::fmt::Debug for TokenSourceConfig {
    // The exchange closure holds the credentials it sends: only the scheme is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("scheme", &self.scheme)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

/// A token source and the state of its cached token, shared by the clones of one client.
#[derive(Clone, Debug)]
pub(crate) struct TokenSource {
    pub(crate) config: TokenSourceConfig,
    margin: Duration,
    state: Arc<TokenState>,
}

#[derive(Debug, Default)]
struct TokenState {
    /// Held while a token is fetched: the one refresh every waiting task then reuses.
    refresh: tokio::sync::Mutex<()>,
    /// When the cached token stops being valid (`None`: unknown, so valid until a 401).
    expires: Mutex<Option<Instant>>,
    /// How many tokens were fetched; a task that saw a 401 with token number `n` refreshes only if
    /// no other task has fetched a newer one since.
    generation: AtomicU64,
}

impl TokenSource {
    pub(crate) fn new(config: TokenSourceConfig, margin: Duration) -> Self {
        TokenSource {
            config,
            margin,
            state: Arc::new(TokenState::default()),
        }
    }

    /// The number of the token currently cached.
    pub(crate) fn generation(&self) -> u64 {
        self.state.generation.load(Ordering::Acquire)
    }

    /// Makes sure a fresh token is cached. With `rejected`, the token of that generation was refused
    /// by the server: a new one is fetched unless another task already did.
    pub(crate) async fn ensure(
        &self,
        core: &ClientCore,
        rejected: Option<u64>,
    ) -> Result<(), TokenError> {
        if rejected.is_none() && self.is_fresh(core) {
            return Ok(());
        }
        let _one_at_a_time = self.state.refresh.lock().await;
        let still_needed = match rejected {
            Some(seen) => self.generation() == seen,
            None => !self.is_fresh(core),
        };
        if !still_needed {
            return Ok(());
        }
        let started = Instant::now();
        // The exchange is part of the call that needs the token, and bounded by that call's deadline; a
        // deadline of its own would end it at the same moment and hide the call's behind an
        // authentication error.
        let mut exchange = core.clone();
        exchange.deadline = None;
        (self.config.fetch)(exchange).await?;
        // A lifetime too long to add to the clock is as good as none.
        let expires = self
            .config
            .lifetime
            .and_then(|lifetime| started.checked_add(lifetime));
        *self.state.expires.lock().unwrap_or_else(|e| e.into_inner()) = expires;
        self.state.generation.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    /// Whether a token is held and will outlive the refresh margin.
    fn is_fresh(&self, core: &ClientCore) -> bool {
        if core.credentials().get(self.config.scheme).is_none() {
            return false;
        }
        let expires = *self.state.expires.lock().unwrap_or_else(|e| e.into_inner());
        match expires {
            // A margin too long to add to the clock means every token is about to expire.
            Some(at) => Instant::now()
                .checked_add(self.margin)
                .is_some_and(|deadline| deadline < at),
            None => true,
        }
    }
}

/// Boxes an exchange operation's error for [`TokenFuture`].
pub fn token_error<E>(error: E) -> TokenError
where
    E: std::error::Error + Send + Sync + 'static,
{
    Box::new(error)
}
