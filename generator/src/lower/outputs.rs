//! Decides what each operation answers with: its success type (a body, `()`, an `Option` for a JSON answer
//! beside an empty one, or its per-status enum), its error type (one body type, `()`, free-form JSON when
//! several are documented, an envelope failure) and how every documented status is read. Emit prints the
//! result; an operation that cannot be given a type is reported here and dropped.

use crate::diagnostics::{Diagnostic, pointer_token};
use crate::ir::{
    AnswerType, BodyRead, Decode, Envelope, Operation, Output, Read, Response, ResponseBody,
    StatusMatch, Type,
};

/// Gives every operation its [`Output`]; operations that cannot have one are reported (errors) and
/// removed, and those whose errors lose their type are reported (warnings).
pub fn decide_outputs(
    operations: &mut Vec<Operation>,
    envelope: Option<&Envelope>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    operations.retain_mut(|operation| {
        let pointer = format!("/paths/{}", pointer_token(&operation.path));
        match output(operation, envelope) {
            Ok(output) => {
                if envelope.is_none() && several_error_bodies(operation) {
                    diagnostics.push(Diagnostic::warning(
                        pointer,
                        format!(
                            "operation {:?} documents several error body types; its errors decode as serde_json::Value",
                            operation.id
                        ),
                    ));
                }
                operation.output = output;
                true
            }
            Err(message) => {
                diagnostics.push(Diagnostic::error(
                    pointer,
                    format!("operation {:?}: {message}", operation.id),
                ));
                false
            }
        }
    });
}

/// The JSON type of an error body; text and bytes are kept raw on the error, as for undocumented bodies.
fn error_body(response: &Response) -> Option<&Type> {
    match &response.body {
        Some(ResponseBody::Json(ty)) => Some(ty),
        _ => None,
    }
}

/// The success type and how each success response reads.
fn success(
    operation: &Operation,
    successes: &[&Response],
) -> Result<(AnswerType, Vec<(StatusMatch, Read)>), String> {
    if let Some(name) = &operation.success_enum {
        let arms = successes
            .iter()
            .map(|r| {
                let body = r.body.as_ref().map(|body| BodyRead::from(Some(body)));
                let read = Read::Variant {
                    variant: r.variant.clone(),
                    body,
                };
                (r.status, read)
            })
            .collect();
        return Ok((AnswerType::SuccessEnum(name.clone()), arms));
    }
    let mut bodies: Vec<&ResponseBody> = successes.iter().filter_map(|r| r.body.as_ref()).collect();
    bodies.sort();
    bodies.dedup();
    let some_empty = successes.iter().any(|r| r.body.is_none());
    let arms = |read: &dyn Fn(&Response) -> Read| -> Vec<(StatusMatch, Read)> {
        successes.iter().map(|r| (r.status, read(r))).collect()
    };
    match bodies.as_slice() {
        [] => Ok((AnswerType::Unit, arms(&|_| Read::Body(BodyRead::Empty)))),
        // An empty JSON answer decodes as `None` (the runtime reads it as null), whatever its status.
        [one @ ResponseBody::Json(_)] if some_empty => Ok((
            AnswerType::Option(Box::new(AnswerType::from(*one))),
            arms(&|_| Read::Body(BodyRead::Json)),
        )),
        [one] if some_empty => {
            let arms = arms(&|r| match &r.body {
                Some(body) => Read::Some(BodyRead::from(Some(body))),
                None => Read::None,
            });
            Ok((AnswerType::Option(Box::new(AnswerType::from(*one))), arms))
        }
        [one] => Ok((
            AnswerType::from(*one),
            arms(&|r| Read::Body(BodyRead::from(r.body.as_ref()))),
        )),
        _ => {
            Err("several different success body types need an enum, which was not named".to_owned())
        }
    }
}

/// The operation's output, or why it cannot have one.
fn output(operation: &Operation, envelope: Option<&Envelope>) -> Result<Output, String> {
    let (successes, failures): (Vec<&Response>, Vec<&Response>) = operation
        .responses
        .iter()
        .partition(|r| r.status.is_success());
    if let Some(envelope) = envelope {
        if operation.success_enum.is_some() {
            return Err("an enveloped operation must document one success body type".to_owned());
        }
        let (success, _) = success(operation, &successes)?;
        let code = match envelope.error_codes {
            Some(id) => Type::Named(id),
            None => Type::String,
        };
        return Ok(Output {
            success,
            error: AnswerType::Envelope(code),
            decode: Decode::Envelope {
                documented: successes.iter().map(|r| r.status).collect(),
            },
        });
    }
    let (success, success_arms) = success(operation, &successes)?;
    let mut error_types: Vec<&Type> = failures.iter().filter_map(|r| error_body(r)).collect();
    error_types.sort();
    error_types.dedup();
    let all_have_bodies = failures.iter().all(|r| error_body(r).is_some());
    let (error, failure_read, free_form) = match (error_types.as_slice(), failures.is_empty()) {
        (_, true) => (AnswerType::Never, Read::Unexpected, false),
        ([], false) => (AnswerType::Unit, Read::ApiErrorUnit, false),
        ([one], false) if all_have_bodies => {
            (AnswerType::Value((*one).clone()), Read::ApiError, false)
        }
        _ => (AnswerType::Value(Type::Json), Read::ApiError, true),
    };
    // With `serde_json::Value` as the error type, a status documented without a JSON body keeps `null`
    // rather than failing to decode whatever text it carries.
    let read_failure = |r: &Response| {
        if free_form && error_body(r).is_none() {
            Read::ApiErrorNull
        } else {
            failure_read.clone()
        }
    };
    let mut arms = success_arms;
    arms.extend(
        failures
            .iter()
            .filter(|r| r.status != StatusMatch::Default)
            .map(|r| (r.status, read_failure(r))),
    );
    let fallback = failures
        .iter()
        .find(|r| r.status == StatusMatch::Default)
        .map_or(Read::Unexpected, |r| read_failure(r));
    // Only a fallback: a `match` with a single `_` arm is noise (and a clippy lint).
    let decode = if arms.is_empty() {
        Decode::Always(fallback)
    } else {
        Decode::ByStatus { arms, fallback }
    };
    Ok(Output {
        success,
        error,
        decode,
    })
}

/// Whether the error type falls back to JSON because several error body types are documented.
fn several_error_bodies(operation: &Operation) -> bool {
    let mut types: Vec<&Type> = operation
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .filter_map(error_body)
        .collect();
    types.sort();
    types.dedup();
    types.len() > 1
}
