//! Specs that once broke specgen or its output (from review and the corpus), each kept as a check.

use specgen::Generator;
use std::path::PathBuf;

/// Writes `spec` to a scratch file named after the test and generates it.
fn generate(name: &str, spec: &str) -> Result<String, String> {
    let path: PathBuf = std::env::temp_dir().join(format!(
        "specgen-regression-{name}-{}.yaml",
        std::process::id()
    ));
    if let Err(error) = std::fs::write(&path, spec) {
        panic!("cannot write {}: {error}", path.display());
    }
    let result = Generator::new()
        .generate(&path)
        .map(|g| g.code)
        .map_err(|d| d.to_string());
    let _ = std::fs::remove_file(&path);
    result
}

fn count(code: &str, needle: &str) -> usize {
    code.matches(needle).count()
}

#[test]
fn generated_methods_never_share_a_name() {
    let spec = r#"
openapi: 3.0.3
info: {title: Names, version: "1"}
servers:
  - url: 'https://{region}.example.com'
    variables:
      region: {default: eu}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: X-Key}
    serverRegion: {type: http, scheme: bearer}
paths:
  /a:
    get:
      operationId: setApiKey
      parameters:
        - {name: send, in: query, schema: {type: string}}
        - {name: into_future, in: query, schema: {type: string}}
        - {name: set, in: query, schema: {type: string}}
        - {name: stub_set, in: query, schema: {type: string}}
      responses:
        '204': {description: ok}
  /b:
    get:
      operationId: clone
      responses:
        '204': {description: ok}
"#;
    let generated = generate("names", spec).unwrap_or_else(|e| panic!("{e}"));
    // The client's items; the typed mocks after them repeat operation names on their own types.
    let (code, mocks) = generated
        .split_once("/// A typed mock server for this API")
        .unwrap_or_else(|| panic!("no mocks in {generated}"));
    assert_eq!(count(mocks, "pub fn set_api_key2(&self)"), 1);
    assert_eq!(count(mocks, "pub fn send2(self, value"), 1);
    for method in ["fn set_api_key(", "fn server_region("] {
        assert_eq!(count(code, method), 1, "{method} defined more than once");
    }
    assert_eq!(count(code, "fn set_api_key2("), 1);
    // `Client::clone` comes from `#[derive(Clone)]`: an operation may not shadow it.
    assert_eq!(count(code, "fn clone("), 0);
    assert_eq!(count(code, "fn clone2("), 1);
    assert_eq!(count(code, "fn server_region2("), 1);
    // Every builder is a `runtime::Call`, whose `send` is written once; the parameter named `send` gives way.
    assert_eq!(count(code, "pub async fn send(self)"), 1);
    assert_eq!(count(code, "pub fn send("), 0);
    assert_eq!(count(code, "fn send2("), 1);
    assert_eq!(count(code, "fn into_future2("), 1);
    // The builders' and stubs' own parameter writers (`Call::set`, `Stub::stub_set`) are theirs too.
    assert_eq!(count(code, "fn set<"), 1);
    assert_eq!(count(code, "fn set2("), 1);
    assert_eq!(count(mocks, "fn stub_set<"), 1);
    assert_eq!(count(mocks, "pub fn stub_set2(self, value"), 1);
}

#[test]
fn an_all_of_that_extends_its_own_type_is_lowered_once() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recursive_all_of.yaml");
    let code = Generator::new()
        .generate(&path)
        .map(|g| g.code)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub left: Option<Box<NodeLeft>>"), "{code}");
    assert!(code.contains("pub right: Option<Box<NodeRight>>"));
    assert_eq!(count(&code, "pub struct NodeLeft "), 1);
}

#[test]
fn a_cycle_of_refs_is_an_error_and_a_self_containing_array_a_newtype() {
    let cyclic = r#"
openapi: 3.0.3
info: {title: Cycles, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
"#;
    let error = generate("cyclic", cyclic).err().unwrap_or_default();
    assert!(error.contains("this schema is a cycle of $refs"), "{error}");
    assert!(
        error.contains("= note: at /components/schemas/A"),
        "{error}"
    );
    let tree = r#"
openapi: 3.0.3
info: {title: Tree, version: "1"}
paths: {}
components:
  schemas:
    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}
"#;
    let code = generate("tree", tree).unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub struct Tree(pub Vec<Tree>);"), "{code}");
}

#[test]
fn an_operation_documenting_only_default_treats_success_as_default() {
    let spec = r#"
openapi: 3.0.3
info: {title: Default, version: "1"}
paths:
  /logout:
    get:
      operationId: logout
      responses:
        default:
          description: successful operation
"#;
    let code = generate("default", spec).unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("200..=299 => response.empty(),"), "{code}");
}

#[test]
fn spec_prose_cannot_become_doctests_or_bare_carriage_returns() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: Prose\n  version: '1'\n  description: \"Run:\\r\\n\\n    curl x\\n```\\nfn main() {}\\n```\\n~~~rust\\nlet x = 1;\\n~~~\"\npaths: {}\n";
    let code = generate("prose", spec).unwrap_or_else(|e| panic!("{e}"));
    assert!(!code.contains('\r'));
    assert!(code.contains("//! ```text\n//! fn main() {}"), "{code}");
    assert!(code.contains("//! ~~~text\n//! let x = 1;"), "{code}");
    assert!(code.contains("//!    curl x"), "{code}");
}

#[test]
fn envelope_and_token_extensions_are_validated() {
    let spec = r#"
openapi: 3.0.3
info: {title: Extensions, version: "1"}
x-specgen-envelope:
  contentProperty: data
  errorCodeProperty: code
  errorMessageProperty: message
  errorCodes: '#/components/schemas/Codes'
components:
  schemas:
    Codes: {type: integer}
    Tok:
      type: object
      required: [token]
      properties: {token: {type: string}}
paths:
  /token:
    post:
      x-specgen-token-exchange: {scheme: bearer, tokenProperty: token}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Tok'}
        '204': {description: no token}
"#;
    let error = generate("extensions", spec).err().unwrap_or_default();
    assert!(
        error.contains("errorCodes must name a string enum"),
        "{error}"
    );
    assert!(
        error.contains("every success response must carry the token"),
        "{error}"
    );
}

#[test]
fn a_parameter_every_operation_takes_gets_one_setter_for_all() {
    let spec = r#"
openapi: 3.0.3
info: {title: Shared, version: "1"}
components:
  parameters:
    fields: {name: fields, in: query, schema: {type: string}}
paths:
  /a:
    parameters: [{$ref: '#/components/parameters/fields'}]
    get:
      operationId: getA
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '204': {description: ok}
  /b:
    get:
      operationId: getB
      parameters: [{$ref: '#/components/parameters/fields'}, {name: page, in: query, schema: {type: string}}]
      responses:
        '204': {description: ok}
"#;
    let generated = generate("shared", spec).unwrap_or_else(|e| panic!("{e}"));
    let (code, _) = generated
        .split_once("/// A typed mock server for this API")
        .unwrap_or_else(|| panic!("no mocks in {generated}"));
    assert_eq!(
        count(
            code,
            "impl<'a, Op: runtime::Operation> operations::Call<'a, Op> {"
        ),
        1
    );
    assert_eq!(
        count(code, "pub fn fields(self, value: impl AsRef<str>)"),
        1
    );
    // `page` differs in type between the two, so each operation keeps its own.
    assert_eq!(count(code, "pub fn page(self, value: i64)"), 1);
    assert_eq!(count(code, "pub fn page(self, value: impl AsRef<str>)"), 1);
}
