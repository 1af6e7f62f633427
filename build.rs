//! Generates the billing clients from `specs/*.yaml` into `OUT_DIR` (see `generated/lib.rs`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(error) = specgen::build::generate_clients("specs") {
        // Cargo shows a failed build script's stderr: every problem with its file, line and pointer.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
