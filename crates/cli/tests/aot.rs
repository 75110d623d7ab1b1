//! `morestack build` as users see it, through the real `morestack` binary (docs/aot.md;
//! the testsuite and Go's suite also run every `// run` program as an executable):
//!
//! - an executable runs from anywhere with a clean environment: it needs nothing
//!   from the build tree;
//! - `os.Args` comes from the command line, and the exit status is the program's;
//! - a panic's traceback names the same functions and file:line as under the JIT;
//! - gdb and perf see the Go functions' symbols;
//! - a program that imports "C" (C calls and an exported callback) builds and runs;
//! - `-o` names the executable or a directory for it (default: the file's stem in
//!   the current directory), and an existing executable is replaced;
//! - errors are clear: a compile error, an output that cannot be written, a missing
//!   C compiler.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

mod common;
use common::{program, run_with_timeout, Run};

const TIMEOUT: Duration = Duration::from_secs(60);

fn morestack() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
    cmd.env_remove("GOTRACEBACK").env_remove("MORESTACKDEBUG").env_remove("CC");
    cmd
}

/// `morestack build ARGS...` in `dir`.
fn build(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = morestack();
    cmd.arg("build").args(args).current_dir(dir);
    run_with_timeout(cmd, TIMEOUT)
}

/// Builds `dir/file` into `dir/exe`; panics if that fails.
fn build_ok(dir: &Path, file: &str) -> PathBuf {
    let exe = dir.join("exe");
    let r = build(dir, &[file, "-o", exe.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "build failed\n{}", r.show());
    assert!(r.stdout.is_empty() && r.stderr.is_empty(), "build printed something\n{}", r.show());
    exe
}

/// Runs `exe ARGS...` in `dir`.
fn run(exe: &Path, dir: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new(exe);
    cmd.args(args).current_dir(dir).env_remove("GOTRACEBACK").env_remove("MORESTACKDEBUG");
    run_with_timeout(cmd, TIMEOUT)
}

#[test]
fn an_executable_needs_nothing_from_the_build_tree() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let out = tempfile::tempdir().unwrap();
    let r = build(&examples, &["hello.go", "-o", out.path().to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    // Elsewhere, with no environment at all (no PATH, no HOME, no LD_LIBRARY_PATH).
    let elsewhere = tempfile::tempdir().unwrap();
    let exe = elsewhere.path().join("hello");
    std::fs::copy(out.path().join("hello"), &exe).unwrap();
    drop(out);
    let mut cmd = Command::new(&exe);
    cmd.env_clear().current_dir("/");
    let r = run_with_timeout(cmd, TIMEOUT);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (Some(0), "hello, world\n", ""), "{}", r.show());
}

#[test]
fn os_args_and_the_exit_status_are_the_programs() {
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Println(len(os.Args), os.Args[1:])\n\tdefer fmt.Println(\"not printed: os.Exit runs no deferred calls\")\n\tos.Exit(len(os.Args[1]))\n}\n";
    let dir = program("args.go", src);
    let exe = build_ok(dir.path(), "args.go");
    let r = run(&exe, dir.path(), &["abc", "two words", "-x"]);
    assert_eq!((r.code, r.stdout.as_str()), (Some(3), "4 [abc two words -x]\n"), "{}", r.show());
    // os.Args[0] is the executable as it was started.
    let src = "package main\n\nimport \"os\"\n\nfunc main() { println(os.Args[0]) }\n";
    let dir = program("zero.go", src);
    let exe = build_ok(dir.path(), "zero.go");
    let r = run(&exe, dir.path(), &[]);
    assert_eq!(r.stderr, format!("{}\n", exe.display()), "{}", r.show());
}

const PANICS: &str = r#"package main

import "fmt"

func inner(xs []int, i int) int {
	return xs[i]
}

func outer(n int) int {
	if n == 0 {
		return inner([]int{1, 2, 3}, 7)
	}
	return outer(n-1) + 1
}

func main() {
	defer fmt.Println("deferred in main")
	done := make(chan bool)
	go func() {
		defer func() {
			fmt.Println("recovered:", recover())
			done <- true
		}()
		outer(2)
	}()
	<-done
	fmt.Println(outer(3))
}
"#;

#[test]
fn a_traceback_names_the_same_functions_and_lines_as_under_the_jit() {
    let dir = program("panics.go", PANICS);
    let exe = build_ok(dir.path(), "panics.go");
    let aot = run(&exe, dir.path(), &[]);
    let mut cmd = morestack();
    cmd.args(["run", "panics.go"]).current_dir(dir.path());
    let jit = run_with_timeout(cmd, TIMEOUT);
    assert_eq!(aot.code, Some(2), "{}", aot.show());
    let file = std::fs::canonicalize(dir.path().join("panics.go")).unwrap();
    for line in [
        "panic: runtime error: index out of range [7] with length 3".to_string(),
        "main.inner(...)".to_string(),
        format!("\t{}:6 +0x", file.display()),
        format!("\t{}:11 +0x", file.display()),
        format!("\t{}:13 +0x", file.display()),
        "main.main(...)".to_string(),
        format!("\t{}:27 +0x", file.display()),
    ] {
        assert!(aot.stderr.contains(&line), "{line:?} missing from\n{}", aot.show());
    }
    // The same code, so the same offsets too.
    assert_eq!((aot.code, &aot.stdout, &aot.stderr), (jit.code, &jit.stdout, &jit.stderr), "AOT\n{}\nJIT\n{}", aot.show(), jit.show());
}

#[test]
fn debuggers_and_profilers_see_the_go_functions() {
    let dir = program("panics.go", PANICS);
    let exe = build_ok(dir.path(), "panics.go");
    let nm = Command::new("nm").arg(&exe).output().expect("nm (binutils) runs");
    let symbols = String::from_utf8_lossy(&nm.stdout);
    for name in ["main.inner", "main.outer", "main.main", "main.main.func1", "main.main.func1.1", "runtime.rt0_go", "runtime.morestack_noctxt"] {
        let is_function = |l: &str| l.ends_with(&format!(" t {name}")) || l.ends_with(&format!(" T {name}"));
        assert!(symbols.lines().any(is_function), "no function symbol {name} in\n{symbols}");
    }
}

const CGO: &str = r#"package main

/*
static int twice(int x) { return 2 * x; }
static int viaGo(int x) { return goSquare(x) + 1; }
*/
import "C"

import "fmt"

//export goSquare
func goSquare(x C.int) C.int {
	return x * x
}

func main() {
	fmt.Println(C.twice(21), C.viaGo(7))
}
"#;

#[test]
fn a_program_that_imports_c_builds_and_runs() {
    let dir = program("cgo.go", CGO);
    let exe = build_ok(dir.path(), "cgo.go");
    let r = run(&exe, dir.path(), &[]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (Some(0), "42 50\n", ""), "{}", r.show());
}

#[test]
fn the_output_option() {
    let dir = program("prog.go", "package main\n\nfunc main() { println(\"prog\") }\n");
    // Default: the file's stem, in the current directory.
    let r = build(dir.path(), &["prog.go"]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert_eq!(run(&dir.path().join("prog"), dir.path(), &[]).stderr, "prog\n");
    // A directory: the stem inside it.
    std::fs::create_dir(dir.path().join("bin")).unwrap();
    let r = build(dir.path(), &["-o", "bin", "prog.go"]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert_eq!(run(&dir.path().join("bin/prog"), dir.path(), &[]).stderr, "prog\n");
    // A file name; an existing file is replaced.
    std::fs::write(dir.path().join("other"), "old").unwrap();
    let r = build(dir.path(), &["prog.go", "-o", "other"]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert_eq!(run(&dir.path().join("other"), dir.path(), &[]).stderr, "prog\n");
    // Nothing else is left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["bin", "other", "prog", "prog.go"]);
}

#[test]
fn errors_are_clear() {
    let dir = program("prog.go", "package main\n\nfunc main() { println(\"prog\") }\n");
    // The output's directory does not exist, or is a file.
    let r = build(dir.path(), &["prog.go", "-o", "missing/prog"]);
    assert_eq!((r.code, r.stderr.as_str()), (Some(1), "morestack: build: cannot write missing/prog: no such file or directory\n"), "{}", r.show());
    let r = build(dir.path(), &["prog.go", "-o", "prog.go/prog"]);
    assert_eq!((r.code, r.stderr.as_str()), (Some(1), "morestack: build: cannot write prog.go/prog: not a directory\n"), "{}", r.show());
    // No C compiler to link with.
    let mut cmd = morestack();
    cmd.args(["build", "prog.go"]).current_dir(dir.path()).env("CC", "/nonexistent/cc");
    let r = run_with_timeout(cmd, TIMEOUT);
    assert_eq!(r.code, Some(1), "{}", r.show());
    assert!(r.stderr.starts_with("morestack: build: the C compiler \"/nonexistent/cc\", which links executables, cannot be run: no such file or directory"), "{}", r.show());
    // A compile error: Go's diagnostics, and no executable.
    let bad = program("bad.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
    let r = build(bad.path(), &["bad.go"]);
    assert_eq!((r.code, r.stderr.as_str()), (Some(1), "bad.go:4:2: declared and not used: x\n        x := 1\n        ^\n"), "{}", r.show());
    assert!(!bad.path().join("bad").exists());
}
