//! Runs the system C compiler and reads its complaints back as Go diagnostics.
//!
//! `cc` (or `$CC`, words split on whitespace as Go does) compiles and links the
//! translation unit in one run, with `LC_ALL=C` so messages are plain ASCII as in
//! Go's output; for an executable it also compiles the same unit into an object. Errors in the preamble name the Go file thanks to `#line` and become
//! diagnostics at that place; errors in a probe name the probed name; anything else
//! is reported at `import "C"` as the compiler printed it.

use std::path::{Path, PathBuf};
use std::process::Command;

use syntax::Diagnostic;

use crate::generate::PROBE_FILE;
use crate::preamble::Preamble;

/// The flags of every compilation (docs/cgo.md): frame pointers so that the runtime
/// can walk C frames, `-pthread` for preambles that start threads and for the
/// mutexes of `morestack:serialize`.
const FLAGS: [&str; 5] = ["-fPIC", "-g", "-O2", "-fno-omit-frame-pointer", "-pthread"];
/// The shared object's: `-z defs` so that a missing C function is a build error
/// rather than a failure at load time.
const SHARED: [&str; 2] = ["-shared", "-Wl,-z,defs"];

/// Why a build failed.
pub(crate) enum Failure {
    /// The compiler did not run: the message says why.
    NotRun(String),
    /// The compiler's stderr.
    Failed(String),
}

/// The system C compiler: `$CC` if set (its words split on whitespace, as Go does),
/// else `cc`, with `LC_ALL=C`. Also the linker of `morestack build` (docs/aot.md).
pub fn c_compiler() -> Command {
    let cc = std::env::var("CC").ok().filter(|cc| !cc.trim().is_empty()).unwrap_or_else(|| "cc".to_string());
    let mut words = cc.split_whitespace();
    let mut command = Command::new(words.next().unwrap_or("cc"));
    command.args(words).env("LC_ALL", "C");
    command
}

/// Writes `STEM.c` into `dir` and builds `STEM.so` from it.
pub(crate) fn build(dir: &Path, stem: &str, source: &str) -> Result<PathBuf, Failure> {
    let source_name = format!("{stem}.c");
    std::fs::write(dir.join(&source_name), source)
        .map_err(|e| Failure::NotRun(format!("cgo: writing {source_name}: {e}")))?;
    compile(dir, stem, &SHARED, "so")
}

/// Compiles `STEM.c` in `dir`, already written by [`build`], into the relocatable
/// object `STEM.o`, which an executable links statically.
pub(crate) fn build_object(dir: &Path, stem: &str) -> Result<PathBuf, Failure> {
    compile(dir, stem, &["-c"], "o")
}

/// Compiles `STEM.c` in `dir` with [`FLAGS`] and `extra` into `STEM.EXTENSION`.
fn compile(dir: &Path, stem: &str, extra: &[&str], extension: &str) -> Result<PathBuf, Failure> {
    let output_name = format!("{stem}.{extension}");
    let mut command = c_compiler();
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command
        .args(FLAGS)
        .args(extra)
        .arg("-I")
        .arg(dir)
        .args(["-o", &output_name, &format!("{stem}.c")])
        .current_dir(dir)
        .output()
        .map_err(|e| Failure::NotRun(format!("cgo: C compiler {program:?} not found: {e}")))?;
    if output.status.success() {
        Ok(dir.join(output_name))
    } else {
        Err(Failure::Failed(String::from_utf8_lossy(&output.stderr).into_owned()))
    }
}

/// What the compiler's stderr says.
#[derive(Default)]
pub(crate) struct Report {
    /// Names whose probe did not compile: not declared by the preamble.
    pub undeclared: Vec<String>,
    /// Every other error, placed in the Go file where the compiler's position allows.
    pub errors: Vec<Diagnostic>,
}

/// Reads a failed build's stderr.
pub(crate) fn report(stderr: &str, preamble: &Preamble) -> Report {
    let mut report = Report::default();
    let go_file = format!("{}:", preamble.path);
    for line in stderr.lines() {
        if let Some(probe) = line.strip_prefix(PROBE_FILE) {
            let name = probe.split(':').next().unwrap_or_default();
            if line.contains(" error: ") && !report.undeclared.iter().any(|n| n == name) {
                report.undeclared.push(name.to_string());
            }
        } else if let Some(at) = line.strip_prefix(&go_file) {
            // `LINE:COL: error: ...`, or the linker's `LINE: undefined reference ...`;
            // not `file.go: In function 'f':`, warnings or notes.
            let Some((line_number, column, message)) = position(at) else { continue };
            if !message.starts_with("warning:") && !message.starts_with("note:") {
                report.errors.push(Diagnostic::new(preamble.span_at(line_number, column), message));
            }
        } else if line.contains("error:") {
            report.errors.push(preamble.error(line.trim()));
        }
    }
    if report.undeclared.is_empty() && report.errors.is_empty() {
        let output = stderr.trim_end();
        report.errors.push(preamble.error(format!("C compiler failed:\n{output}")));
    }
    report
}

/// Splits `LINE[:COL]: MESSAGE`.
fn position(s: &str) -> Option<(u32, Option<u32>, &str)> {
    let (line, rest) = s.split_once(':')?;
    let line = line.parse().ok()?;
    match rest.split_once(':') {
        Some((column, message)) if !column.is_empty() && column.bytes().all(|b| b.is_ascii_digit()) => {
            Some((line, column.parse().ok(), message.trim_start()))
        }
        _ => Some((line, None, rest.trim_start())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(position("8:34: error: 'y' undeclared"), Some((8, Some(34), "error: 'y' undeclared")));
        assert_eq!(position("5: undefined reference to `f'"), Some((5, None, "undefined reference to `f'")));
        assert_eq!(position(" In function 'f':"), None);
    }
}
