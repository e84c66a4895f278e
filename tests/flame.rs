//! `pa flame`: folded stacks compared exactly with stacks computed from
//! `go tool pprof -traces` (testdata/flame/regen.py), and every SVG parsed
//! with a real XML parser: escaping, titles, totals, frame widths
//! proportional to values, colours, differential and icicle layouts, and the
//! terminal tree.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pa"))
        .current_dir(root())
        .env("TZ", "UTC")
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .expect("run pa")
}

fn pa_ok(args: &[&str]) -> Vec<u8> {
    let out = pa(args);
    assert!(out.status.success(), "pa {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn flame(args: &[&str]) -> String {
    let mut a = vec!["flame"];
    a.extend_from_slice(args);
    String::from_utf8(pa_ok(&a)).expect("UTF-8 output")
}

const CPU: &str = "testdata/profiles/cpu.pb.gz";
const EVIL: &str = "testdata/profiles/evil.pb.gz";
const HEAP1: &str = "testdata/profiles/heap-1.pb.gz";
const HEAP2: &str = "testdata/profiles/heap-2.pb.gz";

#[test]
fn folded_matches_pprof_traces() {
    let cases = std::fs::read_to_string(root().join("testdata/flame/cases.txt")).unwrap();
    let mut n = 0;
    for line in cases.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let (name, args) = (parts[0], parts[1]);
        let mut a = vec!["flame", "--folded"];
        a.extend(args.split_whitespace());
        let got = pa_ok(&a);
        let want = std::fs::read(root().join(format!("testdata/flame/expected/{name}.folded"))).unwrap();
        assert!(
            got == want,
            "case {name}: pa flame --folded {args} differs from pprof -traces\n--- got\n{}\n--- want\n{}",
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
        n += 1;
    }
    assert!(n >= 20, "only {n} cases");
}

/// `stack value` lines, the value split off at the last space.
fn parse_folded(s: &str) -> Vec<(Vec<String>, i64)> {
    s.lines()
        .map(|l| {
            let (stack, v) = l.rsplit_once(' ').expect("value");
            (stack.split(';').map(str::to_string).collect(), v.parse().expect("integer value"))
        })
        .collect()
}

#[test]
fn folded_is_sorted_with_one_line_per_stack() {
    let out = flame(&["--folded", CPU]);
    let lines: Vec<&str> = out.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    sorted.dedup_by(|a, b| a.rsplit_once(' ').unwrap().0 == b.rsplit_once(' ').unwrap().0);
    assert_eq!(lines, sorted);
    // Same profile twice, merged: every value doubles.
    let twice = parse_folded(&flame(&["--folded", CPU, CPU]));
    let once = parse_folded(&out);
    assert_eq!(twice.len(), once.len());
    for ((s1, v1), (s2, v2)) in once.iter().zip(&twice) {
        assert_eq!(s1, s2);
        assert_eq!(2 * v1, *v2);
    }
}

#[test]
fn reverse_merges_by_leaf() {
    let fwd = parse_folded(&flame(&["--folded", CPU]));
    let rev = parse_folded(&flame(&["--folded", "--reverse", CPU]));
    let mut want: Vec<(Vec<String>, i64)> = fwd
        .into_iter()
        .map(|(mut s, v)| {
            s.reverse();
            (s, v)
        })
        .collect();
    want.sort_by_key(|a| a.0.join(";"));
    assert_eq!(rev, want);
}

/// One drawn frame of an SVG.
#[derive(Debug, Clone)]
struct Frame {
    name: String,
    title: String,
    samples: u64,
    x_samples: u64,
    x_pct: f64,
    w_pct: f64,
    y: f64,
    fill: String,
}

struct Svg {
    title: String,
    subtitle: String,
    total: u64,
    frames: Vec<Frame>,
    scripts: usize,
}

fn attr_pct(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).unwrap().trim_end_matches('%').parse().unwrap()
}

/// Parses with roxmltree (well-formedness, entities, XML characters) and
/// collects the frames.
fn parse_svg(text: &str) -> Svg {
    let opt = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, opt).expect("well-formed SVG");
    let by_id = |id: &str| doc.descendants().find(|n| n.attribute("id") == Some(id));
    let text_of = |id: &str| by_id(id).and_then(|n| n.text()).unwrap_or("").to_string();
    let frames_el = by_id("frames").expect("frames");
    let total: u64 = frames_el.attribute("total_samples").unwrap().parse().unwrap();
    let mut frames = Vec::new();
    for g in frames_el.children().filter(|n| n.is_element()) {
        let title = g.children().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap().to_string();
        let rect = g.children().find(|n| n.has_tag_name("rect")).unwrap();
        let ns = "http://github.com/jonhoo/inferno";
        let name = title.rsplit_once(" (").map(|(n, _)| n.to_string()).unwrap_or_default();
        frames.push(Frame {
            name,
            title,
            samples: rect.attribute((ns, "w")).unwrap().parse().unwrap(),
            x_samples: rect.attribute((ns, "x")).unwrap().parse().unwrap(),
            x_pct: attr_pct(&rect, "x"),
            w_pct: attr_pct(&rect, "width"),
            y: rect.attribute("y").unwrap().parse().unwrap(),
            fill: rect.attribute("fill").unwrap().to_string(),
        });
    }
    let scripts = doc.descendants().filter(|n| n.has_tag_name("script")).count();
    Svg { title: text_of("title"), subtitle: text_of("subtitle"), total, frames, scripts }
}

/// Every frame's width is its value's share of the total, and the `all`
/// frame is the total.
fn check_proportional(svg: &Svg) {
    assert!(svg.total > 0);
    let all = svg.frames.iter().find(|f| f.title.starts_with("all (")).expect("all frame");
    assert_eq!(all.samples, svg.total);
    for f in &svg.frames {
        let want = f.samples as f64 * 100.0 / svg.total as f64;
        assert!((f.w_pct - want).abs() < 1e-3, "{}: width {}% for {} of {}", f.title, f.w_pct, f.samples, svg.total);
        let want_x = f.x_samples as f64 * 100.0 / svg.total as f64;
        assert!((f.x_pct - want_x).abs() < 1e-3, "{}: x", f.title);
    }
}

/// Frame name → widths, computed from folded lines: each prefix's sum.
fn widths_from_folded(folded: &str) -> BTreeMap<(String, usize), Vec<u64>> {
    let mut sums: HashMap<Vec<String>, i64> = HashMap::new();
    for (stack, v) in parse_folded(folded) {
        for d in 1..=stack.len() {
            *sums.entry(stack[..d].to_vec()).or_default() += v;
        }
    }
    let mut out: BTreeMap<(String, usize), Vec<u64>> = BTreeMap::new();
    for (k, v) in sums {
        if v > 0 {
            out.entry((k.last().unwrap().clone(), k.len())).or_default().push(v as u64);
        }
    }
    out.values_mut().for_each(|v| v.sort());
    out
}

/// Frame name and depth → widths, from an SVG drawn root at the bottom.
fn widths_from_svg(svg: &Svg, icicle: bool) -> BTreeMap<(String, usize), Vec<u64>> {
    let all_y = svg.frames.iter().find(|f| f.title.starts_with("all (")).unwrap().y;
    let mut ys: Vec<f64> = svg.frames.iter().map(|f| f.y).collect();
    ys.sort_by(|a, b| a.partial_cmp(b).unwrap());
    ys.dedup();
    let step = ys.windows(2).map(|w| w[1] - w[0]).fold(f64::MAX, f64::min);
    let mut out: BTreeMap<(String, usize), Vec<u64>> = BTreeMap::new();
    for f in &svg.frames {
        if f.title.starts_with("all (") {
            continue;
        }
        let depth = (if icicle { f.y - all_y } else { all_y - f.y } / step).round() as usize;
        out.entry((f.name.clone(), depth)).or_default().push(f.samples);
    }
    out.values_mut().for_each(|v| v.sort());
    out
}

#[test]
fn svg_frames_match_the_folded_stacks() {
    let folded = flame(&["--folded", CPU]);
    let want = widths_from_folded(&folded);
    let total: i64 = parse_folded(&folded).iter().map(|(_, v)| v).sum();
    for icicle in [false, true] {
        let mut args = vec!["--min-width", "0", CPU];
        if icicle {
            args.insert(0, "--icicle");
        }
        let svg = parse_svg(&flame(&args));
        check_proportional(&svg);
        assert_eq!(svg.total as i64, total);
        assert_eq!(widths_from_svg(&svg, icicle), want, "icicle={icicle}");
        let all = svg.frames.iter().find(|f| f.title.starts_with("all (")).unwrap();
        let min_y = svg.frames.iter().map(|f| f.y).fold(f64::MAX, f64::min);
        assert_eq!(all.y == min_y, icicle, "root at the top only with --icicle");
    }
}

#[test]
fn svg_title_subtitle_and_units() {
    let svg = parse_svg(&flame(&[CPU]));
    assert_eq!(svg.title, "cpu: testdata/profiles/cpu.pb.gz, 2026-11-22 01:36:49 UTC");
    assert_eq!(svg.subtitle, "Total 2.84s, duration 2s");
    assert_eq!(svg.scripts, 1);
    check_proportional(&svg);
    // CPU time in whole milliseconds.
    let all = svg.frames.iter().find(|f| f.title.starts_with("all (")).unwrap();
    assert_eq!(all.title, "all (2,840 ms, 100%)");
    let w = svg.frames.iter().find(|f| f.name == "main.worker").unwrap();
    assert!(w.title.starts_with("main.worker (2,460 ms, 86.62%"), "{}", w.title);

    // Bytes as bytes, filters in the subtitle, --title.
    let svg = parse_svg(&flame(&["-i", "alloc_space", "--focus", "main", "--title", "allocs", HEAP2]));
    assert_eq!(svg.title, "allocs");
    assert!(svg.subtitle.starts_with("Showing "), "{}", svg.subtitle);
    assert!(svg.subtitle.contains("focus=main"), "{}", svg.subtitle);
    let all = svg.frames.iter().find(|f| f.title.starts_with("all (")).unwrap();
    assert!(all.title.contains(" bytes, 100%)"), "{}", all.title);
    check_proportional(&svg);

    // Counts by the sample type's name; lines granularity names frames func file:line.
    let svg = parse_svg(&flame(&["-i", "alloc_objects", "-g", "lines", HEAP2]));
    let all = svg.frames.iter().find(|f| f.title.starts_with("all (")).unwrap();
    assert!(all.title.contains(" alloc_objects, 100%)"), "{}", all.title);
    assert!(svg.frames.iter().any(|f| f.name.starts_with("main.") && f.name.contains(".go:")));
}

#[test]
fn svg_escapes_markup_and_controls() {
    let text = flame(&["--min-width", "0", "--title", "<script>alert(1)</script> & \u{1b}[31m", EVIL]);
    // No control character reaches the file (XML forbids most of them).
    assert!(!text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')));
    let svg = parse_svg(&text);
    assert_eq!(svg.scripts, 1, "only inferno's own script");
    assert_eq!(svg.title, "<script>alert(1)</script> & \u{FFFD}[31m");
    let names: Vec<&str> = svg.frames.iter().map(|f| f.name.as_str()).collect();
    for want in ["a&b\"c'd", "semi%3Bcolon%3Bframe", "new%0Aline", "red%1B[31mtext%1B[0m", "bad\u{FFFD}\u{FFFD}"] {
        assert!(names.contains(&want), "no frame {want:?} in {names:?}");
    }
    check_proportional(&svg);
    // The markup is text in the file, never elements.
    assert!(!text.contains("<script>alert"));
    assert!(text.contains("a&amp;b"));
}

#[test]
fn svg_colours_are_stable_per_package() {
    let a = parse_svg(&flame(&[CPU]));
    let b = parse_svg(&flame(&["-i", "alloc_space", HEAP2]));
    let colour = |svg: &Svg, pkg: &str| -> Vec<String> {
        let mut v: Vec<String> = svg
            .frames
            .iter()
            .filter(|f| f.name.starts_with(&format!("{pkg}.")) && !f.name[pkg.len() + 1..].contains('/'))
            .map(|f| f.fill.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let (ra, rb) = (colour(&a, "runtime"), colour(&b, "runtime"));
    assert_eq!(ra.len(), 1, "{ra:?}");
    assert_eq!(ra, rb, "runtime has one colour in every graph");
    let (ma, mb) = (colour(&a, "main"), colour(&b, "main"));
    assert_eq!(ma, mb);
    assert_ne!(ma, ra);
    // The same input gives the same bytes.
    assert_eq!(flame(&[CPU]), flame(&[CPU]));
    assert_eq!(flame(&["--colors", "hot", CPU]), flame(&["--colors", "hot", CPU]));
}

#[test]
fn differential_svg() {
    let text = flame(&["-i", "inuse_space", "--min-width", "0", "--base", HEAP1, HEAP2]);
    let svg = parse_svg(&text);
    assert!(
        svg.title.starts_with("inuse_space: testdata/profiles/heap-2.pb.gz vs base testdata/profiles/heap-1.pb.gz")
    );
    assert!(svg.subtitle.contains("red: grew since base, blue: shrank"), "{}", svg.subtitle);
    check_proportional(&svg);
    // The shape is the new profile's.
    let new = flame(&["--folded", "-i", "inuse_space", HEAP2]);
    let new_total: i64 = parse_folded(&new).iter().map(|(_, v)| v).sum();
    assert_eq!(svg.total as i64, new_total);
    assert_eq!(widths_from_svg(&svg, false), widths_from_folded(&new));
    // Some frames grew (red), some shrank (blue).
    let rgb = |f: &Frame| -> (u8, u8, u8) {
        let v: Vec<u8> =
            f.fill.trim_start_matches("rgb(").trim_end_matches(')').split(',').map(|x| x.parse().unwrap()).collect();
        (v[0], v[1], v[2])
    };
    assert!(svg.frames.iter().any(|f| {
        let (r, g, b) = rgb(f);
        r == 255 && g < 250 && g == b
    }));
    assert!(svg.frames.iter().any(|f| {
        let (r, g, b) = rgb(f);
        b == 255 && r < 250 && r == g
    }));
}

#[test]
fn min_width_merges_narrow_frames() {
    let full = parse_svg(&flame(&["--min-width", "0", CPU]));
    let pruned = parse_svg(&flame(&["--min-width", "50", CPU]));
    assert!(pruned.frames.len() < full.frames.len());
    assert_eq!(pruned.total, full.total);
    let min = full.total as f64 * 50.0 / 1200.0;
    // inferno leaves out what is narrower too; the total stays.
    for f in &pruned.frames {
        assert!(f.samples as f64 >= min, "{} narrower than 50 px", f.title);
    }
    check_proportional(&pruned);
}

#[test]
fn text_tree_fits_and_is_safe() {
    let out = flame(&["--text", "--width", "80", CPU]);
    for l in out.lines() {
        assert!(l.chars().count() <= 80, "too wide: {l:?}");
    }
    let tree: Vec<&str> = out.lines().skip_while(|l| !l.contains("callers above their callees")).skip(1).collect();
    assert!(tree[0].contains("86.6%") && tree[0].ends_with("main.worker"), "{}", tree[0]);
    assert!(tree[1].ends_with("└─runtime/pprof.Do"), "{}", tree[1]);
    // --min-percent prunes.
    let all = flame(&["--text", "--min-percent", "0", CPU]);
    assert!(all.lines().count() > out.lines().count());

    let evil = flame(&["--text", "--min-percent", "0", EVIL]);
    assert!(!evil.chars().any(|c| c.is_control() && c != '\n'), "control character on the terminal");
    assert!(evil.contains("semi;colon;frame"));
}

#[test]
fn usage_errors() {
    let out = pa(&["flame", "--colors", "nope", CPU]);
    assert!(!out.status.success());
    let out = pa(&["flame", "--folded", "--text", CPU]);
    assert!(!out.status.success());
    let out = pa(&["flame", "-i", "nosuchtype", CPU]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sample_index"));
}

#[test]
fn output_file() {
    let dir = std::env::temp_dir().join(format!("pa-flame-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cpu.svg");
    let out = pa(&["flame", "-o", path.to_str().unwrap(), CPU]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, flame(&[CPU]));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `-o` names a FIFO or a symlink (`-o >(gzip > x)`, `-o /dev/stdout`, a
/// link into a shared directory): the pipe gets the SVG and stays a pipe,
/// the link stays a link and its target gets the SVG.
#[cfg(unix)]
#[test]
fn output_into_a_fifo_and_through_a_symlink() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
    struct Dir(PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let dir = Dir(std::env::temp_dir().join(format!("pa-flame-special-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(dir.0.join("real")).unwrap();
    let want = flame(&[CPU]);

    let fifo = dir.0.join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo").success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = fifo.clone();
    // A pa that never opens the pipe fails the test after a while; the
    // blocked reader goes with the test process.
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read_to_string(&reader).unwrap());
    });
    let out = pa(&["flame", "-o", fifo.to_str().unwrap(), CPU]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("the reader got the SVG");
    assert!(got == want, "the SVG through the pipe differs");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");

    let target = dir.0.join("real/cpu.svg");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.0.join("cpu.svg");
    symlink("real/cpu.svg", &link).unwrap();
    let dangling = dir.0.join("new.svg");
    symlink("real/new.svg", &dangling).unwrap();
    for (l, t) in [(&link, &target), (&dangling, &dir.0.join("real/new.svg"))] {
        let out = pa(&["flame", "-o", l.to_str().unwrap(), CPU]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::symlink_metadata(l).unwrap().file_type().is_symlink(), "{} is still a symlink", l.display());
        assert!(std::fs::read_to_string(t).unwrap() == want, "{} has the SVG", t.display());
    }
    assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640, "mode kept");
    let mut names: Vec<String> =
        std::fs::read_dir(dir.0.join("real")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["cpu.svg", "new.svg"], "no temporary file left");
}

/// The big real profile from the shared conformance data, when present:
/// the default SVG stays small.
#[test]
fn large_profile_svg_is_small() {
    let large = root().join("../shared/conformance/pprof/large.cpu.pb.gz");
    if !large.exists() {
        eprintln!("skipped: no {}", large.display());
        return;
    }
    let text = flame(&[large.to_str().unwrap()]);
    assert!(text.len() < 5 << 20, "SVG of {} bytes", text.len());
    let svg = parse_svg(&text);
    check_proportional(&svg);
}
