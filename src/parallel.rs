//! When pa puts work on a second core. A thread costs its creation, a
//! stack, a fresh allocator arena and, on a busy machine, a wait for the
//! scheduler: tens to hundreds of microseconds, which is most of the run
//! on a small profile. So a second core is used only for work past a
//! size where it pays, and only when the machine (or the container's CPU
//! quota) grants one. The standard library reads the cgroup files at
//! every call of `available_parallelism`, so it is asked once.

use std::sync::OnceLock;

/// Whether `work` items (from `from` on) are worth a second thread here.
pub fn second_core(work: usize, from: usize) -> bool {
    work >= from && cores() > 1
}

fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_work_stays_on_one_core() {
        assert!(!second_core(10, 11));
        assert_eq!(second_core(11, 11), cores() > 1);
    }
}
