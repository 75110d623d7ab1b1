//! `prepare` against the real C compiler: declarations read back from DWARF, and the
//! diagnostics of what cannot be built.

mod common;

use common::{prepare, prepared};
use types::cgo::{CFunc, CType};

fn ptr(t: CType) -> CType {
    CType::Pointer(Box::new(t))
}

fn func(name: &str, params: Vec<CType>, result: CType) -> CFunc {
    CFunc { name: name.into(), params, result, variadic: false, wrapper: format!("_cgo_w_{name}") }
}

#[test]
fn signatures_come_from_dwarf() {
    let src = r#"package main

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef long myint;
typedef struct point { int x; } point;
static int add(int a, myint b) { return a + b; }
static double half(double x) { return x / 2; }
static void *pointers(char *p, const char *q, size_t n, void *v, int **pp) { return v; }
static unsigned char small(unsigned short s, unsigned long long u, signed char c, float f, unsigned u2, unsigned long ul, short sh) { return 0; }
static void odd(point p, point *pp, FILE *f, int (*cb)(int)) {}
static _Bool flag(void) { return 1; }
*/
import "C"

func main() {
	var n C.int = C.add(1, 2)
	_ = C.half(1)
	_ = C.pointers(nil, nil, 0, nil, nil)
	_ = C.small(0, 0, 0, 0, 0, 0, 0)
	C.printf(C.CString("x"))
	C.odd()
	_ = C.flag()
	_ = C.strlen(nil)
	C.free(nil)
	_ = n
}
"#;
    let p = prepared(src);
    let int = || CType::Int("int");
    let char = || CType::Int("char");
    let want = vec![
        func("add", vec![int(), CType::Int("long")], int()),
        func("half", vec![CType::Double], CType::Double),
        func(
            "pointers",
            vec![ptr(char()), ptr(char()), CType::Int("ulong"), ptr(CType::Void), ptr(ptr(int()))],
            ptr(CType::Void),
        ),
        func(
            "small",
            vec![
                CType::Int("ushort"),
                CType::Int("ulonglong"),
                CType::Int("schar"),
                CType::Float,
                CType::Int("uint"),
                CType::Int("ulong"),
                CType::Int("short"),
            ],
            CType::Int("uchar"),
        ),
        CFunc { variadic: true, ..func("printf", vec![ptr(char())], int()) },
        func(
            "odd",
            vec![
                CType::Unsupported("point".into()),
                ptr(CType::Unsupported("point".into())),
                ptr(CType::Unsupported("FILE".into())),
                CType::Unsupported("int (*)(...)".into()),
            ],
            CType::Void,
        ),
        func("flag", vec![], CType::Unsupported("_Bool".into())),
        func("strlen", vec![ptr(char())], CType::Int("ulong")),
        func("free", vec![ptr(CType::Void)], CType::Void),
    ];
    assert_eq!(p.decls.funcs, want);
    // Wrappers exist exactly for the functions a wrapper can pass.
    let loaded = p.load().expect("load");
    let with_wrapper: Vec<&str> =
        p.decls.funcs.iter().filter(|f| loaded.symbol(&f.wrapper).is_some()).map(|f| f.name.as_str()).collect();
    assert_eq!(with_wrapper, ["add", "half", "pointers", "small", "strlen", "free"]);
}

#[test]
fn no_import_c_is_none() {
    assert!(matches!(prepare("package main\n\nfunc main() {}\n"), Ok(None)));
}

#[test]
fn undeclared_names_are_reported_at_their_first_use() {
    let src = r#"package main

// static int f(int x) { return x; }
import "C"

func main() {
	println(C.f(1), C.g(2))
	println(C.g(3), C.h)
}
"#;
    assert_eq!(
        prepare(src).expect_err("errors"),
        ["7:18: could not determine kind of name for C.g", "8:18: could not determine kind of name for C.h"]
    );
}

#[test]
fn names_that_are_not_functions_are_not_supported() {
    let src = r#"package main

/*
static int x = 3;
#define K 4
enum { E = 5 };
typedef int myint;
static int f(void) { return 0; }
*/
import "C"

func main() {
	println(C.f(), C.x, C.K, C.E, C.myint(1))
}
"#;
    let note = "(only C functions and types are supported)";
    assert_eq!(
        prepare(src).expect_err("errors"),
        [
            format!("13:17: not supported yet: C.x {note}"),
            format!("13:22: not supported yet: C.K {note}"),
            format!("13:27: not supported yet: C.E {note}"),
            format!("13:32: not supported yet: C.myint {note}"),
        ]
    );
}

#[test]
fn preamble_errors_point_into_the_go_file() {
    let src = r#"package main

/*
#include <stdio.h>
static int f(int a) { return a + y; }
*/
import "C"

func main() { println(C.f(1), C.nope()) }
"#;
    assert_eq!(
        prepare(src).expect_err("errors"),
        [
            "9:31: could not determine kind of name for C.nope",
            "5:34: error: 'y' undeclared (first use in this function)",
        ]
    );
    // `//` comments: columns count from after the `//`.
    let src =
        "package main\n\n// static int f(int a) { return a + y; }\nimport \"C\"\n\nfunc main() { println(C.f(1)) }\n";
    assert_eq!(prepare(src).expect_err("errors"), ["3:37: error: 'y' undeclared (first use in this function)"]);
    let src = "package main\n\n/* #include <nosuch.h> */\nimport \"C\"\n";
    assert_eq!(prepare(src).expect_err("errors"), ["3:13: fatal error: nosuch.h: No such file or directory"]);
}

#[test]
fn link_errors_name_the_preamble_line() {
    let src = r#"package main

/*
extern int undefinedfn(int);
static int f(int a) { return undefinedfn(a); }
*/
import "C"

func main() { println(C.f(1)) }
"#;
    let errors = prepare(src).expect_err("errors");
    assert!(
        errors.iter().any(|e| e.starts_with("5:1: ") && e.contains("undefined reference to `undefinedfn'")),
        "{errors:?}"
    );
}

#[test]
fn exported_functions_are_declared_before_the_preamble() {
    // Seed 000: the preamble calls the export without declaring it.
    let src = r#"package main

/*
static int increase(int a) { return goIncrease(a++);}
*/
import "C"

func main() { goIncrease(0) }

//export goIncrease
func goIncrease(a C.int) C.int {
	a++
	if a > 2500 {
		return a
	}
	return C.increase(a)
}
"#;
    let p = prepared(src);
    assert_eq!(p.exports, ["goIncrease"]);
    assert_eq!(p.decls.funcs, [func("increase", vec![CType::Int("int")], CType::Int("int"))]);
    // The header is on the include path, and may be included again.
    let src = src.replace("static int increase", "#include \"_cgo_export.h\"\nstatic int increase");
    assert_eq!(prepared(&src).exports, ["goIncrease"]);
}

#[test]
fn export_errors_use_go_wording() {
    let src = "package main\n\nimport \"C\"\n\n//export g\nfunc g2() {}\n";
    assert_eq!(prepare(src).expect_err("errors"), ["5:1: export comment has wrong name \"g\", want \"g2\""]);
}

#[test]
fn serialize_directives_name_c_functions() {
    let src = r#"package main

/*
// morestack:serialize f unused
static int f(void) { return 0; }
static int unused(void) { return 1; }
*/
import "C"

func main() { println(C.f()) }
"#;
    assert_eq!(prepared(src).decls.funcs, [func("f", vec![], CType::Int("int"))]);
    let src = r#"package main

/*
// morestack:serialize x nope
static int x;
*/
import "C"

func main() {}
"#;
    assert_eq!(prepare(src).expect_err("errors"), ["4:26: could not determine kind of name for C.nope"]);
    let src = src.replace(" nope", "");
    assert_eq!(prepare(&src).expect_err("errors"), ["4:24: morestack:serialize: C.x is not a C function"]);
}

#[test]
fn tagged_types_and_missing_builtins_are_not_supported() {
    let src = "package main\n\n// struct point { int x; };\nimport \"C\"\n\nvar p C.struct_point\nvar b = C.GoBytes(nil, 0)\n";
    assert_eq!(
        prepare(src).expect_err("errors"),
        [
            "6:7: not supported yet: C.struct_point (C structs, unions and enums)",
            "7:9: not supported yet: C.GoBytes (this cgo builtin)"
        ]
    );
}
