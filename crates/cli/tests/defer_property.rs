//! Randomized differential test of `defer`, `panic` and `recover` against real Go.
//!
//! A small deterministic generator (seeded, so failures reproduce) writes Go programs of
//! up to 50 cases each: every case `caseN()` is a handful of functions calling each
//! other forwards (so every program terminates), with
//!
//! - deferred function literals, deferred top-level functions whose arguments (ints,
//!   structs, arrays, slices) are evaluated at the `defer` (and may panic there),
//!   deferred closure variables (reassigned after the `defer`), deferred builtin
//!   `println`, deferred calls of functions with results;
//! - defers in loops (Go's general `deferproc` path; loop variables passed or captured,
//!   with `continue`) and outside loops (open-coded), in immediately called closures,
//!   in deferred closures, on early-return paths;
//! - named results changed by deferred closures, also after a recover, and unnamed
//!   ones that they cannot change; Go's idiom of a closure with `(r int, err error)`
//!   results whose deferred `recover` turns a panic into an error;
//! - `panic` with ints, strings, `fmt.Sprint` strings, `errors.New` and `fmt.Errorf`
//!   errors; runtime errors (index out of range on slices and arrays with computed
//!   indices, slice bounds, nil `*struct` dereference, integer division and modulo by a
//!   variable zero);
//! - `recover()` in deferred closures (printed with `fmt.Println`), in deferred top-level
//!   functions, called indirectly (where Go returns nil), outside a panic; re-panics of
//!   the recovered value or of new values; new panics inside deferred calls, also while
//!   panicking;
//! - recursion up to 100,000 frames deep (or 2,000 with `[256]int` locals) with defers
//!   pending in the frames (in every frame, every P-th frame, or looped), a panic or
//!   runtime error at the bottom recovered at a random level (possibly after a re-panic
//!   further down), and deferred calls that recurse deep while the panic is in progress.
//!
//! Every case prints what its deferred calls see and a checksum line (`caseN end SUM`).
//! Every case recovers whatever escapes it, except that a third of the programs end
//! with a case that may die of an uncaught panic (exit status 2).
//!
//! Each program is built once with `go build` (it must compile: a generator bug fails
//! with the program text) and its output is the oracle for `morestack run` in three
//! modes: normal, `MORESTACKDEBUG=stackmove=1` (the stack moves at nearly every call),
//! and `--no-stack-check` (one fixed stack). Compared: the exit status, stdout, and the
//! lines of stderr before the first `goroutine ` traceback line (with the `addr=`/`pc=`
//! values of a `[signal ...]` line masked).
//!
//! - `MORESTACK_DEFER_CASES=N`: number of cases (default 400, 8 programs);
//! - `MORESTACK_DEFER_SEED=S`: base seed (default 1); program `k` uses seed `S + k`;
//! - `MORESTACK_DEFER_KEEP=1`: keep the programs (and their outputs) after the run.
//!
//! Without `go` the test is skipped, unless `CI` is set (then it fails).

use std::fmt::Write as _;
use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::Rng;

const DEFAULT_CASES: u64 = 400;
const CASES_PER_PROGRAM: u64 = 50;
/// Frames of deep recursion allowed per program (a `[256]int` frame counts as 5 small
/// ones), so that a program runs well under a second in Go and in every mode here.
const DEEP_BUDGET: u64 = 400_000;
/// Per run of one program; a hang is reported as a difference.
const TIMEOUT: Duration = Duration::from_secs(120);

/// One `morestack run` mode: name, extra arguments, environment variable.
type Mode = (&'static str, &'static [&'static str], Option<(&'static str, &'static str)>);

/// The `morestack run` modes.
const MODES: &[Mode] = &[
    ("normal", &[], None),
    ("MORESTACKDEBUG=stackmove=1", &[], Some(("MORESTACKDEBUG", "stackmove=1"))),
    ("--no-stack-check", &["--no-stack-check"], None),
];


const PRELUDE: &str = r#"package main

import (
	"errors"
	"fmt"
)

var sum int

type T struct {
	a int
	b [4]int
	s string
}

func mix(v int) {
	sum = (sum*31 + v) % 1000000007
}

func note(tag string, v int) {
	fmt.Println(tag, v)
	mix(v)
}

func noteT(tag string, t T) {
	fmt.Println(tag, t)
	mix(t.a + t.b[1])
}

func noteA(tag string, a [4]int) {
	fmt.Println(tag, a)
	mix(a[0] + a[3])
}

func noteS(tag string, s []int) {
	fmt.Println(tag, s, len(s))
	mix(len(s))
}

func recoverTop(tag string) {
	if r := recover(); r != nil {
		fmt.Println(tag, "recoverTop", r)
		mix(7)
	}
}

func helperRecover() interface{} {
	return recover()
}

func mkErr(n int) error {
	if n%2 == 0 {
		return errors.New(fmt.Sprint("mkErr even ", n))
	}
	return fmt.Errorf("mkErr odd %d", n)
}

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func depthBig(n int) int {
	var a [256]int
	a[n&255] = n
	if n == 0 {
		return 0
	}
	return depthBig(n-1) + 1 + a[n&255] - n
}
"#;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// The body of a case function `cN_fI(x int) (res int)` (or `int`, with a local
    /// `res`).
    Top,
    /// An immediately called closure.
    Closure,
    /// A deferred closure.
    Deferred,
}

#[derive(Clone)]
struct Scope {
    /// The case function this code is in; it may call only later ones.
    func: usize,
    kind: Kind,
    /// Closure nesting depth.
    nest: u32,
    /// Readable int variables.
    ints: Vec<String>,
    /// Inside a loop body: no calls, no deep recursion, no nested loops.
    in_loop: bool,
}

struct Gen {
    rng: Rng,
    case: u64,
    nfuncs: usize,
    names: usize,
    tags: usize,
    /// Remaining deep-recursion frames of the program.
    deep: u64,
    /// Calls of later case functions still allowed in the current function body.
    calls_left: u32,
    /// Extra top-level functions of the current case (recursions).
    extra: String,
    nrec: usize,
}

fn ind(n: usize) -> String {
    "\t".repeat(n)
}

impl Gen {
    fn fresh(&mut self, p: &str) -> String {
        self.names += 1;
        format!("{p}{}", self.names)
    }

    fn tag(&mut self) -> String {
        self.tags += 1;
        format!("c{}.{}", self.case, self.tags)
    }

    fn var(&mut self, sc: &Scope) -> String {
        let i = self.rng.below(sc.ints.len() as u64) as usize;
        sc.ints[i].clone()
    }

    fn expr(&mut self, sc: &Scope) -> String {
        let v = self.var(sc);
        let c = 1 + self.rng.below(9);
        match self.rng.below(5) {
            0 => v,
            1 => format!("{v}*{c}"),
            2 => format!("{v}+{c}"),
            3 => format!("{v}-{c}"),
            _ => format!("({v}^{c})"),
        }
    }

    fn cond(&mut self, sc: &Scope) -> String {
        let v = self.var(sc);
        let m = self.rng.pick(&[1u64, 3, 3, 7]);
        let r = self.rng.below(m + 1);
        if self.rng.chance(1, 4) {
            format!("{v}&{m} != {r}")
        } else {
            format!("{v}&{m} == {r}")
        }
    }

    fn panic_value(&mut self, sc: &Scope) -> String {
        let t = self.tag();
        match self.rng.below(7) {
            0 => self.expr(sc),
            1 | 2 => format!("\"{t} boom\""),
            3 => format!("fmt.Sprint(\"{t} sprint \", {})", self.expr(sc)),
            4 => format!("errors.New(\"{t} error\")"),
            5 => format!("fmt.Errorf(\"{t} errorf %d\", {})", self.expr(sc)),
            _ => format!("mkErr({})", self.expr(sc)),
        }
    }

    /// A statement that may cause a runtime error.
    fn runtime_error(&mut self, sc: &Scope, n: usize, o: &mut String) {
        let i = ind(n);
        let v = self.var(sc);
        match self.rng.below(6) {
            0 => {
                let s = self.fresh("s");
                let len = 1 + self.rng.below(6);
                let elems: Vec<String> = (0..len).map(|k| (k * 3 + 1).to_string()).collect();
                let _ = writeln!(o, "{i}{s} := []int{{{}}}", elems.join(", "));
                let _ = writeln!(o, "{i}v += {s}[{v}&7]");
            }
            1 => {
                let s = self.fresh("s");
                let ix = self.fresh("i");
                let len = 1 + self.rng.below(6);
                let _ = writeln!(o, "{i}{s} := make([]int, {len})");
                let _ = writeln!(o, "{i}{ix} := {v} % 6");
                let _ = writeln!(o, "{i}{s}[{ix}] = {}", self.expr(sc));
                let _ = writeln!(o, "{i}v += {s}[{ix}] + len({s}[{v}&7:])");
            }
            2 => {
                let a = self.fresh("a");
                let _ = writeln!(o, "{i}var {a} [4]int");
                let _ = writeln!(o, "{i}{a}[{v}&3] = {}", self.expr(sc));
                let w = self.var(sc);
                let _ = writeln!(o, "{i}v += {a}[{w}&7]");
            }
            3 => {
                let p = self.fresh("p");
                let c = self.cond(sc);
                let _ = writeln!(o, "{i}var {p} *T");
                let _ = writeln!(o, "{i}if {c} {{\n{i}\t{p} = &T{{a: {}, s: \"t\"}}\n{i}}}", self.expr(sc));
                match self.rng.below(3) {
                    0 => {
                        let _ = writeln!(o, "{i}v += {p}.a");
                    }
                    1 => {
                        let _ = writeln!(o, "{i}{p}.b[2] = v\n{i}v += {p}.b[2] + len({p}.s)");
                    }
                    _ => {
                        let _ = writeln!(o, "{i}noteT(\"{}\", *{p})", self.tag());
                    }
                }
            }
            4 => {
                let z = self.fresh("z");
                let _ = writeln!(o, "{i}{z} := {v} & 3");
                let c = 10 + self.rng.below(90);
                if self.rng.chance(1, 2) {
                    let _ = writeln!(o, "{i}v += {c} / {z}");
                } else {
                    let _ = writeln!(o, "{i}v += {} % {z}", self.expr(sc));
                }
            }
            _ => {
                let z = self.fresh("z");
                let _ = writeln!(o, "{i}{z} := {v} - {v}");
                let _ = writeln!(o, "{i}if {} {{\n{i}\tv += {v} / {z}\n{i}}}", self.cond(sc));
            }
        }
    }

    /// A deep recursion (costs budget), as an expression.
    fn deep_call(&mut self) -> Option<String> {
        if self.deep < 1000 {
            return None;
        }
        if self.rng.chance(1, 3) {
            let d = self.rng.pick(&[100u64, 500, 1000, 2000]).min(self.deep / 5);
            self.deep -= d * 5;
            Some(format!("depthBig({d})"))
        } else {
            let d = self.rng.pick(&[1000u64, 10000, 50000, 100000]).min(self.deep);
            self.deep -= d;
            Some(format!("depth({d})"))
        }
    }

    /// A recover statement.
    fn recover_stmt(&mut self, sc: &Scope, n: usize, o: &mut String) {
        let i = ind(n);
        let r = self.fresh("r");
        let t = self.tag();
        match self.rng.weighted(&[6, 2, 3, 1, 1]) {
            0 => {
                let _ = writeln!(o, "{i}if {r} := recover(); {r} != nil {{");
                let _ = writeln!(o, "{i}\tfmt.Println(\"{t} recovered\", {r})");
                if self.rng.chance(2, 3) {
                    let _ = writeln!(o, "{i}\tres = {}", self.expr(sc));
                }
                let _ = writeln!(o, "{i}}}");
            }
            1 => {
                let _ = writeln!(o, "{i}{r} := recover()\n{i}fmt.Println(\"{t} recover\", {r})");
            }
            2 => {
                let _ = writeln!(o, "{i}if {r} := recover(); {r} != nil {{");
                let _ = writeln!(o, "{i}\tfmt.Println(\"{t} repanic\", {r})");
                let _ = match self.rng.below(3) {
                    0 => writeln!(o, "{i}\tpanic({r})"),
                    1 => writeln!(o, "{i}\tpanic(fmt.Sprint(\"{t} re \", {r}))"),
                    _ => writeln!(o, "{i}\tpanic(fmt.Errorf(\"{t} wrapped %v\", {r}))"),
                };
                let _ = writeln!(o, "{i}}}");
            }
            3 => {
                let _ = writeln!(o, "{i}fmt.Println(\"{t} indirect\", helperRecover())");
            }
            _ => {
                // recover in a closure called by the deferred function: always nil.
                let _ = writeln!(o, "{i}func() {{\n{i}\tfmt.Println(\"{t} nested recover\", recover())\n{i}}}()");
            }
        }
    }

    fn stmts(&mut self, sc: &Scope, n: usize, count: u64, o: &mut String) {
        for _ in 0..count {
            self.stmt(sc, n, o);
        }
    }

    fn body_count(&mut self, sc: &Scope) -> u64 {
        match sc.kind {
            Kind::Top => 2 + self.rng.below(5),
            _ if sc.nest >= 2 => 1 + self.rng.below(2),
            _ => 1 + self.rng.below(4),
        }
    }

    fn closure_scope(&self, sc: &Scope, kind: Kind) -> Scope {
        Scope { kind, nest: sc.nest + 1, ..sc.clone() }
    }

    fn stmt(&mut self, sc: &Scope, n: usize, o: &mut String) {
        let i = ind(n);
        let deferred = sc.kind == Kind::Deferred;
        let can_nest = sc.nest < 3 && !sc.in_loop;
        let can_call = self.calls_left > 0 && sc.func + 1 < self.nfuncs && !sc.in_loop;
        let can_deep = sc.func == 0 && !sc.in_loop && self.deep >= 1000;
        // Weights of: update, print, defer closure, defer top-level, defer closure
        // variable, defer in loop, call, panic, runtime error, recover, block closure,
        // deep recursion, recursion with pending defers, early return, struct/array/slice.
        let w = [
            3,
            2,
            if can_nest { 4 } else { 0 },
            3,
            if can_nest { 2 } else { 0 },
            if sc.in_loop || sc.nest >= 3 { 0 } else { 2 },
            if can_call { 4 } else { 0 },
            2,
            2,
            if deferred { 8 } else { 1 },
            if can_nest { 2 } else { 0 },
            if can_deep { if deferred { 2 } else { 1 } } else { 0 },
            if can_deep && sc.kind == Kind::Top { 2 } else { 0 },
            1,
            1,
        ];
        match self.rng.weighted(&w) {
            0 => {
                let e = self.expr(sc);
                let _ = match self.rng.below(4) {
                    0 => writeln!(o, "{i}v = v*3 + {}", self.rng.below(10)),
                    1 => writeln!(o, "{i}res += {e}"),
                    _ => writeln!(o, "{i}v += {e}"),
                };
            }
            1 => {
                let t = self.tag();
                let e = self.expr(sc);
                let _ = match self.rng.below(5) {
                    0 => writeln!(o, "{i}fmt.Println(\"{t}\", {e}, v, res)"),
                    1 => writeln!(o, "{i}fmt.Printf(\"%s %d %v\\n\", \"{t}\", {e}, res)"),
                    2 => writeln!(o, "{i}println(\"{t}\", {e})"),
                    3 => writeln!(o, "{i}fmt.Print(fmt.Sprint(\"{t} \", {e}), \"\\n\")"),
                    _ => writeln!(o, "{i}mix({e})"),
                };
            }
            2 => {
                let inner = self.closure_scope(sc, Kind::Deferred);
                let _ = writeln!(o, "{i}defer func() {{");
                let c = self.body_count(&inner);
                // Recovering defers are the point: often one more, first or last.
                let extra = self.rng.below(4);
                if extra == 0 {
                    self.recover_stmt(&inner, n + 1, o);
                }
                self.stmts(&inner, n + 1, c, o);
                if extra == 1 {
                    self.recover_stmt(&inner, n + 1, o);
                }
                let _ = writeln!(o, "{i}}}()");
            }
            3 => self.defer_top(sc, n, o),
            4 => {
                let g = self.fresh("g");
                let a = self.fresh("a");
                let mut inner = self.closure_scope(sc, Kind::Deferred);
                inner.ints.push(a.clone());
                let _ = writeln!(o, "{i}{g} := func({a} int) {{");
                let c = self.body_count(&inner);
                self.stmts(&inner, n + 1, c, o);
                let _ = writeln!(o, "{i}}}");
                let _ = writeln!(o, "{i}defer {g}({})", self.expr(sc));
                if self.rng.chance(1, 2) {
                    let t = self.tag();
                    let _ = writeln!(o, "{i}v++\n{i}{g} = func({a} int) {{ fmt.Println(\"{t} replaced\", {a}) }}");
                    let _ = writeln!(o, "{i}defer {g}(v)");
                }
            }
            5 => self.defer_loop(sc, n, o),
            6 => {
                self.calls_left -= 1;
                let j = sc.func + 1 + self.rng.below((self.nfuncs - sc.func - 1) as u64) as usize;
                let e = self.expr(sc);
                let call = format!("c{}_f{j}({e})", self.case);
                let _ = match self.rng.below(4) {
                    0 => writeln!(o, "{i}v += {call}"),
                    1 => writeln!(o, "{i}mix({call})"),
                    2 => writeln!(o, "{i}fmt.Println(\"{}\", {call})", self.tag()),
                    _ => {
                        // Go's idiom: a panic turned into an error result.
                        let (r, e, p, t) = (self.fresh("r"), self.fresh("e"), self.fresh("p"), self.tag());
                        writeln!(
                            o,
                            "{i}{r}, {e} := func() (r int, err error) {{\n\
                             {i}\tdefer func() {{\n\
                             {i}\t\tif {p} := recover(); {p} != nil {{\n\
                             {i}\t\t\terr = fmt.Errorf(\"{t}: %v\", {p})\n\
                             {i}\t\t}}\n\
                             {i}\t}}()\n\
                             {i}\treturn {call}, nil\n\
                             {i}}}()\n\
                             {i}fmt.Println(\"{t} safe\", {r}, {e})\n\
                             {i}v += {r}"
                        )
                    }
                };
            }
            7 => {
                let pv = self.panic_value(sc);
                if deferred && self.rng.chance(1, 4) {
                    let _ = writeln!(o, "{i}panic({pv})");
                } else {
                    let c = self.cond(sc);
                    let _ = writeln!(o, "{i}if {c} {{\n{i}\tpanic({pv})\n{i}}}");
                }
            }
            8 => self.runtime_error(sc, n, o),
            9 => self.recover_stmt(sc, n, o),
            10 => {
                let inner = self.closure_scope(sc, Kind::Closure);
                let _ = writeln!(o, "{i}func() {{");
                let c = self.body_count(&inner);
                self.stmts(&inner, n + 1, c, o);
                let _ = writeln!(o, "{i}}}()");
            }
            11 => {
                if let Some(call) = self.deep_call() {
                    let _ = writeln!(o, "{i}mix({call})");
                }
            }
            12 => self.recursion(n, o),
            13 => {
                let c = self.cond(sc);
                if sc.kind == Kind::Top {
                    let _ = writeln!(o, "{i}if {c} {{\n{i}\treturn {}\n{i}}}", self.expr(sc));
                } else {
                    let _ = writeln!(o, "{i}if {c} {{\n{i}\treturn\n{i}}}");
                }
            }
            _ => {
                let t = self.fresh("t");
                let a = self.fresh("a");
                let s = self.fresh("s");
                let _ = writeln!(o, "{i}{t} := T{{a: {}, s: \"q\"}}", self.expr(sc));
                let _ = writeln!(o, "{i}{t}.b[{}&3] = {}", self.var(sc), self.expr(sc));
                let _ = writeln!(o, "{i}{a} := [4]int{{1, {}, 3, {}}}", self.expr(sc), self.expr(sc));
                let _ = writeln!(o, "{i}{s} := []int{{{}, 5}}", self.expr(sc));
                let _ = writeln!(o, "{i}defer noteT(\"{}\", {t})", self.tag());
                let _ = writeln!(o, "{i}defer noteA(\"{}\", {a})", self.tag());
                let _ = writeln!(o, "{i}defer noteS(\"{}\", {s})", self.tag());
                let _ = writeln!(o, "{i}{t}.a += 100\n{i}{t}.s += \"!\"\n{i}{a}[0] = {a}[3] + v");
                let _ = writeln!(o, "{i}{s}[0] = 42\n{i}{s} = append({s}, v)\n{i}mix({t}.a + {a}[0] + len({s}))");
            }
        }
    }

    fn defer_top(&mut self, sc: &Scope, n: usize, o: &mut String) {
        let i = ind(n);
        let t = self.tag();
        let can_call = self.calls_left > 0 && sc.func + 1 < self.nfuncs && !sc.in_loop;
        match self.rng.weighted(&[4, 2, 1, 1, if can_call { 2 } else { 0 }]) {
            0 => {
                let _ = writeln!(o, "{i}defer note(\"{t}\", {})", self.expr(sc));
                if self.rng.chance(1, 2) {
                    let _ = writeln!(o, "{i}v += 1000");
                }
            }
            1 => {
                let _ = writeln!(o, "{i}defer recoverTop(\"{t}\")");
            }
            2 => {
                let _ = writeln!(o, "{i}defer println(\"{t}\", {})", self.expr(sc));
            }
            3 => {
                // The arguments are evaluated at the defer: this one may panic there.
                let s = self.fresh("s");
                let _ = writeln!(o, "{i}{s} := []int{{1, 2, 3}}\n{i}defer note(\"{t}\", {s}[{}&3])", self.var(sc));
            }
            _ => {
                self.calls_left -= 1;
                let j = sc.func + 1 + self.rng.below((self.nfuncs - sc.func - 1) as u64) as usize;
                let e = self.expr(sc);
                let _ = writeln!(o, "{i}defer c{}_f{j}({e})", self.case);
            }
        }
    }

    fn defer_loop(&mut self, sc: &Scope, n: usize, o: &mut String) {
        let i = ind(n);
        let lv = self.fresh("i");
        let many = self.rng.chance(1, 8);
        let m = if many { self.rng.pick(&[100u64, 1000, 3000]) } else { 1 + self.rng.below(4) };
        let _ = writeln!(o, "{i}for {lv} := 0; {lv} < {m}; {lv}++ {{");
        if self.rng.chance(1, 3) {
            let k = self.rng.below(m.min(4));
            let _ = writeln!(o, "{i}\tif {lv} == {k} {{\n{i}\t\tcontinue\n{i}\t}}");
        }
        if many {
            // Many records on the general path; only checksums, no output.
            let _ = match self.rng.below(3) {
                0 => writeln!(o, "{i}\tdefer mix({lv})"),
                1 => writeln!(o, "{i}\tdefer func(k int) {{ mix(k + v) }}({lv})"),
                _ => writeln!(o, "{i}\tdefer func() {{ mix({lv}) }}()"),
            };
        } else {
            match self.rng.below(4) {
                0 => {
                    let _ = writeln!(o, "{i}\tdefer note(\"{}\", {lv}*10+v)", self.tag());
                }
                1 => {
                    // Go 1.19: one loop variable for all iterations.
                    let _ = writeln!(o, "{i}\tdefer func() {{ fmt.Println(\"{}\", {lv}) }}()", self.tag());
                }
                _ => {
                    let k = self.fresh("k");
                    let mut inner = self.closure_scope(sc, Kind::Deferred);
                    inner.in_loop = true;
                    inner.ints.push(k.clone());
                    let _ = writeln!(o, "{i}\tdefer func({k} int) {{");
                    let c = 1 + self.rng.below(3);
                    self.stmts(&inner, n + 2, c, o);
                    let _ = writeln!(o, "{i}\t}}({lv})");
                }
            }
        }
        let _ = writeln!(o, "{i}}}");
    }

    /// A recursive function with defers pending in its frames and a panic at the
    /// bottom, recovered at a random level (or not at all); the call goes into `o`.
    fn recursion(&mut self, n: usize, o: &mut String) {
        let big = self.rng.chance(1, 3);
        let d = if big {
            let d = self.rng.pick(&[10u64, 100, 500, 2000]).min(self.deep / 5);
            self.deep -= d * 5;
            d
        } else {
            let d = self.rng.pick(&[10u64, 100, 1000, 10000, 100000]).min(self.deep);
            self.deep -= d;
            d
        };
        self.nrec += 1;
        let name = format!("c{}_rec{}", self.case, self.nrec);
        let t = self.tag();
        // The level that recovers (beyond d: none), and one below it that re-panics.
        let level = if self.rng.chance(1, 5) { d + 1 } else { self.rng.below(d + 1) };
        let repanic = if level > 0 && self.rng.chance(1, 3) { Some(self.rng.below(level)) } else { None };
        let mut f = String::new();
        let _ = writeln!(f, "func {name}(d int) (res int) {{");
        if big {
            f.push_str("\tvar big [256]int\n\tbig[d&255] = d + 1\n");
        }
        let deep_at = if self.rng.chance(1, 4) && self.deep >= 1000 {
            // A deferred call that recurses deep (while the panic is in progress if
            // this level is below the recovering one).
            let at = self.rng.below(d + 1);
            self.deep_call().map(|call| (at, call))
        } else {
            None
        };
        let deep_first = self.rng.chance(1, 2);
        let handler_defers = self.rng.chance(1, 3);
        // The deferred handler's statements, indented by `i`.
        let handler = |i: &str| {
            let mut h = String::new();
            if handler_defers {
                // The deferred call has a defer of its own.
                let _ = writeln!(h, "{i}defer mix(d + 1)");
            }
            let deep = deep_at.as_ref().map(|(at, call)| format!("{i}if d == {at} {{\n{i}\tfmt.Println(\"{t} deep in defer\", {call})\n{i}}}\n"));
            if deep_first {
                h.push_str(deep.as_deref().unwrap_or(""));
            }
            if let Some(rp) = repanic {
                let _ = writeln!(
                    h,
                    "{i}if d == {rp} {{\n{i}\tif r := recover(); r != nil {{\n{i}\t\tfmt.Println(\"{t} repanic at\", d, r)\n{i}\t\tpanic(fmt.Sprint(\"{t} again \", r))\n{i}\t}}\n{i}}}"
                );
            }
            let _ = writeln!(
                h,
                "{i}if d == {level} {{\n{i}\tif r := recover(); r != nil {{\n{i}\t\tfmt.Println(\"{t} recovered at\", d, r)\n{i}\t\tres = -d\n{i}\t}}\n{i}}}"
            );
            if !deep_first {
                h.push_str(deep.as_deref().unwrap_or(""));
            }
            h
        };
        match self.rng.below(4) {
            0 => {
                // In every frame, open-coded.
                let _ = writeln!(f, "\tdefer func() {{\n{}\t\tmix(d & 15)\n\t\tres += d & 3\n\t}}()", handler("\t\t"));
            }
            1 => {
                // A top-level function in every frame; the handler only in every P-th
                // frame and at the levels where it acts.
                let p = self.rng.pick(&[2u64, 3, 7]);
                let mut levels = format!("d%{p} == 0 || d == {level}");
                if let Some(rp) = repanic {
                    let _ = write!(levels, " || d == {rp}");
                }
                if let Some((at, _)) = &deep_at {
                    let _ = write!(levels, " || d == {at}");
                }
                let _ = writeln!(f, "\tdefer mix(d)");
                let _ = writeln!(f, "\tif {levels} {{\n\t\tdefer func() {{\n{}\t\t\tres++\n\t\t}}()\n\t}}", handler("\t\t\t"));
            }
            2 => {
                // The general path: defers in a loop in every frame.
                let _ = writeln!(f, "\tfor i := 0; i < 2; i++ {{\n\t\tdefer func(k int) {{ mix(k + d) }}(i)\n\t}}");
                let _ = writeln!(f, "\tdefer func() {{\n{}\t}}()", handler("\t\t"));
            }
            _ => {
                // A closure variable with its argument evaluated at the defer; its
                // recover is called directly by the deferred function, as Go requires.
                let _ = writeln!(f, "\th := func(k int) {{\n{}\t\tmix(k)\n\t}}\n\tdefer h(d * 2)", handler("\t\t"));
            }
        }
        f.push_str("\tif d == 0 {\n");
        match self.rng.below(5) {
            0 => {
                let _ = writeln!(f, "\t\tpanic(\"{t} bottom\")");
            }
            1 => {
                let _ = writeln!(f, "\t\tpanic(fmt.Errorf(\"{t} bottom %d\", d))");
            }
            2 => {
                f.push_str("\t\ts := make([]int, 3)\n\t\tres = s[d+5]\n");
            }
            3 => {
                f.push_str("\t\tvar p *T\n\t\tres = p.a\n");
            }
            _ => {
                f.push_str("\t\tz := d\n\t\tres = 100 / z\n");
            }
        }
        f.push_str("\t\treturn\n\t}\n");
        if big {
            let _ = writeln!(f, "\treturn {name}(d-1) + 1 + big[d&255] - d - 1");
        } else {
            let _ = writeln!(f, "\treturn {name}(d-1) + 1");
        }
        f.push_str("}\n\n");
        self.extra.push_str(&f);
        let _ = writeln!(o, "{}v += {name}({d})", ind(n));
    }

    /// The functions of case `self.case` and `caseN` itself.
    fn case(&mut self, may_die: bool) -> String {
        self.nfuncs = 1 + self.rng.below(4) as usize;
        self.extra.clear();
        let mut o = String::new();
        for f in 0..self.nfuncs {
            self.calls_left = 2;
            let sc = Scope { func: f, kind: Kind::Top, nest: 0, ints: vec!["x".into(), "v".into(), "res".into()], in_loop: false };
            let c1 = 1 + self.rng.below(9);
            let c2 = self.rng.below(9);
            // A named result, which deferred calls can change, or a local `res` they
            // change in vain.
            let named = self.rng.chance(2, 3);
            if named {
                let _ = writeln!(o, "func c{}_f{f}(x int) (res int) {{\n\tv := x*{c1} + {c2}", self.case);
            } else {
                let _ = writeln!(o, "func c{}_f{f}(x int) int {{\n\tv := x*{c1} + {c2}\n\tres := x & 1", self.case);
            }
            let c = self.body_count(&sc);
            self.stmts(&sc, 1, c, &mut o);
            let _ = writeln!(o, "\treturn v + {}{}\n}}\n", if named { "" } else { "res + " }, self.expr(&sc));
        }
        let k = self.case;
        let mut o2 = std::mem::take(&mut self.extra);
        o2.push_str(&o);
        let _ = writeln!(o2, "func case{k}() {{\n\tsum = 0\n\tdefer func() {{");
        if may_die {
            let _ = writeln!(o2, "\t\tfmt.Println(\"case{k} end\", sum)");
        } else {
            let _ = writeln!(o2, "\t\tr := recover()\n\t\tfmt.Println(\"case{k} end\", sum, r)");
        }
        let _ = writeln!(o2, "\t}}()\n\tfmt.Println(\"case{k} a\", c{k}_f0({}))", self.rng.below(20));
        o2.push_str("}\n\n");
        o2
    }
}

/// Program `seed` with `ncases` cases.
fn program(seed: u64, ncases: u64) -> String {
    let mut g = Gen {
        rng: Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
        case: 0,
        nfuncs: 1,
        names: 0,
        tags: 0,
        deep: DEEP_BUDGET,
        calls_left: 0,
        extra: String::new(),
        nrec: 0,
    };
    let may_die = g.rng.chance(1, 3);
    let mut src = String::from(PRELUDE);
    src.push('\n');
    // (budget the case used, case)
    let mut order = Vec::new();
    for k in 0..ncases {
        g.case = k;
        let budget = g.deep;
        src.push_str(&g.case(may_die && k + 1 == ncases));
        order.push((budget - g.deep, k));
    }
    // Cases in order of the deep recursion they do, the last case last (it may die):
    // a deep recursion leaves a big stack behind, and under stackmove=1 every move of
    // a big stack costs much more than that of a small one.
    let last = order.pop();
    order.sort();
    src.push_str("func main() {\n");
    for (_, k) in order.into_iter().chain(last) {
        let _ = writeln!(src, "\tcase{k}()");
    }
    src.push_str("}\n");
    src
}

struct Outcome {
    /// The exit status, or minus the signal that killed the process.
    status: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

impl Outcome {
    /// What is compared: status, stdout, stderr up to the traceback.
    fn key(&self) -> (Option<i32>, &str, String) {
        (self.status, &self.stdout, normalise_stderr(&self.stderr))
    }

    fn show(&self) -> String {
        format!(
            "status {}{}\n--- stdout\n{}--- stderr\n{}",
            match self.status {
                Some(s) if s < 0 => format!("killed by signal {}", -s),
                Some(s) => format!("exit {s}"),
                None => "unknown".into(),
            },
            if self.timed_out { " (timed out)" } else { "" },
            self.stdout,
            self.stderr
        )
    }
}

/// Stderr before the first `goroutine ` line, with `[signal ...]` addresses masked.
fn normalise_stderr(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        if line.starts_with("goroutine ") {
            break;
        }
        if line.starts_with("[signal ") {
            let mut l = line.to_string();
            for key in ["addr=0x", "pc=0x"] {
                if let Some(p) = l.find(key) {
                    let start = p + key.len();
                    let end = l[start..].find(|c: char| !c.is_ascii_hexdigit()).map_or(l.len(), |e| start + e);
                    l.replace_range(start..end, "?");
                }
            }
            out.push_str(&l);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Runs `cmd` with its output in files (no pipe deadlocks) and a time limit.
fn run_cmd(mut cmd: Command, dir: &Path, stem: &str) -> Outcome {
    let out_path = dir.join(format!("{stem}.stdout"));
    let err_path = dir.join(format!("{stem}.stderr"));
    cmd.stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    let mut child = cmd.spawn().expect("spawn");
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            timed_out = true;
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    let code = status.code().or_else(|| status.signal().map(|s| -s));
    Outcome { status: code, stdout: read(&out_path), stderr: read(&err_path), timed_out }
}

/// The first line where two texts differ, for the report.
fn first_difference(a: &str, b: &str) -> String {
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}: go {x:?} vs morestack {y:?}", n + 1);
        }
    }
    let (la, lb) = (a.lines().count(), b.lines().count());
    if la != lb {
        let n = la.min(lb);
        return format!(
            "line {}: go {:?} vs morestack {:?}",
            n + 1,
            a.lines().nth(n).unwrap_or("<end>"),
            b.lines().nth(n).unwrap_or("<end>")
        );
    }
    "none (trailing newline?)".into()
}

/// Checks one program; `Err` describes every mode that differs from Go.
fn check_program(dir: &Path, seed: u64, ncases: u64) -> Result<(), String> {
    let src = program(seed, ncases);
    let file = format!("p{seed}.go");
    let path = dir.join(&file);
    std::fs::write(&path, &src).unwrap();
    let bin = dir.join(format!("p{seed}.bin"));
    let mut build = Command::new("go");
    build.args(["build", "-o"]).arg(&bin).arg(&file).current_dir(dir).env("GO111MODULE", "off");
    if ["GOCACHE", "XDG_CACHE_HOME", "HOME"].iter().all(|v| std::env::var_os(v).is_none()) {
        build.env("GOCACHE", dir.join("gocache"));
    }
    let built = run_cmd(build, dir, &format!("p{seed}.build"));
    if built.status != Some(0) {
        assert!(built.stderr.contains(&file), "`go build` failed without a diagnostic about {file}:\n{}{}", built.stdout, built.stderr);
        panic!(
            "generator bug: the program of seed {seed} does not compile with Go:\n{}{}\n--- {}\n{src}",
            built.stdout,
            built.stderr,
            path.display()
        );
    }
    let want = run_cmd(Command::new(&bin), dir, &format!("p{seed}.go-run"));
    assert!(!want.timed_out, "seed {seed}: the Go build of {} timed out", path.display());
    let mut report = String::new();
    // Each distinct output shown so far: (mode, (status, stdout, normalised stderr)).
    type Output = (Option<i32>, String, String);
    let mut shown: Vec<(&str, Output)> = Vec::new();
    for (mode, args, env) in MODES {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
        cmd.arg("run").args(*args).arg(&file).current_dir(dir);
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let got = run_cmd(cmd, dir, &format!("p{seed}.ms"));
        if got.key() != want.key() {
            let (ws, wo, we) = want.key();
            let (gs, go, ge) = got.key();
            let what = if ws != gs {
                format!("exit status: go {ws:?} vs morestack {gs:?}; negative: killed by that signal")
            } else if wo != go {
                format!("stdout {}", first_difference(wo, go))
            } else {
                format!("stderr {}", first_difference(&we, &ge))
            };
            let _ = write!(report, "\n==== seed {seed}, mode {mode}: differs from Go ({what})\nprogram: {}\n", path.display());
            let key = (gs, go.to_string(), ge.clone());
            if let Some((earlier, _)) = shown.iter().find(|(_, k)| *k == key) {
                let _ = writeln!(report, "(same output as mode {earlier})");
            } else {
                if shown.is_empty() {
                    let _ = write!(report, "==== go\n{}", want.show());
                }
                let _ = write!(report, "==== morestack ({mode})\n{}", got.show());
                shown.push((mode, key));
            }
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(format!("{report}==== program {} (seed {seed})\n{src}", path.display()))
    }
}

#[test]
fn random_defer_panic_recover_programs_agree_with_go() {
    let go = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
    if !go {
        if std::env::var_os("CI").is_some() {
            panic!("`go` is not installed, and CI must run the defer property test against it: apt-get install golang-go");
        }
        eprintln!("SKIPPED random_defer_panic_recover_programs_agree_with_go: `go` not found (apt-get install golang-go)");
        return;
    }
    let cases: u64 = std::env::var("MORESTACK_DEFER_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_CASES);
    let base: u64 = std::env::var("MORESTACK_DEFER_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let programs = cases.div_ceil(CASES_PER_PROGRAM);
    let dir = tempfile::Builder::new().prefix("morestack-defer-").tempdir().unwrap();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let start = Instant::now();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let dir = dir.path();
                s.spawn(move || {
                    let mut failures = Vec::new();
                    for k in (t..programs).step_by(threads as usize) {
                        let ncases = CASES_PER_PROGRAM.min(cases - k * CASES_PER_PROGRAM);
                        if let Err(e) = check_program(dir, base + k, ncases) {
                            failures.push(e);
                        }
                    }
                    failures
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    println!(
        "defer property: {cases} cases in {programs} programs (seeds {base}..{}), {:.1} s",
        base + programs - 1,
        start.elapsed().as_secs_f64()
    );
    if std::env::var_os("MORESTACK_DEFER_KEEP").is_some() {
        println!("programs kept in {}", dir.keep().display());
        assert!(failures.is_empty(), "{} of {programs} programs differ from Go:\n{}", failures.len(), failures.join("\n"));
        return;
    }
    if !failures.is_empty() {
        // Keep the programs for the report's paths.
        let kept = dir.keep();
        panic!(
            "{} of {programs} programs differ from Go (programs kept in {}):\n{}",
            failures.len(),
            kept.display(),
            failures.join("\n")
        );
    }
}
