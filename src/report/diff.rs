//! The numbers of `pa diff`: per node, the base and new flat and cum and
//! their deltas. The two sides come from the one profile pprof's
//! `-diff_base` builds (base samples negated and labelled `pprof::base`),
//! split again, so every delta is the value `pa pprof -diff_base` shows for
//! that node and both sides went through the same merge, unit scaling and
//! drop_frames.

use std::collections::HashMap;

use crate::driver::{self, Config};
use crate::error::Result;
use crate::profile::Profile;
use crate::profile::merge::BASE_LABEL;

use super::graph::NodeInfo;
use super::remove_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Both,
    /// Only in the new profile.
    New,
    /// Only in the base profile.
    Gone,
}

#[derive(Debug, Clone)]
pub struct DiffRow {
    pub name: String,
    pub base_flat: i64,
    pub base_cum: i64,
    pub new_flat: i64,
    pub new_cum: i64,
    pub presence: Presence,
}

impl DiffRow {
    pub fn delta_flat(&self) -> i64 {
        self.new_flat.wrapping_sub(self.base_flat)
    }
    pub fn delta_cum(&self) -> i64 {
        self.new_cum.wrapping_sub(self.base_cum)
    }
}

pub struct Diff {
    /// Every node of either side, sorted by |delta| (flat or cum).
    pub rows: Vec<DiffRow>,
    pub base_total: i64,
    pub new_total: i64,
    pub sample_type: String,
    pub sample_unit: String,
}

/// Splits a `-diff_base` profile into its base (values made positive again)
/// and new parts, both without the marker label.
pub fn split(combined: &Profile) -> (Profile, Profile) {
    let is_base = crate::profile::merge::base_label_sets(combined);
    let mut base = combined.clone();
    base.samples.retain(|_, _, _, l| is_base[l as usize]);
    base.scale(-1.0);
    remove_label(&mut base, BASE_LABEL);
    let mut new = combined.clone();
    new.samples.retain(|_, _, _, l| !is_base[l as usize]);
    (base, new)
}

/// Node values of one side with the report options of `cfg` (no trimming).
/// Per node: printable name, flat, cum.
type NodeValues = HashMap<NodeInfo, (String, i64, i64)>;

fn side(p: Profile, cfg: &Config, warn: &mut dyn FnMut(String)) -> Result<(NodeValues, i64, String, String)> {
    let mut cfg = cfg.clone();
    cfg.nodecount = 0;
    cfg.nodefraction = 0.0;
    cfg.edgefraction = 0.0;
    let mut rpt = driver::build_report(p, cfg, warn)?;
    let g = rpt.full_graph();
    let nodes = g.nodes.into_iter().map(|n| {
        let (f, c) = (n.flat_value(), n.cum_value());
        (n.info, (n.name, f, c))
    });
    Ok((nodes.collect(), rpt.total, rpt.options.sample_type.clone(), rpt.options.sample_unit.clone()))
}

/// The diff of a `-diff_base` profile (see `split`).
pub fn compute(combined: &Profile, cfg: &Config, cum: bool, warn: &mut dyn FnMut(String)) -> Result<Diff> {
    let (base_p, new_p) = split(combined);
    compute_sides(base_p, new_p, cfg, cum, warn)
}

/// The diff of the two sides of a `-diff_base` profile, as `split` gives
/// them back or `merge::diff_sides` makes them. Each side is dropped once
/// its nodes are summed, so at most one side's report is in memory.
pub fn compute_sides(
    base_p: Profile,
    new_p: Profile,
    cfg: &Config,
    cum: bool,
    warn: &mut dyn FnMut(String),
) -> Result<Diff> {
    let (base_nodes, base_total, _, _) = side(base_p, cfg, warn)?;
    let (new_nodes, new_total, sample_type, sample_unit) = side(new_p, cfg, &mut |_| {})?;
    let mut rows: Vec<DiffRow> = Vec::with_capacity(new_nodes.len().max(base_nodes.len()));
    for (info, (name, f, c)) in &new_nodes {
        let (bf, bc, presence) = match base_nodes.get(info) {
            Some((_, bf, bc)) => (*bf, *bc, Presence::Both),
            None => (0, 0, Presence::New),
        };
        rows.push(DiffRow { name: name.clone(), base_flat: bf, base_cum: bc, new_flat: *f, new_cum: *c, presence });
    }
    for (info, (name, f, c)) in &base_nodes {
        if !new_nodes.contains_key(info) {
            rows.push(DiffRow {
                name: name.clone(),
                base_flat: *f,
                base_cum: *c,
                new_flat: 0,
                new_cum: 0,
                presence: Presence::Gone,
            });
        }
    }
    rows.sort_by(|a, b| {
        let key = |r: &DiffRow| {
            if cum {
                (r.delta_cum().wrapping_abs(), r.delta_flat().wrapping_abs())
            } else {
                (r.delta_flat().wrapping_abs(), r.delta_cum().wrapping_abs())
            }
        };
        key(b)
            .cmp(&key(a))
            .then_with(|| {
                b.new_cum
                    .wrapping_abs()
                    .max(b.base_cum.wrapping_abs())
                    .cmp(&a.new_cum.wrapping_abs().max(a.base_cum.wrapping_abs()))
            })
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(Diff { rows, base_total, new_total, sample_type, sample_unit })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::Sources;
    use crate::profile::merge::{self, DiffSides};

    /// Rows and totals as text, rows sorted (rows that tie keep no order).
    fn summary(d: &Diff) -> Vec<String> {
        let mut rows: Vec<String> = d.rows.iter().map(|r| format!("{r:?}")).collect();
        rows.sort();
        rows.push(format!("{} {} {} {}", d.base_total, d.new_total, d.sample_type, d.sample_unit));
        rows
    }

    /// `diff_sides` must give what splitting the `-diff_base` profile gives.
    #[test]
    fn sides_without_the_combined_profile_are_the_split() {
        let dir = format!("{}/testdata/profiles", env!("CARGO_MANIFEST_DIR"));
        let pairs = [
            ("heap-1", "heap-2"),
            ("heap-2", "heap-1"),
            ("cpu", "cpu-2"),
            ("mutex-1", "mutex-2"),
            ("allocs", "heap-2"),
        ];
        for (base, new) in pairs {
            for normalize in [false, true] {
                for (index, focus, granularity) in
                    [("", "", None), ("0", "main", None), ("", "", Some("lines")), ("", "", Some("addresses"))]
                {
                    let s = Sources::for_pa(
                        &[format!("{dir}/{new}.pb.gz")],
                        &[format!("{dir}/{base}.pb.gz")],
                        true,
                        normalize,
                        false,
                        crate::source::FetchOptions::default(),
                    );
                    let load = |specs: &[String]| driver::load_all(specs, &s).unwrap();
                    let mut cfg = Config { sample_index: index.into(), focus: focus.into(), ..Config::default() };
                    cfg.granularity = granularity.and_then(crate::transform::Granularity::parse);
                    let combined = driver::finish_profiles(&s, load(&s.sources), Some(load(&s.bases))).unwrap();
                    let want = compute(&combined, &cfg, false, &mut |_| {}).unwrap();
                    let got = match merge::diff_sides(load(&s.sources), load(&s.bases), normalize).unwrap() {
                        DiffSides::Split { new, base } => {
                            let new = driver::finish_profiles(&s, *new, None).unwrap();
                            let base = driver::finish_profiles(&s, *base, None).unwrap();
                            compute_sides(base, new, &cfg, false, &mut |_| {}).unwrap()
                        }
                        DiffSides::Combined(_) => {
                            panic!("{base} vs {new}: plain profiles should not need the combined one")
                        }
                    };
                    assert_eq!(summary(&got), summary(&want), "{base} vs {new}, normalize {normalize}, {cfg:?}");
                }
            }
        }
    }
}
