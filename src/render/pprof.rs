//! go tool pprof's text reports, byte for byte (pprof.md §1.2, §2.9-2.12).
//! Each function takes a report and a writer and knows nothing of files.

use std::io::{self, Write};

use crate::gofmt::pad_left;
use crate::measurement::{self, percentage};
use crate::report::{Report, text_items};

/// `-top` / `-text`.
pub fn text(w: &mut dyn Write, rpt: &mut Report) -> io::Result<()> {
    let (items, labels) = text_items(rpt);
    writeln!(w, "{}", labels.join("\n"))?;
    writeln!(w, "      flat  flat%   sum%        cum   cum%")?;
    let mut flat_sum = 0i64;
    for it in &items {
        flat_sum = flat_sum.wrapping_add(it.flat);
        let inl = if it.inline_label.is_empty() { String::new() } else { format!(" {}", it.inline_label) };
        writeln!(
            w,
            "{} {} {} {} {}  {}{}",
            pad_left(&it.flat_format, 10),
            percentage(it.flat, rpt.total),
            percentage(flat_sum, rpt.total),
            pad_left(&it.cum_format, 10),
            percentage(it.cum, rpt.total),
            it.name,
            inl
        )?;
    }
    Ok(())
}

/// `-tree` and `-peek`. Returns an error message when `-peek` matched
/// nothing (pprof prints the report, then fails).
pub fn tree(w: &mut dyn Write, rpt: &mut Report) -> io::Result<Option<String>> {
    const SEP: &str = "----------------------------------------------------------+-------------";
    let t = rpt.trimmed_graph();
    let g = &t.graph;
    let shown: i64 = g.nodes.iter().fold(0i64, |a, n| a.wrapping_add(n.flat_value()));
    let labels = rpt.report_labels(shown, g.nodes.len(), t.orig_count, t.dropped_nodes);
    writeln!(w, "{}", labels.join("\n"))?;
    writeln!(w, "{SEP}")?;
    writeln!(w, "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ")?;
    let mut flat_sum = 0i64;
    let mut matched = 0;
    for n in &g.nodes {
        if let Some(rx) = &rpt.options.symbol
            && !rx.is_match(&n.name)
        {
            continue;
        }
        matched += 1;
        let (flat, cum) = (n.flat_value(), n.cum_value());
        writeln!(w, "{SEP}")?;
        // One line per caller above the node and per callee below it.
        let edge_line = |w: &mut dyn Write, weight: i64, other: u32, inline: bool| {
            writeln!(
                w,
                "{} {} |   {}{}",
                pad_left(&rpt.format_value(weight), 50),
                percentage(weight, cum),
                g.names[other as usize],
                if inline { " (inline)" } else { "" }
            )
        };
        for e in g.sorted_edges(&n.in_edges) {
            edge_line(w, e.weight, e.src, e.inline)?;
        }
        flat_sum = flat_sum.wrapping_add(flat);
        writeln!(
            w,
            "{} {} {} {} {}                | {}",
            pad_left(&rpt.format_value(flat), 10),
            percentage(flat, rpt.total),
            percentage(flat_sum, rpt.total),
            pad_left(&rpt.format_value(cum), 10),
            percentage(cum, rpt.total),
            n.name
        )?;
        for e in g.sorted_edges(&n.out_edges) {
            edge_line(w, e.weight, e.dst, e.inline)?;
        }
    }
    if !g.nodes.is_empty() {
        writeln!(w, "{SEP}")?;
    }
    if let Some(rx) = &rpt.options.symbol
        && matched == 0
    {
        return Ok(Some(format!("no matches found for regexp: {}", rx.as_str())));
    }
    Ok(None)
}

/// `-traces`: every sample, in profile order, with its labels.
pub fn traces(w: &mut dyn Write, rpt: &Report) -> io::Result<()> {
    const SEP: &str = "-----------+-------------------------------------------------------";
    writeln!(w, "{}", rpt.profile_labels().join("\n"))?;
    let p = &rpt.prof;
    // The printable name and inline flag of each line of each location.
    let names: Vec<Vec<(String, bool)>> = (0..p.locations.len())
        .map(|li| {
            let n = p.locations[li].lines.len();
            if n == 0 {
                return vec![(crate::report::graph::node_info(p, li, None, false).printable_name(), false)];
            }
            (0..n)
                .map(|k| (crate::report::graph::node_info(p, li, Some(k), false).printable_name(), k != n - 1))
                .collect()
        })
        .collect();
    let o = &rpt.options;
    for i in 0..p.samples.len() {
        let stack = p.samples.stack(i);
        if stack.is_empty() {
            continue;
        }
        writeln!(w, "{SEP}")?;
        let set = p.labels.get(p.samples.labels[i]);
        let mut lines: Vec<String> =
            set.strs.iter().map(|(k, vs)| format!("{}:  {}\n", pad_left(k, 10), vs.join(" "))).collect();
        lines.sort();
        for l in &lines {
            w.write_all(l.as_bytes())?;
        }
        let mut nums: Vec<String> = set
            .nums
            .iter()
            .map(|(k, vs, _)| {
                let unit = o.num_label_units.get(k).map(String::as_str).unwrap_or("");
                let vals: Vec<String> = vs.iter().map(|&v| measurement::label(v, unit)).collect();
                format!("{}:  {}\n", pad_left(k, 10), vals.join(" "))
            })
            .collect();
        nums.sort();
        for l in &nums {
            w.write_all(l.as_bytes())?;
        }
        let vals = p.samples.values(i);
        let mut v = vals[o.value_index];
        if o.mean && vals[0] != 0 {
            v /= vals[0];
        }
        let mut first = true;
        for &l in stack {
            for (name, inline) in &names[l as usize] {
                let vs = if first { rpt.format_value(v) } else { String::new() };
                first = false;
                writeln!(w, "{}   {}{}", pad_left(&vs, 10), name, if *inline { " (inline)" } else { "" })?;
            }
        }
    }
    writeln!(w, "{SEP}")
}

/// `-tags`: label values and their share of the profile, tab-aligned.
pub fn tags(w: &mut dyn Write, rpt: &Report) -> io::Result<()> {
    use std::collections::BTreeMap;
    let p = &rpt.prof;
    let o = &rpt.options;
    let mut tag_map: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    let mut tag_total: BTreeMap<String, i64> = BTreeMap::new();
    for i in 0..p.samples.len() {
        let v = p.samples.values(i)[o.value_index];
        let set = p.labels.get(p.samples.labels[i]);
        for (k, vs) in &set.strs {
            for val in vs {
                *tag_map.entry(k.clone()).or_default().entry(val.clone()).or_default() += v;
                *tag_total.entry(k.clone()).or_default() += v;
            }
        }
        for (k, vs, _) in &set.nums {
            let unit = o.num_label_units.get(k).map(String::as_str).unwrap_or("");
            for &nv in vs {
                let val = measurement::scaled_label(nv, unit, &o.output_unit);
                *tag_map.entry(k.clone()).or_default().entry(val).or_default() += v;
                *tag_total.entry(k.clone()).or_default() += v;
            }
        }
    }
    let mut buf = String::new();
    let total = rpt.total;
    for (key, values) in &tag_map {
        let tt = tag_total[key];
        if total > 0 {
            buf.push_str(&format!(
                "{}:\t Total {} of {} ({})\n",
                key,
                rpt.format_value(tt),
                rpt.format_value(total),
                percentage(tt, total)
            ));
        } else {
            buf.push_str(&format!("{}:\t Total {} of {}\n", key, rpt.format_value(tt), rpt.format_value(total)));
        }
        let mut vs: Vec<(&String, i64)> = values.iter().map(|(k, &v)| (k, v)).collect();
        vs.sort_by(|a, b| {
            if a.1 != b.1 {
                let (x, y) = (a.1.wrapping_abs(), b.1.wrapping_abs());
                if x != y {
                    return y.cmp(&x);
                }
            }
            a.0.cmp(b.0)
        });
        for (name, v) in vs {
            if total > 0 {
                buf.push_str(&format!(" \t{} ({}):\t {}\n", rpt.format_value(v), percentage(v, total), name));
            } else {
                buf.push_str(&format!(" \t{}:\t {}\n", rpt.format_value(v), name));
            }
        }
        buf.push('\n');
    }
    w.write_all(crate::tabwriter::align_right(&buf).as_bytes())
}

/// `-comments`: every comment, those starting with `#` included.
pub fn comments(w: &mut dyn Write, rpt: &Report) -> io::Result<()> {
    for c in &rpt.prof.comments {
        writeln!(w, "{c}")?;
    }
    Ok(())
}

/// `-raw`: the profile in `Profile.String()` layout.
pub fn raw(w: &mut dyn Write, rpt: &Report) -> io::Result<()> {
    w.write_all(crate::profile::dump::to_string(&rpt.prof).as_bytes())
}
