//! The goroutine dump reader (debug=2 tracebacks, crash dumps in logs,
//! debug=1 text, debug=0 protobuf), then grouping and every rendering.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pa::goroutines::{forms, group, json, render};

struct Sink;

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(d) = forms::load("fuzz", data.to_vec(), 1 << 20) else {
        return;
    };
    let selected = group::filter(&d, &group::Filters::default());
    for (by, match_func, depth) in [
        ("stack", false, None),
        ("stack", true, Some(2)),
        ("user", false, None),
        ("creator", true, None),
        ("label:k", false, Some(1)),
    ] {
        let group_by = group::GroupBy::parse(by).expect("a known grouping");
        let o = group::Options { group_by, match_func, depth, filters: Default::default() };
        let mut groups = group::group(&d, &selected, &o);
        for by in ["count", "wait", "name"] {
            group::sort(&d, &mut groups, by);
        }
        let _ = json::write(&mut Sink, &d, &groups, &o, selected.len());
        let _ = render::raw(&mut Sink, &d, &groups);
        for oneline in [false, true] {
            let st =
                render::Style { color: true, width: 80, frames: 3, full: !oneline, oneline, ids: true, parents: true };
            let _ = render::text(&mut Sink, &d, &groups, groups.len(), &st);
        }
    }
});
