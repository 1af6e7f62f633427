//! `specs/documents_refs.yaml` against wiremock: types, parameters, headers, responses, request bodies and
//! path items that live in other files (YAML and JSON) travel as the spec describes them.

use specgen_constructs::documents_refs::{
    Address, Client, HealthStatus, Owner, Pet, Problem, Tag2,
};
use specgen_constructs::runtime::Error;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client")
}

fn rex() -> serde_json::Value {
    serde_json::json!({
        "id": 1,
        "name": "Rex",
        "owner": {
            "name": "Ann",
            "address": {"city": "Oslo", "previous": {"city": "Bergen"}},
            "pets": [{"id": 2, "name": "Tom"}]
        },
        "tags": [{"label": "good"}]
    })
}

#[tokio::test]
async fn a_whole_file_schema_decodes_with_its_chain_of_files() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("limit", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([rex()])))
        .expect(1)
        .mount(&server)
        .await;
    let pets = client(&server)
        .list_pets()
        .limit(5)
        .send()
        .await
        .expect("pets");
    let owner = pets
        .first()
        .and_then(|pet| pet.owner.as_ref())
        .expect("an owner");
    // pet.yaml -> owner.json -> common.yaml, and common.yaml's own recursive Address.
    let previous = owner
        .address
        .as_ref()
        .and_then(|a| a.previous.as_deref())
        .and_then(|a| a.city.as_deref());
    assert_eq!(previous, Some("Bergen"));
    // owner.json refers back to pet.yaml.
    assert_eq!(owner.pets.as_ref().map(|p| p.len()), Some(1));
    // pet.yaml's own `#/definitions/Tag` is not the spec's `Tag`.
    let tags: Option<&Vec<Tag2>> = pets.first().and_then(|pet| pet.tags.as_ref());
    assert_eq!(tags.map(|t| t[0].label.as_deref()), Some(Some("good")));
}

#[tokio::test]
async fn a_response_from_another_file_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"message": "none"})),
        )
        .mount(&server)
        .await;
    match client(&server).list_pets().send().await {
        Err(Error::Api(error)) => assert_eq!(
            error.value,
            Problem {
                message: "none".to_owned()
            }
        ),
        other => panic!("expected the NotFound response of common.yaml, got {other:?}"),
    }
}

#[tokio::test]
async fn a_request_body_from_another_file_sends_the_whole_file_schema() {
    let server = MockServer::start().await;
    let pet: Pet = serde_json::from_value(rex()).expect("a pet");
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(rex()))
        .respond_with(ResponseTemplate::new(201).set_body_json(rex()))
        .expect(1)
        .mount(&server)
        .await;
    let created = client(&server)
        .create_pet(pet.clone())
        .send()
        .await
        .expect("created");
    assert_eq!(created, pet);
}

#[tokio::test]
async fn local_refs_into_a_property_and_into_another_response_are_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/7/owner"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"name": "Ann"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([rex()])))
        .mount(&server)
        .await;
    let client = client(&server);
    let owner: Owner = client.get_owner(7).send().await.expect("owner");
    assert_eq!(owner.name, "Ann");
    let found: Vec<Pet> = client.search_pets().send().await.expect("pets");
    assert_eq!(found.first().map(|p| p.name.as_str()), Some("Rex"));
    let _: Option<Address> = owner.address;
}

#[tokio::test]
async fn path_items_from_another_file_and_from_another_path_are_operations() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"status": "up"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/healthz"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let health = client.health().send().await.expect("health");
    assert_eq!(health.status, Some(HealthStatus::Up));
    client.get_healthz().send().await.expect("healthz");
}

/// `specs/documents_collisions.yaml`: every colliding name is numbered or escaped predictably (in
/// component-name order); this test stops compiling when one changes.
#[tokio::test]
async fn colliding_names_are_numbered_in_a_predictable_order() {
    use specgen_constructs::documents_collisions as names;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/builder"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "PET": {"shout": "A"}, "Pet": {"upper": "B"}, "pet": {"lower": "c"},
            "file": {"id": 1, "name": "Rex"}, "tag": {"label": "t"}, "self_": "me", "gen": 2,
            "option": {"some": true}, "result": "err", "box": ["x"], "string": {"value": "v"},
            "vec": [{"value": "w"}], "client_builder": {"id": "b"}, "error": {"message": "m"}
        })))
        .mount(&server)
        .await;
    let client = names::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    // The operation `builder` gives way to `Client::builder`.
    let all: names::Everything = client.builder2().send().await.expect("everything");
    // `PET`, `Pet` and `pet`, in that (byte) order, as schemas and as properties.
    let _: (Option<names::Pet>, Option<names::Pet2>, Option<names::Pet3>) =
        (all.pet, all.pet2, all.pet3);
    let _: Option<names::PetFile> = all.file;
    let _: Option<names::Tag> = all.tag;
    let _: (Option<names::Self_>, Option<names::Gen>) = (all.self_, all.r#gen);
    let _: (
        Option<names::Option2>,
        Option<names::Box2>,
        Option<names::String2>,
    ) = (all.option, all.r#box, all.string);
    let _: (
        Option<names::Vec2>,
        Option<names::ClientBuilder2>,
        Option<names::Error>,
    ) = (all.vec, all.client_builder, all.error);
    assert_eq!(all.result, Some(names::Result2::Err));
    let _: names::Client2 = names::Client2 { id: None };
    let body = names::Type {
        r#type: None,
        self_: None,
    };
    let _ = (client.base_url2(), client.new2(body), client.client());
}

#[tokio::test]
async fn mock_methods_give_way_to_nothing_and_take_numbered_names() {
    use specgen_constructs::documents_collisions::{Client, mock::Mock};
    let mock = Mock::start().await;
    // The operation `verify` gives way to `Mock::verify`; parameters `delay` and `expect` to the stub's own.
    mock.verify2()
        .delay2(3)
        .expect2("yes")
        .expect(1)
        .mount()
        .await
        .expect("204 is documented");
    let client = Client::builder()
        .base_url(mock.uri())
        .build()
        .expect("client");
    client
        .verify()
        .delay(3)
        .expect("yes")
        .await
        .expect("the stub answers");
    client.verify().delay(4).await.expect_err("a miss");
    let report = mock.verify().expect_err("one miss").to_string();
    assert!(
        report.contains(r#"query "delay": expected "3", got "4""#),
        "{report}"
    );
    assert!(
        report.contains(r#"header "expect": expected "yes", got nothing"#),
        "{report}"
    );
}
