//! The runtime's promises against less usual servers (issue 18): redirects are followed by the operation's
//! safety, a declared body size above the cap is refused before any body byte, and deadlines bound a whole
//! call, a poll, a token exchange and a page walk. Servers are wiremock where it can misbehave enough, and a
//! raw TCP server on 127.0.0.1 where it cannot (a read that never answers, a size with no body behind it).

mod common;

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

/// A 307 to another path of the same host proves the POST reached the server: it must not go out again.
#[tokio::test]
async fn a_307_to_an_activation_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(
            ResponseTemplate::new(307).insert_header("Location", "/v2/customerActivation"),
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
    let sent: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(sent, ["POST /customerActivation"], "{outcome:?}");
}

/// A JSON answer with its length.
fn json_answer(status: &str, body: &str) -> Reply {
    Reply::Send(format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ))
}

fn declared_too_large(_: &str, _: usize) -> Reply {
    Reply::Send(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n"
            .to_owned(),
    )
}

/// The header alone says the body is too large: no wait for bytes that will not fit anyway.
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
