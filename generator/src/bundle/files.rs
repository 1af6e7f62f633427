//! The files a spec's `$ref`s name: each read and parsed once, relative to the file holding the `$ref`,
//! within fixed limits; remote URLs and absolute paths are refused.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// At most this many files are read for one spec (the spec included).
const MAX_FILES: usize = 256;

use crate::read::{MAX_FILE_BYTES, ReadError, read_text};

/// All referenced files together may not be larger than this.
const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// The spec itself is file 0.
pub const ROOT: usize = 0;

/// One file read: the path it is reported under, its text (to locate problems) and its tree.
#[derive(Debug)]
pub struct Loaded {
    /// The path as reached from the spec (the spec's path joined with the relative references).
    pub path: PathBuf,
    /// The text, kept to find lines and columns.
    pub text: String,
    /// The parsed tree; shared so that walking it does not borrow the file table.
    pub value: Rc<serde_json::Value>,
    /// Where the nodes of a converted file (a Swagger 2.0 document of a 2.0 spec) were written; `None`
    /// for a file read as it is.
    pub map: Option<crate::normalise::PointerMap>,
    /// Warnings of that conversion, at pointers of the converted tree (unlocated: the bundle keeps those
    /// under the parts it takes).
    pub problems: Vec<Diagnostic>,
}

/// Every file read so far, in the order first read.
#[derive(Debug)]
pub struct Files {
    /// The files; the spec is [`ROOT`].
    pub loaded: Vec<Loaded>,
    /// Files by their canonical path, so that two spellings of one file are one file.
    by_identity: BTreeMap<PathBuf, usize>,
    total_bytes: u64,
    /// Where the spec's converted nodes came from (empty for an OpenAPI 3.0 spec).
    root_map: crate::normalise::PointerMap,
    /// The spec is Swagger 2.0: other files that are 2.0 documents are converted as they are read.
    swagger2: bool,
}

impl Files {
    /// A table holding the spec itself.
    pub fn new(
        path: &Path,
        text: String,
        value: serde_json::Value,
        root_map: crate::normalise::PointerMap,
        swagger2: bool,
    ) -> Self {
        let mut by_identity = BTreeMap::new();
        by_identity.insert(identity(path), ROOT);
        Files {
            loaded: vec![Loaded {
                path: path.to_path_buf(),
                text,
                value: Rc::new(value),
                map: None,
                problems: Vec::new(),
            }],
            by_identity,
            total_bytes: 0,
            root_map,
            swagger2,
        }
    }

    /// The tree of file `index`.
    pub fn value(&self, index: usize) -> Rc<serde_json::Value> {
        self.loaded
            .get(index)
            .map_or_else(|| Rc::new(serde_json::Value::Null), |f| Rc::clone(&f.value))
    }

    /// The path file `index` is reported under.
    pub fn path(&self, index: usize) -> &Path {
        self.loaded.get(index).map_or(Path::new(""), |f| &f.path)
    }

    /// A problem at `pointer` of file `index`, with its line and column.
    pub fn locate(&self, index: usize, mut diagnostic: Diagnostic) -> Diagnostic {
        let map = match self.loaded.get(index) {
            _ if index == ROOT => Some(&self.root_map),
            Some(file) => file.map.as_ref(),
            None => None,
        };
        if let Some(map) = map {
            diagnostic.pointer = map.original(&diagnostic.pointer);
        }
        match self.loaded.get(index) {
            Some(file) => crate::load::locate_in(&file.path, &file.text, diagnostic),
            None => diagnostic,
        }
    }

    /// The file and JSON pointer that `reference`, written at `at` in file `from`, names. Problems are
    /// located at the reference, except syntax errors of the named file, which are located in it.
    pub fn target(
        &mut self,
        from: usize,
        at: &str,
        reference: &str,
    ) -> Result<(usize, String), Diagnostic> {
        let refuse = |files: &Self, message: String, hint: &str| {
            files.locate(from, Diagnostic::error(at, message).with_hint(hint))
        };
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if is_remote(file) {
            return Err(refuse(
                self,
                format!("remote $ref {reference:?} is not fetched: specgen reads local files only"),
                "download the document next to the spec and refer to it by a relative path",
            ));
        }
        let fragment = percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(refuse(
                self,
                format!("$ref {reference:?} has a fragment that is not a JSON pointer"),
                "write the fragment as a JSON pointer, such as #/components/schemas/Pet",
            ));
        }
        if file.is_empty() {
            return Ok((from, self.converted_pointer(from, fragment)));
        }
        let relative = PathBuf::from(percent_decode(file));
        if relative.is_absolute() {
            return Err(refuse(
                self,
                format!("$ref {reference:?} names an absolute path"),
                "refer to files by a path relative to the file holding the $ref, so the spec builds anywhere",
            ));
        }
        let base = self.path(from).parent().unwrap_or(Path::new(""));
        let path = normalize(&base.join(relative));
        match self.read(&path) {
            Ok(index) => Ok((index, self.converted_pointer(index, fragment))),
            Err(Problem::AtReference(message, hint)) => {
                Err(refuse(self, format!("$ref {reference:?}: {message}"), hint))
            }
            Err(Problem::InFile(diagnostic)) => Err(*diagnostic),
        }
    }

    /// A pointer written for file `index` as it is in the file table: a converted Swagger 2.0 file's
    /// sections have moved. (The spec's own `$ref`s were rewritten when it was converted.)
    fn converted_pointer(&self, index: usize, pointer: String) -> String {
        match self.loaded.get(index) {
            Some(file) if index != ROOT && file.map.is_some() => {
                crate::normalise::swagger2_target(&pointer)
            }
            _ => pointer,
        }
    }

    /// Reads and parses a file unless already read.
    fn read(&mut self, path: &Path) -> Result<usize, Problem> {
        let key = identity(path);
        if let Some(&index) = self.by_identity.get(&key) {
            return Ok(index);
        }
        let shown = path.display();
        if self.loaded.len() >= MAX_FILES {
            return Err(Problem::AtReference(
                format!("cannot read {shown}: a spec may read at most {MAX_FILES} files"),
                "bundle some of the referenced files into one",
            ));
        }
        let too_large = || {
            Problem::AtReference(
                format!(
                    "cannot read {shown}: referenced files may hold {MAX_FILE_BYTES} bytes each and {MAX_TOTAL_BYTES} in all"
                ),
                "split or shrink the referenced documents",
            )
        };
        let text = match read_text(path, MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(ReadError::TooLarge(_)) => return Err(too_large()),
            Err(ReadError::NotText { line, column }) => {
                let mut problem = Diagnostic::error("", "the file is not UTF-8 text")
                    .with_hint("specs are YAML or JSON text; save the file as UTF-8");
                problem.file = path.to_path_buf();
                problem.line = Some(line);
                problem.column = Some(column);
                return Err(Problem::InFile(Box::new(problem)));
            }
            Err(error) => {
                return Err(Problem::AtReference(
                    format!("cannot read {shown}: {error}"),
                    MISSING,
                ));
            }
        };
        let size = u64::try_from(text.len()).unwrap_or(u64::MAX);
        if self.total_bytes.saturating_add(size) > MAX_TOTAL_BYTES {
            return Err(too_large());
        }
        let mut value = crate::load::parse_tree(&text).map_err(|mut d| {
            d.file = path.to_path_buf();
            Problem::InFile(Box::new(d.with_source(&text)))
        })?;
        let converted = if self.swagger2 {
            crate::normalise::swagger2_file(&mut value)
        } else {
            None
        };
        let (map, problems) = converted.map_or((None, Vec::new()), |c| (Some(c.map), c.problems));
        self.total_bytes += size;
        self.by_identity.insert(key, self.loaded.len());
        self.loaded.push(Loaded {
            path: path.to_path_buf(),
            text,
            value: Rc::new(value),
            map,
            problems,
        });
        Ok(self.loaded.len() - 1)
    }
}

/// The hint for a file that cannot be read.
const MISSING: &str = "$ref file paths are relative to the file holding the $ref";

/// Why a file could not be read.
enum Problem {
    /// A problem with the reference (missing file, limits): reported where the `$ref` is.
    AtReference(String, &'static str),
    /// A problem inside the file (its syntax): reported there.
    InFile(Box<Diagnostic>),
}

/// One file however it is spelled: its canonical path when it exists.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
}

/// Whether the file part of a reference is a URL (`https://...`, `//host/...`, `urn:...`) rather than a
/// path. A one-letter scheme is a Windows drive, which `is_absolute` refuses on its own.
fn is_remote(file: &str) -> bool {
    if file.starts_with("//") {
        return true;
    }
    match file.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Removes `.` and resolves `..` against the previous component, without touching the file system, so
/// that reported paths read as the spec author wrote them.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_name =
                    matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_name {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Decodes `%XX` escapes (URI references may escape `{`, `}` and spaces); text that does not decode to
/// UTF-8 is kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = bytes
            .get(index + 1..index + 3)
            .filter(|_| bytes.get(index) == Some(&b'%'))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.extend(bytes.get(index).copied());
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{is_remote, normalize, percent_decode};
    use std::path::Path;

    #[test]
    fn urls_are_remote_and_paths_are_not() {
        assert!(is_remote("https://example.com/pet.yaml"));
        assert!(is_remote("http://example.com/pet.yaml"));
        assert!(is_remote("//example.com/pet.yaml"));
        assert!(is_remote("urn:pets"));
        assert!(!is_remote("pet.yaml"));
        assert!(!is_remote("../shared/pet.yaml"));
        assert!(!is_remote("C:pet.yaml"));
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(
            normalize(Path::new("specs/./shared/../common.yaml")),
            Path::new("specs/common.yaml")
        );
        assert_eq!(normalize(Path::new("../a.yaml")), Path::new("../a.yaml"));
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(
            percent_decode("/paths/~1pets~1%7Bid%7D"),
            "/paths/~1pets~1{id}"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%ff"), "%ff");
    }
}
