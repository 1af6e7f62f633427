//! Problems found in a spec: where (file, line, column, JSON pointer), what, and a hint; sorted, and rendered
//! in the style of rustc ([`render`]).

mod render;

pub use render::Excerpt;

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation fails.
    Error,
    /// Generation goes on with a documented lossy fallback.
    Warning,
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The spec file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
    /// Error or warning.
    pub severity: Severity,
    /// JSON pointer of the offending node (`""` for the document).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The source line it is on, to show with a caret under the spot.
    pub excerpt: Option<Box<Excerpt>>,
}

impl Diagnostic {
    /// An error at a pointer; the location is filled in by the loader.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: PathBuf::new(),
            line: None,
            column: None,
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
            excerpt: None,
        }
    }

    /// A warning at a pointer.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Fills in the excerpt from the text of its file, once its line and column are known.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.excerpt.is_none() {
            if let (Some(line), Some(column)) = (self.line, self.column) {
                self.excerpt = Excerpt::from_source(text, line, column).map(Box::new);
            }
        }
        self
    }
}

/// Every problem of a failed generation, sorted by file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts and wraps problems.
    pub fn new(mut problems: Vec<Diagnostic>) -> Self {
        problems.sort();
        problems.dedup();
        Diagnostics(problems)
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A blank line after each problem, as rustc does.
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = self.0.len() - errors;
        write!(f, "{errors} error(s), {warnings} warning(s)")
    }
}

impl std::error::Error for Diagnostics {}

/// Escapes one JSON pointer token (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    // Most tokens need no escape: one copy instead of two passes that each allocate.
    if !token.contains(['~', '/']) {
        return token.to_owned();
    }
    token.replace('~', "~0").replace('/', "~1")
}
