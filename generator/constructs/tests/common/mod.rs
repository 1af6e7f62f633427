//! Mock-server helpers the construct tests share.

// Each test binary compiles this module on its own and uses only some of the helpers.
#![allow(dead_code)]

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server on 127.0.0.1 that answers every request with this HTTP method `204 No Content`.
pub async fn answering_no_content(verb: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

/// The one request the server received; fails if it received none or more than one.
pub async fn only_request(server: &MockServer) -> Request {
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1, "expected one request: {requests:?}");
    requests.into_iter().next().expect("one request")
}
