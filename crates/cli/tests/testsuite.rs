//! The conformance harness over `testsuite/`: every Go test file there (`run/`,
//! `errorcheck/`, and any directory added later) is one test case, run through the
//! real `morestack` binary by the test runner's per-file function, exactly as
//! `morestack test testsuite/` would run it.
//!
//! A file the runner skips (an unsupported directive, a build constraint) is reported
//! as ignored, with the reason. Filter as usual:
//! `cargo test -p morestack-cli --test testsuite -- run/closures`.
//! `MORESTACK_TEST_TIMEOUT=SECS` changes the per-file time limit.
//!
//! Expected outputs (`run/*.out`) come from real Go: `testsuite/bless.sh` regenerates
//! them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use morestack_testrunner::{collect_files, run_one, Status, DEFAULT_TIMEOUT_SECS};

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite");
    let morestack = PathBuf::from(env!("CARGO_BIN_EXE_morestack"));
    let timeout = Duration::from_secs(
        std::env::var("MORESTACK_TEST_TIMEOUT")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_TIMEOUT_SECS),
    );

    let files = if root.is_dir() {
        collect_files(&[root]).unwrap_or_else(|e| {
            eprintln!("error: cannot list testsuite/: {e}");
            std::process::exit(1);
        })
    } else {
        Vec::new()
    };
    let trials = files
        .into_iter()
        .map(|file| {
            let morestack = morestack.clone();
            Trial::ignorable_test(file.name.clone(), move || {
                let outcome = run_one(&file.path, &morestack, timeout);
                match outcome.status {
                    Status::Pass => Ok(Completion::Completed),
                    Status::Skip => Ok(Completion::ignored_with(outcome.reason)),
                    Status::Fail => Err(Failed::from(outcome.report())),
                }
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
