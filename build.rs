//! Compiles `proto/profile.proto` to Rust with protox (a pure-Rust protobuf
//! compiler), so a fresh clone builds with no system `protoc`.

fn main() {
    println!("cargo:rerun-if-changed=proto/profile.proto");
    println!("cargo:rerun-if-changed=build.rs");
    let fds = protox::compile(["profile.proto"], ["proto"]).expect("proto/profile.proto must compile");
    prost_build::Config::new().compile_fds(fds).expect("prost-build must generate the profile types");
    // Record the commit for `pa --version`; absent outside a git checkout.
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!("cargo:rustc-env=PA_GIT_COMMIT={commit}");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
}
