//! `specs/behaviour.yaml` against wiremock: an idempotency key generated once per call and reused by
//! its retries, idempotency declared against the method's default, and page numbers that stop at the
//! last page a header announces.

use futures_util::TryStreamExt;
use specgen_constructs::behaviour::{Charge, Client};
use specgen_constructs::runtime::{CallOptions, RetryPolicy};
use std::time::Duration;
use wiremock::matchers::{any, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .expect("client")
}

/// Answers 503 once, then `then`.
async fn unavailable_once(server: &MockServer, then: ResponseTemplate) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(any())
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

fn keys(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_post_with_an_idempotency_key_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    unavailable_once(
        &server,
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"amount": 5})),
    )
    .await;
    let client = client(&server);
    let charge = client
        .create_charge(Charge { amount: 5 })
        .await
        .expect("the retry succeeds");
    assert_eq!(charge.amount, 5);
    let first = keys(&server.received_requests().await.unwrap_or_default());
    assert_eq!(first.len(), 2);
    assert_eq!(first[0], first[1], "one key for both attempts");
    assert!(uuid::Uuid::parse_str(&first[0]).is_ok(), "{first:?}");

    // A new call gets a new key; a caller's own key is sent as given.
    client
        .create_charge(Charge { amount: 5 })
        .await
        .expect("second call");
    client
        .create_charge(Charge { amount: 5 })
        .options(CallOptions::new().idempotency_key("order-17"))
        .await
        .expect("third call");
    let all = keys(&server.received_requests().await.unwrap_or_default());
    assert_ne!(all[2], all[0]);
    assert_eq!(all[3], "order-17");
}

#[tokio::test]
async fn idempotency_declared_in_the_spec_overrides_the_method() {
    let server = MockServer::start().await;
    unavailable_once(&server, ResponseTemplate::new(204)).await;
    let client = client(&server);
    client
        .repeat_refund(1)
        .await
        .expect("a POST declared idempotent is retried");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2
    );

    let server = MockServer::start().await;
    unavailable_once(&server, ResponseTemplate::new(204)).await;
    let client = self::client(&server);
    let error = client.replace_refund(1).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

#[tokio::test]
async fn page_numbers_stop_at_the_last_page_index_header() {
    let server = MockServer::start().await;
    for page in 0..3 {
        Mock::given(path("/invoices"))
            .and(query_param("pageNumber", page.to_string()))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-MaxPageIndex", "2")
                    .insert_header("X-Count", "6")
                    .set_body_json(serde_json::json!([{"id": page * 2}, {"id": page * 2 + 1}])),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let ids: Vec<i64> = client(&server)
        .list_invoices()
        .page_size(2)
        .items()
        .map_ok(|invoice| invoice.id)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, [0, 1, 2, 3, 4, 5]);
}

#[tokio::test]
async fn a_parameter_set_again_is_replaced_and_parameters_go_out_in_spec_order() {
    let server = MockServer::start().await;
    Mock::given(path("/invoices"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .list_invoices()
        .page_size(5)
        .page_number(2)
        .page_number(3)
        .send()
        .await
        .expect("an empty page");
    let requests = server.received_requests().await.unwrap_or_default();
    let query = requests
        .first()
        .and_then(|r| r.url.query().map(str::to_owned));
    // `pageNumber` comes first in the spec, whatever the order of the calls; the second value replaced the first.
    assert_eq!(query.as_deref(), Some("pageNumber=3&pageSize=5"));
}
