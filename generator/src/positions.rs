//! Finds the line and column of a JSON pointer in spec text, for block YAML and pretty-printed JSON.
//!
//! A best-effort scan rather than a second parser: each pointer token is searched for as a key (`name:`,
//! `"name":`) or, for array indexes, as the n-th `-` item, below the previous token's position. When a token
//! cannot be found the deepest position found so far is reported, so a problem is never left without a line.

/// The byte offset where each line of `text` starts: computed once per file, so that locating many
/// problems in a large spec does not split the whole text again for each one.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .filter(|&start| start < text.len())
        .collect()
}

/// The lines of a text, read through their start offsets (without the line break, like `str::lines`).
#[derive(Clone, Copy)]
struct Lines<'a> {
    text: &'a str,
    starts: &'a [usize],
}

impl<'a> Lines<'a> {
    /// The lines from `first` on, with their indexes.
    fn from(self, first: usize) -> impl Iterator<Item = (usize, &'a str)> {
        (first..self.starts.len()).map(move |index| (index, self.line(index)))
    }

    fn line(self, index: usize) -> &'a str {
        let start = self.starts.get(index).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text.get(start..end).unwrap_or_default();
        let line = line.strip_suffix('\n').unwrap_or(line);
        line.strip_suffix('\r').unwrap_or(line)
    }
}

/// The 1-based line and column where `pointer` starts, if the text lets us find it.
pub fn locate(text: &str, pointer: &str) -> Option<(u32, u32)> {
    locate_with(text, &line_starts(text), pointer)
}

/// [`locate`] with the text's [`line_starts`] already known.
pub fn locate_with(text: &str, starts: &[usize], pointer: &str) -> Option<(u32, u32)> {
    let lines = Lines { text, starts };
    if pointer.is_empty() {
        return Some((1, 1));
    }
    let mut line_index = 0usize;
    let mut indent: Option<usize> = None;
    let mut found = None;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let next = match token.parse::<usize>() {
            Ok(index) => find_item(lines, line_index, indent, index)
                .or_else(|| find_key(lines, line_index, indent, &token)),
            Err(_) => find_key(lines, line_index, indent, &token),
        };
        match next {
            Some((at, column)) => {
                line_index = at;
                indent = Some(column);
                found = Some((at + 1, column + 1));
            }
            None => break,
        }
    }
    let (line, column) = found.unwrap_or((1, 1));
    Some((to_u32(line), to_u32(column)))
}

/// Saturates positions of absurdly long files instead of wrapping.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Indentation of a line, in characters.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Finds `key:` below `start`, deeper than `parent` indentation, before the parent's block ends.
fn find_key(
    lines: Lines<'_>,
    start: usize,
    parent: Option<usize>,
    key: &str,
) -> Option<(usize, usize)> {
    let forms = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
        format!("\"{key}\" :"),
    ];
    let first = if parent.is_some() { start + 1 } else { start };
    for (offset, line) in lines.from(first) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let column = indentation(line);
        if let Some(parent) = parent {
            if column <= parent && !trimmed.starts_with('-') && offset > first {
                return None;
            }
        }
        let body = trimmed.trim_start_matches(['-', ' ']);
        if forms.iter().any(|form| body.starts_with(form.as_str())) {
            return Some((offset, column + (trimmed.len() - body.len())));
        }
    }
    None
}

/// Finds the `index`-th `- ` item below `start`, at the first item's indentation.
fn find_item(
    lines: Lines<'_>,
    start: usize,
    parent: Option<usize>,
    index: usize,
) -> Option<(usize, usize)> {
    let mut item_indent = None;
    let mut seen = 0usize;
    for (offset, line) in lines.from(start + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let column = indentation(line);
        if parent.is_some_and(|p| column < p) {
            return None;
        }
        if !trimmed.starts_with('-') {
            if item_indent.is_some_and(|i| column <= i) {
                return None;
            }
            continue;
        }
        match item_indent {
            None => item_indent = Some(column),
            Some(i) if column < i => return None,
            Some(i) if column > i => continue,
            Some(_) => {}
        }
        if seen == index {
            return Some((offset, column + 2));
        }
        seen += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::locate;

    const YAML: &str = "openapi: 3.0.3\npaths:\n  /pets/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n        - name: q\n          in: query\n";

    #[test]
    fn finds_keys_and_items() {
        assert_eq!(locate(YAML, "/paths/~1pets~1{id}/get"), Some((4, 5)));
        assert_eq!(
            locate(YAML, "/paths/~1pets~1{id}/get/parameters/1"),
            Some((8, 11))
        );
        assert_eq!(
            locate(YAML, "/paths/~1pets~1{id}/get/parameters/1/in"),
            Some((9, 11))
        );
    }

    #[test]
    fn falls_back_to_the_deepest_known_parent() {
        assert_eq!(locate(YAML, "/paths/~1pets~1{id}/post"), Some((3, 3)));
    }
}
