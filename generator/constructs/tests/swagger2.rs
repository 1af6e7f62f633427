//! The Swagger 2.0 fixtures against wiremock: a body parameter goes out as JSON, `formData` parameters as a
//! URL-encoded form (a `multi` array as repeated keys) or, with a file among them, as a multipart form;
//! every `collectionFormat` writes its delimiter on the wire, in a query and in a URL-encoded form (tsv falls
//! back to commas), and a multipart form sends an array as a part per value; servers come from
//! `host`, `basePath` and `schemes`; global responses, `x-nullable` and `x-ms-enum` shape the types; path
//! items `$ref`'d within the file and from another 2.0 file are operations.

mod common;

use specgen_constructs::runtime::{FilePart, Nullable};
use specgen_constructs::swagger2_bodies::{Client as Bodies, LoginBody, Note, UploadForm};
use specgen_constructs::swagger2_collection_formats::{
    Client as Formats, SendFormBody, SendPartsForm,
};
use specgen_constructs::swagger2_document::{Client as Document, Item, ItemState};
use specgen_constructs::swagger2_path_refs::{Client as PathRefs, Owner};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn content_type(request: &Request) -> String {
    request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_body_parameter_is_sent_as_json_and_read_back() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/notes"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"text":"stored"}"#))
        .mount(&server)
        .await;
    let client = Bodies::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let stored = client
        .add_note(Note {
            text: "hello".to_owned(),
        })
        .await
        .expect("note");
    assert_eq!(stored.text, "stored");
    let request = common::only_request(&server).await;
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(request.body, br#"{"text":"hello"}"#.to_vec());
}

#[tokio::test]
async fn form_data_is_url_encoded_with_a_multi_array_as_repeated_keys() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(ResponseTemplate::new(200).set_body_string("token-1"))
        .mount(&server)
        .await;
    let client = Bodies::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let body = LoginBody {
        user: "ann&bo".to_owned(),
        remember: Some(true),
        scopes: Some(vec!["read".to_owned(), "write".to_owned()]),
    };
    let token = client.login(body).await.expect("login");
    assert_eq!(token, "token-1");
    let request = common::only_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        "user=ann%26bo&remember=true&scopes=read&scopes=write"
    );
    assert_eq!(
        request.headers.get("accept").and_then(|v| v.to_str().ok()),
        Some("text/plain")
    );
}

#[tokio::test]
async fn form_data_with_a_file_is_a_multipart_form() {
    let server = common::answering_no_content("POST").await;
    let client = Bodies::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let form = UploadForm {
        title: "Q3".to_owned(),
        file: FilePart::new(&b"%PDF-1.7"[..]).file_name("q3.pdf"),
    };
    client.upload(form).await.expect("upload");
    let request = common::only_request(&server).await;
    assert!(
        content_type(&request).starts_with("multipart/form-data; boundary="),
        "{}",
        content_type(&request)
    );
    let body = String::from_utf8_lossy(&request.body).into_owned();
    assert!(body.contains("name=\"title\"\r\n\r\nQ3\r\n"), "{body}");
    assert!(
        body.contains("name=\"file\"; filename=\"q3.pdf\""),
        "{body}"
    );
    assert!(body.contains("%PDF-1.7"), "{body}");
}

#[tokio::test]
async fn a_file_answer_is_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/downloads/a.bin"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![0u8, 0xff, 7]))
        .mount(&server)
        .await;
    let client = Bodies::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let bytes = client.download("a.bin").await.expect("download");
    assert_eq!(bytes.as_ref(), [0u8, 0xff, 7]);
}

#[tokio::test]
async fn every_collection_format_writes_its_delimiter() {
    let server = common::answering_no_content("GET").await;
    let client = Formats::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let words = || vec!["a".to_owned(), "b c".to_owned()];
    client
        .search(vec![1, 2])
        .csv(words())
        .ssv(words())
        .pipes(words())
        .multi(words())
        .tsv(words())
        .x_tags(words())
        .await
        .expect("search");
    let request = common::only_request(&server).await;
    assert_eq!(request.url.path(), "/search/1,2");
    assert_eq!(
        request.url.query(),
        Some("csv=a,b%20c&ssv=a%20b%20c&pipes=a|b%20c&multi=a&multi=b%20c&tsv=a,b%20c")
    );
    assert_eq!(
        request.headers.get("x-tags").and_then(|v| v.to_str().ok()),
        Some("a,b c")
    );
}

/// `collectionFormat` of `formData` arrays in a URL-encoded form: the `encoding` styles of OpenAPI 3.0
/// (csv: form without explode; ssv: spaceDelimited; pipes: pipeDelimited; multi: repeated keys; tsv: csv).
#[tokio::test]
async fn every_collection_format_writes_its_delimiter_in_a_url_encoded_form() {
    let server = common::answering_no_content("POST").await;
    let client = Formats::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let words = || Some(vec!["a".to_owned(), "b c".to_owned()]);
    let form = SendFormBody {
        csv: words(),
        ssv: words(),
        pipes: words(),
        multi: words(),
        tsv: words(),
    };
    client.send_form().body(form).await.expect("form");
    let request = common::only_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    // Decoded, the fields read `csv=a,b c`, `ssv=a b c`, `pipes=a|b c`, `multi` twice and `tsv=a,b c`; the
    // form encoder percent-encodes the comma delimiter, as the WHATWG urlencoded serializer does.
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        "csv=a%2Cb%20c&ssv=a%20b%20c&pipes=a|b%20c&multi=a&multi=b%20c&tsv=a%2Cb%20c"
    );
}

/// In a multipart form every array is one part per value, as OpenAPI 3.0 writes it; a delimiter written in
/// the spec is a warning (see the fixture's `.warnings` snapshot).
#[tokio::test]
async fn arrays_of_a_multipart_form_are_a_part_per_value() {
    let server = common::answering_no_content("POST").await;
    let client = Formats::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let form = SendPartsForm {
        multi: Some(vec!["a".to_owned(), "b".to_owned()]),
        plain: Some(vec!["c".to_owned()]),
        pipes: Some(vec!["d".to_owned(), "e".to_owned()]),
    };
    client.send_parts().body(form).await.expect("parts");
    let request = common::only_request(&server).await;
    let boundary = content_type(&request)
        .split_once("boundary=")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    let part = |name: &str, value: &str| {
        format!(
            "--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
    };
    let expected = [
        part("multi", "a"),
        part("multi", "b"),
        part("plain", "c"),
        part("pipes", "d"),
        part("pipes", "e"),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    assert_eq!(
        String::from_utf8_lossy(&request.body).to_lowercase(),
        expected.to_lowercase()
    );
}

#[tokio::test]
async fn servers_come_from_host_base_path_and_schemes_with_https_first() {
    let client = Document::builder()
        .basic("user", "secret")
        .build()
        .expect("client");
    assert_eq!(client.base_url().as_str(), "https://api.example.com/v2");
}

#[tokio::test]
async fn global_parameters_responses_and_nullable_definitions_are_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/7"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"message":"gone"}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"[{"name":"lamp","note":null,"state":"on"},{"name":"cable","parent":{"name":"lamp","state":"off"},"state":"standby"}]"#,
        ))
        .mount(&server)
        .await;
    let client = Document::builder()
        .base_url(server.uri())
        .key("k")
        .build()
        .expect("client");
    match client.get_item("7").await {
        Err(specgen_constructs::runtime::Error::Api(failure)) => {
            assert_eq!(failure.status.as_u16(), 404);
            assert_eq!(failure.value.message.as_deref(), Some("gone"));
        }
        other => panic!("expected the documented 404: {other:?}"),
    }
    let items: Vec<Item> = client.list_items().limit(2).await.expect("items");
    assert_eq!(items[0].note, Nullable::Null);
    assert_eq!(items[0].state, ItemState::Enabled);
    assert!(
        matches!(&items[1].parent, Nullable::Value(parent) if parent.state == ItemState::Disabled)
    );
    assert_eq!(items[1].state, ItemState::Unknown("standby".to_owned()));
    let requests = server.received_requests().await.unwrap_or_default();
    let listed = requests
        .iter()
        .find(|r| r.url.path() == "/items")
        .expect("list request");
    assert_eq!(listed.url.query(), Some("limit=2"));
    assert_eq!(
        listed
            .headers
            .get("x-api-key")
            .and_then(|v| v.to_str().ok()),
        Some("k")
    );
}

/// A path item `$ref`'d from another Swagger 2.0 file is converted like the spec: its body parameter is the
/// JSON body, its pipes array and global parameter are query parameters, its global 404 response is the
/// error type; a path item `$ref`'d within the file is the same operation at another path.
#[tokio::test]
async fn path_items_from_refs_within_and_across_files_are_operations() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/owners/7"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"detail":"no owner 7"}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/animals"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"name":"Rex"}]"#))
        .mount(&server)
        .await;
    let client = PathRefs::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let owner = Owner {
        name: "Ann".to_owned(),
        nickname: Nullable::Null,
    };
    let sent = client
        .put_owner(7, owner)
        .tags(vec!["a".to_owned(), "b".to_owned()])
        .verbose(true)
        .await;
    match sent {
        Err(specgen_constructs::runtime::Error::Api(failure)) => {
            assert_eq!(failure.status.as_u16(), 404);
            assert_eq!(failure.value.detail.as_deref(), Some("no owner 7"));
        }
        other => panic!("expected the documented 404: {other:?}"),
    }
    let animals = client.get_animals().limit(1).await.expect("animals");
    assert_eq!(animals.first().map(|p| p.name.as_str()), Some("Rex"));
    let requests = server.received_requests().await.unwrap_or_default();
    let put = requests
        .iter()
        .find(|r| r.url.path() == "/owners/7")
        .expect("put request");
    assert_eq!(put.url.query(), Some("tags=a|b&verbose=true"));
    assert_eq!(content_type(put), "application/json");
    assert_eq!(put.body, br#"{"name":"Ann","nickname":null}"#.to_vec());
}
