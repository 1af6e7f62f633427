//! `specs/params_header_cookie.yaml` against wiremock: headers in simple style and cookies in form style,
//! with and without explode, write OpenAPI's style examples (id=5, color=[blue,black,brown],
//! rgb={R:100,G:200,B:150}) as the exact header text. Object members come in spec order (R, G, B), as in the OpenAPI style table.

mod common;

use specgen_constructs::params_header_cookie::{Client, Color, Shade};
use wiremock::{MockServer, Request};

async fn setup() -> (MockServer, Client) {
    let server = common::answering_no_content("GET").await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    (server, client)
}

fn colors() -> Vec<Shade> {
    vec![Shade::Blue, Shade::Black, Shade::Brown]
}

fn rgb() -> Color {
    Color {
        r: 100,
        g: 200,
        b: 150,
    }
}

fn headers<'a>(request: &'a Request, names: &[&str]) -> Vec<Option<&'a str>> {
    names
        .iter()
        .map(|name| request.headers.get(*name).and_then(|v| v.to_str().ok()))
        .collect()
}

#[tokio::test]
async fn simple_headers_without_explode() {
    let (server, client) = setup().await;
    client
        .headers_simple(5)
        .x_color(colors())
        .x_rgb(rgb())
        .await
        .expect("headers");
    assert_eq!(
        headers(
            &common::only_request(&server).await,
            &["x-id", "x-color", "x-rgb"]
        ),
        [
            Some("5"),
            Some("blue,black,brown"),
            Some("R,100,G,200,B,150")
        ]
    );
}

#[tokio::test]
async fn simple_headers_with_explode() {
    let (server, client) = setup().await;
    client
        .headers_simple_explode(5)
        .x_color(colors())
        .x_rgb(rgb())
        .await
        .expect("headers");
    assert_eq!(
        headers(
            &common::only_request(&server).await,
            &["x-id", "x-color", "x-rgb"]
        ),
        [
            Some("5"),
            Some("blue,black,brown"),
            Some("R=100,G=200,B=150")
        ]
    );
}

#[tokio::test]
async fn unset_optional_headers_are_not_sent() {
    let (server, client) = setup().await;
    client.headers_simple(5).await.expect("headers");
    assert_eq!(
        headers(
            &common::only_request(&server).await,
            &["x-id", "x-color", "x-rgb"]
        ),
        [Some("5"), None, None]
    );
}

#[tokio::test]
async fn json_content_header_is_the_json_text() {
    let (server, client) = setup().await;
    client.headers_json(rgb()).await.expect("json header");
    assert_eq!(
        headers(&common::only_request(&server).await, &["x-filter"]),
        [Some(r#"{"R":100,"G":200,"B":150}"#)]
    );
}

#[tokio::test]
async fn form_cookies_exploded_are_cookies_of_their_own() {
    let (server, client) = setup().await;
    client
        .cookies_form(5)
        .color(colors())
        .rgb(rgb())
        .await
        .expect("cookies");
    assert_eq!(
        headers(&common::only_request(&server).await, &["cookie"]),
        [Some(
            "id=5; color=blue; color=black; color=brown; R=100; G=200; B=150"
        )]
    );
}

#[tokio::test]
async fn form_cookies_unexploded_are_comma_separated() {
    let (server, client) = setup().await;
    client
        .cookies_form_unexploded(5)
        .color(colors())
        .rgb(rgb())
        .await
        .expect("cookies");
    assert_eq!(
        headers(&common::only_request(&server).await, &["cookie"]),
        [Some("id=5; color=blue,black,brown; rgb=R,100,G,200,B,150")]
    );
}

#[tokio::test]
async fn a_cookie_item_cannot_add_cookies() {
    let (server, client) = setup().await;
    let hostile = vec![Shade::Unknown("x; admin=1".to_owned())];
    assert!(matches!(
        client.cookies_form(5).color(hostile).await,
        Err(specgen_constructs::runtime::Error::InvalidRequest(_))
    ));
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty(), "nothing may be sent");
}
