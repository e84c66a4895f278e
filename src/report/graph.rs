//! The call graph of pprof's `internal/graph` (pprof.md §2.1-2.4): nodes
//! keyed by `NodeInfo`, flat and cum with recursion counted once per
//! sample, edges with inline flags, and the trimming and sort orders.
//!
//! Speed: each location is mapped to its nodes once per build (never per
//! sample), "seen in this sample" is a stamp per node instead of a set that
//! is cleared, and edges are only built for the graph that is printed.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::hash::BuildHasher;

use crate::fxhash::FxMap;
use crate::intern::Interner;
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
    let objfile = || match p.mapping_of(loc) {
        Some(m) if !m.file.is_empty() => m.file.clone(),
        _ => String::new(),
    };
    let Some(li) = line else {
        return NodeInfo { address: loc.address, objfile: objfile(), ..Default::default() };
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
        ni.objfile = objfile();
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
        // Node infos hold names from the input: hashed with a keyed hash.
        let keyed = std::collections::hash_map::RandomState::new();
        let mut infos: Interner<NodeInfo> = Interner::new();
        // Most lines share their NodeInfo with many others (every line of a
        // function, at function granularity): a cheap key of what the
        // NodeInfo is made of finds the number without building it.
        let mut by_parts: FxMap<(u32, u32, i64, i64, u64), u32> = FxMap::default();
        let mut offsets = Vec::with_capacity(p.locations.len() + 1);
        let mut ids = Vec::with_capacity(p.locations.len());
        offsets.push(0);
        for (li, loc) in p.locations.iter().enumerate() {
            for k in 0..loc.lines.len().max(1) {
                let line = loc.lines.get(k);
                let parts = (
                    line.map_or(u32::MAX, |l| l.function),
                    loc.mapping.unwrap_or(u32::MAX),
                    line.map_or(0, |l| l.line),
                    line.map_or(0, |l| l.column),
                    loc.address,
                );
                let id = match by_parts.get(&parts) {
                    Some(&id) => id,
                    None => {
                        let info = node_info(p, li, line.map(|_| k), o.obj_names);
                        let h = keyed.hash_one(&info);
                        let id = infos.intern(info, h);
                        by_parts.insert(parts, id);
                        id
                    }
                };
                ids.push(id);
            }
            offsets.push(ids.len() as u32);
        }
        let infos = infos.into_items();
        LocationNodes { infos, offsets, ids }
    }

    /// The numbering of a build restricted to `kept` (by node number):
    /// kept nodes renumbered in order of first appearance, the others
    /// `NONE`; and the NodeInfo and the old number of each new number.
    fn restrict(&self, kept: Option<&[bool]>) -> (Vec<u32>, Vec<&NodeInfo>, Vec<u32>) {
        let Some(kept) = kept else {
            return (self.ids.clone(), self.infos.iter().collect(), (0..self.infos.len() as u32).collect());
        };
        let mut remap = vec![NONE; self.infos.len()];
        let mut infos = Vec::new();
        let mut old = Vec::new();
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
                    old.push(g);
                }
                remap[g as usize]
            })
            .collect();
        (ids, infos, old)
    }

    /// A NodeSet as a mask over node numbers.
    fn mask(&self, set: &NodeSet) -> Vec<bool> {
        self.infos.iter().map(|i| set.contains(i)).collect()
    }
}

/// "Not in the graph" in a location's node list.
const NONE: u32 = u32::MAX;

/// A location's one node in `Frames::single`, when it has several.
const MULTI: u32 = u32::MAX - 1;

/// The nodes of each location as a build walks them: most locations have
/// one line and so one node, read with one load; the others go through
/// `offsets` and `ids` as in `LocationNodes`.
struct Frames<'a> {
    single: Vec<u32>,
    offsets: &'a [u32],
    ids: &'a [u32],
}

impl<'a> Frames<'a> {
    fn new(offsets: &'a [u32], ids: &'a [u32]) -> Frames<'a> {
        let single = offsets.windows(2).map(|w| if w[1] - w[0] == 1 { ids[w[0] as usize] } else { MULTI }).collect();
        Frames { single, offsets, ids }
    }
}

/// Per node, what every frame touches: its cum and the stamp of the last
/// sample that counted it, side by side so that one cache line serves both.
#[derive(Clone, Copy, Default)]
struct Cum {
    cum: i64,
    seen: u32,
}

/// Sums of one run of samples: per node flat and cum, and the edges in
/// order of first appearance.
struct Sums {
    flat: Vec<i64>,
    flat_div: Vec<i64>,
    cum: Vec<Cum>,
    cum_div: Vec<i64>,
    edges: Vec<Edge>,
    edge_ix: EdgeIndex,
}

/// Edge number by (source, destination) node. A graph restricted to a few
/// nodes (`-top`'s twenty) has few possible edges, met on most frames: a
/// table of all pairs answers with one load instead of a hash lookup.
enum EdgeIndex {
    Pairs { n: usize, table: Vec<u32> },
    Map(FxMap<u64, u32>),
}

/// Node counts up to this use `EdgeIndex::Pairs` (a 1 MiB table at most).
const PAIR_TABLE_NODES: usize = 512;

impl EdgeIndex {
    fn new(n: usize) -> EdgeIndex {
        if n <= PAIR_TABLE_NODES {
            EdgeIndex::Pairs { n, table: vec![u32::MAX; n * n] }
        } else {
            EdgeIndex::Map(FxMap::default())
        }
    }
    #[inline]
    fn get(&self, src: u32, dst: u32) -> Option<u32> {
        match self {
            EdgeIndex::Pairs { n, table } => {
                let e = table[src as usize * n + dst as usize];
                (e != u32::MAX).then_some(e)
            }
            EdgeIndex::Map(m) => m.get(&(u64::from(src) << 32 | u64::from(dst))).copied(),
        }
    }
    fn insert(&mut self, src: u32, dst: u32, e: u32) {
        match self {
            EdgeIndex::Pairs { n, table } => table[src as usize * *n + dst as usize] = e,
            EdgeIndex::Map(m) => {
                m.insert(u64::from(src) << 32 | u64::from(dst), e);
            }
        }
    }
}

impl Sums {
    fn new(n: usize) -> Sums {
        Sums::with_edge_nodes(n, n)
    }

    /// Sums over `n` nodes whose edges join `edge_nodes` nodes.
    fn with_edge_nodes(n: usize, edge_nodes: usize) -> Sums {
        Sums {
            flat: vec![0; n],
            flat_div: vec![0; n],
            cum: vec![Cum::default(); n],
            cum_div: vec![0; n],
            edges: Vec::new(),
            edge_ix: EdgeIndex::new(edge_nodes),
        }
    }

    /// pprof's per-sample loop of `newGraph` over `samples`: flat and cum
    /// by `f`'s numbering, and with `with_edges` the edges between them.
    fn add(&mut self, p: &Profile, o: &GraphOptions, f: &Frames, samples: std::ops::Range<usize>, with_edges: bool) {
        match (o.mean, with_edges) {
            (false, false) => self.add_as::<false, false>(p, o, f, f, samples),
            (false, true) => self.add_as::<false, true>(p, o, f, f, samples),
            (true, false) => self.add_as::<true, false>(p, o, f, f, samples),
            (true, true) => self.add_as::<true, true>(p, o, f, f, samples),
        }
    }

    /// The loop of `add` with two numberings: flat and cum by `sums`, the
    /// edges (and what counts as a gap in them) by `edges`. `add` passes
    /// one numbering twice; `trimmed_in_one_pass` sums every node while it
    /// follows the edges of a few. Compiled once per case, so the common
    /// one (no mean, no edges) carries no code for the others.
    fn add_as<const MEAN: bool, const EDGES: bool>(
        &mut self,
        p: &Profile,
        o: &GraphOptions,
        sums: &Frames,
        edges: &Frames,
        samples: std::ops::Range<usize>,
    ) {
        let mut edge_seen: Vec<u32> = Vec::new();
        let s = &p.samples;
        let mut stamp = 0u32;
        for i in samples {
            let vals = s.values(i);
            let w = vals[o.value_index];
            let dw = if MEAN { vals[0] } else { 0 };
            if w == 0 && dw == 0 {
                continue;
            }
            stamp = stamp.wrapping_add(1);
            if stamp == 0 {
                self.cum.iter_mut().for_each(|c| c.seen = 0);
                edge_seen.iter_mut().for_each(|x| *x = 0);
                stamp = 1;
            }
            // The edge numbering's last node and whether a node outside it
            // came after; the sum numbering's last node (the leaf, which
            // gets the flat value unless it is outside the graph).
            let mut parent = NONE;
            let mut residual = false;
            let mut leaf = NONE;
            // One node of the stack, root first; `last`: the location's
            // outermost line (not inlined into another). A macro, not a
            // closure, so that it is always inlined.
            macro_rules! visit {
                ($id:expr, $eid:expr, $last:expr) => {{
                    let id: u32 = $id;
                    leaf = id;
                    if id != NONE {
                        let u = id as usize;
                        let c = &mut self.cum[u];
                        if c.seen != stamp {
                            c.seen = stamp;
                            c.cum = c.cum.wrapping_add(w);
                            if MEAN {
                                self.cum_div[u] = self.cum_div[u].wrapping_add(dw);
                            }
                        }
                    }
                    if EDGES {
                        let eid: u32 = $eid;
                        if eid == NONE {
                            residual = true;
                        } else {
                            if parent != NONE && parent != eid {
                                self.edge(parent, eid, w, dw, stamp, residual, $last, &mut edge_seen);
                            }
                            parent = eid;
                            residual = false;
                        }
                    }
                }};
            }
            for &l in s.stack(i).iter().rev() {
                let one = sums.single[l as usize];
                if one != MULTI {
                    visit!(one, edges.single[l as usize], true);
                    continue;
                }
                let range = sums.offsets[l as usize] as usize..sums.offsets[l as usize + 1] as usize;
                let (nodes, enodes) = (&sums.ids[range.clone()], &edges.ids[range]);
                let last = nodes.len() - 1;
                for ni in (0..nodes.len()).rev() {
                    visit!(nodes[ni], enodes[ni], ni == last);
                }
            }
            if leaf != NONE {
                self.flat[leaf as usize] = self.flat[leaf as usize].wrapping_add(w);
                if MEAN {
                    self.flat_div[leaf as usize] = self.flat_div[leaf as usize].wrapping_add(dw);
                }
            }
        }
    }

    /// Counts the sample on the edge `parent → id` (once per sample).
    /// Inlined: between the few printed nodes of a `-top` it runs for about
    /// every other frame, and the call cost a third of its time.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn edge(
        &mut self,
        parent: u32,
        id: u32,
        w: i64,
        dw: i64,
        stamp: u32,
        residual: bool,
        last: bool,
        edge_seen: &mut Vec<u32>,
    ) {
        let e = match self.edge_ix.get(parent, id) {
            Some(e) => e,
            None => {
                let e = self.edges.len() as u32;
                self.edges.push(Edge {
                    src: parent,
                    dst: id,
                    weight: 0,
                    weight_div: 0,
                    residual: false,
                    inline: true,
                    live: true,
                });
                edge_seen.push(0);
                self.edge_ix.insert(parent, id, e);
                e
            }
        };
        if edge_seen[e as usize] != stamp {
            edge_seen[e as usize] = stamp;
            let edge = &mut self.edges[e as usize];
            edge.weight = edge.weight.wrapping_add(w);
            edge.weight_div = edge.weight_div.wrapping_add(dw);
            if residual {
                edge.residual = true;
            }
            if last {
                edge.inline = false;
            }
        }
    }

    /// Adds the sums of the samples that follow these: the same numbers,
    /// edges and edge order as one pass over both runs.
    fn append(&mut self, later: Sums) {
        for (x, y) in self.cum.iter_mut().zip(&later.cum) {
            x.cum = x.cum.wrapping_add(y.cum);
        }
        for (a, b) in
            [(&mut self.flat, &later.flat), (&mut self.flat_div, &later.flat_div), (&mut self.cum_div, &later.cum_div)]
        {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.wrapping_add(*y);
            }
        }
        for e in later.edges {
            match self.edge_ix.get(e.src, e.dst) {
                Some(i) => {
                    let m = &mut self.edges[i as usize];
                    m.weight = m.weight.wrapping_add(e.weight);
                    m.weight_div = m.weight_div.wrapping_add(e.weight_div);
                    m.residual |= e.residual;
                    m.inline &= e.inline;
                }
                None => {
                    self.edge_ix.insert(e.src, e.dst, self.edges.len() as u32);
                    self.edges.push(e);
                }
            }
        }
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
    let split = crate::parallel::second_core(count, PARALLEL_SAMPLES).then_some(count / 2);
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
    let (ids, infos, _) = ln.restrict(kept);
    let n = infos.len();
    let frames = Frames::new(&ln.offsets, &ids);
    let f = &frames;
    let count = p.samples.len();
    let sums = if let Some(mid) = split {
        // Two runs on two cores, added in order.
        let (mut a, b) = std::thread::scope(|sc| {
            let later = sc.spawn(|| {
                let mut b = Sums::new(n);
                b.add(p, o, f, mid..count, with_edges);
                b
            });
            let mut a = Sums::new(n);
            a.add(p, o, f, 0..mid, with_edges);
            (a, later.join().expect("graph thread"))
        });
        a.append(b);
        a
    } else {
        let mut a = Sums::new(n);
        a.add(p, o, f, 0..count, with_edges);
        a
    };
    let Sums { flat, flat_div, cum, cum_div, edges, .. } = sums;
    let cum: Vec<i64> = cum.into_iter().map(|c| c.cum).collect();
    assemble(o, infos, [flat, flat_div, cum, cum_div], edges)
}

/// The graph of the numbers of a build: per node number its NodeInfo, and
/// flat, flat_div, cum and cum_div.
fn assemble(o: &GraphOptions, infos: Vec<&NodeInfo>, sums: [Vec<i64>; 4], edges: Vec<Edge>) -> Graph {
    let [flat, flat_div, cum, cum_div] = sums;
    let n = infos.len();
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
    let ln = LocationNodes::new(p, o);
    crate::timing::mark("graph: nodes of each location");
    if order == SortOrder::Flat
        && nodecount > 0
        && let Some(t) = trimmed_in_one_pass(p, o, &ln, nodecount as usize, nodefraction, edgefraction)
    {
        crate::timing::mark("graph: one pass");
        return t;
    }
    trimmed_in_two_passes(p, o, &ln, order, nodecount, nodefraction, edgefraction)
}

/// pprof's way: the whole graph, its cutoffs and node count, then the
/// graph of the nodes kept. One numbering of the nodes serves both; the
/// first build needs no edges, as restricting a graph to some of its nodes
/// changes neither their flat (it is the leaf's) nor their cum.
fn trimmed_in_two_passes(
    p: &Profile,
    o: &GraphOptions,
    ln: &LocationNodes,
    order: SortOrder,
    nodecount: i64,
    nodefraction: f64,
    edgefraction: f64,
) -> Trimmed {
    let mut g = build_from(p, o, ln, None, false);
    crate::timing::mark("graph: first pass");
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
    let mut g = build_from(p, o, ln, kept.as_deref(), true);
    crate::timing::mark("graph: second pass");
    g.sort(order);
    g.trim_low_frequency_edges(edge_cutoff);
    Trimmed { graph: g, orig_count, dropped_nodes }
}

/// `trimmed` for `-top` (flat order, a node count) in one pass over the
/// stacks instead of two. Which nodes are printed depends only on flat
/// (the order is flat, then name; cum only decides the cutoff), and flat
/// costs one look at each sample's leaf: so the printed nodes are guessed
/// from flat first, then one pass sums every node's cum and the edges
/// between the guessed nodes. The guess is checked against the cutoff with
/// the real cum; when it is wrong (or the count keeps every node), None,
/// and the caller builds as pprof does.
fn trimmed_in_one_pass(
    p: &Profile,
    o: &GraphOptions,
    ln: &LocationNodes,
    nodecount: usize,
    nodefraction: f64,
    edgefraction: f64,
) -> Option<Trimmed> {
    let n = ln.infos.len();
    let s = &p.samples;
    // Flat: the innermost node of each sample's leaf location.
    let (mut flat, mut flat_div) = (vec![0i64; n], vec![0i64; n]);
    for i in 0..s.len() {
        let vals = s.values(i);
        let (w, dw) = (vals[o.value_index], if o.mean { vals[0] } else { 0 });
        if w == 0 && dw == 0 {
            continue;
        }
        if let Some(&leaf) = s.stack(i).first() {
            let u = ln.ids[ln.offsets[leaf as usize] as usize] as usize;
            flat[u] = flat[u].wrapping_add(w);
            flat_div[u] = flat_div[u].wrapping_add(dw);
        }
    }
    // The guess: the first `nodecount` by flat among the nodes with flat.
    let mut cand: Vec<u32> = (0..n as u32).filter(|&u| flat[u as usize] != 0).collect();
    if cand.len() < nodecount {
        return None;
    }
    cand.select_nth_unstable_by_key(nodecount - 1, |&u| std::cmp::Reverse(flat[u as usize].wrapping_abs()));
    let edge_flat = flat[cand[nodecount - 1] as usize].wrapping_abs();
    let mut near: Vec<Node> = cand
        .iter()
        .filter(|&&u| flat[u as usize].wrapping_abs() >= edge_flat)
        .map(|&u| Node {
            id: u,
            info: ln.infos[u as usize].clone(),
            name: ln.infos[u as usize].printable_name(),
            flat: flat[u as usize],
            flat_div: 0,
            cum: 0,
            cum_div: 0,
            in_edges: Vec::new(),
            out_edges: Vec::new(),
        })
        .collect();
    near.sort_by(|l, r| {
        if node_less(l, r, SortOrder::Flat) {
            Ordering::Less
        } else if node_less(r, l, SortOrder::Flat) {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
    near.truncate(nodecount);
    let mut guess = vec![false; n];
    for nd in &near {
        guess[nd.id as usize] = true;
    }
    let (kept_ids, kept_infos, old) = ln.restrict(Some(&guess));
    let all = Frames::new(&ln.offsets, &ln.ids);
    let kept = Frames::new(&ln.offsets, &kept_ids);
    let count = s.len();
    let run = |range: std::ops::Range<usize>| {
        let mut sums = Sums::with_edge_nodes(n, kept_infos.len());
        if o.mean {
            sums.add_as::<true, true>(p, o, &all, &kept, range);
        } else {
            sums.add_as::<false, true>(p, o, &all, &kept, range);
        }
        sums
    };
    let sums = if crate::parallel::second_core(count, PARALLEL_SAMPLES) {
        let mid = count / 2;
        let (mut a, b) = std::thread::scope(|sc| {
            let later = sc.spawn(|| run(mid..count));
            (run(0..mid), later.join().expect("graph thread"))
        });
        a.append(b);
        a
    } else {
        run(0..count)
    };
    let Sums { cum, cum_div, edges, .. } = sums;
    // The check, with `trimmed`'s steps on the numbers of the whole graph.
    let listed = |u: usize| {
        let (f, c) = (flat[u], cum[u].cum);
        !(c == 0 && f == 0) && !(o.drop_negative && (f < 0 || (f == 0 && c < 0)))
    };
    let total = (0..n).filter(|&u| listed(u)).fold(0i64, |a, u| a.wrapping_add(flat[u]));
    let node_cutoff = ((total as f64 * nodefraction) as i64).wrapping_abs();
    let edge_cutoff = ((total as f64 * edgefraction) as i64).wrapping_abs();
    let eligible = |u: usize| listed(u) && (node_cutoff <= 0 || cum[u].cum.wrapping_abs() >= node_cutoff);
    let listed_count = (0..n).filter(|&u| listed(u)).count();
    let eligible_count = (0..n).filter(|&u| eligible(u)).count();
    if nodecount >= eligible_count || near.iter().any(|nd| !eligible(nd.id as usize)) {
        return None;
    }
    let pick = |v: &[i64]| -> Vec<i64> { old.iter().map(|&u| v[u as usize]).collect() };
    let cum_all: Vec<i64> = cum.iter().map(|c| c.cum).collect();
    let sums = [pick(&flat), pick(&flat_div), pick(&cum_all), pick(&cum_div)];
    let mut g = assemble(o, kept_infos, sums, edges);
    g.sort(SortOrder::Flat);
    g.trim_low_frequency_edges(edge_cutoff);
    Some(Trimmed { graph: g, orig_count: eligible_count, dropped_nodes: listed_count - eligible_count })
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

    fn trimmed_summary(t: &Trimmed) -> String {
        format!("{} {}\n{}", t.orig_count, t.dropped_nodes, summary(&t.graph))
    }

    #[test]
    fn one_pass_trims_as_two() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/profiles");
        let mut checked = 0;
        for name in ["cpu.pb.gz", "heap-2.pb.gz", "allocs.pb.gz", "goroutine.pb.gz", "mutex.pb.gz"] {
            let data = std::fs::read(format!("{dir}/{name}")).expect("testdata");
            let p = crate::decode::decode(name, &data, 1 << 30).expect("decodes").profile;
            for value_index in 0..p.sample_types.len() {
                for mean in [false, true] {
                    let o = GraphOptions { value_index, mean, obj_names: false, drop_negative: false };
                    let ln = LocationNodes::new(&p, &o);
                    for nodecount in [1, 2, 3, 5, 8, 20, 50] {
                        for nodefraction in [0.0, 0.005, 0.05] {
                            let two =
                                trimmed_in_two_passes(&p, &o, &ln, SortOrder::Flat, nodecount, nodefraction, 0.001);
                            if let Some(one) = trimmed_in_one_pass(&p, &o, &ln, nodecount as usize, nodefraction, 0.001)
                            {
                                assert_eq!(
                                    trimmed_summary(&one),
                                    trimmed_summary(&two),
                                    "{name} type {value_index} mean {mean} nodecount {nodecount} fraction {nodefraction}"
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        // The guess holds in most of these cases; a few fall back.
        assert!(checked > 100, "only {checked} cases took the one-pass way");
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
