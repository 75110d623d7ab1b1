//! `morestack repl` through a real pseudo-terminal, as a person uses it: one scripted
//! session defines functions over several lines, evaluates expressions, survives a
//! panic, a stack overflow and a Ctrl-C with its variables intact, keeps a goroutine
//! running between inputs, and answers the `:` commands. Each step waits for the
//! next numbered prompt, so the outputs checked belong to that step.

use std::process::Command;
use std::time::Duration;

use rexpect::session::PtySession;

/// Seconds any one step may take (the stack overflow grows a stack to 32 MiB).
const STEP_TIMEOUT_MS: u64 = 30_000;

struct Repl {
    p: PtySession,
    /// The number of the next prompt, `[N]> `.
    next: u32,
}

impl Repl {
    fn start(home: &std::path::Path) -> Repl {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
        cmd.arg("repl").env("HOME", home).env("TERM", "xterm").env_remove("GOTRACEBACK").env_remove("MORESTACKDEBUG");
        let mut p = rexpect::session::spawn_command(cmd, Some(STEP_TIMEOUT_MS)).expect("cannot start morestack repl");
        p.exp_string("[1]> ").expect("first prompt");
        Repl { p, next: 1 }
    }

    /// Sends the lines of one input (continuation prompts in between); returns what
    /// was printed up to the next prompt, which must show `expected` in order.
    fn input(&mut self, lines: &[&str], expected: &[&str]) -> String {
        for (i, line) in lines.iter().enumerate() {
            self.p.send_line(line).unwrap();
            if i + 1 < lines.len() {
                self.p.exp_string("...> ").unwrap_or_else(|e| panic!("no continuation prompt after {line:?}: {e}"));
            }
        }
        self.next += 1;
        self.output(lines, expected)
    }

    /// A `:` command (it takes no input number).
    fn command(&mut self, line: &str, expected: &[&str]) -> String {
        self.p.send_line(line).unwrap();
        self.output(&[line], expected)
    }

    fn output(&mut self, sent: &[&str], expected: &[&str]) -> String {
        let mut seen = String::new();
        for want in expected {
            match self.p.exp_string(want) {
                Ok(before) => seen.push_str(&before),
                Err(e) => panic!("after {sent:?}: expected {want:?} ({e}); output so far:\n{seen}"),
            }
            seen.push_str(want);
        }
        let prompt = format!("[{}]> ", self.next);
        let before = self.p.exp_string(&prompt).unwrap_or_else(|e| panic!("after {sent:?}: no prompt {prompt:?} ({e}); output so far:\n{seen}"));
        seen + &before
    }
}

#[test]
fn a_session_survives_panics_overflows_interrupts_and_deadlocks() {
    let home = tempfile::tempdir().unwrap();
    let mut r = Repl::start(home.path());

    // A function over several lines: the parser asks for more until it is complete.
    r.input(&["func fib(n int) int {", "if n < 2 { return n }", "return fib(n-1) + fib(n-2)", "}"], &[]);
    r.input(&["fib(20)"], &["6765"]);
    r.input(&["var counter int"], &[]);
    r.input(&["counter += 5"], &[]);

    // An uncaught panic prints Go's report and traceback, naming the inputs.
    r.input(&["func boom(n int) int { if n == 0 { panic(\"kaboom\") }; return boom(n-1) }"], &[]);
    r.input(&["boom(2)"], &["panic: kaboom", "goroutine ", " [running]:", "main.boom(...)", "\t[5]:1 +0x", "main.main(...)", "\t[6]:1 +0x"]);
    r.input(&["counter * 1001"], &["5005"]);

    // Infinite recursion hits the stack limit set by :stack.
    r.command(":stack 64MB", &["limited to 64000000 bytes"]);
    r.input(&["func rec(n int) int { return rec(n+1) + 1 }"], &[]);
    r.input(&["rec(0)"], &["runtime: goroutine stack exceeds 64000000-byte limit", "fatal error: stack overflow", "main.rec(...)", "\t[8]:1 +0x"]);
    r.input(&["counter * 1001"], &["5005"]);

    // Ctrl-C ends an endless loop at the next call's stack check.
    r.input(&["func id(n int) int { return n }"], &[]);
    r.input(&["func step(n int) int { return id(n) + 1 }"], &[]);
    r.input(&["spins := 0"], &[]);
    r.p.send_line("for { spins = step(spins) }").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    r.p.send_control('c').unwrap();
    r.next += 1;
    r.output(&["(Ctrl-C)"], &["interrupted", "main.step(...)", "\t[12]:1 +0x", "main.main(...)", "\t[14]:1 +0x"]);
    r.input(&["spins > 1000 && counter == 5"], &["true"]);

    // An input blocked for good while nothing else runs: Go's deadlock report, and
    // only the input ends.
    r.input(&["<-make(chan int)"], &["fatal error: all goroutines are asleep - deadlock!", " [chan receive]:", "main.main(...)", "\t[16]:1 +0x"]);
    r.input(&["counter * 1001"], &["5005"]);

    // A goroutine keeps running between inputs.
    r.input(&["import \"time\""], &[]);
    r.input(&["var ticks int"], &[]);
    r.input(&["go func() { for { ticks++; time.Sleep(time.Millisecond) } }()"], &[]);
    std::thread::sleep(Duration::from_millis(100));
    r.input(&["seen := ticks"], &[]);
    std::thread::sleep(Duration::from_millis(100));
    r.input(&["seen > 0 && ticks > seen"], &["true"]);

    // Errors name the input; the session goes on.
    r.input(&["fib(undefinedName)"], &["[23]:1:5: undefined: undefinedName"]);
    r.command(":type fib(3)", &["int"]);
    r.command(":clif fib", &["; main.fib", "function "]);
    r.command(":asm fib", &["TEXT main.fib"]);
    r.input(&["fib(10)"], &["55"]);

    // An interface value keeps its dynamic type in later inputs (one type
    // descriptor per type across modules).
    r.input(&["var v any = fib(5)"], &[]);
    r.input(&["v == 5 && v.(int) == 5"], &["true"]);

    r.p.send_line(":quit").unwrap();
    r.p.exp_eof().unwrap();
    assert!(home.path().join(".morestack_history").exists(), "the history is saved in $HOME");
}
