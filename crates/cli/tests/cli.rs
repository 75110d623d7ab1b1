//! The `morestack` binary as users see it: exit statuses and messages.
//!
//! Each test writes a small Go program into a temporary directory and runs the real
//! binary there, so paths in messages are the short names the user typed. Exit
//! statuses follow Go: 0 on success, the program's own for `os.Exit(N)`, 2 for a
//! panic (and for command-line usage errors, as Go's tools), 1 for a failed compile
//! or a failed test run.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Output {
    fn show(&self) -> String {
        format!(
            "exit: {:?}\n--- stdout:\n{}--- stderr:\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run `morestack ARGS` in `dir`.
fn morestack(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_morestack"))
        .args(args)
        .current_dir(dir)
        .env_remove("GOTRACEBACK")
        .output()
        .expect("cannot execute the morestack binary");
    Output {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

const HELLO: &str = "package main

import \"fmt\"

func main() {
\tfmt.Println(\"hello, world\")
}
";

/// Two type errors, at 4:14 and 5:17 (gc's positions: the offending expressions).
const TYPE_ERRORS: &str = "package main

func main() {
\tvar x int = \"hello\"
\tvar y string = 1
\t_, _ = x, y
}
";

#[test]
fn version_exits_zero() {
    let t = tempdir();
    let o = morestack(t.path(), &["version"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    assert!(
        o.stdout.contains(env!("CARGO_PKG_VERSION")),
        "version should print {}\n{}",
        env!("CARGO_PKG_VERSION"),
        o.show()
    );
}

#[test]
fn help_mentions_the_subcommands() {
    let t = tempdir();
    let o = morestack(t.path(), &["--help"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    for sub in ["run", "check", "test", "version"] {
        assert!(
            o.stdout
                .lines()
                .any(|l| l.split_whitespace().next() == Some(sub)),
            "--help does not list `{sub}`\n{}",
            o.show()
        );
    }
}

#[test]
fn usage_errors_fail() {
    let t = tempdir();
    let o = morestack(t.path(), &["no-such-subcommand"]);
    assert_eq!(o.code, Some(2), "{}", o.show());
    assert!(!o.stderr.is_empty(), "{}", o.show());
}

#[test]
fn run_prints_program_output() {
    let t = tempdir();
    write(t.path(), "hello.go", HELLO);
    let o = morestack(t.path(), &["run", "hello.go"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    assert_eq!(o.stdout, "hello, world\n", "{}", o.show());
    assert_eq!(o.stderr, "", "{}", o.show());
}

#[test]
fn run_missing_file_fails_clearly() {
    let t = tempdir();
    let o = morestack(t.path(), &["run", "missing.go"]);
    assert_eq!(o.code, Some(1), "{}", o.show());
    assert!(
        o.stderr.contains("missing.go"),
        "the message should name the file\n{}",
        o.show()
    );
    assert!(!o.stderr.contains("panicked"), "{}", o.show());
    assert!(
        o.stderr.lines().count() <= 3,
        "a clear message, not a dump\n{}",
        o.show()
    );
}

#[test]
fn run_exits_with_os_exit_status() {
    let t = tempdir();
    write(
        t.path(),
        "exit3.go",
        "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.Exit(3)\n}\n",
    );
    let o = morestack(t.path(), &["run", "exit3.go"]);
    assert_eq!(o.code, Some(3), "{}", o.show());
}

#[test]
fn panic_exits_2_with_panic_message() {
    let t = tempdir();
    write(
        t.path(),
        "boom.go",
        "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n",
    );
    let o = morestack(t.path(), &["run", "boom.go"]);
    assert_eq!(o.code, Some(2), "{}", o.show());
    assert!(o.stderr.starts_with("panic: boom\n"), "{}", o.show());
}

#[test]
fn panic_prints_a_goroutine_traceback() {
    let t = tempdir();
    write(
        t.path(),
        "boom.go",
        "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n",
    );
    let o = morestack(t.path(), &["run", "boom.go"]);
    assert!(
        o.stderr.contains("\ngoroutine 1 [running]:\n"),
        "{}",
        o.show()
    );
    assert!(o.stderr.contains("\nmain.main("), "{}", o.show());
    assert!(o.stderr.contains("boom.go:4"), "{}", o.show());
}

#[test]
fn check_reports_type_errors_with_positions() {
    let t = tempdir();
    write(t.path(), "bad.go", TYPE_ERRORS);
    let o = morestack(t.path(), &["check", "bad.go"]);
    assert_eq!(o.code, Some(1), "{}", o.show());
    let all = format!("{}{}", o.stdout, o.stderr);
    for pos in ["bad.go:4:14: ", "bad.go:5:17: "] {
        assert!(
            all.lines().any(|l| l.starts_with(pos)),
            "no diagnostic at {pos} (several errors per run)\n{}",
            o.show()
        );
    }
}

#[test]
fn diagnostics_show_the_source_line_and_a_caret() {
    let t = tempdir();
    write(t.path(), "bad.go", TYPE_ERRORS);
    let o = morestack(t.path(), &["check", "bad.go"]);
    let all = format!("{}{}", o.stdout, o.stderr);
    let lines: Vec<&str> = all.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("bad.go:4:14: "))
        .unwrap_or_else(|| panic!("no diagnostic at bad.go:4:14\n{}", o.show()));
    assert!(
        lines
            .get(i + 1)
            .is_some_and(|l| l.contains("var x int = \"hello\"")),
        "{}",
        o.show()
    );
    assert!(
        lines
            .get(i + 2)
            .is_some_and(|l| l.trim() == "^" || l.trim().starts_with('^')),
        "{}",
        o.show()
    );
}

#[test]
fn check_of_a_good_file_succeeds_quietly() {
    let t = tempdir();
    write(t.path(), "hello.go", HELLO);
    let o = morestack(t.path(), &["check", "hello.go"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    assert_eq!(o.stdout, "", "{}", o.show());
    assert_eq!(o.stderr, "", "{}", o.show());
}

#[test]
fn run_of_a_file_with_type_errors_fails_with_diagnostics() {
    let t = tempdir();
    write(t.path(), "bad.go", TYPE_ERRORS);
    let o = morestack(t.path(), &["run", "bad.go"]);
    assert_eq!(o.code, Some(1), "{}", o.show());
    assert!(
        o.stderr.lines().any(|l| l.starts_with("bad.go:4:14: ")),
        "{}",
        o.show()
    );
}

#[test]
fn test_subcommand_reports_and_sets_exit_status() {
    let t = tempdir();
    write(t.path(), "hello.go", &format!("// run\n\n{HELLO}"));
    write(t.path(), "hello.out", "hello, world\n");
    write(
        t.path(),
        "errs.go",
        &format!(
            "// errorcheck\n\n{}",
            TYPE_ERRORS
                .replace("= \"hello\"", "= \"hello\" // ERROR \"cannot use\"")
                .replace("= 1\n", "= 1 // ERROR \"cannot use\"\n")
        ),
    );
    write(t.path(), "skipped.go", "// rundir\n\npackage ignored\n");

    let o = morestack(t.path(), &["test", "."]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    assert_eq!(
        o.stdout.lines().last(),
        Some("2 passed, 0 failed, 1 skipped"),
        "{}",
        o.show()
    );

    write(t.path(), "wrong.out", "something else\n");
    write(t.path(), "wrong.go", &format!("// run\n\n{HELLO}"));
    let o = morestack(t.path(), &["test", "."]);
    assert_eq!(o.code, Some(1), "{}", o.show());
    assert!(
        o.stdout.contains("+hello, world"),
        "failures come with a diff\n{}",
        o.show()
    );
    assert_eq!(
        o.stdout.lines().last(),
        Some("2 passed, 1 failed, 1 skipped"),
        "{}",
        o.show()
    );

    let o = morestack(t.path(), &["test", "--json", "hello.go"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    let doc: serde_json::Value = serde_json::from_str(&o.stdout).expect("--json prints JSON");
    assert_eq!(doc["results"][0]["status"], "pass", "{}", o.show());
    assert_eq!(doc["results"][0]["mode"], "jit", "{}", o.show());
}

const BIG_FRAME: &str = "package main

func small(n int) int {
\tif n == 0 {
\t\treturn 0
\t}
\treturn small(n-1) + 1
}

func big(n int) int {
\tvar a [5000]int
\ta[n] = n
\treturn a[n] + small(n)
}

func main() {
\tprintln(big(3))
}
";

#[test]
fn asm_shows_the_prologue_the_morestack_call_and_the_restart() {
    let t = tempdir();
    write(t.path(), "frames.go", BIG_FRAME);
    let o = morestack(t.path(), &["asm", "--func", "small", "frames.go"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    let text = &o.stdout;
    assert!(text.starts_with("TEXT main.small ("), "{}", o.show());
    assert!(!text.contains("TEXT main.big"), "--func selects one function\n{}", o.show());
    // The check against g.stackguard0, before the frame is allocated.
    assert!(text.contains("mov r10,[rdi+10h]"), "{}", o.show());
    assert!(text.contains("cmp r10,rsp"), "{}", o.show());
    // The stub: morestack_noctxt with g and the frame size, then the restart.
    assert!(text.contains("stack-check stub"), "{}", o.show());
    assert!(text.contains("mov r11,rdi"), "{}", o.show());
    assert!(text.contains("jmp main.small"), "{}", o.show());
    // Source lines annotate the instructions.
    assert!(text.contains("frames.go:7  return small(n-1) + 1"), "{}", o.show());
}

const SIEVE: &str = "package main

func main() {
\tconst n = 100000
\tcomposite := make([]bool, n+1)
\tcount := 0
\tfor i := 2; i <= n; i++ {
\t\tif composite[i] {
\t\t\tcontinue
\t\t}
\t\tcount++
\t\tfor j := i * i; j <= n; j += i {
\t\t\tcomposite[j] = true
\t\t}
\t}
\tprintln(count)
}
";

#[test]
fn asm_shows_the_inner_loop_placed_within_one_cache_line() {
    let t = tempdir();
    write(t.path(), "sieve.go", SIEVE);
    let o = morestack(t.path(), &["asm", "--func", "main", "sieve.go"]);
    assert_eq!(o.code, Some(0), "{}", o.show());
    let text = &o.stdout;
    let base = u64::from_str_radix(text.lines().next().unwrap().rsplit("at 0x").next().unwrap(), 16).unwrap();
    assert_eq!(base % 64, 0, "a function with a loop starts on a line\n{text}");
    // Backward jumps: `    0x00cb  0f8e…  jle 00007F…BDh`, as (target, end) addresses.
    let mut loops = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [off, bytes, mnemonic, target] = fields[..] else { continue };
        let (Some(off), Some(target)) = (off.strip_prefix("0x"), target.strip_suffix('h')) else { continue };
        let (Ok(off), Ok(target)) = (u64::from_str_radix(off, 16), u64::from_str_radix(target, 16)) else { continue };
        let at = base + off;
        if mnemonic.starts_with('j') && target <= at {
            loops.push((target, at + bytes.len() as u64 / 2));
        }
    }
    let &(start, end) = loops.iter().min_by_key(|(s, e)| e - s).unwrap_or_else(|| panic!("no loop found\n{text}"));
    assert!(end - start <= 64, "the inner loop is {} bytes\n{text}", end - start);
    assert_eq!(start / 64, (end - 1) / 64, "inner loop {:#x}..{:#x} crosses a 64-byte line\n{text}", start - base, end - base);
    // And the padded function computes what Go does.
    let run = morestack(t.path(), &["run", "sieve.go"]);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), "9592\n"), "{}", run.show());
}

#[test]
fn a_package_variable_beyond_go_s_symbol_limit_is_an_error_not_a_crash() {
    let t = tempdir();
    write(t.path(), "big.go", "package main\n\nvar g [64][16777216]int64\n\nfunc main() {\n\tg[1][2] = 3\n}\n");
    for args in [&["run", "big.go"][..], &["build", "-o", "big", "big.go"][..]] {
        let o = morestack(t.path(), args);
        assert_eq!(o.code, Some(1), "{}", o.show());
        // Go 1.19's linker: `./big.go:3:5: main.g: symbol too large (8589934592 bytes > 2000000000 bytes)`.
        assert!(o.stderr.contains("big.go:3:5: main.g: symbol too large (8589934592 bytes > 2000000000 bytes)"), "{}", o.show());
    }
}

#[test]
fn asm_of_an_unknown_function_fails() {
    let t = tempdir();
    write(t.path(), "hello.go", HELLO);
    let o = morestack(t.path(), &["asm", "--func", "nosuch", "hello.go"]);
    assert_eq!(o.code, Some(1), "{}", o.show());
    assert!(o.stderr.contains("no function nosuch"), "{}", o.show());
}

const INFINITE_RECURSION: &str = "package main

func f(n int) int {
\treturn f(n+1) + 1
}

func main() {
\tprintln(f(0))
}
";

#[test]
fn infinite_recursion_reports_go_stack_overflow_quickly() {
    let t = tempdir();
    write(t.path(), "inf.go", INFINITE_RECURSION);
    let start = std::time::Instant::now();
    let o = morestack(t.path(), &["run", "inf.go"]);
    let took = start.elapsed();
    assert_eq!(o.code, Some(2), "{}", o.show());
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines[0], "runtime: goroutine stack exceeds 1000000000-byte limit", "{}", o.show());
    assert!(lines[1].starts_with("runtime: sp=0x"), "{}", o.show());
    assert_eq!(lines[2], "fatal error: stack overflow", "{}", o.show());
    assert!(o.stderr.contains("\ngoroutine 1 [running]:\nmain.f(...)\n\t"), "{}", o.show());
    assert!(o.stderr.contains("inf.go:4 +0x"), "{}", o.show());
    // Not a timing assertion of performance: a hang or crawl would be a bug.
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[test]
fn stack_debug_knob_logs_growth_and_shrinking() {
    let t = tempdir();
    let prog = "package main\n\nimport \"runtime\"\n\nfunc d(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn d(n-1) + 1\n}\n\nfunc main() {\n\tprintln(d(10000))\n\truntime.GC()\n}\n";
    write(t.path(), "grow.go", prog);
    let out = Command::new(env!("CARGO_BIN_EXE_morestack"))
        .args(["run", "grow.go"])
        .current_dir(t.path())
        .env("MORESTACKDEBUG", "stack=1")
        .output()
        .expect("run morestack");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("runtime: goroutine 1 stack grow 8192 -> 16384 bytes, copied "), "{stderr}");
    assert!(stderr.contains("stack shrink "), "{stderr}");
    assert!(stderr.contains("10000\n"), "{stderr}");
}

#[test]
fn infinite_recursion_with_big_locals_is_a_stack_overflow_too() {
    // Arrays live on the aggregate stack, which counts toward the same 1 GB limit.
    let t = tempdir();
    let prog = "package main\n\nfunc f(n int) int {\n\tvar a [8192]int\n\ta[n%8192] = n\n\treturn f(n+1) + a[0]\n}\n\nfunc main() {\n\tprintln(f(0))\n}\n";
    write(t.path(), "big.go", prog);
    let o = morestack(t.path(), &["run", "big.go"]);
    assert_eq!(o.code, Some(2), "{}", o.show());
    assert!(o.stderr.starts_with("runtime: goroutine stack exceeds 1000000000-byte limit\n"), "{}", o.show());
    assert!(o.stderr.contains("\nfatal error: stack overflow\n"), "{}", o.show());
}

const DEFERS: &str = "package main

import \"fmt\"

func open() (r int) {
\tdefer func() { r *= 2 }()
\treturn 21
}

func two() (r int) {
\tdefer func() { r++ }()
\tdefer func() { r *= 2 }()
\treturn 20
}

func general(n int) {
\tfor i := 0; i < n; i++ {
\t\tdefer fmt.Println(i)
\t}
}

func main() {
\tfmt.Println(open(), two())
\tgeneral(2)
\tpanic(\"boom\")
}
";

#[test]
fn asm_shows_open_coded_and_general_defers() {
    let t = tempdir();
    write(t.path(), "defers.go", DEFERS);
    let open = morestack(t.path(), &["asm", "--func", "open", "defers.go"]);
    assert_eq!(open.code, Some(0), "{}", open.show());
    // Open-coded: the closure goes into the frame record and the exit block calls
    // it directly; no deferproc. The deferred call that runs last is a plain call
    // (nothing of this function is left to recover a panic in it); one that runs
    // while another is pending is a try_call, whose landing pad is the exit block.
    assert!(open.stdout.contains("call main.open.func1"), "{}", open.show());
    assert!(!open.stdout.contains("; try_call"), "{}", open.show());
    assert!(!open.stdout.contains("runtime.deferproc"), "{}", open.show());
    let two = morestack(t.path(), &["asm", "--func", "two", "defers.go"]);
    assert_eq!(two.code, Some(0), "{}", two.show());
    assert_eq!(two.stdout.matches("; try_call").count(), 1, "{}", two.show());
    assert!(two.stdout.contains("exit block"), "{}", two.show());
    assert!(two.stdout.contains("call main.two.func2    ; try_call"), "{}", two.show());
    let general = morestack(t.path(), &["asm", "--func", "general", "defers.go"]);
    assert_eq!(general.code, Some(0), "{}", general.show());
    // A thunk (fmt.Println(i)) gets its closure in a reusable defer node.
    assert!(general.stdout.contains("runtime.newdefer"), "{}", general.show());
    assert!(general.stdout.contains("runtime.deferpop"), "{}", general.show());
}

#[test]
fn gotraceback_none_single_and_all() {
    let t = tempdir();
    write(t.path(), "defers.go", DEFERS);
    let run = |level: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_morestack"));
        c.args(["run", "defers.go"]).current_dir(t.path()).env_remove("GOTRACEBACK");
        if let Some(l) = level {
            c.env("GOTRACEBACK", l);
        }
        let out = c.output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    // The deferred calls ran before the panic ended the program.
    let (code, out, err) = run(None);
    assert_eq!((code, out.as_str()), (Some(2), "42 41\n1\n0\n"), "{err}");
    assert!(err.starts_with("panic: boom\n\ngoroutine 1 [running]:\nmain.main(...)\n"), "{err}");
    let (code, _, err) = run(Some("none"));
    assert_eq!((code, err.as_str()), (Some(2), "panic: boom\n"));
    let (_, _, single) = run(Some("single"));
    let (_, _, all) = run(Some("all"));
    assert!(single.contains("goroutine 1 [running]:") && all.contains("goroutine 1 [running]:"), "{single}{all}");
}

/// `os.Args` holds the program's name, then every word after FILE (including ones
/// that look like options, as with `go run`); it can be read, indexed and assigned.
#[test]
fn run_passes_arguments_as_os_args() {
    let dir = tempdir();
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strconv\"\n)\n\nfunc main() {\n\tfmt.Println(len(os.Args) - 1)\n\tfor _, a := range os.Args[1:] {\n\t\tn, err := strconv.Atoi(a)\n\t\tfmt.Println(a, n, err)\n\t}\n\tos.Args = append(os.Args, \"more\")\n\tos.Args[0] = \"prog\"\n\tfmt.Println(os.Args[0], os.Args[len(os.Args)-1], len(os.Args))\n}\n";
    write(dir.path(), "args.go", src);
    let out = morestack(dir.path(), &["run", "args.go", "12", "x", "-5"]);
    // Real Go 1.19 (`go run args.go 12 x -5`) prints exactly this.
    let want = "3\n12 12 <nil>\nx 0 strconv.Atoi: parsing \"x\": invalid syntax\n-5 -5 <nil>\nprog more 5\n";
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), want), "{}", out.show());
    let name = morestack(dir.path(), &["run", "args.go"]);
    assert!(name.stdout.starts_with("0\n"), "{}", name.show());
}
