//! floLIVE client against a wiremock server: eligible BCDs, modify BCD and request status through the response envelope (ACK/NAK whatever the HTTP status), error codes, base URL and server variable, secret redaction and transport errors.

mod common;

use billing_clients::flolive::{
    CallStatus, Client, ErrorCode, InvoiceFormat, ModifyBcdRequest, PeriodType,
};
use billing_clients::{flolive, runtime};
use common::{closed_port_url, empty_body, exact_query, header, json_body, single_request};
use serde_json::json;
use wiremock::matchers::{body_json, header as header_is, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CUSTOMER: &str = "3f2b8c1e-9d4a-4e7b-8a61-2c5d9e0f1a7b";
const NEW_BCD: &str = "fe84aea1-5e3f-4f45-b32c-03562913c350";
const REQUEST_ID: &str = "ff74dca6-8e7f-4b85-a42b-13860913b370";

/// Seed 004, success (ACK), verbatim.
const ELIGIBLE_ACK: &str = r#"{
"errorCode": "",
"errorMessage": "",
"content": [
{
"id": "e291c23a-2b2b-41dd-895e-b5c145c767de",
"name": "BCD11-Monthly-1-XML",
"description": "Monthly XML invoicing",
"periodType": "MONTHLY",
"startDay": 1,
"duration": 1,
"invoiceFormat": "XML",
"isAutomatic": true,
"isExport": true
},
{
"id": "ff74dca6-8e7f-4b85-a42b-13860913b370",
"name": "BCD13-Weekly-1-PDF",
"description": "Bi-Weekly PDF invoicing",
"periodType": "WEEKLY",
"startDay": 1,
"duration": 2,
"invoiceFormat": "PDF",
"isAutomatic": true,
"isExport": false
}
],
"pageable": null
}"#;

/// Seed 004, failure (NAK), verbatim.
const GLOBAL_1001_NAK: &str = r#"{
"errorCode": "GLOBAL_1001",
"errorMessage": "Service unavailable. Please try again",
"content": "",
"pageable": ""
}"#;

/// Seed 002, success (ACK), verbatim.
const MODIFY_ACK: &str = r#"{
"errorCode": "",
"errorMessage": "",
"content": [
{
"requestId": "ff74dca6-8e7f-4b85-a42b-13860913b370"
}
],
"pageable": null
}"#;

/// Seed 002, failure (NAK), with the opening brace the seed lost.
const CUSTOMER_1039_NAK: &str = r#"{
"errorCode": "CUSTOMER_1039",
"errorMessage": "Requested BCD is not eligible for the customer",
"content": "",
"pageable": ""
}"#;

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/api/v2", server.uri()))
        .bearer_auth("flo-token")
        .build()
        .expect("client builds")
}

fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
}

fn eligible_path() -> String {
    format!("/api/v2/customer/{CUSTOMER}/eligible-bcd")
}

fn envelope_error(
    error: runtime::Error<runtime::EnvelopeError<ErrorCode>>,
) -> Box<runtime::ApiError<runtime::EnvelopeError<ErrorCode>>> {
    match error {
        runtime::Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn get_eligible_bcds_decodes_the_seed_ack() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(eligible_path()))
        .and(exact_query(None))
        .and(header_is("authorization", "Bearer flo-token"))
        .and(header_is("accept", "application/json"))
        .and(empty_body())
        .respond_with(json_response(200, ELIGIBLE_ACK))
        .expect(1)
        .mount(&server)
        .await;

    let bcds = client_for(&server)
        .get_eligible_bcds(CUSTOMER.parse().unwrap())
        .await
        .unwrap();

    assert_eq!(bcds.len(), 2);
    let monthly = &bcds[0];
    assert_eq!(
        monthly.id.to_string(),
        "e291c23a-2b2b-41dd-895e-b5c145c767de"
    );
    assert_eq!(monthly.name, "BCD11-Monthly-1-XML");
    assert_eq!(
        monthly.description.as_deref(),
        Some("Monthly XML invoicing")
    );
    assert_eq!(monthly.period_type, PeriodType::Monthly);
    assert_eq!(monthly.start_day, 1);
    assert_eq!(monthly.duration, 1);
    assert_eq!(monthly.invoice_format, InvoiceFormat::Xml);
    assert!(monthly.is_automatic);
    assert!(monthly.is_export);

    let weekly = &bcds[1];
    assert_eq!(
        weekly.id.to_string(),
        "ff74dca6-8e7f-4b85-a42b-13860913b370"
    );
    assert_eq!(weekly.name, "BCD13-Weekly-1-PDF");
    assert_eq!(
        weekly.description.as_deref(),
        Some("Bi-Weekly PDF invoicing")
    );
    assert_eq!(weekly.period_type, PeriodType::Weekly);
    assert_eq!(weekly.start_day, 1);
    assert_eq!(weekly.duration, 2);
    assert_eq!(weekly.invoice_format, InvoiceFormat::Pdf);
    assert!(weekly.is_automatic);
    assert!(!weekly.is_export);

    let request = single_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), eligible_path());
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "authorization"), Some("Bearer flo-token"));
}

#[tokio::test]
async fn get_eligible_bcds_decodes_every_enum_value_a_pageable_object_and_a_missing_description() {
    let server = MockServer::start().await;
    let periods = [
        ("DAILY", PeriodType::Daily),
        ("WEEKLY", PeriodType::Weekly),
        ("MONTHLY", PeriodType::Monthly),
        ("BI_MONTHLY", PeriodType::BiMonthly),
        ("QUARTERLY", PeriodType::Quarterly),
        ("SEMI_ANNUALLY", PeriodType::SemiAnnually),
        ("ANNUALLY", PeriodType::Annually),
        ("HOURLY", PeriodType::Unknown("HOURLY".to_owned())),
    ];
    let formats = ["XML", "PDF", "ALL", "CSV"];
    let content: Vec<serde_json::Value> = periods
        .iter()
        .enumerate()
        .map(|(index, (wire, _))| {
            json!({
                "id": format!("00000000-0000-4000-8000-00000000000{index}"),
                "name": format!("BCD-{wire}"),
                "periodType": wire,
                "startDay": index + 1,
                "duration": 3,
                "invoiceFormat": formats[index % formats.len()],
                "isAutomatic": true,
                "isExport": index % 2 == 0
            })
        })
        .collect();
    Mock::given(method("GET"))
        .and(path(eligible_path()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": "",
            "errorMessage": "",
            "content": content,
            "pageable": {"page": 0, "size": 20, "totalPages": 1, "totalElements": 8}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let bcds = client_for(&server)
        .get_eligible_bcds(CUSTOMER.parse().unwrap())
        .send()
        .await
        .unwrap();

    assert_eq!(bcds.len(), periods.len());
    let expected_formats = [
        InvoiceFormat::Xml,
        InvoiceFormat::Pdf,
        InvoiceFormat::All,
        InvoiceFormat::Unknown("CSV".to_owned()),
    ];
    for (index, (bcd, (wire, period))) in bcds.iter().zip(&periods).enumerate() {
        assert_eq!(
            bcd.id.to_string(),
            format!("00000000-0000-4000-8000-00000000000{index}")
        );
        assert_eq!(bcd.name, format!("BCD-{wire}"));
        assert_eq!(bcd.description, None);
        assert_eq!(&bcd.period_type, period);
        assert_eq!(bcd.period_type.as_str(), *wire);
        assert_eq!(bcd.start_day, i32::try_from(index).unwrap() + 1);
        assert_eq!(bcd.duration, 3);
        assert_eq!(
            bcd.invoice_format,
            expected_formats[index % expected_formats.len()]
        );
        assert!(bcd.is_automatic);
        assert_eq!(bcd.is_export, index % 2 == 0);
    }
}

#[tokio::test]
async fn nak_with_http_200_is_an_api_error_with_the_typed_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(eligible_path()))
        .respond_with(json_response(200, GLOBAL_1001_NAK))
        // GLOBAL_1001 is retryable (x-specgen-retryable-codes) and the GET idempotent: the default
        // policy's three attempts, then the typed error of the last.
        .expect(3)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .get_eligible_bcds(CUSTOMER.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.raw_body(), Some(GLOBAL_1001_NAK.as_bytes()));
    let api = envelope_error(error);
    assert_eq!(api.status.as_u16(), 200);
    assert_eq!(&api.body[..], GLOBAL_1001_NAK.as_bytes());
    assert_eq!(api.value.code, ErrorCode::Global1001);
    assert_eq!(api.value.message, "Service unavailable. Please try again");
    assert_eq!(
        api.value.to_string(),
        "GLOBAL_1001: Service unavailable. Please try again"
    );
}

#[tokio::test]
async fn nak_with_http_503_is_an_api_error_with_the_typed_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(eligible_path()))
        .respond_with(json_response(503, GLOBAL_1001_NAK))
        .expect(3)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .get_eligible_bcds(CUSTOMER.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        error.api_value().map(|value| &value.code),
        Some(&ErrorCode::Global1001)
    );
    let api = envelope_error(error);
    assert_eq!(api.status.as_u16(), 503);
    assert_eq!(&api.body[..], GLOBAL_1001_NAK.as_bytes());
    assert_eq!(api.value.code, ErrorCode::Global1001);
    assert_eq!(api.value.message, "Service unavailable. Please try again");
}

#[tokio::test]
async fn every_documented_error_code_is_typed_and_unknown_codes_are_kept() {
    let server = MockServer::start().await;
    let cases = [
        ("GLOBAL_1001", ErrorCode::Global1001),
        ("GLOBAL_1003", ErrorCode::Global1003),
        ("CUSTOMER_1002", ErrorCode::Customer1002),
        ("CUSTOMER_1006", ErrorCode::Customer1006),
        ("CUSTOMER_1039", ErrorCode::Customer1039),
        (
            "CUSTOMER_9999",
            ErrorCode::Unknown("CUSTOMER_9999".to_owned()),
        ),
    ];
    let client = client_for(&server);
    for (wire, expected) in &cases {
        let body = json!({
            "errorCode": wire,
            "errorMessage": format!("message for {wire}"),
            "content": "",
            "pageable": ""
        });
        let _guard = Mock::given(method("GET"))
            .and(path(eligible_path()))
            .respond_with(ResponseTemplate::new(200).set_body_json(&body))
            // Only GLOBAL_1001 asks for a retry.
            .expect(if *wire == "GLOBAL_1001" { 3 } else { 1 })
            .mount_as_scoped(&server)
            .await;
        let error = client
            .get_eligible_bcds(CUSTOMER.parse().unwrap())
            .await
            .unwrap_err();
        let api = envelope_error(error);
        assert_eq!(&api.value.code, expected);
        assert_eq!(api.value.code.as_str(), *wire);
        assert_eq!(api.value.message, format!("message for {wire}"));
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&api.body).unwrap(),
            body
        );
    }
}

#[tokio::test]
async fn modify_bcd_puts_the_new_bcd_id_and_returns_the_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/api/v2/customer/{CUSTOMER}/bcd")))
        .and(exact_query(None))
        .and(header_is("authorization", "Bearer flo-token"))
        .and(header_is("content-type", "application/json"))
        .and(body_json(json!({"id": NEW_BCD})))
        .respond_with(json_response(200, MODIFY_ACK))
        .expect(1)
        .mount(&server)
        .await;

    let results = client_for(&server)
        .modify_bcd(
            CUSTOMER.parse().unwrap(),
            ModifyBcdRequest {
                id: NEW_BCD.parse().unwrap(),
            },
        )
        .await
        .unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].request_id.to_string(), REQUEST_ID);

    let request = single_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(json_body(&request), json!({"id": NEW_BCD}));
}

#[tokio::test]
async fn modify_bcd_nak_is_an_api_error_with_customer_1039() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/api/v2/customer/{CUSTOMER}/bcd")))
        .and(body_json(json!({"id": NEW_BCD})))
        .respond_with(json_response(200, CUSTOMER_1039_NAK))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .modify_bcd(
            CUSTOMER.parse().unwrap(),
            ModifyBcdRequest {
                id: NEW_BCD.parse().unwrap(),
            },
        )
        .await
        .unwrap_err();
    let api = envelope_error(error);
    assert_eq!(api.status.as_u16(), 200);
    assert_eq!(api.value.code, ErrorCode::Customer1039);
    assert_eq!(
        api.value.message,
        "Requested BCD is not eligible for the customer"
    );
    assert_eq!(&api.body[..], CUSTOMER_1039_NAK.as_bytes());
}

#[tokio::test]
async fn modify_bcd_nak_from_a_typed_stub_behind_the_base_path() {
    // The typed mock: path parameter and body as the client encodes them, behind the `/api/v2` base path.
    let mock = flolive::mock::Mock::start().await;
    let (customer, bcd) = (CUSTOMER.parse().unwrap(), NEW_BCD.parse().unwrap());
    let message = "Requested BCD is not eligible for the customer";
    mock.modify_bcd()
        .id(customer)
        .body(ModifyBcdRequest { id: bcd })
        .respond_error(200, &ErrorCode::Customer1039, message)
        .expect(1)
        .mount()
        .await
        .unwrap();
    let client = Client::builder()
        .base_url(format!("{}/api/v2", mock.uri()))
        .bearer_auth("flo-token")
        .build()
        .unwrap();

    let error = client
        .modify_bcd(customer, ModifyBcdRequest { id: bcd })
        .await
        .unwrap_err();
    let api = envelope_error(error);
    assert_eq!(api.status.as_u16(), 200);
    assert_eq!(api.value.code, ErrorCode::Customer1039);
    assert_eq!(api.value.message, message);
    mock.verify().unwrap();
}

#[tokio::test]
async fn get_request_status_decodes_every_status_and_keeps_unknown_ones() {
    let server = MockServer::start().await;
    let cases = [
        ("OPEN", CallStatus::Open),
        ("SUCCESS", CallStatus::Success),
        ("FAILURE", CallStatus::Failure),
        ("INTERNAL_ERROR", CallStatus::InternalError),
        ("QUEUED", CallStatus::Unknown("QUEUED".to_owned())),
    ];
    let client = client_for(&server);
    for (wire, expected) in &cases {
        let _guard = Mock::given(method("GET"))
            .and(path(format!("/api/v2/global/call/{REQUEST_ID}")))
            .and(exact_query(None))
            .and(header_is("authorization", "Bearer flo-token"))
            .and(empty_body())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errorCode": "",
                "errorMessage": "",
                "content": [{"status": wire}],
                "pageable": null
            })))
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let statuses = client
            .get_request_status(REQUEST_ID.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(statuses.len(), 1);
        assert_eq!(&statuses[0].status, expected);
        assert_eq!(statuses[0].status.as_str(), *wire);
    }
}

#[tokio::test]
async fn get_request_status_for_an_unknown_request_is_global_1003() {
    let server = MockServer::start().await;
    let body = r#"{"errorCode":"GLOBAL_1003","errorMessage":"Request id is unknown","content":"","pageable":""}"#;
    Mock::given(method("GET"))
        .and(path(format!("/api/v2/global/call/{REQUEST_ID}")))
        .respond_with(json_response(404, body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .get_request_status(REQUEST_ID.parse().unwrap())
        .await
        .unwrap_err();
    let api = envelope_error(error);
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.value.code, ErrorCode::Global1003);
    assert_eq!(api.value.message, "Request id is unknown");
    assert_eq!(&api.body[..], body.as_bytes());
}

#[tokio::test]
async fn success_envelope_with_an_undocumented_status_is_unexpected_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(eligible_path()))
        .respond_with(json_response(500, ELIGIBLE_ACK))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .get_eligible_bcds(CUSTOMER.parse().unwrap())
        .await
        .unwrap_err();
    match error {
        runtime::Error::UnexpectedStatus(response) => {
            assert_eq!(response.status().as_u16(), 500);
            assert_eq!(response.body(), ELIGIBLE_ACK.as_bytes());
        }
        other => panic!("expected Error::UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn non_json_gateway_error_is_unexpected_status_with_the_raw_body() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("PUT"))
        .and(path(format!("/api/v2/customer/{CUSTOMER}/bcd")))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .modify_bcd(
            CUSTOMER.parse().unwrap(),
            ModifyBcdRequest {
                id: NEW_BCD.parse().unwrap(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(error.raw_body(), Some(html.as_bytes()));
    assert!(
        matches!(error, runtime::Error::UnexpectedStatus(_)),
        "expected Error::UnexpectedStatus, got {error:?}"
    );
}

#[tokio::test]
async fn ack_whose_content_does_not_match_is_a_decode_error_keeping_the_raw_answer() {
    let server = MockServer::start().await;
    let body = r#"{"errorCode":"","errorMessage":"","content":[{"requestId":"not-a-uuid"}],"pageable":null}"#;
    Mock::given(method("PUT"))
        .and(path(format!("/api/v2/customer/{CUSTOMER}/bcd")))
        .respond_with(json_response(200, body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .modify_bcd(
            CUSTOMER.parse().unwrap(),
            ModifyBcdRequest {
                id: NEW_BCD.parse().unwrap(),
            },
        )
        .await
        .unwrap_err();
    match error {
        runtime::Error::Decode { response, .. } => {
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(response.body(), body.as_bytes());
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn base_url_with_trailing_slash_still_hits_api_v2() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v2/global/call/{REQUEST_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": "", "errorMessage": "", "content": [{"status": "SUCCESS"}], "pageable": null
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(format!("{}/api/v2/", server.uri()))
        .bearer_auth("flo-token")
        .build()
        .unwrap();
    let statuses = client
        .get_request_status(REQUEST_ID.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(statuses[0].status, CallStatus::Success);
    assert_eq!(
        single_request(&server).await.url.path(),
        format!("/api/v2/global/call/{REQUEST_ID}")
    );
}

#[tokio::test]
async fn server_host_variable_fills_the_server_template() {
    let client = Client::builder()
        .server_host("flolive.example.net")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url().as_str(),
        "https://flolive.example.net/api/v2"
    );

    let with_port = Client::builder()
        .server_host("10.0.0.5:8443")
        .build()
        .unwrap();
    assert_eq!(
        with_port.base_url().as_str(),
        "https://10.0.0.5:8443/api/v2"
    );

    let default = Client::builder().build().unwrap();
    assert_eq!(
        default.base_url().as_str(),
        "https://api.flolive.example/api/v2"
    );
}

#[tokio::test]
async fn server_host_variable_is_used_for_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(eligible_path()))
        .and(header_is("authorization", "Bearer flo-token"))
        .respond_with(json_response(200, ELIGIBLE_ACK))
        .expect(1)
        .mount(&server)
        .await;

    // A plain-http template (the mock has no TLS) whose host comes from the server variable.
    let client = Client::builder()
        .base_url("http://{host}/api/v2")
        .server_host(server.address().to_string())
        .bearer_auth("flo-token")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url().as_str(),
        format!("http://{}/api/v2", server.address())
    );
    let bcds = client
        .get_eligible_bcds(CUSTOMER.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(bcds.len(), 2);
    assert_eq!(bcds[1].name, "BCD13-Weekly-1-PDF");
}

#[tokio::test]
async fn client_debug_never_shows_the_token() {
    let client = Client::builder()
        .server_host("flolive.example.net")
        .bearer_auth("flo-secret-token-123")
        .build()
        .unwrap();
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains("flo-secret-token-123"), "{debug}");
    assert!(debug.contains("flolive.example.net"), "{debug}");

    client.set_bearer_auth("flo-secret-token-456");
    let debug = format!("{client:?}");
    assert!(!debug.contains("flo-secret-token-456"), "{debug}");
}

#[tokio::test]
async fn closed_port_is_a_transport_error() {
    let client = Client::builder()
        .base_url(format!("{}/api/v2", closed_port_url()))
        .bearer_auth("flo-token")
        .build()
        .unwrap();
    let error = client
        .get_request_status(REQUEST_ID.parse().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error, runtime::Error::Transport(_)),
        "expected Error::Transport, got {error:?}"
    );
    assert_eq!(error.status(), None);
    assert_eq!(error.raw_body(), None);
}
