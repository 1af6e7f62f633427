//! Secrets never show in `Debug`, `Display` or error messages: credentials held by builders and clients,
//! sensitive per-call headers, answer bodies, and API keys sent in the query string.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use specgen_runtime::{
    CallOptions, ClientBuilder, ClientCore, Credential, Error, FetchToken, KeyLocation,
    OperationInfo, RawResponse, Request, RetryPolicy, SchemeKind, Secret, SecurityScheme,
    TokenFuture, token,
};
use std::sync::Arc;
use std::time::Duration;

const SECRET: &str = "s3cr3t-value";

const SCHEMES: &[SecurityScheme] = &[
    SecurityScheme {
        name: "bearer",
        kind: SchemeKind::Bearer,
    },
    SecurityScheme {
        name: "basic",
        kind: SchemeKind::Basic,
    },
    SecurityScheme {
        name: "queryKey",
        kind: SchemeKind::ApiKey {
            location: KeyLocation::Query,
            name: "api_key",
            prefix: "",
        },
    },
    SecurityScheme {
        name: "headerKey",
        kind: SchemeKind::ApiKey {
            location: KeyLocation::Header,
            name: "X-Api-Key",
            prefix: "Key ",
        },
    },
];

fn build(builder: ClientBuilder) -> ClientCore {
    match builder.build() {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    }
}

fn assert_hidden(text: &str) {
    assert!(!text.contains(SECRET), "the secret shows in {text}");
}

#[test]
fn secret_is_redacted() {
    let secret = Secret::new(SECRET);
    assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
    assert_eq!(secret.to_string(), "<redacted>");
    assert_eq!(secret.expose(), SECRET);
    assert_eq!(Secret::from(SECRET.to_owned()), secret);
}

#[test]
fn credentials_are_redacted() {
    assert_eq!(format!("{:?}", token(SECRET)), "Token(Secret(<redacted>))");
    let basic = Credential::Basic {
        user: "alice".to_owned(),
        password: Secret::new(SECRET),
    };
    assert_eq!(
        format!("{basic:?}"),
        "Basic { user: \"alice\", password: Secret(<redacted>) }"
    );
}

#[test]
fn builders_and_clients_show_schemes_never_credentials() {
    let fetch: FetchToken =
        Arc::new(|_core: ClientCore| -> TokenFuture { Box::pin(async { Ok(()) }) });
    let builder = ClientBuilder::new("http://127.0.0.1:9", &[], SCHEMES)
        .credential("bearer", token(SECRET))
        .credential(
            "basic",
            Credential::Basic {
                user: "alice".to_owned(),
                password: Secret::new(SECRET),
            },
        )
        .token_source("queryKey", Some(Duration::from_secs(60)), fetch);
    let shown = format!("{builder:?}");
    assert_hidden(&shown);
    assert!(shown.contains("Secret(<redacted>)"), "{shown}");
    assert!(
        shown.contains("TokenSource { scheme: \"queryKey\""),
        "{shown}"
    );

    let core = build(builder);
    core.credentials().set("headerKey", token(SECRET));
    let shown = format!("{core:?}");
    assert_hidden(&shown);
    assert!(
        shown.contains(r#"credentials: {"basic", "bearer", "headerKey"}"#),
        "{shown}"
    );
    assert_hidden(&format!("{:?}", core.credentials()));
}

#[test]
fn sensitive_call_headers_are_redacted() {
    let options = CallOptions::new()
        .header("X-Trace", "trace-17")
        .sensitive_header("X-Api-Key", SECRET);
    let shown = format!("{options:?}");
    assert_hidden(&shown);
    assert!(shown.contains("trace-17"), "{shown}");
    assert!(shown.contains("Sensitive"), "{shown}");
}

#[test]
fn answers_show_their_length_not_their_body() {
    let body = format!(r#"{{"token":"{SECRET}"}}"#);
    let response = RawResponse::from_parts(
        StatusCode::OK,
        HeaderMap::new(),
        body.clone().into_bytes().into(),
    );
    let shown = format!("{response:?}");
    assert_hidden(&shown);
    assert!(
        shown.ends_with(&format!("body_bytes: {} }}", body.len())),
        "{shown}"
    );
}

const OPERATION: OperationInfo = OperationInfo {
    id: "getSecretThing",
    security: &[&["queryKey"], &["headerKey"]],
    idempotent: true,
    idempotency_key: None,
};

fn request() -> Request {
    let mut request = Request::new(reqwest::Method::GET);
    request.path("/things");
    request
}

/// A base URL where nothing listens: every attempt fails to connect.
fn closed_port() -> String {
    match std::net::TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()) {
        Ok(address) => format!("http://127.0.0.1:{}", address.port()),
        Err(error) => panic!("no free port: {error}"),
    }
}

#[tokio::test]
async fn query_api_key_is_stripped_from_transport_errors() {
    let core = build(
        ClientBuilder::new(&closed_port(), &[], SCHEMES)
            .retry(RetryPolicy::none())
            .credential("queryKey", token(SECRET)),
    );
    match core
        .execute(request(), &OPERATION, CallOptions::new())
        .await
    {
        Err(error @ Error::Transport(_)) => {
            assert_hidden(&error.to_string());
            assert_hidden(&format!("{error:?}"));
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn invalid_secrets_are_reported_by_name_only() {
    let core = build(
        ClientBuilder::new(&closed_port(), &[], SCHEMES)
            .retry(RetryPolicy::none())
            .credential("headerKey", token(format!("{SECRET}\n"))),
    );
    match core
        .execute(request(), &OPERATION, CallOptions::new())
        .await
    {
        Err(Error::InvalidRequest(message)) => assert_eq!(
            message,
            "getSecretThing: the credential for scheme \"headerKey\" is not a valid header value"
        ),
        other => panic!("expected an invalid request, got {other:?}"),
    }
    let options = CallOptions::new().sensitive_header("X-Other-Key", &format!("{SECRET}\r\n"));
    match core.execute(request(), &OPERATION, options).await {
        Err(Error::InvalidRequest(message)) => assert_eq!(
            message,
            "getSecretThing: the extra header \"X-Other-Key\" is not a valid header"
        ),
        other => panic!("expected an invalid request, got {other:?}"),
    }
}
