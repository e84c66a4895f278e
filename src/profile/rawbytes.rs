//! Profile strings are bytes, and Go never checks that they are UTF-8: a
//! function name may hold `\xff`. pa keeps names as Rust `String`s and
//! carries each byte that is not valid UTF-8 as one private-use character
//! (U+10FF80..U+10FFFF, from the last plane no real name uses). Nothing is
//! lost: the pprof-compatible outputs turn them back into the original
//! bytes, so they match go tool pprof to the byte, while terminal, JSON and
//! SVG outputs show U+FFFD instead.

const BASE: u32 = 0x10FF00;

/// Bytes to a string, escaping each invalid byte.
pub fn decode(bytes: &[u8]) -> String {
    decode_cow(bytes).into_owned()
}

/// [`decode`], borrowing the bytes when they are valid UTF-8 (nearly
/// always), so that a caller that only looks at the text allocates nothing.
pub fn decode_cow(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                for &b in chunk.invalid() {
                    out.push(char::from_u32(BASE + b as u32).expect("valid scalar"));
                }
            }
            std::borrow::Cow::Owned(out)
        }
    }
}

/// The escaped raw byte a character stands for, if it is one.
pub fn raw_byte(c: char) -> Option<u8> {
    let v = c as u32;
    if (BASE + 0x80..=BASE + 0xff).contains(&v) { Some((v - BASE) as u8) } else { None }
}

/// Restores the original bytes in rendered output (pprof-exact reports).
pub fn restore(out: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    // U+10FF80..U+10FFFF encode as F4 8F BE/BF xx.
    if !out.windows(2).any(|w| w == [0xF4, 0x8F]) {
        return std::borrow::Cow::Borrowed(out);
    }
    let mut v = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        if i + 3 < out.len() && out[i] == 0xF4 && out[i + 1] == 0x8F && (out[i + 2] == 0xBE || out[i + 2] == 0xBF) {
            let cp = ((out[i + 2] as u32 & 0x3F) << 6) | (out[i + 3] as u32 & 0x3F);
            // cp is the low 12 bits: 0xF80..0xFFF.
            v.push((cp & 0xFF) as u8);
            i += 4;
            continue;
        }
        v.push(out[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(v)
}

/// pprof-exact output on its way to stdout: the original bytes, as go tool
/// pprof prints them, for a pipe or a file; on a terminal, [`terminal`].
pub fn for_stdout(out: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() { std::borrow::Cow::Owned(terminal(out)) } else { restore(out) }
}

/// Rendered output made safe for a terminal: a name cannot carry an escape
/// sequence (ANSI, OSC) or a C1 control, so control characters other than
/// newline and tab become `?`, and escaped invalid bytes U+FFFD.
pub fn terminal(out: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(out);
    let safe: String = text
        .chars()
        .map(|c| {
            if raw_byte(c).is_some() {
                '\u{FFFD}'
            } else if c.is_control() && c != '\n' && c != '\t' {
                '?'
            } else {
                c
            }
        })
        .collect();
    safe.into_bytes()
}

/// For displays that must stay valid UTF-8: escaped bytes become U+FFFD.
pub fn display(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| raw_byte(c).is_some()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| if raw_byte(c).is_some() { '\u{FFFD}' } else { c }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_round_trip() {
        let raw = b"bad\xff\xfe name \x80";
        let s = decode(raw);
        assert_eq!(s.chars().filter(|&c| raw_byte(c).is_some()).count(), 3);
        assert_eq!(&*restore(s.as_bytes()), raw);
        assert_eq!(display(&s), "bad\u{FFFD}\u{FFFD} name \u{FFFD}");
    }

    #[test]
    fn terminal_output_has_no_controls() {
        let s = decode(b"a\x1b[2J\x07b\xc2\x9bc\xff\td\n");
        assert_eq!(terminal(s.as_bytes()), "a?[2J?b?c\u{FFFD}\td\n".as_bytes());
    }

    #[test]
    fn valid_text_is_untouched() {
        let s = decode("héllo ✓".as_bytes());
        assert_eq!(s, "héllo ✓");
        assert!(matches!(restore(s.as_bytes()), std::borrow::Cow::Borrowed(_)));
    }
}
