//! The clock `pa watch` and `pa collect` share: ticks on a fixed schedule
//! (start + k × every, so a slow fetch does not make the series drift),
//! `--for` and `--count` limits, and Ctrl-C (or SIGTERM, which is what a
//! pod's shutdown sends) as a request to stop cleanly after the current
//! tick, so the summary is printed and no file is left half written. Also
//! the rules both commands apply to their options, so they cannot drift
//! apart: what `--every`, `--for` and `--count` accept, the fetch timeout
//! an interval implies, and why `--seconds` is refused.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use clap::Args;

use crate::error::{Error, Result};
use crate::source::cli::{HttpArgs, parse_duration};
use crate::source::http::go_duration;

// `--every`, `--for` and `--count`. Each command sets the default and the
// help of `--every` (`mut_arg`), since its interval and its minimum differ.
#[derive(Args, Debug, Clone)]
pub struct ScheduleArgs {
    /// Time between ticks, on a fixed schedule
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "10s")]
    pub every: Duration,

    /// Stop after this long (10m, 1h); nothing starts after it
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub for_: Option<Duration>,

    /// Stop after N ticks
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
}

/// The longest `--every`: a longer interval is a cron job's, and the bound
/// keeps every tick's time far inside what the clock can represent.
pub const MAX_EVERY: Duration = Duration::from_secs(24 * 3600);

impl ScheduleArgs {
    /// The schedule, or a usage error for an interval below `min` (`why`
    /// says what a shorter one would cost the server) or above
    /// [`MAX_EVERY`], or a `--for` of zero.
    pub fn schedule(&self, min: Duration, why: &str) -> Result<Schedule> {
        if self.every < min {
            return Err(Error::usage(format!(
                "--every {}: at least {} ({why})",
                go_duration(self.every),
                go_duration(min)
            )));
        }
        if self.every > MAX_EVERY {
            return Err(Error::usage(format!(
                "--every {}: at most {} (for longer intervals, run it from cron with --count 1)",
                go_duration(self.every),
                go_duration(MAX_EVERY)
            )));
        }
        if self.for_.is_some_and(|d| d.is_zero()) {
            return Err(Error::usage("--for must be more than 0"));
        }
        Ok(Schedule { every: self.every, limit: self.for_, count: self.count })
    }
}

/// `--seconds` makes no sense for a command that fetches snapshots on a
/// schedule: refused with `instead`, the flag that does what was meant
/// (the commands hide it from their help with [`hide_seconds`]).
pub fn refuse_seconds(http: &HttpArgs, instead: &str) -> Result<()> {
    match http.seconds {
        Some(_) => Err(Error::usage(format!("--seconds does not apply; {instead}"))),
        None => Ok(()),
    }
}

/// For `#[command(mut_arg("seconds", ticker::hide_seconds))]`: see
/// [`refuse_seconds`].
pub fn hide_seconds(a: clap::Arg) -> clap::Arg {
    a.hide(true)
}

/// `2m10s`, to the tenth of a second below a minute: how long a run took,
/// in both commands' titles and summaries.
pub fn elapsed_text(d: Duration) -> String {
    let d = if d >= Duration::from_secs(60) {
        Duration::from_secs(d.as_secs())
    } else {
        Duration::from_millis(d.as_millis() as u64 / 100 * 100)
    };
    go_duration(d)
}

/// When to tick and when to stop.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub every: Duration,
    /// `--for`: no tick is started at or after start + limit.
    pub limit: Option<Duration>,
    /// `--count`: at most this many ticks.
    pub count: Option<u64>,
}

impl Schedule {
    /// The timeout of a snapshot fetch: `given` (`--timeout`), else the
    /// interval within 1 s to 60 s, so a hung server costs about one tick
    /// rather than pprof's minute (the fetch adds its 5 s of slack).
    pub fn fetch_timeout(&self, given: Option<Duration>) -> Option<Duration> {
        given.or(Some(self.every.clamp(Duration::from_secs(1), Duration::from_secs(60))))
    }
}

/// What [`Ticker::wait`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Tick number `index` of the schedule (0 is the start) is due now;
    /// `skipped` scheduled ticks were passed over because the previous
    /// tick ran past them.
    Tick {
        index: u64,
        skipped: u64,
    },
    Done(Stop),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Count,
    /// `--for` has passed (or the next tick would fall beyond what the
    /// clock can represent, which a bounded `--every` never reaches).
    Limit,
    Interrupted,
}

/// How long a wait sleeps at a time: short, so Ctrl-C is answered at once.
const SLICE: Duration = Duration::from_millis(50);

pub struct Ticker {
    schedule: Schedule,
    start: Instant,
    /// The wall clock at `start`, for names that carry a tick's time.
    wall_start: SystemTime,
    next_index: u64,
    done: u64,
}

impl Ticker {
    /// The first tick is due at once.
    pub fn start(schedule: Schedule) -> Ticker {
        Ticker { schedule, start: Instant::now(), wall_start: SystemTime::now(), next_index: 0, done: 0 }
    }

    /// Time since the first tick was due.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// The wall-clock time tick `index` is scheduled for: the start's plus
    /// index × every, so two ticks never share a second when every is at
    /// least one, however late either of them runs.
    pub fn scheduled_wall(&self, index: u64) -> Option<SystemTime> {
        self.wall_start.checked_add(offset(self.schedule.every, index)?)
    }

    /// Sleeps until the next tick is due, or says why there is none.
    pub fn wait(&mut self) -> Next {
        if interrupted() {
            return Next::Done(Stop::Interrupted);
        }
        if self.schedule.count.is_some_and(|c| self.done >= c) {
            return Next::Done(Stop::Count);
        }
        let elapsed = self.start.elapsed();
        let (index, skipped) = plan(self.schedule.every, elapsed, self.next_index);
        let Some(due) = offset(self.schedule.every, index).and_then(|d| Some((d, self.start.checked_add(d)?))) else {
            return Next::Done(Stop::Limit);
        };
        // A late tick is due before the limit but would start after it.
        if self.schedule.limit.is_some_and(|l| due.0 >= l || elapsed >= l) {
            return Next::Done(Stop::Limit);
        }
        loop {
            if interrupted() {
                return Next::Done(Stop::Interrupted);
            }
            let now = Instant::now();
            if now >= due.1 {
                break;
            }
            std::thread::sleep((due.1 - now).min(SLICE));
        }
        self.next_index = index + 1;
        self.done += 1;
        Next::Tick { index, skipped }
    }
}

/// The time of tick `index` after the start, None past what a Duration
/// holds; in u128 nanoseconds, so a short interval never runs out of
/// indices.
fn offset(every: Duration, index: u64) -> Option<Duration> {
    let ns = every.as_nanos().checked_mul(u128::from(index))?;
    let secs = u64::try_from(ns / 1_000_000_000).ok()?;
    Some(Duration::new(secs, (ns % 1_000_000_000) as u32))
}

/// Which tick comes next when `elapsed` has passed since the start and
/// `next` is the one the schedule expects: `next` itself while its time has
/// not passed by a whole interval, else the latest tick already due (the
/// ones in between are skipped rather than fired in a burst).
pub fn plan(every: Duration, elapsed: Duration, next: u64) -> (u64, u64) {
    let every_ns = every.as_nanos().max(1);
    let due_now = u64::try_from(elapsed.as_nanos() / every_ns).unwrap_or(u64::MAX);
    if due_now > next { (due_now, due_now - next) } else { (next, 0) }
}

static STOP: AtomicBool = AtomicBool::new(false);

/// Has Ctrl-C (or SIGTERM) asked to stop?
pub fn interrupted() -> bool {
    STOP.load(Ordering::SeqCst)
}

extern "C" fn on_signal(_: std::ffi::c_int) {
    // An atomic store is async-signal-safe; nothing else happens here.
    STOP.store(true, Ordering::SeqCst);
}

/// Makes SIGINT and SIGTERM set a flag instead of killing the process, so
/// the loop can finish its tick and print its summary. A second Ctrl-C
/// kills as usual (SA_RESETHAND puts the default action back on the
/// first), for a tick stuck on a slow server. A signal the parent set to
/// be ignored (`nohup`, a script's background job) stays ignored: pa must
/// not be the one process such a Ctrl-C stops. SA_RESTART keeps a read or
/// write that the signal interrupts going.
///
/// `sigaction(2)` through `extern "C"`, as `render::terminal` does for
/// `ioctl`, so a crate would add nothing; its struct is laid out per
/// platform, so only where that layout is known (elsewhere a Ctrl-C
/// simply kills, as it would without pa's handling).
pub fn catch_interrupts() {
    #[cfg(any(
        all(target_os = "linux", not(any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"))),
        target_os = "macos"
    ))]
    {
        use std::ffi::c_int;
        // The generic Linux layout (glibc and musl): handler, a 1024-bit
        // mask, flags, restorer.
        #[cfg(target_os = "linux")]
        #[repr(C)]
        struct SigAction {
            handler: usize,
            mask: [u8; 128],
            flags: c_int,
            restorer: usize,
        }
        #[cfg(target_os = "linux")]
        const FLAGS: c_int = (0x1000_0000u32 | 0x8000_0000u32) as c_int; // SA_RESTART | SA_RESETHAND
        #[cfg(target_os = "macos")]
        #[repr(C)]
        struct SigAction {
            handler: usize,
            mask: u32,
            flags: c_int,
        }
        #[cfg(target_os = "macos")]
        const FLAGS: c_int = 0x0002 | 0x0004; // SA_RESTART | SA_RESETHAND
        const SIG_IGN: usize = 1;
        unsafe extern "C" {
            fn sigaction(signum: c_int, act: *const SigAction, old: *mut SigAction) -> c_int;
        }
        for sig in [2, 15] {
            // SAFETY: an all-zero struct is a valid "default action, empty
            // mask, no flags" value for sigaction to read or overwrite.
            let mut old: SigAction = unsafe { std::mem::zeroed() };
            // SAFETY: a null act only reads the current action into `old`.
            if unsafe { sigaction(sig, std::ptr::null(), &mut old) } != 0 || old.handler == SIG_IGN {
                continue;
            }
            // SAFETY: as above; the mask stays empty.
            let mut act: SigAction = unsafe { std::mem::zeroed() };
            act.handler = on_signal as extern "C" fn(c_int) as usize;
            act.flags = FLAGS;
            // SAFETY: the handler has the signature sigaction expects and
            // only stores to an atomic.
            unsafe {
                sigaction(sig, &act, std::ptr::null_mut());
            }
        }
    }
}

/// Prints `line` on stderr as soon as Ctrl-C is pressed, from a thread:
/// the loop may be in the middle of a long fetch (a CPU profile) and only
/// stop after it, and the user should know the key was heard. Writes on a
/// duplicate of file descriptor 2, since the command holds stderr's lock.
/// [`Notice::finish`] waits for the line once the loop is over, so it
/// comes before the summary.
pub fn notice_on_interrupt(line: &'static str) -> Notice {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
            let mut w = std::fs::File::from(fd);
            return Notice(Some(std::thread::spawn(move || {
                while !interrupted() {
                    std::thread::sleep(SLICE);
                }
                let _ = std::io::Write::write_all(&mut w, format!("{line}\n").as_bytes());
            })));
        }
    }
    let _ = line;
    Notice(None)
}

pub struct Notice(Option<std::thread::JoinHandle<()>>);

impl Notice {
    /// After an interrupt, waits for the line to be written; otherwise
    /// leaves the thread (it ends with the process).
    pub fn finish(mut self) {
        if interrupted()
            && let Some(h) = self.0.take()
        {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn a_tick_on_time_or_slightly_late_is_kept() {
        assert_eq!(plan(S, Duration::ZERO, 0), (0, 0));
        assert_eq!(plan(S, Duration::from_millis(300), 1), (1, 0));
        // Tick 1 was due at 1 s; at 1.9 s it is late but still the next one.
        assert_eq!(plan(S, Duration::from_millis(1900), 1), (1, 0));
    }

    #[test]
    fn ticks_a_slow_fetch_ran_past_are_skipped_not_bunched() {
        // Tick 1 was due at 1 s, the previous tick ended at 3.5 s: ticks 1
        // and 2 are skipped, tick 3 (due at 3 s) runs now.
        assert_eq!(plan(S, Duration::from_millis(3500), 1), (3, 2));
    }

    #[test]
    fn the_schedule_does_not_drift() {
        let every = Duration::from_millis(200);
        // Whatever time the ticks took, tick k is due at k × every.
        assert_eq!(offset(every, 5), Some(Duration::from_secs(1)));
        assert_eq!(plan(every, Duration::from_millis(1010), 5), (5, 0));
    }

    #[test]
    fn offsets_go_on_past_u32_ticks_and_never_overflow() {
        // Five billion 1 ns ticks are 5 s, not u32::MAX ns (stuck before --for).
        assert_eq!(offset(Duration::from_nanos(1), 5_000_000_000), Some(Duration::from_secs(5)));
        assert_eq!(offset(Duration::from_millis(1500), 3), Some(Duration::from_millis(4500)));
        assert_eq!(offset(Duration::MAX, 2), None);
        assert_eq!(offset(Duration::from_secs(u64::MAX), u64::MAX), None);
    }

    #[test]
    fn a_tick_beyond_the_clock_ends_the_run_instead_of_panicking() {
        let mut t = Ticker::start(Schedule { every: Duration::from_secs(u64::MAX), limit: None, count: Some(3) });
        assert_eq!(t.wait(), Next::Tick { index: 0, skipped: 0 });
        assert_eq!(t.wait(), Next::Done(Stop::Limit));
        assert_eq!(t.scheduled_wall(1), None);
    }

    #[test]
    fn a_late_tick_does_not_start_after_the_limit() {
        let every = Duration::from_secs(1);
        let mut t = Ticker::start(Schedule { every, limit: Some(Duration::from_millis(1500)), count: None });
        assert_eq!(t.wait(), Next::Tick { index: 0, skipped: 0 });
        // Tick 0 ran until 1.6 s: tick 1 (due at 1 s, before the 1.5 s
        // limit) would start after it.
        t.start -= Duration::from_millis(1600);
        assert_eq!(t.wait(), Next::Done(Stop::Limit));
    }

    #[test]
    fn ticks_are_stamped_with_their_scheduled_time() {
        let t = Ticker::start(Schedule { every: Duration::from_millis(1500), limit: None, count: None });
        assert_eq!(t.scheduled_wall(0), Some(t.wall_start));
        assert_eq!(t.scheduled_wall(4), Some(t.wall_start + Duration::from_secs(6)));
    }

    fn args(every: &str, for_: Option<&str>) -> ScheduleArgs {
        ScheduleArgs {
            every: parse_duration(every).unwrap(),
            for_: for_.map(|f| parse_duration(f).unwrap()),
            count: None,
        }
    }

    #[test]
    fn schedule_options_are_bounded() {
        let min = Duration::from_millis(100);
        let s = args("250ms", Some("1h")).schedule(min, "why").unwrap();
        assert_eq!((s.every, s.limit), (Duration::from_millis(250), Some(Duration::from_secs(3600))));
        assert!(args("100ms", None).schedule(min, "why").is_ok());
        assert!(args("24h", None).schedule(min, "why").is_ok());
        for (a, msg) in [
            (args("0", None), "--every 0s: at least 0.1s (why)"),
            (args("99ms", None), "--every 0.099s: at least 0.1s (why)"),
            (args("18446744073709551615", None), "--every 5124095576030431h0m15s: at most 24h0m0s"),
            (args("1s", Some("0")), "--for must be more than 0"),
        ] {
            let e = a.schedule(min, "why").unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.message.starts_with(msg), "{}", e.message);
        }
    }

    #[test]
    fn the_fetch_timeout_follows_the_interval_within_bounds() {
        let s = |ms| Schedule { every: Duration::from_millis(ms), limit: None, count: None };
        assert_eq!(s(200).fetch_timeout(None), Some(S));
        assert_eq!(s(10_000).fetch_timeout(None), Some(10 * S));
        assert_eq!(s(3_600_000).fetch_timeout(None), Some(60 * S));
        assert_eq!(s(200).fetch_timeout(Some(7 * S)), Some(7 * S));
    }

    #[test]
    fn elapsed_times() {
        assert_eq!(elapsed_text(Duration::from_millis(2345)), "2.3s");
        assert_eq!(elapsed_text(Duration::from_millis(130_900)), "2m10s");
        assert_eq!(elapsed_text(Duration::ZERO), "0s");
    }

    #[test]
    fn limits_stop_the_ticker() {
        let mut t = Ticker::start(Schedule { every: Duration::from_millis(10), limit: None, count: Some(3) });
        let mut n = 0;
        while let Next::Tick { .. } = t.wait() {
            n += 1;
        }
        assert_eq!(n, 3);
        // --for 25ms with a 10 ms interval: ticks at 0, 10 and 20 ms.
        let mut t = Ticker::start(Schedule {
            every: Duration::from_millis(10),
            limit: Some(Duration::from_millis(25)),
            count: None,
        });
        let mut idx = Vec::new();
        let end = loop {
            match t.wait() {
                Next::Tick { index, .. } => idx.push(index),
                Next::Done(s) => break s,
            }
        };
        assert_eq!(end, Stop::Limit);
        // On a busy machine some may be skipped, never one past the limit.
        assert!(!idx.is_empty() && idx.windows(2).all(|w| w[0] < w[1]) && idx.iter().all(|&i| i <= 2), "{idx:?}");
    }
}
