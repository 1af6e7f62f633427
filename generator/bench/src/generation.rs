//! Generation: wall time and peak memory of the command line's `specgen generate SPEC -o FILE` (what users
//! run, with its allocator and its settings), against the floor of parsing the same bytes with serde_json
//! alone.

use crate::measure::{median, read_peak, run_timed, with_peak};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// What one spec's generation measured.
pub struct Generation {
    /// The spec's size in bytes.
    pub file_size: u64,
    /// Its operations.
    pub operations: usize,
    /// Median wall time of the child `generate` process (start to exit).
    pub generate: Duration,
    /// Largest peak RSS of the runs (GNU `time`), in bytes.
    pub peak_rss: Option<u64>,
    /// Median time of `serde_json::from_slice::<serde_json::Value>` on the same bytes (the floor).
    pub parse: Duration,
    /// Lines of the generated file.
    pub lines: usize,
}

/// Times `runs` generations of `spec` by the `specgen` binary, each between two parses of the same bytes in
/// this process, so that both see the same machine load.
pub fn measure(specgen: &Path, spec: &Path, out: &Path, runs: usize) -> Result<Generation, String> {
    let bytes = std::fs::read(spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let operations = count_operations(&bytes);
    let peak_file = out.with_extension("peak-rss.txt");
    let mut parses = vec![parse_once(&bytes)?];
    let mut generations = Vec::new();
    let mut peak = None;
    for _ in 0..runs {
        let mut generate = Command::new(specgen);
        generate.arg("generate").arg(spec).arg("-o").arg(out);
        let mut command = with_peak(generate, &peak_file);
        let (elapsed, _) = run_timed(&mut command)?;
        generations.push(elapsed);
        if let Some(rss) = read_peak(&peak_file) {
            peak = Some(peak.unwrap_or(0).max(rss));
        }
        parses.push(parse_once(&bytes)?);
    }
    Ok(Generation {
        file_size: bytes.len() as u64,
        operations,
        generate: median(generations),
        peak_rss: peak,
        parse: median(parses),
        lines: crate::measure::line_count(out),
    })
}

/// One timed parse into a JSON tree (dropped outside the timing).
fn parse_once(bytes: &[u8]) -> Result<Duration, String> {
    let started = Instant::now();
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("the spec is not JSON: {e}"))?;
    let elapsed = started.elapsed();
    drop(std::hint::black_box(value));
    Ok(elapsed)
}

/// Operations of a JSON spec: the HTTP methods under `paths`.
pub fn count_operations(bytes: &[u8]) -> usize {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return 0;
    };
    value
        .get("paths")
        .and_then(serde_json::Value::as_object)
        .map_or(0, |paths| {
            paths
                .values()
                .filter_map(serde_json::Value::as_object)
                .map(|item| {
                    item.keys()
                        .filter(|k| METHODS.contains(&k.as_str()))
                        .count()
                })
                .sum()
        })
}
