//! Go's `%q` strings and the label lists built from them: debug=1's
//! `# labels: {"k":"v", …}`, Go 1.26's `labels:{"k": "v"}` inside a
//! debug=2 header and Go 1.27's `{k: v, "q k": "v"}` after it, where a key
//! or value is bare when it is made of `[A-Za-z0-9./_]` and quoted otherwise.

/// Reads one bare or quoted token at the start of `s`; returns it and the
/// rest. Bare tokens end at `:`, `,`, `}` or a space.
pub fn token(s: &str) -> Option<(String, &str)> {
    if let Some(rest) = s.strip_prefix('"') {
        let mut out: Vec<u8> = Vec::new();
        let b = rest.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    let text = String::from_utf8_lossy(&out).into_owned();
                    return Some((text, &rest[i + 1..]));
                }
                b'\\' => {
                    let e = *b.get(i + 1)?;
                    i += 2;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'a' => out.push(7),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'v' => out.push(11),
                        b'\\' | b'"' | b'\'' => out.push(e),
                        b'x' => {
                            let v = hex(b.get(i..i + 2)?)?;
                            out.push(v as u8);
                            i += 2;
                        }
                        b'u' | b'U' => {
                            let n = if e == b'u' { 4 } else { 8 };
                            let v = hex(b.get(i..i + n)?)?;
                            let c = char::from_u32(v).unwrap_or('\u{fffd}');
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            i += n;
                        }
                        b'0'..=b'7' => {
                            let d = b.get(i - 1..i + 2)?;
                            let mut v = 0u32;
                            for &c in d {
                                if !(b'0'..=b'7').contains(&c) {
                                    return None;
                                }
                                v = v * 8 + (c - b'0') as u32;
                            }
                            out.push(v as u8);
                            i += 2;
                        }
                        _ => return None,
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        None
    } else {
        let end = s.find([':', ',', '}', ' ']).unwrap_or(s.len());
        if end == 0 {
            return None;
        }
        Some((s[..end].to_string(), &s[end..]))
    }
}

fn hex(b: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(b).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// Parses `k: v, k2: v2}` (the text after `{`) up to and including the
/// closing brace; returns the pairs and the rest after `}`.
pub fn label_list(mut s: &str) -> Option<(Vec<(String, String)>, &str)> {
    let mut pairs = Vec::new();
    loop {
        s = s.trim_start_matches([' ', ',']);
        if let Some(rest) = s.strip_prefix('}') {
            return Some((pairs, rest));
        }
        let (k, rest) = token(s)?;
        let rest = rest.strip_prefix(':')?.trim_start_matches(' ');
        let (v, rest) = token(rest)?;
        pairs.push((k, v));
        s = rest;
        if !(s.starts_with(',') || s.starts_with('}')) {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go127_labels() {
        let (p, rest) = label_list(r#"job: reindex, "quoted key": "va\"lue", shard: 0}:"#).unwrap();
        assert_eq!(rest, ":");
        assert_eq!(
            p,
            vec![
                ("job".into(), "reindex".into()),
                ("quoted key".into(), "va\"lue".into()),
                ("shard".into(), "0".into())
            ]
        );
    }

    #[test]
    fn debug1_labels_and_escapes() {
        let (p, rest) = label_list(r#""evil":"\x1b[2J\u00e9\n", "k":"v"}"#).unwrap();
        assert_eq!(rest, "");
        assert_eq!(p[0].1, "\x1b[2J\u{e9}\n");
        assert_eq!(p[1], ("k".into(), "v".into()));
    }

    #[test]
    fn broken_lists_are_refused() {
        assert!(label_list(r#""k": "unterminated"#).is_none());
        assert!(label_list("k v}").is_none());
        assert!(label_list(r#""k": "\q"}"#).is_none());
    }
}
