//! The OpenAPI 3.1 fixtures against wiremock: type lists read as nullable fields and unions, `const` as a
//! one-value enum, `$ref` siblings (nullable through allOf), `$defs`, base64 `contentEncoding` as bytes,
//! `contentMediaType` bodies and parts as binary, and a path item from `components/pathItems`.

mod common;

use specgen_constructs::openapi31_content::{Client as Content, PostDocumentForm};
use specgen_constructs::openapi31_document::Client as Document;
use specgen_constructs::openapi31_types::{
    Client as Types, Thing, ThingDefsColour, ThingKind, ThingSize,
};
use specgen_constructs::runtime::{FilePart, Nullable};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(verb: &str, route: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn type_lists_const_and_reference_siblings_decode() {
    let server = answering(
        "GET",
        "/things/3",
        r#"{"id":3,"kind":"thing","label":"Lamp","note":null,"count":4,"size":"large",
            "previous":null,"colour":"green","legacy":null,"extra":[1]}"#,
    )
    .await;
    let client = Types::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let thing: Thing = client.get_thing(3).await.expect("thing");
    assert_eq!(thing.kind, ThingKind::Thing);
    assert_eq!(thing.note, Nullable::Null);
    assert_eq!(thing.count, Nullable::Value(4));
    assert_eq!(thing.size, Some(ThingSize::String("large".to_owned())));
    assert_eq!(thing.previous, Nullable::Null);
    assert_eq!(thing.owner, None);
    assert_eq!(thing.colour, Some(ThingDefsColour::Green));
    assert_eq!(thing.legacy, Nullable::Null);
    assert_eq!(thing.extra, Some(serde_json::json!([1])));
    // A union of string and number takes either; absent nullable fields stay absent when sent back.
    let numeric: ThingSize = serde_json::from_str("2.5").expect("number");
    assert_eq!(numeric, ThingSize::Number(2.5));
    let minimal: Thing =
        serde_json::from_str(r#"{"id":1,"kind":"thing","label":"x"}"#).expect("minimal");
    assert_eq!(minimal.note, Nullable::Absent);
    assert_eq!(
        serde_json::to_string(&minimal).expect("serialise"),
        r#"{"id":1,"kind":"thing","label":"x"}"#
    );
}

#[tokio::test]
async fn base64_content_is_bytes_and_media_typed_content_is_binary() {
    let server = answering("POST", "/documents", r#"{"digest":"AAEC"}"#).await;
    let client = Content::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let form = PostDocumentForm {
        title: Some("contract".to_owned()),
        file: FilePart::new(&b"%PDF"[..]).content_type("application/pdf"),
    };
    let document = client.post_document(form).await.expect("document");
    assert_eq!(document.digest.0, vec![0u8, 1, 2]);
    let request = common::only_request(&server).await;
    let body = String::from_utf8_lossy(&request.body).into_owned();
    assert!(
        body.contains("Content-Type: application/pdf")
            || body.contains("content-type: application/pdf"),
        "{body}"
    );

    let server = common::answering_no_content("PUT").await;
    let client = Content::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    client
        .put_avatar(vec![0x89u8, b'P', b'N', b'G'])
        .await
        .expect("avatar");
    let request = common::only_request(&server).await;
    assert_eq!(
        request
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
    assert_eq!(request.body, vec![0x89u8, b'P', b'N', b'G']);
}

#[tokio::test]
async fn a_path_item_component_is_an_operation() {
    let server = answering("GET", "/pets", r#"[{"name":"Rex","position":[1,2]}]"#).await;
    let client = Document::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let pets = client.list_pets().await.expect("pets");
    assert_eq!(pets[0].name, "Rex");
    assert_eq!(
        pets[0].position,
        Some(vec![serde_json::json!(1), serde_json::json!(2)])
    );
}
