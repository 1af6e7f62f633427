//! The runtime shared by generated clients: written once, compiled and tested, never copied per operation.
//! `mock` (typed mock servers for tests) exists when the crate's `mock` feature is on; a crate that includes the
//! runtime without declaring that feature simply has no mocks (hence `unexpected_cfgs` is allowed here).
#![allow(unexpected_cfgs)]

pub mod auth;
pub mod base64;
pub mod body;
pub mod call;
pub mod client;
pub mod datetime;
pub mod decimal;
pub mod envelope;
pub mod error;
#[cfg(feature = "mock")]
pub mod mock;
pub mod nullable;
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
pub use call::{Call, Operation};
pub use client::{ClientBuilder, ClientCore, RetryableCodes, token};
pub use envelope::{EnvelopeError, EnvelopeSpec};
pub use error::{ApiError, BuildError, Error};
pub use nullable::Nullable;
pub use options::CallOptions;
pub use paging::{PagedCall, Paging};
pub use params::{DeepArrays, Style, encode_path_segment, encode_query};
pub use poll::{PollOptions, poll, poll_argument};
pub use request::{OperationInfo, Request};
pub use response::{Answer, RawResponse, header_value};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use token::{FetchToken, TokenError, TokenFuture, token_error};
