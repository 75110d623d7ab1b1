//! A bounded campaign through the real binary (worker process included), with a fixed
//! seed, so that `cargo test` fails whenever the compiler panics, crashes, hangs or
//! reports an internal error on one of the inputs it makes — except for the findings
//! listed in `known-findings.txt`, which are reported bugs not fixed yet.

use std::path::Path;
use std::process::Command;

/// 300 inputs take a few seconds in a release build; an unoptimised build compiles
/// each input several times slower, so it runs fewer to stay quick.
const ITERATIONS: u32 = if cfg!(debug_assertions) { 100 } else { 300 };

#[test]
fn bounded_campaign_finds_nothing() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = manifest.join("../..");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-smoke");
    let result = Command::new(env!("CARGO_BIN_EXE_morestack-fuzz"))
        .args(["--iterations", &ITERATIONS.to_string(), "--seed", "1"])
        .arg("--corpus")
        .arg(repo.join("testsuite"))
        .arg("--corpus")
        .arg(repo.join("examples"))
        .arg("--out")
        .arg(&out)
        .arg("--known")
        .arg(manifest.join("known-findings.txt"))
        .output()
        .expect("run morestack-fuzz");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "morestack-fuzz found problems (status {}); details in {}\n{stdout}\n{}",
        result.status,
        out.display(),
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(stdout.contains(&format!("iterations {ITERATIONS}")), "{stdout}");
}
