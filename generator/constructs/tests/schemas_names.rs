//! `specs/schemas_names.yaml`: recursive types are boxed only where needed, inline schemas are named after
//! their place, clashing names are numbered, keywords and prelude names are escaped, and non-ASCII names stay
//! readable where rustc accepts them without warnings (compiling this file is half the test).

use serde_json::json;
use specgen_constructs::schemas_names::{
    Box2, Größe, Hash2, Kunde, Option2, Order, OrderShipping, OrderShippingAddress, OrderStatus,
    PetOwner, PetOwner2, Ping, Pong, Result2, Self_, String2, Tree, Vec2, 顧客,
};

#[test]
fn recursive_types_round_trip() {
    let text = json!({"value": 1, "children": [{"value": 2}], "parent": {"value": 0}});
    let tree: Tree = serde_json::from_value(text.clone()).expect("tree");
    assert_eq!(tree.parent.as_ref().map(|p| p.value), Some(0));
    assert_eq!(tree.children.as_ref().map(Vec::len), Some(1));
    assert_eq!(serde_json::to_value(&tree).expect("json"), text);
    let ping = Ping {
        pong: Some(Box::new(Pong {
            ping: Some(Box::new(Ping { pong: None })),
        })),
    };
    assert_eq!(
        serde_json::to_value(&ping).expect("json"),
        json!({"pong": {"ping": {}}})
    );
}

#[test]
fn inline_schemas_are_named_after_their_place() {
    let order: Order = serde_json::from_value(json!({
        "shipping": {"address": {"street": "Main"}}, "lines": [{"sku": "a"}], "status": "shipped"
    }))
    .expect("order");
    assert_eq!(
        order.shipping,
        Some(OrderShipping {
            address: Some(OrderShippingAddress {
                street: Some("Main".to_owned())
            })
        })
    );
    assert_eq!(order.lines.map(|l| l.len()), Some(1));
    assert_eq!(order.status, Some(OrderStatus::Shipped));
}

#[test]
fn clashing_names_are_numbered_and_keep_their_wire_names() {
    // Names are claimed in spec order: `pet_owner` comes first and keeps `PetOwner`.
    let owner: PetOwner2 =
        serde_json::from_value(json!({"name": "a", "Name": "b", "NAME": "c"})).expect("owner");
    assert_eq!(
        (
            owner.name.as_deref(),
            owner.name2.as_deref(),
            owner.name3.as_deref()
        ),
        (Some("a"), Some("b"), Some("c"))
    );
    let other = PetOwner { name: None };
    assert_eq!(serde_json::to_value(&other).expect("json"), json!({}));
}

#[test]
fn keywords_and_prelude_names_are_escaped() {
    let text = json!({"self": "1", "Self": "2", "super": "3", "crate": "4", "type": "5", "gen": "6",
        "async": "7", "match": "8", "r#try": "9"});
    let value: Self_ = serde_json::from_value(text.clone()).expect("keywords");
    // Claimed in spec order: `self` first, then `Self`.
    assert_eq!(value.self_.as_deref(), Some("1"));
    assert_eq!(value.self2.as_deref(), Some("2"));
    assert_eq!(value.r#gen.as_deref(), Some("6"));
    assert_eq!(value.r#type.as_deref(), Some("5"));
    assert_eq!(value.r_try.as_deref(), Some("9"));
    assert_eq!(serde_json::to_value(&value).expect("json"), text);

    let option: Option2 = "text".to_owned();
    let string: String2 = 5;
    let vec: Vec2 = vec![option];
    let boxed = Box2 { size: Some(string) };
    let result = Result2 { ok: Some(true) };
    assert_eq!(vec.len(), 1);
    assert_eq!(boxed.size, Some(5));
    assert_eq!(result.ok, Some(true));
    assert_eq!(Hash2::A.as_str(), "a");
}

#[test]
fn non_ascii_names_stay_readable_where_rustc_allows() {
    let text = json!({"größe": 1.5, "straße": "s", "été": "e", "顧客番号": "n", "ユーザー名": "u",
        "имя": "i", "αβγ": "a", "😀": "smile"});
    let kunde: Kunde = serde_json::from_value(text.clone()).expect("kunde");
    assert_eq!(kunde.größe, Some(1.5));
    assert_eq!(kunde.straße.as_deref(), Some("s"));
    assert_eq!(kunde.été.as_deref(), Some("e"));
    assert_eq!(kunde.顧客番号.as_deref(), Some("n"));
    assert_eq!(kunde.ユーザー名.as_deref(), Some("u"));
    // Cyrillic and Greek are spelled as code points, an emoji is no word at all.
    assert_eq!(kunde.u438_u43c_u44f.as_deref(), Some("i"));
    assert_eq!(kunde.u3b1_u3b2_u3b3.as_deref(), Some("a"));
    assert_eq!(kunde.value.as_deref(), Some("smile"));
    assert_eq!(serde_json::to_value(&kunde).expect("json"), text);
    let customer = 顧客 {
        名前: Some("山田".to_owned()),
    };
    assert_eq!(
        serde_json::to_value(&customer).expect("json"),
        json!({"名前": "山田"})
    );
    assert_eq!(Größe::Groß.as_str(), "groß");
    assert_eq!(Größe::日本.as_str(), "日本");
    assert_eq!(Größe::U3b5U3bbU3bbU3b7U3bdU3b9U3baU3ac.as_str(), "ελληνικά");
}

#[test]
fn names_the_generated_code_uses_and_odd_names_get_predictable_names() {
    // Compiling these paths is the test: `Client` and `ClientBuilder` are the API's own, so the schemas give
    // way; `Error` is free (the runtime's is always written `runtime::Error`); digits gain a `V`, the empty
    // name is `Unnamed`, and keywords keep a readable form.
    use specgen_constructs::schemas_names::{
        Client2, ClientBuilder2, Crate, Error, Gen, Numbers, Super, Unnamed, V1st, V2,
    };
    let client: Client2 = 7;
    let builder: ClientBuilder2 = String::from("b");
    let others: [String; 5] = [
        V1st::from("1st"),
        V2::from("2"),
        Unnamed::from(""),
        Gen::from("gen"),
        Crate::from("crate"),
    ];
    assert_eq!(client, 7);
    assert_eq!(builder.len() + others.len(), 6);
    let error = Error {
        message: Some("m".into()),
    };
    assert_eq!(
        serde_json::to_value(&error).expect("json"),
        json!({"message": "m"})
    );
    let numbers: Numbers = serde_json::from_value(json!({
        "1st": "a", "_1st": "b", "first-name": "c", "first_name": "d", "firstName": "e", "FirstName": "f"
    }))
    .expect("numbers");
    let got = [
        numbers._1st,
        numbers._1st2,
        numbers.first_name,
        numbers.first_name2,
        numbers.first_name3,
        numbers.first_name4,
    ];
    assert_eq!(got.map(|v| v.unwrap_or_default()).concat(), "abcdef");
    let keywords: Super = serde_json::from_value(
        json!({"": "e", "1": "o", "2nd": "t", "gen": 1, "Gen": 2, "GEN": 3}),
    )
    .expect("super");
    assert_eq!(
        (keywords.value, keywords._1, keywords._2nd),
        (Some("e".into()), Some("o".into()), Some("t".into()))
    );
    assert_eq!(
        (keywords.r#gen, keywords.gen2, keywords.gen3),
        (Some(1), Some(2), Some(3))
    );
}
