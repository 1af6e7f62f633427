//! The part of every generated client that is the same for all APIs: configuration, auth and sending.

use super::auth::{Credential, Credentials, KeyLocation, SchemeKind, SecurityScheme};
use super::error::{BuildError, Error};
use super::request::{Body, OperationInfo, Request};
use super::response::RawResponse;
use super::secret::Secret;
use std::collections::BTreeMap;
use std::time::Duration;

/// Configuration shared by every generated `ClientBuilder`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    server_variables: Vec<(&'static str, String)>,
    schemes: &'static [SecurityScheme],
    credentials: BTreeMap<&'static str, Credential>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
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
            timeout: None,
            connect_timeout: None,
            user_agent: None,
            http: None,
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

    /// Total time allowed for each request, from sending to the last body byte.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time allowed to establish each connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header sent with every request.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses the caller's own `reqwest::Client` (its timeouts and user agent then apply instead of this builder's).
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
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder();
                if let Some(timeout) = self.timeout {
                    builder = builder.timeout(timeout);
                }
                if let Some(timeout) = self.connect_timeout {
                    builder = builder.connect_timeout(timeout);
                }
                if let Some(user_agent) = &self.user_agent {
                    builder = builder.user_agent(user_agent);
                }
                builder.build().map_err(BuildError::Http)?
            }
        };
        Ok(ClientCore {
            http,
            base_url,
            schemes: self.schemes,
            credentials: Credentials::new(self.credentials),
        })
    }
}

/// The configured state behind a generated `Client`; cheap to clone, and clones share credentials.
#[derive(Debug, Clone)]
pub struct ClientCore {
    http: reqwest::Client,
    base_url: reqwest::Url,
    schemes: &'static [SecurityScheme],
    credentials: Credentials,
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

    /// Sends a request built by an operation and reads its whole answer.
    pub async fn execute<E>(
        &self,
        request: Request,
        operation: &OperationInfo,
    ) -> Result<RawResponse, Error<E>> {
        if let Some(problem) = request.problem {
            return Err(Error::InvalidRequest(format!(
                "{}: {problem}",
                operation.id
            )));
        }
        let mut url = self.base_url.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), request.path);
        url.set_path(&joined);
        let mut query = request.query;
        let mut cookies = request.cookies;
        let mut builder = self.http.request(request.method, url);
        builder = builder.header(reqwest::header::ACCEPT, "application/json");
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        let query_before = query.len();
        builder = self
            .apply_security(builder, &mut query, &mut cookies, operation)
            .map_err(|problem| Error::InvalidRequest(format!("{}: {problem}", operation.id)))?;
        // A key sent in the query string is part of the URL, which reqwest puts in its errors: strip it there.
        let key_in_url = query.len() > query_before;
        let transport = |error: reqwest::Error| {
            Error::Transport(if key_in_url {
                error.without_url()
            } else {
                error
            })
        };
        if !cookies.is_empty() {
            let joined: Vec<String> = cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            let mut value =
                reqwest::header::HeaderValue::from_str(&joined.join("; ")).map_err(|_| {
                    Error::InvalidRequest(format!("{}: a cookie value is not valid", operation.id))
                })?;
            // Cookies often carry credentials (an apiKey scheme in a cookie among them): never log them.
            value.set_sensitive(true);
            builder = builder.header(reqwest::header::COOKIE, value);
        }
        if let Some(Body::Json(bytes)) = request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes);
        }
        let mut http_request = builder
            .build()
            .map_err(|e| Error::InvalidRequest(format!("{}: {e}", operation.id)))?;
        if !query.is_empty() {
            http_request
                .url_mut()
                .query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        let response = self.http.execute(http_request).await.map_err(transport)?;
        RawResponse::read(response).await.map_err(transport)
    }

    /// Applies the first security requirement whose schemes all have credentials.
    fn apply_security(
        &self,
        mut builder: reqwest::RequestBuilder,
        query: &mut Vec<(String, String)>,
        cookies: &mut Vec<(String, String)>,
        operation: &OperationInfo,
    ) -> Result<reqwest::RequestBuilder, String> {
        let requirement = operation.security.iter().find(|names| {
            names
                .iter()
                .all(|name| self.credentials.get(name).is_some())
        });
        let Some(requirement) = requirement else {
            return Ok(builder);
        };
        for name in *requirement {
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
                            query.push((name.to_owned(), value));
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

/// A header value marked sensitive, so that reqwest and hyper never log it.
/// The error names the scheme, never the value.
fn sensitive(scheme: &str, value: &str) -> Result<reqwest::header::HeaderValue, String> {
    let mut header = reqwest::header::HeaderValue::from_str(value)
        .map_err(|_| format!("the credential for scheme {scheme:?} is not a valid header value"))?;
    header.set_sensitive(true);
    Ok(header)
}

/// Wraps a token for [`ClientBuilder::credential`].
pub fn token(value: impl Into<String>) -> Credential {
    Credential::Token(Secret::new(value))
}
