//! How Go values map to Cranelift values and memory (docs/abi.md, "Value layout").
//!
//! A Go value is either *scalar* — carried in one to three Cranelift values (an
//! integer, a string's pointer and length, a slice's pointer, length and capacity) —
//! or *memory* — an array or struct, carried as the address of its bytes.

use ::types::types::Signature as GoSignature;
use ::types::{Basic, TypeId, TypeKind, Types};
use cranelift_codegen::ir::types::{F32, F64, I16, I32, I64, I8};
use cranelift_codegen::ir::{AbiParam, ArgumentPurpose, Signature, Type};
use cranelift_codegen::isa::CallConv;

/// Representation of a Go type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repr {
    /// Flattened into these Cranelift values; in memory they sit at `offsets`.
    Scalars(Vec<Type>),
    /// An aggregate in memory, passed around by address.
    Memory { size: u64, align: u64 },
}

pub const PTR: Type = I64;

pub fn repr(t: &Types, ty: TypeId) -> Repr {
    use Basic::*;
    let scalars = |v: &[Type]| Repr::Scalars(v.to_vec());
    match t.under(ty) {
        TypeKind::Basic(b) => match b {
            Bool | UntypedBool | Int8 | Uint8 => scalars(&[I8]),
            Int16 | Uint16 => scalars(&[I16]),
            Int32 | Uint32 | UntypedRune => scalars(&[I32]),
            Float32 => scalars(&[F32]),
            Float64 | UntypedFloat => scalars(&[F64]),
            String | UntypedString => scalars(&[PTR, I64]),
            Invalid => scalars(&[]),
            _ => scalars(&[I64]),
        },
        TypeKind::Pointer(_) | TypeKind::Func(_) | TypeKind::Chan { .. } => scalars(&[PTR]),
        TypeKind::Slice(_) => scalars(&[PTR, I64, I64]),
        // (dynamic type descriptor, pointer to the value); both null for nil.
        TypeKind::Interface { .. } => scalars(&[PTR, PTR]),
        TypeKind::Array { .. } | TypeKind::Struct { .. } => Repr::Memory { size: t.size_of(ty), align: t.align_of(ty) },
        TypeKind::Tuple(_) | TypeKind::Named { .. } => scalars(&[]),
    }
}

/// Byte offsets of the scalar components of a scalar type in memory.
pub fn scalar_offsets(parts: &[Type]) -> Vec<i32> {
    let mut off = 0;
    parts
        .iter()
        .map(|p| {
            let here = off;
            off += p.bytes() as i32;
            here
        })
        .collect()
}

pub fn is_memory(t: &Types, ty: TypeId) -> bool {
    matches!(repr(t, ty), Repr::Memory { .. })
}

/// The Cranelift values a value of `ty` occupies when passed or returned: its scalars,
/// or one address for an aggregate.
pub fn abi_parts(t: &Types, ty: TypeId) -> Vec<Type> {
    match repr(t, ty) {
        Repr::Scalars(v) => v,
        Repr::Memory { .. } => vec![PTR],
    }
}

/// The signature of a compiled Go function of Go signature `sig` (module docs). Only
/// closures, and every call through a function value, take the closure context.
pub fn go_signature(t: &Types, sig: &GoSignature, closure: bool) -> Signature {
    let mut s = Signature::new(CallConv::Tail);
    s.params.push(AbiParam::special(PTR, ArgumentPurpose::VMContext));
    if closure {
        s.params.push(AbiParam::new(PTR));
    }
    for &r in &sig.results {
        if is_memory(t, r) {
            s.params.push(AbiParam::new(PTR));
        }
    }
    for &p in &sig.params {
        s.params.extend(abi_parts(t, p).into_iter().map(AbiParam::new));
    }
    for &r in &sig.results {
        if !is_memory(t, r) {
            s.returns.extend(abi_parts(t, r).into_iter().map(AbiParam::new));
        }
    }
    pad_stack_args(&mut s);
    s
}

/// Argument registers of the x86-64 `tail` (and System V) convention.
const INT_ARG_REGS: usize = 6;
const FLOAT_ARG_REGS: usize = 8;

/// Appends an unused `i64` parameter when the arguments passed on the stack would
/// leave a padding word in the caller's outgoing-argument area (they are 8 bytes each,
/// the area 16-aligned). Callers pass 0 for it (`FunctionTranslator::emit_call`), so
/// every word of that area is written before each call: a padding word would keep
/// whatever an earlier, deeper call left there, such as a saved frame pointer, which
/// the stack copier's verifier cannot tell from a live pointer into the stack.
pub fn pad_stack_args(s: &mut Signature) {
    let ints = s.params.iter().filter(|p| !p.value_type.is_float()).count();
    let floats = s.params.len() - ints;
    let on_stack = ints.saturating_sub(INT_ARG_REGS) + floats.saturating_sub(FLOAT_ARG_REGS);
    if on_stack % 2 == 1 {
        s.params.push(AbiParam::new(I64));
    }
}

/// reflect.Kind of a type's underlying type (docs/abi.md, "Type descriptors").
pub fn reflect_kind(t: &Types, ty: TypeId) -> u64 {
    use Basic::*;
    match t.under(ty) {
        TypeKind::Basic(b) => match b {
            Bool | UntypedBool => 1,
            Int | UntypedInt => 2,
            Int8 => 3,
            Int16 => 4,
            Int32 | UntypedRune => 5,
            Int64 => 6,
            Uint => 7,
            Uint8 => 8,
            Uint16 => 9,
            Uint32 => 10,
            Uint64 => 11,
            Uintptr => 12,
            Float32 => 13,
            Float64 | UntypedFloat => 14,
            String | UntypedString => 24,
            UnsafePointer => 26,
            Invalid | UntypedNil => 0,
        },
        TypeKind::Array { .. } => 17,
        TypeKind::Chan { .. } => 18,
        TypeKind::Func(_) => 19,
        TypeKind::Pointer(_) => 22,
        TypeKind::Slice(_) => 23,
        TypeKind::Struct { .. } => 25,
        TypeKind::Interface { .. } => 20,
        TypeKind::Tuple(_) | TypeKind::Named { .. } => 0,
    }
}
