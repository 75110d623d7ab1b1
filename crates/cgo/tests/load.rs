//! The built object, loaded and called the way the runtime calls it: wrappers with
//! argument slots, serialised wrappers from several threads, export stubs through
//! `_cgo_runtime_cgocallback`.

mod common;

use std::ffi::c_void;

use common::prepared;

type WrapperFn = unsafe extern "C" fn(*mut u64) -> u64;

/// Calls `C.name` through its wrapper with the given slots.
fn call(loaded: &cgo::Loaded, name: &str, slots: &mut [u64]) -> u64 {
    let address = loaded.symbol(&format!("_cgo_w_{name}")).unwrap_or_else(|| panic!("no wrapper for {name}"));
    // SAFETY: wrappers have this signature (docs/cgo.md) and read one slot per
    // parameter; the tests pass as many.
    unsafe {
        let wrapper: WrapperFn = std::mem::transmute(address);
        wrapper(slots.as_mut_ptr())
    }
}

#[test]
fn wrappers_pass_slots_and_return_low_bytes() {
    let p = prepared(
        r#"package main

/*
#include <string.h>
static long mix(int a, unsigned char b, long c) { return a * 100 + b * 10 + c; }
static double scale(double x, float f) { return x * f; }
static int negative(void) { return -5; }
static char *second(char *s) { return s + 1; }
static int calls;
static void count(void) { calls++; }
static int counted(void) { return calls; }
*/
import "C"

func main() { C.mix(); C.scale(); C.negative(); C.second(); C.strlen(nil); C.count(); C.counted() }
"#,
    );
    let loaded = p.load().expect("load");
    // The upper bytes of a slot are ignored: only the argument's own width is read.
    let mut slots = [(-3i32) as u32 as u64 | 0xdead_0000_0000_0000, 0xff07, 40];
    assert_eq!(call(&loaded, "mix", &mut slots) as i64, -300 + 70 + 40);
    let mut slots = [2.5f64.to_bits(), 4.0f32.to_bits() as u64];
    assert_eq!(f64::from_bits(call(&loaded, "scale", &mut slots)), 10.0);
    // An int result fills the low 4 bytes; the upper ones are zero.
    assert_eq!(call(&loaded, "negative", &mut []), (-5i32) as u32 as u64);
    let text = c"hello";
    let mut slots = [text.as_ptr() as u64];
    assert_eq!(call(&loaded, "second", &mut slots), text.as_ptr() as u64 + 1);
    assert_eq!(call(&loaded, "strlen", &mut slots), 5);
    assert_eq!(call(&loaded, "count", &mut []), 0);
    call(&loaded, "count", &mut []);
    assert_eq!(call(&loaded, "counted", &mut []), 2);
}

/// A C function that counts how often it was entered while another thread was
/// inside it; `serialize` says whether the program serialises it.
fn overlapping_entries(serialize: bool) -> u64 {
    let directive = if serialize { "// morestack:serialize slow" } else { "" };
    let src = format!(
        r#"package main

/*
{directive}
#include <unistd.h>
static int inside, overlaps;
static int slow(int x) {{
	if (__atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST) > 1)
		__atomic_add_fetch(&overlaps, 1, __ATOMIC_SEQ_CST);
	usleep(500);
	__atomic_sub_fetch(&inside, 1, __ATOMIC_SEQ_CST);
	return x;
}}
static int overlapped(void) {{ return overlaps; }}
*/
import "C"

func main() {{ C.slow(1); C.overlapped() }}
"#
    );
    let p = prepared(&src);
    let loaded = p.load().expect("load");
    let start = std::sync::Barrier::new(2);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                start.wait();
                for i in 0..40 {
                    assert_eq!(call(&loaded, "slow", &mut [i]), i);
                }
            });
        }
    });
    call(&loaded, "overlapped", &mut [])
}

#[test]
fn serialized_functions_are_never_entered_twice_at_once() {
    assert_eq!(overlapping_entries(true), 0);
    // The check has teeth: without the directive, the threads do overlap.
    assert!(overlapping_entries(false) > 0);
}

#[test]
fn a_serialized_function_may_be_reentered_by_its_own_thread() {
    // As through a callback: the same thread enters the wrapper again while it holds
    // the function's lock.
    let p = prepared(
        r#"package main

/*
// morestack:serialize depth
#include <stdint.h>
uint64_t _cgo_w_depth(uint64_t *);
static int depth(int n) {
	if (n == 0) return 0;
	uint64_t slot = n - 1;
	return 1 + (int)_cgo_w_depth(&slot);
}
*/
import "C"

func main() { C.depth(3) }
"#,
    );
    let loaded = p.load().expect("load");
    assert_eq!(call(&loaded, "depth", &mut [5]), 5);
}

/// Stands in for the runtime's `cgocallback`: runs the "Go function" `thunk`
/// names on the frame of slots.
unsafe extern "C" fn callback(thunk: *mut c_void, frame: *mut u64) {
    // SAFETY: the stubs pass a frame with a slot per parameter and one for the
    // result; the thunks below know their function's parameter count.
    unsafe {
        match thunk as usize {
            // goAdd(a, b C.int) C.int
            1 => {
                let (a, b) = (*frame as u32 as i32, *frame.add(1) as u32 as i32);
                *frame.add(2) = (a + b) as u32 as u64;
            }
            // goNote(d float64, s *C.char)
            2 => {
                let d = f64::from_bits(*frame);
                let s = std::ffi::CStr::from_ptr(*frame.add(1) as *const std::ffi::c_char);
                NOTED.with(|n| n.set((d, s.to_bytes().len())));
            }
            other => panic!("unknown thunk {other}"),
        }
    }
}

thread_local! {
    static NOTED: std::cell::Cell<(f64, usize)> = const { std::cell::Cell::new((0.0, 0)) };
}

#[test]
fn export_stubs_call_through_the_runtime_callback() {
    let p = prepared(
        r#"package main

/*
static int twice(int a, int b) { return goAdd(a, b) + goAdd(a, b); }
static void note(void) { goNote(1.5, "four"); }
*/
import "C"

func main() { C.twice(1, 2); C.note() }

//export goAdd
func goAdd(a, b C.int) C.int { return a + b }

//export goNote
func goNote(d float64, s *C.char) {}
"#,
    );
    assert_eq!(p.exports, ["goAdd", "goNote"]);
    let loaded = p.load().expect("load");
    let entry: unsafe extern "C" fn(*mut c_void, *mut u64) = callback;
    loaded.set_pointer("_cgo_runtime_cgocallback", entry as usize).expect("callback pointer");
    loaded.set_pointer("_cgo_export_fn_goAdd", 1).expect("goAdd thunk");
    loaded.set_pointer("_cgo_export_fn_goNote", 2).expect("goNote thunk");
    assert_eq!(call(&loaded, "twice", &mut [20, (-6i32) as u32 as u64]) as u32 as i32, 28);
    call(&loaded, "note", &mut []);
    assert_eq!(NOTED.with(|n| n.get()), (1.5, 4));
    assert!(loaded.set_pointer("_cgo_export_fn_nothing", 0).is_err());
}
