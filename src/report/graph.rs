//! The call graph of pprof's `internal/graph` (pprof.md §2.1-2.4): nodes
//! keyed by `NodeInfo`, flat and cum with recursion counted once per
//! sample, edges with inline flags, and the trimming and sort orders.
//!
//! Speed: each location is mapped to its nodes once per build (never per
//! sample), "seen in this sample" is a stamp per node instead of a set that
//! is cleared, and edges are only built for the graph that is printed.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::profile::Profile;

/// What identifies a node; field order and meaning follow pprof's NodeInfo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodeInfo {
    pub name: String,
    pub orig_name: String,
    pub address: u64,
    pub file: String,
    pub start_line: i64,
    pub lineno: i64,
    pub columnno: i64,
    pub objfile: String,
}

impl NodeInfo {
    /// pprof's `NameComponents` joined by spaces.
    pub fn printable_name(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(3);
        if self.address != 0 {
            parts.push(format!("{:016x}", self.address));
        }
        if !self.name.is_empty() {
            parts.push(self.name.clone());
        }
        if self.lineno != 0 {
            let mut s = format!("{}:{}", self.file, self.lineno);
            if self.columnno != 0 {
                s.push_str(&format!(":{}", self.columnno));
            }
            parts.push(s);
        } else if !self.file.is_empty() {
            parts.push(self.file.clone());
        } else if !self.name.is_empty() {
        } else if !self.objfile.is_empty() {
            parts.push(format!("[{}]", go_base(&self.objfile)));
        } else {
            parts.push("<unknown>".to_string());
        }
        parts.join(" ")
    }

    /// Go's `fmt.Sprint` of the struct, pprof's last-resort tie-breaker.
    fn sprint(&self) -> String {
        format!(
            "{{{} {} {} {} {} {} {} {}}}",
            self.name,
            self.orig_name,
            self.address,
            self.file,
            self.start_line,
            self.lineno,
            self.columnno,
            self.objfile
        )
    }
}

/// Go's `filepath.Base`.
pub fn go_base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// Go's `filepath.Clean` (Unix).
pub fn go_clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            p => out.push(p),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    /// Stable id: the index of this node's name in `Graph::names`.
    pub id: u32,
    pub info: NodeInfo,
    pub name: String,
    pub flat: i64,
    pub flat_div: i64,
    pub cum: i64,
    pub cum_div: i64,
    /// Edge indices into `Graph::edges`.
    pub in_edges: Vec<u32>,
    pub out_edges: Vec<u32>,
}

impl Node {
    pub fn flat_value(&self) -> i64 {
        if self.flat_div == 0 { self.flat } else { self.flat / self.flat_div }
    }
    pub fn cum_value(&self) -> i64 {
        if self.cum_div == 0 { self.cum } else { self.cum / self.cum_div }
    }
}

/// An edge between node ids. Like pprof's, an edge survives when one end
/// is left out of the node list (all-zero nodes): `-tree` and the inline
/// markers still see it.
#[derive(Debug, Clone)]
pub struct Edge {
    pub src: u32,
    pub dst: u32,
    pub weight: i64,
    pub weight_div: i64,
    pub residual: bool,
    pub inline: bool,
    /// False once trimmed away by `trim_low_frequency_edges`.
    pub live: bool,
}

#[derive(Debug, Default)]
pub struct Graph {
    /// The nodes of the report, in sort order once sorted.
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Printable name of every node id, listed or not.
    pub names: Vec<String>,
}

pub type NodeSet = HashSet<NodeInfo>;

/// How sample values become node weights.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    pub value_index: usize,
    /// `-mean`: divide by value[0].
    pub mean: bool,
    /// Keep object file and start line in keys (raw/list/disasm-like reports).
    pub obj_names: bool,
    pub drop_negative: bool,
}

/// pprof's `nodeInfo` for one line of a location (`None` = no function).
pub fn node_info(p: &Profile, loc_ix: usize, line: Option<usize>, obj_names: bool) -> NodeInfo {
    let loc = &p.locations[loc_ix];
    let objfile = match p.mapping_of(loc) {
        Some(m) if !m.file.is_empty() => m.file.clone(),
        _ => String::new(),
    };
    let Some(li) = line else {
        return NodeInfo { address: loc.address, objfile, ..Default::default() };
    };
    let ln = loc.lines[li];
    let f = &p.functions[ln.function as usize];
    let mut ni = NodeInfo {
        address: loc.address,
        lineno: ln.line,
        columnno: ln.column,
        name: f.name.clone(),
        ..Default::default()
    };
    if !f.filename.is_empty() {
        ni.file = go_clean(&f.filename);
    }
    if obj_names || ni.name.is_empty() {
        ni.objfile = objfile;
        ni.start_line = f.start_line;
    }
    ni
}

/// Per location, the node of each line (innermost first), or None when the
/// node is not in the kept set. A location without lines has one node.
fn location_nodes(
    p: &Profile,
    o: &GraphOptions,
    kept: Option<&NodeSet>,
    index: &mut HashMap<NodeInfo, u32>,
    infos: &mut Vec<NodeInfo>,
) -> Vec<Vec<Option<u32>>> {
    let mut out = Vec::with_capacity(p.locations.len());
    for (li, loc) in p.locations.iter().enumerate() {
        let n = loc.lines.len().max(1);
        let mut v = Vec::with_capacity(n);
        for k in 0..n {
            let info = node_info(p, li, if loc.lines.is_empty() { None } else { Some(k) }, o.obj_names);
            if kept.is_some_and(|s| !s.contains(&info)) {
                v.push(None);
                continue;
            }
            let id = match index.get(&info) {
                Some(&id) => id,
                None => {
                    let id = infos.len() as u32;
                    infos.push(info.clone());
                    index.insert(info, id);
                    id
                }
            };
            v.push(Some(id));
        }
        out.push(v);
    }
    out
}

/// pprof's `newGraph`, optionally restricted to `kept` nodes; edges are
/// built only when `with_edges`.
pub fn build(p: &Profile, o: &GraphOptions, kept: Option<&NodeSet>, with_edges: bool) -> Graph {
    let mut index = HashMap::new();
    let mut infos = Vec::new();
    let loc_nodes = location_nodes(p, o, kept, &mut index, &mut infos);
    let n = infos.len();
    let mut flat = vec![0i64; n];
    let mut flat_div = vec![0i64; n];
    let mut cum = vec![0i64; n];
    let mut cum_div = vec![0i64; n];
    let mut seen = vec![0u32; n];
    let mut edges: Vec<Edge> = Vec::new();
    let mut edge_ix: HashMap<(u32, u32), u32> = HashMap::new();
    let mut edge_seen: Vec<u32> = Vec::new();
    let s = &p.samples;
    let mut stamp = 0u32;
    for i in 0..s.len() {
        let vals = s.values(i);
        let w = vals[o.value_index];
        let dw = if o.mean { vals[0] } else { 0 };
        if w == 0 && dw == 0 {
            continue;
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            seen.iter_mut().for_each(|x| *x = 0);
            edge_seen.iter_mut().for_each(|x| *x = 0);
            stamp = 1;
        }
        let mut parent: Option<u32> = None;
        let mut residual = false;
        for &l in s.stack(i).iter().rev() {
            let nodes = &loc_nodes[l as usize];
            let last = nodes.len() - 1;
            for ni in (0..nodes.len()).rev() {
                let Some(id) = nodes[ni] else {
                    residual = true;
                    continue;
                };
                let u = id as usize;
                if seen[u] != stamp {
                    seen[u] = stamp;
                    cum[u] += w;
                    cum_div[u] += dw;
                }
                if with_edges {
                    if let Some(par) = parent {
                        if par != id {
                            let e = *edge_ix.entry((par, id)).or_insert_with(|| {
                                edges.push(Edge {
                                    src: par,
                                    dst: id,
                                    weight: 0,
                                    weight_div: 0,
                                    residual: false,
                                    inline: true,
                                    live: true,
                                });
                                edge_seen.push(0);
                                (edges.len() - 1) as u32
                            });
                            if edge_seen[e as usize] != stamp {
                                edge_seen[e as usize] = stamp;
                                let edge = &mut edges[e as usize];
                                edge.weight += w;
                                edge.weight_div += dw;
                                if residual {
                                    edge.residual = true;
                                }
                                if ni == last {
                                    edge.inline = false;
                                }
                            }
                        }
                    }
                }
                parent = Some(id);
                residual = false;
            }
        }
        if let Some(par) = parent {
            if !residual {
                flat[par as usize] += w;
                flat_div[par as usize] += dw;
            }
        }
    }
    // selectNodesForGraph: drop empty (and, on request, negative) nodes
    // from the list; their names stay for the edges that reach them.
    let names: Vec<String> = infos.iter().map(NodeInfo::printable_name).collect();
    let mut in_edges: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut out_edges: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        out_edges[e.src as usize].push(i as u32);
        in_edges[e.dst as usize].push(i as u32);
    }
    let mut nodes = Vec::new();
    for (u, info) in infos.into_iter().enumerate() {
        if cum[u] == 0 && flat[u] == 0 {
            continue;
        }
        if o.drop_negative && (flat[u] < 0 || (flat[u] == 0 && cum[u] < 0)) {
            continue;
        }
        nodes.push(Node {
            id: u as u32,
            info,
            name: names[u].clone(),
            flat: flat[u],
            flat_div: flat_div[u],
            cum: cum[u],
            cum_div: cum_div[u],
            in_edges: std::mem::take(&mut in_edges[u]),
            out_edges: std::mem::take(&mut out_edges[u]),
        });
    }
    Graph { nodes, edges, names }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Flat,
    Cum,
}

/// pprof's `comparePrintableName`: (equal, less).
fn compare_printable(l: &Node, r: &Node) -> (bool, bool) {
    if l.info == r.info {
        return (true, false);
    }
    if l.info.address != 0 && r.info.address != 0 && l.info.address != r.info.address {
        return (false, l.info.address < r.info.address);
    }
    (false, l.name < r.name)
}

fn node_less(l: &Node, r: &Node, order: SortOrder) -> bool {
    let (a1, b1, a2, b2) = match order {
        SortOrder::Flat => (l.flat.abs(), r.flat.abs(), l.cum.abs(), r.cum.abs()),
        SortOrder::Cum => (l.cum.abs(), r.cum.abs(), l.flat.abs(), r.flat.abs()),
    };
    if a1 != b1 {
        return a1 > b1;
    }
    let (equal, less) = compare_printable(l, r);
    if !equal {
        return less;
    }
    if a2 != b2 {
        return a2 > b2;
    }
    l.info.sprint() < r.info.sprint()
}

impl Graph {
    /// Sorts the node list in place (edges refer to ids, not positions).
    pub fn sort(&mut self, order: SortOrder) {
        self.nodes.sort_by(|l, r| {
            if node_less(l, r, order) {
                Ordering::Less
            } else if node_less(r, l, order) {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        });
    }

    /// Σ raw flat (`Nodes.Sum`), the base of the trimming cutoffs.
    pub fn flat_sum(&self) -> i64 {
        self.nodes.iter().map(|n| n.flat).sum()
    }

    pub fn node_set(&self, cutoff: i64) -> NodeSet {
        self.nodes.iter().filter(|n| n.cum.abs() >= cutoff).map(|n| n.info.clone()).collect()
    }

    /// Drops edges lighter than `cutoff`; returns how many.
    pub fn trim_low_frequency_edges(&mut self, cutoff: i64) -> usize {
        let mut dropped = 0;
        for e in &mut self.edges {
            if e.live && e.weight.abs() < cutoff {
                e.live = false;
                dropped += 1;
            }
        }
        dropped
    }

    /// The live edges of a list, in pprof's `EdgeMap.Sort` order.
    pub fn sorted_edges(&self, list: &[u32], by_src: bool) -> Vec<&Edge> {
        let _ = by_src;
        let mut v: Vec<&Edge> = list.iter().map(|&e| &self.edges[e as usize]).filter(|e| e.live).collect();
        v.sort_by(|a, b| {
            if a.weight != b.weight {
                let (x, y) = (a.weight.abs(), b.weight.abs());
                if x != y {
                    return y.cmp(&x);
                }
                return Ordering::Equal;
            }
            let (fa, fb) = (&self.names[a.src as usize], &self.names[b.src as usize]);
            if fa != fb {
                return fa.cmp(fb);
            }
            self.names[a.dst as usize].cmp(&self.names[b.dst as usize])
        });
        v
    }
}

/// The graph a text report prints, with pprof's three refinement steps
/// (`newTrimmedGraph`): node cutoff, then nodecount, then edge trimming.
pub struct Trimmed {
    pub graph: Graph,
    pub orig_count: usize,
    pub dropped_nodes: usize,
}

pub fn trimmed(
    p: &Profile,
    o: &GraphOptions,
    order: SortOrder,
    nodecount: i64,
    nodefraction: f64,
    edgefraction: f64,
) -> Trimmed {
    let first = build(p, o, None, false);
    let total = first.flat_sum();
    let node_cutoff = ((total as f64 * nodefraction) as i64).abs();
    let edge_cutoff = ((total as f64 * edgefraction) as i64).abs();
    let mut kept: Option<NodeSet> = None;
    let mut dropped_nodes = 0;
    let mut count = first.nodes.len();
    let mut graph = Some(first);
    if node_cutoff > 0 {
        let set = graph.as_ref().map(|g| g.node_set(node_cutoff)).unwrap_or_default();
        if set.len() != count {
            dropped_nodes = count - set.len();
            count = set.len();
            kept = Some(set);
            graph = None;
        }
    }
    let orig_count = count;
    if nodecount > 0 && (nodecount as usize) < count {
        // The node selection needs the sorted node list of the current step.
        let mut g = match graph.take() {
            Some(g) => g,
            None => build(p, o, kept.as_ref(), false),
        };
        g.sort(order);
        let set: NodeSet = g.nodes.iter().take(nodecount as usize).map(|n| n.info.clone()).collect();
        kept = Some(set);
    }
    let mut g = build(p, o, kept.as_ref(), true);
    g.sort(order);
    g.trim_low_frequency_edges(edge_cutoff);
    Trimmed { graph: g, orig_count, dropped_nodes }
}
