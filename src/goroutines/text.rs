//! Traceback text: `?debug=2` dumps and panic / fatal error / SIGQUIT crash
//! dumps, Go 1.19 through 1.27 (goroutines.md §3.1), found anywhere in a
//! log. One pass over the lines, a small state machine, no regexes. A
//! goroutine that cannot be read whole is kept as far as it was read and
//! counted in `Dump::parse_errors`; nothing aborts the parse.

use std::collections::HashMap;

use super::model::{Dump, FxBuild, Goroutine, Kind};
use super::quote;

/// What a header line says.
#[derive(Debug, Default, PartialEq)]
pub struct Header {
    pub id: u64,
    pub state: String,
    pub wait: Option<u32>,
    pub locked: bool,
    pub labels: Vec<(String, String)>,
    /// `gp=… m=…` (a crash dump at traceback level ≥ 2, Go ≥ 1.22).
    pub gp: bool,
    /// Labels after the brackets (Go ≥ 1.27) or inside them (Go 1.26).
    pub labels_syntax: u32,
}

/// Parses `goroutine N [gp=… m=… mp=…] [state, flags…]{ labels}:`.
/// None: not a header at all; Some(Err): a header we could not read.
pub fn parse_header(line: &str) -> Option<Result<Header, ()>> {
    let rest = line.strip_prefix("goroutine ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after_id = &rest[digits..];
    if !(after_id.starts_with(" [") || after_id.starts_with(" gp=")) {
        return None;
    }
    Some(header_body(rest, digits).ok_or(()))
}

fn header_body(rest: &str, digits: usize) -> Option<Header> {
    let mut h = Header { id: rest[..digits].parse().ok()?, ..Default::default() };
    let mut s = &rest[digits..];
    if s.starts_with(" gp=") {
        h.gp = true;
        s = &s[s.find(" [")?..];
    }
    let s = s.strip_prefix(" [")?;
    // The state never holds "]" but 1.26 labels inside the brackets may.
    let close = s.find(']')?;
    let (inside, after) = match s[..close].find(" labels:{") {
        Some(p) => {
            let (labels, rest) = quote::label_list(&s[p + " labels:{".len()..])?;
            h.labels = labels;
            h.labels_syntax = 26;
            (&s[..p], rest.strip_prefix(']')?)
        }
        None => (&s[..close], &s[close + 1..]),
    };
    let after = after.trim_end();
    let tail = if let Some(l) = after.strip_prefix(" {") {
        let (labels, rest) = quote::label_list(l)?;
        h.labels = labels;
        h.labels_syntax = 27;
        rest
    } else {
        after
    };
    if tail != ":" {
        return None;
    }
    let mut items = inside.split(", ");
    let mut state = items.next()?;
    // Flags printed right after the status (the `(durable)` wait reasons
    // are states of their own and stay).
    for flag in [" (leaked)", " (scan)"] {
        if let Some(p) = state.find(flag) {
            let mut s = state[..p].to_string();
            s.push_str(&state[p + flag.len()..]);
            h.state = s;
            state = "";
        }
    }
    if (!state.is_empty() || h.state.is_empty()) && h.state.is_empty() {
        h.state = state.to_string();
    }
    if h.state.is_empty() {
        return None;
    }
    for item in items {
        if let Some(n) = item.strip_suffix(" minutes") {
            h.wait = n.parse().ok();
        } else if item == "locked to thread" {
            h.locked = true;
        }
        // Anything else (`synctest bubble N`, future flags) is kept out
        // of the state and ignored.
    }
    Some(h)
}

/// `file:line[ +0xoff][ fp=0x… sp=0x… pc=0x…]`, with or without the
/// leading tab. Returns (file, line).
pub fn parse_file_line(s: &str) -> Option<(&str, u32)> {
    let s = s.trim_start_matches([' ', '\t']);
    let s = match s.find(" fp=0x") {
        Some(p) => &s[..p],
        None => s,
    };
    let s = match s.rfind(" +0x") {
        Some(p) if s[p + 4..].bytes().all(|b| b.is_ascii_hexdigit()) => &s[..p],
        _ => s,
    };
    let colon = s.rfind(':')?;
    let num = &s[colon + 1..];
    if num.is_empty() || num.len() > 9 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if colon == 0 {
        return None;
    }
    Some((&s[..colon], num.parse().ok()?))
}

/// `func(args)`: the function is everything before the last `(`.
fn parse_func(s: &str) -> Option<&str> {
    if !s.ends_with(')') {
        return None;
    }
    let open = s.rfind('(')?;
    if open == 0 {
        return None;
    }
    Some(&s[..open])
}

fn is_preamble(s: &str) -> bool {
    s.starts_with("panic: ")
        || s.starts_with("fatal error: ")
        || s.starts_with("SIGQUIT: ")
        || s.starts_with("SIGABRT: ")
        || s.starts_with("SIGSEGV: ")
        || s.starts_with("SIGBUS: ")
        || s.starts_with("SIGTRAP: ")
        || s.starts_with("unexpected fault address")
        || s.starts_with("fatal: morestack")
}

#[derive(PartialEq, Clone, Copy)]
enum St {
    Outside,
    /// In a goroutine, expecting a function line (or marker, creator…).
    Func,
    /// After a function line: its file line must follow.
    File,
    /// After `created by`: its file line follows.
    CreatorFile,
    /// In an `[originating from goroutine N]` section: skipped.
    Ancestor,
    /// After a line that belongs to no dump, inside a goroutine: either the
    /// dump ended (log text follows) or the goroutine was corrupted and
    /// frames follow; a file line decides for the latter.
    Junk,
}

struct Cur {
    g: Goroutine,
    frames: Vec<u32>,
    pending: Option<(usize, usize)>,
    creator_func: Option<(usize, usize)>,
    start_line: usize,
    had_error: bool,
    has_frames_ever: bool,
}

/// True when `data` looks like traceback text.
pub fn sniff(text: &str) -> bool {
    text.lines().take(5000).any(|l| matches!(parse_header(l.trim()), Some(Ok(_))))
}

/// Parses traceback text. Text around the dump is skipped; when the input
/// holds several dumps (a log with repeated SIGQUITs), the last is kept.
pub fn parse(text: String) -> Dump {
    let mut d = Dump::new(Kind::Debug2);
    let mut crash = false;
    let mut go_min = 0u32;
    let mut cache: HashMap<(&str, &str, u32), u32, FxBuild> = HashMap::default();
    let mut st = St::Outside;
    let mut cur: Option<Cur> = None;
    let mut preamble: Vec<String> = Vec::new();
    let mut in_preamble = false;
    let mut dumps = 0usize;
    let mut last_end = 0usize;

    let bytes_len = text.len();
    let mut pos = 0usize;
    let mut lineno = 0usize;
    // `text` is moved into the dump at the end; parse over a borrowed view.
    let t: &str = &text;
    let mut fresh_dump = true;
    while pos < bytes_len {
        let end = match t[pos..].find('\n') {
            Some(i) => pos + i,
            None => bytes_len,
        };
        let line_start = pos;
        let raw = &t[pos..end];
        pos = end + 1;
        lineno += 1;
        let line = raw.trim_end_matches('\r');
        let s = line.trim_start_matches([' ', '\t']);

        if s.starts_with("goroutine ")
            && let Some(h) = parse_header(s)
        {
            let mut end = line_start;
            if st == St::Junk
                && let Some(c) = cur.as_mut()
            {
                c.pending = None;
                end = c.g.raw.1;
            }
            finish(&mut d, &mut cur, &mut cache, t, end);
            if fresh_dump {
                // A new dump after goroutines were read: keep the last.
                fresh_dump = false;
                if !d.goroutines.is_empty() {
                    reset(&mut d);
                }
                dumps += 1;
                d.preamble = std::mem::take(&mut preamble);
                if !d.preamble.is_empty() {
                    crash = true;
                }
                in_preamble = false;
            }
            let mut g = Goroutine { count: 1, raw: (line_start, line_start), ..Default::default() };
            let mut had_error = false;
            match h {
                Ok(h) => {
                    g.id = Some(h.id);
                    g.state = d.state_id(&h.state);
                    g.wait = h.wait;
                    g.locked = h.locked;
                    if h.gp {
                        crash = true;
                        go_min = go_min.max(22);
                    }
                    go_min = go_min.max(h.labels_syntax);
                    if !h.labels.is_empty() {
                        g.labels = d.label_sets.intern(h.labels);
                    }
                    if h.state.starts_with("sync.Mutex.Lock") || h.state.starts_with("sync.RWMutex") {
                        go_min = go_min.max(20);
                    }
                }
                Err(()) => {
                    g.id = s["goroutine ".len()..]
                        .split(|c: char| !c.is_ascii_digit())
                        .next()
                        .and_then(|n| n.parse().ok());
                    g.state = d.state_id("?");
                    had_error = true;
                }
            }
            cur = Some(Cur {
                g,
                frames: Vec::new(),
                pending: None,
                creator_func: None,
                start_line: lineno,
                had_error,
                has_frames_ever: false,
            });
            st = St::Func;
            continue;
        }

        match st {
            St::Outside => {
                if is_preamble(s) {
                    if !d.goroutines.is_empty() || !fresh_dump {
                        // A second crash in the same input.
                        fresh_dump = true;
                    }
                    preamble.clear();
                    in_preamble = true;
                }
                if in_preamble && !s.is_empty() && preamble.len() < 20 {
                    preamble.push(s.to_string());
                }
            }
            St::Func | St::Ancestor => {
                let c = cur.as_mut().unwrap();
                if s.is_empty() {
                    finish(&mut d, &mut cur, &mut cache, t, line_start);
                    last_end = line_start;
                    st = St::Outside;
                } else if let Some(f) = s.strip_prefix("created by ") {
                    let name = f.split(" in goroutine ").next().unwrap_or(f);
                    if let Some(p) = f.find(" in goroutine ") {
                        go_min = go_min.max(21);
                        if st == St::Func {
                            let parent = f[p + " in goroutine ".len()..].trim().parse().ok();
                            c.g.creator = Some((u32::MAX, parent));
                        }
                    } else if st == St::Func {
                        c.g.creator = Some((u32::MAX, None));
                    }
                    if st == St::Func {
                        let off = name.as_ptr() as usize - t.as_ptr() as usize;
                        c.creator_func = Some((off, off + name.len()));
                    }
                    st = if st == St::Func { St::CreatorFile } else { St::Ancestor };
                } else if s.starts_with("...") && s.ends_with(" frames elided...") {
                    let n = &s[3..s.len() - " frames elided...".len()];
                    if n == "additional" {
                        c.g.truncated = true;
                    } else if let Ok(n) = n.parse::<u32>() {
                        c.g.elided += n;
                        go_min = go_min.max(21);
                    }
                } else if s.starts_with("goroutine running on other thread") {
                    c.g.unavailable = true;
                } else if s.starts_with("[originating from goroutine ") {
                    st = St::Ancestor;
                } else if parse_func(s).is_some() {
                    if st == St::Func {
                        let f = parse_func(s).unwrap();
                        let off = f.as_ptr() as usize - t.as_ptr() as usize;
                        c.pending = Some((off, off + f.len()));
                        st = St::File;
                    }
                } else if st == St::Ancestor && parse_file_line(s).is_some() {
                    // ancestor frames' file lines
                } else {
                    // Not part of a dump: the dump ended (log text, the
                    // register dump of a crash, `exit status 2`), or a
                    // corrupted line inside a goroutine.
                    c.g.raw.1 = line_start;
                    st = St::Junk;
                }
            }
            St::Junk => {
                let c = cur.as_mut().unwrap();
                if s.is_empty() {
                    c.pending = None;
                    let end = c.g.raw.1;
                    finish(&mut d, &mut cur, &mut cache, t, end);
                    st = St::Outside;
                } else if parse_file_line(s).is_some() || s.starts_with("created by ") {
                    // Frames again: the goroutine goes on, damaged.
                    c.had_error = true;
                    if d.first_error_line.is_none() {
                        d.first_error_line = Some(lineno);
                    }
                    if let Some(f) = s.strip_prefix("created by ") {
                        let name = f.split(" in goroutine ").next().unwrap_or(f);
                        let off = name.as_ptr() as usize - t.as_ptr() as usize;
                        c.creator_func = Some((off, off + name.len()));
                        c.g.creator = Some((u32::MAX, None));
                        st = St::CreatorFile;
                    } else if c.pending.is_some() {
                        // Re-read this line as the pending function's file.
                        pos = line_start;
                        lineno -= 1;
                        st = St::File;
                    } else {
                        st = St::Func;
                    }
                } else if let Some(f) = parse_func(s) {
                    let off = f.as_ptr() as usize - t.as_ptr() as usize;
                    c.pending = Some((off, off + f.len()));
                } else {
                    c.pending = None;
                }
            }
            St::File | St::CreatorFile => {
                let c = cur.as_mut().unwrap();
                if let Some((file, ln)) = parse_file_line(s) {
                    if s.contains(" fp=0x") {
                        crash = true;
                    }
                    let (a, b) =
                        if st == St::File { c.pending.take().unwrap() } else { c.creator_func.take().unwrap() };
                    let func = &t[a..b];
                    let key = (func, file, ln);
                    let id = match cache.get(&key) {
                        Some(&id) => id,
                        None => {
                            let id = d.frame_id(func, file, ln);
                            cache.insert(key, id);
                            id
                        }
                    };
                    if st == St::File {
                        c.frames.push(id);
                        c.has_frames_ever = true;
                    } else if let Some(cr) = c.g.creator.as_mut() {
                        cr.0 = id;
                    }
                    st = St::Func;
                } else {
                    // A function line without its file line.
                    c.had_error = true;
                    c.pending = None;
                    if st == St::CreatorFile {
                        c.g.creator = None;
                    }
                    if d.first_error_line.is_none() {
                        d.first_error_line = Some(lineno);
                    }
                    if s.is_empty() {
                        finish(&mut d, &mut cur, &mut cache, t, line_start);
                        last_end = line_start;
                        st = St::Outside;
                    } else if parse_func(s).is_some() {
                        let f = parse_func(s).unwrap();
                        let off = f.as_ptr() as usize - t.as_ptr() as usize;
                        cur.as_mut().unwrap().pending = Some((off, off + f.len()));
                        st = St::File;
                    } else {
                        finish(&mut d, &mut cur, &mut cache, t, line_start);
                        last_end = line_start;
                        st = St::Outside;
                    }
                }
            }
        }
    }
    if let Some(c) = cur.as_ref() {
        // The input ended inside a goroutine: fine after a complete frame
        // when the text simply lacks its final newline, a cut otherwise.
        let last = t.rsplit('\n').next().unwrap_or("");
        let mid_line = !t.ends_with('\n') && parse_file_line(last.trim_end()).is_none();
        if mid_line || st == St::File || st == St::CreatorFile || !c.has_frames_ever && !c.g.unavailable {
            d.cut_short = true;
        }
    }
    let end = match (&cur, st) {
        (Some(c), St::Junk) => {
            // Trailing text after the last goroutine: not part of it.
            c.g.raw.1
        }
        _ => bytes_len,
    };
    if st == St::Junk
        && let Some(c) = cur.as_mut()
    {
        c.pending = None;
    }
    finish(&mut d, &mut cur, &mut cache, t, end);
    let _ = last_end;
    drop(cache);
    d.dumps_seen = dumps;
    d.go_min = go_min;
    if crash {
        d.kind = Some(Kind::Crash);
        // A panic or fatal error prints the failing goroutine first; a
        // SIGQUIT lands on whatever thread, so nothing is pinned then.
        let quit = d.preamble.first().is_some_and(|p| p.starts_with("SIGQUIT"));
        if !d.goroutines.is_empty() && !d.preamble.is_empty() && !quit {
            d.crashed = Some(0);
        }
    }
    // Go <= 1.20 cut stacks at 100 frames, and Go 1.19 printed no marker
    // at all (§3.1): flag deep stacks when nothing proves Go >= 1.21.
    if go_min < 21 {
        for g in &mut d.goroutines {
            let n = (g.stack.1 - g.stack.0) as usize;
            if n >= 97 && g.elided == 0 {
                g.truncated = true;
            }
        }
    }
    d.text = text;
    d
}

fn reset(d: &mut Dump) {
    d.goroutines.clear();
    d.stacks.clear();
    d.parse_errors = 0;
    d.first_error_line = None;
}

fn finish(
    d: &mut Dump,
    cur: &mut Option<Cur>,
    _cache: &mut HashMap<(&str, &str, u32), u32, FxBuild>,
    _t: &str,
    end: usize,
) {
    let Some(mut c) = cur.take() else { return };
    if c.pending.is_some() || (c.frames.is_empty() && !c.g.unavailable) {
        c.had_error = true;
    }
    if c.had_error {
        d.parse_errors += 1;
        if d.first_error_line.is_none() {
            d.first_error_line = Some(c.start_line);
        }
    }
    if let Some((f, _)) = c.g.creator
        && f == u32::MAX
    {
        c.g.creator = None;
    }
    c.g.raw.1 = end;
    d.push(c.g, &c.frames);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hdr(s: &str) -> Header {
        parse_header(s).unwrap().unwrap()
    }

    #[test]
    fn headers_of_every_version() {
        let h = hdr("goroutine 64 [chan receive, 3 minutes, locked to thread]:");
        assert_eq!((h.id, h.state.as_str(), h.wait, h.locked), (64, "chan receive", Some(3), true));
        let h = hdr("goroutine 1 gp=0xc000002380 m=0 mp=0x9d6e20 [running]:");
        assert!(h.gp);
        assert_eq!(h.state, "running");
        let h = hdr("goroutine 5 gp=0x1 m=nil [GC worker (idle)]:");
        assert_eq!(h.state, "GC worker (idle)");
        let h = hdr(r#"goroutine 9 [select, 3 minutes labels:{"component": "worker-pool", "tenant": "a]b"}]:"#);
        assert_eq!(h.wait, Some(3));
        assert_eq!(h.labels[1], ("tenant".into(), "a]b".into()));
        let h = hdr(r#"goroutine 31 [chan receive, 3 minutes] {job: reindex, "quoted key": "va\"lue", shard: 0}:"#);
        assert_eq!(h.labels.len(), 3);
        assert_eq!(h.state, "chan receive");
        let h = hdr("goroutine 7 [chan receive (leaked), 2 minutes]:");
        assert_eq!(h.state, "chan receive");
        let h = hdr("goroutine 7 [select (durable), synctest bubble 3]:\r");
        assert_eq!(h.state, "select (durable)");
        assert!(parse_header("goroutine profile: total 3").is_none());
        assert!(parse_header("goroutine 5 [select").unwrap().is_err());
    }

    #[test]
    fn file_lines() {
        assert_eq!(parse_file_line("\t/a/b/main.go:12 +0x1d"), Some(("/a/b/main.go", 12)));
        assert_eq!(parse_file_line("\t/a/proc.go:435 +0xce fp=0xc0000 sp=0xc0000 pc=0x43"), Some(("/a/proc.go", 435)));
        assert_eq!(parse_file_line("C:/go/src/x.go:9"), Some(("C:/go/src/x.go", 9)));
        assert_eq!(parse_file_line("main.foo(0x1)"), None);
        assert_eq!(parse_file_line("rax    0x0"), None);
    }

    #[test]
    fn forgiving_parse() {
        let text = "2024/01/01 http: panic serving 1.2.3.4\n\
            goroutine 1 [running]:\r\n\
            main.main()\r\n\
            /x/main.go:5 +0x1\r\n\
            goroutine 2 [chan receive, 5 minutes]:\n\
            main.f(...)\n\
            \t/x/main.go:9\n\
            main.g(0x1)\n\
            goroutine 3 [select]:\n\
            main.h()\n\
            \t/x/main.go:12 +0x1\n\
            created by main.main in goroutine 1\n\
            \t/x/main.go:3 +0x2\n\
            \n\
            exit status 2\n";
        let d = parse(text.to_string());
        assert_eq!(d.goroutines.len(), 3);
        assert_eq!(d.parse_errors, 1);
        assert_eq!(d.goroutines[1].wait, Some(5));
        assert_eq!(d.go_min, 21);
        assert_eq!(d.goroutines[2].creator.unwrap().1, Some(1));
        assert!(!d.cut_short);
    }

    #[test]
    fn cut_dump() {
        let d =
            parse("goroutine 1 [select]:\nmain.h()\n\t/x/main.go:12 +0x1\ngoroutine 2 [select]:\nmain.h(".to_string());
        assert_eq!(d.goroutines.len(), 2);
        assert!(d.cut_short);
    }

    #[test]
    fn old_go_silent_truncation() {
        let mut s = String::from("goroutine 1 [chan receive]:\n");
        for _ in 0..97 {
            s.push_str("main.recurse(0x0?)\n\t/x/main.go:10 +0x1\n");
        }
        let d = parse(s);
        assert!(d.goroutines[0].truncated);
    }
}
