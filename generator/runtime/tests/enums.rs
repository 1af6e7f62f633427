//! Open enums written with `enums::string_enum!` and `enums::integer_enum!`, as generated modules write them:
//! listed values map to variants, others are kept and written back as they were read.

use serde_json::json;
use specgen_runtime as runtime;
use specgen_runtime::enums::{IntegerEnum, StringEnum};

fn string_of<E: StringEnum>(value: E) -> String {
    value.into()
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Colour {
    Red,
    BlueIsh,
    Empty,
    // A variant named like `FromStr`'s associated type must not confuse the impls.
    Err,
    Unknown(String),
}
runtime::enums::string_enum!(
    runtime,
    Colour,
    Unknown,
    Red("red"),
    BlueIsh("BLUE_ISH"),
    Empty(""),
    Err("err"),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    Low,
    Minus,
    Other(i64),
}
runtime::enums::integer_enum!(runtime, Priority, Other, Low(1), Minus(-1));

#[test]
fn string_enums_map_listed_values_and_keep_the_rest() {
    let values: Vec<Colour> =
        serde_json::from_value(json!(["red", "BLUE_ISH", "", "err", "purple"])).expect("colours");
    assert_eq!(
        values,
        [
            Colour::Red,
            Colour::BlueIsh,
            Colour::Empty,
            Colour::Err,
            Colour::Unknown("purple".to_owned())
        ]
    );
    assert_eq!(
        serde_json::to_value(&values).expect("json"),
        json!(["red", "BLUE_ISH", "", "err", "purple"])
    );
    // Not a string at all is still an error.
    assert!(serde_json::from_value::<Colour>(json!(1)).is_err());
    assert!(serde_json::from_value::<Colour>(json!(null)).is_err());
}

#[test]
fn string_enums_convert_both_ways() {
    assert_eq!(Colour::BlueIsh.as_str(), "BLUE_ISH");
    assert_eq!(Colour::Unknown("x".to_owned()).as_str(), "x");
    assert_eq!(Colour::Red.wire(), "red");
    assert_eq!(Colour::from("red".to_owned()), Colour::Red);
    assert_eq!(
        Colour::from("new".to_owned()),
        Colour::Unknown("new".to_owned())
    );
    assert_eq!(String::from(Colour::Err), "err");
    assert_eq!(string_of(Colour::Unknown("moved".to_owned())), "moved");
    assert_eq!(String::from(Colour::Unknown("kept".to_owned())), "kept");
    assert_eq!(Colour::BlueIsh.to_string(), "BLUE_ISH");
    assert_eq!("".parse::<Colour>(), Ok(Colour::Empty));
    assert_eq!(
        "teal".parse::<Colour>(),
        Ok(Colour::Unknown("teal".to_owned()))
    );
}

#[test]
fn integer_enums_map_listed_values_and_keep_the_rest() {
    let values: Vec<Priority> = serde_json::from_value(json!([1, -1, 42])).expect("priorities");
    assert_eq!(
        values,
        [Priority::Low, Priority::Minus, Priority::Other(42)]
    );
    assert_eq!(
        serde_json::to_value(&values).expect("json"),
        json!([1, -1, 42])
    );
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
    assert!(serde_json::from_value::<Priority>(json!(1.5)).is_err());
    assert_eq!(Priority::Minus.value(), -1);
    assert_eq!(Priority::Other(7).wire(), 7);
    assert_eq!(Priority::from(1), Priority::Low);
    assert_eq!(<Priority as From<i64>>::from(3), Priority::Other(3));
    assert_eq!(i64::from(Priority::Minus), -1);
    assert_eq!(Priority::Minus.to_string(), "-1");
    assert_eq!(Priority::Other(9).to_string(), "9");
}
