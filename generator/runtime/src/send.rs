//! Sending one call: the attempts, with retries, token refresh, timeouts and a size cap, inside a
//! `tracing` span. Written once, not generic, so that no operation instantiates its own copy.

use super::auth::{Credential, KeyLocation, SchemeKind};
use super::body::Body;
use super::client::ClientCore;
use super::error::Error;
use super::options::CallOptions;
use super::params::encode_query;
use super::request::{OperationInfo, Request};
use super::response::RawResponse;
use super::retry::{is_retryable_status, retry_after};
use super::token::TokenSource;
use reqwest::StatusCode;
use reqwest::header::{HeaderName, HeaderValue};
use std::convert::Infallible;
use std::time::Duration;
use tokio::time::Instant;
use tracing::Instrument;

/// An error raised before any answer was decoded (it has no documented error body yet).
type Failure = Error<Infallible>;

impl ClientCore {
    /// Sends a request built by an operation, retrying as its policy allows, and reads the final answer
    /// in full. The span `specgen.call` records the operation, method, path, attempt and status; it never
    /// records credentials, bodies or query values.
    pub async fn execute(
        &self,
        request: Request,
        operation: &OperationInfo,
        options: CallOptions,
    ) -> Result<RawResponse, Failure> {
        let span = tracing::debug_span!(
            "specgen.call",
            operation = operation.id,
            method = %request.method,
            path = %request.path,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        let deadline = self.deadline(&options);
        let run = self
            .run(
                request,
                operation,
                options,
                &span,
                deadline.map(|(ends, _)| ends),
            )
            .instrument(span.clone());
        let Some((ends, deadline)) = deadline else {
            return run.await;
        };
        // Dropping the call's future abandons whatever it was doing: an attempt, a wait, a token exchange
        // (which another call then starts afresh, the exchange lock being released).
        match tokio::time::timeout_at(ends, run).await {
            Ok(outcome) => outcome,
            Err(_) => {
                span.in_scope(|| tracing::debug!(?deadline, "deadline passed"));
                Err(Error::DeadlineExceeded { deadline })
            }
        }
    }

    /// When the call must end, and the deadline that says so: the call's (or the client's), or the end
    /// of the page walk it belongs to, whichever comes first. A deadline too long for the clock is none.
    fn deadline(&self, options: &CallOptions) -> Option<(Instant, Duration)> {
        let own = options
            .deadline
            .or(self.deadline)
            .and_then(|deadline| Some((Instant::now().checked_add(deadline)?, deadline)));
        match (own, options.walk_ends) {
            (Some(own), Some(walk)) => Some(if walk.0 < own.0 { walk } else { own }),
            (own, walk) => own.or(walk),
        }
    }

    async fn run(
        &self,
        mut request: Request,
        operation: &OperationInfo,
        options: CallOptions,
        span: &tracing::Span,
        ends: Option<Instant>,
    ) -> Result<RawResponse, Failure> {
        if let Some(problem) = request.problem.take().or(options.problem) {
            return Err(Error::InvalidRequest(format!(
                "{}: {problem}",
                operation.id
            )));
        }
        request.headers.extend(options.headers);
        if let Some(name) = operation.idempotency_key {
            // One key per call, reused by every attempt: the server then runs the operation once.
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::InvalidRequest(format!(
                    "{}: {name:?} is not a valid header name",
                    operation.id
                ))
            })?;
            if !request.headers.iter().any(|(known, _)| *known == name) {
                let key = options
                    .idempotency_key
                    .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
                let value = HeaderValue::from_str(&key).map_err(|_| {
                    Error::InvalidRequest(format!(
                        "{}: the idempotency key is not a valid header value",
                        operation.id
                    ))
                })?;
                request.headers.push((name, value));
            }
        }
        let idempotent = operation.idempotent || operation.idempotency_key.is_some();
        let follow = idempotent || options.follow_redirects;
        let policy = options.retry.unwrap_or(self.retry);
        let timeout = options.timeout.unwrap_or(self.timeout);
        let requirement = self.requirement(operation);
        let mut attempt: u32 = 0;
        let mut reauthenticated = false;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let tokens = self.prepare_tokens(requirement).await?;
            let outcome = self
                .attempt(&request, operation, requirement, timeout, follow)
                .await;
            let wait = match &outcome {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                    if response.status() == StatusCode::UNAUTHORIZED
                        && !tokens.is_empty()
                        && !reauthenticated
                    {
                        // The token was refused (revoked, or expired early): one fresh token, one resend,
                        // which does not count as a retry since the server did not act on the request.
                        reauthenticated = true;
                        attempt -= 1;
                        for (source, seen) in tokens {
                            source
                                .ensure(self, Some(seen))
                                .await
                                .map_err(|source_error| Error::Authentication {
                                    scheme: source.config.scheme,
                                    source: source_error,
                                })?;
                        }
                        continue;
                    }
                    if idempotent && self.asks_for_retry(response) {
                        policy.delay(attempt, retry_after(response.headers()))
                    } else {
                        None
                    }
                }
                // Refused connections never reached the server: safe to retry whatever the operation.
                Err(Error::Transport(error)) if error.is_connect() => policy.delay(attempt, None),
                Err(Error::Transport(_) | Error::Timeout { .. } | Error::Interrupted { .. })
                    if idempotent =>
                {
                    policy.delay(attempt, None)
                }
                Err(_) => None,
            };
            // A wait that would end after the deadline is not started: the answer (or error) at hand is
            // worth more to the caller than `DeadlineExceeded` later.
            let wait = wait.filter(|delay| {
                ends.is_none_or(|ends| {
                    Instant::now()
                        .checked_add(*delay)
                        .is_some_and(|at| at < ends)
                })
            });
            match wait {
                Some(delay) => {
                    tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                    tokio::time::sleep(delay).await;
                }
                None => return outcome,
            }
        }
    }

    /// The security alternative to apply: the first whose schemes all have credentials (or a token
    /// source), and the anonymous one only when none of those can be met.
    fn requirement(&self, operation: &OperationInfo) -> &'static [&'static str] {
        let satisfiable = |names: &&&'static [&'static str]| {
            !names.is_empty()
                && names
                    .iter()
                    .all(|name| self.credentials.has(name) || self.token_source(name).is_some())
        };
        operation
            .security
            .iter()
            .find(satisfiable)
            .copied()
            .unwrap_or(&[])
    }

    /// Fetches or refreshes the tokens the requirement needs; returns each source with the number of
    /// the token that will be sent.
    async fn prepare_tokens(
        &self,
        requirement: &'static [&'static str],
    ) -> Result<Vec<(&TokenSource, u64)>, Failure> {
        let mut tokens = Vec::new();
        for name in requirement {
            if let Some(source) = self.token_source(name) {
                source
                    .ensure(self, None)
                    .await
                    .map_err(|source_error| Error::Authentication {
                        scheme: source.config.scheme,
                        source: source_error,
                    })?;
                tokens.push((source, source.generation()));
            }
        }
        Ok(tokens)
    }

    /// Whether an answer asks to be tried again: a retryable status, or a retryable envelope code.
    fn asks_for_retry(&self, response: &RawResponse) -> bool {
        if is_retryable_status(response.status()) {
            return true;
        }
        let Some(retryable) = self.retryable_codes else {
            return false;
        };
        let body = response.body();
        // Most answers mention no retryable code at all: skip parsing them.
        let mentions = |code: &&str| {
            !code.is_empty()
                && body
                    .windows(code.len())
                    .any(|window| window == code.as_bytes())
        };
        if !retryable.codes.iter().any(mentions) {
            return false;
        }
        let Ok(envelope) =
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(body)
        else {
            return false;
        };
        // Codes are text, or numbers read as their text (as the envelope reads them).
        let code = match envelope.get(retryable.property) {
            Some(serde_json::Value::String(code)) => code.clone(),
            Some(serde_json::Value::Number(code)) => code.to_string(),
            _ => return false,
        };
        retryable.codes.contains(&code.as_str())
    }

    /// One attempt: the request as reqwest sends it, and its answer read to the end.
    async fn attempt(
        &self,
        request: &Request,
        operation: &OperationInfo,
        requirement: &'static [&'static str],
        timeout: Duration,
        follow: bool,
    ) -> Result<RawResponse, Failure> {
        let invalid =
            |problem: String| Error::InvalidRequest(format!("{}: {problem}", operation.id));
        let mut url = self.base_url.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), request.path);
        url.set_path(&joined);
        let mut query = request.query.clone();
        let mut cookies = request.cookies.clone();
        let mut builder = self
            .http
            .request(request.method.clone(), url)
            .timeout(timeout);
        // JSON unless the operation documents other media types.
        if !request
            .headers
            .iter()
            .any(|(name, _)| name == reqwest::header::ACCEPT)
        {
            builder = builder.header(reqwest::header::ACCEPT, "application/json");
        }
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let query_before = query.len();
        builder = self
            .apply_security(builder, &mut query, &mut cookies, requirement)
            .map_err(invalid)?;
        // A key sent in the query string is part of the URL, which reqwest puts in its errors: strip it there.
        let key_in_url = query.len() > query_before;
        let failure = |error: reqwest::Error| {
            let error = if key_in_url {
                error.without_url()
            } else {
                error
            };
            if error.is_timeout() {
                Error::Timeout {
                    after: timeout,
                    source: error,
                }
            } else {
                Error::Transport(error)
            }
        };
        if !cookies.is_empty() {
            let joined: Vec<String> = cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            let mut value = HeaderValue::from_str(&joined.join("; "))
                .map_err(|_| invalid("a cookie value is not valid".to_owned()))?;
            // Cookies often carry credentials (an apiKey scheme in a cookie among them): never log them.
            value.set_sensitive(true);
            builder = builder.header(reqwest::header::COOKIE, value);
        }
        builder = match &request.body {
            Some(Body::Encoded {
                content_type,
                bytes,
            }) => {
                let content_type = HeaderValue::from_str(content_type)
                    .map_err(|_| invalid(format!("invalid content type {content_type:?}")))?;
                builder
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(bytes.clone())
            }
            Some(Body::Multipart(form)) => builder.multipart(form.to_form().map_err(invalid)?),
            None => builder,
        };
        let mut http_request = builder.build().map_err(|e| invalid(e.to_string()))?;
        if !query.is_empty() {
            // Pairs arrive percent-encoded (the style's separators must stay as they are), so they are
            // joined here rather than re-encoded as form data; a query of the base URL is kept in front.
            let url = http_request.url_mut();
            let pairs = query.iter().map(|(name, value)| format!("{name}={value}"));
            let joined: Vec<String> = url
                .query()
                .map(str::to_owned)
                .into_iter()
                .chain(pairs)
                .collect();
            url.set_query(Some(&joined.join("&")));
        }
        self.follow(http_request, timeout, follow, &failure).await
    }

    /// Sends a request and reads its answer, following redirects when `follow` allows: up to
    /// [`MAX_REDIRECTS`], the credentials sent only to the origin they were sent to first, the body again
    /// on 307 and 308 (301 and 302 after a POST, and 303, become a GET without one, as browsers do). A
    /// redirect that is not followed is `Error::Redirect`. The attempt's timeout covers every hop.
    async fn follow(
        &self,
        mut request: reqwest::Request,
        timeout: Duration,
        follow: bool,
        failure: &impl Fn(reqwest::Error) -> Failure,
    ) -> Result<RawResponse, Failure> {
        let started = Instant::now();
        let mut hops = 0;
        loop {
            // Only a request that may be followed is kept for the next hop (a stream body cannot be).
            let again = if follow && hops < MAX_REDIRECTS {
                request.try_clone()
            } else {
                None
            };
            let url = request.url().clone();
            let response = self.http.execute(request).await.map_err(failure)?;
            let Some(location) = redirect_target(&response, &url) else {
                return self.read(response, failure).await;
            };
            let Some(next) = again else {
                let response = self.read(response, failure).await?;
                return Err(Error::Redirect { location, response });
            };
            hops += 1;
            tracing::debug!(
                hops,
                status = response.status().as_u16(),
                "following a redirect"
            );
            request = redirected(next, response.status(), location);
            // The redirect's body is not read: its connection is closed rather than reused.
            drop(response);
            *request.timeout_mut() = Some(timeout.saturating_sub(started.elapsed()));
        }
    }

    /// Reads an answer to its end, up to the size limit; a body that breaks off keeps what arrived.
    async fn read(
        &self,
        mut response: reqwest::Response,
        failure: &impl Fn(reqwest::Error) -> Failure,
    ) -> Result<RawResponse, Failure> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let limit = self.max_response_bytes;
        // A declared size says enough: no byte of it is awaited, and dropping the unread body closes the
        // connection instead of returning it to the pool.
        if response
            .content_length()
            .is_some_and(|declared| declared > limit as u64)
        {
            return Err(Error::TooLarge {
                limit,
                response: RawResponse::from_parts(status, headers, bytes::Bytes::new()),
            });
        }
        // Most answers arrive in one chunk, kept as it is; only longer ones are copied together.
        let mut first: Option<bytes::Bytes> = None;
        let mut rest: Vec<u8> = Vec::new();
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(error) => {
                    let body = joined(first, rest);
                    return Err(match failure(error) {
                        Error::Transport(source) => Error::Interrupted {
                            source,
                            response: RawResponse::from_parts(status, headers, body),
                        },
                        other => other,
                    });
                }
            };
            let received = first.as_ref().map_or(0, bytes::Bytes::len) + rest.len();
            if received + chunk.len() > limit {
                let mut body = joined(first, rest).to_vec();
                body.extend_from_slice(&chunk[..limit.saturating_sub(received)]);
                return Err(Error::TooLarge {
                    limit,
                    response: RawResponse::from_parts(status, headers, body.into()),
                });
            }
            match &first {
                None => first = Some(chunk),
                Some(head) => {
                    if rest.is_empty() {
                        let expected = response.content_length().unwrap_or(0) as usize;
                        rest.reserve(expected.min(limit).max(head.len() + chunk.len()));
                        rest.extend_from_slice(head);
                    }
                    rest.extend_from_slice(&chunk);
                }
            }
        }
        Ok(RawResponse::from_parts(
            status,
            headers,
            joined(first, rest),
        ))
    }

    /// Puts the credentials of the chosen security requirement on the request.
    fn apply_security(
        &self,
        mut builder: reqwest::RequestBuilder,
        query: &mut Vec<(String, String)>,
        cookies: &mut Vec<(String, String)>,
        requirement: &'static [&'static str],
    ) -> Result<reqwest::RequestBuilder, String> {
        for name in requirement {
            let scheme = self.schemes.iter().find(|scheme| scheme.name == *name);
            let (Some(scheme), Some(credential)) = (scheme, self.credentials.get(name)) else {
                continue;
            };
            builder = match (scheme.kind, credential) {
                (SchemeKind::Bearer, Credential::Token(token)) => {
                    builder.bearer_auth(token.expose())
                }
                (SchemeKind::Basic, Credential::Basic { user, password }) => {
                    builder.basic_auth(user, Some(password.expose()))
                }
                (
                    SchemeKind::ApiKey {
                        location,
                        name,
                        prefix,
                    },
                    Credential::Token(key),
                ) => {
                    let value = format!("{prefix}{}", key.expose());
                    match location {
                        KeyLocation::Header => {
                            builder.header(name, sensitive(scheme.name, &value)?)
                        }
                        KeyLocation::Query => {
                            // Query pairs travel percent-encoded (see `params`).
                            query.push((encode_query(name, false), encode_query(&value, false)));
                            builder
                        }
                        KeyLocation::Cookie => {
                            cookies.push((name.to_owned(), value));
                            builder
                        }
                    }
                }
                // A credential of the wrong shape for its scheme is not sent rather than sent wrongly.
                _ => builder,
            };
        }
        Ok(builder)
    }
}

/// Redirects followed in a row before the last is returned as `Error::Redirect` (reqwest's default limit).
const MAX_REDIRECTS: u32 = 10;

/// Where a redirect answer sends the request: an http(s) URL, its `Location` resolved against the
/// request's. Anything else (no or an unusable `Location`, another 3xx) is an answer like any other.
fn redirect_target(response: &reqwest::Response, url: &reqwest::Url) -> Option<reqwest::Url> {
    if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)?
        .to_str()
        .ok()?
        .trim();
    if location.is_empty() {
        return None;
    }
    let target = url.join(location).ok()?;
    matches!(target.scheme(), "http" | "https").then_some(target)
}

/// The next hop of a redirected request: its method and body as the status says, and without anything
/// secret when it leaves the origin (credentials, cookies, headers marked sensitive).
fn redirected(
    mut request: reqwest::Request,
    status: StatusCode,
    location: reqwest::Url,
) -> reqwest::Request {
    let method = request.method().clone();
    let to_get = match status.as_u16() {
        303 => method != reqwest::Method::HEAD,
        301 | 302 => method == reqwest::Method::POST,
        _ => false,
    };
    if to_get {
        *request.method_mut() = reqwest::Method::GET;
        *request.body_mut() = None;
        let headers = request.headers_mut();
        for name in [
            reqwest::header::CONTENT_TYPE,
            reqwest::header::CONTENT_LENGTH,
            reqwest::header::CONTENT_ENCODING,
            reqwest::header::TRANSFER_ENCODING,
        ] {
            headers.remove(name);
        }
    }
    if location.origin() != request.url().origin() {
        let headers = request.headers_mut();
        for name in [
            reqwest::header::AUTHORIZATION,
            reqwest::header::PROXY_AUTHORIZATION,
            reqwest::header::COOKIE,
        ] {
            headers.remove(name);
        }
        // API keys in headers of their own, and the caller's sensitive headers, are marked sensitive.
        let secret: Vec<HeaderName> = headers
            .iter()
            .filter(|(_, value)| value.is_sensitive())
            .map(|(name, _)| name.clone())
            .collect();
        for name in secret {
            headers.remove(name);
        }
    }
    *request.url_mut() = location;
    request
}

/// The body received so far, from the first chunk alone or from the copied chunks.
fn joined(first: Option<bytes::Bytes>, rest: Vec<u8>) -> bytes::Bytes {
    if rest.is_empty() {
        first.unwrap_or_default()
    } else {
        rest.into()
    }
}

/// A header value marked sensitive, so that reqwest and hyper never log it.
/// The error names the scheme, never the value.
fn sensitive(scheme: &str, value: &str) -> Result<HeaderValue, String> {
    let mut header = HeaderValue::from_str(value)
        .map_err(|_| format!("the credential for scheme {scheme:?} is not a valid header value"))?;
    header.set_sensitive(true);
    Ok(header)
}
