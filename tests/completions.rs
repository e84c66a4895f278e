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
