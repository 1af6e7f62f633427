//! Cargo features per tag, compiled: the `features_by_tag` construct fixture written as a crate with
//! `specgen generate --crate DIR --features-by-tag`, then `cargo check` with each tag's feature alone, with no
//! feature, and with `full,mock`, all with `-D warnings`, and clippy on `full,mock`. A missing or wrong
//! `cfg` leaves an item that names a type (or builder, or marker) compiled without it, and fails a check.
//!
//! The checks share one target folder, `features-by-tag` beside specgen's own build, so the dependencies
//! are built once (the first run takes a few minutes; later ones, seconds). The crate gets the workspace's
//! `Cargo.lock`, so it builds with the dependency versions already fetched. The last test checks another
//! generated crate in that folder: two modules with embedded runtimes side by side.

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

/// Runs `cargo <subcommand> <args>` in a generated crate's folder, in the target folder the checks share.
fn cargo_in(dir: &Path, subcommand: &str, args: &[&str]) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run(Command::new(cargo)
        .arg(subcommand)
        .args(["--quiet", "--color", "never"])
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            target_dir().join("features-by-tag/target"),
        )
        .env("CARGO_INCREMENTAL", "0")
        // The same flags for every check, so the dependencies are not rebuilt between them.
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("RUSTC_WORKSPACE_WRAPPER"))
}

/// The tag features the manifest declares (the lines after its per-tag comment, `name = [] # ...`).
fn declared_features(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|line| !line.starts_with("# One feature per tag"))
        .filter_map(|line| line.split_once(" = [] # ").map(|(name, _)| name.to_owned()))
        .collect()
}

/// Writes `spec`'s crate with features per tag into `<target>/features-by-tag/<name>` and checks each tag's
/// feature alone, no feature, `users`-like single tags with `mock`, `full,mock`, and clippy; returns the
/// tag features the manifest declares.
fn check_matrix(spec: &Path, name: &str) -> Vec<String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = target_dir();
    let dir = target.join("features-by-tag").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let output = run(Command::new(env!("CARGO_BIN_EXE_specgen"))
        .arg("generate")
        .arg(spec)
        .arg("--crate")
        .arg(&dir)
        .arg("--features-by-tag"));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let features = declared_features(&manifest);
    assert!(manifest.contains("default = [\"full\"]\n"), "{manifest}");
    let full: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
    assert!(
        manifest.contains(&format!("full = [{}]\n", full.join(", "))),
        "{manifest}"
    );
    let lock = manifest_dir.join("../Cargo.lock");
    if let Err(error) = std::fs::copy(&lock, dir.join("Cargo.lock")) {
        panic!("cannot copy {}: {error}", lock.display());
    }
    let check = |subcommand: &str, args: &[&str]| {
        let output = cargo_in(&dir, subcommand, args);
        assert!(
            output.status.success(),
            "{name}: cargo {subcommand} {args:?} failed:\n{}",
            text(&output.stderr)
        );
    };
    for feature in &features {
        check("check", &["--no-default-features", "--features", feature]);
    }
    check("check", &["--no-default-features"]);
    if let Some(last) = features.last() {
        let with_mock = format!("{last},mock");
        check(
            "check",
            &["--no-default-features", "--features", &with_mock],
        );
    }
    check("check", &["--features", "full,mock"]);
    check(
        "clippy",
        &["--features", "full,mock", "--", "-D", "warnings"],
    );
    let _ = std::fs::remove_dir_all(&dir);
    features
}

#[test]
fn every_tag_feature_of_the_fixture_compiles_alone_and_all_together() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs/specs/features_by_tag.yaml");
    let features = check_matrix(&spec, "fixture");
    assert_eq!(
        features,
        ["default-tag", "mock2", "pets", "store_front", "users"]
    );
}

/// floLIVE: every answer an envelope (a private constant the operations share), a token exchange, a poll
/// whose status operation is of another tag.
#[test]
fn every_tag_feature_of_an_enveloped_api_compiles_alone() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/flolive.yaml");
    let features = check_matrix(&spec, "flolive");
    assert!(features.len() >= 2, "{features:?}");
}

#[test]
fn features_by_tag_is_for_crates() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs/specs/features_by_tag.yaml");
    let output = run(Command::new(env!("CARGO_BIN_EXE_specgen"))
        .arg("generate")
        .arg(&spec)
        .arg("--features-by-tag"));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("--crate"));
}

/// Two single-file modules generated with `--embed-runtime` in one crate (not a features matter, but a
/// generated crate checked in the same target folder): each carries its own runtime copy, and the runtime's
/// table macros (`string_enum!`, `integer_enum!`, `object::fields!`) must stay inside each copy rather
/// than at the crate root, where the second copy's would clash with the first's.
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
    // clippy too: the crate has no `rust-version`, so clippy holds the runtime's code to the newest Rust.
    for (subcommand, lints) in [
        ("check", &[][..]),
        ("clippy", &["--", "-D", "warnings"][..]),
    ] {
        let output = cargo_in(&dir, subcommand, lints);
        assert!(
            output.status.success(),
            "two embedded runtimes in one crate fail cargo {subcommand}:\n{}",
            text(&output.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
