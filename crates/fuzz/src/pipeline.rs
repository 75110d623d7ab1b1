//! Runs one input through the compiler in-process — parse, check, generate code into a
//! throwaway JIT module — and reports how far it got and whether the compiler broke.
//!
//! The module is never finalised and nothing is ever executed: runtime symbols are only
//! needed at finalisation, and the fuzzer judges the compiler, not the programs.
//!
//! A bug is any panic (recorded by a process-wide hook, which also sees the panics the
//! type checker catches itself and turns into an `internal compiler error` diagnostic)
//! and any diagnostic that says `internal compiler error` (the code generator reports
//! Cranelift verifier failures that way). Hangs and crashes that kill the process are
//! the supervisor's business ([`crate::worker`]).

use std::backtrace::Backtrace;
use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::default_libcall_names;
use syntax::SourceFile;

/// How far an input got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    ParseError,
    CheckError,
    CodegenError,
    CodegenOk,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::ParseError, Stage::CheckError, Stage::CodegenError, Stage::CodegenOk];
}

/// A compiler bug: `key` deduplicates (a panic's source location, or the shape of an
/// internal error); `report` is what a human needs to start debugging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bug {
    pub key: String,
    pub report: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stage: Stage,
    /// The first diagnostic of the stage that stopped the input, with numbers blurred:
    /// a cheap stand-in for coverage, used to keep inputs that reach somewhere new.
    pub signature: String,
    pub bug: Option<Bug>,
}

/// The first panic since the last [`run`], as the hook saw it.
struct PanicRecord {
    location: String,
    message: String,
    thread: String,
    backtrace: Option<String>,
}

static PANIC: Mutex<Option<PanicRecord>> = Mutex::new(None);

/// Locations whose backtrace this process has already rendered: symbolising takes a
/// noticeable fraction of a second, and one backtrace per bug is enough.
static BACKTRACED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Replaces the default panic hook (which prints) by one that records the first panic.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let location = info.location().map_or_else(|| "<unknown location>".to_string(), |l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        let payload = info.payload();
        let message = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "<non-string panic payload>".to_string());
        let thread = std::thread::current().name().unwrap_or("<unnamed>").to_string();
        let mut slot = PANIC.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            let first = BACKTRACED.lock().unwrap_or_else(|e| e.into_inner()).insert(location.clone());
            let backtrace = first.then(|| Backtrace::force_capture().to_string());
            *slot = Some(PanicRecord { location, message, thread, backtrace });
        }
    }));
}

fn take_panic() -> Option<PanicRecord> {
    PANIC.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// Blurs the parts of a message that vary between inputs of the same kind: numbers,
/// and everything past a length that tells kinds apart.
pub fn blur(msg: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in msg.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
        if out.len() >= 80 {
            break;
        }
    }
    out
}

/// Parses, checks and compiles `text`; see the module documentation.
pub fn run(text: &str) -> Outcome {
    take_panic();
    let mut reached = Stage::ParseError;
    let result = panic::catch_unwind(AssertUnwindSafe(|| compile(text, &mut reached)));
    let panicked = take_panic();
    let (stage, first, ice) = match result {
        Ok(r) => r,
        Err(_) => (reached, "panic".to_string(), None),
    };
    let bug = match (panicked, ice) {
        (Some(p), _) => {
            let mut report = format!("panic in thread '{}' at {}:\n{}\n", p.thread, p.location, p.message);
            if let Some(bt) = p.backtrace {
                report += &format!("\nbacktrace:\n{bt}");
            }
            Some(Bug { key: format!("panic at {}", p.location), report })
        }
        (None, Some(msg)) => Some(Bug { key: ice_key(&msg), report: msg }),
        (None, None) => None,
    };
    Outcome { stage, signature: format!("{stage:?}: {}", blur(&first)), bug }
}

/// Runs the pipeline; returns the stage that stopped it, its first diagnostic, and the
/// first `internal compiler error` diagnostic if there is one.
fn compile(text: &str, reached: &mut Stage) -> (Stage, String, Option<String>) {
    let ice = |diags: &[syntax::Diagnostic]| diags.iter().find(|d| d.message.contains("internal compiler error")).map(|d| d.message.clone());
    let file = SourceFile::new("fuzz.go", text);
    let (ast, diags) = syntax::parse_file(&file);
    if let Some(d) = diags.first() {
        return (Stage::ParseError, d.message.clone(), ice(&diags));
    }
    *reached = Stage::CheckError;
    let (info, diags) = types::check_file(&file, &ast);
    if let Some(d) = diags.first() {
        return (Stage::CheckError, d.message.clone(), ice(&diags));
    }
    *reached = Stage::CodegenError;
    let builder = JITBuilder::with_isa(codegen::build_isa(), default_libcall_names());
    let mut module = JITModule::new(builder);
    let result = panic::catch_unwind(AssertUnwindSafe(|| codegen::compile(&mut module, &file, &ast, &info, &codegen::Options::default())));
    // SAFETY: nothing in the module was finalised, so no pointer into its memory was
    // ever handed out and none of its code can be running.
    unsafe { module.free_memory() };
    match result {
        Err(payload) => panic::resume_unwind(payload),
        Ok(Ok(_)) => (Stage::CodegenOk, String::new(), None),
        Ok(Err(diags)) => {
            let first = diags.first().map_or_else(String::new, |d| d.message.clone());
            (Stage::CodegenError, first, ice(&diags))
        }
    }
}

/// The dedup key of an internal-error diagnostic: the first verifier error line if
/// there is one (`inst12 (v5 = ...): arg 0 has type i64, expected i32`), else the
/// message without the function name, numbers blurred either way.
fn ice_key(msg: &str) -> String {
    let detail = msg.lines().find(|l| l.contains("; error:")).map(str::trim).unwrap_or_else(|| msg.lines().next().unwrap_or(""));
    let detail = match (detail.strip_prefix("internal compiler error in "), detail.find(": ")) {
        (Some(_), Some(i)) => &detail[i + 2..],
        _ => detail,
    };
    format!("internal error: {}", blur(detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages() {
        // No hook here: it is process-wide and would silence other tests' failures.
        assert_eq!(run("package main\nfunc main() {").stage, Stage::ParseError);
        assert_eq!(run("package main\nfunc main() { x := 1 }").stage, Stage::CheckError);
        let ok = run("package main\nfunc main() { println(1 << 3) }");
        assert_eq!(ok.stage, Stage::CodegenOk, "{ok:?}");
        assert_eq!(ok.bug, None);
    }

    #[test]
    fn blurring() {
        assert_eq!(blur("constant 300 overflows int8"), "constant N overflows intN");
        assert_eq!(ice_key("internal compiler error in main.f: something 12 broke"), "internal error: something N broke");
    }
}
