//! The wire decoder for the profiles pa sees every day, fed in pieces so
//! that inflating a gzipped profile on one core and decoding it on the
//! other overlap, and the inflated bytes are never held whole.
//!
//! Samples are read straight into the flat arrays of `Samples` (no
//! `pb::Sample`, no per-sample allocation); location ids are kept as they
//! are until the tables, which Go writes after the samples, are known;
//! label fields are interned by their encoded bytes, checked once per
//! distinct encoding and kept encoded (`LabelSets::from_encoded`: decoded
//! only if a report reads them). Every field that is not a sample is kept
//! as bytes for `tables`, which decodes them at the end. The decoder gives
//! up (None) on anything prost would reject or that it does not handle
//! (groups, location ids past 32 bits, a truncated field), before any
//! validity check has run, so the caller can fall back to prost over the
//! whole buffer and give prost's answer byte for byte; the validity checks
//! run in the order of `proto::convert`.

use std::io::Read;
use std::sync::mpsc;

use super::proto::{IdIndex, ProtoError, RawTables, Strings, convert_tables, invalid, label_set, missing_location, pb};
use crate::fxhash::FxMap;
use crate::profile::{EncodedLabels, LabelKind, LabelSets, Profile, RawLabel, Samples};

/// A varint as prost reads one: at most 10 bytes, no overflow. `Err(())`
/// when the bytes run out first (more may come in the next piece).
#[inline(always)]
fn varint(d: &[u8], pos: &mut usize) -> Result<u64, Incomplete> {
    let Some(&b) = d.get(*pos) else {
        return Err(Incomplete::More);
    };
    if b < 0x80 {
        *pos += 1;
        return Ok(u64::from(b));
    }
    let mut v = u64::from(b & 0x7f);
    for i in 1..10 {
        let Some(&b) = d.get(*pos + i) else {
            return Err(Incomplete::More);
        };
        v |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            if i == 9 && b >= 2 {
                return Err(Incomplete::Bad);
            }
            *pos += i + 1;
            return Ok(v);
        }
    }
    Err(Incomplete::Bad)
}

/// Why a field could not be read: the piece ends inside it, or the bytes
/// are not what prost accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Incomplete {
    More,
    Bad,
}

/// Inside a complete message, running out of bytes is as bad as bad bytes.
#[inline(always)]
pub(super) fn vint(d: &[u8], pos: &mut usize) -> Option<u64> {
    varint(d, pos).ok()
}

/// A field key: (field number, wire type), refusing what prost refuses
/// and groups (wire types 3 and 4), which only prost handles.
#[inline(always)]
pub(super) fn key(d: &[u8], pos: &mut usize) -> Result<(u64, u64), Incomplete> {
    let k = varint(d, pos)?;
    let (tag, wire) = (k >> 3, k & 7);
    if k > u64::from(u32::MAX) || tag == 0 || !matches!(wire, 0 | 1 | 2 | 5) {
        return Err(Incomplete::Bad);
    }
    Ok((tag, wire))
}

/// The end of the field whose payload starts at `pos` (after its key).
#[inline(always)]
pub(super) fn field_end(d: &[u8], pos: &mut usize, wire: u64) -> Result<usize, Incomplete> {
    let end = match wire {
        0 => {
            varint(d, pos)?;
            return Ok(*pos);
        }
        1 => pos.checked_add(8),
        2 => {
            let len = varint(d, pos)?;
            usize::try_from(len).ok().and_then(|l| pos.checked_add(l))
        }
        5 => pos.checked_add(4),
        _ => None,
    };
    let end = end.ok_or(Incomplete::Bad)?;
    if end > d.len() { Err(Incomplete::More) } else { Ok(end) }
}

/// The length of the field that starts `d`, key included, once its key
/// and length are there (the payload may not be).
fn field_len(d: &[u8]) -> Result<usize, Incomplete> {
    let mut pos = 0;
    let (_, wire) = key(d, &mut pos)?;
    let end = match wire {
        0 => {
            varint(d, &mut pos)?;
            Some(pos)
        }
        1 => pos.checked_add(8),
        5 => pos.checked_add(4),
        _ => {
            let len = varint(d, &mut pos)?;
            usize::try_from(len).ok().and_then(|l| pos.checked_add(l))
        }
    };
    end.ok_or(Incomplete::Bad)
}

/// Skips a field inside a complete message.
#[inline(always)]
pub(super) fn skip(d: &[u8], pos: &mut usize, wire: u64) -> Option<()> {
    *pos = field_end(d, pos, wire).ok()?;
    Some(())
}

/// Calls `f` for each value of a repeated varint field, packed or not.
#[inline(always)]
pub(super) fn repeated(d: &[u8], pos: &mut usize, wire: u64, mut f: impl FnMut(u64) -> Option<()>) -> Option<()> {
    match wire {
        0 => f(vint(d, pos)?),
        2 => {
            let len = usize::try_from(vint(d, pos)?).ok()?;
            let end = pos.checked_add(len).filter(|&e| e <= d.len())?;
            let packed = &d[..end];
            while *pos < end {
                f(vint(packed, pos)?)?;
            }
            Some(())
        }
        _ => None,
    }
}

/// A sample's location ids, packed or not, appended to `out`: the hot loop
/// of decoding, so ids of one and two bytes (below 16,384: every id of
/// most profiles) are read without the general varint loop.
#[inline(always)]
fn location_ids(d: &[u8], pos: &mut usize, wire: u64, out: &mut Vec<u32>) -> Option<()> {
    if wire != 2 {
        return repeated(d, pos, wire, |id| {
            out.push(u32::try_from(id).ok()?);
            Some(())
        });
    }
    let len = usize::try_from(vint(d, pos)?).ok()?;
    let end = pos.checked_add(len).filter(|&e| e <= d.len())?;
    let run = &d[*pos..end];
    out.reserve(run.len());
    let mut i = 0;
    while i < run.len() {
        let b0 = run[i];
        if b0 < 0x80 {
            out.push(u32::from(b0));
            i += 1;
        } else if let Some(&b1) = run.get(i + 1)
            && b1 < 0x80
        {
            out.push(u32::from(b0 & 0x7f) | (u32::from(b1) << 7));
            i += 2;
        } else {
            out.push(u32::try_from(vint(run, &mut i)?).ok()?);
        }
    }
    *pos = end;
    Some(())
}

/// One Label message, field by field as prost reads it.
fn label(d: &[u8]) -> Option<pb::Label> {
    let mut l = pb::Label::default();
    let mut pos = 0;
    while pos < d.len() {
        let (tag, wire) = key(d, &mut pos).ok()?;
        let slot = match tag {
            1 => &mut l.key,
            2 => &mut l.str,
            3 => &mut l.num,
            4 => &mut l.num_unit,
            _ => {
                skip(d, &mut pos, wire)?;
                continue;
            }
        };
        if wire != 0 {
            return None;
        }
        *slot = vint(d, &mut pos)? as i64;
    }
    Some(l)
}

/// The labels of an encoded run of label fields (each `0x1a len Label`),
/// appended to `out`.
fn labels_of(blob: &[u8], out: &mut Vec<pb::Label>) -> Option<()> {
    let mut pos = 0;
    while pos < blob.len() {
        let (tag, wire) = key(blob, &mut pos).ok()?;
        if tag != 3 || wire != 2 {
            return None;
        }
        let end = field_end(blob, &mut pos, wire).ok()?;
        out.push(label(&blob[pos..end])?);
        pos = end;
    }
    Some(())
}

/// Replaces every location id by its index; the position of the first id
/// that is not in the table, if any. Two halves on two cores when large.
fn map_all(ix: &IdIndex, locs: &mut [u32]) -> Option<usize> {
    fn run(ix: &IdIndex, part: &mut [u32]) -> Option<usize> {
        for (k, l) in part.iter_mut().enumerate() {
            match ix.get(u64::from(*l)) {
                Some(i) => *l = i,
                None => return Some(k),
            }
        }
        None
    }
    if !crate::parallel::second_core(locs.len(), 1 << 20) {
        return run(ix, locs);
    }
    let mid = locs.len() / 2;
    let (a, b) = locs.split_at_mut(mid);
    let (ra, rb) = std::thread::scope(|s| {
        let later = s.spawn(|| run(ix, b));
        (run(ix, a), later.join().ok().flatten().map(|k| k + mid))
    });
    ra.or(rb)
}

/// The decoder's state between pieces.
pub(super) struct WireDecoder {
    /// The bytes of a top-level field that the last piece cut.
    pending: Vec<u8>,
    /// Every top-level field that is not a sample, for `tables`.
    tables: Vec<u8>,
    /// Top-level `time_nanos` fields: a second one means concatenated profiles.
    time_fields: u32,
    samples: Samples,
    /// Values per sample, from the first sample; pprof's count check needs
    /// the number of sample types, which may come after the samples.
    first_count: Option<usize>,
    /// The first sample whose value count differs from the first's.
    mismatch: Option<(usize, usize)>,
    /// Distinct encodings of a sample's label fields → blob number (the
    /// sample's label is blob number + 1; 0 means no labels).
    blob_ix: FxMap<Box<[u8]>, u32>,
    /// The first sample of each blob, for messages.
    blob_first: Vec<u32>,
    /// The labels of every blob, read when it was first met: blob b's are
    /// `blob_labels[blob_ends[b - 1]..blob_ends[b]]`.
    blob_labels: Vec<pb::Label>,
    blob_ends: Vec<u32>,
    scratch: Vec<u8>,
}

impl WireDecoder {
    /// `size_hint`: the expected inflated size, to size the arrays once.
    pub(super) fn new(size_hint: usize) -> WireDecoder {
        let mut samples = Samples::new(0);
        // A location id takes 1-3 bytes and values and labels the rest;
        // memory is reserved, not touched, so a generous guess is free.
        samples.locs.reserve(size_hint / 2);
        WireDecoder {
            pending: Vec::new(),
            tables: Vec::new(),
            time_fields: 0,
            samples,
            first_count: None,
            mismatch: None,
            blob_ix: FxMap::default(),
            blob_first: Vec::new(),
            blob_labels: Vec::new(),
            blob_ends: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// `feed` for a stream, which gives up once the decoded arrays pass
    /// the cap on the inflated size: a run of tiny samples (`12 00`) makes
    /// 8 bytes of arrays of every 2 inflated bytes, so a gzip bomb of them
    /// would otherwise take four times the cap before the inflated bytes
    /// reach it. The usual path then refuses it, in the cap's memory.
    fn feed_within(&mut self, d: &[u8], max: u64) -> Option<()> {
        self.feed(d)?;
        (self.held() <= max).then_some(())
    }

    /// The bytes the decoded arrays hold so far.
    fn held(&self) -> u64 {
        let s = &self.samples;
        let words = s.locs.len() + s.offsets.len() + s.labels.len() + 2 * s.values.len();
        (4 * words + self.tables.len() + self.pending.len() + self.blob_labels.len() * std::mem::size_of::<pb::Label>())
            as u64
    }

    /// Reads the fields of the next piece; None when the bytes are not
    /// what this decoder handles.
    pub(super) fn feed(&mut self, mut d: &[u8]) -> Option<()> {
        if !self.pending.is_empty() {
            // Complete the cut field: its key and length a byte at a time
            // (at most 20), then the rest of its payload at once.
            let end = loop {
                match field_len(&self.pending) {
                    Ok(end) => break end,
                    Err(Incomplete::Bad) => return None,
                    Err(Incomplete::More) => {
                        let Some((&b, rest)) = d.split_first() else {
                            return Some(());
                        };
                        self.pending.push(b);
                        d = rest;
                    }
                }
            };
            let take = (end - self.pending.len()).min(d.len());
            self.pending.extend_from_slice(&d[..take]);
            d = &d[take..];
            if self.pending.len() < end {
                return Some(());
            }
            let field = std::mem::take(&mut self.pending);
            let mut pos = 0;
            let (tag, wire) = key(&field, &mut pos).ok()?;
            self.field(&field, 0, pos, tag, wire)?;
            self.pending = field;
            self.pending.clear();
        }
        self.fields(d)
    }

    /// The whole fields of `d`; a cut last field goes to `pending`.
    fn fields(&mut self, d: &[u8]) -> Option<()> {
        let mut pos = 0;
        while pos < d.len() {
            let start = pos;
            let (tag, wire) = match key(d, &mut pos) {
                Ok(k) => k,
                Err(Incomplete::More) => {
                    self.pending.extend_from_slice(&d[start..]);
                    return Some(());
                }
                Err(Incomplete::Bad) => return None,
            };
            let head = pos;
            match field_end(d, &mut pos, wire) {
                Ok(end) => {
                    self.field(d, start, head, tag, wire)?;
                    pos = end;
                }
                Err(Incomplete::More) => {
                    self.pending.extend_from_slice(&d[start..]);
                    return Some(());
                }
                Err(Incomplete::Bad) => return None,
            }
        }
        Some(())
    }

    /// One whole top-level field: `d[start..]` holds it, its payload (after
    /// the key) at `head`.
    fn field(&mut self, d: &[u8], start: usize, head: usize, tag: u64, wire: u64) -> Option<()> {
        let mut pos = head;
        let end = field_end(d, &mut pos, wire).ok()?;
        if tag == 2 {
            if wire != 2 {
                return None;
            }
            return self.sample(&d[..end], pos);
        }
        if tag == 9 && wire == 0 {
            self.time_fields += 1;
        }
        self.tables.extend_from_slice(&d[start..end]);
        Some(())
    }

    /// One Sample message, `m[pos..]`.
    fn sample(&mut self, m: &[u8], mut pos: usize) -> Option<()> {
        let s = &mut self.samples;
        let v0 = s.values.len();
        let (mut first, mut last, mut split) = (usize::MAX, 0, false);
        while pos < m.len() {
            let start = pos;
            let (tag, wire) = key(m, &mut pos).ok()?;
            match tag {
                1 => location_ids(m, &mut pos, wire, &mut s.locs)?,
                2 => repeated(m, &mut pos, wire, |v| {
                    s.values.push(v as i64);
                    Some(())
                })?,
                3 if wire == 2 => {
                    pos = field_end(m, &mut pos, wire).ok()?;
                    if first == usize::MAX {
                        first = start;
                    } else if last != start {
                        split = true;
                    }
                    last = pos;
                }
                3 => return None,
                _ => skip(m, &mut pos, wire)?,
            }
        }
        let si = s.labels.len();
        s.offsets.push(u32::try_from(s.locs.len()).ok()?);
        let got = s.values.len() - v0;
        match self.first_count {
            None => self.first_count = Some(got),
            Some(n) if n != got => {
                if self.mismatch.is_none() {
                    self.mismatch = Some((si, got));
                }
                // Reported when the checks reach this sample; no padding
                // (a file of many empty samples and many types would
                // allocate their product).
                s.values.truncate(v0);
            }
            Some(_) => {}
        }
        let label = if first == usize::MAX {
            0
        } else {
            let blob: &[u8] = if split {
                // Label fields with others between them: their own bytes, in order.
                self.scratch.clear();
                let mut p = first;
                while p < m.len() {
                    let st = p;
                    let (tag, wire) = key(m, &mut p).ok()?;
                    let e = field_end(m, &mut p, wire).ok()?;
                    if tag == 3 {
                        self.scratch.extend_from_slice(&m[st..e]);
                    }
                    p = e;
                }
                &self.scratch
            } else {
                &m[first..last]
            };
            match self.blob_ix.get(blob) {
                Some(&b) => b + 1,
                None => {
                    // Read once per distinct encoding.
                    labels_of(blob, &mut self.blob_labels)?;
                    self.blob_ends.push(u32::try_from(self.blob_labels.len()).ok()?);
                    let b = self.blob_first.len() as u32;
                    self.blob_ix.insert(blob.into(), b);
                    self.blob_first.push(si as u32);
                    b + 1
                }
            }
        };
        self.samples.labels.push(label);
        Some(())
    }

    /// The end of the input: `tables` decodes the tables, then pprof's checks
    /// run in `convert`'s order: tables, then for each sample its value
    /// count, its location ids and its labels.
    pub(super) fn finish(mut self) -> Option<Result<Profile, ProtoError>> {
        if !self.pending.is_empty() {
            return None;
        }
        let tables = std::mem::take(&mut self.tables);
        let raw = super::tables::decode(&tables)?;
        // The wire format is good: from here on, answers are final.
        if self.time_fields > 1 {
            return Some(Err(invalid("concatenated profiles detected")));
        }
        Some(self.check(raw))
    }

    fn check(self, raw: RawTables) -> Result<Profile, ProtoError> {
        let WireDecoder { mut samples, first_count, mismatch, blob_ix, blob_first, blob_labels, blob_ends, .. } = self;
        drop(blob_ix);
        let n = samples.len();
        let (mut p, location_ix) = convert_tables(&raw, n)?;
        let loc_err = map_all(&location_ix, &mut samples.locs).map(|k| {
            // The sample holding position k, and the id there.
            let si = samples.offsets.partition_point(|&o| o as usize <= k) - 1;
            (si, u64::from(samples.locs[k]))
        });
        let blobs = Blobs { labels: &blob_labels, ends: blob_ends, first: &blob_first };
        let labels = encode_blobs(&Strings(&raw.strings), blobs);
        drop(raw);
        let label_err = labels.as_ref().err();
        let nv = p.sample_types.len();
        samples.nv = nv;
        // Each check's first failing sample; the earliest sample wins, and
        // within a sample the count, then the locations, then the labels.
        let count_err = match (first_count, mismatch) {
            (Some(c), _) if c != nv => Some((0, c)),
            (_, m) => m,
        };
        let count_at = count_err.map(|(si, _)| si);
        let loc_at = loc_err.map(|(si, _)| si);
        let label_at = label_err.map(|(si, _)| *si);
        if let Some(si) = [count_at, loc_at, label_at].into_iter().flatten().min() {
            if let Some((at, got)) = count_err
                && at == si
            {
                return Err(invalid(format!("mismatch: sample has {got} values vs. {nv} types")));
            }
            if let Some((at, id)) = loc_err
                && at == si
            {
                return Err(missing_location(si, id));
            }
            if let Err((_, e)) = labels {
                return Err(e);
            }
        }
        p.samples = samples;
        p.labels = LabelSets::from_encoded(labels.map_err(|(_, e)| e)?);
        Ok(p)
    }
}

/// The label fields of each distinct encoding, as read at first sight.
struct Blobs<'a> {
    labels: &'a [pb::Label],
    ends: Vec<u32>,
    /// The first sample of each, for messages.
    first: &'a [u32],
}

/// The label sets, checked and kept encoded (samples number them as the
/// blobs, from 1) with the strings they use; or the first failing one: its
/// first sample and pprof's message.
fn encode_blobs(st: &Strings, blobs: Blobs) -> Result<EncodedLabels, (usize, ProtoError)> {
    let n = st.0.len();
    // String number in the table → in `strings` (0: not yet there); sized
    // at the first label, so a profile without labels allocates nothing.
    let mut pooled: Vec<u32> = Vec::new();
    let mut strings = vec![String::new()];
    let mut pool = |i: i64| -> Option<u32> {
        let k = usize::try_from(i).ok().filter(|&k| k < n)?;
        if k == 0 {
            return Some(0);
        }
        if pooled.is_empty() {
            pooled.resize(n, 0);
        }
        if pooled[k] == 0 {
            pooled[k] = strings.len() as u32;
            strings.push(crate::profile::rawbytes::decode_cow(st.0[k]).into_owned());
        }
        Some(pooled[k])
    };
    let mut labels = Vec::with_capacity(blobs.labels.len());
    let mut ends = blobs.ends;
    let mut start = 0;
    for (b, end) in ends.iter_mut().enumerate() {
        let run = &blobs.labels[start..*end as usize];
        for l in run {
            // None: a string number out of range; Some(None): nothing to
            // keep, but pprof checks its key.
            let raw = match LabelKind::of(l.str, l.num, l.num_unit) {
                LabelKind::Str(s) => {
                    pool(l.key).zip(pool(s)).map(|(key, str)| Some(RawLabel { key, str, num: 0, unit: 0 }))
                }
                LabelKind::Num(num, u) => pool(l.key)
                    .zip(u.map_or(Some(0), &mut pool))
                    .map(|(key, unit)| Some(RawLabel { key, str: 0, num, unit })),
                LabelKind::None => pool(l.key).map(|_| None),
            };
            match raw {
                Some(Some(r)) => labels.push(r),
                Some(None) => {}
                None => {
                    // pprof's message for it, from the sample-by-sample rule.
                    let si = blobs.first[b] as usize;
                    let e = label_set(st, run, si)
                        .err()
                        .unwrap_or_else(|| invalid(format!("sample {si}: a label out of range")));
                    return Err((si, e));
                }
            }
        }
        start = *end as usize;
        *end = labels.len() as u32;
    }
    Ok(EncodedLabels { strings, labels, ends })
}

/// Decodes a whole buffer.
pub(super) fn decode(d: &[u8]) -> Option<Result<Profile, ProtoError>> {
    let mut w = WireDecoder::new(d.len());
    w.feed(d)?;
    w.finish()
}

/// Inflated bytes per piece: small enough to stay in cache between the two
/// cores, large enough that cut fields are rare.
const PIECE: usize = 1 << 20;

/// What the inflating thread sends.
enum Piece {
    Bytes(Vec<u8>),
    /// The stream ended well, after this many bytes.
    End,
    /// Corrupt, truncated, over the cap or empty: the caller's slow path
    /// says which, with its usual message.
    Failed,
}

/// Inflates `gz` in pieces and decodes each as it comes: on a second
/// thread when `thread`, else on this one, so that the inflated bytes are
/// never held whole either way. None when the stream is not a well-formed
/// gzipped protobuf profile that inflates to at most `max` bytes: the
/// caller then inflates it whole and decodes it the usual way, which gives
/// the usual errors and the legacy formats.
pub(super) fn decode_gzip(gz: &[u8], max: u64, size_hint: u64, thread: bool) -> Option<Result<Profile, ProtoError>> {
    if thread { decode_gzip_on_two(gz, max, size_hint) } else { decode_gzip_on_one(gz, max, size_hint) }
}

/// Inflated bytes per piece on one thread: what stays in the first-level
/// caches while it is decoded.
const ONE_THREAD_PIECE: usize = 32 << 10;

fn decode_gzip_on_one(gz: &[u8], max: u64, size_hint: u64) -> Option<Result<Profile, ProtoError>> {
    let mut dec = flate2::bufread::MultiGzDecoder::new(gz);
    let mut buf = vec![0u8; ONE_THREAD_PIECE];
    let mut w = WireDecoder::new(size_hint.min(max) as usize);
    let mut total = 0u64;
    loop {
        let n = match dec.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        total += n as u64;
        if total > max {
            return None;
        }
        w.feed_within(&buf[..n], max)?;
    }
    if total == 0 {
        return None;
    }
    w.finish()
}

fn decode_gzip_on_two(gz: &[u8], max: u64, size_hint: u64) -> Option<Result<Profile, ProtoError>> {
    let (tx, rx) = mpsc::sync_channel::<Piece>(4);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut dec = flate2::bufread::MultiGzDecoder::new(gz);
            let mut total = 0u64;
            loop {
                let mut buf = free_rx.try_recv().unwrap_or_else(|_| Vec::with_capacity(PIECE));
                buf.resize(PIECE, 0);
                let mut filled = 0;
                let failed = loop {
                    match dec.read(&mut buf[filled..]) {
                        Ok(0) => break false,
                        Ok(k) => {
                            filled += k;
                            if filled == PIECE {
                                break false;
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break true,
                    }
                };
                total += filled as u64;
                if failed || total > max {
                    let _ = tx.send(Piece::Failed);
                    return;
                }
                if filled == 0 {
                    let _ = tx.send(if total == 0 { Piece::Failed } else { Piece::End });
                    return;
                }
                buf.truncate(filled);
                if tx.send(Piece::Bytes(buf)).is_err() {
                    return;
                }
            }
        });
        // The receiving end is dropped on every way out, so an inflating
        // thread blocked on a full channel wakes up and ends.
        let rx = rx;
        let mut w = WireDecoder::new(size_hint.min(max) as usize);
        loop {
            match rx.recv().ok()? {
                Piece::Bytes(b) => {
                    w.feed_within(&b, max)?;
                    let _ = free_tx.send(b);
                }
                Piece::End => {
                    crate::timing::mark("decode: samples read");
                    break;
                }
                Piece::Failed => return None,
            }
        }
        w.finish()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(r: &Option<Result<Profile, ProtoError>>) -> String {
        r.as_ref().map_or_else(|| "gave up".into(), crate::decode::proto::tests::summary)
    }

    fn in_pieces(d: &[u8], size: usize) -> Option<Result<Profile, ProtoError>> {
        let mut w = WireDecoder::new(0);
        for piece in d.chunks(size) {
            w.feed(piece)?;
        }
        w.finish()
    }

    fn profiles() -> Vec<(String, Vec<u8>, Vec<u8>)> {
        crate::decode::proto::tests::profiles_gz()
    }

    #[test]
    fn pieces_of_any_size_decode_as_the_whole() {
        for (name, _, raw) in profiles() {
            let whole = summary(&decode(&raw));
            assert!(!whole.starts_with("gave up"), "{name}");
            for size in [1, 2, 3, 5, 17, 64, 1000, 65536] {
                assert_eq!(summary(&in_pieces(&raw, size)), whole, "{name} in pieces of {size}");
            }
        }
    }

    #[test]
    fn damaged_profiles_in_pieces_give_the_same_answer() {
        let mut seed = 0x9e37_79b9_u64;
        for (name, _, raw) in profiles().into_iter().take(3) {
            for _ in 0..40 {
                let (d, at) = crate::decode::proto::tests::damaged(&raw, &mut seed);
                let whole = summary(&decode(&d));
                assert_eq!(summary(&in_pieces(&d, 7)), whole, "{name} byte {at}");
            }
        }
    }

    #[test]
    fn gzip_stream_decodes_as_the_inflated_bytes() {
        for thread in [false, true] {
            for (name, gz, raw) in profiles() {
                let hint = raw.len() as u64;
                let whole = summary(&decode(&raw));
                assert_eq!(summary(&decode_gzip(&gz, 1 << 30, hint, thread)), whole, "{name} thread {thread}");
                // Over the cap, truncated or corrupt: the caller's slow path decides.
                assert!(decode_gzip(&gz, raw.len() as u64 - 1, hint, thread).is_none(), "{name} over the cap");
                assert!(decode_gzip(&gz[..gz.len() - 9], 1 << 30, hint, thread).is_none(), "{name} truncated");
            }
            assert!(decode_gzip(b"\x1f\x8b", 1 << 30, 0, thread).is_none());
        }
    }

    #[test]
    fn a_stream_gives_up_when_its_arrays_pass_the_cap() {
        // 100,000 empty samples: 200 KB inflated, 800 KB of arrays.
        use std::io::Write;
        let raw = [0x12u8, 0x00].repeat(100_000);
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&raw).expect("gzip");
        let gz = enc.finish().expect("gzip");
        for thread in [false, true] {
            // Under a cap above the arrays, the decoder reaches pprof's verdict.
            assert!(decode_gzip(&gz, 1 << 30, 0, thread).is_some_and(|r| r.is_err()), "thread {thread}");
            // Under a cap above the inflated size but below the arrays, it gives up.
            assert!(decode_gzip(&gz, 300_000, 0, thread).is_none(), "thread {thread}");
        }
    }

    #[test]
    fn giving_up_early_stops_the_inflating_thread() {
        // Many pieces of bytes that are no protobuf: the decoder gives up on
        // the first while the inflater has more to send (it once waited on
        // a full channel for ever).
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![0u8; 40 * PIECE]).expect("gzip");
        let gz = enc.finish().expect("gzip");
        for thread in [false, true] {
            assert!(decode_gzip(&gz, 1 << 30, 0, thread).is_none());
            assert!(decode_gzip(&gz, 2 * PIECE as u64, 0, thread).is_none());
        }
    }
}
