//! cgo's names for C's arithmetic types (`C.uint`, ...) and their C spellings, and
//! the `C.` names that are not declarations of the preamble.

use types::cgo::CType;

/// cgo's integer type names (as in `CType::Int`) with their C spellings.
const INTEGERS: [(&str, &str); 11] = [
    ("char", "char"),
    ("schar", "signed char"),
    ("uchar", "unsigned char"),
    ("short", "short"),
    ("ushort", "unsigned short"),
    ("int", "int"),
    ("uint", "unsigned int"),
    ("long", "long"),
    ("ulong", "unsigned long"),
    ("longlong", "long long"),
    ("ulonglong", "unsigned long long"),
];

/// Type names of `C.` that the checker knows without asking the C compiler, beyond
/// the integers, `float` and `double`.
const OTHER_TYPES: [&str; 11] = [
    "size_t",
    "ssize_t",
    "uintptr_t",
    "int8_t",
    "int16_t",
    "int32_t",
    "int64_t",
    "uint8_t",
    "uint16_t",
    "uint32_t",
    "uint64_t",
];

/// cgo's builtin functions (implemented by the runtime, not by C).
const BUILTINS: [&str; 3] = ["CString", "GoString", "GoStringN"];

/// Why `C.name` cannot be used although it may well be declared: cmd/cgo's names
/// for tagged C types and the builtins not implemented yet. Probing them would
/// wrongly report them as undeclared.
pub(crate) fn unsupported(name: &str) -> Option<&'static str> {
    if ["struct_", "union_", "enum_"].iter().any(|tag| name.starts_with(tag)) {
        Some("C structs, unions and enums")
    } else if ["GoBytes", "CBytes"].contains(&name) {
        Some("this cgo builtin")
    } else {
        None
    }
}

/// Whether `C.name` is a predefined type or a builtin: nothing to look up in the
/// preamble.
pub(crate) fn is_predefined(name: &str) -> bool {
    spelling(name).is_some() || OTHER_TYPES.contains(&name) || BUILTINS.contains(&name)
}

/// The C spelling of `C.name` for a type an `//export` signature may use:
/// `uint` is `unsigned int`.
pub(crate) fn spelling(name: &str) -> Option<&'static str> {
    match name {
        "float" => Some("float"),
        "double" => Some("double"),
        "size_t" => Some("size_t"),
        _ => INTEGERS.iter().find(|(cgo, _)| *cgo == name).map(|(_, c)| *c),
    }
}

/// The C type a call wrapper reads an argument of type `t` from its 8-byte slot as.
/// Every pointer is read as `void *` (which converts to any object pointer type);
/// `None` for `void` and unsupported types, which no wrapper can pass.
pub(crate) fn slot_type(t: &CType) -> Option<&'static str> {
    match t {
        CType::Int(name) => spelling(name),
        CType::Float => Some("float"),
        CType::Double => Some("double"),
        CType::Pointer(_) => Some("void *"),
        CType::Void | CType::Unsupported(_) => None,
    }
}

/// The spelling of a pointer to a C type: `char *`, `char **`.
pub(crate) fn pointer_to(spelling: &str) -> String {
    if spelling.ends_with('*') {
        format!("{spelling}*")
    } else {
        format!("{spelling} *")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(spelling("uint"), Some("unsigned int"));
        assert_eq!(spelling("ulonglong"), Some("unsigned long long"));
        assert_eq!(spelling("size_t"), Some("size_t"));
        assert_eq!(spelling("uint32_t"), None);
        assert!(is_predefined("uint32_t") && is_predefined("GoStringN") && is_predefined("schar"));
        assert!(!is_predefined("free"));
        assert_eq!(unsupported("struct_point"), Some("C structs, unions and enums"));
        assert_eq!(unsupported("structure"), None);
        assert_eq!(slot_type(&CType::Pointer(Box::new(CType::Int("char")))), Some("void *"));
        assert_eq!(slot_type(&CType::Unsupported("struct s".into())), None);
    }
}
