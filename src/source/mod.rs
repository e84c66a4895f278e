//! Where bytes come from: a path, `-` for stdin, or (see `http`) a URL.
//! Every read is capped so that a wrong file or a runaway server cannot
//! exhaust a small pod's memory.

pub mod cli;
pub mod http;
pub mod url;

use std::io::Read;

use crate::decode::{self, DEFAULT_MAX_BYTES, Decoded};
use crate::error::{Error, Result};

/// How to fetch sources; the HTTP fields matter only for URLs.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Cap on the bytes read and on the inflated size of a gzip stream.
    pub max_bytes: u64,
    /// `seconds=N` for timed profiles (CPU, trace, delta profiles).
    pub seconds: Option<u64>,
    /// Overall timeout; None means pprof's rule (1.5x seconds, else 60 s, plus 5 s).
    pub timeout: Option<std::time::Duration>,
    /// Extra request headers, `Name: value`.
    pub headers: Vec<String>,
    /// No informational lines (`Fetching profile over HTTP from ...`).
    pub quiet: bool,
    /// The countdown/progress line: None means "when stderr is a terminal".
    pub progress: Option<bool>,
    /// Proxy settings; None means the environment (`HTTP_PROXY`, ...).
    pub proxy: Option<http::ProxyConfig>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            seconds: None,
            timeout: None,
            headers: Vec::new(),
            quiet: false,
            progress: None,
            proxy: None,
        }
    }
}

/// Reads all bytes of one source.
pub fn read(spec: &str, opts: &FetchOptions) -> Result<Vec<u8>> {
    if spec == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(opts.max_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| Error::input("-", format!("reading stdin: {e}")))?;
        check_cap("-", buf.len() as u64, opts.max_bytes)?;
        return Ok(buf);
    }
    match std::fs::metadata(spec) {
        Ok(meta) if meta.is_dir() => Err(Error::input(spec, "is a directory, not a profile")),
        Ok(meta) => {
            check_cap(spec, meta.len(), opts.max_bytes)?;
            std::fs::read(spec).map_err(|e| Error::input(spec, io_message(&e)))
        }
        // As in pprof, an existing file wins; otherwise a URL-looking spec
        // (`http://...`, `host:port/...`) is fetched.
        Err(_) if url::looks_like_url(spec) => http::read_url(spec, opts),
        Err(e) => Err(Error::input(spec, io_message(&e))),
    }
}

/// The name messages use for a source: URLs with their password redacted.
pub fn display_name(spec: &str, opts: &FetchOptions) -> String {
    if spec != "-"
        && std::fs::metadata(spec).is_err()
        && let Some(t) = url::parse_spec(spec, opts.seconds, opts.timeout)
    {
        return t.url.redacted();
    }
    spec.to_string()
}

fn check_cap(name: &str, len: u64, max: u64) -> Result<()> {
    if len > max {
        return Err(Error::input(
            name,
            format!(
                "input is larger than {} (--max-bytes); raise the limit with --max-bytes",
                decode::human_bytes(max)
            ),
        ));
    }
    Ok(())
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads and decodes one source.
pub fn load(spec: &str, opts: &FetchOptions) -> Result<Decoded> {
    let data = read(spec, opts)?;
    decode::decode(&display_name(spec, opts), &data, opts.max_bytes)
}
