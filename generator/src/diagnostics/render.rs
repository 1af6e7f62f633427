//! Shows a problem the way rustc does: the message, ` --> file:line:column`, the source line with carets
//! under the spot, then `= note:` (the JSON pointer) and `= help:` (the hint).
//!
//! Spec text reaches a terminal here: control characters and bidirectional overrides are replaced, and a
//! long line (minified JSON) is cut to a window around the spot, so the excerpt is always one short line.

use super::{Diagnostic, Severity};
use std::fmt;

/// Characters shown before the spot when a line must be cut.
const BEFORE: usize = 40;

/// Characters shown from the spot on when a line must be cut.
const AFTER: usize = 60;

/// A source line as shown under a problem, with the span the carets mark.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Excerpt {
    /// The line (or the window of it that is shown), made safe to print.
    pub text: String,
    /// Characters of `text` before the carets.
    pub start: usize,
    /// How many carets (at least one).
    pub len: usize,
}

impl Excerpt {
    /// The excerpt of 1-based `line` and `column` of `source`, or `None` when the line does not exist.
    pub fn from_source(source: &str, line: u32, column: u32) -> Option<Excerpt> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let text = source.lines().nth(index)?;
        let chars: Vec<char> = text.chars().collect();
        Some(Excerpt::from_window(chars.len(), column, |from, to| {
            chars.get(from..to).unwrap_or_default().iter().copied()
        }))
    }

    /// The excerpt of a line `len` characters long at 1-based `column`; `window(from, to)` gives the
    /// line's characters `from..to` (so that a line of megabytes need not be read whole).
    pub(crate) fn from_window<W: IntoIterator<Item = char>>(
        len: usize,
        column: u32,
        window: impl FnOnce(usize, usize) -> W,
    ) -> Excerpt {
        let spot = usize::try_from(column)
            .unwrap_or(usize::MAX)
            .saturating_sub(1)
            .min(len);
        let (from, to) = if len > BEFORE + AFTER {
            (
                spot.saturating_sub(BEFORE),
                spot.saturating_add(AFTER).min(len),
            )
        } else {
            (0, len)
        };
        let window: Vec<char> = window(from, to).into_iter().map(printable).collect();
        let carets = token_len(window.get(spot - from..).unwrap_or_default());
        let mut shown = String::new();
        if from > 0 {
            shown.push_str("...");
        }
        shown.extend(&window);
        if to < len {
            shown.push_str("...");
        }
        let start = spot - from + if from > 0 { 3 } else { 0 };
        Excerpt {
            text: shown.trim_end().to_owned(),
            start,
            len: carets,
        }
    }
}

/// A character as printed in an excerpt: tabs become one space (so carets line up) and characters that
/// could move the cursor, clear the screen or reorder text become U+FFFD.
fn printable(c: char) -> char {
    let bidi =
        matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
    match c {
        '\t' => ' ',
        c if c.is_control() || bidi => '\u{FFFD}',
        c => c,
    }
}

/// The length of the token starting `rest`: a quoted string through its closing quote, otherwise up to the
/// next space or YAML/JSON punctuation; at least one so that a caret always shows.
fn token_len(rest: &[char]) -> usize {
    match rest.first() {
        Some(&quote) if quote == '"' || quote == '\'' => {
            let mut escaped = false;
            for (index, &c) in rest.iter().enumerate().skip(1) {
                match c {
                    '\\' if quote == '"' && !escaped => escaped = true,
                    c if c == quote && !escaped => return index + 1,
                    _ => escaped = false,
                }
            }
            rest.len().max(1)
        }
        Some(_) => rest
            .iter()
            .position(|&c| c.is_whitespace() || matches!(c, ':' | ',' | '{' | '}' | '[' | ']'))
            .unwrap_or(rest.len())
            .max(1),
        None => 1,
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{severity}: {}", self.message)?;
        let number = self.line.map(|line| line.to_string()).unwrap_or_default();
        let gutter = " ".repeat(number.len().max(1));
        write!(f, "{gutter}--> {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(excerpt) = self.excerpt.as_ref().filter(|_| self.line.is_some()) {
            write!(f, "\n{gutter} |\n{number} | {}", excerpt.text)?;
            let carets = "^".repeat(excerpt.len);
            write!(
                f,
                "\n{gutter} | {}{carets}\n{gutter} |",
                " ".repeat(excerpt.start)
            )?;
        }
        let pointer = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        write!(f, "\n{gutter} = note: at {pointer}")?;
        if let Some(hint) = &self.hint {
            write!(f, "\n{gutter} = help: {hint}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Excerpt;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn renders_like_rustc() {
        let source = "openapi: 3.0.3\npaths:\n  /pets:\n    get: {operationId: 'list pets'}\n";
        let mut problem =
            Diagnostic::error("/paths/~1pets/get/operationId", "duplicate operationId")
                .with_hint("rename one");
        problem.file = "spec.yaml".into();
        problem.line = Some(4);
        problem.column = Some(11);
        let shown = problem.with_source(source).to_string();
        let expected = "error: duplicate operationId
 --> spec.yaml:4:11
  |
4 |     get: {operationId: 'list pets'}
  |           ^^^^^^^^^^^
  |
  = note: at /paths/~1pets/get/operationId
  = help: rename one";
        assert_eq!(shown, expected);
    }

    #[test]
    fn long_lines_are_cut_around_the_spot_and_control_characters_hidden() {
        let line = format!("{}\"key\u{1b}[2J\": 1{}", "x".repeat(200), "y".repeat(200));
        let excerpt = Excerpt::from_source(&line, 1, 201);
        let Some(excerpt) = excerpt else {
            panic!("no excerpt");
        };
        assert!(excerpt.text.starts_with("...xxx"), "{}", excerpt.text);
        assert!(excerpt.text.ends_with("yyy..."), "{}", excerpt.text);
        assert!(!excerpt.text.contains('\u{1b}'));
        assert_eq!(excerpt.start, 43);
        assert_eq!(excerpt.len, 9);
        assert_eq!(Excerpt::from_source("a\n", 3, 1), None);
    }
}
