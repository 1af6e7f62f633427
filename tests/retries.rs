//! The retry policy against scripted loopback servers: which answers are retried, how long the client
//! waits (`Retry-After` in seconds and as a date), and that non-idempotent calls are never sent twice.

mod common;

use billing_clients::runtime::{self, CallOptions, RetryPolicy};
use billing_clients::{billing_booth_one, flolive, fusebill};
use common::received;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAGE: &str = r#"{"limit":25,"offset":0,"count":0,"data":[]}"#;
const CUSTOMER: &str = "3f2b8c1e-9d4a-4e7b-8a61-2c5d9e0f1a7b";

/// Backoff short enough to keep tests quick, and without jitter so waits are exact lower bounds.
fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(5))
        .jitter(false)
}

fn bbo(server: &MockServer, policy: RetryPolicy) -> billing_booth_one::Client {
    billing_booth_one::Client::builder()
        .base_url(server.uri())
        .bearer_auth("bbo-token")
        .retry(policy)
        .build()
        .expect("client builds")
}

/// Answers `status` (with `headers`) `times` times, then `then`.
async fn script(
    server: &MockServer,
    route: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(path(route.to_owned()))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(path(route.to_owned()))
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

/// Lists with the quick policy, expecting success, and returns how long the call took.
async fn list_once_retried(server: &MockServer) -> Duration {
    let started = Instant::now();
    bbo(server, quick())
        .list_customer_access_users(42)
        .await
        .expect("the retry succeeds");
    started.elapsed()
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
}

#[tokio::test]
async fn two_503_then_200_is_three_requests_and_one_success() {
    let server = MockServer::start().await;
    script(
        &server,
        "/customer/42/access",
        ResponseTemplate::new(503),
        2,
        json(200, PAGE),
    )
    .await;
    let page = bbo(&server, quick())
        .list_customer_access_users(42)
        .await
        .expect("the third attempt succeeds");
    assert_eq!(page.count, 0);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn retries_stop_at_the_policy_limit_and_return_the_last_answer() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(504).set_body_string("gateway timeout"))
        .expect(2)
        .mount(&server)
        .await;
    let error = bbo(&server, quick().max_attempts(2))
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(504));
    assert_eq!(error.raw_body(), Some(&b"gateway timeout"[..]));
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let server = MockServer::start().await;
    script(
        &server,
        "/customer/42/access",
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        1,
        json(200, PAGE),
    )
    .await;
    // The backoff alone is 5 ms: only the server's wish explains a wait of a second.
    assert!(list_once_retried(&server).await >= Duration::from_secs(1));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let server = MockServer::start().await;
    let at = billing_clients::chrono::Utc::now() + billing_clients::chrono::Duration::seconds(3);
    let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    script(
        &server,
        "/customer/42/access",
        ResponseTemplate::new(503).insert_header("Retry-After", date.as_str()),
        1,
        json(200, PAGE),
    )
    .await;
    // The date is whole seconds, three ahead: at least two of them remain to be waited.
    assert!(list_once_retried(&server).await >= Duration::from_millis(1500));
}

#[tokio::test]
async fn a_retry_after_beyond_the_policy_cap_returns_the_429_at_once() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = bbo(&server, quick().max_retry_after(Duration::from_secs(10)))
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn fusebill_activation_answered_503_is_sent_exactly_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = fusebill::Client::builder()
        .base_url(server.uri())
        .api_key("key")
        .retry(quick().max_attempts(5))
        .build()
        .expect("client builds");
    let error = client
        .activate_customer(fusebill::CustomerActivationRequest {
            customer_id: 1,
            activate_all_subscriptions: None,
            activate_all_draft_purchases: None,
            temporarily_disable_auto_post: None,
        })
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn flolive_modify_bcd_is_never_resent_even_on_a_retryable_code() {
    let server = MockServer::start().await;
    let nak =
        r#"{"errorCode":"GLOBAL_1001","errorMessage":"try again","content":"","pageable":""}"#;
    Mock::given(method("PUT"))
        .respond_with(json(503, nak))
        .expect(1)
        .mount(&server)
        .await;
    let client = flolive::Client::builder()
        .base_url(server.uri())
        .bearer_auth("t")
        .retry(quick().max_attempts(5))
        .build()
        .expect("client builds");
    let error = client
        .modify_bcd(
            CUSTOMER.parse().expect("uuid"),
            flolive::ModifyBcdRequest {
                id: CUSTOMER.parse().expect("uuid"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.api_value().map(|e| &e.code),
        Some(&flolive::ErrorCode::Global1001)
    );
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn flolive_global_1001_on_a_get_is_retried_until_the_answer_is_good() {
    let server = MockServer::start().await;
    let route = format!("/customer/{CUSTOMER}/eligible-bcd");
    let nak =
        r#"{"errorCode":"GLOBAL_1001","errorMessage":"try again","content":"","pageable":""}"#;
    let ack = r#"{"errorCode":"","errorMessage":"","content":[],"pageable":null}"#;
    script(&server, &route, json(200, nak), 1, json(200, ack)).await;
    let client = flolive::Client::builder()
        .base_url(server.uri())
        .bearer_auth("t")
        .retry(quick())
        .build()
        .expect("client builds");
    let bcds = client
        .get_eligible_bcds(CUSTOMER.parse().expect("uuid"))
        .await
        .expect("the second attempt succeeds");
    assert!(bcds.is_empty());
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_call_can_turn_retries_off() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let error = bbo(&server, quick())
        .list_customer_access_users(42)
        .options(CallOptions::new().retry(RetryPolicy::none()))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn a_hung_server_is_a_timeout_within_the_per_call_bound() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(json(200, PAGE).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = bbo(&server, RetryPolicy::none())
        .list_customer_access_users(42)
        .options(CallOptions::new().timeout(Duration::from_millis(300)))
        .await
        .unwrap_err();
    assert!(
        matches!(error, runtime::Error::Timeout { after, .. } if after == Duration::from_millis(300)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    // The bound is generous for a loaded machine; the server would have answered after 30 s.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn timeouts_of_an_idempotent_call_are_retried() {
    let server = MockServer::start().await;
    script(
        &server,
        "/customer/42/access",
        json(200, PAGE).set_delay(Duration::from_secs(30)),
        1,
        json(200, PAGE),
    )
    .await;
    bbo(&server, quick())
        .list_customer_access_users(42)
        .options(CallOptions::new().timeout(Duration::from_millis(300)))
        .await
        .expect("the second attempt answers in time");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn extra_headers_of_a_call_are_sent() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(json(200, PAGE))
        .mount(&server)
        .await;
    bbo(&server, quick())
        .list_customer_access_users(42)
        .options(CallOptions::new().header("X-Trace", "abc"))
        .await
        .expect("call succeeds");
    let requests = received(&server).await;
    assert_eq!(
        requests[0].headers.get("x-trace").map(|v| v.as_bytes()),
        Some(&b"abc"[..])
    );
    let error = bbo(&server, quick())
        .list_customer_access_users(42)
        .options(CallOptions::new().header("X-Bad", "line\nbreak"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, runtime::Error::InvalidRequest(m) if m.contains("X-Bad") && !m.contains("line")),
        "{error:?}"
    );
}

#[test]
fn backoff_doubles_up_to_its_cap_and_the_last_attempt_gets_none() {
    let policy = RetryPolicy::default()
        .max_attempts(5)
        .initial_backoff(Duration::from_millis(100))
        .max_backoff(Duration::from_millis(300))
        .jitter(false);
    assert_eq!(policy.delay(1, None), Some(Duration::from_millis(100)));
    assert_eq!(policy.delay(2, None), Some(Duration::from_millis(200)));
    assert_eq!(policy.delay(3, None), Some(Duration::from_millis(300)));
    assert_eq!(policy.delay(4, None), Some(Duration::from_millis(300)));
    assert_eq!(policy.delay(5, None), None);
    assert_eq!(
        policy.delay(1, Some(Duration::from_secs(2))),
        Some(Duration::from_secs(2))
    );
    let jittered = policy.jitter(true);
    for _ in 0..100 {
        let delay = jittered.delay(2, None).expect("attempts left");
        assert!(delay <= Duration::from_millis(200), "{delay:?}");
    }
}

#[tokio::test]
async fn fusebill_429_is_not_resent_and_its_rate_limits_are_typed_on_the_error() {
    let server = MockServer::start().await;
    Mock::given(path("/customerActivation"))
        .respond_with(
            json(
                429,
                r#"{"ErrorId":0,"HttpStatusCode":429,"Errors":[{"Key":"Api","Value":"Too many requests"}]}"#,
            )
            .insert_header("X-Rate-Limit-Remaining-Minute", "0")
            .insert_header("X-Rate-Limit-Reset-Minute", "17"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = fusebill::Client::builder()
        .base_url(server.uri())
        .api_key("key")
        .retry(quick())
        .build()
        .expect("client builds");
    let error = client
        .activate_customer(fusebill::CustomerActivationRequest {
            customer_id: 1,
            activate_all_subscriptions: None,
            activate_all_draft_purchases: None,
            temporarily_disable_auto_post: None,
        })
        .await
        .unwrap_err();
    // The activation is not idempotent: the caller decides when to try again, from the typed limits.
    let limits = fusebill::ActivateCustomerHeaders::from(error.headers().expect("an answer"));
    assert_eq!(limits.x_rate_limit_remaining_minute, Some(0));
    assert_eq!(limits.x_rate_limit_reset_minute, Some(17));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
}
