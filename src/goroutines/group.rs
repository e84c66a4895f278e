//! Filters, group keys and per-group aggregates (goroutines.md §4.3).

use std::collections::HashMap;

use regex::Regex;

use super::model::{Dump, FxBuild, Goroutine};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    Stack,
    Leaf,
    User,
    Start,
    State,
    Creator,
    Label(String),
}

impl GroupBy {
    pub fn parse(s: &str) -> Result<GroupBy, String> {
        Ok(match s {
            "stack" => GroupBy::Stack,
            "leaf" => GroupBy::Leaf,
            "user" => GroupBy::User,
            "start" => GroupBy::Start,
            "state" => GroupBy::State,
            "creator" => GroupBy::Creator,
            _ => match s.strip_prefix("label:") {
                Some(k) if !k.is_empty() => GroupBy::Label(k.to_string()),
                _ => {
                    return Err(format!(
                        "unknown --group-by {s:?}: use stack, leaf, user, start, state, creator or label:KEY"
                    ));
                }
            },
        })
    }
    pub fn name(&self) -> String {
        match self {
            GroupBy::Stack => "stack".into(),
            GroupBy::Leaf => "leaf".into(),
            GroupBy::User => "user".into(),
            GroupBy::Start => "start".into(),
            GroupBy::State => "state".into(),
            GroupBy::Creator => "creator".into(),
            GroupBy::Label(k) => format!("label:{k}"),
        }
    }
}

pub enum LabelFilter {
    Has(String),
    Eq(String, String),
    Re(String, Regex),
}

#[derive(Default)]
pub struct Filters {
    pub frame: Option<Regex>,
    pub exclude: Option<Regex>,
    pub state: Option<Regex>,
    pub labels: Vec<LabelFilter>,
    pub creator: Option<Regex>,
    pub min_wait_minutes: Option<u32>,
}

pub struct Options {
    pub group_by: GroupBy,
    /// Compare functions only, not lines.
    pub match_func: bool,
    pub depth: Option<usize>,
    pub filters: Filters,
}

/// One group and everything aggregated over its goroutines.
#[derive(Debug, Default)]
pub struct Group {
    /// The key, spelled out, for groupings other than by stack.
    pub title: Option<String>,
    pub members: Vec<u32>,
    pub count: i64,
    /// (state id, count), most frequent first.
    pub states: Vec<(u32, i64)>,
    /// Minutes (min, max); None when the form has no waits.
    pub wait: Option<(u32, u32)>,
    pub locked: i64,
    /// (creator frame, parent ids, count), most frequent first.
    pub creators: Vec<(u32, Vec<u64>, i64)>,
    /// (label set, count), most frequent first.
    pub labels: Vec<(u32, i64)>,
    /// Distinct full stacks: (a goroutine having it, count).
    pub stacks: Vec<(u32, i64)>,
    pub truncated: bool,
    pub elided: u32,
    pub ids: Vec<u64>,
    pub crashed: bool,
    /// A stable hash of the key (JSON `key`).
    pub key_hash: u64,
}

impl Group {
    /// The goroutine whose stack the group shows.
    pub fn representative(&self) -> u32 {
        self.stacks.first().map(|s| s.0).unwrap_or(self.members[0])
    }
    pub fn max_wait(&self) -> u32 {
        self.wait.map(|w| w.1).unwrap_or(0)
    }
}

fn matches_frames(d: &Dump, g: &Goroutine, hits: &[bool]) -> bool {
    d.stack(g).iter().any(|&f| hits[f as usize]) || g.creator.is_some_and(|(f, _)| hits[f as usize])
}

fn frame_hits(d: &Dump, re: &Regex) -> Vec<bool> {
    d.frames.iter().map(|f| re.is_match(&f.func) || re.is_match(&format!("{}:{}", f.file, f.line))).collect()
}

/// The indices of the goroutines that pass every filter.
pub fn filter(d: &Dump, f: &Filters) -> Vec<u32> {
    let frame_hit = f.frame.as_ref().map(|re| frame_hits(d, re));
    let exclude_hit = f.exclude.as_ref().map(|re| frame_hits(d, re));
    let state_hit: Option<Vec<bool>> =
        f.state.as_ref().map(|re| d.states.iter().map(|s| re.is_match(s.strip_prefix('~').unwrap_or(s))).collect());
    let label_hit: Vec<bool> = d
        .label_sets
        .sets
        .iter()
        .map(|set| {
            f.labels.iter().all(|lf| match lf {
                LabelFilter::Has(k) => set.iter().any(|(kk, _)| kk == k),
                LabelFilter::Eq(k, v) => set.iter().any(|(kk, vv)| kk == k && vv == v),
                LabelFilter::Re(k, re) => set.iter().any(|(kk, vv)| kk == k && re.is_match(vv)),
            })
        })
        .collect();
    let creator_hit = f.creator.as_ref().map(|re| frame_hits(d, re));
    let mut out = Vec::with_capacity(d.goroutines.len());
    for (i, g) in d.goroutines.iter().enumerate() {
        if let Some(h) = &frame_hit
            && !matches_frames(d, g, h)
        {
            continue;
        }
        if let Some(h) = &exclude_hit
            && matches_frames(d, g, h)
        {
            continue;
        }
        if let Some(h) = &state_hit
            && !h[g.state as usize]
        {
            continue;
        }
        if !label_hit[g.labels as usize] {
            continue;
        }
        if let Some(h) = &creator_hit {
            match g.creator {
                Some((c, _)) if h[c as usize] => {}
                _ => continue,
            }
        }
        if let Some(m) = f.min_wait_minutes
            && g.wait.unwrap_or(0) < m
        {
            continue;
        }
        out.push(i as u32);
    }
    out
}

/// The normalized stack key: call sites (or functions), innermost first,
/// consecutive repeats (recursion) merged, cut to `depth`.
pub fn stack_key(d: &Dump, g: &Goroutine, match_func: bool, depth: Option<usize>, out: &mut Vec<u32>) {
    out.clear();
    for &f in d.stack(g) {
        let fr = &d.frames[f as usize];
        let k = if match_func { fr.func_id } else { fr.site };
        if out.last() != Some(&k) {
            out.push(k);
        }
        if depth.is_some_and(|n| out.len() >= n) {
            break;
        }
    }
}

const NONE: u32 = u32::MAX;

/// Groups the selected goroutines and aggregates each group.
pub fn group(d: &Dump, selected: &[u32], o: &Options) -> Vec<Group> {
    let mut index: HashMap<Vec<u32>, usize, FxBuild> = HashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut key = Vec::new();
    let mut label_values: HashMap<&str, u32> = HashMap::new();
    let mut label_names: Vec<&str> = Vec::new();
    // Site (or function) id → a frame having it, to spell keys out.
    let mut spell: Vec<u32> = Vec::new();
    for (i, f) in d.frames.iter().enumerate() {
        let id = if o.match_func && o.group_by == GroupBy::Stack { f.func_id } else { f.site } as usize;
        if spell.len() <= id {
            spell.resize(id + 1, u32::MAX);
        }
        if spell[id] == u32::MAX {
            spell[id] = i as u32;
        }
    }
    for &gi in selected {
        let g = &d.goroutines[gi as usize];
        let st = d.stack(g);
        key.clear();
        match &o.group_by {
            GroupBy::Stack => stack_key(d, g, o.match_func, o.depth, &mut key),
            GroupBy::Leaf => key.push(st.first().map(|&f| d.frames[f as usize].site).unwrap_or(NONE)),
            GroupBy::Start => key.push(st.last().map(|&f| d.frames[f as usize].site).unwrap_or(NONE)),
            GroupBy::User => key.push(
                st.iter()
                    .find(|&&f| !d.frames[f as usize].std)
                    .or(st.first())
                    .map(|&f| d.frames[f as usize].site)
                    .unwrap_or(NONE),
            ),
            GroupBy::State => key.push(g.state),
            GroupBy::Creator => key.push(g.creator.map(|(f, _)| d.frames[f as usize].site).unwrap_or(NONE)),
            GroupBy::Label(k) => {
                let v = d.label_sets.get(g.labels).iter().find(|(kk, _)| kk == k).map(|(_, v)| v.as_str());
                let id = match v {
                    None => NONE,
                    Some(v) => {
                        let n = label_names.len() as u32;
                        *label_values.entry(v).or_insert_with(|| {
                            label_names.push(v);
                            n
                        })
                    }
                };
                key.push(id);
            }
        }
        let gidx = match index.get(key.as_slice()) {
            Some(&i) => i,
            None => {
                let i = groups.len();
                let title = match &o.group_by {
                    GroupBy::State => Some(d.states[g.state as usize].clone()),
                    GroupBy::Creator => Some(match g.creator {
                        Some((f, _)) => {
                            let fr = &d.frames[f as usize];
                            format!("created by {} {}:{}", fr.func, basename(&fr.file), fr.line)
                        }
                        None => "no creator (the main goroutine, or a form without creators)".into(),
                    }),
                    GroupBy::Label(k) => Some(match key[0] {
                        NONE => format!("{k} not set"),
                        v => format!("{k}={}", label_names[v as usize]),
                    }),
                    _ => None,
                };
                groups.push(Group { title, key_hash: hash_key(d, &key, &o.group_by, &spell), ..Default::default() });
                index.insert(key.clone(), i);
                i
            }
        };
        groups[gidx].members.push(gi);
    }
    for grp in &mut groups {
        aggregate(d, grp);
    }
    groups
}

/// A hash of the key's spelled-out form, so that it is the same across
/// forms and runs (ids are per dump). `spell[id]` is a frame with that
/// site (or function) id.
fn hash_key(d: &Dump, key: &[u32], by: &GroupBy, spell: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &[u8]| {
        for &b in s {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x100_0000_01b3);
    };
    eat(by.name().as_bytes());
    let frames = matches!(by, GroupBy::Stack | GroupBy::Leaf | GroupBy::User | GroupBy::Start | GroupBy::Creator);
    for &k in key {
        match spell.get(k as usize) {
            Some(&f) if frames => {
                let fr = &d.frames[f as usize];
                eat(fr.func.as_bytes());
                eat(fr.line.to_string().as_bytes());
            }
            _ if frames => eat(b"-"),
            _ => eat(&k.to_le_bytes()),
        }
    }
    h
}

pub fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn aggregate(d: &Dump, grp: &mut Group) {
    let mut states: HashMap<u32, i64, FxBuild> = HashMap::default();
    let mut creators: HashMap<u32, (Vec<u64>, i64), FxBuild> = HashMap::default();
    let mut labels: HashMap<u32, i64, FxBuild> = HashMap::default();
    // Distinct stacks by call sites (debug=0 names generic shapes apart).
    let mut stacks: HashMap<Vec<u32>, (u32, i64), FxBuild> = HashMap::default();
    let mut sites: Vec<u32> = Vec::new();
    let mut wmin = u32::MAX;
    let mut wmax = 0u32;
    let has_waits = d.kind().is_text();
    for &gi in &grp.members {
        let g = &d.goroutines[gi as usize];
        grp.count += g.count;
        *states.entry(g.state).or_default() += g.count;
        if has_waits {
            let w = g.wait.unwrap_or(0);
            wmin = wmin.min(w);
            wmax = wmax.max(w);
        }
        if g.locked {
            grp.locked += g.count;
        }
        if let Some((f, parent)) = g.creator {
            let e = creators.entry(f).or_default();
            e.1 += g.count;
            if let Some(p) = parent
                && !e.0.contains(&p)
                && e.0.len() < 64
            {
                e.0.push(p);
            }
        }
        *labels.entry(g.labels).or_default() += g.count;
        sites.clear();
        sites.extend(d.stack(g).iter().map(|&f| d.frames[f as usize].site));
        match stacks.get_mut(sites.as_slice()) {
            Some(e) => e.1 += g.count,
            None => {
                stacks.insert(sites.clone(), (gi, g.count));
            }
        }
        grp.truncated |= g.truncated;
        grp.elided = grp.elided.max(g.elided);
        if let Some(id) = g.id {
            grp.ids.push(id);
        }
        if d.crashed == Some(gi as usize) {
            grp.crashed = true;
        }
    }
    if has_waits && !grp.members.is_empty() {
        grp.wait = Some((wmin, wmax));
    }
    let by_count = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let mut v: Vec<(u32, i64)> = states.into_iter().collect();
    v.sort_by(|a, b| {
        by_count(&(a.1, a.0), &(b.1, b.0)).then_with(|| d.states[a.0 as usize].cmp(&d.states[b.0 as usize]))
    });
    grp.states = v;
    let mut c: Vec<(u32, Vec<u64>, i64)> = creators.into_iter().map(|(f, (p, n))| (f, p, n)).collect();
    c.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    for cr in &mut c {
        cr.1.sort_unstable();
    }
    grp.creators = c;
    let mut l: Vec<(u32, i64)> = labels.into_iter().filter(|(s, _)| *s != 0).collect();
    l.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| d.label_sets.get(a.0).cmp(d.label_sets.get(b.0))));
    grp.labels = l;
    let mut s: Vec<(u32, i64)> = stacks.into_values().collect();
    s.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    grp.stacks = s;
    grp.ids.sort_unstable();
}

/// Display order: the crashing goroutine's group first, then by count
/// (largest growth first for delta profiles), then longest wait, then the
/// first frame's name.
pub fn sort(d: &Dump, groups: &mut [Group], by: &str) {
    let first_func = |g: &Group| -> String {
        let r = &d.goroutines[g.representative() as usize];
        d.stack(r).first().map(|&f| d.frames[f as usize].func.clone()).or_else(|| g.title.clone()).unwrap_or_default()
    };
    let mut keyed: Vec<(String, usize)> = groups.iter().enumerate().map(|(i, g)| (first_func(g), i)).collect();
    let order = |a: &Group, b: &Group| -> std::cmp::Ordering {
        b.crashed.cmp(&a.crashed).then_with(|| match by {
            "wait" => b.max_wait().cmp(&a.max_wait()).then(b.count.cmp(&a.count)),
            "name" => std::cmp::Ordering::Equal,
            _ => b.count.cmp(&a.count).then(b.max_wait().cmp(&a.max_wait())),
        })
    };
    keyed.sort_by(|a, b| order(&groups[a.1], &groups[b.1]).then_with(|| a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let perm: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    // Apply the permutation.
    let mut taken: Vec<Option<Group>> = groups.iter_mut().map(|g| Some(std::mem::take(g))).collect();
    for (slot, &i) in groups.iter_mut().zip(&perm) {
        *slot = taken[i].take().unwrap();
    }
}
