//! Compile cost: the standalone crates specgen writes (and progenitor's, when `cargo-progenitor` is
//! installed), their line counts and the `cargo check` time of the crate itself, its dependencies warm
//! (specgen-runtime and progenitor-client included: a runtime crate is compiled once, not per API), in one
//! target folder under the bench cache.

use crate::measure::{line_count, median, run_timed};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A generated crate's figures.
pub struct Checked {
    /// Lines of `src/lib.rs`.
    pub lines: usize,
    /// Lines of the embedded `runtime` module (shared code, not per API); 0 for other generators.
    pub runtime_lines: usize,
    /// Lines of the typed mocks (the last items, behind the `mock` feature); 0 for other generators.
    pub mock_lines: usize,
    /// Median `cargo check` time after touching `src/lib.rs`.
    pub check: Duration,
    /// The `specgen-runtime` line of the crate's `Cargo.toml` (none for other generators or an embedded runtime).
    pub runtime_dependency: Option<String>,
}

/// Writes specgen's crate for `spec` into `dir`, builds its dependencies and times `runs` checks of it.
pub fn specgen_crate(
    spec: &Path,
    dir: &Path,
    target: &Path,
    runs: usize,
) -> Result<Checked, String> {
    // The default, as `specgen generate SPEC --crate DIR` writes it: a path dependency on the runtime sources
    // this specgen was built from (an absolute path, so it resolves from the bench cache too).
    specgen::standalone::write_crate(spec, dir, None, &Default::default())
        .map_err(|e| e.to_string())?;
    let lib = dir.join("src/lib.rs");
    Ok(Checked {
        lines: line_count(&lib),
        runtime_lines: runtime_lines(&lib),
        mock_lines: mock_lines(&lib),
        check: check(dir, target, runs)?,
        runtime_dependency: runtime_dependency(&dir.join("Cargo.toml")),
    })
}

/// Writes progenitor's crate for `spec` into `dir` (with the `cargo-progenitor` binary given), builds its
/// dependencies and times `runs` checks of it.
pub fn progenitor_crate(
    progenitor: &Path,
    spec: &Path,
    dir: &Path,
    target: &Path,
    runs: usize,
) -> Result<Checked, String> {
    let mut command = Command::new(progenitor);
    command
        .arg("progenitor")
        .arg("-i")
        .arg(spec)
        .arg("-o")
        .arg(dir)
        .args(["-n", "progenitor-bench", "-v", "0.1.0"]);
    run_timed(&mut command)?;
    let lines = rust_files(&dir.join("src"))
        .iter()
        .map(|file| line_count(file))
        .sum();
    Ok(Checked {
        lines,
        runtime_lines: 0,
        mock_lines: 0,
        check: check(dir, target, runs)?,
        runtime_dependency: None,
    })
}

/// The progenitor release the issue compares with.
const PROGENITOR_VERSION: &str = "0.15.1";

/// `cargo-progenitor` from `PROGENITOR`, else from `PATH`, else from the bench cache's `tools/bin`, where it
/// is installed on first use (`cargo install`, a few minutes) unless `SPECGEN_BENCH_NO_INSTALL` is set.
pub fn find_progenitor(cache: &Path) -> Option<PathBuf> {
    if let Some(found) = installed_progenitor(cache) {
        return Some(found);
    }
    if std::env::var_os("SPECGEN_BENCH_NO_INSTALL").is_some() {
        return None;
    }
    eprintln!(
        "installing cargo-progenitor {PROGENITOR_VERSION} into {}",
        cache.join("tools").display()
    );
    let mut install = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    install
        .args([
            "install",
            "--locked",
            "--quiet",
            "cargo-progenitor",
            "--version",
            PROGENITOR_VERSION,
            "--root",
        ])
        .arg(cache.join("tools"))
        // Its own temporary target folder, not the workspace's.
        .env_remove("CARGO_TARGET_DIR");
    match run_timed(&mut install) {
        Ok(_) => installed_progenitor(cache),
        Err(error) => {
            eprintln!("{error}");
            None
        }
    }
}

fn installed_progenitor(cache: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PROGENITOR") {
        return Some(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("cargo-progenitor"))
            .find(|candidate| candidate.is_file())
    });
    on_path.or_else(|| {
        let cached = cache.join("tools/bin/cargo-progenitor");
        cached.is_file().then_some(cached)
    })
}

/// Builds the crate's dependencies, then times `runs` checks of the crate alone (none: zero, for a caller that
/// interleaves [`timed_check`]s of several crates itself).
fn check(dir: &Path, target: &Path, runs: usize) -> Result<Duration, String> {
    warm(dir, target)?;
    let mut samples = Vec::new();
    for _ in 0..runs {
        samples.push(timed_check(dir, target)?);
    }
    Ok(median(samples))
}

/// `cargo check` in the crate's folder, into the shared target folder.
pub fn cargo_check(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(["check", "--color", "never"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Every timed check type-checks the whole crate again, as a first build or a changed spec does
        // (and no incremental cache, gigabytes for GitHub's crate, is written).
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// Builds the crate's dependencies (the runtime crate among them) by checking it with an empty `src/lib.rs`.
pub fn warm(dir: &Path, target: &Path) -> Result<(), String> {
    let lib = dir.join("src/lib.rs");
    let aside = dir.join("src/lib.rs.bench");
    let io = |e: std::io::Error| format!("{}: {e}", lib.display());
    std::fs::rename(&lib, &aside).map_err(io)?;
    std::fs::write(&lib, "").map_err(io)?;
    let warm = run_timed(&mut cargo_check(dir, target));
    std::fs::rename(&aside, &lib).map_err(io)?;
    warm.map(|_| ())
}

/// One check of the crate alone after touching its source; one that builds anything else is an error.
pub fn timed_check(dir: &Path, target: &Path) -> Result<Duration, String> {
    touch(&dir.join("src/lib.rs"))?;
    let (elapsed, output) = run_timed(&mut cargo_check(dir, target))?;
    let built = built_units(&output.stderr);
    if built.len() != 1 {
        return Err(format!(
            "the timed check of {} built {} units, not the crate alone: {built:?}",
            dir.display(),
            built.len()
        ));
    }
    Ok(elapsed)
}

/// What cargo's status lines say it compiled or checked (`Checking name v1.0.0 (path)`, `Compiling ...`).
fn built_units(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("Checking ") || l.starts_with("Compiling "))
        .map(str::to_owned)
        .collect()
}

/// The `specgen-runtime = ...` line of a manifest.
fn runtime_dependency(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    text.lines()
        .find(|l| l.starts_with("specgen-runtime"))
        .map(str::to_owned)
}

/// Sets a file's modification time to now, as `touch` does.
pub fn touch(path: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

/// Lines of `pub mod runtime { ... }` in a generated file (it opens and closes at column 0).
fn runtime_lines(lib: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(lib) else {
        return 0;
    };
    let mut lines = text.lines().skip_while(|l| *l != "pub mod runtime {");
    match lines.position(|l| l == "}") {
        Some(inner) => inner + 1,
        None => 0,
    }
}

/// Lines of the typed mocks: specgen writes them last, from the mock module's doc line to the end.
fn mock_lines(lib: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(lib) else {
        return 0;
    };
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .position(|l| l.starts_with("/// A typed mock server for this API"))
        .map_or(0, |start| lines.len() - start)
}

/// The `.rs` files under a folder, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
