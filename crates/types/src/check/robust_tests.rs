//! Robustness: the checker must never panic, whatever the parser hands it. Sample
//! programs are mutated at random (deterministically) and checked; deeply nested
//! trees are checked on the guarded entry point.

use std::panic::{catch_unwind, AssertUnwindSafe};

use syntax::ast::{self, BinOp, Expr, ExprKind, NodeId};
use syntax::{parse_file, SourceFile, Span};

use super::{check_file, check_file_unguarded};

/// xorshift64*: a tiny deterministic PRNG, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments spliced into programs: tokens and constructs the checker must handle
/// in any position.
const FRAGMENTS: &[&str] = &[
    "(", ")", "{", "}", "[", "]", ",", ";", ":=", "=", "...", "func", "var", "const", "type", "nil", "0", "1<<200", "\"s\"", "'c'", "1.5",
    "x", ".", "*", "&", "<-", "go", "defer", "range", "struct{a int}", "interface{}", "map[int]int", "chan int", "iota", "_", "return", "break",
    "continue", "fallthrough", "goto L", "L:", "switch", "case", "default:", "if", "else", "for", "[...]int{1,2}", "[]byte(\"a\")", "append(",
    "len(", "make([]int, 3)", "new(int)", "panic(", "println(", "fmt.Println(", "os.Exit(", "string(", "int8(", "float64(", "-", "!", "^",
    "+", "/", "%", "<<", ">>", "==", "<", "&&", "||", "\n", "func() {}", "x.y", "a[1:2:3]", "p.(int)", "true", "uint(", "recover()",
];

fn samples() -> Vec<String> {
    let mut v = vec![
        "package main\n\nimport \"fmt\"\n\ntype P struct {\n\tx, y int\n\tnext *P\n}\n\nconst (\n\tA = iota\n\tB\n)\n\nvar g = f(3)\n\nfunc f(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn f(n-1) + f(n-2)\n}\n\nfunc main() {\n\tp := &P{x: 1}\n\ts := []int{1, 2, 3}\n\tvar a [3]string\n\tfor i, v := range s {\n\t\ta[i] = fmt.Sprint(v)\n\t}\n\tc := func() int { return p.x + len(a) }\n\tswitch c() {\n\tcase 1, 2:\n\t\tfallthrough\n\tdefault:\n\t\tfmt.Println(g, A, B, s[1:], a[0]+\"x\", 1<<3, 2.5*2)\n\t}\n}\n".to_string(),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/run");
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "go")).collect();
        paths.sort();
        v.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    v
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut b: Vec<u8> = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len();
        match rng.below(5) {
            0 => {
                let at = rng.below(len);
                let n = rng.below(20).min(len - at);
                b.drain(at..at + n);
            }
            1 => {
                let at = rng.below(len + 1);
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())];
                b.splice(at..at, frag.bytes());
            }
            2 => {
                let from = rng.below(len);
                let n = rng.below(60).min(len - from);
                let piece: Vec<u8> = b[from..from + n].to_vec();
                let at = rng.below(len + 1);
                b.splice(at..at, piece);
            }
            3 => b.truncate(rng.below(len + 1)),
            _ => {
                let at = rng.below(len);
                if b[at].is_ascii_alphanumeric() {
                    b[at] = b"xyz019_"[rng.below(7)];
                }
            }
        }
        if b.is_empty() {
            break;
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[test]
fn mutated_programs_never_panic_the_checker() {
    let samples = samples();
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let iterations = 3000;
    let mut checked = 0;
    for i in 0..iterations {
        let pick = rng.below(samples.len());
        let src = mutate(&mut rng, &samples[pick]);
        let file = SourceFile::new("m.go", src.clone());
        // A parser panic is the parser's bug, not ours: skip such inputs.
        let Ok((ast, _)) = catch_unwind(AssertUnwindSafe(|| parse_file(&file))) else { continue };
        let r = catch_unwind(AssertUnwindSafe(|| check_file_unguarded(&file, &ast, None)));
        assert!(r.is_ok(), "checker panicked on iteration {i}; input:\n{src}");
        checked += 1;
    }
    assert!(checked > iterations / 2, "too few inputs parsed: {checked}");
}

fn ident(id: &mut u32, name: &str) -> Expr {
    *id += 1;
    Expr { id: NodeId(*id), kind: ExprKind::Ident(name.into()), span: Span::new(0, 1) }
}

/// `func main() { println(<e>) }` around a synthetic expression.
fn main_printing(e: Expr, id: &mut u32) -> ast::File {
    let call = Expr { id: NodeId(*id + 1), kind: ExprKind::Call { func: Box::new(ident(id, "println")), args: vec![e], ellipsis: false }, span: Span::new(0, 1) };
    *id += 2;
    let stmt = ast::Stmt { kind: ast::StmtKind::Expr(call), span: Span::new(0, 1) };
    let body = ast::Block { stmts: vec![stmt], span: Span::new(0, 2) };
    let sig = ast::FuncType { params: vec![], results: vec![], span: Span::new(0, 1) };
    *id += 1;
    let name = ast::Ident { id: NodeId(*id), name: "main".into(), span: Span::new(0, 1) };
    let f = ast::FuncDecl { name, recv: None, type_params: None, sig, body: Some(body), pragmas: vec![], pragma_spans: vec![], span: Span::new(0, 2) };
    *id += 1;
    ast::File { package: ast::Ident { id: NodeId(*id), name: "main".into(), span: Span::new(0, 1) }, imports: vec![], decls: vec![ast::Decl::Func(f)] }
}

#[test]
fn deeply_nested_expressions_are_rejected_not_overflowed() {
    // Built and dropped on a thread with a big stack: dropping a deep tree recurses.
    let t = std::thread::Builder::new().stack_size(1 << 30).spawn(|| {
        let mut id = 0;
        let file = SourceFile::new("deep.go", "package main\n");
        // A left-nested sum like the parser makes of `1 + 1 + ... + 1`.
        let mut e = ident(&mut id, "x");
        for _ in 0..200_000 {
            id += 1;
            let one = Expr { id: NodeId(id), kind: ExprKind::IntLit("1".into()), span: Span::new(0, 1) };
            id += 1;
            e = Expr { id: NodeId(id), kind: ExprKind::Binary { op: BinOp::Add, x: Box::new(e), y: Box::new(one) }, span: Span::new(0, 1) };
        }
        let ast = main_printing(e, &mut id);
        let (_, diags) = check_file(&file, &ast);
        assert!(diags.iter().any(|d| d.message.contains("nesting too deep")), "{diags:?}");
        // A moderately long sum is fine.
        let mut e = Expr { id: NodeId(id + 1), kind: ExprKind::IntLit("0".into()), span: Span::new(0, 1) };
        id += 1;
        for _ in 0..1000 {
            id += 1;
            let one = Expr { id: NodeId(id), kind: ExprKind::IntLit("1".into()), span: Span::new(0, 1) };
            id += 1;
            e = Expr { id: NodeId(id), kind: ExprKind::Binary { op: BinOp::Add, x: Box::new(e), y: Box::new(one) }, span: Span::new(0, 1) };
        }
        let top = e.id;
        let ast = main_printing(e, &mut id);
        let (info, diags) = check_file(&file, &ast);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(info.const_value(top), Some(&crate::ConstValue::Int(1000)));
    });
    t.expect("spawn").join().expect("no panic");
}
