//! Protobuf decoding (pprof.md §4.1): the samples through `wire` (fed
//! while a gzipped profile inflates), the tables through `tables`, and
//! anything those give up on through prost; this file resolves ids into
//! dense indices and applies pprof's validity rules, with messages that
//! say exactly which id or index is wrong.

use std::collections::HashMap;

use prost::Message;

use crate::profile::{Function, LabelKind, LabelSet, LabelSets, Line, Location, Mapping, Profile, Samples, ValueType};

#[allow(clippy::all, missing_docs)]
pub mod pb {
    include!(concat!(env!("OUT_DIR"), "/perftools.profiles.rs"));
}

/// Why a buffer is not a protobuf profile. `NotProto` lets the caller go on
/// to the legacy parsers, as pprof does; `Invalid` is final.
#[derive(Debug)]
pub enum ProtoError {
    /// Not protobuf at all.
    NotProto(String),
    /// Protobuf whose strings do not resolve: pprof then tries the legacy
    /// parsers before giving up, so this is not final either.
    Malformed(String),
    /// A protobuf profile that breaks pprof's validity rules: final.
    Invalid(String),
}

/// Counts top-level `time_nanos` fields: a second one means several profiles
/// were concatenated (pprof refuses those, and so do we).
fn concatenated(data: &[u8]) -> bool {
    let mut pos = 0usize;
    let mut seen_time = false;
    let varint = |pos: &mut usize| -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *data.get(*pos)?;
            *pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    };
    while pos < data.len() {
        let Some(key) = varint(&mut pos) else {
            return false;
        };
        let (field, wire) = (key >> 3, key & 7);
        match wire {
            0 => {
                if varint(&mut pos).is_none() {
                    return false;
                }
                if field == 9 {
                    if seen_time {
                        return true;
                    }
                    seen_time = true;
                }
            }
            1 => pos += 8,
            2 => {
                let Some(len) = varint(&mut pos) else {
                    return false;
                };
                pos = pos.saturating_add(len as usize);
            }
            5 => pos += 4,
            _ => return false,
        }
    }
    false
}

pub fn decode(data: &[u8]) -> Result<Profile, ProtoError> {
    // The wire decoder handles every well-formed profile without a
    // per-sample allocation; it gives up (None) on anything unusual, and
    // prost then decodes the whole buffer, so errors are exactly prost's.
    if let Some(r) = super::wire::decode(data) {
        return r;
    }
    let raw = pb::Profile::decode(data).map_err(|e| ProtoError::NotProto(e.to_string()))?;
    if concatenated(data) {
        return Err(ProtoError::Invalid("concatenated profiles detected".into()));
    }
    convert(raw)
}

pub(super) fn invalid(msg: impl Into<String>) -> ProtoError {
    ProtoError::Invalid(msg.into())
}

pub(super) struct Strings<'a>(pub(super) &'a [&'a [u8]]);

impl<'a> Strings<'a> {
    pub(super) fn get(&self, i: i64, what: &dyn Fn() -> String) -> Result<String, ProtoError> {
        Ok(self.str(i, what)?.into_owned())
    }

    /// `get` without a copy when the string is valid UTF-8.
    pub(super) fn str(&self, i: i64, what: &dyn Fn() -> String) -> Result<std::borrow::Cow<'a, str>, ProtoError> {
        if i < 0 || i as usize >= self.0.len() {
            return Err(ProtoError::Malformed(format!(
                "{}: string index {} out of range (the string table has {} entries)",
                what(),
                i,
                self.0.len()
            )));
        }
        Ok(crate::profile::rawbytes::decode_cow(self.0[i as usize]))
    }
}

/// A gzipped protobuf profile, decoded piece by piece as it inflates (on a
/// second thread when `thread`): the profile, or pprof's final verdict on
/// it. None when the stream is anything else (corrupt, over `max`, a text
/// profile, a profile whose strings do not resolve): the caller then
/// inflates it whole and goes the usual way, which gives the usual messages.
pub fn decode_gzip(gz: &[u8], max: u64, thread: bool) -> Option<Result<Profile, ProtoError>> {
    match super::wire::decode_gzip(gz, max, super::inflated_size_hint(gz), thread)? {
        Ok(p) => Some(Ok(p)),
        Err(e @ ProtoError::Invalid(_)) => Some(Err(e)),
        Err(_) => None,
    }
}

fn convert(mut raw: pb::Profile) -> Result<Profile, ProtoError> {
    let sample = std::mem::take(&mut raw.sample);
    let tables = RawTables::of(&raw);
    let (mut p, location_ix) = convert_tables(&tables, sample.len())?;
    let st = Strings(&tables.strings);
    let nv = p.sample_types.len();
    let total_locs: usize = sample.iter().map(|s| s.location_id.len()).sum();
    let mut samples = Samples::new(nv);
    samples.locs.reserve(total_locs);
    // The values there are, not samples x types: a file of many empty
    // samples and many sample types must fail the count check below, not
    // allocate their product first.
    samples.values.reserve(sample.iter().map(|s| s.value.len()).sum());
    samples.labels.reserve(sample.len());
    samples.offsets.reserve(sample.len());
    let mut labels = LabelSets::default();
    for (si, s) in sample.iter().enumerate() {
        if s.value.len() != nv {
            return Err(invalid(format!("mismatch: sample has {} values vs. {} types", s.value.len(), nv)));
        }
        for &id in &s.location_id {
            match location_ix.get(id) {
                Some(ix) => samples.locs.push(ix),
                None => return Err(missing_location(si, id)),
            }
        }
        samples.offsets.push(samples.locs.len() as u32);
        samples.values.extend_from_slice(&s.value);
        let label = if s.label.is_empty() { 0 } else { labels.intern(label_set(&st, &s.label, si)?) };
        samples.labels.push(label);
    }
    p.samples = samples;
    p.labels = labels;
    Ok(p)
}

pub(super) fn missing_location(si: usize, id: u64) -> ProtoError {
    invalid(format!("sample {si} refers to location id {id}, which is not in the location table"))
}

/// Id → index for one table: a dense array when the ids are compact (every
/// writer pa knows numbers them from 1), else a hash map; SipHash there,
/// since ids chosen to collide under a cheaper hash would make it quadratic.
pub(super) enum IdIndex {
    Dense(Vec<u32>),
    Sparse(HashMap<u64, u32>),
}

impl IdIndex {
    const ABSENT: u32 = u32::MAX;

    /// An empty index sized for these ids.
    fn for_ids(ids: impl Iterator<Item = u64>, len: usize) -> IdIndex {
        let max = ids.max().unwrap_or(0);
        if max <= 8 * len as u64 + 4096 {
            IdIndex::Dense(vec![Self::ABSENT; max as usize + 1])
        } else {
            IdIndex::Sparse(HashMap::with_capacity(len))
        }
    }

    /// Records `id` → `ix`; false when the id is already there.
    fn insert(&mut self, id: u64, ix: u32) -> bool {
        match self {
            IdIndex::Dense(v) => {
                let slot = &mut v[id as usize];
                let fresh = *slot == Self::ABSENT;
                if fresh {
                    *slot = ix;
                }
                fresh
            }
            IdIndex::Sparse(m) => m.insert(id, ix).is_none(),
        }
    }

    #[inline(always)]
    pub(super) fn get(&self, id: u64) -> Option<u32> {
        match self {
            IdIndex::Dense(v) => v.get(id as usize).copied().filter(|&i| i != Self::ABSENT),
            IdIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}

/// Everything of a profile but its samples, as encoded (string numbers,
/// ids): what `convert_tables` checks and converts. Made of prost's
/// `pb::Profile` on the slow path, straight from the bytes by
/// `tables::decode` on the usual one (no message per location, no copy of
/// the strings).
#[derive(Default)]
pub(super) struct RawTables<'a> {
    pub strings: Vec<&'a [u8]>,
    pub sample_type: Vec<pb::ValueType>,
    pub period_type: Option<pb::ValueType>,
    pub period: i64,
    pub time_nanos: i64,
    pub duration_nanos: i64,
    pub drop_frames: i64,
    pub keep_frames: i64,
    pub default_sample_type: i64,
    pub doc_url: i64,
    pub comment: Vec<i64>,
    pub mapping: Vec<pb::Mapping>,
    pub function: Vec<pb::Function>,
    pub location: Vec<RawLocation>,
    /// The lines of every location, each location's in a row.
    pub line: Vec<pb::Line>,
}

/// A `Location` message whose lines are `RawTables::line[lines.0..lines.1]`.
#[derive(Default)]
pub(super) struct RawLocation {
    pub id: u64,
    pub mapping_id: u64,
    pub address: u64,
    pub is_folded: bool,
    pub lines: (u32, u32),
}

impl<'a> RawTables<'a> {
    pub(super) fn of(raw: &'a pb::Profile) -> RawTables<'a> {
        let mut line = Vec::new();
        let location = raw
            .location
            .iter()
            .map(|l| {
                let start = line.len() as u32;
                line.extend_from_slice(&l.line);
                RawLocation {
                    id: l.id,
                    mapping_id: l.mapping_id,
                    address: l.address,
                    is_folded: l.is_folded,
                    lines: (start, line.len() as u32),
                }
            })
            .collect();
        RawTables {
            strings: raw.string_table.iter().map(|b| &b[..]).collect(),
            sample_type: raw.sample_type.clone(),
            period_type: raw.period_type,
            period: raw.period,
            time_nanos: raw.time_nanos,
            duration_nanos: raw.duration_nanos,
            drop_frames: raw.drop_frames,
            keep_frames: raw.keep_frames,
            default_sample_type: raw.default_sample_type,
            doc_url: raw.doc_url,
            comment: raw.comment.clone(),
            mapping: raw.mapping.clone(),
            function: raw.function.clone(),
            location,
            line,
        }
    }
}

/// Everything but the samples, with pprof's checks in pprof's order; the
/// location id to index map is returned for the samples.
pub(super) fn convert_tables(raw: &RawTables, nsamples: usize) -> Result<(Profile, IdIndex), ProtoError> {
    if raw.strings.is_empty() {
        // An empty message (any bytes prost accepts as nothing) is not a profile.
        if nsamples == 0 && raw.sample_type.is_empty() && raw.location.is_empty() {
            return Err(ProtoError::NotProto("no profile data".into()));
        }
        return Err(ProtoError::Malformed("the string table is empty (string_table[0] must be \"\")".into()));
    }
    if !raw.strings[0].is_empty() {
        return Err(ProtoError::Malformed("string_table[0] must be \"\"".into()));
    }
    let st = Strings(&raw.strings);

    let mut p = Profile::default();
    for (i, vt) in raw.sample_type.iter().enumerate() {
        p.sample_types.push(ValueType {
            ty: st.get(vt.r#type, &|| format!("sample_type[{i}] type"))?,
            unit: st.get(vt.unit, &|| format!("sample_type[{i}] unit"))?,
        });
    }
    if let Some(pt) = &raw.period_type {
        p.period_type = ValueType {
            ty: st.get(pt.r#type, &|| "period_type type".into())?,
            unit: st.get(pt.unit, &|| "period_type unit".into())?,
        };
    }
    p.period = raw.period;
    p.time_nanos = raw.time_nanos;
    p.duration_nanos = raw.duration_nanos;
    p.drop_frames = st.get(raw.drop_frames, &|| "drop_frames".into())?;
    p.keep_frames = st.get(raw.keep_frames, &|| "keep_frames".into())?;
    p.default_sample_type = st.get(raw.default_sample_type, &|| "default_sample_type".into())?;
    p.doc_url = st.get(raw.doc_url, &|| "doc_url".into())?;
    for (i, &c) in raw.comment.iter().enumerate() {
        p.comments.push(st.get(c, &|| format!("comment[{i}]"))?);
    }

    // Mappings.
    let mut mapping_ix = IdIndex::for_ids(raw.mapping.iter().map(|m| m.id), raw.mapping.len());
    for m in &raw.mapping {
        if m.id == 0 {
            return Err(invalid("found mapping with reserved ID=0"));
        }
        if !mapping_ix.insert(m.id, p.mappings.len() as u32) {
            return Err(invalid(format!("multiple mappings with same id: {}", m.id)));
        }
        let id = m.id;
        p.mappings.push(Mapping {
            id,
            start: m.memory_start,
            limit: m.memory_limit,
            offset: m.file_offset,
            file: st.get(m.filename, &|| format!("mapping {id} filename"))?,
            build_id: st.get(m.build_id, &|| format!("mapping {id} build_id"))?,
            has_functions: m.has_functions,
            has_filenames: m.has_filenames,
            has_line_numbers: m.has_line_numbers,
            has_inline_frames: m.has_inline_frames,
        });
    }

    // Functions.
    let mut function_ix = IdIndex::for_ids(raw.function.iter().map(|f| f.id), raw.function.len());
    p.functions.reserve(raw.function.len());
    for f in &raw.function {
        if f.id == 0 {
            return Err(invalid("found function with reserved ID=0"));
        }
        if !function_ix.insert(f.id, p.functions.len() as u32) {
            return Err(invalid(format!("multiple functions with same id: {}", f.id)));
        }
        let id = f.id;
        p.functions.push(Function {
            id,
            name: st.get(f.name, &|| format!("function {id} name"))?,
            system_name: st.get(f.system_name, &|| format!("function {id} system_name"))?,
            filename: st.get(f.filename, &|| format!("function {id} filename"))?,
            start_line: f.start_line,
        });
    }

    // Locations.
    let mut location_ix = IdIndex::for_ids(raw.location.iter().map(|l| l.id), raw.location.len());
    p.locations.reserve(raw.location.len());
    for l in &raw.location {
        if l.id == 0 {
            return Err(invalid("found location with reserved id=0"));
        }
        if !location_ix.insert(l.id, p.locations.len() as u32) {
            return Err(invalid(format!("multiple locations with same id: {}", l.id)));
        }
        // Like Go, a mapping id that is not in the table means "no mapping".
        let mapping = if l.mapping_id == 0 { None } else { mapping_ix.get(l.mapping_id) };
        let lines_of = raw.line.get(l.lines.0 as usize..l.lines.1 as usize).unwrap_or(&[]);
        let mut lines = Vec::with_capacity(lines_of.len());
        for ln in lines_of {
            let Some(f) = function_ix.get(ln.function_id) else {
                return Err(invalid(if ln.function_id == 0 {
                    format!("location id: {} has a line with nil function", l.id)
                } else {
                    format!(
                        "location id: {} refers to function id {}, which is not in the function table",
                        l.id, ln.function_id
                    )
                }));
            };
            lines.push(Line { function: f, line: ln.line, column: ln.column });
        }
        p.locations.push(Location { id: l.id, mapping, address: l.address, lines, is_folded: l.is_folded });
    }

    if p.sample_types.is_empty() && nsamples > 0 {
        return Err(invalid("missing sample type information"));
    }
    Ok((p, location_ix))
}

/// A sample's labels by pprof's rule (`LabelSet::add_label`), or the
/// message for the first string number out of range.
pub(super) fn label_set(st: &Strings, labels: &[pb::Label], si: usize) -> Result<LabelSet, ProtoError> {
    let mut set = LabelSet::default();
    for l in labels {
        let key = st.str(l.key, &|| format!("sample {si} label key"))?;
        match LabelKind::of(l.str, l.num, l.num_unit) {
            LabelKind::Str(s) => {
                let v = st.str(s, &|| format!("sample {si} label {key:?} value"))?;
                set.add_label(&key, LabelKind::Str(&v));
            }
            LabelKind::Num(n, Some(u)) => {
                let unit = st.str(u, &|| format!("sample {si} label {key:?} unit"))?;
                set.add_label(&key, LabelKind::Num(n, Some(&unit)));
            }
            LabelKind::Num(n, None) => set.add_label(&key, LabelKind::Num(n, None)),
            LabelKind::None => {}
        }
    }
    set.finish();
    Ok(set)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The prost path alone, as `decode` was before the wire decoder.
    fn slow(data: &[u8]) -> Result<Profile, ProtoError> {
        let raw = pb::Profile::decode(data).map_err(|e| ProtoError::NotProto(e.to_string()))?;
        if concatenated(data) {
            return Err(ProtoError::Invalid("concatenated profiles detected".into()));
        }
        convert(raw)
    }

    /// Everything a decoding gives, as text to compare.
    pub(crate) fn summary(r: &Result<Profile, ProtoError>) -> String {
        match r {
            Err(ProtoError::NotProto(_)) => "not proto".into(),
            Err(e) => format!("{e:?}"),
            Ok(p) => {
                let s = &p.samples;
                let labels: Vec<_> = s.labels.iter().map(|&l| p.labels.get(l)).collect();
                format!(
                    "{}\n{:?} {:?} {:?} {:?}",
                    crate::profile::dump::to_string(p),
                    s.locs,
                    s.offsets,
                    s.values,
                    labels
                )
            }
        }
    }

    fn same(data: &[u8], what: &str) {
        let fast = crate::decode::wire::decode(data);
        if let Some(f) = &fast {
            assert_eq!(summary(f), summary(&slow(data)), "{what}");
        }
    }

    /// Every gzipped profile of testdata: name, gzipped and raw bytes.
    pub(crate) fn profiles_gz() -> Vec<(String, Vec<u8>, Vec<u8>)> {
        let mut out = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/profiles");
        for e in std::fs::read_dir(dir).expect("testdata") {
            let path = e.expect("entry").path();
            if path.to_string_lossy().ends_with(".pb.gz") {
                let gz = std::fs::read(&path).expect("read");
                let raw = crate::decode::gunzip(&gz, 1 << 30).expect("gunzip");
                out.push((path.display().to_string(), gz, raw));
            }
        }
        out.sort();
        out
    }

    /// A damaged copy of `raw`, the next of `seed`'s sequence: one byte set
    /// and, half the time, the end cut off; with the byte's position.
    pub(crate) fn damaged(raw: &[u8], seed: &mut u64) -> (Vec<u8>, usize) {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let s = *seed;
        let mut d = raw.to_vec();
        let at = (s >> 33) as usize % d.len();
        d[at] = (s >> 20) as u8;
        if s & 1 == 0 {
            d.truncate((s >> 11) as usize % (d.len() + 1));
        }
        (d, at)
    }

    fn profiles() -> Vec<(String, Vec<u8>)> {
        profiles_gz().into_iter().map(|(name, _, raw)| (name, raw)).collect()
    }

    #[test]
    fn wire_decoder_matches_prost_on_real_profiles() {
        for (name, raw) in profiles() {
            assert!(crate::decode::wire::decode(&raw).is_some(), "{name}: the wire decoder gave up");
            same(&raw, &name);
        }
    }

    #[test]
    fn wire_decoder_matches_prost_on_damaged_profiles() {
        // Every cut and a spread of byte changes: the wire decoder either
        // gives up or gives prost's answer.
        let mut seed = 0x1234_5678_u64;
        for (name, raw) in profiles().into_iter().take(4) {
            let step = (raw.len() / 120).max(1);
            for cut in (0..raw.len()).step_by(step) {
                same(&raw[..cut], &format!("{name} cut at {cut}"));
            }
            for _ in 0..150 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let mut d = raw.clone();
                let at = (seed >> 33) as usize % d.len();
                d[at] = (seed >> 20) as u8;
                same(&d, &format!("{name} byte {at} set"));
            }
        }
    }

    #[test]
    fn wire_decoder_handles_unpacked_fields_and_split_labels() {
        let mut p = pb::Profile {
            string_table: ["", "samples", "count", "k", "v", "f", "w"].iter().map(|s| s.as_bytes().to_vec()).collect(),
            sample_type: vec![pb::ValueType { r#type: 1, unit: 2 }],
            function: vec![pb::Function { id: 1, name: 5, ..Default::default() }],
            location: vec![pb::Location {
                id: 7,
                line: vec![pb::Line { function_id: 1, line: 1, column: 0 }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let l = |key, str| pb::Label { key, str, ..Default::default() };
        p.sample.push(pb::Sample { location_id: vec![7, 7], value: vec![-3], label: vec![l(3, 4), l(3, 6)] });
        let mut data = p.encode_to_vec();
        // A sample with unpacked ids, a label split by a value field.
        let mut s = Vec::new();
        s.extend_from_slice(&[0x08, 7, 0x08, 7]);
        s.extend_from_slice(&[0x1a, 4, 0x08, 3, 0x10, 4]);
        s.extend_from_slice(&[0x10, 9]);
        s.extend_from_slice(&[0x1a, 4, 0x08, 3, 0x10, 6]);
        data.extend_from_slice(&[0x12, s.len() as u8]);
        data.extend_from_slice(&s);
        assert!(crate::decode::wire::decode(&data).is_some());
        same(&data, "unpacked");
        let p = decode(&data).expect("decodes");
        assert_eq!(p.samples.len(), 2);
        assert_eq!(p.samples.labels[0], p.samples.labels[1]);
    }
}
