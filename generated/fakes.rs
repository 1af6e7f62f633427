//! In-memory fakes (feature `mock`): servers that keep state like the vendor would, so a test of a whole
//! workflow needs no stubs. Hand-written, on top of the generated typed mock servers.

use crate::billing_booth_one::mock::Mock;
use crate::billing_booth_one::{
    CustomerAccessUser, CustomerAccessUserList, CustomerAccessUserStatus,
    InviteCustomerAccessUserRequest, ReactivateCustomerAccessRequest,
};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use wiremock::{Request, Respond, ResponseTemplate};

/// Billing Booth One's customer access users, in memory: `POST /token` hands out a token,
/// `POST /customer/{id}/access` invites a user (awaiting activation unless the invitation says otherwise; a
/// second invitation of one email is a 409), `GET /customer/{id}/access` lists them (`search`, `sort`,
/// `offset`, `limit`), and `PUT /customer/{id}/access/reactivate` makes the listed users (or all) active.
///
/// Typed stubs mounted on [`BillingBoothOneFake::mock`] take precedence, to inject a failure into a workflow.
#[derive(Debug)]
pub struct BillingBoothOneFake {
    mock: Mock,
    state: Arc<Mutex<Users>>,
}

/// The users of each customer, and the next identifier to hand out.
#[derive(Debug, Default)]
struct Users {
    by_customer: BTreeMap<i64, Vec<CustomerAccessUser>>,
    next_id: i64,
    tokens: u64,
}

impl BillingBoothOneFake {
    /// Starts a mock server on 127.0.0.1 that plays Billing Booth One.
    pub async fn start() -> Self {
        let mock = Mock::start().await;
        let state = Arc::new(Mutex::new(Users {
            next_id: 1001,
            ..Users::default()
        }));
        // Below the typed stubs' priority (wiremock's default, 5): a stub mounted for a test wins.
        wiremock::Mock::given(|request: &Request| route(request).is_some())
            .respond_with(Fake(state.clone()))
            .with_priority(10)
            .named("Billing Booth One fake")
            .mount(mock.server())
            .await;
        BillingBoothOneFake { mock, state }
    }

    /// The base URL to give the client.
    pub fn uri(&self) -> String {
        self.mock.uri()
    }

    /// The typed mock server underneath, for stubs that override the fake.
    pub fn mock(&self) -> &Mock {
        &self.mock
    }

    /// The access users of a customer, as the fake holds them now.
    pub fn users(&self, customer_id: i64) -> Vec<CustomerAccessUser> {
        let users = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        users
            .by_customer
            .get(&customer_id)
            .cloned()
            .unwrap_or_default()
    }
}

/// What a request asks of the fake.
enum Route {
    Token,
    Invite(i64),
    List(i64),
    Reactivate(i64),
}

fn route(request: &Request) -> Option<Route> {
    let segments: Vec<&str> = request.url.path().trim_matches('/').split('/').collect();
    let method = request.method.as_str();
    match (method, segments.as_slice()) {
        ("POST", ["token"]) => Some(Route::Token),
        ("POST", ["customer", id, "access"]) => id.parse().ok().map(Route::Invite),
        ("GET", ["customer", id, "access"]) => id.parse().ok().map(Route::List),
        ("PUT", ["customer", id, "access", "reactivate"]) => id.parse().ok().map(Route::Reactivate),
        _ => None,
    }
}

struct Fake(Arc<Mutex<Users>>);

impl Respond for Fake {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut users = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match route(request) {
            Some(Route::Token) => {
                users.tokens += 1;
                let token = format!("fake-token-{}", users.tokens);
                ResponseTemplate::new(200).set_body_json(serde_json::json!({ "token": token }))
            }
            Some(Route::Invite(customer)) => invite(&mut users, customer, request),
            Some(Route::List(customer)) => list(&users, customer, request),
            Some(Route::Reactivate(customer)) => reactivate(&mut users, customer, request),
            None => failure(404, "no such resource"),
        }
    }
}

fn failure(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(serde_json::json!({ "error": message }))
}

fn invite(users: &mut Users, customer: i64, request: &Request) -> ResponseTemplate {
    let Ok(invitation) = request.body_json::<InviteCustomerAccessUserRequest>() else {
        return failure(400, "the body is not an invitation");
    };
    let id = invitation.id.unwrap_or(users.next_id);
    users.next_id = users.next_id.max(id) + 1;
    let list = users.by_customer.entry(customer).or_default();
    if list.iter().any(|user| user.email == invitation.email) {
        return failure(409, "this email is already invited");
    }
    let user = CustomerAccessUser {
        email: invitation.email,
        name: invitation.name,
        id: Some(id),
        status: Some(
            invitation
                .status
                .unwrap_or(CustomerAccessUserStatus::AwaitingActivation),
        ),
    };
    list.push(user.clone());
    ResponseTemplate::new(200).set_body_json(user)
}

fn list(users: &Users, customer: i64, request: &Request) -> ResponseTemplate {
    let query: BTreeMap<String, String> = request.url.query_pairs().into_owned().collect();
    let number = |name: &str, default: i32| {
        query
            .get(name)
            .and_then(|value| value.parse().ok())
            .unwrap_or(default)
    };
    let (limit, offset) = (number("limit", 25), number("offset", 0));
    let search = query.get("search").map(|term| term.to_lowercase());
    let mut matching: Vec<CustomerAccessUser> = users
        .by_customer
        .get(&customer)
        .into_iter()
        .flatten()
        .filter(|user| {
            search.as_ref().is_none_or(|term| {
                user.email.to_lowercase().contains(term) || user.name.to_lowercase().contains(term)
            })
        })
        .cloned()
        .collect();
    match query.get("sort").map(String::as_str) {
        Some("email") => matching.sort_by(|a, b| a.email.cmp(&b.email)),
        Some("-email") => matching.sort_by(|a, b| b.email.cmp(&a.email)),
        _ => {}
    }
    let count = i64::try_from(matching.len()).unwrap_or(i64::MAX);
    let data = matching
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    ResponseTemplate::new(200).set_body_json(CustomerAccessUserList {
        limit,
        offset,
        count,
        data,
    })
}

fn reactivate(users: &mut Users, customer: i64, request: &Request) -> ResponseTemplate {
    // No body, or no id list, reactivates every access user of the customer.
    let ids = if request.body.is_empty() {
        None
    } else {
        match request.body_json::<ReactivateCustomerAccessRequest>() {
            Ok(body) => body.id,
            Err(_) => return failure(400, "the body is not a list of ids"),
        }
    };
    let mut reactivated = Vec::new();
    for user in users.by_customer.entry(customer).or_default() {
        let listed = ids
            .as_ref()
            .is_none_or(|ids| user.id.is_some_and(|id| ids.contains(&id)));
        if listed {
            user.status = Some(CustomerAccessUserStatus::Active);
            reactivated.extend(user.id);
        }
    }
    ResponseTemplate::new(200).set_body_json(serde_json::json!({ "reactivated": reactivated }))
}
