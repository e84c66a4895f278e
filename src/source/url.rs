//! Source specs that name a URL: `http://`, `https://`, pprof's
//! `https+insecure://`, and bare `host:port[/path]` (plain HTTP), with
//! pprof's `adjustURL` rules (pprof.md §5): an empty path or `/` means the
//! CPU profile, `--seconds N` sets `seconds=N` on the query (which is then
//! re-encoded sorted by key), and a `seconds=` already in the URL sets the
//! duration when `--seconds` is not given.

use std::fmt;
use std::time::Duration;

/// pprof's default handler: `pa top host:6060` means a CPU profile.
pub const CPU_PROFILE_PATH: &str = "/debug/pprof/profile";

/// What the Go server does when a CPU profile is asked for without `seconds`.
pub const SERVER_DEFAULT_CPU_SECONDS: u64 = 30;

/// A parsed `http`/`https` URL. Only what a GET needs; the fragment is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http`, `https` or `https+insecure` (kept for display).
    pub scheme: String,
    /// Percent-decoded user name and password, for Basic auth.
    pub user: Option<(String, Option<String>)>,
    /// Host name or IP address; IPv6 without brackets.
    pub host: String,
    /// The port as written, if any.
    pub port: Option<u16>,
    /// The path as written (percent-encoding kept); empty means `/`.
    pub path: String,
    /// The raw query without `?`; empty when there is none.
    pub query: String,
}

impl Url {
    /// `https` for `https+insecure`, so the transport knows what to speak.
    pub fn transport_scheme(&self) -> &str {
        if self.scheme == "https+insecure" { "https" } else { &self.scheme }
    }

    pub fn is_https(&self) -> bool {
        self.transport_scheme() == "https"
    }

    /// pprof's `https+insecure://`: TLS without certificate verification.
    pub fn insecure(&self) -> bool {
        self.scheme == "https+insecure"
    }

    pub fn port_or_default(&self) -> u16 {
        self.port.unwrap_or(if self.is_https() { 443 } else { 80 })
    }

    /// `host` or `host:port` as the Host header wants it.
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        match self.port {
            Some(p) => format!("{host}:{p}"),
            None => host,
        }
    }

    /// `host:port` with the port always present (for messages and CONNECT).
    pub fn host_port(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("{host}:{}", self.port_or_default())
    }

    /// The request target of an origin-form request line: path and query,
    /// with bytes that may not appear there percent-encoded.
    pub fn request_target(&self) -> String {
        let mut t = String::new();
        if !self.path.starts_with('/') {
            t.push('/');
        }
        t.push_str(&escape_loose(&self.path));
        if !self.query.is_empty() {
            t.push('?');
            t.push_str(&escape_loose(&self.query));
        }
        t
    }

    /// The URL as sent on the wire (no `https+insecure`, no user info), used
    /// as the absolute-form target through a forward proxy and for ureq.
    pub fn wire(&self) -> String {
        format!("{}://{}{}", self.transport_scheme(), self.authority(), self.request_target())
    }

    /// The URL with any password replaced by `xxxxx`, as Go's `Redacted`;
    /// this is what messages show.
    pub fn redacted(&self) -> String {
        self.render(true)
    }

    /// The query value of `key`, decoded.
    pub fn query_get(&self, key: &str) -> Option<String> {
        parse_query(&self.query).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key=value`, replacing every earlier value, and re-encodes the
    /// query sorted by key as Go's `url.Values.Encode` does.
    pub fn query_set(&mut self, key: &str, value: &str) {
        let mut q = parse_query(&self.query);
        q.retain(|(k, _)| k != key);
        q.push((key.to_string(), value.to_string()));
        self.query = encode_query(q);
    }

    /// Resolves a redirect's `Location` against this URL.
    pub fn join(&self, location: &str) -> Option<Url> {
        let loc = location.trim();
        if loc.contains("://") {
            let mut u = Url::parse(loc)?;
            if u.scheme == "https" && self.insecure() && u.host == self.host {
                // Stay insecure on the same host, as Go's client keeps its transport.
                u.scheme = "https+insecure".into();
            }
            return Some(u);
        }
        if let Some(rest) = loc.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.transport_scheme())).map(|mut u| {
                if self.insecure() {
                    u.scheme = self.scheme.clone();
                }
                u
            });
        }
        let mut u = self.clone();
        u.user = None;
        let (path_part, query) = match loc.split_once('?') {
            Some((p, q)) => (p, q.split('#').next().unwrap_or("").to_string()),
            None => (loc.split('#').next().unwrap_or(""), String::new()),
        };
        if path_part.is_empty() {
            if loc.starts_with('?') {
                u.query = query;
            }
            return Some(u);
        }
        u.query = query;
        if path_part.starts_with('/') {
            u.path = path_part.to_string();
        } else {
            let base = match self.path.rfind('/') {
                Some(i) => &self.path[..=i],
                None => "/",
            };
            u.path = remove_dot_segments(&format!("{base}{path_part}"));
        }
        Some(u)
    }

    /// Parses `scheme://[user[:password]@]host[:port][/path][?query][#frag]`
    /// for the schemes pa fetches. None when it is not such a URL.
    pub fn parse(s: &str) -> Option<Url> {
        let (scheme, rest) = s.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if !matches!(scheme.as_str(), "http" | "https" | "https+insecure") {
            return None;
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let (user, hostport) = match authority.rfind('@') {
            Some(i) => {
                let ui = &authority[..i];
                let user = match ui.split_once(':') {
                    Some((u, p)) => (percent_decode(u, false), Some(percent_decode(p, false))),
                    None => (percent_decode(ui, false), None),
                };
                (Some(user), &authority[i + 1..])
            }
            None => (None, authority),
        };
        let (host, port) = split_host_port(hostport)?;
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let tail = tail.split('#').next().unwrap_or("");
        let (path, query) = match tail.split_once('?') {
            Some((p, q)) => (p.to_string(), q.to_string()),
            None => (tail.to_string(), String::new()),
        };
        Some(Url { scheme, user, host, port, path, query })
    }

    fn render(&self, redact: bool) -> String {
        let mut s = format!("{}://", self.scheme);
        if let Some((u, p)) = &self.user {
            s.push_str(&percent_encode_component(u));
            if let Some(p) = p {
                s.push(':');
                if redact {
                    s.push_str("xxxxx");
                } else {
                    s.push_str(&percent_encode_component(p));
                }
            }
            s.push('@');
        }
        s.push_str(&self.authority());
        s.push_str(&self.path);
        if !self.query.is_empty() {
            s.push('?');
            s.push_str(&self.query);
        }
        s
    }
}

impl fmt::Display for Url {
    /// The redacted form: a password never reaches a message or a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// A source spec turned into a request, with pprof's duration and timeout.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: Url,
    /// The profile duration: `--seconds`, else `seconds=` in the URL.
    pub duration: Option<Duration>,
    /// The whole-request deadline: the timeout by pprof's rule plus 5 s.
    pub deadline: Duration,
}

/// Is this spec a URL rather than a path? Explicit `http`, `https` and
/// `https+insecure` schemes, and `host:port[/...]` with a numeric port.
/// Any other `scheme://` is reported by `parse_spec` as unsupported.
pub fn looks_like_url(spec: &str) -> bool {
    if spec.contains("://") {
        return true;
    }
    parse_bare(spec).is_some()
}

/// A URL spec as written, without pprof's adjustments (for `pa list`).
pub fn parse_url_spec(spec: &str) -> Option<Url> {
    if spec.contains("://") { Url::parse(spec) } else { parse_bare(spec) }
}

/// `host:port[/path][?query]`: no scheme means plain HTTP, as in pprof.
fn parse_bare(spec: &str) -> Option<Url> {
    let end = spec.find(['/', '?', '#']).unwrap_or(spec.len());
    let authority = &spec[..end];
    // A port is required, so that `cpu.pb.gz` or `dir/file` stays a path.
    let (host, port) = split_host_port(authority)?;
    port?;
    if host.is_empty() || authority.contains('@') {
        return None;
    }
    Url::parse(&format!("http://{spec}"))
}

/// Splits `host[:port]`, `[v6][:port]`; None when the port is not a number.
fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some("") => None,
            Some(p) => Some(parse_port(p)?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((h.to_string(), port));
    }
    match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => {
            let port = if p.is_empty() { None } else { Some(parse_port(p)?) };
            Some((h.to_ascii_lowercase(), port))
        }
        Some(_) => None,
        None => Some((s.to_ascii_lowercase(), None)),
    }
}

fn parse_port(p: &str) -> Option<u16> {
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

/// The error text for a spec that has `scheme://` but no scheme pa speaks.
pub fn unsupported_scheme(spec: &str) -> Option<String> {
    let (scheme, _) = spec.split_once("://")?;
    let lower = scheme.to_ascii_lowercase();
    if matches!(lower.as_str(), "http" | "https" | "https+insecure") {
        return Some("not a valid URL: no host".into());
    }
    Some(format!("unsupported URL scheme {scheme:?}: pa fetches http://, https://, https+insecure:// and host:port"))
}

/// pprof's `adjustURL` (+ Go's cmd/pprof default path): the URL to fetch,
/// its duration and the deadline. None when `spec` is no URL.
pub fn parse_spec(spec: &str, seconds: Option<u64>, timeout: Option<Duration>) -> Option<Target> {
    let mut url = parse_url_spec(spec)?;
    if url.path.is_empty() || url.path == "/" {
        url.path = CPU_PROFILE_PATH.to_string();
    }
    let mut duration = None;
    match seconds {
        Some(n) if n > 0 => {
            url.query_set("seconds", &n.to_string());
            duration = Some(Duration::from_secs(n));
        }
        _ => {
            if let Some(v) = url.query_get("seconds")
                && let Ok(n) = v.trim().parse::<i32>()
                && n > 0
            {
                duration = Some(Duration::from_secs(n as u64));
            }
            if !url.query.is_empty() {
                url.query = encode_query(parse_query(&url.query));
            }
        }
    }
    Some(Target { deadline: deadline(duration, timeout), url, duration })
}

/// pprof's timeout rule: `--timeout` if given, else 1.5x the duration, else
/// 60 s; plus 5 s of slack for the transfer.
pub fn deadline(duration: Option<Duration>, timeout: Option<Duration>) -> Duration {
    let t = match timeout {
        Some(t) if !t.is_zero() => t,
        _ => match duration {
            Some(d) if !d.is_zero() => d + d / 2,
            _ => Duration::from_secs(60),
        },
    };
    t + Duration::from_secs(5)
}

/// Splits a query into decoded pairs, in order (`+` is a space).
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split(['&', ';'])
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

/// Go's `url.Values.Encode`: sorted by key (stable for repeated keys),
/// `QueryEscape`d.
pub fn encode_query(mut q: Vec<(String, String)>) -> String {
    q.sort_by(|a, b| a.0.cmp(&b.0));
    q.iter().map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v))).collect::<Vec<_>>().join("&")
}

fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn percent_encode_component(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Escapes only what may never appear raw in a request target (spaces,
/// controls, non-ASCII, `#`), leaving existing escapes alone.
fn escape_loose(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        if b <= 0x20 || b >= 0x7f || b == b'#' || b == b'"' || b == b'<' || b == b'>' {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if i + 1 == segs.len() {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i + 1 == segs.len() {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') { joined } else { format!("/{joined}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjust(spec: &str, secs: Option<u64>) -> String {
        parse_spec(spec, secs, None).unwrap().url.redacted()
    }

    #[test]
    fn bare_host_port_means_cpu_profile() {
        assert_eq!(adjust("localhost:6060", None), "http://localhost:6060/debug/pprof/profile");
        assert_eq!(adjust("localhost:6060/", None), "http://localhost:6060/debug/pprof/profile");
        assert_eq!(adjust("localhost:6060/debug/pprof/heap", None), "http://localhost:6060/debug/pprof/heap");
        assert_eq!(adjust("[::1]:6060/debug/pprof/heap", None), "http://[::1]:6060/debug/pprof/heap");
    }

    #[test]
    fn paths_stay_paths() {
        for s in ["cpu.pb.gz", "dir/cpu.pb.gz", "mem_2023-11-02_03:55:24", "abc:123x/file", "-", "/abs/path"] {
            assert!(!looks_like_url(s), "{s}");
        }
        assert!(looks_like_url("svc:8080"));
        assert!(looks_like_url("ftp://x"));
        assert!(parse_spec("ftp://x", None, None).is_none());
        assert!(unsupported_scheme("ftp://x").unwrap().contains("unsupported"));
    }

    #[test]
    fn seconds_set_and_query_sorted() {
        assert_eq!(
            adjust("http://h:1/debug/pprof/profile?seconds=5&b=2&a=1", Some(30)),
            "http://h:1/debug/pprof/profile?a=1&b=2&seconds=30"
        );
        let t = parse_spec("h:1/debug/pprof/profile?seconds=7", None, None).unwrap();
        assert_eq!(t.duration, Some(Duration::from_secs(7)));
        assert_eq!(t.deadline, Duration::from_millis(15_500));
        let t = parse_spec("h:1/x", None, None).unwrap();
        assert_eq!(t.deadline, Duration::from_secs(65));
        let t = parse_spec("h:1/x", Some(10), Some(Duration::from_secs(2))).unwrap();
        assert_eq!(t.deadline, Duration::from_secs(7));
    }

    #[test]
    fn userinfo_is_redacted_and_decoded() {
        let t = parse_spec("https://bob:s%40cret@h:8443/debug/pprof/heap", None, None).unwrap();
        assert_eq!(t.url.user, Some(("bob".to_string(), Some("s@cret".to_string()))));
        assert_eq!(t.url.redacted(), "https://bob:xxxxx@h:8443/debug/pprof/heap");
        assert_eq!(t.url.wire(), "https://h:8443/debug/pprof/heap");
    }

    #[test]
    fn insecure_scheme() {
        let t = parse_spec("https+insecure://h/debug/pprof/heap", None, None).unwrap();
        assert!(t.url.insecure());
        assert_eq!(t.url.port_or_default(), 443);
        assert_eq!(t.url.wire(), "https://h/debug/pprof/heap");
    }

    #[test]
    fn redirect_join() {
        let u = Url::parse("http://h:1/debug/pprof/heap?x=1").unwrap();
        assert_eq!(u.join("/a/b").unwrap().redacted(), "http://h:1/a/b");
        assert_eq!(u.join("other?q=2").unwrap().redacted(), "http://h:1/debug/pprof/other?q=2");
        assert_eq!(u.join("../x").unwrap().redacted(), "http://h:1/debug/x");
        assert_eq!(u.join("//g:2/p").unwrap().redacted(), "http://g:2/p");
        assert_eq!(u.join("https://g/p").unwrap().redacted(), "https://g/p");
    }
}
