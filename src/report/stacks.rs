//! The call tree of a report, root first, for flame graphs and folded
//! stacks (`pa flame`).
//!
//! Every sample of the filtered, aggregated profile is walked from the root
//! (outermost caller) to the leaf; each location contributes one frame per
//! line, outermost line first, so inlined functions are frames of their own.
//! A frame's name is pprof's printable name at the report's granularity
//! (`func` for functions, `func file:line` for lines). Equal name paths are
//! one node, so a node's `self_value` is exactly the sum of the sample values
//! of that stack, and `cum` the sum of every stack through it.
//!
//! Differential reports (`--base`/`--diff-base`): the driver marks the base
//! samples with the `pprof::base` label and negates them; the tree keeps
//! them apart (`base_cum`, `base_self`, positive) from the new profile's
//! values (`cum`, `self_value`), so a renderer can draw the new profile's
//! shape coloured by the change, or print the net value (new minus base).
//!
//! The tree is built once per report from location frames computed once
//! per location (never per sample), top-down (`CallTree::build_pruned`), so
//! a flame graph pays only for the frames it draws.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::profile::rawbytes;
use crate::report::Report;
use crate::report::graph::node_info;

/// A frame name and the Go package it is coloured by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameName {
    /// pprof's printable name (may carry escaped invalid bytes, see
    /// `profile::rawbytes`).
    pub name: String,
    /// The package of the frame's function (`package_of`), or the whole
    /// name when the granularity has no function names.
    pub package: String,
}

/// One node of the call tree. Node 0 is the synthetic root (no frame).
#[derive(Debug, Clone, Default)]
pub struct TreeNode {
    /// Index into `CallTree::frames`; `u32::MAX` for the root.
    pub frame: u32,
    pub parent: u32,
    pub depth: u32,
    /// The children are the nodes `first_child..first_child + child_count`:
    /// a node's children are created together, so one range holds them and
    /// a tree of millions of nodes needs no list per node.
    pub first_child: u32,
    pub child_count: u32,
    /// Sum of the (new) profile's values of every stack through this node.
    pub cum: i64,
    /// Sum of the values of the stacks that end at this node.
    pub self_value: i64,
    /// Differential only: the base profile's values (positive).
    pub base_cum: i64,
    pub base_self: i64,
}

impl TreeNode {
    /// New minus base (the plain value when there is no base).
    pub fn net_cum(&self) -> i64 {
        self.cum.wrapping_sub(self.base_cum)
    }
    pub fn net_self(&self) -> i64 {
        self.self_value.wrapping_sub(self.base_self)
    }
    pub fn children(&self) -> std::ops::Range<u32> {
        self.first_child..self.first_child + self.child_count
    }
    /// Whether a flame graph whose narrowest frame is worth `min` draws
    /// this node, given that it draws its parent: it needs a positive
    /// (new) value, and at least `min` unless it is a child of the root.
    pub fn wide_enough(&self, min: i64) -> bool {
        self.cum > 0 && (self.cum >= min || self.depth == 1)
    }
}

#[derive(Debug, Clone)]
pub struct CallTree {
    pub frames: Vec<FrameName>,
    pub nodes: Vec<TreeNode>,
    /// Built leaf first (`--reverse`: callers below their callees).
    pub reversed: bool,
    /// Some samples came from a base profile.
    pub differential: bool,
    /// Built by `build_pruned`: some nodes were left out, so the nodes'
    /// `self_value`/`base_self` are not every stack's value.
    pub pruned: bool,
}

/// One folded line: the frames (root first) and the values of that stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedLine {
    /// Frames joined by `;`, each escaped by the `escape` function given.
    pub stack: String,
    /// The new (or only) profile's value.
    pub value: i64,
    /// The base profile's value (0 when not differential).
    pub base: i64,
}

/// A sample on its way down the tree: its value and how far its walk got.
#[derive(Debug, Clone, Copy, Default)]
struct Walker {
    value: i64,
    /// Index into `Samples::locs` of the current location.
    pos: u32,
    /// Locations left to walk, the current one included (0: at its leaf).
    left: u32,
    /// Frames of the current location already walked.
    sub: u32,
    base: bool,
}

/// A child being formed under one node: its frame and the sums of the
/// samples that step into it.
struct Bucket {
    frame: u32,
    cum: i64,
    base_cum: i64,
    count: u32,
    /// The child's node, `u32::MAX` when it is left out.
    node: u32,
    /// Where its next sample goes in the scratch buffer.
    next: u32,
}

/// The Go package of a function name: the import path up to the last `/`,
/// then up to the first `.` (`github.com/a/b.(*T).M` → `github.com/a/b`,
/// `runtime.mallocgc` → `runtime`). Type arguments (`[...]`) are ignored
/// because they may hold other import paths.
pub fn package_of(name: &str) -> &str {
    let base = match name.find('[') {
        Some(i) => &name[..i],
        None => name,
    };
    let start = base.rfind('/').map_or(0, |i| i + 1);
    match base[start..].find('.') {
        Some(i) => &name[..start + i],
        None => base,
    }
}

/// Escapes one frame name for folded text: `%`, `;` (the frame separator),
/// control characters (newlines included), U+FFFE/U+FFFF and invalid bytes
/// become `%XX` of their bytes (the original byte for an invalid one), so
/// each line is one stack, safe on a terminal, and percent-decoding a frame
/// gives back the exact name.
pub fn escape_frame(name: &str) -> Cow<'_, str> {
    let needs = |c: char| {
        c == '%' || c == ';' || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' || rawbytes::raw_byte(c).is_some()
    };
    if !name.chars().any(needs) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if let Some(b) = rawbytes::raw_byte(c) {
            out.push_str(&format!("%{b:02X}"));
        } else if needs(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The frames of every location, interned by name: the frame table, and
/// per location (`ids[offsets[l]..offsets[l + 1]]`) its frames, root first
/// (outermost line first), or leaf first when `reversed`.
fn location_frames(p: &crate::profile::Profile, reversed: bool) -> (Vec<FrameName>, Vec<u32>, Vec<u32>) {
    let mut frames: Vec<FrameName> = Vec::new();
    let mut frame_ix: HashMap<String, u32> = HashMap::new();
    let mut offsets = Vec::with_capacity(p.locations.len() + 1);
    let mut ids = Vec::with_capacity(p.locations.len());
    offsets.push(0u32);
    for (li, loc) in p.locations.iter().enumerate() {
        let n = loc.lines.len();
        let from = ids.len();
        let lines: Vec<Option<usize>> = if n == 0 { vec![None] } else { (0..n).rev().map(Some).collect() };
        for k in lines {
            let name = node_info(p, li, k, false).printable_name();
            let id = match frame_ix.get(&name) {
                Some(&id) => id,
                None => {
                    let func = k.map(|k| p.functions[loc.lines[k].function as usize].name.as_str()).unwrap_or("");
                    let package = if func.is_empty() { name.clone() } else { package_of(func).to_string() };
                    let id = frames.len() as u32;
                    frames.push(FrameName { name: name.clone(), package });
                    frame_ix.insert(name, id);
                    id
                }
            };
            ids.push(id);
        }
        if reversed {
            ids[from..].reverse();
        }
        offsets.push(ids.len() as u32);
    }
    (frames, offsets, ids)
}

/// `Some(true)` when every value the tree is built from, times `factor`,
/// is a whole multiple of `unit` and the sum of their magnitudes is exact
/// in f64 (integral factor and unit, at most 2^53); `None` when that does
/// not settle it.
fn samples_multiple_of(rpt: &Report, factor: f64, unit: f64) -> Option<bool> {
    const EXACT: i128 = 1 << 53;
    if factor.fract() != 0.0 || unit.fract() != 0.0 || !(1.0..=EXACT as f64).contains(&factor) || unit < 1.0 {
        return None;
    }
    let (factor, unit) = (factor as i128, unit as i128);
    let (p, vi) = (&rpt.prof, rpt.options.value_index);
    let s = &p.samples;
    let mut sum: i128 = 0;
    for i in 0..s.len() {
        if s.offsets[i] == s.offsets[i + 1] {
            continue;
        }
        let vals = s.values(i);
        let mut v = vals[vi];
        if rpt.options.mean && vals[0] != 0 {
            v /= vals[0];
        }
        let x = (v as i128).abs() * factor;
        if x % unit != 0 {
            return None;
        }
        sum += x;
        if sum > EXACT {
            return None;
        }
    }
    Some(true)
}

impl CallTree {
    /// Builds the whole tree of a report's profile for its sample index.
    /// With `-mean` each sample's value is divided by its first value, as
    /// pprof's `-traces` does. Samples with an empty stack or a zero value
    /// are left out (they have no frame to draw).
    pub fn build(rpt: &Report, reversed: bool) -> CallTree {
        let mut t = Self::build_pruned(rpt, reversed, |_, _| true);
        t.pruned = false;
        t
    }

    /// Builds only the nodes `keep(node, root)` accepts whose parent is
    /// kept (the root always is); `node` comes with its frame, depth and
    /// sums, and `root` with the profile's. A left-out node's samples count
    /// in its ancestors' `cum` but in no node's `self_value`.
    ///
    /// The tree is built top-down: the samples through a node are grouped
    /// by their next frame, which gives the node's children and their sums
    /// at once; only the kept children's samples go on down. So the cost is
    /// the kept frames of each sample, not every frame, and a graph that
    /// draws a few thousand frames of a 60-million-frame profile touches
    /// little more than those (each node's samples are one contiguous run
    /// of one array, and frames are looked up in a flat table).
    pub fn build_pruned(rpt: &Report, reversed: bool, keep: impl Fn(&TreeNode, &TreeNode) -> bool) -> CallTree {
        let p = &rpt.prof;
        let (frames, lf_off, lf) = location_frames(p, reversed);
        let is_base = crate::profile::merge::base_label_sets(p);
        let vi = rpt.options.value_index;
        let s = &p.samples;
        let mut root = TreeNode { frame: u32::MAX, parent: u32::MAX, ..Default::default() };
        let mut walkers: Vec<Walker> = Vec::with_capacity(s.len());
        let mut differential = false;
        for i in 0..s.len() {
            let (start, end) = (s.offsets[i], s.offsets[i + 1]);
            if start == end {
                continue;
            }
            let vals = s.values(i);
            let mut v = vals[vi];
            if rpt.options.mean && vals[0] != 0 {
                v /= vals[0];
            }
            if v == 0 {
                continue;
            }
            let base = is_base[s.labels[i] as usize];
            let v = if base { v.wrapping_neg() } else { v };
            differential |= base;
            if base {
                root.base_cum = root.base_cum.wrapping_add(v);
            } else {
                root.cum = root.cum.wrapping_add(v);
            }
            let pos = if reversed { start } else { end - 1 };
            walkers.push(Walker { value: v, pos, left: end - start, sub: 0, base });
        }
        let mut nodes = vec![root];
        let step: i64 = if reversed { 1 } else { -1 };
        let mut scratch = vec![Walker::default(); walkers.len()];
        // Per walker of the current node: its bucket, or u32::MAX at its leaf.
        let mut bucket_of = vec![0u32; walkers.len()];
        // Per frame: its bucket under the current node, or u32::MAX.
        let mut slot = vec![u32::MAX; frames.len()];
        let mut buckets: Vec<Bucket> = Vec::new();
        // Nodes still to expand, with their walkers' run.
        let mut todo: Vec<(u32, u32, u32)> = vec![(0, 0, walkers.len() as u32)];
        while let Some((id, a, b)) = todo.pop() {
            let (a, b) = (a as usize, b as usize);
            let (mut own, mut base_own) = (0i64, 0i64);
            buckets.clear();
            for k in a..b {
                let w = &walkers[k];
                if w.left == 0 {
                    if w.base {
                        base_own = base_own.wrapping_add(w.value);
                    } else {
                        own = own.wrapping_add(w.value);
                    }
                    bucket_of[k] = u32::MAX;
                    continue;
                }
                let l = s.locs[w.pos as usize] as usize;
                let f = lf[lf_off[l] as usize + w.sub as usize];
                let mut bi = slot[f as usize];
                if bi == u32::MAX {
                    bi = buckets.len() as u32;
                    slot[f as usize] = bi;
                    buckets.push(Bucket { frame: f, cum: 0, base_cum: 0, count: 0, node: u32::MAX, next: 0 });
                }
                let bk = &mut buckets[bi as usize];
                bk.count += 1;
                if w.base {
                    bk.base_cum = bk.base_cum.wrapping_add(w.value);
                } else {
                    bk.cum = bk.cum.wrapping_add(w.value);
                }
                bucket_of[k] = bi;
            }
            let depth = nodes[id as usize].depth + 1;
            let first = nodes.len() as u32;
            let mut at = 0u32;
            for bk in &mut buckets {
                slot[bk.frame as usize] = u32::MAX;
                let n = TreeNode {
                    frame: bk.frame,
                    parent: id,
                    depth,
                    cum: bk.cum,
                    base_cum: bk.base_cum,
                    ..Default::default()
                };
                if keep(&n, &nodes[0]) {
                    bk.node = nodes.len() as u32;
                    bk.next = at;
                    todo.push((bk.node, a as u32 + at, a as u32 + at + bk.count));
                    at += bk.count;
                    nodes.push(n);
                }
            }
            let count = nodes.len() as u32 - first;
            let me = &mut nodes[id as usize];
            me.self_value = own;
            me.base_self = base_own;
            me.first_child = first;
            me.child_count = count;
            if at == 0 {
                continue;
            }
            // The kept children's walkers, one step further, grouped by
            // child (a counting sort into the scratch buffer).
            for k in a..b {
                let bi = bucket_of[k];
                if bi == u32::MAX {
                    continue;
                }
                let bk = &mut buckets[bi as usize];
                if bk.node == u32::MAX {
                    continue;
                }
                let mut w = walkers[k];
                let l = s.locs[w.pos as usize] as usize;
                w.sub += 1;
                if w.sub == lf_off[l + 1] - lf_off[l] {
                    w.sub = 0;
                    w.left -= 1;
                    if w.left > 0 {
                        w.pos = (w.pos as i64 + step) as u32;
                    }
                }
                scratch[bk.next as usize] = w;
                bk.next += 1;
            }
            walkers[a..a + at as usize].copy_from_slice(&scratch[..at as usize]);
        }
        CallTree { frames, nodes, reversed, differential, pruned: true }
    }

    /// Whether every node's own values (new and base), times `factor`,
    /// are whole multiples of `unit` in f64 arithmetic. A pruned tree lacks
    /// the left-out nodes' own values, so its answer comes from the
    /// samples when they settle it (each sample's value is a multiple and
    /// no sum is large enough to be inexact as f64, so every node's sum is
    /// a multiple too), and from the whole tree otherwise.
    pub fn selves_multiple_of(&self, rpt: &Report, factor: f64, unit: f64) -> bool {
        let check = |t: &CallTree| {
            t.nodes
                .iter()
                .all(|n| (n.self_value as f64 * factor) % unit == 0.0 && (n.base_self as f64 * factor) % unit == 0.0)
        };
        if !self.pruned {
            return check(self);
        }
        match samples_multiple_of(rpt, factor, unit) {
            Some(all) => all,
            None => check(&CallTree::build(rpt, self.reversed)),
        }
    }

    pub fn root(&self) -> &TreeNode {
        &self.nodes[0]
    }

    pub fn name(&self, node: u32) -> &str {
        &self.frames[self.nodes[node as usize].frame as usize].name
    }

    /// Which nodes stay when every node whose (new) value is below `min` is
    /// merged into its parent: the shape a flame graph draws. Nodes with no
    /// positive value (base-only stacks of a differential tree) merge too,
    /// so their change shows on the nearest drawn caller. The root and its
    /// children with a value always stay (the root has no line of its
    /// own, so this keeps the total); a node stays only if its parent does.
    pub fn keep_at_least(&self, min: i64) -> Vec<bool> {
        let mut keep = vec![false; self.nodes.len()];
        keep[0] = true;
        for (id, n) in self.nodes.iter().enumerate().skip(1) {
            keep[id] = keep[n.parent as usize] && n.wide_enough(min);
        }
        keep
    }

    /// One line per stack with a value, in byte order of the escaped stack.
    /// With `keep` (or in a pruned tree), the value of removed nodes is
    /// added to their nearest kept ancestor's own stack (so totals are
    /// unchanged): a line's value is its node's `cum` minus its kept
    /// children's. Lines whose new and base values are both zero are left
    /// out.
    pub fn folded(&self, keep: Option<&[bool]>, escape: &dyn Fn(&str) -> String) -> Vec<FoldedLine> {
        let escaped: Vec<String> = self.frames.iter().map(|f| escape(&f.name)).collect();
        let kept = |id: usize| keep.is_none_or(|k| k[id]);
        let mut out = Vec::new();
        // Iterative DFS with the path kept in one string.
        let mut path = String::new();
        let mut stack: Vec<(u32, usize)> = Vec::new(); // (node, path length before it)
        for c in self.nodes[0].children().rev() {
            if kept(c as usize) {
                stack.push((c, 0));
            }
        }
        while let Some((id, len)) = stack.pop() {
            path.truncate(len);
            if len > 0 {
                path.push(';');
            }
            let n = &self.nodes[id as usize];
            path.push_str(&escaped[n.frame as usize]);
            let (mut v, mut b) = (n.cum, n.base_cum);
            let here = path.len();
            for c in n.children().rev() {
                if kept(c as usize) {
                    stack.push((c, here));
                    let cn = &self.nodes[c as usize];
                    v = v.wrapping_sub(cn.cum);
                    b = b.wrapping_sub(cn.base_cum);
                }
            }
            if v != 0 || b != 0 {
                out.push(FoldedLine { stack: path.clone(), value: v, base: b });
            }
        }
        out.sort_unstable_by(|a, b| a.stack.cmp(&b.stack));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages() {
        assert_eq!(package_of("runtime.mallocgc"), "runtime");
        assert_eq!(package_of("github.com/a/b.(*T).M"), "github.com/a/b");
        assert_eq!(package_of("github.com/a/b.F.func1"), "github.com/a/b");
        assert_eq!(package_of("main.main"), "main");
        assert_eq!(package_of("pkg.F[go.shape.*example.com/x.T]"), "pkg");
        assert_eq!(package_of("example.com/m/v2.F"), "example.com/m/v2");
        assert_eq!(package_of("nodots"), "nodots");
    }

    #[test]
    fn escaping_is_reversible_and_line_safe() {
        assert_eq!(escape_frame("main.f"), "main.f");
        assert_eq!(escape_frame("a;b"), "a%3Bb");
        assert_eq!(escape_frame("100%\n\x1b[31m"), "100%25%0A%1B[31m");
        assert_eq!(escape_frame("c\u{9b}d"), "c%C2%9Bd");
        let raw = rawbytes::decode(b"bad\xffname");
        assert_eq!(escape_frame(&raw), "bad%FFname");
    }
}
