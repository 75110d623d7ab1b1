//! Parser tests: the tree shape (as S-expressions, see `common`), node ids, spans,
//! comments (pragmas, cgo preambles) and error reporting.

mod common;

use common::{messages, parse, sexpr_of};
use syntax::ast::*;
use syntax::Span;

/// The rendering of `main`'s body statements for a function body `body`.
fn body(body: &str) -> String {
    let out = sexpr_of(&format!("package p\nfunc main() {{\n{body}\n}}\n"));
    let line = out.lines().nth(1).expect("func line");
    let start = line.find("(block").expect("block");
    line[start..line.len() - 1].to_string()
}

/// The rendering of one expression.
fn expr(text: &str) -> String {
    let out = body(&format!("_ = {text}"));
    out.strip_prefix("(block (assign = (_) (").and_then(|s| s.strip_suffix(")))")).expect(&out).to_string()
}

fn decls(text: &str) -> String {
    let out = sexpr_of(&format!("package p\n{text}\n"));
    out.lines().skip(1).collect::<Vec<_>>().join("\n")
}

#[test]
fn binary_operators_follow_go_precedence() {
    assert_eq!(expr("a + b*c"), "(+ a (* b c))");
    assert_eq!(expr("a*b + c"), "(+ (* a b) c)");
    assert_eq!(expr("a - b - c"), "(- (- a b) c)");
    assert_eq!(expr("a || b && c == d + e * f"), "(|| a (&& b (== c (+ d (* e f)))))");
    assert_eq!(expr("a << 1 | b &^ c ^ d"), "(^ (| (<< a 1) (&^ b c)) d)");
    assert_eq!(expr("x == y < z"), "(< (== x y) z)");
    assert_eq!(expr("a % b >> c & d"), "(& (>> (% a b) c) d)");
}

#[test]
fn unary_and_primary_expressions() {
    assert_eq!(expr("-x * y"), "(* (- x) y)");
    assert_eq!(expr("!a && ^b != +c"), "(&& (! a) (!= (^ b) (+ c)))");
    assert_eq!(expr("*p.f"), "(star (sel p f))");
    assert_eq!(expr("&T{1}"), "(& (lit T 1))");
    assert_eq!(expr("<-ch + 1"), "(+ (<- ch) 1)");
    assert_eq!(expr("f(a, b...)"), "(call f a b ...)");
    assert_eq!(expr("pkg.F(x)[i].g"), "(sel (index (call (sel pkg F) x) i) g)");
    assert_eq!(expr("s[1:]"), "(slice s 1 _ _)");
    assert_eq!(expr("s[:n]"), "(slice s _ n _)");
    assert_eq!(expr("s[a:b:c]"), "(slice3 s a b c)");
    assert_eq!(expr("x.(T)"), "(assert x T)");
    assert_eq!(expr("x.(*pkg.T)"), "(assert x (star (sel pkg T)))");
    assert_eq!(expr("[]byte(s)"), "(call (slicetype byte) s)");
    assert_eq!(expr("(*T)(p)"), "(call (paren (star T)) p)");
    assert_eq!(expr("func(x int) int { return x }(1)"), "(call (funclit (functype ((param x int)) ((param _ int))) (block (return x))) 1)");
    assert_eq!(expr("make(map[string][]int, 10)"), "(call make (map string (slicetype int)) 10)");
    assert_eq!(expr("new(struct{})"), "(call new (struct))");
}

#[test]
fn literals_reach_the_tree_decoded() {
    assert_eq!(expr("0x1F"), "0x1F");
    assert_eq!(expr("1_000"), "1_000");
    assert_eq!(expr(".5e3"), ".5e3");
    assert_eq!(expr("2i"), "2i");
    assert_eq!(expr("'\\n'"), "(char 10)");
    assert_eq!(expr("\"a\\xffb\""), "(str 61ff62)");
    assert_eq!(expr("`\\n`"), "(str 5c6e)");
}

#[test]
fn composite_literals_and_blocks_are_told_apart() {
    assert_eq!(body("if x == T {}"), "(block (if _ (== x T) (block) _))");
    assert_eq!(body("if x == (T{}) {}"), "(block (if _ (== x (paren (lit T))) (block) _))");
    assert_eq!(body("if f(T{}) {}"), "(block (if _ (call f (lit T)) (block) _))");
    assert_eq!(body("for _, v := range []int{1, 2} {}"), "(block (range _ v := (lit (slicetype int) 1 2) (block)))");
    assert_eq!(body("for x := range m {}"), "(block (range x _ := m (block)))");
    assert_eq!(body("switch s {}"), "(block (switch _ s))");
    assert_eq!(body("if v, ok := m[k]; ok {}"), "(block (if (assign := (v ok) ((index m k))) ok (block) _))");
    assert_eq!(body("x := T{}"), "(block (assign := (x) ((lit T))))");
    assert_eq!(
        body("if f := func() bool { return T{} == x }; f() {}"),
        "(block (if (assign := (f) ((funclit (functype () ((param _ bool))) (block (return (== (lit T) x)))))) (call f) (block) _))"
    );
    // `T{}` directly in a header is a syntax error, as in Go.
    assert!(!messages("package p\nfunc f() { if x == T{} {} }\n").is_empty());
}

#[test]
fn nested_composite_literals_may_elide_types() {
    assert_eq!(expr("[]Point{{1, 2}, {3, 4}}"), "(lit (slicetype Point) (lit _ 1 2) (lit _ 3 4))");
    assert_eq!(expr("map[string]Point{\"a\": {X: 1}}"), "(lit (map string Point) (kv (str 61) (lit _ (kv X 1))))");
    assert_eq!(expr("[...][]int{{1}, 2: {}}"), "(lit (array ... (slicetype int)) (lit _ 1) (kv 2 (lit _)))");
    assert_eq!(expr("[2]struct{ a, b int }{}"), "(lit (array 2 (struct (field a int) (field b int))))");
}

#[test]
fn const_groups_number_iota_and_repeat_the_previous_spec() {
    assert_eq!(
        decls("const (\n\tA = iota * 10\n\tB\n\tC, D string = \"c\", \"d\"\n\tE, F\n)"),
        "(const (spec (A) _ ((* iota 10)) 0) (spec (B) _ ((* iota 10)) 1 implicit) \
         (spec (C D) string ((str 63) (str 64)) 2) (spec (E F) string ((str 63) (str 64)) 3 implicit))"
    );
    assert_eq!(decls("const X = 1"), "(const (spec (X) _ (1) 0))");
}

#[test]
fn implicit_repetition_gets_fresh_node_ids() {
    let (file, diagnostics) = parse("package p\nconst (\n\tA = 1 << iota\n\tB\n\tC\n)\n");
    assert!(diagnostics.is_empty());
    let Decl::Const(specs) = &file.decls[0] else { panic!("not const") };
    let ids: Vec<NodeId> = specs.iter().map(|s| s.values[0].id).collect();
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "{ids:?}");
    assert_eq!(specs[2].values[0].span, specs[0].values[0].span, "copies point at the original");
}

#[test]
fn parameters_group_the_way_go_does() {
    assert_eq!(decls("func f(a, b int, c string)"), "(func f _ (functype ((param a int) (param b int) (param c string)) ()) _)");
    assert_eq!(decls("func f(int, string)"), "(func f _ (functype ((param _ int) (param _ string)) ()) _)");
    assert_eq!(decls("func f(a int, b ...string)"), "(func f _ (functype ((param a int) (param b ...string)) ()) _)");
    assert_eq!(decls("func f(...int)"), "(func f _ (functype ((param _ ...int)) ()) _)");
    assert_eq!(decls("func f(p.T, []q.U)"), "(func f _ (functype ((param _ (sel p T)) (param _ (slicetype (sel q U)))) ()) _)");
    assert_eq!(decls("func f(a p.T)"), "(func f _ (functype ((param a (sel p T))) ()) _)");
    assert_eq!(decls("func f() (x, y int)"), "(func f _ (functype () ((param x int) (param y int))) _)");
    assert_eq!(decls("func f() (int, error)"), "(func f _ (functype () ((param _ int) (param _ error))) _)");
    assert_eq!(decls("func f() *T"), "(func f _ (functype () ((param _ (star T)))) _)");
    assert_eq!(decls("func (r *T) m(x int,) {}"), "(func m ((param r (star T))) (functype ((param x int)) ()) (block))");
    assert_eq!(messages("package p\nfunc f(a int, string)\n"), ["syntax error: mixed named and unnamed parameters"]);
}

#[test]
fn grouped_parameter_types_are_fresh_copies() {
    let (file, _) = parse("package p\nfunc f(a, b []int) {}\n");
    let Decl::Func(f) = &file.decls[0] else { panic!("not func") };
    assert_ne!(f.sig.params[0].ty.id, f.sig.params[1].ty.id);
    assert_eq!(f.sig.params[0].span, Span::new(17, 27)); // `a` to the end of `[]int`
}

#[test]
fn statements() {
    assert_eq!(body("x++; y--; x += 2; a, b = b, a; ch <- v; <-ch"), "(block (inc x) (dec y) (assign += (x) (2)) (assign = (a b) (b a)) (send ch v) (expr (<- ch)))");
    assert_eq!(body("go f(); defer g(x)"), "(block (go (call f)) (defer (call g x)))");
    assert_eq!(body("return"), "(block (return))");
    assert_eq!(body("var x, y int = 1, 2; const c = 3; type T struct{}"), "(block (var (spec (x y) int (1 2))) (const (spec (c) _ (3) 0)) (type (spec T (struct))))");
    assert_eq!(body("if x := f(); x > 0 { } else if y { } else { }"), "(block (if (assign := (x) ((call f))) (> x 0) (block) (if _ y (block) (block))))");
    assert_eq!(body("switch x := f(); x { case 1, 2: a(); fallthrough; case 3: default: }"), "(block (switch (assign := (x) ((call f))) x (case (1 2) (expr (call a)) (fallthrough)) (case (3)) (default)))");
    assert_eq!(body("switch { case a < b: }"), "(block (switch _ _ (case ((< a b)))))");
    assert_eq!(body("switch y := x.(type) { case int, *T: }"), "(block (typeswitch))");
    assert_eq!(body("switch x.(type) {}"), "(block (typeswitch))");
    assert_eq!(body("select { case v := <-c: case c <- 1: case <-d: default: }"), "(block (select (comm (assign := (v) ((<- c)))) (comm (send c 1)) (comm (expr (<- d))) (comm _)))");
    assert_eq!(body("for i := 0; i < n; i++ {}"), "(block (for (assign := (i) (0)) (< i n) (inc i) (block)))");
    assert_eq!(body("for x < 10 {}"), "(block (for _ (< x 10) _ (block)))");
    assert_eq!(body("for {}"), "(block (for _ _ _ (block)))");
    assert_eq!(body("for ;; {}"), "(block (for _ _ _ (block)))");
    assert_eq!(body("for k, v = range m {}"), "(block (range k v = m (block)))");
    assert_eq!(body("for range ch {}"), "(block (range _ _ = ch (block)))");
    assert_eq!(body("{ x := 1; _ = x }"), "(block (block (assign := (x) (1)) (assign = (_) (x))))");
}

#[test]
fn labeled_statements() {
    assert_eq!(
        body("Outer:\n\tfor {\n\t\tbreak Outer\n\t\tcontinue Outer\n\t}\n\tgoto Outer\nEnd:"),
        "(block (label Outer (for _ _ _ (block (break Outer) (continue Outer)))) (goto Outer) (label End (empty)))"
    );
    assert_eq!(body("L: ; x()"), "(block (label L (empty)) (expr (call x)))");
    assert_eq!(messages("package p\nfunc f() {\n\tswitch {\n\tcase true:\n\t\tL:\n\tdefault:\n\t}\n}\n"), ["syntax error: missing statement after label"]);
}

#[test]
fn types() {
    assert_eq!(
        decls("var a [N]T; var b []*T; var c map[K]V; var d chan T; var e <-chan T; var f chan<- T"),
        "(var (spec (a) (array N T) ())) (var (spec (b) (slicetype (star T)) ())) (var (spec (c) (map K V) ())) \
         (var (spec (d) (chan both T) ())) (var (spec (e) (chan recv T) ())) (var (spec (f) (chan send T) ()))"
            .replace(") (var", ")\n(var")
    );
    assert_eq!(decls("type T chan<- chan int"), "(type (spec T (chan send (chan both int))))");
    assert_eq!(decls("type T chan (<-chan int)"), "(type (spec T (chan both (paren (chan recv int)))))");
    assert_eq!(expr("make(<-chan <-chan int)"), "(call make (chan recv (chan recv int)))");
    assert_eq!(expr("make(<-chan chan int)"), "(call make (chan recv (chan both int)))");
    assert_eq!(
        decls("type S struct {\n\ta, b int `tag`\n\tT\n\t*pkg.U \"tag\"\n\tf func(int) error\n}"),
        "(type (spec S (struct (field a int) (field b int) (field _ T) (field _ (star (sel pkg U))) (field f (functype ((param _ int)) ((param _ error)))))))"
    );
    assert_eq!(decls("type I interface { M(); N(int) bool; io.Reader }"), "(type (spec I (interface 3)))");
    assert_eq!(decls("type E interface{}"), "(type (spec E (interface 0)))");
    assert_eq!(decls("type A = B"), "(type (spec A = B))");
    assert_eq!(decls("type (\n\tF func(...int) (int, error)\n\tP (*int)\n)"), "(type (spec F (functype ((param _ ...int)) ((param _ int) (param _ error)))) (spec P (paren (star int))))");
}

#[test]
fn imports_keep_names_and_doc_comments() {
    let text = "package main\n\n// #include <stdio.h>\n// #define N 3\nimport \"C\"\n\nimport (\n\tf \"fmt\"\n\t. \"math\"\n\n\t/* only this */\n\t_ \"os\"\n)\n";
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let summary: Vec<(Option<&str>, &str, Option<&str>)> =
        file.imports.iter().map(|i| (i.name.as_ref().map(|n| n.name.as_str()), i.path.as_str(), i.doc.as_deref())).collect();
    assert_eq!(
        summary,
        [
            (None, "C", Some(" #include <stdio.h>\n #define N 3\n")),
            (Some("f"), "fmt", None),
            (Some("."), "math", None),
            (Some("_"), "os", Some(" only this ")),
        ]
    );
    let (file, _) = parse("package main\n\n/*\n#include <x.h>\n*/\nimport \"C\"\n");
    assert_eq!(file.imports[0].doc.as_deref(), Some("\n#include <x.h>\n"));
    let (file, _) = parse("package main\n\n// Not a preamble: a blank line follows.\n\nimport \"C\"\n");
    assert_eq!(file.imports[0].doc, None);
}

/// The preamble cmd/cgo reads for the `import "C"` of `text`: (first line, text).
fn preamble(text: &str) -> Option<(u32, String)> {
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let import = file.imports.iter().find(|i| i.path == "C").expect("import \"C\"");
    assert_eq!(import.doc.is_none(), import.doc_line == 0, "doc_line is 0 exactly without a doc");
    import.doc.clone().map(|doc| (import.doc_line, doc))
}

#[test]
fn preambles_are_the_lead_comment_group_as_cgo_reads_it() {
    // Each expectation is what go/parser's lead comment and cmd/cgo's commentText
    // give for the same source (Go 1.19).
    let some = |line: u32, text: &str| Some((line, text.to_string()));
    assert_eq!(preamble("package main\n\n// a\n// b\nimport \"C\"\n"), some(3, " a\n b\n"));
    assert_eq!(preamble("package main\n\n// a\n\n// b\nimport \"C\"\n"), some(5, " b\n"));
    assert_eq!(preamble("package main\n\n/* a\n b */\n// c\nimport \"C\"\n"), some(3, " a\n b  c\n"));
    assert_eq!(preamble("package main\n\n/* a */ /* b */\nimport \"C\"\n"), some(3, " a  b "));
    assert_eq!(preamble("package main\n\n/* a */ // b\nimport \"C\"\n"), some(3, " a  b\n"));
    assert_eq!(preamble("package main\n\n// a\n/* b\n\n c */\nimport \"C\"\n"), some(3, " a\n b\n\n c "));
    // A comment on the package line belongs to it; the next line starts the group.
    assert_eq!(preamble("package main // pkg\n// a\nimport \"C\"\n"), some(2, " a\n"));
    // The group must end on the line right above `import`.
    assert_eq!(preamble("package main\n\n/* x */ import \"C\"\n"), None);
    assert_eq!(preamble("package main\n\n// x\n\nimport \"C\"\n"), None);
    // In a group, the spec's own comment; a lone spec without one takes the
    // declaration's; with several specs, the declaration's belongs to none.
    assert_eq!(preamble("package main\n\nimport ( // a\n\t\"C\"\n)\n"), None);
    assert_eq!(preamble("package main\n\n// d\nimport (\n\t// a\n\t\"C\"\n)\n"), some(5, " a\n"));
    assert_eq!(preamble("package main\n\n// d\nimport (\n\t\"C\"\n)\n"), some(3, " d\n"));
    assert_eq!(preamble("package main\n\n// d\nimport (\n\t\"C\"\n\t\"fmt\"\n)\n"), None);
    // Carriage returns go, as Go's scanner drops them from comments, except between
    // `*` and `/` inside a block comment.
    assert_eq!(preamble("package main\n\n// a\r\n// b\r\nimport \"C\"\n"), some(3, " a\n b\n"));
    assert_eq!(preamble("package main\n\n/* a\r\n *\r\r/ */\nimport \"C\"\n"), some(3, " a\n *\r/ "));
}

#[test]
fn export_lines_of_the_doc_comment_are_pragmas() {
    let text = "package main\n\n// F is exported.\n//export F\n//go:nosplit\n//export  G \nfunc F() {}\n\n//export H\n\nfunc H() {}\n\n//exportI\n//export\nfunc I() {}\n";
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let funcs: Vec<&FuncDecl> = file.decls.iter().map(|d| match d {
        Decl::Func(f) => f,
        _ => panic!("not func"),
    }).collect();
    assert_eq!(funcs[0].pragmas, ["export F", "go:nosplit", "export G"]);
    let spans: Vec<&str> = funcs[0].pragma_spans.iter().map(|s| &text[s.lo as usize..s.hi as usize]).collect();
    assert_eq!(spans, ["//export F", "//go:nosplit", "//export  G "]);
    // Not in the doc comment (a blank line follows it), or not `//export NAME`: as
    // cgo, ignored.
    assert!(funcs[1].pragmas.is_empty() && funcs[2].pragmas.is_empty());
}

#[test]
fn pragmas_come_from_go_directives_above_func() {
    let text = "package p\n\n// Doc.\n//go:nosplit\n//go:linkname x runtime.x\nfunc f()\n\n// go:notapragma\n  //go:indented\nfunc g() {}\n";
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let pragmas: Vec<&Vec<String>> = file.decls.iter().map(|d| match d {
        Decl::Func(f) => &f.pragmas,
        _ => panic!("not func"),
    }).collect();
    assert_eq!(pragmas[0], &["go:nosplit", "go:linkname x runtime.x"]);
    assert!(pragmas[1].is_empty());
}

#[test]
fn type_parameters_of_functions_are_kept_as_a_span() {
    let (file, diagnostics) = parse("package p\nfunc Map[T, U any](x T) U { return f(x) }\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let Decl::Func(f) = &file.decls[0] else { panic!("not func") };
    assert_eq!(f.type_params, Some(Span::new(18, 28)));
    assert_eq!(messages("package p\ntype List[T any] struct{}\n"), ["not supported yet: type parameters"]);
}

/// Collects every node id in the file (expressions and identifiers).
fn all_ids(file: &File) -> Vec<u32> {
    fn expr(e: &Expr, out: &mut Vec<u32>) {
        out.push(e.id.0);
        match &e.kind {
            ExprKind::CompositeLit { ty, elems } => {
                ty.iter().for_each(|t| expr(t, out));
                for el in elems {
                    el.key.iter().for_each(|k| expr(k, out));
                    expr(&el.value, out);
                }
            }
            ExprKind::FuncLit { sig, body } => {
                functype(sig, out);
                block(body, out);
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::SliceType(x) | ExprKind::Unary { x, .. } => expr(x, out),
            ExprKind::Selector { x, sel } => {
                expr(x, out);
                out.push(sel.id.0);
            }
            ExprKind::Index { x, index } => {
                expr(x, out);
                expr(index, out);
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                expr(x, out);
                [lo, hi, max].into_iter().flatten().for_each(|e| expr(e, out));
            }
            ExprKind::TypeAssert { x, ty } => {
                expr(x, out);
                ty.iter().for_each(|t| expr(t, out));
            }
            ExprKind::Call { func, args, .. } => {
                expr(func, out);
                args.iter().for_each(|a| expr(a, out));
            }
            ExprKind::Binary { x, y, .. } => {
                expr(x, out);
                expr(y, out);
            }
            ExprKind::ArrayType { len, elem } => {
                len.iter().for_each(|l| expr(l, out));
                expr(elem, out);
            }
            ExprKind::StructType(fields) => {
                for f in fields {
                    f.name.iter().for_each(|n| out.push(n.id.0));
                    expr(&f.ty, out);
                }
            }
            ExprKind::FuncType(f) => functype(f, out),
            ExprKind::MapType { key, value } => {
                expr(key, out);
                expr(value, out);
            }
            ExprKind::ChanType { elem, .. } => expr(elem, out),
            _ => {}
        }
    }
    fn functype(f: &FuncType, out: &mut Vec<u32>) {
        for p in f.params.iter().chain(&f.results) {
            p.name.iter().for_each(|n| out.push(n.id.0));
            expr(&p.ty, out);
        }
    }
    fn block(b: &Block, out: &mut Vec<u32>) {
        b.stmts.iter().for_each(|s| stmt(s, out));
    }
    fn stmt(s: &Stmt, out: &mut Vec<u32>) {
        match &s.kind {
            StmtKind::Decl(d) => decl(d, out),
            StmtKind::Expr(x) | StmtKind::Go(x) | StmtKind::Defer(x) => expr(x, out),
            StmtKind::Send { chan, value } => {
                expr(chan, out);
                expr(value, out);
            }
            StmtKind::IncDec { target, .. } => expr(target, out),
            StmtKind::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|e| expr(e, out)),
            StmtKind::Return(list) => list.iter().for_each(|e| expr(e, out)),
            StmtKind::Break(l) | StmtKind::Continue(l) => l.iter().for_each(|l| out.push(l.id.0)),
            StmtKind::Goto(l) => out.push(l.id.0),
            StmtKind::Block(b) => block(b, out),
            StmtKind::If { init, cond, then, els } => {
                init.iter().for_each(|s| stmt(s, out));
                expr(cond, out);
                block(then, out);
                els.iter().for_each(|s| stmt(s, out));
            }
            StmtKind::Switch { init, tag, clauses, .. } => {
                init.iter().for_each(|s| stmt(s, out));
                tag.iter().for_each(|t| expr(t, out));
                for c in clauses {
                    c.exprs.iter().flatten().for_each(|e| expr(e, out));
                    c.body.iter().for_each(|s| stmt(s, out));
                }
            }
            StmtKind::Select { clauses } => {
                for c in clauses {
                    c.comm.iter().for_each(|s| stmt(s, out));
                    c.body.iter().for_each(|s| stmt(s, out));
                }
            }
            StmtKind::For { init, cond, post, body } => {
                init.iter().for_each(|s| stmt(s, out));
                cond.iter().for_each(|c| expr(c, out));
                post.iter().for_each(|s| stmt(s, out));
                block(body, out);
            }
            StmtKind::ForRange { key, value, x, body, .. } => {
                key.iter().chain(value).for_each(|e| expr(e, out));
                expr(x, out);
                block(body, out);
            }
            StmtKind::Labeled { label, stmt: s } => {
                out.push(label.id.0);
                stmt(s, out);
            }
            StmtKind::TypeSwitch { .. } | StmtKind::Fallthrough | StmtKind::Empty => {}
        }
    }
    fn decl(d: &Decl, out: &mut Vec<u32>) {
        match d {
            Decl::Func(f) => {
                out.push(f.name.id.0);
                f.recv.iter().flatten().for_each(|p| {
                    p.name.iter().for_each(|n| out.push(n.id.0));
                    expr(&p.ty, out);
                });
                functype(&f.sig, out);
                f.body.iter().for_each(|b| block(b, out));
            }
            Decl::Var(specs) => specs.iter().for_each(|s| {
                s.names.iter().for_each(|n| out.push(n.id.0));
                s.ty.iter().chain(&s.values).for_each(|e| expr(e, out));
            }),
            Decl::Const(specs) => specs.iter().for_each(|s| {
                s.names.iter().for_each(|n| out.push(n.id.0));
                s.ty.iter().chain(&s.values).for_each(|e| expr(e, out));
            }),
            Decl::Type(specs) => specs.iter().for_each(|s| {
                out.push(s.name.id.0);
                expr(&s.ty, out);
            }),
        }
    }
    let mut out = vec![file.package.id.0];
    file.imports.iter().flat_map(|i| &i.name).for_each(|n| out.push(n.id.0));
    file.decls.iter().for_each(|d| decl(d, &mut out));
    out
}

#[test]
fn node_ids_are_unique() {
    let text = "package p\nimport f \"fmt\"\nconst (\n\tA, B = iota, -iota\n\tC, D\n)\ntype S struct{ x, y []map[int]*S }\n\
                func g(a, b, c func(int) []int, d ...struct{}) (e, f error) {\n\
                L:\n\tfor i, v := range []S{{x: nil}} {\n\t\tif v.x == nil { continue L }\n\t\tf.Println(i, func() int { return A })\n\t}\n\treturn\n}\n";
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut ids = all_ids(&file);
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
}

#[test]
fn spans_cover_whole_constructs() {
    let text = "package p\nfunc f() {\n\tx := g(a, b)\n\tif y { z-- }\n}\n";
    let (file, _) = parse(text);
    let Decl::Func(f) = &file.decls[0] else { panic!("not func") };
    let at = |span: Span| &text[span.lo as usize..span.hi as usize];
    let body = f.body.as_ref().unwrap();
    assert_eq!(at(body.span), "{\n\tx := g(a, b)\n\tif y { z-- }\n}");
    assert_eq!(at(f.span), &text[10..text.len() - 1]);
    let StmtKind::Assign { rhs, .. } = &body.stmts[0].kind else { panic!("not assign") };
    assert_eq!(at(body.stmts[0].span), "x := g(a, b)");
    assert_eq!(at(rhs[0].span), "g(a, b)");
    assert_eq!(at(body.stmts[1].span), "if y { z-- }");
    assert_eq!(expr_span("a.b[c] + -d"), "a.b[c] + -d");
    assert_eq!(expr_span("[]int{1, 2}"), "[]int{1, 2}");
}

fn expr_span(text: &str) -> String {
    let source = format!("package p\nvar _ = {text}\n");
    let (file, _) = parse(&source);
    let Decl::Var(specs) = &file.decls[0] else { panic!("not var") };
    let span = specs[0].values[0].span;
    source[span.lo as usize..span.hi as usize].to_string()
}

#[test]
fn errors_use_go_wording() {
    assert_eq!(messages("package p\nfunc f() {\n\tg(a, b\n\t)\n}\n"), ["syntax error: unexpected newline, expecting comma or )"]);
    assert_eq!(messages("package p\nx := 1\n"), ["syntax error: non-declaration statement outside function body"]);
    assert_eq!(messages("package p\nfunc f() {\n\tif x y {}\n}\n"), ["syntax error: unexpected name y, expecting { after if clause"]);
    assert_eq!(messages("package p\nfunc f() {\n\tif i := g()) {}\n}\n"), ["syntax error: unexpected ), expecting { after if clause"]);
    assert_eq!(messages("package p\nfunc f() {\n\tswitch x) { case 1: }\n}\n"), ["syntax error: missing { after switch clause"]);
    assert_eq!(messages("package p\nfunc f() {\n\tif x {\n\t}\n\telse {}\n}\n"), ["syntax error: unexpected semicolon or newline before else"]);
    assert_eq!(messages("package p\ntype T\n"), ["syntax error: unexpected newline in type declaration"]);
    assert_eq!(messages("package p\nvar c chan\n"), ["syntax error: missing channel element type"]);
    assert_eq!(messages("package p\nfunc f() {\n\tif x\n\t{}\n}\n"), ["syntax error: unexpected newline, expecting { after if clause"]);
    assert_eq!(messages("package p\nfunc f() {\n\tfor i := 0; i < 3; i++\n\t{}\n}\n"), ["syntax error: unexpected newline, expecting { after for clause"]);
    assert_eq!(messages("package p\nfunc f()\n{\n}\n"), ["syntax error: unexpected semicolon or newline before {"]);
    assert_eq!(messages("package p\nfunc f() { x := 1 y := 2 }\n"), ["syntax error: unexpected name y at end of statement"]);
    assert_eq!(messages("package p\nvar x = 1 2\n"), ["syntax error: unexpected literal 2 after top level declaration"]);
    assert_eq!(messages("func f() {}\n"), ["syntax error: package statement must be first"]);
    assert_eq!(messages("package p\nfunc f() { go x }\n"), ["expression in go must be function call"]);
    assert_eq!(messages("package p\nfunc f() { _ = x.(type) }\n"), ["syntax error: use of .(type) outside type switch"]);
    assert_eq!(messages("package p\nfunc f() { _ = s[1::] }\n"), ["middle index required in 3-index slice", "final index required in 3-index slice"]);
    assert_eq!(messages("package p\nfunc f() { _ = s[1:2:] }\n"), ["final index required in 3-index slice"]);
    assert_eq!(messages("package p\nconst ( a; b = 1 )\n"), ["missing init expr for const declaration"]);
    assert_eq!(messages("package p\nimport \"\"\n"), ["import path is empty"]);
    assert_eq!(messages("package p\nvar s = \"a\nb\"\n").first().map(String::as_str), Some("newline in string"));
}

#[test]
fn recovery_reports_several_errors_and_keeps_the_good_parts() {
    let text = "package p\n\nfunc a() {\n\tx := (1 + \n}\n\nfunc b() int { return 2 }\n\nfunc c() {\n\tfor {\n\t\tvar = 3\n\t}\n}\n\nfunc d() { if }\n\nvar ok = 1\n";
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.len() >= 3, "{diagnostics:?}");
    let names: Vec<String> = file
        .decls
        .iter()
        .map(|d| match d {
            Decl::Func(f) => f.name.name.clone(),
            Decl::Var(v) => v[0].names[0].name.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(names, ["a", "b", "c", "d", "ok"]);
}

/// Deep nesting of every kind ends in one error, not a stack overflow, on a thread
/// with the default 2 MiB stack.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 3000;
    let cases = [
        format!("package p\nvar x = {}1{}\n", "(".repeat(depth), ")".repeat(depth)),
        format!("package p\nvar x = {}1\n", "- ".repeat(depth)),
        format!("package p\nvar x = {}1\n", "<-".repeat(depth)),
        format!("package p\nvar x {}int\n", "[]".repeat(depth)),
        format!("package p\nvar x {}int\n", "*".repeat(depth)),
        format!("package p\nvar x {}int\n", "map[int]".repeat(depth)),
        format!("package p\nvar x {}int\n", "chan ".repeat(depth)),
        format!("package p\nvar x {}int{}\n", "struct{ f ".repeat(depth), "}".repeat(depth)),
        format!("package p\nvar x {}\n", "func() ".repeat(depth)),
        format!("package p\nvar x = T{}{}\n", "{".repeat(depth), "}".repeat(depth)),
        format!("package p\nvar x = a{}\n", ".b".repeat(depth)),
        format!("package p\nvar x = a{}\n", "+a".repeat(depth)),
        format!("package p\nvar x = f{}\n", "()".repeat(depth)),
        format!("package p\nvar x = {}1{}\n", "[]int{".repeat(depth), "}".repeat(depth)),
        format!("package p\nvar x = {}{}\n", "func() { _ = ".repeat(depth), "}".repeat(depth)),
        format!("package p\nfunc f() {{ {}{} }}\n", "{".repeat(depth), "}".repeat(depth)),
        format!("package p\nfunc f() {{ {}{} }}\n", "if x {".repeat(depth), "}".repeat(depth)),
        format!("package p\nfunc f() {{ if x {{}}{} }}\n", " else if x {}".repeat(depth)),
        format!("package p\nfunc f() {{ {}{} }}\n", "for {".repeat(depth), "}".repeat(depth)),
        format!("package p\nfunc f() {{ {}{} }}\n", "switch { case true: ".repeat(depth), "}".repeat(depth)),
        format!("package p\nfunc f() {{ {} }}\n", "L: ".repeat(depth)),
        format!("package p\nfunc f({}int{})\n", "func(".repeat(depth), ")".repeat(depth)),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            for text in &cases {
                let found = messages(text);
                assert_eq!(found, ["syntax error: nesting too deep"], "{}", &text[..60]);
            }
        })
        .unwrap();
    handle.join().expect("parser overflowed or panicked on deep nesting");

    // Just under the limit parses.
    let text = format!("package p\nvar x = {}1{}\n", "(".repeat(300), ")".repeat(300));
    assert!(messages(&text).is_empty());
}
