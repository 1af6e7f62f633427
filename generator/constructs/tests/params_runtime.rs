//! The runtime's parameter encoder on its own, against wiremock: OpenAPI's style example table reproduced
//! exactly (members in serde order, R, G, B), and values a style cannot write refused as `InvalidRequest`
//! before anything is sent.

use reqwest::Method;
use specgen_constructs::runtime::{
    CallOptions, ClientBuilder, ClientCore, Error, OperationInfo, Request, Style,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const OPERATION: OperationInfo = OperationInfo {
    id: "probe",
    security: &[],
    idempotent: true,
    idempotency_key: None,
};

/// The object of OpenAPI's examples, members in the order the table writes them.
#[derive(serde::Serialize)]
#[allow(non_snake_case)]
struct Rgb {
    R: u8,
    G: u8,
    B: u8,
}

const RGB: Rgb = Rgb {
    R: 100,
    G: 200,
    B: 150,
};
const COLORS: [&str; 3] = ["blue", "black", "brown"];

async fn setup(base: &str) -> (MockServer, ClientCore) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let core = ClientBuilder::new(&format!("{}{base}", server.uri()), &[], &[])
        .build()
        .expect("client builds");
    (server, core)
}

/// Sends `build`'s request and returns the raw path, query and cookie text received.
async fn send(build: impl FnOnce(&mut Request)) -> (String, String, String) {
    let (server, core) = setup("").await;
    let mut request = Request::new(Method::GET);
    build(&mut request);
    core.execute(request, &OPERATION, CallOptions::new())
        .await
        .expect("request is sent");
    let requests = server.received_requests().await.unwrap_or_default();
    let sent = requests.first().expect("one request");
    let cookie = sent
        .headers
        .get("cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    (
        sent.url.path().to_owned(),
        sent.url.query().unwrap_or_default().to_owned(),
        cookie.to_owned(),
    )
}

async fn path_of(style: Style, value: &(impl serde::Serialize + ?Sized)) -> String {
    send(|r| {
        r.path("/");
        r.path_param_styled("color", value, style);
    })
    .await
    .0
}

async fn query_of(style: Style, value: &(impl serde::Serialize + ?Sized)) -> String {
    send(|r| r.query_styled("color", value, style)).await.1
}

async fn refused(build: impl FnOnce(&mut Request)) -> String {
    let (server, core) = setup("").await;
    let mut request = Request::new(Method::GET);
    build(&mut request);
    let outcome = core.execute(request, &OPERATION, CallOptions::new()).await;
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty(), "nothing may be sent");
    match outcome {
        Err(Error::InvalidRequest(message)) => message,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[tokio::test]
async fn path_styles_follow_the_style_table() {
    let cases: [(Style, &str, &str, &str); 6] = [
        (
            Style::SIMPLE,
            "/blue",
            "/blue,black,brown",
            "/R,100,G,200,B,150",
        ),
        (
            Style::SIMPLE_EXPLODE,
            "/blue",
            "/blue,black,brown",
            "/R=100,G=200,B=150",
        ),
        (
            Style::LABEL,
            "/.blue",
            "/.blue,black,brown",
            "/.R,100,G,200,B,150",
        ),
        (
            Style::LABEL_EXPLODE,
            "/.blue",
            "/.blue.black.brown",
            "/.R=100.G=200.B=150",
        ),
        (
            Style::MATRIX,
            "/;color=blue",
            "/;color=blue,black,brown",
            "/;color=R,100,G,200,B,150",
        ),
        (
            Style::MATRIX_EXPLODE,
            "/;color=blue",
            "/;color=blue;color=black;color=brown",
            "/;R=100;G=200;B=150",
        ),
    ];
    for (style, string, array, object) in cases {
        assert_eq!(path_of(style, "blue").await, string, "{style:?}");
        assert_eq!(path_of(style, &COLORS).await, array, "{style:?}");
        assert_eq!(path_of(style, &RGB).await, object, "{style:?}");
    }
    // RFC 6570 path-style expansion writes an empty string as the bare name.
    assert_eq!(path_of(Style::MATRIX, "").await, "/;color");
}

#[tokio::test]
async fn query_styles_follow_the_style_table() {
    let cases: [(Style, &str, &str, &str); 5] = [
        (
            Style::FORM,
            "color=blue",
            "color=blue,black,brown",
            "color=R,100,G,200,B,150",
        ),
        (
            Style::FORM_EXPLODE,
            "color=blue",
            "color=blue&color=black&color=brown",
            "R=100&G=200&B=150",
        ),
        (
            Style::SPACE_DELIMITED,
            "color=blue",
            "color=blue%20black%20brown",
            "color=R%20100%20G%20200%20B%20150",
        ),
        (
            Style::PIPE_DELIMITED,
            "color=blue",
            "color=blue|black|brown",
            "color=R|100|G|200|B|150",
        ),
        (
            Style::DEEP_OBJECT,
            "",
            "",
            "color[R]=100&color[G]=200&color[B]=150",
        ),
    ];
    for (style, string, array, object) in cases {
        if style != Style::DEEP_OBJECT {
            assert_eq!(query_of(style, "blue").await, string, "{style:?}");
            assert_eq!(query_of(style, &COLORS).await, array, "{style:?}");
        }
        assert_eq!(query_of(style, &RGB).await, object, "{style:?}");
    }
    assert_eq!(query_of(Style::FORM_EXPLODE, "").await, "color=");
}

#[tokio::test]
async fn cookies_follow_form_with_and_without_explode() {
    let (_, _, cookie) = send(|r| {
        r.cookie_styled("color", &COLORS, Style::FORM);
        r.cookie_styled("rgb", &RGB, Style::FORM);
        r.cookie("id", &5);
        r.cookie("rgb", &RGB);
    })
    .await;
    assert_eq!(
        cookie,
        "color=blue,black,brown; rgb=R,100,G,200,B,150; id=5; R=100; G=200; B=150"
    );
}

#[tokio::test]
async fn null_members_and_items_are_skipped_and_null_values_not_sent() {
    let members = serde_json::json!({"a": 1, "b": null});
    let items = serde_json::json!([1, null, 2]);
    let (_, query, cookie) = send(|r| {
        r.query_styled("m", &members, Style::FORM);
        r.query("i", &items);
        r.query("gone", &None::<u8>);
        r.cookie("gone", &serde_json::Value::Null);
    })
    .await;
    assert_eq!(query, "m=a,1&i=1&i=2");
    assert_eq!(cookie, "");
}

#[tokio::test]
async fn a_base_url_query_is_kept_and_allow_reserved_keeps_reserved_characters() {
    let (server, core) = setup("/api?tenant=a%20b").await;
    let mut request = Request::new(Method::GET);
    request.path("/x");
    request.query_styled("next", "/a?b=c", Style::FORM_EXPLODE.allow_reserved());
    request.query("plain", "/a?b=c");
    core.execute(request, &OPERATION, CallOptions::new())
        .await
        .expect("request is sent");
    let requests = server.received_requests().await.unwrap_or_default();
    let sent = requests.first().expect("one request");
    assert_eq!(sent.url.path(), "/api/x");
    assert_eq!(
        sent.url.query(),
        Some("tenant=a%20b&next=/a?b=c&plain=%2Fa%3Fb%3Dc")
    );
}

/// deepObject writes every value: arrays inside objects in the convention picked (indexed by default, as
/// Stripe and Prism read them), arrays of objects at depth, and a scalar (a union's scalar form) plainly.
#[tokio::test]
async fn deep_object_writes_arrays_and_scalars_in_the_convention_picked() {
    use specgen_constructs::runtime::DeepArrays;
    let nested = serde_json::json!({"a": [1, 2], "b": [{"c": {"d": "x y"}}]});
    assert_eq!(
        query_of(Style::DEEP_OBJECT, &nested).await,
        "f[a][0]=1&f[a][1]=2&f[b][0][c][d]=x%20y".replace("f[", "color[")
    );
    let brackets = Style::DEEP_OBJECT.deep_arrays(DeepArrays::Brackets);
    assert_eq!(query_of(brackets, &["p", "q"]).await, "color[]=p&color[]=q");
    let repeated = Style::DEEP_OBJECT.deep_arrays(DeepArrays::Repeated);
    assert_eq!(
        query_of(repeated, &serde_json::json!({"k": ["p", "q"]})).await,
        "color[k]=p&color[k]=q"
    );
    assert_eq!(
        query_of(Style::DEEP_OBJECT, &1680000000).await,
        "color=1680000000"
    );
    // Numbers keep their JSON text: no f64 round trip on the way to the URL.
    let exact = serde_json::value::RawValue::from_string("1234567890.123456789".to_owned())
        .expect("raw number");
    assert_eq!(
        query_of(Style::FORM_EXPLODE, &exact).await,
        "color=1234567890.123456789"
    );
}

#[tokio::test]
async fn values_a_style_cannot_write_are_invalid_requests() {
    let message = refused(|r| r.query("f", &[[1, 2], [3, 4]])).await;
    assert!(
        message.contains("nested in an array or object"),
        "{message}"
    );
    let message = refused(|r| r.header("x-f", &serde_json::json!({"a": {"b": 1}}))).await;
    assert!(message.contains("nested"), "{message}");
    let message = refused(|r| r.query_styled("f", &5, Style::LABEL)).await;
    assert!(message.contains("cannot be used in a query"), "{message}");
    let message = refused(|r| r.path_param_styled("f", &5, Style::DEEP_OBJECT)).await;
    assert!(message.contains("cannot be used in a path"), "{message}");
    let message = refused(|r| r.cookie_styled("f", &5, Style::SIMPLE)).await;
    assert!(message.contains("cannot be used in a cookie"), "{message}");
    let message = refused(|r| r.header_styled("x-f", &5, Style::MATRIX)).await;
    assert!(message.contains("cannot be used in a header"), "{message}");
    // An exploded object's member names become cookie names: they may not smuggle in another cookie.
    let hostile = serde_json::json!({"a; admin": "1"});
    let message = refused(|r| r.cookie("c", &hostile)).await;
    assert!(message.contains("cookie \"c\""), "{message}");
    let message = refused(|r| r.path_param_styled("f", ".", Style::LABEL)).await;
    assert!(message.contains("cannot be \"..\""), "{message}");
    let message = refused(|r| r.header("x-f", "line\nbreak")).await;
    assert!(message.contains("invalid name or value"), "{message}");
}
