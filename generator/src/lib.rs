//! specgen turns OpenAPI 3.0 and 3.1 and Swagger 2.0 documents (YAML or JSON) into typed, async Rust clients.
//!
//! The pipeline is `load` (parse, locate) -> `normalise` (3.1 and 2.0 to the 3.0 shape, every move
//! remembered for locating problems) -> `bundle` (other files' `$ref`s) -> `validate` -> `lower` (an owned
//! IR, names decided once) -> `emit`
//! (tokens built with `quote!`) -> `format` (prettyplease, once). Build scripts use [`build`]; the
//! `specgen` binary is a thin command line over [`Generator`]. The modules `load`, `ir` and `names` are
//! public for tools and tests but are not a stable API: they change with the pipeline.
//!
//! ```no_run
//! let generated = specgen::Generator::new().generate(std::path::Path::new("specs/fusebill.yaml"))?;
//! std::fs::write("fusebill.rs", generated.code)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
// A `Diagnostic` (file, position, pointer, message, hint, excerpt) travels only on error paths, once per
// problem: boxing it to satisfy the size lint would cost clarity and buy nothing.
#![allow(clippy::result_large_err)]

pub mod build;
mod bundle;
mod components;
pub mod diagnostics;
mod emit;
mod extensions;
mod format;
mod graph;
pub mod ir;
mod lines;
pub mod load;
mod lower;
pub mod names;
mod normalise;
mod positions;
mod read;
pub mod standalone;
mod validate;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use emit::{DEFAULT_RUNTIME_PATH, RuntimeMode};

use std::path::Path;

/// Generated code for one spec, and the warnings (lossy fallbacks) met on the way.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Problems that did not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// Every file read: the spec, then the files its `$ref`s name, in the order first read (a build
    /// script reruns when one changes).
    pub files: Vec<std::path::PathBuf>,
    /// The cargo features the code is gated by, sorted by name (empty unless
    /// [`Generator::features_by_tag`]); `full` and `default` are not listed.
    pub features: Vec<ir::Feature>,
}

/// What [`Generator::generate_to_file`] did: [`Generated`] without the code, which went to the file.
#[derive(Debug, Clone)]
pub struct Written {
    /// Whether the file was replaced (it is left untouched when it already held the same code).
    pub changed: bool,
    /// Problems that did not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// Every file read, as [`Generated::files`].
    pub files: Vec<std::path::PathBuf>,
    /// The cargo features the code is gated by, as [`Generated::features`].
    pub features: Vec<ir::Feature>,
}

/// Why a generation stopped: the spec, or the output.
enum Failure {
    Spec(Diagnostics),
    Io(std::io::Error),
}

/// Options for generating code; `Generator::new()` gives code that uses the `specgen-runtime` crate.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    runtime: RuntimeMode,
    options: lower::Options,
}

impl Generator {
    /// A generator whose output refers to the runtime crate at [`DEFAULT_RUNTIME_PATH`].
    pub fn new() -> Self {
        Generator::default()
    }

    /// Where the generated code finds the runtime.
    pub fn runtime(mut self, mode: RuntimeMode) -> Self {
        self.runtime = mode;
        self
    }

    /// Whether every `type: number` without a `format` becomes an exact `rust_decimal::Decimal` (off by
    /// default: such numbers are `f64`; `format: decimal` and `x-specgen-decimal: true` always give decimals).
    pub fn decimal_numbers(mut self, on: bool) -> Self {
        self.options.decimal_numbers = on;
        self
    }

    /// One cargo feature per tag (off by default): each compiles its operations (client methods,
    /// builders, mock stubs) and exactly the types they reach, so that a user of a few operations
    /// type-checks only those. Operations without a tag are under `default-tag`, a type no operation uses
    /// under `full`, and an operation with several tags is compiled when any of them is on. The crate that
    /// holds the code declares the features ([`Generated::features`]; [`standalone`] crates do it
    /// themselves, with `default = ["full"]`).
    pub fn features_by_tag(mut self, on: bool) -> Self {
        self.options.features_by_tag = on;
        self
    }

    /// Generates a file of items with `//!` module docs (for `src/lib.rs` or `mod name;`).
    pub fn generate(&self, spec: &Path) -> Result<Generated, Diagnostics> {
        on_big_stack(|| self.run(load::load(spec), None))
    }

    /// [`Generator::generate`] straight into the file `out`: each chunk of code is written as soon as it
    /// is formatted (and the chunks before it are in), so the code is never held whole, which for a large
    /// API is a good part of the memory generation needs. The file is replaced only when its content
    /// changed, through a temporary file beside it, as [`build::write_if_changed`] does; nothing is
    /// written when the spec has errors.
    pub fn generate_to_file(&self, spec: &Path, out: &Path) -> Result<Written, build::BuildError> {
        let temporary = build::temporary_beside(out);
        let io = |error| build::BuildError::Io {
            path: out.to_path_buf(),
            error,
        };
        let file = std::fs::File::create(&temporary).map_err(io)?;
        let mut writer = std::io::BufWriter::new(file);
        let generated = on_big_stack(|| self.run_into(load::load(spec), None, &mut writer));
        let flushed = writer.into_inner().map_err(|e| e.into_error());
        let generated = match (generated, flushed) {
            (Ok(generated), Ok(file)) => {
                drop(file);
                Ok(generated)
            }
            (Err(Failure::Spec(diagnostics)), _) => Err(build::BuildError::Spec(diagnostics)),
            (Err(Failure::Io(error)), _) | (Ok(_), Err(error)) => Err(io(error)),
        };
        let generated = match generated {
            Ok(generated) => generated,
            Err(error) => {
                let _ = std::fs::remove_file(&temporary);
                return Err(error);
            }
        };
        Ok(Written {
            changed: build::replace_if_changed(&temporary, out)?,
            warnings: generated.warnings,
            files: generated.files,
            features: generated.features,
        })
    }

    /// Generates a file of items from spec text already read; `path` names the spec in problems, and
    /// relative `$ref`s are read from its folder.
    pub fn generate_text(&self, path: &Path, text: String) -> Result<Generated, Diagnostics> {
        on_big_stack(|| self.run(load::parse(path, text), None))
    }

    /// Generates `pub mod <name> { ... }`, for inclusion with `include!`. `name` must be an identifier
    /// (see [`names::value_name`]).
    pub fn generate_module(&self, spec: &Path, name: &str) -> Result<Generated, Diagnostics> {
        let module_name = emit::ident(name);
        if module_name != name {
            let problem = Diagnostic::error("", format!("{name:?} is not a Rust module name"));
            return Err(Diagnostics::new(vec![problem]));
        }
        on_big_stack(|| self.run(load::load(spec), Some(name)))
    }

    /// Loads, lowers and emits a spec without formatting or writing anything; returns the warnings, or
    /// every problem when there is an error.
    pub fn check(&self, spec: &Path) -> Result<Vec<Diagnostic>, Diagnostics> {
        on_big_stack(|| {
            let document = load::load(spec).map_err(Diagnostics::new)?;
            self.analyse(document).map(|(_, _, _, warnings)| warnings)
        })
    }

    fn run(
        &self,
        loaded: Result<load::Document, Vec<Diagnostic>>,
        module: Option<&str>,
    ) -> Result<Generated, Diagnostics> {
        let mut code = Vec::new();
        let generated = self.run_into(loaded, module, &mut code);
        let internal = |message: String| Diagnostics::new(vec![Diagnostic::error("", message)]);
        let mut generated = match generated {
            Ok(generated) => generated,
            Err(Failure::Spec(diagnostics)) => return Err(diagnostics),
            // A buffer takes every write; kept total all the same.
            Err(Failure::Io(error)) => return Err(internal(error.to_string())),
        };
        // Every piece written was a `String`'s text.
        generated.code = String::from_utf8(code).map_err(|e| internal(e.to_string()))?;
        Ok(generated)
    }

    /// The pipeline, with the code written to `out` as it is formatted; the returned `code` is empty.
    fn run_into(
        &self,
        loaded: Result<load::Document, Vec<Diagnostic>>,
        module: Option<&str>,
        out: &mut (dyn std::io::Write + Send),
    ) -> Result<Generated, Failure> {
        let document = loaded.map_err(|d| Failure::Spec(Diagnostics::new(d)))?;
        let (document, api, plan, warnings) = self.analyse(document).map_err(Failure::Spec)?;
        let files = document.files();
        let path = document.path.clone();
        let features = api.gating.features.clone();
        // Code is made from the IR alone: the parsed document's memory is given back before it grows.
        drop(document);
        format::format_items(
            plan.chunk_count(&api),
            |i| plan.chunk(&api, i),
            |i, file| plan.gate_chunk(&api, i, file),
            module,
            out,
        )
        .map_err(|error| match error {
            format::FormatError::Internal(message) => {
                let mut problem = Diagnostic::error("", message);
                problem.file = path;
                (problem.line, problem.column) = (Some(1), Some(1));
                Failure::Spec(Diagnostics::new(vec![problem]))
            }
            format::FormatError::Io(error) => Failure::Io(error),
        })?;
        Ok(Generated {
            code: String::new(),
            warnings,
            files,
            features,
        })
    }

    /// The whole pipeline up to the plan of what to emit, with every problem located in the spec and sorted.
    fn analyse(
        &self,
        mut document: load::Document,
    ) -> Result<(load::Document, ir::Api, emit::Plan, Vec<Diagnostic>), Diagnostics> {
        let (api, mut problems) = lower::lower(&mut document, self.options);
        // Lowering was the typed document's only reader: its memory is given back before the spec's text
        // is read again to locate the problems.
        document.openapi = openapiv3::OpenAPI::default();
        problems.extend(document.problems.iter().cloned());
        // The runtime path is the caller's setting, not the spec's: checked once, before any code.
        if let RuntimeMode::Shared(path) = &self.runtime {
            if let Err(error) = syn::parse_str::<syn::Path>(path) {
                problems.push(Diagnostic::error(
                    "",
                    format!("runtime path {path:?} is not a Rust path: {error}"),
                ));
            }
        }
        let diagnostics =
            Diagnostics::new(problems.into_iter().map(|d| document.locate(d)).collect());
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let plan = emit::Plan::new(&api, &self.runtime);
        Ok((document, api, plan, diagnostics.0))
    }
}

/// Stack for one generation. Nesting is bounded (128 levels by the parsers, 64 schema levels by lowering),
/// but `openapiv3`'s typed deserialization spends tens of kilobytes of stack per level in debug builds
/// (build scripts are debug builds), more than a test thread's 2 MiB; the pipeline gets a stack of its own.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Runs `work` on a thread with [`STACK_BYTES`] of stack, or on this thread if none can be started.
fn on_big_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let slot = std::sync::Mutex::new(Some(work));
    let take = || slot.lock().ok().and_then(|mut work| work.take());
    let result = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("specgen".to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || take().map(|work| work()));
        match spawned {
            Ok(handle) => match handle.join() {
                Ok(result) => result,
                // A panic is a generator bug: it goes on unwinding in the caller, as it would have inline.
                Err(payload) => std::panic::resume_unwind(payload),
            },
            Err(_) => None,
        }
    });
    match result {
        Some(result) => result,
        // The thread could not start, so `work` is still in its slot.
        None => match take() {
            Some(work) => work(),
            None => unreachable_work(),
        },
    }
}

/// `on_big_stack` hands out its work exactly once; this is the impossible other case, kept total.
fn unreachable_work<T>() -> T {
    std::panic::resume_unwind(Box::new("specgen: generation work taken twice"))
}

/// The runtime's sources as `pub mod runtime { ... }`, formatted: an embedded copy that several modules can
/// share through [`RuntimeMode::Shared`]`("crate::runtime")`.
pub fn runtime_source() -> Result<String, String> {
    format::format_file(emit::runtime_module()?)
}
