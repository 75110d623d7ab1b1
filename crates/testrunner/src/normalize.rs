//! Output normalisation applied to BOTH the expected output (FILE.out, made by real
//! Go) and the actual output before they are compared.
//!
//! Responsible for masking what legitimately differs between two correct runs or two
//! correct implementations, and only that; everything a program prints itself is
//! compared byte for byte. The rules:
//!
//! - `\r\n` becomes `\n` (as run.go).
//! - The *traceback part* starts at the first line matching `^goroutine \d+ \[`. In it:
//!   - goroutine numbers other than 1 become `?` (`goroutine ? [running]:`): Go numbers
//!     the first user goroutine after its own system goroutines (6, 17, 18, ...);
//!   - ` +0x1d` code offsets are removed;
//!   - `\t/some/dir/file.go:LINE` becomes `\tfile.go:LINE` (paths differ per machine);
//!   - a frame line's argument list is elided: `main.f(0x1, {0x4b, 0x2})` becomes
//!     `main.f(...)` (argument words depend on register allocation and layout);
//!   - `exit status N` lines (added by `go run`) are dropped.
//! - Every `[signal ...]` line, wherever it is, has its `addr=0x…` and `pc=0x…` values
//!   masked as `addr=0x?` / `pc=0x?`.
//! - A final `exit status N` line is dropped even outside a traceback: it is what
//!   `go run x.go >x.out 2>&1` appends when a program calls `os.Exit(N)`, and the exit
//!   status is checked separately (`// want-exit: N`).

use std::sync::OnceLock;

use regex::Regex;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).unwrap())
}

static GOROUTINE: OnceLock<Regex> = OnceLock::new();
static EXIT_STATUS: OnceLock<Regex> = OnceLock::new();
static OFFSET: OnceLock<Regex> = OnceLock::new();
static FILE_LINE: OnceLock<Regex> = OnceLock::new();
static SIGNAL_VALUES: OnceLock<Regex> = OnceLock::new();

/// Normalise program output (see the module doc).
pub fn normalize_output(s: &str) -> String {
    let goroutine = re(&GOROUTINE, r"^goroutine \d+ \[");
    let exit_status = re(&EXIT_STATUS, r"^exit status \d+$");
    let offset = re(&OFFSET, r" ?\+0x[0-9a-f]+");
    let file_line = re(&FILE_LINE, r"^\t(?:[^\t]*/)?([^/\t]+\.go:\d+)");
    let signal_values = re(&SIGNAL_VALUES, r"\b(addr|pc)=0x[0-9a-fA-F]+");

    let s = s.replace("\r\n", "\n");
    let ends_with_newline = s.ends_with('\n');
    let mut lines: Vec<String> = Vec::new();
    let mut in_traceback = false;
    for line in s.lines() {
        if goroutine.is_match(line) {
            in_traceback = true;
        }
        let mut line = line.to_string();
        if line.starts_with("[signal ") {
            line = signal_values.replace_all(&line, "$1=0x?").into_owned();
        }
        if in_traceback {
            if exit_status.is_match(&line) {
                continue;
            }
            if goroutine.is_match(&line) && !line.starts_with("goroutine 1 [") {
                line = goroutine.replace(&line, "goroutine ? [").into_owned();
            }
            line = offset.replace_all(&line, "").into_owned();
            if line.starts_with('\t') {
                line = file_line.replace(&line, "\t$1").into_owned();
            } else if is_frame_line(&line) {
                line = elide_arguments(&line);
            }
        }
        lines.push(line);
    }
    if lines.last().is_some_and(|l| exit_status.is_match(l)) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    if ends_with_newline && !lines.is_empty() {
        out.push('\n');
    }
    out
}

/// A traceback frame line: `pkg.func(args)`, `pkg.(*T).m(args)`, `panic({...})`.
fn is_frame_line(line: &str) -> bool {
    !line.is_empty()
        && !line.starts_with([' ', '\t', '['])
        && !line.starts_with("goroutine ")
        && !line.starts_with("created by ")
        && line.ends_with(')')
        && line.contains('(')
}

/// Replace the contents of the final balanced parenthesised group with `...`.
fn elide_arguments(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut depth = 0usize;
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    return format!("{}(...)", &line[..i]);
                }
            }
            _ => {}
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_traceback_and_ours_normalise_alike() {
        let go = "before\n\
                  panic: boom\n\
                  \n\
                  goroutine 1 [running]:\n\
                  main.f(0x1, {0x4b6b9a, 0x3})\n\
                  \t/tmp/go-build123/x.go:5 +0x27\n\
                  main.(*T).m(...)\n\
                  \t/tmp/go-build123/x.go:9\n\
                  main.main()\n\
                  \t/tmp/go-build123/x.go:12 +0x1d\n\
                  exit status 2\n";
        let ours = "before\n\
                    panic: boom\n\
                    \n\
                    goroutine 1 [running]:\n\
                    main.f(0x1, 0x2, 0x3)\n\
                    \t/work/testsuite/run/x.go:5 +0x11\n\
                    main.(*T).m(0xc000010000)\n\
                    \tx.go:9 +0x5\n\
                    main.main()\n\
                    \tx.go:12 +0x40\n";
        let want = "before\n\
                    panic: boom\n\
                    \n\
                    goroutine 1 [running]:\n\
                    main.f(...)\n\
                    \tx.go:5\n\
                    main.(*T).m(...)\n\
                    \tx.go:9\n\
                    main.main(...)\n\
                    \tx.go:12\n";
        assert_eq!(normalize_output(go), want);
        assert_eq!(normalize_output(ours), want);
    }

    #[test]
    fn goroutine_numbers_other_than_main_are_masked() {
        let go = "panic: x\n\ngoroutine 18 [running]:\nmain.f()\n\t/a/x.go:4 +0x1d\ncreated by main.main\n\t/a/x.go:9 +0x25\n";
        let ours = "panic: x\n\ngoroutine 2 [running]:\nmain.f(...)\n\tx.go:4 +0x12\ncreated by main.main\n\tx.go:9 +0x40\n";
        assert_eq!(normalize_output(go), normalize_output(ours));
        assert!(normalize_output(ours).contains("\ngoroutine ? [running]:\n"));
        let dead = "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n";
        assert_eq!(normalize_output(dead), dead);
    }

    #[test]
    fn program_output_is_untouched_before_the_traceback() {
        let s = "main.f(0x1)\n\t/a/b.go:3 +0x10\nexit status 7 and more\n";
        assert_eq!(normalize_output(s), s);
        assert_eq!(normalize_output(""), "");
        assert_eq!(normalize_output("no newline"), "no newline");
        assert_eq!(normalize_output("a\r\nb\r\n"), "a\nb\n");
        assert_eq!(normalize_output("\n"), "\n");
        assert_eq!(normalize_output("a\n\n"), "a\n\n");
    }

    #[test]
    fn signal_lines_and_exit_status() {
        let s = "panic: runtime error: invalid memory address or nil pointer dereference\n\
                 [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x45a1b2]\n\
                 \n\
                 goroutine 1 [running]:\n\
                 main.main()\n\
                 \t/x/y.go:7 +0x12\n\
                 exit status 2\n";
        assert_eq!(
            normalize_output(s),
            "panic: runtime error: invalid memory address or nil pointer dereference\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x? pc=0x?]\n\
             \n\
             goroutine 1 [running]:\n\
             main.main(...)\n\
             \ty.go:7\n"
        );
        // `go run` appends the status of os.Exit(N) even without a traceback.
        assert_eq!(normalize_output("bye\nexit status 3\n"), "bye\n");
        assert_eq!(normalize_output("exit status 3\n"), "");
    }

    #[test]
    fn created_by_and_goroutine_headers_keep_their_wait_reasons() {
        let s = "goroutine 18 [chan send]:\n\
                 main.worker(0xc00001c0c0)\n\
                 \t/p/w.go:10 +0x2a\n\
                 created by main.main\n\
                 \t/p/w.go:20 +0x6f\n";
        assert_eq!(
            normalize_output(s),
            "goroutine ? [chan send]:\n\
             main.worker(...)\n\
             \tw.go:10\n\
             created by main.main\n\
             \tw.go:20\n"
        );
    }
}
