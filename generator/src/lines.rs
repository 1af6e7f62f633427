//! An index of a text's lines and characters, built once per file, so that turning a byte offset into a
//! line and column, or a line number into its text, costs a binary search and a short count instead of a
//! scan from the start (a minified spec is one line of tens of megabytes, with hundreds of problems).

/// Bytes between two character-count checkpoints: a lookup counts at most this many bytes.
const STEP: usize = 4096;

/// Where a text's lines start and how many characters precede every [`STEP`]th byte.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of every `\n`.
    newlines: Vec<usize>,
    /// `chars[i]`: characters in the first `i * STEP` bytes (one entry per step, and one for the end).
    chars: Vec<usize>,
}

/// Whether a byte starts a character (is not a UTF-8 continuation byte).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let newlines = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(at, _)| at)
            .collect();
        let mut chars = Vec::with_capacity(bytes.len() / STEP + 1);
        let mut total = 0;
        for chunk in bytes.chunks(STEP) {
            chars.push(total);
            total += chunk.iter().filter(|&&b| starts_char(b)).count();
        }
        if bytes.len() % STEP == 0 {
            chars.push(total);
        }
        LineIndex { newlines, chars }
    }

    /// Characters in `text[..at]`; `at` is a character boundary of `text`.
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let step = at / STEP;
        let counted = self.chars.get(step).copied().unwrap_or_default();
        let tail = text.as_bytes().get(step * STEP..at).unwrap_or_default();
        counted + tail.iter().filter(|&&b| starts_char(b)).count()
    }

    /// The byte offset of the character `count` characters after the boundary `from` (at most the end).
    fn char_offset(&self, text: &str, from: usize, count: usize) -> usize {
        let bytes = text.as_bytes();
        let target = self.chars_before(text, from).saturating_add(count);
        // The last checkpoint at or before the target, unless `from` itself is closer.
        let step = self
            .chars
            .partition_point(|&c| c <= target)
            .saturating_sub(1);
        let mut at = (step * STEP).max(from);
        let mut seen = if at == from {
            self.chars_before(text, from)
        } else {
            self.chars.get(step).copied().unwrap_or_default()
        };
        while let Some(&byte) = bytes.get(at) {
            if starts_char(byte) {
                if seen == target {
                    break;
                }
                seen += 1;
            }
            at += 1;
        }
        at
    }

    /// The 1-based line and column (in characters) of a byte offset; an offset that is not a character
    /// boundary of `text` counts as its end.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = if text.is_char_boundary(offset) {
            offset
        } else {
            text.len()
        };
        let line = self.newlines.partition_point(|&n| n < offset);
        let start = self.line_start(line);
        let column = self.chars_before(text, offset) - self.chars_before(text, start);
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// The byte offset where 0-based line `index` starts.
    fn line_start(&self, index: usize) -> usize {
        index
            .checked_sub(1)
            .and_then(|previous| self.newlines.get(previous))
            .map_or(0, |newline| newline + 1)
    }

    /// The text of 1-based `line` as [`str::lines`] gives it (without `\n` or `\r\n`), its byte offset, and
    /// its length in characters; `None` when there is no such line.
    pub fn line<'t>(&'t self, text: &'t str, line: u32) -> Option<Line<'t>> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = self.line_start(index);
        let (end, ended) = match self.newlines.get(index) {
            Some(&newline) => (newline, true),
            // The last line exists only when it is not empty (a final newline ends the text).
            None if index == self.newlines.len() && start < text.len() => (text.len(), false),
            None => return None,
        };
        let mut content = text.get(start..end)?;
        if ended {
            content = content.strip_suffix('\r').unwrap_or(content);
        }
        let len = self.chars_before(text, start + content.len()) - self.chars_before(text, start);
        Some(Line {
            index: self,
            text,
            start,
            content,
            len,
        })
    }
}

/// One line of an indexed text.
pub struct Line<'t> {
    index: &'t LineIndex,
    text: &'t str,
    start: usize,
    /// The line's text.
    pub content: &'t str,
    /// Its length in characters.
    pub len: usize,
}

impl<'t> Line<'t> {
    /// Characters `from..to` of the line (clamped to it).
    pub fn slice(&self, from: usize, to: usize) -> &'t str {
        let end = self.start + self.content.len();
        let begin = self.index.char_offset(self.text, self.start, from).min(end);
        let finish = self
            .index
            .char_offset(self.text, begin, to.saturating_sub(from));
        self.text.get(begin..finish.min(end)).unwrap_or_default()
    }
}

/// Saturates positions of absurdly long files instead of wrapping.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, STEP};

    /// The definitions the index must agree with: counting from the start of the text.
    fn scanned(text: &str, offset: usize) -> (u32, u32) {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line as u32, column as u32)
    }

    fn texts() -> Vec<String> {
        let long = format!(
            "{{\"a\":\"{}é\",\"b\":{}}}",
            "ü".repeat(STEP),
            "x".repeat(3 * STEP)
        );
        vec![
            String::new(),
            "\n".to_owned(),
            "a".to_owned(),
            "a\r\nbé\r\n\r\nc\rd\n\nlast".to_owned(),
            "é\n€𝄞\n".to_owned(),
            "x".repeat(STEP),
            long.clone(),
            format!("{long}\n{long}\r\n"),
        ]
    }

    #[test]
    fn positions_agree_with_counting_from_the_start() {
        for text in texts() {
            let index = LineIndex::new(&text);
            for offset in (0..=text.len() + 1).step_by(7).chain([text.len()]) {
                assert_eq!(
                    index.position(&text, offset),
                    scanned(&text, offset),
                    "{offset} in {:?}",
                    text.get(..40)
                );
            }
        }
    }

    #[test]
    fn lines_agree_with_str_lines() {
        for text in texts() {
            let index = LineIndex::new(&text);
            let expected: Vec<&str> = text.lines().collect();
            for number in 0..=expected.len() as u32 + 2 {
                let line = index.line(&text, number);
                let wanted = (number as usize)
                    .checked_sub(1)
                    .and_then(|i| expected.get(i));
                assert_eq!(line.as_ref().map(|l| l.content), wanted.copied());
                if let Some(line) = line {
                    let chars: Vec<char> = line.content.chars().collect();
                    assert_eq!(line.len, chars.len());
                    for (from, to) in [(0, 3), (2, 5), (STEP - 1, STEP + 100), (0, usize::MAX)] {
                        let to_clamped = to.min(chars.len());
                        let from_clamped = from.min(to_clamped);
                        let wanted: String = chars
                            .get(from_clamped..to_clamped)
                            .unwrap_or_default()
                            .iter()
                            .collect();
                        assert_eq!(line.slice(from, to), wanted, "{from}..{to}");
                    }
                }
            }
        }
    }
}
