//! Reads a spec file (YAML or JSON), bundled with the files its `$ref`s name, into an `openapiv3` document,
//! with every problem located in the file it is in.
//!
//! Unstable: public for tools and tests only (see the crate docs); it changes with the pipeline, without a
//! semver promise.

pub use crate::bundle::SourceFile;

use crate::bundle::{Origin, bundle};
use crate::diagnostics::{Diagnostic, Severity, pointer_token};
use crate::normalise::PointerMap;
use crate::positions::Locator;
use crate::read::{MAX_FILE_BYTES, ReadError, read_text};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// A parsed spec and the text it came from (to locate problems).
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it was read from.
    pub path: PathBuf,
    /// The file's text, or how to get it back (see [`Document::text`]).
    text: SpecText,
    /// The typed document.
    pub openapi: openapiv3::OpenAPI,
    /// The files `$ref`s named, in the order first read (the spec itself is not among them).
    pub referenced: Vec<SourceFile>,
    /// Parts of `raw` that came from another file, or from elsewhere in the spec.
    origins: Vec<Origin>,
    /// Problems found while checking the document (located): warnings name lossy fallbacks; an error here
    /// means the document was typed but must not be generated (lowering still runs, to report the rest).
    pub problems: Vec<Diagnostic>,
    /// What has been read of each file's text to locate problems: the spec's, then `referenced`'s.
    locators: Vec<Locator>,
    /// Where the nodes of a converted (OpenAPI 3.1 or Swagger 2.0) spec were written in its text.
    map: PointerMap,
    /// Where nodes of the bundled document moved when the fragments other files brought in were converted
    /// (pointers of the bundled document, before `origins` apply).
    fragments_map: PointerMap,
}

/// The spec's text: held, or released while the document is typed and lowered (the two stages that need the
/// most memory, and need no text) and read again from the spec's file when a problem must be located.
#[derive(Debug, Clone)]
enum SpecText {
    Held(String),
    /// Released. The text read again is used only if it is the one read first (same length and hash):
    /// what `locators` have read so far are offsets into that text.
    Released {
        length: usize,
        hash: u64,
        again: OnceCell<Option<String>>,
    },
}

/// A hash of a spec's text, to know the file read again for the same.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

impl Document {
    /// The spec's text; `None` when it was released and the file no longer holds it (problems are then
    /// located by their pointer only).
    pub fn text(&self) -> Option<&str> {
        match &self.text {
            SpecText::Held(text) => Some(text),
            SpecText::Released {
                length,
                hash,
                again,
            } => again
                .get_or_init(|| {
                    read_text(&self.path, MAX_FILE_BYTES)
                        .ok()
                        .filter(|text| text.len() == *length && text_hash(text) == *hash)
                })
                .as_deref(),
        }
    }

    /// Gives back the memory of the spec's text until a problem needs it: for GitHub's description that is
    /// 13 MB off the peak of typing and lowering. Only for a spec read from a file, which is read again.
    fn release_text(&mut self) {
        if let SpecText::Held(text) = &self.text {
            self.text = SpecText::Released {
                length: text.len(),
                hash: text_hash(text),
                again: OnceCell::new(),
            };
        }
    }

    /// Fills in a diagnostic's file, line and column from its pointer (a pointer of the bundled document);
    /// a problem in a part that came from another file is reported in that file, at its pointer there. A
    /// diagnostic that already names its file is left as it is.
    pub fn locate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if !diagnostic.file.as_os_str().is_empty() {
            return diagnostic;
        }
        diagnostic.pointer = self.fragments_map.original(&diagnostic.pointer);
        let origin = self
            .origins
            .iter()
            .filter(|o| {
                diagnostic
                    .pointer
                    .strip_prefix(o.bundled.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|o| o.bundled.len());
        let Some(origin) = origin else {
            return self.locate_in_file(0, diagnostic);
        };
        let rest = diagnostic
            .pointer
            .get(origin.bundled.len()..)
            .unwrap_or_default();
        diagnostic.pointer = format!("{}{rest}", origin.pointer);
        self.locate_in_file(origin.file, diagnostic)
    }

    /// Locates a diagnostic in file `index` (0: the spec, then `referenced`; the spec when out of range);
    /// a pointer of the spec is first taken back to where the spec's text wrote it, if it was converted.
    fn locate_in_file(&self, index: usize, mut diagnostic: Diagnostic) -> Diagnostic {
        let referenced = index.checked_sub(1).and_then(|i| self.referenced.get(i));
        let (index, path, text) = match referenced {
            Some(file) => {
                // A converted file (a Swagger 2.0 document of a 2.0 spec) is located in its own text.
                if let Some(map) = &file.map {
                    diagnostic.pointer = map.original(&diagnostic.pointer);
                }
                (index, &file.path, file.text.as_str())
            }
            None => {
                diagnostic.pointer = self.map.original(&diagnostic.pointer);
                let Some(text) = self.text() else {
                    diagnostic.file = self.path.clone();
                    return diagnostic;
                };
                (0, &self.path, text)
            }
        };
        match self.locators.get(index) {
            Some(locator) => locate_with(path, text, locator, diagnostic),
            None => locate_in(path, text, diagnostic),
        }
    }

    /// Every file read: the spec, then the files its `$ref`s name (build scripts rerun when one changes).
    pub fn files(&self) -> Vec<PathBuf> {
        std::iter::once(self.path.clone())
            .chain(self.referenced.iter().map(|f| f.path.clone()))
            .collect()
    }
}

/// Fills in a diagnostic's file, and its line and column from its pointer unless already known.
pub(crate) fn locate_in(path: &Path, text: &str, diagnostic: Diagnostic) -> Diagnostic {
    locate_with(path, text, &Locator::default(), diagnostic)
}

/// [`locate_in`] with what `locator` has already read of `text`.
fn locate_with(
    path: &Path,
    text: &str,
    locator: &Locator,
    mut diagnostic: Diagnostic,
) -> Diagnostic {
    diagnostic.file = path.to_path_buf();
    if diagnostic.line.is_none() {
        if let Some((line, column)) = locator.locate(text, &diagnostic.pointer) {
            diagnostic.line = Some(line);
            diagnostic.column = Some(column);
        }
    }
    if diagnostic.excerpt.is_none() {
        if let (Some(line), Some(column)) = (diagnostic.line, diagnostic.column) {
            diagnostic.excerpt = locator.excerpt(text, line, column).map(Box::new);
        }
    }
    diagnostic
}

/// Reads and parses a spec file.
pub fn load(path: &Path) -> Result<Document, Vec<Diagnostic>> {
    let at_file = |mut d: Diagnostic| {
        d.file = path.to_path_buf();
        vec![d]
    };
    let text = read_text(path, MAX_FILE_BYTES).map_err(|error| match error {
        ReadError::NotText { line, column } => {
            let mut problem = Diagnostic::error("", "the spec is not UTF-8 text")
                .with_hint("specs are YAML or JSON text; save the file as UTF-8");
            problem.line = Some(line);
            problem.column = Some(column);
            at_file(problem)
        }
        error => at_file(Diagnostic::error(
            "",
            format!("cannot read the spec: {error}"),
        )),
    })?;
    parse_text(path, text, true)
}

/// Parses spec text read from `path`.
pub fn parse(path: &Path, text: String) -> Result<Document, Vec<Diagnostic>> {
    parse_text(path, text, false)
}

/// [`parse`]; `from_file`: the text is the file at `path`, which can be read again to locate problems
/// (its memory is then given back while the document is typed).
fn parse_text(path: &Path, text: String, from_file: bool) -> Result<Document, Vec<Diagnostic>> {
    let mut raw = parse_tree(&text).map_err(|mut d| {
        d.file = path.to_path_buf();
        vec![d.with_source(&text)]
    })?;
    let normalised =
        crate::normalise::normalise(&mut raw).map_err(|d| vec![locate_in(path, &text, d)])?;
    let swagger2 = normalised.version == Some(crate::normalise::Version::Swagger20);
    let mut bundled = bundle(path, text, raw, normalised.map.clone(), swagger2)?;
    let mut files = std::mem::take(&mut bundled.files).into_iter();
    let text = files.next().map(|f| f.text).unwrap_or_default();
    let referenced: Vec<SourceFile> = files.collect();
    let mut document = Document {
        path: path.to_path_buf(),
        text: SpecText::Held(text),
        openapi: openapiv3::OpenAPI::default(),
        locators: vec![Locator::default(); referenced.len() + 1],
        referenced,
        origins: bundled.origins,
        problems: Vec::new(),
        map: normalised.map,
        fragments_map: PointerMap::default(),
    };
    let mut raw = bundled.raw;
    let fragments = if document.referenced.is_empty() {
        crate::normalise::Normalised::default()
    } else {
        crate::normalise::fragments(&mut raw, normalised.version)
    };
    document.fragments_map = fragments.map;
    let converted_files = std::mem::take(&mut bundled.warnings);
    document.problems = normalised
        .problems
        .into_iter()
        .chain(fragments.problems)
        .chain(crate::validate::validate(&raw))
        .map(|d| document.locate(d))
        .chain(converted_files)
        .collect();
    // Located in the text up to here; from here on, only typing errors and lowering's problems are.
    if from_file {
        document.release_text();
    }
    // The typed document is made from the tree by moving its parts (the tree and the typed document are
    // never both whole in memory). Validation has already reported what serde cannot locate well (a
    // parameter's misplaced style: parameters are tagged by `in`), so a vague typing error above a
    // reported problem is dropped below.
    // The typed model reads an absent `explode` of an encoding entry as false; OpenAPI's default is written
    // in first.
    crate::normalise::default_explodes(&mut raw);
    crate::extensions::drop_foreign(&mut raw);
    let typed = serde_path_to_error::deserialize(raw).map_err(|error| {
        let pointer = path_to_pointer(error.path());
        vec![
            document.locate(
                Diagnostic::error(
                    pointer,
                    format!("not a valid OpenAPI 3.0 document: {}", error.inner()),
                )
                .with_hint("compare the node with the OpenAPI 3.0.3 specification"),
            ),
        ]
    });
    match typed {
        Ok(openapi) => {
            document.openapi = openapi;
            Ok(document)
        }
        Err(typing) => {
            // A typing error inside a node already reported (a list of types, say) adds nothing.
            let mut all = document.problems;
            let covered = |d: &Diagnostic| {
                all.iter().any(|e| {
                    e.severity == Severity::Error
                        && e.file == d.file
                        && e.pointer.starts_with(&d.pointer)
                })
            };
            let fresh: Vec<Diagnostic> = typing.into_iter().filter(|d| !covered(d)).collect();
            all.extend(fresh);
            Err(all)
        }
    }
}

/// Parses JSON or YAML text into a JSON tree; YAML keys that are numbers or booleans become strings.
pub(crate) fn parse_tree(text: &str) -> Result<serde_json::Value, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("", "the spec file is empty"));
    }
    if text.trim_start().starts_with('{') {
        return serde_json::from_str(text).map_err(|e| {
            let mut d = syntax_error("JSON", &e.to_string());
            d.line = u32::try_from(e.line()).ok();
            d.column = u32::try_from(e.column()).ok();
            d
        });
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let mut d = syntax_error("YAML", &e.to_string());
        if let Some(location) = e.location() {
            d.line = u32::try_from(location.line()).ok();
            d.column = u32::try_from(location.column()).ok();
        }
        d
    })?;
    yaml_to_json(yaml)
}

/// A syntax error of the parser, without the position it appends to its message (shown by the location),
/// with a hint for the limits that keep hostile documents from exhausting the stack or memory.
fn syntax_error(language: &str, message: &str) -> Diagnostic {
    let message = without_position(message);
    let hint = if message.contains("recursion limit exceeded") {
        Some(
            "nesting deeper than 128 levels is refused; flatten the document with $refs to components",
        )
    } else if message.contains("repetition limit exceeded") {
        Some(
            "YAML aliases expand to too many nodes (an alias bomb); write the repeated parts out or use $ref",
        )
    } else {
        None
    };
    let problem = Diagnostic::error("", format!("{language} syntax error: {message}"));
    match hint {
        Some(hint) => problem.with_hint(hint),
        None => problem,
    }
}

/// A parser's message without the ` at line N column M` it writes into it.
fn without_position(message: &str) -> String {
    let Some(at) = message.find(" at line ") else {
        return message.to_owned();
    };
    let rest = message.get(at + " at line ".len()..).unwrap_or_default();
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(" column ").unwrap_or(rest);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    format!("{}{rest}", message.get(..at).unwrap_or_default())
}

/// Converts a YAML tree to JSON; tags are dropped and non-string keys are written as text.
fn yaml_to_json(value: serde_yaml::Value) -> Result<serde_json::Value, Diagnostic> {
    convert(value).map_err(|mut tokens| {
        tokens.reverse();
        let mut at = String::new();
        for token in tokens {
            at.push('/');
            at.push_str(&token);
        }
        Diagnostic::error(
            at,
            "a mapping key is not a scalar (YAML complex keys have no JSON form)",
        )
    })
}

/// [`yaml_to_json`] without pointers: a node's pointer is only needed for the rare complex key, so it is
/// pieced together on the way back up (the tokens come innermost first) instead of made for every node.
fn convert(value: serde_yaml::Value) -> Result<serde_json::Value, Vec<String>> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                serde_json::Value::from(i)
            } else if let Some(u) = n.as_u64() {
                serde_json::Value::from(u)
            } else {
                // NaN and infinities have no JSON form; they become null rather than a wrong number.
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, Into::into)
            }
        }
        Y::String(s) => serde_json::Value::String(s),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.into_iter().enumerate() {
                out.push(convert(item).map_err(|mut tokens| {
                    tokens.push(index.to_string());
                    tokens
                })?);
            }
            serde_json::Value::Array(out)
        }
        Y::Mapping(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (key, item) in map {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_owned(),
                    _ => return Err(Vec::new()),
                };
                let item = convert(item).map_err(|mut tokens| {
                    tokens.push(pointer_token(&key));
                    tokens
                })?;
                out.insert(key, item);
            }
            serde_json::Value::Object(out)
        }
        Y::Tagged(tagged) => convert(tagged.value)?,
    })
}

/// Turns a serde path (`paths./pets.get`) into a JSON pointer.
pub(crate) fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => pointer.push_str(&format!("/{}", pointer_token(key))),
            Segment::Enum { variant } => pointer.push_str(&format!("/{}", pointer_token(variant))),
            Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::parse_tree;

    #[test]
    fn a_released_text_is_read_again_only_while_the_file_is_unchanged() {
        let path = std::env::temp_dir().join(format!("specgen-load-{}.yaml", std::process::id()));
        let spec = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\n";
        std::fs::write(&path, spec).unwrap();
        let document = super::load(&path).unwrap();
        let at = |d: crate::Diagnostic| (d.line, d.column);
        let problem = || crate::Diagnostic::error("/paths", "here");
        assert_eq!(at(document.locate(problem())), (Some(5), Some(1)));
        // Another document of another length: its offsets would be wrong, so nothing is read from it.
        let fresh = super::load(&path).unwrap();
        std::fs::write(&path, format!("# moved\n{spec}")).unwrap();
        assert_eq!(at(fresh.locate(problem())), (None, None));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_complex_key_is_located_at_its_mapping() {
        let yaml =
            "paths:\n  /a/b:\n    get:\n      tags:\n        - x\n        - {? [1, 2] : v}\n";
        let problem = parse_tree(yaml).err();
        assert_eq!(
            problem.as_ref().map(|d| d.pointer.as_str()),
            Some("/paths/~1a~1b/get/tags/1")
        );
        let converted = parse_tree("a: [1, {b: true, 2: null}]\n").ok();
        assert_eq!(
            converted,
            Some(serde_json::json!({"a": [1, {"b": true, "2": null}]}))
        );
    }
}
