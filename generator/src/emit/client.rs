//! Emits the `Client` and its `ClientBuilder`: servers, security schemes and credential setters.

use super::tokens::{doc, ident};
use crate::ir::{Api, ParamLocation, SecurityKind};
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
                    inner: runtime::ClientBuilder::new(#default_url, &[ #(#variable_defaults)* ], SECURITY_SCHEMES),
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

            /// Total time allowed for each request.
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.timeout(timeout) }
            }

            /// Time allowed to establish each connection.
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

            #(#variable_setters)*
            #(#builder_setters)*

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
