//! Code generation tests: programs compiled into a JIT module that is never linked
//! (so no runtime is needed), checked by what was declared and by their IR.

use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Module};
use syntax::{parse_file, SourceFile};

use crate::{compile, Options};

/// A compiled program: each function's name and IR, and every function symbol the
/// module declared (compiled functions and runtime imports).
pub(crate) struct Compiled {
    pub funcs: Vec<(String, String)>,
    pub symbols: Vec<String>,
}

impl Compiled {
    pub fn func(&self, name: &str) -> &str {
        self.funcs.iter().find(|(n, _)| n == name).map(|(_, clif)| clif.as_str()).unwrap_or_else(|| panic!("no function {name} in {:?}", self.names()))
    }

    pub fn names(&self) -> Vec<&str> {
        self.funcs.iter().map(|(n, _)| n.as_str()).collect()
    }
}

fn compile_src(src: &str) -> Compiled {
    compile_src_with(src, None)
}

/// Compiles `src`, a program using the C declarations `cgo` (if any).
pub(crate) fn compile_src_with(src: &str, cgo: Option<&types::cgo::CgoDecls>) -> Compiled {
    let file = SourceFile::new("t.go", src);
    let (ast, diags) = parse_file(&file);
    assert!(diags.is_empty(), "{diags:?}");
    let (info, diags) = types::check_file_cgo(&file, &ast, cgo);
    assert!(diags.is_empty(), "{}", syntax::source::render(&file, &diags));
    let mut module = JITModule::new(JITBuilder::with_isa(crate::build_isa(), default_libcall_names()));
    let out = compile(&mut module, &file, &ast, &info, &Options { keep_clif: true, ..Default::default() }).unwrap_or_else(|d| panic!("{}", syntax::source::render(&file, &d)));
    let funcs = out.funcs.into_iter().map(|f| (f.name, f.clif.unwrap_or_default())).collect();
    let symbols = module.declarations().get_functions().map(|(id, decl)| decl.linkage_name(id).into_owned()).collect();
    Compiled { funcs, symbols }
}

const CONCURRENT: &str = r#"package main

import (
	"fmt"
	"runtime"
	"sync"
)

type pair struct{ a, b int }

var mu sync.Mutex

func worker(id int, p pair, out chan<- pair, wg *sync.WaitGroup) {
	defer wg.Done()
	mu.Lock()
	defer mu.Unlock()
	out <- pair{id, p.a + p.b}
}

func main() {
	c := make(chan pair, 4)
	d := make(chan int)
	var wg sync.WaitGroup
	var once sync.Once
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(i, pair{i, i}, c, &wg)
	}
	go wg.Wait()
	wg.Wait()
	close(c)
	for p := range c {
		fmt.Println(p, len(c), cap(c))
	}
	once.Do(func() { runtime.Gosched() })
	v, ok := <-d
	<-d
	select {
	case v, ok = <-d:
	case d <- 3:
	case <-d:
	default:
	}
	lock := mu.Lock
	lock()
	println(v, ok, runtime.NumGoroutine())
}
"#;

#[test]
fn concurrency_lowers_to_the_runtime_contract() {
    let c = compile_src(CONCURRENT);
    for sym in [
        "runtime.newproc",
        "runtime.mallocgc",
        "runtime.makechan",
        "runtime.chansend1",
        "runtime.chanrecv1",
        "runtime.chanrecv2",
        "runtime.closechan",
        "runtime.chanlen",
        "runtime.chancap",
        "runtime.selectgo",
        "runtime.Gosched",
        "runtime.NumGoroutine",
        "sync.(*WaitGroup).Add",
        "sync.(*WaitGroup).Done",
        "sync.(*WaitGroup).Wait",
        "sync.(*Mutex).Lock",
        "sync.(*Mutex).Unlock",
        "sync.(*Once).begin",
        "sync.(*Once).end",
    ] {
        assert!(c.symbols.iter().any(|s| s == sym), "{sym} not declared: {:?}", c.symbols);
    }
    // Thunks: `go worker(...)` and `go wg.Wait()` in main, the deferred method
    // calls in worker; the code of method value `mu.Lock`.
    for name in ["main.main.gowrap1", "main.main.gowrap2", "main.worker.deferwrap1", "main.worker.deferwrap2", "sync.(*Mutex).Lock-fm"] {
        c.func(name);
    }
    // In a function with defers, the channel send (which may panic) is a try_call
    // through its tail-convention wrapper.
    assert!(c.names().contains(&"runtime.tailwrap·runtime.chansend1"));
    assert!(c.func("main.worker").contains("try_call"));
}

#[test]
fn no_pointer_into_the_goroutine_stack() {
    // The runtime copies goroutine stacks (also while a goroutine is blocked in a
    // channel operation): receive buffers, values to send and select cases live on
    // the aggregate stack; the one Cranelift stack slot is an open-coded function's
    // defer slot (which `finish` checks is only ever accessed, never addressed).
    let c = compile_src(CONCURRENT);
    assert_only_defer_slots(&c);
}

/// Asserts that the only Cranelift stack slots in `c` are open-coded defer slots.
pub(crate) fn assert_only_defer_slots(c: &Compiled) {
    let key = format!("key = {}", crate::defers::OPEN_DEFERS_KEY);
    for (name, clif) in &c.funcs {
        for line in clif.lines().filter(|l| l.contains("_slot")) {
            assert!(line.contains("explicit_slot") && line.ends_with(&key), "{name} uses the native stack:\n{clif}");
        }
    }
}

#[test]
fn go_of_a_func_value_needs_no_thunk() {
    let c = compile_src("package main\n\nfunc f() {}\n\nfunc main() {\n\tg := f\n\tgo f()\n\tgo g()\n\tgo func() {}()\n\tselect {}\n}\n");
    assert!(!c.names().iter().any(|n| n.contains("gowrap")), "{:?}", c.names());
    assert!(c.names().contains(&"main.main.func1"));
}
