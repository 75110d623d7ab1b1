//! Go types, interned in a [`Types`] table, and their memory layout on x86-64.
//!
//! Structural types (pointers, slices, arrays, structs, functions, channels, tuples)
//! are interned: two structurally identical unnamed types get the same [`TypeId`], so
//! identity is id equality. Each named type declaration creates a fresh id whose
//! underlying type is filled in once the declaration is resolved; so does the first
//! use of a package's type (`sync.Mutex`). `byte` and `rune` are the ids of `uint8`
//! and `int32` (aliases, as in Go).
//!
//! Layout (sizes, alignments, field offsets) lives here because both code generation
//! and the runtime type descriptors must agree on it; docs/abi.md states it in prose.

use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basic {
    /// The type of an erroneous expression; suppresses follow-on errors.
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float64,
    String,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
    /// Appended after the untyped kinds so that existing ids keep their numbers.
    Float32,
    /// `unsafe.Pointer`: a pointer to anything, nil-able and comparable; converts to
    /// and from every pointer type and `uintptr`.
    UnsafePointer,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub ty: TypeId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// The last parameter is `...T`; its entry in `params` is the slice type `[]T`.
    pub variadic: bool,
}

/// Which operations a channel type permits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    /// `chan T`
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Basic(Basic),
    Pointer(TypeId),
    Slice(TypeId),
    Array { len: u64, elem: TypeId },
    Struct { fields: Vec<Field> },
    Func(Signature),
    /// A channel: one word, the runtime's `*hchan` (nil = 0).
    Chan { dir: ChanDir, elem: TypeId },
    /// The result list of a call returning several values.
    Tuple(Vec<TypeId>),
    /// A defined type `type Name U` of package main (`pkg` is `None`), or a type of
    /// an imported package (`sync.Mutex`). `underlying` is `None` only while the
    /// declaration is being resolved.
    Named { name: String, pkg: Option<&'static str>, underlying: Option<TypeId> },
    /// An interface type. Only two exist: `interface{}` (no methods) and the
    /// underlying type of `error` (`Error() string`); user-declared interfaces with
    /// methods are not supported yet.
    Interface { methods: Vec<Field> },
}

pub struct Types {
    kinds: Vec<TypeKind>,
    interned: HashMap<TypeKind, TypeId>,
}

/// Ids of the predeclared basic types, fixed by [`Types::new`].
impl TypeId {
    pub const INVALID: TypeId = TypeId(0);
    pub const BOOL: TypeId = TypeId(1);
    pub const INT: TypeId = TypeId(2);
    pub const INT8: TypeId = TypeId(3);
    pub const INT16: TypeId = TypeId(4);
    pub const INT32: TypeId = TypeId(5);
    pub const INT64: TypeId = TypeId(6);
    pub const UINT: TypeId = TypeId(7);
    pub const UINT8: TypeId = TypeId(8);
    pub const UINT16: TypeId = TypeId(9);
    pub const UINT32: TypeId = TypeId(10);
    pub const UINT64: TypeId = TypeId(11);
    pub const UINTPTR: TypeId = TypeId(12);
    pub const FLOAT64: TypeId = TypeId(13);
    pub const STRING: TypeId = TypeId(14);
    pub const UNTYPED_BOOL: TypeId = TypeId(15);
    pub const UNTYPED_INT: TypeId = TypeId(16);
    pub const UNTYPED_RUNE: TypeId = TypeId(17);
    pub const UNTYPED_FLOAT: TypeId = TypeId(18);
    pub const UNTYPED_STRING: TypeId = TypeId(19);
    pub const UNTYPED_NIL: TypeId = TypeId(20);
    pub const FLOAT32: TypeId = TypeId(21);
    /// `interface{}` (also spelled `any`).
    pub const EMPTY_INTERFACE: TypeId = TypeId(22);
    /// `func() string`, the type of `error`'s method.
    pub const ERROR_METHOD: TypeId = TypeId(23);
    /// `interface{ Error() string }`.
    pub const ERROR_INTERFACE: TypeId = TypeId(24);
    /// The predeclared `error`.
    pub const ERROR: TypeId = TypeId(25);
    /// `unsafe.Pointer` (interned after `error`, so that the ids above keep their
    /// numbers).
    pub const UNSAFE_POINTER: TypeId = TypeId(26);
    pub const BYTE: TypeId = TypeId::UINT8;
    pub const RUNE: TypeId = TypeId::INT32;
}

const BASICS: [Basic; 22] = [
    Basic::Invalid,
    Basic::Bool,
    Basic::Int,
    Basic::Int8,
    Basic::Int16,
    Basic::Int32,
    Basic::Int64,
    Basic::Uint,
    Basic::Uint8,
    Basic::Uint16,
    Basic::Uint32,
    Basic::Uint64,
    Basic::Uintptr,
    Basic::Float64,
    Basic::String,
    Basic::UntypedBool,
    Basic::UntypedInt,
    Basic::UntypedRune,
    Basic::UntypedFloat,
    Basic::UntypedString,
    Basic::UntypedNil,
    Basic::Float32,
];

impl Default for Types {
    fn default() -> Self {
        Self::new()
    }
}

impl Types {
    pub fn new() -> Types {
        let mut t = Types { kinds: Vec::new(), interned: HashMap::new() };
        for b in BASICS {
            t.intern(TypeKind::Basic(b));
        }
        let any = t.intern(TypeKind::Interface { methods: Vec::new() });
        let method = t.intern(TypeKind::Func(Signature { params: Vec::new(), results: vec![TypeId::STRING], variadic: false }));
        let iface = t.intern(TypeKind::Interface { methods: vec![Field { name: "Error".into(), ty: method }] });
        let error = t.new_named("error");
        t.set_underlying(error, iface);
        let unsafe_pointer = t.intern(TypeKind::Basic(Basic::UnsafePointer));
        debug_assert_eq!(
            (any, method, iface, error, unsafe_pointer),
            (TypeId::EMPTY_INTERFACE, TypeId::ERROR_METHOD, TypeId::ERROR_INTERFACE, TypeId::ERROR, TypeId::UNSAFE_POINTER)
        );
        t
    }

    /// The id of a structural type, creating it on first use. Not for named types.
    pub fn intern(&mut self, kind: TypeKind) -> TypeId {
        debug_assert!(!matches!(kind, TypeKind::Named { .. }));
        if let Some(&id) = self.interned.get(&kind) {
            return id;
        }
        let id = TypeId(self.kinds.len() as u32);
        self.kinds.push(kind.clone());
        self.interned.insert(kind, id);
        id
    }

    /// A fresh named type of package main; set its underlying type with
    /// [`Types::set_underlying`].
    pub fn new_named(&mut self, name: impl Into<String>) -> TypeId {
        self.new_named_in(None, name)
    }

    /// A fresh named type of package `pkg` (`None`: main).
    pub fn new_named_in(&mut self, pkg: Option<&'static str>, name: impl Into<String>) -> TypeId {
        let id = TypeId(self.kinds.len() as u32);
        self.kinds.push(TypeKind::Named { name: name.into(), pkg, underlying: None });
        id
    }

    /// The package a named type belongs to (`None`: main, or not a named type).
    pub fn package_of(&self, t: TypeId) -> Option<&'static str> {
        match self.kind(t) {
            TypeKind::Named { pkg, .. } => *pkg,
            _ => None,
        }
    }

    pub fn set_underlying(&mut self, named: TypeId, underlying: TypeId) {
        let u = self.underlying(underlying);
        match &mut self.kinds[named.0 as usize] {
            TypeKind::Named { underlying: slot, .. } => *slot = Some(u),
            other => panic!("set_underlying on unnamed type {other:?}"),
        }
    }

    pub fn pointer(&mut self, to: TypeId) -> TypeId {
        self.intern(TypeKind::Pointer(to))
    }

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(TypeKind::Slice(elem))
    }

    pub fn kind(&self, t: TypeId) -> &TypeKind {
        &self.kinds[t.0 as usize]
    }

    /// The underlying type: itself for unnamed types; `Invalid` for a named type whose
    /// declaration is still being resolved (or is invalid).
    pub fn underlying(&self, t: TypeId) -> TypeId {
        match self.kind(t) {
            TypeKind::Named { underlying, .. } => underlying.unwrap_or(TypeId::INVALID),
            _ => t,
        }
    }

    /// The kind of the underlying type.
    pub fn under(&self, t: TypeId) -> &TypeKind {
        self.kind(self.underlying(t))
    }

    pub fn basic(&self, t: TypeId) -> Option<Basic> {
        match self.under(t) {
            TypeKind::Basic(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_named(&self, t: TypeId) -> bool {
        matches!(self.kind(t), TypeKind::Named { .. })
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(
            self.kind(t),
            TypeKind::Basic(
                Basic::UntypedBool
                    | Basic::UntypedInt
                    | Basic::UntypedRune
                    | Basic::UntypedFloat
                    | Basic::UntypedString
                    | Basic::UntypedNil
            )
        )
    }

    pub fn is_integer(&self, t: TypeId) -> bool {
        use Basic::*;
        matches!(
            self.basic(t),
            Some(Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr | UntypedInt | UntypedRune)
        )
    }

    pub fn is_unsigned(&self, t: TypeId) -> bool {
        use Basic::*;
        matches!(self.basic(t), Some(Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr))
    }

    pub fn is_float(&self, t: TypeId) -> bool {
        matches!(self.basic(t), Some(Basic::Float32 | Basic::Float64 | Basic::UntypedFloat))
    }

    pub fn is_numeric(&self, t: TypeId) -> bool {
        self.is_integer(t) || self.is_float(t)
    }

    pub fn is_string(&self, t: TypeId) -> bool {
        matches!(self.basic(t), Some(Basic::String | Basic::UntypedString))
    }

    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.under(t), TypeKind::Interface { .. })
    }

    /// Whether `nil` is a value of `t` (untyped nil itself included).
    pub fn has_nil(&self, t: TypeId) -> bool {
        t == TypeId::UNTYPED_NIL
            || matches!(self.under(t), TypeKind::Pointer(_) | TypeKind::Slice(_) | TypeKind::Func(_) | TypeKind::Interface { .. } | TypeKind::Chan { .. } | TypeKind::Basic(Basic::UnsafePointer))
    }

    pub fn is_boolean(&self, t: TypeId) -> bool {
        matches!(self.basic(t), Some(Basic::Bool | Basic::UntypedBool))
    }

    /// The type an untyped constant takes when nothing else decides (Go's default type).
    pub fn default_type(&self, t: TypeId) -> TypeId {
        match self.kind(t) {
            TypeKind::Basic(Basic::UntypedBool) => TypeId::BOOL,
            TypeKind::Basic(Basic::UntypedInt) => TypeId::INT,
            TypeKind::Basic(Basic::UntypedRune) => TypeId::RUNE,
            TypeKind::Basic(Basic::UntypedFloat) => TypeId::FLOAT64,
            TypeKind::Basic(Basic::UntypedString) => TypeId::STRING,
            _ => t,
        }
    }

    /// Size in bytes of a value of type `t` (docs/abi.md, "Value layout"). Saturates
    /// at `u64::MAX` for types the checker rejects as larger than the address space.
    pub fn size_of(&self, t: TypeId) -> u64 {
        self.layout(t).map_or(u64::MAX, |(size, _)| size)
    }

    /// Alignment in bytes of a value of type `t`.
    pub fn align_of(&self, t: TypeId) -> u64 {
        self.layout(t).map_or(8, |(_, align)| align)
    }

    /// `(size, alignment)` of `t`, or `None` if the size overflows. One pass over the
    /// type: each component is laid out once, so nesting depth costs linear time.
    pub fn layout(&self, t: TypeId) -> Option<(u64, u64)> {
        use Basic::*;
        Some(match self.under(t) {
            TypeKind::Basic(b) => match b {
                Bool | Int8 | Uint8 | UntypedBool => (1, 1),
                Int16 | Uint16 => (2, 2),
                Int32 | Uint32 | Float32 | UntypedRune => (4, 4),
                String | UntypedString => (16, 8),
                _ => (8, 8),
            },
            TypeKind::Pointer(_) | TypeKind::Func(_) | TypeKind::Chan { .. } => (8, 8),
            TypeKind::Slice(_) => (24, 8),
            TypeKind::Interface { .. } => (16, 8),
            TypeKind::Array { len, elem } => {
                let (size, align) = self.layout(*elem)?;
                (len.checked_mul(size)?, align)
            }
            TypeKind::Struct { fields } => {
                let (_, size, align) = self.fields_layout(fields, true)?;
                (size, align)
            }
            // A tuple in memory (package functions' results): laid out as a struct.
            TypeKind::Tuple(ts) => {
                let fields: Vec<Field> = ts.iter().map(|&ty| Field { name: std::string::String::new(), ty }).collect();
                let (_, size, align) = self.fields_layout(&fields, false)?;
                (size, align)
            }
            TypeKind::Named { .. } => (0, 1),
        })
    }

    /// Field offsets, size and alignment of a struct with these fields. With
    /// `pad_zero_tail`, as gc lays out structs (Go issue 9401): a struct of non-zero
    /// size whose last field has size zero gets a byte of padding after it, so that
    /// the address of that field never points past the struct (unsafe.Sizeof of
    /// `struct{ a int; z struct{} }` is 16).
    fn fields_layout(&self, fields: &[Field], pad_zero_tail: bool) -> Option<(Vec<u64>, u64, u64)> {
        let mut offset = 0u64;
        let mut max_align = 1u64;
        let mut offsets = Vec::with_capacity(fields.len());
        let mut last_size = None;
        for f in fields {
            let (size, align) = self.layout(f.ty)?;
            max_align = max_align.max(align);
            offset = offset.checked_next_multiple_of(align)?;
            offsets.push(offset);
            offset = offset.checked_add(size)?;
            last_size = Some(size);
        }
        if pad_zero_tail && offset > 0 && last_size == Some(0) {
            offset += 1;
        }
        Some((offsets, offset.checked_next_multiple_of(max_align)?, max_align))
    }

    /// Byte offset of each field, and the struct's alignment.
    pub fn struct_layout(&self, fields: &[Field]) -> (Vec<u64>, u64) {
        self.fields_layout(fields, true).map_or_else(|| (vec![0; fields.len()], 8), |(offsets, _, align)| (offsets, align))
    }

    /// Offset of field `index` of struct type `t`.
    pub fn field_offset(&self, t: TypeId, index: usize) -> u64 {
        match self.under(t) {
            TypeKind::Struct { fields } => self.struct_layout(fields).0[index],
            other => panic!("field_offset of non-struct {other:?}"),
        }
    }

    /// Go's spelling of a type, as diagnostics print it (`[]int`, `main.Point` is
    /// printed as `Point`, as go/types does for the package being checked).
    pub fn type_string(&self, t: TypeId) -> String {
        match self.kind(t) {
            TypeKind::Basic(b) => basic_name(*b).to_string(),
            TypeKind::Pointer(e) => format!("*{}", self.type_string(*e)),
            TypeKind::Slice(e) => format!("[]{}", self.type_string(*e)),
            TypeKind::Array { len, elem } => format!("[{len}]{}", self.type_string(*elem)),
            TypeKind::Struct { fields } => {
                let fs: Vec<String> = fields.iter().map(|f| format!("{} {}", f.name, self.type_string(f.ty))).collect();
                format!("struct{{{}}}", fs.join("; "))
            }
            TypeKind::Func(sig) => format!("func{}", self.signature_string(sig)),
            TypeKind::Chan { dir, elem } => self.chan_string(*dir, *elem, self.type_string(*elem)),
            TypeKind::Tuple(ts) => {
                let parts: Vec<String> = ts.iter().map(|t| self.type_string(*t)).collect();
                format!("({})", parts.join(", "))
            }
            TypeKind::Named { name, pkg: None, .. } => name.clone(),
            TypeKind::Named { name, pkg: Some(p), .. } => format!("{p}.{name}"),
            TypeKind::Interface { methods } if methods.is_empty() => "interface{}".to_string(),
            TypeKind::Interface { methods } => {
                let ms: Vec<String> = methods.iter().map(|m| format!("{}{}", m.name, self.signature_string_of(m.ty))).collect();
                format!("interface{{{}}}", ms.join("; "))
            }
        }
    }

    /// `chan T`, `chan<- T`, `<-chan T` with `elem` spelled `elem_str`; Go
    /// parenthesises a receive-only element of a bidirectional channel, which
    /// would otherwise read as `chan<- chan T`.
    fn chan_string(&self, dir: ChanDir, elem: TypeId, elem_str: String) -> String {
        match dir {
            ChanDir::Both if matches!(self.kind(elem), TypeKind::Chan { dir: ChanDir::Recv, .. }) => format!("chan ({elem_str})"),
            ChanDir::Both => format!("chan {elem_str}"),
            ChanDir::Send => format!("chan<- {elem_str}"),
            ChanDir::Recv => format!("<-chan {elem_str}"),
        }
    }

    fn signature_string_of(&self, f: TypeId) -> String {
        match self.kind(f) {
            TypeKind::Func(sig) => self.signature_string(sig),
            _ => String::new(),
        }
    }

    /// `(int, string) bool` — a signature without the `func` keyword.
    pub fn signature_string(&self, sig: &Signature) -> String {
        let n = sig.params.len();
        let params: Vec<String> = sig
            .params
            .iter()
            .enumerate()
            .map(|(i, &p)| match (sig.variadic && i + 1 == n, self.kind(p)) {
                (true, TypeKind::Slice(e)) => format!("...{}", self.type_string(*e)),
                _ => self.type_string(p),
            })
            .collect();
        let results: Vec<String> = sig.results.iter().map(|t| self.type_string(*t)).collect();
        match results.len() {
            0 => format!("({})", params.join(", ")),
            1 => format!("({}) {}", params.join(", "), results[0]),
            _ => format!("({}) ({})", params.join(", "), results.join(", ")),
        }
    }

    /// The name the runtime prints for a type (`main.Celsius`, `[]int`): qualified
    /// with the package, as Go's `%T` and panic messages do.
    pub fn runtime_name(&self, t: TypeId) -> String {
        match self.kind(t) {
            TypeKind::Named { .. } if t == TypeId::ERROR => "error".to_string(),
            TypeKind::Named { name, pkg, .. } => format!("{}.{name}", pkg.unwrap_or("main")),
            TypeKind::Pointer(e) => format!("*{}", self.runtime_name(*e)),
            TypeKind::Chan { dir, elem } => self.chan_string(*dir, *elem, self.runtime_name(*elem)),
            TypeKind::Slice(e) => format!("[]{}", self.runtime_name(*e)),
            TypeKind::Array { len, elem } => format!("[{len}]{}", self.runtime_name(*elem)),
            _ => self.type_string(t),
        }
    }
}

pub fn basic_name(b: Basic) -> &'static str {
    use Basic::*;
    match b {
        Invalid => "invalid type",
        Bool => "bool",
        Int => "int",
        Int8 => "int8",
        Int16 => "int16",
        Int32 => "int32",
        Int64 => "int64",
        Uint => "uint",
        Uint8 => "uint8",
        Uint16 => "uint16",
        Uint32 => "uint32",
        Uint64 => "uint64",
        Uintptr => "uintptr",
        Float32 => "float32",
        Float64 => "float64",
        UnsafePointer => "unsafe.Pointer",
        String => "string",
        UntypedBool => "untyped bool",
        UntypedInt => "untyped int",
        UntypedRune => "untyped rune",
        UntypedFloat => "untyped float",
        UntypedString => "untyped string",
        UntypedNil => "untyped nil",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_types_are_interned() {
        let mut t = Types::new();
        let a = t.slice(TypeId::INT);
        let b = t.slice(TypeId::INT);
        assert_eq!(a, b);
        assert_ne!(t.slice(TypeId::STRING), a);
    }

    #[test]
    fn struct_layout_aligns_fields_and_size() {
        let mut t = Types::new();
        let s = t.intern(TypeKind::Struct {
            fields: vec![
                Field { name: "a".into(), ty: TypeId::BOOL },
                Field { name: "b".into(), ty: TypeId::INT64 },
                Field { name: "c".into(), ty: TypeId::INT16 },
            ],
        });
        assert_eq!(t.field_offset(s, 1), 8);
        assert_eq!(t.field_offset(s, 2), 16);
        assert_eq!(t.size_of(s), 24);
        assert_eq!(t.align_of(s), 8);
        // gc pads a struct ending in a zero-size field (Go: 16, 0 and 24 bytes).
        let empty = t.intern(TypeKind::Struct { fields: vec![] });
        let z = t.intern(TypeKind::Struct { fields: vec![Field { name: "a".into(), ty: TypeId::INT }, Field { name: "z".into(), ty: empty }] });
        assert_eq!(t.size_of(z), 16);
        let only_empty = t.intern(TypeKind::Struct { fields: vec![Field { name: "z".into(), ty: empty }] });
        assert_eq!(t.size_of(only_empty), 0);
        let y = t.intern(TypeKind::Struct { fields: vec![Field { name: "z".into(), ty: z }, Field { name: "b".into(), ty: TypeId::INT }] });
        assert_eq!((t.size_of(y), t.field_offset(y, 1)), (24, 16));
        let arr = t.intern(TypeKind::Array { len: 3, elem: TypeId::INT16 });
        assert_eq!((t.size_of(arr), t.align_of(arr)), (6, 2));
        assert_eq!((t.size_of(TypeId::FLOAT32), t.align_of(TypeId::FLOAT32)), (4, 4));
    }

    #[test]
    fn predeclared_ids_match_their_kinds() {
        let t = Types::new();
        for (i, b) in BASICS.iter().enumerate() {
            assert_eq!(t.kind(TypeId(i as u32)), &TypeKind::Basic(*b));
        }
        assert_eq!(t.kind(TypeId::FLOAT32), &TypeKind::Basic(Basic::Float32));
        assert_eq!(t.type_string(TypeId::FLOAT32), "float32");
        assert_eq!(t.kind(TypeId::UNSAFE_POINTER), &TypeKind::Basic(Basic::UnsafePointer));
        assert_eq!(t.type_string(TypeId::UNSAFE_POINTER), "unsafe.Pointer");
        assert!(t.has_nil(TypeId::UNSAFE_POINTER) && t.size_of(TypeId::UNSAFE_POINTER) == 8);
        assert!(t.is_float(TypeId::FLOAT32) && t.is_numeric(TypeId::FLOAT32));
    }

    #[test]
    fn deeply_nested_structs_lay_out_in_linear_time() {
        // Laying out each level once: 1,000 levels would never finish if every
        // level re-laid out its field three times (as an earlier version did).
        let mut t = Types::new();
        let mut ty = TypeId::INT16;
        for _ in 0..1_000 {
            ty = t.intern(TypeKind::Struct { fields: vec![Field { name: "f".into(), ty }, Field { name: "b".into(), ty: TypeId::BOOL }] });
        }
        assert_eq!(t.align_of(ty), 2);
        assert_eq!(t.size_of(ty), 2 + 1_000 * 2);
    }

    #[test]
    fn sizes_that_overflow_have_no_layout() {
        let mut t = Types::new();
        let a = t.intern(TypeKind::Array { len: 1 << 62, elem: TypeId::INT });
        assert_eq!(t.layout(a), None);
        assert_eq!(t.size_of(a), u64::MAX);
    }

    #[test]
    fn named_types_are_distinct_and_print_their_name() {
        let mut t = Types::new();
        let n = t.new_named("Celsius");
        t.set_underlying(n, TypeId::FLOAT64);
        assert_eq!(t.underlying(n), TypeId::FLOAT64);
        assert_eq!(t.type_string(n), "Celsius");
        assert_eq!(t.runtime_name(n), "main.Celsius");
    }
}
