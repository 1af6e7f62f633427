//! Where each part of a converted document came from: pointers of the converted (OpenAPI 3.0 shaped) tree
//! mapped back to pointers of the original text, so that a problem found after conversion is still shown
//! where the user wrote it.

use std::collections::BTreeMap;

/// Moves recorded while converting a document: a converted pointer (and everything under it) came from an
/// original pointer. Pointers under no recorded move are where they were.
///
/// A conversion that runs in passes records each pass in a layer of its own, whose original pointers are
/// pointers of the tree the previous pass left: a pointer is taken back through the layers, last first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointerMap {
    layers: Vec<BTreeMap<String, String>>,
}

impl PointerMap {
    /// Records that the node at `converted` (and what lies under it) was written at `original`. A later
    /// record for the same pointer wins (the conversion's last word on where a node came from).
    pub fn record(&mut self, converted: impl Into<String>, original: impl Into<String>) {
        let (converted, original) = (converted.into(), original.into());
        if converted == original {
            return;
        }
        if self.layers.is_empty() {
            self.layers.push(BTreeMap::new());
        }
        if let Some(layer) = self.layers.last_mut() {
            layer.insert(converted, original);
        }
    }

    /// Starts a pass: what is recorded from now on maps pointers of the next tree to pointers of the tree
    /// as it is now.
    pub fn next_layer(&mut self) {
        self.layers.push(BTreeMap::new());
    }

    /// The original pointer of `pointer`: the deepest recorded ancestor's original, with the rest of the
    /// pointer appended (a converted child under a moved node sits under the node's original place; when
    /// the child was made by the conversion, the locator stops at the deepest part it finds).
    pub fn original(&self, pointer: &str) -> String {
        self.layers
            .iter()
            .rev()
            .fold(pointer.to_owned(), |pointer, layer| {
                through(layer, &pointer)
            })
    }
}

/// `pointer` taken back through one layer of moves.
fn through(moves: &BTreeMap<String, String>, pointer: &str) -> String {
    let mut end = pointer.len();
    loop {
        let prefix = pointer.get(..end).unwrap_or_default();
        if let Some(original) = moves.get(prefix) {
            return format!("{original}{}", pointer.get(end..).unwrap_or_default());
        }
        match prefix.rfind('/') {
            Some(slash) => end = slash,
            None => return pointer.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PointerMap;

    #[test]
    fn pointers_map_through_their_deepest_move() {
        let mut map = PointerMap::default();
        map.record("/components/schemas", "/definitions");
        map.record("/paths/~1a/get/requestBody", "/paths/~1a/get/parameters/1");
        map.record(
            "/paths/~1a/get/requestBody/content/application~1json/schema",
            "/paths/~1a/get/parameters/1/schema",
        );
        assert_eq!(
            map.original("/components/schemas/Pet/type"),
            "/definitions/Pet/type"
        );
        assert_eq!(map.original("/components/schemasX"), "/components/schemasX");
        assert_eq!(
            map.original("/paths/~1a/get/requestBody/content/application~1json/schema/items"),
            "/paths/~1a/get/parameters/1/schema/items"
        );
        assert_eq!(
            map.original("/paths/~1a/get/requestBody/required"),
            "/paths/~1a/get/parameters/1/required"
        );
        assert_eq!(map.original("/info/title"), "/info/title");
        assert_eq!(map.original(""), "");
        map.next_layer();
        map.record(
            "/components/schemas/Pet/nullable",
            "/components/schemas/Pet/x-nullable",
        );
        assert_eq!(
            map.original("/components/schemas/Pet/nullable"),
            "/definitions/Pet/x-nullable"
        );
    }
}
