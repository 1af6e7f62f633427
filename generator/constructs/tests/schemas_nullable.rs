//! `specs/schemas_nullable.yaml`: optional+nullable properties keep absent, `null` and a value apart in both
//! directions; required+nullable ones are `Option` and send `null`; optional ones are left out when `None`.

use serde_json::json;
use specgen_constructs::runtime::Nullable;
use specgen_constructs::schemas_nullable::{Address, Client, Contact, ContactPatch};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn contact(value: serde_json::Value) -> Contact {
    serde_json::from_value(value).expect("a contact")
}

#[test]
fn absent_null_and_value_read_differently_and_write_back_as_they_came() {
    let absent = json!({"id": 1, "name": "Ann", "nickname": null});
    let null = json!({"id": 2, "name": "Bo", "nickname": "B", "phone": null, "address": null,
        "lastSeen": null, "tags": null});
    let value = json!({"id": 3, "name": "Cy", "nickname": null, "email": "cy@example.com",
        "phone": "+44 20", "address": {"city": "Leeds"}, "lastSeen": "2024-02-29T12:00:00",
        "tags": ["a"]});

    let a = contact(absent.clone());
    assert_eq!(a.phone, Nullable::Absent);
    assert!(a.address.is_absent() && a.last_seen.is_absent() && a.tags.is_absent());
    assert_eq!(a.nickname, None);
    assert_eq!(a.email, None);

    let n = contact(null.clone());
    assert_eq!(n.phone, Nullable::Null);
    assert!(n.address.is_null() && n.last_seen.is_null() && n.tags.is_null());
    assert_eq!(n.nickname.as_deref(), Some("B"));

    let v = contact(value.clone());
    assert_eq!(v.phone.as_deref(), Some("+44 20"));
    assert_eq!(
        v.address,
        Nullable::Value(Address {
            city: "Leeds".to_owned()
        })
    );
    // Zone-less, read as UTC.
    let seen = v.last_seen.value().expect("lastSeen");
    assert_eq!(seen.to_rfc3339(), "2024-02-29T12:00:00+00:00");
    assert_eq!(v.tags.clone().into_value(), Some(vec!["a".to_owned()]));

    assert_eq!(serde_json::to_value(&a).expect("json"), absent);
    assert_eq!(serde_json::to_value(&n).expect("json"), null);
    let mut written = value;
    written["lastSeen"] = json!("2024-02-29T12:00:00+00:00");
    assert_eq!(serde_json::to_value(&v).expect("json"), written);
}

#[test]
fn required_nullable_reads_a_missing_property_as_none_and_writes_null() {
    let c = contact(json!({"id": 1, "name": "Ann"}));
    assert_eq!(c.nickname, None);
    let written = serde_json::to_value(&c).expect("json");
    assert_eq!(written, json!({"id": 1, "name": "Ann", "nickname": null}));
}

#[test]
fn a_required_non_nullable_property_must_be_there_and_not_null() {
    assert!(serde_json::from_value::<Contact>(json!({"id": 1, "nickname": null})).is_err());
    assert!(serde_json::from_value::<Contact>(json!({"id": 1, "name": null})).is_err());
    // A value of the wrong type inside a nullable property is still an error.
    assert!(serde_json::from_value::<Contact>(json!({"id": 1, "name": "A", "phone": 5})).is_err());
}

#[test]
fn nullable_converts_from_option() {
    assert_eq!(Nullable::from(Some(3)), Nullable::Value(3));
    assert_eq!(Nullable::<i32>::from(None), Nullable::Null);
    assert_eq!(Nullable::<i32>::default(), Nullable::Absent);
    assert_eq!(Nullable::Value(3).into_value(), Some(3));
    assert_eq!(Nullable::<i32>::Null.value(), None);
}

#[tokio::test]
async fn a_patch_sends_null_to_clear_and_leaves_absent_properties_out() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/contacts/7"))
        .and(body_json(json!({"nickname": null, "phone": "+1 555"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"id": 7, "name": "Ann", "nickname": null, "phone": "+1 555"}),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    let patch = ContactPatch {
        name: None,
        nickname: Nullable::Null,
        phone: Nullable::Value("+1 555".to_owned()),
        last_seen: Nullable::Absent,
    };
    let updated = client.patch_contact(7, patch).await.expect("patched");
    assert_eq!(updated.phone.as_deref(), Some("+1 555"));
    assert!(updated.last_seen.is_absent());
}
