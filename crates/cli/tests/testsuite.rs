//! The conformance harness over `testsuite/`: every Go test file there (`run/`,
//! `errorcheck/`, and any directory added later) is one test case, run through the
//! real `morestack` binary by the test runner's per-file function, exactly as
//! `morestack test --mode=both testsuite/` would run it: a `// run` file is a second
//! case, `NAME [aot]`, built into an executable and run (docs/aot.md).
//!
//! A file the runner skips (an unsupported directive, a build constraint) is reported
//! as ignored, with the reason. Filter as usual:
//! `cargo test -p morestack-cli --test testsuite -- run/closures` (both modes),
//! `-- '[aot]'` (every executable).
//! `MORESTACK_TEST_TIMEOUT=SECS` changes the per-file time limit.
//!
//! Expected outputs (`run/*.out`) come from real Go: `testsuite/bless.sh` regenerates
//! them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use morestack_testrunner::{
    collect_files, parse_test, run_one, Action, Mode, Status, DEFAULT_TIMEOUT_SECS,
};

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
        .flat_map(|file| {
            let runs_program = std::fs::read_to_string(&file.path)
                .ok()
                .and_then(|src| parse_test(&src).ok())
                .is_some_and(|spec| matches!(spec.action, Action::Run { .. }));
            let modes: &[Mode] = if runs_program {
                &[Mode::Jit, Mode::Aot]
            } else {
                &[Mode::Jit]
            };
            let morestack = morestack.clone();
            modes.iter().map(move |&mode| {
                let name = match mode {
                    Mode::Jit => file.name.clone(),
                    Mode::Aot => format!("{} [aot]", file.name),
                };
                let (path, morestack) = (file.path.clone(), morestack.clone());
                Trial::ignorable_test(name, move || {
                    let outcome = run_one(&path, &morestack, timeout, mode);
                    match outcome.status {
                        Status::Pass => Ok(Completion::Completed),
                        Status::Skip => Ok(Completion::ignored_with(outcome.reason)),
                        Status::Fail => Err(Failed::from(outcome.report())),
                    }
                })
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
