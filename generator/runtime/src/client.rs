//! The part of every generated client that is the same for all APIs: its configuration. Sending is in
//! `send`.

use super::auth::{Credential, Credentials, SecurityScheme};
use super::error::BuildError;
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::token::{FetchToken, TokenSource, TokenSourceConfig};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// Time allowed for each attempt, from sending to the last body byte, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed to establish each connection, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer body read, unless configured: a bigger one fails with `Error::TooLarge`.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
/// How long before its expiry a cached token is replaced, unless configured.
pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// Envelope error codes that ask for another attempt (`x-specgen-retryable-codes`).
#[derive(Debug, Clone, Copy)]
pub struct RetryableCodes {
    /// The answer's property holding the error code.
    pub property: &'static str,
    /// The codes.
    pub codes: &'static [&'static str],
}

/// Configuration shared by every generated `ClientBuilder`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    server_variables: Vec<(&'static str, String)>,
    schemes: &'static [SecurityScheme],
    credentials: BTreeMap<&'static str, Credential>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    retryable_codes: Option<RetryableCodes>,
    token_sources: Vec<TokenSourceConfig>,
    token_refresh_margin: Duration,
    max_response_bytes: usize,
    deadline: Option<Duration>,
}

impl ClientBuilder {
    /// A builder whose base URL is `server_url`, a template whose `{variables}` take `server_variables`' defaults.
    pub fn new(
        server_url: &str,
        server_variables: &[(&'static str, &str)],
        schemes: &'static [SecurityScheme],
    ) -> Self {
        ClientBuilder {
            base_url: server_url.to_owned(),
            server_variables: server_variables
                .iter()
                .map(|(name, default)| (*name, (*default).to_owned()))
                .collect(),
            schemes,
            credentials: BTreeMap::new(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: None,
            http: None,
            retry: RetryPolicy::default(),
            retryable_codes: None,
            token_sources: Vec::new(),
            token_refresh_margin: DEFAULT_TOKEN_REFRESH_MARGIN,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            deadline: None,
        }
    }

    /// Replaces the base URL (its `{variables}`, if any, are still substituted).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sets a server variable of the base URL template.
    pub fn server_variable(mut self, name: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self
            .server_variables
            .iter_mut()
            .find(|(known, _)| *known == name)
        {
            Some(slot) => slot.1 = value,
            None => self.server_variables.push((name, value)),
        }
        self
    }

    /// Total time allowed for each attempt, from sending to the last body byte (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed for everything one call does (default none): its attempts, the waits between them and a
    /// token exchange it triggers; past it the call ends with `Error::DeadlineExceeded`. A call can
    /// override it ([`CallOptions::deadline`](super::CallOptions::deadline)).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Time allowed to establish each connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How calls are retried (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Envelope error codes that ask for another attempt, as the spec lists them.
    pub fn retryable_codes(mut self, codes: RetryableCodes) -> Self {
        self.retryable_codes = Some(codes);
        self
    }

    /// Obtains the credential of `scheme` by running `fetch` (an exchange operation of the API) when a
    /// call needs it; the token is cached, replaced before `lifetime` runs out and once on a 401.
    pub fn token_source(
        mut self,
        scheme: &'static str,
        lifetime: Option<Duration>,
        fetch: FetchToken,
    ) -> Self {
        self.token_sources.retain(|source| source.scheme != scheme);
        self.token_sources.push(TokenSourceConfig {
            scheme,
            lifetime,
            fetch,
        });
        self
    }

    /// How long before its expiry a cached token is replaced (default 60 s).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_refresh_margin = margin;
        self
    }

    /// The largest answer body read (default 64 MiB); a bigger one fails with `Error::TooLarge`, at once
    /// when its `Content-Length` already says so.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The `User-Agent` header sent with every request.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses the caller's own `reqwest::Client` (its connect timeout, user agent, redirect and proxy settings then apply instead of this builder's; the per-attempt timeout and the deadline still apply).
    /// Build it with `redirect(reqwest::redirect::Policy::none())` to keep the runtime's redirect rules: a
    /// client that follows redirects itself would send a redirected POST again.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sets the credential for a security scheme.
    pub fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.insert(scheme, credential);
        self
    }

    /// Builds the shared core of a client.
    pub fn build(self) -> Result<ClientCore, BuildError> {
        let mut url_text = self.base_url.clone();
        for (name, value) in &self.server_variables {
            url_text = url_text.replace(&format!("{{{name}}}"), value);
        }
        let invalid = |reason: String| BuildError::InvalidBaseUrl {
            url: url_text.clone(),
            reason,
        };
        let base_url = reqwest::Url::parse(&url_text).map_err(|e| invalid(e.to_string()))?;
        if base_url.cannot_be_a_base() {
            return Err(invalid("it cannot be a base URL".to_owned()));
        }
        // The timeout is set on each request instead (see `send`), so that a call can override it
        // even on a caller's own `reqwest::Client`.
        let http = match self.http {
            Some(http) => http,
            None => {
                // Redirects are followed by `send`, which knows whether the operation may be sent twice.
                let mut builder = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .redirect(reqwest::redirect::Policy::none());
                if let Some(user_agent) = &self.user_agent {
                    builder = builder.user_agent(user_agent);
                }
                builder.build().map_err(BuildError::Http)?
            }
        };
        let margin = self.token_refresh_margin;
        Ok(ClientCore {
            http,
            base_url,
            schemes: self.schemes,
            credentials: Credentials::new(self.credentials),
            timeout: self.timeout,
            retry: self.retry,
            retryable_codes: self.retryable_codes,
            token_sources: self
                .token_sources
                .into_iter()
                .map(|config| TokenSource::new(config, margin))
                .collect(),
            max_response_bytes: self.max_response_bytes,
            deadline: self.deadline,
        })
    }
}

/// The configured state behind a generated `Client`; cheap to clone, and clones share credentials.
#[derive(Debug, Clone)]
pub struct ClientCore {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: reqwest::Url,
    pub(crate) schemes: &'static [SecurityScheme],
    pub(crate) credentials: Credentials,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) retryable_codes: Option<RetryableCodes>,
    pub(crate) token_sources: Arc<[TokenSource]>,
    pub(crate) max_response_bytes: usize,
    pub(crate) deadline: Option<Duration>,
}

impl ClientCore {
    /// The base URL every operation path is appended to.
    pub fn base_url(&self) -> &reqwest::Url {
        &self.base_url
    }

    /// The credentials this client sends; setting one here affects every clone of the client.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The token source of a scheme, if its credential is obtained by an exchange.
    pub(crate) fn token_source(&self, scheme: &str) -> Option<&TokenSource> {
        self.token_sources
            .iter()
            .find(|source| source.config.scheme == scheme)
    }
}

/// Wraps a token for [`ClientBuilder::credential`].
pub fn token(value: impl Into<String>) -> Credential {
    Credential::Token(Secret::new(value))
}
