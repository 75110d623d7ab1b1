//! Go's own test suite (`/usr/share/go-1.19/test`, from Debian's golang-1.19-src,
//! which golang-go depends on), run unmodified through the real `morestack` binary.
//!
//! `testsuite/go119-pass.txt` lists the files that pass; any listed file that no
//! longer passes is a regression and fails this test. Every `// run` file runs both
//! with the JIT and as an executable (`--mode=both`): a listed file must pass in both.
//! Failures of unlisted files are expected: the supported subset of Go grows issue by
//! issue.
//!
//! To (re)write the list after making more files pass:
//!
//! ```text
//! MORESTACK_BLESS=1 cargo test --release -p morestack-cli --test go_suite -- --nocapture
//! ```
//!
//! `MORESTACK_GO_SUITE_TIMEOUT=SECS` changes the per-file limit (default 10 s: Go's
//! suite programs finish in well under a second under gc, and a hanging test costs
//! CI its whole limit).

use std::path::Path;

use morestack_testrunner::{run_to, Modes, TestArgs};

const GO_SUITE: &str = "/usr/share/go-1.19/test";
const DEFAULT_TIMEOUT_SECS: u64 = 10;

#[test]
fn go_suite_regressions() {
    let suite = Path::new(GO_SUITE);
    if !suite.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "Go's test suite is missing at {GO_SUITE}, and CI must run it: \
                 install golang-go (it brings golang-1.19-src), as .ci/run does"
            );
        }
        eprintln!(
            "SKIPPED go_suite_regressions: {GO_SUITE} not found \
             (apt-get install golang-go to run Go's test suite)"
        );
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pass_list = repo.join("testsuite/go119-pass.txt");
    let bless = std::env::var_os("MORESTACK_BLESS").is_some();

    let mut args = TestArgs::new(vec![suite.to_path_buf()]);
    args.mode = Modes::Both;
    args.timeout = std::env::var("MORESTACK_GO_SUITE_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    if pass_list.is_file() {
        args.pass_list = Some(pass_list.clone());
    } else {
        println!(
            "note: {} does not exist: nothing can regress yet \
             (create it with MORESTACK_BLESS=1, see this file's doc)",
            pass_list.display()
        );
    }
    if bless {
        args.write_pass_list = Some(pass_list.clone());
    }

    // The report (one line per expected failure, details per regression) is printed
    // through the test harness, so it shows only when this test fails or with
    // --nocapture.
    let mut report = Vec::new();
    let summary = run_to(
        &args,
        Path::new(env!("CARGO_BIN_EXE_morestack")),
        &mut report,
    );
    print!("{}", String::from_utf8_lossy(&report));

    assert!(
        summary.errors.is_empty(),
        "the runner failed: {:?}",
        summary.errors
    );
    if bless {
        let files = std::fs::read_to_string(&pass_list).map_or(0, |l| l.lines().count());
        println!(
            "wrote {} ({files} files pass in every mode; {} results passed)",
            pass_list.display(),
            summary.passed
        );
        return;
    }
    assert!(
        summary.regressions.is_empty(),
        "{} file(s) of Go's test suite listed in {} no longer pass (details above):\n  {}\n\
         If that is intended, re-bless: MORESTACK_BLESS=1 cargo test --release \
         -p morestack-cli --test go_suite",
        summary.regressions.len(),
        pass_list.display(),
        summary.regressions.join("\n  ")
    );
}
