//! Builds the runtime as a static library for `morestack build` (docs/aot.md).
//!
//! A nested `cargo rustc -p morestack-runtime --release --crate-type staticlib`, with
//! its own target directory under `OUT_DIR` (so it never waits for the outer build's
//! lock), produces `libmorestack_runtime.a`; the driver embeds a copy without debug
//! information with `include_bytes!` (its path is `MORESTACK_RUNTIME_ARCHIVE`) and gets the system libraries it needs (rustc's `--print native-static-libs`) as
//! `MORESTACK_RUNTIME_NATIVE_LIBS`. Always `--release`: the runtime's entry points
//! must be optimised to fit the stack guard area (docs/stacks.md), whatever the
//! profile of the compiler around it. `--offline`: the outer build has already
//! fetched every dependency of the runtime (it is a dependency of this crate).

use std::path::PathBuf;
use std::process::Command;

/// What rustc prints before the library list.
const NATIVE_LIBS_NOTE: &str = "note: native-static-libs: ";

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest_dir.join("../..");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    // The runtime's sources and everything that decides how it is built.
    for input in ["runtime/src", "runtime/Cargo.toml", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", workspace.join(input).display());
    }

    let target_dir = out_dir.join("runtime-target");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["rustc", "--offline", "--release", "-p", "morestack-runtime", "--crate-type", "staticlib"])
        .arg("--manifest-path")
        .arg(workspace.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
        .args(["--", "--print", "native-static-libs"])
        .output()
        .expect("run cargo to build the runtime's static library");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        panic!("building the runtime's static library failed:\n{stderr}");
    }
    // Cargo replays the note when the library is already up to date.
    let native_libs = stderr
        .lines()
        .find_map(|line| line.strip_prefix(NATIVE_LIBS_NOTE))
        .unwrap_or_else(|| panic!("rustc printed no native-static-libs line:\n{stderr}"));
    println!("cargo:rustc-env=MORESTACK_RUNTIME_NATIVE_LIBS={}", native_libs.trim());

    // Without debug information (also std's): executables keep every symbol, so
    // gdb and perf still name runtime functions, but they link twice as fast and are
    // 0.7 MB instead of 5.7 MB (hello, world). `strip` comes with the linker that
    // cargo needs anyway.
    let built = target_dir.join("release/libmorestack_runtime.a");
    let archive = out_dir.join("libmorestack_runtime.a");
    std::fs::copy(&built, &archive).unwrap_or_else(|e| panic!("copy {}: {e}", built.display()));
    let status = Command::new("strip").arg("--strip-debug").arg(&archive).status().expect("run strip");
    assert!(status.success(), "strip --strip-debug {} failed", archive.display());
    println!("cargo:rustc-env=MORESTACK_RUNTIME_ARCHIVE={}", archive.display());
}
