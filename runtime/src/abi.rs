//! The `#[repr(C)]` data types shared by compiled code and the runtime, exactly as
//! `docs/abi.md` lays them out: the goroutine header `G`, strings, slices, type
//! descriptors, struct fields and empty interfaces (`Eface`).
//!
//! This module only defines layouts (and checks them at compile time) plus small safe
//! accessors; it does not interpret values. Walking a value by its descriptor is
//! `fmt::value`'s job.
//!
//! ```text
//!  G (compiled code sees 48 bytes)   GoString (16)        GoSlice (24)
//!  +0  stack_lo                       +0 ptr               +0  ptr
//!  +8  stack_hi                       +8 len               +8  len
//!  +16 stackguard0  <- prologue                            +16 cap
//!  +24 goid
//!  +32 agg_sp       <- aggregate-stack prologue
//!  +40 agg_limit
//!  +48 defer        <- functions with general-path defers link their DeferFrame here
//!  +56 m, sched, morebuf, agg, panic, sched_state...: runtime-private
//!      (crate::stack, crate::panic, crate::sched)
//! ```

use std::mem::offset_of;

/// A goroutine. Compiled code receives `*mut G` as its first (VMContext) parameter;
/// every prologue compares SP with `stackguard0`, functions with aggregates bump
/// `agg_sp` and functions with general-path defers push their [`DeferFrame`] on `defer`, so offsets
/// 0..56 are frozen (docs/abi.md "Goroutine"). The fields after them are the
/// runtime's (see `crate::stack` and `crate::panic` for what they hold).
#[repr(C)]
#[derive(Debug)]
pub struct G {
    /// Lowest address of the goroutine stack.
    pub stack_lo: usize,
    /// One past the highest address of the goroutine stack.
    pub stack_hi: usize,
    /// Compared with SP by every prologue (offset 16): `stack_lo + STACK_GUARD`,
    /// `STACK_POISON_MOVE` under the stress knob, 0 on a fixed stack.
    pub stackguard0: usize,
    /// Goroutine id, 1 for the main goroutine (0 for an M's g0).
    pub goid: i64,
    /// Next free byte of the aggregate stack (offset 32).
    pub agg_sp: usize,
    /// End of the current aggregate-stack chunk (offset 40).
    pub agg_limit: usize,
    /// The innermost frame with defers (offset 48); null when none.
    pub defer: *mut DeferFrame,
    /// The M running this goroutine.
    pub(crate) m: *mut crate::stack::M,
    /// SP/BP saved by `systemstack` while the goroutine waits on g0 (and, for g0, the
    /// system stack's SP/BP where switches to it start). Adjusted by stack copies.
    pub(crate) sched: crate::stack::Gobuf,
    /// `morestack_noctxt`'s register save area and entry state.
    pub(crate) morebuf: crate::stack::MoreBuf,
    /// The aggregate stack's chunks.
    pub(crate) agg: crate::stack::AggStack,
    /// Under the stress knob: prologue checks since the stack last moved.
    pub(crate) stress_skipped: usize,
    /// The innermost active panic (`crate::panic::Panic`); null when not panicking.
    pub(crate) panic: *mut crate::panic::Panic,
    /// SP/BP of compiled code at a panic entry stub (`arch`), read on g0.
    pub(crate) panicbuf: crate::stack::Gobuf,
    /// PC of the last nil dereference (Go's `g.sigpc`); printed with a fatal panic.
    pub(crate) sigpc: usize,
    /// Scheduling state and its bookkeeping (`crate::sched`).
    pub(crate) sched_state: crate::sched::GSched,
    /// Callbacks from C in progress (`crate::cgo`).
    pub(crate) cgo: crate::cgo::GCgo,
}

const _: () = assert!(offset_of!(G, stack_lo) == 0);
const _: () = assert!(offset_of!(G, stack_hi) == 8);
const _: () = assert!(offset_of!(G, stackguard0) == 16);
const _: () = assert!(offset_of!(G, goid) == 24);
const _: () = assert!(offset_of!(G, agg_sp) == 32);
const _: () = assert!(offset_of!(G, agg_limit) == 40);
const _: () = assert!(offset_of!(G, defer) == 48);

/// The general-path defers of one active function (docs/abi.md "Defer"). Compiled code
/// allocates it in the function's aggregate-stack frame on entry, links it into
/// `G::defer`, and unlinks it on return; only functions whose defers are not
/// open-coded have one (open-coded ones keep their pending calls in their native
/// frame, found through `symtab::FuncInfo::open_defers`). Whoever runs a deferred
/// call unlinks its node first.
#[repr(C)]
#[derive(Debug)]
pub struct DeferFrame {
    /// The next older frame with a record.
    pub link: *mut DeferFrame,
    /// The function's frame pointer: identifies the frame on the goroutine stack (the
    /// stack copier adjusts it).
    pub fp: usize,
    /// `G::agg_sp` / `G::agg_limit` just after the function's prologue allocated its
    /// aggregate frame: what a recovery into this frame restores.
    pub agg_sp: usize,
    pub agg_limit: usize,
    /// Pending deferred calls, newest first.
    pub general: *mut DeferNode,
}

const _: () = assert!(offset_of!(DeferFrame, fp) == 8);
const _: () = assert!(offset_of!(DeferFrame, agg_sp) == 16);
const _: () = assert!(offset_of!(DeferFrame, agg_limit) == 24);
const _: () = assert!(offset_of!(DeferFrame, general) == 32);
const _: () = assert!(std::mem::size_of::<DeferFrame>() == 40);

/// One general defer: a `func()` closure pointer (possibly nil). Nodes made by
/// `runtime.newdefer` carry the closure object itself after the header, in one of a
/// few size classes, and are reused once the call is popped.
#[repr(C)]
#[derive(Debug)]
pub struct DeferNode {
    pub fnv: usize,
    pub next: *mut DeferNode,
    /// Index of the node's size class (`crate::panic`'s free lists).
    pub class: usize,
}

/// A Go string header. Returned by value in RAX:RDX (System V, two INTEGER eightbytes).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GoString {
    pub ptr: *const u8,
    pub len: i64,
}

const _: () = assert!(std::mem::size_of::<GoString>() == 16);
const _: () = assert!(offset_of!(GoString, len) == 8);

impl GoString {
    /// The empty string (null pointer, zero length), like Go's zero value.
    pub const EMPTY: GoString = GoString {
        ptr: std::ptr::null(),
        len: 0,
    };

    /// Views the bytes of a string header.
    ///
    /// # Safety
    /// `ptr` must point at `len` readable bytes that stay valid and unmodified for `'a`
    /// (a null `ptr` is allowed when `len <= 0`).
    pub unsafe fn as_bytes<'a>(&self) -> &'a [u8] {
        // SAFETY: forwarded to the caller's contract.
        unsafe { crate::strings::bytes(self.ptr, self.len) }
    }
}

/// A Go slice header.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GoSlice {
    pub ptr: *mut u8,
    pub len: i64,
    pub cap: i64,
}

const _: () = assert!(std::mem::size_of::<GoSlice>() == 24);
const _: () = assert!(offset_of!(GoSlice, len) == 8);
const _: () = assert!(offset_of!(GoSlice, cap) == 16);

/// A type descriptor, emitted read-only by codegen for every type that reaches `fmt`
/// or `panic`.
#[repr(C)]
#[derive(Debug)]
pub struct Type {
    /// `reflect.Kind` numbering, see [`Kind`].
    pub kind: u64,
    /// Size in bytes of a value.
    pub size: u64,
    /// Pointer, Slice, Array, Chan: the element type; else null.
    pub elem: *const Type,
    /// Array: the length; Struct: the number of fields; Chan: the direction
    /// (`reflect.ChanDir`: 1 receive-only, 2 send-only, 3 both); else 0.
    pub len: u64,
    /// Struct: `len` fields; else null.
    pub fields: *const Field,
    /// Named types: e.g. `main.Celsius`; else null.
    pub name_ptr: *const u8,
    pub name_len: u64,
    /// The `Error() string` method of the runtime's error types (`errors.New`, run-time
    /// errors); null for every type codegen emits (user types have no methods yet).
    pub error_fn: Option<ErrorFn>,
}

/// An `Error` method: the error text of the value at `data`.
pub type ErrorFn = unsafe extern "C" fn(data: *const u8) -> GoString;

const _: () = assert!(std::mem::size_of::<Type>() == 64);
const _: () = assert!(offset_of!(Type, error_fn) == 56);
const _: () = assert!(offset_of!(Type, elem) == 16);
const _: () = assert!(offset_of!(Type, fields) == 32);
const _: () = assert!(offset_of!(Type, name_len) == 48);

// SAFETY: descriptors are immutable once emitted (read-only data), so sharing them
// between threads is sound.
unsafe impl Sync for Type {}

/// A struct field descriptor.
#[repr(C)]
#[derive(Debug)]
pub struct Field {
    pub name_ptr: *const u8,
    pub name_len: u64,
    pub typ: *const Type,
    /// Byte offset of the field inside the struct.
    pub offset: u64,
}

const _: () = assert!(std::mem::size_of::<Field>() == 32);
const _: () = assert!(offset_of!(Field, typ) == 16);
const _: () = assert!(offset_of!(Field, offset) == 24);

// SAFETY: as for `Type`, field descriptors are immutable.
unsafe impl Sync for Field {}

/// An empty interface (`any`) value: its dynamic type (null for a nil interface) and a
/// pointer *at* the value (valid only for the duration of the call that receives it).
/// Interface-typed values stored in memory (struct fields, slice elements) use the same
/// two-word layout.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Eface {
    pub typ: *const Type,
    pub data: *const u8,
}

const _: () = assert!(std::mem::size_of::<Eface>() == 16);

/// `reflect.Kind` numbering, as used in [`Type::kind`].
#[repr(u64)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Invalid = 0,
    Bool = 1,
    Int = 2,
    Int8 = 3,
    Int16 = 4,
    Int32 = 5,
    Int64 = 6,
    Uint = 7,
    Uint8 = 8,
    Uint16 = 9,
    Uint32 = 10,
    Uint64 = 11,
    Uintptr = 12,
    Float32 = 13,
    Float64 = 14,
    Array = 17,
    Chan = 18,
    Func = 19,
    Interface = 20,
    Pointer = 22,
    Slice = 23,
    String = 24,
    Struct = 25,
    UnsafePointer = 26,
}

impl Kind {
    /// Decodes a descriptor's kind word; unknown numbers (complex, map, chan: not in the
    /// subset yet) become `Invalid`.
    pub fn from_u64(k: u64) -> Kind {
        match k {
            1 => Kind::Bool,
            2 => Kind::Int,
            3 => Kind::Int8,
            4 => Kind::Int16,
            5 => Kind::Int32,
            6 => Kind::Int64,
            7 => Kind::Uint,
            8 => Kind::Uint8,
            9 => Kind::Uint16,
            10 => Kind::Uint32,
            11 => Kind::Uint64,
            12 => Kind::Uintptr,
            13 => Kind::Float32,
            14 => Kind::Float64,
            17 => Kind::Array,
            18 => Kind::Chan,
            19 => Kind::Func,
            20 => Kind::Interface,
            22 => Kind::Pointer,
            23 => Kind::Slice,
            24 => Kind::String,
            25 => Kind::Struct,
            26 => Kind::UnsafePointer,
            _ => Kind::Invalid,
        }
    }

    /// The name Go's reflect gives an unnamed type of this basic kind.
    pub fn basic_name(self) -> Option<&'static str> {
        Some(match self {
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Int8 => "int8",
            Kind::Int16 => "int16",
            Kind::Int32 => "int32",
            Kind::Int64 => "int64",
            Kind::Uint => "uint",
            Kind::Uint8 => "uint8",
            Kind::Uint16 => "uint16",
            Kind::Uint32 => "uint32",
            Kind::Uint64 => "uint64",
            Kind::Uintptr => "uintptr",
            Kind::Float32 => "float32",
            Kind::Float64 => "float64",
            Kind::String => "string",
            Kind::UnsafePointer => "unsafe.Pointer",
            _ => return None,
        })
    }

    pub fn is_signed_int(self) -> bool {
        matches!(
            self,
            Kind::Int | Kind::Int8 | Kind::Int16 | Kind::Int32 | Kind::Int64
        )
    }

    pub fn is_unsigned_int(self) -> bool {
        matches!(
            self,
            Kind::Uint | Kind::Uint8 | Kind::Uint16 | Kind::Uint32 | Kind::Uint64 | Kind::Uintptr
        )
    }
}

impl Type {
    /// A descriptor without element type or fields (the runtime's own types), named
    /// `name` unless it is empty.
    pub const fn leaf(kind: Kind, size: u64, name: &'static str, error_fn: Option<ErrorFn>) -> Type {
        Type {
            kind: kind as u64,
            size,
            elem: std::ptr::null(),
            len: 0,
            fields: std::ptr::null(),
            name_ptr: if name.is_empty() { std::ptr::null() } else { name.as_ptr() },
            name_len: name.len() as u64,
            error_fn,
        }
    }

    pub fn kind(&self) -> Kind {
        Kind::from_u64(self.kind)
    }

    /// The declared name (`main.Celsius`) of a named type.
    pub fn name(&self) -> Option<&[u8]> {
        if self.name_ptr.is_null() {
            return None;
        }
        // SAFETY: codegen emits `name_len` bytes of read-only name data at `name_ptr`,
        // living as long as the descriptor.
        Some(unsafe { crate::strings::bytes(self.name_ptr, self.name_len as i64) })
    }

    /// The element type of a Pointer, Slice or Array type.
    pub fn elem(&self) -> Option<&Type> {
        // SAFETY: `elem` is null or points at another immutable descriptor.
        unsafe { self.elem.as_ref() }
    }

    /// The fields of a Struct type (empty for other kinds).
    pub fn fields(&self) -> &[Field] {
        if self.kind() != Kind::Struct || self.fields.is_null() || self.len == 0 {
            return &[];
        }
        // SAFETY: for a struct, codegen emits `len` consecutive field descriptors.
        unsafe { std::slice::from_raw_parts(self.fields, self.len as usize) }
    }

    /// Go's `reflect.Type.String()`: the name of a named type, else the type literal.
    pub fn type_string(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_type_string(&mut out);
        out
    }

    fn write_type_string(&self, out: &mut Vec<u8>) {
        if let Some(n) = self.name() {
            out.extend_from_slice(n);
            return;
        }
        let kind = self.kind();
        if let Some(n) = kind.basic_name() {
            out.extend_from_slice(n.as_bytes());
            return;
        }
        match kind {
            Kind::Pointer => {
                out.push(b'*');
                self.write_elem_string(out);
            }
            Kind::Slice => {
                out.extend_from_slice(b"[]");
                self.write_elem_string(out);
            }
            Kind::Array => {
                out.push(b'[');
                out.extend_from_slice(self.len.to_string().as_bytes());
                out.push(b']');
                self.write_elem_string(out);
            }
            Kind::Struct => {
                let fields = self.fields();
                if fields.is_empty() {
                    out.extend_from_slice(b"struct {}");
                    return;
                }
                out.extend_from_slice(b"struct {");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(b';');
                    }
                    out.push(b' ');
                    out.extend_from_slice(f.name());
                    out.push(b' ');
                    match f.typ() {
                        Some(t) => t.write_type_string(out),
                        None => out.extend_from_slice(b"?"),
                    }
                }
                out.extend_from_slice(b" }");
            }
            Kind::Chan => {
                out.extend_from_slice(match self.len {
                    1 => b"<-chan ".as_slice(),
                    2 => b"chan<- ".as_slice(),
                    _ => b"chan ".as_slice(),
                });
                // `chan (<-chan T)`: without parentheses it would read `chan<- chan T`.
                let recv_only_elem = self.elem().is_some_and(|e| e.name().is_none() && e.kind() == Kind::Chan && e.len == 1);
                if self.len == 3 && recv_only_elem {
                    out.push(b'(');
                    self.write_elem_string(out);
                    out.push(b')');
                } else {
                    self.write_elem_string(out);
                }
            }
            Kind::Interface => out.extend_from_slice(b"interface {}"),
            // Descriptors carry no signature: the best we can say.
            Kind::Func => out.extend_from_slice(b"func()"),
            _ => out.extend_from_slice(b"?"),
        }
    }

    fn write_elem_string(&self, out: &mut Vec<u8>) {
        match self.elem() {
            Some(e) => e.write_type_string(out),
            None => out.push(b'?'),
        }
    }
}

impl Field {
    pub fn name(&self) -> &[u8] {
        // SAFETY: codegen emits `name_len` bytes of read-only name data (null when 0).
        unsafe { crate::strings::bytes(self.name_ptr, self.name_len as i64) }
    }

    pub fn typ(&self) -> Option<&Type> {
        // SAFETY: null or an immutable descriptor.
        unsafe { self.typ.as_ref() }
    }
}

#[cfg(test)]
pub(crate) mod testtypes {
    //! Hand-built descriptors for unit tests (what codegen would emit).
    use super::*;

    /// Leaks a descriptor so tests can hold `&'static Type`.
    pub fn leak(t: Type) -> &'static Type {
        Box::leak(Box::new(t))
    }

    pub fn basic(kind: Kind, size: u64) -> &'static Type {
        leak(Type::leaf(kind, size, "", None))
    }

    pub fn named(kind: Kind, size: u64, name: &'static str) -> &'static Type {
        leak(Type::leaf(kind, size, name, None))
    }

    pub fn int() -> &'static Type {
        basic(Kind::Int, 8)
    }
    pub fn string() -> &'static Type {
        basic(Kind::String, 16)
    }
    pub fn float64() -> &'static Type {
        basic(Kind::Float64, 8)
    }
    pub fn boolean() -> &'static Type {
        basic(Kind::Bool, 1)
    }
    pub fn uint8() -> &'static Type {
        basic(Kind::Uint8, 1)
    }
    pub fn int32() -> &'static Type {
        basic(Kind::Int32, 4)
    }

    pub fn slice_of(elem: &'static Type) -> &'static Type {
        leak(Type {
            kind: Kind::Slice as u64,
            size: 24,
            elem,
            len: 0,
            fields: std::ptr::null(),
            name_ptr: std::ptr::null(),
            name_len: 0,
            error_fn: None,
        })
    }

    pub fn ptr_to(elem: &'static Type) -> &'static Type {
        leak(Type {
            kind: Kind::Pointer as u64,
            size: 8,
            elem,
            len: 0,
            fields: std::ptr::null(),
            name_ptr: std::ptr::null(),
            name_len: 0,
            error_fn: None,
        })
    }

    pub fn array_of(elem: &'static Type, n: u64) -> &'static Type {
        leak(Type {
            kind: Kind::Array as u64,
            size: elem.size * n,
            elem,
            len: n,
            fields: std::ptr::null(),
            name_ptr: std::ptr::null(),
            name_len: 0,
            error_fn: None,
        })
    }

    /// A struct with the given (name, type, offset) fields; `name` None = unnamed.
    pub fn struct_of(
        name: Option<&'static str>,
        size: u64,
        fields: &[(&'static str, &'static Type, u64)],
    ) -> &'static Type {
        let fs: Vec<Field> = fields
            .iter()
            .map(|(n, t, off)| Field {
                name_ptr: n.as_ptr(),
                name_len: n.len() as u64,
                typ: *t,
                offset: *off,
            })
            .collect();
        let fs: &'static [Field] = Box::leak(fs.into_boxed_slice());
        leak(Type {
            kind: Kind::Struct as u64,
            size,
            elem: std::ptr::null(),
            len: fs.len() as u64,
            fields: fs.as_ptr(),
            name_ptr: name.map_or(std::ptr::null(), |n| n.as_ptr()),
            name_len: name.map_or(0, |n| n.len() as u64),
            error_fn: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::testtypes::*;

    #[test]
    fn type_strings() {
        assert_eq!(int().type_string(), b"int");
        assert_eq!(slice_of(uint8()).type_string(), b"[]uint8");
        assert_eq!(ptr_to(array_of(int32(), 3)).type_string(), b"*[3]int32");
        let p = struct_of(Some("main.P"), 16, &[("X", int(), 0), ("Y", int(), 8)]);
        assert_eq!(p.type_string(), b"main.P");
        assert_eq!(ptr_to(p).type_string(), b"*main.P");
        let anon = struct_of(None, 24, &[("A", int(), 0), ("B", string(), 8)]);
        assert_eq!(anon.type_string(), b"struct { A int; B string }");
        assert_eq!(struct_of(None, 0, &[]).type_string(), b"struct {}");
    }
}
