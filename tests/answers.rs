//! Hostile and broken answers become typed errors that keep what arrived: malformed JSON, an empty body
//! where JSON was promised, a body cut off mid-way, a body over the size limit (declared or not).

mod common;

use billing_clients::billing_booth_one::Client;
use billing_clients::runtime::{self, RetryPolicy};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base: String) -> Client {
    Client::builder()
        .base_url(base)
        .bearer_auth("bbo-secret-token")
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

async fn answering(body: &'static str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_raw_body() {
    let server = answering(r#"{"limit": 25, "data": ["#).await;
    let error = client(server.uri())
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert!(matches!(error, runtime::Error::Decode { .. }), "{error:?}");
    assert_eq!(error.raw_body(), Some(&br#"{"limit": 25, "data": ["#[..]));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn an_empty_body_where_json_was_promised_is_a_decode_error() {
    let server = answering("").await;
    let error = client(server.uri())
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert!(matches!(error, runtime::Error::Decode { .. }), "{error:?}");
    assert_eq!(error.raw_body(), Some(&b""[..]));
}

/// A body whose `Content-Length` exceeds the limit is refused on its headers: no byte of it is read.
#[tokio::test]
async fn a_declared_body_over_the_limit_is_too_large_before_any_byte() {
    let server = answering(r#"{"limit": 25, "offset": 0, "count": 0, "data": []}"#).await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(10)
        .build()
        .expect("client builds");
    let error = client.list_customer_access_users(42).await.unwrap_err();
    assert!(
        matches!(&error, runtime::Error::TooLarge { limit: 10, .. }),
        "{error:?}"
    );
    assert_eq!(error.raw_body(), Some(&b""[..]));
}

/// A body without a declared length is read up to the limit, and the start is kept.
#[tokio::test]
async fn an_undeclared_body_over_the_limit_is_too_large_and_keeps_its_start() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            // No length: the body runs until the server closes the connection.
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket
                .write_all(br#"{"limit": 25, "offset": 0, "count": 0, "data": []}"#)
                .await;
            let _ = socket.shutdown().await;
        }
    });
    let client = Client::builder()
        .base_url(base)
        .max_response_bytes(10)
        .build()
        .expect("client builds");
    let error = client.list_customer_access_users(42).await.unwrap_err();
    assert!(
        matches!(&error, runtime::Error::TooLarge { limit: 10, .. }),
        "{error:?}"
    );
    assert_eq!(error.raw_body(), Some(&br#"{"limit": "#[..]));
}

/// A loopback server that answers every connection with headers promising 100 bytes, sends 20, and
/// hangs up; returns its base URL and a count of connections.
async fn cutting_server() -> (String, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let connections = Arc::new(Mutex::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            *count.lock().expect("count") += 1;
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(br#"{"limit": 25, "offse"#).await;
            let _ = socket.shutdown().await;
        }
    });
    (base, connections)
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_interrupted_with_the_bytes_received() {
    let (base, connections) = cutting_server().await;
    let error = client(base)
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, runtime::Error::Interrupted { .. }),
        "{error:?}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.raw_body(), Some(&br#"{"limit": 25, "offse"#[..]));
    assert_eq!(*connections.lock().expect("count"), 1);
}

#[tokio::test]
async fn an_interrupted_idempotent_call_is_retried() {
    let (base, connections) = cutting_server().await;
    let client = Client::builder()
        .base_url(base)
        .retry(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_backoff(std::time::Duration::from_millis(1)),
        )
        .build()
        .expect("client builds");
    let error = client.list_customer_access_users(42).await.unwrap_err();
    assert!(
        matches!(&error, runtime::Error::Interrupted { .. }),
        "{error:?}"
    );
    assert_eq!(*connections.lock().expect("count"), 3);
}
