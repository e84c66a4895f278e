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
//! per location (never per sample), with a child index keyed by
//! (parent, frame), so a 1.7 M-sample profile is one pass over its samples.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// Sum of the (new) profile's values of every stack through this node.
    pub cum: i64,
    /// Sum of the values of the stacks that end at this node.
    pub self_value: i64,
    /// Differential only: the base profile's values (positive).
    pub base_cum: i64,
    pub base_self: i64,
    pub children: Vec<u32>,
}

impl TreeNode {
    /// New minus base (the plain value when there is no base).
    pub fn net_cum(&self) -> i64 {
        self.cum.wrapping_sub(self.base_cum)
    }
    pub fn net_self(&self) -> i64 {
        self.self_value.wrapping_sub(self.base_self)
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

/// A small multiplicative hasher for the (parent, frame) child index: the
/// keys are dense integers, so SipHash's protection is not needed and its
/// cost would dominate the build on huge profiles.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(23) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

type ChildIndex = HashMap<u64, u32, BuildHasherDefault<PairHasher>>;

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

/// Label sets that mark base samples (`pprof::base=true`).
fn base_label_sets(p: &crate::profile::Profile) -> Vec<bool> {
    (0..p.labels.len())
        .map(|i| p.labels.get(i as u32).str_values("pprof::base").is_some_and(|v| v.iter().any(|x| x == "true")))
        .collect()
}

impl CallTree {
    /// Builds the tree of a report's profile for its sample index. With
    /// `-mean` each sample's value is divided by its first value, as
    /// pprof's `-traces` does. Samples with an empty stack or a zero value
    /// are left out (they have no frame to draw).
    pub fn build(rpt: &Report, reversed: bool) -> CallTree {
        let p = &rpt.prof;
        let mut frames: Vec<FrameName> = Vec::new();
        let mut frame_ix: HashMap<String, u32> = HashMap::new();
        // Frames of each location, root first (outermost line first).
        let mut loc_frames: Vec<Vec<u32>> = Vec::with_capacity(p.locations.len());
        for (li, loc) in p.locations.iter().enumerate() {
            let n = loc.lines.len();
            let mut v = Vec::with_capacity(n.max(1));
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
                v.push(id);
            }
            if reversed {
                v.reverse();
            }
            loc_frames.push(v);
        }
        let is_base = base_label_sets(p);
        let mut nodes = vec![TreeNode { frame: u32::MAX, parent: u32::MAX, ..Default::default() }];
        let mut index = ChildIndex::default();
        let mut differential = false;
        let vi = rpt.options.value_index;
        let s = &p.samples;
        for i in 0..s.len() {
            let stack = s.stack(i);
            if stack.is_empty() {
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
            let add = |n: &mut TreeNode| {
                if base {
                    n.base_cum = n.base_cum.wrapping_add(v);
                } else {
                    n.cum = n.cum.wrapping_add(v);
                }
            };
            add(&mut nodes[0]);
            let mut cur = 0u32;
            let mut walk = |f: u32, nodes: &mut Vec<TreeNode>| {
                let key = ((cur as u64) << 32) | f as u64;
                let next = *index.entry(key).or_insert_with(|| {
                    let id = nodes.len() as u32;
                    let depth = nodes[cur as usize].depth + 1;
                    nodes.push(TreeNode { frame: f, parent: cur, depth, ..Default::default() });
                    id
                });
                add(&mut nodes[next as usize]);
                cur = next;
            };
            if reversed {
                for &l in stack {
                    for &f in &loc_frames[l as usize] {
                        walk(f, &mut nodes);
                    }
                }
            } else {
                for &l in stack.iter().rev() {
                    for &f in &loc_frames[l as usize] {
                        walk(f, &mut nodes);
                    }
                }
            }
            let leaf = &mut nodes[cur as usize];
            if base {
                leaf.base_self = leaf.base_self.wrapping_add(v);
            } else {
                leaf.self_value = leaf.self_value.wrapping_add(v);
            }
        }
        // Children lists; nodes are created after their parent.
        for id in 1..nodes.len() {
            let parent = nodes[id].parent as usize;
            nodes[parent].children.push(id as u32);
        }
        CallTree { frames, nodes, reversed, differential }
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
            keep[id] = keep[n.parent as usize] && n.cum > 0 && (n.cum >= min || n.depth == 1);
        }
        keep
    }

    /// One line per stack with a value, in byte order of the escaped stack.
    /// With `keep`, the value of removed nodes is added to their nearest
    /// kept ancestor's own stack (so totals are unchanged). Lines whose new
    /// and base values are both zero are left out.
    pub fn folded(&self, keep: Option<&[bool]>, escape: &dyn Fn(&str) -> String) -> Vec<FoldedLine> {
        let escaped: Vec<String> = self.frames.iter().map(|f| escape(&f.name)).collect();
        let kept = |id: usize| keep.is_none_or(|k| k[id]);
        let mut out = Vec::new();
        // Iterative DFS with the path kept in one string.
        let mut path = String::new();
        let mut stack: Vec<(u32, usize)> = Vec::new(); // (node, path length before it)
        for &c in self.nodes[0].children.iter().rev() {
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
            let (mut v, mut b) = (n.self_value, n.base_self);
            let here = path.len();
            for &c in n.children.iter().rev() {
                if kept(c as usize) {
                    stack.push((c, here));
                } else {
                    let cn = &self.nodes[c as usize];
                    v = v.wrapping_add(cn.cum);
                    b = b.wrapping_add(cn.base_cum);
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
