//! `specs/schemas_unions.yaml`: discriminated unions pick their variant by the tag (mapping, several values
//! for one schema, implicit schema names), keep the tag when writing, and keep unknown tags as raw JSON;
//! unions without a (usable) discriminator stay untagged.

use serde_json::json;
use specgen_constructs::schemas_unions::{
    Cat, Circle, Client, Dog, DogPetType, Group, InlineTagged, Lizard, Pet, Shape, StringOrCount,
};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client")
}

#[tokio::test]
async fn every_tag_selects_its_variant_and_unknown_tags_are_kept() {
    let server = MockServer::start().await;
    let answer = json!([
        {"petType": "cat", "name": "Tom", "indoor": true},
        {"petType": "kitty", "name": "Kit"},
        {"petType": "dog", "bark": "woof"},
        {"petType": "Lizard", "scales": 300},
        {"petType": "parrot", "words": 12}
    ]);
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer.clone()))
        .mount(&server)
        .await;
    let pets = client(&server).list_pets().await.expect("pets");
    assert_eq!(
        pets,
        vec![
            Pet::Cat(Cat {
                name: "Tom".to_owned(),
                pet_type: "cat".to_owned(),
                indoor: Some(true)
            }),
            Pet::Cat(Cat {
                name: "Kit".to_owned(),
                pet_type: "kitty".to_owned(),
                indoor: None
            }),
            Pet::Dog(Dog {
                bark: "woof".to_owned(),
                pet_type: DogPetType::Dog
            }),
            Pet::Lizard(Lizard { scales: Some(300) }),
            Pet::Unknown(json!({"petType": "parrot", "words": 12})),
        ]
    );
    // Written back, every pet is what was read: the variant's own tag wins, and a variant whose type does not
    // declare the tag property gets its tag added.
    assert_eq!(serde_json::to_value(&pets).expect("json"), answer);
}

#[tokio::test]
async fn a_request_body_carries_the_tag_even_when_the_variant_type_has_no_such_property() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({"petType": "Lizard", "scales": 3})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .add_pet(Pet::Lizard(Lizard { scales: Some(3) }))
        .await
        .expect("added");
}

#[test]
fn a_missing_tag_or_a_bad_variant_body_is_an_error() {
    let missing = serde_json::from_value::<Pet>(json!({"name": "Tom"}));
    assert!(missing.is_err_and(|e| e.to_string().contains("petType")));
    assert!(serde_json::from_value::<Pet>(json!({"petType": 3})).is_err());
    assert!(serde_json::from_value::<Pet>(json!("cat")).is_err());
    // `cat` selects Cat, which requires a name.
    assert!(serde_json::from_value::<Pet>(json!({"petType": "cat"})).is_err());
    // Mapped values replace the implicit schema name: `Cat` is not a tag of this union.
    assert!(matches!(
        serde_json::from_value::<Pet>(json!({"petType": "Cat", "name": "x"})),
        Ok(Pet::Unknown(_))
    ));
}

#[test]
fn recursive_tagged_unions_round_trip() {
    let text = json!({"kind": "Group", "first": {"kind": "Circle", "radius": 1.5},
        "rest": [{"kind": "Group", "first": {"kind": "Circle", "radius": 2.0}}]});
    let shape: Shape = serde_json::from_value(text.clone()).expect("shape");
    let Shape::Group(group) = &shape else {
        panic!("expected a group: {shape:?}")
    };
    assert_eq!(
        *group.first,
        Shape::Circle(Circle {
            kind: "Circle".to_owned(),
            radius: 1.5
        })
    );
    assert!(matches!(group.rest.as_deref(), Some([Shape::Group(_)])));
    assert_eq!(serde_json::to_value(&shape).expect("json"), text);
    let built = Shape::Group(Box::new(Group {
        kind: String::new(),
        first: Box::new(Shape::Unknown(json!({"kind": "Square"}))),
        rest: None,
    }));
    // An empty tag property is written as it is: the value's own property wins over the variant's tag.
    assert_eq!(
        serde_json::to_value(&built).expect("json"),
        json!({"kind": "", "first": {"kind": "Square"}})
    );
}

#[test]
fn unions_without_a_usable_discriminator_are_untagged() {
    let values: Vec<StringOrCount> =
        serde_json::from_value(json!(["x", 5, {"kind": "c", "radius": 1.0}])).expect("values");
    assert_eq!(values[0], StringOrCount::String("x".to_owned()));
    assert_eq!(values[1], StringOrCount::Integer(5));
    assert!(matches!(values[2], StringOrCount::Circle(_)));
    let inline: InlineTagged =
        serde_json::from_value(json!({"kind": "square", "side": 2.0})).expect("inline");
    assert!(matches!(inline, InlineTagged::InlineTaggedVariant1(_)));
}
