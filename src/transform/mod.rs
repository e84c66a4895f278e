//! Transforms that rewrite the profile before a report is built
//! (pprof.md §2.7, §2.2, §2.8): drop/keep frames, the demangling heuristic,
//! name filters (focus, ignore, hide, show, show_from, prune_from), tag
//! filters, and granularity. Like pprof, these edit locations in place (a
//! location's lines are shared by every sample that uses it) and rebuild
//! the sample arrays when stacks change.

pub mod tags;

use std::collections::HashMap;

use regex::Regex;

use crate::profile::{Location, Profile, Samples};

pub use tags::TagFilter;

/// The name/regex filters of one report, already compiled.
#[derive(Default)]
pub struct Filters {
    pub focus: Option<Regex>,
    pub ignore: Option<Regex>,
    pub hide: Option<Regex>,
    pub show: Option<Regex>,
    pub show_from: Option<Regex>,
    pub prune_from: Option<Regex>,
    pub tagfocus: Option<TagFilter>,
    pub tagignore: Option<TagFilter>,
    pub tagshow: Option<Regex>,
    pub taghide: Option<Regex>,
}

/// Does any line's function name or file name, or the mapping file, match?
fn location_matches(p: &Profile, loc: &Location, re: &Regex) -> bool {
    for ln in &loc.lines {
        let f = &p.functions[ln.function as usize];
        if re.is_match(&f.name) || re.is_match(&f.filename) {
            return true;
        }
    }
    matches!(p.mapping_of(loc), Some(m) if re.is_match(&m.file))
}

fn line_matches(p: &Profile, ln: &crate::profile::Line, re: &Regex) -> bool {
    let f = &p.functions[ln.function as usize];
    re.is_match(&f.name) || re.is_match(&f.filename)
}

/// Rebuilds the sample arrays with a new stack per sample; `edit` returns
/// None to delete the sample.
fn restack(p: &mut Profile, mut edit: impl FnMut(&[u32], &mut Vec<u32>) -> bool) {
    let s = &p.samples;
    let mut out = Samples::new(s.nv);
    out.locs.reserve(s.locs.len());
    let mut buf = Vec::new();
    for i in 0..s.len() {
        buf.clear();
        if edit(s.stack(i), &mut buf) {
            out.push(&buf, s.values(i), s.labels[i]);
        }
    }
    p.samples = out;
}

/// What the name filters matched, for pprof's "matched no samples" warnings.
#[derive(Debug, Default)]
pub struct Matches {
    pub focus: bool,
    pub ignore: bool,
    pub hide: bool,
    pub show: bool,
}

/// pprof's `FilterSamplesByName`.
pub fn filter_samples_by_name(p: &mut Profile, f: &Filters) -> Matches {
    let mut m = Matches::default();
    if f.focus.is_none() && f.ignore.is_none() && f.hide.is_none() && f.show.is_none() {
        m.focus = true;
        return m;
    }
    // Per location: Some(true) focused, Some(false) ignored, None neither.
    let mut focus_or_ignore: Vec<Option<bool>> = vec![None; p.locations.len()];
    let mut hidden = vec![false; p.locations.len()];
    let mut any_hidden = false;
    for li in 0..p.locations.len() {
        let loc = &p.locations[li];
        if f.ignore.as_ref().is_some_and(|re| location_matches(p, loc, re)) {
            m.ignore = true;
            focus_or_ignore[li] = Some(false);
        } else if f.focus.as_ref().is_none_or(|re| location_matches(p, loc, re)) {
            m.focus = true;
            focus_or_ignore[li] = Some(true);
        }
        if let Some(re) = &f.hide
            && location_matches(p, loc, re)
        {
            m.hide = true;
            let mapping_matches = matches!(p.mapping_of(loc), Some(mp) if re.is_match(&mp.file));
            let lines: Vec<_> = if mapping_matches {
                Vec::new()
            } else {
                loc.lines.iter().copied().filter(|ln| !line_matches(p, ln, re)).collect()
            };
            if lines.is_empty() {
                hidden[li] = true;
                any_hidden = true;
            }
            p.locations[li].lines = lines;
        }
        if let Some(re) = &f.show {
            let loc = &p.locations[li];
            let mapping_matches = matches!(p.mapping_of(loc), Some(mp) if re.is_match(&mp.file));
            if !mapping_matches {
                let lines: Vec<_> = loc.lines.iter().copied().filter(|ln| line_matches(p, ln, re)).collect();
                p.locations[li].lines = lines;
            }
            if p.locations[li].lines.is_empty() {
                hidden[li] = true;
                any_hidden = true;
            } else {
                m.show = true;
            }
        }
    }
    restack(p, |stack, out| {
        let mut focused = false;
        for &l in stack {
            match focus_or_ignore[l as usize] {
                Some(true) => focused = true,
                Some(false) => return false,
                None => {}
            }
        }
        if !focused {
            return false;
        }
        if any_hidden {
            out.extend(stack.iter().copied().filter(|&l| !hidden[l as usize]));
            return !out.is_empty();
        }
        out.extend_from_slice(stack);
        true
    });
    m
}

/// pprof's `ShowFrom`: keep each stack from its root-most matching frame
/// down to the leaf; samples with no match are dropped.
pub fn show_from(p: &mut Profile, re: &Regex) -> bool {
    let mut matched = false;
    let mut is_from = vec![false; p.locations.len()];
    #[allow(clippy::needless_range_loop)] // locations are edited while `p` is read
    for li in 0..p.locations.len() {
        let loc = &p.locations[li];
        if matches!(p.mapping_of(loc), Some(m) if re.is_match(&m.file)) {
            is_from[li] = true;
            matched = true;
            continue;
        }
        if let Some(i) = loc.lines.iter().rposition(|ln| line_matches(p, ln, re)) {
            p.locations[li].lines.truncate(i + 1);
            is_from[li] = true;
            matched = true;
        }
    }
    restack(p, |stack, out| match stack.iter().rposition(|&l| is_from[l as usize]) {
        Some(i) => {
            out.extend_from_slice(&stack[..=i]);
            true
        }
        None => false,
    });
    matched
}

/// pprof's `simplifyFunc`: drop a leading `.` and cut at the first `(` that
/// does not open `(anonymous namespace)` or `operator()`.
pub fn simplify_func(name: &str) -> &str {
    let name = name.strip_prefix('.').unwrap_or(name);
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Bytes, not `&name[i..]`: i steps through multi-byte characters.
        let rest = &bytes[i..];
        if rest.starts_with(b"(anonymous namespace)") {
            i += "(anonymous namespace)".len();
            continue;
        }
        if rest.starts_with(b"operator()") {
            i += "operator()".len();
            continue;
        }
        if bytes[i] == b'(' {
            return &name[..i];
        }
        i += 1;
    }
    name
}

/// pprof's `Prune` with drop/keep regexes (anchored by the caller).
pub fn prune(p: &mut Profile, drop: &Regex, keep: Option<&Regex>) {
    // Per function: does its simplified name match (once per function)?
    let mut cache: Vec<Option<bool>> = vec![None; p.functions.len()];
    let n = p.locations.len();
    let mut prune_loc = vec![false; n];
    let mut prune_beneath = vec![false; n];
    for li in 0..n {
        let mut cut: Option<usize> = None;
        for i in (0..p.locations[li].lines.len()).rev() {
            let fid = p.locations[li].lines[i].function;
            let name = &p.functions[fid as usize].name;
            if name.is_empty() {
                continue;
            }
            let hit = *cache[fid as usize].get_or_insert_with(|| {
                let s = simplify_func(name);
                drop.is_match(s) && keep.is_none_or(|k| !k.is_match(s))
            });
            if hit {
                cut = Some(i);
                break;
            }
        }
        if let Some(i) = cut {
            prune_beneath[li] = true;
            let loc = &mut p.locations[li];
            if i == loc.lines.len() - 1 {
                prune_loc[li] = true;
            } else {
                loc.lines.drain(..=i);
            }
        }
    }
    restack(p, |stack, out| {
        let mut found_user = false;
        for i in (0..stack.len()).rev() {
            let l = stack[i] as usize;
            if !prune_loc[l] && !prune_beneath[l] {
                found_user = true;
                continue;
            }
            if !found_user {
                continue;
            }
            if prune_loc[l] {
                out.extend_from_slice(&stack[i + 1..]);
                return true;
            }
            out.extend_from_slice(&stack[i..]);
            return true;
        }
        out.extend_from_slice(stack);
        true
    });
}

/// pprof's `RemoveUninteresting`: the profile's own drop_frames/keep_frames.
pub fn remove_uninteresting(p: &mut Profile) -> Result<(), String> {
    if p.drop_frames.is_empty() {
        return Ok(());
    }
    let drop = crate::goregex::compile_anchored(&p.drop_frames)
        .map_err(|e| format!("failed to compile regexp {}: {}", p.drop_frames, e))?;
    let keep = if p.keep_frames.is_empty() {
        None
    } else {
        Some(
            crate::goregex::compile_anchored(&p.keep_frames)
                .map_err(|e| format!("failed to compile regexp {}: {}", p.keep_frames, e))?,
        )
    };
    prune(p, &drop, keep.as_ref());
    Ok(())
}

/// pprof's `PruneFrom`.
pub fn prune_from(p: &mut Profile, re: &Regex) {
    let mut beneath = vec![false; p.locations.len()];
    #[allow(clippy::needless_range_loop)] // locations are edited while `p` is read
    for li in 0..p.locations.len() {
        let pos = p.locations[li].lines.iter().position(|ln| {
            let name = &p.functions[ln.function as usize].name;
            !name.is_empty() && re.is_match(simplify_func(name))
        });
        if let Some(i) = pos {
            beneath[li] = true;
            p.locations[li].lines.drain(..i);
        }
    }
    restack(p, |stack, out| {
        match stack.iter().position(|&l| beneath[l as usize]) {
            Some(i) => out.extend_from_slice(&stack[i..]),
            None => out.extend_from_slice(stack),
        }
        true
    });
}

/// pprof's `FilterTagsByName`: deletes label keys not shown or hidden.
pub fn filter_tags_by_name(p: &mut Profile, show: Option<&Regex>, hide: Option<&Regex>) -> (bool, bool) {
    let (mut sm, mut hm) = (false, false);
    p.relabel(|set| {
        let mut set = set.clone();
        let mut remove = |name: &str| {
            let ms = show.is_none_or(|r| r.is_match(name));
            let mh = hide.is_some_and(|r| r.is_match(name));
            sm |= ms;
            hm |= mh;
            !ms || mh
        };
        set.strs.retain(|(k, _)| !remove(k));
        set.nums.retain(|(k, _, _)| !remove(k));
        Some(set)
    });
    (sm, hm)
}

/// pprof's `FilterSamplesByTag`.
pub fn filter_samples_by_tag(
    p: &mut Profile,
    focus: Option<&TagFilter>,
    ignore: Option<&TagFilter>,
    units: &HashMap<String, String>,
) -> (bool, bool) {
    if focus.is_none() && ignore.is_none() {
        // Nothing to filter: skip the copy of every sample.
        return (!p.samples.is_empty(), false);
    }
    let (mut fm, mut im) = (false, false);
    let Profile { samples, labels, .. } = p;
    samples.retain(|_, _, _, l| {
        let set = labels.get(l);
        let focused = focus.is_none_or(|f| f.matches(set, units));
        let ignored = ignore.is_some_and(|f| f.matches(set, units));
        fm |= focused;
        im |= ignored;
        focused && !ignored
    });
    (fm, im)
}

/// Runs pprof's `applyFocus` in its order; warnings go to `warn`.
pub fn apply_focus(p: &mut Profile, f: &Filters, units: &HashMap<String, String>, warn: &mut dyn FnMut(String)) {
    let m = filter_samples_by_name(p, f);
    let mut check = |ok: bool, what: &str| {
        if !ok {
            warn(format!("{what} expression matched no samples"));
        }
    };
    check(f.focus.is_none() || m.focus, "Focus");
    check(f.ignore.is_none() || m.ignore, "Ignore");
    check(f.hide.is_none() || m.hide, "Hide");
    check(f.show.is_none() || m.show, "Show");
    if let Some(re) = &f.show_from {
        let sfm = show_from(p, re);
        check(sfm, "ShowFrom");
    }
    let (tfm, tim) = filter_samples_by_tag(p, f.tagfocus.as_ref(), f.tagignore.as_ref(), units);
    check(f.tagfocus.is_none() || tfm, "TagFocus");
    check(f.tagignore.is_none() || tim, "TagIgnore");
    if f.tagshow.is_some() || f.taghide.is_some() {
        let (tns, tnh) = filter_tags_by_name(p, f.tagshow.as_ref(), f.taghide.as_ref());
        check(f.tagshow.is_none() || tns, "TagShow");
        check(f.taghide.is_none() || tnh, "TagHide");
    }
    if let Some(re) = &f.prune_from {
        prune_from(p, re);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Functions,
    FileFunctions,
    Files,
    Lines,
    Addresses,
}

impl Granularity {
    pub fn parse(s: &str) -> Option<Granularity> {
        Some(match s {
            "functions" => Granularity::Functions,
            "filefunctions" => Granularity::FileFunctions,
            "files" => Granularity::Files,
            "lines" => Granularity::Lines,
            "addresses" => Granularity::Addresses,
            _ => return None,
        })
    }
    pub const NAMES: [&'static str; 5] = ["functions", "filefunctions", "files", "lines", "addresses"];
}

/// pprof's `aggregate` + `Profile.Aggregate`: clears what the granularity
/// does not show, so equal frames become equal nodes.
pub fn aggregate(p: &mut Profile, g: Granularity, noinlines: bool, show_columns: bool) {
    let inlines = !noinlines;
    let (function, filename, linenumber, address) = match g {
        Granularity::Addresses if inlines => return,
        Granularity::Addresses => (true, true, true, true),
        Granularity::Lines => (true, true, true, false),
        Granularity::Files => (false, true, false, false),
        Granularity::Functions => (true, false, false, false),
        Granularity::FileFunctions => (true, true, false, false),
    };
    let columns = show_columns;
    for m in &mut p.mappings {
        m.has_inline_frames &= inlines;
        m.has_functions &= function;
        m.has_filenames &= filename;
        m.has_line_numbers &= linenumber;
    }
    if !function || !filename {
        for f in &mut p.functions {
            if !function {
                f.name.clear();
                f.system_name.clear();
            }
            if !filename {
                f.filename.clear();
            }
        }
    }
    if !inlines || !address || !linenumber || !columns {
        for l in &mut p.locations {
            if !inlines && l.lines.len() > 1 {
                l.lines.drain(..l.lines.len() - 1);
            }
            for ln in &mut l.lines {
                if !linenumber {
                    ln.line = 0;
                    ln.column = 0;
                }
                if !columns {
                    ln.column = 0;
                }
            }
            if !address {
                l.address = 0;
            }
        }
    }
}

/// pprof's default demangling step for names that are already demangled
/// (the symbolizer runs it unless `-symbolize=none`): names that look like
/// C++ lose their `(...)` and `<...>` parts. Mangled `_Z` names are left as
/// they are (pa has no C++ demangler).
pub fn simplify_demangled_names(p: &mut Profile) {
    for f in &mut p.functions {
        if !f.name.is_empty() && f.system_name != f.name {
            continue;
        }
        let name = &f.system_name;
        if looks_like_demangled_cplusplus(name) {
            let n = remove_matching(name, b'(', b')');
            f.name = remove_matching(&n, b'<', b'>');
        } else if f.name.is_empty() {
            // (Otherwise the name already equals the system name.)
            f.name = name.clone();
        }
    }
}

fn looks_like_demangled_cplusplus(s: &str) -> bool {
    if s.contains(".<") || s.contains("]).") {
        return false;
    }
    s.contains(['<', '>', '[', ']']) || s.contains("::")
}

/// Removes nested `open..close` runs; on a mismatch keeps the name as it is.
fn remove_matching(name: &str, open: u8, close: u8) -> String {
    let mut s = name.as_bytes().to_vec();
    let mut nesting = 0i32;
    let mut first = 0usize;
    let mut cur = 0usize;
    while cur < s.len() {
        let c = s[cur];
        if c == open {
            nesting += 1;
            if nesting == 1 {
                first = cur;
            }
        } else if c == close {
            nesting -= 1;
            if nesting < 0 {
                return name.to_string();
            }
            if nesting == 0 {
                s.drain(first..=cur);
                cur = first;
                continue;
            }
        }
        cur += 1;
    }
    String::from_utf8_lossy(&s).into_owned()
}

/// pprof's `trimPath` (§2.8).
pub fn trim_path(path: &str, trim: &str, search: &str) -> String {
    if trim.is_empty() {
        for dir in search.split(':').filter(|d| !d.is_empty()) {
            let base = std::path::Path::new(dir).file_name().map(|b| b.to_string_lossy().into_owned());
            let base = base.unwrap_or_else(|| dir.to_string());
            let want = format!("/{base}/");
            if let Some(found) = path.find(&want) {
                return path[found + want.len()..].to_string();
            }
        }
    }
    let mut prefixes: Vec<String> = trim.split(':').filter(|t| !t.is_empty()).map(str::to_string).collect();
    prefixes.push("/proc/self/cwd/./".into());
    prefixes.push("/proc/self/cwd/".into());
    for mut t in prefixes {
        if !t.ends_with('/') {
            t.push('/');
        }
        if let Some(rest) = path.strip_prefix(t.as_str()) {
            return rest.to_string();
        }
    }
    path.to_string()
}

/// Per numeric label key, the units seen besides the one used.
pub type IgnoredUnits = Vec<(String, Vec<String>)>;

/// pprof's `NumLabelUnits`: the unit of each numeric label key, and the
/// extra units seen for a key (pprof warns about those).
pub fn num_label_units(p: &Profile) -> (HashMap<String, String>, IgnoredUnits) {
    let mut units: HashMap<String, String> = HashMap::new();
    let mut ignored: HashMap<String, std::collections::BTreeSet<String>> = HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut seen_sets = vec![false; p.labels.len()];
    for &l in &p.samples.labels {
        if l == 0 || seen_sets[l as usize] {
            continue;
        }
        seen_sets[l as usize] = true;
        p.labels.num_units(l, &mut |k, u| {
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_string());
            }
            if u.is_empty() {
                return;
            }
            match units.get(k) {
                None => {
                    units.insert(k.to_string(), u.to_string());
                }
                Some(w) if w != u => {
                    ignored.entry(k.to_string()).or_default().insert(u.to_string());
                }
                _ => {}
            }
        });
    }
    for k in keys {
        if units.get(&k).is_none_or(|u| u.is_empty()) {
            let u = match k.as_str() {
                "alignment" | "request" => "bytes".to_string(),
                _ => k.clone(),
            };
            units.insert(k, u);
        }
    }
    let mut ig: Vec<(String, Vec<String>)> = ignored.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect();
    ig.sort();
    (units, ig)
}
