//! Line scanning as the legacy parsers need it: Go's `bufio.Scanner` with
//! `ScanLines` (lines split at `\n`, one trailing `\r` dropped, no empty
//! last line after a final newline), including what `Text()` returns once
//! the input is exhausted (the empty string), plus the byte-string helpers
//! shared by the text formats.

pub(crate) struct Scanner<'a> {
    data: &'a [u8],
    pos: usize,
    text: &'a [u8],
    line: usize,
    done: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(data: &'a [u8]) -> Scanner<'a> {
        Scanner { data, pos: 0, text: b"", line: 0, done: false }
    }

    /// Advances to the next line; false (and an empty `text`) at the end.
    pub fn scan(&mut self) -> bool {
        if self.done || self.pos >= self.data.len() {
            self.done = true;
            self.text = b"";
            return false;
        }
        let rest = &self.data[self.pos..];
        let (mut line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], self.pos + i + 1),
            None => (rest, self.data.len()),
        };
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        self.pos = next;
        self.text = line;
        self.line += 1;
        true
    }

    /// The current line (empty once the input is exhausted).
    pub fn text(&self) -> &'a [u8] {
        self.text
    }

    /// The 1-based number of the current line.
    pub fn line_no(&self) -> usize {
        self.line
    }
}

/// Go's ASCII white space (`strings.TrimSpace` on ASCII input).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

pub(crate) fn trim_space(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|&b| !is_space(b)).map_or(start, |i| i + 1);
    &s[start..end]
}

/// pprof's `isSpaceOrComment`: blank, or `#` after leading space.
pub(crate) fn is_space_or_comment(line: &[u8]) -> bool {
    let t = trim_space(line);
    t.is_empty() || t[0] == b'#'
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The lines that start a `/proc/self/maps` section.
pub(crate) fn is_memory_map_sentinel(line: &[u8]) -> bool {
    contains(line, b"--- Memory map: ---") || contains(line, b"MAPPED_LIBRARIES:")
}

/// Splits at ASCII white space (`strings.Fields` on ASCII input).
pub(crate) fn fields(s: &[u8]) -> impl Iterator<Item = &[u8]> {
    s.split(|&b| is_space(b)).filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_lines() {
        let mut s = Scanner::new(b"a\r\n\nb\nc");
        let mut got = Vec::new();
        while s.scan() {
            got.push((s.line_no(), s.text().to_vec()));
        }
        assert_eq!(got, vec![(1, b"a".to_vec()), (2, b"".to_vec()), (3, b"b".to_vec()), (4, b"c".to_vec())]);
        assert_eq!(s.text(), b"");
        assert!(!s.scan());
        let mut s = Scanner::new(b"x\n");
        assert!(s.scan());
        assert!(!s.scan());
    }

    #[test]
    fn trimming() {
        assert_eq!(trim_space(b" \t\x0bab c\r\n"), b"ab c");
        assert_eq!(trim_space(b"   "), b"");
        assert!(is_space_or_comment(b"  # x"));
        assert!(is_space_or_comment(b""));
        assert!(!is_space_or_comment(b" 1 @ 0x1"));
    }
}
