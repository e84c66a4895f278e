//! Merging several profiles with pprof's rules (pprof.md §3): the sample
//! types are reduced to the common ones, units are brought to the finest
//! common unit, then samples, locations, functions and mappings are
//! de-duplicated into one new profile whose tables are numbered in
//! first-seen order, exactly as pprof numbers them (so `-traces` and `-raw`
//! print the same ids).
//!
//! Also here: `-normalize` against a base profile and the `-base` /
//! `-diff_base` combination of a source with its base (pprof.md §2.6).

use std::collections::HashMap;

use super::{LabelSets, Line, Location, Mapping, Profile, Samples, ValueType};
use crate::measurement;

/// The label that marks the samples of a `-diff_base` profile.
pub const BASE_LABEL: &str = "pprof::base";

/// Per label set of `p`, whether it marks samples of a `-diff_base` base
/// (`pprof::base=true`, as `apply_base` sets it).
pub fn base_label_sets(p: &Profile) -> Vec<bool> {
    p.labels.with_str(BASE_LABEL, Some("true"))
}

/// Combines the profiles of several sources into one, as pprof's driver
/// does before any report: keep the sample types every profile has, scale
/// all of them to the finest common unit, then (for two or more profiles)
/// merge them. A single profile comes back unmerged.
pub fn merge(mut profiles: Vec<Profile>) -> Result<Profile, String> {
    compatibilize_sample_types(&mut profiles)?;
    scale_profiles(&mut profiles)?;
    if profiles.len() == 1 {
        return Ok(profiles.pop().expect("one profile"));
    }
    merge_profiles(&profiles)
}

/// pprof's `CompatibilizeSampleTypes`: keeps the sample types (matched by
/// type name) found in every profile, in the order of the first profile,
/// and reorders each profile's values to match.
pub fn compatibilize_sample_types(profiles: &mut [Profile]) -> Result<(), String> {
    let common = common_sample_types(profiles);
    if common.is_empty() {
        return Err("profiles have empty common sample type list".to_string());
    }
    for p in profiles.iter_mut() {
        restrict_sample_types(p, &common)?;
    }
    Ok(())
}

/// Type names present in all profiles, in the first profile's order. A name
/// is counted once per occurrence, so a type listed twice in one profile
/// does not count as common (pprof counts the same way).
fn common_sample_types(profiles: &[Profile]) -> Vec<String> {
    let Some(first) = profiles.first() else {
        return Vec::new();
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for p in profiles {
        for st in &p.sample_types {
            *counts.entry(st.ty.as_str()).or_default() += 1;
        }
    }
    first
        .sample_types
        .iter()
        .filter(|st| counts.get(st.ty.as_str()) == Some(&profiles.len()))
        .map(|st| st.ty.clone())
        .collect()
}

fn restrict_sample_types(p: &mut Profile, types: &[String]) -> Result<(), String> {
    let mut default = types[0].clone();
    let mut remap = Vec::with_capacity(types.len());
    let mut reordered = false;
    for (i, t) in types.iter().enumerate() {
        if *t == p.default_sample_type {
            default = p.default_sample_type.clone();
        }
        let Some(ix) = p.sample_types.iter().position(|st| st.ty == *t) else {
            return Err(format!("{t:?} sample type is not found in profile"));
        };
        remap.push(ix);
        if ix != i {
            reordered = true;
        }
    }
    if !reordered && types.len() == p.sample_types.len() {
        return Ok(());
    }
    // pprof resets the default here even when it was empty.
    p.default_sample_type = default;
    p.sample_types = remap.iter().map(|&ix| p.sample_types[ix].clone()).collect();
    let old = std::mem::take(&mut p.samples);
    let mut samples = Samples::new(remap.len());
    let mut vals = vec![0i64; remap.len()];
    for i in 0..old.len() {
        let src = old.values(i);
        for (v, &ix) in vals.iter_mut().zip(&remap) {
            *v = src[ix];
        }
        samples.push(old.stack(i), &vals, old.labels[i]);
    }
    p.samples = samples;
    Ok(())
}

/// pprof's `measurement.ScaleProfiles`: checks that period types and sample
/// types agree across profiles, then converts every profile to the finest
/// unit of each (e.g. milliseconds and nanoseconds become nanoseconds).
pub fn scale_profiles(profiles: &mut [Profile]) -> Result<(), String> {
    if profiles.is_empty() {
        return Ok(());
    }
    let period_types: Vec<(&str, &str)> =
        profiles.iter().map(|p| (p.period_type.ty.as_str(), p.period_type.unit.as_str())).collect();
    let period_unit = match measurement::common_value_type(&period_types) {
        Ok(ix) => ix.map(|i| period_types[i].1.to_string()),
        Err((a, b)) => {
            return Err(format!(
                "period type: incompatible types: {} {}",
                value_type_text(&profiles[a].period_type),
                value_type_text(&profiles[b].period_type)
            ));
        }
    };

    let n = profiles[0].sample_types.len();
    for p in &profiles[1..] {
        if p.sample_types.len() != n {
            return Err(format!("inconsistent samples type count: {} != {}", n, p.sample_types.len()));
        }
    }
    let mut units: Vec<Option<String>> = Vec::with_capacity(n);
    for i in 0..n {
        let types: Vec<(&str, &str)> = profiles
            .iter()
            .map(|p| {
                let st = &p.sample_types[i];
                (st.ty.as_str(), st.unit.as_str())
            })
            .collect();
        match measurement::common_value_type(&types) {
            Ok(ix) => units.push(ix.map(|j| types[j].1.to_string())),
            Err((a, b)) => {
                return Err(format!(
                    "sample types: incompatible types: {} {}",
                    value_type_text(&profiles[a].sample_types[i]),
                    value_type_text(&profiles[b].sample_types[i])
                ));
            }
        }
    }

    for p in profiles.iter_mut() {
        if let Some(unit) = &period_unit {
            let (v, _) = measurement::scale(p.period, &p.period_type.unit, unit);
            p.period = go_f64_to_i64(v);
            p.period_type.unit = unit.clone();
        }
        let mut ratios = vec![1.0; n];
        for (i, unit) in units.iter().enumerate() {
            if let Some(unit) = unit {
                ratios[i] = measurement::scale(1, &p.sample_types[i].unit, unit).0;
                p.sample_types[i].unit = unit.clone();
            }
        }
        scale_n(p, &ratios);
    }
    Ok(())
}

/// A value type as pprof's messages print it (Go's `%v` of the struct,
/// whose two internal fields are 0 once a profile is parsed).
fn value_type_text(vt: &ValueType) -> String {
    format!("{{{} {} 0 0}}", vt.ty, vt.unit)
}

/// Go's float-to-int64 conversion on amd64: truncation toward zero, and
/// the "integer indefinite" value for NaN and out-of-range numbers.
pub(crate) fn go_f64_to_i64(v: f64) -> i64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if !(-LIMIT..LIMIT).contains(&v) { i64::MIN } else { v as i64 }
}

/// pprof's `ScaleN`, quirks included: columns whose ratio is exactly 1 are
/// left alone, values are rounded half away from zero, and a sample is
/// kept only if one of the *scaled* columns is non-zero (so a sample whose
/// scaled values all round to 0 is dropped even if an unscaled column is
/// not 0).
pub fn scale_n(p: &mut Profile, ratios: &[f64]) {
    if ratios.iter().all(|&r| r == 1.0) {
        return;
    }
    let nv = p.samples.nv;
    debug_assert_eq!(ratios.len(), nv);
    let old = std::mem::take(&mut p.samples);
    let mut out = Samples::new(nv);
    let mut vals = vec![0i64; nv];
    for i in 0..old.len() {
        let mut keep = false;
        for (j, &v) in old.values(i).iter().enumerate() {
            let r = ratios[j];
            if r == 1.0 {
                vals[j] = v;
            } else {
                vals[j] = go_f64_to_i64((v as f64 * r).round());
                keep |= vals[j] != 0;
            }
        }
        if keep {
            out.push(old.stack(i), &vals, old.labels[i]);
        }
    }
    p.samples = out;
}

/// pprof's `Profile.Normalize`: scales each sample type of `p` by
/// Σbase / Σp (0 when Σp is 0).
pub fn normalize(p: &mut Profile, base: &Profile) -> Result<(), String> {
    compatible(p, base)?;
    let n = p.sample_types.len();
    let sums = |q: &Profile| {
        let mut s = vec![0i64; n];
        for i in 0..q.samples.len() {
            for (acc, &v) in s.iter_mut().zip(q.samples.values(i)) {
                *acc = acc.wrapping_add(v);
            }
        }
        s
    };
    let base_sums = sums(base);
    let src_sums = sums(p);
    let ratios: Vec<f64> =
        base_sums.iter().zip(&src_sums).map(|(&b, &s)| if s == 0 { 0.0 } else { b as f64 / s as f64 }).collect();
    scale_n(p, &ratios);
    Ok(())
}

/// Combines a (merged) source profile with its (merged) base profile as
/// `-base` / `-diff_base` do: for `diff_base` every base sample gets the
/// `pprof::base=true` label; with `normalize` the source is first scaled
/// to the base's totals; the base is negated and both are merged.
pub fn apply_base(
    mut source: Profile,
    mut base: Profile,
    diff_base: bool,
    normalize_source: bool,
) -> Result<Profile, String> {
    if diff_base {
        base.set_label_all(BASE_LABEL, "true");
    }
    if normalize_source {
        normalize(&mut source, &base)?;
    }
    let ratios = vec![-1.0; base.sample_types.len()];
    scale_n(&mut base, &ratios);
    merge(vec![source, base])
}

/// What `diff_sides` made of a source and its base.
pub enum DiffSides {
    /// The two sides with the tables `apply_base` would give them, values
    /// as `report::diff::split` would give them back.
    Split { new: Box<Profile>, base: Box<Profile> },
    /// The `-diff_base` profile itself, for inputs where only it gives the
    /// exact numbers (see `diff_sides`).
    Combined(Box<Profile>),
}

/// The two sides of `apply_base(source, base, true, normalize)` without
/// building the combined profile, for `pa diff`, which would only split it
/// again: at its size (two profiles' samples, each labelled and coalesced
/// in one hash table, then copied per side) that costs more than
/// everything else.
///
/// The sides get the merged profile's tables (locations, functions and
/// mappings merged and numbered exactly as `merge_profiles` does, so a
/// location's node is the one the combined profile gives it) and headers,
/// and keep their own samples, uncoalesced, in their order. That is the
/// same profile as the split's for every report when the values cannot
/// tell coalesced samples from separate ones or be changed by the
/// negation there and back: no negative values (so no coalesced sample
/// cancels out and Σ|v| is the same), no sum beyond 2^53 on the base side
/// (so negating through f64 is exact) nor beyond i64 on the new side, and
/// the same sample types on both sides (so no unit scaling happens in
/// between). Inputs that already carry the `pprof::base` label, or fail
/// any of this, get the combined profile instead.
pub fn diff_sides(mut source: Profile, base: Profile, normalize_source: bool) -> Result<DiffSides, String> {
    let simple = !has_base_label(&source)
        && !has_base_label(&base)
        && source.sample_types == base.sample_types
        && distinct_types(&source)
        && sums_within(&base, 1 << 53);
    if normalize_source {
        normalize(&mut source, &base)?;
    }
    if !simple || !sums_within(&source, i64::MAX as u128) {
        return apply_base(source, base, true, false).map(|p| DiffSides::Combined(Box::new(p)));
    }
    let mut both = vec![source, base];
    compatibilize_sample_types(&mut both)?;
    scale_profiles(&mut both)?;
    let mut sides = merge_tables(both)?;
    let base = sides.pop().expect("two sides");
    let source = sides.pop().expect("two sides");
    Ok(DiffSides::Split { new: Box::new(source), base: Box::new(base) })
}

fn has_base_label(p: &Profile) -> bool {
    p.labels.with_str(BASE_LABEL, None).contains(&true)
}

fn distinct_types(p: &Profile) -> bool {
    let mut names: Vec<&str> = p.sample_types.iter().map(|t| t.ty.as_str()).collect();
    names.sort_unstable();
    names.windows(2).all(|w| w[0] != w[1])
}

/// No value is negative and each sample type's sum is at most `max`.
fn sums_within(p: &Profile, max: u128) -> bool {
    let nv = p.samples.nv;
    let mut sums = vec![0u128; nv];
    for (k, &v) in p.samples.values.iter().enumerate() {
        if v < 0 {
            return false;
        }
        sums[k % nv.max(1)] += v as u128;
    }
    sums.iter().all(|&s| s <= max)
}

/// `merge_profiles` of compatible profiles, except that each keeps its
/// own samples and label sets: one profile per source, all with the
/// merged tables and headers, each with its samples (all-zero ones
/// dropped, as the merge drops them) pointing at the merged locations.
fn merge_tables(mut srcs: Vec<Profile>) -> Result<Vec<Profile>, String> {
    let Some(first) = srcs.first() else {
        return Err("no profiles to merge".to_string());
    };
    for s in &srcs[1..] {
        compatible(first, s)?;
    }
    let mut m = Merger {
        out: combine_headers(&srcs),
        samples: HashMap::new(),
        locations: HashMap::with_capacity(first.locations.len()),
        functions: HashMap::with_capacity(first.functions.len()),
        mappings: HashMap::with_capacity(first.mappings.len()),
    };
    let mut own = Vec::with_capacity(srcs.len());
    for src in &mut srcs {
        let mut samples = std::mem::take(&mut src.samples);
        let labels = std::mem::take(&mut src.labels);
        let src = &*src;
        let mut ctx = SourceMemo {
            locations: vec![None; src.locations.len()],
            functions: vec![None; src.functions.len()],
            mappings: vec![None; src.mappings.len()],
            labels: Vec::new(),
        };
        if m.mappings.is_empty() && !src.mappings.is_empty() {
            m.map_mapping(src, &mut ctx, 0);
        }
        // In place: sample i moves to w (w <= i), its stack to wl.
        let nv = samples.nv;
        let (mut w, mut wl) = (0usize, 0usize);
        for i in 0..samples.len() {
            let (a, b) = (samples.offsets[i] as usize, samples.offsets[i + 1] as usize);
            if samples.values[i * nv..(i + 1) * nv].iter().all(|&v| v == 0) {
                continue;
            }
            for k in a..b {
                samples.locs[wl] = m.map_location(src, &mut ctx, samples.locs[k]);
                wl += 1;
            }
            samples.values.copy_within(i * nv..(i + 1) * nv, w * nv);
            samples.labels[w] = samples.labels[i];
            w += 1;
            samples.offsets[w] = wl as u32;
        }
        samples.locs.truncate(wl);
        samples.values.truncate(w * nv);
        samples.labels.truncate(w);
        samples.offsets.truncate(w + 1);
        own.push((samples, labels));
    }
    let n = own.len();
    let mut out = Some(m.out);
    let mut profiles = Vec::with_capacity(n);
    for (k, (samples, labels)) in own.into_iter().enumerate() {
        let shared = if k + 1 == n { out.take().expect("merged") } else { out.clone().expect("merged") };
        profiles.push(Profile { samples, labels, ..shared });
    }
    Ok(profiles)
}

/// pprof's `compatible`: identical period type and sample types.
fn compatible(a: &Profile, b: &Profile) -> Result<(), String> {
    if a.period_type != b.period_type {
        return Err(format!(
            "incompatible period types &{} and &{}",
            value_type_text(&a.period_type),
            value_type_text(&b.period_type)
        ));
    }
    if a.sample_types != b.sample_types {
        // pprof prints pointers here; the types themselves say more.
        let list = |p: &Profile| {
            let v: Vec<String> = p.sample_types.iter().map(|t| format!("{}/{}", t.ty, t.unit)).collect();
            format!("[{}]", v.join(" "))
        };
        return Err(format!("incompatible sample types {} and {}", list(a), list(b)));
    }
    Ok(())
}

/// pprof's `Compact`: a merge of one profile, which drops unreferenced
/// locations, functions and mappings, coalesces identical samples and
/// renumbers everything in first-seen order.
pub fn compact(p: &Profile) -> Profile {
    merge_profiles(std::slice::from_ref(p)).expect("a profile is compatible with itself")
}

/// pprof's `profile.Merge`: the profiles must have identical period and
/// sample types (run [`compatibilize_sample_types`] and [`scale_profiles`]
/// first, or use [`merge`]).
pub fn merge_profiles(srcs: &[Profile]) -> Result<Profile, String> {
    let Some(first) = srcs.first() else {
        return Err("no profiles to merge".to_string());
    };
    for s in &srcs[1..] {
        compatible(first, s)?;
    }
    let mut m = Merger {
        out: combine_headers(srcs),
        samples: HashMap::with_capacity(first.samples.len()),
        locations: HashMap::with_capacity(first.locations.len()),
        functions: HashMap::with_capacity(first.functions.len()),
        mappings: HashMap::with_capacity(first.mappings.len()),
    };
    for src in srcs {
        let mut ctx = SourceMemo {
            locations: vec![None; src.locations.len()],
            functions: vec![None; src.functions.len()],
            mappings: vec![None; src.mappings.len()],
            labels: vec![None; src.labels.len()],
        };
        // The first mapping is the main binary: keep it first.
        if m.mappings.is_empty() && !src.mappings.is_empty() {
            m.map_mapping(src, &mut ctx, 0);
        }
        let mut stack = Vec::new();
        for i in 0..src.samples.len() {
            let vals = src.samples.values(i);
            if vals.iter().all(|&v| v == 0) {
                continue;
            }
            stack.clear();
            for &l in src.samples.stack(i) {
                stack.push(m.map_location(src, &mut ctx, l));
            }
            let label = m.map_labels(src, &mut ctx, src.samples.labels[i]);
            m.add_sample(&stack, label, vals);
        }
    }
    let out = m.out;
    let has_zero = (0..out.samples.len()).any(|i| out.samples.values(i).iter().all(|&v| v == 0));
    if has_zero {
        // Samples that cancelled out: merge once more to drop them and
        // whatever only they referred to.
        return merge_profiles(std::slice::from_ref(&out));
    }
    Ok(out)
}

/// pprof's `combineHeaders`.
fn combine_headers(srcs: &[Profile]) -> Profile {
    let first = &srcs[0];
    let mut time_nanos = 0i64;
    let mut duration_nanos = 0i64;
    let mut period = 0i64;
    let mut comments: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut doc_url = String::new();
    let mut default_sample_type = String::new();
    for s in srcs {
        // A zero time in a later profile resets the earliest time (pprof).
        if time_nanos == 0 || s.time_nanos < time_nanos {
            time_nanos = s.time_nanos;
        }
        duration_nanos = duration_nanos.wrapping_add(s.duration_nanos);
        if period == 0 || period < s.period {
            period = s.period;
        }
        for c in &s.comments {
            if seen.insert(c.as_str()) {
                comments.push(c.clone());
            }
        }
        if default_sample_type.is_empty() {
            default_sample_type = s.default_sample_type.clone();
        }
        if doc_url.is_empty() {
            doc_url = s.doc_url.clone();
        }
    }
    Profile {
        sample_types: first.sample_types.clone(),
        default_sample_type,
        samples: Samples::new(first.sample_types.len()),
        labels: LabelSets::default(),
        mappings: Vec::new(),
        locations: Vec::new(),
        functions: Vec::new(),
        comments,
        doc_url,
        drop_frames: first.drop_frames.clone(),
        keep_frames: first.keep_frames.clone(),
        time_nanos,
        duration_nanos,
        period_type: first.period_type.clone(),
        period,
    }
}

/// Per-source memo tables: source index → merged index.
struct SourceMemo {
    locations: Vec<Option<u32>>,
    functions: Vec<Option<u32>>,
    /// Merged mapping and the address shift from the source mapping to it.
    mappings: Vec<Option<(u32, i64)>>,
    labels: Vec<Option<u32>>,
}

#[derive(PartialEq, Eq, Hash)]
struct LocationKey {
    addr: u64,
    mapping_id: u64,
    lines: String,
    is_folded: bool,
}

#[derive(PartialEq, Eq, Hash)]
struct FunctionKey {
    start_line: i64,
    name: String,
    system_name: String,
    filename: String,
}

#[derive(PartialEq, Eq, Hash)]
struct MappingKey {
    size: u64,
    offset: u64,
    build_id_or_file: String,
}

struct Merger {
    out: Profile,
    samples: HashMap<(Box<[u32]>, u32), usize>,
    locations: HashMap<LocationKey, u32>,
    functions: HashMap<FunctionKey, u32>,
    mappings: HashMap<MappingKey, u32>,
}

impl Merger {
    fn add_sample(&mut self, stack: &[u32], label: u32, vals: &[i64]) {
        let key = (Box::<[u32]>::from(stack), label);
        if let Some(&ix) = self.samples.get(&key) {
            for (acc, &v) in self.out.samples.values_mut(ix).iter_mut().zip(vals) {
                *acc = acc.wrapping_add(v);
            }
            return;
        }
        self.samples.insert(key, self.out.samples.len());
        self.out.samples.push(stack, vals, label);
    }

    fn map_labels(&mut self, src: &Profile, ctx: &mut SourceMemo, l: u32) -> u32 {
        if l == 0 {
            return 0;
        }
        if let Some(x) = ctx.labels[l as usize] {
            return x;
        }
        let x = self.out.labels.intern(src.labels.get(l).clone());
        ctx.labels[l as usize] = Some(x);
        x
    }

    fn map_mapping(&mut self, src: &Profile, ctx: &mut SourceMemo, i: u32) -> (u32, i64) {
        if let Some(mi) = ctx.mappings[i as usize] {
            return mi;
        }
        let sm = &src.mappings[i as usize];
        let key = mapping_key(sm);
        if let Some(&x) = self.mappings.get(&key) {
            let shift = (self.out.mappings[x as usize].start as i64).wrapping_sub(sm.start as i64);
            ctx.mappings[i as usize] = Some((x, shift));
            return (x, shift);
        }
        let x = self.out.mappings.len() as u32;
        self.out.mappings.push(Mapping { id: x as u64 + 1, ..sm.clone() });
        self.mappings.insert(key, x);
        ctx.mappings[i as usize] = Some((x, 0));
        (x, 0)
    }

    fn map_function(&mut self, src: &Profile, ctx: &mut SourceMemo, i: u32) -> u32 {
        if let Some(x) = ctx.functions[i as usize] {
            return x;
        }
        let f = &src.functions[i as usize];
        let key = FunctionKey {
            start_line: f.start_line,
            name: f.name.clone(),
            system_name: f.system_name.clone(),
            filename: f.filename.clone(),
        };
        let x = match self.functions.get(&key) {
            Some(&x) => x,
            None => {
                let x = self.out.functions.len() as u32;
                let mut nf = f.clone();
                nf.id = x as u64 + 1;
                self.out.functions.push(nf);
                self.functions.insert(key, x);
                x
            }
        };
        ctx.functions[i as usize] = Some(x);
        x
    }

    fn map_location(&mut self, src: &Profile, ctx: &mut SourceMemo, i: u32) -> u32 {
        if let Some(x) = ctx.locations[i as usize] {
            return x;
        }
        let sl = &src.locations[i as usize];
        let (mapping, shift) = match sl.mapping {
            Some(mi) => {
                let (x, shift) = self.map_mapping(src, ctx, mi);
                (Some(x), shift)
            }
            None => (None, 0),
        };
        let lines: Vec<Line> = sl
            .lines
            .iter()
            .map(|ln| Line { function: self.map_function(src, ctx, ln.function), line: ln.line, column: ln.column })
            .collect();
        let loc = Location {
            id: self.out.locations.len() as u64 + 1,
            mapping,
            address: (sl.address as i64).wrapping_add(shift) as u64,
            lines,
            is_folded: sl.is_folded,
        };
        let key = self.location_key(&loc);
        let x = match self.locations.get(&key) {
            Some(&x) => x,
            None => {
                let x = self.out.locations.len() as u32;
                self.out.locations.push(loc);
                self.locations.insert(key, x);
                x
            }
        };
        ctx.locations[i as usize] = Some(x);
        x
    }

    /// pprof's location key. Its per-line part is laid out so that each
    /// line's column is overwritten by the next line's function id; only
    /// the last line's column counts. Kept as is: it decides which
    /// locations pprof coalesces.
    fn location_key(&self, loc: &Location) -> LocationKey {
        let (addr, mapping_id) = match loc.mapping {
            Some(m) => {
                let m = &self.out.mappings[m as usize];
                (loc.address.wrapping_sub(m.start), m.id)
            }
            None => (loc.address, 0),
        };
        let n = loc.lines.len();
        let mut parts = vec![String::new(); n * 3];
        for (i, ln) in loc.lines.iter().enumerate() {
            parts[i * 2] = format!("{:x}", self.out.functions[ln.function as usize].id);
            parts[i * 2 + 1] = go_hex_i64(ln.line);
            parts[i * 2 + 2] = go_hex_i64(ln.column);
        }
        LocationKey { addr, mapping_id, lines: parts.join("|"), is_folded: loc.is_folded }
    }
}

/// `strconv.FormatInt(v, 16)`.
fn go_hex_i64(v: i64) -> String {
    if v < 0 { format!("-{:x}", v.unsigned_abs()) } else { format!("{v:x}") }
}

/// pprof's mapping key: the size rounded up to 4 KiB, the offset, and the
/// build id, else the file name (neither: a fake mapping, all alike).
fn mapping_key(m: &Mapping) -> MappingKey {
    const ROUND: u64 = 0x1000;
    let size = m.limit.wrapping_sub(m.start).wrapping_add(ROUND - 1);
    let size = size - size % ROUND;
    let build_id_or_file = if !m.build_id.is_empty() { m.build_id.clone() } else { m.file.clone() };
    MappingKey { size, offset: m.offset, build_id_or_file }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_conversions() {
        // int64(v) and strconv.FormatInt(v, 16) as Go prints them on amd64.
        assert_eq!(go_f64_to_i64(f64::NAN), i64::MIN);
        assert_eq!(go_f64_to_i64(1e19), i64::MIN);
        assert_eq!(go_f64_to_i64(-1e19), i64::MIN);
        assert_eq!(go_f64_to_i64(-2.5), -2);
        assert_eq!(go_f64_to_i64(2.9), 2);
        assert_eq!(go_f64_to_i64(-9_223_372_036_854_775_808.0), i64::MIN);
        assert_eq!(go_hex_i64(-26), "-1a");
        assert_eq!(go_hex_i64(255), "ff");
    }

    #[test]
    fn sample_type_count_mismatch() {
        let with = |n: usize| Profile {
            sample_types: vec![ValueType { ty: "a".into(), unit: "count".into() }; n],
            ..Default::default()
        };
        // The message ScaleProfiles gives (pprof issue #432).
        assert_eq!(scale_profiles(&mut [with(2), with(4)]).unwrap_err(), "inconsistent samples type count: 2 != 4");
    }
}
