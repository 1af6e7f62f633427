//! Finds the line and column of a JSON pointer in spec text: block YAML, flow YAML and JSON (pretty or
//! minified), mixed as YAML allows.
//!
//! Not a second parser: a scanner that follows the pointer one token at a time through the text's
//! structure (block mappings by indentation, block sequences by their `-`, flow mappings and sequences by
//! brackets), skipping every value it does not descend into as a whole (quoted strings, nested brackets,
//! more-indented lines). A mapping token is located at its key, a sequence index at its item. When a token
//! cannot be found (a merge key, an alias, text the scanner does not follow) the deepest position found so
//! far is reported, so a problem always has a line. Descending is the only recursion, bounded by the
//! pointer's length; skipping is iterative, so no text can exhaust the stack.
//!
//! A spec can have hundreds of problems: a [`Locator`] kept with the text reads each collection it descends
//! into once, recording all its keys (or items), and indexes the lines once, so locating costs about one
//! pass over the parts of the text that hold problems instead of one pass per problem.

use crate::diagnostics::Excerpt;
use crate::lines::LineIndex;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// The 1-based line and column (in characters) where `pointer` starts, if the text lets us find it.
#[cfg(test)]
pub fn locate(text: &str, pointer: &str) -> Option<(u32, u32)> {
    Locator::default().locate(text, pointer)
}

/// What has been read of one text so far; always used with that same text.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// The first byte of the root node, once looked for.
    start: OnceCell<Option<usize>>,
    /// The collections read, by the offset of their first byte.
    nodes: RefCell<HashMap<usize, Node>>,
    lines: OnceCell<LineIndex>,
}

/// A collection's entries, as the scanner reads them in order (up to where it stops following the text).
#[derive(Debug, Clone)]
enum Node {
    /// A mapping's keys (the first of equal keys wins): the key's offset and its value's start.
    Mapping(HashMap<String, (usize, Option<usize>)>),
    /// A flow sequence's items.
    FlowItems(Vec<usize>),
    /// A block sequence's dashes, and its indentation.
    BlockItems(Vec<usize>, usize),
}

impl Locator {
    /// The 1-based line and column (in characters) where `pointer` starts in `text`.
    pub fn locate(&self, text: &str, pointer: &str) -> Option<(u32, u32)> {
        if pointer.is_empty() {
            return Some((1, 1));
        }
        let tokens: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect();
        let scanner = Scanner {
            text,
            bytes: text.as_bytes(),
        };
        let offset = self
            .start
            .get_or_init(|| scanner.document_start())
            .and_then(|root| self.find(&scanner, root, &tokens))
            .unwrap_or(0);
        Some(self.index(text).position(text, offset))
    }

    /// The excerpt of `line` and `column` of `text`, as [`Excerpt::from_source`] makes it.
    pub fn excerpt(&self, text: &str, line: u32, column: u32) -> Option<Excerpt> {
        let line = self.index(text).line(text, line)?;
        Some(Excerpt::from_window(line.len, column, |from, to| {
            line.slice(from, to).chars()
        }))
    }

    fn index(&self, text: &str) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(text))
    }

    /// Follows `tokens` from the node starting at `node`; the offset of the deepest token found, or `None`
    /// when the first is not there.
    fn find(&self, scanner: &Scanner<'_>, node: usize, tokens: &[String]) -> Option<usize> {
        let (token, rest) = tokens.split_first()?;
        let node = scanner.skip_properties(node);
        let (entry, value) = self.entry(scanner, node, token)?;
        if rest.is_empty() {
            return Some(entry);
        }
        Some(
            value
                .and_then(|v| self.find(scanner, v, rest))
                .unwrap_or(entry),
        )
    }

    /// The entry `token` names in the collection at `node` (its key or item, and its value's start),
    /// reading the collection on first use.
    fn entry(
        &self,
        scanner: &Scanner<'_>,
        node: usize,
        token: &str,
    ) -> Option<(usize, Option<usize>)> {
        let mut nodes = self.nodes.borrow_mut();
        let read = match nodes.entry(node) {
            Entry::Occupied(read) => read.into_mut(),
            Entry::Vacant(slot) => slot.insert(scanner.read(node)?),
        };
        match read {
            Node::Mapping(keys) => keys.get(token).copied(),
            Node::FlowItems(items) => {
                let at = *items.get(token.parse::<usize>().ok()?)?;
                Some((at, Some(at)))
            }
            Node::BlockItems(dashes, indent) => {
                let dash = *dashes.get(token.parse::<usize>().ok()?)?;
                let value = scanner.block_value(dash + 1, *indent);
                Some((value.unwrap_or(dash), value))
            }
        }
    }
}

/// Spaces within a line (a carriage return ends a line like the newline after it).
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r')
}

/// Characters that end a plain scalar in flow context.
fn is_flow_indicator(byte: u8) -> bool {
    matches!(byte, b',' | b'[' | b']' | b'{' | b'}')
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
}

impl Scanner<'_> {
    fn at(&self, index: usize) -> Option<u8> {
        self.bytes.get(index).copied()
    }

    /// The first byte of the root node: after a byte-order mark, comments, directives and `---`.
    fn document_start(&self) -> Option<usize> {
        let mut line = if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        while line < self.bytes.len() {
            let content = self.skip_spaces(line);
            let rest = self.text.get(content..).unwrap_or_default();
            if rest.starts_with('%') || rest.starts_with('#') || self.line_is_blank(content) {
                line = self.next_line(content)?;
            } else if rest.starts_with("---") {
                let after = self.skip_spaces(content + 3);
                if self.line_is_blank(after) || self.at(after) == Some(b'#') {
                    line = self.next_line(after)?;
                } else {
                    return Some(after);
                }
            } else {
                return Some(content);
            }
        }
        None
    }

    /// Reads the collection whose first byte is at `node`: a flow mapping or sequence by its bracket, a
    /// block sequence by its dash, otherwise a block mapping.
    fn read(&self, node: usize) -> Option<Node> {
        Some(match self.at(node)? {
            b'{' => Node::Mapping(self.flow_entries(node)),
            b'[' => Node::FlowItems(self.flow_items(node)),
            b'-' if self.is_item_marker(node) => {
                Node::BlockItems(self.block_items(node), self.column(node))
            }
            _ => Node::Mapping(self.block_entries(node)),
        })
    }

    // ---- block context ----

    /// The keys of the block mapping whose first key is at `node`, and where their values start.
    fn block_entries(&self, node: usize) -> HashMap<String, (usize, Option<usize>)> {
        let indent = self.column(node);
        let mut entries = HashMap::new();
        let mut key_at = node;
        while let Some((key, after_colon)) = self.block_key(key_at) {
            if let Entry::Vacant(slot) = entries.entry(key) {
                slot.insert((key_at, self.block_value(after_colon, indent)));
            }
            match self.next_sibling(after_colon, indent, false) {
                Some(next) => key_at = next,
                None => break,
            }
        }
        entries
    }

    /// The dashes of the block sequence whose first `-` is at `node`.
    fn block_items(&self, node: usize) -> Vec<usize> {
        let indent = self.column(node);
        let mut dashes = vec![node];
        let mut dash = node;
        while let Some(next) = self.next_sibling(dash + 1, indent, true) {
            dashes.push(next);
            dash = next;
        }
        dashes
    }

    /// The key written at `at` (plain or quoted) and the offset after its colon.
    fn block_key(&self, at: usize) -> Option<(String, usize)> {
        let (key, end) = match self.at(at)? {
            b'"' | b'\'' => {
                let end = self.skip_quoted(at);
                (self.unquote(at, end), self.skip_spaces(end))
            }
            b'?' | b'#' | b'\n' => return None,
            _ => {
                let mut index = at;
                loop {
                    match self.at(index) {
                        None | Some(b'\n') => return None,
                        Some(b':')
                            if self.at(index + 1).is_none_or(|b| is_space(b) || b == b'\n') =>
                        {
                            break;
                        }
                        Some(b'#') if index > at && self.at(index - 1).is_some_and(is_space) => {
                            return None;
                        }
                        Some(_) => index += 1,
                    }
                }
                let key = self.text.get(at..index).unwrap_or_default().trim_end();
                (key.to_owned(), index)
            }
        };
        (self.at(end) == Some(b':')).then_some((key, end + 1))
    }

    /// The start of the value after a key's colon (or an item's dash) of a collection at `indent`: on the
    /// same line, or the first content line below when it is deeper (or a sequence at the same indent).
    fn block_value(&self, after: usize, indent: usize) -> Option<usize> {
        let here = self.skip_spaces(after);
        if !self.line_is_blank(here) && self.at(here) != Some(b'#') {
            return Some(here);
        }
        let mut line = self.next_line(here)?;
        loop {
            let content = self.skip_spaces(line);
            if self.line_is_blank(content) || self.at(content) == Some(b'#') {
                line = self.next_line(content)?;
                continue;
            }
            let column = content - line;
            let deeper = column > indent || (column == indent && self.is_item_marker(content));
            return deeper.then_some(content);
        }
    }

    /// The next entry (`items`: the next `-`) of the block collection at `indent`, after the current entry's
    /// content, which starts at `from`.
    fn next_sibling(&self, from: usize, indent: usize, items: bool) -> Option<usize> {
        // A value written on the entry's line may be a quoted string or flow collection running over lines.
        let value = self.skip_properties(self.skip_spaces(from));
        let after = match self.at(value) {
            Some(b'{' | b'[' | b'"' | b'\'') => self.skip_flow_node(value),
            _ => value,
        };
        let mut line = self.next_line(after)?;
        loop {
            let content = self.skip_spaces(line);
            let column = content - line;
            let rest = self.text.get(line..).unwrap_or_default();
            if rest.starts_with("---") || rest.starts_with("...") {
                return None;
            }
            if self.line_is_blank(content) || self.at(content) == Some(b'#') || column > indent {
                line = self.next_line(content)?;
                continue;
            }
            if column < indent {
                return None;
            }
            let dash = self.is_item_marker(content);
            if items {
                return dash.then_some(content);
            }
            if dash {
                // A sequence at the key's own indentation is the previous key's value.
                line = self.next_line(content)?;
                continue;
            }
            return Some(content);
        }
    }

    /// Whether a `-` at `at` starts a sequence item (rather than a scalar like `-1`).
    fn is_item_marker(&self, at: usize) -> bool {
        self.at(at) == Some(b'-') && self.at(at + 1).is_none_or(|b| is_space(b) || b == b'\n')
    }

    // ---- flow context (and JSON) ----

    /// The keys of the flow mapping opening at `open`, and where their values start.
    fn flow_entries(&self, open: usize) -> HashMap<String, (usize, Option<usize>)> {
        let mut entries = HashMap::new();
        let mut at = open + 1;
        loop {
            at = self.skip_flow_space(at);
            let key_at = at;
            let (key, end) = match self.at(at) {
                None | Some(b'}' | b']') => break,
                Some(b'"' | b'\'') => {
                    let end = self.skip_quoted(at);
                    (self.unquote(at, end), end)
                }
                Some(_) => {
                    let end = self.plain_flow_key_end(at);
                    let key = self.text.get(at..end).unwrap_or_default().trim_end();
                    (key.to_owned(), end)
                }
            };
            at = self.skip_flow_space(end);
            let mut value = None;
            if self.at(at) == Some(b':') {
                let start = self.skip_properties(self.skip_flow_space(at + 1));
                if !matches!(self.at(start), Some(b',' | b'}') | None) {
                    value = Some(start);
                }
                at = value.map_or(start, |v| self.skip_flow_node(v));
            }
            if let Entry::Vacant(slot) = entries.entry(key) {
                slot.insert((key_at, value));
            }
            at = self.skip_flow_space(at);
            match self.at(at) {
                Some(b',') => at += 1,
                _ => break,
            }
        }
        entries
    }

    /// The items of the flow sequence opening at `open`.
    fn flow_items(&self, open: usize) -> Vec<usize> {
        let mut items = Vec::new();
        let mut at = open + 1;
        loop {
            at = self.skip_properties(self.skip_flow_space(at));
            if matches!(self.at(at), None | Some(b']' | b'}')) {
                break;
            }
            items.push(at);
            at = self.skip_flow_space(self.skip_flow_node(at));
            match self.at(at) {
                Some(b',') => at += 1,
                _ => break,
            }
        }
        items
    }

    /// Where a plain key in a flow mapping ends: at `: ` (or a colon before an indicator), `,` or a bracket.
    fn plain_flow_key_end(&self, from: usize) -> usize {
        let mut at = from;
        while let Some(byte) = self.at(at) {
            let ends_key = byte == b':'
                && self
                    .at(at + 1)
                    .is_none_or(|b| is_space(b) || b == b'\n' || is_flow_indicator(b));
            if ends_key || is_flow_indicator(byte) {
                break;
            }
            at += 1;
        }
        at
    }

    /// The offset just after the node starting at `at` in flow context: a bracketed collection, a quoted
    /// string, or a plain scalar.
    fn skip_flow_node(&self, at: usize) -> usize {
        match self.at(at) {
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                let mut index = at;
                while let Some(byte) = self.at(index) {
                    match byte {
                        b'"' | b'\'' => {
                            index = self.skip_quoted(index);
                            continue;
                        }
                        b'#' if index > at
                            && self
                                .at(index - 1)
                                .is_some_and(|b| is_space(b) || b == b'\n') =>
                        {
                            index = self.next_line(index).unwrap_or(self.bytes.len());
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return index + 1;
                            }
                        }
                        _ => {}
                    }
                    index += 1;
                }
                self.bytes.len()
            }
            Some(b'"' | b'\'') => self.skip_quoted(at),
            _ => {
                let mut index = at;
                while let Some(byte) = self.at(index) {
                    let comment = byte == b'#'
                        && index > at
                        && self
                            .at(index - 1)
                            .is_some_and(|b| is_space(b) || b == b'\n');
                    if is_flow_indicator(byte) || comment {
                        break;
                    }
                    index += 1;
                }
                index
            }
        }
    }

    /// Whitespace, newlines and comments between flow tokens.
    fn skip_flow_space(&self, from: usize) -> usize {
        let mut at = from;
        while let Some(byte) = self.at(at) {
            match byte {
                b' ' | b'\t' | b'\r' | b'\n' => at += 1,
                b'#' => at = self.next_line(at).unwrap_or(self.bytes.len()),
                _ => break,
            }
        }
        at
    }

    // ---- scalars and shared helpers ----

    /// The offset after the quoted string opening at `at` (`"` with backslash escapes, `'` with `''`).
    fn skip_quoted(&self, at: usize) -> usize {
        let Some(quote) = self.at(at) else {
            return at;
        };
        let mut index = at + 1;
        while let Some(byte) = self.at(index) {
            if quote == b'"' && byte == b'\\' {
                index += 2;
                continue;
            }
            if byte == quote {
                if quote == b'\'' && self.at(index + 1) == Some(b'\'') {
                    index += 2;
                    continue;
                }
                return index + 1;
            }
            index += 1;
        }
        self.bytes.len()
    }

    /// The text of the quoted string between `at` and `end`, unescaped where JSON's escapes suffice.
    fn unquote(&self, at: usize, end: usize) -> String {
        let raw = self.text.get(at..end).unwrap_or_default();
        if raw.starts_with('\'') {
            let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
            return inner.replace("''", "'");
        }
        serde_json::from_str::<String>(raw).unwrap_or_else(|_| {
            raw.get(1..raw.len().saturating_sub(1))
                .unwrap_or_default()
                .to_owned()
        })
    }

    /// Skips anchors (`&name`) and tags (`!tag`) written before a node.
    fn skip_properties(&self, from: usize) -> usize {
        let mut at = from;
        while matches!(self.at(at), Some(b'&' | b'!')) {
            while self
                .at(at)
                .is_some_and(|b| !is_space(b) && b != b'\n' && !is_flow_indicator(b))
            {
                at += 1;
            }
            at = self.skip_spaces(at);
        }
        at
    }

    fn skip_spaces(&self, from: usize) -> usize {
        let mut at = from;
        while self.at(at).is_some_and(is_space) {
            at += 1;
        }
        at
    }

    /// Whether nothing but the line's end follows `at`.
    fn line_is_blank(&self, at: usize) -> bool {
        matches!(self.at(self.skip_spaces(at)), None | Some(b'\n'))
    }

    /// The start of the line after the one holding `at`.
    fn next_line(&self, at: usize) -> Option<usize> {
        let rest = self.bytes.get(at..)?;
        let newline = rest.iter().position(|&b| b == b'\n')?;
        Some(at + newline + 1)
    }

    /// The byte column of `at` in its line (indentation is spaces, so bytes are columns for keys).
    fn column(&self, at: usize) -> usize {
        let before = self.bytes.get(..at).unwrap_or_default();
        at - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1)
    }
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

    #[test]
    fn minified_json_is_exact() {
        let json = r#"{"openapi":"3.0.3","paths":{"/a":{"get":{"parameters":[{"name":"x"},{"name":"y","in":"query"}]}}}}"#;
        assert_eq!(locate(json, "/paths/~1a/get"), Some((1, 35)));
        assert_eq!(
            locate(json, "/paths/~1a/get/parameters/1/in"),
            Some((1, 81))
        );
    }

    #[test]
    fn flow_yaml_inside_block_yaml_is_exact() {
        let yaml = "components:\n  schemas:\n    A: {type: object, properties: {'b': {type: array, items: [x, {c: 1}]}}}\n";
        assert_eq!(
            locate(yaml, "/components/schemas/A/properties/b/items/1/c"),
            Some((3, 67))
        );
        assert_eq!(
            locate(yaml, "/components/schemas/A/properties"),
            Some((3, 23))
        );
    }

    #[test]
    fn only_keys_of_the_mapping_itself_match() {
        // `type` under `properties` is a property name; the schema's own `type` comes after it.
        let yaml = "A:\n  properties:\n    type: {type: string}\n    note: |\n      type: not a key\n  type: object\n";
        assert_eq!(locate(yaml, "/A/type"), Some((6, 3)));
        assert_eq!(locate(yaml, "/A/properties/type/type"), Some((3, 12)));
    }

    #[test]
    fn quoted_keys_comments_and_multi_line_flow_values_are_skipped() {
        let yaml =
            "# spec\n---\n'a b': \"x\n  y\" # note\nc: [1,\n  2]\n\"d\\u0065\": {\n  f: 1 }\n";
        assert_eq!(locate(yaml, "/a b"), Some((3, 1)));
        assert_eq!(locate(yaml, "/c/1"), Some((6, 3)));
        assert_eq!(locate(yaml, "/de/f"), Some((8, 3)));
    }

    #[test]
    fn one_locator_reused_answers_as_the_first_lookup_did() {
        // Each collection is read once and remembered: later lookups (in any order, including keys given
        // twice, where the first wins, and keys after text the scanner stops at) must not change answers.
        let yaml = "a:\n  x: 1\n  x: 2\n  l:\n    - p\n    - {q: [1, {r: 2}]}\nb: {s: 1, s: 2, t: [0, 1]}\nc: {u: 1 v: 2}\n";
        let pointers = [
            "/a/x",
            "/a/l/1/q/1/r",
            "/a/l/0",
            "/a/l/5",
            "/b/s",
            "/b/t/1",
            "/b/t/x",
            "/c/v",
            "/a/z",
            "/b",
            "/a/l/1/q",
        ];
        let locator = super::Locator::default();
        let mut once = Vec::new();
        for pointer in pointers.iter().chain(pointers.iter().rev()) {
            let fresh = locate(yaml, pointer);
            assert_eq!(locator.locate(yaml, pointer), fresh, "{pointer}");
            once.push(fresh);
        }
        assert_eq!(once.first(), Some(&Some((2, 3))));
        assert_eq!(locate(yaml, "/b/s"), Some((7, 5)));
    }

    #[test]
    fn excerpts_match_the_ones_made_from_the_whole_text() {
        let long = format!("{{\"a\": \"{}\", \"b\": 1}}", "é".repeat(300));
        for text in [YAML.to_owned(), long.clone(), format!("x\r\n{long}\r\n")] {
            let locator = super::Locator::default();
            for line in 0..5 {
                for column in [0, 1, 3, 50, 160, 301, 306, 1000] {
                    assert_eq!(
                        locator.excerpt(&text, line, column),
                        crate::diagnostics::Excerpt::from_source(&text, line, column),
                        "{line}:{column}"
                    );
                }
            }
        }
    }
}
