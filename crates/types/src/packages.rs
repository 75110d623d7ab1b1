//! The importable packages and the members the compiler supports.
//!
//! One table serves the checker (signatures) and code generation (runtime symbol and
//! calling convention, docs/abi.md), so the two cannot disagree.

/// A parameter or result type of a package function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PkgType {
    Int,
    Int64,
    Bool,
    String,
    /// `[]string`
    StringSlice,
    /// `error`
    Error,
    /// `func()`
    Func,
    /// `...any`: the remaining arguments, each passed to the runtime as an `Eface`.
    VariadicAny,
    /// `time.Duration` (an `int64`, [`PACKAGE_INT_TYPES`]).
    Duration,
}

#[derive(Debug)]
pub struct PkgFunc {
    pub package: &'static str,
    pub name: &'static str,
    /// The runtime entry point (docs/abi.md).
    pub symbol: &'static str,
    pub params: &'static [PkgType],
    pub results: &'static [PkgType],
    /// The Go function has results the compiler does not model yet (`fmt.Println`
    /// returns `(n int, err error)`): calling it as a statement is fine, using its
    /// results is `not supported yet`.
    pub unmodelled_results: bool,
    /// The function never returns (`os.Exit`).
    pub noreturn: bool,
    /// The runtime entry point takes the goroutine `g` first (`runtime.Goexit`).
    pub takes_g: bool,
}

use PkgType::*;

const fn func(package: &'static str, name: &'static str, symbol: &'static str, params: &'static [PkgType], results: &'static [PkgType]) -> PkgFunc {
    PkgFunc { package, name, symbol, params, results, unmodelled_results: false, noreturn: false, takes_g: false }
}

const fn printer(name: &'static str, symbol: &'static str, params: &'static [PkgType]) -> PkgFunc {
    PkgFunc { package: "fmt", name, symbol, params, results: &[], unmodelled_results: true, noreturn: false, takes_g: false }
}

pub static PACKAGE_FUNCS: &[PkgFunc] = &[
    printer("Print", "fmt.Print", &[VariadicAny]),
    printer("Println", "fmt.Println", &[VariadicAny]),
    printer("Printf", "fmt.Printf", &[String, VariadicAny]),
    func("fmt", "Sprint", "fmt.Sprint", &[VariadicAny], &[String]),
    func("fmt", "Sprintln", "fmt.Sprintln", &[VariadicAny], &[String]),
    func("fmt", "Sprintf", "fmt.Sprintf", &[String, VariadicAny], &[String]),
    func("fmt", "Errorf", "fmt.Errorf", &[String, VariadicAny], &[Error]),
    func("errors", "New", "errors.New", &[String], &[Error]),
    PkgFunc { package: "os", name: "Exit", symbol: "os.Exit", params: &[Int], results: &[], unmodelled_results: false, noreturn: true, takes_g: false },
    // Runs the goroutine's deferred calls, then ends it (for the main goroutine, the
    // only one so far: Go's "no goroutines" deadlock).
    PkgFunc { package: "runtime", name: "Goexit", symbol: "runtime.Goexit", params: &[], results: &[], unmodelled_results: false, noreturn: true, takes_g: true },
    // Collects nothing yet (no garbage collector); halves goroutine stacks that are
    // less than a quarter used, as Go's GC does.
    func("runtime", "GC", "runtime.GC", &[], &[]),
    // Yields the processor to other goroutines.
    PkgFunc { package: "runtime", name: "Gosched", symbol: "runtime.Gosched", params: &[], results: &[], unmodelled_results: false, noreturn: false, takes_g: true },
    func("runtime", "NumGoroutine", "runtime.NumGoroutine", &[], &[Int]),
    func("runtime", "GOMAXPROCS", "runtime.GOMAXPROCS", &[Int], &[Int]),
    // Stops the program with SIGTRAP, as under a debugger.
    func("runtime", "Breakpoint", "runtime.Breakpoint", &[], &[]),
    func("strings", "Contains", "strings.Contains", &[String, String], &[Bool]),
    func("strings", "HasPrefix", "strings.HasPrefix", &[String, String], &[Bool]),
    func("strings", "HasSuffix", "strings.HasSuffix", &[String, String], &[Bool]),
    func("strings", "Index", "strings.Index", &[String, String], &[Int]),
    func("strings", "Count", "strings.Count", &[String, String], &[Int]),
    func("strings", "Repeat", "strings.Repeat", &[String, Int], &[String]),
    func("strings", "ToUpper", "strings.ToUpper", &[String], &[String]),
    func("strings", "ToLower", "strings.ToLower", &[String], &[String]),
    func("strings", "TrimSpace", "strings.TrimSpace", &[String], &[String]),
    func("strings", "Split", "strings.Split", &[String, String], &[StringSlice]),
    func("strings", "Join", "strings.Join", &[StringSlice, String], &[String]),
    func("strings", "Fields", "strings.Fields", &[String], &[StringSlice]),
    func("strconv", "Itoa", "strconv.Itoa", &[Int], &[String]),
    func("strconv", "Atoi", "strconv.Atoi", &[String], &[Int, Error]),
    func("strconv", "FormatInt", "strconv.FormatInt", &[Int64, Int], &[String]),
    func("strconv", "Quote", "strconv.Quote", &[String], &[String]),
    // Parks the goroutine; the runtime's timers wake it.
    PkgFunc { package: "time", name: "Sleep", symbol: "time.Sleep", params: &[Duration], results: &[], unmodelled_results: false, noreturn: false, takes_g: true },
];

/// Named integer types of packages (all `int64`), without methods the compiler knows
/// (`fmt` prints a `time.Duration` the way its `String` method would).
pub static PACKAGE_INT_TYPES: &[(&str, &str)] = &[("time", "Duration")];

/// Typed integer constants of packages: `(package, name, type in PACKAGE_INT_TYPES,
/// value)`.
pub static PACKAGE_INT_CONSTS: &[(&str, &str, &str, i64)] = &[
    ("time", "Nanosecond", "Duration", 1),
    ("time", "Microsecond", "Duration", 1_000),
    ("time", "Millisecond", "Duration", 1_000_000),
    ("time", "Second", "Duration", 1_000_000_000),
    ("time", "Minute", "Duration", 60_000_000_000),
    ("time", "Hour", "Duration", 3_600_000_000_000),
];

/// A type of an imported package whose values the runtime manipulates (`sync.Mutex`):
/// a struct of unexported `uint64` words, zero value ready to use, with methods on
/// its pointer type.
#[derive(Debug)]
pub struct PkgTypeDef {
    pub package: &'static str,
    pub name: &'static str,
    /// The names of the struct's words (code outside the package cannot name them).
    pub words: &'static [&'static str],
    pub methods: &'static [PkgMethod],
}

/// A method with a pointer receiver of a package type (none has results).
#[derive(Debug)]
pub struct PkgMethod {
    pub name: &'static str,
    pub params: &'static [PkgType],
    pub call: MethodCall,
}

/// How a method call is compiled; every runtime entry point takes `g`, then the
/// receiver's address.
#[derive(Clone, Copy, Debug)]
pub enum MethodCall {
    /// `symbol(g, recv, args...)`.
    Runtime(&'static str),
    /// `Once.Do(f)`: `if begin(g, recv) { f(); end(g, recv) }`.
    Once { begin: &'static str, end: &'static str },
}

const fn method(name: &'static str, symbol: &'static str, params: &'static [PkgType]) -> PkgMethod {
    PkgMethod { name, params, call: MethodCall::Runtime(symbol) }
}

/// Sizes (in words) and symbols are the runtime's contract (docs/abi.md).
pub static PACKAGE_TYPES: &[PkgTypeDef] = &[
    PkgTypeDef {
        package: "sync",
        name: "WaitGroup",
        words: &["state1", "state2"],
        methods: &[method("Add", "sync.(*WaitGroup).Add", &[Int]), method("Done", "sync.(*WaitGroup).Done", &[]), method("Wait", "sync.(*WaitGroup).Wait", &[])],
    },
    PkgTypeDef { package: "sync", name: "Mutex", words: &["state"], methods: &[method("Lock", "sync.(*Mutex).Lock", &[]), method("Unlock", "sync.(*Mutex).Unlock", &[])] },
    PkgTypeDef {
        package: "sync",
        name: "Once",
        words: &["done", "m"],
        methods: &[PkgMethod { name: "Do", params: &[Func], call: MethodCall::Once { begin: "sync.(*Once).begin", end: "sync.(*Once).end" } }],
    },
];

/// Package-level variables the runtime provides: `(package, name, type, runtime
/// symbol of its storage)`.
pub static PACKAGE_VARS: &[(&str, &str, PkgType, &str)] = &[("os", "Args", StringSlice, "os.Args")];

/// A package variable: its type and the symbol of its storage.
pub fn lookup_var(package: &str, name: &str) -> Option<(PkgType, &'static str)> {
    PACKAGE_VARS.iter().find(|&&(p, n, _, _)| p == package && n == name).map(|&(_, _, t, s)| (t, s))
}

/// Package-level string constants: `(package, name, value)`.
pub static PACKAGE_CONSTS: &[(&str, &str, &str)] = &[("runtime", "GOOS", "linux"), ("runtime", "GOARCH", "amd64")];

/// The import paths the compiler accepts (besides "C"; `unsafe` is the checker's own,
/// check/unsafe_pkg.rs).
pub const PACKAGES: &[&str] = &["errors", "fmt", "os", "runtime", "strings", "strconv", "sync", "time", "unsafe"];

/// The value of a package's string constant (`runtime.GOARCH`).
pub fn lookup_const(package: &str, name: &str) -> Option<&'static str> {
    PACKAGE_CONSTS.iter().find(|&&(p, n, _)| p == package && n == name).map(|&(_, _, v)| v)
}

pub fn lookup(package: &str, name: &str) -> Option<&'static PkgFunc> {
    PACKAGE_FUNCS.iter().find(|f| f.package == package && f.name == name)
}

/// A named integer type of a package (`time.Duration`).
pub fn lookup_int_type(package: &str, name: &str) -> Option<(&'static str, &'static str)> {
    PACKAGE_INT_TYPES.iter().copied().find(|&(p, n)| p == package && n == name)
}

/// A typed integer constant of a package: its type's name and its value.
pub fn lookup_int_const(package: &str, name: &str) -> Option<(&'static str, i64)> {
    PACKAGE_INT_CONSTS.iter().find(|&&(p, n, _, _)| p == package && n == name).map(|&(_, _, t, v)| (t, v))
}

pub fn lookup_type(package: &str, name: &str) -> Option<&'static PkgTypeDef> {
    PACKAGE_TYPES.iter().find(|t| t.package == package && t.name == name)
}
