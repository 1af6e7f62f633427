//! Billing Booth One's token lifecycle against a loopback server: the token is exchanged when first
//! needed, cached, refreshed before it expires and once on a 401, one exchange at a time for all tasks,
//! and the credentials never show in `Debug`, errors or spans.

mod common;

use billing_clients::billing_booth_one::{Client, TokenRequest, TokenRequestGrantType};
use billing_clients::runtime::{self, RetryPolicy};
use common::received;
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAGE: &str = r#"{"limit":25,"offset":0,"count":0,"data":[]}"#;
const PASSWORD: &str = "correct-horse-battery-staple";

fn credentials() -> TokenRequest {
    TokenRequest {
        email: "ops@example.com".to_owned(),
        password: PASSWORD.to_owned(),
        grant_type: TokenRequestGrantType::Password,
    }
}

fn exchanging_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_auth_via_create_token(credentials())
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// The token endpoint answers `first`, then `second` for every later exchange.
async fn tokens(server: &MockServer, first: &str, second: &str, delay: Duration) {
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({ "token": first }))
                .set_delay(delay),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({ "token": second })),
        )
        .with_priority(2)
        .mount(server)
        .await;
}

/// The list answers 200 to `token` and 401 to anything else.
async fn list_accepting(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(PAGE, "application/json"))
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_raw(r#"{"error":"expired"}"#, "application/json"),
        )
        .with_priority(2)
        .mount(server)
        .await;
}

/// Lists from eight tasks at once, sharing one client; every call must succeed.
async fn list_from_eight_tasks(client: &Client) {
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_customer_access_users(42).await })
        })
        .collect();
    for call in calls {
        call.await.expect("task ends").expect("call succeeds");
    }
}

async fn token_requests(server: &MockServer) -> usize {
    received(server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/token")
        .count()
}

#[tokio::test]
async fn the_token_is_exchanged_when_first_needed_and_then_reused() {
    let server = MockServer::start().await;
    tokens(&server, "first-token", "second-token", Duration::ZERO).await;
    list_accepting(&server, "first-token").await;
    let client = exchanging_client(&server);
    assert_eq!(
        token_requests(&server).await,
        0,
        "building exchanges nothing"
    );
    client
        .list_customer_access_users(42)
        .await
        .expect("first call");
    client
        .list_customer_access_users(42)
        .await
        .expect("second call");
    assert_eq!(token_requests(&server).await, 1);
    let exchange = &received(&server).await[0];
    assert_eq!(exchange.url.path(), "/token");
    assert!(exchange.headers.get("authorization").is_none());
}

#[tokio::test]
async fn a_token_about_to_expire_is_replaced_before_the_call() {
    let server = MockServer::start().await;
    tokens(&server, "first-token", "second-token", Duration::ZERO).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(PAGE, "application/json"))
        .mount(&server)
        .await;
    // A refresh margin beyond the 3600 s lifetime: every token is already "about to expire".
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth_via_create_token(credentials())
        .token_refresh_margin(Duration::from_secs(4000))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    client
        .list_customer_access_users(42)
        .await
        .expect("first call");
    client
        .list_customer_access_users(42)
        .await
        .expect("second call");
    let sent: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| {
            let auth = r
                .headers
                .get("authorization")
                .map(|v| v.to_str().unwrap_or_default().to_owned());
            format!("{} {}", r.url.path(), auth.unwrap_or_default())
        })
        .collect();
    assert_eq!(
        sent,
        [
            "/token ",
            "/customer/42/access Bearer first-token",
            "/token ",
            "/customer/42/access Bearer second-token"
        ]
    );
}

#[tokio::test]
async fn an_unbounded_refresh_margin_refreshes_every_call_instead_of_overflowing() {
    let server = MockServer::start().await;
    tokens(&server, "first-token", "second-token", Duration::ZERO).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(PAGE, "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth_via_create_token(credentials())
        .token_refresh_margin(Duration::MAX)
        .build()
        .expect("client builds");
    client
        .list_customer_access_users(42)
        .await
        .expect("first call");
    client
        .list_customer_access_users(42)
        .await
        .expect("second call");
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn a_401_triggers_exactly_one_refresh_and_one_resend() {
    let server = MockServer::start().await;
    tokens(&server, "revoked-token", "fresh-token", Duration::ZERO).await;
    list_accepting(&server, "fresh-token").await;
    let client = exchanging_client(&server);
    client
        .list_customer_access_users(42)
        .await
        .expect("the resend with a fresh token succeeds");
    let requests = received(&server).await;
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/token",
            "/customer/42/access",
            "/token",
            "/customer/42/access"
        ]
    );
}

#[tokio::test]
async fn a_second_401_is_returned_not_looped_on() {
    let server = MockServer::start().await;
    tokens(&server, "bad-1", "bad-2", Duration::ZERO).await;
    list_accepting(&server, "never").await;
    let error = exchanging_client(&server)
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(token_requests(&server).await, 2);
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_exchange() {
    let server = MockServer::start().await;
    // A slow exchange: every task arrives while it is in flight.
    tokens(
        &server,
        "shared-token",
        "unexpected",
        Duration::from_millis(300),
    )
    .await;
    list_accepting(&server, "shared-token").await;
    let client = exchanging_client(&server);
    list_from_eight_tasks(&client).await;
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_401s_share_one_refresh() {
    let server = MockServer::start().await;
    // Every task waits for the slow first exchange, sends its token, and is refused: one refresh
    // serves them all.
    tokens(
        &server,
        "revoked-token",
        "fresh-token",
        Duration::from_millis(300),
    )
    .await;
    list_accepting(&server, "fresh-token").await;
    let client = exchanging_client(&server);
    list_from_eight_tasks(&client).await;
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn a_failed_exchange_is_an_authentication_error_without_the_password() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_raw(r#"{"error":"bad password"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let error = exchanging_client(&server)
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, runtime::Error::Authentication { scheme, .. } if *scheme == "bearerAuth"),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("400"), "{shown}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert_eq!(
        received(&server).await.len(),
        1,
        "the list call is never sent"
    );
}

#[tokio::test]
async fn neither_the_password_nor_the_token_is_ever_printed() {
    let server = MockServer::start().await;
    tokens(&server, "secret-token-value", "x", Duration::ZERO).await;
    // The token answer itself is then rejected by a decode error of the list call: its body is kept.
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("not json secret-token-value", "application/json"),
        )
        .mount(&server)
        .await;
    let builder = Client::builder()
        .base_url(server.uri())
        .bearer_auth_via_create_token(credentials());
    let client = builder.clone().build().expect("client builds");
    let error = client.list_customer_access_users(42).await.unwrap_err();
    let shown = format!(
        "{builder:?} {client:?} {error} {error:?} {:?}",
        credentials()
    );
    for secret in [PASSWORD, "secret-token-value"] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
    }
    // The raw body is still there for whoever asks for it explicitly.
    assert!(
        error
            .raw_body()
            .is_some_and(|b| b.ends_with(b"secret-token-value"))
    );
}
