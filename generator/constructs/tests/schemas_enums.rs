//! `specs/schemas_enums.yaml`: string and integer enums keep unknown values; names come from the values or
//! `x-enum-varnames`; constants are one-value enums; number and boolean enumerations stay plain types.

use serde_json::json;
use specgen_constructs::runtime::Nullable;
use specgen_constructs::schemas_enums::{
    Colour, HttpStatus, Kind, NullableState, Priority, Version, Widget, WidgetLevel, WidgetSize,
};

#[test]
fn integer_enums_read_known_and_unknown_values_and_write_them_back() {
    let values: Vec<Priority> =
        serde_json::from_value(json!([1, 2, 3, -1, 42])).expect("priorities");
    assert_eq!(
        values,
        [
            Priority::Value1,
            Priority::Value2,
            Priority::Value3,
            Priority::ValueMinus1,
            Priority::Unknown(42)
        ]
    );
    assert_eq!(
        serde_json::to_value(&values).expect("json"),
        json!([1, 2, 3, -1, 42])
    );
    assert_eq!(Priority::ValueMinus1.value(), -1);
    assert_eq!(i64::from(Priority::Unknown(9)), 9);
    assert_eq!(Priority::from(3), Priority::Value3);
    assert_eq!(Priority::Value2.to_string(), "2");
    // Not an integer at all is still an error.
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
    assert!(serde_json::from_value::<Priority>(json!(1.5)).is_err());
}

#[test]
fn x_enum_varnames_name_the_variants() {
    let status: HttpStatus = serde_json::from_value(json!(404)).expect("status");
    assert_eq!(status, HttpStatus::NotFound);
    assert_eq!(HttpStatus::Ok.value(), 200);
    assert_eq!(HttpStatus::ServerError.to_string(), "500");
}

#[test]
fn string_enums_keep_unknown_values_and_odd_ones_get_names() {
    let values: Vec<Colour> =
        serde_json::from_value(json!(["red", "Green", "BLUE_ISH", "", "-red", "purple"]))
            .expect("colours");
    assert_eq!(
        values,
        [
            Colour::Red,
            Colour::Green,
            Colour::BlueIsh,
            Colour::Empty,
            Colour::MinusRed,
            Colour::Unknown("purple".to_owned())
        ]
    );
    assert_eq!(
        serde_json::to_value(&values).expect("json"),
        json!(["red", "Green", "BLUE_ISH", "", "-red", "purple"])
    );
}

#[test]
fn constants_are_one_value_enums() {
    assert_eq!(Kind::Widget.as_str(), "widget");
    assert_eq!(Version::Value2.value(), 2);
    assert_eq!(
        serde_json::from_value::<Kind>(json!("gadget")).expect("kind"),
        Kind::Unknown("gadget".to_owned())
    );
}

#[test]
fn a_widget_round_trips_with_every_kind_of_enumeration() {
    let text = json!({
        "kind": "widget", "version": 2, "priority": 3, "status": 200, "colour": "Green",
        "ratio": 1.5, "flag": true, "state": null, "size": "large", "level": 30
    });
    let widget: Widget = serde_json::from_value(text.clone()).expect("widget");
    assert_eq!(widget.kind, Kind::Widget);
    assert_eq!(widget.version, Some(Version::Value2));
    assert_eq!(widget.status, Some(HttpStatus::Ok));
    // Numbers and booleans are plain types: any value of the type is read.
    assert_eq!(widget.ratio, Some(1.5));
    assert_eq!(widget.flag, Some(true));
    assert_eq!(widget.state, Nullable::<NullableState>::Null);
    assert_eq!(widget.size, Some(WidgetSize::Large));
    assert_eq!(widget.level, Some(WidgetLevel::Unknown(30)));
    assert_eq!(serde_json::to_value(&widget).expect("json"), text);

    let open: Widget =
        serde_json::from_value(json!({"kind": "widget", "priority": 1, "state": "open"}))
            .expect("widget");
    assert_eq!(open.state, Nullable::Value(NullableState::Open));
}
