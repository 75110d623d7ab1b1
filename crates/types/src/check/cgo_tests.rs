//! Checker tests of the pseudo-packages `C` and `unsafe`: accepted programs with the
//! facts code generation relies on, and diagnostics as Go 1.19 prints them (`go build
//! -gcflags=-e`, cmd/cgo's own errors included), in this checker's `as T value in`
//! phrasing.

use super::tests::{body, check_with, clean, diagnostics, errors, expr_at, obj_named, ok, Checked};
use crate::cgo::{CFunc, CType, CgoDecls};
use crate::info::{CgoFunc, ObjKind};

fn int(name: &'static str) -> CType {
    CType::Int(name)
}

fn ptr(to: CType) -> CType {
    CType::Pointer(Box::new(to))
}

fn func(name: &str, params: Vec<CType>, result: CType) -> CFunc {
    CFunc { name: name.to_string(), params, result, variadic: false, wrapper: format!("_cgo_w_{name}") }
}

/// The declarations of this preamble, as crates/cgo reads them back:
///
/// ```c
/// int add(int a, int b);          long lg(long x);      double dbl(double x);
/// float fl(float f);              void *vp(void *p);    char *cp(char *p);
/// void nothing(void);             size_t len(const char *s);
/// int printf(const char *, ...);  struct S gets(void);  void takes(struct S *s);
/// ```
fn decls() -> CgoDecls {
    let mut printf = func("printf", vec![ptr(int("char"))], int("int"));
    printf.variadic = true;
    CgoDecls {
        funcs: vec![
            func("add", vec![int("int"), int("int")], int("int")),
            func("lg", vec![int("long")], int("long")),
            func("dbl", vec![CType::Double], CType::Double),
            func("fl", vec![CType::Float], CType::Float),
            func("vp", vec![ptr(CType::Void)], ptr(CType::Void)),
            func("cp", vec![ptr(int("char"))], ptr(int("char"))),
            func("nothing", vec![], CType::Void),
            func("len", vec![ptr(int("char"))], int("ulong")),
            printf,
            func("gets", vec![], CType::Unsupported("struct S".to_string())),
            func("takes", vec![ptr(CType::Unsupported("struct S".to_string()))], CType::Void),
        ],
    }
}

/// `src` checked with the declarations of [`decls`].
fn cgo(src: &str) -> Checked {
    check_with(src, Some(&decls()))
}

/// A file importing "C" (and "unsafe") whose `main` runs `stmts` from line 8 on.
fn cgo_body(stmts: &str) -> String {
    format!("package main\n\nimport \"C\"\nimport \"unsafe\"\n\nfunc main() {{\n\tvar _ unsafe.Pointer\n{stmts}\n}}\n")
}

#[test]
fn c_types_functions_and_builtins_have_cgo_go_types() {
    let c = clean(cgo(&cgo_body(
        "\tx := C.add(1, C.int(2))\n\tvar n C.size_t = C.len(C.CString(\"hi\"))\n\tvar u C.ulong = n\n\tvar i8 C.int8_t = C.schar(-1)\n\tvar i64 C.int64_t = C.long(1)\n\tvar f = C.fl(1.5) + C.float(C.dbl(2))\n\tp := C.vp(unsafe.Pointer(&x))\n\tq := C.cp(nil)\n\ts := C.GoString(q) + C.GoStringN(q, 3)\n\tC.nothing()\n\tdefer C.nothing()\n\tgo C.lg(3)\n\t_, _, _, _, _, _ = u, i8, i64, f, p, s",
    )));
    let ty = |name: &str| c.info.types.type_string(obj_named(&c, name).ty);
    assert_eq!(ty("x"), "_Ctype_int");
    assert_eq!((ty("n"), ty("u")), ("_Ctype_ulong".to_string(), "_Ctype_ulong".to_string()));
    assert_eq!((ty("i8"), ty("i64")), ("_Ctype_schar".to_string(), "_Ctype_long".to_string()));
    assert_eq!((ty("f"), ty("p"), ty("q"), ty("s")), ("_Ctype_float".into(), "unsafe.Pointer".into(), "*_Ctype_char".into(), "string".into()));
    assert_eq!(c.info.types.runtime_name(obj_named(&c, "x").ty), "main._Ctype_int");
    assert_eq!(c.info.types.underlying(obj_named(&c, "x").ty), crate::types::TypeId::INT32);
    assert_eq!(expr_at(&c, "C.add(1, C.int(2))").0, "_Ctype_int");
    assert_eq!(expr_at(&c, "C.CString(\"hi\")").0, "*_Ctype_char");
    // The callee of each call is the C function's object: its kind says how to call it.
    let kind = |name: &str| match &obj_named(&c, name).kind {
        ObjKind::Cgo(f) => f.clone(),
        other => panic!("{name} is {other:?}"),
    };
    assert_eq!(kind("add"), CgoFunc::C { wrapper: "_cgo_w_add".to_string() });
    assert_eq!((kind("CString"), kind("GoStringN")), (CgoFunc::CString, CgoFunc::GoStringN));
    assert_eq!(c.info.types.type_string(obj_named(&c, "GoStringN").ty), "func(*_Ctype_char, _Ctype_int) string");
    assert_eq!(c.info.types.type_string(obj_named(&c, "nothing").ty), "func()");
}

#[test]
fn calls_of_c_functions_report_go_errors_with_cgo_names() {
    let errs = diagnostics(&cgo(&cgo_body(
        "\tx := 1\n\tvar i C.int = C.add(x, 2)\n\t_ = C.add(1.5, 2)\n\t_ = C.add(1, 2, 3)\n\t_ = C.add(1)\n\tvar l C.long = i\n\tvar p unsafe.Pointer = C.cp(nil)\n\t_ = C.vp(&x)\n\tvar s string = C.CString(\"x\")\n\t_ = C.GoString(p)\n\t_ = C.GoStringN(nil, 3.5)\n\tvar ch C.char = C.schar(1)\n\t_ = C.int\n\t_, _, _ = l, s, ch",
    )));
    assert_eq!(
        errs,
        [
            "9:22: cannot use x (variable of type int) as _Ctype_int value in argument to (_Cfunc_add)",
            "10:12: cannot use 1.5 (untyped float constant) as _Ctype_int value in argument to (_Cfunc_add) (truncated)",
            "11:18: too many arguments in call to (_Cfunc_add)",
            "12:13: not enough arguments in call to (_Cfunc_add)",
            "13:17: cannot use i (variable of type _Ctype_int) as _Ctype_long value in variable declaration",
            "14:25: cannot use (_Cfunc_cp)(nil) (value of type *_Ctype_char) as unsafe.Pointer value in variable declaration",
            "15:11: cannot use &x (value of type *int) as unsafe.Pointer value in argument to (_Cfunc_vp)",
            "16:17: cannot use (_Cfunc_CString)(\"x\") (value of type *_Ctype_char) as string value in variable declaration",
            "17:17: cannot use p (variable of type unsafe.Pointer) as *_Ctype_char value in argument to (_Cfunc_GoString)",
            "18:23: cannot use 3.5 (untyped float constant) as _Ctype_int value in argument to (_Cfunc_GoStringN) (truncated)",
            "19:18: cannot use _Ctype_schar(1) (constant 1 of type _Ctype_schar) as _Ctype_char value in variable declaration",
            "20:6: _Ctype_int (type) is not an expression",
        ]
    );
    let c = cgo(&cgo_body("\t_ = C.add(1, 2, 3)"));
    assert_eq!(c.diags[0].message, "too many arguments in call to (_Cfunc_add)\n\thave (number, number, number)\n\twant (_Ctype_int, _Ctype_int)");
}

#[test]
fn names_c_does_not_declare_or_the_compiler_cannot_call_are_reported() {
    let errs = diagnostics(&cgo(&cgo_body(
        "\t_ = C.nosuch\n\tC.nosuch2()\n\tf := C.add\n\tvar y C.int = C.CString\n\t_ = C.GoString\n\tC.printf(C.CString(\"%d\"), 1)\n\tC.gets()\n\tC.takes(nil)\n\tvar t C.struct_S\n\t_ = C.GoBytes(nil, 1)\n\tr, err := C.add(1, 2)\n\t_, _, _, _, _ = f, y, t, r, err",
    )));
    assert_eq!(
        errs,
        [
            "8:6: could not determine kind of name for C.nosuch",
            "9:2: could not determine kind of name for C.nosuch2",
            "10:7: not supported yet: C functions as values",
            "11:16: use of builtin 'CString' not in function call",
            "12:6: use of builtin 'GoString' not in function call",
            "13:2: not supported yet: calling variadic C function printf",
            "14:2: not supported yet: C type struct S (in C.gets)",
            "15:2: not supported yet: C type struct S * (in C.takes)",
            "16:8: not supported yet: C struct types (C.struct_S)",
            "17:6: not supported yet: C.GoBytes",
            "18:12: not supported yet: the errno result of a C call ((_Cfunc_add)(1, 2) returns 1 value)",
        ]
    );
    // A function without a result: Go's cgo gives it the result type _Ctype_void.
    assert_eq!(diagnostics(&cgo(&cgo_body("\t_ = C.nothing()"))), ["8:6: (_Cfunc_nothing)() (no value) used as value"]);
}

#[test]
fn import_c_needs_cgo_and_cannot_be_renamed() {
    // cgo available: the import counts as used.
    clean(cgo("package main\n\nimport \"C\"\n\nfunc main() {}\n"));
    assert_eq!(errors("package main\n\nimport \"C\"\n\nfunc main() {}\n"), ["3:8: not supported yet: cgo"]);
    assert_eq!(diagnostics(&cgo("package main\n\nimport c \"C\"\n\nfunc main() {}\n")), ["3:10: cannot rename import \"C\""]);
}

#[test]
fn exports_are_recorded_and_checked_as_cgo_does() {
    let src = "package main\n\nimport \"C\"\nimport \"unsafe\"\n\n//export F\nfunc F(a C.int, b *C.char, c unsafe.Pointer, d int, e uint8, f uintptr, g float64, h bool, i **C.int) C.double { return 0 }\n\n// G does nothing.\n//export G\nfunc G() {}\n\nfunc main() {}\n";
    let c = clean(cgo(src));
    let exports: Vec<(&str, &str)> = c.info.exports.iter().map(|x| (x.name.as_str(), c.info.object(x.func).name.as_str())).collect();
    assert_eq!(exports, [("F", "F"), ("G", "G")]);
    let errs = diagnostics(&cgo(
        "package main\n\nimport \"C\"\n\n//export Wrong\nfunc W() {}\n\n//export \nfunc V() {}\n\n//export S\nfunc S(s string, x []int) {}\n\n//export T\nfunc T() (int, int) { return 1, 2 }\n\n//export U\nfunc U(xs ...C.int) {}\n\n//export init\nfunc init() {}\n\nfunc main() {}\n",
    ));
    assert_eq!(
        errs,
        [
            "5:1: export comment has wrong name \"Wrong\", want \"W\"",
            "8:1: export comment has wrong name \"\", want \"V\"",
            "8:1: export missing name",
            "12:10: not supported yet: //export of a function with a parameter of type string",
            "12:20: not supported yet: //export of a function with a parameter of type []int",
            "15:16: not supported yet: //export of a function with more than one result",
            "18:8: not supported yet: //export of a variadic function",
            "20:1: not supported yet: //export of init",
        ]
    );
    // Without import "C", //export is an ordinary comment.
    assert!(ok("package main\n\n//export F\nfunc F(s string) {}\n\nfunc main() {}\n").info.exports.is_empty());
}

#[test]
fn unsafe_pointer_converts_to_pointers_and_uintptr() {
    let c = ok(&body_unsafe("\tx := 1\n\tup := unsafe.Pointer(&x)\n\tq := (*int8)(up)\n\tu := uintptr(up)\n\tup = unsafe.Pointer(u)\n\tvar n unsafe.Pointer = nil\n\tprintln(up == n, up != nil, *q, unsafe.Pointer(nil) == up)"));
    let ty = |name: &str| c.info.types.type_string(obj_named(&c, name).ty);
    assert_eq!((ty("up"), ty("q"), ty("u")), ("unsafe.Pointer".into(), "*int8".into(), "uintptr".into()));
    let errs = diagnostics(&cgo(&cgo_body(
        "\tvar p *C.int\n\tvar q unsafe.Pointer = unsafe.Pointer(p)\n\t_ = (*int)(p)\n\t_ = unsafe.Pointer(1)\n\t_ = unsafe.Pointer(C.int(1))\n\t_ = uintptr(p)\n\tvar qq unsafe.Pointer = p\n\t_ = q + 1\n\t_ = *q\n\t_ = q < q\n\t_ = qq",
    )));
    assert_eq!(
        errs,
        [
            "10:13: cannot convert p (variable of type *_Ctype_int) to type *int",
            "11:21: cannot convert 1 (untyped int constant) to type unsafe.Pointer",
            "12:21: cannot convert _Ctype_int(1) (constant 1 of type _Ctype_int) to type unsafe.Pointer",
            "13:14: cannot convert p (variable of type *_Ctype_int) to type uintptr",
            "14:26: cannot use p (variable of type *_Ctype_int) as unsafe.Pointer value in variable declaration",
            "15:10: cannot convert 1 (untyped int constant) to type unsafe.Pointer",
            "16:6: invalid operation: cannot indirect q (variable of type unsafe.Pointer)",
            "17:6: invalid operation: q < q (operator < not defined on q (variable of type unsafe.Pointer))",
        ]
    );
}

/// A file importing "unsafe" whose `main` runs `stmts` from line 14 on, after
/// declaring `s S`, `p *S` and `z Z`.
fn body_unsafe(stmts: &str) -> String {
    format!("package main\n\nimport \"unsafe\"\n\ntype S struct {{\n\ta int8\n\tb int64\n}}\n\ntype Z struct {{\n\ta int\n\tz struct{{}}\n}}\n\nfunc main() {{\n\tvar s S\n\tp := &s\n\tvar z Z\n\t_, _, _ = s, p, z\n{stmts}\n}}\n")
}

#[test]
fn unsafe_sizeof_alignof_offsetof_are_uintptr_constants() {
    let c = ok(&body_unsafe(
        "\tconst c = unsafe.Sizeof(s) + unsafe.Alignof(s.a) + unsafe.Offsetof(s.b)\n\tprintln(c, unsafe.Sizeof(z), unsafe.Offsetof(p.b), unsafe.Offsetof((s.b)), unsafe.Sizeof(1), unsafe.Sizeof(\"x\"), unsafe.Alignof(z))",
    ));
    let value = |text: &str| {
        let (ty, v) = expr_at(&c, text);
        (ty, v.cloned())
    };
    let uintptr = |n: i128| ("uintptr".to_string(), Some(crate::constant::ConstValue::Int(n)));
    assert_eq!(value("unsafe.Sizeof(s)"), uintptr(16));
    assert_eq!(value("unsafe.Alignof(s.a)"), uintptr(1));
    assert_eq!(value("unsafe.Offsetof(s.b)"), uintptr(8));
    assert_eq!(value("unsafe.Sizeof(s) + unsafe.Alignof(s.a) + unsafe.Offsetof(s.b)"), uintptr(25));
    // gc pads a struct ending in a zero-size field (Go prints 16).
    assert_eq!(value("unsafe.Sizeof(z)"), uintptr(16));
    assert_eq!(value("unsafe.Offsetof(p.b)"), uintptr(8));
    assert_eq!(value("unsafe.Sizeof(1)"), uintptr(8));
    assert_eq!(value("unsafe.Sizeof(\"x\")"), uintptr(16));
}

#[test]
fn unsafe_errors_use_go_wording() {
    let errs = errors(&body_unsafe(
        "\t_ = unsafe.Sizeof\n\t_ = unsafe.Sizeof(int)\n\t_ = unsafe.Offsetof(s)\n\t_ = unsafe.Offsetof(p)\n\tunsafe.Sizeof(s)\n\t_ = unsafe.Add(nil, 1)\n\t_ = unsafe.Foo\n\t_ = unsafe.Sizeof(nil)",
    ));
    assert_eq!(
        errs,
        [
            "20:6: unsafe.Sizeof (built-in) must be called",
            "21:20: int (type) is not an expression",
            "22:22: invalid argument: s is not a selector expression",
            "23:22: invalid argument: p is not a selector expression",
            "24:2: unsafe.Sizeof(s) (constant 16 of type uintptr) is not used",
            "25:6: not supported yet: unsafe.Add",
            "26:6: undefined: unsafe.Foo",
            "27:20: use of untyped nil in argument to unsafe.Sizeof",
        ]
    );
    assert_eq!(errors(&body("\t_ = len")), ["4:6: len (built-in) must be called"]);
    assert_eq!(errors("package main\n\nimport \"unsafe\"\n\nfunc main() {}\n"), ["3:8: \"unsafe\" imported and not used"]);
}
