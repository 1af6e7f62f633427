//! Page and item streams (Billing Booth One's offset paging, floLIVE's pageable) and waiting for
//! floLIVE's asynchronous BCD change, against scripted loopback servers.

mod common;

use billing_clients::futures_util::{StreamExt, TryStreamExt};
use billing_clients::runtime::{self, PollOptions};
use billing_clients::{billing_booth_one, flolive};
use common::received;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CUSTOMER: &str = "3f2b8c1e-9d4a-4e7b-8a61-2c5d9e0f1a7b";
const REQUEST_ID: &str = "ff74dca6-8e7f-4b85-a42b-13860913b370";

fn user(id: i64) -> serde_json::Value {
    json!({"id": id, "email": format!("u{id}@example.com"), "name": format!("User {id}"), "status": "active"})
}

/// Billing Booth One pages of two users out of five: offsets 0, 2 and 4.
async fn five_users(server: &MockServer) {
    for (offset, ids) in [("0", vec![1, 2]), ("2", vec![3, 4]), ("4", vec![5])] {
        let data: Vec<_> = ids.into_iter().map(user).collect();
        Mock::given(method("GET"))
            .and(path("/customer/42/access"))
            .and(query_param("offset", offset))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"limit": 2, "offset": offset.parse::<i64>().unwrap_or(0), "count": 5, "data": data}),
            ))
            .expect(1)
            .mount(server)
            .await;
    }
}

fn bbo(server: &MockServer) -> billing_booth_one::Client {
    billing_booth_one::Client::builder()
        .base_url(server.uri())
        .bearer_auth("t")
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn offset_paging_walks_three_pages_and_stops_at_the_count() {
    let server = MockServer::start().await;
    five_users(&server).await;
    let pages: Vec<_> = bbo(&server)
        .list_customer_access_users(42)
        .limit(2)
        .pages()
        .try_collect()
        .await
        .expect("every page arrives");
    let sizes: Vec<usize> = pages.iter().map(|p| p.data.len()).collect();
    assert_eq!(sizes, [2, 2, 1]);
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        ["limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"]
    );
}

#[tokio::test]
async fn item_stream_yields_every_user_in_order() {
    let server = MockServer::start().await;
    five_users(&server).await;
    let ids: Vec<Option<i64>> = bbo(&server)
        .list_customer_access_users(42)
        .limit(2)
        .items()
        .map_ok(|user| user.id)
        .try_collect()
        .await
        .expect("every item arrives");
    assert_eq!(ids, [1, 2, 3, 4, 5].map(Some));
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"limit": 2, "offset": 0, "count": 5, "data": [user(1), user(2)]}),
        ))
        .mount(&server)
        .await;
    Mock::given(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "bad offset"})))
        .mount(&server)
        .await;
    let client = bbo(&server);
    let mut pages = Box::pin(client.list_customer_access_users(42).pages());
    assert!(matches!(pages.next().await, Some(Ok(_))));
    let error = pages.next().await.expect("a second item").unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(pages.next().await.is_none(), "nothing after an error");
}

fn flolive_client(server: &MockServer) -> flolive::Client {
    flolive::Client::builder()
        .base_url(server.uri())
        .bearer_auth("t")
        .build()
        .expect("client builds")
}

fn bcd(name: &str) -> serde_json::Value {
    json!({
        "id": "e291c23a-2b2b-41dd-895e-b5c145c767de", "name": name, "periodType": "MONTHLY",
        "startDay": 1, "duration": 1, "invoiceFormat": "XML", "isAutomatic": true, "isExport": false
    })
}

#[tokio::test]
async fn pageable_paging_follows_total_pages() {
    let server = MockServer::start().await;
    for page in 0..3 {
        Mock::given(path(format!("/customer/{CUSTOMER}/eligible-bcd")))
            .and(query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errorCode": "", "errorMessage": "",
                "content": [bcd(&format!("page {page}"))],
                "pageable": {"page": page, "size": 1, "totalPages": 3, "totalElements": 3}
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let names: Vec<String> = flolive_client(&server)
        .get_eligible_bcds(CUSTOMER.parse().expect("uuid"))
        .size(1)
        .items()
        .map_ok(|bcd| bcd.name)
        .try_collect()
        .await
        .expect("every page arrives");
    assert_eq!(names, ["page 0", "page 1", "page 2"]);
}

async fn modify_acknowledged(server: &MockServer) {
    Mock::given(method("PUT"))
        .and(path(format!("/customer/{CUSTOMER}/bcd")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": "", "errorMessage": "", "content": [{"requestId": REQUEST_ID}], "pageable": null
        })))
        .expect(1)
        .mount(server)
        .await;
}

fn status(value: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "errorCode": "", "errorMessage": "", "content": [{"status": value}], "pageable": null
    }))
}

fn modify(client: &flolive::Client) -> flolive::ModifyBcdBuilder<'_> {
    client.modify_bcd(
        CUSTOMER.parse().expect("uuid"),
        flolive::ModifyBcdRequest {
            id: REQUEST_ID.parse().expect("uuid"),
        },
    )
}

#[tokio::test]
async fn polling_reads_open_open_success_and_returns_the_final_status() {
    let server = MockServer::start().await;
    modify_acknowledged(&server).await;
    let status_path = format!("/global/call/{REQUEST_ID}");
    Mock::given(path(status_path.clone()))
        .respond_with(status("OPEN"))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(status_path))
        .respond_with(status("SUCCESS"))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = flolive_client(&server);
    let final_status = modify(&client)
        .send_and_wait(PollOptions::new().interval(Duration::from_millis(10)))
        .await
        .expect("the request ends");
    assert_eq!(final_status[0].status, flolive::CallStatus::Success);
    let paths: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    let poll = format!("GET /global/call/{REQUEST_ID}");
    assert_eq!(
        paths,
        [
            format!("PUT /customer/{CUSTOMER}/bcd"),
            poll.clone(),
            poll.clone(),
            poll
        ]
    );
}

#[tokio::test]
async fn polling_gives_up_after_its_timeout_with_still_pending() {
    let server = MockServer::start().await;
    modify_acknowledged(&server).await;
    Mock::given(path(format!("/global/call/{REQUEST_ID}")))
        .respond_with(status("OPEN"))
        .mount(&server)
        .await;
    let client = flolive_client(&server);
    let error = modify(&client)
        .send_and_wait(
            // An unbounded interval cap must not overflow the deadline arithmetic.
            PollOptions::new()
                .interval(Duration::from_millis(20))
                .max_interval(Duration::MAX)
                .timeout(Duration::from_millis(200)),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(error, runtime::Error::StillPending { polls, .. } if polls >= 2),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_refused_change_is_not_polled() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": "CUSTOMER_1039", "errorMessage": "not eligible", "content": "", "pageable": ""
        })))
        .mount(&server)
        .await;
    let client = flolive_client(&server);
    let error = modify(&client)
        .send_and_wait(PollOptions::new())
        .await
        .unwrap_err();
    assert_eq!(
        error.api_value().map(|e| &e.code),
        Some(&flolive::ErrorCode::Customer1039)
    );
    assert_eq!(received(&server).await.len(), 1);
}
