//! `morestack repl`: a read-eval-print loop that compiles each input with the JIT and
//! runs it on the runtime's scheduler, and survives what would end a program — an
//! uncaught panic, a stack overflow, Ctrl-C — with the session's state intact.
//! docs/repl.md explains the design.
//!
//! | module | responsible for |
//! |---|---|
//! | `input` | whether an input is complete, and what it is (declarations, `:=`, statements) |
//! | `session` | what a session keeps, and the Go file synthesized for each input |
//! | `source` | mapping the synthesized file back to the inputs (diagnostics, tracebacks) |
//! | `jit` | compiling a synthesized file, variables' storage, running an input |

mod input;
mod jit;
mod session;
mod source;

use std::path::PathBuf;
use std::rc::Rc;

use morestack_runtime::repl::Outcome;
use rustyline::error::ReadlineError;
use syntax::ast::{Decl, ExprKind, StmtKind};
use syntax::Diagnostic;
use types::TypeId;

use crate::input::{Input, Parsed};
use crate::jit::Checked;
use crate::session::{Candidate, Session, Value};
use crate::source::InputText;

/// Go's limit (`runtime: goroutine stack exceeds 1000000000-byte limit`), the default.
const DEFAULT_MAX_STACK: usize = 1_000_000_000;

const HELP: &str = "\
Enter Go declarations (func, var, const, type, import) or statements; the value of an
expression is printed as fmt.Println prints it. `x := v` declares a variable of the
session. Declarations replace earlier ones of the same name; variables keep their values.
An unfinished block continues on the next line. Ctrl-C interrupts a running input.

  :type EXPR    the type of an expression
  :clif NAME    the Cranelift IR of function NAME
  :asm NAME     the machine code of function NAME
  :stack SIZE   the goroutine stack limit for later inputs (e.g. 64MB; default 1GB)
  :reset        forget every declaration and variable
  :help         this text
  :quit         leave (or Ctrl-D)";

/// A session: what earlier inputs declared, and the settings.
struct Repl {
    session: Session,
    /// The number of the next input (`[N]` in prompts, diagnostics and tracebacks).
    next: u32,
    max_stack: usize,
    types: jit::TypeDescs,
}

/// Runs the interactive loop on standard input until `:quit` or end of input; returns
/// the exit status.
pub fn run() -> i32 {
    morestack_runtime::repl::start();
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("morestack repl: {e}");
            return 1;
        }
    };
    let history = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".morestack_history"));
    if let Some(h) = &history {
        // A missing or unreadable history is no reason not to start.
        let _ = editor.load_history(h);
    }
    let mut repl = Repl { session: Session::default(), next: 1, max_stack: DEFAULT_MAX_STACK, types: jit::TypeDescs::default() };
    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() { format!("[{}]> ", repl.next) } else { "...> ".to_string() };
        let line = match editor.readline(&prompt) {
            Ok(line) => line,
            // Ctrl-C at the prompt abandons the lines typed so far.
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => return 0,
            Err(e) => {
                eprintln!("morestack repl: {e}");
                return 1;
            }
        };
        if pending.is_empty() && line.trim_start().starts_with(':') {
            let _ = editor.add_history_entry(line.trim());
            if !repl.command(line.trim()) {
                return 0;
            }
            continue;
        }
        pending.push_str(&line);
        pending.push('\n');
        if pending.trim().is_empty() {
            pending.clear();
            continue;
        }
        let parsed = input::parse(&pending);
        if matches!(parsed, Parsed::Incomplete) {
            continue;
        }
        let text = std::mem::take(&mut pending);
        let _ = editor.add_history_entry(text.trim_end());
        if let Some(h) = &history {
            let _ = editor.save_history(h);
        }
        repl.eval(&text, parsed);
    }
}

impl Repl {
    /// Runs a `:` command; false for `:quit`.
    fn command(&mut self, line: &str) -> bool {
        let (cmd, arg) = line.split_once(char::is_whitespace).map_or((line, ""), |(c, a)| (c, a.trim()));
        match cmd {
            ":quit" | ":q" => return false,
            ":help" | ":h" => println!("{HELP}"),
            ":reset" => {
                self.session = Session::default();
                println!("session reset");
            }
            ":stack" => match parse_size(arg) {
                Some(n) if n >= 16 << 10 => {
                    self.max_stack = n;
                    println!("goroutine stacks are limited to {n} bytes");
                }
                _ => eprintln!(":stack wants a size of at least 16KB, such as 64MB or 1GB"),
            },
            ":type" if !arg.is_empty() => match self.type_of(arg) {
                Ok(t) => println!("{t}"),
                Err(e) => eprint!("{e}"),
            },
            ":clif" | ":asm" if !arg.is_empty() => {
                let name = arg.strip_prefix("main.").unwrap_or(arg);
                if !self.session.has_func(name) {
                    eprintln!("no function {name} in this session");
                } else {
                    let out = self.session_program().and_then(|p| if cmd == ":clif" { jit::clif(&p, name) } else { jit::asm(p, name) });
                    match out {
                        Ok(text) => print!("{text}"),
                        Err(e) => eprint!("{e}"),
                    }
                }
            }
            _ => eprintln!("unknown command {line:?}: try :help"),
        }
        true
    }

    /// Checks, compiles and runs one input; keeps its declarations if it ran to its end.
    fn eval(&mut self, text: &str, parsed: Parsed) {
        let input = InputText::new(self.next, text);
        self.next += 1;
        let parsed = match parsed {
            Parsed::Input(p) => p,
            Parsed::Invalid(diags) => return eprint!("{}", syntax::source::render(&input.file, &diags)),
            Parsed::Incomplete => unreachable!("complete inputs only"),
        };
        if let Input::Decls { decls, .. } = &parsed {
            if let Some(d) = decls.iter().find(|d| d.kind == input::DeclKind::Func && d.names.iter().any(|n| n == "main")) {
                let diag = Diagnostic::new(d.span, "func main is the REPL's: each input runs as main.main (choose another name)");
                return eprint!("{}", syntax::source::render(&input.file, &[diag]));
            }
        }
        let candidate = self.session.with_input(&input, &parsed);
        let checked = match check_with_value(&candidate, &parsed) {
            Ok((checked, _)) => checked,
            Err(e) => return eprint!("{e}"),
        };
        let defs = new_vars(&checked, &input, &candidate);
        let storage: Vec<(String, usize)> = defs.iter().map(|(name, ty, _)| (name.clone(), jit::alloc_var(checked.info.types.size_of(*ty)))).collect();
        let vars: Vec<(String, usize)> = candidate.session_vars().iter().map(|v| (v.name.clone(), v.addr)).chain(storage.iter().cloned()).collect();
        match jit::run(&checked, &vars, &mut self.types, self.max_stack) {
            Ok(Outcome::Completed) => {
                for name in &candidate.forgotten {
                    println!("(variable {name} is gone: its type was redeclared)");
                }
                self.session = candidate.commit(&parsed, &checked.info, &defs, &storage);
            }
            // The runtime reported what happened; the session stays as it was.
            Ok(_) => {}
            Err(e) => eprint!("{e}"),
        }
    }

    /// `:type EXPR`.
    fn type_of(&self, expr: &str) -> Result<String, String> {
        let input = InputText::new(self.next, expr);
        let parsed = Input::Stmts { value: Some(syntax::Span::new(0, expr.len() as u32)) };
        let candidate = self.session.with_input(&input, &parsed);
        let (checked, value) = check_with_value(&candidate, &parsed)?;
        if value == Value::Run {
            return Ok("no value".to_string());
        }
        let arg = printed_expr(&checked).ok_or("not an expression\n")?;
        Ok(checked.info.types.type_string(checked.info.type_of(arg)))
    }

    /// The session alone, checked (for `:clif` and `:asm`).
    fn session_program(&self) -> Result<Checked, String> {
        let input = InputText::new(self.next, "");
        let parsed = Input::Stmts { value: None };
        check(&self.session.with_input(&input, &parsed), &parsed, Value::Run)
    }
}

/// Checks the candidate's file, printing the input's last expression if it has a
/// value, else running it as a statement (a call without results).
fn check_with_value(candidate: &Candidate, parsed: &Input) -> Result<(Checked, Value), String> {
    match check(candidate, parsed, Value::Print) {
        Ok(c) => Ok((c, Value::Print)),
        Err(e) if matches!(parsed, Input::Stmts { value: Some(_) }) => check(candidate, parsed, Value::Run).map(|c| (c, Value::Run)).map_err(|_| e),
        Err(e) => Err(e),
    }
}

/// Parses and checks the file synthesized for the candidate; the diagnostics
/// rendered at the inputs otherwise.
fn check(candidate: &Candidate, parsed: &Input, value: Value) -> Result<Checked, String> {
    let (file, map) = candidate.synthesize(parsed, value).finish();
    let (ast, diags) = syntax::parse_file(&file);
    if !diags.is_empty() {
        return Err(map.render(&diags));
    }
    let (info, diags) = types::check_file(&file, &ast);
    // Imports belong to the session: an input need not use them all.
    let diags: Vec<Diagnostic> = diags.into_iter().filter(|d| !(d.message.starts_with('"') && d.message.ends_with(" and not used"))).collect();
    if !diags.is_empty() {
        return Err(map.render(&diags));
    }
    Ok(Checked { file, ast, info, map })
}

/// The variables the input declares: name, type and where (in the input).
fn new_vars(checked: &Checked, input: &Rc<InputText>, candidate: &Candidate) -> Vec<(String, TypeId, u32)> {
    let mut out = Vec::new();
    for decl in &checked.ast.decls {
        let Decl::Var(specs) = decl else { continue };
        for name in specs.iter().flat_map(|s| &s.names) {
            let (from, at) = checked.map.origin(name.span.lo);
            if from.number != input.number || !candidate.new_vars.contains(&name.name) {
                continue;
            }
            if let Some(obj) = checked.info.def_of(name.id) {
                out.push((name.name.clone(), checked.info.object(obj).ty, at));
            }
        }
    }
    out
}

/// The expression `main` prints (the argument of its last statement's call).
fn printed_expr(checked: &Checked) -> Option<syntax::ast::NodeId> {
    let Some(Decl::Func(main)) = checked.ast.decls.iter().rev().find(|d| matches!(d, Decl::Func(f) if f.name.name == "main")) else { return None };
    let last = main.body.as_ref()?.stmts.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty))?;
    let StmtKind::Expr(call) = &last.kind else { return None };
    let ExprKind::Call { args, .. } = &call.kind else { return None };
    args.first().map(|a| a.id)
}

/// `64MB`, `1GB`, `512KiB`, `100000` (bytes): decimal units as Go's limit is written,
/// binary ones with `i`.
fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n: usize = s[..digits].parse().ok()?;
    let unit: usize = match s[digits..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MB"), Some(64_000_000));
        assert_eq!(parse_size("1 GB"), Some(1_000_000_000));
        assert_eq!(parse_size("512KiB"), Some(512 << 10));
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("lots"), None);
    }
}
