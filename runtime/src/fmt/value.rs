//! A typed view of a Go value in memory (the runtime's miniature `reflect.Value`): a
//! type descriptor plus the address of the value, with safe accessors that read scalars,
//! index arrays and slices, select struct fields, follow pointers and open interfaces.
//!
//! The one unsafe step is building a `Value` ([`Value::new`]); from then on every read
//! stays inside what the descriptor says the value contains, and every pointer followed
//! is one that Go's memory safety makes valid (non-nil pointers, slice backing arrays,
//! interface data words).

use std::marker::PhantomData;

use crate::abi::{Eface, GoSlice, GoString, Kind, Type};

#[derive(Clone, Copy)]
pub(crate) struct Value<'a> {
    pub typ: &'a Type,
    data: *const u8,
    _life: PhantomData<&'a u8>,
}

impl<'a> Value<'a> {
    /// # Safety
    /// `data` must point at a valid, initialised value of type `typ` (laid out as
    /// docs/abi.md says) that stays valid and unmodified for `'a`, and so must every
    /// value reachable from it through pointers, slices and interfaces.
    pub unsafe fn new(typ: &'a Type, data: *const u8) -> Value<'a> {
        Value {
            typ,
            data,
            _life: PhantomData,
        }
    }

    /// Builds a value from an `Eface`; `None` for a nil interface.
    ///
    /// # Safety
    /// As [`Value::new`] for `e.data` and `*e.typ`.
    pub unsafe fn from_eface(e: Eface) -> Option<Value<'a>> {
        // SAFETY: a non-null `typ` is a descriptor (caller's contract).
        let typ = unsafe { e.typ.as_ref() }?;
        // SAFETY: caller's contract.
        Some(unsafe { Value::new(typ, e.data) })
    }

    /// The `Error()` text of a runtime error value; `None` for other types.
    pub fn error_text(&self) -> Option<Vec<u8>> {
        // SAFETY: `data` points at a valid value of `typ` (the constructor's contract).
        unsafe { crate::errors::error_text(self.typ, self.data) }
    }

    pub fn kind(&self) -> Kind {
        self.typ.kind()
    }

    /// Reads a `T` at `off` bytes into the value.
    fn read<T: Copy>(&self, off: usize) -> T {
        // SAFETY: callers only read fields that the descriptor says exist (scalars of
        // the kind's size, headers of strings/slices/interfaces, pointer words), and
        // `new`'s contract makes them valid; `read_unaligned` needs no alignment.
        unsafe { (self.data.add(off) as *const T).read_unaligned() }
    }

    pub fn bool(&self) -> bool {
        self.read::<u8>(0) != 0
    }

    /// A signed integer of any width, sign-extended.
    pub fn int(&self) -> i64 {
        match self.kind() {
            Kind::Int8 => self.read::<i8>(0) as i64,
            Kind::Int16 => self.read::<i16>(0) as i64,
            Kind::Int32 => self.read::<i32>(0) as i64,
            _ => self.read::<i64>(0),
        }
    }

    /// An unsigned integer of any width, zero-extended.
    pub fn uint(&self) -> u64 {
        match self.kind() {
            Kind::Uint8 => self.read::<u8>(0) as u64,
            Kind::Uint16 => self.read::<u16>(0) as u64,
            Kind::Uint32 => self.read::<u32>(0) as u64,
            _ => self.read::<u64>(0),
        }
    }

    pub fn float(&self) -> f64 {
        match self.kind() {
            Kind::Float32 => self.read::<f32>(0) as f64,
            _ => self.read::<f64>(0),
        }
    }

    pub fn string(&self) -> &'a [u8] {
        let s: GoString = self.read(0);
        // SAFETY: a string header in a valid value describes live bytes (`new`).
        unsafe { s.as_bytes() }
    }

    fn slice_header(&self) -> GoSlice {
        self.read(0)
    }

    /// Number of elements of an array or slice.
    pub fn len(&self) -> usize {
        match self.kind() {
            Kind::Slice => self.slice_header().len.max(0) as usize,
            Kind::Array => self.typ.len as usize,
            _ => 0,
        }
    }

    pub fn is_nil_slice(&self) -> bool {
        self.kind() == Kind::Slice && self.slice_header().ptr.is_null()
    }

    /// Element `i` (< `len()`) of an array or slice.
    pub fn index(&self, i: usize) -> Option<Value<'a>> {
        let elem = self.typ.elem()?;
        let base = match self.kind() {
            Kind::Slice => self.slice_header().ptr as *const u8,
            _ => self.data,
        };
        // SAFETY: `i < len()`, so the element lies inside the array or the slice's
        // backing array, which `new`'s contract makes valid.
        Some(unsafe { Value::new(elem, base.wrapping_add(i * elem.size as usize)) })
    }

    /// Field `i` of a struct, with its name.
    pub fn field(&self, i: usize) -> Option<(&'a [u8], Value<'a>)> {
        let f = self.typ.fields().get(i)?;
        let t = f.typ()?;
        // SAFETY: the field lies inside the struct value at its descriptor's offset.
        Some((f.name(), unsafe {
            Value::new(t, self.data.wrapping_add(f.offset as usize))
        }))
    }

    /// The machine word Go's `reflect.Value.Pointer` gives: the address held by a
    /// pointer, the backing array of a slice, the code address of a func value.
    pub fn pointer(&self) -> usize {
        match self.kind() {
            Kind::Pointer | Kind::UnsafePointer | Kind::Chan => self.read::<usize>(0),
            Kind::Slice => self.slice_header().ptr as usize,
            Kind::Func => {
                let closure = self.read::<usize>(0);
                if closure == 0 {
                    0
                } else {
                    // SAFETY: a non-nil func value points at a closure object whose
                    // first word is the code pointer (docs/abi.md).
                    unsafe { (closure as *const usize).read() }
                }
            }
            _ => 0,
        }
    }

    /// The value a non-nil pointer points at.
    pub fn deref(&self) -> Option<Value<'a>> {
        let p = self.read::<usize>(0);
        if p == 0 {
            return None;
        }
        let elem = self.typ.elem()?;
        // SAFETY: a non-nil Go pointer points at a valid value of its element type.
        Some(unsafe { Value::new(elem, p as *const u8) })
    }

    /// The dynamic value inside an interface; `None` for a nil interface.
    pub fn interface_elem(&self) -> Option<Value<'a>> {
        let e: Eface = self.read(0);
        // SAFETY: an interface value in memory is an `Eface` whose data points at a
        // value of its dynamic type.
        unsafe { Value::from_eface(e) }
    }
}
