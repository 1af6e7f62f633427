//! Visits the nodes of a document by their OpenAPI shape ([`Kind`]), letting a conversion rewrite each node
//! before its children are visited (so the children it makes are visited too, and data such as examples
//! is never mistaken for a node).

use crate::bundle::kinds::{Children, Kind};
use crate::diagnostics::pointer_token;
use serde_json::{Map, Value};

/// What a conversion does to one node: the node, its pointer and its kind.
pub type Visit<'a> = dyn FnMut(&mut Map<String, Value>, &str, Kind) + 'a;

/// Calls `visit` on the object at `pointer` (a `kind`) and then, recursively, on every node under it as the
/// rewritten node holds them. Schemas' `$defs` are walked too (JSON Schema 2020-12 keeps local definitions
/// there, older drafts `definitions`). Depth is bounded by the parsers' nesting limit (128 levels), so the recursion is too.
pub fn walk(node: &mut Value, pointer: &str, kind: Kind, visit: &mut Visit<'_>) {
    let Some(object) = node.as_object_mut() else {
        return;
    };
    visit(object, pointer, kind);
    for (key, value) in object.iter_mut() {
        let children = match (kind, key.as_str()) {
            (Kind::Schema, "$defs" | "definitions") => Some(Children::Map(Kind::Schema)),
            _ => kind.children(key),
        };
        let Some(children) = children else {
            continue;
        };
        let child = format!("{pointer}/{}", pointer_token(key));
        match children {
            Children::One(kind) => walk(value, &child, kind, visit),
            Children::Map(kind) => {
                for (name, value) in value.as_object_mut().into_iter().flatten() {
                    walk(
                        value,
                        &format!("{child}/{}", pointer_token(name)),
                        kind,
                        visit,
                    );
                }
            }
            Children::List(kind) => {
                for (index, value) in value.as_array_mut().into_iter().flatten().enumerate() {
                    walk(value, &format!("{child}/{index}"), kind, visit);
                }
            }
        }
    }
}
