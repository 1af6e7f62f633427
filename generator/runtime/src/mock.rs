//! Typed mock servers for the users of generated clients (cargo feature `mock`): a real HTTP server on
//! 127.0.0.1 (wiremock) and one typed stub builder per operation. Stubs match requests encoded exactly as
//! the client encodes them (the same `Request` writers), are checked against the spec's documented
//! responses when mounted, and requests that match no stub are reported with a diff against the closest one.
//!
//! This is test support: [`MockServer`] panics when dropped with unmet expectations or unmatched requests
//! (as wiremock does), unless [`MockServer::verify`] already reported them.

use super::body::Body;
use super::envelope::EnvelopeSpec;
use super::params::Place;
use super::request::Request;
use std::fmt::Write as _;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// A documented response of an operation, by the statuses it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Documented {
    /// One status code.
    Code(u16),
    /// A class such as `4XX` (the digit).
    Range(u16),
    /// `default`: every status not otherwise documented.
    Default,
}

impl std::fmt::Display for Documented {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Documented::Code(code) => write!(f, "{code}"),
            Documented::Range(class) => write!(f, "{class}XX"),
            Documented::Default => f.write_str("default"),
        }
    }
}

/// The documented response a status selects, as the client decodes it: its own code, then its class,
/// then `default`.
fn select(responses: &[Documented], status: u16) -> Option<Documented> {
    [
        Documented::Code(status),
        Documented::Range(status / 100),
        Documented::Default,
    ]
    .into_iter()
    .find(|candidate| responses.contains(candidate))
}

/// What the generated code tells the mock about one operation.
#[derive(Debug, Clone, Copy)]
pub struct OperationSpec {
    /// The spec's `operationId` (or the name derived for it).
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template: literal text, or `None` for a path parameter (in template order).
    pub path: &'static [Option<&'static str>],
    /// The documented responses.
    pub responses: &'static [Documented],
    /// The answer of a stub that gives none: a status and its JSON body (empty for none), from the
    /// spec's `example`.
    pub example: Option<(u16, &'static str)>,
}

/// An operation a stub can be built for (a marker type per operation, in each API's `mock` module).
pub trait Operation {
    /// What the mock needs to know about it.
    const SPEC: OperationSpec;
}

/// Why a stub was not mounted, or what [`MockServer::verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MockError {
    /// The stub answers with a status the operation does not document.
    #[error("stub of {operation}: status {status} is not a documented response of the operation")]
    UndocumentedStatus {
        /// The operation.
        operation: &'static str,
        /// The status.
        status: u16,
    },
    /// A typed answer's status selects another documented response (whose body type differs).
    #[error(
        "stub of {operation}: status {status} is documented by response {documented}, not by {chosen}"
    )]
    OtherResponse {
        /// The operation.
        operation: &'static str,
        /// The status.
        status: u16,
        /// The response the status selects.
        documented: String,
        /// The response the stub's answer was typed for.
        chosen: String,
    },
    /// The stub gives no answer and the spec has no example to answer with.
    #[error(
        "stub of {operation}: no answer given and the spec documents no example; call a respond_ method"
    )]
    NoAnswer {
        /// The operation.
        operation: &'static str,
    },
    /// A stub input could not be encoded (the client would refuse it too).
    #[error("stub of {operation}: {problem}")]
    InvalidStub {
        /// The operation.
        operation: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// Expectations not met or requests that matched no stub, one per line.
    #[error("mock server check failed:\n{0}")]
    Verification(String),
}

/// How many calls a stub expects: `1`, `1..=3` or `1..`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Times {
    min: u64,
    max: Option<u64>,
}

impl From<u64> for Times {
    fn from(exactly: u64) -> Self {
        Times {
            min: exactly,
            max: Some(exactly),
        }
    }
}

impl From<std::ops::RangeInclusive<u64>> for Times {
    fn from(range: std::ops::RangeInclusive<u64>) -> Self {
        Times {
            min: *range.start(),
            max: Some(*range.end()),
        }
    }
}

impl From<std::ops::RangeFrom<u64>> for Times {
    fn from(range: std::ops::RangeFrom<u64>) -> Self {
        Times {
            min: range.start,
            max: None,
        }
    }
}

impl Times {
    fn allows(self, calls: u64) -> bool {
        calls >= self.min && self.max.is_none_or(|max| calls <= max)
    }
}

impl std::fmt::Display for Times {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.max {
            Some(max) if max == self.min => write!(f, "exactly {max}"),
            Some(max) => write!(f, "between {} and {max}", self.min),
            None => write!(f, "at least {}", self.min),
        }
    }
}

/// A mock server for one API (`A` is the API's marker): a real HTTP server on 127.0.0.1. Point the
/// client at [`MockServer::uri`]; each API's `mock::Mock` adds one stub builder per operation.
pub struct MockServer<A> {
    server: wiremock::MockServer,
    state: Arc<State>,
    api: PhantomData<fn() -> A>,
}

impl<A> std::fmt::Debug for MockServer<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

/// What stubs and the catch-all share: mounted stubs with their call counts, and requests nothing matched.
#[derive(Default)]
struct State {
    stubs: Mutex<Vec<Arc<Mounted>>>,
    misses: Mutex<Vec<String>>,
    verified: AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not hide the report of another.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<A> MockServer<A> {
    /// Starts a server on 127.0.0.1; requests that match no stub get a 404 whose body explains why.
    pub async fn start() -> Self {
        let server = wiremock::MockServer::start().await;
        let state = Arc::new(State::default());
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(CatchAll(state.clone()))
            .with_priority(u8::MAX)
            .named("requests that match no stub")
            .mount(&server)
            .await;
        MockServer {
            server,
            state,
            api: PhantomData,
        }
    }

    /// The base URL to give the client (`Client::builder().base_url(mock.uri())`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The wiremock server underneath, for stubs written by hand (they take precedence over nothing-matched).
    pub fn server(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// A stub of operation `O` (the generated per-operation methods call this).
    pub fn stub<O: Operation>(&self) -> Stub<'_, O> {
        Stub {
            server: &self.server,
            state: &self.state,
            expected: Expected::new(O::SPEC),
            answers: Vec::new(),
            headers: Vec::new(),
            delay: None,
            times: None,
            problem: None,
            operation: PhantomData,
        }
    }

    /// Checks every expectation and that every request matched a stub; the error lists each problem, with a
    /// diff between an unmatched request and the closest stub. Once called, dropping the server checks nothing.
    pub fn verify(&self) -> Result<(), MockError> {
        self.state.verified.store(true, Ordering::SeqCst);
        let mut problems: Vec<String> = Vec::new();
        for stub in lock(&self.state.stubs).iter() {
            let calls = stub.calls.load(Ordering::SeqCst);
            if let Some(times) = stub.times.filter(|times| !times.allows(calls)) {
                problems.push(format!(
                    "- {}: expected {times} call(s), received {calls}",
                    stub.expected.spec.id
                ));
            }
        }
        problems.extend(
            lock(&self.state.misses)
                .iter()
                .map(|miss| format!("- {miss}")),
        );
        if problems.is_empty() {
            Ok(())
        } else {
            Err(MockError::Verification(problems.join("\n")))
        }
    }
}

impl<A> Drop for MockServer<A> {
    fn drop(&mut self) {
        if std::thread::panicking() || self.state.verified.load(Ordering::SeqCst) {
            return;
        }
        if let Err(error) = self.verify() {
            // Test support: an unmet expectation fails the test that owns the server, as in wiremock.
            panic!("{error}");
        }
    }
}

/// A stub of operation `O` being built: typed matchers and answers come from the generated methods; mount it
/// with [`Stub::mount`]. Answers are given in order (`respond_429(..).respond_200(..)`), the last repeating.
#[must_use = "a stub does nothing until it is mounted"]
pub struct Stub<'a, O> {
    server: &'a wiremock::MockServer,
    state: &'a Arc<State>,
    expected: Expected,
    answers: Vec<Answer>,
    headers: Vec<(String, String)>,
    delay: Option<Duration>,
    times: Option<Times>,
    problem: Option<String>,
    operation: PhantomData<fn() -> O>,
}

impl<O> std::fmt::Debug for Stub<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stub")
            .field("operation", &self.expected.spec.id)
            .field("answers", &self.answers.len())
            .finish_non_exhaustive()
    }
}

/// One answer of a stub.
#[derive(Debug, Clone)]
struct Answer {
    /// The response the answer was typed for; `None` for [`Stub::respond_status`] and envelope failures.
    documented: Option<Documented>,
    status: u16,
    body: Vec<u8>,
    content_type: &'static str,
    /// The `Location` of a redirect ([`Stub::respond_redirect`]).
    location: Option<String>,
}

impl<O: Operation> Stub<'_, O> {
    /// Delays every answer of this stub (to test timeouts).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Adds a header to every answer of this stub (`Retry-After`, rate-limit headers).
    pub fn respond_header(mut self, name: &str, value: &str) -> Self {
        let valid = reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
            && reqwest::header::HeaderValue::from_str(value).is_ok();
        if !valid {
            return self.fail(format!("header {name:?} has an invalid name or value"));
        }
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Expects this many matching calls (`1`, `1..=3`, `1..`), checked by [`MockServer::verify`] or on drop.
    pub fn expect(mut self, times: impl Into<Times>) -> Self {
        self.times = Some(times.into());
        self
    }

    /// Answers with any status and raw JSON text; the status must still be documented by the operation.
    pub fn respond_status(self, status: u16, body: impl Into<Vec<u8>>) -> Self {
        self.push(None, status, body.into(), "application/json")
    }

    /// Answers with a redirect (301, 302, 303, 307 or 308) to `location`, a path on the mock
    /// (`/elsewhere`) or any URL. Specs seldom document redirects (a server sends them whatever the
    /// operation), so this answer needs none. Takes its place in the sequence like any answer.
    pub fn respond_redirect(self, status: u16, location: &str) -> Self {
        if !matches!(status, 301 | 302 | 303 | 307 | 308) {
            return self.fail(format!(
                "{status} is not a redirect status (301, 302, 303, 307 or 308)"
            ));
        }
        if reqwest::header::HeaderValue::from_str(location).is_err() {
            return self.fail(format!(
                "the redirect location {location:?} is not a valid header value"
            ));
        }
        let mut stub = self.push(None, status, Vec::new(), "");
        if let Some(answer) = stub.answers.last_mut() {
            answer.location = Some(location.to_owned());
        }
        stub
    }

    /// Mounts the stub; fails, naming the operation and status, when an answer is not documented by the spec.
    pub async fn mount(mut self) -> Result<(), MockError> {
        let operation = O::SPEC.id;
        if let Some(problem) = self.problem.take() {
            return Err(MockError::InvalidStub { operation, problem });
        }
        if self.answers.is_empty() {
            let (status, body) = O::SPEC.example.ok_or(MockError::NoAnswer { operation })?;
            let content_type = if body.is_empty() {
                ""
            } else {
                "application/json"
            };
            self = self.push(None, status, body.as_bytes().to_vec(), content_type);
        }
        for answer in &self.answers {
            check_answer(&O::SPEC, answer)?;
        }
        let mounted = Arc::new(Mounted {
            expected: self.expected,
            times: self.times,
            calls: AtomicU64::new(0),
        });
        let responder = Responder {
            stub: mounted.clone(),
            answers: self.answers,
            headers: self.headers,
            delay: self.delay,
        };
        lock(&self.state.stubs).push(mounted.clone());
        wiremock::Mock::given(Matcher(mounted))
            .respond_with(responder)
            .named(operation)
            .mount(self.server)
            .await;
        Ok(())
    }

    /// Generated setters: matches one parameter's `value`, written at `place` as the client writes it
    /// ([`Stub::stub_param`]).
    #[doc(hidden)]
    pub fn stub_set<T: serde::Serialize + ?Sized>(
        self,
        slot: Option<usize>,
        place: Place,
        name: &str,
        value: &T,
    ) -> Self {
        self.stub_param(slot, |request| request.place(place, name, value))
    }

    /// Generated setters: writes a parameter the way the client does; `slot` is a path parameter's place.
    #[doc(hidden)]
    pub fn stub_param(mut self, slot: Option<usize>, write: impl FnOnce(&mut Request)) -> Self {
        let mut request = Request::new(reqwest::Method::GET);
        write(&mut request);
        if let Some(problem) = request.problem {
            self.problem.get_or_insert(problem);
        }
        match slot {
            Some(slot) => {
                if self.expected.path_values.len() <= slot {
                    self.expected.path_values.resize(slot + 1, None);
                }
                self.expected.path_values[slot] = Some(request.path);
            }
            None => {
                self.expected.query.extend(request.query);
                self.expected.cookies.extend(request.cookies);
                self.expected.headers.extend(
                    request
                        .headers
                        .into_iter()
                        .map(|(name, value)| (name.to_string(), text(value.as_bytes()))),
                );
            }
        }
        self
    }

    /// Generated body setter: encodes the body the way the client does.
    #[doc(hidden)]
    pub fn stub_body(mut self, write: impl FnOnce(&mut Request)) -> Self {
        let mut request = Request::new(reqwest::Method::GET);
        write(&mut request);
        if let Some(problem) = request.problem {
            self.problem.get_or_insert(problem);
        }
        self.expected.body = match request.body {
            Some(Body::Encoded {
                content_type,
                bytes,
            }) if is_json(content_type) => match serde_json::from_slice(&bytes) {
                Ok(value) => Some(ExpectedBody::Json(content_type, value)),
                Err(_) => Some(ExpectedBody::Raw(content_type, bytes.to_vec())),
            },
            Some(Body::Encoded {
                content_type,
                bytes,
            }) => Some(ExpectedBody::Raw(content_type, bytes.to_vec())),
            Some(Body::Multipart(_)) => Some(ExpectedBody::Multipart),
            None => None,
        };
        self
    }

    /// Generated typed answers: a JSON body for a documented response.
    #[doc(hidden)]
    pub fn stub_json<T: serde::Serialize + ?Sized>(
        self,
        documented: Documented,
        status: u16,
        value: &T,
    ) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => self.push(Some(documented), status, body, "application/json"),
            Err(error) => self.fail(format!("the answer cannot be serialised: {error}")),
        }
    }

    /// Generated typed answers: a text, binary or empty body for a documented response.
    #[doc(hidden)]
    pub fn stub_raw(
        self,
        documented: Documented,
        status: u16,
        body: impl Into<Vec<u8>>,
        content_type: &'static str,
    ) -> Self {
        self.push(Some(documented), status, body.into(), content_type)
    }

    /// Generated typed answers of an enveloped API: `content` inside a successful envelope.
    #[doc(hidden)]
    pub fn stub_envelope<T: serde::Serialize + ?Sized>(
        self,
        envelope: EnvelopeSpec,
        documented: Documented,
        status: u16,
        content: &T,
    ) -> Self {
        let content = match serde_json::to_value(content) {
            Ok(content) => content,
            Err(error) => return self.fail(format!("the answer cannot be serialised: {error}")),
        };
        let mut map = serde_json::Map::new();
        map.insert(envelope.error_code.to_owned(), "".into());
        map.insert(envelope.error_message.to_owned(), "".into());
        map.insert(envelope.content.to_owned(), content);
        let body = serde_json::Value::Object(map).to_string().into_bytes();
        self.push(Some(documented), status, body, "application/json")
    }

    /// Generated typed answers of an enveloped API: a failure envelope with its code, at any documented status.
    #[doc(hidden)]
    pub fn stub_envelope_error<C: serde::Serialize + ?Sized>(
        self,
        envelope: EnvelopeSpec,
        status: u16,
        code: &C,
        message: &str,
    ) -> Self {
        let code = match serde_json::to_value(code) {
            Ok(code) => code,
            Err(error) => {
                return self.fail(format!("the error code cannot be serialised: {error}"));
            }
        };
        let mut map = serde_json::Map::new();
        map.insert(envelope.error_code.to_owned(), code);
        map.insert(envelope.error_message.to_owned(), message.into());
        map.insert(envelope.content.to_owned(), "".into());
        let body = serde_json::Value::Object(map).to_string().into_bytes();
        self.push(None, status, body, "application/json")
    }

    fn push(
        mut self,
        documented: Option<Documented>,
        status: u16,
        body: Vec<u8>,
        content_type: &'static str,
    ) -> Self {
        self.answers.push(Answer {
            documented,
            status,
            body,
            content_type,
            location: None,
        });
        self
    }

    fn fail(mut self, problem: String) -> Self {
        self.problem.get_or_insert(problem);
        self
    }
}

/// Refuses an answer the client could not have received from a server that follows the spec.
fn check_answer(spec: &OperationSpec, answer: &Answer) -> Result<(), MockError> {
    let operation = spec.id;
    let status = answer.status;
    if !(100..=999).contains(&status) {
        return Err(MockError::InvalidStub {
            operation,
            problem: format!("{status} is not an HTTP status"),
        });
    }
    if answer.location.is_some() {
        // A redirect: checked when scripted, and needs no documented response.
        return Ok(());
    }
    let selected = select(spec.responses, status)
        .ok_or(MockError::UndocumentedStatus { operation, status })?;
    match answer.documented {
        Some(chosen) if chosen != selected => Err(MockError::OtherResponse {
            operation,
            status,
            documented: selected.to_string(),
            chosen: chosen.to_string(),
        }),
        _ => Ok(()),
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The request a stub matches; only what the stub set is compared.
#[derive(Debug)]
struct Expected {
    spec: OperationSpec,
    path_values: Vec<Option<String>>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
    body: Option<ExpectedBody>,
}

#[derive(Debug)]
enum ExpectedBody {
    Json(&'static str, serde_json::Value),
    Raw(&'static str, Vec<u8>),
    Multipart,
}

/// A mounted stub: what it matches, what it expects, and how often it answered.
struct Mounted {
    expected: Expected,
    times: Option<Times>,
    calls: AtomicU64,
}

impl Expected {
    fn new(spec: OperationSpec) -> Self {
        Expected {
            spec,
            path_values: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
        }
    }

    /// The template with the values set so far: `/customer/42/access`, `/customer/{any}/access`.
    fn path_text(&self) -> String {
        let mut slot = 0;
        let mut text = String::new();
        for piece in self.spec.path {
            match piece {
                Some(literal) => text.push_str(literal),
                None => {
                    match self.path_values.get(slot).cloned().flatten() {
                        Some(value) => text.push_str(&value),
                        None => text.push_str("{any}"),
                    }
                    slot += 1;
                }
            }
        }
        text
    }

    /// Every way `request` differs from this stub, one readable line each; empty when it matches.
    fn differences(&self, request: &wiremock::Request) -> Vec<String> {
        let mut differences = Vec::new();
        if !request
            .method
            .as_str()
            .eq_ignore_ascii_case(self.spec.method)
        {
            differences.push(format!(
                "method: expected {}, got {}",
                self.spec.method, request.method
            ));
        }
        if !self.path_matches(request.url.path()) {
            differences.push(format!(
                "path: expected {}, got {}",
                self.path_text(),
                request.url.path()
            ));
        }
        self.query_differences(request, &mut differences);
        for (name, value) in &self.headers {
            let got: Vec<String> = request
                .headers
                .get_all(name.as_str())
                .iter()
                .map(|v| text(v.as_bytes()))
                .collect();
            if !got.contains(value) {
                differences.push(format!(
                    "header {name:?}: expected {value:?}, got {}",
                    shown(&got)
                ));
            }
        }
        let cookies: Vec<(String, String)> = request
            .headers
            .get_all("cookie")
            .iter()
            .flat_map(|v| {
                text(v.as_bytes())
                    .split(';')
                    .map(|pair| {
                        let (name, value) =
                            pair.trim().split_once('=').unwrap_or((pair.trim(), ""));
                        (name.to_owned(), value.to_owned())
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for (name, value) in &self.cookies {
            if !cookies.iter().any(|(n, v)| n == name && v == value) {
                let got: Vec<String> = cookies
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .collect();
                differences.push(format!(
                    "cookie {name:?}: expected {value:?}, got {}",
                    shown(&got)
                ));
            }
        }
        self.body_differences(request, &mut differences);
        differences
    }

    /// Whether the path is the template's, behind any base path (`/api/v2` of a server URL).
    fn path_matches(&self, actual: &str) -> bool {
        actual
            .char_indices()
            .filter(|(_, c)| *c == '/')
            .any(|(start, _)| self.path_matches_exactly(&actual[start..]))
    }

    fn path_matches_exactly(&self, actual: &str) -> bool {
        // Set parameters become literal text; unset ones match any non-empty text up to the next literal.
        let mut pieces: Vec<Option<String>> = Vec::new();
        let mut slot = 0;
        for piece in self.spec.path {
            let text = match piece {
                Some(literal) => Some(normalise_path(literal)),
                None => {
                    slot += 1;
                    self.path_values.get(slot - 1).cloned().flatten()
                }
            };
            match (text, pieces.last_mut()) {
                (Some(text), Some(Some(last))) => last.push_str(&text),
                (piece, _) => pieces.push(piece),
            }
        }
        let mut rest = actual;
        for (index, piece) in pieces.iter().enumerate() {
            match piece {
                Some(literal) => match rest.strip_prefix(literal.as_str()) {
                    Some(after) => rest = after,
                    None => return false,
                },
                None => {
                    let next = pieces.get(index + 1).cloned().flatten();
                    let end = match next {
                        Some(next) => match rest.get(1..).and_then(|tail| tail.find(&next)) {
                            Some(position) => position + 1,
                            None => return false,
                        },
                        None => rest.len(),
                    };
                    if end == 0 || rest[..end].contains('/') {
                        return false;
                    }
                    rest = &rest[end..];
                }
            }
        }
        rest.is_empty()
    }

    fn query_differences(&self, request: &wiremock::Request, differences: &mut Vec<String>) {
        if self.query.is_empty() {
            return;
        }
        let actual = pairs(request.url.query().unwrap_or_default());
        // The expected pairs go through the URL library too, as the client's did on their way out.
        let joined: Vec<String> = self
            .query
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let expected = match url::Url::parse("http://localhost/") {
            Ok(mut url) => {
                url.set_query(Some(&joined.join("&")));
                pairs(url.query().unwrap_or_default())
            }
            Err(_) => self.query.clone(),
        };
        let mut names: Vec<&String> = expected.iter().map(|(name, _)| name).collect();
        names.dedup();
        for name in names {
            let want: Vec<String> = values_of(&expected, name);
            let got: Vec<String> = values_of(&actual, name);
            if want != got {
                differences.push(format!(
                    "query {:?}: expected {}, got {}",
                    decode(name),
                    shown(&want.iter().map(|v| decode(v)).collect::<Vec<_>>()),
                    shown(&got.iter().map(|v| decode(v)).collect::<Vec<_>>())
                ));
            }
        }
    }

    fn body_differences(&self, request: &wiremock::Request, differences: &mut Vec<String>) {
        let content_type = request
            .headers
            .get("content-type")
            .map(|v| text(v.as_bytes()))
            .unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        let wanted_type = match &self.body {
            None => return,
            Some(ExpectedBody::Multipart) => {
                if !essence.starts_with("multipart/") {
                    differences.push(format!(
                        "content-type: expected multipart/form-data, got {content_type:?}"
                    ));
                }
                return;
            }
            Some(ExpectedBody::Json(wanted, _) | ExpectedBody::Raw(wanted, _)) => *wanted,
        };
        if !essence.eq_ignore_ascii_case(wanted_type) {
            differences.push(format!(
                "content-type: expected {wanted_type:?}, got {content_type:?}"
            ));
        }
        match &self.body {
            Some(ExpectedBody::Json(_, wanted)) => {
                match serde_json::from_slice::<serde_json::Value>(&request.body) {
                    Ok(got) => json_differences("", wanted, &got, differences),
                    Err(_) => differences.push(format!(
                        "body: expected JSON {wanted}, got {:?}",
                        text(&request.body)
                    )),
                }
            }
            Some(ExpectedBody::Raw(_, wanted)) if *wanted != request.body => {
                differences.push(format!(
                    "body: expected {:?}, got {:?}",
                    text(wanted),
                    text(&request.body)
                ));
            }
            _ => {}
        }
    }
}

/// One line per JSON pointer where the bodies differ.
fn json_differences(
    pointer: &str,
    wanted: &serde_json::Value,
    got: &serde_json::Value,
    differences: &mut Vec<String>,
) {
    use serde_json::Value;
    match (wanted, got) {
        (Value::Object(wanted), Value::Object(got)) => {
            for (key, value) in wanted {
                let inner = format!("{pointer}/{key}");
                match got.get(key) {
                    Some(other) => json_differences(&inner, value, other, differences),
                    None => {
                        differences.push(format!("body {inner}: expected {value}, got nothing"))
                    }
                }
            }
            for (key, value) in got.iter().filter(|(key, _)| !wanted.contains_key(*key)) {
                differences.push(format!(
                    "body {pointer}/{key}: expected nothing, got {value}"
                ));
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (index, (w, g)) in w.iter().zip(g).enumerate() {
                json_differences(&format!("{pointer}/{index}"), w, g, differences);
            }
        }
        _ if wanted != got => {
            let place = if pointer.is_empty() { "/" } else { pointer };
            differences.push(format!("body {place}: expected {wanted}, got {got}"));
        }
        _ => {}
    }
}

/// A path literal as the URL library sends it.
fn normalise_path(literal: &str) -> String {
    match url::Url::parse("http://localhost/") {
        Ok(mut url) => {
            url.set_path(literal);
            url.path().to_owned()
        }
        Err(_) => literal.to_owned(),
    }
}

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

fn values_of(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .collect()
}

fn decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map_or_else(|| text.to_owned(), |(_, value)| value.into_owned())
}

fn shown(values: &[String]) -> String {
    match values {
        [] => "nothing".to_owned(),
        [one] => format!("{one:?}"),
        many => format!("{many:?}"),
    }
}

struct Matcher(Arc<Mounted>);

impl wiremock::Match for Matcher {
    fn matches(&self, request: &wiremock::Request) -> bool {
        self.0.expected.differences(request).is_empty()
    }
}

struct Responder {
    stub: Arc<Mounted>,
    answers: Vec<Answer>,
    headers: Vec<(String, String)>,
    delay: Option<Duration>,
}

impl wiremock::Respond for Responder {
    fn respond(&self, _: &wiremock::Request) -> wiremock::ResponseTemplate {
        let call = self.stub.calls.fetch_add(1, Ordering::SeqCst);
        let index = usize::try_from(call)
            .unwrap_or(usize::MAX)
            .min(self.answers.len().saturating_sub(1));
        let Some(answer) = self.answers.get(index) else {
            return wiremock::ResponseTemplate::new(500);
        };
        // The status was checked when mounted (100..=999), so the conversion cannot fail.
        let mut template = wiremock::ResponseTemplate::new(answer.status);
        if !answer.body.is_empty() {
            template = template.set_body_raw(answer.body.clone(), answer.content_type);
        }
        if let Some(location) = &answer.location {
            template = template.insert_header("Location", location.as_str());
        }
        for (name, value) in &self.headers {
            template = template.append_header(name.as_str(), value.as_str());
        }
        match self.delay {
            Some(delay) => template.set_delay(delay),
            None => template,
        }
    }
}

/// Answers what no stub matched with a 404 that explains why, and keeps the explanation for `verify`.
struct CatchAll(Arc<State>);

impl wiremock::Respond for CatchAll {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let report = miss_report(&lock(&self.0.stubs), request);
        lock(&self.0.misses).push(report.clone());
        wiremock::ResponseTemplate::new(404).set_body_raw(report.into_bytes(), "text/plain")
    }
}

/// `GET /x?y matched no stub`, then the differences from the closest stub.
fn miss_report(stubs: &[Arc<Mounted>], request: &wiremock::Request) -> String {
    let mut target = request.url.path().to_owned();
    if let Some(query) = request.url.query() {
        target.push('?');
        target.push_str(query);
    }
    let mut report = format!("{} {target} matched no stub", request.method);
    // Closest: the fewest differences, a wrong method or path counting most.
    let closest = stubs
        .iter()
        .map(|stub| (stub, stub.expected.differences(request)))
        .min_by_key(|(_, differences)| {
            let weight = |line: &String| {
                if line.starts_with("method") || line.starts_with("path") {
                    100
                } else {
                    1
                }
            };
            differences.iter().map(weight).sum::<usize>()
        });
    match closest {
        None => report.push_str("; no stub is mounted"),
        Some((stub, differences)) => {
            let _ = write!(
                report,
                "; closest stub: {} ({} {})",
                stub.expected.spec.id,
                stub.expected.spec.method,
                stub.expected.path_text()
            );
            for line in differences {
                let _ = write!(report, "\n    {line}");
            }
        }
    }
    report
}
