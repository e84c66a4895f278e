//! `-tagfocus` / `-tagignore` (pprof.md §2.7 item 7): either a numeric
//! range with an optional unit (`400kb:`, `1mb:2gb`, `=32kb`) tested on
//! numeric labels, or a comma-separated list of regexes tested on string
//! labels, optionally restricted to one key with `key=`.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::measurement::scale;
use crate::profile::LabelSet;

pub struct TagFilter {
    key: Option<String>,
    kind: Kind,
}

enum Kind {
    Range(RangeFilter),
    Regexes(Vec<Regex>),
}

struct RangeFilter {
    unit: String,
    lo: Option<f64>,
    hi: Option<f64>,
}

impl RangeFilter {
    fn matches(&self, v: i64, u: &str) -> bool {
        let (sv, su) = scale(v, u, &self.unit);
        su == self.unit && self.lo.is_none_or(|lo| sv >= lo) && self.hi.is_none_or(|hi| sv <= hi)
    }
}

fn range_rx() -> &'static Regex {
    static RX: OnceLock<Regex> = OnceLock::new();
    RX.get_or_init(|| Regex::new(r"([+-]?[0-9]+)([A-Za-z]+)?").expect("valid regex"))
}

/// pprof's `parseTagFilterRange`: None when the value is not a range.
fn parse_range(filter: &str) -> Option<RangeFilter> {
    let caps: Vec<regex::Captures> = range_rx().captures_iter(filter).take(2).collect();
    if caps.is_empty() {
        return None;
    }
    let num = |c: &regex::Captures| c.get(1).map_or("", |m| m.as_str()).parse::<i64>().ok();
    let unit_of = |c: &regex::Captures| c.get(2).map_or("", |m| m.as_str()).to_string();
    let v = num(&caps[0])?;
    let u0 = unit_of(&caps[0]);
    let (scaled, unit) = scale(v, &u0, &u0);
    let m0 = caps[0].get(0).map_or("", |m| m.as_str());
    if caps.len() == 1 {
        return if filter == m0 {
            Some(RangeFilter { unit, lo: Some(scaled), hi: Some(scaled) })
        } else if filter == format!("{m0}:") {
            Some(RangeFilter { unit, lo: Some(scaled), hi: None })
        } else if filter == format!(":{m0}") {
            Some(RangeFilter { unit, lo: None, hi: Some(scaled) })
        } else {
            None
        };
    }
    let m1 = caps[1].get(0).map_or("", |m| m.as_str());
    if filter != format!("{m0}:{m1}") {
        return None;
    }
    let v2 = num(&caps[1])?;
    let (scaled2, unit2) = scale(v2, &unit_of(&caps[1]), &unit);
    if unit != unit2 {
        return None;
    }
    Some(RangeFilter { unit, lo: Some(scaled), hi: Some(scaled2) })
}

impl TagFilter {
    /// Compiles `value` for the option `name` (used in messages). A range
    /// filter also returns pprof's note that it was read as a range.
    pub fn compile(name: &str, value: &str) -> Result<(TagFilter, Option<String>), String> {
        let (key, value) = match value.split_once('=') {
            Some((k, v)) => (Some(k.to_string()), v),
            None => (None, value),
        };
        if let Some(r) = parse_range(value) {
            let note = format!("{name}:Interpreted '{value}' as range, not regexp");
            return Ok((TagFilter { key, kind: Kind::Range(r) }, Some(note)));
        }
        let mut rxs = Vec::new();
        for part in value.split(',') {
            rxs.push(crate::goregex::compile(part).map_err(|e| format!("parsing {name} regexp: {e}"))?);
        }
        Ok((TagFilter { key, kind: Kind::Regexes(rxs) }, None))
    }

    pub fn matches(&self, set: &LabelSet, units: &HashMap<String, String>) -> bool {
        match &self.kind {
            Kind::Range(r) => {
                let unit_of = |k: &str| units.get(k).map(String::as_str).unwrap_or("");
                match &self.key {
                    None => set.nums.iter().any(|(k, vs, _)| vs.iter().any(|&v| r.matches(v, unit_of(k)))),
                    Some(want) => set
                        .nums
                        .iter()
                        .find(|(k, _, _)| k == want)
                        .is_some_and(|(k, vs, _)| vs.iter().any(|&v| r.matches(v, unit_of(k)))),
                }
            }
            Kind::Regexes(rxs) => match &self.key {
                None => rxs
                    .iter()
                    .all(|rx| set.strs.iter().any(|(k, vs)| vs.iter().any(|v| rx.is_match(&format!("{k}:{v}"))))),
                Some(want) => match set.str_values(want) {
                    Some(vals) => rxs.iter().any(|rx| vals.iter().any(|v| rx.is_match(v))),
                    None => false,
                },
            },
        }
    }
}
