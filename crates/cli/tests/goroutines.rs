//! Goroutines, channels and the scheduler as users see them, through the real
//! `morestack` binary, with real Go 1.19 as the oracle:
//!
//! - a stress program: 1,000 goroutines recursing to pseudo-random depths (their
//!   stacks grow by copying while the others run) and exchanging values over
//!   channels at the bottom of the recursion, under `GOMAXPROCS=2`, run 100 times in
//!   a row: every run must print exactly what Go prints;
//! - goroutine churn: trees of ~3,200 short-lived goroutines, 60 runs under
//!   `GOMAXPROCS=2` and `4`;
//! - a deadlock: `fatal error: all goroutines are asleep - deadlock!`, the blocked
//!   goroutines' tracebacks with their wait reasons, exit status 2;
//! - an uncaught panic in a goroutine other than main: Go's `goroutine N [running]:`
//!   traceback ending in `created by main.main`, exit status 2;
//! - preemption: under `GOMAXPROCS=1` a goroutine spinning in a loop with calls (also
//!   when it calls only a leaf function) does not starve the others;
//! - the seed example: a goroutine whose deferred function recovers a panic raised
//!   two calls deeper, while main waits on a channel;
//! - stack shrinking: the stacks of parked goroutines are halved by each
//!   `runtime.GC()` (also under the stack-move stress knob) and grow again after.
//!
//! Outputs are compared after the test runner's normalisation (`normalize_output`:
//! pc offsets, directories, argument words in tracebacks, and the numbers of goroutines
//! other than goroutine 1, which depend on how many goroutines the runtime itself has
//! started: Go 1.19 prints `goroutine 18`, `6` or `19` for the first goroutine a
//! program starts). The order in which a deadlock report lists the other goroutines
//! is not compared.
//!
//! The expected outputs are checked in below, as real Go 1.19 printed them
//! (normalised). When `go` 1.19 is installed, each test also builds its program with
//! it and fails if the checked-in output has gone stale, so the constants cannot
//! drift from Go. Regenerate one by running the program with Go and normalising.
//!
//! `MORESTACK_GOROUTINE_RUNS=N` changes the number of runs of the stress program
//! (default 100).

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use morestack_testrunner::normalize_output;

mod common;
use common::{program, run_with_timeout, Run};

/// Per-process time limit: a deadlock that is not detected, or a starved goroutine,
/// must fail the test rather than hang it.
const TIMEOUT: Duration = Duration::from_secs(20);

/// `morestack run FILE` in `dir` with the given `GOMAXPROCS` (unset: the default).
fn morestack(dir: &Path, file: &str, gomaxprocs: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
    cmd.args(["run", file])
        .current_dir(dir)
        .env_remove("GOTRACEBACK")
        .env_remove("GOMAXPROCS");
    if let Some(n) = gomaxprocs {
        cmd.env("GOMAXPROCS", n);
    }
    run_with_timeout(cmd, TIMEOUT)
}

/// Real Go 1.19, if installed (`go version` says go1.19): the oracle.
fn go119() -> bool {
    static GO: OnceLock<bool> = OnceLock::new();
    *GO.get_or_init(|| {
        Command::new("go").arg("version").output().is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains("go1.19")
        })
    })
}

/// Build `file` in `dir` with real Go and run the binary (not `go run`, which adds
/// its own `exit status N` line) with the given `GOMAXPROCS`. `None` without Go 1.19.
fn go_run(dir: &Path, file: &str, gomaxprocs: Option<&str>) -> Option<Run> {
    if !go119() {
        return None;
    }
    let bin = dir.join(format!("{file}.go-bin"));
    let built = Command::new("go")
        .args(["build", "-o"])
        .arg(&bin)
        .arg(file)
        .current_dir(dir)
        .env("GO111MODULE", "off")
        .env("GOFLAGS", "")
        .output()
        .expect("run go build");
    assert!(
        built.status.success(),
        "go build {file} failed (a bug in this test's Go program):\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut cmd = Command::new(&bin);
    cmd.current_dir(dir)
        .env_remove("GOTRACEBACK")
        .env_remove("GOMAXPROCS");
    if let Some(n) = gomaxprocs {
        cmd.env("GOMAXPROCS", n);
    }
    Some(run_with_timeout(cmd, TIMEOUT))
}

/// The goroutine numbers in a traceback's `goroutine ? [` headers.
fn goroutine_ids(s: &str) -> Vec<u64> {
    s.lines()
        .filter_map(|l| {
            l.strip_prefix("goroutine ")?
                .split_once(" [")?
                .0
                .parse()
                .ok()
        })
        .collect()
}

/// A fresh directory holding `file` with `src`, whose expected exit `code` and
/// normalised output were checked in from Go 1.19; when Go 1.19 is installed, it is run
/// (with `gomaxprocs`) to make sure they are still what it prints.
fn program_like_go(file: &str, src: &str, gomaxprocs: Option<&str>, code: i32, stdout: &str, stderr: &str) -> tempfile::TempDir {
    let dir = program(file, src);
    if let Some(go) = go_run(dir.path(), file, gomaxprocs) {
        check_not_stale(file, &go, code, stdout, stderr);
    }
    dir
}

/// Fail if the checked-in expected output no longer matches what Go 1.19 prints.
fn check_not_stale(what: &str, go: &Run, code: i32, stdout: &str, stderr: &str) {
    let (got_out, got_err) = (normalize_output(&go.stdout), normalize_output(&go.stderr));
    assert!(
        go.code == Some(code) && got_out == stdout && got_err == stderr,
        "the expected output of {what} checked into goroutines.rs is stale: real Go now \
         prints (normalised) exit {:?}\n--- stdout:\n{got_out}--- stderr:\n{got_err}\
         --- instead of exit {code}\n--- stdout:\n{stdout}--- stderr:\n{stderr}",
        go.code
    );
}

// ---------------------------------------------------------------------------------
// (a) 1,000 goroutines, deep random recursion, channel exchanges, 100 runs

const STRESS: &str = r#"package main

import "fmt"

// 1,000 goroutines recurse to pseudo-random depths (0..1999: their stacks grow by
// copying, several times for the deep ones, while the others run), exchange a
// value with a partner goroutine at the bottom of the recursion over unbuffered
// channels, check their locals on the way back up, and report to main over a
// buffered channel.

const workers = 1000

type acc struct {
	got  int
	hops int
	mix  [4]int
}

type result struct {
	id, value, got, hops int
}

func descend(id, d int, in <-chan int, out chan<- int, a *acc) int {
	var locals [6]int
	x := id*131 + d
	y := d * d % 97
	z := x ^ y
	locals[d%6] = z
	if d == 0 {
		var got int
		if id%2 == 0 {
			out <- x
			got = <-in
		} else {
			got = <-in
			out <- x
		}
		a.got = got
		return got + z
	}
	r := descend(id, d-1, in, out, a)
	if locals[d%6] != z || x != id*131+d || y != d*d%97 {
		panic(fmt.Sprintf("goroutine %d: frame at depth %d corrupted", id, d))
	}
	a.mix[d%4] += r % 1000
	a.hops++
	return (r*31 + y + locals[d%6]) % 1000003
}

func main() {
	results := make(chan result, 64)
	seed := uint64(88172645463325252)
	for id := 0; id < workers; id += 2 {
		ab := make(chan int)
		ba := make(chan int)
		for k := 0; k < 2; k++ {
			seed ^= seed << 13
			seed ^= seed >> 7
			seed ^= seed << 17
			depth := int(seed % 2000)
			in, out := (<-chan int)(ba), (chan<- int)(ab)
			if k == 1 {
				in, out = ab, ba
			}
			go func(id, depth int, in <-chan int, out chan<- int) {
				var a acc
				v := descend(id, depth, in, out, &a)
				results <- result{id, v + a.mix[0] - a.mix[3], a.got, a.hops}
			}(id+k, depth, in, out)
		}
	}
	byID := make([]result, workers)
	for i := 0; i < workers; i++ {
		r := <-results
		byID[r.id] = r
	}
	sum, hops, check := 0, 0, 0
	for i, r := range byID {
		sum += r.value
		hops += r.hops
		check = (check*7 + r.got + i) % 1000000007
	}
	fmt.Println("sum", sum, "hops", hops, "check", check)
	fmt.Println("first", byID[0], "last", byID[workers-1])
}
"#;

/// What Go 1.19 prints for `STRESS` (under any GOMAXPROCS).
const STRESS_OUT: &str = "sum 498831326 hops 1009425 check 421751204\n\
                          first {0 609632 131 512} last {999 441858 130738 1621}\n";

#[test]
fn thousand_goroutines_with_growing_stacks_agree_with_go_every_time() {
    let runs: usize = std::env::var("MORESTACK_GOROUTINE_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let dir = program_like_go("stress.go", STRESS, Some("2"), 0, STRESS_OUT, "");
    let start = Instant::now();
    let mut failures = Vec::new();
    for i in 1..=runs {
        let r = morestack(dir.path(), "stress.go", Some("2"));
        if r.code != Some(0) || r.stdout != STRESS_OUT || !r.stderr.is_empty() {
            failures.push(format!("run {i}: {}", r.show()));
            if failures.len() >= 3 {
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "stress.go (1,000 goroutines, GOMAXPROCS=2) must print exactly what Go prints in \
         each of {runs} runs; failed runs (up to 3 shown) after {:.1?}:\n--- want:\n{STRESS_OUT}\n{}",
        start.elapsed(),
        failures.join("\n")
    );
}

/// Goroutine churn: binary trees of short-lived goroutines (fib(16) starts about
/// 3,200, most of them alive at once), twenty trees per run.
const CHURN: &str = "package main

import \"fmt\"

func fib(n int, out chan<- int) {
\tif n < 2 {
\t\tout <- n
\t\treturn
\t}
\tc := make(chan int, 2)
\tgo fib(n-1, c)
\tgo fib(n-2, c)
\tout <- <-c + <-c
}

func main() {
\tsum := 0
\tfor i := 0; i < 20; i++ {
\t\tc := make(chan int)
\t\tgo fib(16, c)
\t\tsum += <-c
\t}
\tfmt.Println(\"sum\", sum)
}
";

const CHURN_OUT: &str = "sum 19740\n";

#[test]
fn trees_of_short_lived_goroutines_agree_with_go_every_time() {
    let dir = program_like_go("churn.go", CHURN, Some("2"), 0, CHURN_OUT, "");
    let mut failures = Vec::new();
    for i in 1..=30 {
        for procs in ["2", "4"] {
            let r = morestack(dir.path(), "churn.go", Some(procs));
            if r.code != Some(0) || r.stdout != CHURN_OUT || !r.stderr.is_empty() {
                failures.push(format!("run {i}, GOMAXPROCS={procs}: {}", r.show()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "churn.go must print {CHURN_OUT:?} every time; {} of 60 runs failed (up to 3 shown):\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ---------------------------------------------------------------------------------
// (b) deadlocks

const DEADLOCK: &str = "package main

import \"fmt\"

func main() {
\tc := make(chan int)
\tfmt.Println(\"main waits\")
\t<-c
}
";

const DEADLOCK_OUT: &str = "main waits\n";
const DEADLOCK_ERR: &str = "fatal error: all goroutines are asleep - deadlock!\n\
                            \n\
                            goroutine 1 [chan receive]:\n\
                            main.main(...)\n\
                            \tdeadlock.go:8\n";

/// Split a deadlock report into its header and goroutine 1's block (compared in
/// order) and the other goroutines' blocks (compared as a sorted list: their order
/// is the runtime's list of goroutines, not something a program can rely on).
fn deadlock_parts(s: &str) -> (String, Vec<String>) {
    let mut blocks: Vec<String> = s
        .split("\n\n")
        .map(|b| b.trim_end_matches('\n').to_string())
        .collect();
    let head: Vec<String> = blocks.drain(..blocks.len().min(2)).collect();
    blocks.sort();
    (head.join("\n\n"), blocks)
}

fn assert_deadlock_matches(what: &str, r: &Run, want_out: &str, want_err: &str) {
    assert!(
        !r.timed_out,
        "{what}: the deadlock was not detected (killed after {TIMEOUT:?})\n{}",
        r.show()
    );
    assert_eq!(
        r.code,
        Some(2),
        "{what}: a deadlock exits with status 2\n{}",
        r.show()
    );
    assert_eq!(
        r.stdout,
        want_out,
        "{what}: program output before the deadlock\n{}",
        r.show()
    );
    let got = normalize_output(&r.stderr);
    assert!(
        got.starts_with(
            "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n"
        ),
        "{what}: want Go's `fatal error: all goroutines are asleep - deadlock!`, a blank line and \
         `goroutine 1 [chan receive]:`\n{}",
        r.show()
    );
    assert_eq!(
        deadlock_parts(&got),
        deadlock_parts(want_err),
        "{what}: the deadlock report differs from Go's (normalised; other goroutines' numbers \
         and order not compared)\n--- want stderr:\n{want_err}--- got stderr (normalised):\n{got}"
    );
    let ids = goroutine_ids(&r.stderr);
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert!(
        distinct.len() == ids.len() && ids.iter().filter(|&&id| id == 1).count() == 1,
        "{what}: goroutine numbers must be distinct, and only main is goroutine 1: {ids:?}\n{}",
        r.show()
    );
}

#[test]
fn deadlock_of_main_is_reported_like_go() {
    let dir = program_like_go("deadlock.go", DEADLOCK, None, 2, DEADLOCK_OUT, DEADLOCK_ERR);
    let r = morestack(dir.path(), "deadlock.go", None);
    assert_deadlock_matches("deadlock.go", &r, DEADLOCK_OUT, DEADLOCK_ERR);
}

const DEADLOCK_OTHERS: &str = "package main

import \"fmt\"

func produce(out chan<- int) {
\tout <- 1
\tout <- 2
}

func wait(a, b chan int) {
\tselect {
\tcase <-a:
\tcase b <- 1:
\t}
}

func main() {
\tout := make(chan int)
\tgo produce(out)
\tfmt.Println(\"received\", <-out)
\tgo func() {
\t\twait(make(chan int), make(chan int))
\t}()
\tdone := make(chan bool)
\t<-done
}
";

/// Go inlines `wait` (`main.wait(...)` and a line without offset: the same after
/// normalisation as a real frame).
const DEADLOCK_OTHERS_OUT: &str = "received 1\n";
const DEADLOCK_OTHERS_ERR: &str = "fatal error: all goroutines are asleep - deadlock!\n\
                                   \n\
                                   goroutine 1 [chan receive]:\n\
                                   main.main(...)\n\
                                   \tdeadlock_others.go:25\n\
                                   \n\
                                   goroutine ? [chan send]:\n\
                                   main.produce(...)\n\
                                   \tdeadlock_others.go:7\n\
                                   created by main.main\n\
                                   \tdeadlock_others.go:19\n\
                                   \n\
                                   goroutine ? [select]:\n\
                                   main.wait(...)\n\
                                   \tdeadlock_others.go:11\n\
                                   main.main.func1(...)\n\
                                   \tdeadlock_others.go:22\n\
                                   created by main.main\n\
                                   \tdeadlock_others.go:21\n";

#[test]
fn deadlock_lists_every_blocked_goroutine_like_go() {
    let dir = program("deadlock_others.go", DEADLOCK_OTHERS);
    if let Some(go) = go_run(dir.path(), "deadlock_others.go", None) {
        let got = normalize_output(&go.stderr);
        let (want_head, want_rest) = deadlock_parts(DEADLOCK_OTHERS_ERR);
        assert!(
            go.code == Some(2)
                && go.stdout == DEADLOCK_OTHERS_OUT
                && deadlock_parts(&got) == (want_head, want_rest),
            "the expected output of deadlock_others.go checked into goroutines.rs is stale; Go: {}",
            go.show()
        );
    }
    let r = morestack(dir.path(), "deadlock_others.go", None);
    assert_deadlock_matches(
        "deadlock_others.go",
        &r,
        DEADLOCK_OTHERS_OUT,
        DEADLOCK_OTHERS_ERR,
    );
}

// ---------------------------------------------------------------------------------
// (c) an uncaught panic in a goroutine other than main

const GOROUTINE_PANIC: &str = "package main

import \"fmt\"

func g(s []int, i int) int {
\treturn s[i] * 2
}

func f(s []int, n int) int {
\tif n > 0 {
\t\treturn f(s, n-1) + 1
\t}
\treturn g(s, len(s)+2)
}

func worker(s []int, results chan<- int) {
\tresults <- f(s, 3)
}

func main() {
\tresults := make(chan int)
\tgo worker([]int{1, 2, 3}, results)
\tfmt.Println(<-results)
}
";

const GOROUTINE_PANIC_ERR: &str = "panic: runtime error: index out of range [5] with length 3\n\
                                   \n\
                                   goroutine ? [running]:\n\
                                   main.g(...)\n\
                                   \tgoroutine_panic.go:6\n\
                                   main.f(...)\n\
                                   \tgoroutine_panic.go:13\n\
                                   main.f(...)\n\
                                   \tgoroutine_panic.go:11\n\
                                   main.f(...)\n\
                                   \tgoroutine_panic.go:11\n\
                                   main.f(...)\n\
                                   \tgoroutine_panic.go:11\n\
                                   main.worker(...)\n\
                                   \tgoroutine_panic.go:17\n\
                                   created by main.main\n\
                                   \tgoroutine_panic.go:22\n";

const GOROUTINE_PANIC_CLOSURE: &str = "package main

import \"fmt\"

func check(v int) {
\tif v > 2 {
\t\tpanic(fmt.Sprintf(\"value %d too large\", v))
\t}
}

func main() {
\tblock := make(chan bool)
\tfor i := 0; i < 3; i++ {
\t\t<-func() chan bool {
\t\t\tc := make(chan bool)
\t\t\tgo func() { c <- true }()
\t\t\treturn c
\t\t}()
\t}
\tgo func() {
\t\tfor v := 0; ; v++ {
\t\t\tcheck(v)
\t\t}
\t}()
\t<-block
}
";

/// The closure is main's second function literal: `main.main.func2` (the first
/// one's nested literal is `main.main.func1.1`).
const GOROUTINE_PANIC_CLOSURE_ERR: &str = "panic: value 3 too large\n\
                                           \n\
                                           goroutine ? [running]:\n\
                                           main.check(...)\n\
                                           \tgoroutine_panic_closure.go:7\n\
                                           main.main.func2(...)\n\
                                           \tgoroutine_panic_closure.go:22\n\
                                           created by main.main\n\
                                           \tgoroutine_panic_closure.go:20\n";

fn assert_goroutine_panic(file: &str, src: &str, want_err: &str) {
    let dir = program_like_go(file, src, None, 2, "", want_err);
    let r = morestack(dir.path(), file, None);
    assert!(
        !r.timed_out,
        "{file}: the panic did not end the program\n{}",
        r.show()
    );
    assert_eq!(
        r.code,
        Some(2),
        "{file}: an uncaught panic exits with status 2\n{}",
        r.show()
    );
    assert_eq!(r.stdout, "", "{file}\n{}", r.show());
    let got = normalize_output(&r.stderr);
    assert_eq!(
        got, want_err,
        "{file}: the panic report differs from Go's (normalised, the goroutine's number \
         masked)\n--- want stderr:\n{want_err}--- got stderr (normalised):\n{got}--- raw:\n{}",
        r.stderr
    );
    let ids = goroutine_ids(&r.stderr);
    assert!(
        ids.len() == 1 && ids[0] != 1,
        "{file}: the traceback shows only the panicking goroutine, which is not goroutine 1 \
         (GOTRACEBACK=single, Go's default): {ids:?}\n{}",
        r.show()
    );
}

#[test]
fn panic_in_a_goroutine_prints_gos_traceback() {
    assert_goroutine_panic("goroutine_panic.go", GOROUTINE_PANIC, GOROUTINE_PANIC_ERR);
}

#[test]
fn panic_in_a_goroutine_closure_prints_gos_traceback() {
    assert_goroutine_panic(
        "goroutine_panic_closure.go",
        GOROUTINE_PANIC_CLOSURE,
        GOROUTINE_PANIC_CLOSURE_ERR,
    );
}

// ---------------------------------------------------------------------------------
// (d) preemption: a spinning goroutine does not starve the others

/// A goroutine spins forever in a loop that calls a function; main waits first for
/// the spinner to start (so, with one P, main runs again only if the spinner is
/// preempted, at the stack check of a call), then for a value that a third goroutine
/// sends. `work` calls `step`, so it is not a leaf and has a stack check.
const SPIN_OTHER: &str = "package main

import \"fmt\"

func step(n int) int {
\treturn (n*7 + 1) % 1000003
}

func work(n int) int {
\treturn step(step(n))
}

func main() {
\tstarted := make(chan bool)
\tgo func() {
\t\tstarted <- true
\t\tx := 0
\t\tfor {
\t\t\tx = work(x)
\t\t}
\t}()
\t<-started
\tdone := make(chan bool)
\tgo func() {
\t\tdone <- true
\t}()
\t<-done
\tfmt.Println(\"not starved\")
}
";

/// main itself spins, calling a function, until it sees a flag that another
/// goroutine sets (under a mutex: no data race). With one P, the setter runs only if
/// main is preempted.
const SPIN_MAIN: &str = "package main

import (
\t\"fmt\"
\t\"sync\"
)

var (
\tmu   sync.Mutex
\tflag bool
)

func isSet() bool {
\tmu.Lock()
\tdefer mu.Unlock()
\treturn flag
}

func work(n int) int {
\tfor i := 0; i < 100; i++ {
\t\tn = (n*7 + i) % 1000003
\t}
\treturn n
}

func main() {
\tgo func() {
\t\tmu.Lock()
\t\tflag = true
\t\tmu.Unlock()
\t}()
\tn := 0
\tfor !isSet() {
\t\tn = work(n)
\t}
\tfmt.Println(\"flag observed\")
}
";

/// Loops that Go 1.14+ preempts with a signal: one whose only call is to a small leaf
/// function, which has no stack check (as in Go, where such functions are NOSPLIT),
/// and which morestack preempts at the loop's back edge; and one without calls, which
/// it does not preempt (docs/scheduler.md, "Preemption").
const SPIN_NO_CALLS: &str = "package main

import \"fmt\"

func main() {
\tstarted := make(chan bool)
\tgo func() {
\t\tstarted <- true
\t\tx := 0
\t\tfor {
\t\t\tx = (x*7 + 1) % 1000003
\t\t}
\t}()
\t<-started
\tfmt.Println(\"not starved\")
}
";

const SPIN_LEAF_CALLS: &str = "package main

import \"fmt\"

func step(n int) int {
\treturn (n*7 + 1) % 1000003
}

func main() {
\tstarted := make(chan bool)
\tgo func() {
\t\tstarted <- true
\t\tx := 0
\t\tfor {
\t\t\tx = step(x)
\t\t}
\t}()
\t<-started
\tfmt.Println(\"not starved\")
}
";

fn assert_not_starved(file: &str, src: &str, want: &str) {
    let dir = program_like_go(file, src, Some("1"), 0, want, "");
    for i in 1..=3 {
        let r = morestack(dir.path(), file, Some("1"));
        assert!(
            !r.timed_out,
            "{file} (GOMAXPROCS=1, run {i}): a goroutine starved: the spinning loop was never \
             preempted (killed after {TIMEOUT:?})\n{}",
            r.show()
        );
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (Some(0), want, ""),
            "{file} (GOMAXPROCS=1, run {i})\n{}",
            r.show()
        );
    }
}

#[test]
fn spinning_goroutine_does_not_starve_others_with_one_p() {
    assert_not_starved("spin_other.go", SPIN_OTHER, "not starved\n");
}

#[test]
fn spinning_main_is_preempted_with_one_p() {
    assert_not_starved("spin_main.go", SPIN_MAIN, "flag observed\n");
}

#[test]
#[ignore = "loops without calls have no preemption point (docs/scheduler.md); Go 1.14+ preempts them with signals"]
fn loop_without_calls_does_not_starve_others_with_one_p() {
    assert_not_starved("spin_no_calls.go", SPIN_NO_CALLS, "not starved\n");
}

#[test]
fn loop_calling_only_a_leaf_does_not_starve_others_with_one_p() {
    assert_not_starved("spin_leaf_calls.go", SPIN_LEAF_CALLS, "not starved\n");
}

// ---------------------------------------------------------------------------------
// (e) the seed example

/// From the seeds (/work/shared/seeds, "Contiguous stacks"): the recovering version
/// of the goroutine panic example, completed with its package clause and import.
const SEED: &str = "package main

import \"fmt\"

func main() {
\tc := make(chan int)
\tgo func() {
\t\tdefer func() {
\t\t\tif r := recover(); r != nil {
\t\t\t\tfmt.Println(\"Recovered in goroutine: \", r)
\t\t\t}
\t\t\tc <- 1
\t\t}()
\t\tf()
\t}()
\t<-c
\tfmt.Println(\"main done\")
}

func f() {
\tfmt.Println(\"In f\")
\tg()
\tfmt.Println(\"Exit f\")
}

func g() {
\tdefer func() {
\t\tfmt.Println(\"Gefer in g\")
\t}()
\tpanic(\"Panic in g\")
\tfmt.Println(\"Exit g\")
}
";

const SEED_OUT: &str = "In f\nGefer in g\nRecovered in goroutine:  Panic in g\nmain done\n";

#[test]
fn seed_goroutine_recovers_panic_from_two_calls_deeper() {
    let dir = program_like_go("seed.go", SEED, None, 0, SEED_OUT, "");
    for gomaxprocs in [None, Some("1"), Some("2")] {
        let r = morestack(dir.path(), "seed.go", gomaxprocs);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (Some(0), SEED_OUT, ""),
            "seed.go (GOMAXPROCS={gomaxprocs:?}) must print exactly what Go prints\n{}",
            r.show()
        );
    }
}

// ---------------------------------------------------------------------------------
// Shrinking the stacks of parked goroutines

/// Eight goroutines grow their stacks to 128 KiB, return, and park on a channel;
/// main waits 20 ms for them to park, calls runtime.GC() six times, which halves each
/// parked stack every time (less than a quarter used), then wakes them: they grow
/// again and finish.
const SHRINK: &str = "package main

import (
\t\"fmt\"
\t\"runtime\"
\t\"time\"
)

func deep(n int) int {
\tvar a [8]int
\ta[n%8] = n
\tif n == 0 {
\t\treturn 0
\t}
\treturn deep(n-1) + a[n%8]
}

func main() {
\tconst workers = 8
\tready := make(chan int)
\twake := make(chan bool)
\tfor i := 0; i < workers; i++ {
\t\tgo func(i int) {
\t\t\tready <- deep(2000)
\t\t\t<-wake
\t\t\tready <- deep(3000) + i
\t\t}(i)
\t}
\tsum := 0
\tfor i := 0; i < workers; i++ {
\t\tsum += <-ready
\t}
\t// Let every worker reach its receive and park.
\ttime.Sleep(20 * time.Millisecond)
\tfor i := 0; i < 6; i++ {
\t\truntime.GC()
\t}
\tclose(wake)
\tfor i := 0; i < workers; i++ {
\t\tsum += <-ready
\t}
\tfmt.Println(\"sum\", sum)
}
";

const SHRINK_OUT: &str = "sum 52020028\n";

#[test]
fn parked_goroutines_stacks_shrink_at_gc_and_grow_again() {
    let dir = program_like_go("shrink.go", SHRINK, Some("2"), 0, SHRINK_OUT, "");
    for knobs in ["stack=1", "stack=1,stackmove=1"] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
        cmd.args(["run", "shrink.go"]).current_dir(dir.path()).env("GOMAXPROCS", "2").env("MORESTACKDEBUG", knobs);
        let r = run_with_timeout(cmd, TIMEOUT);
        assert_eq!((r.code, r.stdout.as_str()), (Some(0), SHRINK_OUT), "MORESTACKDEBUG={knobs}\n{}", r.show());
        // Every worker's parked stack was halved, by several GCs in a row.
        let mut shrinks: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for l in r.stderr.lines() {
            let Some(rest) = l.strip_prefix("runtime: goroutine ") else { continue };
            let (id, what) = rest.split_once(' ').unwrap();
            if id != "1" && what.starts_with("stack shrink ") {
                *shrinks.entry(id).or_default() += 1;
            }
        }
        assert_eq!(shrinks.len(), 8, "MORESTACKDEBUG={knobs}: shrinks per goroutine {shrinks:?}\n{}", r.stderr);
        assert!(shrinks.values().all(|&n| n >= 4), "MORESTACKDEBUG={knobs}: {shrinks:?}");
    }
}
