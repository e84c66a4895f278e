//! pa's extension to the Go `debug=1` text profiles: the symbol lines the
//! runtime prints under each sample,
//!
//! ```text
//! 1 @ 0x4851aa 0x52e4cc 0x52e4aa 0x48b9e1
//! # labels: {"pool":"ingest"}
//! #<TAB>0x52e4cb<TAB>internal/sync.(*Mutex).Lock+0x4b<TAB>internal/sync/mutex.go:70
//! #<TAB>0x52e4a9<TAB>sync.(*Mutex).Lock+0x29<TAB><TAB><TAB>sync/mutex.go:46
//! ```
//!
//! become function names, files and lines of the sample's locations. Each
//! `#` line is one frame of `runtime.CallersFrames`: its PC is the stack
//! address minus one (the address pprof's parser gives the location), and
//! inlined calls print several frames for one PC, innermost first. The
//! runtime hides leading `runtime.*` frames and `runtime.goexit`, so the
//! frames are matched to the stack by PC, in order; locations left without
//! a frame stay unsymbolized.

use super::Builder;
use super::scan::trim_space;
use crate::profile::{LabelSet, Line, rawbytes};

/// One `#` frame line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame {
    pub pc: u64,
    /// Function, file and line; `None` for frames the runtime could not
    /// name (`#\t0x0`).
    pub sym: Option<(String, String, i64)>,
}

/// Parses a `#\t0xPC\tfunc+0xOFF\tfile:line` line; `None` if it is not one.
pub(crate) fn parse_frame(line: &[u8]) -> Option<Frame> {
    let line = trim_space(line);
    let rest = line.strip_prefix(b"#")?;
    if rest.first() != Some(&b'\t') {
        return None;
    }
    let mut parts = rest.split(|&b| b == b'\t').filter(|p| !p.is_empty());
    let pc_text = parts.next()?;
    let pc = super::parse_uint(pc_text.strip_prefix(b"0x")?, 16)?;
    let Some(func) = parts.next() else {
        return Some(Frame { pc, sym: None });
    };
    let name = match rfind(func, b"+0x") {
        Some(i) => &func[..i],
        None => func,
    };
    let (file, lineno) = match parts.next() {
        Some(fl) => match fl.iter().rposition(|&b| b == b':') {
            Some(i) => match super::parse_int(&fl[i + 1..], 10) {
                Some(n) => (&fl[..i], n),
                None => (fl, 0),
            },
            None => (fl, 0),
        },
        None => (&b""[..], 0),
    };
    Some(Frame { pc, sym: Some((rawbytes::decode(name), rawbytes::decode(file), lineno)) })
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Parses `# labels: {"k":"v", "k2":"v2"}` (Go-quoted keys and values).
pub(crate) fn parse_labels(line: &[u8]) -> Option<LabelSet> {
    let line = trim_space(line);
    let rest = trim_space(line.strip_prefix(b"#")?);
    let body = trim_space(rest.strip_prefix(b"labels:")?);
    let inner = body.strip_prefix(b"{")?.strip_suffix(b"}")?;
    let mut set = LabelSet::default();
    let mut i = 0;
    let skip_sep = |i: &mut usize| {
        while *i < inner.len() && (inner[*i] == b' ' || inner[*i] == b',') {
            *i += 1;
        }
    };
    loop {
        skip_sep(&mut i);
        if i >= inner.len() {
            break;
        }
        let (k, n) = unquote(&inner[i..])?;
        i += n;
        if inner.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        let (v, n) = unquote(&inner[i..])?;
        i += n;
        set.add_str(&rawbytes::decode(&k), &rawbytes::decode(&v));
    }
    Some(set)
}

/// Reads one Go double-quoted string literal at the start of `s`; returns
/// its bytes and the length consumed.
fn unquote(s: &[u8]) -> Option<(Vec<u8>, usize)> {
    if s.first() != Some(&b'"') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 1;
    while i < s.len() {
        match s[i] {
            b'"' => return Some((out, i + 1)),
            b'\\' => {
                let c = *s.get(i + 1)?;
                i += 2;
                match c {
                    b'a' => out.push(7),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'v' => out.push(11),
                    b'\\' | b'"' | b'\'' => out.push(c),
                    b'x' => {
                        let v = super::parse_uint(s.get(i..i + 2)?, 16)?;
                        out.push(v as u8);
                        i += 2;
                    }
                    b'0'..=b'7' => {
                        let v = super::parse_uint(s.get(i - 1..i + 2)?, 8)?;
                        out.push(u8::try_from(v).ok()?);
                        i += 2;
                    }
                    b'u' | b'U' => {
                        let n = if c == b'u' { 4 } else { 8 };
                        let v = super::parse_uint(s.get(i..i + n)?, 16)?;
                        let ch = char::from_u32(u32::try_from(v).ok()?)?;
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        i += n;
                    }
                    _ => return None,
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    None
}

/// Collects the `#` lines that follow a sample line and applies them to
/// that sample's locations.
#[derive(Default)]
pub(crate) struct Symbolizer {
    sample: Option<usize>,
    frames: Vec<Frame>,
}

impl Symbolizer {
    /// A new sample line was read: the previous one is complete.
    pub fn start(&mut self, b: &mut Builder, sample: usize) {
        self.flush(b);
        self.sample = Some(sample);
    }

    /// Offers a `#` line; true if it was a frame or label line of the
    /// current sample.
    pub fn offer(&mut self, b: &mut Builder, line: &[u8]) -> bool {
        let Some(s) = self.sample else {
            return false;
        };
        if let Some(f) = parse_frame(line) {
            self.frames.push(f);
            return true;
        }
        if let Some(set) = parse_labels(line) {
            let labels = &mut b.samples[s].labels;
            for (k, vs) in set.strs {
                for v in vs {
                    labels.add_str(&k, &v);
                }
            }
            return true;
        }
        false
    }

    /// Applies the collected frames to the current sample.
    pub fn flush(&mut self, b: &mut Builder) {
        let Some(s) = self.sample.take() else {
            return;
        };
        let frames = std::mem::take(&mut self.frames);
        if frames.is_empty() {
            return;
        }
        let locs = b.samples[s].locs.clone();
        let addrs: Vec<u64> = locs.iter().map(|&l| b.locations[l].address).collect();
        let mut j = 0;
        let mut g = 0;
        while g < frames.len() {
            let pc = frames[g].pc;
            let mut end = g + 1;
            while end < frames.len() && frames[end].pc == pc {
                end += 1;
            }
            let group = &frames[g..end];
            g = end;
            let Some(start) = (j..addrs.len()).find(|&k| addrs[k] == pc) else {
                continue;
            };
            let run = addrs[start..].iter().take_while(|&&a| a == pc).count();
            // A PC repeated in the stack (recursion) repeats its frames.
            let per = if group.len().is_multiple_of(run) { group.len() / run } else { group.len() };
            for (r, chunk) in group.chunks(per).take(run).enumerate() {
                let li = locs[start + r];
                if !b.locations[li].lines.is_empty() {
                    continue;
                }
                let mut lines = Vec::with_capacity(chunk.len());
                for f in chunk {
                    if let Some((name, file, line)) = &f.sym {
                        let func = b.function(name, file) as u32;
                        lines.push(Line { function: func, line: *line, column: 0 });
                    }
                }
                b.locations[li].lines = lines;
            }
            j = start + run;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_lines() {
        assert_eq!(
            parse_frame(
                b"#\t0x4e1e28\truntime/pprof.(*profileBuilder).emitLocation+0x9c8\t\truntime/pprof/proto.go:625"
            ),
            Some(Frame {
                pc: 0x4e1e28,
                sym: Some((
                    "runtime/pprof.(*profileBuilder).emitLocation".into(),
                    "runtime/pprof/proto.go".into(),
                    625
                ))
            })
        );
        assert_eq!(parse_frame(b"#\t0x0"), Some(Frame { pc: 0, sym: None }));
        assert_eq!(parse_frame(b"# Alloc = 8881848"), None);
        assert_eq!(parse_frame(b"# runtime.MemStats"), None);
    }

    #[test]
    fn label_lines() {
        let set = parse_labels(br#"# labels: {"pool":"ingest", "tenant":"a\"c\x41\u00e9"}"#).unwrap();
        assert_eq!(set.str_values("pool"), Some(&["ingest".to_string()][..]));
        assert_eq!(set.str_values("tenant"), Some(&["a\"cA\u{e9}".to_string()][..]));
        assert!(parse_labels(b"# labels: {}").unwrap().is_empty());
        assert!(parse_labels(b"#\t0x1\tf+0x1\tf.go:1").is_none());
    }

    /// The extension's own layout rules (pprof has no equivalent): frames
    /// of one PC are one location's lines, innermost first; a PC repeated
    /// in the stack (recursion) repeats its frames; frames the runtime
    /// hid stay unsymbolized; labels become sample labels.
    #[test]
    fn frames_attach_to_locations() {
        let text = "goroutine profile: total 2\n\
            2 @ 0x9001 0x1001 0x2001 0x2001 0x3001\n\
            # labels: {\"k\":\"v\"}\n\
            #\t0x1000\ta.inner+0x1\ta.go:1\n\
            #\t0x1000\ta.outer+0x2\ta.go:2\n\
            #\t0x2000\tb.rec+0x1\tb.go:5\n\
            #\t0x2000\tb.inl+0x1\tb.go:6\n\
            #\t0x2000\tb.rec+0x1\tb.go:5\n\
            #\t0x2000\tb.inl+0x1\tb.go:6\n\
            \n";
        let p = crate::decode::legacy::parse(text.as_bytes(), crate::decode::legacy::Options::symbolized())
            .expect("parse")
            .profile;
        let frames = |addr: u64| -> Vec<(String, i64)> {
            let l = p.locations.iter().find(|l| l.address == addr).expect("location");
            l.lines.iter().map(|ln| (p.functions[ln.function as usize].name.clone(), ln.line)).collect()
        };
        assert!(frames(0x9000).is_empty());
        assert_eq!(frames(0x1000), vec![("a.inner".to_string(), 1), ("a.outer".to_string(), 2)]);
        assert_eq!(frames(0x2000), vec![("b.rec".to_string(), 5), ("b.inl".to_string(), 6)]);
        assert!(frames(0x3000).is_empty());
        assert_eq!(p.functions.len(), 4);
        assert_eq!(p.labels.get(p.samples.labels[0]).str_values("k"), Some(&["v".to_string()][..]));
        let plain = crate::decode::legacy::parse(text.as_bytes(), crate::decode::legacy::Options::pprof())
            .expect("parse")
            .profile;
        assert!(plain.functions.is_empty());
        assert_eq!(plain.samples.labels[0], 0);
    }
}
