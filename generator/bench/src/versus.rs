//! Generation against progenitor: wall time of whole processes, `specgen generate SPEC -o FILE` (the release
//! binary) beside `cargo-progenitor progenitor -i SPEC -o DIR`, on the largest OpenAPI 3.0 documents of the
//! corpus that progenitor can generate, runs interleaved so that both see the same machine load.

use crate::measure::{median, run_timed};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many specs are compared (the "ten largest").
const WANTED: usize = 10;

/// One spec's medians.
pub struct Compared {
    /// The spec's path under the corpus's `api/`.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Median wall time of `specgen generate`.
    pub specgen: Duration,
    /// Median wall time of `cargo-progenitor progenitor`.
    pub progenitor: Duration,
}

/// A spec passed over while choosing the inputs, and why.
pub struct Skipped {
    /// The spec's path under the corpus's `api/`.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Which generator failed, and its last line of output.
    pub reason: String,
}

/// What the comparison measured.
pub struct Versus {
    /// The compared specs, largest first.
    pub compared: Vec<Compared>,
    /// Larger specs left out because a generator could not do them.
    pub skipped: Vec<Skipped>,
}

/// The two commands, and where they write.
struct Tools {
    specgen: PathBuf,
    progenitor: PathBuf,
    out: PathBuf,
}

impl Tools {
    fn specgen(&self, spec: &Path, slug: &str) -> Command {
        let mut command = Command::new(&self.specgen);
        command
            .arg("generate")
            .arg(spec)
            .arg("-o")
            .arg(self.out.join(format!("specgen/{slug}.rs")));
        command
    }

    fn progenitor(&self, spec: &Path, slug: &str) -> Command {
        let mut command = Command::new(&self.progenitor);
        command
            .arg("progenitor")
            .arg("-i")
            .arg(spec)
            .arg("-o")
            .arg(self.out.join(format!("progenitor/{slug}")))
            .args(["-n", "versus-bench", "-v", "0.1.0"]);
        command
    }
}

/// Chooses the inputs (each candidate generated once by both, untimed: this also warms the file cache), then
/// times `runs` rounds over them, alternating which generator goes first.
pub fn measure(
    api: &Path,
    specgen: PathBuf,
    progenitor: PathBuf,
    out: PathBuf,
    runs: usize,
) -> Result<Versus, String> {
    for side in ["specgen", "progenitor"] {
        let dir = out.join(side);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let tools = Tools {
        specgen,
        progenitor,
        out,
    };
    let limit = Duration::from_secs(
        std::env::var("SPECGEN_BENCH_VERSUS_TIMEOUT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300),
    );
    let mut chosen = Vec::new();
    let mut skipped = Vec::new();
    for (name, size) in openapi3_by_size(api)? {
        if chosen.len() == WANTED {
            break;
        }
        let spec = api.join(&name);
        let slug = slug(&name);
        eprintln!("versus: trying {name} ({size} bytes)");
        // progenitor first: it is the one expected to refuse specs.
        let failed = match run_limited(&mut tools.progenitor(&spec, &slug), limit) {
            Err(why) => Some(format!("progenitor: {why}")),
            Ok(()) => run_limited(&mut tools.specgen(&spec, &slug), limit)
                .err()
                .map(|why| format!("specgen: {why}")),
        };
        match failed {
            Some(reason) => skipped.push(Skipped { name, size, reason }),
            None => chosen.push((name, size, spec, slug)),
        }
    }
    let mut samples: Vec<(Vec<Duration>, Vec<Duration>)> = vec![Default::default(); chosen.len()];
    for run in 0..runs {
        for ((_, _, spec, slug), (ours, theirs)) in chosen.iter().zip(samples.iter_mut()) {
            if run % 2 == 0 {
                ours.push(run_timed(&mut tools.specgen(spec, slug))?.0);
                theirs.push(run_timed(&mut tools.progenitor(spec, slug))?.0);
            } else {
                theirs.push(run_timed(&mut tools.progenitor(spec, slug))?.0);
                ours.push(run_timed(&mut tools.specgen(spec, slug))?.0);
            }
        }
    }
    let compared = chosen
        .into_iter()
        .zip(samples)
        .map(|((name, size, _, _), (ours, theirs))| Compared {
            name,
            size,
            specgen: median(ours),
            progenitor: median(theirs),
        })
        .collect();
    Ok(Versus { compared, skipped })
}

/// The OpenAPI 3.0 documents under `api` (as `corpus.sh` finds them: `"openapi": "3.0...` near the top),
/// largest first, as paths relative to `api` with their sizes.
fn openapi3_by_size(api: &Path) -> Result<Vec<(String, u64)>, String> {
    let mut found = Vec::new();
    let mut stack = vec![api.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "yaml")
                && is_openapi3(&path)
            {
                let size = entry.metadata().map_or(0, |m| m.len());
                let name = path
                    .strip_prefix(api)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                found.push((name, size));
            }
        }
    }
    // Largest first; equal sizes by name, so the order never depends on the file system's.
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(found)
}

/// Whether the document declares OpenAPI 3.0 in its first kilobyte.
fn is_openapi3(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 1024];
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut head).unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.find("openapi").is_some_and(|at| {
        let rest = head[at + "openapi".len()..].trim_start_matches(['"', '\'']);
        let rest = rest.trim_start().trim_start_matches(':').trim_start();
        rest.trim_start_matches(['"', '\'']).starts_with("3.0")
    })
}

/// A file name for a spec's output: its path with separators and dots replaced.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Runs a command to success within `limit` (killed after it), output discarded but for the error's last line.
fn run_limited(command: &mut Command, limit: Duration) -> Result<(), String> {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    // Both pipes are drained on threads, so that a chatty child never blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("no result after {} s", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => break Err(format!("cannot wait: {e}")),
        }
    };
    // progenitor prints its generation errors on stdout ("gen fail: ..."), its panics on stderr.
    let mut output = stdout.join().unwrap_or_default();
    output.push(b'\n');
    output.extend(stderr.join().unwrap_or_default());
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("{status}: {}", reason(&output))),
        Err(why) => Err(why),
    }
}

/// Why a generator failed, from its output (stdout, then stderr): a panic's message, else the first line it
/// wrote (the backtrace after it says nothing about the spec); shortened for the table.
fn reason(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.clone().next().unwrap_or("no output");
    let line = match lines.position(|l| l.contains("panicked at")) {
        Some(_) => lines.next().unwrap_or(first),
        None => first,
    };
    let short: String = line.chars().take(140).collect();
    short.replace('|', "/")
}

/// The release `specgen` binary: `SPECGEN` if set, else built into this program's target folder with
/// `cargo build --release -p specgen --bin specgen` (a no-op when it is up to date).
pub fn specgen_binary(workspace: &Path) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("SPECGEN") {
        return Ok(PathBuf::from(path));
    }
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut build = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    build
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "specgen",
            "--bin",
            "specgen",
        ])
        .current_dir(workspace);
    // The same target folder as this program's (`<target>/<profile>/specgen-bench`).
    let target = me.parent().and_then(Path::parent);
    if let Some(target) = target {
        build.env("CARGO_TARGET_DIR", target);
    }
    run_timed(&mut build)?;
    let binary = target
        .unwrap_or(Path::new("target"))
        .join("release")
        .join(format!("specgen{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("{} was not built", binary.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::{is_openapi3, reason};

    #[test]
    fn a_failure_is_told_by_its_first_line_or_its_panic_message() {
        let gen_fail = "gen fail: UnexpectedFormat(\"path /a is missing operation ID\")\n\
                        Error: generation experienced errors\n\nStack backtrace:\n  8: _start\n";
        assert_eq!(
            reason(gen_fail.as_bytes()),
            "gen fail: UnexpectedFormat(\"path /a is missing operation ID\")"
        );
        let panic = "\nthread 'main' (1) panicked at src/method.rs:2057:23:\n\
                     not yet implemented: more media types | than expected\nstack backtrace:\n";
        assert_eq!(
            reason(panic.as_bytes()),
            "not yet implemented: more media types / than expected"
        );
        assert_eq!(reason(b""), "no output");
    }

    #[test]
    fn only_openapi_3_0_documents_are_candidates() {
        let dir = std::env::temp_dir().join(format!("versus-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cases = [
            (
                "json30.json",
                "{\"openapi\": \"3.0.1\", \"info\": {}}",
                true,
            ),
            ("yaml30.yaml", "openapi: 3.0.0\ninfo: {}\n", true),
            ("json31.json", "{\"openapi\": \"3.1.0\"}", false),
            ("swagger.json", "{\"swagger\": \"2.0\"}", false),
        ];
        for (name, text, expected) in cases {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            assert_eq!(is_openapi3(&path), expected, "{name}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
