//! Billing Booth One actions that are not safe to repeat are sent once: a PUT the spec marks
//! `x-specgen-idempotent: false` (retrying a payment) is not resent after a 503, while an idempotent PUT (voiding an
//! invoice) is; a POST (taking a payment) is never resent either.

mod common;

use billing_clients::billing_booth_one::Client;
use billing_clients::runtime::Error;
use common::received;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_auth("bbo-token")
        .build()
        .expect("client builds")
}

/// A server that answers 503 to `verb route` first and 200 afterwards.
async fn busy_then_ok(verb: &str, route: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn retrying_a_payment_is_sent_once_even_after_a_503() {
    let server = busy_then_ok("PUT", "/payments/77/retry").await;
    let error = client_for(&server)
        .retry_payment(77)
        .await
        .expect_err("the 503 is the answer");
    assert!(
        matches!(&error, Error::Api(failure) if failure.status == 503),
        "{error:?}"
    );
    assert_eq!(
        received(&server).await.len(),
        1,
        "a payment retry must not be resent"
    );
}

#[tokio::test]
async fn voiding_an_invoice_is_idempotent_and_retried_after_a_503() {
    let server = busy_then_ok("PUT", "/invoice/9001/void").await;
    let answer = client_for(&server)
        .void_invoice(9001)
        .await
        .expect("the retry succeeds");
    assert_eq!(answer, json!({"ok": true}));
    assert_eq!(
        received(&server).await.len(),
        2,
        "a PUT without the mark is retried once"
    );
}

#[tokio::test]
async fn taking_a_payment_is_a_post_and_sent_once() {
    let server = busy_then_ok("POST", "/payments/take/42").await;
    let body = serde_json::from_value(json!({
        "description": "Line rental, March",
        "amount": 12.5,
        "payment_provider_settings_id": 3
    }))
    .expect("the JSON fits the request type");
    let error = client_for(&server)
        .take_payment(42, body)
        .await
        .expect_err("the 503 is the answer");
    assert!(
        matches!(&error, Error::Api(failure) if failure.status == 503),
        "{error:?}"
    );
    assert_eq!(
        received(&server).await.len(),
        1,
        "a POST must not be resent"
    );
}
