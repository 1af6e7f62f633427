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

/// `command` run under GNU `time`, which writes the peak resident memory of what it ran to `peak_file`
/// (read back by [`read_peak`]); `command` itself when GNU `time` is not installed.
pub fn with_peak(command: Command, peak_file: &Path) -> Command {
    let _ = std::fs::remove_file(peak_file);
    let gnu_time = Path::new("/usr/bin/time");
    if !gnu_time.is_file() {
        return command;
    }
    let mut timed = Command::new(gnu_time);
    timed
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(peak_file)
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        timed.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    timed
}

/// The peak GNU `time` wrote for [`with_peak`], in bytes.
pub fn read_peak(peak_file: &Path) -> Option<u64> {
    std::fs::read_to_string(peak_file)
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
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
