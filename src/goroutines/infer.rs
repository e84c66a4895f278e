//! States inferred from the stack when the form does not print them
//! (goroutines.md §4.6). debug=0 keeps the leading runtime frames, so the
//! wait reason can be read off them; debug=1 hides them and only the first
//! visible frame is left, which says nothing for channel operations and
//! select (`?`).

/// From a debug=0 stack, innermost first, runtime frames included.
pub fn from_full_stack(funcs: &[&str]) -> &'static str {
    let Some(&leaf) = funcs.first() else {
        // Created but not yet started: only goexit was on the stack.
        return "runnable";
    };
    if leaf == "runtime.gopark" || leaf == "runtime.goparkunlock" {
        let mut rest = funcs[1..].iter().copied();
        let mut next = rest.next().unwrap_or("");
        if next == "runtime.goparkunlock" {
            next = rest.next().unwrap_or("");
        }
        return match next {
            "runtime.selectgo" => "select",
            "runtime.block" => "select (no cases)",
            "runtime.chanrecv" => "chan receive",
            "runtime.chansend" => "chan send",
            "runtime.netpollblock" | "internal/poll.runtime_pollWait" => "IO wait",
            "time.Sleep" => "sleep",
            "runtime.semacquire1" | "runtime.semrelease1" => {
                let after: Vec<&str> = rest.take(2).collect();
                semacquire(after.first().copied().unwrap_or(""), after.get(1).copied())
            }
            "sync.runtime_notifyListWait" => "sync.Cond.Wait",
            "runtime.gcBgMarkWorker" => "GC worker (idle)",
            "runtime.bgsweep" => "GC sweep wait",
            "runtime.bgscavenge" => "GC scavenge wait",
            "runtime.forcegchelper" => "force gc (idle)",
            "runtime.runfinq" => "finalizer wait",
            "runtime.runCleanups" => "cleanup wait",
            _ => "waiting",
        };
    }
    if leaf == "runtime.Gosched" || leaf == "runtime.goschedIfBusy" || leaf == "runtime.asyncPreempt" {
        return "runnable";
    }
    if funcs.iter().take(4).any(|f| is_syscall(f)) {
        return "syscall";
    }
    // No park at the leaf: on a CPU, typically the profiler goroutine.
    "running"
}

fn is_syscall(f: &str) -> bool {
    f.starts_with("syscall.Syscall")
        || f.starts_with("syscall.RawSyscall")
        || f.starts_with("syscall.syscall")
        || f.starts_with("internal/runtime/syscall")
        || f.starts_with("runtime/internal/syscall")
        || f == "runtime.entersyscall"
}

fn semacquire(caller: &str, next: Option<&str>) -> &'static str {
    match caller {
        "sync.runtime_SemacquireMutex" | "internal/sync.runtime_SemacquireMutex" => "sync.Mutex.Lock",
        "sync.runtime_SemacquireRWMutexR" => "sync.RWMutex.RLock",
        "sync.runtime_SemacquireRWMutex" => "sync.RWMutex.Lock",
        "sync.runtime_SemacquireWaitGroup" => "sync.WaitGroup.Wait",
        "sync.runtime_Semacquire" if next == Some("sync.(*WaitGroup).Wait") => "sync.WaitGroup.Wait",
        _ => "semacquire",
    }
}

/// From a debug=1 stack: only the visible frames (runtime hidden).
pub fn from_visible_stack(funcs: &[&str]) -> &'static str {
    let Some(&leaf) = funcs.first() else {
        return "runnable";
    };
    match leaf {
        "internal/poll.runtime_pollWait" => "IO wait",
        "time.Sleep" => "sleep",
        "sync.runtime_notifyListWait" => "sync.Cond.Wait",
        _ if leaf.contains("runtime_Semacquire") => semacquire(leaf, funcs.get(1).copied()),
        _ if is_syscall(leaf) => "syscall",
        _ if leaf.starts_with("runtime/pprof.") => "running",
        // A user frame on top: a channel operation or a select, which the
        // hidden runtime frames would have told apart.
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_stacks() {
        assert_eq!(from_full_stack(&["runtime.gopark", "runtime.selectgo", "main.f"]), "select");
        assert_eq!(
            from_full_stack(&["runtime.gopark", "runtime.chanrecv", "runtime.chanrecv1", "main.f"]),
            "chan receive"
        );
        assert_eq!(
            from_full_stack(&[
                "runtime.gopark",
                "runtime.goparkunlock",
                "runtime.semacquire1",
                "sync.runtime_Semacquire",
                "sync.(*WaitGroup).Wait"
            ]),
            "sync.WaitGroup.Wait"
        );
        assert_eq!(from_full_stack(&[]), "runnable");
        assert_eq!(from_full_stack(&["runtime/pprof.writeRuntimeProfile"]), "running");
        assert_eq!(from_full_stack(&["runtime.gopark", "main.odd"]), "waiting");
    }

    #[test]
    fn visible_stacks() {
        assert_eq!(from_visible_stack(&["main.f"]), "?");
        assert_eq!(from_visible_stack(&["time.Sleep", "main.f"]), "sleep");
        assert_eq!(from_visible_stack(&["sync.runtime_SemacquireMutex", "sync.(*Mutex).lockSlow"]), "sync.Mutex.Lock");
    }
}
