//! The runtime's exact decimals on their own: every digit of a JSON amount survives reading and writing, in
//! numbers and strings, through `Option`, `Vec` and `Nullable`, with serde_json's `arbitrary_precision` off
//! (nothing in this workspace enables it).

use rust_decimal::Decimal;
use specgen_runtime::Nullable;
use specgen_runtime::decimal::{Exact, parse};

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Amounts {
    #[serde(with = "specgen_runtime::decimal")]
    total: Decimal,
    #[serde(with = "specgen_runtime::decimal::text")]
    as_text: Decimal,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "specgen_runtime::decimal"
    )]
    maybe: Option<Decimal>,
    #[serde(with = "specgen_runtime::decimal")]
    list: Vec<Decimal>,
    #[serde(
        default,
        skip_serializing_if = "Nullable::is_absent",
        with = "specgen_runtime::decimal"
    )]
    cleared: Nullable<Decimal>,
}

#[test]
fn every_digit_survives_a_round_trip() -> Result<(), Box<dyn std::error::Error>> {
    let json = r#"{"total":1234567890.123456789,"as_text":"0.10","maybe":1.10,"list":[0.1,1e-3,7],"cleared":null}"#;
    let amounts: Amounts = serde_json::from_str(json)?;
    assert_eq!(amounts.total.to_string(), "1234567890.123456789");
    assert_eq!(amounts.as_text.to_string(), "0.10");
    assert_eq!(
        amounts.maybe.map(|d| d.to_string()).as_deref(),
        Some("1.10")
    );
    assert_eq!(amounts.cleared, Nullable::Null);
    let written = serde_json::to_string(&amounts)?;
    assert_eq!(
        written,
        r#"{"total":1234567890.123456789,"as_text":"0.10","maybe":1.10,"list":[0.1,0.001,7],"cleared":null}"#
    );
    Ok(())
}

#[test]
fn strings_are_read_where_numbers_are_expected_and_garbage_is_an_error() {
    let read = |json: &str| serde_json::from_str::<Amounts>(json);
    let good = read(r#"{"total":"19.99","as_text":2.5,"list":[]}"#);
    assert!(good.is_ok_and(|a| a.total.to_string() == "19.99" && a.as_text.to_string() == "2.5"));
    assert!(read(r#"{"total":"abc","as_text":"1","list":[]}"#).is_err());
    assert!(read(r#"{"total":true,"as_text":"1","list":[]}"#).is_err());
    // More digits than a Decimal holds is refused rather than rounded.
    assert!(read(r#"{"total":1.00000000000000000000000000001,"as_text":"1","list":[]}"#).is_err());
}

#[test]
fn exact_wrapper_writes_parameters_with_every_digit() -> Result<(), Box<dyn std::error::Error>> {
    let value = parse("1234567890.123456789")?;
    assert_eq!(
        serde_json::to_string(&Exact::number(&value))?,
        "1234567890.123456789"
    );
    assert_eq!(
        serde_json::to_string(&Exact::text(&value))?,
        "\"1234567890.123456789\""
    );
    Ok(())
}
