//! Shared helpers for the integration tests: inspecting what a wiremock server received.

// Each test binary compiles this module on its own and uses only some of the helpers.
#![allow(dead_code)]

use std::net::TcpListener;
use wiremock::{MockServer, Request};

/// All requests the server received (recording is on by default).
pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is enabled")
}

/// The one request the server received; fails if it received none or more than one.
pub async fn single_request(server: &MockServer) -> Request {
    let mut requests = received(server).await;
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:?}"
    );
    requests.remove(0)
}

/// A header of a received request as text, if present (fails if it is present more than once).
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    let mut values = request.headers.get_all(name).iter();
    let first = values.next()?;
    assert!(
        values.next().is_none(),
        "header {name} was sent more than once"
    );
    Some(first.to_str().expect("header value is visible ASCII"))
}

/// The body of a received request parsed as JSON.
pub fn json_body(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|error| {
        panic!(
            "request body is not JSON ({error}): {:?}",
            String::from_utf8_lossy(&request.body)
        )
    })
}

/// A matcher for requests that do NOT carry the given header.
pub fn without_header(name: &'static str) -> impl Fn(&Request) -> bool + Send + Sync {
    move |request: &Request| !request.headers.contains_key(name)
}

/// A matcher for requests whose query string is exactly `expected` (`None`: no `?` at all).
pub fn exact_query(expected: Option<&'static str>) -> impl Fn(&Request) -> bool + Send + Sync {
    move |request: &Request| request.url.query() == expected
}

/// A matcher for requests without a body.
pub fn empty_body() -> impl Fn(&Request) -> bool + Send + Sync {
    |request: &Request| request.body.is_empty()
}

/// The base URL of a loopback port that nothing listens on (bound, then released).
pub fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    let port = listener.local_addr().expect("local address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
