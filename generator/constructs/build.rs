//! Generates one module per construct fixture of `specs/` into `OUT_DIR`, so that `cargo build` proves the
//! generated code compiles (and clippy, run over the workspace, that it is warning-free).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(error) = specgen::build::generate_clients("specs") {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
