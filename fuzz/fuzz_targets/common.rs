//! What every profile target does once bytes became a profile: the steps
//! `pa top` and `pa pprof` run after decoding (names simplified,
//! drop_frames, filters, aggregation), every report and every rendering,
//! into a sink. Errors are fine; panics, hangs and runaway memory are not.

use std::io::Write;

use pa::driver::{self, Config, Sources};
use pa::profile::Profile;
use pa::render;
use pa::report::OutputFormat;

/// A writer that throws the bytes away but keeps `write` honest.
struct Sink(usize);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs the report pipeline over `p` in each output format.
pub fn exercise(p: Profile) {
    let _ = pa::profile::dump::to_string(&p);
    let Ok(p) = driver::finish_profiles(&Sources::default(), p, None) else {
        return;
    };
    let mut out = Sink(0);
    for format in [
        OutputFormat::Text,
        OutputFormat::Tree,
        OutputFormat::Traces,
        OutputFormat::Tags,
        OutputFormat::Raw,
        OutputFormat::Comments,
    ] {
        let cfg = Config { format, ..Config::default() };
        let Ok(mut rpt) = driver::build_report(p.clone(), cfg, &mut |_| {}) else {
            continue;
        };
        let _ = match format {
            OutputFormat::Text => render::pprof::text(&mut out, &mut rpt)
                .and_then(|_| render::table::top(&mut out, &mut rpt))
                .and_then(|_| render::table::top_json(&mut out, &mut rpt))
                .and_then(|_| render::table::top_csv(&mut out, &mut rpt)),
            OutputFormat::Tree => render::pprof::tree(&mut out, &mut rpt).map(|_| ()),
            OutputFormat::Traces => render::pprof::traces(&mut out, &rpt),
            OutputFormat::Tags => render::pprof::tags(&mut out, &rpt),
            OutputFormat::Raw => render::pprof::raw(&mut out, &rpt),
            OutputFormat::Comments => render::pprof::comments(&mut out, &rpt),
        };
    }
}
