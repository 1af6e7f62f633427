//! `specs/responses.yaml` against wiremock: several success types become an enum by status, an optional
//! body is `Option`, text and binary bodies are read as `String` and `Bytes`, status ranges and `default`
//! route errors, and `Accept` names the documented media types.

use specgen_constructs::responses::{
    Client, CreateItemHeaders, CreateItemResponse, Item, Problem, Receipt,
};
use specgen_constructs::runtime::Error;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(verb: &str, route: &str, response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    (server, client)
}

#[tokio::test]
async fn each_success_status_decodes_into_its_variant() {
    let cases = [
        (
            ResponseTemplate::new(200).set_body_string(r#"{"id":7}"#),
            CreateItemResponse::Ok(Item { id: 7 }),
        ),
        (
            ResponseTemplate::new(201).set_body_string(r#"{"ticket":"T-1"}"#),
            CreateItemResponse::Created(Receipt {
                ticket: "T-1".to_owned(),
            }),
        ),
        (ResponseTemplate::new(204), CreateItemResponse::NoContent),
    ];
    for (template, expected) in cases {
        let (_server, client) = answering("POST", "/items", template).await;
        assert_eq!(client.create_item().await.expect("success"), expected);
    }
}

#[tokio::test]
async fn ranges_and_default_route_errors_to_the_documented_type() {
    for status in [404, 503] {
        let (_server, client) = answering(
            "POST",
            "/items",
            ResponseTemplate::new(status).set_body_string(r#"{"title":"no"}"#),
        )
        .await;
        match client.create_item().await {
            Err(Error::Api(error)) => {
                assert_eq!(error.status.as_u16(), status);
                assert_eq!(
                    error.value,
                    Problem {
                        title: Some("no".to_owned())
                    }
                );
            }
            other => panic!("expected a typed API error for {status}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_empty_success_beside_a_json_one_is_none() {
    let (_server, client) = answering("GET", "/items/maybe", ResponseTemplate::new(204)).await;
    assert_eq!(client.maybe_item().await.expect("204"), None);
    let (_server, client) = answering(
        "GET",
        "/items/maybe",
        ResponseTemplate::new(200).set_body_string(r#"{"id":1}"#),
    )
    .await;
    assert_eq!(
        client.maybe_item().await.expect("200"),
        Some(Item { id: 1 })
    );
}

#[tokio::test]
async fn binary_and_text_bodies_are_read_as_bytes_and_strings() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/report"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![0x25, 0x50, 0xff]))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let pdf = client.get_report().await.expect("pdf");
    assert_eq!(pdf.as_ref(), [0x25, 0x50, 0xff]);
    let requests = server.received_requests().await.unwrap_or_default();
    let accept = requests
        .first()
        .and_then(|r| r.headers.get("accept"))
        .and_then(|v| v.to_str().ok());
    assert_eq!(accept, Some("application/pdf, text/plain"));

    let (_server, client) = answering(
        "GET",
        "/readme",
        ResponseTemplate::new(206).set_body_string("# Title"),
    )
    .await;
    assert_eq!(client.get_readme().await.expect("markdown"), "# Title");
}

#[tokio::test]
async fn an_error_documented_as_text_keeps_its_body_raw() {
    let (_server, client) = answering(
        "GET",
        "/report",
        ResponseTemplate::new(404).set_body_string("no such report"),
    )
    .await;
    match client.get_report().await {
        Err(Error::Api(error)) => {
            assert_eq!(error.status.as_u16(), 404);
            assert_eq!(error.body.as_ref(), b"no such report");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    let (_server, client) = answering(
        "GET",
        "/ranges",
        ResponseTemplate::new(502).set_body_string("<error/>"),
    )
    .await;
    assert!(matches!(client.get_ranges().await, Err(Error::Api(e)) if e.status.as_u16() == 502));
}

#[tokio::test]
async fn send_with_response_keeps_status_headers_and_body_beside_the_value() {
    let (_server, client) = answering(
        "POST",
        "/items",
        ResponseTemplate::new(201)
            .insert_header("Location", "/items/9")
            .set_body_string(r#"{"ticket":"T-9"}"#),
    )
    .await;
    let answer = client
        .create_item()
        .send_with_response()
        .await
        .expect("created");
    assert_eq!(answer.status().as_u16(), 201);
    assert_eq!(answer.body(), br#"{"ticket":"T-9"}"#);
    let headers = CreateItemHeaders::from(answer.headers());
    assert_eq!(headers.location.as_deref(), Some("/items/9"));
    assert_eq!(
        answer.into_value(),
        CreateItemResponse::Created(Receipt {
            ticket: "T-9".to_owned()
        })
    );
}
