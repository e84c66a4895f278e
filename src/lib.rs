//! pa: the pprof analyzer for locked-down containers.
//!
//! Data flows one way, one module per stage:
//! `source` (bytes from a file, stdin or a URL) → `decode` (gunzip, sniff,
//! protobuf and legacy text) → `profile` (the model, merge, scale) →
//! `transform` (filters, drop/keep frames, granularity) → `report` (graphs,
//! trimming, sorting, totals) → `render` (pprof-exact text, terminal tables,
//! JSON/CSV, SVG). `cli` and `commands` glue them together; `main.rs` only
//! dispatches.

pub mod commands;
pub mod decode;
pub mod driver;
pub mod error;
pub mod fxhash;
pub mod gofmt;
pub mod goregex;
pub mod goroutines;
pub mod gotime;
pub mod intern;
pub mod measurement;
pub mod parallel;
pub mod profile;
pub mod render;
pub mod report;
pub mod source;
pub mod tabwriter;
pub mod timing;
pub mod transform;
