//! Where the time goes: with `PA_TIMING=1` in the environment, pa prints
//! the time since its start at each step of the pipeline to stderr (the
//! benchmark's notes in bench/README.md come from these lines). Off, a
//! mark costs one load.

use std::sync::OnceLock;
use std::time::Instant;

fn start() -> Option<Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    *START.get_or_init(|| std::env::var_os("PA_TIMING").is_some_and(|v| v == "1").then(Instant::now))
}

/// Called once at startup, so that times count from there.
pub fn init() {
    let _ = start();
}

/// Prints `[seconds] what` when `PA_TIMING=1`.
pub fn mark(what: &str) {
    if let Some(t0) = start() {
        eprintln!("[{:9.5} s] {what}", t0.elapsed().as_secs_f64());
    }
}
