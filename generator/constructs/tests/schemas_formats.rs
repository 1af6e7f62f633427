//! `specs/schemas_formats.yaml`: every format's Rust type reads and writes its JSON form; `format: byte` is
//! `runtime::Base64` (decoded bytes), `format: binary` in JSON stays a `String`.

use serde_json::json;
use specgen_constructs::runtime::Base64;
use specgen_constructs::schemas_formats::{Client, File};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn file_json() -> serde_json::Value {
    json!({
        "id": "0b8f5c3e-7d6a-4e1f-9c2b-3a4d5e6f7a8b",
        "created": "2024-05-06T07:08:09.5+02:00",
        "day": "2024-02-29",
        "small": 2147483647,
        "big": 9007199254740993i64,
        "plain": -4,
        "ratio": 0.25,
        "precise": 0.1,
        "number": 3,
        "content": "aGVsbG8gd29ybGQ=",
        "raw": "\u{0}\u{1}binary",
        "secret": "pw",
        "email": "a@example.com",
        "other": "x"
    })
}

#[test]
fn every_format_reads_into_its_type() {
    let file: File = serde_json::from_value(file_json()).expect("file");
    assert_eq!(file.id.to_string(), "0b8f5c3e-7d6a-4e1f-9c2b-3a4d5e6f7a8b");
    assert_eq!(file.created.to_rfc3339(), "2024-05-06T05:08:09.500+00:00");
    assert_eq!(file.day.to_string(), "2024-02-29");
    assert_eq!(file.small, i32::MAX);
    assert_eq!(file.big, 9_007_199_254_740_993);
    assert_eq!(file.plain, Some(-4));
    assert_eq!(file.ratio, 0.25f32);
    assert_eq!(file.precise, 0.1f64);
    assert_eq!(file.number, Some(3.0));
    assert_eq!(file.content, Base64(b"hello world".to_vec()));
    assert_eq!(file.raw, "\u{0}\u{1}binary");
    assert_eq!(file.email.as_deref(), Some("a@example.com"));
}

#[test]
fn values_out_of_their_format_are_errors() {
    for (key, bad) in [
        ("id", json!("not-a-uuid")),
        ("created", json!("yesterday")),
        ("day", json!("2023-02-29")),
        ("small", json!(2147483648i64)),
        ("content", json!("not base64!")),
    ] {
        let mut text = file_json();
        text[key] = bad;
        assert!(serde_json::from_value::<File>(text).is_err(), "{key}");
    }
}

#[test]
fn base64_accepts_url_safe_and_unpadded_text_and_writes_standard_padding() {
    for text in ["+/+/", "-_-_", "aGk=", "aGk", "aG k=\n"] {
        assert!(Base64::decode(text).is_some(), "{text}");
    }
    assert_eq!(Base64::decode("-_-_"), Base64::decode("+/+/"));
    assert_eq!(Base64::decode("aGk").map(|b| b.0), Some(b"hi".to_vec()));
    assert_eq!(Base64::decode("a"), None);
    assert_eq!(Base64::decode("aG=k"), None);
    for (bytes, text) in [
        (&b""[..], ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (&[0xfb, 0xff], "+/8="),
    ] {
        assert_eq!(Base64(bytes.to_vec()).encode(), text);
        assert_eq!(Base64::decode(text), Some(Base64(bytes.to_vec())));
    }
}

#[test]
fn a_file_writes_back_what_it_read() {
    let file: File = serde_json::from_value(file_json()).expect("file");
    let written = serde_json::to_value(&file).expect("json");
    let again: File = serde_json::from_value(written.clone()).expect("file again");
    assert_eq!(again, file);
    assert_eq!(written["content"], json!("aGVsbG8gd29ybGQ="));
    assert_eq!(written["day"], json!("2024-02-29"));
}

#[tokio::test]
async fn uuid_and_base64_parameters_travel_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/files/0b8f5c3e-7d6a-4e1f-9c2b-3a4d5e6f7a8b"))
        .and(query_param("checksum", "3q2+7w=="))
        .respond_with(ResponseTemplate::new(200).set_body_json(file_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let id = "0b8f5c3e-7d6a-4e1f-9c2b-3a4d5e6f7a8b"
        .parse()
        .expect("uuid");
    let file = client
        .get_file(id)
        .checksum(Base64(vec![0xde, 0xad, 0xbe, 0xef]))
        .await
        .expect("file");
    assert_eq!(file.small, i32::MAX);
}
