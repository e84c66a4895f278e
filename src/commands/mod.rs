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
/// Called on a report's data once it is printed: the process ends next and
/// the OS takes its memory back at once, while freeing the millions of
/// pieces of a big profile one by one takes a tenth of a second or more
/// that nobody waits for.
pub fn leave_for_exit<T>(data: T) {
    std::mem::forget(data);
}

pub fn io_error(e: std::io::Error) -> Error {
    Error::msg(format!("writing output: {e}"))
}

/// `write_output` with the error naming `path`, for the commands that take
/// `-o` as a string.
pub fn write_file_atomic(path: &str, data: &[u8]) -> Result<(), Error> {
    write_output(std::path::Path::new(path), data).map_err(|e| Error::input(path, e))
}

/// Every file pa writes goes through here. A regular file (or a new one) is
/// written to a temporary file beside it and renamed over it, so a failure
/// or a reader never sees half a file. Anything else is written the way a
/// shell redirection would: renaming over `/dev/null`, `/dev/stdout`, a FIFO
/// or `/dev/fd/63` from `-o >(gzip > x)` would replace the device or pipe
/// with a plain file (and as root, which a user in a pod often is, that
/// succeeds), and renaming over a symlink would turn it into a file. The
/// error is one line for the caller to prefix with the path.
pub fn write_output(path: &std::path::Path, data: &[u8]) -> Result<(), String> {
    match placement(path)? {
        Placement::InPlace => write_in_place(path, data),
        Placement::Replace(real) => replace(&real, data),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Placement {
    /// Opened and written: not a regular file, or an open file seen through
    /// the kernel's `/proc/*/fd` links, whose text is no path to rename onto
    /// (`-o /dev/stdout` with stdout redirected to a file writes into the
    /// file the shell opened, not a new one renamed over its name).
    InPlace,
    /// Temporary file and rename, at the path with every symlink followed,
    /// so a symlink stays a symlink and its target gets the content.
    Replace(std::path::PathBuf),
}

/// Decided apart from writing so the tests can check the decision for
/// system paths such as `/dev/null` without writing anything to them.
fn placement(path: &std::path::Path) -> Result<Placement, String> {
    let existing = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err("is a directory".into()),
        Ok(m) if !m.is_file() => return Ok(Placement::InPlace),
        Ok(m) => Some(m),
        Err(_) => None,
    };
    let mut p = path.to_path_buf();
    // Linux's own limit on links followed in one lookup.
    for _ in 0..40 {
        if !std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
            // A link that names a file by a path that no longer leads to it
            // (deleted, in another mount namespace) is written through.
            return Ok(match existing {
                Some(m) if !same_file(&m, &p) => Placement::InPlace,
                _ => Placement::Replace(p),
            });
        }
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if std::fs::canonicalize(&dir).is_ok_and(|d| d.starts_with("/proc")) {
            return Ok(Placement::InPlace);
        }
        let link = std::fs::read_link(&p).map_err(|e| io_text(&e))?;
        p = dir.join(link);
    }
    Err("too many levels of symbolic links".into())
}

#[cfg(unix)]
fn same_file(m: &std::fs::Metadata, p: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).is_ok_and(|n| (n.dev(), n.ino()) == (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, p: &std::path::Path) -> bool {
    p.is_file()
}

fn write_in_place(path: &std::path::Path, data: &[u8]) -> Result<(), String> {
    use std::io::Write;
    // Truncating means something only for a regular file; a FIFO or a
    // device ignores it or refuses it.
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let mut f = std::fs::OpenOptions::new().write(true).truncate(regular).open(path).map_err(|e| io_text(&e))?;
    f.write_all(data).map_err(|e| io_text(&e))
}

fn replace(path: &std::path::Path, data: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let base =
        path.file_name().map(|s| s.to_string_lossy().into_owned()).ok_or_else(|| "not a file name".to_string())?;
    let (tmp, mut f) = (0..1000)
        .find_map(|i| {
            let tmp = dir.join(format!(".{base}.{}.{i}.tmp", std::process::id()));
            std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).ok().map(|f| (tmp, f))
        })
        .ok_or_else(|| match std::fs::metadata(&dir) {
            Err(e) => format!("directory {}: {}", dir.display(), io_text(&e)),
            Ok(_) => format!("cannot create a temporary file in {}", dir.display()),
        })?;
    if let Ok(old) = std::fs::metadata(path) {
        keep_owner_and_mode(&f, &old);
    }
    let result = f.write_all(data).and_then(|_| f.sync_all()).and_then(|_| {
        drop(f);
        std::fs::rename(&tmp, path)
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_text(&e));
    }
    Ok(())
}

/// Overwriting a file keeps who may read it: a 0600 profile stays private,
/// and a file root rewrites in a user's directory stays that user's. Best
/// effort (only root can give a file away); the set-id bits are not carried
/// over to new content.
#[cfg(unix)]
fn keep_owner_and_mode(f: &std::fs::File, old: &std::fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if f.metadata().is_ok_and(|new| (new.uid(), new.gid()) != (old.uid(), old.gid())) {
        let _ = std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid()));
    }
    let _ = f.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o777));
}

#[cfg(not(unix))]
fn keep_owner_and_mode(f: &std::fs::File, old: &std::fs::Metadata) {
    let _ = f.set_permissions(old.permissions());
}

fn io_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
    use std::path::{Path, PathBuf};
    use std::sync::mpsc;
    use std::time::Duration;

    /// A directory of its own, removed even when the test fails.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let d = std::env::temp_dir().join(format!("pa-write-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&d);
            std::fs::create_dir_all(&d).unwrap();
            Scratch(d)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        v.sort();
        v
    }

    fn mkfifo(p: &Path) {
        let st = std::process::Command::new("mkfifo").arg(p).status().expect("run mkfifo");
        assert!(st.success());
    }

    /// Reads the FIFO to its end in a thread; a writer that never opens it
    /// fails the test after a while instead of hanging it (the blocked
    /// thread goes with the test process).
    fn read_fifo(p: &Path) -> mpsc::Receiver<Vec<u8>> {
        let (tx, rx) = mpsc::channel();
        let p = p.to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(std::fs::read(&p).unwrap());
        });
        rx
    }

    fn is_fifo(p: &Path) -> bool {
        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_fifo())
    }

    fn is_link(p: &Path) -> bool {
        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
    }

    #[test]
    fn a_fifo_and_a_symlink_to_it_are_written_into_not_replaced() {
        let s = Scratch::new("fifo");
        let fifo = s.0.join("pipe");
        mkfifo(&fifo);
        let link = s.0.join("link");
        symlink("pipe", &link).unwrap();
        for (path, data) in [(&fifo, &b"through the fifo"[..]), (&link, &b"through the link"[..])] {
            assert_eq!(placement(path).unwrap(), Placement::InPlace);
            let got = read_fifo(&fifo);
            write_output(path, data).unwrap();
            assert_eq!(got.recv_timeout(Duration::from_secs(20)).expect("the reader got EOF"), data);
        }
        assert!(is_fifo(&fifo) && is_link(&link));
        assert_eq!(names(&s.0), ["link", "pipe"]);
    }

    #[test]
    fn a_symlink_stays_a_symlink_and_its_target_gets_the_content() {
        let s = Scratch::new("link");
        std::fs::create_dir(s.0.join("real")).unwrap();
        let target = s.0.join("real/out.svg");
        std::fs::write(&target, "old, and longer than the new content").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        // A chain of relative links, one of them through another directory.
        symlink("real/out.svg", s.0.join("hop")).unwrap();
        symlink("hop", s.0.join("out.svg")).unwrap();
        write_output(&s.0.join("out.svg"), b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert!(is_link(&s.0.join("out.svg")) && is_link(&s.0.join("hop")));
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the file's mode is kept");
        assert_eq!(names(&s.0), ["hop", "out.svg", "real"]);
        assert_eq!(names(&s.0.join("real")), ["out.svg"], "no temporary file left");
    }

    #[test]
    fn a_dangling_symlink_creates_its_target() {
        let s = Scratch::new("dangling");
        std::fs::create_dir(s.0.join("real")).unwrap();
        symlink(s.0.join("real/new.pb.gz"), s.0.join("new.pb.gz")).unwrap();
        write_output(&s.0.join("new.pb.gz"), b"bytes").unwrap();
        assert!(is_link(&s.0.join("new.pb.gz")));
        assert_eq!(std::fs::read(s.0.join("real/new.pb.gz")).unwrap(), b"bytes");
        // Into a directory that does not exist: an error, nothing made.
        symlink("gone/x", s.0.join("nowhere")).unwrap();
        let e = write_output(&s.0.join("nowhere"), b"bytes").unwrap_err();
        assert!(e.contains("no such file or directory"), "{e}");
        assert!(is_link(&s.0.join("nowhere")));
    }

    #[test]
    fn directories_and_link_loops_are_errors() {
        let s = Scratch::new("errors");
        symlink(".", s.0.join("here")).unwrap();
        symlink("loop", s.0.join("loop")).unwrap();
        assert_eq!(write_output(&s.0, b"x").unwrap_err(), "is a directory");
        assert_eq!(write_output(&s.0.join("here"), b"x").unwrap_err(), "is a directory");
        assert_eq!(write_output(&s.0.join("loop"), b"x").unwrap_err(), "too many levels of symbolic links");
        assert!(is_link(&s.0.join("here")) && is_link(&s.0.join("loop")));
        assert_eq!(names(&s.0), ["here", "loop"]);
    }

    #[test]
    fn a_new_or_plain_file_is_replaced_whole() {
        let s = Scratch::new("plain");
        let p = s.0.join("out.txt");
        write_output(&p, b"first, longer").unwrap();
        assert_eq!(placement(&p).unwrap(), Placement::Replace(p.clone()));
        write_output(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(names(&s.0), ["out.txt"]);
    }

    /// `-o /dev/stdout` with stdout redirected to a file: the open file
    /// gets the bytes, as the shell's own writes around pa would.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_seen_through_proc_fd_is_written_into() {
        use std::os::fd::AsRawFd;
        let s = Scratch::new("procfd");
        let p = s.0.join("stdout.txt");
        std::fs::write(&p, "old, and longer than the new content").unwrap();
        let open = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
        let fd_path = PathBuf::from(format!("/proc/self/fd/{}", open.as_raw_fd()));
        assert_eq!(placement(&fd_path).unwrap(), Placement::InPlace);
        write_output(&fd_path, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(names(&s.0), ["stdout.txt"]);
    }

    /// The decision is checked before anything is written, so a regression
    /// fails here instead of replacing the device.
    #[test]
    fn dev_null_stays_a_device() {
        let null = Path::new("/dev/null");
        let is_char = || std::fs::symlink_metadata(null).is_ok_and(|m| m.file_type().is_char_device());
        if !is_char() {
            eprintln!("skipped: /dev/null is not a character device here");
            return;
        }
        assert_eq!(placement(null).unwrap(), Placement::InPlace);
        write_output(null, b"discarded").unwrap();
        assert!(is_char(), "/dev/null is still a character device");
    }
}
