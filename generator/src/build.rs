//! The build-script API: one call turns a folder of specs into modules in `OUT_DIR`.
//!
//! ```no_run
//! // in build.rs's `fn main`:
//! if let Err(error) = specgen::build::generate_clients("specs") {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/clients.rs"));` which defines one
//! `pub mod <spec file stem>` per spec. The modules use the `specgen-runtime` crate (a dependency of the
//! including crate, whose `mock` feature should turn on `specgen-runtime/mock`), or, with
//! [`BuildConfig::embed_runtime`], a copy of its sources in `pub mod runtime`.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::names::{Scope, value_name};
use crate::{Generator, RuntimeMode};
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a build-script generation failed. Nothing was written when it fails.
#[derive(Debug)]
pub enum BuildError {
    /// A spec has problems.
    Spec(Diagnostics),
    /// Reading the spec folder or writing output failed.
    Io {
        /// The path involved.
        path: PathBuf,
        /// What happened.
        error: std::io::Error,
    },
    /// `OUT_DIR` is not set (not running inside a build script) and no output folder was given.
    NoOutDir,
    /// An internal problem (a generator bug).
    Internal(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            BuildError::Io { path, error } => write!(f, "error: {}: {error}", path.display()),
            BuildError::NoOutDir => f.write_str(
                "error: OUT_DIR is not set; run from a build script or set an output folder",
            ),
            BuildError::Internal(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Options for [`generate_clients`]; the defaults suit a crate whose root includes `clients.rs`.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    spec_dir: PathBuf,
    out_dir: Option<PathBuf>,
    emit_cargo_directives: bool,
    runtime: RuntimeMode,
    decimal_numbers: bool,
    features_by_tag: bool,
}

impl BuildConfig {
    /// Every `*.yaml`, `*.yml` and `*.json` file of `spec_dir` becomes a module named after its file stem.
    pub fn new(spec_dir: impl Into<PathBuf>) -> Self {
        BuildConfig {
            spec_dir: spec_dir.into(),
            out_dir: None,
            emit_cargo_directives: true,
            runtime: RuntimeMode::default(),
            decimal_numbers: false,
            features_by_tag: false,
        }
    }

    /// The path at which generated modules find the runtime crate (default [`crate::DEFAULT_RUNTIME_PATH`]),
    /// for a crate that renames or re-exports it.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime = RuntimeMode::Shared(path.into());
        self
    }

    /// Writes a copy of the runtime's sources as `pub mod runtime` beside the modules, which use it
    /// instead of the `specgen-runtime` crate (off by default: the crate is compiled once per build, a copy
    /// once per crate that holds it).
    pub fn embed_runtime(mut self, embed: bool) -> Self {
        self.runtime = if embed {
            RuntimeMode::Embedded
        } else {
            RuntimeMode::default()
        };
        self
    }

    /// Writes into this folder instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:` directives (rerun-if-changed, warnings); on by default.
    pub fn cargo_directives(mut self, on: bool) -> Self {
        self.emit_cargo_directives = on;
        self
    }

    /// Whether every `type: number` without a `format` becomes an exact `rust_decimal::Decimal` in every
    /// module (see [`Generator::decimal_numbers`]); off by default.
    pub fn decimal_numbers(mut self, on: bool) -> Self {
        self.decimal_numbers = on;
        self
    }

    /// One cargo feature per tag in every module (see [`Generator::features_by_tag`]); off by default.
    /// The including crate must declare the features in its own `Cargo.toml` (each module's docs list
    /// them): a feature it does not declare is never on, and its operations are not compiled. When none
    /// of a module's features (nor `full`) is on, the build prints a `cargo:warning` that lists them.
    pub fn features_by_tag(mut self, on: bool) -> Self {
        self.features_by_tag = on;
        self
    }

    /// Generates every module; writes nothing unless all specs succeed, and only files whose content changed.
    /// Returns the paths of the files it wrote.
    pub fn run(&self) -> Result<Vec<PathBuf>, BuildError> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        if self.emit_cargo_directives {
            println!("cargo:rerun-if-changed={}", self.spec_dir.display());
        }
        let specs = spec_files(&self.spec_dir)?;
        let mut outputs = Vec::new();
        let mut index = String::from(crate::format::STAMP);
        // An embedded runtime is written once, beside the modules, which share it.
        let runtime = match &self.runtime {
            RuntimeMode::Embedded => {
                let source = crate::runtime_source().map_err(BuildError::Internal)?;
                outputs.push(("runtime.rs".to_owned(), source));
                index.push_str("include!(concat!(env!(\"OUT_DIR\"), \"/runtime.rs\"));\n");
                RuntimeMode::Shared("crate::runtime".to_owned())
            }
            shared => shared.clone(),
        };
        let generator = Generator::new()
            .runtime(runtime)
            .decimal_numbers(self.decimal_numbers)
            .features_by_tag(self.features_by_tag);
        let mut problems = Vec::new();
        // Module names come from file stems: `a-b.yaml` and `a_b.yml` (or a spec called `runtime`) must not
        // overwrite each other or the files this function writes itself.
        let mut modules = Scope::with_reserved(&["runtime", "clients"]);
        for spec in &specs {
            if self.emit_cargo_directives {
                println!("cargo:rerun-if-changed={}", spec.display());
            }
            let stem = spec
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let module = modules.claim(&value_name(&stem));
            let file_name = format!("{}.rs", module.trim_start_matches("r#"));
            match generator.generate_module(spec, &module) {
                Ok(generated) => {
                    problems.extend(generated.warnings);
                    if self.emit_cargo_directives {
                        let on = |name: &str| std::env::var_os(feature_variable(name)).is_some();
                        if let Some(warning) = features_off(&module, &generated.features, on) {
                            println!("cargo:warning={warning}");
                        }
                    }
                    // Files the spec's `$ref`s name are inputs too (a failed build reruns anyway).
                    if self.emit_cargo_directives {
                        for file in generated.files.iter().filter(|f| *f != spec) {
                            println!("cargo:rerun-if-changed={}", file.display());
                        }
                    }
                    index.push_str(&format!(
                        "include!(concat!(env!(\"OUT_DIR\"), \"/{file_name}\"));\n"
                    ));
                    outputs.push((file_name, generated.code));
                }
                Err(diagnostics) => problems.extend(diagnostics.0),
            }
        }
        let diagnostics = Diagnostics::new(problems);
        if self.emit_cargo_directives {
            for warning in diagnostics
                .0
                .iter()
                .filter(|d| d.severity == Severity::Warning)
            {
                for line in warning.to_string().lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        if diagnostics.has_errors() {
            let errors: Vec<Diagnostic> = diagnostics
                .0
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            return Err(BuildError::Spec(Diagnostics::new(errors)));
        }
        outputs.push(("clients.rs".to_owned(), index));
        let mut written = Vec::new();
        for (name, content) in outputs {
            let path = out_dir.join(name);
            if write_if_changed(&path, &content)? {
                written.push(path);
            }
        }
        Ok(written)
    }
}

/// A warning for a module with features by tag none of which is on in the crate being built (cargo sets
/// `CARGO_FEATURE_<NAME>` for each feature on): likely features not declared in its `Cargo.toml`.
fn features_off(
    module: &str,
    features: &[crate::ir::Feature],
    on: impl Fn(&str) -> bool,
) -> Option<String> {
    if features.is_empty() || on(crate::ir::FULL_FEATURE) || features.iter().any(|f| on(&f.name)) {
        return None;
    }
    let names: Vec<&str> = features.iter().map(|f| f.name.as_str()).collect();
    Some(format!(
        "module {}: none of its features is on, so none of its operations is compiled; declare them in Cargo.toml \
         (`full` and: {})",
        module.trim_start_matches("r#"),
        names.join(", ")
    ))
}

/// The variable cargo sets in a build script when a feature is on: `CARGO_FEATURE_` and the name in upper
/// case with `-` as `_`.
fn feature_variable(name: &str) -> String {
    format!(
        "CARGO_FEATURE_{}",
        name.to_ascii_uppercase().replace('-', "_")
    )
}

/// The one call for build scripts: `specgen::build::generate_clients("specs")`.
pub fn generate_clients(spec_dir: impl Into<PathBuf>) -> Result<Vec<PathBuf>, BuildError> {
    BuildConfig::new(spec_dir).run()
}

/// Spec files of a folder, sorted by name so output order never depends on the file system.
fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    let io = |error| BuildError::Io {
        path: dir.to_path_buf(),
        error,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_spec = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        if is_spec && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Writes `content` unless the file already holds it, through a temporary file and a rename so that a
/// reader never sees half a file. Returns whether it wrote.
pub fn write_if_changed(path: &Path, content: &str) -> Result<bool, BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(false);
    }
    let temporary = temporary_beside(path);
    std::fs::write(&temporary, content).map_err(|error| BuildError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    replace(&temporary, path).map(|()| true)
}

/// The temporary file [`write_if_changed`] writes before renaming it to `path`: beside it (a rename within
/// one folder is atomic), named per process so that two builds do not share it.
pub(crate) fn temporary_beside(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Renames the finished `temporary` to `path` unless `path` already holds the same bytes, in which case
/// the temporary file is removed and `path` is left untouched (its modification time too). Both files are
/// compared a block at a time, never read whole. Returns whether `path` was replaced.
pub(crate) fn replace_if_changed(temporary: &Path, path: &Path) -> Result<bool, BuildError> {
    let same = same_bytes(temporary, path).map_err(|error| BuildError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    if same {
        let _ = std::fs::remove_file(temporary);
        return Ok(false);
    }
    replace(temporary, path).map(|()| true)
}

/// Renames `temporary` to `path`; the temporary file is removed again if that fails.
fn replace(temporary: &Path, path: &Path) -> Result<(), BuildError> {
    if let Err(error) = std::fs::rename(temporary, path) {
        let _ = std::fs::remove_file(temporary);
        return Err(BuildError::Io {
            path: path.to_path_buf(),
            error,
        });
    }
    Ok(())
}

/// Whether the file at `old` exists and holds exactly the bytes of the file at `new`.
fn same_bytes(new: &Path, old: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let Ok(old) = std::fs::File::open(old) else {
        return Ok(false);
    };
    let new = std::fs::File::open(new)?;
    if old.metadata()?.len() != new.metadata()?.len() {
        return Ok(false);
    }
    let (mut old, mut new) = (std::io::BufReader::new(old), std::io::BufReader::new(new));
    let (mut a, mut b) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let read = new.read(&mut a)?;
        if read == 0 {
            // Same length, and every byte of `new` matched.
            return Ok(true);
        }
        let block = b.get_mut(..read).unwrap_or_default();
        if old.read_exact(block).is_err() || a.get(..read) != Some(&*block) {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{feature_variable, features_off};
    use crate::ir::Feature;

    #[test]
    fn a_module_whose_features_are_all_off_is_reported() {
        let features = [
            Feature {
                name: "default-tag".to_owned(),
                tag: None,
            },
            Feature {
                name: "repos".to_owned(),
                tag: Some("repos".to_owned()),
            },
        ];
        assert_eq!(feature_variable("default-tag"), "CARGO_FEATURE_DEFAULT_TAG");
        let warning = features_off("github", &features, |_| false).unwrap_or_default();
        assert!(warning.contains("module github"), "{warning}");
        assert!(warning.contains("default-tag, repos"), "{warning}");
        assert_eq!(
            features_off("github", &features, |name| name == "repos"),
            None
        );
        assert_eq!(
            features_off("github", &features, |name| name == "full"),
            None
        );
        assert_eq!(features_off("github", &[], |_| false), None);
    }
}
