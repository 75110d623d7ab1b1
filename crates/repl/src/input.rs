//! Reading one input: is it complete, and what is it — top-level declarations, a
//! short variable declaration, or statements whose last one may be an expression to
//! print. The real parser decides, on the input wrapped as a file: as declarations
//! when it starts with `import`, `func`, `var`, `const` or `type` (falling back to
//! statements for a function literal), otherwise as the body of a function.

use syntax::ast::{AssignOp, Decl, ExprKind, Stmt, StmtKind};
use syntax::lexer::{tokenize, TokenKind};
use syntax::{Diagnostic, SourceFile, Span};

/// What an input is. Spans are byte offsets into the input's text.
#[derive(Debug)]
pub enum Input {
    /// Top-level declarations.
    Decls {
        /// Each import spec (`"fmt"`, `s "strings"`): its local name, path and text.
        imports: Vec<ImportSpec>,
        decls: Vec<DeclText>,
    },
    /// `a, b := x, y` alone: it declares package variables, which persist.
    Define {
        names: Vec<String>,
        /// From the first name to the last one.
        lhs: Span,
        /// The values.
        rhs: Span,
    },
    /// Statements, run once in order. `value`: the last statement when it is an
    /// expression statement, whose value (if any) is printed.
    Stmts { value: Option<Span> },
}

#[derive(Clone, Debug)]
pub struct ImportSpec {
    pub name: Option<String>,
    pub path: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Func,
    Var,
    Const,
    Type,
}

/// One top-level declaration: its keyword, the names it declares and its text (from
/// the keyword to the next top-level declaration).
#[derive(Clone, Debug)]
pub struct DeclText {
    pub kind: DeclKind,
    pub names: Vec<String>,
    pub span: Span,
}

#[derive(Debug)]
pub enum Parsed {
    /// An unfinished block, call, literal or comment: read another line.
    Incomplete,
    /// Syntax errors (positions in the input).
    Invalid(Vec<Diagnostic>),
    Input(Input),
}

const FILE_PREFIX: &str = "package main\n";
const BODY_PREFIX: &str = "package main\nfunc main() {\n";
const BODY_SUFFIX: &str = "\n}\n";

/// Parses `text` (one or more lines typed at the prompt).
pub fn parse(text: &str) -> Parsed {
    let first = tokenize(text).tokens.into_iter().find(|t| t.kind != TokenKind::Semicolon).map(|t| t.kind);
    match first {
        Some(TokenKind::Import | TokenKind::Func | TokenKind::Var | TokenKind::Const | TokenKind::Type) => match parse_decls(text) {
            // `func() { ... }()` is a statement.
            Parsed::Invalid(d) if first == Some(TokenKind::Func) => match parse_stmts(text) {
                Parsed::Invalid(_) => Parsed::Invalid(d),
                other => other,
            },
            other => other,
        },
        _ => parse_stmts(text),
    }
}

/// Parses `prefix + text + suffix`; the diagnostics moved to input positions, or
/// `Incomplete`.
fn parse_wrapped(text: &str, prefix: &str, suffix: &str) -> Result<syntax::ast::File, Parsed> {
    let file = SourceFile::new("", format!("{prefix}{text}{suffix}"));
    let (ast, diags) = syntax::parse_file(&file);
    if diags.is_empty() {
        return Ok(ast);
    }
    let base = prefix.len() as u32;
    let end = base + text.trim_end().len() as u32;
    if unfinished(text) || diags.iter().any(|d| d.span.lo >= end) && !over_closed(text) {
        return Err(Parsed::Incomplete);
    }
    let len = text.len() as u32;
    let at = |p: u32| p.saturating_sub(base).min(len);
    Err(Parsed::Invalid(diags.into_iter().map(|d| Diagnostic::new(Span::new(at(d.span.lo), at(d.span.hi)), d.message)).collect()))
}

/// Whether the input ends inside brackets, a raw string or a comment.
fn unfinished(text: &str) -> bool {
    let lexed = tokenize(text);
    if lexed.diagnostics.iter().any(|d| d.message == "raw string literal not terminated" || d.message == "comment not terminated") {
        return true;
    }
    depth(text).is_some_and(|d| d > 0)
}

/// Whether some bracket closes one that was never opened: more lines cannot fix that.
fn over_closed(text: &str) -> bool {
    depth(text).is_none()
}

/// The bracket depth at the end of the input; `None` if it ever goes below zero.
fn depth(text: &str) -> Option<i32> {
    let mut depth = 0i32;
    for t in tokenize(text).tokens {
        match t.kind {
            TokenKind::LParen | TokenKind::LBrace | TokenKind::LBrack => depth += 1,
            TokenKind::RParen | TokenKind::RBrace | TokenKind::RBrack => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    Some(depth)
}

fn parse_decls(text: &str) -> Parsed {
    let ast = match parse_wrapped(text, FILE_PREFIX, "\n") {
        Ok(ast) => ast,
        Err(p) => return p,
    };
    let base = FILE_PREFIX.len() as u32;
    let local = |s: Span| Span::new(s.lo - base, s.hi - base);
    let imports = ast
        .imports
        .iter()
        .map(|i| ImportSpec { name: i.name.as_ref().map(|n| n.name.clone()), path: i.path.clone(), span: local(i.span) })
        .collect();
    // Each declaration's text runs from its keyword to the next top-level keyword.
    let starts = top_level_keywords(text);
    let decls = ast
        .decls
        .iter()
        .map(|d| {
            let (kind, names, at) = match d {
                Decl::Func(f) => (DeclKind::Func, vec![f.name.name.clone()], f.span.lo),
                Decl::Var(specs) => (DeclKind::Var, specs.iter().flat_map(|s| s.names.iter().map(|n| n.name.clone())).collect(), specs.first().map_or(0, |s| s.span.lo)),
                Decl::Const(specs) => (DeclKind::Const, specs.iter().flat_map(|s| s.names.iter().map(|n| n.name.clone())).collect(), specs.first().map_or(0, |s| s.span.lo)),
                Decl::Type(specs) => (DeclKind::Type, specs.iter().map(|s| s.name.name.clone()).collect(), specs.first().map_or(0, |s| s.span.lo)),
            };
            let at = at.saturating_sub(base);
            let i = starts.partition_point(|&s| s <= at).max(1) - 1;
            let lo = starts.get(i).copied().unwrap_or(0);
            let hi = starts.get(i + 1).copied().unwrap_or(text.len() as u32);
            DeclText { kind, names, span: Span::new(lo, lo + text[lo as usize..hi as usize].trim_end().len() as u32) }
        })
        .collect();
    Parsed::Input(Input::Decls { imports, decls })
}

/// Offsets of the declaration keywords outside any brackets.
fn top_level_keywords(text: &str) -> Vec<u32> {
    let mut depth = 0;
    let mut starts = Vec::new();
    for t in tokenize(text).tokens {
        match t.kind {
            TokenKind::LParen | TokenKind::LBrace | TokenKind::LBrack => depth += 1,
            TokenKind::RParen | TokenKind::RBrace | TokenKind::RBrack => depth -= 1,
            TokenKind::Import | TokenKind::Func | TokenKind::Var | TokenKind::Const | TokenKind::Type if depth == 0 => starts.push(t.span.lo),
            _ => {}
        }
    }
    starts
}

fn parse_stmts(text: &str) -> Parsed {
    let ast = match parse_wrapped(text, BODY_PREFIX, BODY_SUFFIX) {
        Ok(ast) => ast,
        Err(p) => return p,
    };
    let base = BODY_PREFIX.len() as u32;
    let local = |s: Span| Span::new(s.lo - base, s.hi - base);
    let Some(Decl::Func(main)) = ast.decls.first() else { unreachable!("the wrapper declares main") };
    let stmts: Vec<&Stmt> = main.body.as_ref().map_or(vec![], |b| b.stmts.iter().filter(|s| !matches!(s.kind, StmtKind::Empty)).collect());
    if let [Stmt { kind: StmtKind::Assign { lhs, op: AssignOp::Define, rhs }, .. }] = stmts.as_slice() {
        let names: Option<Vec<String>> = lhs
            .iter()
            .map(|e| match &e.kind {
                ExprKind::Ident(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        if let (Some(names), Some(l0), Some(l1), Some(r0), Some(r1)) = (names, lhs.first(), lhs.last(), rhs.first(), rhs.last()) {
            return Parsed::Input(Input::Define { names, lhs: local(l0.span.to(l1.span)), rhs: local(r0.span.to(r1.span)) });
        }
    }
    let value = match stmts.last() {
        Some(Stmt { kind: StmtKind::Expr(e), .. }) => Some(local(e.span)),
        _ => None,
    };
    Parsed::Input(Input::Stmts { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> String {
        match parse(text) {
            Parsed::Incomplete => "incomplete".into(),
            Parsed::Invalid(d) => format!("invalid: {}", d[0].message),
            Parsed::Input(Input::Decls { imports, decls }) => {
                let mut parts: Vec<String> = imports.iter().map(|i| format!("import {}", &text[i.span.lo as usize..i.span.hi as usize])).collect();
                parts.extend(decls.iter().map(|d| format!("{:?} {:?} {:?}", d.kind, d.names, &text[d.span.lo as usize..d.span.hi as usize])));
                parts.join(" | ")
            }
            Parsed::Input(Input::Define { names, lhs, rhs }) => format!("define {names:?} {:?} {:?}", &text[lhs.lo as usize..lhs.hi as usize], &text[rhs.lo as usize..rhs.hi as usize]),
            Parsed::Input(Input::Stmts { value }) => format!("stmts {:?}", value.map(|v| &text[v.lo as usize..v.hi as usize])),
        }
    }

    #[test]
    fn declarations_keep_their_text() {
        assert_eq!(kind("func f() int { return 1 }"), r#"Func ["f"] "func f() int { return 1 }""#);
        assert_eq!(kind("var a, b = 1, 2\nconst c = 3"), r#"Var ["a", "b"] "var a, b = 1, 2" | Const ["c"] "const c = 3""#);
        assert_eq!(kind("type (\n\tT int\n\tU string\n)"), "Type [\"T\", \"U\"] \"type (\\n\\tT int\\n\\tU string\\n)\"");
        assert_eq!(kind("import (\"fmt\"; s \"strings\")"), r#"import "fmt" | import s "strings""#);
    }

    #[test]
    fn statements_and_values() {
        assert_eq!(kind("1 + 2"), r#"stmts Some("1 + 2")"#);
        assert_eq!(kind("x = 3; f(x)"), r#"stmts Some("f(x)")"#);
        assert_eq!(kind("for i := 0; i < 3; i++ {}"), "stmts None");
        assert_eq!(kind("func() { println(1) }()"), r#"stmts Some("func() { println(1) }()")"#);
        assert_eq!(kind("a, b := 1, \"x\""), r#"define ["a", "b"] "a, b" "1, \"x\"""#);
    }

    #[test]
    fn unfinished_input_continues() {
        assert_eq!(kind("func f() {"), "incomplete");
        assert_eq!(kind("fmt.Println(1,"), "incomplete");
        assert_eq!(kind("x := 1 +"), "incomplete");
        assert_eq!(kind("s := `raw"), "incomplete");
        assert_eq!(kind("/* note"), "incomplete");
        assert_eq!(kind("if x {\n} else {"), "incomplete");
    }

    #[test]
    fn errors_are_reported_at_the_input() {
        assert_eq!(kind("x := )"), "invalid: syntax error: unexpected ), expecting expression");
        assert!(kind("}").starts_with("invalid"));
        assert!(kind("f())").starts_with("invalid"));
    }
}
