//! The `specgen` command line: `generate` prints or writes a module or a crate, `check` validates specs.
//! Exit status: 0 success, 1 a spec has errors, 2 usage or I/O error.

use clap::{Args, Parser, Subcommand};
use specgen::build::BuildError;
use specgen::standalone::{CrateError, RuntimeDependency, write_crate_with};
use specgen::{Generator, RuntimeMode, Severity};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generation allocates and frees many small nodes (tokens, syntax trees); see generator/Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates typed async Rust clients from OpenAPI 3.0 documents (YAML or JSON).
#[derive(Parser)]
#[command(name = "specgen", version, propagate_version = true)]
#[command(after_help = "Exit status: 0 success, 1 a spec has errors, 2 usage or I/O error.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print (or write) the Rust module generated from SPEC, or write a standalone crate.
    Generate(GenerateArgs),
    /// Validate specs: print every error and, as warnings, everything accepted but not represented exactly.
    Check {
        /// The specs to check.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct GenerateArgs {
    /// The OpenAPI document.
    spec: PathBuf,
    /// Write the module to FILE instead of printing it.
    #[arg(short, long, value_name = "FILE", conflicts_with = "crate_dir")]
    output: Option<PathBuf>,
    /// Write a standalone crate (Cargo.toml, src/lib.rs) into DIR.
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
    /// The crate's package name (default: the spec's file name).
    #[arg(long, requires = "crate_dir")]
    name: Option<String>,
    /// Depend on the runtime crate in this folder (default: the runtime sources this specgen was built from).
    #[arg(long, value_name = "PATH", requires = "crate_dir", group = "runtime")]
    runtime_path: Option<PathBuf>,
    /// Depend on this published version of specgen-runtime.
    #[arg(
        long,
        value_name = "VERSION",
        requires = "crate_dir",
        group = "runtime"
    )]
    runtime_version: Option<String>,
    /// Put a copy of the runtime's sources into the output, which then stands alone.
    #[arg(long, group = "runtime")]
    embed_runtime: bool,
    /// Every `type: number` without a format becomes rust_decimal::Decimal (exact amounts).
    #[arg(long)]
    decimal_numbers: bool,
    /// One cargo feature per tag in the crate (default = ["full"], all of them): a user who turns default
    /// features off compiles only the operations of the tags named, and the types they use.
    #[arg(long, requires = "crate_dir")]
    features_by_tag: bool,
}

/// Sets mimalloc up for generation, which frees each stage whole once the next one has what it needs (the
/// JSON tree once typed, the typed document once lowered) and goes on with allocations of other sizes:
/// freed memory goes back to the system at once (mimalloc 3 waits a second, so the stages freed stayed in
/// the peak), and arenas are committed as they are used rather than when they are reserved. GitHub's peak:
/// 150 MiB at a live peak of 91 MiB with the defaults, 116 MiB purging at once, 94 MiB without eager
/// commit too (generator/bench/NOTES.md, issue 16 part 4).
extern "C" fn tune_allocator() {
    // Neither option is in the `mimalloc` crate's API: they are options 15 and 4 of mimalloc 2.x and 3.x
    // (the versions the crate builds), set only when the linked library is one of them.
    const PURGE_DELAY: std::ffi::c_int = 15;
    const ARENA_EAGER_COMMIT: std::ffi::c_int = 4;
    unsafe extern "C" {
        fn mi_version() -> std::ffi::c_int;
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: plain functions of the mimalloc library the global allocator links; setting an option only
    // writes mimalloc's table of options, and is allowed before mimalloc has started.
    unsafe {
        // The version is major * 10000 + minor * 100 + patch.
        if matches!(mi_version() / 10_000, 2 | 3) {
            mi_option_set(PURGE_DELAY, 0);
            mi_option_set(ARENA_EAGER_COMMIT, 0);
        }
    }
}

/// Runs [`tune_allocator`] when the program is loaded: the Rust runtime allocates before `main`, and
/// mimalloc reserves (and by default commits) its first arena then, too early for `main` to set it up.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

fn main() -> ExitCode {
    // Elsewhere, as early as a program can: freed memory at least goes back at once.
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with status 0; usage errors to stderr with status 2.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Generate(args) => generate(args),
        Command::Check { specs } => check(&specs),
    }
}

fn generate(args: GenerateArgs) -> ExitCode {
    let generator = Generator::new()
        .decimal_numbers(args.decimal_numbers)
        .features_by_tag(args.features_by_tag);
    if let Some(dir) = &args.crate_dir {
        let runtime = if args.embed_runtime {
            RuntimeDependency::Embedded
        } else if let Some(path) = args.runtime_path {
            RuntimeDependency::Path(path)
        } else if let Some(version) = args.runtime_version {
            RuntimeDependency::Version(version)
        } else {
            RuntimeDependency::default()
        };
        return generate_crate(&generator, &args.spec, dir, args.name.as_deref(), &runtime);
    }
    let mode = if args.embed_runtime {
        RuntimeMode::Embedded
    } else {
        RuntimeMode::default()
    };
    let generator = generator.runtime(mode);
    if let Some(path) = &args.output {
        // Written chunk by chunk as it is formatted: the code is never held whole.
        return match generator.generate_to_file(&args.spec, path) {
            Ok(written) => {
                for warning in &written.warnings {
                    eprintln!("{warning}");
                }
                ExitCode::SUCCESS
            }
            Err(BuildError::Spec(diagnostics)) => {
                eprintln!("{diagnostics}");
                ExitCode::from(1)
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::from(2)
            }
        };
    }
    match generator.generate(&args.spec) {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("{warning}");
            }
            print!("{}", generated.code);
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::from(1)
        }
    }
}

fn generate_crate(
    generator: &Generator,
    spec: &Path,
    dir: &Path,
    name: Option<&str>,
    runtime: &RuntimeDependency,
) -> ExitCode {
    match write_crate_with(generator, spec, dir, name, runtime) {
        Ok(output) => {
            for warning in &output.warnings {
                eprintln!("{warning}");
            }
            ExitCode::SUCCESS
        }
        Err(CrateError::Spec(diagnostics)) => {
            eprintln!("{diagnostics}");
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

fn check(specs: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for spec in specs {
        // Every problem, errors and warnings alike: the warnings are the report of what was accepted but
        // could not be represented exactly.
        let (problems, ok) = match Generator::new().check(spec) {
            Ok(warnings) => (warnings, true),
            Err(diagnostics) => (diagnostics.0, false),
        };
        for problem in &problems {
            eprintln!("{problem}\n");
        }
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let warnings = problems.len() - errors;
        let spec = spec.display();
        if ok {
            eprintln!("{spec}: ok ({warnings} warning(s))");
        } else {
            failed = true;
            eprintln!("{spec}: {errors} error(s), {warnings} warning(s)");
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
