//! `specs/security.yaml` against wiremock: each scheme kind puts its credential in the right place, a
//! per-operation `security` overrides the global one, and the first satisfiable alternative is used.

mod common;

use specgen_constructs::security::Client;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn header_text<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn http_bearer_basic_and_oauth_go_in_the_authorization_header() {
    let server = common::answering_no_content("GET").await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer("t0k")
        .basic("ann", "s3cret")
        .oauth("oauth-token")
        .build()
        .expect("client");
    client.get_bearer().await.expect("bearer call");
    client.get_basic().await.expect("basic call");
    client.get_oauth().await.expect("oauth call");
    let requests = server.received_requests().await.unwrap_or_default();
    let auth: Vec<Option<&str>> = requests
        .iter()
        .map(|r| header_text(r, "authorization"))
        .collect();
    assert_eq!(
        auth,
        [
            Some("Bearer t0k"),
            Some("Basic YW5uOnMzY3JldA=="),
            Some("Bearer oauth-token")
        ]
    );
}

#[tokio::test]
async fn api_keys_travel_in_header_query_and_cookie() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/keys"))
        .and(header("x-api-key", "h"))
        .and(query_param("api_key", "q"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .header_key("h")
        .query_key("q")
        .build()
        .expect("client");
    client
        .get_keys()
        .await
        .expect("both keys satisfy the first alternative");

    let cookie_server = common::answering_no_content("GET").await;
    let cookie_client = Client::builder()
        .base_url(cookie_server.uri())
        .cookie_key("c00kie")
        .build()
        .expect("client");
    cookie_client.get_keys().await.expect("cookie alternative");
    let request = common::only_request(&cookie_server).await;
    assert_eq!(header_text(&request, "cookie"), Some("session=c00kie"));
    assert_eq!(header_text(&request, "x-api-key"), None);
}

#[tokio::test]
async fn an_empty_override_sends_no_credentials() {
    let server = common::answering_no_content("GET").await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer("t0k")
        .build()
        .expect("client");
    client.get_public().await.expect("public call");
    let request = common::only_request(&server).await;
    assert_eq!(header_text(&request, "authorization"), None);
}

#[test]
fn server_variables_fill_the_default_url() {
    let client = Client::builder()
        .server_region("us")
        .build()
        .expect("client");
    assert_eq!(client.base_url().as_str(), "https://us.example.com/v1");
}
