//! The state a session keeps between inputs, and the Go file synthesized from it for
//! each input (docs/repl.md):
//!
//! ```text
//! package main
//! import ...                 // every import of the session, then the input's
//! func/const/type ...        // every declaration of the session, as typed
//! var NAME TYPE              // every variable of the session: no initialiser
//! <the input's declarations> // with their initialisers
//! func main() {
//!     <the input's statements>   // the last one printed, if it is an expression
//! }
//! ```
//!
//! Variables never get initialisers again: their storage lives outside every module
//! (see `crate::jit`), so they keep their values, and earlier inputs never run again.
//! A declaration replaces the session's declarations of the same names; a variable
//! whose type mentions a replaced type is forgotten with it (its storage would not
//! fit the new type).

use std::collections::HashSet;
use std::rc::Rc;

use syntax::Span;
use types::{Info, TypeId, TypeKind};

use crate::input::{DeclKind, DeclText, ImportSpec, Input};
use crate::source::{InputText, Writer};

/// The local name of package fmt in synthesized files, for printing values; no Go
/// identifier a user would type.
pub const FMT: &str = "__repl_fmt";

/// Text of one input.
#[derive(Clone)]
struct Text {
    input: Rc<InputText>,
    span: Span,
}

#[derive(Clone)]
struct Import {
    name: Option<String>,
    path: String,
    text: Text,
}

/// A function, constant or type declaration, kept as typed.
#[derive(Clone)]
struct Kept {
    kind: DeclKind,
    names: Vec<String>,
    text: Text,
}

/// A package variable: its storage never moves.
#[derive(Clone)]
pub struct Var {
    pub name: String,
    /// Its type as Go source (`[]int`, `Point`).
    ty: String,
    /// The defined types of the session its type mentions (directly or through
    /// them): redeclaring one forgets the variable.
    type_names: Vec<String>,
    pub addr: usize,
    /// Its name where it was declared.
    at: Text,
}

/// Everything an input may use from earlier ones.
#[derive(Clone, Default)]
pub struct Session {
    imports: Vec<Import>,
    decls: Vec<Kept>,
    vars: Vec<Var>,
}

/// What to do with an input's last expression statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// Print its value (`fmt.Println`).
    Print,
    /// Run it as a statement (a call without results).
    Run,
}

/// The session as it would be with one input added: the file to compile and what
/// to keep if the input runs to its end.
pub struct Candidate {
    session: Session,
    input: Rc<InputText>,
    /// The variables the input declares (they get storage once it is checked).
    pub new_vars: Vec<String>,
    /// Variables forgotten because a type they use was redeclared.
    pub forgotten: Vec<String>,
}

impl Session {
    /// Whether the session declares a function named `name` (for `:clif`, `:asm`).
    pub fn has_func(&self, name: &str) -> bool {
        self.decls.iter().any(|d| d.kind == DeclKind::Func && d.names.iter().any(|n| n == name))
    }

    /// The session with `input` (parsed as `parsed`) added, not yet checked.
    pub fn with_input(&self, input: &Rc<InputText>, parsed: &Input) -> Candidate {
        let mut s = self.clone();
        let mut new_vars = Vec::new();
        let mut declared: Vec<&str> = Vec::new();
        match parsed {
            Input::Decls { imports, decls } => {
                for ImportSpec { name, path, span } in imports {
                    if !s.imports.iter().any(|i| i.name == *name && i.path == *path) {
                        s.imports.push(Import { name: name.clone(), path: path.clone(), text: Text { input: input.clone(), span: *span } });
                    }
                }
                for DeclText { kind, names, .. } in decls {
                    declared.extend(names.iter().map(String::as_str));
                    if *kind == DeclKind::Var {
                        new_vars.extend(names.iter().filter(|n| *n != "_").cloned());
                    }
                }
            }
            Input::Define { names, .. } => {
                declared.extend(names.iter().map(String::as_str));
                new_vars.extend(names.iter().filter(|n| *n != "_").cloned());
            }
            Input::Stmts { .. } => {}
        }
        s.decls.retain(|d| !d.names.iter().any(|n| declared.contains(&n.as_str())));
        let mut forgotten = Vec::new();
        s.vars.retain(|v| {
            let keep = !declared.contains(&v.name.as_str());
            if keep && v.type_names.iter().any(|t| declared.contains(&t.as_str())) {
                forgotten.push(v.name.clone());
                return false;
            }
            keep
        });
        Candidate { session: s, input: input.clone(), new_vars, forgotten }
    }
}

impl Candidate {
    /// The variables kept from the session (those the input declares are not).
    pub fn session_vars(&self) -> &[Var] {
        &self.session.vars
    }

    /// The Go file for the input: the session's declarations, the input's, and
    /// `main` running its statements; `value` says what becomes of its last
    /// expression statement.
    pub fn synthesize(&self, parsed: &Input, value: Value) -> Writer {
        let s = &self.session;
        let input = &self.input;
        let mut w = Writer::default();
        w.glue("package main\n", input, 0);
        let printing = value == Value::Print && matches!(parsed, Input::Stmts { value: Some(_) });
        if printing {
            w.glue(&format!("import {FMT} \"fmt\"\n"), input, 0);
        }
        for i in &s.imports {
            w.glue("import ", &i.text.input, i.text.span.lo);
            w.copy(&i.text.input, i.text.span);
            w.glue("\n", &i.text.input, i.text.span.hi);
        }
        for d in &s.decls {
            w.copy(&d.text.input, d.text.span);
            w.glue("\n", &d.text.input, d.text.span.hi);
        }
        for v in &s.vars {
            w.glue(&format!("var {} {}\n", v.name, v.ty), &v.at.input, v.at.span.lo);
        }
        let end = input.file.text.len() as u32;
        // Glue after the input stands for its last line.
        let last = input.file.text.trim_end().len() as u32;
        match parsed {
            Input::Decls { decls, .. } => {
                for d in decls {
                    w.copy(input, d.span);
                    w.glue("\n", input, d.span.hi);
                }
                w.glue("func main() {}\n", input, 0);
            }
            Input::Define { lhs, rhs, .. } => {
                w.glue("var ", input, lhs.lo);
                w.copy(input, *lhs);
                w.glue(" = ", input, rhs.lo);
                w.copy(input, *rhs);
                w.glue("\nfunc main() {}\n", input, last);
            }
            Input::Stmts { value: v } => {
                w.glue("func main() {\n", input, 0);
                match v {
                    Some(e) if printing => {
                        w.copy(input, Span::new(0, e.lo));
                        w.glue(&format!("{FMT}.Println("), input, e.lo);
                        w.copy(input, *e);
                        w.glue(")", input, e.hi);
                        w.copy(input, Span::new(e.hi, end));
                    }
                    _ => w.copy(input, Span::new(0, end)),
                }
                w.glue("\n}\n", input, last);
            }
        }
        w
    }

    /// The session once the input ran to its end, its new variables stored at
    /// `storage` (name, address) with their types from `info` (found at their
    /// declaring identifiers, `defs`).
    pub fn commit(self, parsed: &Input, info: &Info, defs: &[(String, TypeId, u32)], storage: &[(String, usize)]) -> Session {
        let mut s = self.session;
        let input = self.input;
        if let Input::Decls { decls, .. } = parsed {
            for d in decls {
                // `init` functions run once, with the input that declares them.
                let init = d.kind == DeclKind::Func && d.names.iter().any(|n| n == "init");
                if d.kind != DeclKind::Var && !init {
                    s.decls.push(Kept { kind: d.kind, names: d.names.clone(), text: Text { input: input.clone(), span: d.span } });
                }
            }
        }
        for (name, ty, at) in defs {
            let Some(&(_, addr)) = storage.iter().find(|(n, _)| n == name) else { continue };
            s.vars.push(Var {
                name: name.clone(),
                ty: info.types.type_string(*ty),
                type_names: defined_types(info, *ty),
                addr,
                at: Text { input: input.clone(), span: Span::new(*at, *at) },
            });
        }
        s
    }
}

/// The names of the package's defined types that `ty` mentions, directly or through
/// other types.
fn defined_types(info: &Info, ty: TypeId) -> Vec<String> {
    fn walk(info: &Info, ty: TypeId, seen: &mut HashSet<TypeId>, out: &mut Vec<String>) {
        if !seen.insert(ty) {
            return;
        }
        match info.types.kind(ty) {
            TypeKind::Named { name, pkg: None, underlying } => {
                out.push(name.clone());
                if let Some(u) = underlying {
                    walk(info, *u, seen, out);
                }
            }
            TypeKind::Pointer(e) | TypeKind::Slice(e) | TypeKind::Array { elem: e, .. } | TypeKind::Chan { elem: e, .. } => walk(info, *e, seen, out),
            TypeKind::Struct { fields } => fields.iter().for_each(|f| walk(info, f.ty, seen, out)),
            TypeKind::Func(sig) => sig.params.iter().chain(&sig.results).for_each(|&t| walk(info, t, seen, out)),
            TypeKind::Tuple(ts) => ts.iter().for_each(|&t| walk(info, t, seen, out)),
            TypeKind::Interface { methods } => methods.iter().for_each(|m| walk(info, m.ty, seen, out)),
            TypeKind::Basic(_) | TypeKind::Named { .. } => {}
        }
    }
    let mut out = Vec::new();
    walk(info, ty, &mut HashSet::new(), &mut out);
    out
}
