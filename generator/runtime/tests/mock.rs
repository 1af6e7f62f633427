//! The typed mock server (feature `mock`), driven the way generated stub builders drive it: stubs match what the
//! client sends, answers come in order, undocumented answers are refused when mounted, and requests that match
//! nothing are reported against the closest stub.
#![cfg(feature = "mock")]

use specgen_runtime::mock::{self, Documented, MockError, MockServer, OperationSpec};
use specgen_runtime::{
    Call, ClientBuilder, ClientCore, Error, OperationInfo, RawResponse, Request, RetryPolicy,
};
use std::time::Duration;

/// The API's marker.
struct Api;

/// `GET /customers/{id}/access`, documented 200, 404 and 5XX, with an example.
struct GetAccess;

const SPEC: OperationSpec = OperationSpec {
    id: "getAccess",
    method: "GET",
    path: &[Some("/customers/"), None, Some("/access")],
    responses: &[
        Documented::Code(200),
        Documented::Code(404),
        Documented::Range(5),
    ],
    example: Some((200, r#"{"id":1}"#)),
};

impl mock::Operation for GetAccess {
    const SPEC: OperationSpec = SPEC;
}

impl specgen_runtime::Operation for GetAccess {
    type Output = serde_json::Value;
    type Error = serde_json::Value;
    const INFO: OperationInfo = OperationInfo {
        id: "getAccess",
        security: &[],
        idempotent: true,
        idempotency_key: None,
    };

    fn decode(response: RawResponse) -> Result<serde_json::Value, Error<serde_json::Value>> {
        match response.status().as_u16() {
            200 => response.json(),
            404 => response.api_error(),
            _ => response.unexpected(),
        }
    }
}

/// The same operation without an example.
struct GetAccessNoExample;

impl mock::Operation for GetAccessNoExample {
    const SPEC: OperationSpec = OperationSpec {
        example: None,
        ..SPEC
    };
}

struct Client(ClientCore);

impl AsRef<ClientCore> for Client {
    fn as_ref(&self) -> &ClientCore {
        &self.0
    }
}

impl Client {
    fn get_access(&self, id: u32) -> Call<'_, Client, GetAccess> {
        let mut request = Request::new(reqwest::Method::GET);
        request.path("/customers/");
        request.path_param("id", &id);
        request.path("/access");
        Call::new(self, request)
    }
}

fn client(server: &MockServer<Api>) -> Client {
    let policy = RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2));
    match ClientBuilder::new(&server.uri(), &[], &[])
        .retry(policy)
        .build()
    {
        Ok(core) => Client(core),
        Err(error) => panic!("client: {error}"),
    }
}

#[tokio::test]
async fn typed_stub_matches_what_the_client_sends() {
    let server = MockServer::<Api>::start().await;
    let mounted = server
        .stub::<GetAccess>()
        .stub_param(Some(0), |request| request.path_param("id", &42))
        .stub_param(None, |request| request.query("verbose", &true))
        .stub_json(Documented::Code(200), 200, &serde_json::json!({"id": 42}))
        .expect(1)
        .mount()
        .await;
    assert_eq!(mounted, Ok(()));
    let client = client(&server);
    let answer = client
        .get_access(42)
        .param(0, |request| request.query("verbose", &true))
        .await;
    assert_eq!(answer.ok(), Some(serde_json::json!({"id": 42})));
    assert_eq!(server.verify(), Ok(()));
}

#[tokio::test]
async fn answers_come_in_order_and_the_last_repeats() {
    let server = MockServer::<Api>::start().await;
    let mounted = server
        .stub::<GetAccess>()
        .respond_status(503, "")
        .stub_json(Documented::Code(200), 200, &serde_json::json!({"id": 7}))
        .respond_header("Retry-After", "0")
        .expect(3)
        .mount()
        .await;
    assert_eq!(mounted, Ok(()));
    let client = client(&server);
    // The 503 is retried; the 200 answers the retry and the next call.
    assert_eq!(
        client.get_access(7).await.ok(),
        Some(serde_json::json!({"id": 7}))
    );
    assert_eq!(
        client.get_access(7).await.ok(),
        Some(serde_json::json!({"id": 7}))
    );
    assert_eq!(server.verify(), Ok(()));
}

#[tokio::test]
async fn stub_without_an_answer_gives_the_spec_example() {
    let server = MockServer::<Api>::start().await;
    assert_eq!(server.stub::<GetAccess>().mount().await, Ok(()));
    assert_eq!(
        server.stub::<GetAccessNoExample>().mount().await,
        Err(MockError::NoAnswer {
            operation: "getAccess"
        })
    );
    let client = client(&server);
    assert_eq!(
        client.get_access(5).await.ok(),
        Some(serde_json::json!({"id": 1}))
    );
    assert_eq!(server.verify(), Ok(()));
}

#[tokio::test]
async fn answers_the_spec_does_not_document_are_refused() {
    let server = MockServer::<Api>::start().await;
    let undocumented = server
        .stub::<GetAccess>()
        .respond_status(418, "{}")
        .mount()
        .await;
    assert_eq!(
        undocumented,
        Err(MockError::UndocumentedStatus {
            operation: "getAccess",
            status: 418
        })
    );
    assert_eq!(
        undocumented.map_err(|error| error.to_string()),
        Err(
            "stub of getAccess: status 418 is not a documented response of the operation"
                .to_owned()
        )
    );
    let other = server
        .stub::<GetAccess>()
        .stub_json(Documented::Code(200), 404, &serde_json::json!({}))
        .mount()
        .await;
    assert_eq!(
        other,
        Err(MockError::OtherResponse {
            operation: "getAccess",
            status: 404,
            documented: "404".to_owned(),
            chosen: "200".to_owned()
        })
    );
    let ranged = server
        .stub::<GetAccess>()
        .stub_json(Documented::Range(5), 502, &serde_json::json!({}))
        .mount()
        .await;
    assert_eq!(ranged, Ok(()));
    let not_http = server
        .stub::<GetAccess>()
        .respond_status(42, "")
        .mount()
        .await;
    assert_eq!(
        not_http,
        Err(MockError::InvalidStub {
            operation: "getAccess",
            problem: "42 is not an HTTP status".to_owned()
        })
    );
    assert_eq!(server.verify(), Ok(()));
}

#[tokio::test]
async fn stub_inputs_the_client_would_refuse_are_refused() {
    let server = MockServer::<Api>::start().await;
    let dot = server
        .stub::<GetAccess>()
        .stub_param(Some(0), |request| request.path_param("id", "."))
        .mount()
        .await;
    assert_eq!(
        dot,
        Err(MockError::InvalidStub {
            operation: "getAccess",
            problem: "path parameter \"id\" cannot be \".\"".to_owned()
        })
    );
    let header = server
        .stub::<GetAccess>()
        .respond_header("Bad Name", "x")
        .mount()
        .await;
    assert_eq!(
        header,
        Err(MockError::InvalidStub {
            operation: "getAccess",
            problem: "header \"Bad Name\" has an invalid name or value".to_owned()
        })
    );
    assert_eq!(server.verify(), Ok(()));
}

#[tokio::test]
async fn unmatched_requests_and_unmet_expectations_are_reported() {
    let server = MockServer::<Api>::start().await;
    let mounted = server
        .stub::<GetAccess>()
        .stub_param(Some(0), |request| request.path_param("id", &42))
        .stub_json(Documented::Code(200), 200, &serde_json::json!({"id": 42}))
        .expect(1)
        .mount()
        .await;
    assert_eq!(mounted, Ok(()));
    let client = client(&server);
    let report = "GET /customers/43/access matched no stub; closest stub: getAccess (GET /customers/42/access)\n    \
                  path: expected /customers/42/access, got /customers/43/access";
    // 404 is documented (with a JSON body), so the explanation, which is text, fails to decode: the answer is kept.
    match client.get_access(43).await {
        Err(error @ Error::Decode { .. }) => {
            assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
            assert_eq!(
                error.raw_body().map(String::from_utf8_lossy).as_deref(),
                Some(report)
            );
        }
        other => panic!("expected the 404 of an unmatched request, got {other:?}"),
    }
    assert_eq!(
        server.verify(),
        Err(MockError::Verification(format!(
            "- getAccess: expected exactly 1 call(s), received 0\n- {report}"
        )))
    );
}
