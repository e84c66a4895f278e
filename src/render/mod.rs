//! Rendering: reports to bytes. `pprof` prints go tool pprof's text
//! layouts byte for byte; the other modules are pa's own views.

pub mod diff;
pub mod flame;
pub mod pprof;
pub mod table;
pub mod terminal;
pub mod watch;
