//! Billing Booth One client against a wiremock server: token exchange, bearer auth, reactivate / invite / list customer access users, opaque JSON errors, secret redaction and transport errors.

mod common;

use billing_clients::billing_booth_one::{
    Client, CustomerAccessUserStatus, InviteCustomerAccessUserRequest, ListCustomerAccessUsersSort,
    ReactivateCustomerAccessRequest, TokenRequest, TokenRequestGrantType,
};
use billing_clients::runtime;
use common::{
    closed_port_url, empty_body, exact_query, header, json_body, received, single_request,
    without_header,
};
use serde_json::json;
use wiremock::matchers::{body_json, header as header_is, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_auth("bbo-token")
        .build()
        .expect("client builds")
}

fn token_request() -> TokenRequest {
    TokenRequest {
        email: "ops@example.com".to_owned(),
        password: "hunter2-password".to_owned(),
        grant_type: TokenRequestGrantType::Password,
    }
}

#[tokio::test]
async fn create_token_sends_credentials_without_authorization_and_later_calls_use_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(exact_query(None))
        .and(header_is("content-type", "application/json"))
        .and(without_header("authorization"))
        .and(body_json(json!({
            "email": "ops@example.com",
            "password": "hunter2-password",
            "grant_type": "password"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "fresh-token-1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/customer/42/access"))
        .and(header_is("authorization", "Bearer fresh-token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 50, "offset": 0, "count": 0, "data": []
        })))
        .expect(2)
        .mount(&server)
        .await;

    // A client that already holds a (stale) token: the exchange must not send it.
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth("stale-token")
        .build()
        .unwrap();
    let clone = client.clone();

    let answer = client.create_token(token_request()).await.unwrap();
    assert_eq!(answer.token, "fresh-token-1");

    let page = client.list_customer_access_users(42).await.unwrap();
    assert_eq!(
        (page.limit, page.offset, page.count, page.data.len()),
        (50, 0, 0, 0)
    );
    // Clones share credentials: the clone made before the exchange sends the new token too.
    clone.list_customer_access_users(42).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let token_call = &requests[0];
    assert_eq!(token_call.method.as_str(), "POST");
    assert_eq!(token_call.url.path(), "/token");
    assert_eq!(header(token_call, "authorization"), None);
    assert_eq!(header(token_call, "accept"), Some("application/json"));
    assert_eq!(
        json_body(token_call),
        json!({"email": "ops@example.com", "password": "hunter2-password", "grant_type": "password"})
    );
    for later in &requests[1..] {
        assert_eq!(header(later, "authorization"), Some("Bearer fresh-token-1"));
        assert_eq!(header(later, "accept"), Some("application/json"));
        assert_eq!(later.url.query(), None);
        assert!(later.body.is_empty());
    }
}

#[tokio::test]
async fn failed_token_exchange_is_an_api_error_and_keeps_the_previous_credential() {
    let server = MockServer::start().await;
    let error_body = r#"{"error":"invalid_grant","message":"Bad email or password"}"#;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(error_body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/customer/7/access"))
        .and(header_is("authorization", "Bearer bbo-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 1, "offset": 0, "count": 0, "data": []
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let error = client.create_token(token_request()).await.unwrap_err();
    match &error {
        runtime::Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 401);
            assert_eq!(&api.body[..], error_body.as_bytes());
            assert_eq!(
                api.value,
                json!({"error": "invalid_grant", "message": "Bad email or password"})
            );
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    // The failed exchange did not replace (or clear) the credential the client had.
    client.list_customer_access_users(7).await.unwrap();
}

#[tokio::test]
async fn reactivate_customer_access_sends_the_id_list() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/customer/42/access/reactivate"))
        .and(exact_query(None))
        .and(header_is("authorization", "Bearer bbo-token"))
        .and(header_is("content-type", "application/json"))
        .and(body_json(json!({"id": [101, 102, 103]})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"reactivated": [101, 102, 103], "ok": true})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let answer = client_for(&server)
        .reactivate_customer_access(42)
        .body(ReactivateCustomerAccessRequest {
            id: Some(vec![101, 102, 103]),
        })
        .await
        .unwrap();
    assert_eq!(answer, json!({"reactivated": [101, 102, 103], "ok": true}));

    let request = single_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(json_body(&request), json!({"id": [101, 102, 103]}));
}

#[tokio::test]
async fn reactivate_customer_access_without_body_sends_no_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/customer/42/access/reactivate"))
        .and(exact_query(None))
        .and(header_is("authorization", "Bearer bbo-token"))
        .and(empty_body())
        .and(without_header("content-type"))
        // The answer body is undocumented: an empty one must be accepted.
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let answer = client_for(&server)
        .reactivate_customer_access(42)
        .send()
        .await
        .unwrap();
    assert_eq!(answer, serde_json::Value::Null);

    let request = single_request(&server).await;
    assert!(request.body.is_empty(), "body sent: {:?}", request.body);
    assert_eq!(header(&request, "content-type"), None);
}

#[tokio::test]
async fn reactivate_customer_access_with_empty_request_sends_empty_object() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/customer/9/access/reactivate"))
        .and(body_json(json!({})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let answer = client_for(&server)
        .reactivate_customer_access(9)
        .body(ReactivateCustomerAccessRequest { id: None })
        .await
        .unwrap();
    assert_eq!(answer, json!([]));
    // `id: None` is left out, not sent as null.
    assert_eq!(json_body(&single_request(&server).await), json!({}));
}

#[tokio::test]
async fn invite_customer_access_user_sends_all_fields_and_decodes_the_user() {
    let server = MockServer::start().await;
    let expected_body = json!({
        "email": "jane@example.com",
        "name": "Jane Doe",
        "id": 7,
        "status": "awaitingActivation"
    });
    Mock::given(method("POST"))
        .and(path("/customer/42/access"))
        .and(exact_query(None))
        .and(header_is("authorization", "Bearer bbo-token"))
        .and(header_is("content-type", "application/json"))
        .and(body_json(&expected_body))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "email": "jane@example.com",
            "name": "Jane Doe",
            "id": 7,
            "status": "awaitingActivation"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let user = client_for(&server)
        .invite_customer_access_user(
            42,
            InviteCustomerAccessUserRequest {
                email: "jane@example.com".to_owned(),
                name: "Jane Doe".to_owned(),
                id: Some(7),
                status: Some(CustomerAccessUserStatus::AwaitingActivation),
            },
        )
        .await
        .unwrap();
    assert_eq!(user.email, "jane@example.com");
    assert_eq!(user.name, "Jane Doe");
    assert_eq!(user.id, Some(7));
    assert_eq!(
        user.status,
        Some(CustomerAccessUserStatus::AwaitingActivation)
    );

    assert_eq!(json_body(&single_request(&server).await), expected_body);
}

#[tokio::test]
async fn invite_customer_access_user_omits_unset_optional_fields_and_keeps_unknown_status() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customer/5/access"))
        .and(body_json(
            json!({"email": "bob@example.com", "name": "Bob"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "email": "bob@example.com",
            "name": "Bob",
            "id": 900,
            "status": "deleted"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let user = client_for(&server)
        .invite_customer_access_user(
            5,
            InviteCustomerAccessUserRequest {
                email: "bob@example.com".to_owned(),
                name: "Bob".to_owned(),
                id: None,
                status: None,
            },
        )
        .send()
        .await
        .unwrap();
    assert_eq!(user.id, Some(900));
    assert_eq!(
        user.status,
        Some(CustomerAccessUserStatus::Unknown("deleted".to_owned()))
    );
    assert_eq!(
        json_body(&single_request(&server).await),
        json!({"email": "bob@example.com", "name": "Bob"})
    );
}

#[tokio::test]
async fn invite_customer_access_user_sends_each_known_status_as_on_the_wire() {
    let server = MockServer::start().await;
    let cases = [
        (CustomerAccessUserStatus::Active, "active"),
        (CustomerAccessUserStatus::Suspended, "suspended"),
        (
            CustomerAccessUserStatus::AwaitingActivation,
            "awaitingActivation",
        ),
    ];
    for (status, wire) in &cases {
        Mock::given(method("POST"))
            .and(path("/customer/1/access"))
            .and(body_json(
                json!({"email": "x@example.com", "name": "X", "status": wire}),
            ))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"email": "x@example.com", "name": "X", "status": wire})),
            )
            .expect(1)
            .mount(&server)
            .await;
        let user = client_for(&server)
            .invite_customer_access_user(
                1,
                InviteCustomerAccessUserRequest {
                    email: "x@example.com".to_owned(),
                    name: "X".to_owned(),
                    id: None,
                    status: Some(status.clone()),
                },
            )
            .await
            .unwrap();
        assert_eq!(user.status.as_ref(), Some(status));
        assert_eq!(user.id, None);
    }
    assert_eq!(received(&server).await.len(), cases.len());
}

#[tokio::test]
async fn list_customer_access_users_sends_paging_search_and_descending_sort() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customer/42/access"))
        .and(query_param("limit", "10"))
        .and(query_param("offset", "20"))
        .and(query_param("search", "jane"))
        .and(query_param("sort", "-email"))
        .and(exact_query(Some(
            "limit=10&offset=20&search=jane&sort=-email",
        )))
        .and(header_is("authorization", "Bearer bbo-token"))
        .and(header_is("accept", "application/json"))
        .and(empty_body())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 10,
            "offset": 20,
            "count": 22,
            "data": [
                {"email": "jane@example.com", "name": "Jane Doe", "id": 7, "status": "active"},
                {"email": "janet@example.com", "name": "Janet", "id": 8, "status": "suspended"}
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let descending = ListCustomerAccessUsersSort::MinusEmail;
    assert_eq!(descending.as_str(), "-email");
    assert_eq!(
        "-email".parse(),
        Ok(ListCustomerAccessUsersSort::MinusEmail)
    );
    let page = client_for(&server)
        .list_customer_access_users(42)
        .limit(10)
        .offset(20)
        .search("jane")
        .sort(descending)
        .await
        .unwrap();
    assert_eq!(page.limit, 10);
    assert_eq!(page.offset, 20);
    assert_eq!(page.count, 22);
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.data[0].email, "jane@example.com");
    assert_eq!(page.data[0].name, "Jane Doe");
    assert_eq!(page.data[0].id, Some(7));
    assert_eq!(page.data[0].status, Some(CustomerAccessUserStatus::Active));
    assert_eq!(page.data[1].email, "janet@example.com");
    assert_eq!(page.data[1].name, "Janet");
    assert_eq!(page.data[1].id, Some(8));
    assert_eq!(
        page.data[1].status,
        Some(CustomerAccessUserStatus::Suspended)
    );

    let request = single_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.query(),
        Some("limit=10&offset=20&search=jane&sort=-email")
    );
}

#[tokio::test]
async fn list_customer_access_users_without_options_sends_no_query_and_ascending_sort_is_email() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customer/3/access"))
        .and(exact_query(None))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 25, "offset": 0, "count": 1,
            "data": [{"email": "a@example.com", "name": "A"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/customer/3/access"))
        .and(exact_query(Some("sort=email")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 25, "offset": 0, "count": 0, "data": []
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let page = client.list_customer_access_users(3).await.unwrap();
    assert_eq!((page.limit, page.offset, page.count), (25, 0, 1));
    assert_eq!(page.data[0].email, "a@example.com");
    assert_eq!(page.data[0].name, "A");
    assert_eq!(page.data[0].id, None);
    assert_eq!(page.data[0].status, None);

    let sorted = client
        .list_customer_access_users(3)
        .sort(ListCustomerAccessUsersSort::Email)
        .await
        .unwrap();
    assert_eq!(sorted.count, 0);
    assert!(sorted.data.is_empty());
}

#[tokio::test]
async fn list_customer_access_users_encodes_search_so_it_cannot_add_parameters() {
    let server = MockServer::start().await;
    let search = "o'brien & co=1 ü/?#";
    Mock::given(method("GET"))
        .and(path("/customer/42/access"))
        .and(query_param("search", search))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 25, "offset": 0, "count": 0, "data": []
        })))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server)
        .list_customer_access_users(42)
        .search(search)
        .await
        .unwrap();

    let request = single_request(&server).await;
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, vec![("search".to_owned(), search.to_owned())]);
    assert_eq!(request.url.path(), "/customer/42/access");
    assert_eq!(request.url.fragment(), None);
}

#[tokio::test]
async fn error_answer_is_api_error_with_status_raw_body_and_json_value() {
    let server = MockServer::start().await;
    let body = r#"{"message":"Token expired","code":40101}"#;
    Mock::given(method("GET"))
        .and(path("/customer/42/access"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_raw(body, "application/json")
                .insert_header("x-request-id", "req-77"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.raw_body(), Some(body.as_bytes()));
    assert_eq!(
        error
            .headers()
            .and_then(|h| h.get("x-request-id"))
            .map(|v| v.to_str().unwrap()),
        Some("req-77")
    );
    assert_eq!(
        error.api_value(),
        Some(&json!({"message": "Token expired", "code": 40101}))
    );
    match error {
        runtime::Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 401);
            assert_eq!(&api.body[..], body.as_bytes());
            assert_eq!(api.value["message"], "Token expired");
            assert_eq!(api.value["code"], 40101);
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn error_answer_with_empty_body_is_api_error_with_null_value() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customer/404/access"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .invite_customer_access_user(
            404,
            InviteCustomerAccessUserRequest {
                email: "n@example.com".to_owned(),
                name: "N".to_owned(),
                id: None,
                status: None,
            },
        )
        .await
        .unwrap_err();
    match error {
        runtime::Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 404);
            assert!(api.body.is_empty());
            assert_eq!(api.value, serde_json::Value::Null);
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn error_answer_that_is_not_json_is_a_decode_error_keeping_the_raw_answer() {
    let server = MockServer::start().await;
    let html = "<html><body>502 Bad Gateway</body></html>";
    Mock::given(method("PUT"))
        .and(path("/customer/42/access/reactivate"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        // PUT is idempotent and 502 retryable: the default policy's three attempts, then the last answer.
        .expect(3)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .reactivate_customer_access(42)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(error.raw_body(), Some(html.as_bytes()));
    assert!(
        matches!(error, runtime::Error::Decode { .. }),
        "expected Error::Decode, got {error:?}"
    );
}

#[tokio::test]
async fn success_answer_that_does_not_match_the_schema_is_a_decode_error() {
    let server = MockServer::start().await;
    let body = r#"{"limit":"ten","offset":0,"count":0,"data":[]}"#;
    Mock::given(method("GET"))
        .and(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .list_customer_access_users(42)
        .await
        .unwrap_err();
    match error {
        runtime::Error::Decode { source, response } => {
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(response.body(), body.as_bytes());
            assert!(source.to_string().contains("invalid type"), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn debug_output_never_shows_a_credential() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": "exchanged-secret-xyz"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let builder = Client::builder()
        .base_url(server.uri())
        .bearer_auth("configured-secret-abc");
    let builder_debug = format!("{builder:?}");
    assert!(
        !builder_debug.contains("configured-secret-abc"),
        "{builder_debug}"
    );

    let client = builder.build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("configured-secret-abc"), "{debug}");
    assert!(debug.contains("bearerAuth"), "{debug}");

    let request = token_request();
    let request_debug = format!("{request:?}");
    assert!(
        !request_debug.contains("hunter2-password"),
        "{request_debug}"
    );
    assert!(request_debug.contains("<redacted>"), "{request_debug}");
    let answer = client.create_token(request).await.unwrap();
    let answer_debug = format!("{answer:?} {answer:#?}");
    assert!(
        !answer_debug.contains("exchanged-secret-xyz"),
        "{answer_debug}"
    );
    assert_eq!(answer.token, "exchanged-secret-xyz");
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains("exchanged-secret-xyz"), "{debug}");
    assert!(!debug.contains("hunter2-password"), "{debug}");

    client.set_bearer_auth("replaced-secret-def");
    let debug = format!("{client:?}");
    assert!(!debug.contains("replaced-secret-def"), "{debug}");
}

#[tokio::test]
async fn closed_port_is_a_transport_error() {
    let client = Client::builder()
        .base_url(closed_port_url())
        .bearer_auth("bbo-token")
        .build()
        .unwrap();
    let error = client.list_customer_access_users(1).await.unwrap_err();
    assert!(
        matches!(error, runtime::Error::Transport(_)),
        "expected Error::Transport, got {error:?}"
    );
    assert_eq!(error.status(), None);
    assert_eq!(error.raw_body(), None);
    assert!(error.api_value().is_none());
}

#[test]
fn default_base_url_is_the_production_server() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.billingbooth.app/");
}
