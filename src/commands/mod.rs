//! One module per `pa` command; each is a short pipeline over the stages.

pub mod collect;
pub mod diff;
pub mod flame;
pub mod info;
pub mod pprof;
pub mod ticker;
pub mod top;
pub mod watch;

use crate::error::Error;

/// A write error on stdout becomes a plain error; a closed pipe is handled
/// in `main` (quiet exit 0).
pub fn io_error(e: std::io::Error) -> Error {
    Error::msg(format!("writing output: {e}"))
}

/// Writes `data` to `path` through a temporary file in the same directory
/// and a rename, so a failure never leaves a partial file behind.
pub fn write_file_atomic(path: &str, data: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let target = std::path::Path::new(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{}.pa-tmp-{}", name, std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::input(path, format!("cannot write: {e}")));
    }
    Ok(())
}

/// go tool pprof's single-dash flags (`-sample_index=x`, `-nodecount 5`)
/// given to a pa command other than `pa pprof`: a hint to the long form or
/// to `pa pprof`, instead of clap's generic error.
pub fn pprof_style_hint(args: &[String]) -> Option<String> {
    let sub = args.get(1)?;
    if sub == "pprof" || sub.starts_with('-') {
        return None;
    }
    for a in &args[2..] {
        if a == "--" {
            break;
        }
        let Some(body) = a.strip_prefix('-') else { continue };
        if body.starts_with('-') || body.len() < 2 {
            continue;
        }
        let name = body.split('=').next().unwrap_or(body);
        let long = name.replace('_', "-");
        let known_long = matches!(
            long.as_str(),
            "sample-index"
                | "nodecount"
                | "nodefraction"
                | "focus"
                | "ignore"
                | "hide"
                | "show"
                | "show-from"
                | "prune-from"
                | "tagfocus"
                | "tagignore"
                | "tagshow"
                | "taghide"
                | "unit"
                | "divide-by"
                | "mean"
                | "cum"
                | "noinlines"
                | "relative-percentages"
                | "trim-path"
                | "base"
                | "diff-base"
                | "normalize"
                | "all-frames"
                | "seconds"
                | "timeout"
        );
        let granularity = matches!(name, "functions" | "filefunctions" | "files" | "lines" | "addresses");
        let report = matches!(
            name,
            "top"
                | "text"
                | "traces"
                | "tree"
                | "peek"
                | "tags"
                | "raw"
                | "inuse_space"
                | "inuse_objects"
                | "alloc_space"
                | "alloc_objects"
        );
        if known_long || granularity || report {
            let instead = if granularity {
                format!("--granularity {name}")
            } else if matches!(name, "inuse_space" | "inuse_objects" | "alloc_space" | "alloc_objects") {
                format!("-i {name}")
            } else if known_long {
                match body.split_once('=') {
                    Some((_, v)) => format!("--{long} {v}"),
                    None => format!("--{long}"),
                }
            } else {
                format!("pa pprof -{name}")
            };
            return Some(format!(
                "{a} is a go tool pprof flag: use `{instead}` with pa {sub}, or `pa pprof` for go tool pprof's own flags"
            ));
        }
    }
    None
}
