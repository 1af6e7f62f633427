//! The value types generated models use, through serde_json: `Nullable` (absent, null, value), `Base64`
//! (`format: byte`), zone-less timestamps read as UTC (`x-specgen-assume-utc`) and discriminated unions.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use specgen_runtime::datetime::{self, parse_assume_utc};
use specgen_runtime::{Base64, Nullable, tagged};

// Nullable.

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Patch {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    name: Nullable<String>,
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    size: Nullable<u32>,
}

fn read<T: for<'de> Deserialize<'de>>(json: &str) -> T {
    match serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!("{json}: {error}"),
    }
}

fn write<T: Serialize>(value: &T) -> String {
    match serde_json::to_string(value) {
        Ok(json) => json,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn nullable_tells_absent_null_and_value_apart() {
    let patch: Patch = read(r#"{"name":null,"size":3}"#);
    assert_eq!(
        patch,
        Patch {
            name: Nullable::Null,
            size: Nullable::Value(3)
        }
    );
    let patch: Patch = read("{}");
    assert_eq!(
        patch,
        Patch {
            name: Nullable::Absent,
            size: Nullable::Absent
        }
    );
}

#[test]
fn nullable_round_trips() {
    for json in [
        "{}",
        r#"{"name":null}"#,
        r#"{"name":"x"}"#,
        r#"{"name":"","size":0}"#,
        r#"{"size":null}"#,
    ] {
        assert_eq!(write(&read::<Patch>(json)), json);
    }
    // Written on its own (no field attribute to skip it), absent can only be null.
    assert_eq!(write(&Nullable::<u8>::Absent), "null");
    assert!(serde_json::from_str::<Patch>(r#"{"size":"three"}"#).is_err());
}

#[test]
fn nullable_accessors() {
    let value = Nullable::Value("text".to_owned());
    assert_eq!(value.value().map(String::as_str), Some("text"));
    assert_eq!(value.as_deref(), Some("text"));
    assert!(!value.is_absent() && !value.is_null());
    assert_eq!(value.clone().into_value(), Some("text".to_owned()));
    assert!(Nullable::<u8>::Null.is_null());
    assert!(Nullable::<u8>::default().is_absent());
    assert_eq!(Nullable::<u8>::Null.value(), None);
    assert_eq!(Nullable::from(Some(4)), Nullable::Value(4));
    assert_eq!(Nullable::<u8>::from(None), Nullable::Null);
    // Compared with an `Option`, both absent and null are `None`.
    assert!(Nullable::Value(4) == Some(4));
    assert!(Nullable::<u8>::Null == None);
    assert!(Nullable::<u8>::Absent == None);
    assert!(Nullable::Value(4) != None);
}

// Base64.

#[test]
fn base64_encodes_rfc_4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (bytes, text) in vectors {
        let value = Base64(bytes.as_bytes().to_vec());
        assert_eq!(value.encode(), text);
        assert_eq!(Base64::decode(text), Some(value.clone()));
        assert_eq!(write(&value), format!("\"{text}\""));
        assert_eq!(read::<Base64>(&format!("\"{text}\"")), value);
    }
}

#[test]
fn base64_round_trips_every_byte() {
    let all: Vec<u8> = (0..=255).collect();
    for length in 0..all.len() {
        let value = Base64::from(all[length..].to_vec());
        assert_eq!(Base64::decode(&value.encode()), Some(value));
    }
    assert_eq!(
        Base64(vec![0xfb, 0xff, 0xbf]).encode(),
        "+/+/",
        "the standard alphabet is written"
    );
}

#[test]
fn base64_reads_url_safe_unpadded_and_wrapped_text() {
    assert_eq!(Base64::decode("-_-_"), Some(Base64(vec![0xfb, 0xff, 0xbf])));
    assert_eq!(Base64::decode("Zm9vYg"), Some(Base64(b"foob".to_vec())));
    assert_eq!(
        Base64::decode("Zm9v\r\nYmFy\n"),
        Some(Base64(b"foobar".to_vec()))
    );
    assert_eq!(Base64::decode(" Zm 8= "), Some(Base64(b"fo".to_vec())));
}

#[test]
fn base64_refuses_what_is_not_base64() {
    for text in ["Zm9v!", "Z", "Zm9vY", "Zg==Zg==", "Zm9v=a", "é"] {
        assert_eq!(Base64::decode(text), None, "{text:?}");
    }
    match serde_json::from_str::<Base64>("\"Zm9v!\"") {
        Err(error) => assert!(error.to_string().starts_with("invalid base64"), "{error}"),
        Ok(value) => panic!("read {value:?}"),
    }
}

// Timestamps that may lack an offset.

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    match Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single() {
        Some(time) => time,
        None => panic!("no such time"),
    }
}

#[test]
fn timestamps_without_an_offset_are_utc() {
    let noon = utc(2024, 3, 1, 12, 30, 0);
    assert_eq!(parse_assume_utc("2024-03-01T12:30:00Z").ok(), Some(noon));
    assert_eq!(
        parse_assume_utc("2024-03-01T14:30:00+02:00").ok(),
        Some(noon)
    );
    assert_eq!(parse_assume_utc("2024-03-01T12:30:00").ok(), Some(noon));
    assert_eq!(
        parse_assume_utc("2024-03-01T12:30:00.250").ok(),
        Some(noon + chrono::Duration::milliseconds(250))
    );
    for garbage in [
        "2024-03-01",
        "12:30:00",
        "2024-03-01 12:30",
        "2024-13-01T00:00:00",
        "",
        "now",
    ] {
        assert!(parse_assume_utc(garbage).is_err(), "{garbage:?}");
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Event {
    #[serde(with = "datetime::assume_utc")]
    at: DateTime<Utc>,
    #[serde(with = "datetime::assume_utc_option")]
    until: Option<DateTime<Utc>>,
    #[serde(
        default,
        skip_serializing_if = "Nullable::is_absent",
        with = "datetime::assume_utc_nullable"
    )]
    seen: Nullable<DateTime<Utc>>,
}

#[test]
fn timestamp_fields_round_trip() {
    let event: Event = read(r#"{"at":"2024-03-01T12:30:00","until":null}"#);
    assert_eq!(
        event,
        Event {
            at: utc(2024, 3, 1, 12, 30, 0),
            until: None,
            seen: Nullable::Absent
        }
    );
    assert_eq!(
        write(&event),
        r#"{"at":"2024-03-01T12:30:00+00:00","until":null}"#
    );

    let event: Event =
        read(r#"{"at":"2024-03-01T12:30:00Z","until":"2024-03-02T00:00:00","seen":null}"#);
    assert_eq!(event.until, Some(utc(2024, 3, 2, 0, 0, 0)));
    assert_eq!(event.seen, Nullable::Null);
    assert_eq!(
        write(&event),
        r#"{"at":"2024-03-01T12:30:00+00:00","until":"2024-03-02T00:00:00+00:00","seen":null}"#
    );

    let event: Event =
        read(r#"{"at":"2024-03-01T12:30:00Z","until":null,"seen":"2024-03-03T08:00:00-01:00"}"#);
    assert_eq!(event.seen, Nullable::Value(utc(2024, 3, 3, 9, 0, 0)));
    assert!(serde_json::from_str::<Event>(r#"{"at":"yesterday","until":null}"#).is_err());
}

// Discriminated unions.

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Card {
    kind: Option<String>,
    last4: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Bank {
    iban: String,
}

#[derive(Debug, PartialEq)]
enum Method {
    Card(Card),
    Bank(Bank),
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Method::Card(card) => tagged::serialize(serializer, "kind", "card", card),
            Method::Bank(bank) => tagged::serialize(serializer, "kind", "bank", bank),
        }
    }
}

impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (tag, value) = tagged::split(deserializer, "kind")?;
        match tag.as_str() {
            "card" => tagged::variant(value).map(Method::Card),
            "bank" => tagged::variant(value).map(Method::Bank),
            other => Err(serde::de::Error::custom(format_args!(
                "unknown kind {other:?}"
            ))),
        }
    }
}

#[test]
fn discriminated_unions_round_trip() {
    let card: Method = read(r#"{"kind":"card","last4":"4242"}"#);
    assert_eq!(
        card,
        Method::Card(Card {
            kind: Some("card".to_owned()),
            last4: "4242".to_owned()
        })
    );
    assert_eq!(write(&card), r#"{"kind":"card","last4":"4242"}"#);
    // A variant whose type lacks the tag property gets it written; one that wrote null gets it filled in.
    let bank = Method::Bank(Bank {
        iban: "X1".to_owned(),
    });
    assert_eq!(write(&bank), r#"{"iban":"X1","kind":"bank"}"#);
    let untagged = Method::Card(Card {
        kind: None,
        last4: "1".to_owned(),
    });
    assert_eq!(write(&untagged), r#"{"kind":"card","last4":"1"}"#);

    for (json, message) in [
        (
            r#"{"last4":"1"}"#,
            "expected an object with a string property `kind`",
        ),
        (
            r#"{"kind":7}"#,
            "expected an object with a string property `kind`",
        ),
        (r#"{"kind":"cash"}"#, "unknown kind \"cash\""),
    ] {
        match serde_json::from_str::<Method>(json) {
            Err(error) => assert!(error.to_string().starts_with(message), "{json}: {error}"),
            Ok(value) => panic!("{json} read as {value:?}"),
        }
    }
}
