//! Running ONE test file through the `morestack` executable and judging the result.
//!
//! Responsible for: the command line per directive and mode, the working directory
//! (the file's own directory, as run.go runs `// run` tests; diagnostics then name the
//! file by its base name), exit-status rules, output comparison with FILE.out after
//! normalisation, and ERROR matching. Not responsible for choosing files or printing.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::TextDiff;

use crate::directive::{parse_test, Action, TestSpec};
use crate::errorcheck::{match_errors, parse_diagnostics, shorten_paths, wanted_errors};
use crate::exec::{run_captured, OUTPUT_LIMIT};
use crate::normalize::normalize_output;

/// How a test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Skip,
}

/// How a `// run` test's program is executed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// `morestack run FILE [-- ARGS]`: compiled by the JIT inside `morestack`.
    Jit,
    /// `morestack build FILE -o EXE`, then `EXE [ARGS]`: a native executable (in a
    /// temporary directory). The build's failure is judged as `run`'s would be: its
    /// output and exit status stand for the program's.
    Aot,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Jit => "jit",
            Mode::Aot => "aot",
        }
    }
}

/// The result of one test file.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    /// One line: why it failed or was skipped; empty for a pass.
    pub reason: String,
    /// For failures: the diff, the problems, or the program's output.
    pub details: String,
    /// How the program ran: `None` for a test that runs no program (`errorcheck`,
    /// `compile`, skipped).
    pub mode: Option<Mode>,
    pub duration: Duration,
}

impl Outcome {
    fn new(status: Status, reason: impl Into<String>, details: String, start: Instant) -> Self {
        Outcome {
            status,
            reason: reason.into(),
            details,
            mode: None,
            duration: start.elapsed(),
        }
    }

    /// A human-readable report of a failure: the reason, then the details.
    pub fn report(&self) -> String {
        if self.details.is_empty() {
            self.reason.clone()
        } else {
            format!("{}\n{}", self.reason, self.details.trim_end())
        }
    }
}

/// Run one test file with the `morestack` executable at `morestack`; a `// run` test
/// in `mode` (the other directives run no program and ignore it).
///
/// `timeout` is the wall-clock limit for each child process; a `-t N` in the
/// directive raises it to N seconds.
pub fn run_one(path: &Path, morestack: &Path, timeout: Duration, mode: Mode) -> Outcome {
    let start = Instant::now();
    let fail = |reason: String, details: String| Outcome::new(Status::Fail, reason, details, start);

    let src = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            return fail(
                format!("cannot read {}: {e}", path.display()),
                String::new(),
            )
        }
    };
    let spec = match parse_test(&src) {
        Ok(spec) => spec,
        Err(reason) => return Outcome::new(Status::Skip, reason, String::new(), start),
    };
    let (Some(file_name), Some(dir)) = (path.file_name(), path.parent()) else {
        return fail(
            format!("not a file path: {}", path.display()),
            String::new(),
        );
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // The child runs in the file's directory, so a relative executable path must be
    // made absolute (a bare name is looked up in PATH, and stays as it is).
    let morestack = if morestack.components().count() > 1 {
        std::path::absolute(morestack).unwrap_or_else(|_| morestack.to_path_buf())
    } else {
        morestack.to_path_buf()
    };
    let timeout = timeout.max(spec.timeout.unwrap_or_default());
    let command = |program: &Path| {
        let mut cmd = Command::new(program);
        cmd.current_dir(dir);
        // As run.go: "a few tests (of things like the environment) require these".
        for (var, value) in [("GOOS", "linux"), ("GOARCH", "amd64")] {
            if std::env::var_os(var).is_none() {
                cmd.env(var, value);
            }
        }
        cmd
    };
    let run = |cmd: Command, shown: &str| run_judged(cmd, shown, timeout, &spec);
    let file_name_str = file_name.to_string_lossy();

    let judged = match &spec.action {
        Action::Run { args } => {
            let ran = match mode {
                Mode::Jit => {
                    let mut cmd = command(&morestack);
                    cmd.arg("run").arg(file_name);
                    if !args.is_empty() {
                        cmd.arg("--").args(args);
                    }
                    let shown = format!("morestack run {file_name_str}");
                    run(cmd, &shown).map(|(status, output)| (status, output, shown))
                }
                Mode::Aot => run_aot(&command, &run, &morestack, file_name, args),
            };
            ran.and_then(|(status, output, shown)| {
                judge_run(path, &spec, status, &output).map_err(naming(&shown))
            })
        }
        // Every error, as Go's test/run.go compiles errorcheck tests with `-e`.
        Action::ErrorCheck { want_error } => {
            let mut cmd = command(&morestack);
            cmd.arg("check").arg("-e").arg(file_name);
            let shown = format!("morestack check {file_name_str}");
            run(cmd, &shown).and_then(|(status, output)| {
                let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let output = shorten_paths(&output, &full.to_string_lossy(), &file_name_str);
                judge_errorcheck(&src, &file_name_str, *want_error, status, &output)
                    .map_err(naming(&shown))
            })
        }
        Action::Compile => {
            let mut cmd = command(&morestack);
            cmd.arg("check").arg(file_name);
            let shown = format!("morestack check {file_name_str}");
            run(cmd, &shown)
                .and_then(|(status, output)| judge_compile(status, &output).map_err(naming(&shown)))
        }
    };
    let mut outcome = match judged {
        Ok(()) => Outcome::new(Status::Pass, "", String::new(), start),
        Err((reason, details)) => fail(reason, details),
    };
    if let Action::Run { .. } = spec.action {
        outcome.mode = Some(mode);
    }
    outcome
}

/// A judgement's reason, followed by the command that was judged.
fn naming(shown: &str) -> impl Fn(Failure) -> Failure + '_ {
    move |(reason, details)| (format!("{reason}: {shown}"), details)
}

/// `morestack build FILE -o EXE` in a temporary directory, then `EXE [ARGS]`: the
/// program's exit status, output and how it was run; a failed build stands for the
/// program, as `morestack run` reports the same diagnostics.
fn run_aot(
    command: &dyn Fn(&Path) -> Command,
    run: &dyn Fn(Command, &str) -> Ran,
    morestack: &Path,
    file_name: &OsStr,
    args: &[String],
) -> Result<(ExitStatus, String, String), Failure> {
    let tmp = tempfile::Builder::new()
        .prefix("morestack-test-")
        .tempdir()
        .map_err(|e| {
            (
                format!("cannot create a temporary directory: {e}"),
                String::new(),
            )
        })?;
    let stem = Path::new(file_name).file_stem().unwrap_or(file_name);
    let exe = tmp.path().join(stem);
    let mut build = command(morestack);
    build.arg("build").arg(file_name).arg("-o").arg(&exe);
    let shown = format!("morestack build {}", file_name.to_string_lossy());
    let (status, output) = run(build, &shown)?;
    if !status.success() {
        return Ok((status, output, shown));
    }
    let mut cmd = command(&exe);
    cmd.args(args);
    let shown = format!("{shown} && ./{}", stem.to_string_lossy());
    let (status, output) = run(cmd, &shown)?;
    Ok((status, output, shown))
}

/// Runs `cmd` (shown as `shown` in reasons): its exit status and combined output,
/// or why the test fails whatever it expected (a time-out, a crash, too much output).
fn run_judged(cmd: Command, shown: &str, timeout: Duration, spec: &TestSpec) -> Ran {
    let program = PathBuf::from(cmd.get_program());
    let captured = run_captured(cmd, timeout).map_err(|e| {
        (
            format!("cannot execute {}: {e}", program.display()),
            String::new(),
        )
    })?;
    let output = String::from_utf8_lossy(&captured.output).into_owned();
    let Some(status) = captured.status else {
        return Err((
            format!("timed out after {}s: {shown}", timeout.as_secs_f64()),
            output_block(&output),
        ));
    };
    if let Some(crash) = describe_crash(status, &output, spec) {
        return Err((format!("{crash}: {shown}"), output_block(&output)));
    }
    if captured.truncated {
        return Err((
            format!("output exceeds {} MiB: {shown}", OUTPUT_LIMIT >> 20),
            String::new(),
        ));
    }
    Ok((status, output))
}

/// Why a test failed: the reason (one line) and the details.
type Failure = (String, String);

type Judgement = Result<(), Failure>;

/// A command's exit status and combined output, unless it failed the test itself.
type Ran = Result<(ExitStatus, String), Failure>;

fn judge_run(path: &Path, spec: &TestSpec, status: ExitStatus, output: &str) -> Judgement {
    let out_file: PathBuf = path.with_extension("out");
    let (expected, expected_name) = match std::fs::read(&out_file) {
        Ok(b) => (
            String::from_utf8_lossy(&b).into_owned(),
            out_file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        ),
        Err(_) => (String::new(), "(no .out file: empty output)".to_string()),
    };
    let want = normalize_output(&expected);
    let got = normalize_output(output);
    let code = status.code().unwrap_or(-1);

    let mut problems = Vec::new();
    if code != spec.want_exit {
        problems.push(format!("exit status {code}, want {}", spec.want_exit));
    }
    if want != got {
        problems.push("output differs".to_string());
    }
    if problems.is_empty() {
        return Ok(());
    }
    let details = if want != got {
        TextDiff::from_lines(&want, &got)
            .unified_diff()
            .context_radius(3)
            .header(&expected_name, "actual output")
            .to_string()
    } else {
        output_block(output)
    };
    Err((problems.join(", "), details))
}

fn judge_compile(status: ExitStatus, output: &str) -> Judgement {
    if status.success() {
        Ok(())
    } else {
        Err((
            format!("check failed (exit status {})", status.code().unwrap_or(-1)),
            output_block(output),
        ))
    }
}

fn judge_errorcheck(
    src: &str,
    file_name: &str,
    want_error: Option<bool>,
    status: ExitStatus,
    output: &str,
) -> Judgement {
    let wanted = wanted_errors(src, file_name).map_err(|e| (e, String::new()))?;
    let want_error = want_error.unwrap_or(!wanted.is_empty());
    let diags = parse_diagnostics(output);

    let mut problems = Vec::new();
    match (want_error, status.success()) {
        (true, true) => problems.push("check succeeded unexpectedly".to_string()),
        (false, false) => problems.push(format!(
            "check failed unexpectedly (exit status {})",
            status.code().unwrap_or(-1)
        )),
        _ => {}
    }
    if !status.success() && diags.is_empty() {
        problems.push("check failed without printing a FILE:LINE:COL: diagnostic".into());
    }
    problems.extend(match_errors(&wanted, &diags, file_name));
    if problems.is_empty() {
        return Ok(());
    }
    let reason = if problems.len() == 1 && !problems[0].contains('\n') {
        problems[0].clone()
    } else {
        format!("{} errorcheck problems", problems.len())
    };
    let mut details = String::new();
    for p in &problems {
        let _ = writeln!(details, "{p}");
    }
    details.push_str(&output_block(output));
    Err((reason, details))
}

/// A crash of the compiler or of the program that no test may expect: death by
/// signal, or a Rust panic (exit status 101, the Rust runtime's panic code).
fn describe_crash(status: ExitStatus, output: &str, spec: &TestSpec) -> Option<String> {
    use std::os::unix::process::ExitStatusExt;
    if let Some(sig) = status.signal() {
        let name = match sig {
            4 => " (SIGILL)",
            6 => " (SIGABRT)",
            7 => " (SIGBUS)",
            8 => " (SIGFPE)",
            9 => " (SIGKILL)",
            11 => " (SIGSEGV)",
            _ => "",
        };
        return Some(format!("killed by signal {sig}{name}"));
    }
    let rust_panic = status.code() == Some(101)
        && spec.want_exit != 101
        && output
            .lines()
            .any(|l| l.starts_with("thread '") && l.contains("panicked at"));
    rust_panic.then(|| "morestack crashed (Rust panic)".to_string())
}

fn output_block(output: &str) -> String {
    if output.is_empty() {
        "--- output: (empty)\n".to_string()
    } else {
        let mut s = format!("--- output:\n{output}");
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    //! End-to-end tests of [`run_one`] with a stand-in for `morestack` (see
    //! [`crate::testutil`]).

    use super::*;
    use crate::testutil::fake_morestack as fake;

    struct Case {
        dir: tempfile::TempDir,
    }

    impl Case {
        fn new() -> Self {
            Case {
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn file(&self, name: &str, text: &str) -> PathBuf {
            let p = self.dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        }

        fn run(&self, name: &str, text: &str) -> Outcome {
            let p = self.file(name, text);
            run_one(&p, fake(), Duration::from_secs(20), Mode::Jit)
        }
    }

    fn pass(o: &Outcome) {
        assert_eq!(o.status, Status::Pass, "{}", o.report());
    }

    fn fail(o: &Outcome, needle: &str) {
        assert_eq!(o.status, Status::Fail, "expected failure, got {o:?}");
        assert!(
            o.report().contains(needle),
            "{needle:?} not in:\n{}",
            o.report()
        );
    }

    #[test]
    fn run_compares_combined_output_with_dot_out() {
        let c = Case::new();
        c.file("a.out", "one\ntwo\nthree\n");
        let src = "// run\n\npackage main\n//sh: echo one; echo two >&2; echo three\n";
        pass(&c.run("a.go", src));
        c.file("a.out", "one\nthree\n");
        let o = c.run("a.go", src);
        fail(&o, "output differs");
        fail(&o, " one\n+two\n three");
        fail(&o, "+++ actual output");
        // No .out file: the output must be empty.
        fail(&c.run("b.go", "// run\n//sh: echo hi\n"), "(no .out file");
        pass(&c.run("c.go", "// run\n//sh: true\n"));
    }

    #[test]
    fn run_exit_status_and_arguments() {
        let c = Case::new();
        fail(
            &c.run("a.go", "// run\n//sh: exit 3\n"),
            "exit status 3, want 0",
        );
        pass(&c.run("b.go", "// run\n// want-exit: 3\n//sh: exit 3\n"));
        c.file("c.out", "<x y> <z>\n");
        pass(&c.run(
            "c.go",
            "// run 'x y' z\n//sh: for a; do printf '<%s> ' \"$a\"; done | sed 's/ $//'; echo\n",
        ));
    }

    #[test]
    fn aot_builds_then_runs_the_executable() {
        let c = Case::new();
        c.file("a.out", "<x y> <z>\n");
        let src =
            "// run 'x y' z\n//sh: for a; do printf '<%s> ' \"$a\"; done | sed 's/ $//'; echo\n";
        let p = c.file("a.go", src);
        let o = run_one(&p, fake(), Duration::from_secs(20), Mode::Aot);
        pass(&o);
        assert_eq!(o.mode, Some(Mode::Aot));
        assert_eq!(c.run("a.go", src).mode, Some(Mode::Jit));
        // The program's failure names both steps.
        let p = c.file("b.go", "// run\n//sh: echo oops; exit 3\n");
        let o = run_one(&p, fake(), Duration::from_secs(20), Mode::Aot);
        fail(
            &o,
            "exit status 3, want 0, output differs: morestack build b.go && ./b",
        );
        // A failed build is judged as the program's run: its output and status.
        let p = c.file(
            "d.go",
            "// run\n//build: echo 'd.go:1:1: bad' >&2; exit 1\n",
        );
        let o = run_one(&p, fake(), Duration::from_secs(20), Mode::Aot);
        fail(
            &o,
            "exit status 1, want 0, output differs: morestack build d.go",
        );
        fail(&o, "+d.go:1:1: bad");
        // Tests that run no program have no mode.
        let p = c.file("e.go", "// compile\n//sh: exit 0\n");
        let o = run_one(&p, fake(), Duration::from_secs(20), Mode::Aot);
        pass(&o);
        assert_eq!(o.mode, None);
    }

    #[test]
    fn run_normalises_tracebacks_on_both_sides() {
        let c = Case::new();
        c.file(
            "p.out",
            "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/go/p.go:5 +0x27\nexit status 2\n",
        );
        let src = "// run\n// want-exit: 2\n//sh: printf 'panic: boom\\n\\ngoroutine 1 [running]:\\nmain.main()\\n\\t/elsewhere/p.go:5 +0x99\\n' >&2; exit 2\n";
        pass(&c.run("p.go", src));
    }

    #[test]
    fn crashes_and_timeouts_fail() {
        let c = Case::new();
        fail(
            &c.run("a.go", "// run\n//sh: kill -SEGV $$\n"),
            "killed by signal 11 (SIGSEGV)",
        );
        // A Rust panic of the compiler is a crash even where a failure is expected.
        let src = "// errorcheck\nvar x // ERROR \"x\"\n//sh: echo \"thread 'main' panicked at src/x.rs:1:1:\"; exit 101\n";
        fail(&c.run("b.go", src), "morestack crashed (Rust panic)");
        let p = c.file("c.go", "// run\n//sh: echo partial; sleep 30\n");
        let start = Instant::now();
        let o = run_one(&p, fake(), Duration::from_millis(500), Mode::Jit);
        fail(&o, "timed out after 0.5s");
        fail(&o, "partial");
        assert!(start.elapsed() < Duration::from_secs(10));
        // `-t N` in the directive raises the limit.
        let p = c.file("d.go", "// run -t 5\n//sh: sleep 1\n");
        pass(&run_one(&p, fake(), Duration::from_millis(200), Mode::Jit));
    }

    #[test]
    fn errorcheck_matches_diagnostics() {
        let c = Case::new();
        let src = "// errorcheck\n\npackage p\n\
                   var a int = \"s\" // ERROR \"cannot use .* as int\"\n\
                   var b = c       // ERROR \"undefined: c\"\n\
                   //sh: printf 'e.go:4:13: cannot use \"s\" (untyped string constant) as int value\\n\\tvar a int = \"s\"\\n\\t            ^\\n' >&2\n\
                   //sh: printf 'e.go:5:9: undefined: c\\n\\tsrc\\n\\t^\\n' >&2; exit 1\n";
        pass(&c.run("e.go", src));
        // The same diagnostics without a failing exit status.
        fail(
            &c.run(
                "f.go",
                &src.replace("exit 1", "exit 0").replace("e.go:", "f.go:"),
            ),
            "check succeeded unexpectedly",
        );
        // A missing and an unmatched diagnostic.
        let src = "// errorcheck\n\npackage p\nvar a // ERROR \"want\"\n//sh: echo 'g.go:5:1: surprise'; exit 1\n";
        let o = c.run("g.go", src);
        fail(&o, "2 errorcheck problems");
        fail(&o, "g.go:4: missing error `want`");
        fail(&o, "unmatched error: g.go:5:1: surprise");
        // No ERROR comments: check must succeed.
        pass(&c.run("h.go", "// errorcheck\n\npackage p\n//sh: exit 0\n"));
        fail(
            &c.run("i.go", "// errorcheck -0\n\npackage p\n//sh: exit 1\n"),
            "check failed unexpectedly",
        );
        fail(
            &c.run(
                "j.go",
                "// errorcheck\n\npackage p\nx // ERROR \"x\"\n//sh: echo oops; exit 1\n",
            ),
            "without printing a FILE:LINE:COL: diagnostic",
        );
    }

    #[test]
    fn compile_and_skip() {
        let c = Case::new();
        pass(&c.run("a.go", "// compile\n//sh: exit 0\n"));
        fail(
            &c.run(
                "b.go",
                "// compile\n//sh: echo 'b.go:1:1: bad' >&2; exit 1\n",
            ),
            "b.go:1:1: bad",
        );
        let o = c.run("c.go", "// rundir\n");
        assert_eq!(o.status, Status::Skip);
        assert!(o.reason.contains("rundir"));
        let o = run_one(
            &c.dir.path().join("missing.go"),
            fake(),
            Duration::from_secs(1),
            Mode::Jit,
        );
        fail(&o, "cannot read");
    }

    #[test]
    fn a_missing_executable_fails_the_test() {
        let c = Case::new();
        let p = c.file("a.go", "// run\n");
        let o = run_one(
            &p,
            Path::new("/nonexistent/morestack"),
            Duration::from_secs(1),
            Mode::Jit,
        );
        fail(&o, "cannot execute /nonexistent/morestack");
    }
}
