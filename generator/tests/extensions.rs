//! The runtime extensions are checked where they are written: a misuse is a located error naming the
//! extension and what is wrong, never a panic or silently ignored.

use specgen::Generator;

/// Generates `paths` (YAML under `paths:`) and returns the error text, or `None` when it generated.
fn error_of(name: &str, root: &str, paths: &str) -> Option<String> {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Ext, version: '1'}}\n{root}paths:\n{paths}\ncomponents:\n  schemas:\n    Page:\n      type: object\n      required: [data]\n      properties:\n        data: {{type: array, items: {{type: integer}}}}\n        total: {{type: integer}}\n"
    );
    let path = std::env::temp_dir().join(format!(
        "specgen-extension-{name}-{}.yaml",
        std::process::id()
    ));
    std::fs::write(&path, spec).expect("write scratch spec");
    let result = Generator::new().generate(&path);
    let _ = std::fs::remove_file(&path);
    result.err().map(|d| d.to_string())
}

const LIST: &str = "  /things:\n    get:\n      operationId: listThings\n      x-specgen-pagination: PAGING\n      parameters:\n        - {name: offset, in: query, schema: {type: integer}}\n        - {name: name, in: query, schema: {type: string}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Page'}\n";

fn list(paging: &str) -> String {
    LIST.replace("PAGING", paging)
}

#[test]
fn good_pagination_generates() {
    assert_eq!(
        error_of(
            "good",
            "",
            &list("{kind: offset, param: offset, items: /data, total: /total}")
        ),
        None
    );
}

#[test]
fn pagination_mistakes_are_located_errors() {
    for (paging, expected) in [
        ("{kind: offset}", "needs `param`"),
        (
            "{kind: sideways, param: offset}",
            "unknown variant `sideways`",
        ),
        (
            "{kind: offset, param: offset, totl: /total}",
            "has no field `totl`",
        ),
        (
            "{kind: offset, param: missing}",
            "no query parameter \"missing\"",
        ),
        ("{kind: offset, param: name}", "must be an optional integer"),
        (
            "{kind: offset, param: offset, items: /total}",
            "must point to an array property",
        ),
    ] {
        let error = error_of("paging", "", &list(paging)).unwrap_or_default();
        assert!(error.contains(expected), "{paging}: {error}");
        assert!(error.contains("x-specgen-pagination"), "{paging}: {error}");
        assert!(error.contains(".yaml:"), "a location: {error}");
    }
}

#[test]
fn poll_mistakes_are_located_errors() {
    let start = |poll: &str| {
        format!(
            "  /start:\n    post:\n      operationId: start\n      x-specgen-poll: {poll}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{id: {{type: string}}}}}}\n  /status/{{id}}:\n    get:\n      operationId: status\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{state: {{type: string}}}}}}\n"
        )
    };
    assert_eq!(
        error_of(
            "poll-good",
            "",
            &start(
                "{operationId: status, arguments: {id: /id}, status: /state, pending: [RUNNING]}"
            )
        ),
        None
    );
    for (poll, expected) in [
        ("{operationId: status}", "x-specgen-poll needs"),
        (
            "{operationId: nowhere, arguments: {id: /id}, status: /state, pending: [RUNNING]}",
            "no operation \"nowhere\"",
        ),
        (
            "{operationId: status, arguments: {}, status: /state, pending: [RUNNING]}",
            "no argument gives \"status\" its parameter \"id\"",
        ),
    ] {
        let error = error_of("poll", "", &start(poll)).unwrap_or_default();
        assert!(error.contains(expected), "{poll}: {error}");
    }
}

#[test]
fn idempotency_and_retryable_code_mistakes_are_located_errors() {
    let op = |extra: &str| {
        format!(
            "  /x:\n    post:\n      operationId: doIt\n      {extra}\n      responses:\n        '204': {{description: ok}}\n"
        )
    };
    let error = error_of("idem", "", &op("x-specgen-idempotent: sometimes")).unwrap_or_default();
    assert!(
        error.contains("x-specgen-idempotent must be true or false"),
        "{error}"
    );
    let error =
        error_of("key", "", &op("x-specgen-idempotency-key: 'not a header'")).unwrap_or_default();
    assert!(error.contains("must name the header"), "{error}");
    let error = error_of(
        "codes",
        "x-specgen-retryable-codes: [BUSY]\n",
        &op("x-specgen-idempotent: true"),
    )
    .unwrap_or_default();
    assert!(
        error.contains("x-specgen-retryable-codes needs x-specgen-envelope"),
        "{error}"
    );
}
