//! Rebuild cost of billing-clients: `cargo build` with nothing changed (the build script must not run),
//! and after touching one spec (it must).

use crate::compile::touch;
use crate::measure::{median, run_timed};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// One kind of rebuild.
pub struct Rebuild {
    /// Median wall time of `cargo build -p billing-clients`.
    pub time: Duration,
    /// Whether cargo ran the build script (read from `-v` output) in every run.
    pub ran_build_script: bool,
}

/// The no-op build, then the build after touching `specs/fusebill.yaml`.
pub fn measure(workspace: &Path, runs: usize) -> Result<(Rebuild, Rebuild), String> {
    let build = || {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command
            .args(["build", "-v", "-p", "billing-clients"])
            .current_dir(workspace);
        command
    };
    // Warm: whatever is stale is built once, untimed.
    run_timed(&mut build())?;
    let spec = workspace.join("specs/fusebill.yaml");
    let mut noop = (Vec::new(), false);
    let mut touched = (Vec::new(), true);
    for _ in 0..runs {
        let (time, output) = run_timed(&mut build())?;
        noop.0.push(time);
        noop.1 |= ran_build_script(&output.stderr);
        touch(&spec)?;
        let (time, output) = run_timed(&mut build())?;
        touched.0.push(time);
        touched.1 &= ran_build_script(&output.stderr);
    }
    Ok((
        Rebuild {
            time: median(noop.0),
            ran_build_script: noop.1,
        },
        Rebuild {
            time: median(touched.0),
            ran_build_script: touched.1,
        },
    ))
}

/// Whether cargo's `-v` output shows billing-clients' build script being run.
fn ran_build_script(stderr: &[u8]) -> bool {
    String::from_utf8_lossy(stderr).lines().any(|line| {
        line.contains("Running")
            && line.contains("billing-clients-")
            && line.contains("build-script-build")
    })
}
