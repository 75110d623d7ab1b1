//! Code generation tests of C interop: programs calling C functions run in the JIT
//! against stand-ins (a `runtime.cgocall` that calls the wrapper on the same stack,
//! Rust functions as the generated C wrappers and as the runtime's string helpers),
//! and an export thunk called with a frame as the runtime's `cgocallback` does.

use std::sync::atomic::{AtomicI64, Ordering};

use cranelift_codegen::ir::types::I64;
use cranelift_codegen::ir::{AbiParam, ArgumentPurpose, InstBuilder, Signature, UserFuncName};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncOrDataId, Linkage, Module};
use syntax::{parse_file, SourceFile};
use types::cgo::{CFunc, CType, CgoDecls};

use crate::{compile, Compiled, Options};

fn func(name: &str, params: Vec<CType>, result: CType) -> CFunc {
    CFunc { name: name.to_string(), params, result, variadic: false, wrapper: format!("_cgo_w_{name}") }
}

fn int(name: &'static str) -> CType {
    CType::Int(name)
}

fn ptr(to: CType) -> CType {
    CType::Pointer(Box::new(to))
}

/// What the preamble of the test programs declares:
///
/// ```c
/// int add(int, int);  long neg(long);  double twice(double);  float half(float);
/// void *same(void *);  char next(char);  void count(int);  unsigned short us(void);
/// double mix(char, short, int, long, double, float, void *, unsigned char);
/// ```
fn decls() -> CgoDecls {
    CgoDecls {
        funcs: vec![
            func("add", vec![int("int"), int("int")], int("int")),
            func("neg", vec![int("long")], int("long")),
            func("twice", vec![CType::Double], CType::Double),
            func("half", vec![CType::Float], CType::Float),
            func("same", vec![ptr(CType::Void)], ptr(CType::Void)),
            func("next", vec![int("char")], int("char")),
            func("count", vec![int("int")], CType::Void),
            func("us", vec![], int("ushort")),
            func("mix", vec![int("char"), int("short"), int("int"), int("long"), CType::Double, CType::Float, ptr(CType::Void), int("uchar")], CType::Double),
        ],
    }
}

// ----- stand-ins for the C side and the runtime -----

/// Garbage the stand-in wrappers put above a narrow result: only the low bits of a
/// slot are the value (docs/cgo.md).
const HIGH_GARBAGE: u64 = 0xDEAD_BEEF_0000_0000;

/// Reads argument slot `i` of block `a` as a `T` (its low bytes).
///
/// # Safety
/// `a` is an argument block with more than `i` slots.
unsafe fn arg<T: Copy>(a: *const u64, i: usize) -> T {
    // SAFETY: the caller's contract; slots are 8-aligned and T is at most 8 bytes.
    unsafe { *(a.add(i) as *const T) }
}

unsafe extern "C" fn w_add(a: *mut u64) -> u64 {
    // SAFETY: two slots (the wrappers' contract with codegen, docs/cgo.md).
    let (x, y): (i32, i32) = unsafe { (arg(a, 0), arg(a, 1)) };
    x.wrapping_add(y) as u32 as u64 | HIGH_GARBAGE
}

unsafe extern "C" fn w_neg(a: *mut u64) -> u64 {
    // SAFETY: one slot.
    unsafe { arg::<i64>(a, 0) }.wrapping_neg() as u64
}

unsafe extern "C" fn w_twice(a: *mut u64) -> u64 {
    // SAFETY: one slot.
    (unsafe { arg::<f64>(a, 0) } * 2.0).to_bits()
}

unsafe extern "C" fn w_half(a: *mut u64) -> u64 {
    // SAFETY: one slot.
    (unsafe { arg::<f32>(a, 0) } / 2.0).to_bits() as u64 | HIGH_GARBAGE
}

unsafe extern "C" fn w_same(a: *mut u64) -> u64 {
    // SAFETY: one slot.
    unsafe { arg::<u64>(a, 0) }
}

unsafe extern "C" fn w_next(a: *mut u64) -> u64 {
    // SAFETY: one slot.
    unsafe { arg::<i8>(a, 0) }.wrapping_add(1) as u8 as u64 | HIGH_GARBAGE
}

/// What `count` added up (one test uses it).
static COUNTED: AtomicI64 = AtomicI64::new(0);

unsafe extern "C" fn w_count(a: *mut u64) -> u64 {
    // SAFETY: one slot.
    COUNTED.fetch_add(unsafe { arg::<i32>(a, 0) } as i64, Ordering::SeqCst);
    HIGH_GARBAGE
}

unsafe extern "C" fn w_us(a: *mut u64) -> u64 {
    assert!(a.is_null(), "a function without parameters gets no block");
    65535 | HIGH_GARBAGE
}

unsafe extern "C" fn w_mix(a: *mut u64) -> u64 {
    // SAFETY: eight slots; slot 6 points at an int.
    let sum = unsafe {
        arg::<i8>(a, 0) as f64
            + arg::<i16>(a, 1) as f64
            + arg::<i32>(a, 2) as f64
            + arg::<i64>(a, 3) as f64
            + arg::<f64>(a, 4)
            + arg::<f32>(a, 5) as f64
            + *arg::<*const i64>(a, 6) as f64
            + arg::<u8>(a, 7) as f64
    };
    sum.to_bits()
}

/// `runtime.cgocall` without the stack switch: calls the wrapper with the block.
extern "C" fn fake_cgocall(_g: *mut u64, wrapper: unsafe extern "C" fn(*mut u64) -> u64, args: *mut u64) -> u64 {
    // SAFETY: compiled code passes the wrapper of the C function and its block.
    unsafe { wrapper(args) }
}

/// A Go string as the runtime returns it (RAX, RDX).
#[repr(C)]
struct GoString {
    ptr: *const u8,
    len: i64,
}

/// A leaked, zeroed allocation of `size` bytes (8-aligned).
fn leak(size: usize) -> *mut u8 {
    Box::leak(vec![0u64; size.div_ceil(8).max(1)].into_boxed_slice()).as_mut_ptr().cast()
}

extern "C" fn fake_mallocgc(size: u64) -> *mut u8 {
    leak(size as usize)
}

unsafe extern "C" fn fake_cstring(ptr: *const u8, len: i64) -> *mut u8 {
    let out = leak(len as usize + 1);
    // SAFETY: `ptr` has `len` bytes (a Go string); `out` has room for them and a NUL.
    unsafe { std::ptr::copy_nonoverlapping(ptr, out, len as usize) };
    out
}

unsafe extern "C" fn fake_gostring(p: *const u8) -> GoString {
    // SAFETY: `p` is NUL-terminated (made by fake_cstring).
    let len = unsafe { std::ffi::CStr::from_ptr(p.cast()) }.to_bytes().len();
    GoString { ptr: p, len: len as i64 }
}

unsafe extern "C" fn fake_gostringn(p: *const u8, n: i64) -> GoString {
    GoString { ptr: p, len: n }
}

extern "C" fn unexpected_runtime_call() {
    eprintln!("a compiled test program called a runtime function without a stand-in");
    std::process::abort();
}

// ----- running programs -----

/// A program compiled with [`decls`] and the stand-ins, ready to run.
struct Program {
    module: JITModule,
    compiled: Compiled,
    /// `extern "C" fn(g, code, frame)`: calls `code(g, frame)` with the `tail`
    /// convention, as the runtime runs an export thunk.
    call_tail: cranelift_module::FuncId,
}

fn build(src: &str) -> Program {
    let file = SourceFile::new("t.go", src);
    let (ast, diags) = parse_file(&file);
    assert!(diags.is_empty(), "{diags:?}");
    let decls = decls();
    let (info, diags) = types::check_file_cgo(&file, &ast, Some(&decls));
    assert!(diags.is_empty(), "{}", syntax::source::render(&file, &diags));
    let mut builder = JITBuilder::with_isa(crate::build_isa(), default_libcall_names());
    let wrappers: [(&str, unsafe extern "C" fn(*mut u64) -> u64); 9] =
        [("add", w_add), ("neg", w_neg), ("twice", w_twice), ("half", w_half), ("same", w_same), ("next", w_next), ("count", w_count), ("us", w_us), ("mix", w_mix)];
    for (name, w) in wrappers {
        builder.symbol(format!("_cgo_w_{name}"), w as *const u8);
    }
    builder.symbol("runtime.cgocall", fake_cgocall as *const u8);
    builder.symbol("runtime.mallocgc", fake_mallocgc as *const u8);
    builder.symbol("runtime.cgo_cstring", fake_cstring as *const u8);
    builder.symbol("runtime.cgo_gostring", fake_gostring as *const u8);
    builder.symbol("runtime.cgo_gostringn", fake_gostringn as *const u8);
    // Never called while the test's G has room (the stack checks, the aggregate
    // stack's overflow path), or not by these programs.
    builder.symbol_lookup_fn(Box::new(|name| name.starts_with("runtime.").then_some(unexpected_runtime_call as *const u8)));
    let mut module = JITModule::new(builder);
    let compiled = compile(&mut module, &file, &ast, &info, &Options::default()).unwrap_or_else(|d| panic!("{}", syntax::source::render(&file, &d)));
    let call_tail = define_call_tail(&mut module);
    module.finalize_definitions().expect("links");
    Program { module, compiled, call_tail }
}

/// Defines `test.call_tail(g, code, frame)` (System V), which calls `code(g, frame)`
/// with the `tail` convention.
fn define_call_tail(module: &mut JITModule) -> cranelift_module::FuncId {
    let mut sig = Signature::new(CallConv::SystemV);
    sig.params.extend([AbiParam::new(I64); 3]);
    let id = module.declare_function("test.call_tail", Linkage::Local, &sig).expect("fresh name");
    let mut ctx = module.make_context();
    ctx.func.signature = sig;
    ctx.func.name = UserFuncName::user(0, id.as_u32());
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let &[g, code, frame] = b.block_params(block) else { unreachable!("three parameters") };
    let mut thunk_sig = Signature::new(CallConv::Tail);
    thunk_sig.params.push(AbiParam::special(I64, ArgumentPurpose::VMContext));
    thunk_sig.params.push(AbiParam::new(I64));
    let thunk_sig = b.import_signature(thunk_sig);
    b.ins().call_indirect(thunk_sig, code, &[g, frame]);
    b.ins().return_(&[]);
    b.finalize(module.target_config());
    module.define_function(id, &mut ctx).expect("compiles");
    id
}

/// A goroutine for the compiled code: no stack bound (`stackguard0` = 0) and a
/// roomy aggregate stack full of garbage, so that every byte a test reads was
/// written.
struct TestG {
    words: Vec<u64>,
    _agg: Vec<u8>,
}

impl TestG {
    fn new() -> TestG {
        let agg = vec![0xAAu8; 1 << 16];
        let mut words = vec![0u64; 16];
        words[4] = agg.as_ptr() as u64; // agg_sp
        words[5] = agg.as_ptr() as u64 + agg.len() as u64; // agg_limit
        TestG { words, _agg: agg }
    }

    fn ptr(&mut self) -> *mut u64 {
        self.words.as_mut_ptr()
    }
}

impl Program {
    /// Runs the package initialisers and `main.main`.
    fn run(&self) {
        let entry = self.module.get_finalized_function(self.compiled.entry);
        // SAFETY: the entry point is `extern "C" fn(g)` (codegen::program).
        let entry: extern "C" fn(*mut u64) = unsafe { std::mem::transmute(entry) };
        let mut g = TestG::new();
        entry(g.ptr());
    }

    /// The bytes of package variable `name` after the program ran.
    fn global<T: Copy>(&self, name: &str) -> T {
        let Some(FuncOrDataId::Data(id)) = self.module.get_name(&format!("main.{name}")) else { panic!("no variable {name}") };
        let (ptr, size) = self.module.get_finalized_data(id);
        assert!(size >= std::mem::size_of::<T>());
        // SAFETY: the variable has at least `size_of::<T>()` bytes, 8-aligned for
        // the 8-byte types read here.
        unsafe { *(ptr as *const T) }
    }

    fn string(&self, name: &str) -> String {
        let (ptr, len): (*const u8, usize) = self.global(name);
        // SAFETY: a Go string: `len` bytes at `ptr`.
        String::from_utf8_lossy(unsafe { std::slice::from_raw_parts(ptr, len) }).into_owned()
    }
}

#[test]
fn c_calls_pass_arguments_in_slots_and_take_the_result_from_the_low_bits() {
    let p = build(
        r#"package main

import "C"
import "unsafe"

var (
	ri  C.int
	rl  C.long
	rd  C.double
	rf  C.float
	rc  C.char
	rn  C.char
	rus C.ushort
	rp  int
	rm  C.double
	rt  C.int
)

func two() (C.int, C.int) { return 40, 2 }

func main() {
	x := 1
	ri = C.add(C.int(x), -3)
	rl = C.neg(1 << 40)
	rd = C.twice(1.25)
	rf = C.half(3)
	rc = C.next('a')
	rn = C.next(-2)
	rus = C.us()
	v := 41
	rp = *(*int)(C.same(unsafe.Pointer(&v))) + 1
	seven := 7
	rm = C.mix(-1, -300, 70000, 1<<33, 0.5, 0.25, unsafe.Pointer(&seven), 200)
	rt = C.add(two())
}
"#,
    );
    p.run();
    assert_eq!(p.global::<i32>("ri"), -2);
    assert_eq!(p.global::<i64>("rl"), -(1 << 40));
    assert_eq!(p.global::<f64>("rd"), 2.5);
    assert_eq!(p.global::<f32>("rf"), 1.5);
    assert_eq!(p.global::<i8>("rc"), b'b' as i8);
    assert_eq!(p.global::<i8>("rn"), -1);
    assert_eq!(p.global::<u16>("rus"), 65535);
    assert_eq!(p.global::<i64>("rp"), 42);
    assert_eq!(p.global::<f64>("rm"), -1.0 - 300.0 + 70000.0 + (1u64 << 33) as f64 + 0.5 + 0.25 + 7.0 + 200.0);
    assert_eq!(p.global::<i32>("rt"), 42);
}

#[test]
fn cgo_string_helpers_call_the_runtime() {
    let p = build(
        r#"package main

import "C"

var s, n string

func main() {
	cs := C.CString("hello, C")
	s = C.GoString(cs)
	n = C.GoStringN(cs, 5)
}
"#,
    );
    p.run();
    assert_eq!((p.string("s").as_str(), p.string("n").as_str()), ("hello, C", "hello"));
}

#[test]
fn deferred_and_looped_c_calls() {
    let src = r#"package main

import "C"

func f(n int) {
	defer C.count(C.int(n))
	for i := 0; i < n; i++ {
		C.count(1)
	}
}

func main() {
	f(3)
}
"#;
    let p = build(src);
    COUNTED.store(0, Ordering::SeqCst);
    p.run();
    assert_eq!(COUNTED.load(Ordering::SeqCst), 6);
    // The IR: in a function with defers the C call may unwind a recovered panic (a
    // try_call through the tail-convention wrapper); the loop making it polls for
    // preemption; the argument block is on the aggregate stack.
    let c = super::tests::compile_src_with(src, Some(&decls()));
    let f = c.func("main.f");
    assert!(f.contains("try_call") && c.names().contains(&"runtime.tailwrap·runtime.cgocall"), "{f}");
    assert!(c.symbols.iter().any(|s| s == "runtime.preemptcheck"), "{:?}", c.symbols);
    assert!(c.names().contains(&"main.f.deferwrap1"), "{:?}", c.names());
    super::tests::assert_only_defer_slots(&c);
}

#[test]
fn a_c_call_is_attributed_to_its_line() {
    let p = build("package main\n\nimport \"C\"\n\nfunc main() {\n\tx := C.int(1)\n\n\tx = C.add(x,\n\t\t2)\n\t_ = x\n}\n");
    let main = p.compiled.funcs.iter().find(|f| f.name == "main.main").expect("main.main");
    assert!(main.lines.iter().any(|&(_, line)| line == 8), "{:?}", main.lines);
}

#[test]
fn export_thunks_read_their_frame_and_write_the_result() {
    let p = build(
        r#"package main

import "C"

//export Scale
func Scale(x C.int, y C.double, ok bool, p *C.char, f C.float) C.double {
	if ok {
		return C.double(x)*y + C.double(*p) + C.double(f)
	}
	return -1
}

//export Bump
func Bump(n C.char) C.char { return n + 1 }

//export Nothing
func Nothing() {}

func main() {}
"#,
    );
    let names: Vec<&str> = p.compiled.exports.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Scale", "Bump", "Nothing"]);
    let thunk = |name: &str| {
        let &(_, id) = p.compiled.exports.iter().find(|(n, _)| n == name).expect("exported");
        // Named so that tracebacks hide it (runtime.*), compiled with a stack check.
        let f = p.compiled.funcs.iter().find(|f| f.id == id).expect("compiled");
        assert_eq!(f.name, format!("runtime._cgoexp_{name}"));
        assert!(f.stub_offset.is_some(), "{name}'s thunk has the stack check");
        p.module.get_finalized_function(id)
    };
    let call = p.module.get_finalized_function(p.call_tail);
    // SAFETY: `test.call_tail` is `extern "C" fn(g, code, frame)` (define_call_tail).
    let call: extern "C" fn(*mut u64, *const u8, *mut u64) = unsafe { std::mem::transmute(call) };
    let mut g = TestG::new();
    // Each slot holds its value in its low bytes, garbage above (the C stub copies
    // values with their own width into a zeroed frame; garbage proves the thunk
    // reads only what it should).
    let c = b'A';
    let mut frame = [3 | HIGH_GARBAGE, 2.5f64.to_bits(), 1 | HIGH_GARBAGE, &c as *const u8 as u64, 0.5f32.to_bits() as u64 | HIGH_GARBAGE, HIGH_GARBAGE];
    call(g.ptr(), thunk("Scale"), frame.as_mut_ptr());
    assert_eq!(f64::from_bits(frame[5]), 3.0 * 2.5 + 65.0 + 0.5);
    let mut frame = [(-128i8 as u8 as u64) | HIGH_GARBAGE, 0];
    call(g.ptr(), thunk("Bump"), frame.as_mut_ptr());
    assert_eq!(frame[1] as u8 as i8, -127);
    let mut frame = [HIGH_GARBAGE];
    call(g.ptr(), thunk("Nothing"), frame.as_mut_ptr());
    assert_eq!(frame, [HIGH_GARBAGE], "a function without a result writes nothing");
}
