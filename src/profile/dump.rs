//! pprof's `Profile.String()` layout (used by `-raw` and `pa info --dump`).
