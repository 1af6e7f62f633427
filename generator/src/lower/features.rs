//! Decides the cargo features per tag (`Options::features_by_tag`): one feature per tag of the operations,
//! the features of each operation, and of each type the features of every operation that reaches it
//! through the type graph, so that a crate built with one tag's feature compiles exactly what that tag
//! needs.

use crate::ir::{
    AnswerType, Api, BodyType, FULL_FEATURE, Feature, FormFieldKind, Gate, Operation, ResponseBody,
    Type, TypeKind, UNTAGGED_FEATURE,
};
use crate::names::Scope;
use heck::ToSnakeCase;
use std::collections::{BTreeMap, BTreeSet};

/// Feature names a tag's feature never takes: the generated crate's own features.
const RESERVED: &[&str] = &["mock", FULL_FEATURE, "default", UNTAGGED_FEATURE];

/// Writes the gates of every operation, type and universal setter, and the list of features, into `api`.
pub fn decide(api: &mut Api) {
    let names = feature_names(api.operations.iter().flat_map(|op| &op.tags));
    let mut features: Vec<BTreeSet<usize>> = Vec::new();
    let mut list: Vec<Feature> = names
        .iter()
        .map(|(tag, name)| Feature {
            name: name.clone(),
            tag: Some(tag.clone()),
        })
        .collect();
    let untagged = list.len();
    if api.operations.iter().any(|op| op.tags.is_empty()) {
        list.push(Feature {
            name: UNTAGGED_FEATURE.to_owned(),
            tag: None,
        });
    }
    let index_of: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(index, (tag, _))| (tag.as_str(), index))
        .collect();
    for operation in &api.operations {
        let own: BTreeSet<usize> = if operation.tags.is_empty() {
            BTreeSet::from([untagged])
        } else {
            operation
                .tags
                .iter()
                .filter_map(|tag| index_of.get(tag.as_str()).copied())
                .collect()
        };
        features.push(own);
    }
    propagate(&api.operations, &mut features);
    let type_features = reach(api, &features);
    let any = |set: &BTreeSet<usize>| -> Gate {
        let mut names: Vec<String> = set
            .iter()
            .filter_map(|&i| list.get(i).map(|feature| feature.name.clone()))
            .collect();
        names.sort();
        names.dedup();
        if names.is_empty() {
            Gate::Any(vec![FULL_FEATURE.to_owned()])
        } else {
            Gate::Any(names)
        }
    };
    // What every feature compiles is always compiled: its `cfg` would list them all (GitHub has dozens),
    // and what it names is reached by every feature too, so it is always compiled as well.
    let gate = |set: &BTreeSet<usize>| -> Gate {
        if set.len() == list.len() {
            Gate::Always
        } else {
            any(set)
        }
    };
    for (operation, set) in api.operations.iter_mut().zip(&features) {
        operation.gate = gate(set);
    }
    for (def, set) in api.types.iter_mut().zip(&type_features) {
        def.gate = gate(set);
    }
    let every: BTreeSet<usize> = features.iter().flatten().copied().collect();
    // The envelope constant is private: unused, it would warn, so it goes with the operations (always
    // compiled when one of them is).
    let always = api.operations.iter().any(|op| op.gate == Gate::Always);
    api.gating.any_operation = if always || every.is_empty() {
        Gate::Always
    } else {
        any(&every)
    };
    api.gating.universal = api
        .universal_params
        .iter()
        .map(|param| {
            let mut named = Vec::new();
            named_types(&param.ty, &mut named);
            let set: BTreeSet<usize> = named
                .iter()
                .filter_map(|&id| type_features.get(id))
                .flatten()
                .copied()
                .collect();
            if named.is_empty() {
                Gate::Always
            } else {
                gate(&set)
            }
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    api.gating.features = list;
}

/// The feature name of each tag the operations use, by tag: heck's snake_case reduced to ASCII letters,
/// digits and `_` (what Cargo and `cfg(feature = "...")` take everywhere), numbered on a collision and
/// never one of [`RESERVED`]. Tags are named in sorted order, so the names do not depend on the spec's
/// order of operations.
fn feature_names<'a>(tags: impl IntoIterator<Item = &'a String>) -> BTreeMap<String, String> {
    let tags: BTreeSet<&String> = tags.into_iter().collect();
    let mut scope = Scope::with_reserved(RESERVED);
    tags.into_iter()
        .map(|tag| {
            let snake: String = tag
                .to_snake_case()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let mut name = snake
                .split('_')
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("_");
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                name = format!("tag_{name}").trim_end_matches('_').to_owned();
            }
            (tag.clone(), scope.claim(&name))
        })
        .collect()
}

/// Adds to an operation the features of every operation that needs it in its own code: the target of a
/// poll (its builder's `send_and_wait` calls it) and a token exchange (the credential of the schemes an
/// operation uses; the client builder's `..._via_...` setter calls it). Repeated until nothing changes,
/// since a target can need another.
fn propagate(operations: &[Operation], features: &mut [BTreeSet<usize>]) {
    let mut needs: Vec<(usize, usize)> = Vec::new();
    for (index, operation) in operations.iter().enumerate() {
        if let Some(poll) = &operation.poll {
            needs.push((index, poll.target));
        }
        for (exchange_index, exchange) in operations.iter().enumerate() {
            let Some(token) = &exchange.token_exchange else {
                continue;
            };
            let uses = operation
                .security
                .iter()
                .any(|alternative| alternative.contains(&token.scheme));
            if uses && exchange_index != index {
                needs.push((index, exchange_index));
            }
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for &(user, needed) in &needs {
            let add: Vec<usize> = match (features.get(user), features.get(needed)) {
                (Some(from), Some(to)) => from.difference(to).copied().collect(),
                _ => Vec::new(),
            };
            if let Some(to) = features.get_mut(needed) {
                changed |= !add.is_empty();
                to.extend(add);
            }
        }
    }
}

/// For each type, the features (indexes) of the operations that reach it through fields, variants,
/// items, map values and aliases; none for a type no operation reaches (it is compiled under `full`, which
/// turns every feature on, so what it names is compiled with it).
fn reach(api: &Api, features: &[BTreeSet<usize>]) -> Vec<BTreeSet<usize>> {
    let edges: Vec<Vec<usize>> = api
        .types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            kind_types(&def.kind, &mut out);
            out
        })
        .collect();
    let mut roots: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (operation, set) in api.operations.iter().zip(features) {
        let mut named = Vec::new();
        operation_types(api, operation, &mut named);
        for &feature in set {
            roots
                .entry(feature)
                .or_default()
                .extend(named.iter().copied());
        }
    }
    let mut result = vec![BTreeSet::new(); api.types.len()];
    for (feature, start) in roots {
        let mut stack = start;
        while let Some(id) = stack.pop() {
            let Some(set) = result.get_mut(id) else {
                continue;
            };
            if set.insert(feature) {
                stack.extend(edges.get(id).into_iter().flatten().copied());
            }
        }
    }
    result
}

/// The named types an operation's own code names: parameters, bodies, answers, headers, paging items and
/// the envelope's codes.
fn operation_types(api: &Api, operation: &Operation, out: &mut Vec<usize>) {
    for param in &operation.params {
        named_types(&param.ty, out);
    }
    for media in operation.body.iter().flat_map(|body| &body.media) {
        match &media.ty {
            BodyType::Typed(ty) => named_types(ty, out),
            BodyType::MultipartForm(form) => {
                for field in &form.fields {
                    if let FormFieldKind::Value(ty) = &field.kind {
                        named_types(ty, out);
                    }
                }
            }
            BodyType::Text | BodyType::Bytes | BodyType::AnyMultipart => {}
        }
    }
    for response in &operation.responses {
        if let Some(ResponseBody::Json(ty)) = &response.body {
            named_types(ty, out);
        }
    }
    for field in operation.response_headers.iter().flat_map(|h| &h.fields) {
        named_types(&field.ty, out);
    }
    answer_types(&operation.output.success, out);
    answer_types(&operation.output.error, out);
    if let Some(paging) = &operation.pagination {
        named_types(&paging.item_type, out);
    }
    if let Some(codes) = api.envelope.as_ref().and_then(|e| e.error_codes) {
        out.push(codes.0);
    }
}

fn answer_types(answer: &AnswerType, out: &mut Vec<usize>) {
    match answer {
        AnswerType::Value(ty) | AnswerType::Envelope(ty) => named_types(ty, out),
        AnswerType::Option(inner) => answer_types(inner, out),
        AnswerType::Unit
        | AnswerType::Never
        | AnswerType::Text
        | AnswerType::Binary
        | AnswerType::SuccessEnum(_) => {}
    }
}

/// The named types a type kind holds, through containers.
fn kind_types(kind: &TypeKind, out: &mut Vec<usize>) {
    match kind {
        TypeKind::Struct(fields) => fields.iter().for_each(|f| named_types(&f.ty, out)),
        TypeKind::Untagged(variants) => variants.iter().for_each(|v| named_types(&v.ty, out)),
        TypeKind::Tagged(union) => union.variants.iter().for_each(|v| named_types(&v.ty, out)),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => named_types(ty, out),
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
    }
}

/// The named types in a type, through arrays, maps and boxes.
fn named_types(ty: &Type, out: &mut Vec<usize>) {
    match ty {
        Type::Named(id) => out.push(id.0),
        Type::Array(inner) | Type::Map(inner) | Type::Boxed(inner) => named_types(inner, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::feature_names;
    use crate::ir::{Api, Gate};

    /// The `features_by_tag` construct fixture, lowered with features by tag.
    fn fixture() -> Api {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("constructs/specs/features_by_tag.yaml");
        let options = crate::lower::Options {
            features_by_tag: true,
            ..Default::default()
        };
        match crate::load::load(&spec) {
            Ok(mut document) => crate::lower::lower(&mut document, options).0,
            Err(problems) => panic!("does not load: {problems:?}"),
        }
    }

    fn show(gate: &Gate) -> String {
        match gate {
            Gate::Always => "always".to_owned(),
            Gate::Any(features) => features.join(" | "),
        }
    }

    #[test]
    fn each_type_is_gated_by_the_features_of_the_operations_that_reach_it() {
        let api = fixture();
        let features: Vec<String> = api
            .gating
            .features
            .iter()
            .map(|f| format!("{}={}", f.name, f.tag.as_deref().unwrap_or("-")))
            .collect();
        assert_eq!(
            features,
            [
                "default-tag=-",
                "mock2=mock",
                "pets=pets",
                "store_front=Store Front",
                "users=users"
            ]
        );
        let operation = |id: &str| {
            let found = api.operations.iter().find(|op| op.id == id);
            found.map_or("?".to_owned(), |op| show(&op.gate))
        };
        assert_eq!(operation("listPets"), "pets");
        // Two tags: on when either is.
        assert_eq!(operation("placeOrder"), "pets | store_front");
        // The status operation placeOrder polls is compiled with it.
        assert_eq!(operation("getOrder"), "pets | store_front");
        assert_eq!(operation("health"), "default-tag");
        assert_eq!(operation("echo"), "mock2");
        let ty = |name: &str| {
            let found = api.types.iter().find(|def| def.name == name);
            found.map_or("?".to_owned(), |def| show(&def.gate))
        };
        assert_eq!(ty("NewPet"), "pets");
        // Through a field of a type of two tags.
        assert_eq!(ty("Owner"), "pets | store_front");
        assert_eq!(ty("PetKind"), "pets | store_front");
        // Only one tag's: a recursive type, its union and their items.
        for name in ["User", "Contact", "Email", "Phone", "Address"] {
            assert_eq!(ty(name), "users", "{name}");
        }
        // The error type of every tagged operation; the universal parameter's enum, of all.
        assert_eq!(ty("Problem"), "pets | store_front | users");
        // What every feature reaches is always compiled: the universal parameter's enum and its setter.
        assert_eq!(ty("Language"), "always");
        assert_eq!(
            api.gating.universal.iter().map(show).collect::<Vec<_>>(),
            ["always"]
        );
        assert_eq!(
            show(&api.gating.any_operation),
            "default-tag | mock2 | pets | store_front | users"
        );
        // No operation uses them.
        assert_eq!(ty("Legacy"), "full");
        assert_eq!(ty("LegacyPart"), "full");
    }

    #[test]
    fn without_features_by_tag_nothing_is_gated() {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("constructs/specs/features_by_tag.yaml");
        let api = match crate::load::load(&spec) {
            Ok(mut document) => crate::lower::lower(&mut document, Default::default()).0,
            Err(problems) => panic!("does not load: {problems:?}"),
        };
        assert_eq!(api.gating, Default::default());
        assert!(api.types.iter().all(|def| def.gate == Gate::Always));
        assert!(api.operations.iter().all(|op| op.gate == Gate::Always));
    }

    #[test]
    fn feature_names_are_snake_case_unique_and_never_reserved() {
        let tags: Vec<String> = [
            "Repos", "repos", "Git Data", "mock", "full", "2fa", "café!", "default", "Git Data",
        ]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
        let names = feature_names(&tags);
        assert_eq!(names.len(), 8);
        let name = |tag: &str| names.get(tag).map(String::as_str);
        assert_eq!(name("Repos"), Some("repos"));
        assert_eq!(name("repos"), Some("repos2"));
        assert_eq!(name("Git Data"), Some("git_data"));
        assert_eq!(name("mock"), Some("mock2"));
        assert_eq!(name("full"), Some("full2"));
        assert_eq!(name("default"), Some("default2"));
        assert_eq!(name("2fa"), Some("tag_2fa"));
        assert_eq!(name("café!"), Some("caf"));
    }
}
