//! The shell completions and the man page in `completions/` are generated
//! from the clap definitions; this fails when they are stale. Regenerate
//! with `PA_BLESS=1 cargo test --test completions`.

use std::path::Path;
use std::process::Command;

fn generated(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_pa")).args(args).output().expect("run pa");
    assert!(out.status.success(), "pa {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn completions_and_man_page_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let files: &[(&[&str], &str)] = &[
        (&["completions", "bash"], "pa.bash"),
        (&["completions", "zsh"], "_pa"),
        (&["completions", "fish"], "pa.fish"),
        (&["completions", "elvish"], "pa.elv"),
        (&["completions", "powershell"], "_pa.ps1"),
        (&["man"], "pa.1"),
    ];
    let bless = std::env::var_os("PA_BLESS").is_some();
    let mut stale = Vec::new();
    for (args, name) in files {
        let want = generated(args);
        assert!(want.len() > 200, "{name}: suspiciously short output");
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(have) if have == want => {}
            _ => stale.push(*name),
        }
    }
    assert!(stale.is_empty(), "stale in completions/: {stale:?}; run PA_BLESS=1 cargo test --test completions");
}

/// Commands are built only when they run (`defer` in main.rs), so an about
/// line must come from main.rs, not from an `Args` struct's doc comment:
/// each command's line in `pa --help` is there, and is the first line of
/// its own help.
#[test]
fn every_command_has_one_about_line_in_both_helps() {
    let help = String::from_utf8(generated(&["--help"])).expect("utf-8");
    let list = help.split("Commands:\n").nth(1).and_then(|s| s.split("\n\n").next()).expect("a command list");
    let mut commands: Vec<(String, String)> = Vec::new();
    for line in list.lines() {
        let (name, text) = line.trim_start().split_once(char::is_whitespace).unwrap_or((line.trim(), ""));
        if line.starts_with("  ") && !line.starts_with("   ") {
            commands.push((name.to_string(), text.trim().to_string()));
        } else if let Some(last) = commands.last_mut() {
            last.1 = format!("{} {}", last.1, line.trim());
        }
    }
    assert!(commands.len() >= 10, "{list}");
    for (name, about) in &commands {
        assert!(!about.is_empty(), "{name} has no about line in pa --help");
        if name == "help" || name == "pprof" {
            continue; // pprof passes --help on to go tool pprof's usage
        }
        let own = String::from_utf8(generated(&[name.as_str(), "--help"])).expect("utf-8");
        let first = own.split("\n\n").next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(&first, about, "pa {name} --help");
    }
}
