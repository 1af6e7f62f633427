//! Names what each operation adds to the generated module beyond its method and builder (its marker type in
//! `operations`, its typed stub's constructor, setters and answers) and finds the parameters that every
//! operation takes alike, whose setters are written once for all builders.

use crate::ir::{Operation, Param, StubNames};
use crate::names::{MOCK_SERVER_METHODS, OPERATIONS_MODULE_ITEMS, STUB_METHODS, Scope};

/// Names every operation's marker and stub methods. `enveloped`: the API's failures are envelopes, which
/// one `respond_error` answers instead of a method per failure status. `universal`: the parameters every
/// operation takes alike ([`universal_params`]), whose stub setters are one method for every stub.
pub fn name_operation_items(operations: &mut [Operation], enveloped: bool, universal: &[Param]) {
    let mut markers = Scope::with_reserved(OPERATIONS_MODULE_ITEMS);
    let mut constructors = Scope::with_reserved(MOCK_SERVER_METHODS);
    for operation in operations.iter_mut() {
        // The marker is the builder's name without `Builder`.
        let name = &operation.builder_name;
        let stem = name.strip_suffix("Builder").filter(|stem| !stem.is_empty());
        operation.marker = markers.claim(stem.unwrap_or(name));
        operation.stub = stub_names(
            operation,
            constructors.claim(&operation.method_name),
            enveloped,
            universal,
        );
    }
}

/// The names of one operation's stub methods: one setter per parameter, `body`, one answer per documented
/// status, and `respond_error` for an enveloped API.
fn stub_names(
    operation: &Operation,
    constructor: String,
    enveloped: bool,
    universal: &[Param],
) -> StubNames {
    let mut names = Scope::with_reserved(STUB_METHODS);
    // The universal parameters' setters are shared by every stub, so they are named first, before anything
    // of the operation's own could take their names: every operation then gives them the same names.
    let universal_names: Vec<String> = universal
        .iter()
        .map(|param| names.claim(&param.rust_name))
        .collect();
    let params = operation
        .params
        .iter()
        .map(|param| {
            let shared = universal.iter().position(|shared| shared == param);
            match shared.and_then(|index| universal_names.get(index)) {
                Some(name) => name.clone(),
                None => names.claim(&param.rust_name),
            }
        })
        .collect();
    let body = operation.body.as_ref().map(|_| names.claim("body"));
    let answers = operation
        .responses
        .iter()
        .map(|response| {
            (!enveloped || response.status.is_success()).then(|| {
                let key = response.status.key().to_ascii_lowercase();
                names.claim(&format!("respond_{key}"))
            })
        })
        .collect();
    let error =
        (enveloped && !operation.responses.is_empty()).then(|| names.claim("respond_error"));
    StubNames {
        constructor,
        params,
        body,
        answers,
        error,
    }
}

/// The optional parameters every operation has, identically (Google's `alt`, `fields`, `key`...): their
/// setters are written once for all the API's builders and mock stubs, not once per operation. None for an API of one
/// operation, whose parameters are its own.
pub fn universal_params(operations: &[Operation]) -> Vec<Param> {
    let (Some(first), Some(_)) = (operations.first(), operations.get(1)) else {
        return Vec::new();
    };
    first
        .params
        .iter()
        .filter(|param| !param.required)
        .filter(|param| {
            operations
                .iter()
                .all(|operation| operation.params.contains(param))
        })
        .cloned()
        .collect()
}
