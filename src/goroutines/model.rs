//! The one model every input form is read into: a table of unique frames,
//! and goroutines (debug=2, crash dumps) or samples (debug=0/1, `count`
//! goroutines each) whose stacks are already normalized (goroutines.md
//! §4.3): leading runtime frames and `runtime.goexit` dropped, generic type
//! arguments folded to `[...]`, `%2e` unescaped.

use std::collections::HashMap;

/// Which form the data came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `?debug=2` traceback text.
    Debug2,
    /// A panic, fatal error or SIGQUIT dump (traceback text plus extras).
    Crash,
    /// `?debug=1` legacy text, counts per stack.
    Debug1,
    /// `?debug=0` protobuf.
    Debug0,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Debug2 => "debug2",
            Kind::Crash => "crash",
            Kind::Debug1 => "debug1",
            Kind::Debug0 => "debug0",
        }
    }
    /// Traceback text: goroutine ids, exact states, waits, creators.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Debug2 | Kind::Crash)
    }
}

#[derive(Debug, Clone)]
pub struct Frame {
    /// As Go prints it, `%2e` unescaped, generic arguments folded.
    pub func: String,
    pub file: String,
    pub line: u32,
    /// Index of (func, line) in the key table: equal for the same call site
    /// whatever the file path (GOROOT, -trimpath) or the form.
    pub site: u32,
    /// Index of func alone, for `--match func`.
    pub func_id: u32,
    pub std: bool,
    /// `runtime.*` or `internal/runtime/*`: dropped when leading.
    pub runtime: bool,
    /// `runtime.goexit`: always dropped.
    pub goexit: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Goroutine {
    /// None for debug=0/1 samples.
    pub id: Option<u64>,
    /// 1 for a goroutine; a sample's count (negative in delta profiles).
    pub count: i64,
    /// Index into `Dump::states`.
    pub state: u32,
    /// Minutes waited, as printed (`N minutes`); None when not printed.
    pub wait: Option<u32>,
    pub locked: bool,
    /// Index into `Dump::label_sets` (0 = no labels).
    pub labels: u32,
    /// `created by`: frame index and parent id.
    pub creator: Option<(u32, Option<u64>)>,
    /// `Dump::stacks[start..end]`, innermost first, normalized.
    pub stack: (u32, u32),
    /// Frames the dump says it left out (`...N frames elided...`).
    pub elided: u32,
    /// The stack is (possibly) cut: an elision marker without a count, a
    /// depth limit reached (32/128 in debug=0/1), Go 1.19's silent cut.
    pub truncated: bool,
    /// `goroutine running on other thread; stack unavailable`.
    pub unavailable: bool,
    /// Byte range of this goroutine's block in `Dump::text` (for `--raw`).
    pub raw: (usize, usize),
}

/// Label sets (key, value) sorted by key; set 0 is the empty set.
#[derive(Debug, Clone)]
pub struct LabelTable {
    pub sets: Vec<Vec<(String, String)>>,
    index: HashMap<Vec<(String, String)>, u32>,
}

impl Default for LabelTable {
    fn default() -> Self {
        let mut index = HashMap::new();
        index.insert(Vec::new(), 0);
        LabelTable { sets: vec![Vec::new()], index }
    }
}

impl LabelTable {
    pub fn intern(&mut self, mut set: Vec<(String, String)>) -> u32 {
        set.sort();
        if let Some(&i) = self.index.get(&set) {
            return i;
        }
        let i = self.sets.len() as u32;
        self.sets.push(set.clone());
        self.index.insert(set, i);
        i
    }
    pub fn get(&self, i: u32) -> &[(String, String)] {
        &self.sets[i as usize]
    }
}

#[derive(Debug, Default)]
pub struct Dump {
    pub kind: Option<Kind>,
    pub frames: Vec<Frame>,
    pub stacks: Vec<u32>,
    pub goroutines: Vec<Goroutine>,
    /// State names; inferred ones start with `~`.
    pub states: Vec<String>,
    pub label_sets: LabelTable,
    /// Labels came from another source, matched by stack (approximate).
    pub labels_from: Option<String>,
    /// `panic: …`, `fatal error: …`, `SIGQUIT: quit` lines.
    pub preamble: Vec<String>,
    /// Goroutines (or samples) that could not be read whole.
    pub parse_errors: usize,
    /// 1-based line of the first problem.
    pub first_error_line: Option<usize>,
    /// The text ends inside a goroutine (Go caps debug=2 at 64 MiB).
    pub cut_short: bool,
    /// Several dumps were in the input; this is the last one.
    pub dumps_seen: usize,
    /// The lowest Go minor version the syntax proves (21 for Go 1.21).
    pub go_min: u32,
    /// debug=0 capture time and duration (delta profiles).
    pub time_nanos: i64,
    pub duration_nanos: i64,
    /// Some counts are negative: a `?seconds=N` delta profile.
    pub delta: bool,
    /// The text, for `--raw` (traceback forms only).
    pub text: String,
    /// The crashing goroutine's index (crash dumps: the first block).
    pub crashed: Option<usize>,
    pub sources: Vec<String>,
    interner: FrameInterner,
    state_index: HashMap<String, u32, FxBuild>,
}

#[derive(Debug, Default)]
struct FrameInterner {
    frames: HashMap<(String, String, u32), u32, FxBuild>,
    sites: HashMap<(String, u32), u32, FxBuild>,
    funcs: HashMap<String, u32, FxBuild>,
}

impl Dump {
    pub fn new(kind: Kind) -> Dump {
        Dump { kind: Some(kind), ..Default::default() }
    }

    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Debug2)
    }

    /// The total goroutine count (a net change for delta profiles).
    pub fn total(&self) -> i64 {
        self.goroutines.iter().map(|g| g.count).sum()
    }

    pub fn state_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.state_index.get(name) {
            return i;
        }
        let i = self.states.len() as u32;
        self.states.push(name.to_string());
        self.state_index.insert(name.to_string(), i);
        i
    }

    /// Interns a frame given as printed (raw function name).
    pub fn frame_id(&mut self, raw_func: &str, file: &str, line: u32) -> u32 {
        // Lookup without allocating in the common case (seen before).
        let key = (raw_func.to_string(), file.to_string(), line);
        if let Some(&i) = self.interner.frames.get(&key) {
            return i;
        }
        let func = clean_func(raw_func);
        let site_key = (func.clone(), line);
        let n_sites = self.interner.sites.len() as u32;
        let site = *self.interner.sites.entry(site_key).or_insert(n_sites);
        let n_funcs = self.interner.funcs.len() as u32;
        let func_id = *self.interner.funcs.entry(func.clone()).or_insert(n_funcs);
        let i = self.frames.len() as u32;
        let (runtime, goexit) = (is_runtime(&func), func == "runtime.goexit");
        self.frames.push(Frame { func, file: file.to_string(), line, site, func_id, std: false, runtime, goexit });
        self.interner.frames.insert(key, i);
        i
    }

    pub fn stack(&self, g: &Goroutine) -> &[u32] {
        &self.stacks[g.stack.0 as usize..g.stack.1 as usize]
    }

    /// Appends a goroutine whose full stack (innermost first, runtime
    /// frames included) is `frames`; the stored stack is normalized.
    pub fn push(&mut self, mut g: Goroutine, frames: &[u32]) {
        let start = self.stacks.len();
        for &f in frames {
            if !self.frames[f as usize].goexit {
                self.stacks.push(f);
            }
        }
        let lead = self.stacks[start..].iter().take_while(|&&f| self.frames[f as usize].runtime).count();
        // A stack of runtime frames only (GC workers in crash dumps) keeps them.
        if lead < self.stacks.len() - start {
            self.stacks.drain(start..start + lead);
        }
        g.stack = (start as u32, self.stacks.len() as u32);
        self.goroutines.push(g);
    }

    /// Marks stdlib frames, once all frames are known (§4.4 "Stdlib
    /// detection"): a package path whose first element has no dot and is
    /// not `main`, whose file (if absolute) is under the GOROOT detected
    /// from the dump's own stdlib frames.
    pub fn classify_std(&mut self) {
        let mut goroot: Option<String> = None;
        for f in &self.frames {
            let pkg = package_of(&f.func);
            if pkg == "main" || pkg.split('/').next().unwrap_or("").contains('.') {
                continue;
            }
            let needle = format!("/src/{pkg}/");
            if let Some(p) = f.file.find(&needle) {
                goroot = Some(f.file[..p].to_string());
                break;
            }
        }
        for f in &mut self.frames {
            let pkg = package_of(&f.func);
            let first = pkg.split('/').next().unwrap_or("");
            let mut std = pkg != "main" && !first.contains('.');
            if std
                && f.file.starts_with('/')
                && let Some(root) = &goroot
            {
                std = f.file.starts_with(root.as_str());
            }
            f.std = std;
        }
    }
}

pub fn is_runtime(func: &str) -> bool {
    func.starts_with("runtime.") || func.starts_with("internal/runtime/")
}

/// The package path of a function name: up to the first `.` after the last `/`.
pub fn package_of(func: &str) -> &str {
    let slash = func.rfind('/').map(|i| i + 1).unwrap_or(0);
    match func[slash..].find('.') {
        Some(d) => &func[..slash + d],
        None => func,
    }
}

/// `%2e` → `.`, and type arguments folded to `[...]` with brackets matched
/// by nesting: debug=0 names shape instances (`F[go.shape.int]`) where
/// debug=1/2 print `F[...]`, and the groups must be the same.
pub fn clean_func(raw: &str) -> String {
    let unescaped;
    let s = if raw.contains("%2e") {
        unescaped = raw.replace("%2e", ".");
        unescaped.as_str()
    } else {
        raw
    };
    if !s.contains('[') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push_str("[...]");
                }
                depth += 1;
            }
            ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

pub use crate::fxhash::FxBuild;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_names_fold() {
        assert_eq!(clean_func("main.genericWorker[go.shape.int]"), "main.genericWorker[...]");
        assert_eq!(clean_func("main.genericWorker[...]"), "main.genericWorker[...]");
        assert_eq!(clean_func("main.(*T[go.shape.struct { X []int }]).M"), "main.(*T[...]).M");
        assert_eq!(clean_func("gopkg.in/yaml%2ev3.F"), "gopkg.in/yaml.v3.F");
    }

    #[test]
    fn packages() {
        assert_eq!(package_of("net/http.(*conn).serve"), "net/http");
        assert_eq!(package_of("main.main"), "main");
        assert_eq!(package_of("github.com/a/b.(*T).M"), "github.com/a/b");
    }
}
