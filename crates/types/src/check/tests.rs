//! Unit tests of the checker: small programs parsed and checked, asserting recorded
//! facts (types, values, captures, escapes, init order) and diagnostics.

use syntax::ast::{self, ExprKind};
use syntax::walk::walk_exprs;
use syntax::{parse_file, Diagnostic, SourceFile};

use super::check_file_unguarded;
use crate::cgo::CgoDecls;
use crate::constant::ConstValue;
use crate::info::{Info, Mode, ObjKind};
use crate::types::TypeId;

pub(super) struct Checked {
    pub file: SourceFile,
    pub ast: ast::File,
    pub info: Info,
    pub diags: Vec<Diagnostic>,
}

pub(super) fn check(src: &str) -> Checked {
    check_with(src, None)
}

/// Checks `src` with the C declarations `cgo` (cgo available when `Some`).
pub(super) fn check_with(src: &str, cgo: Option<&CgoDecls>) -> Checked {
    let file = SourceFile::new("t.go", src);
    let (ast, pdiags) = parse_file(&file);
    assert!(pdiags.is_empty(), "parse errors: {pdiags:?}");
    let (info, diags) = check_file_unguarded(&file, &ast, cgo);
    Checked { file, ast, info, diags }
}

/// Diagnostics as `line:col: message` (first line of the message only).
pub(super) fn errors(src: &str) -> Vec<String> {
    diagnostics(&check(src))
}

/// The diagnostics of a checked program as `line:col: message` (first line of the
/// message only), in source order.
pub(super) fn diagnostics(c: &Checked) -> Vec<String> {
    let mut v: Vec<(u32, String)> = c
        .diags
        .iter()
        .map(|d| {
            let (l, col) = c.file.line_col(d.span.lo);
            (d.span.lo, format!("{l}:{col}: {}", d.message.lines().next().unwrap_or("")))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, s)| s).collect()
}

pub(super) fn ok(src: &str) -> Checked {
    clean(check(src))
}

/// `c`, asserting that it has no diagnostics and keeps the info.rs invariants.
pub(super) fn clean(c: Checked) -> Checked {
    assert!(c.diags.is_empty(), "unexpected diagnostics:\n{}", syntax::source::render(&c.file, &c.diags));
    assert_invariants(&c);
    c
}

/// Wraps statements in `package main; func main() { ... }`.
pub(super) fn body(stmts: &str) -> String {
    format!("package main\n\nfunc main() {{\n{stmts}\n}}\n")
}

/// The info.rs invariants on a program without diagnostics: every value expression
/// is recorded; non-constant values are typed; constants carry representable values
/// of their type's kind.
fn assert_invariants(c: &Checked) {
    let mut problems = Vec::new();
    walk_exprs(&c.ast, &mut |e| {
        if matches!(&e.kind, ExprKind::Ident(n) if n == "_") {
            return;
        }
        let text = &c.file.text[e.span.lo as usize..e.span.hi as usize];
        let Some(tv) = c.info.exprs.get(&e.id) else {
            // Struct literal keys are field names, recorded in `fields`.
            if !c.info.fields.contains_key(&e.id) {
                problems.push(format!("no entry for `{text}`"));
            }
            return;
        };
        if matches!(tv.mode, Mode::Value | Mode::Variable) && c.info.types.is_untyped(tv.ty) && tv.ty != TypeId::UNTYPED_NIL {
            problems.push(format!("untyped value `{text}`: {}", c.info.types.type_string(tv.ty)));
        }
        if let (Mode::Constant, Some(v)) = (tv.mode, &tv.value) {
            let t = &c.info.types;
            let kind_ok = match v {
                ConstValue::Int(_) => t.is_integer(tv.ty),
                ConstValue::Float(_) => t.is_float(tv.ty),
                ConstValue::String(_) => t.is_string(tv.ty),
                ConstValue::Bool(_) => t.is_boolean(tv.ty),
            };
            if !kind_ok {
                problems.push(format!("constant `{text}` has value {v:?} of type {}", t.type_string(tv.ty)));
            }
        }
        if let ExprKind::Ident(_) = e.kind {
            if !c.info.uses.contains_key(&e.id) && !c.info.defs.contains_key(&e.id) {
                problems.push(format!("identifier `{text}` has no object"));
            }
        }
    });
    assert!(problems.is_empty(), "invariant violations:\n{}", problems.join("\n"));
}

/// The recorded type (as a string) and value of the first expression spelled `text`.
pub(super) fn expr_at<'c>(c: &'c Checked, text: &str) -> (String, Option<&'c ConstValue>) {
    let mut found = None;
    walk_exprs(&c.ast, &mut |e| {
        if found.is_none() && &c.file.text[e.span.lo as usize..e.span.hi as usize] == text {
            found = Some(e.id);
        }
    });
    let id = found.unwrap_or_else(|| panic!("no expression `{text}`"));
    let tv = c.info.exprs.get(&id).unwrap_or_else(|| panic!("`{text}` not recorded"));
    (c.info.types.type_string(tv.ty), tv.value.as_ref())
}

pub(super) fn obj_named<'c>(c: &'c Checked, name: &str) -> &'c crate::info::Object {
    c.info.objects.iter().rev().find(|o| o.name == name).unwrap_or_else(|| panic!("no object {name}"))
}

pub(super) fn escapes(c: &Checked, name: &str) -> bool {
    matches!(obj_named(c, name).kind, ObjKind::Var { escapes: true, .. })
}

// ----- the testsuite programs -----

/// Testsuite programs the checker rejects for now, with the reason. The test below
/// fails if one of them starts passing (so the list stays honest) or another fails.
const KNOWN_REJECTED: &[(&str, &str)] = &[];

#[test]
fn testsuite_programs_check_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/run");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "go")).collect();
    paths.sort();
    let mut failures = Vec::new();
    for p in paths {
        let src = std::fs::read_to_string(&p).unwrap();
        let file = SourceFile::new(p.file_name().unwrap().to_string_lossy(), src.clone());
        let (ast, pdiags) = parse_file(&file);
        // Programs using cgo need their preamble's declarations, which only
        // crates/cgo can read (the cli testsuite runs them).
        if !pdiags.is_empty() || ast.imports.iter().any(|i| i.path == "C") {
            continue;
        }
        let (info, diags) = check_file_unguarded(&file, &ast, None);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let known = KNOWN_REJECTED.iter().any(|(n, _)| *n == name);
        if known {
            if diags.is_empty() {
                failures.push(format!("{name} is listed in KNOWN_REJECTED but checks cleanly now"));
            }
            continue;
        }
        if !diags.is_empty() {
            failures.push(syntax::source::render(&file, &diags));
            continue;
        }
        assert_invariants(&Checked { file, ast, info, diags });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ----- types and values -----

#[test]
fn untyped_constants_take_their_type_from_context() {
    let c = ok(&body("\tvar f float64 = 1 + 2\n\tx := 3\n\tvar b byte = 'a'\n\tvar p *int = nil\n\t_, _, _, _ = f, x, b, p\n\tprintln(4.5, 'c', x == 7, p == nil)"));
    assert_eq!(expr_at(&c, "1 + 2"), ("float64".into(), Some(&ConstValue::Float(3.0))));
    assert_eq!(expr_at(&c, "1"), ("float64".into(), Some(&ConstValue::Float(1.0))));
    assert_eq!(expr_at(&c, "3"), ("int".into(), Some(&ConstValue::Int(3))));
    assert_eq!(expr_at(&c, "'a'"), ("uint8".into(), Some(&ConstValue::Int(97))));
    assert_eq!(expr_at(&c, "nil").0, "*int");
    assert_eq!(expr_at(&c, "4.5").0, "float64");
    assert_eq!(expr_at(&c, "'c'").0, "int32");
    assert_eq!(expr_at(&c, "x == 7").0, "bool");
    assert_eq!(expr_at(&c, "7").0, "int");
}

#[test]
fn constant_folding_and_iota() {
    let c = ok("package main\n\nconst (\n\tA = iota * 10\n\tB\n\tC\n)\n\nconst S = \"ab\" + \"c\"\nconst L = len(S)\nconst F = 7 / 2\nconst G = 7 / 2.0\n\nfunc main() {\n\tprintln(A, B, C, L, F, G, string(rune(65)), -5 >> 1, ^0)\n}\n");
    let find = |name: &str| match &obj_named(&c, name).kind {
        ObjKind::Const(v) => v.clone(),
        k => panic!("{k:?}"),
    };
    assert_eq!(find("C"), ConstValue::Int(20));
    assert_eq!(find("L"), ConstValue::Int(3));
    assert_eq!(find("F"), ConstValue::Int(3));
    assert_eq!(find("G"), ConstValue::Float(3.5));
    assert_eq!(expr_at(&c, "string(rune(65))").1, Some(&ConstValue::String(b"A".to_vec())));
    assert_eq!(expr_at(&c, "-5 >> 1").1, Some(&ConstValue::Int(-3)));
    assert_eq!(expr_at(&c, "G").0, "float64");
}

#[test]
fn structs_pointers_and_fields() {
    let c = ok("package main\n\ntype Node struct {\n\tval  int\n\tnext *Node\n}\n\nfunc main() {\n\tn := &Node{val: 1}\n\tm := Node{2, n}\n\tprintln(n.val, m.next.val)\n}\n");
    let mut sels = Vec::new();
    walk_exprs(&c.ast, &mut |e| {
        if let ExprKind::Selector { .. } = e.kind {
            sels.push((c.file.text[e.span.lo as usize..e.span.hi as usize].to_string(), c.info.fields[&e.id]));
        }
    });
    assert_eq!(sels[0].0, "n.val");
    assert!(sels[0].1.through_pointer);
    assert_eq!(sels[1].0, "m.next.val");
    assert_eq!((sels[2].0.as_str(), sels[2].1.index, sels[2].1.through_pointer), ("m.next", 1, false));
}

#[test]
fn closures_capture_and_address_taken_escape() {
    let c = ok(&body("\ta := 1\n\tb := 2\n\tc := [3]int{}\n\td := 4\n\tf := func() int {\n\t\tg := func() int { return a }\n\t\treturn g() + b\n\t}\n\tp := &c[1]\n\ts := c[:]\n\tprintln(f(), *p, len(s), d)"));
    assert!(escapes(&c, "a"));
    assert!(escapes(&c, "b"));
    assert!(escapes(&c, "c"));
    assert!(!escapes(&c, "d"));
    let mut lits = Vec::new();
    walk_exprs(&c.ast, &mut |e| {
        if let ExprKind::FuncLit { .. } = e.kind {
            lits.push(c.info.captures[&e.id].iter().map(|o| c.info.object(*o).name.clone()).collect::<Vec<_>>());
        }
    });
    assert_eq!(lits, vec![vec!["a".to_string(), "b".to_string()], vec!["a".to_string()]]);
}

#[test]
fn package_variables_initialise_in_dependency_order() {
    let c = ok("package main\n\nvar (\n\ta = c + b\n\tb = f()\n\tc = f()\n\td = 3\n)\n\nfunc f() int {\n\td++\n\treturn d\n}\n\nfunc main() { println(a) }\n");
    let order: Vec<usize> = c.info.init_order.iter().map(|g| g.spec).collect();
    assert_eq!(order, vec![3, 1, 2, 0]);
}

#[test]
fn control_flow_and_labels_are_accepted() {
    ok(&body("\tx := 0\nouter:\n\tfor i := 0; i < 3; i++ {\n\t\tfor j := range 5 {\n\t\t\tif j == 2 {\n\t\t\t\tcontinue outer\n\t\t\t}\n\t\t\tswitch {\n\t\t\tcase j > 3:\n\t\t\t\tbreak outer\n\t\t\tcase j == 1:\n\t\t\t\tfallthrough\n\t\t\tdefault:\n\t\t\t\tx += i\n\t\t\t}\n\t\t}\n\t}\n\tfor _, r := range \"héllo\" {\n\t\tx += int(r)\n\t}\n\tprintln(x)"));
}

#[test]
fn terminating_statements_satisfy_missing_return() {
    ok("package main\n\nfunc a(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t} else {\n\t\tpanic(\"no\")\n\t}\n}\n\nfunc b() int {\n\tfor {\n\t}\n}\n\nfunc c(x int) int {\n\tswitch x {\n\tcase 1:\n\t\treturn 1\n\tdefault:\n\t\treturn 2\n\t}\n}\n\nfunc main() { println(a(1), b(), c(1)) }\n");
    assert_eq!(errors("package main\n\nfunc a() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() { a() }\n"), vec!["7:1: missing return"]);
}

// ----- diagnostics -----

#[test]
fn diagnostics_use_go_wording() {
    let cases: &[(&str, &str)] = &[
        ("\tvar x int8 = 300\n\t_ = x", "4:15: cannot use 300 (untyped int constant) as int8 value in variable declaration (overflows)"),
        ("\tx := 1\n\tvar s string = x\n\t_ = s", "5:17: cannot use x (variable of type int) as string value in variable declaration"),
        ("\tx := 1\n\tx = \"a\"", "5:6: cannot use \"a\" (untyped string constant) as int value in assignment"),
        ("\t_ = y", "4:6: undefined: y"),
        ("\tx := 1", "4:2: declared and not used: x"),
        ("\t_ = 1 / 0", "4:10: invalid operation: division by zero"),
        ("\tconst c = byte(255) + 1", "4:12: byte(255) + 1 (constant 256 of type byte) overflows byte"),
        ("\tconst c = 1 << 600", "4:14: constant shift overflow"),
        ("\tconst c = 1 << 511 * 4", "4:21: constant multiplication overflow"),
        ("\tconst c = 1 >> 2000", "4:17: invalid operation: invalid shift count 2000 (untyped int constant)"),
        ("\t_ = 1 << 1.5", "4:11: 1.5 (untyped float constant) truncated to uint"),
        ("\tvar x int8 = 1000.0\n\t_ = x", "4:15: cannot use 1000.0 (untyped float constant 1000) as int8 value in variable declaration (truncated)"),
        ("\t_ = int64(1e19)", "4:12: cannot convert 1e19 (untyped float constant 10000000000000000000) to type int64"),
        ("\t[4]int{}", "4:2: [4]int{} (value of type [4]int) is not used"),
        ("\t[4]int{1}", "4:2: [4]int{…} (value of type [4]int) is not used"),
        ("\tf := func() (int, int) { return 1, 2 }\n\ta := f()\n\t_ = a", "5:7: assignment mismatch: 1 variable but f returns 2 values"),
        ("\tf := func() (int, int) { return 1, 2 }\n\tvar a = f()\n\t_ = a", "5:10: assignment mismatch: 1 variable but f returns 2 values"),
        ("\tf := func() (int, int) { return 1, 2 }\n\ta := 0\n\ta = f()\n\t_ = a", "6:6: assignment mismatch: 1 variable but f returns 2 values"),
        ("\tfor {\n\t\tcontinue M\n\t}", "5:12: continue label not defined: M"),
        ("\tfor {\n\t\tbreak M\n\t}", "5:9: break label not defined: M"),
        ("\tgoto Missing", "4:7: label Missing not defined"),
        ("\t_ = int8(300)", "4:11: cannot convert 300 (untyped int constant) to type int8"),
        ("\t_ = int(2.5)", "4:10: cannot convert 2.5 (untyped float constant) to type int"),
        ("\tx, s := 1, \"\"\n\t_ = x + s", "5:6: invalid operation: x + s (mismatched types int and string)"),
        ("\tif 1 {\n\t}", "4:5: non-boolean condition in if statement"),
        ("\tx := 1\n\t_ = !x", "5:6: invalid operation: operator ! not defined on x (variable of type int)"),
        ("\ts := \"\"\n\t_ = int(s)", "5:10: cannot convert s (variable of type string) to type int"),
        ("\tx := 1\n\tx", "5:2: x (variable of type int) is not used"),
        ("\tbreak", "4:2: break is not in a loop, switch, or select"),
        ("\ta := [3]int{}\n\t_ = a[5]", "5:8: invalid argument: index 5 out of bounds [0:3]"),
        ("\tx := 1\n\tx := 2\n\t_ = x", "5:2: no new variables on left side of :="),
        ("\tvar m map[string]int\n\t_ = m", "4:8: not supported yet: maps"),
        ("\tgo int(1)", "4:5: go requires function call, not conversion int(1) (constant 1 of type int)"),
        ("\tvar f complex64\n\t_ = f", "4:8: not supported yet: complex numbers"),
        ("\tn := fmt.Println()\n\t_ = n", "4:7: not supported yet: using the results of fmt.Println"),
        ("\tfmt.Foo()", "4:2: undefined: fmt.Foo"),
        ("\tswitch 1 {\n\tcase 1:\n\t\tfallthrough\n\t}", "6:3: cannot fallthrough final case in switch"),
        ("\t5 = 1", "4:2: cannot assign to 5 (neither addressable nor a map index expression)"),
        ("\tf := func() (int, int) { return 1, 2 }\n\ta, b, c := f()\n\t_, _, _ = a, b, c", "5:13: assignment mismatch: 3 variables but f returns 2 values"),
        ("\tL:\n\tfor {\n\t}", "4:2: label L defined and not used"),
    ];
    for (stmts, want) in cases {
        let src = format!("package main\n\nimport \"fmt\"\n\nfunc main() {{\n{stmts}\n\tfmt.Print()\n}}\n").replace("import \"fmt\"\n\n", "");
        let src = if src.contains("fmt.") && !src.contains("import") { src.replacen("package main\n", "package main\n\nimport \"fmt\"\n", 1) } else { src };
        let got = errors(&src);
        // The import line shifts positions by two lines when present.
        let want = if src.contains("import") {
            let (pos, msg) = want.split_once(": ").unwrap();
            let (l, c) = pos.split_once(':').unwrap();
            format!("{}:{c}: {msg}", l.parse::<u32>().unwrap() + 2)
        } else {
            want.to_string()
        };
        assert!(got.contains(&want), "for {stmts:?}\nwant {want}\ngot  {got:?}");
    }
}

#[test]
fn package_level_errors() {
    assert_eq!(errors("package main\n\nimport \"os\"\n\nfunc main() {}\n"), vec!["3:8: \"os\" imported and not used"]);
    assert_eq!(errors("package main\n\nimport \"math\"\n\nfunc main() {}\n"), vec!["3:8: not supported yet: package \"math\""]);
    assert_eq!(errors("package main\n\nfunc f() {}\n"), vec!["1:9: function main is undeclared in the main package"]);
    assert_eq!(errors("package main\n\ntype T struct{ a T }\n\nfunc main() {}\n"), vec!["3:6: invalid recursive type T"]);
    assert_eq!(errors("package main\n\nvar x = f()\n\nfunc f() int { return x }\n\nfunc main() {}\n"), vec!["3:5: initialization cycle for x"]);
    assert_eq!(errors("package main\n\nfunc f() int {\n\treturn\n}\n\nfunc main() { f() }\n"), vec!["4:2: not enough return values"]);
    assert_eq!(errors("package main\n\nfunc f() {\n\treturn 1\n}\n\nfunc main() { f() }\n"), vec!["4:9: too many return values"]);
    assert_eq!(errors("package main\n\nfunc f(a, b int) {}\n\nfunc main() { f(1) }\n"), vec!["5:18: not enough arguments in call to f"]);
    assert_eq!(errors("package main\n\nfunc f(a int) {}\n\nfunc main() { f(1, 2) }\n"), vec!["5:20: too many arguments in call to f"]);
    assert_eq!(errors("package main\n\nfunc f(a int) {}\n\nfunc main() { f(\"a\") }\n"), vec!["5:17: cannot use \"a\" (untyped string constant) as int value in argument to f"]);
}


// ----- goto, init functions, float32 -----

/// `errors` of `body(stmts)`.
fn body_errors(stmts: &str) -> Vec<String> {
    errors(&body(stmts))
}

#[test]
fn goto_within_and_out_of_blocks_is_accepted() {
    // Labels used only by gotos are used; backward jumps over declarations and
    // forward jumps over declarations in inner blocks are fine (Go's ken/label.go).
    ok(&body("\ti, y := 0, 2\n\tif false {\n\t\tgoto gogoloop\n\t}\n\tgoto gogoloop\nloop:\n\ti = i + 1\n\tif i < 100 {\n\t\tgoto loop\n\t}\n\tgoto skip\n\t{\n\t\tx := 1\n\t\t_ = x\n\t}\nskip:\n\tfor {\n\t\tswitch {\n\t\tcase i > 0:\n\t\t\tgoto out\n\t\t}\n\t}\nout:\nback:\n\tif y > 0 {\n\t\ty--\n\t\tgoto back\n\t}\n\treturn\ngogoloop:\n\tgoto loop"));
    // A labeled declaration is not jumped over by a goto to its label.
    ok(&body("\tgoto L\nL:\n\tx := 1\n\t_ = x"));
}

#[test]
fn goto_rules_use_go_wording() {
    // `go vet`'s wording for a jump over a declaration, gc's (with the position of
    // the block's start) for a jump into a block.
    let cases: &[(&str, &[&str])] = &[
        ("\tgoto L\n\tx := 1\n\t_ = x\nL:\n\tprintln()", &["4:7: goto L jumps over variable declaration at line 5"]),
        // From an inner block, over the last of several declarations.
        ("\t{\n\t\tgoto L\n\t}\n\tvar x int\n\t_ = x\nL:\n\tprintln()", &["5:8: goto L jumps over variable declaration at line 7"]),
        ("\tgoto L\n\tvar a int\n\t_ = a\n\tb := 2\n\t_ = b\nL:\n\tprintln()", &["4:7: goto L jumps over variable declaration at line 7"]),
        ("\tgoto L\n\t{\n\tL:\n\t\tprintln()\n\t}", &["4:7: goto L jumps into block starting at t.go:5:2"]),
        ("\t{\n\tL:\n\t\tprintln()\n\t}\n\tgoto L", &["8:7: goto L jumps into block starting at t.go:4:2"]),
        ("\tswitch {\n\tcase true:\n\tL:\n\t\tprintln()\n\t}\n\tgoto L", &["9:7: goto L jumps into block starting at t.go:5:2"]),
        ("\tgoto L\n\tfor {\n\tL:\n\t}", &["4:7: goto L jumps into block starting at t.go:5:6"]),
        ("\tif true {\n\t\tgoto L\n\t} else if false {\n\tL:\n\t\tprintln()\n\t}", &["5:8: goto L jumps into block starting at t.go:6:18"]),
        // The block error wins over the declaration it also jumps over.
        ("\tgoto L\n\tx := 1\n\t_ = x\n\t{\n\tL:\n\t\tprintln()\n\t}", &["4:7: goto L jumps into block starting at t.go:7:2"]),
        // Labels belong to one function: not to the literals inside it.
        ("L:\n\tf := func() {\n\t\tgoto L\n\t}\n\tf()\n\tgoto L", &["6:8: label L not defined"]),
        ("\tgoto Missing", &["4:7: label Missing not defined"]),
    ];
    for (stmts, want) in cases {
        assert_eq!(body_errors(stmts), *want, "for {stmts:?}");
    }
}

#[test]
fn init_functions_are_checked_but_not_declared() {
    let c = ok("package main\n\nvar n = 1\n\nfunc init() {\n\tn++\n}\n\nfunc init() {\n\tn *= 10\n}\n\nfunc main() {\n\tinit := n\n\tprintln(init)\n}\n");
    let inits: Vec<_> = c.info.objects.iter().filter(|o| o.name == "init" && matches!(o.kind, ObjKind::Func)).collect();
    assert_eq!(inits.len(), 2);
    assert_eq!(c.info.types.type_string(inits[0].ty), "func()");
    let file = |decls: &str| format!("package main\n\n{decls}\n\nfunc main() {{}}\n");
    assert_eq!(errors(&file("func init(x int) {}")), vec!["3:6: func init must have no arguments and no return values"]);
    assert_eq!(errors(&file("func init() int { return 1 }")), vec!["3:6: func init must have no arguments and no return values"]);
    assert_eq!(errors(&file("func init() {\n\tx := 1\n}")), vec!["4:2: declared and not used: x"]);
    assert_eq!(errors(&file("var init = 1")), vec!["3:5: cannot declare init - must be func"]);
    assert_eq!(errors("package main\n\nfunc init() {}\n\nfunc main() {\n\tinit()\n}\n"), vec!["6:2: undefined: init"]);
    assert_eq!(errors("package main\n\nfunc init() {}\n\nfunc main() {\n\tf := init\n\t_ = f\n}\n"), vec!["6:7: undefined: init"]);
    assert_eq!(errors("package main\n\nfunc init() {\n\tinit()\n}\n\nfunc main() {}\n"), vec!["4:2: undefined: init"]);
}

#[test]
fn float32_values_are_rounded_to_float32() {
    let c = ok(&body("\tvar a [10]float32\n\ts := float32(0)\n\tfor i := 0; i < 10; i++ {\n\t\ta[i] = float32(i)\n\t\ts += a[i]\n\t}\n\tvar f float32 = 0.1\n\tconst c float32 = 0.1\n\tconst d = c * 3\n\tprintln(s, float64(f)*2, f*0.5, float32(0.2), d, 3.4028235e38 / float32(2))"));
    let f32 = |text: &str, x: f32| assert_eq!(expr_at(&c, text), ("float32".into(), Some(&ConstValue::Float(x as f64))), "{text}");
    f32("float32(0.2)", 0.2);
    f32("0.5", 0.5);
    f32("c * 3", 0.1 * 3.0);
    f32("3.4028235e38", f32::MAX);
    assert_eq!(expr_at(&c, "0.1"), ("float32".into(), Some(&ConstValue::Float(0.10000000149011612))));
    assert_eq!(expr_at(&c, "float64(f)*2").0, "float64");
    assert_eq!(expr_at(&c, "a[i]").0, "float32");
    ok(&body("\tvar g float32 = 1e-50\n\tprintln(g, float32(16777217))"));
}

#[test]
fn float32_diagnostics_use_go_wording() {
    let cases: &[(&str, &str)] = &[
        ("\tvar f float32 = 0.1\n\tvar g float64 = 1\n\t_ = f + g", "6:6: invalid operation: f + g (mismatched types float32 and float64)"),
        ("\tvar f float32 = 3.5e38\n\t_ = f", "4:18: cannot use 3.5e38 (untyped float constant 3.5e+38) as float32 value in variable declaration (overflows)"),
        ("\t_ = float32(-1e39)", "4:14: cannot convert -1e39 (untyped float constant -1e+39) to type float32"),
        ("\tconst c float32 = 3.4e38\n\t_ = c * 2", "5:6: c * 2 (constant 6.8e+38 of type float32) overflows float32"),
        ("\tvar x float32 = 1\n\t_ = x % 2", "5:6: invalid operation: operator % not defined on x (variable of type float32)"),
        ("\tx := 1.5\n\tvar f float32 = x\n\t_ = f", "5:18: cannot use x (variable of type float64) as float32 value in variable declaration"),
    ];
    for (stmts, want) in cases {
        assert_eq!(body_errors(stmts), vec![want.to_string()], "for {stmts:?}");
    }
}

#[test]
fn range_over_pointer_to_array_gives_index_and_element() {
    let c = ok(&body("\tarr := [3]float32{1, 2, 3}\n\tvar s float32\n\tfor i, v := range &arr {\n\t\ts += v * float32(i)\n\t}\n\tp := &arr\n\tfor i := range p {\n\t\tp[i] = 0\n\t}\n\tprintln(s)"));
    assert_eq!(c.info.types.type_string(obj_named(&c, "v").ty), "float32");
    let idx: Vec<_> = c.info.objects.iter().filter(|o| o.name == "i").map(|o| c.info.types.type_string(o.ty)).collect();
    assert_eq!(idx, vec!["int", "int"]);
}
