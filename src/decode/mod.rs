//! From bytes to a profile: gunzip when the gzip magic is there (streamed,
//! with a cap on the inflated size so a gzip bomb is refused in bounded
//! memory), then protobuf first and the legacy text formats after it, in
//! pprof's order (pprof.md §4.1).

pub mod legacy;
pub mod proto;
mod tables;
mod wire;

use std::io::Read;

use crate::error::{Error, Result};
use crate::profile::Profile;

/// The default cap on the size of one profile, as read and as inflated:
/// 512 MiB. Real profiles are a few MB (a busy service's CPU or heap profile
/// rarely passes 50 MB inflated), and decoding holds the inflated bytes plus
/// the decoded tables, several times the inflated size, so a larger default
/// would let one bad input take a small pod's whole memory. Raise it with
/// `--max-bytes` for a genuine giant.
pub const DEFAULT_MAX_BYTES: u64 = 512 << 20;

/// What the bytes turned out to be; `pa info` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Protobuf,
    /// One of the legacy text or binary formats.
    Legacy(legacy::Kind),
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Protobuf => "pprof protobuf",
            Format::Legacy(k) => k.name(),
        }
    }
}

pub struct Decoded {
    pub profile: Profile,
    pub format: Format,
    pub gzipped: bool,
    /// The `# runtime.MemStats` block of a Go heap profile in text form.
    pub memstats: Option<legacy::MemStats>,
}

pub fn is_gzip(data: &[u8]) -> bool {
    data.len() >= 2 && data[0] == 0x1f && data[1] == 0x8b
}

/// The inflated size a gzip stream announces, to size buffers once: its
/// ISIZE trailer (the last member's size mod 2^32, attacker-controlled),
/// bounded by deflate's largest ratio, 1032:1. Only a hint: 0 when there
/// is no trailer, wrong for several members or past 4 GiB.
pub(crate) fn inflated_size_hint(gz: &[u8]) -> u64 {
    let isize = match gz.len() {
        n if n >= 18 => u64::from(u32::from_le_bytes([gz[n - 4], gz[n - 3], gz[n - 2], gz[n - 1]])),
        _ => 0,
    };
    isize.min(gz.len() as u64 * 1032)
}

/// Inflates every gzip member (Go's reader is multistream too), refusing to
/// go past `max` bytes of output. Streamed: the output grows in steps that
/// never pass `max + 1` bytes (no doubling past the cap), so a gzip bomb
/// costs at most `max` bytes of memory and the time to inflate them.
pub fn gunzip(data: &[u8], max: u64) -> std::result::Result<Vec<u8>, String> {
    /// Inflated bytes per read; also the first allocation when the trailer
    /// gives no usable hint.
    const CHUNK: usize = 256 << 10;
    let limit = max.saturating_add(1);
    let first = inflated_size_hint(data).min(limit).max(CHUNK as u64).min(limit);
    let mut out: Vec<u8> = Vec::with_capacity(first as usize);
    // The `read` decoder takes its input 32 KiB at a time, so a read that
    // fails loses at most that step's output and the message's "after N of
    // output" stays close; over the whole slice at once, one failing read
    // lost up to a CHUNK of it ("after 0 B" for damage in the first 256 KiB).
    let mut dec = flate2::read::MultiGzDecoder::new(data);
    loop {
        if out.len() == out.capacity() {
            // Grow by doubling, capped at max + 1 bytes in all.
            let room = (limit - out.len() as u64).min(out.capacity().max(CHUNK) as u64);
            if room == 0 {
                break;
            }
            out.reserve_exact(room as usize);
        }
        let spare = (out.capacity() - out.len()).min(CHUNK);
        let len = out.len();
        out.resize(len + spare, 0);
        match dec.read(&mut out[len..]) {
            Ok(0) => {
                out.truncate(len);
                break;
            }
            Ok(n) => out.truncate(len + n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => out.truncate(len),
            Err(e) => {
                out.truncate(len);
                let what = match e.kind() {
                    std::io::ErrorKind::UnexpectedEof => "truncated gzip stream".to_string(),
                    _ => format!("corrupt gzip stream ({e})"),
                };
                return Err(format!("{what} after {} of output", human_bytes(out.len() as u64)));
            }
        }
        if out.len() as u64 > max {
            break;
        }
    }
    if out.len() as u64 > max {
        return Err(format!(
            "gzip stream inflates to more than {} (--max-bytes); raise the limit with --max-bytes if this profile is genuine",
            human_bytes(max)
        ));
    }
    Ok(out)
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[u]) }
}

/// Gzipped inputs from this size on are inflated on a second core while
/// this one decodes; below it a thread costs more than it saves.
const SECOND_CORE_FROM: usize = 1 << 20;

/// Decodes one source's bytes. `name` is only for messages. Text profiles
/// are read as pprof reads them (`#` symbol lines ignored).
pub fn decode(name: &str, data: &[u8], max_bytes: u64) -> Result<Decoded> {
    decode_with(name, data, max_bytes, legacy::Options::pprof())
}

/// [`decode`] with a choice of how to read the legacy text formats (e.g.
/// [`legacy::Options::symbolized`] to use the `#` symbol lines of Go's
/// `debug=1` text profiles).
pub fn decode_with(name: &str, data: &[u8], max_bytes: u64, legacy_opts: legacy::Options) -> Result<Decoded> {
    let gzipped = is_gzip(data);
    if gzipped {
        // The common case, inflated and decoded at once; anything else
        // (text, damage, a bomb) goes the long way below.
        let thread = crate::parallel::second_core(data.len(), SECOND_CORE_FROM);
        match proto::decode_gzip(data, max_bytes, thread) {
            Some(Ok(profile)) => {
                crate::timing::mark("decode: tables and checks");
                return Ok(Decoded { profile, format: Format::Protobuf, gzipped, memstats: None });
            }
            Some(Err(proto::ProtoError::Invalid(m))) => {
                return Err(Error::input(name, format!("malformed profile: {m}")));
            }
            _ => {}
        }
    }
    let inflated;
    let raw: &[u8] = if gzipped {
        inflated = gunzip(data, max_bytes).map_err(|m| Error::input(name, m))?;
        crate::timing::mark("decode: inflated");
        &inflated
    } else {
        data
    };
    if raw.is_empty() {
        return Err(Error::input(
            name,
            if gzipped { "empty profile (the gzip stream holds no data)" } else { "empty input file" },
        ));
    }
    let proto_err = match proto::decode(raw) {
        Ok(profile) => {
            crate::timing::mark("decode: decoded");
            return Ok(Decoded { profile, format: Format::Protobuf, gzipped, memstats: None });
        }
        Err(proto::ProtoError::Invalid(m)) => {
            return Err(Error::input(name, format!("malformed profile: {m}")));
        }
        Err(proto::ProtoError::Malformed(m)) => Some(m),
        Err(proto::ProtoError::NotProto(_)) => None,
    };
    let reason = match legacy::parse(raw, legacy_opts) {
        Ok(parsed) => {
            return Ok(Decoded {
                profile: parsed.profile,
                format: Format::Legacy(parsed.kind),
                gzipped,
                memstats: parsed.memstats,
            });
        }
        Err(legacy::LegacyError::Malformed(m)) => return Err(Error::input(name, m)),
        Err(legacy::LegacyError::Unrecognized(reason)) => reason,
    };
    if let Some(m) = proto_err {
        return Err(Error::input(name, format!("malformed profile: {m}")));
    }
    if let Some(r) = reason {
        return Err(Error::input(name, format!("unrecognized profile format: {r}")));
    }
    Err(Error::input(name, unrecognized(raw)))
}

/// Says what the bytes look like when they are no profile at all, so the
/// user learns that a URL returned an HTML page or JSON rather than a vague
/// "unrecognized" line.
fn unrecognized(data: &[u8]) -> String {
    let head = &data[..data.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    let lower = t.to_ascii_lowercase();
    let what = if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body") {
        "it is an HTML page".to_string()
    } else if t.starts_with('{') || t.starts_with('[') {
        "it looks like JSON".to_string()
    } else if t.starts_with("goroutine ") && t.contains('[') {
        "it is a goroutine dump (debug=2); read it with `pa goroutines`".to_string()
    } else if head.iter().all(|&b| b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b) || b >= 0x80) {
        let first = t.lines().next().unwrap_or("").chars().take(60).collect::<String>();
        let first: String = first.chars().map(|c| if c.is_control() { '?' } else { c }).collect();
        format!("text starting {first:?} is no profile format pa knows")
    } else {
        "neither a pprof protobuf nor a text profile".to_string()
    };
    format!("unrecognized profile format: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_past_the_first_input_step_is_reported_after_the_output_before_it() {
        use std::io::Write;
        // Hex digits of a generator: about 2:1 in gzip, so the damage a
        // third of the way in lies past the first 32 KiB of input.
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let text: String = (0..300_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from_digit((x % 16) as u32, 16).expect("hex digit")
            })
            .collect();
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text.as_bytes()).expect("gzip");
        let gz = enc.finish().expect("gzip");
        // Damage that breaks the deflate stream itself (not only the
        // checksum), from a third of the way in.
        let mut broken = 0;
        for at in (gz.len() / 3..gz.len() / 2).step_by(997) {
            let mut d = gz.clone();
            d[at..at + 8].fill(0xff);
            let e = gunzip(&d, DEFAULT_MAX_BYTES).expect_err("damaged");
            if e.contains("deflate") {
                broken += 1;
                assert!(!e.ends_with("after 0 B of output"), "byte {at}: {e}");
            }
        }
        assert!(broken > 0, "no damage broke the deflate stream");
    }
}
