//! Fusebill client against a wiremock server: activate customer (query options, verbatim `Basic <key>` auth, exact body), the seed's Customer answer, typed errors for every documented status, undocumented statuses, malformed answers, secret redaction and transport errors.

mod common;

use billing_clients::fusebill::{
    ActivateCustomerHeaders, ActivateCustomerView, Client, CustomerAccountStatus,
    CustomerActivationRequest, CustomerStatus, StringOrNumber,
};
use billing_clients::runtime;
use billing_clients::rust_decimal::Decimal;
use common::{closed_port_url, exact_query, header, json_body, received, single_request};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{body_json, header as header_is, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Seed 003, the Customer answer, verbatim (numbers for phones and reference, a zone-less timestamp, nulls).
const CUSTOMER_ANSWER: &str = r#"{
  "firstName": "Richardson",
  "middleName": "Reeves",
  "lastName": "Woods",
  "companyName": "Gadtron",
  "suffix": "Sr.",
  "primaryEmail": "[email protected]",
  "primaryPhone": 8874452248,
  "secondaryEmail": "[email protected]",
  "secondaryPhone": 8585333923,
  "title": "Mrs",
  "reference": 100986,
  "status": "Active",
  "customerAccountStatus": "Good",
  "currency": "USD",
  "customerReference": {
    "reference1": null,
    "reference2": "customValue",
    "reference3": null,
    "salesTrackingCodes": [],
    "id": 12000750,
    "uri": "https://secure.fusebill.com/v1/customers/12000750"
  },
  "customerAcquisition": {
    "adContent": null,
    "campaign": null,
    "keyword": null,
    "landingPage": null,
    "medium": null,
    "source": null,
    "id": 12000750,
    "uri": "https://secure.fusebill.com/v1/customers/12000750"
  },
  "monthlyRecurringRevenue": 250,
  "netMonthlyRecurringRevenue": 220,
  "salesforceId": 12345678,
  "salesforceAccountType": null,
  "salesforceSynchStatus": "Enabled",
  "netsuiteId": 12345678,
  "netsuiteSynchStatus": "Enabled",
  "netsuiteCustomerType": "Individual",
  "portalUserName": "Richardson1974",
  "parentId": 12000749,
  "quickBooksLatchType": null,
  "quickBooksId": null,
  "quickBooksSyncToken": null,
  "hubSpotId": null,
  "hubSpotCompanyId":null,
  "geotabId": "7813",
  "modifiedTimestamp": "2019-11-07T15:51:11.1915461Z",
  "createdTimestamp": "2018-01-01T03:33:33.02",
  "id": 12000750,
  "uri": "https://secure.fusebill.com/v1/customers/12000750"
}"#;

/// Seed 003, the 400 error answer, verbatim.
const ERROR_400: &str = r#"{
    "ErrorId": 0,
    "HttpStatusCode": 400,
    "Errors": [
        {
            "Key": "Api Error",
            "Value": "This activity could not be processed since the service status is Active"
        }
    ]
}"#;

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key("my-api-key")
        .build()
        .expect("client builds")
}

/// Seed 003's main sample body.
fn seed_request() -> CustomerActivationRequest {
    CustomerActivationRequest {
        customer_id: 8708457,
        activate_all_subscriptions: Some(true),
        activate_all_draft_purchases: Some(true),
        temporarily_disable_auto_post: Some(false),
    }
}

fn seed_body() -> serde_json::Value {
    json!({
        "customerId": 8708457,
        "activateAllSubscriptions": true,
        "activateAllDraftPurchases": true,
        "temporarilyDisableAutoPost": false
    })
}

/// The seed's Customer plus an `invoices` property, as `view=sideeffects` answers.
fn with_invoices() -> serde_json::Value {
    let mut customer: serde_json::Value = serde_json::from_str(CUSTOMER_ANSWER).unwrap();
    customer["invoices"] = json!([{"id": 555, "invoiceNumber": 12, "total": 250.0}]);
    customer
}

fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
}

#[tokio::test]
async fn activate_customer_with_all_options_sends_exact_query_auth_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .and(query_param("preview", "true"))
        .and(query_param("showZeroDollarCharges", "true"))
        .and(query_param("view", "sideeffects"))
        .and(exact_query(Some(
            "preview=true&showZeroDollarCharges=true&view=sideeffects",
        )))
        .and(header_is("authorization", "Basic my-api-key"))
        .and(header_is("content-type", "application/json"))
        .and(header_is("accept", "application/json"))
        .and(body_json(seed_body()))
        // With view=sideeffects the answer also carries the invoice(s), whose shape is undocumented.
        .respond_with(ResponseTemplate::new(200).set_body_json(with_invoices()))
        .expect(1)
        .mount(&server)
        .await;

    let customer = client_for(&server)
        .activate_customer(seed_request())
        .preview(true)
        .show_zero_dollar_charges(true)
        .view(ActivateCustomerView::Sideeffects)
        .await
        .unwrap();
    assert_eq!(customer.id, 12000750);
    assert_eq!(customer.status, Some(CustomerStatus::Active));
    assert_eq!(customer.first_name.as_deref(), Some("Richardson"));

    let request = single_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/customerActivation");
    assert_eq!(
        request.url.query(),
        Some("preview=true&showZeroDollarCharges=true&view=sideeffects")
    );
    // The key verbatim: not base64, not `user:password`.
    assert_eq!(header(&request, "authorization"), Some("Basic my-api-key"));
    assert_eq!(json_body(&request), seed_body());
}

#[tokio::test]
async fn activate_customer_without_options_sends_no_query_string() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .and(exact_query(None))
        .and(header_is("authorization", "Basic my-api-key"))
        .and(body_json(seed_body()))
        .respond_with(json_response(200, CUSTOMER_ANSWER))
        .expect(1)
        .mount(&server)
        .await;

    let customer = client_for(&server)
        .activate_customer(seed_request())
        .send()
        .await
        .unwrap();
    assert_eq!(customer.id, 12000750);

    let request = single_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(request.url.path(), "/customerActivation");
    assert!(!request.url.as_str().contains('?'), "{}", request.url);
    assert_eq!(header(&request, "authorization"), Some("Basic my-api-key"));
}

#[tokio::test]
async fn activate_customer_false_flags_and_preview_only_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .and(exact_query(Some("preview=false&showZeroDollarCharges=false")))
        // With preview only customerId is required: unset flags are left out, not sent as null.
        .and(body_json(json!({"customerId": 650512})))
        .respond_with(json_response(
            200,
            r#"{"id": 650512, "uri": "https://secure.fusebill.com/v1/customers/650512", "status": "Draft"}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;

    let customer = client_for(&server)
        .activate_customer(CustomerActivationRequest {
            customer_id: 650512,
            activate_all_subscriptions: None,
            activate_all_draft_purchases: None,
            temporarily_disable_auto_post: None,
        })
        .preview(false)
        .show_zero_dollar_charges(false)
        .await
        .unwrap();
    assert_eq!(customer.id, 650512);
    assert_eq!(
        customer.uri,
        "https://secure.fusebill.com/v1/customers/650512"
    );
    assert_eq!(customer.status, Some(CustomerStatus::Draft));
    assert_eq!(customer.customer_account_status, None);
    assert_eq!(customer.created_timestamp, None);
    assert_eq!(customer.customer_reference, None);

    assert_eq!(
        json_body(&single_request(&server).await),
        json!({"customerId": 650512})
    );
}

#[tokio::test]
async fn activate_customer_decodes_the_seed_customer_field_by_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(json_response(200, CUSTOMER_ANSWER))
        .expect(1)
        .mount(&server)
        .await;

    let c = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap();

    assert_eq!(c.id, 12000750);
    assert_eq!(c.uri, "https://secure.fusebill.com/v1/customers/12000750");
    assert_eq!(c.first_name.as_deref(), Some("Richardson"));
    assert_eq!(c.middle_name.as_deref(), Some("Reeves"));
    assert_eq!(c.last_name.as_deref(), Some("Woods"));
    assert_eq!(c.company_name.as_deref(), Some("Gadtron"));
    assert_eq!(c.suffix.as_deref(), Some("Sr."));
    assert_eq!(c.title.as_deref(), Some("Mrs"));
    assert_eq!(c.primary_email.as_deref(), Some("[email protected]"));
    assert_eq!(c.secondary_email.as_deref(), Some("[email protected]"));
    // Documented as strings, sent as numbers.
    assert_eq!(c.primary_phone, Some(StringOrNumber::Integer(8874452248)));
    assert_eq!(c.secondary_phone, Some(StringOrNumber::Integer(8585333923)));
    assert_eq!(c.reference, Some(StringOrNumber::Integer(100986)));
    assert_eq!(c.salesforce_id, Some(StringOrNumber::Integer(12345678)));
    assert_eq!(c.netsuite_id, Some(StringOrNumber::Integer(12345678)));
    assert_eq!(c.status, Some(CustomerStatus::Active));
    assert_eq!(c.customer_account_status, Some(CustomerAccountStatus::Good));
    assert_eq!(c.currency.as_deref(), Some("USD"));
    assert_eq!(c.monthly_recurring_revenue, Some(Decimal::from(250)));
    assert_eq!(c.net_monthly_recurring_revenue, Some(Decimal::from(220)));
    assert_eq!(c.salesforce_account_type, None);
    assert_eq!(c.salesforce_synch_status.as_deref(), Some("Enabled"));
    assert_eq!(c.netsuite_synch_status.as_deref(), Some("Enabled"));
    assert_eq!(c.netsuite_customer_type.as_deref(), Some("Individual"));
    assert_eq!(c.portal_user_name.as_deref(), Some("Richardson1974"));
    assert_eq!(c.parent_id, Some(12000749));
    assert_eq!(c.quick_books_latch_type, None);
    assert_eq!(c.quick_books_id, None);
    assert_eq!(c.quick_books_sync_token, None);
    assert_eq!(c.hub_spot_id, None);
    assert_eq!(c.hub_spot_company_id, None);
    assert_eq!(c.geotab_id.as_deref(), Some("7813"));

    let modified = c.modified_timestamp.expect("modifiedTimestamp");
    assert_eq!(modified.timestamp(), 1_573_141_871); // 2019-11-07T15:51:11Z
    assert_eq!(modified.timestamp_subsec_nanos(), 191_546_100);
    assert_eq!(modified.to_rfc3339(), "2019-11-07T15:51:11.191546100+00:00");
    // Zone-less in the answer: read as UTC.
    let created = c.created_timestamp.expect("createdTimestamp");
    assert_eq!(created.timestamp(), 1_514_777_613); // 2018-01-01T03:33:33Z
    assert_eq!(created.timestamp_subsec_nanos(), 20_000_000);
    assert_eq!(created.to_rfc3339(), "2018-01-01T03:33:33.020+00:00");

    let reference = c.customer_reference.expect("customerReference");
    assert_eq!(reference.reference1, None);
    assert_eq!(reference.reference2.as_deref(), Some("customValue"));
    assert_eq!(reference.reference3, None);
    assert_eq!(reference.sales_tracking_codes, Some(vec![]));
    assert_eq!(reference.id, Some(12000750));
    assert_eq!(
        reference.uri.as_deref(),
        Some("https://secure.fusebill.com/v1/customers/12000750")
    );

    let acquisition = c.customer_acquisition.expect("customerAcquisition");
    assert_eq!(acquisition.ad_content, None);
    assert_eq!(acquisition.campaign, None);
    assert_eq!(acquisition.keyword, None);
    assert_eq!(acquisition.landing_page, None);
    assert_eq!(acquisition.medium, None);
    assert_eq!(acquisition.source, None);
    assert_eq!(acquisition.id, Some(12000750));
    assert_eq!(
        acquisition.uri.as_deref(),
        Some("https://secure.fusebill.com/v1/customers/12000750")
    );
}

#[tokio::test]
async fn customer_statuses_decode_and_unknown_values_are_kept() {
    let server = MockServer::start().await;
    let statuses = [
        ("Draft", CustomerStatus::Draft),
        ("Active", CustomerStatus::Active),
        ("Cancelled", CustomerStatus::Cancelled),
        ("Hold", CustomerStatus::Hold),
        ("Suspended", CustomerStatus::Suspended),
        ("Archived", CustomerStatus::Unknown("Archived".to_owned())),
    ];
    let account_statuses = [
        ("Good", CustomerAccountStatus::Good),
        ("PoorStanding", CustomerAccountStatus::PoorStanding),
        ("Collection", CustomerAccountStatus::Collection),
        (
            "Frozen",
            CustomerAccountStatus::Unknown("Frozen".to_owned()),
        ),
    ];
    let client = client_for(&server);
    for (index, (status, expected_status)) in statuses.iter().enumerate() {
        let (account, expected_account) = &account_statuses[index % account_statuses.len()];
        let _guard = Mock::given(method("POST"))
            .and(path("/customerActivation"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": index,
                "uri": format!("https://secure.fusebill.com/v1/customers/{index}"),
                "status": status,
                "customerAccountStatus": account,
                "primaryPhone": "+1 555 0100",
                "createdTimestamp": "2020-02-29T23:59:59+02:00"
            })))
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let customer = client.activate_customer(seed_request()).await.unwrap();
        assert_eq!(customer.id, i64::try_from(index).unwrap());
        assert_eq!(customer.status.as_ref(), Some(expected_status));
        assert_eq!(
            customer.customer_account_status.as_ref(),
            Some(expected_account)
        );
        assert_eq!(
            customer.primary_phone,
            Some(StringOrNumber::String("+1 555 0100".to_owned()))
        );
        // An explicit offset is honoured and converted to UTC.
        assert_eq!(
            customer.created_timestamp.map(|t| t.to_rfc3339()),
            Some("2020-02-29T21:59:59+00:00".to_owned())
        );
    }
}

#[tokio::test]
async fn seed_400_error_decodes_into_the_typed_fusebill_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(json_response(400, ERROR_400))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.raw_body(), Some(ERROR_400.as_bytes()));
    match error {
        runtime::Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 400);
            assert_eq!(&api.body[..], ERROR_400.as_bytes());
            assert_eq!(api.value.error_id, Some(0));
            assert_eq!(api.value.http_status_code, Some(400));
            let errors = api.value.errors.as_ref().expect("Errors");
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].key.as_deref(), Some("Api Error"));
            assert_eq!(
                errors[0].value.as_deref(),
                Some("This activity could not be processed since the service status is Active")
            );
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn every_documented_error_status_is_a_typed_api_error_and_is_not_retried() {
    for status in [401_u16, 404, 409, 429, 500] {
        let server = MockServer::start().await;
        let body = format!(
            r#"{{"ErrorId":{id},"HttpStatusCode":{status},"Errors":[{{"Key":"Error {status}","Value":"Failure with status {status}"}}]}}"#,
            id = 1000 + u32::from(status)
        );
        Mock::given(method("POST"))
            .and(path("/customerActivation"))
            .respond_with(
                json_response(status, &body)
                    .insert_header("X-Rate-Limit-Remaining-Minute", "0")
                    .insert_header("X-Rate-Limit-Reset-Minute", "42"),
            )
            // Activation is not idempotent: exactly one attempt, even for 429 and 500.
            .expect(1)
            .mount(&server)
            .await;

        let error = client_for(&server)
            .activate_customer(seed_request())
            .await
            .unwrap_err();
        let headers = error.headers().expect("answer headers");
        assert_eq!(
            headers
                .get("x-rate-limit-remaining-minute")
                .map(|v| v.to_str().unwrap()),
            Some("0"),
            "status {status}"
        );
        assert_eq!(
            headers
                .get("x-rate-limit-reset-minute")
                .map(|v| v.to_str().unwrap()),
            Some("42"),
            "status {status}"
        );
        match error {
            runtime::Error::Api(api) => {
                assert_eq!(api.status.as_u16(), status);
                assert_eq!(&api.body[..], body.as_bytes());
                assert_eq!(api.value.error_id, Some(1000 + i64::from(status)));
                assert_eq!(api.value.http_status_code, Some(i32::from(status)));
                let errors = api.value.errors.expect("Errors");
                assert_eq!(errors.len(), 1);
                assert_eq!(errors[0].key, Some(format!("Error {status}")));
                assert_eq!(
                    errors[0].value,
                    Some(format!("Failure with status {status}"))
                );
            }
            other => panic!("status {status}: expected Error::Api, got {other:?}"),
        }
        assert_eq!(received(&server).await.len(), 1, "status {status}");
    }
}

#[tokio::test]
async fn undocumented_status_is_unexpected_status_with_the_raw_body() {
    let server = MockServer::start().await;
    let body = r#"{"ErrorId":7,"HttpStatusCode":418,"Errors":[]}"#;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(json_response(418, body).insert_header("x-trace", "t-1"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap_err();
    assert!(error.api_value().is_none());
    match error {
        runtime::Error::UnexpectedStatus(response) => {
            assert_eq!(response.status().as_u16(), 418);
            assert_eq!(response.body(), body.as_bytes());
            assert_eq!(
                response
                    .headers()
                    .get("x-trace")
                    .map(|v| v.to_str().unwrap()),
                Some("t-1")
            );
        }
        other => panic!("expected Error::UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_on_200_is_a_decode_error_with_the_raw_body() {
    let server = MockServer::start().await;
    let body = r#"{"id": 12000750, "uri": "https://secure.fusebill.com/v1/customers/12000750", "#;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(json_response(200, body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap_err();
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
    match error {
        runtime::Error::Decode { source, response } => {
            assert!(source.is_eof(), "{source}");
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(response.body(), body.as_bytes());
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn non_json_documented_error_is_a_decode_error_with_the_raw_body() {
    let server = MockServer::start().await;
    let body = "Internal Server Error";
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(body, "text/plain"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap_err();
    match error {
        runtime::Error::Decode { response, .. } => {
            assert_eq!(response.status().as_u16(), 500);
            assert_eq!(response.body(), body.as_bytes());
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn set_api_key_replaces_the_key_for_the_client_and_its_clones() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .and(header_is("authorization", "Basic rotated-key-2"))
        .respond_with(json_response(200, CUSTOMER_ANSWER))
        .expect(2)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let clone = client.clone();
    client.set_api_key("rotated-key-2");
    client.activate_customer(seed_request()).await.unwrap();
    clone.activate_customer(seed_request()).await.unwrap();
    for request in received(&server).await {
        assert_eq!(
            header(&request, "authorization"),
            Some("Basic rotated-key-2")
        );
    }
}

#[tokio::test]
async fn key_that_is_not_a_valid_header_value_is_an_invalid_request_that_does_not_leak_it() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("leaky\nkey-value")
        .build()
        .unwrap();
    let error = client.activate_customer(seed_request()).await.unwrap_err();
    match &error {
        runtime::Error::InvalidRequest(message) => {
            assert!(!message.contains("leaky"), "{message}");
            assert!(message.contains("activateCustomer"), "{message}");
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("leaky"), "{shown}");
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn client_debug_never_shows_the_api_key() {
    let builder = Client::builder().api_key("fb-secret-key-987");
    let builder_debug = format!("{builder:?}");
    assert!(
        !builder_debug.contains("fb-secret-key-987"),
        "{builder_debug}"
    );

    let client = builder.build().unwrap();
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains("fb-secret-key-987"), "{debug}");
    assert!(debug.contains("apiKey"), "{debug}");

    client.set_api_key("fb-secret-key-654");
    let debug = format!("{client:?}");
    assert!(!debug.contains("fb-secret-key-654"), "{debug}");
}

#[tokio::test]
async fn default_and_staging_servers() {
    let client = Client::builder().api_key("k").build().unwrap();
    assert_eq!(client.base_url().as_str(), "https://secure.fusebill.com/v1");
    assert_eq!(Client::SERVERS[1].0, "https://stg-secure.fusebill.com/v1");
    let staging = Client::builder()
        .base_url(Client::SERVERS[1].0)
        .build()
        .unwrap();
    assert_eq!(
        staging.base_url().as_str(),
        "https://stg-secure.fusebill.com/v1"
    );
}

#[tokio::test]
async fn closed_port_is_a_transport_error() {
    let client = Client::builder()
        .base_url(closed_port_url())
        .api_key("my-api-key")
        .build()
        .unwrap();
    let error = client.activate_customer(seed_request()).await.unwrap_err();
    assert!(
        matches!(error, runtime::Error::Transport(_)),
        "expected Error::Transport, got {error:?}"
    );
    assert!(!error.is_timeout());
    assert_eq!(error.status(), None);
    assert_eq!(error.raw_body(), None);
}

#[tokio::test]
async fn slow_answer_is_a_typed_timeout_error_and_the_activation_is_not_resent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(json_response(200, CUSTOMER_ANSWER).set_delay(Duration::from_secs(5)))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .api_key("my-api-key")
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = client.activate_customer(seed_request()).await.unwrap_err();
    assert!(error.is_timeout(), "expected a timeout, got {error:?}");
    assert!(
        matches!(error, runtime::Error::Timeout { after, .. } if after == Duration::from_millis(200)),
        "{error:?}"
    );
}

#[tokio::test]
async fn empty_body_on_a_documented_error_status_keeps_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-Rate-Limit-Remaining-Minute", "0")
                .insert_header("X-Rate-Limit-Reset-Minute", "17"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.raw_body(), Some(&b""[..]));
    assert_eq!(
        error
            .headers()
            .and_then(|h| h.get("x-rate-limit-reset-minute"))
            .map(|v| v.to_str().unwrap()),
        Some("17")
    );
    // No FusebillError to decode: reported as a decode failure of the documented 429, not as Api.
    assert!(
        matches!(error, runtime::Error::Decode { .. }),
        "expected Error::Decode, got {error:?}"
    );
}

#[tokio::test]
async fn user_agent_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .and(header_is("user-agent", "billing-tests/1.0"))
        .respond_with(json_response(200, CUSTOMER_ANSWER))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .api_key("my-api-key")
        .user_agent("billing-tests/1.0")
        .build()
        .unwrap();
    let customer = client.activate_customer(seed_request()).await.unwrap();
    assert_eq!(customer.id, 12000750);
    assert_eq!(
        header(&single_request(&server).await, "user-agent"),
        Some("billing-tests/1.0")
    );
}

#[tokio::test]
async fn redirect_to_another_origin_does_not_carry_the_api_key() {
    let origin = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .and(header_is("authorization", "Basic my-api-key"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/moved", elsewhere.uri())),
        )
        .expect(1)
        .mount(&origin)
        .await;
    Mock::given(path("/moved"))
        .respond_with(json_response(200, CUSTOMER_ANSWER))
        .mount(&elsewhere)
        .await;

    // An activation's redirect is followed only when asked (it is otherwise `Error::Redirect`, see
    // tests/stranger_servers.rs); followed, the 307 keeps method and body, and the other origin must not
    // see the key.
    let customer = client_for(&origin)
        .activate_customer(seed_request())
        .options(runtime::CallOptions::new().follow_redirects(true))
        .await
        .unwrap();
    assert_eq!(customer.id, 12000750);
    let forwarded = single_request(&elsewhere).await;
    assert_eq!(forwarded.method.as_str(), "POST");
    assert_eq!(json_body(&forwarded), seed_body());
    assert_eq!(
        header(&forwarded, "authorization"),
        None,
        "the API key leaked to another origin"
    );
}

#[tokio::test]
async fn rate_limit_headers_are_typed_on_the_answer() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customerActivation"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Rate-Limit-Limit-Minute", "1000")
                .insert_header("X-Rate-Limit-Remaining-Minute", "998")
                .insert_header("X-Rate-Limit-Reset-Minute", "41")
                .insert_header("X-Rate-Limit-Remaining-Day", "not a number")
                .set_body_json(with_invoices()),
        )
        .mount(&server)
        .await;
    let answer = client_for(&server)
        .activate_customer(seed_request())
        .send_with_response()
        .await
        .unwrap();
    let limits = ActivateCustomerHeaders::from(answer.headers());
    assert_eq!(limits.x_rate_limit_limit_minute, Some(1000));
    assert_eq!(limits.x_rate_limit_remaining_minute, Some(998));
    assert_eq!(limits.x_rate_limit_reset_minute, Some(41));
    // Absent and unreadable values are `None`, never an error for the call.
    assert_eq!(limits.x_rate_limit_limit_day, None);
    assert_eq!(limits.x_rate_limit_remaining_day, None);
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(answer.into_value().id, 12000750);
}

#[test]
fn explicit_null_and_absent_fields_differ() {
    use billing_clients::fusebill::Customer;
    use billing_clients::runtime::Nullable;
    let with_null: Customer =
        serde_json::from_value(json!({"id": 1, "uri": "u", "parentId": null})).unwrap();
    let without: Customer = serde_json::from_value(json!({"id": 1, "uri": "u"})).unwrap();
    assert_eq!(with_null.parent_id, Nullable::Null);
    assert_eq!(without.parent_id, Nullable::Absent);
    // Both read as `None` to code written against `Option`, and write back as they came.
    assert_eq!(with_null.parent_id, None);
    assert_eq!(without.parent_id, None);
    assert_eq!(
        serde_json::to_value(&with_null).unwrap()["parentId"],
        json!(null)
    );
    assert!(
        serde_json::to_value(&without)
            .unwrap()
            .get("parentId")
            .is_none()
    );
}

/// Revenue is money: a `Decimal` that keeps every digit of the JSON number, read and written again, with
/// serde_json's `arbitrary_precision` enabled nowhere in this workspace (an `f64` would give 1234567890.1234567).
#[tokio::test]
async fn revenue_amounts_keep_every_digit() {
    let server = MockServer::start().await;
    let answer = CUSTOMER_ANSWER
        .replace(
            r#""monthlyRecurringRevenue": 250"#,
            r#""monthlyRecurringRevenue": 1234567890.123456789"#,
        )
        .replace(
            r#""netMonthlyRecurringRevenue": 220"#,
            r#""netMonthlyRecurringRevenue": "0.10""#,
        );
    assert!(answer.contains("1234567890.123456789"));
    Mock::given(method("POST"))
        .respond_with(json_response(200, &answer))
        .mount(&server)
        .await;
    let customer = client_for(&server)
        .activate_customer(seed_request())
        .await
        .unwrap();
    let revenue: Option<Decimal> = customer.monthly_recurring_revenue;
    assert_eq!(
        revenue.map(|d| d.to_string()).as_deref(),
        Some("1234567890.123456789")
    );
    // A string amount is read too, and its scale (0.10, not 0.1) is kept.
    assert_eq!(
        customer
            .net_monthly_recurring_revenue
            .map(|d| d.to_string())
            .as_deref(),
        Some("0.10")
    );
    let written = serde_json::to_string(&customer).unwrap();
    assert!(
        written.contains(r#""monthlyRecurringRevenue":1234567890.123456789"#),
        "{written}"
    );
    assert!(
        written.contains(r#""netMonthlyRecurringRevenue":0.10"#),
        "{written}"
    );
}
