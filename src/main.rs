//! `pa` only parses the command line and dispatches; every command lives in
//! `pa::commands`.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use pa::commands;
use pa::error::Error;

/// musl's allocator is several times slower than glibc's on the decoder's
/// and the tables' many small allocations, and takes a global lock that
/// serializes the decoding threads; the static binary users run is built
/// for musl, so it brings its own (mimalloc: small, and as fast there as
/// glibc's or faster).
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Two of mimalloc's defaults (v3, the version the crate builds) cost pa
/// more than they give; `MIMALLOC_PURGE_DELAY` and `MIMALLOC_ARENA_RESERVE`
/// still win when set. Huge pages, a third, are off at build time (the
/// `no_thp` feature in Cargo.toml).
/// - It keeps freed memory for a second before giving it back; pa frees big
///   tables and builds others at once, so the peak RSS grew by the tables
///   freed (pa top big: 579-624 MB). 10 ms gives it back in time (558 MB,
///   as with no delay at all: 557 MB) without purging and refaulting memory
///   a small run reuses at once (pa top on the benchmark's small profile:
///   782 page faults, 911 with no delay).
/// - It reserves 1 GiB of address space at a time, and the first touch of
///   that arena's bookkeeping costs about 50 page faults in every run, a
///   tenth of a small run's; 64 MiB arenas (more come as needed) do not.
///
/// The first arena is reserved by the first allocation, which the runtime
/// makes before `main`: so this runs as a constructor, before it. (Checked
/// with strace: a 64 MiB first mmap, 1 GiB with `MIMALLOC_ARENA_RESERVE=1G`.
/// Were mimalloc ever to read its options first, the defaults would just
/// not apply.)
#[cfg(target_env = "musl")]
extern "C" fn tune_allocator() {
    // `mi_option_purge_delay` and `mi_option_arena_reserve` in mimalloc.h
    // (KiB for the latter); the bindings do not name them.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const ARENA_RESERVE: libmimalloc_sys::mi_option_t = 23;
    // SAFETY: sets defaults in mimalloc's option table (an environment
    // variable still overrides them); any value is valid, nothing allocates.
    unsafe {
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 10);
        libmimalloc_sys::mi_option_set_default(ARENA_RESERVE, 64 << 10);
    }
}

#[cfg(target_env = "musl")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("PA_GIT_COMMIT"), ")");

/// pa: the pprof analyzer for locked-down containers.
///
/// Reads pprof profiles (gzipped or raw protobuf, Go's text forms) from a
/// file, stdin (-) or a URL, and prints what go tool pprof would.
#[derive(Parser, Debug)]
#[command(name = "pa", version = VERSION, propagate_version = true, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Each command's arguments are built only when it runs (`defer`): building
/// all of them cost every run about 50 page faults and 0.4 M instructions
/// (a small profile's `pa top` is 19 M). Their about
/// lines are here, since `pa --help` lists them unbuilt; and the `Args`
/// structs carry no doc comment, which clap would take for the about line
/// once they are built.
#[derive(Subcommand, Debug)]
#[command(defer = true)]
enum Command {
    /// Show the functions that use the most of a profile (like go tool pprof -top).
    Top(commands::top::TopArgs),
    /// Show what changed between a base profile and a newer one.
    Diff(commands::diff::DiffArgs),
    /// Group the goroutines of a dump or goroutine profile by stack
    #[command(after_help = "Examples:
  curl -s 'localhost:6060/debug/pprof/goroutine?debug=2' | pa goroutines -
  pa goroutines goroutine.pb.gz        # debug=0: states inferred from runtime frames, marked ~
  pa goroutines --group-by creator --min-wait 10m dump.txt
  pa goroutines --state 'chan (send|receive)' --label tenant=acme dump.txt
  pa goroutines --json dump.txt | jq .
  pa goroutines crash.log              # a panic/SIGQUIT crash dump in a log file")]
    Goroutines(pa::goroutines::GoroutinesArgs),
    /// Show what a profile is: format, sample types, time, sizes, MemStats.
    Info(commands::info::InfoArgs),
    /// Fetch a profile from a URL and save it (validated, written atomically)
    #[command(after_help = "Examples:
  pa fetch -o heap-1.pb.gz localhost:6060/debug/pprof/heap
  pa fetch --seconds 10 -o cpu.pb.gz localhost:6060/debug/pprof/profile
  pa fetch -H 'Authorization: Bearer T' https://svc.internal:8443/debug/pprof/heap")]
    Fetch(pa::source::cli::FetchArgs),
    /// List the profiles a /debug/pprof/ index offers, with counts and commands
    #[command(after_help = "Examples:
  pa list localhost:6060
  pa list http://10.0.0.7:6060/debug/pprof/")]
    List(pa::source::cli::ListArgs),
    /// Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)
    Flame(commands::flame::FlameArgs),
    /// go tool pprof's own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)
    #[command(disable_help_flag = true)]
    Pprof {
        /// go tool pprof arguments, e.g. -top -sample_index=alloc_space heap.pb.gz
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
        args: Vec<String>,
    },
    /// Poll heap MemStats, goroutines (and a process's RSS) over time
    #[command(after_help = "Examples:
  pa watch localhost:6060                          # a live table, every 10s
  pa watch --every 5s --for 10m localhost:6060 > trend.csv
  pa watch --top 5 --pid 1234 localhost:6060       # + growing functions, RSS and VMS
  pa watch --format json --count 3 localhost:6060 | jq .heap_alloc")]
    Watch(commands::watch::WatchArgs),
    /// Save profiles on a schedule into a directory, keeping the newest N
    #[command(after_help = "Examples:
  pa collect --dir ./prof localhost:6060           # heap and goroutine every 60s
  pa collect --every 60s --cpu 15s --keep 30 --dir ./prof localhost:6060
  pa collect --profiles heap,allocs,mutex --names time --for 1h --dir ./prof localhost:6060
  pa diff --base ./prof/heap-0001.pb.gz ./prof/heap-0030.pb.gz")]
    Collect(commands::collect::CollectArgs),
    /// Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)
    #[command(after_help = "Examples:
  pa completions bash > /etc/bash_completion.d/pa
  pa completions zsh > ~/.zfunc/_pa")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

fn run(cli: Cli) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // Not locked for the whole command: other threads (decoding, timing
    // marks) write to stderr too, and would wait for ever.
    let mut err = std::io::stderr();
    match cli.command {
        Command::Top(a) => commands::top::run(&a, &mut out, &mut err)?,
        Command::Diff(a) => commands::diff::run(&a, &mut out, &mut err)?,
        Command::Goroutines(a) => pa::goroutines::run(a, &mut out)?,
        Command::Info(a) => commands::info::run(&a, &mut out)?,
        Command::Fetch(a) => pa::source::cli::run_fetch(&a, &mut out)?,
        Command::List(a) => pa::source::cli::run_list(&a, &mut out)?,
        Command::Flame(a) => commands::flame::run(&a, &mut out, &mut err)?,
        Command::Watch(a) => commands::watch::run(&a, &mut out, &mut err)?,
        Command::Collect(a) => commands::collect::run(&a, &mut err)?,
        Command::Pprof { args } => commands::pprof::run(&args, &mut out, &mut err)?,
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "pa", &mut out);
        }
        Command::Man => {
            // Without the commit, so the checked-in page only changes with the CLI.
            let cmd = Cli::command().version(env!("CARGO_PKG_VERSION"));
            clap_mangen::Man::new(cmd).render(&mut out).map_err(commands::io_error)?;
        }
    }
    out.flush().map_err(commands::io_error)
}

fn main() -> ExitCode {
    pa::timing::init();
    let args: Vec<String> = std::env::args().collect();
    if let Some(hint) = commands::pprof_style_hint(&args) {
        let _ = writeln!(std::io::stderr(), "pa: {hint}");
        return ExitCode::from(2);
    }
    let cli = Cli::parse();
    let r = run(cli);
    pa::timing::mark("done");
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `pa top x | head`: a closed pipe is the reader's choice, not an error.
            if e.message.contains("Broken pipe") || e.message.contains("os error 32") {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "pa: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
