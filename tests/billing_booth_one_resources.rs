//! One Billing Booth One operation of every resource (56 tags) against wiremock: each test checks the method, path,
//! query string and body bytes the client sends, the bearer token, and that the answer decodes. Request bodies are
//! built from JSON so that no test depends on the Rust type of a field; amounts are left out of the byte checks.

mod common;

use billing_clients::billing_booth_one::{self, Client};
use common::{header, single_request};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_auth("bbo-token")
        .build()
        .expect("client builds")
}

/// A request body of the operation's own type, built from JSON (so no test names a field's Rust type).
macro_rules! body {
    ($($json:tt)+) => {
        serde_json::from_value(json!($($json)+)).expect("the JSON fits the request type")
    };
}

/// Mounts one stub answering `answer` to `verb path`, expected once.
async fn answer_once(server: &MockServer, verb: &str, route: &str, answer: &Value) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(server)
        .await;
}

/// What the server received: method, path, query, body bytes, the token and, with a body, its JSON type.
async fn assert_sent(
    server: &MockServer,
    verb: &str,
    route: &str,
    query: Option<&str>,
    body: Option<&str>,
) {
    let request = single_request(server).await;
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), route);
    assert_eq!(request.url.query(), query);
    assert_eq!(String::from_utf8_lossy(&request.body), body.unwrap_or(""));
    assert_eq!(header(&request, "authorization"), Some("Bearer bbo-token"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    let content_type = body.map(|_| "application/json");
    assert_eq!(header(&request, "content-type"), content_type);
}

#[tokio::test]
async fn account_get_account_analytics() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-1"});
    answer_once(&server, "GET", "/analytics/account", &answer).await;
    let value = client_for(&server)
        .get_account_analytics()
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "GET", "/analytics/account", None, None).await;
}

#[tokio::test]
async fn audit_entry_list_audit_entries() {
    let server = MockServer::start().await;
    let answer = json!({"limit": 20, "offset": 40, "count": 41, "data": [{"id": 1}]});
    answer_once(&server, "GET", "/audit", &answer).await;
    let value = client_for(&server)
        .list_audit_entries()
        .limit(20)
        .offset(40)
        .category(billing_booth_one::ListAuditEntriesCategory::Contact)
        .user_id(9)
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "GET",
        "/audit",
        Some("limit=20&offset=40&category=contact&user_id=9"),
        None,
    )
    .await;
}

#[tokio::test]
async fn auto_collection_endpoints_update_auto_collection_endpoint() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "address": "sample-address", "authentication_mode": "password", "username": "sample-username", "password": "sample-password", "protocol": "ftp", "frequency": "hourly", "supplier_id": 8, "id": 9, "enabled": true, "private_key": "sample-private-key"});
    answer_once(&server, "PUT", "/autocollection/endpoints/42", &answer).await;
    let value = client_for(&server)
        .update_auto_collection_endpoint(42, body!({"name": "sample-name", "address": "sample-address", "authentication_mode": "password", "username": "sample-username", "password": "sample-password", "protocol": "ftp", "frequency": "hourly", "supplier_id": 8, "id": 9, "enabled": true, "private_key": "sample-private-key"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/autocollection/endpoints/42", None, Some(r#"{"name":"sample-name","address":"sample-address","authentication_mode":"password","username":"sample-username","password":"sample-password","protocol":"ftp","frequency":"hourly","supplier_id":8,"id":9,"enabled":true,"private_key":"sample-private-key"}"#)).await;
}

#[tokio::test]
async fn auto_collection_history_delete_auto_collection_history_entries() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-4"});
    answer_once(&server, "DELETE", "/autocollection/history", &answer).await;
    let value = client_for(&server)
        .delete_auto_collection_history_entries(body!({"id": [101, 102]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "DELETE",
        "/autocollection/history",
        None,
        Some(r#"{"id":[101,102]}"#),
    )
    .await;
}

#[tokio::test]
async fn billing_run_start_billing_run() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-5"});
    answer_once(&server, "POST", "/billing/run", &answer).await;
    let value = client_for(&server)
        .start_billing_run(body!({"billing_period": "2024-01-31", "issue_date": "2024-01-31", "id": 9, "cdr_start_period": "2024-01-31", "cdr_end_period": "2024-01-31"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "POST", "/billing/run", None, Some(r#"{"billing_period":"2024-01-31","issue_date":"2024-01-31","id":9,"cdr_start_period":"2024-01-31","cdr_end_period":"2024-01-31"}"#)).await;
}

#[tokio::test]
async fn bundles_update_bundle() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "mode": "allowance", "id": 9});
    answer_once(&server, "PUT", "/bundle/42", &answer).await;
    let value = client_for(&server)
        .update_bundle(
            42,
            body!({"name": "sample-name", "mode": "allowance", "id": 9}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/bundle/42",
        None,
        Some(r#"{"name":"sample-name","mode":"allowance","id":9}"#),
    )
    .await;
}

#[tokio::test]
async fn cdr_apply_cdr_pricing() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-7"});
    answer_once(&server, "POST", "/cdr/apply", &answer).await;
    let value = client_for(&server)
        .apply_cdr_pricing(body!({"cdr_file_id": [101, 102]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "POST",
        "/cdr/apply",
        None,
        Some(r#"{"cdr_file_id":[101,102]}"#),
    )
    .await;
}

#[tokio::test]
async fn cdr_analytics_list_cdr_cli_orphans() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-8"});
    answer_once(&server, "GET", "/cdr/analytics/orphan/cli", &answer).await;
    let value = client_for(&server)
        .list_cdr_cli_orphans()
        .cdr_file_id(vec![3, 5])
        .customer_id(9)
        .destination_id(9)
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "GET",
        "/cdr/analytics/orphan/cli",
        Some("cdr_file_id=%5B3%2C5%5D&customer_id=9&destination_id=9"),
        None,
    )
    .await;
}

#[tokio::test]
async fn cdr_settings_update_cdr_settings() {
    let server = MockServer::start().await;
    let answer = json!({"display_mode": "cli", "aggregation_mode": "single", "description": "sample-description", "description_tax_exempt": "sample-description-tax-exempt"});
    answer_once(&server, "PUT", "/cdr/42/settings", &answer).await;
    let value = client_for(&server)
        .update_cdr_settings(42, body!({"display_mode": "cli", "aggregation_mode": "single", "description": "sample-description", "description_tax_exempt": "sample-description-tax-exempt"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/cdr/42/settings", None, Some(r#"{"display_mode":"cli","aggregation_mode":"single","description":"sample-description","description_tax_exempt":"sample-description-tax-exempt"}"#)).await;
}

#[tokio::test]
async fn cli_update_cli() {
    let server = MockServer::start().await;
    let answer = json!({"identifier": "sample-identifier", "cli_type_id": 8, "customer_id": 8, "id": 9, "description": "sample-description", "type": "sample-type"});
    answer_once(&server, "PUT", "/cli/42", &answer).await;
    let value = client_for(&server)
        .update_cli(42, body!({"identifier": "sample-identifier", "cli_type_id": 8, "customer_id": 8, "id": 9, "description": "sample-description", "type": "sample-type"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/cli/42", None, Some(r#"{"identifier":"sample-identifier","cli_type_id":8,"customer_id":8,"id":9,"description":"sample-description","type":"sample-type"}"#)).await;
}

#[tokio::test]
async fn cli_types_update_cli_type() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "id": 9, "description": "sample-description", "description_tax_exempt": "sample-description-tax-exempt"});
    answer_once(&server, "PUT", "/cli/type/42", &answer).await;
    let value = client_for(&server)
        .update_cli_type(42, body!({"name": "sample-name", "id": 9, "description": "sample-description", "description_tax_exempt": "sample-description-tax-exempt"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/cli/type/42", None, Some(r#"{"name":"sample-name","id":9,"description":"sample-description","description_tax_exempt":"sample-description-tax-exempt"}"#)).await;
}

#[tokio::test]
async fn categories_update_category() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "id": 9, "sort_priority": 10});
    answer_once(&server, "PUT", "/category/42", &answer).await;
    let value = client_for(&server)
        .update_category(
            42,
            body!({"name": "sample-name", "id": 9, "sort_priority": 10}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/category/42",
        None,
        Some(r#"{"name":"sample-name","id":9,"sort_priority":10}"#),
    )
    .await;
}

#[tokio::test]
async fn charge_imports_import_charges() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-13"});
    answer_once(&server, "POST", "/chargeimports/bulk", &answer).await;
    let value = client_for(&server)
        .import_charges(
            body!({"filename": "sample-filename", "charge_import_entries": [{"key": "value"}]}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "POST",
        "/chargeimports/bulk",
        None,
        Some(r#"{"filename":"sample-filename","charge_import_entries":[{"key":"value"}]}"#),
    )
    .await;
}

#[tokio::test]
async fn charges_terminate_charges_early() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-14"});
    answer_once(
        &server,
        "PUT",
        "/customer/42/charge/terminate/early",
        &answer,
    )
    .await;
    let value = client_for(&server)
        .terminate_charges_early(42, body!({"id": [101, 102], "mode": "charge", "start_date": "2024-01-31", "notice_period_in_days": 8}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/customer/42/charge/terminate/early", None, Some(r#"{"id":[101,102],"mode":"charge","start_date":"2024-01-31","notice_period_in_days":8}"#)).await;
}

#[tokio::test]
async fn commission_plans_update_commission_plan() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "type": "salePrice", "items": [{"key": "value"}], "bands": [{"key": "value"}], "id": 9, "include_loses": true});
    answer_once(&server, "PUT", "/commission/plan/42", &answer).await;
    let value = client_for(&server)
        .update_commission_plan(42, body!({"name": "sample-name", "type": "salePrice", "items": [{"key": "value"}], "bands": [{"key": "value"}], "id": 9, "include_loses": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/commission/plan/42", None, Some(r#"{"name":"sample-name","type":"salePrice","items":[{"key":"value"}],"bands":[{"key":"value"}],"id":9,"include_loses":true}"#)).await;
}

#[tokio::test]
async fn contacts_update_contact() {
    let server = MockServer::start().await;
    let answer =
        json!({"email": "jane.doe@example.com", "id": 9, "is_payments": true, "is_digest": true});
    answer_once(&server, "PUT", "/contact/42", &answer).await;
    let value = client_for(&server)
        .update_contact(42, body!({"email": "jane.doe@example.com", "id": 9, "is_payments": true, "is_digest": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/contact/42",
        None,
        Some(r#"{"email":"jane.doe@example.com","id":9,"is_payments":true,"is_digest":true}"#),
    )
    .await;
}

#[tokio::test]
async fn cost_centres_update_cost_centre() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "id": 9, "reference": "sample-reference"});
    answer_once(&server, "PUT", "/customer/42/costcentre/44", &answer).await;
    let value = client_for(&server)
        .update_cost_centre(
            42,
            44,
            body!({"name": "sample-name", "id": 9, "reference": "sample-reference"}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/customer/42/costcentre/44",
        None,
        Some(r#"{"name":"sample-name","id":9,"reference":"sample-reference"}"#),
    )
    .await;
}

#[tokio::test]
async fn credit_notes_create_credit_note() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-18"});
    answer_once(&server, "POST", "/customer/42/creditnote", &answer).await;
    let value = client_for(&server)
        .create_credit_note(42, body!({"credit_date": "2024-01-31", "id": 9, "number": 8, "number_prefix": "sample-number-prefix"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "POST", "/customer/42/creditnote", None, Some(r#"{"credit_date":"2024-01-31","id":9,"number":8,"number_prefix":"sample-number-prefix"}"#)).await;
}

#[tokio::test]
async fn customer_access_invite_customer_access_user() {
    let server = MockServer::start().await;
    let answer = json!({"email": "jane.doe@example.com", "name": "sample-name", "id": 9, "status": "active"});
    answer_once(&server, "POST", "/customer/42/access", &answer).await;
    let value = client_for(&server)
        .invite_customer_access_user(42, body!({"email": "jane.doe@example.com", "name": "sample-name", "id": 9, "status": "active"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "POST",
        "/customer/42/access",
        None,
        Some(r#"{"email":"jane.doe@example.com","name":"sample-name","id":9,"status":"active"}"#),
    )
    .await;
}

#[tokio::test]
async fn customer_access_banner_update_customer_access_banner() {
    let server = MockServer::start().await;
    let answer = json!({"description": "sample-description", "url": "sample-url", "id": 9, "title": "sample-title", "display_light": true});
    answer_once(&server, "PUT", "/settings/access/42/banners/44", &answer).await;
    let value = client_for(&server)
        .update_customer_access_banner(42, 44, body!({"description": "sample-description", "url": "sample-url", "id": 9, "title": "sample-title", "display_light": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/settings/access/42/banners/44", None, Some(r#"{"description":"sample-description","url":"sample-url","id":9,"title":"sample-title","display_light":true}"#)).await;
}

#[tokio::test]
async fn customer_access_payments_update_customer_access_payment_providers() {
    let server = MockServer::start().await;
    let answer = json!({"payment_provider_settings_id": 10, "allow_method_setup": true, "allow_invoice_settlement": true});
    answer_once(&server, "PUT", "/settings/access/42/payments", &answer).await;
    let value = client_for(&server)
        .update_customer_access_payment_providers(42, body!({"payment_provider_settings_id": 10, "allow_method_setup": true, "allow_invoice_settlement": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/settings/access/42/payments", None, Some(r#"{"payment_provider_settings_id":10,"allow_method_setup":true,"allow_invoice_settlement":true}"#)).await;
}

#[tokio::test]
async fn customer_access_setting_update_customer_access_setting() {
    let server = MockServer::start().await;
    let answer = json!({"theme": "light", "light_theme_colour": "sample-light-theme-colour", "dark_theme_colour": "sample-dark-theme-colour", "allow_invoices": true, "allow_payments": true, "allow_cdr": true, "allow_account": true, "domain": "sample-domain", "portal_name": "sample-portal-name", "light_navigation_item_colour": "sample-light-navigation-item-colour"});
    answer_once(&server, "PUT", "/settings/access/42", &answer).await;
    let value = client_for(&server)
        .update_customer_access_setting(42, body!({"theme": "light", "light_theme_colour": "sample-light-theme-colour", "dark_theme_colour": "sample-dark-theme-colour", "allow_invoices": true, "allow_payments": true, "allow_cdr": true, "allow_account": true, "domain": "sample-domain", "portal_name": "sample-portal-name", "light_navigation_item_colour": "sample-light-navigation-item-colour"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/settings/access/42", None, Some(r#"{"theme":"light","light_theme_colour":"sample-light-theme-colour","dark_theme_colour":"sample-dark-theme-colour","allow_invoices":true,"allow_payments":true,"allow_cdr":true,"allow_account":true,"domain":"sample-domain","portal_name":"sample-portal-name","light_navigation_item_colour":"sample-light-navigation-item-colour"}"#)).await;
}

#[tokio::test]
async fn customer_commissions_create_referral_customer() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-23"});
    answer_once(
        &server,
        "POST",
        "/customer/42/commission/customers",
        &answer,
    )
    .await;
    let value = client_for(&server)
        .create_referral_customer(42, body!({"customer_id": 8, "commission_plan_id": 10, "customer_name": "sample-customer-name", "customer_reference": "sample-customer-reference", "commission_plan_name": "sample-commission-plan-name"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "POST", "/customer/42/commission/customers", None, Some(r#"{"customer_id":8,"commission_plan_id":10,"customer_name":"sample-customer-name","customer_reference":"sample-customer-reference","commission_plan_name":"sample-commission-plan-name"}"#)).await;
}

#[tokio::test]
async fn customer_groups_update_customer_group() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "billing_type": "manual", "billing_period": "monthly", "method": "standard", "id": 9, "is_default": true, "billing_period_offset": 8});
    answer_once(&server, "PUT", "/customergroup/42", &answer).await;
    let value = client_for(&server)
        .update_customer_group(42, body!({"name": "sample-name", "billing_type": "manual", "billing_period": "monthly", "method": "standard", "id": 9, "is_default": true, "billing_period_offset": 8}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/customergroup/42", None, Some(r#"{"name":"sample-name","billing_type":"manual","billing_period":"monthly","method":"standard","id":9,"is_default":true,"billing_period_offset":8}"#)).await;
}

#[tokio::test]
async fn customers_update_customer() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "customer_group_id": 9, "organisation_id": 7, "id": 9, "reference": "sample-reference", "type": "unspecified"});
    answer_once(&server, "PUT", "/customer/42", &answer).await;
    let value = client_for(&server)
        .update_customer(42, body!({"name": "sample-name", "customer_group_id": 9, "organisation_id": 7, "id": 9, "reference": "sample-reference", "type": "unspecified"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/customer/42", None, Some(r#"{"name":"sample-name","customer_group_id":9,"organisation_id":7,"id":9,"reference":"sample-reference","type":"unspecified"}"#)).await;
}

#[tokio::test]
async fn data_retention_update_data_retention() {
    let server = MockServer::start().await;
    let answer = json!({"retention_in_days": 9, "customer_anonymise_enabled": true, "cdr_removal_enabled": true});
    answer_once(&server, "PUT", "/policy/42/data-retention", &answer).await;
    let value = client_for(&server)
        .update_data_retention(42, body!({"retention_in_days": 9, "customer_anonymise_enabled": true, "cdr_removal_enabled": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/policy/42/data-retention", None, Some(r#"{"retention_in_days":9,"customer_anonymise_enabled":true,"cdr_removal_enabled":true}"#)).await;
}

#[tokio::test]
async fn destination_groups_update_destination_group() {
    let server = MockServer::start().await;
    let answer = json!({"id": 9, "name": "sample-name", "sort_priority": 10});
    answer_once(&server, "PUT", "/destinationgroup/42", &answer).await;
    let value = client_for(&server)
        .update_destination_group(
            42,
            body!({"id": 9, "name": "sample-name", "sort_priority": 10}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/destinationgroup/42",
        None,
        Some(r#"{"id":9,"name":"sample-name","sort_priority":10}"#),
    )
    .await;
}

#[tokio::test]
async fn destinations_update_destination() {
    let server = MockServer::start().await;
    let answer = json!({"id": 9, "name": "sample-name", "unit_type": "voice"});
    answer_once(&server, "PUT", "/destination/42", &answer).await;
    let value = client_for(&server)
        .update_destination(
            42,
            body!({"id": 9, "name": "sample-name", "unit_type": "voice"}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/destination/42",
        None,
        Some(r#"{"id":9,"name":"sample-name","unit_type":"voice"}"#),
    )
    .await;
}

#[tokio::test]
async fn email_settings_test_email_settings() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-29"});
    answer_once(&server, "POST", "/email/42/settings", &answer).await;
    let value = client_for(&server)
        .test_email_settings(42, body!({"method": "smtp", "email": "jane.doe@example.com", "address": "sample-address", "username": "sample-username"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "POST", "/email/42/settings", None, Some(r#"{"method":"smtp","email":"jane.doe@example.com","address":"sample-address","username":"sample-username"}"#)).await;
}

#[tokio::test]
async fn endpoints_update_endpoint() {
    let server = MockServer::start().await;
    let answer = json!({"url": "sample-url", "id": 9, "secret": "sample-secret", "subscription_invoices": true});
    answer_once(&server, "PUT", "/webhooks/endpoint/42", &answer).await;
    let value = client_for(&server)
        .update_endpoint(42, body!({"url": "sample-url", "id": 9, "secret": "sample-secret", "subscription_invoices": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/webhooks/endpoint/42",
        None,
        Some(
            r#"{"url":"sample-url","id":9,"secret":"sample-secret","subscription_invoices":true}"#,
        ),
    )
    .await;
}

#[tokio::test]
async fn events_retry_events() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-31"});
    answer_once(&server, "PUT", "/webhooks/event/retry", &answer).await;
    let value = client_for(&server)
        .retry_events(body!({"id": [101, 102]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/webhooks/event/retry",
        None,
        Some(r#"{"id":[101,102]}"#),
    )
    .await;
}

#[tokio::test]
async fn general_update_ledger_settings() {
    let server = MockServer::start().await;
    let answer =
        json!({"invoices_use_previous_balance": true, "payments_use_previous_balance": true});
    answer_once(&server, "PUT", "/ledger/42/settings", &answer).await;
    let value = client_for(&server)
        .update_ledger_settings(
            42,
            body!({"invoices_use_previous_balance": true, "payments_use_previous_balance": true}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/ledger/42/settings",
        None,
        Some(r#"{"invoices_use_previous_balance":true,"payments_use_previous_balance":true}"#),
    )
    .await;
}

#[tokio::test]
async fn integration_logs_list_integration_logs() {
    let server = MockServer::start().await;
    let answer = json!({"limit": 20, "offset": 40, "count": 41, "data": [{"id": 1}]});
    answer_once(&server, "GET", "/integration-logs", &answer).await;
    let value = client_for(&server)
        .list_integration_logs()
        .limit(20)
        .offset(40)
        .log_type(billing_booth_one::ListIntegrationLogsLogType::Error)
        .from("north east")
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "GET",
        "/integration-logs",
        Some("limit=20&offset=40&log_type=error&from=north%20east"),
        None,
    )
    .await;
}

#[tokio::test]
async fn integrations_update_integration() {
    let server = MockServer::start().await;
    let answer =
        json!({"mode": "automatic", "id": 9, "name": "xero", "description": "sample-description"});
    answer_once(&server, "PUT", "/integrations/42", &answer).await;
    let value = client_for(&server)
        .update_integration(42, body!({"mode": "automatic", "id": 9, "name": "xero", "description": "sample-description"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/integrations/42",
        None,
        Some(r#"{"mode":"automatic","id":9,"name":"xero","description":"sample-description"}"#),
    )
    .await;
}

#[tokio::test]
async fn invoice_template_update_invoice_template_settings() {
    let server = MockServer::start().await;
    let answer = json!({"invoice_template": "sample-invoice-template", "invoice_template_font": "sample-invoice-template-font", "credit_note_template": "sample-credit-note-template", "credit_note_template_font": "sample-credit-note-template-font", "cdr_template": "sample-cdr-template", "cdr_template_font": "sample-cdr-template-font", "line_item_sort_mode": "creationDate", "display_invoice_customer_reference": true, "display_credit_note_customer_reference": true, "statement_template": "sample-statement-template"});
    answer_once(&server, "PUT", "/invoice-template/42/settings", &answer).await;
    let value = client_for(&server)
        .update_invoice_template_settings(42, body!({"invoice_template": "sample-invoice-template", "invoice_template_font": "sample-invoice-template-font", "credit_note_template": "sample-credit-note-template", "credit_note_template_font": "sample-credit-note-template-font", "cdr_template": "sample-cdr-template", "cdr_template_font": "sample-cdr-template-font", "line_item_sort_mode": "creationDate", "display_invoice_customer_reference": true, "display_credit_note_customer_reference": true, "statement_template": "sample-statement-template"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/invoice-template/42/settings", None, Some(r#"{"invoice_template":"sample-invoice-template","invoice_template_font":"sample-invoice-template-font","credit_note_template":"sample-credit-note-template","credit_note_template_font":"sample-credit-note-template-font","cdr_template":"sample-cdr-template","cdr_template_font":"sample-cdr-template-font","line_item_sort_mode":"creationDate","display_invoice_customer_reference":true,"display_credit_note_customer_reference":true,"statement_template":"sample-statement-template"}"#)).await;
}

#[tokio::test]
async fn invoices_settle_invoices() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-36"});
    answer_once(&server, "PUT", "/invoice/settle", &answer).await;
    let value = client_for(&server)
        .settle_invoices(body!({"id": [101, 102], "ledger_entry_type_id": 7, "details": "sample-details", "date": "2024-01-31"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/invoice/settle", None, Some(r#"{"id":[101,102],"ledger_entry_type_id":7,"details":"sample-details","date":"2024-01-31"}"#)).await;
}

#[tokio::test]
async fn ledgers_update_ledger_entry_type() {
    let server = MockServer::start().await;
    let answer = json!({"id": 9, "name": "sample-name", "is_debit": true});
    answer_once(&server, "PUT", "/ledger/types/42", &answer).await;
    let value = client_for(&server)
        .update_ledger_entry_type(
            42,
            body!({"id": 9, "name": "sample-name", "is_debit": true}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/ledger/types/42",
        None,
        Some(r#"{"id":9,"name":"sample-name","is_debit":true}"#),
    )
    .await;
}

#[tokio::test]
async fn metadata_create_customer_metadata() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-38"});
    answer_once(&server, "POST", "/customer/42/metadata", &answer).await;
    let value = client_for(&server)
        .create_customer_metadata(42, body!({"key": "sample-key", "value": "sample-value"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "POST",
        "/customer/42/metadata",
        None,
        Some(r#"{"key":"sample-key","value":"sample-value"}"#),
    )
    .await;
}

#[tokio::test]
async fn notes_update_note() {
    let server = MockServer::start().await;
    let answer = json!({"content": "sample-content", "id": 9, "created_at": "2024-01-31T10:00:00Z", "created_by": "sample-created-by"});
    answer_once(&server, "PUT", "/customer/42/note/44", &answer).await;
    let value = client_for(&server)
        .update_note(42, 44, body!({"content": "sample-content", "id": 9, "created_at": "2024-01-31T10:00:00Z", "created_by": "sample-created-by"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/customer/42/note/44", None, Some(r#"{"content":"sample-content","id":9,"created_at":"2024-01-31T10:00:00Z","created_by":"sample-created-by"}"#)).await;
}

#[tokio::test]
async fn organisations_delete_organisations() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-40"});
    answer_once(&server, "DELETE", "/organisation", &answer).await;
    let value = client_for(&server)
        .delete_organisations(body!({"id": [101, 102]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "DELETE",
        "/organisation",
        None,
        Some(r#"{"id":[101,102]}"#),
    )
    .await;
}

#[tokio::test]
async fn payments_add_mandate() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-41"});
    answer_once(&server, "POST", "/payments/mandates/42", &answer).await;
    let value = client_for(&server)
        .add_mandate(42, body!({"customer": "sample-customer", "mandate": "sample-mandate", "description": "sample-description", "payment_provider_settings_id": 10, "collection_in_days": 10, "collection_fixed_day": 7, "is_default": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "POST", "/payments/mandates/42", None, Some(r#"{"customer":"sample-customer","mandate":"sample-mandate","description":"sample-description","payment_provider_settings_id":10,"collection_in_days":10,"collection_fixed_day":7,"is_default":true}"#)).await;
}

#[tokio::test]
async fn price_adjustments_update_price_adjustment() {
    let server = MockServer::start().await;
    let answer = json!({"id": 9, "action": "increase", "adjustment_type": "absolute"});
    answer_once(&server, "PUT", "/priceadjustment/42", &answer).await;
    let value = client_for(&server)
        .update_price_adjustment(
            42,
            body!({"id": 9, "action": "increase", "adjustment_type": "absolute"}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/priceadjustment/42",
        None,
        Some(r#"{"id":9,"action":"increase","adjustment_type":"absolute"}"#),
    )
    .await;
}

#[tokio::test]
async fn product_get_product_pricing_report() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-43"});
    answer_once(&server, "GET", "/analytics/product/pricing", &answer).await;
    let value = client_for(&server)
        .get_product_pricing_report()
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "GET", "/analytics/product/pricing", None, None).await;
}

#[tokio::test]
async fn product_prices_update_product_pricing() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-44"});
    answer_once(&server, "PUT", "/product/bulk/pricing", &answer).await;
    let value = client_for(&server)
        .update_product_pricing(body!({"product_prices": [{"key": "value"}]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/product/bulk/pricing",
        None,
        Some(r#"{"product_prices":[{"key":"value"}]}"#),
    )
    .await;
}

#[tokio::test]
async fn products_delete_products() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-45"});
    answer_once(&server, "DELETE", "/product", &answer).await;
    let value = client_for(&server)
        .delete_products(body!({"id": [101, 102]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "DELETE",
        "/product",
        None,
        Some(r#"{"id":[101,102]}"#),
    )
    .await;
}

#[tokio::test]
async fn regions_list_regions() {
    let server = MockServer::start().await;
    let answer = json!({"limit": 20, "offset": 40, "count": 41, "data": [{"id": 1}]});
    answer_once(&server, "GET", "/region", &answer).await;
    let value = client_for(&server)
        .list_regions()
        .limit(20)
        .offset(40)
        .sort("north east")
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "GET",
        "/region",
        Some("limit=20&offset=40&sort=north%20east"),
        None,
    )
    .await;
}

#[tokio::test]
async fn revenue_get_invoice_count() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-47"});
    answer_once(&server, "GET", "/analytics/invoice", &answer).await;
    let value = client_for(&server)
        .get_invoice_count()
        .customer_id(9)
        .organisation_id(9)
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "GET",
        "/analytics/invoice",
        Some("customer_id=9&organisation_id=9"),
        None,
    )
    .await;
}

#[tokio::test]
async fn roles_update_role() {
    let server = MockServer::start().await;
    let answer = json!({"id": 9, "name": "sample-name", "customer_write": true});
    answer_once(&server, "PUT", "/role/42", &answer).await;
    let value = client_for(&server)
        .update_role(
            42,
            body!({"id": 9, "name": "sample-name", "customer_write": true}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/role/42",
        None,
        Some(r#"{"id":9,"name":"sample-name","customer_write":true}"#),
    )
    .await;
}

#[tokio::test]
async fn service_charges_list_service_file_cli_orphans() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-49"});
    answer_once(
        &server,
        "GET",
        "/servicefile/42/charges/orphan/cli",
        &answer,
    )
    .await;
    let value = client_for(&server)
        .list_service_file_cli_orphans(42)
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "GET",
        "/servicefile/42/charges/orphan/cli",
        None,
        None,
    )
    .await;
}

#[tokio::test]
async fn service_files_set_service_charge_dates() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-50"});
    answer_once(&server, "PUT", "/servicefile/42/charges", &answer).await;
    let value = client_for(&server)
        .set_service_charge_dates(
            42,
            body!({"ids": [101, 102], "from": "2024-01-31", "to": "2024-01-31"}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/servicefile/42/charges",
        None,
        Some(r#"{"ids":[101,102],"from":"2024-01-31","to":"2024-01-31"}"#),
    )
    .await;
}

#[tokio::test]
async fn suppliers_update_supplier() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "cdr_sell_price_decimal_places": 11, "id": 9, "parser_identifier": "sample-parser-identifier", "has_cdr_support": true});
    answer_once(&server, "PUT", "/supplier/42", &answer).await;
    let value = client_for(&server)
        .update_supplier(42, body!({"name": "sample-name", "cdr_sell_price_decimal_places": 11, "id": 9, "parser_identifier": "sample-parser-identifier", "has_cdr_support": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/supplier/42", None, Some(r#"{"name":"sample-name","cdr_sell_price_decimal_places":11,"id":9,"parser_identifier":"sample-parser-identifier","has_cdr_support":true}"#)).await;
}

#[tokio::test]
async fn support_attachment_files_delete_support_attachments() {
    let server = MockServer::start().await;
    let answer = json!({"accepted": true, "reference": "job-52"});
    answer_once(&server, "DELETE", "/accounts/support-attachments", &answer).await;
    let value = client_for(&server)
        .delete_support_attachments(body!({"id": [101, 102]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "DELETE",
        "/accounts/support-attachments",
        None,
        Some(r#"{"id":[101,102]}"#),
    )
    .await;
}

#[tokio::test]
async fn tags_update_tag() {
    let server = MockServer::start().await;
    let answer = json!({"description": "sample-description", "id": 9, "customer_count": 11});
    answer_once(&server, "PUT", "/tag/42", &answer).await;
    let value = client_for(&server)
        .update_tag(
            42,
            body!({"description": "sample-description", "id": 9, "customer_count": 11}),
        )
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/tag/42",
        None,
        Some(r#"{"description":"sample-description","id":9,"customer_count":11}"#),
    )
    .await;
}

#[tokio::test]
async fn tariffs_update_tariff() {
    let server = MockServer::start().await;
    let answer = json!({"name": "sample-name", "category_id": 8, "id": 9, "category_name": "sample-category-name"});
    answer_once(&server, "PUT", "/tariff/42", &answer).await;
    let value = client_for(&server)
        .update_tariff(42, body!({"name": "sample-name", "category_id": 8, "id": 9, "category_name": "sample-category-name"}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/tariff/42", None, Some(r#"{"name":"sample-name","category_id":8,"id":9,"category_name":"sample-category-name"}"#)).await;
}

#[tokio::test]
async fn time_schedules_update_time_schedule() {
    let server = MockServer::start().await;
    let answer = json!({"id": 9, "time_period": "peak", "monday": true});
    answer_once(&server, "PUT", "/timeschedule/42", &answer).await;
    let value = client_for(&server)
        .update_time_schedule(42, body!({"id": 9, "time_period": "peak", "monday": true}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(
        &server,
        "PUT",
        "/timeschedule/42",
        None,
        Some(r#"{"id":9,"time_period":"peak","monday":true}"#),
    )
    .await;
}

#[tokio::test]
async fn users_update_user() {
    let server = MockServer::start().await;
    let answer = json!({"email": "jane.doe@example.com", "id": 9, "description": "sample-description", "ip_restrictions": ["a", "b"]});
    answer_once(&server, "PUT", "/user/42", &answer).await;
    let value = client_for(&server)
        .update_user(42, body!({"email": "jane.doe@example.com", "id": 9, "description": "sample-description", "ip_restrictions": ["a", "b"]}))
        .await
        .expect("the call succeeds");
    assert_eq!(
        serde_json::to_value(&value).expect("the answer serialises"),
        answer
    );
    assert_sent(&server, "PUT", "/user/42", None, Some(r#"{"email":"jane.doe@example.com","id":9,"description":"sample-description","ip_restrictions":["a","b"]}"#)).await;
}
