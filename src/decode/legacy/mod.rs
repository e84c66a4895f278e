//! The legacy (pre-protobuf) profile formats pprof still reads (pprof.md
//! §4.2): the binary CPU format of gperftools and old Go, Go's and C++'s
//! text heap, growth and fragmentation profiles, Go's goroutine and
//! threadcreate counts, threadz dumps, contention/mutex/block profiles and
//! the Java heapz/contentionz/CPU forms, with their `/proc/self/maps`
//! sections.
//!
//! The parsers are tried in pprof's order and each either recognizes the
//! input or passes. Results match pprof's own parser (its `Profile.String()`
//! dump is the acceptance test), with one opt-in extension: Go's `debug=1`
//! text profiles carry `#\t0xPC\tfunc+0xOFF\tfile:line` lines after each
//! sample, which pprof ignores; with [`Options::symbolize`] they become the
//! locations' function names, files and lines (inlined frames as extra
//! lines of one location), and goroutine `# labels:` become sample labels.
//!
//! Errors name the line (or byte offset) at fault. A recognized header
//! followed by a line no parser accepts is reported as such rather than as
//! an unrecognized format.

mod contention;
mod count;
mod cpu;
mod heap;
mod java;
mod maps;
mod scan;
mod symbols;
mod thread;

use std::collections::HashMap;

use crate::profile::{Function, LabelSet, LabelSets, Line, Location, Mapping, Profile, Samples, ValueType};

pub use heap::MemStats;

/// How to read the text formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Use the `#` symbol lines (and goroutine `# labels:`) of Go's
    /// `debug=1` text profiles. Off gives pprof's result exactly:
    /// unsymbolized addresses.
    pub symbolize: bool,
}

impl Options {
    /// pprof's behaviour: `#` lines are comments.
    pub fn pprof() -> Options {
        Options { symbolize: false }
    }
    /// pa's extension: symbolize from the `#` lines.
    pub fn symbolized() -> Options {
        Options { symbolize: true }
    }
}

/// Which legacy format the input was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Binary CPU profile (gperftools / Go before 1.9).
    Cpu,
    /// Binary CPU profile of a Java program, with its symbol table.
    JavaCpu,
    /// `heap profile: ...` (Go heap/allocs `debug=1`, C++ heapz).
    Heap,
    /// `heap profile: ... @ growthz`.
    Growth,
    /// `heap profile: ... @ fragmentationz`.
    Fragmentation,
    /// `goroutine profile: total N`, `threadcreate profile: total N`.
    Count,
    /// `--- threadz N ---` / `--- Thread ...` dumps.
    Threadz,
    /// `--- mutex:`, `--- contention:` (Go `debug=1`), `--- contentionz`.
    Contention,
    /// `--- heapz 1 ---` with `format = java`.
    JavaHeap,
    /// `--- contentionz 1 ---` with `format = java`.
    JavaContention,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cpu => "legacy CPU profile (binary)",
            Kind::JavaCpu => "legacy Java CPU profile (binary)",
            Kind::Heap => "heap profile (text)",
            Kind::Growth => "heap growth profile (text)",
            Kind::Fragmentation => "heap fragmentation profile (text)",
            Kind::Count => "goroutine/threadcreate count profile (text)",
            Kind::Threadz => "threadz profile (text)",
            Kind::Contention => "contention profile (text)",
            Kind::JavaHeap => "Java heap profile (text)",
            Kind::JavaContention => "Java contention profile (text)",
        }
    }
}

/// A parsed legacy profile.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub profile: Profile,
    pub kind: Kind,
    /// The `# runtime.MemStats` block of a Go heap profile, if any.
    pub memstats: Option<MemStats>,
}

/// Why the input is not a legacy profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyError {
    /// No parser recognized it. When one recognized the header but then
    /// gave up on a later line, the reason (naming the line) is kept.
    Unrecognized(Option<String>),
    /// A parser recognized the format and found it broken: final.
    Malformed(String),
}

/// Outcome of one parser: pprof's "unrecognized" (try the next parser,
/// with an optional reason) or a final error.
pub(crate) enum Fail {
    Unrecognized(Option<String>),
    Malformed(String),
}

impl Fail {
    pub(crate) fn unrecognized() -> Fail {
        Fail::Unrecognized(None)
    }
}

pub(crate) type PResult<T> = Result<T, Fail>;

/// Parses `data` with each legacy parser in pprof's order.
pub fn parse(data: &[u8], opts: Options) -> Result<Parsed, LegacyError> {
    type Parser = fn(&[u8], Options) -> PResult<(Builder, Kind)>;
    let parsers: [Parser; 6] = [
        |d, _| cpu::parse(d),
        heap::parse_any,
        count::parse,
        |d, _| thread::parse(d),
        contention::parse,
        |d, _| java::parse(d),
    ];
    let mut reason: Option<String> = None;
    for parser in parsers {
        match parser(data, opts) {
            Ok((mut b, kind)) => {
                b.add_frame_info();
                let memstats = b.memstats.take();
                let mut profile = b.finish().map_err(LegacyError::Malformed)?;
                if opts.symbolize {
                    drop_unsymbolized_frames(&mut profile);
                }
                return Ok(Parsed { profile, kind, memstats });
            }
            Err(Fail::Unrecognized(r)) => {
                if reason.is_none() {
                    reason = r;
                }
            }
            Err(Fail::Malformed(m)) => return Err(LegacyError::Malformed(m)),
        }
    }
    Err(LegacyError::Unrecognized(reason))
}

/// Go leaves runtime frames out of the `#` lines of its text profiles: the
/// allocator under every heap sample, `runtime.goexit` at every root. With
/// the binary, pprof names them and the profile's drop_frames removes them;
/// read from the `#` lines alone they would be nameless frames that take
/// the flat value, and a nameless root makes drop_frames cut whole stacks.
/// So when a file named any frame, the frames it did not name leave the
/// stacks, and the report is the one go tool pprof prints with the binary.
fn drop_unsymbolized_frames(p: &mut crate::profile::Profile) {
    if p.locations.iter().all(|l| l.lines.is_empty()) {
        return;
    }
    let named: Vec<bool> = p.locations.iter().map(|l| !l.lines.is_empty()).collect();
    let s = &p.samples;
    let mut out = crate::profile::Samples::new(s.nv);
    let mut stack = Vec::new();
    for i in 0..s.len() {
        stack.clear();
        stack.extend(s.stack(i).iter().copied().filter(|&l| named[l as usize]));
        out.push(&stack, s.values(i), s.labels[i]);
    }
    p.samples = out;
}

/// One sample while parsing: locations are indices into
/// `Builder::locations`.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawSample {
    pub locs: Vec<usize>,
    pub values: Vec<i64>,
    pub labels: LabelSet,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawLocation {
    pub address: u64,
    pub mapping: Option<usize>,
    /// `function` indexes `Builder::functions`.
    pub lines: Vec<Line>,
}

/// A profile under construction, shaped like pprof's pointer graph so the
/// legacy post-processing (mapping massage, renumbering) can follow it
/// step by step.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub sample_types: Vec<ValueType>,
    pub period_type: ValueType,
    pub period: i64,
    pub duration_nanos: i64,
    pub samples: Vec<RawSample>,
    pub locations: Vec<RawLocation>,
    pub functions: Vec<Function>,
    pub mappings: Vec<Mapping>,
    pub drop_frames: String,
    pub keep_frames: String,
    pub memstats: Option<MemStats>,
    by_addr: HashMap<u64, usize>,
    fn_index: HashMap<(String, String), usize>,
}

pub(crate) fn vt(ty: &str, unit: &str) -> ValueType {
    ValueType { ty: ty.to_string(), unit: unit.to_string() }
}

impl Builder {
    /// The location at `addr`, made on first use (pprof keeps one
    /// location per address and parser).
    pub fn location(&mut self, addr: u64) -> usize {
        if let Some(&i) = self.by_addr.get(&addr) {
            return i;
        }
        let i = self.locations.len();
        self.locations.push(RawLocation { address: addr, ..Default::default() });
        self.by_addr.insert(addr, i);
        i
    }

    /// A function by name and file, made on first use.
    pub fn function(&mut self, name: &str, file: &str) -> usize {
        let key = (name.to_string(), file.to_string());
        if let Some(&i) = self.fn_index.get(&key) {
            return i;
        }
        let i = self.functions.len();
        self.functions.push(Function {
            id: 0,
            name: name.to_string(),
            system_name: name.to_string(),
            filename: file.to_string(),
            start_line: 0,
        });
        self.fn_index.insert(key, i);
        i
    }

    /// The locations of a stack, each address decremented by one (all of
    /// them with `adjust_all`, else all but the leaf): pprof's "land on the
    /// call instruction" adjustment of return addresses.
    pub fn stack(&mut self, addrs: &[u64], adjust_all: bool) -> Vec<usize> {
        addrs
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                let a = if adjust_all || i > 0 { a.wrapping_sub(1) } else { a };
                self.location(a)
            })
            .collect()
    }

    /// pprof's `remapLocationIDs`: keeps the locations samples use, in
    /// first-use order.
    pub fn remap_locations(&mut self) {
        let mut new_ix = vec![usize::MAX; self.locations.len()];
        let mut order = Vec::new();
        for s in &mut self.samples {
            for l in &mut s.locs {
                if new_ix[*l] == usize::MAX {
                    new_ix[*l] = order.len();
                    order.push(*l);
                }
                *l = new_ix[*l];
            }
        }
        let mut old: Vec<Option<RawLocation>> = std::mem::take(&mut self.locations).into_iter().map(Some).collect();
        self.locations = order.iter().map(|&i| old[i].take().expect("each location once")).collect();
        self.by_addr.clear();
    }

    /// pprof's `remapFunctionIDs`: keeps the functions locations use, in
    /// first-use order.
    pub fn remap_functions(&mut self) {
        let mut new_ix = vec![usize::MAX; self.functions.len()];
        let mut order = Vec::new();
        for l in &mut self.locations {
            for ln in &mut l.lines {
                let f = ln.function as usize;
                if new_ix[f] == usize::MAX {
                    new_ix[f] = order.len();
                    order.push(f);
                }
                ln.function = new_ix[f] as u32;
            }
        }
        self.functions = order.iter().map(|&i| self.functions[i].clone()).collect();
        self.fn_index.clear();
    }

    /// pprof's `remapMappingIDs`: fixes up the main mapping, assigns each
    /// location the mapping that holds its address (adding one fake
    /// mapping covering everything for the rest) and renumbers.
    pub fn remap_mappings(&mut self) {
        if let Some(m) = self.mappings.first()
            && m.file.starts_with("/anon_hugepage")
            && self.mappings.len() > 1
            && m.limit == self.mappings[1].start
        {
            self.mappings.remove(0);
        }
        if let Some(m) = self.mappings.first_mut() {
            const EXPECTED_START: u64 = 0x400000;
            if m.start.wrapping_sub(m.offset) == EXPECTED_START {
                m.start = EXPECTED_START;
                m.offset = 0;
            }
        }
        let mut fake: Option<usize> = None;
        for li in 0..self.locations.len() {
            let a = self.locations[li].address;
            if self.locations[li].mapping.is_some() || a == 0 {
                continue;
            }
            if let Some(mi) = self.mappings.iter().position(|m| m.start <= a && a < m.limit) {
                self.locations[li].mapping = Some(mi);
                continue;
            }
            // Legacy handlers may drop the first part of a split mapping.
            if let Some(mi) =
                self.mappings.iter().position(|m| m.offset != 0 && m.start.wrapping_sub(m.offset) <= a && a < m.start)
            {
                let m = &mut self.mappings[mi];
                m.start = m.start.wrapping_sub(m.offset);
                m.offset = 0;
                self.locations[li].mapping = Some(mi);
                continue;
            }
            let f = *fake.get_or_insert_with(|| {
                self.mappings.push(Mapping { limit: u64::MAX, ..Default::default() });
                self.mappings.len() - 1
            });
            self.locations[li].mapping = Some(f);
        }
        for (i, m) in self.mappings.iter_mut().enumerate() {
            m.id = i as u64 + 1;
        }
    }

    /// pprof's `cleanupDuplicateLocations`: a leaf frame repeated (once
    /// from the signal context, once from unwinding, the latter already
    /// adjusted by -1) is dropped.
    pub fn cleanup_duplicate_locations(&mut self) {
        for s in &mut self.samples {
            if s.locs.len() > 1
                && self.locations[s.locs[0]].address == self.locations[s.locs[1]].address.wrapping_add(1)
            {
                s.locs.remove(1);
            }
        }
    }

    /// pprof's `addLegacyFrameInfo`: drop/keep frame patterns by profile
    /// type.
    fn add_frame_info(&mut self) {
        let types: Vec<&str> = self.sample_types.iter().map(|t| t.ty.as_str()).collect();
        const HEAP: [&[&str]; 5] = [
            &["allocations", "size"],
            &["objects", "space"],
            &["inuse_objects", "inuse_space"],
            &["alloc_objects", "alloc_space"],
            &["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"],
        ];
        if HEAP.contains(&types.as_slice()) {
            self.drop_frames = ALLOC_RX.join("|");
            self.keep_frames = ALLOC_SKIP_RX.join("|");
        } else if types == ["contentions", "delay"] {
            self.drop_frames = LOCK_RX.join("|");
            self.keep_frames.clear();
        } else {
            self.drop_frames = CPU_PROFILER_RX.join("|");
            self.keep_frames.clear();
        }
    }

    /// Checks what pprof's `CheckValid` would refuse in a legacy result and
    /// builds the profile: tables in their current order, ids from 1.
    fn finish(self) -> Result<Profile, String> {
        let nv = self.sample_types.len();
        if nv == 0 && !self.samples.is_empty() {
            return Err("malformed profile: missing sample type information".to_string());
        }
        for s in &self.samples {
            if s.values.len() != nv {
                return Err(format!(
                    "malformed profile: mismatch: sample has {} values vs. {} types",
                    s.values.len(),
                    nv
                ));
            }
        }
        let mut samples = Samples::new(nv);
        let mut labels = LabelSets::default();
        let mut stack: Vec<u32> = Vec::new();
        for s in &self.samples {
            stack.clear();
            stack.extend(s.locs.iter().map(|&l| l as u32));
            let label = if s.labels.is_empty() { 0 } else { labels.intern(s.labels.clone()) };
            samples.push(&stack, &s.values, label);
        }
        let locations = self
            .locations
            .into_iter()
            .enumerate()
            .map(|(i, l)| Location {
                id: i as u64 + 1,
                mapping: l.mapping.map(|m| m as u32),
                address: l.address,
                lines: l.lines,
                is_folded: false,
            })
            .collect();
        let functions =
            self.functions.into_iter().enumerate().map(|(i, f)| Function { id: i as u64 + 1, ..f }).collect();
        let mappings = self.mappings.into_iter().enumerate().map(|(i, m)| Mapping { id: i as u64 + 1, ..m }).collect();
        Ok(Profile {
            sample_types: self.sample_types,
            default_sample_type: String::new(),
            samples,
            labels,
            mappings,
            locations,
            functions,
            comments: Vec::new(),
            doc_url: String::new(),
            drop_frames: self.drop_frames,
            keep_frames: self.keep_frames,
            time_nanos: 0,
            duration_nanos: self.duration_nanos,
            period_type: self.period_type,
            period: self.period,
        })
    }
}

/// Allocator frames dropped from heap profiles.
const ALLOC_RX: &[&str] = &[
    // POSIX entry points.
    "calloc",
    "cfree",
    "malloc",
    "free",
    "memalign",
    "do_memalign",
    "(__)?posix_memalign",
    "pvalloc",
    "valloc",
    "realloc",
    // tcmalloc.
    "tcmalloc::.*",
    "tc_calloc",
    "tc_cfree",
    "tc_malloc",
    "tc_free",
    "tc_memalign",
    "tc_posix_memalign",
    "tc_pvalloc",
    "tc_valloc",
    "tc_realloc",
    "tc_new",
    "tc_delete",
    "tc_newarray",
    "tc_deletearray",
    "tc_new_nothrow",
    "tc_newarray_nothrow",
    // macOS zones.
    "malloc_zone_malloc",
    "malloc_zone_calloc",
    "malloc_zone_valloc",
    "malloc_zone_realloc",
    "malloc_zone_memalign",
    "malloc_zone_free",
    // The Go runtime.
    r"runtime\..*",
    // Others.
    "BaseArena::.*",
    "(::)?do_malloc_no_errno",
    "(::)?do_malloc_pages",
    "(::)?do_malloc",
    "DoSampledAllocation",
    "MallocedMemBlock::MallocedMemBlock",
    "_M_allocate",
    "__builtin_(vec_)?delete",
    "__builtin_(vec_)?new",
    "__gnu_cxx::new_allocator::allocate",
    "__libc_malloc",
    "__malloc_alloc_template::allocate",
    "allocate",
    "cpp_alloc",
    r"operator new(\[\])?",
    "simple_alloc::allocate",
];

/// Go runtime frames kept even though `runtime\..*` is dropped.
const ALLOC_SKIP_RX: &[&str] = &[r"runtime\.panic", r"runtime\.reflectcall", r"runtime\.call[0-9]*"];

/// Profiler frames dropped from CPU (and other) profiles.
const CPU_PROFILER_RX: &[&str] = &[
    "ProfileData::Add",
    "ProfileData::prof_handler",
    "CpuProfiler::prof_handler",
    "__pthread_sighandler",
    "__restore",
];

/// Lock-implementation frames dropped from contention profiles.
const LOCK_RX: &[&str] = &[
    "RecordLockProfileData",
    "(base::)?RecordLockProfileData.*",
    "(base::)?SubmitMutexProfileData.*",
    "(base::)?SubmitSpinLockProfileData.*",
    "(base::Mutex::)?AwaitCommon.*",
    "(base::Mutex::)?Unlock.*",
    "(base::Mutex::)?UnlockSlow.*",
    "(base::Mutex::)?ReaderUnlock.*",
    "(base::MutexLock::)?~MutexLock.*",
    "(Mutex::)?AwaitCommon.*",
    "(Mutex::)?Unlock.*",
    "(Mutex::)?UnlockSlow.*",
    "(Mutex::)?ReaderUnlock.*",
    "(MutexLock::)?~MutexLock.*",
    "(SpinLock::)?Unlock.*",
    "(SpinLock::)?SlowUnlock.*",
    "(SpinLockHolder::)?~SpinLockHolder.*",
];

/// Go's `strconv.ParseInt(s, base, 64)` for base 0 (prefixes `0x`, `0o`,
/// `0b`, a leading `0` for octal, `_` between digits) or an explicit base
/// (no prefix, no `_`).
pub(crate) fn parse_int(s: &[u8], base: u32) -> Option<i64> {
    let (neg, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(body, base)?;
    if neg {
        if u > 1u64 << 63 {
            return None;
        }
        Some((u as i64).wrapping_neg())
    } else {
        if u > i64::MAX as u64 {
            return None;
        }
        Some(u as i64)
    }
}

/// Go's `strconv.ParseUint(s, base, 64)`.
pub(crate) fn parse_uint(s: &[u8], base: u32) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let base0 = base == 0;
    let (base, digits) = if base0 {
        if s[0] == b'0' {
            match s.get(1).map(|c| c | 0x20) {
                Some(b'b') if s.len() >= 3 => (2, &s[2..]),
                Some(b'o') if s.len() >= 3 => (8, &s[2..]),
                Some(b'x') if s.len() >= 3 => (16, &s[2..]),
                _ => (8, &s[1..]),
            }
        } else {
            (10, s)
        }
    } else {
        (base, s)
    };
    let mut v: u64 = 0;
    let mut underscores = false;
    for &c in digits {
        if c == b'_' && base0 {
            underscores = true;
            continue;
        }
        let d = (c as char).to_digit(36)?;
        if d >= base {
            return None;
        }
        v = v.checked_mul(base as u64)?.checked_add(d as u64)?;
    }
    if underscores && !underscores_ok(s) {
        return None;
    }
    Some(v)
}

/// Go's `underscoreOK`: underscores only between digits (a base prefix
/// counts as a digit).
fn underscores_ok(s: &[u8]) -> bool {
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if s.len() >= 2 && s[0] == b'0' && matches!(s[1] | 0x20, b'x' | b'o' | b'b') {
        hex = s[1] | 0x20 == b'x';
        i = 2;
        saw = b'0';
    }
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// A line for messages: lossy UTF-8, at most 80 characters, quoted.
pub(crate) fn quote_line(line: &[u8]) -> String {
    let s = String::from_utf8_lossy(line);
    let mut t: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        t.push_str("...");
    }
    format!("{t:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_parse_int_forms() {
        // strconv.ParseInt(s, 0, 64) accepts these (checked with Go).
        assert_eq!(parse_int(b"0x1f", 0), Some(31));
        assert_eq!(parse_int(b"010", 0), Some(8));
        assert_eq!(parse_int(b"0o17", 0), Some(15));
        assert_eq!(parse_int(b"0b101", 0), Some(5));
        assert_eq!(parse_int(b"1_000", 0), Some(1000));
        assert_eq!(parse_int(b"-42", 0), Some(-42));
        assert_eq!(parse_int(b"0", 0), Some(0));
        assert_eq!(parse_int(b"9223372036854775807", 10), Some(i64::MAX));
        assert_eq!(parse_int(b"-9223372036854775808", 10), Some(i64::MIN));
        // ... and refuses these.
        assert_eq!(parse_int(b"08", 0), None);
        assert_eq!(parse_int(b"1__0", 0), None);
        assert_eq!(parse_int(b"_1", 0), None);
        assert_eq!(parse_int(b"1_", 0), None);
        assert_eq!(parse_int(b"0x", 0), None);
        assert_eq!(parse_int(b"9223372036854775808", 10), None);
        assert_eq!(parse_int(b"1_0", 10), None);
        assert_eq!(parse_int(b"", 10), None);
        assert_eq!(parse_uint(b"0xffffffffffffffff", 0), Some(u64::MAX));
        assert_eq!(parse_uint(b"0x10000000000000000", 0), None);
    }
}
