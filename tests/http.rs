//! Fetching over HTTP against real servers on 127.0.0.1 run inside the
//! test process: profiles, chunked bodies, redirects, error statuses with
//! text and HTML bodies, a body over the cap, slow responses (timeouts and
//! the countdown), a forward proxy, `pa fetch` and `pa list`.
//!
//! Nothing here talks to any address but 127.0.0.1: names such as
//! `pa-test.invalid` are only ever sent to the test proxy, never resolved.
//! Every server accepts a bounded number of connections and stops by
//! itself after a few seconds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pa::source::cli::{FetchArgs, HttpArgs, ListArgs};
use pa::source::http::{ProxyConfig, Ui};
use pa::source::{self, FetchOptions};

// ---------------------------------------------------------------------------
// A tiny HTTP server.

/// What the server sends back: pieces of raw bytes, each after a pause.
#[derive(Clone)]
struct Reply(Vec<(Duration, Vec<u8>)>);

impl Reply {
    fn raw(bytes: Vec<u8>) -> Reply {
        Reply(vec![(Duration::ZERO, bytes)])
    }

    fn ok(ctype: &str, body: &[u8]) -> Reply {
        Reply::status(200, "OK", ctype, &[], body)
    }

    fn status(code: u16, reason: &str, ctype: &str, extra: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut head =
            format!("HTTP/1.1 {code} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("Connection: close\r\n\r\n");
        let mut b = head.into_bytes();
        b.extend_from_slice(body);
        Reply::raw(b)
    }

    fn redirect(code: u16, location: &str) -> Reply {
        Reply::status(code, "Found", "text/plain", &[("Location", location)], b"")
    }

    /// The body in chunks of `size` bytes, `pause` apart.
    fn chunked(body: &[u8], size: usize, pause: Duration) -> Reply {
        let mut parts = vec![(
            Duration::ZERO,
            b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec(),
        )];
        for c in body.chunks(size) {
            let mut p = format!("{:x};ext=1\r\n", c.len()).into_bytes();
            p.extend_from_slice(c);
            p.extend_from_slice(b"\r\n");
            parts.push((pause, p));
        }
        parts.push((pause, b"0\r\nX-Trailer: yes\r\n\r\n".to_vec()));
        Reply(parts)
    }

    fn delayed(self, d: Duration) -> Reply {
        let mut parts = self.0;
        parts[0].0 = d;
        Reply(parts)
    }
}

struct Server {
    addr: SocketAddr,
    /// The request heads received, in order.
    requests: Arc<Mutex<Vec<String>>>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves at most `max_conns` connections, for at most `life`; `route`
    /// maps a request head to a reply.
    fn start(max_conns: usize, life: Duration, route: impl Fn(&str) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let reqs = requests.clone();
        let handle = std::thread::spawn(move || {
            let end = Instant::now() + life;
            let mut served = 0;
            while served < max_conns && Instant::now() < end {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        handle_conn(stream, &route, &reqs, end);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { addr, requests, handle: Some(handle) }
    }

    fn one(route: impl Fn(&str) -> Reply + Send + 'static) -> Server {
        Server::start(1, Duration::from_secs(20), route)
    }

    fn host_port(&self) -> String {
        self.addr.to_string()
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits for the server thread (it stops by itself).
    fn finish(mut self) -> Vec<String> {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.requests()
    }
}

fn handle_conn(stream: TcpStream, route: &impl Fn(&str) -> Reply, reqs: &Mutex<Vec<String>>, end: Instant) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut r = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match r.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
        head.push_str(&line);
    }
    reqs.lock().unwrap().push(head.clone());
    let reply = route(&head);
    let mut w = stream;
    for (pause, bytes) in reply.0 {
        // Never sleep past the server's life.
        let left = end.saturating_duration_since(Instant::now());
        std::thread::sleep(pause.min(left));
        if w.write_all(&bytes).is_err() {
            return;
        }
        let _ = w.flush();
    }
    let _ = w.shutdown(std::net::Shutdown::Both);
}

fn first_line(head: &str) -> &str {
    head.lines().next().unwrap_or("")
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

// ---------------------------------------------------------------------------
// Fixtures and helpers.

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles").join(name)
}

/// A real Go heap profile from the project's test data (gzipped).
fn heap_profile() -> Vec<u8> {
    std::fs::read(testdata("heap-1.pb.gz")).expect("testdata/profiles/heap-1.pb.gz")
}

/// A tiny valid uncompressed profile built here: one sample of one frame.
fn tiny_profile() -> Vec<u8> {
    use pa::decode::proto::pb;
    use prost::Message;
    let p = pb::Profile {
        sample_type: vec![pb::ValueType { r#type: 1, unit: 2 }],
        sample: vec![pb::Sample { location_id: vec![1], value: vec![7], ..Default::default() }],
        location: vec![pb::Location {
            id: 1,
            line: vec![pb::Line { function_id: 1, line: 10, ..Default::default() }],
            ..Default::default()
        }],
        function: vec![pb::Function { id: 1, name: 3, system_name: 3, filename: 4, ..Default::default() }],
        string_table: ["", "samples", "count", "main.work", "main.go"].iter().map(|s| s.as_bytes().to_vec()).collect(),
        ..Default::default()
    };
    p.encode_to_vec()
}

fn quiet() -> FetchOptions {
    FetchOptions { quiet: true, progress: Some(false), proxy: Some(ProxyConfig::default()), ..Default::default() }
}

fn err_text(e: pa::error::Error) -> String {
    e.to_string()
}

/// The error of a `load` that must fail.
fn load_err(spec: &str, opts: &FetchOptions) -> String {
    match source::load(spec, opts) {
        Ok(_) => panic!("{spec}: loaded, but an error was expected"),
        Err(e) => e.to_string(),
    }
}

/// A writer the tests can read back (the UI's sink).
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

fn scratch_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pa-http-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

// ---------------------------------------------------------------------------
// Fetching.

#[test]
fn url_source_decodes_a_served_profile() {
    let body = heap_profile();
    let srv = Server::one(move |_| Reply::ok("application/octet-stream", &body));
    let spec = srv.url("/debug/pprof/heap");
    let d = source::load(&spec, &quiet()).expect("load over HTTP");
    assert!(d.gzipped);
    let reqs = srv.finish();
    assert_eq!(first_line(&reqs[0]), "GET /debug/pprof/heap HTTP/1.1");
    assert!(header(&reqs[0], "Host").unwrap().starts_with("127.0.0.1:"));
    assert!(header(&reqs[0], "User-Agent").unwrap().starts_with("pa/"));
}

#[test]
fn host_port_means_cpu_profile_and_seconds_go_on_the_query() {
    let body = tiny_profile();
    let srv = Server::one(move |_| Reply::ok("application/octet-stream", &body));
    let opts = FetchOptions { seconds: Some(2), ..quiet() };
    let data = source::read(&srv.host_port(), &opts).unwrap();
    assert_eq!(data, tiny_profile());
    let reqs = srv.finish();
    assert_eq!(first_line(&reqs[0]), "GET /debug/pprof/profile?seconds=2 HTTP/1.1");
}

#[test]
fn bare_host_port_with_path_and_query() {
    let body = tiny_profile();
    let srv = Server::one(move |_| Reply::ok("application/octet-stream", &body));
    let spec = format!("{}/debug/pprof/goroutine?debug=0", srv.host_port());
    source::load(&spec, &quiet()).unwrap();
    let reqs = srv.finish();
    assert_eq!(first_line(&reqs[0]), "GET /debug/pprof/goroutine?debug=0 HTTP/1.1");
}

#[test]
fn chunked_body_in_slow_pieces() {
    let body = heap_profile();
    let b2 = body.clone();
    let srv = Server::one(move |_| Reply::chunked(&b2, 97, Duration::from_millis(2)));
    let data = source::read(&srv.url("/debug/pprof/heap"), &quiet()).unwrap();
    assert_eq!(data, body);
    srv.finish();
}

#[test]
fn redirects_are_followed() {
    let body = tiny_profile();
    let srv =
        Server::start(3, Duration::from_secs(20), move |head| match first_line(head).split(' ').nth(1).unwrap_or("") {
            "/old" => Reply::redirect(301, "/debug/pprof/mid"),
            "/debug/pprof/mid" => Reply::redirect(307, "heap?gc=1"),
            "/debug/pprof/heap?gc=1" => Reply::ok("application/octet-stream", &body),
            _ => Reply::status(404, "Not Found", "text/plain", &[], b"no\n"),
        });
    let data = source::read(&srv.url("/old"), &quiet()).unwrap();
    assert_eq!(data, tiny_profile());
    let reqs = srv.finish();
    assert_eq!(reqs.len(), 3);
    assert_eq!(first_line(&reqs[2]), "GET /debug/pprof/heap?gc=1 HTTP/1.1");
}

#[test]
fn redirect_loops_are_bounded() {
    let srv = Server::start(10, Duration::from_secs(20), |_| Reply::redirect(302, "/loop"));
    let e = err_text(source::read(&srv.url("/loop"), &quiet()).unwrap_err());
    assert!(e.contains("stopped after 10 redirects"), "{e}");
    assert_eq!(srv.finish().len(), 10, "Go also stops after 10 requests");
}

#[test]
fn status_with_a_go_text_body_is_one_line() {
    let srv = Server::one(|_| {
        Reply::status(404, "Not Found", "text/plain; charset=utf-8", &[("X-Go-Pprof", "1")], b"Unknown profile\n")
    });
    let spec = srv.url("/debug/pprof/nosuch");
    let e = load_err(&spec, &quiet());
    assert_eq!(e, format!("{spec}: server response: 404 Not Found - Unknown profile"));
}

#[test]
fn write_timeout_message_reaches_the_user() {
    let srv = Server::one(|_| {
        Reply::status(
            400,
            "Bad Request",
            "text/plain; charset=utf-8",
            &[("X-Go-Pprof", "1")],
            b"profile duration exceeds server's WriteTimeout\nsecond line\n",
        )
    });
    let opts = FetchOptions { seconds: Some(60), ..quiet() };
    let e = err_text(source::read(&srv.host_port(), &opts).unwrap_err());
    assert!(e.ends_with("server response: 400 Bad Request - profile duration exceeds server's WriteTimeout"), "{e}");
    assert!(!e.contains('\n'));
}

#[test]
fn status_with_an_html_body_names_the_page() {
    let srv = Server::one(|_| {
        Reply::status(
            502,
            "Bad Gateway",
            "text/html",
            &[],
            b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>oops</h1></body></html>",
        )
    });
    let e = err_text(source::read(&srv.url("/debug/pprof/heap"), &quiet()).unwrap_err());
    assert!(e.ends_with("server response: 502 Bad Gateway (an HTML page titled \"502 Bad Gateway\")"), "{e}");
}

#[test]
fn plain_404_suggests_pa_list() {
    let srv = Server::one(|_| Reply::status(404, "Not Found", "text/plain", &[], b"404 page not found\n"));
    let e = err_text(source::read(&srv.url("/metrics/heap"), &quiet()).unwrap_err());
    assert!(e.contains("404 Not Found - 404 page not found"), "{e}");
    assert!(e.contains("pa list"), "{e}");
}

#[test]
fn html_page_where_a_profile_was_expected() {
    let srv = Server::one(|_| {
        Reply::ok(
            "text/html; charset=utf-8",
            b"<html>\n<head>\n<title>/debug/pprof/</title></head><body></body></html>",
        )
    });
    let spec = srv.url("/debug/pprof/");
    let e = load_err(&spec, &quiet());
    assert!(e.contains("HTML page, not a profile"), "{e}");
    assert!(e.contains(&format!("pa list {}", srv.host_port())), "{e}");
}

#[test]
fn body_over_the_cap_is_refused() {
    let big = vec![b'x'; 5000];
    let b2 = big.clone();
    let srv = Server::start(2, Duration::from_secs(20), move |head| {
        if first_line(head).contains("/chunked") {
            Reply::chunked(&b2, 1000, Duration::ZERO)
        } else {
            Reply::ok("application/octet-stream", &b2)
        }
    });
    let opts = FetchOptions { max_bytes: 4096, ..quiet() };
    let e = err_text(source::read(&srv.url("/len"), &opts).unwrap_err());
    assert!(e.contains("4.9 KiB, larger than 4.0 KiB (--max-bytes)"), "{e}");
    let e = err_text(source::read(&srv.url("/chunked"), &opts).unwrap_err());
    assert!(e.contains("larger than 4.0 KiB (--max-bytes)"), "{e}");
}

#[test]
fn short_body_is_an_error() {
    let srv = Server::one(|_| {
        Reply::raw(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nonly this".to_vec())
    });
    let e = err_text(source::read(&srv.url("/p"), &quiet()).unwrap_err());
    assert!(e.contains("closed after 9 of 1000 bytes"), "{e}");
}

#[test]
fn connection_refused_names_the_url() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let spec = format!("127.0.0.1:{port}/debug/pprof/heap");
    let e = err_text(source::read(&spec, &quiet()).unwrap_err());
    assert!(
        e.starts_with(&format!(
            "http://127.0.0.1:{port}/debug/pprof/heap: connecting to 127.0.0.1:{port}: connection refused"
        )),
        "{e}"
    );
}

#[test]
fn slow_server_times_out() {
    let body = tiny_profile();
    let srv = Server::start(1, Duration::from_secs(9), move |_| {
        Reply::ok("application/octet-stream", &body).delayed(Duration::from_secs(8))
    });
    // The timeout is --timeout + 5 s, as in pprof.
    let opts = FetchOptions { timeout: Some(Duration::from_millis(300)), ..quiet() };
    let t0 = Instant::now();
    let e = err_text(source::read(&srv.url("/debug/pprof/heap"), &opts).unwrap_err());
    let took = t0.elapsed();
    assert!(e.contains("timeout: waiting for the response after 5.3s"), "{e}");
    assert!(took >= Duration::from_secs(5) && took < Duration::from_secs(8), "{took:?}");
}

#[test]
fn countdown_only_when_asked_for() {
    // A timed profile: the server answers after the 1 s "collection".
    let body = tiny_profile();
    let b2 = body.clone();
    let srv = Server::start(2, Duration::from_secs(20), move |_| {
        Reply::ok("application/octet-stream", &b2).delayed(Duration::from_millis(1300))
    });
    let opts = FetchOptions { seconds: Some(1), proxy: Some(ProxyConfig::default()), ..Default::default() };
    let target = pa::source::http::target_for(&srv.host_port(), &opts).unwrap();

    // On a terminal: the live line, drawn with \r and cleared at the end.
    let cap = Capture::default();
    let ui = Ui::new(true, true, Box::new(cap.clone()));
    pa::source::http::fetch(&target, &opts, &ui).unwrap();
    let out = cap.text();
    assert!(out.starts_with(&format!("Fetching profile over HTTP from {}\n", target.url)));
    assert!(out.contains("\r\x1b[KPlease wait... 1s left of 1s"), "{out:?}");
    assert!(out.contains("waiting for the server"), "{out:?}");
    assert!(out.ends_with("\r\x1b[K"), "{out:?}");

    // Not a terminal: pprof's plain lines, no countdown.
    let cap = Capture::default();
    let ui = Ui::new(true, false, Box::new(cap.clone()));
    pa::source::http::fetch(&target, &opts, &ui).unwrap();
    assert_eq!(cap.text(), format!("Fetching profile over HTTP from {}\nPlease wait... (1s)\n", target.url));
    srv.finish();
}

/// main.rs holds `stderr().lock()` while a command runs; the progress
/// thread must not wait for that lock (it would deadlock on join).
#[test]
fn progress_line_does_not_need_the_stderr_lock() {
    let body = tiny_profile();
    let srv = Server::one(move |_| Reply::ok("application/octet-stream", &body).delayed(Duration::from_millis(300)));
    let opts = FetchOptions { seconds: Some(1), progress: Some(true), quiet: false, ..quiet() };
    let (tx, rx) = std::sync::mpsc::channel();
    let spec = srv.host_port();
    std::thread::spawn(move || {
        let held = std::io::stderr().lock();
        let r = source::read(&spec, &opts).map(|d| d.len());
        drop(held);
        let _ = tx.send(r);
    });
    let got = rx.recv_timeout(Duration::from_secs(10)).expect("fetch finished while stderr was locked");
    assert_eq!(got.unwrap(), tiny_profile().len());
    srv.finish();
}

#[test]
fn basic_auth_and_extra_headers() {
    let body = tiny_profile();
    let srv = Server::start(2, Duration::from_secs(20), move |_| Reply::ok("application/octet-stream", &body));
    let spec = format!("http://alice:s%3Acret@{}/debug/pprof/heap", srv.host_port());
    let opts = FetchOptions { headers: vec!["X-Test: 1".into()], ..quiet() };
    source::read(&spec, &opts).unwrap();
    let opts = FetchOptions { headers: vec!["Authorization: Bearer T".into()], ..quiet() };
    source::read(&spec, &opts).unwrap();
    let reqs = srv.finish();
    // alice:s:cret
    assert_eq!(header(&reqs[0], "Authorization"), Some("Basic YWxpY2U6czpjcmV0"));
    assert_eq!(header(&reqs[0], "X-Test"), Some("1"));
    assert_eq!(header(&reqs[1], "Authorization"), Some("Bearer T"));
}

#[test]
fn password_never_appears_in_messages() {
    let srv = Server::one(|_| Reply::status(500, "Internal Server Error", "text/plain", &[], b"boom\n"));
    let spec = format!("http://bob:hunter2@{}/debug/pprof/heap", srv.host_port());
    let e = load_err(&spec, &quiet());
    assert!(!e.contains("hunter2"), "{e}");
    assert!(e.contains("bob:xxxxx@"), "{e}");
}

#[test]
fn bad_header_is_a_usage_error() {
    let opts = FetchOptions { headers: vec!["no colon here".into()], ..quiet() };
    let e = source::read("127.0.0.1:9/x", &opts).unwrap_err();
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn unsupported_scheme_is_reported() {
    let e = err_text(source::read("ftp://127.0.0.1/heap", &quiet()).unwrap_err());
    assert!(e.contains("unsupported URL scheme \"ftp\""), "{e}");
}

#[cfg(not(feature = "https"))]
#[test]
fn https_without_the_feature_says_so() {
    let e = err_text(source::read("https://127.0.0.1:9/debug/pprof/heap", &quiet()).unwrap_err());
    assert!(e.contains("built without HTTPS"), "{e}");
}

/// With HTTPS built in, a TLS failure is one line naming the URL: here the
/// "server" speaks plain HTTP on the port.
#[cfg(feature = "https")]
#[test]
fn tls_failure_is_one_line() {
    let srv = Server::one(|_| Reply::status(400, "Bad Request", "text/plain", &[], b"plain\n"));
    let spec = format!("https+insecure://{}/debug/pprof/heap", srv.host_port());
    let e = err_text(source::read(&spec, &quiet()).unwrap_err());
    assert!(e.starts_with(&format!("{spec}: TLS: ")), "{e}");
    assert!(e.contains("try http://"), "{e}");
    assert!(!e.contains('\n'));
    let _ = srv.finish();
}

// ---------------------------------------------------------------------------
// Proxies.

#[test]
fn names_go_through_the_proxy_and_loopback_does_not() {
    let body = tiny_profile();
    let b2 = body.clone();
    // The proxy answers every request itself; nothing leaves the machine.
    let proxy = Server::one(move |_| Reply::ok("application/octet-stream", &b2));
    let direct = Server::one(move |_| Reply::ok("application/octet-stream", &body));
    let opts = FetchOptions {
        proxy: Some(ProxyConfig { http_proxy: format!("http://u:p@{}", proxy.host_port()), ..Default::default() }),
        ..quiet()
    };
    // Loopback: straight to the server, even with a proxy set.
    source::load(&direct.url("/debug/pprof/heap"), &opts).unwrap();
    // A name: absolute-form GET to the proxy (no CONNECT).
    source::load("http://pa-test.invalid/debug/pprof/heap", &opts).unwrap();

    let via_proxy = proxy.finish();
    assert_eq!(via_proxy.len(), 1);
    assert_eq!(first_line(&via_proxy[0]), "GET http://pa-test.invalid/debug/pprof/heap HTTP/1.1");
    assert_eq!(header(&via_proxy[0], "Host"), Some("pa-test.invalid"));
    assert_eq!(header(&via_proxy[0], "Proxy-Authorization"), Some("Basic dTpw"));
    let direct_reqs = direct.finish();
    assert_eq!(direct_reqs.len(), 1);
    assert_eq!(first_line(&direct_reqs[0]), "GET /debug/pprof/heap HTTP/1.1");
}

#[test]
fn proxy_errors_say_via_proxy() {
    let proxy = Server::one(|_| Reply::status(403, "Forbidden", "text/plain", &[], b"Access denied by policy\n"));
    let opts =
        FetchOptions { proxy: Some(ProxyConfig { http_proxy: proxy.host_port(), ..Default::default() }), ..quiet() };
    let e = err_text(source::read("pa-test.invalid:6060", &opts).unwrap_err());
    assert!(
        e.starts_with(
            "http://pa-test.invalid:6060/debug/pprof/profile: server response: 403 Forbidden - Access denied by policy"
        ),
        "{e}"
    );
    proxy.finish();
}

// ---------------------------------------------------------------------------
// pa fetch and pa list.

fn fetch_args(source: &str, out: Option<PathBuf>, raw: bool) -> FetchArgs {
    FetchArgs { source: source.into(), output: out, raw, http: HttpArgs::default() }
}

#[test]
fn pa_fetch_saves_atomically() {
    let dir = scratch_dir("fetch");
    let out = dir.join("heap.pb.gz");
    let body = heap_profile();
    let b2 = body.clone();
    let srv =
        Server::start(3, Duration::from_secs(20), move |head| match first_line(head).split(' ').nth(1).unwrap_or("") {
            "/debug/pprof/heap" => Reply::ok("application/octet-stream", &b2),
            "/notaprofile" => Reply::ok("text/plain", b"hello, not a profile\n"),
            _ => Reply::status(404, "Not Found", "text/plain", &[], b"Unknown profile\n"),
        });
    let cap = Capture::default();
    let ui = Ui::new(true, false, Box::new(cap.clone()));
    let mut stdout = Vec::new();
    let args = fetch_args(&srv.url("/debug/pprof/heap"), Some(out.clone()), false);
    pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut stdout).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), body);
    assert!(stdout.is_empty(), "nothing on stdout");
    assert!(cap.text().contains(&format!("Saved profile in {}", out.display())));

    // A failed fetch and a body that is no profile both leave the old file alone.
    let args = fetch_args(&srv.url("/debug/pprof/nosuch"), Some(out.clone()), false);
    let e = pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut stdout).unwrap_err();
    assert!(e.to_string().contains("404 Not Found"));
    let args = fetch_args(&srv.url("/notaprofile"), Some(out.clone()), false);
    pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut stdout).unwrap_err();
    assert_eq!(std::fs::read(&out).unwrap(), body);
    let names: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["heap.pb.gz".to_string()], "no temporary files left");
    srv.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `pa fetch -o` through a symlink and into a FIFO: neither is replaced
/// by a file.
#[cfg(unix)]
#[test]
fn pa_fetch_through_a_symlink_and_into_a_fifo() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let dir = scratch_dir("special");
    let body = heap_profile();
    let source = testdata("heap-1.pb.gz");
    let ui = Ui::new(true, false, Box::new(Capture::default()));
    let mut stdout = Vec::new();

    std::fs::create_dir(dir.join("real")).unwrap();
    let link = dir.join("heap.pb.gz");
    symlink("real/heap.pb.gz", &link).unwrap();
    let args = fetch_args(source.to_str().unwrap(), Some(link.clone()), false);
    pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut stdout).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(dir.join("real/heap.pb.gz")).unwrap(), body);

    let fifo = dir.join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo").success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read(&reader).unwrap());
    });
    let args = fetch_args(source.to_str().unwrap(), Some(fifo.clone()), false);
    let result = pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut stdout);
    let got = rx.recv_timeout(Duration::from_secs(30));
    let still_fifo = std::fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo());
    let _ = std::fs::remove_dir_all(&dir);
    result.unwrap();
    assert_eq!(got.expect("the reader got the profile"), body);
    assert!(still_fifo, "still a FIFO");
}

#[test]
fn pa_fetch_raw_and_stdout() {
    let dir = scratch_dir("raw");
    let srv = Server::start(2, Duration::from_secs(20), |_| {
        Reply::ok("text/plain", b"goroutine 1 [running]:\nmain.main()\n")
    });
    let ui = Ui::new(false, false, Box::new(Capture::default()));
    let out = dir.join("g.txt");
    let args = fetch_args(&srv.url("/debug/pprof/goroutine?debug=2"), Some(out.clone()), true);
    pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut Vec::new()).unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("goroutine 1"));
    let mut stdout = Vec::new();
    let args = fetch_args(&srv.url("/debug/pprof/goroutine?debug=2"), Some("-".into()), true);
    pa::source::cli::fetch_with(&args, &quiet(), &ui, &mut stdout).unwrap();
    assert!(stdout.starts_with(b"goroutine 1"));
    srv.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A page in the shape of Go's net/http/pprof index.
fn index_page() -> Vec<u8> {
    let rows = [
        ("allocs", 57),
        ("block", 0),
        ("cmdline", 0),
        ("goroutine", 7),
        ("heap", 57),
        ("mutex", 0),
        ("profile", 0),
        ("symbol", 0),
        ("threadcreate", 12),
        ("trace", 0),
    ];
    let mut s = String::from(
        "<html>\n<head>\n<title>/debug/pprof/</title>\n</head>\n<body>\n/debug/pprof/\n<br>\nTypes of profiles available:\n<table>\n<thead><td>Count</td><td>Profile</td></thead>\n",
    );
    for (n, c) in rows {
        s.push_str(&format!("<tr><td>{c}</td><td><a href='{n}?debug=1'>{n}</a></td></tr>\n"));
    }
    s.push_str("</table>\n<ul>\n<li><div class=profile-name>heap: </div> A sampling of memory allocations of live objects.</li>\n</ul>\n</body>\n</html>");
    s.into_bytes()
}

#[test]
fn pa_list_shows_the_index() {
    let srv = Server::one(|_| Reply::ok("text/html; charset=utf-8", &index_page()));
    let args = ListArgs { source: srv.host_port(), http: HttpArgs::default() };
    let ui = Ui::new(false, false, Box::new(Capture::default()));
    let mut out = Vec::new();
    pa::source::cli::list_with(&args, &quiet(), &ui, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let hp = srv.host_port();
    let reqs = srv.finish();
    assert_eq!(first_line(&reqs[0]), "GET /debug/pprof/ HTTP/1.1");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["PROFILE", "COUNT", "COMMAND"]);
    let norm: Vec<String> = lines.iter().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let has = |want: String| assert!(norm.contains(&want), "{want:?} in\n{out}");
    has(format!("goroutine 7 pa goroutines {hp}/debug/pprof/goroutine"));
    has(format!("heap 57 pa top {hp}/debug/pprof/heap"));
    has(format!("block 0 pa top {hp}/debug/pprof/block"));
    has(format!("profile pa top --seconds 30 {hp} (CPU, takes 30s)"));
    has("trace (execution trace: go tool trace, not a pprof profile)".into());
    // The columns line up.
    let col = lines[0].find("COMMAND").unwrap();
    assert!(
        lines.iter().skip(1).all(|l| l.len() > col && l.as_bytes()[col - 1] == b' ' && l.as_bytes()[col] != b' '),
        "{out}"
    );
}

#[test]
fn pa_list_on_a_profile_url_uses_its_index() {
    let srv = Server::one(|_| Reply::ok("text/html", &index_page()));
    let args = ListArgs { source: srv.url("/debug/pprof/heap?debug=1"), http: HttpArgs::default() };
    let ui = Ui::new(false, false, Box::new(Capture::default()));
    pa::source::cli::list_with(&args, &quiet(), &ui, &mut Vec::new()).unwrap();
    assert_eq!(first_line(&srv.finish()[0]), "GET /debug/pprof/ HTTP/1.1");
}

#[test]
fn pa_list_on_something_else() {
    let srv = Server::one(|_| Reply::ok("text/html", b"<html><body>hello</body></html>"));
    let args = ListArgs { source: srv.host_port(), http: HttpArgs::default() };
    let ui = Ui::new(false, false, Box::new(Capture::default()));
    let e = pa::source::cli::list_with(&args, &quiet(), &ui, &mut Vec::new()).unwrap_err();
    assert!(e.to_string().contains("not a net/http/pprof index"), "{e}");
}

// ---------------------------------------------------------------------------
// End to end against Go's own net/http/pprof server (needs Go).

/// The `go` command: `PA_TEST_GO`, else `go` on PATH.
fn go_command() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PA_TEST_GO") {
        return Some(PathBuf::from(p));
    }
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join("go")).find(|p| p.is_file())
}

const GO_SERVER: &str = r#"package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(l.Addr().String())
	os.Stdout.Sync()
	go func() { time.Sleep(60 * time.Second); os.Exit(0) }()
	go func() {
		for {
			x := make([]byte, 1<<16)
			_ = x
			time.Sleep(time.Millisecond)
		}
	}()
	http.Serve(l, nil)
}
"#;

#[test]
#[ignore = "needs Go (PA_TEST_GO or go on PATH); run with --ignored"]
fn go_net_http_pprof_end_to_end() {
    let Some(go) = go_command() else {
        panic!("skipped: no Go toolchain (set PA_TEST_GO or put go on PATH); this test cannot pass without Go");
    };
    let dir = scratch_dir("go");
    std::fs::write(dir.join("go.mod"), "module patest\n\ngo 1.21\n").unwrap();
    std::fs::write(dir.join("main.go"), GO_SERVER).unwrap();
    let status = std::process::Command::new(&go)
        .args(["build", "-o", "srv", "."])
        .current_dir(&dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .status()
        .expect("running go build");
    assert!(status.success(), "go build failed");
    let mut child = std::process::Command::new(dir.join("srv")).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let hp = line.trim().to_string();
    let result = std::panic::catch_unwind(|| {
        let d = source::load(&format!("{hp}/debug/pprof/heap"), &quiet()).unwrap();
        assert!(d.gzipped);
        source::load(&format!("{hp}/debug/pprof/goroutine"), &quiet()).unwrap();
        let opts = FetchOptions { seconds: Some(1), ..quiet() };
        source::load(&hp, &opts).expect("1 s CPU profile");
        let e = source::read(&format!("{hp}/debug/pprof/nosuch"), &quiet()).unwrap_err();
        assert!(e.to_string().ends_with("server response: 404 Not Found - Unknown profile"), "{e}");
        let e = load_err(&format!("{hp}/debug/pprof/"), &quiet());
        assert!(e.contains("HTML page"), "{e}");
        let args = ListArgs { source: hp.clone(), http: HttpArgs::default() };
        let ui = Ui::new(false, false, Box::new(Capture::default()));
        let mut out = Vec::new();
        pa::source::cli::list_with(&args, &quiet(), &ui, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(&format!("pa goroutines {hp}/debug/pprof/goroutine")), "{out}");
        let mut body = Vec::new();
        TcpStream::connect(&hp)
            .and_then(|mut s| {
                s.write_all(b"GET /debug/pprof/cmdline HTTP/1.0\r\n\r\n")?;
                s.read_to_end(&mut body)
            })
            .unwrap();
        assert!(body.starts_with(b"HTTP/1.0 200"));
    });
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
