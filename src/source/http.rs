//! Fetching profiles over HTTP, as `go tool pprof` does (pprof.md §5).
//!
//! Plain `http://` is spoken here over a `TcpStream` (HTTP/1.1, one request
//! per connection): that keeps full control of name resolution, deadlines,
//! chunked bodies and forward proxies. ureq 3 would tunnel an `http://`
//! request through a proxy with CONNECT, which plain forward proxies refuse;
//! here the request goes to the proxy in absolute form, as Go and curl do.
//! `https://` (cargo feature `https`) goes through ureq with rustls; an
//! https request through a proxy is a CONNECT tunnel, which is right for TLS.
//!
//! Rules kept from Go: `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (upper case
//! first, then lower case) are chosen by the URL's scheme, and `localhost`
//! and loopback addresses are never proxied; at most 10 redirects; a
//! non-200 status is an error naming the status and the first line of the
//! server's text. Names are resolved without the C library where possible
//! (IP literals, `localhost`, `/etc/hosts`) so a static binary works in a
//! container with no resolver libraries.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::FetchOptions;
use super::url::{self, Target, Url};
use crate::decode;
use crate::error::{Error, Result};

/// Go's `http.Client` stops after 10 redirects.
pub const MAX_REDIRECTS: usize = 10;

/// Cap on a response head (status line and headers).
const MAX_HEAD_BYTES: u64 = 64 << 10;

/// How much of an error body is read to explain a failure.
const ERROR_BODY_BYTES: u64 = 8 << 10;

const USER_AGENT: &str = concat!("pa/", env!("CARGO_PKG_VERSION"));

// ---------------------------------------------------------------------------
// Where informational output goes.

/// Where informational lines and the live progress line go: stderr by
/// default, any writer in tests. Nothing here ever goes to stdout.
#[derive(Clone)]
pub struct Ui {
    /// Print `Fetching profile over HTTP from URL` and similar lines.
    pub info: bool,
    /// Draw the countdown/progress line (only sensible on a terminal).
    pub progress: bool,
    sink: Arc<Mutex<Box<dyn Write + Send>>>,
}

impl std::fmt::Debug for Ui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ui").field("info", &self.info).field("progress", &self.progress).finish()
    }
}

impl Ui {
    pub fn new(info: bool, progress: bool, sink: Box<dyn Write + Send>) -> Ui {
        Ui { info, progress, sink: Arc::new(Mutex::new(sink)) }
    }

    /// stderr; the progress line only when stderr is a terminal (unless
    /// `FetchOptions::progress` says otherwise).
    pub fn stderr(opts: &FetchOptions) -> Ui {
        let progress = opts.progress.unwrap_or_else(|| io::stderr().is_terminal()) && !opts.quiet;
        Ui::new(!opts.quiet, progress, stderr_sink())
    }

    /// One informational line.
    pub fn info(&self, line: &str) {
        if self.info {
            self.write(&format!("{line}\n"));
        }
    }

    fn write(&self, s: &str) {
        if let Ok(mut w) = self.sink.lock() {
            let _ = w.write_all(s.as_bytes());
            let _ = w.flush();
        }
    }
}

/// A writer on file descriptor 2 that does not go through `std::io::Stderr`'s
/// lock: a caller may hold `stderr().lock()` for a whole command, and the
/// progress thread must still be able to draw (and finish) meanwhile.
fn stderr_sink() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stderr().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stderr())
}

// ---------------------------------------------------------------------------
// Proxies, with Go's `ProxyFromEnvironment` rules.

/// An `http://` forward proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub host: String,
    pub port: u16,
    pub user: Option<(String, Option<String>)>,
}

impl Proxy {
    /// Parses a proxy variable's value; like Go, a value without a scheme
    /// means `http://`. Only `http://` proxies are supported.
    pub fn parse(value: &str) -> std::result::Result<Proxy, String> {
        let v = value.trim();
        let with_scheme = if v.contains("://") { v.to_string() } else { format!("http://{v}") };
        let scheme = with_scheme.split("://").next().unwrap_or("");
        if !scheme.eq_ignore_ascii_case("http") {
            return Err(format!("proxy {v:?}: scheme {scheme:?} is not supported (pa speaks to http:// proxies)"));
        }
        let u = Url::parse(&with_scheme).ok_or_else(|| format!("proxy {v:?} is not a valid URL"))?;
        Ok(Proxy { port: u.port.unwrap_or(80), host: u.host, user: u.user })
    }

    fn url(&self) -> Url {
        Url {
            scheme: "http".into(),
            user: self.user.clone(),
            host: self.host.clone(),
            port: Some(self.port),
            path: String::new(),
            query: String::new(),
        }
    }

    /// `http://host:port` (redacted) for messages.
    pub fn display(&self) -> String {
        self.url().redacted()
    }

    fn authorization(&self) -> Option<String> {
        self.user.as_ref().map(|(u, p)| basic_auth(u, p.as_deref()))
    }
}

/// The proxy settings: `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    pub http_proxy: String,
    pub https_proxy: String,
    pub no_proxy: String,
}

impl ProxyConfig {
    /// Reads the environment: upper case first, then lower case, as Go does.
    pub fn from_env() -> ProxyConfig {
        fn any(names: [&str; 2]) -> String {
            names.iter().filter_map(|n| std::env::var(n).ok()).find(|v| !v.is_empty()).unwrap_or_default()
        }
        ProxyConfig {
            http_proxy: any(["HTTP_PROXY", "http_proxy"]),
            https_proxy: any(["HTTPS_PROXY", "https_proxy"]),
            no_proxy: any(["NO_PROXY", "no_proxy"]),
        }
    }

    /// The proxy for `url`, or None to go direct. Loopback never goes
    /// through a proxy; `NO_PROXY` matches as in Go (`*`, CIDR, IP with an
    /// optional port, domain with an optional leading `.` or `*.`).
    pub fn proxy_for(&self, url: &Url) -> std::result::Result<Option<Proxy>, String> {
        let value = if url.is_https() { &self.https_proxy } else { &self.http_proxy };
        if value.trim().is_empty() {
            return Ok(None);
        }
        if !self.use_proxy(&url.host, url.port_or_default()) {
            return Ok(None);
        }
        Proxy::parse(value).map(Some)
    }

    fn use_proxy(&self, host: &str, port: u16) -> bool {
        let host = host.trim().to_ascii_lowercase();
        if host == "localhost" {
            return false;
        }
        let ip = host.parse::<IpAddr>().ok();
        if ip.is_some_and(|ip| ip.is_loopback()) {
            return false;
        }
        let port = port.to_string();
        for entry in self.no_proxy.split(',') {
            let p = entry.trim().to_ascii_lowercase();
            if p.is_empty() {
                continue;
            }
            if p == "*" {
                return false;
            }
            if let Some((net, bits)) = p.split_once('/')
                && let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u8>())
            {
                if ip.is_some_and(|ip| cidr_contains(net, bits, ip)) {
                    return false;
                }
                continue;
            }
            let (phost, pport) = split_no_proxy_entry(&p);
            if let Ok(pip) = phost.parse::<IpAddr>() {
                if ip == Some(pip) && (pport.is_empty() || pport == port) {
                    return false;
                }
                continue;
            }
            if ip.is_some() || phost.is_empty() {
                continue;
            }
            let phost = phost.strip_prefix('*').unwrap_or(phost);
            let (suffix, match_host) =
                if phost.starts_with('.') { (phost.to_string(), false) } else { (format!(".{phost}"), true) };
            if (host.ends_with(&suffix) || (match_host && host == suffix[1..])) && (pport.is_empty() || pport == port) {
                return false;
            }
        }
        true
    }
}

fn split_no_proxy_entry(p: &str) -> (&str, &str) {
    if let Some(rest) = p.strip_prefix('[')
        && let Some((h, after)) = rest.split_once(']')
    {
        return (h, after.strip_prefix(':').unwrap_or(""));
    }
    match p.rsplit_once(':') {
        Some((h, port)) if !h.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => (h, port),
        _ => (p, ""),
    }
}

fn cidr_contains(net: IpAddr, bits: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) if bits <= 32 => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) if bits <= 128 => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Name resolution that does not need the C library's resolver.

/// Resolves `host`: IP literals, `localhost` (and `*.localhost`) and
/// `/etc/hosts` here; anything else through the system resolver, bounded
/// by `deadline`.
pub fn resolve(host: &str, port: u16, deadline: Instant) -> std::result::Result<Vec<SocketAddr>, String> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let bare = host.split('%').next().unwrap_or(host);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let lower = host.to_ascii_lowercase();
    let hosts = std::fs::read_to_string("/etc/hosts").unwrap_or_default();
    let from_file = hosts_lookup(&hosts, &lower);
    if !from_file.is_empty() {
        return Ok(from_file.into_iter().map(|ip| SocketAddr::new(ip, port)).collect());
    }
    if lower == "localhost" || lower.ends_with(".localhost") {
        return Ok(vec![
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), port),
        ]);
    }
    // The system resolver may block for long; run it on a thread so the
    // deadline holds.
    let (tx, rx) = mpsc::channel();
    let name = host.to_string();
    std::thread::spawn(move || {
        let _ = tx.send((name.as_str(), port).to_socket_addrs().map(|a| a.collect::<Vec<_>>()));
    });
    let left = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(left) {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(Ok(_)) => Err(format!("cannot resolve host {host:?}: no addresses")),
        Ok(Err(e)) => Err(format!("cannot resolve host {host:?}: {}", resolver_message(&e))),
        Err(_) => Err(format!("cannot resolve host {host:?}: the resolver did not answer in time")),
    }
}

fn resolver_message(e: &io::Error) -> String {
    let s = e.to_string();
    // std's text is "failed to lookup address information: <gai text>".
    s.strip_prefix("failed to lookup address information: ").unwrap_or(&s).to_string()
}

/// The addresses `/etc/hosts` (given as text) lists for `host`, in order.
pub fn hosts_lookup(hosts: &str, host: &str) -> Vec<IpAddr> {
    let mut out = Vec::new();
    for line in hosts.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split_whitespace();
        let Some(addr) = fields.next() else { continue };
        let addr = addr.split('%').next().unwrap_or(addr);
        let Ok(ip) = addr.parse::<IpAddr>() else { continue };
        if fields.any(|n| n.eq_ignore_ascii_case(host)) && !out.contains(&ip) {
            out.push(ip);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The fetch: redirects, status, body cap.

/// A successful fetch.
#[derive(Debug)]
pub struct Fetched {
    /// Where the body finally came from (after redirects).
    pub url: Url,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// What went wrong in one request, before the URL is put in front of it.
enum HopErr {
    /// The deadline passed; the text says during what.
    Timeout(&'static str),
    Other(String),
}

impl From<String> for HopErr {
    fn from(s: String) -> HopErr {
        HopErr::Other(s)
    }
}

struct Response {
    status: u16,
    reason: String,
    headers: Vec<(String, String)>,
    body: Box<dyn Read + Send>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Fetches `target`, following redirects; the body is capped at
/// `opts.max_bytes`. Errors are `SOURCE: cause` with the redacted URL.
pub fn fetch(target: &Target, opts: &FetchOptions, ui: &Ui) -> Result<Fetched> {
    let name = target.url.redacted();
    let started = Instant::now();
    let deadline = started + target.deadline;
    let headers = parse_headers(&opts.headers)?;
    let proxies = match &opts.proxy {
        Some(p) => p.clone(),
        None => ProxyConfig::from_env(),
    };

    ui.info(&format!("Fetching profile over HTTP from {name}"));
    let countdown = target.duration.or_else(|| {
        target.url.path.ends_with(url::CPU_PROFILE_PATH).then(|| Duration::from_secs(url::SERVER_DEFAULT_CPU_SECONDS))
    });
    if let Some(d) = target.duration
        && !ui.progress
    {
        ui.info(&format!("Please wait... ({})", go_duration(d)));
    }
    let progress = Progress::start(ui, countdown, started);
    let timeout_err = |what: &str| {
        Error::input(
            &name,
            format!(
                "timeout: {what} after {} (raise it with --timeout; the default is 1.5x --seconds, else 60s, plus 5s)",
                go_duration(target.deadline)
            ),
        )
    };

    let mut url = target.url.clone();
    let mut redirects = 0;
    let resp = loop {
        let proxy = proxies.proxy_for(&url).map_err(|m| Error::input(&name, m))?;
        let hop_headers = request_headers(&headers, &target.url, &url);
        let resp = match hop(&url, proxy.as_ref(), &hop_headers, deadline) {
            Ok(r) => r,
            Err(HopErr::Timeout(what)) => return Err(timeout_err(what)),
            Err(HopErr::Other(m)) => {
                let via = match &proxy {
                    Some(p) => format!(" (via proxy {})", p.display()),
                    None => String::new(),
                };
                let at = if url == target.url { String::new() } else { format!(" (redirected to {url})") };
                return Err(Error::input(&name, format!("{m}{at}{via}")));
            }
        };
        if matches!(resp.status, 301 | 302 | 303 | 307 | 308) {
            let Some(loc) = resp.header("location") else {
                return Err(Error::input(
                    &name,
                    format!("server response: {} without a Location header", status_text(&resp)),
                ));
            };
            redirects += 1;
            if redirects >= MAX_REDIRECTS {
                return Err(Error::input(&name, format!("stopped after {MAX_REDIRECTS} redirects (last to {loc})")));
            }
            url = url
                .join(loc)
                .ok_or_else(|| Error::input(&name, format!("redirect to an unsupported location {loc:?}")))?;
            continue;
        }
        break resp;
    };

    if let Some(p) = &progress {
        p.receiving();
    }
    if resp.status != 200 {
        drop(progress);
        return Err(Error::input(&name, status_error(resp, deadline)));
    }
    if let Some(len) = resp.header("content-length").and_then(|v| v.trim().parse::<u64>().ok())
        && len > opts.max_bytes
    {
        return Err(Error::input(&name, too_big(opts.max_bytes, Some(len))));
    }
    let content_type = resp.header("content-type").map(str::to_string);
    let hint = resp
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0)
        .min(opts.max_bytes)
        .min(64 << 20);
    let mut body = Vec::with_capacity(hint as usize);
    let counter = progress.as_ref().map(|p| p.shared.clone());
    let mut reader = Counting { inner: resp.body, counter }.take(opts.max_bytes.saturating_add(1));
    let read = reader.read_to_end(&mut body);
    drop(progress);
    if let Err(e) = read {
        return Err(match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timeout_err("reading the body"),
            _ => Error::input(&name, format!("reading the body after {}: {e}", decode::human_bytes(body.len() as u64))),
        });
    }
    if body.len() as u64 > opts.max_bytes {
        return Err(Error::input(&name, too_big(opts.max_bytes, None)));
    }
    Ok(Fetched { url, content_type, body })
}

/// `read()` for a URL spec: fetch it and refuse an HTML page where a
/// profile was expected.
pub fn read_url(spec: &str, opts: &FetchOptions) -> Result<Vec<u8>> {
    let target = target_for(spec, opts)?;
    let fetched = fetch(&target, opts, &Ui::stderr(opts))?;
    if looks_like_html(&fetched.body) {
        return Err(Error::input(
            target.url.redacted(),
            format!(
                "the server sent an HTML page, not a profile; `pa list {}` shows the profiles it offers",
                index_hint(&target.url)
            ),
        ));
    }
    Ok(fetched.body)
}

/// Parses a URL spec with the options' `--seconds` and `--timeout`.
pub fn target_for(spec: &str, opts: &FetchOptions) -> Result<Target> {
    url::parse_spec(spec, opts.seconds, opts.timeout).ok_or_else(|| {
        let why = url::unsupported_scheme(spec).unwrap_or_else(|| "not a valid URL".into());
        Error::input(spec, why)
    })
}

/// `host:port` for plain HTTP, the scheme and host otherwise.
fn index_hint(u: &Url) -> String {
    if u.scheme == "http" { u.authority() } else { format!("{}://{}", u.scheme, u.authority()) }
}

/// An HTML document rather than a profile.
pub fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start().to_ascii_lowercase();
    t.starts_with("<!doctype html") || t.starts_with("<html") || t.starts_with("<head") || t.starts_with("<body")
}

fn too_big(max: u64, len: Option<u64>) -> String {
    let what = match len {
        Some(n) => format!("the response is {}, ", decode::human_bytes(n)),
        None => "the response is ".into(),
    };
    format!("{what}larger than {} (--max-bytes); raise the limit with --max-bytes", decode::human_bytes(max))
}

/// `404 Not Found` as Go prints `resp.Status`.
fn status_text(r: &Response) -> String {
    let reason = if r.reason.trim().is_empty() { canonical_reason(r.status) } else { r.reason.trim() };
    format!("{} {reason}", r.status).trim_end().to_string()
}

/// `server response: 404 Not Found - Unknown profile`: the status and what
/// the body says, on one line.
fn status_error(mut resp: Response, deadline: Instant) -> String {
    let status = status_text(&resp);
    let mut buf = Vec::new();
    if Instant::now() < deadline {
        let _ = (&mut resp.body).take(ERROR_BODY_BYTES).read_to_end(&mut buf);
    }
    let ctype = resp.header("content-type").unwrap_or("").to_ascii_lowercase();
    let text = String::from_utf8_lossy(&buf);
    let trimmed = text.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    let detail = if ctype.contains("html") || lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        match html_title(trimmed) {
            Some(t) => format!(" (an HTML page titled {t:?})"),
            None => " (an HTML page)".to_string(),
        }
    } else if !buf.is_empty() && is_text(&buf) {
        let first = trimmed.lines().next().unwrap_or("").trim();
        let mut first: String = first.chars().take(200).collect();
        if first.is_empty() {
            String::new()
        } else {
            if trimmed.lines().next().unwrap_or("").trim().chars().count() > 200 {
                first.push('…');
            }
            format!(" - {first}")
        }
    } else {
        String::new()
    };
    let hint = if resp.status == 404 && (detail.contains("404 page not found") || detail.is_empty()) {
        "; is net/http/pprof served at this path? `pa list HOST:PORT` shows what the server offers"
    } else {
        ""
    };
    format!("server response: {status}{detail}{hint}")
}

fn is_text(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok_and(|s| s.chars().all(|c| !c.is_control() || c == '\n' || c == '\r' || c == '\t'))
        || b.len() == ERROR_BODY_BYTES as usize
}

fn html_title(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = lower[start..].find("</title>")? + start;
    let t: String = s[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then(|| t.chars().take(100).collect())
}

/// `-H 'Name: value'`, checked so nothing can smuggle a line break.
fn parse_headers(raw: &[String]) -> Result<Vec<(String, String)>> {
    raw.iter()
        .map(|h| {
            let (k, v) = h
                .split_once(':')
                .ok_or_else(|| Error::usage(format!("-H/--header {h:?}: expected \"Name: value\"")))?;
            let k = k.trim();
            if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
                return Err(Error::usage(format!("-H/--header {h:?}: {k:?} is not a valid header name")));
            }
            if v.contains(['\r', '\n', '\0']) {
                return Err(Error::usage(format!("-H/--header {k:?}: the value may not contain line breaks")));
            }
            Ok((k.to_string(), v.trim().to_string()))
        })
        .collect()
}

/// The headers of one request. Basic auth comes from the URL's user info
/// unless `-H Authorization` is given; credentials and cookies are not sent
/// on to another host after a redirect (Go's rule: same host or a subdomain).
fn request_headers(user: &[(String, String)], original: &Url, now: &Url) -> Vec<(String, String)> {
    let same = now.host == original.host || now.host.ends_with(&format!(".{}", original.host));
    let mut h: Vec<(String, String)> = user
        .iter()
        .filter(|(k, _)| {
            same || !(k.eq_ignore_ascii_case("authorization")
                || k.eq_ignore_ascii_case("cookie")
                || k.eq_ignore_ascii_case("www-authenticate"))
        })
        .cloned()
        .collect();
    let has = |h: &Vec<(String, String)>, n: &str| h.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    if !has(&h, "authorization") {
        let creds = now.user.as_ref().or(if same { original.user.as_ref() } else { None });
        if let Some((u, p)) = creds {
            h.push(("Authorization".into(), basic_auth(u, p.as_deref())));
        }
    }
    if !has(&h, "user-agent") {
        h.push(("User-Agent".into(), USER_AGENT.into()));
    }
    h
}

pub fn basic_auth(user: &str, password: Option<&str>) -> String {
    let raw = format!("{user}:{}", password.unwrap_or(""));
    format!("Basic {}", base64(raw.as_bytes()))
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 { T[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if c.len() > 2 { T[n as usize & 63] as char } else { '=' });
    }
    out
}

/// Go's `time.Duration` text for whole and fractional seconds: `30s`, `1m5s`, `1.5s`.
pub fn go_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if !ms.is_multiple_of(1000) || ms < 1000 {
        let s = format!("{:.3}", d.as_secs_f64());
        let s = s.trim_end_matches('0').trim_end_matches('.');
        return format!("{s}s");
    }
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m{s}s"),
        _ => format!("{h}h{m}m{s}s"),
    }
}

// ---------------------------------------------------------------------------
// One request.

fn hop(
    url: &Url,
    proxy: Option<&Proxy>,
    headers: &[(String, String)],
    deadline: Instant,
) -> std::result::Result<Response, HopErr> {
    if url.is_https() {
        return hop_tls(url, proxy, headers, deadline);
    }
    let (conn_host, conn_port) = match proxy {
        Some(p) => (p.host.as_str(), p.port),
        None => (url.host.as_str(), url.port_or_default()),
    };
    let addrs = resolve(conn_host, conn_port, deadline)?;
    let stream = connect(&addrs, deadline).map_err(|e| match e {
        HopErr::Other(m) if proxy.is_some() => HopErr::Other(format!("proxy: {m}")),
        e => e,
    })?;
    let mut stream = DeadlineStream { s: stream, deadline };

    let target = match proxy {
        Some(_) => url.wire(),
        None => url.request_target(),
    };
    let mut req = format!("GET {target} HTTP/1.1\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {}\r\n", url.authority()));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(auth) = proxy.and_then(Proxy::authorization) {
        req.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    req.push_str("Accept: */*\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).map_err(|e| io_hop(e, "sending the request"))?;
    stream.flush().map_err(|e| io_hop(e, "sending the request"))?;

    let mut r = BufReader::with_capacity(64 << 10, stream);
    let (status, reason, headers) = loop {
        let head = read_head(&mut r)?;
        // Skip interim 1xx responses (100 Continue, 103 Early Hints).
        if (100..200).contains(&head.0) && head.0 != 101 {
            continue;
        }
        break head;
    };
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding")
            && v.rsplit(',').next().is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
    });
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.trim().parse::<u64>())
        .transpose()
        .map_err(|_| HopErr::Other("invalid Content-Length in the response".into()))?;
    let body: Box<dyn Read + Send> = if status == 204 || status == 304 {
        Box::new(io::empty())
    } else if chunked {
        Box::new(Chunked::new(r))
    } else if let Some(n) = length {
        Box::new(Exact { inner: r, left: n, total: n })
    } else {
        Box::new(r)
    };
    Ok(Response { status, reason, headers, body })
}

fn connect(addrs: &[SocketAddr], deadline: Instant) -> std::result::Result<TcpStream, HopErr> {
    let mut last = None;
    for addr in addrs {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HopErr::Timeout("connecting"));
        }
        match TcpStream::connect_timeout(addr, left) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = Some((addr, e)),
        }
    }
    match last {
        Some((_, e)) if e.kind() == io::ErrorKind::TimedOut || e.kind() == io::ErrorKind::WouldBlock => {
            Err(HopErr::Timeout("connecting"))
        }
        Some((addr, e)) => Err(HopErr::Other(format!("connecting to {addr}: {}", connect_message(&e)))),
        None => Err(HopErr::Other("no address to connect to".into())),
    }
}

fn connect_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused (is the server listening on that port?)".into(),
        io::ErrorKind::HostUnreachable => "host unreachable".into(),
        io::ErrorKind::NetworkUnreachable => "network unreachable".into(),
        io::ErrorKind::PermissionDenied => "permission denied (a network policy?)".into(),
        _ => e.to_string(),
    }
}

fn io_hop(e: io::Error, what: &'static str) -> HopErr {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => HopErr::Timeout(what),
        io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => {
            HopErr::Other(format!("{what}: the server closed the connection"))
        }
        _ => HopErr::Other(format!("{what}: {e}")),
    }
}

type Head = (u16, String, Vec<(String, String)>);

fn read_head(r: &mut impl BufRead) -> std::result::Result<Head, HopErr> {
    let mut lines = Vec::new();
    let mut used = 0u64;
    loop {
        let mut line = Vec::new();
        let n = r
            .take(MAX_HEAD_BYTES - used)
            .read_until(b'\n', &mut line)
            .map_err(|e| io_hop(e, "waiting for the response"))?;
        used += n as u64;
        if n == 0 {
            if lines.is_empty() {
                return Err(HopErr::Other("the server closed the connection without a response".into()));
            }
            return Err(HopErr::Other("the connection closed inside the response headers".into()));
        }
        if used >= MAX_HEAD_BYTES {
            return Err(HopErr::Other("the response headers are larger than 64 KiB".into()));
        }
        if lines.is_empty() && !line.starts_with(b"HTTP/") {
            return Err(HopErr::Other(if line.first() == Some(&0x15) || line.first() == Some(&0x16) {
                "the server answered with TLS; use https://".into()
            } else {
                "the server's answer is not HTTP".into()
            }));
        }
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        if line.is_empty() {
            break;
        }
        lines.push(String::from_utf8_lossy(&line).into_owned());
    }
    let status_line = &lines[0];
    let mut parts = status_line.splitn(3, ' ');
    let _version = parts.next();
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|s| (100..1000).contains(s))
        .ok_or_else(|| HopErr::Other(format!("malformed status line {status_line:?}")))?;
    let reason = parts.next().unwrap_or("").to_string();
    let mut headers: Vec<(String, String)> = Vec::new();
    for l in &lines[1..] {
        if l.starts_with([' ', '\t']) {
            // Obsolete line folding: continue the previous value.
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
            continue;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok((status, reason, headers))
}

/// A TCP stream whose every read and write respects one deadline.
struct DeadlineStream {
    s: TcpStream,
    deadline: Instant,
}

impl DeadlineStream {
    fn left(&self) -> io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() { Err(io::Error::new(io::ErrorKind::TimedOut, "deadline passed")) } else { Ok(left) }
    }
}

fn timed_out(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::WouldBlock { io::Error::new(io::ErrorKind::TimedOut, "deadline passed") } else { e }
}

impl Read for DeadlineStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.left()?;
        self.s.set_read_timeout(Some(left))?;
        self.s.read(buf).map_err(timed_out)
    }
}

impl Write for DeadlineStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let left = self.left()?;
        self.s.set_write_timeout(Some(left))?;
        self.s.write(buf).map_err(timed_out)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.s.flush()
    }
}

/// A body with a Content-Length: a short body is an error, not a profile
/// silently cut in half.
struct Exact<R> {
    inner: R,
    left: u64,
    total: u64,
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let max = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the connection closed after {} of {} bytes", self.total - self.left, self.total),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// `Transfer-Encoding: chunked`.
struct Chunked<R> {
    inner: R,
    /// Bytes left in the current chunk.
    left: u64,
    done: bool,
    /// Whether a chunk's data has been read and its CRLF is due.
    need_crlf: bool,
}

impl<R: BufRead> Chunked<R> {
    fn new(inner: R) -> Self {
        Chunked { inner, left: 0, done: false, need_crlf: false }
    }

    fn line(&mut self) -> io::Result<String> {
        let mut line = Vec::new();
        let n = (&mut self.inner).take(4096).read_until(b'\n', &mut line)?;
        if n == 0 || !line.ends_with(b"\n") {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the connection closed inside a chunked body"));
        }
        Ok(String::from_utf8_lossy(&line).trim_end().to_string())
    }
}

impl<R: BufRead> Read for Chunked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            if self.need_crlf {
                let l = self.line()?;
                if !l.is_empty() {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "malformed chunked body"));
                }
                self.need_crlf = false;
            }
            let l = self.line()?;
            let size = l.split(';').next().unwrap_or("").trim();
            let n = u64::from_str_radix(size, 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, format!("malformed chunk size {size:?}")))?;
            if n == 0 {
                // Trailers up to the empty line.
                while !self.line()?.is_empty() {}
                self.done = true;
                return Ok(0);
            }
            self.left = n;
            self.need_crlf = true;
        }
        let max = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the connection closed inside a chunked body"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

struct Counting {
    inner: Box<dyn Read + Send>,
    counter: Option<Arc<Shared>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(c) = &self.counter {
            c.bytes.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

// ---------------------------------------------------------------------------
// HTTPS through ureq + rustls.

#[cfg(feature = "https")]
fn hop_tls(
    url: &Url,
    proxy: Option<&Proxy>,
    headers: &[(String, String)],
    deadline: Instant,
) -> std::result::Result<Response, HopErr> {
    use ureq::tls::TlsConfig;
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(HopErr::Timeout("connecting"));
    }
    let proxy = match proxy {
        Some(p) => Some(
            ureq::Proxy::new(&p.url().render_full())
                .map_err(|e| HopErr::Other(format!("proxy {}: {e}", p.display())))?,
        ),
        None => None,
    };
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(left))
        .user_agent(USER_AGENT)
        .proxy(proxy)
        .tls_config(TlsConfig::builder().disable_verification(url.insecure()).build())
        .build();
    let agent = ureq::Agent::with_parts(config, ureq::unversioned::transport::DefaultConnector::default(), OwnResolver);
    let mut req = agent.get(url.wire());
    for (k, v) in headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let resp = req.call().map_err(ureq_error)?;
    let status = resp.status().as_u16();
    let reason = resp.status().canonical_reason().unwrap_or("").to_string();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let body = resp.into_body().into_with_config().limit(u64::MAX).reader();
    Ok(Response { status, reason, headers, body: Box::new(UreqBody(body)) })
}

#[cfg(feature = "https")]
struct UreqBody(ureq::BodyReader<'static>);

#[cfg(feature = "https")]
impl Read for UreqBody {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            // ureq reports its own timeouts as io errors wrapping ureq::Error.
            if e.to_string().contains("timeout") { io::Error::new(io::ErrorKind::TimedOut, e.to_string()) } else { e }
        })
    }
}

#[cfg(feature = "https")]
fn ureq_error(e: ureq::Error) -> HopErr {
    match e {
        ureq::Error::Timeout(_) => HopErr::Timeout("waiting for the response"),
        ureq::Error::HostNotFound => HopErr::Other("cannot resolve host".into()),
        ureq::Error::Io(e) => match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => HopErr::Timeout("waiting for the response"),
            io::ErrorKind::ConnectionRefused => HopErr::Other(format!("connecting: {}", connect_message(&e))),
            // rustls reports handshake failures as InvalidData.
            io::ErrorKind::InvalidData => HopErr::Other(tls_message(&e.to_string())),
            _ => HopErr::Other(e.to_string()),
        },
        ureq::Error::Rustls(e) => HopErr::Other(tls_message(&e.to_string())),
        ureq::Error::Tls(e) => HopErr::Other(tls_message(e)),
        ureq::Error::ConnectProxyFailed(m) => HopErr::Other(format!("proxy CONNECT failed: {m}")),
        e => HopErr::Other(e.to_string()),
    }
}

#[cfg(feature = "https")]
fn tls_message(e: &str) -> String {
    let hint = if e.contains("certificate") || e.contains("Certificate") {
        " (https+insecure:// skips verification)"
    } else if e.contains("corrupt message") || e.contains("InvalidContentType") {
        " (is the port plain HTTP? try http://)"
    } else {
        ""
    };
    format!("TLS: {e}{hint}")
}

/// ureq resolves through pa's resolver, so HTTPS gets the same
/// libc-free handling of IP literals, `localhost` and `/etc/hosts`.
#[cfg(feature = "https")]
#[derive(Debug)]
struct OwnResolver;

#[cfg(feature = "https")]
impl ureq::unversioned::resolver::Resolver for OwnResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        _config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> std::result::Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().ok_or(ureq::Error::HostNotFound)?;
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        let left = if timeout.after.is_not_happening() { Duration::from_secs(60) } else { *timeout.after };
        let deadline = Instant::now() + left;
        let addrs = resolve(host, port, deadline).map_err(|m| ureq::Error::Io(io::Error::other(m)))?;
        let mut out = self.empty();
        for a in addrs.into_iter().take(16) {
            out.push(a);
        }
        Ok(out)
    }
}

#[cfg(not(feature = "https"))]
fn hop_tls(
    _url: &Url,
    _proxy: Option<&Proxy>,
    _headers: &[(String, String)],
    _deadline: Instant,
) -> std::result::Result<Response, HopErr> {
    Err(HopErr::Other("this pa was built without HTTPS (cargo feature `https`); use http:// or a port-forward".into()))
}

// ---------------------------------------------------------------------------
// The countdown / progress line.

struct Shared {
    bytes: AtomicU64,
    receiving: AtomicBool,
}

struct Progress {
    shared: Arc<Shared>,
    stop: Option<mpsc::Sender<()>>,
    handle: Option<JoinHandle<()>>,
}

impl Progress {
    /// A thread that redraws one stderr line: a countdown while a timed
    /// profile is being collected, the time waited otherwise, then the
    /// bytes received. Only when the UI asks for it (a terminal).
    fn start(ui: &Ui, countdown: Option<Duration>, started: Instant) -> Option<Progress> {
        if !ui.progress {
            return None;
        }
        let shared = Arc::new(Shared { bytes: AtomicU64::new(0), receiving: AtomicBool::new(false) });
        let (tx, rx) = mpsc::channel::<()>();
        let ui = ui.clone();
        let sh = shared.clone();
        let handle = std::thread::spawn(move || {
            let mut drawn = String::new();
            loop {
                let line = progress_line(
                    countdown,
                    started.elapsed(),
                    sh.receiving.load(Ordering::Relaxed),
                    sh.bytes.load(Ordering::Relaxed),
                );
                if let Some(line) = line
                    && line != drawn
                {
                    ui.write(&format!("\r\x1b[K{line}"));
                    drawn = line;
                }
                match rx.recv_timeout(Duration::from_millis(200)) {
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    _ => break,
                }
            }
            if !drawn.is_empty() {
                ui.write("\r\x1b[K");
            }
        });
        Some(Progress { shared, stop: Some(tx), handle: Some(handle) })
    }

    fn receiving(&self) {
        self.shared.receiving.store(true, Ordering::Relaxed);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// The text of the progress line at `elapsed`, or None while there is
/// nothing worth saying (the first second of an untimed fetch).
pub fn progress_line(countdown: Option<Duration>, elapsed: Duration, receiving: bool, bytes: u64) -> Option<String> {
    if receiving {
        return (bytes > 0 && elapsed >= Duration::from_millis(500))
            .then(|| format!("Receiving... {}", decode::human_bytes(bytes)));
    }
    match countdown {
        Some(d) => {
            let total = d.as_secs();
            let left = d.saturating_sub(elapsed);
            if left.is_zero() {
                Some(format!(
                    "Please wait... {total}s profile collected, waiting for the server ({}s over)",
                    (elapsed - d).as_secs()
                ))
            } else {
                // Round up so the line reads 30s first and 1s last.
                let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                Some(format!("Please wait... {secs}s left of {total}s"))
            }
        }
        None => {
            (elapsed >= Duration::from_secs(1)).then(|| format!("Waiting for the server... {}s", elapsed.as_secs()))
        }
    }
}

impl Url {
    /// The URL with the password (for handing to ureq's proxy parser).
    #[cfg_attr(not(feature = "https"), allow(dead_code))]
    fn render_full(&self) -> String {
        let mut s = format!("{}://", self.scheme);
        if let Some((u, p)) = &self.user {
            s.push_str(&url::percent_encode_component(u));
            if let Some(p) = p {
                s.push(':');
                s.push_str(&url::percent_encode_component(p));
            }
            s.push('@');
        }
        s.push_str(&self.authority());
        s
    }
}

/// Go's `http.StatusText` for the statuses a pprof endpoint or a proxy returns.
fn canonical_reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(http: &str, no: &str) -> ProxyConfig {
        ProxyConfig { http_proxy: http.into(), https_proxy: String::new(), no_proxy: no.into() }
    }

    fn proxied(c: &ProxyConfig, u: &str) -> bool {
        c.proxy_for(&Url::parse(u).unwrap()).unwrap().is_some()
    }

    #[test]
    fn loopback_is_never_proxied() {
        let c = cfg("proxy:3128", "");
        assert!(!proxied(&c, "http://localhost:6060/x"));
        assert!(!proxied(&c, "http://127.0.0.1:6060/x"));
        assert!(!proxied(&c, "http://127.9.9.9/x"));
        assert!(!proxied(&c, "http://[::1]:6060/x"));
        assert!(proxied(&c, "http://svc.internal:6060/x"));
        assert!(proxied(&c, "http://10.0.0.1:6060/x"));
        // https URLs use HTTPS_PROXY only.
        assert!(!proxied(&c, "https://svc.internal/x"));
    }

    #[test]
    fn no_proxy_matching() {
        let c = cfg("proxy:3128", "internal, .corp, 10.0.0.0/8, 192.168.1.1:8080, *.svc");
        assert!(!proxied(&c, "http://internal/x"));
        assert!(!proxied(&c, "http://a.internal/x"));
        assert!(proxied(&c, "http://notinternal/x"));
        assert!(!proxied(&c, "http://x.corp/x"));
        assert!(proxied(&c, "http://corp/x"));
        assert!(!proxied(&c, "http://10.1.2.3/x"));
        assert!(!proxied(&c, "http://192.168.1.1:8080/x"));
        assert!(proxied(&c, "http://192.168.1.1:8081/x"));
        assert!(!proxied(&c, "http://a.svc/x"));
        assert!(!proxied(&cfg("p:1", "*"), "http://anything/x"));
    }

    #[test]
    fn proxy_values() {
        assert_eq!(Proxy::parse("proxy:3128").unwrap(), Proxy { host: "proxy".into(), port: 3128, user: None });
        assert_eq!(Proxy::parse("http://u:p@proxy").unwrap().port, 80);
        assert!(Proxy::parse("socks5://proxy:1080").unwrap_err().contains("not supported"));
    }

    #[test]
    fn hosts_file() {
        let hosts = "# comment\n127.0.0.1 localhost\n10.1.2.3  svc svc.internal # x\n::1 localhost ip6-localhost\n";
        assert_eq!(hosts_lookup(hosts, "svc.internal"), vec!["10.1.2.3".parse::<IpAddr>().unwrap()]);
        assert_eq!(hosts_lookup(hosts, "localhost").len(), 2);
        assert!(hosts_lookup(hosts, "nope").is_empty());
        let far = Instant::now() + Duration::from_secs(1);
        assert_eq!(resolve("127.0.0.1", 80, far).unwrap(), vec!["127.0.0.1:80".parse().unwrap()]);
        assert_eq!(resolve("[::1]", 80, far).unwrap(), vec!["[::1]:80".parse().unwrap()]);
        assert!(resolve("localhost", 80, far).unwrap().iter().all(|a| a.ip().is_loopback()));
    }

    #[test]
    fn base64_and_auth() {
        assert_eq!(basic_auth("Aladdin", Some("open sesame")), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
    }

    #[test]
    fn headers_are_checked() {
        assert!(parse_headers(&["X-A: b".into()]).is_ok());
        assert!(parse_headers(&["nocolon".into()]).is_err());
        assert!(parse_headers(&["Bad Name: v".into()]).is_err());
        assert!(parse_headers(&["X: a\r\nY: b".into()]).is_err());
    }

    #[test]
    fn credentials_stay_on_their_host() {
        let orig = Url::parse("http://u:p@h:1/x").unwrap();
        let user = vec![("Authorization".to_string(), "Bearer T".to_string())];
        let same = request_headers(&user, &orig, &Url::parse("http://h:1/y").unwrap());
        assert!(same.iter().any(|(k, v)| k == "Authorization" && v == "Bearer T"));
        let other = request_headers(&user, &orig, &Url::parse("http://evil:1/y").unwrap());
        assert!(!other.iter().any(|(k, _)| k == "Authorization"));
        let basic = request_headers(&[], &orig, &Url::parse("http://h:1/y").unwrap());
        assert!(basic.iter().any(|(k, v)| k == "Authorization" && v.starts_with("Basic ")));
    }

    #[test]
    fn countdown_text() {
        let d = Some(Duration::from_secs(30));
        assert_eq!(progress_line(d, Duration::ZERO, false, 0).unwrap(), "Please wait... 30s left of 30s");
        assert_eq!(progress_line(d, Duration::from_millis(29_500), false, 0).unwrap(), "Please wait... 1s left of 30s");
        assert!(progress_line(d, Duration::from_secs(31), false, 0).unwrap().contains("waiting for the server"));
        assert!(progress_line(None, Duration::from_millis(100), false, 0).is_none());
        assert_eq!(progress_line(None, Duration::from_secs(2), true, 2048).unwrap(), "Receiving... 2.0 KiB");
    }

    #[test]
    fn durations_read_as_go_prints_them() {
        assert_eq!(go_duration(Duration::from_secs(30)), "30s");
        assert_eq!(go_duration(Duration::from_secs(65)), "1m5s");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
    }
}
