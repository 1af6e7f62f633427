//! The build-script API: one module per spec, files written only when changed, nothing written on failure.

use specgen::build::{BuildConfig, BuildError};
use std::path::{Path, PathBuf};

/// A fresh scratch folder holding `specs/` (copies of the given billing specs) and `out/`.
fn scratch(name: &str, specs: &[&str]) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("specgen-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (spec_dir, out_dir) = (root.join("specs"), root.join("out"));
    for dir in [&spec_dir, &out_dir] {
        if let Err(error) = std::fs::create_dir_all(dir) {
            panic!("cannot create {}: {error}", dir.display());
        }
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    for spec in specs {
        let file = format!("{spec}.yaml");
        if let Err(error) = std::fs::copy(source.join(&file), spec_dir.join(&file)) {
            panic!("cannot copy {file}: {error}");
        }
    }
    (spec_dir, out_dir)
}

fn config(spec_dir: &Path, out_dir: &Path) -> BuildConfig {
    BuildConfig::new(spec_dir)
        .out_dir(out_dir)
        .cargo_directives(false)
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn writes_one_module_per_spec_then_nothing_when_unchanged() {
    let (spec_dir, out_dir) = scratch("unchanged", &["fusebill", "flolive"]);
    let first = config(&spec_dir, &out_dir).run().map_err(|e| e.to_string());
    assert_eq!(
        first.as_deref().map(names),
        Ok(vec![
            "flolive.rs".to_owned(),
            "fusebill.rs".to_owned(),
            "clients.rs".to_owned(),
        ])
    );
    let index = std::fs::read_to_string(out_dir.join("clients.rs")).unwrap_or_default();
    assert!(!index.contains("\"/runtime.rs\""));
    assert!(index.contains("\"/flolive.rs\"") && index.contains("\"/fusebill.rs\""));
    let module = std::fs::read_to_string(out_dir.join("fusebill.rs")).unwrap_or_default();
    assert!(module.contains("pub mod fusebill {"));
    assert!(module.contains("use ::specgen_runtime as runtime;"));
    let second = config(&spec_dir, &out_dir).run().map_err(|e| e.to_string());
    assert_eq!(
        second,
        Ok(Vec::new()),
        "an unchanged spec must not rewrite any file"
    );
}

#[test]
fn an_embedded_runtime_is_written_once_beside_the_modules_that_share_it() {
    let (spec_dir, out_dir) = scratch("embedded", &["fusebill", "flolive"]);
    let written = config(&spec_dir, &out_dir)
        .embed_runtime(true)
        .run()
        .map_err(|e| e.to_string());
    assert_eq!(
        written.as_deref().map(names),
        Ok(vec![
            "runtime.rs".to_owned(),
            "flolive.rs".to_owned(),
            "fusebill.rs".to_owned(),
            "clients.rs".to_owned(),
        ])
    );
    let index = std::fs::read_to_string(out_dir.join("clients.rs")).unwrap_or_default();
    assert!(index.contains("\"/runtime.rs\""));
    let runtime = std::fs::read_to_string(out_dir.join("runtime.rs")).unwrap_or_default();
    assert!(runtime.contains("pub mod runtime {"));
    assert!(
        !runtime.contains("#[cfg(test)]"),
        "the runtime's own tests must not be embedded"
    );
    let module = std::fs::read_to_string(out_dir.join("fusebill.rs")).unwrap_or_default();
    assert!(module.contains("use crate::runtime as runtime;"));
}

#[test]
fn a_runtime_path_names_where_the_modules_find_the_runtime() {
    let (spec_dir, out_dir) = scratch("renamed", &["fusebill"]);
    let written = config(&spec_dir, &out_dir)
        .runtime_path("::my_runtime")
        .run()
        .map_err(|e| e.to_string());
    assert!(written.is_ok(), "{written:?}");
    let module = std::fs::read_to_string(out_dir.join("fusebill.rs")).unwrap_or_default();
    assert!(module.contains("use ::my_runtime as runtime;"));
}

#[test]
fn a_broken_spec_fails_with_its_location_and_leaves_earlier_output_intact() {
    let (spec_dir, out_dir) = scratch("broken", &["fusebill"]);
    assert!(config(&spec_dir, &out_dir).run().is_ok());
    let before = std::fs::read_to_string(out_dir.join("fusebill.rs")).unwrap_or_default();
    let spec = spec_dir.join("fusebill.yaml");
    let text = std::fs::read_to_string(&spec).unwrap_or_default();
    let broken = text.replacen(
        "$ref: '#/components/schemas/Customer'",
        "$ref: '#/components/schemas/Nobody'",
        1,
    );
    assert_ne!(text, broken, "the fixture edit did not apply");
    if let Err(error) = std::fs::write(&spec, broken) {
        panic!("cannot edit the spec copy: {error}");
    }
    match config(&spec_dir, &out_dir).run() {
        Err(BuildError::Spec(diagnostics)) => {
            let text = diagnostics.to_string();
            assert!(
                text.contains("dangling $ref \"#/components/schemas/Nobody\""),
                "{text}"
            );
            assert!(text.contains(&format!("--> {}:", spec.display())), "{text}");
            assert!(
                text.contains("= note: at /paths/~1customerActivation/post/responses/200"),
                "{text}"
            );
        }
        other => panic!("expected a spec error, got {other:?}"),
    }
    let after = std::fs::read_to_string(out_dir.join("fusebill.rs")).unwrap_or_default();
    assert_eq!(
        before, after,
        "a failed generation must not touch earlier output"
    );
}

#[test]
fn a_missing_spec_folder_is_an_io_error() {
    let result = config(Path::new("/nonexistent/specs"), &std::env::temp_dir()).run();
    assert!(matches!(result, Err(BuildError::Io { .. })), "{result:?}");
}

#[test]
fn features_by_tag_gate_the_modules_and_list_their_features() {
    let root = std::env::temp_dir().join(format!("specgen-build-features-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (spec_dir, out_dir) = (root.join("specs"), root.join("out"));
    for dir in [&spec_dir, &out_dir] {
        if let Err(error) = std::fs::create_dir_all(dir) {
            panic!("cannot create {}: {error}", dir.display());
        }
    }
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs/specs/features_by_tag.yaml");
    if let Err(error) = std::fs::copy(&fixture, spec_dir.join("pets.yaml")) {
        panic!("cannot copy the fixture: {error}");
    }
    let module = |on: bool| {
        let run = config(&spec_dir, &out_dir).features_by_tag(on).run();
        assert!(run.is_ok(), "{:?}", run.map_err(|e| e.to_string()));
        std::fs::read_to_string(out_dir.join("pets.rs")).unwrap_or_default()
    };
    let gated = module(true);
    assert!(gated.contains("//! # Cargo features"), "{gated}");
    assert!(gated.contains("//! pets = [] # tag \"pets\""), "{gated}");
    assert!(gated.contains("#[cfg(feature = \"users\")]"), "{gated}");
    let plain = module(false);
    assert!(!plain.contains("feature = \"users\""));
    assert!(!plain.contains("# Cargo features"));
    let _ = std::fs::remove_dir_all(&root);
}

/// A spec whose only operation answers with a schema that does not exist.
const BROKEN: &str = "openapi: 3.0.3
info:
  title: Broken
  version: '1'
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
";

#[test]
fn generate_to_file_writes_what_generate_gives_then_nothing_when_unchanged() {
    let (spec_dir, out_dir) = scratch("to-file", &["fusebill"]);
    let spec = spec_dir.join("fusebill.yaml");
    let out = out_dir.join("fusebill.rs");
    let generator = specgen::Generator::new();
    let write = || {
        generator
            .generate_to_file(&spec, &out)
            .map(|written| written.changed)
            .map_err(|e| e.to_string())
    };
    assert_eq!(write(), Ok(true));
    let code = generator
        .generate(&spec)
        .map(|g| g.code)
        .map_err(|e| e.to_string());
    let read = || std::fs::read_to_string(&out).map_err(|e| e.to_string());
    assert_eq!(read(), code);
    assert_eq!(
        write(),
        Ok(false),
        "an unchanged file must not be rewritten"
    );
    // A broken spec leaves the file as it was, and no temporary file beside it.
    if let Err(error) = std::fs::write(&spec, BROKEN) {
        panic!("cannot write the spec: {error}");
    }
    let broken = generator.generate_to_file(&spec, &out);
    assert!(matches!(broken, Err(BuildError::Spec(_))), "{broken:?}");
    assert_eq!(read(), code);
    let files = std::fs::read_dir(&out_dir)
        .map(|entries| entries.count())
        .ok();
    assert_eq!(files, Some(1));
}

#[test]
fn a_crate_of_a_broken_spec_leaves_no_folder_behind() {
    let (spec_dir, out_dir) = scratch("crate-broken", &[]);
    let spec = spec_dir.join("broken.yaml");
    if let Err(error) = std::fs::write(&spec, BROKEN) {
        panic!("cannot write the spec: {error}");
    }
    let dir = out_dir.join("broken-crate");
    let result = specgen::standalone::write_crate(&spec, &dir, None, &Default::default());
    assert!(
        matches!(result, Err(specgen::standalone::CrateError::Spec(_))),
        "{result:?}"
    );
    assert!(!dir.exists());
}
