//! Structs read and written through `object::fields!`, as generated models are: the same answers as serde's
//! derives for objects (missing, null, repeated and unknown fields; fields left out when empty), and objects
//! only.

use serde_json::json;
use specgen_runtime::{self as runtime, Nullable};

#[derive(Debug, Clone, PartialEq)]
pub struct Pet {
    pub name: String,
    pub r#type: Option<String>,
    pub tag: Option<i64>,
    pub owner: Option<Box<Pet>>,
    pub nickname: Nullable<String>,
}
runtime::object::fields!(
    runtime,
    Pet,
    Required(name, "name"),
    Optional(r#type, "type"),
    Nullable(tag, "tag"),
    Optional(owner, "owner"),
    OptionalNullable(nickname, "nick-name"),
);

/// The same struct read and written by serde's derives, to compare answers with.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Derived {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    pub tag: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Box<Derived>>,
    #[serde(
        default,
        rename = "nick-name",
        skip_serializing_if = "Nullable::is_absent"
    )]
    pub nickname: Nullable<String>,
}

#[derive(Debug, PartialEq)]
pub struct Empty {}
runtime::object::fields!(runtime, Empty);

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

#[test]
fn fields_are_written_as_serdes_derive_writes_them() {
    for text in [
        r#"{"name":"Rex","type":"dog","tag":3,"owner":{"name":"Ann","tag":null,"nick-name":null},"nick-name":"R"}"#,
        r#"{"name":"Rex","tag":null}"#,
        r#"{"name":"Rex","type":null,"tag":null,"nick-name":null}"#,
    ] {
        let pet: Pet = serde_json::from_str(text).expect("pet");
        let derived: Derived = serde_json::from_str(text).expect("derived");
        let written = serde_json::to_string(&pet).expect("written");
        assert_eq!(written, serde_json::to_string(&derived).expect("derived"));
        assert_eq!(
            serde_json::from_str::<Pet>(&written).expect("read back"),
            pet
        );
    }
    // The struct's name and its count of written fields reach the serializer, as with the derive.
    let pet = Pet {
        name: "Rex".to_owned(),
        r#type: None,
        tag: None,
        owner: None,
        nickname: Nullable::Absent,
    };
    assert_eq!(
        serde_json::to_value(&pet).ok(),
        Some(json!({"name": "Rex", "tag": null}))
    );
    assert_eq!(serde_json::to_string(&Empty {}).ok().as_deref(), Some("{}"));
}
