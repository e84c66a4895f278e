//! The tables of a protobuf profile (every top-level field but the
//! samples, as the wire decoder keeps them) read straight into
//! `RawTables`: the strings stay slices of the buffer and a location's
//! lines go to one shared array, where prost made a message, a vector of
//! lines and a string handle each. On a small profile that copy was a
//! tenth of `pa top`'s instructions.
//!
//! It reads what prost reads, field by field (the last value of a scalar
//! wins, a message given twice is merged, repeated numbers packed or not,
//! unknown fields skipped) and gives up (None) on anything prost would
//! refuse, and on groups, which only prost reads; the caller's fallback,
//! prost over the whole input, then has the last word.

use super::proto::{RawLocation, RawTables, pb};
use super::wire::{field_end, key, repeated, skip, vint};

/// The fields of one message: `f(tag, wire, bytes, pos)` reads the payload
/// of each at `pos` and moves `pos` past it.
fn fields<'a>(d: &'a [u8], mut f: impl FnMut(u64, u64, &'a [u8], &mut usize) -> Option<()>) -> Option<()> {
    let mut pos = 0;
    while pos < d.len() {
        let (tag, wire) = key(d, &mut pos).ok()?;
        f(tag, wire, d, &mut pos)?;
    }
    Some(())
}

/// A varint field (int64, uint64, bool as prost reads them).
fn int(d: &[u8], pos: &mut usize, wire: u64) -> Option<u64> {
    if wire != 0 {
        return None;
    }
    vint(d, pos)
}

/// A length-delimited field's payload.
fn bytes<'a>(d: &'a [u8], pos: &mut usize, wire: u64) -> Option<&'a [u8]> {
    if wire != 2 {
        return None;
    }
    let end = field_end(d, pos, wire).ok()?;
    let payload = &d[*pos..end];
    *pos = end;
    Some(payload)
}

fn value_type(m: &[u8], vt: &mut pb::ValueType) -> Option<()> {
    fields(m, |tag, wire, d, pos| {
        match tag {
            1 => vt.r#type = int(d, pos, wire)? as i64,
            2 => vt.unit = int(d, pos, wire)? as i64,
            _ => skip(d, pos, wire)?,
        }
        Some(())
    })
}

fn mapping(m: &[u8]) -> Option<pb::Mapping> {
    let mut x = pb::Mapping::default();
    fields(m, |tag, wire, d, pos| {
        match tag {
            1 => x.id = int(d, pos, wire)?,
            2 => x.memory_start = int(d, pos, wire)?,
            3 => x.memory_limit = int(d, pos, wire)?,
            4 => x.file_offset = int(d, pos, wire)?,
            5 => x.filename = int(d, pos, wire)? as i64,
            6 => x.build_id = int(d, pos, wire)? as i64,
            7 => x.has_functions = int(d, pos, wire)? != 0,
            8 => x.has_filenames = int(d, pos, wire)? != 0,
            9 => x.has_line_numbers = int(d, pos, wire)? != 0,
            10 => x.has_inline_frames = int(d, pos, wire)? != 0,
            _ => skip(d, pos, wire)?,
        }
        Some(())
    })?;
    Some(x)
}

fn function(m: &[u8]) -> Option<pb::Function> {
    let mut x = pb::Function::default();
    fields(m, |tag, wire, d, pos| {
        match tag {
            1 => x.id = int(d, pos, wire)?,
            2 => x.name = int(d, pos, wire)? as i64,
            3 => x.system_name = int(d, pos, wire)? as i64,
            4 => x.filename = int(d, pos, wire)? as i64,
            5 => x.start_line = int(d, pos, wire)? as i64,
            _ => skip(d, pos, wire)?,
        }
        Some(())
    })?;
    Some(x)
}

fn line(m: &[u8]) -> Option<pb::Line> {
    let mut x = pb::Line::default();
    fields(m, |tag, wire, d, pos| {
        match tag {
            1 => x.function_id = int(d, pos, wire)?,
            2 => x.line = int(d, pos, wire)? as i64,
            3 => x.column = int(d, pos, wire)? as i64,
            _ => skip(d, pos, wire)?,
        }
        Some(())
    })?;
    Some(x)
}

fn location(m: &[u8], lines: &mut Vec<pb::Line>) -> Option<RawLocation> {
    let mut x = RawLocation::default();
    let start = u32::try_from(lines.len()).ok()?;
    fields(m, |tag, wire, d, pos| {
        match tag {
            1 => x.id = int(d, pos, wire)?,
            2 => x.mapping_id = int(d, pos, wire)?,
            3 => x.address = int(d, pos, wire)?,
            4 => lines.push(line(bytes(d, pos, wire)?)?),
            5 => x.is_folded = int(d, pos, wire)? != 0,
            _ => skip(d, pos, wire)?,
        }
        Some(())
    })?;
    x.lines = (start, u32::try_from(lines.len()).ok()?);
    Some(x)
}

/// The tables of `d` (top-level fields, no samples); None where prost
/// would fail or where a sample field turns up.
pub(super) fn decode(d: &[u8]) -> Option<RawTables<'_>> {
    let mut t = RawTables::default();
    fields(d, |tag, wire, d, pos| {
        match tag {
            1 => {
                let mut vt = pb::ValueType::default();
                value_type(bytes(d, pos, wire)?, &mut vt)?;
                t.sample_type.push(vt);
            }
            3 => t.mapping.push(mapping(bytes(d, pos, wire)?)?),
            4 => t.location.push(location(bytes(d, pos, wire)?, &mut t.line)?),
            5 => t.function.push(function(bytes(d, pos, wire)?)?),
            6 => t.strings.push(bytes(d, pos, wire)?),
            7 => t.drop_frames = int(d, pos, wire)? as i64,
            8 => t.keep_frames = int(d, pos, wire)? as i64,
            9 => t.time_nanos = int(d, pos, wire)? as i64,
            10 => t.duration_nanos = int(d, pos, wire)? as i64,
            // Given twice, prost merges the second into the first.
            11 => value_type(bytes(d, pos, wire)?, t.period_type.get_or_insert_with(Default::default))?,
            12 => t.period = int(d, pos, wire)? as i64,
            13 => repeated(d, pos, wire, |c| {
                t.comment.push(c as i64);
                Some(())
            })?,
            14 => t.default_sample_type = int(d, pos, wire)? as i64,
            15 => t.doc_url = int(d, pos, wire)? as i64,
            // Samples are not kept with the tables.
            2 => return None,
            _ => skip(d, pos, wire)?,
        }
        Some(())
    })?;
    Some(t)
}

#[cfg(test)]
mod tests {
    use prost::Message;

    use super::*;

    /// What prost makes of the bytes, as `RawTables` would hold it.
    fn summary(t: &RawTables) -> String {
        format!(
            "{:?} {:?} {:?} {} {} {} {} {} {} {} {:?} {:?} {:?} {:?} {:?}",
            t.strings,
            t.sample_type,
            t.period_type,
            t.period,
            t.time_nanos,
            t.duration_nanos,
            t.drop_frames,
            t.keep_frames,
            t.default_sample_type,
            t.doc_url,
            t.comment,
            t.mapping,
            t.function,
            t.location.iter().map(|l| (l.id, l.mapping_id, l.address, l.is_folded)).collect::<Vec<_>>(),
            t.location.iter().map(|l| &t.line[l.lines.0 as usize..l.lines.1 as usize]).collect::<Vec<_>>(),
        )
    }

    /// Either gives up or reads what prost reads.
    fn agrees(d: &[u8], what: &str) -> bool {
        let Some(ours) = decode(d) else {
            return false;
        };
        let theirs = pb::Profile::decode(d).unwrap_or_else(|e| panic!("{what}: we read what prost refuses: {e}"));
        assert_eq!(summary(&ours), summary(&RawTables::of(&theirs)), "{what}");
        true
    }

    /// The tables of each test profile: its fields but the samples.
    fn tables() -> Vec<(String, Vec<u8>)> {
        crate::decode::proto::tests::profiles_gz()
            .into_iter()
            .map(|(name, _, raw)| {
                let mut p = pb::Profile::decode(&raw[..]).expect("decodes");
                p.sample.clear();
                (name, p.encode_to_vec())
            })
            .collect()
    }

    #[test]
    fn tables_read_as_prost_reads_them() {
        for (name, d) in tables() {
            assert!(agrees(&d, &name), "{name}: gave up on a real profile");
        }
    }

    #[test]
    fn damaged_tables_give_up_or_read_as_prost() {
        let mut seed = 0x51ed_2701_u64;
        let (mut read, mut refused) = (0, 0);
        for (name, d) in tables() {
            for _ in 0..200 {
                let (d, at) = crate::decode::proto::tests::damaged(&d, &mut seed);
                let d = &d[..];
                if agrees(d, &format!("{name} byte {at}")) {
                    read += 1;
                } else {
                    refused += 1;
                    // Where we give up, prost must refuse too, or the
                    // message be one we do not read (a sample).
                    let p = pb::Profile::decode(d);
                    assert!(
                        p.is_err() || p.is_ok_and(|p| !p.sample.is_empty()),
                        "{name} byte {at}: gave up on bytes prost reads"
                    );
                }
            }
        }
        assert!(read > 0 && refused > 0, "read {read}, refused {refused}");
    }

    #[test]
    fn repeated_and_unusual_fields_read_as_prost() {
        let vt = |t: i64, u: i64| pb::ValueType { r#type: t, unit: u }.encode_to_vec();
        let mut d = Vec::new();
        let key =
            |d: &mut Vec<u8>, tag: u32, wire: prost::encoding::WireType| prost::encoding::encode_key(tag, wire, d);
        use prost::encoding::WireType::*;
        // period_type twice (merged), unpacked and packed comments, an
        // unknown field of each wire type, a scalar given twice, strings.
        for payload in [vt(1, 0), vt(0, 2)] {
            key(&mut d, 11, LengthDelimited);
            d.push(payload.len() as u8);
            d.extend_from_slice(&payload);
        }
        key(&mut d, 13, Varint);
        d.push(5);
        key(&mut d, 13, LengthDelimited);
        d.extend_from_slice(&[2, 6, 7]);
        key(&mut d, 20, Varint);
        d.push(1);
        key(&mut d, 21, SixtyFourBit);
        d.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
        key(&mut d, 22, ThirtyTwoBit);
        d.extend_from_slice(&[1, 2, 3, 4]);
        key(&mut d, 23, LengthDelimited);
        d.extend_from_slice(&[1, 9]);
        for v in [3, 4] {
            key(&mut d, 12, Varint);
            d.push(v);
        }
        for s in [&b""[..], b"x"] {
            key(&mut d, 6, LengthDelimited);
            d.push(s.len() as u8);
            d.extend_from_slice(s);
        }
        assert!(agrees(&d, "unusual"));
        let t = decode(&d).expect("reads");
        assert_eq!(
            (t.period_type, t.comment.as_slice(), t.period),
            (Some(pb::ValueType { r#type: 1, unit: 2 }), &[5, 6, 7][..], 4)
        );
        // A scalar with the wrong wire type, a group: prost refuses, so do we.
        for bad in [&[12u8 << 3 | 2, 0][..], &[12 << 3 | 3, 12 << 3 | 4]] {
            assert!(decode(bad).is_none() && pb::Profile::decode(bad).is_err(), "{bad:?}");
        }
    }
}
