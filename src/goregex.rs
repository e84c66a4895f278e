//! Go (RE2) regular expressions on top of the `regex` crate.
//!
//! pprof's `-focus`, `-ignore`, `-show`, `drop_frames`, … are Go regexps.
//! The two syntaxes are close, but not equal: Go's `\w \d \s \b` are ASCII
//! while the crate's are Unicode; Go treats an unparsable `{` as a literal
//! and `\<` as `<`; Go has `\Q…\E` and octal escapes; the crate accepts
//! class set operations (`&&`, `--`, `~~`), nested classes and the `x`
//! flag, which Go reads as literals or rejects. So a Go pattern is parsed
//! here with Go's rules and re-emitted in an unambiguous form the crate
//! reads the same way. Go's parse errors are reported in Go's words.
//!
//! Not reproduced: Unicode general-category and script classes (`\pL`,
//! `\p{Greek}`) need crate features this build does not enable, so they
//! fail to compile with a clear error instead of matching.

use regex::Regex;

/// A Go `regexp/syntax` error: its code text and the offending text.
struct GoError {
    code: &'static str,
    expr: String,
}

impl GoError {
    fn new(code: &'static str, expr: &str) -> Self {
        GoError { code, expr: expr.to_string() }
    }

    /// Go's `regexp.Compile` error text.
    fn message(&self) -> String {
        format!("error parsing regexp: {}: `{}`", self.code, self.expr)
    }
}

const ERR_INVALID_CHAR_RANGE: &str = "invalid character class range";
const ERR_INVALID_ESCAPE: &str = "invalid escape sequence";
const ERR_INVALID_NAMED_CAPTURE: &str = "invalid named capture";
const ERR_INVALID_PERL_OP: &str = "invalid or unsupported Perl syntax";
const ERR_INVALID_REPEAT_OP: &str = "invalid nested repetition operator";
const ERR_INVALID_REPEAT_SIZE: &str = "invalid repeat count";
const ERR_MISSING_BRACKET: &str = "missing closing ]";
const ERR_MISSING_PAREN: &str = "missing closing )";
const ERR_MISSING_REPEAT_ARGUMENT: &str = "missing argument to repetition operator";
const ERR_TRAILING_BACKSLASH: &str = "trailing backslash at end of expression";
const ERR_UNEXPECTED_PAREN: &str = "unexpected )";

/// Go's ASCII Perl classes, as class bodies (without brackets).
const DIGIT: &str = "0-9";
const SPACE: &str = r"\t\n\x0C\r\x20";
const WORD: &str = "0-9A-Za-z_";

/// Compiles a Go regexp, unanchored, as `regexp.Compile` would.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    let translated = translate(pattern)?;
    Regex::new(&translated).map_err(|e| crate_error(pattern, &e))
}

/// Compiles `^(pattern)$`, the form pprof gives `drop_frames` and
/// `keep_frames`: the whole string must match. The capture group (rather
/// than `(?:…)`) keeps parse errors worded exactly as pprof's.
pub fn compile_anchored(pattern: &str) -> Result<Regex, String> {
    compile(&format!("^({pattern})$"))
}

/// Rewrites a Go regexp into `regex`-crate syntax with the same meaning,
/// or returns Go's parse error text.
pub fn translate(pattern: &str) -> Result<String, String> {
    Translator::new(pattern).run().map_err(|e| e.message())
}

/// Words a crate error that Go's grammar let through (mostly Unicode
/// classes this build lacks, or size limits).
fn crate_error(pattern: &str, err: &regex::Error) -> String {
    let text = err.to_string();
    let detail = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .unwrap_or(text.lines().last().unwrap_or("invalid regexp").trim());
    format!("error parsing regexp: {detail}: `{pattern}`")
}

struct Translator<'a> {
    src: &'a str,
    pos: usize,
    out: String,
    /// Open groups (flag-only `(?i)` groups do not count).
    depth: usize,
    /// Whether the previous item left an operand a repetition can apply to.
    operand: bool,
    /// Byte offset where the immediately preceding repetition began.
    last_repeat: Option<usize>,
    /// A flag-only group `(?i)` not yet emitted. Go lets a repetition
    /// right after it apply to the item before it; the crate does not, so
    /// the flags are written after any such repetition. (A `U` flag there
    /// would then miss that one operator's greediness; not modelled.)
    pending_flags: String,
}

impl<'a> Translator<'a> {
    fn new(src: &'a str) -> Self {
        Translator {
            src,
            pos: 0,
            out: String::with_capacity(src.len() + 16),
            depth: 0,
            operand: false,
            last_repeat: None,
            pending_flags: String::new(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn run(mut self) -> Result<String, GoError> {
        while let Some(c) = self.rest().chars().next() {
            let start = self.pos;
            let mut repeat_start = None;
            let is_repeat = matches!(c, '*' | '+' | '?') || (c == '{' && parse_repeat(self.rest()).is_some());
            if !is_repeat {
                self.out.push_str(&std::mem::take(&mut self.pending_flags));
            }
            match c {
                '(' => self.open_group()?,
                ')' => {
                    if self.depth == 0 {
                        return Err(GoError::new(ERR_UNEXPECTED_PAREN, self.src));
                    }
                    self.depth -= 1;
                    self.pos += 1;
                    self.out.push(')');
                    self.operand = true;
                }
                '|' => {
                    self.pos += 1;
                    self.out.push('|');
                    self.operand = false;
                }
                '*' | '+' | '?' => {
                    self.pos += 1;
                    self.repetition(start)?;
                    repeat_start = Some(start);
                }
                '{' => match parse_repeat(self.rest()) {
                    Some((min, max, len)) => {
                        let text = &self.src[start..start + len];
                        let too_big = |n: i64| !(0..=1000).contains(&n);
                        if too_big(min) || max > 1000 || (max >= 0 && min > max) {
                            return Err(GoError::new(ERR_INVALID_REPEAT_SIZE, text));
                        }
                        self.pos += len;
                        self.repetition(start)?;
                        repeat_start = Some(start);
                    }
                    None => {
                        self.pos += 1;
                        self.out.push_str(r"\{");
                        self.operand = true;
                    }
                },
                '[' => {
                    self.class()?;
                    self.operand = true;
                }
                '\\' => self.escape()?,
                '.' | '^' | '$' => {
                    self.pos += 1;
                    self.out.push(c);
                    self.operand = true;
                }
                _ => {
                    self.pos += c.len_utf8();
                    push_literal(&mut self.out, c, false);
                    self.operand = true;
                }
            }
            self.last_repeat = repeat_start;
        }
        if self.depth > 0 {
            return Err(GoError::new(ERR_MISSING_PAREN, self.src));
        }
        self.out.push_str(&self.pending_flags);
        Ok(self.out)
    }

    /// Checks and copies a repetition operator that ended at `self.pos`
    /// (plus an optional non-greedy `?`), applying Go's operand rules.
    fn repetition(&mut self, start: usize) -> Result<(), GoError> {
        if self.rest().starts_with('?') {
            self.pos += 1;
        }
        if let Some(last) = self.last_repeat {
            return Err(GoError::new(ERR_INVALID_REPEAT_OP, &self.src[last..self.pos]));
        }
        if !self.operand {
            return Err(GoError::new(ERR_MISSING_REPEAT_ARGUMENT, &self.src[start..self.pos]));
        }
        let text = &self.src[start..self.pos];
        self.out.push_str(text);
        Ok(())
    }

    /// `(`, `(?:`, `(?P<name>`, `(?<name>` and `(?flags)` / `(?flags:`.
    fn open_group(&mut self) -> Result<(), GoError> {
        let s = self.rest();
        if !s.starts_with("(?") {
            self.pos += 1;
            self.depth += 1;
            self.out.push('(');
            self.operand = false;
            return Ok(());
        }
        let named_p = s.len() > 4 && s.as_bytes()[2] == b'P' && s.as_bytes()[3] == b'<';
        let named = s.len() > 3 && s.as_bytes()[2] == b'<';
        if named_p || named {
            let name_start = if named_p { 4 } else { 3 };
            let Some(end) = s.find('>') else {
                return Err(GoError::new(ERR_INVALID_NAMED_CAPTURE, s));
            };
            let name = &s[name_start..end];
            let valid = !name.is_empty() && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
            if !valid {
                return Err(GoError::new(ERR_INVALID_NAMED_CAPTURE, &s[..=end]));
            }
            self.out.push_str("(?P<");
            self.out.push_str(name);
            self.out.push('>');
            self.pos += end + 1;
            self.depth += 1;
            self.operand = false;
            return Ok(());
        }
        // Flags: [imsU]* with at most one '-', which must be followed by a
        // flag, then ':' (new group) or ')' (set flags for the rest).
        let mut negated = false;
        let mut saw_flag = false;
        let mut flags = String::new();
        for (i, c) in s.char_indices().skip(2) {
            match c {
                'i' | 'm' | 's' | 'U' => {
                    flags.push(c);
                    saw_flag = true;
                }
                '-' if !negated => {
                    negated = true;
                    saw_flag = false;
                    flags.push('-');
                }
                ':' | ')' if !negated || saw_flag => {
                    self.pos += i + 1;
                    if c == ':' {
                        self.out.push_str("(?");
                        self.out.push_str(&flags);
                        self.out.push(':');
                        self.depth += 1;
                        self.operand = false;
                    } else if !flags.is_empty() {
                        self.pending_flags.push_str("(?");
                        self.pending_flags.push_str(&flags);
                        self.pending_flags.push(')');
                    }
                    return Ok(());
                }
                _ => {
                    let end = i + c.len_utf8();
                    return Err(GoError::new(ERR_INVALID_PERL_OP, &s[..end]));
                }
            }
        }
        Err(GoError::new(ERR_INVALID_PERL_OP, s))
    }

    /// An escape outside a class.
    fn escape(&mut self) -> Result<(), GoError> {
        let s = self.rest();
        let next = s[1..].chars().next();
        let simple = |t: &mut Self, emit: &str, operand: bool| {
            t.pos += 2;
            t.out.push_str(emit);
            t.operand = operand;
        };
        match next {
            Some('A') => simple(self, r"\A", true),
            Some('z') => simple(self, r"\z", true),
            Some('b') => simple(self, r"(?-u:\b)", true),
            Some('B') => simple(self, r"(?-u:\B)", true),
            Some('C') => return Err(GoError::new(ERR_INVALID_ESCAPE, &s[..2])),
            Some('Q') => {
                let body = &s[2..];
                let (lit, consumed) = match body.find(r"\E") {
                    Some(i) => (&body[..i], 2 + i + 2),
                    None => (body, s.len()),
                };
                for c in lit.chars() {
                    push_literal(&mut self.out, c, false);
                }
                if !lit.is_empty() {
                    self.operand = true;
                }
                self.pos += consumed;
            }
            Some('p' | 'P') => {
                let len = unicode_class_len(s)?;
                self.out.push_str(&s[..len]);
                self.pos += len;
                self.operand = true;
            }
            Some(c @ ('d' | 'D' | 's' | 'S' | 'w' | 'W')) => {
                let (body, neg) = perl_class(c);
                self.out.push('[');
                if neg {
                    self.out.push('^');
                }
                self.out.push_str(body);
                self.out.push(']');
                self.pos += 2;
                self.operand = true;
            }
            _ => {
                let (c, len) = parse_escape(s)?;
                push_literal(&mut self.out, c, false);
                self.pos += len;
                self.operand = true;
            }
        }
        Ok(())
    }

    /// A bracketed class, parsed with Go's rules and re-emitted with every
    /// member spelled unambiguously.
    fn class(&mut self) -> Result<(), GoError> {
        let whole = self.rest();
        let mut t = &whole[1..];
        let mut out = String::from("[");
        if let Some(r) = t.strip_prefix('^') {
            out.push('^');
            t = r;
        }
        let mut first = true;
        loop {
            if !first && t.starts_with(']') {
                break;
            }
            first = false;
            // POSIX [:name:] (Go searches for the first ":]" anywhere).
            if t.len() > 2
                && t.starts_with("[:")
                && let Some(i) = t[2..].find(":]")
            {
                let name = &t[..i + 4];
                if !is_posix_class(name) {
                    return Err(GoError::new(ERR_INVALID_CHAR_RANGE, name));
                }
                out.push_str(name);
                t = &t[name.len()..];
                continue;
            }
            if t.starts_with(r"\p") || t.starts_with(r"\P") {
                let len = unicode_class_len(t)?;
                out.push_str(&t[..len]);
                t = &t[len..];
                continue;
            }
            if let Some(c @ ('d' | 'D' | 's' | 'S' | 'w' | 'W')) = t.strip_prefix('\\').and_then(|r| r.chars().next()) {
                let (body, neg) = perl_class(c);
                if neg {
                    out.push_str("[^");
                    out.push_str(body);
                    out.push(']');
                } else {
                    out.push_str(body);
                }
                t = &t[2..];
                continue;
            }
            let range_start = t;
            let (lo, rest) = class_char(t, whole)?;
            t = rest;
            let mut hi = lo;
            if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
                let (h, rest) = class_char(&t[1..], whole)?;
                t = rest;
                hi = h;
                if hi < lo {
                    let text = &range_start[..range_start.len() - t.len()];
                    return Err(GoError::new(ERR_INVALID_CHAR_RANGE, text));
                }
            }
            push_literal(&mut out, lo, true);
            if hi != lo {
                out.push('-');
                push_literal(&mut out, hi, true);
            }
        }
        out.push(']');
        // Skip the closing bracket too.
        self.pos += whole.len() - t.len() + 1;
        self.out.push_str(&out);
        Ok(())
    }
}

/// One class member: an escape or a plain rune; running out of text means
/// the class was never closed.
fn class_char<'s>(t: &'s str, whole: &str) -> Result<(char, &'s str), GoError> {
    match t.chars().next() {
        None => Err(GoError::new(ERR_MISSING_BRACKET, whole)),
        Some('\\') => {
            let (c, len) = parse_escape(t)?;
            Ok((c, &t[len..]))
        }
        Some(c) => Ok((c, &t[c.len_utf8()..])),
    }
}

/// Go's Perl class bodies: (ASCII members, negated).
fn perl_class(c: char) -> (&'static str, bool) {
    match c {
        'd' => (DIGIT, false),
        'D' => (DIGIT, true),
        's' => (SPACE, false),
        'S' => (SPACE, true),
        'w' => (WORD, false),
        _ => (WORD, true),
    }
}

fn is_posix_class(name: &str) -> bool {
    const NAMES: [&str; 14] = [
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper",
        "word", "xdigit",
    ];
    let inner = &name[2..name.len() - 2];
    let inner = inner.strip_prefix('^').unwrap_or(inner);
    NAMES.contains(&inner)
}

/// Length of a `\pX` / `\p{Name}` class; the crate reads the same syntax
/// (and rejects names its features lack).
fn unicode_class_len(s: &str) -> Result<usize, GoError> {
    match s[2..].chars().next() {
        Some('{') => match s.find('}') {
            Some(end) => Ok(end + 1),
            None => Err(GoError::new(ERR_INVALID_CHAR_RANGE, s)),
        },
        Some(c) => Ok(2 + c.len_utf8()),
        None => Err(GoError::new(ERR_INVALID_CHAR_RANGE, s)),
    }
}

/// Go's `parseEscape`: a single escaped rune (punctuation, octal, hex, C
/// escapes) and the bytes consumed.
fn parse_escape(s: &str) -> Result<(char, usize), GoError> {
    let t = &s[1..];
    let Some(c) = t.chars().next() else {
        return Err(GoError::new(ERR_TRAILING_BACKSLASH, ""));
    };
    let mut used = 1 + c.len_utf8();
    let invalid = |used: usize| Err(GoError::new(ERR_INVALID_ESCAPE, &s[..used]));
    let is_oct = |b: Option<&u8>| matches!(b, Some(b'0'..=b'7'));
    match c {
        '1'..='7' | '0' => {
            let bytes = s.as_bytes();
            if c != '0' && !is_oct(bytes.get(used)) {
                return invalid(used);
            }
            let mut r = c as u32 - '0' as u32;
            for _ in 1..3 {
                if !is_oct(bytes.get(used)) {
                    break;
                }
                r = r * 8 + (bytes[used] - b'0') as u32;
                used += 1;
            }
            Ok((char::from_u32(r).unwrap_or('\u{FFFD}'), used))
        }
        'x' => {
            let rest = &s[used..];
            let mut chars = rest.chars();
            let Some(first) = chars.next() else {
                return invalid(used);
            };
            used += first.len_utf8();
            if first == '{' {
                let mut r: u32 = 0;
                for (n, d) in chars.enumerate() {
                    used += d.len_utf8();
                    if d == '}' {
                        if n == 0 {
                            return invalid(used);
                        }
                        return match char::from_u32(r) {
                            Some(ch) => Ok((ch, used)),
                            None => Ok(('\u{FFFD}', used)),
                        };
                    }
                    let Some(v) = d.to_digit(16) else {
                        return invalid(used);
                    };
                    r = r * 16 + v;
                    if r > 0x10FFFF {
                        return invalid(used);
                    }
                }
                return invalid(used);
            }
            let Some(second) = chars.next() else {
                return invalid(used);
            };
            used += second.len_utf8();
            match (first.to_digit(16), second.to_digit(16)) {
                (Some(x), Some(y)) => Ok((char::from_u32(x * 16 + y).unwrap_or('\0'), used)),
                _ => invalid(used),
            }
        }
        'a' => Ok(('\x07', used)),
        'f' => Ok(('\x0C', used)),
        'n' => Ok(('\n', used)),
        'r' => Ok(('\r', used)),
        't' => Ok(('\t', used)),
        'v' => Ok(('\x0B', used)),
        c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok((c, used)),
        _ => invalid(used),
    }
}

/// Go's `parseRepeat`: `{n}`, `{n,}` or `{n,m}` at the start of `s`, as
/// (min, max or -1, length); `None` means `{` is a literal. Numbers too
/// large for Go's parser come back as -1 so the caller reports them.
fn parse_repeat(s: &str) -> Option<(i64, i64, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    let int = |i: &mut usize| -> Option<i64> {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == start {
            return None;
        }
        let digits = &s[start..*i];
        // Go rejects leading zeros ("01") as not a number at all.
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        // Go gives up (and later reports the count) past nine digits.
        Some(if digits.len() > 9 { -1 } else { digits.parse().unwrap_or(-1) })
    };
    let min = int(&mut i)?;
    let max;
    if i >= b.len() {
        return None;
    }
    if b[i] != b',' {
        max = min;
    } else {
        i += 1;
        if i >= b.len() {
            return None;
        }
        if b[i] == b'}' {
            max = -1;
        } else {
            let m = int(&mut i)?;
            if m < 0 {
                return Some((-1, m, find_close(s, i)?));
            }
            max = m;
        }
    }
    if i >= b.len() || b[i] != b'}' {
        return None;
    }
    Some((min, max, i + 1))
}

/// End of a repeat whose number overflowed, so the error can quote it.
fn find_close(s: &str, i: usize) -> Option<usize> {
    (s.as_bytes().get(i) == Some(&b'}')).then_some(i + 1)
}

/// Emits one literal rune so the crate reads it as exactly that rune.
fn push_literal(out: &mut String, c: char, in_class: bool) {
    match c {
        // The crate reads `\<` and `\>` as word-boundary assertions.
        '<' | '>' => out.push(c),
        c if c.is_ascii_punctuation() => {
            out.push('\\');
            out.push(c);
        }
        c if c.is_ascii_control() || c == ' ' || (in_class && c.is_whitespace()) => {
            out.push_str(&format!(r"\x{{{:X}}}", c as u32));
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Inputs every pattern below is run against.
    const INPUTS: &[&str] = &[
        "foo",
        "héllo wörld",
        "a.b_c9",
        "foo.bar",
        "foofoo",
        "x\\w",
        "1a2b",
        " \t\n\x0b\x0c\r",
        "é",
        "Straße STRASSE",
        "KK",
        "{start}",
        "a{,3}",
        "aab",
        "<a>",
        ".*+++",
        "abc",
        "a-c",
        "]a",
        "a[b]",
        "a&b",
        "~",
        "a#b",
        "main.(*T).f",
        "runtime.gopark",
        "sort.Slice",
        "\n",
        "aaa",
        "a\nb\nc",
        "",
        "é é",
        "ü",
        "-z9",
    ];

    // Printed by Go's regexp: (pattern, Compile error or "", leftmost
    // FindStringIndex span per input, (-1, -1) for no match).
    #[allow(clippy::type_complexity)]
    const VECTORS: &[(&str, &str, &[(i64, i64)])] = &[
        (
            "\\w+",
            "",
            &[
                (0, 3),
                (0, 1),
                (0, 1),
                (0, 3),
                (0, 6),
                (0, 1),
                (0, 4),
                (-1, -1),
                (-1, -1),
                (0, 4),
                (0, 1),
                (1, 6),
                (0, 1),
                (0, 3),
                (1, 2),
                (-1, -1),
                (0, 3),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (0, 4),
                (0, 7),
                (0, 4),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 3),
            ],
        ),
        (
            "[\\w.]+",
            "",
            &[
                (0, 3),
                (0, 1),
                (0, 6),
                (0, 7),
                (0, 6),
                (0, 1),
                (0, 4),
                (-1, -1),
                (-1, -1),
                (0, 4),
                (0, 1),
                (1, 6),
                (0, 1),
                (0, 3),
                (1, 2),
                (0, 1),
                (0, 3),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (0, 5),
                (0, 14),
                (0, 10),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 3),
            ],
        ),
        (
            "\\bfoo\\b",
            "",
            &[
                (0, 3),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\\\w",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\d+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (2, 3),
            ],
        ),
        (
            "\\D+",
            "",
            &[
                (0, 3),
                (0, 13),
                (0, 5),
                (0, 7),
                (0, 6),
                (0, 3),
                (1, 2),
                (0, 6),
                (0, 2),
                (0, 15),
                (0, 4),
                (0, 7),
                (0, 3),
                (0, 3),
                (0, 3),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 2),
                (0, 4),
                (0, 3),
                (0, 1),
                (0, 3),
                (0, 11),
                (0, 14),
                (0, 10),
                (0, 1),
                (0, 3),
                (0, 5),
                (-1, -1),
                (0, 5),
                (0, 2),
                (0, 2),
            ],
        ),
        (
            "\\s+",
            "",
            &[
                (-1, -1),
                (6, 7),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (7, 8),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (2, 3),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\S+",
            "",
            &[
                (0, 3),
                (0, 6),
                (0, 6),
                (0, 7),
                (0, 6),
                (0, 3),
                (0, 4),
                (3, 4),
                (0, 2),
                (0, 7),
                (0, 4),
                (0, 7),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 2),
                (0, 4),
                (0, 3),
                (0, 1),
                (0, 3),
                (0, 11),
                (0, 14),
                (0, 10),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (0, 2),
                (0, 2),
                (0, 3),
            ],
        ),
        (
            "\\W+",
            "",
            &[
                (-1, -1),
                (1, 3),
                (1, 2),
                (3, 4),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (0, 6),
                (0, 2),
                (4, 6),
                (1, 4),
                (0, 1),
                (1, 3),
                (-1, -1),
                (0, 1),
                (0, 5),
                (-1, -1),
                (1, 2),
                (0, 1),
                (1, 2),
                (1, 2),
                (0, 1),
                (1, 2),
                (4, 7),
                (7, 8),
                (4, 5),
                (0, 1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (0, 5),
                (0, 2),
                (0, 1),
            ],
        ),
        (
            "[^\\w]+",
            "",
            &[
                (-1, -1),
                (1, 3),
                (1, 2),
                (3, 4),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (0, 6),
                (0, 2),
                (4, 6),
                (1, 4),
                (0, 1),
                (1, 3),
                (-1, -1),
                (0, 1),
                (0, 5),
                (-1, -1),
                (1, 2),
                (0, 1),
                (1, 2),
                (1, 2),
                (0, 1),
                (1, 2),
                (4, 7),
                (7, 8),
                (4, 5),
                (0, 1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (0, 5),
                (0, 2),
                (0, 1),
            ],
        ),
        (
            "[\\W\\d]+",
            "",
            &[
                (-1, -1),
                (1, 3),
                (1, 2),
                (3, 4),
                (-1, -1),
                (1, 2),
                (0, 1),
                (0, 6),
                (0, 2),
                (4, 6),
                (1, 4),
                (0, 1),
                (1, 5),
                (-1, -1),
                (0, 1),
                (0, 5),
                (-1, -1),
                (1, 2),
                (0, 1),
                (1, 2),
                (1, 2),
                (0, 1),
                (1, 2),
                (4, 7),
                (7, 8),
                (4, 5),
                (0, 1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (0, 5),
                (0, 2),
                (0, 1),
            ],
        ),
        (
            "[[:alpha:]]+",
            "",
            &[
                (0, 3),
                (0, 1),
                (0, 1),
                (0, 3),
                (0, 6),
                (0, 1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (0, 4),
                (0, 1),
                (1, 6),
                (0, 1),
                (0, 3),
                (1, 2),
                (-1, -1),
                (0, 3),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (0, 4),
                (0, 7),
                (0, 4),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 2),
            ],
        ),
        (
            "[[:^alpha:]]+",
            "",
            &[
                (-1, -1),
                (1, 3),
                (1, 2),
                (3, 4),
                (-1, -1),
                (1, 2),
                (0, 1),
                (0, 6),
                (0, 2),
                (4, 6),
                (1, 4),
                (0, 1),
                (1, 5),
                (-1, -1),
                (0, 1),
                (0, 5),
                (-1, -1),
                (1, 2),
                (0, 1),
                (1, 2),
                (1, 2),
                (0, 1),
                (1, 2),
                (4, 7),
                (7, 8),
                (4, 5),
                (0, 1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (0, 5),
                (0, 2),
                (0, 1),
            ],
        ),
        (
            "\\Bo\\B",
            "",
            &[
                (1, 2),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (9, 10),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?i)straße",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 7),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?i)k",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (13, 14),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?i)\\w+",
            "",
            &[
                (0, 3),
                (0, 1),
                (0, 1),
                (0, 3),
                (0, 6),
                (0, 1),
                (0, 4),
                (-1, -1),
                (-1, -1),
                (0, 4),
                (0, 4),
                (1, 6),
                (0, 1),
                (0, 3),
                (1, 2),
                (-1, -1),
                (0, 3),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (0, 4),
                (0, 7),
                (0, 4),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 3),
            ],
        ),
        (
            "a{",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "x{start}",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "a{2}",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "a{2,}",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "a{,3}",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 5),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "a{1,2}b",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\<a\\>",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\Q.*+\\E+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 5),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\141\\x62\\x{63}",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "[a-c-]+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (4, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 3),
                (1, 2),
                (-1, -1),
                (0, 3),
                (0, 3),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (8, 9),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 1),
            ],
        ),
        (
            "[]a]+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 2),
                (1, 2),
                (-1, -1),
                (0, 1),
                (0, 1),
                (0, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "[a[b]]",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (2, 4),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "[a&&b]+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (4, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 3),
                (1, 2),
                (-1, -1),
                (0, 2),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 3),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        ("[a--b]+", "error parsing regexp: invalid character class range: `a--`", &[]),
        (
            "[~~]+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "a#b",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "main\\.\\(\\*T\\)\\.f",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 11),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "runtime\\..*",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 14),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "^runtime\\.",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 8),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "sort\\.(Slice|Sort)$",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 10),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?s).",
            "",
            &[
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 2),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 2),
                (0, 2),
                (0, 1),
            ],
        ),
        (
            "(?U)a+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 1),
                (1, 2),
                (-1, -1),
                (0, 1),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?m)^b$",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (2, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "$",
            "",
            &[
                (3, 3),
                (13, 13),
                (6, 6),
                (7, 7),
                (6, 6),
                (3, 3),
                (4, 4),
                (6, 6),
                (2, 2),
                (15, 15),
                (4, 4),
                (7, 7),
                (5, 5),
                (3, 3),
                (3, 3),
                (5, 5),
                (3, 3),
                (3, 3),
                (2, 2),
                (4, 4),
                (3, 3),
                (1, 1),
                (3, 3),
                (11, 11),
                (14, 14),
                (10, 10),
                (1, 1),
                (3, 3),
                (5, 5),
                (0, 0),
                (5, 5),
                (2, 2),
                (3, 3),
            ],
        ),
        (
            "^$",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 0),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\A\\z",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 0),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "[\\t ]+",
            "",
            &[
                (-1, -1),
                (6, 7),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (7, 8),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (2, 3),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\_",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "é\\b",
            "",
            &[
                (-1, -1),
                (1, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "\\bé",
            "",
            &[
                (-1, -1),
                (1, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "[é-ü]+",
            "",
            &[
                (-1, -1),
                (1, 3),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (0, 2),
                (-1, -1),
            ],
        ),
        ("a**", "error parsing regexp: invalid nested repetition operator: `**`", &[]),
        (
            "a*?",
            "",
            &[
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
            ],
        ),
        ("**", "error parsing regexp: missing argument to repetition operator: `*`", &[]),
        ("a|*", "error parsing regexp: missing argument to repetition operator: `*`", &[]),
        ("(a", "error parsing regexp: missing closing ): `(a`", &[]),
        ("a)", "error parsing regexp: unexpected ): `a)`", &[]),
        ("[a", "error parsing regexp: missing closing ]: `[a`", &[]),
        ("[]", "error parsing regexp: missing closing ]: `[]`", &[]),
        ("a\\", "error parsing regexp: trailing backslash at end of expression: ``", &[]),
        ("\\y", "error parsing regexp: invalid escape sequence: `\\y`", &[]),
        ("\\C", "error parsing regexp: invalid escape sequence: `\\C`", &[]),
        ("\\8", "error parsing regexp: invalid escape sequence: `\\8`", &[]),
        ("\\1", "error parsing regexp: invalid escape sequence: `\\1`", &[]),
        ("(?x)a", "error parsing regexp: invalid or unsupported Perl syntax: `(?x`", &[]),
        ("(?i", "error parsing regexp: invalid or unsupported Perl syntax: `(?i`", &[]),
        (
            "(?P<n>a)(?<m>b)",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 3),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        ("(?P<>a)", "error parsing regexp: invalid named capture: `(?P<>`", &[]),
        ("(?'n'a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?'`", &[]),
        ("[z-a]", "error parsing regexp: invalid character class range: `z-a`", &[]),
        ("[[:foo:]]", "error parsing regexp: invalid character class range: `[:foo:]`", &[]),
        ("a{1001}", "error parsing regexp: invalid repeat count: `{1001}`", &[]),
        ("a{2,1}", "error parsing regexp: invalid repeat count: `{2,1}`", &[]),
        (
            "a{01}",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        ("\\x{110000}", "error parsing regexp: invalid escape sequence: `\\x{110000`", &[]),
        ("\\xZZ", "error parsing regexp: invalid escape sequence: `\\xZZ`", &[]),
        ("(?-)a", "error parsing regexp: invalid or unsupported Perl syntax: `(?-)`", &[]),
        ("(?i-)a", "error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`", &[]),
        (
            "(?i-s:a.)",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 2),
                (5, 7),
                (-1, -1),
                (-1, -1),
                (1, 3),
                (-1, -1),
                (-1, -1),
                (3, 6),
                (-1, -1),
                (3, 5),
                (0, 2),
                (0, 2),
                (1, 3),
                (-1, -1),
                (0, 2),
                (0, 2),
                (-1, -1),
                (0, 2),
                (0, 2),
                (-1, -1),
                (0, 2),
                (1, 3),
                (11, 13),
                (-1, -1),
                (-1, -1),
                (0, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?)a",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 1),
                (1, 2),
                (-1, -1),
                (0, 1),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "(?:)*a",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 1),
                (1, 2),
                (-1, -1),
                (0, 1),
                (0, 1),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
        (
            "^*",
            "",
            &[
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
            ],
        ),
        ("x{99999999999}", "error parsing regexp: invalid repeat count: `{99999999999}`", &[]),
        (
            "[\\d-z]+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 3),
            ],
        ),
        (
            "[a\\-z]+",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (0, 1),
                (5, 6),
                (-1, -1),
                (-1, -1),
                (1, 2),
                (-1, -1),
                (-1, -1),
                (3, 4),
                (-1, -1),
                (3, 4),
                (0, 1),
                (0, 2),
                (1, 2),
                (-1, -1),
                (0, 1),
                (0, 2),
                (1, 2),
                (0, 1),
                (0, 1),
                (-1, -1),
                (0, 1),
                (1, 2),
                (11, 12),
                (-1, -1),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (0, 2),
            ],
        ),
        (
            ".*",
            "",
            &[
                (0, 3),
                (0, 13),
                (0, 6),
                (0, 7),
                (0, 6),
                (0, 3),
                (0, 4),
                (0, 2),
                (0, 2),
                (0, 15),
                (0, 4),
                (0, 7),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 2),
                (0, 4),
                (0, 3),
                (0, 1),
                (0, 3),
                (0, 11),
                (0, 14),
                (0, 10),
                (0, 0),
                (0, 3),
                (0, 1),
                (0, 0),
                (0, 5),
                (0, 2),
                (0, 3),
            ],
        ),
        ("a++", "error parsing regexp: invalid nested repetition operator: `++`", &[]),
        (
            "(a)(?i)*",
            "",
            &[
                (0, 0),
                (0, 0),
                (0, 1),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 1),
                (0, 2),
                (0, 0),
                (0, 0),
                (0, 1),
                (0, 1),
                (0, 0),
                (0, 1),
                (0, 1),
                (0, 0),
                (0, 1),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 3),
                (0, 1),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
            ],
        ),
        (
            "[^\\n]+",
            "",
            &[
                (0, 3),
                (0, 13),
                (0, 6),
                (0, 7),
                (0, 6),
                (0, 3),
                (0, 4),
                (0, 2),
                (0, 2),
                (0, 15),
                (0, 4),
                (0, 7),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 5),
                (0, 3),
                (0, 3),
                (0, 2),
                (0, 4),
                (0, 3),
                (0, 1),
                (0, 3),
                (0, 11),
                (0, 14),
                (0, 10),
                (-1, -1),
                (0, 3),
                (0, 1),
                (-1, -1),
                (0, 5),
                (0, 2),
                (0, 3),
            ],
        ),
        (
            "\\v\\f\\a",
            "",
            &[
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
                (-1, -1),
            ],
        ),
    ];

    #[test]
    fn matches_go_regexp() {
        for &(pattern, err, spans) in VECTORS {
            match compile(pattern) {
                Err(e) => assert_eq!(e, err, "error of {pattern:?}"),
                Ok(re) => {
                    assert_eq!(err, "", "{pattern:?} should not compile");
                    assert_eq!(spans.len(), INPUTS.len());
                    for (input, &(s, e)) in INPUTS.iter().zip(spans) {
                        let got = re.find(input).map_or((-1, -1), |m| (m.start() as i64, m.end() as i64));
                        assert_eq!(got, (s, e), "{pattern:?} on {input:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_perl_classes() {
        let w = compile(r"\w").unwrap();
        assert!(!w.is_match("é"));
        assert!(compile(r"^[\w.]+$").unwrap().is_match("a.b_c9"));
        assert!(compile(r"\bfoo\b").unwrap().is_match("x foo y"));
        let lit = compile(r"\\w").unwrap();
        assert!(lit.is_match(r"\w"));
        assert!(!lit.is_match("w"));
    }

    #[test]
    fn anchored_like_pprof() {
        // Go: ^(runtime\..*|malloc)$ matches "runtime.gopark" only.
        let re = compile_anchored(r"runtime\..*|malloc").unwrap();
        assert!(re.is_match("runtime.gopark"));
        assert!(!re.is_match("xruntime.gopark"));
        assert!(!re.is_match("malloc2"));
        assert_eq!(compile_anchored("a)").unwrap_err(), "error parsing regexp: unexpected ): `^(a))$`");
    }

    #[test]
    fn escaped_punctuation_is_literal() {
        // Go: an escaped ASCII non-word character is always itself, both
        // outside and inside a class.
        for c in (0u8..128).map(char::from).filter(char::is_ascii_punctuation) {
            let text = c.to_string();
            for p in [format!("\\{c}"), format!("[\\{c}]")] {
                let re = compile(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
                assert!(re.is_match(&text), "{p:?}");
                assert!(!re.is_match("a"), "{p:?}");
            }
        }
    }

    #[test]
    fn unicode_classes_are_rejected_not_misread() {
        // Go accepts these; this build has no Unicode category tables.
        for p in [r"\pL", r"\p{Greek}", r"\pZ"] {
            let e = compile(p).unwrap_err();
            assert!(e.starts_with("error parsing regexp: "), "{e}");
        }
    }
}
