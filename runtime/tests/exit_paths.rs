//! End-to-end checks of the entry points that write to fd 1/2 or end the process
//! (print, fmt, panics, fatal errors, os.Exit). Each case re-runs this test binary as a
//! child with `MORESTACK_RT_CASE=<name>`; the child performs the case and the parent
//! checks its stdout, stderr and exit status against what Go 1.19 prints.

use std::process::Command;

use morestack_runtime::abi::{Eface, GoString, Kind, Type};
use morestack_runtime::{fmt, panic, pkg, print, symtab};

const CASE_VAR: &str = "MORESTACK_RT_CASE";

static INT: Type = Type::leaf(Kind::Int, 8, "", None);
static STRING: Type = Type::leaf(Kind::String, 16, "", None);
const T_NAME: &str = "main.T";
static NAMED_INT: Type = Type::leaf(Kind::Int, 8, T_NAME, None);

// The panic entry points compiled code calls (System V, `g` first; docs/abi.md).
unsafe extern "C" {
    #[link_name = "runtime.gopanic"]
    fn gopanic(g: usize, typ: *const Type, data: *const u8) -> !;
    #[link_name = "runtime.panicBounds"]
    fn panic_bounds(g: usize, code: i64, x: i64, y: i64, signed: u8) -> !;
    #[link_name = "runtime.panicdivide"]
    fn panicdivide(g: usize) -> !;
    #[link_name = "runtime.panicmem"]
    fn panicmem(g: usize) -> !;
}

/// Stands in for compiled `main.main`, run as goroutine 1 by `run_main` (as the driver
/// does) and registered in the symbol table: it calls into the runtime the way
/// compiled code would, per the case in the environment.
#[inline(never)]
unsafe extern "C" fn go_entry(g: *mut morestack_runtime::G) {
    let g = std::hint::black_box(g) as usize;
    let case = std::env::var(CASE_VAR).unwrap_or_default();
    let five = 5i64;
    let msg = "boom";
    let s = GoString {
        ptr: msg.as_ptr(),
        len: msg.len() as i64,
    };
    // SAFETY: `g` is the running goroutine; each descriptor is static and each data
    // pointer points at a live value of its type.
    unsafe {
        match case.as_str() {
            "gopanic_string" => gopanic(g, &STRING, &s as *const GoString as *const u8),
            "gopanic_named" => gopanic(g, &NAMED_INT, &five as *const i64 as *const u8),
            "bounds" => panic_bounds(g, 0, 5, 3, 1),
            "divide" => panicdivide(g),
            "mem" => panicmem(g),
            "throw" => panic::throw("all goroutines are asleep - deadlock!"),
            "makeslice" => {
                morestack_runtime::alloc::makeslice(8, -1, 0);
            }
            _ => {}
        }
    }
    std::hint::black_box(case);
}

fn run_case(case: &str) {
    // Register `go_entry` as compiled code: its whole body maps to line 7.
    let entry = go_entry as *const () as usize;
    {
        use std::io::Write;
        let mut o = std::io::stdout();
        writeln!(o, "entry={entry:x}").unwrap();
        o.flush().unwrap();
    }
    symtab::register(symtab::FuncInfo {
        entry,
        len: 0x800,
        name: "main.main".into(),
        file: "/tmp/x.go".into(),
        lines: vec![(0, 7)],
        landing_pads: Vec::new(),
        open_defers: None,
    });
    match case {
        // SAFETY: the string passed to printstring is a live literal.
        "print" => unsafe {
            print::printint(-3);
            print::printsp();
            print::printfloat(1.5);
            print::printsp();
            print::printbool(1);
            print::printsp();
            print::printstring(b"hi".as_ptr(), 2);
            print::printsp();
            print::printuint(7);
            print::printsp();
            print::printpointer(0);
            print::printnl();
        },
        // SAFETY: the Efaces point at live locals of their static types.
        "fmt" => unsafe {
            let n = 42i64;
            let s = GoString {
                ptr: b"x".as_ptr(),
                len: 1,
            };
            let args = [
                Eface {
                    typ: &INT,
                    data: &n as *const i64 as *const u8,
                },
                Eface {
                    typ: &STRING,
                    data: &s as *const GoString as *const u8,
                },
            ];
            fmt::println(args.as_ptr(), 2);
            fmt::print(args.as_ptr(), 2);
            let f = b"|%5d|%q|\n";
            fmt::printf(f.as_ptr(), f.len() as i64, args.as_ptr(), 2);
        },
        "exit" => pkg::os::exit(3),
        "alloc_256m" => alloc_and_report_rss(256 << 20),
        "alloc_1g" => alloc_and_report_rss(1 << 30),
        _ => {
            morestack_runtime::run_main(go_entry);
        }
    }
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Allocates `total` bytes through `mallocgc` in a Go-like mix (many small objects,
/// some medium, some big), touching every block, and prints the RSS growth in KiB.
fn alloc_and_report_rss(total: u64) {
    use morestack_runtime::alloc::mallocgc;
    let before = rss_kib();
    let mut done = 0u64;
    let mut i = 0u64;
    while done < total {
        let size = match i % 100 {
            0 => 3 << 20,           // big: own mapping
            1..=9 => 64 << 10,      // medium
            _ => 16 + (i % 7) * 24, // small
        };
        let p = mallocgc(size);
        // SAFETY: `p` has `size` writable bytes; touch every page like a program would.
        unsafe {
            let mut off = 0;
            while off < size {
                p.add(off as usize).write(1);
                off += 4096;
            }
            p.add(size as usize - 1).write(1);
        }
        done += size;
        i += 1;
    }
    println!("rss_growth_kib={}", rss_kib() - before);
}

fn rss_growth(case: &str) -> u64 {
    let (out, err, code) = child(case);
    assert_eq!(code, Some(0), "{err}");
    let v = out
        .split("rss_growth_kib=")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap();
    v.parse().unwrap()
}

#[test]
fn rss_tracks_bytes_allocated() {
    let kib = rss_growth("alloc_256m");
    assert!(
        kib < 256 * 1024 * 12 / 10,
        "256 MiB allocated, RSS grew by {kib} KiB"
    );
}

/// The full-size check from the spec (1 GB allocated, RSS under 1.2 GB); ignored by
/// default because it needs a gigabyte of free memory.
#[test]
#[ignore]
fn rss_1g_under_1_2g() {
    let kib = rss_growth("alloc_1g");
    assert!(
        kib < 1024 * 1024 * 12 / 10,
        "1 GiB allocated, RSS grew by {kib} KiB"
    );
}

fn child(case: &str) -> (String, String, Option<i32>) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
        .env(CASE_VAR, case)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// Not a test of its own: the child side of every case.
#[test]
fn child_entry() {
    if let Ok(case) = std::env::var(CASE_VAR) {
        run_case(&case);
    }
}

fn assert_panic(case: &str, head: &str) {
    let (_, err, code) = child(case);
    assert_eq!(code, Some(2), "{case}: {err}");
    assert!(err.starts_with(head), "{case}: got {err:?}");
    let rest = &err[head.len()..];
    let re_ok = rest.starts_with("\ngoroutine 1 [running]:\nmain.main(...)\n\t/tmp/x.go:7 +0x");
    assert!(re_ok, "{case}: traceback {rest:?}");
    assert!(rest.ends_with('\n'), "{case}: {rest:?}");
    assert_eq!(rest.matches("main.main").count(), 1, "{case}: {rest:?}");
}

#[test]
fn panics_print_value_traceback_and_exit_2() {
    assert_panic("gopanic_string", "panic: boom\n");
    assert_panic("gopanic_named", "panic: main.T(5)\n");
    assert_panic(
        "bounds",
        "panic: runtime error: index out of range [5] with length 3\n",
    );
    assert_panic("divide", "panic: runtime error: integer divide by zero\n");
    assert_panic(
        "throw",
        "fatal error: all goroutines are asleep - deadlock!\n",
    );
    assert_panic(
        "makeslice",
        "panic: runtime error: makeslice: len out of range\n",
    );
}

#[test]
fn panicmem_prints_signal_line_with_caller_pc() {
    let (out, err, code) = child("mem");
    assert_eq!(code, Some(2));
    let mut lines = err.lines();
    assert_eq!(
        lines.next(),
        Some("panic: runtime error: invalid memory address or nil pointer dereference")
    );
    let sig = lines.next().unwrap();
    let prefix = "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x";
    assert!(sig.starts_with(prefix) && sig.ends_with(']'), "{sig}");
    let pc = usize::from_str_radix(&sig[prefix.len()..sig.len() - 1], 16).unwrap();
    // The pc is a return address inside the "compiled" caller.
    let entry = out
        .split("entry=")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap();
    let entry = usize::from_str_radix(entry, 16).unwrap();
    assert!(
        pc > entry && pc < entry + 0x800,
        "pc {pc:#x} entry {entry:#x}"
    );
    assert_eq!(lines.next(), Some(""));
    assert_eq!(lines.next(), Some("goroutine 1 [running]:"));
    assert_eq!(lines.next(), Some("main.main(...)"));
    let off = format!("\t/tmp/x.go:7 +{:#x}", pc - entry);
    assert_eq!(lines.next(), Some(off.as_str()));
}

#[test]
fn print_writes_go_formats_to_stderr() {
    let (out, err, code) = child("print");
    assert_eq!(code, Some(0));
    assert!(!out.contains("hi 7"));
    assert!(err.contains("-3 +1.500000e+000 true hi 7 0x0\n"), "{err:?}");
}

#[test]
fn fmt_writes_to_stdout() {
    let (out, _, code) = child("fmt");
    assert_eq!(code, Some(0));
    assert!(out.contains("42 x\n42x|   42|\"x\"|\n"), "{out:?}");
}

#[test]
fn os_exit_status() {
    let (_, _, code) = child("exit");
    assert_eq!(code, Some(3));
}
