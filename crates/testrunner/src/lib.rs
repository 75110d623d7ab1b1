//! The morestack conformance test runner, modelled on Go's `test/run.go`.
//!
//! It runs Go-style test files — ours under `testsuite/`, and Go's own suite
//! (`/usr/share/go-1.19/test`) unmodified — through the `morestack` executable as a
//! *subprocess* (`morestack run FILE`, `morestack check FILE`). It does not link the
//! compiler: a test that crashes the compiler or its runtime fails that one test, not
//! the runner. It is what `morestack test PATH...` runs, and what the CLI crate's
//! integration tests use ([`run_one`] per file, [`run`] for a whole suite).
//!
//! # Which files
//!
//! Paths may be files or directories; directories are walked recursively (sorted),
//! skipping `testdata` and Go's `NAME.dir` helper directories. See [`collect_files`].
//!
//! # Directives
//!
//! The recipe is the first non-empty line of the file that is not a build constraint
//! (see [`parse_test`]):
//!
//! | directive | what happens | passes when |
//! |---|---|---|
//! | `// run [ARGS]` | `morestack run FILE [-- ARGS]` in the file's directory (`--mode=jit`, the default); `morestack build FILE -o EXE`, then `EXE [ARGS]` there (`--mode=aot`); both, one result each (`--mode=both`) | stdout and stderr, combined through one pipe, equal `FILE.out` (or are empty if there is none) after normalisation, and the exit status is 0 or the `N` of a `// want-exit: N` line among lines 2–5 (our extension) |
//! | `// errorcheck` | `morestack check FILE` | every `// ERROR "re"` matches a diagnostic on its line, no diagnostic is left over, and `check` fails iff the file has ERROR comments (run.go's `-0`/`-1` override) — see [`errorcheck`] |
//! | `// compile` | `morestack check FILE` | `check` exits 0 |
//!
//! Skipped, with the reason recorded: the directives that need the go command or more
//! than one file (`skip`, `build`, `buildrun`, `rundir`, `compiledir`, `errorcheckdir`,
//! `runoutput`, `asmcheck`, …), directives carrying gc or go-command flags
//! (`// run -gcflags=…`, `// errorcheck -0 -m`), files whose build constraints
//! (`//go:build`, `// +build`) exclude linux/amd64 or need cgo, and files with no
//! directive line at all. run.go's own flags are honoured: `-t SECS` raises the
//! timeout, `-0`/`-1` say whether `errorcheck` expects the compile to fail.
//!
//! A test also fails, whatever it expected, when the child is killed by a signal, when
//! `morestack` dies of a Rust panic (exit status 101 with `thread '…' panicked at`),
//! when it exceeds the per-file timeout (the child is killed), or prints more than
//! 16 MiB.
//!
//! # Output normalisation
//!
//! Before comparing, BOTH the expected output (made by real Go) and the actual output
//! are normalised ([`normalize_output`]); only what legitimately differs between two
//! correct implementations is masked:
//!
//! - `\r\n` → `\n`;
//! - from the first line matching `^goroutine \d+ \[` onward (the traceback part):
//!   ` +0x…` code offsets are removed; `\t/some/dir/file.go:LINE` becomes
//!   `\tfile.go:LINE`; the argument list of frame lines is elided (`main.f(0x1, …)` →
//!   `main.f(...)`, `main.main()` → `main.main(...)`); `exit status N` lines are
//!   dropped;
//! - in every `[signal …]` line, `addr=0x…` and `pc=0x…` become `addr=0x?`/`pc=0x?`;
//! - a final `exit status N` line is dropped anywhere (`go run` prints it after
//!   `os.Exit(N)`; the status itself is checked through `// want-exit: N`).
//!
//! # Pass lists
//!
//! `--pass-list FILE` names files (one per line; blank lines and `#` comments are
//! ignored) that must pass. An entry matches a test whose name (see
//! [`collect_files`]) equals it, or whose path ends with `/ENTRY`. A listed file that
//! does not pass — fails, is skipped, or is not found — is a *regression*, and with a
//! pass list only regressions make the run fail: other failures are expected (the
//! subset grows issue by issue) and are listed one line each. A listed `// run` file
//! must pass in every selected mode. `--write-pass-list FILE` writes the sorted names
//! of the files that passed (in every selected mode): the re-bless path.
//!
//! # Report
//!
//! Text mode prints each failure with its reason (a `// run` test's with its mode,
//! `[jit]` or `[aot]`) and a unified diff of normalised expected vs actual output (or
//! the ERROR-matching problems and the compiler output), in file order, and ends with
//! exactly one line `N passed, N failed, N skipped`, counting each mode's run of a
//! file as one result. With `--json`, stdout carries one JSON document instead:
//!
//! ```json
//! {"passed": 1, "failed": 0, "skipped": 1, "success": true, "regressions": [],
//!  "results": [{"path": "run/hello.go", "status": "pass", "reason": "",
//!               "mode": "jit", "duration_ms": 12}, ...]}
//! ```
//!
//! (failures also carry `"details"`; tests that run no program have no `"mode"`), and
//! the closing line goes to stderr.

mod constraint;
mod directive;
mod discover;
pub mod errorcheck;
mod exec;
mod normalize;
mod outcome;
#[cfg(test)]
mod testutil;

use std::collections::HashMap;
use std::io::Write;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use serde::Serialize;

pub use directive::{parse_test, Action, TestSpec};
pub use discover::{collect_files, TestFile};
pub use normalize::normalize_output;
pub use outcome::{run_one, Mode, Outcome, Status};

/// Default per-file timeout in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// Arguments of `morestack test`.
#[derive(clap::Args, Debug, Clone)]
pub struct TestArgs {
    /// Test files, or directories to search for *.go test files (recursively)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Number of test files run in parallel [default: available cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Print the results as one JSON document on stdout instead of text
    #[arg(long)]
    pub json: bool,

    /// Per-file time limit in seconds; the child is killed after it (0: no limit)
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_SECS)]
    pub timeout: u64,

    /// Also report passing and skipped files, and every failure in full
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// File listing test names that must pass; any that does not is a regression
    #[arg(long, value_name = "FILE")]
    pub pass_list: Option<PathBuf>,

    /// Write the sorted names of the passing files to FILE
    #[arg(long, value_name = "FILE")]
    pub write_pass_list: Option<PathBuf>,

    /// How `// run` tests run their program: `jit` (morestack run), `aot` (morestack
    /// build, then the executable) or `both`
    #[arg(long, value_enum, default_value_t = Modes::Jit)]
    pub mode: Modes,
}

/// The `--mode` choice.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modes {
    Jit,
    Aot,
    Both,
}

impl Modes {
    /// The modes to run `// run` tests in, in report order.
    pub fn modes(self) -> &'static [Mode] {
        match self {
            Modes::Jit => &[Mode::Jit],
            Modes::Aot => &[Mode::Aot],
            Modes::Both => &[Mode::Jit, Mode::Aot],
        }
    }
}

impl TestArgs {
    /// Arguments with every option at its default.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        TestArgs {
            paths,
            jobs: None,
            json: false,
            timeout: DEFAULT_TIMEOUT_SECS,
            verbose: false,
            pass_list: None,
            write_pass_list: None,
            mode: Modes::Jit,
        }
    }

    fn timeout(&self) -> Duration {
        if self.timeout == 0 {
            // "No limit": a century is as good, and keeps deadline arithmetic finite.
            Duration::from_secs(100 * 365 * 24 * 3600)
        } else {
            Duration::from_secs(self.timeout)
        }
    }
}

/// One file's result (in one mode, for a `// run` test).
#[derive(Debug, Clone)]
pub struct TestResult {
    pub file: TestFile,
    pub outcome: Outcome,
}

/// The result of a run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Pass-list entries that did not pass, each `NAME: why`.
    pub regressions: Vec<String>,
    /// Files that passed (in every mode) but are not in the pass list.
    pub new_passes: Vec<String>,
    /// Problems of the run itself (a missing path, an unreadable pass list, …).
    pub errors: Vec<String>,
    /// Whether a pass list was given (then only regressions count as failure).
    pub pass_list_used: bool,
    /// Every file's results, in file order (a `// run` file's in mode order).
    pub results: Vec<TestResult>,
}

impl Summary {
    /// Whether the run succeeded: no errors, and no regressions (with a pass list) or
    /// no failures (without one).
    pub fn success(&self) -> bool {
        self.errors.is_empty()
            && if self.pass_list_used {
                self.regressions.is_empty()
            } else {
                self.failed == 0
            }
    }

    /// The closing line, exactly `N passed, N failed, N skipped`.
    pub fn line(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }
}

/// Run every test under `args.paths` with the `morestack` executable at `morestack`,
/// print the report (text or JSON, see the crate doc) on stdout and return the
/// summary.
pub fn run(args: &TestArgs, morestack: &Path) -> Summary {
    run_to(args, morestack, &mut std::io::stdout())
}

/// [`run`], writing the report to `out` instead of stdout (the closing line of a JSON
/// report still goes to stderr). Write errors (a closed pipe) are ignored.
pub fn run_to(args: &TestArgs, morestack: &Path, out: &mut dyn Write) -> Summary {
    let mut summary = Summary {
        pass_list_used: args.pass_list.is_some(),
        ..Summary::default()
    };
    let files = match collect_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            summary.errors.push(e);
            Vec::new()
        }
    };
    let pass_list = match &args.pass_list {
        None => Vec::new(),
        Some(p) => match read_pass_list(p) {
            Ok(l) => l,
            Err(e) => {
                summary
                    .errors
                    .push(format!("pass list {}: {e}", p.display()));
                Vec::new()
            }
        },
    };
    let matches = match_pass_list(&pass_list, &files);
    let mut listed = vec![false; files.len()];
    for m in matches.iter().flatten() {
        listed[*m] = true;
    }

    let mut printer = Printer::new(args, summary.pass_list_used, out);
    let outcomes = run_parallel(args, morestack, &files, |i, outcomes| {
        for outcome in outcomes {
            printer.print(&files[i], outcome, listed[i]);
        }
    });
    // A file passes when it passes in every mode it ran in.
    let passed: Vec<bool> = outcomes
        .iter()
        .map(|os| os.iter().all(|o| o.status == Status::Pass))
        .collect();

    for (entry, matched) in pass_list.iter().zip(&matches) {
        if matched.is_empty() {
            summary
                .regressions
                .push(format!("{entry}: listed in the pass list but not found"));
        }
        for &i in matched {
            for o in outcomes[i].iter().filter(|o| o.status != Status::Pass) {
                let status = if o.status == Status::Skip {
                    "skipped"
                } else {
                    "failed"
                };
                summary.regressions.push(format!(
                    "{}{}: {status}: {}",
                    files[i].name,
                    mode_tag(o),
                    o.reason
                ));
            }
        }
    }
    if summary.pass_list_used {
        summary.new_passes = files
            .iter()
            .zip(passed.iter().zip(&listed))
            .filter(|(_, (p, l))| **p && !**l)
            .map(|(f, _)| f.name.clone())
            .collect();
    }
    if let Some(p) = &args.write_pass_list {
        let mut names: Vec<&str> = files
            .iter()
            .zip(&passed)
            .filter(|(_, p)| **p)
            .map(|(f, _)| f.name.as_str())
            .collect();
        names.sort_unstable();
        let mut text = names.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        if let Err(e) = std::fs::write(p, text) {
            summary
                .errors
                .push(format!("cannot write pass list {}: {e}", p.display()));
        }
    }
    for (file, outcomes) in files.into_iter().zip(outcomes) {
        for outcome in outcomes {
            match outcome.status {
                Status::Pass => summary.passed += 1,
                Status::Fail => summary.failed += 1,
                Status::Skip => summary.skipped += 1,
            }
            summary.results.push(TestResult {
                file: file.clone(),
                outcome,
            });
        }
    }

    let out = printer.out;
    if args.json {
        print_json(&summary, out);
    } else {
        print_closing(&summary, args, out);
    }
    let _ = out.flush();
    summary
}

/// Run `files` on `args.jobs` threads; `report(i, outcomes)` is called on the calling
/// thread in file order, as soon as file `i` and all before it are done (so output is
/// deterministic and still streams, as run.go's).
fn run_parallel(
    args: &TestArgs,
    morestack: &Path,
    files: &[TestFile],
    mut report: impl FnMut(usize, &[Outcome]),
) -> Vec<Vec<Outcome>> {
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
        .min(files.len().max(1));
    let timeout = args.timeout();
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Vec<Outcome>>> = vec![None; files.len()];
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<(usize, Vec<Outcome>)>();
        for _ in 0..jobs {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                let outcomes = run_file(&f.path, morestack, timeout, args.mode.modes());
                if tx.send((i, outcomes)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut printed = 0;
        for (i, outcome) in rx {
            slots[i] = Some(outcome);
            while let Some(Some(o)) = slots.get(printed) {
                report(printed, o);
                printed += 1;
            }
        }
    });
    slots
        .into_iter()
        .map(|o| o.expect("every test file produced an outcome"))
        .collect()
}

/// Run one file: a `// run` test in each of `modes`, any other test once.
fn run_file(path: &Path, morestack: &Path, timeout: Duration, modes: &[Mode]) -> Vec<Outcome> {
    let first = run_one(path, morestack, timeout, modes[0]);
    let runs_program = first.mode.is_some();
    let mut outcomes = vec![first];
    if runs_program {
        outcomes.extend(
            modes[1..]
                .iter()
                .map(|&mode| run_one(path, morestack, timeout, mode)),
        );
    }
    outcomes
}

/// ` [aot]`: the mode of a test that ran a program, as failures show it.
fn mode_tag(o: &Outcome) -> String {
    o.mode.map_or(String::new(), |m| format!(" [{}]", m.name()))
}

/// Read a pass list: one name per line, `#` comments and blank lines ignored.
fn read_pass_list(path: &Path) -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// For each pass-list entry, the indices of the files it names: the file whose name
/// equals the entry, else those whose path ends with `/ENTRY`.
fn match_pass_list(entries: &[String], files: &[TestFile]) -> Vec<Vec<usize>> {
    let by_name: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .collect();
    entries
        .iter()
        .map(|e| {
            if let Some(&i) = by_name.get(e.as_str()) {
                return vec![i];
            }
            let suffix = format!("/{}", e.trim_start_matches("./"));
            files
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    f.path
                        .to_string_lossy()
                        .replace('\\', "/")
                        .ends_with(&suffix)
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect()
}

/// Streams per-file lines of the text report.
struct Printer<'o> {
    enabled: bool,
    verbose: bool,
    pass_list_used: bool,
    out: &'o mut dyn Write,
}

impl<'o> Printer<'o> {
    fn new(args: &TestArgs, pass_list_used: bool, out: &'o mut dyn Write) -> Self {
        Printer {
            enabled: !args.json,
            verbose: args.verbose,
            pass_list_used,
            out,
        }
    }

    fn print(&mut self, file: &TestFile, o: &Outcome, listed: bool) {
        if !self.enabled {
            return;
        }
        let ms = o.duration.as_millis();
        let name = format!("{}{}", file.name, mode_tag(o));
        let out = &mut *self.out;
        let _ = match o.status {
            Status::Pass if self.verbose => writeln!(out, "PASS {name} ({ms} ms)"),
            Status::Skip if self.verbose => writeln!(out, "SKIP {name}: {}", o.reason),
            Status::Fail if self.pass_list_used && !listed && !self.verbose => {
                // An expected failure: one line is enough.
                writeln!(out, "FAIL {name}: {}", o.reason)
            }
            Status::Fail => {
                let tag = if self.pass_list_used && listed {
                    "REGRESSION"
                } else {
                    "FAIL"
                };
                writeln!(out, "--- {tag} {name} ({ms} ms)\n{}\n", o.report())
            }
            _ => Ok(()),
        };
    }
}

fn print_closing(summary: &Summary, args: &TestArgs, out: &mut dyn Write) {
    for e in &summary.errors {
        let _ = writeln!(out, "error: {e}");
    }
    if let Some(p) = &args.pass_list {
        if !summary.regressions.is_empty() {
            let _ = writeln!(
                out,
                "{} regression(s): listed in {} but did not pass:",
                summary.regressions.len(),
                p.display()
            );
            for r in &summary.regressions {
                let _ = writeln!(out, "  {r}");
            }
        }
        if !summary.new_passes.is_empty() {
            let _ = writeln!(
                out,
                "note: {} file(s) pass that are not in {} (add them with --write-pass-list)",
                summary.new_passes.len(),
                p.display()
            );
            if args.verbose {
                for n in &summary.new_passes {
                    let _ = writeln!(out, "  {n}");
                }
            }
        }
    }
    let _ = writeln!(out, "{}", summary.line());
}

#[derive(Serialize)]
struct JsonResult<'a> {
    path: &'a str,
    status: Status,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<Mode>,
    duration_ms: u64,
    #[serde(skip_serializing_if = "str::is_empty")]
    details: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    passed: usize,
    failed: usize,
    skipped: usize,
    success: bool,
    regressions: &'a [String],
    errors: &'a [String],
    results: Vec<JsonResult<'a>>,
}

fn print_json(summary: &Summary, out: &mut dyn Write) {
    let report = JsonReport {
        passed: summary.passed,
        failed: summary.failed,
        skipped: summary.skipped,
        success: summary.success(),
        regressions: &summary.regressions,
        errors: &summary.errors,
        results: summary
            .results
            .iter()
            .map(|r| JsonResult {
                path: &r.file.name,
                status: r.outcome.status,
                reason: &r.outcome.reason,
                mode: r.outcome.mode,
                duration_ms: u64::try_from(r.outcome.duration.as_millis()).unwrap_or(u64::MAX),
                details: &r.outcome.details,
            })
            .collect(),
    };
    let _ = serde_json::to_writer_pretty(&mut *out, &report);
    let _ = writeln!(out);
    let _ = writeln!(std::io::stderr(), "{}", summary.line());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_list_matching() {
        let files = vec![
            TestFile {
                path: "/suite/a.go".into(),
                name: "a.go".into(),
            },
            TestFile {
                path: "/suite/fixedbugs/b.go".into(),
                name: "fixedbugs/b.go".into(),
            },
            TestFile {
                path: "/other/fixedbugs/b.go".into(),
                name: "x/fixedbugs/b.go".into(),
            },
        ];
        let entries: Vec<String> = ["a.go", "fixedbugs/b.go", "b.go", "missing.go", "uite/a.go"]
            .map(String::from)
            .into();
        let m = match_pass_list(&entries, &files);
        assert_eq!(m[0], vec![0]);
        // An exact name wins over suffix matches.
        assert_eq!(m[1], vec![1]);
        assert_eq!(m[2], vec![1, 2]);
        assert!(m[3].is_empty());
        // Suffixes match whole path components only.
        assert!(m[4].is_empty());
    }

    #[test]
    fn run_reports_regressions_and_writes_pass_lists() {
        let dir = tempfile::tempdir().unwrap();
        let suite = dir.path().join("suite");
        std::fs::create_dir_all(suite.join("sub")).unwrap();
        let write = |name: &str, text: &str| std::fs::write(suite.join(name), text).unwrap();
        write("good.go", "// run\n//sh: true\n");
        write("bad.go", "// run\n//sh: echo unexpected\n");
        write("sub/skipped.go", "// rundir\n");
        write("sub/also_good.go", "// compile\n//sh: exit 0\n");
        let pass_list = dir.path().join("pass.txt");
        std::fs::write(
            &pass_list,
            "# comment\n\ngood.go\nsub/skipped.go\ngone.go\n",
        )
        .unwrap();
        let written = dir.path().join("new-pass.txt");

        let mut args = TestArgs::new(vec![suite.clone()]);
        args.jobs = NonZeroUsize::new(2);
        args.pass_list = Some(pass_list);
        args.write_pass_list = Some(written.clone());
        let s = run_to(&args, testutil::fake_morestack(), &mut Vec::new());
        assert_eq!((s.passed, s.failed, s.skipped), (2, 1, 1));
        let names: Vec<&str> = s.results.iter().map(|r| r.file.name.as_str()).collect();
        assert_eq!(
            names,
            ["bad.go", "good.go", "sub/also_good.go", "sub/skipped.go"]
        );
        assert_eq!(s.regressions.len(), 2, "{:?}", s.regressions);
        assert!(s.regressions[0].starts_with("sub/skipped.go: skipped: "));
        assert!(s.regressions[1].starts_with("gone.go: listed in the pass list but not found"));
        assert_eq!(s.new_passes, ["sub/also_good.go"]);
        assert!(!s.success());
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            "good.go\nsub/also_good.go\n"
        );

        // With the freshly written list, the same run has no regression although a
        // file fails: that failure is expected.
        args.pass_list = Some(written);
        args.write_pass_list = None;
        args.json = true;
        let mut json = Vec::new();
        let s = run_to(&args, testutil::fake_morestack(), &mut json);
        assert!(s.regressions.is_empty() && s.failed == 1 && s.success());
        let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(doc["passed"], 2);
        assert_eq!(doc["success"], true);
        let first = &doc["results"][0];
        assert_eq!(first["path"], "bad.go");
        assert_eq!(first["status"], "fail");
        assert_eq!(first["mode"], "jit");
        assert!(first["duration_ms"].is_u64());
        assert!(first["details"].as_str().unwrap().contains("+unexpected"));
        assert_eq!(doc["results"][3]["status"], "skip");

        // Without a pass list, any failure fails the run, reported with a diff; the
        // report ends with the summary line.
        let mut text = Vec::new();
        let s = run_to(
            &TestArgs::new(vec![suite.join("bad.go")]),
            testutil::fake_morestack(),
            &mut text,
        );
        assert!(!s.success() && s.failed == 1);
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("--- FAIL "), "{text}");
        assert!(text.contains("+unexpected\n"), "{text}");
        assert!(
            text.ends_with("\n0 passed, 1 failed, 0 skipped\n"),
            "{text}"
        );
        // A missing path is an error of the run.
        let s = run_to(
            &TestArgs::new(vec![suite.join("nope")]),
            testutil::fake_morestack(),
            &mut Vec::new(),
        );
        assert!(!s.success() && !s.errors.is_empty());
    }

    #[test]
    fn both_modes_run_each_run_test_twice() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("good.go", "// run\n//sh: true\n");
        // Its executable fails (the JIT run comes first, before the build).
        write(
            "aot_bad.go",
            "// run\n//build: touch built\n//sh: [ -e built ] && exit 4; true\n",
        );
        write("check.go", "// compile\n//sh: exit 0\n");
        let pass_list = dir.path().join("pass.txt");
        std::fs::write(&pass_list, "good.go\naot_bad.go\n").unwrap();
        let written = dir.path().join("new-pass.txt");

        let mut args = TestArgs::new(vec![dir.path().to_path_buf()]);
        args.mode = Modes::Both;
        args.pass_list = Some(pass_list);
        args.write_pass_list = Some(written.clone());
        let mut text = Vec::new();
        let s = run_to(&args, testutil::fake_morestack(), &mut text);
        let text = String::from_utf8(text).unwrap();
        // Two results per run test, one for the compile test.
        assert_eq!((s.passed, s.failed, s.skipped), (4, 1, 0), "{text}");
        let modes: Vec<_> = s
            .results
            .iter()
            .map(|r| (r.file.name.as_str(), r.outcome.mode))
            .collect();
        assert_eq!(
            modes,
            [
                ("aot_bad.go", Some(Mode::Jit)),
                ("aot_bad.go", Some(Mode::Aot)),
                ("check.go", None),
                ("good.go", Some(Mode::Jit)),
                ("good.go", Some(Mode::Aot)),
            ]
        );
        assert_eq!(s.regressions.len(), 1, "{:?}", s.regressions);
        assert!(
            s.regressions[0].starts_with("aot_bad.go [aot]: failed: exit status 4"),
            "{:?}",
            s.regressions
        );
        assert!(text.contains("--- REGRESSION aot_bad.go [aot] ("), "{text}");
        assert_eq!(s.new_passes, ["check.go"]);
        // Only files that pass in every mode are written.
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            "check.go\ngood.go\n"
        );
    }

    #[test]
    fn success_rules() {
        let mut s = Summary {
            failed: 3,
            ..Summary::default()
        };
        assert!(!s.success());
        s.pass_list_used = true;
        assert!(s.success());
        s.regressions.push("a.go: failed".into());
        assert!(!s.success());
        let s = Summary {
            errors: vec!["x".into()],
            ..Summary::default()
        };
        assert!(!s.success());
        assert_eq!(
            Summary {
                passed: 1,
                failed: 2,
                skipped: 3,
                ..Summary::default()
            }
            .line(),
            "1 passed, 2 failed, 3 skipped"
        );
    }

    #[test]
    fn cli_parses_test_args() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            args: TestArgs,
        }
        let c = Cli::try_parse_from([
            "t",
            "-j",
            "3",
            "--json",
            "--timeout",
            "5",
            "--pass-list",
            "p.txt",
            "a",
            "b",
        ])
        .unwrap();
        assert_eq!(c.args.paths, vec![PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(c.args.jobs.map(NonZeroUsize::get), Some(3));
        assert!(c.args.json && !c.args.verbose);
        assert_eq!(c.args.timeout, 5);
        assert_eq!(c.args.pass_list, Some(PathBuf::from("p.txt")));
        assert!(Cli::try_parse_from(["t"]).is_err(), "a path is required");
        assert_eq!(Cli::try_parse_from(["t", "x"]).unwrap().args.timeout, 30);
        assert_eq!(
            Cli::try_parse_from(["t", "x"]).unwrap().args.mode,
            Modes::Jit
        );
        let c = Cli::try_parse_from(["t", "--mode=both", "x"]).unwrap();
        assert_eq!(c.args.mode.modes(), [Mode::Jit, Mode::Aot]);
        assert!(Cli::try_parse_from(["t", "--mode=gc", "x"]).is_err());
    }
}
