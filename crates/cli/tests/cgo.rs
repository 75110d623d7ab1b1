//! C interop as users see it, through the real `morestack` binary, for what real Go
//! cannot serve as the oracle of (its counterparts run in testsuite/run/cgo_*.go
//! against Go's output):
//!
//! - seed 000's Go→C→Go recursion 1,000,000 deep (real Go dies of a bare SIGSEGV
//!   after about 30,800 levels with an 8 MiB stack limit);
//! - past the system-stack limit (`MORESTACKDEBUG=systemstackmax`), the recursion
//!   stops with a fatal error and a traceback, exit status 2, not a signal;
//! - a SIGSEGV inside C: Go's `fatal error: unexpected signal during runtime
//!   execution` report with the C frames and the goroutine's traceback, exit 2;
//! - `// morestack:serialize f`: a C function that detects concurrent entry is
//!   never entered twice at once by 8 goroutines on 4 Ps (and, without the
//!   directive, is: the detector works);
//! - a callback on a thread C created with a stack of just the declared budget of
//!   `needm` plus room for its C frames (the runtime's use fits its budget);
//! - a fault inside `malloc` (C corrupted the heap; the faulting code holds malloc's
//!   lock): the report still comes, the handler allocates nothing;
//! - a callback on a thread C created that recovers a panic and then parks stays
//!   on its thread (the C frames below it are there); `runtime.Goexit` in such a
//!   callback is a fatal error, not a takeover of the C thread;
//! - Go code in callbacks under the stack-move stress knob (every prologue check
//!   moves the stack, and the copy verifier checks each move).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;
use common::{program, run_with_timeout, Run};

const TIMEOUT: Duration = Duration::from_secs(60);

/// `morestack run FILE ARGS...` in `dir` with extra environment variables.
fn morestack(dir: &Path, file: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
    cmd.arg("run").arg(file).args(args).current_dir(dir).env_remove("GOTRACEBACK").env_remove("GOMAXPROCS").env_remove("MORESTACKDEBUG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_with_timeout(cmd, TIMEOUT)
}

/// Seed 000's Go→C→Go recursion to the depth given as the argument (the program
/// `bench/cgo.sh` measures).
const DEPTH: &str = include_str!("../../../bench/cgo/depth.go");

#[test]
fn go_c_go_recursion_a_million_deep() {
    let dir = program("depth.go", DEPTH);
    let r = morestack(dir.path(), "depth.go", &["1000000"], &[]);
    assert_eq!((r.code, r.stdout.as_str()), (Some(0), "depth: 1000000\n"), "{}", r.show());
}

#[test]
fn recursion_past_the_system_stack_limit_is_a_fatal_error() {
    let dir = program("depth.go", DEPTH);
    let r = morestack(dir.path(), "depth.go", &["100000000"], &[("MORESTACKDEBUG", "systemstackmax=300000000")]);
    assert_eq!((r.code, r.signal), (Some(2), None), "{}", r.show());
    assert!(r.stderr.starts_with("runtime: system stack exceeds 300000000-byte limit ("), "{}", r.show());
    assert!(r.stderr.contains("\nfatal error: stack overflow\n"), "{}", r.show());
    assert!(r.stderr.contains("\nmain.goIncrease(...)\n\t"), "no traceback: {}", r.show());
    assert!(r.stdout.is_empty(), "{}", r.show());
}

const SEGV: &str = r#"package main

/*
static int crash_here(int *p) { return *p + 1; }
static int call_crash(int *p) { return crash_here(p) * 2; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println("before")
	fmt.Println(C.call_crash(nil))
}
"#;

#[test]
fn a_segfault_in_c_is_reported_like_go() {
    let dir = program("segv.go", SEGV);
    let r = morestack(dir.path(), "segv.go", &[], &[]);
    assert_eq!((r.code, r.signal, r.stdout.as_str()), (Some(2), None, "before\n"), "{}", r.show());
    let err = &r.stderr;
    assert!(err.starts_with("fatal error: unexpected signal during runtime execution\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x"), "{}", r.show());
    assert!(err.contains("\nsignal arrived during cgo execution\n"), "{}", r.show());
    assert!(err.contains("\ngoroutine 1 [syscall, locked to thread]:\nmain.main(...)\n\t"), "{}", r.show());
    assert!(err.contains("/segv.go:13 +0x"), "{}", r.show());
    assert!(err.contains("\nC stack:\n_cgo_w_call_crash+0x"), "{}", r.show());
}

/// 8 goroutines on 4 Ps each call `enter` 200 times; `enter` counts how often it
/// found another thread inside.
fn serialize_program(directive: &str) -> String {
    format!(
        r#"package main

/*
#include <stdatomic.h>
#include <unistd.h>
{directive}
static atomic_int inside;
static atomic_int overlaps;
static void enter(void) {{
	if (atomic_fetch_add(&inside, 1) != 0) atomic_fetch_add(&overlaps, 1);
	usleep(200);
	atomic_fetch_sub(&inside, 1);
}}
static int count(void) {{ return overlaps; }}
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {{
	runtime.GOMAXPROCS(4)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {{
		wg.Add(1)
		go func() {{
			defer wg.Done()
			for j := 0; j < 200; j++ {{
				C.enter()
			}}
		}}()
	}}
	wg.Wait()
	fmt.Println("overlaps:", C.count())
}}
"#
    )
}

fn overlaps(r: &Run) -> u64 {
    assert_eq!(r.code, Some(0), "{}", r.show());
    r.stdout.trim().strip_prefix("overlaps: ").and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{}", r.show()))
}

#[test]
fn a_serialized_c_function_is_never_entered_twice_at_once() {
    let dir = program("serial.go", &serialize_program("// morestack:serialize enter"));
    assert_eq!(overlaps(&morestack(dir.path(), "serial.go", &[], &[])), 0);
    let dir = program("free.go", &serialize_program(""));
    assert!(overlaps(&morestack(dir.path(), "free.go", &[], &[])) > 0, "the detector never saw concurrent entry");
}

const CALLBACK_GROWTH: &str = r#"package main

/*
extern long goSum(long n);
static long callGo(long n) { return goSum(n); }
*/
import "C"

import "fmt"

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

//export goSum
func goSum(n C.long) C.long {
	defer func() { recover() }()
	s := sum(int(n))
	if n%1000 == 500 {
		panic("odd multiple of 500")
	}
	return C.long(s)
}

func main() {
	total := 0
	for i := 0; i < 40; i++ {
		total += int(C.callGo(C.long(i * 500)))
	}
	fmt.Println(total)
}
"#;

#[test]
fn callbacks_grow_and_recover_under_the_stack_move_stress_knob() {
    let dir = program("cb.go", CALLBACK_GROWTH);
    let want: i64 = (0..40).filter(|i| i % 2 == 0).map(|i: i64| (i * 500) * (i * 500 + 1) / 2).sum();
    for knobs in ["", "stackmove=1"] {
        let r = morestack(dir.path(), "cb.go", &[], &[("MORESTACKDEBUG", knobs)]);
        assert_eq!((r.code, r.stdout.trim()), (Some(0), want.to_string().as_str()), "{knobs}: {}", r.show());
    }
}

const SMALL_THREAD: &str = r#"package main

/*
#include <pthread.h>
extern long goSquare(long);
static void *run(void *arg) { long *x = arg; *x = goSquare(*x); return 0; }
static long on_small_thread(long x, long stack) {
	pthread_attr_t a;
	pthread_t t;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, stack);
	if (pthread_create(&t, &a, run, &x) != 0) return -1;
	pthread_join(t, 0);
	return x;
}
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
)

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return 1 + depth(n-1)
}

//export goSquare
func goSquare(x C.long) C.long {
	return x*x + C.long(depth(10000))
}

func main() {
	stack, _ := strconv.Atoi(os.Args[1])
	fmt.Println(C.on_small_thread(7, C.long(stack)))
}
"#;

#[test]
fn a_callback_fits_a_c_thread_stack_of_its_budget() {
    let dir = program("small.go", SMALL_THREAD);
    // The needm budget (64 KiB) plus 16 KiB for glibc's thread start and the C frames.
    let r = morestack(dir.path(), "small.go", &["81920"], &[]);
    assert_eq!((r.code, r.stdout.as_str()), (Some(0), "10049\n"), "{}", r.show());
    // Below the budget, the check at entry stops it with a clear error.
    let r = morestack(dir.path(), "small.go", &["49152"], &[]);
    assert_eq!((r.code, r.signal), (Some(2), None), "{}", r.show());
    assert!(r.stderr.starts_with("runtime: needm needs 65536 bytes of system stack, "), "{}", r.show());
    assert!(r.stderr.contains("fatal error: morestack on g0\n"), "{}", r.show());
}

const MALLOC_FAULT: &str = r#"package main

/*
#include <stdlib.h>
#include <stdint.h>
void *volatile sink;
static void corrupt(void) {
	void **p = malloc(0x500);
	sink = malloc(0x20);
	free(p);                                                  // into the unsorted bin
	((void *volatile *)p)[1] = (void *)(uintptr_t)0xdead0000; // bk -> unmapped
	sink = malloc(0x600);                                     // walks it, holding the arena lock
}
*/
import "C"

import "fmt"

func main() {
	fmt.Println("before")
	C.corrupt()
	fmt.Println("after")
}
"#;

#[test]
fn a_fault_inside_malloc_is_reported_not_hung() {
    let dir = program("mf.go", MALLOC_FAULT);
    let r = morestack(dir.path(), "mf.go", &[], &[]);
    assert!(!r.timed_out, "hung: {}", r.show());
    assert_eq!((r.code, r.stdout.as_str()), (Some(2), "before\n"), "{}", r.show());
    assert!(r.stderr.starts_with("fatal error: unexpected signal during runtime execution\n[signal SIGSEGV"), "{}", r.show());
    assert!(r.stderr.contains("\nsignal arrived during cgo execution\n"), "{}", r.show());
    assert!(r.stderr.contains("\nmain.main(...)\n\t"), "{}", r.show());
}

const C_THREAD_PARKS: &str = r#"package main

/*
#include <pthread.h>
extern int goF(int);
static int result;
static void *worker(void *arg) { result = goF(1); return 0; }
static int runThread(void) {
	pthread_t t;
	pthread_create(&t, 0, worker, 0);
	pthread_join(t, 0);
	return result;
}
*/
import "C"

import "fmt"

var ch = make(chan int)

func mayPanic() (r int) {
	defer func() {
		if recover() != nil {
			r = 7
		}
	}()
	panic("boom")
}

//export goF
func goF(x C.int) C.int {
	v := mayPanic()
	for i := 0; i < 50; i++ {
		v += <-ch
	}
	return C.int(v)
}

func main() {
	for k := 0; k < 4; k++ {
		go func() {
			for {
				ch <- 1
			}
		}()
	}
	fmt.Println(C.runThread())
}
"#;

#[test]
fn a_c_thread_callback_that_recovers_and_parks_stays_on_its_thread() {
    let dir = program("parks.go", C_THREAD_PARKS);
    for gomaxprocs in ["1", "2", "4"] {
        for _ in 0..5 {
            let r = morestack(dir.path(), "parks.go", &[], &[("GOMAXPROCS", gomaxprocs)]);
            assert_eq!((r.code, r.stdout.as_str()), (Some(0), "57\n"), "GOMAXPROCS={gomaxprocs}: {}", r.show());
        }
    }
}

const GOEXIT_ON_C_THREAD: &str = r#"package main

/*
#include <pthread.h>
extern void goF(void);
static void *worker(void *arg) { goF(); return 0; }
static void runThread(void) {
	pthread_t t;
	pthread_create(&t, 0, worker, 0);
	pthread_join(t, 0);
}
*/
import "C"

import (
	"fmt"
	"runtime"
)

//export goF
func goF() {
	defer fmt.Println("deferred")
	runtime.Goexit()
}

func main() {
	C.runThread()
	fmt.Println("joined")
}
"#;

#[test]
fn goexit_in_a_callback_is_fatal() {
    let dir = program("goexit.go", GOEXIT_ON_C_THREAD);
    let r = morestack(dir.path(), "goexit.go", &[], &[]);
    assert_eq!((r.code, r.signal, r.stdout.as_str()), (Some(2), None, ""), "{}", r.show());
    assert!(r.stderr.starts_with("fatal error: runtime.Goexit called in a cgo callback\n"), "{}", r.show());
}
