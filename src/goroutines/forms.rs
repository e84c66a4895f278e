//! Reading a source into the model: detection by content (§4.1), the
//! debug=1 legacy text (§3.2) and the debug=0 protobuf (§3.3).

use std::collections::HashMap;

use super::infer;
use super::model::{Dump, Goroutine, Kind};
use super::quote;
use super::text;
use crate::decode;
use crate::error::{Error, Result};
use crate::profile::Profile;

/// Decodes one source's bytes (gzip or not) into a dump.
pub fn load(name: &str, data: Vec<u8>, max_bytes: u64) -> Result<Dump> {
    let data = if decode::is_gzip(&data) {
        decode::gunzip(&data, max_bytes).map_err(|m| Error::input(name, m))?
    } else {
        data
    };
    if data.is_empty() {
        return Err(Error::input(name, "empty input"));
    }
    let mut d = if looks_like_text(&data) {
        let text = match String::from_utf8(data) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if let Some(kind) = legacy_profile_name(first.trim_end()) {
            if kind != "goroutine" {
                return Err(Error::input(
                    name,
                    format!("this is a {kind} profile, not a goroutine profile; read it with `pa top` or `pa pprof`"),
                ));
            }
            parse_debug1(&text).map_err(|m| Error::input(name, m))?
        } else {
            let d = text::parse(text);
            if d.goroutines.is_empty() {
                return Err(Error::input(
                    name,
                    "no goroutine dump found in this text (expected `goroutine N [state]:` blocks, `goroutine profile: total N`, or a protobuf profile)",
                ));
            }
            d
        }
    } else {
        let p = decode::proto::decode(&data).map_err(|e| {
            let m = match e {
                decode::proto::ProtoError::NotProto(_) => {
                    "neither a goroutine dump nor a pprof protobuf profile".to_string()
                }
                decode::proto::ProtoError::Malformed(m) | decode::proto::ProtoError::Invalid(m) => {
                    format!("malformed profile: {m}")
                }
            };
            Error::input(name, m)
        })?;
        from_profile(&p).map_err(|m| Error::input(name, m))?
    };
    d.sources.push(name.to_string());
    d.classify_std();
    Ok(d)
}

/// Text if the first KiB has no NUL and few control bytes.
fn looks_like_text(data: &[u8]) -> bool {
    let head = &data[..data.len().min(1024)];
    let bad = head.iter().filter(|&&b| b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t' && b != 0x1b).count();
    !head.contains(&0) && bad * 20 <= head.len()
}

/// `NAME profile: total N` → NAME.
fn legacy_profile_name(line: &str) -> Option<&str> {
    let (name, rest) = line.split_once(" profile: total ")?;
    if name.is_empty() || name.contains(' ') || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(name)
}

/// The debug=1 form: `N @ pc…`, `# labels: {…}`, `#\tpc\tfunc+off\tfile:line`.
pub fn parse_debug1(text: &str) -> std::result::Result<Dump, String> {
    let mut d = Dump::new(Kind::Debug1);
    let mut cur: Pending = None;
    let mut last_pcs: HashMap<u64, usize> = HashMap::new();
    let mut groups: Vec<(usize, Option<u64>)> = Vec::new();
    let flush = |d: &mut Dump, cur: &mut Pending, groups: &mut Vec<(usize, Option<u64>)>| {
        if let Some((mut g, frames, funcs, npcs, last)) = cur.take() {
            let names: Vec<&str> = funcs.iter().map(|s| s.as_str()).collect();
            let st = format!("~{}", infer::from_visible_stack(&names));
            g.state = d.state_id(&st);
            groups.push((npcs, last));
            d.push(g, &frames);
        }
    };
    for (i, raw) in text.lines().enumerate().skip(1) {
        let line = raw.trim_end_matches('\r');
        if let Some((count, pcs)) = line.split_once(" @ ")
            && let Ok(count) = count.trim().parse::<i64>()
        {
            flush(&mut d, &mut cur, &mut groups);
            let pcs: Vec<u64> = pcs
                .split_whitespace()
                .filter_map(|p| u64::from_str_radix(p.trim_start_matches("0x"), 16).ok())
                .collect();
            let last = pcs.last().copied();
            if let Some(l) = last {
                *last_pcs.entry(l).or_default() += 1;
            }
            let g = Goroutine { count, ..Default::default() };
            cur = Some((g, Vec::new(), Vec::new(), pcs.len(), last));
            continue;
        }
        let Some(c) = cur.as_mut() else { continue };
        if let Some(l) = line.strip_prefix("# labels: {") {
            match quote::label_list(l) {
                Some((pairs, _)) => c.0.labels = d.label_sets.intern(pairs),
                None => {
                    d.parse_errors += 1;
                    d.first_error_line.get_or_insert(i + 1);
                }
            }
        } else if let Some(l) = line.strip_prefix('#') {
            let parts: Vec<&str> = l.split('\t').filter(|p| !p.is_empty()).collect();
            if parts.len() < 3 {
                continue; // an unsymbolized PC
            }
            let func = match parts[1].rfind("+0x") {
                Some(p) => &parts[1][..p],
                None => parts[1],
            };
            match text::parse_file_line(parts[2]) {
                Some((file, ln)) => {
                    let id = d.frame_id(func, file, ln);
                    c.1.push(id);
                    c.2.push(d.frames[id as usize].func.clone());
                }
                None => {
                    d.parse_errors += 1;
                    d.first_error_line.get_or_insert(i + 1);
                }
            }
        }
    }
    flush(&mut d, &mut cur, &mut groups);
    // A complete stack ends with goexit's PC, the same on every line: a
    // stack at the depth limit that ends elsewhere was cut (§3.2).
    let goexit = last_pcs.iter().max_by_key(|(_, n)| **n).map(|(pc, _)| *pc);
    for (g, (npcs, last)) in d.goroutines.iter_mut().zip(groups) {
        if (npcs == 32 || npcs == 128 || npcs == 1024) && last != goexit {
            g.truncated = true;
        }
    }
    Ok(d)
}

/// The sample being read: the goroutine, its frames and their names, the
/// number of PCs on its `@` line and the last of them.
type Pending = Option<(Goroutine, Vec<u32>, Vec<String>, usize, Option<u64>)>;

/// The debug=0 protobuf, already decoded.
pub fn from_profile(p: &Profile) -> std::result::Result<Dump, String> {
    if let Some(t) = p.sample_types.first()
        && t.ty != "goroutine"
    {
        return Err(format!(
            "this is a {} profile, not a goroutine profile; read it with `pa top` or `pa pprof`",
            t.ty
        ));
    }
    let mut d = Dump::new(Kind::Debug0);
    d.time_nanos = p.time_nanos;
    d.duration_nanos = p.duration_nanos;
    let mut funcs: Vec<String> = Vec::new();
    let mut frames: Vec<u32> = Vec::new();
    for i in 0..p.samples.len() {
        funcs.clear();
        frames.clear();
        let stack = p.samples.stack(i);
        for &l in stack {
            for line in &p.locations[l as usize].lines {
                let f = &p.functions[line.function as usize];
                let id = d.frame_id(&f.name, &f.filename, line.line.max(0) as u32);
                frames.push(id);
                funcs.push(f.name.clone());
            }
        }
        let names: Vec<&str> = funcs.iter().map(|s| s.as_str()).collect();
        let st = format!("~{}", infer::from_full_stack(&names));
        let count = p.samples.values(i).first().copied().unwrap_or(0);
        if count < 0 {
            d.delta = true;
        }
        let set = p.labels.get(p.samples.labels[i]);
        let mut pairs = Vec::new();
        for (k, vs) in &set.strs {
            for v in vs {
                pairs.push((k.clone(), v.clone()));
            }
        }
        let g = Goroutine {
            count,
            state: d.state_id(&st),
            labels: if pairs.is_empty() { 0 } else { d.label_sets.intern(pairs) },
            // goexit is dropped by the runtime: a full-depth stack may be cut.
            truncated: matches!(stack.len(), 32 | 128 | 1024),
            ..Default::default()
        };
        d.push(g, &frames);
    }
    // A `?seconds=N` delta spans N seconds; a plain profile takes
    // microseconds to build.
    if p.duration_nanos >= 1_000_000_000 {
        d.delta = true;
    }
    Ok(d)
}
