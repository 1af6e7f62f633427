//! The request builder every operation returns, written once: it holds the request, sends it through
//! the client's core and decodes the answer with the operation's own decoder. An operation contributes
//! only what is its own (a marker type implementing [`Operation`], and setters for its parameters), so
//! sending, `IntoFuture` and per-call options are not repeated per operation. The API's client type is a
//! parameter of its own, so that setters an API writes once for all its operations
//! (`impl<Op> Call<'_, Client, Op>`) never meet another API's in the same crate.

use super::client::ClientCore;
use super::error::Error;
use super::options::CallOptions;
use super::paging::{PagedCall, Paging};
use super::params::Place;
use super::request::{OperationInfo, Request};
use super::response::{Answer, RawResponse};
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

/// What the runtime needs to know of an operation: implemented by each operation's marker type.
pub trait Operation: Sized + 'static {
    /// The decoded success answer.
    type Output: Send;
    /// The documented error body.
    type Error: Send;
    /// Its id, security and retry safety.
    const INFO: OperationInfo;

    /// Decodes an answer by its status, as the spec documents it.
    fn decode(response: RawResponse) -> Decoded<Self>;

    /// Sees a successful answer before it is returned: an operation that yields a credential stores it.
    fn received(_core: &ClientCore, _value: &Self::Output) {}
}

/// What an operation's `decode` gives: its success answer, or the error that carries its error body. (A
/// name of its own keeps each generated `decode` signature on one line.)
pub type Decoded<Op> = Result<<Op as Operation>::Output, Error<<Op as Operation>::Error>>;

/// A call of operation `Op` on a client `C`, being built: set its optional inputs, then `.send().await` it
/// or `.await` it.
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct Call<'a, C, Op: Operation> {
    client: &'a C,
    request: Request,
    /// Each parameter's writes, by its position among the operation's parameters: kept apart until sending
    /// so that setting a parameter again replaces it, and parameters go out in the spec's order.
    params: Vec<(u16, Request)>,
    options: CallOptions,
    operation: PhantomData<fn() -> Op>,
}

impl<'a, C: AsRef<ClientCore> + Sync, Op: Operation> Call<'a, C, Op> {
    /// A call of `request` (method and path set) on `client`.
    pub fn new(client: &'a C, request: Request) -> Self {
        Call {
            client,
            request,
            params: Vec::new(),
            options: CallOptions::new(),
            operation: PhantomData,
        }
    }

    /// Sets the parameter at `position` (replacing an earlier value) to `value`, written at `place`.
    pub fn set<T: serde::Serialize + ?Sized>(
        self,
        position: u16,
        place: Place,
        name: &str,
        value: &T,
    ) -> Self {
        self.param(position, |request| request.place(place, name, value))
    }

    /// Sets the parameter at `position` (replacing an earlier value): `write` adds it to the request.
    pub fn param(mut self, position: u16, write: impl FnOnce(&mut Request)) -> Self {
        let mut part = Request::new(self.request.method.clone());
        write(&mut part);
        self.params.retain(|(known, _)| *known != position);
        self.params.push((position, part));
        self
    }

    /// Changes the request itself (its body, say).
    pub fn with(mut self, write: impl FnOnce(&mut Request)) -> Self {
        write(&mut self.request);
        self
    }

    /// Settings of this call only: extra headers, timeout, retry policy, idempotency key.
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    /// The client this call is made with.
    pub fn client(&self) -> &'a C {
        self.client
    }

    /// The request as it is sent, with the call's settings.
    pub fn into_request(self) -> (&'a C, Request, CallOptions) {
        let Call {
            client,
            mut request,
            mut params,
            options,
            ..
        } = self;
        params.sort_by_key(|(position, _)| *position);
        for (_, part) in params {
            request.absorb(part);
        }
        (client, request, options)
    }

    /// Sends the request and decodes the answer.
    pub async fn send(self) -> Result<Op::Output, Error<Op::Error>> {
        self.send_with_response().await.map(Answer::into_value)
    }

    /// Sends the request and returns the decoded answer with its status, headers and raw body.
    pub async fn send_with_response(self) -> Result<Answer<Op::Output>, Error<Op::Error>> {
        let (client, request, options) = self.into_request();
        let core = client.as_ref();
        let response = core
            .execute(request, &Op::INFO, options)
            .await
            .map_err(Error::widen)?;
        let answer = Answer::decode(response, Op::decode)?;
        Op::received(core, answer.value());
        Ok(answer)
    }

    /// The pages of a paged operation, fetched one after the other as `paging` says.
    pub fn paged(
        self,
        paging: &'static Paging,
        count: fn(&Op::Output) -> usize,
    ) -> PagedCall<'a, Op::Output, Op::Error> {
        let (client, request, options) = self.into_request();
        PagedCall {
            core: client.as_ref(),
            request,
            options,
            operation: &Op::INFO,
            paging,
            decode: Op::decode,
            count,
        }
    }
}

impl<'a, C: AsRef<ClientCore> + Sync, Op: Operation> IntoFuture for Call<'a, C, Op> {
    type Output = Result<Op::Output, Error<Op::Error>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<C, Op: Operation> std::fmt::Debug for Call<'_, C, Op> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &Op::INFO.id)
            .field("request", &self.request)
            .field("params", &self.params.len())
            .field("options", &self.options)
            .finish()
    }
}
