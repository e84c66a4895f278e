//! The terminal pa writes to: how wide it is (pa's terminal views fit
//! their lines to it; `--width` or `$COLUMNS` win; off a terminal, 100)
//! and how tall (a view redrawn in place must fit its height).

use std::io::IsTerminal;

/// Columns for terminal views: the `--width` flag, `$COLUMNS`, the
/// terminal's width, else 100; never below 40.
pub fn columns(flag: Option<usize>) -> usize {
    if let Some(w) = flag {
        return w.max(40);
    }
    if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok())
        && w > 0
    {
        return w.max(40);
    }
    if std::io::stdout().is_terminal()
        && let Some((_, w)) = window_size()
    {
        return w.max(40);
    }
    100
}

/// Lines of the terminal: `$LINES`, else the terminal's height; None off a
/// terminal (nothing to fit).
pub fn rows() -> Option<usize> {
    if let Some(h) = std::env::var("LINES").ok().and_then(|c| c.trim().parse::<usize>().ok())
        && h > 0
    {
        return Some(h);
    }
    if std::io::stdout().is_terminal()
        && let Some((h, _)) = window_size()
    {
        return Some(h);
    }
    None
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
/// Rows and columns of the terminal on stdout.
fn window_size() -> Option<(usize, usize)> {
    #[repr(C)]
    struct WinSize {
        rows: u16,
        cols: u16,
        xpixel: u16,
        ypixel: u16,
    }
    unsafe extern "C" {
        fn ioctl(fd: std::ffi::c_int, request: std::ffi::c_ulong, ...) -> std::ffi::c_int;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const TIOCGWINSZ: std::ffi::c_ulong = 0x5413;
    #[cfg(target_os = "macos")]
    const TIOCGWINSZ: std::ffi::c_ulong = 0x4008_7468;
    let mut ws = WinSize { rows: 0, cols: 0, xpixel: 0, ypixel: 0 };
    // SAFETY: TIOCGWINSZ writes one winsize struct into the pointer given.
    let r = unsafe { ioctl(1, TIOCGWINSZ, &mut ws as *mut WinSize) };
    (r == 0 && ws.cols > 0 && ws.rows > 0).then_some((ws.rows as usize, ws.cols as usize))
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn window_size() -> Option<(usize, usize)> {
    None
}
