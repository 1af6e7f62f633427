//! Retry arithmetic: backoff growth, its cap, jitter bounds, attempts, the `Retry-After` floor and ceiling,
//! and the attempts a client really makes against a server on 127.0.0.1.

use specgen_runtime::retry::is_retryable_status;
use specgen_runtime::{
    CallOptions, ClientBuilder, ClientCore, OperationInfo, Request, RetryPolicy, RetryableCodes,
};
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn fixed() -> RetryPolicy {
    RetryPolicy::default().jitter(false)
}

#[test]
fn default_policy_is_three_attempts_doubling_from_200ms() {
    let policy = fixed();
    assert_eq!(policy.attempts(), 3);
    assert_eq!(policy.delay(1, None), Some(ms(200)));
    assert_eq!(policy.delay(2, None), Some(ms(400)));
    // The third attempt was the last.
    assert_eq!(policy.delay(3, None), None);
    assert_eq!(policy.delay(4, None), None);
}

#[test]
fn backoff_doubles_up_to_its_cap() {
    let policy = fixed()
        .max_attempts(10)
        .initial_backoff(ms(100))
        .max_backoff(Duration::from_secs(1));
    let delays: Vec<Option<Duration>> = (1..=10)
        .map(|attempt| policy.delay(attempt, None))
        .collect();
    assert_eq!(
        delays,
        vec![
            Some(ms(100)),
            Some(ms(200)),
            Some(ms(400)),
            Some(ms(800)),
            Some(ms(1000)),
            Some(ms(1000)),
            Some(ms(1000)),
            Some(ms(1000)),
            Some(ms(1000)),
            None,
        ]
    );
}

#[test]
fn backoff_arithmetic_saturates_instead_of_overflowing() {
    let policy = fixed()
        .max_attempts(u32::MAX)
        .initial_backoff(Duration::MAX)
        .max_backoff(Duration::from_secs(7));
    assert_eq!(policy.delay(1, None), Some(Duration::from_secs(7)));
    assert_eq!(policy.delay(64, None), Some(Duration::from_secs(7)));
    assert_eq!(
        policy.delay(u32::MAX - 1, None),
        Some(Duration::from_secs(7))
    );
    assert_eq!(policy.delay(u32::MAX, None), None);

    let uncapped = fixed()
        .max_attempts(u32::MAX)
        .initial_backoff(ms(1))
        .max_backoff(Duration::MAX);
    // 2^31 ms is the largest factor applied; later attempts stay there.
    assert_eq!(uncapped.delay(32, None), Some(ms(1 << 31)));
    assert_eq!(uncapped.delay(1000, None), Some(ms(1 << 31)));
}

#[test]
fn attempts_are_at_least_one() {
    assert_eq!(RetryPolicy::none().attempts(), 1);
    assert_eq!(RetryPolicy::none().delay(1, None), None);
    assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
    assert_eq!(
        RetryPolicy::default().max_attempts(0).delay(1, Some(ms(1))),
        None
    );
    assert_eq!(RetryPolicy::default().max_attempts(7).attempts(), 7);
}

#[test]
fn jitter_draws_between_zero_and_the_exponential_backoff() {
    let policy = RetryPolicy::default()
        .max_attempts(5)
        .initial_backoff(ms(100))
        .max_backoff(Duration::from_secs(60));
    let draws: Vec<Duration> = (0..2000)
        .map(|_| policy.delay(3, None).unwrap_or(Duration::MAX))
        .collect();
    assert!(draws.iter().all(|draw| *draw < ms(400)), "{draws:?}");
    // Full jitter spreads over the whole range: each quarter is hit (a miss has probability (3/4)^2000).
    for quarter in 0..4 {
        let (low, high) = (ms(100 * quarter), ms(100 * (quarter + 1)));
        let hits = draws
            .iter()
            .filter(|draw| low <= **draw && **draw < high)
            .count();
        assert!(hits > 0, "no draw in [{low:?}, {high:?})");
    }
    let mut distinct = draws.clone();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() > 100, "{} distinct draws", distinct.len());
}

#[test]
fn retry_after_is_a_floor_for_the_backoff() {
    let policy = fixed();
    assert_eq!(
        policy.delay(1, Some(Duration::from_secs(3))),
        Some(Duration::from_secs(3))
    );
    // A shorter wait than the backoff leaves the backoff.
    assert_eq!(policy.delay(1, Some(ms(50))), Some(ms(200)));
    assert_eq!(policy.delay(2, Some(Duration::ZERO)), Some(ms(400)));
    // With jitter the server's wait is still honoured in full.
    let jittered = RetryPolicy::default();
    for _ in 0..100 {
        assert_eq!(
            jittered.delay(1, Some(Duration::from_secs(10))),
            Some(Duration::from_secs(10))
        );
    }
}

#[test]
fn retry_after_beyond_the_ceiling_stops_retrying() {
    let policy = fixed();
    assert_eq!(
        policy.delay(1, Some(Duration::from_secs(60))),
        Some(Duration::from_secs(60))
    );
    assert_eq!(policy.delay(1, Some(Duration::from_secs(61))), None);
    assert_eq!(policy.delay(1, Some(Duration::MAX)), None);
    let strict = fixed().max_retry_after(Duration::from_secs(1));
    assert_eq!(strict.delay(1, Some(ms(1001))), None);
    assert_eq!(strict.delay(1, Some(ms(1000))), Some(ms(1000)));
    // A wait asked for never adds an attempt.
    assert_eq!(policy.delay(3, Some(Duration::from_secs(1))), None);
}

#[test]
fn retryable_statuses() {
    let retryable: Vec<u16> = (100..600)
        .filter(|code| reqwest::StatusCode::from_u16(*code).is_ok_and(is_retryable_status))
        .collect();
    assert_eq!(retryable, vec![408, 429, 502, 503, 504]);
}

// Through a client: the attempts actually sent.

const GET: OperationInfo = OperationInfo {
    id: "getThing",
    security: &[],
    idempotent: true,
    idempotency_key: None,
};

const POST: OperationInfo = OperationInfo {
    id: "createThing",
    security: &[],
    idempotent: false,
    idempotency_key: None,
};

const POST_WITH_KEY: OperationInfo = OperationInfo {
    id: "createThing",
    security: &[],
    idempotent: false,
    idempotency_key: Some("Idempotency-Key"),
};

/// Short, fixed backoffs: these tests count attempts, they never measure time.
fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(4)
        .initial_backoff(ms(1))
        .max_backoff(ms(2))
}

fn client(server: &MockServer) -> ClientCore {
    match ClientBuilder::new(&server.uri(), &[], &[])
        .retry(quick())
        .build()
    {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    }
}

/// A server answering `failures` times with `status` (and `headers`), then 200.
async fn flaky(status: u16, failures: u64, headers: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    let mut failing = ResponseTemplate::new(status);
    for (name, value) in headers {
        failing = failing.insert_header(*name, *value);
    }
    Mock::given(any())
        .respond_with(failing)
        .up_to_n_times(failures)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

fn request(method: reqwest::Method) -> Request {
    let mut request = Request::new(method);
    request.path("/things");
    request
}

#[tokio::test]
async fn idempotent_call_is_retried_until_it_succeeds() {
    let server = flaky(503, 2, &[]).await;
    let answer = client(&server)
        .execute(request(reqwest::Method::GET), &GET, CallOptions::new())
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(200)
    );
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn attempts_stop_at_the_policy_limit() {
    let server = flaky(429, 10, &[]).await;
    let answer = client(&server)
        .execute(request(reqwest::Method::GET), &GET, CallOptions::new())
        .await;
    // The last answer is returned as it came.
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(429)
    );
    assert_eq!(requests(&server).await.len(), 4);
}

#[tokio::test]
async fn per_call_policy_overrides_the_clients() {
    let server = flaky(503, 10, &[]).await;
    let options = CallOptions::new().retry(quick().max_attempts(2));
    let answer = client(&server)
        .execute(request(reqwest::Method::GET), &GET, options)
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(503)
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn non_retryable_status_is_sent_once() {
    let server = flaky(500, 10, &[]).await;
    let answer = client(&server)
        .execute(request(reqwest::Method::GET), &GET, CallOptions::new())
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(500)
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn non_idempotent_call_is_never_sent_twice() {
    let server = flaky(503, 10, &[]).await;
    let answer = client(&server)
        .execute(request(reqwest::Method::POST), &POST, CallOptions::new())
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(503)
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn idempotency_key_makes_a_post_retryable_with_one_key() {
    let server = flaky(503, 2, &[]).await;
    let answer = client(&server)
        .execute(
            request(reqwest::Method::POST),
            &POST_WITH_KEY,
            CallOptions::new(),
        )
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(200)
    );
    let keys: Vec<String> = requests(&server)
        .await
        .iter()
        .filter_map(|request| {
            request
                .headers
                .get("idempotency-key")?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
    // A fresh key is a v4 UUID.
    assert_eq!(keys[0].len(), 36);
}

#[tokio::test]
async fn caller_idempotency_key_is_sent_on_every_attempt() {
    let server = flaky(503, 1, &[]).await;
    let options = CallOptions::new().idempotency_key("order-17");
    let answer = client(&server)
        .execute(request(reqwest::Method::POST), &POST_WITH_KEY, options)
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(200)
    );
    let keys: Vec<Option<String>> = requests(&server)
        .await
        .iter()
        .map(|request| {
            request
                .headers
                .get("idempotency-key")?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(keys, vec![Some("order-17".to_owned()); 2]);
}

#[tokio::test]
async fn retry_after_beyond_the_ceiling_returns_the_answer() {
    let server = flaky(503, 10, &[("Retry-After", "3600")]).await;
    let answer = client(&server)
        .execute(request(reqwest::Method::GET), &GET, CallOptions::new())
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(503)
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn retry_after_within_the_ceiling_is_waited_for() {
    let server = flaky(429, 1, &[("Retry-After", "0")]).await;
    let answer = client(&server)
        .execute(request(reqwest::Method::GET), &GET, CallOptions::new())
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(200)
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn refused_connection_is_a_typed_transport_error() {
    // A port that was just free: nothing listens, so every attempt is refused before reaching a server.
    let port = match std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Ok(address) => address.port(),
        Err(error) => panic!("no free port: {error}"),
    };
    let core = match ClientBuilder::new(&format!("http://127.0.0.1:{port}"), &[], &[])
        .retry(quick())
        .build()
    {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    };
    let answer = core
        .execute(request(reqwest::Method::POST), &POST, CallOptions::new())
        .await;
    match answer {
        Err(specgen_runtime::Error::Transport(error)) => assert!(error.is_connect(), "{error}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
}

/// A server answering 200 with `first` once, then 200 with `{"errorCode":""}`.
async fn enveloped(first: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"errorCode": ""})),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

async fn attempts_for_envelope(first: serde_json::Value, operation: &OperationInfo) -> usize {
    let server = enveloped(first).await;
    let codes = RetryableCodes {
        property: "errorCode",
        codes: &["BUSY", "1001"],
    };
    let core = match ClientBuilder::new(&server.uri(), &[], &[])
        .retry(quick())
        .retryable_codes(codes)
        .build()
    {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    };
    let answer = core
        .execute(request(reqwest::Method::GET), operation, CallOptions::new())
        .await;
    assert_eq!(
        answer.map(|response| response.status().as_u16()).ok(),
        Some(200)
    );
    requests(&server).await.len()
}

#[tokio::test]
async fn retryable_envelope_codes_ask_for_another_attempt() {
    assert_eq!(
        attempts_for_envelope(serde_json::json!({"errorCode": "BUSY"}), &GET).await,
        2
    );
    // Numeric codes are read as their text.
    assert_eq!(
        attempts_for_envelope(serde_json::json!({"errorCode": 1001}), &GET).await,
        2
    );
}

#[tokio::test]
async fn other_envelope_codes_and_mentions_are_not_retried() {
    assert_eq!(
        attempts_for_envelope(serde_json::json!({"errorCode": "DENIED"}), &GET).await,
        1
    );
    // The code must be in the code property, not merely somewhere in the body.
    let mention = serde_json::json!({"errorCode": "DENIED", "errorMessage": "BUSY"});
    assert_eq!(attempts_for_envelope(mention, &GET).await, 1);
    // A retryable code on an operation that is not idempotent is never sent twice.
    assert_eq!(
        attempts_for_envelope(serde_json::json!({"errorCode": "BUSY"}), &POST).await,
        1
    );
}
