//! One small spec per diagnostic, its rendered problems (rustc style, with line and column) kept as a
//! snapshot in `tests/snapshots/diagnostics/`; re-bless with
//! `EXPECTORATE=overwrite cargo test -p specgen --test diagnostics`.

use specgen::{Diagnostics, Generator};
use std::path::{Path, PathBuf};

/// Every problem `check` finds in a fixture of `tests/fixtures/diagnostics/`, rendered, with the summary.
fn rendered(file: &str) -> String {
    // Relative to the package, so that snapshots do not depend on where the repository is.
    let path = Path::new("tests/fixtures/diagnostics").join(file);
    render(&path)
}

fn render(path: &Path) -> String {
    match Generator::new().check(path) {
        Ok(warnings) => Diagnostics::new(warnings).to_string(),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

/// Asserts the rendering of `file` against its snapshot, and that it fails when `fails`.
fn assert_snapshot(file: &str, fails: bool) {
    let text = rendered(file);
    let stem = file.split('.').next().unwrap_or(file);
    expectorate::assert_contents(format!("tests/snapshots/diagnostics/{stem}.txt"), &text);
    let summary = text.lines().last().unwrap_or_default();
    let failed = !summary.starts_with("0 error(s)");
    assert_eq!(failed, fails, "{text}");
}

/// A scratch folder for specs made by the test (binary junk, nesting too deep to commit readably).
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("specgen-diagnostics-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Renders a spec written to a scratch file, with the scratch folder shown as `$TMP`.
fn render_scratch(name: &str, file: &str, content: &[u8]) -> String {
    let dir = scratch(name);
    let path = dir.join(file);
    if let Err(error) = std::fs::write(&path, content) {
        panic!("cannot write {}: {error}", path.display());
    }
    let text = render(&path);
    let _ = std::fs::remove_dir_all(&dir);
    text.replace(&dir.display().to_string(), "$TMP")
}

#[test]
fn yaml_syntax() {
    assert_snapshot("yaml_syntax.yaml", true);
}

#[test]
fn json_syntax_in_minified_json() {
    assert_snapshot("json_syntax.json", true);
}

#[test]
fn problems_of_a_swagger_2_document_are_located_in_its_text() {
    assert_snapshot("swagger2_located.yaml", true);
}

#[test]
fn problems_of_a_swagger_2_path_item_of_another_file_are_located_there() {
    assert_snapshot("swagger2_path_refs.yaml", true);
}

#[test]
fn problems_of_an_openapi_3_1_document_are_located_in_its_text() {
    assert_snapshot("openapi31_located.yaml", true);
}

#[test]
fn problems_of_3_1_fragments_in_other_files_are_located_there() {
    assert_snapshot("openapi31_fragments.yaml", false);
}

#[test]
fn webhooks_are_not_generated() {
    assert_snapshot("webhooks.yaml", false);
}

#[test]
fn another_json_schema_dialect() {
    assert_snapshot("json_schema_dialect.yaml", false);
}

#[test]
fn json_schema_keywords_without_an_openapi_3_0_form() {
    assert_snapshot("json_schema_keywords.yaml", false);
}

#[test]
fn tuple_items() {
    assert_snapshot("tuple_items.yaml", false);
}

#[test]
fn a_type_that_is_no_type_name_in_3_1() {
    assert_snapshot("malformed_type.yaml", false);
}

#[test]
fn several_types_beside_a_composition() {
    assert_snapshot("types_beside_composition.yaml", false);
}

#[test]
fn mutual_tls_is_skipped() {
    assert_snapshot("mutual_tls.yaml", false);
}

#[test]
fn a_document_with_two_versions() {
    assert_snapshot("mixed_versions.yaml", true);
}

#[test]
fn a_swagger_2_document_with_openapi_3_components() {
    assert_snapshot("swagger2_with_components.yaml", true);
}

#[test]
fn an_unknown_swagger_version() {
    assert_snapshot("swagger_version.yaml", true);
}

#[test]
fn collection_formats_without_a_style() {
    assert_snapshot("collection_format.yaml", false);
}

#[test]
fn an_unknown_oauth2_flow() {
    assert_snapshot("oauth2_flow.yaml", false);
}

#[test]
fn empty_parameter_and_header_names() {
    assert_snapshot("empty_names.yaml", true);
}

#[test]
fn a_version_written_as_a_number() {
    assert_snapshot("version_number.yaml", true);
}

#[test]
fn not_an_openapi_document() {
    assert_snapshot("not_openapi.yaml", true);
}

#[test]
fn empty_file() {
    assert_snapshot("empty.yaml", true);
}

#[test]
fn dangling_ref() {
    assert_snapshot("dangling_ref.yaml", true);
}

#[test]
fn dangling_ref_in_minified_json_is_located_exactly() {
    assert_snapshot("minified_dangling_ref.json", true);
}

#[test]
fn cyclic_ref() {
    assert_snapshot("cyclic_ref.yaml", true);
}

#[test]
fn remote_ref() {
    assert_snapshot("remote_ref.yaml", true);
}

#[test]
fn path_template_and_parameters_disagree() {
    assert_snapshot("path_parameters.yaml", true);
}

#[test]
fn duplicate_operation_id() {
    assert_snapshot("duplicate_operation_id.yaml", true);
}

#[test]
fn unknown_type() {
    assert_snapshot("unknown_type.yaml", true);
}

#[test]
fn unknown_format_is_a_warning() {
    assert_snapshot("unknown_format.yaml", false);
}

#[test]
fn defaults_examples_and_enum_values_that_do_not_fit_are_warnings() {
    assert_snapshot("values_misfit.yaml", false);
}

#[test]
fn undefined_security_scheme() {
    assert_snapshot("undefined_security_scheme.yaml", true);
}

#[test]
fn mistyped_extensions() {
    assert_snapshot("extensions.yaml", true);
}

#[test]
fn extension_objects_with_missing_unknown_or_mistyped_fields() {
    assert_snapshot("extension_fields.yaml", true);
}

#[test]
fn unsupported_constructs() {
    assert_snapshot("unsupported.yaml", true);
}

#[test]
fn a_node_openapi_cannot_type_is_an_error_beside_the_warnings_inside_it() {
    // Once a warning inside the node hid the typing error, and the spec failed with "0 error(s)".
    assert_snapshot("typing_error.yaml", true);
}

#[test]
fn yaml_alias_bomb() {
    assert_snapshot("alias_bomb.yaml", true);
}

#[test]
fn binary_junk() {
    let mut junk = b"openapi: 3.0.3\ninfo: ".to_vec();
    junk.extend((0..=255u8).cycle().take(4096));
    let text = render_scratch("junk", "junk.yaml", &junk);
    expectorate::assert_contents("tests/snapshots/diagnostics/binary_junk.txt", &text);
}

#[test]
fn ten_thousand_nested_arrays_in_json_and_flow_yaml_and_deep_block_yaml() {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let json = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"Deep\", \"version\": \"1\"}}, \"paths\": {{}},\n\"x-deep\": {nested}}}\n"
    );
    let yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: Deep, version: '1'}}\npaths: {{}}\nx-deep: {nested}\n"
    );
    let mut block =
        String::from("openapi: 3.0.3\ninfo: {title: Deep, version: '1'}\npaths: {}\nx-deep:\n");
    // Block nesting costs its depth in indentation: 2,000 levels already make a 2 MB file.
    for depth in 1..=2_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("-\n");
    }
    let text = [
        render_scratch("deep", "deep.json", json.as_bytes()),
        render_scratch("deep", "deep.yaml", yaml.as_bytes()),
        render_scratch("deep", "deep_block.yaml", block.as_bytes()),
    ]
    .join("\n---\n");
    expectorate::assert_contents("tests/snapshots/diagnostics/deep_nesting.txt", &text);
}

#[test]
fn deeply_nested_schemas_stop_with_a_located_error() {
    // Within the parsers' limit, but deeper than schemas are followed.
    let schema = format!(
        "{}{{type: string}}{}",
        "{type: array, items: ".repeat(100),
        "}".repeat(100)
    );
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Deep, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n"
    );
    let text = render_scratch("schema", "deep_schema.yaml", spec.as_bytes());
    assert!(
        text.starts_with("error: schema nesting is too deep\n --> $TMP/deep_schema.yaml:6:"),
        "{text}"
    );
    assert!(text.ends_with("1 error(s), 0 warning(s)"), "{text}");
}
