//! Source specs and URLs: pprof's URL rules (`host:port/path`, schemes,
//! `seconds=`), joining redirects, queries, percent-coding, and the size and
//! duration flags that come with them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pa::source::url::{self, Url};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // A second string after the first NUL: a redirect target.
    let (spec, other) = s.split_once('\0').unwrap_or((s, "/"));
    let _ = url::looks_like_url(spec);
    let _ = url::unsupported_scheme(spec);
    let _ = url::parse_url_spec(spec);
    let _ = url::parse_query(spec);
    let _ = url::percent_decode(spec, true);
    let _ = url::percent_encode_component(spec);
    let _ = pa::source::cli::parse_size(spec);
    let _ = pa::source::cli::parse_duration(spec);
    let _ = pa::goroutines::parse_duration(spec);
    let _ = pa::goroutines::expand_url(spec);
    for seconds in [None, Some(30)] {
        if let Some(t) = url::parse_spec(spec, seconds, None) {
            let _ = (t.url.redacted(), t.url.wire(), t.url.request_target(), t.url.host_port());
        }
    }
    if let Some(mut u) = Url::parse(spec) {
        let _ = (u.redacted(), u.wire(), u.request_target(), u.authority(), u.port_or_default());
        let _ = u.query_get("seconds");
        u.query_set("seconds", other);
        let _ = u.wire();
        if let Some(j) = u.join(other) {
            let _ = (j.wire(), j.redacted());
        }
    }
});
