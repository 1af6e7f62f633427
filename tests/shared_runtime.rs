//! Two crates generated from two different specs share one runtime: billing-clients (from `specs/`) and
//! specgen-constructs (from the construct fixtures) both answer with `specgen_runtime::Error<E>` and take
//! `specgen_runtime::{CallOptions, RetryPolicy}`, so one generic helper serves both.

use billing_clients::fusebill;
use specgen_constructs::responses;
use specgen_runtime::{CallOptions, Error, RetryPolicy};
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One helper for any generated client's errors: the HTTP status the call ended with, if any.
fn failed_status<T, E>(result: &Result<T, Error<E>>) -> Option<u16> {
    match result {
        Err(Error::Api(failure)) => Some(failure.status.as_u16()),
        Err(Error::UnexpectedStatus(raw)) => Some(raw.status().as_u16()),
        _ => None,
    }
}

/// One set of call settings for any generated client: no retries, a short timeout, a tracing header.
fn quick() -> CallOptions {
    CallOptions::new()
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .header("x-trace", "shared")
}

#[tokio::test]
async fn one_helper_reads_the_errors_and_sets_the_options_of_two_generated_crates() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_string("down"))
        .mount(&server)
        .await;
    let policy = RetryPolicy::none();

    let billing = fusebill::Client::builder()
        .base_url(server.uri())
        .api_key("key")
        .retry(policy)
        .build();
    let fixtures = responses::Client::builder()
        .base_url(server.uri())
        .retry(policy)
        .build();
    let (Ok(billing), Ok(fixtures)) = (billing, fixtures) else {
        panic!("both clients build");
    };

    let from_billing = billing
        .activate_customer(fusebill::CustomerActivationRequest {
            customer_id: 1,
            activate_all_subscriptions: None,
            activate_all_draft_purchases: None,
            temporarily_disable_auto_post: None,
        })
        .options(quick())
        .await;
    let from_fixtures = fixtures.get_report().options(quick()).await;

    assert_eq!(failed_status(&from_billing), Some(503));
    assert_eq!(failed_status(&from_fixtures), Some(503));
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 2, "no retries: one request each");
    assert!(
        requests
            .iter()
            .all(|r| r.headers.get("x-trace").is_some_and(|v| v == "shared")),
        "the shared options reached both calls"
    );
}

#[test]
fn the_runtime_paths_of_both_crates_are_one_crate() {
    // `billing_clients::runtime` is the runtime crate itself, not a copy: the types are the same.
    fn same<T>(_: T, _: T) {}
    same(
        billing_clients::runtime::CallOptions::new(),
        specgen_constructs::runtime::CallOptions::new(),
    );
    same(
        billing_clients::runtime::RetryPolicy::none(),
        specgen_runtime::RetryPolicy::none(),
    );
}
