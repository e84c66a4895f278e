//! Sample labels: pprof's rule for turning a sample's `Label` messages into
//! its `Label`, `NumLabel` and `NumUnit` maps, and the interned sets that
//! samples refer to by number.
//!
//! A protobuf profile's sets are kept as encoded (string numbers into a
//! small table of the strings labels use) and decoded on first use: most
//! reports read no label beyond two questions (is any sample a
//! `-diff_base` sample, which unit does each numeric label have), which
//! are answered from the encoded form. On a small profile, decoding every
//! set up front was a sixth of `pa top`'s run (a dozen allocations per
//! set).

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use crate::intern::Interner;

/// The labels of one sample, as Go's `Sample.Label`, `NumLabel` and
/// `NumUnit` maps, with keys kept sorted so that equal sets compare equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LabelSet {
    pub strs: Vec<(String, Vec<String>)>,
    /// key, values, units (units empty, or as long as values).
    pub nums: Vec<(String, Vec<i64>, Vec<String>)>,
}

impl LabelSet {
    pub fn is_empty(&self) -> bool {
        self.strs.is_empty() && self.nums.is_empty()
    }
    pub fn str_values(&self, key: &str) -> Option<&[String]> {
        self.strs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_slice())
    }
    pub fn add_str(&mut self, key: &str, value: &str) {
        match self.strs.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => self.strs[i].1.push(value.to_string()),
            Err(i) => self.strs.insert(i, (key.to_string(), vec![value.to_string()])),
        }
    }
    pub fn set_str(&mut self, key: &str, values: Vec<String>) {
        match self.strs.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => self.strs[i].1 = values,
            Err(i) => self.strs.insert(i, (key.to_string(), values)),
        }
    }
    pub fn remove_str(&mut self, key: &str) {
        self.strs.retain(|(k, _)| k != key);
    }

    /// One `Label` message, as pprof's decoder reads it: a string label
    /// when it has a string value, else a numeric one when it has a number
    /// or a unit, else nothing. Call [`LabelSet::finish`] after the last.
    pub fn add_label(&mut self, key: &str, kind: LabelKind<&str>) {
        match kind {
            LabelKind::Str(v) => self.add_str(key, v),
            LabelKind::Num(num, unit) => {
                let pos = match self.nums.binary_search_by(|(k, _, _)| k.as_str().cmp(key)) {
                    Ok(i) => i,
                    Err(i) => {
                        self.nums.insert(i, (key.to_string(), Vec::new(), Vec::new()));
                        i
                    }
                };
                let entry = &mut self.nums[pos];
                if let Some(unit) = unit {
                    // Go's NumUnit slice lines up with NumLabel's: the
                    // values before the first unit get "".
                    entry.2.resize(entry.1.len(), String::new());
                    entry.2.push(unit.to_string());
                }
                entry.1.push(num);
            }
            LabelKind::None => {}
        }
    }

    /// Pads each key's units to its values once any value had a unit.
    pub fn finish(&mut self) {
        for entry in &mut self.nums {
            if !entry.2.is_empty() {
                entry.2.resize(entry.1.len(), String::new());
            }
        }
    }
}

/// What a `Label` message is, by pprof's reading; `S` is a string or a
/// string number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind<S> {
    Str(S),
    /// The number and its unit, if it names one.
    Num(i64, Option<S>),
    None,
}

/// A `Label` message as a profile encodes it, its strings numbered in
/// [`EncodedLabels::strings`] (0: none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawLabel {
    pub key: u32,
    pub str: u32,
    pub num: i64,
    pub unit: u32,
}

impl<S: Copy + Default + PartialEq> LabelKind<S> {
    /// pprof's reading of a `Label` message's `str`, `num` and `num_unit`,
    /// given as string numbers (0: none).
    pub fn of(str: S, num: i64, unit: S) -> LabelKind<S> {
        let none = S::default();
        if str != none {
            LabelKind::Str(str)
        } else if num != 0 || unit != none {
            LabelKind::Num(num, (unit != none).then_some(unit))
        } else {
            LabelKind::None
        }
    }
}

impl RawLabel {
    pub fn kind(&self) -> LabelKind<u32> {
        LabelKind::of(self.str, self.num, self.unit)
    }
}

/// The label sets of a profile as encoded: set `i` (from 1; 0 is the empty
/// set) is `labels[ends[i - 2]..ends[i - 1]]` (from 0 for the first).
#[derive(Debug, Clone, Default)]
pub struct EncodedLabels {
    /// The strings the labels use; 0 is "".
    pub strings: Vec<String>,
    pub labels: Vec<RawLabel>,
    pub ends: Vec<u32>,
}

impl EncodedLabels {
    fn set(&self, i: u32) -> &[RawLabel] {
        let Some(b) = (i as usize).checked_sub(1) else {
            return &[];
        };
        let start = if b == 0 { 0 } else { self.ends.get(b - 1).copied().unwrap_or(0) as usize };
        let end = self.ends.get(b).copied().unwrap_or(0) as usize;
        self.labels.get(start..end).unwrap_or(&[])
    }

    fn string(&self, i: u32) -> &str {
        self.strings.get(i as usize).map_or("", String::as_str)
    }

    fn decode(&self, i: u32) -> LabelSet {
        let mut set = LabelSet::default();
        for l in self.set(i) {
            let kind = match l.kind() {
                LabelKind::Str(s) => LabelKind::Str(self.string(s)),
                LabelKind::Num(n, u) => LabelKind::Num(n, u.map(|u| self.string(u))),
                LabelKind::None => LabelKind::None,
            };
            set.add_label(self.string(l.key), kind);
        }
        set.finish();
        set
    }
}

/// Interns label sets so samples carry a `u32`; number 0 is always the
/// empty set. Numbers are indices, not identities: from a protobuf
/// profile they number distinct encodings, and two encodings (labels in
/// another order, say) can make one set, so equal sets may carry two
/// numbers. Code that needs one number per set interns `get(i)` into
/// sets of its own, as the merger does. The encoded copy stays beside the
/// decoded sets until the first `intern`.
#[derive(Debug, Clone)]
pub struct LabelSets {
    /// The sets, decoded: at once for sets built here, at first use for
    /// the encoded sets of a protobuf profile.
    decoded: OnceLock<Decoded>,
    encoded: Option<Box<EncodedLabels>>,
}

#[derive(Debug, Clone)]
struct Decoded {
    sets: Interner<LabelSet>,
    /// Number → set, when the numbers were given to encodings (two
    /// encodings can make one set); empty when they are the sets'.
    ids: Vec<u32>,
    /// Set → its first number, with `ids`.
    first: Vec<u32>,
}

impl Decoded {
    fn new() -> Decoded {
        let mut d = Decoded { sets: Interner::new(), ids: Vec::new(), first: Vec::new() };
        d.intern(LabelSet::default());
        d
    }

    /// The set's number in `sets`.
    fn add(&mut self, set: LabelSet) -> u32 {
        let mut h = crate::fxhash::Fx::default();
        set.hash(&mut h);
        self.sets.intern(set, h.finish())
    }

    fn intern(&mut self, set: LabelSet) -> u32 {
        let s = self.add(set);
        if self.ids.is_empty() {
            return s;
        }
        if let Some(&id) = self.first.get(s as usize) {
            return id;
        }
        self.ids.push(s);
        self.first.push(self.ids.len() as u32 - 1);
        self.ids.len() as u32 - 1
    }

    fn get(&self, i: u32) -> &LabelSet {
        let s = if self.ids.is_empty() { i } else { self.ids[i as usize] };
        self.sets.get(s)
    }

    fn len(&self) -> usize {
        if self.ids.is_empty() { self.sets.len() } else { self.ids.len() }
    }

    fn of(e: &EncodedLabels) -> Decoded {
        crate::timing::mark("labels: decoding");
        let mut d = Decoded::new();
        d.ids = vec![0];
        d.first = vec![0];
        for b in 0..e.ends.len() {
            let s = d.add(e.decode(b as u32 + 1));
            if s as usize == d.first.len() {
                d.first.push(d.ids.len() as u32);
            }
            d.ids.push(s);
        }
        d
    }
}

impl Default for LabelSets {
    fn default() -> Self {
        LabelSets { decoded: OnceLock::from(Decoded::new()), encoded: None }
    }
}

impl LabelSets {
    /// Sets numbered as encoded: sample label `i` is the `i`th (0: none).
    pub fn from_encoded(e: EncodedLabels) -> LabelSets {
        LabelSets { decoded: OnceLock::new(), encoded: Some(Box::new(e)) }
    }

    fn decode(&self) -> Decoded {
        self.encoded.as_deref().map_or_else(Decoded::new, Decoded::of)
    }

    fn decoded(&self) -> &Decoded {
        self.decoded.get_or_init(|| self.decode())
    }

    /// The encoded sets while they are not decoded yet.
    fn undecoded(&self) -> Option<&EncodedLabels> {
        self.decoded.get().map_or(self.encoded.as_deref(), |_| None)
    }

    pub fn intern(&mut self, set: LabelSet) -> u32 {
        let mut d = std::mem::take(&mut self.decoded).into_inner().unwrap_or_else(|| self.decode());
        self.encoded = None;
        let i = d.intern(set);
        self.decoded = OnceLock::from(d);
        i
    }

    pub fn get(&self, i: u32) -> &LabelSet {
        self.decoded().get(i)
    }

    pub fn len(&self) -> usize {
        self.undecoded().map_or_else(|| self.decoded().len(), |e| e.ends.len() + 1)
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Per set number, whether its string label `key` has `value` among
    /// its values (any value: None); the encoded sets are not decoded.
    pub fn with_str(&self, key: &str, value: Option<&str>) -> Vec<bool> {
        let Some(e) = self.undecoded() else {
            return (0..self.len() as u32)
                .map(|i| self.get(i).str_values(key).is_some_and(|vs| value.is_none_or(|v| vs.iter().any(|x| x == v))))
                .collect();
        };
        let mut out = vec![false; e.ends.len() + 1];
        if !e.strings.iter().any(|s| s == key) {
            return out;
        }
        for (i, o) in out.iter_mut().enumerate().skip(1) {
            *o = e.set(i as u32).iter().any(|l| {
                matches!(l.kind(), LabelKind::Str(s) if e.string(l.key) == key && value.is_none_or(|v| e.string(s) == v))
            });
        }
        out
    }

    /// Calls `f(key, unit)` for the numeric labels of set `i`: per unit
    /// given (in order, "" where a value had none), or once with "" when
    /// the key has no unit. The encoded sets are not decoded.
    pub fn num_units(&self, i: u32, f: &mut dyn FnMut(&str, &str)) {
        match self.undecoded() {
            Some(e) => {
                for l in e.set(i) {
                    if let LabelKind::Num(_, u) = l.kind() {
                        f(e.string(l.key), u.map_or("", |u| e.string(u)));
                    }
                }
            }
            None => {
                for (k, _, us) in &self.get(i).nums {
                    if us.is_empty() {
                        f(k, "");
                    }
                    for u in us {
                        f(k, u);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sets by encoding: equal by content once decoded, and a third
    /// with numeric labels, units and a `pprof::base` marker.
    fn encoded() -> EncodedLabels {
        let strings = ["", "k", "v", "w", "bytes", "B", "pprof::base", "true", "n", ""];
        let l = |key, str, num, unit| RawLabel { key, str, num, unit };
        EncodedLabels {
            strings: strings.iter().map(|s| s.to_string()).collect(),
            labels: vec![
                // set 1: k=[v w]
                l(1, 2, 0, 0),
                l(1, 3, 0, 0),
                // set 2: the same, one ignored label between
                l(1, 2, 0, 0),
                l(8, 0, 0, 0),
                l(1, 3, 0, 0),
                // set 3: bytes=[1 2] units [B ""]; n=[5]; a unit whose string is ""
                l(4, 0, 1, 5),
                l(4, 0, 2, 0),
                l(8, 0, 5, 0),
                l(6, 7, 0, 0),
                l(1, 0, 0, 9),
            ],
            ends: vec![2, 5, 10],
        }
    }

    fn decoded_copy(e: &EncodedLabels) -> LabelSets {
        let mut s = LabelSets::from_encoded(e.clone());
        // Any interning decodes them.
        s.intern(LabelSet::default());
        assert!(s.encoded.is_none());
        s
    }

    #[test]
    fn encodings_of_one_set_decode_to_one_set() {
        let sets = LabelSets::from_encoded(encoded());
        assert_eq!(sets.len(), 4);
        assert_eq!(sets.get(1), sets.get(2));
        assert_eq!(sets.get(1).strs, vec![("k".to_string(), vec!["v".to_string(), "w".to_string()])]);
        let third = sets.get(3);
        assert_eq!(
            third.nums,
            vec![
                ("bytes".to_string(), vec![1, 2], vec!["B".to_string(), String::new()]),
                ("k".to_string(), vec![0], vec![String::new()]),
                ("n".to_string(), vec![5], vec![]),
            ]
        );
        assert!(sets.get(0).is_empty());
        // Interning an equal set gives the number first given to it.
        let mut sets = sets;
        assert_eq!(sets.intern(sets.get(2).clone()), 1);
        assert_eq!(sets.intern(LabelSet::default()), 0);
        let mut new = LabelSet::default();
        new.add_str("x", "y");
        assert_eq!(sets.intern(new.clone()), 4);
        assert_eq!(sets.intern(new), 4);
        assert_eq!(sets.len(), 5);
    }

    #[test]
    fn questions_answered_encoded_match_the_decoded_sets() {
        let e = encoded();
        let (lazy, eager) = (LabelSets::from_encoded(e.clone()), decoded_copy(&e));
        for (key, value) in
            [("pprof::base", Some("true")), ("pprof::base", None), ("k", Some("w")), ("k", None), ("zz", None)]
        {
            assert_eq!(lazy.with_str(key, value), eager.with_str(key, value), "{key} {value:?}");
        }
        assert_eq!(lazy.with_str("pprof::base", Some("true")), [false, false, false, true]);
        assert!(lazy.decoded.get().is_none(), "answered without decoding");
        // What pprof's NumLabelUnits reads: each key, and its units in order.
        let units = |sets: &LabelSets, i| {
            let mut by_key = std::collections::BTreeMap::<String, Vec<String>>::new();
            sets.num_units(i, &mut |k, u| {
                let us = by_key.entry(k.to_string()).or_default();
                if !u.is_empty() {
                    us.push(u.to_string());
                }
            });
            by_key
        };
        for i in 0..4 {
            assert_eq!(units(&lazy, i), units(&eager, i), "set {i}");
        }
        assert_eq!(units(&lazy, 3).get("bytes"), Some(&vec!["B".to_string()]));
        assert!(lazy.decoded.get().is_none(), "answered without decoding");
    }
}
