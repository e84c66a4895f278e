//! The profile model: pprof's `Profile` with dense tables instead of
//! pointers. Locations, functions and mappings are referred to by their index
//! in this profile's tables (not by their wire id), and samples are kept as
//! flat arrays so that a profile of a million samples is a handful of
//! allocations, not millions (the performance issue measured per-sample
//! allocation as the main cost on musl).

pub mod dump;
mod labels;
pub mod merge;
pub mod rawbytes;

pub use labels::{EncodedLabels, LabelKind, LabelSet, LabelSets, RawLabel};

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ValueType {
    pub ty: String,
    pub unit: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Function {
    pub id: u64,
    pub name: String,
    pub system_name: String,
    pub filename: String,
    pub start_line: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    pub id: u64,
    pub start: u64,
    pub limit: u64,
    pub offset: u64,
    pub file: String,
    pub build_id: String,
    pub has_functions: bool,
    pub has_filenames: bool,
    pub has_line_numbers: bool,
    pub has_inline_frames: bool,
}

/// One source line of a location; `function` indexes `Profile::functions`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Line {
    pub function: u32,
    pub line: i64,
    pub column: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub id: u64,
    /// Index into `Profile::mappings`.
    pub mapping: Option<u32>,
    pub address: u64,
    /// Innermost (inlined callee) first; the last line is the physical caller.
    pub lines: Vec<Line>,
    pub is_folded: bool,
}

/// All samples of a profile, column-wise.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    /// Location indices of every sample concatenated, leaf first.
    pub locs: Vec<u32>,
    /// `locs[offsets[i]..offsets[i+1]]` is sample i's stack; len = n + 1.
    pub offsets: Vec<u32>,
    /// `values[i*nv..(i+1)*nv]` with nv = number of sample types.
    pub values: Vec<i64>,
    /// Label set of each sample (index into `Profile::labels`).
    pub labels: Vec<u32>,
    pub nv: usize,
}

impl Samples {
    pub fn new(nv: usize) -> Samples {
        Samples { locs: Vec::new(), offsets: vec![0], values: Vec::new(), labels: Vec::new(), nv }
    }
    pub fn len(&self) -> usize {
        self.labels.len()
    }
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
    pub fn stack(&self, i: usize) -> &[u32] {
        &self.locs[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
    pub fn values(&self, i: usize) -> &[i64] {
        &self.values[i * self.nv..(i + 1) * self.nv]
    }
    pub fn values_mut(&mut self, i: usize) -> &mut [i64] {
        &mut self.values[i * self.nv..(i + 1) * self.nv]
    }
    pub fn push(&mut self, stack: &[u32], values: &[i64], label: u32) {
        debug_assert_eq!(values.len(), self.nv);
        self.locs.extend_from_slice(stack);
        self.offsets.push(self.locs.len() as u32);
        self.values.extend_from_slice(values);
        self.labels.push(label);
    }
    /// Keeps the samples for which `keep` is true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(usize, &[u32], &[i64], u32) -> bool) {
        let mut out = Samples::new(self.nv);
        for i in 0..self.len() {
            if keep(i, self.stack(i), self.values(i), self.labels[i]) {
                out.push(self.stack(i), self.values(i), self.labels[i]);
            }
        }
        *self = out;
    }
}

#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub sample_types: Vec<ValueType>,
    pub default_sample_type: String,
    pub samples: Samples,
    pub labels: LabelSets,
    pub mappings: Vec<Mapping>,
    pub locations: Vec<Location>,
    pub functions: Vec<Function>,
    pub comments: Vec<String>,
    pub doc_url: String,
    pub drop_frames: String,
    pub keep_frames: String,
    pub time_nanos: i64,
    pub duration_nanos: i64,
    pub period_type: ValueType,
    pub period: i64,
}

impl Profile {
    /// pprof's `SampleIndexByName` (§2.5): by number, by name, or by name with
    /// an `inuse_` prefix stripped; the empty string means the default type.
    pub fn sample_index(&self, name: &str) -> Result<usize, String> {
        if name.is_empty() {
            if !self.default_sample_type.is_empty()
                && let Some(i) = self.sample_types.iter().position(|t| t.ty == self.default_sample_type)
            {
                return Ok(i);
            }
            return Ok(self.sample_types.len().saturating_sub(1));
        }
        if let Ok(n) = name.parse::<i64>() {
            if n < 0 || n as usize >= self.sample_types.len() {
                return Err(format!(
                    "sample_index {} is outside the range [0..{}]",
                    name,
                    self.sample_types.len() as i64 - 1
                ));
            }
            return Ok(n as usize);
        }
        let stripped = name.strip_prefix("inuse_").unwrap_or(name);
        for (i, t) in self.sample_types.iter().enumerate() {
            if t.ty == name || t.ty == stripped {
                return Ok(i);
            }
        }
        let names: Vec<&str> = self.sample_types.iter().map(|t| t.ty.as_str()).collect();
        Err(format!("sample_index {:?} must be one of: [{}]", name, names.join(" ")))
    }

    /// Multiplies every value of type i by `ratios[i]` (pprof's `ScaleN`,
    /// see `merge::scale_n`).
    pub fn scale_n(&mut self, ratios: &[f64]) {
        merge::scale_n(self, ratios);
    }

    /// `Scale(-1)` etc.: one ratio for every sample type.
    pub fn scale(&mut self, ratio: f64) {
        let ratios = vec![ratio; self.sample_types.len()];
        self.scale_n(&ratios);
    }

    pub fn mapping_of(&self, loc: &Location) -> Option<&Mapping> {
        loc.mapping.map(|m| &self.mappings[m as usize])
    }

    /// Adds `key=value` to every sample's string labels (pprof::base marking).
    pub fn set_label_all(&mut self, key: &str, value: &str) {
        self.relabel(|set| {
            let mut set = set.clone();
            set.set_str(key, vec![value.to_string()]);
            Some(set)
        });
    }

    /// Gives each sample the label set `f` makes of its own (None: keeps
    /// it). `f` runs once per set in use, not once per sample.
    pub fn relabel(&mut self, mut f: impl FnMut(&LabelSet) -> Option<LabelSet>) {
        const UNSEEN: u32 = u32::MAX;
        let mut remap = vec![UNSEEN; self.labels.len()];
        for l in &mut self.samples.labels {
            let r = &mut remap[*l as usize];
            if *r == UNSEEN {
                *r = match f(self.labels.get(*l)) {
                    Some(set) => self.labels.intern(set),
                    None => *l,
                };
            }
            *l = *r;
        }
    }
}
