//! The C declarations a program uses through the pseudo-package `C` (docs/cgo.md).
//!
//! `crates/cgo` fills a [`CgoDecls`] from the DWARF of the compiled preamble; the
//! checker turns each [`CType`] into the Go type cgo gives it (`C.int` is a named type
//! `_Ctype_int` with underlying `int32`, `void *` is `unsafe.Pointer`, ...). Plain
//! data: nothing here runs the C compiler.

/// A C type as seen from Go. Typedefs are resolved to what they name (`size_t` is
/// `unsigned long` on x86-64 Linux, so its Go type is `C.ulong`, as cgo's alias
/// `_Ctype_size_t = _Ctype_ulong` makes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CType {
    /// `void` (only as a result, or behind a pointer).
    Void,
    /// An integer type, by cgo's name after `C.`: `char`, `schar`, `uchar`, `short`,
    /// `ushort`, `int`, `uint`, `long`, `ulong`, `longlong`, `ulonglong`.
    Int(&'static str),
    /// `float`
    Float,
    /// `double`
    Double,
    /// `T *` (`const` dropped, as cgo does); `Pointer(Void)` is `unsafe.Pointer`.
    Pointer(Box<CType>),
    /// Anything else (structs, unions, enums, function pointers, `_Bool`, ...), by
    /// its C spelling: using it is `not supported yet`.
    Unsupported(String),
}

/// A C function called as `C.name(...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CFunc {
    pub name: String,
    pub params: Vec<CType>,
    pub result: CType,
    /// Declared with `...` (`printf`): cgo cannot call it either.
    pub variadic: bool,
    /// The generated wrapper in the shared object that `runtime.cgocall` calls:
    /// `uint64_t WRAPPER(uint64_t *args)`.
    pub wrapper: String,
}

/// Everything the checker and codegen need to know about the C side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CgoDecls {
    pub funcs: Vec<CFunc>,
}

impl CgoDecls {
    pub fn func(&self, name: &str) -> Option<&CFunc> {
        self.funcs.iter().find(|f| f.name == name)
    }
}
