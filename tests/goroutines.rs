//! `pa goroutines` on real dumps made by several Go versions
//! (testdata/goroutines/gen), checked against facts computed independently
//! by testdata/goroutines/facts.py, plus goldens, robustness and speed.
//!
//! Goldens: `PA_UPDATE_GOLDENS=1 cargo test --test goroutines` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Parser;
use pa::goroutines::{GoroutinesArgs, run};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: GoroutinesArgs,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/goroutines")
}

fn dump(name: &str) -> String {
    dir().join("dumps").join(name).to_string_lossy().into_owned()
}

/// Runs `pa goroutines ARGS…` in-process; Err is the one-line error.
fn pa(args: &[&str]) -> Result<String, String> {
    let mut argv = vec!["pa", "--color", "never", "--width", "100"];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    run(cli.args, &mut out).map_err(|e| e.to_string())?;
    Ok(String::from_utf8(out).expect("utf-8 output"))
}

fn ok(args: &[&str]) -> String {
    pa(args).unwrap_or_else(|e| panic!("pa goroutines {args:?}: {e}"))
}

// ---- a minimal JSON reader for the checks (no serde in this crate) ----

#[derive(Debug, Clone, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn get(&self, k: &str) -> Option<&J> {
        match self {
            J::Obj(v) => v.iter().find(|(kk, _)| kk == k).map(|(_, v)| v),
            _ => None,
        }
    }
    fn at(&self, k: &str) -> &J {
        self.get(k).unwrap_or_else(|| panic!("no key {k:?}"))
    }
    fn num(&self) -> f64 {
        match self {
            J::Num(n) => *n,
            _ => panic!("not a number: {self:?}"),
        }
    }
    fn int(&self) -> i64 {
        self.num() as i64
    }
    fn str(&self) -> &str {
        match self {
            J::Str(s) => s,
            _ => panic!("not a string: {self:?}"),
        }
    }
    fn arr(&self) -> &[J] {
        match self {
            J::Arr(v) => v,
            _ => panic!("not an array: {self:?}"),
        }
    }
    fn obj(&self) -> &[(String, J)] {
        match self {
            J::Obj(v) => v,
            _ => panic!("not an object: {self:?}"),
        }
    }
}

fn parse_json(s: &str) -> J {
    let b = s.as_bytes();
    let mut i = 0;
    let v = value(b, &mut i);
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    assert_eq!(i, b.len(), "trailing data in JSON");
    v
}

fn ws(b: &[u8], i: &mut usize) {
    while *i < b.len() && b[*i].is_ascii_whitespace() {
        *i += 1;
    }
}

fn value(b: &[u8], i: &mut usize) -> J {
    ws(b, i);
    match b[*i] {
        b'{' => {
            *i += 1;
            let mut v = Vec::new();
            ws(b, i);
            if b[*i] == b'}' {
                *i += 1;
                return J::Obj(v);
            }
            loop {
                ws(b, i);
                let J::Str(k) = value(b, i) else { panic!("key") };
                ws(b, i);
                assert_eq!(b[*i], b':');
                *i += 1;
                v.push((k, value(b, i)));
                ws(b, i);
                *i += 1;
                if b[*i - 1] == b'}' {
                    return J::Obj(v);
                }
                assert_eq!(b[*i - 1], b',');
            }
        }
        b'[' => {
            *i += 1;
            let mut v = Vec::new();
            ws(b, i);
            if b[*i] == b']' {
                *i += 1;
                return J::Arr(v);
            }
            loop {
                v.push(value(b, i));
                ws(b, i);
                *i += 1;
                if b[*i - 1] == b']' {
                    return J::Arr(v);
                }
                assert_eq!(b[*i - 1], b',');
            }
        }
        b'"' => {
            *i += 1;
            let mut s = String::new();
            loop {
                let c = b[*i];
                *i += 1;
                match c {
                    b'"' => return J::Str(s),
                    b'\\' => {
                        let e = b[*i];
                        *i += 1;
                        match e {
                            b'n' => s.push('\n'),
                            b't' => s.push('\t'),
                            b'r' => s.push('\r'),
                            b'u' => {
                                let h = std::str::from_utf8(&b[*i..*i + 4]).unwrap();
                                s.push(char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap());
                                *i += 4;
                            }
                            c => s.push(c as char),
                        }
                    }
                    c if c < 0x20 => panic!("raw control character in a JSON string"),
                    _ => {
                        // Copy a whole UTF-8 sequence.
                        let start = *i - 1;
                        let mut end = *i;
                        while end < b.len() && (b[end] & 0xc0) == 0x80 {
                            end += 1;
                        }
                        s.push_str(std::str::from_utf8(&b[start..end]).unwrap());
                        *i = end;
                    }
                }
            }
        }
        b't' => {
            *i += 4;
            J::Bool(true)
        }
        b'f' => {
            *i += 5;
            J::Bool(false)
        }
        b'n' => {
            *i += 4;
            J::Null
        }
        _ => {
            let start = *i;
            while *i < b.len() && matches!(b[*i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                *i += 1;
            }
            J::Num(std::str::from_utf8(&b[start..*i]).unwrap().parse().unwrap())
        }
    }
}

fn facts() -> J {
    parse_json(&std::fs::read_to_string(dir().join("facts.json")).unwrap())
}

fn json(args: &[&str]) -> J {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    parse_json(&ok(&a))
}

/// A group's normalized key spelled as facts.py spells it.
fn key_of(g: &J) -> String {
    let mut parts: Vec<String> = Vec::new();
    for f in g.at("frames").arr() {
        let p = format!("{}:{}", f.at("func").str(), f.at("line").int());
        if parts.last() != Some(&p) {
            parts.push(p);
        }
    }
    parts.join(" < ")
}

fn groups_by_key(j: &J) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for g in j.at("groups").arr() {
        *m.entry(key_of(g)).or_default() += g.at("count").int();
    }
    m
}

fn label_dist(j: &J) -> BTreeMap<String, BTreeMap<String, i64>> {
    let mut m: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for g in j.at("groups").arr() {
        if let Some(ls) = g.get("labels") {
            for l in ls.arr() {
                let n = l.at("count").int();
                for (k, v) in l.at("labels").obj() {
                    *m.entry(k.clone()).or_default().entry(v.str().to_string()).or_default() += n;
                }
            }
        }
    }
    m
}

fn fact_map(o: &J) -> BTreeMap<String, i64> {
    o.obj().iter().map(|(k, v)| (k.clone(), v.int())).collect()
}

fn fact_labels(o: &J) -> BTreeMap<String, BTreeMap<String, i64>> {
    o.obj().iter().map(|(k, v)| (k.clone(), fact_map(v))).collect()
}

#[test]
fn every_dump_matches_the_reference_facts() {
    let f = facts();
    let mut checked = 0;
    for (name, fact) in f.obj() {
        let j = json(&[&dump(name)]);
        let kind = fact.at("kind").str();
        assert_eq!(j.at("source").at("kind").str(), kind, "{name}: kind");
        assert_eq!(j.at("total").int(), fact.at("total").int(), "{name}: total");
        assert_eq!(j.at("source").at("parse_errors").int(), 0, "{name}: parse errors");
        assert_eq!(j.at("groups").arr().len() as i64, fact.at("group_count").int(), "{name}: group count");
        // The groups themselves: the same stacks with the same counts.
        let want: BTreeMap<String, i64> =
            fact.at("groups").obj().iter().map(|(k, g)| (k.clone(), g.at("count").int())).collect();
        assert_eq!(groups_by_key(&j), want, "{name}: groups");
        assert_eq!(label_dist(&j), fact_labels(fact.at("labels")), "{name}: labels");
        if kind == "debug2" || kind == "crash" {
            let states = fact_map(j.at("states"));
            assert_eq!(states, fact_map(fact.at("states")), "{name}: states");
            // Waits: the goroutines waiting >= N minutes, through --min-wait.
            let waits = fact_map(fact.at("wait_minutes"));
            for m in 1..=3 {
                let want: i64 = waits.iter().filter(|(k, _)| k.parse::<i64>().unwrap() >= m).map(|(_, n)| n).sum();
                let got = json(&["--min-wait", &format!("{m}m"), &dump(name)]);
                assert_eq!(got.at("matched").int(), want, "{name}: --min-wait {m}m");
            }
            let locked: i64 = j.at("groups").arr().iter().map(|g| g.at("locked").int()).sum();
            assert_eq!(locked, fact.at("locked").int(), "{name}: locked");
            let creators: i64 = j
                .at("groups")
                .arr()
                .iter()
                .flat_map(|g| g.get("creators").map(|c| c.arr().to_vec()).unwrap_or_default())
                .map(|c| c.at("count").int())
                .sum();
            assert_eq!(creators, fact.at("created_by").int(), "{name}: created-by");
        } else {
            // Inferred states are marked.
            assert!(fact_map(j.at("states")).keys().all(|k| k.starts_with('~')), "{name}: states");
        }
        checked += 1;
    }
    assert!(checked >= 15, "facts.json lists too few dumps");
}

/// The stacks of the profiler goroutine differ between the forms (it is
/// the one writing the profile), so it is left out of the comparison.
fn comparable(j: &J) -> BTreeMap<String, i64> {
    groups_by_key(j).into_iter().filter(|(k, _)| !k.contains("runtime/pprof.")).collect()
}

#[test]
fn the_three_forms_of_one_snapshot_give_the_same_groups() {
    for v in ["go1.21", "go1.23", "go1.26", "go1.27"] {
        let d2 = json(&[&dump(&format!("{v}.debug2.txt"))]);
        let d1 = json(&[&dump(&format!("{v}.debug1.txt"))]);
        let d0 = json(&[&dump(&format!("{v}.debug0.pb.gz"))]);
        assert_eq!(comparable(&d2), comparable(&d1), "{v}: debug=2 vs debug=1");
        assert_eq!(comparable(&d2), comparable(&d0), "{v}: debug=2 vs debug=0");
        assert!(comparable(&d2).len() >= 18, "{v}: too few groups");
    }
    // The JSON group keys are stable across forms too.
    let keys = |j: &J| -> Vec<String> {
        let mut k: Vec<String> = j
            .at("groups")
            .arr()
            .iter()
            .filter(|g| !key_of(g).contains("runtime/pprof."))
            .map(|g| g.at("key").str().to_string())
            .collect();
        k.sort();
        k
    };
    let d2 = json(&[&dump("go1.23.debug2.txt")]);
    assert_eq!(keys(&d2), keys(&json(&[&dump("go1.23.debug0.pb.gz")])));
    assert_eq!(keys(&d2), keys(&json(&[&dump("go1.23.debug1.txt")])));
    // Raw and gzipped protobuf read the same.
    assert_eq!(ok(&[&dump("go1.27.debug0.pb")]), ok(&[&dump("go1.27.debug0.pb.gz")]));
}

#[test]
fn inferred_states_agree_with_debug2() {
    // debug=0 keeps the runtime frames: its inferred states match the
    // real ones of the same snapshot (Go >= 1.20 names; WaitGroup waits
    // are `semacquire` in Go < 1.25 dumps).
    for v in ["go1.26", "go1.27"] {
        let real = fact_map(json(&[&dump(&format!("{v}.debug2.txt"))]).at("states"));
        let inferred: BTreeMap<String, i64> = fact_map(json(&[&dump(&format!("{v}.debug0.pb.gz"))]).at("states"))
            .into_iter()
            .map(|(k, n)| (k.trim_start_matches('~').to_string(), n))
            .collect();
        // The nil-chan variants cannot be told apart (goroutines.md §4.6).
        let fold = |m: &BTreeMap<String, i64>| -> BTreeMap<String, i64> {
            let mut o = BTreeMap::new();
            for (k, n) in m {
                *o.entry(k.replace(" (nil chan)", "")).or_default() += n;
            }
            o
        };
        assert_eq!(fold(&real), fold(&inferred), "{v}");
    }
}

#[test]
fn labels_merge_from_a_profile_into_a_dump() {
    // Go 1.21 prints no labels in debug=2; its debug=0 has them.
    let j = json(&[&dump("go1.21.debug2.txt"), &dump("go1.21.debug0.pb.gz")]);
    assert_eq!(j.at("source").at("labels_from").str(), dump("go1.21.debug0.pb.gz"));
    let want = fact_labels(facts().at("go1.21.debug0.pb.gz").at("labels"));
    assert_eq!(label_dist(&j), want);
    // The same through --labels-from, and with a label filter on top.
    let j = json(&["--labels-from", &dump("go1.21.debug1.txt"), "--label", "tenant=acme", &dump("go1.21.debug2.txt")]);
    assert_eq!(j.at("matched").int(), 8);
    let g = &j.at("groups").arr()[0];
    assert!(g.at("frames").arr()[0].at("func").str().ends_with("labeledWorker"));
    assert_eq!(g.at("states").at("select").int(), 8);
}

#[test]
fn filters_and_groupings() {
    let d = dump("go1.27.debug2.txt");
    let j = json(&["--state", "chan (send|receive)", "--label", "tenant=acme", &d]);
    assert_eq!(j.at("matched").int(), 0, "labeled workers are in select");
    let j = json(&["--state", "select", "--label", "tenant=~^(acme|globex)$", &d]);
    assert_eq!(j.at("matched").int(), 12);
    let j = json(&["--state", "chan (send|receive)", &d]);
    assert_eq!(j.at("matched").int(), 44);
    let j = json(&["-g", "state", &d]);
    assert_eq!(j.at("groups").arr().len(), 14);
    let j = json(&["-g", "label:tenant", &d]);
    let titles: Vec<&str> = j.at("groups").arr().iter().map(|g| g.at("title").str()).collect();
    assert_eq!(titles, ["tenant not set", "tenant=acme", "tenant=globex", "tenant=initech"]);
    let j = json(&["-g", "creator", "--min-wait", "2m", &d]);
    assert_eq!(j.at("matched").int(), 64);
    let j = json(&["-m", "lockMutex", &d]);
    assert_eq!(j.at("matched").int(), 8);
    let j = json(&["-x", "^main\\.", &d]);
    assert_eq!(j.at("matched").int(), 0, "every goroutine has a main frame");
    let j = json(&["--min-count", "8", &d]);
    assert!(j.at("groups").arr().iter().all(|g| g.at("count").int() >= 8));
    let j = json(&["--depth", "1", "--match", "func", &d]);
    assert!(j.at("groups").arr().len() < 21);
    // Sorted by count, then wait.
    let counts: Vec<i64> = json(&[&d]).at("groups").arr().iter().map(|g| g.at("count").int()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // --raw is a smaller dump that pa reads again: one goroutine per group.
    let raw = ok(&["--raw", &d]);
    let p = std::env::temp_dir().join(format!("pa-goroutines-raw-{}.txt", std::process::id()));
    std::fs::write(&p, raw).unwrap();
    let again = json(&[p.to_str().unwrap()]);
    std::fs::remove_file(&p).ok();
    assert_eq!(again.at("total").int(), 21);
    assert_eq!(again.at("groups").arr().len(), 21);
    // The crash dump: the system goroutines are stdlib-only and hideable.
    let all = json(&[&dump("go1.27.sigquit.txt.gz")]);
    let user = json(&["--hide-std", &dump("go1.27.sigquit.txt.gz")]);
    assert!(user.at("groups").arr().len() < all.at("groups").arr().len());
}

#[test]
fn options_that_need_debug2_fail_clearly_on_profiles() {
    for (flag, val) in [("--min-wait", Some("10m")), ("--creator", Some("main")), ("--ids", None), ("--raw", None)] {
        let mut a = vec![flag];
        if let Some(v) = val {
            a.push(v);
        }
        let p = dump("go1.27.debug0.pb.gz");
        a.push(&p);
        let e = pa(&a).unwrap_err();
        assert!(e.contains(flag) && e.contains("debug=2"), "{e}");
    }
    let e = pa(&["-g", "creator", &dump("go1.27.debug1.txt")]).unwrap_err();
    assert!(e.contains("debug=2"), "{e}");
    let e = pa(&["--state", "(", &dump("go1.27.debug1.txt")]).unwrap_err();
    assert!(e.starts_with("--state: bad regular expression"), "{e}");
    let e = pa(&["--min-wait", "ten", &dump("go1.27.debug2.txt")]).unwrap_err();
    assert!(e.contains("--min-wait"), "{e}");
}

#[test]
fn crash_dumps_and_logs() {
    let out = ok(&[&dump("go1.23.panic.log")]);
    assert!(out.starts_with("panic: assignment to entry in nil map"), "{out}");
    assert!(out.contains("the goroutine that crashed"));
    let j = json(&[&dump("go1.27.sigquit.txt.gz")]);
    assert_eq!(j.at("source").at("preamble").arr()[0].str(), "SIGQUIT: quit");
    assert_eq!(j.at("source").at("go_hint").str(), ">=1.27");
    let j = json(&[&dump("go1.21.sigquit.txt.gz")]);
    assert_eq!(j.at("source").at("kind").str(), "crash");
}

#[test]
fn delta_profiles_keep_their_sign() {
    let j = json(&[&dump("go1.27.delta.pb.gz")]);
    assert_eq!(j.at("source").at("delta"), &J::Bool(true));
    let f = facts();
    assert_eq!(j.at("total").int(), f.at("go1.27.delta.pb.gz").at("total").int());
    assert!(j.at("groups").arr().iter().any(|g| g.at("count").int() < 0));
    let out = ok(&[&dump("go1.27.delta.pb.gz")]);
    assert!(out.starts_with("Δ +"), "{out}");
}

#[test]
fn names_never_reach_the_terminal_raw() {
    for name in ["go1.27.debug2.txt", "go1.26.debug2.txt", "go1.27.debug1.txt", "go1.27.debug0.pb.gz"] {
        for out in [ok(&[&dump(name)]), ok(&["-g", "label:evil", &dump(name)])] {
            assert!(!out.contains('\x1b'), "{name}: raw ESC in output");
            assert!(out.contains("\\x1b[2J\\x1b[31mred\\nline"), "{name}: {out}");
        }
        let j = ok(&["--json", &dump(name)]);
        assert!(j.contains(r#""evil":"\u001b[2J\u001b[31mred\nline""#), "{name}");
    }
    // Colour only when asked.
    let c = pa(&["--color", "always", &dump("go1.27.debug2.txt")]);
    assert!(c.is_err() || c.unwrap().contains("\x1b[1m"));
}

/// Mangles a dump the ways log pipelines do: CRLF, lost blank lines,
/// lost tabs, indentation, junk lines around it.
#[test]
fn mangled_dumps_still_parse() {
    let text = std::fs::read_to_string(dump("go1.27.debug2.txt")).unwrap();
    let f = facts();
    let want = f.at("go1.27.debug2.txt");
    let variants: Vec<(&str, String)> = vec![
        ("crlf", text.replace('\n', "\r\n")),
        ("no blank lines", text.replace("\n\n", "\n")),
        ("no tabs", text.replace('\t', "")),
        ("indented", text.lines().map(|l| format!("    {l}\n")).collect()),
        ("in a log", format!("2026/01/02 12:00:00 starting\nsome other line (with parens)\n{text}\nexit status 2\n")),
        ("no final newline", text.trim_end().to_string()),
    ];
    let tmp = std::env::temp_dir().join(format!("pa-goroutines-mangled-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for (what, t) in variants {
        let p = tmp.join("d.txt");
        std::fs::write(&p, t).unwrap();
        let j = json(&[p.to_str().unwrap()]);
        assert_eq!(j.at("total").int(), want.at("total").int(), "{what}");
        assert_eq!(j.at("source").at("parse_errors").int(), 0, "{what}");
        assert_eq!(j.at("groups").arr().len() as i64, want.at("group_count").int(), "{what}");
    }
    // A broken goroutine is counted, not fatal; a cut dump is reported.
    let broken = text.replacen("main.sleeper(", "main.sleeper(\ngarbage here\n", 1);
    let p = tmp.join("b.txt");
    std::fs::write(&p, broken).unwrap();
    let j = json(&[p.to_str().unwrap()]);
    assert_eq!(j.at("source").at("parse_errors").int(), 1);
    assert_eq!(j.at("total").int(), want.at("total").int());
    let cut = text[text.len() / 2..].find("main.sleeper(").unwrap() + text.len() / 2 + 9;
    std::fs::write(&p, &text[..cut]).unwrap();
    let out = ok(&[p.to_str().unwrap()]);
    assert!(out.contains("warning"), "{out}");
    std::fs::remove_dir_all(&tmp).ok();
}

/// Cheap fuzzing: cut and corrupt real dumps at many places; the parser
/// must never panic.
#[test]
fn corrupted_inputs_never_panic() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = |n: usize| -> usize {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for name in ["go1.27.debug2.txt", "go1.26.debug2.txt", "go1.27.debug1.txt"] {
        let text = std::fs::read(dump(name)).unwrap();
        for _ in 0..150 {
            let mut t = text.clone();
            for _ in 0..1 + rnd(8) {
                let i = rnd(t.len());
                t[i] = b"\n\t[]{}(),:\" 0x"[rnd(14)];
            }
            let cut = rnd(t.len());
            t.truncate(cut.max(1));
            let d = pa::goroutines::forms::load("fuzz", t, 1 << 30);
            if let Ok(d) = d {
                let opts = pa::goroutines::group::Options {
                    group_by: pa::goroutines::group::GroupBy::Stack,
                    match_func: false,
                    depth: None,
                    filters: Default::default(),
                };
                let sel = pa::goroutines::group::filter(&d, &opts.filters);
                let g = pa::goroutines::group::group(&d, &sel, &opts);
                let style = pa::goroutines::render::Style {
                    color: false,
                    width: 80,
                    frames: 4,
                    full: false,
                    oneline: false,
                    ids: true,
                    parents: true,
                };
                let mut out = Vec::new();
                pa::goroutines::render::text(&mut out, &d, &g, g.len(), &style).unwrap();
            }
        }
    }
}

/// A 64 MiB debug=2 dump, made by repeating a real one with new ids.
#[test]
fn a_64_mib_dump_is_fast() {
    let text = std::fs::read_to_string(dump("go1.27.debug2.txt")).unwrap();
    let blocks: Vec<&str> = text.split("\n\n").filter(|b| b.starts_with("goroutine ")).collect();
    let mut big = String::with_capacity(65 << 20);
    let mut id = 1u64;
    while big.len() < 64 << 20 {
        for b in &blocks {
            let rest = &b[b.find(" [").unwrap()..];
            big.push_str(&format!("goroutine {id}{rest}\n\n"));
            id += 1;
        }
    }
    let n = id - 1;
    let start = std::time::Instant::now();
    let d = pa::goroutines::forms::load("big", big.into_bytes(), 1 << 30).unwrap();
    let opts = pa::goroutines::group::Options {
        group_by: pa::goroutines::group::GroupBy::Stack,
        match_func: false,
        depth: None,
        filters: Default::default(),
    };
    let sel = pa::goroutines::group::filter(&d, &opts.filters);
    let g = pa::goroutines::group::group(&d, &sel, &opts);
    let elapsed = start.elapsed();
    assert_eq!(d.total() as u64, n);
    assert_eq!(g.len() as i64, facts().at("go1.27.debug2.txt").at("group_count").int());
    eprintln!("64 MiB, {n} goroutines: parsed and grouped in {elapsed:?}");
    if !cfg!(debug_assertions) {
        assert!(elapsed.as_secs_f64() < 1.0, "{elapsed:?}");
    }
}

// ---- goldens ----

fn golden(name: &str, args: &[&str]) {
    let got = ok(args);
    // Machine-independent: the dumps' paths are relative to the repo.
    let root = format!("{}/", dir().join("dumps").display());
    let got = got.replace(&root, "");
    let path = dir().join("golden").join(name);
    if std::env::var_os("PA_UPDATE_GOLDENS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden {name}; run with PA_UPDATE_GOLDENS=1"));
    if got != want {
        let diff: Vec<String> = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(5)
            .map(|(i, (a, b))| format!("line {}:\n  got:  {a}\n  want: {b}", i + 1))
            .collect();
        panic!("{name} differs from its golden:\n{}", diff.join("\n"));
    }
}

#[test]
fn goldens() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("go1.27.debug2", "go1.27.debug2.txt", &[]),
        ("go1.27.debug0", "go1.27.debug0.pb.gz", &[]),
        ("go1.27.debug1", "go1.27.debug1.txt", &[]),
        ("go1.21.debug2", "go1.21.debug2.txt", &[]),
        ("go1.26.debug2", "go1.26.debug2.txt", &[]),
        ("go1.27.sigquit", "go1.27.sigquit.txt.gz", &[]),
        ("go1.23.panic", "go1.23.panic.log", &[]),
        ("go1.27.delta", "go1.27.delta.pb.gz", &[]),
        ("go1.27.debug2.oneline", "go1.27.debug2.txt", &["--oneline"]),
        ("go1.27.debug0.oneline", "go1.27.debug0.pb.gz", &["--oneline"]),
        ("go1.21.debug1.oneline", "go1.21.debug1.txt", &["--oneline"]),
        ("go1.27.debug2.json", "go1.27.debug2.txt", &["--json"]),
        ("go1.27.debug0.json", "go1.27.debug0.pb.gz", &["--json"]),
        ("go1.21.debug1.json", "go1.21.debug1.txt", &["--json"]),
        ("go1.27.debug2.creator", "go1.27.debug2.txt", &["--group-by", "creator", "--min-wait", "2m"]),
        ("go1.27.debug2.raw", "go1.27.debug2.txt", &["--raw", "--top", "3"]),
        ("go1.27.debug2.full", "go1.27.debug2.txt", &["--full", "--ids", "--parents", "-m", "recurse|labeledWorker"]),
    ];
    for (name, file, args) in cases {
        let d = dump(file);
        let mut a: Vec<&str> = args.to_vec();
        a.push(&d);
        golden(&format!("{name}.txt"), &a);
    }
}
