//! Cargo features per tag: GitHub's crate written with `--features-by-tag`, then `cargo check` of one tag's
//! feature (`repos`) against every feature (`full,mock`: every tag and the typed mocks), in the same run and the same target
//! folder, with the peak memory of each (the compiler's, read by GNU `time`), and a sweep of a sample of
//! GitHub's tags each checked alone (every tag with `SPECGEN_BENCH_FEATURE_SWEEP=all`), each of which must
//! compile without warnings.

use crate::compile::{cargo_check, touch, warm};
use crate::measure::{read_peak, run_timed, with_peak};
use std::path::Path;
use std::time::Duration;

/// One check of the crate with some features.
pub struct FeatureCheck {
    /// The features, as passed to cargo (`full` for every one).
    pub features: String,
    /// Wall time of the check, its dependencies already built.
    pub time: Duration,
    /// Peak resident memory of the compiler, if GNU `time` is there to read it.
    pub peak: Option<u64>,
}

/// What the benchmark measured.
pub struct Features {
    /// How many tag features the crate has.
    pub count: usize,
    /// The check of one tag alone, then of every feature.
    pub one: FeatureCheck,
    /// The check of every feature (the default).
    pub all: FeatureCheck,
    /// The sweep: each sampled tag alone.
    pub sweep: Vec<FeatureCheck>,
}

/// Tags of GitHub's description checked alone by default: large and small, and some whose operations
/// reach types of other tags.
const SAMPLE: &[&str] = &[
    "actions", "activity", "apps", "checks", "gists", "git", "issues", "meta", "orgs", "pulls",
    "users",
];

/// Writes GitHub's crate with features per tag into `dir` and checks it, into `target`.
pub fn measure(spec: &Path, dir: &Path, target: &Path, one: &str) -> Result<Features, String> {
    let generator = specgen::Generator::new().features_by_tag(true);
    let output =
        specgen::standalone::write_crate_with(&generator, spec, dir, None, &Default::default())
            .map_err(|e| e.to_string())?;
    let names: Vec<String> = output.features.iter().map(|f| f.name.clone()).collect();
    if !names.iter().any(|n| n == one) {
        return Err(format!("the crate has no feature {one:?}: {names:?}"));
    }
    warm(dir, target)?;
    // The small check first: GNU time reads the peak of the compiler it waited for.
    let one = timed(dir, target, one)?;
    let all = timed(dir, target, ALL_FEATURES)?;
    let every = std::env::var("SPECGEN_BENCH_FEATURE_SWEEP").is_ok_and(|v| v == "all");
    let mut sweep = Vec::new();
    for name in names
        .iter()
        .filter(|n| every || SAMPLE.contains(&n.as_str()))
    {
        sweep.push(timed(dir, target, name)?);
    }
    Ok(Features {
        count: names.len(),
        one,
        all,
        sweep,
    })
}

/// Every feature of the crate: each tag's (through `full`) and the mocks'.
pub const ALL_FEATURES: &str = "full,mock";

/// `cargo check --no-default-features --features <features>` after touching the source, timed, under GNU
/// `time` when it is installed; a warning of the crate is an error (every combination must be clean).
fn timed(dir: &Path, target: &Path, features: &str) -> Result<FeatureCheck, String> {
    touch(&dir.join("src/lib.rs"))?;
    let peak_file = dir.join("peak-rss.txt");
    let mut command = with_peak(cargo_check(dir, target), &peak_file);
    command.current_dir(dir);
    command.args(["--no-default-features", "--features", features]);
    eprintln!("features: checking {features}");
    let (time, output) = run_timed(&mut command)?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if let Some(line) = stderr.lines().find(|l| l.starts_with("warning")) {
        return Err(format!("features {features}: {line}\n{stderr}"));
    }
    Ok(FeatureCheck {
        features: features.to_owned(),
        time,
        peak: read_peak(&peak_file),
    })
}
