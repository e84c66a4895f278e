//! `--json`: one object, groups in display order (schema in the README).
//! Information a form does not carry is omitted, not zeroed; inferred
//! states keep their `~` prefix.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::group::{Group, Options};
use super::model::Dump;
use super::render::{is_forever, time_text};

/// A JSON string literal (the one escaper every JSON output of pa uses).
pub fn string(s: &str) -> String {
    crate::render::table::json_string(s)
}

fn obj_counts(d: &Dump, v: &[(u32, i64)]) -> String {
    let parts: Vec<String> = v.iter().map(|(s, n)| format!("{}:{n}", string(&d.states[*s as usize]))).collect();
    format!("{{{}}}", parts.join(","))
}

pub fn write(out: &mut dyn Write, d: &Dump, groups: &[Group], o: &Options, _selected: usize) -> io::Result<()> {
    let mut s = String::new();
    s.push_str("{\"source\":{");
    s.push_str(&format!("\"kind\":{}", string(d.kind().name())));
    let names: Vec<String> = d.sources.iter().map(|n| string(n)).collect();
    s.push_str(&format!(",\"names\":[{}]", names.join(",")));
    if d.go_min > 0 {
        s.push_str(&format!(",\"go_hint\":\">=1.{}\"", d.go_min));
    }
    if d.time_nanos > 0 {
        s.push_str(&format!(",\"time\":{}", string(&time_text(d.time_nanos))));
    }
    if d.delta {
        s.push_str(&format!(",\"delta\":true,\"duration_seconds\":{}", d.duration_nanos as f64 / 1e9));
    }
    if !d.preamble.is_empty() {
        let p: Vec<String> = d.preamble.iter().map(|l| string(l)).collect();
        s.push_str(&format!(",\"preamble\":[{}]", p.join(",")));
    }
    if let Some(l) = &d.labels_from {
        s.push_str(&format!(",\"labels_from\":{}", string(l)));
    }
    s.push_str(&format!(",\"parse_errors\":{}", d.parse_errors));
    s.push_str(&format!(",\"truncated\":{}", d.cut_short));
    s.push('}');

    let total = d.total();
    let matched: i64 = groups.iter().map(|g| g.count).sum();
    s.push_str(&format!(",\"total\":{total},\"matched\":{matched}"));
    s.push_str(&format!(",\"group_by\":{}", string(&o.group_by.name())));
    let mut states: BTreeMap<&str, i64> = BTreeMap::new();
    for g in groups {
        for &(st, n) in &g.states {
            *states.entry(&d.states[st as usize]).or_default() += n;
        }
    }
    let sp: Vec<String> = states.iter().map(|(k, n)| format!("{}:{n}", string(k))).collect();
    s.push_str(&format!(",\"states\":{{{}}}", sp.join(",")));
    let forever: i64 = states.iter().filter(|(k, _)| is_forever(k)).map(|(_, n)| n).sum();
    s.push_str(&format!(",\"blocked_forever\":{forever}"));
    s.push_str(",\"groups\":[");
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        group(&mut s, d, g);
    }
    s.push_str("]}\n");
    out.write_all(s.as_bytes())
}

fn group(s: &mut String, d: &Dump, g: &Group) {
    s.push_str(&format!("{{\"key\":\"{:016x}\"", g.key_hash));
    if let Some(t) = &g.title {
        s.push_str(&format!(",\"title\":{}", string(t)));
    }
    s.push_str(&format!(",\"count\":{}", g.count));
    s.push_str(&format!(",\"states\":{}", obj_counts(d, &g.states)));
    if let Some((a, b)) = g.wait {
        s.push_str(&format!(",\"wait_minutes\":{{\"min\":{a},\"max\":{b}}}"));
    }
    if d.kind().is_text() {
        s.push_str(&format!(",\"locked\":{}", g.locked));
    }
    if !g.labels.is_empty() {
        let l: Vec<String> = g
            .labels
            .iter()
            .map(|(set, n)| {
                let kv: Vec<String> =
                    d.label_sets.get(*set).iter().map(|(k, v)| format!("{}:{}", string(k), string(v))).collect();
                format!("{{\"labels\":{{{}}},\"count\":{n}}}", kv.join(","))
            })
            .collect();
        s.push_str(&format!(",\"labels\":[{}]", l.join(",")));
        if d.labels_from.is_some() {
            s.push_str(",\"labels_approximate\":true");
        }
    }
    if !g.creators.is_empty() {
        let c: Vec<String> = g
            .creators
            .iter()
            .map(|(f, parents, n)| {
                let fr = &d.frames[*f as usize];
                let p: Vec<String> = parents.iter().map(|p| p.to_string()).collect();
                format!(
                    "{{\"func\":{},\"file\":{},\"line\":{},\"count\":{n}{}}}",
                    string(&fr.func),
                    string(&fr.file),
                    fr.line,
                    if p.is_empty() { String::new() } else { format!(",\"parents\":[{}]", p.join(",")) }
                )
            })
            .collect();
        s.push_str(&format!(",\"creators\":[{}]", c.join(",")));
    }
    if !g.ids.is_empty() {
        let ids: Vec<String> = g.ids.iter().map(|i| i.to_string()).collect();
        s.push_str(&format!(",\"ids\":[{}]", ids.join(",")));
    }
    s.push_str(&format!(",\"truncated\":{},\"elided_frames\":{}", g.truncated, g.elided));
    s.push_str(&format!(",\"stacks\":{}", g.stacks.len()));
    let r = &d.goroutines[g.representative() as usize];
    let frames: Vec<String> = d
        .stack(r)
        .iter()
        .map(|&f| {
            let fr = &d.frames[f as usize];
            format!(
                "{{\"func\":{},\"file\":{},\"line\":{},\"std\":{}}}",
                string(&fr.func),
                string(&fr.file),
                fr.line,
                fr.std
            )
        })
        .collect();
    s.push_str(&format!(",\"frames\":[{}]}}", frames.join(",")));
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping() {
        assert_eq!(super::string("a\"b\\c\x1b\n\u{85}"), "\"a\\\"b\\\\c\\u001b\\n\\u0085\"");
    }
}
