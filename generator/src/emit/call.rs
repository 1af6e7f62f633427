//! Emits the API's own request builder and mock stub types: local newtypes over the runtime's `Call` and
//! `mock::Stub`. Rust allows inherent impls only on a crate's own types and the runtime is another crate, so
//! each operation's setters hang on these; sending, options and mounting forward to the runtime, where they
//! are written once. The newtypes are emitted once per API, never per operation.

use proc_macro2::TokenStream;
use quote::quote;

/// `operations::Call`, the request builder of every operation (inside the `operations` module).
pub fn call_type() -> TokenStream {
    quote! {
        /// A request of this API for operation `Op`, being built: set its optional inputs, then
        /// `.send().await` it or `.await` it. Sending is the runtime's [`runtime::Call`], which
        /// [`Call::into_inner`] gives back.
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct Call<'a, Op: runtime::Operation>(runtime::Call<'a, super::Client, Op>);

        // Not every API uses every hook (paging, polling, optional bodies).
        #[allow(dead_code)]
        impl<'a, Op: runtime::Operation> Call<'a, Op> {
            pub(super) fn new(client: &'a super::Client, request: runtime::Request) -> Self {
                Call(runtime::Call::new(client, request))
            }

            pub(super) fn set<T: ::serde::Serialize + ?Sized>(
                self,
                position: u16,
                place: runtime::Place,
                name: &str,
                value: &T,
            ) -> Self {
                Call(self.0.set(position, place, name, value))
            }

            pub(super) fn with(self, write: impl FnOnce(&mut runtime::Request)) -> Self {
                Call(self.0.with(write))
            }

            pub(super) fn client(&self) -> &'a super::Client {
                self.0.client()
            }

            pub(super) fn paged(
                self,
                paging: &'static runtime::Paging,
                count: fn(&Op::Output) -> usize,
            ) -> runtime::PagedCall<'a, Op::Output, Op::Error> {
                self.0.paged(paging, count)
            }

            /// Settings of this call only: extra headers, timeout, retry policy, idempotency key.
            pub fn options(self, options: runtime::CallOptions) -> Self {
                Call(self.0.options(options))
            }

            /// Sends the request and decodes the answer.
            pub async fn send(self) -> Result<Op::Output, runtime::Error<Op::Error>> {
                self.0.send().await
            }

            /// Sends the request and returns the decoded answer with its status, headers and raw body.
            pub async fn send_with_response(self) -> Result<runtime::Answer<Op::Output>, runtime::Error<Op::Error>> {
                self.0.send_with_response().await
            }

            /// The runtime's call underneath (the same for every API).
            pub fn into_inner(self) -> runtime::Call<'a, super::Client, Op> {
                self.0
            }
        }

        impl<'a, Op: runtime::Operation> ::std::future::IntoFuture for Call<'a, Op> {
            type Output = Result<Op::Output, runtime::Error<Op::Error>>;
            type IntoFuture = <runtime::Call<'a, super::Client, Op> as ::std::future::IntoFuture>::IntoFuture;

            fn into_future(self) -> Self::IntoFuture {
                self.0.into_future()
            }
        }

        impl<Op: runtime::Operation> ::std::fmt::Debug for Call<'_, Op> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                self.0.fmt(f)
            }
        }
    }
}

/// `mock::Mock` and `mock::Stub` (inside the `mock` module).
pub fn mock_types() -> TokenStream {
    quote! {
        /// The mock server of this API: `Mock::start().await`, then point the client at `mock.uri()`. Every
        /// operation has a stub builder method; the runtime's server underneath (`uri`, `verify`, `server`)
        /// is reached through `Deref`.
        #[derive(Debug)]
        pub struct Mock(runtime::mock::MockServer<Api>);

        impl Mock {
            /// Starts a server on 127.0.0.1; requests that match no stub get a 404 whose body explains why.
            pub async fn start() -> Self {
                Mock(runtime::mock::MockServer::start().await)
            }

            // An API without operations has no stub methods to call it.
            #[allow(dead_code)]
            pub(super) fn stub<O: runtime::mock::Operation>(&self) -> Stub<'_, O> {
                Stub(self.0.stub())
            }
        }

        impl ::std::ops::Deref for Mock {
            type Target = runtime::mock::MockServer<Api>;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        /// A stub of operation `O` being built: typed matchers and answers are its methods; mount it with
        /// [`Stub::mount`]. Answers are given in order, the last repeating.
        #[must_use = "a stub does nothing until it is mounted"]
        #[derive(Debug)]
        pub struct Stub<'a, O>(runtime::mock::Stub<'a, O>);

        // Not every API answers with every kind of body.
        #[allow(dead_code)]
        impl<'a, O: runtime::mock::Operation> Stub<'a, O> {
            /// Delays every answer of this stub (to test timeouts).
            pub fn delay(self, delay: ::std::time::Duration) -> Self {
                Stub(self.0.delay(delay))
            }

            /// Adds a header to every answer of this stub (`Retry-After`, rate-limit headers).
            pub fn respond_header(self, name: &str, value: &str) -> Self {
                Stub(self.0.respond_header(name, value))
            }

            /// Expects this many matching calls (`1`, `1..=3`, `1..`), checked by [`Mock::verify`] or on drop.
            pub fn expect(self, times: impl Into<runtime::mock::Times>) -> Self {
                Stub(self.0.expect(times))
            }

            /// Answers with any status and raw JSON text; the status must still be documented by the operation.
            pub fn respond_status(self, status: u16, body: impl Into<Vec<u8>>) -> Self {
                Stub(self.0.respond_status(status, body))
            }

            /// Answers with a redirect (301, 302, 303, 307 or 308) to `location`, a path on the mock or any URL.
            pub fn respond_redirect(self, status: u16, location: &str) -> Self {
                Stub(self.0.respond_redirect(status, location))
            }

            /// Anything else the runtime's stub can do, applied to it.
            pub fn with(
                self,
                change: impl FnOnce(runtime::mock::Stub<'a, O>) -> runtime::mock::Stub<'a, O>,
            ) -> Self {
                Stub(change(self.0))
            }

            /// Mounts the stub; fails, naming the operation and status, when an answer is not documented.
            pub async fn mount(self) -> Result<(), runtime::mock::MockError> {
                self.0.mount().await
            }

            pub(super) fn stub_set<T: ::serde::Serialize + ?Sized>(
                self,
                slot: Option<usize>,
                place: runtime::Place,
                name: &str,
                value: &T,
            ) -> Self {
                Stub(self.0.stub_set(slot, place, name, value))
            }

            pub(super) fn stub_body(self, write: impl FnOnce(&mut runtime::Request)) -> Self {
                Stub(self.0.stub_body(write))
            }

            pub(super) fn stub_json<T: ::serde::Serialize + ?Sized>(
                self,
                documented: runtime::mock::Documented,
                status: u16,
                value: &T,
            ) -> Self {
                Stub(self.0.stub_json(documented, status, value))
            }

            pub(super) fn stub_raw(
                self,
                documented: runtime::mock::Documented,
                status: u16,
                body: impl Into<Vec<u8>>,
                content_type: &'static str,
            ) -> Self {
                Stub(self.0.stub_raw(documented, status, body, content_type))
            }

            pub(super) fn stub_envelope<T: ::serde::Serialize + ?Sized>(
                self,
                envelope: runtime::EnvelopeSpec,
                documented: runtime::mock::Documented,
                status: u16,
                content: &T,
            ) -> Self {
                Stub(self.0.stub_envelope(envelope, documented, status, content))
            }

            pub(super) fn stub_envelope_error<C: ::serde::Serialize + ?Sized>(
                self,
                envelope: runtime::EnvelopeSpec,
                status: u16,
                code: &C,
                message: &str,
            ) -> Self {
                Stub(self.0.stub_envelope_error(envelope, status, code, message))
            }
        }
    }
}
