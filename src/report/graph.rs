//! The call graph of pprof's `internal/graph` (pprof.md §2.1-2.4): nodes
//! keyed by `NodeInfo`, flat and cum with recursion counted once per
//! sample, edges with inline flags, and the trimming and sort orders.
//!
//! Speed: each location is mapped to its nodes once per build (never per
//! sample), "seen in this sample" is a stamp per node instead of a set that
//! is cleared, and edges are only built for the graph that is printed.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

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

/// The nodes of every location, computed once per profile and options:
/// the NodeInfo of each distinct node (numbered in order of first
/// appearance, locations in order and each one's lines innermost first, as
/// pprof meets them) and, per location, the node of each of its lines. A
/// location without lines has one node. The graph builds then work on
/// these numbers and never hash a NodeInfo again.
pub struct LocationNodes {
    infos: Vec<NodeInfo>,
    /// `ids[offsets[l]..offsets[l + 1]]` are location l's nodes.
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl LocationNodes {
    pub fn new(p: &Profile, o: &GraphOptions) -> LocationNodes {
        let mut index: HashMap<NodeInfo, u32> = HashMap::with_capacity(p.locations.len());
        let mut infos = Vec::new();
        let mut offsets = Vec::with_capacity(p.locations.len() + 1);
        let mut ids = Vec::with_capacity(p.locations.len());
        offsets.push(0);
        for (li, loc) in p.locations.iter().enumerate() {
            for k in 0..loc.lines.len().max(1) {
                let info = node_info(p, li, if loc.lines.is_empty() { None } else { Some(k) }, o.obj_names);
                let id = match index.get(&info) {
                    Some(&id) => id,
                    None => {
                        let id = infos.len() as u32;
                        infos.push(info.clone());
                        index.insert(info, id);
                        id
                    }
                };
                ids.push(id);
            }
            offsets.push(ids.len() as u32);
        }
        LocationNodes { infos, offsets, ids }
    }

    /// The numbering of a build restricted to `kept` (by node number):
    /// kept nodes renumbered in order of first appearance, the others
    /// `NONE`; and the NodeInfo of each new number.
    fn restrict(&self, kept: Option<&[bool]>) -> (Vec<u32>, Vec<&NodeInfo>) {
        let Some(kept) = kept else {
            return (self.ids.clone(), self.infos.iter().collect());
        };
        let mut remap = vec![NONE; self.infos.len()];
        let mut infos = Vec::new();
        let ids = self
            .ids
            .iter()
            .map(|&g| {
                if !kept[g as usize] {
                    return NONE;
                }
                if remap[g as usize] == NONE {
                    remap[g as usize] = infos.len() as u32;
                    infos.push(&self.infos[g as usize]);
                }
                remap[g as usize]
            })
            .collect();
        (ids, infos)
    }

    /// A NodeSet as a mask over node numbers.
    fn mask(&self, set: &NodeSet) -> Vec<bool> {
        self.infos.iter().map(|i| set.contains(i)).collect()
    }
}

/// "Not in the graph" in a location's node list.
const NONE: u32 = u32::MAX;

/// Sums of one run of samples: per node flat and cum, and the edges in
/// order of first appearance.
struct Sums {
    flat: Vec<i64>,
    flat_div: Vec<i64>,
    cum: Vec<i64>,
    cum_div: Vec<i64>,
    edges: Vec<Edge>,
    edge_ix: HashMap<u64, u32, BuildHasherDefault<Fx>>,
}

impl Sums {
    fn new(n: usize) -> Sums {
        Sums {
            flat: vec![0; n],
            flat_div: vec![0; n],
            cum: vec![0; n],
            cum_div: vec![0; n],
            edges: Vec::new(),
            edge_ix: HashMap::default(),
        }
    }

    /// pprof's per-sample loop of `newGraph` over `samples`.
    fn add(
        &mut self,
        p: &Profile,
        o: &GraphOptions,
        offsets: &[u32],
        ids: &[u32],
        samples: std::ops::Range<usize>,
        with_edges: bool,
    ) {
        let mut seen = vec![0u32; self.flat.len()];
        let mut edge_seen: Vec<u32> = Vec::new();
        let s = &p.samples;
        let mut stamp = 0u32;
        for i in samples {
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
            let mut parent = NONE;
            let mut residual = false;
            for &l in s.stack(i).iter().rev() {
                let nodes = &ids[offsets[l as usize] as usize..offsets[l as usize + 1] as usize];
                let last = nodes.len() - 1;
                for ni in (0..nodes.len()).rev() {
                    let id = nodes[ni];
                    if id == NONE {
                        residual = true;
                        continue;
                    }
                    let u = id as usize;
                    if seen[u] != stamp {
                        seen[u] = stamp;
                        self.cum[u] = self.cum[u].wrapping_add(w);
                        self.cum_div[u] = self.cum_div[u].wrapping_add(dw);
                    }
                    if with_edges && parent != NONE && parent != id {
                        let edges = &mut self.edges;
                        let e = *self.edge_ix.entry(u64::from(parent) << 32 | u64::from(id)).or_insert_with(|| {
                            edges.push(Edge {
                                src: parent,
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
                            let edge = &mut self.edges[e as usize];
                            edge.weight = edge.weight.wrapping_add(w);
                            edge.weight_div = edge.weight_div.wrapping_add(dw);
                            if residual {
                                edge.residual = true;
                            }
                            if ni == last {
                                edge.inline = false;
                            }
                        }
                    }
                    parent = id;
                    residual = false;
                }
            }
            if parent != NONE && !residual {
                self.flat[parent as usize] = self.flat[parent as usize].wrapping_add(w);
                self.flat_div[parent as usize] = self.flat_div[parent as usize].wrapping_add(dw);
            }
        }
    }

    /// Adds the sums of the samples that follow these: the same numbers,
    /// edges and edge order as one pass over both runs.
    fn append(&mut self, later: Sums) {
        for (a, b) in [
            (&mut self.flat, &later.flat),
            (&mut self.flat_div, &later.flat_div),
            (&mut self.cum, &later.cum),
            (&mut self.cum_div, &later.cum_div),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.wrapping_add(*y);
            }
        }
        for e in later.edges {
            let key = u64::from(e.src) << 32 | u64::from(e.dst);
            match self.edge_ix.get(&key) {
                Some(&i) => {
                    let m = &mut self.edges[i as usize];
                    m.weight = m.weight.wrapping_add(e.weight);
                    m.weight_div = m.weight_div.wrapping_add(e.weight_div);
                    m.residual |= e.residual;
                    m.inline &= e.inline;
                }
                None => {
                    self.edge_ix.insert(key, self.edges.len() as u32);
                    self.edges.push(e);
                }
            }
        }
    }
}

/// FxHash for the edge keys (two node numbers).
#[derive(Default)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Below this many samples a second thread costs more than it saves.
const PARALLEL_SAMPLES: usize = 20_000;

/// pprof's `newGraph`, optionally restricted to `kept` nodes; edges are
/// built only when `with_edges`.
pub fn build(p: &Profile, o: &GraphOptions, kept: Option<&NodeSet>, with_edges: bool) -> Graph {
    let ln = LocationNodes::new(p, o);
    let mask = kept.map(|k| ln.mask(k));
    build_from(p, o, &ln, mask.as_deref(), with_edges)
}

/// `build` on precomputed location nodes, `kept` a mask over their numbers.
pub fn build_from(p: &Profile, o: &GraphOptions, ln: &LocationNodes, kept: Option<&[bool]>, with_edges: bool) -> Graph {
    let count = p.samples.len();
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let split = (count >= PARALLEL_SAMPLES && threads > 1).then_some(count / 2);
    build_split(p, o, ln, kept, with_edges, split)
}

/// `build_from` with the samples after `split` summed on a second thread.
fn build_split(
    p: &Profile,
    o: &GraphOptions,
    ln: &LocationNodes,
    kept: Option<&[bool]>,
    with_edges: bool,
    split: Option<usize>,
) -> Graph {
    let (ids, infos) = ln.restrict(kept);
    let n = infos.len();
    let offsets = &ln.offsets;
    let count = p.samples.len();
    let sums = if let Some(mid) = split {
        // Two runs on two cores, added in order.
        let (mut a, b) = std::thread::scope(|sc| {
            let later = sc.spawn(|| {
                let mut b = Sums::new(n);
                b.add(p, o, offsets, &ids, mid..count, with_edges);
                b
            });
            let mut a = Sums::new(n);
            a.add(p, o, offsets, &ids, 0..mid, with_edges);
            (a, later.join().expect("graph thread"))
        });
        a.append(b);
        a
    } else {
        let mut a = Sums::new(n);
        a.add(p, o, offsets, &ids, 0..count, with_edges);
        a
    };
    let Sums { flat, flat_div, cum, cum_div, edges, .. } = sums;
    // selectNodesForGraph: drop empty (and, on request, negative) nodes
    // from the list; their names stay for the edges that reach them.
    let names: Vec<String> = infos.iter().map(|i| i.printable_name()).collect();
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
            info: info.clone(),
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
        SortOrder::Flat => (l.flat.wrapping_abs(), r.flat.wrapping_abs(), l.cum.wrapping_abs(), r.cum.wrapping_abs()),
        SortOrder::Cum => (l.cum.wrapping_abs(), r.cum.wrapping_abs(), l.flat.wrapping_abs(), r.flat.wrapping_abs()),
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
        self.nodes.iter().fold(0i64, |a, n| a.wrapping_add(n.flat))
    }

    pub fn node_set(&self, cutoff: i64) -> NodeSet {
        self.nodes.iter().filter(|n| n.cum.wrapping_abs() >= cutoff).map(|n| n.info.clone()).collect()
    }

    /// Drops edges lighter than `cutoff`; returns how many.
    pub fn trim_low_frequency_edges(&mut self, cutoff: i64) -> usize {
        let mut dropped = 0;
        for e in &mut self.edges {
            if e.live && e.weight.wrapping_abs() < cutoff {
                e.live = false;
                dropped += 1;
            }
        }
        dropped
    }

    /// The live edges of a list, in pprof's `EdgeMap.Sort` order.
    pub fn sorted_edges(&self, list: &[u32]) -> Vec<&Edge> {
        let mut v: Vec<&Edge> = list.iter().map(|&e| &self.edges[e as usize]).filter(|e| e.live).collect();
        v.sort_by(|a, b| {
            if a.weight != b.weight {
                let (x, y) = (a.weight.wrapping_abs(), b.weight.wrapping_abs());
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
    // One numbering of the nodes for every step; the steps before the
    // last need no rebuild: restricting a graph to some of its nodes
    // changes neither their flat (it is the leaf's) nor their cum.
    let ln = LocationNodes::new(p, o);
    let mut g = build_from(p, o, &ln, None, false);
    let total = g.flat_sum();
    let node_cutoff = ((total as f64 * nodefraction) as i64).wrapping_abs();
    let edge_cutoff = ((total as f64 * edgefraction) as i64).wrapping_abs();
    let mask = |g: &Graph| -> Vec<bool> {
        let mut m = vec![false; g.names.len()];
        for n in &g.nodes {
            m[n.id as usize] = true;
        }
        m
    };
    let mut kept: Option<Vec<bool>> = None;
    let mut dropped_nodes = 0;
    let mut count = g.nodes.len();
    if node_cutoff > 0 {
        g.nodes.retain(|n| n.cum.wrapping_abs() >= node_cutoff);
        if g.nodes.len() != count {
            dropped_nodes = count - g.nodes.len();
            count = g.nodes.len();
            kept = Some(mask(&g));
        }
    }
    let orig_count = count;
    if nodecount > 0 && (nodecount as usize) < count {
        // The node selection needs the sorted node list of the current step.
        g.sort(order);
        g.nodes.truncate(nodecount as usize);
        kept = Some(mask(&g));
    }
    drop(g);
    let mut g = build_from(p, o, &ln, kept.as_deref(), true);
    g.sort(order);
    g.trim_low_frequency_edges(edge_cutoff);
    Trimmed { graph: g, orig_count, dropped_nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(g: &Graph) -> String {
        let mut out = format!("{:?}\n", g.names);
        for n in &g.nodes {
            out += &format!(
                "{} {} {} {} {} {} {:?} {:?}\n",
                n.id, n.name, n.flat, n.flat_div, n.cum, n.cum_div, n.in_edges, n.out_edges
            );
        }
        for e in &g.edges {
            out += &format!("{:?}\n", e);
        }
        out
    }

    #[test]
    fn two_threads_sum_as_one() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/profiles");
        for name in ["cpu.pb.gz", "heap-2.pb.gz", "allocs.pb.gz", "goroutine.pb.gz"] {
            let data = std::fs::read(format!("{dir}/{name}")).expect("testdata");
            let p = crate::decode::decode(name, &data, 1 << 30).expect("decodes").profile;
            for (value_index, mean) in [(0, false), (p.sample_types.len() - 1, false), (p.sample_types.len() - 1, true)]
            {
                let o = GraphOptions { value_index, mean, obj_names: false, drop_negative: false };
                let ln = LocationNodes::new(&p, &o);
                let cut: Vec<bool> = (0..ln.infos.len()).map(|i| i % 3 != 1).collect();
                for kept in [None, Some(cut.as_slice())] {
                    let one = summary(&build_split(&p, &o, &ln, kept, true, None));
                    for split in [0, 1, p.samples.len() / 3, p.samples.len() / 2, p.samples.len()] {
                        let two = summary(&build_split(&p, &o, &ln, kept, true, Some(split)));
                        assert_eq!(one, two, "{name} split at {split}");
                    }
                }
            }
        }
    }
}
