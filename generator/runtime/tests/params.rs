//! Parameter styles, as they reach a server on 127.0.0.1: every `style`/`explode` combination the runtime offers
//! for path, query, header and cookie values (primitives, arrays, objects), percent-encoding, undefined values,
//! and the clear errors for what a style cannot carry. The expected texts are OpenAPI's style tables (with
//! RFC 6570's `.blue,black,brown` for unexploded labels).

use reqwest::Method;
use serde::Serialize;
use specgen_runtime::{
    Call, CallOptions, ClientBuilder, ClientCore, Error, Operation, OperationInfo, RawResponse,
    Request, RetryPolicy, Style, encode_path_segment, encode_query,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const OPERATION: OperationInfo = OperationInfo {
    id: "getColor",
    security: &[],
    idempotent: true,
    idempotency_key: None,
};

/// OpenAPI's example object; a struct keeps the members in this order.
#[derive(Serialize)]
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

/// What the server received, or the client's `InvalidRequest` message.
struct Sent {
    path: String,
    query: Option<String>,
    headers: reqwest::header::HeaderMap,
}

async fn send(write: impl FnOnce(&mut Request)) -> Result<Sent, String> {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let core = match ClientBuilder::new(&server.uri(), &[], &[])
        .retry(RetryPolicy::none())
        .build()
    {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    };
    let mut request = Request::new(Method::GET);
    request.path("/p/");
    write(&mut request);
    match core.execute(request, &OPERATION, CallOptions::new()).await {
        Ok(response) => assert_eq!(response.status().as_u16(), 200),
        Err(Error::InvalidRequest(message)) => return Err(message),
        Err(other) => panic!("unexpected failure: {other}"),
    }
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    let mut headers = reqwest::header::HeaderMap::new();
    for (name, value) in &request.headers {
        if let (Ok(name), Ok(value)) = (
            reqwest::header::HeaderName::from_bytes(name.as_str().as_bytes()),
            reqwest::header::HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    Ok(Sent {
        path: request.url.path().to_owned(),
        query: request.url.query().map(str::to_owned),
        headers,
    })
}

/// The path text a path parameter wrote (after the `/p/` literal).
async fn path<T: Serialize + ?Sized>(value: &T, style: Style) -> Result<String, String> {
    let sent = send(|request| request.path_param_styled("color", value, style)).await?;
    Ok(sent
        .path
        .strip_prefix("/p/")
        .unwrap_or(&sent.path)
        .to_owned())
}

/// The query string a query parameter wrote (`None`: no query at all).
async fn query<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
) -> Result<Option<String>, String> {
    Ok(send(|request| request.query_styled(name, value, style))
        .await?
        .query)
}

/// The `X-Color` header a header parameter wrote (`None`: not sent).
async fn header<T: Serialize + ?Sized>(value: &T, style: Style) -> Result<Option<String>, String> {
    let sent = send(|request| request.header_styled("X-Color", value, style)).await?;
    let values: Vec<String> = sent
        .headers
        .get_all("x-color")
        .iter()
        .filter_map(|value| value.to_str().ok().map(str::to_owned))
        .collect();
    assert!(values.len() <= 1, "{values:?}");
    Ok(values.into_iter().next())
}

/// The `Cookie` header a cookie parameter wrote (`None`: not sent).
async fn cookie<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
) -> Result<Option<String>, String> {
    let sent = send(|request| request.cookie_styled(name, value, style)).await?;
    Ok(sent
        .headers
        .get("cookie")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned))
}

fn ok(text: &str) -> Result<String, String> {
    Ok(text.to_owned())
}

fn some(text: &str) -> Result<Option<String>, String> {
    Ok(Some(text.to_owned()))
}

fn refused(message: &str) -> Result<String, String> {
    Err(format!("getColor: {message}"))
}

fn refused_opt(message: &str) -> Result<Option<String>, String> {
    Err(format!("getColor: {message}"))
}

// Path.

#[tokio::test]
async fn path_simple() {
    assert_eq!(path("blue", Style::SIMPLE).await, ok("blue"));
    assert_eq!(path(&COLORS, Style::SIMPLE).await, ok("blue,black,brown"));
    assert_eq!(path(&RGB, Style::SIMPLE).await, ok("R,100,G,200,B,150"));
    assert_eq!(path("blue", Style::SIMPLE_EXPLODE).await, ok("blue"));
    assert_eq!(
        path(&COLORS, Style::SIMPLE_EXPLODE).await,
        ok("blue,black,brown")
    );
    assert_eq!(
        path(&RGB, Style::SIMPLE_EXPLODE).await,
        ok("R=100,G=200,B=150")
    );
}

#[tokio::test]
async fn path_label() {
    assert_eq!(path("blue", Style::LABEL).await, ok(".blue"));
    assert_eq!(path(&COLORS, Style::LABEL).await, ok(".blue,black,brown"));
    assert_eq!(path(&RGB, Style::LABEL).await, ok(".R,100,G,200,B,150"));
    assert_eq!(path("blue", Style::LABEL_EXPLODE).await, ok(".blue"));
    assert_eq!(
        path(&COLORS, Style::LABEL_EXPLODE).await,
        ok(".blue.black.brown")
    );
    assert_eq!(
        path(&RGB, Style::LABEL_EXPLODE).await,
        ok(".R=100.G=200.B=150")
    );
}

#[tokio::test]
async fn path_matrix() {
    assert_eq!(path("blue", Style::MATRIX).await, ok(";color=blue"));
    assert_eq!(
        path(&COLORS, Style::MATRIX).await,
        ok(";color=blue,black,brown")
    );
    assert_eq!(
        path(&RGB, Style::MATRIX).await,
        ok(";color=R,100,G,200,B,150")
    );
    assert_eq!(path("blue", Style::MATRIX_EXPLODE).await, ok(";color=blue"));
    assert_eq!(
        path(&COLORS, Style::MATRIX_EXPLODE).await,
        ok(";color=blue;color=black;color=brown")
    );
    assert_eq!(
        path(&RGB, Style::MATRIX_EXPLODE).await,
        ok(";R=100;G=200;B=150")
    );
    // RFC 6570 writes an empty value as the bare name.
    assert_eq!(path("", Style::MATRIX).await, ok(";color"));
}

#[tokio::test]
async fn path_scalars_are_written_as_json_spells_them() {
    assert_eq!(path(&42, Style::SIMPLE).await, ok("42"));
    assert_eq!(path(&-7i64, Style::SIMPLE).await, ok("-7"));
    assert_eq!(path(&true, Style::SIMPLE).await, ok("true"));
    assert_eq!(path(&0.1, Style::SIMPLE).await, ok("0.1"));
    // serde_json writes `1e+20`; the `+` is then encoded like any other reserved character.
    assert_eq!(path(&1e20, Style::SIMPLE).await, ok("1e%2B20"));
}

#[tokio::test]
async fn path_values_are_percent_encoded_within_their_segment() {
    assert_eq!(
        path("a/b c?d#e%f", Style::SIMPLE).await,
        ok("a%2Fb%20c%3Fd%23e%25f")
    );
    assert_eq!(path("x;y=z,w", Style::SIMPLE).await, ok("x%3By%3Dz%2Cw"));
    assert_eq!(path("é~-._", Style::SIMPLE).await, ok("%C3%A9~-._"));
    // The items of a list are encoded one by one; the style's separators are not.
    assert_eq!(path(&["a,b", "c"], Style::SIMPLE).await, ok("a%2Cb,c"));
    assert_eq!(
        path(&["a b"], Style::MATRIX_EXPLODE).await,
        ok(";color=a%20b")
    );
}

#[tokio::test]
async fn path_json_content_is_its_encoded_json_text() {
    assert_eq!(
        path(&RGB, Style::JSON).await,
        ok("%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D")
    );
}

#[tokio::test]
async fn path_refuses_dot_segments_and_empty_values() {
    assert_eq!(
        path("", Style::SIMPLE).await,
        refused("path parameter \"color\" cannot be \"\"")
    );
    assert_eq!(
        path(".", Style::SIMPLE).await,
        refused("path parameter \"color\" cannot be \".\"")
    );
    assert_eq!(
        path("..", Style::SIMPLE).await,
        refused("path parameter \"color\" cannot be \"..\"")
    );
    let empty: [&str; 0] = [];
    assert_eq!(
        path(&empty, Style::SIMPLE).await,
        refused("path parameter \"color\" cannot be \"\"")
    );
    assert_eq!(
        path(&None::<u8>, Style::SIMPLE).await,
        refused("path parameter \"color\" cannot be \"\"")
    );
}

#[tokio::test]
async fn path_refuses_query_styles_and_nesting() {
    for (style, name) in [
        (Style::FORM, "form"),
        (Style::FORM_EXPLODE, "form"),
        (Style::SPACE_DELIMITED, "spaceDelimited"),
        (Style::PIPE_DELIMITED, "pipeDelimited"),
        (Style::DEEP_OBJECT, "deepObject"),
    ] {
        assert_eq!(
            path("blue", style).await,
            refused(&format!(
                "path parameter \"color\": style {name} cannot be used in a path"
            ))
        );
    }
    assert_eq!(
        path(&[["a"]], Style::SIMPLE).await,
        refused(
            "path parameter \"color\": style simple cannot carry arrays or objects nested in an array or object"
        )
    );
}

// Query.

#[tokio::test]
async fn query_form() {
    assert_eq!(
        query("color", "blue", Style::FORM_EXPLODE).await,
        some("color=blue")
    );
    assert_eq!(
        query("color", &COLORS, Style::FORM_EXPLODE).await,
        some("color=blue&color=black&color=brown")
    );
    assert_eq!(
        query("color", &RGB, Style::FORM_EXPLODE).await,
        some("R=100&G=200&B=150")
    );
    assert_eq!(
        query("color", "blue", Style::FORM).await,
        some("color=blue")
    );
    assert_eq!(
        query("color", &COLORS, Style::FORM).await,
        some("color=blue,black,brown")
    );
    assert_eq!(
        query("color", &RGB, Style::FORM).await,
        some("color=R,100,G,200,B,150")
    );
}

#[tokio::test]
async fn query_default_style_is_form_exploded() {
    let sent = send(|request| request.query("color", &COLORS)).await;
    assert_eq!(
        sent.map(|sent| sent.query),
        some("color=blue&color=black&color=brown")
    );
}

#[tokio::test]
async fn query_space_and_pipe_delimited() {
    assert_eq!(
        query("color", &COLORS, Style::SPACE_DELIMITED).await,
        some("color=blue%20black%20brown")
    );
    assert_eq!(
        query("color", &RGB, Style::SPACE_DELIMITED).await,
        some("color=R%20100%20G%20200%20B%20150")
    );
    assert_eq!(
        query("color", &COLORS, Style::PIPE_DELIMITED).await,
        some("color=blue|black|brown")
    );
    assert_eq!(
        query("color", &RGB, Style::PIPE_DELIMITED).await,
        some("color=R|100|G|200|B|150")
    );
    // A delimiter inside an item is data, so it is encoded.
    assert_eq!(
        query("color", &["a|b", "c d"], Style::PIPE_DELIMITED).await,
        some("color=a%7Cb|c%20d")
    );
}

#[derive(Serialize)]
struct Filter {
    name: &'static str,
    size: Option<u8>,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    min: i32,
    max: i32,
}

#[tokio::test]
async fn query_deep_object() {
    assert_eq!(
        query("color", &RGB, Style::DEEP_OBJECT).await,
        some("color[R]=100&color[G]=200&color[B]=150")
    );
    // Nested objects nest their brackets; unset members are left out.
    let filter = Filter {
        name: "a b",
        size: None,
        range: Range { min: -1, max: 9 },
    };
    assert_eq!(
        query("filter", &filter, Style::DEEP_OBJECT).await,
        some("filter[name]=a%20b&filter[range][min]=-1&filter[range][max]=9")
    );
    // A scalar (the scalar form of a union parameter) is written as a plain value.
    assert_eq!(
        query("filter", "blue", Style::DEEP_OBJECT).await,
        some("filter=blue")
    );
    // OpenAPI leaves deepObject arrays undefined: items are indexed, as the largest real user (Stripe) reads them.
    assert_eq!(
        query(
            "filter",
            &serde_json::json!({"tags": ["a", "b"]}),
            Style::DEEP_OBJECT
        )
        .await,
        some("filter[tags][0]=a&filter[tags][1]=b")
    );
}

#[tokio::test]
async fn query_json_content() {
    assert_eq!(
        query("q", &serde_json::json!({"a": [1, "x y"]}), Style::JSON).await,
        some("q=%7B%22a%22%3A%5B1%2C%22x%20y%22%5D%7D")
    );
}

#[tokio::test]
async fn query_names_and_values_are_percent_encoded() {
    assert_eq!(
        query("a b", "x&y=z/w?v#u%t+s", Style::FORM_EXPLODE).await,
        some("a%20b=x%26y%3Dz%2Fw%3Fv%23u%25t%2Bs")
    );
    assert_eq!(query("q", "é", Style::FORM_EXPLODE).await, some("q=%C3%A9"));
}

#[tokio::test]
async fn query_allow_reserved_keeps_reserved_characters() {
    assert_eq!(
        query(
            "path",
            "a/b?c:d@e!$'()*+,;=&f",
            Style::FORM_EXPLODE.allow_reserved()
        )
        .await,
        some("path=a/b?c:d@e!$%27()*+,;=&f")
    );
    // Still encoded: what is not reserved, `#`, which would end the query, and `'`: the URL library escapes
    // both in the query of an http(s) URL (WHATWG's special-query set).
    assert_eq!(
        query("path", "a b%c#d", Style::FORM_EXPLODE.allow_reserved()).await,
        some("path=a%20b%25c%23d")
    );
}

#[tokio::test]
async fn query_undefined_values_add_nothing() {
    let empty: [&str; 0] = [];
    assert_eq!(
        query("color", &None::<u8>, Style::FORM_EXPLODE).await,
        Ok(None)
    );
    assert_eq!(query("color", &empty, Style::FORM_EXPLODE).await, Ok(None));
    assert_eq!(
        query("color", &serde_json::json!({}), Style::DEEP_OBJECT).await,
        Ok(None)
    );
    // Null items of an array and null members of an object are skipped, as RFC 6570 says.
    assert_eq!(
        query("color", &[Some("a"), None, Some("b")], Style::FORM).await,
        some("color=a,b")
    );
    assert_eq!(
        query(
            "color",
            &serde_json::json!({"x": null, "y": 1}),
            Style::FORM_EXPLODE
        )
        .await,
        some("y=1")
    );
}

#[tokio::test]
async fn query_refuses_path_styles_and_nesting() {
    for (style, name) in [
        (Style::SIMPLE, "simple"),
        (Style::LABEL, "label"),
        (Style::MATRIX_EXPLODE, "matrix"),
    ] {
        assert_eq!(
            query("color", "blue", style).await,
            refused_opt(&format!(
                "query parameter \"color\": style {name} cannot be used in a query"
            ))
        );
    }
    assert_eq!(
        query("color", &serde_json::json!({"a": {"b": 1}}), Style::FORM).await,
        refused_opt(
            "query parameter \"color\": style form cannot carry arrays or objects nested in an array or object"
        )
    );
}

// Headers.

#[tokio::test]
async fn header_simple() {
    assert_eq!(header("blue", Style::SIMPLE).await, some("blue"));
    assert_eq!(
        header(&COLORS, Style::SIMPLE).await,
        some("blue,black,brown")
    );
    assert_eq!(header(&RGB, Style::SIMPLE).await, some("R,100,G,200,B,150"));
    assert_eq!(
        header(&COLORS, Style::SIMPLE_EXPLODE).await,
        some("blue,black,brown")
    );
    assert_eq!(
        header(&RGB, Style::SIMPLE_EXPLODE).await,
        some("R=100,G=200,B=150")
    );
    // Header values are not percent-encoded.
    assert_eq!(header("a b/c", Style::SIMPLE).await, some("a b/c"));
    assert_eq!(
        header(&RGB, Style::JSON).await,
        some(r#"{"R":100,"G":200,"B":150}"#)
    );
}

#[tokio::test]
async fn header_undefined_is_not_sent() {
    assert_eq!(header(&None::<u8>, Style::SIMPLE).await, Ok(None));
}

#[tokio::test]
async fn header_refuses_invalid_values_and_styles() {
    assert_eq!(
        header("a\nb", Style::SIMPLE).await,
        refused_opt("header \"X-Color\" has an invalid name or value")
    );
    assert_eq!(
        header("blue", Style::LABEL).await,
        refused_opt("header \"X-Color\": style label cannot be used in a header")
    );
    let sent = send(|request| request.header("Bad Name", "x")).await;
    assert_eq!(
        sent.map(|sent| sent.query),
        refused_opt("header \"Bad Name\" has an invalid name or value")
    );
}

// Cookies.

#[tokio::test]
async fn cookie_form() {
    assert_eq!(
        cookie("id", "abc", Style::FORM_EXPLODE).await,
        some("id=abc")
    );
    assert_eq!(
        cookie("ids", &[1, 2], Style::FORM_EXPLODE).await,
        some("ids=1; ids=2")
    );
    assert_eq!(
        cookie("color", &RGB, Style::FORM_EXPLODE).await,
        some("R=100; G=200; B=150")
    );
    assert_eq!(cookie("ids", &[1, 2], Style::FORM).await, some("ids=1,2"));
    assert_eq!(
        cookie("color", &RGB, Style::FORM).await,
        some("color=R,100,G,200,B,150")
    );
    assert_eq!(cookie("ids", &None::<u8>, Style::FORM).await, Ok(None));
}

#[tokio::test]
async fn cookies_share_one_header_in_order() {
    let sent = send(|request| {
        request.cookie("a", "1");
        request.cookie("b", &[2, 3]);
    })
    .await;
    let cookie = sent.map(|sent| {
        sent.headers
            .get("cookie")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    });
    assert_eq!(cookie, some("a=1; b=2; b=3"));
}

#[tokio::test]
async fn cookie_refuses_what_could_add_cookies() {
    let message = |name: &str| {
        refused_opt(&format!(
            "cookie {name:?} has characters a cookie name or value cannot carry"
        ))
    };
    assert_eq!(
        cookie("id", "a; admin=1", Style::FORM_EXPLODE).await,
        message("id")
    );
    assert_eq!(
        cookie("id", "a b", Style::FORM_EXPLODE).await,
        message("id")
    );
    assert_eq!(
        cookie("id", "\"q\"", Style::FORM_EXPLODE).await,
        message("id")
    );
    assert_eq!(
        cookie("a=b", "1", Style::FORM_EXPLODE).await,
        message("a=b")
    );
    assert_eq!(cookie("", "1", Style::FORM_EXPLODE).await, message(""));
    assert_eq!(
        cookie("id", "1", Style::SIMPLE).await,
        refused_opt("cookie \"id\": style simple cannot be used in a cookie")
    );
}

// The encoders on their own.

#[test]
fn encoders() {
    assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(
        encode_path_segment("/?#[]@!$&'()*+,;= %"),
        "%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%25"
    );
    assert_eq!(encode_path_segment("\u{1F600}"), "%F0%9F%98%80");
    assert_eq!(encode_query("a+b c", false), "a%2Bb%20c");
    assert_eq!(
        encode_query(":/?#[]@!$&'()*+,;=", true),
        ":/?#[]@!$&'()*+,;="
    );
    assert_eq!(
        encode_query(" %\"<>\\^`{|}", true),
        "%20%25%22%3C%3E%5C%5E%60%7B%7C%7D"
    );
}

// Parameters set through a `Call`: spec order, and setting again replaces.

struct Client(ClientCore);

impl AsRef<ClientCore> for Client {
    fn as_ref(&self) -> &ClientCore {
        &self.0
    }
}

struct GetColor;

impl Operation for GetColor {
    type Output = ();
    type Error = ();
    const INFO: OperationInfo = OPERATION;

    fn decode(response: RawResponse) -> Result<(), Error<()>> {
        if response.status().is_success() {
            response.empty()
        } else {
            response.unexpected()
        }
    }
}

#[tokio::test]
async fn call_params_go_out_in_spec_order_and_replace_earlier_values() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let core = match ClientBuilder::new(&server.uri(), &[], &[]).build() {
        Ok(core) => core,
        Err(error) => panic!("client: {error}"),
    };
    let client = Client(core);
    let mut request = Request::new(Method::GET);
    request.path("/colors");
    let result = Call::<_, GetColor>::new(&client, request)
        .param(2, |request| request.query("second", "2"))
        .param(0, |request| request.query("first", "old"))
        .param(1, |request| request.header("X-Middle", "m"))
        .param(0, |request| request.query("first", "new"))
        .send()
        .await;
    assert!(result.is_ok(), "{result:?}");
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].url.query(), Some("first=new&second=2"));
    assert_eq!(
        received[0]
            .headers
            .get("x-middle")
            .and_then(|value| value.to_str().ok()),
        Some("m")
    );
}
