//! The runtime's promises against less usual servers (issue 18): redirects are followed by the operation's
//! safety, a declared body size above the cap is refused before any body byte, and deadlines bound a whole
//! call, a poll, a token exchange and a page walk. Servers are wiremock where it can misbehave enough, and a
//! raw TCP server on 127.0.0.1 where it cannot (a read that never answers, a size with no body behind it).

mod common;

use billing_clients::futures_util::{StreamExt, TryStreamExt};
use billing_clients::runtime::{self, PollOptions, RetryPolicy};
use billing_clients::{billing_booth_one, flolive, fusebill};
use common::received;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAGE: &str = r#"{"limit":25,"offset":0,"count":0,"data":[]}"#;
const CUSTOMER: &str = "3f2b8c1e-9d4a-4e7b-8a61-2c5d9e0f1a7b";
const REQUEST_ID: &str = "ff74dca6-8e7f-4b85-a42b-13860913b370";

/// What the raw server does with a request, given its head (request line and headers) and its number
/// (0-based, across connections).
enum Reply {
    /// Writes these bytes and keeps the connection for the next request.
    Send(String),
    /// Never answers: the connection stays open until the test ends.
    Hang,
}

/// A scripted HTTP/1.1 server on 127.0.0.1 that records request lines and counts connections.
struct RawServer {
    url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl RawServer {
    async fn start(script: fn(&str, usize) -> Reply) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (counted, recorded) = (connections.clone(), requests.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, script, recorded.clone()));
            }
        });
        RawServer {
            url,
            connections,
            requests,
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

async fn serve(
    mut stream: TcpStream,
    script: fn(&str, usize) -> Reply,
    requests: Arc<Mutex<Vec<String>>>,
) {
    let mut buffer = Vec::new();
    loop {
        // One request: its head up to the blank line, then as many body bytes as it declares.
        let end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
        let length: usize = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .unwrap_or(0);
        while buffer.len() < end + length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        buffer.drain(..end + length);
        let number = {
            let mut requests = requests.lock().expect("lock");
            requests.push(head.lines().next().unwrap_or_default().to_owned());
            requests.len() - 1
        };
        match script(&head, number) {
            Reply::Send(answer) => {
                if stream.write_all(answer.as_bytes()).await.is_err() {
                    return;
                }
            }
            Reply::Hang => std::future::pending::<()>().await,
        }
    }
}

fn fusebill_client(url: &str) -> fusebill::Client {
    fusebill::Client::builder()
        .base_url(url)
        .api_key("my-api-key")
        .build()
        .expect("client builds")
}

fn activation() -> fusebill::CustomerActivationRequest {
    fusebill::CustomerActivationRequest {
        customer_id: 8708457,
        activate_all_subscriptions: Some(true),
        activate_all_draft_purchases: None,
        temporarily_disable_auto_post: None,
    }
}

/// The method and path of every request a wiremock server received.
async fn sent(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

/// A 307 to another path of the same host proves the POST reached the server: it must not go out again.
#[tokio::test]
async fn a_307_to_an_activation_is_returned_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("Location", "/v2/customerActivation")
                .set_body_string("moved"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/v2/customerActivation"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let outcome = fusebill_client(&server.uri())
        .activate_customer(activation())
        .await;
    assert_eq!(
        sent(&server).await,
        ["POST /customerActivation"],
        "{outcome:?}"
    );
    match outcome {
        Err(runtime::Error::Redirect { location, response }) => {
            assert_eq!(
                location.as_str(),
                format!("{}/v2/customerActivation", server.uri())
            );
            assert_eq!(response.status().as_u16(), 307);
            assert_eq!(response.body(), b"moved");
        }
        other => panic!("expected a redirect error, got {other:?}"),
    }
}

/// Asked to, the client follows the activation's 307 with the same method and body, once.
#[tokio::test]
async fn follow_redirects_sends_the_activation_on_with_its_body() {
    let server = MockServer::start().await;
    Mock::given(path("/customerActivation"))
        .respond_with(
            ResponseTemplate::new(307).insert_header("Location", "/v2/customerActivation"),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/customerActivation"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": 8708457, "uri": "https://example.com/customers/8708457", "status": "Active"}),
        ))
        .mount(&server)
        .await;
    let customer = fusebill_client(&server.uri())
        .activate_customer(activation())
        .options(runtime::CallOptions::new().follow_redirects(true))
        .await
        .expect("the redirect is followed");
    assert_eq!(customer.id, 8708457);
    let requests = received(&server).await;
    assert_eq!(
        sent(&server).await,
        ["POST /customerActivation", "POST /v2/customerActivation"]
    );
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(
        common::header(&requests[1], "authorization"),
        Some("Basic my-api-key")
    );
}

/// A 303 after a POST, followed when asked, is a GET of the result without the body (as browsers do).
#[tokio::test]
async fn a_followed_303_reads_the_result_with_a_get() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(ResponseTemplate::new(303).insert_header("Location", "/customers/8708457"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/customers/8708457"))
        .and(common::empty_body())
        .and(common::without_header("content-type"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": 8708457, "uri": "https://example.com/customers/8708457", "status": "Active"}),
        ))
        .mount(&server)
        .await;
    let customer = fusebill_client(&server.uri())
        .activate_customer(activation())
        .options(runtime::CallOptions::new().follow_redirects(true))
        .await
        .expect("the result is read");
    assert_eq!(customer.id, 8708457);
    assert_eq!(
        sent(&server).await,
        ["POST /customerActivation", "GET /customers/8708457"]
    );
}

fn bbo_client(url: &str) -> billing_booth_one::Client {
    billing_booth_one::Client::builder()
        .base_url(url)
        .bearer_auth("bbo-token")
        .build()
        .expect("client builds")
}

fn page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(PAGE, "application/json")
}

/// A read is followed on its origin, credentials and headers included.
#[tokio::test]
async fn a_redirected_read_is_followed_with_its_credentials_on_the_same_origin() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(
            ResponseTemplate::new(301).insert_header("Location", "/v2/customer/42/access?limit=5"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/v2/customer/42/access"))
        .respond_with(page())
        .mount(&server)
        .await;
    let users = bbo_client(&server.uri())
        .list_customer_access_users(42)
        .options(runtime::CallOptions::new().sensitive_header("x-secret", "s3cr3t"))
        .await
        .expect("the redirect is followed");
    assert_eq!(users.count, 0);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].url.query(), Some("limit=5"));
    assert_eq!(
        common::header(&requests[1], "authorization"),
        Some("Bearer bbo-token")
    );
    assert_eq!(common::header(&requests[1], "x-secret"), Some("s3cr3t"));
}

/// A read sent to another origin goes without anything secret: the bearer token, a sensitive header.
#[tokio::test]
async fn a_redirect_to_another_origin_carries_no_credentials() {
    let (first, other) = (MockServer::start().await, MockServer::start().await);
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "Location",
            format!("{}/mirror/customer/42/access", other.uri()).as_str(),
        ))
        .mount(&first)
        .await;
    Mock::given(path("/mirror/customer/42/access"))
        .respond_with(page())
        .mount(&other)
        .await;
    bbo_client(&first.uri())
        .list_customer_access_users(42)
        .options(
            runtime::CallOptions::new()
                .sensitive_header("x-secret", "s3cr3t")
                .header("x-trace", "t-1"),
        )
        .await
        .expect("the redirect is followed");
    let there = common::single_request(&other).await;
    assert_eq!(common::header(&there, "authorization"), None);
    assert_eq!(common::header(&there, "x-secret"), None);
    assert_eq!(common::header(&there, "x-trace"), Some("t-1"));
}

/// A server that redirects forever gets reqwest's limit: ten hops, then the last redirect is returned.
#[tokio::test]
async fn a_redirect_loop_ends_after_ten_hops() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", "/customer/42/access"))
        .mount(&server)
        .await;
    let error = bbo_client(&server.uri())
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert!(
        matches!(error, runtime::Error::Redirect { .. }),
        "{error:?}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(received(&server).await.len(), 11);
}

/// The typed mocks script redirects: an activation's is returned, a list's is followed to another stub.
#[tokio::test]
async fn typed_mocks_script_redirects() {
    let fusebill_mock = fusebill::mock::Mock::start().await;
    fusebill_mock
        .activate_customer()
        .respond_redirect(307, "/v2/customerActivation")
        .expect(1)
        .mount()
        .await
        .expect("a redirect needs no documented response");
    let error = fusebill_client(&fusebill_mock.uri())
        .activate_customer(activation())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, runtime::Error::Redirect { location, .. } if location.path() == "/v2/customerActivation"),
        "{error:?}"
    );
    // Nothing reached the redirect's target: the mock saw no unmatched request.
    assert_eq!(fusebill_mock.verify(), Ok(()));

    let bbo_mock = billing_booth_one::mock::Mock::start().await;
    bbo_mock
        .list_customer_access_users()
        .customer_id(42)
        .respond_redirect(308, "/customer/43/access")
        .mount()
        .await
        .expect("mounted");
    let moved = billing_booth_one::CustomerAccessUserList {
        limit: 25,
        offset: 0,
        count: 7,
        data: Vec::new(),
    };
    bbo_mock
        .list_customer_access_users()
        .customer_id(43)
        .respond_200(&moved)
        .expect(1)
        .mount()
        .await
        .expect("mounted");
    let users = bbo_client(&bbo_mock.uri())
        .list_customer_access_users(42)
        .await
        .expect("followed to the other stub");
    assert_eq!(users.count, 7);

    let refused = bbo_mock
        .list_customer_access_users()
        .respond_redirect(200, "/elsewhere")
        .mount()
        .await
        .expect_err("200 is no redirect");
    assert!(
        matches!(&refused, runtime::mock::MockError::InvalidStub { problem, .. } if problem.contains("not a redirect status")),
        "{refused:?}"
    );
}

/// A JSON answer with its length.
fn json_answer(status: &str, body: &str) -> Reply {
    Reply::Send(format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ))
}

/// The first request gets a body size far above any cap, and no body; later ones an empty page.
fn declared_too_large(_: &str, number: usize) -> Reply {
    if number == 0 {
        Reply::Send(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n"
                .to_owned(),
        )
    } else {
        json_answer("200 OK", PAGE)
    }
}

/// The header alone says the body is too large: no wait for bytes that will not fit anyway, and the
/// connection, its body unread, is not used again.
#[tokio::test]
async fn a_declared_length_above_the_cap_is_too_large_at_once() {
    let server = RawServer::start(declared_too_large).await;
    let client = billing_booth_one::Client::builder()
        .base_url(&server.url)
        .bearer_auth("t")
        .max_response_bytes(1024)
        .retry(RetryPolicy::none())
        // Were the body awaited, this timeout would end the call instead.
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds");
    let error = client.list_customer_access_users(42).await.unwrap_err();
    assert!(
        matches!(&error, runtime::Error::TooLarge { limit: 1024, response } if response.body().is_empty()),
        "{error:?}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    // The next call works, on a connection of its own: the server would have read it from the first one
    // (it reads requests in turn, whatever it answered).
    client
        .list_customer_access_users(42)
        .await
        .expect("the next call gets its page");
    assert_eq!(server.connections.load(Ordering::SeqCst), 2);
    assert_eq!(server.requests().len(), 2);
}

fn status_hangs(head: &str, _: usize) -> Reply {
    if head.starts_with("PUT ") {
        json_answer(
            "200 OK",
            &json!({
                "errorCode": "", "errorMessage": "", "content": [{"requestId": REQUEST_ID}], "pageable": null
            })
            .to_string(),
        )
    } else {
        Reply::Hang
    }
}

fn modify(client: &flolive::Client) -> flolive::ModifyBcdBuilder<'_> {
    client.modify_bcd(
        CUSTOMER.parse().expect("uuid"),
        flolive::ModifyBcdRequest {
            id: REQUEST_ID.parse().expect("uuid"),
        },
    )
}

/// A status read in flight when the poll's time is up is abandoned: the attempt timeout (and its retries)
/// would otherwise outlive the poll's timeout many times over.
#[tokio::test]
async fn a_hanging_status_read_ends_at_the_poll_timeout() {
    let server = RawServer::start(status_hangs).await;
    let client = flolive::Client::builder()
        .base_url(&server.url)
        .bearer_auth("t")
        .timeout(Duration::from_secs(3))
        .build()
        .expect("client builds");
    let error = modify(&client)
        .send_and_wait(PollOptions::new().timeout(Duration::from_millis(500)))
        .await
        .unwrap_err();
    assert!(
        matches!(error, runtime::Error::StillPending { polls: 0, .. }),
        "{error:?}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
}

fn always_hangs(_: &str, _: usize) -> Reply {
    Reply::Hang
}

fn hanging_bbo(server: &RawServer) -> billing_booth_one::ClientBuilder {
    billing_booth_one::Client::builder()
        .base_url(&server.url)
        .bearer_auth("t")
        // Far beyond the deadlines below: only a deadline can end these calls before it.
        .timeout(Duration::from_secs(20))
}

fn deadline_exceeded<E: std::fmt::Debug>(
    outcome: Result<impl std::fmt::Debug, runtime::Error<E>>,
    expected: Duration,
) {
    match outcome {
        Err(runtime::Error::DeadlineExceeded { deadline }) => assert_eq!(deadline, expected),
        other => panic!("expected the {expected:?} deadline to end the call, got {other:?}"),
    }
}

/// A call's deadline ends an attempt the server never answers, long before the attempt's timeout.
#[tokio::test]
async fn a_call_deadline_ends_a_hanging_attempt() {
    let server = RawServer::start(always_hangs).await;
    let client = hanging_bbo(&server).build().expect("client builds");
    let outcome = client
        .list_customer_access_users(42)
        .options(runtime::CallOptions::new().deadline(Duration::from_millis(300)))
        .await;
    deadline_exceeded(outcome, Duration::from_millis(300));
    assert_eq!(server.requests().len(), 1);
}

/// The client's deadline applies to every call; a call's own replaces it.
#[tokio::test]
async fn the_client_deadline_applies_to_each_call_unless_the_call_sets_its_own() {
    let server = RawServer::start(always_hangs).await;
    let client = hanging_bbo(&server)
        .deadline(Duration::from_millis(200))
        .build()
        .expect("client builds");
    let error = client.list_customer_access_users(42).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.to_string(), "not finished within the 200ms deadline");
    let outcome = client
        .list_customer_access_users(42)
        .options(runtime::CallOptions::new().deadline(Duration::from_millis(250)))
        .await;
    deadline_exceeded(outcome, Duration::from_millis(250));
}

/// A `Retry-After` longer than what is left of the deadline is not waited for: the answer comes back at
/// once, rather than `DeadlineExceeded` at the deadline.
#[tokio::test]
async fn a_retry_wait_past_the_deadline_returns_the_answer_instead() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "30"))
        .mount(&server)
        .await;
    let error = bbo_client(&server.uri())
        .list_customer_access_users(42)
        .options(runtime::CallOptions::new().deadline(Duration::from_secs(20)))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
}

/// The token exchange a call triggers is part of the call: a hanging exchange ends at the call's deadline,
/// and the list is never sent.
#[tokio::test]
async fn a_hanging_token_exchange_ends_at_the_call_deadline() {
    let server = RawServer::start(always_hangs).await;
    let client = billing_booth_one::Client::builder()
        .base_url(&server.url)
        .bearer_auth_via_create_token(billing_booth_one::TokenRequest {
            email: "ops@example.com".to_owned(),
            password: "secret".to_owned(),
            grant_type: billing_booth_one::TokenRequestGrantType::Password,
        })
        .timeout(Duration::from_secs(20))
        .deadline(Duration::from_millis(300))
        .build()
        .expect("client builds");
    let outcome = client.list_customer_access_users(42).await;
    deadline_exceeded(outcome, Duration::from_millis(300));
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].starts_with("POST /token "), "{requests:?}");
}

/// The first page of two users out of five answers; every later request hangs.
fn second_page_hangs(_: &str, number: usize) -> Reply {
    if number == 0 {
        json_answer(
            "200 OK",
            &json!({"limit": 2, "offset": 0, "count": 5, "data": [
                {"id": 1, "email": "u1@example.com", "name": "User 1", "status": "active"},
                {"id": 2, "email": "u2@example.com", "name": "User 2", "status": "active"}
            ]})
            .to_string(),
        )
    } else {
        Reply::Hang
    }
}

/// A walk deadline bounds the whole walk: a page that hangs ends the stream with `DeadlineExceeded`.
#[tokio::test]
async fn a_walk_deadline_ends_a_page_stream_whose_next_page_hangs() {
    let server = RawServer::start(second_page_hangs).await;
    let client = hanging_bbo(&server).build().expect("client builds");
    let mut pages = std::pin::pin!(
        client
            .list_customer_access_users(42)
            .limit(2)
            .options(runtime::CallOptions::new().walk_deadline(Duration::from_secs(1)))
            .pages()
    );
    let first = pages
        .next()
        .await
        .expect("a first page")
        .expect("it arrives");
    assert_eq!(first.data.len(), 2);
    let error = pages.next().await.expect("a second item").unwrap_err();
    assert!(
        matches!(error, runtime::Error::DeadlineExceeded { deadline } if deadline == Duration::from_secs(1)),
        "{error:?}"
    );
    assert!(pages.next().await.is_none(), "nothing after the deadline");
    assert_eq!(server.requests().len(), 2);
}

/// The walk's time includes the reader's: past the deadline, no further page is requested.
#[tokio::test]
async fn a_walk_deadline_passed_between_pages_sends_nothing_more() {
    let server = RawServer::start(second_page_hangs).await;
    let client = hanging_bbo(&server).build().expect("client builds");
    let mut items = std::pin::pin!(
        client
            .list_customer_access_users(42)
            .limit(2)
            .options(runtime::CallOptions::new().walk_deadline(Duration::from_millis(500)))
            .items()
    );
    assert!(matches!(items.next().await, Some(Ok(_))));
    assert!(matches!(items.next().await, Some(Ok(_))));
    // The reader dawdles past the walk's deadline.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let error = items.next().await.expect("a third item").unwrap_err();
    assert!(
        matches!(error, runtime::Error::DeadlineExceeded { .. }),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

/// A walk deadline that is not reached changes nothing: every page arrives.
#[tokio::test]
async fn a_generous_walk_deadline_lets_every_page_through() {
    let server = MockServer::start().await;
    for (offset, count) in [("0", 2), ("2", 2), ("4", 1)] {
        let data: Vec<_> = (0..count)
            .map(|i| json!({"id": i, "email": "u@example.com", "name": "U", "status": "active"}))
            .collect();
        Mock::given(path("/customer/42/access"))
            .and(wiremock::matchers::query_param("offset", offset))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"limit": 2, "offset": offset.parse::<i64>().unwrap_or(0), "count": 5, "data": data}),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let items: Vec<_> = bbo_client(&server.uri())
        .list_customer_access_users(42)
        .limit(2)
        .options(runtime::CallOptions::new().walk_deadline(Duration::from_secs(60)))
        .items()
        .try_collect()
        .await
        .expect("every page arrives");
    assert_eq!(items.len(), 5);
}
