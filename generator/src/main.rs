//! The `specgen` command line: `generate` prints or writes a module, `check` validates specs.

use specgen::{Generator, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  specgen generate SPEC [-o FILE]   print (or write) the Rust module generated from SPEC
  specgen generate SPEC --crate DIR [--name NAME]
                                    write a standalone crate (Cargo.toml, src/lib.rs) into DIR
    --decimal-numbers               every `type: number` without a format becomes rust_decimal::Decimal
  specgen check SPEC...             validate specs and print every problem

exit status: 0 success, 1 a spec has errors, 2 usage or I/O error";

fn main() -> ExitCode {
    // Arguments that are not UTF-8 (possible in file names) are refused, not a panic.
    let Some(args) = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string().ok())
        .collect::<Option<Vec<String>>>()
    else {
        return usage_error("arguments must be valid UTF-8");
    };
    match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected a command"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn generate(args: &[String]) -> ExitCode {
    let mut spec = None;
    let mut output = None;
    let mut crate_dir = None;
    let mut name = None;
    let mut generator = Generator::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-o" | "--output" => match rest.next() {
                Some(path) => output = Some(PathBuf::from(path)),
                None => return usage_error("-o needs a file"),
            },
            "--crate" => match rest.next() {
                Some(path) => crate_dir = Some(PathBuf::from(path)),
                None => return usage_error("--crate needs a folder"),
            },
            "--name" => match rest.next() {
                Some(value) => name = Some(value.clone()),
                None => return usage_error("--name needs a package name"),
            },
            "--decimal-numbers" => generator = generator.decimal_numbers(true),
            flag if flag.starts_with('-') => return usage_error(&format!("unknown option {flag}")),
            path if spec.is_none() => spec = Some(PathBuf::from(path)),
            _ => return usage_error("generate takes one spec"),
        }
    }
    let Some(spec) = spec else {
        return usage_error("generate needs a spec");
    };
    if let Some(dir) = crate_dir {
        if output.is_some() {
            return usage_error("-o and --crate exclude each other");
        }
        return write_crate(&generator, &spec, &dir, name.as_deref());
    }
    if name.is_some() {
        return usage_error("--name only applies with --crate");
    }
    match generator.generate(&spec) {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("{warning}");
            }
            match output {
                Some(path) => match specgen::build::write_if_changed(&path, &generated.code) {
                    Ok(_) => ExitCode::SUCCESS,
                    Err(error) => {
                        eprintln!("{error}");
                        ExitCode::from(2)
                    }
                },
                None => {
                    print!("{}", generated.code);
                    ExitCode::SUCCESS
                }
            }
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::from(1)
        }
    }
}

fn write_crate(
    generator: &Generator,
    spec: &std::path::Path,
    dir: &std::path::Path,
    name: Option<&str>,
) -> ExitCode {
    use specgen::standalone::{CrateError, write_crate_with};
    match write_crate_with(generator, spec, dir, name) {
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

fn check(args: &[String]) -> ExitCode {
    if args.is_empty() {
        return usage_error("check needs at least one spec");
    }
    let mut failed = false;
    for spec in args {
        // Every problem, errors and warnings alike: the warnings are the report of what was accepted but
        // could not be represented exactly.
        let (problems, ok) = match Generator::new().check(std::path::Path::new(spec)) {
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
