//! The clients at work with no network and no credentials: each one talks to its typed mock server, a real
//! HTTP server on 127.0.0.1 inside this process, and the program prints what happened.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use billing_clients::fakes::BillingBoothOneFake;
use billing_clients::futures_util::TryStreamExt;
use billing_clients::runtime::Error;
use billing_clients::{billing_booth_one, flolive, fusebill, serde_json, uuid};
use std::error::Error as StdError;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

#[tokio::main]
async fn main() -> Result<()> {
    billing_booth_one().await?;
    flolive().await?;
    fusebill().await?;
    println!("\nall three clients ran against their mock servers: no network, no credentials");
    Ok(())
}

/// Billing Booth One against its in-memory fake: the users it holds change as the client works; a typed stub on
/// the same server answers for customers.
async fn billing_booth_one() -> Result<()> {
    use billing_booth_one::{
        Client, InviteCustomerAccessUserRequest, ReactivateCustomerAccessRequest, TokenRequest,
        TokenRequestGrantType,
    };
    println!("== Billing Booth One (in-memory fake)");
    let fake = BillingBoothOneFake::start().await;
    let client = Client::builder().base_url(fake.uri()).build()?;
    let token = client
        .create_token(TokenRequest {
            email: "ops@example.com".into(),
            password: "any password works here".into(),
            grant_type: TokenRequestGrantType::Password,
        })
        .await?;
    println!(
        "token exchange: got a token of {} characters; later calls send it",
        token.token.len()
    );
    let mut invited = Vec::new();
    for (email, name) in [
        ("jane.doe@example.com", "Jane Doe"),
        ("ada@example.com", "Ada Lovelace"),
    ] {
        let user = client
            .invite_customer_access_user(
                42,
                InviteCustomerAccessUserRequest {
                    email: email.into(),
                    name: name.into(),
                    id: None,
                    status: None,
                },
            )
            .await?;
        println!(
            "invited {} <{}>: id {:?}, status {:?}",
            user.name, user.email, user.id, user.status
        );
        invited.extend(user.id);
    }
    client
        .reactivate_customer_access(42)
        .body(ReactivateCustomerAccessRequest {
            id: Some(invited[..1].to_vec()),
        })
        .await?;
    println!("reactivated user {:?}", &invited[..1]);
    let page = client
        .list_customer_access_users(42)
        .sort(billing_booth_one::ListCustomerAccessUsersSort::Email)
        .await?;
    for user in &page.data {
        println!("listed {} <{}>: {:?}", user.name, user.email, user.status);
    }
    // Customers, a resource the fake does not play: a typed stub on the fake's own server answers for it.
    let customers: billing_booth_one::CustomerList = serde_json::from_value(serde_json::json!({
        "limit": 25, "offset": 0, "count": 2,
        "data": [
            {"id": 42, "name": "Acme Telecom Ltd", "customer_group_id": 3, "organisation_id": 1, "reference": "ACME-01"},
            {"id": 43, "name": "Borealis Networks", "customer_group_id": 3, "organisation_id": 1}
        ]
    }))?;
    fake.mock()
        .list_customers()
        .status(billing_booth_one::ListCustomersStatus::Active)
        .respond_200(&customers)
        .expect(1)
        .mount()
        .await?;
    let active: Vec<billing_booth_one::Customer> = client
        .list_customers()
        .status(billing_booth_one::ListCustomersStatus::Active)
        .items()
        .try_collect()
        .await?;
    for customer in &active {
        println!(
            "active customer {} (id {:?}, reference {:?})",
            customer.name, customer.id, customer.reference
        );
    }
    fake.mock().verify()?;
    Ok(())
}

/// floLIVE with typed stubs: the spec's example answers when a stub gives none, and a failure envelope
/// (a NAK inside an HTTP 200) is a typed error.
async fn flolive() -> Result<()> {
    use flolive::{Client, ErrorCode, ModifyBcdRequest};
    println!("\n== floLIVE (typed stubs)");
    let mock = flolive::mock::Mock::start().await;
    let customer = uuid::Uuid::from_u128(0x3f2b6c1e_8d4a_4e7b_9a51_2c6d0e9f7a13);
    mock.get_eligible_bcds()
        .id(customer)
        .expect(1)
        .mount()
        .await?;
    mock.modify_bcd()
        .respond_error(
            200,
            &ErrorCode::Global1001,
            "Service unavailable. Please try again",
        )
        .mount()
        .await?;
    let client = Client::builder()
        .base_url(mock.uri())
        .bearer_auth("demo-token")
        .build()?;
    for bcd in client.get_eligible_bcds(customer).await? {
        println!(
            "eligible BCD {} ({:?}, every {} period(s))",
            bcd.name, bcd.period_type, bcd.duration
        );
    }
    let bcd = ModifyBcdRequest {
        id: uuid::Uuid::from_u128(7),
    };
    match client.modify_bcd(customer, bcd).await {
        Err(Error::Api(failure)) => println!(
            "modify BCD refused inside an HTTP {} envelope: {} ({})",
            failure.status, failure.value.code, failure.value.message
        ),
        other => println!("modify BCD: unexpected {other:?}"),
    }
    mock.verify()?;
    Ok(())
}

/// Fusebill with a sequence: rate-limited first, then activated.
async fn fusebill() -> Result<()> {
    use fusebill::{Client, Customer, CustomerActivationRequest, FusebillError};
    println!("\n== Fusebill (a 429, then a 200)");
    let mock = fusebill::mock::Mock::start().await;
    let request = CustomerActivationRequest {
        customer_id: 8708457,
        activate_all_subscriptions: Some(true),
        activate_all_draft_purchases: None,
        temporarily_disable_auto_post: None,
    };
    let busy: FusebillError = serde_json::from_value(serde_json::json!({
        "ErrorId": 0, "HttpStatusCode": 429, "Errors": [{"Key": "RateLimit", "Value": "Too many requests"}]
    }))?;
    let customer: Customer = serde_json::from_value(serde_json::json!({
        "id": 8708457, "uri": "https://secure.fusebill.com/v1/customers/8708457", "status": "Active"
    }))?;
    mock.activate_customer()
        .body(request.clone())
        .respond_429(&busy)
        .respond_200(&customer)
        .expect(2)
        .mount()
        .await?;
    let client = Client::builder()
        .base_url(mock.uri())
        .api_key("demo-key")
        .build()?;
    match client.activate_customer(request.clone()).await {
        Err(error) => println!("first try: {error} ({:?})", error.status()),
        Ok(_) => println!("first try: activated?"),
    }
    let activated = client.activate_customer(request).await?;
    println!(
        "second try: customer {} is {:?}",
        activated.id, activated.status
    );
    mock.verify()?;
    Ok(())
}
