//! Request overhead: runs the criterion benchmark `benches/request.rs` and reads its median estimates.

use crate::measure::run_timed;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Median time of one call, generated client and plain reqwest + serde, for one body size.
pub struct Overhead {
    /// `small` or `1mb`.
    pub body: &'static str,
    /// The generated client's call.
    pub generated: Duration,
    /// The same request with plain reqwest and serde_json.
    pub plain: Duration,
}

/// Runs `cargo bench -p specgen-bench --bench request` and reads criterion's estimates.
pub fn measure(workspace: &Path) -> Result<Vec<Overhead>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut bench = Command::new(&cargo);
    bench
        .args(["bench", "-p", "specgen-bench", "--bench", "request"])
        .current_dir(workspace);
    let (_, output) = run_timed(&mut bench)?;
    eprint!("{}", String::from_utf8_lossy(&output.stdout));
    let criterion = target_dir(&cargo, workspace)?.join("criterion");
    ["small", "1mb"]
        .into_iter()
        .map(|body| {
            let group = criterion.join(format!("request_{body}"));
            Ok(Overhead {
                body,
                generated: estimate(&group.join("generated"))?,
                plain: estimate(&group.join("plain_reqwest_serde"))?,
            })
        })
        .collect()
}

/// The workspace's target folder, as cargo reports it.
fn target_dir(cargo: &std::ffi::OsStr, workspace: &Path) -> Result<PathBuf, String> {
    let mut metadata = Command::new(cargo);
    metadata
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(workspace);
    let (_, output) = run_timed(&mut metadata)?;
    let value: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata is not JSON: {e}"))?;
    value
        .get("target_directory")
        .and_then(serde_json::Value::as_str)
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata names no target directory".to_owned())
}

/// The median point estimate of a criterion benchmark's last run.
fn estimate(dir: &Path) -> Result<Duration, String> {
    let path = dir.join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    value
        .pointer("/median/point_estimate")
        .and_then(serde_json::Value::as_f64)
        .map(|nanos| Duration::from_secs_f64(nanos / 1e9))
        .ok_or_else(|| format!("{} has no median estimate", path.display()))
}
