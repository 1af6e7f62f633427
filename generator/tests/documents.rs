//! Specs spread over several files: problems with `$ref`s to other files (and in those files) are reported
//! in the file where they are written, at their line, with their JSON pointer there.

use specgen::Generator;
use std::path::{Path, PathBuf};

/// A fixture of `tests/fixtures/documents/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(name)
}

/// The rendered problems of a fixture that must not generate.
fn problems(name: &str) -> String {
    match Generator::new().generate(&fixture(name)) {
        Ok(_) => panic!("{name} generated, but it has a problem"),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

/// Asserts that `rendered` holds one error with `message`, located at `file:line:column`, at `pointer`.
fn assert_located(rendered: &str, message: &str, file: &Path, at: &str, pointer: &str) {
    let expected = format!("{message}\n");
    assert!(
        rendered.contains(&expected),
        "expected\n{expected}\nin\n{rendered}"
    );
    let location = format!("--> {}:{at}\n", file.display());
    assert!(
        rendered.contains(&location),
        "expected {location} in\n{rendered}"
    );
    let note = format!("= note: at {pointer}\n");
    assert!(rendered.contains(&note), "expected {note} in\n{rendered}");
    assert!(rendered.ends_with("1 error(s), 0 warning(s)"), "{rendered}");
}

#[test]
fn a_missing_file_is_reported_at_the_ref_naming_it() {
    let rendered = problems("dangling_file.yaml");
    let missing = fixture("parts/missing.yaml");
    assert_located(
        &rendered,
        &format!(
            "error: $ref \"parts/missing.yaml#/Pet\": cannot read {}: No such file or directory (os error 2)",
            missing.display()
        ),
        &fixture("dangling_file.yaml"),
        "12:17",
        "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref",
    );
}

#[test]
fn a_dangling_pointer_in_another_file_is_reported_in_that_file() {
    let rendered = problems("dangling_pointer.yaml");
    let pets = fixture("parts/pets.yaml");
    assert_located(
        &rendered,
        &format!(
            "error: dangling $ref \"#/Owner\": {} has no node at \"/Owner\"",
            pets.display()
        ),
        &pets,
        "7:7",
        "/Pet/properties/owner/$ref",
    );
}

#[test]
fn a_cycle_across_files_is_reported_not_followed_forever() {
    let rendered = problems("cycle.yaml");
    let (b, c) = (fixture("parts/cycle_b.yaml"), fixture("parts/cycle_c.json"));
    assert_located(
        &rendered,
        &format!(
            "error: $ref cycle never reaches a schema: {b}#/B -> {c}#/C -> {b}#/B",
            b = b.display(),
            c = c.display()
        ),
        &b,
        "3:3",
        "/B/$ref",
    );
}

#[test]
fn a_path_item_that_refers_to_itself_is_a_cycle() {
    let rendered = problems("path_item_cycle.yaml");
    let spec = fixture("path_item_cycle.yaml");
    assert_located(
        &rendered,
        &format!(
            "error: $ref cycle never reaches a path item: {s}#/paths/~1a -> {s}#/paths/~1b -> {s}#/paths/~1a",
            s = spec.display()
        ),
        &spec,
        "5:5",
        "/paths/~1a/$ref",
    );
}

#[test]
fn a_remote_url_is_refused_not_fetched() {
    let rendered = problems("remote.yaml");
    assert_located(
        &rendered,
        "error: remote $ref \"https://example.com/common.yaml#/parameters/Limit\" is not fetched: specgen reads local files only",
        &fixture("remote.yaml"),
        "7:11",
        "/paths/~1pets/get/parameters/0/$ref",
    );
    assert!(rendered.contains("help: download the document next to the spec"));
}

#[test]
fn a_ref_to_the_wrong_kind_of_object_is_refused() {
    let rendered = problems("wrong_kind.yaml");
    assert_located(
        &rendered,
        "error: $ref \"#/components/responses/Pets\" names a response where a schema belongs",
        &fixture("wrong_kind.yaml"),
        "12:17",
        "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref",
    );
}

#[test]
fn an_invalid_node_of_another_file_is_reported_in_that_file() {
    let rendered = problems("in_external_file.yaml");
    assert_located(
        &rendered,
        "error: not a valid OpenAPI 3.0 document: unknown variant `body`, expected one of `query`, `header`, `path`, `cookie`",
        &fixture("parts/params.yaml"),
        "1:1",
        "/Limit",
    );
}

#[test]
fn a_syntax_error_in_another_file_is_reported_in_that_file() {
    let dir = std::env::temp_dir().join(format!("specgen-documents-{}", std::process::id()));
    let write = |name: &str, text: &str| {
        if let Err(error) = std::fs::write(dir.join(name), text) {
            panic!("cannot write {name}: {error}");
        }
    };
    if let Err(error) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {error}", dir.display());
    }
    write(
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: 'broken.json#/paths/~1a'\n",
    );
    write("broken.json", "{\n  \"paths\": {\n    \"/a\": [}\n}\n");
    let result = Generator::new().generate(&dir.join("spec.yaml"));
    let _ = std::fs::remove_dir_all(&dir);
    let rendered = match result {
        Ok(_) => panic!("a broken file generated"),
        Err(diagnostics) => diagnostics.to_string(),
    };
    let expected = format!("\n --> {}:3:12\n", dir.join("broken.json").display());
    assert!(
        rendered.starts_with("error: JSON syntax error"),
        "{rendered}"
    );
    assert!(rendered.contains(&expected), "{expected} in {rendered}");
}

#[test]
fn the_files_a_spec_reads_are_reported_for_build_scripts() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs/specs");
    let spec = specs.join("documents_refs.yaml");
    let generated = match Generator::new().generate(&spec) {
        Ok(generated) => generated,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    let shared = specs.join("shared");
    // In the order first read: components that only refer to a file are followed first, then the rest in
    // document order.
    let expected: Vec<PathBuf> = vec![
        spec,
        shared.join("pet.yaml"),
        shared.join("common.yaml"),
        shared.join("owner.json"),
        shared.join("library.json"),
    ];
    assert_eq!(generated.files, expected);
}

#[test]
fn refs_into_hoisted_nodes_and_into_themselves_terminate() {
    let dir = std::env::temp_dir().join(format!("specgen-documents-nest-{}", std::process::id()));
    if let Err(error) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {error}", dir.display());
    }
    let spec = dir.join("spec.yaml");
    // `/a`'s schema is hoisted, and so is its property `inner` (a node inside a hoisted node), which refers
    // to itself; `Tree`'s property `child` is hoisted out of a component and refers to its own parent.
    let text = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  inner:
                    type: object
                    properties:
                      again: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/inner'}
  /b:
    get:
      operationId: getB
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  whole: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}
                  inner: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/inner'}
                  child: {$ref: '#/components/schemas/Tree/properties/child'}
components:
  schemas:
    Tree:
      type: object
      properties:
        child:
          type: object
          properties:
            parent: {$ref: '#/components/schemas/Tree'}
"##;
    if let Err(error) = std::fs::write(&spec, text) {
        panic!("cannot write {}: {error}", spec.display());
    }
    let result = Generator::new().generate(&spec);
    let _ = std::fs::remove_dir_all(&dir);
    let code = match result {
        Ok(generated) => generated.code,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    for item in [
        "pub struct GetA200 {",
        "pub struct GetA200Inner {",
        "pub again: Option<Box<GetA200Inner>>",
        "pub whole: Option<GetA200>",
        "pub struct TreeChild {",
        "pub parent: Option<Box<Tree>>",
        "pub child: Option<TreeChild>",
    ] {
        assert!(code.contains(item), "{item} missing from\n{code}");
    }
}
