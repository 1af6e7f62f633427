//! The billing clients against an independent validator: every operation of the three billing specs is sent to
//! a Stoplight Prism mock server (`prism mock --errors`, which checks each request against the spec and answers
//! 4xx `application/problem+json` when it does not fit) and its answer decoded. Run by
//! `generator/scripts/prism.sh`, which starts Prism on 127.0.0.1 and passes each server's URL:
//!
//! ```sh
//! PRISM_BILLING_BOOTH_ONE=http://127.0.0.1:4010 PRISM_FLOLIVE=http://127.0.0.1:4011 \
//!     PRISM_FUSEBILL=http://127.0.0.1:4012 cargo run --example prism
//! ```
//!
//! It prints one line per call and a summary `calls N, violations N, decode failures N, other failures N`, and
//! exits with 1 when anything failed, or when a spec has an operation this driver does not call (so a new
//! operation is noticed: add its call to the API's function below).

mod prism_billing_booth_one;

use billing_clients::runtime::Error;
use billing_clients::{billing_booth_one, flolive, fusebill, uuid};
use std::collections::BTreeSet;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut tally = Tally::default();
    let urls = ["PRISM_BILLING_BOOTH_ONE", "PRISM_FLOLIVE", "PRISM_FUSEBILL"].map(std::env::var);
    let [Ok(booth), Ok(flo), Ok(fuse)] = urls else {
        eprintln!(
            "set PRISM_BILLING_BOOTH_ONE, PRISM_FLOLIVE and PRISM_FUSEBILL to the Prism servers' URLs"
        );
        return ExitCode::from(2);
    };
    billing_booth_one(&booth, &mut tally).await;
    flolive(&flo, &mut tally).await;
    fusebill(&fuse, &mut tally).await;
    for api in ["billing_booth_one", "flolive", "fusebill"] {
        match spec_text(api) {
            Ok(text) => tally.cover(api, &text),
            Err(error) => tally.setup(api, &error),
        }
    }
    tally.finish()
}

/// The text of an API's spec: its root file and every file of its folder (`specs/<api>/`), where a spec split
/// by resource keeps its operations, so that an operation in any of them counts for coverage.
fn spec_text(api: &str) -> std::io::Result<String> {
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut files = vec![specs.join(format!("{api}.yaml"))];
    if let Ok(entries) = std::fs::read_dir(specs.join(api)) {
        let mut parts: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        parts.sort();
        files.extend(parts);
    }
    let texts = files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(texts.join("\n"))
}

async fn billing_booth_one(url: &str, tally: &mut Tally) {
    use billing_booth_one::{
        Client, InviteCustomerAccessUserRequest, ListCustomerAccessUsersSort,
        ReactivateCustomerAccessRequest, TokenRequest, TokenRequestGrantType,
    };
    let client = match Client::builder().base_url(url).bearer_auth("token").build() {
        Ok(client) => client,
        Err(error) => return tally.setup("billing_booth_one", &error),
    };
    let token = TokenRequest {
        email: "ops@example.com".into(),
        password: "secret".into(),
        grant_type: TokenRequestGrantType::Password,
    };
    tally.record("createToken", client.create_token(token).await);
    let reactivate = ReactivateCustomerAccessRequest {
        id: Some(vec![1, 2]),
    };
    tally.record(
        "reactivateCustomerAccess",
        client.reactivate_customer_access(42).body(reactivate).await,
    );
    let invite = InviteCustomerAccessUserRequest {
        email: "jane.doe@example.com".into(),
        name: "Jane Doe".into(),
        id: None,
        status: None,
    };
    tally.record(
        "inviteCustomerAccessUser",
        client.invite_customer_access_user(42, invite).await,
    );
    tally.record(
        "listCustomerAccessUsers",
        client
            .list_customer_access_users(42)
            .limit(10)
            .offset(0)
            .search("jane")
            .sort(ListCustomerAccessUsersSort::MinusEmail)
            .await,
    );
    if let Err(error) = prism_billing_booth_one::send_all(&client, tally).await {
        tally.setup("billing_booth_one", &error);
    }
}

async fn flolive(url: &str, tally: &mut Tally) {
    use flolive::{Client, ModifyBcdRequest};
    let client = match Client::builder().base_url(url).bearer_auth("token").build() {
        Ok(client) => client,
        Err(error) => return tally.setup("flolive", &error),
    };
    let id = uuid::Uuid::from_u128(0x0a1b_2c3d_4e5f_4071_8293_a4b5_c6d7_e8f9);
    tally.record("getEligibleBcds", client.get_eligible_bcds(id).await);
    tally.record(
        "modifyBcd",
        client.modify_bcd(id, ModifyBcdRequest { id }).await,
    );
    tally.record("getRequestStatus", client.get_request_status(id).await);
}

async fn fusebill(url: &str, tally: &mut Tally) {
    use fusebill::{ActivateCustomerView, Client, CustomerActivationRequest};
    let client = match Client::builder().base_url(url).api_key("key").build() {
        Ok(client) => client,
        Err(error) => return tally.setup("fusebill", &error),
    };
    let request = CustomerActivationRequest {
        customer_id: 8708457,
        activate_all_subscriptions: Some(true),
        activate_all_draft_purchases: Some(false),
        temporarily_disable_auto_post: Some(false),
    };
    tally.record(
        "activateCustomer",
        client
            .activate_customer(request)
            .preview(true)
            .view(ActivateCustomerView::Sideeffects)
            .await,
    );
}

// The tally (violations, decode failures, coverage) is shared with the constructs driver.
include!("../../generator/scripts/prism_tally.rs");
