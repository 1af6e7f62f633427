//! The token cache (`x-specgen-token-exchange`): one exchange serves many calls, a token is replaced before it
//! expires (by the refresh margin) and once when the server answers 401, concurrent callers share one exchange,
//! and an exchange that fails is a typed error. The exchange is a `FetchToken` of the test's own that counts its
//! runs; the calls go to a server on 127.0.0.1 that checks the bearer token.

use specgen_runtime::{
    CallOptions, ClientBuilder, ClientCore, Error, FetchToken, OperationInfo, RawResponse, Request,
    RetryPolicy, SchemeKind, SecurityScheme, TokenFuture, token,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use wiremock::matchers::{any, header};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "session",
    kind: SchemeKind::Bearer,
}];

const SECURED: OperationInfo = OperationInfo {
    id: "listThings",
    security: &[&["session"]],
    idempotent: true,
    idempotency_key: None,
};

const ANONYMOUS: OperationInfo = OperationInfo {
    id: "ping",
    security: &[],
    idempotent: true,
    idempotency_key: None,
};

/// An exchange that stores `t1`, `t2`, ... and counts its runs; it yields to the scheduler first, so that
/// concurrent callers really do meet while it runs.
fn counting_exchange(runs: &Arc<AtomicUsize>) -> FetchToken {
    let runs = Arc::clone(runs);
    Arc::new(move |core: ClientCore| -> TokenFuture {
        let runs = Arc::clone(&runs);
        Box::pin(async move {
            for _ in 0..50 {
                tokio::task::yield_now().await;
            }
            let run = runs.fetch_add(1, Ordering::SeqCst) + 1;
            core.credentials().set("session", token(format!("t{run}")));
            Ok(())
        })
    })
}

fn builder(
    server: &MockServer,
    lifetime: Option<Duration>,
    runs: &Arc<AtomicUsize>,
) -> ClientBuilder {
    ClientBuilder::new(&server.uri(), &[], SCHEMES)
        .retry(RetryPolicy::none())
        .token_source("session", lifetime, counting_exchange(runs))
}

fn build(builder: ClientBuilder) -> ClientCore {
    match builder.build() {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    }
}

/// A server that answers 200 to any request.
async fn accepting() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

async fn call(
    core: &ClientCore,
    operation: &OperationInfo,
) -> Result<RawResponse, Error<std::convert::Infallible>> {
    let mut request = Request::new(reqwest::Method::GET);
    request.path("/things");
    core.execute(request, operation, CallOptions::new()).await
}

async fn status(core: &ClientCore) -> Option<u16> {
    call(core, &SECURED)
        .await
        .ok()
        .map(|response| response.status().as_u16())
}

/// The `Authorization` header of every request the server received, in order.
async fn tokens_sent(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|request| {
            request
                .headers
                .get("authorization")
                .and_then(|value| value.to_str().ok())
                .unwrap_or("none")
                .to_owned()
        })
        .collect()
}

fn bearer(tokens: &[&str]) -> Vec<String> {
    tokens
        .iter()
        .map(|token| format!("Bearer {token}"))
        .collect()
}

#[tokio::test]
async fn token_without_lifetime_is_fetched_once() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, None, &runs));
    for _ in 0..3 {
        assert_eq!(status(&core).await, Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1", "t1", "t1"]));
}

#[tokio::test]
async fn token_is_not_fetched_for_an_operation_that_needs_none() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, None, &runs));
    assert!(call(&core, &ANONYMOUS).await.is_ok());
    assert_eq!(runs.load(Ordering::SeqCst), 0);
    assert_eq!(tokens_sent(&server).await, vec!["none".to_owned()]);
}

#[tokio::test]
async fn token_is_cached_while_it_outlives_the_margin() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, Some(Duration::from_secs(3600)), &runs));
    for _ in 0..3 {
        assert_eq!(status(&core).await, Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1", "t1", "t1"]));
}

#[tokio::test]
async fn token_inside_the_refresh_margin_is_replaced_before_each_call() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    // Thirty seconds of life, replaced when less than the default 60 s is left: every call fetches.
    let core = build(builder(&server, Some(Duration::from_secs(30)), &runs));
    for _ in 0..3 {
        assert_eq!(status(&core).await, Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 3);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1", "t2", "t3"]));
}

#[tokio::test]
async fn refresh_margin_is_configurable() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(
        builder(&server, Some(Duration::from_secs(30)), &runs)
            .token_refresh_margin(Duration::from_secs(1)),
    );
    for _ in 0..3 {
        assert_eq!(status(&core).await, Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);

    // A margin too long to add to the clock: every token is about to expire.
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(
        builder(&server, Some(Duration::from_secs(3600)), &runs)
            .token_refresh_margin(Duration::MAX),
    );
    for _ in 0..2 {
        assert_eq!(status(&core).await, Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn lifetime_too_long_for_the_clock_never_expires() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, Some(Duration::MAX), &runs));
    for _ in 0..3 {
        assert_eq!(status(&core).await, Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn clones_share_the_cache_but_each_built_client_has_its_own() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let builder = builder(&server, None, &runs);
    let first = build(builder.clone());
    let clone = first.clone();
    assert_eq!(status(&first).await, Some(200));
    assert_eq!(status(&clone).await, Some(200));
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    let second = build(builder);
    assert_eq!(status(&second).await, Some(200));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1", "t1", "t2"]));
}

/// A server that refuses `Bearer t1` with 401 and accepts any other token.
async fn refusing_the_first_token() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(401))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn unauthorized_answer_refreshes_once_and_resends() {
    let server = refusing_the_first_token().await;
    let runs = Arc::new(AtomicUsize::new(0));
    // No retries allowed: the resend after a refresh is not a retry.
    let core = build(builder(&server, None, &runs));
    assert_eq!(status(&core).await, Some(200));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1", "t2"]));
    // The new token is kept.
    assert_eq!(status(&core).await, Some(200));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn persistent_unauthorized_answer_is_returned_after_one_refresh() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, None, &runs));
    assert_eq!(status(&core).await, Some(401));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1", "t2"]));
}

#[tokio::test]
async fn unauthorized_answer_without_a_token_source_is_not_resent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let core = build(
        ClientBuilder::new(&server.uri(), &[], SCHEMES)
            .retry(RetryPolicy::none())
            .credential("session", token("static")),
    );
    assert_eq!(status(&core).await, Some(401));
    assert_eq!(tokens_sent(&server).await, bearer(&["static"]));
}

#[derive(Debug, thiserror::Error)]
#[error("the exchange was refused")]
struct Refused;

#[tokio::test]
async fn failed_exchange_is_an_authentication_error_and_sends_nothing() {
    let server = accepting().await;
    let fetch: FetchToken = Arc::new(|_core: ClientCore| -> TokenFuture {
        Box::pin(async { Err(specgen_runtime::token_error(Refused)) })
    });
    let core = build(
        ClientBuilder::new(&server.uri(), &[], SCHEMES)
            .retry(RetryPolicy::none())
            .token_source("session", None, fetch),
    );
    match call(&core, &SECURED).await {
        Err(
            error @ Error::Authentication {
                scheme: "session", ..
            },
        ) => assert_eq!(
            error.to_string(),
            "could not obtain a token for security scheme \"session\": the exchange was refused"
        ),
        other => panic!("expected an authentication error, got {other:?}"),
    }
    assert_eq!(tokens_sent(&server).await, Vec::<String>::new());
}

#[tokio::test]
async fn concurrent_callers_share_one_exchange() {
    let server = accepting().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, None, &runs));
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let core = core.clone();
            tokio::spawn(async move { status(&core).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.ok().flatten(), Some(200));
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(tokens_sent(&server).await, bearer(&["t1"; 8]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_unauthorized_answers_share_one_refresh() {
    let server = refusing_the_first_token().await;
    let runs = Arc::new(AtomicUsize::new(0));
    let core = build(builder(&server, None, &runs));
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let core = core.clone();
            tokio::spawn(async move { status(&core).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.ok().flatten(), Some(200));
    }
    // The first token, then one replacement however many callers saw it refused.
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    let sent = tokens_sent(&server).await;
    assert_eq!(
        sent.iter().filter(|token| *token == "Bearer t2").count(),
        8,
        "{sent:?}"
    );
}
