//! The terminal views (goroutines.md §4.4): a summary, then one block per
//! group with a collapsed stack (stdlib runs and recursion compressed),
//! fitted to the width; `--oneline`; `--raw`. Names from the dump are
//! never written raw: control characters are escaped.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use super::group::{Group, basename};
use super::model::{Dump, Kind};

pub struct Style {
    pub color: bool,
    pub width: usize,
    pub frames: usize,
    pub full: bool,
    pub oneline: bool,
    pub ids: bool,
    pub parents: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const MAGENTA: &str = "\x1b[35m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Escapes control characters (ESC, newlines, C1 controls…) so that a
/// label value or a function name cannot drive the terminal.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let v = c as u32;
                if v < 0x100 {
                    out.push_str(&format!("\\x{v:02x}"));
                } else {
                    out.push_str(&format!("\\u{{{v:x}}}"));
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Fits `s` into `w` columns by cutting the middle (`github.com/…/pkg.F`).
pub fn fit(s: &str, w: usize) -> String {
    let n = chars(s);
    if n <= w {
        return s.to_string();
    }
    if w <= 1 {
        return "…".chars().take(w).collect();
    }
    // Keep more of the end: the function's own name is there.
    let tail = (w - 1) * 2 / 3;
    let head = w - 1 - tail;
    let h: String = s.chars().take(head).collect();
    let t: String = s.chars().skip(n - tail).collect();
    format!("{h}…{t}")
}

fn pad(s: &str, w: usize) -> String {
    let n = chars(s);
    if n >= w { s.to_string() } else { format!("{s}{}", " ".repeat(w - n)) }
}

struct Painter {
    on: bool,
}

impl Painter {
    fn p(&self, code: &str, s: &str) -> String {
        if self.on && !code.is_empty() && !s.is_empty() { format!("{code}{s}{RESET}") } else { s.to_string() }
    }
}

pub fn is_forever(state: &str) -> bool {
    let s = state.strip_prefix('~').unwrap_or(state);
    s.ends_with("(nil chan)") || s == "select (no cases)"
}

fn state_color(state: &str) -> &'static str {
    let s = state.strip_prefix('~').unwrap_or(state);
    if is_forever(s) {
        RED
    } else if s == "running" || s == "runnable" {
        GREEN
    } else if s == "IO wait" || s == "syscall" {
        CYAN
    } else if s.starts_with("chan ") || s.starts_with("select") {
        YELLOW
    } else if s.starts_with("sync.") || s.starts_with("semacquire") {
        MAGENTA
    } else {
        ""
    }
}

fn fmt_count(d: &Dump, n: i64) -> String {
    if d.delta && n > 0 { format!("+{n}") } else { n.to_string() }
}

fn wait_text(g: &Group) -> String {
    match g.wait {
        None | Some((_, 0)) => String::new(),
        Some((a, b)) if a == b => format!("{b}m"),
        Some((a, b)) => format!("{a}–{b}m"),
    }
}

fn state_text(d: &Dump, g: &Group) -> String {
    if g.states.len() == 1 {
        return clean(&d.states[g.states[0].0 as usize]).into_owned();
    }
    g.states.iter().map(|(s, n)| format!("{} ×{n}", clean(&d.states[*s as usize]))).collect::<Vec<_>>().join(", ")
}

/// One display line of a collapsed stack.
struct Item {
    func: String,
    file: String,
    lines: Vec<u32>,
    reps: usize,
    std: bool,
    hidden_std: usize,
}

impl Item {
    fn func_text(&self) -> String {
        let mut s = clean(&self.func).into_owned();
        if self.reps > 1 {
            s.push_str(&format!(" ×{}", self.reps));
        }
        if self.hidden_std > 0 {
            s.push_str(&format!("  …{} stdlib", self.hidden_std));
        }
        s
    }
    fn loc_text(&self) -> String {
        let mut lines: Vec<String> = self.lines.iter().take(3).map(|l| l.to_string()).collect();
        if self.lines.len() > 3 {
            lines.push("…".into());
        }
        format!("{}:{}", clean(basename(&self.file)), lines.join(","))
    }
    fn frames(&self) -> usize {
        self.reps + self.hidden_std
    }
}

/// Recursion merged into one item, then each run of stdlib items shown as
/// its outermost frame (the API the caller used).
fn collapse(d: &Dump, stack: &[u32]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for &f in stack {
        let fr = &d.frames[f as usize];
        if let Some(last) = items.last_mut()
            && last.func == fr.func
        {
            last.reps += 1;
            if !last.lines.contains(&fr.line) {
                last.lines.push(fr.line);
            }
            continue;
        }
        items.push(Item {
            func: fr.func.clone(),
            file: fr.file.clone(),
            lines: vec![fr.line],
            reps: 1,
            std: fr.std,
            hidden_std: 0,
        });
    }
    let mut out: Vec<Item> = Vec::new();
    let mut run: Vec<Item> = Vec::new();
    let flush = |run: &mut Vec<Item>, out: &mut Vec<Item>| {
        if let Some(mut last) = run.pop() {
            last.hidden_std = run.iter().map(|i| i.frames()).sum();
            out.push(last);
        }
        run.clear();
    };
    for it in items {
        if it.std {
            run.push(it);
        } else {
            flush(&mut run, &mut out);
            out.push(it);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn fmt_time(nanos: i64) -> String {
    let secs = nanos.div_euclid(1_000_000_000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's method).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = if month <= 2 { y + 1 } else { y };
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

pub fn time_text(nanos: i64) -> String {
    fmt_time(nanos)
}

/// The per-key value histograms of some label sets.
fn label_hist(d: &Dump, sets: &[(u32, i64)]) -> BTreeMap<String, Vec<(String, i64)>> {
    let mut m: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for &(s, n) in sets {
        for (k, v) in d.label_sets.get(s) {
            *m.entry(k.clone()).or_default().entry(v.clone()).or_default() += n;
        }
    }
    m.into_iter()
        .map(|(k, vs)| {
            let mut v: Vec<(String, i64)> = vs.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (k, v)
        })
        .collect()
}

fn label_text(hist: &BTreeMap<String, Vec<(String, i64)>>, total: i64, max_values: usize) -> String {
    let mut parts = Vec::new();
    for (k, vs) in hist {
        let mut s = format!("{}=", clean(k));
        let shown: Vec<String> = vs
            .iter()
            .take(max_values)
            .map(
                |(v, n)| {
                    if vs.len() == 1 && *n == total { clean(v).into_owned() } else { format!("{} {n}", clean(v)) }
                },
            )
            .collect();
        s.push_str(&shown.join(" · "));
        if vs.len() > max_values {
            s.push_str(&format!(" · +{}", vs.len() - max_values));
        }
        parts.push(s);
    }
    parts.join("   ")
}

fn summary(out: &mut dyn Write, d: &Dump, groups: &[Group], st: &Style, pt: &Painter) -> io::Result<()> {
    for l in &d.preamble {
        writeln!(out, "{}", pt.p(BOLD, &fit(&clean(l), st.width)))?;
    }
    if !d.preamble.is_empty() {
        writeln!(out)?;
    }
    let matched: i64 = groups.iter().map(|g| g.count).sum();
    let total = d.total();
    let mut head = if d.delta {
        let secs = d.duration_nanos as f64 / 1e9;
        format!("Δ {} goroutines over {}s (delta profile)", fmt_count(d, total), (secs * 10.0).round() / 10.0)
    } else {
        format!("{total} goroutines")
    };
    if matched != total {
        head.push_str(&format!(" · {matched} match"));
    }
    head.push_str(&format!(
        " · {} group{} · {}",
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        d.kind().describe()
    ));
    if d.go_min > 0 {
        head.push_str(&format!(" (Go ≥1.{})", d.go_min));
    }
    if let Some(l) = &d.labels_from {
        head.push_str(&format!(" + labels from {}", clean(l)));
    }
    if d.kind() == Kind::Debug0 && d.time_nanos > 0 {
        head.push_str(&format!(" · {}", fmt_time(d.time_nanos)));
    }
    writeln!(out, "{}", pt.p(BOLD, &fit(&head, st.width)))?;

    // State histogram over the shown goroutines.
    let mut states: BTreeMap<u32, i64> = BTreeMap::new();
    for g in groups {
        for &(s, n) in &g.states {
            *states.entry(s).or_default() += n;
        }
    }
    let mut sv: Vec<(u32, i64)> = states.into_iter().collect();
    sv.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| d.states[a.0 as usize].cmp(&d.states[b.0 as usize])));
    if !sv.is_empty() {
        let mut parts: Vec<String> = sv
            .iter()
            .take(6)
            .map(|(s, n)| {
                let name = clean(&d.states[*s as usize]).into_owned();
                format!("{} {}", pt.p(state_color(&name), &name), fmt_count(d, *n))
            })
            .collect();
        if sv.len() > 6 {
            parts.push(format!("+{} more", sv.len() - 6));
        }
        writeln!(out, "states   {}", parts.join(" · "))?;
    }

    // Waits and forever-blocked states.
    let mut line = Vec::new();
    if d.kind().is_text() {
        let mut long = 0i64;
        let mut max = 0u32;
        for g in groups {
            for &m in &g.members {
                let gr = &d.goroutines[m as usize];
                if let Some(w) = gr.wait {
                    long += gr.count;
                    max = max.max(w);
                }
            }
        }
        if long > 0 {
            line.push(format!("≥1 min: {long} (max {max} min)"));
        }
    }
    let forever: Vec<&(u32, i64)> = sv.iter().filter(|(s, _)| is_forever(&d.states[*s as usize])).collect();
    if !forever.is_empty() {
        let n: i64 = forever.iter().map(|(_, n)| n).sum();
        let list: Vec<String> = forever.iter().map(|(s, n)| format!("{} {n}", clean(&d.states[*s as usize]))).collect();
        line.push(pt.p(RED, &format!("blocked forever: {n} ({})", list.join(" · "))));
    }
    if !line.is_empty() {
        writeln!(out, "waiting  {}", line.join(" · "))?;
    }

    // Labels over everything shown.
    let mut sets: BTreeMap<u32, i64> = BTreeMap::new();
    for g in groups {
        for &(s, n) in &g.labels {
            *sets.entry(s).or_default() += n;
        }
    }
    if !sets.is_empty() {
        let v: Vec<(u32, i64)> = sets.into_iter().collect();
        let hist = label_hist(d, &v);
        let approx = if d.labels_from.is_some() { "~" } else { "" };
        // One line per key, the keys on most goroutines first.
        let mut keys: Vec<(&String, &Vec<(String, i64)>)> = hist.iter().collect();
        keys.sort_by_key(|(k, vs)| (-vs.iter().map(|v| v.1).sum::<i64>(), k.as_str()));
        for (i, (k, vs)) in keys.iter().take(4).enumerate() {
            let one: BTreeMap<String, Vec<(String, i64)>> = [((*k).clone(), (*vs).clone())].into_iter().collect();
            let text = format!("{approx}{}", label_text(&one, i64::MIN, 6));
            let head = if i == 0 { "labels   " } else { "         " };
            writeln!(out, "{head}{}", fit(&text, st.width.saturating_sub(9)))?;
        }
        if keys.len() > 4 {
            writeln!(out, "         +{} more keys", keys.len() - 4)?;
        }
    }

    let mut warn = Vec::new();
    if d.parse_errors > 0 {
        warn.push(format!(
            "{} goroutine{} only partly read{}",
            d.parse_errors,
            if d.parse_errors == 1 { "" } else { "s" },
            d.first_error_line.map(|l| format!(" (first at line {l})")).unwrap_or_default()
        ));
    }
    if d.cut_short {
        warn.push("the dump ends mid-goroutine (cut short? Go caps debug=2 at 64 MiB)".into());
    }
    if d.dumps_seen > 1 {
        warn.push(format!("{} dumps in the input; this is the last", d.dumps_seen));
    }
    for w in warn {
        writeln!(out, "{}", pt.p(YELLOW, &format!("warning  {w}")))?;
    }
    Ok(())
}

pub fn text(out: &mut dyn Write, d: &Dump, groups: &[Group], shown: usize, st: &Style) -> io::Result<()> {
    let pt = Painter { on: st.color };
    summary(out, d, groups, st, &pt)?;
    let groups = &groups[..shown];
    if groups.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let counts: Vec<String> = groups.iter().map(|g| fmt_count(d, g.count)).collect();
    let states: Vec<String> = groups.iter().map(|g| state_text(d, g)).collect();
    let waits: Vec<String> = groups.iter().map(wait_text).collect();
    let cw = counts.iter().map(|c| chars(c)).max().unwrap_or(1).max(4);
    let sw = states.iter().map(|s| chars(s)).max().unwrap_or(0).min(24);
    let ww = waits.iter().map(|s| chars(s)).max().unwrap_or(0);
    let indent = 2 + cw + 2 + sw + 2 + if ww > 0 { ww + 2 } else { 0 };
    let items: Vec<Vec<Item>> = groups
        .iter()
        .map(|g| {
            let r = &d.goroutines[g.representative() as usize];
            if st.oneline {
                // The first user frame (or the leaf).
                let s = d.stack(r);
                let i = s.iter().position(|&f| !d.frames[f as usize].std).unwrap_or(0);
                collapse(d, &s[i.min(s.len())..s.len().min(i + 1)])
            } else {
                collapse(d, d.stack(r))
            }
        })
        .collect();
    let lw =
        items.iter().flat_map(|v| v.iter().take(st.frames).map(|i| chars(&i.loc_text()))).max().unwrap_or(0).min(28);
    let fw = st.width.saturating_sub(indent + 2 + lw).max(24);

    for (gi, g) in groups.iter().enumerate() {
        let r = &d.goroutines[g.representative() as usize];
        let lead = format!(
            "  {}  {}  {}",
            pt.p(BOLD, &format!("{:>cw$}", counts[gi])),
            pt.p(state_color(&states[gi]), &pad(&fit(&states[gi], sw), sw)),
            if ww > 0 { format!("{}  ", pad(&waits[gi], ww)) } else { String::new() }
        );
        let blank = " ".repeat(indent);
        let mut first = true;
        let mut emit = |out: &mut dyn Write, text: String| -> io::Result<()> {
            let l = if first { &lead } else { &blank };
            first = false;
            writeln!(out, "{}", format!("{l}{text}").trim_end())
        };
        if let Some(t) = &g.title {
            emit(out, pt.p(BOLD, &fit(&clean(t), st.width.saturating_sub(indent))))?;
            if st.oneline {
                continue;
            }
        }
        if st.full || g.crashed {
            for &f in d.stack(r) {
                let fr = &d.frames[f as usize];
                let code = if fr.std { DIM } else { BOLD };
                emit(
                    out,
                    format!(
                        "{}  {}",
                        pt.p(code, &clean(&fr.func)),
                        pt.p(DIM, &format!("{}:{}", clean(&fr.file), fr.line))
                    ),
                )?;
            }
        } else {
            let list = &items[gi];
            let n = list.len().min(st.frames);
            for it in &list[..n] {
                let ft = fit(&it.func_text(), fw);
                let code = if it.std { DIM } else { BOLD };
                emit(out, format!("{}  {}", pt.p(code, &pad(&ft, fw)), pt.p(DIM, &fit(&it.loc_text(), lw.max(8)))))?;
            }
            if list.is_empty() && g.title.is_none() {
                emit(
                    out,
                    pt.p(
                        DIM,
                        if r.unavailable { "(stack unavailable: running on another thread)" } else { "(no frames)" },
                    ),
                )?;
            }
            let more: usize = list[n..].iter().map(|i| i.frames()).sum();
            if more > 0 && !st.oneline {
                emit(out, pt.p(DIM, &format!("… {more} more frame{}", if more == 1 { "" } else { "s" })))?;
            }
        }
        if st.oneline {
            continue;
        }
        // Details sit under the state column: more room than the frames.
        let dindent = 2 + cw + 2;
        let room = st.width.saturating_sub(dindent);
        let mut details: Vec<String> = Vec::new();
        if g.crashed {
            details.push(pt.p(RED, "↑ the goroutine that crashed (first in the dump)"));
        }
        if g.elided > 0 {
            details.push(format!("… {} frames elided by Go (deep stack)", g.elided));
        }
        if g.truncated {
            details.push(match d.kind() {
                Kind::Debug0 | Kind::Debug1 => "… stack truncated at the profile depth limit (32 or 128 frames)".into(),
                _ => "… stack truncated (Go printed only its first 100 frames)".into(),
            });
        }
        if g.stacks.len() > 1 {
            details.push(format!("{} distinct stacks; the commonest shown", g.stacks.len()));
        }
        if g.locked > 0 {
            details.push(format!("locked to thread ×{}", g.locked));
        }
        let by_creator = g.title.as_deref().is_some_and(|t| t.starts_with("created by"));
        if let Some((f, parents, _)) = g.creators.first().filter(|_| !by_creator) {
            let fr = &d.frames[*f as usize];
            let mut s = format!("created by {}  {}:{}", clean(&fr.func), clean(basename(&fr.file)), fr.line);
            if g.creators.len() > 1 {
                s.push_str(&format!(
                    "  (+{} site{})",
                    g.creators.len() - 1,
                    if g.creators.len() == 2 { "" } else { "s" }
                ));
            }
            if st.parents && !parents.is_empty() {
                let p: Vec<String> = parents.iter().take(8).map(|p| p.to_string()).collect();
                s.push_str(&format!("  in goroutine {}{}", p.join(","), if parents.len() > 8 { ",…" } else { "" }));
            }
            details.push(pt.p(DIM, &fit(&s, room)));
        }
        if !g.labels.is_empty() {
            let hist = label_hist(d, &g.labels);
            let labelled: i64 = g.labels.iter().map(|l| l.1).sum();
            let approx = if d.labels_from.is_some() { "~" } else { "" };
            let mut s = format!("labels {approx}");
            let suffix =
                if labelled != g.count { format!("  ({labelled} of {} labelled)", g.count) } else { String::new() };
            // Whole keys while they fit; never a key cut in the middle.
            let keys: Vec<String> = hist
                .iter()
                .map(|(k, vs)| {
                    let one: BTreeMap<String, Vec<(String, i64)>> = [(k.clone(), vs.clone())].into_iter().collect();
                    label_text(&one, g.count, 4)
                })
                .collect();
            for (i, k) in keys.iter().enumerate() {
                let sep = if i == 0 { "" } else { "   " };
                let rest = keys.len() - i - 1;
                let tail = if rest > 0 { format!("   +{rest} keys") } else { String::new() };
                if i > 0 && chars(&s) + sep.len() + chars(k) + chars(&suffix) + chars(&tail) > room {
                    s.push_str(&format!("   +{} keys", keys.len() - i));
                    break;
                }
                s.push_str(sep);
                s.push_str(k);
            }
            s.push_str(&suffix);
            details.push(fit(&s, room));
        }
        if st.ids && !g.ids.is_empty() {
            let mut s = String::from("ids");
            for id in &g.ids {
                let next = format!(" {id}");
                if chars(&s) + next.len() + 6 > room {
                    s.push_str(" …");
                    break;
                }
                s.push_str(&next);
            }
            details.push(pt.p(DIM, &s));
        }
        let dblank = " ".repeat(dindent);
        // (The group line itself was written above: a frame, a title or
        // "(no frames)".)
        for det in details {
            writeln!(out, "{}", format!("{dblank}{det}").trim_end())?;
        }
    }
    Ok(())
}

/// `--raw`: one representative block per group, as a dump again.
pub fn raw(out: &mut dyn Write, d: &Dump, groups: &[Group]) -> io::Result<()> {
    for g in groups {
        let r = &d.goroutines[g.representative() as usize];
        let ids: Vec<String> = g.ids.iter().take(20).map(|i| i.to_string()).collect();
        writeln!(
            out,
            "# {} goroutine{}: ids {}{}",
            g.count,
            if g.count == 1 { "" } else { "s" },
            ids.join(" "),
            if g.ids.len() > 20 { " …" } else { "" }
        )?;
        let block = d.text.get(r.raw.0..r.raw.1).unwrap_or("");
        let block = block.trim_end_matches(['\n', '\r']);
        // The dump's own text, minus control characters other than tabs
        // and line ends (raw mode must still be safe on a terminal).
        let safe: String = block
            .chars()
            .map(|c| if c.is_control() && c != '\n' && c != '\t' && c != '\r' { '?' } else { c })
            .collect();
        writeln!(out, "{safe}\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("a\x1b[2Jb\nc"), "a\\x1b[2Jb\\nc");
        assert_eq!(clean("\u{9b}x"), "\\x9bx");
        assert_eq!(clean("plain"), "plain");
    }

    #[test]
    fn fitting() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        let f = fit("github.com/org/project/internal/pkg.(*Type).Method", 30);
        assert_eq!(f.chars().count(), 30);
        assert!(f.ends_with("(*Type).Method"));
    }

    #[test]
    fn times() {
        assert_eq!(fmt_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(fmt_time(1_700_000_000_000_000_000), "2023-11-14T22:13:20Z");
    }
}
