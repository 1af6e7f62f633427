//! Parameter styles the generator cannot honour, or honours with a documented fallback: each gives a located
//! diagnostic (an error, or a warning with the fallback), never a panic; and the emitted calls for the rest.

use specgen::Generator;
use std::path::PathBuf;

/// Generated code and rendered warnings, or the rendered errors.
fn generate(name: &str, parameters: &str) -> Result<(String, String), String> {
    let spec = format!(
        r#"
openapi: 3.0.3
info: {{title: Params, version: "1"}}
paths:
  /items/{{id}}:
    get:
      operationId: getItem
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: integer}}}}
{parameters}
      responses:
        '204': {{description: ok}}
"#
    );
    let path: PathBuf =
        std::env::temp_dir().join(format!("specgen-params-{name}-{}.yaml", std::process::id()));
    if let Err(error) = std::fs::write(&path, spec) {
        panic!("cannot write {}: {error}", path.display());
    }
    let result = Generator::new()
        .generate(&path)
        .map(|g| {
            let warnings: Vec<String> = g.warnings.iter().map(|w| w.to_string()).collect();
            (g.code, warnings.join("\n"))
        })
        .map_err(|d| d.to_string());
    let _ = std::fs::remove_file(&path);
    result
}

fn error(name: &str, parameters: &str) -> String {
    match generate(name, parameters) {
        Err(errors) => errors,
        Ok((code, _)) => panic!("{name} generated:\n{code}"),
    }
}

fn warnings(name: &str, parameters: &str) -> (String, String) {
    generate(name, parameters).unwrap_or_else(|errors| panic!("{name} failed:\n{errors}"))
}

#[test]
fn a_style_its_location_does_not_allow_is_a_located_error() {
    let message = error(
        "deep-path",
        "        - {name: id, in: path, required: true, style: deepObject, schema: {type: object}}",
    );
    assert!(message.contains("deepObject"), "{message}");
    assert!(
        message.contains("/paths/~1items~1{id}/get/parameters"),
        "{message}"
    );
    let message = error(
        "label-query",
        "        - {name: q, in: query, style: label, schema: {type: string}}",
    );
    assert!(
        message.contains(r#"style "label" is not allowed for query"#),
        "{message}"
    );
}

#[test]
fn deep_object_on_a_scalar_falls_back_with_a_warning() {
    let (code, message) = warnings(
        "deep-scalar",
        "        - {name: q, in: query, style: deepObject, schema: {type: string}}",
    );
    assert!(
        message.contains("deepObject applies to objects and arrays; it is sent in style form"),
        "{message}"
    );
    assert!(message.contains("get/parameters/1"), "{message}");
    assert!(
        code.contains(r#"runtime::Place::Query(runtime::Style::FORM), "q", value.as_ref()"#),
        "{code}"
    );
}

/// Arrays (top-level or inside the object) have no OpenAPI spelling in deepObject: they are written in the
/// documented convention (`q[0]=a`, Stripe's), without a warning, and `x-specgen-deep-arrays` picks another.
#[test]
fn deep_object_arrays_follow_the_convention_or_the_extension() {
    let (code, message) = warnings(
        "deep-array",
        "        - {name: q, in: query, style: deepObject, schema: {type: array, items: {type: string}}}",
    );
    assert!(message.is_empty(), "{message}");
    assert!(
        code.contains(r#"runtime::Place::Query(runtime::Style::DEEP_OBJECT), "q", &value"#),
        "{code}"
    );
    let (code, message) = warnings(
        "deep-inner-array",
        "        - {name: q, in: query, style: deepObject, x-specgen-deep-arrays: brackets, schema: {type: object, properties: {a: {type: array, items: {type: string}}}}}",
    );
    assert!(message.is_empty(), "{message}");
    assert!(
        code.contains("deep_arrays(runtime::DeepArrays::Brackets)"),
        "{code}"
    );
    let message = match generate(
        "deep-bad-extension",
        "        - {name: q, in: query, style: deepObject, x-specgen-deep-arrays: php, schema: {type: object}}",
    ) {
        Err(errors) => errors,
        Ok((code, _)) => panic!("generated:\n{code}"),
    };
    assert!(
        message.contains("x-specgen-deep-arrays must be one of indexed, brackets, repeated"),
        "{message}"
    );
}

#[test]
fn nested_arrays_and_objects_are_warned_about_and_refused_at_call_time() {
    let (code, message) = warnings(
        "nested",
        "        - {name: q, in: query, schema: {type: array, items: {type: array, items: {type: string}}}}",
    );
    assert!(
        message.contains("nested in an array or object; a value holding one is refused"),
        "{message}"
    );
    assert!(message.contains("content: application/json"), "{message}");
    assert!(
        code.contains(r#"runtime::Place::QUERY, "q", &value"#),
        "{code}"
    );
    let (_, message) = warnings(
        "nested-header",
        "        - {name: X-Q, in: header, schema: {type: object, properties: {a: {type: object, properties: {b: {type: string}}}}}}",
    );
    assert!(message.contains("style simple cannot write"), "{message}");
}

#[test]
fn delimited_styles_fall_back_with_a_warning() {
    let (code, warnings) = warnings(
        "space-explode",
        "        - {name: q, in: query, style: spaceDelimited, explode: true, schema: {type: array, items: {type: string}}}\n        - {name: p, in: query, style: pipeDelimited, schema: {type: string}}",
    );
    assert!(
        warnings.contains("explode: true is not defined"),
        "{warnings}"
    );
    assert!(
        warnings.contains("a single value is sent as name=value"),
        "{warnings}"
    );
    // Sent like form with explode: the location's default call.
    assert!(
        code.contains(r#"runtime::Place::QUERY, "q", &value"#),
        "{code}"
    );
    assert!(code.contains("runtime::Style::PIPE_DELIMITED"), "{code}");
}

#[test]
fn content_parameters_need_one_media_type_and_json_cannot_be_a_cookie() {
    let message = error(
        "two-media",
        "        - {name: q, in: query, content: {application/json: {schema: {type: object}}, text/plain: {schema: {type: string}}}}",
    );
    assert!(message.contains("exactly one media type"), "{message}");
    assert!(message.contains("get/parameters/1/content"), "{message}");
    let message = error(
        "json-cookie",
        "        - {name: c, in: cookie, content: {application/json: {schema: {type: object}}}}",
    );
    assert!(
        message.contains("JSON text cannot travel in a cookie"),
        "{message}"
    );
    let (code, warnings) = warnings(
        "text-content",
        "        - {name: q, in: query, content: {text/plain: {schema: {type: string}}}}\n        - {name: j, in: query, content: {application/json: {schema: {type: array, items: {type: integer}}}}}",
    );
    assert!(
        warnings.contains(r#"media type "text/plain" is not JSON"#),
        "{warnings}"
    );
    assert!(
        code.contains(r#"runtime::Place::QUERY, "q", value.as_ref()"#),
        "{code}"
    );
    // JSON content is typed by its schema and sent as JSON text.
    assert!(code.contains("pub fn j(self, value: Vec<i64>)"), "{code}");
    assert!(
        code.contains(r#"runtime::Place::Query(runtime::Style::JSON), "j", &value"#),
        "{code}"
    );
}

#[test]
fn ignored_headers_and_allow_reserved() {
    let (code, warnings) = warnings(
        "ignored",
        "        - {name: Accept, in: header, schema: {type: string}}\n        - {name: next, in: query, allowReserved: true, schema: {type: string}}",
    );
    assert!(
        warnings.contains(r#"header parameter "Accept" is ignored"#),
        "{warnings}"
    );
    assert!(!code.contains("fn accept(mut self"), "{code}");
    assert!(
        code.contains("runtime::Style::FORM_EXPLODE.allow_reserved()"),
        "{code}"
    );
}

#[test]
fn operations_without_operation_id_get_readable_stable_names() {
    let spec = r#"
openapi: 3.0.3
info: {title: Names, version: "1"}
paths:
  /:
    get:
      responses:
        '204': {description: ok}
  /users/{id}/posts/{postId}:
    delete:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: postId, in: path, required: true, schema: {type: integer}}
      responses:
        '204': {description: ok}
"#;
    let path =
        std::env::temp_dir().join(format!("specgen-params-names-{}.yaml", std::process::id()));
    std::fs::write(&path, spec).expect("write spec");
    let generated = Generator::new().generate(&path);
    let _ = std::fs::remove_file(&path);
    let code = generated.map(|g| g.code).unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub fn get(&self)"), "{code}");
    assert!(
        code.contains("pub fn delete_users_by_id_posts_by_post_id("),
        "{code}"
    );
    assert!(
        code.contains("pub struct DeleteUsersByIdPostsByPostIdBuilder"),
        "{code}"
    );
    // The operation keeps its method-and-path id in messages.
    assert!(
        code.contains(r#"id: "delete /users/{id}/posts/{postId}""#),
        "{code}"
    );
}

/// A nameless query or header parameter (real documents have placeholders like `{name: '', in: query}`)
/// cannot be sent: it is left out with a warning, and the rest of the operation generates.
#[test]
fn a_nameless_query_or_header_parameter_is_left_out_with_a_warning() {
    let (code, message) = warnings(
        "nameless",
        "        - {name: '', in: query, schema: {type: string}}\n        - {name: ' ', in: header, schema: {type: string}}\n        - {name: q, in: query, schema: {type: string}}",
    );
    assert_eq!(
        message
            .matches("the parameter's name is empty; it is left out")
            .count(),
        2,
        "{message}"
    );
    assert!(
        code.contains(r#"runtime::Place::QUERY, "q", value.as_ref()"#),
        "{code}"
    );
    assert!(
        !code.contains(r#"runtime::Place::QUERY, """#),
        "a nameless query parameter:\n{code}"
    );
    assert!(
        !code.contains(r#"runtime::Place::HEADER, """#),
        "a nameless header:\n{code}"
    );
}
