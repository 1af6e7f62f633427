//! Small measuring helpers: medians, timed commands, peak memory of this process, line counts.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The median of some durations (the lower middle for an even count); zero for none.
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples
        .get(samples.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default()
}

/// Runs a command to completion, timing it; a command that cannot start or fails is an error with its output.
pub fn run_timed(command: &mut Command) -> Result<(Duration, Output), String> {
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed ({}):\n{}{}",
            output.status,
            tail(&output.stdout),
            tail(&output.stderr)
        ));
    }
    Ok((elapsed, output))
}

/// The last lines of a command's output, for error messages.
pub fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// This process's peak resident set size in bytes (Linux: `VmHWM` of `/proc/self/status`).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Lines of a file (0 when it cannot be read).
pub fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|text| text.lines().count())
        .unwrap_or(0)
}

/// Seconds with millisecond precision, for the table.
pub fn secs(duration: Duration) -> String {
    format!("{:.3} s", duration.as_secs_f64())
}

/// A byte count in MB (10^6), for the table.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// `a / b` as a ratio, for the table.
pub fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}x", a / b)
    } else {
        "n/a".to_owned()
    }
}
