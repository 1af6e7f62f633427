//! The typed mock servers (feature `mock`) that users of the clients test their own code with: typed
//! matchers and answers, the spec's examples, sequences, delays, expectations checked on drop, stubs refused
//! when they answer what the spec does not document, readable diffs for requests no stub matched, and the
//! stateful Billing Booth One fake.

use billing_clients::billing_booth_one::{
    self, CustomerAccessUser, CustomerAccessUserList, CustomerAccessUserStatus,
    InviteCustomerAccessUserRequest, ListCustomerAccessUsersSort, ReactivateCustomerAccessRequest,
};
use billing_clients::fakes::BillingBoothOneFake;
use billing_clients::runtime::Error;
use billing_clients::runtime::mock::MockError;
use billing_clients::{flolive, fusebill};
use serde_json::json;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

fn jane() -> CustomerAccessUser {
    CustomerAccessUser {
        email: "jane.doe@example.com".into(),
        name: "Jane Doe".into(),
        id: Some(1306),
        status: Some(CustomerAccessUserStatus::Active),
    }
}

fn invitation(email: &str) -> InviteCustomerAccessUserRequest {
    InviteCustomerAccessUserRequest {
        email: email.into(),
        name: "Jane Doe".into(),
        id: None,
        status: None,
    }
}

fn activation() -> fusebill::CustomerActivationRequest {
    fusebill::CustomerActivationRequest {
        customer_id: 8708457,
        activate_all_subscriptions: Some(true),
        activate_all_draft_purchases: None,
        temporarily_disable_auto_post: None,
    }
}

fn customer() -> fusebill::Customer {
    serde_json::from_value(
        json!({"id": 8708457, "uri": "https://example.com/customers/8708457", "status": "Active"}),
    )
    .expect("a valid customer")
}

fn fusebill_error(status: i32) -> fusebill::FusebillError {
    serde_json::from_value(json!({"ErrorId": 0, "HttpStatusCode": status, "Errors": []}))
        .expect("a valid error")
}

// The test the README shows, line for line.
#[tokio::test]
async fn readme_example_lists_the_users_a_typed_stub_answers()
-> Result<(), Box<dyn std::error::Error>> {
    use billing_clients::billing_booth_one::{Client, CustomerAccessUserList, mock::Mock};
    let mock = Mock::start().await;
    let page = CustomerAccessUserList {
        limit: 50,
        offset: 0,
        count: 1,
        data: vec![jane()],
    };
    mock.list_customer_access_users()
        .customer_id(42)
        .limit(50)
        .respond_200(&page)
        .expect(1)
        .mount()
        .await?;
    let client = Client::builder()
        .base_url(mock.uri())
        .bearer_auth("token")
        .build()?;
    let users = client.list_customer_access_users(42).limit(50).await?;
    assert_eq!(users.data[0].email, "jane.doe@example.com");
    Ok(())
}

#[tokio::test]
async fn a_request_that_matches_no_stub_fails_with_a_readable_diff() {
    let mock = billing_booth_one::mock::Mock::start().await;
    let page = CustomerAccessUserList {
        limit: 50,
        offset: 0,
        count: 0,
        data: vec![],
    };
    mock.list_customer_access_users()
        .customer_id(42)
        .limit(50)
        .sort(ListCustomerAccessUsersSort::Email)
        .respond_200(&page)
        .mount()
        .await
        .expect("documented answer");
    let client = billing_booth_one::Client::builder()
        .base_url(mock.uri())
        .build()
        .unwrap();

    let error = client
        .list_customer_access_users(42)
        .limit(10)
        .sort(ListCustomerAccessUsersSort::MinusEmail)
        .await
        .expect_err("no stub matches");
    // The client sees the 404 the mock answered, whose body explains the miss.
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let body = String::from_utf8_lossy(error.raw_body().unwrap_or_default()).into_owned();
    assert!(
        body.contains("query \"limit\": expected \"50\", got \"10\""),
        "{body}"
    );

    let report = mock.verify().expect_err("the miss is reported").to_string();
    assert!(
        report.contains("GET /customer/42/access?limit=10&sort=-email matched no stub; closest stub: listCustomerAccessUsers (GET /customer/42/access)"),
        "{report}"
    );
    assert!(
        report.contains("query \"limit\": expected \"50\", got \"10\""),
        "{report}"
    );
    assert!(
        report.contains("query \"sort\": expected \"email\", got \"-email\""),
        "{report}"
    );
}

#[tokio::test]
async fn a_body_mismatch_is_shown_field_by_field() {
    let mock = billing_booth_one::mock::Mock::start().await;
    mock.invite_customer_access_user()
        .customer_id(42)
        .body(invitation("jane.doe@example.com"))
        .mount()
        .await
        .expect("the spec's example answers");
    let client = billing_booth_one::Client::builder()
        .base_url(mock.uri())
        .build()
        .unwrap();
    client
        .invite_customer_access_user(7, invitation("john@example.com"))
        .await
        .expect_err("no stub matches");
    let report = mock.verify().expect_err("the miss is reported").to_string();
    assert!(
        report.contains("path: expected /customer/42/access, got /customer/7/access"),
        "{report}"
    );
    assert!(
        report.contains("body /email: expected \"jane.doe@example.com\", got \"john@example.com\""),
        "{report}"
    );
}

#[tokio::test]
async fn an_unmet_expectation_fails_when_the_server_is_dropped() {
    let mock = fusebill::mock::Mock::start().await;
    mock.activate_customer()
        .respond_200(&customer())
        .expect(1)
        .mount()
        .await
        .expect("documented answer");
    let panic = catch_unwind(AssertUnwindSafe(move || drop(mock))).expect_err("dropping panics");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("activateCustomer: expected exactly 1 call(s), received 0"),
        "{message}"
    );
}

#[tokio::test]
async fn a_met_expectation_drops_quietly() {
    let mock = fusebill::mock::Mock::start().await;
    mock.activate_customer()
        .body(activation())
        .respond_200(&customer())
        .expect(1..=2)
        .mount()
        .await
        .expect("documented answer");
    let client = fusebill::Client::builder()
        .base_url(mock.uri())
        .api_key("key")
        .build()
        .unwrap();
    let activated = client
        .activate_customer(activation())
        .await
        .expect("stubbed answer");
    assert_eq!(activated.id, 8708457);
    assert!(catch_unwind(AssertUnwindSafe(move || drop(mock))).is_ok());
}

#[tokio::test]
async fn a_stub_that_answers_an_undocumented_status_is_rejected_when_mounted() {
    let mock = fusebill::mock::Mock::start().await;
    let error = mock
        .activate_customer()
        .respond_status(418, "{}")
        .mount()
        .await
        .expect_err("418 is not documented");
    assert_eq!(
        error,
        MockError::UndocumentedStatus {
            operation: "activateCustomer",
            status: 418
        }
    );
    assert_eq!(
        error.to_string(),
        "stub of activateCustomer: status 418 is not a documented response of the operation"
    );
    // A typed answer must use the response its status selects: 200 has its own type, not default's.
    let mock = billing_booth_one::mock::Mock::start().await;
    let error = mock
        .list_customer_access_users()
        .respond_default(200, &json!({"error": "nope"}))
        .mount()
        .await
        .expect_err("200 is documented on its own");
    assert_eq!(
        error.to_string(),
        "stub of listCustomerAccessUsers: status 200 is documented by response 200, not by default"
    );
}

#[tokio::test]
async fn without_an_answer_the_spec_example_answers_or_the_stub_is_refused() {
    let mock = flolive::mock::Mock::start().await;
    let customer = uuid::Uuid::from_u128(1);
    mock.get_eligible_bcds()
        .id(customer)
        .mount()
        .await
        .expect("the spec has an example");
    let client = flolive::Client::builder()
        .base_url(mock.uri())
        .bearer_auth("t")
        .build()
        .unwrap();
    let bcds = client
        .get_eligible_bcds(customer)
        .await
        .expect("the example decodes");
    let names: Vec<&str> = bcds.iter().map(|bcd| bcd.name.as_str()).collect();
    assert_eq!(names, ["BCD11-Monthly-1-XML", "BCD13-Weekly-1-PDF"]);

    let booth = billing_booth_one::mock::Mock::start().await;
    let error = booth
        .reactivate_customer_access()
        .mount()
        .await
        .expect_err("no example");
    assert_eq!(
        error,
        MockError::NoAnswer {
            operation: "reactivateCustomerAccess"
        }
    );
}

#[tokio::test]
async fn answers_come_in_sequence_with_headers_and_the_last_repeats() {
    let mock = fusebill::mock::Mock::start().await;
    mock.activate_customer()
        .respond_429(&fusebill_error(429))
        .respond_200(&customer())
        .respond_header("X-Rate-Limit-Remaining-Day", "0")
        .expect(3)
        .mount()
        .await
        .expect("documented answers");
    let client = fusebill::Client::builder()
        .base_url(mock.uri())
        .api_key("key")
        .build()
        .unwrap();
    let first = client
        .activate_customer(activation())
        .await
        .expect_err("429 first");
    assert_eq!(
        first.api_value().and_then(|e| e.http_status_code),
        Some(429)
    );
    let second = client
        .activate_customer(activation())
        .send_with_response()
        .await
        .expect("200 then");
    let headers = fusebill::ActivateCustomerHeaders::from(second.headers());
    assert_eq!(headers.x_rate_limit_remaining_day, Some(0));
    assert_eq!(second.value().id, 8708457);
    client
        .activate_customer(activation())
        .await
        .expect("the last answer repeats");
    mock.verify().expect("three calls, as expected");
}

#[tokio::test]
async fn a_delayed_answer_makes_the_client_time_out() {
    let mock = fusebill::mock::Mock::start().await;
    mock.activate_customer()
        .respond_200(&customer())
        .delay(Duration::from_secs(5))
        .mount()
        .await
        .expect("documented answer");
    let client = fusebill::Client::builder()
        .base_url(mock.uri())
        .api_key("key")
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = client
        .activate_customer(activation())
        .await
        .expect_err("too slow");
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn an_envelope_failure_is_answered_with_its_typed_code() {
    let mock = flolive::mock::Mock::start().await;
    mock.get_request_status()
        .respond_error(200, &flolive::ErrorCode::Customer1006, "no such request")
        .mount()
        .await
        .expect("any documented status carries a failure");
    let client = flolive::Client::builder()
        .base_url(mock.uri())
        .bearer_auth("t")
        .build()
        .unwrap();
    match client.get_request_status(uuid::Uuid::from_u128(9)).await {
        Err(Error::Api(failure)) => {
            assert_eq!(failure.status.as_u16(), 200);
            assert_eq!(failure.value.code, flolive::ErrorCode::Customer1006);
            assert_eq!(failure.value.message, "no such request");
        }
        other => panic!("expected an envelope failure, got {other:?}"),
    }
}

#[tokio::test]
async fn the_fake_keeps_users_through_invite_list_and_reactivate() {
    let fake = BillingBoothOneFake::start().await;
    let client = billing_booth_one::Client::builder()
        .base_url(fake.uri())
        .build()
        .unwrap();
    let jane = client
        .invite_customer_access_user(42, invitation("jane.doe@example.com"))
        .await
        .expect("invited");
    assert_eq!(
        jane.status,
        Some(CustomerAccessUserStatus::AwaitingActivation)
    );
    let ada = InviteCustomerAccessUserRequest {
        email: "ada@example.com".into(),
        name: "Ada Lovelace".into(),
        id: None,
        status: Some(CustomerAccessUserStatus::Suspended),
    };
    let ada = client
        .invite_customer_access_user(42, ada)
        .await
        .expect("invited");
    let again = client
        .invite_customer_access_user(42, invitation("ada@example.com"))
        .await;
    assert_eq!(
        again
            .expect_err("a second invitation")
            .status()
            .map(|s| s.as_u16()),
        Some(409)
    );

    let page = client
        .list_customer_access_users(42)
        .sort(ListCustomerAccessUsersSort::Email)
        .await
        .expect("listed");
    let emails: Vec<&str> = page.data.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(
        (page.count, emails),
        (2, vec!["ada@example.com", "jane.doe@example.com"])
    );
    let searched = client
        .list_customer_access_users(42)
        .search("lovelace")
        .await
        .expect("listed");
    assert_eq!(searched.data, vec![ada.clone()]);

    client
        .reactivate_customer_access(42)
        .body(ReactivateCustomerAccessRequest {
            id: ada.id.map(|id| vec![id]),
        })
        .await
        .expect("reactivated");
    let statuses: Vec<_> = fake
        .users(42)
        .into_iter()
        .map(|u| (u.email, u.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (
                "jane.doe@example.com".to_owned(),
                Some(CustomerAccessUserStatus::AwaitingActivation)
            ),
            (
                "ada@example.com".to_owned(),
                Some(CustomerAccessUserStatus::Active)
            ),
        ]
    );
    client
        .reactivate_customer_access(42)
        .await
        .expect("all reactivated");
    assert!(
        fake.users(42)
            .iter()
            .all(|u| u.status == Some(CustomerAccessUserStatus::Active))
    );
    assert!(fake.users(7).is_empty(), "customers are kept apart");
}

#[tokio::test]
async fn a_typed_stub_overrides_the_fake() {
    let fake = BillingBoothOneFake::start().await;
    fake.mock()
        .invite_customer_access_user()
        .respond_default(503, &json!({"error": "maintenance"}))
        .mount()
        .await
        .expect("default covers 503");
    let client = billing_booth_one::Client::builder()
        .base_url(fake.uri())
        .build()
        .unwrap();
    let error = client
        .invite_customer_access_user(42, invitation("jane.doe@example.com"))
        .await
        .expect_err("the stub answers first");
    assert_eq!(error.api_value(), Some(&json!({"error": "maintenance"})));
    assert!(fake.users(42).is_empty());
}
