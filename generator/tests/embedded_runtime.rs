//! Two single-file modules generated with `--embed-runtime` in one crate: each carries its own runtime copy,
//! and the runtime's table macros (`string_enum!`, `integer_enum!`, `object::deserialize!`) must stay inside
//! each copy rather than at the crate root, where the second copy's would clash with the first's.
//!
//! The check shares the target folder of `tests/features_by_tag.rs` (the same dependencies, built once).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The target folder specgen's tests were built into (`target/debug/specgen` is two levels down).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_specgen"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
}

fn run(command: &mut Command) -> Output {
    match command.output() {
        Ok(output) => output,
        Err(error) => panic!("cannot run {command:?}: {error}"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn two_embedded_runtimes_compile_in_one_crate() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let target = target_dir();
    let dir = target.join("features-by-tag").join("embedded-twice");
    let _ = std::fs::remove_dir_all(&dir);
    // Fusebill as a crate with its runtime embedded (the manifest lists what the runtime needs)...
    let output = run(Command::new(env!("CARGO_BIN_EXE_specgen"))
        .arg("generate")
        .arg(specs.join("fusebill.yaml"))
        .args(["--crate"])
        .arg(&dir)
        .arg("--embed-runtime"));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // ...and floLIVE as a second single-file module of the same crate, with a runtime of its own.
    let output = run(Command::new(env!("CARGO_BIN_EXE_specgen"))
        .arg("generate")
        .arg(specs.join("flolive.yaml"))
        .arg("-o")
        .arg(dir.join("src/flolive.rs"))
        .arg("--embed-runtime"));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let flolive = std::fs::read_to_string(dir.join("src/flolive.rs")).unwrap_or_default();
    assert!(
        flolive.contains("string_enum!") && !flolive.contains("#[macro_export]"),
        "the embedded runtime must keep its macros to itself"
    );
    let lib = dir.join("src/lib.rs");
    let mut source = std::fs::read_to_string(&lib).unwrap_or_default();
    source.push_str("\n/// A second API, with its own embedded runtime.\npub mod flolive;\n");
    if let Err(error) = std::fs::write(&lib, source) {
        panic!("cannot write {}: {error}", lib.display());
    }
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    if let Err(error) = std::fs::copy(&lock, dir.join("Cargo.lock")) {
        panic!("cannot copy {}: {error}", lock.display());
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = run(Command::new(cargo)
        .args(["check", "--quiet", "--color", "never"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target.join("features-by-tag/target"))
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("RUSTC_WORKSPACE_WRAPPER"));
    assert!(
        output.status.success(),
        "two embedded runtimes in one crate do not compile:\n{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
