//! Envelope decoding (`x-specgen-envelope`): content on success, typed codes on failure whatever the status,
//! and undocumented or malformed answers reported with the answer kept.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::Deserialize;
use specgen_runtime::{EnvelopeError, EnvelopeSpec, Error, RawResponse};

const SPEC: EnvelopeSpec = EnvelopeSpec {
    content: "data",
    error_code: "errorCode",
    error_message: "errorMessage",
};

#[derive(Debug, PartialEq, Deserialize)]
struct Thing {
    id: u32,
}

/// An error code as generated code types it: documented codes are variants, others are kept.
#[derive(Debug, PartialEq)]
enum Code {
    NotFound,
    Other(String),
}

impl From<String> for Code {
    fn from(code: String) -> Self {
        match code.as_str() {
            "NOT_FOUND" => Code::NotFound,
            _ => Code::Other(code),
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::NotFound => f.write_str("NOT_FOUND"),
            Code::Other(code) => f.write_str(code),
        }
    }
}

fn answer(status: u16, body: &str) -> RawResponse {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
    RawResponse::from_parts(status, HeaderMap::new(), body.as_bytes().to_vec().into())
}

fn decode<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &str,
    documented: bool,
) -> Result<T, Error<EnvelopeError<Code>>> {
    SPEC.decode(answer(status, body), documented)
}

#[test]
fn success_yields_the_content() {
    let thing = decode::<Thing>(
        200,
        r#"{"data":{"id":7},"errorCode":null,"errorMessage":null}"#,
        true,
    );
    assert_eq!(thing.ok(), Some(Thing { id: 7 }));
    // An empty code, or none at all, is success too.
    let thing = decode::<Thing>(200, r#"{"errorCode":"","data":{"id":8}}"#, true);
    assert_eq!(thing.ok(), Some(Thing { id: 8 }));
    let thing = decode::<Thing>(201, r#"{"data":{"id":9}}"#, true);
    assert_eq!(thing.ok(), Some(Thing { id: 9 }));
}

#[test]
fn missing_content_reads_as_null() {
    assert_eq!(
        decode::<Option<Thing>>(200, r#"{"errorCode":null}"#, true).ok(),
        Some(None)
    );
    assert_eq!(decode::<()>(200, "{}", true).ok(), Some(()));
    match decode::<Thing>(200, "{}", true) {
        Err(Error::Decode { source, response }) => {
            assert!(
                source.to_string().contains("invalid type: null"),
                "{source}"
            );
            assert_eq!(response.body(), b"{}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

fn api_error(
    result: Result<Thing, Error<EnvelopeError<Code>>>,
) -> (u16, EnvelopeError<Code>, Vec<u8>) {
    match result {
        Err(Error::Api(error)) => (error.status.as_u16(), error.value, error.body.to_vec()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn failure_code_is_an_api_error_whatever_the_status() {
    let body = r#"{"data":null,"errorCode":"NOT_FOUND","errorMessage":"no such thing"}"#;
    let (status, error, raw) = api_error(decode(200, body, true));
    assert_eq!(status, 200);
    assert_eq!(
        error,
        EnvelopeError {
            code: Code::NotFound,
            message: "no such thing".to_owned()
        }
    );
    assert_eq!(error.to_string(), "NOT_FOUND: no such thing");
    assert_eq!(raw, body.as_bytes());
    // On an error status, documented or not, the code still decides.
    let (status, error, _) = api_error(decode(
        500,
        r#"{"errorCode":"E42","errorMessage":"down"}"#,
        false,
    ));
    assert_eq!(status, 500);
    assert_eq!(error.code, Code::Other("E42".to_owned()));
    assert_eq!(error.message, "down");
}

#[test]
fn codes_and_messages_that_are_not_strings_are_read_as_their_json() {
    let (_, error, _) = api_error(decode(
        200,
        r#"{"errorCode":1001,"errorMessage":{"why":"x"}}"#,
        true,
    ));
    assert_eq!(error.code, Code::Other("1001".to_owned()));
    assert_eq!(error.message, r#"{"why":"x"}"#);
    let (_, error, _) = api_error(decode(200, r#"{"errorCode":"E1"}"#, true));
    assert_eq!(error.message, "");
}

#[test]
fn undocumented_answers_without_a_code_are_unexpected() {
    for (status, body, documented) in [
        (200, r#"{"data":{"id":1}}"#, false),
        (500, r#"{"data":null}"#, true),
        (502, "<html>bad gateway</html>", true),
        (404, "", false),
    ] {
        match decode::<Thing>(status, body, documented) {
            Err(Error::UnexpectedStatus(response)) => {
                assert_eq!(response.status().as_u16(), status);
                assert_eq!(response.body(), body.as_bytes());
            }
            other => panic!("{status} {body:?}: expected an unexpected status, got {other:?}"),
        }
    }
}

#[test]
fn documented_success_that_is_no_envelope_is_a_decode_error() {
    for body in ["not json", "[1,2]", "\"text\"", "", "{\"data\":"] {
        match decode::<Thing>(200, body, true) {
            Err(Error::Decode { response, .. }) => assert_eq!(response.body(), body.as_bytes()),
            other => panic!("{body:?}: expected a decode error, got {other:?}"),
        }
    }
}

#[test]
fn content_of_the_wrong_shape_is_a_decode_error() {
    match decode::<Thing>(200, r#"{"data":{"id":"seven"}}"#, true) {
        Err(error @ Error::Decode { .. }) => {
            assert_eq!(error.status(), Some(StatusCode::OK));
            assert!(
                error
                    .to_string()
                    .starts_with("could not decode the 200 OK answer: "),
                "{error}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
