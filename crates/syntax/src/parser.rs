//! Go's parser: recursive descent from the lexer's tokens to an [`ast::File`].
//!
//! The grammar is the Go specification's, as far as the AST can express it; the
//! structure follows Go's own parsers (`go/parser`, `cmd/compile/internal/syntax`):
//!
//! * **Composite literals vs. blocks.** In `if x == T {`, the `{` opens the body, not a
//!   literal `T{}`. As in `go/parser`, an *expression level* is tracked: it is -1 in the
//!   header of an `if`, `for` or `switch`, and goes up by one inside parentheses,
//!   brackets and literal braces. A `{` after a bare type name (`T`, `pkg.T`, `T[X]`)
//!   starts a composite literal only at level >= 0; after a literal type (`[]T`,
//!   `map[K]V`, `struct{...}`) it always does.
//! * **Fresh node ids for copied trees.** Grouped parameters and fields (`a, b int`)
//!   and implicitly repeated constants (`const ( A = iota; B )`) need copies of a type
//!   or value expression. The copies are made by parsing the same tokens again, which
//!   gives a structurally identical tree whose every node has a fresh [`NodeId`].
//! * **Errors.** Messages use Go's wording (`syntax error: unexpected newline, expected
//!   comma or )`). After an error the parser skips to a point where it can continue —
//!   the next `;` or closing bracket at the current nesting, the next `case`, the next
//!   top-level declaration — so that one run reports several errors; like Go, it
//!   reports at most one error per line.
//! * **Robustness.** The parser never panics and every loop consumes a token or ends.
//!   Nesting (parentheses, blocks, types, chains of operators and selectors) is bounded
//!   by [`MAX_NESTING`]; past it the parser reports `syntax error: nesting too deep`
//!   and abandons the rest of the file. The parser runs on its own thread whose stack
//!   is sized for that bound ([`PARSER_STACK_SIZE`]), so no input overflows it.
//!
//! Semantic checks belong to the type checker, with a few exceptions that Go's own
//! parser makes (`missing init expr for const declaration`, `expression in go must be
//! function call`, `use of .(type) outside type switch`), and syntax the AST cannot
//! express (type parameters on type declarations, several type arguments), which is
//! reported here as `not supported yet: type parameters`.

use crate::ast::*;
use crate::lexer::{tokenize, LiteralValue, Token, TokenKind as T};
use crate::source::{Diagnostic, SourceFile, Span};

/// How deeply expressions, types and statements may nest, counting each operator or
/// postfix link of a chain (`a+b+c`, `x.f.g`) as one level. Real programs stay far
/// below it; see [`PARSER_STACK_SIZE`] for what it costs.
pub const MAX_NESTING: u32 = 1000;

/// The parser runs on a thread of its own with this much stack. One nesting level
/// costs up to about 12 KiB of stack in an unoptimised build (a function literal
/// inside a function literal passes through a dozen frames) and far less when
/// optimised, so [`MAX_NESTING`] levels need about 12 MiB at worst: 64 MiB leaves a
/// wide margin. The memory is reserved, not committed, and the thread lives only as
/// long as one `parse_file` call.
const PARSER_STACK_SIZE: usize = 64 << 20;

/// Parses one Go source file. Always returns a tree (possibly partial, with `Bad`
/// expressions where the source made no sense) and the lexical and syntax errors in
/// source order.
///
/// The tree can be up to about [`MAX_NESTING`] levels deep; passes that recurse over
/// it should allow for that (in an unoptimised build a 2 MiB stack is not enough).
pub fn parse_file(file: &SourceFile) -> (File, Vec<Diagnostic>) {
    std::thread::scope(|scope| {
        let parser_thread = std::thread::Builder::new()
            .name("parser".to_string())
            .stack_size(PARSER_STACK_SIZE)
            .spawn_scoped(scope, || parse_on_this_thread(file));
        match parser_thread {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: parse here, which is fine unless nesting is extreme.
            Err(_) => parse_on_this_thread(file),
        }
    })
}

fn parse_on_this_thread(file: &SourceFile) -> (File, Vec<Diagnostic>) {
    let lexed = tokenize(&file.text);
    let mut parser = Parser {
        file,
        tokens: lexed.tokens,
        comments: lexed.comments,
        pos: 0,
        prev_hi: 0,
        next_id: 0,
        diagnostics: Vec::new(),
        last_error_line: None,
        expr_level: 0,
        type_switch_guard_allowed: false,
        depth: 0,
        abandoned: false,
    };
    let ast = parser.parse_source_file();
    let mut diagnostics = lexed.diagnostics;
    diagnostics.append(&mut parser.diagnostics);
    diagnostics.sort_by_key(|d| d.span.lo);
    (ast, diagnostics)
}

struct Parser<'a> {
    file: &'a SourceFile,
    tokens: Vec<Token>,
    comments: Vec<Span>,
    /// Index of the current token; `tokens` always ends with `Eof`, which is never
    /// stepped over.
    pos: usize,
    /// End of the last token consumed (inserted semicolons excluded): where the node
    /// being finished ends.
    prev_hi: u32,
    next_id: u32,
    diagnostics: Vec<Diagnostic>,
    last_error_line: Option<u32>,
    /// See the module doc: < 0 in control clause headers.
    expr_level: i32,
    /// True while parsing a `switch` header, the only place `x.(type)` may appear.
    type_switch_guard_allowed: bool,
    /// Current nesting, bounded by [`MAX_NESTING`].
    depth: u32,
    /// Set when nesting went too deep: the parser has jumped to the end of the file
    /// and reports nothing more.
    abandoned: bool,
}

/// Where a construct was parsed: enough to parse it again for a fresh-id copy.
#[derive(Clone, Copy)]
struct ParsePoint {
    start: usize,
    expr_level: i32,
}

/// One entry of a parameter list before Go's grouping rule has decided whether a lone
/// identifier is a parameter name or a type.
struct ParamEntry {
    name: Option<Ident>,
    ty: Option<(Expr, ParsePoint)>,
    variadic: bool,
    span: Span,
}

fn binary_op(kind: T) -> Option<(BinOp, u8)> {
    Some(match kind {
        T::LOr => (BinOp::LOr, 1),
        T::LAnd => (BinOp::LAnd, 2),
        T::Eql => (BinOp::Eq, 3),
        T::Neq => (BinOp::Ne, 3),
        T::Lss => (BinOp::Lt, 3),
        T::Leq => (BinOp::Le, 3),
        T::Gtr => (BinOp::Gt, 3),
        T::Geq => (BinOp::Ge, 3),
        T::Add => (BinOp::Add, 4),
        T::Sub => (BinOp::Sub, 4),
        T::Or => (BinOp::Or, 4),
        T::Xor => (BinOp::Xor, 4),
        T::Mul => (BinOp::Mul, 5),
        T::Quo => (BinOp::Div, 5),
        T::Rem => (BinOp::Rem, 5),
        T::Shl => (BinOp::Shl, 5),
        T::Shr => (BinOp::Shr, 5),
        T::And => (BinOp::And, 5),
        T::AndNot => (BinOp::AndNot, 5),
        _ => return None,
    })
}

fn assign_op(kind: T) -> Option<AssignOp> {
    Some(match kind {
        T::Assign => AssignOp::Assign,
        T::Define => AssignOp::Define,
        T::AddAssign => AssignOp::Op(BinOp::Add),
        T::SubAssign => AssignOp::Op(BinOp::Sub),
        T::MulAssign => AssignOp::Op(BinOp::Mul),
        T::QuoAssign => AssignOp::Op(BinOp::Div),
        T::RemAssign => AssignOp::Op(BinOp::Rem),
        T::AndAssign => AssignOp::Op(BinOp::And),
        T::OrAssign => AssignOp::Op(BinOp::Or),
        T::XorAssign => AssignOp::Op(BinOp::Xor),
        T::ShlAssign => AssignOp::Op(BinOp::Shl),
        T::ShrAssign => AssignOp::Op(BinOp::Shr),
        T::AndNotAssign => AssignOp::Op(BinOp::AndNot),
        _ => return None,
    })
}

fn can_start_type(kind: T) -> bool {
    matches!(
        kind,
        T::Ident | T::LBrack | T::Struct | T::Mul | T::Func | T::Interface | T::Map | T::Chan | T::LParen | T::Arrow
    )
}

fn is_closing_bracket(kind: T) -> bool {
    matches!(kind, T::RParen | T::RBrack | T::RBrace)
}

/// A comment's text without carriage returns, as Go's scanner gives it, except that
/// in a `/* */` comment a `\r` between `*` and `/` stays (removing it would end the
/// comment early).
fn strip_cr(comment: &str) -> std::borrow::Cow<'_, str> {
    if !comment.contains('\r') {
        return comment.into();
    }
    let block = comment.starts_with("/*");
    let mut out = String::with_capacity(comment.len());
    let mut chars = comment.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\r' || block && out.len() > 2 && out.ends_with('*') && chars.peek() == Some(&'/') {
            out.push(c);
        }
    }
    out.into()
}

/// What makes an import path invalid, in the words of Go's compiler.
fn import_path_problem(path: &str) -> Option<String> {
    const INVALID: &str = "!\"#$%&'()*,:;<=>?[\\]^`{|}";
    if path.is_empty() {
        return Some("import path is empty".to_string());
    }
    path.chars().find_map(|c| match c {
        '\u{fffd}' => Some("import path contains invalid UTF-8 sequence".to_string()),
        '\0' => Some("import path contains NUL".to_string()),
        _ if c.is_control() => Some("import path contains control character".to_string()),
        '\\' => Some(format!("import path contains backslash; use slash: {path:?}")),
        _ if c.is_whitespace() => Some(format!("import path contains space character: {path:?}")),
        _ if INVALID.contains(c) => Some(format!("import path contains invalid character '{c}': {path:?}")),
        _ => None,
    })
}

fn is_type_switch_guard(stmt: &Stmt) -> bool {
    let is_guard = |e: &Expr| matches!(e.kind, ExprKind::TypeAssert { ty: None, .. });
    match &stmt.kind {
        StmtKind::Expr(e) => is_guard(e),
        StmtKind::Assign { lhs, op: AssignOp::Define, rhs } => {
            lhs.len() == 1 && matches!(lhs[0].kind, ExprKind::Ident(_)) && rhs.len() == 1 && is_guard(&rhs[0])
        }
        _ => false,
    }
}

impl<'a> Parser<'a> {
    // ---- Tokens -------------------------------------------------------------------

    fn tok(&self) -> T {
        self.tokens[self.pos].kind
    }

    fn peek(&self, ahead: usize) -> T {
        self.tokens.get(self.pos + ahead).map_or(T::Eof, |t| t.kind)
    }

    fn cur_span(&self) -> Span {
        self.tokens[self.pos].span
    }

    fn next(&mut self) {
        let token = &self.tokens[self.pos];
        if token.kind != T::Eof {
            if !token.is_inserted_semicolon() {
                self.prev_hi = token.span.hi;
            }
            self.pos += 1;
        }
    }

    fn got(&mut self, kind: T) -> bool {
        let found = self.tok() == kind;
        if found {
            self.next();
        }
        found
    }

    /// Consumes a `kind` token, or reports `unexpected X, expecting <what>`.
    fn expect(&mut self, kind: T, what: &str) {
        if !self.got(kind) {
            self.error_expected(what);
        }
    }

    fn text(&self, span: Span) -> &'a str {
        let text: &'a str = &self.file.text;
        text.get(span.lo as usize..span.hi as usize).unwrap_or("")
    }

    /// The span from `lo` to the end of the last consumed token.
    fn span_from(&self, lo: u32) -> Span {
        Span::new(lo, self.prev_hi.max(lo))
    }

    fn empty_span_here(&self) -> Span {
        let lo = self.cur_span().lo;
        Span::new(lo, lo)
    }

    // ---- Nodes --------------------------------------------------------------------

    fn new_id(&mut self) -> NodeId {
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    fn new_expr(&mut self, kind: ExprKind, span: Span) -> Expr {
        Expr { id: self.new_id(), kind, span }
    }

    fn bad_expr(&mut self) -> Expr {
        let span = self.empty_span_here();
        self.new_expr(ExprKind::Bad, span)
    }

    fn empty_stmt(&self) -> Stmt {
        Stmt { kind: StmtKind::Empty, span: self.empty_span_here() }
    }

    fn parse_ident(&mut self) -> Ident {
        let span = self.cur_span();
        if self.tok() == T::Ident {
            self.next();
            let name = self.text(span).to_string();
            Ident { id: self.new_id(), name, span }
        } else {
            self.error_expected("name");
            Ident { id: self.new_id(), name: "_".to_string(), span: Span::new(span.lo, span.lo) }
        }
    }

    fn parse_ident_list(&mut self) -> Vec<Ident> {
        let mut names = vec![self.parse_ident()];
        while self.got(T::Comma) {
            names.push(self.parse_ident());
        }
        names
    }

    fn ident_expr(&mut self, ident: Ident) -> Expr {
        Expr { id: ident.id, kind: ExprKind::Ident(ident.name), span: ident.span }
    }

    fn here(&self) -> ParsePoint {
        ParsePoint { start: self.pos, expr_level: self.expr_level }
    }

    /// Parses the tokens at `point` again with `parse`, yielding a copy of what was
    /// parsed there with fresh node ids. Errors were reported the first time and are
    /// not repeated; the parser's position is left unchanged.
    fn reparse<R>(&mut self, point: ParsePoint, parse: impl FnOnce(&mut Self) -> R) -> R {
        let saved = (self.pos, self.prev_hi, self.expr_level, self.type_switch_guard_allowed, self.last_error_line);
        let saved_errors = self.diagnostics.len();
        self.pos = point.start;
        self.expr_level = point.expr_level;
        self.type_switch_guard_allowed = false;
        let result = parse(self);
        (self.pos, self.prev_hi, self.expr_level, self.type_switch_guard_allowed, self.last_error_line) = saved;
        self.diagnostics.truncate(saved_errors);
        result
    }

    // ---- Errors and recovery ------------------------------------------------------

    /// Records an error unless one was already reported on the same line or the rest
    /// of the file was abandoned.
    fn error_at(&mut self, span: Span, message: impl Into<String>) {
        let line = self.file.line(span.lo);
        if self.last_error_line == Some(line) || self.abandoned {
            return;
        }
        self.last_error_line = Some(line);
        self.diagnostics.push(Diagnostic::new(span, message));
    }

    /// `syntax error: unexpected <current token><rest>`. At the end of the file after
    /// an earlier error, nothing is reported: those follow-up errors say nothing new.
    fn error_unexpected(&mut self, rest: &str) {
        if self.tok() == T::Eof && !self.diagnostics.is_empty() {
            return;
        }
        let message = format!("syntax error: unexpected {}{rest}", self.describe(&self.tokens[self.pos]));
        self.error_at(self.cur_span(), message);
    }

    /// `syntax error: unexpected <current token>, expecting <what>` (Go 1.19's wording).
    fn error_expected(&mut self, what: &str) {
        self.error_unexpected(&format!(", expecting {what}"));
    }

    /// A token as Go's error messages name it.
    fn describe(&self, token: &Token) -> String {
        match token.kind {
            T::Ident => format!("name {}", self.text(token.span)),
            kind if kind.is_literal() => format!("literal {}", self.text(token.span)),
            T::Semicolon if token.is_inserted_semicolon() => {
                if token.span.lo as usize >= self.file.text.len() { "EOF" } else { "newline" }.to_string()
            }
            T::Semicolon => "semicolon".to_string(),
            T::Comma => "comma".to_string(),
            kind if kind.is_keyword() => format!("keyword {}", kind.as_str()),
            kind => kind.as_str().to_string(),
        }
    }

    /// Skips tokens up to one in `stop` or an unmatched closing bracket, stepping over
    /// bracketed groups on the way. Stops at the end of the file.
    fn skip_until(&mut self, stop: &[T]) {
        let mut depth = 0u32;
        loop {
            let kind = self.tok();
            if kind == T::Eof || depth == 0 && (stop.contains(&kind) || is_closing_bracket(kind)) {
                return;
            }
            match kind {
                T::LParen | T::LBrack | T::LBrace => depth += 1,
                T::RParen | T::RBrack | T::RBrace => depth -= 1,
                _ => {}
            }
            self.next();
        }
    }

    /// Enters one level of nesting; past [`MAX_NESTING`] reports the error, abandons
    /// the rest of the file (jumps to its end, so every caller unwinds promptly) and
    /// returns false. Each successful `enter` is paired with `self.depth -= 1`.
    fn enter(&mut self) -> bool {
        if self.depth >= MAX_NESTING {
            if !self.abandoned {
                let span = self.cur_span();
                self.last_error_line = None;
                self.error_at(span, "syntax error: nesting too deep");
                self.abandoned = true;
                self.pos = self.tokens.len() - 1;
            }
            return false;
        }
        self.depth += 1;
        true
    }

    /// Runs `parse` at expression level `level`, where a `.(type)` guard is not allowed.
    fn at_level<R>(&mut self, level: i32, parse: impl FnOnce(&mut Self) -> R) -> R {
        let saved = (self.expr_level, self.type_switch_guard_allowed);
        self.expr_level = level;
        self.type_switch_guard_allowed = false;
        let result = parse(self);
        (self.expr_level, self.type_switch_guard_allowed) = saved;
        result
    }

    /// Runs `parse` one expression level deeper (inside `()`, `[]`, or literal braces).
    fn nested<R>(&mut self, parse: impl FnOnce(&mut Self) -> R) -> R {
        self.at_level(self.expr_level + 1, parse)
    }

    /// `element { separator element } [separator] close`, the opening bracket already
    /// consumed. On a missing separator reports `unexpected X, expecting comma or )`
    /// and skips to `close`.
    fn parse_list(&mut self, separator: T, close: T, mut element: impl FnMut(&mut Self)) {
        while self.tok() != T::Eof && self.tok() != close {
            element(self);
            if !self.got(separator) && self.tok() != close {
                let separator_name = if separator == T::Comma { "comma" } else { "semicolon or newline" };
                self.error_expected(&format!("{separator_name} or {}", close.as_str()));
                self.skip_until(&[close]);
                if self.tok() != close {
                    return;
                }
            }
        }
        self.expect(close, close.as_str());
    }

    // ---- Comments -----------------------------------------------------------------

    /// End of the last real token before `index` (0 at the start of the file).
    fn previous_token_end(&self, index: usize) -> u32 {
        self.tokens[..index].iter().rev().find(|t| !t.is_inserted_semicolon()).map_or(0, |t| t.span.hi)
    }

    /// The comment group directly above the token at `index`, as indices into
    /// `comments`: consecutive comments with no blank line between them, the last
    /// ending on the line above the token, none sharing a line with the previous
    /// token (go/parser's lead comment).
    fn doc_group(&self, index: usize) -> std::ops::Range<usize> {
        let token_lo = self.tokens[index].span.lo;
        let token_line = self.file.line(token_lo);
        let previous_hi = self.previous_token_end(index);
        let previous_line = (previous_hi > 0).then(|| self.file.line(previous_hi - 1));
        let end = self.comments.partition_point(|c| c.hi <= token_lo);
        let mut start = end;
        let mut following_line = token_line;
        while start > 0 {
            let comment = self.comments[start - 1];
            let first_line = self.file.line(comment.lo);
            let last_line = self.file.line(comment.hi.saturating_sub(1).max(comment.lo));
            // The group's last comment must end on the line above the token; each
            // earlier one on the line of the next one's start, or the line above.
            let adjacent = if start == end { last_line + 1 == following_line } else { last_line + 1 >= following_line };
            if comment.lo < previous_hi || !adjacent || Some(first_line) == previous_line {
                break;
            }
            following_line = first_line;
            start -= 1;
        }
        start..end
    }

    /// The text of a doc comment group with its comment markers removed, the way cgo
    /// reads a preamble (`commentText` in cmd/cgo): each `//` comment contributes its
    /// line plus a newline, each `/* */` comment its inside. Returns the text and the
    /// line of its first comment.
    fn doc_text(&self, index: usize) -> Option<(String, u32)> {
        let group = &self.comments[self.doc_group(index)];
        let first = group.first()?;
        let mut text = String::new();
        for &comment in group {
            let comment = strip_cr(self.text(comment));
            if let Some(line) = comment.strip_prefix("//") {
                text.push_str(line);
                text.push('\n');
            } else {
                let inside = comment.get(2..).unwrap_or("");
                text.push_str(inside.strip_suffix("*/").unwrap_or(inside));
            }
        }
        Some((text, self.file.line(first.lo)))
    }

    /// The pragmas of the declaration starting at the token at `index`, with the
    /// spans of their comments: `//go:` directives at the start of a line between
    /// the previous token and this one (as `go:name args`), and cgo's `//export
    /// NAME` lines in its doc comment group (as `export NAME`).
    fn pragmas_before(&self, index: usize) -> (Vec<String>, Vec<Span>) {
        let previous_hi = self.previous_token_end(index);
        let token_lo = self.tokens[index].span.lo;
        let first = self.comments.partition_point(|c| c.lo < previous_hi);
        let end = self.comments.partition_point(|c| c.lo < token_lo).max(first);
        let doc = self.doc_group(index);
        (first..end)
            .filter_map(|i| {
                let c = self.comments[i];
                let text = self.text(c);
                let pragma = match text.strip_prefix("//go:") {
                    Some(directive) if self.file.line_col(c.lo).1 == 1 => format!("go:{}", directive.trim_end()),
                    _ => match text.strip_prefix("//export ") {
                        Some(name) if doc.contains(&i) => format!("export {}", name.trim()),
                        _ => return None,
                    },
                };
                Some((pragma, c))
            })
            .unzip()
    }

    // ---- Files and declarations ---------------------------------------------------

    fn parse_source_file(&mut self) -> File {
        if self.tok() != T::Package {
            self.error_at(self.cur_span(), "syntax error: package statement must be first");
            let package = Ident { id: self.new_id(), name: String::new(), span: self.empty_span_here() };
            return File { package, imports: Vec::new(), decls: Vec::new() };
        }
        self.next();
        let package = self.parse_ident();
        self.after_top_level_declaration();

        let mut imports = Vec::new();
        while self.tok() == T::Import {
            self.parse_import_decl(&mut imports);
            self.after_top_level_declaration();
        }

        let mut decls = Vec::new();
        while self.tok() != T::Eof {
            match self.tok() {
                T::Import => {
                    self.error_at(self.cur_span(), "syntax error: imports must appear before other declarations");
                    self.parse_import_decl(&mut imports);
                }
                T::Func => {
                    let func = self.parse_func_decl();
                    decls.push(Decl::Func(func));
                }
                T::Var | T::Const | T::Type => {
                    let decl = self.parse_decl();
                    decls.push(decl);
                }
                _ => {
                    let after_bodiless_func = matches!(decls.last(), Some(Decl::Func(f)) if f.body.is_none());
                    if after_bodiless_func && self.tokens[self.pos - 1].kind == T::Semicolon && self.tok() == T::LBrace {
                        self.error_at(self.cur_span(), "syntax error: unexpected semicolon or newline before {");
                    } else {
                        self.error_at(self.cur_span(), "syntax error: non-declaration statement outside function body");
                    }
                    self.next();
                    self.skip_to_declaration();
                    continue;
                }
            }
            self.after_top_level_declaration();
        }
        File { package, imports, decls }
    }

    fn after_top_level_declaration(&mut self) {
        if self.tok() == T::Eof || self.got(T::Semicolon) {
            return;
        }
        self.error_unexpected(" after top level declaration");
        self.skip_to_declaration();
    }

    /// Skips to the next keyword that starts a top-level declaration at the start of
    /// a line (or after a `;`).
    fn skip_to_declaration(&mut self) {
        while self.tok() != T::Eof {
            let at_declaration = matches!(self.tok(), T::Func | T::Var | T::Const | T::Type | T::Import);
            if at_declaration && self.tokens[self.pos - 1].kind == T::Semicolon {
                return;
            }
            self.next();
        }
    }

    fn parse_import_decl(&mut self, imports: &mut Vec<Import>) {
        let decl_doc = self.doc_text(self.pos);
        self.next(); // `import`
        let grouped = self.tok() == T::LParen;
        let specs = self.parse_group(|p, _| {
            let doc = if grouped { p.doc_text(p.pos) } else { None };
            p.parse_import_spec(doc)
        });
        // As cgo does: a lone spec without its own comment takes the declaration's.
        let lone = specs.len() == 1;
        imports.extend(specs.into_iter().map(|mut spec| {
            if let (true, None, Some((doc, line))) = (lone, &spec.doc, &decl_doc) {
                spec.doc = Some(doc.clone());
                spec.doc_line = *line;
            }
            spec
        }));
    }

    fn parse_import_spec(&mut self, doc: Option<(String, u32)>) -> Import {
        let lo = self.cur_span().lo;
        let name = match self.tok() {
            T::Ident => Some(self.parse_ident()),
            T::Period => {
                let span = self.cur_span();
                self.next();
                Some(Ident { id: self.new_id(), name: ".".to_string(), span })
            }
            _ => None,
        };
        let path = match &self.tokens[self.pos].value {
            LiteralValue::Bytes(bytes) if self.tok() == T::String => {
                let path = String::from_utf8_lossy(bytes).into_owned();
                if let Some(problem) = import_path_problem(&path) {
                    self.error_at(self.cur_span(), problem);
                }
                self.next();
                path
            }
            _ => {
                if matches!(self.tok(), T::Semicolon | T::RParen) {
                    self.error_at(self.cur_span(), "syntax error: missing import path");
                } else {
                    self.error_at(self.cur_span(), "syntax error: import path must be a string");
                }
                String::new()
            }
        };
        let (doc, doc_line) = doc.map_or((None, 0), |(text, line)| (Some(text), line));
        Import { name, path, span: self.span_from(lo), doc, doc_line }
    }

    /// `spec` or `( { spec ; } )`. The callback gets the specs parsed so far.
    fn parse_group<S>(&mut self, mut parse_spec: impl FnMut(&mut Self, &[S]) -> S) -> Vec<S> {
        let mut specs = Vec::new();
        if self.got(T::LParen) {
            self.parse_list(T::Semicolon, T::RParen, |p| {
                let spec = parse_spec(p, &specs);
                specs.push(spec);
            });
        } else {
            let spec = parse_spec(self, &specs);
            specs.push(spec);
        }
        specs
    }

    /// `var`, `const` or `type` declaration (at top level or in a function body).
    fn parse_decl(&mut self) -> Decl {
        let keyword = self.tok();
        self.next();
        match keyword {
            T::Var => Decl::Var(self.parse_group(|p, _| p.parse_var_spec())),
            T::Const => {
                let mut last_explicit = None;
                Decl::Const(self.parse_group(|p, previous| p.parse_const_spec(previous.len() as u32, &mut last_explicit)))
            }
            _ => Decl::Type(self.parse_group(|p, _| p.parse_type_spec())),
        }
    }

    fn parse_var_spec(&mut self) -> VarSpec {
        let lo = self.cur_span().lo;
        let names = self.parse_ident_list();
        let ty = if self.tok() == T::Assign { None } else { Some(self.parse_type()) };
        let values = if self.got(T::Assign) { self.parse_expr_list() } else { Vec::new() };
        VarSpec { names, ty, values, span: self.span_from(lo) }
    }

    /// A constant spec; `last_explicit` locates the type and values of the group's last
    /// spec that had values, which a spec without them repeats.
    fn parse_const_spec(&mut self, iota: u32, last_explicit: &mut Option<ParsePoint>) -> ConstSpec {
        let lo = self.cur_span().lo;
        let names = self.parse_ident_list();
        let point = self.here();
        let (mut ty, mut values) = self.parse_const_type_and_values();
        let mut implicit = false;
        match (&ty, values.is_empty(), *last_explicit) {
            (None, true, Some(previous)) => {
                (ty, values) = self.reparse(previous, Self::parse_const_type_and_values);
                implicit = true;
            }
            (_, true, _) => {
                let span = names[0].span;
                self.error_at(span, "missing init expr for const declaration");
            }
            (_, false, _) => *last_explicit = Some(point),
        }
        ConstSpec { names, ty, values, implicit, iota, span: self.span_from(lo) }
    }

    fn parse_const_type_and_values(&mut self) -> (Option<Expr>, Vec<Expr>) {
        let ty = if matches!(self.tok(), T::Eof | T::Semicolon | T::RParen | T::Assign) {
            None
        } else {
            Some(self.parse_type())
        };
        let values = if self.got(T::Assign) { self.parse_expr_list() } else { Vec::new() };
        (ty, values)
    }

    fn parse_type_spec(&mut self) -> TypeSpec {
        let lo = self.cur_span().lo;
        let name = self.parse_ident();
        if self.tok() == T::LBrack && self.looks_like_type_parameters() {
            let span = self.skip_brackets();
            self.error_at(span, "not supported yet: type parameters");
        }
        let alias = self.got(T::Assign);
        let ty = if can_start_type(self.tok()) {
            self.parse_type()
        } else {
            self.error_unexpected(" in type declaration");
            self.bad_expr()
        };
        TypeSpec { name, alias, ty, span: self.span_from(lo) }
    }

    /// At `[` after a declared type's name: `type T[P any] ...` rather than the array
    /// type of `type A [N]int`. Like Go's parser this looks at what follows the first
    /// name; unlike it, `[P *C]` is taken for an array length.
    fn looks_like_type_parameters(&self) -> bool {
        self.peek(1) == T::Ident
            && matches!(
                self.peek(2),
                T::Ident | T::Comma | T::Interface | T::Tilde | T::LBrack | T::Func | T::Chan | T::Map | T::Struct | T::LParen
            )
    }

    /// Skips a bracketed group starting at the current `[`, returning its span.
    fn skip_brackets(&mut self) -> Span {
        let lo = self.cur_span().lo;
        self.next();
        self.skip_until(&[]);
        self.expect(T::RBrack, "]");
        self.span_from(lo)
    }

    fn parse_func_decl(&mut self) -> FuncDecl {
        let lo = self.cur_span().lo;
        let (pragmas, pragma_spans) = self.pragmas_before(self.pos);
        self.next(); // `func`
        let recv = if self.tok() == T::LParen { Some(self.parse_parameter_list()) } else { None };
        let name = self.parse_ident();
        let type_params = if self.tok() == T::LBrack { Some(self.skip_brackets()) } else { None };
        let sig = self.parse_signature(lo);
        let body = if self.tok() == T::LBrace { Some(self.at_level(0, Self::parse_block)) } else { None };
        FuncDecl { name, recv, type_params, sig, body, pragmas, pragma_spans, span: self.span_from(lo) }
    }

    // ---- Signatures ---------------------------------------------------------------

    /// Parameters and results, `func` (and any name) already consumed.
    fn parse_signature(&mut self, lo: u32) -> FuncType {
        let params = if self.tok() == T::LParen {
            self.parse_parameter_list()
        } else {
            self.error_expected("(");
            Vec::new()
        };
        let results = if self.tok() == T::LParen {
            self.parse_parameter_list()
        } else if can_start_type(self.tok()) {
            let ty = self.parse_type();
            vec![Param { name: None, span: ty.span, ty, variadic: false }]
        } else {
            Vec::new()
        };
        FuncType { params, results, span: self.span_from(lo) }
    }

    /// `( [ entry { , entry } [,] ] )` with Go's grouping rule: if any entry is
    /// `name Type`, every entry is a name and lone names take the type that follows
    /// them (`a, b int`); otherwise every entry is a type (`int, string`).
    fn parse_parameter_list(&mut self) -> Vec<Param> {
        self.next(); // `(`
        let mut entries = Vec::new();
        self.nested(|p| p.parse_list(T::Comma, T::RParen, |p| entries.push(p.parse_param_entry())));

        let named = entries.iter().any(|e| e.name.is_some() && e.ty.is_some());
        if !named {
            return entries
                .into_iter()
                .map(|entry| {
                    let ty = match (entry.ty, entry.name) {
                        (Some((ty, _)), _) => ty,
                        (None, Some(name)) => self.ident_expr(name),
                        (None, None) => self.bad_expr(),
                    };
                    Param { name: None, ty, variadic: entry.variadic, span: entry.span }
                })
                .collect();
        }
        let mut params = Vec::with_capacity(entries.len());
        let mut following_type: Option<(ParsePoint, bool, Span)> = None;
        for entry in entries.into_iter().rev() {
            match (entry.name, entry.ty) {
                (Some(name), Some((ty, point))) => {
                    following_type = Some((point, entry.variadic, ty.span));
                    params.push(Param { name: Some(name), ty, variadic: entry.variadic, span: entry.span });
                }
                (Some(name), None) => match following_type {
                    Some((point, variadic, ty_span)) => {
                        let ty = self.reparse(point, Self::parse_type);
                        params.push(Param { span: name.span.to(ty_span), name: Some(name), ty, variadic });
                    }
                    None => {
                        self.error_at(name.span, "syntax error: mixed named and unnamed parameters");
                        let ty = self.ident_expr(name);
                        params.push(Param { name: None, ty, variadic: false, span: entry.span });
                    }
                },
                (None, ty) => {
                    self.error_at(entry.span, "syntax error: mixed named and unnamed parameters");
                    let ty = match ty {
                        Some((ty, _)) => ty,
                        None => self.bad_expr(),
                    };
                    params.push(Param { name: None, ty, variadic: entry.variadic, span: entry.span });
                }
            }
        }
        params.reverse();
        params
    }

    fn parse_param_entry(&mut self) -> ParamEntry {
        let lo = self.cur_span().lo;
        let mut name = None;
        if self.tok() == T::Ident {
            let ident = self.parse_ident();
            match self.tok() {
                T::Period => {
                    // A qualified type name `pkg.T`.
                    let point = ParsePoint { start: self.pos - 1, expr_level: self.expr_level };
                    let x = self.ident_expr(ident);
                    let ty = self.parse_qualified_type_rest(x);
                    return ParamEntry { name: None, ty: Some((ty, point)), variadic: false, span: self.span_from(lo) };
                }
                kind if kind == T::Ellipsis || can_start_type(kind) => name = Some(ident),
                _ => return ParamEntry { name: Some(ident), ty: None, variadic: false, span: self.span_from(lo) },
            }
        }
        let variadic = self.got(T::Ellipsis);
        let point = self.here();
        let ty = self.parse_type();
        ParamEntry { name, ty: Some((ty, point)), variadic, span: self.span_from(lo) }
    }

    // ---- Types --------------------------------------------------------------------

    fn parse_type(&mut self) -> Expr {
        if !self.enter() {
            return self.bad_expr();
        }
        let ty = self.parse_type_inner();
        self.depth -= 1;
        ty
    }

    fn parse_type_inner(&mut self) -> Expr {
        let lo = self.cur_span().lo;
        match self.tok() {
            T::Ident => {
                let ident = self.parse_ident();
                let x = self.ident_expr(ident);
                self.parse_qualified_type_rest(x)
            }
            T::LBrack => self.parse_array_or_slice_type(),
            T::Mul => {
                self.next();
                let elem = self.parse_type();
                self.new_expr(ExprKind::Star(Box::new(elem)), self.span_from(lo))
            }
            T::Arrow => {
                self.next();
                if !self.got(T::Chan) {
                    self.error_expected("chan");
                    return self.bad_expr();
                }
                let elem = self.parse_channel_element_type();
                self.new_expr(ExprKind::ChanType { dir: ChanDir::Recv, elem: Box::new(elem) }, self.span_from(lo))
            }
            T::Chan => {
                self.next();
                let dir = if self.got(T::Arrow) { ChanDir::Send } else { ChanDir::Both };
                let elem = self.parse_channel_element_type();
                self.new_expr(ExprKind::ChanType { dir, elem: Box::new(elem) }, self.span_from(lo))
            }
            T::Map => {
                self.next();
                self.expect(T::LBrack, "[");
                let key = self.nested(Self::parse_type);
                self.expect(T::RBrack, "]");
                let value = self.parse_type();
                self.new_expr(ExprKind::MapType { key: Box::new(key), value: Box::new(value) }, self.span_from(lo))
            }
            T::Func => {
                self.next();
                let sig = self.parse_signature(lo);
                self.new_expr(ExprKind::FuncType(sig), self.span_from(lo))
            }
            T::Struct => self.parse_struct_type(),
            T::Interface => self.parse_interface_type(),
            T::LParen => {
                self.next();
                let inner = self.nested(Self::parse_type);
                self.expect(T::RParen, ")");
                self.new_expr(ExprKind::Paren(Box::new(inner)), self.span_from(lo))
            }
            _ => {
                self.error_expected("type");
                self.bad_expr()
            }
        }
    }

    fn parse_channel_element_type(&mut self) -> Expr {
        if can_start_type(self.tok()) {
            return self.parse_type();
        }
        self.error_at(self.cur_span(), "syntax error: missing channel element type");
        self.bad_expr()
    }

    /// After a type's first name: `.Name` of a qualified name, then type arguments.
    fn parse_qualified_type_rest(&mut self, mut x: Expr) -> Expr {
        let lo = x.span.lo;
        if self.got(T::Period) {
            let sel = self.parse_ident();
            x = self.new_expr(ExprKind::Selector { x: Box::new(x), sel }, self.span_from(lo));
        }
        if self.tok() == T::LBrack {
            self.next();
            let index = self.nested(|p| {
                let first = p.parse_type();
                if p.tok() == T::Comma {
                    p.error_at(p.cur_span(), "not supported yet: type parameters");
                    while p.got(T::Comma) && p.tok() != T::RBrack {
                        p.parse_type();
                    }
                }
                first
            });
            self.expect(T::RBrack, "]");
            x = self.new_expr(ExprKind::Index { x: Box::new(x), index: Box::new(index) }, self.span_from(lo));
        }
        x
    }

    fn parse_array_or_slice_type(&mut self) -> Expr {
        let lo = self.cur_span().lo;
        self.next(); // `[`
        let len = match self.tok() {
            T::RBrack => {
                self.next();
                let elem = self.parse_type();
                return self.new_expr(ExprKind::SliceType(Box::new(elem)), self.span_from(lo));
            }
            T::Ellipsis if self.peek(1) == T::RBrack => {
                self.next();
                None
            }
            _ => Some(Box::new(self.nested(Self::parse_expr))),
        };
        self.expect(T::RBrack, "]");
        let elem = self.parse_type();
        self.new_expr(ExprKind::ArrayType { len, elem: Box::new(elem) }, self.span_from(lo))
    }

    fn parse_struct_type(&mut self) -> Expr {
        let lo = self.cur_span().lo;
        self.next(); // `struct`
        let mut fields = Vec::new();
        if self.got(T::LBrace) {
            self.nested(|p| p.parse_list(T::Semicolon, T::RBrace, |p| p.parse_field_decl(&mut fields)));
        } else {
            self.error_expected("{");
        }
        self.new_expr(ExprKind::StructType(fields), self.span_from(lo))
    }

    /// One line of a struct: `a, b T "tag"` (one `FieldDecl` per name) or an embedded
    /// `T`, `*T`, `pkg.T`.
    fn parse_field_decl(&mut self, fields: &mut Vec<FieldDecl>) {
        let lo = self.cur_span().lo;
        match self.tok() {
            T::Ident if matches!(self.peek(1), T::Period | T::Semicolon | T::RBrace | T::String) => {
                let ty = self.parse_type();
                fields.push(FieldDecl { name: None, ty, span: self.span_from(lo) });
            }
            T::Ident => {
                let names = self.parse_ident_list();
                let point = self.here();
                let ty = self.parse_type();
                let span = self.span_from(lo);
                let mut ty = Some(ty);
                for name in names {
                    let ty = match ty.take() {
                        Some(ty) => ty,
                        None => self.reparse(point, Self::parse_type),
                    };
                    fields.push(FieldDecl { name: Some(name), ty, span });
                }
            }
            T::Mul => {
                let ty = self.parse_type();
                fields.push(FieldDecl { name: None, ty, span: self.span_from(lo) });
            }
            T::LParen => {
                self.error_at(self.cur_span(), "syntax error: cannot parenthesize embedded type");
                let ty = self.parse_type();
                fields.push(FieldDecl { name: None, ty, span: self.span_from(lo) });
            }
            _ => {
                self.error_expected("field name or embedded type");
                return;
            }
        }
        self.got(T::String); // the tag, which the compiler ignores
    }

    fn parse_interface_type(&mut self) -> Expr {
        let lo = self.cur_span().lo;
        self.next(); // `interface`
        let mut elems = 0;
        if self.got(T::LBrace) {
            self.nested(|p| {
                p.parse_list(T::Semicolon, T::RBrace, |p| {
                    p.parse_interface_elem();
                    elems += 1;
                })
            });
        } else {
            self.error_expected("{");
        }
        self.new_expr(ExprKind::InterfaceType { elems }, self.span_from(lo))
    }

    /// A method `Name(params) results` or a type-set element `~T | U`; only counted.
    fn parse_interface_elem(&mut self) {
        if self.tok() == T::Ident && self.peek(1) == T::LParen {
            let name = self.parse_ident();
            self.parse_signature(name.span.lo);
            return;
        }
        loop {
            self.got(T::Tilde);
            self.parse_type();
            if !self.got(T::Or) {
                return;
            }
        }
    }

    // ---- Expressions --------------------------------------------------------------

    fn parse_expr(&mut self) -> Expr {
        self.parse_binary_expr(1)
    }

    fn parse_expr_list(&mut self) -> Vec<Expr> {
        let mut list = vec![self.parse_expr()];
        while self.got(T::Comma) {
            list.push(self.parse_expr());
        }
        list
    }

    /// Operators of precedence `min_precedence` and above, left-associative.
    fn parse_binary_expr(&mut self, min_precedence: u8) -> Expr {
        let mut x = self.parse_unary_expr();
        let mut links = 0;
        while let Some((op, precedence)) = binary_op(self.tok()) {
            if precedence < min_precedence || !self.enter() {
                break;
            }
            links += 1;
            self.next();
            let y = self.parse_binary_expr(precedence + 1);
            let span = x.span.to(y.span);
            x = self.new_expr(ExprKind::Binary { op, x: Box::new(x), y: Box::new(y) }, span);
        }
        self.depth -= links;
        x
    }

    fn parse_unary_expr(&mut self) -> Expr {
        if !self.enter() {
            return self.bad_expr();
        }
        let x = self.parse_unary_expr_inner();
        self.depth -= 1;
        x
    }

    fn parse_unary_expr_inner(&mut self) -> Expr {
        let lo = self.cur_span().lo;
        let op = match self.tok() {
            T::Add => UnOp::Plus,
            T::Sub => UnOp::Neg,
            T::Not => UnOp::Not,
            T::Xor => UnOp::Xor,
            T::And => UnOp::Addr,
            T::Mul => {
                self.next();
                let x = self.parse_unary_expr();
                return self.new_expr(ExprKind::Star(Box::new(x)), self.span_from(lo));
            }
            T::Arrow => {
                let arrow = self.cur_span();
                self.next();
                let x = self.parse_unary_expr();
                if matches!(x.kind, ExprKind::ChanType { .. }) {
                    return self.reassociate_receive_type(arrow, x);
                }
                return self.new_expr(ExprKind::Unary { op: UnOp::Recv, x: Box::new(x) }, self.span_from(lo));
            }
            _ => return self.parse_primary_expr(),
        };
        self.next();
        let x = self.parse_unary_expr();
        self.new_expr(ExprKind::Unary { op, x: Box::new(x) }, self.span_from(lo))
    }

    /// `<-` followed by a channel type is a receive-only channel type, and the arrow
    /// binds to the leftmost `chan`: `<-chan chan<- T` parsed as `<-(chan (chan<- T))`
    /// becomes `<-chan (chan<- T)`, and the `chan<- chan T` read for `<-chan <-chan T`
    /// becomes `<-chan (<-chan T)`.
    fn reassociate_receive_type(&mut self, arrow: Span, mut x: Expr) -> Expr {
        x.span = arrow.to(x.span);
        let mut current = &mut x;
        loop {
            let ExprKind::ChanType { dir, elem } = &mut current.kind else {
                self.error_at(arrow, "syntax error: unexpected <-, expecting channel type");
                break;
            };
            let previous = *dir;
            *dir = ChanDir::Recv;
            match previous {
                ChanDir::Send => current = elem,
                ChanDir::Recv => {
                    self.error_at(arrow, "syntax error: unexpected <-, expecting chan");
                    break;
                }
                ChanDir::Both => break,
            }
        }
        x
    }

    /// An operand followed by selectors, index and slice expressions, type
    /// assertions, calls and composite-literal braces.
    fn parse_primary_expr(&mut self) -> Expr {
        let mut x = self.parse_operand();
        let mut links = 0;
        loop {
            let continues = match self.tok() {
                T::Period | T::LBrack | T::LParen => true,
                T::LBrace => self.may_be_composite_literal_type(&x),
                _ => false,
            };
            if !continues || !self.enter() {
                break;
            }
            links += 1;
            x = match self.tok() {
                T::Period => self.parse_selector_or_type_assertion(x),
                T::LBrack => self.parse_index_or_slice(x),
                T::LParen => self.parse_call(x),
                _ => self.parse_literal_value(Some(x)),
            };
        }
        self.depth -= links;
        x
    }

    /// Whether a `{` after `x` opens a composite literal (see the module doc).
    fn may_be_composite_literal_type(&self, x: &Expr) -> bool {
        match &x.kind {
            ExprKind::Ident(_) | ExprKind::Selector { .. } | ExprKind::Index { .. } | ExprKind::Bad => self.expr_level >= 0,
            ExprKind::ArrayType { .. } | ExprKind::SliceType(_) | ExprKind::StructType(_) | ExprKind::MapType { .. } => true,
            ExprKind::Paren(inner) => self.may_be_composite_literal_type(inner),
            _ => false,
        }
    }

    fn parse_operand(&mut self) -> Expr {
        let span = self.cur_span();
        let kind = match self.tok() {
            T::Ident => {
                let ident = self.parse_ident();
                return self.ident_expr(ident);
            }
            T::Int => ExprKind::IntLit(self.text(span).to_string()),
            T::Float => ExprKind::FloatLit(self.text(span).to_string()),
            T::Imag => ExprKind::ImagLit(self.text(span).to_string()),
            T::Char => match self.tokens[self.pos].value {
                LiteralValue::Rune(value) => ExprKind::CharLit(value),
                _ => ExprKind::Bad,
            },
            T::String => match &self.tokens[self.pos].value {
                LiteralValue::Bytes(bytes) => ExprKind::StringLit(bytes.clone()),
                _ => ExprKind::Bad,
            },
            T::LParen => {
                self.next();
                let inner = self.nested(Self::parse_expr);
                self.expect(T::RParen, ")");
                return self.new_expr(ExprKind::Paren(Box::new(inner)), self.span_from(span.lo));
            }
            T::Func => {
                self.next();
                let sig = self.parse_signature(span.lo);
                if self.tok() != T::LBrace {
                    return self.new_expr(ExprKind::FuncType(sig), self.span_from(span.lo));
                }
                let body = self.at_level(0, Self::parse_block);
                return self.new_expr(ExprKind::FuncLit { sig, body }, self.span_from(span.lo));
            }
            T::LBrack | T::Struct | T::Map | T::Chan | T::Interface => return self.parse_type(),
            _ => {
                self.error_expected("expression");
                return self.bad_expr();
            }
        };
        self.next();
        self.new_expr(kind, span)
    }

    fn parse_selector_or_type_assertion(&mut self, x: Expr) -> Expr {
        let lo = x.span.lo;
        self.next(); // `.`
        match self.tok() {
            T::Ident => {
                let sel = self.parse_ident();
                self.new_expr(ExprKind::Selector { x: Box::new(x), sel }, self.span_from(lo))
            }
            T::LParen => {
                self.next();
                let ty = if self.tok() == T::Type {
                    if !self.type_switch_guard_allowed {
                        self.error_at(self.cur_span(), "syntax error: use of .(type) outside type switch");
                    }
                    self.next();
                    None
                } else {
                    Some(Box::new(self.nested(Self::parse_type)))
                };
                self.expect(T::RParen, ")");
                self.new_expr(ExprKind::TypeAssert { x: Box::new(x), ty }, self.span_from(lo))
            }
            _ => {
                self.error_expected("name or (");
                x
            }
        }
    }

    /// `x[i]`, `x[lo:hi]`, `x[lo:hi:max]` (and generic instantiation `x[T]`).
    fn parse_index_or_slice(&mut self, x: Expr) -> Expr {
        let lo = x.span.lo;
        self.next(); // `[`
        let mut indices: [Option<Box<Expr>>; 3] = [None, None, None];
        let mut colons = 0;
        self.nested(|p| {
            if p.tok() != T::Colon {
                indices[0] = Some(Box::new(p.parse_expr()));
            }
            while colons < 2 && p.got(T::Colon) {
                colons += 1;
                if !matches!(p.tok(), T::Colon | T::RBrack | T::Eof) {
                    indices[colons] = Some(Box::new(p.parse_expr()));
                }
            }
            if colons == 0 && p.tok() == T::Comma {
                p.error_at(p.cur_span(), "not supported yet: type parameters");
                while p.got(T::Comma) && p.tok() != T::RBrack {
                    p.parse_type();
                }
            }
        });
        self.expect(T::RBrack, "]");
        let span = self.span_from(lo);
        let [first, second, third] = indices;
        if colons == 0 {
            let index = match first {
                Some(index) => index,
                None => Box::new(self.bad_expr()),
            };
            return self.new_expr(ExprKind::Index { x: Box::new(x), index }, span);
        }
        let three = colons == 2;
        if three && second.is_none() {
            self.error_at(span, "middle index required in 3-index slice");
        }
        if three && third.is_none() {
            let message = "final index required in 3-index slice";
            if second.is_none() {
                // A second error on the line, which `error_at` would drop; Go reports both.
                self.diagnostics.push(Diagnostic::new(span, message));
            } else {
                self.error_at(span, message);
            }
        }
        self.new_expr(ExprKind::Slice { x: Box::new(x), lo: first, hi: second, max: third, three }, span)
    }

    fn parse_call(&mut self, func: Expr) -> Expr {
        let lo = func.span.lo;
        self.next(); // `(`
        let mut args = Vec::new();
        let mut ellipsis = false;
        self.nested(|p| {
            p.parse_list(T::Comma, T::RParen, |p| {
                args.push(p.parse_expr());
                ellipsis |= p.got(T::Ellipsis);
            })
        });
        self.new_expr(ExprKind::Call { func: Box::new(func), args, ellipsis }, self.span_from(lo))
    }

    /// `{ [key :] value, ... }` at the current `{`; `ty` is `None` for an elided type.
    fn parse_literal_value(&mut self, ty: Option<Expr>) -> Expr {
        let lo = ty.as_ref().map_or(self.cur_span().lo, |t| t.span.lo);
        if !self.enter() {
            return self.bad_expr();
        }
        if let Some(Expr { kind: ExprKind::Paren(_), span, .. }) = &ty {
            self.error_at(*span, "syntax error: cannot parenthesize type in composite literal");
        }
        self.next(); // `{`
        let mut elems = Vec::new();
        self.nested(|p| p.parse_list(T::Comma, T::RBrace, |p| elems.push(p.parse_element())));
        self.depth -= 1;
        self.new_expr(ExprKind::CompositeLit { ty: ty.map(Box::new), elems }, self.span_from(lo))
    }

    fn parse_element(&mut self) -> Element {
        let value = self.parse_element_value();
        if self.got(T::Colon) {
            let key = value;
            let value = self.parse_element_value();
            Element { key: Some(key), value }
        } else {
            Element { key: None, value }
        }
    }

    fn parse_element_value(&mut self) -> Expr {
        if self.tok() == T::LBrace {
            self.parse_literal_value(None)
        } else {
            self.parse_expr()
        }
    }

    // ---- Statements ---------------------------------------------------------------

    /// `{ statements }` at the current `{`.
    fn parse_block(&mut self) -> Block {
        let lo = self.cur_span().lo;
        self.next(); // `{`
        let stmts = self.parse_stmt_list();
        self.expect(T::RBrace, "}");
        Block { stmts, span: self.span_from(lo) }
    }

    /// The block of an `if`, `for`, ... (`context` is e.g. "if clause").
    fn parse_body_block(&mut self, context: &str) -> Block {
        if self.tok() == T::LBrace {
            return self.parse_block();
        }
        self.error_expected(&format!("{{ after {context}"));
        Block { stmts: Vec::new(), span: self.empty_span_here() }
    }

    /// Skips to the first token of `stop` (or the end of the file), ignoring nesting:
    /// resynchronises after a broken statement header.
    fn skip_to(&mut self, stop: &[T]) {
        while !stop.contains(&self.tok()) && self.tok() != T::Eof {
            self.next();
        }
    }

    /// Statements up to a `}`, `case`, `default` or the end of the file.
    fn parse_stmt_list(&mut self) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        loop {
            match self.tok() {
                T::RBrace | T::Eof | T::Case | T::Default => return stmts,
                T::Semicolon => {
                    self.next();
                    continue;
                }
                _ => {}
            }
            let start = self.pos;
            let stmt = self.parse_stmt();
            if self.pos == start {
                if self.tok() == T::Else && self.tokens[self.pos - 1].kind == T::Semicolon {
                    self.error_at(self.cur_span(), "syntax error: unexpected semicolon or newline before else");
                } else {
                    self.error_expected("statement");
                }
                self.next();
                continue;
            }
            stmts.push(stmt);
            if !matches!(self.tok(), T::RBrace | T::Eof | T::Case | T::Default) && !self.got(T::Semicolon) {
                self.error_unexpected(" at end of statement");
                self.skip_until(&[T::Semicolon, T::Case, T::Default]);
            }
        }
    }

    fn parse_stmt(&mut self) -> Stmt {
        if !self.enter() {
            return self.empty_stmt();
        }
        let stmt = self.parse_stmt_inner();
        self.depth -= 1;
        stmt
    }

    fn parse_stmt_inner(&mut self) -> Stmt {
        let lo = self.cur_span().lo;
        let kind = match self.tok() {
            T::Var | T::Const | T::Type => StmtKind::Decl(self.parse_decl()),
            T::Ident
            | T::Int
            | T::Float
            | T::Imag
            | T::Char
            | T::String
            | T::Func
            | T::LParen
            | T::LBrack
            | T::Struct
            | T::Map
            | T::Chan
            | T::Interface
            | T::Add
            | T::Sub
            | T::Mul
            | T::And
            | T::Xor
            | T::Arrow
            | T::Not => return self.parse_simple_stmt(true),
            T::Go | T::Defer => {
                let keyword = self.tok();
                self.next();
                let call = self.parse_expr();
                match call.kind {
                    ExprKind::Call { .. } => {}
                    ExprKind::Paren(_) => {
                        self.error_at(call.span, format!("expression in {} must not be parenthesized", keyword.as_str()))
                    }
                    _ => self.error_at(call.span, format!("expression in {} must be function call", keyword.as_str())),
                }
                if keyword == T::Go {
                    StmtKind::Go(call)
                } else {
                    StmtKind::Defer(call)
                }
            }
            T::Return => {
                self.next();
                let results = if matches!(self.tok(), T::Semicolon | T::RBrace) { Vec::new() } else { self.parse_expr_list() };
                StmtKind::Return(results)
            }
            T::Break | T::Continue => {
                let keyword = self.tok();
                self.next();
                let label = if self.tok() == T::Ident { Some(self.parse_ident()) } else { None };
                if keyword == T::Break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            T::Goto => {
                self.next();
                StmtKind::Goto(self.parse_ident())
            }
            T::Fallthrough => {
                self.next();
                StmtKind::Fallthrough
            }
            T::LBrace => StmtKind::Block(self.parse_block()),
            T::If => return self.parse_if(),
            T::Switch => return self.parse_switch(),
            T::Select => return self.parse_select(),
            T::For => return self.parse_for(),
            _ => return self.empty_stmt(),
        };
        Stmt { kind, span: self.span_from(lo) }
    }

    /// An expression, send, inc/dec or assignment statement — or, with `label_ok`,
    /// a labeled statement.
    fn parse_simple_stmt(&mut self, label_ok: bool) -> Stmt {
        let lo = self.cur_span().lo;
        let lhs = self.parse_expr_list();
        self.parse_simple_stmt_rest(lo, lhs, label_ok)
    }

    fn parse_simple_stmt_rest(&mut self, lo: u32, mut lhs: Vec<Expr>, label_ok: bool) -> Stmt {
        if let Some(op) = assign_op(self.tok()) {
            self.next();
            let rhs = self.parse_expr_list();
            return Stmt { kind: StmtKind::Assign { lhs, op, rhs }, span: self.span_from(lo) };
        }
        if lhs.len() > 1 {
            self.error_expected(":= or = or comma");
        }
        let x = lhs.swap_remove(0);
        if label_ok && self.tok() == T::Colon {
            if let ExprKind::Ident(name) = &x.kind {
                let label = Ident { id: x.id, name: name.clone(), span: x.span };
                self.next();
                // A label may end a block (`L: }`) or label an empty statement (`L: ;`).
                let stmt = if matches!(self.tok(), T::RBrace | T::Semicolon) {
                    self.empty_stmt()
                } else {
                    let start = self.pos;
                    let stmt = self.parse_stmt();
                    if self.pos == start {
                        self.error_at(label.span, "syntax error: missing statement after label");
                    }
                    stmt
                };
                return Stmt { kind: StmtKind::Labeled { label, stmt: Box::new(stmt) }, span: self.span_from(lo) };
            }
        }
        let kind = match self.tok() {
            T::Inc | T::Dec => {
                let inc = self.tok() == T::Inc;
                self.next();
                StmtKind::IncDec { target: x, inc }
            }
            T::Arrow => {
                self.next();
                let value = self.parse_expr();
                StmtKind::Send { chan: x, value }
            }
            _ => StmtKind::Expr(x),
        };
        Stmt { kind, span: self.span_from(lo) }
    }

    /// The statement of an `if`/`switch`/`for` header, at expression level -1.
    fn parse_header_stmt(&mut self, keyword: T) -> Stmt {
        self.skip_var_in_header(keyword);
        self.parse_simple_stmt(false)
    }

    /// `if var x = 1; ...`: reported, then parsed as if `var` were not there.
    fn skip_var_in_header(&mut self, keyword: T) {
        if self.tok() == T::Var {
            let message = format!("syntax error: var declaration not allowed in {} initializer", keyword.as_str());
            self.error_at(self.cur_span(), message);
            self.next();
        }
    }

    /// The condition of an `if` or `for`: the expression of an expression statement.
    fn condition(&mut self, stmt: Stmt) -> Expr {
        match stmt.kind {
            StmtKind::Expr(x) => x,
            _ => {
                let message = format!("syntax error: cannot use {} as value", self.text(stmt.span));
                self.error_at(stmt.span, message);
                self.new_expr(ExprKind::Bad, stmt.span)
            }
        }
    }

    fn parse_if(&mut self) -> Stmt {
        if !self.enter() {
            return self.empty_stmt();
        }
        let lo = self.cur_span().lo;
        self.next(); // `if`
        let (init, cond) = self.parse_if_header();
        let then = self.parse_body_block("if clause");
        let els = if self.got(T::Else) {
            match self.tok() {
                T::If => Some(Box::new(self.parse_if())),
                T::LBrace => {
                    let block = self.parse_block();
                    Some(Box::new(Stmt { span: block.span, kind: StmtKind::Block(block) }))
                }
                _ => {
                    self.error_at(self.cur_span(), "syntax error: else must be followed by if or statement block");
                    None
                }
            }
        } else {
            None
        };
        self.depth -= 1;
        Stmt { kind: StmtKind::If { init, cond, then, els }, span: self.span_from(lo) }
    }

    fn parse_if_header(&mut self) -> (Option<Box<Stmt>>, Expr) {
        if self.tok() == T::LBrace {
            self.error_at(self.cur_span(), "syntax error: missing condition in if statement");
            return (None, self.bad_expr());
        }
        self.at_level(-1, |p| {
            let mut init = if p.tok() == T::Semicolon { None } else { Some(p.parse_header_stmt(T::If)) };
            let cond_stmt = match p.tok() {
                T::Semicolon => {
                    let semicolon = p.tokens[p.pos].clone();
                    p.next();
                    if p.tok() == T::LBrace {
                        let message = if semicolon.is_inserted_semicolon() {
                            format!("syntax error: unexpected {}, expecting {{ after if clause", p.describe(&semicolon))
                        } else {
                            "syntax error: missing condition in if statement".to_string()
                        };
                        p.error_at(semicolon.span, message);
                        None
                    } else {
                        Some(p.parse_simple_stmt(false))
                    }
                }
                T::LBrace => init.take(),
                _ => {
                    p.error_expected("{ after if clause");
                    p.skip_to(&[T::LBrace, T::RBrace]);
                    None
                }
            };
            let cond = match cond_stmt {
                Some(stmt) => p.condition(stmt),
                None => p.bad_expr(),
            };
            (init.map(Box::new), cond)
        })
    }

    fn parse_switch(&mut self) -> Stmt {
        let lo = self.cur_span().lo;
        self.next(); // `switch`
        let (init, tag_stmt) = self.at_level(-1, |p| {
            p.type_switch_guard_allowed = true;
            let mut init = None;
            let mut tag = None;
            if p.tok() != T::LBrace {
                if p.tok() != T::Semicolon {
                    tag = Some(p.parse_header_stmt(T::Switch));
                }
                if p.got(T::Semicolon) {
                    init = tag.take();
                    if p.tok() != T::LBrace {
                        tag = Some(p.parse_simple_stmt(false));
                    }
                }
            }
            (init.map(Box::new), tag)
        });
        let is_type_switch = tag_stmt.as_ref().is_some_and(is_type_switch_guard);
        let tag = match tag_stmt {
            Some(stmt) if !is_type_switch => Some(self.condition(stmt)),
            _ => None,
        };
        let mut clauses = Vec::new();
        let mut rbrace = self.empty_span_here();
        if self.clause_block_opens("switch clause") {
            self.parse_clauses(|p| clauses.push(p.parse_case_clause()));
            rbrace = self.cur_span();
            self.expect(T::RBrace, "}");
        }
        let span = self.span_from(lo);
        let kind = if is_type_switch { StmtKind::TypeSwitch { span } } else { StmtKind::Switch { init, tag, clauses, rbrace } };
        Stmt { kind, span }
    }

    /// Consumes the `{` of a `switch` or `select` body. If it is missing, reports
    /// `missing { after <context>` and, like Go, looks ahead for the first clause;
    /// returns whether there are clauses to parse.
    fn clause_block_opens(&mut self, context: &str) -> bool {
        if self.got(T::LBrace) {
            return true;
        }
        self.error_at(self.cur_span(), format!("syntax error: missing {{ after {context}"));
        self.skip_to(&[T::Case, T::Default, T::RBrace]);
        matches!(self.tok(), T::Case | T::Default)
    }

    /// `case`/`default` clauses up to the closing `}`.
    fn parse_clauses(&mut self, mut clause: impl FnMut(&mut Self)) {
        loop {
            match self.tok() {
                T::Case | T::Default => clause(self),
                T::RBrace | T::Eof => return,
                _ => {
                    self.error_expected("case or default or }");
                    self.next();
                    self.skip_until(&[T::Case, T::Default]);
                }
            }
        }
    }

    fn parse_case_clause(&mut self) -> CaseClause {
        let lo = self.cur_span().lo;
        let exprs = if self.got(T::Case) {
            Some(self.parse_expr_list())
        } else {
            self.next(); // `default`
            None
        };
        self.expect(T::Colon, ":");
        let body = self.parse_stmt_list();
        CaseClause { exprs, body, span: self.span_from(lo) }
    }

    fn parse_select(&mut self) -> Stmt {
        let lo = self.cur_span().lo;
        self.next(); // `select`
        let mut clauses = Vec::new();
        if self.clause_block_opens("select clause") {
            self.parse_clauses(|p| clauses.push(p.parse_comm_clause()));
            self.expect(T::RBrace, "}");
        }
        Stmt { kind: StmtKind::Select { clauses }, span: self.span_from(lo) }
    }

    fn parse_comm_clause(&mut self) -> CommClause {
        let lo = self.cur_span().lo;
        let comm = if self.got(T::Case) {
            Some(Box::new(self.parse_simple_stmt(false)))
        } else {
            self.next(); // `default`
            None
        };
        self.expect(T::Colon, ":");
        let body = self.parse_stmt_list();
        CommClause { comm, body, span: self.span_from(lo) }
    }

    fn parse_for(&mut self) -> Stmt {
        let lo = self.cur_span().lo;
        self.next(); // `for`
        let header = self.at_level(-1, Self::parse_for_header);
        let body = self.parse_body_block("for clause");
        let kind = match header {
            ForHeader::Range { key, value, define, x } => StmtKind::ForRange { key, value, define, x, body },
            ForHeader::Clauses { init, cond, post } => StmtKind::For { init, cond, post, body },
        };
        Stmt { kind, span: self.span_from(lo) }
    }

    fn parse_for_header(&mut self) -> ForHeader {
        let mut init = None;
        if self.tok() == T::LBrace {
            return ForHeader::Clauses { init: None, cond: None, post: None };
        }
        if self.got(T::Range) {
            let x = self.parse_expr();
            return ForHeader::Range { key: None, value: None, define: false, x };
        }
        if self.tok() != T::Semicolon {
            self.skip_var_in_header(T::For);
            let lo = self.cur_span().lo;
            let mut lhs = self.parse_expr_list();
            if matches!(self.tok(), T::Define | T::Assign) && self.peek(1) == T::Range {
                let define = self.tok() == T::Define;
                self.next();
                self.next();
                let x = self.parse_expr();
                if lhs.len() > 2 {
                    self.error_at(lhs[2].span, "syntax error: range clause permits at most two iteration variables");
                }
                lhs.truncate(2);
                let value = if lhs.len() == 2 { lhs.pop() } else { None };
                return ForHeader::Range { key: lhs.pop(), value, define, x };
            }
            init = Some(self.parse_simple_stmt_rest(lo, lhs, false));
        }
        if self.tok() == T::LBrace {
            // `for cond {`
            let cond = init.map(|stmt| self.condition(stmt));
            return ForHeader::Clauses { init: None, cond, post: None };
        }
        if self.tok() != T::Semicolon {
            self.error_expected("{ after for clause");
            self.skip_to(&[T::LBrace, T::RBrace]);
            return ForHeader::Clauses { init: None, cond: Some(self.bad_expr()), post: None };
        }
        self.next();
        let mut cond = None;
        if self.tok() != T::Semicolon {
            if self.tok() == T::LBrace {
                self.error_at(self.cur_span(), "syntax error: expected for loop condition");
                return ForHeader::Clauses { init: init.map(Box::new), cond: None, post: None };
            }
            let stmt = self.parse_simple_stmt(false);
            cond = Some(self.condition(stmt));
        }
        self.expect(T::Semicolon, "semicolon");
        let post = if self.tok() == T::LBrace {
            None
        } else {
            let stmt = self.parse_simple_stmt(false);
            if matches!(stmt.kind, StmtKind::Assign { op: AssignOp::Define, .. }) {
                self.error_at(stmt.span, "syntax error: cannot declare in post statement of for loop");
            }
            Some(Box::new(stmt))
        };
        ForHeader::Clauses { init: init.map(Box::new), cond, post }
    }
}

enum ForHeader {
    Range { key: Option<Expr>, value: Option<Expr>, define: bool, x: Expr },
    Clauses { init: Option<Box<Stmt>>, cond: Option<Expr>, post: Option<Box<Stmt>> },
}
