//! From a filtered profile to the numbers a report prints (pprof's
//! `internal/report`): the total, the output unit, the header labels and
//! the trimmed graph. Rendering to text lives in `crate::render`.

pub mod diff;
pub mod graph;
pub mod stacks;

use std::collections::HashMap;

use regex::Regex;

use crate::measurement;
use crate::profile::Profile;
use graph::{GraphOptions, SortOrder, Trimmed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Tree,
    Traces,
    Tags,
    Raw,
    Comments,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub format: OutputFormat,
    pub cum_sort: bool,
    pub drop_negative: bool,
    pub compact_labels: bool,
    /// 1 / divide_by.
    pub ratio: f64,
    pub nodecount: i64,
    pub nodefraction: f64,
    pub edgefraction: f64,
    /// `focus=...` strings, in pprof's legend order.
    pub active_filters: Vec<String>,
    pub num_label_units: HashMap<String, String>,
    pub value_index: usize,
    pub mean: bool,
    /// The type name shown in `Type:` (`mean_` prefixed with -mean).
    pub sample_type: String,
    pub sample_unit: String,
    /// `-unit`; `minimum` is replaced by the chosen unit for graph reports.
    pub output_unit: String,
    /// `-peek` regex: only nodes whose printable name matches.
    pub symbol: Option<Regex>,
    pub trim_path: String,
    pub source_path: String,
}

pub struct Report {
    pub prof: Profile,
    pub total: i64,
    pub options: Options,
}

/// pprof's `computeTotal`: Σ|v| (divided by Σ mean divisors), or only over
/// the `pprof::base` samples when there are any (diff_base).
pub fn compute_total(p: &Profile, index: usize, mean: bool) -> i64 {
    let (mut total, mut div, mut diff_total, mut diff_div) = (0i64, 0i64, 0i64, 0i64);
    let base_sets = crate::profile::merge::base_label_sets(p);
    for i in 0..p.samples.len() {
        let vals = p.samples.values(i);
        let v = vals[index].wrapping_abs();
        let d = if mean { vals[0] } else { 0 };
        total = total.wrapping_add(v);
        div += d;
        if base_sets[p.samples.labels[i] as usize] {
            diff_total = diff_total.wrapping_add(v);
            diff_div += d;
        }
    }
    if diff_total > 0 {
        total = diff_total;
        div = diff_div;
    }
    if div != 0 { total / div } else { total }
}

impl Report {
    pub fn format_value(&self, v: i64) -> String {
        let r = self.options.ratio;
        let v = if r > 0.0 && r != 1.0 { (v as f64 * r) as i64 } else { v };
        measurement::scaled_label(v, &self.options.sample_unit, &self.options.output_unit)
    }

    pub fn graph_options(&self, obj_names: bool) -> GraphOptions {
        GraphOptions {
            value_index: self.options.value_index,
            mean: self.options.mean,
            obj_names,
            drop_negative: self.options.drop_negative,
        }
    }

    /// pprof's `newTrimmedGraph` + `selectOutputUnit`, after the per-graph
    /// profile clean-up of `newGraph` (trim_path, no pprof::base label).
    pub fn trimmed_graph(&mut self) -> Trimmed {
        self.prepare_for_graph();
        let o = &self.options;
        let order = if o.cum_sort { SortOrder::Cum } else { SortOrder::Flat };
        let t =
            graph::trimmed(&self.prof, &self.graph_options(false), order, o.nodecount, o.nodefraction, o.edgefraction);
        self.select_output_unit(&t.graph);
        t
    }

    /// The whole graph, untrimmed and unsorted (for diffs and trees).
    pub fn full_graph(&mut self) -> graph::Graph {
        self.prepare_for_graph();
        graph::build(&self.prof, &self.graph_options(false), None, false)
    }

    fn prepare_for_graph(&mut self) {
        let (tp, sp) = (self.options.trim_path.clone(), self.options.source_path.clone());
        for f in &mut self.prof.functions {
            if !f.filename.is_empty() {
                f.filename = crate::transform::trim_path(&f.filename, &tp, &sp);
            }
        }
        remove_label(&mut self.prof, crate::profile::merge::BASE_LABEL);
    }

    /// pprof's `selectOutputUnit` (§1.3).
    pub fn select_output_unit(&mut self, g: &graph::Graph) {
        let o = &mut self.options;
        if o.output_unit != "minimum" || g.nodes.is_empty() {
            return;
        }
        let mut min_value = 0i64;
        for n in &g.nodes {
            let mut node_min = n.flat_value().wrapping_abs();
            if node_min == 0 {
                node_min = n.cum_value().wrapping_abs();
            }
            if node_min > 0 && (min_value == 0 || node_min < min_value) {
                min_value = node_min;
            }
        }
        let mut max_value = self.total;
        if min_value == 0 {
            min_value = max_value;
        }
        let r = o.ratio;
        if r > 0.0 && r != 1.0 {
            min_value = (min_value as f64 * r) as i64;
            max_value = (max_value as f64 * r) as i64;
        }
        let (_, min_unit) = measurement::scale(min_value, &o.sample_unit, "minimum");
        let (_, max_unit) = measurement::scale(max_value, &o.sample_unit, "minimum");
        let mut unit = min_unit.clone();
        if min_unit != max_unit && min_value.wrapping_mul(100) < max_value {
            unit = measurement::scale(min_value.wrapping_mul(100), &o.sample_unit, "minimum").1;
        }
        o.output_unit = if unit.is_empty() { o.sample_unit.clone() } else { unit };
    }

    /// pprof's `ProfileLabels`: File, Build ID, comments, Type, Doc, Time,
    /// Duration lines.
    pub fn profile_labels(&self) -> Vec<String> {
        let p = &self.prof;
        let mut label = Vec::new();
        if let Some(m) = p.mappings.first() {
            if !m.file.is_empty() {
                label.push(format!("File: {}", graph::go_base(&m.file)));
            }
            if !m.build_id.is_empty() {
                label.push(format!("Build ID: {}", m.build_id));
            }
        }
        for c in &p.comments {
            if !c.starts_with('#') {
                label.push(c.clone());
            }
        }
        if !self.options.sample_type.is_empty() {
            label.push(format!("Type: {}", self.options.sample_type));
        }
        if !p.doc_url.is_empty() {
            label.push(format!("Doc: {}", p.doc_url));
        }
        if p.time_nanos != 0 {
            label.push(format!("Time: {}", crate::gotime::format_time_header(p.time_nanos)));
        }
        if p.duration_nanos != 0 {
            let duration = measurement::label(p.duration_nanos, "nanoseconds");
            let (total_nanos, total_unit) = measurement::scale(self.total, &self.options.sample_unit, "nanoseconds");
            let ratio = if total_unit == "ns" && total_nanos != 0.0 {
                format!("({})", measurement::percentage(total_nanos as i64, p.duration_nanos))
            } else {
                String::new()
            };
            label.push(format!("Duration: {}, Total samples = {} {}", duration, self.format_value(self.total), ratio));
        }
        label
    }

    /// pprof's `reportLabels` for text and tree reports.
    pub fn report_labels(
        &self,
        shown_total: i64,
        node_count: usize,
        orig_count: usize,
        dropped_nodes: usize,
    ) -> Vec<String> {
        let o = &self.options;
        let mut label = if o.compact_labels { Vec::new() } else { self.profile_labels() };
        if !o.active_filters.is_empty() {
            label.push("Active filters:".to_string());
            for f in &o.active_filters {
                let s = if f.len() > 80 {
                    let mut cut = 80;
                    while !f.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    // Go slices bytes; a cut inside a rune would print the
                    // partial bytes, which pa replaces by nothing.
                    format!("{}…", &f[..cut])
                } else {
                    f.clone()
                };
                label.push(format!("   {s}"));
            }
        }
        label.push(format!(
            "Showing nodes accounting for {}, {} of {} total",
            self.format_value(shown_total),
            measurement::percentage(shown_total, self.total).trim(),
            self.format_value(self.total)
        ));
        if self.total != 0 {
            if dropped_nodes > 0 {
                let cut = ((self.total as f64 * o.nodefraction) as i64).wrapping_abs();
                label.push(format!(
                    "Dropped {} {} (cum <= {})",
                    dropped_nodes,
                    if dropped_nodes > 1 { "nodes" } else { "node" },
                    self.format_value(cut)
                ));
            }
            if node_count > 0 && node_count < orig_count {
                label.push(format!("Showing top {node_count} nodes out of {orig_count}"));
            }
        }
        label
    }
}

/// Removes a string label key from every sample (`Profile.RemoveLabel`).
pub fn remove_label(p: &mut Profile, key: &str) {
    // Asked of the sets as they are (encoded, mostly): no set decoded for
    // the usual case of a key nothing has.
    if !p.labels.with_str(key, None).contains(&true) {
        return;
    }
    p.relabel(|set| {
        set.str_values(key)?;
        let mut set = set.clone();
        set.remove_str(key);
        Some(set)
    });
}

/// One row of a top/text report, with raw and formatted values.
#[derive(Debug, Clone)]
pub struct TextItem {
    pub name: String,
    pub inline_label: &'static str,
    pub flat: i64,
    pub cum: i64,
    pub flat_format: String,
    pub cum_format: String,
}

/// pprof's `TextItems`: the rows and the header labels of `-top`.
pub fn text_items(rpt: &mut Report) -> (Vec<TextItem>, Vec<String>) {
    let t = rpt.trimmed_graph();
    let g = &t.graph;
    let shown: i64 = g.nodes.iter().fold(0i64, |a, n| a.wrapping_add(n.flat_value()));
    let labels = rpt.report_labels(shown, g.nodes.len(), t.orig_count, t.dropped_nodes);
    let mut items = Vec::with_capacity(g.nodes.len());
    for n in &g.nodes {
        let (mut inline, mut noinline) = (false, false);
        for &e in &n.in_edges {
            let e = &g.edges[e as usize];
            if !e.live {
                continue;
            }
            if e.inline {
                inline = true;
            } else {
                noinline = true;
            }
        }
        let inline_label = match (inline, noinline) {
            (true, true) => "(partial-inline)",
            (true, false) => "(inline)",
            _ => "",
        };
        let (flat, cum) = (n.flat_value(), n.cum_value());
        items.push(TextItem {
            name: n.name.clone(),
            inline_label,
            flat,
            cum,
            flat_format: rpt.format_value(flat),
            cum_format: rpt.format_value(cum),
        });
    }
    (items, labels)
}
