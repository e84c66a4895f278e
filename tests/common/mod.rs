//! A small HTTP server on 127.0.0.1 for the tests of `pa watch` and `pa
//! collect`: the route sees each request's path and how many times that
//! path was asked for before, so what it serves can change from request to
//! request. It stops by itself after a bounded life or number of
//! connections.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn ok(body: Vec<u8>) -> Reply {
        Reply { status: 200, content_type: "application/octet-stream", body }
    }
    pub fn text(body: String) -> Reply {
        Reply { status: 200, content_type: "text/plain; charset=utf-8", body: body.into_bytes() }
    }
    pub fn error(status: u16, text: &str) -> Reply {
        Reply { status, content_type: "text/plain; charset=utf-8", body: format!("{text}\n").into_bytes() }
    }
}

pub struct Server {
    pub addr: SocketAddr,
    /// Request targets (path and query) in the order received.
    pub requests: Arc<Mutex<Vec<String>>>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    /// `route(path, n, target)`: the reply to the `n`-th (from 0) request
    /// for `path` (the query left out; `target` has it).
    pub fn start(life: Duration, route: impl Fn(&str, usize, &str) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let reqs = requests.clone();
        let handle = std::thread::spawn(move || {
            let end = Instant::now() + life;
            let mut counts: HashMap<String, usize> = HashMap::new();
            let mut served = 0;
            while served < 500 && Instant::now() < end {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                served += 1;
                stream.set_nonblocking(false).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut r = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                if r.read_line(&mut first).is_err() {
                    continue;
                }
                loop {
                    let mut line = String::new();
                    match r.read_line(&mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(_) if line == "\r\n" || line == "\n" => break,
                        Ok(_) => {}
                    }
                }
                let target = first.split_whitespace().nth(1).unwrap_or("").to_string();
                let path = target.split('?').next().unwrap_or("").to_string();
                let n = counts.entry(path.clone()).or_insert(0);
                let reply = route(&path, *n, &target);
                *n += 1;
                reqs.lock().unwrap().push(target);
                let reason = match reply.status {
                    200 => "OK",
                    404 => "Not Found",
                    500 => "Internal Server Error",
                    _ => "Status",
                };
                let mut w = stream;
                let head = format!(
                    "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    reply.status,
                    reply.content_type,
                    reply.body.len()
                );
                let _ = w.write_all(head.as_bytes()).and_then(|_| w.write_all(&reply.body));
                let _ = w.flush();
                let _ = w.shutdown(std::net::Shutdown::Both);
            }
        });
        Server { addr, requests, handle: Some(handle) }
    }

    pub fn host_port(&self) -> String {
        self.addr.to_string()
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The thread ends by itself; it is not waited for, so a failing
        // test does not hang on a server with life left.
        drop(self.handle.take());
    }
}

pub fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles").join(name)
}

pub fn read_testdata(name: &str) -> Vec<u8> {
    std::fs::read(testdata(name)).unwrap_or_else(|e| panic!("testdata/profiles/{name}: {e}"))
}

/// A fresh empty directory under the target directory.
pub fn scratch_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The names in a directory, sorted (hidden files included).
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    v.sort();
    v
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `pa` with `args`, its environment fixed: no proxy, no colour.
pub fn pa_command(args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_pa"));
    c.args(args).env_remove("HTTP_PROXY").env_remove("http_proxy").env("NO_COLOR", "1");
    c
}

pub fn pa(args: &[&str]) -> Run {
    let out = pa_command(args).output().expect("run pa");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub const SIGINT: i32 = 2;
pub const SIGTERM: i32 = 15;

/// A process started in the background with stdout and stderr piped,
/// killed and reaped when dropped, so a test that fails (or panics) half
/// way never leaves it running. Give `pa` a `--for` as well, so even a
/// guard that never drops (a test binary killed) leaves nothing behind
/// for long.
pub struct Background(pub std::process::Child);

impl Background {
    pub fn spawn(cmd: &mut std::process::Command) -> Background {
        use std::process::Stdio;
        Background(cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start the process"))
    }

    pub fn signal(&self, sig: i32) {
        unsafe extern "C" {
            fn kill(pid: i32, sig: i32) -> i32;
        }
        // SAFETY: signals the child this guard owns and has not reaped.
        assert_eq!(unsafe { kill(self.0.id() as i32, sig) }, 0);
    }

    /// Still running?
    pub fn running(&mut self) -> bool {
        self.0.try_wait().unwrap().is_none()
    }

    /// Waits for the exit, failing the test after `limit`.
    pub fn wait(&mut self, limit: Duration) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(s) = self.0.try_wait().unwrap() {
                return s;
            }
            assert!(start.elapsed() < limit, "still running after {limit:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// All of stderr (after the exit).
    pub fn stderr(&mut self) -> String {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut self.0.stderr.take().unwrap(), &mut s).unwrap();
        s
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
