//! `specs/bodies_form_encoding.yaml` against wiremock: form bodies follow their `encoding` byte for byte
//! (deepObject three levels deep, arrays of objects, maps, form with and without explode, the documented
//! deepObject array conventions), union parameters go out in the form of the variant sent in every location,
//! multipart parts carry their encoding's content type, a required property the schema never declares can
//! still be sent, and amounts keep every digit on the way out and back.

use specgen_constructs::bodies_form_encoding::{
    Address, Client, Item, ItemTax, ItemTaxBehaviour, Price, PriceForm, Range, RangeOrTimestamp,
    Recurring, SearchRequest, UploadInvoiceForm, Usage, mock::Mock,
};
use specgen_constructs::runtime::{Error, FilePart, Nullable};
use wiremock::matchers::any;
use wiremock::{MockServer, Request, ResponseTemplate};

type Decimal = rust_decimal::Decimal;

fn decimal(text: &str) -> Decimal {
    specgen_constructs::runtime::decimal::parse(text).expect("a decimal")
}

fn price_json() -> &'static str {
    r#"{"id":"price_1","unit_amount":1234567890.123456789,"unit_amount_text":"0.10","fee":1e-2,"tiers":[0.1,0.25],"discount":null,"ratio":0.5}"#
}

async fn start(answer: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    wiremock::Mock::given(any())
        .respond_with(answer)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    (server, client)
}

fn answering_a_price() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(price_json(), "application/json")
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

async fn last_request(server: &MockServer) -> Request {
    requests(server)
        .await
        .pop()
        .expect("a request was received")
}

fn body_text(request: &Request) -> String {
    String::from_utf8(request.body.clone()).expect("a UTF-8 body")
}

fn full_form() -> PriceForm {
    PriceForm {
        currency: "usd".to_owned(),
        unit_amount: Some(decimal("1234567890.123456789")),
        recurring: Some(Recurring {
            interval: "month".to_owned(),
            interval_count: Some(3),
            usage: Some(Usage {
                aggregate: Some("sum".to_owned()),
                tiers: Some(vec![1, 2]),
            }),
        }),
        metadata: Some(
            [("order_id", "6735"), ("note", "a b&c")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .into(),
        ),
        items: Some(vec![
            Item {
                price: "price_1".to_owned(),
                quantity: Some(2),
                tax: Some(ItemTax {
                    behaviour: Some(ItemTaxBehaviour {
                        mode: Some("inclusive".to_owned()),
                    }),
                }),
            },
            Item {
                price: "price_2".to_owned(),
                quantity: None,
                tax: None,
            },
        ]),
        expand: Some(vec!["customer".to_owned(), "invoice".to_owned()]),
        legacy_ids: Some(vec!["a".to_owned(), "b".to_owned()]),
        address: Some(Address {
            line1: Some("1 Main St".to_owned()),
            city: Some("Paris".to_owned()),
        }),
        billing: Some(Address {
            line1: Some("2 High St".to_owned()),
            city: Some("Rome".to_owned()),
        }),
        tags: Some(vec!["a".to_owned(), "b,c".to_owned()]),
        labels: Some(vec!["x".to_owned(), "y".to_owned()]),
        nested_form: Some(Recurring {
            interval: "week".to_owned(),
            interval_count: None,
            usage: None,
        }),
        plain: Some(Address {
            line1: Some("x".to_owned()),
            city: None,
        }),
    }
}

/// Every property as its `encoding` says: deepObject brackets at any depth (objects three levels down,
/// arrays of objects indexed, a map's members), `legacy_ids` in the bracket convention its extension picks,
/// `address` flattened (form, explode), `billing` and `tags` comma-joined (form, no explode; in a form body the
/// separators are percent-encoded like every reserved character), `labels` repeated, the unstyled object as
/// JSON text, and the decimal with every digit.
#[tokio::test]
async fn form_bodies_follow_their_encoding_byte_for_byte() {
    let (server, client) = start(answering_a_price()).await;
    client.create_price(full_form()).await.expect("sent");
    let request = last_request(&server).await;
    assert_eq!(
        request
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/x-www-form-urlencoded")
    );
    let expected = [
        "currency=usd",
        "unit_amount=1234567890.123456789",
        "recurring[interval]=month",
        "recurring[interval_count]=3",
        "recurring[usage][aggregate]=sum",
        "recurring[usage][tiers][0]=1",
        "recurring[usage][tiers][1]=2",
        "metadata[note]=a%20b%26c",
        "metadata[order_id]=6735",
        "items[0][price]=price_1",
        "items[0][quantity]=2",
        "items[0][tax][behaviour][mode]=inclusive",
        "items[1][price]=price_2",
        "expand[0]=customer",
        "expand[1]=invoice",
        "legacy_ids[]=a",
        "legacy_ids[]=b",
        "line1=1%20Main%20St",
        "city=Paris",
        "billing=line1%2C2%20High%20St%2Ccity%2CRome",
        "tags=a%2Cb%2Cc",
        "labels=x",
        "labels=y",
        "interval=week",
        "plain=%7B%22line1%22%3A%22x%22%7D",
    ]
    .join("&");
    assert_eq!(body_text(&request), expected);
}

/// `form` can flatten one object level only: a value that nests deeper is refused before anything is sent
/// (and `specgen check` warned about the property).
#[tokio::test]
async fn a_nesting_the_style_cannot_write_is_refused_before_sending() {
    let (server, client) = start(answering_a_price()).await;
    let mut form = full_form();
    form.nested_form = Some(Recurring {
        interval: "week".to_owned(),
        interval_count: None,
        usage: Some(Usage {
            aggregate: Some("max".to_owned()),
            tiers: None,
        }),
    });
    let error = client.create_price(form).await.expect_err("refused");
    assert!(
        matches!(&error, Error::InvalidRequest(problem) if problem.contains("nested_form")),
        "{error:?}"
    );
    assert!(requests(&server).await.is_empty());
}

/// A union of an object and a scalar is written per the variant sent: plain in its scalar form, in the
/// parameter's style in its object form, in the query (deepObject), the path and a header (simple) and a cookie
/// (form, exploded: one cookie per member).
#[tokio::test]
async fn union_parameters_are_written_in_the_form_of_the_variant_sent() {
    let (server, client) =
        start(ResponseTemplate::new(200).set_body_raw("[]", "application/json")).await;
    let range = || {
        RangeOrTimestamp::Range(Range {
            gt: Some(1),
            lte: Some(2),
        })
    };
    client
        .list_customers()
        .created(RangeOrTimestamp::Integer(1680000000))
        .await
        .expect("scalar form");
    assert_eq!(
        last_request(&server).await.url.query(),
        Some("created=1680000000")
    );
    client
        .list_customers()
        .created(range())
        .await
        .expect("object form");
    assert_eq!(
        last_request(&server).await.url.query(),
        Some("created[gt]=1&created[lte]=2")
    );
    let (server, client) = start(ResponseTemplate::new(204)).await;
    client
        .get_customer(RangeOrTimestamp::Integer(5))
        .x_since(RangeOrTimestamp::Integer(7))
        .until(RangeOrTimestamp::Integer(9))
        .await
        .expect("scalar forms");
    let request = last_request(&server).await;
    assert_eq!(request.url.path(), "/customers/5");
    assert_eq!(
        request.headers.get("x-since").and_then(|v| v.to_str().ok()),
        Some("7")
    );
    assert_eq!(
        request.headers.get("cookie").and_then(|v| v.to_str().ok()),
        Some("until=9")
    );
    client
        .get_customer(range())
        .x_since(range())
        .until(range())
        .await
        .expect("object forms");
    let request = last_request(&server).await;
    assert_eq!(request.url.path(), "/customers/gt,1,lte,2");
    assert_eq!(
        request.headers.get("x-since").and_then(|v| v.to_str().ok()),
        Some("gt,1,lte,2")
    );
    assert_eq!(
        request.headers.get("cookie").and_then(|v| v.to_str().ok()),
        Some("gt=1; lte=2")
    );
}

/// Amounts keep every digit: in a query parameter, read from a JSON number, a string and a nullable field,
/// and written back as the same JSON text.
#[tokio::test]
async fn amounts_keep_every_digit_in_both_directions() {
    let (server, client) = start(
        ResponseTemplate::new(200).set_body_raw(format!("[{}]", price_json()), "application/json"),
    )
    .await;
    let prices = client
        .list_customers()
        .min_balance(decimal("1234567890.123456789"))
        .await
        .expect("decoded");
    assert_eq!(
        last_request(&server).await.url.query(),
        Some("min_balance=1234567890.123456789")
    );
    let price: &Price = &prices[0];
    assert_eq!(price.unit_amount.to_string(), "1234567890.123456789");
    assert_eq!(price.unit_amount_text, Some(decimal("0.10")));
    assert_eq!(price.fee, Some(decimal("0.01")));
    assert_eq!(price.tiers, Some(vec![decimal("0.1"), decimal("0.25")]));
    assert_eq!(price.discount, Nullable::Null);
    let written = serde_json::to_string(price).expect("written");
    assert_eq!(
        written,
        r#"{"id":"price_1","unit_amount":1234567890.123456789,"unit_amount_text":"0.10","fee":0.01,"tiers":[0.1,0.25],"discount":null,"ratio":0.5}"#
    );
}

/// `SearchRequest` requires `location_ids` without declaring it: the extra-properties map sends it.
#[tokio::test]
async fn an_undeclared_required_property_can_still_be_sent() {
    let (server, client) = start(ResponseTemplate::new(204)).await;
    let request = SearchRequest {
        query: "active".to_owned(),
        additional_properties: [("location_ids".to_owned(), serde_json::json!(["L1"]))].into(),
    };
    client.search_subscriptions(request).await.expect("sent");
    assert_eq!(
        body_text(&last_request(&server).await),
        r#"{"query":"active","location_ids":["L1"]}"#
    );
}

/// Multipart parts carry the `contentType` and `headers` of their encoding entry; a decimal part keeps its text.
#[tokio::test]
async fn multipart_parts_carry_their_encoding_content_type() {
    let (server, client) = start(ResponseTemplate::new(204)).await;
    let form = UploadInvoiceForm {
        file: FilePart::new(b"%PDF".to_vec()).file_name("invoice.pdf"),
        file_x_checksum: "sha256:abc".to_owned(),
        details: Recurring {
            interval: "month".to_owned(),
            interval_count: None,
            usage: None,
        },
        note: Some("**paid**".to_owned()),
        total: Some(decimal("12.50")),
    };
    client.upload_invoice(form).await.expect("sent");
    let body = body_text(&last_request(&server).await);
    let part = |name: &str| {
        let start = body
            .find(&format!("name=\"{name}\""))
            .unwrap_or_else(|| panic!("part {name} in {body}"));
        let rest = &body[start..];
        rest[..rest.find("\r\n--").unwrap_or(rest.len())].to_owned()
    };
    assert!(
        part("details")
            .contains("Content-Type: application/vnd.invoice+json\r\n\r\n{\"interval\":\"month\"}"),
        "{body}"
    );
    assert!(
        part("note").contains("Content-Type: text/markdown\r\n\r\n**paid**"),
        "{body}"
    );
    assert!(part("total").ends_with("\r\n\r\n12.50"), "{body}");
    // The part's documented header, and the encoding's content type for a file that has none of its own.
    let file = part("file");
    assert!(file.contains("x-checksum: sha256:abc\r\n"), "{body}");
    assert!(file.contains("Content-Type: application/pdf\r\n"), "{body}");
}

/// The typed mock matches a form body by the same rules: the client's request matches the stub built from
/// the same value, and a different value does not.
#[tokio::test]
async fn the_typed_mock_matches_form_bodies_by_the_same_rules() {
    let mock = Mock::start().await;
    let price: Price = serde_json::from_str(price_json()).expect("a price");
    mock.create_price()
        .body(full_form())
        .respond_200(&price)
        .expect(1)
        .mount()
        .await
        .expect("mounted");
    let client = Client::builder()
        .base_url(mock.uri())
        .build()
        .expect("client");
    let answer = client.create_price(full_form()).await.expect("matched");
    assert_eq!(answer.unit_amount.to_string(), "1234567890.123456789");
    let mut other = full_form();
    other.expand = Some(vec!["invoice".to_owned()]);
    assert!(client.create_price(other).await.is_err());
    let report = mock
        .verify()
        .expect_err("one request matched no stub")
        .to_string();
    assert!(
        report.contains("expand[0]=invoice&legacy_ids")
            && report.contains("closest stub: createPrice"),
        "{report}"
    );
}
