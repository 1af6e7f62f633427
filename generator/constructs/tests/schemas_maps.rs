//! `specs/schemas_maps.yaml`: `additionalProperties` beside `properties` collects the unlisted properties in
//! a flattened map (JSON values for `true`, typed values for a schema); alone it is a map; free-form objects
//! are JSON.

use serde_json::json;
use specgen_constructs::schemas_maps::{
    Anything, Catalogue, CatalogueValue, Closed, Counters, Labels, Scores,
};
use std::collections::BTreeMap;

#[test]
fn unlisted_properties_are_kept_as_json_and_written_back() {
    let text = json!({"id": "l1", "note": "n", "colour": "red", "weight": {"kg": 2}});
    let labels: Labels = serde_json::from_value(text.clone()).expect("labels");
    assert_eq!(labels.id, "l1");
    assert_eq!(labels.note.as_deref(), Some("n"));
    assert_eq!(
        labels.additional_properties,
        BTreeMap::from([
            ("colour".to_owned(), json!("red")),
            ("weight".to_owned(), json!({"kg": 2})),
        ])
    );
    assert_eq!(serde_json::to_value(&labels).expect("json"), text);
}

#[test]
fn typed_additional_properties_must_have_their_type() {
    let counters: Counters =
        serde_json::from_value(json!({"total": 3, "a": 1, "b": 2})).expect("counters");
    assert_eq!(counters.total, Some(3));
    assert_eq!(counters.additional_properties.get("b"), Some(&2));
    assert!(serde_json::from_value::<Counters>(json!({"total": 3, "a": "one"})).is_err());

    let catalogue: Catalogue = serde_json::from_value(json!({
        "name": "c", "additional_properties": "a listed property", "apple": {"price": 0.5}
    }))
    .expect("catalogue");
    assert_eq!(
        catalogue.additional_properties.as_deref(),
        Some("a listed property")
    );
    assert_eq!(
        catalogue.additional_properties2.get("apple"),
        Some(&CatalogueValue { price: Some(0.5) })
    );
}

#[test]
fn maps_closed_objects_and_free_form_objects() {
    let scores: Scores = serde_json::from_value(json!({"x": 1.5})).expect("scores");
    assert_eq!(scores.get("x"), Some(&1.5));
    // `additionalProperties: false`: unlisted properties are ignored on reading, never written.
    let closed: Closed = serde_json::from_value(json!({"only": "o", "extra": 1})).expect("closed");
    assert_eq!(
        serde_json::to_value(&closed).expect("json"),
        json!({"only": "o"})
    );
    let anything: Anything = json!({"any": ["thing"]});
    assert!(anything.is_object());
}
