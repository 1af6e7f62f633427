//! `specs/schemas_annotations.yaml`: required readOnly properties are `Option` and left out of requests,
//! required writeOnly ones are `Option` so that answers without them read; defaults are documented; what the
//! spec deprecates carries `#[deprecated]`.

#![allow(deprecated)] // This test uses the deprecated field and type on purpose.

use serde_json::json;
use specgen_constructs::schemas_annotations::{Account, Client, LegacyPlan};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn read_only_properties_stay_out_of_requests_and_answers_lack_write_only_ones() {
    let server = MockServer::start().await;
    let answer = json!({
        "id": "6f1c2b7e-8a0d-4c55-9f2e-1a2b3c4d5e6f", "createdAt": "2024-01-02T03:04:05Z",
        "name": "ann", "legacyCode": "L1", "plan": {"code": "old"}
    });
    Mock::given(method("POST"))
        .and(path("/accounts"))
        .and(body_json(
            json!({"name": "ann", "password": "s3cret", "pageSize": 50}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(answer))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let request = Account {
        id: None,
        created_at: None,
        name: "ann".to_owned(),
        password: Some("s3cret".to_owned()),
        page_size: Some(50),
        currency: None,
        legacy_code: None,
        plan: None,
    };
    let created = client.create_account(request).await.expect("created");
    assert_eq!(
        created.id.map(|id| id.to_string()).as_deref(),
        Some("6f1c2b7e-8a0d-4c55-9f2e-1a2b3c4d5e6f")
    );
    assert!(created.created_at.is_some());
    assert_eq!(created.password, None);
    assert_eq!(created.legacy_code.as_deref(), Some("L1"));
    assert_eq!(
        created.plan,
        Some(LegacyPlan {
            code: Some("old".to_owned())
        })
    );
}

#[test]
fn a_password_is_redacted_in_debug() {
    let account: Account =
        serde_json::from_value(json!({"name": "ann", "password": "hunter2"})).expect("account");
    let printed = format!("{account:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(printed.contains("<redacted>"), "{printed}");
}
