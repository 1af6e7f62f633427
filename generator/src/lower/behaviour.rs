//! The runtime behaviours a spec switches on with extensions: whether an operation may be retried
//! (`x-specgen-idempotent`, `x-specgen-idempotency-key`), which envelope codes ask for a retry
//! (`x-specgen-retryable-codes`), how a list pages (`x-specgen-pagination`) and which operation tells
//! when an asynchronous request ends (`x-specgen-poll`).

use crate::diagnostics::{Diagnostic, pointer_token};
use crate::extensions as ext;
use crate::ir::{
    Envelope, Method, Operation, PageItems, PageKind, Pagination, Param, ParamLocation, Poll,
    Presence, Response, ResponseBody, Type, TypeDef, TypeKind,
};

/// Whether sending the operation twice acts like sending it once, and the header of its idempotency
/// key (lowercase), if it has one.
pub fn idempotency(
    operation: &openapiv3::Operation,
    method: Method,
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (bool, Option<String>) {
    // RFC 9110: these methods are idempotent; POST and PATCH are not.
    let by_method = matches!(
        method,
        Method::Get | Method::Head | Method::Options | Method::Put | Method::Delete | Method::Trace
    );
    let idempotent = ext::IDEMPOTENT
        .read(&operation.extensions)
        .unwrap_or(by_method);
    let key = match ext::IDEMPOTENCY_KEY.read(&operation.extensions) {
        Some(name) if is_header_name(&name) => Some(name.to_ascii_lowercase()),
        // Only the header's syntax is checked here; a value that is not text is the validate pass's.
        Some(_) => {
            diagnostics.push(
                Diagnostic::error(
                    format!("{pointer}/x-specgen-idempotency-key"),
                    "x-specgen-idempotency-key must name the header that carries the key",
                )
                .with_hint("for example `Idempotency-Key`"),
            );
            None
        }
        _ => None,
    };
    // A key header the operation also documents as a parameter is sent as the caller gives it; the
    // runtime fills it in only when it is absent.
    (idempotent, key)
}

/// The envelope error codes that ask for another attempt; they need an envelope to be read from.
pub fn retryable_codes(
    codes: Option<ext::Codes>,
    envelope: Option<&Envelope>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(ext::Codes(codes)) = codes else {
        return Vec::new();
    };
    let pointer = "/x-specgen-retryable-codes";
    if envelope.is_none() {
        diagnostics.push(
            Diagnostic::error(
                pointer,
                "x-specgen-retryable-codes needs x-specgen-envelope",
            )
            .with_hint("the envelope's errorCodeProperty says where an answer's code is"),
        );
        return Vec::new();
    }
    codes
}

/// Whether text is a valid HTTP header name (RFC 9110 token characters).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Reads `x-specgen-pagination`: which query parameter moves, how, and where the items are.
pub fn pagination(
    operation: &openapiv3::Operation,
    params: &[Param],
    responses: &[Response],
    types: &[TypeDef],
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Pagination> {
    let value = ext::PAGINATION.read(&operation.extensions)?;
    let pointer = format!("{pointer}/x-specgen-pagination");
    let mut fail = |message: String| {
        diagnostics.push(Diagnostic::error(pointer.clone(), message).with_hint(
            "see the README's table of extensions for the fields of x-specgen-pagination",
        ));
        None
    };
    let param_name = value.param.as_str();
    let kind = match value.kind {
        ext::PageKind::Offset => PageKind::Offset,
        ext::PageKind::Page => PageKind::Page,
    };
    let cursor = params
        .iter()
        .find(|p| p.location == ParamLocation::Query && p.wire_name == param_name);
    match cursor {
        Some(param) if matches!(param.ty, Type::I32 | Type::I64) && !param.required => {}
        Some(_) => {
            return fail(format!(
                "x-specgen-pagination: the query parameter {param_name:?} must be an optional integer"
            ));
        }
        None => {
            return fail(format!(
                "x-specgen-pagination: the operation has no query parameter {param_name:?}"
            ));
        }
    }
    let Some(result) = responses.iter().find_map(|r| match &r.body {
        Some(ResponseBody::Json(ty)) if r.status.is_success() => Some(ty),
        _ => None,
    }) else {
        return fail("x-specgen-pagination: the operation has no JSON success answer".to_owned());
    };
    let items_pointer = value.items.as_str();
    let Some((items, item_type)) = page_items(result, items_pointer, types) else {
        return fail(format!(
            "x-specgen-pagination: `items` ({items_pointer:?}) must point to an array property of the result (\"\" for the result itself)"
        ));
    };
    Some(Pagination {
        param: value.param,
        kind,
        first: value.first,
        total: value.total,
        total_pages: value.total_pages,
        last_page_header: value.last_page_header,
        items,
        item_type,
    })
}

/// The list a pointer names in a result type, and its item type: the result itself (`""`) or one of
/// its properties (`/name`).
fn page_items(result: &Type, pointer: &str, types: &[TypeDef]) -> Option<(PageItems, Type)> {
    let resolved = |ty: &Type| -> Option<Type> {
        let mut ty = ty.clone();
        // Aliases of aliases end at a real type; the bound keeps a malformed chain from looping.
        for _ in 0..types.len() + 1 {
            match ty {
                Type::Named(id) => match types.get(id.0).map(|t| &t.kind) {
                    Some(TypeKind::Alias(inner)) => ty = inner.clone(),
                    _ => return Some(Type::Named(id)),
                },
                other => return Some(other),
            }
        }
        None
    };
    if pointer.is_empty() {
        return match resolved(result)? {
            Type::Array(item) => Some((PageItems::Whole, *item)),
            _ => None,
        };
    }
    let property = pointer.strip_prefix('/')?;
    let Type::Named(id) = resolved(result)? else {
        return None;
    };
    let TypeKind::Struct(fields) = &types.get(id.0)?.kind else {
        return None;
    };
    let field = fields
        .iter()
        .find(|f| f.wire_name == property && !f.flatten)?;
    let Type::Array(item) = resolved(&field.ty)? else {
        return None;
    };
    Some((
        PageItems::Field {
            rust_name: field.rust_name.clone(),
            optional: field.is_option(),
            nullable: field.presence() == Presence::OptionalNullable,
        },
        *item,
    ))
}

/// Reads `x-specgen-poll`: the status operation, how its arguments come from this result, and which
/// statuses are still pending. The status operation is checked once every operation is lowered.
pub fn poll(operation: &openapiv3::Operation) -> Option<Poll> {
    let value = ext::POLL.read(&operation.extensions)?;
    Some(Poll {
        operation_id: value.operation_id,
        target: 0,
        arguments: value.arguments.into_iter().collect(),
        status: value.status,
        pending: value.pending,
    })
}

/// Checks every `x-specgen-poll` against the operation it names: it exists, and each of its
/// required parameters gets an argument. A poll that does not fit is dropped with an error.
pub fn check_polls(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    let mut problems = Vec::new();
    for (index, operation) in operations.iter().enumerate() {
        let Some(poll) = &operation.poll else {
            continue;
        };
        let problem = match operations.iter().find(|o| o.id == poll.operation_id) {
            None => Some(format!(
                "there is no operation {:?} to poll",
                poll.operation_id
            )),
            Some(target) => target
                .params
                .iter()
                .find(|p| {
                    p.required && !poll.arguments.iter().any(|(name, _)| *name == p.wire_name)
                })
                .map(|p| {
                    format!(
                        "no argument gives {:?} its parameter {:?}",
                        poll.operation_id, p.wire_name
                    )
                })
                .or_else(|| {
                    poll.arguments
                        .iter()
                        .find(|(name, _)| {
                            !target
                                .params
                                .iter()
                                .any(|p| p.required && p.wire_name == *name)
                        })
                        .map(|(name, _)| {
                            format!("{:?} has no required parameter {name:?}", poll.operation_id)
                        })
                })
                .or_else(|| {
                    target.body.as_ref().filter(|b| b.required).map(|_| {
                        format!(
                            "{:?} needs a request body, which polling cannot give",
                            poll.operation_id
                        )
                    })
                }),
        };
        if let Some(problem) = problem {
            problems.push((index, problem));
        }
    }
    for (index, problem) in problems {
        if let Some(operation) = operations.get_mut(index) {
            diagnostics.push(Diagnostic::error(
                format!("/paths/{}", pointer_token(&operation.path)),
                format!("operation {:?}: x-specgen-poll: {problem}", operation.id),
            ));
            operation.poll = None;
        }
    }
}

/// Points every poll at its status operation's index, once the operations are final. `send_and_wait()`
/// returns the errors of both operations, so they must share one error type: a poll whose status
/// operation has another is reported and dropped.
pub fn resolve_polls(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    let targets: Vec<Option<(usize, crate::ir::AnswerType)>> = operations
        .iter()
        .map(|operation| {
            let poll = operation.poll.as_ref()?;
            operations
                .iter()
                .position(|o| o.id == poll.operation_id)
                .and_then(|index| {
                    operations
                        .get(index)
                        .map(|o| (index, o.output.error.clone()))
                })
        })
        .collect();
    for (operation, target) in operations.iter_mut().zip(targets) {
        let Some(poll) = &mut operation.poll else {
            continue;
        };
        match target {
            Some((index, error)) if error == operation.output.error => poll.target = index,
            Some(_) => {
                diagnostics.push(Diagnostic::warning(
                    format!("/paths/{}", pointer_token(&operation.path)),
                    format!(
                        "operation {:?}: x-specgen-poll is ignored: {:?} has another error type",
                        operation.id, poll.operation_id
                    ),
                ));
                operation.poll = None;
            }
            // The status operation could not be lowered: that error is reported already.
            None => operation.poll = None,
        }
    }
}
