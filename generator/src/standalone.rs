//! Writes a complete crate for one spec: `Cargo.toml` with exactly the dependencies the code uses, and
//! `src/lib.rs`. The crate depends on the runtime crate (`specgen-runtime`) by path, by version or, for
//! single-file output, holds an embedded copy of it.

use crate::build::{BuildError, write_if_changed};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{Generator, RuntimeMode};
use heck::ToKebabCase;
use std::path::{Path, PathBuf};

/// Dependencies the generated code names itself, as `Cargo.toml` lines, sorted (same versions and features
/// as the runtime's, so Cargo unifies them).
const CODE: &[&str] = &[
    r#"bytes = "1""#,
    r#"chrono = { version = "0.4", default-features = false, features = ["serde", "std", "clock"] }"#,
    r#"futures-util = { version = "0.3", default-features = false, features = ["std"] }"#,
    r#"reqwest = { version = "0.13", default-features = false, features = ["json", "multipart", "query", "rustls"] }"#,
    r#"rust_decimal = { version = "1", default-features = false, features = ["serde", "std"] }"#,
    r#"serde = { version = "1", features = ["derive"] }"#,
    r#"serde_json = { version = "1", features = ["raw_value"] }"#,
    r#"uuid = { version = "1", features = ["serde", "v4"] }"#,
];

/// What an embedded runtime needs on top of [`CODE`], as `Cargo.toml` lines, sorted by name with them.
const EMBEDDED_RUNTIME: &[&str] = &[
    r#"erased-serde = "0.4""#,
    r#"thiserror = "2""#,
    r#"tokio = { version = "1", default-features = false, features = ["sync", "time"] }"#,
    r#"tracing = { version = "0.1", default-features = false, features = ["std"] }"#,
    r#"url = "2""#,
    r#"wiremock = { version = "0.6", optional = true }"#,
];

/// How a generated crate gets the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path dependency on the runtime crate's folder (the one holding its `Cargo.toml`).
    Path(PathBuf),
    /// A registry dependency on this version of `specgen-runtime`, for when it is published.
    Version(String),
    /// A copy of the runtime's sources inside `src/lib.rs`: the crate stands alone.
    Embedded,
}

impl Default for RuntimeDependency {
    /// The runtime sources this specgen was built from: the crate builds offline next to the checkout.
    fn default() -> Self {
        RuntimeDependency::Path(bundled_runtime_dir())
    }
}

/// The folder of the runtime crate this specgen was built from.
pub fn bundled_runtime_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime")
}

/// What [`write_crate`] wrote.
#[derive(Debug, Clone)]
pub struct CrateOutput {
    /// The package name.
    pub name: String,
    /// Files written (unchanged files are not rewritten and not listed).
    pub written: Vec<PathBuf>,
    /// Problems that did not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// The features per tag its `Cargo.toml` declares (empty unless [`Generator::features_by_tag`]).
    pub features: Vec<crate::ir::Feature>,
}

/// Generates the crate for `spec` into `dir`; the package is called `name`, or after the spec's file stem.
pub fn write_crate(
    spec: &Path,
    dir: &Path,
    name: Option<&str>,
    runtime: &RuntimeDependency,
) -> Result<CrateOutput, CrateError> {
    write_crate_with(&Generator::new(), spec, dir, name, runtime)
}

/// [`write_crate`] with the options of `generator` (such as [`Generator::decimal_numbers`]); the runtime
/// mode follows `runtime`.
pub fn write_crate_with(
    generator: &Generator,
    spec: &Path,
    dir: &Path,
    name: Option<&str>,
    runtime: &RuntimeDependency,
) -> Result<CrateOutput, CrateError> {
    let runtime_line = match runtime {
        RuntimeDependency::Path(path) => {
            // A path that does not hold the runtime would fail only at the user's first build: say it now.
            if !path.join("Cargo.toml").is_file() {
                return Err(CrateError::RuntimeNotFound(path.clone()));
            }
            Some(format!(
                "specgen-runtime = {{ path = {} }}",
                toml_string(&path.display().to_string())
            ))
        }
        RuntimeDependency::Version(version) => {
            Some(format!("specgen-runtime = {}", toml_string(version)))
        }
        RuntimeDependency::Embedded => None,
    };
    let mode = match runtime {
        RuntimeDependency::Embedded => RuntimeMode::Embedded,
        _ => RuntimeMode::default(),
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| CrateError::Build(BuildError::Io { path, error })
    };
    let src = dir.join("src");
    // Folders this call makes are removed again if the spec has errors: a failed generation leaves nothing.
    let made: Vec<PathBuf> = [dir.to_path_buf(), src.clone()]
        .into_iter()
        .filter(|folder| !folder.exists())
        .collect();
    std::fs::create_dir_all(&src).map_err(io(&src))?;
    // The code goes straight to `src/lib.rs` as it is formatted (never held whole); the manifest, which
    // declares the features the code turned out to use, follows it.
    let code_path = src.join("lib.rs");
    let generated = generator
        .clone()
        .runtime(mode)
        .generate_to_file(spec, &code_path)
        .map_err(|error| {
            for folder in made.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            match error {
                BuildError::Spec(diagnostics) => CrateError::Spec(diagnostics),
                error => CrateError::Build(error),
            }
        })?;
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = package_name(name.unwrap_or(&stem));
    let mut dependencies: Vec<String> = CODE.iter().map(|line| (*line).to_owned()).collect();
    let mock = match runtime_line {
        Some(line) => {
            dependencies.push(line);
            "specgen-runtime/mock"
        }
        None => {
            dependencies.extend(EMBEDDED_RUNTIME.iter().map(|line| (*line).to_owned()));
            "dep:wiremock"
        }
    };
    dependencies.sort();
    // Features by tag: a default build compiles everything; `default-features = false, features = [...]`
    // compiles the tags a user names.
    let tag_features = if generated.features.is_empty() {
        String::new()
    } else {
        format!(
            "# One feature per tag of the spec: its operations and the types they use.\n{}",
            crate::emit::gate::feature_table(&generated.features)
        )
    };
    let manifest = format!(
        "# @generated by specgen. Do not edit.\n[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}\n\n[features]\n# Typed mock servers (`mock::Mock`) for testing code that uses the client.\nmock = [\"{mock}\"]\n{tag_features}\n# A crate of its own, even when written inside another workspace.\n[workspace]\n",
        dependencies.join("\n")
    );
    let mut written = Vec::new();
    let manifest_path = dir.join("Cargo.toml");
    if write_if_changed(&manifest_path, &manifest).map_err(CrateError::Build)? {
        written.push(manifest_path);
    }
    if generated.changed {
        written.push(code_path);
    }
    Ok(CrateOutput {
        name,
        written,
        warnings: generated.warnings,
        features: generated.features,
    })
}

/// `text` as a TOML basic string (a path may hold quotes or backslashes).
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A valid Cargo package name: kebab-case ASCII, starting with a letter.
fn package_name(raw: &str) -> String {
    let kebab: String = raw
        .to_kebab_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if kebab.starts_with(|c: char| c.is_ascii_alphabetic()) {
        kebab
    } else {
        format!("api-{kebab}")
    }
}

/// Why a crate could not be written.
#[derive(Debug)]
pub enum CrateError {
    /// The spec has errors.
    Spec(Diagnostics),
    /// Writing failed.
    Build(BuildError),
    /// The runtime path names no runtime crate.
    RuntimeNotFound(PathBuf),
}

impl std::fmt::Display for CrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CrateError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            CrateError::Build(error) => write!(f, "{error}"),
            CrateError::RuntimeNotFound(path) => write!(
                f,
                "error: {} holds no runtime crate (no Cargo.toml); name one with --runtime-path, \
                 depend on a published one with --runtime-version, or use --embed-runtime",
                path.display()
            ),
        }
    }
}

impl std::error::Error for CrateError {}

#[cfg(test)]
mod tests {
    use super::{package_name, toml_string};

    #[test]
    fn package_names_are_valid() {
        assert_eq!(package_name("billing_booth_one"), "billing-booth-one");
        assert_eq!(package_name("1forge.com"), "api-1forge-com");
        assert_eq!(package_name(""), "api-");
    }

    #[test]
    fn toml_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(toml_string("/a/b"), r#""/a/b""#);
        assert_eq!(toml_string(r#"C:\x"y"#), r#""C:\\x\"y""#);
        assert_eq!(toml_string("a\nb"), r#""a\u000Ab""#);
    }
}
