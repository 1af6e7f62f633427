//! `specs/bodies.yaml` against wiremock: every request media type arrives with its `Content-Type` and the
//! exact encoding (JSON, `+json`, form-urlencoded, multipart files and fields, octets, text), and operations
//! with several media types send the one the caller picked.

use specgen_constructs::bodies::{
    Client, Note, SendCopiesBody, SendCopiesFormBody, SendCopiesJsonBody, SendFormBody,
    SendImageBody, SendSeveralBody, SendSeveralFormBody, UploadFilesForm,
};
use specgen_constructs::runtime::{FilePart, Multipart};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn start() -> (MockServer, Client) {
    let server = MockServer::start().await;
    for verb in ["POST", "PUT", "PATCH"] {
        Mock::given(method(verb))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
    }
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    (server, client)
}

async fn last_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap_or_default();
    requests.pop().expect("a request was received")
}

fn content_type(request: &Request) -> String {
    request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn note() -> Note {
    Note {
        text: "hello".to_owned(),
        pinned: Some(true),
    }
}

#[tokio::test]
async fn json_and_plus_json_bodies_carry_their_media_type() {
    let (server, client) = start().await;
    client.send_json(note()).await.expect("json");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(request.body, br#"{"text":"hello","pinned":true}"#.to_vec());
    client.patch_note(note()).await.expect("merge patch");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/merge-patch+json");
}

#[tokio::test]
async fn form_bodies_are_urlencoded_with_repeated_keys_for_arrays() {
    let (server, client) = start().await;
    let body = SendFormBody {
        to: "+44 20 7946 0000".to_owned(),
        body: "a&b=c".to_owned(),
        tags: Some(vec!["x".to_owned(), "y z".to_owned()]),
        priority: None,
    };
    client.send_form(body).await.expect("form");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    // Field order follows serde_json's object order (sorted, or spec order with its `preserve_order`).
    let text = String::from_utf8_lossy(&request.body).into_owned();
    let mut pairs: Vec<&str> = text.split('&').collect();
    pairs.sort_unstable();
    assert_eq!(
        pairs,
        [
            "body=a%26b%3Dc",
            "tags=x",
            "tags=y+z",
            "to=%2B44+20+7946+0000"
        ]
    );
}

/// The parts of a multipart body as (headers, content) pairs, split on the boundary of its content type.
fn parts(request: &Request) -> Vec<(String, String)> {
    let content_type = content_type(request);
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a multipart boundary");
    let body = String::from_utf8_lossy(&request.body).into_owned();
    body.split(&format!("--{boundary}"))
        .filter_map(|part| {
            let part = part.strip_prefix("\r\n")?;
            let (headers, content) = part.split_once("\r\n\r\n")?;
            Some((
                headers.to_owned(),
                content.trim_end_matches("\r\n").to_owned(),
            ))
        })
        .collect()
}

#[tokio::test]
async fn multipart_forms_send_files_and_fields_as_parts() {
    let (server, client) = start().await;
    let form = UploadFilesForm {
        file: FilePart::new(&b"%PDF-1.7"[..])
            .file_name("report.pdf")
            .content_type("application/pdf"),
        thumbnail: None,
        attachments: vec![FilePart::new("one"), FilePart::new("two")],
        title: "Q3".to_owned(),
        pages: Some(12),
        labels: Some(vec!["a".to_owned(), "b".to_owned()]),
        meta: Some(note()),
    };
    client.upload_files(form).await.expect("upload");
    let request = last_request(&server).await;
    assert!(content_type(&request).starts_with("multipart/form-data; boundary="));
    let parts = parts(&request);
    let summary: Vec<(String, String)> = parts
        .iter()
        .map(|(headers, content)| {
            let name = headers
                .split("name=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default()
                .to_owned();
            (name, content.clone())
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("file", "%PDF-1.7"),
        ("attachments", "one"),
        ("attachments", "two"),
        ("title", "Q3"),
        ("pages", "12"),
        ("labels", "a"),
        ("labels", "b"),
        ("meta", r#"{"text":"hello","pinned":true}"#),
    ]
    .iter()
    .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(summary, expected);
    assert!(parts[0].0.contains("filename=\"report.pdf\""), "{parts:?}");
    assert!(
        parts[0].0.contains("Content-Type: application/pdf"),
        "{parts:?}"
    );
    assert!(
        parts[7].0.contains("Content-Type: application/json"),
        "{parts:?}"
    );
}

#[tokio::test]
async fn a_multipart_body_without_properties_is_assembled_by_the_caller() {
    let (server, client) = start().await;
    let mut form = Multipart::new();
    form.value("kind", "raw")
        .file("data", &FilePart::new("bytes"));
    client.upload_anything(form).await.expect("upload");
    let request = last_request(&server).await;
    let parts = parts(&request);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].1, "raw");
    assert_eq!(parts[1].1, "bytes");
}

#[tokio::test]
async fn octets_and_text_are_sent_as_given() {
    let (server, client) = start().await;
    client
        .put_octets(vec![0_u8, 159, 146, 150])
        .await
        .expect("octets");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, vec![0_u8, 159, 146, 150]);

    client.put_text().body("plain words").await.expect("text");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "text/plain");
    assert_eq!(request.body, b"plain words".to_vec());

    client.put_text().await.expect("no body");
    let request = last_request(&server).await;
    assert!(request.body.is_empty());
    assert_eq!(content_type(&request), "");
}

#[tokio::test]
async fn several_media_types_send_the_variant_the_caller_picked() {
    let (server, client) = start().await;
    client
        .send_several(note())
        .await
        .expect("json through From");
    assert_eq!(
        content_type(&last_request(&server).await),
        "application/json"
    );

    let form = SendSeveralFormBody {
        text: Some("hi".to_owned()),
    };
    client.send_several(form).await.expect("form through From");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(request.body, b"text=hi".to_vec());

    client
        .send_several(SendSeveralBody::Xml("<note/>".to_owned()))
        .await
        .expect("xml");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/xml");
    assert_eq!(request.body, b"<note/>".to_vec());

    client
        .send_image(SendImageBody::ImageJpeg(bytes_of("jpeg")))
        .await
        .expect("jpeg");
    assert_eq!(content_type(&last_request(&server).await), "image/jpeg");
}

#[tokio::test]
async fn repeated_shapes_are_one_type_and_their_variants_are_named() {
    let (server, client) = start().await;
    // Both inline bodies repeat sendSeveral's form: one type under three names.
    let text = Some("hi".to_owned());
    let json: SendCopiesJsonBody = SendSeveralFormBody { text: text.clone() };
    let form: SendCopiesFormBody = json.clone();
    client
        .send_copies(SendCopiesBody::Json(json))
        .await
        .expect("json");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(request.body, br#"{"text":"hi"}"#.to_vec());
    client
        .send_copies(SendCopiesBody::Form(form))
        .await
        .expect("form");
    let request = last_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(request.body, b"text=hi".to_vec());
}

fn bytes_of(text: &'static str) -> specgen_constructs::bytes::Bytes {
    specgen_constructs::bytes::Bytes::from_static(text.as_bytes())
}

#[test]
fn file_parts_never_print_their_content() {
    let file = FilePart::new("top secret").file_name("a.txt");
    let printed = format!("{file:?}");
    assert!(!printed.contains("top secret"), "{printed}");
    assert!(printed.contains("len: 10"), "{printed}");
}
