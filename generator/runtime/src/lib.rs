//! The runtime shared by the clients that specgen (the `specgen` package beside this one) generates from
//! OpenAPI specs: everything that is the same for every API and every operation, written once, compiled once
//! and tested here, never copied per operation.
//!
//! A generated client is thin. Its `Client` wraps a [`ClientCore`] (built by a [`ClientBuilder`]: base URL and
//! server variables, credentials, timeouts, a [`RetryPolicy`], token exchanges, a response size cap) and
//! implements `AsRef<ClientCore>`. Each operation is a marker type implementing [`Operation`]: its
//! [`OperationInfo`] (id, security alternatives, whether it is safe to send twice) and a decoder that turns a
//! [`RawResponse`] into the documented success type or an [`Error`]. An operation's method returns a [`Call`],
//! the one request builder of every operation: setters write parameters into its [`Request`] in the spec's
//! [`Style`], per-call settings go in [`CallOptions`], and `.await` (or [`Call::send`]) sends it through
//! [`ClientCore::execute`], which applies security, retries idempotent calls, refreshes tokens and reads the
//! answer. Extensions of the spec map to the rest: [`EnvelopeSpec`] for answers that report failure in their
//! body, [`Paging`] and [`PagedCall`] for paged lists, [`poll()`] for asynchronous requests; models use
//! [`Nullable`], [`Base64`], [`datetime`], [`tagged`], [`enums`] and [`object`].
//!
//! Generated code names this crate by one path, `::specgen_runtime` unless the generator is told otherwise,
//! so clients generated from different specs share its [`Error`], [`CallOptions`] and [`RetryPolicy`].
//!
//! Promises kept here for every generated client: an answer from the server, however hostile, becomes a typed
//! [`Error`] and never a panic; an operation that is not idempotent is never sent twice once it may have
//! reached the server; credentials ([`Secret`]) never show in `Debug`, `Display` or error messages.
//!
//! # Features
//!
//! - `mock`: the `mock` module, typed mock servers for the users of generated clients (a real HTTP server on
//!   127.0.0.1, from [wiremock]); each generated API adds one typed stub builder per operation. A generated
//!   crate's own `mock` feature turns this one on.
//!
//! # Example
//!
//! What generated code does for `GET /things/{id}`, written by hand (the server here is a local mock):
//!
//! ```
//! use specgen_runtime::{
//!     Call, CallOptions, ClientBuilder, ClientCore, Decoded, Error, Operation, OperationInfo, RawResponse,
//!     Request, RetryPolicy,
//! };
//! use std::time::Duration;
//!
//! /// The API's client: the shared core behind a type of its own.
//! pub struct Client(ClientCore);
//!
//! impl AsRef<ClientCore> for Client {
//!     fn as_ref(&self) -> &ClientCore {
//!         &self.0
//!     }
//! }
//!
//! /// The operation `getThing`: what it is, and how its answers decode.
//! pub struct GetThing;
//!
//! impl Operation for GetThing {
//!     type Output = serde_json::Value;
//!     type Error = serde_json::Value;
//!     const INFO: OperationInfo = OperationInfo {
//!         id: "getThing",
//!         security: &[],
//!         idempotent: true,
//!         idempotency_key: None,
//!     };
//!
//!     fn decode(response: RawResponse) -> Decoded<Self> {
//!         match response.status().as_u16() {
//!             200 => response.json(),
//!             404 => response.api_error(),
//!             _ => response.unexpected(),
//!         }
//!     }
//! }
//!
//! impl Client {
//!     /// `GET /things/{id}`.
//!     pub fn get_thing(&self, id: u64) -> Call<'_, Client, GetThing> {
//!         let mut request = Request::new(reqwest::Method::GET);
//!         request.path("/things/");
//!         request.path_param("id", &id);
//!         Call::new(self, request)
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # use wiremock::{Mock, MockServer, ResponseTemplate, matchers::path};
//! # let server = MockServer::start().await;
//! # Mock::given(path("/v1/things/7"))
//! #     .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 7})))
//! #     .mount(&server)
//! #     .await;
//! # Mock::given(path("/v1/things/8"))
//! #     .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({"reason": "gone"})))
//! #     .mount(&server)
//! #     .await;
//! let core = ClientBuilder::new("{origin}/v1", &[("origin", "https://api.example.com")], &[])
//! #   .server_variable("origin", server.uri())
//!     .retry(RetryPolicy::default().max_attempts(5))
//!     .build()?;
//! let client = Client(core);
//!
//! let thing = client.get_thing(7).await?;
//! assert_eq!(thing["id"], 7);
//!
//! // Per-call settings, and a documented error decoded into its type.
//! let quick = CallOptions::new().timeout(Duration::from_secs(2));
//! match client.get_thing(8).options(quick).await {
//!     Err(Error::Api(error)) => assert_eq!(error.value["reason"], "gone"),
//!     other => panic!("expected the documented 404, got {other:?}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! An optional, nullable property keeps "leave it out" apart from "set it to null":
//!
//! ```
//! use specgen_runtime::Nullable;
//!
//! #[derive(serde::Serialize)]
//! struct Patch {
//!     #[serde(default, skip_serializing_if = "Nullable::is_absent")]
//!     nickname: Nullable<String>,
//!     #[serde(default, skip_serializing_if = "Nullable::is_absent")]
//!     email: Nullable<String>,
//! }
//!
//! let patch = Patch { nickname: Nullable::Null, email: Nullable::Absent };
//! assert_eq!(serde_json::to_string(&patch)?, r#"{"nickname":null}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! [wiremock]: https://docs.rs/wiremock

// A crate that embeds these sources without declaring a `mock` feature simply has no mocks.
#![allow(unexpected_cfgs)]

pub mod auth;
pub mod base64;
pub mod body;
pub mod call;
pub mod client;
pub mod datetime;
pub mod decimal;
pub mod enums;
pub mod envelope;
pub mod error;
#[cfg(feature = "mock")]
pub mod mock;
pub mod nullable;
pub mod object;
pub mod options;
pub mod paging;
pub mod params;
pub mod poll;
pub mod request;
pub mod response;
pub mod retry;
pub mod secret;
pub mod send;
pub mod tagged;
pub mod token;

pub use auth::{Credential, KeyLocation, SchemeKind, SecurityScheme};
pub use base64::Base64;
pub use body::{FilePart, FileParts, Multipart, MultipartBody};
pub use call::{Call, Decoded, Operation};
pub use client::{ClientBuilder, ClientCore, RetryableCodes, token};
pub use envelope::{EnvelopeError, EnvelopeSpec};
pub use error::{ApiError, BuildError, Error};
pub use nullable::Nullable;
pub use options::CallOptions;
pub use paging::{PagedCall, Paging};
pub use params::{DeepArrays, Place, Style, encode_path_segment, encode_query};
pub use poll::{PollOptions, poll, poll_argument};
pub use request::{OperationInfo, Request};
pub use response::{Answer, RawResponse, header_value};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use token::{FetchToken, TokenError, TokenFuture, token_error};
