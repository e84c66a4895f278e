//! The clock `pa watch` and `pa collect` share: ticks on a fixed schedule
//! (start + k × every, so a slow fetch does not make the series drift),
//! `--for` and `--count` limits, and Ctrl-C (or SIGTERM, which is what a
//! pod's shutdown sends) as a request to stop cleanly after the current
//! tick, so the summary is printed and no file is left half written.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// When to tick and when to stop.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub every: Duration,
    /// `--for`: no tick is started at or after start + limit.
    pub limit: Option<Duration>,
    /// `--count`: at most this many ticks.
    pub count: Option<u64>,
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
    Limit,
    Interrupted,
}

/// How long a wait sleeps at a time: short, so Ctrl-C is answered at once.
const SLICE: Duration = Duration::from_millis(50);

pub struct Ticker {
    schedule: Schedule,
    start: Instant,
    next_index: u64,
    done: u64,
}

impl Ticker {
    /// The first tick is due at once.
    pub fn start(schedule: Schedule) -> Ticker {
        Ticker { schedule, start: Instant::now(), next_index: 0, done: 0 }
    }

    /// Time since the first tick was due.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Sleeps until the next tick is due, or says why there is none.
    pub fn wait(&mut self) -> Next {
        if interrupted() {
            return Next::Done(Stop::Interrupted);
        }
        if self.schedule.count.is_some_and(|c| self.done >= c) {
            return Next::Done(Stop::Count);
        }
        let (index, skipped) = plan(self.schedule.every, self.start.elapsed(), self.next_index);
        let due_in = offset(self.schedule.every, index);
        if self.schedule.limit.is_some_and(|l| due_in >= l) {
            return Next::Done(Stop::Limit);
        }
        let due = self.start + due_in;
        loop {
            if interrupted() {
                return Next::Done(Stop::Interrupted);
            }
            let now = Instant::now();
            if now >= due {
                break;
            }
            std::thread::sleep((due - now).min(SLICE));
        }
        self.next_index = index + 1;
        self.done += 1;
        Next::Tick { index, skipped }
    }
}

/// The time of tick `index` after the start.
fn offset(every: Duration, index: u64) -> Duration {
    every.saturating_mul(u32::try_from(index).unwrap_or(u32::MAX))
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

/// Makes SIGINT and SIGTERM set a flag instead of killing the process, so
/// the loop can finish its tick and print its summary. A second Ctrl-C
/// kills as usual (the handler puts the default action back), for a tick
/// stuck on a slow server.
///
/// A plain `signal(2)` through `extern "C"`, as `render::terminal` does
/// for `ioctl`: the handler only stores to an atomic and calls `signal`,
/// both async-signal-safe, so a crate for it would add nothing.
pub fn catch_interrupts() {
    #[cfg(unix)]
    {
        use std::ffi::c_int;
        const SIGINT: c_int = 2;
        const SIGTERM: c_int = 15;
        const SIG_DFL: usize = 0;
        unsafe extern "C" {
            fn signal(signum: c_int, handler: usize) -> usize;
        }
        extern "C" fn on_signal(sig: c_int) {
            STOP.store(true, Ordering::SeqCst);
            // SAFETY: signal() is async-signal-safe; SIG_DFL restores the default action.
            unsafe {
                signal(sig, SIG_DFL);
            }
        }
        let handler = on_signal as extern "C" fn(c_int) as usize;
        // SAFETY: the handler has the signature signal() expects and only
        // touches an atomic and signal() itself.
        unsafe {
            signal(SIGINT, handler);
            signal(SIGTERM, handler);
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
        assert_eq!(offset(every, 5), Duration::from_secs(1));
        assert_eq!(plan(every, Duration::from_millis(1010), 5), (5, 0));
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
