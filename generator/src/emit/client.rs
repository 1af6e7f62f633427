//! Emits the `Client` and its `ClientBuilder`: servers, security schemes and credential setters.

use super::tokens::{doc, ident};
use crate::ir::{Api, Operation, ParamLocation, SecurityKind};
use proc_macro2::TokenStream;
use quote::quote;

/// The client type, its builder and the security scheme table.
pub fn emit_client(api: &Api) -> TokenStream {
    let schemes = api.security_schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let kind = match &scheme.kind {
            SecurityKind::Bearer => quote!(runtime::SchemeKind::Bearer),
            SecurityKind::Basic => quote!(runtime::SchemeKind::Basic),
            SecurityKind::ApiKey { location, name, prefix } => {
                let location = match location {
                    ParamLocation::Query => quote!(runtime::KeyLocation::Query),
                    ParamLocation::Cookie => quote!(runtime::KeyLocation::Cookie),
                    ParamLocation::Header | ParamLocation::Path => quote!(runtime::KeyLocation::Header),
                };
                quote!(runtime::SchemeKind::ApiKey { location: #location, name: #name, prefix: #prefix })
            }
        };
        quote!(runtime::SecurityScheme { name: #name, kind: #kind },)
    });
    let title = &api.title;
    let client_doc = doc(Some(&format!(
        "Client for {title} (version {}).\n\nBuild one with [`Client::builder`]; clones share the connection pool and credentials.",
        api.version
    )));
    let default_server = api.servers.first();
    let default_url = default_server.map(|s| s.url.as_str()).unwrap_or_default();
    let variable_defaults = default_server
        .into_iter()
        .flat_map(|s| &s.variables)
        .map(|v| {
            let name = &v.name;
            let default = &v.default;
            quote!((#name, #default),)
        });
    let servers = api.servers.iter().map(|s| {
        let url = &s.url;
        let description = s.description.as_deref().unwrap_or_default();
        quote!((#url, #description),)
    });
    let variable_setters = default_server
        .into_iter()
        .flat_map(|s| &s.variables)
        .map(|v| {
            let setter = ident(&v.rust_name);
            let name = &v.name;
            let text = format!(
                "Sets the server variable `{name}` (default `{}`).{}",
                v.default,
                v.description
                    .as_deref()
                    .map(|d| format!("\n\n{d}"))
                    .unwrap_or_default()
            );
            let docs = doc(Some(&text));
            quote! {
                #docs
                pub fn #setter(self, value: impl Into<String>) -> Self {
                    ClientBuilder { inner: self.inner.server_variable(#name, value) }
                }
            }
        });
    let (builder_setters, client_setters): (Vec<_>, Vec<_>) =
        api.security_schemes.iter().map(credential_setters).unzip();
    let no_server_note = if api.servers.is_empty() {
        "\n\nThe spec names no server: set one with [`ClientBuilder::base_url`]."
    } else {
        ""
    };
    let retryable = api
        .envelope
        .as_ref()
        .filter(|envelope| !envelope.retryable_codes.is_empty())
        .map(|envelope| {
            let property = &envelope.error_code_property;
            let codes = &envelope.retryable_codes;
            quote!(.retryable_codes(runtime::RetryableCodes { property: #property, codes: &[ #(#codes),* ] }))
        });
    let exchange_setters = api
        .operations
        .iter()
        .filter_map(|operation| exchange_setter(api, operation));
    let builder_doc = doc(Some(&format!(
        "Builds a [`Client`]. The default base URL is `{default_url}`.{no_server_note}"
    )));
    quote! {
        /// The security schemes of the spec, as the runtime applies them.
        const SECURITY_SCHEMES: &[runtime::SecurityScheme] = &[ #(#schemes)* ];

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: runtime::ClientCore,
        }

        impl Client {
            /// The servers the spec lists: URL template and description. The first is the default.
            pub const SERVERS: &'static [(&'static str, &'static str)] = &[ #(#servers)* ];

            /// A builder with the spec's defaults.
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: runtime::ClientBuilder::new(#default_url, &[ #(#variable_defaults)* ], SECURITY_SCHEMES)#retryable,
                }
            }

            /// The shared runtime core (base URL, credentials, HTTP client).
            pub fn core(&self) -> &runtime::ClientCore {
                &self.core
            }

            /// The base URL every operation path is appended to.
            pub fn base_url(&self) -> &::reqwest::Url {
                self.core.base_url()
            }

            #(#client_setters)*
        }

        impl AsRef<runtime::ClientCore> for Client {
            fn as_ref(&self) -> &runtime::ClientCore {
                &self.core
            }
        }

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct ClientBuilder {
            inner: runtime::ClientBuilder,
        }

        impl ClientBuilder {
            /// Replaces the base URL (for example a mock server, or another of [`Client::SERVERS`]).
            pub fn base_url(self, url: impl Into<String>) -> Self {
                ClientBuilder { inner: self.inner.base_url(url) }
            }

            /// Total time allowed for each attempt (default 30 s); a call can override it.
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.timeout(timeout) }
            }

            /// Time allowed for everything one call does: attempts, waits, a token exchange (default none); a call can override it.
            pub fn deadline(self, deadline: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.deadline(deadline) }
            }

            /// Time allowed to establish each connection (default 10 s).
            pub fn connect_timeout(self, timeout: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.connect_timeout(timeout) }
            }

            /// The `User-Agent` header.
            pub fn user_agent(self, user_agent: impl Into<String>) -> Self {
                ClientBuilder { inner: self.inner.user_agent(user_agent) }
            }

            /// Uses the caller's own `reqwest::Client`.
            pub fn http_client(self, client: ::reqwest::Client) -> Self {
                ClientBuilder { inner: self.inner.http_client(client) }
            }

            /// How calls are retried (see [`runtime::RetryPolicy`]); a call can override it.
            pub fn retry(self, policy: runtime::RetryPolicy) -> Self {
                ClientBuilder { inner: self.inner.retry(policy) }
            }

            /// The largest answer body read (default 64 MiB).
            pub fn max_response_bytes(self, limit: usize) -> Self {
                ClientBuilder { inner: self.inner.max_response_bytes(limit) }
            }

            /// How long before its expiry an exchanged token is replaced (default 60 s).
            pub fn token_refresh_margin(self, margin: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.token_refresh_margin(margin) }
            }

            #(#variable_setters)*
            #(#builder_setters)*
            #(#exchange_setters)*

            /// Builds the client.
            pub fn build(self) -> Result<Client, runtime::BuildError> {
                Ok(Client { core: self.inner.build()? })
            }
        }
    }
}

/// The builder setter and the `Client::set_*` method for one scheme's credential.
fn credential_setters(scheme: &crate::ir::SecurityScheme) -> (TokenStream, TokenStream) {
    let setter = ident(&scheme.setter);
    let client_setter = ident(&scheme.client_setter);
    let name = &scheme.name;
    let what = match &scheme.kind {
        SecurityKind::Bearer => "a bearer token".to_owned(),
        SecurityKind::Basic => "an HTTP basic user name and password".to_owned(),
        SecurityKind::ApiKey {
            location,
            name,
            prefix,
        } => {
            let place = match location {
                ParamLocation::Query => "query parameter",
                ParamLocation::Cookie => "cookie",
                ParamLocation::Header | ParamLocation::Path => "header",
            };
            if prefix.is_empty() {
                format!("an API key, sent verbatim in the {place} `{name}`")
            } else {
                format!(
                    "an API key, sent verbatim after `{prefix}` in the {place} `{name}` (not encoded)"
                )
            }
        }
    };
    let text = format!(
        "Credential for the `{name}` security scheme: {what}.{}",
        scheme
            .doc
            .as_deref()
            .map(|d| format!("\n\n{d}"))
            .unwrap_or_default()
    );
    let docs = doc(Some(&text));
    let set_doc = doc(Some(&format!(
        "Replaces the credential for the `{name}` security scheme ({what}) for this client and its clones."
    )));
    match scheme.kind {
        SecurityKind::Basic => (
            quote! {
                #docs
                pub fn #setter(self, user: impl Into<String>, password: impl Into<String>) -> Self {
                    let credential = runtime::Credential::Basic { user: user.into(), password: runtime::Secret::new(password) };
                    ClientBuilder { inner: self.inner.credential(#name, credential) }
                }
            },
            quote! {
                #set_doc
                pub fn #client_setter(&self, user: impl Into<String>, password: impl Into<String>) {
                    let credential = runtime::Credential::Basic { user: user.into(), password: runtime::Secret::new(password) };
                    self.core.credentials().set(#name, credential);
                }
            },
        ),
        _ => (
            quote! {
                #docs
                pub fn #setter(self, value: impl Into<String>) -> Self {
                    ClientBuilder { inner: self.inner.credential(#name, runtime::token(value)) }
                }
            },
            quote! {
                #set_doc
                pub fn #client_setter(&self, value: impl Into<String>) {
                    self.core.credentials().set(#name, runtime::token(value));
                }
            },
        ),
    }
}

/// A builder setter that makes the client obtain a scheme's token with an exchange operation: fetched
/// when first needed, cached, and refreshed by the runtime.
fn exchange_setter(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let exchange = operation.token_exchange.as_ref()?;
    // An exchange that needs its own token could only wait for itself: no automatic exchange then.
    if operation
        .security
        .iter()
        .any(|alternative| alternative.contains(&exchange.scheme))
    {
        return None;
    }
    let body = operation.body.as_ref().filter(|body| body.required)?;
    let body_type = super::bodies::body_argument(api, body).field;
    let scheme = api
        .security_schemes
        .iter()
        .find(|scheme| scheme.name == exchange.scheme)?;
    let method = operation.method_name.trim_start_matches("r#");
    let setter = ident(&format!(
        "{}_via_{method}",
        scheme.setter.trim_start_matches("r#")
    ));
    let method = ident(&operation.method_name);
    let scheme_name = &exchange.scheme;
    let lifetime = match exchange.lifetime_seconds {
        Some(seconds) => quote!(Some(::std::time::Duration::from_secs(#seconds))),
        None => quote!(None),
    };
    let text = format!(
        "Obtains the `{scheme_name}` credential by calling [`Client::{method}`] with `body` when a call first needs it; \
         the token is cached, replaced before it expires{} and once when the server answers 401, one exchange at a time \
         for all clones of the client. The body (with the credentials it holds) stays inside the client and is never printed.",
        exchange
            .lifetime_seconds
            .map(|s| format!(" (it lives {s} s)"))
            .unwrap_or_default()
    );
    let docs = doc(Some(&text));
    let gate = super::gate::cfg(&operation.gate);
    Some(quote! {
        #docs
        #gate
        pub fn #setter(self, body: #body_type) -> Self {
            let fetch: runtime::FetchToken = ::std::sync::Arc::new(move |core| {
                let body = body.clone();
                Box::pin(async move {
                    let client = Client { core };
                    client.#method(body).send().await.map(drop).map_err(runtime::token_error)
                })
            });
            ClientBuilder { inner: self.inner.token_source(#scheme_name, #lifetime, fetch) }
        }
    })
}
