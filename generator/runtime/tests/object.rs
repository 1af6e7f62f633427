//! Structs read through `object::deserialize!`, as generated models are: the same answers as serde's derive
//! for objects (missing, null, repeated and unknown fields), and objects only.

use serde_json::json;
use specgen_runtime::{self as runtime, Nullable};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Pet {
    pub name: String,
    pub r#type: Option<String>,
    pub tag: Option<i64>,
    pub owner: Option<Box<Pet>>,
    pub nickname: Nullable<String>,
}
runtime::object::deserialize!(
    runtime, Pet, name("name"), r#type("type"), tag("tag"), owner("owner"); nickname("nick-name")
);

/// The same struct read by serde's derive, to compare answers with.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Derived {
    pub name: String,
    pub r#type: Option<String>,
    pub tag: Option<i64>,
    pub owner: Option<Box<Derived>>,
    #[serde(default, rename = "nick-name")]
    pub nickname: Nullable<String>,
}

#[derive(Debug, PartialEq)]
pub struct Empty {}
runtime::object::deserialize!(runtime, Empty);

fn both(value: serde_json::Value) -> (Result<Pet, String>, Result<Derived, String>) {
    (
        serde_json::from_value(value.clone()).map_err(|e| e.to_string()),
        // The same message, up to the type's name.
        serde_json::from_value(value)
            .map_err(|e: serde_json::Error| e.to_string().replace("Derived", "Pet")),
    )
}

#[test]
fn fields_read_as_serdes_derive_reads_them() {
    let text = r#"{"name":"Rex","type":null,"extra":[1,{"a":2}],"owner":{"name":"Ann","nick-name":null},"tag":3}"#;
    let pet: Pet = serde_json::from_str(text).expect("pet");
    assert_eq!(
        pet,
        Pet {
            name: "Rex".to_owned(),
            r#type: None,
            tag: Some(3),
            owner: Some(Box::new(Pet {
                name: "Ann".to_owned(),
                r#type: None,
                tag: None,
                owner: None,
                nickname: Nullable::Null,
            })),
            nickname: Nullable::Absent,
        }
    );
    let derived: Derived = serde_json::from_str(text).expect("derived");
    assert_eq!(derived.owner.map(|o| o.nickname), Some(Nullable::Null));
}

#[test]
fn errors_are_serdes_errors() {
    for value in [
        json!({"tag": 1}),
        json!({"name": 1}),
        json!({"name": "a", "tag": "x"}),
        json!("Rex"),
    ] {
        let (lean, derived) = both(value.clone());
        assert!(lean.is_err(), "{value}");
        assert_eq!(lean, derived.map(|_| unreachable!()), "{value}");
    }
    // A repeated field, which `json!` cannot write (the error's column may differ from the derive's by one).
    let repeated = serde_json::from_str::<Pet>(r#"{"name":"a","name":"b"}"#).map(|_| ());
    let message = repeated
        .map_err(|e| e.to_string())
        .err()
        .unwrap_or_default();
    assert!(
        message.starts_with("duplicate field `name` at line 1"),
        "{message}"
    );
}

#[test]
fn only_objects_are_read() {
    // serde's derive also reads a struct from an array of its fields; no JSON API sends one.
    let fields = json!(["Rex", null, 3, null, null]);
    assert!(serde_json::from_value::<Derived>(fields.clone()).is_ok());
    let lean = serde_json::from_value::<Pet>(fields).map(|_| ());
    assert_eq!(
        lean.map_err(|e| e.to_string()),
        Err("invalid type: sequence, expected struct Pet".to_owned())
    );
    assert_eq!(
        serde_json::from_value::<Empty>(json!({"any": 1})).ok(),
        Some(Empty {})
    );
}
