//! Merging several profiles with pprof's rules (pprof.md §3).
