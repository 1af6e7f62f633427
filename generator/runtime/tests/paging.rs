//! Paging (`x-specgen-pagination`): where the next page starts and when the last one was seen, for offsets and
//! page numbers, ending on `total`, `totalPages`, `lastPageHeader` or an empty page; then whole streams of pages
//! and items from a server on 127.0.0.1, counting the requests.

use futures_util::StreamExt;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use specgen_runtime::{
    Call, ClientBuilder, ClientCore, Error, Operation, OperationInfo, Paging, RawResponse, Request,
    RetryPolicy,
};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OFFSET: Paging = Paging {
    param: "offset",
    by_items: true,
    first: 0,
    total: None,
    total_pages: None,
    last_page_header: None,
};

const OFFSET_TOTAL: Paging = Paging {
    total: Some("/count"),
    ..OFFSET
};

const PAGE: Paging = Paging {
    param: "page",
    by_items: false,
    first: 0,
    total: None,
    total_pages: None,
    last_page_header: None,
};

const PAGE_TOTAL_PAGES: Paging = Paging {
    total_pages: Some("/pageable/totalPages"),
    ..PAGE
};

const PAGE_LAST_HEADER: Paging = Paging {
    first: 1,
    last_page_header: Some("X-Last-Page"),
    ..PAGE
};

const PAGE_TOTAL: Paging = Paging {
    total: Some("/count"),
    ..PAGE
};

fn answer(body: &str, headers: &[(&'static str, &'static str)]) -> RawResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, HeaderValue::from_static(value));
    }
    RawResponse::from_parts(StatusCode::OK, map, body.as_bytes().to_vec().into())
}

fn plain() -> RawResponse {
    answer("{}", &[])
}

// Where the next page starts.

#[test]
fn offset_moves_by_the_items_received() {
    assert_eq!(OFFSET.next(0, 10, &plain()), Some(10));
    assert_eq!(OFFSET.next(10, 3, &plain()), Some(13));
    assert_eq!(OFFSET.next(13, 0, &plain()), None);
}

#[test]
fn page_moves_by_one() {
    assert_eq!(PAGE.next(0, 10, &plain()), Some(1));
    assert_eq!(PAGE.next(1, 1, &plain()), Some(2));
    assert_eq!(PAGE.next(2, 0, &plain()), None);
}

#[test]
fn offset_ends_when_total_items_are_seen() {
    let body = answer(r#"{"count":25}"#, &[]);
    assert_eq!(OFFSET_TOTAL.next(0, 10, &body), Some(10));
    assert_eq!(OFFSET_TOTAL.next(10, 10, &body), Some(20));
    assert_eq!(OFFSET_TOTAL.next(20, 5, &body), None);
    // Exactly a multiple of the page size: no empty page is asked for.
    let body = answer(r#"{"count":20}"#, &[]);
    assert_eq!(OFFSET_TOTAL.next(10, 10, &body), None);
}

#[test]
fn offset_counting_from_one_ends_after_the_last_item() {
    // Offsets 1..=11: the page at 1 brought ten items, one is left at offset 11.
    let one_based = Paging {
        first: 1,
        ..OFFSET_TOTAL
    };
    let body = answer(r#"{"count":11}"#, &[]);
    assert_eq!(one_based.next(1, 10, &body), Some(11));
    assert_eq!(one_based.next(11, 1, &body), None);
}

#[test]
fn page_ends_at_total_pages() {
    let body = answer(r#"{"pageable":{"totalPages":3}}"#, &[]);
    assert_eq!(PAGE_TOTAL_PAGES.next(0, 10, &body), Some(1));
    assert_eq!(PAGE_TOTAL_PAGES.next(1, 10, &body), Some(2));
    assert_eq!(PAGE_TOTAL_PAGES.next(2, 10, &body), None);
    let one_based = Paging {
        first: 1,
        ..PAGE_TOTAL_PAGES
    };
    assert_eq!(one_based.next(2, 10, &body), Some(3));
    assert_eq!(one_based.next(3, 10, &body), None);
}

#[test]
fn page_ends_at_the_last_page_header() {
    let body = answer("[]", &[("X-Last-Page", " 2 ")]);
    assert_eq!(PAGE_LAST_HEADER.next(1, 10, &body), Some(2));
    assert_eq!(PAGE_LAST_HEADER.next(2, 10, &body), None);
    // A header that is no number is ignored.
    let body = answer("[]", &[("X-Last-Page", "last")]);
    assert_eq!(PAGE_LAST_HEADER.next(2, 10, &body), Some(3));
}

#[test]
fn page_with_an_item_total_ends_when_that_many_items_are_seen() {
    // `total` counts items, not pages: twenty items in pages of ten end after the second page.
    let body = answer(r#"{"count":20}"#, &[]);
    assert_eq!(PAGE_TOTAL.next(0, 10, &body), Some(1));
    assert_eq!(PAGE_TOTAL.next(1, 10, &body), None);
    let body = answer(r#"{"count":25}"#, &[]);
    assert_eq!(PAGE_TOTAL.next(1, 10, &body), Some(2));
}

#[test]
fn totals_that_cannot_be_read_are_ignored() {
    for body in [
        "not json",
        r#"{"count":"25"}"#,
        r#"{"other":1}"#,
        "",
        r#"{"count":null}"#,
    ] {
        assert_eq!(
            OFFSET_TOTAL.next(20, 5, &answer(body, &[])),
            Some(25),
            "{body:?}"
        );
    }
}

#[test]
fn positions_past_the_integer_range_end_the_paging() {
    assert_eq!(OFFSET.next(i64::MAX - 1, 10, &plain()), None);
    assert_eq!(PAGE.next(i64::MAX, 1, &plain()), None);
}

// Whole streams, through a client.

#[derive(Debug, Deserialize)]
struct Page {
    data: Vec<u32>,
}

struct ListThings;

impl Operation for ListThings {
    type Output = Page;
    type Error = ();
    const INFO: OperationInfo = OperationInfo {
        id: "listThings",
        security: &[],
        idempotent: true,
        idempotency_key: None,
    };

    fn decode(response: RawResponse) -> Result<Page, Error<()>> {
        if response.status().is_success() {
            response.json()
        } else {
            response.unexpected()
        }
    }
}

struct Client(ClientCore);

impl AsRef<ClientCore> for Client {
    fn as_ref(&self) -> &ClientCore {
        &self.0
    }
}

fn client(server: &MockServer) -> Client {
    match ClientBuilder::new(&server.uri(), &[], &[])
        .retry(RetryPolicy::none())
        .build()
    {
        Ok(core) => Client(core),
        Err(error) => panic!("client: {error}"),
    }
}

/// Answers a request whose `param` is `value` with `body` (and `headers`).
async fn page(
    server: &MockServer,
    param: &str,
    value: &str,
    body: serde_json::Value,
    headers: &[(&str, &str)],
) {
    let mut template = ResponseTemplate::new(200).set_body_json(body);
    for (name, value) in headers {
        template = template.insert_header(*name, *value);
    }
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(query_param(param, value))
        .respond_with(template)
        .expect(1)
        .mount(server)
        .await;
}

/// `call`'s request with a `limit` that every page must repeat.
fn list(client: &Client) -> Call<'_, Client, ListThings> {
    let mut request = Request::new(Method::GET);
    request.path("/things");
    Call::new(client, request).param(1, |request| request.query("limit", &10))
}

fn count(page: &Page) -> usize {
    page.data.len()
}

/// The query strings the server received, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect()
}

async fn items(
    call: Call<'_, Client, ListThings>,
    paging: &'static Paging,
) -> Vec<Result<u32, String>> {
    call.paged(paging, count)
        .items(|page: Page| page.data)
        .map(|item| item.map_err(|error| error.to_string()))
        .collect()
        .await
}

#[tokio::test]
async fn offset_stream_ends_at_the_total() {
    let server = MockServer::start().await;
    page(
        &server,
        "offset",
        "0",
        serde_json::json!({"data": (0..10).collect::<Vec<u32>>(), "count": 25}),
        &[],
    )
    .await;
    page(
        &server,
        "offset",
        "10",
        serde_json::json!({"data": (10..20).collect::<Vec<u32>>(), "count": 25}),
        &[],
    )
    .await;
    page(
        &server,
        "offset",
        "20",
        serde_json::json!({"data": (20..25).collect::<Vec<u32>>(), "count": 25}),
        &[],
    )
    .await;
    let client = client(&server);
    let items = items(list(&client), &OFFSET_TOTAL).await;
    assert_eq!(items, (0..25).map(Ok).collect::<Vec<_>>());
    assert_eq!(
        queries(&server).await,
        [
            "limit=10&offset=0",
            "limit=10&offset=10",
            "limit=10&offset=20"
        ]
    );
}

#[tokio::test]
async fn offset_stream_ends_at_an_empty_page() {
    let server = MockServer::start().await;
    page(
        &server,
        "offset",
        "0",
        serde_json::json!({"data": [1, 2]}),
        &[],
    )
    .await;
    page(
        &server,
        "offset",
        "2",
        serde_json::json!({"data": [3]}),
        &[],
    )
    .await;
    page(&server, "offset", "3", serde_json::json!({"data": []}), &[]).await;
    let client = client(&server);
    let pages: Vec<usize> = list(&client)
        .paged(&OFFSET, count)
        .pages()
        .map(|page| page.map_or(usize::MAX, |page| page.data.len()))
        .collect()
        .await;
    assert_eq!(pages, [2, 1, 0]);
    assert_eq!(queries(&server).await.len(), 3);
}

#[tokio::test]
async fn stream_starts_where_the_caller_says() {
    let server = MockServer::start().await;
    page(
        &server,
        "offset",
        "40",
        serde_json::json!({"data": [40, 41], "count": 42}),
        &[],
    )
    .await;
    let client = client(&server);
    let call = list(&client).param(0, |request| request.query("offset", &40));
    assert_eq!(items(call, &OFFSET_TOTAL).await, [Ok(40), Ok(41)]);
    assert_eq!(queries(&server).await, ["limit=10&offset=40"]);
}

#[tokio::test]
async fn page_stream_ends_at_total_pages() {
    let server = MockServer::start().await;
    for number in 0..3u32 {
        let body = serde_json::json!({"data": [number], "pageable": {"totalPages": 3}});
        page(&server, "page", &number.to_string(), body, &[]).await;
    }
    let client = client(&server);
    assert_eq!(
        items(list(&client), &PAGE_TOTAL_PAGES).await,
        [Ok(0), Ok(1), Ok(2)]
    );
    assert_eq!(
        queries(&server).await,
        ["limit=10&page=0", "limit=10&page=1", "limit=10&page=2"]
    );
}

#[tokio::test]
async fn page_stream_ends_at_the_last_page_header() {
    let server = MockServer::start().await;
    page(
        &server,
        "page",
        "1",
        serde_json::json!({"data": [1]}),
        &[("X-Last-Page", "2")],
    )
    .await;
    page(
        &server,
        "page",
        "2",
        serde_json::json!({"data": [2]}),
        &[("X-Last-Page", "2")],
    )
    .await;
    let client = client(&server);
    assert_eq!(
        items(list(&client), &PAGE_LAST_HEADER).await,
        [Ok(1), Ok(2)]
    );
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn page_stream_with_an_item_total_asks_for_no_page_past_it() {
    let server = MockServer::start().await;
    page(
        &server,
        "page",
        "0",
        serde_json::json!({"data": (0..10).collect::<Vec<u32>>(), "count": 20}),
        &[],
    )
    .await;
    page(
        &server,
        "page",
        "1",
        serde_json::json!({"data": (10..20).collect::<Vec<u32>>(), "count": 20}),
        &[],
    )
    .await;
    let client = client(&server);
    assert_eq!(
        items(list(&client), &PAGE_TOTAL).await,
        (0..20).map(Ok).collect::<Vec<_>>()
    );
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn stream_ends_after_the_first_error() {
    let server = MockServer::start().await;
    page(
        &server,
        "offset",
        "0",
        serde_json::json!({"data": [1, 2]}),
        &[],
    )
    .await;
    Mock::given(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(
        items(list(&client), &OFFSET).await,
        [
            Ok(1),
            Ok(2),
            Err(
                "the server answered with undocumented status 500 Internal Server Error".to_owned()
            )
        ]
    );
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn stream_reports_a_page_it_cannot_decode() {
    let server = MockServer::start().await;
    page(
        &server,
        "offset",
        "0",
        serde_json::json!({"data": "none"}),
        &[],
    )
    .await;
    let client = client(&server);
    let pages: Vec<Result<Page, Error<()>>> =
        list(&client).paged(&OFFSET, count).pages().collect().await;
    assert_eq!(pages.len(), 1);
    match &pages[0] {
        Err(Error::Decode { response, .. }) => assert_eq!(response.body(), br#"{"data":"none"}"#),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
