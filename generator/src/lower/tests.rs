//! Unit tests of lowering's decisions, one small spec in and the IR value asserted, in the style of
//! rust-analyzer's `check(input, expect)`: each `check_*` lowers the paths given and renders the decision
//! under test as text.

use crate::diagnostics::{Diagnostic, Severity};
use crate::ir::{AnswerType, Api, Decode, Read, Type, TypeKind};
use std::path::Path;

/// Lowers a document made of `paths` (and `components`, when given) under a fixed header.
fn lower(paths: &str, components: &str) -> (Api, Vec<Diagnostic>) {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n    Pet: {{type: object, properties: {{name: {{type: string}}}}}}\n    Problem: {{type: object, properties: {{code: {{type: integer}}}}}}\n    Other: {{type: object, properties: {{why: {{type: string}}}}}}\n{components}"
    );
    match crate::load::parse(Path::new("test.yaml"), text) {
        Ok(mut document) => super::lower(&mut document, super::Options::default()),
        Err(problems) => panic!("does not load: {problems:?}"),
    }
}

/// A type as text, with named types by name.
fn show(api: &Api, ty: &Type) -> String {
    match ty {
        Type::Named(id) => api
            .types
            .get(id.0)
            .map_or("?".to_owned(), |def| def.name.clone()),
        Type::Boxed(inner) => format!("Box<{}>", show(api, inner)),
        Type::Array(item) => format!("Vec<{}>", show(api, item)),
        other => format!("{other:?}"),
    }
}

fn show_answer(api: &Api, ty: &AnswerType) -> String {
    match ty {
        AnswerType::Value(ty) => show(api, ty),
        AnswerType::Option(inner) => format!("Option<{}>", show_answer(api, inner)),
        AnswerType::Envelope(code) => format!("Envelope<{}>", show(api, code)),
        other => format!("{other:?}"),
    }
}

/// `success / error / decode` of the only operation of `responses`.
fn check_output(responses: &str, expect: &str) {
    let paths = format!("  /x:\n    get:\n      operationId: getX\n      responses:\n{responses}");
    let (api, problems) = lower(&paths, "");
    let errors: Vec<_> = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let Some(operation) = api.operations.first() else {
        panic!("no operation lowered");
    };
    let output = &operation.output;
    let read = |read: &Read| format!("{read:?}");
    let decode = match &output.decode {
        Decode::ByStatus { arms, fallback } => {
            let arms: Vec<String> = arms
                .iter()
                .map(|(status, r)| format!("{} {}", status.key(), read(r)))
                .collect();
            format!("{}; _ {}", arms.join("; "), read(fallback))
        }
        Decode::Always(r) => format!("always {}", read(r)),
        Decode::Envelope { documented } => format!("envelope {documented:?}"),
    };
    let actual = format!(
        "{} / {} / {decode}",
        show_answer(&api, &output.success),
        show_answer(&api, &output.error)
    );
    assert_eq!(actual, expect);
}

const PET: &str = "content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}";
const PROBLEM: &str =
    "content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}";
const OTHER: &str = "content: {application/json: {schema: {$ref: '#/components/schemas/Other'}}}";

#[test]
fn one_json_answer_is_the_success_type_and_undocumented_failures_are_infallible() {
    check_output(
        &format!("        '200': {{description: ok, {PET}}}\n"),
        "Pet / Never / 200 Body(Json); _ Unexpected",
    );
}

#[test]
fn a_json_answer_beside_an_empty_one_is_an_option() {
    check_output(
        &format!(
            "        '200': {{description: ok, {PET}}}\n        '204': {{description: none}}\n"
        ),
        "Option<Pet> / Never / 200 Body(Json); 204 Body(Json); _ Unexpected",
    );
}

#[test]
fn a_text_answer_beside_an_empty_one_reads_some_and_none() {
    check_output(
        "        '200': {description: ok, content: {text/plain: {schema: {type: string}}}}\n        '204': {description: none}\n",
        "Option<Text> / Never / 200 Some(Text); 204 None; _ Unexpected",
    );
}

#[test]
fn successes_of_different_types_are_an_enum_by_status() {
    check_output(
        &format!(
            "        '200': {{description: ok, {PET}}}\n        '202': {{description: queued, {PROBLEM}}}\n"
        ),
        "SuccessEnum(\"GetXResponse\") / Never / 200 Variant { variant: \"Ok\", body: Some(Json) }; 202 Variant { variant: \"Accepted\", body: Some(Json) }; _ Unexpected",
    );
}

#[test]
fn failures_without_bodies_are_unit_and_one_body_type_is_the_error_type() {
    check_output(
        "        '204': {description: ok}\n        '404': {description: missing}\n",
        "Unit / Unit / 204 Body(Empty); 404 ApiErrorUnit; _ Unexpected",
    );
    check_output(
        &format!(
            "        '204': {{description: ok}}\n        default: {{description: failed, {PROBLEM}}}\n"
        ),
        "Unit / Problem / 204 Body(Empty); _ ApiError",
    );
}

#[test]
fn several_error_types_are_free_form_json_with_a_warning_and_bodiless_ones_read_null() {
    let responses = format!(
        "        '200': {{description: ok, {PET}}}\n        '400': {{description: bad, {PROBLEM}}}\n        '409': {{description: conflict, {OTHER}}}\n        '410': {{description: gone}}\n"
    );
    check_output(
        &responses,
        "Pet / Json / 200 Body(Json); 400 ApiError; 409 ApiError; 410 ApiErrorNull; _ Unexpected",
    );
    let paths = format!("  /x:\n    get:\n      operationId: getX\n      responses:\n{responses}");
    let (_, problems) = lower(&paths, "");
    assert!(
        problems
            .iter()
            .any(|d| d.severity == Severity::Warning
                && d.message.contains("several error body types")),
        "{problems:?}"
    );
}

#[test]
fn a_lone_default_answers_success_and_failure_alike() {
    check_output(
        &format!("        default: {{description: failed, {PROBLEM}}}\n"),
        "Problem / Problem / 2XX Body(Json); _ ApiError",
    );
}

#[test]
fn no_documented_answer_is_read_without_a_match() {
    check_output("        {}\n", "Unit / Never / always Unexpected");
}

#[test]
fn a_field_that_holds_its_own_type_is_boxed_and_a_self_containing_alias_is_a_newtype() {
    let components = "    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, all: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}\n";
    let (api, _) = lower("  {}", components);
    let def = |name: &str| api.types.iter().find(|def| def.name == name);
    let Some(TypeKind::Struct(fields)) = def("Node").map(|def| &def.kind) else {
        panic!("Node is not a struct");
    };
    let fields: Vec<String> = fields
        .iter()
        .map(|f| format!("{}: {}", f.rust_name, show(&api, &f.ty)))
        .collect();
    // A `Vec` is an indirection already: only the direct field is boxed.
    assert_eq!(fields, ["next: Box<Node>", "all: Vec<Node>"]);
    assert!(matches!(
        def("Tree").map(|def| &def.kind),
        Some(TypeKind::Newtype(Type::Array(_)))
    ));
}

#[test]
fn markers_and_stub_methods_are_named_once_and_never_collide() {
    let paths = "  /a:\n    get:\n      operationId: delay\n      parameters: [{name: delay, in: query, schema: {type: string}}, {name: with, in: query, schema: {type: string}}]\n      requestBody: {content: {application/json: {schema: {type: object}}}}\n      responses:\n        '200': {description: ok}\n        default: {description: failed}\n  /b:\n    get:\n      operationId: start\n      responses:\n        '204': {description: ok}\n";
    let (api, _) = lower(paths, "");
    let names: Vec<String> = api
        .operations
        .iter()
        .map(|o| {
            format!(
                "{} {} {} {:?} {:?} {:?}",
                o.builder_name,
                o.marker,
                o.stub.constructor,
                o.stub.params,
                o.stub.body,
                o.stub.answers
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            "DelayBuilder Delay delay [\"delay2\", \"with2\"] Some(\"body\") [Some(\"respond_200\"), Some(\"respond_default\")]",
            "StartBuilder Start start2 [] None [Some(\"respond_204\")]",
        ]
    );
}

#[test]
fn a_poll_names_its_status_operation_by_index_and_needs_its_error_type() {
    let poll = "      x-specgen-poll: {operationId: getStatus, arguments: {id: /id}, status: /state, pending: [running]}\n";
    let status = |error: &str| {
        format!(
            "  /status/{{id}}:\n    get:\n      operationId: getStatus\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: object}}}}}}}}\n        default: {{description: failed, {error}}}\n"
        )
    };
    let start = format!(
        "  /jobs:\n    post:\n      operationId: startJob\n{poll}      responses:\n        '202': {{description: ok, content: {{application/json: {{schema: {{type: object}}}}}}}}\n        default: {{description: failed, {PROBLEM}}}\n"
    );
    let (api, problems) = lower(&format!("{}{start}", status(PROBLEM)), "");
    let job = api.operations.iter().find(|o| o.id == "startJob");
    let target = job.and_then(|o| o.poll.as_ref()).map(|p| p.target);
    let index = api.operations.iter().position(|o| o.id == "getStatus");
    assert_eq!(target, index, "{problems:?}");
    let (api, problems) = lower(&format!("{}{start}", status(OTHER)), "");
    let job = api.operations.iter().find(|o| o.id == "startJob");
    assert_eq!(job.map(|o| o.poll.is_none()), Some(true));
    assert!(
        problems
            .iter()
            .any(|d| d.message.contains("x-specgen-poll is ignored")),
        "{problems:?}"
    );
}

#[test]
fn a_parameter_every_operation_takes_alike_is_universal() {
    let paths = "  /a:\n    get:\n      operationId: getA\n      parameters: [{name: fields, in: query, schema: {type: string}}, {name: page, in: query, schema: {type: integer}}]\n      responses: {'204': {description: ok}}\n  /b:\n    get:\n      operationId: getB\n      parameters: [{name: fields, in: query, schema: {type: string}}, {name: page, in: query, schema: {type: string}}]\n      responses: {'204': {description: ok}}\n";
    let (api, _) = lower(paths, "");
    let universal: Vec<&str> = api
        .universal_params
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(universal, ["fields"]);
}
