//! Random, mostly well-typed Go programs within the morestack subset, so that the code
//! generator sees many programs the checker accepts rather than only rejected ones.
//!
//! The generator keeps a model of what is in scope — variables (with Go's shadowing and
//! block structure), functions, constants, named integer types and struct types — and
//! builds every expression for a wanted type, by recursive descent with a depth budget.
//! What Go rejects at compile time that would only be a run-time error for variables is
//! avoided by tracking the value of integer constant expressions: constant overflow,
//! division by a constant zero, negative or too large constant shift counts, constant
//! indices out of range. `declared and not used` is avoided by a `_ = v` after each
//! declaration, `label defined and not used` by using every label at once, and imports
//! are emitted for exactly the packages used.
//!
//! It is not a proof of well-typedness: a small share of programs is rejected, which
//! exercises the checker too; the campaign reports the share. Programs are never run,
//! so run-time behaviour (infinite loops, out-of-range indices) does not matter.

use std::collections::BTreeSet;
use std::fmt;

use crate::rng::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum IntKind {
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
}

use IntKind::*;

const INT_KINDS: [IntKind; 11] = [Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr];

impl IntKind {
    fn name(self) -> &'static str {
        match self {
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
        }
    }

    fn bits(self) -> u32 {
        match self {
            Int8 | Uint8 => 8,
            Int16 | Uint16 => 16,
            Int32 | Uint32 => 32,
            Int | Int64 | Uint | Uint64 | Uintptr => 64,
        }
    }

    fn signed(self) -> bool {
        matches!(self, Int | Int8 | Int16 | Int32 | Int64)
    }

    fn min(self) -> i128 {
        if self.signed() {
            -(1i128 << (self.bits() - 1))
        } else {
            0
        }
    }

    fn max(self) -> i128 {
        if self.signed() {
            (1i128 << (self.bits() - 1)) - 1
        } else {
            (1i128 << self.bits()) - 1
        }
    }

    fn fits(self, v: i128) -> bool {
        self.min() <= v && v <= self.max()
    }
}

#[derive(Clone, PartialEq, Debug)]
enum Ty {
    Int(IntKind),
    /// `type N{i} <kind>`: a defined integer type, distinct from its underlying type.
    Named(usize),
    Float,
    Bool,
    Str,
    Array(u32, Box<Ty>),
    Slice(Box<Ty>),
    /// `type S{i} struct {...}`.
    Struct(usize),
    Ptr(Box<Ty>),
    Func(Vec<Ty>, Vec<Ty>),
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int(k) => write!(f, "{}", k.name()),
            Ty::Named(i) => write!(f, "N{i}"),
            Ty::Float => write!(f, "float64"),
            Ty::Bool => write!(f, "bool"),
            Ty::Str => write!(f, "string"),
            Ty::Array(n, t) => write!(f, "[{n}]{t}"),
            Ty::Slice(t) => write!(f, "[]{t}"),
            Ty::Struct(i) => write!(f, "S{i}"),
            Ty::Ptr(t) => write!(f, "*{t}"),
            Ty::Func(ps, rs) => {
                write!(f, "func({})", join(ps))?;
                match rs.len() {
                    0 => Ok(()),
                    1 => write!(f, " {}", rs[0]),
                    _ => write!(f, " ({})", join(rs)),
                }
            }
        }
    }
}

/// `T(x)`, with the type parenthesised where Go needs it (`(*int)(nil)`).
fn conv(t: &Ty, x: &str) -> String {
    match t {
        Ty::Int(_) | Ty::Named(_) | Ty::Float | Ty::Bool | Ty::Str | Ty::Struct(_) => format!("{t}({x})"),
        _ => format!("({t})({x})"),
    }
}

fn join(ts: &[Ty]) -> String {
    ts.iter().map(Ty::to_string).collect::<Vec<_>>().join(", ")
}

/// What [`Gen::composite`] may produce.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Any expression of the type.
    Any,
    /// A composite literal (`&` may be applied to it).
    Literal,
    /// A composite literal without its type, inside an enclosing literal.
    Elided,
}

/// What is known about a constant expression.
#[derive(Clone, Copy)]
enum Konst {
    /// An integer constant and whether it is typed (then every intermediate value must
    /// fit its type, not only the final one).
    Int(i128, bool),
    Float(f64),
    /// A string constant of this many bytes.
    Str(usize),
}

/// A generated expression.
struct Ex {
    s: String,
    k: Option<Konst>,
    /// The expression takes its type from the context (an untyped constant, `nil`, or a
    /// shift of an untyped constant): `x := e` would not give `x` the wanted type.
    untyped: bool,
}

impl Ex {
    fn new(s: String) -> Ex {
        Ex { s, k: None, untyped: false }
    }

    fn int(&self) -> Option<i128> {
        match self.k {
            Some(Konst::Int(v, _)) => Some(v),
            _ => None,
        }
    }
}

struct Var {
    name: String,
    ty: Ty,
}

struct FuncDecl {
    name: String,
    params: Vec<Ty>,
    results: Vec<Ty>,
}

struct ConstDecl {
    name: String,
    /// `None` for an untyped constant.
    kind: Option<IntKind>,
    value: i128,
}

/// Per function (or function literal) state.
#[derive(Default)]
struct Frame {
    results: Vec<Ty>,
    named_results: bool,
    loops: u32,
    switches: u32,
    /// Labels of the enclosing labeled loops.
    labels: Vec<String>,
}

/// String literals (as written) with the length in bytes of their value.
const STRINGS: &[(&str, usize)] = &[
    ("\"\"", 0),
    ("\"a\"", 1),
    ("\"hello\"", 5),
    ("\"héllo, 世界\"", 14),
    ("\"\\x00\\xff\"", 2),
    ("\"\\u00e9\\U0001F600\"", 6),
    ("\"tab\\tnl\\n\"", 7),
    ("`raw\\n`", 5),
    ("\"%d %s %v\"", 8),
];

/// Float literals with their values.
const FLOATS: &[(&str, f64)] = &[("1.5", 1.5), ("0.25", 0.25), ("2.0", 2.0), ("1e10", 1e10), ("0.1", 0.1), ("1e-5", 1e-5), ("6.02e23", 6.02e23), ("0x1p-2", 0.25), ("3", 3.0), ("0.0", 0.0)];

/// Generates one program from `rng`.
pub fn program(rng: &mut Rng) -> String {
    let mut g = Gen {
        rng,
        named: Vec::new(),
        structs: Vec::new(),
        funcs: Vec::new(),
        consts: Vec::new(),
        scopes: vec![Vec::new()],
        frames: Vec::new(),
        counter: 0,
        in_global_init: false,
        budget: 0,
    };
    g.program()
}

struct Gen<'r> {
    rng: &'r mut Rng,
    named: Vec<IntKind>,
    /// Field types of each struct; field `j` is named `x{j}`.
    structs: Vec<Vec<Ty>>,
    funcs: Vec<FuncDecl>,
    consts: Vec<ConstDecl>,
    /// `scopes[0]` holds the package variables.
    scopes: Vec<Vec<Var>>,
    frames: Vec<Frame>,
    counter: u32,
    /// Generating a package variable's initialiser: no calls of or references to
    /// functions, which could make an initialisation cycle.
    in_global_init: bool,
    /// Statements left for the current function; keeps programs small.
    budget: u32,
}

impl Gen<'_> {
    fn program(&mut self) -> String {
        let mut decls = String::new();
        for i in 0..self.rng.below(3) {
            let k = *self.rng.pick(&INT_KINDS);
            self.named.push(k);
            decls += &format!("type N{i} {}\n\n", k.name());
        }
        for i in 0..self.rng.below(4) {
            let mut fields: Vec<Ty> = (0..self.rng.range(1, 4)).map(|_| self.rand_ty(2, false)).collect();
            if self.rng.chance(1, 3) {
                fields.push(Ty::Ptr(Box::new(Ty::Struct(i))));
            }
            decls += &format!("type S{i} struct {{\n");
            for (j, t) in fields.iter().enumerate() {
                decls += &format!("\tx{j} {t}\n");
            }
            decls += "}\n\n";
            self.structs.push(fields);
        }
        for _ in 0..self.rng.below(4) {
            decls += &self.const_block();
        }
        for i in 0..self.rng.below(4) {
            let t = self.rand_ty(2, false);
            let name = format!("g{i}");
            if self.rng.chance(1, 4) {
                decls += &format!("var {name} {t}\n\n");
            } else {
                self.in_global_init = true;
                let e = self.expr(&t, 2);
                self.in_global_init = false;
                decls += &format!("var {name} {t} = {}\n\n", e.s);
            }
            self.scopes[0].push(Var { name, ty: t });
        }
        for i in 0..self.rng.range(1, 4) {
            let params = (0..self.rng.below(4)).map(|_| self.rand_ty(2, true)).collect();
            let results = (0..self.rng.below(3)).map(|_| self.rand_ty(2, true)).collect();
            self.funcs.push(FuncDecl { name: format!("f{i}"), params, results });
        }
        for i in 0..self.funcs.len() {
            let (params, results) = (self.funcs[i].params.clone(), self.funcs[i].results.clone());
            let sig_and_body = self.func_rest(&params, &results, 12);
            decls += &format!("func f{i}{sig_and_body}\n\n");
        }
        let main = self.func_rest(&[], &[], 30);
        decls += &format!("func main{main}\n");
        // Exactly the packages used: an expression that mentioned one may have been
        // replaced while generating.
        let imports: String = ["fmt", "os", "strconv", "strings"].iter().filter(|p| decls.contains(&format!("{p}."))).map(|p| format!("import \"{p}\"\n")).collect();
        format!("package main\n\n{imports}\n{decls}")
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    /// A random type; function types only when `funcs` (package variables and struct
    /// fields avoid them, see [`Gen::in_global_init`]).
    fn rand_ty(&mut self, depth: u32, funcs: bool) -> Ty {
        let choice = if depth == 0 { self.rng.below(10) } else { self.rng.below(17) };
        match choice {
            0..=2 => Ty::Int(Int),
            3 => Ty::Int(*self.rng.pick(&INT_KINDS)),
            4 if !self.named.is_empty() => Ty::Named(self.rng.below(self.named.len())),
            5 => Ty::Float,
            6 => Ty::Bool,
            7 | 8 => Ty::Str,
            9 if !self.structs.is_empty() => Ty::Struct(self.rng.below(self.structs.len())),
            10 | 11 => {
                let n = *self.rng.pick(&[0, 1, 2, 3, 4, 5, 8, 64, 65]);
                Ty::Array(n, Box::new(self.rand_ty(depth - 1, funcs)))
            }
            12 if self.rng.chance(1, 100) => Ty::Array(*self.rng.pick(&[1 << 16, 1 << 20, 1 << 24]), Box::new(Ty::Int(*self.rng.pick(&INT_KINDS)))),
            12 | 13 => Ty::Slice(Box::new(self.rand_ty(depth - 1, funcs))),
            14 | 15 => Ty::Ptr(Box::new(self.rand_ty(depth - 1, funcs))),
            16 if funcs => {
                let ps = (0..self.rng.below(3)).map(|_| self.rand_ty(depth - 1, true)).collect();
                let rs = (0..self.rng.below(3)).map(|_| self.rand_ty(depth - 1, true)).collect();
                Ty::Func(ps, rs)
            }
            _ => Ty::Int(Int),
        }
    }

    fn int_kind(&self, t: &Ty) -> Option<IntKind> {
        match t {
            Ty::Int(k) => Some(*k),
            Ty::Named(i) => Some(self.named[*i]),
            _ => None,
        }
    }

    fn comparable(&self, t: &Ty) -> bool {
        match t {
            Ty::Int(_) | Ty::Named(_) | Ty::Float | Ty::Bool | Ty::Str | Ty::Ptr(_) => true,
            Ty::Array(n, e) => *n <= 64 && self.comparable(e),
            Ty::Struct(i) => self.structs[*i].iter().all(|f| self.comparable(f)),
            Ty::Slice(_) | Ty::Func(..) => false,
        }
    }

    // ---- declarations -------------------------------------------------------------

    fn const_block(&mut self) -> String {
        let base = self.consts.len();
        let n = self.rng.range(1, 4);
        let mut s = String::from("const (\n");
        match self.rng.below(4) {
            0 => {
                let (m, a) = (self.rng.range(1, 5) as i128, self.rng.below(10) as i128);
                for i in 0..n {
                    let name = format!("C{}", base + i);
                    s += &if i == 0 { format!("\t{name} = iota*{m} + {a}\n") } else { format!("\t{name}\n") };
                    self.consts.push(ConstDecl { name, kind: None, value: i as i128 * m + a });
                }
            }
            1 => {
                let k = *self.rng.pick(&INT_KINDS);
                let a = self.rng.below(100) as i128;
                for i in 0..n {
                    let name = format!("C{}", base + i);
                    s += &if i == 0 { format!("\t{name} {} = iota + {a}\n", k.name()) } else { format!("\t{name}\n") };
                    self.consts.push(ConstDecl { name, kind: Some(k), value: i as i128 + a });
                }
            }
            2 => {
                for i in 0..n {
                    let name = format!("C{}", base + i);
                    s += &if i == 0 { format!("\t{name} = 1 << iota\n") } else { format!("\t{name}\n") };
                    self.consts.push(ConstDecl { name, kind: None, value: 1 << i });
                }
            }
            _ => {
                // Untyped constants far beyond 64 bits; usable only shifted back down.
                let shift = self.rng.range(60, 120) as u32;
                let big = 1i128 << shift;
                let values = [big, big - 1, -big];
                for (i, v) in values.iter().enumerate().take(n) {
                    let name = format!("C{}", base + i);
                    s += &match i {
                        0 => format!("\t{name} = 1 << {shift}\n"),
                        1 => format!("\t{name} = C{base} - 1\n"),
                        _ => format!("\t{name} = -C{base}\n"),
                    };
                    self.consts.push(ConstDecl { name, kind: None, value: *v });
                }
            }
        }
        s + ")\n\n"
    }

    /// `(params) results { body }` of a function with a fresh frame and scope.
    fn func_rest(&mut self, params: &[Ty], results: &[Ty], budget: u32) -> String {
        let saved_scopes = self.scopes.split_off(1);
        let saved_budget = std::mem::replace(&mut self.budget, budget);
        let s = self.func_lit_rest(params, results, true);
        self.budget = saved_budget;
        self.scopes.extend(saved_scopes);
        s
    }

    /// `(params) results { body }` in the current scope (a function literal captures
    /// it); `named` allows naming the parameters and results.
    fn func_lit_rest(&mut self, params: &[Ty], results: &[Ty], named: bool) -> String {
        let named_results = named && !results.is_empty() && self.rng.chance(1, 3);
        self.frames.push(Frame { results: results.to_vec(), named_results, ..Frame::default() });
        let mut scope = Vec::new();
        let mut ps = Vec::new();
        for t in params {
            if self.rng.chance(1, 8) {
                ps.push(format!("_ {t}"));
            } else {
                let name = self.fresh("v");
                ps.push(format!("{name} {t}"));
                scope.push(Var { name, ty: t.clone() });
            }
        }
        let rs = if named_results {
            let mut rs = Vec::new();
            for t in results {
                let name = self.fresh("r");
                rs.push(format!("{name} {t}"));
                scope.push(Var { name, ty: t.clone() });
            }
            format!(" ({})", rs.join(", "))
        } else {
            match results.len() {
                0 => String::new(),
                1 => format!(" {}", results[0]),
                _ => format!(" ({})", join(results)),
            }
        };
        self.scopes.push(scope);
        let mut body = String::new();
        for _ in 0..self.rng.range(1, 5) {
            body += &self.stmt(0);
        }
        if !results.is_empty() {
            body += &if self.rng.chance(1, 20) { "panic(\"unreachable\")\n".to_string() } else { self.return_stmt() };
        }
        self.scopes.pop();
        self.frames.pop();
        format!("({}){rs} {{\n{body}}}", ps.join(", "))
    }

    // ---- scope ----------------------------------------------------------------------

    /// Variables visible here, innermost first, shadowed ones left out. (While a
    /// package variable's initialiser is generated, `scopes[0]` holds only the earlier
    /// package variables, so that no initialiser refers to a later one.)
    fn visible(&self) -> Vec<(&str, &Ty)> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for scope in self.scopes.iter().rev() {
            for v in scope.iter().rev() {
                if seen.insert(v.name.as_str()) {
                    out.push((v.name.as_str(), &v.ty));
                }
            }
        }
        out
    }

    fn vars_of(&self, t: &Ty) -> Vec<String> {
        self.visible().into_iter().filter(|(_, vt)| *vt == t).map(|(n, _)| n.to_string()).collect()
    }

    fn declare(&mut self, name: String, ty: Ty) {
        self.scopes.last_mut().expect("a scope").push(Var { name, ty });
    }

    /// A name for a new local: usually fresh, sometimes shadowing an outer local.
    fn new_local(&mut self) -> String {
        if self.rng.chance(1, 10) {
            let inner: BTreeSet<&str> = self.scopes.last().map(|s| s.iter().map(|v| v.name.as_str()).collect()).unwrap_or_default();
            let outer: Vec<String> = self.visible().into_iter().map(|(n, _)| n).filter(|n| n.starts_with('v') && !inner.contains(n)).map(str::to_string).collect();
            if !outer.is_empty() {
                return self.rng.pick(&outer).clone();
            }
        }
        self.fresh("v")
    }

    fn block(&mut self, depth: u32) -> String {
        self.scopes.push(Vec::new());
        let mut s = String::new();
        for _ in 0..self.rng.range(1, 3) {
            s += &self.stmt(depth + 1);
        }
        self.scopes.pop();
        s
    }

    // ---- statements -----------------------------------------------------------------

    fn stmt(&mut self, depth: u32) -> String {
        self.budget = self.budget.saturating_sub(1);
        let nest = depth < 3 && self.budget > 0;
        loop {
            let s = match self.rng.below(22) {
                0..=3 => Some(self.decl_stmt()),
                4 | 5 => self.assign_stmt(),
                6 => self.op_assign_stmt(),
                7 | 8 if nest => Some(self.if_stmt(depth)),
                9 | 10 if nest => Some(self.for_stmt(depth)),
                11 if nest => Some(self.switch_stmt(depth)),
                12 => Some(self.print_stmt()),
                13 => self.call_stmt(),
                14 if nest => Some(self.closure_decl()),
                15 => self.jump_stmt(),
                16 => self.append_stmt(),
                17 if nest => Some(format!("{{\n{}}}\n", self.block(depth))),
                18 => self.multi_stmt(),
                19 => self.incdec_stmt(),
                20 => self.copy_stmt(),
                21 => Some(format!("_ = {}\n", self.any_expr().s)),
                _ => None,
            };
            if let Some(s) = s {
                return s;
            }
        }
    }

    fn decl_stmt(&mut self) -> String {
        let t = self.rand_ty(2, true);
        let d = self.rng.below(4) as u32;
        let e = self.expr(&t, d);
        let name = self.new_local();
        let s = if self.rng.chance(1, 8) {
            format!("var {name} {t}\n")
        } else if e.untyped || e.k.is_some() || self.rng.chance(1, 4) {
            format!("var {name} {t} = {}\n", e.s)
        } else {
            format!("{name} := {}\n", e.s)
        };
        self.declare(name.clone(), t);
        format!("{s}_ = {name}\n")
    }

    /// An addressable place: a variable, or a field, element or dereference of one.
    fn place(&mut self, want: &dyn Fn(&Ty) -> bool) -> Option<(String, Ty)> {
        let vars: Vec<(String, Ty)> = self.visible().into_iter().map(|(n, t)| (n.to_string(), t.clone())).collect();
        if vars.is_empty() {
            return None;
        }
        for _ in 0..8 {
            let (mut s, mut t) = self.rng.pick(&vars).clone();
            for _ in 0..self.rng.below(3) {
                let (ns, nt) = match &t {
                    Ty::Struct(i) => {
                        let j = self.rng.below(self.structs[*i].len());
                        (format!("{s}.x{j}"), self.structs[*i][j].clone())
                    }
                    Ty::Array(n, e) if *n > 0 => (format!("{s}[{}]", self.index(Some(*n as usize), 1).s), (**e).clone()),
                    Ty::Slice(e) => (format!("{s}[{}]", self.index(None, 1).s), (**e).clone()),
                    Ty::Ptr(e) => match &**e {
                        Ty::Struct(i) => {
                            let j = self.rng.below(self.structs[*i].len());
                            (format!("{s}.x{j}"), self.structs[*i][j].clone())
                        }
                        other => (format!("(*{s})"), other.clone()),
                    },
                    _ => break,
                };
                s = ns;
                t = nt;
            }
            if want(&t) {
                return Some((s, t));
            }
        }
        None
    }

    fn assign_stmt(&mut self) -> Option<String> {
        let (p, t) = self.place(&|_| true)?;
        let d = self.rng.below(4) as u32;
        Some(format!("{p} = {}\n", self.expr(&t, d).s))
    }

    fn op_assign_stmt(&mut self) -> Option<String> {
        let (p, t) = self.place(&|t| matches!(t, Ty::Int(_) | Ty::Named(_) | Ty::Float | Ty::Str))?;
        let op = match &t {
            Ty::Str => "+",
            Ty::Float => *self.rng.pick(&["+", "-", "*", "/"]),
            _ => *self.rng.pick(&["+", "-", "*", "/", "%", "&", "|", "^", "&^", "<<", ">>"]),
        };
        let rhs = if op == "<<" || op == ">>" {
            let k = self.int_kind(&t).expect("integer place");
            self.shift_count(k, 1)
        } else {
            let e = self.expr(&t, 2);
            if (op == "/" || op == "%") && Self::is_zero(&e) {
                Ex::new("1".into())
            } else {
                e
            }
        };
        Some(format!("{p} {op}= {}\n", rhs.s))
    }

    fn incdec_stmt(&mut self) -> Option<String> {
        let (p, _) = self.place(&|t| matches!(t, Ty::Int(_) | Ty::Named(_) | Ty::Float))?;
        Some(format!("{p}{}\n", if self.rng.chance(1, 2) { "++" } else { "--" }))
    }

    fn if_stmt(&mut self, depth: u32) -> String {
        self.scopes.push(Vec::new());
        let init = if self.rng.chance(1, 4) {
            let t = self.rand_ty(1, false);
            let e = self.expr(&t, 1);
            let name = self.new_local();
            self.declare(name.clone(), t.clone());
            if e.untyped || e.k.is_some() {
                format!("{name} := {}; ", conv(&t, &e.s))
            } else {
                format!("{name} := {}; ", e.s)
            }
        } else {
            String::new()
        };
        let uses: String = self.scopes.last().expect("if scope").iter().map(|v| format!("_ = {}\n", v.name)).collect();
        let cond = self.expr(&Ty::Bool, 2).s;
        let then = uses + &self.block(depth);
        let els = match self.rng.below(3) {
            0 => format!(" else {{\n{}}}", self.block(depth)),
            1 if depth < 2 => format!(" else {}", self.if_stmt(depth + 1).trim_end()),
            _ => String::new(),
        };
        self.scopes.pop();
        format!("if {init}{cond} {{\n{then}}}{els}\n")
    }

    fn loop_body(&mut self, depth: u32, label: Option<String>) -> String {
        let frame = self.frames.last_mut().expect("in a function");
        frame.loops += 1;
        let mut s = String::new();
        if let Some(l) = &label {
            frame.labels.push(l.clone());
            let cond = self.expr(&Ty::Bool, 1).s;
            s += &format!("if {cond} {{\n{} {l}\n}}\n", if self.rng.chance(1, 2) { "break" } else { "continue" });
        }
        s += &self.block(depth);
        let frame = self.frames.last_mut().expect("in a function");
        frame.loops -= 1;
        if label.is_some() {
            frame.labels.pop();
        }
        s
    }

    fn for_stmt(&mut self, depth: u32) -> String {
        let label = self.rng.chance(1, 5).then(|| self.fresh("L"));
        let prefix = label.as_ref().map(|l| format!("{l}:\n")).unwrap_or_default();
        self.scopes.push(Vec::new());
        let header = match self.rng.below(6) {
            0 | 1 => {
                let k = if self.rng.chance(3, 4) { Int } else { *self.rng.pick(&INT_KINDS) };
                let bound = self.expr(&Ty::Int(k), 1);
                let name = self.fresh("v");
                self.declare(name.clone(), Ty::Int(k));
                let init = if k == Int { "0".to_string() } else { format!("{}(0)", k.name()) };
                format!("for {name} := {init}; {name} < {}; {name}++", bound.s)
            }
            2 => format!("for {}", self.expr(&Ty::Bool, 2).s),
            3 => "for".to_string(),
            _ => {
                let (t, key, val) = match self.rng.below(4) {
                    0 => (Ty::Int(Int), Ty::Int(Int), None),
                    1 => (Ty::Str, Ty::Int(Int), Some(Ty::Int(Int32))),
                    2 => {
                        let e = self.rand_ty(1, true);
                        (Ty::Slice(Box::new(e.clone())), Ty::Int(Int), Some(e))
                    }
                    _ => {
                        let e = self.rand_ty(1, true);
                        (Ty::Array(self.rng.range(0, 5) as u32, Box::new(e.clone())), Ty::Int(Int), Some(e))
                    }
                };
                let over = self.typed_expr(&t, 2);
                match self.rng.below(3) {
                    0 => format!("for range {over}"),
                    1 => {
                        let k = self.fresh("v");
                        self.declare(k.clone(), key);
                        format!("for {k} := range {over}")
                    }
                    _ => {
                        let k = self.fresh("v");
                        self.declare(k.clone(), key);
                        match val {
                            Some(vt) => {
                                let v = self.fresh("v");
                                self.declare(v.clone(), vt);
                                format!("for {k}, {v} := range {over}")
                            }
                            None => format!("for {k} := range {over}"),
                        }
                    }
                }
            }
        };
        // Every variable the header declared is used at once.
        let uses: String = self.scopes.last().expect("loop scope").iter().map(|v| format!("_ = {}\n", v.name)).collect();
        let body = self.loop_body(depth, label);
        self.scopes.pop();
        format!("{prefix}{header} {{\n{uses}{body}}}\n")
    }

    fn switch_stmt(&mut self, depth: u32) -> String {
        self.scopes.push(Vec::new());
        let (tag, values): (String, Vec<String>) = match self.rng.below(3) {
            0 => {
                let k = *self.rng.pick(&INT_KINDS);
                let e = self.expr(&Ty::Int(k), 2);
                let tag = if e.untyped { format!("{}({})", k.name(), e.s) } else { e.s };
                let mut vals: Vec<i128> = (0..6).map(|_| self.rng.below(20) as i128).collect();
                vals.sort_unstable();
                vals.dedup();
                (tag, vals.into_iter().map(|v| v.to_string()).collect())
            }
            1 => {
                let e = self.expr(&Ty::Str, 2);
                (e.s, vec!["\"\"".into(), "\"a\"".into(), "\"hello\"".into(), "\"b\" + \"c\"".into()])
            }
            _ => (String::new(), Vec::new()),
        };
        let n = self.rng.range(1, 4);
        let mut clauses = Vec::new();
        let mut pool = values.into_iter();
        for i in 0..n {
            let head = if i == n - 1 && self.rng.chance(1, 2) {
                "default:".to_string()
            } else if tag.is_empty() {
                format!("case {}:", self.expr(&Ty::Bool, 1).s)
            } else {
                let vs: Vec<String> = pool.by_ref().take(self.rng.range(1, 2)).collect();
                if vs.is_empty() {
                    "default:".to_string()
                } else {
                    format!("case {}:", vs.join(", "))
                }
            };
            if head == "default:" && clauses.iter().any(|(h, _): &(String, String)| h == "default:") {
                continue;
            }
            self.frames.last_mut().expect("in a function").switches += 1;
            let mut body = self.block(depth);
            self.frames.last_mut().expect("in a function").switches -= 1;
            if i < n - 1 && self.rng.chance(1, 4) {
                body += "fallthrough\n";
            }
            clauses.push((head, body));
        }
        // `fallthrough` may not end the last clause.
        if let Some((_, body)) = clauses.last_mut() {
            if let Some(b) = body.strip_suffix("fallthrough\n") {
                *body = b.to_string();
            }
        }
        self.scopes.pop();
        let clauses: String = clauses.into_iter().map(|(h, b)| format!("{h}\n{b}")).collect();
        format!("switch {tag} {{\n{clauses}}}\n").replace("switch  {", "switch {")
    }

    fn print_stmt(&mut self) -> String {
        let n = self.rng.below(4);
        match self.rng.below(4) {
            0 => {
                let args: Vec<String> = (0..n)
                    .map(|_| {
                        let t = self.rng.pick(&[Ty::Int(Int), Ty::Int(Uint8), Ty::Float, Ty::Bool, Ty::Str]).clone();
                        self.typed_expr(&t, 2)
                    })
                    .collect();
                format!("{}({})\n", if self.rng.chance(1, 2) { "println" } else { "print" }, args.join(", "))
            }
            1 => {
                let args: Vec<String> = (0..n).map(|_| format!(", {}", self.any_expr().s)).collect();
                let verbs = ["%v", "%d", "%s", "%+v", "%x", "%q", "%5.2f", "%t", "%%", "%c"];
                let f: Vec<&str> = (0..n).map(|_| *self.rng.pick(&verbs)).collect();
                format!("fmt.Printf(\"{}\\n\"{})\n", f.join(" "), args.concat())
            }
            _ => {
                let args: Vec<String> = (0..n).map(|_| self.any_expr().s).collect();
                format!("fmt.{}({})\n", if self.rng.chance(1, 3) { "Print" } else { "Println" }, args.join(", "))
            }
        }
    }

    /// An expression of any non-function type, converted if it is an untyped constant,
    /// for `...any` arguments and `_ =`.
    fn any_expr(&mut self) -> Ex {
        let t = self.rand_ty(2, false);
        Ex::new(self.typed_expr(&t, 2))
    }

    /// An expression of type `t` that has that type on its own too (untyped constants
    /// are converted).
    fn typed_expr(&mut self, t: &Ty, d: u32) -> String {
        let e = self.expr(t, d);
        if e.untyped {
            conv(t, &e.s)
        } else {
            e.s
        }
    }

    fn call_stmt(&mut self) -> Option<String> {
        if self.rng.chance(1, 3) {
            let body = self.func_lit_rest(&[], &[], false);
            return Some(format!("func{body}()\n"));
        }
        let callable: Vec<(String, Vec<Ty>)> = self.funcs.iter().map(|f| (f.name.clone(), f.params.clone())).chain(self.visible().into_iter().filter_map(|(n, t)| match t {
            Ty::Func(ps, _) => Some((n.to_string(), ps.clone())),
            _ => None,
        })).collect();
        if callable.is_empty() {
            return None;
        }
        let (name, params) = self.rng.pick(&callable).clone();
        let args = self.args(&params, 2);
        Some(format!("{name}({args})\n"))
    }

    fn args(&mut self, params: &[Ty], d: u32) -> String {
        params.iter().map(|p| self.expr(p, d).s).collect::<Vec<_>>().join(", ")
    }

    fn closure_decl(&mut self) -> String {
        let ps: Vec<Ty> = (0..self.rng.below(3)).map(|_| self.rand_ty(1, true)).collect();
        let rs: Vec<Ty> = (0..self.rng.below(3)).map(|_| self.rand_ty(1, true)).collect();
        let name = self.new_local();
        let body = self.func_lit_rest(&ps, &rs, true);
        let ty = Ty::Func(ps.clone(), rs);
        let mut s = format!("{name} := func{body}\n_ = {name}\n");
        self.declare(name.clone(), ty);
        if self.rng.chance(1, 2) {
            let args = self.args(&ps, 1);
            s += &format!("{name}({args})\n");
        }
        s
    }

    fn return_stmt(&mut self) -> String {
        let frame = self.frames.last().expect("in a function");
        if frame.named_results && self.rng.chance(1, 2) {
            return "return\n".into();
        }
        let results = frame.results.clone();
        let vals: Vec<String> = results.iter().map(|t| self.expr(t, 2).s).collect();
        format!("return {}\n", vals.join(", "))
    }

    fn jump_stmt(&mut self) -> Option<String> {
        let frame = self.frames.last().expect("in a function");
        let mut options = vec!["return".to_string()];
        if frame.loops > 0 {
            options.push("continue".into());
        }
        if frame.loops + frame.switches > 0 {
            options.push("break".into());
        }
        for l in &frame.labels {
            options.push(format!("break {l}"));
            options.push(format!("continue {l}"));
        }
        let jump = self.rng.pick(&options).clone();
        let jump = if jump == "return" { self.return_stmt() } else { format!("{jump}\n") };
        let cond = self.expr(&Ty::Bool, 2).s;
        Some(match self.rng.below(8) {
            0 => format!("if {cond} {{\npanic({})\n}}\n", self.any_expr().s),
            1 => {
                format!("if {cond} {{\nos.Exit({})\n}}\n", self.expr(&Ty::Int(Int), 1).s)
            }
            _ => format!("if {cond} {{\n{jump}}}\n"),
        })
    }

    fn append_stmt(&mut self) -> Option<String> {
        let (p, t) = self.place(&|t| matches!(t, Ty::Slice(_)))?;
        let Ty::Slice(e) = &t else { unreachable!("place of slice type") };
        let e = (**e).clone();
        let rhs = if self.rng.chance(1, 4) {
            format!("{}...", self.typed_expr(&t, 1))
        } else {
            (0..self.rng.range(1, 3)).map(|_| self.expr(&e, 1).s).collect::<Vec<_>>().join(", ")
        };
        Some(format!("{p} = append({p}, {rhs})\n"))
    }

    fn copy_stmt(&mut self) -> Option<String> {
        let (p, t) = self.place(&|t| matches!(t, Ty::Slice(_)))?;
        let src = if t == Ty::Slice(Box::new(Ty::Int(Uint8))) && self.rng.chance(1, 2) { self.expr(&Ty::Str, 1).s } else { self.typed_expr(&t, 1) };
        Some(format!("copy({p}, {src})\n"))
    }

    /// `a, b := f()`, `a, b = b, a`, or `a, b := x, y`.
    fn multi_stmt(&mut self) -> Option<String> {
        let multi: Vec<usize> = (0..self.funcs.len()).filter(|&i| self.funcs[i].results.len() >= 2).collect();
        if !multi.is_empty() && self.rng.chance(1, 2) {
            let f = *self.rng.pick(&multi);
            let (params, results, name) = (self.funcs[f].params.clone(), self.funcs[f].results.clone(), self.funcs[f].name.clone());
            let args = self.args(&params, 1);
            let names: Vec<String> = results.iter().map(|_| self.fresh("v")).collect();
            for (n, t) in names.iter().zip(results) {
                self.declare(n.clone(), t);
            }
            let uses: String = names.iter().map(|n| format!("_ = {n}\n")).collect();
            return Some(format!("{} := {name}({args})\n{uses}", names.join(", ")));
        }
        if self.rng.chance(1, 2) {
            let (a, t) = self.place(&|_| true)?;
            let (b, _) = self.place(&|u| *u == t)?;
            return Some(format!("{a}, {b} = {b}, {a}\n"));
        }
        let (t1, t2) = (self.rand_ty(1, false), self.rand_ty(1, false));
        let (e1, e2) = (self.typed_expr(&t1, 1), self.typed_expr(&t2, 1));
        let (n1, n2) = (self.fresh("v"), self.fresh("v"));
        self.declare(n1.clone(), t1);
        self.declare(n2.clone(), t2);
        Some(format!("{n1}, {n2} := {e1}, {e2}\n_, _ = {n1}, {n2}\n"))
    }

    // ---- expressions ----------------------------------------------------------------

    fn is_zero(e: &Ex) -> bool {
        match e.k {
            Some(Konst::Int(v, _)) => v == 0,
            Some(Konst::Float(f)) => f == 0.0,
            _ => false,
        }
    }

    /// An expression of type `t` whose constant value, if any, fits `t`.
    fn expr(&mut self, t: &Ty, d: u32) -> Ex {
        let e = self.expr_raw(t, d);
        self.fit(t, e)
    }

    fn fit(&mut self, t: &Ty, e: Ex) -> Ex {
        match (self.int_kind(t), e.int()) {
            (Some(k), Some(v)) if !k.fits(v) => self.int_lit(k),
            _ => e,
        }
    }

    fn expr_raw(&mut self, t: &Ty, d: u32) -> Ex {
        if d == 0 || self.rng.chance(1, 4) {
            if let Some(e) = self.leaf(t) {
                return e;
            }
        }
        let d = d.saturating_sub(1);
        if self.rng.chance(1, 5) {
            if let Some(e) = self.projection(t, d) {
                return e;
            }
        }
        match t {
            Ty::Int(_) | Ty::Named(_) => self.int_expr(t, d),
            Ty::Float => self.float_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::Array(..) | Ty::Slice(_) | Ty::Struct(_) => self.composite(t, d, Form::Any),
            Ty::Ptr(e) => self.ptr_expr(e, d),
            Ty::Func(ps, rs) => self.func_expr(ps, rs),
        }
    }

    /// A variable, a literal or a constant of type `t`, or `None` for types that have
    /// no literal when no variable has the type.
    fn leaf(&mut self, t: &Ty) -> Option<Ex> {
        let vars = self.vars_of(t);
        if !vars.is_empty() && self.rng.chance(2, 3) {
            return Some(Ex::new(self.rng.pick(&vars).clone()));
        }
        match t {
            Ty::Int(_) | Ty::Named(_) => {
                let k = self.int_kind(t).expect("integer type");
                let fitting: Vec<usize> = (0..self.consts.len())
                    .filter(|&i| {
                        let c = &self.consts[i];
                        match c.kind {
                            None => c.value >= 0 || k.signed(),
                            Some(ck) => *t == Ty::Int(ck),
                        }
                    })
                    .collect();
                if !fitting.is_empty() && self.rng.chance(1, 3) {
                    let c = &self.consts[*self.rng.pick(&fitting)];
                    let (name, v, typed) = (c.name.clone(), c.value, c.kind.is_some());
                    if k.fits(v) {
                        return Some(Ex { s: name, k: Some(Konst::Int(v, typed)), untyped: !typed });
                    }
                    // A big untyped constant, shifted down until it fits.
                    let mut s = 0;
                    while !k.fits(v >> s) {
                        s += 1;
                    }
                    s += self.rng.below(3) as u32;
                    return Some(Ex { s: format!("({name} >> {s})"), k: Some(Konst::Int(v >> s, false)), untyped: true });
                }
                let lit = self.int_lit(k);
                Some(if matches!(t, Ty::Named(_)) && self.rng.chance(1, 3) { Ex { s: format!("{t}({})", lit.s), k: lit.k.map(|k| if let Konst::Int(v, _) = k { Konst::Int(v, true) } else { k }), untyped: false } } else { lit })
            }
            Ty::Float => {
                let (s, v) = *self.rng.pick(FLOATS);
                Some(Ex { s: s.to_string(), k: Some(Konst::Float(v)), untyped: true })
            }
            Ty::Bool => Some(Ex { s: if self.rng.chance(1, 2) { "true" } else { "false" }.into(), k: None, untyped: true }),
            Ty::Str => {
                let (s, n) = *self.rng.pick(STRINGS);
                Some(Ex { s: s.to_string(), k: Some(Konst::Str(n)), untyped: true })
            }
            _ => None,
        }
    }

    /// An untyped integer literal that fits `k`, in one of Go's notations.
    fn int_lit(&mut self, k: IntKind) -> Ex {
        let v: i128 = match self.rng.below(8) {
            0 => k.max(),
            1 => k.min(),
            2 => self.rng.range(0, 127.min(k.max() as usize)) as i128,
            3 if k.fits(-1) => -(self.rng.range(1, 100) as i128),
            4 => (self.rng.next_u64() as i128).rem_euclid(k.max() - k.min() + 1) + k.min(),
            _ => self.rng.below(10) as i128,
        };
        let s = if v < 0 {
            format!("(-{})", v.unsigned_abs())
        } else {
            match self.rng.below(10) {
                0 => format!("{v:#x}"),
                1 => format!("0o{v:o}"),
                2 => format!("{v:#b}"),
                3 if v == 97 || v == 10 => if v == 97 { "'a'" } else { "'\\n'" }.to_string(),
                4 if v >= 1000 => {
                    let digits = v.to_string();
                    format!("{}_{}", &digits[..1], &digits[1..])
                }
                _ => v.to_string(),
            }
        };
        Ex { s, k: Some(Konst::Int(v, false)), untyped: true }
    }

    /// An index: a constant below `len` when the length is known, or any integer.
    fn index(&mut self, len: Option<usize>, d: u32) -> Ex {
        if self.rng.chance(1, 2) {
            let n = len.unwrap_or(4).max(1);
            let v = self.rng.below(n);
            return Ex { s: v.to_string(), k: Some(Konst::Int(v as i128, false)), untyped: true };
        }
        let k = *self.rng.pick(&INT_KINDS);
        let e = self.expr(&Ty::Int(k), d);
        match e.int() {
            Some(v) if v < 0 || len.is_some_and(|n| v >= n as i128) || v > i128::from(i32::MAX) => Ex::new("0".into()),
            _ => e,
        }
    }

    /// `c[i]`, `s.f`, `*p`, `f(...)` or `func() T {...}()` giving a `t`.
    fn projection(&mut self, t: &Ty, d: u32) -> Option<Ex> {
        match self.rng.below(5) {
            0 => {
                if *t == Ty::Int(Uint8) && self.rng.chance(1, 3) {
                    let s = self.expr(&Ty::Str, d);
                    let len = match s.k {
                        Some(Konst::Str(0)) => return None,
                        Some(Konst::Str(n)) => Some(n),
                        _ => None,
                    };
                    return Some(Ex::new(format!("{}[{}]", s.s, self.index(len, d).s)));
                }
                let (ct, len) = if self.rng.chance(1, 2) {
                    let n = self.rng.range(1, 4) as u32;
                    (Ty::Array(n, Box::new(t.clone())), Some(n as usize))
                } else {
                    (Ty::Slice(Box::new(t.clone())), None)
                };
                let c = self.typed_expr(&ct, d);
                Some(Ex::new(format!("{c}[{}]", self.index(len, d).s)))
            }
            1 => {
                let candidates: Vec<(usize, usize)> = (0..self.structs.len()).flat_map(|i| (0..self.structs[i].len()).map(move |j| (i, j))).filter(|&(i, j)| self.structs[i][j] == *t).collect();
                if candidates.is_empty() {
                    return None;
                }
                let (i, j) = *self.rng.pick(&candidates);
                let s = if self.rng.chance(1, 3) { self.typed_expr(&Ty::Ptr(Box::new(Ty::Struct(i))), d) } else { self.expr(&Ty::Struct(i), d).s };
                Some(Ex::new(format!("{s}.x{j}")))
            }
            2 => {
                let p = self.typed_expr(&Ty::Ptr(Box::new(t.clone())), d);
                Some(Ex::new(format!("(*{p})")))
            }
            3 if !self.in_global_init => {
                let mut callable: Vec<(String, Vec<Ty>)> = self.funcs.iter().filter(|f| f.results.len() == 1 && f.results[0] == *t).map(|f| (f.name.clone(), f.params.clone())).collect();
                callable.extend(self.visible().into_iter().filter_map(|(n, vt)| match vt {
                    Ty::Func(ps, rs) if rs.len() == 1 && rs[0] == *t => Some((n.to_string(), ps.clone())),
                    _ => None,
                }));
                if callable.is_empty() {
                    return None;
                }
                let (name, params) = self.rng.pick(&callable).clone();
                Some(Ex::new(format!("{name}({})", self.args(&params, d))))
            }
            4 if !self.in_global_init && self.frames.len() < 4 && self.budget > 0 => {
                let body = self.func_lit_rest(&[], std::slice::from_ref(t), false);
                Some(Ex::new(format!("func{body}()")))
            }
            _ => None,
        }
    }

    fn int_expr(&mut self, t: &Ty, d: u32) -> Ex {
        let k = self.int_kind(t).expect("integer type");
        match self.rng.below(10) {
            0..=2 => {
                let op = *self.rng.pick(&["+", "-", "*", "/", "%", "&", "|", "^", "&^"]);
                let l = self.expr_raw(t, d);
                let r = self.expr_raw(t, d);
                self.int_binary(t, k, op, l, r)
            }
            3 => {
                let op = if self.rng.chance(1, 2) { "<<" } else { ">>" };
                let l = self.expr_raw(t, d);
                let r = self.shift_count(k, d);
                match (l.k, r.int()) {
                    (Some(Konst::Int(a, typed)), Some(c)) => {
                        let v = if op == "<<" { if c < 100 { a.checked_mul(1i128 << c) } else { None } } else { Some(a >> c.min(127)) };
                        match v {
                            Some(v) if !typed || k.fits(v) => Ex { s: format!("({} {op} {})", l.s, r.s), k: Some(Konst::Int(v, typed)), untyped: l.untyped },
                            _ => self.int_lit(k),
                        }
                    }
                    _ => {
                        let untyped = l.untyped;
                        let l = self.fit(t, l);
                        Ex { s: format!("({} {op} {})", l.s, r.s), k: None, untyped }
                    }
                }
            }
            4 => {
                let e = self.expr_raw(t, d);
                match e.int() {
                    Some(v) => match (e.k, v.checked_neg()) {
                        (Some(Konst::Int(_, typed)), Some(n)) if !typed || k.fits(n) => Ex { s: format!("(-{})", e.s), k: Some(Konst::Int(n, typed)), untyped: e.untyped },
                        _ => e,
                    },
                    None => Ex { s: format!("({}{})", self.rng.pick(&["-", "^", "+"]), e.s), k: None, untyped: e.untyped },
                }
            }
            5 => {
                // A conversion from another integer type or from float64.
                if self.rng.chance(1, 4) {
                    let f = self.expr(&Ty::Float, d);
                    if f.k.is_none() {
                        return Ex::new(format!("{t}({})", f.s));
                    }
                }
                let from = if !self.named.is_empty() && self.rng.chance(1, 4) { Ty::Named(self.rng.below(self.named.len())) } else { Ty::Int(*self.rng.pick(&INT_KINDS)) };
                let e = self.expr(&from, d);
                match e.int() {
                    Some(v) if !k.fits(v) => self.int_lit(k),
                    Some(v) => Ex { s: format!("{t}({})", e.s), k: Some(Konst::Int(v, true)), untyped: false },
                    None => Ex::new(format!("{t}({})", e.s)),
                }
            }
            6 if *t == Ty::Int(Int) => {
                let (what, n) = match self.rng.below(4) {
                    0 => {
                        let s = self.expr(&Ty::Str, d);
                        let k = match s.k {
                            Some(Konst::Str(n)) => Some(Konst::Int(n as i128, true)),
                            _ => None,
                        };
                        return Ex { s: format!("len({})", s.s), k, untyped: false };
                    }
                    1 => {
                        let n = self.rng.range(0, 5) as u32;
                        let et = self.rand_ty(1, true);
                        (self.expr(&Ty::Array(n, Box::new(et)), d).s, Some(n))
                    }
                    _ => {
                        let et = self.rand_ty(1, true);
                        (self.typed_expr(&Ty::Slice(Box::new(et)), d), None)
                    }
                };
                let f = if self.rng.chance(1, 2) { "len" } else { "cap" };
                // `len` of an array is a constant when the operand has no calls; the
                // value is the same either way.
                Ex { s: format!("{f}({what})"), k: n.map(|n| Konst::Int(i128::from(n), true)), untyped: false }
            }
            7 if *t == Ty::Int(Int) => match self.rng.below(3) {
                0 => {
                    let (a, b) = (self.expr(&Ty::Str, d).s, self.expr(&Ty::Str, d).s);
                    Ex::new(format!("strings.{}({a}, {b})", if self.rng.chance(1, 2) { "Index" } else { "Count" }))
                }
                _ => {
                    let et = self.rand_ty(1, false);
                    let st = Ty::Slice(Box::new(et));
                    let (a, b) = (self.typed_expr(&st, d), self.typed_expr(&st, d));
                    Ex::new(format!("copy({a}, {b})"))
                }
            },
            _ => self.projection(t, d).unwrap_or_else(|| self.int_lit(k)),
        }
    }

    /// `l op r` for integers, folding constants as Go does.
    fn int_binary(&mut self, t: &Ty, k: IntKind, op: &str, l: Ex, r: Ex) -> Ex {
        // Two constants fold with arbitrary precision; otherwise a constant converts to `t`.
        let r = if l.k.is_some() && r.k.is_some() { r } else { self.fit(t, r) };
        let r = if (op == "/" || op == "%") && Self::is_zero(&r) { Ex { s: "1".into(), k: Some(Konst::Int(1, false)), untyped: true } } else { r };
        match (l.k, r.k) {
            (Some(Konst::Int(a, ta)), Some(Konst::Int(b, tb))) => {
                let typed = ta || tb;
                let v = match op {
                    "+" => a.checked_add(b),
                    "-" => a.checked_sub(b),
                    "*" => a.checked_mul(b),
                    "/" => a.checked_div(b),
                    "%" => a.checked_rem(b),
                    "&" => Some(a & b),
                    "|" => Some(a | b),
                    "^" => Some(a ^ b),
                    _ => Some(a & !b),
                };
                match v {
                    // An untyped constant may exceed the type on the way; i128 may not.
                    // With a typed operand, the other converts to its type first.
                    Some(v) if !typed || (k.fits(v) && k.fits(a) && k.fits(b)) => Ex { s: format!("({} {op} {})", l.s, r.s), k: Some(Konst::Int(v, typed)), untyped: l.untyped && r.untyped },
                    _ => self.int_lit(k),
                }
            }
            _ => {
                let untyped = l.untyped && r.untyped;
                let l = self.fit(t, l);
                Ex { s: format!("({} {op} {})", l.s, r.s), k: None, untyped }
            }
        }
    }

    /// A shift count for a `k` operand: a constant up to a little past its width, or a
    /// variable amount of any integer type.
    fn shift_count(&mut self, k: IntKind, d: u32) -> Ex {
        if self.rng.chance(1, 2) {
            let c = self.rng.range(0, k.bits() as usize + 2) as i128;
            return Ex { s: c.to_string(), k: Some(Konst::Int(c, false)), untyped: true };
        }
        let ck = *self.rng.pick(&INT_KINDS);
        let e = self.expr(&Ty::Int(ck), d);
        match e.int() {
            Some(v) if !(0..=i128::from(k.bits())).contains(&v) => Ex { s: "1".into(), k: Some(Konst::Int(1, false)), untyped: true },
            _ => e,
        }
    }

    fn float_expr(&mut self, d: u32) -> Ex {
        match self.rng.below(6) {
            0..=2 => {
                let op = *self.rng.pick(&["+", "-", "*", "/"]);
                let l = self.expr_raw(&Ty::Float, d);
                let mut r = self.expr_raw(&Ty::Float, d);
                if op == "/" && Self::is_zero(&r) {
                    r = Ex { s: "2.0".into(), k: Some(Konst::Float(2.0)), untyped: true };
                }
                let v = match (l.k, r.k) {
                    (Some(Konst::Float(a)), Some(Konst::Float(b))) => Some(match op {
                        "+" => a + b,
                        "-" => a - b,
                        "*" => a * b,
                        _ => a / b,
                    }),
                    _ => None,
                };
                match v {
                    Some(v) if !v.is_finite() || v.abs() > 1e300 => Ex { s: "1.5".into(), k: Some(Konst::Float(1.5)), untyped: true },
                    _ => Ex { s: format!("({} {op} {})", l.s, r.s), k: v.map(Konst::Float), untyped: l.untyped && r.untyped },
                }
            }
            3 => {
                let e = self.expr_raw(&Ty::Float, d);
                Ex { s: format!("(-{})", e.s), k: e.k.map(|k| if let Konst::Float(f) = k { Konst::Float(-f) } else { k }), untyped: e.untyped }
            }
            4 => {
                let k = *self.rng.pick(&INT_KINDS);
                let e = self.expr(&Ty::Int(k), d);
                // A shift of an untyped constant would take float64 from the conversion.
                let value = e.int().map(|v| Konst::Float(v as f64));
                let s = if e.untyped && e.k.is_none() { conv(&Ty::Int(k), &e.s) } else { e.s };
                Ex { s: format!("float64({s})"), k: value, untyped: false }
            }
            _ => self.projection(&Ty::Float, d).unwrap_or_else(|| self.leaf(&Ty::Float).expect("float literal")),
        }
    }

    fn bool_expr(&mut self, d: u32) -> Ex {
        let s = match self.rng.below(8) {
            0..=2 => {
                let t = loop {
                    let t = self.rand_ty(1, false);
                    if self.comparable(&t) {
                        break t;
                    }
                };
                let ordered = matches!(t, Ty::Int(_) | Ty::Named(_) | Ty::Float | Ty::Str);
                let op = if ordered { *self.rng.pick(&["==", "!=", "<", "<=", ">", ">="]) } else { *self.rng.pick(&["==", "!="]) };
                let l = self.typed_expr(&t, d);
                let r = self.expr(&t, d).s;
                format!("({l} {op} {r})")
            }
            3 => {
                let op = if self.rng.chance(1, 2) { "&&" } else { "||" };
                format!("({} {op} {})", self.expr(&Ty::Bool, d).s, self.expr(&Ty::Bool, d).s)
            }
            4 => format!("!{}", self.expr(&Ty::Bool, d).s),
            5 => {
                let f = *self.rng.pick(&["Contains", "HasPrefix", "HasSuffix"]);
                format!("strings.{f}({}, {})", self.expr(&Ty::Str, d).s, self.expr(&Ty::Str, d).s)
            }
            6 => {
                let et = self.rand_ty(1, true);
                let t = match self.rng.below(3) {
                    0 => Ty::Slice(Box::new(et)),
                    1 => Ty::Ptr(Box::new(et)),
                    _ => Ty::Func(vec![], vec![et]),
                };
                let e = self.expr(&t, d);
                if e.untyped {
                    return self.leaf(&Ty::Bool).expect("bool literal");
                }
                format!("({} {} nil)", e.s, if self.rng.chance(1, 2) { "==" } else { "!=" })
            }
            _ => return self.projection(&Ty::Bool, d).unwrap_or_else(|| self.leaf(&Ty::Bool).expect("bool literal")),
        };
        Ex::new(s)
    }

    fn str_expr(&mut self, d: u32) -> Ex {
        match self.rng.below(9) {
            0 | 1 => {
                let (l, r) = (self.expr(&Ty::Str, d), self.expr(&Ty::Str, d));
                let k = match (l.k, r.k) {
                    (Some(Konst::Str(a)), Some(Konst::Str(b))) => Some(Konst::Str(a + b)),
                    _ => None,
                };
                Ex { s: format!("({} + {})", l.s, r.s), k, untyped: l.untyped && r.untyped }
            }
            2 => {
                let s = self.expr(&Ty::Str, d);
                let len = match s.k {
                    Some(Konst::Str(n)) => n,
                    _ => 3,
                };
                let i = self.rng.below(len + 1);
                let j = self.rng.range(i, len);
                let lo = if i == 0 && self.rng.chance(1, 2) { String::new() } else { i.to_string() };
                Ex::new(format!("{}[{lo}:{j}]", s.s))
            }
            3 => {
                let e = self.expr(&Ty::Int(Int32), d);
                // A constant code point converts to a constant string.
                let k = e.int().map(|v| Konst::Str(u32::try_from(v).ok().and_then(char::from_u32).map_or(3, char::len_utf8)));
                let s = if e.untyped && e.k.is_none() { conv(&Ty::Int(Int32), &e.s) } else { e.s };
                Ex { s: format!("string({s})"), k, untyped: false }
            }
            4 => Ex::new(format!("string({})", self.typed_expr(&Ty::Slice(Box::new(Ty::Int(Uint8))), d))),
            5 => {
                let args: Vec<String> = (0..self.rng.range(1, 3)).map(|_| self.any_expr().s).collect();
                Ex::new(if self.rng.chance(1, 2) { format!("fmt.Sprint({})", args.join(", ")) } else { format!("fmt.Sprintf(\"%v-%d\", {})", args.join(", ")) })
            }
            6 => {
                Ex::new(match self.rng.below(3) {
                    0 => format!("strconv.Itoa({})", self.expr(&Ty::Int(Int), d).s),
                    1 => format!("strconv.FormatInt({}, {})", self.expr(&Ty::Int(Int64), d).s, self.rng.range(2, 36)),
                    _ => format!("strconv.Quote({})", self.expr(&Ty::Str, d).s),
                })
            }
            7 => {
                Ex::new(match self.rng.below(4) {
                    0 => format!("strings.Repeat({}, {})", self.expr(&Ty::Str, d).s, self.rng.below(4)),
                    1 => format!("strings.ToUpper({})", self.expr(&Ty::Str, d).s),
                    2 => format!("strings.TrimSpace({})", self.expr(&Ty::Str, d).s),
                    _ => format!("strings.Join(strings.Split({}, {}), {})", self.expr(&Ty::Str, d).s, self.expr(&Ty::Str, d).s, self.expr(&Ty::Str, d).s),
                })
            }
            _ => self.projection(&Ty::Str, d).unwrap_or_else(|| self.leaf(&Ty::Str).expect("string literal")),
        }
    }

    /// A composite literal, or for [`Form::Any`] slices also `make`, `append`,
    /// slicing and conversions.
    fn composite(&mut self, t: &Ty, d: u32, form: Form) -> Ex {
        let elided = form == Form::Elided;
        let ty = if elided { String::new() } else { t.to_string() };
        let elem = |g: &mut Self, e: &Ty| -> String {
            if matches!(e, Ty::Array(..) | Ty::Slice(_) | Ty::Struct(_)) && g.rng.chance(1, 2) {
                g.composite(e, d.saturating_sub(1), Form::Elided).s
            } else {
                g.expr(e, d).s
            }
        };
        let body = match t {
            Ty::Array(n, e) => {
                let n = *n as usize;
                if n > 0 && n <= 4 && !elided && self.rng.chance(1, 4) {
                    let elems: Vec<String> = (0..n).map(|_| elem(self, e)).collect();
                    return Ex::new(format!("([...]{e}{{{}}})", elems.join(", ")));
                }
                if n > 0 && self.rng.chance(1, 3) {
                    let mut keys: Vec<usize> = (0..self.rng.range(1, 3)).map(|_| self.rng.below(n)).collect();
                    keys.sort_unstable();
                    keys.dedup();
                    keys.iter().map(|k| format!("{k}: {}", elem(self, e))).collect::<Vec<_>>().join(", ")
                } else {
                    (0..self.rng.below(n.min(4) + 1)).map(|_| elem(self, e)).collect::<Vec<_>>().join(", ")
                }
            }
            Ty::Slice(e) => {
                if form == Form::Any {
                    match self.rng.below(8) {
                        0 => {
                            let len = self.rng.below(5);
                            return Ex::new(if self.rng.chance(1, 2) { format!("make({t}, {len})") } else { format!("make({t}, {len}, {})", len + self.rng.below(5)) });
                        }
                        1 => {
                            let len = self.expr(&Ty::Int(Int), d);
                            if len.k.is_none() {
                                return Ex::new(format!("make({t}, {})", len.s));
                            }
                        }
                        2 => {
                            let s = self.typed_expr(t, d);
                            let x = self.expr(e, d);
                            return Ex::new(format!("append({s}, {})", x.s));
                        }
                        3 => {
                            let s = self.typed_expr(t, d);
                            let (i, j) = (self.rng.below(3), self.rng.range(2, 4));
                            return Ex::new(if self.rng.chance(1, 2) { format!("{s}[{i}:]") } else { format!("{s}[{i}:{j}:{}]", j + self.rng.below(2)) });
                        }
                        4 => {
                            let arrays: Vec<(String, u32)> = self
                                .visible()
                                .into_iter()
                                .filter_map(|(n, vt)| match vt {
                                    Ty::Array(len, ae) if **ae == **e => Some((n.to_string(), *len)),
                                    _ => None,
                                })
                                .collect();
                            if !arrays.is_empty() {
                                let (a, len) = self.rng.pick(&arrays).clone();
                                let i = self.rng.below(len as usize + 1);
                                let j = self.rng.range(i, len as usize);
                                return Ex::new(format!("{a}[{i}:{j}]"));
                            }
                        }
                        5 if **e == Ty::Int(Uint8) => return Ex::new(format!("[]byte({})", self.expr(&Ty::Str, d).s)),
                        5 if **e == Ty::Str => {
                            return Ex::new(format!("strings.Fields({})", self.expr(&Ty::Str, d).s));
                        }
                        6 if !self.in_global_init => return Ex { s: "nil".into(), k: None, untyped: true },
                        _ => {}
                    }
                }
                (0..self.rng.below(4)).map(|_| elem(self, e)).collect::<Vec<_>>().join(", ")
            }
            Ty::Struct(i) => {
                let fields = self.structs[*i].clone();
                if self.rng.chance(1, 3) {
                    fields.iter().map(|f| elem(self, f)).collect::<Vec<_>>().join(", ")
                } else {
                    let mut js: Vec<usize> = (0..self.rng.below(fields.len() + 1)).map(|_| self.rng.below(fields.len())).collect();
                    js.sort_unstable();
                    js.dedup();
                    js.iter().map(|&j| format!("x{j}: {}", elem(self, &fields[j]))).collect::<Vec<_>>().join(", ")
                }
            }
            _ => unreachable!("composite literal of {t}"),
        };
        Ex::new(if elided { format!("{{{body}}}") } else { format!("({ty}{{{body}}})") })
    }

    fn ptr_expr(&mut self, e: &Ty, d: u32) -> Ex {
        match self.rng.below(5) {
            0 | 1 => {
                let vars = self.vars_of(e);
                if !vars.is_empty() {
                    return Ex::new(format!("(&{})", self.rng.pick(&vars)));
                }
                Ex::new(format!("new({e})"))
            }
            2 if matches!(e, Ty::Struct(_) | Ty::Array(..) | Ty::Slice(_)) => {
                let c = self.composite(e, d, Form::Literal);
                Ex::new(format!("(&{})", c.s))
            }
            3 if !self.in_global_init => Ex { s: "nil".into(), k: None, untyped: true },
            _ => Ex::new(format!("new({e})")),
        }
    }

    fn func_expr(&mut self, ps: &[Ty], rs: &[Ty]) -> Ex {
        let named: Vec<String> = self.funcs.iter().filter(|f| f.params == ps && f.results == rs).map(|f| f.name.clone()).collect();
        if !named.is_empty() && self.rng.chance(1, 2) {
            return Ex::new(self.rng.pick(&named).clone());
        }
        if self.frames.len() >= 4 || self.budget == 0 || self.rng.chance(1, 6) {
            return Ex { s: "nil".into(), k: None, untyped: true };
        }
        let body = self.func_lit_rest(ps, rs, true);
        Ex::new(format!("(func{body})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(program(&mut Rng::new(5)), program(&mut Rng::new(5)));
    }

    #[test]
    fn programs_are_plausible() {
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            let p = program(&mut rng);
            assert!(p.starts_with("package main\n"));
            assert!(p.contains("func main()"));
            assert!(p.len() < 200_000, "{} bytes", p.len());
        }
    }
}
